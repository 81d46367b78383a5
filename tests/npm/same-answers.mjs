// Two modules that must answer alike, given 20,000 seeded random calls through every export; each
// call's arguments are drawn once and given to both.
// - `zeroed`: the package's module against the same build with its data left as it was:
//   scripts/optimize-wasm.py zeroes the data only panics read (found from the linker's relocations),
//   and no result or error message may change.
// - `lite`: claimcheck/lite (its own build, data zeroed alike) against the full package, through
//   every function it keeps (the support calls are drawn but not made).
//
//   node same-answers.mjs zeroed PACKAGE_DIR UNZEROED_DIR   (each with node.cjs and claimcheck_bg.wasm)
//   node same-answers.mjs lite
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { liteModule } from './lite-module.mjs';
import { seeded } from './seeded.mjs';

const require = createRequire(import.meta.url);
const [mode, ...dirs] = process.argv.slice(2);
if (!['zeroed', 'lite'].includes(mode)) throw new Error('same-answers.mjs: zeroed PACKAGE_DIR UNZEROED_DIR, or lite');
const lite = mode === 'lite';
// `shipped` is checked against `reference`.
const [shipped, reference] = lite
  ? [await liteModule(), require('claimcheck')]
  : dirs.map((dir) => require(path.resolve(dir, 'node.cjs')));

const { random, pick, maybe } = seeded(0x5eed);
const PIECES = ['DE', '9N', '8GUZ', 'WH27', '9LUF', '4G22', 'TMYT', 'VELK', '24BX', 'YS', '-', ' ', '?', 'O', '0',
  'I', '1', 'ä', '🎁', '\u200B', 'Ｄ', 'Е', 'ο', '"', '\\', '\n', 'ß', 'AT', 'US', 'XX'];
const text = (max) => {
  let out = '';
  const n = Math.floor(random() * max);
  for (let i = 0; i < n; i++) out += random() < 0.85 ? pick(PIECES) : String.fromCharCode(Math.floor(random() * 0x3000));
  return out;
};
const options = () => pick([undefined, null, {}, 42, {
  scheme: maybe(pick(['auto', 'giftcard', 'credit', 'promo', 'amazon-claim', 'nope', '', 7])),
  marketplace: maybe(pick(['DE', 'AT', 'amazon.de', 'us', 'XX', '', null])),
  locale: maybe(pick(['de', 'de-AT', 'en', 'fr', ''])),
  now: maybe(pick(['2026-11-22T12:00:00Z', '2026-11-22', '2020-01-01', 'yesterday', '2031-06-01T00:00:00Z'])),
}]);
const DEFINITIONS = [
  'nope', '{"id":"x"}', '{"id":"acme","alphabet":"AB","checksum":"none","lengths":[4]}',
  '{"id":"b","alphabet":"ABC","checksum":"rs32","lengths":[1]}',
  '{"id":"c","alphabet":"0123456789","checksum":"damm","minLength":3,"maxLength":2}',
  '{"id":"d","alphabet":"0123456789","checksum":"none","lengths":[6],"fields":[{"kind":"region","start":0,"length":2}],"regions":["ZZ"]}',
  '{"id":"a1","alphabet":"0123456789","checksum":"luhn","lengths":[8],"groups":[[4,4]],"fields":[{"kind":"check","start":7,"length":1}]}',
];

const outcome = (module, call) => {
  try {
    return `${JSON.stringify(call(module))}`; // registerScheme returns undefined
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `trapped: ${e.message}`);
    return `Error: ${e.message}`;
  }
};
let calls = 0;
let errors = 0;
const same = (call) => {
  const expected = outcome(reference, call);
  assert.equal(outcome(shipped, call), expected);
  calls++;
  if (expected.startsWith('Error: ')) errors++;
};
// The comparison can fail: two different calls give different outcomes.
assert.notEqual(outcome(shipped, (m) => m.validate('DE9N8GUZWH279LUF')), outcome(reference, (m) => m.validate('DE9N8GUZWH279LUG')));

for (let i = 0; i < 20000; i++) {
  const kind = Math.floor(random() * 8);
  const input = text(30);
  const given = options();
  const caret = Math.floor(random() * 20);
  const serverCode = pick(['invalid_code', 'already_redeemed', 'expired', 'region_restricted', 'unknown', 'x']);
  const request = {
    input,
    options: { now: '2026-11-22T12:00:00Z', locale: pick(['de', 'en']) },
    attempts: [{ at: '2026-11-22T11:00:00Z', serverCode: pick(['expired', 'x']), httpStatus: pick([400, 99, undefined]) }],
    orderNumber: maybe('123'),
    revealCode: maybe(true),
  };
  const cut = Math.floor(random() * 900);
  const whole = random() < 0.5;
  const definition = pick(DEFINITIONS);
  if (kind < 3) same((m) => m.validate(input, given));
  else if (kind === 3) same((m) => m.formatAsYouType(input, caret, given));
  else if (kind === 4) same((m) => m.explainRejection(serverCode, given));
  else if (lite && (kind === 5 || kind === 6)) continue; // not in claimcheck/lite
  else if (kind === 5) same((m) => m.supportPackage(request));
  else if (kind === 6) {
    same((m) => m.verifySupportPackage(
      whole ? input : m.supportPackage({ input, options: { now: '2026-11-22T12:00:00Z' } }).json.slice(0, cut)));
  } else same((m) => m.registerScheme(definition));
}
for (const call of [(m) => m.schemes(), (m) => m.scamWarning('de'), (m) => m.scamWarning(), (m) => m.version()]) same(call);
console.log(lite
  ? `claimcheck/lite: ok (${calls} calls, ${errors} of them errors, the same as the full package's)`
  : `zeroed data: ok (${calls} calls, ${errors} of them errors, the same with the data left as it was)`);
