// TypeScript compiled as CommonJS under `module: node16` (tsconfig.node16.json): `require` of the
// package must type-check, as it runs (node.cjs is CommonJS). With the Node build typed by a .d.ts
// in this "type": "module" package, TypeScript refused it (TS1471: only resolves to an ES module).
import claimcheck = require('claimcheck');

const v = claimcheck.validate('DE9N8GUZWH279LUF', { now: '2026-11-22T12:00:00Z' });
const status: claimcheck.Status = v.status;
// @ts-expect-error: the types are real, not `any`
const wrong: number = v.status;
export = { status, wrong };
