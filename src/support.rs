//! Support packages: everything customer support needs about a failed redemption in one bundle
//! (DESIGN.md §4), with a short quotable reference and an integrity check.
//!
//! The JSON (`claimcheck.support/1`) holds the code in full, for support only; the readable text
//! masks it to its last four symbols unless the caller asks otherwise. The package ends with
//! `"integrity":"sha256:…"`, the SHA-256 of everything before it (closed with `}`), so any change to
//! the content and any truncation is detected; verification hashes the parsed members again as
//! claimcheck writes them, so a package that was only laid out anew (pretty-printed, pasted with
//! space around it) still verifies. It is an integrity check, not a signature: it shows the content
//! is as claimcheck wrote it, not who wrote it.

use crate::prelude::*;

use crate::date::Timestamp;
use crate::explain::explain_rejection;
use crate::json::{Json, JsonError, JsonWriter, Key, ToJson};
use crate::messages::explanations::{SupportLabels, SUPPORT_LABELS};
use crate::messages::{render_with, Locale, Value};
use crate::read::{Path, Reader};
use crate::region;
use crate::scheme::Registry;
use crate::validate::{CheckOptions, OptionsError, Status, Validation};

/// The schema of the packages this version writes.
pub const SCHEMA: &str = "claimcheck.support/1";
const SCHEMA_PREFIX: &str = "claimcheck.support/";
const INTEGRITY: &str = "integrity";
/// Longest free text kept from a request field (server messages, user agents); longer is cut.
const MAX_FIELD_CHARS: usize = 500;
/// Most attempts kept (the latest ones).
const MAX_ATTEMPTS: usize = 20;

/// One redemption attempt as the form saw it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attempt {
    /// When (RFC 3339).
    pub at: String,
    /// What claimcheck said in the browser (`valid`, `invalid`, …).
    pub client_status: Option<String>,
    /// The server's rejection code.
    pub server_code: Option<String>,
    /// The server's message as shown.
    pub server_message: Option<String>,
    /// The HTTP status of the answer.
    pub http_status: Option<u16>,
}

/// The customer's device, as the form reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// Browser locale (BCP 47).
    pub locale: Option<String>,
    /// IANA time zone.
    pub time_zone: Option<String>,
    /// User agent string.
    pub user_agent: Option<String>,
}

/// What goes into a package.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SupportRequest {
    /// The code exactly as entered.
    pub input: String,
    /// Scheme, marketplace, locale (of the text) and `now` (the package's creation time; required).
    pub options: CheckOptions,
    /// The attempts so far, oldest first.
    pub attempts: Vec<Attempt>,
    /// Order number, when the customer has one.
    pub order_number: Option<String>,
    /// The card's serial number, when the customer has it.
    pub card_serial: Option<String>,
    /// The device.
    pub environment: Environment,
    /// Show the full code in the text too (for a support agent's own use).
    pub reveal_code: bool,
}

/// A support package: quotable reference, JSON for support, readable text for the customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportPackage {
    /// Short reference derived from the content, e.g. `CC-7K2M-9QXA`.
    pub reference: String,
    /// The package (`claimcheck.support/1`), compact, with its integrity check at the end.
    pub json: String,
    /// Readable summary in the customer's language (code masked unless revealed).
    pub text: String,
}

impl ToJson for SupportPackage {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field_str(Key::Reference, &self.reference);
        w.field_str(Key::Json, &self.json);
        w.field_str(Key::Text, &self.text);
        w.end_object();
    }
}

/// Why a request cannot become a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestError {
    /// A bad option (unknown scheme or marketplace, malformed `now`).
    Options(OptionsError),
    /// `now` is missing: claimcheck reads no clock in its core.
    MissingNow,
    /// A request field has the wrong type or value.
    Field(String, String),
}

impl core::fmt::Display for RequestError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl RequestError {
    /// The error in words.
    pub fn describe(&self) -> String {
        match self {
            RequestError::Options(e) => e.describe(),
            RequestError::MissingNow => "the support request needs options.now (the time it is created)".into(),
            RequestError::Field(field, message) => words("support request: ").add(field).add(" ").add(message).done(),
        }
    }
}

impl core::error::Error for RequestError {}

impl From<OptionsError> for RequestError {
    fn from(e: OptionsError) -> Self {
        RequestError::Options(e)
    }
}

impl Registry {
    /// Builds a support package for `request`.
    pub fn support_package(&self, request: &SupportRequest) -> Result<SupportPackage, RequestError> {
        let now = request.options.now.ok_or(RequestError::MissingNow)?;
        let validation = self.validate(&request.input, &request.options)?;
        let marketplace = request.options.resolved_marketplace()?;
        let attempts = &request.attempts[request.attempts.len().saturating_sub(MAX_ATTEMPTS)..];

        // Everything after the reference; the reference is derived from it.
        let mut body = JsonWriter::new();
        body.field_str(Key::CreatedAt, &now.format());
        body.name(Key::Library);
        body.begin_object();
        body.field_str(Key::Version, crate::VERSION);
        body.field_uint(Key::Catalog, crate::messages::CATALOG_VERSION as usize);
        body.field_uint(Key::Schemes, crate::scheme::builtin_version() as usize);
        body.field_uint(Key::Marketplaces, region::TABLE_VERSION as usize);
        body.end_object();
        body.name(Key::Request);
        body.begin_object();
        body.field_str(Key::Scheme, request.options.scheme.as_deref().unwrap_or("auto"));
        body.field_str_or_null(Key::Marketplace, marketplace.map(|m| m.domain));
        body.field_str(Key::Locale, request.options.locale.tag());
        body.end_object();
        body.name(Key::Environment);
        body.begin_object();
        body.field_str_or_null(Key::Locale, request.environment.locale.as_deref().map(clip));
        body.field_str_or_null(Key::TimeZone, request.environment.time_zone.as_deref().map(clip));
        body.field_str_or_null(Key::UserAgent, request.environment.user_agent.as_deref().map(clip));
        body.end_object();
        body.field_str_or_null(Key::OrderNumber, request.order_number.as_deref().map(clip));
        body.field_str_or_null(Key::CardSerial, request.card_serial.as_deref().map(clip));
        body.name(Key::Validation);
        validation.write_json(&mut body);
        body.name(Key::Attempts);
        body.begin_array();
        for a in attempts {
            write_attempt(&mut body, a);
        }
        body.end_array();
        let body = body.finish();

        let reference = reference_of(body.as_bytes());
        let mut content = String::with_capacity(body.len() + 96);
        content.push_str("{\"schema\":\"");
        content.push_str(SCHEMA);
        content.push_str("\",\"reference\":\"");
        content.push_str(&reference);
        content.push_str("\",");
        // `body` is a run of members written after a fresh writer: it starts without a comma.
        content.push_str(&body);
        content.push('}');
        let json = seal(&content);
        let text = readable_text(request, &validation, attempts, &reference, now, marketplace);
        Ok(SupportPackage { reference, json, text })
    }
}

/// [`Registry::support_package`] with the built-in schemes.
pub fn support_package(request: &SupportRequest) -> Result<SupportPackage, RequestError> {
    crate::scheme::builtin_registry().support_package(request)
}

fn write_attempt(w: &mut JsonWriter, a: &Attempt) {
    w.begin_object();
    w.field_str(Key::At, clip(&a.at));
    w.field_str_or_null(Key::ClientStatus, a.client_status.as_deref().map(clip));
    w.field_str_or_null(Key::ServerCode, a.server_code.as_deref().map(clip));
    w.field_str_or_null(Key::ServerMessage, a.server_message.as_deref().map(clip));
    w.name(Key::HttpStatus);
    match a.http_status {
        Some(status) => w.uint(usize::from(status)),
        None => w.null(),
    }
    w.end_object();
}

/// Free text cut to [`MAX_FIELD_CHARS`] characters.
fn clip(text: &str) -> &str {
    match crate::char_offset(text, MAX_FIELD_CHARS) {
        Some(end) => text.get(..end).unwrap_or(text),
        None => text,
    }
}

/// `CC-` and eight A32 symbols from the first 40 bits of the content's SHA-256.
fn reference_of(content: &[u8]) -> String {
    const A32: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let digest = crate::sha256::digest(content);
    let bits = digest[..5].iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
    let mut out = String::from("CC-");
    for i in 0..8 {
        if i == 4 {
            out.push('-');
        }
        out.push(char::from(A32[((bits >> (35 - 5 * i)) & 31) as usize]));
    }
    out
}

/// Appends the integrity member to a complete JSON object text.
fn seal(content: &str) -> String {
    let digest = crate::sha256::hex(&crate::sha256::digest(content.as_bytes()));
    let mut out = String::with_capacity(content.len() + 90);
    out.push_str(content.strip_suffix('}').unwrap_or(content));
    out.push_str(",\"integrity\":\"sha256:");
    out.push_str(&digest);
    out.push_str("\"}");
    out
}

/// The code masked to its last four symbols, keeping the grouping: `••••-••••-••••-9LUF`.
pub fn mask(display: &str) -> String {
    let symbols = display.chars().filter(|&c| c != '-').count();
    let mut seen = 0;
    let mut masked = String::with_capacity(display.len() * 3);
    for c in display.chars() {
        if c != '-' {
            seen += 1;
        }
        masked.push(if c == '-' || seen + 4 > symbols { c } else { '•' });
    }
    masked
}

// Out of line: inlined at each call it made the browser module larger (docs/measurements.md, "Size").
#[inline(never)]
fn labels(locale: Locale) -> &'static SupportLabels {
    match locale {
        Locale::En => &SUPPORT_LABELS.0,
        Locale::De => &SUPPORT_LABELS.1,
    }
}

fn readable_text(
    request: &SupportRequest,
    v: &Validation,
    attempts: &[Attempt],
    reference: &str,
    now: Timestamp,
    marketplace: Option<&'static region::Marketplace>,
) -> String {
    let locale = request.options.locale;
    let l = labels(locale);
    // Codes and serial numbers in the text: masked unless the customer chose to reveal them.
    let show = |secret: &str| if request.reveal_code { secret.to_owned() } else { mask(secret) };
    let shown_code = show(&v.display);
    // Anything else that may repeat the code (a server message) gets the same treatment, in any
    // spelling: as entered, normalised, grouped, in lower case; and so does every suggested code,
    // which is most likely the code on the card.
    let hide = |text: &str| -> String {
        let mut out = text.to_owned();
        if request.reveal_code {
            return out;
        }
        for secret in [crate::trim(&v.input), v.normalized.as_str()] {
            out = mask_spellings(&out, secret, &shown_code);
        }
        for s in &v.suggestions {
            out = mask_spellings(&out, &s.code, &mask(&s.display));
        }
        out
    };
    let mut out = String::with_capacity(1024);
    out.add(l.heading).add(" ").add(reference).add("\n");
    out.add(l.created).add(": ").add(&now.format()).add(" (claimcheck ").add(crate::VERSION).add(")\n");
    out.add("\n");
    out.add(l.code).add(": ").add(if shown_code.is_empty() { "—" } else { &shown_code }).add("\n");
    // The status words are in the order of `Status`'s variants.
    let status = l.statuses[v.status as usize];
    let context = [v.scheme.as_deref(), v.region, marketplace.map(|m| m.domain)];
    out.add(l.result).add(": ").add(status).add(" (");
    for (i, part) in context.iter().flatten().enumerate() {
        out.add(if i == 0 { "" } else { ", " }).add(part);
    }
    out.add(")\n");
    if !v.findings.is_empty() {
        out.add(l.noticed).add(":\n");
        for f in &v.findings {
            out.add("  - ").add(&hide(&f.message)).add("\n");
        }
    }
    if !v.causes.is_empty() {
        out.add(l.causes).add(":\n");
        for c in &v.causes {
            out.add("  - ").add(&c.message).add("\n");
        }
    }
    if !v.suggestions.is_empty() {
        out.add(l.suggestions).add(":\n");
        for s in &v.suggestions {
            out.add("  - ").add(&show(&s.display)).add("\n");
        }
    }
    out.add("\n");
    out.add(l.attempts).add(":\n");
    if attempts.is_empty() {
        out.add("  ").add(l.no_attempts).add("\n");
    }
    for (i, a) in attempts.iter().enumerate() {
        out.add("  ").num(i + 1).add(". ").add(&a.at);
        if let Some(status) = &a.client_status {
            // One of the four statuses in the text's language; anything else as it was given.
            let known = [Status::Valid, Status::Unverifiable, Status::Incomplete, Status::Invalid];
            let word = known.iter().position(|s| s.code() == status).map_or(status.as_str(), |i| l.statuses[i]);
            out.add(" · claimcheck: ").add(word);
        }
        if let Some(code) = &a.server_code {
            out.add(" · ").add(l.server).add(": ").add(code);
        }
        if let Some(http) = a.http_status {
            out.add(" (HTTP ").num(usize::from(http)).add(")");
        }
        if let Some(message) = &a.server_message {
            out.add(l.quotes[0]).add(&hide(clip(message))).add(l.quotes[1]);
        }
        out.add("\n");
        if let Some(code) = &a.server_code {
            out.add("     → ").add(&explain_rejection(code, locale, marketplace).title).add("\n");
        }
    }
    out.add("\n");
    if let Some(order) = &request.order_number {
        out.add(l.order).add(": ").add(clip(order)).add("\n");
    }
    if let Some(serial) = &request.card_serial {
        out.add(l.serial).add(": ").add(&show(clip(serial))).add("\n");
    }
    let env = &request.environment;
    let device = [&env.locale, &env.time_zone, &env.user_agent];
    if device.iter().any(|v| v.is_some()) {
        out.add(l.device).add(": ");
        for (i, value) in device.iter().filter_map(|v| v.as_deref()).enumerate() {
            out.add(if i == 0 { "" } else { " · " }).add(clip(value));
        }
        out.add("\n");
    }
    out.add(&render_with(l.closing, &[("reference", Some(Value::Text(reference)))])).add("\n");
    out
}

/// What is wrong with a package that does not verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackageError {
    /// Not JSON at all (not a package, or damaged beyond reading).
    NotJson(JsonError),
    /// The text ends early: the integrity check at the end is missing or cut.
    Truncated,
    /// The content differs from what claimcheck wrote (integrity mismatch).
    Tampered,
    /// Not a claimcheck support package (no or another schema).
    UnknownSchema(String),
    /// Written by a newer claimcheck with a schema this version cannot read.
    NewerVersion(String),
    /// A required field is missing or has the wrong type.
    Malformed(&'static str),
}

impl PackageError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            PackageError::NotJson(_) => "not_json",
            PackageError::Truncated => "truncated",
            PackageError::Tampered => "tampered",
            PackageError::UnknownSchema(_) => "unknown_schema",
            PackageError::NewerVersion(_) => "newer_version",
            PackageError::Malformed(_) => "malformed",
        }
    }

    /// The problem in words.
    pub fn describe(&self) -> String {
        match self {
            PackageError::NotJson(e) => words("not a support package: ").add(&e.describe()).done(),
            PackageError::Truncated => {
                "the package is truncated: its integrity check at the end is missing or cut off".into()
            }
            PackageError::Tampered => {
                "the package was changed after claimcheck created it: its content does not match its integrity check"
                    .into()
            }
            PackageError::UnknownSchema(s) => {
                words("not a claimcheck support package (schema '").add(s).add("')").done()
            }
            PackageError::NewerVersion(s) => words("the package uses schema '")
                .add(s)
                .add("', newer than this claimcheck ")
                .add(crate::VERSION)
                .add(" reads (")
                .add(SCHEMA)
                .add("); update claimcheck")
                .done(),
            PackageError::Malformed(field) => words("the package has no valid '").add(field).add("'").done(),
        }
    }
}

impl core::fmt::Display for PackageError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl core::error::Error for PackageError {}

/// A package that passed verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedPackage {
    /// The schema (`claimcheck.support/1`).
    pub schema: String,
    /// The reference.
    pub reference: String,
    /// The parsed package (including the integrity member).
    pub content: Json,
}

impl ToJson for VerifiedPackage {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.name(Key::Ok);
        w.bool(true);
        w.field_str(Key::Schema, &self.schema);
        w.field_str(Key::Reference, &self.reference);
        w.name(Key::Package);
        self.content.write_json(w);
        w.end_object();
    }
}

impl ToJson for PackageError {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.name(Key::Ok);
        w.bool(false);
        w.name(Key::Error);
        w.begin_object();
        w.field_str(Key::Code, self.code());
        w.field_str(Key::Message, &self.describe());
        w.end_object();
        w.end_object();
    }
}

/// A verification outcome in the shape of the JavaScript `SupportCheck`.
impl ToJson for Result<VerifiedPackage, PackageError> {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            Ok(verified) => verified.write_json(w),
            Err(problem) => problem.write_json(w),
        }
    }
}

/// Checks a package: schema, integrity, required fields. Any change to its content or a truncation
/// is an error naming what is wrong. The integrity check covers the content, not its layout: space
/// around the package or between its members (a JSON viewer's pretty print, a pasted line break)
/// and another spelling of the same string (`\u00e9` for `é`) are not changes, nor is the byte
/// order mark some editors save a file with.
pub fn verify_support_package(text: &str) -> Result<VerifiedPackage, PackageError> {
    let text = crate::trim(text.strip_prefix('\u{feff}').unwrap_or(text));
    match Json::parse(text) {
        Ok(content) => verify_content(content),
        Err(e) if e.is_truncation() => Err(schema_error(text).unwrap_or(PackageError::Truncated)),
        Err(e) => Err(schema_error(text).unwrap_or(PackageError::NotJson(e))),
    }
}

/// [`verify_support_package`] of a package another JSON parser read (the browser's: the browser
/// module has none): its content, or the text it could not read. Such text is `truncated` when it
/// is empty or stops inside a string or with an object or array open, else `not_json` (without a
/// position).
pub fn verify_parsed_package(parsed: Result<Json, &str>) -> Result<VerifiedPackage, PackageError> {
    let text = match parsed {
        Ok(content) => return verify_content(content),
        Err(text) => crate::trim(text),
    };
    let unfinished = {
        let (mut open, mut in_string, mut escaped) = (0i64, false, false);
        for b in text.bytes() {
            match (in_string, b) {
                (true, _) if escaped => escaped = false,
                (true, b'\\') => escaped = true,
                (_, b'"') => in_string = !in_string,
                (false, b'{' | b'[') => open += 1,
                (false, b'}' | b']') => open -= 1,
                _ => {}
            }
        }
        text.is_empty() || in_string || open > 0 // empty: cut before the first byte
    };
    Err(schema_error(text).unwrap_or(if unfinished {
        PackageError::Truncated
    } else {
        PackageError::NotJson(JsonError { line: 0, column: 0, message: "not valid JSON" })
    }))
}

fn verify_content(content: Json) -> Result<VerifiedPackage, PackageError> {
    let schema = content.get("schema").and_then(Json::as_str).unwrap_or_default();
    if schema != SCHEMA {
        return Err(classify_schema(schema));
    }
    // A complete package without its integrity member was cut before it (and closed by hand).
    let sealed = content.get(INTEGRITY).ok_or(PackageError::Truncated)?;
    let digest = sealed.as_str().and_then(|s| s.strip_prefix("sha256:")).ok_or(PackageError::Tampered)?;
    // The content as `support_package` wrote and hashed it: every other member, compact, in order.
    let mut original = JsonWriter::new();
    original.begin_object();
    for (key, value) in content.as_object().unwrap_or_default() {
        if key != INTEGRITY {
            original.key(key);
            value.write_json(&mut original);
        }
    }
    original.end_object();
    if crate::sha256::hex(&crate::sha256::digest(original.finish().as_bytes())) != digest {
        return Err(PackageError::Tampered);
    }
    let reference = content.get("reference").and_then(Json::as_str).ok_or(PackageError::Malformed("reference"))?;
    for field in ["createdAt", "validation", "attempts"] {
        content.get(field).ok_or(PackageError::Malformed(field))?;
    }
    content
        .get("validation")
        .and_then(|v| v.get("input"))
        .and_then(Json::as_str)
        .ok_or(PackageError::Malformed("validation.input"))?;
    Ok(VerifiedPackage { schema: schema.to_owned(), reference: reference.to_owned(), content })
}

/// For text that is not (complete) JSON: a schema of another version still gets its own error.
fn schema_error(text: &str) -> Option<PackageError> {
    let rest = text.strip_prefix("{\"schema\":\"")?;
    let schema = crate::before(rest, b'"');
    if schema.len() == rest.len() {
        return None; // no closing quote
    }
    (schema != SCHEMA).then(|| classify_schema(schema))
}

fn classify_schema(schema: &str) -> PackageError {
    match schema.strip_prefix(SCHEMA_PREFIX).and_then(crate::json::parse_i64) {
        Some(version) if version > 1 => PackageError::NewerVersion(schema.to_owned()),
        _ => PackageError::UnknownSchema(schema.to_owned()),
    }
}

impl SupportRequest {
    /// Reads a request from JSON (the JavaScript `SupportRequest` shape): `input`, `options`
    /// (`scheme`, `marketplace`, `locale`, `now`), `attempts` (`at`, `clientStatus`, `serverCode`,
    /// `serverMessage`, `httpStatus`), `orderNumber`, `cardSerial`, `environment` (`locale`,
    /// `timeZone`, `userAgent`), `revealCode`.
    #[allow(clippy::field_reassign_with_default)]
    pub fn from_json_value(value: &Json) -> Result<SupportRequest, RequestError> {
        if value.as_object().is_none() {
            return Err(RequestError::Field("(request)".into(), "must be an object".into()));
        }
        let mut r = Reader::default();
        let mut request = SupportRequest::default();
        request.input = r.required_string(value, Path::top("input"));
        if let Some(o) = value.present("options") {
            match CheckOptions::from_json_value(o) {
                Ok(options) => request.options = options,
                // The first problem in reading order is the one reported.
                Err(e) if r.problem.is_none() => return Err(RequestError::Options(e)),
                Err(_) => {}
            }
        }
        if let Some(list) = value.present("attempts") {
            for (i, a) in r.list(list, Path::top("attempts")).iter().enumerate() {
                let at = |member| Path { index: Some(i), member, ..Path::top("attempts") };
                let mut attempt = Attempt::default();
                attempt.http_status = match a.present("httpStatus") {
                    None => None,
                    Some(Json::Int(n)) if (100..=599).contains(n) => Some(*n as u16),
                    Some(_) => {
                        r.fail(at("httpStatus"), "must be an HTTP status (100–599)".into());
                        None
                    }
                };
                attempt.at = r.required_string(a, at("at"));
                // The time is evidence: only what the contract allows (RFC 3339, as `now`).
                if !attempt.at.is_empty() && Timestamp::parse(&attempt.at).is_none() {
                    r.fail(at("at"), "must be an RFC 3339 timestamp such as 2026-11-22T10:00:00Z".into());
                }
                attempt.client_status = r.optional_string(a, at("clientStatus"));
                attempt.server_code = r.optional_string(a, at("serverCode"));
                attempt.server_message = r.optional_string(a, at("serverMessage"));
                request.attempts.push(attempt);
            }
        }
        if let Some(env) = value.present("environment") {
            let at = |member| Path { member, ..Path::top("environment") };
            let environment = &mut request.environment;
            environment.locale = r.optional_string(env, at("locale"));
            environment.time_zone = r.optional_string(env, at("timeZone"));
            environment.user_agent = r.optional_string(env, at("userAgent"));
        }
        request.reveal_code = match value.present("revealCode") {
            None => false,
            Some(Json::Bool(b)) => *b,
            Some(_) => {
                r.fail(Path::top("revealCode"), "must be true or false".into());
                false
            }
        };
        request.order_number = r.optional_string(value, Path::top("orderNumber"));
        request.card_serial = r.optional_string(value, Path::top("cardSerial"));
        r.finish(request).map_err(|(field, message)| RequestError::Field(field, message))
    }
}

/// `text` with every spelling of `secret` replaced by `with`: ASCII letters in either case, and spaces
/// or hyphens anywhere between its characters (`de9n 8guz…`, `DE9N-8GUZ-…` for `DE9N8GUZ…`), searching
/// left to right. Secrets shorter than five characters are left alone: they would mask ordinary words.
/// A plain byte scan: the standard library's substring search brings its Two-Way searcher and
/// char-boundary panic messages into the module.
fn mask_spellings(text: &str, secret: &str, with: &str) -> String {
    let (bytes, pattern) = (text.as_bytes(), secret.as_bytes());
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    let long_enough = crate::char_count(secret) >= 5;
    while long_enough && i < bytes.len() {
        // Match from `i`, skipping separators in the text after the first character.
        let (mut at, mut matched) = (i, 0);
        while let (Some(&b), Some(&p)) = (bytes.get(at), pattern.get(matched)) {
            if b.eq_ignore_ascii_case(&p) {
                matched += 1;
            } else if matched == 0 || !(b == b' ' || b == b'-') {
                break;
            }
            at += 1;
        }
        if matched == pattern.len() {
            // The match starts and ends with whole characters of `secret`: on char boundaries.
            out.push_str(text.get(copied..i).unwrap_or_default());
            out.push_str(with);
            (copied, i) = (at, at);
        } else {
            i += 1;
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_the_first_characters() {
        for c in ["a", "ä", "🎁"] {
            for n in [0, 1, MAX_FIELD_CHARS - 1, MAX_FIELD_CHARS, MAX_FIELD_CHARS + 1, 2000] {
                let text = c.repeat(n);
                assert_eq!(clip(&text), c.repeat(n.min(MAX_FIELD_CHARS)), "{c} x {n}");
            }
        }
    }

    #[test]
    fn every_spelling_of_a_secret_is_masked() {
        // Exact spellings: the same as the standard library's replace.
        let texts = ["", "a", "DE9N8 DE9N8-GUZ", "ääDE9N8äö DE9N8", "ababababa", "DE9N8DE9N8"];
        for text in texts {
            for needle in ["DE9N8", "ababa", "DE9N8-GUZ", "zzzzz", "äöäöä"] {
                assert_eq!(mask_spellings(text, needle, "•••"), text.replace(needle, "•••"), "{text} / {needle}");
            }
        }
        // Any case, spaces and hyphens between the characters; the text around is kept.
        let text = "Code de9n 8guz wh27 9luf, again DE9N-8GUZ-WH27-9LUF and De9N8guzWH279luf.";
        assert_eq!(mask_spellings(text, "DE9N8GUZWH279LUF", "#"), "Code #, again # and #.");
        // Not a separator before the first character, nor other characters inside.
        assert_eq!(mask_spellings("- DE9N.8GUZWH279LUF", "DE9N8GUZWH279LUF", "#"), "- DE9N.8GUZWH279LUF");
        // Short secrets are left alone.
        assert_eq!(mask_spellings("an abcd in abcd", "abcd", "#"), "an abcd in abcd");
        assert_eq!(mask_spellings("abc", "", "x"), "abc");
    }

    #[test]
    fn references_are_short_a32_and_depend_on_the_content() {
        let a = reference_of(b"one");
        assert_eq!(a.len(), 12);
        assert!(a.starts_with("CC-") && a.as_bytes()[7] == b'-', "{a}");
        assert_ne!(a, reference_of(b"two"));
        assert_eq!(a, reference_of(b"one"));
    }

    #[test]
    fn masks_keep_the_last_four_symbols_and_the_grouping() {
        assert_eq!(mask("DE9N-8GUZ-WH27-9LUF"), "••••-••••-••••-9LUF");
        assert_eq!(mask("ABC"), "ABC");
        assert_eq!(mask(""), "");
        assert_eq!(mask("1234567890123456"), "••••••••••••3456");
    }

    #[test]
    fn schemas_are_classified() {
        assert_eq!(classify_schema("claimcheck.support/2"), PackageError::NewerVersion("claimcheck.support/2".into()));
        assert_eq!(classify_schema("other/1"), PackageError::UnknownSchema("other/1".into()));
        assert_eq!(classify_schema("claimcheck.support/x"), PackageError::UnknownSchema("claimcheck.support/x".into()));
    }
}
