/** Options of a check. Every field is optional. */
export interface CheckOptions {
  /** Scheme id ("giftcard", "credit", "amazon-claim", "promo", a registered one) or "auto" (default). */
  scheme?: string;
  /** Marketplace the code is redeemed on: prefix ("DE"), country ("AT") or domain ("amazon.de"). */
  marketplace?: string;
  /** BCP 47 tag; "de…" gives German, anything else English. */
  locale?: string;
  /** Current time as RFC 3339 (or YYYY-MM-DD) or a valid Date; defaults to the browser's clock. */
  now?: string | Date;
}

export type Status = "valid" | "unverifiable" | "incomplete" | "invalid";
export type Severity = "error" | "warning" | "info";
export type FindingCode =
  | "empty" | "input_too_long" | "invalid_character" | "unreadable_character" | "too_short" | "too_long"
  | "unknown_prefix" | "wrong_region" | "checksum_mismatch" | "expired" | "not_yet_valid" | "expires_soon"
  | "invalid_validity" | "looks_like_serial_number" | "looks_like_order_number" | "wrong_code_type"
  | "ambiguous_characters" | "no_checksum";
export type ChangeReason = "case" | "separator" | "full_width" | "invisible" | "lookalike" | "digit";

/** One change normalisation made; `position` counts input characters (code points). */
export interface Change { position: number; from: string; to: string; reason: ChangeReason; }

/** What validation noticed. `position` is 0-based in `normalized`; messages show it 1-based. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  position?: number;
  expected?: string;
  actual?: string;
  message: string;
  hint?: string;
}

/**
 * One edit from the normalised input to a suggestion, at a 0-based position of `normalized`. A
 * "delete" removes `from`: one extra symbol, or the text around a code found inside longer input.
 */
export interface Edit {
  kind: "substitute" | "transpose" | "insert" | "delete";
  position: number;
  from?: string;
  to?: string;
}

/** A code the customer probably meant; it passes every check of its scheme but expiry and marketplace (codes that work here come first). */
export interface Suggestion { code: string; display: string; confidence: number; edits: Edit[]; }

export type CauseCode =
  | "typo" | "swapped_characters" | "ambiguous_typo" | "unreadable_characters" | "missing_character"
  | "extra_character" | "incomplete_code" | "extra_text" | "several_typos" | "not_our_code" | "mistyped_prefix"
  | "other_marketplace" | "serial_number" | "order_number" | "wrong_code_type" | "expired" | "device_clock" | "foreign_characters"
  | "keyboard_layout" | "lookalike_characters";

/** A likely cause of an invalid result; `confidence` ranks the causes of one result (0–1). */
export interface Cause { code: CauseCode; confidence: number; position?: number; message: string; hint: string; }

/** The result of a check. "valid" means well-formed, never "redeemable": the server decides that. */
export interface Validation {
  status: Status;
  input: string;
  normalized: string;
  display: string;
  scheme: string | null;
  region: string | null;
  /** YYYY-MM-DD */
  issuedOn?: string;
  /** YYYY-MM-DD, the last usable day */
  expiresOn?: string;
  changes: Change[];
  findings: Finding[];
  suggestions: Suggestion[];
  /** For an "invalid" result: what most likely went wrong, most likely first; empty otherwise. */
  causes: Cause[];
}

/** The field's new content while typing. `caret` counts UTF-16 code units, like selectionStart. */
export interface Typing { display: string; caret: number; status: Status; }

/**
 * Formats what has been typed so far: grouped display, the caret moved through inserted or removed
 * separators, and the status ("incomplete" while a valid continuation exists).
 */
export function formatAsYouType(input: string, caret: number, options?: CheckOptions): Typing;

export type ServerCode =
  | "invalid_code" | "already_redeemed" | "expired" | "region_restricted" | "account_restricted"
  | "not_activated" | "rate_limited" | "technical_error" | "unknown";

/** A server rejection in words. `code` is "unknown" for anything unrecognised. */
export interface Explanation {
  code: ServerCode;
  title: string;
  message: string;
  steps: string[];
  /** Whether trying again (now or later) can help. */
  retry: boolean;
  /** Whether to contact support with the diagnostics. */
  contactSupport: boolean;
}

/** Explains the server's rejection code; never throws for an unknown code. */
export function explainRejection(serverCode: string, options?: { locale?: string; marketplace?: string }): Explanation;

export interface Notice { title: string; message: string; steps: string[]; }

/** One redemption attempt as the form saw it. */
export interface Attempt {
  /** RFC 3339 */
  at: string;
  clientStatus?: Status;
  serverCode?: string;
  serverMessage?: string;
  httpStatus?: number;
}

/** What goes into a support package. `options.now` defaults to the clock. */
export interface SupportRequest {
  input: string;
  options?: CheckOptions;
  attempts?: Attempt[];
  orderNumber?: string;
  cardSerial?: string;
  environment?: { locale?: string; timeZone?: string; userAgent?: string };
  /** Show the full code in `text` too (default: masked to the last 4 symbols). */
  revealCode?: boolean;
}

/** `json` (schema claimcheck.support/1, full code, integrity check) is for support only. */
export interface SupportPackage { reference: string; json: string; text: string; }

export type PackageProblem = "not_json" | "truncated" | "tampered" | "unknown_schema" | "newer_version" | "malformed";

/** The result of verifying a package: intact (with its content) or the problem, named. */
export type SupportCheck =
  | { ok: true; schema: string; reference: string; package: Record<string, unknown> }
  | { ok: false; error: { code: PackageProblem; message: string } };

/** Builds a support package; throws an Error for a malformed request (never for a bad code). */
export function supportPackage(request: SupportRequest): SupportPackage;

/**
 * Verifies a package: any change to its content or a truncation is reported, not thrown. Layout is
 * not content: a pretty-printed or space-padded package still verifies.
 */
export function verifySupportPackage(json: string): SupportCheck;

/** The scam warning to show next to the redemption form. */
export function scamWarning(locale?: string): Notice;

/**
 * Checks a code. Never throws for a bad code (that is a result); throws an `Error` for bad options
 * (unknown scheme or marketplace, malformed `now`).
 */
export function validate(input: string, options?: CheckOptions): Validation;

export type CodeKind = "giftcard" | "credit" | "claim" | "promo" | "other";
export type ChecksumId = "none" | "rs32" | "luhn" | "iso7064-mod37-2" | "iso7064-mod97-10" | "damm";

export interface SchemeInfo {
  id: string;
  name: string;
  kind: CodeKind;
  builtin: boolean;
  alphabet: string;
  lengths: number[];
  groups: number[][];
  checksum: ChecksumId;
  regions: string[];
}

/**
 * A name from a closed set, or any string: editors offer the set, and a definition imported from a
 * JSON file (whose values TypeScript types as plain `string`) still type-checks; `registerScheme`
 * refuses a name outside the set, naming the field.
 */
export type OneOf<Names extends string> = Names | (string & {});

/** A part of a code at 0-based positions `start` to `start + length`. */
export interface SchemeField {
  kind: OneOf<"region" | "issue_day" | "validity" | "random" | "check">;
  start: number;
  length: number;
}

/**
 * An issuer's scheme, as `registerScheme` reads it (the README's "Code schemes" says what each
 * field must be). Give `lengths`, or `minLength` and `maxLength`. Its keys are checked where it is
 * written out (a misspelt one is an error); a definition imported from JSON type-checks as it is.
 */
export interface SchemeDefinition {
  /** "claimcheck.scheme/1" when given. */
  schema?: string;
  /** 1 to 40 lowercase letters, digits or hyphens; not "auto". */
  id: string;
  name?: string;
  kind?: OneOf<CodeKind>;
  /** The symbols codes are made of, each once, in the order of their values. */
  alphabet: string;
  lengths?: number[];
  minLength?: number;
  maxLength?: number;
  /** Group sizes for display, one grouping per length, shortest first. */
  groups?: number[][];
  checksum: OneOf<ChecksumId>;
  fields?: SchemeField[];
  /** YYYY-MM-DD: day 0 of an issue_day field. */
  issueEpoch?: string;
  /** Days each value of a validity field stands for. */
  validityDays?: number[];
  /** Region prefixes or marketplaces allowed in a region field; all when absent. */
  regions?: string[];
}

/** The registered schemes: the built-ins first, in detection order. */
export function schemes(): SchemeInfo[];

/**
 * Registers a custom scheme from its definition (an object, or its JSON text). Throws an `Error`
 * naming the bad field; a custom scheme with the same id is replaced, a built-in one never is.
 */
export function registerScheme(definition: SchemeDefinition | string): void;

/** The library version (the crate's). */
export function version(): string;
