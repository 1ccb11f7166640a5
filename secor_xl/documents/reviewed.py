"""The records an auditor reviews for each element, as the working notes list them.

Two kinds of sheet: a log (inspections, meetings, drills) is reviewed for the
rows dated in the 12-month window; a register (the representatives serving, the
active work sites, the procedures and program documents in force, the current
first aid records) is reviewed for the rows in force on the as-of day, whenever
they were dated. Each line names the rows as ranges, so a reviewer can find
every one, and the record IDs as a sorted range with their count: the oldest and
newest rows' IDs, or free text such as a procedure's name, would mislead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..dates import in_window, keys
from ..reader.read import ROW, WorkbookData

Mask = Callable[[pd.DataFrame, pd.Timestamp], pd.Series]


@dataclass(frozen=True)
class Records:
    """One sheet an element's questions read: the date column its lines are dated by, what
    the rows are, the record ID column (None for free text), and for a register the rows in
    force on a day (None for a log: the rows dated in the window)."""

    sheet: str
    column: str
    what: str
    id_column: str | None = None
    in_force: Mask | None = None
    one: str = ""
    """What one row is ("inspection"); blank: `what` less its last s."""

    def count(self, n: int) -> str:
        """"3 inspections", "1 inspection"."""
        return f"{n} {self.what}" if n != 1 else f"1 {self.one or self.what.removesuffix('s')}"


def _approved(frame: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """Approved on or before the day (a document or procedure in force)."""
    return frame["Approved Date"].notna() & (frame["Approved Date"] <= day)


def _serving(frame: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """A representative designated by the day whose term has not ended."""
    return ((keys(frame["Name"]) != "") & frame["Designated Date"].notna()
            & (frame["Designated Date"] <= day)
            & (frame["Term Ends"].isna() | (frame["Term Ends"] >= day)))


def _active_site(frame: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """A site with a name whose Active is not No (blank counts as yes, as the score)."""
    return (keys(frame["Site"]) != "") & (keys(frame["Active"]) != "NO")


def _first_aid(frame: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """A first aid course completed by the day, its Expiry Date blank or not passed."""
    return (keys(frame["Course"]).str.contains("FIRST AID", regex=False)
            & frame["Completed Date"].notna() & (frame["Completed Date"] <= day)
            & (frame["Expiry Date"].isna() | (frame["Expiry Date"] >= day)))


ELEMENT_RECORDS: dict[int, tuple[Records, ...]] = {
    1: (Records("Program Documents", "Approved Date", "program documents in force",
                in_force=_approved, one="program document in force"),
        Records("Management Activities", "Date", "management activities",
                one="management activity")),
    2: (Records("Hazard Assessments", "Assessed Date", "hazard assessment lines",
                "Assessment ID", one="hazard assessment line"),),
    3: (Records("Safe Work Procedures", "Approved Date", "safe work procedures in force",
                in_force=_approved, one="safe work procedure in force"),
        Records("Equipment Maintenance", "Date", "maintenance records",
                one="maintenance record"),
        Records("Corrective Actions", "Completed Date", "corrective actions completed",
                "Action ID", one="corrective action completed")),
    4: (Records("Inspection Log", "Date", "inspections", "Inspection ID"),),
    5: (Records("Training Records", "Completed Date", "courses completed",
                one="course completed"),
        Records("Employees", "Orientation Date", "orientations", "Employee ID")),
    6: (Records("Emergency Drills", "Drill Date", "drills and emergencies",
                one="drill or emergency"),
        Records("Work Sites", "Site", "active work sites (each site's plan)",
                in_force=_active_site, one="active work site (its plan)"),
        Records("Training Records", "Completed Date", "current first aid records",
                in_force=_first_aid, one="current first aid record")),
    7: (Records("Incidents", "Date", "incidents and near misses", "Incident ID",
                one="incident or near miss"),),
    8: (Records("Meetings", "Date", "meetings and toolbox talks", "Meeting ID",
                one="meeting or toolbox talk"),),
    9: (Records("HS Representatives", "Designated Date", "representatives serving",
                in_force=_serving, one="representative serving"),
        Records("HS Representatives", "Training Completed", "representative trainings",
                one="representative training")),
    10: (Records("Contractors and Visitors", "First On Site",
                 "contractors and visitors on site", one="contractor or visitor on site"),
         Records("Contractors and Visitors", "Orientation Date", "site orientations",
                 one="site orientation")),
}
"""The sheets each element's questions read."""


def element_records(element: int) -> tuple[Records, ...]:
    """The sheets `element`'s questions read (none for an unknown element)."""
    return ELEMENT_RECORDS.get(element, ())


def row_ranges(rows: Iterable[int], shown: int | None = None) -> str:
    """Spreadsheet rows as ranges, every one: "2-7, 24, 39-41". With `shown`, only that many
    ranges and "and N more rows" (for a log of thousands of rows)."""
    spans: list[tuple[int, int]] = []
    for n in sorted(set(rows)):
        if spans and n == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    cut = len(spans) if shown is None else shown
    text = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans[:cut])
    left = sum(b - a + 1 for a, b in spans[cut:])
    return text + (f" and {left} more rows" if left else "")


def _natural(text: str) -> tuple[Any, ...]:
    """"HA-2" before "HA-10": numbers compared as numbers."""
    return tuple(int(part) if n % 2 else part.casefold()
                 for n, part in enumerate(re.split(r"(\d+)", text)))


def id_range(values: Iterable[object]) -> str:
    """The distinct record IDs, sorted: "ID HA-01", "10 IDs: HA-01 to HA-10"."""
    ids = sorted({str(v).strip() for v in values
                  if isinstance(v, str | int | float) and not pd.isna(v) and str(v).strip()},
                 key=_natural)
    if not ids:
        return ""
    return f"ID {ids[0]}" if len(ids) == 1 else f"{len(ids)} IDs: {ids[0]} to {ids[-1]}"


def _iso(value: object) -> str:
    return str(pd.Timestamp(value).date().isoformat())


SHOWN_RANGES = 8
"""Row ranges of a sheet named before "and N more rows"."""


def reviewed(wb: WorkbookData, as_of: dt.date, element: int) -> list[dict[str, Any]]:
    """What the auditor reviews for `element`: per sheet, the rows in the window (a log) or
    in force on `as_of` (a register), counted, with their dates and record IDs."""
    out = []
    day = pd.Timestamp(as_of)
    for r in element_records(element):
        if r.sheet not in wb.tables:
            continue
        frame = wb.frame(r.sheet)
        mask = (r.in_force(frame, day) if r.in_force is not None
                else in_window(frame[r.column], as_of))
        rows = frame[mask]
        count = len(rows)
        if not count:
            when = f"on {as_of.isoformat()}" if r.in_force is not None else "dated in the window"
            out.append({"sheet": r.sheet, "what": r.what, "count": 0,
                        "text": f"{r.sheet}: no {r.what} {when}"})
            continue
        text = (f"{r.sheet} row{'s' if count > 1 else ''} "
                f"{row_ranges(rows[ROW].astype(int), SHOWN_RANGES)}, {r.count(count)}")
        if r.in_force is not None:
            text += f" on {as_of.isoformat()}"
        dates = rows[r.column].dropna() if pd.api.types.is_datetime64_any_dtype(
            rows[r.column]) else pd.Series(dtype="datetime64[ns]")
        if len(dates):
            first, last = _iso(dates.min()), _iso(dates.max())
            label = "dated" if r.in_force is not None else ""
            span = first if first == last else f"{first} to {last}"
            text += f" ({label} {span})" if label else f" {span}"
        ids = id_range(rows[r.id_column]) if r.id_column else ""
        if ids:
            text += f" ({ids})"
        out.append({"sheet": r.sheet, "what": r.what, "count": count, "text": text})
    return out
