"""The reader on hostile cells, and the cell parsers and file sniffing it is built on.

Property tests build a real workbook (XlsxWriter, as `secor-xl init` does)
whose log rows and Company fields hold hostile values, read it back with
`read_workbook`, and check that nothing raises, every finding points at a
real sheet, row and column, the typed frames keep the schema's dtypes, and no
non-blank cell disappears without a finding.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.cells import (
    FIRST_DATE,
    LAST_DATE,
    MAX_TEXT,
    is_blank,
    match_key,
    parse_date,
    parse_number,
    parse_text,
    show,
    text_to_date,
    two_readings,
)
from secor_xl.errors import UserError
from secor_xl.findings import Finding, Severity
from secor_xl.reader.package import ensure_workbook
from secor_xl.reader.read import ROW, WorkbookData, read_workbook
from secor_xl.rules.check import check_workbook
from secor_xl.schema import COMPANY_FIELDS, SHEETS_BY_NAME, ColumnType, SheetKind, sheet
from secor_xl.score import score_workbook

HOSTILE_SHEETS = ("Employees", "Inspection Log", "Training Records", "Corrective Actions",
                  "Hazard Assessments")
CELL_CODES = {"invalid.date", "invalid.date_text", "invalid.number", "invalid.number_text",
              "invalid.choice", "invalid.text"}
TEXT_TYPES = {ColumnType.TEXT, ColumnType.EMPLOYEE, ColumnType.PEOPLE, ColumnType.IDS,
              ColumnType.CHOICE, ColumnType.YESNO}
NUMBER_TYPES = {ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.FORMULA}
PLAIN_TEXT = {ColumnType.TEXT, ColumnType.EMPLOYEE, ColumnType.PEOPLE, ColumnType.IDS}

# -- hostile values ----------------------------------------------------------------

NO_SURROGATES = st.characters(exclude_categories=["Cs"])
FORMULA_LIKE = st.sampled_from([
    "=1+1", "+A1", "-2", "@SUM(A1)", "=", "+", "-", "@", "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.com","x")', "-1+1", "+-", "=SUM(", "=1/0",
])
DATE_TEXT = st.sampled_from([
    "2025-02-30", "31/12/2025", "March 3, 2025", "13/13/2025", "2025-03-31", "03/04/2025",
    "31-Mar-2025", "0000-00-00", "2025/13/01", "1/1/1", "Feb 29, 2023", "29 Feb 2024",
    "9999-12-31", "1900-01-01", "2025-03-31T10:00:00", "31.12.2025", "12/31/2025 ",
])
NUMBER_TEXT = st.sampled_from([
    "1,234", "$12.50", "1e5", "nan", "inf", "-inf", " 42 ", "3.0", "-0", "1e400", "0x10",
    "12%", "1_000", "\u00a0" + "7", "4.5", "",
])
WHITESPACE = st.text(alphabet=" \t\n\r\u00a0\u2003\u3000\x0b\x0c\u2028", max_size=6)
UNICODE = st.text(alphabet=NO_SURROGATES, max_size=30)
HUGE = st.builds(lambda unit, n: (unit * (n // len(unit) + 1))[:n],
                 st.text(alphabet=NO_SURROGATES, min_size=1, max_size=3),
                 st.integers(0, 40_000))
NUMBERS = st.one_of(
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, -1, 0.5, 1e300, -1e-300, 2958465, 2958466, 60, 45658, 45658.75]),
)
EDGE_DATES = st.sampled_from([dt.date(1900, 1, 1), dt.date(9999, 12, 31), dt.date(1950, 1, 1),
                              dt.date(2100, 12, 31), dt.date(2101, 1, 1),
                              dt.date(1949, 12, 31), dt.date(2024, 2, 29)])
DATES = st.one_of(
    EDGE_DATES,
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
)
HOSTILE = st.one_of(st.none(), HUGE, FORMULA_LIKE, DATE_TEXT, NUMBER_TEXT, WHITESPACE,
                    UNICODE, NUMBERS, DATES, st.booleans())


def _valid(col_type: ColumnType, choices: Sequence[str] | None) -> st.SearchStrategy[object]:
    """A value the column accepts, so the happy path is mixed in with the hostile one."""
    if choices:
        return st.sampled_from(list(choices)).map(lambda c: f"  {c.lower()} ")
    if col_type is ColumnType.DATE:
        return st.dates(min_value=FIRST_DATE, max_value=LAST_DATE)
    if col_type in NUMBER_TYPES:
        return st.integers(1, 5)
    return st.text(alphabet=NO_SURROGATES, min_size=1, max_size=20)


def _row(sheet_name: str) -> st.SearchStrategy[dict[str, object]]:
    cols = [c for c in sheet(sheet_name).columns if not c.formula]
    return st.fixed_dictionaries({}, optional={
        c.name: st.one_of(HOSTILE, _valid(c.type, c.choices)) for c in cols})


ROWS = st.fixed_dictionaries({name: st.lists(_row(name), max_size=4) for name in HOSTILE_SHEETS})
COMPANY = st.fixed_dictionaries({}, optional={
    c.name: st.one_of(HOSTILE, _valid(c.type, c.choices)) for c in COMPANY_FIELDS})


def _build_and_read(tmp: str, company: Mapping[str, object],
                    rows: Mapping[str, Sequence[Mapping[str, object]]]) -> WorkbookData:
    path = Path(tmp) / "hostile.xlsx"
    build_workbook(path, BuildOptions(company=company, rows=rows, spare_rows=2))
    return read_workbook(path)


# -- what the builder put in a cell, as far as the reader is concerned --------------

def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _written_blank(value: object) -> bool | None:
    """Whether the cell is blank after the build; None when it cannot be told simply."""
    if value is None:
        return True
    if isinstance(value, str):
        if _utf16_len(value) > MAX_TEXT:
            return None  # XlsxWriter truncates it
        return not value.strip()
    return False


def _finding_at(findings: Sequence[Finding], sheet_name: str, row: int, column: str) -> bool:
    return any(f.sheet == sheet_name and f.row == row and f.column == column
               for f in findings)


# -- the properties -------------------------------------------------------------------


def _check_findings(data: WorkbookData) -> None:
    for f in data.findings:
        assert isinstance(f, Finding)
        assert f.sheet in SHEETS_BY_NAME, f
        assert isinstance(f.row, int) and not isinstance(f.row, bool) and f.row >= 1, f
        assert f.severity in (Severity.ERROR, Severity.WARNING), f
        assert isinstance(f.code, str) and f.code.startswith("invalid."), f
        assert isinstance(f.message, str) and f.message.strip(), f
        assert f.column is None or isinstance(f.column, str), f
        if f.code in CELL_CODES:
            allowed = ["Value"] if f.sheet == "Company" else SHEETS_BY_NAME[f.sheet].column_names
            assert f.column in allowed, f
            assert f.row >= 2, f  # a data row, never the header


def _check_frames(data: WorkbookData) -> None:
    for s in (s for s in SHEETS_BY_NAME.values() if s.kind is SheetKind.TABLE):
        frame = data.tables[s.name].frame
        assert list(frame.columns) == [ROW, *s.column_names]
        assert frame[ROW].dtype == "int64"
        assert frame[ROW].is_unique and (frame[ROW] >= 2).all()
        for col in s.columns:
            series = frame[col.name]
            if col.type is ColumnType.DATE:
                assert pd.api.types.is_datetime64_dtype(series.dtype), (s.name, col.name)
                days = series.dropna()
                assert ((days >= pd.Timestamp(FIRST_DATE))
                        & (days <= pd.Timestamp(LAST_DATE))).all(), (s.name, col.name)
            elif col.type in NUMBER_TYPES:
                assert series.dtype == "float64", (s.name, col.name, series.dtype)
                numbers = series.dropna()
                assert numbers.map(math.isfinite).all(), (s.name, col.name)
                if col.type is ColumnType.INTEGER:
                    assert numbers.map(float.is_integer).all(), (s.name, col.name)
                if col.minimum is not None:
                    assert (numbers >= col.minimum).all(), (s.name, col.name)
                if col.maximum is not None:
                    assert (numbers <= col.maximum).all(), (s.name, col.name)
            else:
                assert series.dtype == object, (s.name, col.name, series.dtype)
                assert all(v is None or (isinstance(v, str) and v == v.strip() and v)
                           for v in series), (s.name, col.name)


def _check_nothing_silently_lost(data: WorkbookData,
                                 rows: Mapping[str, Sequence[Mapping[str, object]]]) -> None:
    """A non-blank cell is in the frame, or has a finding at its sheet, row and column."""
    for sheet_name, sheet_rows in rows.items():
        s = sheet(sheet_name)
        frame = data.tables[sheet_name].frame.set_index(ROW)
        for i, row in enumerate(sheet_rows):
            excel_row = i + 2
            for name, value in row.items():
                if _written_blank(value) is not False:
                    continue
                assert excel_row in frame.index, (sheet_name, excel_row, value)
                got = frame.at[excel_row, name]
                if pd.isna(got):
                    assert _finding_at(data.findings, sheet_name, excel_row, name), (
                        sheet_name, excel_row, name, value)
                col = s.column(name)
                if col.type in PLAIN_TEXT and isinstance(value, str):
                    assert got == value.strip()  # formula-looking text stays text
                if col.type in (ColumnType.CHOICE, ColumnType.YESNO):
                    assert got in (col.choices or ()) or _finding_at(
                        data.findings, sheet_name, excel_row, name), (sheet_name, name, got)


def _check_company(data: WorkbookData, company: Mapping[str, object]) -> None:
    for col in COMPANY_FIELDS:
        value = data.company[col.name]
        row = data.company_rows[col.name]
        if col.type is ColumnType.DATE:
            assert value is None or (type(value) is dt.date and FIRST_DATE <= value <= LAST_DATE)
        elif col.type in NUMBER_TYPES:
            assert value is None or (isinstance(value, float) and math.isfinite(value))
        else:
            assert value is None or isinstance(value, str)
        if _written_blank(company.get(col.name)) is False and value is None:
            assert _finding_at(data.findings, "Company", row, "Value"), (col.name,
                                                                         company[col.name])
    assert data.as_of is None or FIRST_DATE <= data.as_of <= LAST_DATE


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(company=COMPANY, rows=ROWS)
def test_reader_survives_hostile_cells(company: dict[str, object],
                                       rows: dict[str, list[dict[str, object]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = _build_and_read(tmp, company, rows)
    _check_findings(data)
    _check_frames(data)
    _check_nothing_silently_lost(data, rows)
    _check_company(data, company)
    # The engine takes whatever the reader made of them, and every finding has a place.
    result = check_workbook(data, dt.date(2025, 6, 30))
    for finding in result.findings:
        assert finding.sheet and finding.row >= 1 and finding.message
    score = score_workbook(data, dt.date(2025, 6, 30)).to_dict()
    assert 0 <= score["overall"] <= 100


def test_known_hostile_cells_are_reported_where_they_are() -> None:
    rows: dict[str, list[dict[str, object]]] = {
        "Training Records": [
            {"Employee": "=1+1", "Course": "@SUM(A1)", "Completed Date": "2025-02-30"},
            {"Employee": "+A1", "Course": "-2", "Completed Date": "31/12/2025",
             "Expiry Date": dt.date(9999, 12, 31)},
            {"Employee": "x" * 40_000, "Course": "WHMIS", "Completed Date": 45658},
        ],
        "Hazard Assessments": [{"Severity": "three", "Probability": 9, "Type": "formal "}],
    }
    with tempfile.TemporaryDirectory() as tmp:
        data = _build_and_read(tmp, {"Number of Workers": "8", "As-of Date": "2025-13-01"},
                               rows)
    got = {(f.sheet, f.row, f.column, f.code) for f in data.findings}
    assert ("Training Records", 2, "Completed Date", "invalid.date") in got
    assert ("Training Records", 3, "Completed Date", "invalid.date_text") in got
    assert ("Training Records", 3, "Expiry Date", "invalid.date") in got
    assert ("Training Records", 4, "Completed Date", "invalid.date_text") in got
    assert ("Hazard Assessments", 2, "Severity", "invalid.number") in got
    assert ("Hazard Assessments", 2, "Probability", "invalid.number") in got
    assert ("Company", data.company_rows["Number of Workers"], "Value",
            "invalid.number_text") in got
    assert ("Company", data.company_rows["As-of Date"], "Value", "invalid.date") in got
    frame = data.frame("Training Records")
    assert list(frame["Employee"])[:2] == ["=1+1", "+A1"]
    assert list(frame["Course"])[:2] == ["@SUM(A1)", "-2"]
    assert len(frame["Employee"][2]) == MAX_TEXT  # XlsxWriter keeps Excel's cell limit
    assert list(frame["Completed Date"]) == [pd.NaT, pd.Timestamp(2025, 12, 31),
                                             pd.Timestamp(2025, 1, 1)]
    assert data.frame("Hazard Assessments")["Type"][0] == "Formal"
    assert data.company["Number of Workers"] == 8.0
    assert data.as_of is None


# -- cells.py ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-03-31", dt.date(2025, 3, 31)),
    ("2025/03/31", dt.date(2025, 3, 31)),
    ("2025.3.31", dt.date(2025, 3, 31)),
    ("31/03/2025", dt.date(2025, 3, 31)),
    ("03/31/2025", dt.date(2025, 3, 31)),
    ("31-03-2025", dt.date(2025, 3, 31)),
    ("March 31, 2025", dt.date(2025, 3, 31)),
    ("Mar. 31 2025", dt.date(2025, 3, 31)),
    ("31 March 2025", dt.date(2025, 3, 31)),
    ("31-Mar-2025", dt.date(2025, 3, 31)),
    ("  31-mar-2025. ", dt.date(2025, 3, 31)),
    ("Sept 3, 2025", dt.date(2025, 9, 3)),
    ("04/04/2025", dt.date(2025, 4, 4)),
    ("29 Feb 2024", dt.date(2024, 2, 29)),
])
def test_text_to_date_accepts_the_common_forms(text: str, expected: dt.date) -> None:
    assert text_to_date(text) == expected


def test_a_text_date_that_reads_two_ways_is_not_guessed() -> None:
    assert text_to_date("03/04/2025") is None
    assert two_readings("03/04/2025") == (dt.date(2025, 4, 3), dt.date(2025, 3, 4))
    assert two_readings("12-01-2025") == (dt.date(2025, 1, 12), dt.date(2025, 12, 1))
    assert two_readings("31/03/2025") is None and two_readings("05/05/2025") is None


@pytest.mark.parametrize("text", [
    "2025-02-30", "13/13/2025", "31/31/2025", "2023-02-29", "Feb 29, 2023", "2025-13-01",
    "0/0/2025", "Foo 3, 2025", "", "   ", "2025", "31/12/25", "2025-03-31T10:00:00",
    "2025-03-31 extra", "1" * 50, "March 32, 2025",
])
def test_text_to_date_rejects_what_is_not_a_date(text: str) -> None:
    assert text_to_date(text) is None


@pytest.mark.parametrize("text", ["Junk 3, 2025", "Maybe 3, 2025", "3 Decoy 2025"])
def test_text_to_date_wants_a_real_month_name(text: str) -> None:
    assert text_to_date(text) is None


def test_parse_date_of_text_is_used_with_a_warning() -> None:
    day, problem = parse_date("31/12/2025")
    assert day == dt.date(2025, 12, 31)
    assert problem is not None and problem.used and "stored as text" in problem.text
    day, problem = parse_date("03/04/2025")
    assert day is None and problem is not None and not problem.used
    assert "April 3, 2025 (day first) or March 4, 2025 (month first)" in problem.text


@pytest.mark.parametrize("value", ["2025-02-30", "13/13/2025", "soon", True, dt.time(9, 30),
                                   dt.timedelta(days=3), 0, -1, 2958466, float("nan"),
                                   float("inf")])
def test_parse_date_rejects_non_dates(value: object) -> None:
    day, problem = parse_date(value)
    if isinstance(value, float) and math.isnan(value):
        assert (day, problem) == (None, None)  # a NaN cell is a blank cell
        return
    assert day is None
    assert problem is not None and not problem.used and "not a date" in problem.text


@pytest.mark.parametrize("value", [dt.date(1900, 1, 1), dt.date(9999, 12, 31),
                                   dt.date(1949, 12, 31), dt.date(2101, 1, 1), "9999-12-31",
                                   2958465])
def test_parse_date_rejects_years_outside_the_range(value: object) -> None:
    day, problem = parse_date(value)
    assert day is None
    assert problem is not None and not problem.used and "check the year" in problem.text


def test_parse_date_of_an_excel_serial_is_used_with_a_warning() -> None:
    day, problem = parse_date(45658)
    assert day == dt.date(2025, 1, 1)
    assert problem is not None and problem.used and "is a number" in problem.text
    assert parse_date(45658.99)[0] == dt.date(2025, 1, 1)
    assert parse_date(18264)[0] == FIRST_DATE


def test_parse_date_of_real_dates() -> None:
    assert parse_date(dt.datetime(2025, 3, 31, 17, 45)) == (dt.date(2025, 3, 31), None)
    assert parse_date(dt.date(2025, 3, 31)) == (dt.date(2025, 3, 31), None)
    assert parse_date(None) == (None, None)
    assert parse_date(" \t") == (None, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("1,234", 1234.0), ("$12.50", 12.5), (" 42 ", 42.0), ("1e5", 100000.0),
    ("\u00a07", 7.0), ("-0", 0.0), ("3.0", 3.0),
])
def test_parse_number_reads_numbers_stored_as_text(text: str, expected: float) -> None:
    number, problem = parse_number(text)
    assert number == expected
    assert problem is not None and problem.used and "stored as text" in problem.text


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "abc", "12%", "$", True,
                                   False, dt.date(2025, 1, 1), dt.time(1, 2)])
def test_parse_number_rejects_non_numbers(value: object) -> None:
    number, problem = parse_number(value)
    assert number is None
    assert problem is not None and not problem.used and "not a number" in problem.text


def test_parse_number_integer() -> None:
    assert parse_number(3.0, integer=True) == (3.0, None)
    assert parse_number(3, integer=True) == (3.0, None)
    number, problem = parse_number(2.5, integer=True)
    assert number is None and problem is not None and "whole number" in problem.text
    number, problem = parse_number("4", integer=True)
    assert number == 4.0 and problem is not None and problem.used
    assert parse_number(None) == (None, None)
    assert parse_number("  ") == (None, None)


def test_parse_text() -> None:
    assert parse_text("  =1+1 ") == ("=1+1", None)
    assert parse_text(True) == ("TRUE", None)
    assert parse_text(3.0) == ("3", None)
    assert parse_text(3.5) == ("3.5", None)
    assert parse_text(dt.datetime(2025, 1, 2)) == ("2025-01-02", None)
    assert parse_text(dt.datetime(2025, 1, 2, 3, 4)) == ("2025-01-02T03:04:00", None)
    assert parse_text(dt.date(2025, 1, 2)) == ("2025-01-02", None)
    assert parse_text("\u00a0\t ") == (None, None)
    text, problem = parse_text("y" * (MAX_TEXT + 10))
    assert text == "y" * MAX_TEXT
    assert problem is not None and problem.used


def test_is_blank_and_show() -> None:
    assert is_blank(None) and is_blank("") and is_blank(" \t\n") and is_blank(float("nan"))
    assert not is_blank(0) and not is_blank("0") and not is_blank(False)
    assert show(3.0) == "3"
    assert show(dt.date(2025, 1, 2)) == "2025-01-02"
    assert show("a\nb") == "a b"
    assert len(show("z" * 500)) == 60 and show("z" * 500).endswith("...")


@pytest.mark.parametrize(("text", "expected"), [
    ("yes", "YES"),
    ("  Site   Visit  ", "SITE VISIT"),  # TRIM trims and folds runs of spaces
    ("Site Visit", "SITE VISIT"),
    ("Near\u00a0Miss", "NEAR\u00a0MISS"),  # TRIM touches only the space character
    ("\tYes", "\tYES"),
    ("", ""),
    ("   ", ""),
])
def test_match_key_is_excel_upper_trim(text: str, expected: str) -> None:
    assert match_key(text) == expected


def test_match_key_matches_what_excel_matches() -> None:
    assert match_key(" deficiencies  found") == match_key("Deficiencies Found")
    assert match_key("Deficiencies\tFound") != match_key("Deficiencies Found")


# -- package.py: what kind of file it is -------------------------------------------


def _raises_naming(path: Path, *words: str) -> UserError:
    with pytest.raises(UserError) as caught:
        ensure_workbook(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message.lower()
    assert caught.value.exit_code == 2
    assert "\n" not in message
    return caught.value


def test_missing_file(tmp_path: Path) -> None:
    _raises_naming(tmp_path / "nope.xlsx", "no such file")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "looks_like.xlsx"
    folder.mkdir()
    _raises_naming(folder, "folder")


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("Inspection ID,Date\nIN-1,2025-01-01\n")
    _raises_naming(path, "text file")


OLE = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


def test_encrypted_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(OLE)
    _raises_naming(path, "password")


def test_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(OLE)
    _raises_naming(path, ".xls")


def test_xls_that_is_not_ole(tmp_path: Path) -> None:
    path = tmp_path / "odd.xls"
    path.write_bytes(b"PK\x03\x04junk")
    _raises_naming(path, ".xls")


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02garbage" * 100, b"PK\x03\x04" + bytes(60),
                                     b"<html>not a workbook</html>"])
def test_random_binary_named_xlsx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "random.xlsx"
    path.write_bytes(content)
    _raises_naming(path, "not an excel workbook")


def test_zip_without_workbook_xml(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    _raises_naming(path, "zip")


def test_real_workbook_passes(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "ok.XLSX", BuildOptions(spare_rows=1))
    assert ensure_workbook(path) == path
    assert ensure_workbook(str(path)) == path


def test_read_workbook_refuses_the_same_files(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(OLE)
    with pytest.raises(UserError, match="password"):
        read_workbook(path)


def _rewrite_workbook_xml(src: Path, dest: Path, change: object) -> Path:
    assert callable(change)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == "xl/workbook.xml" else data)
    return dest


def test_damaged_workbook_xml_is_a_user_error(tmp_path: Path) -> None:
    good = build_workbook(tmp_path / "good.xlsx", BuildOptions(spare_rows=1))
    bad = _rewrite_workbook_xml(good, tmp_path / "cut.xlsx", lambda d: d[:-20])
    with pytest.raises(UserError) as caught:
        read_workbook(bad)
    assert str(bad) in str(caught.value)


@pytest.mark.parametrize("change", [
    lambda d: d.replace(b"?>", b'?><!DOCTYPE workbook [<!ENTITY a "b">]>', 1),
    lambda d: d + b"<junk>",
], ids=["dtd-entity", "junk-after-root"])
def test_hostile_workbook_xml_is_a_user_error(tmp_path: Path, change: object) -> None:
    good = build_workbook(tmp_path / "good.xlsx", BuildOptions(spare_rows=1))
    bad = _rewrite_workbook_xml(good, tmp_path / "hostile.xlsx", change)
    with pytest.raises(UserError) as caught:
        read_workbook(bad)
    assert str(bad) in str(caught.value)
