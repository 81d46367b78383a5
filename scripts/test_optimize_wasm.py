"""Tests of scripts/optimize-wasm.py's module reading and writing, on a module assembled here.

    python3 -m unittest discover -s scripts -p 'test_*.py'
"""

import importlib.util
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
        order = optimize_wasm.gzip_order(bodies)
        self.assertEqual(sorted(order), list(range(30)))
        self.assertEqual(order[0], 29)

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


if __name__ == "__main__":
    unittest.main()
