//! `rs32`: a Reed–Solomon code over GF(32) with two check symbols (distance 3).
//!
//! GF(32) is built from the primitive polynomial x^5 + x^2 + 1 with alpha = 2. A code of n symbols
//! v_0 … v_{n-1} is valid when S_k = Σ v_i · alpha^(k·(n−1−i)) is zero for k = 1 and k = 2. With two
//! syndromes the code detects any one or two wrong symbols, locates and corrects any single wrong
//! symbol, and recovers any two symbols whose positions are known (erasures).

use crate::prelude::*;

/// Longest code rs32 can protect: the multiplicative group of GF(32) has 31 elements.
pub const MAX_LENGTH: usize = 31;

const POLY: u8 = 0b10_0101; // x^5 + x^2 + 1

/// `EXP[i]` = alpha^i for i in 0..62 (doubled so products need no modulo).
const EXP: [u8; 62] = build_exp();
/// `LOG[x]` = i with alpha^i = x, for x in 1..32 (`LOG[0]` is unused).
const LOG: [u8; 32] = build_log();

const fn build_exp() -> [u8; 62] {
    let mut table = [0u8; 62];
    let mut value: u8 = 1;
    let mut i = 0;
    while i < 62 {
        table[i] = value;
        value <<= 1;
        if value & 0b10_0000 != 0 {
            value ^= POLY;
        }
        i += 1;
    }
    table
}

const fn build_log() -> [u8; 32] {
    let mut table = [0u8; 32];
    let mut i = 0;
    while i < 31 {
        table[EXP[i] as usize] = i as u8;
        i += 1;
    }
    table
}

fn mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        EXP[LOG[a as usize] as usize + LOG[b as usize] as usize]
    }
}

/// a / b; `b` must not be zero (callers check).
fn div(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        EXP[(LOG[a as usize] as usize + 31 - LOG[b as usize] as usize) % 31]
    }
}

/// alpha^e for any exponent.
fn pow_alpha(e: usize) -> u8 {
    EXP[e % 31]
}

/// x · alpha: a shift, reduced by the polynomial.
fn times_alpha(x: u8) -> u8 {
    let shifted = x << 1;
    if shifted & 0b10_0000 != 0 {
        shifted ^ POLY
    } else {
        shifted
    }
}

/// The two syndromes (S1, S2) of a code given as symbol values (each < 32), by Horner's rule:
/// S_k = (…(v_0·α^k + v_1)·α^k + …) + v_{n-1}.
pub fn syndromes(values: &[u8]) -> (u8, u8) {
    syndromes_of(values.iter().copied())
}

/// [`syndromes`] of values as they come (no buffer needed).
// Inlined into its few callers: a smaller browser module (docs/measurements.md, "Size").
#[inline]
pub fn syndromes_of(values: impl Iterator<Item = u8>) -> (u8, u8) {
    let (mut s1, mut s2) = (0u8, 0u8);
    for v in values {
        s1 = times_alpha(s1) ^ (v & 31);
        s2 = times_alpha(times_alpha(s2)) ^ (v & 31);
    }
    (s1, s2)
}

/// True when both syndromes vanish.
pub fn is_valid(values: &[u8]) -> bool {
    values.len() <= MAX_LENGTH && syndromes(values) == (0, 0)
}

/// The two check symbols that make `payload ++ [c0, c1]` valid.
pub fn check_symbols(payload: &[u8]) -> [u8; 2] {
    let n = payload.len() + 2;
    let (mut p1, mut p2) = (0u8, 0u8);
    for (i, &v) in payload.iter().enumerate() {
        let j = n - 1 - i;
        p1 ^= mul(v & 31, pow_alpha(j));
        p2 ^= mul(v & 31, pow_alpha(2 * j));
    }
    // p1 + c0·α + c1 = 0 and p2 + c0·α² + c1 = 0  ⇒  c0 = (p1 + p2) / (α + α²), c1 = p1 + c0·α.
    let c0 = div(p1 ^ p2, EXP[1] ^ EXP[2]);
    let c1 = p1 ^ mul(c0, EXP[1]);
    [c0, c1]
}

/// True when swapping symbols `i` and `i + 1` makes the code valid, decided from the code's
/// syndromes (from [`syndromes`]) alone: a swap adds (v_i + v_{i+1})·(X_i^k + X_{i+1}^k) to S_k,
/// with X_p = alpha^(n−1−p), so no swapped copy has to be checked. False for a valid code, for equal
/// neighbours (nothing changes) and out of range.
pub fn swap_restores(values: &[u8], (s1, s2): (u8, u8), i: usize) -> bool {
    let n = values.len();
    let (Some(&a), Some(&b)) = (values.get(i), values.get(i + 1)) else { return false };
    let d = (a ^ b) & 31;
    if n > MAX_LENGTH || d == 0 || (s1, s2) == (0, 0) {
        return false;
    }
    let (xi, xj) = (pow_alpha(n - 1 - i), pow_alpha(n - 2 - i));
    mul(d, xi ^ xj) == s1 && mul(d, mul(xi, xi) ^ mul(xj, xj)) == s2
}

/// A single wrong symbol found from the syndromes: its position and the value it should have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Correction {
    /// 0-based position of the wrong symbol.
    pub position: usize,
    /// The symbol value that makes the code valid.
    pub value: u8,
}

/// Locates and corrects one wrong symbol. `None` when the code is valid or has more than one error
/// (the syndromes then point outside the code or to an impossible pattern).
pub fn correct_one(values: &[u8]) -> Option<Correction> {
    let n = values.len();
    if n > MAX_LENGTH {
        return None;
    }
    let (s1, s2) = syndromes(values);
    if s1 == 0 || s2 == 0 {
        return None;
    }
    // S1 = e·X, S2 = e·X² with X = α^j  ⇒  X = S2/S1, e = S1²/S2.
    let x = div(s2, s1);
    let j = LOG[x as usize] as usize;
    if j >= n {
        return None;
    }
    let magnitude = div(mul(s1, s1), s2);
    let position = n - 1 - j;
    Some(Correction { position, value: values[position] ^ magnitude })
}

/// Recovers the symbols at one or two known positions (erasures): returns their values, in the order
/// given. The values currently at those positions are ignored. `None` when the positions are out of
/// range, repeated, more than two, or the rest of the code is inconsistent (a further error elsewhere).
pub fn recover(values: &[u8], positions: &[usize]) -> Option<Vec<u8>> {
    let n = values.len();
    if n > MAX_LENGTH || positions.is_empty() || positions.len() > 2 {
        return None;
    }
    if positions.iter().any(|&p| p >= n) || (positions.len() == 2 && positions[0] == positions[1]) {
        return None;
    }
    let mut zeroed = values.to_vec();
    for &p in positions {
        zeroed[p] = 0;
    }
    let (s1, s2) = syndromes(&zeroed);
    let x = |p: usize| pow_alpha(n - 1 - p);
    match positions {
        [a] => {
            // One erasure: e·X = S1 must agree with e·X² = S2.
            let xa = x(*a);
            let e = div(s1, xa);
            (mul(e, mul(xa, xa)) == s2).then(|| vec![e])
        }
        [a, b] => {
            let (xa, xb) = (x(*a), x(*b));
            let det = mul(mul(xa, xb), xa ^ xb);
            if det == 0 {
                return None;
            }
            let ea = div(mul(s1, mul(xb, xb)) ^ mul(xb, s2), det);
            let eb = div(mul(xa, s2) ^ mul(mul(xa, xa), s1), det);
            Some(vec![ea, eb])
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_tables_are_a_permutation() {
        let mut seen = [false; 32];
        for &v in &EXP[..31] {
            assert!(v != 0 && !seen[v as usize], "alpha must generate all 31 non-zero elements");
            seen[v as usize] = true;
        }
        for a in 1..32u8 {
            for b in 1..32u8 {
                assert_eq!(div(mul(a, b), b), a);
            }
        }
    }

    #[test]
    fn horner_syndromes_match_the_definition() {
        let values = [3u8, 14, 0, 31, 7, 9, 22, 1, 30];
        let n = values.len();
        let (mut s1, mut s2) = (0u8, 0u8);
        for (i, &v) in values.iter().enumerate() {
            s1 ^= mul(v, pow_alpha(n - 1 - i));
            s2 ^= mul(v, pow_alpha(2 * (n - 1 - i)));
        }
        assert_eq!(syndromes(&values), (s1, s2));
    }

    #[test]
    fn check_symbols_make_a_valid_code() {
        let payload = [3u8, 14, 0, 31, 7, 9, 22];
        let [c0, c1] = check_symbols(&payload);
        let mut code = payload.to_vec();
        code.extend([c0, c1]);
        assert!(is_valid(&code));
        code[2] ^= 1;
        assert!(!is_valid(&code));
    }

    #[test]
    fn swap_restores_is_exactly_the_swaps_that_verify() {
        // Valid codes, and codes with one or two symbols changed, of several lengths; every swap is
        // tried by hand and compared with what the syndromes predict.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 32) as u8
        };
        let mut found = 0;
        for round in 0..3000 {
            let len = 3 + round % 29;
            let payload: Vec<u8> = (0..len - 2).map(|_| next()).collect();
            let mut code = payload.clone();
            code.extend(check_symbols(&payload));
            if round % 3 > 0 {
                let p = usize::from(next()) % len;
                code[p] = next();
            }
            if round % 3 == 2 {
                // A real transposition of a valid code must be among the swaps found.
                code = payload.clone();
                code.extend(check_symbols(&payload));
                let p = usize::from(next()) % (len - 1);
                code.swap(p, p + 1);
            }
            let by_hand: Vec<usize> = (0..len - 1)
                .filter(|&i| {
                    code[i] != code[i + 1] && !is_valid(&code) && {
                        let mut swapped = code.clone();
                        swapped.swap(i, i + 1);
                        is_valid(&swapped)
                    }
                })
                .collect();
            let predicted: Vec<usize> = (0..len - 1).filter(|&i| swap_restores(&code, syndromes(&code), i)).collect();
            assert_eq!(predicted, by_hand, "{code:?}");
            found += predicted.len();
        }
        assert!(found > 900, "the transposed codes must be found ({found})");
    }

    #[test]
    fn recovers_two_erasures() {
        let payload = [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
        let mut code = payload.to_vec();
        code.extend(check_symbols(&payload));
        for a in 0..code.len() {
            for b in 0..code.len() {
                if a == b {
                    continue;
                }
                let mut damaged = code.clone();
                damaged[a] = 31;
                damaged[b] = 30;
                assert_eq!(recover(&damaged, &[a, b]), Some(vec![code[a], code[b]]));
            }
        }
    }
}
