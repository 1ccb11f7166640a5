"""What each Word document says, as plain data: the templates' context.

A template sees only these dictionaries (strings, numbers, dates, lists), so a
consultant can restyle a template in Word knowing exactly which names exist;
`secor-xl templates check` compares a template's names with these. Pure: a
`WorkbookData`, the check and score results and a day in, dicts out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..cells import split_names
from ..certification.law_data import TOPICS, law
from ..dates import edate_series, in_window, keys, twelve_months_before
from ..reader.read import ROW, WorkbookData
from ..rules.check import CheckResult, check_workbook
from ..rules.status import training_status
from ..schema import ELEMENTS, PROVINCES
from ..score.province import province_code
from .appendix import appendix, law_rules, plain
from .readiness import eligibility_notes, plain_score, readiness_appendix

Context = dict[str, Any]

# Responsibilities of the workplace parties in the policy (E01; the province's OHS law:
# {hazard} is its citation for hazard assessment, filled in by `_duties`).
EMPLOYER_DUTIES = (
    "Provide a safe and healthy workplace and keep this program in place and up to date.",
    "Assess hazards before work begins and eliminate or control them{hazard}.",
    "Make sure workers are trained, competent and supervised for the work they do.",
    "Provide the equipment, PPE and first aid services the work needs.",
    "Investigate incidents, correct their causes, and report them as the law asks.",
)
SUPERVISOR_DUTIES = (
    "Know the hazards of the work they supervise and make sure the controls are used.",
    "Inspect the work site as scheduled and correct unsafe conditions promptly.",
    "Make sure workers are oriented and trained before they start a task.",
    "Report and help investigate every incident and near miss.",
)
WORKER_DUTIES = (
    "Work safely, follow safe work procedures and wear the required PPE.",
    "Take part in hazard assessments, inspections, meetings and drills.",
    "Report hazards, incidents and near misses right away.",
    "Refuse work they believe is dangerous and tell their supervisor why.",
)
COMMITMENTS = (
    "Protect the health and safety of every worker, contractor and visitor.",
    "Meet or exceed {law}.",
    "Involve workers in identifying hazards and in finding the best controls.",
    "Review this program every year and improve it based on what we learn.",
)

DOCUMENTS: dict[str, str] = {
    # name: title (file names are "<name>_<as-of>.docx")
    "policy": "Health and Safety Policy Statement",
    "erp": "Emergency Response Plan",
    "minutes": "Safety Meeting Minutes",
    "readiness": "SECOR Readiness Report",
    "training": "Training Report",
    "incident": "Incident Investigation Report",
    "hazards": "Hazard Assessment Summary",
    "evidence": "Audit Evidence Index",
    "audit_notes": "Audit Working Notes",
}


def _date(value: object) -> dt.date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    day: dt.date = pd.Timestamp(value).date()
    return day


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _records(frame: pd.DataFrame, columns: dict[str, str]) -> list[dict[str, Any]]:
    """Rows as dicts with template-friendly keys; dates as date, blanks as ""."""
    out = []
    for row in frame.to_dict("records"):
        item: dict[str, Any] = {"row": int(row[ROW])}
        for key, column in columns.items():
            value = row[column]
            if isinstance(value, pd.Timestamp) or (isinstance(value, float) and pd.isna(value)):
                value = _date(value) if isinstance(value, pd.Timestamp) else None
            if value is pd.NaT:
                value = None
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            item[key] = "" if value is None and not key.endswith(("date", "due")) else value
        out.append(item)
    return out


def _names(text: object) -> list[str]:
    return split_names(_text(text))


def company_context(wb: WorkbookData, as_of: dt.date) -> Context:
    """Who the employer is: every document's header and signature block use it."""
    c = wb.company
    province = _text(c.get("Province"))
    return {
        "company": {
            "name": _text(c.get("Company Name")) or "(company name not set)",
            "province": province,
            "province_name": PROVINCES.get(province, province),
            "wcb_account": _text(c.get("WCB Account Number")),
            "industry": _text(c.get("Industry")),
            "certifying_partner": _text(c.get("Certifying Partner")),
            "workers": int(c["Number of Workers"]) if c.get("Number of Workers") else "",
            "safety_contact": _text(c.get("Safety Contact")),
            "certificate_number": _text(c.get("Certificate Number")),
            "certificate_issued": _date(c.get("Certificate Issued")),
            "next_audit_due": _date(c.get("Next Audit Due")),
            "prepared_by": _text(c.get("Prepared By")).strip(),
        },
        "as_of": as_of,
        "window_start": twelve_months_before(as_of) + dt.timedelta(days=1),
        "law": _law_context(c.get("Province")),
    }


def _law_context(province: object) -> Context:
    """The province's law for the templates: its instruments and each topic's citation."""
    rules = law(province)
    return {"name": rules.instruments, "known": rules.researched,
            **{topic: rules.cite(topic) for topic in TOPICS}}


def _document_row(wb: WorkbookData, word: str, as_of: dt.date) -> dict[str, Any] | None:
    """The newest Program Documents row whose name contains `word` (any case)."""
    docs = wb.frame("Program Documents")
    mine = docs[keys(docs["Document"]).str.contains(word.upper(), regex=False)]
    mine = mine[mine["Approved Date"].isna() | (mine["Approved Date"] <= pd.Timestamp(as_of))]
    if mine.empty:
        return None
    newest = mine.sort_values("Approved Date", na_position="first").tail(1)
    return _records(newest, {"document": "Document", "version": "Version",
                             "approved_by": "Approved By", "approved_date": "Approved Date",
                             "review_due": "Review Due", "communicated": "Communicated"})[0]


def _duties(wb: WorkbookData, lines: tuple[str, ...]) -> list[str]:
    """Lines with the province's law filled in (its name; a citation only where one is
    confirmed, so no province gets another's)."""
    rules = law(wb.company.get("Province"))
    return [line.format(law=rules.instruments, hazard=rules.parenthetical("hazard"))
            for line in lines]


def policy_context(wb: WorkbookData, as_of: dt.date) -> Context:
    policy = _document_row(wb, "policy", as_of)
    contact = _text(wb.company.get("Safety Contact"))
    return company_context(wb, as_of) | {
        "policy": policy or {"document": "Health and Safety Policy", "version": "",
                             "approved_by": contact, "approved_date": None,
                             "review_due": None, "communicated": ""},
        "signatory": (policy or {}).get("approved_by") or contact,
        "commitments": _duties(wb, COMMITMENTS),
        "employer_duties": _duties(wb, EMPLOYER_DUTIES),
        "supervisor_duties": list(SUPERVISOR_DUTIES),
        "worker_duties": list(WORKER_DUTIES),
    }


def _current_holders(wb: WorkbookData, as_of: dt.date, word: str) -> list[dict[str, Any]]:
    """Active employees holding a current course whose name contains `word`."""
    records = wb.frame("Training Records")
    people = wb.frame("Employees")
    active = set(keys(people.loc[keys(people["Status"]) != "INACTIVE", "Name"]))
    mine = records[keys(records["Course"]).str.contains(word.upper(), regex=False)
                   & keys(records["Employee"]).isin(active)]
    day = pd.Timestamp(as_of)
    # a blank Expiry Date is Completed Date + the matrix's Validity Months, as training
    # status reads it (the longest validity any position gives the course)
    matrix = wb.frame("Training Matrix")
    validity = matrix.assign(key=keys(matrix["Course"])).groupby("key")["Validity Months"].max()
    months = keys(mine["Course"]).map(validity).astype("float64")
    expiry = mine["Expiry Date"].fillna(edate_series(mine["Completed Date"], months))
    current = mine.assign(**{"Expiry Date": expiry})
    current = current[current["Expiry Date"].isna() | (current["Expiry Date"] >= day)]
    current = current.sort_values("Expiry Date", ascending=False, na_position="first")
    seen: dict[str, dict[str, Any]] = {}
    for rec in _records(current, {"name": "Employee", "course": "Course",
                                  "expiry_date": "Expiry Date"}):
        seen.setdefault(rec["name"].strip().upper(), rec)
    return list(seen.values())


def _actions(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return _records(frame, {"id": "Action ID", "source": "Source", "source_ref": "Source Ref",
                            "description": "Description", "assigned_to": "Assigned To",
                            "due_date": "Due Date", "completed_date": "Completed Date",
                            "status": "Status"})


def meeting_ids(wb: WorkbookData) -> list[str]:
    return [m for m in wb.frame("Meetings")["Meeting ID"].dropna().astype(str)]


def incident_ids(wb: WorkbookData) -> list[str]:
    return [i for i in wb.frame("Incidents")["Incident ID"].dropna().astype(str)]


def _one(frame: pd.DataFrame, column: str, wanted: str) -> pd.DataFrame:
    return frame[keys(frame[column]) == keys(pd.Series([wanted])).iloc[0]].head(1)


def minutes_context(wb: WorkbookData, as_of: dt.date, meeting_id: str) -> Context:
    """One meeting: who came, what was discussed and decided, which actions are open."""
    meetings = wb.frame("Meetings")
    row = _one(meetings, "Meeting ID", meeting_id)
    meeting = _records(row, {"id": "Meeting ID", "date": "Date", "type": "Type",
                             "chair": "Chair", "attendees_text": "Attendees",
                             "topics": "Topics", "decisions": "Decisions",
                             "action_ids": "Action IDs", "guests_text": "Guests"})[0]
    meeting["attendees"] = _names(meeting["attendees_text"])
    meeting["guests"] = _names(meeting["guests_text"])
    actions = wb.frame("Corrective Actions")
    raised_ids = set(keys(pd.Series(_names(meeting["action_ids"]), dtype="object")))
    raised = actions[keys(actions["Action ID"]).isin(raised_ids)]
    held = pd.Timestamp(meeting["date"]) if meeting["date"] else pd.Timestamp(as_of)
    still_open = actions[(keys(actions["Status"]) != "CLOSED")
                         | (actions["Completed Date"] > held)]
    still_open = still_open[~keys(still_open["Action ID"]).isin(raised_ids)
                            & (keys(still_open["Action ID"]) != "")]
    return company_context(wb, as_of) | {
        "meeting": meeting,
        "raised_actions": _actions(raised),
        "open_actions": _actions(still_open.sort_values("Due Date")),
    }


def incident_context(wb: WorkbookData, as_of: dt.date, incident_id: str,
                     check: CheckResult | None = None) -> Context:
    """One incident: the facts, the investigation, the root cause and its actions; the
    WCB report deadline's source in the appendix. `check`: the workbook's check, when the
    caller has it already."""
    row = _one(wb.frame("Incidents"), "Incident ID", incident_id)
    incident = _records(row, {"id": "Incident ID", "date": "Date", "type": "Type",
                              "description": "Description", "person": "Person Involved",
                              "reported_date": "Reported Date",
                              "reported_to_wcb": "Reported To WCB",
                              "wcb_report_date": "WCB Report Date",
                              "ohs_report_date": "OHS Report Date", "site": "Site",
                              "investigation_date": "Investigation Started",
                              "investigated_by": "Investigated By",
                              "root_cause": "Root Cause", "status": "Status"})[0]
    started, happened = incident["investigation_date"], incident["date"]
    incident["days_to_investigate"] = (started - happened).days if started and happened \
        else None
    actions = wb.frame("Corrective Actions")
    mine = actions[(keys(actions["Source"]) == "INCIDENT")
                   & (keys(actions["Source Ref"]) == keys(pd.Series([incident_id])).iloc[0])]
    where = int(row[ROW].iloc[0]) if len(row) else -1
    check = check if check is not None else check_workbook(wb, as_of)
    reporting = [plain(f.message) for f in check.findings
                 if f.sheet == "Incidents" and f.row == where
                 and f.code in ("late.wcb_report", "missing.wcb_report")]
    return company_context(wb, as_of) | {
        "incident": incident, "actions": _actions(mine), "reporting": reporting,
        "appendix": appendix(law_rules(law(wb.company.get("Province")), cited=False)),
    }


def assessment_title(assessment_id: str, jobs: list[str], location: str) -> str:
    """An assessment's heading from all its lines, not its first line's job: "HA-02 - Lead
    Hand" over an apprentice's hazards misleads an auditor."""
    if len(jobs) == 1:
        return f"{assessment_id} - {jobs[0]}"
    if len(jobs) in (2, 3):
        return f"{assessment_id} - {', '.join(jobs[:-1])} and {jobs[-1]}"
    if location:
        return f"{assessment_id} - {location} ({len(jobs)} jobs or tasks)" if jobs else \
            f"{assessment_id} - {location}"
    return f"{assessment_id} - {len(jobs)} jobs or tasks" if jobs else assessment_id


def hazards_context(wb: WorkbookData, as_of: dt.date) -> Context:
    """Assessments with their hazard lines, ranked, and controls by hierarchy."""
    frame = wb.frame("Hazard Assessments")
    assessments: list[dict[str, Any]] = []
    for _key, group in frame.groupby(keys(frame["Assessment ID"]), sort=False):
        lines = _records(group, {"job": "Job or Task", "hazard": "Hazard",
                                 "severity": "Severity",
                                 "probability": "Probability", "rank": "Risk Rank",
                                 "control_type": "Control Type", "controls": "Controls"})
        for line in lines:
            # Risk Rank is a formula whose saved value may be stale (0 in a file never
            # opened in Excel): compute it as the workbook does.
            if line["severity"] != "" and line["probability"] != "":
                line["rank"] = int(line["severity"]) * int(line["probability"])
        first = group.iloc[0]
        review = _date(group["Review Due"].min())
        jobs = list(dict.fromkeys(line["job"] for line in lines if line["job"]))
        assessments.append({
            "id": _text(first["Assessment ID"]), "type": _text(first["Type"]),
            "title": assessment_title(_text(first["Assessment ID"]), jobs,
                                      _text(first["Location"])),
            "job": ", ".join(jobs), "location": _text(first["Location"]),
            "assessed_by": _text(first["Assessed By"]),
            "assessed_date": _date(group["Assessed Date"].max()),
            "review_due": review, "overdue": bool(review and review < as_of),
            "hazards": sorted(lines, key=lambda h: -(h["rank"] or 0)),
        })
    hierarchy = ("Elimination", "Substitution", "Engineering", "Administrative", "PPE")
    counts = keys(frame["Control Type"]).value_counts()
    return company_context(wb, as_of) | {
        "assessments": assessments,
        "hazard_count": len(frame),
        "controls_by_type": [{"type": t, "count": int(counts.get(t.upper(), 0))}
                             for t in hierarchy],
    }


def training_context(wb: WorkbookData, as_of: dt.date) -> Context:
    """Who needs what, and where each (worker, course) stands; 90-day look-ahead."""
    pairs = training_status(wb, as_of)
    day = pd.Timestamp(as_of)
    soon = day + pd.Timedelta(days=90)
    workers: dict[str, dict[str, Any]] = {}
    totals = {"current": 0, "expiring": 0, "expired": 0, "missing": 0}
    for pair in pairs.to_dict("records"):
        expiry = pair["expiry"]
        never = pd.isna(expiry) or expiry >= pd.Timestamp.max.normalize() - pd.Timedelta(days=1)
        if pair["state"] in ("missing", "expired"):
            status = str(pair["state"])
        elif not never and expiry < soon:
            status = "expiring"
        else:
            status = "current"
        totals[status] += 1
        worker = workers.setdefault(pair["Name"], {"name": pair["Name"],
                                                   "position": pair["Position"],
                                                   "courses": []})
        worker["courses"].append({
            "course": pair["Course"], "status": status,
            "expiry_date": None if never or pd.isna(expiry) else _date(expiry),
            "no_expiry": bool(never and pair["state"] != "missing"),
        })
    matrix = wb.frame("Training Matrix")
    required = matrix[keys(matrix["Required"]) == "YES"]
    return company_context(wb, as_of) | {
        "workers": list(workers.values()),
        "totals": totals,
        "matrix": _records(required, {"position": "Position", "course": "Course",
                                      "validity_months": "Validity Months"}),
    }


# What proves each element, and where (E01-E12 evidence in the reference): sheet, date
# column, label, and optionally (column, value) the rows must have.
Source = tuple[str, str, str] | tuple[str, str, str, tuple[str, str]]
EVIDENCE_SOURCES: dict[int, tuple[Source, ...]] = {
    1: (("Program Documents", "Approved Date", "Program documents approved"),
        ("Management Activities", "Date", "Management activities")),
    2: (("Hazard Assessments", "Assessed Date", "Hazard assessment lines done or revised"),),
    3: (("Corrective Actions", "Completed Date", "Corrective actions completed"),),
    4: (("Inspection Log", "Date", "Inspections"),),
    5: (("Training Records", "Completed Date", "Courses completed"),
        ("Training Records", "Verified Date", "Competency verifications")),
    6: (("Emergency Drills", "Drill Date", "Emergency drills"),),
    7: (("Incidents", "Date", "Incidents and near misses"),),
    8: (("Meetings", "Date", "Safety meetings and toolbox talks"),),
    9: (("Meetings", "Date", "Meetings with the health and safety representative",
         ("Type", "HS Rep Meeting")),
        ("HS Representatives", "Training Completed", "Representative training completed")),
    10: (("Contractors and Visitors", "First On Site", "Contractors and visitors on site"),
         ("Contractors and Visitors", "Orientation Date", "Site orientations given")),
}


def evidence_context(wb: WorkbookData, as_of: dt.date) -> Context:
    """For each element, the records of the last 12 months that prove it."""
    elements = []
    for number, sources in EVIDENCE_SOURCES.items():
        records = []
        for sheet_name, column, label, *only in sources:
            frame = wb.frame(sheet_name)
            if only:
                match_column, value = only[0]
                frame = frame[keys(frame[match_column]) == value.upper()]
            dates = frame[column]
            inside = dates[in_window(dates, as_of)]
            records.append({"what": label, "sheet": sheet_name, "count": len(inside),
                            "first": _date(inside.min()) if len(inside) else None,
                            "last": _date(inside.max()) if len(inside) else None})
        elements.append({"id": number, "name": ELEMENTS[number], "records": records})
    return company_context(wb, as_of) | {"elements": elements}


def readiness_context(wb: WorkbookData, as_of: dt.date, score: dict[str, Any],
                      check: CheckResult, gaps: int = 12) -> Context:
    """Scores, pass or fail, the biggest gaps and what is late, as advice; where the rules
    come from in the appendix. The chart is added when rendering (it needs the document)."""
    late = [f.to_dict() for f in check.findings
            if f.code.startswith(("overdue.", "expired.", "missing.", "late."))]
    shown, criteria = plain_score(score, province_code(wb.company.get("Province")))
    road = shown["road"]
    return company_context(wb, as_of) | {
        "score": shown,
        "verdict": plain(score["verdict"]["headline"]),
        "gaps": [g | {"element_name": ELEMENTS.get(g["element"], "")}
                 for g in shown["gaps"][:gaps]],
        "more_gaps": max(0, len(score["gaps"]) - gaps),
        "late": [f | {"message": plain(str(f["message"]))} for f in late],
        "eligibility": {"notes": eligibility_notes(wb.company, road),
                        "warning": plain(road["eligibility"]["warning"] or "")},
        "incentive": plain(road["incentive"]["text"]),
        "appendix": readiness_appendix(wb.company, score, late, criteria),
        "counts": check.counts,
        "errors": check.errors,
        "warnings": check.warnings,
    }
