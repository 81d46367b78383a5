// Calls per second of claimcheck's validate (the built npm package, Node build) on a 16-symbol gift
// card code, next to ibantools.validateIBAN on a valid IBAN for scale. Run by scripts/bench-node.sh.
import { Bench } from 'tinybench';
import { validate } from 'claimcheck';
import { validateIBAN } from 'ibantools';

const options = { now: '2026-11-22T12:00:00Z' };
if (validate('DE9N8GUZWH279LUF', options).status !== 'valid') throw new Error('the benchmark code must be valid');
if (!validateIBAN('DE89370400440532013000').valid) throw new Error('the benchmark IBAN must be valid');

// The two calls the goal compares (also in the paired rounds below).
const ours = () => validate('DE9N8GUZWH279LUF', options);
const theirs = () => validateIBAN('DE89370400440532013000');

const bench = new Bench({ time: 2000, warmupTime: 500 });
bench
  .add('claimcheck validate (16-symbol gift card, options given)', ours)
  .add('claimcheck validate (typed with separators and lowercase)', () => validate('de9n-8guz-wh27-9luf', options))
  .add('claimcheck validate (one typo: finding + suggestions)', () => validate('DE9N8GUZWH279LUG', options))
  .add('ibantools validateIBAN (valid DE IBAN)', theirs);
await bench.run();

const hz = (task) => task.result.throughput?.mean ?? task.result.hz;
const rows = bench.tasks.map((t) => ({
  task: t.name,
  'calls/s': Math.round(hz(t)).toLocaleString('en'),
  'µs/call': (1e6 / hz(t)).toFixed(1),
}));
console.table(rows);
const ratio = hz(bench.tasks[0]) / hz(bench.tasks[3]);
console.log(`claimcheck / ibantools: ${ratio.toFixed(2)}x (goal: at least 1.00x)`);

// The same ratio from paired rounds: a loop of claimcheck, then one of ibantools, again and again, each
// round's ratio taken on its own. This machine's speed drifts by several percent over seconds; the two
// loops of a round run within half a second of each other, so the median ratio drifts less than the
// ratio of two means taken seconds apart.
const ROUNDS = 15;
const CALLS = 200_000;
const loop = (f) => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) f();
  return Number(process.hrtime.bigint() - start);
};
const ratios = [];
for (let round = 0; round < ROUNDS; round++) {
  // Which goes first alternates, so that neither always runs after the other's garbage.
  let ourTime, theirTime;
  if (round % 2) {
    theirTime = loop(theirs);
    ourTime = loop(ours);
  } else {
    ourTime = loop(ours);
    theirTime = loop(theirs);
  }
  ratios.push(theirTime / ourTime); // claimcheck's calls per second over ibantools'
}
ratios.sort((x, y) => x - y);
const median = ratios[ratios.length >> 1];
console.log(
  `paired rounds (${ROUNDS} x ${CALLS.toLocaleString('en')} calls each): claimcheck / ibantools median ` +
    `${median.toFixed(2)}x, range ${ratios[0].toFixed(2)}-${ratios[ratios.length - 1].toFixed(2)}x`,
);
console.log(`one typo with suggestions: ${(1e6 / hz(bench.tasks[2])).toFixed(1)} µs per call (goal: under 20 µs)`);
