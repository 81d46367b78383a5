// Calls per second of claimcheck's validate (the built npm package, Node build) on a 16-symbol gift
// card code, next to ibantools.validateIBAN on a valid IBAN for scale. Run by scripts/bench-node.sh.
import { Bench } from 'tinybench';
import { validate } from 'claimcheck';
import { validateIBAN } from 'ibantools';

const options = { now: '2026-11-22T12:00:00Z' };
if (validate('DE9N8GUZWH279LUF', options).status !== 'valid') throw new Error('the benchmark code must be valid');
if (!validateIBAN('DE89370400440532013000').valid) throw new Error('the benchmark IBAN must be valid');

const bench = new Bench({ time: 2000, warmupTime: 500 });
bench
  .add('claimcheck validate (16-symbol gift card, options given)', () => validate('DE9N8GUZWH279LUF', options))
  .add('claimcheck validate (typed with separators and lowercase)', () => validate('de9n-8guz-wh27-9luf', options))
  .add('claimcheck validate (one typo: finding + suggestions)', () => validate('DE9N8GUZWH279LUG', options))
  .add('ibantools validateIBAN (valid DE IBAN)', () => validateIBAN('DE89370400440532013000'));
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
console.log(`one typo with suggestions: ${(1e6 / hz(bench.tasks[2])).toFixed(1)} µs per call (goal: under 20 µs)`);
