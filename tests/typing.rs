#![cfg(not(target_arch = "wasm32"))]
//! As-you-type: every prefix of a valid code is `incomplete` (never an error), and the caret stays
//! after the same symbol whatever the grouping does.

mod support;

use claimcheck::finding::Severity;
use claimcheck::typing::format_as_you_type;
use claimcheck::FindingCode;
use claimcheck::{validate, CheckOptions, Status};
use support::{code, expired_code, now, scheme, Rng};

fn codes() -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &str)> = ["DE9N8GUZWH279LUF", "US8W2ZNFTJQQS6D3", "JPA58VYBYG9XYJ4Y"]
        .iter()
        .map(|c| (c.to_string(), "giftcard"))
        .collect();
    out.push(("DE4G22TMYTVELK24BXYS".into(), "credit"));
    let mut rng = Rng(7);
    for id in ["giftcard", "credit"] {
        for _ in 0..200 {
            out.push((code(scheme(id), &mut rng), id));
        }
    }
    out
}

#[test]
fn every_prefix_of_a_valid_code_is_incomplete_never_an_error() {
    let options = CheckOptions::default().now(now());
    let mut checked = 0;
    for (code, id) in codes() {
        let full = scheme(id);
        for end in 0..code.len() {
            let prefix = &code[..end];
            for (typed, label) in [(prefix.to_owned(), "as is"), (prefix.to_lowercase(), "lowercase")] {
                for opts in [options.clone(), options.clone().scheme(id)] {
                    let v = validate(&typed, &opts).unwrap();
                    assert_eq!(v.status, Status::Incomplete, "{label} prefix {typed:?} of {code}: {:?}", v.findings);
                    assert!(v.findings.iter().all(|f| f.severity != Severity::Error), "{typed:?}: {:?}", v.findings);
                    let t = format_as_you_type(&typed, typed.len(), &opts).unwrap();
                    assert_eq!(t.status, Status::Incomplete);
                    // Grouped as the scheme validation settled on (with "auto", a credit prefix of
                    // five symbols is still grouped like a gift card).
                    let grouped = v.scheme.as_deref().map_or(String::new(), |s| scheme(s).display(prefix));
                    assert_eq!(t.display, grouped, "display of {typed:?}");
                    assert_eq!(t.caret, t.display.len(), "caret of {typed:?}");
                    checked += 1;
                }
            }
        }
        let done = format_as_you_type(&code, code.len(), &options).unwrap();
        assert_eq!((done.status, done.caret), (Status::Valid, full.display(&code).len()));
    }
    assert!(checked > 25_000, "{checked}");
}

/// Customers still try a credit that expired lately: typing one is never an error either, and only
/// the complete code says that it expired.
#[test]
fn no_prefix_of_a_credit_that_expired_within_a_year_is_an_error() {
    let options = CheckOptions::default().now(now());
    let mut rng = Rng(0x0e8d);
    for _ in 0..200 {
        let code = expired_code(scheme("credit"), &mut rng, claimcheck::expiry::RECENTLY_EXPIRED_DAYS as usize);
        for end in 0..code.len() {
            // Never an error (16 symbols of it can happen to be a valid gift card: that is no nag).
            let v = validate(&code[..end], &options).unwrap();
            assert_ne!(v.status, Status::Invalid, "{} of {code}: {:?}", &code[..end], v.findings);
            assert!(v.findings.iter().all(|f| f.severity != Severity::Error), "{}: {:?}", &code[..end], v.findings);
        }
        let v = validate(&code, &options).unwrap();
        assert_eq!((v.status, v.findings[0].code), (Status::Invalid, FindingCode::Expired), "{code}");
    }
}

#[test]
fn the_caret_stays_after_the_same_symbol_wherever_it_is() {
    let options = CheckOptions::default().now(now());
    let mut rng = Rng(11);
    for (code, _) in codes().into_iter().take(100) {
        for _ in 0..10 {
            // Type the code with random separators (Japanese input's ー too), case, and digits of
            // Arabic or Devanagari, caret after a random number of symbols.
            let mut typed = String::new();
            let mut caret_at = Vec::new(); // UTF-16 offset after each symbol
            for c in code.chars() {
                match rng.below(7) {
                    0 => typed.push(' '),
                    1 => typed.push('-'),
                    2 => typed.push('\u{200B}'),
                    3 => typed.push('ー'),
                    _ => {}
                }
                let digit = c.to_digit(10);
                typed.push(match (rng.below(3), digit) {
                    (0, Some(d)) => char::from_u32(0x0660 + d).unwrap(), // Arabic-Indic
                    (1, Some(d)) => char::from_u32(0x0966 + d).unwrap(), // Devanagari
                    (0, None) => c.to_ascii_lowercase(),
                    _ => c,
                });
                caret_at.push(typed.encode_utf16().count());
            }
            let k = rng.below(code.len() + 1);
            let caret = if k == 0 { 0 } else { caret_at[k - 1] };
            let t = format_as_you_type(&typed, caret, &options).unwrap();
            let before: String = t.display[..t.caret].chars().filter(|&c| c != '-').collect();
            assert_eq!(before, code[..k], "{typed:?} caret {caret} -> {:?} caret {}", t.display, t.caret);
        }
    }
}

#[test]
fn a_gift_card_with_a_question_mark_is_recovered_with_scheme_auto() {
    // A complete gift card with `?` typed for an unreadable symbol must not be taken for a credit
    // code still being typed (the e2e test found this).
    let options = CheckOptions::default().now(now());
    let mut rng = Rng(3);
    for _ in 0..100 {
        let code = code(scheme("giftcard"), &mut rng);
        for p in 2..code.len() {
            let typed = format!("{}?{}", &code[..p], &code[p + 1..]);
            let v = validate(&typed, &options).unwrap();
            assert_eq!(v.scheme.as_deref(), Some("giftcard"), "{typed}");
            assert_eq!(v.suggestions.first().map(|s| s.code.as_str()), Some(code.as_str()), "{typed}");
        }
    }
}

/// Promotion codes often start with a country ("DEWINTERSALE2026", "USBLACKFRIDAY2026"). One with a
/// symbol gift cards and credits never have (0, O, 1, I) is taken as typed: from that symbol on,
/// typing it is never an error, and neither is the whole code unless its impossible symbol is a gift card's or credit's
/// that the other check symbol verifies (one in 32 for one such symbol at their exact lengths).
#[test]
fn promotion_codes_that_start_like_a_marketplace_are_no_error() {
    const SYMBOLS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let options = CheckOptions::default().now(now());
    let mut rng = Rng(0x9a0e);
    let (mut codes, mut invalid) = (0, 0);
    while codes < 2_000 {
        let m = &claimcheck::region::MARKETPLACES[rng.below(claimcheck::region::MARKETPLACES.len())];
        let mut code: Vec<u8> = m.prefix.bytes().collect();
        for _ in 0..3 + rng.below(16) {
            code.push(SYMBOLS[rng.below(SYMBOLS.len())]);
        }
        if !code.iter().any(|b| b"0O1I".contains(b)) {
            continue; // all in the gift cards' alphabet: that may well be a gift card
        }
        let code = String::from_utf8(code).unwrap();
        codes += 1;
        // Until its first impossible symbol, the code may be a gift card's or a credit's beginning.
        let first = code.bytes().position(|b| b"0O1I".contains(&b)).unwrap();
        for end in first + 1..code.len() {
            let v = validate(&code[..end], &options).unwrap();
            let complete_card = matches!(end, 16 | 20);
            assert!(
                complete_card || v.findings.iter().all(|f| f.severity != Severity::Error),
                "{} of {code}: {:?}",
                &code[..end],
                v.findings
            );
        }
        let v = validate(&code, &options).unwrap();
        if v.status == Status::Invalid {
            invalid += 1;
            assert!(matches!(code.len(), 16 | 20) && !v.suggestions.is_empty(), "{code}: {:?}", v.findings);
        }
    }
    println!("promotion codes starting like a marketplace, invalid as a whole: {invalid} of {codes}");
    assert!(invalid * 100 < codes, "{invalid} of {codes}");
}
