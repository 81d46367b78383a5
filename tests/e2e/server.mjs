// `claimcheck serve` on a fresh database in `work`, for the end-to-end tests (run.mjs, browsers.mjs).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** `code` with its last symbol changed: one wrong symbol. */
export const typo = (code) => code.slice(0, -1) + (code.at(-1) === 'X' ? 'Y' : 'X');

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
  // The fresh DE gift card for the typo scenarios (the second if it will do, as before): one that the
  // form marks and repairs at once, both with its last symbol mistyped and with its seventh typed as
  // `?`. The demo codes are random, and about one gift card in 400 begins like a courtesy credit (its region,
  // a recent issue day, a validity symbol): 16 symbols of it with a typo read as that credit being
  // typed, which the form takes up only when submitted (see run.mjs).
  const { validate } = createRequire(import.meta.url)(join(repo, 'pkg/node.cjs'));
  const marked = (input) => validate(input, { marketplace: 'DE' }).status === 'invalid';
  const cards = demo.codes.filter((c) => c.note === 'fresh gift card' && c.marketplace === 'DE').map((c) => c.code);
  const typoCard = [...cards.slice(1), cards[0]].find((c) => marked(typo(c)) && marked(`${c.slice(0, 6)}?${c.slice(7)}`));
  if (!typoCard) throw new Error(`e2e: every fresh DE demo gift card begins like a credit: ${cards}`);
  return { url, demoCode, typoCard, log, stop: () => server.kill() };
}
