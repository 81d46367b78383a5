//! Findings: what validation noticed, as stable reason codes with structured fields.
//!
//! Logic only ever creates findings; their words come from the message catalog
//! ([`crate::messages`]), filled in from the structured fields.

use crate::prelude::*;

use crate::json::{JsonWriter, Key, ToJson};

/// The stable reason code of a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingCode {
    /// Nothing was entered.
    Empty,
    /// More than 256 characters: refused before any other work.
    InputTooLong,
    /// A character that cannot occur in this scheme.
    InvalidCharacter,
    /// A `?` typed for a character the customer cannot read.
    UnreadableCharacter,
    /// Fewer symbols than the scheme needs.
    TooShort,
    /// More symbols than the scheme allows.
    TooLong,
    /// The region prefix belongs to no marketplace the scheme knows.
    UnknownPrefix,
    /// The code belongs to another marketplace than the one it is redeemed on.
    WrongRegion,
    /// The check symbols do not match: something is mistyped.
    ChecksumMismatch,
    /// The credit's validity has ended.
    Expired,
    /// The credit's issue day lies in the future.
    NotYetValid,
    /// Seven days or fewer of validity left.
    ExpiresSoon,
    /// The validity symbol has no meaning.
    InvalidValidity,
    /// Only digits, as long as the card's serial number.
    LooksLikeSerialNumber,
    /// An order number (17 digits, `302-1234567-1234567`, or `D` and 16 digits for digital orders)
    /// taken from the order confirmation instead of the code.
    LooksLikeOrderNumber,
    /// A code of another kind (a credit code in a gift card field, or the reverse).
    WrongCodeType,
    /// Characters that are easily confused, in a scheme without a checksum to settle them.
    AmbiguousCharacters,
    /// The scheme has no checksum: only the shape was checked.
    NoChecksum,
}

/// Every finding code, for catalogs and tests.
pub const ALL_CODES: [FindingCode; 18] = [
    FindingCode::Empty,
    FindingCode::InputTooLong,
    FindingCode::InvalidCharacter,
    FindingCode::UnreadableCharacter,
    FindingCode::TooShort,
    FindingCode::TooLong,
    FindingCode::UnknownPrefix,
    FindingCode::WrongRegion,
    FindingCode::ChecksumMismatch,
    FindingCode::Expired,
    FindingCode::NotYetValid,
    FindingCode::ExpiresSoon,
    FindingCode::InvalidValidity,
    FindingCode::LooksLikeSerialNumber,
    FindingCode::LooksLikeOrderNumber,
    FindingCode::WrongCodeType,
    FindingCode::AmbiguousCharacters,
    FindingCode::NoChecksum,
];

impl FindingCode {
    /// The stable snake_case reason code.
    pub fn code(self) -> &'static str {
        match self {
            FindingCode::Empty => "empty",
            FindingCode::InputTooLong => "input_too_long",
            FindingCode::InvalidCharacter => "invalid_character",
            FindingCode::UnreadableCharacter => "unreadable_character",
            FindingCode::TooShort => "too_short",
            FindingCode::TooLong => "too_long",
            FindingCode::UnknownPrefix => "unknown_prefix",
            FindingCode::WrongRegion => "wrong_region",
            FindingCode::ChecksumMismatch => "checksum_mismatch",
            FindingCode::Expired => "expired",
            FindingCode::NotYetValid => "not_yet_valid",
            FindingCode::ExpiresSoon => "expires_soon",
            FindingCode::InvalidValidity => "invalid_validity",
            FindingCode::LooksLikeSerialNumber => "looks_like_serial_number",
            FindingCode::LooksLikeOrderNumber => "looks_like_order_number",
            FindingCode::WrongCodeType => "wrong_code_type",
            FindingCode::AmbiguousCharacters => "ambiguous_characters",
            FindingCode::NoChecksum => "no_checksum",
        }
    }

    /// The code with this reason code.
    pub fn from_code(code: &str) -> Option<FindingCode> {
        ALL_CODES.into_iter().find(|c| c.code() == code)
    }
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// For information; nothing is wrong.
    Info,
    /// Worth knowing; the code is still well-formed.
    Warning,
    /// The code cannot be right as entered.
    Error,
}

impl Severity {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding, with its words filled in for the requested locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable reason code.
    pub code: FindingCode,
    /// How much it matters.
    pub severity: Severity,
    /// 0-based position in the normalised code, where one position is concerned.
    pub position: Option<usize>,
    /// What was expected (a length, a character, a marketplace, …).
    pub expected: Option<String>,
    /// What was found.
    pub actual: Option<String>,
    /// Short message for the customer.
    pub message: String,
    /// The next step.
    pub hint: Option<String>,
    /// Which catalog entry words it (a reason code, or `code.variant`).
    pub message_key: &'static str,
}

impl ToJson for Finding {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Code, self.code.code());
        w.field_str(Key::Severity, self.severity.code());
        if let Some(position) = self.position {
            w.field_uint(Key::Position, position);
        }
        w.field_opt_str(Key::Expected, self.expected.as_deref());
        w.field_opt_str(Key::Actual, self.actual.as_deref());
        w.field_str(Key::Message, &self.message);
        w.field_opt_str(Key::Hint, self.hint.as_deref());
        w.end_object();
    }
}

impl Finding {
    /// A finding without words yet; [`crate::messages::fill`] adds them.
    // Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
    #[inline(never)]
    pub fn new(code: FindingCode, severity: Severity) -> Finding {
        Finding {
            code,
            severity,
            position: None,
            expected: None,
            actual: None,
            message: String::new(),
            hint: None,
            message_key: code.code(),
        }
    }

    /// With a position.
    // Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
    #[inline(never)]
    pub fn at(mut self, position: usize) -> Finding {
        self.position = Some(position);
        self
    }

    /// With what was expected.
    // Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
    #[inline(never)]
    pub fn expected(mut self, value: impl Into<String>) -> Finding {
        self.expected = Some(value.into());
        self
    }

    /// With what was found.
    // Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
    #[inline(never)]
    pub fn actual(mut self, value: impl Into<String>) -> Finding {
        self.actual = Some(value.into());
        self
    }

    /// Worded by a more specific catalog entry.
    pub fn variant(mut self, key: &'static str) -> Finding {
        self.message_key = key;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        for (i, c) in ALL_CODES.iter().enumerate() {
            assert_eq!(FindingCode::from_code(c.code()), Some(*c));
            assert!(ALL_CODES[..i].iter().all(|o| o.code() != c.code()));
        }
    }
}
