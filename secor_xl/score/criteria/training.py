"""Element 5, Training and competency (E07): its criteria and their measures."""

from __future__ import annotations

import pandas as pd

from ...dates import keys
from ...reader.read import ROW
from ..evidence import (
    Evidence,
    iso,
    listing,
    plural,
    rows_text,
    sentence,
    text,
)
from .base import (
    NO_PEOPLE,
    Criterion,
    Measure,
    self_criterion,
    share_met,
    share_of,
)

_NO_PAIRS = ("List everyone on Employees with their Position, fill in the Training Matrix "
             "(the courses each Position requires) and the Training Records.")


def training_current(ev: Evidence) -> Measure:
    pairs = ev.training
    if pairs.empty:
        return Measure(0, "No required training to check: no active employee's Position has a "
                          "course with Required = Yes on the Training Matrix.", _NO_PAIRS)
    ok = pairs["state"].isin(["current", "expiring"])
    evidence = (f"{int(ok.sum())} of {plural(len(pairs), 'required (employee, course) pair')} "
                "current")
    soon = pairs[pairs["state"] == "expiring"]
    if len(soon):
        evidence += f" ({len(soon)} expiring within 30 days)"
    if ok.all():
        return Measure(1, evidence + ".")
    todo = []
    for _, pair in pairs[~ok].iterrows():
        if pair["state"] == "missing" and pd.notna(pair["typo_row"]):
            todo.append(f"fix the spelling on Training Records row {int(pair['typo_row'])} "
                        f"(recorded {text(pair['typo_name'])}) if it is "
                        f"{text(pair['Name'])}'s {text(pair['Course'])}")
        elif pair["state"] == "missing":
            todo.append(f"train {text(pair['Name'])} in {text(pair['Course'])} and record it "
                        f"(Employees row {int(pair['employee_row'])}, no record)")
        else:
            when = "no usable Completed Date" if pd.isna(pair["expiry"]) else \
                f"expired {iso(pair['expiry'])}"
            todo.append(f"renew {text(pair['Course'])} for {text(pair['Name'])} ({when}, "
                        f"Training Records row {int(pair['record_row'])})")
    return Measure(share_of(int(ok.sum()), len(pairs)), f"{evidence}; not: {listing(todo)}.",
                   sentence(listing(todo)) + ".")


def orientation_recorded(ev: Evidence) -> Measure:
    people = ev.active_employees
    if people.empty:
        return Measure(0, "No active employees on Employees.", NO_PEOPLE)
    oriented = people["Orientation Date"].notna() & (people["Orientation Date"] <= ev.day)
    evidence = (f"{int(oriented.sum())} of {plural(len(people), 'active employee')} with an "
                "Orientation Date")
    if oriented.all():
        return Measure(1, evidence + ".")
    named = [f"{text(n)} (Employees row {int(r)})"
             for n, r in zip(people.loc[~oriented, "Name"], people.loc[~oriented, ROW],
                             strict=True)]
    return Measure(share_of(int(oriented.sum()), len(people)), f"{evidence}; not: "
                   f"{listing(named)}.",
                   f"Give the safety orientation and record its Orientation Date: "
                   f"{listing(named)}.")


def competency_verified(ev: Evidence) -> Measure:
    pairs = ev.training
    current = pairs[pairs["state"].isin(["current", "expiring"])]
    if current.empty:
        return Measure(0, "No current required-course record to verify.",
                       "Get required training current, then have a supervisor verify each "
                       "worker's competency (Competency Verified By, Verified Date).")
    records = ev.frame("Training Records").set_index(ROW)
    rows = [int(r) for r in current["record_row"]]
    verified = [r for r in rows if text(records.at[r, "Competency Verified By"], "") != ""]
    todo = sorted(set(rows) - set(verified))
    evidence = (f"{len(verified)} of {plural(len(rows), 'current required-course record')} with "
                "Competency Verified By filled in")
    if not todo:
        return Measure(1, evidence + ".")
    where = rows_text("Training Records", todo)
    return Measure(share_of(len(verified), len(rows)), f"{evidence}; not: {where}.",
                   "Have a supervisor watch each worker do the task safely and fill in "
                   f"Competency Verified By and Verified Date on {where}.")


def rights_covered(ev: Evidence) -> Measure:
    """AASP's 2019 tool asks that orientations cover the three rights (R13-04); Alberta's
    OHS Act s.2 and s.17 (R13-36, R13-39)."""
    people = ev.active_employees
    if people.empty:
        return Measure(0, "No active employees on Employees.", NO_PEOPLE)
    covered = keys(people["Rights Covered"]) == "YES"
    named = [f"{text(n)} (Employees row {int(r)})"
             for n, r in zip(people.loc[~covered, "Name"], people.loc[~covered, ROW],
                             strict=True)]
    return share_met(covered, f"{int(covered.sum())} of "
                     f"{plural(len(people), 'active employee')} with Rights Covered = Yes",
                     named, "Go over the right to know, to participate and to refuse dangerous "
                     "work with {}, and set Rights Covered to Yes.")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("5.1", 5, "Required training current for every active employee", 6,
              "Training Matrix, Training Records, Employees: (employee, required course) "
              "pairs current or expiring (the Dashboard's ExpiredTraining), share of pairs",
              ("E07", "B11", "S02"), training_current),
    Criterion("5.2", 5, "Every active employee has had the safety orientation", 3,
              "Employees: Orientation Date on or before the as-of day, share of active "
              "employees", ("E07", "S05"), orientation_recorded),
    Criterion("5.3", 5, "Competency verified for current required training", 2,
              "Training Records: Competency Verified By on the record that makes each pair "
              "current, share of current pairs", ("E07", "L06"), competency_verified),
    Criterion("5.4", 5, "The orientation covered the three worker rights (to know, to "
              "participate, to refuse dangerous work)", 2,
              "Employees: Rights Covered = Yes, share of active employees",
              ("R13-04", "R13-36", "R13-39"), rights_covered),
    self_criterion(5, 5, "E07"),
)
