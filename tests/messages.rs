#![cfg(not(target_arch = "wasm32"))]
//! Every finding code, triggered by a real input, worded in English and German.

mod support;

use claimcheck::finding::ALL_CODES;
use claimcheck::{validate, CheckOptions, FindingCode};

/// An input (with scheme, marketplace and `now`) that produces each finding code.
fn trigger(code: FindingCode) -> (&'static str, &'static str, Option<&'static str>, &'static str) {
    use FindingCode::*;
    match code {
        Empty => ("", "auto", None, "2026-11-22"),
        InputTooLong => ("x", "auto", None, "2026-11-22"), // replaced by a long string below
        InvalidCharacter => ("DE9N8GUZWH279LUO", "auto", None, "2026-11-22"),
        UnreadableCharacter => ("DE9N8GUZWH2?9LUF", "auto", None, "2026-11-22"),
        TooShort => ("DE9N8GUZ", "auto", None, "2026-11-22"),
        TooLong => ("DE9N8GUZWH279LUFX", "auto", None, "2026-11-22"),
        UnknownPrefix => ("QQ9N", "giftcard", None, "2026-11-22"),
        WrongRegion => ("US8W2ZNFTJQQS6D3", "auto", Some("DE"), "2026-11-22"),
        ChecksumMismatch => ("DE9N8GUZWH279LUG", "auto", None, "2026-11-22"),
        Expired => ("DE4G22TMYTVELK24BXYS", "auto", None, "2027-01-05"),
        NotYetValid => ("DE4G22TMYTVELK24BXYS", "auto", None, "2026-10-01"),
        ExpiresSoon => ("DE4G22TMYTVELK24BXYS", "auto", None, "2026-11-28"),
        InvalidValidity => ("DE4G2Z", "credit", None, "2026-11-22"),
        LooksLikeSerialNumber => ("1234 5678 1234 5678", "auto", None, "2026-11-22"),
        LooksLikeOrderNumber => ("302-1234567-1234567", "auto", None, "2026-11-22"),
        WrongCodeType => ("DE4G22TMYTVELK24BXYS", "giftcard", None, "2026-11-22"),
        AmbiguousCharacters => ("SUMMER50", "promo", None, "2026-11-22"),
        NoChecksum => ("HAPPY", "promo", None, "2026-11-22"),
        other => panic!("no trigger for {other:?}: add one"),
    }
}

/// Options of a trigger, in one locale.
fn options_for(scheme: &str, locale: &str, marketplace: Option<&str>, now: &str) -> CheckOptions {
    let options =
        CheckOptions::default().scheme(scheme).locale(locale).now(claimcheck::date::Timestamp::parse(now).unwrap());
    match marketplace {
        Some(m) => options.marketplace(m),
        None => options,
    }
}

#[test]
fn every_finding_code_is_produced_and_worded_in_both_languages() {
    let long = "A".repeat(300);
    for code in ALL_CODES {
        let (input, scheme, marketplace, now) = trigger(code);
        let input = if code == FindingCode::InputTooLong { long.as_str() } else { input };
        let mut texts = Vec::new();
        for locale in ["en-US", "de-AT"] {
            let v = validate(input, &options_for(scheme, locale, marketplace, now)).unwrap();
            let f = v
                .finding(code)
                .unwrap_or_else(|| panic!("{input:?} did not produce {}: {:?}", code.code(), v.findings));
            assert!(!f.message.is_empty() && !f.message.contains('{'), "{}: {}", code.code(), f.message);
            if let Some(hint) = &f.hint {
                assert!(!hint.contains('{'), "{}: {hint}", code.code());
            }
            if let Some(p) = f.position {
                if f.message.contains("position") || f.message.contains("Stelle") {
                    assert!(f.message.contains(&(p + 1).to_string()), "positions are shown 1-based: {}", f.message);
                }
            }
            texts.push(f.message.clone());
        }
        assert_ne!(texts[0], texts[1], "{} must read differently in German", code.code());
    }
}

#[test]
fn german_texts_read_as_german() {
    let v = validate("US8W2ZNFTJQQS6D3", &CheckOptions::default().locale("de").marketplace("amazon.de")).unwrap();
    assert_eq!(v.findings[0].message, "Dieser Code gilt für amazon.com, Sie lösen ihn aber auf amazon.de ein.");
    let v = validate("DE9N8GUZ", &CheckOptions::default().locale("de-CH")).unwrap();
    assert_eq!(v.findings[0].message, "Der Code hat 16 Zeichen; bisher eingegeben: 8.");
    let v = validate("DE9N8GUZ", &CheckOptions::default().locale("fr")).unwrap();
    assert_eq!(v.findings[0].message, "The code has 16 characters; 8 entered so far.");
}

/// A scheme with several lengths has no one length to name: below the shortest it has "at least",
/// above the longest "at most" that many characters; one symbol typed reads as well as many.
#[test]
fn lengths_are_worded_for_schemes_with_several() {
    let cases = [
        ("ABC", "promo", "en", "The code has at least 5 characters; 3 entered so far."),
        ("A", "promo", "de", "Der Code hat mindestens 5 Zeichen; bisher eingegeben: 1."),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "promo", "en", "The code has at most 20 characters, but 26 have been entered."),
        ("AB12CDEF34GH5", "amazon-claim", "en", "The code has at least 14 characters; 13 entered so far."),
        ("AB12CDEF34GH5678", "amazon-claim", "de", "Der Code hat höchstens 15 Zeichen, eingegeben sind aber 16."),
        ("D", "giftcard", "en", "The code has 16 characters; 1 entered so far."),
        ("DE9N8GUZWH279LUFF", "giftcard", "en", "The code has 16 characters, but 17 have been entered."),
    ];
    for (input, scheme, locale, message) in cases {
        let v = validate(input, &CheckOptions::default().scheme(scheme).locale(locale)).unwrap();
        let f = v.findings.iter().find(|f| matches!(f.code.code(), "too_short" | "too_long")).unwrap();
        assert_eq!(f.message, message, "{input} as {scheme}");
    }
}

#[test]
fn bad_options_are_errors_not_results() {
    let e = validate("DE9N", &CheckOptions::default().scheme("nope")).unwrap_err();
    assert!(e.to_string().contains("unknown scheme 'nope'") && e.to_string().contains("giftcard"), "{e}");
    let e = validate("DE9N", &CheckOptions::default().marketplace("Narnia")).unwrap_err();
    assert!(e.to_string().contains("unknown marketplace 'Narnia'"), "{e}");
}

/// Inputs whose causes the snapshot records, besides one trigger per finding code.
const CAUSE_INPUTS: &[(&str, &str, Option<&str>, &str)] = &[
    ("DE9N8GUZWH27L9UF", "auto", None, "2026-11-22"),
    ("DE9N8GUZWH279LUFF", "auto", None, "2026-11-22"),
    ("DE9N8GUZWHAC9LUF", "auto", None, "2026-11-22"),
    // DE9N-8GUZ-WH27-9LUF with its 8 read as B and its G as 6: only both together undo it.
    ("DE9NB6UZWH279LUF", "auto", None, "2026-11-22"),
    ("DE9N!GUZWH279LUF", "giftcard", None, "2026-11-22"),
    ("DE9N8GUZWH2?9L?F", "auto", None, "2026-11-22"),
    // DERM-MY56-WDVZ-BZSX typed with a German keyboard set to English (Y and Z swapped), and
    // DETS-VQVP-E4UC-65ZC with a French one (A and Q, W and Z).
    ("DERMMZ56WDVYBYSX", "auto", None, "2026-11-22"),
    ("DETSVAVPE4UC65WC", "auto", None, "2026-11-22"),
];

/// Every customer-facing explanation, in both languages, as one text: the findings of a real input for
/// each finding code with the causes ranked for it, every cause text, every server rejection code (and
/// `region_restricted` with a marketplace), and the scam warning. Compared with
/// `tests/snapshots/explanations.txt`; run with `UPDATE_SNAPSHOTS=1` to accept a change, then review
/// the diff like any other change of wording.
#[test]
fn explanation_texts_match_the_snapshot() {
    use claimcheck::explain::{explain_rejection, scam_warning, SERVER_CODES};
    use claimcheck::messages::{explanations::CAUSES, Locale};
    use std::fmt::Write as _;

    let long = "A".repeat(300);
    let mut cases: Vec<(String, &str, Option<&str>, &str)> = ALL_CODES
        .iter()
        .map(|&code| {
            let (input, scheme, marketplace, now) = trigger(code);
            let input = if code == FindingCode::InputTooLong { long.clone() } else { input.to_owned() };
            (input, scheme, marketplace, now)
        })
        .collect();
    cases.extend(CAUSE_INPUTS.iter().map(|&(i, s, m, n)| (i.to_owned(), s, m, n)));

    let mut out = String::new();
    for (input, scheme, marketplace, now) in &cases {
        let shown =
            if input.len() > 40 { format!("{}… ({} characters)", &input[..8], input.len()) } else { input.clone() };
        let _ = writeln!(out, "## validate {shown:?} scheme={scheme} marketplace={marketplace:?} now={now}");
        for locale in ["en", "de"] {
            let v = validate(input, &options_for(scheme, locale, *marketplace, now)).unwrap();
            let _ = writeln!(out, "[{locale}] status {}", v.status.code());
            for f in &v.findings {
                let _ = writeln!(
                    out,
                    "[{locale}] finding {}: {} | {}",
                    f.code.code(),
                    f.message,
                    f.hint.as_deref().unwrap_or("-")
                );
            }
            for c in &v.causes {
                let _ = writeln!(
                    out,
                    "[{locale}] cause {} ({:.2}): {} | {}",
                    c.code.code(),
                    c.confidence,
                    c.message,
                    c.hint
                );
            }
        }
        out.push('\n');
    }
    assert!(!out.contains('{'), "an unfilled placeholder:\n{out}");
    for entry in CAUSES.iter() {
        let _ = writeln!(out, "## cause {}", entry.key);
        let _ = writeln!(out, "[en] {} | {}", entry.en.message(), entry.en.hint());
        let _ = writeln!(out, "[de] {} | {}\n", entry.de.message(), entry.de.hint());
    }
    let germany = claimcheck::region::by_prefix("DE");
    let rejections = SERVER_CODES.iter().map(|&c| (c, None)).chain([("region_restricted", germany), ("teapot", None)]);
    for (code, marketplace) in rejections {
        let _ = writeln!(out, "## explainRejection {code:?} marketplace={:?}", marketplace.map(|m| m.domain));
        for locale in [Locale::En, Locale::De] {
            let x = explain_rejection(code, locale, marketplace);
            let _ = writeln!(
                out,
                "[{}] {} — {} (retry: {}, contact support: {})",
                locale.tag(),
                x.title,
                x.message,
                x.retry,
                x.contact_support
            );
            for step in &x.steps {
                let _ = writeln!(out, "[{}]   - {step}", locale.tag());
            }
        }
        out.push('\n');
    }
    assert!(!out[out.find("## explainRejection").unwrap()..].contains('{'), "an unfilled placeholder:\n{out}");
    for locale in [Locale::En, Locale::De] {
        let n = scam_warning(locale);
        let _ = writeln!(out, "## scam warning [{}]\n{} — {}", locale.tag(), n.title, n.message);
        for step in &n.steps {
            let _ = writeln!(out, "  - {step}");
        }
    }

    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/explanations.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots")).unwrap();
        std::fs::write(path, &out).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert!(out == expected, "explanations changed; review and run with UPDATE_SNAPSHOTS=1:\n{out}");
}
