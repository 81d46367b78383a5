// In headless Chromium: time to load and initialise claimcheck/web (in all, and step by step), and time
// per keystroke in the form (formatAsYouType + validate + render, the input handler measured synchronously).
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const repo = process.env.REPO;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const file = path.startsWith('/pkg/') ? join(repo, 'pkg', path.slice(5)) : join(repo, 'www', path === '/' ? 'index.html' : path);
  try {
    const body = await readFile(normalize(file));
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch { res.writeHead(404).end(); }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const profile = await mkdtemp(join(tmpdir(), 'claimcheck-timing-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const base = `http://127.0.0.1:${server.address().port}`;
await page.goto(`${base}/`);
await page.waitForSelector('body[data-ready="true"]');
const init = await page.evaluate(async () => {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const m = await import(`/pkg/web.js?fresh=${i}`);
    await m.default({ module_or_path: `/pkg/claimcheck_bg.wasm?fresh=${i}` });
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b);
});
// The same, step by step: fetching the .wasm, compiling it, importing the glue, init() with the
// compiled module, and the first validate (which loads the built-in schemes).
const steps = await page.evaluate(async () => {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const bytes = await (await fetch(`/pkg/claimcheck_bg.wasm?steps=${i}`)).arrayBuffer();
    const t1 = performance.now();
    const module = await WebAssembly.compile(bytes);
    const t2 = performance.now();
    const m = await import(`/pkg/web.js?steps=${i}`);
    const t3 = performance.now();
    await m.default({ module_or_path: module });
    const t4 = performance.now();
    m.validate('DE9N8GUZWH279LUF');
    runs.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3, performance.now() - t4]);
  }
  return runs;
});
const keystrokes = await page.evaluate(() => {
  const input = document.getElementById('code');
  const code = 'de9n8guzwh279lug';
  const times = [];
  for (let round = 0; round < 20; round++) {
    input.value = '';
    for (const c of code) {
      const t = performance.now();
      input.value += c;
      input.setSelectionRange(input.value.length, input.value.length);
      input.dispatchEvent(new Event('input'));
      times.push(performance.now() - t);
    }
  }
  return times.sort((a, b) => a - b);
});
const median = (xs) => xs[Math.floor(xs.length / 2)];
console.log(`Chromium: load + initialise claimcheck/web: median ${median(init).toFixed(1)} ms (of ${init.length}: ${init.map((x) => x.toFixed(1)).join(', ')})`);
const stepMedian = (k) => median(steps.map((run) => run[k]).sort((a, b) => a - b)).toFixed(1);
console.log(`Chromium: the steps, medians of 5 (ms): fetch .wasm ${stepMedian(0)}, compile ${stepMedian(1)}, ` +
  `import glue ${stepMedian(2)}, init ${stepMedian(3)}, first validate ${stepMedian(4)}`);
console.log(`Chromium: one keystroke in the form (format + validate + render): median ${median(keystrokes).toFixed(2)} ms, p95 ${keystrokes[Math.floor(keystrokes.length * 0.95)].toFixed(2)} ms (${keystrokes.length} keystrokes)`);
await browser.close();
server.close();
await rm(profile, { recursive: true, force: true });
