//! The JavaScript binding: the only Rust file that names wasm-bindgen or js-sys. It converts types
//! and nothing else: every decision is made by the core.
//!
//! Nothing but numbers and text crosses the boundary. `src/wasm.js`, the binding's JS half, defines
//! the API's functions: each writes its arguments as text into the module's input buffer
//! ([`input_at`]; objects as a tape of the values `JSON.parse` gives ([`Json::from_tape`]), so the
//! module carries no JSON parser; options as the tape of the four fields the core reads, and only
//! when they changed since the last call; the module keeps the last options read), runs the one
//! export, [`call_export`],
//! with its number and the texts' lengths, and reads the answer from the module's answer buffer
//! ([`answer_at`]): a tape written by the core ([`JsonWriter::tape`]), read into JS values about
//! twice as fast as `JSON.parse` reads the same values as JSON; an error's tape becomes a thrown
//! `Error`. So the module holds no JS value, and calls into JS only for the clock (when `now` is not
//! given). No serde in the `.wasm`.

use core::cell::{Cell, RefCell};

use js_sys::Date;
use wasm_bindgen::prelude::*;

use crate::date::Timestamp;
use crate::json::{Json, JsonWriter, ToJson};
use crate::messages::Locale;
use crate::once::OnceLock;
use crate::prelude::*;
use crate::scheme::Registry;
use crate::support::SupportRequest;
use crate::validate::CheckOptions;

/// State of the page's one module instance: wasm32 without threads has one thread, and every
/// export runs to completion before the next starts.
struct PageLocal<T>(T);

#[cfg(target_feature = "atomics")]
compile_error!("the JavaScript binding keeps its state for one thread: build without atomics");

// SAFETY: one thread (checked above), so the contents are never shared between threads.
unsafe impl<T> Sync for PageLocal<T> {}

/// The schemes of this page: the built-ins plus those registered with `registerScheme`.
static REGISTRY: PageLocal<OnceLock<RefCell<Registry>>> = PageLocal(OnceLock::new());
/// What was read from the options last sent, or refused in them (the defaults until some are sent).
static LAST_OPTIONS: PageLocal<RefCell<Result<CheckOptions, String>>> =
    PageLocal(RefCell::new(Ok(CheckOptions { scheme: None, marketplace: None, locale: Locale::En, now: None })));

/// The last call's tape, kept so that the next is written without an allocation: handed back as a
/// `String`, wasm-bindgen would shrink it to its length (a new allocation and a copy) and the glue
/// would free it after reading. JS reads it where [`answer_at`] says.
static ANSWER: PageLocal<RefCell<Vec<u8>>> = PageLocal(RefCell::new(Vec::new()));
/// The text of a call, written by JS (see [`input_at`]).
static INPUT: PageLocal<RefCell<Vec<u8>>> = PageLocal(RefCell::new(Vec::new()));
/// Most bytes of input or answer memory kept from one call to the next.
const KEPT_BUFFER_BYTES: usize = 64 * 1024;

/// Whether the key names went to JS with a result already (they go with the first).
static KEY_NAMES_SENT: PageLocal<Cell<bool>> = PageLocal(Cell::new(false));

fn registry() -> &'static RefCell<Registry> {
    REGISTRY.0.get_or_init(|| RefCell::new(Registry::new()))
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("wasm.d.ts");

// `__call` is the module's half of the API: `src/wasm.js` defines the API's functions, each calling
// it with its number (below) and the lengths of its text and options, which it wrote into the input
// buffer. The answer is a tape: the result, or the message of the `Error` the JS half throws. Options
// arrive as the tape of their four fields, or not at all (length 0) when they are the same as the
// last call's (the JS half keeps track). One export instead of one per function: each export
// costs a shim in the module and a function in the glue. Texts pass through buffers the module keeps
// rather than wasm-bindgen's string passing: per call, that saved an allocation and a free for the
// text, and for the answer an allocation, a copy (wasm-bindgen shrinks a returned `String`) and a
// free called from JS (measured: 4-5% of a plain `validate` in Node, and 158 bytes gzip smaller).

/// Runs API function number `function` of `src/wasm.js` (0 `validate`, 1 `formatAsYouType`,
/// 2 `explainRejection`, 3 `scamWarning`, 4 `supportPackage`, 5 `verifySupportPackage`, 6 `schemes`,
/// 7 `registerScheme`, 8 `version`) on the text and options JS wrote into the input buffer (their
/// lengths in bytes; no options: the last ones) and `number` (the caret): the length of its tape,
/// which JS reads from the answer buffer.
#[wasm_bindgen(js_name = __call, skip_typescript)]
pub fn call_export(function: u32, text_bytes: usize, options_bytes: usize, number: f64) -> usize {
    let input = INPUT.0.borrow();
    let options_end = text_bytes.saturating_add(options_bytes);
    let tape = match (input.get(..text_bytes), input.get(text_bytes..options_end)) {
        (Some(text), Some(options)) => {
            // SAFETY: the JS half writes both with `TextEncoder` or as ASCII (`put` in src/wasm.js), so
            // each is UTF-8, as wasm-bindgen's own string passing trusts its glue's.
            let (text, options) =
                unsafe { (core::str::from_utf8_unchecked(text), core::str::from_utf8_unchecked(options)) };
            call(function, text, (options_bytes > 0).then_some(options), number)
        }
        _ => tape_of::<Json>(Err("the text of a call lies outside the input buffer".into())),
    }
    .into_bytes();
    let length = tape.len();
    *ANSWER.0.borrow_mut() = tape;
    length
}

/// Where JS writes the text of the next call, `bytes` long (the text, then the options' JSON, each as
/// UTF-8); a buffer kept from call to call, as the answer's is.
#[wasm_bindgen(js_name = __input, skip_typescript)]
pub fn input_at(bytes: usize) -> *mut u8 {
    let mut input = INPUT.0.borrow_mut();
    if input.len() < bytes || input.len() > bytes.max(KEPT_BUFFER_BYTES) {
        *input = vec![0; bytes];
    }
    input.as_mut_ptr()
}

/// Where the tape of the last call starts (its length is what `__call` returned).
#[wasm_bindgen(js_name = __answer, skip_typescript)]
pub fn answer_at() -> *const u8 {
    ANSWER.0.borrow().as_ptr()
}

/// The tape of API function number `function` (see [`call_export`]).
pub fn call(function: u32, text: &str, options: Option<&str>, number: f64) -> String {
    match function {
        0 if const { !left_out(0) } => validate(text, options),
        1 if const { !left_out(1) } => format_as_you_type(text, number, options),
        2 if const { !left_out(2) } => explain_rejection(text, options),
        3 if const { !left_out(3) } => scam_warning(text),
        4 if const { !left_out(4) } => support_package(text),
        5 if const { !left_out(5) } => verify_support_package(text),
        6 if const { !left_out(6) } => schemes(),
        7 if const { !left_out(7) } => register_scheme(text),
        8 => version(),
        _ => tape_of::<Json>(Err(words("no API function number ").num(function as usize).done())),
    }
}

/// The tape of `validate`'s result.
pub fn validate(input: &str, options: Option<&str>) -> String {
    tape_of(
        check_options(options)
            .and_then(|options| registry().borrow().validate(input, &options).map_err(|e| e.describe())),
    )
}

/// The tape of `formatAsYouType`'s result.
pub fn format_as_you_type(input: &str, caret: f64, options: Option<&str>) -> String {
    // A caret from JS is a number: NaN and negatives mean the start, fractions round down.
    let caret = if caret.is_finite() && caret > 0.0 { caret as usize } else { 0 };
    tape_of(
        check_options(options).and_then(|options| {
            registry().borrow().format_as_you_type(input, caret, &options).map_err(|e| e.describe())
        }),
    )
}

/// The tape of `explainRejection`'s result.
pub fn explain_rejection(server_code: &str, options: Option<&str>) -> String {
    tape_of(check_options(options).and_then(|options| {
        let marketplace = options.resolved_marketplace().map_err(|e| e.describe())?;
        Ok(crate::explain::explain_rejection(server_code, options.locale, marketplace))
    }))
}

/// The tape of the scam warning (`""`: English).
pub fn scam_warning(locale: &str) -> String {
    tape_of(Ok(crate::explain::scam_warning(Locale::from_tag(locale))))
}

/// The tape of a support package, from the tape of its request.
pub fn support_package(request: &str) -> String {
    tape_of(support_package_of(request))
}

fn support_package_of(request: &str) -> Result<crate::support::SupportPackage, String> {
    let json = read_tape(request, "supportPackage")?;
    let mut request = SupportRequest::from_json_value(&json).map_err(|e| e.describe())?;
    request.options.now = request.options.now.or_else(clock);
    registry().borrow().support_package(&request).map_err(|e| e.describe())
}

/// The tape of a package's verification, from the package's tape, or from `!` and its text when
/// `JSON.parse` could not read it.
pub fn verify_support_package(tape: &str) -> String {
    use crate::support::{verify_parsed_package, PackageError};
    let parsed = match tape.strip_prefix('!') {
        Some(text) => Err(Some(text)),
        None => Json::from_tape(tape).ok_or(None),
    };
    tape_of(Ok(match parsed {
        // JS sends every tape whole: one the module cannot read is nested deeper than it reads.
        Err(None) => Err(PackageError::NotJson(crate::json::TOO_DEEP)),
        Err(Some(text)) => verify_parsed_package(Err(text)),
        Ok(content) => verify_parsed_package(Ok(content)),
    }))
}

/// The tape of the registered schemes: the built-ins first, in detection order.
pub fn schemes() -> String {
    let registry = registry().borrow();
    let mut infos = Vec::new();
    for s in registry.schemes() {
        infos.push(s.info());
    }
    tape_of(Ok(infos))
}

/// Registers a custom scheme from the tape of its definition: the tape of `null`, or of the problem
/// naming the bad field. A custom scheme with the same id is replaced, a built-in one never is.
pub fn register_scheme(definition: &str) -> String {
    tape_of(read_tape(definition, "registerScheme").and_then(|definition| {
        registry().borrow_mut().register_json_value(&definition).map(|()| Json::Null).map_err(|e| e.describe())
    }))
}

/// The tape of the library version.
pub fn version() -> String {
    tape_of(Ok(crate::VERSION))
}

/// The options of a call: read from `sent`, or the last ones read when nothing was sent (the JS half
/// sends them only when they changed). `now` defaults to the clock.
fn check_options(sent: Option<&str>) -> Result<CheckOptions, String> {
    let mut last = LAST_OPTIONS.0.borrow_mut();
    if let Some(text) = sent {
        *last = read_tape(text, "options")
            .and_then(|options| CheckOptions::from_json_value(&options).map_err(|e| e.describe()));
    }
    let mut options = last.clone()?;
    options.now = options.now.or_else(clock);
    Ok(options)
}

/// The value of a tape from the JS half, or an error naming `what`: JS writes every tape whole, so
/// the one it can send that the module refuses is nested too deeply.
fn read_tape(tape: &str, what: &str) -> Result<Json, String> {
    Json::from_tape(tape).ok_or_else(|| words(what).add(": nested too deeply, or not a tape of src/wasm.js").done())
}

/// The current time: the only clock read in claimcheck, here in the binding, never in the core.
fn clock() -> Option<Timestamp> {
    Timestamp::from_unix_millis(Date::now() as i64)
}

/// The tape of a result, or of the message of the error the JS half throws; it starts with the key
/// names the first time. Public for the tests that compare what JS reads from it with the JSON of
/// the same value.
#[doc(hidden)]
pub fn tape_of<T: ToJson>(result: Result<T, String>) -> String {
    let mut buffer = core::mem::take(&mut *ANSWER.0.borrow_mut());
    if buffer.capacity() > KEPT_BUFFER_BYTES {
        buffer = Vec::new(); // a large answer's memory is not kept for the small ones that follow
    }
    let mut tape = JsonWriter::tape_in(buffer, !KEY_NAMES_SENT.0.replace(true));
    match result {
        Ok(value) => value.write_json(&mut tape),
        Err(message) => tape.error(&message),
    }
    tape.finish()
}

/// The API functions a measuring build leaves out, as the digits of their numbers in
/// `CLAIMCHECK_LEAVE_OUT` when compiling (`scripts/size-report.sh --features`: what each feature
/// costs). Unset in every other build, so every function is there; a left-out one answers as an
/// unknown function number would.
const LEFT_OUT: &[u8] = match option_env!("CLAIMCHECK_LEAVE_OUT") {
    Some(digits) => digits.as_bytes(),
    None => b"",
};

/// True when API function `function` is left out of this build (see [`LEFT_OUT`]).
const fn left_out(function: u32) -> bool {
    let mut i = 0;
    while i < LEFT_OUT.len() {
        if LEFT_OUT[i] as u32 == b'0' as u32 + function {
            return true;
        }
        i += 1;
    }
    false
}
