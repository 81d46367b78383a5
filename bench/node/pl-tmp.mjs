// Page load to ready (body[data-ready]) of www/index.html, optional delay per request, no caching.
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
const repo = '/work/main';
const www = process.argv[2] || join(repo, 'www');
const delay = +(process.argv[3] || 0);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const hits = {};
const server = createServer(async (req, res) => {
  hits[new URL(req.url, 'http://x').pathname] = (hits[new URL(req.url, 'http://x').pathname] || 0) + 1;
  const path = new URL(req.url, 'http://x').pathname;
  const file = path.startsWith('/pkg/') ? join(repo, 'pkg', path.slice(5)) : join(www, path === '/' ? 'index.html' : path);
  await new Promise((r) => setTimeout(r, delay));
  try { const body = await readFile(normalize(file)); res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body); } catch { res.writeHead(404).end(); }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const profile = await mkdtemp(join(tmpdir(), 'pl-'));
const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage();
await page.addInitScript(() => {
  new MutationObserver((_, o) => { if (document.body?.dataset.ready === 'true') { window.__ready = performance.now(); o.disconnect(); } })
    .observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
});
const base = `http://127.0.0.1:${server.address().port}`;
const times = [];
page.on('console', (m) => console.log('console:', m.type(), m.text()));
for (let i = 0; i < 9; i++) {
  await page.goto(`${base}/?r=${i}`);
  await page.waitForSelector('body[data-ready="true"]');
  times.push(await page.evaluate(() => window.__ready));
  // performance.now() at that point overestimates by the wait's polling; use a mark instead when present
}
times.sort((a, b) => a - b);
console.log(`delay ${delay} ms: ready at median ${times[4].toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
console.log(JSON.stringify(hits));
await browser.close(); server.close(); await rm(profile, { recursive: true, force: true });
