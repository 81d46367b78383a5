#!/usr/bin/env bash
# Shared by the Node benchmark scripts: builds the npm package and installs it, with the npm packages
# given as arguments, into bench/node.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build-npm.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
cd bench/node
[ -f package.json ] || echo '{ "name": "claimcheck-bench", "private": true, "type": "module" }' > package.json
npm install --silent --no-audit --no-fund "../../target/npm/claimcheck-$version.tgz" "$@" >/dev/null
