"""The xlwings Lite edition: its parts, its generated code, its build, no silent loss, and
its main.py, read back from the workbook, giving the command line's findings and score
over a Book that behaves as Lite's does. No Excel runs here (see README)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from secor_xl.excel.lite_code import carried_files, lite_code, make_lite
from secor_xl.excel.lite_parts import (
    ADDIN_VERSION,
    EXTENSION,
    PYODIDE_VERSION,
    add_lite_parts,
    decode_value,
    encode_value,
    extension_xml,
    lite_code_current,
    lite_damaged,
    lite_members,
    lite_properties,
    read_properties,
    taskpanes_rels,
    taskpanes_xml,
    with_lite_code,
)
from secor_xl.reader.package import defined_names, table_parts

from .commands import secor_xl

ROOT = Path(__file__).resolve().parent.parent
LITE = ROOT / "workbooks" / "secor_master_lite.xlsx"
V1 = Path(__file__).parent / "fixtures" / "secor_v1_demo.xlsx"


def _build_script() -> Any:
    spec = importlib.util.spec_from_file_location("build_master", ROOT / "scripts" /
                                                  "build_master.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("text", ["", "print('a/b')\n", 'x = "é → ✓ 名" & <tag>\t\r\n',
                                  "\\/ already \\u00e9 \x01 \u2028", "\ud800 lone"])
def test_a_value_round_trips(text: str) -> None:
    raw = encode_value(text)
    assert decode_value(raw) == text
    assert '"' not in raw[1:-1].replace("&quot;", "") and "<" not in raw and "\n" not in raw
    assert encode_value(decode_value(raw)) == raw


def test_values_are_written_as_office_settings_write_them() -> None:
    assert encode_value("a/b é") == "&quot;a\\/b é&quot;"
    assert encode_value('<"&>\n') == '&quot;&lt;\\&quot;&amp;&gt;\\n&quot;'


def test_auto_show_is_a_json_boolean_and_the_rest_json_strings() -> None:
    members = lite_members(LITE)
    text = members[EXTENSION].decode("utf-8")
    assert '<we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>' in text
    assert f'<we:property name="pyodideVersion" value="&quot;{PYODIDE_VERSION}&quot;"/>' in text
    assert decode_value("true") == "true" == decode_value("&quot;true&quot;")
    assert encode_value("true") == "&quot;true&quot;"  # text stays a JSON string


def test_the_committed_lite_master_re_encodes_byte_for_byte() -> None:
    members = lite_members(LITE)
    assert set(members) == {"xl/webextensions/webextension1.xml",
                            "xl/webextensions/taskpanes.xml",
                            "xl/webextensions/_rels/taskpanes.xml.rels"}
    properties = read_properties(LITE)
    assert extension_xml(properties) == members[EXTENSION]
    assert {"main.py", "requirements.txt", "pyodideVersion", "addinVersion"} <= set(properties)
    assert b'<we:reference id="wa200008175"' in members[EXTENSION]
    import zipfile

    with zipfile.ZipFile(LITE) as package:
        assert "webextensiontaskpanes" in package.read("_rels/.rels").decode()
        types = package.read("[Content_Types].xml").decode()
    assert 'PartName="/xl/webextensions/taskpanes.xml"' in types


def test_two_builds_give_the_same_lite_parts(tmp_path: Path) -> None:
    assert lite_code() == lite_code()
    build = _build_script()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = build.build(tmp_path / "a" / "secor_master_lite.xlsx", build.TARGETS[2][1])
    second = build.build(tmp_path / "b" / "secor_master_lite.xlsx", build.TARGETS[2][1])
    assert lite_members(first) == lite_members(second)
    assert build.stale_reason(LITE, first) is None, "run python scripts/build_master.py"


def test_the_check_notices_stale_lite_code(tmp_path: Path) -> None:
    build = _build_script()
    fresh = build.build(tmp_path / "secor_master_lite.xlsx", build.TARGETS[2][1])
    code = lite_code()
    files = carried_files(code["main.py"])
    assert "secor_xl/excel/lite_book.py" in files and not any(
        n.startswith(("secor_xl/cli/", "secor_xl/documents/")) for n in files)
    stale = tmp_path / "stale.xlsx"
    old = dict(code, **{"main.py": code["main.py"].replace("Check: Findings", "Check: old")})
    plain = tmp_path / "plain.xlsx"
    shutil.copy(ROOT / "workbooks" / "secor_master.xlsx", plain)
    stale.write_bytes(with_lite_code(plain.read_bytes(), old))
    assert "main.py" in (build.lite_stale_reason(stale, fresh) or "")
    assert build.lite_stale_reason(plain, fresh) == "it has no xlwings Lite code"


def test_init_lite_writes_the_lite_master(tmp_path: Path) -> None:
    made = secor_xl("init", tmp_path / "owner.xlsx", "--lite", "--company", "Café Ltd")
    assert made.returncode == 0, made.stderr
    said = " ".join(made.stdout.split())
    assert "start on the Company sheet" in said
    assert 'free xlwings Lite add-in' in said and 'Home > Add-ins, search "xlwings Lite"' in said
    plain = secor_xl("init", tmp_path / "plain.xlsx")
    assert plain.returncode == 0 and "xlwings Lite" not in plain.stdout
    assert read_properties(tmp_path / "owner.xlsx") == read_properties(LITE)
    refused = secor_xl("init", tmp_path / "owner.xlsm", "--lite")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1


def test_writing_commands_keep_the_lite_parts(tmp_path: Path, demo_master: Path) -> None:
    client = tmp_path / "client.xlsx"
    shutil.copy(demo_master, client)
    make_lite(client)
    before = lite_members(client)
    for command in (("check", client, "--write"), ("score", client, "--write")):
        result = secor_xl(*command)
        assert result.returncode in (0, 1), result.stderr
        assert lite_members(client) == before, command
    old = tmp_path / "old.xlsx"
    shutil.copy(V1, old)
    make_lite(old)
    kept = lite_members(old)
    result = secor_xl("upgrade", old)
    assert result.returncode == 0, result.stderr
    assert lite_members(old) == kept
    assert "Findings" in __import__("openpyxl").load_workbook(old).sheetnames


def _old_lite(path: Path) -> None:
    """Make `path` a Lite workbook as an older secor-xl wrote it: older code and versions,
    the auto-show setting as the JSON string "true"."""
    code = lite_code()
    old = dict(lite_properties(code), **{
        "main.py": code["main.py"].replace("Check: Findings", "Check (older): Findings"),
        "requirements.txt": "xlwings==0.33.0\npandas\n", "pyodideVersion": "0.26.2",
        "addinVersion": "1.0.0.0-12"})
    xml = extension_xml(old).replace(b'value="true"', b'value="&quot;true&quot;"')
    path.write_bytes(add_lite_parts(path.read_bytes(), {
        EXTENSION: xml, "xl/webextensions/taskpanes.xml": taskpanes_xml(),
        "xl/webextensions/_rels/taskpanes.xml.rels": taskpanes_rels()}))


def test_upgrade_puts_this_versions_lite_code_in_and_writes_keep_the_users(
        tmp_path: Path, demo_master: Path) -> None:
    client = tmp_path / "client.xlsx"
    shutil.copy(demo_master, client)
    _old_lite(client)
    before = lite_members(client)
    assert not lite_code_current(client, lite_code()) and not lite_damaged(client)
    for command in (("check", client, "--write"), ("score", client, "--write")):
        result = secor_xl(*command)
        assert result.returncode in (0, 1), result.stderr
        assert lite_members(client) == before, command  # the owner's code, byte for byte
        assert "xlwings Lite" not in result.stderr
    result = secor_xl("upgrade", client)
    assert result.returncode == 0, result.stderr
    assert "updated the xlwings Lite code" in result.stdout
    properties = read_properties(client)
    assert properties["main.py"] == lite_code()["main.py"]
    assert properties["requirements.txt"] == lite_code()["requirements.txt"]
    assert (properties["pyodideVersion"], properties["addinVersion"]) == (PYODIDE_VERSION,
                                                                         ADDIN_VERSION)
    assert lite_members(client) == lite_members(LITE)
    again = secor_xl("upgrade", client)
    assert again.returncode == 0 and "nothing to do" in again.stdout
    plain = tmp_path / "plain.xlsx"
    shutil.copy(demo_master, plain)
    assert "nothing to do" in secor_xl("upgrade", plain).stdout and not lite_members(plain)


def test_upgrade_brings_an_old_layout_and_its_old_lite_code_up_together(
        tmp_path: Path) -> None:
    old = tmp_path / "old.xlsx"
    shutil.copy(V1, old)
    _old_lite(old)
    result = secor_xl("upgrade", old)
    assert result.returncode == 0, result.stderr
    assert "updated the xlwings Lite code" in result.stdout and "SchemaVersion" in result.stdout
    assert lite_members(old) == lite_members(LITE)


def _rewrite(path: Path, name: str, data: bytes | None) -> None:
    """`path` with its member `name` replaced by `data`, or deleted (None)."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        members = {i.filename: package.read(i.filename) for i in package.infolist()}
    if data is None:
        del members[name]
    else:
        members[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for member, content in members.items():
            package.writestr(member, content)


@pytest.mark.parametrize("damage", ["deleted", "truncated", "no main.py"])
def test_a_damaged_lite_part_is_said_and_upgrade_puts_it_back(
        tmp_path: Path, demo_master: Path, damage: str) -> None:
    client = tmp_path / "client.xlsx"
    shutil.copy(demo_master, client)
    make_lite(client)
    good = lite_members(client)[EXTENSION]
    broken = {"deleted": None, "truncated": good[:len(good) // 2],
              "no main.py": re.sub(rb'<we:property name="main.py"[^>]*/>', b"", good)}[damage]
    _rewrite(client, EXTENSION, broken)
    assert lite_damaged(client) and not lite_damaged(LITE) and not lite_damaged(demo_master)
    openpyxl = __import__("openpyxl")
    sheets = openpyxl.load_workbook(client).sheetnames
    others = {k: v for k, v in lite_members(client).items() if k != EXTENSION}
    result = secor_xl("check", client, "--write")
    assert result.returncode in (0, 1), result.stderr
    said = " ".join(result.stderr.split())
    assert (f"the xlwings Lite part of {client} is missing or damaged: Check in Excel will "
            f"not work; secor-xl upgrade {client} puts it back") in said
    assert said.count("xlwings Lite part") == 1
    after = lite_members(client)
    assert {k: v for k, v in after.items() if k != EXTENSION} == others  # nothing else lost
    assert after.get(EXTENSION) == broken
    assert set(sheets) <= set(openpyxl.load_workbook(client).sheetnames)
    fixed = secor_xl("upgrade", client)
    assert fixed.returncode == 0, fixed.stderr
    assert "updated the xlwings Lite code" in fixed.stdout
    assert lite_members(client) == lite_members(LITE) and not lite_damaged(client)
    quiet = secor_xl("check", client, "--write")
    assert "xlwings Lite" not in quiet.stderr


def test_the_readme_gives_the_size_of_main_py_a_build_measures() -> None:
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    figures = re.search(r"about ([\d,]+) characters of text carrying (\d+) modules of this "
                        r"package, stored in the workbook as a value of about ([\d,]+) "
                        r"characters", text)
    assert figures, "README: the Lite section's size of main.py"
    code = lite_code()
    measured = (len(code["main.py"]), len(carried_files(code["main.py"])),
                len(encode_value(code["main.py"])))
    for said, real in zip(figures.groups(), measured, strict=True):
        assert abs(int(said.replace(",", "")) - real) <= real / 10, (said, real)


# -- main.py over a Book as Lite sends it ------------------------------------------------

_RUN = r'''
import asyncio, importlib.abc, json, sys
BLOCKED = ("python_calamine", "docx", "docxtpl", "matplotlib", "typer", "xlsxwriter", "PIL",
           "openpyxl", "schedule", "jinja2")
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is not in Pyodide")
sys.meta_path.insert(0, Blocker())
sys.path.insert(0, sys.argv[3])
from lite_fake_book import FakeBook
book = FakeBook(json.load(open(sys.argv[1])))
space = {"__name__": "main"}
exec(compile(open(sys.argv[2], encoding="utf-8").read(), "main.py", "exec"), space)
asyncio.run(space["check"](book))
asyncio.run(space["refresh_score"](book))
space["documents"](book)
import secor_xl
findings = book.sheets["Findings"]
rows = [[findings.cells.get((r, c)) for c in range(1, 7)]
        for r in range(2, 1 + max([r for r, _ in findings.cells] + [1]))]
names = {n.name: n.where for n in book.names}
sheet, row, column = names["ReadinessTable"]
table = [[book.sheets[sheet].cells.get((r, column + i)) for i in range(1, 4)]
         for r in range(row, names["ReadinessOverall"][1])]
overall = book.sheets[sheet].cells.get(names["ReadinessOverall"][1:])
notes = sum(len(s.notes_text) for s in book.sheets)
print(json.dumps({"engine": secor_xl.__file__, "rows": rows, "table": table,
                  "overall": overall, "alerts": book.app.alerts, "notes": notes,
                  "links": len(findings.links),
                  "loaded": sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)},
                 default=str))
'''


def _payload(path: Path) -> dict[str, Any]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))

    def iso(v: Any) -> Any:
        if isinstance(v, dt.datetime):
            return v.isoformat(timespec="seconds")
        if isinstance(v, dt.date):
            return f"{v.isoformat()}T00:00:00"
        if isinstance(v, dt.time):  # a date-formatted 0 (a formula saved without its value)
            return f"1899-12-30T{v.isoformat(timespec='seconds')}"
        return v

    sheets = {name: [[iso(v) for v in row] for row in
                     book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
              for name in book.sheet_names}
    tables = [[t.name, t.sheet, t.start[0], t.start[1] + 1, t.end[0] + 1, t.end[1] + 1]
              for t in table_parts(path)]
    names = []
    for name, text in defined_names(path).items():
        found = re.fullmatch(r"=?'?(.+?)'?!\$?([A-Z]+)\$?(\d+)(:\$?[A-Z]+\$?\d+)?", text)
        if found and "[" not in text:  # ranges only: constants are not sent
            letters = found.group(2)
            column = 0
            for ch in letters:
                column = column * 26 + ord(ch) - 64
            names.append([name, found.group(1).replace("''", "'"), int(found.group(3)),
                          column, text])
    return {"name": path.name, "sheets": sheets, "tables": tables, "names": names}


def test_main_py_from_the_workbook_gives_the_command_lines_findings_and_score(
        tmp_path: Path, demo_master: Path) -> None:
    lite = tmp_path / "demo_lite.xlsx"
    shutil.copy(demo_master, lite)
    make_lite(lite)
    main_py = tmp_path / "main.py"
    main_py.write_text(read_properties(lite)["main.py"], encoding="utf-8")
    payload = tmp_path / "book.json"
    payload.write_text(json.dumps(_payload(lite)), encoding="utf-8")
    ran = subprocess.run([sys.executable, "-c", _RUN, str(payload), str(main_py),
                          str(Path(__file__).parent)], capture_output=True, text=True,
                         check=False, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    got = json.loads(ran.stdout.strip().splitlines()[-1])
    assert "secor-xl-" in got["engine"], "the engine came from main.py, not the checkout"
    assert got["loaded"] == []

    check = json.loads(secor_xl("check", lite, "--format", "json").stdout)
    expected = [[f["sheet"], f["row"], f["column"] or "", f["severity"], f["code"],
                 f["message"]] for f in check["findings"]]
    assert got["rows"] == expected and expected
    score = json.loads(secor_xl("score", lite, "--format", "json").stdout)
    assert got["table"] == [[e["score"] if e.get("applicable", True) else "n/a", e["earned"],
                             e["possible"]] for e in score["elements"]]
    assert got["overall"] == score["overall"]
    assert got["alerts"][-1].startswith("The Word documents")
    assert got["notes"] > 0 and got["links"] == len(expected)


def test_marks_in_lite_keep_the_owners_notes_and_fills(tmp_path: Path,
                                                       demo_master: Path) -> None:
    """A second check replaces our notes only: the owner's note text and fill colour stay."""
    import asyncio

    from secor_xl.excel import lite_book

    from .lite_fake_book import FakeBook

    book = FakeBook(_payload(demo_master))
    asyncio.run(lite_book.check(book))
    marked = [(s, key) for s in book.sheets for key in s.notes_text]
    assert len(marked) >= 2 and not book.app.alerts[-1].startswith("secor-xl could not")
    (first, one), (second, two) = marked[:2]
    ours = first.notes_text[one]
    first.notes_text[one] = "Owner: the binder has it"
    second.fills[two] = (0, 255, 0)
    asyncio.run(lite_book.check(book))
    assert first.notes_text[one] == f"Owner: the binder has it\n\n{ours}"
    assert second.fills[two] == (0, 255, 0)
    assert [(s, key) for s in book.sheets for key in s.notes_text] == marked


def test_libreoffice_opens_the_lite_master(recalc) -> None:  # type: ignore[no-untyped-def]
    """The added parts leave a package a real spreadsheet application reads as before."""
    import openpyxl

    recalculated = openpyxl.load_workbook(recalc(LITE), data_only=True)
    plain = openpyxl.load_workbook(ROOT / "workbooks" / "secor_master.xlsx")
    assert recalculated.sheetnames == plain.sheetnames
    assert recalculated["Dashboard"]["C5"].value == 0


def test_lite_takes_off_an_older_versions_marks_without_a_record(demo_master: Path) -> None:
    """No record sheet (a workbook an older version marked): only a line in the old exact
    shape naming its own cell's sheet and row goes, with an old mark colour."""
    import asyncio

    from secor_xl.excel import lite_book

    from .lite_fake_book import FakeBook

    book = FakeBook(_payload(demo_master))
    company = book.sheets["Company"]
    old = "secor-xl: Company row 40, Value: no longer true (invalid.text)"
    company.notes_text[(40, 5)] = f"Owner's line\n\n{old}"
    company.fills[(40, 5)] = "#FFC7CE"
    company.notes_text[(41, 5)] = "secor-xl: Company row 7, Value: names another row (x.y)"
    asyncio.run(lite_book.check(book))
    assert company.notes_text[(40, 5)] == "Owner's line"
    assert company.fills.get((40, 5)) is None
    assert company.notes_text[(41, 5)].endswith("(x.y)")
    assert "secor-xl marks" in [s.name for s in book.sheets]
