// End-to-end: the form in headless Chromium against a real `claimcheck serve` with a fresh database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumOptions } from '../npm/launch.mjs';
import { startServer, typo } from './server.mjs';

const require = createRequire(import.meta.url);
const repo = process.env.REPO;
const bin = process.env.CLAIMCHECK_BIN;
const output = join(repo, 'tests/e2e/output');
// Emptied first: a FAILED- screenshot of an earlier run would otherwise stay beside this run's.
await rm(output, { recursive: true, force: true });
await mkdir(output, { recursive: true });
const work = await mkdtemp(join(tmpdir(), 'claimcheck-e2e-'));

const { url, demoCode, typoCard, log: serverLog, stop } = await startServer({ repo, bin, work });

const browser = await chromium.launch(chromiumOptions);
const results = [];
// `before`: run before the page is opened (routes, init scripts). `ready: false`: `fn` gets the page
// as soon as it is opened, before the form is ready.
async function scenario(name, fn, { locale = 'en-US', width = 900, alsoExpected, before, ready = true } = {}) {
  const context = await browser.newContext({ locale, viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  // A rejection is an HTTP 4xx answer, which Chromium logs as a failed resource: expected, not a fault.
  const expected = /Failed to load resource: the server responded with a status of (403|409|410|422|429)/;
  // `alsoExpected`: the console error of a failure the scenario causes itself.
  const fault = (text) => !expected.test(text) && !alsoExpected?.test(text);
  page.on('console', (m) => { if (m.type() === 'error' && fault(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await before?.(page);
  await page.goto(url, ready ? {} : { waitUntil: 'commit' });
  try {
    if (ready) await whenReady(page, name, requested);
    await fn(page, requested);
    assert.deepEqual(problems, [], `console errors in ${name}`);
    results.push(`ok   ${name}`);
  } catch (e) {
    await page.screenshot({ path: join(output, `FAILED-${name.replace(/\W+/g, '-')}.png`), fullPage: true });
    throw e;
  } finally {
    await page.screenshot({ path: join(output, `${name.replace(/\W+/g, '-')}.png`), fullPage: true });
    await context.close();
  }
}

/** Waits for the form to be ready; checks what it loaded and chooses Anna's account. */
async function whenReady(page, name, requested) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  // The page preloads claimcheck/lite's glue and module (index.html): both are requested before the
  // page's own script, not after it has run, and each once (the preload used by the import and by
  // init()). The full module comes only with a support package (see that scenario).
  for (const path of ['/pkg/lite.js', '/pkg/lite_bg.wasm']) {
    assert.equal(requested.filter((p) => p === path).length, 1, `${path} fetched once in ${name}: ${requested}`);
    assert.ok(requested.indexOf(path) < requested.indexOf('/app.js'), `${path} preloaded in ${name}: ${requested}`);
  }
  // Anna's account, on amazon.de (choosing an account chooses its store): the demo codes are mostly for it.
  await page.selectOption('#account', 'anna');
}
const code = (page) => page.locator('#code');
const feedback = (page) => page.locator('#feedback');

try {
  await scenario('valid code typed, grouped as typed, no error while typing', async (page) => {
    const valid = demoCode('fresh gift card', 0);
    const raw = valid.replaceAll('-', '').toLowerCase();
    for (let i = 0; i < raw.length; i++) {
      await code(page).press(raw[i]);
      if (i < raw.length - 1) {
        assert.notEqual(await code(page).getAttribute('aria-invalid'), 'true', `prefix ${raw.slice(0, i + 1)}`);
        assert.doesNotMatch(await feedback(page).innerText(), /wrong|never|can't/i);
      }
    }
    assert.equal(await code(page).inputValue(), valid);
    assert.match(await feedback(page).innerText(), /looks right/);
    // Progress counts the symbols of the kind of code being typed: an Amazon claim code has 14.
    await code(page).fill('');
    for (const key of 'ABC2') await code(page).press(key);
    assert.equal(await page.locator('#progress').innerText(), '4 of 14 characters');
    // Not announced on every key: outside the live region, which stays empty while a prefix is typed.
    assert.equal(await page.locator('#progress').evaluate((e) => e.closest('[aria-live]')), null);
    assert.equal(await feedback(page).innerText(), '');
    assert.match(await code(page).getAttribute('aria-describedby'), /\bprogress\b/);
  });

  await scenario('one wrong symbol: position marked, suggestion applied by click', async (page) => {
    const valid = typoCard;
    const wrong = typo(valid);
    await code(page).fill(wrong);
    await code(page).dispatchEvent('input');
    assert.equal(await code(page).getAttribute('aria-invalid'), 'true');
    assert.match(await feedback(page).innerText(), /position 16/);
    assert.equal(await page.locator('#marked mark').innerText(), wrong.at(-1));
    // Submitted, the finding keeps its next step (the hint), as while typing.
    await page.getByRole('button', { name: 'Redeem' }).click();
    assert.equal(await code(page).getAttribute('aria-invalid'), 'true');
    assert.match(await feedback(page).innerText(), /position 16 is probably wrong[\s\S]*Please check position 16 on the card\./);
    await page.getByRole('button', { name: `Use ${valid}` }).click();
    assert.equal(await code(page).inputValue(), valid);
    assert.match(await feedback(page).innerText(), /looks right/);
  });

  await scenario('typed with the keyboard set to English: Y and Z swapped back, nothing marked', async (page) => {
    // DERM-MY56-WDVZ-BZSX (a gift card for amazon.de; the form checks it without the server) typed
    // on a German keyboard set to English: its three Y and Z swapped, beyond one symbol's correction.
    await code(page).click();
    await page.keyboard.type('dermmz56wdvybysx');
    assert.equal(await code(page).inputValue(), 'DERM-MZ56-WDVY-BYSX');
    assert.equal(await code(page).getAttribute('aria-invalid'), 'true');
    assert.match(await feedback(page).innerText(), /The letters Y\/Z seem swapped throughout[\s\S]*keyboard's language setting/);
    assert.equal(await page.locator('#marked mark').count(), 0, 'no single position is to blame');
    await page.getByRole('button', { name: 'Use DERM-MY56-WDVZ-BZSX' }).click();
    assert.equal(await code(page).inputValue(), 'DERM-MY56-WDVZ-BZSX');
    assert.match(await feedback(page).innerText(), /looks right/);
  });

  await scenario('two look-alikes misread, two neighbours swapped: the cause says where, both marked', async (page) => {
    // DE9N-8GUZ-WH27-9LUF (the design's example gift card) with its 8 read as B and its G as 6:
    // beyond one symbol's correction; before, the form said only that the code does not add up.
    await code(page).fill('de9nb6uzwh279luf');
    await code(page).dispatchEvent('input');
    assert.equal(await code(page).getAttribute('aria-invalid'), 'true');
    assert.match(await feedback(page).innerText(), /two characters that look alike, such as 8 and B, were mixed up at positions 5 and 6/);
    assert.equal(await page.locator('#marked mark').innerText(), 'B6');
    await page.getByRole('button', { name: 'Use DE9N-8GUZ-WH27-9LUF' }).click();
    assert.match(await feedback(page).innerText(), /looks right/);
    // The 9 and L swapped across nothing but each other.
    await code(page).fill('DE9N8GUZWH27L9UF');
    await code(page).dispatchEvent('input');
    assert.match(await feedback(page).innerText(), /two neighbouring characters were swapped at positions 13 and 14/);
    assert.equal(await page.locator('#marked mark').innerText(), 'L9');
  });

  await scenario('a gift card that begins like a credit: not nagged while typed, its typo shown when submitted', async (page) => {
    // About one gift card in 400 begins like a courtesy credit (region, a recent issue day, a
    // validity symbol); 16 symbols of one with a typo are, while typed, a credit's start.
    const { validate } = require(join(repo, 'pkg/node.cjs'));
    const issued = spawnSync(bin, ['generate', '--scheme', 'giftcard', '--region', 'DE', '--count', '5000'], { encoding: 'utf8' });
    assert.equal(issued.status, 0, issued.stderr);
    const card = issued.stdout.split('\n').find((c) => c && validate(typo(c), { marketplace: 'DE' }).status === 'incomplete');
    assert.ok(card, 'one of 5,000 gift cards begins like a credit');
    await code(page).fill(typo(card));
    await code(page).dispatchEvent('input');
    assert.equal(await code(page).getAttribute('aria-invalid'), null, 'no error while it may be a credit being typed');
    assert.match(await page.locator('#progress').innerText(), /16 of 20 characters/);
    await page.getByRole('button', { name: 'Redeem' }).click();
    assert.equal(await code(page).getAttribute('aria-invalid'), 'true');
    // Both readings, the gift card's first: a credit submitted too early is told what it lacks.
    assert.match(await feedback(page).innerText(),
      /position 16 .*Or, if it is a longer code such as a courtesy credit: The code has 20 characters; 16 entered so far\./s);
    const grouped = card.match(/.{4}/g).join('-');
    await page.getByRole('button', { name: `Use ${grouped}` }).click();
    assert.equal(await code(page).inputValue(), grouped);
    assert.match(await feedback(page).innerText(), /looks right/);
  });

  await scenario('? typed for an unreadable character is recovered, two of 0/O/1/I offered', async (page) => {
    const valid = typoCard;
    const unreadable = `${valid.slice(0, 6)}?${valid.slice(7)}`;
    await code(page).fill(unreadable);
    await code(page).dispatchEvent('input');
    await page.getByRole('button', { name: `Use ${valid}` }).click();
    assert.equal(await code(page).inputValue(), valid);
    // Two of 0, O, 1, I use up both check symbols: a promotion code could be just that, so no error,
    // but the gift card they recover to is offered.
    const twoImpossible = `${valid.slice(0, 5)}IO${valid.slice(7)}`;
    await code(page).fill(twoImpossible);
    await code(page).dispatchEvent('input');
    assert.equal(await code(page).getAttribute('aria-invalid'), null);
    assert.match(await feedback(page).innerText(), /format looks right/);
    await page.getByRole('button', { name: `Typed from a gift card or credit? Use ${valid}` }).click();
    assert.equal(await code(page).inputValue(), valid);
    assert.match(await feedback(page).innerText(), /looks right/);
  });

  await scenario('typed through an input method (full-width, as with Japanese input on): formatted when committed', async (page) => {
    await code(page).click();
    const cdp = await page.context().newCDPSession(page);
    // Composed a few symbols at a time and committed, as an input method does; before the form waited
    // for the commit, formatting mid-composition garbled it ("DDEDE-9DE9N-DE9N8-8G8GU8GUZ8GUZ").
    for (const chunk of ['ｄｅ９ｎ', '８ｇｕｚ', 'ｗｈ２７', '９ｌｕｆ']) {
      for (let n = 1; n <= chunk.length; n++) {
        await cdp.send('Input.imeSetComposition', { text: chunk.slice(0, n), selectionStart: n, selectionEnd: n });
      }
      // Checked while composed (the progress counts what is there), formatted only once committed.
      if (chunk === '８ｇｕｚ') {
        assert.equal(await code(page).inputValue(), 'DE9N８ｇｕｚ');
        assert.equal(await page.locator('#progress').innerText(), '8 of 16 characters');
      }
      await cdp.send('Input.insertText', { text: chunk });
    }
    assert.equal(await code(page).inputValue(), 'DE9N-8GUZ-WH27-9LUF');
    assert.match(await feedback(page).innerText(), /looks right/);
  });

  await scenario('code pasted with the email\'s label: the code inside offered', async (page) => {
    const valid = demoCode('fresh gift card', 0);
    await code(page).fill(`Claim code: ${valid}`);
    await code(page).dispatchEvent('input');
    assert.equal(await code(page).getAttribute('aria-invalid'), 'true');
    await page.getByRole('button', { name: `Use ${valid}` }).click();
    assert.equal(await code(page).inputValue(), valid);
    assert.match(await feedback(page).innerText(), /looks right/);
    // Amazon's own claim codes have no check characters: the label is removed, nothing else.
    await code(page).fill('Claim Code: ABCD-EFGHIJ-KLMN');
    await code(page).dispatchEvent('input');
    await page.getByRole('button', { name: 'Use ABCD-EFGHIJ-KLMN' }).click();
    assert.equal(await code(page).inputValue(), 'ABCD-EFGHIJ-KLMN');
    assert.match(await feedback(page).innerText(), /format looks right/);
  });

  await scenario('code for another marketplace explained before submission', async (page) => {
    // The demo's accounts name their store, and choosing one chooses it; the codes name theirs.
    assert.match(await page.locator('#account option[value="bob"]').innerText(), /amazon\.com/);
    assert.match(await page.locator('#demo-codes').innerText(), /amazon\.de: fresh gift card/);
    await page.selectOption('#account', 'bob');
    assert.equal(await page.locator('#marketplace').inputValue(), 'US');
    await page.selectOption('#account', 'anna');
    assert.equal(await page.locator('#marketplace').inputValue(), 'DE');
    await page.selectOption('#marketplace', 'US');
    await code(page).fill(demoCode('fresh gift card', 0));
    await code(page).dispatchEvent('input');
    assert.match(await feedback(page).innerText(), /for amazon\.de, but you are redeeming it on amazon\.com/);
    assert.equal(await page.locator('#marked mark').innerText(), 'DE', 'the region prefix marked, both symbols');
  });

  await scenario('expired credit explained before submission', async (page) => {
    await code(page).fill(demoCode('courtesy credit, expired'));
    await code(page).dispatchEvent('input');
    assert.match(await feedback(page).innerText(), /expired on \d{4}-\d{2}-\d{2}/);
  });

  await scenario('redeem, redeem again, support package checked by claimcheck inspect and the support page', async (page, requested) => {
    await page.selectOption('#account', 'anna');
    const fresh = demoCode('fresh gift card', 0);
    await code(page).fill(fresh);
    await code(page).dispatchEvent('input');
    // A double click sends one request: a second one would be answered "already redeemed", and that
    // answer shown in place of the success.
    await page.getByRole('button', { name: 'Redeem' }).dblclick();
    await page.waitForSelector('#result.ok');
    assert.equal(requested.filter((p) => p === '/api/redeem').length, 1, 'one request for a double click');
    assert.match(await page.locator('#result').innerText(), /Redeemed: €25\.00[\s\S]*Gift card balance: €40\.00/);
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.waitForSelector('#result.rejected');
    assert.match(await page.locator('#result').innerText(), /This code has already been redeemed[\s\S]*Check your balance/);
    // The full module (with supportPackage) is fetched on the first click, once, and not before.
    const full = ['/pkg/web.js', '/pkg/claimcheck_bg.wasm'];
    assert.deepEqual(requested.filter((p) => full.includes(p)), [], 'the full module is not loaded before it is needed');
    await page.getByRole('button', { name: 'Prepare support package' }).click();
    await page.waitForSelector('#support:not([hidden])');
    for (const path of full) assert.equal(requested.filter((p) => p === path).length, 1, `${path} fetched once: ${requested}`);
    const text = await page.locator('#support-text').inputValue();
    assert.match(text, /Support package CC-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    // Shown from its beginning, the reference first (not scrolled to its end), the focus in it.
    assert.deepEqual(await page.locator('#support-text').evaluate((t) => [t.scrollTop, t.selectionStart, document.activeElement === t]), [0, 0, true]);
    assert.ok(!text.includes(fresh) && text.includes(fresh.slice(-4)), 'the text masks the code');
    assert.match(text, /already_redeemed \(HTTP 409\)/);
    // Copied: said only when it was. Refused (no clipboard permission here), the text is selected
    // for Ctrl+C instead.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('#copy').click();
    await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
    assert.equal(await page.locator('#copy-status').innerText(), 'Copied.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
    await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
    await page.locator('#copy').click();
    await page.waitForFunction(() => document.getElementById('copy-status').textContent !== 'Copied.');
    assert.match(await page.locator('#copy-status').innerText(), /^Selected: press Ctrl\+C/);
    // Redrawn with the page's other texts when the language is switched.
    await page.selectOption('#lang', 'de');
    assert.match(await page.locator('#copy-status').innerText(), /^Markiert: Mit Strg\+C/);
    await page.selectOption('#lang', 'en');
    assert.deepEqual(await page.locator('#support-text').evaluate((t) => [t.selectionStart, t.selectionEnd, document.activeElement === t]), [0, text.length, true]);
    assert.match(await page.locator('#scam').innerText(), /gift cards/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    const file = join(work, 'package.json');
    await download.saveAs(file);
    const inspect = spawnSync(bin, ['inspect', file], { encoding: 'utf8' });
    assert.equal(inspect.status, 0, inspect.stderr);
    assert.match(inspect.stdout, /integrity verified/);
    assert.match(inspect.stdout, new RegExp(`Entered \\(full code, support only\\): "${fresh}"`));
    const tampered = (await readFile(file, 'utf8')).replace('already_redeemed', 'expired');
    const rejected = spawnSync(bin, ['inspect', '-'], { input: tampered, encoding: 'utf8' });
    assert.equal(rejected.status, 1);
    assert.match(rejected.stderr, /TAMPERED/);

    // The same package on the support page, checked in the browser: opened as a file, then pasted
    // changed; the page passes axe too.
    await page.goto(`${url}inspect.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.setInputFiles('#file', file);
    await page.waitForSelector('#verdict.ok');
    const shown = await page.locator('#verdict').innerText();
    assert.match(shown, /Intact: reference CC-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    assert.equal(await page.locator('#entered').innerText(), fresh);
    assert.match(shown, /already_redeemed \(HTTP 409\)[^\n]*This code has already been redeemed/);
    assert.match(shown, /Now, checked here\s+valid — /);
    await page.screenshot({ path: join(output, 'support-page-intact-package.png'), fullPage: true });
    await page.locator('#package').fill(tampered);
    await page.getByRole('button', { name: 'Check package' }).click();
    await page.waitForSelector('#verdict.rejected');
    assert.match(await page.locator('#verdict').innerText(), /Refused: tampered[\s\S]*changed after claimcheck created it/);
    assert.ok(!(await page.locator('#verdict').innerText()).includes(fresh), 'a refused package shows nothing of it');
    // The same package saved as UTF-16 with its byte order mark (Windows PowerShell 5's `>`), opened
    // as a file: intact.
    const utf16 = join(work, 'package-utf16.json');
    await writeFile(utf16, Buffer.from(`\ufeff${await readFile(file, 'utf8')}`, 'utf16le'));
    await page.setInputFiles('#file', utf16);
    await page.waitForSelector('#verdict.ok');
    assert.equal(await page.locator('#entered').innerText(), fresh);
    // A package of the expired demo credit with its last symbol mistyped: the page says what the
    // suggested code is today.
    const expired = demoCode('courtesy credit, expired');
    const mistyped = typo(expired);
    const { supportPackage } = require(join(repo, 'pkg/node.cjs'));
    await page.locator('#package').fill(supportPackage({ input: mistyped, options: { locale: 'de' } }).json);
    await page.getByRole('button', { name: 'Check package' }).click();
    await page.waitForSelector('#verdict.ok');
    const grouped = expired.replaceAll('-', '').match(/.{5}/g).join('-');
    assert.match(await page.locator('#verdict').innerText(),
      new RegExp(`Suggested codes, checked here\\s+${grouped}: invalid — expired: This credit expired on \\d{4}-\\d\\d-\\d\\d`));
    await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const report = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(report.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
  });

  await scenario('support module unreachable: said next to the button, the next click works', async (page) => {
    await page.selectOption('#account', 'anna');
    await code(page).fill(demoCode('already redeemed by anna'));
    await code(page).dispatchEvent('input');
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.waitForSelector('#result.rejected');
    // The full module's glue cannot be fetched (a network error) on the first click.
    await page.route('**/pkg/web.js', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Prepare support package' }).click();
    const error = page.locator('#support-error[role="alert"]');
    await error.waitFor();
    assert.match(await error.innerText(), /could not be reached/);
    assert.equal(await page.locator('#support').isHidden(), true);
    await page.unroute('**/pkg/web.js');
    await page.getByRole('button', { name: 'Prepare support package' }).click();
    await page.waitForSelector('#support:not([hidden])');
    assert.equal(await page.locator('#support-error').count(), 0, 'the error is gone once it worked');
    assert.match(await page.locator('#support-text').inputValue(), /already_redeemed \(HTTP 409\)/);
  }, { alsoExpected: /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/ });

  await scenario('no answer from the server: not called unused, the balance check advised, no server code recorded', async (page) => {
    const fresh = demoCode('fresh gift card', 3); // redeemed later, in the scenario that holds the module back
    for (const [how, answer] of [
      ['network failure', (route) => route.abort('internetdisconnected')],
      ["a gateway's 504 page", (route) => route.fulfill({ status: 504, contentType: 'text/html', body: '<h1>504 Gateway Time-out</h1>' })],
    ]) {
      await page.route('**/api/redeem', answer);
      await code(page).fill(fresh);
      await code(page).dispatchEvent('input');
      await page.getByRole('button', { name: 'Redeem' }).click();
      await page.waitForSelector('#result.rejected');
      const shown = await page.locator('#result').innerText();
      assert.match(shown, /^No answer from the server\s+Whether the code was redeemed is not known\.\s+Check your balance before you try again/, how);
      assert.doesNotMatch(shown, /has not been used/, how);
      await page.unroute('**/api/redeem');
      await page.locator('#result').evaluate((r) => { r.className = 'result'; });
    }
    await page.getByRole('button', { name: 'Prepare support package' }).click();
    await page.waitForSelector('#support:not([hidden])');
    const text = await page.locator('#support-text').inputValue();
    assert.match(text, /1\. \S+ · claimcheck: well-formed\n/);
    assert.match(text, /2\. \S+ · claimcheck: well-formed \(HTTP 504\)\n/);
    assert.doesNotMatch(text, /technical_error/);
    // The support page: nothing pasted yet is said so; the package pasted inside the message it came
    // in is found and verified, and its attempts show the 504 as the package's text does.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    const json = await readFile(await download.path(), 'utf8');
    await page.goto(`${url}inspect.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.getByRole('button', { name: 'Check package' }).click();
    assert.equal(await page.locator('#verdict').innerText(), 'Paste the package (JSON) or open its file first.');
    await page.locator('#package').fill(`Hello, here is my package:\n\n${json}\n\nThank you`);
    await page.getByRole('button', { name: 'Check package' }).click();
    await page.waitForSelector('#verdict.ok');
    const shown = await page.locator('#verdict').innerText();
    assert.match(shown, /Found inside the pasted text/);
    assert.match(shown, /· claimcheck: valid \(HTTP 504\)/);
    // The same message with the package changed: refused for what it is.
    await page.locator('#package').fill(`Hello:\n${json.replace('"httpStatus":504', '"httpStatus":200')}\nThanks`);
    await page.getByRole('button', { name: 'Check package' }).click();
    await page.waitForSelector('#verdict.rejected');
    assert.match(await page.locator('#verdict').innerText(), /^Refused: tampered/);
  }, { alsoExpected: /^Failed to load resource: (net::ERR_INTERNET_DISCONNECTED|the server responded with a status of 504)/ });

  await scenario('an answer that never comes: given up after 30 s as no answer, and Redeem works again', async (page) => {
    await page.route('**/api/redeem', () => {}); // never answered
    await code(page).fill(demoCode('fresh gift card', 3));
    await code(page).dispatchEvent('input');
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.waitForSelector('#submit:disabled');
    await page.clock.fastForward(29_000);
    assert.equal(await page.locator('#submit').isDisabled(), true, 'still waiting at 29 s');
    await page.clock.fastForward(2_000);
    await page.waitForSelector('#result.rejected');
    assert.match(await page.locator('#result').innerText(), /^No answer from the server/);
    assert.equal(await page.locator('#submit').isEnabled(), true);
  }, { before: (page) => page.clock.install() });

  await scenario('rate limited: how long to wait is said, and the answer is redrawn when the language is switched', async (page) => {
    await page.selectOption('#account', 'bob');
    const made = spawnSync(bin, ['generate', '--scheme', 'giftcard', '--region', 'US', '--count', '6'], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const unknown = made.stdout.trim().split('\n'); // well-formed, and no demo code: each one an invalid_code
    for (const typed of unknown) {
      await code(page).fill(typed);
      await code(page).dispatchEvent('input');
      await page.getByRole('button', { name: 'Redeem' }).click();
      await page.waitForSelector('#result.rejected');
      await page.waitForSelector('#submit:enabled');
    }
    const shown = await page.locator('#result').innerText();
    assert.match(shown, /^Too many attempts[\s\S]*You can try again in about 10 minutes\./);
    await page.focus('#lang'); // selectOption alone does not move the focus
    await page.selectOption('#lang', 'de');
    const redrawn = await page.locator('#result').innerText();
    assert.doesNotMatch(redrawn, /Too many attempts/);
    assert.match(redrawn, /Sie können es in etwa 10 Minuten erneut versuchen\./);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'lang', 'the focus stays on the language');
  });

  // The module held back until the customer has typed a code and pressed Enter: a form submitted
  // natively (GET) would put the code into the URL, the history and the server's logs.
  let releaseModule;
  const moduleHeld = new Promise((resolve) => { releaseModule = resolve; });
  await scenario('Enter while the module loads sends nothing and puts the code in no URL; redeemed once ready', async (page, requested) => {
    const fresh = demoCode('fresh gift card', 3);
    assert.match(fresh, /^DE/, 'a fresh gift card for amazon.de');
    await code(page).waitFor();
    assert.equal(await page.locator('#submit').isDisabled(), true, 'Redeem is disabled until the form is ready');
    await code(page).click();
    await page.keyboard.type(fresh.replaceAll('-', ''));
    await page.keyboard.press('Enter');
    await page.locator('#submit').click({ force: true }); // a click on the disabled button does nothing
    await page.waitForTimeout(500);
    assert.equal(new URL(page.url()).search, '', 'nothing in the URL');
    assert.equal(await code(page).inputValue(), fresh.replaceAll('-', ''), 'the page was not reloaded');
    // The feedback's changes once the module is there: what was typed is checked once, not twice
    // (each check replaces the live region's content, which a screen reader may read again).
    await page.evaluate(() => {
      window.feedbackChanges = 0;
      new MutationObserver((records) => { window.feedbackChanges += records.length; })
        .observe(document.getElementById('feedback'), { childList: true, characterData: true, subtree: true });
    });
    releaseModule();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    assert.equal(await code(page).inputValue(), fresh, 'what was typed is grouped once the form is ready');
    assert.match(await page.locator('#feedback').innerText(), /This code is for amazon\.de/);
    assert.equal(await page.evaluate(() => window.feedbackChanges), 1, 'checked once at start-up');
    await page.selectOption('#account', 'anna');
    await code(page).press('Enter');
    await page.waitForSelector('#result.ok');
    assert.match(await page.locator('#result').innerText(), /Redeemed: €10\.00/);
    assert.equal(new URL(page.url()).search, '');
    assert.equal(requested.filter((p) => p === '/api/redeem').length, 1, 'one redemption request');
  }, {
    ready: false,
    before: (page) => page.route('**/pkg/lite_bg.wasm', async (route) => { await moduleHeld; await route.continue(); }),
  });

  // Safari's Lockdown Mode and some hardened browsers turn WebAssembly off: no checks while typing,
  // but the form still redeems, and the server checks the code.
  await scenario('WebAssembly turned off: said once, the scam warning from the server, codes still redeemed and refused by the server', async (page, requested) => {
    assert.match(await feedback(page).innerText(), /can't check the code as you type it/);
    // The scam warning from the server's catalog, in the page's language.
    await page.waitForSelector('#scam:not([hidden])');
    assert.match(await page.locator('#scam').innerText(), /Beware of gift card scams[\s\S]*No genuine business/);
    await code(page).fill(demoCode('already redeemed by anna').toLowerCase());
    await code(page).dispatchEvent('input');
    assert.equal(await code(page).inputValue(), demoCode('already redeemed by anna').toLowerCase(), 'left as typed');
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.waitForSelector('#result.rejected');
    assert.match(await page.locator('#result').innerText(), /The code was not redeemed\s+The server said: This code has already been redeemed\. A code can be redeemed only once\./);
    // The server's words are in the language the form asks for.
    await page.selectOption('#lang', 'de');
    await page.waitForFunction(() => document.getElementById('scam-title').textContent.includes('Vorsicht'));
    await page.getByRole('button', { name: 'Einlösen' }).click();
    await page.waitForFunction(() => document.getElementById('result').innerText.includes('Dieser Code'));
    assert.match(await page.locator('#result').innerText(), /Der Code wurde nicht eingelöst\s+Antwort des Servers: Dieser Code wurde bereits eingelöst\./);
    await page.selectOption('#lang', 'en');
    assert.equal(await page.locator('#prepare').count(), 0, 'no support package without the module');
    // The support page says it cannot check packages here, and what to use instead.
    await page.goto(`${url}inspect.html`);
    await page.waitForSelector('#verdict.rejected');
    assert.match(await page.locator('#verdict').innerText(), /WebAssembly is turned off[\s\S]*claimcheck inspect/);
    assert.equal(await page.locator('#check').isDisabled(), true);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.selectOption('#account', 'anna');
    await code(page).fill('');
    await page.getByRole('button', { name: 'Redeem' }).click();
    assert.equal(requested.filter((p) => p === '/api/redeem').length, 2, 'an empty field is not sent');
    assert.equal(new URL(page.url()).search, '');
  }, {
    before: (page) => page.addInitScript(() => { delete globalThis.WebAssembly; }),
  });

  await scenario('German: labels, findings and explanations', async (page) => {
    assert.equal(await page.locator('label[for="code"]').innerText(), 'Code');
    assert.equal(await page.locator('h1').innerText(), 'Geschenkkarte oder Guthaben einlösen');
    await code(page).fill(typo(typoCard));
    await code(page).dispatchEvent('input');
    assert.match(await feedback(page).innerText(), /Stelle 16/);
    await page.selectOption('#lang', 'en');
    assert.match(await feedback(page).innerText(), /position 16/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  }, { locale: 'de-DE' });

  await scenario('keyboard only', async (page) => {
    const valid = typoCard;
    const wrong = typo(valid);
    await page.keyboard.press('Tab'); // language
    await page.keyboard.press('Tab'); // store
    await page.keyboard.press('Tab'); // account
    await page.keyboard.press('Tab'); // code
    assert.equal(await page.evaluate(() => document.activeElement.id), 'code');
    await page.keyboard.type(wrong);
    await page.keyboard.press('Tab'); // the suggestion
    assert.match(await page.evaluate(() => document.activeElement.textContent), /^Use /);
    await page.keyboard.press('Enter');
    assert.equal(await code(page).inputValue(), valid);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
  });

  await scenario('Backspace and Delete next to a separator delete the symbol beyond it', async (page) => {
    const caret = () => code(page).evaluate((el) => el.selectionStart);
    await code(page).click();
    await page.keyboard.type('de9n8guz');
    assert.equal(await code(page).inputValue(), 'DE9N-8GUZ');
    // Right after the separator, Backspace deletes the N before it (the separator alone would be
    // put back at once: the key did nothing).
    await code(page).evaluate((el) => el.setSelectionRange(5, 5));
    await page.keyboard.press('Backspace');
    assert.equal(await code(page).inputValue(), 'DE98-GUZ');
    assert.equal(await caret(), 3);
    // Right before it, Delete deletes the G after it (it stayed stuck before the separator).
    await code(page).evaluate((el) => el.setSelectionRange(4, 4));
    await page.keyboard.press('Delete');
    assert.equal(await code(page).inputValue(), 'DE98-UZ');
    // Elsewhere both keys delete one symbol as always.
    await code(page).evaluate((el) => el.setSelectionRange(7, 7));
    await page.keyboard.press('Backspace');
    assert.equal(await code(page).inputValue(), 'DE98-U');
    await code(page).evaluate((el) => el.setSelectionRange(0, 0));
    await page.keyboard.press('Delete');
    assert.equal(await code(page).inputValue(), 'E98U');
  });

  await scenario('accessibility (axe-core), 320 px wide', async (page) => {
    await code(page).fill('DE9N8GUZWH279LUG');
    await code(page).dispatchEvent('input');
    await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const report = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(report.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal scroll at 320 px: ${overflow}px`);
  }, { width: 320 });

  for (const line of results) console.log(line);
  assert.ok(!/[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/.test(serverLog.text), `a full code in the server log:\n${serverLog.text}`);
  console.log(`e2e: ${results.length} scenarios passed; screenshots in tests/e2e/output/`);
} finally {
  await browser.close();
  stop();
  await rm(work, { recursive: true, force: true });
}
