// In headless Chromium: time to load and initialise claimcheck/web (in all, and step by step), and time
// per keystroke in the form (formatAsYouType + validate + render, the input handler measured synchronously).
import { serveDemo, openChromium } from './harness.mjs';

const server = await serveDemo(process.env.REPO);
const browser = await openChromium();
const page = await browser.newPage();
await page.goto(`${server.base}/`);
await page.waitForSelector('body[data-ready="true"]');
const init = await page.evaluate(async () => {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const m = await import(`/pkg/web.js?fresh=${i}`);
    await m.default({ module_or_path: `/pkg/claimcheck_bg.wasm?fresh=${i}` });
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b);
});
// The same, step by step: fetching the .wasm, compiling it, importing the glue, init() with the
// compiled module, and the first validate (which loads the built-in schemes).
const steps = await page.evaluate(async () => {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const bytes = await (await fetch(`/pkg/claimcheck_bg.wasm?steps=${i}`)).arrayBuffer();
    const t1 = performance.now();
    const module = await WebAssembly.compile(bytes);
    const t2 = performance.now();
    const m = await import(`/pkg/web.js?steps=${i}`);
    const t3 = performance.now();
    await m.default({ module_or_path: module });
    const t4 = performance.now();
    m.validate('DE9N8GUZWH279LUF');
    runs.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3, performance.now() - t4]);
  }
  return runs;
});
const keystrokes = await page.evaluate(() => {
  const input = document.getElementById('code');
  const code = 'de9n8guzwh279lug';
  const times = [];
  for (let round = 0; round < 20; round++) {
    input.value = '';
    for (const c of code) {
      const t = performance.now();
      input.value += c;
      input.setSelectionRange(input.value.length, input.value.length);
      input.dispatchEvent(new Event('input'));
      times.push(performance.now() - t);
    }
  }
  return times.sort((a, b) => a - b);
});
const median = (xs) => xs[Math.floor(xs.length / 2)];
console.log(`Chromium: load + initialise claimcheck/web: median ${median(init).toFixed(1)} ms (of ${init.length}: ${init.map((x) => x.toFixed(1)).join(', ')})`);
const stepMedian = (k) => median(steps.map((run) => run[k]).sort((a, b) => a - b)).toFixed(1);
console.log(`Chromium: the steps, medians of 5 (ms): fetch .wasm ${stepMedian(0)}, compile ${stepMedian(1)}, ` +
  `import glue ${stepMedian(2)}, init ${stepMedian(3)}, first validate ${stepMedian(4)}`);
console.log(`Chromium: one keystroke in the form (format + validate + render): median ${median(keystrokes).toFixed(2)} ms, p95 ${keystrokes[Math.floor(keystrokes.length * 0.95)].toFixed(2)} ms (${keystrokes.length} keystrokes)`);
await browser.closeAndClean();
server.close();
