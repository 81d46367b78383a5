// Builds vite/ (claimcheck/web imported by a page's module) with Vite for production, failing on any
// warning, and checks that the .wasm was emitted as an asset. browser.mjs then opens the result.
import { build, createLogger } from 'vite';
import { readdirSync } from 'node:fs';

const logger = createLogger('warn');
const warnings = [];
logger.warn = (message) => warnings.push(message);
logger.warnOnce = (message) => warnings.push(message);
await build({
  root: 'vite',
  base: './', // relative asset URLs: the test's server serves the scratch folder, not vite/dist at /
  logLevel: 'warn',
  customLogger: logger,
  build: { outDir: 'dist', emptyOutDir: true },
});
if (warnings.length > 0) {
  console.error(`vite: warnings:\n${warnings.join('\n')}`);
  process.exit(1);
}
const wasm = readdirSync('vite/dist/assets').filter((name) => name.endsWith('.wasm'));
if (wasm.length !== 1) {
  console.error(`vite: expected one .wasm asset, got ${wasm.join(', ') || 'none'}`);
  process.exit(1);
}
console.log(`vite: built (index.html + assets/${wasm[0]})`);
