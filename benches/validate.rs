//! Native benchmarks of `validate` (run with `cargo bench`).

use claimcheck::date::Timestamp;
use claimcheck::{validate, CheckOptions};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let now = Timestamp::parse("2026-11-22T12:00:00Z").unwrap();
    let auto = CheckOptions::default().now(now);
    let giftcard = CheckOptions::default().scheme("giftcard").marketplace("DE").now(now);
    c.bench_function("validate giftcard 16 symbols (auto)", |b| {
        b.iter(|| validate(black_box("DE9N8GUZWH279LUF"), black_box(&auto)))
    });
    c.bench_function("validate giftcard 16 symbols (scheme given)", |b| {
        b.iter(|| validate(black_box("DE9N8GUZWH279LUF"), black_box(&giftcard)))
    });
    c.bench_function("validate giftcard with one wrong symbol + suggestions", |b| {
        b.iter(|| validate(black_box("DE9N8GUZWH279LUG"), black_box(&auto)))
    });
    c.bench_function("validate credit 20 symbols", |b| {
        b.iter(|| validate(black_box("DE4G22TMYTVELK24BXYS"), black_box(&auto)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
