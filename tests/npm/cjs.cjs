// CommonJS consumer: `require` resolves the "node" condition (node.cjs).
const assert = require('node:assert/strict');
const { validate } = require('claimcheck');

const v = validate('DE4G22TMYTVELK24BXYS', { now: '2026-11-28' });
assert.equal(v.scheme, 'credit');
assert.equal(v.issuedOn, '2026-11-01');
assert.equal(v.expiresOn, '2026-12-01');
assert.equal(v.findings[0].code, 'expires_soon');
console.log('cjs: ok');
