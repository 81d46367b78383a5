#![no_main]
//! validate on arbitrary bytes (as lossy UTF-8) with options chosen by the first byte; the result must
//! serialise to JSON that reads back.

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let input = String::from_utf8_lossy(rest);
    let v = claimcheck::validate(&input, &common::options(selector)).expect("fixed options are valid");
    let json = claimcheck::ToJson::to_json(&v);
    assert!(claimcheck::Json::parse(&json).is_ok(), "result JSON does not parse: {json}");
    for s in &v.suggestions {
        let again = claimcheck::validate(&s.code, &common::options(selector)).unwrap();
        assert!(again.is_well_formed(), "suggestion {} does not validate", s.code);
    }
});
