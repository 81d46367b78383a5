//! Scheme definitions to and from JSON, with errors that name the field (`fields[2].start`).

use crate::prelude::*;

use super::{CodeKind, Field, FieldKind, Scheme, SchemeDefinition, SchemeError, SchemeInfo};
use crate::item_path;
use crate::json::{Json, JsonWriter, Key, ToJson};
use crate::read::{Path, Problem, Reader};

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

#[allow(clippy::field_reassign_with_default)]
fn read_definition(value: &Json) -> Result<SchemeDefinition, Problem> {
    let Some(members) = value.as_object() else {
        return Err(("(definition)".into(), words("must be an object, not ").add(value.kind()).done()));
    };
    let mut r = Reader::default();
    r.only_known_keys(members, &DEFINITION_KEYS, Path::top(""));
    let mut d = SchemeDefinition::default();
    d.schema = r.optional_string(value, Path::top("schema"));
    d.id = r.required_string(value, Path::top("id"));
    d.name = r.optional_string(value, Path::top("name"));
    d.kind = value.present("kind").and_then(|v| r.one_of(v, Path::top("kind"), &CodeKind::ALL, CodeKind::code));
    d.alphabet = r.required_string(value, Path::top("alphabet"));
    d.lengths = value.present("lengths").map(|v| r.counts(v, "lengths", None));
    d.min_length = value.present("minLength").map(|v| r.count(v, Path::top("minLength")));
    d.max_length = value.present("maxLength").map(|v| r.count(v, Path::top("maxLength")));
    if let Some(v) = value.present("groups") {
        for (i, grouping) in r.list(v, Path::top("groups")).iter().enumerate() {
            d.groups.push(r.counts(grouping, "groups", Some(i)));
        }
    }
    d.checksum = r.required_string(value, Path::top("checksum"));
    if let Some(v) = value.present("fields") {
        for (i, field) in r.list(v, Path::top("fields")).iter().enumerate() {
            d.fields.push(read_field(&mut r, field, i));
        }
    }
    d.issue_epoch = r.optional_string(value, Path::top("issueEpoch"));
    if let Some(v) = value.present("validityDays") {
        // Counts are at most MAX_NUMBER, so they fit.
        for n in r.counts(v, "validityDays", None) {
            d.validity_days.push(n as u32);
        }
    }
    if let Some(v) = value.present("regions") {
        let mut regions = Vec::new();
        for (i, region) in r.list(v, Path::top("regions")).iter().enumerate() {
            regions.push(r.string(region, Path { index: Some(i), ..Path::top("regions") }));
        }
        d.regions = Some(regions);
    }
    r.finish(d)
}

/// Reads one member of `fields` (at position `i`).
fn read_field(r: &mut Reader, value: &Json, i: usize) -> Field {
    let at = |member| Path { index: Some(i), member, ..Path::top("fields") };
    let members = r.object(value, at(""));
    r.only_known_keys(members, &["kind", "start", "length"], at(""));
    let kind = match value.present("kind") {
        Some(v) => r.one_of(v, at("kind"), &FieldKind::ALL, FieldKind::code),
        None => {
            r.fail(at("kind"), "is required".into());
            None
        }
    };
    let start = r.required_count(value, at("start"));
    let length = r.required_count(value, at("length"));
    Field { kind: kind.unwrap_or(FieldKind::Random), start, length }
}

impl ToJson for Field {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Kind, self.kind.code());
        w.field_uint(Key::Start, self.start);
        w.field_uint(Key::Length, self.length);
        w.end_object();
    }
}

impl ToJson for SchemeDefinition {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_opt_str(Key::Schema, self.schema.as_deref());
        w.field_str(Key::Id, &self.id);
        w.field_opt_str(Key::Name, self.name.as_deref());
        w.field_opt_str(Key::Kind, self.kind.map(CodeKind::code));
        w.field_str(Key::Alphabet, &self.alphabet);
        if let Some(lengths) = &self.lengths {
            w.field_list(Key::Lengths, lengths);
        }
        if let Some(n) = self.min_length {
            w.field_uint(Key::MinLength, n);
        }
        if let Some(n) = self.max_length {
            w.field_uint(Key::MaxLength, n);
        }
        if !self.groups.is_empty() {
            w.field_list(Key::Groups, &self.groups);
        }
        w.field_str(Key::Checksum, &self.checksum);
        if !self.fields.is_empty() {
            w.field_list(Key::Fields, &self.fields);
        }
        w.field_opt_str(Key::IssueEpoch, self.issue_epoch.as_deref());
        if !self.validity_days.is_empty() {
            let mut days = Vec::with_capacity(self.validity_days.len());
            for &d in &self.validity_days {
                days.push(d as usize);
            }
            w.field_list(Key::ValidityDays, &days);
        }
        if let Some(regions) = &self.regions {
            w.field_list(Key::Regions, regions);
        }
        w.end_object();
    }
}

impl ToJson for SchemeInfo<'_> {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Id, self.id);
        w.field_str(Key::Name, self.name);
        w.field_str(Key::Kind, self.kind.code());
        w.name(Key::Builtin);
        w.bool(self.builtin);
        w.field_str(Key::Alphabet, self.alphabet);
        w.field_list(Key::Lengths, self.lengths);
        w.field_list(Key::Groups, self.groups);
        w.field_str(Key::Checksum, self.checksum);
        // The region prefixes.
        w.name(Key::Regions);
        w.begin_array();
        for m in self.regions {
            w.string(m.prefix);
        }
        w.end_array();
        w.end_object();
    }
}

/// The file of built-in schemes, `{"schema": "claimcheck.schemes/1", "version": n, "schemes": [...]}`:
/// its version and its schemes, each checked like a registered one and marked built-in. The file is
/// compiled in and checked by the tests (with this reader, which names its problems), so its own
/// members get one plain error.
#[cfg(test)]
pub(super) fn read_builtin_file(text: &str) -> Result<(u32, Vec<alloc::sync::Arc<Scheme>>), SchemeError> {
    let (version, schemes) = read_scheme_file(&Json::parse(text).unwrap_or(Json::Null))?;
    let mut built_in = Vec::with_capacity(schemes.len());
    for scheme in schemes {
        built_in.push(alloc::sync::Arc::new(Scheme { builtin: true, ..scheme }));
    }
    Ok((version, built_in))
}

/// A parsed scheme file (the built-in file's format): its version and its checked schemes.
fn read_scheme_file(value: &Json) -> Result<(u32, Vec<Scheme>), SchemeError> {
    let file = Some(value).filter(|v| v.get("schema").and_then(Json::as_str) == Some("claimcheck.schemes/1"));
    let version = file.and_then(|v| v.get("version")).and_then(Json::as_i64).and_then(|n| u32::try_from(n).ok());
    let (Some(version), Some(list)) = (version, file.and_then(|v| v.get("schemes")).and_then(Json::as_array)) else {
        return Err(SchemeError {
            scheme: String::new(),
            field: "(file)".into(),
            message: "must be a claimcheck.schemes/1 object with a version and a list of schemes".into(),
        });
    };
    Ok((version, read_list(list, "schemes")?))
}

/// Definitions of a list, each checked; a problem's field named by its place (`schemes[1].alphabet`).
fn read_list(list: &[Json], path: &str) -> Result<Vec<Scheme>, SchemeError> {
    let mut schemes = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let scheme = SchemeDefinition::from_json_value(v)
            .and_then(Scheme::from_definition)
            .map_err(|e| SchemeError { field: item_path(path, i).add(".").add(&e.field).done(), ..e })?;
        schemes.push(scheme);
    }
    Ok(schemes)
}

/// The schemes of a JSON text holding one definition, a list of definitions, or a scheme file
/// (`claimcheck.schemes/1`, the built-in file's format), each checked; the first problem names the
/// definition by its place (`[1].alphabet`, `schemes[1].alphabet`).
pub(super) fn read_definitions(text: &str) -> Result<Vec<Scheme>, SchemeError> {
    let value = Json::parse(text).map_err(|e| SchemeError {
        scheme: String::new(),
        field: "(json)".into(),
        message: e.describe(),
    })?;
    if let Some(list) = value.as_array() {
        read_list(list, "")
    } else if value.get("schemes").is_some() {
        Ok(read_scheme_file(&value)?.1)
    } else {
        Ok(vec![Scheme::from_definition(SchemeDefinition::from_json_value(&value)?)?])
    }
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
            (format!("{{{base}, \"groups\": [[2], [1, \"x\"]]}}"), "groups[1][1]", "not a string"),
            (format!("{{{base}, \"regions\": [\"DE\", 5]}}"), "regions[1]", "must be a string, not a number"),
            (format!("{{{base}, \"validityDays\": [30, 0.5]}}"), "validityDays[1]", "not 0.5"),
            (format!("{{{base}, \"fields\": [5]}}"), "fields[0]", "must be an object, not a number"),
            // The first problem in reading order is the one reported.
            (r#"{"id": 5, "alphabet": 7, "checksum": "none"}"#.to_owned(), "id", "must be a string"),
            (r#"{"id": "x", "alphabet": 7, "bad": 1}"#.to_owned(), "bad", "unknown field"),
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
        let file = Json::parse(super::super::BUILTIN_JSON).unwrap();
        let definitions = file.get("schemes").and_then(Json::as_array).unwrap();
        assert_eq!(definitions.len(), super::super::builtin().len());
        for value in definitions {
            let definition = SchemeDefinition::from_json_value(value).unwrap();
            let json = definition.to_json();
            assert_eq!(SchemeDefinition::from_json(&json).unwrap(), definition, "{json}");
        }
        let null_is_absent =
            SchemeDefinition::from_json(r#"{"id": "x", "alphabet": "AB", "checksum": "none", "name": null}"#);
        assert_eq!(null_is_absent.unwrap().name, None);
    }

    #[test]
    fn the_scheme_file_is_checked() {
        let ok = read_builtin_file(r#"{"schema": "claimcheck.schemes/1", "version": 7, "schemes": []}"#);
        assert_eq!(ok.map(|(version, schemes)| (version, schemes.len())), Ok((7, 0)));
        for bad in [
            r#"{"schema": "claimcheck.schemes/2", "version": 1, "schemes": []}"#,
            r#"{"schema": "claimcheck.schemes/1", "version": -1, "schemes": []}"#,
            r#"{"schema": "claimcheck.schemes/1", "version": 1}"#,
            r#"{"schema": "claimcheck.schemes/1", "version": 1, "schemes": [] "#,
        ] {
            assert_eq!(read_builtin_file(bad).unwrap_err().field, "(file)", "{bad}");
        }
        let e = read_builtin_file(r#"{"schema": "claimcheck.schemes/1", "version": 1, "schemes": [{"id": "x"}]}"#)
            .unwrap_err();
        assert_eq!((e.scheme.as_str(), e.field.as_str()), ("x", "schemes[0].alphabet"));
        let e = read_builtin_file(
            r#"{"schema": "claimcheck.schemes/1", "version": 1, "schemes": [{"id": "x", "alphabet": "AB", "checksum": "none"}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.field, "schemes[0].lengths", "checked like a registered scheme too");
    }

    #[test]
    fn scheme_files_hold_one_definition_a_list_or_a_scheme_file() {
        let one = r#"{"id": "a", "alphabet": "AB", "lengths": [4], "checksum": "none"}"#;
        let two = r#"{"id": "b", "alphabet": "0123456789", "minLength": 4, "maxLength": 6, "checksum": "luhn",
            "fields": [{"kind": "check", "start": 3, "length": 1}]}"#;
        let ids = |text: &str| read_definitions(text).map(|list| list.iter().map(|s| s.id.clone()).collect::<Vec<_>>());
        assert_eq!(ids(one), Ok(vec!["a".to_owned()]));
        assert_eq!(ids(&format!("[{one}, {one}]")), Ok(vec!["a".to_owned(), "a".to_owned()]));
        let file = format!(r#"{{"schema": "claimcheck.schemes/1", "version": 3, "schemes": [{one}]}}"#);
        assert_eq!(ids(&file), Ok(vec!["a".to_owned()]));
        assert!(read_definitions(&file).unwrap().iter().all(|s| !s.builtin), "an issuer's file is not built in");
        assert_eq!(ids(super::super::BUILTIN_SOURCE).unwrap().len(), 4);
        // The first problem, named by its place.
        let e = read_definitions(&format!("[{one}, {two}]")).unwrap_err();
        assert_eq!((e.scheme.as_str(), e.field.as_str()), ("b", "[1].fields"), "{e:?}");
        let e = read_definitions(&format!(
            r#"{{"schema": "claimcheck.schemes/1", "version": 1, "schemes": [{one}, {two}]}}"#
        ));
        assert_eq!(e.unwrap_err().field, "schemes[1].fields");
        assert_eq!(read_definitions("[1,").unwrap_err().field, "(json)");
        assert_eq!(read_definitions("[5]").unwrap_err().field, "[0].(definition)");
    }
}
