#!/usr/bin/env bash
# The main job: builds everything on a fresh machine (toolchain, the web package, the server) and
# starts the demo redemption form with the reference server. Prints the URL and the demo codes.
#   ADDR=0.0.0.0:8080 DB=/tmp/demo.db ./scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
./scripts/setup.sh
CLAIMCHECK_SKIP_SETUP=1 ./scripts/build-npm.sh
cargo build -p claimcheck-cli
mkdir -p target
exec target/debug/claimcheck serve --addr "${ADDR:-127.0.0.1:8080}" --db "${DB:-target/claimcheck-demo.db}" --www www --pkg pkg
