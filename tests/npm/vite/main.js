// claimcheck/web through Vite: Vite finds the .wasm through the loader's
// `new URL('claimcheck_bg.wasm', import.meta.url)`, emits it as an asset and rewrites the URL.
// (The default entry imports the .wasm as an ES module, which Vite does not do without a plugin.)
import init, { validate } from 'claimcheck/web';

init()
  .then(() => {
    const v = validate('DE9N8GUZWH279LUG', { locale: 'de', now: '2026-11-22T12:00:00Z' });
    window.result = { status: v.status, suggestion: v.suggestions[0]?.code, message: v.findings[0]?.message };
  })
  .catch((e) => {
    window.result = { error: String(e) };
  });
