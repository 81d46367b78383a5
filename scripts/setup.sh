#!/usr/bin/env bash
# Installs everything claimcheck's build and tests need on a fresh machine; skips what is already there,
# so a warm machine stays fast. Nothing is downloaded from outside the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n1)
: "${WASM_BINDGEN_VERSION:?could not read the pinned wasm-bindgen version from Cargo.toml}"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# scripts/optimize-wasm.py reads Cargo.toml with tomllib (Python 3.11), which every machine here has.
python3 -c 'import tomllib' 2>/dev/null \
  || { echo "setup: python3 3.11 or newer is needed (scripts/optimize-wasm.py)" >&2; exit 1; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
# Firefox ESR: the npm consumer test and two end-to-end scenarios run in it too (puppeteer-core).
command -v firefox-esr >/dev/null 2>&1 || need_apt+=(firefox-esr)
# WebKitGTK (the engine family of Safari): its WebDriver and MiniBrowser, and a virtual display for it.
command -v WebKitWebDriver >/dev/null 2>&1 || need_apt+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || need_apt+=(xvfb)
command -v xauth >/dev/null 2>&1 || need_apt+=(xauth)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# wasm-opt from npm's binaryen: Debian's binaryen 108 rewires the externref table export of
# wasm-bindgen 0.2.130 output to the function table, and the optimised module then fails to load.
BINARYEN_VERSION=132.0.0
# terser minifies the package's JS glue (scripts/build-npm.sh).
TERSER_VERSION=5.51.4
if ! .tools/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}" \
  || ! .tools/node_modules/.bin/terser --version 2>/dev/null | grep -qx "terser $TERSER_VERSION"; then
  log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) and terser@$TERSER_VERSION into .tools/"
  npm install --silent --no-audit --no-fund --prefix .tools "binaryen@$BINARYEN_VERSION" "terser@$TERSER_VERSION" >/dev/null
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  log "building wasm-pack from crates.io (a few minutes, once)"
  cargo install wasm-pack --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
log "toolchain ready: $(wasm-pack --version), $(wasm-bindgen --version), $(.tools/node_modules/.bin/wasm-opt --version | head -n1), $(.tools/node_modules/.bin/terser --version)"
