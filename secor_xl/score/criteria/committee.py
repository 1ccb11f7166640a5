"""Element 9, Health and safety committee or representative (2019 standard; R13-01, R13-04).

Scored only where the province's law asks for a representative or a committee
at the workers counted (`certification.committee`); under that floor every
criterion of the element is n/a, its self-assessment questions included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from ...cells import match_key, split_names
from ...certification.committee import NO_RULE, CommitteeRule, serving, workplace_rule
from ...dates import keys
from ...reader.read import ROW
from ..evidence import Evidence, listing, plural, text
from .base import (
    Criterion,
    Measure,
    not_applicable,
    self_assessment,
    self_criterion,
    share_of,
)

SHEET = "HS Representatives"


def _rule(ev: Evidence) -> tuple[CommitteeRule | None, int]:
    return workplace_rule(ev.wb.company), ev.eligibility.count


def serving_now(ev: Evidence) -> pd.DataFrame:
    """Rows of people serving on the as-of day (`certification.committee.serving`)."""
    return serving(ev.frame(SHEET), ev.day)


def required(measure: Callable[[Evidence], Measure]) -> Callable[[Evidence], Measure]:
    """Wraps a measure: n/a when the law asks for neither a representative nor a committee."""

    def wrapped(ev: Evidence) -> Measure:
        rule, workers = _rule(ev)
        if rule is None:
            return not_applicable(NO_RULE[:1].upper() + NO_RULE[1:] + ".")
        if rule.needs(workers) is None:
            return not_applicable(rule.explain(workers))
        return measure(ev)

    wrapped.__name__ = measure.__name__
    return wrapped


def _names(frame: pd.DataFrame) -> str:
    return listing([f"{text(n)} ({SHEET} row {int(r)})"
                    for n, r in zip(frame["Name"], frame[ROW], strict=True)])


@required
def designated(ev: Evidence) -> Measure:
    """Someone serving today, for the share of the 12 months someone served: the law asked
    for a representative all year, and the auditor looks at the year."""
    rule, workers = _rule(ev)
    assert rule is not None  # `required` returned n/a otherwise
    need = rule.needs(workers)
    people = serving_now(ev)
    why = rule.explain(workers)
    if people.empty:
        return Measure(0, f"Nobody on {SHEET} is serving on {ev.as_of}. {why}",
                       f"Designate a health and safety {need} and record them on {SHEET} "
                       "(Name, Role, Designated Date).")
    covered = _days_covered(ev)
    days = (ev.day - pd.Timestamp(ev.start)).days
    served = f"someone served {covered} of the {days} days from {ev.window_text}"
    share = min(1.0, covered / days) if days else 1.0
    if need == "committee" and len(people) < 2:
        return Measure(0.5 * share, f"One person serving ({_names(people)}); a joint committee "
                                    f"has members from the employer and the workers; {served}. "
                                    f"{why}",
                       f"Record the joint committee's members on {SHEET}.")
    evidence = (f"{plural(len(people), 'person', 'people')} serving: {_names(people)}; "
                f"{served}. {why}")
    if share >= 1:
        return Measure(1, evidence)
    return Measure(share, evidence, "Keep the representative designated: the points come back "
                                    "as the months with one on record fill the 12 months.")


def _days_covered(ev: Evidence) -> int:
    """Days of the 12-month window on which at least one designation was in force."""
    start, end = pd.Timestamp(ev.start), ev.day
    days = pd.Series(False, index=pd.date_range(start + pd.Timedelta(days=1), end))
    for _name, first, last in terms(ev):
        days[(days.index >= first) & (days.index <= last)] = True
    return int(days.sum())


@required
def trained(ev: Evidence) -> Measure:
    people = serving_now(ev)
    if people.empty:
        return Measure(0, f"Nobody serving on {SHEET}, so nobody trained.",
                       f"Designate a representative on {SHEET} and have them take the "
                       "representative training; record Training Completed.")
    done = people["Training Completed"].notna() & (people["Training Completed"] <= ev.day)
    evidence = f"{int(done.sum())} of {plural(len(people), 'person', 'people')} serving trained"
    if done.all():
        return Measure(1, evidence + ".")
    return Measure(share_of(int(done.sum()), len(people)),
                   f"{evidence}; not: {_names(people[~done])}.",
                   f"Have {_names(people[~done])} take the representative or committee "
                   "training and record Training Completed.")


def terms(ev: Evidence) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    """(name key, first day, last day) of every designation on record: what a representative
    did counts only while they served."""
    reps = ev.frame(SHEET)
    reps = reps[(keys(reps["Name"]) != "") & reps["Designated Date"].notna()]
    end = pd.Timestamp.max.normalize()
    return [(name, start, stop if pd.notna(stop) else end)
            for name, start, stop in zip(keys(reps["Name"]), reps["Designated Date"],
                                         reps["Term Ends"], strict=True)]


def _serving_on(ev: Evidence, names: pd.Series, days: pd.Series) -> pd.Series:
    """True where the row's person (`names`, keys) served on the row's day."""
    served = pd.Series(False, index=days.index)
    for name, start, stop in terms(ev):
        served |= (names == name) & (days >= start) & (days <= stop)
    return served


def _anyone_serving(ev: Evidence, days: pd.Series) -> pd.Series:
    served = pd.Series(False, index=days.index)
    for _name, start, stop in terms(ev):
        served |= (days >= start) & (days <= stop)
    return served


@required
def meets_quarterly(ev: Evidence) -> Measure:
    """Quarters of the last 4 with a meeting of Type HS Rep Meeting or one a representative
    attended, while a representative served (quarterly: the 2017 Act's rule and Manitoba's;
    medium confidence, R13-16)."""
    if not terms(ev):
        return Measure(0, f"Nobody on {SHEET}, so no meeting with a representative.",
                       f"Designate a representative on {SHEET} and meet them every quarter "
                       "(Meetings, Type HS Rep Meeting).")
    meetings = ev.frame("Meetings")
    meetings = meetings[meetings["Date"].notna()]
    rep_type = keys(meetings["Type"]) == "HS REP MEETING"
    attendees = meetings["Attendees"].map(
        lambda a: {match_key(p) for p in split_names(a)})
    attended = pd.Series(False, index=meetings.index)
    for name, start, stop in terms(ev):
        attended |= (attendees.map(lambda people, n=name: n in people).astype(bool)
                     & (meetings["Date"] >= start) & (meetings["Date"] <= stop))
    held_rows = meetings[(rep_type & _anyone_serving(ev, meetings["Date"])) | attended]
    quarters = ev.full_quarters()
    held = {q for q in quarters
            if any(q <= d.date() < _next_quarter(q) for d in held_rows["Date"])}
    evidence = (f"Meetings of or with a serving representative in {len(held)} of the 4 full "
                "calendar quarters before the as-of quarter")
    if len(held) == len(quarters):
        return Measure(1, evidence + ".")
    return Measure(len(held) / len(quarters), evidence + ".",
                   "Meet with the representative or committee at least every quarter and "
                   "record it on Meetings (Type HS Rep Meeting, with attendees).")


def _next_quarter(first: dt.date) -> dt.date:
    day: dt.date = (pd.Timestamp(first) + pd.DateOffset(months=3)).date()
    return day


@required
def takes_part(ev: Evidence) -> Measure:
    if not terms(ev):
        return Measure(0, f"Nobody on {SHEET}.",
                       "Designate a representative and have them join inspections and "
                       "incident investigations.")
    log = ev.frame("Inspection Log")
    incidents = ev.frame("Incidents")
    log = log[ev.window(log["Date"])]
    incidents = incidents[ev.window(incidents["Date"])]
    inspections = log[_serving_on(ev, keys(log["Inspector"]), log["Date"])]
    investigations = incidents[_serving_on(ev, keys(incidents["Investigated By"]),
                                           incidents["Date"])]
    evidence = (f"In the 12 months the representatives, while serving, did "
                f"{plural(len(inspections), 'inspection')} and "
                f"{plural(len(investigations), 'investigation')}")
    share = (0.5 if len(inspections) else 0) + (0.5 if len(investigations) else 0)
    if share == 1:
        return Measure(1, evidence + ".")
    if len(inspections) and incidents.empty:
        return Measure(1, evidence + " (no incident to investigate).")
    return Measure(share, evidence + ".",
                   "Have the representative take part in workplace inspections (Inspector on "
                   "the Inspection Log) and incident investigations (Investigated By).")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("9.1", 9, "A health and safety representative or joint committee serving where "
              "the law asks for one (n/a under the province's floor)", 4,
              f"{SHEET}: Name, Designated Date on or before the as-of day, Term Ends blank or "
              "later; Company and Employees: workers counted", ("R13-08", "R13-09", "L07",
                                                                 "L08"), designated),
    Criterion("9.2", 9, "Representatives and committee members trained", 3,
              f"{SHEET}: Training Completed of those serving", ("R13-21",), trained),
    Criterion("9.3", 9, "Meetings of or with the representative every quarter (medium "
              "confidence: Manitoba's rule, and Alberta's before 2021)", 2,
              "Meetings: Type HS Rep Meeting or a representative among the Attendees, per "
              "calendar quarter", ("L09", "R13-16"), meets_quarterly,
              confidence="medium"),
    Criterion("9.4", 9, "Representatives take part in inspections and investigations", 2,
              "Inspection Log: Inspector; Incidents: Investigated By; in the window",
              ("R13-16", "R13-19"), takes_part),
    replace(self_criterion(9, 5), measure=required(self_assessment(9))),
)
