"""Calendar arithmetic shared by the rules, the score and the workbook formulas.

Months are calendar months clamped to the month's end, exactly as Excel's
EDATE (Jan 31 + 1 month = Feb 28), so the engine and the Dashboard agree.
"""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pandas as pd

from .cells import match_key
from .schema import FREQUENCY_INTERVALS


def edate(day: dt.date, months: int) -> dt.date:
    """Excel's EDATE: the same day `months` later, clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def edate_series(days: pd.Series, months: pd.Series | int) -> pd.Series:
    """EDATE element-wise on datetime64 values; NaT (or NaN months) stays NaT."""
    if isinstance(months, int):
        return days + pd.DateOffset(months=months)
    result = pd.Series(pd.NaT, index=days.index, dtype="datetime64[ns]")
    valid = days.notna() & months.notna()
    for n in pd.unique(months[valid]):
        mask = valid & (months == n)
        result[mask] = days[mask] + pd.DateOffset(months=int(n))
    return result


def twelve_months_before(as_of: dt.date) -> dt.date:
    """The day the 12-month evidence window starts after (exclusive), as the Dashboard."""
    return edate(as_of, -12)


def in_window(days: pd.Series, as_of: dt.date) -> pd.Series:
    """Dates in the 12 months up to and including the as-of day."""
    start, end = pd.Timestamp(twelve_months_before(as_of)), pd.Timestamp(as_of)
    return (days > start) & (days <= end)


def full_months(as_of: dt.date) -> list[dt.date]:
    """First days of the 12 full calendar months before the as-of month, oldest first."""
    this_month = as_of.replace(day=1)
    return [edate(this_month, -n) for n in range(12, 0, -1)]


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_name(first_day: dt.date) -> str:
    return f"Q{(first_day.month - 1) // 3 + 1} {first_day.year}"


def full_quarters(as_of: dt.date) -> list[dt.date]:
    """First days of the 4 full calendar quarters before the as-of quarter, oldest first."""
    quarter = quarter_start(as_of)
    return [edate(quarter, -3 * n) for n in range(4, 0, -1)]


def interval(frequency: object) -> tuple[int, int]:
    """(months, days) of a frequency answer; an unknown one is (0, 0), as the formula."""
    if not isinstance(frequency, str):
        return (0, 0)
    for name, value in FREQUENCY_INTERVALS.items():
        if match_key(name) == match_key(frequency):
            return value
    return (0, 0)


def keys(values: pd.Series) -> pd.Series:
    """UPPER(TRIM(x)) of a text column; blanks become "". Each distinct value once."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    distinct = np.asarray(uniques, dtype=object).tolist()  # a list iterates fastest
    table = np.array([match_key(u) if isinstance(u, str) else "" for u in distinct] + [""],
                     dtype=object)
    return pd.Series(table[codes], index=values.index, dtype="object")


def as_timestamp(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


NEVER = pd.Timestamp.max.normalize()
"""An expiry that never comes (a course with no validity)."""
