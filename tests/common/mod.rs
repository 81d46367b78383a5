//! Tests of the module's half of the JavaScript binding, shared by `tests/node.rs` (Node) and
//! `tests/browser.rs` (Chromium): each export's answer is read into JS values by `readTape`, as the
//! JS half (`src/wasm.js`) reads it. The JS half's own work (what it sends, when, and the errors it
//! throws itself) is tested in `tests/npm/tape.mjs`, and the package as a whole in `tests/npm/`.

use claimcheck::wasm;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(module = "/src/wasm.js")]
extern "C" {
    #[wasm_bindgen(js_name = readTape, catch)]
    fn read_tape(tape: &str) -> Result<JsValue, JsValue>;
    /// `readTape` as `validate` calls it: the tape is a `Validation`'s.
    #[wasm_bindgen(js_name = readTape, catch)]
    fn read_validation_tape(tape: &str, validation: bool) -> Result<JsValue, JsValue>;
    /// The tape the JS half sends for a value `JSON.parse` made.
    #[wasm_bindgen(js_name = tapeOf)]
    fn tape_of_value(value: &JsValue) -> String;
    /// What the JS half sends for a package's text: its tape, or `!` and the text.
    #[wasm_bindgen(js_name = packageTape)]
    fn package_tape(text: &str) -> String;
}

/// The tape the JS half sends for the value of this JSON text (options, requests, definitions).
fn tape(json: &str) -> String {
    tape_of_value(&JSON::parse(json).expect("JSON"))
}

/// What JS reads from an export's tape: the value, or the message of the `Error` it throws.
fn read(tape: String) -> Result<JsValue, String> {
    read_tape(&tape).map_err(|e| e.dyn_into::<js_sys::Error>().expect("an Error instance").message().into())
}

/// `validate` with options sent as this JSON text.
fn validate(input: &str, options: &str) -> Result<JsValue, String> {
    read(wasm::validate(input, Some(&tape(options))))
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

#[wasm_bindgen_test]
fn validates_a_gift_card_with_camel_case_fields() {
    let v = validate(" de9n-8guz-wh27-9luf", r#"{"marketplace": "AT", "now": "2026-11-22T12:00:00Z"}"#).unwrap();
    assert_eq!(text(&v, "status"), "valid");
    assert_eq!(text(&v, "normalized"), "DE9N8GUZWH279LUF");
    assert_eq!(text(&v, "display"), "DE9N-8GUZ-WH27-9LUF");
    assert_eq!(text(&v, "scheme"), "giftcard");
    assert_eq!(text(&v, "region"), "DE");
    assert!(!has(&v, "issuedOn") && !has(&v, "expiresOn"), "optional fields are absent, not null");
    let changes = Array::from(&get(&v, "changes"));
    assert!(changes.length() > 0);
    assert_eq!(text(&changes.get(0), "reason"), "separator");
    assert!(Array::is_array(&get(&v, "suggestions")));
}

#[wasm_bindgen_test]
fn reports_a_typo_with_position_and_suggestion_in_german() {
    let v = validate("DE9N8GUZWH279LUG", r#"{"locale": "de-AT"}"#).unwrap();
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
    let v = validate("DE4G22TMYTVELK24BXYS", r#"{"now": "2026-11-28"}"#).unwrap();
    assert_eq!(text(&v, "scheme"), "credit");
    assert_eq!(text(&v, "issuedOn"), "2026-11-01");
    assert_eq!(text(&v, "expiresOn"), "2026-12-01");
    assert_eq!(text(&Array::from(&get(&v, "findings")).get(0), "code"), "expires_soon");
}

/// A `Date` in the options reaches the module as its JSON: milliseconds and `Z`.
#[wasm_bindgen_test]
fn now_as_a_date_s_json_is_read() {
    let v = validate("DE4G22TMYTVELK24BXYS", r#"{"now": "2026-11-28T08:30:00.250Z"}"#).unwrap();
    assert_eq!(text(&Array::from(&get(&v, "findings")).get(0), "code"), "expires_soon");
}

#[wasm_bindgen_test]
fn no_options_are_the_defaults_and_now_defaults_to_the_clock() {
    let v = validate("DE9N8GUZWH279LUF", "{}").unwrap();
    assert_eq!(text(&v, "status"), "valid");
    // A credit issued 2026-11-01 for 30 days is judged against the real clock: expired after 2026-12-01.
    let v = validate("DE4G22TMYTVELK24BXYS", "{}").unwrap();
    let now = js_sys::Date::new_0().to_iso_string().as_string().unwrap();
    let expired = now.as_str() > "2026-12-02";
    assert_eq!(text(&v, "status") == "invalid", expired, "now = {now}");
}

/// Options not sent are the last ones sent (the JS half sends them only when they change), by
/// every export that takes options; options refused stay refused until others are sent.
#[wasm_bindgen_test]
fn the_last_options_sent_hold_until_others_are_sent() {
    let message = |v: &JsValue| text(&Array::from(&get(v, "findings")).get(0), "message");
    let german = validate("DE9N8GUZWH279LUG", r#"{"locale": "de"}"#).unwrap();
    let again = read(wasm::validate("DE9N8GUZWH279LUG", None)).unwrap();
    assert!(message(&german).contains("Stelle 16"), "{}", message(&german));
    assert_eq!(message(&german), message(&again));
    let typing = read(wasm::format_as_you_type("de9n8g", 6.0, None)).unwrap();
    assert_eq!(text(&typing, "display"), "DE9N-8G");
    let english = validate("DE9N8GUZWH279LUG", r#"{"locale": "en"}"#).unwrap();
    assert!(message(&english).contains("position 16"), "{}", message(&english));
    for _ in 0..2 {
        let error = read(wasm::explain_rejection("expired", Some(&tape(r#"{"marketplace": "Narnia"}"#))));
        assert!(error.unwrap_err().contains("unknown marketplace 'Narnia'"));
        let error = read(wasm::validate("DE9N8GUZWH279LUF", None)).unwrap_err();
        assert!(error.contains("unknown marketplace 'Narnia'"), "{error}");
    }
    let v = validate("DE9N8GUZWH279LUF", r#"{"marketplace": "AT"}"#).unwrap();
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
        let message = validate("DE9N", json).unwrap_err();
        assert!(message.contains(words), "{json}: {message}");
    }
    // Options nested deeper than the module reads (JSON.parse reads them), and a broken tape.
    let deep = format!(r#"{{"scheme": {}}}"#, "[".repeat(40) + &"]".repeat(40));
    for options in [tape(&deep), "{".to_owned()] {
        let message = read(wasm::validate("DE9N", Some(&options))).unwrap_err();
        assert!(message.starts_with("options: nested too deeply"), "{message}");
    }
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
            let v = validate(input, &format!(r#"{{"scheme": "{scheme}"}}"#)).unwrap();
            assert!(has(&v, "status"));
        }
    }
}

#[wasm_bindgen_test]
fn lists_and_registers_schemes() {
    let list = Array::from(&read(wasm::schemes()).unwrap());
    let ids: Vec<String> = list.iter().map(|s| text(&s, "id")).collect();
    assert_eq!(&ids[..4], ["giftcard", "credit", "amazon-claim", "promo"]);
    assert_eq!(text(&list.get(0), "checksum"), "rs32");

    let definition = r#"{"id": "js-voucher", "alphabet": "0123456789", "lengths": [10], "checksum": "damm",
        "fields": [{"kind": "check", "start": 9, "length": 1}]}"#;
    assert!(read(wasm::register_scheme(&tape(definition))).unwrap().is_null());
    let v = validate("5725300014", r#"{"scheme": "js-voucher"}"#).unwrap();
    assert_eq!(text(&v, "status"), "valid");

    let bad = r#"{"id": "broken", "alphabet": "AA", "lengths": [4], "checksum": "none"}"#;
    let message = read(wasm::register_scheme(&tape(bad))).unwrap_err();
    assert_eq!(message, "bad scheme definition 'broken': alphabet: lists 'A' twice");
    // The JS half parses JSON; what it sends is a tape, and anything else is refused.
    let message = read(wasm::register_scheme("{not json")).unwrap_err();
    assert!(message.starts_with("registerScheme: "), "{message}");
}

/// The one export runs each function by its number, as `src/wasm.js` numbers them.
#[wasm_bindgen_test]
fn the_export_runs_each_function_by_its_number() {
    let options_tape = tape(r#"{"locale": "de", "now": "2026-11-22T12:00:00Z"}"#);
    let options = || Some(options_tape.as_str());
    let package_request = tape(r#"{"input": "DE9N8GUZWH279LUG", "options": {"now": "2026-11-22T12:00:00Z"}}"#);
    let package_request = package_request.as_str();
    let json = package_tape(&text(&read(wasm::support_package(package_request)).unwrap(), "json"));
    let voucher = tape(
        r#"{"id": "call-voucher", "alphabet": "0123456789", "lengths": [6], "checksum": "luhn",
        "fields": [{"kind": "check", "start": 5, "length": 1}]}"#,
    );
    let voucher = voucher.as_str();
    // Each function run directly after its run through `call`: registering comes last.
    let cases: [(u32, &str, &dyn Fn() -> String); 8] = [
        (0, "DE9N8GUZWH279LUG", &|| wasm::validate("DE9N8GUZWH279LUG", options())),
        (1, "de9n8g", &|| wasm::format_as_you_type("de9n8g", 6.0, options())),
        (2, "expired", &|| wasm::explain_rejection("expired", options())),
        (3, "de", &|| wasm::scam_warning("de")),
        (4, package_request, &|| wasm::support_package(package_request)),
        (5, json.as_str(), &|| wasm::verify_support_package(&json)),
        (6, "", &|| wasm::schemes()),
        (7, voucher, &|| wasm::register_scheme(voucher)),
    ];
    let stringify = |v: Result<JsValue, String>| v.map(|v| JSON::stringify(&v).unwrap().as_string().unwrap());
    for (number, argument, direct) in cases {
        let caret = if number == 1 { 6.0 } else { 0.0 };
        let through_call = stringify(read(wasm::call(number, argument, options(), caret)));
        if number == 7 {
            assert_eq!(through_call, Ok("null".to_owned()));
            assert!(read(direct()).is_ok(), "a custom scheme is replaced");
            continue;
        }
        assert_eq!(through_call, stringify(read(direct())), "function {number}");
    }
    let version = read(wasm::call(8, "", None, 0.0)).unwrap();
    assert_eq!(version.as_string().as_deref(), Some(env!("CARGO_PKG_VERSION")));
    let message = read(wasm::call(9, "", None, 0.0)).unwrap_err();
    assert_eq!(message, "no API function number 9");
}

/// The export as the JS half calls it: the text and the options written into the input buffer, the
/// tape read where `answer_at` says, as long as `call_export` says.
fn through_buffers(function: u32, text: &str, options: &str) -> String {
    let at = wasm::input_at(text.len() + options.len());
    // SAFETY: `input_at` gives room for that many bytes.
    unsafe {
        core::ptr::copy_nonoverlapping(text.as_ptr(), at, text.len());
        core::ptr::copy_nonoverlapping(options.as_ptr(), at.add(text.len()), options.len());
    }
    let length = wasm::call_export(function, text.len(), options.len(), 0.0);
    // SAFETY: the answer buffer holds the last call's tape, `length` bytes of it.
    let tape = unsafe { core::slice::from_raw_parts(wasm::answer_at(), length) };
    String::from_utf8(tape.to_vec()).expect("a tape is UTF-8")
}

#[wasm_bindgen_test]
fn the_export_reads_the_input_buffer_and_answers_in_its_own() {
    let stringify = |v: Result<JsValue, String>| v.map(|v| JSON::stringify(&v).unwrap().as_string().unwrap());
    let options = tape(r#"{"now": "2026-11-22T12:00:00Z", "locale": "de"}"#);
    let english = tape(r#"{"locale": "en"}"#);
    let huge = "x".repeat(100_000); // more than either buffer keeps: its answer echoes the input
    for (text, options) in [
        ("de9n 8guz wh27 9luf DE9N8GUZWH279LUG", options.as_str()),
        ("DE9N8GUZWH279LUG", ""), // shorter, without options: nothing of the last text, its options
        ("dé9n-8güz", english.as_str()),
        (huge.as_str(), ""),
        ("DE9N8GUZWH279LUF", ""),
    ] {
        let direct = wasm::validate(text, (!options.is_empty()).then_some(options));
        let expected = stringify(read(direct));
        assert_eq!(stringify(read(through_buffers(0, text, options))), expected, "{:.40}", text);
    }
    assert!(stringify(read(through_buffers(3, "de", ""))).unwrap().contains("Betrug"));
    // Lengths beyond the buffer (the JS half never sends them) are an error, not a read outside it.
    wasm::input_at(100_000); // more than the buffer keeps: it has exactly that many bytes now
    for (text_bytes, options_bytes) in [(100_001, 0), (99_999, 2), (1, usize::MAX)] {
        let length = wasm::call_export(0, text_bytes, options_bytes, 0.0);
        // SAFETY: as in `through_buffers`.
        let tape = unsafe { core::slice::from_raw_parts(wasm::answer_at(), length) };
        let message = read(String::from_utf8(tape.to_vec()).unwrap()).unwrap_err();
        assert_eq!(message, "the text of a call lies outside the input buffer");
    }
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(read(wasm::version()).unwrap().as_string().as_deref(), Some(env!("CARGO_PKG_VERSION")));
}

#[wasm_bindgen_test]
fn memory_stays_flat_across_many_calls() {
    let options_tape = tape(r#"{"now": "2026-11-22T12:00:00Z"}"#);
    let options = || Some(options_tape.as_str());
    let memory = || {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    };
    for _ in 0..1_000 {
        read(wasm::validate("DE9N8GUZWH279LUG", options())).unwrap();
    }
    let before = memory();
    for i in 0..20_000 {
        let input = if i % 2 == 0 { "DE9N8GUZWH279LUG" } else { "de9n 8guz wh27 9luf" };
        read(wasm::validate(input, if i % 3 == 0 { options() } else { None })).unwrap();
    }
    assert_eq!(memory(), before, "wasm memory grew across 20,000 calls");
}

#[wasm_bindgen_test]
fn formats_as_you_type_with_the_caret_mapped() {
    let typing = |input: &str, caret: f64| read(wasm::format_as_you_type(input, caret, Some("{}"))).unwrap();
    let t = typing("de9n8g", 6.0);
    assert_eq!(text(&t, "display"), "DE9N-8G");
    assert_eq!(get(&t, "caret").as_f64(), Some(7.0));
    assert_eq!(text(&t, "status"), "incomplete");
    // Pasting in the middle: "DE9N-|WH27" + "8guz" → the caret after Z.
    let t = typing("DE9N-8guzWH27", 9.0);
    assert_eq!((text(&t, "display"), get(&t, "caret").as_f64()), ("DE9N-8GUZ-WH27".to_owned(), Some(9.0)));
    for odd in [f64::NAN, -3.0, f64::INFINITY] {
        let t = typing("DE9N8", odd);
        assert!(get(&t, "caret").as_f64().is_some());
    }
}

#[wasm_bindgen_test]
fn invalid_results_carry_ranked_causes() {
    let v = validate("DE9N8GUZWH279LUG", r#"{"locale": "de"}"#).unwrap();
    let cause = Array::from(&get(&v, "causes")).get(0);
    assert_eq!(text(&cause, "code"), "typo");
    assert!(text(&cause, "message").contains("Stelle 16"));
    let valid = validate("DE9N8GUZWH279LUF", "{}").unwrap();
    assert_eq!(Array::from(&get(&valid, "causes")).length(), 0);
}

#[wasm_bindgen_test]
fn explains_server_rejections_and_warns_of_scams() {
    let explain = |code: &str, options: &str| read(wasm::explain_rejection(code, Some(&tape(options))));
    let x = explain("region_restricted", r#"{"locale": "de", "marketplace": "DE"}"#).unwrap();
    assert_eq!(text(&x, "code"), "region_restricted");
    assert!(text(&x, "message").contains("amazon.de"));
    assert_eq!(get(&x, "retry").as_bool(), Some(false));
    let x = explain("something-new", "{}").unwrap();
    assert_eq!(text(&x, "code"), "unknown");
    assert_eq!(get(&x, "contactSupport").as_bool(), Some(true));
    assert!(Array::from(&get(&x, "steps")).length() >= 1);
    let message = explain("expired", r#"{"marketplace": "Narnia"}"#).unwrap_err();
    assert!(message.contains("unknown marketplace"), "{message}");
    let warning = read(wasm::scam_warning("de-DE")).unwrap();
    assert!(text(&warning, "message").contains("Geschenkkarten"));
    assert!(text(&read(wasm::scam_warning("")).unwrap(), "title").contains("scam"));
}

#[wasm_bindgen_test]
fn support_packages_round_trip_and_name_tampering() {
    let request = r#"{"input": "DE9N8GUZWH279LUG", "options": {"locale": "de", "now": "2026-11-22T12:00:00Z"},
        "attempts": [{"at": "2026-11-22T11:58:00Z", "serverCode": "invalid_code", "httpStatus": 400}],
        "environment": {"timeZone": "Europe/Berlin", "userAgent": "test"}}"#;
    let package = read(wasm::support_package(&tape(request))).unwrap();
    let reference = text(&package, "reference");
    assert!(reference.starts_with("CC-"));
    assert!(!text(&package, "text").contains("DE9N8GUZWH279LUG"));
    let json = text(&package, "json");
    assert!(json.contains("DE9N8GUZWH279LUG"));
    let check = read(wasm::verify_support_package(&package_tape(&json))).unwrap();
    assert_eq!(get(&check, "ok").as_bool(), Some(true));
    assert_eq!(text(&check, "reference"), reference);
    let tampered =
        read(wasm::verify_support_package(&package_tape(&json.replacen("invalid_code", "expired", 1)))).unwrap();
    assert_eq!(get(&tampered, "ok").as_bool(), Some(false));
    assert_eq!(text(&get(&tampered, "error"), "code"), "tampered");
    // Text JS could not parse is sent as it is: a cut package and text that is not JSON, named.
    let cut = read(wasm::verify_support_package(&package_tape(&json[..json.len() - 20]))).unwrap();
    assert_eq!(text(&get(&cut, "error"), "code"), "truncated");
    let not_json = read(wasm::verify_support_package(&package_tape("hello"))).unwrap();
    assert_eq!(text(&get(&not_json, "error"), "code"), "not_json");
    // Complete, but deeper than the module reads: not JSON it can read, whatever the strings hold.
    let deep =
        format!(r#"{{"schema": "claimcheck.support/1", "q": "a\"b{{", "x": {}1{}}}"#, "[".repeat(40), "]".repeat(40));
    let too_deep = read(wasm::verify_support_package(&package_tape(&deep))).unwrap();
    assert_eq!(text(&get(&too_deep, "error"), "code"), "not_json");
    assert_eq!(text(&get(&too_deep, "error"), "message"), "not a support package: nested too deeply");
    let pretty =
        JSON::stringify_with_replacer_and_space(&JSON::parse(&json).unwrap(), &JsValue::NULL, &JsValue::from(2))
            .unwrap()
            .as_string()
            .unwrap();
    let check = read(wasm::verify_support_package(&package_tape(&pretty))).unwrap();
    assert_eq!(get(&check, "ok").as_bool(), Some(true), "layout is not content");

    let message = read(wasm::support_package(&tape(r#"{"input": 5}"#))).unwrap_err();
    assert!(message.contains("input must be a string"), "{message}");
    let message = read(wasm::support_package("{")).unwrap_err();
    assert!(message.starts_with("supportPackage: "), "{message}");
}

/// What the JS half sends for a JSON value is read by the module as the value the JSON text holds:
/// strings with quotes, backslashes, control characters, non-ASCII and astral characters, numbers
/// as JavaScript writes them, nesting. (Keys that look like array indices JavaScript lists first,
/// and a number such as 1.50 it writes as 1.5: neither occurs in what claimcheck reads.)
#[wasm_bindgen_test]
fn tapes_from_js_hold_what_the_json_holds() {
    use claimcheck::json::Json;
    for json in [
        r#"{"input": "DE9N8GUZWH279LUG", "options": {"locale": "de", "now": "2026-11-22T12:00:00Z"}}"#,
        r#""\"quoted\" \\ back\u0001slash\nline \u2028 Grüße 😀 “x” ＤＥ""#,
        r#"[1, -2, 3.5, 1e+21, 12345678901234567000, 0, true, false, null, {}, [], [[]], ""]"#,
        r#"{"a": {"b": {"c": [{"d": "e"}]}}, "": "", "k\"ey": {"😀": "é"}}"#,
        r#"{"id": "v", "alphabet": "0123456789", "lengths": [10], "groups": [[5, 5]], "checksum": "damm"}"#,
    ] {
        assert_eq!(Json::from_tape(&tape(json)), Json::parse(json).ok(), "{json}");
    }
    // A lone surrogate reaches the module as U+FFFD, as every text from JS does.
    assert_eq!(Json::from_tape(&tape(r#""\ud800x""#)), Some(Json::String("\u{FFFD}x".into())));
    let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
    assert!(Json::from_tape(&tape(&deep(32))).is_some());
    assert!(Json::from_tape(&tape(&deep(33))).is_none(), "deeper than the module reads");
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
        let from_tape = JSON::stringify(&read(wasm::tape_of(Ok(value))).unwrap()).unwrap();
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
        "DE4G22TMYTVELK24BXYS", // a credit: with its dates, two members more
    ];
    let registry = claimcheck::scheme::builtin_registry();
    for locale in [Locale::En, Locale::De] {
        let options = CheckOptions { locale, now, ..CheckOptions::default() };
        for input in inputs {
            let validation = registry.validate(input, &options).unwrap();
            same(&validation);
            // As `validate` reads it (its members as one literal), in the same order as the JSON.
            let literal = read_validation_tape(&wasm::tape_of(Ok(&validation)), true).unwrap();
            let json = JSON::stringify(&JSON::parse(&validation.to_json()).unwrap()).unwrap();
            assert_eq!(JSON::stringify(&literal).unwrap(), json, "{input}");
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
