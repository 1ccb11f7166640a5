"""Where the employer stands on the road to SECOR, as plain data for `score` and reports.

Eligibility, the certificate cycle, the next roadmap steps, what the certificate
is worth and the incident statistics, gathered once from a workbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

import pandas as pd

from ..reader.read import ROW, WorkbookData
from ..schema import SCHEMA_VERSION, sheet, version_key
from .certificate import certificate_status
from .committee import legal_gap
from .eligibility import eligibility
from .incentive import estimate
from .roadmap import Step, calendar_year, cycle, due_dates, next_steps
from .stats import incident_stats


def roadmap_rows(wb: WorkbookData) -> list[dict[str, Any]]:
    """The Roadmap sheet's rows as dicts with dates, and their row numbers."""
    frame = wb.frame("Roadmap")
    rows = []
    for rec in frame.to_dict("records"):
        rows.append({key: (None if value is None or value != value else value)  # NaN/NaT
                     for key, value in rec.items()})
    for row in rows:
        for key in ("Date", "Due"):
            value = row.get(key)
            if value is not None and hasattr(value, "date"):
                row[key] = value.date()
    return rows


def roadmap_steps(wb: WorkbookData) -> list[tuple[int, Step]]:
    """(row, step with its due date) for every Roadmap row, in order."""
    rows = roadmap_rows(wb)
    province = str(wb.company.get("Province") or "") or None
    partner = str(wb.company.get("Certifying Partner") or "")
    return [(int(r[ROW]), s)
            for r, s in zip(rows, due_dates(rows, province, partner), strict=True)]


def road_to_secor(wb: WorkbookData, as_of: dt.date) -> dict[str, Any]:
    """Eligibility, cycle, next three steps, incentive estimate and incident statistics."""
    province = str(wb.company.get("Province") or "") or None
    issued = wb.company.get("Certificate Issued")
    issued = issued if isinstance(issued, dt.date) else None
    hours = wb.company.get("Hours Worked (12 months)")
    premium = wb.company.get("WCB Premium")
    where = cycle(issued, as_of, calendar_year(province,
                                               str(wb.company.get("Certifying Partner") or "")))
    fits = eligibility(wb, as_of)
    worth = estimate(province, float(premium) if premium else None,
                     first_year=where.year == 1)
    stats = incident_stats(wb.frame("Incidents"), as_of, float(hours) if hours else None)
    partner = str(wb.company.get("Certifying Partner") or "")
    rows = roadmap_rows(wb)
    steps = next_steps(rows, as_of, 3, province, partner)
    certificate = certificate_status(where, due_dates(rows, province, partner), as_of)
    return {
        "eligibility": _plain(asdict(fits)),
        "cycle": _plain(asdict(where)),
        "certificate": _plain(asdict(certificate)),
        "legal_gaps": legal_gaps(wb, as_of, fits.count),
        "next_steps": [_plain(asdict(s)) for s in steps],
        "incentive": _plain(asdict(worth)),
        "incidents": {"by_year": {str(y): t for y, t in stats.by_year.items()},
                      "days_since_lost_time": stats.days_since_lost_time,
                      "recordable_12_months": stats.recordable_12_months,
                      "recordable_rate": None if stats.recordable_rate is None
                      else round(stats.recordable_rate, 2)},
    }


def legal_gaps(wb: WorkbookData, as_of: dt.date, workers: int) -> list[str]:
    """What the law asks for and nobody fills (`committee.legal_gap`); none for a workbook
    older than the HS Representatives sheet (`upgrade` adds it; nothing to judge yet)."""
    reps = sheet("HS Representatives")
    if version_key(wb.schema_version or SCHEMA_VERSION) < version_key(reps.since):
        return []
    gap = legal_gap(wb.company, workers,
                    wb.frame("HS Representatives"), pd.Timestamp(as_of))
    return [gap] if gap else []


def _plain(value: Any) -> Any:
    """Dates as ISO text and tuples as lists, for JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
