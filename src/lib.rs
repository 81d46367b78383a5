#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// The browser build leaves out the standard library (its panic reporting, thread-local and once
// machinery: 1.1 KB gzip of the module, measured). Native builds (the default `std` feature) are
// unchanged.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

/// What the standard prelude would bring, from `alloc`, for the `no_std` build.
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
    pub use alloc::{format, vec};

    pub(crate) use crate::{words, Words};
}

mod once;

pub mod alphabet;
pub mod checksum;
pub mod date;
pub mod expiry;
pub mod explain;
pub mod finding;
pub mod generate;
pub mod json;
pub mod messages;
pub mod normalize;
mod read;
pub mod region;
pub mod scheme;
pub mod sha256;
pub mod suggest;
pub mod support;
pub mod typing;
pub mod validate;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use finding::{Finding, FindingCode, Severity};
pub use json::{Json, JsonError, ToJson};
pub use messages::Locale;
pub use scheme::{Registry, Scheme, SchemeDefinition, SchemeError};
pub use suggest::{Edit, EditKind, Suggestion};
pub use validate::{validate, CheckOptions, OptionsError, Status, Validation};

/// Messages are built with this, not `format!`, which would bring `core::fmt` into the
/// size-optimised browser build (measured: the module 2.8 KB gzip smaller):
/// `words("codes of ").num(n).add(" symbols").done()`. Appending in place is also smaller in that
/// build than joining a list of parts with a `decimal` string per number (0.25 KB gzip).
#[inline(never)]
pub(crate) fn words(first: &str) -> prelude::String {
    prelude::String::from(first)
}

/// The appending half of [`words`]. `words`, `add` and `num` are kept out of line: inlined into each
/// message they made the module 0.1 KB larger (`done` is one move and stays inline).
pub(crate) trait Words {
    /// Appends text.
    fn add(&mut self, text: &str) -> &mut Self;
    /// Appends a number in decimal.
    fn num(&mut self, value: usize) -> &mut Self;
    /// The text, taken out.
    fn done(&mut self) -> prelude::String;
}

impl Words for prelude::String {
    #[inline(never)]
    fn add(&mut self, text: &str) -> &mut Self {
        self.push_str(text);
        self
    }

    #[inline(never)]
    fn num(&mut self, value: usize) -> &mut Self {
        json::write_decimal(self, value as u64);
        self
    }

    fn done(&mut self) -> prelude::String {
        core::mem::take(self)
    }
}

/// The items with `separator` between them (`join` for the few lists messages name, without the
/// standard library's generic joining code).
pub(crate) fn join<S: AsRef<str>>(items: &[S], separator: &str) -> prelude::String {
    let mut out = prelude::String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// Appends `item` to a comma-separated list (`a, b, c`), for lists of non-empty items built in a
/// loop without collecting them first.
pub(crate) fn push_listed(list: &mut prelude::String, item: &str) {
    if !list.is_empty() {
        list.push_str(", ");
    }
    list.push_str(item);
}

/// The text before the first `stop` byte (all of it when there is none). `stop` is ASCII, so the
/// cut is a character boundary. A byte rather than a closure: one function in the module instead of
/// one per caller.
// Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
#[inline(never)]
pub(crate) fn before(text: &str, stop: u8) -> &str {
    let end = text.bytes().position(|b| b == stop).unwrap_or(text.len());
    text.get(..end).unwrap_or(text)
}

/// Characters in `text`: a byte count of the non-continuation bytes (the standard library's
/// `chars().count()` is a larger SIMD-style routine).
pub(crate) fn char_count(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Byte offset of the character at `index` (counting from 0), or `None` when `text` has no more
/// than `index` characters: `char_indices().nth(index)` as one small loop for the wasm module.
pub(crate) fn char_offset(text: &str, index: usize) -> Option<usize> {
    let mut seen = 0;
    for (at, &b) in text.as_bytes().iter().enumerate() {
        if (b as i8) >= -0x40 {
            // a character starts here (not a UTF-8 continuation byte)
            if seen == index {
                return Some(at);
            }
            seen += 1;
        }
    }
    None
}

/// The symbols as text (one loop for every place that turns symbols back into a string).
pub(crate) fn text_of(symbols: &[char]) -> prelude::String {
    let mut out = prelude::String::with_capacity(symbols.len());
    for &c in symbols {
        out.push(c);
    }
    out
}

/// Unicode `White_Space`, as `char::is_whitespace`, listed out: the standard library looks
/// non-ASCII characters up in a table whose code is larger than this match in the wasm module.
pub(crate) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// `text` without leading and trailing whitespace (as `str::trim`, whose pattern searchers are
/// several times the size of this loop in the wasm module).
pub(crate) fn trim(text: &str) -> &str {
    let start = text.char_indices().find(|&(_, c)| !is_whitespace(c)).map_or(text.len(), |(at, _)| at);
    trim_end(text.get(start..).unwrap_or_default())
}

/// `text` without trailing whitespace (as `str::trim_end`; see [`trim`]). Read forwards: decoding
/// backwards would bring a second UTF-8 decoder into the module.
pub(crate) fn trim_end(text: &str) -> &str {
    let mut end = 0;
    for (at, c) in text.char_indices() {
        if !is_whitespace(c) {
            end = at + c.len_utf8();
        }
    }
    text.get(..end).unwrap_or_default()
}

/// `name[i]`: the path of a list item, for messages that name a field.
pub(crate) fn item_path(name: &str, i: usize) -> prelude::String {
    words(name).add("[").num(i).add("]").done()
}

/// Stable insertion sort for the handful of items claimcheck sorts (lengths, fields, candidates): a
/// fraction of the size of the standard library's sorts in the browser bundle.
// Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
#[inline(never)]
pub(crate) fn sort_small<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// `x.round()` for the non-negative numbers claimcheck rounds (confidences, weights); negative
/// numbers give 0. `f64::round` needs the standard library.
pub(crate) fn round_non_negative(x: f64) -> f64 {
    let whole = x as u64 as f64; // truncates; NaN and negatives become 0
    if x - whole >= 0.5 {
        whole + 1.0
    } else {
        whole
    }
}

/// The library version (from Cargo.toml).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

// A free-list allocator a fraction of dlmalloc's size; the page is single-threaded.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without atomics runs claimcheck on one thread only.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Without the standard library a panic has nowhere to be reported: stop the module, as
/// `panic = "abort"` does in the `std` build. claimcheck's code does not panic on any input.
#[cfg(all(not(feature = "std"), target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(test)]
mod tests {
    use super::Words;

    const TEXTS: [&str; 8] = ["", "a", "de-AT", "x_y-z", "ä.ö.ü", "🎁-🎁", "\u{2028}.", "code.variant.more"];

    #[test]
    fn text_helpers_agree_with_the_standard_library() {
        for text in TEXTS {
            assert_eq!(super::char_count(text), text.chars().count(), "{text:?}");
            for index in 0..=text.chars().count() + 1 {
                assert_eq!(super::char_offset(text, index), text.char_indices().nth(index).map(|(at, _)| at));
            }
            assert_eq!(super::before(text, b'.'), text.split('.').next().unwrap(), "{text:?}");
            assert_eq!(super::before(super::before(text, b'-'), b'_'), text.split(['-', '_']).next().unwrap());
        }
        for n in 0..TEXTS.len() {
            assert_eq!(super::join(&TEXTS[..n], ", "), TEXTS[..n].join(", "));
            let owned: Vec<String> = TEXTS[..n].iter().map(|t| t.to_string()).collect();
            assert_eq!(super::join(&owned, ""), owned.concat());
        }
        assert_eq!(super::words("a").add("").add("bc").add("ä").done(), "abcä");
        assert_eq!(super::words("").num(0).add(" < ").num(usize::MAX).done(), format!("0 < {}", usize::MAX));
        let mut taken = super::words("x");
        assert_eq!(taken.num(42).done(), "x42");
        assert_eq!(taken, "", "done() takes the text out");
        assert_eq!(super::item_path("fields", 12), "fields[12]");
        let mut list = String::new();
        for item in ["a", "bc", "ä"] {
            super::push_listed(&mut list, item);
        }
        assert_eq!(list, "a, bc, ä");
        let chars: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
        assert_eq!(super::text_of(&super::join(&chars, "").chars().collect::<Vec<_>>()), chars.concat());
    }

    #[test]
    fn trimming_agrees_with_the_standard_library() {
        let spaces = [" ", "\t", "\n", "\u{a0}", "\u{2028}", "\u{3000}", "\u{200b}", ""];
        for text in TEXTS.iter().chain(&["  ", "\u{a0}x\u{3000}", " a b "]) {
            for before in spaces {
                for after in spaces {
                    let padded = [before, text, after].concat();
                    assert_eq!(super::trim(&padded), padded.trim(), "{padded:?}");
                    assert_eq!(super::trim_end(&padded), padded.trim_end(), "{padded:?}");
                }
            }
        }
    }

    #[test]
    fn whitespace_is_the_standard_librarys_for_every_character() {
        let mut spaces = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(super::is_whitespace(c), c.is_whitespace(), "U+{:04X}", u32::from(c));
            spaces += usize::from(c.is_whitespace());
        }
        assert_eq!(spaces, 25, "Unicode's White_Space property");
    }

    #[test]
    fn round_non_negative_agrees_with_round() {
        for x in [0.0, 0.49999999999999994, 0.5, 1.5, 2.5, 12.345 * 100.0, 999.5, 1e15 + 0.5] {
            assert_eq!(super::round_non_negative(x), x.round(), "{x}");
        }
        for i in 0..=100_000u32 {
            let x = f64::from(i) / 977.0;
            assert_eq!(super::round_non_negative(x), x.round(), "{x}");
        }
        assert_eq!(super::round_non_negative(-0.7), 0.0);
        assert_eq!(super::round_non_negative(f64::NAN), 0.0);
    }
}
