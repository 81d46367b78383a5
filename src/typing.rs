//! As-you-type formatting: the grouped display of what has been typed so far, with the caret moved
//! through the separators claimcheck inserts or removes, and the status (`incomplete` while a valid
//! continuation exists, never an error for a correct prefix).
//!
//! Carets count UTF-16 code units, as `selectionStart` in the browser does; the display is grouped with
//! `-`. The caret stays after the same code symbol it followed in the input, so typing, deleting and
//! pasting in the middle keep it where the person expects.

use crate::prelude::*;

use crate::finding::FindingCode;
use crate::json::{JsonWriter, Key, ToJson};
use crate::scheme::Registry;
use crate::validate::{CheckOptions, OptionsError, Status, Validation};

/// The field's new content after a keystroke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typing {
    /// What the field should show, grouped (`DE9N-8GUZ-WH`).
    pub display: String,
    /// Where the caret goes in `display` (UTF-16 code units).
    pub caret: usize,
    /// The status of what has been typed (`incomplete` while a valid continuation exists).
    pub status: Status,
}

impl ToJson for Typing {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Display, &self.display);
        w.field_uint(Key::Caret, self.caret);
        w.field_str(Key::Status, self.status.code());
        w.end_object();
    }
}

impl Registry {
    /// Formats `input` for display while it is being typed; `caret` is the caret in `input` (UTF-16
    /// code units; values past the end mean the end).
    pub fn format_as_you_type(
        &self,
        input: &str,
        caret: usize,
        options: &CheckOptions,
    ) -> Result<Typing, OptionsError> {
        let v = self.validate(input, options)?;
        Ok(typing_of(&v, caret))
    }
}

/// [`Registry::format_as_you_type`] with the built-in schemes.
pub fn format_as_you_type(input: &str, caret: usize, options: &CheckOptions) -> Result<Typing, OptionsError> {
    crate::scheme::builtin_registry().format_as_you_type(input, caret, options)
}

// Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
#[inline(never)]
fn typing_of(v: &Validation, caret: usize) -> Typing {
    if v.finding(FindingCode::InputTooLong).is_some() {
        // Refused before normalisation (too long): leave the field as it is.
        let caret = caret.min(v.input.encode_utf16().count());
        return Typing { display: v.input.clone(), caret, status: v.status };
    }
    let symbols_before = symbols_before_caret(v, caret);
    Typing { display: v.display.clone(), caret: display_caret(&v.display, symbols_before), status: v.status }
}

/// How many code symbols of the input lie before the caret: the characters before it that
/// normalisation kept (it removes separators and invisibles and maps every other character to one).
fn symbols_before_caret(v: &Validation, caret: usize) -> usize {
    let mut removed = v.changes.iter().filter(|c| c.to.is_none()).map(|c| c.position);
    let mut next_removed = removed.next();
    let (mut units, mut kept) = (0, 0);
    for (index, c) in v.input.chars().enumerate() {
        if units >= caret {
            break;
        }
        units += c.len_utf16();
        while next_removed.is_some_and(|p| p < index) {
            next_removed = removed.next();
        }
        if next_removed == Some(index) {
            next_removed = removed.next();
        } else {
            kept += 1;
        }
    }
    kept
}

/// The caret position in `display` right after its `symbols`-th symbol (0: the start).
fn display_caret(display: &str, symbols: usize) -> usize {
    if symbols == 0 {
        return 0;
    }
    let (mut units, mut seen) = (0, 0);
    for c in display.chars() {
        units += c.len_utf16();
        if c != '-' {
            seen += 1;
            if seen == symbols {
                return units;
            }
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(input: &str, caret: usize) -> (String, usize, Status) {
        let t = format_as_you_type(input, caret, &CheckOptions::default()).unwrap();
        (t.display, t.caret, t.status)
    }

    #[test]
    fn typing_at_the_end_inserts_separators_after_the_caret_moves() {
        assert_eq!(typed("DE9N", 4), ("DE9N".into(), 4, Status::Incomplete));
        assert_eq!(typed("DE9N8", 5), ("DE9N-8".into(), 6, Status::Incomplete));
        assert_eq!(typed("de9n-8guz-w", 11), ("DE9N-8GUZ-W".into(), 11, Status::Incomplete));
        assert_eq!(typed("DE9N-8GUZ-WH27-9LUF", 19), ("DE9N-8GUZ-WH27-9LUF".into(), 19, Status::Valid));
    }

    #[test]
    fn deleting_keeps_the_caret_after_the_same_symbol() {
        // Backspace at the end of "DE9N-8": the separator before the caret goes with the symbol.
        assert_eq!(typed("DE9N-", 5), ("DE9N".into(), 4, Status::Incomplete));
        // Backspace over the separator in the middle: the grouping comes back, the caret stays after N.
        assert_eq!(typed("DE9N8GUZ", 4), ("DE9N-8GUZ".into(), 4, Status::Incomplete));
        // Delete a symbol in the middle: everything after it regroups.
        assert_eq!(typed("DE9-8GUZ-WH27", 3), ("DE98-GUZW-H27".into(), 3, Status::Incomplete));
    }

    #[test]
    fn pasting_in_the_middle_puts_the_caret_after_the_pasted_text() {
        // "DE9N-|WH27" with "8guz" pasted at the caret (index 5) → caret after Z.
        assert_eq!(typed("DE9N-8guzWH27", 9), ("DE9N-8GUZ-WH27".into(), 9, Status::Incomplete));
        // Pasted with spaces and a zero-width space: those are removed and not counted.
        assert_eq!(typed("DE9N 8G\u{200B}UZ WH27", 11), ("DE9N-8GUZ-WH27".into(), 9, Status::Incomplete));
    }

    #[test]
    fn carets_count_utf16_units_and_are_clamped() {
        // A full-width Ｄ is one UTF-16 unit; an emoji is two.
        assert_eq!(typed("ＤE9N8", 5).1, 6);
        let (display, caret, status) = typed("😀DE", 2);
        assert_eq!((display.as_str(), caret, status), ("😀DE", 2, Status::Invalid));
        assert_eq!(typed("DE9N8GUZ", 999).1, 9);
        assert_eq!(typed("", 3), (String::new(), 0, Status::Incomplete));
    }

    #[test]
    fn input_refused_as_too_long_is_left_alone() {
        let long = "A".repeat(300);
        let (display, caret, status) = typed(&long, 300);
        assert_eq!((display.len(), caret, status), (300, 300, Status::Invalid));
    }
}
