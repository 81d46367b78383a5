#![no_main]
//! formatAsYouType with arbitrary input and caret: the caret always lies inside the display.

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [selector, c0, c1, rest @ ..] = data else { return };
    let caret = usize::from(*c0) << 8 | usize::from(*c1);
    let input = String::from_utf8_lossy(rest);
    let t = claimcheck::typing::format_as_you_type(&input, caret, &common::options(*selector)).unwrap();
    assert!(t.caret <= t.display.encode_utf16().count(), "caret {} beyond {:?}", t.caret, t.display);
});
