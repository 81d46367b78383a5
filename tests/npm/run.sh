#!/usr/bin/env bash
# Consumer test of the packed npm package: installs the tarball into a scratch project, then
# imports it (ESM), requires it (CJS), type-checks TypeScript against its types (ESM and CommonJS,
# three module resolutions), and loads
# claimcheck/web from a plain <script type="module">, the default entry bundled by webpack 5 and
# claimcheck/web built by Vite in headless Chromium; conformance.mjs runs tests/data/cases.json
# through it; robust.mjs and stack.mjs send hostile and deep calls through every export; memory.mjs
# checks that repeated calls do not grow the module's memory (no leaks); same-answers.mjs compares the
# module with the same build whose data only panics read was left as it was, and claimcheck/lite
# with the full package; lite.mjs checks what claimcheck/lite exports; tape.mjs tests the binding's
# JS (src/wasm.js). Deno and Bun (from npm, like the rest) run the ESM, CommonJS, lite and
# conformance tests and claimcheck/web's init() with a file URL; Deno also type-checks types.ts.
# browser.mjs opens the pages in Chromium, again in Firefox ESR and in WebKitGTK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -n1)
tarball="$repo/target/npm/claimcheck-$version.tgz"
[ -f "$tarball" ] || { echo "consumer test: $tarball is missing; run scripts/build-npm.sh first" >&2; exit 1; }

# The binding's own JS first, on its own (a broken tape must not loop: the timeout would say so).
timeout 120 node "$here/tape.mjs"

scratch="$repo/target/npm-consumer"
rm -rf "$scratch" && mkdir -p "$scratch"
cp -r "$here"/{esm.mjs,cjs.cjs,web-runtime.mjs,lite.mjs,lite-module.mjs,readme.mjs,launch.mjs,webdriver.mjs,conformance.mjs,robust.mjs,stack.mjs,memory.mjs,same-answers.mjs,seeded.mjs,types.ts,cjs-types.cts,tsconfig.json,tsconfig.bundler.json,tsconfig.node16.json,page.html,page-lite.html,browser.mjs,bundle.cjs,bundled,vite.mjs,vite} "$scratch/"
# The same build as the package, without --linked: its data left as it was (for same-answers.mjs).
unzeroed="$scratch/unzeroed"
[ -f "$repo/pkg-build/bundler/claimcheck_bg.wasm" ] && [ -f "$repo/pkg-build/node.cjs" ] \
  || { echo "consumer test: pkg-build/ is missing; run scripts/build-npm.sh first" >&2; exit 1; }
mkdir -p "$unzeroed"
cp "$repo/pkg-build/node.cjs" "$unzeroed/node.cjs" # made by build-npm.sh, the binding's JS inlined
PATH="$repo/.tools/node_modules/.bin:$PATH" python3 "$repo/scripts/optimize-wasm.py" \
  "$repo/pkg-build/bundler/claimcheck_bg.wasm" "$unzeroed/claimcheck_bg.wasm" "$unzeroed/node.cjs" >/dev/null
cd "$scratch"
echo '{ "name": "claimcheck-consumer", "private": true, "type": "module" }' > package.json
npm install --silent --no-audit --no-fund "$tarball" typescript@5 playwright-core@1 webpack@5 vite@6 \
  deno@2 bun@1 puppeteer-core@24 >/dev/null

node esm.mjs
node cjs.cjs
node conformance.mjs "$repo/tests/data/cases.json"
node conformance.mjs "$repo/tests/data/cases.json" lite
node lite.mjs
node readme.mjs
timeout 300 node robust.mjs # a call that never returns (a corrupted allocator) fails instead of hanging CI
timeout 300 node robust.mjs lite
node stack.mjs
node memory.mjs
node same-answers.mjs zeroed node_modules/claimcheck unzeroed
node same-answers.mjs lite
npx --no-install tsc -p tsconfig.json && echo "types: ok (tsc --noEmit --strict, nodenext)"
npx --no-install tsc -p tsconfig.bundler.json && echo "types: ok (tsc --noEmit --strict, moduleResolution bundler)"
npx --no-install tsc -p tsconfig.node16.json && echo "types: ok (tsc --noEmit --strict, node16: require from CommonJS, import from ESM)"
node bundle.cjs
node vite.mjs
node browser.mjs
node browser.mjs firefox
node browser.mjs webkit

# Deno and Bun resolve the package's "node" condition too (node.cjs, which reads the .wasm from its
# folder: Deno needs --allow-read). Their versions are printed: npm picks the newest 2.x and 1.x.
deno=node_modules/.bin/deno bun=node_modules/.bin/bun
in_runtime() { # runtime, its arguments: what the test printed, after the runtime's name
  local out
  out=$("$@") # a failing test stops the script here (set -e), its error on stderr
  echo "${1##*/}: $out"
}
for test in esm.mjs cjs.cjs web-runtime.mjs lite.mjs; do
  in_runtime "$deno" run --quiet --allow-read "$test"
  in_runtime "$bun" "$test"
done
in_runtime "$deno" run --quiet --allow-read conformance.mjs "$repo/tests/data/cases.json"
in_runtime "$bun" conformance.mjs "$repo/tests/data/cases.json"
"$deno" check --quiet types.ts && echo "types: ok (deno check)"
echo "runtimes: $("$deno" --version | head -n1), bun $("$bun" --version)"
