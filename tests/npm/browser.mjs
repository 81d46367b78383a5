// Opens page.html in headless Chromium (Debian's, via playwright-core) from a tiny static server.
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
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/page.html`);
  const result = await page.waitForFunction(() => window.result, null, { timeout: 15000 }).then((h) => h.jsonValue());
  assert.deepEqual(errors, []);
  assert.equal(result.error, undefined, result.error);
  assert.equal(result.status, 'invalid');
  assert.equal(result.suggestion, 'DE9N8GUZWH279LUF');
  assert.match(result.message, /Stelle 16/);
  assert.ok(requests.some((r) => r.endsWith('claimcheck_bg.wasm')), 'the .wasm was fetched next to web.js');
  console.log('browser (plain <script type="module">): ok');
} finally {
  await browser.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
