// What the browser benchmarks share: the demo form and the package served over loopback, and
// Debian's Chromium with a fresh profile.
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumOptions } from '../../tests/npm/launch.mjs';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

/**
 * Serves `www/` at `/` and `pkg/` at `/pkg/` of `repo`; its URL is `server.base`. `page()` may give
 * the text served for `/` instead of www/index.html; each request is counted in `server.requests` and
 * answered after `delay()` ms; `noStore` forbids caching.
 */
export async function serveDemo(repo, { page, delay = () => 0, noStore = false } = {}) {
  const requests = new Map();
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const wait = delay();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const file = path.startsWith('/pkg/') ? join(repo, 'pkg', path.slice(5)) : join(repo, 'www', path === '/' ? 'index.html' : path);
    let body;
    try {
      body = path === '/' && page ? page() : await readFile(normalize(file));
    } catch {
      return res.writeHead(404).end();
    }
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream' };
    if (noStore) headers['cache-control'] = 'no-store';
    res.writeHead(200, headers).end(body);
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  server.base = `http://127.0.0.1:${server.address().port}`;
  server.requests = requests;
  return server;
}

/** Headless Chromium with a fresh profile; `closeAndClean()` closes it and removes the profile. */
export async function openChromium() {
  const profile = await mkdtemp(join(tmpdir(), 'claimcheck-bench-'));
  const browser = await chromium.launchPersistentContext(profile, chromiumOptions);
  browser.closeAndClean = async () => {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  };
  return browser;
}
