#![cfg(not(target_arch = "wasm32"))]
//! The correction-rate report: how often the intended code is suggested, per error kind and scheme.
//! Prints the rates (run with `--nocapture` to see them) and asserts the floors.

mod support;

use claimcheck::{validate, CheckOptions};
use support::{code, now, scheme, Rng};

const CODES: usize = 2_000;

struct Tally {
    among: usize,
    top: usize,
    total: usize,
}

impl Tally {
    fn rate(part: usize, total: usize) -> f64 {
        100.0 * part as f64 / total as f64
    }
}

fn run(id: &str, kind: &str, damage: impl Fn(&mut Vec<char>, &mut Rng) -> bool) -> Tally {
    let s = scheme(id);
    let mut rng = Rng(0xC0FFEE ^ id.len() as u64 ^ (kind.len() as u64) << 8);
    let options = CheckOptions::default().scheme(id).now(now());
    let mut tally = Tally { among: 0, top: 0, total: 0 };
    while tally.total < CODES {
        let original = code(s, &mut rng);
        let mut chars: Vec<char> = original.chars().collect();
        if !damage(&mut chars, &mut rng) {
            continue;
        }
        let typed: String = chars.into_iter().collect();
        let v = validate(&typed, &options).unwrap();
        tally.total += 1;
        tally.among += v.suggestions.iter().any(|s| s.code == original) as usize;
        tally.top += v.suggestions.first().is_some_and(|s| s.code == original) as usize;
    }
    println!(
        "{id:9} {kind:24} original among suggestions {:6.2}%   top suggestion {:6.2}%   ({} codes)",
        Tally::rate(tally.among, tally.total),
        Tally::rate(tally.top, tally.total),
        tally.total
    );
    tally
}

#[test]
fn correction_rates_meet_the_floors() {
    for id in ["giftcard", "credit"] {
        let alphabet: Vec<char> = scheme(id).alphabet.as_str().chars().collect();
        let sub = run(id, "single substitution", |c, rng| {
            let i = rng.below(c.len());
            let old = c[i];
            while c[i] == old {
                c[i] = alphabet[rng.below(alphabet.len())];
            }
            true
        });
        assert_eq!(sub.among, sub.total, "{id}: substitution must always be among the suggestions");
        assert!(sub.top * 100 >= sub.total * 99, "{id}: substitution top-1 below 99%");

        let marks = ['?', 'O', '0', 'I', '1'];
        for count in [1, 2] {
            let t = run(id, if count == 1 { "one unreadable symbol" } else { "two unreadable symbols" }, |c, rng| {
                let a = rng.below(c.len());
                c[a] = marks[rng.below(marks.len())];
                if count == 2 {
                    let mut b = rng.below(c.len());
                    while b == a {
                        b = rng.below(c.len());
                    }
                    c[b] = marks[rng.below(marks.len())];
                }
                true
            });
            assert_eq!(t.top, t.total, "{id}: recovery of {count} known positions must be exact");
        }

        let tr = run(id, "adjacent transposition", |c, rng| {
            let i = rng.below(c.len() - 1);
            if c[i] == c[i + 1] {
                return false;
            }
            c.swap(i, i + 1);
            true
        });
        assert!(tr.among * 100 >= tr.total * 99, "{id}: transposition below 99%");

        let missing = run(id, "one missing symbol", |c, rng| {
            c.remove(rng.below(c.len()));
            true
        });
        assert!(missing.among * 100 >= missing.total * 95, "{id}: missing symbol below 95%");

        let extra = run(id, "one extra symbol", |c, rng| {
            let at = rng.below(c.len() + 1);
            c.insert(at, alphabet[rng.below(alphabet.len())]);
            true
        });
        assert!(extra.among * 100 >= extra.total * 95, "{id}: extra symbol below 95%");

        // An impossible symbol slipped in (0, O, 1 or I): the one to delete.
        let slipped = run(id, "one extra impossible symbol", |c, rng| {
            let at = rng.below(c.len() + 1);
            c.insert(at, ['0', 'O', '1', 'I'][rng.below(4)]);
            true
        });
        assert!(slipped.top * 100 >= slipped.total * 99, "{id}: extra impossible symbol below 99%");

        // Two to twelve symbols of the codes' own alphabet before and after the code: the hardest
        // text to find a code in (a label in words has letters no code uses).
        let around = run(id, "text around the code", |c, rng| {
            let (before, after) = (rng.below(7), rng.below(7));
            if before + after < 2 {
                return false;
            }
            for _ in 0..before {
                c.insert(0, alphabet[rng.below(alphabet.len())]);
            }
            for _ in 0..after {
                c.push(alphabet[rng.below(alphabet.len())]);
            }
            true
        });
        assert!(around.top * 100 >= around.total * 99, "{id}: code inside text below 99%");
    }
}
