#!/usr/bin/env bash
# One million validate calls from Node on the built package; fails if the wasm memory grows.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build-npm.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
cd bench/node
[ -f package.json ] || echo '{ "name": "claimcheck-bench", "private": true, "type": "module" }' > package.json
npm install --silent --no-audit --no-fund "../../target/npm/claimcheck-$version.tgz" >/dev/null
node memory.mjs
