"""What every criterion module shares: the Measure and Criterion records, common lookups,
and the Self-Assessment measure each element ends with.

A criterion is worth `points`; its function looks at the workbook on the
as-of day and returns a `Measure`: the share of the points earned (0 to 1),
the evidence that explains the number (with the rows it read), and the action
that would earn the rest (rows to add or fix). A measure can also say the
criterion does not apply (no incidents in the window, say); its points then
leave the possible total, as the AFPA tool's n/a answers do (S23).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ...certification.law_data import law
from ...dates import keys
from ...reader.read import ROW
from ...rules.program import real_evidence
from ..evidence import (
    Evidence,
    iso,
    leading_number,
    listing,
    rows_text,
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
        gathered: False for an interview or observation question nobody has
            answered or looked at yet ("Not gathered yet").
    """

    share: float
    evidence: str
    action: str | None = None
    applicable: bool = True
    gathered: bool = True


def not_applicable(why: str) -> Measure:
    """An n/a measure: `why` explains it (e.g. no incidents in the window)."""
    return Measure(0.0, f"Not applicable: {why}", None, applicable=False)


@dataclass(frozen=True)
class Criterion:
    """One scored criterion.

    Args:
        id: "element.number", e.g. "4.2".
        element: 1 to 10 (`schema.ELEMENTS`).
        text: what is asked, in the owner's words.
        points: what it is worth when fully met.
        evidence: the records it reads (for `docs/scoring.md`).
        sources: ids in `secor_reference.yaml` the criterion rests on.
        measure: the function that scores it.
        self_declared: True for the Self-Assessment criteria (answers the owner gives).
        methods: how an auditor verifies it (`results.METHODS`): records are "documentation",
            the questions of `questions_data` "interview" or "observation"; none for
            the Self-Assessment, which earns nothing on its own.
        confidence: how sure the sources make us of the criterion: "high", "medium"
            or "low" (good practice no source asks for).
    """

    id: str
    element: int
    text: str
    points: float
    evidence: str
    sources: tuple[str, ...]
    measure: Callable[[Evidence], Measure]
    self_declared: bool = False
    methods: tuple[str, ...] = ("documentation",)
    confidence: str = "high"


def share_of(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def share_met(ok: pd.Series, evidence: str, named: list[str], action: str) -> Measure:
    """The share of rows that meet a test: full points when all do, else the rows that do
    not, `named`, in the evidence and in `action` (its one {} takes their listing)."""
    if ok.all():
        return Measure(1, evidence + ".")
    names = listing(named)
    return Measure(share_of(int(ok.sum()), len(ok)), f"{evidence}; not: {names}.",
                   action.format(names))


def rows_met(ok: pd.Series, rows: pd.DataFrame, sheet: str, evidence: str,
             action: str) -> Measure:
    """`share_met` for records named by their rows: the `rows` of `sheet` where `ok` is
    False are listed in the evidence and in `action` (its one {} takes them)."""
    if ok.all():
        return Measure(1, evidence + ".")
    where = rows_text(sheet, rows.loc[~ok, ROW])
    return Measure(share_of(int(ok.sum()), len(ok)), f"{evidence}; not: {where}.",
                   action.format(where))


# -- shared lookups --------------------------------------------------------------

def documents_named(ev: Evidence, word: str) -> pd.DataFrame:
    """Program Documents rows whose Document contains `word` (any case)."""
    docs = ev.frame("Program Documents")
    return docs[keys(docs["Document"]).str.contains(word.upper(), regex=False)]


def latest_row(frame: pd.DataFrame, column: str, ev: Evidence) -> pd.Series | None:
    """The row with the latest `column` on or before the as-of day (else the latest)."""
    if frame.empty:
        return None
    known = frame[frame[column].notna() & (frame[column] <= ev.day)]
    pool = known if len(known) else frame
    return pool.sort_values([column, ROW], na_position="first").iloc[-1]


def cite(ev: Evidence, topic: str) -> str:
    """" (OHS Code Part 2, ss.7-9)": the workbook's province's citation for `topic`, or ""
    where none is confirmed (never another province's)."""
    return law(ev.wb.company.get("Province")).parenthetical(topic)


def plan_within_review(ev: Evidence, plans: pd.DataFrame, missing: Measure,
                       with_whom: str) -> Measure:
    """A written plan (Program Documents rows): the one with the latest Review Due earns the
    points while that date has not passed; `missing` when there is none."""
    if plans.empty:
        return missing
    plan = plans.sort_values(["Review Due", ROW], na_position="first").iloc[-1]
    name, due = text(plan["Document"]), plan["Review Due"]
    where = f"Program Documents row {int(plan[ROW])}"
    if pd.notna(due) and due >= ev.day:
        return Measure(1, f"{name} ({where}) is within its Review Due, {iso(due)}.")
    return Measure(0, f"{name} ({where}) was due for review {iso(due)}.",
                   f"Review the {name} with {with_whom} ({where}), re-approve it and set the "
                   "next Review Due.")


def latest_policy(ev: Evidence) -> pd.Series | None:
    return latest_row(documents_named(ev, "policy"), "Approved Date", ev)


def hazard_lines(ev: Evidence) -> pd.DataFrame:
    hazards = ev.frame("Hazard Assessments")
    filled = (keys(hazards["Assessment ID"]) != "") | (keys(hazards["Hazard"]) != "")
    return hazards[filled]


def formal_lines(ev: Evidence) -> pd.DataFrame:
    """Formal assessment lines: site-specific (field-level) ones cannot earn these (S07)."""
    lines = hazard_lines(ev)
    return lines[keys(lines["Type"]) != "SITE-SPECIFIC"]


def incidents_in_window(ev: Evidence) -> pd.DataFrame:
    incidents = ev.frame("Incidents")
    return incidents[ev.window(incidents["Date"])]


def no_incidents(ev: Evidence) -> Measure:
    return not_applicable(f"no incidents dated {ev.window_text}.")


def is_yes(values: pd.Series) -> pd.Series:
    return keys(values) == "YES"


def item_late(item: pd.Series) -> str:
    where = f"{text(item['Item'])} (Inspection Schedule row {int(item[ROW])})"
    if item["never"]:
        return f"{where}, never inspected"
    return f"{where}, last inspected {iso(item['last'])}, due {iso(item['due'])}"


NO_PEOPLE = "List everyone on the WCB account on Employees (Name, Position, Status)."


# -- self-assessment: the owner's own review, worth nothing on its own (R21-03) -----------

QUESTIONS = 3  # per element in a new master (builder/content.py)
SELF_POINTS = 0
"""A Self-Assessment answer earns no points: a Yes counts only as far as a record, an
interview or an observation backs it, and those are scored as themselves (R21-03)."""


def self_assessment(element: int) -> Callable[[Evidence], Measure]:
    """The owner's answers to one element's Self-Assessment questions, listed for their own
    review: how many Yes, Partial and No, and which lack real evidence."""

    def measure(ev: Evidence) -> Measure:
        sheet = ev.frame("Self-Assessment")
        rows = sheet[sheet["Element"].map(element_number) == element]
        if rows.empty:
            return Measure(0, f"No Self-Assessment question for element {element} (the "
                              "answers earn no points; they are for your own review).")
        answers = keys(rows["Answer"])
        unbacked = rows[answers.isin(["YES", "PARTIAL"]) & ~real_evidence(rows["Evidence"])]
        tally = ", ".join(f"{n} {label}" for label, n in (
            ("Yes", int((answers == "YES").sum())), ("Partial", int((answers == "PARTIAL").sum())),
            ("No", int((answers == "NO").sum())), ("unanswered", int((answers == "").sum())))
            if n)
        evidence = f"{rows_text('Self-Assessment', rows[ROW])}: {tally}"
        if len(unbacked):
            evidence += (f"; {len(unbacked)} without real evidence "
                         f"({rows_text('Self-Assessment', unbacked[ROW])})")
        return Measure(0, evidence + ". Your own answers earn no points: the records, the "
                       "interviews and the observations score the same questions.")

    measure.__name__ = f"self_assessment_{element}"
    return measure


def element_number(label: object) -> int | None:
    """The element a Self-Assessment label names: its leading number ("9 Health and...")."""
    return leading_number(label)


SELF_TEXT = ("Self-assessment: the element's questions answered by the owner, for their own "
             "review (no points: the records, interviews and observations score them)")
SELF_EVIDENCE = ("Self-Assessment: Answer and Evidence of the rows whose Element starts with "
                 "the number")


def self_criterion(element: int, number: int, *sources: str) -> Criterion:
    return Criterion(f"{element}.{number}", element, SELF_TEXT, SELF_POINTS, SELF_EVIDENCE,
                     ("S23", "S03", "R21-03", *sources), self_assessment(element),
                     self_declared=True, methods=())
