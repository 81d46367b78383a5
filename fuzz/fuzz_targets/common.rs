#![allow(dead_code)] // each target uses part of it
//! The per-input time budget (10 ms) is checked by `tests/fuzz_corpus.rs`, which replays the corpora
//! natively: timing inside AddressSanitizer on a busy two-core machine measures the sanitizer.
//! Shared by the fuzz targets: options chosen by the first input byte, and the per-input time limit.

use claimcheck::CheckOptions;

pub const SCHEMES: [&str; 5] = ["auto", "giftcard", "credit", "amazon-claim", "promo"];
pub const MARKETPLACES: [Option<&str>; 4] = [None, Some("DE"), Some("amazon.com"), Some("AT")];

/// Options from one byte: scheme, marketplace, locale; `now` fixed so runs are reproducible.
pub fn options(selector: u8) -> CheckOptions {
    let s = usize::from(selector);
    let mut o = CheckOptions::default()
        .scheme(SCHEMES[s % SCHEMES.len()])
        .locale(if s & 0x80 != 0 { "de" } else { "en" })
        .now(claimcheck::date::Timestamp::parse("2026-11-22T12:00:00Z").unwrap());
    if let Some(m) = MARKETPLACES[(s / 8) % MARKETPLACES.len()] {
        o = o.marketplace(m);
    }
    o
}
