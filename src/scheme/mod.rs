//! Code schemes as data: alphabet, lengths, grouping, fields, checksum and regions.
//!
//! A scheme is described by a [`SchemeDefinition`] (JSON, camelCase) and becomes a [`Scheme`] only
//! after every field has been checked; each problem is reported as a [`SchemeError`] naming the
//! field. The built-in schemes are loaded from `data/schemes.json` through the same checks.

use crate::prelude::*;

use alloc::borrow::Cow;
use alloc::sync::Arc;

use crate::once::OnceLock;

use crate::date::Date;

use crate::alphabet::Alphabet;
use crate::checksum::{self, Checksum};
use crate::item_path;
use crate::region::{self, Marketplace};

mod json;

/// Identifier of the scheme definition format; a definition may state it in `schema`.
pub const SCHEMA: &str = "claimcheck.scheme/1";
/// The built-in scheme file as it is kept, laid out for people to read.
const BUILTIN_SOURCE: &str = include_str!("../../data/schemes.json");
/// The same JSON without whitespace between its tokens, made when compiling: the step before the
/// tape, and what the tests compare the tape with.
#[cfg(test)]
const BUILTIN_JSON: &str = {
    // SAFETY: `compact` only leaves out ASCII whitespace, which is never part of a multi-byte UTF-8
    // sequence, so valid UTF-8 stays valid.
    unsafe { core::str::from_utf8_unchecked(&BUILTIN_COMPACT) }
};
const BUILTIN_COMPACT: [u8; compact::<0>(BUILTIN_SOURCE.as_bytes()).1] = compact(BUILTIN_SOURCE.as_bytes()).0;

/// The built-in scheme file as a tape of JSON values (see [`crate::Json::from_tape`]), made when
/// compiling: what the library reads at first use, so that the browser module needs no JSON parser.
const BUILTIN_TAPE: &str = {
    // SAFETY: `tape_of_compact` copies the file's strings whole and writes ASCII around them, so the
    // tape is UTF-8 as the file is.
    unsafe { core::str::from_utf8_unchecked(&BUILTIN_TAPE_BYTES) }
};
const BUILTIN_TAPE_BYTES: [u8; tape_of_compact::<0>(&BUILTIN_COMPACT).1] = tape_of_compact(&BUILTIN_COMPACT).0;

/// The tape of compact JSON whose strings have no escapes and whose numbers are whole (as the
/// built-in file's; anything else stops the build): its first `N` bytes, and how long it is.
const fn tape_of_compact<const N: usize>(json: &[u8]) -> ([u8; N], usize) {
    let mut out = [0; N];
    let (mut i, mut n) = (0, 0);
    // Appends one byte; counts only, past `N`.
    macro_rules! put {
        ($b:expr) => {{
            if n < N {
                out[n] = $b;
            }
            n += 1;
        }};
    }
    while i < json.len() {
        let b = json[i];
        match b {
            b'"' => {
                let mut end = i + 1;
                while json[end] != b'"' {
                    assert!(json[end] != b'\\', "built-in file: an escape in a string");
                    end += 1;
                }
                put!(b's');
                let length = end - i - 1;
                let mut unit = 1;
                while unit * 10 <= length {
                    unit *= 10;
                }
                while unit > 0 {
                    put!(b'0' + (length / unit % 10) as u8);
                    unit /= 10;
                }
                put!(b';');
                i += 1;
                while i < end {
                    put!(json[i]);
                    i += 1;
                }
                i = end + 1;
            }
            b'-' | b'0'..=b'9' => {
                put!(b'd');
                while i < json.len() && (json[i] == b'-' || json[i].is_ascii_digit()) {
                    put!(json[i]);
                    i += 1;
                }
                assert!(
                    i < json.len() && json[i] != b'.' && json[i] != b'e',
                    "built-in file: a number that is not whole"
                );
                put!(b';');
            }
            b't' | b'n' | b'f' => {
                put!(b);
                i += if b == b'f' { 5 } else { 4 };
            }
            b'[' | b']' | b'{' | b'}' => {
                put!(b);
                i += 1;
            }
            _ => i += 1, // ':' and ','
        }
    }
    (out, n)
}

/// `json` without the whitespace outside its strings: its first `N` bytes, and how long it is.
const fn compact<const N: usize>(json: &[u8]) -> ([u8; N], usize) {
    let mut out = [0; N];
    let (mut i, mut n, mut in_string, mut escaped) = (0, 0, false, false);
    while i < json.len() {
        let b = json[i];
        i += 1;
        if !in_string && matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        }
        if n < N {
            out[n] = b;
        }
        n += 1;
    }
    (out, n)
}

/// Most symbols a code may have, in any scheme.
pub(crate) const MAX_CODE_LENGTH: usize = 64;

/// What kind of code a scheme describes; used for wording and for "wrong code type" findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// A gift card claim code.
    Giftcard,
    /// A courtesy credit code.
    Credit,
    /// A claim code whose format only allows a shape check.
    Claim,
    /// A promotion code.
    Promo,
    /// Anything else an issuer defines.
    Other,
}

impl CodeKind {
    /// Every kind, in declaration order.
    pub const ALL: [CodeKind; 5] =
        [CodeKind::Giftcard, CodeKind::Credit, CodeKind::Claim, CodeKind::Promo, CodeKind::Other];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            CodeKind::Giftcard => "giftcard",
            CodeKind::Credit => "credit",
            CodeKind::Claim => "claim",
            CodeKind::Promo => "promo",
            CodeKind::Other => "other",
        }
    }
}

/// The role of a run of positions in a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// The two-symbol marketplace prefix.
    Region,
    /// Days since the scheme's `issueEpoch`, as a base-N number (most significant first).
    IssueDay,
    /// One symbol whose value indexes `validityDays`.
    Validity,
    /// Random symbols.
    Random,
    /// The check symbols (must be the last ones, as many as the checksum appends).
    Check,
}

impl FieldKind {
    /// Every kind, in declaration order.
    pub const ALL: [FieldKind; 5] =
        [FieldKind::Region, FieldKind::IssueDay, FieldKind::Validity, FieldKind::Random, FieldKind::Check];

    /// The stable snake_case code used in definitions.
    pub fn code(self) -> &'static str {
        match self {
            FieldKind::Region => "region",
            FieldKind::IssueDay => "issue_day",
            FieldKind::Validity => "validity",
            FieldKind::Random => "random",
            FieldKind::Check => "check",
        }
    }
}

/// A field as written in a definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// What the positions hold.
    pub kind: FieldKind,
    /// First position, 0-based.
    pub start: usize,
    /// Number of positions.
    pub length: usize,
}

impl Field {
    /// One past the last position.
    pub fn end(&self) -> usize {
        self.start + self.length
    }
}

/// A scheme as written by an issuer, before it is checked.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SchemeDefinition {
    /// Optional format identifier; when present it must be `claimcheck.scheme/1`.
    pub schema: Option<String>,
    /// Identifier: lowercase letters, digits and hyphens.
    pub id: String,
    /// Name for people; defaults to the id.
    pub name: Option<String>,
    /// Kind of code; defaults to `other`.
    pub kind: Option<CodeKind>,
    /// The symbols, in value order.
    pub alphabet: String,
    /// The allowed lengths (or use `minLength` and `maxLength`).
    pub lengths: Option<Vec<usize>>,
    /// Shortest allowed length, with `maxLength`.
    pub min_length: Option<usize>,
    /// Longest allowed length, with `minLength`.
    pub max_length: Option<usize>,
    /// Display groups, one list of group sizes per allowed length.
    pub groups: Vec<Vec<usize>>,
    /// Checksum identifier (`none`, `rs32`, `luhn`, `iso7064-mod37-2`, `iso7064-mod97-10`, `damm`).
    pub checksum: String,
    /// Fields; only for schemes with one length.
    pub fields: Vec<Field>,
    /// Day 0 of an `issue_day` field (YYYY-MM-DD).
    pub issue_epoch: Option<String>,
    /// Validity in days for each value of a `validity` field.
    pub validity_days: Vec<u32>,
    /// Marketplace prefixes a `region` field may carry; all marketplaces when absent.
    pub regions: Option<Vec<String>>,
}

/// A checked scheme, ready for validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// Identifier.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// Kind of code.
    pub kind: CodeKind,
    /// The symbols.
    pub alphabet: Alphabet,
    /// Allowed lengths, ascending.
    pub lengths: Vec<usize>,
    /// Display groups per allowed length (same order as `lengths`; empty when none were given).
    pub groups: Vec<Vec<usize>>,
    /// The check algorithm.
    pub checksum: Checksum,
    /// Fields, ascending by start.
    pub fields: Vec<Field>,
    /// Day 0 of the issue day field.
    pub issue_epoch: Option<Date>,
    /// Validity in days per validity symbol value.
    pub validity_days: Vec<u32>,
    /// Marketplaces a region field may name (empty when the scheme has no region field).
    pub regions: Vec<&'static Marketplace>,
    /// True for the schemes that ship with claimcheck.
    pub builtin: bool,
}

/// A problem in a scheme definition, naming the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemeError {
    /// The scheme's id where known.
    pub scheme: String,
    /// The offending field, e.g. `fields[2].start` or `alphabet`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl core::fmt::Display for SchemeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl SchemeError {
    /// The error in words, naming the scheme (where known) and the field.
    pub fn describe(&self) -> String {
        match self.scheme.as_str() {
            "" => words("bad scheme definition: ").add(&self.field).add(": ").add(&self.message).done(),
            id => {
                words("bad scheme definition '").add(id).add("': ").add(&self.field).add(": ").add(&self.message).done()
            }
        }
    }
}

impl core::error::Error for SchemeError {}

impl Scheme {
    /// Parses and checks a JSON scheme definition.
    pub fn from_json(json: &str) -> Result<Scheme, SchemeError> {
        Scheme::from_definition(SchemeDefinition::from_json(json)?)
    }

    /// Checks a definition; every problem names its field.
    pub fn from_definition(definition: SchemeDefinition) -> Result<Scheme, SchemeError> {
        match Scheme::checked(&definition) {
            Ok(scheme) => Ok(scheme),
            Err((field, message)) => {
                Err(SchemeError { scheme: definition.id, field: field.into_owned(), message: message.into_owned() })
            }
        }
    }

    /// The scheme a definition describes, or the first problem.
    fn checked(definition: &SchemeDefinition) -> Result<Scheme, Problem> {
        let id = &definition.id;
        if let Some(schema) = &definition.schema {
            if schema != SCHEMA {
                return Err(problem(
                    "schema",
                    words("'").add(schema).add("' is not supported (expected '").add(SCHEMA).add("')").done(),
                ));
            }
        }
        let id_ok = !id.is_empty()
            && id.len() <= 40
            && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-');
        if !id_ok {
            return Err(problem("id", "must be 1 to 40 lowercase letters, digits or hyphens"));
        }
        if id == "auto" {
            return Err(problem("id", "'auto' is reserved for scheme detection"));
        }
        let alphabet = Alphabet::new(&definition.alphabet).map_err(|e| problem("alphabet", e.describe()))?;

        let lengths = checked_lengths(definition)?;
        let (min_len, max_len) = (lengths[0], lengths[lengths.len() - 1]);

        let checksum = Checksum::from_id(&definition.checksum).ok_or_else(|| {
            let mut known = String::new();
            for c in checksum::ALL {
                crate::push_listed(&mut known, c.id());
            }
            problem(
                "checksum",
                words("unknown checksum '").add(&definition.checksum).add("' (known: ").add(&known).add(")").done(),
            )
        })?;
        checksum.supports(&alphabet, max_len).map_err(|m| problem("checksum", m))?;
        if min_len <= checksum.check_len() {
            return Err(problem(
                "checksum",
                words("codes of ")
                    .num(min_len)
                    .add(" symbols leave no room for ")
                    .num(checksum.check_len())
                    .add(" check symbols")
                    .done(),
            ));
        }

        let groups = checked_groups(&definition.groups, &lengths)?;
        let fields = checked_fields(definition, &lengths, checksum)?;

        let has = |kind| fields.iter().any(|f: &Field| f.kind == kind);
        let issue_epoch = match (&definition.issue_epoch, has(FieldKind::IssueDay)) {
            (Some(text), true) => Some(Date::parse(text).ok_or_else(|| {
                problem("issueEpoch", words("'").add(text).add("' is not a date (YYYY-MM-DD)").done())
            })?),
            (None, true) => return Err(problem("issueEpoch", "is required with an issue_day field")),
            (Some(_), false) => return Err(problem("issueEpoch", "is only allowed with an issue_day field")),
            (None, false) => None,
        };
        let validity_days = &definition.validity_days;
        match (validity_days.is_empty(), has(FieldKind::Validity)) {
            (true, true) => return Err(problem("validityDays", "is required with a validity field")),
            (false, false) => return Err(problem("validityDays", "is only allowed with a validity field")),
            _ => {}
        }
        if let Some(i) = validity_days.iter().position(|&d| d == 0 || d > 3660) {
            return Err(problem(item_path("validityDays", i), "must be 1 to 3660 days"));
        }
        if validity_days.len() > alphabet.len() {
            return Err(problem(
                "validityDays",
                words("has ")
                    .num(validity_days.len())
                    .add(" entries but one symbol can only take ")
                    .num(alphabet.len())
                    .add(" values")
                    .done(),
            ));
        }

        let regions = if has(FieldKind::Region) {
            checked_regions(definition.regions.as_deref(), &alphabet)?
        } else {
            if definition.regions.is_some() {
                return Err(problem("regions", "is only allowed with a region field"));
            }
            Vec::new()
        };

        Ok(Scheme {
            name: definition.name.clone().unwrap_or_else(|| id.clone()),
            kind: definition.kind.unwrap_or(CodeKind::Other),
            id: id.clone(),
            alphabet,
            lengths,
            groups,
            checksum,
            fields,
            issue_epoch,
            validity_days: validity_days.clone(),
            regions,
            builtin: false,
        })
    }

    /// Shortest allowed length.
    pub fn min_len(&self) -> usize {
        self.lengths[0]
    }

    /// Longest allowed length.
    pub fn max_len(&self) -> usize {
        self.lengths[self.lengths.len() - 1]
    }

    /// True when codes of `n` symbols are allowed.
    pub fn accepts_length(&self, n: usize) -> bool {
        self.lengths.contains(&n) // a handful of lengths: a scan is as quick as a binary search
    }

    /// The field of this kind, if the scheme has one.
    pub fn field(&self, kind: FieldKind) -> Option<Field> {
        self.fields.iter().find(|f| f.kind == kind).copied()
    }

    /// Group sizes for displaying `n` symbols: the grouping of the shortest allowed length that is at
    /// least `n` (so a code being typed is grouped as it will be), or none.
    pub fn groups_for(&self, n: usize) -> &[usize] {
        if self.groups.is_empty() {
            return &[];
        }
        let index = self.lengths.iter().position(|&l| l >= n).unwrap_or(self.lengths.len() - 1);
        &self.groups[index]
    }

    /// Inserts `-` between groups; symbols past the last group are appended as they are.
    pub fn display(&self, symbols: &str) -> String {
        let ascii = symbols.is_ascii(); // then every rest is too, and sizes are byte counts
        let groups = self.groups_for(if ascii { symbols.len() } else { crate::char_count(symbols) });
        let mut out = String::with_capacity(symbols.len() + groups.len());
        let mut rest = symbols;
        for (i, &size) in groups.iter().enumerate() {
            if rest.is_empty() {
                break;
            }
            if i > 0 {
                out.push('-');
            }
            // Whole groups are copied as slices: one copy per group, not one push per symbol.
            let at = if ascii { size.min(rest.len()) } else { crate::char_offset(rest, size).unwrap_or(rest.len()) };
            let (group, after) = rest.split_at_checked(at).unwrap_or((rest, ""));
            out.push_str(group);
            rest = after;
        }
        out.push_str(rest);
        out
    }

    /// True when the scheme has a checksum.
    pub fn has_checksum(&self) -> bool {
        self.checksum != Checksum::None
    }
}

fn checked_lengths(d: &SchemeDefinition) -> Result<Vec<usize>, Problem> {
    let mut lengths = match (&d.lengths, d.min_length, d.max_length) {
        (Some(list), None, None) => {
            if list.is_empty() {
                return Err(problem("lengths", "must list at least one length"));
            }
            list.clone()
        }
        (None, Some(min), Some(max)) => {
            if min > max {
                return Err(problem(
                    "minLength",
                    words("").num(min).add(" is greater than maxLength ").num(max).done(),
                ));
            }
            if max > MAX_CODE_LENGTH {
                return Err(problem("maxLength", words("must be at most ").num(MAX_CODE_LENGTH).done()));
            }
            let mut all = Vec::new();
            for n in min..=max {
                all.push(n);
            }
            all
        }
        (Some(_), _, _) => return Err(problem("lengths", "give either lengths or minLength and maxLength, not both")),
        (None, Some(_), None) => return Err(problem("maxLength", "is required with minLength")),
        (None, None, Some(_)) => return Err(problem("minLength", "is required with maxLength")),
        (None, None, None) => return Err(problem("lengths", "is required (or minLength and maxLength)")),
    };
    crate::sort_small(&mut lengths, |a, b| a < b);
    lengths.dedup();
    if lengths[0] < 2 {
        let field = if d.lengths.is_some() { "lengths" } else { "minLength" };
        return Err(problem(field, "codes must have at least 2 symbols"));
    }
    if lengths[lengths.len() - 1] > MAX_CODE_LENGTH {
        return Err(problem("lengths", words("codes may have at most ").num(MAX_CODE_LENGTH).add(" symbols").done()));
    }
    Ok(lengths)
}

fn checked_groups(groups: &[Vec<usize>], lengths: &[usize]) -> Result<Vec<Vec<usize>>, Problem> {
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    if groups.len() != lengths.len() {
        return Err(problem(
            "groups",
            words("has ")
                .num(groups.len())
                .add(" groupings but the scheme allows ")
                .num(lengths.len())
                .add(" lengths: give one per length, shortest first")
                .done(),
        ));
    }
    let mut sorted = groups.to_vec();
    crate::sort_small(&mut sorted, |a, b| a.iter().sum::<usize>() < b.iter().sum::<usize>());
    for (i, (grouping, &length)) in sorted.iter().zip(lengths).enumerate() {
        if grouping.is_empty() || grouping.contains(&0) {
            return Err(problem(item_path("groups", i), "group sizes must be positive"));
        }
        let sum: usize = grouping.iter().sum();
        if sum != length {
            let message = words("groups add up to ").num(sum).add(", but the length is ").num(length).done();
            return Err(problem(item_path("groups", i), message));
        }
    }
    Ok(sorted)
}

fn checked_fields(d: &SchemeDefinition, lengths: &[usize], checksum: Checksum) -> Result<Vec<Field>, Problem> {
    if d.fields.is_empty() {
        return Ok(Vec::new());
    }
    if lengths.len() != 1 {
        return Err(problem("fields", "fields need a scheme with exactly one length"));
    }
    let length = lengths[0];
    let mut covered = vec![None::<usize>; length];
    for (i, f) in d.fields.iter().enumerate() {
        let name = item_path("fields", i);
        if f.length == 0 {
            return Err(problem(words(&name).add(".length").done(), "must be at least 1"));
        }
        if f.end() > length {
            return Err(problem(
                name,
                words("positions ")
                    .num(f.start)
                    .add("..")
                    .num(f.end())
                    .add(" run past the end of a ")
                    .num(length)
                    .add("-symbol code")
                    .done(),
            ));
        }
        for p in f.start..f.end() {
            let Some(slot) = covered.get_mut(p) else { break };
            if let Some(other) = *slot {
                return Err(problem(
                    name,
                    words("overlaps ").add(&item_path("fields", other)).add(" at position ").num(p).done(),
                ));
            }
            *slot = Some(i);
        }
        if d.fields[..i].iter().any(|o| o.kind == f.kind) {
            return Err(problem(
                words(&name).add(".kind").done(),
                words("a second ").add(f.kind.code()).add(" field").done(),
            ));
        }
        let fixed = match f.kind {
            FieldKind::Region => Some(2),
            FieldKind::Validity => Some(1),
            FieldKind::Check => Some(checksum.check_len()),
            FieldKind::IssueDay if f.length > 4 => {
                return Err(problem(words(&name).add(".length").done(), "an issue_day field has at most 4 symbols"))
            }
            _ => None,
        };
        if let Some(expected) = fixed.filter(|&e| e != f.length) {
            let message = words("must be ").num(expected).add(" for a ").add(f.kind.code()).add(" field").done();
            return Err(problem(words(&name).add(".length").done(), message));
        }
        if f.kind == FieldKind::Check && f.end() != length {
            return Err(problem(words(&name).add(".start").done(), "the check field must be the last symbols"));
        }
    }
    if checksum != Checksum::None && !d.fields.iter().any(|f| f.kind == FieldKind::Check) {
        return Err(problem(
            "fields",
            words("the ")
                .add(checksum.id())
                .add(" checksum needs a check field of the last ")
                .num(checksum.check_len())
                .add(" symbols")
                .done(),
        ));
    }
    if checksum == Checksum::None && d.fields.iter().any(|f| f.kind == FieldKind::Check) {
        return Err(problem("fields", "a check field needs a checksum"));
    }
    let mut fields = d.fields.clone();
    crate::sort_small(&mut fields, |a, b| a.start < b.start);
    Ok(fields)
}

fn checked_regions(list: Option<&[String]>, alphabet: &Alphabet) -> Result<Vec<&'static Marketplace>, Problem> {
    let chosen: Vec<&'static Marketplace> = match list {
        None => {
            let mut all = Vec::new();
            for m in region::MARKETPLACES {
                all.push(m);
            }
            all
        }
        Some([]) => return Err(problem("regions", "must name at least one marketplace prefix")),
        Some(list) => {
            let mut out = Vec::new();
            for (i, prefix) in list.iter().enumerate() {
                let m = region::by_prefix(prefix).ok_or_else(|| {
                    let hint = region::resolve(prefix)
                        .map(|m| words(" (").add(m.domain).add(" uses ").add(m.prefix).add(")").done())
                        .unwrap_or_default();
                    problem(
                        item_path("regions", i),
                        words("'").add(prefix).add("' is not a marketplace prefix").add(&hint).done(),
                    )
                })?;
                out.push(m);
            }
            out
        }
    };
    for (i, m) in chosen.iter().enumerate() {
        if let Some(c) = m.prefix.chars().find(|&c| !alphabet.contains(c)) {
            let field = if list.is_some() { item_path("regions", i).into() } else { Cow::Borrowed("alphabet") };
            return Err(problem(
                field,
                words("the prefix ")
                    .add(m.prefix)
                    .add(" of ")
                    .add(m.domain)
                    .add(" uses '")
                    .add(c.encode_utf8(&mut [0; 4]))
                    .add("', which is not in the alphabet")
                    .done(),
            ));
        }
    }
    Ok(chosen)
}

/// A problem found while checking a definition: the field and what is wrong. Mostly fixed words,
/// so both are borrowed where they can be: no allocation, and less code per check in the wasm.
type Problem = (Cow<'static, str>, Cow<'static, str>);

fn problem(field: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) -> Problem {
    (field.into(), message.into())
}

/// Version of the built-in scheme table.
pub fn builtin_version() -> u32 {
    builtin_table().0
}

fn builtin_table() -> &'static (u32, Vec<Arc<Scheme>>) {
    static TABLE: OnceLock<(u32, Vec<Arc<Scheme>>)> = OnceLock::new();
    // The file is compiled in and checked by tests; an empty table keeps a broken build from
    // panicking in the browser (every lookup then reports an unknown scheme).
    TABLE.get_or_init(|| load_builtin().unwrap_or_default())
}

/// The built-in file's version and schemes, checked as any definition is. Its problems go unnamed:
/// the file is compiled in, and the tests read it with `json::read_builtin_file`, which names them.
fn load_builtin() -> Option<(u32, Vec<Arc<Scheme>>)> {
    let file = crate::Json::from_tape(BUILTIN_TAPE)?;
    let version = u32::try_from(file.get("version")?.as_i64()?).ok()?;
    let mut schemes = Vec::new();
    for definition in file.get("schemes")?.as_array()? {
        let scheme = Scheme::from_definition(SchemeDefinition::from_json_value(definition).ok()?).ok()?;
        schemes.push(Arc::new(Scheme { builtin: true, ..scheme }));
    }
    Some((version, schemes))
}

/// The built-in schemes, in detection order.
pub fn builtin() -> &'static [Arc<Scheme>] {
    &builtin_table().1
}

/// What a scheme looks like from outside (for listings in UIs and the JavaScript `schemes()`),
/// borrowed from the scheme: listing copies nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemeInfo<'a> {
    /// Identifier.
    pub id: &'a str,
    /// Name for people.
    pub name: &'a str,
    /// Kind of code.
    pub kind: CodeKind,
    /// True for the schemes that ship with claimcheck.
    pub builtin: bool,
    /// The symbols.
    pub alphabet: &'a str,
    /// Allowed lengths, ascending.
    pub lengths: &'a [usize],
    /// Display groups per allowed length.
    pub groups: &'a [Vec<usize>],
    /// Checksum identifier.
    pub checksum: &'static str,
    /// Marketplaces whose region prefix the scheme accepts (empty without a region field).
    pub regions: &'a [&'static Marketplace],
}

impl Scheme {
    /// The outside view of this scheme.
    pub fn info(&self) -> SchemeInfo<'_> {
        SchemeInfo {
            id: &self.id,
            name: &self.name,
            kind: self.kind,
            builtin: self.builtin,
            alphabet: self.alphabet.as_str(),
            lengths: &self.lengths,
            groups: &self.groups,
            checksum: self.checksum.id(),
            regions: &self.regions,
        }
    }
}

/// A registry of the built-in schemes only, shared by every call that registers nothing.
pub fn builtin_registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(Registry::new)
}

/// A set of schemes: the built-ins plus any an issuer registers.
#[derive(Clone, Debug)]
pub struct Registry {
    schemes: Vec<Arc<Scheme>>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new()
    }
}

impl Registry {
    /// The built-in schemes only.
    pub fn new() -> Registry {
        Registry { schemes: builtin().to_vec() }
    }

    /// Adds a custom scheme, or replaces a custom scheme with the same id. Built-ins cannot be
    /// replaced.
    pub fn register(&mut self, scheme: Scheme) -> Result<(), SchemeError> {
        match self.schemes.iter().position(|s| s.id == scheme.id) {
            Some(i) if self.schemes[i].builtin => Err(SchemeError {
                scheme: scheme.id.clone(),
                field: "id".into(),
                message: "is a built-in scheme and cannot be replaced; choose another id".into(),
            }),
            Some(i) => {
                self.schemes[i] = Arc::new(scheme);
                Ok(())
            }
            None => {
                self.schemes.push(Arc::new(scheme));
                Ok(())
            }
        }
    }

    /// Parses, checks and registers a JSON definition.
    pub fn register_json(&mut self, json: &str) -> Result<(), SchemeError> {
        self.register(Scheme::from_json(json)?)
    }

    /// Checks and registers a definition already parsed.
    pub fn register_json_value(&mut self, definition: &crate::Json) -> Result<(), SchemeError> {
        self.register(Scheme::from_definition(SchemeDefinition::from_json_value(definition)?)?)
    }

    /// Registers every scheme of a JSON text that holds one definition, a list of definitions, or a
    /// scheme file (`claimcheck.schemes/1`, the format of the built-in `data/schemes.json`), and
    /// returns how many. All or nothing: on the first bad definition, or one that would replace a
    /// built-in, nothing is registered.
    pub fn register_all_json(&mut self, json: &str) -> Result<usize, SchemeError> {
        let schemes = json::read_definitions(json)?;
        let mut next = self.clone();
        for scheme in &schemes {
            next.register(scheme.clone())?;
        }
        *self = next;
        Ok(schemes.len())
    }

    /// The scheme with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Scheme>> {
        self.schemes.iter().find(|s| s.id == id)
    }

    /// All schemes, built-ins first, in detection order.
    pub fn schemes(&self) -> &[Arc<Scheme>] {
        &self.schemes
    }

    /// The ids of all schemes, in detection order (for messages that list them).
    pub fn ids(&self) -> Vec<String> {
        let mut ids = Vec::with_capacity(self.schemes.len());
        for s in &self.schemes {
            ids.push(s.id.clone());
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_scheme_file_registers_all_or_nothing() {
        let mut registry = Registry::new();
        let a = r#"{"id": "a", "alphabet": "AB", "lengths": [4], "checksum": "none"}"#;
        let b = r#"{"id": "b", "alphabet": "AB", "lengths": [5], "checksum": "none"}"#;
        assert_eq!(registry.register_all_json(&format!("[{a}, {b}]")), Ok(2));
        assert_eq!(registry.schemes().len(), builtin().len() + 2);
        let replaces_a_builtin = r#"{"id": "promo", "alphabet": "AB", "lengths": [4], "checksum": "none"}"#;
        let c = r#"{"id": "c", "alphabet": "AB", "lengths": [6], "checksum": "none"}"#;
        let e = registry.register_all_json(&format!("[{c}, {replaces_a_builtin}]")).unwrap_err();
        assert_eq!((e.scheme.as_str(), e.field.as_str()), ("promo", "id"));
        assert!(registry.get("c").is_none(), "nothing registered from a file with a problem");
        assert_eq!(registry.schemes().len(), builtin().len() + 2);
    }

    fn error_of(value: serde_json::Value) -> SchemeError {
        match Scheme::from_json(&value.to_string()) {
            Err(e) => e,
            Ok(s) => panic!("{} must be rejected", s.id),
        }
    }

    fn base() -> serde_json::Value {
        json!({
            "id": "acme", "alphabet": "23456789ABCDEFGHJKLMNPQRSTUVWXYZ", "lengths": [12],
            "groups": [[4, 4, 4]], "checksum": "rs32",
            "fields": [{"kind": "region", "start": 0, "length": 2}, {"kind": "check", "start": 10, "length": 2}]
        })
    }

    /// A scheme without checksum and fields, its lengths given as a range.
    fn plain() -> serde_json::Value {
        json!({"id": "plain", "alphabet": "0123456789", "minLength": 4, "maxLength": 8, "checksum": "none"})
    }

    fn with(mut v: serde_json::Value, key: &str, value: serde_json::Value) -> serde_json::Value {
        v[key] = value;
        v
    }

    #[test]
    fn builtins_load_as_specified() {
        let ids: Vec<&str> = builtin().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["giftcard", "credit", "amazon-claim", "promo"]);
        assert!(load_builtin().is_some());
        let named = json::read_builtin_file(BUILTIN_SOURCE).unwrap();
        assert_eq!(load_builtin(), Some((named.0, named.1)), "the same schemes as the reader that names problems");
        // The module carries the file as a tape, without its layout, and reads the same values from it.
        assert_eq!(crate::Json::parse(BUILTIN_JSON), crate::Json::parse(BUILTIN_SOURCE));
        assert_eq!(crate::Json::from_tape(BUILTIN_TAPE), crate::Json::parse(BUILTIN_SOURCE).ok());
        let probe = r#"{"a":[-12,true,false,null,"x y",{}],"b":"Grüße"}"#.as_bytes();
        let tape = tape_of_compact::<64>(probe);
        assert_eq!(core::str::from_utf8(&tape.0[..tape.1]), Ok("{s1;a[d-12;tfns3;x y{}]s1;bs7;Grüße}"));
        assert!(BUILTIN_JSON.len() < BUILTIN_SOURCE.len() * 3 / 4 && !BUILTIN_JSON.contains("  "));
        assert!(BUILTIN_JSON.contains("\"name\":\"Gift card\""), "spaces inside strings stay");
        let escaped = r#"{ "a" : "x \" y", "b" : [ 1 , 2 ] }"#.as_bytes();
        let (out, len) = compact::<24>(escaped);
        assert_eq!(core::str::from_utf8(&out[..len]), Ok(r#"{"a":"x \" y","b":[1,2]}"#));
        let credit = &builtin()[1];
        assert_eq!(credit.lengths, [20]);
        assert_eq!(credit.validity_days, [30, 60, 90, 180, 365]);
        assert_eq!(credit.issue_epoch, Date::from_ymd(2020, 1, 1));
        assert_eq!(credit.display("DE4G22TMYTVELK24BXYS"), "DE4G2-2TMYT-VELK2-4BXYS");
        let claim = &builtin()[2];
        assert_eq!(claim.display("ABCD123456WXYZ"), "ABCD-123456-WXYZ");
        assert_eq!(claim.display("ABCD123456WXYZ9"), "ABCD-123456-WXYZ9");
        assert_eq!(builtin()[3].lengths, (5..=20).collect::<Vec<_>>());
        assert_eq!(builtin()[3].display("SUMMER"), "SUMMER");
    }

    #[test]
    fn accepts_a_good_custom_scheme() {
        let s = Scheme::from_json(&base().to_string()).unwrap();
        assert_eq!(s.display("DE3456789ABC"), "DE34-5678-9ABC");
        assert_eq!(s.regions.len(), 23);
    }

    #[test]
    fn messages_with_numbers_read_in_full() {
        let fields = |list| with(base(), "fields", list);
        let cases = [
            (with(base(), "groups", json!([[4, 4, 5]])), "groups[0]: groups add up to 13, but the length is 12"),
            (
                fields(
                    json!([{"kind": "region", "start": 0, "length": 2}, {"kind": "random", "start": 1, "length": 3}]),
                ),
                "fields[1]: overlaps fields[0] at position 1",
            ),
            (
                fields(
                    json!([{"kind": "region", "start": 0, "length": 2}, {"kind": "check", "start": 11, "length": 2}]),
                ),
                "fields[1]: positions 11..13 run past the end of a 12-symbol code",
            ),
            (
                fields(json!([{"kind": "region", "start": 0, "length": -3}])),
                "fields[0].length: must be a whole number from 0 to 100000, not -3",
            ),
            (with(base(), "lengths", json!([12, 1.5])), "lengths[1]: must be a whole number from 0 to 100000, not 1.5"),
            (
                with(base(), "alphabet", json!("23456789ABCDEFGHJKLMNPQRSTUVWX\u{a0}Z")),
                "alphabet: contains U+00A0: symbols must be printable ASCII, not separators and not '?'",
            ),
        ];
        for (definition, expected) in cases {
            let error = error_of(definition);
            assert_eq!(error.describe(), format!("bad scheme definition 'acme': {expected}"));
            assert_eq!(error.to_string(), error.describe());
        }
    }

    #[test]
    fn every_bad_definition_names_its_field() {
        let cases = [
            (with(base(), "alphabet", json!("23456789ABCDEFGHJKLMNPQRSTUVWXYY")), "alphabet", "twice"),
            (with(base(), "alphabet", json!("ab")), "alphabet", "lowercase"),
            (with(base(), "id", json!("Acme")), "id", "lowercase"),
            (with(base(), "id", json!("auto")), "id", "reserved"),
            (with(base(), "groups", json!([[4, 4, 5]])), "groups[0]", "add up to 13"),
            (with(base(), "groups", json!([[4, 4, 4], [6, 6]])), "groups", "one per length"),
            (with(base(), "checksum", json!("crc32")), "checksum", "unknown checksum"),
            (
                with(
                    with(base(), "alphabet", json!("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                    "checksum",
                    json!("rs32"),
                ),
                "checksum",
                "32 symbols",
            ),
            (with(base(), "lengths", json!([])), "lengths", "at least one"),
            (with(base(), "lengths", json!([40])), "checksum", "31 symbols"),
            (with(base(), "schema", json!("claimcheck.scheme/9")), "schema", "not supported"),
            (with(base(), "regions", json!(["IT"])), "regions[0]", "amazon.it uses XT"),
            (with(base(), "minLength", json!(5)), "lengths", "not both"),
            (with(plain(), "minLength", json!(1)), "minLength", "at least 2 symbols"),
            (with(plain(), "minLength", json!(9)), "minLength", "greater than maxLength 8"),
            (with(plain(), "maxLength", json!(65)), "maxLength", "at most 64"),
            (with(with(plain(), "minLength", json!(1)), "maxLength", json!(1)), "minLength", "at least 2 symbols"),
            (with(base(), "lengths", json!([1, 12])), "lengths", "at least 2 symbols"),
            (
                with(
                    base(),
                    "fields",
                    json!([{"kind": "region", "start": 0, "length": 2}, {"kind": "random", "start": 1, "length": 3}, {"kind": "check", "start": 10, "length": 2}]),
                ),
                "fields[1]",
                "overlaps fields[0]",
            ),
            (
                with(
                    base(),
                    "fields",
                    json!([{"kind": "region", "start": 0, "length": 2}, {"kind": "check", "start": 11, "length": 2}]),
                ),
                "fields[1]",
                "run past the end",
            ),
            (
                with(base(), "fields", json!([{"kind": "region", "start": 0, "length": 2}])),
                "fields",
                "needs a check field",
            ),
            (
                with(
                    base(),
                    "fields",
                    json!([{"kind": "region", "start": 0, "length": 3}, {"kind": "check", "start": 10, "length": 2}]),
                ),
                "fields[0].length",
                "must be 2",
            ),
            (
                with(base(), "fields", json!([{"kind": "check", "start": 0, "length": 2}])),
                "fields[0].start",
                "last symbols",
            ),
            (
                with(
                    base(),
                    "fields",
                    json!([{"kind": "validity", "start": 2, "length": 1}, {"kind": "check", "start": 10, "length": 2}]),
                ),
                "validityDays",
                "required",
            ),
            (with(base(), "issueEpoch", json!("2020-01-01")), "issueEpoch", "only allowed"),
            (with(base(), "lenghts", json!([12])), "lenghts", "unknown field"),
        ];
        for (definition, field, words) in cases {
            let e = error_of(definition.clone());
            assert_eq!(e.field, field, "{definition}: {e}");
            assert!(e.to_string().contains(words), "{definition}: '{e}' should say '{words}'");
        }
        let no_region_letters = json!({"id": "digits", "alphabet": "0123456789", "lengths": [8], "checksum": "damm",
            "fields": [{"kind": "region", "start": 0, "length": 2}, {"kind": "check", "start": 7, "length": 1}]});
        let e = error_of(no_region_letters);
        assert_eq!(e.field, "alphabet");
        assert!(e.message.contains("not in the alphabet"), "{e}");
        let bad_date = with(
            with(
                base(),
                "fields",
                json!([{"kind": "issue_day", "start": 2, "length": 3}, {"kind": "check", "start": 10, "length": 2}]),
            ),
            "issueEpoch",
            json!("2020-13-01"),
        );
        assert_eq!(error_of(bad_date).field, "issueEpoch");
    }

    #[test]
    fn registry_replaces_custom_but_not_builtin() {
        let mut r = Registry::new();
        r.register_json(&base().to_string()).unwrap();
        r.register_json(&with(base(), "name", json!("Acme 2")).to_string()).unwrap();
        assert_eq!(r.get("acme").unwrap().name, "Acme 2");
        assert_eq!(r.schemes().len(), 5);
        let e = r.register_json(&with(base(), "id", json!("giftcard")).to_string()).unwrap_err();
        assert!(e.message.contains("built-in"));
    }
}
