"""check --write at any size, marks that are provably ours, charts as they were.

Beside test_writeback.py: the Findings sheet and the marked cells have a bound
(the worst first, a last line saying how many more); a note or fill is taken off
only where the record of our marks (or an older version's exact note shape)
proves it ours; a chart keeps what openpyxl would not write back.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from secor_xl.excel import macros, marks
from secor_xl.excel.filebook import FileBook
from secor_xl.excel.marks import MARKS_SHEET

from .commands import secor_xl as cli

AS_OF = dt.date(2026, 11, 26)
BAD, NEUTRAL = "FFC7CE", "FFEB9C"  # Excel's built-in Bad and Neutral fills
OUR_RED = marks.ERROR_FILL.lstrip("#")


@pytest.fixture()
def client(demo_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "client.xlsx"
    shutil.copy(demo_master, path)
    return path


def noted(path: Path) -> dict[tuple[str, str], str]:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.comment.text for ws in wb.worksheets
            for row in ws.iter_rows() for c in row if c.comment}


def fill_of(path: Path, sheet: str, cell: str) -> str | None:
    fill = openpyxl.load_workbook(path)[sheet][cell].fill
    return str(fill.fgColor.rgb)[-6:] if fill.fill_type == "solid" else None


# -- bounded: the worst first, and a line saying how many more ------------------------------


def test_findings_and_marks_are_capped_worst_first(client: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(macros, "MAX_FINDING_ROWS", 3)
    monkeypatch.setattr(marks, "MAX_MARKED_CELLS", 2)
    book = FileBook(client)
    result = macros.check(book, as_of=AS_OF)
    book.save()
    assert result is not None and len(result.findings) > 4
    rows = [r for r in openpyxl.load_workbook(client)["Findings"].iter_rows(
        min_row=2, values_only=True) if any(r)]
    errors = [f for f in result.findings if f.severity.value == "error"]
    assert [r[4] for r in rows[:3]] == [f.code for f in (errors + [
        f for f in result.findings if f not in errors])][:3]
    more = len(result.findings) - 3
    assert rows[3][0] == (f"... and {more:,} more findings: run secor-xl check --format json "
                          "for all of them")
    assert len(rows) == 4
    wb = openpyxl.load_workbook(client)
    ours = [(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.comment and "secor-xl: " in c.comment.text]
    assert len(ours) == 2
    assert all(fill_of(client, s, c) == OUR_RED for s, c in ours)  # the cells with an error
    record = [r for r in wb[MARKS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert sorted((r[0], r[1]) for r in record) == sorted(ours)
    assert wb[MARKS_SHEET].sheet_state == "veryHidden"


def test_a_second_write_after_a_long_list_leaves_no_old_rows(
        client: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = FileBook(client)
    macros.check(book, as_of=AS_OF)
    book.save()
    full = openpyxl.load_workbook(client)["Findings"].max_row
    monkeypatch.setattr(macros, "MAX_FINDING_ROWS", 2)
    book = FileBook(client)
    macros.check(book, as_of=AS_OF)
    book.save()
    ws = openpyxl.load_workbook(client)["Findings"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_row=full)]
    assert all(v is None for row in values[3:] for v in row)
    assert all(ws.cell(row=r, column=1).hyperlink is None for r in range(5, full + 1))
    assert ws.tables["Findings"].ref == "A1:F4"


# -- ours only: the user's look-alike notes and Bad or Neutral fills stay ---------------------


def test_users_own_bad_fill_and_look_alike_note_survive(client: Path) -> None:
    assert cli("check", client, "--write").returncode == 1  # our record exists from here on
    wb = openpyxl.load_workbook(client)
    log = wb["Corrective Actions"]
    # The user paints cells in Excel's Bad and Neutral (one of them CA-031's Due Date,
    # flagged, after taking our fill off it) and writes a note in our very shape, naming
    # its own cell.
    log["F32"].fill = PatternFill(fill_type=None)
    wb.save(client)
    wb = openpyxl.load_workbook(client)
    log = wb["Corrective Actions"]
    log["F32"].fill = PatternFill("solid", fgColor=BAD)
    log["B2"].fill = PatternFill("solid", fgColor=NEUTRAL)
    log["C2"].fill = PatternFill("solid", fgColor=BAD)
    mine = "secor-xl: Corrective Actions row 2, Description: ask Dale (invalid.reminder)"
    log["C2"].comment = Comment(mine, "Dale")
    log["D2"].comment = Comment("secor-xl: my own to-do (todo.call)", "Dale")
    wb.save(client)
    assert cli("check", client, "--write").returncode == 1
    assert "(overdue.action)" in noted(client)[("Corrective Actions", "F32")]
    wb = openpyxl.load_workbook(client)
    wb["Corrective Actions"]["I32"] = "Closed"  # CA-031 done: its finding clears
    wb.save(client)
    cli("check", client, "--write")
    assert fill_of(client, "Corrective Actions", "F32") == BAD
    assert fill_of(client, "Corrective Actions", "B2") == NEUTRAL
    assert fill_of(client, "Corrective Actions", "C2") == BAD
    notes = noted(client)
    assert ("Corrective Actions", "F32") not in notes  # ours went
    assert notes[("Corrective Actions", "C2")] == mine
    assert notes[("Corrective Actions", "D2")] == "secor-xl: my own to-do (todo.call)"


def test_a_users_note_that_starts_like_ours_keeps_its_lines(client: Path) -> None:
    """The user wrote lines in our shape on a flagged cell: when the finding clears,
    only the text we added goes. (Written once before: a workbook with no record is
    taken as an older version's, whose exact shape such a line has.)"""
    cli("check", client, "--write")
    wb = openpyxl.load_workbook(client)
    theirs = ("secor-xl: Incidents row 4, WCB Report Date: faxed on the 12th (late.wcb_fax)"
              "\nDale")
    wb["Incidents"]["H4"] = "2026-05-20"  # a date as text, and late
    wb["Incidents"]["H4"].comment = Comment(theirs, "Dale")
    wb.save(client)
    cli("check", client, "--write")
    assert noted(client)[("Incidents", "H4")].startswith(theirs + "\n\nsecor-xl: ")
    wb = openpyxl.load_workbook(client)
    wb["Incidents"]["H4"] = dt.datetime(2026, 5, 11)
    wb.save(client)
    cli("check", client, "--write")
    assert noted(client)[("Incidents", "H4")] == theirs


def test_an_older_versions_marks_are_still_cleared(client: Path) -> None:
    """A workbook written before the record: the old notes in their exact shape, naming
    their own cell, go with their fill; a look-alike naming another cell, and a Bad fill
    with no note of ours, stay."""
    wb = openpyxl.load_workbook(client)
    actions = wb["Corrective Actions"]
    old = ("secor-xl: Corrective Actions row 7 (CA-006), Due Date: was due 2026-01-01; "
           "close it or set a new date (overdue.action)")
    actions["F7"].comment = Comment(old, "secor-xl")
    actions["F7"].fill = PatternFill("solid", fgColor=BAD)
    actions["G7"].comment = Comment("Dale: call the supplier\n\n" + old.replace(
        "Due Date", "Assigned To").replace("(overdue.action)", "(invalid.employee)"), "Dale")
    actions["G7"].fill = PatternFill("solid", fgColor=NEUTRAL)
    elsewhere = old.replace("row 7", "row 9")
    actions["F8"].comment = Comment(elsewhere, "Dale")
    actions["F8"].fill = PatternFill("solid", fgColor=BAD)
    actions["E8"].fill = PatternFill("solid", fgColor=NEUTRAL)
    wb.save(client)
    cli("check", client, "--write")
    notes = noted(client)
    assert ("Corrective Actions", "F7") not in notes
    assert fill_of(client, "Corrective Actions", "F7") is None
    assert notes[("Corrective Actions", "G7")] == "Dale: call the supplier"
    assert fill_of(client, "Corrective Actions", "G7") is None
    assert notes[("Corrective Actions", "F8")] == elsewhere
    assert fill_of(client, "Corrective Actions", "F8") == BAD
    assert fill_of(client, "Corrective Actions", "E8") == NEUTRAL


def test_marks_read_back_exactly() -> None:
    ours = marks.our_note([("Inspection Log row 3, Date: typed as text", "invalid.date_text")])
    assert marks.without_our_note(ours, ours) == (True, None)
    assert marks.without_our_note("Dale\r\n\r\n" + ours.replace("\n", "\r\n"), ours) == (
        True, "Dale")
    assert marks.without_our_note(ours + " edited", ours) == (False, ours + " edited")
    assert marks.without_our_note(f"Parts ordered\n{ours}\n\nBooked", ours) == (
        True, "Parts ordered\n\nBooked")  # the user wrote around ours
    row = ["Inspection Log", "B3", "#FFC7CE", ours]
    assert marks.read_record([list(marks.MARKS_HEADER), row, ["x", "not a cell", "", ""]]) \
        == [marks.Mark("Inspection Log", 3, 2, "#FFC7CE", ours)]


def test_our_marks_are_known_again_after_libreoffice_saves(client: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    """LibreOffice rewrites a fill's unseen parts and un-very-hides sheets; our marks are
    still ours after it saved the file."""
    cli("check", client, "--write")
    saved = recalc(client)  # opened and saved as .xlsx by LibreOffice
    assert fill_of(saved, "Corrective Actions", "F32") == OUR_RED
    wb = openpyxl.load_workbook(saved)
    wb["Corrective Actions"]["I32"] = "Closed"
    wb.save(saved)
    cli("check", saved, "--write")
    assert fill_of(saved, "Corrective Actions", "F32") is None
    assert ("Corrective Actions", "F32") not in noted(saved)
    assert openpyxl.load_workbook(saved)[MARKS_SHEET].sheet_state == "veryHidden"


# -- charts keep what openpyxl would not write back -------------------------------------------

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def dress_charts(path: Path) -> None:
    """What a user sets in Excel: rounded corners, a chart style, the chart and plot
    areas' fills on one chart; the other's title deleted."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name in [n for n in parts if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]:
        xml = parts[name].decode()
        if "Records in the last 12 months" in xml:
            xml = xml.replace('<c:lang val="en-US"/>', '<c:lang val="en-US"/>'
                              '<c:roundedCorners val="1"/><c:style val="34"/>', 1)
            xml = xml.replace("</c:plotArea>", '<c:spPr><a:solidFill><a:srgbClr val="DDEBF7"/>'
                              "</a:solidFill></c:spPr></c:plotArea>", 1)
            xml = xml.replace("</c:chart>", '</c:chart><c:spPr><a:solidFill><a:srgbClr '
                              'val="F2F2F2"/></a:solidFill></c:spPr>', 1)
        else:
            xml = re.sub(r"<c:title>.*?</c:title>", '<c:autoTitleDeleted val="1"/>', xml,
                         count=1)
        parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def chart_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [z.read(n).decode() for n in sorted(z.namelist())
                if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]


def test_charts_keep_corners_style_title_and_fills(client: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    dress_charts(client)
    assert cli("check", client, "--write").returncode == 1
    for written in (client, recalc(client)):  # and LibreOffice opens what we wrote
        assert len(openpyxl.load_workbook(written)["Dashboard"]._charts) == 2
    records, readiness = sorted(chart_parts(client), key=lambda x: "Records" not in x)
    assert "Records in the last 12 months" in records
    assert re.search(r'roundedCorners val="(1|true)"', records)
    assert re.search(r'<(\w+:)?style val="34"', records)
    assert 'srgbClr val="DDEBF7"' in records and 'srgbClr val="F2F2F2"' in records
    assert re.search(r'autoTitleDeleted val="(1|true)"', readiness)
    assert "Readiness by element" not in readiness  # no title came back
    labels = re.findall(r"<(?:\w+:)?dLbls>.*?</(?:\w+:)?dLbls>", records)
    assert labels and all(re.search(r'showCatName val="(0|false)"', x) for x in labels)
