#!/usr/bin/env bash
# End-to-end tests of the redemption form against `claimcheck serve` on a fresh temporary database,
# in Debian's Chromium driven by playwright-core (run.mjs), then two of them in Debian's Firefox ESR
# (puppeteer-core) and WebKitGTK (WebDriver) (browsers.mjs). Needs pkg/ (scripts/build-npm.sh) and
# the CLI binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"
[ -f package.json ] || echo '{ "name": "claimcheck-e2e", "private": true, "type": "module" }' > package.json
[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] && [ -d node_modules/puppeteer-core ] \
  || npm install --silent --no-audit --no-fund playwright-core@1 axe-core@4 puppeteer-core@24 >/dev/null
export CLAIMCHECK_BIN="${CLAIMCHECK_BIN:-$repo/target/debug/claimcheck}" REPO="$repo"
node run.mjs
node browsers.mjs
