"""Does the employer fit its province's small-employer program?

The certifying partners count everyone on the WCB account at any time in the
past 12 months: owners, managers, clerical, part-time, temporary, seasonal,
family members and volunteers (S01, S08, S14). The Employees roster has a Start
Date and a Status but no end date, so the count here is:

* every Active person who had started by the as-of date;
* every Inactive person whose Start Date is inside the 12-month window (they
  worked some part of it, whenever they left);
* Inactive people who started before the window are NOT counted: with no end
  date we assume they left before it. They are reported (`not_counted`) because
  anyone of them who left inside the window does count for the partners.

The Company sheet's "Number of Workers" is compared too and the larger of the two
is used, saying which. The threshold is the province's (see `provinces`) unless
the owner overrides it (the reference lists where sources disagree).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from ..dates import in_window, keys
from .provinces import province

ASSUMPTION = ("Counted: Active workers, and Inactive workers who started in the 12 months "
              "before the as-of date; Inactive workers who started earlier are taken to have "
              "left before that window (the roster has no end date).")


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


def roster_count(employees: pd.DataFrame, as_of: dt.date) -> tuple[int, int]:
    """(people counted, Inactive people left out) on the roster, as the module docstring."""
    if employees.empty:
        return 0, 0
    start = pd.to_datetime(employees["Start Date"])
    started = start.isna() | (start <= pd.Timestamp(as_of))
    inactive = keys(employees["Status"]) == "INACTIVE"
    counted = started & (~inactive | in_window(start, as_of))
    left_out = inactive & started & ~counted
    return int(counted.sum()), int(left_out.sum())


def eligibility(wb: _Workbook, as_of: dt.date,
                override_threshold: int | None = None) -> Eligibility:
    """Count the workers (S01) and compare with the province threshold (S08 when exceeded).

    The threshold is `override_threshold`, else the Company sheet's override, else the
    province's figure from the reference.
    """
    info = province(_text(wb.company.get("Province")))
    if override_threshold is None:
        override_threshold = _number(wb.company.get(OVERRIDE_FIELD))
    roster, left_out = roster_count(wb.frame("Employees"), as_of)
    company = _number(wb.company.get("Number of Workers"))
    if company is not None and company > roster:
        count = company
        counted = (f"{count} from Company 'Number of Workers' (larger than the {roster} "
                   "counted on the roster)")
    else:
        count = roster
        extra = f"; Company 'Number of Workers' says {company}" if company is not None else ""
        counted = f"{count} counted on the roster{extra}"
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
                           roster, company, left_out)

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
                       roster, company, left_out)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return int(value)
