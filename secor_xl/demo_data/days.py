"""Calendar arithmetic for the demo: every date is counted from as_of, as Excel would."""

from __future__ import annotations

import calendar
import datetime as dt


def edate(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months, clamped at month end as Excel's EDATE is."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def month_start(as_of: dt.date, months_ago: int) -> dt.date:
    return edate(as_of.replace(day=1), -months_ago)


def first_weekday(month_start: dt.date, weekday: int) -> dt.date:
    return month_start + dt.timedelta(days=(weekday - month_start.weekday()) % 7)


def monday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def clean(row: dict[str, object]) -> dict[str, object]:
    """Drop blank cells: a missing key is a blank cell."""
    return {k: v for k, v in row.items() if v is not None and v != ""}



def as_date(value: object) -> dt.date:
    """A row's date, typed for sorting (rows hold plain objects)."""
    assert isinstance(value, dt.date)
    return value
