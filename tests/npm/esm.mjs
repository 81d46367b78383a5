// ESM consumer: `import` resolves the "node" condition of the package's exports.
import assert from 'node:assert/strict';
import {
  validate, schemes, registerScheme, version, formatAsYouType, explainRejection, scamWarning,
  supportPackage, verifySupportPackage,
} from 'claimcheck';
import { createRequire } from 'node:module';

const ok = validate('de9n-8guz-wh27-9luf', { marketplace: 'AT', now: '2026-11-22T12:00:00Z' });
assert.equal(ok.status, 'valid');
assert.equal(ok.display, 'DE9N-8GUZ-WH27-9LUF');
assert.equal(ok.region, 'DE');
assert.ok(!('issuedOn' in ok), 'optional fields are absent, not null');

const typo = validate('DE9N8GUZWH279LUG', { locale: 'de' });
assert.equal(typo.status, 'invalid');
assert.equal(typo.findings[0].code, 'checksum_mismatch');
assert.equal(typo.findings[0].position, 15);
assert.equal(typo.suggestions[0].code, 'DE9N8GUZWH279LUF');

assert.equal(validate('DE9N').status, 'incomplete', 'options are optional');
assert.throws(() => validate('x', { scheme: 'nope' }), (e) => e instanceof Error && /unknown scheme 'nope'/.test(e.message));
assert.throws(() => registerScheme({ id: 'bad', alphabet: 'AA', lengths: [4], checksum: 'none' }), /lists 'A' twice/);
// A scheme file saved with a byte order mark (Windows tools), as readFileSync(…, 'utf8') returns it.
registerScheme('\ufeff{"id": "acme", "alphabet": "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", "lengths": [10], "checksum": "none"}');
assert.equal(validate('abcdefgh23', { scheme: 'acme' }).status, 'unverifiable');
// An invalid Date or NaN is refused, not read as absent (JSON would write it as null: the clock).
assert.throws(() => validate('x', { now: new Date('x') }), /'now' must be an RFC 3339 timestamp .*not 'Invalid Date'$/);
assert.throws(() => validate('x', { now: NaN }), /not 'NaN'$/);
assert.deepEqual(schemes().slice(0, 4).map((s) => s.id), ['giftcard', 'credit', 'amazon-claim', 'promo']);
assert.equal(version(), createRequire(import.meta.url)('claimcheck/package.json').version);
assert.equal(typo.causes[0].code, 'typo');
assert.deepEqual(formatAsYouType('de9n8g', 6), { display: 'DE9N-8G', caret: 7, status: 'incomplete' });
const why = explainRejection('already_redeemed', { locale: 'de' });
assert.equal(why.retry, false);
assert.equal(why.contactSupport, true);
assert.match(scamWarning('en').message, /gift cards/);
const pkg = supportPackage({ input: 'DE9N8GUZWH279LUG', options: { locale: 'de' }, attempts: [{ at: '2026-11-22T11:00:00Z', serverCode: 'invalid_code' }] });
assert.match(pkg.reference, /^CC-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
assert.ok(!pkg.text.includes('DE9N8GUZWH279LUG') && pkg.json.includes('DE9N8GUZWH279LUG'));
assert.equal(verifySupportPackage(pkg.json).ok, true);
assert.equal(verifySupportPackage(pkg.json.replace('invalid_code', 'expired')).error.code, 'tampered');
// Layout is not content: as a JSON viewer or JSON.stringify(…, null, 2) shows it, it still verifies.
const pretty = JSON.stringify(JSON.parse(pkg.json), null, 2);
assert.deepEqual(verifySupportPackage(`\n${pretty}\n`), verifySupportPackage(pkg.json));
// A file saved with a byte order mark (some Windows editors) is the same package.
assert.deepEqual(verifySupportPackage(`\ufeff${pkg.json}\r\n`), verifySupportPackage(pkg.json));
assert.equal(verifySupportPackage(`\ufeff${pkg.json.slice(0, -20)}`).error.code, 'truncated');
assert.equal(verifySupportPackage(pretty.replace('invalid_code', 'expired')).error.code, 'tampered');
// Options are sent to the module only when they change: a changed object (even the same one,
// mutated, or a Date in it) is read again, and bad options after good ones still throw.
const same = { locale: 'de', now: new Date('2026-11-28T12:00:00Z') };
assert.match(validate('DE9N8GUZWH279LUG', same).findings[0].message, /Stelle 16/);
assert.match(validate('DE9N8GUZWH279LUG', same).findings[0].message, /Stelle 16/);
same.locale = 'en';
assert.match(validate('DE9N8GUZWH279LUG', same).findings[0].message, /position 16/);
assert.equal(validate('DE4G22TMYTVELK24BXYS', same).findings[0].code, 'expires_soon');
same.now.setUTCFullYear(2027);
assert.equal(validate('DE4G22TMYTVELK24BXYS', same).findings[0].code, 'expired');
for (let i = 0; i < 2; i++) assert.throws(() => validate('DE9N', { marketplace: 'Narnia' }), /unknown marketplace 'Narnia'/);
assert.throws(() => explainRejection('expired', { marketplace: 'Narnia' }), /unknown marketplace 'Narnia'/);
assert.equal(validate('DE9N8GUZWH279LUF', { marketplace: 'AT' }).status, 'valid');
assert.equal(validate('DE9N8GUZWH279LUF').status, 'valid');
console.log('esm: ok');
