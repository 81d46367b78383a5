//! Deterministic code generation for tests: the real generator fed by a seeded PRNG.
#![allow(dead_code)]

use claimcheck::date::Timestamp;
use claimcheck::generate::{generate_with, Issue};
use claimcheck::region::MARKETPLACES;
use claimcheck::scheme::{builtin, Scheme};

/// The `now` all generated credits are valid at.
pub fn now() -> Timestamp {
    Timestamp::parse("2026-11-22T12:00:00Z").unwrap()
}

/// SplitMix64: small, fast, reproducible.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub fn scheme(id: &str) -> &'static Scheme {
    builtin().iter().find(|s| s.id == id).unwrap()
}

/// A code of `scheme` that is valid at [`now`]: random region, and for credits a random validity
/// and an issue day that leaves the credit usable.
pub fn code(scheme: &Scheme, rng: &mut Rng) -> String {
    code_issued(scheme, rng, None)
}

/// A credit of `scheme` that expired before [`now`]: 1 to `days` days after its last valid day.
pub fn expired_code(scheme: &Scheme, rng: &mut Rng, days: usize) -> String {
    code_issued(scheme, rng, Some(days))
}

fn code_issued(scheme: &Scheme, rng: &mut Rng, expired_up_to: Option<usize>) -> String {
    let region = MARKETPLACES[rng.below(MARKETPLACES.len())].prefix.to_owned();
    let mut issue = Issue { region: Some(region), ..Issue::default() };
    if !scheme.validity_days.is_empty() {
        let days = scheme.validity_days[rng.below(scheme.validity_days.len())];
        let back = match expired_up_to {
            Some(up_to) => days as usize + 1 + rng.below(up_to),
            None => rng.below(days as usize),
        } as u64;
        issue.validity_days = Some(days);
        issue.issued_on = now().date().sub_days(back);
    }
    let mut fill = |buf: &mut [u8]| {
        for b in buf.iter_mut() {
            *b = rng.next() as u8;
        }
        Ok(())
    };
    generate_with(scheme, &issue, &mut fill).unwrap()
}

/// The letters a keyboard set to another language types in place of others, with their names:
/// German and English layouts swap Y and Z; French and English swap A and Q, and W and Z.
pub const LAYOUTS: [(&[(char, char)], &str); 2] = [(&[('Y', 'Z')], "Y/Z"), (&[('A', 'Q'), ('W', 'Z')], "A/Q, W/Z")];

/// `chars` as typed on the other layout of `pairs`: each letter of a pair replaced by the other.
/// Returns how many were swapped.
pub fn type_on_other_layout(chars: &mut [char], pairs: &[(char, char)]) -> usize {
    let mut swapped = 0;
    for c in chars.iter_mut() {
        if let Some(&(a, b)) = pairs.iter().find(|&&(a, b)| *c == a || *c == b) {
            *c = if *c == a { b } else { a };
            swapped += 1;
        }
    }
    swapped
}

/// The character a printed code's reader may take `c` for, within the rs32 alphabet (which has no
/// 0, 1, I or O): 5/S, 8/B, 2/Z, 6/G, D/Q.
pub fn lookalike_of(c: char) -> Option<char> {
    const PAIRS: [(char, char); 5] = [('5', 'S'), ('8', 'B'), ('2', 'Z'), ('6', 'G'), ('D', 'Q')];
    PAIRS.iter().find_map(|&(a, b)| (c == a).then_some(b).or((c == b).then_some(a)))
}
