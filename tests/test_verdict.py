"""One verdict everywhere (issue 22): `score` text and JSON, the readiness report's page 1,
the portfolio's row and the `watch` digest say the same word and the same deciding reason
for a set of generated workbooks, and none promises an incentive the verdict withholds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from secor_xl.automation.watch import build_digest, ledger_for
from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.content import ROADMAP_STEPS
from secor_xl.certification.roadmap import cycle
from secor_xl.demo_data import demo_data
from secor_xl.documents.appendix import plain
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import check_workbook
from secor_xl.score import score_workbook
from secor_xl.score.verdict import WORDS

from .commands import secor_xl

AS_OF = dt.date(2026, 12, 7)
DEMO = demo_data(AS_OF)


def _lapsed_roadmap() -> list[dict[str, object]]:
    """The demo's road with the year-2 maintenance submission never made: its due date
    (certificate + 12 months) passed two months ago."""
    rows = [dict(r) for r in DEMO.rows["Roadmap"]]
    year_2 = next(r for r in rows if r["Step"] == ROADMAP_STEPS[8])
    year_2.update({"Status": "Not Started", "Date": None, "Notes": None})
    return rows


CASES: dict[str, tuple[dict[str, object], dict[str, Any]]] = {
    # name: (Company fields over the demo's, sheets' rows instead of the demo's)
    "pass": ({}, {}),
    "mb12": ({"Province": "MB", "Number of Workers": 12,
              "Certifying Partner": "Construction Safety Association of Manitoba"}, {}),
    "lapsed": ({}, {"Roadmap": _lapsed_roadmap()}),
    "norep": ({}, {"HS Representatives": []}),
    "notready": ({}, {"Interviews": []}),
}
EXPECTED = {"pass": "pass", "mb12": "not_eligible", "lapsed": "lapsed", "norep": "fail",
            "notready": "not_ready"}


@pytest.fixture(scope="module")
def surfaces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """For each case: the JSON and the text each surface shows."""
    root = tmp_path_factory.mktemp("verdict")
    clients = root / "clients"
    clients.mkdir()
    for name, (company, rows) in CASES.items():
        build_workbook(clients / f"{name}.xlsx", BuildOptions(
            company=dict(DEMO.company) | {"As-of Date": AS_OF} | company,
            rows={**DEMO.rows, **rows}))
    summary = root / "portfolio.xlsx"
    secor_xl("portfolio", clients, "--out", summary, "--as-of", AS_OF.isoformat(), "-j", "1")
    sheet = openpyxl.load_workbook(summary)["Summary"]
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(table) if "File" in row)
    columns = table[header]
    rows = [dict(zip(columns, row, strict=True)) for row in table[header + 1:]]
    by_file = {row["File"]: row for row in rows}
    out: dict[str, dict[str, Any]] = {}
    for name in CASES:
        path = clients / f"{name}.xlsx"
        day = ["--as-of", AS_OF.isoformat()]
        doc = json.loads(secor_xl("score", path, *day, "--format", "json").stdout)
        text = " ".join(secor_xl("score", path, *day).stdout.split())
        binder = root / f"binder_{name}"
        result = secor_xl("docs", path, "--out", binder, "--only", "readiness", *day)
        assert result.returncode in (0, 1), result.stderr
        (report,) = binder.glob("readiness_*.docx")
        paragraphs = [p.text for p in docx.Document(str(report)).paragraphs]
        page_1 = next(p for p in paragraphs if p.startswith("Overall readiness:"))
        digest = build_digest(path, AS_OF, ledger_for(root / f"ledger_{name}"))
        row = by_file[f"{name}.xlsx"]
        out[name] = {"json": doc, "text": text, "report": page_1,
                     "report_all": " ".join(paragraphs), "digest": digest.text(),
                     "portfolio": f"{row['Result']} | {row['Verdict']}", "row": row}
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_every_surface_says_the_same_verdict(surfaces: dict[str, dict[str, Any]],
                                             name: str) -> None:
    shown = surfaces[name]
    verdict = shown["json"]["verdict"]
    assert verdict["status"] == EXPECTED[name]
    word, headline = verdict["word"], verdict["headline"]
    assert headline.startswith(f"{word}: ")
    assert shown["json"]["passed"] is (word == "PASS")
    others = [f"{w}:" for w in WORDS.values() if w != word and not word.startswith(w)]
    for surface in ("text", "report", "digest", "portfolio"):
        said = shown[surface]
        wanted = plain(headline) if surface == "report" else headline
        assert wanted in said, (surface, said)
        assert not [o for o in others if o in said], (surface, said)
    assert shown["row"]["Result"] == word


@pytest.mark.parametrize("name", ["mb12", "lapsed"])
def test_no_incentive_where_the_verdict_withholds_it(surfaces: dict[str, dict[str, Any]],
                                                     name: str) -> None:
    shown = surfaces[name]
    assert shown["json"]["verdict"]["incentive"] is None
    assert shown["json"]["road"]["incentive"]["low"] is None
    for surface in ("text", "report_all", "digest", "portfolio"):
        said = shown[surface]
        assert "Estimated" not in said and "a year on a" not in said, surface
        assert "No incentive:" in said or surface in ("digest", "portfolio")


def test_manitoba_twelve_workers_is_not_eligible(surfaces: dict[str, dict[str, Any]]) -> None:
    verdict = surfaces["mb12"]["json"]["verdict"]
    assert verdict["headline"].startswith("NOT ELIGIBLE: 12 workers")
    assert "limit of 9" in verdict["reasons"][0] and "plan for COR" in verdict["reasons"][0]
    assert verdict["eligibility"]["fits"] is False
    assert "$3,000" not in json.dumps(surfaces["mb12"]["json"])


def test_a_missed_maintenance_submission_is_lapsed(surfaces: dict[str, dict[str, Any]]
                                                   ) -> None:
    verdict = surfaces["lapsed"]["json"]["verdict"]
    assert verdict["certificate"]["status"] == "lapsed"
    assert "Maintenance submission, year 2" in verdict["reasons"][0]
    assert "LAPSED" in surfaces["lapsed"]["text"]
    assert surfaces["pass"]["json"]["verdict"]["incentive"]["low"] == 920.0


def test_no_representative_is_an_error_and_the_first_reason(
        surfaces: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    verdict = surfaces["norep"]["json"]["verdict"]
    assert verdict["reasons"][0].startswith("no health and safety representative")
    assert "Alberta OHS Act" in verdict["reasons"][0]
    assert verdict["reasons"][-1].startswith("overall ")  # the score comes after the law
    _, rows = CASES["norep"]
    path = tmp_path / "norep.xlsx"
    build_workbook(path, BuildOptions(company=dict(DEMO.company) | {"As-of Date": AS_OF},
                                      rows={**DEMO.rows, **rows}))
    wb = read_workbook(path)
    (finding,) = [f for f in check_workbook(wb, AS_OF).findings
                  if f.code == "missing.hs_representative"]
    assert finding.severity == "error"
    assert score_workbook(wb, AS_OF).verdict.word == "FAIL"


@pytest.mark.parametrize("province,partner", [("AB", "ACSA"), ("BC", "BCCSA"),
                                              ("BC", "BC Forest Safety Council"), ("MB", "")])
def test_certificate_years_counted_the_same_in_every_province(province: str,
                                                              partner: str) -> None:
    from secor_xl.certification.roadmap import calendar_year

    where = cycle(dt.date(2025, 6, 15), dt.date(2026, 12, 7), calendar_year(province, partner))
    assert where.year == 2
    assert where.next_step in ("Maintenance submission, year 2",
                               "Maintenance submission, year 3")


def test_twelve_people_over_a_year_never_more_than_eight_at_once(tmp_path: Path) -> None:
    """Four seasonal crews come and go: 12 people in the year, 8 at most on one day."""
    from secor_xl.certification.eligibility import eligibility

    def person(n: int, start: dt.date, end: dt.date | None) -> dict[str, object]:
        return {"Employee ID": f"E{n:02}", "Name": f"Worker {n}", "Position": "Labourer",
                "Start Date": start, "End Date": end,
                "Status": "Inactive" if end else "Active"}

    staff = [person(n, dt.date(2020, 1, 6), None) for n in range(4)]
    seasons = [(dt.date(2026, 1, 5), dt.date(2026, 3, 31)),
               (dt.date(2026, 4, 6), dt.date(2026, 6, 30))]
    crews = [person(4 + 4 * s + n, start, end)
             for s, (start, end) in enumerate(seasons) for n in range(4)]
    path = build_workbook(tmp_path / "seasons.xlsx", BuildOptions(
        company={"Company Name": "Seasons Co", "Province": "AB", "As-of Date": AS_OF},
        rows={"Employees": staff + crews}))
    fit = eligibility(read_workbook(path), AS_OF)
    assert (fit.count, fit.count_12_months, fit.threshold, fit.fits) == (8, 12, 10, True)
    # without the End Dates the eight seasonal workers count up to the as-of day
    unknown = [{**p, "End Date": None} for p in crews]
    path = build_workbook(tmp_path / "unknown.xlsx", BuildOptions(
        company={"Company Name": "Seasons Co", "Province": "AB", "As-of Date": AS_OF},
        rows={"Employees": staff + unknown}))
    assert eligibility(read_workbook(path), AS_OF).count == 12


def _road(written: dt.date, implemented: dt.date | None) -> list[dict[str, object]]:
    """The road up to 'program written' done, implemented done on `implemented` if set."""
    rows: list[dict[str, object]] = [
        {"Step": s, "Status": "Done", "Date": written} for s in ROADMAP_STEPS[:4]]
    rows.append({"Step": ROADMAP_STEPS[4], "Status": "Done" if implemented else "Not Started",
                 "Date": implemented})
    rows += [{"Step": s, "Status": "Not Started"} for s in ROADMAP_STEPS[5:8]]
    return rows


@pytest.mark.parametrize("province,partner,late", [
    ("MB", "Construction Safety Association of Manitoba", False),
    ("AB", "Alberta Safety Partnerships (AASP)", True),
    ("AB", "ACSA", False)])
def test_aasp_fifteen_days_bind_only_aasp_members(tmp_path: Path, province: str, partner: str,
                                                  late: bool) -> None:
    """Implemented 2026-09-01, self-evaluation not started on 2026-12-07: late for AASP."""
    path = build_workbook(tmp_path / "road.xlsx", BuildOptions(
        company={"Company Name": "Road Co", "Province": province, "As-of Date": AS_OF,
                 "Certifying Partner": partner},
        rows={"Roadmap": _road(dt.date(2025, 6, 1), dt.date(2026, 9, 1))}))
    findings = [f for f in check_workbook(read_workbook(path), AS_OF).findings
                if f.code == "overdue.roadmap"]
    assert bool(findings) is late, findings
    if late:
        assert "Self-evaluation" in findings[0].message and findings[0].severity == "error"


@pytest.mark.parametrize("province,late", [("SK", False), ("BC", False), ("MB", True)])
def test_written_plus_three_months_only_where_it_is_the_rule(tmp_path: Path, province: str,
                                                             late: bool) -> None:
    from secor_xl.certification.summary import roadmap_steps

    path = build_workbook(tmp_path / "road.xlsx", BuildOptions(
        company={"Company Name": "Road Co", "Province": province, "As-of Date": AS_OF},
        rows={"Roadmap": _road(dt.date(2026, 6, 1), None)}))
    wb = read_workbook(path)
    codes = {f.code for f in check_workbook(wb, AS_OF).findings}
    assert ("overdue.roadmap" in codes) is late
    (implemented,) = [s for _, s in roadmap_steps(wb) if s.step == ROADMAP_STEPS[4]]
    assert implemented.due == dt.date(2026, 9, 1) and implemented.binding is late


@pytest.mark.parametrize("answer,scored,code", [
    ("Yes", True, None), ("No", False, None), (None, False, "missing.prescribed_workplace")])
def test_saskatchewan_asks_whether_the_workplace_is_prescribed(
        tmp_path: Path, answer: str | None, scored: bool, code: str | None) -> None:
    """Six workers in Saskatchewan: element 9 is n/a only once the owner says No."""
    people = [{"Employee ID": f"E{n}", "Name": f"Worker {n}", "Position": "Labourer",
               "Start Date": dt.date(2024, 1, 8), "Status": "Active"} for n in range(6)]
    path = build_workbook(tmp_path / "sk.xlsx", BuildOptions(
        company={"Company Name": "Prairie Co", "Province": "SK", "As-of Date": AS_OF,
                 "Prescribed Workplace": answer}, rows={"Employees": people}))
    wb = read_workbook(path)
    result = score_workbook(wb, AS_OF)
    (element_9,) = [e for e in result.elements if e.id == 9]
    assert element_9.applicable is scored
    codes = {f.code: f for f in check_workbook(wb, AS_OF).findings}
    assert ("missing.hs_representative" in codes) is scored
    if scored:
        assert codes["missing.hs_representative"].severity == "error"
        assert result.verdict.reasons[0].startswith("no health and safety representative")
    assert (code in codes) if code else "missing.prescribed_workplace" not in codes
