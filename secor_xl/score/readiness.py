"""Score a workbook's audit readiness on a day: every criterion, by element, pass or not."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..certification.summary import road_to_secor
from ..dates import keys
from ..questions_data import sample_size
from ..reader.read import WorkbookData
from ..schema import ELEMENTS, PROVINCES
from .criteria import CRITERIA, Criterion
from .evidence import Evidence
from .gaps import gap_list
from .province import pass_rule, province_code
from .results import CriterionResult, ElementResult, ScoreResult
from .verdict import Gathering


def score_workbook(wb: WorkbookData, as_of: dt.date,
                   criteria: tuple[Criterion, ...] = CRITERIA) -> ScoreResult:
    """Readiness of `wb` as of `as_of`.

    Args:
        wb: the workbook as read by `read_workbook`.
        as_of: the day to judge on; evidence counts from the 12 months up to it.
        criteria: the criteria to score (the built-in table by default).

    Returns:
        A `ScoreResult`; `.to_dict()` is the `score --format json` document.
    """
    ev = Evidence(wb, as_of)
    results = [_run(c, ev) for c in criteria]
    elements = tuple(
        ElementResult(n, name, tuple(r for r in results if r.element == n))
        for n, name in ELEMENTS.items())
    province = province_code(wb.company.get("Province"))
    rule = pass_rule(province)
    road = road_to_secor(wb, as_of)
    old_schema = [f.message for f in wb.findings if f.code == "invalid.schema_version"]
    borrowed = None if province == "AB" else (
        f"The 10 elements and their criteria are those of Alberta's 2019 standard; "
        f"{PROVINCES.get(province, province or 'your province')}'s certifying partners use "
        "their own tools (their element lists were not found), so read the scores as an "
        "estimate and ask your partner for its current tool.")
    notes = tuple(n for n in (rule.note, borrowed, road["eligibility"]["warning"],
                              *old_schema) if n)
    return ScoreResult(as_of=as_of.isoformat(), province=province, rule=rule,
                       elements=elements, gaps=tuple(gap_list(results)), notes=notes,
                       road=road, gathering=gathering(ev, results))


def gathering(ev: Evidence, results: list[CriterionResult]) -> Gathering:
    """How far the interviews and walk-arounds have got: people interviewed against the
    sample (R21-05), active sites observed, and the questions still open."""
    people = set(ev.interview_answers["who"]) - {""}
    seen = set(ev.observed["site"])
    sites = set(keys(ev.active_sites["Site"]))
    open_questions = Counter(c.methods for c in results if c.applicable and not c.gathered)
    return Gathering(
        interviews_planned=max(1, sample_size(len(ev.active_employees))),
        interviews_done=len(people),
        sites=max(1, len(sites)),
        sites_done=len(sites & seen) if sites else int(not ev.observed.empty),
        interview_open=open_questions[("interview",)],
        observation_open=open_questions[("observation",)],
        documentation=any(c.earned > 0 for c in results if "documentation" in c.methods))


def _run(criterion: Criterion, ev: Evidence) -> CriterionResult:
    found = criterion.measure(ev)
    if not found.applicable:
        return CriterionResult(criterion.id, criterion.element, criterion.text, 0.0, 0.0,
                               found.evidence, None, applicable=False,
                               self_declared=criterion.self_declared, methods=criterion.methods,
                               gathered=found.gathered)
    share = min(1.0, max(0.0, found.share))
    return CriterionResult(criterion.id, criterion.element, criterion.text,
                           criterion.points * share, criterion.points, found.evidence,
                           found.action if share < 1 else None,
                           self_declared=criterion.self_declared, methods=criterion.methods,
                           gathered=found.gathered)
