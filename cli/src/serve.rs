//! `claimcheck serve`: the reference redemption server. Serves the form (`www/`) and the built web
//! package (`pkg/`), and redeems codes for real against a SQLite database that is created and seeded
//! with demo accounts and codes on first start.
//!
//! Redemption validates with the same core as the browser, then checks state, marketplace and dates,
//! credits the account and records the attempt in one transaction. Unknown codes and codes redeemed
//! by someone else both answer `invalid_code`, so the API is no oracle for which codes exist. Logs
//! and the attempts table never hold a full code.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Response, StatusCode, Uri};
use axum::routing::{get, post};
use axum::Router;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use claimcheck::date::{Date, Timestamp};
use claimcheck::explain::{explain_rejection, scam_warning};
use claimcheck::finding::FindingCode;
use claimcheck::generate::{generate, Issue};
use claimcheck::json::{Json, JsonWriter, Key};
use claimcheck::scheme::builtin_registry;
use claimcheck::support::mask;
use claimcheck::{CheckOptions, Locale, ToJson};

use crate::clock;

/// `invalid_code` answers per account within [`RATE_WINDOW_SECONDS`] before `rate_limited` (the
/// answers a guesser collects; an already redeemed or expired code is not guessing).
pub const RATE_LIMIT: i64 = 5;
/// The rate-limit window.
pub const RATE_WINDOW_SECONDS: i64 = 600;
const MAX_BODY_BYTES: usize = 4096;
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Settings of the server.
pub struct ServeConfig {
    /// Where to listen (port 0: any free port; the URL is printed first).
    pub addr: SocketAddr,
    /// The SQLite file (created and seeded when new).
    pub db: PathBuf,
    /// The form's files.
    pub www: PathBuf,
    /// The built npm package (`lite.js`, `web.js` and their `.wasm` files), served under `/pkg/`.
    pub pkg: PathBuf,
}

struct AppState {
    db: Mutex<Connection>,
    www: PathBuf,
    pkg: PathBuf,
}

/// Runs the server until Ctrl-C.
pub fn serve(config: ServeConfig) -> Result<(), String> {
    for (dir, what) in [(&config.www, "--www"), (&config.pkg, "--pkg")] {
        if !dir.is_dir() {
            return Err(format!("{what} {} is not a directory", dir.display()));
        }
    }
    // The form loads lite.js, and web.js (the support functions) when a support package is prepared.
    for file in ["lite.js", "web.js"] {
        if !config.pkg.join(file).is_file() {
            return Err(format!(
                "{} has no {file}: build the package first (./scripts/build-npm.sh)",
                config.pkg.display()
            ));
        }
    }
    let conn = Connection::open(&config.db).map_err(|e| format!("cannot open {}: {e}", config.db.display()))?;
    let seeded = prepare(&conn, clock()).map_err(|e| format!("cannot prepare the database: {e}"))?;
    let demo = demo_listing(&conn).map_err(|e| format!("cannot read the demo data: {e}"))?;
    let state = Arc::new(AppState { db: Mutex::new(conn), www: config.www, pkg: config.pkg });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        println!("claimcheck serve: listening on http://{addr}/");
        println!("support page (check a support package): http://{addr}/inspect.html");
        println!("database: {}{}", config.db.display(), if seeded { " (new, seeded with demo data)" } else { "" });
        print!("{}", demo_text(&demo));
        use std::io::Write;
        std::io::stdout().flush().ok();
        let app = Router::new()
            .route("/api/redeem", post(redeem))
            .route("/api/balance", get(balance))
            .route("/api/demo", get(demo_api))
            .route("/api/scam-warning", get(scam_warning_api))
            .fallback(get(static_file))
            .with_state(state);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                tokio::signal::ctrl_c().await.ok();
            })
            .await
            .map_err(|e| format!("server error: {e}"))
    })
}

/// Creates the tables; seeds demo data into a new database. True when it seeded.
pub fn prepare(conn: &Connection, now: Timestamp) -> rusqlite::Result<bool> {
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE TABLE IF NOT EXISTS accounts (
             id TEXT PRIMARY KEY, name TEXT NOT NULL, marketplace TEXT NOT NULL,
             restricted INTEGER NOT NULL DEFAULT 0, giftcard_cents INTEGER NOT NULL DEFAULT 0);
         CREATE TABLE IF NOT EXISTS codes (
             code TEXT PRIMARY KEY, kind TEXT NOT NULL, marketplace TEXT NOT NULL, amount_cents INTEGER NOT NULL,
             state TEXT NOT NULL CHECK (state IN ('fresh', 'redeemed', 'not_activated')),
             redeemed_by TEXT, redeemed_at TEXT, note TEXT NOT NULL DEFAULT '');
         CREATE TABLE IF NOT EXISTS credits (
             id INTEGER PRIMARY KEY, account TEXT NOT NULL, amount_cents INTEGER NOT NULL, expires_on TEXT NOT NULL,
             code_hash TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS attempts (
             id INTEGER PRIMARY KEY, at INTEGER NOT NULL, account TEXT NOT NULL, masked_code TEXT NOT NULL,
             code_hash TEXT NOT NULL, outcome TEXT NOT NULL);",
    )?;
    let accounts: i64 = conn.query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get(0))?;
    if accounts > 0 {
        return Ok(false);
    }
    seed(conn, now)?;
    Ok(true)
}

/// A demo code: scheme, fixed fields, amount in cents, state, redeemed by, note.
type SeedCode<'a> = (&'a str, Issue, i64, &'a str, Option<&'a str>, &'a str);

fn seed(conn: &Connection, now: Timestamp) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    for (id, name, marketplace, restricted) in
        [("anna", "Anna", "DE", 0), ("bob", "Bob", "US", 0), ("carla", "Carla (redemption restricted)", "DE", 1)]
    {
        tx.execute(
            "INSERT INTO accounts (id, name, marketplace, restricted) VALUES (?1, ?2, ?3, ?4)",
            params![id, name, marketplace, restricted],
        )?;
    }
    let today = now.date();
    let giftcard = |region: &str| Issue { region: Some(region.into()), ..Issue::default() };
    let credit = |back: u64, days: u32| Issue {
        region: Some("DE".into()),
        issued_on: today.sub_days(back),
        validity_days: Some(days),
    };
    let demo: [SeedCode; 8] = [
        ("giftcard", giftcard("DE"), 2500, "fresh", None, "fresh gift card"),
        ("giftcard", giftcard("DE"), 5000, "fresh", None, "fresh gift card"),
        ("giftcard", giftcard("US"), 2000, "fresh", None, "fresh gift card"),
        ("giftcard", giftcard("DE"), 1500, "redeemed", Some("anna"), "already redeemed by anna"),
        ("giftcard", giftcard("DE"), 3000, "not_activated", None, "not activated yet"),
        ("credit", credit(5, 90), 1000, "fresh", None, "courtesy credit, valid"),
        ("credit", credit(200, 30), 500, "fresh", None, "courtesy credit, expired"),
        ("giftcard", giftcard("DE"), 1000, "fresh", None, "fresh gift card"),
    ];
    for (scheme, issue, cents, state, by, note) in demo {
        let scheme = builtin_registry().get(scheme).ok_or(rusqlite::Error::InvalidQuery)?;
        let code =
            generate(scheme, &issue).map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.to_string().into()))?;
        let marketplace = &code[..2];
        tx.execute(
            "INSERT INTO codes (code, kind, marketplace, amount_cents, state, redeemed_by, redeemed_at, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![code, scheme.id, marketplace, cents, state, by, by.map(|_| now.format()), note],
        )?;
        if let Some(account) = by {
            tx.execute(
                "UPDATE accounts SET giftcard_cents = giftcard_cents + ?1 WHERE id = ?2",
                params![cents, account],
            )?;
        }
    }
    tx.commit()
}

/// One demo code with what it shows.
struct DemoCode {
    display: String,
    note: String,
    kind: String,
    marketplace: String,
    cents: i64,
}

struct Demo {
    accounts: Vec<(String, String, String)>,
    codes: Vec<DemoCode>,
}

fn demo_listing(conn: &Connection) -> rusqlite::Result<Demo> {
    let mut stmt = conn.prepare("SELECT id, name, marketplace FROM accounts ORDER BY rowid")?;
    let accounts = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare("SELECT code, kind, marketplace, amount_cents, note FROM codes ORDER BY rowid")?;
    let codes = stmt
        .query_map([], |r| {
            let code: String = r.get(0)?;
            let kind: String = r.get(1)?;
            let display = builtin_registry().get(&kind).map_or(code.clone(), |s| s.display(&code));
            Ok(DemoCode { display, kind, marketplace: r.get(2)?, cents: r.get(3)?, note: r.get(4)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Demo { accounts, codes })
}

fn currency(marketplace: &str) -> &'static str {
    match marketplace {
        "US" => "USD",
        "UK" => "GBP",
        _ => "EUR",
    }
}

fn money(cents: i64, marketplace: &str) -> String {
    format!("{}.{:02} {}", cents / 100, cents % 100, currency(marketplace))
}

fn demo_text(demo: &Demo) -> String {
    let mut out = String::from("demo accounts:\n");
    for (id, name, marketplace) in &demo.accounts {
        let domain = claimcheck::region::by_prefix(marketplace).map_or("?", |m| m.domain);
        out.push_str(&format!("  {id:<6} {name} ({domain})\n"));
    }
    out.push_str("demo codes:\n");
    for c in &demo.codes {
        out.push_str(&format!("  {:<24} {} ({}, {})\n", c.display, c.note, c.kind, money(c.cents, &c.marketplace)));
    }
    out
}

fn json_response(status: StatusCode, body: String) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    security_headers(headers);
    response
}

fn security_headers(headers: &mut axum::http::HeaderMap) {
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
}

fn error(status: StatusCode, code: &str, message: &str) -> Response<Body> {
    let mut w = JsonWriter::new();
    w.begin_object();
    w.key("ok");
    w.bool(false);
    w.key("code");
    w.string(code);
    w.key("message");
    w.string(message);
    w.end_object();
    json_response(status, w.finish())
}

/// The scam warning in `?locale=` (English when absent), from claimcheck's catalog: for a page that
/// cannot run the module (WebAssembly turned off), which then has no other source for its words.
async fn scam_warning_api(uri: Uri) -> Response<Body> {
    let tag = query_value(&uri, "locale").unwrap_or_default();
    json_response(StatusCode::OK, scam_warning(Locale::from_tag(tag)).to_json())
}

/// The value of `name` in the URI's query (`?name=value&…`), as sent.
fn query_value<'u>(uri: &'u Uri, name: &str) -> Option<&'u str> {
    uri.query()?.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

async fn demo_api(State(state): State<Arc<AppState>>) -> Response<Body> {
    let result = tokio::task::spawn_blocking(move || {
        let conn = state.db.lock().map_err(|_| "database lock poisoned".to_owned())?;
        demo_listing(&conn).map_err(|e| e.to_string())
    })
    .await;
    let demo = match result {
        Ok(Ok(demo)) => demo,
        _ => return error(StatusCode::SERVICE_UNAVAILABLE, "technical_error", "the database is not available"),
    };
    let mut w = JsonWriter::new();
    w.begin_object();
    w.key("accounts");
    w.begin_array();
    for (id, name, marketplace) in &demo.accounts {
        w.begin_object();
        w.key("id");
        w.string(id);
        w.key("name");
        w.string(name);
        w.key("marketplace");
        w.string(marketplace);
        w.end_object();
    }
    w.end_array();
    w.key("codes");
    w.begin_array();
    for c in &demo.codes {
        w.begin_object();
        w.key("code");
        w.string(&c.display);
        w.key("kind");
        w.string(&c.kind);
        w.key("marketplace");
        w.string(&c.marketplace);
        w.key("note");
        w.string(&c.note);
        w.key("amount");
        w.string(&money(c.cents, &c.marketplace));
        w.end_object();
    }
    w.end_array();
    w.end_object();
    json_response(StatusCode::OK, w.finish())
}

async fn balance(State(state): State<Arc<AppState>>, uri: Uri) -> Response<Body> {
    let account = query_value(&uri, "account").map(str::to_owned);
    let Some(account) = account.filter(|a| !a.is_empty() && a.len() <= 64) else {
        return error(StatusCode::BAD_REQUEST, "bad_request", "give the account as ?account=…");
    };
    let now = clock();
    let result = tokio::task::spawn_blocking(move || {
        let conn = state.db.lock().map_err(|_| rusqlite::Error::InvalidQuery)?;
        balance_json(&conn, &account, now.date())
    })
    .await;
    match result {
        Ok(Ok(Some(json))) => json_response(StatusCode::OK, json),
        Ok(Ok(None)) => error(StatusCode::NOT_FOUND, "unknown_account", "there is no such account"),
        _ => error(StatusCode::SERVICE_UNAVAILABLE, "technical_error", "the database is not available"),
    }
}

/// Both ledgers of an account: gift card balance, and the courtesy credits still usable on `today`.
fn balance_json(conn: &Connection, account: &str, today: Date) -> rusqlite::Result<Option<String>> {
    let row = conn
        .query_row("SELECT marketplace, giftcard_cents FROM accounts WHERE id = ?1", [account], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
        .optional()?;
    let Some((marketplace, giftcard)) = row else { return Ok(None) };
    let mut stmt = conn.prepare(
        "SELECT amount_cents, expires_on FROM credits WHERE account = ?1 AND expires_on >= ?2 ORDER BY expires_on",
    )?;
    let credits: Vec<(i64, String)> =
        stmt.query_map(params![account, today.format()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let mut w = JsonWriter::new();
    w.begin_object();
    w.key("account");
    w.string(account);
    w.key("currency");
    w.string(currency(&marketplace));
    w.key("giftcardCents");
    w.int(giftcard);
    w.key("credits");
    w.begin_array();
    for (cents, expires) in &credits {
        w.begin_object();
        w.key("amountCents");
        w.int(*cents);
        w.key("expiresOn");
        w.string(expires);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    Ok(Some(w.finish()))
}

async fn redeem(State(state): State<Arc<AppState>>, body: Bytes) -> Response<Body> {
    if body.len() > MAX_BODY_BYTES {
        return error(StatusCode::PAYLOAD_TOO_LARGE, "bad_request", "the request is too large");
    }
    let request = match parse_redeem(&body) {
        Ok(r) => r,
        Err(message) => return error(StatusCode::BAD_REQUEST, "bad_request", &message),
    };
    let now = clock();
    let locale = Locale::from_tag(request.locale.as_deref().unwrap_or_default());
    let result = tokio::task::spawn_blocking(move || {
        let mut conn = state.db.lock().map_err(|_| rusqlite::Error::InvalidQuery)?;
        redeem_blocking(&mut conn, &request, now)
    })
    .await;
    match result {
        Ok(Ok(outcome)) => outcome.into_response(locale),
        _ => error(StatusCode::SERVICE_UNAVAILABLE, "technical_error", "please try again later"),
    }
}

/// A redemption request.
#[derive(Debug)]
pub struct RedeemRequest {
    /// The code as typed.
    pub code: String,
    /// The account to credit.
    pub account: String,
    /// The marketplace redeemed on; the account's when absent.
    pub marketplace: Option<String>,
    /// The customer's language (BCP 47) for the rejection's words; English when absent.
    pub locale: Option<String>,
}

/// Reads `{code, account, marketplace?, locale?}`; every problem is one clear sentence.
pub fn parse_redeem(body: &[u8]) -> Result<RedeemRequest, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the request body is not UTF-8 text".to_owned())?;
    let json = Json::parse(text).map_err(|e| format!("the request body is {e}"))?;
    let field = |name: &str, required: bool| -> Result<Option<String>, String> {
        match json.get(name) {
            None | Some(Json::Null) if !required => Ok(None),
            None | Some(Json::Null) => Err(format!("'{name}' is required")),
            Some(Json::String(s)) if s.chars().count() <= 256 => Ok(Some(s.clone())),
            Some(Json::String(_)) => Err(format!("'{name}' is too long")),
            Some(_) => Err(format!("'{name}' must be a string")),
        }
    };
    if json.as_object().is_none() {
        return Err("the request body must be a JSON object".into());
    }
    Ok(RedeemRequest {
        code: field("code", true)?.unwrap_or_default(),
        account: field("account", true)?.unwrap_or_default(),
        marketplace: field("marketplace", false)?,
        locale: field("locale", false)?,
    })
}

/// What a redemption answered.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Credited: the kind, amount, currency, the credit's last day, and the new balance JSON.
    Redeemed { kind: String, cents: i64, currency: &'static str, expires_on: Option<String>, balance: String },
    /// Refused with a server code of DESIGN.md §3.
    Rejected { code: &'static str, status: StatusCode, retry_after: Option<i64> },
    /// The request named no known account.
    UnknownAccount,
}

impl Outcome {
    /// The answer, a rejection's words in `locale`.
    fn into_response(self, locale: Locale) -> Response<Body> {
        match self {
            Outcome::Redeemed { kind, cents, currency, expires_on, balance } => {
                let mut w = JsonWriter::new();
                w.begin_object();
                w.key("ok");
                w.bool(true);
                w.key("kind");
                w.string(&kind);
                w.key("amountCents");
                w.int(cents);
                w.key("currency");
                w.string(currency);
                w.field_opt_str(Key::ExpiresOn, expires_on.as_deref());
                w.key("balance");
                // Already JSON from `balance_json`; parse to embed.
                claimcheck::ToJson::write_json(&Json::parse(&balance).unwrap_or(Json::Null), &mut w);
                w.end_object();
                json_response(StatusCode::OK, w.finish())
            }
            Outcome::Rejected { code, status, retry_after } => {
                let mut response = error(status, code, &rejection_message(code, locale));
                if let Some(seconds) = retry_after {
                    if let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string()) {
                        response.headers_mut().insert(header::RETRY_AFTER, value);
                    }
                }
                response
            }
            Outcome::UnknownAccount => error(StatusCode::NOT_FOUND, "unknown_account", "there is no such account"),
        }
    }
}

/// A rejection in the customer's words, from claimcheck's own catalog: its title and what happened
/// ("This code has already been redeemed. A code can be redeemed only once."). A page without the
/// module (WebAssembly turned off) shows these words as they are.
fn rejection_message(code: &str, locale: Locale) -> String {
    let explained = explain_rejection(code, locale, None);
    format!("{}. {}", explained.title, explained.message)
}

fn code_hash(normalized: &str) -> String {
    claimcheck::sha256::hex(&claimcheck::sha256::digest(format!("claimcheck-demo:{normalized}").as_bytes()))[..16]
        .to_owned()
}

/// The whole redemption, in one transaction (the connection is also behind a mutex, and the state
/// change is conditional, so a code is credited exactly once however many requests race).
pub fn redeem_blocking(conn: &mut Connection, r: &RedeemRequest, now: Timestamp) -> rusqlite::Result<Outcome> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let account = tx
        .query_row("SELECT marketplace, restricted FROM accounts WHERE id = ?1", [&r.account], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? != 0))
        })
        .optional()?;
    let Some((home, restricted)) = account else { return Ok(Outcome::UnknownAccount) };
    let marketplace = r.marketplace.clone().unwrap_or(home.clone());

    let window_start = now.unix_seconds() - RATE_WINDOW_SECONDS;
    let (failures, oldest): (i64, Option<i64>) = tx.query_row(
        "SELECT COUNT(*), MIN(at) FROM attempts WHERE account = ?1 AND at > ?2 AND outcome = 'invalid_code'",
        params![r.account, window_start],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if failures >= RATE_LIMIT {
        let retry_after = oldest.map_or(RATE_WINDOW_SECONDS, |t| t + RATE_WINDOW_SECONDS - now.unix_seconds());
        return Ok(Outcome::Rejected {
            code: "rate_limited",
            status: StatusCode::TOO_MANY_REQUESTS,
            retry_after: Some(retry_after),
        });
    }

    let options = CheckOptions::default().marketplace(&marketplace).now(now);
    let checked = builtin_registry().validate(&r.code, &options);
    let (normalized, display) = match &checked {
        Ok(v) => (v.normalized.clone(), v.display.clone()),
        Err(_) => (String::new(), String::new()),
    };
    let record = |outcome: &str| -> rusqlite::Result<()> {
        tx.execute(
            "INSERT INTO attempts (at, account, masked_code, code_hash, outcome) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![now.unix_seconds(), r.account, mask(&display), code_hash(&normalized), outcome],
        )?;
        eprintln!("redeem account={} code={} outcome={outcome}", r.account, mask(&display));
        Ok(())
    };
    let reject = |code: &'static str, status: StatusCode| Outcome::Rejected { code, status, retry_after: None };

    let outcome = match checked {
        _ if restricted => reject("account_restricted", StatusCode::FORBIDDEN),
        Err(_) => reject("region_restricted", StatusCode::FORBIDDEN), // the marketplace is unknown
        Ok(v) if v.finding(FindingCode::WrongRegion).is_some() => reject("region_restricted", StatusCode::FORBIDDEN),
        Ok(v) if v.finding(FindingCode::Expired).is_some() => reject("expired", StatusCode::GONE),
        Ok(v) if !v.is_well_formed() => reject("invalid_code", StatusCode::UNPROCESSABLE_ENTITY),
        Ok(v) => {
            let row = tx
                .query_row(
                    "SELECT kind, amount_cents, state, redeemed_by FROM codes WHERE code = ?1",
                    [&normalized],
                    |row| {
                        Ok((
                            row.get::<_, String>(0)?,
                            row.get::<_, i64>(1)?,
                            row.get::<_, String>(2)?,
                            row.get::<_, Option<String>>(3)?,
                        ))
                    },
                )
                .optional()?;
            match row {
                None => reject("invalid_code", StatusCode::UNPROCESSABLE_ENTITY),
                Some((_, _, state, _)) if state == "not_activated" => reject("not_activated", StatusCode::CONFLICT),
                Some((_, _, state, by)) if state == "redeemed" && by.as_deref() == Some(r.account.as_str()) => {
                    reject("already_redeemed", StatusCode::CONFLICT)
                }
                // Redeemed by someone else: the same answer as an unknown code.
                Some((_, _, state, _)) if state != "fresh" => reject("invalid_code", StatusCode::UNPROCESSABLE_ENTITY),
                Some((kind, cents, _, _)) => {
                    let changed = tx.execute(
                        "UPDATE codes SET state = 'redeemed', redeemed_by = ?1, redeemed_at = ?2 WHERE code = ?3 AND state = 'fresh'",
                        params![r.account, now.format(), normalized],
                    )?;
                    if changed != 1 {
                        reject("invalid_code", StatusCode::UNPROCESSABLE_ENTITY)
                    } else {
                        let expires_on = v.expires_on.map(Date::format);
                        if kind == "credit" {
                            tx.execute(
                                "INSERT INTO credits (account, amount_cents, expires_on, code_hash) VALUES (?1, ?2, ?3, ?4)",
                                params![r.account, cents, expires_on.clone().unwrap_or_default(), code_hash(&normalized)],
                            )?;
                        } else {
                            tx.execute(
                                "UPDATE accounts SET giftcard_cents = giftcard_cents + ?1 WHERE id = ?2",
                                params![cents, r.account],
                            )?;
                        }
                        Outcome::Redeemed { kind, cents, currency: currency(&home), expires_on, balance: String::new() }
                    }
                }
            }
        }
    };
    record(match &outcome {
        Outcome::Redeemed { .. } => "redeemed",
        Outcome::Rejected { code, .. } => code,
        Outcome::UnknownAccount => "unknown_account",
    })?;
    let outcome = match outcome {
        Outcome::Redeemed { kind, cents, currency, expires_on, .. } => {
            let balance = balance_json(&tx, &r.account, now.date())?.unwrap_or_default();
            Outcome::Redeemed { kind, cents, currency, expires_on, balance }
        }
        other => other,
    };
    tx.commit()?;
    Ok(outcome)
}

async fn static_file(State(state): State<Arc<AppState>>, uri: Uri) -> Response<Body> {
    let path = uri.path();
    let (root, relative) = match path.strip_prefix("/pkg/") {
        Some(rest) => (&state.pkg, rest),
        None if path == "/" => (&state.www, "index.html"),
        None => (&state.www, path.trim_start_matches('/')),
    };
    let Some(file) = safe_join(root, relative) else {
        return not_found();
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let mut response = Response::new(Body::from(bytes));
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&file)));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            security_headers(headers);
            response
        }
        Err(_) => not_found(),
    }
}

fn not_found() -> Response<Body> {
    let mut response = Response::new(Body::from("not found"));
    *response.status_mut() = StatusCode::NOT_FOUND;
    security_headers(response.headers_mut());
    response
}

/// `root/relative` when `relative` stays inside `root` (no `..`, no absolute parts).
fn safe_join(root: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(root.join(relative))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}
