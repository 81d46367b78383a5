// In headless Chromium: how long the demo form (www/index.html) takes from navigation until it is
// ready (app.js sets body[data-ready]), with its preload links and with them taken out, each request
// answered after DELAY ms (0 and 40 by default: loopback, and a slow network). Nothing is cached, so
// every load fetches everything. The demo's /api/demo is not served (the form works without it).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDemo, openChromium } from './harness.mjs';

const repo = process.env.REPO;
const delays = (process.env.DELAYS ?? '0,40').split(',').map(Number);
const loads = 9;
const preloads = /^\s*<link rel="(modulepreload|preload)"[^>]*>\n/gm;
const page = await readFile(join(repo, 'www/index.html'), 'utf8');
if (page.match(preloads)?.length !== 2) throw new Error('www/index.html should have two preload links');
const pages = { with: page, without: page.replace(preloads, '') };

let delay = 0;
let html = pages.with;
const server = await serveDemo(repo, { page: () => html, delay: () => delay, noStore: true });
const browser = await openChromium();
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
for (delay of delays) {
  for (const variant of ['with', 'without']) {
    html = pages[variant];
    server.requests.clear();
    const times = [];
    for (let i = 0; i < loads; i++) {
      await tab.goto(`${server.base}/?load=${i}`);
      await tab.waitForSelector('body[data-ready="true"]');
      times.push(await tab.evaluate(() => window.__readyAt));
    }
    times.sort((a, b) => a - b);
    // The form loads claimcheck/lite (see www/app.js).
    const wasm = server.requests.get('/pkg/lite_bg.wasm') ?? 0;
    console.log(`page load, ${delay} ms per request, ${variant} preloads: form ready at a median of ` +
      `${times[loads >> 1].toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')}); .wasm fetched ${wasm} times in ${loads} loads`);
  }
}
await browser.closeAndClean();
server.close();
