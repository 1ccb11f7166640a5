"""What the criteria read: one workbook on one as-of day, and how they name rows.

`Evidence` wraps the typed tables of a `WorkbookData` with the as-of day and
the 12-month window, and computes the shared status tables of
`rules/status.py` once for all criteria. The text helpers keep every evidence
and action string in the same words ("Inspection Schedule row 5", ISO dates).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import cached_property

import pandas as pd

from ..cells import match_key
from ..certification.eligibility import Eligibility, eligibility
from ..dates import (
    full_months,
    full_quarters,
    in_window,
    keys,
    twelve_months_before,
)
from ..questions_data import QUESTIONS_BY_ID
from ..reader.read import WorkbookData
from ..rules.status import inspection_status, overdue_actions, training_status

LIST_LIMIT = 5  # rows or names spelled out in one evidence or action string


class Evidence:
    """One workbook as of one day: its tables, the window, and the status tables.

    Args:
        wb: the workbook as read by `read_workbook`.
        as_of: the day everything is judged on; the window is the 12 months
            up to and including it (`dates.in_window`).
    """

    def __init__(self, wb: WorkbookData, as_of: dt.date) -> None:
        self.wb = wb
        self.as_of = as_of
        self.day = pd.Timestamp(as_of)
        self.start = twelve_months_before(as_of)

    def frame(self, sheet: str) -> pd.DataFrame:
        return self.wb.frame(sheet)

    def window(self, days: pd.Series) -> pd.Series:
        """True where a date lies in the 12 months up to the as-of day."""
        return in_window(days, self.as_of)

    def within(self, day: object) -> bool:
        """`window` for one date cell (NaT is outside)."""
        return bool(self.window(pd.Series([day], dtype="datetime64[ns]")).iloc[0])

    @property
    def window_text(self) -> str:
        """The window's first and last day, both included: '2025-11-27 to 2026-11-26'."""
        first = self.start + dt.timedelta(days=1)
        return f"{first.isoformat()} to {self.as_of.isoformat()}"

    @cached_property
    def inspections(self) -> pd.DataFrame:
        """`inspection_status`: one row per active scheduled item."""
        return inspection_status(self.wb, self.as_of)

    @cached_property
    def training(self) -> pd.DataFrame:
        """`training_status`: one row per (active employee, required course) pair."""
        return training_status(self.wb, self.as_of)

    @cached_property
    def overdue_actions(self) -> pd.DataFrame:
        """`overdue_actions`: not Closed and due before the as-of day."""
        return overdue_actions(self.wb, self.as_of)

    @cached_property
    def eligibility(self) -> Eligibility:
        """The workers counted against the province's limit (`eligibility`), computed once:
        element 9's criteria each ask for it."""
        return eligibility(self.wb, self.as_of)

    @cached_property
    def active_employees(self) -> pd.DataFrame:
        """Employees with a name whose Status is not Inactive (as `training_status`)."""
        people = self.frame("Employees")
        active = (keys(people["Status"]) != "INACTIVE") & (keys(people["Name"]) != "")
        return people[active].reset_index(drop=True)

    @cached_property
    def interview_answers(self) -> pd.DataFrame:
        """Interviews rows dated in the window with an answer of Positive or Negative (Not
        Asked is no answer); each row gains `question` (the Question ID's key), `who` (the
        Interviewee's key) and `positive`. Read once for all the questions."""
        rows = self.frame("Interviews")
        answer, who = keys(rows["Answer"]), keys(rows["Interviewee"])
        question = keys(rows["Question ID"])
        # an answer by someone on neither list, or to a question no guide asks, counts for
        # nothing (check names it: invalid.employee, invalid.reference)
        known = set(keys(self.frame("Employees")["Name"])) | set(
            keys(self.frame("Contractors and Visitors")["Name"]))
        rows = rows[self.window(rows["Date"]) & answer.isin(["POSITIVE", "NEGATIVE"])
                    & who.isin(known - {""}) & question.isin([q.upper() for q in
                                                              QUESTIONS_BY_ID])]
        return rows.assign(question=keys(rows["Question ID"]), who=keys(rows["Interviewee"]),
                           positive=keys(rows["Answer"]) == "POSITIVE")

    @cached_property
    def active_sites(self) -> pd.DataFrame:
        """Work Sites rows with a Site whose Active is not No (blank counts as Yes)."""
        sites = self.frame("Work Sites")
        return sites[(keys(sites["Site"]) != "") & (keys(sites["Active"]) != "NO")]

    @cached_property
    def observed(self) -> pd.DataFrame:
        """Observations rows dated in the window; each row gains `question` (the Question
        ID's key), `site` (the Site's key) and `positive`."""
        rows = self.frame("Observations")
        known = [q.upper() for q in QUESTIONS_BY_ID]
        rows = rows[self.window(rows["Date"]) & keys(rows["Question ID"]).isin(known)]
        return rows.assign(question=keys(rows["Question ID"]), site=keys(rows["Site"]),
                           positive=keys(rows["Result"]) == "POSITIVE")

    def full_months(self) -> list[dt.date]:
        """The 12 full calendar months before the as-of month (as `check` counts them)."""
        return full_months(self.as_of)

    def full_quarters(self) -> list[dt.date]:
        """The 4 full calendar quarters before the as-of quarter (as `check` counts them)."""
        return full_quarters(self.as_of)


# -- words ---------------------------------------------------------------------

def iso(value: object) -> str:
    """A date cell as YYYY-MM-DD; blank as "no date"."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "no date"
    return str(pd.Timestamp(value).date().isoformat())


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def listing(items: Sequence[str], limit: int = LIST_LIMIT) -> str:
    """'a, b and c', or 'a, b, c, d, e and 3 more'."""
    items = list(items)
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def rows_text(sheet: str, rows: Iterable[object], limit: int = LIST_LIMIT) -> str:
    """'Hazard Assessments rows 5, 7 and 9' (or 'row 5')."""
    numbers = [str(int(r)) for r in rows]  # type: ignore[call-overload]
    word = "row" if len(numbers) == 1 else "rows"
    return f"{sheet} {word} {listing(numbers, limit)}"


def sentence(words: str) -> str:
    """`words` with a capital first letter (str.capitalize would lower the rest)."""
    return words[:1].upper() + words[1:]


def key(value: object) -> str:
    """UPPER(TRIM(x)) of one cell, as `dates.keys`; blanks and non-text are ""."""
    return match_key(value) if isinstance(value, str) else ""


def text(value: object, fallback: str = "(blank)") -> str:
    """A text cell, or `fallback` when blank."""
    return value.strip() if isinstance(value, str) and value.strip() else fallback


def leading_number(value: object) -> int | None:
    """The number an Element cell starts with ("3 Hazard control" -> 3)."""
    if not isinstance(value, str):
        return None
    found = re.match(r"\s*(\d+)", value)
    return int(found.group(1)) if found else None
