//! An ordered set of ASCII symbols; a symbol's value is its index.

use crate::prelude::*;

/// The alphabet A32 of the gift card and credit schemes: 32 symbols, no 0, 1, I or O.
pub const A32: &str = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Letters A–Z and digits 0–9, the alphabet of schemes that only check shape.
pub const ALPHANUMERIC: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

const NONE: u8 = u8::MAX;

/// An ordered set of distinct ASCII symbols with constant-time lookup of a symbol's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alphabet {
    symbols: String,
    values: [u8; 128],
}

impl Alphabet {
    /// Builds an alphabet; `Err` names the first problem (non-ASCII, lowercase, repeated, too small).
    pub fn new(symbols: &str) -> Result<Alphabet, AlphabetError> {
        let mut values = [NONE; 128];
        if crate::char_count(symbols) < 2 {
            return Err(AlphabetError::TooSmall);
        }
        if symbols.len() > 64 {
            return Err(AlphabetError::TooLarge);
        }
        for (index, c) in symbols.chars().enumerate() {
            if !c.is_ascii_graphic() || c == '?' {
                return Err(AlphabetError::NotAllowed(c));
            }
            if c.is_ascii_lowercase() {
                return Err(AlphabetError::Lowercase(c));
            }
            if crate::normalize::is_separator(c) {
                return Err(AlphabetError::NotAllowed(c));
            }
            let slot = &mut values[c as usize];
            if *slot != NONE {
                return Err(AlphabetError::Duplicate(c));
            }
            *slot = index as u8;
        }
        Ok(Alphabet { symbols: symbols.to_owned(), values })
    }

    /// The symbols in value order.
    pub fn as_str(&self) -> &str {
        &self.symbols
    }

    /// Number of symbols.
    pub fn len(&self) -> usize {
        self.symbols.len()
    }

    /// Always false: an alphabet has at least two symbols.
    pub fn is_empty(&self) -> bool {
        self.symbols.is_empty()
    }

    /// The value of `c`, or `None` when `c` is not a symbol.
    pub fn value(&self, c: char) -> Option<u8> {
        let v = *self.values.get(c as usize)?;
        (v != NONE).then_some(v)
    }

    /// The values of the symbols that are in the alphabet, in order (others are skipped).
    pub fn values_of(&self, symbols: &[char]) -> Vec<u8> {
        let mut values = Vec::with_capacity(symbols.len());
        for &c in symbols {
            if let Some(v) = self.value(c) {
                values.push(v);
            }
        }
        values
    }

    /// True when `c` is a symbol.
    pub fn contains(&self, c: char) -> bool {
        self.value(c).is_some()
    }

    /// The symbol with value `v` (`v` must be below `len()`; larger values wrap to stay total).
    pub fn symbol(&self, v: u8) -> char {
        let bytes = self.symbols.as_bytes();
        bytes[v as usize % bytes.len()] as char
    }

    /// True when every symbol of this alphabet is also in `other`.
    pub fn is_subset_of(&self, other: &str) -> bool {
        // `chars().any` rather than `str::contains`: the latter searches non-ASCII chars as substrings,
        // which brings the standard library's substring searcher into the wasm module.
        self.symbols.chars().all(|c| other.chars().any(|o| o == c))
    }
}

/// Why a string is not an alphabet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlphabetError {
    /// Fewer than two symbols.
    TooSmall,
    /// More than 64 symbols.
    TooLarge,
    /// A symbol appears twice.
    Duplicate(char),
    /// A lowercase letter: input is uppercased before it is checked, so it could never match.
    Lowercase(char),
    /// Not a printable ASCII symbol, a separator, or `?` (which stands for an unreadable character).
    NotAllowed(char),
}

impl core::fmt::Display for AlphabetError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl AlphabetError {
    /// The problem in words.
    pub fn describe(&self) -> String {
        let mut buffer = [0; 4];
        match self {
            AlphabetError::TooSmall => "needs at least two symbols".into(),
            AlphabetError::TooLarge => "has more than 64 symbols".into(),
            AlphabetError::Duplicate(c) => words("lists '").add(c.encode_utf8(&mut buffer)).add("' twice").done(),
            AlphabetError::Lowercase(c) => words("contains lowercase '")
                .add(c.encode_utf8(&mut buffer))
                .add("', but input is uppercased before checking")
                .done(),
            AlphabetError::NotAllowed(c) => words("contains U+")
                .add(&code_point(*c))
                .add(": symbols must be printable ASCII, not separators and not '?'")
                .done(),
        }
    }
}

/// A code point as Unicode writes it: at least four uppercase hex digits (`00A0`, `1F600`).
fn code_point(c: char) -> String {
    let value = c as u32;
    let mut out = String::new();
    for shift in (0..6).rev().map(|i| 4 * i) {
        if shift < 16 || value >> shift != 0 {
            out.push(char::from(b"0123456789ABCDEF"[(value >> shift & 15) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_are_written_like_unicode() {
        assert_eq!(code_point('\u{a0}'), "00A0");
        assert_eq!(code_point('\u{2028}'), "2028");
        assert_eq!(code_point('\u{1f600}'), "1F600");
        assert_eq!(code_point('\u{10ffff}'), "10FFFF");
        for c in ['\0', 'a', '\u{ffff}', '\u{10000}', '\u{abcde}'] {
            assert_eq!(code_point(c), format!("{:04X}", c as u32));
        }
    }

    #[test]
    fn a32_values_follow_the_order() {
        let a = Alphabet::new(A32).unwrap();
        assert_eq!(a.len(), 32);
        assert_eq!(a.value('2'), Some(0));
        assert_eq!(a.value('Z'), Some(31));
        assert_eq!(a.value('O'), None);
        assert_eq!(a.value('é'), None);
        assert_eq!(a.symbol(8), 'A');
    }

    #[test]
    fn rejects_bad_alphabets() {
        assert_eq!(Alphabet::new("AA"), Err(AlphabetError::Duplicate('A')));
        assert_eq!(Alphabet::new("Ab"), Err(AlphabetError::Lowercase('b')));
        assert_eq!(Alphabet::new("A"), Err(AlphabetError::TooSmall));
        assert_eq!(Alphabet::new("A-"), Err(AlphabetError::NotAllowed('-')));
        assert_eq!(Alphabet::new("A?"), Err(AlphabetError::NotAllowed('?')));
        assert_eq!(Alphabet::new("AÄ"), Err(AlphabetError::NotAllowed('Ä')));
    }
}
