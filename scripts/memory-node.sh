#!/usr/bin/env bash
# One million validate calls from Node on the built package; fails if the wasm memory grows.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/prepare-bench.sh
cd bench/node && node memory.mjs
