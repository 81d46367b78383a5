#![no_main]
//! Support package verification of arbitrary text, and of a real package with the fuzzer's bytes
//! spliced in: nothing panics, and a package verifies only with the content claimcheck wrote (space
//! between its members or another spelling of a string is layout, not content).

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

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = claimcheck::support::verify_support_package(&text);
    // Splice the bytes into a real package at a position chosen by the first two bytes.
    let original = package();
    if let [a, b, rest @ ..] = data {
        let at = (usize::from(*a) << 8 | usize::from(*b)) % original.len();
        if original.is_char_boundary(at) {
            let insert = String::from_utf8_lossy(rest);
            let changed = format!("{}{}{}", &original[..at], insert, &original[at..]);
            if let Ok(checked) = claimcheck::support::verify_support_package(&changed) {
                assert_eq!(&checked.content, original_content(), "a package with changed content verified");
            }
        }
    }
});
