// Opens page.html (claimcheck/web from a plain module script), page-lite.html (claimcheck/lite, the
// module without the support functions, likewise), bundled/index.html (the default
// entry bundled by webpack, see bundle.cjs) and vite/dist/index.html (claimcheck/web built by Vite,
// see vite.mjs) in a headless browser from a tiny static server, and checks that each validates a
// code in German. page.html is opened a second time under /octet/, where the .wasm is served as
// application/octet-stream: the loader falls back from streaming with its one warning (and init()
// takes the module's URL itself without a warning).
//   node browser.mjs            Chromium (Debian's, driven by playwright-core)
//   node browser.mjs firefox    Firefox ESR (Debian's, driven by puppeteer-core over WebDriver BiDi)
//   node browser.mjs webkit     WebKitGTK's MiniBrowser (Debian's, over WebDriver: see webdriver.mjs)
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromiumOptions, firefoxOptions } from './launch.mjs';
import { webkit } from './webdriver.mjs';

const root = process.cwd();
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const requests = [];
const server = createServer(async (req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const octet = url.startsWith('/octet/');
  const path = normalize(join(root, octet ? url.slice('/octet'.length) : url));
  requests.push(req.url);
  try {
    const body = await readFile(path);
    const type = octet && extname(path) === '.wasm' ? 'application/octet-stream' : types[extname(path)];
    res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));

const engine = process.argv[2] ?? 'chromium';
const profile = await mkdtemp(join(tmpdir(), `claimcheck-${engine}-`));
const browsers = { chromium, firefox, webkit };
if (!browsers[engine]) throw new Error(`browser.mjs: unknown browser '${engine}' (chromium, firefox, webkit)`);
const browser = await browsers[engine](profile);
const pages = [
  { path: '/page.html', label: 'plain <script type="module">', wasm: /\/node_modules\/claimcheck\/claimcheck_bg\.wasm$/ },
  { path: '/page-lite.html', label: 'claimcheck/lite from a plain <script type="module">', wasm: /\/node_modules\/claimcheck\/lite_bg\.wasm$/ },
  { path: '/bundled/index.html', label: 'webpack 5 bundle of the default entry', wasm: /^\/bundled\/dist\/[^/]+\.wasm$/ },
  { path: '/vite/dist/index.html', label: 'claimcheck/web built by Vite 6', wasm: /^\/vite\/dist\/assets\/claimcheck_bg-[^/]+\.wasm$/ },
  {
    path: '/octet/page.html',
    label: 'the .wasm served as application/octet-stream, init(url)',
    wasm: /^\/octet\/node_modules\/claimcheck\/claimcheck_bg\.wasm$/,
    warnings: [/^claimcheck: the \.wasm is not served as application\/wasm, so it is loaded without streaming:/],
  },
];
try {
  for (const { path, label, wasm, warnings = [] } of pages) {
    const page = await browser.newPage();
    const errors = [];
    const warned = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // Playwright names the level 'warning', Puppeteer 'warn'.
    page.on('console', (m) => ['warning', 'warn'].includes(m.type()) && warned.push(m.text()));
    requests.length = 0;
    await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
    const result = await browser.result(page);
    if (browser.observesConsole !== false) {
      assert.deepEqual(errors, [], label);
      assert.equal(warned.length, warnings.length, `${label}: warnings ${JSON.stringify(warned)}`);
      warnings.forEach((pattern, i) => assert.match(warned[i], pattern, label));
    }
    assert.equal(result.error, undefined, `${label}: ${result.error}`);
    assert.equal(result.status, 'invalid', label);
    assert.equal(result.suggestion, 'DE9N8GUZWH279LUF', label);
    assert.match(result.message, /Stelle 16/, label);
    assert.ok(requests.some((r) => wasm.test(r)), `${label}: the .wasm was fetched (${requests.join(', ')})`);
    console.log(`browser (${engine}, ${label}): ok`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}

/** Chromium through playwright-core; `result` waits for the page's `window.result`. */
async function chromium(profile) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profile, chromiumOptions);
  return {
    newPage: () => context.newPage(),
    result: (page) => page.waitForFunction(() => window.result, null, { timeout: 15000 }).then((h) => h.jsonValue()),
    close: () => context.close(),
  };
}

/** Firefox ESR through puppeteer-core over WebDriver BiDi (Debian's firefox-esr: nothing downloaded). */
async function firefox(profile) {
  const { default: puppeteer } = await import('puppeteer-core');
  const instance = await puppeteer.launch(firefoxOptions(profile));
  return {
    newPage: () => instance.newPage(),
    result: (page) => page.waitForFunction(() => window.result, { timeout: 15000 }).then((h) => h.jsonValue()),
    close: () => instance.close(),
  };
}
