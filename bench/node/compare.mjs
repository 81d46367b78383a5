// claimcheck next to the validation libraries people use, in one Node process: calls per second
// (as ratios to claimcheck) and the gzip size of each one's minimal bundle (esbuild, minified).
// Run by scripts/compare.sh (not in CI: timings vary by machine).
import { Bench } from 'tinybench';
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validate } from 'claimcheck';
import { validateIBAN } from 'ibantools';
import cardValidator from 'card-validator';
import { isValidPhoneNumber } from 'libphonenumber-js/min';
import couponCode from 'coupon-code';

const require = createRequire(import.meta.url);
const options = { now: '2026-11-22T12:00:00Z' };
const cases = [
  ['claimcheck validate (16-symbol gift card)', () => validate('DE9N8GUZWH279LUF', options)],
  ['ibantools validateIBAN', () => validateIBAN('DE89370400440532013000')],
  ['card-validator number', () => cardValidator.number('4111111111111111')],
  ['libphonenumber-js/min isValidPhoneNumber', () => isValidPhoneNumber('+49 30 901820')],
  ['coupon-code validate', () => couponCode.validate('55G2-DHM0-50NN')],
];
for (const [name, f] of cases) if (!f()) throw new Error(`${name}: the sample must be valid`);

const bench = new Bench({ time: 1500, warmupTime: 300 });
for (const [name, f] of cases) bench.add(name, f);
await bench.run();
const hz = (t) => t.result.throughput?.mean ?? t.result.hz;
const ours = hz(bench.tasks[0]);

async function bundleSize(entry) {
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' },
    bundle: true, minify: true, write: false, format: 'esm', platform: 'browser',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}
const sizes = [
  readFileSync(require.resolve('claimcheck/claimcheck_bg.wasm')).length &&
    gzipSync(readFileSync(require.resolve('claimcheck/claimcheck_bg.wasm')), { level: 9 }).length +
    gzipSync(readFileSync(require.resolve('claimcheck/web')), { level: 9 }).length,
  await bundleSize("import { validateIBAN } from 'ibantools'; globalThis.f = validateIBAN;"),
  await bundleSize("import v from 'card-validator'; globalThis.f = v.number;"),
  await bundleSize("import { isValidPhoneNumber } from 'libphonenumber-js/min'; globalThis.f = isValidPhoneNumber;"),
  await bundleSize("import c from 'coupon-code'; globalThis.f = c.validate;"),
];
console.table(bench.tasks.map((t, i) => ({
  library: t.name,
  'calls/s': Math.round(hz(t)).toLocaleString('en'),
  'claimcheck ÷ this': (ours / hz(t)).toFixed(2),
  'gzip KB': (sizes[i] / 1024).toFixed(1),
})));
