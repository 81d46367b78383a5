//! Reading members of JSON values with errors that name where they are (`fields[2].start`,
//! `attempts[0].at`): one reader for scheme definitions and support requests.

use crate::prelude::*;

use crate::json::{decimal, Json};

/// Largest number read anywhere (lengths, positions, days); keeps arithmetic small.
const MAX_NUMBER: i64 = 100_000;

/// Where a problem is (a path) and what it is.
pub(crate) type Problem = (String, String);

/// Where a value sits in what is read: `key`, up to two list positions, then a `member` key
/// (`fields[2].start`, `groups[1][0]`, `attempts[0].at`, `environment.locale`, `id`). Written out
/// only for a problem.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    pub key: &'a str,
    pub index: Option<usize>,
    pub inner: Option<usize>,
    pub member: &'a str,
}

impl<'a> Path<'a> {
    pub fn top(key: &'a str) -> Path<'a> {
        Path { key, index: None, inner: None, member: "" }
    }

    /// The key of the member this path ends in: `member`, or `key` at the top.
    fn name(self) -> &'a str {
        if self.member.is_empty() {
            self.key
        } else {
            self.member
        }
    }

    fn text(self) -> String {
        let mut out = String::from(self.key);
        for i in [self.index, self.inner].into_iter().flatten() {
            out.push('[');
            crate::json::write_decimal(&mut out, i as u64);
            out.push(']');
        }
        if !self.member.is_empty() {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(self.member);
        }
        out
    }
}

/// Reads the members of a JSON value (a scheme definition, a support request) and keeps the first
/// problem instead of returning at each: a wrong value reads as empty or zero and reading goes on,
/// which is harmless as only a value read without problems is used. Without an early return per
/// member the module needs no clean-up code per member (smaller wasm), and a path is written out
/// only for a problem.
#[derive(Default)]
pub(crate) struct Reader {
    pub problem: Option<Problem>,
}

impl Reader {
    pub fn finish<T>(self, value: T) -> Result<T, Problem> {
        match self.problem {
            Some(problem) => Err(problem),
            None => Ok(value),
        }
    }

    pub fn fail(&mut self, path: Path<'_>, message: String) {
        if self.problem.is_none() {
            self.problem = Some((path.text(), message));
        }
    }

    /// A type error: `expected` (ending in "not ") and the kind the value has.
    pub fn not_a(&mut self, value: &Json, path: Path<'_>, expected: &str) {
        self.fail(path, words(expected).add(value.kind()).done());
    }

    pub fn object<'v>(&mut self, value: &'v Json, path: Path<'_>) -> &'v [(String, Json)] {
        value.as_object().unwrap_or_else(|| {
            self.not_a(value, path, "must be an object, not ");
            &[]
        })
    }

    pub fn list<'v>(&mut self, value: &'v Json, path: Path<'_>) -> &'v [Json] {
        value.as_array().unwrap_or_else(|| {
            self.not_a(value, path, "must be a list, not ");
            &[]
        })
    }

    pub fn string(&mut self, value: &Json, path: Path<'_>) -> String {
        match value.as_str() {
            Some(text) => text.to_owned(),
            None => {
                self.not_a(value, path, "must be a string, not ");
                String::new()
            }
        }
    }

    /// The string member `path` names, or empty with the problem kept when it is missing.
    pub fn required_string(&mut self, object: &Json, path: Path<'_>) -> String {
        match self.optional_string(object, path) {
            Some(text) => text,
            None => {
                self.fail(path, "is required".into());
                String::new()
            }
        }
    }

    /// The string member `path` names, if it is there and not `null`.
    pub fn optional_string(&mut self, object: &Json, path: Path<'_>) -> Option<String> {
        object.present(path.name()).map(|value| self.string(value, path))
    }

    pub fn count(&mut self, value: &Json, path: Path<'_>) -> usize {
        match value.as_i64() {
            Some(n) if (0..=MAX_NUMBER).contains(&n) => n as usize,
            _ => {
                let message = words("must be a whole number from 0 to ")
                    .num(MAX_NUMBER as usize)
                    .add(", not ")
                    .add(&describe(value))
                    .done();
                self.fail(path, message);
                0
            }
        }
    }

    /// The count member of `object` that `path`'s `member` names (`fields[2].start`: `start`).
    /// (Looking it up by [`Path::name`] as the strings are cost a byte; every caller names a member.)
    pub fn required_count(&mut self, object: &Json, path: Path<'_>) -> usize {
        match object.present(path.member) {
            Some(value) => self.count(value, path),
            None => {
                self.fail(path, "is required".into());
                0
            }
        }
    }

    /// A list of counts under `key` (at position `outer` of `key` when it is a list of lists).
    pub fn counts(&mut self, value: &Json, key: &str, outer: Option<usize>) -> Vec<usize> {
        let items = self.list(value, Path { index: outer, ..Path::top(key) });
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = match outer {
                None => Path { index: Some(i), ..Path::top(key) },
                Some(o) => Path { index: Some(o), inner: Some(i), ..Path::top(key) },
            };
            out.push(self.count(item, path));
        }
        out
    }

    // Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
    #[inline(never)]
    pub fn one_of<T: Copy>(
        &mut self,
        value: &Json,
        path: Path<'_>,
        all: &[T],
        code: fn(T) -> &'static str,
    ) -> Option<T> {
        let Some(text) = value.as_str() else {
            self.not_a(value, path, "must be a string, not ");
            return None;
        };
        let found = all.iter().find(|k| code(**k) == text).copied();
        if found.is_none() {
            let mut names = String::new();
            for k in all {
                crate::push_listed(&mut names, code(*k));
            }
            self.fail(path, words("unknown value '").add(text).add("'; use one of ").add(&names).done());
        }
        found
    }

    /// Rejects keys outside `allowed` (typos must not pass silently), naming the key under `path`.
    pub fn only_known_keys(&mut self, members: &[(String, Json)], allowed: &[&str], path: Path<'_>) {
        if let Some((key, _)) = members.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            self.fail(
                Path { member: key, ..path },
                words("unknown field; the fields are ").add(&crate::join(allowed, ", ")).done(),
            );
        }
    }
}

/// A short description of a value for messages: numbers and strings as written, other kinds by name.
fn describe(value: &Json) -> String {
    match value {
        Json::Int(n) if *n < 0 => words("-").add(&decimal(n.unsigned_abs())).done(),
        Json::Int(n) => decimal(*n as u64),
        Json::OtherNumber(raw) => raw.clone(),
        other => other.kind().to_owned(),
    }
}
