"""`check`: each rule on a frozen as-of date, the demo's exact findings, and the CLI."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import openpyxl
import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import CARPENTER_1, TRUCK_2, demo_data
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import CheckResult, check_workbook

from . import dashboard_fixture as fx
from .commands import secor_xl

AS_OF = dt.date(2026, 11, 26)
GOLDEN = Path(__file__).parent / "golden" / "demo_check.json"
PLANTED = {("Program Documents", "overdue.document_review"),
           ("Inspection Schedule", "overdue.inspection"),
           ("Training Records", "expired.training"),
           ("Corrective Actions", "overdue.action"),
           ("Meetings", "missing.meeting")}


def run_check(tmp_path: Path, rows: dict | None = None, company: dict | None = None,  # type: ignore[type-arg]
              as_of: dt.date = AS_OF, name: str = "wb.xlsx") -> CheckResult:
    data = demo_data(AS_OF)
    options = BuildOptions(company=company if company is not None else data.company,
                           rows=rows if rows is not None else data.rows)
    path = build_workbook(tmp_path / name, options)
    return check_workbook(read_workbook(path), as_of)


def demo_rows() -> dict[str, list[dict[str, object]]]:
    return copy.deepcopy(demo_data(AS_OF).rows)


def codes(result: CheckResult) -> set[tuple[str, str]]:
    return {(f.sheet, f.code) for f in result.findings}


def new_findings(result: CheckResult) -> list[tuple[str, int, str | None, str]]:
    """Findings beyond the demo's planted ones."""
    return [(f.sheet, f.row, f.column, f.code) for f in result.findings
            if (f.sheet, f.code) not in PLANTED]


# -- the demo ----------------------------------------------------------------------


def test_demo_has_exactly_the_planted_problems(tmp_path: Path) -> None:
    result = run_check(tmp_path)
    assert codes(result) == PLANTED
    assert result.counts == {"overdue_inspections": 1, "expired_training": 1,
                             "overdue_actions": 1}
    messages = " ".join(f.message for f in result.findings)
    assert TRUCK_2 in messages and CARPENTER_1 in messages and "July 2026" in messages


def test_demo_golden_json(tmp_path: Path) -> None:
    got = run_check(tmp_path).to_dict()
    got["workbook"] = "secor_demo.xlsx"
    if os.environ.get("SECOR_UPDATE_GOLDEN"):  # after a reviewed change of messages
        GOLDEN.write_text(json.dumps(got, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_fixture_counts_match_hand_computed(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "fx.xlsx",
                          BuildOptions(company=fx.company(), rows=fx.rows()))
    wb = read_workbook(path)
    assert wb.as_of == fx.AS_OF  # the workbook's As-of Date is the default
    counts = check_workbook(wb, fx.AS_OF).counts
    assert counts == {"overdue_inspections": 5, "expired_training": 4, "overdue_actions": 2}
    later = check_workbook(wb, dt.date(2026, 1, 1)).counts
    assert later == {"overdue_inspections": 9, "expired_training": 7, "overdue_actions": 4}


# -- validation ----------------------------------------------------------------------


def test_bad_cells_are_reported_at_sheet_row_column(tmp_path: Path) -> None:
    rows = demo_rows()
    records = rows["Training Records"]
    records[0]["Expiry Date"] = "2025-02-30"  # row 2
    records[1]["Completed Date"] = "31/03/2025"  # a Canadian date as text: used, warned
    rows["Inspection Log"][0]["Result"] = " satisfactory "  # case and spaces: fine
    rows["Inspection Log"][1]["Result"] = "Good"  # not in the list
    rows["Inspection Log"][2]["Inspector"] = "Nobody Known"
    rows["Training Matrix"][0]["Validity Months"] = "36"  # a number as text: used, warned
    result = run_check(tmp_path, rows)
    found = {(f.sheet, f.row, f.column, f.code): f for f in result.findings}
    bad = found[("Training Records", 2, "Expiry Date", "invalid.date")]
    assert bad.message == "Training Records row 2, Expiry Date: 2025-02-30 is not a date."
    assert bad.severity == "error"
    text_date = found[("Training Records", 3, "Completed Date", "invalid.date_text")]
    assert text_date.severity == "warning" and "2025-03-31" in text_date.message
    assert ("Inspection Log", 3, "Result", "invalid.choice") in found
    assert ("Inspection Log", 2, "Result", "invalid.choice") not in found
    assert ("Inspection Log", 4, "Inspector", "invalid.employee") in found
    assert ("Training Matrix", 2, "Validity Months", "invalid.number_text") in found


def test_required_duplicate_future_order_reference(tmp_path: Path) -> None:
    rows = demo_rows()
    log = rows["Inspection Log"]
    log[0]["Inspector"] = None  # required
    log[2]["Inspection ID"] = log[1]["Inspection ID"]  # duplicate
    log[3]["Date"] = AS_OF + dt.timedelta(days=1)  # inspected tomorrow
    log[4]["Action ID"] = "CA-999"  # points nowhere
    records = rows["Training Records"]
    records[0]["Expiry Date"] = dt.date(2000, 1, 1)  # before completion
    meeting = rows["Meetings"][0]
    meeting["Attendees"] = f"{CARPENTER_1}, Ghost Worker"
    result = run_check(tmp_path, rows)
    got = set(new_findings(result))
    assert ("Inspection Log", 2, "Inspector", "invalid.required") in got
    assert ("Inspection Log", 4, "Inspection ID", "invalid.duplicate") in got
    assert ("Inspection Log", 5, "Date", "invalid.future_date") in got
    assert ("Inspection Log", 6, "Action ID", "invalid.reference") in got
    assert ("Training Records", 2, "Expiry Date", "invalid.date_order") in got
    assert ("Meetings", 2, "Attendees", "invalid.employee") in got
    ghost = next(f for f in result.findings if f.code == "invalid.employee")
    assert "Ghost Worker" in ghost.message and CARPENTER_1 not in ghost.message


def test_action_completed_before_its_source(tmp_path: Path) -> None:
    rows = demo_rows()
    action = next(a for a in rows["Corrective Actions"]
                  if a.get("Source") == "Inspection" and a.get("Completed Date"))
    action["Completed Date"] = dt.date(2020, 1, 1)
    row = 2 + rows["Corrective Actions"].index(action)
    got = set(new_findings(run_check(tmp_path, rows)))
    assert ("Corrective Actions", row, "Completed Date", "invalid.date_order") in got


def fixed_demo_rows() -> dict[str, list[dict[str, object]]]:
    """The demo with its planted problems put right."""
    rows = demo_rows()
    for a in rows["Corrective Actions"]:
        if a.get("Status") == "Open" and a["Due Date"] < AS_OF:  # type: ignore[operator]
            a["Due Date"] = AS_OF
    for d in rows["Program Documents"]:
        if d["Review Due"] < AS_OF:  # type: ignore[operator]
            d["Review Due"] = AS_OF + dt.timedelta(days=200)
    rows["Inspection Log"].append({"Inspection ID": "IN-9999", "Date": AS_OF, "Item": TRUCK_2,
                                   "Inspection Type": "Vehicle", "Inspector": CARPENTER_1,
                                   "Result": "Satisfactory"})
    rows["Training Records"].append({"Employee": CARPENTER_1, "Course": "Fall Protection",
                                     "Completed Date": AS_OF})
    months = {m["Date"].replace(day=1) for m in rows["Meetings"]  # type: ignore[attr-defined]
              if m["Type"] == "Safety Meeting"}
    for n in range(1, 13):
        month = (AS_OF.replace(day=1) - dt.timedelta(days=28 * n)).replace(day=15)
        if month.replace(day=1) not in months:
            rows["Meetings"].append({"Meeting ID": f"M-X{n}", "Date": month,
                                     "Type": "Safety Meeting", "Chair": CARPENTER_1,
                                     "Attendees": CARPENTER_1, "Topics": "Catch-up"})
    return rows


def test_clean_rows_raise_no_false_alarms(tmp_path: Path) -> None:
    """The demo with its planted problems fixed has no finding at all."""
    result = run_check(tmp_path, fixed_demo_rows())
    assert result.findings == []
    assert result.counts == {"overdue_inspections": 0, "expired_training": 0,
                             "overdue_actions": 0}


# -- timeliness ----------------------------------------------------------------------


def test_boundaries_due_today_is_not_late(tmp_path: Path) -> None:
    rows = demo_rows()
    action = next(a for a in rows["Corrective Actions"] if a.get("Status") == "Open")
    action["Due Date"] = AS_OF
    result = run_check(tmp_path, rows)
    assert result.counts["overdue_actions"] == 0
    assert result.counts == run_check(tmp_path, rows, name="again.xlsx").counts


def test_missing_drill_policy_and_lost_time_report(tmp_path: Path) -> None:
    rows = demo_rows()
    rows["Emergency Drills"] = []
    rows["Program Documents"] = [d for d in rows["Program Documents"]
                                 if "policy" not in str(d["Document"]).lower()]
    lost = next(i for i in rows["Incidents"] if i["Type"] == "Lost Time")
    lost["Reported To WCB"] = "No"
    lost["WCB Report Date"] = None
    lost["Investigation Started"] = lost["Date"] + dt.timedelta(days=5)  # type: ignore[operator]
    got = codes(run_check(tmp_path, rows))
    assert ("Emergency Drills", "missing.drill") in got
    assert ("Program Documents", "missing.policy") in got
    assert ("Incidents", "missing.wcb_report") in got
    assert ("Incidents", "overdue.investigation") in got


def test_management_quarter_and_audit_soon(tmp_path: Path) -> None:
    data = demo_data(AS_OF)
    rows = demo_rows()
    q3 = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    rows["Management Activities"] = [a for a in rows["Management Activities"]
                                     if not q3[0] <= a["Date"] <= q3[1]]  # type: ignore[operator]
    company = dict(data.company) | {"Next Audit Due": AS_OF + dt.timedelta(days=60)}
    result = run_check(tmp_path, rows, company=company)
    messages = {f.code: f.message for f in result.findings}
    assert "Q3 2026" in messages["missing.management_activity"]
    assert "in 60 days" in messages["overdue.audit_soon"]
    company["Next Audit Due"] = AS_OF + dt.timedelta(days=61)
    assert ("Company", "overdue.audit_soon") not in codes(
        run_check(tmp_path, rows, company=company, name="later.xlsx"))


def test_empty_master_reports_what_is_missing(tmp_path: Path) -> None:
    result = run_check(tmp_path, rows={}, company={})
    got = codes(result)
    assert ("Emergency Drills", "missing.drill") in got
    assert ("Program Documents", "missing.policy") in got
    assert ("Meetings", "missing.meeting") in got
    assert ("Company", "invalid.required") in got
    assert result.counts == {"overdue_inspections": 0, "expired_training": 0,
                             "overdue_actions": 0}


# -- a messy client workbook -----------------------------------------------------------


def test_renamed_header_missing_sheet_rows_below_table(tmp_path: Path) -> None:
    data = demo_data(AS_OF)
    path = build_workbook(tmp_path / "messy.xlsx",
                          BuildOptions(company=data.company, rows=data.rows, spare_rows=0))
    wb = openpyxl.load_workbook(path)
    actions = wb["Corrective Actions"]
    actions["F1"] = "Due"  # renamed header (the table column too)
    actions.tables["CorrectiveActions"].tableColumns[5].name = "Due"
    del wb["Emergency Drills"]
    log = wb["Inspection Log"]
    below = log.max_row + 2
    log.cell(row=below, column=1, value="IN-LOST")
    log.cell(row=below, column=2, value=dt.date(2026, 11, 1))
    wb.save(path)
    result = check_workbook(read_workbook(path), AS_OF)
    found = {(f.sheet, f.code): f for f in result.findings}
    header = found[("Corrective Actions", "invalid.header")]
    assert header.row == 1 and header.column == "Due Date" and "'Due'" in header.message
    assert ("Emergency Drills", "invalid.sheet") in found
    outside = found[("Inspection Log", "invalid.outside_table")]
    assert outside.row == below
    # the rest is still checked
    assert ("Inspection Schedule", "overdue.inspection") in found
    assert ("Training Records", "expired.training") in found


# -- the command line ------------------------------------------------------------------


cli = secor_xl


def test_cli_json_exit_codes_and_no_change(tmp_path: Path) -> None:
    data = demo_data(AS_OF)
    path = build_workbook(tmp_path / "demo.xlsx",
                          BuildOptions(company=data.company, rows=data.rows))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = cli("check", path, "--as-of", AS_OF.isoformat(), "--format", "json")
    assert result.returncode == 1  # error-severity findings
    report = json.loads(result.stdout)
    assert set(report) == {"workbook", "as_of", "schema_version", "summary", "findings"}
    assert set(report["summary"]) == {"errors", "warnings", "counts"}
    assert report["as_of"] == "2026-11-26"
    assert set(report["findings"][0]) == {"sheet", "row", "column", "severity", "code",
                                          "message"}
    text = cli("check", path, "--as-of", AS_OF.isoformat())
    assert text.returncode == 1 and "errors" in text.stdout.splitlines()[-1]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.iterdir()] == ["demo.xlsx"]


def test_cli_clean_workbook_exits_0(tmp_path: Path) -> None:
    data = demo_data(AS_OF)
    path = build_workbook(tmp_path / "clean.xlsx",
                          BuildOptions(company=data.company, rows=fixed_demo_rows()))
    result = cli("check", path, "--as-of", AS_OF.isoformat(), "--format", "json")
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0, report["findings"]
    assert result.returncode == 0


@pytest.mark.parametrize(("name", "content", "words"), [
    ("missing.xlsx", None, ["no such file"]),
    ("old.xls", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100, ["97-2003", ".xlsx"]),
    ("locked.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100, ["password"]),
    ("rows.csv", b"a,b\n1,2\n", ["text file"]),
    ("junk.xlsx", b"not a zip at all", ["not an Excel workbook"]),
])
def test_cli_unusable_files(tmp_path: Path, name: str, content: bytes | None,
                            words: list[str]) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    for command in ("check", "score"):
        result = cli(command, path)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in result.stderr
        for word in words:
            assert word in lines[0]


def test_cli_bad_as_of(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "m.xlsx")
    result = cli("check", path, "--as-of", "2025-13-01")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


SCORE_GOLDEN = Path(__file__).parent / "golden" / "demo_score.json"


def test_demo_score_golden_json(tmp_path: Path) -> None:
    """Every point of the demo's score, as reviewed: a change to a criterion shows here."""
    from secor_xl.score import score_workbook

    data = demo_data(AS_OF)
    path = build_workbook(tmp_path / "demo.xlsx",
                          BuildOptions(company=data.company, rows=data.rows))
    got = score_workbook(read_workbook(path), AS_OF).to_dict()
    if os.environ.get("SECOR_UPDATE_GOLDEN"):
        SCORE_GOLDEN.write_text(json.dumps(got, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(SCORE_GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("due", "code"), [
    (AS_OF - dt.timedelta(days=1), "overdue.roadmap"),
    (AS_OF + dt.timedelta(days=30), "overdue.roadmap_soon"),
    (AS_OF + dt.timedelta(days=31), None),
])
def test_next_roadmap_step_late_or_due_soon(tmp_path: Path, due: dt.date,
                                            code: str | None) -> None:
    rows = demo_rows()
    step = next(r for r in rows["Roadmap"] if r["Status"] == "In Progress")
    step["Due"] = due
    row = 2 + rows["Roadmap"].index(step)
    found = [(f.row, f.column, f.code) for f in run_check(tmp_path, rows).findings
             if f.sheet == "Roadmap"]
    assert found == ([(row, "Due", code)] if code else [])


def test_next_roadmap_step_without_a_due_date(tmp_path: Path) -> None:
    """A fresh Roadmap: the first step has no due date and none can be worked out."""
    from secor_xl.builder.content import roadmap_rows

    rows = demo_rows() | {"Roadmap": roadmap_rows()}
    found = [(f.row, f.column, f.code, f.severity.value)
             for f in run_check(tmp_path, rows).findings if f.sheet == "Roadmap"]
    assert found == [(2, "Due", "missing.roadmap_due", "warning")]


def test_empty_roadmap_is_reported(tmp_path: Path) -> None:
    rows = demo_rows() | {"Roadmap": []}
    found = [(f.row, f.column, f.code) for f in run_check(tmp_path, rows).findings
             if f.sheet == "Roadmap"]
    assert found == [(1, "Step", "missing.roadmap")]


def test_hazard_review_late_once_per_assessment(tmp_path: Path) -> None:
    """Every line of HA-01 (in any case) and one of HA-02 past review: one finding each,
    on the assessment's first late line, with the number of late lines."""
    rows = demo_rows()
    hazards = rows["Hazard Assessments"]
    late = AS_OF - dt.timedelta(days=1)
    ha01 = [i for i, r in enumerate(hazards) if r["Assessment ID"] == "HA-01"]
    ha02 = [i for i, r in enumerate(hazards) if r["Assessment ID"] == "HA-02"]
    assert len(ha01) >= 2
    for i in ha01:
        hazards[i]["Review Due"] = late
    hazards[ha01[-1]]["Assessment ID"] = " ha-01 "
    hazards[ha02[-1]]["Review Due"] = late
    found = [(f.row, f.message) for f in run_check(tmp_path, rows).findings
             if f.code == "overdue.hazard_review"]
    assert [row for row, _m in found] == [2 + ha01[0], 2 + ha02[-1]]
    assert found[0][1].endswith(f"({len(ha01)} lines).") and "HA-01" in found[0][1]
    assert "lines" not in found[1][1] and "HA-02" in found[1][1]


def test_text_output_counts_what_a_person_cannot_read_and_json_keeps_everything(
        tmp_path: Path) -> None:
    """Thirty people not on the roster: the text lists five, says "and 25 more like this"
    with a count by sheet and code; the JSON has all thirty."""
    from secor_xl.report import GROUP_OVER, SHOWN_PER_CODE

    data = demo_data(AS_OF)
    rows = {name: list(r) for name, r in data.rows.items()}
    extra = [dict(rows["Training Records"][0]) | {"Employee": f"Temp Worker {i}"}
             for i in range(30)]
    rows["Training Records"] = rows["Training Records"] + extra
    path = build_workbook(tmp_path / "messy.xlsx",
                          BuildOptions(company=data.company, rows=rows))
    report = json.loads(secor_xl("check", path, "--format", "json", "--as-of",
                                 AS_OF.isoformat()).stdout)
    unknown = [f for f in report["findings"]
               if f["sheet"] == "Training Records" and f["code"] == "invalid.employee"]
    assert len(unknown) == 30 > GROUP_OVER
    text = secor_xl("check", path, "--as-of", AS_OF.isoformat()).stdout
    assert text.count("Temp Worker") == SHOWN_PER_CODE
    assert f"and {30 - SHOWN_PER_CODE} more like this" in text
    assert "Findings by sheet and code" in text and "--format json" in text
