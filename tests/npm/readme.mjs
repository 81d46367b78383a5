// The package's README (npm/README.md, shipped as README.md) as a test: every ```js example runs
// against the installed package, and each line `expression; // → value` asserts that the expression
// gives that value (JSON). The sizes it states ("about N KB") must be the package's, rounded.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const folder = dirname(require.resolve('claimcheck/package.json'));
const readme = readFileSync(join(folder, 'README.md'), 'utf8');
assert.match(readme, /^# claimcheck\n[\s\S]*This is the npm package's own README/, 'the npm README is the one packed');

const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
assert.ok(blocks.length >= 2, `README examples: ${blocks.length}`);
let asserted = 0;
for (const [i, block] of blocks.entries()) {
  const code = block.split('\n').map((line) => {
    const m = line.match(/^(\s*)(.+?);\s*\/\/ → (.+)$/);
    if (!m) return line;
    asserted++;
    return `${m[1]}assert.deepStrictEqual(${m[2]}, ${m[3]}, ${JSON.stringify(m[2])});`;
  }).join('\n');
  // In the consumer project, whose dependency the package is: `from 'claimcheck'` resolves as written.
  const file = join(process.cwd(), `readme-example-${i}.mjs`);
  writeFileSync(file, `import assert from 'node:assert/strict';\n${code}`);
  await import(pathToFileURL(file).href);
}
assert.ok(asserted >= 10, `README lines asserted: ${asserted}`);

// "`claimcheck/web` about 50 KB, `claimcheck/lite` about 43 KB": gzip -9 of module and glue, in KB,
// measured as scripts/size-report.sh does (Node's zlib at level 9 compresses the module 0.7 KB worse).
const gz = (name) => execFileSync('gzip', ['-9c', join(folder, name)]).length;
const kb = (bytes) => Math.round(bytes / 1024);
const stated = (entry) => Number(readme.match(new RegExp('`claimcheck/' + entry + '` about (\\d+) KB'))?.[1]);
assert.equal(stated('web'), kb(gz('claimcheck_bg.wasm') + gz('web.js')), 'README: size of claimcheck/web');
assert.equal(stated('lite'), kb(gz('lite_bg.wasm') + gz('lite.js')), 'README: size of claimcheck/lite');
console.log(`readme: ${blocks.length} examples ran, ${asserted} results as stated, sizes as stated`);
