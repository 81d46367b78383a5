#!/usr/bin/env bash
# Builds the npm package `claimcheck` into pkg/ and packs it into target/npm/claimcheck-<version>.tgz.
#
# One .wasm serves all three wasm-pack targets (they are byte-identical), so the package holds:
#   claimcheck.js + claimcheck_bg.js  bundler build (ESM, imports the .wasm)      -> exports "." default
#   node.cjs + node.d.cts             Node build (CommonJS, reads the .wasm)      -> exports "." node
#   web.js                            browser ESM with init()                     -> exports "./web"
#   claimcheck_bg.wasm                the module                                  -> exports "./claimcheck_bg.wasm"
#   lite.js + lite_bg.wasm            browser ESM with init(), without the support functions
#                                     (supportPackage, verifySupportPackage)      -> exports "./lite"
# The wasm is built with opt-level "z" (measured smallest after wasm-opt; native builds keep 3) and
# without the `std` feature (no standard library: its panic and formatting code stays out), then
# optimized by scripts/optimize-wasm.py (wasm-opt, functions ordered for gzip). The JS glue is
# minified with terser.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${CLAIMCHECK_SKIP_SETUP:-}" = 1 ] || ./scripts/setup.sh
# The wasm-opt that setup.sh installed comes first on PATH.
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
# The module keeps the source paths of its panic locations. Without remapping, a dependency's path
# names the builder's home ("/root/.cargo/registry/src/..."), and with rustup's rust-src component
# installed (rust-analyzer installs it) the standard library's paths point into the local toolchain
# instead of "/rustc/<commit>": the package would differ by machine (measured: +74 bytes gzip).
SYSROOT=$(rustc --print sysroot)
RUSTC_COMMIT=$(rustc -vV | sed -n 's/^commit-hash: //p')
# The stack: 128 KB instead of Rust's default 1 MB. It stays first in memory, so an overflow still
# traps, but the data then lies below 1 MB and every address constant is a byte shorter (-88 bytes
# gzip). The deepest calls use 4.5 KB of it (tests/npm/stack.mjs measures and bounds this).
STACK_BYTES=131072
# --emit-relocs: the linker's output keeps its symbols and relocations (the code and data are the
# same), so optimize-wasm.py can tell which data only the panic entry points read and zero it.
# -inline-threshold=15: at opt-level "z" LLVM inlines a call only when it costs at most 5 (its
# minimum-size threshold); at 15 it also inlines the hot path's small helpers. Measured: +42 bytes
# gzip, the plain validate about 3-5% and a typo 4-7% faster in Node (11 to 15 build the same module;
# 16 to 18 +627 bytes for no measurable further gain, 25 +689 bytes, 50 +2.7 KB and 15% faster).
export RUSTFLAGS="${RUSTFLAGS:-} -C llvm-args=-inline-threshold=15 --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/= --remap-path-prefix=$SYSROOT/lib/rustlib/src/rust=/rustc/$RUSTC_COMMIT -C link-arg=-zstack-size=$STACK_BYTES -C link-arg=--emit-relocs"
rm -rf pkg pkg-build
# wasm-pack's build of one target (TARGET OUT_NAME) into pkg-build/OUT_DIR.
wasm_pack() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=z wasm-pack --log-level warn build --release --target "$1" \
    --out-dir "pkg-build/$2" --out-name "$3" --no-pack -- --no-default-features
}
for target in bundler nodejs web; do wasm_pack "$target" "$target" claimcheck; done
for target in nodejs web; do
  cmp -s pkg-build/bundler/claimcheck_bg.wasm "pkg-build/$target/claimcheck_bg.wasm" \
    || { echo "build-npm: the $target .wasm differs from the bundler one; the package layout assumes one" >&2; exit 1; }
done

# claimcheck/lite: the web build of a module without the support functions. src/wasm.rs leaves their
# arms of `call` out when CLAIMCHECK_LEAVE_OUT names their numbers (as src/wasm.js numbers them)
# while compiling, and the compiler then leaves out everything only they reach; their JS goes from
# lite.js and their declarations from lite.d.ts (below). A target directory of its own, so that
# neither build makes the other compile again. A measuring build (CLAIMCHECK_LEAVE_OUT set:
# size-report.sh --features) makes no lite module.
export LITE_LEAVES_OUT="supportPackage verifySupportPackage" LITE_LEAVES_OUT_NUMBERS=45
LITE=yes
[ -z "${CLAIMCHECK_LEAVE_OUT:-}" ] || LITE=no
LITE_TARGET_DIR="${CARGO_TARGET_DIR:-target}/lite"
if [ "$LITE" = yes ]; then
  CARGO_TARGET_DIR="$LITE_TARGET_DIR" CLAIMCHECK_LEAVE_OUT=$LITE_LEAVES_OUT_NUMBERS wasm_pack web lite lite
fi

mkdir -p pkg
cp pkg-build/bundler/{claimcheck.js,claimcheck_bg.js,claimcheck.d.ts,claimcheck_bg.wasm.d.ts} pkg/
sed 's|@ts-self-types="./claimcheck.d.ts"|@ts-self-types="./node.d.cts"|' pkg-build/nodejs/claimcheck.js > pkg/node.cjs
cmp -s pkg-build/nodejs/claimcheck.d.ts pkg/claimcheck.d.ts \
  || { echo "build-npm: Node and bundler type declarations differ" >&2; exit 1; }
sed 's|@ts-self-types="./claimcheck.d.ts"|@ts-self-types="./web.d.ts"|' pkg-build/web/claimcheck.js > pkg/web.js
cp pkg-build/web/claimcheck.d.ts pkg/web.d.ts
web_loaders=(pkg/web.js)
if [ "$LITE" = yes ]; then
  cp pkg-build/lite/lite.js pkg/lite.js
  cp pkg-build/lite/lite.d.ts pkg/lite.d.ts
  web_loaders+=(pkg/lite.js)
fi
# wasm-bindgen's web loader in fewer bytes (-0.1 KB gzip), doing the same: `init()` and `initSync()`
# read both forms of argument that web.d.ts declares without warning that one is deprecated, and the
# warning for a .wasm served without the application/wasm type is shorter. The build stops if
# wasm-bindgen's text has changed.
python3 - "${web_loaders[@]}" <<'PY'
import re
import sys

for name in sys.argv[1:]:
    with open(name) as file:
        text = file.read()
    text, deprecated = re.subn(
        r"\} else \{\n\s*console\.warn\('using deprecated parameters for [^'\n]*'\);?\n\s*\}", "}", text)
    text, mime = re.subn(
        r'"`WebAssembly\.instantiateStreaming` failed because your server does not serve Wasm with '
        r'`application/wasm` MIME type\. Falling back to `WebAssembly\.instantiate` which is slower\. '
        r'Original error:\\n"',
        '"claimcheck: the .wasm is not served as application/wasm, so it is loaded without streaming:"', text)
    if (deprecated, mime) != (2, 1):
        sys.exit(f"build-npm: wasm-bindgen's web loader in {name} is not as expected "
                 f"({deprecated} deprecation warnings, {mime} MIME warning)")
    with open(name, "w") as file:
        file.write(text)
PY
# The binding's own JS (src/wasm.js) goes into each glue file: its exported functions are the API,
# each calling the module's exports `__input`, `__call` and `__answer` through the glue's `wasm`
# (wasm-bindgen's functions for them are no longer exported, and terser drops them as unused; the
# bundler entry re-exports the API instead) and reading the answer with the glue's
# `getStringFromWasm0`. The build stops unless each of those functions is there once, every function
# the types declare is exported, no name clashes, and the glue passes no strings itself (the binding
# writes them into the module's input buffer).
# pkg-build/node.cjs: the same Node glue, for the test that loads it with the module before its
# data is zeroed (tests/npm/run.sh).
cp pkg/node.cjs pkg-build/node.cjs
lite_glue=()
[ "$LITE" = yes ] && lite_glue=(pkg/lite.js:esm:lite)
python3 - pkg/claimcheck.d.ts pkg/claimcheck.js pkg/claimcheck_bg.js:esm pkg/node.cjs:cjs pkg/web.js:esm \
  pkg-build/node.cjs:cjs "${lite_glue[@]}" <<'PY'
import os
import re
import sys

types_file, entry_file, *glue_files = sys.argv[1:]
# The module's exports that only the binding's JS calls: the glue keeps its functions for them, unexported.
INTERNAL = ["__call", "__input", "__answer"]
# What the lite module leaves out (glue marked `:lite`): its functions stay in the binding, unexported,
# and terser drops them with what only they call.
NOT_IN_LITE = set(os.environ["LITE_LEAVES_OUT"].split())
with open("src/wasm.js") as file:
    binding = file.read()
with open(types_file) as file:
    declared = set(re.findall(r"^export function (\w+)\(", file.read(), re.M))
exported = re.findall(r"^export function (\w+)\(", binding, re.M)
wrappers = [name for name in exported if name in declared]
own_names = re.findall(r"^(?:export )?(?:function|let|const) (\w+)", binding, re.M)
if not wrappers:
    sys.exit("build-npm: src/wasm.js exports none of the declared functions")


def exporting(names):
    """The binding exporting only `names` (readTape is exported for wasm-pack's tests only)."""
    return re.sub(r"^export function (\w+)", lambda m: m[0] if m[1] in names else f"function {m[1]}",
                  binding, flags=re.M)


for argument in glue_files:
    name, kind, *variant = argument.split(":")
    lite = variant == ["lite"]
    api = [w for w in wrappers if not (lite and w in NOT_IN_LITE)]
    with open(name) as file:
        text = file.read()
    problems = []
    for internal in INTERNAL:
        if kind == "esm":
            text, n = re.subn(rf"^export function {internal}\(", f"function {internal}(", text, flags=re.M)
        else:
            text, n = re.subn(rf"^exports\.{internal} = {internal};\n", "", text, flags=re.M)
        if n != 1 or len(re.findall(rf"^function {internal}\(", text, re.M)) != 1:
            problems.append(f"no single function {internal}")
    problems += [f"the glue also declares {n}" for n in own_names
                 if re.search(rf"\b(?:function|let|const|var|class)\s+{n}\b|^import .*\b{n}\b", text, re.M)]
    problems += [f"snippet import {s}" for s in re.findall(r"snippets/[^'`]+", text)]
    problems += [f"no single function {f}" for f in ["getStringFromWasm0", "getUint8ArrayMemory0"]
                 if len(re.findall(rf"^function {f}\(", text, re.M)) != 1]
    problems += ["the glue passes strings"] * ("passStringToWasm0" in text)
    exports = set(re.findall(r"^export function (\w+)\(" if kind == "esm" else r"^exports\.(\w+) = ", text, re.M))
    missing = declared - exports - set(wrappers)
    if problems or missing:
        sys.exit(f"build-npm: the glue in {name} is not as expected: {problems}, not exported: {missing}")
    own = exporting(api)
    if kind == "cjs":
        own = re.sub(r"^export function (\w+)", r"function \1", own, flags=re.M)
        own += "".join(f"exports.{w} = {w};\n" for w in api)
    # First (after the @ts-self-types comment): the binding's `let`s are then set before anything runs.
    first, rest = text.split("\n", 1) if text.startswith("/* @ts-self-types") else ("", text)
    text = f"{first}\n{own}\n{rest}"
    with open(name, "w") as file:
        file.write(text)

# The bundler entry re-exports the API from claimcheck_bg.js: the wrappers, not what they call.
with open(entry_file) as file:
    entry = file.read()
listed = re.findall(r"^export \{([^}]*)\} from \"./claimcheck_bg.js\";", entry, re.M)
if len(listed) != 1 or sorted(n.strip() for n in listed[0].split(",") if n.strip()) != sorted(INTERNAL):
    sys.exit(f"build-npm: the bundler entry does not re-export just the module's internal functions: {listed}")
entry = entry.replace(listed[0], "\n    " + ", ".join(wrappers) + "\n")
with open(entry_file, "w") as file:
    file.write(entry)
PY
# The module and the glue of all three targets: exports no glue uses are removed, and the names
# between the two (imports, the glue's own exports) get short, in the module and the glue alike;
# panics trap at once, and the data no live code reads is zeroed (see the script).
python3 scripts/optimize-wasm.py --linked="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/claimcheck.wasm" \
  pkg-build/bundler/claimcheck_bg.wasm pkg/claimcheck_bg.wasm \
  pkg/claimcheck.js pkg/claimcheck_bg.js pkg/node.cjs pkg/web.js
if [ "$LITE" = yes ]; then
  python3 scripts/optimize-wasm.py --linked="$LITE_TARGET_DIR/wasm32-unknown-unknown/release/claimcheck.wasm" \
    pkg-build/lite/lite_bg.wasm pkg/lite_bg.wasm pkg/lite.js
fi
# The module's exports whose names start with `__` now have short names (optimize-wasm.py) and are
# the glue's alone: the types no longer declare them (`init()`'s InitOutput, the bundler's .wasm types).
# lite.d.ts also loses the declarations of the functions the lite module leaves out (the types they
# name stay: a page may load the full module for them later).
lite_types=()
[ "$LITE" = yes ] && lite_types=(pkg/lite.d.ts)
python3 - pkg/web.d.ts pkg/claimcheck_bg.wasm.d.ts "${lite_types[@]}" <<'PY'
import os
import re
import sys

left_out = os.environ["LITE_LEAVES_OUT"].split()
for name in sys.argv[1:]:
    with open(name) as file:
        text = file.read()
    text, n = re.subn(r"^(?:    readonly|export const) __\w+: .*\n", "", text, flags=re.M)
    if n < 2:
        sys.exit(f"build-npm: {name} does not declare the module's internal exports as expected")
    if name.endswith("lite.d.ts"):
        # Each declaration with its doc comment.
        text, gone = re.subn(rf"^(?:/\*\*(?:[^*]|\*(?!/))*\*/\n)?export function (?:{'|'.join(left_out)})\(.*\n",
                             "", text, flags=re.M)
        if gone != len(left_out):
            sys.exit(f"build-npm: {name}: {gone} of the {len(left_out)} left-out functions' declarations found")
    with open(name, "w") as file:
        file.write(text)
PY
# The JS glue ships minified: the web glue is 3.3 KB gzip as wasm-bindgen writes it (JSDoc that only
# says `any`, long local names) and 2.1 KB minified. The one comment kept points TypeScript and Deno
# at the types. wasm-bindgen's readable output stays in pkg-build/.
minify() {
  local file=$1; shift
  terser "$file" "$@" --compress --mangle --comments '/@ts-self-types/' -o "$file.min"
  mv "$file.min" "$file"
}
for file in claimcheck.js claimcheck_bg.js web.js; do minify "pkg/$file" --module; done
[ "$LITE" = yes ] && minify pkg/lite.js --module
minify pkg/node.cjs --toplevel # CommonJS: Node wraps the file in a function, so its top level is local
# The package's README is its own (npm/README.md: how to use the package), not the repository's.
cp npm/README.md pkg/README.md
cp LICENSE-MIT LICENSE-APACHE pkg/

# The Node build is CommonJS: its types as a .d.cts, so that TypeScript lets CommonJS code `require`
# it (under `module: node16` a .d.ts in a "type": "module" package reads as an ES module, which
# `require` cannot load) and ES modules import it as Node does, with named imports.
cp pkg/claimcheck.d.ts pkg/node.d.cts
cat > pkg/package.json <<JSON
{
  "name": "claimcheck",
  "version": "$VERSION",
  "description": "Checks redemption codes (gift cards, promotions, courtesy credits) in the browser before they are submitted, explains failures in German and English and suggests the code that was meant.",
  "license": "MIT OR Apache-2.0",
  "keywords": ["gift-card", "redemption", "claim-code", "checksum", "validation", "wasm"],
  "type": "module",
  "main": "./node.cjs",
  "module": "./claimcheck.js",
  "types": "./claimcheck.d.ts",
  "exports": {
    ".": {
      "node": {
        "types": "./node.d.cts",
        "default": "./node.cjs"
      },
      "types": "./claimcheck.d.ts",
      "default": "./claimcheck.js"
    },
    "./web": {
      "types": "./web.d.ts",
      "default": "./web.js"
    },
    "./lite": {
      "types": "./lite.d.ts",
      "default": "./lite.js"
    },
    "./claimcheck_bg.wasm": "./claimcheck_bg.wasm",
    "./lite_bg.wasm": "./lite_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": [
    "claimcheck.js", "claimcheck_bg.js", "claimcheck.d.ts", "claimcheck_bg.wasm", "claimcheck_bg.wasm.d.ts",
    "node.cjs", "node.d.cts", "web.js", "web.d.ts", "lite.js", "lite.d.ts", "lite_bg.wasm",
    "README.md", "LICENSE-MIT", "LICENSE-APACHE"
  ],
  "sideEffects": ["./claimcheck.js", "./node.cjs"]
}
JSON
find pkg -name .gitignore -delete

mkdir -p target/npm
(cd pkg && npm pack --silent --pack-destination ../target/npm >/dev/null)
TARBALL="target/npm/claimcheck-$VERSION.tgz"
[ -f "$TARBALL" ] || { echo "build-npm: npm pack did not produce $TARBALL" >&2; exit 1; }
# Exactly these files, no stray ones (.gitignore, build logs) and none missing.
expected="LICENSE-APACHE LICENSE-MIT README.md claimcheck.d.ts claimcheck.js claimcheck_bg.js claimcheck_bg.wasm \
claimcheck_bg.wasm.d.ts lite.d.ts lite.js lite_bg.wasm node.cjs node.d.cts package.json web.d.ts web.js"
[ "$LITE" = yes ] || expected=${expected/lite.d.ts lite.js lite_bg.wasm /}
packed=$(tar tzf "$TARBALL" | sed 's|^package/||' | LC_ALL=C sort | tr '\n' ' ')
[ "$packed" = "$expected " ] || { echo "build-npm: the tarball holds: $packed; expected: $expected" >&2; exit 1; }
echo "build-npm: $TARBALL ($(wc -c < "$TARBALL") bytes)"
