"""Element 8, Communication and administration (E11, E12): its criteria and their measures."""

from __future__ import annotations

from ...dates import keys
from ...reader.read import ROW
from ..evidence import (
    Evidence,
    listing,
    text,
)
from .base import (
    Criterion,
    Measure,
    not_applicable,
    self_criterion,
    share_of,
)


def meetings_monthly(ev: Evidence) -> Measure:
    meetings = ev.frame("Meetings")
    dates = meetings.loc[keys(meetings["Type"]) == "SAFETY MEETING", "Date"].dropna()
    held = {d.date().replace(day=1) for d in dates}
    months = ev.full_months()
    missed = [f"{m:%B %Y}" for m in months if m not in held]
    span = f"{months[0]:%B %Y} to {months[-1]:%B %Y}"
    evidence = f"Safety meetings in {12 - len(missed)} of the 12 months {span}"
    if not missed:
        return Measure(1, evidence + ".")
    return Measure((12 - len(missed)) / 12, f"{evidence}; none in {listing(missed)}.",
                   "Hold a safety meeting every month and record it on Meetings (Type Safety "
                   f"Meeting, with attendees); none in {listing(missed)}.")


COMPANY_ESSENTIALS = ("Company Name", "Province", "WCB Account Number", "Number of Workers",
                      "Certifying Partner")


def company_filled(ev: Evidence) -> Measure:
    company, where = ev.wb.company, ev.wb.company_rows
    blank = [f for f in COMPANY_ESSENTIALS if text(company.get(f), "") == ""
             and not isinstance(company.get(f), int | float)]  # numbers count as filled
    evidence = (f"{len(COMPANY_ESSENTIALS) - len(blank)} of {len(COMPANY_ESSENTIALS)} Company "
                f"fields filled in ({', '.join(COMPANY_ESSENTIALS)})")
    if not blank:
        return Measure(1, evidence + ".")
    named = [f"{f} (row {where[f]})" if f in where else f for f in blank]
    return Measure(share_of(len(COMPANY_ESSENTIALS) - len(blank), len(COMPANY_ESSENTIALS)),
                   f"{evidence}; blank: {listing(named)}.",
                   f"Fill in on the Company sheet: {listing(named)}.")


def next_audit_set(ev: Evidence) -> Measure:
    due = ev.wb.company.get("Next Audit Due")
    row = ev.wb.company_rows.get("Next Audit Due")
    where = f"Company row {row}" if row else "Company sheet"
    if due is None or not hasattr(due, "isoformat"):
        return Measure(0, f"Next Audit Due is blank ({where}).",
                       f"Enter Next Audit Due ({where}): the day your certifying partner "
                       "expects the next certification or maintenance submission.")
    if due >= ev.as_of:
        return Measure(1, f"Next Audit Due {due.isoformat()} ({where}) has not passed.")
    return Measure(0, f"Next Audit Due {due.isoformat()} ({where}) has passed.",
                   "Contact your certifying partner about the submission that was due "
                   f"{due.isoformat()} and enter the new date ({where}).")


def statistics_kept(ev: Evidence) -> Measure:
    hours = ev.wb.company.get("Hours Worked (12 months)")
    row = ev.wb.company_rows.get("Hours Worked (12 months)")
    where = f"Company row {row}" if row else "Company sheet"
    if isinstance(hours, int | float) and hours > 0:
        return Measure(1, f"Hours Worked (12 months) is {hours:,.0f} ({where}); the Dashboard "
                          "and the readiness report give the recordable incident rate.")
    return Measure(0, f"Hours Worked (12 months) is blank ({where}), so no incident rate.",
                   f"Enter the hours worked by everyone in the last 12 months ({where}), from "
                   "payroll: the auditor asks for your statistics.")


def audit_actions_followed(ev: Evidence) -> Measure:
    actions = ev.frame("Corrective Actions")
    audit = actions[(keys(actions["Source"]) == "AUDIT") & (keys(actions["Action ID"]) != "")]
    audit = audit[audit["Due Date"].isna() | ev.window(audit["Due Date"])
                  | (audit["Due Date"] > ev.day) | (keys(audit["Status"]) != "CLOSED")]
    if audit.empty:
        return not_applicable(f"no corrective action of Source Audit open or due "
                              f"{ev.window_text}.")
    late = audit[audit[ROW].isin(ev.overdue_actions[ROW])]
    ok = len(audit) - len(late)
    evidence = f"{ok} of {len(audit)} actions from the previous audit closed or not yet due"
    if late.empty:
        return Measure(1, evidence + ".")
    named = [f"{text(a)} (Corrective Actions row {int(r)})"
             for a, r in zip(late["Action ID"], late[ROW], strict=True)]
    return Measure(share_of(ok, len(audit)), f"{evidence}; overdue: {listing(named)}.",
                   f"Finish the previous audit's action plan: {listing(named)}.")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("8.1", 8, "A safety meeting in each of the last 12 full months (good practice: "
              "no source sets the cadence)", 2,
              "Meetings: Type Safety Meeting, counted per calendar month",
              ("E11", "S05", "S17"), meetings_monthly, confidence="low"),
    Criterion("8.2", 8, "Company details on file (good practice)", 1,
              "Company: Company Name, Province, WCB Account Number, Number of Workers, "
              "Certifying Partner", ("E12",), company_filled, confidence="low"),
    Criterion("8.3", 8, "Next audit date set and not passed (good practice)", 1,
              "Company: Next Audit Due on or after the as-of day", ("E12", "S17"),
              next_audit_set, confidence="low"),
    Criterion("8.4", 8, "Statistics kept: hours worked on file, so the incident rate can be "
              "computed", 2, "Company: Hours Worked (12 months)", ("R13-05", "E12"),
              statistics_kept),
    Criterion("8.5", 8, "The previous audit's action plan followed up (n/a without audit "
              "actions)", 2, "Corrective Actions of Source Audit: Closed, or open and not "
              "overdue", ("R13-05", "S03", "E12"), audit_actions_followed),
    self_criterion(8, 6, "E11", "E12"),
)
