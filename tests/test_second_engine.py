"""A second formula engine (tests/excel_engine.py, on the `formulas` package) evaluates the
workbook's formulas under Excel's own rules, without LibreOffice, and must agree with the
Python engine: the three counts and every road figure, at several as-of days (month ends,
leap days), on the demo master, a small hand-checked master, a certificate cycle and an
empty master. Excel-strict mode fails a TRUE/FALSE array given to MMULT, so the old
ExpiredTraining formula (before the `*1` of commit cfa88c7) fails here, while LibreOffice
computed it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from secor_xl.builder import BuildOptions, build_workbook

from . import dashboard_fixture as fx
from .commands import secor_xl
from .conftest import DEMO_DAY
from .test_dashboard_libreoffice import engine_counts
from .test_road_dashboard import CYCLE, NAMES, assert_agree, engine, snapshot

try:
    from .excel_engine import Engine, Table, expand_structured
except ModuleNotFoundError as exc:  # only without the dev extra
    if exc.name not in ("formulas", "schedula"):
        raise
    if os.environ.get("CI"):
        pytest.fail(f"{exc.name} is required under CI: pip install -e '.[dev]'", pytrace=False)
    pytest.skip(f"{exc.name} is not installed (pip install -e '.[dev]')", allow_module_level=True)

D = dt.date
COUNTS = ("OverdueInspections", "ExpiredTraining", "OverdueActions")
FIGURES = COUNTS + NAMES


def shown(book: Engine, as_of: dt.date) -> dict[str, Any]:
    """The named cells and the incidents table, as `test_road_dashboard.dashboard` reads
    them from LibreOffice, computed by the second engine at `as_of`."""
    out = book.named(FIGURES, as_of)
    rows = book.area("IncidentsByYear")
    years = [int(y) for y in rows[0][1:]]
    out["by_year"] = {year: {str(r[0]): int(r[1 + i]) for r in rows[1:]}
                      for i, year in enumerate(years)}
    return out


def assert_engines_agree(path: Path, book: Engine, as_of: dt.date) -> dict[str, Any]:
    """The second engine's figures equal the Python engine's, compared as the LibreOffice
    tests compare them (`engine_counts`, `assert_agree`)."""
    got = shown(book, as_of)
    assert {name: got[name] for name in COUNTS} == engine_counts(path, as_of), as_of
    assert_agree(got, engine(path, as_of))
    return got


def assert_no_error_anywhere(book: Engine) -> None:
    """Every formula cell of every sheet (table rows and hidden helpers too) has a value,
    but #N/A where a formula asks for it (NA(): a chart's point not drawn)."""
    errors = {key: value for key in list(book.formulas)
              if isinstance(value := book.value(key), str) and value.startswith("#")
              and not (value == "#N/A" and "NA()" in book.formulas[key].text.upper())}
    assert errors == {}


# -- the demo company ------------------------------------------------------------------

DEMO_DAYS = [DEMO_DAY, D(2026, 12, 31), D(2027, 2, 28), D(2028, 2, 29)]


@pytest.fixture(scope="module")
def demo(demo_master: Path) -> Engine:
    return Engine(demo_master)


@pytest.mark.parametrize("as_of", DEMO_DAYS, ids=[d.isoformat() for d in DEMO_DAYS])
def test_demo_master_agrees_with_the_engine(demo_master: Path, demo: Engine,
                                            as_of: dt.date) -> None:
    got = assert_engines_agree(demo_master, demo, as_of)
    if as_of == DEMO_DAY:  # what tests/test_road_dashboard.py sees through LibreOffice
        assert got["RoadNextDue"] == D(2027, 9, 26) and got["CertificateYear"] == 2
        assert (got["IncentiveLow"], got["IncentiveHigh"]) == (920, 3680)
        assert [got[name] for name in COUNTS] == [1, 1, 1]  # one planted problem each
    assert_no_error_anywhere(demo)


# -- a small master whose counts were worked out by hand --------------------------------

FIXTURE_DAYS = [fx.AS_OF, D(2025, 2, 28), D(2025, 3, 31), D(2025, 1, 31), D(2024, 2, 29),
                D(2026, 1, 1)]
SPARE = 3  # a few blank table rows (20 in a new master), for speed: every row computes


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Engine]:
    path = build_workbook(tmp_path_factory.mktemp("small") / "fixture.xlsx",
                          BuildOptions(company=fx.company(), rows=fx.rows(), spare_rows=SPARE))
    return path, Engine(path)


@pytest.mark.parametrize("as_of", FIXTURE_DAYS, ids=[d.isoformat() for d in FIXTURE_DAYS])
def test_small_master_agrees_with_the_engine(small: tuple[Path, Engine],
                                             as_of: dt.date) -> None:
    path, book = small
    got = assert_engines_agree(path, book, as_of)
    if as_of == fx.AS_OF:
        assert {name: got[name] for name in COUNTS} == fx.EXPECTED
    if as_of == D(2026, 1, 1):  # as tests/test_dashboard_libreoffice.py counts them
        assert [got[name] for name in COUNTS] == [9, 7, 4]
    assert_no_error_anywhere(book)


def test_lenient_mode_counts_like_libreoffice(small: tuple[Path, Engine]) -> None:
    path, _book = small
    assert Engine(path, strict=False).named(COUNTS, fx.AS_OF) == fx.EXPECTED


def test_empty_master_counts_zero(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "empty.xlsx", BuildOptions())  # 20 blank rows a table
    book = Engine(path)
    assert book.named(COUNTS, fx.AS_OF) == dict.fromkeys(COUNTS, 0)
    assert_engines_agree(path, book, fx.AS_OF)


# -- a whole certificate cycle and other provinces (tests/test_road_dashboard.py's data) --

@pytest.mark.parametrize("as_of,step,due,year,cycle_due", CYCLE,
                         ids=[c[0].isoformat() for c in CYCLE])
def test_certificate_cycle_agrees(tmp_path: Path, as_of: dt.date, step: str, due: object,
                                  year: object, cycle_due: object) -> None:
    path = build_workbook(tmp_path / "cycle.xlsx",
                          dataclasses.replace(snapshot(as_of), spare_rows=SPARE))
    got = assert_engines_agree(path, Engine(path), as_of)
    assert (got["RoadNextStep"], got["RoadNextDue"]) == (step, due)
    assert (got["CertificateYear"], got["CertificateNextDue"]) == (year, cycle_due)


@pytest.mark.parametrize("as_of,options", [
    (D(2024, 2, 29), {}),  # the certificate's own (leap) day
    (D(2026, 1, 5), {"Province": "BC",
                     "Certifying Partner": "BC Construction Safety Alliance (BCCSA)"}),
    (D(2024, 3, 15), {"Province": "BC", "Certifying Partner": "BC Forest Safety Council"}),
    (D(2023, 12, 20), {"Certifying Partner":
                       "Alberta Association for Safety Partnerships (AASP)"}),
    (D(2023, 1, 10), {"Province": "MB", "WCB Premium": 3_000}),
    (D(2023, 1, 10), {"Province": "ON", "Worker Threshold Override": 6}),
], ids=["leap-day", "bc-calendar", "bc-anniversary", "aasp", "mb", "on-override"])
def test_provinces_and_partners_agree(tmp_path: Path, as_of: dt.date,
                                      options: dict[str, object]) -> None:
    path = build_workbook(tmp_path / "p.xlsx",
                          dataclasses.replace(snapshot(as_of, **options), spare_rows=SPARE))
    assert_engines_agree(path, Engine(path), as_of)


# -- Excel-strict: what LibreOffice forgives -------------------------------------------

# ExpiredTraining before commit cfa88c7 (`git show cfa88c7^:secor_xl/builder/formulas.py`):
# its last MMULT took a bare comparison, Records x Employees, as a TRUE/FALSE array.
PRE_FIX_EXPIRED_TRAINING = (
    '=SUM((UPPER(TRIM(TrainingMatrix[Required]))="YES")*(TRIM(TrainingMatrix[Course])<>"")*(M'
    'MULT((UPPER(TRIM(TrainingMatrix[Position]))=TRANSPOSE(UPPER(TRIM(TrainingMatrix[Position'
    ']))))*(UPPER(TRIM(TrainingMatrix[Course]))=TRANSPOSE(UPPER(TRIM(TrainingMatrix[Course]))'
    '))*TRANSPOSE((UPPER(TRIM(TrainingMatrix[Required]))="YES"))*(ROW(TrainingMatrix[Position'
    '])>TRANSPOSE(ROW(TrainingMatrix[Position]))),ROW(TrainingMatrix[Position])^0)=0)*(UPPER('
    'TRIM(TrainingMatrix[Position]))=TRANSPOSE(UPPER(TRIM(Employees[Position]))))*TRANSPOSE(('
    'UPPER(TRIM(Employees[Status]))<>"INACTIVE")*(TRIM(Employees[Name])<>""))*(MMULT((UPPER(T'
    'RIM(TrainingMatrix[Course]))=TRANSPOSE(UPPER(TRIM(TrainingRecords[Course]))))*(TRANSPOSE'
    '(ISNUMBER(TrainingRecords[Expiry Date]))*(TRANSPOSE(IF(ISNUMBER(TrainingRecords[Expiry D'
    'ate]),TrainingRecords[Expiry Date],0))>=IF(AsOfDate="",TODAY(),AsOfDate))+(1-TRANSPOSE(I'
    'SNUMBER(TrainingRecords[Expiry Date])))*((1-ISNUMBER(TrainingMatrix[Validity Months]))+I'
    'SNUMBER(TrainingMatrix[Validity Months])*TRANSPOSE(ISNUMBER(TrainingRecords[Completed Da'
    'te]))*((DATE(YEAR(TRANSPOSE(IF(ISNUMBER(TrainingRecords[Completed Date]),TrainingRecords'
    '[Completed Date],36526))),MONTH(TRANSPOSE(IF(ISNUMBER(TrainingRecords[Completed Date]),T'
    'rainingRecords[Completed Date],36526)))+IF(ISNUMBER(TrainingMatrix[Validity Months]),Tra'
    'iningMatrix[Validity Months],0),1)-1+DAY(TRANSPOSE(IF(ISNUMBER(TrainingRecords[Completed'
    ' Date]),TrainingRecords[Completed Date],36526)))-(DAY(TRANSPOSE(IF(ISNUMBER(TrainingReco'
    'rds[Completed Date]),TrainingRecords[Completed Date],36526)))>DAY(DATE(YEAR(TRANSPOSE(IF'
    '(ISNUMBER(TrainingRecords[Completed Date]),TrainingRecords[Completed Date],36526))),MONT'
    'H(TRANSPOSE(IF(ISNUMBER(TrainingRecords[Completed Date]),TrainingRecords[Completed Date]'
    ',36526)))+IF(ISNUMBER(TrainingMatrix[Validity Months]),TrainingMatrix[Validity Months],0'
    ')+1,0)))*(DAY(TRANSPOSE(IF(ISNUMBER(TrainingRecords[Completed Date]),TrainingRecords[Com'
    'pleted Date],36526)))-DAY(DATE(YEAR(TRANSPOSE(IF(ISNUMBER(TrainingRecords[Completed Date'
    ']),TrainingRecords[Completed Date],36526))),MONTH(TRANSPOSE(IF(ISNUMBER(TrainingRecords['
    'Completed Date]),TrainingRecords[Completed Date],36526)))+IF(ISNUMBER(TrainingMatrix[Val'
    'idity Months]),TrainingMatrix[Validity Months],0)+1,0))))>=IF(AsOfDate="",TODAY(),AsOfDa'
    'te)))),(UPPER(TRIM(TrainingRecords[Employee]))=TRANSPOSE(UPPER(TRIM(Employees[Name])))))'
    '=0))'
)


def test_the_pre_fix_expired_training_fails_under_excel_rules(
        small: tuple[Path, Engine]) -> None:
    path, _book = small
    book = Engine(path)
    book.set_name("AsOfDate", fx.AS_OF)
    where = book.where("ExpiredTraining")
    assert book.value(where) == fx.EXPECTED["ExpiredTraining"]  # today's formula: a number
    book.set_formula(where, PRE_FIX_EXPIRED_TRAINING)
    assert book.value(where) == "#VALUE!"  # Excel's MMULT refuses TRUE/FALSE
    book.strict = False
    assert book.value(where) == fx.EXPECTED["ExpiredTraining"]  # LibreOffice's coercion


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An empty master with 1, 2, 3 in Dashboard!Z101:Z103 (Z104 blank)."""
    book = Engine(build_workbook(tmp_path_factory.mktemp("scratch") / "s.xlsx",
                                 BuildOptions(spare_rows=0)))
    for i in (1, 2, 3):
        book.set(("DASHBOARD", 100 + i, 26), i)
    return book


@pytest.mark.parametrize("formula,excel,libreoffice", [
    # a 3x3 TRUE/FALSE identity times a column of ones
    ("=SUM(MMULT((Z101:Z103=TRANSPOSE(Z101:Z103)),ROW(Z101:Z103)^0))", "#VALUE!", 3),
    ("=SUM(MMULT((Z101:Z103=TRANSPOSE(Z101:Z103))*1,ROW(Z101:Z103)^0))", 3, 3),
    ("=SUM(MMULT(--(Z101:Z103=TRANSPOSE(Z101:Z103)),ROW(Z101:Z103)^0))", 3, 3),
    ("=SUM(MMULT(TRANSPOSE(Z101:Z103>1),ROW(Z101:Z103)^0))", "#VALUE!", 2),
    ("=SUM(MMULT(TRANSPOSE(Z101:Z104),ROW(Z101:Z104)^0))", "#VALUE!", 6),  # a blank cell
    ("=MMULT(Z101:Z103,Z101:Z103)", "#VALUE!", "#VALUE!"),  # 3x1 by 3x1
    # SUMPRODUCT counts what is not a number as 0 (Excel's documented rule)
    ("=SUMPRODUCT((Z101:Z103>1))", 0, 2),
    ("=SUMPRODUCT((Z101:Z103>1)*1)", 2, 2),
    ("=SUMPRODUCT(--(Z101:Z103>1))", 2, 2),
    ("=SUMPRODUCT((Z101:Z103>1),Z101:Z103)", 0, 5),
    ("=SUMPRODUCT(Z101:Z103,Z101:Z102)", "#VALUE!", "#VALUE!"),
    # SUM and MAX skip TRUE/FALSE inside an array
    ("=SUM((Z101:Z103>1))", 0, 2),
    ("=SUM((Z101:Z103>1)*1)", 2, 2),
    ("=MAX((Z101:Z103>1))", 0, 1),
    # MATCH finds no 1 in TRUE
    ("=MATCH(1,(Z101:Z103>1),0)", "#N/A", 2),
    ("=MATCH(1,(Z101:Z103>1)*1,0)", 2, 2),
    ("=MATCH(TRUE,(Z101:Z103>1),0)", 2, 2),
    # EDATE takes no range (serial 1 is 1900-01-01; a month on is serial 32)
    ("=SUM(EDATE(Z101:Z103,1))", "#VALUE!", 3 * 32 + 3),
    ("=EDATE(Z101,1)", 32, 32),
])
def test_excel_strict_functions(scratch: Engine, formula: str, excel: object,
                                libreoffice: object) -> None:
    scratch.strict = True
    assert scratch.formula(formula) == excel
    scratch.strict = False
    assert scratch.formula(formula) == libreoffice


# -- structured references --------------------------------------------------------------

T = Table("Log", "Inspection Log", 2, 1, 2, 10, None, ("Date", "Item", "It's [x] #1"))
TABLES = {"LOG": T}
BODY = "'Inspection Log'!$B$2:$D$10"


@pytest.mark.parametrize("formula,expanded", [
    ("=SUM(Log[Date])", "=SUM('Inspection Log'!$B$2:$B$10)"),
    ('=log[[item]]&"Log[Date]"', "='Inspection Log'!$C$2:$C$10&\"Log[Date]\""),
    ("=ROWS(Log[[Date]:[Item]])", "=ROWS('Inspection Log'!$B$2:$C$10)"),
    ("=Log[[#This Row],[Item]]", "='Inspection Log'!$C$5"),
    ("=[[#This Row],Item]*2", "='Inspection Log'!$C$5*2"),
    ("=Log[@Item]", "='Inspection Log'!$C$5"),
    ("=Log[@[It''s '[x'] '#1]]", "='Inspection Log'!$D$5"),
    ("=Log[[#All],[Date]]", "='Inspection Log'!$B$1:$B$10"),
    ("=Log[[#Headers],[#Data],[Item]]", "='Inspection Log'!$C$1:$C$10"),
    ("=COUNTA(Log[#Headers])", "=COUNTA('Inspection Log'!$B$1:$D$1)"),
    ("=ROWS(Log)+ROWS(Log[])", f"=ROWS({BODY})+ROWS({BODY})"),
    ("=Log[[#Totals],[Date]]", "=#REF!"),
    ("='Log'!A1+LogBook+A1", "='Log'!A1+LogBook+A1"),
])
def test_structured_references_become_ranges(formula: str, expanded: str) -> None:
    assert expand_structured(formula, TABLES, ("INSPECTION LOG", 5, 3)) == expanded


def test_structured_reference_errors() -> None:
    assert expand_structured("=Log[[#This Row],[Item]]", TABLES, ("DASHBOARD", 5, 3)) == (
        "=#VALUE!")  # the formula's row is not in the table
    with pytest.raises(KeyError):
        expand_structured("=Log[Totals]", TABLES, ("DASHBOARD", 5, 3))


def test_a_checked_demo_reads_ok_under_excel_rules(demo_master: Path, tmp_path: Path) -> None:
    """What an owner opening a freshly checked workbook in Excel would see: `SelfTest` reads
    OK under the strict rules, as it does in LibreOffice (tests/test_self_test.py)."""
    path = tmp_path / "demo.xlsx"
    path.write_bytes(demo_master.read_bytes())
    result = secor_xl("check", path, "--write")
    assert result.returncode in (0, 1), result.stderr
    assert Engine(path).named(("SelfTest",), DEMO_DAY)["SelfTest"] == "OK"
