"""Forgiving, exact data entry: a typo gets a "did you mean", advice is not built on it, a
text date that reads two ways is not guessed, guests and contractors may attend meetings,
and a message names the record's ID."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from secor_xl.findings import Finding, Severity
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import check_workbook
from secor_xl.schema import sheet
from secor_xl.score import score_workbook

from .conftest import DEMO_DAY


def _edit(demo_master: Path, tmp_path: Path, changes: dict[tuple[str, int, str], Any]) -> Path:
    """A copy of the demo with some cells changed: (sheet, row, column) -> value."""
    path = tmp_path / "demo.xlsx"
    shutil.copy(demo_master, path)
    book = openpyxl.load_workbook(path)
    for (sheet_name, row, column), value in changes.items():
        letter = get_column_letter(1 + sheet(sheet_name).column_names.index(column))
        book[sheet_name][f"{letter}{row}"].value = value
    book.save(path)
    return path


def _findings(path: Path, code: str | None = None) -> list[Finding]:
    found = check_workbook(read_workbook(path), DEMO_DAY).findings
    return [f for f in found if code is None or f.code == code]


def _cell(path: Path, sheet_name: str, row: int, column: str) -> Any:
    letter = get_column_letter(1 + sheet(sheet_name).column_names.index(column))
    return openpyxl.load_workbook(path)[sheet_name][f"{letter}{row}"].value


def test_a_misspelt_name_says_whom_it_means_and_advice_follows_the_typo(
        demo_master: Path, tmp_path: Path) -> None:
    right = _cell(demo_master, "Training Records", 2, "Employee")
    course = _cell(demo_master, "Training Records", 2, "Course")
    typo = right[:-2] + right[-1]  # one letter dropped: "Dale Kowalsi"
    path = _edit(demo_master, tmp_path, {("Training Records", 2, "Employee"): typo})

    (unknown,) = [f for f in _findings(path, "invalid.employee") if typo in f.message]
    assert unknown.severity is Severity.ERROR
    assert f'Did you mean "{right}"?' in unknown.message
    (missing,) = [f for f in _findings(path, "missing.training") if right in f.message]
    assert "Training Records row 2" in missing.message and "fix the spelling" in missing.message
    assert "requires it" not in missing.message  # not "never taken"

    score = score_workbook(read_workbook(path), DEMO_DAY).to_dict()
    advice = " ".join(g["action"] for g in score["gaps"])
    assert (f"the spelling on Training Records row 2 (recorded for '{typo}') if it is "
            f"{right}'s {course}") in advice
    assert f"rain {right} in {course}" not in advice


def test_a_misspelt_reference_says_which_id_it_means(demo_master: Path, tmp_path: Path) -> None:
    action = _cell(demo_master, "Corrective Actions", 2, "Action ID")  # CA-001
    typo = action.replace("-", "")  # "CA001"
    row = next(r for r in range(2, 200)
               if _cell(demo_master, "Inspection Log", r, "Action ID") == action)
    path = _edit(demo_master, tmp_path, {("Inspection Log", row, "Action ID"): typo})
    (found,) = [f for f in _findings(path, "invalid.reference") if typo in f.message]
    assert found.message.endswith(f'Did you mean "{action}"?')


def test_a_text_date_that_reads_two_ways_is_an_error_and_not_used(
        demo_master: Path, tmp_path: Path) -> None:
    path = _edit(demo_master, tmp_path, {("Inspection Log", 2, "Date"): "03/04/2026",
                                         ("Inspection Log", 3, "Date"): "31/03/2026"})
    wb = read_workbook(path)
    log = wb.frame("Inspection Log").set_index("_row")
    assert pd.isna(log.loc[2, "Date"])  # not guessed
    assert log.loc[3, "Date"] == dt.datetime(2026, 3, 31)  # one reading: used
    both = [f for f in _findings(path) if f.sheet == "Inspection Log" and f.row == 2
            and f.column == "Date"]
    assert [(f.code, f.severity) for f in both] == [("invalid.date", Severity.ERROR)]
    assert "April 3, 2026 (day first) or March 4, 2026 (month first)" in both[0].message
    (one,) = [f for f in _findings(path) if f.sheet == "Inspection Log" and f.row == 3
              and f.column == "Date"]
    assert one.code == "invalid.date_text" and one.severity is Severity.WARNING


def test_meetings_take_contractors_and_guests(demo_master: Path, tmp_path: Path) -> None:
    contractor = _cell(demo_master, "Contractors and Visitors", 2, "Name")
    chair = _cell(demo_master, "Meetings", 2, "Chair")
    path = _edit(demo_master, tmp_path, {
        ("Meetings", 2, "Attendees"): f"{chair}, {contractor}",
        ("Meetings", 2, "Guests"): "Pat from the City, a WCB officer",
        ("Meetings", 3, "Attendees"): f"{chair}, Somebody Unknown",
    })
    unknown = [f for f in _findings(path, "invalid.employee") if f.sheet == "Meetings"]
    assert [f.row for f in unknown] == [3]
    assert "Somebody Unknown" in unknown[0].message and "Guests" in unknown[0].message


def test_a_message_names_the_record_by_its_id(demo_master: Path, tmp_path: Path) -> None:
    action = _cell(demo_master, "Corrective Actions", 5, "Action ID")
    path = _edit(demo_master, tmp_path, {("Corrective Actions", 5, "Due Date"): None})
    (found,) = [f for f in _findings(path, "invalid.required")
                if f.sheet == "Corrective Actions" and f.row == 5]
    assert found.message.startswith(f"Corrective Actions row 5 ({action}), Due Date:")


def test_the_reminder_asks_to_fix_the_spelling(demo_master: Path, tmp_path: Path) -> None:
    """The digest does not tell the owner a course was never taken when it was recorded
    under a misspelt name."""
    from secor_xl.automation.digest import dated_items

    right = _cell(demo_master, "Training Records", 2, "Employee")
    typo = right[:-2] + right[-1]
    path = _edit(demo_master, tmp_path, {("Training Records", 2, "Employee"): typo})
    texts = [item.what for item in dated_items(read_workbook(path), DEMO_DAY)
             if right in item.what]
    assert any(f"recorded for {typo!r} on Training Records row 2: fix the spelling" in t
               for t in texts), texts
    assert not any("never taken" in t for t in texts)


def test_a_misspelt_course_is_a_spelling_to_fix(demo_master: Path, tmp_path: Path) -> None:
    person = _cell(demo_master, "Training Records", 2, "Employee")
    course = _cell(demo_master, "Training Records", 2, "Course")
    typo = course[:3] + course[4:]  # one letter dropped
    path = _edit(demo_master, tmp_path, {("Training Records", 2, "Course"): typo})
    (missing,) = [f for f in _findings(path, "missing.training") if person in f.message
                  and course in f.message]
    assert f"Training Records row 2 has it as {typo!r}" in missing.message
    advice = " ".join(g["action"] for g in score_workbook(read_workbook(path),
                                                          DEMO_DAY).to_dict()["gaps"])
    assert f"rain {person} in {course}" not in advice


def test_the_minutes_name_the_guests(demo_master: Path, tmp_path: Path) -> None:
    from docx import Document

    from .commands import secor_xl

    meeting = _cell(demo_master, "Meetings", 2, "Meeting ID")
    path = _edit(demo_master, tmp_path, {("Meetings", 2, "Guests"):
                                         "Anita Shah (WorkSafeBC); Pat Roy, client"})
    out = tmp_path / "minutes.docx"
    result = secor_xl("minutes", path, "--meeting", meeting, "--out", out)
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Guests" in text and "Anita Shah (WorkSafeBC)" in text and "Pat Roy" in text
    attendees = len(str(_cell(demo_master, "Meetings", 2, "Attendees")).split(","))
    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert str(attendees + 3) in cells  # Present: the attendees and the three guests
