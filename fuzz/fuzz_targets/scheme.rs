#![no_main]
//! Custom scheme loading from arbitrary JSON text; a scheme that loads must validate arbitrary input
//! without panicking and generate codes that validate.

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut registry = claimcheck::Registry::new();
    if registry.register_json(&text).is_err() {
        return;
    }
    let scheme = registry.schemes().last().unwrap().clone();
    let start_of_text: String = text.chars().take(40).collect();
    for input in ["", "A", "??", &start_of_text, "DE9N8GUZWH279LUF"] {
        let options = claimcheck::CheckOptions::default().scheme(&scheme.id);
        let _ = registry.validate(input, &options).unwrap();
    }
    // Only values for the fields the scheme has (any other is refused).
    use claimcheck::scheme::FieldKind;
    let issue = claimcheck::generate::Issue {
        region: scheme.field(FieldKind::Region).map(|_| "DE".into()),
        issued_on: claimcheck::date::Date::from_ymd(2026, 11, 1)
            .filter(|_| scheme.field(FieldKind::IssueDay).is_some()),
        validity_days: scheme.validity_days.first().copied(),
    };
    let mut counter = 0u8;
    if let Ok(code) = claimcheck::generate::generate_with(&scheme, &issue, &mut |buf| {
        for b in buf.iter_mut() {
            counter = counter.wrapping_add(97);
            *b = counter;
        }
        Ok(())
    }) {
        let options = claimcheck::CheckOptions::default()
            .scheme(&scheme.id)
            .now(claimcheck::date::Timestamp::parse("2026-11-02").unwrap());
        let v = registry.validate(&code, &options).unwrap();
        assert!(v.is_well_formed(), "generated {code} does not validate: {:?}", v.findings);
    }
});
