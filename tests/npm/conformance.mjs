// The conformance cases of tests/data/cases.json, which tests/conformance.rs runs against the native
// library, run again against the installed package: the module as shipped (no_std, wasm-opt, the
// function order and zeroed data of scripts/optimize-wasm.py) must answer each case the same way.
// With `lite`, the cases go through claimcheck/lite, the module without the support functions.
//
//   node conformance.mjs CASES_JSON [lite]
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { liteModule } from './lite-module.mjs';

const lite = process.argv[3] === 'lite';
const { validate } = lite ? await liteModule() : await import('claimcheck');

const file = JSON.parse(readFileSync(process.argv[2], 'utf8'));
assert.ok(file.cases.length >= 30, 'the case file has its cases');
for (const c of file.cases) {
  const options = { now: c.now ?? file.now };
  if (c.option_scheme !== undefined) options.scheme = c.option_scheme;
  if (c.marketplace !== undefined) options.marketplace = c.marketplace;
  const got = validate(c.input, options);
  const context = `case ${JSON.stringify(c)}\n got ${JSON.stringify(got)}`;
  assert.equal(got.status, c.status, context);
  // issuedOn and expiresOn are absent from a result that has none; the cases name them when present.
  for (const key of ['normalized', 'display', 'region', 'issuedOn', 'expiresOn']) {
    if (key in c) assert.equal(got[key], c[key], `${key}: ${context}`);
  }
  if ('detects' in c) assert.equal(got.scheme, c.detects, `scheme: ${context}`);
  if ('findings' in c) assert.deepEqual(got.findings.map((f) => f.code), c.findings, `findings: ${context}`);
  for (const key of ['position', 'expected', 'actual']) {
    if (key in c) assert.equal(got.findings[0][key], c[key], `${key}: ${context}`);
  }
  if ('suggestion' in c) assert.equal(got.suggestions[0]?.code, c.suggestion, `suggestion: ${context}`);
  for (const f of got.findings) assert.ok(f.message.length > 0, context);
}
const which = lite ? 'claimcheck/lite' : 'the package';
console.log(`conformance: ${which} answers all ${file.cases.length} cases as the native library does`);
