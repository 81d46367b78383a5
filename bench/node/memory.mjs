// One million validate calls on the built package; the wasm memory must stay flat. Uses the
// package's browser build (claimcheck/web) in Node, whose initSync returns the module's exports and
// so its memory. Run by scripts/memory-node.sh; prints start and end sizes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, validate, formatAsYouType } from 'claimcheck/web';

const require = createRequire(import.meta.url);
const wasm = initSync({ module: readFileSync(require.resolve('claimcheck/claimcheck_bg.wasm')) });
const memory = () => wasm.memory.buffer.byteLength;

const inputs = ['DE9N8GUZWH279LUF', 'de9n 8guz wh27 9lug', 'DE9N8GUZWH2?9LUF', 'US8W2ZNFTJQQS6D3', '🎁'.repeat(100), ''];
const options = { marketplace: 'DE', now: '2026-11-22T12:00:00Z' };
for (let i = 0; i < 10_000; i++) validate(inputs[i % inputs.length], options);
const start = memory();
const t0 = process.hrtime.bigint();
for (let i = 0; i < 1_000_000; i++) {
  validate(inputs[i % inputs.length], options);
  if (i % 10 === 0) formatAsYouType(inputs[i % inputs.length], i % 20, options);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const end = memory();
console.log(`1,000,000 validate + 100,000 formatAsYouType calls in ${seconds.toFixed(1)} s; wasm memory at start ${start} bytes, at end ${end} bytes`);
if (end !== start) {
  console.error('the wasm memory grew');
  process.exit(1);
}
