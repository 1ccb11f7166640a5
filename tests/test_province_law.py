"""Each province's own law (issue 14): documents, questions and help of a BC or Manitoba
workbook cite that province's law and never Alberta's; the Alberta 72-hour WCB report; work
sites in the emergency response plan; the province's incentive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import demo_data
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import check_workbook

from .commands import secor_xl
from .test_documents import text_of

AS_OF = dt.date(2026, 11, 26)
# Alberta's law as a citation; "Alberta's 2019 standard" may be named (the elements are
# Alberta's where a province's own were not found, and the score says so)
ALBERTA = ("OHS Code", "Occupational Health and Safety Code", "OHS Act", "Alberta OHS",
           "Alberta Fire Code", "in Alberta")
OWN_LAW = {"BC": "Workers Compensation Act", "MB": "Workplace Safety and Health",
           "SK": "Saskatchewan Employment Act"}


def workbook_text(path: Path) -> str:
    """Every cell value and header note of a workbook, as one string."""
    wb = openpyxl.load_workbook(path)
    parts = []
    for ws in wb.worksheets:
        if ws.title in ("Lists", "Dashboard"):  # partner names; formulas
            continue
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    parts.append(cell.value)
                if cell.comment is not None:
                    parts.append(cell.comment.text)
    return "\n".join(parts)


@pytest.mark.parametrize("province", ["BC", "MB", "SK"])
def test_a_new_workbook_and_its_documents_cite_the_provinces_own_law(
        province: str, tmp_path: Path) -> None:
    path = build_workbook(tmp_path / f"{province}.xlsx", BuildOptions(company={
        "Company Name": "Coast Framing Ltd.", "Province": province, "Number of Workers": 6}))
    text = workbook_text(path)
    assert OWN_LAW[province] in text  # the Instructions' "Your province's law"
    for alberta in ALBERTA:
        assert alberta not in text, (province, alberta)
    out = tmp_path / "docs"
    result = secor_xl("docs", path, "--out", out, "--as-of", AS_OF.isoformat())
    assert result.returncode == 0, result.stderr
    documents = {p.name: text_of(p) for p in out.glob("*.docx")}
    assert documents
    for name, words in documents.items():
        for alberta in ALBERTA:
            assert alberta not in words, (province, name, alberta)
    assert OWN_LAW[province] in "\n".join(documents.values())


def test_alberta_keeps_its_citations(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "ab.xlsx", BuildOptions(company={"Province": "AB"}))
    text = workbook_text(path)
    assert "OHS Code Part 2, ss.7-9" in text and "within 72 hours" in text
    assert "(OHS Code Part 7, ss.115-117)" in text  # the emergency plan question


def incidents(rows: Sequence[Mapping[str, object]], province: str, tmp_path: Path
              ) -> list[str]:
    data = demo_data(AS_OF)
    options = BuildOptions(company={**data.company, "Province": province},
                           rows={**data.rows, "Incidents": list(rows)})
    wb = read_workbook(build_workbook(tmp_path / f"{province}.xlsx", options))
    return [f"{f.code}|{f.row}|{f.column}|{f.message}" for f in check_workbook(wb, AS_OF).findings
            if f.sheet == "Incidents"]


def medical_aid(reported_after: int | None, **extra: object) -> dict[str, object]:
    day = AS_OF - dt.timedelta(days=40)
    row: dict[str, object] = {
        "Incident ID": "INC-9", "Date": day, "Type": "Medical Aid",
        "Description": "Cut needing stitches", "Reported Date": day,
        "Investigation Started": day, "Root Cause": "Blade guard removed", "Status": "Closed"}
    if reported_after is not None:
        row |= {"Reported To WCB": "Yes",
                "WCB Report Date": day + dt.timedelta(days=reported_after)}
    return row | extra


def test_a_medical_aid_injury_reported_six_days_late_in_alberta(tmp_path: Path) -> None:
    (late,) = [f for f in incidents([medical_aid(6)], "AB", tmp_path)
               if f.startswith("late.wcb_report")]
    assert "|2|WCB Report Date|" in late and "6 days after" in late
    assert "within 72 hours" in late and "R13-44" in late


def test_reported_in_time_and_province_deadlines(tmp_path: Path) -> None:
    assert not [f for f in incidents([medical_aid(3)], "AB", tmp_path) if "wcb_report" in f]
    # Manitoba counts 5 business days: the injury on Saturday 2026-10-17 is due Monday
    # 2026-10-26, so a report on Friday 10-23 (6 days) is on time and Tuesday 10-27 is late
    assert AS_OF - dt.timedelta(days=40) == dt.date(2026, 10, 17)
    assert not [f for f in incidents([medical_aid(6)], "MB", tmp_path) if "wcb_report" in f]
    (late,) = [f for f in incidents([medical_aid(10)], "MB", tmp_path) if "wcb_report" in f]
    assert late.startswith("late.wcb_report") and "5 business days" in late
    assert "2026-10-26" in late
    bc = incidents([medical_aid(4)], "BC", tmp_path)
    assert [f.split("|")[0] for f in bc if "wcb_report" in f] == ["late.wcb_report"]
    assert "Form 7" in bc[0]


def test_not_reported_at_all_is_an_error_for_every_injury_type(tmp_path: Path) -> None:
    found = incidents([medical_aid(None, Type="Modified Work")], "AB", tmp_path)
    (missing,) = [f for f in found if f.startswith("missing.wcb_report")]
    assert "Modified Work" in missing and "72 hours" in missing


def test_a_site_appears_in_the_emergency_response_plan(tmp_path: Path) -> None:
    data = demo_data(AS_OF)
    site = {"Site": "Riverbend lot 3", "Address": "3 Riverbend Way, Okotoks, AB",
            "Nearest Hospital": "Foothills Medical Centre", "Muster Point": "Corner of the lot",
            "Active": "Yes"}
    path = build_workbook(tmp_path / "sites.xlsx", BuildOptions(
        company=data.company, rows={**data.rows, "Work Sites": [site]}))
    out = tmp_path / "docs"
    result = secor_xl("docs", path, "--out", out, "--only", "erp", "--as-of",
                      AS_OF.isoformat())
    assert result.returncode == 0, result.stderr
    (erp,) = out.glob("erp*.docx")
    text = text_of(erp)
    for value in site.values():
        if value != "Yes":
            assert value in text, value
    assert "does not expire" not in text  # first aid tickets show their worked-out expiry


def test_another_province_gets_no_alberta_rule_for_its_representative(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "on.xlsx", BuildOptions(company={
        "Company Name": "Lakeshore Ltd", "Province": "ON", "Number of Workers": 8}))
    wb = read_workbook(path)
    findings = check_workbook(wb, AS_OF).findings
    assert not [f for f in findings if f.code == "missing.hs_representative"]
    result = secor_xl("score", path, "--format", "json", "--as-of", AS_OF.isoformat())
    assert "Alberta OHS Act" not in result.stdout and "OHS Code" not in result.stdout
    assert "not confirmed, so this element is not scored" in result.stdout


def test_upgrade_brings_a_bc_workbooks_own_notes_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "bc.xlsx"
    path.write_bytes((Path(__file__).parent / "fixtures" / "secor_v1_demo.xlsx").read_bytes())
    wb = openpyxl.load_workbook(path)
    company = wb["Company"]
    (row,) = [r for r in range(1, 30) if company.cell(r, 1).value == "Province"]
    company.cell(row, 2).value = "BC"
    wb.save(path)
    assert "OHS Code" in workbook_text(path)  # version 1 cited Alberta's law everywhere
    assert secor_xl("upgrade", path).returncode == 0
    text = workbook_text(path)
    # what is left is the client's own Self-Assessment wording of version 1, kept as typed
    leftovers = [line for line in text.splitlines() if "OHS Code" in line]
    assert all("Is there a written emergency response plan" in line for line in leftovers), \
        leftovers
