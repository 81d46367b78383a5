// End-to-end in headless Firefox ESR (Debian's, driven by puppeteer-core over WebDriver BiDi): the
// form's typo flow and the support page opening a package saved as UTF-16, against a real
// `claimcheck serve`. The full scenarios (run.mjs) use Playwright's locators and run in Chromium;
// these two are the ones where the engines differ: typing into the formatted field, and reading a
// file (Firefox's Blob.text() does not sniff a UTF-16 byte order mark; Chromium's does).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const repo = process.env.REPO;
const work = await mkdtemp(join(tmpdir(), 'claimcheck-e2e-firefox-'));
const { url, demoCode, stop } = await startServer({ repo, bin: process.env.CLAIMCHECK_BIN, work });
const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
  headless: true,
  userDataDir: join(work, 'profile'),
});
const text = (page, selector) => page.$eval(selector, (e) => e.innerText);
const passed = [];
try {
  const valid = demoCode('fresh gift card', 1);
  const wrong = valid.slice(0, -1) + (valid.at(-1) === 'X' ? 'Y' : 'X');
  {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.select('#lang', 'en');
    await page.select('#marketplace', 'DE');
    await page.type('#code', wrong.replaceAll('-', '').toLowerCase()); // key by key, formatted as typed
    assert.equal(await page.$eval('#code', (e) => e.value), wrong);
    assert.equal(await page.$eval('#code', (e) => e.getAttribute('aria-invalid')), 'true');
    assert.match(await text(page, '#feedback'), /position 16/);
    await page.click('#suggestions button');
    assert.equal(await page.$eval('#code', (e) => e.value), valid);
    assert.match(await text(page, '#feedback'), /looks right/);
    assert.deepEqual(errors, []);
    passed.push('one wrong symbol typed: marked, suggestion applied by click');
    await page.close();
  }
  {
    const page = await browser.newPage();
    const { supportPackage } = require(join(repo, 'pkg/node.cjs'));
    const file = join(work, 'package-utf16.json');
    const json = supportPackage({ input: wrong, options: { locale: 'en' } }).json;
    await writeFile(file, Buffer.from(`\ufeff${json}`, 'utf16le'));
    await page.goto(`${url}inspect.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await (await page.$('#file')).uploadFile(file);
    await page.waitForSelector('#verdict.ok, #verdict.rejected', { timeout: 15000 });
    assert.match(await text(page, '#verdict'), /Intact: reference CC-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    assert.equal(await text(page, '#entered'), wrong);
    passed.push('support page: a package saved as UTF-16 opened as a file');
    await page.close();
  }
  for (const line of passed) console.log(`ok   ${line}`);
  console.log(`e2e (firefox): ${passed.length} scenarios passed`);
} finally {
  await browser.close();
  stop();
  await rm(work, { recursive: true, force: true });
}
