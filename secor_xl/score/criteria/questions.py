"""The interview and observation questions of `questions_data` as criteria, measured the same
way for every question.

An interview question takes the Positive and Negative answers to its Question ID
on Interviews, dated in the window, and turns the positive share into points by
its rule (R21-03, R21-06). An observation question looks at every active Work
Site: a site's latest row for the question in the window says positive or not,
and a site nobody looked at counts as not positive, since the auditor walks
every site (R21-02). With no answer or no row at all a question is "Not gathered
yet": 0 points, and the action names the command that prints the guides.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ...dates import keys
from ...questions_data import (
    INTERVIEW_QUESTIONS,
    OBSERVATION_QUESTIONS,
    InterviewQuestion,
    ObservationQuestion,
)
from ...reader.read import ROW
from ..evidence import Evidence, listing, plural, rows_text, sentence, text
from .base import Criterion, Measure
from .committee import required

INTERVIEWS_TODO = ("secor-xl interviews WB --out DIR prints the guides; type the answers on "
                   "Interviews")
OBSERVE_TODO = ("secor-xl observe WB --out DIR prints the checklist of each site; type what you "
                "see on Observations")
WORKPLACE = "the workplace"
"""The one site observed when Work Sites lists no active site (a shop or an office)."""


def interview_measure(q: InterviewQuestion) -> Callable[[Evidence], Measure]:
    """The share of positive answers to `q`, by its rule."""

    def measure(ev: Evidence) -> Measure:
        answers = ev.interview_answers
        rows = answers[answers["question"] == q.id.upper()]
        if rows.empty:
            return Measure(0, f"Not gathered yet: no interview answers to {q.id} dated "
                              f"{ev.window_text}.", f"{INTERVIEWS_TODO} ({q.id}: {q.ask})",
                           gathered=False)
        positive, asked = int(rows["positive"].sum()), len(rows)
        share = q.rule.share(positive, asked)
        evidence = (f"{positive} positive of {plural(asked, 'answer')} to {q.id} "
                    f"({100 * positive / asked:.0f} %, {rows_text('Interviews', rows[ROW])}); "
                    f"rule: {q.rule.text()}.")
        if share >= 1:
            return Measure(1, evidence)
        negative = rows[~rows["positive"]]
        return Measure(share, evidence,
                       f"Go over it again with the people who answered Negative "
                       f"({rows_text('Interviews', negative[ROW])}): {q.positive} Then ask "
                       "them again and record the answers.")

    measure.__name__ = f"interview_{q.id}"
    return measure


def site_names(ev: Evidence) -> dict[str, str]:
    """Active sites, key -> name; `WORKPLACE` alone when Work Sites lists none."""
    sites = ev.active_sites
    names = {str(k): text(n) for k, n in zip(keys(sites["Site"]), sites["Site"], strict=True)}
    return names or {"": WORKPLACE}


def latest_by_site(names: dict[str, str], rows: pd.DataFrame) -> pd.DataFrame:
    """The latest row of each site of `names` (any row, for `WORKPLACE`), by site key."""
    rows = rows.assign(site="") if "" in names else rows[rows["site"].isin(list(names))]
    ordered = rows.sort_values(["Date", ROW], na_position="first")
    return ordered.groupby("site").tail(1).set_index("site")


def observation_measure(q: ObservationQuestion) -> Callable[[Evidence], Measure]:
    """The share of active sites where `q` was seen positive, by its rule."""

    def measure(ev: Evidence) -> Measure:
        names = site_names(ev)
        seen = ev.observed
        latest = latest_by_site(names, seen[seen["question"] == q.id.upper()])
        if latest.empty:
            return Measure(0, f"Not gathered yet: no observation of {q.id} at "
                              f"{listing(list(names.values()))} dated {ev.window_text}.",
                           f"{OBSERVE_TODO} ({q.id}: {q.look_for})", gathered=False)
        good = [k for k in names if k in latest.index and bool(latest.loc[k, "positive"])]
        bad = [k for k in names if k in latest.index and k not in good]
        unseen = [k for k in names if k not in latest.index]
        share = q.rule.share(len(good), len(names))
        evidence = (f"{q.id} positive at {len(good)} of {plural(len(names), 'active site')} "
                    f"({rows_text('Observations', latest[ROW])})")
        if bad:
            evidence += f"; negative at {listing([names[k] for k in bad])}"
        if unseen:
            evidence += f"; not observed at {listing([names[k] for k in unseen])}"
        evidence += f"; rule: {q.rule.text()}."
        if share >= 1:
            return Measure(1, evidence)
        todo = []
        if bad:
            todo.append(f"put right what was seen at {listing([names[k] for k in bad])} "
                        f"({q.positive.rstrip('.').lower()}) and look again")
        if unseen:
            todo.append(f"walk {listing([names[k] for k in unseen])} with the checklist "
                        "(secor-xl observe WB --out DIR) and record it on Observations")
        return Measure(share, evidence, sentence("; ".join(todo)) + ".")

    measure.__name__ = f"observation_{q.id}"
    return measure


def _interview(q: InterviewQuestion) -> Criterion:
    measure = interview_measure(q)
    return Criterion(q.id, q.element, f"Interview ({', '.join(q.roles).lower()}): {q.ask}",
                     q.points, f"Interviews: Positive of the Positive and Negative answers to "
                     f"{q.id} in the window ({q.rule.kind})", q.sources,
                     required(measure) if q.element == 9 else measure,
                     methods=("interview",), confidence=q.confidence)


def _observation(q: ObservationQuestion) -> Criterion:
    measure = observation_measure(q)
    return Criterion(q.id, q.element, f"Observation: {q.look_for}", q.points,
                     f"Observations: the latest row for {q.id} of each active Work Site in the "
                     f"window, positive sites of active sites ({q.rule.kind})", q.sources,
                     required(measure) if q.element == 9 else measure,
                     methods=("observation",), confidence=q.confidence)


def question_criteria(element: int) -> tuple[Criterion, ...]:
    """The element's interview questions, then its observation questions."""
    return (*(_interview(q) for q in INTERVIEW_QUESTIONS if q.element == element),
            *(_observation(q) for q in OBSERVATION_QUESTIONS if q.element == element))
