// Type-checked with `tsc --noEmit --strict`: the package's .d.ts describes the contract, not `any`.
import {
  validate, schemes, registerScheme, formatAsYouType, explainRejection, scamWarning, supportPackage, verifySupportPackage,
  type SchemeDefinition, type Validation, type Finding, type CheckOptions, type Status, type Typing, type Explanation, type Cause,
} from 'claimcheck';
import init, { validate as validateWeb } from 'claimcheck/web';
import initLite, { validate as validateLite, type Validation as LiteValidation } from 'claimcheck/lite';
// @ts-expect-error claimcheck/lite leaves the support functions out: no declaration to import.
import { supportPackage as notInLite } from 'claimcheck/lite';

const options: CheckOptions = { scheme: 'auto', marketplace: 'amazon.de', locale: 'de-DE', now: '2026-11-22' };
const result: Validation = validate('DE9N8GUZWH279LUF', options);
const status: Status = result.status;
const first: Finding | undefined = result.findings[0];
const position: number | undefined = first?.position;
const expires: string | undefined = result.expiresOn;
const scheme: string | null = result.scheme;
const confidence: number | undefined = result.suggestions[0]?.confidence;
const checksum: 'none' | 'rs32' | 'luhn' | 'iso7064-mod37-2' | 'iso7064-mod97-10' | 'damm' = schemes()[0].checksum;

const typing: Typing = formatAsYouType('DE9N8', 5, { locale: 'de' });
const caret: number = typing.caret;
const why: Explanation = explainRejection('rate_limited');
const retry: boolean = why.retry;
const cause: Cause | undefined = result.causes[0];
const scam: string = scamWarning('de').title;
const pkg = supportPackage({ input: 'DE9N', attempts: [{ at: '2026-11-22T10:00:00Z', httpStatus: 409 }] });
const check = verifySupportPackage(pkg.json);
const problem: string = check.ok ? check.reference : check.error.code;

function label(s: Status): string {
  switch (s) {
    case 'valid': return 'well-formed';
    case 'unverifiable': return 'shape only';
    case 'incomplete': return 'keep typing';
    case 'invalid': return 'check the code';
  }
}

async function web(): Promise<string> {
  const exports = await init();
  const memory: WebAssembly.Memory = exports.memory;
  // @ts-expect-error: the module's internal exports have short names and are not declared.
  exports.__call;
  return validateWeb('DE9N').status + memory.buffer.byteLength;
}

async function lite(): Promise<Status> {
  await initLite();
  const checked: LiteValidation = validateLite('DE9N8GUZWH279LUF', options);
  return checked.status;
}

const acme: SchemeDefinition = {
  id: 'acme-voucher', alphabet: '0123456789', lengths: [10], checksum: 'luhn',
  fields: [{ kind: 'random', start: 0, length: 9 }, { kind: 'check', start: 9, length: 1 }],
};
registerScheme(acme);
registerScheme(JSON.stringify(acme));
// As TypeScript types a definition imported from a JSON file: every name a plain string.
const fromJson: { id: string; alphabet: string; lengths: number[]; checksum: string; fields: { kind: string; start: number; length: number }[] } = {
  id: 'acme-voucher', alphabet: '0123456789', lengths: [10], checksum: 'luhn',
  fields: [{ kind: 'random', start: 0, length: 9 }, { kind: 'check', start: 9, length: 1 }],
};
registerScheme(fromJson);

// Misuse must not type-check: each line below is an error tsc has to report.
// @ts-expect-error a definition's keys are typed: a misspelt one is reported
registerScheme({ id: 'x', alphabet: '01', lenghts: [4], checksum: 'none' });
// @ts-expect-error a definition needs its checksum
registerScheme({ id: 'x', alphabet: '01', lengths: [4] });
// @ts-expect-error a status is one of four strings
const wrong: 'redeemable' = result.status;
// @ts-expect-error findings carry stable codes, not any string
const code: 'made_up' = result.findings[0].code;
// @ts-expect-error options are typed
validate('x', { locale: 42 });
// @ts-expect-error the input is a string
validate(42);
// @ts-expect-error the caret is a number
formatAsYouType('DE9N', '4');
// @ts-expect-error explanations have a closed set of codes
const made: 'made_up' = why.code;

export { problem, status, position, expires, scheme, confidence, checksum, label, web, wrong, code, caret, retry, cause, scam, made };
