//! Scheme definitions to and from JSON, with errors that name the field (`fields[2].start`).

use crate::prelude::*;

use super::{CodeKind, Field, FieldKind, SchemeDefinition, SchemeError, SchemeInfo};
use crate::json::{decimal, Json, JsonWriter, ToJson};
use crate::{cat, item_path};

/// Keys a definition may have, in the order they are written.
const DEFINITION_KEYS: [&str; 14] = [
    "schema",
    "id",
    "name",
    "kind",
    "alphabet",
    "lengths",
    "minLength",
    "maxLength",
    "groups",
    "checksum",
    "fields",
    "issueEpoch",
    "validityDays",
    "regions",
];

/// Largest number a definition may use anywhere (lengths, positions, days); keeps arithmetic small.
const MAX_NUMBER: i64 = 100_000;

type Problem = (String, String);

impl SchemeDefinition {
    /// Parses a JSON definition. Unknown keys, wrong types and malformed JSON are errors naming the
    /// field; whether the values make sense is checked by [`super::Scheme::from_definition`].
    pub fn from_json(json: &str) -> Result<SchemeDefinition, SchemeError> {
        let value = Json::parse(json).map_err(|e| SchemeError {
            scheme: String::new(),
            field: "(json)".into(),
            message: e.describe(),
        })?;
        SchemeDefinition::from_json_value(&value)
    }

    /// Reads a definition from a parsed JSON value.
    pub fn from_json_value(value: &Json) -> Result<SchemeDefinition, SchemeError> {
        let scheme = value.get("id").and_then(Json::as_str).unwrap_or_default().to_owned();
        read_definition(value).map_err(|(field, message)| SchemeError { scheme, field, message })
    }
}

// Filled field by field rather than in one struct expression: an error then drops one partly
// filled definition, instead of each `?` dropping the fields read before it (smaller wasm).
#[allow(clippy::field_reassign_with_default)]
fn read_definition(value: &Json) -> Result<SchemeDefinition, Problem> {
    only_known_keys(object(value, "(definition)")?, &DEFINITION_KEYS, "")?;
    let optional = |key: &str| value.present(key);
    let required = |key: &str| optional(key).ok_or_else(|| (key.to_owned(), "is required".to_owned()));
    let opt_string = |key: &str| optional(key).map(|v| string(v, key)).transpose();
    let opt_count = |key: &str| optional(key).map(|v| count(v, key)).transpose();
    let mut d = SchemeDefinition::default();
    d.schema = opt_string("schema")?;
    d.id = string(required("id")?, "id")?;
    d.name = opt_string("name")?;
    d.kind = optional("kind").map(|v| one_of(v, "kind", &CodeKind::ALL, |k| k.code())).transpose()?;
    d.alphabet = string(required("alphabet")?, "alphabet")?;
    d.lengths = optional("lengths").map(|v| list(v, "lengths", &count)).transpose()?;
    d.min_length = opt_count("minLength")?;
    d.max_length = opt_count("maxLength")?;
    if let Some(v) = optional("groups") {
        d.groups = list(v, "groups", &|g, path| list(g, path, &count))?;
    }
    d.checksum = string(required("checksum")?, "checksum")?;
    if let Some(v) = optional("fields") {
        d.fields = list(v, "fields", &field)?;
    }
    d.issue_epoch = opt_string("issueEpoch")?;
    if let Some(v) = optional("validityDays") {
        // Read as the lengths are (one `list` less in the wasm); counts are at most MAX_NUMBER.
        for n in list(v, "validityDays", &count)? {
            d.validity_days.push(n as u32);
        }
    }
    d.regions = optional("regions").map(|v| list(v, "regions", &string)).transpose()?;
    Ok(d)
}

fn field(value: &Json, path: &str) -> Result<Field, Problem> {
    only_known_keys(object(value, path)?, &["kind", "start", "length"], path)?;
    // Read with the bare key as the path, which is put under `path` only when there is a problem.
    let member = |key: &str| value.present(key).ok_or_else(|| (key.into(), "is required".into()));
    let read = || {
        Ok(Field {
            kind: one_of(member("kind")?, "kind", &FieldKind::ALL, |k| k.code())?,
            start: count(member("start")?, "start")?,
            length: count(member("length")?, "length")?,
        })
    };
    read().map_err(|(key, message): Problem| (cat(&[path, ".", &key]), message))
}

/// Rejects keys outside `allowed` (typos must not pass silently), naming the key under `path`.
fn only_known_keys(members: &[(String, Json)], allowed: &[&str], path: &str) -> Result<(), Problem> {
    match members.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        Some((key, _)) => {
            let field = if path.is_empty() { key.clone() } else { cat(&[path, ".", key]) };
            Err((field, cat(&["unknown field; the fields are ", &crate::join(allowed, ", ")])))
        }
        None => Ok(()),
    }
}

fn object<'a>(value: &'a Json, path: &str) -> Result<&'a [(String, Json)], Problem> {
    value.as_object().ok_or_else(|| not_a(value, path, "must be an object, not "))
}

fn string(value: &Json, path: &str) -> Result<String, Problem> {
    value.as_str().map(str::to_owned).ok_or_else(|| not_a(value, path, "must be a string, not "))
}

fn count(value: &Json, path: &str) -> Result<usize, Problem> {
    match value.as_i64() {
        Some(n) if (0..=MAX_NUMBER).contains(&n) => Ok(n as usize),
        _ => Err((
            path.to_owned(),
            cat(&["must be a whole number from 0 to ", &decimal(MAX_NUMBER as u64), ", not ", &describe(value)]),
        )),
    }
}

fn list<T>(value: &Json, path: &str, item: &dyn Fn(&Json, &str) -> Result<T, Problem>) -> Result<Vec<T>, Problem> {
    let items = value.as_array().ok_or_else(|| not_a(value, path, "must be a list, not "))?;
    // A loop, not `collect::<Result<..>>()`, and `item` as `dyn`: the adapter and the loop would
    // otherwise be compiled once per item type and reader (smaller wasm).
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        out.push(item(v, &item_path(path, i))?);
    }
    Ok(out)
}

fn one_of<T: Copy>(value: &Json, path: &str, all: &[T], code: impl Fn(T) -> &'static str) -> Result<T, Problem> {
    let text = value.as_str().ok_or_else(|| not_a(value, path, "must be a string, not "))?;
    all.iter().find(|k| code(**k) == text).copied().ok_or_else(|| {
        let mut names = String::new();
        for k in all {
            crate::push_listed(&mut names, code(*k));
        }
        (path.to_owned(), cat(&["unknown value '", text, "'; use one of ", &names]))
    })
}

/// A type error: `expected` (ending in "not ") and the kind the value has.
fn not_a(value: &Json, path: &str, expected: &str) -> Problem {
    (path.to_owned(), cat(&[expected, value.kind()]))
}

/// A short description of a value for messages: numbers and strings as written, other kinds by name.
fn describe(value: &Json) -> String {
    match value {
        Json::Int(n) if *n < 0 => cat(&["-", &decimal(n.unsigned_abs())]),
        Json::Int(n) => decimal(*n as u64),
        Json::OtherNumber(raw) => raw.clone(),
        other => other.kind().to_owned(),
    }
}

impl ToJson for Field {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str("kind", self.kind.code());
        w.field_uint("start", self.start);
        w.field_uint("length", self.length);
        w.end_object();
    }
}

impl ToJson for SchemeDefinition {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_opt_str("schema", self.schema.as_deref());
        w.field_str("id", &self.id);
        w.field_opt_str("name", self.name.as_deref());
        w.field_opt_str("kind", self.kind.map(CodeKind::code));
        w.field_str("alphabet", &self.alphabet);
        if let Some(lengths) = &self.lengths {
            w.field_list("lengths", lengths);
        }
        if let Some(n) = self.min_length {
            w.field_uint("minLength", n);
        }
        if let Some(n) = self.max_length {
            w.field_uint("maxLength", n);
        }
        if !self.groups.is_empty() {
            w.field_list("groups", &self.groups);
        }
        w.field_str("checksum", &self.checksum);
        if !self.fields.is_empty() {
            w.field_list("fields", &self.fields);
        }
        w.field_opt_str("issueEpoch", self.issue_epoch.as_deref());
        if !self.validity_days.is_empty() {
            let mut days = Vec::with_capacity(self.validity_days.len());
            for &d in &self.validity_days {
                days.push(d as usize);
            }
            w.field_list("validityDays", &days);
        }
        if let Some(regions) = &self.regions {
            w.field_list("regions", regions);
        }
        w.end_object();
    }
}

impl ToJson for SchemeInfo {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str("id", &self.id);
        w.field_str("name", &self.name);
        w.field_str("kind", self.kind.code());
        w.name("builtin");
        w.bool(self.builtin);
        w.field_str("alphabet", &self.alphabet);
        w.field_list("lengths", &self.lengths);
        w.field_list("groups", &self.groups);
        w.field_str("checksum", self.checksum);
        w.field_list("regions", &self.regions);
        w.end_object();
    }
}

/// The file of built-in schemes: `{"schema": "claimcheck.schemes/1", "version": n, "schemes": [...]}`.
pub(super) fn read_scheme_file(text: &str) -> Result<(u32, Vec<SchemeDefinition>), SchemeError> {
    let file_error = |(field, message): Problem| SchemeError { scheme: String::new(), field, message };
    let value = Json::parse(text).map_err(|e| file_error(("(json)".into(), e.describe())))?;
    let (version, schemes) = read_file_header(&value).map_err(file_error)?;
    let mut definitions = Vec::with_capacity(schemes.len());
    for (i, v) in schemes.iter().enumerate() {
        definitions.push(
            SchemeDefinition::from_json_value(v)
                .map_err(|e| SchemeError { field: cat(&[&item_path("schemes", i), ".", &e.field]), ..e })?,
        );
    }
    Ok((version, definitions))
}

/// The file's version and its list of scheme definitions, with the file's own fields checked.
fn read_file_header(value: &Json) -> Result<(u32, &[Json]), Problem> {
    only_known_keys(object(value, "(file)")?, &["schema", "version", "schemes"], "")?;
    if value.get("schema").and_then(Json::as_str) != Some("claimcheck.schemes/1") {
        return Err(("schema".into(), "must be \"claimcheck.schemes/1\"".into()));
    }
    let version = count(value.present("version").ok_or_else(|| ("version".into(), "is required".into()))?, "version")?;
    let schemes = value.present("schemes").ok_or_else(|| ("schemes".into(), "is required".into()))?;
    let schemes = schemes.as_array().ok_or_else(|| ("schemes".to_owned(), "must be a list".to_owned()))?;
    Ok((version as u32, schemes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_error(json: &str) -> SchemeError {
        SchemeDefinition::from_json(json).unwrap_err()
    }

    #[test]
    fn type_errors_name_the_field() {
        let base = r#""id": "x", "alphabet": "AB", "checksum": "none""#;
        let cases = [
            (format!("{{{base}, \"lenghts\": [12]}}"), "lenghts", "unknown field"),
            (format!("{{{base}, \"lengths\": [12, \"13\"]}}"), "lengths[1]", "not a string"),
            (format!("{{{base}, \"lengths\": [-1]}}"), "lengths[0]", "not -1"),
            (format!("{{{base}, \"lengths\": [1.5]}}"), "lengths[0]", "not 1.5"),
            (format!("{{{base}, \"groups\": [[2], 3]}}"), "groups[1]", "must be a list"),
            (format!("{{{base}, \"kind\": \"coupon\"}}"), "kind", "unknown value 'coupon'"),
            (
                format!("{{{base}, \"fields\": [{{\"kind\": \"check\", \"start\": 1}}]}}"),
                "fields[0].length",
                "required",
            ),
            (
                format!("{{{base}, \"fields\": [{{\"kind\": \"crc\", \"start\": 1, \"length\": 1}}]}}"),
                "fields[0].kind",
                "issue_day",
            ),
            (
                format!("{{{base}, \"fields\": [{{\"kind\": \"check\", \"start\": 1, \"length\": 1, \"x\": 0}}]}}"),
                "fields[0].x",
                "unknown field",
            ),
            (r#"{"alphabet": "AB", "checksum": "none"}"#.to_owned(), "id", "is required"),
            ("[1]".to_owned(), "(definition)", "must be an object, not an array"),
            ("{\"id\": ".to_owned(), "(json)", "line 1 column 8"),
        ];
        for (json, field, words) in cases {
            let e = field_error(&json);
            assert_eq!(e.field, field, "{json}: {e}");
            assert!(e.message.contains(words), "{json}: '{e}' should say '{words}'");
        }
        assert_eq!(field_error(r#"{"id": "acme", "alphabet": 5, "checksum": "none"}"#).scheme, "acme");
    }

    #[test]
    fn definitions_round_trip_through_json() {
        for scheme in super::super::builtin() {
            let json = scheme.definition.to_json();
            assert_eq!(SchemeDefinition::from_json(&json).unwrap(), scheme.definition, "{json}");
        }
        let null_is_absent =
            SchemeDefinition::from_json(r#"{"id": "x", "alphabet": "AB", "checksum": "none", "name": null}"#);
        assert_eq!(null_is_absent.unwrap().name, None);
    }

    #[test]
    fn the_scheme_file_is_checked() {
        assert!(read_scheme_file(r#"{"schema": "claimcheck.schemes/2", "version": 1, "schemes": []}"#).is_err());
        let e = read_scheme_file(r#"{"schema": "claimcheck.schemes/1", "version": 1, "schemes": [{"id": "x"}]}"#)
            .unwrap_err();
        assert_eq!(e.field, "schemes[0].alphabet");
    }
}
