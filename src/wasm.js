// The JavaScript half of the binding (src/wasm.rs is the module's half). The npm build adds this file
// to each target's glue (scripts/build-npm.sh): the functions it exports are the package's API, each
// calling the module's one export `__call` (src/wasm.rs) with its number, through the glue's `wasm`.
// Arguments go in as text; the answer comes back as a tape. wasm-pack's tests import `readTape`.

let tapeKeys;

/**
 * The value a tape holds (its format: `JsonWriter::tape` in src/json.rs); a tape of an error is
 * thrown as an `Error` with its message. With `validation`, the tape is one of `validate`'s.
 */
export function readTape(tape, validation) {
  let at = 0;
  // "!" starts the key names, sent with the first result.
  if (tape[0] === '!') tapeKeys = tape.slice(1, (at = tape.indexOf('\n') + 1) - 2).split(',');
  // Every step reads on or stops with an error, so a tape that was cut off cannot loop.
  const value = () => {
    let c = tape.charCodeAt(at++);
    let v = c - 48;
    if (c < 58 && c > 47) {
      // A string: its length in UTF-16 units, ",", the text.
      while ((c = tape.charCodeAt(at++)) > 47) v = v * 10 + c - 48;
      return tape.slice(at, (at += v));
    }
    if (c === 100) return +tape.slice(at, (at = tape.indexOf(';', at) + 1 || tape.length + 1) - 1);
    if (c === 91) {
      for (v = []; tape.charCodeAt(at) !== 93; ) v.push(value());
      at++;
      return v;
    }
    if (c === 123) {
      for (v = {}; (c = tape.charCodeAt(at++)) !== 125; ) v[c === 34 ? value() : tapeKeys[c - 35]] = value();
      return v;
    }
    if (c === 110) return null;
    if (c === 116 || c === 102) return c === 116;
    if (c === 101) throw new Error(value());
    throw new Error('claimcheck: a result could not be read');
  };
  if (validation && tape.charCodeAt(at) === 123) {
    // `validate`'s result, read on every keystroke of a form, as one object literal: V8 builds that
    // about four times as fast as an object assigned member by member (46 against 192 ns for a plain
    // result, measured in Node). Its members in the order `Validation::write_json` writes them, each
    // key character skipped; a result with dates has two more and is read as any other.
    const start = at++, member = () => (at++, value());
    const result = { status: member(), input: member(), normalized: member(), display: member(), scheme: member(), region: member(), changes: member(), findings: member(), suggestions: member(), causes: member() };
    if (tape.charCodeAt(at) === 125) return result;
    at = start;
  }
  return value();
}

// The numbers of the API's functions for `__call` (the same in src/wasm.rs).
const VALIDATE = 0, FORMAT_AS_YOU_TYPE = 1, EXPLAIN_REJECTION = 2, SCAM_WARNING = 3;
const SUPPORT_PACKAGE = 4, VERIFY_SUPPORT_PACKAGE = 5, SCHEMES = 6, REGISTER_SCHEME = 7, VERSION = 8;

/** The four options the module read last: none at first, as in the module. */
let sentOptions = [];
/** The four options of the call in progress, when they are sent. */
let readOptions;

/** True when an option is the one sent last; an object (a Date) may have changed since. */
const unchanged = (value, sent) => value === sent && (typeof value !== 'object' || value === null);

/**
 * The tape of the four options the core reads, or `undefined` when they are the ones the module read
 * last (a form passes the same options on every keystroke; the module keeps what it read).
 */
function optionsText(options) {
  if (options != null && typeof options !== 'object') throw new Error('options must be an object');
  let scheme, marketplace, locale, now;
  if (options != null) ({ scheme, marketplace, locale, now } = options);
  const sent = sentOptions;
  if (unchanged(scheme, sent[0]) && unchanged(marketplace, sent[1]) && unchanged(locale, sent[2]) && unchanged(now, sent[3])) {
    return undefined;
  }
  readOptions = [scheme, marketplace, locale, now];
  return toTape({ scheme, marketplace, locale, now }, 'options cannot be turned into JSON');
}

/** The value of the module's answer to a call given `sent` (from `optionsText`). */
function answer(tape, sent, validation) {
  if (sent !== undefined) sentOptions = readOptions; // the module has read them, even if it refused them
  return readTape(tape, validation);
}

/**
 * `value` when it is a string, else a TypeError naming `what`: only strings are written into the
 * module's memory (`put`). (wasm-bindgen's own string passing, used before, corrupted the module's
 * allocator when given anything else: after two such calls a third never returned.)
 */
function string(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string, not ${value === null ? 'null' : typeof value}`);
  return value;
}

/**
 * The tape of `value` as JSON has it (`JSON.stringify`: no functions or undefined members, a Date as
 * its ISO text), or an `Error` with `message` when there is no JSON of it.
 */
function toTape(value, message) {
  let text;
  try {
    text = JSON.stringify(value, lossless);
  } catch {}
  if (typeof text !== 'string') throw new Error(message);
  return tapeOf(JSON.parse(text));
}

/**
 * The tape of a value `JSON.parse` made, as the module reads it (`Json::from_tape` in src/json.rs):
 * the module has no JSON parser of its own. `n`, `t`, `f`; `d`, the number, `;`; `s`, the string's
 * length in UTF-8 bytes, `;`, the string; `[` values `]`; `{` keys and values `}`.
 */
export function tapeOf(value) {
  if (typeof value === 'string') return `s${encoder.encode(value).length};${value}`;
  if (typeof value === 'number') return `d${value};`;
  if (typeof value !== 'object' || value === null) return String(value)[0];
  if (Array.isArray(value)) return `[${value.map(tapeOf).join('')}]`;
  let tape = '{';
  for (const key of Object.keys(value)) tape += tapeOf(key) + tapeOf(value[key]);
  return tape + '}';
}

/**
 * For `JSON.stringify`: NaN, ±Infinity and an invalid Date as their text ("NaN", "Invalid Date").
 * JSON writes them as null, which the module reads as absent: `now: new Date('x')` would quietly
 * mean the clock. As text the module refuses them with its own message.
 */
function lossless(key, value) {
  return (value === null && this[key] != null) || (typeof value === 'number' && !isFinite(value)) ? String(this[key]) : value;
}

const encoder = new TextEncoder();

/** Writes `text` as UTF-8 into the module's memory at `at`: its length in bytes (at most three per unit). */
function put(text, at) {
  const memory = getUint8ArrayMemory0();
  for (let i = 0, c; i < text.length; i++) {
    // Codes are mostly ASCII: byte by byte until the first character that is not.
    if ((c = text.charCodeAt(i)) > 127) return i + encoder.encodeInto(text.slice(i), memory.subarray(at + i, at + 3 * text.length)).written;
    memory[at + i] = c;
  }
  return text.length;
}

/**
 * The module's answer to API function `number`: the text of its tape. The text and the options'
 * JSON go into the module's input buffer, the answer is read from its answer buffer: no allocation
 * and no free per call.
 */
function call(number, text, options = '', caret) {
  const at = wasm.__input(3 * (text.length + options.length)) >>> 0;
  const textBytes = put(text, at);
  const length = wasm.__call(number, textBytes, put(options, at + textBytes), caret) >>> 0;
  return getStringFromWasm0(wasm.__answer(), length);
}

export function validate(input, options) {
  const sent = optionsText(options);
  return answer(call(VALIDATE, string(input, 'validate: input'), sent, 0), sent, true);
}

export function formatAsYouType(input, caret, options) {
  const sent = optionsText(options);
  return answer(call(FORMAT_AS_YOU_TYPE, string(input, 'formatAsYouType: input'), sent, +caret), sent);
}

// Anything but a string is an unrecognised server code ("unknown"), and any locale but a string English.
export function explainRejection(serverCode, options) {
  const sent = optionsText(options);
  return answer(call(EXPLAIN_REJECTION, typeof serverCode === 'string' ? serverCode : '', sent, 0), sent);
}

export function scamWarning(locale) {
  return readTape(call(SCAM_WARNING, typeof locale === 'string' ? locale : '', undefined, 0));
}

export function supportPackage(request) {
  return readTape(call(SUPPORT_PACKAGE, toTape(request, 'supportPackage: the request must be an object'), undefined, 0));
}

/**
 * What `verifySupportPackage` sends: the package's tape, or `!` and its text when that is not JSON.
 * A byte order mark (a file saved by some editors) is not part of the package.
 */
export function packageTape(json) {
  json = json.replace(/^\ufeff/, '');
  try {
    return tapeOf(JSON.parse(json));
  } catch {
    return `!${json}`;
  }
}

export function verifySupportPackage(json) {
  return readTape(call(VERIFY_SUPPORT_PACKAGE, packageTape(string(json, 'verifySupportPackage: the package')), undefined, 0));
}

export function schemes() {
  return readTape(call(SCHEMES, '', undefined, 0));
}

export function registerScheme(definition) {
  let tape;
  if (typeof definition === 'string') {
    try {
      // A byte order mark, which readFileSync(…, 'utf8') keeps from a file Windows tools saved, is
      // skipped as the native reader skips it: JSON.parse refuses it.
      tape = tapeOf(JSON.parse(definition.replace(/^\ufeff/, '')));
    } catch (e) {
      throw new Error(`registerScheme: the definition is not JSON (${e.message})`);
    }
  } else if (typeof definition !== 'object' || definition === null) {
    throw new Error('registerScheme: the definition must be an object or a JSON string');
  } else {
    tape = toTape(definition, 'registerScheme: the definition cannot be turned into JSON');
  }
  readTape(call(REGISTER_SCHEME, tape, undefined, 0));
}

export function version() {
  return readTape(call(VERSION, ''));
}
