#!/usr/bin/env bash
# claimcheck side by side with ibantools, card-validator, libphonenumber-js and coupon-code (Node),
# its load and keystroke times in Chromium, and the demo form's page load with and without its
# preload links (bench/node/page-load.mjs). Not in CI: timings vary by machine.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/prepare-bench.sh tinybench@5 ibantools@4 card-validator@10 libphonenumber-js@1 coupon-code@0.4 \
  esbuild@0.25 playwright-core@1
cd bench/node
node compare.mjs
REPO="$(cd ../.. && pwd)" node browser-timing.mjs
REPO="$(cd ../.. && pwd)" node page-load.mjs
