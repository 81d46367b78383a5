#!/usr/bin/env bash
# Node benchmark of the built npm package against ibantools (not run in CI: timings vary by machine).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/prepare-bench.sh tinybench@5 ibantools@4
cd bench/node && node bench.mjs
