#![cfg(not(target_arch = "wasm32"))]
//! The issuer side with the operating system's secure random source: 100,000 codes per scheme, all
//! valid and all distinct.

mod support;

use std::collections::HashSet;

use claimcheck::generate::{generate, Issue};
use claimcheck::{validate, CheckOptions, Status};
use support::{now, scheme};

#[test]
fn one_hundred_thousand_generated_codes_are_valid_and_distinct() {
    let options = CheckOptions::default().now(now());
    let issues = [
        ("giftcard", Issue { region: Some("DE".into()), ..Issue::default() }),
        (
            "credit",
            Issue {
                region: Some("US".into()),
                issued_on: claimcheck::date::Date::parse("2026-11-01"),
                validity_days: Some(365),
            },
        ),
    ];
    for (id, issue) in issues {
        let mut seen = HashSet::with_capacity(100_000);
        for _ in 0..100_000 {
            let code = generate(scheme(id), &issue).unwrap();
            let v = validate(&code, &options).unwrap();
            assert_eq!((v.status, v.scheme.as_deref()), (Status::Valid, Some(id)), "{code}: {:?}", v.findings);
            assert!(seen.insert(code.clone()), "{code} was generated twice");
        }
        assert_eq!(seen.len(), 100_000);
    }
}
