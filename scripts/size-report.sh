#!/usr/bin/env bash
# Size report of the npm package: gzip -9 of the .wasm and of each target's JS glue, and the largest
# contributors to the .wasm (twiggy top on a build that keeps function names, and what each function's
# code costs in gzip: optimize-wasm.py --gzip-cost).
#
#   scripts/size-report.sh           build, print the report, write target/size-report.md
#   scripts/size-report.sh --check   also fail when the web target (.wasm + glue) is above the ratchet,
#                                    or claimcheck/lite above the issue's hard ceiling of 45 KB
#   scripts/size-report.sh --features   what each group of API functions costs: the package built
#                                       once without each (CLAIMCHECK_LEAVE_OUT, src/wasm.rs), the
#                                       .wasm's gzip compared; writes target/size-features.md and
#                                       rebuilds the full package at the end (a few minutes)
#
# Size is deterministic for a given toolchain, so this is a check, not a timing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The issue's goal is 25 KB and its hard ceiling 45 KB; the build is above both (see README, "Size").
# Until it is not, this ratchet keeps growth from going unnoticed: lower it whenever the size drops,
# raise it only in a commit that says what the growth bought (60 -> 68 KB: explanations, causes,
# server rejections, scam warning and as-you-type, about 14 KB of German and English text;
# 68 -> 80 KB: support packages: SHA-256, request reading, the readable text and its labels;
# 80 -> 73 KB: no substring search or str slicing by index, support text without format!;
# 73 -> 72 KB: the browser build without the standard library;
# 72 -> 61 KB: messages without core::fmt, small text helpers instead of the standard library's,
# own Date and Timestamp instead of chrono, loops instead of Result-collecting iterators, metadata
# sections stripped, wasm-opt's one-caller inlining limited to small functions, catalog texts joined;
# 61 -> 58.5 KB: one placeholder renderer, loops instead of collects, own trim and char offsets,
# definitions, requests and options read by readers that keep the first problem, borrowed listings;
# 58.5 -> 56 KB: messages appended in place, small helpers out of line or inlined as measured one by
# one, wasm-opt --low-memory-unused, the JS glue minified;
# 56 -> 53.7 KB: functions ordered for gzip by scripts/optimize-wasm.py, wasm-opt -Os, a 128 KB stack,
# exports no glue uses removed, short names between module and glue;
# 53.7 -> 52.8 KB: no UTF-8 validator, no FromStr, the built-in scheme file read in one pass, own
# is_whitespace; 52.8 -> 51.4 KB: panic entry points trapping at once, the data only they read
# zeroed, no copy of each scheme's definition, the support request reader's paths; 51.4 -> 50.9 KB:
# the data the optimized code no longer names zeroed, two catalogs as joined texts with u16 ends,
# the glue's encodeInto fallback and realloc-less string branch removed; raised 50.9 -> 51.2 KB for
# speed: results cross into JS as a tape instead of JSON, +378 bytes, validate 26% faster in Node;
# four smaller speed-ups, +57 bytes, 4%; the built-in scheme file compacted when compiling, -56;
# 51.2 KB, 52,450 bytes); 51.2 -> 50.4 KB: only numbers and text cross between module and JS (the
# API's functions in src/wasm.js, no JS value in the module), -793 bytes; one export for all of them,
# -55 bytes; wasm-opt inlining functions of up to 4 instructions, -74 bytes; raised by 50 for a bug fix:
# only strings are passed to the glue, +68 bytes: 50.3 KB, 51,550 bytes); 50.3 -> 50.2 KB: texts
# through buffers the module keeps instead of wasm-bindgen's string passing, -158 bytes; `version`
# through the one export too, -200 bytes; wasm-bindgen's start and its JS value table, and the glue
# of imports the module lost, removed, -59 bytes; the binding calling the module's exports directly,
# -23 bytes; raised by 100 for speed: validate's result read in JS as one object literal, +98 bytes,
# plain validate 6-7% faster in Node; a result's region borrowed from its marketplace, -21 bytes;
# a short ASCII code's symbols on the stack, -79 bytes; `before` taking a byte instead of a
# closure, -93 bytes; the binding's last options without an Option around them, -71 bytes; raised
# by 60 for speed: a short ASCII member's key, length and text written to the tape in two copies,
# +65 bytes, plain validate about 4% faster in Node: 49.8 KB, 51,010 bytes. Raised by 42 for
# speed (thirteenth session): LLVM's inline threshold 15 instead of opt-level "z"'s 5 (build-npm.sh),
# +42 bytes, the plain validate about 3-5% faster: 51,052 bytes. Raised by 318 for speed: the
# writer's byte appends in a crate of their own compiled at opt-level 3 (out/, claimcheck-out),
# +319 bytes, bench.mjs's paired rounds 0.98-1.02x -> 1.06-1.08x of ibantools: 51,370 bytes. Raised
# by 48 for a fix (fifteenth session): NaN, Infinity and an invalid Date sent as text instead of
# JSON's null, so that `now: new Date('x')` is refused instead of meaning the clock: 51,418 bytes.
# wasm-bindgen's web loader without its deprecation warnings and with a shorter MIME-type warning
# (build-npm.sh), -111 bytes: 51,307 bytes. The module's data in one segment (optimize-wasm.py),
# -22 bytes: 51,285 bytes. Support packages verified by hashing their parsed members again instead of
# searching the text for the integrity member (sixteenth session; layout is no longer content),
# -35 bytes: 51,250 bytes. Raised by 312 for a feature (sixteenth session): a code pasted inside
# other text ("Claim code: ...", a sentence of the email, the code twice) is found and suggested,
# where the customer got no suggestion before: 51,562 bytes. Raised by 57: detection takes such input
# of a scheme's own symbols for that scheme (a gift card with a stray symbol was a well-formed
# promotion code): 51,619 bytes. Raised by 41: two codes pasted together are extra text, not an
# ambiguous typo: 51,660 bytes. Raised by 13: only schemes with a region prefix are searched for a code
# inside text (rs32 alone would find a random "code" in one input of 64 symbols in twenty): 51,673 bytes.
# Raised by 171: the code after a label ending in "code:" offered for every scheme (Amazon's emails
# show "Claim Code: XXXX-XXXXXX-XXXX", a format without a checksum): 51,844 bytes. Raised by 13 for a
# fix: the support text masks the code in any spelling and the suggested codes too: 51,857 bytes.
# One extra non-ASCII character counted as one, not by its UTF-8 bytes, -4 bytes: 51,853 bytes.
# Seventeenth session: fixes first, +224 net (lengths worded for schemes with several lengths, +155;
# numeric codes of a registered scheme not taken for serial numbers, +95; -26 from inlining), then no
# JSON parser in the module (JS parses, the module reads a tape), -905 with the glue, and the
# built-in file loaded without naming its problems, -288: 50,884 bytes. Raised by 27 for a fix: a
# complete package nested deeper than the module reads is not_json, not judged by its tape's text:
# 50,911 bytes. Raised by 80 for a fix: a code of an issuer's scheme of kind "other" (the default) in
# another scheme's field read "This looks like a other code"; that kind is not named now: 50,991 bytes.
# Eighteenth session: each catalog's texts grouped by language (keys, English, German), -125: 50,866.
# SHA-256 padding written byte by byte into one block, -148: 50,718. Raised by 11 for a fix: an
# impossible symbol typed into a code (an "O" slipped in) is the one to delete: 50,729 bytes. Raised
# by 33 for a fix: an attempt's `at` in a support request must be a timestamp: 50,762 bytes.
# Support requests read by the scheme definitions' reader (src/read.rs), not a second one, and its
# optional strings read by one helper, -35: 50,727 bytes.
# Nineteenth session: raised by 22 for a fix: a server's message quoted „…“ in the German support
# text, not “…”: 50,749 bytes. Raised by 143 for fixes: a code that is only expired or for another
# marketplace is suggested (after every code that works here), a credit that expired within a year
# is still one being typed, a located checksum finding only where its correction is suggested, and
# the device-clock cause worded for expired codes too: 50,892 bytes. Raised by 76 for two fixes: an
# attempt's clientStatus in the support text in the text's language (+64), a scheme definition's
# minLength below 2 named as minLength, not lengths (+12): 50,968 bytes. A promotion code such as
# SAVE10 no longer taken for a gift card being typed, -1: 50,967 bytes; 50,966 after a longer
# TypeScript comment moved one constant; 50,965 with suggestions ranked as working here when
# well-formed, not only when valid.
# Twentieth session, fixes: a code whose two 0/O/1/I use up both check symbols read as a promotion
# code when one takes it, with the recovered code still suggested, +116; a package saved with a
# byte order mark verifies (glue), +19; 0/O/1/I count for a gift card only where a check symbol
# verifies them (prefixes, damaged codes, one symbol too long), the rs32 reading suggested for such
# input, +42 net. Savings: fields_plausible through typed_field_findings, -103; the look-alike pairs
# as bytes, -62; the Cyrillic and Greek look-alikes as two lists, not a match, -16: 50,961 bytes.
# Raised by 10 for speed: characters below U+0391 skip the look-alike list (the list's linear search
# made validate about 15% slower on typed input in Node): 50,971 bytes. Raised by 11 (review): the
# other readings of an input tried only for schemes other than the detected one, whose repairs were
# already tried: 50,982 bytes. Twenty-first session, raised by 7 for a fix: server codes compared
# by their letters alone, so `already redeemed` and `alreadyRedeemed` are `already_redeemed`
# (README promised spaces were forgiven): 50,989 bytes. Twenty-second session, raised by 7 for a
# fix: registerScheme skips a leading byte order mark in a JSON string, as JSON.parse does not
# (readFileSync of a file saved by Windows tools): 50,996 bytes. Twenty-fourth session, raised by
# 45 for a fix: one impossible character in a complete code (an Ü or # from a neighbouring key, a
# Cyrillic letter) is recovered like a `?`, as the second check symbol verifies it, and told as a
# typo; before, such a code got no suggestion at all: 51,041 bytes. Raised by 278 for a feature: an
# order number (17 digits, or D and 16) is named as such, with its cause, in German and English; it
# was a well-formed promotion code before ("the format looks right"): 51,319 bytes. Twenty-fifth
# session, raised by 545 for a feature: a code typed with the keyboard set to another language (Y/Z,
# or A/Q and W/Z, swapped throughout) is swapped back and suggested first, its finding and cause saying
# so in German and English; before, 98% of such codes with two or more swapped letters got no
# suggestion or a wrong one with a wrong position blamed (texts 81 bytes, code the rest): 51,864 bytes.
# Raised by 13 for speed: the swap's edits made only once it verifies (one typo with suggestions took
# 13.7-13.8 us in Node with them made first, 12.6-13.0 after; 12.0 before the feature): 51,877 bytes.
# Raised by 1: two comment lines added in src/suggest.rs move the line numbers the module keeps for
# its panic locations, which compress one byte worse (the raw size is the same): 51,878 bytes.
# Twenty-sixth session, raised by 279 for a feature: two look-alike characters both misread (8/B,
# 2/Z, 5/S, 6/G, D/Q) are flipped back and suggested, with their cause in German and English; before,
# about 40% of such codes got a wrong one-symbol "correction" and under 2% their own code back. A
# faster version that judged the pairs from rs32's syndromes cost 298 bytes more: 52,157 bytes.
# Raised by 78 for a fix: a checksum finding names a position only when the first suggestion
# corrects it (a code that works here, such as two look-alikes, can rank before one symbol's
# correction to an expired code; the finding then blamed a position the first suggestion left as it
# was, in 68 of 6,452 located findings of a probe): 52,235 bytes.
# Twenty-eighth session, lowered by 3: the TypeScript declarations moved from src/wasm.rs into
# src/wasm.d.ts (included), which moved the later panic locations' line numbers: 52,232 bytes.
# Lowered by 12: Turkish ı and İ read as I (two entries in the look-alike table); with the functions'
# order chosen anew the module came out smaller, by chance of the order: 52,220 bytes.
# Raised by 71 for a fix: the digits Arabic keyboards (UAE, Saudi Arabia, Egypt), Persian and Urdu
# ones and India's type are read as ASCII digits (a code typed with them was one invalid character
# per digit; a list of each script's zero cost 43 bytes more than the blocks' shared layout): 52,291.
# Raised by 18 for a fix: what Japanese input types for "-" (ー) and between groups (・), and their
# half-width forms, are separators (each was an invalid character): 52,309 bytes.
# Twenty-ninth session, raised by 2 for speed: the search for a code inside longer input skips a
# window without a marketplace prefix before its checksum (256 random code symbols 380-391 us ->
# 131-134 us in Node): 52,311 bytes. Lowered by 31: a marketplace prefix compared as the two
# symbols it is, not as a slice of any length (a valid credit 3.56-3.61 -> 3.22-3.28 us, 256 random
# symbols 131-134 -> 41 us in Node): 52,280 bytes.
CEILING_BYTES=${CLAIMCHECK_SIZE_CEILING:-52280}
GOAL_BYTES=25600
# claimcheck/lite (the web build without supportPackage and verifySupportPackage) is held to the
# issue's own hard ceiling, 45 KB: it is what a page that builds no support package loads.
LITE_CEILING_BYTES=46080
gz() { gzip -9c "$1" | wc -c; }

if [ "${1:-}" = "--features" ]; then
  # The JS glue stays the same (its functions are still there; a left-out one reports an unknown
  # function number), so only the .wasm is compared.
  build() { CLAIMCHECK_SKIP_SETUP=1 CLAIMCHECK_LEAVE_OUT="$1" ./scripts/build-npm.sh > target/size-features.log 2>&1 \
    || { tail -n 20 target/size-features.log >&2; exit 1; }; gz pkg/claimcheck_bg.wasm; }
  mkdir -p target
  trap 'echo "size-report: stopped; pkg/ may hold a measuring build: run ./scripts/build-npm.sh" >&2' ERR
  full=$(build "")
  out=target/size-features.md
  {
    echo "| left out | .wasm (gzip -9) | what it costs |"
    echo "|---|---:|---:|"
    echo "| nothing (the package) | $full bytes | |"
    while IFS='|' read -r digits name; do
      without=$(build "$digits")
      echo "| $name | $without bytes | $((full - without)) bytes |"
    done <<'GROUPS'
45|supportPackage, verifySupportPackage
23|explainRejection, scamWarning
1|formatAsYouType
6|schemes
7|registerScheme
1234567|all but validate and version
GROUPS
  } > "$out"
  build "" > /dev/null # the package as it ships, again
  cat "$out"
  exit 0
fi

[ -f pkg/claimcheck_bg.wasm ] || ./scripts/build-npm.sh
wasm=$(gz pkg/claimcheck_bg.wasm)
bundler_glue=$(( $(gz pkg/claimcheck.js) + $(gz pkg/claimcheck_bg.js) ))
node_glue=$(gz pkg/node.cjs)
web_glue=$(gz pkg/web.js)
web_total=$((wasm + web_glue))
lite_wasm=$(gz pkg/lite_bg.wasm)
lite_glue=$(gz pkg/lite.js)
lite_total=$((lite_wasm + lite_glue))
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }

report=target/size-report.md
mkdir -p target
{
  echo "| target | .wasm (gzip -9) | JS glue (gzip -9) | total |"
  echo "|---|---:|---:|---:|"
  echo "| web (\`claimcheck/web\`) | $(kb "$wasm") | $(kb "$web_glue") | **$(kb "$web_total")** |"
  echo "| bundler (\`claimcheck\`) | $(kb "$wasm") | $(kb "$bundler_glue") | $(kb $((wasm + bundler_glue))) |"
  echo "| node (\`claimcheck\`, node condition) | $(kb "$wasm") | $(kb "$node_glue") | $(kb $((wasm + node_glue))) |"
  echo "| lite (\`claimcheck/lite\`: web, without the support functions) | $(kb "$lite_wasm") | $(kb "$lite_glue") | $(kb "$lite_total") |"
  echo
  echo "Raw .wasm: $(wc -c < pkg/claimcheck_bg.wasm) bytes (lite: $(wc -c < pkg/lite_bg.wasm)). In bytes: web $web_total (.wasm $wasm, glue $web_glue), lite $lite_total (.wasm $lite_wasm, glue $lite_glue)."
  echo "Goal $(kb $GOAL_BYTES) for the web target, CI ratchet $(kb "$CEILING_BYTES") (web total); claimcheck/lite held to $(kb "$LITE_CEILING_BYTES")."
} > "$report"

if [ "${1:-}" != "--check" ] && command -v twiggy >/dev/null 2>&1; then
  # Same code as the package, but with the names section kept, so twiggy can name functions.
  named=target/size-named
  rm -rf "$named" && mkdir -p "$named"
  wasm-bindgen --target web --out-dir "$named" target/wasm32-unknown-unknown/release/claimcheck.wasm
  # wasm-opt's flags as the package build uses them (Cargo.toml, [package.metadata.claimcheck]), plus
  # -g; in the linker's function order, which changes no function's size.
  read -ra wasm_opt_flags < <(sed -n 's/^wasm-opt = \[\(.*\)\]$/\1/p' Cargo.toml | tr -d '",')
  [ ${#wasm_opt_flags[@]} -gt 0 ] || { echo "size-report: no wasm-opt flags found in Cargo.toml" >&2; exit 1; }
  python3 scripts/optimize-wasm.py --prepare-only "$named/claimcheck_bg.wasm" "$named/input.wasm"
  wasm-opt "${wasm_opt_flags[@]}" -g "$named/input.wasm" -o "$named/named.wasm"
  {
    echo
    echo "Largest contributors (raw bytes before gzip; \`twiggy top -n 15\`):"
    echo
    echo '```'
    twiggy top -n 15 "$named/named.wasm" | grep -v '"function names" subsection' | cut -c1-130
    echo '```'
    echo
    echo "What each function's code costs in gzip (the module compressed with only its body replaced"
    echo "by \`unreachable\`; repeats across functions compress, so these do not add up to the total):"
    echo
    python3 scripts/optimize-wasm.py --gzip-cost 15 "$named/named.wasm"
  } >> "$report"
elif [ "${1:-}" != "--check" ]; then
  echo "(install twiggy with 'cargo install twiggy --locked' for the list of largest contributors)" >> "$report"
fi
cat "$report"

if [ "${1:-}" = "--check" ] && [ "$web_total" -gt "$CEILING_BYTES" ]; then
  echo "size check: the web target is $(kb "$web_total"), above the ceiling of $(kb "$CEILING_BYTES")" >&2
  exit 1
fi
if [ "${1:-}" = "--check" ] && [ "$lite_total" -gt "$LITE_CEILING_BYTES" ]; then
  echo "size check: claimcheck/lite is $lite_total bytes, above the hard ceiling of $LITE_CEILING_BYTES" >&2
  exit 1
fi
