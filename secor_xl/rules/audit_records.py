"""Findings on the interviews and walk-arounds typed back: who answered, which question,
which site.

`score` counts an interview answer toward the sample and an observation toward
a site, so a name that is on no list, a question ID the guides never had, or a
site that is not on Work Sites would count for nothing, or for the wrong
thing, without a word. Each finding names the sheet, row and column, with
"Did you mean" when a listed value is close.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pandas as pd

from ..cells import Suggestions
from ..dates import keys
from ..findings import Finding, error, warning
from ..questions_data import (
    INTERVIEW_QUESTIONS,
    OBSERVATION_QUESTIONS,
    InterviewQuestion,
    ObservationQuestion,
)
from ..reader.read import ROW, WorkbookData

INTERVIEWS, OBSERVATIONS = "Interviews", "Observations"


def audit_records(wb: WorkbookData) -> list[Finding]:
    """Every finding on Interviews and Observations (nothing on an older workbook without
    them: the reader gives empty tables)."""
    return [*_interviewees(wb), *_question_ids(wb, INTERVIEWS, INTERVIEW_QUESTIONS, "guides"),
            *_question_ids(wb, OBSERVATIONS, OBSERVATION_QUESTIONS, "checklist"), *_sites(wb)]


def _listed(frame: pd.DataFrame, column: str) -> list[str]:
    return [v.strip() for v in frame[column] if isinstance(v, str) and v.strip()]


def _unknown(frame: pd.DataFrame, column: str, known: list[str]) -> pd.DataFrame:
    """Rows whose `column` is filled in and matches none of `known` (any case, trimmed)."""
    values = keys(frame[column])
    return frame[(values != "") & ~values.isin(set(keys(pd.Series(known, dtype=object))))]


def _interviewees(wb: WorkbookData) -> Iterator[Finding]:
    """An answer counts toward the sample only from someone on the roster or the register:
    the auditor interviews the company's workers and the contractors on its sites."""
    frame = wb.frame(INTERVIEWS)
    people = (_listed(wb.frame("Employees"), "Name")
              + _listed(wb.frame("Contractors and Visitors"), "Name"))
    bad = _unknown(frame, "Interviewee", people)
    near = Suggestions(people)
    for row, name in zip(bad[ROW], bad["Interviewee"], strict=True):
        yield error(INTERVIEWS, row, "Interviewee", "invalid.employee",
                    f"{INTERVIEWS} row {row}, Interviewee: {name.strip()!r} is on neither "
                    "Employees nor Contractors and Visitors, so the answer counts for no one; "
                    f"fix the spelling or add the person there.{near.did_you_mean(name)}")


def _question_ids(wb: WorkbookData, sheet: str,
                  questions: Sequence[InterviewQuestion | ObservationQuestion],
                  printed: str) -> Iterator[Finding]:
    """A Question ID the guides or checklist do not have scores nothing."""
    frame = wb.frame(sheet)
    ids = [q.id for q in questions]
    bad = _unknown(frame, "Question ID", ids)
    near = Suggestions(ids)
    for row, value in zip(bad[ROW], bad["Question ID"], strict=True):
        yield error(sheet, row, "Question ID", "invalid.reference",
                    f"{sheet} row {row}, Question ID: {value.strip()!r} is not a question of "
                    f"the {printed} ({ids[0]} to {ids[-1]}), so it scores nothing; use the ID "
                    f"printed beside the question.{near.did_you_mean(value)}")


def _sites(wb: WorkbookData) -> Iterator[Finding]:
    """An observation counts for the site it names; a site not on Work Sites is walked for
    nothing (with no site listed at all, the workplace is the one site: nothing to say)."""
    sites = _listed(wb.frame("Work Sites"), "Site")
    if not sites:
        return
    frame = wb.frame(OBSERVATIONS)
    bad = _unknown(frame, "Site", sites)
    near = Suggestions(sites)
    for row, name in zip(bad[ROW], bad["Site"], strict=True):
        yield warning(OBSERVATIONS, row, "Site", "invalid.reference",
                      f"{OBSERVATIONS} row {row}, Site: {name.strip()!r} is not on Work Sites, "
                      "so the walk-around counts for no site; use a site's exact name, or add "
                      f"the site there.{near.did_you_mean(name)}")
