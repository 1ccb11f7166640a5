"""The readiness criteria, declared as data, each with the small function that measures it.

A criterion is worth `points`; its function looks at the workbook on the
as-of day and returns a `Measure`: the share of the points earned (0 to 1),
the evidence that explains the number (with the rows it read), and the action
that would earn the rest (rows to add or fix). A measure can also say the
criterion does not apply (no incidents in the window, say); its points then
leave the possible total, as the AFPA tool's n/a answers do (S23).

Evidence comes from the 12 months up to the as-of day (`rules.dates.in_window`)
unless a criterion says otherwise. Source ids point into
`shared/domain/secor_reference.yaml`; `docs/scoring.md` is the same table in
prose, and a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..rules.dates import interval, keys, quarter_name, quarter_start
from ..rules.timeliness import INVESTIGATION_DAYS
from ..workbook.read import ROW
from .evidence import (
    Evidence,
    iso,
    key,
    leading_number,
    listing,
    plural,
    rows_text,
    sentence,
    text,
)

# -- the data ------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """What one criterion found.

    Args:
        share: the part of the criterion's points earned, 0 to 1.
        evidence: why the share is what it is, naming the rows read.
        action: the rows or records to add or fix to earn the rest; None
            when there is nothing to do.
        applicable: False when the criterion does not apply (n/a): its
            points leave the possible total.
    """

    share: float
    evidence: str
    action: str | None = None
    applicable: bool = True


def not_applicable(why: str) -> Measure:
    """An n/a measure: `why` explains it (e.g. no incidents in the window)."""
    return Measure(0.0, f"Not applicable: {why}", None, applicable=False)


@dataclass(frozen=True)
class Criterion:
    """One scored criterion.

    Args:
        id: "element.number", e.g. "4.2".
        element: 1 to 8 (`schema.ELEMENTS`).
        text: what is asked, in the owner's words.
        points: what it is worth when fully met.
        evidence: the records it reads (for `docs/scoring.md`).
        sources: ids in `secor_reference.yaml` the criterion rests on.
        measure: the function that scores it.
    """

    id: str
    element: int
    text: str
    points: float
    evidence: str
    sources: tuple[str, ...]
    measure: Callable[[Evidence], Measure]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# -- shared lookups --------------------------------------------------------------

def _documents_named(ev: Evidence, word: str) -> pd.DataFrame:
    """Program Documents rows whose Document contains `word` (any case)."""
    docs = ev.frame("Program Documents")
    return docs[keys(docs["Document"]).str.contains(word.upper(), regex=False)]


def _latest(frame: pd.DataFrame, column: str, ev: Evidence) -> pd.Series | None:
    """The row with the latest `column` on or before the as-of day (else the latest)."""
    if frame.empty:
        return None
    known = frame[frame[column].notna() & (frame[column] <= ev.day)]
    pool = known if len(known) else frame
    return pool.sort_values([column, ROW], na_position="first").iloc[-1]


def _policy(ev: Evidence) -> pd.Series | None:
    return _latest(_documents_named(ev, "policy"), "Approved Date", ev)


def _hazard_lines(ev: Evidence) -> pd.DataFrame:
    hazards = ev.frame("Hazard Assessments")
    filled = (keys(hazards["Assessment ID"]) != "") | (keys(hazards["Hazard"]) != "")
    return hazards[filled]


def _formal(ev: Evidence) -> pd.DataFrame:
    """Formal assessment lines: site-specific (field-level) ones cannot earn these (S07)."""
    lines = _hazard_lines(ev)
    return lines[keys(lines["Type"]) != "SITE-SPECIFIC"]


def _incidents_in_window(ev: Evidence) -> pd.DataFrame:
    incidents = ev.frame("Incidents")
    return incidents[ev.window(incidents["Date"])]


def _no_incidents(ev: Evidence) -> Measure:
    return not_applicable(f"no incidents dated {ev.window_text}.")


def _is_yes(values: pd.Series) -> pd.Series:
    return keys(values) == "YES"


# -- 1 Management leadership and commitment (E01) ------------------------------

def policy_approved(ev: Evidence) -> Measure:
    policy = _policy(ev)
    if policy is None:
        return Measure(0, "No Program Documents row names a policy.",
                       "Add the health and safety policy, signed and dated by the owner, to "
                       "Program Documents (Document, Approved By, Approved Date, Review Due).")
    name, row, approved = text(policy["Document"]), int(policy[ROW]), policy["Approved Date"]
    where = f"Program Documents row {row}"
    if ev.within(approved):
        return Measure(1, f"{name} approved {iso(approved)} ({where}), within the 12 months.")
    when = "has no Approved Date" if pd.isna(approved) else (
        f"is dated {iso(approved)}, after the as-of day" if approved > ev.day
        else f"was last approved {iso(approved)}, more than 12 months before {ev.as_of}")
    return Measure(0, f"{name} ({where}) {when}.",
                   f"Review, re-sign and date the {name} ({where}) and record the new "
                   "Approved Date.")


def policy_communicated(ev: Evidence) -> Measure:
    policy = _policy(ev)
    if policy is None:
        return Measure(0, "No Program Documents row names a policy.",
                       "Add the health and safety policy to Program Documents, tell workers "
                       "about it and set Communicated to Yes.")
    name, where = text(policy["Document"]), f"Program Documents row {int(policy[ROW])}"
    answer = text(policy["Communicated"], "blank")
    if key(policy["Communicated"]) == "YES":
        return Measure(1, f"{name} ({where}): Communicated = Yes.")
    return Measure(0, f"{name} ({where}): Communicated is {answer}.",
                   f"Post the {name} and go over it with workers, then set Communicated to "
                   f"Yes ({where}).")


def management_quarters(ev: Evidence) -> Measure:
    acts = ev.frame("Management Activities")
    dates = acts["Date"].dropna()
    quarters = ev.full_quarters()
    counts = {q: 0 for q in quarters}
    for day in dates:
        first = quarter_start(day.date())
        if first in counts:
            counts[first] += 1
    done = [q for q in quarters if counts[q]]
    missed = [quarter_name(q) for q in quarters if not counts[q]]
    detail = ", ".join(f"{quarter_name(q)}: {counts[q]}" for q in quarters)
    evidence = (f"Management activity in {len(done)} of the 4 full calendar quarters before "
                f"{quarter_name(quarter_start(ev.as_of))} ({detail}).")
    if not missed:
        return Measure(1, evidence)
    return Measure(len(done) / 4, evidence,
                   "Have the owner or a manager take part in safety every quarter (site visit, "
                   f"review, meeting) and record it on Management Activities: nothing in "
                   f"{listing(missed)}.")


def documents_current(ev: Evidence) -> Measure:
    docs = ev.frame("Program Documents")
    docs = docs[keys(docs["Document"]) != ""]
    if docs.empty:
        return Measure(0, "No Program Documents.",
                       "List the written program on Program Documents (policy, safe work "
                       "practices, emergency response plan...) with Approved Date and Review "
                       "Due.")
    current = docs["Review Due"].notna() & (docs["Review Due"] >= ev.day)
    late = docs[~current]
    evidence = f"{int(current.sum())} of {len(docs)} program documents within their Review Due"
    if late.empty:
        return Measure(1, evidence + ".")
    names = [f"{text(d)} (Program Documents row {int(r)}, review due {iso(due)})"
             for d, r, due in zip(late["Document"], late[ROW], late["Review Due"], strict=True)]
    return Measure(_share(int(current.sum()), len(docs)),
                   f"{evidence}; past review: {listing(names)}.",
                   f"Review, re-approve and set the next Review Due of {listing(names)}.")


# -- 2 Hazard assessment (E02, L01 s.7-8, S07, S13) ------------------------------

def formal_assessment_recent(ev: Evidence) -> Measure:
    formal = _formal(ev)
    recent = formal[ev.window(formal["Assessed Date"])]
    if len(recent):
        ids = list(dict.fromkeys(text(i, "(no ID)") for i in recent["Assessment ID"]))
        return Measure(1, f"{plural(len(ids), 'formal assessment')} dated {ev.window_text} "
                          f"({listing(ids)}), latest {iso(recent['Assessed Date'].max())}.")
    action = ("Do a formal hazard assessment of each job and task with the workers who do it "
              "and record it on Hazard Assessments (Type Formal).")
    latest = _latest(formal, "Assessed Date", ev)
    if latest is None:
        return Measure(0, "No formal hazard assessment on record (site-specific ones do not "
                          "count here, S07).", action)
    return Measure(0, f"No formal assessment dated {ev.window_text}; the latest is "
                      f"{text(latest['Assessment ID'], '(no ID)')} of "
                      f"{iso(latest['Assessed Date'])} (Hazard Assessments row "
                      f"{int(latest[ROW])}).", action)


def assessments_current(ev: Evidence) -> Measure:
    formal = _formal(ev)
    if formal.empty:
        return Measure(0, "No formal hazard assessments to review.",
                       "Record formal hazard assessments with a Review Due date on Hazard "
                       "Assessments.")
    groups = formal.assign(key=keys(formal["Assessment ID"])).groupby("key", sort=False)
    late = []
    for _key, lines in groups:
        due = lines["Review Due"].max()
        if pd.isna(due) or due < ev.day:
            late.append(f"{text(lines['Assessment ID'].iloc[0], '(no ID)')} "
                        f"({text(lines['Job or Task'].iloc[0], 'no job')}; Hazard Assessments "
                        f"row {int(lines[ROW].iloc[0])}, review due {iso(due)})")
    total = groups.ngroups
    evidence = (f"{total - len(late)} of {plural(total, 'formal assessment')} (by Assessment "
                "ID) within their Review Due")
    if not late:
        return Measure(1, evidence + ".")
    return Measure(_share(total - len(late), total), f"{evidence}; past review: "
                   f"{listing(late)}.",
                   f"Review with the workers, re-date and set the next Review Due of "
                   f"{listing(late)}.")


def workers_informed(ev: Evidence) -> Measure:
    lines = _hazard_lines(ev)
    if lines.empty:
        return Measure(0, "No hazard assessment lines.",
                       "Record hazard assessments and involve the workers who do the work "
                       "(Workers Informed = Yes).")
    told = _is_yes(lines["Workers Informed"])
    evidence = (f"{int(told.sum())} of {plural(len(lines), 'hazard line')} with Workers "
                "Informed = Yes")
    if told.all():
        return Measure(1, evidence + ".")
    where = rows_text("Hazard Assessments", lines.loc[~told, ROW])
    return Measure(_share(int(told.sum()), len(lines)), f"{evidence}; not: {where}.",
                   f"Go over the hazards and controls with the affected workers, then set "
                   f"Workers Informed to Yes on {where}.")


# -- 3 Hazard control (E04, E10, L01 s.9) -------------------------------------------

def controls_recorded(ev: Evidence) -> Measure:
    lines = _hazard_lines(ev)
    if lines.empty:
        return Measure(0, "No hazard assessment lines.",
                       "Record each hazard and the controls used for it on Hazard Assessments.")
    filled = keys(lines["Controls"]) != ""
    evidence = f"{int(filled.sum())} of {plural(len(lines), 'hazard line')} with Controls filled in"
    if filled.all():
        return Measure(1, evidence + ".")
    where = rows_text("Hazard Assessments", lines.loc[~filled, ROW])
    return Measure(_share(int(filled.sum()), len(lines)), f"{evidence}; blank: {where}.",
                   f"Write the controls for the hazards on {where}.")


def controls_above_ppe(ev: Evidence) -> Measure:
    lines = _hazard_lines(ev)
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
    return Measure(_share(int(above.sum()), len(lines)),
                   f"{evidence}; PPE alone or blank: {listing(named)}.",
                   "Look for elimination, engineering or administrative controls (OHS Code "
                   f"s.9) for the hazards on Hazard Assessments {listing(named)}.")


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
    return Measure(_share(int(on_time.sum()), len(due)), f"{evidence}; not: {listing(late)}.",
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


# -- 4 Inspections (E06, E05) ---------------------------------------------------------

def schedule_kept(ev: Evidence) -> Measure:
    items = ev.inspections
    schedule = ev.frame("Inspection Schedule")
    retired = int((keys(schedule["Active"]) == "NO").sum())
    if items.empty:
        return Measure(0, "No active item on the Inspection Schedule.",
                       "List what must be inspected (sites, vehicles, equipment, fire "
                       "extinguishers, first aid kits) on the Inspection Schedule with a "
                       "Frequency and who is Responsible.")
    return Measure(1, f"{plural(len(items), 'active item')} on the Inspection Schedule"
                      + (f" ({retired} retired)." if retired else "."))


def _expected(frequency: object) -> int:
    """Inspections due in 12 months at `frequency`; an unknown frequency counts as yearly."""
    months, days = interval(frequency)
    if months:
        return max(1, 12 // months)
    if days:
        return 365 // days
    return 1


def inspections_done(ev: Evidence) -> Measure:
    items = ev.inspections
    if items.empty:
        return Measure(0, "No active item on the Inspection Schedule, so no inspection is "
                          "expected or counted.",
                       "List what must be inspected on the Inspection Schedule and log each "
                       "inspection on the Inspection Log.")
    log = ev.frame("Inspection Log")
    done_log = log[ev.window(log["Date"])]
    done = keys(done_log["Item"]).value_counts()
    shares, behind = [], []
    for _, item in items.iterrows():
        expected = _expected(item["Frequency"])
        count = int(done.get(key(item["Item"]), 0))
        shares.append(min(count, expected) / expected)
        if count < expected:
            behind.append(f"{text(item['Item'])} (Inspection Schedule row {int(item[ROW])}, "
                          f"{text(item['Frequency'], 'no frequency')}): {count} of {expected}")
    share = sum(shares) / len(shares)
    evidence = (f"{len(items) - len(behind)} of {plural(len(items), 'active item')} inspected as "
                f"often as scheduled {ev.window_text} ({plural(len(done_log), 'inspection')} "
                f"logged; {share:.0%} of the expected count, capped per item)")
    if not behind:
        return Measure(1, evidence + ".")
    return Measure(share, f"{evidence}; behind: {listing(behind)}.",
                   f"Inspect on schedule and log every inspection: {listing(behind)} in the 12 "
                   "months.")


def _item_late(item: pd.Series) -> str:
    where = f"{text(item['Item'])} (Inspection Schedule row {int(item[ROW])})"
    if item["never"]:
        return f"{where}, never inspected"
    return f"{where}, last inspected {iso(item['last'])}, due {iso(item['due'])}"


def nothing_overdue(ev: Evidence) -> Measure:
    items = ev.inspections
    if items.empty:
        return Measure(0, "No active item on the Inspection Schedule.",
                       "List what must be inspected on the Inspection Schedule.")
    late = items[items["overdue"]]
    evidence = (f"{plural(len(late), 'active item')} of {len(items)} overdue for inspection on "
                f"{ev.as_of}")
    if late.empty:
        return Measure(1, evidence + ".")
    named = [_item_late(item) for _, item in late.iterrows()]
    return Measure(1 - len(late) / len(items), f"{evidence}: {listing(named)}.",
                   "; ".join(f"Inspect {n}" for n in named) + ".")


def deficiencies_actioned(ev: Evidence) -> Measure:
    log = ev.frame("Inspection Log")
    found = log[ev.window(log["Date"]) & ((keys(log["Result"]) == "DEFICIENCIES FOUND")
                                         | (keys(log["Deficiency"]) != ""))]
    if found.empty:
        return not_applicable(f"no inspection found a deficiency {ev.window_text}.")
    actions = set(keys(ev.frame("Corrective Actions")["Action ID"])) - {""}
    linked = keys(found["Action ID"]).isin(actions) & (keys(found["Action ID"]) != "")
    evidence = (f"{int(linked.sum())} of {plural(len(found), 'deficiency', 'deficiencies')} "
                f"found {ev.window_text} linked to a Corrective Actions row by Action ID")
    if linked.all():
        return Measure(1, evidence + ".")
    where = rows_text("Inspection Log", found.loc[~linked, ROW])
    return Measure(_share(int(linked.sum()), len(found)), f"{evidence}; not: {where}.",
                   f"Raise a corrective action for each deficiency on {where} and put its "
                   "Action ID on the log row.")


# -- 5 Training and competency (E07) --------------------------------------------------

_NO_PEOPLE = "List everyone on the WCB account on Employees (Name, Position, Status)."
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
        if pair["state"] == "missing":
            todo.append(f"train {text(pair['Name'])} in {text(pair['Course'])} and record it "
                        f"(Employees row {int(pair['employee_row'])}, no record)")
        else:
            when = "no Completed Date" if pd.isna(pair["expiry"]) else \
                f"expired {iso(pair['expiry'])}"
            todo.append(f"renew {text(pair['Course'])} for {text(pair['Name'])} ({when}, "
                        f"Training Records row {int(pair['record_row'])})")
    return Measure(_share(int(ok.sum()), len(pairs)), f"{evidence}; not: {listing(todo)}.",
                   sentence(listing(todo)) + ".")


def orientation_recorded(ev: Evidence) -> Measure:
    people = ev.active_employees
    if people.empty:
        return Measure(0, "No active employees on Employees.", _NO_PEOPLE)
    oriented = people["Orientation Date"].notna() & (people["Orientation Date"] <= ev.day)
    evidence = (f"{int(oriented.sum())} of {plural(len(people), 'active employee')} with an "
                "Orientation Date")
    if oriented.all():
        return Measure(1, evidence + ".")
    named = [f"{text(n)} (Employees row {int(r)})"
             for n, r in zip(people.loc[~oriented, "Name"], people.loc[~oriented, ROW],
                             strict=True)]
    return Measure(_share(int(oriented.sum()), len(people)), f"{evidence}; not: "
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
    return Measure(_share(len(verified), len(rows)), f"{evidence}; not: {where}.",
                   "Have a supervisor watch each worker do the task safely and fill in "
                   f"Competency Verified By and Verified Date on {where}.")


# -- 6 Emergency response (E08, L02 s.115-117, L13) -----------------------------------

def emergency_plan_current(ev: Evidence) -> Measure:
    plans = _documents_named(ev, "emergency")
    if plans.empty:
        return Measure(0, "No Program Documents row names an emergency response plan.",
                       "Write the emergency response plan (OHS Code s.115-116: emergencies, "
                       "procedures, equipment, first aid, rescue and evacuation, designated "
                       "workers) and add it to Program Documents.")
    plan = plans.sort_values(["Review Due", ROW], na_position="first").iloc[-1]
    name, due = text(plan["Document"]), plan["Review Due"]
    where = f"Program Documents row {int(plan[ROW])}"
    if pd.notna(due) and due >= ev.day:
        return Measure(1, f"{name} ({where}) is within its Review Due, {iso(due)}.")
    return Measure(0, f"{name} ({where}) was due for review {iso(due)}.",
                   f"Review the {name} with the workers ({where}), re-approve it and set the "
                   "next Review Due.")


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
    last = _latest(ev.frame("Emergency Drills"), "Drill Date", ev)
    before = "none on record" if last is None else \
        f"the last was {iso(last['Drill Date'])} (Emergency Drills row {int(last[ROW])})"
    return Measure(0, f"No drill dated {ev.window_text}; {before}.",
                   "Run a drill of the emergency response plan with everyone and record it "
                   f"on Emergency Drills; {before}.")


def drill_participation(ev: Evidence) -> Measure:
    people = ev.active_employees
    if people.empty:
        return Measure(0, "No active employees on Employees.", _NO_PEOPLE)
    took_part = {key(name) for names in _drills(ev)["Participants"] if isinstance(names, str)
                 for name in names.split(",")} - {""}
    joined = keys(people["Name"]).isin(took_part)
    evidence = (f"{int(joined.sum())} of {plural(len(people), 'active employee')} took part in "
                f"a drill dated {ev.window_text}")
    if joined.all():
        return Measure(1, evidence + ".")
    named = [f"{text(n)} (Employees row {int(r)})"
             for n, r in zip(people.loc[~joined, "Name"], people.loc[~joined, ROW], strict=True)]
    return Measure(_share(int(joined.sum()), len(people)), f"{evidence}; not: {listing(named)}.",
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
            todo += [f"inspect {_item_late(item)}" for _, item in late.iterrows()]
    evidence = f"Inspection Schedule: {'; '.join(found)}."
    if not todo:
        return Measure(1, evidence)
    return Measure(ok / 2, evidence, sentence("; ".join(todo)) + ".")


# -- 7 Incident investigation (E09, L10, L11) ------------------------------------------

def _incident_names(incidents: pd.DataFrame) -> list[str]:
    return [f"{text(i, '(no ID)')} of {iso(d)} (Incidents row {int(r)})"
            for i, d, r in zip(incidents["Incident ID"], incidents["Date"], incidents[ROW],
                               strict=True)]


def incidents_investigated(ev: Evidence) -> Measure:
    incidents = _incidents_in_window(ev)
    if incidents.empty:
        return _no_incidents(ev)
    done = incidents["Investigation Started"].notna() & (keys(incidents["Root Cause"]) != "")
    return _incident_share(
        incidents, done, f"{ev.window_text} with Investigation Started and Root Cause filled in",
        "Investigate and record Investigation Started, Investigated By and Root Cause for {}.")




def investigations_prompt(ev: Evidence) -> Measure:
    incidents = _incidents_in_window(ev)
    if incidents.empty:
        return _no_incidents(ev)
    delay = incidents["Investigation Started"] - incidents["Date"]
    prompt = delay.notna() & (delay <= pd.Timedelta(days=INVESTIGATION_DAYS))
    return _incident_share(
        incidents, prompt, f"{ev.window_text} with the investigation started within "
        f"{INVESTIGATION_DAYS} days (common practice, not a rule)",
        f"Start investigations within {INVESTIGATION_DAYS} days of the incident; late or "
        "missing: {}.")


def _incident_share(incidents: pd.DataFrame, ok: pd.Series, dated: str, action: str
                    ) -> Measure:
    """The share of incidents that meet a test; the others named in the evidence and the
    action (`action` has one {} for their names)."""
    evidence = (f"{int(ok.sum())} of {plural(len(incidents), 'incident')} dated {dated}")
    if ok.all():
        return Measure(1, evidence + ".")
    named = listing(_incident_names(incidents[~ok]))
    return Measure(_share(int(ok.sum()), len(incidents)), f"{evidence}; not: {named}.",
                   action.format(named))


def lost_time_reported(ev: Evidence) -> Measure:
    incidents = _incidents_in_window(ev)
    lost = incidents[keys(incidents["Type"]) == "LOST TIME"]
    if lost.empty:
        return not_applicable(f"no Lost Time incident dated {ev.window_text}.")
    told = _is_yes(lost["Reported To WCB"])
    evidence = (f"{int(told.sum())} of {plural(len(lost), 'Lost Time incident')} marked "
                "Reported To WCB = Yes")
    if told.all():
        return Measure(1, evidence + ".")
    named = _incident_names(lost[~told])
    return Measure(_share(int(told.sum()), len(lost)), f"{evidence}; not: {listing(named)}.",
                   f"Report to WCB and set Reported To WCB to Yes for {listing(named)}.")


# -- 8 Communication and administration (E11, E12) --------------------------------------

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
    return Measure(_share(len(COMPANY_ESSENTIALS) - len(blank), len(COMPANY_ESSENTIALS)),
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


# -- self-assessment: what only an interview or a visit shows (S23, S03) -----------------

ANSWER_POINTS = {"YES": 2, "PARTIAL": 1}  # No or blank: 0
QUESTIONS = 3  # per element in a new master (workbook/content.py)


def self_assessment(element: int) -> Callable[[Evidence], Measure]:
    """The measure of one element's Self-Assessment questions."""

    def measure(ev: Evidence) -> Measure:
        sheet = ev.frame("Self-Assessment")
        rows = sheet[sheet["Element"].map(leading_number) == element]
        if rows.empty:
            return Measure(0, f"No Self-Assessment question for element {element}.",
                           f"Add the element-{element} questions to the Self-Assessment sheet "
                           "(a new master from secor-xl init has them) and answer each Yes, "
                           "Partial or No.")
        answers = keys(rows["Answer"])
        points = int(answers.map(lambda a: ANSWER_POINTS.get(a, 0)).sum())
        most = 2 * max(QUESTIONS, len(rows))
        tally = ", ".join(f"{n} {label}" for label, n in (
            ("Yes", int((answers == "YES").sum())), ("Partial", int((answers == "PARTIAL").sum())),
            ("No", int((answers == "NO").sum())), ("unanswered", int((answers == "").sum())))
            if n)
        evidence = (f"{rows_text('Self-Assessment', rows[ROW])}: {tally} "
                    f"({points} of {most} answer points)")
        if points >= most:
            return Measure(1, evidence + ".")
        open_rows = rows_text("Self-Assessment", rows.loc[answers != "YES", ROW])
        return Measure(points / most, evidence + ".",
                       f"Answer, or work on until the answer is Yes, the element-{element} "
                       f"questions on {open_rows}.")

    measure.__name__ = f"self_assessment_{element}"
    return measure


# -- the table --------------------------------------------------------------------------

SELF_TEXT = ("Self-assessment: the element's questions answered (Yes 2, Partial 1, No or "
             "blank 0 points each)")
SELF_EVIDENCE = "Self-Assessment: Answer of the rows whose Element starts with the number"


def _self(element: int, number: int, *sources: str) -> Criterion:
    return Criterion(f"{element}.{number}", element, SELF_TEXT, 6, SELF_EVIDENCE,
                     ("S23", "S03", *sources), self_assessment(element))


CRITERIA: tuple[Criterion, ...] = (
    # 1 Management leadership and commitment
    Criterion("1.1", 1, "Health and safety policy approved (signed and dated) in the last "
              "12 months", 4, "Program Documents: the Document containing 'policy' with the "
              "latest Approved Date", ("E01", "S23", "O04"), policy_approved),
    Criterion("1.2", 1, "Policy communicated to workers", 2,
              "Program Documents: Communicated of that policy row", ("E01", "S23", "T17"),
              policy_communicated),
    Criterion("1.3", 1, "Management took part in safety in each of the last 4 full calendar "
              "quarters", 4, "Management Activities: Date, counted per calendar quarter",
              ("E01", "S15"), management_quarters),
    Criterion("1.4", 1, "Program documents within their Review Due", 3,
              "Program Documents: Review Due on or after the as-of day, share of documents",
              ("E01", "E12", "O04"), documents_current),
    _self(1, 5, "E01"),
    # 2 Hazard assessment
    Criterion("2.1", 2, "A formal hazard assessment done or revised in the last 12 months", 4,
              "Hazard Assessments: Type Formal, Assessed Date in the window",
              ("E02", "L01", "S07"), formal_assessment_recent),
    Criterion("2.2", 2, "Formal hazard assessments within their Review Due", 4,
              "Hazard Assessments: latest Review Due of each formal Assessment ID, share of "
              "assessments", ("E02", "L01", "S13"), assessments_current),
    Criterion("2.3", 2, "Workers involved in and told about the hazard assessments", 2,
              "Hazard Assessments: Workers Informed = Yes, share of hazard lines",
              ("E02", "L01"), workers_informed),
    _self(2, 4, "E02"),
    # 3 Hazard control
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
    _self(3, 5, "E04", "E05"),
    # 4 Inspections
    Criterion("4.1", 4, "An inspection schedule lists what is inspected and how often", 2,
              "Inspection Schedule: active items", ("E06", "E05", "S17"), schedule_kept),
    Criterion("4.2", 4, "Scheduled inspections done as often as planned in the last 12 months",
              6, "Inspection Log: inspections per active item in the window against 12 months "
              "/ Frequency (capped at the expected count), mean over items",
              ("E06", "E05", "S05", "S17"), inspections_done),
    Criterion("4.3", 4, "No scheduled inspection overdue today", 2,
              "Inspection Schedule and Log: overdue active items (the Dashboard's "
              "OverdueInspections), share of active items", ("E06", "E05"), nothing_overdue),
    Criterion("4.4", 4, "Deficiencies found have a corrective action (n/a when none was found)",
              2, "Inspection Log: deficiency rows in the window whose Action ID is on "
              "Corrective Actions", ("E06", "E10"), deficiencies_actioned),
    _self(4, 5, "E06"),
    # 5 Training and competency
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
    _self(5, 4, "E07"),
    # 6 Emergency response
    Criterion("6.1", 6, "Emergency response plan written and within its Review Due", 3,
              "Program Documents: the Document containing 'emergency' with the latest Review "
              "Due", ("E08", "L02"), emergency_plan_current),
    Criterion("6.2", 6, "An emergency drill held in the last 12 months", 4,
              "Emergency Drills: Drill Date in the window", ("E08", "L02"), drill_held),
    Criterion("6.3", 6, "Every active employee took part in a drill in the last 12 months", 2,
              "Emergency Drills: Participants of drills in the window, share of active "
              "employees", ("E08", "L02"), drill_participation),
    Criterion("6.4", 6, "Fire extinguishers and first aid kits on the inspection schedule and "
              "not overdue", 2, "Inspection Schedule: active Fire Extinguisher and First Aid "
              "Kit items, none overdue (1 point each)", ("E08", "L13", "L14", "L03"),
              emergency_equipment_inspected),
    _self(6, 5, "E08"),
    # 7 Incident investigation
    Criterion("7.1", 7, "Incidents investigated to a root cause (n/a without incidents)", 4,
              "Incidents in the window: Investigation Started and Root Cause filled in",
              ("E09", "L11", "S36"), incidents_investigated),
    Criterion("7.2", 7, "Investigations started within 2 days (common practice, low "
              "confidence; n/a without incidents)", 2,
              "Incidents in the window: Investigation Started minus Date", ("E09",),
              investigations_prompt),
    Criterion("7.3", 7, "Lost-time incidents reported to WCB (n/a without one)", 2,
              "Incidents in the window of Type Lost Time: Reported To WCB = Yes",
              ("E09", "L10", "L11"), lost_time_reported),
    _self(7, 4, "E09"),
    # 8 Communication and administration
    Criterion("8.1", 8, "A safety meeting in each of the last 12 full months", 4,
              "Meetings: Type Safety Meeting, counted per calendar month",
              ("E11", "S05", "S17"), meetings_monthly),
    Criterion("8.2", 8, "Company details on file", 2,
              "Company: Company Name, Province, WCB Account Number, Number of Workers, "
              "Certifying Partner", ("E12",), company_filled),
    Criterion("8.3", 8, "Next audit date set and not passed", 2,
              "Company: Next Audit Due on or after the as-of day", ("E12", "S17"),
              next_audit_set),
    _self(8, 4, "E11", "E12"),
)
