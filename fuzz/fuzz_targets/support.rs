#![no_main]
//! Support package verification of arbitrary text, and of a real package with the fuzzer's bytes
//! spliced in: nothing panics, and a package verifies only with the content claimcheck wrote (space
//! between its members or another spelling of a string is layout, not content). The browser's way
//! (parsed elsewhere, read from a tape, `verify_parsed_package`) agrees on what verifies; arbitrary
//! bytes read as a tape never panic.

mod common;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn package() -> &'static str {
    static PACKAGE: OnceLock<String> = OnceLock::new();
    PACKAGE.get_or_init(|| {
        let request = claimcheck::support::SupportRequest {
            input: "DE9N8GUZWH279LUG".into(),
            options: common::options(0x89),
            ..Default::default()
        };
        claimcheck::support::support_package(&request).unwrap().json
    })
}

fn original_content() -> &'static claimcheck::Json {
    static CONTENT: OnceLock<claimcheck::Json> = OnceLock::new();
    CONTENT.get_or_init(|| claimcheck::Json::parse(package()).unwrap())
}

/// The verdict as the browser module reaches it: the text parsed (by JavaScript there; here by
/// claimcheck's own parser, as both read the same JSON) and sent as a tape; a leading byte order
/// mark dropped first, as `packageTape` does.
fn through_a_tape(text: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = claimcheck::Json::parse(text.trim()).ok()?;
    let sent = claimcheck::Json::from_tape(&parsed.to_tape());
    claimcheck::support::verify_parsed_package(sent.ok_or(text)).ok().map(|v| v.reference)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = claimcheck::support::verify_support_package(&text);
    let _ = claimcheck::Json::from_tape(&text);
    let _ = claimcheck::support::verify_parsed_package(Err(&text));
    // Splice the bytes into a real package at a position chosen by the first two bytes.
    let original = package();
    if let [a, b, rest @ ..] = data {
        let at = (usize::from(*a) << 8 | usize::from(*b)) % original.len();
        if original.is_char_boundary(at) {
            let insert = String::from_utf8_lossy(rest);
            let changed = format!("{}{}{}", &original[..at], insert, &original[at..]);
            let verified = claimcheck::support::verify_support_package(&changed);
            if let Ok(checked) = &verified {
                assert_eq!(&checked.content, original_content(), "a package with changed content verified");
            }
            assert_eq!(through_a_tape(&changed), verified.ok().map(|v| v.reference), "the browser's way disagrees");
        }
    }
});
