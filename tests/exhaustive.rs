#![cfg(not(target_arch = "wasm32"))]
//! Exhaustive error tests for the rs32 schemes: every single substitution, every adjacent
//! transposition, and every one or two symbols at known positions, for generated codes.

mod support;

use claimcheck::{validate, CheckOptions, FindingCode, Status};
use support::{code, now, scheme, Rng};

const CODES_PER_SCHEME: usize = 120;

fn options(id: &str) -> CheckOptions {
    CheckOptions::default().scheme(id).now(now())
}

#[test]
fn every_single_substitution_is_detected_located_and_corrected() {
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        let mut rng = Rng(0x5eed_0001);
        let mut checked = 0;
        for _ in 0..CODES_PER_SCHEME {
            let original = code(s, &mut rng);
            assert_eq!(validate(&original, &options(id)).unwrap().status, Status::Valid, "{original}");
            let chars: Vec<char> = original.chars().collect();
            for i in 0..chars.len() {
                for replacement in s.alphabet.as_str().chars().filter(|&c| c != chars[i]) {
                    let mut typo = chars.clone();
                    typo[i] = replacement;
                    let typo: String = typo.into_iter().collect();
                    let v = validate(&typo, &options(id)).unwrap();
                    assert_eq!(v.status, Status::Invalid, "{typo} must be caught");
                    let f = &v.findings[0];
                    assert_eq!(f.code, FindingCode::ChecksumMismatch, "{typo}");
                    assert_eq!(f.position, Some(i), "{typo}: wrong symbol located");
                    assert_eq!(f.expected.as_deref(), Some(chars[i].to_string().as_str()), "{typo}");
                    assert_eq!(v.suggestions[0].code, original, "{typo}: corrected exactly");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, CODES_PER_SCHEME * s.max_len() * 31);
    }
}

#[test]
fn every_adjacent_transposition_is_detected() {
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        let mut rng = Rng(0x5eed_0002);
        for _ in 0..CODES_PER_SCHEME {
            let original = code(s, &mut rng);
            let chars: Vec<char> = original.chars().collect();
            for i in 0..chars.len() - 1 {
                if chars[i] == chars[i + 1] {
                    continue;
                }
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                let v = validate(&swapped, &options(id)).unwrap();
                assert_eq!(v.status, Status::Invalid, "{swapped} must be caught");
                assert!(v.suggestions.iter().any(|s| s.code == original), "{swapped}: {original} not suggested");
            }
        }
    }
}

#[test]
fn any_one_or_two_known_positions_are_recovered() {
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        let mut rng = Rng(0x5eed_0003);
        for round in 0..CODES_PER_SCHEME / 4 {
            let original = code(s, &mut rng);
            let chars: Vec<char> = original.chars().collect();
            let n = chars.len();
            let marks = ['?', 'O', '0', 'I', '1'];
            for a in 0..n {
                for b in a..n {
                    let mut damaged = chars.clone();
                    damaged[a] = marks[(a + round) % marks.len()];
                    damaged[b] = marks[(b + round + 1) % marks.len()];
                    let damaged: String = damaged.into_iter().collect();
                    let v = validate(&damaged, &options(id)).unwrap();
                    assert_eq!(v.status, Status::Invalid, "{damaged}");
                    assert_eq!(v.suggestions.len(), 1, "{damaged}: recovery is exact, so unique");
                    assert_eq!(v.suggestions[0].code, original, "{damaged}");
                }
            }
        }
    }
}
