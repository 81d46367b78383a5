#!/usr/bin/env bash
# Runs every test of claimcheck. On a fresh machine it first installs what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "toolchain"
./scripts/setup.sh

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
# The browser build: no standard library (the npm package is built this way).
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
# The API documentation builds without a broken or private link.
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace
# The fuzz targets compile (cargo-fuzz builds them on nightly only, so nothing else would notice an
# API change that breaks them; tests/fuzz_corpus.rs replays their corpora).
cargo check --locked --manifest-path fuzz/Cargo.toml --bins

step "native tests (unit, integration, property, doc)"
cargo test --workspace

step "wasm: the JavaScript contract in Node and in headless Chromium"
wasm-pack test --node -- --test node
wasm-pack test --headless --chrome -- --test browser

step "build scripts (scripts/optimize-wasm.py)"
PATH="$PWD/.tools/node_modules/.bin:$PATH" PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s scripts -p 'test_*.py'

step "npm package: build, pack, install into a scratch project (ESM, CJS, TypeScript, <script type=module>)"
CLAIMCHECK_SKIP_SETUP=1 ./scripts/build-npm.sh
./tests/npm/run.sh

step "end to end: the form in Chromium against claimcheck serve (fresh database)"
cargo build -p claimcheck-cli
./tests/e2e/run.sh

step "size check (gzip -9 of .wasm + JS glue: the web target against the ratchet, claimcheck/lite against 45 KB)"
./scripts/size-report.sh --check
