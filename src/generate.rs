//! Issuing codes for a scheme (issuer side): fixed fields filled in, the random part from a
//! cryptographically secure source, and the check symbols computed.

use crate::prelude::*;

use crate::date::Date;

use crate::scheme::{FieldKind, Scheme};

/// What to put into a scheme's fixed fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Issue {
    /// Region prefix or marketplace name (`DE`, `AT`, `amazon.de`), for schemes with a region field.
    pub region: Option<String>,
    /// Issue day, for schemes with an issue-day field.
    pub issued_on: Option<Date>,
    /// Validity in days (must be one of the scheme's `validityDays`), for schemes with a validity field.
    pub validity_days: Option<u32>,
}

/// Why a code could not be generated.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GenerateError {
    /// A field the scheme has was not given (names the option).
    Missing(&'static str),
    /// A value was given that the scheme cannot encode.
    Unsupported(String),
    /// The system's secure random source failed.
    Random(String),
}

impl core::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            GenerateError::Missing(what) => write!(f, "this scheme needs --{what}"),
            GenerateError::Unsupported(why) => f.write_str(why),
            GenerateError::Random(why) => write!(f, "secure random source failed: {why}"),
        }
    }
}

impl core::error::Error for GenerateError {}

/// Generates one code, drawing random bytes from `fill_random` (which must be cryptographically
/// secure: the random part is what makes a code unguessable). Every generated code validates.
pub fn generate_with(
    scheme: &Scheme,
    issue: &Issue,
    fill_random: &mut dyn FnMut(&mut [u8]) -> Result<(), GenerateError>,
) -> Result<String, GenerateError> {
    // A value for a field the scheme does not have would be dropped without a word: the issuer
    // asked for something these codes cannot carry.
    let given = [
        (issue.region.is_some(), FieldKind::Region, "region"),
        (issue.issued_on.is_some(), FieldKind::IssueDay, "issued"),
        (issue.validity_days.is_some(), FieldKind::Validity, "validity"),
    ];
    for (is_given, kind, option) in given {
        if is_given && scheme.field(kind).is_none() {
            return Err(GenerateError::Unsupported(format!(
                "scheme {} has no {} field, so --{option} does not apply",
                scheme.id,
                kind.code()
            )));
        }
    }
    // Every code length the scheme allows needs the fixed fields at the same places: use the longest.
    let n = scheme.max_len();
    let mut symbols: Vec<Option<char>> = vec![None; n];
    for field in &scheme.fields {
        match field.kind {
            FieldKind::Region => {
                let wanted = issue.region.as_deref().ok_or(GenerateError::Missing("region"))?;
                let m = crate::region::resolve(wanted).filter(|m| scheme.regions.contains(m)).ok_or_else(|| {
                    GenerateError::Unsupported(format!("'{wanted}' is not a region of scheme {}", scheme.id))
                })?;
                for (i, c) in m.prefix.chars().enumerate() {
                    symbols[field.start + i] = Some(c);
                }
            }
            FieldKind::IssueDay => {
                let day = issue.issued_on.ok_or(GenerateError::Missing("issued"))?;
                let epoch = scheme.issue_epoch.ok_or(GenerateError::Missing("issued"))?;
                let offset = day.days_since(epoch);
                let radix = scheme.alphabet.len() as i64;
                let capacity = radix.pow(field.length as u32);
                if offset < 0 || offset >= capacity {
                    return Err(GenerateError::Unsupported(format!(
                        "issue day {day} is outside what the scheme can encode ({epoch} plus {} days)",
                        capacity - 1
                    )));
                }
                let mut rest = offset;
                for i in (0..field.length).rev() {
                    symbols[field.start + i] = Some(scheme.alphabet.symbol((rest % radix) as u8));
                    rest /= radix;
                }
            }
            FieldKind::Validity => {
                let days = issue.validity_days.ok_or(GenerateError::Missing("validity"))?;
                let index = scheme.validity_days.iter().position(|&d| d == days).ok_or_else(|| {
                    let allowed: Vec<String> = scheme.validity_days.iter().map(u32::to_string).collect();
                    GenerateError::Unsupported(format!("validity {days} days is not one of {}", allowed.join(", ")))
                })?;
                symbols[field.start] = Some(scheme.alphabet.symbol(index as u8));
            }
            FieldKind::Random | FieldKind::Check => {}
        }
    }
    let check_len = scheme.checksum.check_len();
    // Symbols drawn by rejection sampling, so each is uniform over the alphabet.
    let size = scheme.alphabet.len();
    let limit = 256 - 256 % size;
    // MOD 37-2 may produce a check character outside the alphabet: draw again (rarely needed).
    for _ in 0..64 {
        let mut payload = Vec::with_capacity(n);
        for slot in symbols.iter().take(n - check_len) {
            match slot {
                Some(c) => payload.push(*c as u8),
                None => loop {
                    let mut byte = [0u8];
                    fill_random(&mut byte)?;
                    if (byte[0] as usize) < limit {
                        payload.push(scheme.alphabet.symbol((byte[0] as usize % size) as u8) as u8);
                        break;
                    }
                },
            }
        }
        if let Some(check) = scheme.checksum.compute(&payload, &scheme.alphabet) {
            payload.extend(check);
            return Ok(payload.into_iter().map(char::from).collect());
        }
    }
    Err(GenerateError::Unsupported(format!(
        "scheme {} could not produce a check character from its alphabet",
        scheme.id
    )))
}

/// Generates one code with the operating system's secure random source.
#[cfg(not(target_arch = "wasm32"))]
pub fn generate(scheme: &Scheme, issue: &Issue) -> Result<String, GenerateError> {
    generate_with(scheme, issue, &mut |buf| getrandom::getrandom(buf).map_err(|e| GenerateError::Random(e.to_string())))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::scheme::builtin;

    #[test]
    fn fixed_fields_are_encoded() {
        let credit = &builtin()[1];
        let issue =
            Issue { region: Some("AT".into()), issued_on: Date::from_ymd(2026, 11, 1), validity_days: Some(30) };
        let code = generate(credit, &issue).unwrap();
        assert_eq!(&code[..6], "DE4G22");
        assert_eq!(code.len(), 20);
    }

    #[test]
    fn missing_and_unsupported_values_are_errors() {
        let credit = &builtin()[1];
        assert_eq!(generate(credit, &Issue::default()), Err(GenerateError::Missing("region")));
        let bad = Issue { region: Some("DE".into()), issued_on: Date::from_ymd(2026, 11, 1), validity_days: Some(45) };
        assert!(matches!(generate(credit, &bad), Err(GenerateError::Unsupported(_))));
        let early = Issue { region: Some("DE".into()), issued_on: Date::from_ymd(2019, 1, 1), validity_days: Some(30) };
        assert!(matches!(generate(credit, &early), Err(GenerateError::Unsupported(_))));
        let giftcard = &builtin()[0];
        let nowhere = Issue { region: Some("QQ".into()), ..Issue::default() };
        assert!(matches!(generate(giftcard, &nowhere), Err(GenerateError::Unsupported(_))));
    }

    #[test]
    fn values_for_fields_the_scheme_lacks_are_errors() {
        let (giftcard, promo) = (&builtin()[0], &builtin()[3]);
        let dated = Issue { region: Some("DE".into()), issued_on: Date::from_ymd(2026, 11, 1), validity_days: None };
        let message = generate(giftcard, &dated).unwrap_err().to_string();
        assert_eq!(message, "scheme giftcard has no issue_day field, so --issued does not apply");
        let lasting = Issue { region: Some("DE".into()), validity_days: Some(30), ..Issue::default() };
        assert!(generate(giftcard, &lasting).unwrap_err().to_string().contains("--validity"));
        let placed = Issue { region: Some("DE".into()), ..Issue::default() };
        assert!(generate(promo, &placed).unwrap_err().to_string().contains("no region field"));
        assert!(generate(promo, &Issue::default()).is_ok());
    }

    #[test]
    fn a_failing_random_source_is_an_error() {
        let giftcard = &builtin()[0];
        let issue = Issue { region: Some("DE".into()), ..Issue::default() };
        let r = generate_with(giftcard, &issue, &mut |_| Err(GenerateError::Random("no entropy".into())));
        assert_eq!(r, Err(GenerateError::Random("no entropy".into())));
    }
}
