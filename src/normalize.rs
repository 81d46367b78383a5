//! Raw input → code symbols, with a log of every change made.
//!
//! Normalisation is independent of the scheme: it folds case and width, maps Cyrillic and Greek
//! look-alikes (and Turkish ı and İ) to Latin letters and digits of other scripts to ASCII digits,
//! and drops separators and invisible characters. It never guesses between `0` and `O` or `1` and
//! `I`: that depends on the scheme and is left to validation.
//! The result is a fixed point: normalising it again changes nothing.

use crate::prelude::*;

use crate::json::{JsonWriter, Key, ToJson};

/// Longest input accepted, in characters; longer input is rejected before any other work.
pub const MAX_INPUT_CHARS: usize = 256;

/// Why a character was changed or removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangeReason {
    /// A lowercase letter was uppercased.
    Case,
    /// A space, hyphen, dash, dot, underscore or slash was removed.
    Separator,
    /// A full-width form was replaced by its ASCII equivalent.
    FullWidth,
    /// An invisible character (zero-width, soft hyphen, BOM, direction mark) was removed.
    Invisible,
    /// A Cyrillic or Greek letter that looks like a Latin one (or Turkish ı or İ) was replaced by
    /// the Latin letter.
    Lookalike,
    /// A digit of another script (Arabic-Indic, Persian, Devanagari and the other Indian scripts)
    /// was replaced by the ASCII digit.
    Digit,
}

impl ChangeReason {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ChangeReason::Case => "case",
            ChangeReason::Separator => "separator",
            ChangeReason::FullWidth => "full_width",
            ChangeReason::Invisible => "invisible",
            ChangeReason::Lookalike => "lookalike",
            ChangeReason::Digit => "digit",
        }
    }
}

/// One change made to the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Index of the character in the input, counted in Unicode scalar values.
    pub position: usize,
    /// The character as typed.
    pub from: char,
    /// What it became; `None` when it was removed (written as `""` in JSON).
    pub to: Option<char>,
    /// Why.
    pub reason: ChangeReason,
}

impl ToJson for Change {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_uint(Key::Position, self.position);
        // Chars, not Strings: a pasted code can make a change per character, each one allocation less.
        let mut buffer = [0; 4];
        w.field_str(Key::From, self.from.encode_utf8(&mut buffer));
        w.field_str(
            Key::To,
            match self.to {
                Some(to) => to.encode_utf8(&mut buffer),
                None => "",
            },
        );
        w.field_str(Key::Reason, self.reason.code());
        w.end_object();
    }
}

/// Normalised input: the symbols and how they came about.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Normalized {
    /// The kept characters, uppercased and folded; may still hold characters outside any alphabet.
    pub symbols: String,
    /// Every change made, in input order.
    pub changes: Vec<Change>,
}

/// True when `input` has more than [`MAX_INPUT_CHARS`] characters (looks at no more than that).
pub fn is_too_long(input: &str) -> bool {
    input.len() > MAX_INPUT_CHARS && crate::char_offset(input, MAX_INPUT_CHARS).is_some()
}

/// Normalises `input`. Call [`is_too_long`] first: this function handles any length but the
/// pipeline refuses long input before spending work on it.
pub fn normalize(input: &str) -> Normalized {
    if input.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        // A pasted or completely typed code: nothing to fold, copied whole.
        return Normalized { symbols: input.to_owned(), changes: Vec::new() };
    }
    let mut out = Normalized { symbols: String::with_capacity(input.len()), changes: Vec::new() };
    for (position, c) in input.chars().enumerate() {
        if c.is_ascii_uppercase() || c.is_ascii_digit() {
            out.symbols.push(c); // the common case, decided before the tables below
            continue;
        }
        match fold(c) {
            Folded::Keep(k) => out.symbols.push(k),
            Folded::Changed(k, reason) => {
                out.symbols.push(k);
                out.changes.push(Change { position, from: c, to: Some(k), reason });
            }
            Folded::Removed(reason) => {
                out.changes.push(Change { position, from: c, to: None, reason });
            }
        }
    }
    out
}

/// What happens to one input character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folded {
    /// Kept as it is.
    Keep(char),
    /// Replaced (the first applicable reason is given).
    Changed(char, ChangeReason),
    /// Dropped.
    Removed(ChangeReason),
}

/// Folds one character: width first, then look-alikes, digits of other scripts, then case.
pub fn fold(c: char) -> Folded {
    if is_invisible(c) {
        return Folded::Removed(ChangeReason::Invisible);
    }
    let mut reason = None;
    let mut k = c;
    if let Some(ascii) = full_width_to_ascii(k) {
        k = ascii;
        reason = Some(ChangeReason::FullWidth);
    }
    if is_separator(k) {
        return Folded::Removed(reason.unwrap_or(ChangeReason::Separator));
    }
    if let Some(latin) = lookalike(k) {
        k = latin;
        reason = reason.or(Some(ChangeReason::Lookalike));
    }
    if let Some(digit) = ascii_digit(k) {
        k = digit;
        reason = reason.or(Some(ChangeReason::Digit));
    }
    if k.is_ascii_lowercase() {
        k = k.to_ascii_uppercase();
        reason = reason.or(Some(ChangeReason::Case));
    }
    match reason {
        Some(r) => Folded::Changed(k, r),
        None => Folded::Keep(k),
    }
}

/// Characters people and copy-paste put between the groups of a code.
pub fn is_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '.' | '_' | '/' | '\\' | '·' | '•' | '\u{2010}'
            ..='\u{2015}' // hyphen, non-breaking hyphen, figure dash, en/em dash, bar
            | '\u{2212}' // minus sign
            | '\u{2043}' // hyphen bullet
            | '\u{FE58}' | '\u{FE63}' // small em dash, small hyphen-minus
            | 'ー' | 'ｰ' | '・' | '･' // what Japanese input types for - and between groups
    ) || crate::is_whitespace(c)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{034F}' // combining grapheme joiner
            | '\u{061C}' // Arabic letter mark
            | '\u{180E}' // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space/non-joiner/joiner, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FE00}'..='\u{FE0F}' // variation selectors
            | '\u{FEFF}' // byte order mark / zero-width no-break space
    )
}

fn full_width_to_ascii(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// Cyrillic and Greek letters that are drawn like Latin capitals (and their lowercase forms where
/// those look Latin too): `LOOKALIKE_LATIN` holds the uppercase Latin letter (or
/// digit) each is mapped to. Cyrillic А В Е К М Н О Р С Т У Х Ѕ І Ј Ԛ Ԝ Ү Ӏ З and а е о р с у х ѕ і ј
/// ԛ ԝ к м н т в ӏ; Greek Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ and ο ν κ ι υ τ α ρ χ. Two lists rather than a
/// `match`, which compiled to a tree of comparisons (larger in the browser module).
///
/// Also Turkish ı and İ, for I: on a Turkish keyboard the key where others have I types ı (I only
/// with Shift), and the key for i types İ with Shift, so a code typed there in lowercase, or with
/// that key, holds them.
const LOOKALIKE_FROM: [u16; 63] = [
    0x0130, 0x0131, 0x0410, 0x0412, 0x0415, 0x041A, 0x041C, 0x041D, 0x041E, 0x0420, 0x0421, 0x0422, 0x0423, 0x0425,
    0x0405, 0x0406, 0x0408, 0x051A, 0x051C, 0x04AE, 0x04C0, 0x0417, 0x0430, 0x0435, 0x043E, 0x0440, 0x0441, 0x0443,
    0x0445, 0x0455, 0x0456, 0x0458, 0x051B, 0x051D, 0x043A, 0x043C, 0x043D, 0x0442, 0x0432, 0x04CF, 0x0391, 0x0392,
    0x0395, 0x0396, 0x0397, 0x0399, 0x039A, 0x039C, 0x039D, 0x039F, 0x03A1, 0x03A4, 0x03A5, 0x03A7, 0x03BF, 0x03BD,
    0x03BA, 0x03B9, 0x03C5, 0x03C4, 0x03B1, 0x03C1, 0x03C7,
];
/// The Latin letter or digit of each of [`LOOKALIKE_FROM`].
const LOOKALIKE_LATIN: &[u8; 63] = b"IIABEKMHOPCTYXSIJQWYI3AEOPCYXSIJQWKMHTBIABEZHIKMNOPTYXOVKIUTAPX";

/// The ASCII digit of a digit that phones and keyboards type in the marketplaces' scripts:
/// Arabic-Indic (Arabic keyboards in the UAE, Saudi Arabia and Egypt), Extended Arabic-Indic
/// (Persian and Urdu keyboards), and the digits of India's scripts: Devanagari, Bengali, Gurmukhi,
/// Gujarati, Oriya, Tamil, Telugu, Kannada and Malayalam, whose blocks of 128 code points each hold
/// them at the same offset, 0x66 to 0x6F.
fn ascii_digit(c: char) -> Option<char> {
    let c = u32::from(c);
    let value = match c {
        0x0660..=0x0669 => c - 0x0660,
        0x06F0..=0x06F9 => c - 0x06F0,
        0x0966..=0x0D6F if (0x66..=0x6F).contains(&(c & 0x7F)) => (c & 0x7F) - 0x66,
        _ => return None,
    };
    Some(char::from(b'0' + value as u8)) // value < 10
}

fn lookalike(c: char) -> Option<char> {
    // Every character of a code passes here: most are ASCII, below the table's first entry.
    if u32::from(c) < 0x0130 {
        return None;
    }
    let at = LOOKALIKE_FROM.iter().position(|&x| u32::from(x) == u32::from(c))?;
    Some(char::from(LOOKALIKE_LATIN[at]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_separators_and_width() {
        let n = normalize(" de9n-8guz\u{2013}wh27.9luf ");
        assert_eq!(n.symbols, "DE9N8GUZWH279LUF");
        assert_eq!(n.changes.iter().filter(|c| c.reason == ChangeReason::Separator).count(), 5);
        assert_eq!(n.changes[0], Change { position: 0, from: ' ', to: None, reason: ChangeReason::Separator });
        assert_eq!(n.changes[1], Change { position: 1, from: 'd', to: Some('D'), reason: ChangeReason::Case });
        let n = normalize("ＤＥ９ｎ");
        assert_eq!(n.symbols, "DE9N");
        assert!(n.changes.iter().all(|c| c.reason == ChangeReason::FullWidth));
    }

    #[test]
    fn lookalikes_are_greek_or_cyrillic_and_map_to_latin_capitals_or_digits() {
        for (i, &from) in LOOKALIKE_FROM.iter().enumerate() {
            // `lookalike` skips everything below U+0130 without a look at the table.
            assert!((0x0130..=0x052F).contains(&from), "U+{from:04X}");
            assert!(!LOOKALIKE_FROM[..i].contains(&from), "U+{from:04X} twice");
            assert!(LOOKALIKE_LATIN[i].is_ascii_uppercase() || LOOKALIKE_LATIN[i].is_ascii_digit());
        }
        let map = |text: &str| text.chars().map(|c| lookalike(c).unwrap_or(c)).collect::<String>();
        assert_eq!(map("АВЕЗ ΑΒΕ ау ον"), "ABE3 ABE AY OV");
        assert_eq!(lookalike('Ж'), None);
    }

    #[test]
    fn japanese_input_s_dashes_and_dots_are_separators() {
        // With Japanese input on, "-" types ー (the katakana long vowel mark), and codes copied from
        // Japanese text may be grouped with ・.
        let n = normalize("ＤＥ９Ｎー８ＧＵＺｰＷＨ２７・９ＬＵＦ･");
        assert_eq!(n.symbols, "DE9N8GUZWH279LUF");
        let removed: Vec<_> = n.changes.iter().filter(|c| c.to.is_none()).map(|c| (c.position, c.reason)).collect();
        assert_eq!(
            removed,
            [4, 9, 14, 19].map(|p| (p, ChangeReason::Separator)).to_vec(),
            "ｰ and ･ are half-width already: separators, not full-width forms"
        );
    }

    #[test]
    fn digits_of_other_scripts_are_ascii_digits() {
        let n = normalize("SA٢٣٤٥ ۹ ९ ௭");
        assert_eq!(n.symbols, "SA2345997");
        assert_eq!(n.changes[0], Change { position: 2, from: '٢', to: Some('2'), reason: ChangeReason::Digit });
        // The zeros of the eleven scripts: each run holds its script's decimal digits 0 to 9, and
        // nothing else is mapped.
        let zeros = [0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66];
        for zero in zeros {
            for d in 0..10 {
                let c = char::from_u32(zero + d).unwrap();
                assert!(c.is_numeric(), "U+{:04X}", u32::from(c));
                assert_eq!(ascii_digit(c), char::from_digit(d, 10), "U+{:04X}", u32::from(c));
            }
        }
        let mapped = (0..0x1_0000).filter_map(char::from_u32).filter(|&c| ascii_digit(c).is_some()).count();
        assert_eq!(mapped, 10 * zeros.len());
    }

    #[test]
    fn turkish_dotless_and_dotted_i_are_i() {
        let n = normalize("summerı2026İ");
        assert_eq!(n.symbols, "SUMMERI2026I");
        assert_eq!(n.changes[6], Change { position: 6, from: 'ı', to: Some('I'), reason: ChangeReason::Lookalike });
        assert_eq!(n.changes[7], Change { position: 11, from: 'İ', to: Some('I'), reason: ChangeReason::Lookalike });
        // The only characters below Greek and Cyrillic that are mapped.
        for c in (0..0x0391).filter_map(char::from_u32) {
            assert_eq!(lookalike(c).is_some(), matches!(c, 'ı' | 'İ'), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn removes_invisible_and_maps_lookalikes() {
        let n = normalize("D\u{200B}Е\u{00AD}\u{FEFF}9Ν");
        assert_eq!(n.symbols, "DE9N");
        let reasons: Vec<_> = n.changes.iter().map(|c| (c.position, c.reason)).collect();
        assert_eq!(
            reasons,
            vec![
                (1, ChangeReason::Invisible),
                (2, ChangeReason::Lookalike),
                (3, ChangeReason::Invisible),
                (4, ChangeReason::Invisible),
                (6, ChangeReason::Lookalike),
            ]
        );
    }

    #[test]
    fn keeps_unknown_characters_for_validation_to_report() {
        let n = normalize("DE9O?é");
        assert_eq!(n.symbols, "DE9O?é");
        assert!(n.changes.is_empty());
    }

    #[test]
    fn length_limit_counts_characters() {
        assert!(!is_too_long(&"ä".repeat(MAX_INPUT_CHARS)));
        assert!(is_too_long(&"a".repeat(MAX_INPUT_CHARS + 1)));
    }
}
