"""The Dashboard's headline: the engine's verdict as one line that starts with its word.

The Dashboard never decides the verdict itself: check and score write the engine's
line into a hidden cell and the `Verdict` cell shows it (`dashboard.py`); without a
check it says so rather than guessing. `engine_verdict` is the one place the
workbook side asks the engine, as (status, headline, reasons).
"""

from __future__ import annotations

import datetime as dt

from ..reader.read import WorkbookData
from ..score import score_workbook

WORDS = {"pass": "PASS", "fail": "FAIL", "not_ready": "NOT READY",
         "not_eligible": "NOT ELIGIBLE", "lapsed": "LAPSED"}
"""The first word of the `Verdict` cell for each status, as the conditional formats
colour it."""
NOT_CHECKED = "NOT CHECKED: run secor-xl check --write for the verdict"


def engine_verdict(wb: WorkbookData, as_of: dt.date) -> tuple[str, str, tuple[str, ...]]:
    """(status, headline, reasons) of the engine's verdict on `as_of`: the headline is the
    deciding reason, or the overall score when it passes.

    Reads `score.verdict` (pass, fail, not_ready) as it stands; eligibility and a lapsed
    certificate join it there, not here.
    """
    result = score_workbook(wb, as_of)
    found = result.verdict
    reasons = tuple(found.reasons)
    headline = reasons[0] if reasons else (
        f"{result.overall:.1f} % overall (pass line {result.rule.overall_min:g} %)")
    return found.status, headline, reasons


def verdict_line(status: str, headline: str) -> str:
    """"FAIL: overall 72.0 % is under 80 %": the word, then the deciding reason."""
    word = WORDS.get(status, status.upper().replace("_", " "))
    return f"{word}: {headline}" if headline else word


def formula(engine_cell: str, checked_as_of: str, as_of: str) -> str:
    """The `Verdict` cell: the line check or score wrote, marked when it was for another
    day; without one, "NOT CHECKED" (a formula cannot weigh the interviews and the rule)."""
    return (f'=IF({engine_cell}="","{NOT_CHECKED}",'
            f'IF(AND(ISNUMBER({checked_as_of}),{checked_as_of}<>{as_of}),'
            f'{engine_cell}&" (checked for "&TEXT({checked_as_of},"yyyy-mm-dd")'
            f'&": check again)",{engine_cell}))')
