#!/usr/bin/env bash
# Node benchmark of the built npm package against ibantools (not run in CI: timings vary by machine).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build-npm.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
cd bench/node
[ -f package.json ] || echo '{ "name": "claimcheck-bench", "private": true, "type": "module" }' > package.json
npm install --silent --no-audit --no-fund "../../target/npm/claimcheck-$version.tgz" tinybench@5 ibantools@4 >/dev/null
node bench.mjs
