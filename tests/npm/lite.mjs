// claimcheck/lite in Node: the module without the support functions, started with initSync and its
// .wasm's bytes as the package exports them. Every function it keeps answers as the full package's
// does; the two it leaves out are not exported at all (not stubs that throw).
import assert from 'node:assert/strict';
import * as full from 'claimcheck';
import { liteModule } from './lite-module.mjs';

const lite = await liteModule();

// The API's functions, listed: how a runtime shows the CommonJS build's namespace differs (Node adds
// `default`, Deno `module.exports` too).
const api = ['explainRejection', 'formatAsYouType', 'registerScheme', 'scamWarning', 'schemes', 'supportPackage',
  'validate', 'verifySupportPackage', 'version'];
for (const name of api) assert.equal(typeof full[name], 'function', `${name} is in the full package`);
const left = ['supportPackage', 'verifySupportPackage'];
const kept = api.filter((name) => !left.includes(name));
assert.deepEqual(Object.keys(lite).filter((name) => !['default', 'initSync'].includes(name)).sort(), kept);
for (const name of left) assert.equal(name in lite, false, `${name} is not in claimcheck/lite`);

// The same answers as the full module, call by call (fresh objects: options are compared by value).
const options = () => ({ locale: 'de', marketplace: 'DE', now: '2026-11-22T12:00:00Z' });
const same = (call) => assert.deepEqual(call(lite), call(full));
for (const code of ['DE9N8GUZWH279LUF', 'de9n 8guz wh27 9lug', 'DE4G22TMYTVELK24BXYS', 'US8W2ZNFTJQQS6D3', 'DE9N-8GU?-WH27-9LUF', '']) {
  same((m) => m.validate(code, options()));
  same((m) => m.formatAsYouType(code, 5, options()));
}
same((m) => m.explainRejection('region_restricted', options()));
same((m) => m.scamWarning('de'));
same((m) => m.schemes());
same((m) => m.version());
const definition = { id: 'lite-test', alphabet: '0123456789', lengths: [8], checksum: 'luhn' };
for (const m of [lite, full]) m.registerScheme(definition);
same((m) => m.validate('12345674', { scheme: 'lite-test' }));
// Bad arguments throw the same clear errors (a call that throws nothing fails the test).
const thrown = (call) => (m) => {
  try {
    call(m);
  } catch (e) {
    return e.message;
  }
  assert.fail('an Error was expected');
};
same(thrown((m) => m.validate('X', { scheme: 'nope' })));
same(thrown((m) => m.registerScheme({ id: 'Bad!' })));
console.log(`lite: ${kept.length} functions answer as the full package's, ${left.join(' and ')} left out`);
