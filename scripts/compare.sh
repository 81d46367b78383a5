#!/usr/bin/env bash
# claimcheck side by side with ibantools, card-validator, libphonenumber-js and coupon-code (Node),
# and its load and keystroke times in Chromium. Not in CI: timings vary by machine.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build-npm.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
cd bench/node
[ -f package.json ] || echo '{ "name": "claimcheck-bench", "private": true, "type": "module" }' > package.json
npm install --silent --no-audit --no-fund "../../target/npm/claimcheck-$version.tgz" tinybench@5 ibantools@4 \
  card-validator@10 libphonenumber-js@1 coupon-code@0.4 esbuild@0.25 playwright-core@1 >/dev/null
node compare.mjs
REPO="$(cd ../.. && pwd)" node browser-timing.mjs
