// Opens page.html (claimcheck/web from a plain module script) and bundled/index.html (the default
// entry bundled by webpack, see bundle.cjs) in headless Chromium (Debian's, via playwright-core) from
// a tiny static server, and checks both validate a code in German.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const root = process.cwd();
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const requests = [];
const server = createServer(async (req, res) => {
  const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  requests.push(req.url);
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));

const profile = await mkdtemp(join(tmpdir(), 'claimcheck-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const pages = [
  { path: '/page.html', label: 'browser (plain <script type="module">)', wasm: /\/node_modules\/claimcheck\/claimcheck_bg\.wasm$/ },
  { path: '/bundled/index.html', label: 'browser (webpack 5 bundle of the default entry)', wasm: /^\/bundled\/dist\/[^/]+\.wasm$/ },
];
try {
  for (const { path, label, wasm } of pages) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    requests.length = 0;
    await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
    const result = await page.waitForFunction(() => window.result, null, { timeout: 15000 }).then((h) => h.jsonValue());
    assert.deepEqual(errors, [], label);
    assert.equal(result.error, undefined, `${label}: ${result.error}`);
    assert.equal(result.status, 'invalid', label);
    assert.equal(result.suggestion, 'DE9N8GUZWH279LUF', label);
    assert.match(result.message, /Stelle 16/, label);
    assert.ok(requests.some((r) => wasm.test(r)), `${label}: the .wasm was fetched (${requests.join(', ')})`);
    console.log(`${label}: ok`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
