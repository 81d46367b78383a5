// Nothing may leak memory across calls (issue 3). The packed module's memory grows only when its
// allocator finds no free block, so a leak of even a few bytes per call shows as growth over many
// calls. Every export is called in a warm-up round, then 100 more rounds of the same kinds of calls
// (about 77,000 calls in all, with inputs of every kind and size); the memory must not grow after the
// warm-up by more than one 64 KiB page (room for the allocator's fragmentation). Deterministic: the
// same calls in the same order each run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  initSync, validate, formatAsYouType, explainRejection, scamWarning, supportPackage, verifySupportPackage,
  registerScheme, schemes, version,
} from 'claimcheck/web';
import { seeded } from './seeded.mjs';

const require = createRequire(import.meta.url);
const exports = initSync({ module: readFileSync(require.resolve('claimcheck/claimcheck_bg.wasm')) });

const { random, pick } = seeded(0x2026_1130);
const now = '2026-11-22T12:00:00Z';
const INPUTS = [
  'DE9N8GUZWH279LUF', 'DE9N-8GUZ-WH72-9LUF', 'de9n 8guz wh27 9lu', '??9N8GUZWH279L??', 'DE4G22TMYTVELK24BXYS',
  'AB12-CDEF34-GH56', 'SUMMER2026', '1234567890123456', 'Claim code: DE9N-8GUZ-WH27-9LUF', '',
  'ÄÖÜ'.repeat(40), 'x'.repeat(300), 'DE9N8GUZWH279LUG'.repeat(8), '🎁 DE9N-8GUZ-WH27-9LUF 🎁', '\uD800',
];
const OPTIONS = [undefined, { now }, { now, locale: 'de', marketplace: 'AT' }, { scheme: 'credit', now }, { scheme: 'nope' }];
const definition = (i) => ({
  id: 'leak-test', alphabet: '0123456789', lengths: [8 + (i % 4)], checksum: i % 2 ? 'luhn' : 'damm',
  fields: [{ kind: 'check', start: 7 + (i % 4), length: 1 }],
});

let thrown = 0;
const call = (f) => { try { f(); } catch (e) { assert.ok(e instanceof Error, String(e)); thrown++; } };
let packageJson = '';
function round(r) {
  for (let i = 0; i < 200; i++) {
    const input = pick(INPUTS);
    const options = pick(OPTIONS);
    call(() => validate(input, options));
    call(() => formatAsYouType(input, Math.floor(random() * (input.length + 2)), options));
    call(() => explainRejection(pick(['expired', 'already_redeemed', 'nonsense']), { locale: pick(['de', 'en']) }));
    if (i % 10 === 0) {
      call(() => {
        packageJson = supportPackage({
          input, options: { now, locale: 'de' }, orderNumber: '302-1234567-7654321',
          attempts: [{ at: now, serverCode: 'already_redeemed', serverMessage: input, httpStatus: 409 }],
          environment: { userAgent: 'x'.repeat(100 + i) },
        }).json;
      });
      call(() => verifySupportPackage(packageJson));
      call(() => verifySupportPackage(packageJson.replace('"', ' "')));
      call(() => registerScheme(definition(r * 200 + i))); // the same id, replaced each time
      call(() => registerScheme('{"id": "x", "alphabet": "AA"}'));
      call(() => schemes());
      call(() => scamWarning(pick(['de', 'en'])));
      call(() => version());
    }
  }
}

const ROUNDS = 100;
round(0); // warm-up: the allocator's free lists and the registry reach their working size
const after_warm_up = exports.memory.buffer.byteLength;
for (let r = 1; r <= ROUNDS; r++) round(r);
const at_end = exports.memory.buffer.byteLength;
assert.ok(thrown > 0, 'bad arguments were among the calls');
assert.ok(at_end - after_warm_up <= 65536,
  `memory grew from ${after_warm_up} to ${at_end} bytes over ${ROUNDS} rounds of the same calls: a leak`);
console.log(`memory: ${after_warm_up} bytes after the warm-up, ${at_end} after ${ROUNDS} more rounds (${thrown} calls threw as they should)`);
