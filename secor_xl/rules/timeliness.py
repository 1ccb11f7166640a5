"""`overdue.*`, `expired.*` and `missing.*` findings: what is late as of a day.

Frequencies with a legal source are errors; those that are common practice
only (monthly meetings, quarterly management activity, a 2-day investigation
start) are warnings, as `secor_reference.yaml` rates them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import pandas as pd

from ..cells import match_key
from ..certification.law_data import Reporting, law
from ..dates import (
    full_months,
    full_quarters,
    in_window,
    keys,
    quarter_name,
    quarter_start,
    twelve_months_before,
)
from ..findings import Finding, error, warning
from ..reader.read import ROW, WorkbookData
from .status import inspection_status, overdue_actions, training_status

AUDIT_WARNING_DAYS = 60
INVESTIGATION_DAYS = 2  # common practice, not a rule (E09 typical_frequencies, low)


def timeliness(wb: WorkbookData, as_of: dt.date) -> list[Finding]:
    """Every lateness finding as of `as_of`."""
    found: list[Finding] = []
    for rule in (_inspections, _training, _reviews, _drill, _policy, _incidents, _actions,
                 _meetings, _management, _audit, _roadmap):
        found.extend(rule(wb, as_of))
    return found


def _d(value: object) -> str:
    return str(pd.Timestamp(value).date().isoformat())


def _inspections(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """Scheduled items overdue or never inspected (workbook.md, OverdueInspections)."""
    items = inspection_status(wb, as_of)
    for item in items[items["overdue"]].to_dict("records"):
        row = int(item[ROW])
        if item["never"]:
            yield error("Inspection Schedule", row, "Item", "missing.inspection",
                        f"Inspection Schedule row {row}, Item: {item['Item']} has no inspection "
                        f"on the Inspection Log on or before {as_of}; inspect it and log it.")
        else:
            yield error("Inspection Schedule", row, "Item", "overdue.inspection",
                        f"Inspection Schedule row {row}, Item: {item['Item']} was last "
                        f"inspected {_d(item['last'])}; its {item['Frequency'] or 'scheduled'} "
                        f"inspection was due {_d(item['due'])}.")


def _training(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """Required training missing, expired, or expiring within 30 days (T05)."""
    pairs = training_status(wb, as_of)
    for pair in pairs[pairs["state"] != "current"].to_dict("records"):
        who, course = f"{pair['Name']} ({pair['Position']})", pair["Course"]
        if pair["state"] == "missing":
            row = int(pair["employee_row"])
            if pd.notna(pair["typo_row"]):
                yield error("Employees", row, "Name", "missing.training",
                            f"Employees row {row}, Name: {who} has no {course} as typed; "
                            f"Training Records row {pair['typo_row']} has it "
                            f"{pair['typo_name']}: if that is theirs, fix the spelling "
                            "there.")
                continue
            yield error("Employees", row, "Name", "missing.training",
                        f"Employees row {row}, Name: {who} has no {course} on Training "
                        "Records; the Training Matrix requires it.")
            continue
        row = int(pair["record_row"])
        if pair["state"] == "expired":
            when = "" if pd.isna(pair["expiry"]) else f" on {_d(pair['expiry'])}"
            yield error("Training Records", row, "Expiry Date", "expired.training",
                        f"Training Records row {row}, Expiry Date: {who}'s {course} "
                        f"expired{when}; book the renewal and record it.")
        else:
            yield warning("Training Records", row, "Expiry Date", "expired.training_soon",
                          f"Training Records row {row}, Expiry Date: {who}'s {course} "
                          f"expires {_d(pair['expiry'])}, within 30 days; book the renewal.")


def _reviews(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """Program documents and hazard assessments past their Review Due."""
    day = pd.Timestamp(as_of)
    docs = wb.frame("Program Documents")
    late = docs["Review Due"] < day
    for row, name, due in zip(docs.loc[late, ROW], docs.loc[late, "Document"],
                              docs.loc[late, "Review Due"], strict=True):
        yield error("Program Documents", row, "Review Due", "overdue.document_review",
                    f"Program Documents row {row}, Review Due: {name or 'the document'} was due "
                    f"for review {_d(due)}; review it, re-approve it and set the next date.")
    hazards = wb.frame("Hazard Assessments")
    late = hazards[hazards["Review Due"] < day]
    ids = keys(late["Assessment ID"])
    lines = ids.value_counts()  # one finding per assessment, on its first late line
    first = late[~ids.duplicated()]
    for row, key, name, job, due in zip(first[ROW], ids[first.index], first["Assessment ID"],
                                        first["Job or Task"], first["Review Due"], strict=True):
        n = int(lines[key])
        yield error("Hazard Assessments", int(row), "Review Due", "overdue.hazard_review",
                    f"Hazard Assessments row {row}, Review Due: assessment "
                    f"{name or '(no ID)'} ({job or 'no job'}) was due for review {_d(due)}"
                    + (f" ({n} lines)" if n > 1 else "") + ".")


def _drill(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """No emergency drill in the 12 months (L02 s.117; annually is common practice)."""
    drills = wb.frame("Emergency Drills")
    if not in_window(drills["Drill Date"], as_of).any():
        yield error("Emergency Drills", wb.tables["Emergency Drills"].header_row, "Drill Date",
                    "missing.drill",
                    f"Emergency Drills: no drill after {twelve_months_before(as_of)}; run a "
                    "drill of the emergency response plan and record it.")


def _policy(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """No health and safety policy approved in the 12 months (E01: annual review, O04)."""
    docs = wb.frame("Program Documents")
    policies = docs[keys(docs["Document"]).str.contains("POLICY", regex=False)]
    if in_window(policies["Approved Date"], as_of).any():
        return
    row = int(policies[ROW].iloc[0]) if len(policies) else \
        wb.tables["Program Documents"].header_row
    yield error("Program Documents", row, "Approved Date", "missing.policy",
                "Program Documents: no health and safety policy approved after "
                f"{twelve_months_before(as_of)}; have the owner review, sign and date it.")


def _incidents(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """Investigations started late or not at all; lost time not reported to WCB."""
    incidents = wb.frame("Incidents")
    day = pd.Timestamp(as_of)
    happened = incidents[incidents["Date"].notna() & (incidents["Date"] <= day)]
    limit = pd.Timedelta(days=INVESTIGATION_DAYS)
    for row, kind, when, started in zip(happened[ROW], happened["Type"], happened["Date"],
                                        happened["Investigation Started"], strict=True):
        if pd.isna(started):
            if when + limit < day:
                yield warning("Incidents", row, "Investigation Started",
                              "missing.investigation",
                              f"Incidents row {row}, Investigation Started: the "
                              f"{kind or 'incident'} of {_d(when)} has no investigation; "
                              "investigate it and record the root cause.")
        elif started - when > limit:
            yield warning("Incidents", row, "Investigation Started", "overdue.investigation",
                          f"Incidents row {row}, Investigation Started: began {_d(started)}, "
                          f"{(started - when).days} days after the incident; start within "
                          f"{INVESTIGATION_DAYS} days (common practice, not a rule).")
    yield from _wcb_reports(wb, happened, as_of)


def _wcb_reports(wb: WorkbookData, happened: pd.DataFrame, as_of: dt.date
                 ) -> Iterator[Finding]:
    """The province's WCB report deadline (`certification.law_data`): an injury of a type it
    covers, reported late (WCB Report Date) or not reported once the deadline has passed."""
    rule = law(wb.company.get("Province")).wcb
    types = rule.types if rule else ("LOST TIME",)  # elsewhere: lost time, as before
    mine = happened[keys(happened["Type"]).isin(types)]
    for _, incident in mine.iterrows():
        row, when, kind = int(incident[ROW]), incident["Date"], incident["Type"]
        name = f"{incident['Incident ID'] or 'the incident'} ({kind}, {_d(when)})"
        reported = incident["WCB Report Date"]
        learned = incident["Reported Date"] if pd.notna(incident["Reported Date"]) else when
        due = report_due(learned, rule)  # the clock starts when the employer learns of it
        why = f" ({rule.rule}; {', '.join(rule.sources)})" if rule else ""
        if pd.notna(reported):
            if rule and reported > due:
                late = (reported - learned).days
                # the law's deadline was missed: an error, as a report not made at all
                yield error("Incidents", row, "WCB Report Date", "late.wcb_report",
                              f"Incidents row {row}, WCB Report Date: {name} was reported to "
                              f"WCB on {_d(reported)}, {late} days after the employer learned "
                              f"of it ({_d(learned)}), past the deadline of {_d(due)}{why}.")
        elif match_key(str(incident["Reported To WCB"] or "")) != "YES" and (
                rule is None or due < pd.Timestamp(as_of)):
            yield error("Incidents", row, "Reported To WCB", "missing.wcb_report",
                        f"Incidents row {row}, Reported To WCB: {name} is not marked as "
                        f"reported to WCB; report it, set this to Yes and record the WCB "
                        f"Report Date{why}.")


def report_due(when: pd.Timestamp, rule: Reporting | None) -> pd.Timestamp:
    """The last day the report is on time: days (or business days) after the employer
    learned of the injury (the reminders use it too)."""
    if rule is None:
        return when
    if rule.business:
        return pd.Timestamp(np.busday_offset(when.date(), rule.days, roll="forward"))
    return when + pd.Timedelta(days=rule.days)


def _actions(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    late = overdue_actions(wb, as_of)
    for row, action, text, due in zip(late[ROW], late["Action ID"], late["Description"],
                                      late["Due Date"], strict=True):
        yield error("Corrective Actions", row, "Due Date", "overdue.action",
                    f"Corrective Actions row {row}, Due Date: {action or 'an action'} "
                    f"({text or 'no description'}) was due {_d(due)} and is not Closed.")


def _meetings(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """A month with no safety meeting (monthly is common practice, E11: a warning).

    Months before the first safety meeting on record are the program's
    start-up, not gaps; with no meeting at all in the year, one finding says so.
    """
    meetings = wb.frame("Meetings")
    dates = meetings.loc[keys(meetings["Type"]) == "SAFETY MEETING", "Date"].dropna()
    dates = dates[dates <= pd.Timestamp(as_of)]
    held = {d.date().replace(day=1) for d in dates}
    header = wb.tables["Meetings"].header_row
    months = full_months(as_of)
    if not held & {*months, as_of.replace(day=1)}:
        yield warning("Meetings", header, "Date", "missing.meeting",
                      f"Meetings: no safety meeting recorded in the 12 months before {as_of}; "
                      "hold one each month and record it.")
        return
    first = min(held)
    for month in months:
        if month >= first and month not in held:
            yield warning("Meetings", header, "Date", "missing.meeting",
                          f"Meetings: no safety meeting in {month:%B %Y}; hold one each month "
                          "(common practice) and record it.")


def _management(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """A calendar quarter with no management activity (E01 management activity log)."""
    acts = wb.frame("Management Activities")["Date"].dropna()
    header = wb.tables["Management Activities"].header_row
    quarters = full_quarters(as_of)
    done = {quarter_start(d.date()) for d in pd.DatetimeIndex(acts.unique())}
    if not any(q in done for q in [*quarters, quarter_start(as_of)]):
        yield warning("Management Activities", header, "Date", "missing.management_activity",
                      f"Management Activities: nothing recorded in the 12 months before "
                      f"{as_of}; record the owner's site visits, reviews and meetings.")
        return
    for q in quarters:
        if q not in done and any(d <= q for d in done):
            label = quarter_name(q)
            yield warning("Management Activities", header, "Date",
                          "missing.management_activity",
                          f"Management Activities: nothing recorded in {label}; management "
                          "should take part every quarter.")


def _audit(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """The next audit or maintenance submission due within 60 days, or past (S17)."""
    due = wb.company.get("Next Audit Due")
    row = wb.company_rows.get("Next Audit Due")
    if not isinstance(due, dt.date) or row is None:
        return
    days = (due - as_of).days
    if days < 0:
        yield error("Company", row, "Value", "overdue.audit",
                    f"Company row {row}, Next Audit Due: {due} has passed; contact your "
                    "certifying partner and update the date.")
    elif days <= AUDIT_WARNING_DAYS:
        yield warning("Company", row, "Value", "overdue.audit_soon",
                      f"Company row {row}, Next Audit Due: {due} is in {days} days; start "
                      "gathering the last 12 months of records.")


def _roadmap(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """The next roadmap step that is late (error) or due within 30 days (warning); the
    next step with no due date at all, and an empty Roadmap (warnings)."""
    from ..certification.roadmap import DONE
    from ..certification.summary import roadmap_steps

    steps = roadmap_steps(wb)
    if not steps:
        yield warning("Roadmap", wb.tables["Roadmap"].header_row, "Step", "missing.roadmap",
                      "Roadmap: no steps; list the steps to the certificate (a new master "
                      "from `secor-xl init` has them) and keep their Status up to date.")
        return
    pending = [(row, step) for row, step in steps if step.status.casefold() not in DONE]
    if pending and pending[0][1].due is None:
        row, step = pending[0]
        yield warning("Roadmap", row, "Due", "missing.roadmap_due",
                      f"Roadmap row {row}, Due: '{step.step}' is the next step and has no due "
                      "date (none can be worked out from the steps before it); set one.")
    for row, step in pending:
        if step.due is None or not step.binding:
            continue  # a guide from another partner's rule is never late
        how = "" if not step.computed else f" (worked out: {step.rule})"
        if step.due < as_of:
            yield error("Roadmap", row, "Due", "overdue.roadmap",
                        f"Roadmap row {row}, Due: '{step.step}' was due {step.due}{how}; "
                        "do it, or update its Status and Date.")
            return
        if (step.due - as_of).days <= 30:
            yield warning("Roadmap", row, "Due", "overdue.roadmap_soon",
                          f"Roadmap row {row}, Due: '{step.step}' is due {step.due}{how}.")
            return
