//! The hot part of claimcheck's result writer (`claimcheck::json::JsonWriter`): appending to the
//! output bytes. A crate of its own so that it keeps its own `opt-level` in the browser build, whose
//! other code is compiled for size: stable Rust sets the level per crate, and LTO keeps each
//! function's level. Every `validate` result goes through these functions on every keystroke.
#![no_std]

extern crate alloc;

use alloc::vec::Vec;

/// The output and the writer's state.
#[derive(Debug, Default)]
pub struct Out {
    /// What has been written.
    pub bytes: Vec<u8>,
    /// True right after `{`, `[`, a key, or at the start: the next value needs no comma.
    pub fresh: bool,
    /// Writing the tape (no commas, keys as characters) instead of JSON.
    pub tape: bool,
}

impl Out {
    /// A comma before a value unless one is not needed (or the tape is written).
    pub fn separate(&mut self) {
        if !self.fresh && !self.tape {
            self.bytes.push(b',');
        }
        self.fresh = false;
    }

    /// `{` or `[` as a value.
    pub fn open(&mut self, bracket: u8) {
        self.separate();
        self.bytes.push(bracket);
        self.fresh = true;
    }

    /// `}` or `]`.
    pub fn close(&mut self, bracket: u8) {
        self.bytes.push(bracket);
        self.fresh = false;
    }

    /// A member key: in the tape its character, in JSON its name (needing no escapes) and `:`.
    pub fn key(&mut self, character: u8, name: &str) {
        self.separate();
        if self.tape {
            self.bytes.push(character);
        } else {
            self.bytes.push(b'"');
            self.bytes.extend_from_slice(name.as_bytes());
            self.bytes.extend_from_slice(b"\":");
        }
        self.fresh = true;
    }

    /// In the tape, a member whose value is a short ASCII string in one piece: its key character, the
    /// length in two digits and `,`, then the text. False (nothing written) for any other value.
    pub fn tape_short_member(&mut self, character: u8, value: &str) -> bool {
        if !(self.tape && value.len() < 100 && value.is_ascii()) {
            return false;
        }
        let head = [character, b'0' + (value.len() / 10) as u8, b'0' + (value.len() % 10) as u8, b','];
        self.bytes.extend_from_slice(&head);
        self.bytes.extend_from_slice(value.as_bytes());
        self.fresh = false;
        true
    }

    /// The decimal digits of `value`, after `-` when `negative`.
    pub fn decimal(&mut self, negative: bool, value: u64) {
        if negative {
            self.bytes.push(b'-');
        }
        self.bytes.extend_from_slice(digits(value, &mut [0; 20]));
    }
}

/// The decimal digits of `value`, written at the end of `buffer`.
pub fn digits(mut value: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    buffer.get(at..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use alloc::string::ToString;

    fn out(tape: bool) -> Out {
        Out { bytes: Vec::new(), fresh: true, tape }
    }

    #[test]
    fn digits_agree_with_the_standard_library() {
        let mut values = alloc::vec![0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX - 1, u64::MAX];
        values.extend((0..64).map(|shift| 1u64 << shift));
        for value in values {
            assert_eq!(digits(value, &mut [0; 20]), value.to_string().as_bytes(), "{value}");
        }
        let mut o = out(false);
        o.decimal(true, 42);
        assert_eq!(o.bytes, b"-42");
    }

    #[test]
    fn json_gets_commas_and_quoted_keys_the_tape_neither() {
        for (tape, expected) in [(false, &br#"{"a":[1,2],"b":{}}"#[..]), (true, &b"{#[12]${}}"[..])] {
            let mut o = out(tape);
            o.open(b'{');
            o.key(b'#', "a");
            o.open(b'[');
            for n in [1, 2] {
                o.separate();
                o.decimal(false, n);
            }
            o.close(b']');
            o.key(b'$', "b");
            o.open(b'{');
            o.close(b'}');
            o.close(b'}');
            assert_eq!(o.bytes, expected, "tape: {tape}");
        }
    }

    #[test]
    fn a_short_member_is_one_piece_only_for_short_ascii_text_in_the_tape() {
        let mut o = out(true);
        assert!(o.tape_short_member(b'#', "DE9N"));
        assert!(o.tape_short_member(b'$', ""));
        assert_eq!(o.bytes, b"#04,DE9N$00,");
        assert!(!o.fresh);
        let long = "A".repeat(100);
        for refused in ["Größe", long.as_str()] {
            assert!(!o.tape_short_member(b'%', refused));
        }
        assert!(!out(false).tape_short_member(b'#', "DE9N"));
        assert_eq!(o.bytes, b"#04,DE9N$00,", "nothing written when refused");
    }
}
