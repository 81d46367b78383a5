// Robustness of the shipped module (the no_std release build, as packed): random input, options,
// definitions, requests and packages through every export. A bad argument may throw an `Error` with a
// message; nothing may trap (a Rust panic would surface as `WebAssembly.RuntimeError` and leave the
// module dead for the page). Deterministic: the same seed gives the same calls.
//   node robust.mjs          the package's default entry
//   node robust.mjs lite     claimcheck/lite, without the support calls it does not have
import assert from 'node:assert/strict';
import { liteModule } from './lite-module.mjs';
import { seeded } from './seeded.mjs';

const lite = process.argv[2] === 'lite';
const {
  validate, formatAsYouType, explainRejection, scamWarning, supportPackage, verifySupportPackage,
  registerScheme, schemes,
} = lite ? await liteModule() : await import('claimcheck');

const { random, pick, maybe } = seeded(0x2026_1129);
const PIECES = [
  'DE', '9N', '8GUZ', 'WH27', '9LUF', '4G22', 'TMYT', 'VELK', '24BX', 'YS', '-', ' ', '?', 'O', '0', 'I', '1',
  'ä', '🎁', '\u200B', '\u00AD', 'Ｄ', 'Е', 'ο', '\uD800', '\uDFFF', '"', '\\', '{', '}', '\n', '\u2028', 'ß',
];
const text = (max) => {
  let out = '';
  const n = Math.floor(random() * max);
  for (let i = 0; i < n; i++) {
    out += random() < 0.8 ? pick(PIECES) : String.fromCharCode(Math.floor(random() * 0x10000));
  }
  return out;
};
const options = () => pick([
  undefined, null, {}, 42, 'x',
  {
    scheme: maybe(pick(['auto', 'giftcard', 'credit', 'promo', 'amazon-claim', 'nope', '', 7, text(6)])),
    marketplace: maybe(pick(['DE', 'AT', 'amazon.de', 'us', 'XX', '', null, text(8)])),
    locale: maybe(pick(['de', 'de-AT', 'en', 'fr', '', text(5), 3])),
    now: maybe(pick(['2026-11-22T12:00:00Z', '2026-11-22', new Date(0), new Date(NaN), '0000-01-01T00:30:00+01:00',
      '9999-12-31T23:59:60Z', 'yesterday', text(25), 1e15])),
  },
]);

const outcomes = { returned: 0, threw: 0 };
const allowed = (call) => {
  try {
    call();
    outcomes.returned++;
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `trapped: ${e && e.message}`);
    assert.ok(e instanceof Error && e.message.length > 0, `threw something other than an Error: ${e}`);
    // The binding's one internal error: a result that JSON.parse refused.
    assert.ok(!/internal error/.test(e.message), e.message);
    outcomes.threw++;
  }
};
// The check itself can fail: a trap is reported.
assert.throws(() => allowed(() => { throw new WebAssembly.RuntimeError('unreachable'); }), /trapped/);

const genuine = lite ? '' : supportPackage({ input: 'DE9N8GUZWH279LUG', options: { now: '2026-11-22T12:00:00Z' } }).json;
for (let i = 0; i < 4000; i++) {
  // Now and then not a string at all (such calls once corrupted the module's allocator: it hung).
  const notText = () => pick([123, null, undefined, {}, ['DE9N'], true, 2.5]);
  const input = random() < 0.02 ? 'A'.repeat(200 + Math.floor(random() * 400)) : random() < 0.03 ? notText() : text(30);
  allowed(() => validate(input, options()));
  allowed(() => formatAsYouType(input, pick([0, 3, -1, NaN, Infinity, 1e12, input.length, 2.5]), options()));
  allowed(() => explainRejection(pick(['invalid_code', 'EXPIRED', 'region-restricted', text(12), notText()]), options()));
  allowed(() => scamWarning(pick([undefined, 'de', 'en', text(4), notText()])));
  if (!lite) {
    allowed(() => verifySupportPackage(random() < 0.03 ? notText() : random() < 0.5 ? text(60) : genuine.slice(0, Math.floor(random() * genuine.length)) + text(3)));
    allowed(() => supportPackage(pick([
      null, 'x', {},
      { input, options: options(), attempts: maybe(pick([[], [{ at: text(20), httpStatus: pick([200, 99, 'x', 404]) }], 'no'])),
        orderNumber: maybe(text(10)), cardSerial: maybe(pick([text(16), 5])), revealCode: maybe(pick([true, 'yes'])),
        environment: maybe(pick([{ locale: text(5), timeZone: text(8), userAgent: text(40) }, 'x'])) },
    ])));
  }
  if (i % 20 === 0) {
    allowed(() => registerScheme(pick([
      text(40), '{}', null, 5,
      { id: pick(['fuzz', 'FUZZ', 'auto', 'giftcard', text(6)]), alphabet: pick(['ABCDEFGH', 'AA', 'ab', '', text(10)]),
        lengths: maybe(pick([[4], [], [1], [40], [4, 'x'], -1])), minLength: maybe(pick([2, -3, 1.5])),
        maxLength: maybe(pick([6, 1e9])), checksum: pick(['none', 'luhn', 'rs32', 'damm', 'crc', 3]),
        groups: maybe(pick([[[2, 2]], [[0]], 'x'])), fields: maybe(pick([[], [{ kind: 'check', start: 3, length: 1 }], [{}]])) },
    ])));
  }
}
// The module is still alive and gives the same answers as before.
assert.equal(validate('DE9N8GUZWH279LUF', { now: '2026-11-22T12:00:00Z' }).status, 'valid');
assert.ok(schemes().length >= 4);
// Both paths were exercised: results and argument errors.
assert.ok(outcomes.returned > 1000 && outcomes.threw > 1000, JSON.stringify(outcomes));
console.log(`robust${lite ? ' (claimcheck/lite)' : ''}: ok (${outcomes.returned + outcomes.threw} random calls: ${outcomes.returned} results, ${outcomes.threw} argument errors, no trap)`);
