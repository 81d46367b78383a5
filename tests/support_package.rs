#![cfg(not(target_arch = "wasm32"))]
//! Support packages: round trip, every single-byte change and every truncation detected, the code
//! masked in the text and complete in the JSON.

mod support;

use claimcheck::json::Json;
use claimcheck::support::{
    support_package, verify_parsed_package, verify_support_package, Attempt, Environment, PackageError, SupportRequest,
};
use claimcheck::{CheckOptions, Locale};

fn request(input: &str, locale: &str) -> SupportRequest {
    SupportRequest {
        input: input.to_owned(),
        options: CheckOptions::default().marketplace("amazon.de").locale(locale).now(support::now()),
        attempts: vec![
            Attempt {
                at: "2026-11-22T11:58:00Z".into(),
                client_status: Some("valid".into()),
                server_code: Some("already_redeemed".into()),
                server_message: Some(format!("Code {} was already redeemed", input.trim())),
                http_status: Some(409),
            },
            Attempt {
                at: "2026-11-22T11:59:30Z".into(),
                server_code: Some("rate_limited".into()),
                ..Attempt::default()
            },
        ],
        order_number: Some("302-1234567-7654321".into()),
        card_serial: Some("6045 1234 5678 9012".into()),
        environment: Environment {
            locale: Some("de-AT".into()),
            time_zone: Some("Europe/Vienna".into()),
            user_agent: Some("Mozilla/5.0 (X11; Linux x86_64) „Test“".into()),
        },
        reveal_code: false,
    }
}

#[test]
fn round_trip_keeps_the_content() {
    let p = support_package(&request("de9n 8guz wh27 9luf", "de")).unwrap();
    let checked = verify_support_package(&p.json).unwrap();
    assert_eq!(checked.reference, p.reference);
    assert_eq!(checked.schema, "claimcheck.support/1");
    assert_eq!(checked.content, Json::parse(&p.json).unwrap());
    let v = checked.content.get("validation").unwrap();
    assert_eq!(v.get("input").and_then(Json::as_str), Some("de9n 8guz wh27 9luf"));
    assert_eq!(v.get("normalized").and_then(Json::as_str), Some("DE9N8GUZWH279LUF"));
    let attempts = checked.content.get("attempts").and_then(Json::as_array).unwrap();
    assert_eq!(attempts[0].get("httpStatus"), Some(&Json::Int(409)));
    assert_eq!(
        checked.content.get("request").and_then(|r| r.get("marketplace")).and_then(Json::as_str),
        Some("amazon.de")
    );
    // Saved with a trailing newline, as editors do: still intact.
    assert!(verify_support_package(&format!("{}\n", p.json)).is_ok());
    // Saved with a byte order mark, as some Windows editors do: still intact; cut, still truncated.
    assert!(verify_support_package(&format!("\u{feff}{}\r\n", p.json)).is_ok());
    let cut = format!("\u{feff}{}", &p.json[..p.json.len() - 20]);
    assert_eq!(verify_support_package(&cut).unwrap_err(), PackageError::Truncated);
    // The same request gives the same package: the reference is derived from the content.
    assert_eq!(support_package(&request("de9n 8guz wh27 9luf", "de")).unwrap(), p);
    assert_ne!(support_package(&request("DE9N8GUZWH279LUG", "de")).unwrap().reference, p.reference);
}

/// `json` laid out as a JSON viewer shows it: a member per line, indented, a space after each colon.
fn pretty(json: &str) -> String {
    let (mut out, mut depth, mut in_string, mut escaped) = (String::new(), 0usize, false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
            continue;
        }
        match c {
            '{' | '[' => {
                depth += 1;
                out.push(c);
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
            '}' | ']' => {
                depth -= 1;
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
                out.push(c);
            }
            ',' => {
                out.push_str(",\n");
                out.push_str(&"  ".repeat(depth));
            }
            ':' => out.push_str(": "),
            _ => {
                in_string = c == '"';
                out.push(c);
            }
        }
    }
    out
}

#[test]
fn the_layout_is_not_content() {
    let p = support_package(&request("DE9N8GUZWH279LUG", "de")).unwrap();
    let laid_out = pretty(&p.json);
    assert!(laid_out.lines().count() > 40, "{laid_out}");
    assert_eq!(Json::parse(&laid_out).unwrap(), Json::parse(&p.json).unwrap());
    // Pretty-printed, pasted with space around it, or with a character spelled as an escape: intact.
    let respelled = p.json.replacen('„', "\\u201e", 1);
    assert_ne!(respelled, p.json);
    for text in [laid_out.clone(), format!("\n  {}\r\n", p.json), format!("\t{laid_out}"), respelled] {
        let checked = verify_support_package(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(checked.reference, p.reference);
        assert_eq!(checked.content, Json::parse(&p.json).unwrap());
    }
    // A changed value, members in another order or one more member are changes however laid out.
    let changed = laid_out.replacen("DE9N8GUZWH279LUG", "DE9N8GUZWH279LUF", 1);
    assert_eq!(verify_support_package(&changed).unwrap_err(), PackageError::Tampered);
    let reordered = p
        .json
        .replacen("{\"schema\":\"claimcheck.support/1\",\"reference\":", "{\"reference\":", 1)
        .replacen(",\"createdAt\"", ",\"schema\":\"claimcheck.support/1\",\"createdAt\"", 1);
    assert_eq!(Json::parse(&reordered).unwrap().as_object().unwrap().len(), 11, "{reordered}");
    assert_eq!(verify_support_package(&reordered).unwrap_err(), PackageError::Tampered);
    let added = p.json.replacen('{', "{\"note\":\"ok\",", 1);
    assert_eq!(verify_support_package(&added).unwrap_err(), PackageError::Tampered);
    // Without its integrity member the package was cut (and closed by hand); a damaged one is a change.
    let at = p.json.rfind(",\"integrity\"").unwrap();
    assert_eq!(verify_support_package(&format!("{}}}", &p.json[..at])).unwrap_err(), PackageError::Truncated);
    let not_text = format!("{},\"integrity\":1}}", &p.json[..at]);
    assert_eq!(verify_support_package(&not_text).unwrap_err(), PackageError::Tampered);
    let no_prefix = p.json.replacen("\"sha256:", "\"", 1);
    assert_eq!(verify_support_package(&no_prefix).unwrap_err(), PackageError::Tampered);
}

#[test]
fn every_single_byte_change_and_every_truncation_is_detected() {
    let p = support_package(&request("DE9N8GUZWH279LUG", "de")).unwrap();
    let bytes = p.json.as_bytes();
    let (mut checked, mut not_text) = (0, 0);
    for i in 0..bytes.len() {
        for flip in [0x01u8, 0x20] {
            let mut changed = bytes.to_vec();
            changed[i] ^= flip;
            let Ok(text) = String::from_utf8(changed) else {
                not_text += 1; // no longer text at all: cannot even be handed to the verifier
                continue;
            };
            if text.trim_end() == p.json.trim_end() {
                continue; // only a trailing space changed into a trailing space
            }
            let result = verify_support_package(&text);
            assert!(result.is_err(), "byte {i} ^ {flip:#x} went unnoticed");
            checked += 1;
        }
    }
    for end in 0..bytes.len() {
        if let Ok(cut) = std::str::from_utf8(&bytes[..end]) {
            let e = verify_support_package(cut).unwrap_err();
            assert!(matches!(e, PackageError::Truncated | PackageError::NotJson(_)), "cut at {end}: {e}");
        }
    }
    assert!(checked > bytes.len(), "{checked} changes checked, {not_text} not text");
    // Names the problem.
    let tampered = p.json.replacen("DE9N8GUZWH279LUG", "DE9N8GUZWH279LUF", 1);
    assert_eq!(verify_support_package(&tampered).unwrap_err(), PackageError::Tampered);
    assert_eq!(verify_support_package(&p.json[..p.json.len() - 20]).unwrap_err(), PackageError::Truncated);
    let newer = p.json.replacen("claimcheck.support/1", "claimcheck.support/2", 1);
    let e = verify_support_package(&newer).unwrap_err();
    assert!(e.to_string().contains("newer") && e.to_string().contains("update claimcheck"), "{e}");
    assert!(matches!(verify_support_package("{\"hello\": 1}").unwrap_err(), PackageError::UnknownSchema(_)));
    assert!(matches!(verify_support_package("hello").unwrap_err(), PackageError::NotJson(_)));
}

/// The browser module verifies what the browser's `JSON.parse` read: the same verdict as from the
/// text, for the package, every change of a byte, every cut, and text that is not a package; a
/// cut package is `truncated` there too (from the text alone: it stops inside a string or with an
/// object open), and so is a schema's own error named.
#[test]
fn packages_read_by_another_parser_get_the_same_verdict() {
    let p = support_package(&request("DE9N8GUZWH279LUG", "de")).unwrap();
    let through_another_parser =
        |text: &str| verify_parsed_package(Json::parse(claimcheck_trim(text)).map_err(|_| text));
    let verdict =
        |r: Result<claimcheck::support::VerifiedPackage, PackageError>| r.map(|v| v.reference).map_err(|e| e.code());
    let bytes = p.json.as_bytes();
    let mut texts = vec![p.json.clone(), format!("\n{}\n", p.json), pretty(&p.json)];
    for i in 0..bytes.len() {
        let mut changed = bytes.to_vec();
        changed[i] ^= 0x01;
        texts.extend(String::from_utf8(changed));
        texts.extend(std::str::from_utf8(&bytes[..i]).ok().map(str::to_owned));
    }
    for other in [
        "hello",
        "{\"a\": 1,}",
        "[1, 2",
        "{\"a\": \"x}",
        "{\"hello\": 1}",
        "5",
        "\"x\"",
        "",
        "{\"schema\":\"claimcheck.support/2\",\"x\":",
        "{\"schema\":\"other\"",
        "}{",
        "{\"a\":\"\\\"",
    ] {
        texts.push(other.to_owned());
    }
    for text in &texts {
        let (expected, got) = (verdict(verify_support_package(text)), verdict(through_another_parser(text)));
        // Without a parser's position, text with both a syntax error and an open object may read
        // as cut rather than not JSON: either way it is refused.
        let both_refuse = matches!((&expected, &got), (Err("not_json"), Err("truncated")));
        assert!(expected == got || both_refuse, "{text:?}: {expected:?} from the text, {got:?} parsed elsewhere");
    }
    assert_eq!(verdict(through_another_parser(&p.json[..p.json.len() - 20])), Err("truncated"));
    let e = through_another_parser("hello").unwrap_err();
    assert_eq!(e.to_string(), "not a support package: not valid JSON");
}

fn claimcheck_trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace())
}

#[test]
fn the_text_masks_the_code_and_the_json_keeps_it() {
    for (input, locale) in [("de9n 8guz wh27 9luf", "en"), ("DE9N8GUZWH279LUG", "de"), ("DE4G22TMYTVELK24BXYS", "de")] {
        let p = support_package(&request(input, locale)).unwrap();
        let normalized: String = input.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
        assert!(p.json.contains(input), "the JSON holds the code as entered");
        for secret in [input, normalized.as_str(), &normalized[..12]] {
            assert!(!p.text.contains(secret), "{secret} leaked into the text:\n{}", p.text);
        }
        assert!(p.text.contains(&normalized[normalized.len() - 4..]), "the last four are shown:\n{}", p.text);
        assert!(!p.text.contains("6045 1234 5678"), "the card serial is masked:\n{}", p.text);
        assert!(p.text.contains(&p.reference));
        let revealed = support_package(&SupportRequest { reveal_code: true, ..request(input, locale) }).unwrap();
        assert!(
            revealed.text.contains(&normalized[..4]) && revealed.text.contains(&normalized[normalized.len() - 4..])
        );
    }
    let de = support_package(&request("DE9N8GUZWH279LUG", "de")).unwrap().text;
    assert!(de.contains("Bisherige Versuche") && de.contains("Dieser Code wurde bereits eingelöst"), "{de}");
    assert!(de.contains("Wahrscheinlichste Ursachen"), "{de}");
    let en = support_package(&request("DE9N8GUZWH279LUG", "en")).unwrap().text;
    assert!(en.contains("What was tried") && en.contains("Too many attempts"), "{en}");
}

#[test]
fn server_messages_never_show_the_code_in_any_spelling() {
    // The server may echo the code as it stored it, in another case or grouping, or the corrected
    // code the customer tried next; the code inside pasted text is the code too.
    let echoes = [
        "Code DE9N8GUZWH279LUF is not valid",
        "code de9n8guzwh279luf is not valid",
        "Code DE9N-8GUZ-WH27-9LUF is not valid",
        "Code de9n 8guz wh27 9luf is not valid",
    ];
    let card = "DE9N8GUZWH279LUF";
    for input in
        ["DE9N8GUZWH279LUG", "de9n 8guz wh27 9luf", "Claim code: DE9N-8GUZ-WH27-9LUF", "Claim Code: DE9N8GUZWH279LUF."]
    {
        for echo in echoes {
            let mut r = request(input, "en");
            r.attempts[0].server_message = Some(echo.into());
            let text = support_package(&r).unwrap().text;
            let compact: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
            assert!(!compact.contains(&card[..12]), "{input} / {echo} leaked:\n{text}");
            assert!(text.contains("is not valid"), "{input} / {echo}: the message is kept:\n{text}");
        }
    }
}

#[test]
fn requests_are_read_from_json_with_clear_errors() {
    let json = r#"{"input": "DE9N8GUZWH279LUF", "options": {"locale": "de", "now": "2026-11-22T12:00:00Z"},
        "attempts": [{"at": "2026-11-22T11:00:00Z", "serverCode": "expired", "httpStatus": 410}],
        "environment": {"timeZone": "Europe/Berlin"}, "revealCode": false}"#;
    let r = SupportRequest::from_json_value(&Json::parse(json).unwrap()).unwrap();
    assert_eq!(r.options.locale, Locale::De);
    assert_eq!(r.attempts[0].http_status, Some(410));
    assert_eq!(r.environment.time_zone.as_deref(), Some("Europe/Berlin"));
    for (bad, words) in [
        (r#"{"options": {}}"#, "input is required"),
        (r#"{"input": 5}"#, "input must be a string, not a number"),
        (r#"{"input": "x", "attempts": [{"at": "t", "httpStatus": 42}]}"#, "attempts[0].httpStatus"),
        (r#"{"input": "x", "options": {"now": "soon"}}"#, "'now' must be"),
        (r#"{"input": "x", "revealCode": "yes"}"#, "revealCode"),
        (r#"{"input": "x", "options": {"scheme": 5}}"#, "options.scheme must be a string"),
        (r#"{"input": "x", "attempts": [{"at": "2026-11-22"}, {}]}"#, "attempts[1].at is required"),
        (r#"{"input": "x", "attempts": [{"at": "yesterday"}]}"#, "attempts[0].at must be an RFC 3339 timestamp"),
        (r#"{"input": "x", "attempts": [{"at": "2026-11-22T25:00:00Z"}]}"#, "attempts[0].at must be an RFC 3339"),
        (r#"{"input": "x", "attempts": 3}"#, "attempts must be a list, not a number"),
        (r#"{"input": "x", "environment": {"userAgent": []}}"#, "environment.userAgent must be a string"),
        // The first problem in reading order is the one reported.
        (r#"{"input": 5, "attempts": 3, "revealCode": "yes"}"#, "input must be a string"),
        (r#"{"input": "x", "options": {"now": "soon"}, "attempts": 3}"#, "'now' must be"),
    ] {
        let e = SupportRequest::from_json_value(&Json::parse(bad).unwrap()).unwrap_err();
        assert!(e.to_string().contains(words), "{bad}: {e}");
    }
    // An attempt's time as JavaScript's toISOString writes it, or with an offset, is kept as given.
    let at = r#"{"input": "x", "attempts": [{"at": "2026-11-22T11:00:00.123Z"}, {"at": "2026-11-22T12:00:00+01:00"}]}"#;
    let r = SupportRequest::from_json_value(&Json::parse(at).unwrap()).unwrap();
    assert_eq!(
        (r.attempts[0].at.as_str(), r.attempts[1].at.as_str()),
        ("2026-11-22T11:00:00.123Z", "2026-11-22T12:00:00+01:00")
    );
    let no_now = SupportRequest::from_json_value(&Json::parse(r#"{"input": "x"}"#).unwrap()).unwrap();
    assert!(support_package(&no_now).unwrap_err().to_string().contains("options.now"));
}

/// The readable texts, word for word, in `tests/snapshots/support-texts.txt`: masked and revealed, in
/// both languages, with and without attempts and device details. Run with `UPDATE_SNAPSHOTS=1` to
/// accept a change, then review the diff.
#[test]
fn readable_texts_match_the_snapshot() {
    let mut out = String::new();
    for (input, locale) in [("de9n 8guz wh27 9luf", "en"), ("DE9N8GUZWH279LUG", "de"), ("DE4G22TMYTVELK24BXYS", "de")] {
        for reveal_code in [false, true] {
            let p = support_package(&SupportRequest { reveal_code, ..request(input, locale) }).unwrap();
            out.push_str(&format!("=== {input} / {locale} / reveal {reveal_code}\n{}", p.text));
        }
    }
    let bare = SupportRequest {
        input: "XYZ".into(),
        options: CheckOptions::default().now(support::now()),
        ..SupportRequest::default()
    };
    out.push_str(&format!("=== XYZ, nothing else\n{}", support_package(&bare).unwrap().text));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/support-texts.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &out).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert!(out == expected, "support texts changed; review and run with UPDATE_SNAPSHOTS=1:\n{out}");
}

/// The browser's status of an attempt reads in the text's language, as the verdict above it does;
/// anything other than the four statuses is shown as it was given.
#[test]
fn an_attempts_status_is_worded_in_the_texts_language() {
    let cases = [
        ("en", "valid", "claimcheck: well-formed ·"),
        ("en", "unverifiable", "claimcheck: format only (no check characters) ·"),
        ("en", "incomplete", "claimcheck: incomplete ·"),
        ("en", "invalid", "claimcheck: not valid as entered ·"),
        ("de", "valid", "claimcheck: formal korrekt ·"),
        ("de", "unverifiable", "claimcheck: nur Format geprüft (keine Prüfzeichen) ·"),
        ("de", "incomplete", "claimcheck: unvollständig ·"),
        ("de", "invalid", "claimcheck: so nicht gültig ·"),
        ("de", "pending", "claimcheck: pending ·"),
        ("en", "Valid", "claimcheck: Valid ·"),
    ];
    for (locale, status, expected) in cases {
        let mut r = request("DE9N8GUZWH279LUF", locale);
        r.attempts[0].client_status = Some(status.into());
        let text = support_package(&r).unwrap().text;
        assert!(text.contains(expected), "{locale} {status}: {text}");
    }
}
