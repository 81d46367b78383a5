// End-to-end in Firefox ESR (Debian's, driven by puppeteer-core over WebDriver BiDi) and WebKitGTK
// (Debian's MiniBrowser over W3C WebDriver, tests/npm/webdriver.mjs): the form's typo flow and the
// support page opening a package saved as UTF-16, against a real `claimcheck serve`. The full
// scenarios (run.mjs) use Playwright's locators and run in Chromium; these two are where engines
// differ: keys typed into a field that formats itself as it is typed, and reading a file (Firefox's
// Blob.text() does not sniff a UTF-16 byte order mark; Chromium's and WebKit's do).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { firefoxOptions } from '../npm/launch.mjs';
import { webkitSession } from '../npm/webdriver.mjs';
import { startServer, typo } from './server.mjs';

const require = createRequire(import.meta.url);
const repo = process.env.REPO;
const work = await mkdtemp(join(tmpdir(), 'claimcheck-e2e-browsers-'));
const { url, typoCard, stop } = await startServer({ repo, bin: process.env.CLAIMCHECK_BIN, work });

/** The same few steps in each browser: `read(script, ...args)` evaluates in the page. */
async function firefox() {
  const browser = await puppeteer.launch(firefoxOptions(join(work, 'firefox-profile')));
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    name: 'firefox',
    goto: (address) => page.goto(address),
    until: (selector) => page.waitForSelector(selector, { timeout: 15000 }),
    select: (selector, value) => page.select(selector, value),
    type: (selector, text) => page.type(selector, text),
    backspace: () => page.keyboard.press('Backspace'),
    click: (selector) => page.click(selector),
    upload: async (selector, file) => (await page.$(selector)).uploadFile(file),
    read: (script, ...args) => page.evaluate(new Function('...args', script), ...args),
    errors: () => errors,
    quit: () => browser.close(),
  };
}

async function webkit() {
  const session = await webkitSession();
  return {
    name: 'webkit',
    goto: session.goto,
    until: (selector) => session.until(`return document.querySelector(${JSON.stringify(selector)})`, `no ${selector}`),
    select: (selector, value) => session.run(
      'const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event("change"));',
      selector, value),
    type: session.type,
    backspace: () => session.type('#code', '\uE003'), // WebDriver's key for Backspace
    click: session.click,
    upload: session.type, // a file input takes the file's path as its keys
    read: session.run,
    errors: () => [], // WebKitGTK's WebDriver reports no page errors
    quit: session.quit,
  };
}

const valid = typoCard;
const wrong = typo(valid);
const { supportPackage, formatAsYouType } = require(join(repo, 'pkg/node.cjs'));
const packageFile = join(work, 'package-utf16.json');
const json = supportPackage({ input: wrong, options: { locale: 'en' } }).json;
await writeFile(packageFile, Buffer.from(`\ufeff${json}`, 'utf16le'));
const value = 'return document.querySelector(arguments[0]).value';
const text = 'return document.querySelector(arguments[0]).innerText';

let passed = 0;
try {
  for (const open of [firefox, webkit]) {
    const b = await open();
    try {
      await b.goto(url);
      await b.until('body[data-ready="true"]');
      await b.select('#lang', 'en');
      await b.select('#marketplace', 'DE');
      await b.type('#code', wrong.replaceAll('-', '').toLowerCase()); // key by key, formatted as typed
      assert.equal(await b.read(value, '#code'), wrong, b.name);
      assert.equal(await b.read('return document.querySelector("#code").getAttribute("aria-invalid")'), 'true', b.name);
      assert.match(await b.read(text, '#feedback'), /position 16/, b.name);
      await b.click('#suggestions button');
      assert.equal(await b.read(value, '#code'), valid, b.name);
      assert.match(await b.read(text, '#feedback'), /looks right/, b.name);
      // Backspace right after a separator deletes the symbol before it (the form's own handling).
      await b.read('const e = document.querySelector("#code"); e.focus(); e.setSelectionRange(5, 5);');
      await b.backspace();
      const raw = valid.replaceAll('-', '');
      assert.equal(await b.read(value, '#code'), formatAsYouType(raw.slice(0, 3) + raw.slice(4), 3).display, b.name);
      console.log(`ok   ${b.name}: one wrong symbol typed: marked, suggestion applied by click, Backspace at a separator`);

      await b.goto(`${url}inspect.html`);
      await b.until('body[data-ready="true"]');
      await b.upload('#file', packageFile);
      await b.until('#verdict.ok, #verdict.rejected');
      assert.match(await b.read(text, '#verdict'), /Intact: reference CC-[2-9A-Z]{4}-[2-9A-Z]{4}/, b.name);
      assert.equal(await b.read(text, '#entered'), wrong, b.name);
      console.log(`ok   ${b.name}: support page: a package saved as UTF-16 opened as a file`);
      assert.deepEqual(b.errors(), [], `page errors in ${b.name}`);
      passed += 2;
    } finally {
      await b.quit();
    }
  }
  console.log(`e2e (firefox, webkit): ${passed} scenarios passed`);
} finally {
  stop();
  await rm(work, { recursive: true, force: true });
}
