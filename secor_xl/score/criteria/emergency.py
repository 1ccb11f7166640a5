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
    plan_within_review,
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


CRITERIA: tuple[Criterion, ...] = (
    Criterion("6.1", 6, "Emergency response plan written and within its Review Due", 3,
              "Program Documents: the Document containing 'emergency' with the latest Review "
              "Due", ("E08", "L02"), emergency_plan_current),
    Criterion("6.2", 6, "An emergency drill held in the last 12 months", 4,
              "Emergency Drills: Drill Date in the window", ("E08", "L02"), drill_held),
    Criterion("6.3", 6, "Every active employee took part in a drill in the last 12 months "
              "(good practice: no source asks it)", 1,
              "Emergency Drills: Participants of drills in the window, share of active "
              "employees", ("E08", "L02"), drill_participation),
    Criterion("6.4", 6, "Fire extinguishers and first aid kits on the inspection schedule and "
              "not overdue", 2, "Inspection Schedule: active Fire Extinguisher and First Aid "
              "Kit items, none overdue (1 point each)", ("E08", "L13", "L14", "L03"),
              emergency_equipment_inspected),
    self_criterion(6, 5, "E08"),
)
