"""`upgrade` repairs what version 1 wrote wrong (tests/fixtures/secor_v1_demo.xlsx): Risk
Rank's `[#This Row]` without its table (LibreOffice showed #N/A in every row), the
Inspection Schedule's MAXIFS colours and the Training Records' colours that read other
sheets directly, and list validations written with a leading "="."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl

from secor_xl.excel.upgrade import upgrade_workbook
from secor_xl.schema import sheet

from .test_upgrade import V1


def _upgraded(tmp_path: Path) -> Path:
    path = tmp_path / "client.xlsx"
    shutil.copy(V1, path)
    upgrade_workbook(path)
    return path


def _risk_rank(path: Path, data_only: bool) -> list[object]:
    ws = openpyxl.load_workbook(path, data_only=data_only)["Hazard Assessments"]
    column = 1 + sheet("Hazard Assessments").column_names.index("Risk Rank")
    return [ws.cell(r, column).value for r in range(2, ws.max_row + 1)]


def test_risk_rank_is_a_number_in_libreoffice_after_the_upgrade(  # type: ignore[no-untyped-def]
        tmp_path: Path, recalc) -> None:
    before = [v for v in _risk_rank(recalc(V1), True) if v is not None]
    assert before and all(v == "#N/A" for v in before)  # what version 1 showed
    path = _upgraded(tmp_path)
    assert all("HazardAssessments[[#This Row]" in str(f)
               for f in _risk_rank(path, False) if f)
    after = _risk_rank(recalc(path), True)
    assert len(after) == len(before) and "#N/A" not in after
    assert all(isinstance(v, int | float) for v in after if v not in (None, ""))
    assert sum(isinstance(v, int | float) for v in after) >= 20  # rated lines: 24


def test_no_row_colour_reads_another_sheet_directly_after_the_upgrade(tmp_path: Path) -> None:
    path = _upgraded(tmp_path)
    book = openpyxl.load_workbook(path)
    formulas = {ws.title: [f for cf in ws.conditional_formatting for r in cf.rules
                           for f in r.formula or []] for ws in book.worksheets}
    assert not [(t, f) for t, fs in formulas.items() for f in fs if "!" in f]
    assert not [f for f in formulas["Inspection Schedule"] if "MAXIFS" in f]
    assert any("Flag_MatrixValidity" in f for f in formulas["Training Records"])
    assert any("Never inspected" in f for f in formulas["Inspection Schedule"])
    assert book.defined_names["Flag_EmployeeName"].attr_text == "'Employees'!$B:$B"


def test_no_list_validation_starts_with_an_equals_sign(tmp_path: Path) -> None:
    path = _upgraded(tmp_path)
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n).decode() for n in z.namelist()
                  if n.startswith("xl/worksheets/sheet")]
    assert sum(s.count("<formula1>") for s in sheets) > 10
    assert not any("<formula1>=" in s for s in sheets)


def test_a_second_upgrade_changes_nothing(tmp_path: Path) -> None:
    path = _upgraded(tmp_path)
    assert upgrade_workbook(path).changes == []
