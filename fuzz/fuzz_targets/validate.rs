#![no_main]
//! validate on arbitrary bytes (as lossy UTF-8) with options chosen by the first byte; the result must
//! serialise to JSON that reads back, and its suggestions must be codes (see the loop).

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let input = String::from_utf8_lossy(rest);
    let v = claimcheck::validate(&input, &common::options(selector)).expect("fixed options are valid");
    let json = claimcheck::ToJson::to_json(&v);
    assert!(claimcheck::Json::parse(&json).is_ok(), "result JSON does not parse: {json}");
    // Every suggestion passes every check but expiry and marketplace; those that work here come first.
    let mut works_here = true;
    for s in &v.suggestions {
        let again = claimcheck::validate(&s.code, &common::options(selector)).unwrap();
        let here = again.is_well_formed();
        let elsewhere = again.findings.iter().all(|f| {
            f.severity != claimcheck::Severity::Error
                || matches!(f.code, claimcheck::FindingCode::Expired | claimcheck::FindingCode::WrongRegion)
        });
        assert!(here || elsewhere, "suggestion {} does not validate: {:?}", s.code, again.findings);
        assert!(!here || works_here, "suggestion {} works here but comes after one that does not", s.code);
        works_here &= here;
    }
});
