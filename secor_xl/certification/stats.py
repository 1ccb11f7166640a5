"""Incident statistics from the Incidents sheet: by type and year, lost-time days, rate.

Recordable incidents are Medical Aid and Lost Time. The recordable incident
rate is the count in the 12 months up to the as-of date x 200,000 / hours
worked in those 12 months (200,000 hours = 100 full-time workers for a year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..dates import in_window, keys

RECORDABLE = ("MEDICAL AID", "MODIFIED WORK", "LOST TIME")
BASE_HOURS = 200_000


@dataclass(frozen=True)
class IncidentStats:
    by_year: dict[int, dict[str, int]]
    days_since_lost_time: int | None
    recordable_12_months: int
    recordable_rate: float | None


def by_type_and_year(incidents: pd.DataFrame, as_of: dt.date) -> dict[int, dict[str, int]]:
    """{year: {type: count}} for incidents with a type dated on or before `as_of`; years
    ascending (a later incident is not on record yet as of that day)."""
    dates = pd.to_datetime(incidents["Date"])
    on_record = dates <= pd.Timestamp(as_of)
    frame = pd.DataFrame({"year": dates[on_record].dt.year,
                          "type": incidents["Type"][on_record]}).dropna()
    out: dict[int, dict[str, int]] = {}
    for (year, kind), n in frame.groupby(["year", "type"]).size().sort_index().items():
        out.setdefault(int(year), {})[str(kind)] = int(n)
    return out


def days_since_lost_time(incidents: pd.DataFrame, as_of: dt.date) -> int | None:
    """Days from the last Lost Time incident on or before `as_of`; None when there is none."""
    dates = pd.to_datetime(incidents["Date"])
    mask = (keys(incidents["Type"]) == "LOST TIME") & (dates <= pd.Timestamp(as_of))
    if not mask.any():
        return None
    last: dt.date = dates[mask].max().date()
    return (as_of - last).days


def recordable_rate(incidents: pd.DataFrame, as_of: dt.date, hours: float | None
                    ) -> tuple[int, float | None]:
    """(recordables in the 12-month window, rate per 200,000 hours or None without hours)."""
    dates = pd.to_datetime(incidents["Date"])
    count = int((keys(incidents["Type"]).isin(RECORDABLE) & in_window(dates, as_of)).sum())
    if hours is None or not hours > 0:
        return count, None
    return count, count * BASE_HOURS / hours


def incident_stats(incidents: pd.DataFrame, as_of: dt.date, hours: float | None
                   ) -> IncidentStats:
    count, rate = recordable_rate(incidents, as_of, hours)
    return IncidentStats(by_type_and_year(incidents, as_of), days_since_lost_time(incidents, as_of),
                         count, rate)
