#!/usr/bin/env python3
"""Optimizes the package's .wasm with wasm-opt and orders its functions so that gzip compresses it better.

    scripts/optimize-wasm.py IN.wasm OUT.wasm [GLUE.js ...] [--linked=LINKED.wasm]
    (the glue files are rewritten in place; LINKED.wasm is the linker's output, with --emit-relocs)
    scripts/optimize-wasm.py --prepare-only IN.wasm OUT.wasm   (only the steps before wasm-opt)
    scripts/optimize-wasm.py --gzip-cost N IN.wasm   (the N functions whose code costs most in gzip)

wasm-opt keeps the functions in the order the linker left them. gzip only finds repeats within the
last 32 KB, and the code section is about 90 KB, so which functions sit next to each other matters:
measured on the 2026-11-29 build, a random order compresses 1.5 KB worse than the linker's, and the
greedy order below 0.57 KB better with wasm-opt -Oz, 1.0 KB better with -Os (the flags now used).

1. wasm-opt with the flags in Cargo.toml (`[package.metadata.claimcheck] wasm-opt`), keeping names.
2. The order: start with the largest function, then repeatedly place the function that compresses
   best after those already placed: the most bytes saved against compressing it alone, the largest
   share saved, or the fewest compressed bytes per byte (`GREEDY_SCORES`; one order each).
3. The input's function names are prefixed with their place in an order, and wasm-opt runs again on
   it with the same flags and `--reorder-functions-by-name` last. Optimizing from the input again,
   instead of reordering the optimized module, matters: reading binaryen's output back and writing it
   again costs about 0.1 KB (the re-read adds locals that the optimizer had removed). Of the three
   results and the linker's order, each measured with its data zeroed (below), the smallest is kept:
   which score wins changes from build to build (by up to 0.15 KB, measured).

Before all of this, Rust's panic entry points trap at once (`trapping_panics`): the browser build's
panic handler traps without reading the message, but each entry point first formats its message
onto the stack, and every call site passes it the source location and message pieces. With their
bodies reduced to `unreachable`, wasm-opt drops those arguments at every call site (-0.68 KB gzip).
The checks in front of the calls stay: a bug still stops the module, as before, and never reads or
writes the wrong memory (unlike wasm-opt's --traps-never-happen, which may delete the checks).

After all of it, with `--linked` (the linker's output, linked with --emit-relocs), the data that only
those entry points or unreachable code read is set to zero: their message templates, the callers'
source locations and the file names in them, the allocation failure texts (`dead_data`, from the
linker's symbols and relocations; -0.50 KB gzip). Then the data that the optimized code no longer
names at all (`data_unnamed_by_code`: no constant or offset of it lies in or at the end of the
object, none equals an address the linker wrote for it, and no such object points to it): what
wasm-opt left unread when it removed the code reading it, such as the messages of alloc's own
`assert_failed` functions, which now only trap, and the locations passed through a local to a panic
(-0.42 KB gzip more). wasm-opt never moves data, and the code of the chosen order is checked to name
no zeroed address other than those the linker wrote into live code for what only panics read.
Last, the data segments become one (`data_in_one_segment`, -22 bytes gzip): the same memory, with the
zeros wasm-opt's memory packing had left out between them, which compress better than ten headers.

Given the JS glue files (of every target that shares the module), three things happen first:
- wasm-bindgen's start goes when all it does is fill its table of JS values (the module holds none:
  the binding passes only numbers): the glue no longer calls it, and wasm-opt drops the table and
  the import; the result is checked to have no such table left (`without_table_start`).
- Exports that none of them names are removed: wasm-bindgen 0.2.130 exports two statics of its abort
  machinery (`__abort_handler`, `__instance_terminated`) that only glue made with
  `--force-enable-abort-handler` reads (53 bytes gzip).
- The names between module and glue get short: imports (`__wbg_Error_208446807d0d1e30` -> `$4`) and
  the exports only the glue uses (`__wbindgen_malloc` -> `_0`), in the module and every glue file. The
  hashes wasm-bindgen appends to import names (sixteen random hex digits, in both places) compress
  badly: -0.37 KB gzip for the web target without them, and -0.23 KB more with short names.

At the end, the glue's functions for imports the optimized module no longer has are removed
(`without_unimported`: wasm-bindgen's `throw` helper, the table's filler).

Function order changes nothing a program can observe: calls and exports name functions by index,
and wasm-opt renumbers them. Needs only Python 3.11 (tomllib) and wasm-opt on PATH.
"""

import bisect
import re
import subprocess
import sys
import tempfile
import tomllib
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT_SECTION = 2
TABLE_SECTION = 4
EXTERNREF = 0x6F
GLOBAL_SECTION = 6
EXPORT_SECTION = 7
START_SECTION = 8
CODE_SECTION = 10
DATA_SECTION = 11
CUSTOM_SECTION = 0
FUNCTION_NAMES = 1


class WasmError(Exception):
    """The file is not a module this script can read."""


def read_leb(data: bytes, at: int, signed: bool = False) -> tuple[int, int]:
    """An LEB128 number at `at`, unsigned unless `signed`: (value, offset after it)."""
    value = shift = 0
    while True:
        if at >= len(data):
            raise WasmError("number runs past the end of the file")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return (value - (1 << shift) if signed and byte & 0x40 else value), at


def read_sleb(data: bytes, at: int) -> tuple[int, int]:
    """A signed LEB128 number at `at`: (value, offset after it)."""
    return read_leb(data, at, signed=True)


def leb(value: int) -> bytes:
    """`value` as unsigned LEB128."""
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def sections(module: bytes) -> list[tuple[int, int, int]]:
    """(id, start, end) of each section's contents."""
    if module[:8] != b"\0asm\1\0\0\0":
        raise WasmError("not a WebAssembly module (version 1)")
    out, at = [], 8
    while at < len(module):
        section_id = module[at]
        size, at = read_leb(module, at + 1)
        out.append((section_id, at, at + size))
        at += size
    return out


def function_bodies(module: bytes) -> list[bytes]:
    """The code section's bodies, in order (index = function index minus imported functions)."""
    if not any(section_id == CODE_SECTION for section_id, _, _ in sections(module)):
        raise WasmError("no code section")
    count, at = entry_count(module, CODE_SECTION)
    bodies = []
    for _ in range(count):
        size, at = read_leb(module, at)
        bodies.append(module[at : at + size])
        at += size
    return bodies


def name_section(module: bytes) -> tuple[int, int] | None:
    """(start, end) of the `name` section's subsections, if the module has one."""
    for section_id, start, end in sections(module):
        if section_id == CUSTOM_SECTION and is_name_section(module, start):
            length, at = read_leb(module, start)
            return at + length, end
    return None


def function_names(module: bytes) -> dict[int, bytes]:
    """Function index -> name, from the `name` section."""
    span = name_section(module)
    if span is None:
        raise WasmError("no name section (build with names, as wasm-bindgen leaves them)")
    at, end = span
    while at < end:
        sub_id = module[at]
        size, at = read_leb(module, at + 1)
        if sub_id == FUNCTION_NAMES:
            count, pos = read_leb(module, at)
            names = {}
            for _ in range(count):
                index, pos = read_leb(module, pos)
                length, pos = read_leb(module, pos)
                names[index] = module[pos : pos + length]
                pos += length
            return names
        at += size
    raise WasmError("the name section has no function names")


def is_name_section(module: bytes, start: int) -> bool:
    length, at = read_leb(module, start)
    return module[at : at + length] == b"name"


def rebuilt(module: bytes, rewrite) -> bytes:
    """The module with each section's contents replaced by `rewrite(section_id, start, end)`: new
    contents, or `None` to leave the section out."""
    out = bytearray(module[:8])
    for section_id, start, end in sections(module):
        contents = rewrite(section_id, start, end)
        if contents is not None:
            out += bytes([section_id]) + leb(len(contents)) + contents
    return bytes(out)


def renamed(module: bytes, rename) -> bytes:
    """The module with each function name replaced by `rename(name)` (`None`: without the name
    section); every other byte unchanged."""

    def rewrite(section_id: int, start: int, end: int) -> bytes | None:
        if section_id != CUSTOM_SECTION or not is_name_section(module, start):
            return module[start:end]
        if rename is None:
            return None
        length, at = read_leb(module, start)
        at += length
        rewritten = bytearray(module[start:at])
        while at < end:
            sub_id = module[at]
            size, at = read_leb(module, at + 1)
            sub = module[at : at + size]
            at += size
            if sub_id == FUNCTION_NAMES:
                count, pos = read_leb(sub, 0)
                names = bytearray(leb(count))
                for _ in range(count):
                    index, pos = read_leb(sub, pos)
                    length, pos = read_leb(sub, pos)
                    name = rename(sub[pos : pos + length])
                    pos += length
                    names += leb(index) + leb(len(name)) + name
                sub = bytes(names)
            rewritten += bytes([sub_id]) + leb(len(sub)) + sub
        return bytes(rewritten)

    return rebuilt(module, rewrite)


def entry_count(module: bytes, wanted: int) -> tuple[int, int]:
    """(number of entries, where the first starts) of section `wanted`; (0, 0) without one."""
    for section_id, start, _ in sections(module):
        if section_id == wanted:
            return read_leb(module, start)
    return 0, 0


def exports(module: bytes) -> list[tuple[str, bytes]]:
    """The export section's entries: (name, kind and index as encoded)."""
    count, at = entry_count(module, EXPORT_SECTION)
    entries = []
    for _ in range(count):
        length, at = read_leb(module, at)
        name = module[at : at + length].decode()
        description_start = at + length
        _, at = read_leb(module, description_start + 1)  # kind byte, then the index
        entries.append((name, module[description_start:at]))
    return entries


def with_exports(module: bytes, rename) -> bytes:
    """The module with each export renamed to `rename(name)`, or left out where that is `None`."""
    entries = [(rename(name), description) for name, description in exports(module)]
    kept = [leb(len(name.encode())) + name.encode() + description for name, description in entries if name is not None]
    return rebuilt(
        module,
        lambda section_id, start, end: leb(len(kept)) + b"".join(kept)
        if section_id == EXPORT_SECTION
        else module[start:end],
    )


def without_exports(module: bytes, unused) -> tuple[bytes, list[str]]:
    """The module without the exports for whose names `unused(name)` is true, and their names."""
    dropped = [name for name, _ in exports(module) if unused(name)]
    return with_exports(module, lambda name: None if name in dropped else name), dropped


def imports(module: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """The import section's entries: (module name, field name, kind and description as encoded)."""
    count, at = entry_count(module, IMPORT_SECTION)
    entries = []
    for _ in range(count):
        names = []
        for _ in range(2):  # module and field names
            length, at = read_leb(module, at)
            names.append(module[at : at + length])
            at += length
        description_start = at
        kind = module[at]
        at += 1
        if kind == 0:  # function: type index
            _, at = read_leb(module, at)
        elif kind in (1, 2):  # table: reftype and limits; memory: limits
            flags, at = read_leb(module, at + (kind == 1))
            _, at = read_leb(module, at)
            if flags & 1:
                _, at = read_leb(module, at)
        elif kind == 3:  # global: valtype, mutability
            at += 2
        else:
            raise WasmError(f"unknown import kind {kind}")
        entries.append((names[0], names[1], module[description_start:at]))
    return entries


def imported_function_count(module: bytes) -> int:
    """Imported functions come first in the function index space."""
    return sum(1 for _, _, description in imports(module) if description[0] == 0)


def with_import_fields(module: bytes, rename) -> bytes:
    """The module with each import's field name replaced by `rename(field)`."""
    entries = imports(module)
    contents = leb(len(entries)) + b"".join(
        leb(len(name)) + name + leb(len(rename(field))) + rename(field) + description
        for name, field, description in entries
    )
    return rebuilt(module, lambda section_id, start, end: contents if section_id == IMPORT_SECTION else module[start:end])


def shortened_interface(module: bytes, glue: list[str]) -> tuple[bytes, list[str], str]:
    """The module and its glue with short names between the two, and what was done, in words.

    Exports no glue names are removed. Every import gets a short name (`$0`, `$1`, ...), in the module
    and wherever the glue names it; so does every export whose name starts with `__` (`__wbindgen_malloc`
    -> `_0`, and the binding's `__call`), which only the glue uses: as `wasm.<name>`, and for the
    binding's, as the glue's function of the same name. `version` and `memory` keep their names. A name the glue does not use the expected way is
    an error, never a silently broken package.
    """
    module, dropped = without_exports(module, lambda name: all(name not in text for text in glue))

    def token(name: str, after: str = "") -> re.Pattern:
        return re.compile(after + r"(?<![\w$])" + re.escape(name) + r"(?![\w$])")

    def base36(number: int) -> str:
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"
        return digits[number] if number < 36 else base36(number // 36) + digits[number % 36]

    renames: list[tuple[re.Pattern, str, str]] = []  # (where the glue names it, old name, new name)
    for index, (_, field, _) in enumerate(imports(module)):
        renames.append((token(field.decode()), field.decode(), "$" + base36(index)))
    internal = [name for name, _ in exports(module) if name.startswith("__")]
    for index, name in enumerate(internal):
        # Read as `wasm.<name>`; the binding's wrapped exports are also functions of that name in
        # the glue (`function __call`), which take the short name too. As a property of anything
        # else (`exports.__call`) it is left, and refused below.
        renames.append((token(name, r"(?:(?<=\bwasm\.)|(?<![.\w$]))"), name, "_" + base36(index)))
    for _, old, new in renames:
        if any(token(new).search(text) for text in glue):
            raise WasmError(f"the glue already uses the short name {new}")
        if not any(token(old).search(text) for text in glue):
            raise WasmError(f"no glue file names {old}")
    new_name = {old: new for _, old, new in renames}
    module = with_import_fields(module, lambda field: new_name[field.decode()].encode())
    module = with_exports(module, lambda name: new_name.get(name, name))
    for where, _, new in renames:
        glue = [where.sub(new, text) for text in glue]
    for _, old, _ in renames:
        if any(token(old).search(text) for text in glue):
            raise WasmError(f"the glue still names {old} in a way this script does not rewrite")
    summary = f"{len(renames)} import and export names shortened"
    if dropped:
        summary += f"; exports no glue names removed: {', '.join(dropped)}"
    return module, glue, summary


def without_table_start(module: bytes, glue: list[str]) -> tuple[bytes, list[str], bool]:
    """The module and glue without wasm-bindgen's start, when all it does is fill the table of JS
    values (`__wbindgen_externrefs`), which a module that holds no JS value never reads: the start
    export is then the imported `__wbindgen_init_externref_table` itself. Both exports go and the glue
    no longer calls the start; wasm-opt then removes the import and the table unless code uses the
    table (`externref_tables` checks the result). True when they went."""
    functions = [field for _, field, description in imports(module) if description[0] == 0]
    start = dict(export_targets(module)).get("__wbindgen_start")
    if b"__wbindgen_init_externref_table" not in functions or start != (0, functions.index(b"__wbindgen_init_externref_table")):
        return module, glue, False
    calls = re.compile(r"^[ \t]*wasm\.__wbindgen_start\(\);\n", re.M)
    glue = [calls.sub("", text) for text in glue]
    return with_exports(module, lambda n: None if n in ("__wbindgen_start", "__wbindgen_externrefs") else n), glue, True


def externref_tables(module: bytes) -> int:
    """How many of the module's own tables hold JS values (`externref`)."""
    count, at = entry_count(module, TABLE_SECTION)
    found = 0
    for _ in range(count):
        found += module[at] == EXTERNREF
        flags, at = read_leb(module, at + 1)
        _, at = read_leb(module, at)
        if flags & 1:
            _, at = read_leb(module, at)
    return found


def without_unimported(glue: list[str], module: bytes) -> tuple[list[str], list[str]]:
    """The glue without the functions it provides for imports (`$1: function(...) {...},`, as
    wasm-bindgen writes them, short names given) that the module no longer has: wasm-opt removed
    their callers. And their names."""
    imported = {field.decode() for _, field, _ in imports(module)}
    entry = re.compile(r"\n([ \t]*)(\$\w+): function\([^)]*\) \{\n.*?\n\1\},", re.S)
    gone: set[str] = set()

    def unless_imported(match: re.Match) -> str:
        if match[2] in imported:
            return match[0]
        gone.add(match[2])
        return ""

    return [entry.sub(unless_imported, text) for text in glue], sorted(gone)


# Rust's core and alloc functions that never return (`-> !` in their source): the panic entry points,
# the failed-index and failed-borrow reports, the allocation failure handlers. Matched on the whole
# demangled name, without the crate's `[hash]` and the symbol's `::h<hash>`; nothing of claimcheck's.
DIVERGING = [
    re.compile(pattern)
    for pattern in [
        r"core::panicking::.+",
        r"core::slice::index::slice_\w*_fail",
        r"core::slice::copy_from_slice_impl::len_mismatch_fail",
        r"core::str::slice_error_fail(_rt|_ct)?",
        r"core::cell::panic_already_(mutably_)?borrowed",
        r"core::option::(unwrap|expect)_failed",
        r"core::result::unwrap_failed",
        r"alloc::raw_vec::(handle_error|capacity_overflow)",
        r"alloc::alloc::handle_alloc_error(::(rt|ct)_error)?",
        r"__rustc::__rdl_alloc_error_handler",
    ]
]
UNREACHABLE_BODY = b"\x00\x00\x0b"  # no locals, `unreachable`, `end`


def plain_name(name: bytes) -> str:
    """A function's path without crate disambiguators (`core[1a2b]::`) and the legacy symbol hash
    (`::h0123456789abcdef`). Names as the linker writes them (mangled `_R…`, `_ZN…E`) are demangled
    when they are plain paths; anything else (generic, impl) comes back as written."""
    text = name.decode(errors="replace")
    if text.startswith(("_R", "_ZN")):
        return demangled_path(text) or text
    text = re.sub(r"\[[0-9a-f]+\]", "", text)
    return re.sub(r"::h[0-9a-f]{16}$", "", text)


def demangled_path(symbol: str) -> str | None:
    """`core::panicking::panic_fmt` from `_RNvNtCs…_4core9panicking9panic_fmt` (Rust's v0 mangling)
    or `_ZN4core9panicking9panic_fmt17h…E` (legacy); `None` unless the symbol is a plain path."""
    if symbol.startswith("_ZN") and symbol.endswith("E"):
        parts, at = [], 3
        while at < len(symbol) - 1:
            digits = re.match(r"\d+", symbol[at:])
            if not digits:
                return None
            at += len(digits.group())
            parts.append(symbol[at : at + int(digits.group())])
            at += int(digits.group())
        if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
            parts.pop()
        return "::".join(parts) if at == len(symbol) - 1 else None
    rest, depth = symbol[2:], 0
    while rest.startswith("N") and len(rest) > 1:
        depth, rest = depth + 1, rest[2:]  # "N" and the namespace
    if not rest.startswith("C"):
        return None
    rest, parts = rest[1:], []
    for _ in range(depth + 1):  # the crate, then one identifier per nesting
        identifier = re.match(r"(?:s[0-9a-zA-Z]*_)?(\d+)_?", rest)
        if not identifier:
            return None
        length, rest = int(identifier.group(1)), rest[identifier.end() :]
        parts.append(rest[:length])
        rest = rest[length:]
    return "::".join(parts) if not rest else None


def trapping_panics(module: bytes) -> tuple[bytes, list[str]]:
    """The module with the bodies of the functions in `DIVERGING` reduced to `unreachable`, and their
    names. They end in a trap already (the panic handler is `unreachable`); only the message
    formatting before it goes. Every other byte is unchanged."""
    names = function_names(module)
    imported = imported_function_count(module)
    bodies = function_bodies(module)
    changed = []
    for index, body in enumerate(bodies):
        name = plain_name(names.get(imported + index, b""))
        if any(pattern.fullmatch(name) for pattern in DIVERGING):
            bodies[index] = UNREACHABLE_BODY
            changed.append(name)
    code = leb(len(bodies)) + b"".join(leb(len(body)) + body for body in bodies)
    return rebuilt(module, lambda section_id, start, end: code if section_id == CODE_SECTION else module[start:end]), changed


def custom_name(module: bytes, start: int) -> bytes:
    length, at = read_leb(module, start)
    return module[at : at + length]


def without_link_metadata(module: bytes) -> bytes:
    """The module without the linker's `linking` and `reloc.*` sections (`--emit-relocs`). They
    describe the linker's output only, and wasm-opt would carry them along, stale."""

    def rewrite(section_id: int, start: int, end: int) -> bytes | None:
        if section_id == CUSTOM_SECTION:
            name = custom_name(module, start)
            if name == b"linking" or name.startswith(b"reloc."):
                return None
        return module[start:end]

    return rebuilt(module, rewrite)


def data_segments(module: bytes) -> list[tuple[int | None, int, int]]:
    """Each data segment: (memory address, or None for a passive one or an offset that is not a
    constant; where its bytes start in the file; how many there are)."""
    count, at = entry_count(module, DATA_SECTION)
    segments = []
    for _ in range(count):
        flags, at = read_leb(module, at)
        address = None
        if flags in (0, 2):
            if flags == 2:
                _, at = read_leb(module, at)  # memory index
            if module[at] == 0x41:  # i32.const N end
                value, after = read_sleb(module, at + 1)
                if module[after] == 0x0B:
                    address = value
            while module[at] != 0x0B:  # skip the offset expression
                at += 1
            at += 1
        elif flags != 1:
            raise WasmError(f"unknown data segment kind {flags}")
        size, at = read_leb(module, at)
        segments.append((address, at, size))
        at += size
    return segments


# Relocation types that carry an addend (tool-conventions, Linking.md).
ADDEND_RELOCATIONS = {3, 4, 5, 8, 9, 11, 14, 15, 16, 17, 21, 22, 23, 25}
FUNCTION_RELOCATIONS = {0, 1, 2, 12, 18, 19, 24, 26}  # calls and taken addresses (table indices)
MEMORY_RELOCATIONS = {3, 4, 5, 11, 14, 15, 16, 17, 23}
SYMBOL_TABLE = 8
FUNCTION_SYMBOL, DATA_SYMBOL = 0, 1
UNDEFINED, EXPLICIT_NAME = 0x10, 0x40


def link_symbols(module: bytes) -> list[tuple[int, object]]:
    """The `linking` section's symbol table: (kind, function index or (segment, offset, size) of a
    defined data symbol, else None) per symbol index."""
    for section_id, start, end in sections(module):
        if section_id == CUSTOM_SECTION and custom_name(module, start) == b"linking":
            length, at = read_leb(module, start)
            version, at = read_leb(module, at + length)
            if version != 2:
                raise WasmError(f"linking section version {version}, expected 2")
            while at < end:
                kind = module[at]
                size, at = read_leb(module, at + 1)
                if kind == SYMBOL_TABLE:
                    return read_symbol_table(module, at)
                at += size
    raise WasmError("the linked module has no symbol table (link with --emit-relocs)")


def read_symbol_table(module: bytes, at: int) -> list[tuple[int, object]]:
    count, at = read_leb(module, at)
    symbols: list[tuple[int, object]] = []
    for _ in range(count):
        kind = module[at]
        flags, at = read_leb(module, at + 1)
        if kind == DATA_SYMBOL:
            length, at = read_leb(module, at)
            at += length
            where = None
            if not flags & UNDEFINED:
                segment, at = read_leb(module, at)
                offset, at = read_leb(module, at)
                size, at = read_leb(module, at)
                where = (segment, offset, size)
            symbols.append((kind, where))
        elif kind == 3:  # section symbol
            index, at = read_leb(module, at)
            symbols.append((kind, None))
        elif kind in (0, 2, 4, 5):  # function, global, tag, table
            index, at = read_leb(module, at)
            if not flags & UNDEFINED or flags & EXPLICIT_NAME:
                length, at = read_leb(module, at)
                at += length
            symbols.append((kind, index))
        else:
            raise WasmError(f"unknown symbol kind {kind}")
    return symbols


def relocations(module: bytes, name: bytes) -> list[tuple[int, int, int, int]]:
    """The entries of the `name` relocation section: (type, offset in the section, symbol index,
    addend or 0)."""
    for section_id, start, _ in sections(module):
        if section_id == CUSTOM_SECTION and custom_name(module, start) == name:
            length, at = read_leb(module, start)
            _, at = read_leb(module, at + length)  # the section they apply to
            count, at = read_leb(module, at)
            entries = []
            for _ in range(count):
                kind = module[at]
                offset, at = read_leb(module, at + 1)
                index, at = read_leb(module, at)
                addend = 0
                if kind in ADDEND_RELOCATIONS:
                    addend, at = read_sleb(module, at)
                entries.append((kind, offset, index, addend))
            return entries
    raise WasmError(f"the linked module has no {name.decode()} section (link with --emit-relocs)")


def section_start(module: bytes, wanted: int) -> int:
    for section_id, start, _ in sections(module):
        if section_id == wanted:
            return start
    raise WasmError(f"no section {wanted}")


def data_objects(linked: bytes) -> dict[int, tuple[int, int]]:
    """The linker's data objects: symbol index -> address range."""
    segments = data_segments(linked)
    objects = {}
    for index, (kind, where) in enumerate(link_symbols(linked)):
        if kind == DATA_SYMBOL and where:
            segment, offset, size = where
            address = segments[segment][0]
            if address is None:
                raise WasmError("a data segment of the linked module has no constant address")
            objects[index] = (address + offset, address + offset + size)
    return objects


def data_pointers(linked: bytes, objects: dict[int, tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Every pointer in the data (`reloc.DATA`): (holding object, relocation kind, symbol named)."""
    segments = data_segments(linked)
    data_start = section_start(linked, DATA_SECTION)
    by_address = sorted((start, end, index) for index, (start, end) in objects.items())
    pointers = []
    for kind, offset, symbol, _ in relocations(linked, b"reloc.DATA"):
        file_offset = data_start + offset
        segment = next(((a, s, n) for a, s, n in segments if s <= file_offset < s + n), None)
        if segment is None or segment[0] is None:
            raise WasmError("a data relocation lies outside every data segment")
        address = segment[0] + file_offset - segment[1]
        holders = [i for start, end, i in by_address if start <= address < end]
        if not holders:
            raise WasmError(f"a pointer at {address} lies in no data object")
        pointers += [(holder, kind, symbol) for holder in holders]
    return pointers


def dead_data(linked: bytes) -> tuple[list[tuple[int, int]], list[int]]:
    """Address ranges of the linker's data objects that no live code or data refers to (merged), and
    the address constants live code has (an object's address plus the addend, which may lie past
    the object: a loop over a table may count up to its end).

    From the linker's symbols and relocations (`--emit-relocs`): every call, table index and data
    address in the code and every pointer in the data is a relocation naming its target. A function
    is live when the module exports it, or a live function or data object calls it or takes its
    address; the panic entry points (`DIVERGING`) refer to nothing, as their bodies are replaced, and
    an address passed straight into one of them is no reference either (`argument_of_a_panic`). A
    data object is live when a live function or data object names it; the relocation names the object
    itself, so an address computed as `object - 4` still keeps the right object. What remains is the
    panic messages and source locations that only the panic entry points read. wasm-opt only ever
    removes references, so the module it writes refers to no less than this."""
    symbols = link_symbols(linked)
    names = function_names(linked)
    imported = imported_function_count(linked)
    code_start = section_start(linked, CODE_SECTION)
    objects = data_objects(linked)
    diverging = {
        index
        for index, name in names.items()
        if any(pattern.fullmatch(plain_name(name)) for pattern in DIVERGING)
    }
    # The code section's bodies, as offsets in the section, to place each code relocation.
    count, at = entry_count(linked, CODE_SECTION)
    bodies = []
    for index in range(count):
        size, body = read_leb(linked, at)
        bodies.append((body - code_start, body - code_start + size, imported + index))
        at = body + size
    edges: dict[tuple[str, int], set[tuple[str, int]]] = {}

    def refers(source: tuple[str, int], kind: int, symbol: int) -> None:
        target_kind, target = symbols[symbol]
        if kind in FUNCTION_RELOCATIONS and target_kind == FUNCTION_SYMBOL:
            edges.setdefault(source, set()).add(("function", target))
        elif kind in MEMORY_RELOCATIONS and symbol in objects:
            edges.setdefault(source, set()).add(("data", symbol))

    starts = [start for start, _, _ in bodies]
    code_relocations = relocations(linked, b"reloc.CODE")
    calls = {offset: symbols[symbol][1] for kind, offset, symbol, _ in code_relocations if kind == 0}
    # What each function's code names: address constants as the linker wrote them (object + addend).
    constants: dict[int, list[int]] = {}

    def argument_of_a_panic(offset: int) -> bool:
        """True for an `i32.const ADDRESS` right before `call` of a diverging function: the address
        is that call's last argument (the caller's source location, for Rust's #[track_caller]),
        which the function, now `unreachable`, never reads. The linker writes both immediates as
        five-byte LEB128 numbers."""
        at = code_start + offset
        padded = all(b & 0x80 for b in linked[at : at + 4]) and not linked[at + 4] & 0x80
        return (
            padded
            and linked[at - 1] == 0x41  # i32.const
            and linked[at + 5] == 0x10  # call
            and calls.get(offset + 6) in diverging
        )

    for kind, offset, symbol, addend in code_relocations:
        place = bisect.bisect_right(starts, offset) - 1
        if place < 0 or offset >= bodies[place][1]:
            raise WasmError("a code relocation lies outside every function")
        if bodies[place][2] in diverging or (kind in MEMORY_RELOCATIONS and argument_of_a_panic(offset)):
            continue
        refers(("function", bodies[place][2]), kind, symbol)
        if kind in MEMORY_RELOCATIONS and symbol in objects:
            constants.setdefault(bodies[place][2], []).append(objects[symbol][0] + addend)
    for holder, kind, symbol in data_pointers(linked, objects):
        refers(("data", holder), kind, symbol)
    roots = [("function", index) for name, (kind, index) in export_targets(linked) if kind == 0]
    roots += [("function", index) for index in start_function(linked)]
    live, queue = set(roots), list(roots)
    while queue:
        for target in edges.get(queue.pop(), ()):
            if target not in live:
                live.add(target)
                queue.append(target)
    # Addresses a global starts with (the stack pointer, linker-made bounds) keep what they point into.
    pinned = global_constants(linked)
    kept = [objects[i] for i in objects if ("data", i) in live]
    kept += [(start, end) for start, end in objects.values() if any(start <= a < end for a in pinned)]
    dead = [objects[i] for i in objects if ("data", i) not in live]
    named = sorted({value for function, values in constants.items() if ("function", function) in live for value in values})
    return subtract(merged(dead), merged(kept)), named


def merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[0] < r[1]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def subtract(ranges: list[tuple[int, int]], minus: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`ranges` without any address in `minus` (both sorted and merged)."""
    out = []
    for start, end in ranges:
        for cut_start, cut_end in minus:
            if cut_end <= start or cut_start >= end:
                continue
            if cut_start > start:
                out.append((start, cut_start))
            start = max(start, cut_end)
        if start < end:
            out.append((start, end))
    return out


def export_targets(module: bytes) -> list[tuple[str, tuple[int, int]]]:
    """(name, (kind, index)) of each export."""
    out = []
    for name, description in exports(module):
        index, _ = read_leb(description, 1)
        out.append((name, (description[0], index)))
    return out


def start_function(module: bytes) -> list[int]:
    for section_id, start, _ in sections(module):
        if section_id == START_SECTION:
            return [read_leb(module, start)[0]]
    return []


def global_constants(module: bytes) -> list[int]:
    """The `i32.const` values globals start with."""
    count, at = entry_count(module, GLOBAL_SECTION)
    values = []
    for _ in range(count):
        at += 2  # value type, mutability
        if module[at] == 0x41:
            value, at = read_sleb(module, at + 1)
            values.append(value)
        while module[at] != 0x0B:
            at += 1
        at += 1
    return values


def with_zeroed_data(module: bytes, dead: list[tuple[int, int]]) -> tuple[bytes, int]:
    """The module with the bytes at the `dead` addresses set to zero (in active segments with a
    constant address), and how many bytes that changed."""
    out = bytearray(module)
    changed = 0
    for address, start, size in data_segments(module):
        if address is None:
            continue
        for dead_start, dead_end in dead:
            low, high = max(dead_start, address), min(dead_end, address + size)
            if low < high:
                at = start + low - address
                changed += sum(1 for b in out[at : at + high - low] if b)
                out[at : at + high - low] = bytes(high - low)
    return bytes(out), changed


DATA_COUNT_SECTION = 12


def signed_leb(value: int) -> bytes:
    """`value` as signed LEB128."""
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        done = (value == 0 and not low & 0x40) or (value == -1 and low & 0x40)
        out.append(low | (0 if done else 0x80))
        if done:
            return bytes(out)


def data_in_one_segment(module: bytes) -> bytes:
    """The module with its data in one active segment, the gaps between its segments filled with
    zeros. Memory starts zeroed and is written by the segments before any code runs, so the module
    is the same. wasm-opt's memory packing splits the data at runs of zeros, which saves raw bytes,
    but each segment's header compresses worse than the zeros it leaves out (one segment instead of
    ten: -22 bytes gzip for the package, measured 2026-11-30). Left as it is unless every segment
    is active (kind 0), at a constant address, in ascending order without overlap."""
    count, at = entry_count(module, DATA_SECTION)
    if count < 2:
        return module
    spans = []
    for address, start, size in data_segments(module):
        if address is None or module[at] != 0 or (spans and address < spans[-1][0] + len(spans[-1][1])):
            return module
        spans.append((address, module[start : start + size]))
        at = start + size
    first = spans[0][0]
    joined = bytearray()
    for address, data in spans:
        joined += bytes(address - first - len(joined)) + data
    segment = leb(1) + b"\x00\x41" + signed_leb(first) + b"\x0b" + leb(len(joined)) + bytes(joined)

    def rewrite(section_id: int, start: int, end: int) -> bytes:
        if section_id == DATA_SECTION:
            return segment
        if section_id == DATA_COUNT_SECTION:
            return leb(1)
        return module[start:end]

    return rebuilt(module, rewrite)


def code_numbers(module: Path) -> list[int]:
    """Every i32 constant (as an unsigned number) and load/store offset of the module's code and
    globals, sorted (through wasm-dis; the data segments' own offsets left out)."""
    try:
        text = subprocess.run(["wasm-dis", str(module)], capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        raise WasmError("wasm-dis (binaryen, installed by scripts/setup.sh into .tools) is not on PATH") from None
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("(data "))
    numbers = {int(n) & 0xFFFFFFFF for n in re.findall(r"\(i32\.const (-?\d+)\)", code)}
    numbers |= {int(n) for n in re.findall(r"\boffset=(\d+)", code)}
    return sorted(numbers)


def named_addresses(numbers: list[int], dead: list[tuple[int, int]], expected: set[int]) -> list[int]:
    """The `numbers` of the optimized code (`code_numbers`) that fall in a `dead` range, other than
    the `expected` ones (live code's address constants as the linker wrote them): a second look at
    the result. A hit means wasm-opt kept or computed an address the analysis did not foresee, so
    `main` then leaves the data as it is."""
    starts = [start for start, _ in dead]
    hits = []
    for number in numbers:
        place = bisect.bisect_right(starts, number) - 1
        if place >= 0 and number < dead[place][1] and number not in expected:
            hits.append(number)
    return hits


def data_unnamed_by_code(linked: bytes, numbers: list[int]) -> list[tuple[int, int]]:
    """Address ranges (merged) of the linker's data objects that the optimized code never names and
    no such object points to: what wasm-opt left unread when it removed the code that read it (a
    bounds-check message whose only reader now traps, a table whose users it folded away).

    An object is named when one of the optimized code's `numbers` (`code_numbers`: constants and
    load/store offsets) lies in it or at its end (a loop may count up to there), or equals an
    address the linker wrote for it (object + addend, which may lie outside it); an object named
    by no number, and not pointed to by a named object (the linker's data relocations, followed
    through), cannot be read: the code has no other way to come by an address of static data, as
    every one the compiler computes starts from its object's own address. Addresses a global starts
    with keep their objects too."""
    objects = data_objects(linked)
    written: dict[int, set[int]] = {}
    for kind, _, symbol, addend in relocations(linked, b"reloc.CODE"):
        if kind in MEMORY_RELOCATIONS and symbol in objects:
            written.setdefault(symbol, set()).add(objects[symbol][0] + (addend or 0))
    present = set(numbers)
    pinned = global_constants(linked)

    def named(symbol: int) -> bool:
        start, end = objects[symbol]
        place = bisect.bisect_left(numbers, start)
        return (
            (place < len(numbers) and numbers[place] <= end)
            or not present.isdisjoint(written.get(symbol, ()))
            or any(start <= a < end for a in pinned)
        )

    pointers: dict[int, set[int]] = {}
    for holder, kind, symbol in data_pointers(linked, objects):
        if kind in MEMORY_RELOCATIONS and symbol in objects:
            pointers.setdefault(holder, set()).add(symbol)
    live = {symbol for symbol in objects if named(symbol)}
    queue = list(live)
    while queue:
        for target in pointers.get(queue.pop(), ()):
            if target not in live:
                live.add(target)
                queue.append(target)
    kept = merged([objects[i] for i in live])
    return subtract(merged([objects[i] for i in objects if i not in live]), kept)


def deflated_size(compressor) -> int:
    """Bytes the compressor emits for what it was given since its last flush."""
    return len(compressor.flush(zlib.Z_SYNC_FLUSH))


# How the greedy order scores a function placed next: `alone` is its deflated size on its own, `cost`
# its deflated size after those placed, `size` its raw size. Which one orders best differs from build
# to build by 0.1-0.2 KB (measured 2026-11-29), so the module is built with each and the smallest kept.
GREEDY_SCORES = {
    "bytes saved": lambda alone, cost, size: alone - cost,
    "share saved": lambda alone, cost, size: (alone - cost) / max(alone, 1),
    "cost per byte": lambda alone, cost, size: -cost / max(size, 1),
}


def gzip_order(bodies: list[bytes], score=GREEDY_SCORES["bytes saved"]) -> list[int]:
    """Greedy order: the largest function first, then always the one that scores best after those
    placed. Quadratic in the number of functions (each step tries every one left): 1.7 s for the 475
    of the 2026-11-29 build."""
    alone = []
    for body in bodies:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        alone.append(len(compressor.compress(body)) + deflated_size(compressor))
    left = set(range(len(bodies)))
    order: list[int] = []
    placed = zlib.compressobj(9, zlib.DEFLATED, -15)

    def place(index: int) -> None:
        order.append(index)
        left.remove(index)
        placed.compress(bodies[index])
        placed.flush(zlib.Z_SYNC_FLUSH)

    place(max(left, key=lambda i: (len(bodies[i]), -i)))
    while left:
        best_score, best = None, -1
        for index in sorted(left):
            trial = placed.copy()
            cost = len(trial.compress(bodies[index])) + deflated_size(trial)
            value = score(alone[index], cost, len(bodies[index]))
            if best_score is None or value > best_score:
                best_score, best = value, index
        place(best)
    return order


UNREACHABLE_BODY = b"\x00\x00\x0b"  # no locals; unreachable; end


def gzip_costs(module: bytes) -> list[tuple[int, int, str]]:
    """(gzip bytes, raw bytes, name) of each function, most costly first: how much smaller the module
    compresses (zlib level 9, as gzip -9 without its header) with only that function's body replaced
    by `unreachable`. gzip finds repeats across functions, so this is what the function's own code
    costs, not its share of the total; custom sections (the names) are left out of the measure."""
    names = function_names(module)
    imported = imported_function_count(module)
    bodies = function_bodies(module)

    def measured(replaced: int | None) -> int:
        def rewrite(section_id: int, start: int, end: int) -> bytes | None:
            if section_id == CUSTOM_SECTION:
                return None
            if section_id != CODE_SECTION:
                return module[start:end]
            parts = [UNREACHABLE_BODY if i == replaced else body for i, body in enumerate(bodies)]
            return leb(len(parts)) + b"".join(leb(len(body)) + body for body in parts)

        return len(zlib.compress(rebuilt(module, rewrite), 9))

    whole = measured(None)
    costs = [(whole - measured(i), len(body), plain_name(names.get(imported + i, b"?"))) for i, body in enumerate(bodies)]
    return sorted(costs, key=lambda cost: (-cost[0], -cost[1], cost[2]))


def wasm_opt_flags() -> list[str]:
    with open(ROOT / "Cargo.toml", "rb") as file:
        metadata = tomllib.load(file).get("package", {}).get("metadata", {})
    flags = metadata.get("claimcheck", {}).get("wasm-opt")
    if not isinstance(flags, list) or not flags or not all(isinstance(flag, str) for flag in flags):
        raise WasmError("Cargo.toml: [package.metadata.claimcheck] wasm-opt must be a list of flags")
    return flags


def gzip_size(path: Path, named: bool = True) -> int:
    """`gzip -9c FILE`, as scripts/size-report.sh measures (the header holds the file's name), or
    without the name (`-n`), to compare files of different names."""
    return len(subprocess.run(["gzip", "-9c" + ("" if named else "n"), str(path)], capture_output=True, check=True).stdout)


def main() -> int:
    if sys.argv[1:2] == ["--prepare-only"] and len(sys.argv) == 4:
        # For scripts/size-report.sh's build with names: the input wasm-opt gets, without the
        # linker's sections (wasm-opt would carry them along) and with the panics trapping at once.
        Path(sys.argv[3]).write_bytes(trapping_panics(without_link_metadata(Path(sys.argv[2]).read_bytes()))[0])
        return 0
    if sys.argv[1:2] == ["--gzip-cost"] and len(sys.argv) == 4 and sys.argv[2].isdigit():
        print("| function | raw bytes | gzip bytes |")
        print("|---|---:|---:|")
        for cost, raw, name in gzip_costs(Path(sys.argv[3]).read_bytes())[: int(sys.argv[2])]:
            print(f"| `{name}` | {raw:,} | {cost:,} |")
        return 0
    arguments = [a for a in sys.argv[1:] if not a.startswith("--linked=")]
    linked_files = [Path(a.removeprefix("--linked=")) for a in sys.argv[1:] if a.startswith("--linked=")]
    if len(arguments) < 2 or len(linked_files) > 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source, target = Path(arguments[0]), Path(arguments[1])
    glue_files = [Path(file) for file in arguments[2:]]
    flags = wasm_opt_flags()
    with tempfile.TemporaryDirectory() as scratch:
        first = Path(scratch) / "first.wasm"
        ordered = Path(scratch) / "ordered-input.wasm"
        glue: list[str] = []
        started = False  # wasm-bindgen's start removed (`without_table_start`)
        module = without_link_metadata(source.read_bytes())
        if glue_files:
            module, glue, started = without_table_start(module, [f.read_text() for f in glue_files])
            module, glue, summary = shortened_interface(module, glue)
            print(f"optimize-wasm: {summary}" + ("; wasm-bindgen's start (its JS value table) removed" * started))
        module, trapping = trapping_panics(module)
        print(f"optimize-wasm: {len(trapping)} panic entry points trap at once")
        source = Path(scratch) / "input.wasm"
        source.write_bytes(module)
        subprocess.run(["wasm-opt", *flags, "-g", str(source), "-o", str(first)], check=True)
        optimized = first.read_bytes()
        names = function_names(optimized)
        imported = imported_function_count(optimized)
        bodies = function_bodies(optimized)
        # The first run's code is the same with or without -g: without its names, it is the module
        # in the linker's order, the one to beat (named like the target, so that its gzip size is
        # measured as the target's will be).
        (Path(scratch) / "result").mkdir()
        result = Path(scratch) / "result" / target.name
        result.write_bytes(renamed(optimized, None))
        before = gzip_size(result)
        # The data only panics read, zeroed in every candidate before it is measured: how much that
        # saves depends on the function order (by up to 0.4 KB, measured 2026-11-29).
        dead: list[tuple[int, int]] = []
        panics_only: list[tuple[int, int]] = []
        unread: list[tuple[int, int]] = []
        expected: set[int] = set()
        if linked_files:
            linked = linked_files[0].read_bytes()
            panics_only, linked_constants = dead_data(linked)
            expected = set(linked_constants)
            numbers = code_numbers(result)  # every order has the same code (checked at the end)
            hits = named_addresses(numbers, panics_only, expected)
            if hits:
                print(f"optimize-wasm: warning: the code names {len(hits)} addresses found unused "
                      f"(first {hits[0]}); the data is left as it is", file=sys.stderr)
            else:
                # What the linker's view leaves live but the optimized code no longer reads.
                unread = subtract(data_unnamed_by_code(linked, numbers), panics_only)
                dead = merged(panics_only + unread)

        def finished(path: Path) -> int:
            module, changed = with_zeroed_data(path.read_bytes(), dead)
            path.write_bytes(data_in_one_segment(module))
            return changed

        changed = finished(result)
        after, chosen = gzip_size(result, named=False), "the linker's order"
        for label, score in GREEDY_SCORES.items():
            order = gzip_order(bodies, score)
            # Input functions that the first run inlined or removed sort last (prefix "z"); the few
            # it creates itself have no name there and are placed by wasm-opt.
            place = {names[imported + i]: rank for rank, i in enumerate(order) if imported + i in names}
            ordered.write_bytes(
                renamed(source.read_bytes(), lambda name: b"%05d" % place[name] + name if name in place else b"z" + name)
            )
            candidate = Path(scratch) / "candidate.wasm"
            subprocess.run(
                ["wasm-opt", *flags, "--reorder-functions-by-name", str(ordered), "-o", str(candidate)], check=True
            )
            finished(candidate)
            candidate_size = gzip_size(candidate, named=False)
            if candidate_size < after:
                result.write_bytes(candidate.read_bytes())
                after, chosen = candidate_size, f"the greedy order by {label}"
        if dead:
            # The chosen order's own code, checked like the first: nothing named in what was zeroed.
            numbers = code_numbers(result)
            hits = named_addresses(numbers, unread, set()) + named_addresses(numbers, panics_only, expected)
            if hits:
                raise WasmError(f"the code in {chosen} names {len(hits)} zeroed addresses (first {hits[0]})")
        print(f"optimize-wasm: functions in {chosen}" + (f"; {changed} bytes of data no live code reads set to zero" if dead else ""))
        if started and externref_tables(result.read_bytes()):
            raise WasmError("the module uses its table of JS values: wasm-bindgen's start must fill it")
        glue, gone = without_unimported(glue, result.read_bytes())
        if gone:
            print(f"optimize-wasm: the glue's functions for imports the module no longer has removed: {', '.join(gone)}")
        target.write_bytes(result.read_bytes())
        after = gzip_size(target)
    # The glue only once its module is written: a failed run leaves the two as they were, together.
    for file, text in zip(glue_files, glue):
        file.write_text(text)
    print(f"optimize-wasm: {target} {after} bytes gzip -9 ({before} in the linker's function order, before zeroing)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (WasmError, OSError, tomllib.TOMLDecodeError, subprocess.CalledProcessError) as error:
        print(f"optimize-wasm: {error}", file=sys.stderr)
        sys.exit(1)
