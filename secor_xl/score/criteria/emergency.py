"""Element 6, Emergency response (E08, L02 s.115-117, L13): its criteria and their measures."""

from __future__ import annotations

import pandas as pd

from ...cells import split_names
from ...dates import keys
from ...reader.read import ROW
from ..evidence import (
    Evidence,
    iso,
    key,
    listing,
    plural,
    sentence,
    text,
)
from .base import (
    NO_PEOPLE,
    Criterion,
    Measure,
    cite,
    documents_named,
    item_late,
    latest_row,
    not_applicable,
    plan_within_review,
    rows_met,
    self_criterion,
    share_of,
)


def emergency_plan_current(ev: Evidence) -> Measure:
    missing = Measure(0, "No Program Documents row names an emergency response plan.",
                      f"Write the emergency response plan{cite(ev, 'emergency')}: emergencies, "
                      "procedures, equipment, first aid, rescue and evacuation, designated "
                      "workers; and add it to Program Documents.")
    return plan_within_review(ev, documents_named(ev, "emergency"), missing, "the workers")


def _drills(ev: Evidence) -> pd.DataFrame:
    drills = ev.frame("Emergency Drills")
    return drills[ev.window(drills["Drill Date"])]


def drill_held(ev: Evidence) -> Measure:
    drills = _drills(ev)
    if len(drills):
        held = [f"{iso(d)} {text(k, 'drill')} (row {int(r)})"
                for d, k, r in zip(drills["Drill Date"], drills["Drill Type"], drills[ROW],
                                   strict=True)]
        return Measure(1, f"{plural(len(drills), 'drill')} on Emergency Drills dated "
                          f"{ev.window_text}: {listing(held)}.")
    last = latest_row(ev.frame("Emergency Drills"), "Drill Date", ev)
    before = "none on record" if last is None else \
        f"the last was {iso(last['Drill Date'])} (Emergency Drills row {int(last[ROW])})"
    return Measure(0, f"No drill dated {ev.window_text}; {before}.",
                   "Run a drill of the emergency response plan with everyone and record it "
                   f"on Emergency Drills; {before}.")


def drill_participation(ev: Evidence) -> Measure:
    people = ev.active_employees
    if people.empty:
        return Measure(0, "No active employees on Employees.", NO_PEOPLE)
    took_part = {key(name) for names in _drills(ev)["Participants"]
                 for name in split_names(names)}
    joined = keys(people["Name"]).isin(took_part)
    evidence = (f"{int(joined.sum())} of {plural(len(people), 'active employee')} took part in "
                f"a drill dated {ev.window_text}")
    if joined.all():
        return Measure(1, evidence + ".")
    named = [f"{text(n)} (Employees row {int(r)})"
             for n, r in zip(people.loc[~joined, "Name"], people.loc[~joined, ROW], strict=True)]
    return Measure(share_of(int(joined.sum()), len(people)), f"{evidence}; not: {listing(named)}.",
                   f"Include in the next drill, and list as Participants: {listing(named)}.")


_EMERGENCY_EQUIPMENT = (("Fire Extinguisher", "fire extinguishers", "Monthly, L13"),
                        ("First Aid Kit", "first aid kits", "Monthly"))


def emergency_equipment_inspected(ev: Evidence) -> Measure:
    items = ev.inspections
    kinds = keys(items["Inspection Type"])
    ok, found, todo = 0, [], []
    for kind, words, frequency in _EMERGENCY_EQUIPMENT:
        mine = items[kinds == kind.upper()]
        late = mine[mine["overdue"]]
        if mine.empty:
            found.append(f"no active {kind} item")
            todo.append(f"add the {words} to the Inspection Schedule (Inspection Type {kind}, "
                        f"{frequency})")
        elif late.empty:
            ok += 1
            found.append(f"{plural(len(mine), kind + ' item')}, none overdue")
        else:
            found.append(f"{plural(len(mine), kind + ' item')}, {len(late)} overdue")
            todo += [f"inspect {item_late(item)}" for _, item in late.iterrows()]
    evidence = f"Inspection Schedule: {'; '.join(found)}."
    if not todo:
        return Measure(1, evidence)
    return Measure(ok / 2, evidence, sentence("; ".join(todo)) + ".")


PLAN_FIELDS = ("Nearest Hospital", "Route to Hospital", "Muster Point", "Emergency Contacts",
               "Potential Emergencies", "Alarm and Communication", "First Aid and Equipment")
"""What the emergency response plan says for each site (L02: emergencies, procedures,
equipment, first aid, evacuation), as Work Sites records it."""


def plan_contents(ev: Evidence) -> Measure:
    """The plan's contents site by site: every active Work Site with every `PLAN_FIELDS`
    cell filled in."""
    sites = ev.active_sites
    if sites.empty:
        return Measure(0, "No active site on Work Sites, so the emergency response plan's "
                          "contents per site are not recorded.",
                       "List each place you work on Work Sites (the shop or office too) with "
                       f"its {listing([f.lower() for f in PLAN_FIELDS])}.")
    gaps = []
    for _, site in sites.iterrows():
        blank = [f for f in PLAN_FIELDS if key(site[f]) == ""]
        if blank:
            gaps.append(f"{text(site['Site'])} (Work Sites row {int(site[ROW])}: "
                        f"{', '.join(b.lower() for b in blank)})")
    ok = len(sites) - len(gaps)
    evidence = (f"{ok} of {plural(len(sites), 'active site')} on Work Sites with the plan's "
                f"{len(PLAN_FIELDS)} contents filled in")
    if not gaps:
        return Measure(1, evidence + ".")
    return Measure(share_of(ok, len(sites)), f"{evidence}; missing: {listing(gaps)}.",
                   f"Fill in the emergency response plan of {listing(gaps)} on Work Sites, "
                   "and post it at the site.")


def real_emergencies_reviewed(ev: Evidence) -> Measure:
    """An actual emergency is reviewed as a drill would be: Emergency Drills rows of Drill
    Type Real Emergency in the window need their Findings. n/a when there was none."""
    drills = _drills(ev)
    real = drills[keys(drills["Drill Type"]) == "REAL EMERGENCY"]
    if real.empty:
        return not_applicable(f"no Real Emergency on Emergency Drills dated {ev.window_text}.")
    reviewed = keys(real["Findings"]) != ""
    kind = plural(len(real), "real emergency", "real emergencies")
    evidence = (f"{int(reviewed.sum())} of {kind} dated {ev.window_text} reviewed (Findings "
                "filled in)")
    return rows_met(reviewed, real, "Emergency Drills", evidence,
                    "Review how the plan worked in the real emergency with the people "
                    "involved and write the Findings (and any Action ID) on {}.")


def drills_evaluated(ev: Evidence) -> Measure:
    """A drill is evaluated and followed up (L02): each drill of the window has its Findings.
    n/a without a drill (6.2 already asks for one); real emergencies are 6.6."""
    drills = _drills(ev)
    drills = drills[keys(drills["Drill Type"]) != "REAL EMERGENCY"]
    if drills.empty:
        return not_applicable(f"no drill dated {ev.window_text} to evaluate.")
    evaluated = keys(drills["Findings"]) != ""
    evidence = (f"{int(evaluated.sum())} of {plural(len(drills), 'drill')} dated "
                f"{ev.window_text} with Findings")
    return rows_met(evaluated, drills, "Emergency Drills", evidence,
                    "Write what went well and what did not (Findings), with any Action ID "
                    "raised, on {}.")


FIRST_AID_YEARS = 3
"""How long a first aid certificate lasts when its Expiry Date is blank (Alberta's
standard and emergency first aid certificates: 3 years; medium confidence)."""


def first_aider(ev: Evidence) -> Measure:
    """A trained first aider (L03, OHS Code Part 11): an active employee with a current
    first aid record on Training Records."""
    people = set(keys(ev.active_employees["Name"]))
    records = ev.frame("Training Records")
    first_aid = records[keys(records["Course"]).str.contains("FIRST AID", regex=False)
                        & keys(records["Employee"]).isin(people)
                        & records["Completed Date"].notna()
                        & (records["Completed Date"] <= ev.day)]
    lasts = first_aid["Completed Date"] + pd.DateOffset(years=FIRST_AID_YEARS)
    until = first_aid["Expiry Date"].where(first_aid["Expiry Date"].notna(), lasts)
    current = first_aid[until >= ev.day]
    if len(current):
        names = list(dict.fromkeys(text(n) for n in current["Employee"]))
        return Measure(1, f"{plural(len(names), 'active employee')} with a current first aid "
                          f"record on Training Records: {listing(names)}.")
    return Measure(0, "No active employee with a current first aid record on Training Records "
                      f"(a Course containing 'first aid'; {FIRST_AID_YEARS} years when the "
                      "Expiry Date is blank).",
                   f"Train at least one worker on each shift in first aid{cite(ev, 'first_aid')} "
                   "and record it on Training Records.")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("6.1", 6, "Emergency response plan written and within its Review Due", 3,
              "Program Documents: the Document containing 'emergency' with the latest Review "
              "Due", ("E08", "L02"), emergency_plan_current),
    Criterion("6.2", 6, "An emergency drill held in the last 12 months", 4,
              "Emergency Drills: Drill Date in the window", ("E08", "L02"), drill_held),
    Criterion("6.3", 6, "Every active employee took part in a drill in the last 12 months "
              "(good practice: no source asks it)", 1,
              "Emergency Drills: Participants of drills in the window, share of active "
              "employees", ("E08", "L02"), drill_participation, confidence="low"),
    Criterion("6.4", 6, "Fire extinguishers and first aid kits on the inspection schedule and "
              "not overdue", 2, "Inspection Schedule: active Fire Extinguisher and First Aid "
              "Kit items, none overdue (1 point each)", ("E08", "L13", "L14", "L03"),
              emergency_equipment_inspected),
    Criterion("6.5", 6, "The emergency response plan's contents recorded for every active "
              "site (hospital, route, muster point, contacts, emergencies, alarm, first aid)",
              3, "Work Sites: " + ", ".join(PLAN_FIELDS) + " of every active site",
              ("E08", "L02"), plan_contents),
    Criterion("6.6", 6, "Actual emergencies reviewed (n/a when there was none)", 2,
              "Emergency Drills: Drill Type Real Emergency in the window, Findings filled in",
              ("E08", "L02"), real_emergencies_reviewed, confidence="medium"),
    Criterion("6.7", 6, "Drills evaluated: what went well and what did not written down "
              "(n/a without a drill)", 1, "Emergency Drills: Findings of the drills in the "
              "window (Real Emergency apart)", ("E08", "L02"), drills_evaluated,
              confidence="medium"),
    Criterion("6.8", 6, "A trained first aider among the active employees", 2,
              "Training Records: a Course containing 'first aid' of an active employee, Expiry "
              f"Date not passed (blank: {FIRST_AID_YEARS} years from Completed Date)",
              ("E08", "L03"), first_aider, confidence="medium"),
    self_criterion(6, 9, "E08"),
)
