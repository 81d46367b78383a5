// The package's default ("." → claimcheck.js, the wasm-pack bundler build) through webpack 5: the
// .wasm is imported as an ES module (webpack's asyncWebAssembly), as bundler users get it.
import { validate } from 'claimcheck';

try {
  const v = validate('DE9N8GUZWH279LUG', { locale: 'de', now: '2026-11-22T12:00:00Z' });
  window.result = { status: v.status, suggestion: v.suggestions[0]?.code, message: v.findings[0]?.message };
} catch (e) {
  window.result = { error: String(e) };
}
