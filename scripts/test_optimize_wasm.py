"""Tests of scripts/optimize-wasm.py's module reading and writing, on a module assembled here.

    python3 -m unittest discover -s scripts -p 'test_*.py'

wasm-dis (binaryen, installed by scripts/setup.sh into .tools) must be on PATH.
"""

import hashlib
import importlib.util
import tempfile
import unittest
import zlib
from pathlib import Path

spec = importlib.util.spec_from_file_location("optimize_wasm", Path(__file__).with_name("optimize-wasm.py"))
optimize_wasm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(optimize_wasm)
leb, read_leb = optimize_wasm.leb, optimize_wasm.read_leb


def section(section_id: int, contents: bytes) -> bytes:
    return bytes([section_id]) + leb(len(contents)) + contents


def text(value: bytes) -> bytes:
    return leb(len(value)) + value


def module(names: list[bytes], with_names: bool = True, imported: bytes = b"f") -> bytes:
    """One imported function, one memory import, two defined functions of type () -> () exported as
    "first" and "second"."""
    types = section(1, leb(1) + b"\x60\x00\x00")
    imports = section(2, leb(2) + text(b"env") + text(imported) + b"\x00\x00" + text(b"env") + text(b"m") + b"\x02\x00\x01")
    functions = section(3, leb(2) + b"\x00\x00")
    bodies = [b"\x00\x10\x00\x0b", b"\x00\x01\x01\x0b"]  # call 0; nop nop
    code = section(10, leb(2) + b"".join(leb(len(b)) + b for b in bodies))
    exports = section(7, leb(2) + text(b"first") + b"\x00\x01" + text(b"second") + b"\x00\x02")
    out = b"\0asm\1\0\0\0" + types + imports + functions + exports + code
    if with_names:
        entries = leb(len(names)) + b"".join(leb(i) + text(n) for i, n in enumerate(names))
        module_name = bytes([0]) + leb(len(text(b"m"))) + text(b"m")
        out += section(0, text(b"name") + module_name + bytes([1]) + leb(len(entries)) + entries)
    return out


class Leb(unittest.TestCase):
    def test_round_trip(self):
        for value in [0, 1, 127, 128, 300, 16383, 16384, 2**32 - 1]:
            encoded = leb(value)
            self.assertEqual(read_leb(encoded + b"\xff", 0), (value, len(encoded)))

    def test_signed_numbers(self):
        read_sleb = optimize_wasm.read_sleb
        for encoded, value in [(b"\x00", 0), (b"\x3f", 63), (b"\x40", -64), (b"\x7f", -1), (b"\x80\x08", 1024), (b"\x80\x7f", -128)]:
            self.assertEqual(read_sleb(encoded, 0), (value, len(encoded)), encoded)

    def test_truncated_number_is_an_error(self):
        with self.assertRaises(optimize_wasm.WasmError):
            read_leb(b"\x80\x80", 0)


class Module(unittest.TestCase):
    def setUp(self):
        self.module = module([b"imported", b"first", b"second"])

    def test_reads_bodies_names_and_imports(self):
        self.assertEqual(optimize_wasm.function_bodies(self.module), [b"\x00\x10\x00\x0b", b"\x00\x01\x01\x0b"])
        self.assertEqual(optimize_wasm.function_names(self.module), {0: b"imported", 1: b"first", 2: b"second"})
        self.assertEqual(optimize_wasm.imported_function_count(self.module), 1)

    def test_renaming_changes_only_the_names(self):
        self.assertEqual(optimize_wasm.renamed(self.module, lambda name: name), self.module)
        renamed = optimize_wasm.renamed(self.module, lambda name: b"00001" + name)
        self.assertEqual(
            optimize_wasm.function_names(renamed), {0: b"00001imported", 1: b"00001first", 2: b"00001second"}
        )
        self.assertEqual(optimize_wasm.function_bodies(renamed), optimize_wasm.function_bodies(self.module))
        self.assertEqual(optimize_wasm.renamed(self.module, None), module([], with_names=False))

    def test_drops_only_the_exports_asked_for(self):
        module, dropped = optimize_wasm.without_exports(self.module, lambda name: name == "second")
        self.assertEqual(dropped, ["second"])
        self.assertEqual(len(module), len(self.module) - len(text(b"second")) - 2)
        self.assertEqual([name for name, _ in optimize_wasm.exports(module)], ["first"])
        self.assertEqual(optimize_wasm.function_bodies(module), optimize_wasm.function_bodies(self.module))
        self.assertEqual(optimize_wasm.without_exports(self.module, lambda name: False), (self.module, []))

    def test_a_module_without_names_is_an_error(self):
        with self.assertRaises(optimize_wasm.WasmError):
            optimize_wasm.function_names(module([], with_names=False))

    def test_not_a_module_is_an_error(self):
        with self.assertRaises(optimize_wasm.WasmError):
            optimize_wasm.sections(b"\0asm\2\0\0\0")


class TrappingPanics(unittest.TestCase):
    def test_only_rusts_diverging_functions_trap_at_once(self):
        names = [b"imported", b"core[1a2b3c]::panicking::panic_bounds_check", b"claimcheck::panicking::report::h0123456789abcdef"]
        trapping, changed = optimize_wasm.trapping_panics(module(names))
        self.assertEqual(changed, ["core::panicking::panic_bounds_check"])
        self.assertEqual(optimize_wasm.function_bodies(trapping), [b"\x00\x00\x0b", b"\x00\x01\x01\x0b"])
        self.assertEqual(optimize_wasm.function_names(trapping), optimize_wasm.function_names(module(names)))
        untouched = module([b"imported", b"first", b"<core::panicking::AssertKind as core::fmt::Debug>::fmt"])
        self.assertEqual(optimize_wasm.trapping_panics(untouched), (untouched, []))

    def test_names_are_compared_without_hashes(self):
        plain = optimize_wasm.plain_name
        self.assertEqual(plain(b"alloc[3ca501edff3f0c7c]::raw_vec::handle_error"), "alloc::raw_vec::handle_error")
        self.assertEqual(plain(b"core::option::unwrap_failed::h0123456789abcdef"), "core::option::unwrap_failed")
        self.assertEqual(plain(b"__rustc[b7974e8690430dd9]::__rdl_alloc_error_handler"), "__rustc::__rdl_alloc_error_handler")
        for name in ["core::slice::index::slice_index_fail", "alloc::alloc::handle_alloc_error::rt_error"]:
            self.assertTrue(any(p.fullmatch(name) for p in optimize_wasm.DIVERGING), name)
        for name in ["core::slice::index::get", "alloc::raw_vec::finish_grow", "claimcheck::validate::fail"]:
            self.assertFalse(any(p.fullmatch(name) for p in optimize_wasm.DIVERGING), name)


def padded(value: int) -> bytes:
    """A 5-byte LEB128 (as the linker writes relocatable immediates); positive values only."""
    return bytes([(value >> (7 * i)) & 0x7F | (0x80 if i < 4 else 0) for i in range(5)])


def linked_module(d_addend: int = 0, alias: bool = False) -> bytes:
    """What the linker writes with --emit-relocs, in small: `run` (exported) reads object A and calls
    panic_fmt with the address of E as its argument (as a caller passes its source location);
    panic_fmt reads B; `unused` reads D (its relocation's addend `d_addend`, from -64 to 63) and
    nothing calls it; A holds a pointer to C. With `alias`, a symbol F names C's bytes too (as when
    the linker merges equal constants)."""
    types = section(1, leb(2) + b"\x60\x00\x00" + b"\x60\x01\x7f\x00")
    functions = section(3, leb(3) + b"\x00\x01\x00")
    memory = section(5, leb(1) + b"\x00\x01")
    exports = section(7, leb(1) + text(b"run") + b"\x00\x00")
    # i32.const A; drop; i32.const E; call 1
    run = b"\x00\x41" + padded(1024) + b"\x1a\x41" + padded(1044) + b"\x10" + padded(1) + b"\x0b"
    panic = b"\x00\x41" + padded(1028) + b"\x1a\x00\x0b"  # i32.const B; drop; unreachable
    unused = b"\x00\x41" + padded(1040) + b"\x1a\x0b"  # i32.const D; drop
    code = section(10, leb(3) + b"".join(leb(len(b)) + b for b in [run, panic, unused]))
    objects = (1036).to_bytes(4, "little") + b"BBBBBBBB" + b"CCCC" + b"DDDD" + b"EEEE"
    data = section(11, leb(1) + b"\x00\x41" + b"\x80\x08" + b"\x0b" + leb(len(objects)) + objects)
    names = [b"run", b"core[1a2b]::panicking::panic_fmt", b"unused"]
    entries = leb(len(names)) + b"".join(leb(i) + text(n) for i, n in enumerate(names))
    name = section(0, text(b"name") + bytes([1]) + leb(len(entries)) + entries)
    symbols = [b"\x00\x00" + leb(i) + text(n) for i, n in enumerate([b"run", b"panic", b"unused"])]
    layout = [(b"A", 0, 4), (b"B", 4, 8), (b"C", 12, 4), (b"D", 16, 4), (b"E", 20, 4)]  # symbols 3 to 7
    layout += [(b"F", 12, 4)] if alias else []
    symbols += [b"\x01\x00" + text(n) + leb(0) + leb(o) + leb(z) for n, o, z in layout]
    table = leb(len(symbols)) + b"".join(symbols)
    linking = section(0, text(b"linking") + leb(2) + bytes([8]) + leb(len(table)) + table)
    # Offsets in the code section's contents: count, size of `run`, then its bytes.
    at_run = 2
    at_panic = at_run + len(run) + 1
    at_unused = at_panic + len(panic) + 1
    code_relocations = [
        (4, at_run + 2, 3, 0),  # A
        (4, at_run + 9, 7, 0),  # E, the call's argument
        (0, at_run + 15, 1, None),  # call panic_fmt
        (4, at_panic + 2, 4, 0),  # B
        (4, at_unused + 2, 6, d_addend),  # D
    ]
    entries = b"".join(bytes([k]) + leb(o) + leb(sym) + (bytes([a & 0x7F]) if a is not None else b"") for k, o, sym, a in code_relocations)
    reloc_code = section(0, text(b"reloc.CODE") + leb(4) + leb(len(code_relocations)) + entries)
    # The pointer to C is A's first bytes: data contents start with count, kind, `i32.const 1024`, end, size.
    reloc_data = section(0, text(b"reloc.DATA") + leb(5) + leb(1) + bytes([5]) + leb(7) + leb(5) + b"\x00")
    return b"\0asm\1\0\0\0" + types + functions + memory + exports + code + data + name + linking + reloc_code + reloc_data


class DeadData(unittest.TestCase):
    def test_data_only_panics_and_unreachable_code_read_is_dead(self):
        # A (1024) is read by `run`, C (1036) through the pointer in A; B only by panic_fmt, D only by
        # `unused`, which nothing calls, E (1044) only as panic_fmt's argument.
        dead, named = optimize_wasm.dead_data(linked_module())
        self.assertEqual(dead, [(1028, 1036), (1040, 1048)])
        self.assertEqual(named, [1024], "the constants of live code")

    def test_zeroing_touches_only_the_dead_bytes(self):
        module = optimize_wasm.without_link_metadata(linked_module())
        zeroed, changed = optimize_wasm.with_zeroed_data(module, [(1028, 1036), (1040, 1048)])
        self.assertEqual(changed, 16)
        self.assertEqual(len(zeroed), len(module))
        self.assertIn((1036).to_bytes(4, "little") + bytes(8) + b"CCCC" + bytes(8), zeroed)

    def test_finds_constants_in_zeroed_ranges(self):
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "module.wasm"
            path.write_bytes(optimize_wasm.without_link_metadata(linked_module()))
            numbers = optimize_wasm.code_numbers(path)
        self.assertEqual(numbers, [1024, 1028, 1040, 1044], "the constants; not the data segment's offset")
        self.assertEqual(optimize_wasm.named_addresses(numbers, [(1028, 1036)], set()), [1028])
        self.assertEqual(optimize_wasm.named_addresses(numbers, [(1025, 1028), (1048, 2000)], set()), [])
        # A constant live code was linked with (an object's end, say) is expected.
        self.assertEqual(optimize_wasm.named_addresses(numbers, [(1028, 1036)], {1028}), [])

    def test_data_the_optimized_code_does_not_name_is_dead(self):
        # Objects: A 1024-1028 (points to C), B 1028-1036, C 1036-1040, D 1040-1044, E 1044-1048.
        unnamed = optimize_wasm.data_unnamed_by_code
        linked = linked_module()
        self.assertEqual(unnamed(linked, [1024]), [(1028, 1036), (1040, 1048)], "C is read through A")
        self.assertEqual(unnamed(linked, []), [(1024, 1048)])
        # A number at an object's end keeps it (a loop may count up to there), as one inside does.
        self.assertEqual(unnamed(linked, [1036]), [(1024, 1028), (1040, 1048)])
        self.assertEqual(unnamed(linked, [1030, 1047]), [(1024, 1028), (1036, 1044)])
        # Numbers outside every object name nothing.
        self.assertEqual(unnamed(linked, [0, 1023, 1049, 70000]), [(1024, 1048)])

    def test_bytes_of_a_named_object_stay_when_another_symbol_names_them_too(self):
        # C is read through A; F, the same bytes under another name, is named by nothing.
        self.assertEqual(optimize_wasm.data_unnamed_by_code(linked_module(alias=True), [1024]), [(1028, 1036), (1040, 1048)])

    def test_an_address_the_linker_wrote_names_its_object_even_outside_it(self):
        # The linker wrote D's address as D - 4 (say, a loop counting from before it): that number
        # lies in C and at B's end, and it is D's address too, so it keeps B, C and D.
        moved = linked_module(d_addend=-4)
        self.assertIn((4, 37, 6, -4), optimize_wasm.relocations(moved, b"reloc.CODE"))
        self.assertEqual(optimize_wasm.data_unnamed_by_code(moved, [1036]), [(1024, 1028), (1044, 1048)])
        self.assertEqual(optimize_wasm.data_unnamed_by_code(linked_module(), [1036]), [(1024, 1028), (1040, 1048)])

    def test_link_metadata_is_removed_and_required(self):
        module = optimize_wasm.without_link_metadata(linked_module())
        self.assertNotIn(b"reloc.CODE", module)
        self.assertNotIn(b"linking", module)
        self.assertEqual(optimize_wasm.function_bodies(module), optimize_wasm.function_bodies(linked_module()))
        with self.assertRaises(optimize_wasm.WasmError):
            optimize_wasm.dead_data(module)

    def test_mangled_names_are_read_as_paths(self):
        plain = optimize_wasm.plain_name
        self.assertEqual(plain(b"_RNvNtCsgXGp5Oqx2Ny_4core9panicking18panic_bounds_check"), "core::panicking::panic_bounds_check")
        self.assertEqual(plain(b"_RNvCsfLfy6EI15iL_7___rustc25___rdl_alloc_error_handler"), "__rustc::__rdl_alloc_error_handler")
        self.assertEqual(plain(b"_ZN4core6option13unwrap_failed17h0123456789abcdefE"), "core::option::unwrap_failed")
        generic = b"_RNvMNtCs5cOc02OMXlo_5alloc6stringNtB2_6String4push"
        self.assertEqual(plain(generic), generic.decode())


def data_module(segments: list[tuple[int, bytes]], kind: int = 0, data_count: bool = True) -> bytes:
    """One memory of one page and the active `segments` (address, bytes) of `kind`, with a data count."""
    memory = section(5, leb(1) + b"\x00\x01")
    counted = section(12, leb(len(segments))) if data_count else b""
    memory_index = b"\x00" if kind == 2 else b""
    entries = b"".join(leb(kind) + memory_index + b"\x41" + optimize_wasm.signed_leb(a) + b"\x0b" + text(d) for a, d in segments)
    return b"\0asm\1\0\0\0" + memory + counted + section(11, leb(len(segments)) + entries)


def memory_image(module: bytes) -> bytes:
    """The module's first memory page as its active segments write it."""
    image = bytearray(65536)
    for address, start, size in optimize_wasm.data_segments(module):
        image[address : address + size] = module[start : start + size]
    return bytes(image)


class OneSegment(unittest.TestCase):
    def test_signed_leb_round_trips(self):
        for value in [0, 1, 63, 64, -1, -64, -65, 1024, 131072, 165304, 2**31 - 1, -(2**31)]:
            encoded = optimize_wasm.signed_leb(value)
            self.assertEqual(optimize_wasm.read_sleb(encoded, 0), (value, len(encoded)), value)

    def test_segments_are_joined_with_zeros_between(self):
        before = data_module([(1024, b"abc"), (1030, b"\x01"), (2000, b"xyz\x00q")])
        after = optimize_wasm.data_in_one_segment(before)
        self.assertEqual(optimize_wasm.data_segments(after), [(1024, after.index(b"abc"), 981)])
        self.assertEqual(memory_image(after), memory_image(before))
        self.assertEqual(optimize_wasm.entry_count(after, 12)[0], 1, "the data count says one segment")
        self.assertEqual(optimize_wasm.entry_count(optimize_wasm.data_in_one_segment(data_module([(8, b"a"), (9, b"b")], data_count=False)), 11)[0], 1)

    def test_other_layouts_are_left_as_they_are(self):
        for unchanged in [
            data_module([(1024, b"abc")]),  # one segment already
            data_module([(2000, b"abc"), (1024, b"d")]),  # not in ascending order
            data_module([(1024, b"abcd"), (1026, b"e")]),  # overlapping
            data_module([(1024, b"a"), (1030, b"b")], kind=2),  # with a memory index
        ]:
            self.assertEqual(optimize_wasm.data_in_one_segment(unchanged), unchanged)


def glue_module(import_fields: list[bytes], exports: list[bytes]) -> bytes:
    """Functions imported from "./glue.js" under `import_fields`, one defined function exported under
    each of `exports`."""
    types = section(1, leb(1) + b"\x60\x00\x00")
    imports = section(2, leb(len(import_fields)) + b"".join(text(b"./glue.js") + text(f) + b"\x00\x00" for f in import_fields))
    functions = section(3, leb(1) + b"\x00")
    first = len(import_fields)
    exported = section(7, leb(len(exports)) + b"".join(text(name) + b"\x00" + leb(first) for name in exports))
    code = section(10, leb(1) + leb(2) + b"\x00\x0b")
    return b"\0asm\1\0\0\0" + types + imports + functions + exported + code


def start_module(start: int, table_type: int = 0x6F) -> bytes:
    """wasm-bindgen's layout: two imported functions (the second its table initialiser), one defined
    function exported as "validate", a table (externref by default) exported as its JS value table,
    and the function number `start` exported as its start."""
    types = section(1, leb(1) + b"\x60\x00\x00")
    imports = section(2, leb(2) + b"".join(text(b"./glue.js") + text(f) + b"\x00\x00"
                                           for f in [b"__wbg_now", b"__wbindgen_init_externref_table"]))
    functions = section(3, leb(1) + b"\x00")
    tables = section(4, leb(1) + bytes([table_type]) + b"\x00\x04")
    exported = section(7, leb(3) + text(b"validate") + b"\x00\x02" + text(b"__wbindgen_externrefs") + b"\x01\x00"
                       + text(b"__wbindgen_start") + b"\x00" + leb(start))
    code = section(10, leb(1) + leb(2) + b"\x00\x0b")
    return b"\0asm\1\0\0\0" + types + imports + functions + tables + exported + code


class TableStart(unittest.TestCase):
    GLUE = "function finalize(instance) {\n    wasm = instance.exports;\n    wasm.__wbindgen_start();\n    return wasm;\n}\n"

    def test_the_start_that_only_fills_the_table_goes_with_the_table_export(self):
        module, (glue,), started = optimize_wasm.without_table_start(start_module(1), [self.GLUE])
        self.assertTrue(started)
        self.assertEqual([name for name, _ in optimize_wasm.exports(module)], ["validate"])
        self.assertEqual(glue, "function finalize(instance) {\n    wasm = instance.exports;\n    return wasm;\n}\n")

    def test_a_start_that_does_more_stays(self):
        for module in [start_module(2), start_module(0), glue_module([b"__wbindgen_init_externref_table"], [b"x"])]:
            self.assertEqual(optimize_wasm.without_table_start(module, [self.GLUE]), (module, [self.GLUE], False))

    def test_counts_tables_of_js_values(self):
        self.assertEqual(optimize_wasm.externref_tables(start_module(1)), 1)
        self.assertEqual(optimize_wasm.externref_tables(start_module(1, 0x70)), 0)  # funcref
        self.assertEqual(optimize_wasm.externref_tables(glue_module([], [b"x"])), 0)

    def test_glue_functions_for_imports_the_module_lost_go(self):
        glue = ("const import0 = {\n        __proto__: null,\n"
                "        $1: function(arg0, arg1) {\n            throw new Error(text(arg0, arg1));\n        },\n"
                "        $0: function() {\n            const ret = Date.now();\n            return ret;\n        },\n"
                "        $2: function() {\n            const table = wasm._3;\n            table.set(0, undefined);\n        },\n"
                "    };\n")
        (kept,), gone = optimize_wasm.without_unimported([glue], glue_module([b"$0"], [b"x"]))
        self.assertEqual(gone, ["$1", "$2"])
        self.assertEqual(kept, "const import0 = {\n        __proto__: null,\n"
                               "        $0: function() {\n            const ret = Date.now();\n            return ret;\n        },\n"
                               "    };\n")


class Interface(unittest.TestCase):
    GLUE = (
        "const imports = { __wbg_Error_208446807d0d1e30: () => {}, __wbg_now_00000000000000aa: Date.now };\n"
        "export function validate(input) { const p = wasm.__wbindgen_malloc(input.length); return wasm.validate(p); }\n"
        "export function __wbg_set_wasm(val) { wasm = val; }\n"
    )

    def test_reads_and_renames_imports_and_exports(self):
        module = glue_module([b"__wbg_Error_208446807d0d1e30", b"m"], [b"validate"])
        self.assertEqual(
            optimize_wasm.imports(module),
            [(b"./glue.js", b"__wbg_Error_208446807d0d1e30", b"\x00\x00"), (b"./glue.js", b"m", b"\x00\x00")],
        )
        self.assertEqual(optimize_wasm.imported_function_count(module), 2)
        renamed = optimize_wasm.with_import_fields(module, lambda f: b"$0" if f == b"m" else f)
        self.assertEqual(renamed, glue_module([b"__wbg_Error_208446807d0d1e30", b"$0"], [b"validate"]))
        self.assertEqual(optimize_wasm.with_exports(module, lambda n: n.upper()), glue_module(
            [b"__wbg_Error_208446807d0d1e30", b"m"], [b"VALIDATE"]))
        self.assertEqual(optimize_wasm.exports(module), [("validate", b"\x00\x02")])

    def test_short_names_in_module_and_glue_alike(self):
        module = glue_module(
            [b"__wbg_Error_208446807d0d1e30", b"__wbg_now_00000000000000aa"],
            [b"validate", b"__wbindgen_malloc", b"__abort_handler"],
        )
        shortened, (glue,), summary = optimize_wasm.shortened_interface(module, [self.GLUE])
        self.assertEqual(shortened, glue_module([b"$0", b"$1"], [b"validate", b"_0"]))
        self.assertEqual(glue, (
            "const imports = { $0: () => {}, $1: Date.now };\n"
            "export function validate(input) { const p = wasm._0(input.length); return wasm.validate(p); }\n"
            "export function __wbg_set_wasm(val) { wasm = val; }\n"
        ))
        self.assertEqual(summary, "3 import and export names shortened; exports no glue names removed: __abort_handler")

    def test_a_wrapped_export_and_its_glue_function_get_one_short_name(self):
        module = glue_module([], [b"__validate", b"version"])
        glue = ("function __validate(i) { return wasm.__validate(i); }\n"
                "export function validate(i) { return read(__validate(i)); }\n"
                "export function version() { return wasm.version(); }\n")
        shortened, (glue,), _ = optimize_wasm.shortened_interface(module, [glue])
        self.assertEqual(shortened, glue_module([], [b"_0", b"version"]))
        self.assertEqual(glue, "function _0(i) { return wasm._0(i); }\n"
                               "export function validate(i) { return read(_0(i)); }\n"
                               "export function version() { return wasm.version(); }\n")

    def test_refuses_what_it_cannot_rename_safely(self):
        module = glue_module([b"__wbg_Error_208446807d0d1e30"], [b"__wbindgen_malloc"])
        for glue in [
            "const imports = {};\nwasm.__wbindgen_malloc(1);\n",  # an import the glue does not name
            "const imports = { __wbg_Error_208446807d0d1e30: 1 };\nconst f = exports.__wbindgen_malloc;\n",
            "const $0 = 1; const imports = { __wbg_Error_208446807d0d1e30: 1 };\nwasm.__wbindgen_malloc(1);\n",
        ]:
            with self.assertRaises(optimize_wasm.WasmError, msg=glue):
                optimize_wasm.shortened_interface(module, [glue])


class GzipOrder(unittest.TestCase):
    def test_is_a_permutation_starting_with_the_largest(self):
        bodies = [bytes([i % 7]) * (10 + i * 3) + bytes(range(i, i + 20)) for i in range(30)]
        for label, score in optimize_wasm.GREEDY_SCORES.items():
            order = optimize_wasm.gzip_order(bodies, score)
            self.assertEqual(sorted(order), list(range(30)), label)
            self.assertEqual(order[0], 29, label)

    def test_puts_alike_functions_together(self):
        # Two families of incompressible bodies, interleaved; each family shares a long run of bytes.
        family_a, family_b = bytes(range(0, 200, 1)), bytes(range(255, 55, -1))
        bodies = [(family_a if i % 2 == 0 else family_b) + bytes([i]) * 3 for i in range(8)]
        order = optimize_wasm.gzip_order(bodies)
        families = [i % 2 for i in order]
        self.assertEqual(sum(a != b for a, b in zip(families, families[1:])), 1, order)

        def gz(indices):
            return len(zlib.compress(b"".join(bodies[i] for i in indices), 9))

        self.assertLessEqual(gz(order), gz(range(8)))


class GzipCost(unittest.TestCase):
    @staticmethod
    def module_with_bodies(bodies: list[bytes], names: list[bytes]) -> bytes:
        """Defined functions only (no imports), with these bodies and names."""
        types = section(1, leb(1) + b"\x60\x00\x00")
        functions = section(3, leb(len(bodies)) + b"\x00" * len(bodies))
        code = section(10, leb(len(bodies)) + b"".join(leb(len(b)) + b for b in bodies))
        entries = leb(len(names)) + b"".join(leb(i) + text(n) for i, n in enumerate(names))
        name_section = section(0, text(b"name") + bytes([1]) + leb(len(entries)) + entries)
        return b"\0asm\1\0\0\0" + types + functions + code + name_section

    def test_unique_code_costs_more_than_repeated_code(self):
        unique = bytearray()
        while len(unique) < 600:  # incompressible bytes
            unique += hashlib.sha256(bytes(unique[-32:]) + b"seed").digest()
        repeated = b"\x01" * 600
        bodies = [b"\x00" + repeated + b"\x0b", b"\x00" + bytes(unique[:600]) + b"\x0b", b"\x00\x0b"]
        costs = optimize_wasm.gzip_costs(self.module_with_bodies(bodies, [b"repeated", b"unique", b"empty"]))
        self.assertEqual([name for _, _, name in costs], ["unique", "repeated", "empty"])
        self.assertEqual([raw for _, raw, _ in costs], [602, 602, 2])
        unique_cost, repeated_cost = costs[0][0], costs[1][0]
        self.assertGreater(unique_cost, 550)  # nearly all of its 600 bytes
        self.assertLess(repeated_cost, 60)  # a run: a few length-distance pairs and their codes

    def test_names_come_after_the_imported_functions(self):
        costs = optimize_wasm.gzip_costs(module([b"imported", b"first", b"second"]))
        self.assertEqual(sorted(name for _, _, name in costs), ["first", "second"])


if __name__ == "__main__":
    unittest.main()
