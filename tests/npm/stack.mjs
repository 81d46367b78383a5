// Stack use of the packed module: the free stack is filled with a marker, the deepest calls run
// (JSON nested to the limit of the module's tape reader in options, definitions and requests, long
// inputs, codes inside pasted text (a label's code is checked by a second validation inside the
// first), a support package with the most attempts and longest fields, its verification), and the
// bytes the calls overwrote show how deep the stack went. scripts/build-npm.sh gives the module a
// 128 KB stack; this fails when a change makes the calls use more than a quarter of it, or write
// below 1 KB (wasm-opt's --low-memory-unused assumes nothing lives there).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, validate, formatAsYouType, explainRejection, registerScheme, supportPackage, verifySupportPackage }
  from 'claimcheck/web';

const require = createRequire(import.meta.url);
const bytes = readFileSync(require.resolve('claimcheck/claimcheck_bg.wasm'));

/** The initial value of the module's first mutable global, the stack pointer: the top of the stack. */
function stackTop(module) {
  let at = 8;
  const leb = (signed) => {
    let value = 0, shift = 0, byte;
    do { byte = module[at++]; value |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    return signed && shift < 32 && (byte & 0x40) ? value | (-1 << shift) : value;
  };
  while (at < module.length) {
    const id = module[at++];
    const size = leb(false);
    if (id !== 6) { at += size; continue; }
    const count = leb(false);
    for (let i = 0; i < count; i++) {
      const mutable = module[at + 1] === 1;
      at += 2;
      if (module[at++] !== 0x41) throw new Error('stack: a global is not initialised by i32.const');
      const value = leb(true);
      if (module[at++] !== 0x0b) throw new Error('stack: unexpected global initialiser');
      if (mutable) return value;
    }
  }
  throw new Error('stack: no mutable global (stack pointer) found');
}

const top = stackTop(bytes);
const exports = initSync({ module: bytes });
const MARK = 0xa5;
new Uint8Array(exports.memory.buffer).fill(MARK, 16, top); // below the stack pointer at rest: all free

const now = '2026-11-22T12:00:00Z';
const nestedArray = (n) => (n === 0 ? 1 : [nestedArray(n - 1)]);
const nestedObject = (n) => (n === 0 ? 'x' : { a: nestedObject(n - 1) });
const attempts = Array.from({ length: 25 }, () => ({
  at: now, clientStatus: 'invalid', serverCode: 'already_redeemed', serverMessage: 'DE9N8GUZWH279LUG '.repeat(40), httpStatus: 409,
}));
const calls = [
  () => validate('DE9N8GUZWH279LUF', { now }),
  () => validate('DE9N8GUZWH279LUG', { now, locale: 'de' }),
  () => validate('de9n-8guz-wh27-9luf', { now }),
  () => validate('??9N8GUZWH279L??', { now }),
  () => validate('x'.repeat(5000), { now }),
  () => validate('ÄÖÜ'.repeat(300) + '\u200b'.repeat(100), { now }),
  () => validate('Claim code: ' + 'DE9N8GUZWH279LUG'.repeat(15), { now }), // a code searched for in text
  () => validate('Claim code: DE9N-8GUZ-WH27-9LUG', { now }), // the code after a label checked on its own
  () => formatAsYouType('DE9N 8GUZ WH27', 5, { now }),
  () => explainRejection('region_restricted', { locale: 'de', marketplace: 'amazon.de' }),
  () => validate('DE9N8GUZWH279LUF', { now, extra: nestedObject(31) }),
  () => validate('DE9N8GUZWH279LUF', { now, extra: nestedArray(40) }),
  () => registerScheme({ id: 'deep', alphabet: '0123456789', lengths: [8], groups: [[4, 4]], checksum: 'luhn', extra: nestedObject(31) }),
  () => registerScheme(JSON.stringify(nestedArray(33))),
  () => verifySupportPackage(supportPackage({
    input: 'DE9N8GUZWH279LUG', options: { now, locale: 'de' }, attempts, orderNumber: '1'.repeat(600),
    cardSerial: '1234567890123456', environment: { locale: 'de-DE', timeZone: 'Europe/Berlin', userAgent: 'x'.repeat(800) },
  }).json),
];
let thrown = 0;
for (const call of calls) {
  try { call(); } catch { thrown++; } // the nested-too-deeply calls throw; that is not what is measured
}

const memory = new Uint8Array(exports.memory.buffer); // a new view: the memory may have grown
let lowest = 16;
while (lowest < top && memory[lowest] === MARK) lowest++;
const used = top - lowest;
const lowWrites = memory.subarray(16, 1024).some((b) => b !== MARK);
if (lowWrites) throw new Error('stack: the module wrote below 1 KB, which --low-memory-unused assumes it never does');
if (used > top / 4) throw new Error(`stack: the calls used ${used} of ${top} bytes, more than a quarter`);
console.log(`stack: ok (${calls.length} deepest calls, ${thrown} refused as too deep: ${used} of ${top} bytes used)`);
