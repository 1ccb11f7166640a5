"""The built master reopened: sheets, tables, headers, validations, names, formats."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.formulas import COUNT_FORMULAS
from secor_xl.builder.row_formulas import ROW_FORMULAS, row_formula
from secor_xl.schema import LISTS, SCHEMA_VERSION, SHEETS, ColumnType, SheetKind, sheet


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = tmp_path_factory.mktemp("master") / "master.xlsx"
    build_workbook(path, BuildOptions(company={"Company Name": "=cmd|' /C calc'!A0",
                                               "Province": "AB"}))
    return openpyxl.load_workbook(path)


def test_every_schema_sheet_in_order(master: Workbook) -> None:
    assert master.sheetnames == [s.name for s in SHEETS]
    assert master.active.title == "Dashboard"


def test_tables_have_the_schema_headers_and_style(master: Workbook) -> None:
    for s in SHEETS:
        if s.kind is not SheetKind.TABLE and s.name != "Findings":
            continue
        ws = master[s.name]
        table = ws.tables[s.table_name]
        assert table.ref.startswith("A1:")
        assert [c.name for c in table.tableColumns] == s.column_names
        assert [cell.value for cell in ws[1]][: len(s.columns)] == s.column_names
        assert table.tableStyleInfo.name == "TableStyleMedium2"
        assert ws.freeze_panes in ("A2", "B2")


def test_list_columns_validate_against_named_ranges(master: Workbook) -> None:
    for s in SHEETS:
        if s.kind is not SheetKind.TABLE:
            continue
        ws = master[s.name]
        by_column = {}
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                by_column[rng.min_col] = dv
        for index, col in enumerate(s.columns, start=1):
            if col.type is ColumnType.FORMULA:
                continue
            dv = by_column[index]
            assert dv.promptTitle == col.name[:32]
            if col.list_name:
                assert (dv.type, dv.formula1) == ("list", col.list_name), (s.name, col.name)
            elif col.type is ColumnType.EMPLOYEE:
                assert (dv.type, dv.formula1) == ("list", "Roster_Names"), (s.name, col.name)
            elif col.type is ColumnType.DATE:
                assert dv.type == "date", (s.name, col.name)


def test_lists_sheet_and_names(master: Workbook) -> None:
    ws = master["Lists"]
    names = master.defined_names
    for i, lst in enumerate(LISTS, start=1):
        values = [ws.cell(row=r, column=i).value for r in range(1, len(lst.values) + 2)]
        assert values == [lst.title, *lst.values]
        assert "OFFSET(Lists!" in names[lst.range_name].attr_text
    assert "Employees!$B$2" in names["Roster_Names"].attr_text


def test_defined_names(master: Workbook) -> None:
    names = master.defined_names
    assert names["SchemaVersion"].attr_text == f'"{SCHEMA_VERSION}"'
    company = sheet("Company")
    as_of_row = 2 + company.column_names.index("As-of Date")
    assert names["AsOfDate"].attr_text == f"Company!$B${as_of_row}"
    assert master["Company"][f"A{as_of_row}"].value == "As-of Date"
    for name in COUNT_FORMULAS:
        ((sheet_name, coord),) = list(names[name].destinations)
        assert sheet_name == "Dashboard"
        cell = master["Dashboard"][coord.replace("$", "")]
        formula = cell.value.text  # an array formula
        assert "AsOfDate" in formula or "[" in formula  # the as-of day, or table columns
        assert cell.value.ref == coord.replace("$", "")


def test_computed_columns_are_formulas_in_every_row(master: Workbook) -> None:
    """Status, Workers Missing and the rest: an array formula in each row where it looks at
    other rows, else the table's calculated column, which Excel fills into new rows."""
    for sheet_name, column in ROW_FORMULAS:
        ws = master[sheet_name]
        table = ws.tables[sheet(sheet_name).table_name]
        letter = get_column_letter(1 + sheet(sheet_name).column_names.index(column))
        first, last = (int(x) for x in re.findall(r"\d+", table.ref))
        expected = row_formula(sheet_name, column)
        for r in range(first + 1, last + 1):
            value = ws[f"{letter}{r}"].value
            text = value.text if isinstance(value, ArrayFormula) else value
            assert isinstance(value, ArrayFormula) is expected.array, (sheet_name, column)
            assert text == expected.text, (sheet_name, column, r)
        spec = next(c for c in table.tableColumns if c.name == column)
        assert (spec.calculatedColumnFormula is None) is expected.array


def test_cell_text_is_never_a_formula(master: Workbook) -> None:
    cell = master["Company"]["B2"]
    assert cell.value == "=cmd|' /C calc'!A0"
    assert cell.data_type == "s"


def test_dates_and_formats(master: Workbook) -> None:
    ws = master["Inspection Log"]
    assert ws["B2"].number_format == "yyyy-mm-dd"
    actions = rule_formulas(master, "Corrective Actions")
    assert "AsOfDate" in actions and '"CLOSED"' in actions
    schedule = rule_formulas(master, "Inspection Schedule")
    status = get_column_letter(1 + sheet("Inspection Schedule").column_names.index("Status"))
    assert f'${status}2="Overdue"' in schedule  # the row's own Status, not a formula of its own
    assert "COUNTIFS" in rule_formulas(master, "Training Records")


def rule_formulas(master: Workbook, sheet_name: str) -> str:
    """Every conditional-format formula of a sheet, joined."""
    return " ".join(rule.formula[0] for cf in master[sheet_name].conditional_formatting
                    for rule in cf.rules)


def test_header_help_as_comments(master: Workbook) -> None:
    ws = master["Training Records"]
    assert "Validity Months" in ws["D1"].comment.text


def test_risk_rank_is_a_table_formula(master: Workbook) -> None:
    s = sheet("Hazard Assessments")
    ws = master[s.name]
    table = ws.tables[s.table_name]
    column = next(c for c in table.tableColumns if c.name == "Risk Rank")
    assert "Severity" in column.calculatedColumnFormula.attr_text


def test_self_assessment_and_roadmap_prefilled(master: Workbook) -> None:
    questions = [r[1] for r in master["Self-Assessment"].iter_rows(min_row=2, values_only=True)
                 if r[1]]
    assert len(questions) == 30
    steps = [r[0] for r in master["Roadmap"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert steps[0] == "WCB account in good standing" and "Recertification" in steps


def test_instructions_name_every_sheet(master: Workbook) -> None:
    text = " ".join(str(c.value) for row in master["Instructions"].iter_rows() for c in row
                    if c.value)
    for s in SHEETS:
        if s.name != "Instructions":
            assert s.name in text


def test_dashboard_has_charts_and_is_protected(master: Workbook, tmp_path: Path) -> None:
    ws = master["Dashboard"]
    assert ws.protection.sheet
    # openpyxl drops charts on load; read the package instead.
    path = tmp_path / "m.xlsx"
    build_workbook(path)
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2


def test_dashboard_cells_the_macros_write_are_unlocked(master: Workbook) -> None:
    """The Dashboard is protected; Excel's macros may write only into these cells."""
    ws = master["Dashboard"]
    ((_s, table),) = list(master.defined_names["ReadinessTable"].destinations)
    first_row = int(table.split(":")[0].split("$")[-1])
    for row in range(first_row, first_row + 8):
        for column in (3, 4, 5):
            assert ws.cell(row=row, column=column).protection.locked is False
    ((_s, overall),) = list(master.defined_names["ReadinessOverall"].destinations)
    cell = ws[overall.replace("$", "")]
    assert cell.protection.locked is False
    assert ws.cell(row=cell.row + 1, column=2).protection.locked is False
    ((_s, actions),) = list(master.defined_names["OverdueActions"].destinations)
    below = int(actions.split("$")[-1]) + 1
    assert ws.cell(row=below, column=2).protection.locked is False
    assert ws["C5"].protection.locked is not False  # the count formulas stay locked
