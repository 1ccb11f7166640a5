"""Element 1, Management leadership and commitment (E01): its criteria and their measures."""

from __future__ import annotations

import pandas as pd

from ...dates import keys, quarter_name, quarter_start
from ...reader.read import ROW
from ..evidence import (
    Evidence,
    iso,
    key,
    listing,
    text,
)
from .base import (
    Criterion,
    Measure,
    documents_named,
    latest_policy,
    plan_within_review,
    self_criterion,
    share_of,
)


def policy_approved(ev: Evidence) -> Measure:
    policy = latest_policy(ev)
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
    policy = latest_policy(ev)
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
    return Measure(share_of(int(current.sum()), len(docs)),
                   f"{evidence}; past review: {listing(names)}.",
                   f"Review, re-approve and set the next Review Due of {listing(names)}.")


def responsibilities_written(ev: Evidence) -> Measure:
    """Written responsibilities for managers, supervisors, workers (and subcontractors): the
    auditor asks for the document, and asks each level whether they know theirs (I1.2)."""
    missing = Measure(0, "No Program Documents row names the health and safety "
                         "responsibilities.",
                      "Write down the health and safety responsibilities of the owner and "
                      "managers, supervisors, workers and subcontractors, and add it to Program "
                      "Documents (a Document whose name contains 'responsibilities', with "
                      "Approved Date and Review Due).")
    return plan_within_review(ev, documents_named(ev, "responsibilit"), missing,
                              "each level (managers, supervisors, workers)")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("1.1", 1, "Health and safety policy approved (signed and dated) in the last "
              "12 months", 4, "Program Documents: the Document containing 'policy' with the "
              "latest Approved Date", ("E01", "S23", "O04"), policy_approved),
    Criterion("1.2", 1, "Policy communicated to workers", 2,
              "Program Documents: Communicated of that policy row", ("E01", "S23", "T17"),
              policy_communicated),
    Criterion("1.3", 1, "Management took part in safety in each of the last 4 full calendar "
              "quarters (good practice: no source sets the cadence)", 2,
              "Management Activities: Date, counted per calendar quarter",
              ("E01", "S15"), management_quarters, confidence="low"),
    Criterion("1.4", 1, "Program documents within their Review Due", 3,
              "Program Documents: Review Due on or after the as-of day, share of documents",
              ("E01", "E12", "O04"), documents_current),
    Criterion("1.5", 1, "Health and safety responsibilities written for each level "
              "(managers, supervisors, workers), within their Review Due", 3,
              "Program Documents: the Document containing 'responsibilit' with the latest "
              "Review Due", ("E01", "S03", "S23", "R21-03"), responsibilities_written),
    self_criterion(1, 6, "E01"),
)
