//! Check-character algorithms behind one interface.
//!
//! Each algorithm validates a whole code (payload followed by its check characters) and computes the
//! check characters for a payload. Codes are ASCII bytes already normalised; the scheme's alphabet gives
//! symbol values where the algorithm works on values (`rs32`, `luhn`).

use crate::prelude::*;

pub mod rs32;

use crate::alphabet::Alphabet;

/// The character set of ISO 7064 MOD 37-2 (the check character may also be `*`).
const MOD37_CHARSET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
const DECIMAL: &str = "0123456789";

/// A check-character algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Checksum {
    /// No check characters: only the shape of a code can be checked.
    None,
    /// Reed–Solomon over GF(32), two check symbols; needs a 32-symbol alphabet.
    Rs32,
    /// Luhn mod N over the scheme's alphabet (classic Luhn for the decimal alphabet); one check symbol.
    Luhn,
    /// ISO/IEC 7064 MOD 37-2 (pure system, one check character from 0–9, A–Z, `*`).
    Iso7064Mod37_2,
    /// ISO/IEC 7064 MOD 97-10 (two check digits; letters count as 10–35, as in IBAN and ISO 11649).
    Iso7064Mod97_10,
    /// Damm's algorithm over decimal digits; one check digit.
    Damm,
}

/// Every algorithm, for listings and error messages.
pub const ALL: [Checksum; 6] = [
    Checksum::None,
    Checksum::Rs32,
    Checksum::Luhn,
    Checksum::Iso7064Mod37_2,
    Checksum::Iso7064Mod97_10,
    Checksum::Damm,
];

impl Checksum {
    /// The stable identifier used in scheme definitions.
    pub fn id(self) -> &'static str {
        match self {
            Checksum::None => "none",
            Checksum::Rs32 => "rs32",
            Checksum::Luhn => "luhn",
            Checksum::Iso7064Mod37_2 => "iso7064-mod37-2",
            Checksum::Iso7064Mod97_10 => "iso7064-mod97-10",
            Checksum::Damm => "damm",
        }
    }

    /// The algorithm with identifier `id`.
    pub fn from_id(id: &str) -> Option<Checksum> {
        ALL.into_iter().find(|c| c.id() == id)
    }

    /// How many check characters the algorithm appends.
    // Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
    #[inline(never)]
    pub fn check_len(self) -> usize {
        match self {
            Checksum::None => 0,
            Checksum::Luhn | Checksum::Iso7064Mod37_2 | Checksum::Damm => 1,
            Checksum::Rs32 | Checksum::Iso7064Mod97_10 => 2,
        }
    }

    /// Whether the algorithm can protect codes of this alphabet and these lengths; `Err` says why not.
    pub fn supports(self, alphabet: &Alphabet, max_length: usize) -> Result<(), &'static str> {
        match self {
            Checksum::None | Checksum::Luhn => Ok(()),
            Checksum::Rs32 if alphabet.len() != 32 => Err("rs32 needs an alphabet of exactly 32 symbols"),
            Checksum::Rs32 if max_length > rs32::MAX_LENGTH => Err("rs32 protects codes of at most 31 symbols"),
            Checksum::Rs32 => Ok(()),
            Checksum::Iso7064Mod37_2 if !alphabet.is_subset_of(MOD37_CHARSET) => {
                Err("iso7064-mod37-2 needs symbols from 0-9, A-Z and *")
            }
            Checksum::Iso7064Mod97_10 if !alphabet.is_subset_of(&MOD37_CHARSET[..36]) => {
                Err("iso7064-mod97-10 needs symbols from 0-9 and A-Z")
            }
            Checksum::Iso7064Mod97_10 if !DECIMAL.chars().all(|c| alphabet.contains(c)) => {
                Err("iso7064-mod97-10 needs the digits 0-9 in the alphabet for its check digits")
            }
            Checksum::Damm if !alphabet.is_subset_of(DECIMAL) || alphabet.len() != 10 => {
                Err("damm needs the alphabet 0123456789")
            }
            Checksum::Iso7064Mod37_2 | Checksum::Iso7064Mod97_10 | Checksum::Damm => Ok(()),
        }
    }

    /// True when `code` (payload and check characters) passes. Characters outside the alphabet fail.
    pub fn is_valid(self, code: &[u8], alphabet: &Alphabet) -> bool {
        match self {
            Checksum::None => true,
            Checksum::Rs32 => {
                values(code, alphabet).is_some_and(|(v, n)| alphabet.len() == 32 && rs32::is_valid(&v[..n]))
            }
            Checksum::Luhn => {
                values(code, alphabet).is_some_and(|(v, n)| luhn_sum(&v[..n], alphabet.len(), false) == 0)
            }
            Checksum::Iso7064Mod37_2 => mod37_2_remainder(code) == Some(1),
            Checksum::Iso7064Mod97_10 => mod97_remainder(code) == Some(1),
            Checksum::Damm => damm_interim(code) == Some(0),
        }
    }

    /// The check characters for `payload`, or `None` when the payload has characters the algorithm
    /// cannot take (or, for MOD 37-2, the check character `*` is not in the alphabet).
    pub fn compute(self, payload: &[u8], alphabet: &Alphabet) -> Option<Vec<u8>> {
        match self {
            Checksum::None => Some(Vec::new()),
            Checksum::Rs32 => {
                let (v, n) = values(payload, alphabet)?;
                if alphabet.len() != 32 || n + 2 > rs32::MAX_LENGTH {
                    return None;
                }
                Some(rs32::check_symbols(&v[..n]).iter().map(|&s| alphabet.symbol(s) as u8).collect())
            }
            Checksum::Luhn => {
                let (v, len) = values(payload, alphabet)?;
                let n = alphabet.len();
                let sum = luhn_sum(&v[..len], n, true);
                Some(vec![alphabet.symbol(((n - sum) % n) as u8) as u8])
            }
            Checksum::Iso7064Mod37_2 => {
                // Pure system with one check character: the check value c makes (r·2 + c) ≡ 1 (mod 37)
                // where r is the remainder of the payload; it is found by trying the 37 candidates.
                let mut code = payload.to_vec();
                code.push(b'0');
                let last = code.len() - 1;
                for &c in MOD37_CHARSET.as_bytes() {
                    code[last] = c;
                    if mod37_2_remainder(&code) == Some(1) {
                        return alphabet.contains(c as char).then(|| vec![c]);
                    }
                }
                None
            }
            Checksum::Iso7064Mod97_10 => {
                let mut code = payload.to_vec();
                code.extend(b"00");
                let check = 98 - mod97_remainder(&code)?;
                Some(vec![b'0' + (check / 10) as u8, b'0' + (check % 10) as u8])
            }
            Checksum::Damm => {
                let interim = damm_interim(payload)?;
                Some(vec![b'0' + interim])
            }
        }
    }
}

/// Longest code the value-based algorithms accept (the longest a scheme may define).
const MAX_VALUES: usize = 64;

/// Symbol values of `code` in a stack buffer (validation runs on every keystroke: no allocation).
fn values(code: &[u8], alphabet: &Alphabet) -> Option<([u8; MAX_VALUES], usize)> {
    if code.len() > MAX_VALUES {
        return None;
    }
    let mut buffer = [0u8; MAX_VALUES];
    for (slot, &c) in buffer.iter_mut().zip(code) {
        *slot = alphabet.value(c as char)?;
    }
    Some((buffer, code.len()))
}

/// Luhn mod N: doubles every second value from the right (from the check position when `for_payload`
/// is false, from the last payload value when true) and sums the base-N digits; result mod N.
fn luhn_sum(values: &[u8], n: usize, for_payload: bool) -> usize {
    let mut sum = 0;
    for (k, &v) in values.iter().rev().enumerate() {
        let double = (k % 2 == 0) == for_payload;
        let mut x = v as usize;
        if double {
            x *= 2;
            x = x / n + x % n;
        }
        sum += x;
    }
    sum % n
}

fn mod37_2_remainder(code: &[u8]) -> Option<u32> {
    let mut r: u32 = 0;
    for &c in code {
        let v = MOD37_CHARSET.bytes().position(|x| x == c)? as u32;
        r = (r * 2 + v) % 37;
    }
    Some(r)
}

fn mod97_remainder(code: &[u8]) -> Option<u32> {
    let mut r: u32 = 0;
    for &c in code {
        match c {
            b'0'..=b'9' => r = (r * 10 + (c - b'0') as u32) % 97,
            b'A'..=b'Z' => r = (r * 100 + (c - b'A' + 10) as u32) % 97,
            _ => return None,
        }
    }
    Some(r)
}

/// Damm's weakly totally anti-symmetric quasigroup of order 10.
const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

fn damm_interim(code: &[u8]) -> Option<u8> {
    let mut interim = 0u8;
    for &c in code {
        if !c.is_ascii_digit() {
            return None;
        }
        interim = DAMM[interim as usize][(c - b'0') as usize];
    }
    Some(interim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alphabet::{A32, ALPHANUMERIC};

    fn alphabet(s: &str) -> Alphabet {
        Alphabet::new(s).unwrap()
    }

    fn check(algorithm: Checksum, alpha: &str, payload: &str, expected: &str) {
        let a = alphabet(alpha);
        let got = algorithm.compute(payload.as_bytes(), &a).unwrap();
        assert_eq!(String::from_utf8(got).unwrap(), expected, "{algorithm:?} of {payload}");
        let whole = format!("{payload}{expected}");
        assert!(algorithm.is_valid(whole.as_bytes(), &a), "{algorithm:?}: {whole} must pass");
    }

    #[test]
    fn rs32_design_vectors() {
        let a = alphabet(A32);
        for code in ["DE9N8GUZWH279LUF", "US8W2ZNFTJQQS6D3", "JPA58VYBYG9XYJ4Y", "DE4G22TMYTVELK24BXYS"] {
            assert!(Checksum::Rs32.is_valid(code.as_bytes(), &a), "{code}");
            let (payload, tail) = code.split_at(code.len() - 2);
            check(Checksum::Rs32, A32, payload, tail);
        }
        assert!(!Checksum::Rs32.is_valid(b"DE9N8GUZWH279LUG", &a));
        assert!(!Checksum::Rs32.is_valid(b"ED9N8GUZWH279LUF", &a));
    }

    #[test]
    fn luhn_published_vectors() {
        // The classic example (Luhn's patent, Wikipedia): 7992739871 → 3.
        check(Checksum::Luhn, "0123456789", "7992739871", "3");
        // A Visa test card number.
        assert!(Checksum::Luhn.is_valid(b"4111111111111111", &alphabet("0123456789")));
        assert!(!Checksum::Luhn.is_valid(b"4111111111111112", &alphabet("0123456789")));
        // Luhn mod N (Wikipedia's example, alphabet a–f, uppercased here): ABCDEF → E.
        check(Checksum::Luhn, "ABCDEF", "ABCDEF", "E");
    }

    #[test]
    fn iso7064_published_vectors() {
        // ISO 7064 MOD 37-2 (python-stdnum's test): G123498654321 → H.
        check(Checksum::Iso7064Mod37_2, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*", "G123498654321", "H");
        // MOD 97-10: an IBAN rearranged (GB82 WEST 1234 5698 7654 32) and an ISO 11649 reference (RF18).
        let a = alphabet(ALPHANUMERIC);
        assert!(Checksum::Iso7064Mod97_10.is_valid(b"WEST12345698765432GB82", &a));
        check(Checksum::Iso7064Mod97_10, ALPHANUMERIC, "123456789RF", "18");
        check(Checksum::Iso7064Mod97_10, "0123456789", "794", "44");
    }

    #[test]
    fn damm_published_vector() {
        check(Checksum::Damm, "0123456789", "572", "4");
        assert!(!Checksum::Damm.is_valid(b"5742", &alphabet("0123456789")));
    }

    #[test]
    fn ids_round_trip_and_requirements_hold() {
        for c in ALL {
            assert_eq!(Checksum::from_id(c.id()), Some(c));
        }
        assert!(Checksum::Rs32.supports(&alphabet(ALPHANUMERIC), 16).is_err());
        assert!(Checksum::Rs32.supports(&alphabet(A32), 32).is_err());
        assert!(Checksum::Damm.supports(&alphabet(ALPHANUMERIC), 16).is_err());
        assert!(Checksum::Iso7064Mod97_10.supports(&alphabet("ABC"), 16).is_err());
    }
}
