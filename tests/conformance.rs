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
