"""`secor-xl observe`: a walk-around checklist per active work site, from the workbook.

Observation is one of the auditor's three methods (R21-01, R21-02). Each
checklist has the observation questions of `questions_data` and, under each, what
the workbook says should be there: the controls and PPE written in the hazard
assessments, the postings (policy, legislation, emergency plan, first aid, the
latest minutes), the extinguishers and first aid kits with their next inspection,
the last inspection's conditions, and the contractors and visitors on site. Every
line carries its question ID, so the result goes back on Observations under that ID.

Lines from the workbook are capped per question (`MAX_LINES`), so a large hazard
register still prints a checklist one can carry; the cost is one pass over each
sheet per site.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..certification.law_data import law
from ..dates import keys
from ..questions_data import OBSERVATION_QUESTIONS
from ..reader.read import WorkbookData
from ..rules.status import inspection_status, training_status
from .context import company_context

MAX_LINES = 12
"""Workbook lines shown under one question; the rest are counted."""
WORKPLACE = "the workplace"
EQUIPMENT = ("FIRE EXTINGUISHER", "FIRST AID KIT")


def active_sites(wb: WorkbookData) -> list[dict[str, str]]:
    """Active Work Sites (Active not No), or one "the workplace" when there is none."""
    sites = wb.frame("Work Sites")
    sites = sites[(keys(sites["Site"]) != "") & (keys(sites["Active"]) != "NO")]
    out = []
    for row in sites.to_dict("records"):
        out.append({name: _text(row[column]) for name, column in (
            ("site", "Site"), ("address", "Address"), ("muster", "Muster Point"),
            ("hospital", "Nearest Hospital"), ("first_aid", "First Aid and Equipment"))})
    return out or [{"site": WORKPLACE, "address": "", "muster": "", "hospital": "",
                    "first_aid": ""}]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _mentions(texts: pd.Series, site: str) -> pd.Series:
    """Rows whose text names the site (or whose text the site's name contains)."""
    key = site.strip().upper()
    upper = keys(texts)
    hits = {t for t in upper.drop_duplicates() if t and (key in t or t in key)}
    return upper.isin(hits)


def _capped(lines: list[str], more_where: str) -> list[str]:
    seen = list(dict.fromkeys(line for line in lines if line))
    if len(seen) > MAX_LINES:
        return [*seen[:MAX_LINES], f"... and {len(seen) - MAX_LINES} more in {more_where}"]
    return seen


def _hazard_lines(wb: WorkbookData, site: str) -> tuple[list[str], list[str], str]:
    """The controls and the PPE to look for at `site`, and which assessments they are from:
    those whose Location or Job names the site, else every formal assessment."""
    frame = wb.frame("Hazard Assessments")
    frame = frame[keys(frame["Controls"]) != ""]
    mine = frame[_mentions(frame["Location"], site) | _mentions(frame["Job or Task"], site)]
    where = "the hazard assessments for this site"
    if mine.empty:
        mine = frame[keys(frame["Type"]) == "FORMAL"]
        where = "the formal hazard assessments"
    ppe = keys(mine["Control Type"]) == "PPE"
    controls = [f"{_text(c)} ({_text(h)}; {_text(a)})" for c, h, a in zip(
        mine.loc[~ppe, "Controls"], mine.loc[~ppe, "Hazard"], mine.loc[~ppe, "Assessment ID"],
        strict=True)]
    worn = [_text(c) for c in mine.loc[ppe, "Controls"]]
    return controls, worn, where


def _equipment_lines(wb: WorkbookData, as_of: dt.date, site: str,
                     sites: list[str]) -> list[str]:
    """Extinguishers and first aid kits on the schedule for this site (those naming it, and
    those naming no site), with their next due day as the engine computes it."""
    status = inspection_status(wb, as_of)
    status = status[keys(status["Inspection Type"]).isin(EQUIPMENT)]
    named_any = pd.Series(False, index=status.index)
    for other in sites:
        named_any |= _mentions(status["Item"], other)
    here = _mentions(status["Item"], site) | ~named_any
    lines = []
    for item, kind, due, never, overdue in zip(
            status.loc[here, "Item"], status.loc[here, "Inspection Type"],
            status.loc[here, "due"], status.loc[here, "never"], status.loc[here, "overdue"],
            strict=True):
        if never:
            when = "never inspected"
        else:
            when = f"next inspection due {pd.Timestamp(due).date().isoformat()}"
            when += " (OVERDUE)" if overdue else ""
        lines.append(f"{_text(kind)}: {_text(item)}, in place and tagged; {when}")
    return lines


def _last_inspection(wb: WorkbookData, as_of: dt.date, site: str) -> list[str]:
    """The last site inspection that names this site, and its deficiency if it found one."""
    log = wb.frame("Inspection Log")
    log = log[log["Date"].notna() & (log["Date"] <= pd.Timestamp(as_of))]
    mine = log[_mentions(log["Item"], site) & (keys(log["Inspection Type"]) == "SITE")]
    if mine.empty:
        return []
    last = mine.sort_values("Date").iloc[-1]
    text = (f"Conditions as in the last inspection ({_text(last['Inspection ID'])}, "
            f"{pd.Timestamp(last['Date']).date().isoformat()}: {_text(last['Result'])}")
    deficiency = _text(last["Deficiency"])
    return [text + (f"; check fixed: {deficiency})" if deficiency else ")")]


def _contractors(wb: WorkbookData, as_of: dt.date, site: str) -> list[str]:
    """Contractors and visitors on this site on the day (First On Site by then, Last On Site
    blank or later), and whether the workbook has their orientation."""
    people = wb.frame("Contractors and Visitors")
    day = pd.Timestamp(as_of)
    here = people[_mentions(people["Site"], site) & (people["First On Site"] <= day)
                  & (people["Last On Site"].isna() | (people["Last On Site"] >= day))]
    lines = []
    for name, kind, oriented in zip(here["Name"], here["Type"], here["Orientation Date"],
                                    strict=True):
        when = ("oriented " + pd.Timestamp(oriented).date().isoformat()
                if not pd.isna(oriented) else "no orientation on record")
        lines.append(f"{_text(kind) or 'Contractor'} on site: {_text(name)} ({when})")
    return lines


def _latest_meeting(wb: WorkbookData, as_of: dt.date) -> list[str]:
    """The newest meeting on or before the day: its minutes should be on the board."""
    meetings = wb.frame("Meetings")
    meetings = meetings[meetings["Date"].notna() & (meetings["Date"] <= pd.Timestamp(as_of))]
    if meetings.empty:
        return []
    last = meetings.sort_values("Date").iloc[-1]
    return [f"Minutes of the latest meeting posted: {_text(last['Meeting ID'])} "
            f"({_text(last['Type'])}, {pd.Timestamp(last['Date']).date().isoformat()})"]


def _postings(wb: WorkbookData, as_of: dt.date, site: dict[str, str]) -> dict[str, list[str]]:
    """What should be posted or at hand, by question ID."""
    docs = wb.frame("Program Documents")
    docs = docs[docs["Approved Date"].isna() | (docs["Approved Date"] <= pd.Timestamp(as_of))]
    names = keys(docs["Document"])
    policy = docs[names.str.contains("POLICY", regex=False)]
    plan = docs[names.str.contains("EMERGENCY", regex=False)]

    def newest(frame: pd.DataFrame, otherwise: str) -> str:
        if frame.empty:
            return otherwise
        row = frame.sort_values("Approved Date", na_position="first").iloc[-1]
        version = _text(row["Version"]) or (
            "" if pd.isna(row["Version"]) else str(row["Version"]))
        return f"{_text(row['Document'])}{f', version {version}' if version else ''}"

    instruments = law(wb.company.get("Province")).instruments
    muster = site["muster"] or "the muster point"
    return {
        "O1.1": [f"Posted: {newest(policy, 'the health and safety policy')}",
                 f"At hand: {instruments or 'the OHS legislation'}"],
        "O6.1": [f"Posted: {newest(plan, 'the emergency response plan')}",
                 f"Muster point marked and known: {muster}",
                 f"Route to hospital posted: {site['hospital']}" if site["hospital"] else "",
                 f"First aid: {site['first_aid']}" if site["first_aid"] else ""],
        "O4.1": ["Housekeeping: walkways and exits clear, materials stacked, waste removed"],
    }


def _tickets(wb: WorkbookData, as_of: dt.date) -> list[str]:
    """The workers whose required tickets are expired or missing on the day (the engine's
    training status), so the observer asks to see them."""
    status = training_status(wb, as_of)
    status = status[status["state"].isin(("expired", "missing"))]
    lines = []
    for name, group in status.groupby("Name", sort=True):
        courses = [f"{_text(course)} ("
                   + (f"expired {pd.Timestamp(expiry).date().isoformat()}"
                      if state == "expired" else "no record") + ")"
                   for course, state, expiry in zip(group["Course"], group["state"],
                                                    group["expiry"], strict=True)]
        lines.append(f"Ask {_text(name)} for: {', '.join(courses)}")
    return lines


def _same_place(name: str, address: str) -> bool:
    """True when the address only repeats the site's name ("Lot 14, Airdrie" and "Lot 14,
    Airdrie, AB"): letters and digits compared, any case."""
    def bare(text: str) -> str:
        return "".join(ch for ch in text.casefold() if ch.isalnum())
    a, n = bare(address), bare(name)
    return not a or a.startswith(n) or n.startswith(a)


def checklist_context(wb: WorkbookData, as_of: dt.date, site: dict[str, str],
                      sites: list[str]) -> dict[str, Any]:
    """One site's checklist: each observation question once (one result to type back), with
    the workbook's lines for it as what to look at."""
    name = site["site"]
    controls, worn, where = _hazard_lines(wb, name)
    extra = _postings(wb, as_of, site)
    extra["O3.1"] = _capped(controls, where)
    extra["O3.2"] = _capped([f"PPE worn: {w}" for w in worn], where)
    extra["O4.1"] = extra["O4.1"] + _last_inspection(wb, as_of, name)
    extra["O5.1"] = _capped(_tickets(wb, as_of), "the Training Records")
    extra["O6.2"] = _capped(_equipment_lines(wb, as_of, name, sites), "the Inspection Schedule")
    extra["O8.1"] = _latest_meeting(wb, as_of)
    extra["O10.1"] = _capped(_contractors(wb, as_of, name), "Contractors and Visitors")
    questions = [{"id": q.id, "text": q.look_for, "positive": q.positive,
                  "look_at": [line for line in extra.get(q.id, []) if line]}
                 for q in OBSERVATION_QUESTIONS]
    address = site["address"]
    return company_context(wb, as_of) | {
        "site": {"name": name, "address": "" if _same_place(name, address) else address,
                 "known": name != WORKPLACE},
        "questions": questions,
        "workbook": wb.path.name,
        "count": len(OBSERVATION_QUESTIONS),
    }
