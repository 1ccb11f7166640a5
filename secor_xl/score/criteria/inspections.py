"""Element 4, Inspections (E06, E05): its criteria and their measures."""

from __future__ import annotations

from ...dates import interval, keys
from ...reader.read import ROW
from ..evidence import (
    Evidence,
    key,
    listing,
    plural,
    rows_text,
    text,
)
from .base import (
    Criterion,
    Measure,
    item_late,
    not_applicable,
    self_criterion,
    share_of,
)


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
    named = [item_late(item) for _, item in late.iterrows()]
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
    return Measure(share_of(int(linked.sum()), len(found)), f"{evidence}; not: {where}.",
                   f"Raise a corrective action for each deficiency on {where} and put its "
                   "Action ID on the log row.")


CRITERIA: tuple[Criterion, ...] = (
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
    self_criterion(4, 5, "E06"),
)
