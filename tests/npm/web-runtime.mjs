// claimcheck/web in Deno and Bun, which fetch file: URLs (Node's fetch does not: Node takes the
// default entry): init() given the .wasm's URL as the package exports it, then one call of each kind.
import assert from 'node:assert/strict';
import init, { validate, formatAsYouType } from 'claimcheck/web';

await init({ module_or_path: new URL(import.meta.resolve('claimcheck/claimcheck_bg.wasm')) });
assert.equal(validate('de9n 8guz wh27 9luf').status, 'valid');
const typo = validate('DE9N8GUZWH279LUG', { locale: 'de' });
assert.equal(typo.suggestions[0].code, 'DE9N8GUZWH279LUF');
assert.match(typo.findings[0].message, /Stelle 16/);
assert.deepEqual(formatAsYouType('de9n8g', 6), { display: 'DE9N-8G', caret: 7, status: 'incomplete' });
console.log('web-runtime: ok');
