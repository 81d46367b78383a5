// The browsers driven over WebDriver, for browser.mjs here and for tests/e2e/browsers.mjs: a small
// W3C WebDriver client for WebKitGTK's MiniBrowser (Debian's webkit2gtk-driver, under xvfb-run: it
// needs a display; its WebDriver reports no console messages or page errors). Firefox ESR, which
// puppeteer-core drives over WebDriver BiDi, is started with launch.mjs's options.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'; // the W3C key of an element reference
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts WebKitWebDriver with one MiniBrowser session: `call(method, path, body)` on the session. */
export async function webkitSession() {
  const port = await freePort();
  // -a: a free display number; detached, so that quit() can stop xvfb-run's whole process group.
  const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], { stdio: 'ignore', detached: true });
  const request = async (method, path, body) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    });
    const { value } = await response.json();
    if (value?.error) throw new Error(`WebKitWebDriver: ${value.error}: ${value.message}`);
    return value;
  };
  for (let tries = 0; ; tries++) {
    try {
      if ((await request('GET', '/status')).ready) break;
    } catch (e) {
      if (tries > 100) throw new Error(`WebKitWebDriver did not start: ${e.message}`);
    }
    await pause(100);
  }
  const { sessionId, capabilities } = await request('POST', '/session', {
    capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
  });
  const call = (method, path = '', body) => request(method, `/session/${sessionId}${path}`, body);
  const run = (script, ...args) => call('POST', '/execute/sync', { script, args });
  /** Polls `script` until it returns something truthy. */
  const until = async (script, what, timeout = 15000) => {
    for (let waited = 0; waited < timeout; waited += 100) {
      const value = await run(script);
      if (value) return value;
      await pause(100);
    }
    throw new Error(`WebKit: ${what} within ${timeout / 1000} s`);
  };
  const element = async (selector) => (await call('POST', '/element', { using: 'css selector', value: selector }))[ELEMENT];
  return {
    version: `${capabilities.browserName} ${capabilities.browserVersion}`,
    goto: (url) => call('POST', '/url', { url }),
    run,
    until,
    /** Types `text` into the element key by key (for a file input: the file's path). */
    type: async (selector, text) => call('POST', `/element/${await element(selector)}/value`, { text }),
    click: async (selector) => call('POST', `/element/${await element(selector)}/click`, {}),
    quit: async () => {
      await call('DELETE').catch(() => {});
      process.kill(-driver.pid);
    },
  };
}

/** WebKit in browser.mjs's shape: pages are the one session's window, one after another. */
export async function webkit() {
  const session = await webkitSession();
  return {
    observesConsole: false,
    newPage: async () => ({ on: () => {}, goto: session.goto, close: async () => {} }),
    result: () => session.until('return window.result ?? null', 'the page set no result'),
    close: session.quit,
  };
}
