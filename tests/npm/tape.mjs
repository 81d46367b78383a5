// The binding's JS (src/wasm.js) on its own: readTape reads each kind of value, and every prefix and
// every one-character change of a tape is read or refused with an error, never looped on; an error's
// tape is thrown; the API functions send options only when they changed (the module's exports are
// stood in for). (That real results read the same from the tape as from their JSON is tested in
// tests/common, in Node and Chromium.)
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Imported from a copy with an .mjs name: src/ has no package.json saying its .js files are modules.
const folder = mkdtempSync(join(tmpdir(), 'claimcheck-'));
const copy = join(folder, 'wasm.mjs');
copyFileSync(new URL('../../src/wasm.js', import.meta.url), copy);
const { readTape, tapeOf, validate, formatAsYouType, explainRejection, scamWarning, verifySupportPackage, registerScheme, supportPackage } =
  await import(pathToFileURL(copy));
rmSync(folder, { recursive: true });

const names = '!status,input,x,\n';
assert.deepEqual(readTape(`${names}{#3,abc$[d1.5;tfn{}[]]%{"2,k"1,v}}`), {
  status: 'abc',
  input: [1.5, true, false, null, {}, []],
  x: { 'k"': 'v' },
});
assert.deepEqual(readTape('[d-42;d1e3;4,a😀b0,]'), [-42, 1000, 'a😀b', '']);
assert.deepEqual(readTape('[05,abcde00,]'), ['abcde', ''], 'a length may start with a zero');
assert.deepEqual(readTape('{#0,}'), { status: '' }, 'the key names stay for later tapes');

let refused = 0;
for (const tape of [`${names}{#3,abc$[d1.5;tfn{}]%"2,k"1,v}`, '{#0,$[[]]}', '[d-42;d;3,a😀]']) {
  const variants = [];
  for (let i = 0; i <= tape.length; i++) variants.push(tape.slice(0, i));
  for (let i = 0; i < tape.length; i++) {
    for (const c of ['', '9', '}', ']', '{', '[', 'd', ';', ',', '"', '!', '-']) {
      variants.push(tape.slice(0, i) + c + tape.slice(i + 1));
    }
  }
  for (const variant of variants) {
    try {
      readTape(variant);
    } catch (error) {
      assert.match(error.message, /a result could not be read/, variant);
      refused++;
    }
  }
}
assert.ok(refused > 100, `only ${refused} variants refused`);

// What the module reads: tapeOf's tapes, read back by a reader written apart from it (the module's
// is `Json::from_tape` in src/json.rs, tested against tapeOf in tests/common).
function untape(tape) {
  const bytes = new TextEncoder().encode(tape);
  let at = 0;
  const upTo = (c) => {
    const end = bytes.indexOf(c.charCodeAt(0), at);
    assert.ok(end >= at, `no ${c} in ${tape}`);
    const text = new TextDecoder().decode(bytes.subarray(at, end));
    at = end + 1;
    return text;
  };
  const value = () => {
    const tag = String.fromCharCode(bytes[at++]);
    if (tag === 'n' || tag === 't' || tag === 'f') return { n: null, t: true, f: false }[tag];
    if (tag === 'd') return Number(upTo(';'));
    if (tag === 's') {
      const length = Number(upTo(';'));
      const text = new TextDecoder().decode(bytes.subarray(at, at + length));
      at += length;
      return text;
    }
    const list = [];
    while (bytes[at] !== (tag === '[' ? 93 : 125)) list.push(value());
    at++;
    assert.ok(tag === '[' || (tag === '{' && list.length % 2 === 0), `not a tape: ${tape}`);
    if (tag === '[') return list;
    const object = {};
    for (let i = 0; i < list.length; i += 2) object[list[i]] = list[i + 1];
    return object;
  };
  const result = value();
  assert.equal(at, bytes.length, `more after the value: ${tape}`);
  return result;
}
for (const value of [
  null, true, false, 0, -1.5, 1e21, '', 'a;b', 'é😀\u2028"\\', [], [[1, 'x'], {}], { 'k;"': { '': [null] } },
]) {
  assert.deepEqual(untape(tapeOf(value)), value);
}
assert.equal(tapeOf({ a: [1, 'é'] }), '{s1;a[d1;s2;é]}', 'string lengths count UTF-8 bytes');
assert.equal(tapeOf('\ud800'), 's3;\ud800', 'a lone surrogate is written as U+FFFD, three bytes');

// The tape of an error is thrown as an Error with its message.

assert.throws(() => readTape('e14,unknown scheme'), (e) => e instanceof Error && e.message === 'unknown scheme');

// The API functions, with the module's half stood in for: a memory, an input buffer in it at
// INPUT_AT, and the answer handed to the glue's getStringFromWasm0 as the pointer and length the
// module would give. What each call sends as text and options is read back from that memory.
const memory = new Uint8Array(4096);
const INPUT_AT = 64, ANSWER_AT = 2048;
let room = 0, answerText;
globalThis.getUint8ArrayMemory0 = () => memory;
const wasm = (globalThis.wasm = {});
wasm.__input = (bytes) => {
  assert.ok(Number.isInteger(bytes) && bytes >= 0 && INPUT_AT + bytes < ANSWER_AT, `input room ${bytes}`);
  memory.fill(0xff, INPUT_AT, ANSWER_AT); // what an earlier call left there must not be read
  room = bytes;
  return INPUT_AT;
};
wasm.__answer = () => ANSWER_AT;
globalThis.getStringFromWasm0 = (at, length) => {
  assert.equal(at, ANSWER_AT);
  assert.equal(length, answerText.length);
  return answerText;
};
const decoder = new TextDecoder('utf-8', { fatal: true });
const sent = [];
const texts = [];
wasm.__call = (fn, textBytes, optionsBytes, number) => {
  for (const n of [textBytes, optionsBytes]) assert.ok(Number.isInteger(n) && n >= 0, `byte count ${n}`);
  assert.ok(textBytes + optionsBytes <= room, 'the text and options fit the room asked for');
  const text = decoder.decode(memory.subarray(INPUT_AT, INPUT_AT + textBytes));
  const options = optionsBytes ? decoder.decode(memory.subarray(INPUT_AT + textBytes, INPUT_AT + textBytes + optionsBytes)) : undefined;
  assert.equal(typeof number, 'number');
  texts.push(text);
  if (fn >= 3) return (answerText = fn === 7 ? 'n' : '{#2,ok}').length;
  sent.push(options);
  if (text === 'unpassable') throw new TypeError('never reached the module');
  // validate's answer has a Validation's ten members (read as one literal), explainRejection's one.
  answerText = text === 'refuse' ? 'e7,refused' : fn === 1 ? `d${number};` : fn === 0 ? `${names}${VALIDATION}` : `${names}{#2,ok}`;
  return answerText.length;
};
// What a call sent as options, as JSON (undefined: nothing sent).
const send = (call) => {
  sent.length = 0;
  call();
  assert.equal(sent.length, 1);
  return sent[0] === undefined ? undefined : JSON.stringify(untape(sent[0]));
};
const VALIDATION = '{#5,valid$1,x$1,X$1,X#n#n#[]#[]#[]#[]}';
assert.deepEqual(validate('x'), {
  status: 'valid', input: 'x', normalized: 'X', display: 'X', scheme: null, region: null,
  changes: [], findings: [], suggestions: [], causes: [],
});
// A result with two members more (a credit's dates) is read member by member. (That real results
// read as one literal equal their JSON, in order, is tested in tests/common.)
const dated = '{#5,valid$1,x$1,X$1,X#n#n#1,a#1,b#[]#[]#[]%[]}';
assert.deepEqual(readTape(dated, true), readTape(dated));
assert.deepEqual(Object.keys(readTape(dated, true)), ['status', 'input', 'x']);
// Text that is not ASCII reaches the module as UTF-8, after any ASCII before it.
for (const text of ['dé', 'ab😀', '\u00e9\u{1F600}x', 'x'.repeat(300) + 'ü', '\ud800 lone']) {
  texts.length = 0;
  validate(text);
  assert.deepEqual(texts, [text.replace('\ud800', '\ufffd')]);
}
assert.equal(send(() => validate('x')), undefined, 'no options: nothing to send at first');
const options = { locale: 'de', now: '2026-11-22T12:00:00Z', other: 1 };
assert.equal(send(() => validate('x', options)), '{"locale":"de","now":"2026-11-22T12:00:00Z"}');
assert.equal(send(() => validate('x', { ...options })), undefined, 'the same options are not sent again');
assert.equal(send(() => formatAsYouType('x', 1, options)), undefined, 'every call with options shares them');
assert.equal(formatAsYouType('x', 5, options), 5, 'the caret is passed on');
options.locale = 'en';
assert.equal(send(() => validate('x', options)), '{"locale":"en","now":"2026-11-22T12:00:00Z"}');
assert.equal(send(() => validate('x')), '{}', 'no options after some are sent as none');
assert.equal(send(() => validate('x', null)), undefined);
const date = new Date('2026-11-22T12:00:00Z');
assert.equal(send(() => validate('x', { now: date })), '{"now":"2026-11-22T12:00:00.000Z"}');
date.setUTCFullYear(2027);
assert.equal(send(() => validate('x', { now: date })), '{"now":"2027-11-22T12:00:00.000Z"}', 'a Date is sent again');
assert.equal(send(() => validate('x', Object.create({ scheme: 'credit' }))), '{"scheme":"credit"}', 'inherited');
// Options the module refused were still read by it: not sent again. A call that never reached the
// module sends its options again next time.
assert.throws(() => validate('refuse', { scheme: 'nope' }), (e) => e instanceof Error && e.message === 'refused');
assert.equal(send(() => assert.throws(() => validate('refuse', { scheme: 'nope' }))), undefined);
assert.throws(() => validate('unpassable', { scheme: 'other' }), TypeError);
assert.equal(send(() => validate('x', { scheme: 'other' })), '{"scheme":"other"}', 'sent: the last call failed');
assert.throws(() => validate('x', 5), /^Error: options must be an object$/);
assert.throws(() => validate('x', { now: 10n }), /^Error: options cannot be turned into JSON$/);
// What JSON would write as null (read as absent: the clock) is sent as text, for the module to refuse.
assert.equal(send(() => validate('x', { now: new Date('x') })), '{"now":"Invalid Date"}');
assert.equal(send(() => validate('x', { now: NaN, scheme: Infinity })), '{"scheme":"Infinity","now":"NaN"}');
assert.equal(send(() => validate('x', { now: null, locale: -Infinity })), '{"locale":"-Infinity","now":null}');
assert.equal(send(() => validate('x', { scheme: [1.5, NaN], now: 0 })), '{"scheme":[1.5,"NaN"],"now":0}');
texts.length = 0;
supportPackage({ input: 'x', attempts: [{ at: new Date(NaN), httpStatus: NaN }], options: { now: new Date(0) } });
assert.deepEqual(texts.map((t) => JSON.stringify(untape(t))), ['{"input":"x","attempts":[{"at":"Invalid Date","httpStatus":"NaN"}],"options":{"now":"1970-01-01T00:00:00.000Z"}}']);
assert.throws(() => registerScheme(5), /must be an object or a JSON string/);
// Definitions and packages go as tapes of what JSON.parse read; text that is not JSON: a definition
// is refused here, with the parser's words; a package goes as it is after "!", for the module to
// name (cut or not JSON).
texts.length = 0;
registerScheme('{"id": "x", "lengths": [4]}');
registerScheme({ id: 'y', lengths: [5], skip: undefined, when: new Date(0) });
assert.deepEqual(texts.map(untape), [{ id: 'x', lengths: [4] }, { id: 'y', lengths: [5], when: '1970-01-01T00:00:00.000Z' }]);
assert.throws(() => registerScheme('{"id": '), /^Error: registerScheme: the definition is not JSON \(.+\)$/);
texts.length = 0;
verifySupportPackage(' {"schema": "x", "n": [1.5]}\n');
verifySupportPackage('{"schema": "x", "n": [1.5');
assert.deepEqual(untape(texts[0]), { schema: 'x', n: [1.5] });
assert.equal(texts[1], '!{"schema": "x", "n": [1.5');
assert.throws(() => supportPackage(undefined), /^Error: supportPackage: the request must be an object$/);
// Only strings are written into the module's memory: a clear
// TypeError for a code or a package that is not a string; any other server code or locale than a
// string is unrecognised, as an unknown string is.
texts.length = 0;
for (const bad of [123, null, undefined, {}, ['DE9N'], 1n]) {
  const type = bad === null ? 'null' : typeof bad;
  assert.throws(() => validate(bad), new TypeError(`validate: input must be a string, not ${type}`));
  assert.throws(() => formatAsYouType(bad, 0), new TypeError(`formatAsYouType: input must be a string, not ${type}`));
  assert.throws(() => verifySupportPackage(bad), new TypeError(`verifySupportPackage: the package must be a string, not ${type}`));
  explainRejection(bad);
  scamWarning(bad);
}
assert.deepEqual(texts, Array(12).fill(''));
assert.throws(() => formatAsYouType('x', 1n), TypeError, 'a caret that is no number is refused before any call');
assert.equal(formatAsYouType('x', '7'), 7, 'a caret is passed as a number');
console.log(`binding JS: tapes read, ${refused} broken tapes refused, options sent only when changed: ok`);
