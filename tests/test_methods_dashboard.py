"""The Dashboard's audit methods (issue 21): interviews done against the sample, and the
active sites walked around. LibreOffice's recalculated values equal the engine's
(`rules.methods`) on the demo, on hand-made edge cases and on an upgraded old workbook;
the sample formula follows `questions_data.SAMPLE_SIZES` for every worker count."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.methods import interviews_planned
from secor_xl.questions_data import sample_size
from secor_xl.reader.read import read_workbook
from secor_xl.rules.methods import interviews_gathered, sites_observed

from .commands import secor_xl
from .conftest import DEMO_DAY
from .test_dashboard_libreoffice import named_values

NAMES = ("InterviewsDone", "InterviewsPlanned", "SitesObserved", "SitesToObserve")
D = dt.date
AS_OF = D(2025, 3, 1)


def engine(path: Path, as_of: dt.date) -> dict[str, object]:
    wb = read_workbook(path)
    planned, done = interviews_gathered(wb, as_of)
    sites, walked = sites_observed(wb, as_of)
    return {"InterviewsDone": done, "InterviewsPlanned": planned, "SitesObserved": walked,
            "SitesToObserve": sites}


@pytest.mark.parametrize("workers", range(26))
def test_the_sample_formula_follows_the_table(workers: int) -> None:
    """The nested IFs, evaluated as written, give questions_data's sample size."""
    formula = interviews_planned("$X$9").lstrip("=").replace("$X$9", str(workers))
    python = re.sub(r"IF\(", "_if(", formula)
    assert eval(python, {"_if": lambda c, a, b: a if c else b}) == sample_size(workers)


@pytest.mark.libreoffice
def test_demo_shows_six_of_six_and_four_of_four(demo_master: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    shown = named_values(recalc(demo_master), NAMES)
    assert shown == engine(demo_master, DEMO_DAY)
    assert shown == {"InterviewsDone": 6, "InterviewsPlanned": 6, "SitesObserved": 4,
                     "SitesToObserve": 4}


def edge_rows() -> dict[str, list[dict[str, object]]]:
    """Seven people on file, five active by the as-of day (one Inactive, one not started):
    the sample is 4. Two people asked in the 12 months, one typed twice in another case;
    the rest are outside the window, Not Asked, undated or unnamed. Three active sites (one
    with Active blank); one walked in the window under another case, one only 13 months
    ago; a finished site walked does not count."""
    people = [("Ann Lee", "Active", D(2020, 1, 6)), ("Bob Roy", "Active", D(2021, 5, 3)),
              ("Cal Doe", "Inactive", D(2019, 4, 1)), ("Dee Fox", None, D(2022, 2, 7)),
              ("Eve Ng", "Active", D(2018, 9, 4)), ("Fay Orr", "Active", D(2025, 3, 2)),
              ("Gil Pan", "Active", None)]
    employees: list[dict[str, object]] = [
        {"Employee ID": f"E{i}", "Name": n, "Position": "Carpenter", "Start Date": s,
         "Status": st} for i, (n, st, s) in enumerate(people, start=1)]
    for e in employees:
        for k in [k for k, v in e.items() if v is None]:
            del e[k]

    def asked(day: dt.date | None, who: str, answer: str) -> dict[str, object]:
        row: dict[str, object] = {"Date": day, "Interviewee": who, "Role": "Worker",
                                  "Question ID": "I6.1", "Answer": answer}
        return {k: v for k, v in row.items() if v is not None}

    interviews = [
        asked(D(2025, 2, 1), "Ann Lee", "Positive"),
        asked(D(2025, 2, 1), " ann lee ", "Negative"),  # the same person
        asked(D(2024, 3, 2), "Bob Roy", "Negative"),  # the first day of the window
        asked(D(2024, 3, 1), "Dee Fox", "Positive"),  # 12 months before: outside
        asked(D(2025, 3, 2), "Eve Ng", "Positive"),  # after the as-of day
        asked(D(2025, 2, 1), "Gil Pan", "Not Asked"),
        asked(None, "Gil Pan", "Positive"),  # no date
    ]
    sites: list[dict[str, object]] = [{"Site": "Lot 1", "Active": "Yes"}, {"Site": "Lot 2"},
             {"Site": "Lot 3", "Active": "Yes"}, {"Site": "Lot 4", "Active": "No"}]
    observations: list[dict[str, object]] = [
        {"Date": D(2025, 1, 15), "Site": " lot 1", "Question ID": "O6.1", "Result": "Positive"},
        {"Date": D(2024, 2, 1), "Site": "Lot 2", "Question ID": "O6.1", "Result": "Positive"},
        {"Date": D(2025, 1, 15), "Site": "Lot 4", "Question ID": "O6.1", "Result": "Negative"},
    ]
    return {"Employees": employees, "Interviews": interviews, "Work Sites": sites,
            "Observations": observations}


@pytest.mark.libreoffice
def test_edge_cases_agree_with_the_engine(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    company = {"Company Name": "Edge Co", "Province": "AB", "As-of Date": AS_OF}
    path = build_workbook(tmp_path / "edge.xlsx", BuildOptions(company=company,
                                                               rows=edge_rows()))
    expected = {"InterviewsDone": 2, "InterviewsPlanned": 4, "SitesObserved": 1,
                "SitesToObserve": 3}
    assert engine(path, AS_OF) == expected
    assert named_values(recalc(path), NAMES) == expected


@pytest.mark.libreoffice
def test_an_upgraded_old_workbook_gets_the_cells(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    """`upgrade` swaps in this Dashboard; its new cells compute against the tables the
    upgrade added (empty), as the engine does."""
    client = tmp_path / "client.xlsx"
    shutil.copy(Path(__file__).parent / "fixtures" / "secor_v1_demo.xlsx", client)
    assert secor_xl("upgrade", client).returncode == 0
    as_of = read_workbook(client).as_of
    assert as_of is not None
    shown = named_values(recalc(client), NAMES)
    assert shown == engine(client, as_of)
    assert shown["InterviewsDone"] == shown["SitesObserved"] == 0
    assert isinstance(shown["InterviewsPlanned"], int) and shown["InterviewsPlanned"] > 0


@pytest.mark.parametrize("as_of", [AS_OF, D(2025, 2, 1), D(2026, 2, 28)], ids=str)
def test_excel_rules_agree_with_the_engine(tmp_path: Path, as_of: dt.date) -> None:
    """The second engine (`tests/excel_engine.py`, Excel's own rules: MMULT of numbers
    only, IF over an array) computes the cells as the Python engine does, moving the
    as-of day through the window's edges."""
    excel_engine = pytest.importorskip("tests.excel_engine")
    company = {"Company Name": "Edge Co", "Province": "AB", "As-of Date": AS_OF}
    path = build_workbook(tmp_path / "edge.xlsx",
                          BuildOptions(company=company, rows=edge_rows(), spare_rows=3))
    assert excel_engine.Engine(path).named(NAMES, as_of) == engine(path, as_of)


def test_check_write_on_a_dashboard_without_the_new_figures(demo_master: Path,
                                                            tmp_path: Path) -> None:
    """A Dashboard built before the audit-method figures (their names absent, its
    self-test table four rows shorter) gets the figures it has, in their rows, and
    nothing below its table."""
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName

    from secor_xl.builder.self_test import FIGURES

    path = tmp_path / "older.xlsx"
    shutil.copy(demo_master, path)
    book = openpyxl.load_workbook(path)
    for name in NAMES:
        del book.defined_names[name]
    ((sheet_name, area),) = list(book.defined_names["SelfTestExpected"].destinations)
    top, bottom = (int(n) for n in re.findall(r"\$(\d+)", area))
    column = area.split("$")[1]
    del book.defined_names["SelfTestExpected"]
    book.defined_names["SelfTestExpected"] = DefinedName(
        "SelfTestExpected", attr_text=f"{sheet_name}!${column}${top}:${column}${bottom - 4}")
    book.save(path)
    assert secor_xl("check", path, "--write").returncode in (0, 1)
    ws = openpyxl.load_workbook(path)[sheet_name]
    written = [ws[f"{column}{r}"].value for r in range(top, bottom + 1)]
    assert written[0] is not None and None not in written[1:len(FIGURES) - 3]
    assert written[len(FIGURES) - 3:] == [None] * 4
