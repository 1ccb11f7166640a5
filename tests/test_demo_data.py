"""The demo company is valid against the schema and plants exactly one problem per count.

The three Dashboard counts are recomputed here, independently and plainly,
from the definitions in `shared/design/workbook.md`.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest

from secor_xl.demo_data import DemoData, demo_data
from secor_xl.questions_data import INTERVIEW_QUESTIONS, OBSERVATION_QUESTIONS, sample_size
from secor_xl.schema import COMPANY_FIELDS, ColumnType, sheet, table_sheets

AS_OF_DATES = [
    dt.date(2025, 6, 30),
    dt.date(2026, 11, 26),
    # month ends and leap days, where EDATE clamps
    dt.date(2024, 2, 29),
    dt.date(2025, 3, 31),
    dt.date(2027, 1, 1),
]

# Columns whose dates may lie after as_of (deadlines and expiries).
FUTURE_OK = {"Review Due", "Due Date", "Due", "Expiry Date", "Next Audit Due",
             "WCB Clearance Expiry", "Insurance Expiry", "Term Ends", "Next Due"}


@pytest.fixture(params=AS_OF_DATES, ids=str)
def as_of(request: pytest.FixtureRequest) -> dt.date:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def data(as_of: dt.date) -> DemoData:
    return demo_data(as_of)


def edate(day: dt.date, months: int) -> dt.date:
    """Excel's EDATE: add calendar months, clamping the day at month end."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_interval(day: dt.date, frequency: str) -> dt.date:
    days = {"Daily": 1, "Weekly": 7}
    months = {"Monthly": 1, "Quarterly": 3, "Semi-annual": 6, "Annual": 12}
    if frequency in days:
        return day + dt.timedelta(days=days[frequency])
    return edate(day, months[frequency])


def key(text: object) -> str:
    return str(text).strip().casefold()


def roster(data: DemoData) -> set[str]:
    return {str(r["Name"]) for r in data.rows["Employees"]}


# --- the three Dashboard counts, as workbook.md defines them --------------------

def overdue_inspections(data: DemoData, as_of: dt.date) -> int:
    count = 0
    for item in data.rows["Inspection Schedule"]:
        if item.get("Active") == "No":
            continue
        done = [r["Date"] for r in data.rows["Inspection Log"]
                if key(r["Item"]) == key(item["Item"]) and r["Date"] <= as_of]  # type: ignore[operator]
        if not done or add_interval(max(done), str(item["Frequency"])) < as_of:  # type: ignore[type-var,arg-type]
            count += 1
    return count


def expired_training(data: DemoData, as_of: dt.date) -> int:
    validity = {(key(r["Position"]), key(r["Course"])): r.get("Validity Months")
                for r in data.rows["Training Matrix"]}
    required = {(key(r["Position"]), key(r["Course"]))
                for r in data.rows["Training Matrix"] if r["Required"] == "Yes"}
    count = 0
    for emp in data.rows["Employees"]:
        if emp["Status"] == "Inactive":
            continue
        for position, course in sorted(required):
            if position != key(emp["Position"]):
                continue
            expiries = []
            for rec in data.rows["Training Records"]:
                if key(rec["Employee"]) == key(emp["Name"]) and key(rec["Course"]) == course:
                    months = validity[(position, course)]
                    if rec.get("Expiry Date"):
                        expiries.append(rec["Expiry Date"])
                    elif months is None:
                        expiries.append(dt.date.max)  # no expiry
                    else:
                        expiries.append(edate(rec["Completed Date"], months))  # type: ignore[arg-type]
            if not expiries or max(expiries) < as_of:  # type: ignore[type-var]
                count += 1
    return count


def overdue_actions(data: DemoData, as_of: dt.date) -> int:
    return sum(1 for r in data.rows["Corrective Actions"]
               if r["Status"] != "Closed" and r["Due Date"] < as_of)  # type: ignore[operator]


def test_dashboard_counts_are_one_each(data: DemoData, as_of: dt.date) -> None:
    assert overdue_inspections(data, as_of) == 1
    assert expired_training(data, as_of) == 1
    assert overdue_actions(data, as_of) == 1


def test_edate_clamps_like_excel() -> None:
    assert edate(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert edate(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert edate(dt.date(2025, 3, 31), -1) == dt.date(2025, 2, 28)
    assert edate(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 15)


# --- validity against the schema ------------------------------------------------

def test_every_table_sheet_but_findings_is_present(data: DemoData) -> None:
    assert set(data.rows) == {s.name for s in table_sheets()}
    for rows in data.rows.values():
        assert rows
    answers = [r["Answer"] for r in data.rows["Self-Assessment"]]
    assert len(answers) == 30 and set(answers) == {"Yes", "Partial"}


def test_rows_are_valid_against_the_schema(data: DemoData, as_of: dt.date) -> None:
    names = roster(data)
    for sheet_name, rows in data.rows.items():
        sh = sheet(sheet_name)
        for i, row in enumerate(rows):
            where = f"{sheet_name} row {i}"
            assert set(row) <= set(sh.column_names), where
            for col in sh.columns:
                value = row.get(col.name)
                if col.type is ColumnType.FORMULA:
                    assert col.name not in row, where
                    continue
                if col.required:
                    assert value not in (None, ""), f"{where}: {col.name} is blank"
                if value is None:
                    continue
                check_value(col.name, col.type, col.choices, value, names, as_of, where)
                if col.minimum is not None:
                    assert col.minimum <= value, where  # type: ignore[operator]
                if col.maximum is not None:
                    assert value <= col.maximum, where  # type: ignore[operator]


def check_value(name: str, type_: ColumnType, choices: tuple[str, ...] | None, value: object,
                names: set[str], as_of: dt.date, where: str) -> None:
    where = f"{where}: {name}={value!r}"
    if type_ in (ColumnType.CHOICE, ColumnType.YESNO):
        assert choices is not None and value in choices, where
    elif type_ is ColumnType.EMPLOYEE:
        assert value in names, where
    elif type_ is ColumnType.PEOPLE:
        people = [p.strip() for p in str(value).split(",")]
        assert people and set(people) <= names, where
        assert len(people) == len(set(people)), where
    elif type_ is ColumnType.DATE:
        assert type(value) is dt.date, where
        if name not in FUTURE_OK:
            assert value <= as_of, where
    elif type_ is ColumnType.INTEGER:
        assert type(value) is int, where
    elif type_ is ColumnType.NUMBER:
        assert isinstance(value, int | float), where
    else:
        assert isinstance(value, str) and value.strip() == value and value, where


def test_ids_are_unique(data: DemoData) -> None:
    for sheet_name, rows in data.rows.items():
        id_column = sheet(sheet_name).id_column
        if id_column:
            ids = [r[id_column] for r in rows]
            assert len(ids) == len(set(ids)), sheet_name


def test_company_form(data: DemoData, as_of: dt.date) -> None:
    fields = {c.name: c for c in COMPANY_FIELDS}
    assert set(data.company) <= set(fields)
    assert "As-of Date" not in data.company
    for name, col in fields.items():
        if col.required:
            assert data.company.get(name) not in (None, ""), name
    for name, value in data.company.items():
        col = fields[name]
        check_value(name, col.type, col.choices, value, roster(data), as_of, "Company")
    active = [e for e in data.rows["Employees"] if e["Status"] == "Active"]
    assert data.company["Number of Workers"] == len(active) == 8
    assert data.company["Province"] == "AB"
    assert data.company["Safety Contact"] == active[0]["Name"]
    assert data.company["Next Audit Due"] > as_of  # type: ignore[operator]


# --- cross-references between sheets ---------------------------------------------

def test_inspection_log_matches_the_schedule(data: DemoData) -> None:
    schedule = {r["Item"]: r for r in data.rows["Inspection Schedule"]}
    for row in data.rows["Inspection Log"]:
        assert row["Item"] in schedule
        assert row["Inspection Type"] == schedule[row["Item"]]["Inspection Type"]
        assert ("Deficiency" in row) == ("Action ID" in row) == (
            row["Result"] == "Deficiencies Found")
    assert any(r.get("Active") == "No" for r in schedule.values())
    logged = {r["Item"] for r in data.rows["Inspection Log"]}
    assert set(schedule) == logged


def test_action_ids_point_to_corrective_actions(data: DemoData) -> None:
    actions = {r["Action ID"]: r for r in data.rows["Corrective Actions"]}
    refs = {"Inspection": {r["Inspection ID"] for r in data.rows["Inspection Log"]},
            "Incident": {r["Incident ID"] for r in data.rows["Incidents"]},
            "Meeting": {r["Meeting ID"] for r in data.rows["Meetings"]},
            "Hazard Assessment": {r["Assessment ID"] for r in data.rows["Hazard Assessments"]}}
    linked = []
    for sheet_name, col in (("Inspection Log", "Action ID"), ("Emergency Drills", "Action ID"),
                            ("Meetings", "Action IDs")):  # (a repair reuses an inspection's)
        for row in data.rows[sheet_name]:
            for action_id in str(row.get(col) or "").split(","):
                if action_id.strip():
                    assert action_id.strip() in actions, (sheet_name, action_id)
                    linked.append(action_id.strip())
    assert len(linked) == len(set(linked))
    for action in actions.values():
        if action["Source"] in refs and "Source Ref" in action:
            assert action["Source Ref"] in refs[str(action["Source"])], action
        closed = action["Status"] == "Closed"
        assert closed == ("Completed Date" in action) == ("Verified By" in action), action
        if closed:
            assert action["Verified By"] != action["Assigned To"]
            assert action["Completed Date"] <= action["Due Date"]  # type: ignore[operator]


def test_training_names_match_roster_and_matrix(data: DemoData) -> None:
    positions = {r["Position"] for r in data.rows["Training Matrix"]}
    courses = {r["Course"] for r in data.rows["Training Matrix"]}
    assert {e["Position"] for e in data.rows["Employees"]} <= positions
    for rec in data.rows["Training Records"]:
        assert rec["Course"] in courses
        assert rec["Employee"] != rec.get("Competency Verified By")
        if "Expiry Date" in rec:
            assert rec["Expiry Date"] > rec["Completed Date"]  # type: ignore[operator]
    # at least one renewal: an expired record followed by a current one
    by_pair: dict[tuple[object, object], list[dict[str, object]]] = {}
    for rec in data.rows["Training Records"]:
        by_pair.setdefault((rec["Employee"], rec["Course"]), []).append(rec)
    assert any(len(recs) > 1 for recs in by_pair.values())


def test_people_appear_only_after_they_started(data: DemoData) -> None:
    start = {e["Name"]: e["Start Date"] for e in data.rows["Employees"]}
    dated = (("Meetings", "Date", ("Chair", "Attendees")),
             ("Emergency Drills", "Drill Date", ("Participants", "Evaluated By")),
             ("Inspection Log", "Date", ("Inspector",)),
             ("Incidents", "Date", ("Person Involved", "Investigated By")))
    for sheet_name, date_col, cols in dated:
        for row in data.rows[sheet_name]:
            for col in cols:
                for name in str(row.get(col) or "").split(","):
                    if name.strip():
                        assert start[name.strip()] <= row[date_col], (sheet_name, row)  # type: ignore[operator]


# --- the planted problems -----------------------------------------------------------

def test_one_month_without_a_safety_meeting(data: DemoData, as_of: dt.date) -> None:
    held = {(r["Date"].year, r["Date"].month)  # type: ignore[attr-defined]
            for r in data.rows["Meetings"] if r["Type"] == "Safety Meeting"}
    months = [edate(as_of.replace(day=1), -k) for k in range(12)]
    missing = [m for m in months if (m.year, m.month) not in held]
    assert len(missing) == 1
    assert f"{missing[0]:%B} {missing[0].year}" in " ".join(data.problems)


def test_problems_are_listed(data: DemoData) -> None:
    assert len(data.problems) == 5
    assert all(isinstance(p, str) and p.endswith(".") for p in data.problems)


def test_documents_one_past_review(data: DemoData, as_of: dt.date) -> None:
    late = [d for d in data.rows["Program Documents"] if d["Review Due"] < as_of]  # type: ignore[operator]
    assert len(late) == 1


def test_deterministic(as_of: dt.date) -> None:
    assert demo_data(as_of) == demo_data(as_of)
    assert demo_data(as_of) != demo_data(as_of + dt.timedelta(days=1))


# --- the auditor's three methods (issue 21) -------------------------------------------

def year_before(as_of: dt.date) -> dt.date:
    return edate(as_of, -12)


def test_interviews_are_the_sample_with_every_question_of_each_role(
        data: DemoData, as_of: dt.date) -> None:
    """sample_size(8) = 6 people, each role present, every question of their role answered
    Positive or Negative in the 12 months; the rest of the roster was not interviewed."""
    active = [e["Name"] for e in data.rows["Employees"] if e["Status"] == "Active"]
    rows = data.rows["Interviews"]
    people = {r["Interviewee"] for r in rows}
    assert people <= set(active) and len(people) == sample_size(len(active)) == 6
    roles = {r["Interviewee"]: r["Role"] for r in rows}
    assert len({(r["Interviewee"], r["Role"]) for r in rows}) == len(people)  # one role each
    assert set(roles.values()) == {"Manager", "Supervisor", "Worker"}
    for person, role in roles.items():
        asked = sorted(str(r["Question ID"]) for r in rows if r["Interviewee"] == person)
        assert asked == sorted(q.id for q in INTERVIEW_QUESTIONS if role in q.roles), person
    assert all(year_before(as_of) < r["Date"] <= as_of for r in rows)  # type: ignore[operator]
    assert {r["Answer"] for r in rows} == {"Positive", "Negative"}
    assert 1 <= sum(r["Answer"] == "Negative" for r in rows) <= 2
    assert {r["Interviewer"] for r in rows} <= {active[0], "Gail Whitford (safety consultant)"}
    assert all(r["Interviewer"] != r["Interviewee"] for r in rows)


def test_every_active_site_walked_with_every_question(data: DemoData, as_of: dt.date) -> None:
    """One negative observation, its Action ID in the Note and on Corrective Actions."""
    active = {r["Site"] for r in data.rows["Work Sites"] if r["Active"] == "Yes"}
    rows = data.rows["Observations"]
    questions = sorted(q.id for q in OBSERVATION_QUESTIONS)
    for site in active:
        assert sorted(str(r["Question ID"]) for r in rows if r["Site"] == site) == questions
    assert {r["Site"] for r in rows} == active
    assert all(year_before(as_of) < r["Date"] <= as_of for r in rows)  # type: ignore[operator]
    negative = [r for r in rows if r["Result"] == "Negative"]
    assert len(negative) == 1
    action_id = str(negative[0]["Note"]).split()[1]
    action = {r["Action ID"]: r for r in data.rows["Corrective Actions"]}[action_id]
    assert action["Status"] == "Closed" and action["Source"] == "Audit"
    assert action["Source Ref"] == f"Walk-around {negative[0]['Question ID']}"


def test_a_field_level_assessment_at_every_active_site(data: DemoData, as_of: dt.date) -> None:
    active = {r["Site"] for r in data.rows["Work Sites"] if r["Active"] == "Yes"}
    flha = {r["Location"] for r in data.rows["Hazard Assessments"]
            if r["Type"] == "Site-specific" and year_before(as_of) < r["Assessed Date"]}  # type: ignore[operator]
    assert active <= flha


def test_procedures_cover_the_high_risk_jobs(data: DemoData, as_of: dt.date) -> None:
    """Each procedure is for a job of the hazard assessments and within its review; the
    jobs with a hazard of severity 5 (heights, demolition, driving) each have one."""
    jobs = {r["Job or Task"] for r in data.rows["Hazard Assessments"]}
    severe = {r["Job or Task"] for r in data.rows["Hazard Assessments"]
              if r["Type"] == "Formal" and r["Severity"] == 5}
    procedures = data.rows["Safe Work Procedures"]
    assert {p["Job or Task"] for p in procedures} <= jobs
    assert severe <= {p["Job or Task"] for p in procedures}
    for p in procedures:
        assert p["Approved Date"] <= as_of < p["Review Due"], p  # type: ignore[operator]
    assert sum(p["Review Due"] <= as_of + dt.timedelta(days=30) for p in procedures) == 1  # type: ignore[operator]


def test_maintenance_of_the_scheduled_equipment(data: DemoData, as_of: dt.date) -> None:
    schedule = {r["Item"]: r for r in data.rows["Inspection Schedule"]}
    actions = {r["Action ID"] for r in data.rows["Corrective Actions"]}
    rows = data.rows["Equipment Maintenance"]
    assert {r["Equipment"] for r in rows} <= set(schedule)
    for item, entry in schedule.items():
        if entry["Inspection Type"] == "Vehicle" and entry["Active"] == "Yes":
            latest = max(r["Date"] for r in rows if r["Equipment"] == item)  # type: ignore[type-var]
            assert latest >= year_before(as_of), item  # type: ignore[operator]
    for r in rows:
        assert r.get("Action ID", next(iter(actions))) in actions
        if "Next Due" in r:
            assert r["Next Due"] > r["Date"]  # type: ignore[operator]


def test_roles_document_and_incident_actions(data: DemoData, as_of: dt.date) -> None:
    roles = [d for d in data.rows["Program Documents"]
             if d["Document"] == "Roles and Responsibilities"]
    assert len(roles) == 1 and roles[0]["Review Due"] > as_of  # type: ignore[operator]
    incidents = {r["Incident ID"] for r in data.rows["Incidents"]}
    from_incidents = [a for a in data.rows["Corrective Actions"] if a["Source"] == "Incident"]
    assert len(from_incidents) == 6
    assert all(a["Source Ref"] in incidents for a in from_incidents)


OLD_NAMES = (
    "APPRENTICE", "CARPENTER_1", "CARPENTER_2", "CARPENTER_3", "COMPANY_NAME", "DEFICIENCIES",
    "DEFICIENCY_RATE", "DOCUMENTS", "DRIVER", "DemoData", "EMAIL_DOMAIN", "EXTRA_COURSES",
    "FALL", "FIRST_AID", "FOREMAN", "FORMER", "FORMER_LEFT_DAYS", "HARNESSES",
    "HAZARD_ASSESSMENTS", "HazardLine", "LABOURER", "LAST_DAYS", "LEADERSHIP", "MATRIX",
    "MEETING_ACTIONS", "MEETING_TOPICS", "MISSED_MEETING_MONTHS_AGO", "OFFICE", "OLD_TRUCK",
    "OLD_TRUCK_SOLD_DAYS", "ORIENTATION", "OWNER", "POWER_TOOLS", "P_APPRENTICE",
    "P_CARPENTER", "P_FOREMAN", "P_LABOURER", "P_OFFICE", "P_OWNER", "REPRESENTATIVE",
    "SCHEDULE", "SEED", "SHEET_ORDER", "SITES", "SITE_FLHA", "STALE_DOCUMENT", "STEP_DAYS",
    "TOOLBOX_TOPICS", "TRUCK_2", "TRUCK_2_LAST_DAYS", "VALIDITY", "WHMIS", "demo_data",
)


def test_the_package_exports_every_name_of_the_old_module() -> None:
    """demo_data.py became a package: `from secor_xl.demo_data import X` still works for
    every public name the single module had (scripts/bench.py, tests, documents/lint)."""
    import secor_xl.demo_data as package

    assert set(OLD_NAMES) <= set(package.__all__)
    assert all(hasattr(package, name) for name in package.__all__)
