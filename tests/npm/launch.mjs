// How the tests and benchmarks start the browsers these machines have: Debian's packages, nothing
// downloaded (`npx playwright install` cannot work here). One place for their launch options, used by
// browser.mjs here, tests/e2e/run.mjs and browsers.mjs, and bench/node/harness.mjs.

/**
 * playwright-core's launch options for Debian's Chromium: headless, without the sandbox (CI runs as
 * root) and without the background traffic a first start makes (updates, sync, metrics).
 */
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

/** puppeteer.launch's options for Debian's Firefox ESR, with a fresh profile. */
export function firefoxOptions(userDataDir) {
  return { browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true, userDataDir };
}
