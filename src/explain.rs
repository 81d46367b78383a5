//! Explanations: what most likely went wrong with a code, ranked, and the server's rejection codes in
//! plain words with next steps. Logic only; every text comes from [`crate::messages::explanations`].
//!
//! A cause's `confidence` ranks the causes of one result (0–1); it is a judgement of this module's
//! rules, not a measured probability. A checksum failure with one confident repair is "a typo at
//! position 7", never "the code is fake".

use crate::prelude::*;

use crate::finding::{Finding, FindingCode, Severity};
use crate::json::{decimal, JsonWriter, Key, ToJson};
use crate::messages::explanations::{self, RejectionText};
use crate::messages::{render_with, Locale, Value};
use crate::region::Marketplace;
use crate::suggest::{EditKind, Suggestion};
use crate::validate::{Status, Validation};

/// The stable code of a likely cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CauseCode {
    /// One character mistyped; the intended one is known.
    Typo,
    /// Two neighbouring characters swapped.
    SwappedCharacters,
    /// A typo, but more than one correction fits.
    AmbiguousTypo,
    /// Unreadable (`?`) or impossible (0, 1, I, O) characters, worked out from the rest.
    UnreadableCharacters,
    /// One character left out.
    MissingCharacter,
    /// One character typed twice or added.
    ExtraCharacter,
    /// Not all of the code was entered.
    IncompleteCode,
    /// More than the code was entered.
    ExtraText,
    /// Several characters mistyped; no single repair.
    SeveralTypos,
    /// Possibly not one of our codes at all.
    NotOurCode,
    /// The region prefix is mistyped.
    MistypedPrefix,
    /// A code for another marketplace.
    OtherMarketplace,
    /// The card's serial number instead of its code.
    SerialNumber,
    /// An order number (from the order confirmation) instead of the code.
    OrderNumber,
    /// A code of another kind (credit vs gift card).
    WrongCodeType,
    /// The credit has expired.
    Expired,
    /// The device's clock is probably wrong.
    DeviceClock,
    /// Characters that never occur in codes, e.g. pasted text.
    ForeignCharacters,
    /// Letters swapped throughout, as a keyboard set to another language swaps them (Y/Z).
    KeyboardLayout,
    /// Two characters that look alike (8/B, 2/Z) both misread.
    LookalikeCharacters,
}

impl CauseCode {
    /// Every cause, in declaration order.
    pub const ALL: [CauseCode; 20] = [
        CauseCode::Typo,
        CauseCode::SwappedCharacters,
        CauseCode::AmbiguousTypo,
        CauseCode::UnreadableCharacters,
        CauseCode::MissingCharacter,
        CauseCode::ExtraCharacter,
        CauseCode::IncompleteCode,
        CauseCode::ExtraText,
        CauseCode::SeveralTypos,
        CauseCode::NotOurCode,
        CauseCode::MistypedPrefix,
        CauseCode::OtherMarketplace,
        CauseCode::SerialNumber,
        CauseCode::OrderNumber,
        CauseCode::WrongCodeType,
        CauseCode::Expired,
        CauseCode::DeviceClock,
        CauseCode::ForeignCharacters,
        CauseCode::KeyboardLayout,
        CauseCode::LookalikeCharacters,
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            CauseCode::Typo => "typo",
            CauseCode::SwappedCharacters => "swapped_characters",
            CauseCode::AmbiguousTypo => "ambiguous_typo",
            CauseCode::UnreadableCharacters => "unreadable_characters",
            CauseCode::MissingCharacter => "missing_character",
            CauseCode::ExtraCharacter => "extra_character",
            CauseCode::IncompleteCode => "incomplete_code",
            CauseCode::ExtraText => "extra_text",
            CauseCode::SeveralTypos => "several_typos",
            CauseCode::NotOurCode => "not_our_code",
            CauseCode::MistypedPrefix => "mistyped_prefix",
            CauseCode::OtherMarketplace => "other_marketplace",
            CauseCode::SerialNumber => "serial_number",
            CauseCode::OrderNumber => "order_number",
            CauseCode::WrongCodeType => "wrong_code_type",
            CauseCode::Expired => "expired",
            CauseCode::DeviceClock => "device_clock",
            CauseCode::ForeignCharacters => "foreign_characters",
            CauseCode::KeyboardLayout => "keyboard_layout",
            CauseCode::LookalikeCharacters => "lookalike_characters",
        }
    }
}

/// A likely cause of a failed check, worded for the customer.
#[derive(Clone, Debug, PartialEq)]
pub struct Cause {
    /// Stable cause code.
    pub code: CauseCode,
    /// Rank weight among the causes of one result, 0–1 (two decimals).
    pub confidence: f64,
    /// 0-based position in the normalised code, where one position is concerned.
    pub position: Option<usize>,
    /// What probably happened.
    pub message: String,
    /// What to do next.
    pub hint: String,
}

impl Eq for Cause {}

impl ToJson for Cause {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Code, self.code.code());
        w.name(Key::Confidence);
        w.thousandths(crate::round_non_negative(self.confidence.clamp(0.0, 1.0) * 1000.0) as u32);
        if let Some(position) = self.position {
            w.field_uint(Key::Position, position);
        }
        w.field_str(Key::Message, &self.message);
        w.field_str(Key::Hint, &self.hint);
        w.end_object();
    }
}

/// Placeholder values of a cause: `{position}` (1-based), `{actual}`, `{expected}`.
#[derive(Default)]
struct Values {
    position: Option<usize>,
    actual: Option<String>,
    expected: Option<String>,
}

fn cause(code: CauseCode, confidence: f64, values: Values, locale: Locale) -> Cause {
    let text = explanations::cause(code.code()).map(|e| e.text(locale)).unwrap_or_default();
    let fill = |template: &str| {
        render_with(
            template,
            &[
                ("position", values.position.map(|p| Value::Number(p as u64 + 1))),
                ("actual", values.actual.as_deref().map(Value::Text)),
                ("expected", values.expected.as_deref().map(Value::Text)),
            ],
        )
    };
    Cause {
        code,
        confidence: crate::round_non_negative(confidence * 100.0) / 100.0,
        position: values.position,
        message: fill(text.message()),
        hint: fill(text.hint()),
    }
}

/// The likely causes of an `invalid` result, most likely first; empty for any other status (a code
/// being typed or a well-formed code has nothing to explain).
pub fn likely_causes(v: &Validation, locale: Locale) -> Vec<Cause> {
    if v.status != Status::Invalid {
        return Vec::new();
    }
    let Some(root) = v.findings.iter().find(|f| f.severity == Severity::Error) else {
        return Vec::new();
    };
    let mut causes = match v.suggestions.first() {
        Some(top) => from_suggestions(root, top, &v.suggestions, crate::char_count(&v.normalized), locale),
        None => from_finding(root, locale),
    };
    crate::sort_small(&mut causes, |a, b| a.confidence > b.confidence);
    causes
}

/// A confident single repair names the typo; several plausible repairs say so.
/// `entered` is the number of symbols entered, for a code found inside other text.
fn from_suggestions(
    root: &Finding,
    top: &Suggestion,
    all: &[Suggestion],
    entered: usize,
    locale: Locale,
) -> Vec<Cause> {
    const CONFIDENT: f64 = 0.75;
    // Unreadable (`?`) or 0/O/1/I symbols worked out from the rest; another impossible character
    // recovered (an Ü or # from a neighbouring key) is told as the typo it is, below.
    let recovered = matches!(root.code, FindingCode::InvalidCharacter | FindingCode::UnreadableCharacter)
        && top
            .edits
            .iter()
            .all(|e| e.kind == EditKind::Substitute && matches!(e.from.as_deref(), Some("?" | "0" | "O" | "1" | "I")));
    // Text around the code removed (more than one symbol): the code was pasted inside other text,
    // however many codes were found in it.
    let inside_text = top.edits.iter().all(|e| e.kind == EditKind::Delete)
        && (top.edits.len() > 1
            || top.edits.first().and_then(|e| e.from.as_deref()).is_some_and(|f| crate::char_count(f) > 1));
    let primary = if recovered {
        cause(CauseCode::UnreadableCharacters, 0.9, Values::default(), locale)
    } else if root.message_key == "checksum_mismatch.keyboard_layout" {
        // Letters swapped throughout, as a keyboard set to another language swaps them: the finding
        // names them (`expected`), and that code is suggested first.
        cause(CauseCode::KeyboardLayout, 0.85, Values { expected: root.expected.clone(), ..Values::default() }, locale)
    } else if inside_text {
        cause(CauseCode::ExtraText, 0.8, Values { actual: Some(decimal(entered as u64)), ..Values::default() }, locale)
    } else if let ([first, second], true) =
        (&top.edits[..], root.code == FindingCode::ChecksumMismatch && top.confidence >= CONFIDENT)
    {
        // Two edits for a checksum that fails with every symbol in the alphabet, and not by a
        // keyboard layout (above): two look-alike characters misread, as no other repair makes two.
        // `{expected}` is the second position, shown 1-based like `{position}`.
        let values = Values {
            position: Some(first.position),
            expected: Some(decimal(second.position as u64 + 1)),
            actual: None,
        };
        cause(CauseCode::LookalikeCharacters, 0.9 * top.confidence, values, locale)
    } else if let Some(edit) = top.edits.first().filter(|_| top.confidence >= CONFIDENT) {
        let weight = 0.9 * top.confidence;
        match edit.kind {
            EditKind::Substitute => cause(
                CauseCode::Typo,
                weight,
                Values { position: Some(edit.position), actual: edit.from.clone(), expected: edit.to.clone() },
                locale,
            ),
            EditKind::Transpose => cause(
                CauseCode::SwappedCharacters,
                weight,
                // `{expected}` is the second position, shown 1-based like `{position}`.
                Values {
                    position: Some(edit.position),
                    expected: Some(decimal(edit.position as u64 + 2)),
                    actual: None,
                },
                locale,
            ),
            EditKind::Insert => cause(
                CauseCode::MissingCharacter,
                weight,
                Values { position: Some(edit.position), ..Values::default() },
                locale,
            ),
            EditKind::Delete => cause(
                CauseCode::ExtraCharacter,
                weight,
                Values { position: Some(edit.position), ..Values::default() },
                locale,
            ),
        }
    } else {
        cause(CauseCode::AmbiguousTypo, 0.8, Values::default(), locale)
    };
    let rest = (1.0 - primary.confidence).max(0.05);
    let mut causes = vec![primary];
    if all.len() > 1 && causes[0].code != CauseCode::AmbiguousTypo && !recovered && !inside_text {
        causes.push(cause(CauseCode::AmbiguousTypo, rest * 0.6, Values::default(), locale));
    }
    causes.push(cause(CauseCode::NotOurCode, rest * 0.4, Values::default(), locale));
    causes
}

/// Without a repair, the root finding decides.
fn from_finding(root: &Finding, locale: Locale) -> Vec<Cause> {
    use CauseCode::*;
    // The likely cause, its confidence, whether its text quotes the finding's lengths, and the
    // alternative with its confidence. One table rather than a list per case (smaller wasm).
    let (code, confidence, quotes_lengths, alternative) = match root.code {
        FindingCode::ChecksumMismatch | FindingCode::InvalidValidity | FindingCode::UnreadableCharacter => {
            (SeveralTypos, 0.7, false, Some((NotOurCode, 0.3)))
        }
        FindingCode::TooShort => (IncompleteCode, 0.8, true, Some((NotOurCode, 0.2))),
        FindingCode::TooLong | FindingCode::InputTooLong => (ExtraText, 0.8, true, Some((NotOurCode, 0.2))),
        FindingCode::UnknownPrefix => (MistypedPrefix, 0.6, false, Some((NotOurCode, 0.4))),
        FindingCode::WrongRegion => (OtherMarketplace, 0.95, true, None),
        FindingCode::Expired => (Expired, 0.9, false, Some((DeviceClock, 0.1))),
        FindingCode::NotYetValid => (DeviceClock, 0.9, false, None),
        FindingCode::LooksLikeSerialNumber => (SerialNumber, 0.95, false, None),
        FindingCode::LooksLikeOrderNumber => (OrderNumber, 0.95, false, None),
        FindingCode::WrongCodeType => (WrongCodeType, 0.9, false, None),
        FindingCode::InvalidCharacter => (ForeignCharacters, 0.7, false, Some((NotOurCode, 0.3))),
        _ => return Vec::new(),
    };
    let values = if quotes_lengths {
        Values { position: None, actual: root.actual.clone(), expected: root.expected.clone() }
    } else {
        Values::default()
    };
    let mut causes = vec![cause(code, confidence, values, locale)];
    if let Some((code, confidence)) = alternative {
        causes.push(cause(code, confidence, Values::default(), locale));
    }
    causes
}

/// A server rejection in words: what happened, what to do, whether to retry or contact support.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The rejection code, normalised; anything unrecognised is `unknown`.
    pub code: String,
    /// Short title.
    pub title: String,
    /// What happened.
    pub message: String,
    /// Next steps, most useful first.
    pub steps: Vec<String>,
    /// Whether trying again (now or later) can help.
    pub retry: bool,
    /// Whether to contact support with the diagnostics.
    pub contact_support: bool,
}

impl ToJson for Explanation {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Code, &self.code);
        w.field_str(Key::Title, &self.title);
        w.field_str(Key::Message, &self.message);
        w.field_list(Key::Steps, &self.steps);
        w.name(Key::Retry);
        w.bool(self.retry);
        w.name(Key::ContactSupport);
        w.bool(self.contact_support);
        w.end_object();
    }
}

/// The server's rejection codes (DESIGN.md §3), `unknown` last.
pub const SERVER_CODES: [&str; 9] = [
    "invalid_code",
    "already_redeemed",
    "expired",
    "region_restricted",
    "account_restricted",
    "not_activated",
    "rate_limited",
    "technical_error",
    "unknown",
];

/// Explains a server rejection code. Case, surrounding space and the separators between words (`_`,
/// `-`, `.`, a space, or none) are forgiven; any other code is explained as `unknown`. With a
/// marketplace, `region_restricted` names it.
pub fn explain_rejection(server_code: &str, locale: Locale, marketplace: Option<&Marketplace>) -> Explanation {
    // `already_redeemed`, `ALREADY-REDEEMED`, `already redeemed` and `alreadyRedeemed` are one code:
    // compared by their letters alone (no two codes differ only in their separators; the property
    // test reads every code back in every spelling). Nine small allocations per call: smaller in
    // the browser module than comparing through iterators, and this runs once per rejection.
    let letters = |text: &str| {
        let mut letters = Vec::with_capacity(text.len());
        for b in text.bytes() {
            if !matches!(b, b' ' | b'-' | b'_' | b'.') {
                letters.push(b.to_ascii_lowercase());
            }
        }
        letters
    };
    let wanted = letters(crate::trim(server_code));
    let code = SERVER_CODES.iter().find(|c| letters(c) == wanted).copied().unwrap_or("unknown");
    let variant = match (code, marketplace) {
        ("region_restricted", Some(_)) => "region_restricted.marketplace",
        _ => code,
    };
    let entry = explanations::rejection(variant).or_else(|| explanations::rejection("unknown"));
    let (text, retry, contact_support) = match entry {
        Some(e) => (e.text(locale), e.retry, e.contact_support),
        None => (RejectionText::default(), true, true),
    };
    let fill = |template: &str| render_with(template, &[("marketplace", marketplace.map(|m| Value::Text(m.domain)))]);
    let mut steps = Vec::new();
    for step in text.steps() {
        steps.push(fill(step));
    }
    Explanation {
        code: code.to_owned(),
        title: fill(text.title()),
        message: fill(text.message()),
        steps,
        retry,
        contact_support,
    }
}

/// A notice for the redemption form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Short title.
    pub title: String,
    /// The warning.
    pub message: String,
    /// What to do.
    pub steps: Vec<String>,
}

impl ToJson for Notice {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Title, &self.title);
        w.field_str(Key::Message, &self.message);
        w.field_list(Key::Steps, &self.steps);
        w.end_object();
    }
}

/// The scam warning to show next to the form: no genuine business asks to be paid in gift cards.
pub fn scam_warning(locale: Locale) -> Notice {
    let (en, de) = explanations::SCAM_WARNING;
    let text = match locale {
        Locale::En => en,
        Locale::De => de,
    };
    let mut steps = Vec::new();
    for step in text.steps() {
        steps.push(step.to_owned());
    }
    Notice { title: text.title().to_owned(), message: text.message().to_owned(), steps }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cause_and_server_code_has_both_languages() {
        for code in CauseCode::ALL {
            let e = explanations::cause(code.code()).unwrap_or_else(|| panic!("no text for {}", code.code()));
            assert_ne!(e.en.message(), e.de.message());
            assert!(!e.en.hint().is_empty() && !e.de.hint().is_empty(), "{}", e.key);
        }
        for e in explanations::CAUSES.iter() {
            assert!(CauseCode::ALL.iter().any(|c| c.code() == e.key), "{} is no cause code", e.key);
        }
        for code in SERVER_CODES {
            for locale in [Locale::En, Locale::De] {
                let x = explain_rejection(code, locale, None);
                assert_eq!(x.code, code);
                assert!(!x.title.is_empty() && !x.message.is_empty() && !x.steps.is_empty());
            }
        }
    }

    #[test]
    fn server_codes_are_forgiving_and_unknown_falls_back() {
        for spelling in [
            " Already-Redeemed ",
            "ALREADY_REDEEMED",
            "already redeemed",
            "alreadyRedeemed",
            "AlreadyRedeemed",
            "already__redeemed",
        ] {
            assert_eq!(explain_rejection(spelling, Locale::En, None).code, "already_redeemed", "{spelling}");
        }
        assert_eq!(explain_rejection("RATE LIMITED", Locale::En, None).code, "rate_limited");
        assert_eq!(explain_rejection("invalidCode", Locale::En, None).code, "invalid_code");
        for other in ["already", "alreadyredeemedx", "already redeemed!", "redeemed already"] {
            assert_eq!(explain_rejection(other, Locale::En, None).code, "unknown", "{other}");
        }
        assert_eq!(explain_rejection("teapot", Locale::En, None).code, "unknown");
        let de = crate::region::by_prefix("DE");
        let x = explain_rejection("region_restricted", Locale::De, de);
        assert!(x.message.contains("amazon.de") && x.steps[1].contains("amazon.de"), "{x:?}");
        assert!(!explain_rejection("region_restricted", Locale::En, None).message.contains('{'));
    }

    #[test]
    fn invalid_code_and_rate_limited_reveal_nothing_about_existence() {
        for code in ["invalid_code", "rate_limited"] {
            for locale in [Locale::En, Locale::De] {
                let x = explain_rejection(code, locale, None);
                let all = format!("{} {} {}", x.title, x.message, x.steps.join(" ")).to_lowercase();
                for word in ["exist", "not found", "unknown code", "gibt es nicht", "existiert", "nicht gefunden"] {
                    assert!(!all.contains(word), "{code}/{locale:?} says '{word}': {all}");
                }
            }
        }
    }
}
