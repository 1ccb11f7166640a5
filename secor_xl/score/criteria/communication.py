"""Element 8, Communication and administration (E11, E12): its criteria and their measures."""

from __future__ import annotations

from ...dates import keys
from ..evidence import (
    Evidence,
    listing,
    text,
)
from .base import (
    Criterion,
    Measure,
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


CRITERIA: tuple[Criterion, ...] = (
    Criterion("8.1", 8, "A safety meeting in each of the last 12 full months", 4,
              "Meetings: Type Safety Meeting, counted per calendar month",
              ("E11", "S05", "S17"), meetings_monthly),
    Criterion("8.2", 8, "Company details on file", 2,
              "Company: Company Name, Province, WCB Account Number, Number of Workers, "
              "Certifying Partner", ("E12",), company_filled),
    Criterion("8.3", 8, "Next audit date set and not passed", 2,
              "Company: Next Audit Due on or after the as-of day", ("E12", "S17"),
              next_audit_set),
    self_criterion(8, 4, "E11", "E12"),
)
