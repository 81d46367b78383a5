//! Tests of the JavaScript contract, shared by `tests/node.rs` (Node) and `tests/browser.rs` (Chromium).

use claimcheck::wasm;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn options(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn has(value: &JsValue, key: &str) -> bool {
    Reflect::has(value, &JsValue::from_str(key)).unwrap()
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_else(|| panic!("{key} is not a string"))
}

/// The message of the JS `Error` a call threw.
fn error_message(err: wasm_bindgen::JsError) -> String {
    let value: JsValue = err.into();
    let error: js_sys::Error = value.dyn_into().expect("an Error instance");
    error.message().into()
}

#[wasm_bindgen_test]
fn validates_a_gift_card_with_camel_case_fields() {
    let v = wasm::validate(" de9n-8guz-wh27-9luf", options(r#"{"marketplace": "AT", "now": "2026-11-22T12:00:00Z"}"#))
        .unwrap();
    assert_eq!(text(&v, "status"), "valid");
    assert_eq!(text(&v, "normalized"), "DE9N8GUZWH279LUF");
    assert_eq!(text(&v, "display"), "DE9N-8GUZ-WH27-9LUF");
    assert_eq!(text(&v, "scheme"), "giftcard");
    assert_eq!(text(&v, "region"), "DE");
    assert!(!has(&v, "issuedOn") && !has(&v, "expiresOn"), "optional fields are absent, not null");
    let changes: Array = get(&v, "changes").dyn_into().unwrap();
    assert!(changes.length() > 0);
    assert_eq!(text(&changes.get(0), "reason"), "separator");
    assert!(Array::is_array(&get(&v, "suggestions")));
}

#[wasm_bindgen_test]
fn reports_a_typo_with_position_and_suggestion_in_german() {
    let v = wasm::validate("DE9N8GUZWH279LUG", options(r#"{"locale": "de-AT"}"#)).unwrap();
    assert_eq!(text(&v, "status"), "invalid");
    let finding = Array::from(&get(&v, "findings")).get(0);
    assert_eq!(text(&finding, "code"), "checksum_mismatch");
    assert_eq!(get(&finding, "position").as_f64(), Some(15.0));
    assert!(text(&finding, "message").contains("Stelle 16"));
    let suggestion = Array::from(&get(&v, "suggestions")).get(0);
    assert_eq!(text(&suggestion, "code"), "DE9N8GUZWH279LUF");
    let confidence = get(&suggestion, "confidence").as_f64().unwrap();
    assert!(confidence > 0.5 && confidence <= 1.0);
    let edit = Array::from(&get(&suggestion, "edits")).get(0);
    assert_eq!(text(&edit, "kind"), "substitute");
}

#[wasm_bindgen_test]
fn decodes_credit_dates() {
    let v = wasm::validate("DE4G22TMYTVELK24BXYS", options(r#"{"now": "2026-11-28"}"#)).unwrap();
    assert_eq!(text(&v, "scheme"), "credit");
    assert_eq!(text(&v, "issuedOn"), "2026-11-01");
    assert_eq!(text(&v, "expiresOn"), "2026-12-01");
    assert_eq!(text(&Array::from(&get(&v, "findings")).get(0), "code"), "expires_soon");
}

#[wasm_bindgen_test]
fn now_may_be_a_date_object() {
    let options = Object::new();
    let date = js_sys::Date::new(&JsValue::from_str("2026-11-28T08:30:00.250Z"));
    Reflect::set(&options, &JsValue::from_str("now"), &date).unwrap();
    Reflect::set(&options, &JsValue::from_str("scheme"), &JsValue::UNDEFINED).unwrap();
    let v = wasm::validate("DE4G22TMYTVELK24BXYS", options.into()).unwrap();
    assert_eq!(text(&Array::from(&get(&v, "findings")).get(0), "code"), "expires_soon");
}

#[wasm_bindgen_test]
fn options_may_be_missing_and_now_defaults_to_the_clock() {
    for missing in [JsValue::UNDEFINED, JsValue::NULL, Object::new().into()] {
        let v = wasm::validate("DE9N8GUZWH279LUF", missing).unwrap();
        assert_eq!(text(&v, "status"), "valid");
    }
    // A credit issued 2026-11-01 for 30 days is judged against the real clock: expired after 2026-12-01.
    let v = wasm::validate("DE4G22TMYTVELK24BXYS", JsValue::UNDEFINED).unwrap();
    let now = js_sys::Date::new_0().to_iso_string().as_string().unwrap();
    let expired = now.as_str() > "2026-12-02";
    assert_eq!(text(&v, "status") == "invalid", expired, "now = {now}");
}

/// The binding keeps the last options it read; a changed object (even the same one, mutated) must be
/// read again, and bad options after good ones must still throw.
/// The binding keeps one JS value between calls (the last options' JSON text): however the options
/// change, and on the error path too, no other JS value stays alive.
#[wasm_bindgen_test]
fn no_js_value_outlives_a_call() {
    let german = options(r#"{"locale": "de", "now": "2026-11-22T12:00:00Z"}"#);
    let english = options(r#"{"locale": "en", "now": "2026-11-22T12:00:00Z"}"#);
    let unknown = options(r#"{"scheme": "nope"}"#);
    wasm::validate("DE9N", german.clone()).unwrap();
    let before = wasm_bindgen::externref_heap_live_count();
    for i in 0..2_000 {
        let options = if i % 2 == 0 { german.clone() } else { english.clone() };
        let result = wasm::validate("DE9N8GUZWH279LUG", options).unwrap();
        drop(result);
        assert!(wasm::validate("DE9N", unknown.clone()).is_err());
        drop(wasm::format_as_you_type("de9n8g", 6.0, german.clone()).unwrap());
    }
    assert_eq!(wasm_bindgen::externref_heap_live_count(), before, "JS values kept alive across calls");
}

#[wasm_bindgen_test]
fn options_are_read_again_when_they_change() {
    let options = Object::new();
    let set =
        |key: &str, value: &str| Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value)).unwrap();
    set("locale", "de");
    let first = wasm::validate("DE9N8GUZWH279LUG", options.clone().into()).unwrap();
    let again = wasm::validate("DE9N8GUZWH279LUG", options.clone().into()).unwrap();
    let message = |v: &JsValue| text(&Array::from(&get(v, "findings")).get(0), "message");
    assert!(message(&first).contains("Stelle 16"), "{}", message(&first));
    assert_eq!(message(&first), message(&again));
    set("locale", "en");
    let english = wasm::validate("DE9N8GUZWH279LUG", options.clone().into()).unwrap();
    assert!(message(&english).contains("position 16"), "{}", message(&english));
    set("marketplace", "Narnia");
    for _ in 0..2 {
        let error = error_message(wasm::validate("DE9N8GUZWH279LUF", options.clone().into()).unwrap_err());
        assert!(error.contains("unknown marketplace 'Narnia'"), "{error}");
    }
    set("marketplace", "AT");
    let v = wasm::validate("DE9N8GUZWH279LUF", options.into()).unwrap();
    assert_eq!(text(&v, "status"), "valid");
}

#[wasm_bindgen_test]
fn bad_options_throw_errors_with_clear_messages() {
    let cases = [
        (r#"{"scheme": "nope"}"#, "unknown scheme 'nope'"),
        (r#"{"marketplace": "Narnia"}"#, "unknown marketplace 'Narnia'"),
        (r#"{"now": "yesterday"}"#, "'now' must be an RFC 3339 timestamp"),
        (r#"{"scheme": 5}"#, "options.scheme must be a string"),
        (r#"{"now": 1700000000000}"#, "options.now must be a string"),
    ];
    for (json, words) in cases {
        let message = error_message(wasm::validate("DE9N", options(json)).unwrap_err());
        assert!(message.contains(words), "{json}: {message}");
    }
    let message = error_message(wasm::validate("DE9N", JsValue::from_f64(3.0)).unwrap_err());
    assert_eq!(message, "options must be an object");
}

#[wasm_bindgen_test]
fn no_input_throws() {
    let long = "ä".repeat(10_000);
    let inputs = [
        "",
        "   ",
        "🎁🎁🎁",
        "\u{200B}\u{FEFF}",
        "DE9N\u{0}8GUZ",
        "????????????????",
        long.as_str(),
        "0000000000000000",
    ];
    for input in inputs {
        for scheme in ["auto", "giftcard", "credit", "amazon-claim", "promo"] {
            let v = wasm::validate(input, options(&format!(r#"{{"scheme": "{scheme}"}}"#))).unwrap();
            assert!(has(&v, "status"));
        }
    }
}

#[wasm_bindgen_test]
fn lists_and_registers_schemes() {
    let list = Array::from(&wasm::schemes().unwrap());
    let ids: Vec<String> = list.iter().map(|s| text(&s, "id")).collect();
    assert_eq!(&ids[..4], ["giftcard", "credit", "amazon-claim", "promo"]);
    assert_eq!(text(&list.get(0), "checksum"), "rs32");

    let definition = options(
        r#"{"id": "js-voucher", "alphabet": "0123456789", "lengths": [10], "checksum": "damm",
            "fields": [{"kind": "check", "start": 9, "length": 1}]}"#,
    );
    wasm::register_scheme(definition).unwrap();
    let v = wasm::validate("5725300014", options(r#"{"scheme": "js-voucher"}"#)).unwrap();
    assert_eq!(text(&v, "status"), "valid");

    let bad = options(r#"{"id": "broken", "alphabet": "AA", "lengths": [4], "checksum": "none"}"#);
    let message = error_message(wasm::register_scheme(bad).unwrap_err());
    assert_eq!(message, "bad scheme definition 'broken': alphabet: lists 'A' twice");
    let message = error_message(wasm::register_scheme(JsValue::from_f64(1.0)).unwrap_err());
    assert!(message.contains("must be an object or a JSON string"));
    let message = error_message(wasm::register_scheme(JsValue::from_str("{not json")).unwrap_err());
    assert!(message.contains("(json)"), "{message}");
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn memory_stays_flat_across_many_calls() {
    let opts = options(r#"{"now": "2026-11-22T12:00:00Z"}"#);
    let memory = || {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    };
    for _ in 0..1_000 {
        wasm::validate("DE9N8GUZWH279LUG", opts.clone()).unwrap();
    }
    let before = memory();
    for i in 0..20_000 {
        let input = if i % 2 == 0 { "DE9N8GUZWH279LUG" } else { "de9n 8guz wh27 9luf" };
        wasm::validate(input, opts.clone()).unwrap();
    }
    assert_eq!(memory(), before, "wasm memory grew across 20,000 calls");
}

#[wasm_bindgen_test]
fn formats_as_you_type_with_the_caret_mapped() {
    let t = wasm::format_as_you_type("de9n8g", 6.0, JsValue::UNDEFINED).unwrap();
    assert_eq!(text(&t, "display"), "DE9N-8G");
    assert_eq!(get(&t, "caret").as_f64(), Some(7.0));
    assert_eq!(text(&t, "status"), "incomplete");
    // Pasting in the middle: "DE9N-|WH27" + "8guz" → the caret after Z.
    let t = wasm::format_as_you_type("DE9N-8guzWH27", 9.0, JsValue::UNDEFINED).unwrap();
    assert_eq!((text(&t, "display"), get(&t, "caret").as_f64()), ("DE9N-8GUZ-WH27".to_owned(), Some(9.0)));
    for odd in [f64::NAN, -3.0, f64::INFINITY] {
        let t = wasm::format_as_you_type("DE9N8", odd, JsValue::UNDEFINED).unwrap();
        assert!(get(&t, "caret").as_f64().is_some());
    }
}

#[wasm_bindgen_test]
fn invalid_results_carry_ranked_causes() {
    let v = wasm::validate("DE9N8GUZWH279LUG", options(r#"{"locale": "de"}"#)).unwrap();
    let cause = Array::from(&get(&v, "causes")).get(0);
    assert_eq!(text(&cause, "code"), "typo");
    assert!(text(&cause, "message").contains("Stelle 16"));
    let valid = wasm::validate("DE9N8GUZWH279LUF", JsValue::UNDEFINED).unwrap();
    assert_eq!(Array::from(&get(&valid, "causes")).length(), 0);
}

#[wasm_bindgen_test]
fn explains_server_rejections_and_warns_of_scams() {
    let x = wasm::explain_rejection("region_restricted", options(r#"{"locale": "de", "marketplace": "DE"}"#)).unwrap();
    assert_eq!(text(&x, "code"), "region_restricted");
    assert!(text(&x, "message").contains("amazon.de"));
    assert_eq!(get(&x, "retry").as_bool(), Some(false));
    let x = wasm::explain_rejection("something-new", JsValue::UNDEFINED).unwrap();
    assert_eq!(text(&x, "code"), "unknown");
    assert_eq!(get(&x, "contactSupport").as_bool(), Some(true));
    assert!(Array::from(&get(&x, "steps")).length() >= 1);
    let message =
        error_message(wasm::explain_rejection("expired", options(r#"{"marketplace": "Narnia"}"#)).unwrap_err());
    assert!(message.contains("unknown marketplace"), "{message}");
    let warning = wasm::scam_warning(Some("de-DE".into())).unwrap();
    assert!(text(&warning, "message").contains("Geschenkkarten"));
    assert!(text(&wasm::scam_warning(None).unwrap(), "title").contains("scam"));
}

#[wasm_bindgen_test]
fn support_packages_round_trip_and_name_tampering() {
    let request = options(
        r#"{"input": "DE9N8GUZWH279LUG", "options": {"locale": "de", "now": "2026-11-22T12:00:00Z"},
            "attempts": [{"at": "2026-11-22T11:58:00Z", "serverCode": "invalid_code", "httpStatus": 400}],
            "environment": {"timeZone": "Europe/Berlin", "userAgent": "test"}}"#,
    );
    let package = wasm::support_package(request).unwrap();
    let reference = text(&package, "reference");
    assert!(reference.starts_with("CC-"));
    assert!(!text(&package, "text").contains("DE9N8GUZWH279LUG"));
    let json = text(&package, "json");
    assert!(json.contains("DE9N8GUZWH279LUG"));
    let check = wasm::verify_support_package(&json).unwrap();
    assert_eq!(get(&check, "ok").as_bool(), Some(true));
    assert_eq!(text(&check, "reference"), reference);
    let tampered = wasm::verify_support_package(&json.replacen("invalid_code", "expired", 1)).unwrap();
    assert_eq!(get(&tampered, "ok").as_bool(), Some(false));
    assert_eq!(text(&get(&tampered, "error"), "code"), "tampered");
    let message = error_message(wasm::support_package(options(r#"{"input": 5}"#)).unwrap_err());
    assert!(message.contains("input must be a string"), "{message}");
}

/// Every kind of result, read from the tape in JS, is the value its JSON holds: strings with
/// quotes, backslashes, control characters, non-ASCII and astral characters; numbers with
/// fractions; `true`, `false`, `null`; empty and nested lists; keys that are not claimcheck's own.
#[wasm_bindgen_test]
fn results_read_from_the_tape_equal_their_json() {
    use claimcheck::json::{Json, ToJson};
    use claimcheck::{support, CheckOptions, Locale};
    fn same<T: ToJson>(value: &T) {
        let json = value.to_json();
        let from_tape = JSON::stringify(&wasm::to_js(value).unwrap()).unwrap();
        let from_json = JSON::stringify(&JSON::parse(&json).unwrap()).unwrap();
        assert_eq!(from_tape, from_json, "{json}");
    }
    let now = claimcheck::date::Timestamp::parse("2026-11-22T12:00:00Z");
    let inputs = [
        "DE9N8GUZWH279LUF",
        "DE9N8GUZWH279LUG",
        "de9n-8guz-wh27-9luf",
        "DE9N8GUZWH27",
        "DE9N8GUZWH279LUFX",
        "DE9N8GUZWH279L?F",
        "",
        "\"quoted\" \\ back\u{1}slash\nline",
        "Grüße 😀 \u{2028} “x”",
        "ＤＥ９Ｎ８ＧＵＺＷＨ２７９ＬＵＦ",
        "1234 5678 9012 3456",
    ];
    let registry = claimcheck::scheme::builtin_registry();
    for locale in [Locale::En, Locale::De] {
        let options = CheckOptions { locale, now, ..CheckOptions::default() };
        for input in inputs {
            same(&registry.validate(input, &options).unwrap());
            same(&registry.format_as_you_type(input, 3, &options).unwrap());
        }
        for code in ["invalid_code", "already_redeemed", "expired", "region_restricted", "what"] {
            same(&claimcheck::explain::explain_rejection(code, locale, None));
        }
        same(&claimcheck::explain::scam_warning(locale));
    }
    let infos: Vec<_> = registry.schemes().iter().map(|s| s.info()).collect();
    same(&infos);
    let request = Json::parse(
        r#"{"input": "DE9N8GUZWH279LUG", "options": {"locale": "de", "now": "2026-11-22T12:00:00Z"},
            "attempts": [{"at": "2026-11-22T11:58:00Z", "serverCode": "invalid_code", "httpStatus": 400}],
            "environment": {"timeZone": "Europe/Berlin", "userAgent": "tést \"quoted\""}}"#,
    )
    .unwrap();
    let package = registry.support_package(&support::SupportRequest::from_json_value(&request).unwrap()).unwrap();
    same(&package);
    same(&support::verify_support_package(&package.json));
    same(&support::verify_support_package(&package.json.replacen("invalid_code", "expired", 1)));
    same(&Json::parse(r#"{"a": [1, -2, 3.5, 1e3, true, false, null, {}, []], "k\"ey": {"😀": ""}}"#).unwrap());
}
