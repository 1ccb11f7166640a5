"""The computed columns: each row shows why the Dashboard counts it, and a row without its
formula is found and put back.

LibreOffice recalculates; the engine (`rules/status.py`) says what each row must show.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.row_formulas import row_formula
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import check_workbook
from secor_xl.rules.status import inspection_status, training_status
from secor_xl.schema import sheet

from . import dashboard_fixture as fx
from .commands import secor_xl
from .conftest import DEMO_DAY
from .test_dashboard_libreoffice import COUNT_NAMES, engine_counts, named_values


def _letter(sheet_name: str, column: str) -> str:
    return get_column_letter(1 + sheet(sheet_name).column_names.index(column))


def _column(path: Path, sheet_name: str, column: str) -> list[Any]:
    """The recalculated values of a table column, one per data row."""
    ws = openpyxl.load_workbook(path, data_only=True)[sheet_name]
    table = next(iter(ws.tables.values()))
    last = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    letter = _letter(sheet_name, column)
    return [ws[f"{letter}{r}"].value for r in range(2, last + 1)]


def test_the_rows_show_what_the_engine_decides(demo_master: Path,
                                              demo_recalculated: Path) -> None:
    """Demo, as of its day: each schedule item's Last Inspected, Next Due and Status, and
    each matrix line's Workers Missing, are the engine's."""
    done = demo_recalculated
    wb = read_workbook(demo_master)
    items = inspection_status(wb, DEMO_DAY).set_index("_row")
    status = _column(done, "Inspection Schedule", "Status")
    last = _column(done, "Inspection Schedule", "Last Inspected")
    due = _column(done, "Inspection Schedule", "Next Due")
    schedule = wb.frame("Inspection Schedule").set_index("_row")
    for i, row in enumerate(range(2, 2 + len(status))):
        if row not in schedule.index:
            assert status[i] in (None, ""), row
            continue
        if row not in items.index:  # retired
            assert status[i] == "Retired", row
            continue
        item = items.loc[row]
        expected = ("Never inspected" if item["never"]
                    else "Overdue" if item["overdue"] else "Current")
        assert status[i] == expected, (row, status[i], expected)
        if not item["never"]:
            assert last[i].date() == item["last"].date(), row
            assert due[i].date() == item["due"].date(), row
    assert "Current" in status and ("Overdue" in status or "Never inspected" in status)

    pairs = training_status(wb, DEMO_DAY)
    missing = pairs[pairs["state"].isin(["missing", "expired"])]
    by_line = missing.groupby([missing["Position"].str.strip().str.upper(),
                               missing["Course"].str.strip().str.upper()]).size()
    matrix = wb.frame("Training Matrix").set_index("_row")
    shown = _column(done, "Training Matrix", "Workers Missing")
    counted = _column(done, "Training Matrix", "Counted")
    seen: set[tuple[str, str]] = set()
    for i, row in enumerate(range(2, 2 + len(shown))):
        if row not in matrix.index:
            continue
        line = matrix.loc[row]
        key = (str(line["Position"]).strip().upper(), str(line["Course"]).strip().upper())
        first = str(line["Required"]).strip().upper() == "YES" and key not in seen
        seen |= {key} if first else set()
        assert counted[i] == ("Yes" if first else "No"), row
        if first:
            assert shown[i] == by_line.get(key, 0), (row, key)
        else:
            assert shown[i] in (None, ""), row
    assert sum(v for v in shown if isinstance(v, int | float)) == len(missing) > 0


def _strip(path: Path, cells: dict[str, list[str]], paste: dict[str, Any]) -> None:
    """Take the formula out of some cells (blank), paste a value over others."""
    book = openpyxl.load_workbook(path)
    for sheet_name, coords in cells.items():
        for coord in coords:
            book[sheet_name][coord].value = None
    for where, value in paste.items():
        sheet_name, coord = where.split("!")
        book[sheet_name][coord].value = value
    book.save(path)


def test_a_row_without_its_formula_is_found_and_put_back(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    path = build_workbook(tmp_path / "fixture.xlsx",
                          BuildOptions(company=fx.company(), rows=fx.rows()))
    status, missing = _letter("Inspection Schedule", "Status"), _letter(
        "Training Matrix", "Workers Missing")
    # Truck*1 (row 2) is overdue, First Aid Kit (row 7) never inspected; the Carpenter's
    # WHMIS line (row 5) misses one worker. A pasted "Current" hides Truck*1.
    _strip(path, {"Inspection Schedule": [f"{status}7"], "Training Matrix": [f"{missing}5"]},
           {f"Inspection Schedule!{status}2": "Current"})
    findings = [f for f in check_workbook(read_workbook(path), fx.AS_OF).findings
                if f.code == "missing.formula"]
    assert {(f.sheet, f.row, f.column) for f in findings} == {
        ("Inspection Schedule", 2, "Status"), ("Inspection Schedule", 7, "Status"),
        ("Training Matrix", 5, "Workers Missing")}
    assert all("LibreOffice" in f.message and "check --write" in f.message for f in findings)
    broken = named_values(recalc(path), COUNT_NAMES)
    assert broken != fx.EXPECTED  # the Dashboard undercounts: why the finding matters

    result = secor_xl("check", path, "--write")
    assert result.returncode in (0, 1), result.stderr
    book = openpyxl.load_workbook(path)
    for sheet_name, column, row in (("Inspection Schedule", "Status", 2),
                                    ("Inspection Schedule", "Status", 7),
                                    ("Training Matrix", "Workers Missing", 5)):
        value = book[sheet_name][f"{_letter(sheet_name, column)}{row}"].value
        expected = row_formula(sheet_name, column)
        assert (value.text if isinstance(value, ArrayFormula) else value) == expected.text
    assert named_values(recalc(path), COUNT_NAMES) == fx.EXPECTED == engine_counts(path)
    again = check_workbook(read_workbook(path), fx.AS_OF).findings
    assert not [f for f in again if f.code == "missing.formula"]


def test_a_row_added_in_libreoffice_gets_its_formulas(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    """The table grows by a row typed in without formulas (as LibreOffice leaves it);
    --write fills every computed column of that row, under the client's table name."""
    path = build_workbook(tmp_path / "fixture.xlsx",
                          BuildOptions(company=fx.company(), rows=fx.rows(), spare_rows=0))
    book = openpyxl.load_workbook(path)
    ws = book["Inspection Schedule"]
    table = ws.tables["InspectionSchedule"]
    first, last = table.ref.split(":")
    end_row = int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    letters = last.rstrip("0123456789")
    for name, value in (("Item", "Scaffold"), ("Inspection Type", "Site"),
                        ("Frequency", "Weekly"), ("Responsible", "Ann Lee"),
                        ("Active", "Yes")):
        ws[f"{_letter('Inspection Schedule', name)}{end_row}"] = value
    for column in ("Last Inspected", "Next Due", "Status"):
        assert ws[f"{_letter('Inspection Schedule', column)}{end_row}"].value is None
    table.ref = f"{first}:{letters}{end_row}"
    table.autoFilter.ref = table.ref
    # the client renamed the table: the formulas put back must use its name
    table.displayName = table.name = "MySchedule"
    del ws.tables["InspectionSchedule"]
    ws.tables["MySchedule"] = table
    book.save(path)
    findings = [f for f in check_workbook(read_workbook(path), fx.AS_OF).findings
                if f.code == "missing.formula"]
    assert [(f.row, f.message.split(":")[1].split(" have")[0].strip()) for f in findings] == [
        (end_row, "Last Inspected, Next Due, Status")]
    assert secor_xl("check", path, "--write").returncode in (0, 1)
    done = recalc(path)  # (formulas already in the file keep the old name: not renamed here)
    assert _column(done, "Inspection Schedule", "Status")[-1] == "Never inspected"
    assert engine_counts(path)["OverdueInspections"] == fx.EXPECTED["OverdueInspections"] + 1
    text = openpyxl.load_workbook(path)["Inspection Schedule"][
        f"{_letter('Inspection Schedule', 'Status')}{end_row}"].value
    assert "MySchedule[[#This Row]" in text and "InspectionSchedule[" not in text


def test_upgrade_fills_the_new_columns_of_a_client_file(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    """A schema 1.3 workbook (the version-1 fixture, upgraded) gets Status and Workers
    Missing in every row, and they compute as the engine."""
    client = tmp_path / "client.xlsx"
    shutil.copy(Path(__file__).parent / "fixtures" / "secor_v1_demo.xlsx", client)
    result = secor_xl("upgrade", client)
    assert result.returncode == 0, result.stderr
    assert "added the column Status to Inspection Schedule" in result.stdout
    wb = read_workbook(client)
    day = wb.as_of or dt.date.today()
    done = recalc(client)
    items = inspection_status(wb, day)
    shown = _column(done, "Inspection Schedule", "Status")
    assert sum(s in ("Overdue", "Never inspected") for s in shown) == int(items["overdue"].sum())
    assert named_values(done, ("ExpiredTraining",))["ExpiredTraining"] == int(
        training_status(wb, day)["state"].isin(["missing", "expired"]).sum())
    assert not [f for f in check_workbook(wb, day).findings if f.code == "missing.formula"]
