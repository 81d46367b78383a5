//! The validation pipeline: normalise → detect scheme → length → characters → prefix → checksum → dates.
//!
//! A bad code is a result, never an error: [`OptionsError`] is only for bad arguments. Findings name
//! the root cause (a short code is `too_short`, not also a checksum failure), and while the input is a
//! prefix of a code that could still be valid the status is `incomplete`.

use crate::prelude::*;

use core::cell::Cell;

use crate::checksum::{rs32, Checksum};
use crate::date::{Date, Timestamp};
use crate::expiry::{self, CreditDates, DateStatus};
use crate::explain::{self, Cause};
use crate::finding::{Finding, FindingCode, Severity};
use crate::json::{decimal, Json, JsonWriter, Key, ToJson};
use crate::messages::{self, Locale};
use crate::normalize::{self, Change, MAX_INPUT_CHARS};
use crate::region::{self, Marketplace};
use crate::scheme::{CodeKind, FieldKind, Registry, Scheme};
use crate::suggest::{self, Candidate, Suggestion};

/// Most `invalid_character` / `unreadable_character` findings one result reports (the first ones).
pub const MAX_CHARACTER_FINDINGS: usize = 3;

/// What the caller knows about the attempt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// Scheme id, or `None` / `"auto"` to detect it.
    pub scheme: Option<String>,
    /// The marketplace the code is redeemed on (prefix `DE`, country `AT`, or domain `amazon.de`).
    pub marketplace: Option<String>,
    /// Language of the messages.
    pub locale: Locale,
    /// The current time, for credit dates; without it dates are decoded but not judged.
    pub now: Option<Timestamp>,
}

impl CheckOptions {
    /// The marketplace named by `marketplace` (prefix, country or domain; blank means none).
    pub fn resolved_marketplace(&self) -> Result<Option<&'static Marketplace>, OptionsError> {
        match self.marketplace.as_deref().map(crate::trim) {
            None | Some("") => Ok(None),
            Some(name) => {
                region::resolve(name).map(Some).ok_or_else(|| OptionsError::UnknownMarketplace(name.to_owned()))
            }
        }
    }

    /// Reads options from a JSON object (the JavaScript `CheckOptions` shape): `scheme`,
    /// `marketplace`, `locale` and `now`, each optional (absent or `null`); other members are
    /// ignored. Used by the JavaScript binding and for support requests.
    pub fn from_json_value(value: &Json) -> Result<CheckOptions, OptionsError> {
        fn text(value: &Json, name: &'static str) -> Result<Option<String>, OptionsError> {
            match value.get(name) {
                None | Some(Json::Null) => Ok(None),
                Some(Json::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(OptionsError::NotText(name)),
            }
        }
        let mut options = CheckOptions {
            scheme: text(value, "scheme")?,
            marketplace: text(value, "marketplace")?,
            ..CheckOptions::default()
        };
        if let Some(tag) = text(value, "locale")? {
            options.locale = Locale::from_tag(&tag);
        }
        if let Some(now) = text(value, "now")? {
            options.now = Some(Timestamp::parse(&now).ok_or(OptionsError::BadNow(now))?);
        }
        Ok(options)
    }

    /// Options with a scheme.
    pub fn scheme(mut self, id: &str) -> Self {
        self.scheme = Some(id.to_owned());
        self
    }

    /// Options with a marketplace.
    pub fn marketplace(mut self, name: &str) -> Self {
        self.marketplace = Some(name.to_owned());
        self
    }

    /// Options with a locale (BCP 47 tag).
    pub fn locale(mut self, tag: &str) -> Self {
        self.locale = Locale::from_tag(tag);
        self
    }

    /// Options with the current time.
    pub fn now(mut self, now: Timestamp) -> Self {
        self.now = Some(now);
        self
    }
}

/// A bad argument (never a bad code).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionsError {
    /// No scheme with this id is registered.
    UnknownScheme {
        /// The id asked for.
        id: String,
        /// The ids that exist.
        known: Vec<String>,
    },
    /// No marketplace goes by this name.
    UnknownMarketplace(String),
    /// `now` is not an RFC 3339 timestamp or a date.
    BadNow(String),
    /// An option given as something other than a string (the option's name).
    NotText(&'static str),
}

impl core::fmt::Display for OptionsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl OptionsError {
    /// The error in words, with what would be accepted.
    pub fn describe(&self) -> String {
        match self {
            OptionsError::UnknownScheme { id, known } => {
                words("unknown scheme '").add(id).add("' (known: auto, ").add(&crate::join(known, ", ")).add(")").done()
            }
            OptionsError::UnknownMarketplace(name) => words("unknown marketplace '")
                .add(name)
                .add("' (use a code prefix such as DE, a country such as AT, or a domain such as amazon.de)")
                .done(),
            OptionsError::BadNow(text) => words(
                "'now' must be an RFC 3339 timestamp such as 2026-11-22T10:00:00Z or a date such as 2026-11-22, not '",
            )
            .add(text)
            .add("'")
            .done(),
            OptionsError::NotText(name) => words("options.").add(name).add(" must be a string").done(),
        }
    }
}

impl core::error::Error for OptionsError {}

/// The overall verdict. `Valid` means well-formed, never "redeemable": only the server knows that.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Well-formed: shape, checksum, region and dates pass.
    Valid,
    /// The shape is right but the scheme has no checksum to confirm the characters.
    Unverifiable,
    /// A prefix of a code that could still be valid (the customer is still typing).
    Incomplete,
    /// Cannot be right as entered.
    Invalid,
}

impl Status {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Unverifiable => "unverifiable",
            Status::Incomplete => "incomplete",
            Status::Invalid => "invalid",
        }
    }
}

/// The result of checking one input (DESIGN.md §3; serialises to that shape).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validation {
    /// The verdict.
    pub status: Status,
    /// The input exactly as given.
    pub input: String,
    /// The normalised symbols.
    pub normalized: String,
    /// The normalised symbols grouped for display (`DE9N-8GUZ-…`).
    pub display: String,
    /// The scheme the code was checked against.
    pub scheme: Option<String>,
    /// The region prefix the code carries, when the scheme has one and it is known (a marketplace's
    /// prefix, so no copy of it is made).
    pub region: Option<&'static str>,
    /// Issue day of a credit (YYYY-MM-DD).
    pub issued_on: Option<Date>,
    /// Last usable day of a credit (YYYY-MM-DD).
    pub expires_on: Option<Date>,
    /// Every change normalisation made.
    pub changes: Vec<Change>,
    /// What was noticed, root causes first.
    pub findings: Vec<Finding>,
    /// Codes the customer most likely meant, best first.
    pub suggestions: Vec<Suggestion>,
    /// For an `invalid` result: what most likely went wrong, most likely first.
    pub causes: Vec<Cause>,
}

impl ToJson for Validation {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Status, self.status.code());
        w.field_str(Key::Input, &self.input);
        w.field_str(Key::Normalized, &self.normalized);
        w.field_str(Key::Display, &self.display);
        w.field_str_or_null(Key::Scheme, self.scheme.as_deref());
        w.field_str_or_null(Key::Region, self.region);
        if let Some(day) = self.issued_on {
            w.field_str(Key::IssuedOn, &day.format());
        }
        if let Some(day) = self.expires_on {
            w.field_str(Key::ExpiresOn, &day.format());
        }
        w.field_list(Key::Changes, &self.changes);
        w.field_list(Key::Findings, &self.findings);
        w.field_list(Key::Suggestions, &self.suggestions);
        w.field_list(Key::Causes, &self.causes);
        w.end_object();
    }
}

impl Validation {
    /// True for `valid` and `unverifiable`: nothing the client can see is wrong.
    pub fn is_well_formed(&self) -> bool {
        matches!(self.status, Status::Valid | Status::Unverifiable)
    }

    /// The first finding with this code.
    pub fn finding(&self, code: FindingCode) -> Option<&Finding> {
        self.findings.iter().find(|f| f.code == code)
    }
}

/// Checks `input` against the built-in schemes.
pub fn validate(input: &str, options: &CheckOptions) -> Result<Validation, OptionsError> {
    crate::scheme::builtin_registry().validate(input, options)
}

impl Registry {
    /// Checks `input` against this registry's schemes.
    pub fn validate(&self, input: &str, options: &CheckOptions) -> Result<Validation, OptionsError> {
        let context = Context::new(self, options)?;
        Ok(context.run(input))
    }
}

/// Resolved options for one run.
pub(crate) struct Context<'a> {
    pub registry: &'a Registry,
    pub scheme: Option<&'a Scheme>,
    pub marketplace: Option<&'static Marketplace>,
    pub locale: Locale,
    pub now: Option<Timestamp>,
    /// rs32 repairs worked out during detection, taken by suggestions so that the input is not
    /// repaired twice.
    repairs: Cell<Option<KeptRepairs>>,
    /// What detection found to pass its checksum, so that the checks do not compute it again.
    verified: Cell<Option<Worked>>,
}

/// A scheme and a symbol slice something was worked out for: the same scheme, the same slice (its
/// address and length).
type Worked = (*const Scheme, *const char, usize);

/// rs32 repairs and what they were worked out for.
struct KeptRepairs {
    of: Worked,
    repairs: Vec<Candidate>,
}

fn worked(s: &Scheme, symbols: &[char]) -> Worked {
    (s, symbols.as_ptr(), symbols.len())
}

impl<'a> Context<'a> {
    pub fn new(registry: &'a Registry, options: &CheckOptions) -> Result<Context<'a>, OptionsError> {
        let scheme = match options.scheme.as_deref().map(crate::trim) {
            None | Some("") | Some("auto") => None,
            Some(id) => Some(
                registry
                    .get(id)
                    .map(|s| &**s)
                    .ok_or_else(|| OptionsError::UnknownScheme { id: id.to_owned(), known: registry.ids() })?,
            ),
        };
        let marketplace = options.resolved_marketplace()?;
        Ok(Context {
            registry,
            scheme,
            marketplace,
            locale: options.locale,
            now: options.now,
            repairs: Cell::new(None),
            verified: Cell::new(None),
        })
    }

    pub fn run(&self, input: &str) -> Validation {
        let mut result = Validation {
            status: Status::Invalid,
            input: input.to_owned(),
            normalized: String::new(),
            display: String::new(),
            scheme: self.scheme.map(|s| s.id.clone()),
            region: None,
            issued_on: None,
            expires_on: None,
            changes: Vec::new(),
            findings: Vec::new(),
            suggestions: Vec::new(),
            causes: Vec::new(),
        };
        if normalize::is_too_long(input) {
            // Counted up to 100,000 characters: a pasted book is not worth counting to the end.
            let count = crate::char_offset(input, 100_000).map_or_else(|| crate::char_count(input), |_| 100_000);
            result.findings.push(
                Finding::new(FindingCode::InputTooLong, Severity::Error)
                    .expected(decimal(MAX_INPUT_CHARS as u64))
                    .actual(decimal(count as u64)),
            );
            return self.finish(result);
        }
        let normalized = normalize::normalize(input);
        result.changes = normalized.changes;
        result.normalized = normalized.symbols;
        // Most inputs are ASCII and no longer than a code can be: their symbols go on the stack, one
        // allocation fewer per call (and smaller code than the `Vec` written in place before).
        let mut on_stack = ['\0'; crate::scheme::MAX_CODE_LENGTH];
        let mut on_heap = Vec::new();
        let symbols: &[char] = if result.normalized.is_ascii() && result.normalized.len() <= on_stack.len() {
            for (slot, &b) in on_stack.iter_mut().zip(result.normalized.as_bytes()) {
                *slot = char::from(b);
            }
            &on_stack[..result.normalized.len()]
        } else {
            for c in result.normalized.chars() {
                on_heap.push(c);
            }
            &on_heap
        };
        if symbols.is_empty() {
            result.status = Status::Incomplete;
            result.findings.push(Finding::new(FindingCode::Empty, Severity::Info));
            return self.finish(result);
        }
        // Only digits, as long as the card's serial number or an order number: most likely that,
        // unless the scheme asked for has such codes, or (detecting) a registered scheme verifies them.
        let reference = reference_number(symbols).filter(|_| match self.scheme {
            Some(s) => !has_digit_codes(s, symbols.len()),
            None => !self.registry.schemes().iter().any(|s| self.fit(s, symbols) == Fit::Verified),
        });
        let scheme = match (self.scheme, reference) {
            (Some(s), _) => s,
            (None, Some(code)) => {
                result.findings.push(reference_finding(code, symbols, Severity::Error));
                result.display = result.normalized.clone();
                return self.finish(result);
            }
            (None, None) => self.detect(symbols),
        };
        result.scheme = Some(scheme.id.clone());
        result.display = scheme.display(&result.normalized);
        let mut outcome = self.evaluate(scheme, symbols);
        if self.scheme.is_some() && matches!(outcome.status, Status::Invalid | Status::Incomplete) {
            if let Some(other) = self.other_kind_that_verifies(scheme, symbols) {
                // A kind without a name of its own ("other", an issuer's scheme) is not named.
                let unnamed = [scheme.kind, other.kind].contains(&CodeKind::Other);
                outcome = Outcome::invalid(vec![Finding::new(FindingCode::WrongCodeType, Severity::Error)
                    .expected(scheme.kind.code())
                    .actual(other.kind.code())
                    .variant(if unnamed { "wrong_code_type.other" } else { "wrong_code_type" })]);
            } else if let Some(code) = reference {
                outcome = Outcome::invalid(vec![reference_finding(code, symbols, Severity::Error)]);
            }
        } else if let Some(code) = reference.filter(|_| outcome.status == Status::Unverifiable) {
            outcome.findings.insert(0, reference_finding(code, symbols, Severity::Warning));
        }
        result.status = outcome.status;
        result.region = outcome.region.map(|m| m.prefix);
        result.issued_on = outcome.dates.map(|d| d.issued_on);
        result.expires_on = outcome.dates.map(|d| d.expires_on);
        result.findings = outcome.findings;
        // A code one symbol short may be finished or may have lost a symbol: offer both readings.
        let one_short = result.status == Status::Incomplete && scheme.accepts_length(symbols.len() + 1);
        if result.status == Status::Invalid || one_short {
            result.suggestions = suggest::suggest(self, scheme, symbols, result.status == Status::Invalid);
            // A position is named only when the first suggestion corrects it: a code that works
            // here (two look-alikes, a swap) ranks before one symbol's correction to an expired code.
            if let (Some(f), Some(top)) = (result.findings.first_mut(), result.suggestions.first()) {
                if f.code == FindingCode::ChecksumMismatch
                    && f.position.is_some_and(|p| top.edits.iter().all(|e| e.position != p))
                {
                    *f = Finding::new(FindingCode::ChecksumMismatch, Severity::Error);
                }
            }
        }
        let as_typed = result.status == Status::Unverifiable;
        if as_typed {
            if let Some(f) = suggest::ambiguous_characters(scheme, symbols) {
                result.findings.push(f);
            }
        }
        // Detected as a code without checksum (or none fits): the code another scheme with rs32
        // makes of the input is offered too, for a customer who typed it from a gift card: its
        // check symbols spent on recovering two of 0, O, 1, I, or an impossible symbol typed too
        // many (also inside the region prefix, which then names no marketplace). The detected
        // scheme's own repairs were tried above. When the input is well-formed as typed, nothing
        // verifies that reading and the input may be right as it is: the confidence is halved.
        if self.scheme.is_none() && (as_typed || result.status == Status::Invalid) {
            for s in self.registry.schemes() {
                if s.checksum == Checksum::Rs32 && !core::ptr::eq(&**s, scheme) && result.suggestions.is_empty() {
                    result.suggestions = suggest::suggest(self, s, symbols, false);
                }
            }
            if as_typed {
                for x in &mut result.suggestions {
                    x.confidence = crate::round_non_negative(x.confidence * 50.0) / 100.0;
                }
            }
        }
        self.finish(result)
    }

    fn finish(&self, mut result: Validation) -> Validation {
        for f in &mut result.findings {
            messages::fill(f, self.locale);
        }
        result.causes = explain::likely_causes(&result, self.locale);
        result
    }

    /// Picks the scheme that best explains the symbols (see [`Fit`]); registry order breaks ties.
    fn detect(&self, symbols: &[char]) -> &'a Scheme {
        let schemes = self.registry.schemes();
        let mut best: Option<(&'a Scheme, Fit)> = None;
        for s in schemes {
            let fit = self.fit(s, symbols);
            if fit == Fit::Verified {
                return s; // nothing beats a verified match; registry order breaks ties
            }
            if fit != Fit::None && best.is_none_or(|(_, b)| fit > b) {
                best = Some((s, fit));
            }
        }
        if let Some((s, _)) = best {
            return s;
        }
        // Nothing fits: take the scheme the input is closest to, so the findings say what is off.
        let mut closest: Option<(&'a Scheme, i64)> = None;
        for s in schemes {
            let outside = symbols.iter().filter(|&&c| !s.alphabet.contains(c)).count() as i64;
            let n = symbols.len();
            let off = s.lengths.iter().map(|&l| l.abs_diff(n)).min().unwrap_or(n) as i64;
            let prefix_bonus = if self.known_prefix(s, symbols).is_some() { 4 } else { 0 };
            let score = prefix_bonus - 2 * outside - off;
            if closest.is_none_or(|(_, b)| score > b) {
                closest = Some((s, score));
            }
        }
        closest.map(|(s, _)| s).unwrap_or_else(|| &schemes[0])
    }

    /// How well a scheme explains the symbols, for detection.
    pub(crate) fn fit(&self, s: &Scheme, symbols: &[char]) -> Fit {
        let n = symbols.len();
        let mut erasures = 0;
        for &c in symbols {
            if s.alphabet.contains(c) {
                continue;
            }
            if is_recoverable(s, c) {
                erasures += 1;
            } else {
                return Fit::None;
            }
        }
        if erasures > 2 {
            return Fit::None;
        }
        let prefix_known = self.known_prefix(s, symbols).is_some();
        if n > s.max_len() {
            // One symbol too many behind a known prefix, or a whole code inside longer input of the
            // scheme's symbols. Not with an impossible symbol ("USBLACKFRIDAY2026" is a promotion
            // code, not a gift card with a symbol extra; with a label's I and O, the findings name
            // them rather than the length).
            let damaged = erasures == 0
                && (prefix_known && n == s.max_len() + 1 && self.fields_plausible(s, symbols)
                    || !suggest::code_windows(self, s, symbols).is_empty());
            return if damaged { Fit::Damaged } else { Fit::None };
        }
        if !s.accepts_length(n) {
            if !self.fields_plausible(s, symbols) {
                return Fit::None;
            }
            // A prefix with a symbol the scheme never uses ("SAVE10" under a gift card's SA) is no
            // strong sign of this scheme: a scheme the input fits as it is wins.
            let strong = s.has_checksum() && s.field(FieldKind::Region).is_some() && prefix_known && erasures == 0;
            return match (strong, erasures) {
                (true, _) => Fit::IncompleteStrong,
                (false, 0) => Fit::IncompleteWeak,
                // "DEWI" is the start of a promotion code more likely than a gift card's with a
                // symbol it never has: no error while the customer types on.
                _ => Fit::IncompleteFlawed,
            };
        }
        if !s.has_checksum() {
            return if erasures == 0 { Fit::Shape } else { Fit::None };
        }
        if erasures == 0 && checksum_passes(s, symbols) {
            self.verified.set(Some(worked(s, symbols)));
            return Fit::Verified;
        }
        if s.checksum == Checksum::Rs32 && self.has_rs32_repair(s, symbols) {
            // Two erasures use up both check symbols: every input then "recovers", so only the
            // length and the typed fields speak for the scheme, and one that takes the input as
            // it is ("DEWINTERSALE2026" as a promotion code) wins.
            return match erasures {
                0 => Fit::Correctable,
                1 => Fit::Recovered,
                _ => Fit::Exhausted,
            };
        }
        // Not with an impossible symbol either: "DESUMMERSALE2026" is a promotion code.
        if prefix_known && erasures == 0 && self.fields_plausible(s, symbols) {
            Fit::Damaged
        } else {
            Fit::None
        }
    }

    /// True when rs32 repairs the symbols under `s`, or they are a code of it typed on another
    /// keyboard layout (whose swapped prefix may name no marketplace); the repairs are kept for
    /// [`Self::rs32_repairs`].
    fn has_rs32_repair(&self, s: &Scheme, symbols: &[char]) -> bool {
        let repairs = suggest::rs32_repairs(self, s, symbols);
        let found = !repairs.is_empty() || suggest::layout_swap(self, s, symbols).is_some();
        self.repairs.set(Some(KeptRepairs { of: worked(s, symbols), repairs }));
        found
    }

    /// [`suggest::rs32_repairs`], taken from detection when it already worked them out.
    pub(crate) fn rs32_repairs(&self, s: &Scheme, symbols: &[char]) -> Vec<Candidate> {
        match self.repairs.take() {
            Some(kept) if kept.of == worked(s, symbols) => kept.repairs,
            _ => suggest::rs32_repairs(self, s, symbols),
        }
    }

    /// The marketplace of the symbols' region prefix, if the scheme has a region field and allows it.
    pub(crate) fn known_prefix(&self, s: &Scheme, symbols: &[char]) -> Option<&'static Marketplace> {
        // A region field is two symbols long (checked when a scheme is built), as every prefix is.
        let field = s.field(FieldKind::Region)?;
        let (&first, &second) = (symbols.get(field.start)?, symbols.get(field.start + 1)?);
        s.regions
            .iter()
            .find(|m| matches!(m.prefix.as_bytes(), &[a, b] if char::from(a) == first && char::from(b) == second))
            .copied()
    }

    /// True when the fields typed so far could belong to a code: a region prefix (or its start) the
    /// scheme allows, a validity symbol with a meaning, and an issue day not in the future and not
    /// long expired (a credit that expired lately is still one the customer may hold; the checks then
    /// say it expired). Unreadable symbols are given the benefit of the doubt.
    pub(crate) fn fields_plausible(&self, s: &Scheme, symbols: &[char]) -> bool {
        if !self.typed_field_findings(s, symbols).is_empty() {
            return false;
        }
        if let (Some(now), Some(issued)) = (self.now, self.issue_date_if_typed(s, symbols)) {
            let latest = now.date().add_days(expiry::SKEW_DAYS).unwrap_or(now.date());
            if issued > latest {
                return false;
            }
            let long_expired = |d: CreditDates| {
                d.expires_on.add_days(expiry::RECENTLY_EXPIRED_DAYS).is_some_and(|last| last < now.date())
            };
            if self.dates_if_typed(s, symbols).is_some_and(long_expired) {
                return false;
            }
        }
        true
    }

    fn issue_date_if_typed(&self, s: &Scheme, symbols: &[char]) -> Option<Date> {
        let field = s.field(FieldKind::IssueDay)?;
        let typed = symbols.get(field.start..field.end())?;
        let mut values = [0u8; 4];
        for (slot, &c) in values.iter_mut().zip(typed) {
            *slot = s.alphabet.value(c)?;
        }
        expiry::issue_date(s.issue_epoch?, values.get(..typed.len())?, s.alphabet.len())
    }

    /// Issue and expiry dates once the issue day and validity symbols are typed and readable.
    fn dates_if_typed(&self, s: &Scheme, symbols: &[char]) -> Option<CreditDates> {
        let issued_on = self.issue_date_if_typed(s, symbols)?;
        let validity = s.alphabet.value(*symbols.get(s.field(FieldKind::Validity)?.start)?)?;
        let days = *s.validity_days.get(validity as usize)?;
        let expires_on = issued_on.add_days(days as u64)?;
        Some(CreditDates { issued_on, expires_on })
    }

    /// A scheme of another kind under which the symbols verify (a credit code in a gift card field).
    fn other_kind_that_verifies(&self, wanted: &Scheme, symbols: &[char]) -> Option<&'a Scheme> {
        self.registry
            .schemes()
            .iter()
            .map(|s| &**s)
            .find(|s| s.kind != wanted.kind && s.has_checksum() && self.fit(s, symbols) == Fit::Verified)
    }

    /// All findings of one scheme on the symbols.
    pub(crate) fn evaluate(&self, s: &Scheme, symbols: &[char]) -> Outcome {
        let n = symbols.len();
        let mut findings = Vec::new();
        let mut hard_invalid = false;
        let mut unreadable = 0;
        for (i, &c) in symbols.iter().enumerate() {
            if s.alphabet.contains(c) {
                continue;
            }
            // The first few bad characters are worth pointing at; a hundred findings for pasted text
            // are noise (and cost time in the browser).
            let report = findings.len() < MAX_CHARACTER_FINDINGS;
            if c == '?' {
                unreadable += 1;
                let f = Finding::new(FindingCode::UnreadableCharacter, Severity::Error).at(i).actual("?");
                if report {
                    findings.push(if s.checksum == Checksum::Rs32 {
                        f
                    } else {
                        f.variant("unreadable_character.unrecoverable")
                    });
                }
                if s.checksum != Checksum::Rs32 {
                    hard_invalid = true;
                }
                continue;
            }
            hard_invalid = true;
            if report {
                let f = Finding::new(FindingCode::InvalidCharacter, Severity::Error).at(i).actual(c.to_string());
                findings.push(if is_recoverable(s, c) { f.variant("invalid_character.lookalike") } else { f });
            }
        }
        let region = self.known_prefix(s, symbols);

        if n > s.max_len() {
            findings.push(
                Finding::new(FindingCode::TooLong, Severity::Error)
                    .expected(decimal(s.max_len() as u64))
                    .actual(decimal(n as u64))
                    .variant(if s.lengths.len() > 1 { "too_long.at_most" } else { "too_long" }),
            );
            return Outcome { status: Status::Invalid, findings, region, dates: None };
        }
        if !s.accepts_length(n) {
            let expected = s.lengths.iter().find(|&&l| l > n).copied().unwrap_or(s.max_len());
            let plausible = !hard_invalid && self.fields_plausible(s, symbols);
            let severity = if plausible { Severity::Info } else { Severity::Error };
            if plausible {
                for f in &mut findings {
                    f.severity = Severity::Info;
                }
            } else {
                findings.append(&mut self.typed_field_findings(s, symbols));
            }
            findings.push(
                Finding::new(FindingCode::TooShort, severity)
                    .expected(decimal(expected as u64))
                    .actual(decimal(n as u64))
                    // Below the shortest of several lengths, "has 5 characters" would not be true.
                    .variant(if s.lengths.len() > 1 && n < s.min_len() { "too_short.at_least" } else { "too_short" }),
            );
            let status = if plausible { Status::Incomplete } else { Status::Invalid };
            return Outcome { status, findings, region, dates: None };
        }
        if hard_invalid || unreadable > 0 {
            return Outcome { status: Status::Invalid, findings, region, dates: None };
        }
        let verified = self.verified.get() == Some(worked(s, symbols));
        if !verified && !checksum_passes(s, symbols) {
            let mut f = Finding::new(FindingCode::ChecksumMismatch, Severity::Error);
            if let Some((pairs, _)) = suggest::layout_swap(self, s, symbols) {
                // Letters swapped throughout, as by a keyboard set to another language: that code
                // is suggested first, and no single position is to blame.
                f = f.expected(pairs).variant("checksum_mismatch.keyboard_layout");
            } else if let Some((position, value)) = self.located_error(s, symbols) {
                f = f
                    .at(position)
                    .expected(value.to_string())
                    .actual(symbols[position].to_string())
                    .variant("checksum_mismatch.located");
            }
            return Outcome::invalid(vec![f]);
        }

        let mut dates = None;
        findings.append(&mut self.typed_field_findings(s, symbols));
        if let (Some(m), Some(here)) = (region, self.marketplace) {
            if m.prefix != here.prefix {
                findings.push(
                    Finding::new(FindingCode::WrongRegion, Severity::Error)
                        .at(s.field(FieldKind::Region).map_or(0, |f| f.start))
                        .expected(here.domain)
                        .actual(m.domain),
                );
            }
        }
        if let Some(d) = self.dates_if_typed(s, symbols) {
            dates = Some(d);
            if let Some(now) = self.now {
                match expiry::judge(&d, now) {
                    DateStatus::Expired => {
                        findings.push(Finding::new(FindingCode::Expired, Severity::Error).actual(d.expires_on.format()))
                    }
                    DateStatus::NotYetValid => findings
                        .push(Finding::new(FindingCode::NotYetValid, Severity::Error).actual(d.issued_on.format())),
                    DateStatus::Usable { days_left } if days_left <= expiry::SOON_DAYS => findings
                        .push(Finding::new(FindingCode::ExpiresSoon, Severity::Warning).actual(d.expires_on.format())),
                    DateStatus::Usable { .. } => {}
                }
            }
        }
        let status = if findings.iter().any(|f| f.severity == Severity::Error) {
            Status::Invalid
        } else if !s.has_checksum() {
            findings.push(Finding::new(FindingCode::NoChecksum, Severity::Info));
            Status::Unverifiable
        } else {
            Status::Valid
        };
        Outcome { status, findings, region, dates }
    }

    /// Findings about the fields typed so far: an unknown region prefix, a meaningless validity.
    fn typed_field_findings(&self, s: &Scheme, symbols: &[char]) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(field) = s.field(FieldKind::Region) {
            let typed = typed(symbols, field);
            if typed.iter().all(|&c| s.alphabet.contains(c)) && !s.regions.iter().any(|m| starts_with(m.prefix, typed))
            {
                out.push(
                    Finding::new(FindingCode::UnknownPrefix, Severity::Error)
                        .at(field.start)
                        .actual(crate::text_of(typed)),
                );
            }
        }
        if let Some(field) = s.field(FieldKind::Validity) {
            if let Some(&c) = symbols.get(field.start) {
                if s.alphabet.value(c).is_some_and(|v| v as usize >= s.validity_days.len()) {
                    out.push(
                        Finding::new(FindingCode::InvalidValidity, Severity::Error)
                            .at(field.start)
                            .actual(c.to_string()),
                    );
                }
            }
        }
        out
    }

    /// For rs32: the one wrong symbol and its right value, when correcting it yields a code that
    /// would be suggested (`run` unnames it unless it comes first: one story for all three parts).
    fn located_error(&self, s: &Scheme, symbols: &[char]) -> Option<(usize, char)> {
        if s.checksum != Checksum::Rs32 {
            return None;
        }
        let values = s.alphabet.values_of(symbols);
        if values.len() != symbols.len() {
            return None; // a symbol outside the alphabet
        }
        let fix = rs32::correct_one(&values)?;
        let right = s.alphabet.symbol(fix.value);
        let mut fixed = symbols.to_vec();
        fixed[fix.position] = right;
        suggest::passes(self, s, &fixed).then_some((fix.position, right))
    }
}

/// How well a scheme explains an input, best last (so `>` means better).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Fit {
    None,
    /// A prefix with an unreadable or impossible symbol: a scheme that takes it as typed wins.
    IncompleteFlawed,
    /// A prefix of a scheme without checksum or region, or without a known region prefix.
    IncompleteWeak,
    /// Complete, with as many unreadable or impossible symbols as check symbols: they recover to a
    /// code, but nothing is left to verify it (two `?` still win when no other scheme takes `?`).
    Exhausted,
    /// Complete for a scheme without checksum.
    Shape,
    /// Right region prefix, plausible fields and only symbols of the alphabet, but too many errors to
    /// correct (or one symbol too many).
    Damaged,
    /// One wrong symbol, and the repair makes sense.
    Correctable,
    /// A prefix of a checksum scheme with a known region prefix and only symbols of its alphabet.
    IncompleteStrong,
    /// Complete, with one `?` or impossible symbol that the check symbols recover to a valid code
    /// (the other check symbol verifies it): the customer marked what they could not read, so this
    /// beats "still typing another scheme".
    Recovered,
    /// Complete and the checksum passes.
    Verified,
}

/// The findings of one scheme.
pub(crate) struct Outcome {
    pub status: Status,
    pub findings: Vec<Finding>,
    pub region: Option<&'static Marketplace>,
    pub dates: Option<CreditDates>,
}

impl Outcome {
    fn invalid(findings: Vec<Finding>) -> Outcome {
        Outcome { status: Status::Invalid, findings, region: None, dates: None }
    }
}

/// True for characters rs32 can recover at their position: `?`, and 0/O/1/I where the alphabet lacks them.
pub(crate) fn is_recoverable(s: &Scheme, c: char) -> bool {
    s.checksum == Checksum::Rs32 && matches!(c, '?' | '0' | 'O' | '1' | 'I') && !s.alphabet.contains(c)
}

/// True when the symbols pass the scheme's checksum (non-ASCII symbols fail).
pub(crate) fn checksum_passes(s: &Scheme, symbols: &[char]) -> bool {
    if s.checksum == Checksum::Rs32 {
        // The hot path: syndromes straight from the symbols, without a buffer.
        if symbols.len() > rs32::MAX_LENGTH || s.alphabet.len() != 32 {
            return false;
        }
        let mut all_symbols = true;
        let values = symbols.iter().map(|&c| {
            s.alphabet.value(c).unwrap_or_else(|| {
                all_symbols = false;
                0
            })
        });
        let syndromes = rs32::syndromes_of(values);
        return all_symbols && syndromes == (0, 0);
    }
    let mut buffer = [0u8; MAX_INPUT_CHARS];
    let Some(code) = buffer.get_mut(..symbols.len()) else { return false };
    for (slot, &c) in code.iter_mut().zip(symbols) {
        *slot = if c.is_ascii() { c as u8 } else { 0 };
    }
    s.checksum.is_valid(code, &s.alphabet)
}

/// The symbols of a field that have been typed so far (clipped to the input).
fn typed(symbols: &[char], field: crate::scheme::Field) -> &[char] {
    let n = symbols.len();
    &symbols[field.start.min(n)..field.end().min(n)]
}

/// True when `typed` begins `prefix` (a marketplace prefix: ASCII, tested in `region`). Compared by
/// bytes: decoding the prefix's chars cost every check a UTF-8 decoder per marketplace.
fn starts_with(prefix: &str, typed: &[char]) -> bool {
    prefix.len() >= typed.len() && prefix.bytes().zip(typed).all(|(a, &b)| char::from(a) == b)
}

/// A number printed near the code that is not the code: the card's serial number (16 or 30
/// digits) or an order number from the confirmation (17 digits, shown `302-1234567-1234567`, or `D`
/// and 16 digits for a digital order).
fn reference_number(symbols: &[char]) -> Option<FindingCode> {
    let (first, rest) = symbols.split_first()?;
    if !rest.iter().all(char::is_ascii_digit) {
        return None;
    }
    match (symbols.len(), first) {
        (16 | 30, '0'..='9') => Some(FindingCode::LooksLikeSerialNumber),
        (17, '0'..='9' | 'D') => Some(FindingCode::LooksLikeOrderNumber),
        _ => None,
    }
}

/// True when codes of `n` symbols of the scheme may be all digits by design: its alphabet holds all
/// ten and is nothing but digits, or it has a checksum (a numeric code with check digits, which a
/// serial number would fail). The built-in promotion codes take digits too, but letters as well, and
/// nothing checks them: sixteen digits there are more likely the serial number.
fn has_digit_codes(s: &Scheme, n: usize) -> bool {
    let alphabet = s.alphabet.as_str();
    s.accepts_length(n)
        && ('0'..='9').all(|d| s.alphabet.contains(d))
        && (s.has_checksum() || alphabet.bytes().all(|b| b.is_ascii_digit()))
}

fn reference_finding(code: FindingCode, symbols: &[char], severity: Severity) -> Finding {
    Finding::new(code, severity).actual(decimal(symbols.len() as u64))
}
