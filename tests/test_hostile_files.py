"""Damaged, odd and hostile workbooks, as a fuzzing run found them: never a traceback, an
abort or a hang; `--write` keeps what the user made; one workbook's backups are its own.

Every damaged file is made here from the demo workbook, as the fuzzing did.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from secor_xl.builder.vba.cfb import Storage, Stream, write
from secor_xl.reader.package import MAX_READER_PART_BYTES

SHEET = "xl/worksheets/sheet4.xml"  # Employees in a built master
PYTHON = [sys.executable, "-m", "secor_xl"]


@pytest.fixture()
def client(demo_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "client.xlsx"
    shutil.copy(demo_master, path)
    return path


def run(*args: str | Path, timeout: float = 120, limits: Callable[[], None] | None = None
        ) -> subprocess.CompletedProcess[str]:
    """`secor-xl ARGS` in its own process, with a memory cap so a regression cannot take
    the machine down; a hang fails the test through the timeout."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))
        if limits:
            limits()
    return subprocess.run([*PYTHON, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=cap, check=False)


def assert_plain_refusal(result: subprocess.CompletedProcess[str], path: Path) -> None:
    """Exit 2 and one line naming the file; no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"secor-xl: {path}"), result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr


def repack(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of a workbook package with members changed (None drops a member)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def member_offset(path: Path, name: str) -> int:
    """Where a member's compressed bytes start in the file."""
    with zipfile.ZipFile(path) as package:
        info = package.getinfo(name)
    raw = path.read_bytes()
    start = info.header_offset
    name_len, extra_len = int.from_bytes(raw[start + 26:start + 28], "little"), \
        int.from_bytes(raw[start + 28:start + 30], "little")
    return start + 30 + name_len + extra_len


# -- 1, 3, 11: damaged packages and sheets too large to hold -------------------------------

def deleted_sheet(src: Path, dst: Path) -> Path:
    return repack(src, dst, lambda n, d: None if n == SHEET else d)


def not_utf8(src: Path, dst: Path) -> Path:
    return repack(src, dst, lambda n, d: d.replace(b"<sheetData>", b"<sheetData>\xff\xfe", 1)
                  if n == SHEET else d)


def bad_deflate(src: Path, dst: Path) -> Path:
    raw = bytearray(src.read_bytes())
    at = member_offset(src, SHEET)
    for i in range(at + 10, at + 40):
        raw[i] ^= 0x55
    dst.write_bytes(bytes(raw))
    return dst


def bad_crc(src: Path, dst: Path) -> Path:
    raw = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as package:
        info = package.getinfo(SHEET)
    for i in range(4):  # the CRC in the member's local header
        raw[info.header_offset + 14 + i] ^= 0xFF
    dst.write_bytes(bytes(raw))
    return dst


def xml_syntax(src: Path, dst: Path) -> Path:
    return repack(src, dst, lambda n, d: d.replace(b"</sheetData>", b"<row></sheetData>")
                  if n == SHEET else d)


def far_cell(src: Path, dst: Path) -> Path:
    stray = (b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
             b"</sheetData>")
    return repack(src, dst, lambda n, d: d.replace(b"</sheetData>", stray) if n == SHEET else d)


def huge_shared_strings(src: Path, dst: Path) -> Path:
    padding = b" " * (MAX_READER_PART_BYTES + 1024)
    return repack(src, dst, lambda n, d: d.replace(b"<sst ", padding + b"<sst ", 1)
                  if n == "xl/sharedStrings.xml" else d)


def past_xfd(src: Path, dst: Path) -> Path:
    """A reference no Excel makes (column ZZZZZ): the reader would ask for 35 GB."""
    stray = b'<row r="90"><c r="ZZZZZ90"><v>1</v></c></row></sheetData>'
    return repack(src, dst, lambda n, d: d.replace(b"</sheetData>", stray) if n == SHEET else d)


def z_on_every_sheet(src: Path, dst: Path) -> Path:
    """Each sheet just under the one-sheet bound; together far over what a book may hold."""
    stray = b'<row r="1048576"><c r="Z1048576"><v>1</v></c></row></sheetData>'
    return repack(src, dst, lambda n, d: d.replace(b"</sheetData>", stray)
                  if n.startswith("xl/worksheets/sheet") else d)


REFUSED = {
    "deleted_sheet": (deleted_sheet, "Employees"),
    "past_xfd": (past_xfd, "ZZZZZ90"),
    "z_on_every_sheet": (z_on_every_sheet, "far beyond any records"),
    "not_utf8": (not_utf8, "damaged"),
    "bad_deflate": (bad_deflate, "damaged"),
    "far_cell": (far_cell, "XFD1048576"),
    "huge_shared_strings": (huge_shared_strings, "xl/sharedStrings.xml"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_damaged_package_is_one_plain_line_for_every_reading_command(
        client: Path, tmp_path: Path, case: str) -> None:
    make, words = REFUSED[case]
    bad = make(client, tmp_path / f"{case}.xlsx")
    for args in (("check",), ("score",), ("docs", "--out", tmp_path / "docs"),
                 ("check", "--write")):
        before = bad.read_bytes()
        result = run(args[0], bad, *args[1:])
        assert_plain_refusal(result, bad)
        if "--write" not in args:  # --write may stop earlier, at its own reading
            assert words in result.stderr
        assert bad.read_bytes() == before


@pytest.mark.parametrize("make", [bad_crc, xml_syntax])
def test_damage_the_reader_survives_is_read(client: Path, tmp_path: Path,
                                            make: Callable[[Path, Path], Path]) -> None:
    bad = make(client, tmp_path / "odd.xlsx")
    result = run("check", bad, "--format", "json")
    if result.returncode == 2:
        assert_plain_refusal(result, bad)
    else:
        assert result.returncode in (0, 1), result.stderr
        assert json.loads(result.stdout)["summary"]["errors"] >= 0


# -- 4, 9: a named pipe, and files that only look like workbooks ----------------------------

def test_a_link_loop_and_an_unreadable_file_are_one_line(tmp_path: Path, client: Path) -> None:
    loop = tmp_path / "l1.xlsx"
    loop.symlink_to(tmp_path / "l2.xlsx")
    (tmp_path / "l2.xlsx").symlink_to(loop)
    result = run("check", loop)
    assert_plain_refusal(result, loop)
    assert "link" in result.stderr


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "client.xlsx"
    os.mkfifo(pipe)
    for command in ("check", "score"):
        result = run(command, pipe, timeout=60)
        assert_plain_refusal(result, pipe)
        assert "not a regular file" in result.stderr


def compound_file(path: Path, *streams: str) -> Path:
    path.write_bytes(write(Storage("Root Entry", [Stream(s, b"\0" * 5000) for s in streams])))
    return path


def test_a_real_xls_renamed_xlsx_is_called_an_old_workbook(tmp_path: Path) -> None:
    old = compound_file(tmp_path / "old.xlsx", "Workbook", "\x05SummaryInformation")
    result = run("check", old)
    assert_plain_refusal(result, old)
    assert "Excel 97-2003 (.xls)" in result.stderr and "password" not in result.stderr


def test_an_encrypted_workbook_is_still_called_password_protected(tmp_path: Path) -> None:
    locked = compound_file(tmp_path / "locked.xlsx", "EncryptionInfo", "EncryptedPackage")
    result = run("check", locked)
    assert_plain_refusal(result, locked)
    assert "password-protected" in result.stderr


# -- 2: --write on a workbook without a Findings sheet --------------------------------------

def test_check_write_adds_a_findings_sheet_when_there_is_none(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    wb.remove(wb["Findings"])
    wb.save(client)
    expected = json.loads(run("check", client, "--format", "json").stdout)["findings"]
    result = run("check", client, "--write")
    assert result.returncode == 1, result.stderr
    ws = openpyxl.load_workbook(client)["Findings"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]
    assert [(r[0], r[1], r[4]) for r in rows] == [(f["sheet"], f["row"], f["code"])
                                                  for f in expected]
    assert list(ws.tables) == ["Findings"]
    again = run("check", client, "--write")  # the sheet it made is used, not made twice
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert openpyxl.load_workbook(client).sheetnames.count("Findings") == 1


def test_check_write_when_the_findings_sheet_was_renamed(client: Path) -> None:
    """The old sheet keeps its name, rows and table; a new Findings sheet gets the list."""
    wb = openpyxl.load_workbook(client)
    wb["Findings"].title = "Findings Nov"
    wb.save(client)
    result = run("check", client, "--write")
    assert result.returncode == 1, result.stderr
    wb = openpyxl.load_workbook(client)
    assert {"Findings", "Findings Nov"} <= set(wb.sheetnames)
    (table,) = wb["Findings"].tables.values()
    rows = [r for r in wb["Findings"].iter_rows(min_row=2, values_only=True) if any(r)]
    assert table.ref == f"A1:F{len(rows) + 1}"


def test_check_write_finds_the_findings_sheet_in_any_case(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    wb["Findings"].title = "tmp"  # openpyxl will not rename by case alone
    wb["tmp"].title = "FINDINGS"
    wb.save(client)
    assert run("check", client, "--write").returncode == 1
    wb = openpyxl.load_workbook(client)
    assert "Findings" not in wb.sheetnames
    rows = [r for r in wb["FINDINGS"].iter_rows(min_row=2, values_only=True) if any(r)]
    assert len(rows) == len(json.loads(run("check", client, "--format", "json").stdout)
                            ["findings"])


# -- 7: the user's notes and fills survive our marks ----------------------------------------

YELLOW = "FFFFFF00"


def test_the_users_note_and_fill_survive_a_mark_and_come_back_when_it_goes(
        client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    ws = wb["Corrective Actions"]
    ws["F32"].comment = Comment("Ask Dale: supplier is late.", "Bookkeeper")
    ws["F32"].fill = PatternFill("solid", fgColor=YELLOW)  # CA-031's Due Date: overdue
    ws["E33"].comment = Comment("Called the client", "Bookkeeper")  # never flagged
    wb.save(client)

    assert run("check", client, "--write").returncode == 1
    cell = openpyxl.load_workbook(client)["Corrective Actions"]["F32"]
    assert cell.comment.text.startswith("Ask Dale: supplier is late.\n\nsecor-xl: ")
    assert "overdue.action" in cell.comment.text and cell.comment.author == "Bookkeeper"
    assert cell.fill.fgColor.rgb == YELLOW

    assert run("check", client, "--write").returncode == 1  # twice: ours is not doubled
    cell = openpyxl.load_workbook(client)["Corrective Actions"]["F32"]
    assert cell.comment.text.count("secor-xl: ") == 1

    wb = openpyxl.load_workbook(client)
    wb["Corrective Actions"]["I32"] = "Closed"
    wb.save(client)
    run("check", client, "--write")
    ws = openpyxl.load_workbook(client)["Corrective Actions"]
    assert ws["F32"].comment.text == "Ask Dale: supplier is late."
    assert ws["F32"].fill.fgColor.rgb == YELLOW
    assert ws["E33"].comment.text == "Called the client"


def test_our_fill_on_a_plain_cell_goes_with_the_mark_and_the_users_note_stays(
        client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    wb["Corrective Actions"]["F32"].comment = Comment("Parts ordered", "Dale")
    wb.save(client)
    run("check", client, "--write")
    cell = openpyxl.load_workbook(client)["Corrective Actions"]["F32"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CD")  # painted: the user had no fill
    wb = openpyxl.load_workbook(client)
    wb["Corrective Actions"]["I32"] = "Closed"
    wb.save(client)
    run("check", client, "--write")
    cell = openpyxl.load_workbook(client)["Corrective Actions"]["F32"]
    assert cell.comment.text == "Parts ordered" and cell.fill.fill_type is None


def test_user_text_shaped_like_ours_or_around_ours_is_never_removed(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    wb["Employees"]["B2"].comment = Comment("secor-xl: remember to ask Dale", "Bookkeeper")
    wb.save(client)
    run("check", client, "--write")
    wb = openpyxl.load_workbook(client)
    assert wb["Employees"]["B2"].comment.text == "secor-xl: remember to ask Dale"
    ours = wb["Corrective Actions"]["F32"].comment.text
    wb["Corrective Actions"]["F32"].comment = Comment(
        f"Parts ordered\n{ours}\n\nBooked the repair for Jan 12", "Bookkeeper")
    wb.save(client)
    run("check", client, "--write")  # still late: ours is written once, theirs all kept
    text = openpyxl.load_workbook(client)["Corrective Actions"]["F32"].comment.text
    assert text.count("(overdue.action)") == 1
    assert "Parts ordered" in text and "Booked the repair for Jan 12" in text
    wb = openpyxl.load_workbook(client)
    wb["Corrective Actions"]["I32"] = "Closed"
    wb.save(client)
    run("check", client, "--write")
    text = openpyxl.load_workbook(client)["Corrective Actions"]["F32"].comment.text
    assert text == "Parts ordered\n\nBooked the repair for Jan 12"  # only our line went


def test_write_goes_through_a_link_and_refuses_a_read_only_file(client: Path,
                                                               tmp_path: Path) -> None:
    link = tmp_path / "link.xlsx"
    link.symlink_to(client)
    assert run("check", link, "--write").returncode == 1
    assert link.is_symlink()
    assert "Findings" in openpyxl.load_workbook(client).sheetnames
    assert (client.parent / "backups").is_dir()
    client.chmod(0o444)
    before = client.read_bytes()
    result = run("check", client, "--write")
    assert_plain_refusal(result, client)
    assert "read-only" in result.stderr and client.read_bytes() == before


# -- 8: one workbook's backups are never pruned by another's --------------------------------

def test_backups_of_one_workbook_never_touch_another_workbooks(client: Path) -> None:
    v2 = client.with_name("client.v2.xlsx")
    shutil.copy(client, v2)
    run("check", v2, "--write")
    (theirs,) = (client.parent / "backups").iterdir()
    for _ in range(7):
        run("check", client, "--write")
    names = sorted(p.name for p in (client.parent / "backups").iterdir())
    assert theirs.name in names
    assert len([n for n in names if n.startswith("client.2")]) == 5


# -- 5: a write that fails half-way --------------------------------------------------------

def test_a_write_over_the_file_size_limit_is_one_line_and_changes_nothing(
        client: Path) -> None:
    before = client.read_bytes()
    limit = len(before) // 2

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    # The backup copy is the first thing over the limit; make room for it.
    (client.parent / "backups").mkdir()
    result = run("check", client, "--write", limits=small_files)
    assert_plain_refusal(result, client)
    assert "nothing was changed" in result.stderr
    assert client.read_bytes() == before
    assert sorted(p.name for p in client.parent.iterdir() if p.is_file()) == [client.name]


# -- 12: a small fuzz with a fixed seed -------------------------------------------------------

def mutations(source: Path, folder: Path, seed: int = 20261201, count: int = 18) -> list[Path]:
    """Copies of the demo with bytes flipped in XML members, members deleted, or cut short."""
    rng = random.Random(seed)
    with zipfile.ZipFile(source) as package:
        xml = [n for n in package.namelist() if n.endswith((".xml", ".rels"))]
    made = []
    for i in range(count):
        target = folder / f"fuzz{i:02d}.xlsx"
        kind = i % 3
        if kind == 0:
            victim = rng.choice(xml)

            def flip(name: str, data: bytes, victim: str = victim) -> bytes:
                if name != victim or not data:
                    return data
                spoilt = bytearray(data)
                for _ in range(rng.randint(1, 8)):
                    spoilt[rng.randrange(len(spoilt))] = rng.randrange(256)
                return bytes(spoilt)
            repack(source, target, flip)
        elif kind == 1:
            victim = rng.choice(xml)
            repack(source, target, lambda n, d, v=victim: None if n == v else d)
        else:
            raw = source.read_bytes()
            target.write_bytes(raw[:rng.randrange(len(raw))])
        made.append(target)
    return made


def test_fuzzed_copies_of_the_demo_never_crash_abort_or_hang(client: Path,
                                                               tmp_path: Path) -> None:
    for bad in mutations(client, tmp_path):
        result = run("check", bad, "--format", "json", timeout=120)
        assert result.returncode in (0, 1, 2), (bad.name, result.returncode, result.stderr)
        assert "Traceback" not in result.stderr, (bad.name, result.stderr)
        assert "unexpected error" not in result.stderr, (bad.name, result.stderr)
        if result.returncode == 2:
            assert_plain_refusal(result, bad)
        else:
            assert "findings" in json.loads(result.stdout)
