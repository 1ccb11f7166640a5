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
    formal_lines,
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


HIGH_RISK = 15
"""A Risk Rank (Severity x Probability, 1 to 25) at or above this is high risk: the top band
of the common 5 x 5 matrix, the tasks the partners' tools ask a written procedure for."""


def _covers(procedure: str, task: str) -> bool:
    """A procedure's Job or Task names the task, or the task names it (any case)."""
    return bool(procedure) and (procedure in task or task in procedure)


def procedures_written(ev: Evidence) -> Measure:
    """Safe work practices and safe job procedures for the high-risk tasks (M04, R13-76): each
    task of a formal line ranked 15 or more needs a procedure approved and within its
    Review Due. Without such tasks, one current procedure on the register will do."""
    lines = formal_lines(ev)
    risk = lines["Severity"] * lines["Probability"]
    tasks = list(dict.fromkeys(t for t in keys(lines.loc[risk >= HIGH_RISK, "Job or Task"])
                               if t))
    register = ev.frame("Safe Work Procedures")
    current = register[(keys(register["Procedure"]) != "") & register["Approved Date"].notna()
                       & (register["Approved Date"] <= ev.day)
                       & (register["Review Due"].isna() | (register["Review Due"] >= ev.day))]
    written = [k for k in dict.fromkeys(keys(current["Job or Task"])) if k]
    if not tasks:
        if len(current):
            return Measure(1, f"No formal hazard line ranked {HIGH_RISK} or more; "
                              f"{plural(len(current), 'procedure')} approved and within review "
                              "on Safe Work Procedures.")
        return Measure(0, f"No formal hazard line ranked {HIGH_RISK} or more, and no procedure "
                          "approved and within review on Safe Work Procedures.",
                       "Write the safe work practices and job procedures your work needs and "
                       "list them on Safe Work Procedures (Approved Date, Review Due).")
    done = [t for t in tasks if any(_covers(w, t) for w in written)]
    missing = [t.capitalize() for t in tasks if t not in done]
    evidence = (f"{len(done)} of {plural(len(tasks), 'high-risk task')} (formal lines ranked "
                f"{HIGH_RISK} or more) with a procedure approved and within review on Safe "
                "Work Procedures")
    if not missing:
        return Measure(1, evidence + ".")
    return Measure(share_of(len(done), len(tasks)), f"{evidence}; not: {listing(missing)}.",
                   f"Write a safe job procedure for {listing(missing)}, take the workers "
                   "through it, and list it on Safe Work Procedures (Job or Task as on Hazard "
                   "Assessments, Approved Date, Review Due); renew any past its Review Due.")


MAINTAINED = ("VEHICLE", "EQUIPMENT")


def equipment_maintained(ev: Evidence) -> Measure:
    """Preventive maintenance (M04, R13-76): each active Vehicle or Equipment item of the
    Inspection Schedule has maintenance on Equipment Maintenance in the window, and its
    latest Next Due has not passed. Inspections (4.2) are not maintenance."""
    schedule = ev.frame("Inspection Schedule")
    items = schedule[(keys(schedule["Item"]) != "") & (keys(schedule["Active"]) != "NO")
                     & keys(schedule["Inspection Type"]).isin(MAINTAINED)]
    log = ev.frame("Equipment Maintenance")
    log = log[log["Date"].notna() & (log["Date"] <= ev.day)]
    if items.empty:
        return not_applicable("no active Vehicle or Equipment item on the Inspection "
                              "Schedule.")
    latest = (log.assign(item=keys(log["Equipment"])).sort_values(["Date", ROW])
              .groupby("item").tail(1).set_index("item"))
    late = []
    for name, row, item in zip(items["Item"], items[ROW], keys(items["Item"]), strict=True):
        where = f"{text(name)} (Inspection Schedule row {int(row)})"
        if item not in latest.index:
            late.append(f"{where}, no maintenance on record")
            continue
        last, due = latest.loc[item, "Date"], latest.loc[item, "Next Due"]
        if not ev.within(last):
            late.append(f"{where}, last maintained {iso(last)}")
        elif pd.notna(due) and due < ev.day:
            late.append(f"{where}, maintenance due {iso(due)}")
    ok = len(items) - len(late)
    evidence = (f"{ok} of {plural(len(items), 'active vehicle or equipment item')} maintained "
                f"{ev.window_text} and not past its Next Due")
    if not late:
        return Measure(1, evidence + ".")
    return Measure(share_of(ok, len(items)), f"{evidence}; not: {listing(late)}.",
                   f"Service by the maker's schedule and record it on Equipment Maintenance "
                   f"(Equipment named as on the schedule, Date, Work Done, Next Due): "
                   f"{listing(late)}.")


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
    Criterion("3.6", 3, "Safe work practices and job procedures written for the high-risk tasks "
              f"(Risk Rank {HIGH_RISK} or more), approved and within their Review Due", 4,
              f"Hazard Assessments: Job or Task of formal lines with Severity x Probability >= "
              f"{HIGH_RISK}; Safe Work Procedures: Job or Task, Approved Date, Review Due",
              ("E04", "M04", "R13-76"), procedures_written, confidence="medium"),
    Criterion("3.7", 3, "Preventive maintenance of vehicles and equipment done and not overdue "
              "(n/a without vehicles or equipment on the schedule)", 3,
              "Inspection Schedule: active Vehicle and Equipment items; Equipment Maintenance: "
              "Date in the window, latest Next Due not passed", ("E04", "M04", "R13-76"),
              equipment_maintained, confidence="medium"),
    self_criterion(3, 8, "E04", "E05"),
)
