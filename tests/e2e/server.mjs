// `claimcheck serve` on a fresh database in `work`, for the end-to-end tests (run.mjs, firefox.mjs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Starts the server; resolves to its URL, the demo data it seeded, its log so far and `stop()`. */
export async function startServer({ repo, bin, work }) {
  const server = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--db', join(work, 'e2e.db'),
    '--www', join(repo, 'www'), '--pkg', join(repo, 'pkg')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = { text: '' };
  server.stderr.on('data', (d) => { log.text += d; });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    server.stdout.on('data', (d) => {
      seen += d;
      const m = seen.match(/listening on (http:\/\/[^\s]+)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${log.text}`)));
  });
  const demo = await (await fetch(`${url}api/demo`)).json();
  const demoCode = (note, nth = 0) => demo.codes.filter((c) => c.note === note)[nth].code;
  return { url, demoCode, log, stop: () => server.kill() };
}
