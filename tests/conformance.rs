#![cfg(not(target_arch = "wasm32"))]
//! Runs the conformance cases of `tests/data/cases.json` against the native library.

use claimcheck::date::Timestamp;
use claimcheck::{validate, CheckOptions};
use serde_json::Value;

#[test]
fn conformance_cases() {
    let file: Value = serde_json::from_str(include_str!("data/cases.json")).unwrap();
    let default_now = file["now"].as_str().unwrap();
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 30);
    for case in cases {
        let input = case["input"].as_str().unwrap();
        let mut options =
            CheckOptions::default().now(Timestamp::parse(case["now"].as_str().unwrap_or(default_now)).unwrap());
        if let Some(s) = case["option_scheme"].as_str() {
            options = options.scheme(s);
        }
        if let Some(m) = case["marketplace"].as_str() {
            options = options.marketplace(m);
        }
        let v = validate(input, &options).unwrap();
        let got: Value = serde_json::from_str(&claimcheck::ToJson::to_json(&v)).unwrap();
        let context = format!("case {case}\n got {got}");
        assert_eq!(got["status"], case["status"], "{context}");
        for key in ["normalized", "display", "region", "issuedOn", "expiresOn"] {
            if let Some(want) = case.get(key) {
                assert_eq!(&got[key], want, "{key}: {context}");
            }
        }
        if let Some(want) = case.get("detects") {
            assert_eq!(&got["scheme"], want, "scheme: {context}");
        }
        if let Some(want) = case.get("findings") {
            let codes: Vec<&Value> = got["findings"].as_array().unwrap().iter().map(|f| &f["code"]).collect();
            let want: Vec<&Value> = want.as_array().unwrap().iter().collect();
            assert_eq!(codes, want, "findings: {context}");
        }
        for key in ["position", "expected", "actual"] {
            if let Some(want) = case.get(key) {
                assert_eq!(&got["findings"][0][key], want, "{key}: {context}");
            }
        }
        if let Some(want) = case.get("suggestion") {
            assert_eq!(&got["suggestions"][0]["code"], want, "suggestion: {context}");
        }
        for f in got["findings"].as_array().unwrap() {
            assert!(!f["message"].as_str().unwrap().is_empty(), "{context}");
        }
    }
}

#[test]
fn pasted_text_gets_a_few_character_findings_not_one_per_character() {
    let v = claimcheck::validate(&"🎁".repeat(100), &claimcheck::CheckOptions::default()).unwrap();
    let character_findings = v.findings.iter().filter(|f| f.code == claimcheck::FindingCode::InvalidCharacter).count();
    assert_eq!(character_findings, claimcheck::validate::MAX_CHARACTER_FINDINGS);
    assert_eq!(v.findings[0].position, Some(0), "the first ones are reported");
}

#[test]
fn options_are_read_from_json_as_javascript_passes_them() {
    let read = |json: &str| CheckOptions::from_json_value(&claimcheck::Json::parse(json).unwrap());
    let options = read(r#"{"scheme": "credit", "marketplace": "AT", "locale": "de-AT", "now": "2026-11-22"}"#).unwrap();
    assert_eq!(options.scheme.as_deref(), Some("credit"));
    assert_eq!(options.marketplace.as_deref(), Some("AT"));
    assert_eq!(options.locale, claimcheck::Locale::De);
    assert_eq!(options.now.map(|t| t.format()).as_deref(), Some("2026-11-22T00:00:00Z"));
    assert_eq!(read(r#"{"scheme": null, "other": 1}"#).unwrap(), CheckOptions::default());
    for (json, words) in [
        (r#"{"locale": 5}"#, "options.locale must be a string"),
        (r#"{"marketplace": ["DE"]}"#, "options.marketplace must be a string"),
        (r#"{"now": "soon"}"#, "'now' must be an RFC 3339 timestamp"),
    ] {
        assert!(read(json).unwrap_err().describe().contains(words), "{json}");
    }
}

/// An ASCII input of up to 64 symbols (the longest a code may be) is checked from a buffer on the
/// stack, a longer or non-ASCII one from the heap: codes at and past that boundary, with and
/// without a typo, are checked as any other.
#[test]
fn codes_as_long_as_a_scheme_allows_are_checked_like_short_ones() {
    fn luhn_completed(payload: &str) -> String {
        let sum: u32 = payload
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0');
                if i % 2 == 0 {
                    let doubled = d * 2;
                    doubled / 10 + doubled % 10
                } else {
                    d
                }
            })
            .sum();
        format!("{payload}{}", (10 - sum % 10) % 10)
    }
    let mut registry = claimcheck::Registry::new();
    registry
        .register_json(
            r#"{"id": "long", "alphabet": "0123456789", "minLength": 60, "maxLength": 64, "checksum": "luhn"}"#,
        )
        .unwrap();
    let options = CheckOptions::default().scheme("long");
    for n in [60, 63, 64] {
        let code = luhn_completed(&"7".repeat(n - 1));
        let v = registry.validate(&code, &options).unwrap();
        assert_eq!(v.status, claimcheck::Status::Valid, "{n} symbols");
        let wide: String = code.chars().map(|c| char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap()).collect();
        assert_eq!(registry.validate(&wide, &options).unwrap().status, claimcheck::Status::Valid, "{n} wide");
        let typo = format!("{}{}", &code[..n - 1], (code.as_bytes()[n - 1] - b'0' + 1) % 10);
        let v = registry.validate(&typo, &options).unwrap();
        assert_eq!(v.status, claimcheck::Status::Invalid, "{n} with a typo");
        assert!(v.finding(claimcheck::FindingCode::ChecksumMismatch).is_some(), "{n}: {:?}", v.findings);
        // Luhn leaves many one-symbol repairs: each suggested one is a valid code of the same length.
        assert!(!v.suggestions.is_empty(), "{n}");
        for s in &v.suggestions {
            assert_eq!(s.code.len(), n);
            assert_eq!(registry.validate(&s.code, &options).unwrap().status, claimcheck::Status::Valid, "{}", s.code);
        }
    }
    let v = registry.validate(&"7".repeat(65), &options).unwrap();
    let too_long = v.finding(claimcheck::FindingCode::TooLong).expect("too_long");
    assert_eq!((too_long.expected.as_deref(), too_long.actual.as_deref()), (Some("64"), Some("65")));
}

/// Sixteen digits are most likely the card's serial number, but not for an issuer whose codes are
/// digits with a check digit: asked for that scheme, or detecting a code it verifies, the input is
/// checked as its code.
#[test]
fn digit_codes_of_a_registered_scheme_are_not_serial_numbers() {
    let mut registry = claimcheck::Registry::new();
    let luhn = r#"{"id": "card-luhn", "alphabet": "0123456789", "lengths": [16], "groups": [[4, 4, 4, 4]],
        "checksum": "luhn", "fields": [{"kind": "random", "start": 0, "length": 15}, {"kind": "check", "start": 15, "length": 1}]}"#;
    registry.register_json(luhn).unwrap();
    registry
        .register_json(r#"{"id": "digits", "alphabet": "0123456789", "lengths": [16], "checksum": "none"}"#)
        .unwrap();
    let check = |input: &str, scheme: &str| {
        let v = registry.validate(input, &CheckOptions::default().scheme(scheme)).unwrap();
        let codes: Vec<&str> = v.findings.iter().map(|f| f.code.code()).collect();
        (v.status.code(), v.scheme.clone().unwrap_or_default(), codes.join(","), v)
    };
    let valid = "4539148803436467";
    let (status, scheme, findings, _) = check(valid, "card-luhn");
    assert_eq!((status, scheme.as_str(), findings.as_str()), ("valid", "card-luhn", ""));
    let (status, scheme, findings, _) = check(valid, "auto");
    assert_eq!((status, scheme.as_str(), findings.as_str()), ("valid", "card-luhn", ""), "detected: it verifies");
    let (status, _, findings, v) = check("4539148803436468", "card-luhn");
    assert_eq!((status, findings.as_str()), ("invalid", "checksum_mismatch"));
    // Luhn cannot locate an error: one fix per position, so several codes, none of them likely.
    assert!(!v.suggestions.is_empty());
    for s in &v.suggestions {
        assert!(s.confidence < 0.2, "{s:?}");
        assert_eq!(check(&s.code, "card-luhn").0, "valid", "{s:?}");
    }
    let (status, _, findings, _) = check("4539148803436468", "auto");
    assert_eq!((status, findings.as_str()), ("invalid", "looks_like_serial_number"), "verified by nothing");
    let (status, _, findings, _) = check(valid, "digits");
    assert_eq!((status, findings.as_str()), ("unverifiable", "no_checksum"), "an all-digit scheme's code");
    // A gift card field: with the scheme registered, the code verifies as one of another kind. That
    // kind ("other", the default for an issuer's scheme) has no name to give: none is made up.
    let (status, _, findings, v) = check(valid, "giftcard");
    assert_eq!((status, findings.as_str()), ("invalid", "wrong_code_type"));
    assert_eq!(v.findings[0].message, "This code is of another kind than this field expects.");
    let gift_card = registry.validate("DE9N8GUZWH279LUF", &CheckOptions::default().scheme("card-luhn").locale("de"));
    let message = gift_card.unwrap().findings[0].message.clone();
    assert_eq!(message, "Dieser Code ist von anderer Art, als dieses Feld erwartet.");
    let credit = validate("DE4G22TMYTVELK24BXYS", &CheckOptions::default().scheme("giftcard")).unwrap();
    assert_eq!(
        credit.findings[0].message, "This looks like a courtesy credit code, not a gift card code.",
        "named kinds"
    );
    // Unchanged with the built-ins only: a gift card field, and promotion codes, which take letters
    // and digits unchecked.
    let builtin = |scheme: &str| {
        let v = validate(valid, &CheckOptions::default().scheme(scheme)).unwrap();
        let codes: Vec<&str> = v.findings.iter().map(|f| f.code.code()).collect();
        (v.status.code(), codes.join(","))
    };
    assert_eq!(builtin("giftcard"), ("invalid", "looks_like_serial_number".to_owned()));
    assert_eq!(
        builtin("promo"),
        ("unverifiable", "looks_like_serial_number,no_checksum,ambiguous_characters".to_owned())
    );
    // One digit short: the check digit just not typed yet is the likeliest reading.
    let v = registry.validate("453914880343646", &CheckOptions::default().scheme("card-luhn")).unwrap();
    assert_eq!(v.status.code(), "incomplete");
    assert_eq!(v.suggestions[0].code, valid, "{:?}", v.suggestions);
}

/// An order number from the order confirmation (17 digits, `302-1234567-1234567`, or `D` and 16
/// digits for a digital order) is named as such: an error when detected, a warning in a scheme whose
/// codes are not all digits; a registered scheme whose 17-digit codes verify takes them as its code.
#[test]
fn order_numbers_are_named_unless_a_scheme_verifies_the_digits() {
    let findings = |registry: &claimcheck::Registry, input: &str, scheme: &str| {
        let v = registry.validate(input, &CheckOptions::default().scheme(scheme)).unwrap();
        let codes: Vec<&str> = v.findings.iter().map(|f| f.code.code()).collect();
        (v.status.code(), codes.join(","))
    };
    let builtin = claimcheck::Registry::new();
    for input in ["302-1234567-1234567", "30212345671234567", "D01-1234567-1234567", "d01 1234567 1234567"] {
        assert_eq!(findings(&builtin, input, "auto"), ("invalid", "looks_like_order_number".to_string()), "{input}");
        // Asked for as a promotion code, it is one in shape: a warning first, as for a serial number.
        assert_eq!(
            findings(&builtin, input, "promo"),
            ("unverifiable", "looks_like_order_number,no_checksum,ambiguous_characters".to_string()),
            "{input}"
        );
    }
    // Neither 16 or 18 digits, nor a letter other than a leading D, nor a D elsewhere.
    assert_eq!(findings(&builtin, "1234567812345678", "auto").1, "looks_like_serial_number");
    for input in ["123456781234567812", "X0112345671234567", "3021234567123456D"] {
        assert!(!findings(&builtin, input, "auto").1.contains("order"), "{input}");
    }
    let mut registry = claimcheck::Registry::new();
    registry
        .register_json(
            r#"{"id": "long-luhn", "alphabet": "0123456789", "lengths": [17], "checksum": "luhn",
                "fields": [{"kind": "random", "start": 0, "length": 16}, {"kind": "check", "start": 16, "length": 1}]}"#,
        )
        .unwrap();
    let code = "30212345671234565"; // 17 digits with a Luhn check digit, like an order number
    assert_eq!(findings(&registry, code, "auto"), ("valid", String::new()), "{code}: verified");
    assert_eq!(findings(&registry, code, "long-luhn"), ("valid", String::new()), "{code}: asked for");
    assert_eq!(findings(&registry, "30212345671234567", "auto").1, "looks_like_order_number", "verified by nothing");
}
