"""Element 3, Hazard control (E04, E10, L01 s.9): its criteria and their measures."""

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
    text,
)
from .base import (
    Criterion,
    Measure,
    cite,
    documents_named,
    hazard_lines,
    not_applicable,
    plan_within_review,
    self_criterion,
    share_of,
)


def controls_recorded(ev: Evidence) -> Measure:
    lines = hazard_lines(ev)
    if lines.empty:
        return Measure(0, "No hazard assessment lines.",
                       "Record each hazard and the controls used for it on Hazard Assessments.")
    filled = keys(lines["Controls"]) != ""
    evidence = f"{int(filled.sum())} of {plural(len(lines), 'hazard line')} with Controls filled in"
    if filled.all():
        return Measure(1, evidence + ".")
    where = rows_text("Hazard Assessments", lines.loc[~filled, ROW])
    return Measure(share_of(int(filled.sum()), len(lines)), f"{evidence}; blank: {where}.",
                   f"Write the controls for the hazards on {where}.")


def controls_above_ppe(ev: Evidence) -> Measure:
    lines = hazard_lines(ev)
    if lines.empty:
        return Measure(0, "No hazard assessment lines.",
                       "Record each hazard with its Control Type on Hazard Assessments.")
    kind = keys(lines["Control Type"])
    above = (kind != "PPE") & (kind != "")
    evidence = (f"{int(above.sum())} of {plural(len(lines), 'hazard line')} controlled above "
                "PPE alone (elimination, substitution, engineering or administrative)")
    if above.all():
        return Measure(1, evidence + ".")
    named = [f"row {int(r)} ({text(h, 'no hazard')})"
             for r, h in zip(lines.loc[~above, ROW], lines.loc[~above, "Hazard"], strict=True)]
    return Measure(share_of(int(above.sum()), len(lines)),
                   f"{evidence}; PPE alone or blank: {listing(named)}.",
                   "Look for elimination, engineering or administrative controls"
                   f"{cite(ev, 'hazard')} for the hazards on Hazard Assessments "
                   f"{listing(named)}.")


def harassment_plan_current(ev: Evidence) -> Measure:
    """ACSA 2019 asks three questions on it, 30 of Hazard Control's 120 points (R13-01);
    Alberta's OHS Code s.390 asks for one plan since Alta Reg 202/2024 (R13-29). The current
    review interval was not found (the old rule was 3 years), so the row's Review Due is used."""
    plans = pd.concat([documents_named(ev, "violence"), documents_named(ev, "harassment")])
    missing = Measure(0, "No Program Documents row names a violence or harassment prevention "
                         "plan.",
                      f"Write the violence and harassment prevention plan{cite(ev, 'violence')}"
                      ": controls, how workers are told, reporting, investigation, "
                      "confidentiality; consult the representative or workers, and add it to "
                      "Program Documents with its Review Due.")
    return plan_within_review(ev, plans[~plans.index.duplicated()], missing,
                              "the representative or workers")


def _action_name(row: pd.Series) -> str:
    return (f"{text(row['Action ID'], '(no ID)')} (Corrective Actions row {int(row[ROW])}: "
            f"{text(row['Description'], 'no description')})")


def actions_closed_on_time(ev: Evidence) -> Measure:
    actions = ev.frame("Corrective Actions")
    due = actions[ev.window(actions["Due Date"])]
    if due.empty:
        return not_applicable(f"no corrective action due {ev.window_text}.")
    on_time = due["Completed Date"].notna() & (due["Completed Date"] <= due["Due Date"])
    evidence = (f"{int(on_time.sum())} of {plural(len(due), 'corrective action')} due "
                f"{ev.window_text} closed by their due date")
    if on_time.all():
        return Measure(1, evidence + ".")
    late = []
    for _, row in due[~on_time].iterrows():
        done = row["Completed Date"]
        how = "still open" if pd.isna(done) else \
            f"completed {iso(done)}, {(done - row['Due Date']).days} days late"
        late.append(f"{_action_name(row)}, due {iso(row['Due Date'])}, {how}")
    return Measure(share_of(int(on_time.sum()), len(due)), f"{evidence}; not: {listing(late)}.",
                   f"Close corrective actions by their due date: {listing(late)}.")


def no_overdue_actions(ev: Evidence) -> Measure:
    actions = ev.frame("Corrective Actions")
    # Every overdue action (status.overdue_actions) is open, so it is in the pool.
    pool = actions[(keys(actions["Status"]) != "CLOSED") | ev.window(actions["Due Date"])]
    if pool.empty:
        return not_applicable(f"no corrective action open or due {ev.window_text}.")
    late = ev.overdue_actions
    evidence = (f"{plural(len(late), 'overdue corrective action')} of {len(pool)} open or due "
                f"{ev.window_text}")
    if late.empty:
        return Measure(1, evidence + ".")
    names = [f"{_action_name(row)}, due {iso(row['Due Date'])}, assigned to "
             f"{text(row['Assigned To'], 'nobody')}" for _, row in late.iterrows()]
    return Measure(1 - len(late) / len(pool), f"{evidence}: {listing(names)}.",
                   f"Finish and close {listing(names)}.")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("3.1", 3, "Every assessed hazard has its controls written down", 3,
              "Hazard Assessments: Controls filled in, share of hazard lines",
              ("E02", "E04", "L01"), controls_recorded),
    Criterion("3.2", 3, "Hazards controlled above PPE alone where possible", 2,
              "Hazard Assessments: Control Type other than PPE, share of hazard lines",
              ("E04", "L01"), controls_above_ppe),
    Criterion("3.3", 3, "Corrective actions due in the last 12 months closed by their due "
              "date (n/a when none was due)", 4,
              "Corrective Actions: Completed Date on or before Due Date, share of actions due "
              "in the window", ("E10", "S05", "B11"), actions_closed_on_time),
    Criterion("3.4", 3, "No overdue corrective actions (n/a when none is open or due)", 3,
              "Corrective Actions: not Closed and due before the as-of day (the Dashboard's "
              "OverdueActions), against actions open or due in the window",
              ("E10", "S04", "B11"), no_overdue_actions),
    Criterion("3.5", 3, "A violence and harassment prevention plan, within its Review Due", 4,
              "Program Documents: the Document containing 'violence' or 'harassment' with the "
              "latest Review Due", ("R13-01", "R13-29", "L01"), harassment_plan_current),
    self_criterion(3, 6, "E04", "E05"),
)
