"""Does the employer fit its province's small-employer program?

The partners' limit is the number of people employed at any given time (youracsa.ca,
cor-secor; safetypartnershipsaasp.com), counting everyone on the WCB account: owners,
managers, clerical, part-time, temporary, seasonal, family members and volunteers (S01,
S08, S14). So the count is the most people employed on one day in the 12 months up to
the as-of date, from each person's Start Date to their End Date (the last day worked):

* a person with an End Date is employed from Start Date to End Date, whatever the Status;
* an Active person without one is employed from their Start Date on;
* an Inactive person without an End Date left at an unknown time. If they started inside
  the 12-month window they are taken to be employed from their Start Date to the as-of
  date: the larger count, so nobody is told they fit when they may not (an End Date
  makes it exact). If they started before the window they are taken to have left
  before it and are reported (`not_counted`): anyone of them who left inside the window
  does count.

Everyone employed at some time in the 12 months is kept as information
(`count_12_months`). Without End Dates the most on one day is the count on the as-of day.
The Company sheet's "Number of Workers" is compared too and the larger of the two is
used, saying which. The threshold is the province's (see `provinces`) unless the owner
overrides it (the reference lists where sources disagree).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from ..dates import in_window, keys, twelve_months_before
from .provinces import province

ASSUMPTION = ("Counted: the most people employed on one day in the 12 months before the "
              "as-of date, from Start Date to End Date; an Inactive worker with no end date "
              "who started in those 12 months is taken to be employed up to the as-of date, "
              "one who started earlier to have left before them.")


OVERRIDE_FIELD = "Worker Threshold Override"
"""The Company field where the owner sets the limit their certifying partner gives."""


class _Workbook(Protocol):
    company: dict[str, Any]

    def frame(self, sheet_name: str) -> pd.DataFrame: ...


@dataclass(frozen=True)
class Eligibility:
    count: int
    threshold: int | None
    fits: bool | None
    warning: str | None
    basis: str
    source_ids: tuple[str, ...]
    confidence: str
    roster_count: int = 0
    company_count: int | None = None
    not_counted: int = 0
    count_12_months: int = 0
    """Everyone employed at some time in the 12 months (information: not the limit's count)."""


def roster_count(employees: pd.DataFrame, as_of: dt.date) -> tuple[int, int]:
    """(the most people employed on one day in the 12 months, Inactive people without an
    End Date left out), as the module docstring."""
    peak, left_out, _ = roster_counts(employees, as_of)
    return peak, left_out


def roster_counts(employees: pd.DataFrame, as_of: dt.date) -> tuple[int, int, int]:
    """(most on one day, Inactive without End Date left out, everyone in the 12 months)."""
    if employees.empty:
        return 0, 0, 0
    day = pd.Timestamp(as_of)
    window_start = pd.Timestamp(twelve_months_before(as_of)) + pd.Timedelta(days=1)
    start = pd.to_datetime(employees["Start Date"])
    end = pd.to_datetime(employees["End Date"]) if "End Date" in employees else \
        pd.Series(pd.NaT, index=employees.index)
    started = start.isna() | (start <= day)
    inactive = keys(employees["Status"]) == "INACTIVE"
    unknown_end = inactive & end.isna()
    left_out = unknown_end & started & ~in_window(start, as_of)
    counted = started & ~left_out & (end.isna() | (end >= window_start))
    first = start.where(start.notna() & (start > window_start), window_start)[counted]
    last = end.where(end.notna() & (end < day), day)[counted]
    days = sorted({window_start, *first})
    peak = max((int(((first <= d) & (last >= d)).sum()) for d in days), default=0)
    return peak, int(left_out.sum()), int(counted.sum())


def eligibility(wb: _Workbook, as_of: dt.date,
                override_threshold: int | None = None) -> Eligibility:
    """Count the workers (S01) and compare with the province threshold (S08 when exceeded).

    The threshold is `override_threshold`, else the Company sheet's override, else the
    province's figure from the reference.
    """
    info = province(_text(wb.company.get("Province")))
    if override_threshold is None:
        override_threshold = _number(wb.company.get(OVERRIDE_FIELD))
    roster, left_out, over_year = roster_counts(wb.frame("Employees"), as_of)
    company = _number(wb.company.get("Number of Workers"))
    if company is not None and company > roster:
        count = company
        counted = (f"{count} from Company 'Number of Workers' (larger than the {roster} "
                   "counted on the roster)")
    else:
        count = roster
        extra = f"; Company 'Number of Workers' says {company}" if company is not None else ""
        counted = f"{count} employed at once at most on the roster{extra}"
    if over_year > roster:
        counted += f" ({over_year} people over the 12 months)"
    parts = [f"Workers: {counted}.", ASSUMPTION]
    if left_out:
        parts.append(f"{left_out} Inactive worker(s) who started earlier were not counted; "
                     "add them if they left in the last 12 months.")

    source_ids = info.threshold.source_ids
    confidence = info.threshold.confidence
    if override_threshold is not None:
        threshold: int | None = override_threshold
        parts.append(f"Threshold {threshold}: the owner's override on Company "
                     f"({info.name}'s reference figure is {info.threshold.max_employees}).")
        confidence = "medium"
    else:
        threshold = info.threshold.max_employees
        if threshold is not None:
            parts.append(f"Threshold {threshold} ({info.name}: {info.threshold.rule})")
            for d in info.disagreements:
                if "threshold" in d.topic.lower():
                    parts.append(f"Sources disagree ({d.topic}): used {d.used}; others: "
                                 f"{'; '.join(d.others)}. Override it on Company if your "
                                 "certifying partner says otherwise.")
    if threshold is None:
        parts.append(f"{info.name}: no small-employer threshold was found in the reference, "
                     "so whether the employer fits cannot be said; ask the certifying partner.")
        return Eligibility(count, None, None, None, " ".join(parts), source_ids, confidence,
                           roster, company, left_out, over_year)

    fits = count <= threshold
    warning = None
    if not fits:
        if info.code == "AB":
            warning = (f"{count} workers is more than Alberta's SECOR limit of {threshold}: "
                       "the employer moves to regular COR at the next maintenance or "
                       "certification year (S08).")
            source_ids = (*source_ids, "S08") if "S08" not in source_ids else source_ids
        else:
            after = info.threshold.if_exceeded or "the small-employer program no longer fits."
            warning = f"{count} workers is more than {info.name}'s limit of {threshold}: {after}"
    elif left_out and roster + left_out > threshold:
        people = "worker" if left_out == 1 else "workers"
        warning = (f"{count} workers fits the limit of {threshold}. The roster also has "
                   f"{left_out} Inactive {people} who started before the last 12 months and "
                   f"were not counted; if they worked in those 12 months they count, and "
                   f"{roster + left_out} would be over the limit: check when they left.")
    return Eligibility(count, threshold, fits, warning, " ".join(parts), source_ids, confidence,
                       roster, company, left_out, over_year)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return int(value)
