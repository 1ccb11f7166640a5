"""The .xlsm master's VBA project: compression, compound file, the added module, buttons."""

from __future__ import annotations

import importlib
import io
import random
import re
import struct
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.fingerprint import fingerprint
from secor_xl.builder.new import create_master
from secor_xl.builder.vba import (
    SECOR_BUTTONS,
    SECOR_MODULE_NAME,
    SECOR_MODULE_SOURCE,
    VbaProjectError,
    add_module,
    cfb,
    module_names,
    module_source,
    ovba,
    remove_module,
    secor_vba_project,
)
from secor_xl.builder.vba.project import XLWINGS_SAMPLE_SUB, sample_module, xlwings_template
from secor_xl.builder.vba.xlsm import buttons, code_names, macro_fingerprint, xlwings_vba_version
from secor_xl.errors import UserError
from secor_xl.libreoffice import convert

ROOT = Path(__file__).resolve().parent.parent
MACRO_MASTER = ROOT / "workbooks" / "secor_master.xlsm"
XLWINGS_MODULES = ["ThisWorkbook", "Sheet1", "Module1", "Sheet2", "xlwings", "Dictionary"]
SAMPLE_MODULE = "Module1"  # xlwings' SampleCall, and nothing else: the master drops it
KEPT_MODULES = [m for m in XLWINGS_MODULES if m != SAMPLE_MODULE]
DOCUMENT_MODULES = ["ThisWorkbook", "Sheet1", "Sheet2"]
CHANGED_STREAMS = {"PROJECT", "PROJECTwm", "VBA/dir"}


def _olevba_modules(vba_bin: bytes) -> dict[str, str]:
    """Module name -> source, as oletools' olevba reads them."""
    with warnings.catch_warnings():
        # oletools calls pyparsing APIs that now warn on import and use.
        warnings.simplefilter("ignore", DeprecationWarning)
        from oletools.olevba import VBA_Parser

        parser = VBA_Parser("vbaProject.bin", data=vba_bin)
        try:
            return {stream.split("/")[-1]: code
                    for _, stream, _, code in parser.extract_macros()}
        finally:
            parser.close()


def _streams(vba_bin: bytes) -> dict[str, bytes]:
    ole = olefile.OleFileIO(io.BytesIO(vba_bin))
    try:
        return {"/".join(p): ole.openstream(p).read() for p in ole.listdir()}
    finally:
        ole.close()


def _dir_records(vba_bin: bytes) -> list[tuple[int, bytes]]:
    data = ovba.decompress(_streams(vba_bin)["VBA/dir"])
    records, pos = [], 0
    while pos < len(data):
        rid, size = struct.unpack_from("<HI", data, pos)
        if rid == 0x0009:  # PROJECTVERSION: 6 bytes follow its Reserved field
            records.append((rid, data[pos + 2:pos + 12]))
            pos += 12
        else:
            records.append((rid, data[pos + 6:pos + 6 + size]))
            pos += 6 + size
    assert pos == len(data)
    return records


@pytest.fixture(scope="module")
def template() -> bytes:
    return xlwings_template()


@pytest.fixture(scope="module")
def project() -> bytes:
    return secor_vba_project()


@pytest.fixture(scope="module")
def xlsm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_master(tmp_path_factory.mktemp("xlsm") / "m.xlsm", macros=True)


# -- MS-OVBA 2.4.1 compression ------------------------------------------------

# [MS-OVBA] 3.2.1, 3.2.2 and 3.2.3: text, then its compressed bytes.
SPEC_EXAMPLES = [
    (b"abcdefghijklmnopqrstuv.",
     "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E"),
    (b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
     "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20 6D "
     "6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C"),
    (b"a" * 73, "01 03 B0 02 61 45 00"),
]


@pytest.mark.parametrize(("text", "compressed"), SPEC_EXAMPLES)
def test_spec_examples(text: bytes, compressed: str) -> None:
    packed = bytes.fromhex(compressed)
    assert ovba.decompress(packed) == text
    assert ovba.compress(text) == packed


def test_other_copy_tokens_for_the_normal_example_decompress_the_same() -> None:
    """Copies from other equal runs of a's (as older copies of 3.2.2 print) give the same text."""
    other = bytes.fromhex(
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30 6D "
        "6E 6F 70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C")
    assert ovba.decompress(other) == SPEC_EXAMPLES[1][0]


def _roundtrip_expected(data: bytes, packed: bytes) -> bytes:
    """What decompress gives back: `data`, zero padded when the last chunk is raw (2.4.1.3.10)."""
    pos, last_raw = 1, False
    while pos < len(packed):
        header = int.from_bytes(packed[pos:pos + 2], "little")
        last_raw = not header & 0x8000
        pos += (header & 0x0FFF) + 3
    if last_raw and len(data) % ovba.CHUNK:
        return data + bytes(ovba.CHUNK - len(data) % ovba.CHUNK)
    return data


def test_round_trip_every_size_of_text() -> None:
    rng = random.Random(7)
    words = [b"Sub ", b"End Sub\r\n", b"RunPython ", b'"import x"', b" ", b"\r\n", b"Dim i"]
    text = b"".join(rng.choice(words) for _ in range(4000))[:10001]
    edges = {n + d for n in (0, 4096, 8192) for d in range(-3, 4) if n + d >= 0}
    for size in sorted({*range(0, 10001, 89), *edges, 10000}):
        packed = ovba.compress(text[:size])
        assert ovba.decompress(packed) == text[:size], size
        assert len(packed) < size + 20 or size < 20


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 8, 9, 100, 3640, 3641, 4095, 4096, 4097,
                                  8191, 8192, 8193, 10000])
def test_round_trip_random_bytes(size: int) -> None:
    data = random.Random(size).randbytes(size)
    packed = ovba.compress(data)
    assert ovba.decompress(packed) == _roundtrip_expected(data, packed)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=10000) | st.text("ab \r\n", max_size=10000).map(str.encode))
def test_round_trip_property(data: bytes) -> None:
    packed = ovba.compress(data)
    assert packed[0] == 1
    assert ovba.decompress(packed) == _roundtrip_expected(data, packed)


def test_round_trip_runs_longer_than_a_copy_token() -> None:
    for data in (b"a" * 10000, b"ab" * 5000, bytes(range(256)) * 40):
        assert ovba.decompress(ovba.compress(data)) == data


@pytest.mark.parametrize("bad", [b"", b"\x00", b"\x01\xff", b"\x01\x00\x00",
                                 b"\x01\x03\xb0\x01\x45\x00\x00"])
def test_decompress_rejects_broken_containers(bad: bytes) -> None:
    with pytest.raises(ovba.OvbaError):
        ovba.decompress(bad)


def test_decompresses_the_xlwings_modules(template: bytes) -> None:
    """Every module stream of the template, read past its MODULEOFFSET, is its source."""
    by_olevba = _olevba_modules(template)
    assert module_names(template) == XLWINGS_MODULES
    for name in XLWINGS_MODULES:
        source = module_source(template, name)
        assert source.replace("\r\n", "\n") == by_olevba[name].replace("\r\n", "\n")
        assert source.startswith(f'Attribute VB_Name = "{name}"')
        assert ovba.decompress(ovba.compress(source.encode("cp1252"))) == source.encode("cp1252")
    package_bas = Path(importlib.import_module("xlwings").__file__ or "").parent / "xlwings.bas"
    assert module_source(template, "xlwings").replace("\r\n", "\n") == (
        package_bas.read_bytes().decode("cp1252").replace("\r\n", "\n"))


def test_template_is_source_only(template: bytes) -> None:
    """_VBA_PROJECT is the 7-byte version-independent stub: Office compiles from source."""
    stub = _streams(template)["VBA/_VBA_PROJECT"]
    assert stub == bytes.fromhex("CC61FFFF000100")


# -- MS-CFB ---------------------------------------------------------------------


def test_cfb_rewrite_keeps_every_stream(template: bytes) -> None:
    again = cfb.write(cfb.read(template))
    assert _streams(again) == _streams(template)
    assert len(again) % cfb.SECTOR == 0


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, 4095, 4096, 4097, 70000])
def test_cfb_streams_of_every_size(size: int) -> None:
    data = random.Random(size).randbytes(size)
    tree = cfb.Storage("Root Entry", [cfb.Stream("a", data), cfb.Stream("b", b"x" * 100),
                                      cfb.Storage("S", [cfb.Stream("c", data[:10])])])
    assert _streams(cfb.write(tree)) == {"a": data, "b": b"x" * 100, "S/c": data[:10]}


def _check_red_black(entries: list[Any], sid: int) -> int:
    """Black height of the subtree at `sid`; asserts order, colours and balance."""
    if sid == cfb.NOSTREAM:
        return 1
    node = entries[sid]
    for side, sign in ((node.sid_left, -1), (node.sid_right, 1)):
        if side != cfb.NOSTREAM:
            other = entries[side]
            assert (cfb._sort_key(other.name) > cfb._sort_key(node.name)) == (sign > 0)
            assert not (node.color == 0 and other.color == 0), "red node with a red child"
    left = _check_red_black(entries, node.sid_left)
    assert left == _check_red_black(entries, node.sid_right), "black heights differ"
    return left + (node.color == 1)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 40, 100])
def test_cfb_sibling_tree_is_ordered_red_black(n: int) -> None:
    names = [f"{'x' * (i % 5)}Stream{i}" for i in range(n)]
    random.Random(n).shuffle(names)
    tree = cfb.Storage("Root Entry", [cfb.Stream(name, name.encode()) for name in names])
    ole = olefile.OleFileIO(io.BytesIO(cfb.write(tree)))
    try:
        top = ole.direntries[ole.root.sid_child]
        assert top.color == 1, "the tree's root is black"
        _check_red_black(ole.direntries, ole.root.sid_child)
        assert sorted(ole.listdir()) == sorted([name] for name in names)
    finally:
        ole.close()


@pytest.mark.parametrize("name", ["", "a/b", "x" * 32])
def test_cfb_refuses_bad_names(name: str) -> None:
    with pytest.raises(cfb.CfbError):
        cfb.write(cfb.Storage("Root Entry", [cfb.Stream(name, b"")]))


def test_cfb_refuses_duplicate_names() -> None:
    with pytest.raises(cfb.CfbError):
        cfb.write(cfb.Storage("Root Entry", [cfb.Stream("ab", b""), cfb.Stream("AB", b"")]))


# -- the project with SecorButtons ---------------------------------------------


def test_module_source_is_the_documented_one() -> None:
    expected = "\r\n".join([
        'Attribute VB_Name = "SecorButtons"',
        "Option Explicit",
        "' secor-xl buttons: each runs one Python macro of secor_xl.excel.macros through xlwings.",
        "Sub SecorCheck()",
        '    RunPython "import secor_xl.excel.macros as m; m.check()"',
        "End Sub",
        "Sub SecorRefreshScore()",
        '    RunPython "import secor_xl.excel.macros as m; m.refresh_score()"',
        "End Sub",
        "Sub SecorDocuments()",
        '    RunPython "import secor_xl.excel.macros as m; m.documents()"',
        "End Sub",
        "Sub SecorMinutes()",
        '    RunPython "import secor_xl.excel.macros as m; m.minutes()"',
        "End Sub",
        "",
    ])
    assert expected == SECOR_MODULE_SOURCE


def test_olevba_reads_every_module(template: bytes, project: bytes) -> None:
    before, after = _olevba_modules(template), _olevba_modules(project)
    assert set(after) == {*before, SECOR_MODULE_NAME} - {SAMPLE_MODULE}
    assert after[SECOR_MODULE_NAME] == SECOR_MODULE_SOURCE
    for name in KEPT_MODULES:
        assert after[name] == before[name], name
    assert module_names(project) == [*KEPT_MODULES, SECOR_MODULE_NAME]
    assert module_source(project, SECOR_MODULE_NAME) == SECOR_MODULE_SOURCE


def test_original_streams_are_byte_identical(template: bytes, project: bytes) -> None:
    old, new = _streams(template), _streams(project)
    assert set(new) == {*old, f"VBA/{SECOR_MODULE_NAME}"} - {f"VBA/{SAMPLE_MODULE}"}
    for name, data in old.items():
        if name not in CHANGED_STREAMS and name != f"VBA/{SAMPLE_MODULE}":
            assert new[name] == data, name
    assert ovba.decompress(new[f"VBA/{SECOR_MODULE_NAME}"]) == SECOR_MODULE_SOURCE.encode()


def _without_module(records: list[tuple[int, bytes]], name: str) -> list[tuple[int, bytes]]:
    """The dir records less one MODULE record (MODULENAME to its terminator)."""
    start = records.index((0x0019, name.encode()))
    end = next(i for i in range(start, len(records)) if records[i][0] == 0x002B)
    return records[:start] + records[end + 1:]


def test_dir_stream_loses_the_sample_and_gains_our_module(template: bytes,
                                                          project: bytes) -> None:
    old, new = _dir_records(template), _dir_records(project)
    count = next(i for i, (rid, _) in enumerate(old) if rid == 0x000F)
    assert struct.unpack("<H", old[count][1]) == (6,)
    assert struct.unpack("<H", new[count][1]) == (6,)  # one out, one in
    assert new[count + 1] == old[count + 1]  # PROJECTCOOKIE kept
    name, wide = SECOR_MODULE_NAME.encode(), SECOR_MODULE_NAME.encode("utf-16-le")
    module = [(0x0019, name), (0x0047, wide), (0x001A, name), (0x0032, wide), (0x001C, b""),
              (0x0048, b""), (0x0031, bytes(4)), (0x001E, bytes(4)), (0x002C, b"\xff\xff"),
              (0x0021, b""), (0x002B, b"")]
    kept = _without_module(old, SAMPLE_MODULE)
    assert len(kept) == len(old) - 11
    assert new == [*kept[:count], new[count], *kept[count + 1:-1], *module, old[-1]]
    assert old[-1] == (0x0010, b"")


def test_project_and_name_map_lose_the_sample_and_gain_our_module(template: bytes,
                                                                 project: bytes) -> None:
    old, new = _streams(template), _streams(project)
    assert new["PROJECT"] == old["PROJECT"].replace(
        b"Class=Dictionary\r\n", b"Class=Dictionary\r\nModule=SecorButtons\r\n").replace(
        b"Module=Module1\r\n", b"").replace(b"Module1=280, 53, 1143, 563, Z\r\n", b"")
    assert b"Module1" not in new["PROJECT"]
    sample = b"Module1\x00" + "Module1".encode("utf-16-le") + b"\x00\x00"
    entry = b"SecorButtons\x00" + "SecorButtons".encode("utf-16-le") + b"\x00\x00"
    assert sample in old["PROJECTwm"]
    assert new["PROJECTwm"] == old["PROJECTwm"].replace(sample, b"")[:-2] + entry + b"\x00\x00"


def test_sample_module_holds_only_sample_call(template: bytes) -> None:
    assert sample_module(template) == SAMPLE_MODULE
    assert re.findall(r"^Sub (\w+)", module_source(template, SAMPLE_MODULE), re.M) == [
        XLWINGS_SAMPLE_SUB]
    shared = add_module(template, "Shared", 'Attribute VB_Name = "Shared"\r\n'
                        "Sub SampleCall()\r\nEnd Sub\r\nSub Mine()\r\nEnd Sub\r\n")
    with pytest.raises(VbaProjectError, match="Mine"):
        sample_module(shared)


def test_remove_module_undoes_add_module(template: bytes) -> None:
    source = 'Attribute VB_Name = "Another"\r\nSub A()\r\nEnd Sub\r\n'
    again = remove_module(add_module(template, "Another", source), "Another")
    old, new = _streams(template), _streams(again)
    assert set(new) == set(old)
    for name, data in old.items():
        if name != "VBA/dir":  # recompressed: the same records
            assert new[name] == data, name
    assert _dir_records(again) == _dir_records(template)


@pytest.mark.parametrize("name", ["Sheet1", "ThisWorkbook", "Dictionary", "Nothing", "module1"])
def test_remove_module_refuses_all_but_a_standard_module(template: bytes, name: str) -> None:
    with pytest.raises(VbaProjectError):
        remove_module(template, name)


def test_no_xlwings_settings_are_shipped(xlsm: Path) -> None:
    """The interpreter is the user's to set (an xlwings.conf sheet, see the README)."""
    with zipfile.ZipFile(xlsm) as archive:
        sheets = archive.read("xl/workbook.xml").decode()
    assert "xlwings.conf" not in sheets


def test_add_module_refuses_bad_input(template: bytes) -> None:
    with pytest.raises(VbaProjectError):
        add_module(template, "xlwings", 'Attribute VB_Name = "xlwings"\r\n')
    with pytest.raises(VbaProjectError):
        add_module(template, "1bad", 'Attribute VB_Name = "1bad"\r\n')
    with pytest.raises(VbaProjectError):
        add_module(template, "Good", "Sub Good()\r\nEnd Sub\r\n")


def test_a_module_can_be_added_twice(project: bytes) -> None:
    source = 'Attribute VB_Name = "Another"\r\nSub A()\r\nEnd Sub\r\n'
    again = add_module(project, "Another", source)
    assert module_names(again)[-2:] == [SECOR_MODULE_NAME, "Another"]
    assert module_source(again, SECOR_MODULE_NAME) == SECOR_MODULE_SOURCE


# -- the .xlsm --------------------------------------------------------------------


def _run_python_commands() -> dict[str, str]:
    """Sub name -> its RunPython command, read from the module source."""
    found = re.findall(r'Sub (\w+)\(\)\r\n    RunPython "([^"]+)"\r\nEnd Sub', SECOR_MODULE_SOURCE)
    return dict(found)


def test_xlsm_carries_the_project(xlsm: Path, project: bytes) -> None:
    with zipfile.ZipFile(xlsm) as archive:
        assert archive.read("xl/vbaProject.bin") == project
        types = archive.read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types


def test_xlsm_vba_has_our_macros_and_no_sample_call(xlsm: Path, template: bytes) -> None:
    """The built .xlsm: no SampleCall anywhere, every Sub of ours and xlwings' RunPython, and
    every stream but the three project streams, the sample's and ours byte for byte."""
    with zipfile.ZipFile(xlsm) as archive:
        vba_bin = archive.read("xl/vbaProject.bin")
    modules = _olevba_modules(vba_bin)
    assert not [name for name, code in modules.items() if XLWINGS_SAMPLE_SUB in code]
    # nor in any stream's raw bytes (a module's compiled cache would hold the name)
    assert not [name for name, data in _streams(vba_bin).items()
                if XLWINGS_SAMPLE_SUB.encode() in data]
    ours = re.findall(r"^Sub (\w+)\(\)", modules[SECOR_MODULE_NAME], re.M)
    assert ours == [b.macro for b in SECOR_BUTTONS]
    assert re.search(r"^(?:Public )?Function RunPython\(", modules["xlwings"], re.M)
    old, new = _streams(template), _streams(vba_bin)
    assert set(old) - set(new) == {f"VBA/{SAMPLE_MODULE}"}
    assert set(new) - set(old) == {f"VBA/{SECOR_MODULE_NAME}"}
    for name in set(old) & set(new) - CHANGED_STREAMS:
        assert new[name] == old[name], name


def test_xlsm_buttons_run_our_subs(xlsm: Path) -> None:
    subs = _run_python_commands()
    assert buttons(xlsm) == [("Dashboard", b.caption, f"[0]!{b.macro}") for b in SECOR_BUTTONS]
    assert [b.macro for b in SECOR_BUTTONS] == list(subs)
    assert {b.macro: b.python for b in SECOR_BUTTONS} == subs


def test_every_document_module_has_its_sheet(xlsm: Path, project: bytes) -> None:
    names = code_names(xlsm)
    assert names[""] == "ThisWorkbook"
    assert names["Instructions"] == "Sheet1" and names["Dashboard"] == "Sheet2"
    assert len(set(names.values())) == len(names)
    assert set(DOCUMENT_MODULES) <= set(names.values())
    assert set(DOCUMENT_MODULES) <= set(module_names(project))


def test_run_python_commands_name_real_functions() -> None:
    commands = _run_python_commands()
    assert len(commands) == 4
    for command in commands.values():
        found = re.fullmatch(r"import ([\w.]+) as (\w+); \2\.(\w+)\(\)", command)
        assert found, command
        module = importlib.import_module(found.group(1))
        function: Callable[[], object] = getattr(module, found.group(3))
        assert callable(function), command


def test_xlsm_cells_are_the_masters_plus_two_hints(xlsm: Path, tmp_path: Path) -> None:
    plain = fingerprint(build_workbook(tmp_path / "plain.xlsx", BuildOptions()))
    macro = fingerprint(xlsm)
    extra = [c for c in macro["sheets"]["Dashboard"]["cells"]
             if c not in plain["sheets"]["Dashboard"]["cells"]]
    assert [c[0] for c in extra] == ["G2", "G3"]
    for cell in extra:
        macro["sheets"]["Dashboard"]["cells"].remove(cell)
    assert macro == plain


def test_xlsx_has_no_macros(tmp_path: Path) -> None:
    plain = create_master(tmp_path / "m.xlsx")
    assert macro_fingerprint(plain) == {"vba_sha256": None, "modules": [], "xlwings": None,
                                        "code_names": {}, "buttons": []}


def test_names_and_macros_must_agree(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.xlsm"):
        create_master(tmp_path / "m.xlsx", macros=True)
    assert not (tmp_path / "m.xlsx").exists()
    with pytest.raises(ValueError, match=r"\.xlsm"):
        build_workbook(tmp_path / "n.xlsx", BuildOptions(macros=True))
    implied = create_master(tmp_path / "implied.xlsm")
    assert macro_fingerprint(implied)["modules"][-1] == SECOR_MODULE_NAME


# -- LibreOffice ----------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_imports_the_project(soffice: str, xlsm: Path, tmp_path: Path) -> None:
    """LibreOffice loads the VBA project and writes our module back out."""
    saved = convert(xlsm, "xlsm:Calc MS Excel 2007 VBA XML", tmp_path / "lo")
    with zipfile.ZipFile(saved) as archive:
        modules = _olevba_modules(archive.read("xl/vbaProject.bin"))
    assert SECOR_MODULE_NAME in modules
    assert modules[SECOR_MODULE_NAME].rstrip("\r\n") == SECOR_MODULE_SOURCE.rstrip("\r\n")
    # LibreOffice found each button's Sub in SecorButtons.
    assert [m for _, _, m in buttons(saved)] == [f"{SECOR_MODULE_NAME}.{b.macro}"
                                                  for b in SECOR_BUTTONS]


# -- the committed .xlsm ----------------------------------------------------------


def test_committed_macro_master_is_not_stale(tmp_path: Path) -> None:
    fresh = build_workbook(tmp_path / "fresh.xlsm", BuildOptions(reproducible=True, macros=True))
    assert fingerprint(MACRO_MASTER) == fingerprint(fresh), (
        "workbooks/secor_master.xlsm is stale: run python scripts/build_master.py")
    committed, built = macro_fingerprint(MACRO_MASTER), macro_fingerprint(fresh)
    assert committed["xlwings"] == built["xlwings"], (
        f"workbooks/secor_master.xlsm holds the VBA of xlwings {committed['xlwings']}, the "
        f"installed xlwings is {built['xlwings']}: run python scripts/build_master.py")
    assert committed == built, (
        "workbooks/secor_master.xlsm is stale (VBA project, code names or buttons): "
        "run python scripts/build_master.py")


def test_committed_macro_master_names_its_xlwings_version() -> None:
    with zipfile.ZipFile(MACRO_MASTER) as archive:
        version = xlwings_vba_version(archive.read("xl/vbaProject.bin"))
    assert version is not None
    licence = (ROOT / "workbooks" / "XLWINGS-LICENSE.txt").read_text(encoding="utf-8")
    assert f"version {version}" in licence
    assert "BSD" in licence and "secor_master.xlsm" in licence
