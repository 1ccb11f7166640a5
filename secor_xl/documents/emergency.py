"""The emergency response plan's context: one complete plan per active work site.

Each item the province's law asks the plan to hold (`certification.law_data`'s
emergency part) is answered for each site from the workbook: Work Sites, the
Emergency Procedures, the Inspection Schedule and Log, the Training Matrix and
Records, Employees' Emergency Role and the Emergency Drills. An item the
workbook cannot answer says so, and says what to add where, so no line of a
plan an auditor reads is blank.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from ..certification.law_data import emergency_plan_law
from ..dates import keys, twelve_months_before
from ..reader.read import ROW, WorkbookData
from ..rules.status import inspection_status
from .context import (
    Context,
    _current_holders,
    _date,
    _document_row,
    _names,
    _records,
    _text,
    company_context,
)

EQUIPMENT_TYPES = {"FIRE EXTINGUISHER", "FIRST AID KIT"}
EMERGENCY_COURSES = ("FIRST AID", "CPR", "FIRE", "EXTINGUISH", "EMERGENCY", "RESCUE",
                     "EVACUAT")
"""Words that make a Training Matrix course an emergency response course."""

_FILLER = {"OR", "AND", "FROM", "BY", "THE", "A", "AN", "OF", "IN", "ON", "TO", "WITH",
           "EMERGENCY", "EMERGENCIES", "INCIDENT", "INCIDENTS", "WORKER", "WORKERS"}
"""Words that say nothing about which emergency a name means."""


def _day(value: object) -> str:
    day = _date(value)
    return f"{day:%B} {day.day}, {day.year}" if day else ""


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _words(text: str) -> set[str]:
    """The words that tell emergencies apart: "Fall from height" -> {FALL, HEIGHT}."""
    found = {w.rstrip("S") if len(w) > 3 else w for w in re.findall(r"[A-Z]+", text.upper())}
    return found - _FILLER


def emergencies_of(text: object) -> list[str]:
    """A Potential Emergencies cell as a list: split at commas, semicolons and line breaks."""
    return [part.strip() for part in re.split(r"[,;\n]", _text(text)) if part.strip()]


def steps_lines(text: object) -> str:
    """Numbered steps one to a line: "1. Stop. 2. Call 911." -> "1. Stop.\n2. Call 911."."""
    return re.sub(r"\s+(?=\d{1,2}[.)]\s)", "\n", _text(text).strip())


def match_procedure(emergency: str, procedures: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The procedure whose Emergency shares the most words with `emergency`, if any does."""
    wanted = _words(emergency)
    best, score = None, 0
    for procedure in procedures:
        shared = len(wanted & _words(procedure["emergency"]))
        if shared > score:
            best, score = procedure, shared
    return best


def _missing(row: int, column: str, what: str) -> str:
    return f"add {what} on Work Sites, row {row}, column {column}"


class _Plan:
    """What the workbook says, gathered once; `site_items` answers each item for a site."""

    def __init__(self, wb: WorkbookData, as_of: dt.date) -> None:
        self.as_of = as_of
        frame = wb.frame("Emergency Procedures")
        frame = frame[keys(frame["Emergency"]) != ""]
        self.procedures = _records(frame, {"emergency": "Emergency", "steps": "Steps",
                                           "who": "Who Does What", "equipment": "Equipment"})
        for procedure in self.procedures:
            procedure["steps"] = steps_lines(procedure["steps"])
        self.equipment = self._equipment(wb, as_of)
        self.first_aiders = _current_holders(wb, as_of, "first aid")
        self.designated = self._designated(wb)
        self.training = self._training(wb)
        drills = wb.frame("Emergency Drills")
        drills = drills[drills["Drill Date"] <= pd.Timestamp(as_of)].sort_values("Drill Date")
        self.drills = _records(drills, {"date": "Drill Date", "type": "Drill Type",
                                        "location": "Location", "participants": "Participants",
                                        "evaluated_by": "Evaluated By", "findings": "Findings"})
        for drill in self.drills:
            drill["participant_count"] = len(_names(drill["participants"]))

    @staticmethod
    def _equipment(wb: WorkbookData, as_of: dt.date) -> list[dict[str, Any]]:
        """Fire extinguishers and first aid kits on the schedule, with their last inspection
        and state as the engine works them out."""
        status = inspection_status(wb, as_of)
        status = status[keys(status["Inspection Type"]).isin(EQUIPMENT_TYPES)]
        items = []
        for row in status.to_dict("records"):
            state = "never inspected" if row["never"] else (
                "overdue" if row["overdue"] else "current")
            items.append({"row": int(row[ROW]), "item": _text(row["Item"]),
                          "type": _text(row["Inspection Type"]),
                          "frequency": _text(row["Frequency"]),
                          "responsible": _text(row["Responsible"]),
                          "last": _date(row["last"]) if not row["never"] else None,
                          "due": _date(row["due"]) if not pd.isna(row["due"]) else None,
                          "state": state})
        return items

    @staticmethod
    def _designated(wb: WorkbookData) -> list[dict[str, Any]]:
        people = wb.frame("Employees")
        people = people[(keys(people["Status"]) != "INACTIVE")
                         & (keys(people["Emergency Role"]) != "")]
        return _records(people, {"name": "Name", "position": "Position",
                                 "role": "Emergency Role"})

    @staticmethod
    def _training(wb: WorkbookData) -> list[dict[str, Any]]:
        """Emergency courses of the Training Matrix, each with the positions needing it."""
        matrix = wb.frame("Training Matrix")
        course_keys = keys(matrix["Course"])
        wanted = course_keys.map(lambda k: any(w in k for w in EMERGENCY_COURSES))
        matrix = matrix[wanted & (keys(matrix["Required"]) == "YES")]
        courses: dict[str, dict[str, Any]] = {}
        for row in matrix.to_dict("records"):
            course = courses.setdefault(_text(row["Course"]).strip().upper(), {
                "course": _text(row["Course"]).strip(), "positions": [], "months": None})
            course["positions"].append(_text(row["Position"]))
            if not pd.isna(row["Validity Months"]):
                course["months"] = int(row["Validity Months"])
        return [c | {"positions": ", ".join(c["positions"]),
                     "renewal": f"every {c['months']} months" if c["months"]
                     else "does not expire"} for c in courses.values()]

    def site_items(self, site: dict[str, Any], asked: tuple[tuple[str, str], ...]
                   ) -> list[dict[str, Any]]:
        answers = self._answers(site)
        items = []
        for number, (part, label) in enumerate(asked, start=1):
            found, missing = answers[part]
            detail = "; ".join(found + [f"Missing: {m}" for m in missing])
            items.append({"number": number, "label": label, "detail": detail,
                          "missing": bool(missing)})
        return items

    def _answers(self, s: dict[str, Any]) -> dict[str, tuple[list[str], list[str]]]:
        """Each plan part for one site: what the workbook says, and what is missing."""
        row = s["row"]
        out: dict[str, tuple[list[str], list[str]]] = {}

        def field(column: str, key: str, what: str, label: str = "") -> tuple[list[str],
                                                                            list[str]]:
            value = _text(s[key]).strip()
            return ([f"{label}{value}"], []) if value else ([], [_missing(row, column, what)])

        out["emergencies"] = field("Potential Emergencies", "emergencies",
                                   "what could happen at this site")
        if not s["emergency_list"]:
            out["procedures"] = ([], ["list the site's potential emergencies first; each "
                                      "then needs a procedure"])
        else:
            have = [p["emergency"] for p in s["procedures"]]
            found = [f"in this plan: {'; '.join(have)}"] if have else []
            lacking = [f"no procedure for {e}: add it on the Emergency Procedures sheet "
                       "(Emergency, Steps, Who Does What, Equipment)" for e in s["unmatched"]]
            out["procedures"] = (found, lacking)
        kept = field("First Aid and Equipment", "equipment",
                     "where the first aid kit and extinguishers are")
        checked = [f"inspected on schedule: {', '.join(e['item'] for e in self.equipment)} "
                   "(see Emergency equipment)"] if self.equipment else []
        unchecked = [] if self.equipment else [
            "put the fire extinguishers and first aid kits on the Inspection Schedule"]
        out["equipment"] = (kept[0] + checked, kept[1] + unchecked)
        out["training"] = ([f"{t['course']} for {t['positions']} ({t['renewal']})"
                            for t in self.training],
                           [] if self.training else [
                               "add the first aid and fire extinguisher courses to the "
                               "Training Matrix for the positions that need them"])
        hospital = field("Nearest Hospital", "hospital", "the nearest hospital",
                         "Nearest hospital: ")
        route = field("Route to Hospital", "route", "the route to the hospital", "Route: ")
        out["facilities"] = (hospital[0] + route[0], hospital[1] + route[1])
        extinguishers = [e for e in self.equipment if e["type"].upper() == "FIRE EXTINGUISHER"]
        fire = [p for p in s["procedures"] if "FIRE" in _words(p["emergency"])]
        out["fire"] = (
            [f"{e['item']}: inspected {e['frequency'].lower()}, "
             + (f"last {_day(e['last'])}" if e["last"] else "never yet") for e in extinguishers]
            + ([f"procedure: {fire[0]['emergency']}"] if fire else []),
            [] if extinguishers else ["put the fire extinguishers on the Inspection Schedule "
                                      "(Inspection Type Fire Extinguisher)"])
        out["alarm"] = field("Alarm and Communication", "alarm",
                             "how people are warned and call for help")
        aiders = self.first_aiders
        out["first_aid"] = (
            kept[0] + ([f"{_count(len(aiders), 'current first aider')} (see First aid)"]
                       if aiders else []),
            kept[1] + ([] if aiders else ["no worker holds a current first aid ticket: "
                                          "record the tickets on Training Records"]))
        muster = field("Muster Point", "muster", "the muster point", "Muster point: ")
        rescue = field("Evacuation and Rescue", "evacuation",
                       "the evacuation route and how a worker is rescued")
        out["evacuation"] = (muster[0] + rescue[0], muster[1] + rescue[1])
        out["designated"] = ([", ".join(f"{d['name']} ({d['role']})" for d in self.designated)]
                             if self.designated else [],
                             [] if self.designated else [
                                 "give the designated workers an Emergency Role on Employees "
                                 "(e.g. Warden, First Aider, Rescue)"])
        start = pd.Timestamp(twelve_months_before(self.as_of))
        recent = [d for d in self.drills if d["date"] and pd.Timestamp(d["date"]) > start]
        out["drills"] = (
            [f"{len(recent)} in the last 12 months, the last a {recent[-1]['type'].lower()} "
             f"drill on {_day(recent[-1]['date'])}"] if recent else [],
            [] if recent else ["no drill in the last 12 months: run one and record it on "
                               "Emergency Drills"])
        return out


def erp_context(wb: WorkbookData, as_of: dt.date) -> Context:
    """The plan: for each active site its facts, the items the law asks answered, and the
    procedures for its potential emergencies; then the company-wide parts."""
    plan = _Plan(wb, as_of)
    asked = emergency_plan_law(wb.company.get("Province"))
    sites = wb.frame("Work Sites")
    sites = sites[(keys(sites["Site"]) != "") & (keys(sites["Active"]) != "NO")]
    records = _records(sites, {"site": "Site", "address": "Address",
                               "hospital": "Nearest Hospital", "route": "Route to Hospital",
                               "muster": "Muster Point", "contacts": "Emergency Contacts",
                               "emergencies": "Potential Emergencies",
                               "alarm": "Alarm and Communication",
                               "equipment": "First Aid and Equipment",
                               "evacuation": "Evacuation and Rescue"})
    for site in records:
        site["emergency_list"] = emergencies_of(site["emergencies"])
        matched = [(e, match_procedure(e, plan.procedures)) for e in site["emergency_list"]]
        site["unmatched"] = [e for e, p in matched if p is None]
        site["procedures"] = list({id(p): p for _e, p in matched if p is not None}.values())
        site["answers"] = plan.site_items(site, asked.items)
    return company_context(wb, as_of) | {
        "plan": _document_row(wb, "emergency", as_of),
        "requirements": {"intro": asked.intro, "citation": asked.citation,
                         "confirmed": asked.confirmed},
        "sites": records,
        "procedures": plan.procedures,
        "designated": plan.designated,
        "first_aiders": plan.first_aiders,
        "equipment": plan.equipment,
        "training": plan.training,
        "drills": plan.drills,
        "last_drill": plan.drills[-1] if plan.drills else None,
    }
