// The binding's JS (src/wasm.js) on its own: readTape reads each kind of value, and every prefix and
// every one-character change of a tape is read or refused with an error, never looped on; optionsJson
// hands back the same string while the four options stay the same. (That real results read the same
// from the tape as from their JSON is tested in tests/common, in Node and Chromium.)
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Imported from a copy with an .mjs name: src/ has no package.json saying its .js files are modules.
const folder = mkdtempSync(join(tmpdir(), 'claimcheck-'));
const copy = join(folder, 'wasm.mjs');
copyFileSync(new URL('../../src/wasm.js', import.meta.url), copy);
const { readTape, optionsJson } = await import(pathToFileURL(copy));
rmSync(folder, { recursive: true });

const names = '!status,input,x,\n';
assert.deepEqual(readTape(`${names}{#3,abc$[d1.5;tfn{}[]]%{"2,k"1,v}}`), {
  status: 'abc',
  input: [1.5, true, false, null, {}, []],
  x: { 'k"': 'v' },
});
assert.deepEqual(readTape('[d-42;d1e3;4,a😀b0,]'), [-42, 1000, 'a😀b', '']);
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

const options = { locale: 'de', now: '2026-11-22T12:00:00Z', other: 1 };
const first = optionsJson(options);
assert.equal(first, '{"locale":"de","now":"2026-11-22T12:00:00Z"}');
assert.equal(optionsJson({ ...options }), first);
options.locale = 'en';
assert.equal(optionsJson(options), '{"locale":"en","now":"2026-11-22T12:00:00Z"}');
const date = new Date('2026-11-22T12:00:00Z');
assert.equal(optionsJson({ now: date }), '{"now":"2026-11-22T12:00:00.000Z"}');
date.setUTCFullYear(2027);
assert.equal(optionsJson({ now: date }), '{"now":"2027-11-22T12:00:00.000Z"}', 'a Date is read again');
assert.equal(optionsJson(Object.create({ scheme: 'credit' })), '{"scheme":"credit"}', 'inherited options count');
assert.equal(optionsJson({}), '{}');
console.log(`binding JS: tapes read, ${refused} broken tapes refused, options JSON kept while unchanged: ok`);
