"""The workbook tests itself: after a check, LibreOffice's figures equal the engine's and
`SelfTest` reads OK; a record changed since, another day, or no check at all shows."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from secor_xl.builder.self_test import FIGURES
from secor_xl.schema import sheet

from .commands import secor_xl
from .conftest import DEMO_DAY
from .test_dashboard_libreoffice import named_values


def _checked(demo_master: Path, tmp_path: Path, *args: str) -> Path:
    path = tmp_path / "demo.xlsx"
    shutil.copy(demo_master, path)
    result = secor_xl("check", path, "--write", *args)
    assert result.returncode in (0, 1), result.stderr
    return path


def test_a_checked_demo_reads_ok_in_libreoffice(demo_master: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 recalc) -> None:
    path = _checked(demo_master, tmp_path)
    done = recalc(path)
    assert named_values(done, ("SelfTest",))["SelfTest"] == "OK"
    book = openpyxl.load_workbook(done, data_only=True)
    ((sheet_name, area),) = list(book.defined_names["SelfTestExpected"].destinations)
    written = [row[0].value for row in book[sheet_name][area.replace("$", "")]]
    assert written[0].date() == DEMO_DAY
    assert len(written) == 1 + len(FIGURES)
    live = named_values(done, tuple(name for name, _ in FIGURES))
    for (name, _label), value in zip(FIGURES, written[1:], strict=True):
        if isinstance(value, float):
            assert live[name] == pytest.approx(value, abs=0.005), name
        else:
            assert live[name] == value or (live[name] in (None, "") and value in (None, "")), name


def test_an_action_made_late_after_the_check_shows(demo_master: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    recalc) -> None:
    path = _checked(demo_master, tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book["Corrective Actions"]
    columns = sheet("Corrective Actions").column_names
    status = get_column_letter(1 + columns.index("Status"))
    due = get_column_letter(1 + columns.index("Due Date"))
    row = next(r for r in range(2, ws.max_row + 1)
               if str(ws[f"{status}{r}"].value).strip().lower() == "open"
               and isinstance(ws[f"{due}{r}"].value, dt.datetime)
               and ws[f"{due}{r}"].value.date() >= DEMO_DAY)
    ws[f"{due}{row}"].value = dt.datetime.combine(DEMO_DAY - dt.timedelta(days=3), dt.time())
    book.save(path)
    got = named_values(recalc(path), ("SelfTest",))["SelfTest"]
    assert got == "differs: overdue actions", got


def test_another_day_or_no_check_says_so(demo_master: Path, demo_recalculated: Path,  # type: ignore[no-untyped-def]
                                          tmp_path: Path, recalc) -> None:
    assert named_values(demo_recalculated, ("SelfTest",))["SelfTest"] == (
        "not checked yet: run a check")
    path = _checked(demo_master, tmp_path, "--as-of", "2026-10-01")
    assert named_values(recalc(path), ("SelfTest",))["SelfTest"] == (
        "last check was for another day: check again")


def test_rows_without_their_formulas_show_even_when_the_figures_agree(  # type: ignore[no-untyped-def]
        demo_master: Path, tmp_path: Path, recalc) -> None:
    """A schedule row inserted in LibreOffice has no Status: the count cannot see it, so the
    figures may still agree; the self-test says so, and a check with --write clears it."""
    path = _checked(demo_master, tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book["Inspection Schedule"]
    columns = sheet("Inspection Schedule").column_names
    row = next(r for r in range(2, ws.max_row + 1)
               if not ws.cell(r, 1 + columns.index("Item")).value)
    for name, value in (("Item", "Extension Ladders"), ("Inspection Type", "Equipment"),
                        ("Frequency", "Monthly"), ("Active", "Yes")):
        ws.cell(row, 1 + columns.index(name)).value = value
    for name in ("Last Inspected", "Next Due", "Status"):
        ws.cell(row, 1 + columns.index(name)).value = None
    book.save(path)
    got = named_values(recalc(path), ("SelfTest",))["SelfTest"]
    assert got == "1 row(s) without their formulas: run a check with --write", got
    assert secor_xl("check", path, "--write").returncode in (0, 1)
    assert named_values(recalc(path), ("SelfTest",))["SelfTest"] == "OK"
