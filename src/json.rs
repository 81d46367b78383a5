//! A small JSON reader and writer, just what claimcheck needs: scheme definitions in, results and
//! diagnostics out.
//!
//! Why not serde: measured in the browser build, serde + serde_json cost about 30 KB gzip (the
//! deserialiser, its error machinery and float formatting), more than the whole validation engine.
//! Numbers are whole numbers only (no definition or result needs fractions), which keeps float parsing
//! and printing out of the `.wasm`. Output is compact, keys in the order written, and byte-for-byte
//! deterministic, so it can be hashed.

use crate::messages::TextTable;
use crate::prelude::*;
use claimcheck_out::{digits, Out};

/// Nesting deeper than this is rejected (no definition needs it; it bounds the recursion).
const MAX_DEPTH: usize = 32;

/// A parsed JSON value. Objects keep their keys in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A whole number that fits in an `i64`.
    Int(i64),
    /// A number with a fraction or exponent, or too large for an `i64` (kept as written).
    OtherNumber(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in document order (duplicates are rejected when parsing).
    Object(Vec<(String, Json)>),
}

/// Nesting deeper than claimcheck reads (32 levels), where the position is not known: what JSON
/// another parser read but [`Json::from_tape`] refused has.
pub const TOO_DEEP: JsonError = JsonError { line: 0, column: 0, message: "nested too deeply" };

/// Where and why a text is not JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What was wrong.
    pub message: &'static str,
}

/// The messages of errors that mean the text stopped early (the rest may be valid JSON).
const END_OF_TEXT: &str = "unexpected end of text";
const UNTERMINATED_STRING: &str = "unterminated string";

impl JsonError {
    /// True when the text ended before the value did: a cut-off document rather than a bad one.
    pub fn is_truncation(&self) -> bool {
        self.message == END_OF_TEXT || self.message == UNTERMINATED_STRING
    }

    /// The error in words, with its line and column (line 0: the position is not known, and the
    /// message says it all).
    pub fn describe(&self) -> String {
        if self.line == 0 {
            return self.message.into();
        }
        words("not valid JSON at line ")
            .num(self.line)
            .add(" column ")
            .num(self.column)
            .add(": ")
            .add(self.message)
            .done()
    }
}

impl core::fmt::Display for JsonError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl core::error::Error for JsonError {}

impl Json {
    /// Parses a complete JSON text (one value, surrounding whitespace allowed). A leading byte
    /// order mark, which Windows tools save UTF-8 files with, is skipped (RFC 8259 §8.1 allows
    /// that); lines and columns in errors are counted after it, as an editor shows the text.
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut parser = Parser { source: text, text: text.as_bytes(), at: 0 };
        let value = parser.value(0)?;
        parser.skip_space();
        if parser.at < parser.text.len() {
            return Err(parser.error("unexpected text after the value"));
        }
        Ok(value)
    }

    /// The value of `key` when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The member `key` unless it is missing or `null`: JSON's two ways of leaving out an optional
    /// field.
    pub fn present(&self, key: &str) -> Option<&Json> {
        self.get(key).filter(|v| !matches!(v, Json::Null))
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The whole number, when this is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// The elements, when this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, when this is an object.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// What kind of value this is, for error messages ("a string", "an array", …).
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Int(_) | Json::OtherNumber(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Compact JSON text of this value.
    pub fn to_json(&self) -> String {
        let mut w = JsonWriter::new();
        self.write(&mut w);
        w.finish()
    }

    fn write(&self, w: &mut JsonWriter) {
        match self {
            Json::Null => w.null(),
            Json::Bool(b) => w.bool(*b),
            Json::Int(n) => w.int(*n),
            Json::OtherNumber(raw) => w.number_text(raw),
            Json::String(s) => w.string(s),
            Json::Array(items) => {
                w.begin_array();
                for item in items {
                    item.write(w);
                }
                w.end_array();
            }
            Json::Object(members) => {
                w.begin_object();
                for (k, v) in members {
                    w.key(k);
                    v.write(w);
                }
                w.end_object();
            }
        }
    }
}

impl Json {
    /// The value a tape of JSON values holds, as the JavaScript binding writes it after `JSON.parse`
    /// (`tapeOf` in `src/wasm.js`), or `None` for a tape that is not one: `n`, `t`, `f`; `d`, a
    /// number as JavaScript writes it, and `;`; `s`, the string's length in UTF-8 bytes, `;` and the
    /// string; `[` values `]`; `{` keys and values `}`. The browser module reads JSON this way and
    /// carries no JSON parser: JavaScript has one.
    pub fn from_tape(tape: &str) -> Option<Json> {
        let mut rest = tape;
        let value = tape_value(&mut rest, 0)?;
        rest.is_empty().then_some(value)
    }

    /// The tape of this value, as `tapeOf` in `src/wasm.js` writes it for the value `JSON.parse`
    /// gives (numbers as written here; JavaScript writes them its own way): for tests of
    /// [`Json::from_tape`] outside a browser.
    pub fn to_tape(&self) -> String {
        let mut tape = String::new();
        self.append_tape(&mut tape);
        tape
    }

    fn append_tape(&self, tape: &mut String) {
        match self {
            Json::Null => tape.push('n'),
            Json::Bool(b) => tape.push(if *b { 't' } else { 'f' }),
            Json::Int(_) | Json::OtherNumber(_) => {
                tape.push('d');
                tape.push_str(&self.to_json());
                tape.push(';');
            }
            Json::String(s) => {
                tape.push('s');
                tape.push_str(&decimal(s.len() as u64));
                tape.push(';');
                tape.push_str(s);
            }
            Json::Array(items) => {
                tape.push('[');
                for item in items {
                    item.append_tape(tape);
                }
                tape.push(']');
            }
            Json::Object(members) => {
                tape.push('{');
                for (key, value) in members {
                    Json::String(key.clone()).append_tape(tape);
                    value.append_tape(tape);
                }
                tape.push('}');
            }
        }
    }
}

fn tape_value(rest: &mut &str, depth: usize) -> Option<Json> {
    let tag = *rest.as_bytes().first()?;
    *rest = rest.get(1..)?;
    match tag {
        b'n' => Some(Json::Null),
        b't' | b'f' => Some(Json::Bool(tag == b't')),
        b'[' | b'{' if depth < MAX_DEPTH => {
            let close = tag + 2; // `]` and `}` follow `[` and `{` two apart in ASCII
            let (mut items, mut members) = (Vec::new(), Vec::new());
            while *rest.as_bytes().first()? != close {
                let value = tape_value(rest, depth + 1)?;
                match value {
                    Json::String(key) if tag == b'{' => members.push((key, tape_value(rest, depth + 1)?)),
                    _ if tag == b'{' => return None,
                    _ => items.push(value),
                }
            }
            *rest = rest.get(1..)?;
            Some(if tag == b'[' { Json::Array(items) } else { Json::Object(members) })
        }
        b'd' | b's' => {
            let head = crate::before(rest, b';');
            *rest = rest.get(head.len() + 1..)?;
            if tag == b'd' {
                return Some(parse_i64(head).map_or_else(|| Json::OtherNumber(head.to_owned()), Json::Int));
            }
            let text = rest.get(..usize::try_from(parse_i64(head)?).ok()?)?;
            *rest = rest.get(text.len()..)?;
            Some(Json::String(text.to_owned()))
        }
        _ => None,
    }
}

struct Parser<'a> {
    /// The text, for slices that become strings; `text` is the same as bytes.
    source: &'a str,
    text: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &'static str) -> JsonError {
        let before = &self.text[..self.at.min(self.text.len())];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        let column = before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        JsonError { line, column, message }
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.text.get(self.at) {
            self.at += 1;
        }
    }

    fn expect_word(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.text[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_space();
        match self.text.get(self.at) {
            None => Err(self.error(END_OF_TEXT)),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect_word("true", Json::Bool(true)),
            Some(b'f') => self.expect_word("false", Json::Bool(false)),
            Some(b'n') => self.expect_word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut members: Vec<(String, Json)> = Vec::new();
        self.skip_space();
        if self.text.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.text.get(self.at) != Some(&b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key_at = self.at;
            let key = self.string()?;
            if members.iter().any(|(k, _)| *k == key) {
                self.at = key_at;
                return Err(self.error("duplicate key"));
            }
            self.skip_space();
            if self.text.get(self.at) != Some(&b':') {
                return Err(self.error("expected ':' after the key"));
            }
            self.at += 1;
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_space();
            match self.text.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.text.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.text.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.text[self.at] == b'-' {
            self.at += 1;
        }
        let digits_start = self.at;
        self.skip_digits();
        let int_digits = self.at - digits_start;
        if int_digits == 0 {
            return Err(self.error("expected a digit"));
        }
        if int_digits > 1 && self.text[digits_start] == b'0' {
            self.at = digits_start;
            return Err(self.error("numbers must not start with 0"));
        }
        let mut whole = true;
        if self.text.get(self.at) == Some(&b'.') {
            whole = false;
            self.at += 1;
            if self.skip_digits() == 0 {
                return Err(self.error("expected a digit after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.text.get(self.at) {
            whole = false;
            self.at += 1;
            if let Some(b'+' | b'-') = self.text.get(self.at) {
                self.at += 1;
            }
            if self.skip_digits() == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        // The slice is ASCII by construction.
        let raw = self.source.get(start..self.at).unwrap_or_default();
        Ok(match (whole, parse_i64(raw)) {
            (true, Some(n)) => Json::Int(n),
            _ => Json::OtherNumber(raw.to_owned()),
        })
    }

    fn skip_digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.text.get(self.at) {
            self.at += 1;
        }
        self.at - start
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        // Unescaped text is copied in runs; a run ends at an ASCII byte, so on a char boundary.
        let mut run_start = self.at;
        loop {
            let Some(&byte) = self.text.get(self.at) else {
                return Err(self.error(UNTERMINATED_STRING));
            };
            if byte == b'"' || byte == b'\\' {
                out.push_str(self.source.get(run_start..self.at).unwrap_or_default());
            }
            match byte {
                b'"' => {
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.at += 1;
                    let escaped = match self.text.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err(self.error("unknown escape")),
                    };
                    self.at += 1;
                    out.push(escaped);
                    run_start = self.at;
                }
                0..=0x1f => return Err(self.error("control character in a string")),
                _ => self.at += 1,
            }
        }
    }

    /// Reads `uXXXX` (and a following `\uXXXX` low surrogate); leaves `at` on the last hex digit.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if self.text.get(self.at + 1..self.at + 3) != Some(b"\\u") {
                return Err(self.error("lone surrogate in \\u escape"));
            }
            self.at += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.error("lone surrogate in \\u escape"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.error("lone surrogate in \\u escape"))
    }

    /// Reads four hex digits after `at` (which is on the `u`); leaves `at` on the last one.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut value = 0;
        for _ in 0..4 {
            self.at += 1;
            let digit = match self.text.get(self.at) {
                Some(&b) => (b as char).to_digit(16),
                None => None,
            };
            value = value * 16 + digit.ok_or_else(|| self.error("expected four hex digits after \\u"))?;
        }
        Ok(value)
    }
}

/// A decimal integer (optional `-`, digits only; `""` reads as 0), without `core`'s `FromStr`.
pub(crate) fn parse_i64(raw: &str) -> Option<i64> {
    let (negative, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let mut value: i64 = 0;
    for b in digits.bytes() {
        let digit = i64::from(b.checked_sub(b'0').filter(|d| *d < 10)?);
        // A range check instead of `checked_mul`, which the wasm build lowers to a 128-bit multiply.
        if !(i64::MIN / 10..=i64::MAX / 10).contains(&value) {
            return None;
        }
        value = (value * 10).checked_add(if negative { -digit } else { digit })?;
    }
    Some(value)
}

/// `keys! { Status = "status", … }`: the [`Key`] enum and its names, joined into one [`TextTable`]
/// when compiling.
macro_rules! keys {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// A member name claimcheck writes. Results name their members by variant rather than by
        /// text, so that the compact form the JS binding reads ([`JsonWriter::tape`]) sends one
        /// character per member instead of its name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)] // each variant is its name
        pub enum Key {
            $($variant),*
        }

        const KEY_NAMES: &TextTable = &TextTable::new(concat!($($name),*), [$($name.len()),*]);
        const _: () = assert!([$($name),*].len() <= (b'}' - FIRST_KEY) as usize, "each key needs a character");
    };
}

keys! {
    Actual = "actual", Alphabet = "alphabet", At = "at", Attempts = "attempts", Builtin = "builtin",
    CardSerial = "cardSerial", Caret = "caret", Catalog = "catalog", Causes = "causes", Changes = "changes",
    Checksum = "checksum", ClientStatus = "clientStatus", Code = "code", Confidence = "confidence",
    ContactSupport = "contactSupport", CreatedAt = "createdAt", Display = "display", Edits = "edits",
    Environment = "environment", Error = "error", Expected = "expected", ExpiresOn = "expiresOn", Fields = "fields",
    Findings = "findings", From = "from", Groups = "groups", Hint = "hint", HttpStatus = "httpStatus", Id = "id",
    Input = "input", IssueEpoch = "issueEpoch", IssuedOn = "issuedOn", Json = "json", Kind = "kind",
    Length = "length", Lengths = "lengths", Library = "library", Locale = "locale", Marketplace = "marketplace",
    Marketplaces = "marketplaces", MaxLength = "maxLength", Message = "message", MinLength = "minLength",
    Name = "name", Normalized = "normalized", Ok = "ok", OrderNumber = "orderNumber", Package = "package",
    Position = "position", Reason = "reason", Reference = "reference", Region = "region", Regions = "regions",
    Request = "request", Retry = "retry", Schema = "schema", Scheme = "scheme", Schemes = "schemes",
    ServerCode = "serverCode", ServerMessage = "serverMessage", Severity = "severity", Start = "start",
    Status = "status", Steps = "steps", Suggestions = "suggestions", Text = "text", TimeZone = "timeZone",
    Title = "title", To = "to", UserAgent = "userAgent", Validation = "validation", ValidityDays = "validityDays",
    Version = "version",
}

impl Key {
    /// The member name (`"issuedOn"`).
    pub fn name(self) -> &'static str {
        KEY_NAMES.get(self as usize)
    }

    /// The name of the key at `index` in declaration order (the tape's numbering), if there is one.
    pub fn name_at(index: usize) -> Option<&'static str> {
        (index < KEY_NAMES.len()).then(|| KEY_NAMES.get(index))
    }
}

/// The tape's first key character: keys are `#` (35) onwards, below `}`, which ends an object.
const FIRST_KEY: u8 = b'#';

/// Writes compact JSON. Values written after a key belong to it; commas are placed automatically.
///
/// Writes bytes, not chars: the size-optimised wasm build calls `String::push` out of line for every
/// character, and a result is written on every keystroke. Only whole `str`s and ASCII are written,
/// so the bytes are always UTF-8.
///
/// [`JsonWriter::tape`] writes the same values in a compact form for the JS binding instead: a
/// result crosses into JS on every keystroke, and `JSON.parse` took a fifth of each call there
/// (measured in Node: 0.55 µs of `validate`'s 2.4 µs; 3 µs of 9.6 with a typo's suggestions).
#[derive(Debug, Default)]
pub struct JsonWriter {
    /// The bytes and the state (`claimcheck-out`: compiled for speed in the browser build too).
    w: Out,
}

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> JsonWriter {
        JsonWriter { w: Out { bytes: Vec::with_capacity(1024), fresh: true, tape: false } }
    }

    /// An empty writer of the binding's tape: the same values as JSON, in a form that JS reads about
    /// twice as fast as `JSON.parse` reads JSON (`readTape` in `src/wasm.js`, which is its
    /// definition). A value is a string (its length in UTF-16 units in decimal, which may start with
    /// a zero, `,`, the text as it is), a
    /// number (`d`, the number as JSON writes it, `;`), `t`, `f`, `n` (null), an array (`[` values
    /// `]`) or an object (`{`, then per member its [`Key`] as one character from `#` on, or `"` and
    /// the name as a string, and the value, then `}`); instead of a result, `e` and a string is the
    /// message of an error ([`JsonWriter::error`]). With `key_names`, the tape starts with the
    /// names of the keys in order: `!`, each name and `,`, then a line break.
    pub fn tape(key_names: bool) -> JsonWriter {
        JsonWriter::tape_in(Vec::with_capacity(1024), key_names)
    }

    /// [`JsonWriter::tape`] written into `buffer` (emptied first): a buffer kept from the previous
    /// tape needs no allocation.
    pub fn tape_in(mut buffer: Vec<u8>, key_names: bool) -> JsonWriter {
        buffer.clear();
        let mut w = JsonWriter { w: Out { bytes: buffer, fresh: true, tape: true } };
        if key_names {
            w.w.bytes.push(b'!');
            for i in 0..KEY_NAMES.len() {
                w.w.bytes.extend_from_slice(KEY_NAMES.get(i).as_bytes());
                w.w.bytes.push(b',');
            }
            w.w.bytes.push(b'\n');
        }
        w
    }

    /// In a tape, the message of an error instead of a value: `e` and the message as a string
    /// (`readTape` throws it as an `Error`). In JSON, the message as a string.
    pub fn error(&mut self, message: &str) {
        if self.w.tape {
            self.w.bytes.push(b'e');
        }
        self.string(message);
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        debug_assert!(core::str::from_utf8(&self.w.bytes).is_ok());
        // SAFETY: the writer appends only whole `str`s, runs of a `str` cut at char boundaries
        // (`write_escaped`) and ASCII bytes, so `out` is UTF-8 (as serde_json's writer reasons).
        // Checking it again cost the module the standard library's UTF-8 validator (0.3 KB gzip)
        // and every result a pass over its text.
        unsafe { String::from_utf8_unchecked(self.w.bytes) }
    }

    fn separate(&mut self) {
        self.w.separate();
    }

    /// `{`
    pub fn begin_object(&mut self) {
        self.w.open(b'{');
    }

    /// `}`
    pub fn end_object(&mut self) {
        self.w.close(b'}');
    }

    /// `[`
    pub fn begin_array(&mut self) {
        self.w.open(b'[');
    }

    /// `]`
    pub fn end_array(&mut self) {
        self.w.close(b']');
    }

    /// A member key; the next value written is its value. Any text may be a key (it is escaped).
    pub fn key(&mut self, key: &str) {
        self.separate();
        if self.w.tape {
            self.w.bytes.push(b'"');
            self.string(key);
        } else {
            self.write_escaped(key);
            self.w.bytes.push(b':');
        }
        self.w.fresh = true;
    }

    /// A member key of claimcheck's own (most of what a result writes): its name is copied
    /// without the escaping pass, or, in the tape, it is one character.
    pub fn name(&mut self, key: Key) {
        let name = if self.w.tape { "" } else { key.name() };
        self.w.key(FIRST_KEY + key as u8, name);
    }

    /// A string value.
    pub fn string(&mut self, value: &str) {
        self.separate();
        if self.w.tape {
            // JS counts UTF-16 units: one per character, two above U+FFFF (four UTF-8 bytes).
            // `is_ascii` looks at a word at a time: most strings of a result are ASCII (measured:
            // 3% of `validate` in Node for 29 bytes gzip).
            let mut units = value.len();
            if !value.is_ascii() {
                units = 0;
                for &b in value.as_bytes() {
                    units += usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0);
                }
            }
            self.w.decimal(false, units as u64);
            self.w.bytes.push(b',');
            self.w.bytes.extend_from_slice(value.as_bytes());
        } else {
            self.write_escaped(value);
        }
    }

    /// A whole number.
    pub fn int(&mut self, value: i64) {
        self.begin_number();
        self.w.decimal(value < 0, value.unsigned_abs());
        self.end_number();
    }

    /// A `usize` (positions, lengths).
    pub fn uint(&mut self, value: usize) {
        self.begin_number();
        self.w.decimal(false, value as u64);
        self.end_number();
    }

    /// A number in thousandths written as a decimal (`873` → `0.873`), without float formatting.
    pub fn thousandths(&mut self, value: u32) {
        self.begin_number();
        let (whole, fraction) = (value / 1000, value % 1000);
        self.w.decimal(false, u64::from(whole));
        if fraction != 0 {
            // Three digits with leading zeros, trailing zeros dropped: 50 -> ".05".
            let digits = [fraction / 100, fraction / 10 % 10, fraction % 10];
            let len = if digits[2] != 0 {
                3
            } else if digits[1] != 0 {
                2
            } else {
                1
            };
            self.w.bytes.push(b'.');
            for d in &digits[..len] {
                self.w.bytes.push(b'0' + *d as u8);
            }
        }
        self.end_number();
    }

    /// A number as JSON text (kept as it was read).
    fn number_text(&mut self, json: &str) {
        self.begin_number();
        self.w.bytes.extend_from_slice(json.as_bytes());
        self.end_number();
    }

    fn begin_number(&mut self) {
        self.separate();
        if self.w.tape {
            self.w.bytes.push(b'd');
        }
    }

    fn end_number(&mut self) {
        if self.w.tape {
            self.w.bytes.push(b';');
        }
    }

    /// `true` / `false`
    pub fn bool(&mut self, value: bool) {
        self.word(if value { "true" } else { "false" });
    }

    /// `null`
    pub fn null(&mut self) {
        self.word("null");
    }

    /// `true`, `false` or `null`: the word in JSON, its first letter in the tape.
    fn word(&mut self, word: &'static str) {
        self.separate();
        let bytes = word.as_bytes();
        self.w.bytes.extend_from_slice(if self.w.tape { bytes.get(..1).unwrap_or_default() } else { bytes });
    }

    /// A string, or `null` when absent.
    pub fn opt_string(&mut self, value: Option<&str>) {
        match value {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    /// `key: "value"`, or `key: null` when absent (for members that are always there).
    pub fn field_str_or_null(&mut self, key: Key, value: Option<&str>) {
        match value {
            Some(s) => self.field_str(key, s),
            None => {
                self.name(key);
                self.null();
            }
        }
    }

    /// `key: "value"`.
    pub fn field_str(&mut self, key: Key, value: &str) {
        // The member's key, its length in two digits (a leading zero reads the same) and `,` in one
        // piece: most members of a result are short ASCII strings, written on every keystroke.
        if self.w.tape_short_member(FIRST_KEY + key as u8, value) {
            return;
        }
        self.name(key);
        self.string(value);
    }

    /// `key: "value"`, or nothing when absent (optional fields are left out, not `null`).
    pub fn field_opt_str(&mut self, key: Key, value: Option<&str>) {
        if let Some(value) = value {
            self.field_str(key, value);
        }
    }

    /// `key: n`.
    pub fn field_uint(&mut self, key: Key, value: usize) {
        self.name(key);
        self.uint(value);
    }

    /// `key: [..]` of any values that can write themselves.
    pub fn field_list<T: ToJson>(&mut self, key: Key, items: &[T]) {
        self.name(key);
        items.write_json(self);
    }

    /// Writes `s` quoted and escaped, copying unescaped runs whole.
    fn write_escaped(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.w.bytes.push(b'"');
        let (mut run_start, mut i) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            if !NEEDS_A_LOOK[usize::from(b)] {
                i += 1; // the common case, one table lookup
                continue;
            }
            let (escape, width): (&[u8], usize) = match b {
                b'"' => (b"\\\"", 1),
                b'\\' => (b"\\\\", 1),
                b'\n' => (b"\\n", 1),
                b'\r' => (b"\\r", 1),
                b'\t' => (b"\\t", 1),
                0..=0x7f => (b"", 1),
                // U+2028 and U+2029 break JavaScript string literals when JSON is pasted into a script.
                0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => (b"", 3),
                _ => {
                    i += 1;
                    continue;
                }
            };
            // Runs end before an ASCII byte or before the lead byte of an escaped character, so at
            // char boundaries.
            self.w.bytes.extend_from_slice(bytes.get(run_start..i).unwrap_or_default());
            if escape.is_empty() {
                let c = s.get(i..).and_then(|rest| rest.chars().next()).unwrap_or('\u{fffd}');
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    self.w.bytes.extend_from_slice(b"\\u");
                    for shift in [12, 8, 4, 0] {
                        self.w.bytes.push(b"0123456789abcdef"[usize::from((*unit >> shift) & 0xF)]);
                    }
                }
            } else {
                self.w.bytes.extend_from_slice(escape);
            }
            i += width;
            run_start = i;
        }
        self.w.bytes.extend_from_slice(bytes.get(run_start..).unwrap_or_default());
        self.w.bytes.push(b'"');
    }
}

/// Bytes `write_escaped` has to look at: control characters, `"`, `\\`, and 0xE2 (the lead byte of
/// U+2028/U+2029).
const NEEDS_A_LOOK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[0xE2] = true;
    table
};

/// `value` in decimal, without `core::fmt` (for texts built in the size-optimised wasm build).
pub fn decimal(value: u64) -> String {
    let mut out = String::new();
    write_decimal(&mut out, value);
    out
}

/// Appends `value` in decimal to `out` (no allocation beyond `out`'s own, no `core::fmt`).
pub fn write_decimal(out: &mut String, value: u64) {
    for &digit in digits(value, &mut [0; 20]) {
        out.push(char::from(digit));
    }
}

/// A value that writes itself as JSON.
pub trait ToJson {
    /// Writes this value (one JSON value) to `w`.
    fn write_json(&self, w: &mut JsonWriter);

    /// Compact JSON text of this value.
    fn to_json(&self) -> String {
        let mut w = JsonWriter::new();
        self.write_json(&mut w);
        w.finish()
    }
}

impl ToJson for usize {
    fn write_json(&self, w: &mut JsonWriter) {
        w.uint(*self);
    }
}

impl ToJson for &str {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, w: &mut JsonWriter) {
        (**self).write_json(w);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_array();
        for item in self {
            item.write_json(w);
        }
        w.end_array();
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        self.as_slice().write_json(w);
    }
}

impl ToJson for Json {
    fn write_json(&self, w: &mut JsonWriter) {
        self.write(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tapes_hold_the_values_json_parse_gives() {
        let tape = "{s6;schemas1;xs4;list[tfnd-1.5;d12345678901234567890;d1e+21;d-7;]s0;{}s7;Grüße[[]]}";
        let json = r#"{"schema": "x", "list": [true, false, null, -1.5, 12345678901234567890, 1e+21, -7],
            "": {}, "Grüße": [[]]}"#;
        assert_eq!(Json::from_tape(tape), Json::parse(json).ok());
        assert_eq!(Json::parse(json).unwrap().to_tape(), tape, "to_tape writes what from_tape reads");
        assert_eq!(Json::from_tape("s8;\"\\\n\u{1}😀"), Some(Json::String("\"\\\n\u{1}😀".into())), "no escapes");
    }

    #[test]
    fn broken_or_too_deep_tapes_are_refused() {
        for bad in [
            "",
            "x",
            "s",
            "s3;ab",
            "s3;é",
            "s1;é",
            "s-1;",
            "sx;a",
            "d1",
            "[",
            "[t",
            "{s1;a}",
            "{t t}",
            "{d1;t}",
            "tt",
            "[]]",
            "{s1;at",
            "s99999999999999999999;",
        ] {
            assert_eq!(Json::from_tape(bad), None, "{bad:?}");
        }
        let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(Json::from_tape(&deep(MAX_DEPTH)).is_some());
        assert!(Json::from_tape(&deep(MAX_DEPTH + 1)).is_none());
        assert!(Json::from_tape(&deep(100_000)).is_none(), "refused before the stack runs out");
    }

    #[test]
    fn integers_agree_with_the_standard_library_up_to_the_limits() {
        use alloc::string::ToString;
        let mut texts = alloc::vec!["0".to_string(), "-0".to_string(), "007".to_string(), "12a".to_string()];
        for edge in [i64::MAX, i64::MIN, i64::MAX / 10, i64::MIN / 10] {
            for delta in -12i128..=12 {
                texts.push((i128::from(edge) + delta).to_string());
                texts.push((i128::from(edge) * 10 + delta).to_string());
            }
        }
        for text in &texts {
            assert_eq!(super::parse_i64(text), text.parse::<i64>().ok(), "{text}");
        }
        assert_eq!(super::parse_i64(""), Some(0));
    }

    #[test]
    fn parses_every_kind_of_value() {
        let v = Json::parse(
            r#" {"a": [1, -2, 3.5, 1e3, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "c": {}} "#,
        )
        .unwrap();
        assert_eq!(
            v.get("a").unwrap().as_array().unwrap(),
            [
                Json::Int(1),
                Json::Int(-2),
                Json::OtherNumber("3.5".into()),
                Json::OtherNumber("1e3".into()),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null
            ]
        );
        assert_eq!(v.get("b").unwrap().as_str(), Some("x\"\\/\né😀"));
        assert_eq!(v.get("c"), Some(&Json::Object(vec![])));
        assert_eq!(Json::parse("9223372036854775808").unwrap(), Json::OtherNumber("9223372036854775808".into()));
        assert_eq!(Json::parse("-9223372036854775808").unwrap(), Json::Int(i64::MIN));
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped() {
        assert_eq!(Json::parse("\u{feff}{\"a\": [1]}"), Json::parse("{\"a\": [1]}"));
        assert_eq!(
            Json::parse("\u{feff} \"\u{feff}\""),
            Ok(Json::String("\u{feff}".into())),
            "inside a string it stays"
        );
    }

    #[test]
    fn rejects_bad_text_with_a_position() {
        let cases = [
            ("", 1, 1, "unexpected end"),
            ("{\"a\": 1,}", 1, 9, "expected a key"),
            ("{\"a\": 1}\n x", 2, 2, "after the value"),
            ("[01]", 1, 2, "start with 0"),
            ("{\"a\":1,\"a\":2}", 1, 8, "duplicate key"),
            ("\"ab", 1, 4, "unterminated"),
            ("\"\\ud800\"", 1, 7, "lone surrogate"),
            ("\"\\x\"", 1, 3, "unknown escape"),
            ("\"a\tb\"", 1, 3, "control character"),
            ("[1 2]", 1, 4, "expected ',' or ']'"),
            ("tru", 1, 1, "expected a value"),
            ("\"é\" x", 1, 5, "after the value"),
            ("\u{feff}[1 2]", 1, 4, "expected ',' or ']'"), // counted after the byte order mark
            ("\u{feff}\u{feff}[]", 1, 1, "expected a value"), // only one mark is skipped
        ];
        for (text, line, column, words) in cases {
            let e = Json::parse(text).unwrap_err();
            assert_eq!((e.line, e.column), (line, column), "{text:?}: {e}");
            assert!(e.to_string().contains(words), "{text:?}: {e}");
        }
        let deep = "[".repeat(40) + &"]".repeat(40);
        assert!(Json::parse(&deep).unwrap_err().message.contains("deeply"));
    }

    #[test]
    fn writes_compact_escaped_json_that_reads_back() {
        let text = write_sample(JsonWriter::new());
        assert_eq!(
            text,
            r#"{"text":"a\"b\\c\n\u0001\u2028é😀","position":-42,"steps":[0.873,1,0.05,0,true,false],"region":null,"k\"y":{}}"#
        );
        let back = Json::parse(&text).unwrap();
        assert_eq!(back.get("text").unwrap().as_str(), Some("a\"b\\c\n\u{1}\u{2028}é😀"));
        assert_eq!(back.to_json(), text);
    }

    /// The values every writer test writes: each kind of value, escapes, an absent field, a key
    /// that is not a [`Key`].
    fn write_sample(mut w: JsonWriter) -> String {
        w.begin_object();
        w.field_str(Key::Text, "a\"b\\c\n\u{1}\u{2028}é😀");
        w.field_opt_str(Key::Hint, None);
        w.name(Key::Position);
        w.int(-42);
        w.name(Key::Steps);
        w.begin_array();
        w.thousandths(873);
        w.thousandths(1000);
        w.thousandths(50);
        w.thousandths(0);
        w.bool(true);
        w.bool(false);
        w.end_array();
        w.name(Key::Region);
        w.opt_string(None);
        w.key("k\"y");
        Json::Object(vec![]).write_json(&mut w);
        w.end_object();
        w.finish()
    }

    #[test]
    fn a_short_ascii_member_goes_on_the_tape_in_one_piece() {
        let tape = |value: &str| {
            let mut w = JsonWriter::tape(false);
            w.begin_object();
            w.field_str(Key::Status, value);
            w.end_object();
            w.finish()
        };
        let status = char::from(FIRST_KEY + Key::Status as u8);
        // Two digits of length (JS reads "05" as 5), then the text.
        assert_eq!(tape("valid"), format!("{{{status}05,valid}}"));
        assert_eq!(tape(""), format!("{{{status}00,}}"));
        assert_eq!(tape(&"x".repeat(99)), format!("{{{status}99,{}}}", "x".repeat(99)));
        // Longer or not ASCII: as any string.
        assert_eq!(tape(&"x".repeat(100)), format!("{{{status}100,{}}}", "x".repeat(100)));
        assert_eq!(tape("é😀"), format!("{{{status}3,é😀}}"));
        // The same member in JSON.
        let mut w = JsonWriter::new();
        w.begin_object();
        w.field_str(Key::Status, "valid");
        w.field_str(Key::Input, "x");
        w.end_object();
        assert_eq!(w.finish(), r#"{"status":"valid","input":"x"}"#);
    }

    #[test]
    fn tape_holds_the_same_values_in_its_own_form() {
        let key = |k: Key| char::from(FIRST_KEY + k as u8);
        let (text, position, steps, region) = (key(Key::Text), key(Key::Position), key(Key::Steps), key(Key::Region));
        // Lengths count UTF-16 units: `é` is one, `😀` two; nothing is escaped.
        assert_eq!(
            write_sample(JsonWriter::tape(false)),
            format!(
                "{{{text}11,a\"b\\c\n\u{1}\u{2028}é😀{position}d-42;{steps}[d0.873;d1;d0.05;d0;tf]{region}n\"3,k\"y{{}}}}"
            )
        );
        let with_names = JsonWriter::tape(true).finish();
        let names: Vec<&str> = with_names.strip_prefix('!').unwrap().strip_suffix(",\n").unwrap().split(',').collect();
        assert_eq!(names.len(), KEY_NAMES.len());
        for (i, name) in names.iter().enumerate() {
            assert_eq!(Key::name_at(i), Some(*name));
            assert!(!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic()), "{name}");
        }
        assert_eq!(Key::name_at(names.len()), None);
        assert_eq!((Key::Actual.name(), Key::IssuedOn.name(), Key::Version.name()), ("actual", "issuedOn", "version"));
    }
}
