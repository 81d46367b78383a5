// In headless Chromium: how long the demo form (www/index.html) takes from navigation until it is
// ready (app.js sets body[data-ready]), with its preload links and with them taken out, each request
// answered after DELAY ms (0 and 40 by default: loopback, and a slow network). Nothing is cached, so
// every load fetches everything. The demo's /api/demo is not served (the form works without it).
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const repo = process.env.REPO;
const delays = (process.env.DELAYS ?? '0,40').split(',').map(Number);
const loads = 9;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const preloads = /^\s*<link rel="(modulepreload|preload)"[^>]*>\n/gm;
const page = await readFile(join(repo, 'www/index.html'), 'utf8');
if (page.match(preloads)?.length !== 2) throw new Error('www/index.html should have two preload links');
const pages = { with: page, without: page.replace(preloads, '') };

let delay = 0;
let html = pages.with;
const requests = new Map();
const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  requests.set(path, (requests.get(path) ?? 0) + 1);
  await new Promise((resolve) => setTimeout(resolve, delay));
  const headers = (file) => ({ 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  if (path === '/') return res.writeHead(200, headers('index.html')).end(html);
  const file = path.startsWith('/pkg/') ? join(repo, 'pkg', path.slice(5)) : join(repo, 'www', path);
  let body;
  try {
    body = await readFile(normalize(file));
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, headers(file)).end(body);
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));

const profile = await mkdtemp(join(tmpdir(), 'claimcheck-page-load-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const tab = await browser.newPage();
// The moment the form is ready, on the page's own clock (from navigation start).
await tab.addInitScript(() => {
  new MutationObserver((_, observer) => {
    if (document.body?.dataset.ready === 'true') {
      window.__readyAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
});
const base = `http://127.0.0.1:${server.address().port}`;
for (delay of delays) {
  for (const variant of ['with', 'without']) {
    html = pages[variant];
    requests.clear();
    const times = [];
    for (let i = 0; i < loads; i++) {
      await tab.goto(`${base}/?load=${i}`);
      await tab.waitForSelector('body[data-ready="true"]');
      times.push(await tab.evaluate(() => window.__readyAt));
    }
    times.sort((a, b) => a - b);
    const wasm = requests.get('/pkg/claimcheck_bg.wasm') ?? 0;
    console.log(`page load, ${delay} ms per request, ${variant} preloads: form ready at a median of ` +
      `${times[loads >> 1].toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')}); .wasm fetched ${wasm} times in ${loads} loads`);
  }
}
await browser.close();
server.close();
await rm(profile, { recursive: true, force: true });
