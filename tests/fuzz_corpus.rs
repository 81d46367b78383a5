#![cfg(not(target_arch = "wasm32"))]
//! The fuzz corpora (`fuzz/corpus/*`, grown by `cargo +nightly fuzz run …`) replayed natively on every
//! test run: the fuzz smoke test of CI. The same operations as the fuzz targets, no panic, and every
//! input within 10 ms (the best of three runs, so a busy machine's scheduler is not measured).

use std::path::Path;
use std::time::{Duration, Instant};

use claimcheck::{CheckOptions, Json, ToJson};

const BUDGET: Duration = Duration::from_millis(10);
/// The fuzz targets' own mapping from the first byte to options, so the replay runs what they ran.
#[path = "../fuzz/fuzz_targets/common.rs"]
mod fuzz_common;

use fuzz_common::options;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())).collect()
}

/// Runs `f` three times and returns the fastest run.
fn best_of_three(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn replay(target: &str, mut run: impl FnMut(&[u8])) {
    let inputs = corpus(target);
    assert!(!inputs.is_empty(), "no corpus for {target}");
    let mut slowest = (Duration::ZERO, String::new());
    for (name, data) in &inputs {
        let spent = best_of_three(|| run(data));
        if spent > slowest.0 {
            slowest = (spent, name.clone());
        }
    }
    assert!(slowest.0 <= BUDGET, "{target}: {} took {:?}", slowest.1, slowest.0);
    println!("{target}: {} inputs, slowest {:?}", inputs.len(), slowest.0);
}

#[test]
fn validate_corpus() {
    replay("validate", |data| {
        let Some((&selector, rest)) = data.split_first() else { return };
        let v = claimcheck::validate(&String::from_utf8_lossy(rest), &options(selector)).unwrap();
        assert!(Json::parse(&v.to_json()).is_ok());
    });
}

#[test]
fn typing_corpus() {
    replay("typing", |data| {
        let [selector, c0, c1, rest @ ..] = data else { return };
        let caret = usize::from(*c0) << 8 | usize::from(*c1);
        let input = String::from_utf8_lossy(rest);
        let t = claimcheck::typing::format_as_you_type(&input, caret, &options(*selector)).unwrap();
        assert!(t.caret <= t.display.encode_utf16().count());
    });
}

#[test]
fn scheme_corpus() {
    replay("scheme", |data| {
        let mut registry = claimcheck::Registry::new();
        if registry.register_json(&String::from_utf8_lossy(data)).is_ok() {
            let id = registry.schemes().last().unwrap().id.clone();
            for input in ["", "A", "??", "DE9N8GUZWH279LUF"] {
                registry.validate(input, &CheckOptions::default().scheme(&id)).unwrap();
            }
        }
    });
}

#[test]
fn support_corpus() {
    replay("support", |data| {
        let _ = claimcheck::support::verify_support_package(&String::from_utf8_lossy(data));
    });
}
