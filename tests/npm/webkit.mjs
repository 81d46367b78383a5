// WebKit for browser.mjs: WebKitGTK's MiniBrowser (Debian's webkit2gtk-driver, under xvfb-run: it
// needs a display) driven over the W3C WebDriver protocol by a few lines of fetch. The WebDriver of
// WebKitGTK reports no console messages or page errors, so only what a page puts in window.result
// can be checked.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts WebKitWebDriver and one MiniBrowser session; the same shape as browser.mjs's others. */
export async function webkit() {
  const port = await freePort();
  // -a: a free display number; setsid (detached) so that close() can stop xvfb-run's whole group.
  const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], { stdio: 'ignore', detached: true });
  const call = async (method, path, body) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    });
    const { value } = await response.json();
    if (value?.error) throw new Error(`WebKitWebDriver: ${value.error}: ${value.message}`);
    return value;
  };
  for (let tries = 0; ; tries++) {
    try {
      if ((await call('GET', '/status')).ready) break;
    } catch (e) {
      if (tries > 100) throw new Error(`WebKitWebDriver did not start: ${e.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { sessionId, capabilities } = await call('POST', '/session', {
    capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
  });
  const session = `/session/${sessionId}`;
  return {
    version: `${capabilities.browserName} ${capabilities.browserVersion}`,
    observesConsole: false,
    newPage: async () => ({
      on: () => {},
      goto: (url) => call('POST', `${session}/url`, { url }),
      close: async () => {},
    }),
    result: async () => {
      for (let waited = 0; waited < 15000; waited += 100) {
        const result = await call('POST', `${session}/execute/sync`, { script: 'return window.result ?? null', args: [] });
        if (result) return result;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('WebKit: the page set no result within 15 s');
    },
    close: async () => {
      await call('DELETE', session).catch(() => {});
      process.kill(-driver.pid);
    },
  };
}
