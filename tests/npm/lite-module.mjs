// claimcheck/lite for the tests that run in Node (and Deno and Bun): started with initSync and its
// .wasm's bytes, as the package exports them (Node's fetch reads no file: URLs, so init() cannot).
import { readFileSync } from 'node:fs';

/** claimcheck/lite's exports, its module started. */
export async function liteModule() {
  const lite = await import('claimcheck/lite');
  lite.initSync({ module: readFileSync(new URL(import.meta.resolve('claimcheck/lite_bg.wasm'))) });
  return lite;
}
