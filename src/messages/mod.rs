//! The message catalog: every text a customer sees, in English and German, keyed by reason code.
//!
//! Texts are templates. `{position}` is shown 1-based, `{expected}` and `{actual}` are the finding's
//! structured fields, and `{expected_term}` / `{actual_term}` look those values up among the terms
//! (code kinds) so they read naturally in each language.

use crate::prelude::*;

use crate::finding::Finding;
use crate::json::write_decimal;

/// `t!("message", "hint")`: a [`Text`], its two parts joined when compiling (the catalogs' own
/// entries are written with it too, inside `catalog!`, which reads them as they are).
#[cfg(test)]
macro_rules! t {
    ($message:literal, $hint:literal) => {
        $crate::messages::Text::joined(concat!($message, "\u{1f}", $hint))
    };
}

/// `catalog![Entry { key: "…", en: t!("…", "…"), de: t!("…", "…") }, …]`: a [`Catalog`] written
/// like a list of entries, joined into one [`TextTable`] when compiling.
macro_rules! catalog {
    ($(Entry { key: $key:literal, en: t!($en:literal, $en_hint:literal), de: t!($de:literal, $de_hint:literal) $(,)? }),* $(,)?) => {
        $crate::messages::Catalog::new(&$crate::messages::TextTable::new(
            concat!($($key,)* $($en, "\u{1f}", $en_hint,)* $($de, "\u{1f}", $de_hint),*),
            [$($key.len(),)* $(concat!($en, "\u{1f}", $en_hint).len(),)* $(concat!($de, "\u{1f}", $de_hint).len()),*],
        ))
    };
}

pub mod explanations;

/// Version of the catalog; bumped whenever a text changes meaning.
pub const CATALOG_VERSION: u32 = 2;

/// A language of the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// English (the fallback).
    #[default]
    En,
    /// German.
    De,
}

impl Locale {
    /// Picks the locale for a BCP 47 tag by its language prefix (`de-AT` → German); anything else is
    /// English.
    pub fn from_tag(tag: &str) -> Locale {
        let language = crate::before(crate::before(crate::trim(tag), b'-'), b'_');
        if language.eq_ignore_ascii_case("de") {
            Locale::De
        } else {
            Locale::En
        }
    }

    /// The BCP 47 language code.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
        }
    }
}

/// A message and the next step, in one language. Kept as one text, the two joined by U+001F (made by
/// `t!`): the browser module then holds one pointer and length per text instead of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Text(&'static str);

impl Text {
    #[cfg(test)]
    const fn joined(text: &'static str) -> Text {
        Text(text)
    }

    /// What is the matter.
    pub fn message(self) -> &'static str {
        crate::before(self.0, 0x1f)
    }

    /// What to do next (empty when there is nothing to do).
    pub fn hint(self) -> &'static str {
        self.0.get(self.message().len() + 1..).unwrap_or_default()
    }
}

/// One catalog entry in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// A reason code, or `code.variant` for a more specific wording.
    pub key: &'static str,
    /// English.
    pub en: Text,
    /// German.
    pub de: Text,
}

impl Entry {
    /// The text in `locale`.
    pub fn text(&self, locale: Locale) -> Text {
        match locale {
            Locale::En => self.en,
            Locale::De => self.de,
        }
    }
}

/// Texts joined into one string when compiling, each found by where it ends (a `u16`).
///
/// The browser module then holds two bytes per text instead of a pointer and a length (eight bytes
/// that compress badly): for the findings and causes catalogs 0.28 KB less gzip of data, 69 bytes
/// less in all once the lookup code is counted (measured 2026-11-29). Made by `TextTable::new` from
/// the joined text and the lengths of its parts (see `catalog!`).
#[derive(Debug)]
pub struct TextTable<Ends: ?Sized = [u16]> {
    joined: &'static str,
    ends: Ends,
}

impl<const N: usize> TextTable<[u16; N]> {
    /// The texts of `lengths` bytes each, one after the other in `joined`. Checked when compiling:
    /// the lengths add up to `joined`, which fits `u16` offsets, and every text ends on a char
    /// boundary.
    pub const fn new(joined: &'static str, lengths: [usize; N]) -> Self {
        let bytes = joined.as_bytes();
        let mut ends = [0u16; N];
        let (mut i, mut at) = (0, 0);
        while i < N {
            at += lengths[i];
            assert!(at <= u16::MAX as usize, "a text table holds at most 65,535 bytes");
            assert!(at <= bytes.len(), "the lengths add up to the joined text");
            // `str::is_char_boundary` by hand: it is `const` only from Rust 1.86, above the MSRV.
            assert!(at == bytes.len() || (bytes[at] as i8) >= -0x40, "texts end on char boundaries");
            ends[i] = at as u16;
            i += 1;
        }
        assert!(at == bytes.len(), "the lengths add up to the joined text");
        TextTable { joined, ends }
    }
}

impl TextTable {
    /// The text at `index` (empty past the end).
    pub fn get(&self, index: usize) -> &'static str {
        let Some(&end) = self.ends.get(index) else {
            return "";
        };
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        // SAFETY: `new`, the only way to make a table, checked that the ends rise within `joined` and
        // fall on char boundaries (when compiling, for every table in a `const`).
        unsafe { self.joined.get_unchecked(usize::from(start)..usize::from(end)) }
    }

    /// How many texts the table holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the table holds no text.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Catalog entries (a key and the text in English and German), kept as one [`TextTable`]: every
/// key, then every English text, then every German one. Texts of one language compress better
/// beside each other than beside their translation (125 bytes less gzip in the browser module).
#[derive(Clone, Copy, Debug)]
pub struct Catalog(&'static TextTable);

impl Catalog {
    /// A catalog of `texts`: the keys, then the English texts, then the German ones, in entry order.
    pub const fn new(texts: &'static TextTable) -> Catalog {
        Catalog(texts)
    }

    /// The entry with this key.
    pub fn get(&self, key: &str) -> Option<Entry> {
        for i in 0..self.len() {
            if self.0.get(i) == key {
                return Some(self.entry(i));
            }
        }
        None
    }

    /// Every entry, in catalog order.
    pub fn iter(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.len()).map(|i| self.entry(i))
    }

    /// How many entries the catalog holds.
    pub fn len(&self) -> usize {
        self.0.len() / 3
    }

    /// True when the catalog holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn entry(&self, index: usize) -> Entry {
        let n = self.len();
        Entry { key: self.0.get(index), en: Text(self.0.get(n + index)), de: Text(self.0.get(2 * n + index)) }
    }
}

/// Texts for findings, by reason code (and variants).
pub const FINDINGS: Catalog = catalog![
    Entry {
        key: "empty",
        en: t!("Please enter your code.", "You'll find it on the back of the card (under the scratch-off strip) or in the email you received."),
        de: t!("Bitte geben Sie Ihren Code ein.", "Sie finden ihn auf der Rückseite der Karte (unter dem Rubbelfeld) oder in der E-Mail, die Sie erhalten haben."),
    },
    Entry {
        key: "input_too_long",
        en: t!("This is much longer than any code ({actual} characters).", "Please paste only the code itself, not the whole message around it."),
        de: t!("Das ist viel länger als jeder Code ({actual} Zeichen).", "Bitte fügen Sie nur den Code selbst ein, nicht die ganze Nachricht drumherum."),
    },
    Entry {
        key: "invalid_character",
        en: t!("The character “{actual}” at position {position} can't be part of this code.", "Codes use only the letters and digits printed on the card. Please check this character."),
        de: t!("Das Zeichen „{actual}“ an Stelle {position} kann in diesem Code nicht vorkommen.", "Codes bestehen nur aus den Buchstaben und Ziffern auf der Karte. Bitte prüfen Sie dieses Zeichen."),
    },
    Entry {
        key: "invalid_character.lookalike",
        en: t!("Position {position}: these codes never contain “{actual}” (there is no 0, 1, I or O in them).", "Look at this character on the card again. If you can't tell what it is, type ? in its place and we'll work it out."),
        de: t!("Stelle {position}: Diese Codes enthalten nie „{actual}“ (es gibt darin kein 0, 1, I oder O).", "Sehen Sie sich dieses Zeichen auf der Karte noch einmal an. Wenn Sie es nicht erkennen, geben Sie an seiner Stelle ? ein – wir ermitteln es dann."),
    },
    Entry {
        key: "unreadable_character",
        en: t!("Position {position} is marked as unreadable.", "That's fine: if no more than two characters are unreadable, we can work them out from the rest of the code."),
        de: t!("Stelle {position} ist als unleserlich markiert.", "Kein Problem: Sind höchstens zwei Zeichen unleserlich, können wir sie aus dem Rest des Codes ermitteln."),
    },
    Entry {
        key: "unreadable_character.unrecoverable",
        en: t!("Position {position} is marked as unreadable, and this kind of code can't be worked out from the rest.", "Please look at the card again in good light, or ask the sender for the code."),
        de: t!("Stelle {position} ist als unleserlich markiert, und diese Art Code lässt sich nicht aus dem Rest ermitteln.", "Bitte sehen Sie sich die Karte bei gutem Licht noch einmal an oder fragen Sie den Absender nach dem Code."),
    },
    Entry {
        key: "too_short",
        en: t!("The code has {expected} characters; {actual} entered so far.", "Please check whether a character is missing."),
        de: t!("Der Code hat {expected} Zeichen; bisher eingegeben: {actual}.", "Bitte prüfen Sie, ob ein Zeichen fehlt."),
    },
    Entry {
        key: "too_short.at_least",
        en: t!("The code has at least {expected} characters; {actual} entered so far.", "Please check whether a character is missing."),
        de: t!("Der Code hat mindestens {expected} Zeichen; bisher eingegeben: {actual}.", "Bitte prüfen Sie, ob ein Zeichen fehlt."),
    },
    Entry {
        key: "too_long",
        en: t!("The code has {expected} characters, but {actual} have been entered.", "Please check whether a character was typed twice or something extra was pasted."),
        de: t!("Der Code hat {expected} Zeichen, eingegeben sind aber {actual}.", "Bitte prüfen Sie, ob ein Zeichen doppelt getippt oder etwas zusätzlich eingefügt wurde."),
    },
    Entry {
        key: "too_long.at_most",
        en: t!("The code has at most {expected} characters, but {actual} have been entered.", "Please check whether a character was typed twice or something extra was pasted."),
        de: t!("Der Code hat höchstens {expected} Zeichen, eingegeben sind aber {actual}.", "Bitte prüfen Sie, ob ein Zeichen doppelt getippt oder etwas zusätzlich eingefügt wurde."),
    },
    Entry {
        key: "unknown_prefix",
        en: t!("The code starts with “{actual}”, which is not the beginning of any of our codes.", "Codes start with two letters for the country they were issued for, such as DE or US. Please check the first two characters."),
        de: t!("Der Code beginnt mit „{actual}“ – so beginnt keiner unserer Codes.", "Codes beginnen mit zwei Buchstaben für das Land, für das sie ausgegeben wurden, etwa DE oder US. Bitte prüfen Sie die ersten beiden Zeichen."),
    },
    Entry {
        key: "wrong_region",
        en: t!("This code is for {actual}, but you are redeeming it on {expected}.", "A code works only on the store it was issued for. Please redeem it with an account on {actual}, or ask the sender for a code for {expected}."),
        de: t!("Dieser Code gilt für {actual}, Sie lösen ihn aber auf {expected} ein.", "Ein Code funktioniert nur in dem Shop, für den er ausgegeben wurde. Bitte lösen Sie ihn mit einem Konto auf {actual} ein oder bitten Sie den Absender um einen Code für {expected}."),
    },
    Entry {
        key: "checksum_mismatch",
        en: t!("This code doesn't add up: probably one or more characters were mistyped.", "Please compare each character with the card, especially look-alikes such as 5/S, 8/B, 2/Z and characters that sit next to each other."),
        de: t!("Dieser Code geht nicht auf: Wahrscheinlich wurden ein oder mehrere Zeichen vertippt.", "Bitte vergleichen Sie jedes Zeichen mit der Karte, besonders leicht verwechselbare wie 5/S, 8/B, 2/Z und benachbarte Zeichen."),
    },
    Entry {
        key: "checksum_mismatch.keyboard_layout",
        en: t!("The letters {expected} seem swapped throughout, as a keyboard set to another language swaps them.", "Use the suggested code, or check the keyboard's language setting and type the code again."),
        de: t!("Die Buchstaben {expected} scheinen durchgehend vertauscht, wie bei einer Tastatur, die auf eine andere Sprache eingestellt ist.", "Übernehmen Sie den vorgeschlagenen Code oder prüfen Sie die Spracheinstellung der Tastatur und geben Sie den Code noch einmal ein."),
    },
    Entry {
        key: "checksum_mismatch.located",
        en: t!("The character at position {position} is probably wrong: “{actual}” was entered, “{expected}” fits.", "Please check position {position} on the card."),
        de: t!("Das Zeichen an Stelle {position} ist wahrscheinlich falsch: Eingegeben wurde „{actual}“, passen würde „{expected}“.", "Bitte prüfen Sie Stelle {position} auf der Karte."),
    },
    Entry {
        key: "expired",
        en: t!("This credit expired on {actual}.", "Courtesy credits are valid for 30 days to 12 months from the day they are issued. If you think this is a mistake, please contact customer service and give them the code."),
        de: t!("Dieses Guthaben ist am {actual} abgelaufen.", "Kulanzgutschriften gelten ab Ausstellung 30 Tage bis 12 Monate. Wenn Sie einen Fehler vermuten, wenden Sie sich bitte mit dem Code an den Kundenservice."),
    },
    Entry {
        key: "not_yet_valid",
        en: t!("This code's issue date ({actual}) is in the future.", "Please check the date and time on your device. If they are right, check the code against the card."),
        de: t!("Das Ausstellungsdatum dieses Codes ({actual}) liegt in der Zukunft.", "Bitte prüfen Sie Datum und Uhrzeit Ihres Geräts. Stimmen sie, vergleichen Sie den Code mit der Karte."),
    },
    Entry {
        key: "expires_soon",
        en: t!("This credit is valid until {actual}.", "Please redeem it and use it before then; it can't be extended."),
        de: t!("Dieses Guthaben gilt bis zum {actual}.", "Bitte lösen Sie es vorher ein und nutzen Sie es; eine Verlängerung ist nicht möglich."),
    },
    Entry {
        key: "invalid_validity",
        en: t!("The character “{actual}” at position {position} doesn't fit here.", "Please check this character against the card."),
        de: t!("Das Zeichen „{actual}“ an Stelle {position} passt hier nicht.", "Bitte vergleichen Sie dieses Zeichen mit der Karte."),
    },
    Entry {
        key: "looks_like_serial_number",
        en: t!("This looks like the card's serial number, not its code.", "The code is under the scratch-off strip on the back of the card and contains letters as well as digits."),
        de: t!("Das sieht nach der Seriennummer der Karte aus, nicht nach dem Code.", "Der Code steht unter dem Rubbelfeld auf der Rückseite der Karte und enthält Buchstaben und Ziffern."),
    },
    Entry {
        key: "looks_like_order_number",
        en: t!("This looks like an order number, not a code.", "The code is on the card or in the email with the gift card, not in the order confirmation."),
        de: t!("Das sieht nach einer Bestellnummer aus, nicht nach einem Code.", "Der Code steht auf der Karte oder in der E-Mail mit der Geschenkkarte, nicht in der Bestellbestätigung."),
    },
    Entry {
        key: "wrong_code_type",
        en: t!("This looks like a {actual_term} code, not a {expected_term} code.", "Please enter it where {actual_term} codes are redeemed, or check that you took the right code."),
        de: t!("Das sieht nach einem Code für {actual_term} aus, nicht für {expected_term}.", "Bitte lösen Sie ihn dort ein, wo Codes für {actual_term} eingelöst werden, oder prüfen Sie, ob Sie den richtigen Code genommen haben."),
    },
    Entry {
        key: "wrong_code_type.other",
        en: t!("This code is of another kind than this field expects.", "Please redeem it where codes of its kind are redeemed."),
        de: t!("Dieser Code ist von anderer Art, als dieses Feld erwartet.", "Bitte lösen Sie ihn dort ein, wo Codes dieser Art eingelöst werden."),
    },
    Entry {
        key: "ambiguous_characters",
        en: t!("Some characters are easy to confuse: positions {actual}.", "This kind of code has no check characters, so please compare these positions with the card (0/O, 1/I, 5/S, 8/B, 2/Z)."),
        de: t!("Einige Zeichen sind leicht zu verwechseln: Stellen {actual}.", "Diese Art Code hat keine Prüfzeichen; bitte vergleichen Sie diese Stellen mit der Karte (0/O, 1/I, 5/S, 8/B, 2/Z)."),
    },
    Entry {
        key: "no_checksum",
        en: t!("This kind of code has no check characters, so only its format can be checked here.", "Whether it can be redeemed is decided when you submit it."),
        de: t!("Diese Art Code hat keine Prüfzeichen; hier lässt sich nur das Format prüfen.", "Ob er eingelöst werden kann, wird beim Absenden entschieden."),
    },
];

/// Names of code kinds, for `{expected_term}` and `{actual_term}`.
pub const TERMS: &[(&str, &str, &str)] = &[
    ("giftcard", "gift card", "Geschenkkarten"),
    ("credit", "courtesy credit", "Kulanzgutschriften"),
    ("claim", "claim", "Einlösecodes"),
    ("promo", "promotion", "Aktionscodes"),
    ("other", "other", "andere Codes"),
];

/// Looks up an entry by key; a `code.variant` key falls back to its base code.
pub fn entry(key: &str) -> Option<Entry> {
    FINDINGS.get(key).or_else(|| FINDINGS.get(crate::before(key, b'.')))
}

fn term(value: &str, locale: Locale) -> Option<&'static str> {
    TERMS.iter().find(|(k, _, _)| *k == value).map(|(_, en, de)| match locale {
        Locale::En => *en,
        Locale::De => *de,
    })
}

/// Fills `{…}` placeholders from a finding's fields. Unknown placeholders are left as they are.
pub fn render(template: &str, finding: &Finding, locale: Locale) -> String {
    let expected = finding.expected.as_deref();
    let actual = finding.actual.as_deref();
    render_with(
        template,
        &[
            ("position", finding.position.map(|p| Value::Number(p as u64 + 1))),
            ("expected", expected.map(Value::Text)),
            ("actual", actual.map(Value::Text)),
            ("expected_term", expected.and_then(|v| term(v, locale)).map(Value::Text)),
            ("actual_term", actual.and_then(|v| term(v, locale)).map(Value::Text)),
        ],
    )
}

/// The value of a placeholder, borrowed or a number: filling a template allocates only its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Text as it is.
    Text(&'a str),
    /// A number in decimal.
    Number(u64),
}

/// Fills `{name}` placeholders from `values` (name, value); placeholders without a value are left as
/// they are. The values are a list, not a lookup function: one copy of this code in the wasm module
/// instead of one per caller.
pub fn render_with(template: &str, values: &[(&str, Option<Value<'_>>)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // Split at the ASCII braces found bytewise: no char searcher, and `split_at_checked` has no
    // char-boundary panic (and its formatting code) to bring into the wasm module.
    while let Some((before, after)) = split_at_byte(rest, b'{') {
        out.push_str(before);
        let Some((name, next)) = split_at_byte(after, b'}') else {
            out.push('{');
            out.push_str(after);
            return out;
        };
        match values.iter().find(|(key, _)| *key == name).and_then(|(_, value)| *value) {
            Some(Value::Text(text)) => out.push_str(text),
            Some(Value::Number(n)) => write_decimal(&mut out, n),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

/// `text.split_once(byte)` for an ASCII byte.
fn split_at_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    let (before, from_byte) = text.split_at_checked(at)?;
    Some((before, from_byte.get(1..)?))
}

/// Sets a finding's message and hint from the catalog.
pub fn fill(finding: &mut Finding, locale: Locale) {
    if let Some(entry) = entry(finding.message_key) {
        let text = entry.text(locale);
        finding.message = render(text.message(), finding, locale);
        finding.hint = (!text.hint().is_empty()).then(|| render(text.hint(), finding, locale));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{FindingCode, Severity, ALL_CODES};

    #[test]
    fn every_finding_code_has_both_languages() {
        for code in ALL_CODES {
            let e = entry(code.code()).unwrap_or_else(|| panic!("no catalog entry for {}", code.code()));
            for locale in [Locale::En, Locale::De] {
                assert!(!e.text(locale).message().is_empty(), "{} {locale:?}", e.key);
            }
        }
        for e in FINDINGS.iter() {
            let base = e.key.split('.').next().unwrap();
            assert!(FindingCode::from_code(base).is_some(), "catalog key {} names no finding", e.key);
            assert_ne!(e.en.message(), e.de.message(), "{} is not translated", e.key);
        }
    }

    #[test]
    fn text_tables_give_back_each_text() {
        let table: &TextTable = &TextTable::new("emptyGrüße\u{1f}Hint", [5, 0, 7, 5]);
        let texts: Vec<_> = (0..table.len()).map(|i| table.get(i)).collect();
        assert_eq!(texts, ["empty", "", "Grüße", "\u{1f}Hint"]);
        assert_eq!((table.get(4), table.get(usize::MAX)), ("", ""));
        const CATALOG: Catalog = catalog![Entry { key: "a", en: t!("A", "hint"), de: t!("Ä", "") }];
        let catalog = CATALOG;
        let entry = catalog.get("a").unwrap();
        assert_eq!((entry.en.message(), entry.en.hint(), entry.de.message(), entry.de.hint()), ("A", "hint", "Ä", ""));
        assert_eq!((catalog.len(), catalog.get("b")), (1, None));
        assert_eq!(FINDINGS.iter().count(), FINDINGS.len());
    }

    #[test]
    #[should_panic(expected = "the lengths add up to the joined text")]
    fn text_tables_refuse_lengths_that_do_not_add_up() {
        let _ = TextTable::new("abc", [1, 1]);
    }

    #[test]
    #[should_panic(expected = "the lengths add up to the joined text")]
    fn text_tables_refuse_lengths_past_the_end() {
        let _ = TextTable::new("abc", [2, 2]);
    }

    #[test]
    #[should_panic(expected = "texts end on char boundaries")]
    fn text_tables_refuse_to_cut_a_character() {
        let _ = TextTable::new("ü", [1, 1]);
    }

    #[test]
    fn locales_follow_the_language_prefix() {
        assert_eq!(Locale::from_tag("de-AT"), Locale::De);
        assert_eq!(Locale::from_tag("DE"), Locale::De);
        assert_eq!(Locale::from_tag("de_CH"), Locale::De);
        assert_eq!(Locale::from_tag("en-GB"), Locale::En);
        assert_eq!(Locale::from_tag("fr"), Locale::En);
        assert_eq!(Locale::from_tag(""), Locale::En);
    }

    #[test]
    fn renders_placeholders_one_based() {
        let mut f = Finding::new(FindingCode::ChecksumMismatch, Severity::Error)
            .at(6)
            .expected("S")
            .actual("5")
            .variant("checksum_mismatch.located");
        fill(&mut f, Locale::De);
        assert_eq!(
            f.message,
            "Das Zeichen an Stelle 7 ist wahrscheinlich falsch: Eingegeben wurde „5“, passen würde „S“."
        );
        assert_eq!(f.hint.as_deref(), Some("Bitte prüfen Sie Stelle 7 auf der Karte."));
        let mut w = Finding::new(FindingCode::WrongCodeType, Severity::Error).expected("giftcard").actual("credit");
        fill(&mut w, Locale::En);
        assert_eq!(w.message, "This looks like a courtesy credit code, not a gift card code.");
        assert_eq!(render("{nope} {", &w, Locale::En), "{nope} {");
    }
}
