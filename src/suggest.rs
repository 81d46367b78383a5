//! "Did you mean": the codes the customer most likely meant.
//!
//! For rs32 schemes the candidates come from the check symbols, not from guessing: one wrong symbol
//! is located and corrected from the syndromes; up to two unreadable or impossible symbols (`?`, 0, O,
//! 1, I) are recovered at their known positions; adjacent transpositions, one missing and one extra
//! symbol, letters swapped throughout as by a keyboard set to another language (Y/Z; A/Q and W/Z),
//! and two look-alike characters both misread (8/B, 2/Z) are tried, and a whole code inside longer
//! input (a label or sentence pasted with it) is looked for. Every candidate must pass every check
//! of its scheme but two: a code that is only expired or for another marketplace is still the
//! customer's code, and taking it shows that verdict. Codes that work here come first, then by
//! edit distance, then by a human-error model (5/S is likely, a far-apart substitution is not).
//! Without a checksum nothing is invented: `ambiguous_characters` points at characters to re-check.

use crate::prelude::*;

use crate::checksum::{rs32, Checksum};
use crate::finding::{Finding, FindingCode, Severity};
use crate::json::{decimal, JsonWriter, Key, ToJson};
use crate::scheme::{FieldKind, Scheme};
use crate::validate::{is_recoverable, Context, Status};

/// Most suggestions returned.
pub const MAX_SUGGESTIONS: usize = 3;

/// The kind of an edit that turns the input into a suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditKind {
    /// One symbol replaced.
    Substitute,
    /// Two neighbouring symbols swapped (`position` is the first).
    Transpose,
    /// A missing symbol inserted before `position`.
    Insert,
    /// Extra symbols removed: one typed by mistake, or the text around a code found inside it
    /// (`from` holds what is removed).
    Delete,
}

impl EditKind {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            EditKind::Substitute => "substitute",
            EditKind::Transpose => "transpose",
            EditKind::Insert => "insert",
            EditKind::Delete => "delete",
        }
    }
}

/// One edit, at a 0-based position of the normalised input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// What kind of edit.
    pub kind: EditKind,
    /// Where.
    pub position: usize,
    /// What was there (absent for an insertion).
    pub from: Option<String>,
    /// What goes there (absent for a deletion).
    pub to: Option<String>,
}

/// A code the customer probably meant.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The suggested code, normalised.
    pub code: String,
    /// Grouped for display.
    pub display: String,
    /// How likely this is the intended code, 0–1 (the suggestions of one result add up to at most 1).
    pub confidence: f64,
    /// The edits from the input to the suggestion.
    pub edits: Vec<Edit>,
}

impl Eq for Suggestion {}

impl ToJson for Edit {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Kind, self.kind.code());
        w.field_uint(Key::Position, self.position);
        w.field_opt_str(Key::From, self.from.as_deref());
        w.field_opt_str(Key::To, self.to.as_deref());
        w.end_object();
    }
}

impl ToJson for Suggestion {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Code, &self.code);
        w.field_str(Key::Display, &self.display);
        w.name(Key::Confidence);
        // Confidence is in [0, 1] with two decimals: written without float formatting.
        w.thousandths(crate::round_non_negative(self.confidence.clamp(0.0, 1.0) * 1000.0) as u32);
        w.field_list(Key::Edits, &self.edits);
        w.end_object();
    }
}

/// A repaired code before ranking.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub symbols: Vec<char>,
    pub edits: Vec<Edit>,
    /// Relative likelihood under the human-error model.
    pub weight: f64,
    /// Number of symbols changed (erasure recoveries count as 0: their positions were known).
    pub distance: u8,
    /// True for a code that is expired or for another marketplace; set by [`suggest`].
    pub elsewhere: bool,
}

/// Suggestions for an input that failed under `scheme`, best first. For an `invalid` input that no
/// repair explains, a code inside it (see [`embedded_code`]).
pub(crate) fn suggest(ctx: &Context<'_>, scheme: &Scheme, symbols: &[char], invalid: bool) -> Vec<Suggestion> {
    let mut candidates = if scheme.checksum == Checksum::None {
        Vec::new()
    } else if scheme.accepts_length(symbols.len()) {
        let mut c = if scheme.checksum == Checksum::Rs32 {
            ctx.rs32_repairs(scheme, symbols)
        } else {
            substitutions(ctx, scheme, symbols)
        };
        c.append(&mut transpositions(ctx, scheme, symbols));
        if let Some((_, layout)) = layout_swap(ctx, scheme, symbols) {
            c.push(layout);
        }
        c.append(&mut lookalike_pairs(ctx, scheme, symbols));
        c
    } else {
        length_repairs(ctx, scheme, symbols)
    };
    let mut ranked_by = scheme;
    if invalid && candidates.is_empty() {
        if let Some((found_in, found)) = embedded_code(ctx, symbols).or_else(|| after_label(ctx, symbols)) {
            (ranked_by, candidates) = (found_in, found);
        }
    }
    // A code that is expired or for another marketplace (see `passes`) comes after every code that
    // works here (well-formed: a code after a label may be of a scheme without checksum).
    for c in &mut candidates {
        c.elsewhere = !matches!(ctx.evaluate(ranked_by, &c.symbols).status, Status::Valid | Status::Unverifiable);
    }
    rank(ranked_by, candidates)
}

fn rank(scheme: &Scheme, mut candidates: Vec<Candidate>) -> Vec<Suggestion> {
    crate::sort_small(&mut candidates, |a, b| {
        (a.elsewhere, a.distance, -a.weight) < (b.elsewhere, b.distance, -b.weight)
    });
    // The best candidate of each code (moved, not copied).
    let mut kept: Vec<Candidate> = Vec::new();
    for c in candidates {
        if !kept.iter().any(|k| k.symbols == c.symbols) {
            kept.push(c);
        }
    }
    // The rest of the probability goes to "none of these" (more errors than we can see).
    let total: f64 = kept.iter().map(|c| c.weight).sum::<f64>() + 0.1;
    kept.truncate(MAX_SUGGESTIONS);
    let mut suggestions = Vec::with_capacity(kept.len());
    for c in kept {
        let code = crate::text_of(&c.symbols);
        suggestions.push(Suggestion {
            display: scheme.display(&code),
            code,
            confidence: crate::round_non_negative((c.weight / total) * 100.0) / 100.0,
            edits: c.edits,
        });
    }
    suggestions
}

/// Repairs at the scheme's length from the check symbols alone: the recovery of up to two
/// unreadable or impossible symbols, or the correction of one wrong symbol. Only candidates that pass
/// every check are returned.
pub(crate) fn rs32_repairs(ctx: &Context<'_>, scheme: &Scheme, symbols: &[char]) -> Vec<Candidate> {
    if scheme.checksum != Checksum::Rs32 || !scheme.accepts_length(symbols.len()) {
        return Vec::new();
    }
    let mut erasures = Vec::new();
    let mut impossible = false;
    let mut values = Vec::with_capacity(symbols.len());
    for (i, &c) in symbols.iter().enumerate() {
        let value = scheme.alphabet.value(c);
        if value.is_none() {
            // `?` and 0/O/1/I are recovered at their positions; so is any other character (a
            // neighbouring key such as Ü or #, a Cyrillic letter) when it is the only one: the
            // second check symbol then verifies what the first recovers.
            impossible |= !is_recoverable(scheme, c);
            erasures.push(i);
        }
        values.push(value.unwrap_or(0));
    }
    if impossible && erasures.len() > 1 {
        return Vec::new();
    }
    let mut out = Vec::new();
    if erasures.is_empty() {
        if let Some(fix) = rs32::correct_one(&values) {
            let to = scheme.alphabet.symbol(fix.value);
            let from = symbols[fix.position];
            let mut fixed = symbols.to_vec();
            fixed[fix.position] = to;
            out.push(Candidate {
                symbols: fixed,
                edits: vec![substitute(fix.position, from, to)],
                weight: substitution_weight(from, to),
                distance: 1,
                elsewhere: false,
            });
        }
    } else if erasures.len() <= 2 {
        if let Some(recovered) = rs32::recover(&values, &erasures) {
            let mut fixed = symbols.to_vec();
            let mut edits = Vec::new();
            let mut weight = 1.0;
            for (&p, &v) in erasures.iter().zip(&recovered) {
                let to = scheme.alphabet.symbol(v);
                edits.push(substitute(p, symbols[p], to));
                fixed[p] = to;
                // A typed O that is really a Q or D is the expected case; an O that is a 7 is odd.
                weight *= if symbols[p] == '?' { 1.0 } else { 0.5 + 0.5 * substitution_weight(symbols[p], to) };
            }
            out.push(Candidate { symbols: fixed, edits, weight, distance: 0, elsewhere: false });
        }
    }
    out.retain(|c| passes(ctx, scheme, &c.symbols));
    out
}

/// For checksums that cannot locate an error: every single substitution that restores a valid code
/// (at most length × alphabet checks).
fn substitutions(ctx: &Context<'_>, scheme: &Scheme, symbols: &[char]) -> Vec<Candidate> {
    let mut out = Vec::new();
    if symbols.iter().any(|&c| !scheme.alphabet.contains(c)) {
        return out;
    }
    for (p, &from) in symbols.iter().enumerate() {
        for to in scheme.alphabet.as_str().chars().filter(|&c| c != from) {
            let mut fixed = symbols.to_vec();
            fixed[p] = to;
            if passes(ctx, scheme, &fixed) {
                out.push(Candidate {
                    symbols: fixed,
                    edits: vec![substitute(p, from, to)],
                    weight: substitution_weight(from, to),
                    distance: 1,
                    elsewhere: false,
                });
            }
        }
    }
    out
}

/// Adjacent transpositions that restore a valid code.
fn transpositions(ctx: &Context<'_>, scheme: &Scheme, symbols: &[char]) -> Vec<Candidate> {
    let mut out = Vec::new();
    if symbols.iter().any(|&c| !scheme.alphabet.contains(c)) {
        return out;
    }
    // rs32 tells from its syndromes which swaps verify; other checksums try each swap.
    let rs32_values: Vec<u8> = match scheme.checksum {
        Checksum::Rs32 => scheme.alphabet.values_of(symbols),
        _ => Vec::new(),
    };
    let syndromes = rs32::syndromes(&rs32_values);
    for i in 0..symbols.len().saturating_sub(1) {
        let worth_trying = match scheme.checksum {
            Checksum::Rs32 => rs32::swap_restores(&rs32_values, syndromes, i),
            _ => symbols[i] != symbols[i + 1],
        };
        if !worth_trying {
            continue;
        }
        let mut swapped = symbols.to_vec();
        swapped.swap(i, i + 1);
        if passes(ctx, scheme, &swapped) {
            let from = crate::text_of(&symbols[i..i + 2]);
            let to = crate::text_of(&swapped[i..i + 2]);
            out.push(Candidate {
                symbols: swapped,
                edits: vec![Edit { kind: EditKind::Transpose, position: i, from: Some(from), to: Some(to) }],
                weight: 0.4,
                distance: 2,
                elsewhere: false,
            });
        }
    }
    out
}

/// Letters a keyboard set to another language types in place of others: German and English layouts
/// swap Y and Z; French and English swap A and Q, and W and Z. Each with its name, the letters, and
/// what each becomes.
const LAYOUTS: [(&str, &[u8], &[u8]); 2] = [("Y/Z", b"YZ", b"ZY"), ("A/Q, W/Z", b"AQWZ", b"QAZW")];

/// The input as typed on the other layout of a pair, as a candidate, and that pair's name: every
/// such letter swapped at once, when that changes two or more (one is a substitution the other
/// repairs find) and the result passes. Two swapped letters defeat the checksum's correction of one
/// symbol: without this reading, a third, wrong position was "corrected" for about a third of such
/// codes. An input with one typo reads this way by chance about once in 2,000 (tests/exhaustive.rs),
/// so this reading ranks first.
pub(crate) fn layout_swap(ctx: &Context<'_>, scheme: &Scheme, symbols: &[char]) -> Option<(&'static str, Candidate)> {
    for (name, letters, swapped_to) in LAYOUTS {
        let mut fixed = symbols.to_vec();
        let mut swapped = 0;
        for c in &mut fixed {
            if let Some(i) = letters.iter().position(|&b| char::from(b) == *c) {
                *c = char::from(swapped_to[i]);
                swapped += 1;
            }
        }
        if swapped > 1 && passes(ctx, scheme, &fixed) {
            // The edits only now: most inputs fail the check, and each edit holds two strings.
            let mut edits = Vec::new();
            for (p, (&from, &to)) in symbols.iter().zip(&fixed).enumerate() {
                if from != to {
                    edits.push(substitute(p, from, to));
                }
            }
            return Some((name, Candidate { symbols: fixed, edits, weight: 3.0, distance: 0, elsewhere: false }));
        }
    }
    None
}

/// The character of the scheme's alphabet that `c` is easily confused with when reading a printed
/// code (5/S, 8/B, 2/Z, D/Q, 6/G, and 0/O, 1/I where the alphabet has both), if any.
fn confusable_with(scheme: &Scheme, c: char) -> Option<char> {
    let k = CONFUSABLE.iter().position(|&x| char::from(x) == c)?;
    let other = char::from(CONFUSABLE[k ^ 1]);
    scheme.alphabet.contains(other).then_some(other)
}

/// Two characters that look alike both misread (a B typed for an 8, a 2 for a Z), as candidates:
/// every pair of confusable characters flipped, where that passes. One check symbol's correction
/// cannot undo two: before this reading, 45% of such gift cards and 38% of credits got a
/// "correction" of a third, wrong symbol, and under 2% got their own code back
/// (tests/correction_rates.rs). A random input passes once in 1,024 flips, and a code has a handful
/// of confusable characters, so this ranks after one-symbol corrections and swaps of neighbours, the
/// likelier errors.
fn lookalike_pairs(ctx: &Context<'_>, scheme: &Scheme, symbols: &[char]) -> Vec<Candidate> {
    // Each candidate built and checked. Judging a pair from rs32's syndromes first made the typo case
    // faster in Node (13.2-13.8 us against 14.9; 12.5-12.7 without pairs) but the module 298 bytes
    // larger (twenty-sixth session).
    let mut out = Vec::new();
    for (i, &first) in symbols.iter().enumerate() {
        let Some(a) = confusable_with(scheme, first) else { continue };
        for (j, &second) in symbols.iter().enumerate().skip(i + 1) {
            let Some(b) = confusable_with(scheme, second) else { continue };
            let mut fixed = symbols.to_vec();
            (fixed[i], fixed[j]) = (a, b);
            if passes(ctx, scheme, &fixed) {
                let edits = vec![substitute(i, first, a), substitute(j, second, b)];
                out.push(Candidate { symbols: fixed, edits, weight: 0.3, distance: 2, elsewhere: false });
            }
        }
    }
    out
}

/// One missing symbol (recovered as an erasure at each possible place) or one extra symbol (each
/// deleted in turn), for inputs one symbol off an allowed length.
fn length_repairs(ctx: &Context<'_>, scheme: &Scheme, symbols: &[char]) -> Vec<Candidate> {
    let n = symbols.len();
    let mut out = Vec::new();
    // A symbol the alphabet lacks can only be the one typed too many (an "O" slipped in): then it
    // is the one to delete, and nothing is inserted.
    let foreign = symbols.iter().filter(|&&c| !scheme.alphabet.contains(c)).count();
    if foreign > 1 {
        return out;
    }
    if foreign == 1 {
        // Nothing to insert. (Guarding the two branches below with `foreign == 0` instead measured 6
        // to 19 bytes larger in the browser module.)
    } else if scheme.accepts_length(n + 1) && scheme.checksum == Checksum::Rs32 {
        let values = scheme.alphabet.values_of(symbols);
        for p in 0..=n {
            let mut with_gap = values.clone();
            with_gap.insert(p, 0);
            let Some(v) = rs32::recover(&with_gap, &[p]).and_then(|r| r.first().copied()) else { continue };
            let to = scheme.alphabet.symbol(v);
            let mut fixed = symbols.to_vec();
            fixed.insert(p, to);
            // A missing last symbol is most likely just not typed yet.
            let weight = if p == n { 0.35 } else { 0.3 };
            out.push(Candidate {
                symbols: fixed,
                edits: vec![Edit { kind: EditKind::Insert, position: p, from: None, to: Some(to.to_string()) }],
                weight,
                distance: 1,
                elsewhere: false,
            });
        }
    } else if scheme.accepts_length(n + 1) {
        for p in 0..=n {
            for v in 0..scheme.alphabet.len() {
                let mut fixed = symbols.to_vec();
                let to = scheme.alphabet.symbol(v as u8);
                fixed.insert(p, to);
                out.push(Candidate {
                    symbols: fixed,
                    edits: vec![Edit { kind: EditKind::Insert, position: p, from: None, to: Some(to.to_string()) }],
                    weight: if p == n { 0.35 } else { 0.3 },
                    distance: 1,
                    elsewhere: false,
                });
            }
        }
    }
    if n > 0 && scheme.accepts_length(n - 1) {
        for p in 0..n {
            // Deleting either of a doubled symbol gives the same code; an impossible one is the only
            // one to delete.
            if p > 0 && symbols[p] == symbols[p - 1] || foreign == 1 && scheme.alphabet.contains(symbols[p]) {
                continue;
            }
            let mut fixed = symbols.to_vec();
            let removed = fixed.remove(p);
            let doubled = symbols.get(p + 1) == Some(&removed);
            out.push(Candidate {
                symbols: fixed,
                edits: vec![Edit { kind: EditKind::Delete, position: p, from: Some(removed.to_string()), to: None }],
                weight: if doubled { 0.5 } else { 0.3 },
                distance: 1,
                elsewhere: false,
            });
        }
    }
    out.retain(|c| passes(ctx, scheme, &c.symbols));
    out
}

/// A whole code inside longer input: pasted with a label ("Claim code:", "Gutscheincode"), with the
/// rest of a sentence, or twice. The first scheme (only the scheme asked for, if one was) with such a
/// code gives the suggestions (see [`code_windows`]).
fn embedded_code<'a>(ctx: &Context<'a>, symbols: &[char]) -> Option<(&'a Scheme, Vec<Candidate>)> {
    for scheme in ctx.registry.schemes() {
        if ctx.scheme.is_some_and(|asked| !core::ptr::eq(asked, &**scheme)) {
            continue;
        }
        let found = code_windows(ctx, scheme, symbols);
        if !found.is_empty() {
            return Some((scheme, found));
        }
    }
    None
}

/// The code after a label that ends in "code:" ("Claim Code: …", "Gutscheincode: …", "Promo code: …"),
/// as typed, when it is well-formed for the scheme asked for or detected. For schemes without a
/// checksum too: nothing is invented, only the label removed, and a label ending in "code:" leaves
/// little doubt about where the code starts.
fn after_label<'a>(ctx: &Context<'a>, symbols: &[char]) -> Option<(&'a Scheme, Vec<Candidate>)> {
    let colon = symbols.iter().rposition(|&c| c == ':')?;
    let (label, code) = (&symbols[..=colon], &symbols[colon + 1..]);
    if !label.ends_with(&['C', 'O', 'D', 'E', ':']) || code.is_empty() {
        return None;
    }
    // The code checked on its own, as if typed without the label.
    let alone = ctx.run(&crate::text_of(code));
    if !alone.is_well_formed() {
        return None;
    }
    let scheme = ctx.registry.get(alone.scheme.as_deref()?)?;
    let edit = Edit { kind: EditKind::Delete, position: 0, from: Some(crate::text_of(label)), to: None };
    Some((
        scheme,
        vec![Candidate { symbols: code.to_vec(), edits: vec![edit], weight: 0.9, distance: 1, elsewhere: false }],
    ))
}

/// Every window of `symbols` shorter than the whole that is a code of `scheme` passing every check,
/// with the text around it as deletions. Only schemes with rs32 and a region prefix are strong enough
/// for this: a random window passes the two check symbols once in 1,024 tries and starts with one of
/// the 23 marketplace prefixes about once in 45, so even the 241 windows of 256 symbols let through
/// a random code only once in about 190 such inputs. A one-digit check would pass one window in ten,
/// and rs32 alone one in four of those inputs.
pub(crate) fn code_windows(ctx: &Context<'_>, scheme: &Scheme, symbols: &[char]) -> Vec<Candidate> {
    let n = symbols.len();
    let mut found = Vec::new();
    if scheme.checksum != Checksum::Rs32 || scheme.field(FieldKind::Region).is_none() {
        return found;
    }
    for &length in scheme.lengths.iter().filter(|&&l| l < n) {
        for start in 0..=n - length {
            let end = start + length;
            let window = &symbols[start..end];
            // A window without a marketplace prefix cannot pass (`unknown_prefix`): a lookup of its
            // two prefix symbols instead of a checksum over the window, for all but one in about 45.
            if ctx.known_prefix(scheme, window).is_none() || !passes(ctx, scheme, window) {
                continue;
            }
            let mut edits = Vec::new();
            for (position, removed) in [(0, &symbols[..start]), (end, &symbols[end..])] {
                if !removed.is_empty() {
                    let from = Some(crate::text_of(removed));
                    edits.push(Edit { kind: EditKind::Delete, position, from, to: None });
                }
            }
            // At most 256 symbols are checked, and a code has at least 2.
            let distance = (n - length) as u8;
            found.push(Candidate { symbols: window.to_vec(), edits, weight: 0.9, distance, elsewhere: false });
        }
    }
    found
}

/// True when the candidate passes every check of the scheme but expiry and marketplace (warnings allowed).
pub(crate) fn passes(ctx: &Context<'_>, scheme: &Scheme, symbols: &[char]) -> bool {
    // Length and checksum first: they reject almost every candidate without the full evaluation.
    // A code that is only expired or for another marketplace is still the customer's code: it is
    // suggested, and taking it shows that verdict.
    scheme.accepts_length(symbols.len())
        && crate::validate::checksum_passes(scheme, symbols)
        && ctx
            .evaluate(scheme, symbols)
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error || matches!(f.code, FindingCode::Expired | FindingCode::WrongRegion))
}

fn substitute(position: usize, from: char, to: char) -> Edit {
    Edit { kind: EditKind::Substitute, position, from: Some(from.to_string()), to: Some(to.to_string()) }
}

/// Pairs of characters people confuse when reading a printed code, two bytes a pair: 5/S, 8/B, 2/Z,
/// U/V, 6/G, D/0, O/0, O/Q, O/D, Q/0, 1/I, 1/L, I/L, 1/7, 7/T, C/G, E/F, M/N, H/N, K/X, V/Y, P/R,
/// B/R, 3/8, 4/A, 9/G, W/V, Q/G, B/E, Y/4.
const LOOKALIKES: &[u8; 60] = b"5S8B2ZUV6GD0O0OQODQ01I1LIL177TCGEFMNHNKXVYPRBR384A9GWVQGBEY4";

/// The pairs most easily confused in a printed code, two bytes a pair: the ones worth re-checking
/// in codes without check characters, and the ones tried two at a time in codes with them.
const CONFUSABLE: &[u8; 14] = b"0O1I5S8B2ZQD6G";

/// Keyboard rows (QWERTY and QWERTZ) for neighbouring-key slips.
const KEY_ROWS: &[&str] = &["1234567890", "QWERTYUIOP", "QWERTZUIOP", "ASDFGHJKL", "ZXCVBNM", "YXCVBNM"];

fn is_lookalike(a: char, b: char) -> bool {
    LOOKALIKES.chunks_exact(2).any(|pair| {
        let (x, y) = (char::from(pair[0]), char::from(pair[1]));
        (x == a && y == b) || (x == b && y == a)
    })
}

fn is_key_neighbour(a: char, b: char) -> bool {
    KEY_ROWS.iter().any(|row| {
        // Byte positions (the rows are ASCII): `str::find` would bring the char searcher along.
        let position = |c: char| row.bytes().position(|k| char::from(k) == c);
        let (Some(i), Some(j)) = (position(a), position(b)) else { return false };
        i.abs_diff(j) == 1
    }) || (a == 'Y' && b == 'Z')
        || (a == 'Z' && b == 'Y')
}

/// Relative likelihood that `to` was meant where `from` was typed.
pub fn substitution_weight(from: char, to: char) -> f64 {
    if is_lookalike(from, to) {
        0.9
    } else if is_key_neighbour(from, to) {
        0.6
    } else {
        0.45
    }
}

/// For schemes without a checksum: the positions of characters easily confused with another letter or
/// digit of the scheme's alphabet (in digits-only codes an 8 is no B), as an info finding (`position` =
/// the first, `actual` = all of them, 1-based, comma-separated).
pub(crate) fn ambiguous_characters(scheme: &Scheme, symbols: &[char]) -> Option<Finding> {
    let (mut first, mut list) = (None, String::new());
    for (i, &c) in symbols.iter().enumerate() {
        if confusable_with(scheme, c).is_some() {
            crate::push_listed(&mut list, &decimal(i as u64 + 1));
            first = first.or(Some(i));
        }
    }
    Some(Finding::new(FindingCode::AmbiguousCharacters, Severity::Info).at(first?).actual(list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_follow_the_human_error_model() {
        assert!(substitution_weight('5', 'S') > substitution_weight('T', 'Y'));
        assert!(substitution_weight('T', 'Y') > substitution_weight('K', '7'));
        assert!(is_key_neighbour('Y', 'Z') && !is_key_neighbour('A', 'L'));
    }

    #[test]
    fn ambiguous_positions_are_listed_one_based() {
        let promo = crate::scheme::builtin().iter().find(|s| s.id == "promo").unwrap();
        let symbols: Vec<char> = "AB0CDEF".chars().collect();
        let f = ambiguous_characters(promo, &symbols).unwrap();
        assert_eq!(f.position, Some(1));
        assert_eq!(f.actual.as_deref(), Some("2, 3, 5"));
        assert!(ambiguous_characters(promo, &['A', 'C']).is_none());
        // Without letters, digits have nothing to be confused with; without 8, a B neither.
        let digits = Scheme::from_json(r#"{"id": "d", "alphabet": "0123456789", "lengths": [4], "checksum": "none"}"#);
        assert!(ambiguous_characters(&digits.unwrap(), &['0', '1', '5', '8']).is_none());
        let letters = Scheme::from_json(r#"{"id": "l", "alphabet": "ABCDOQS", "lengths": [4], "checksum": "none"}"#);
        let f = ambiguous_characters(&letters.unwrap(), &['B', 'O', 'Q', 'D']).unwrap();
        assert_eq!(f.actual.as_deref(), Some("3, 4"), "Q and D both there; B's 8 and O's 0 are not");
    }
}
