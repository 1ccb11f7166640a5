"""How far the auditor's interviews and observation are gathered, counted as the
Dashboard counts them (`builder/methods.py`).

Interviews planned: the sample for the active workers (`questions_data.sample_size`,
everyone at 1 to 4). Done: the distinct people with a Positive or Negative answer in
the 12 months up to the as-of day. Sites to observe: the active Work Sites (Active
blank or Yes). Observed: those with an Observations row in the same 12 months.
Names and sites match as Excel's UPPER(TRIM(x)) does. Pure: DataFrames and a day in.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..dates import in_window, keys
from ..questions_data import sample_size
from ..reader.read import WorkbookData

ANSWERED = ("POSITIVE", "NEGATIVE")


def active_workers(wb: WorkbookData, as_of: dt.date) -> int:
    """Employees not Inactive, named, and started by the as-of day (a blank start counts),
    as `status.training_status` takes them."""
    people = wb.frame("Employees")
    started = people["Start Date"].isna() | (people["Start Date"] <= pd.Timestamp(as_of))
    active = (keys(people["Status"]) != "INACTIVE") & (keys(people["Name"]) != "") & started
    return int(active.sum())


def interviews_gathered(wb: WorkbookData, as_of: dt.date) -> tuple[int, int]:
    """(planned, done): the sample size for the active workers, and the people asked."""
    rows = wb.frame("Interviews")
    name = keys(rows["Interviewee"])
    asked = keys(rows["Answer"]).isin(ANSWERED) & in_window(rows["Date"], as_of) & (name != "")
    return sample_size(active_workers(wb, as_of)), int(name[asked].nunique())


def sites_observed(wb: WorkbookData, as_of: dt.date) -> tuple[int, int]:
    """(sites, observed): the active Work Sites rows, and those walked in the 12 months."""
    sites, seen = wb.frame("Work Sites"), wb.frame("Observations")
    site = keys(sites["Site"])
    active = site[(site != "") & (keys(sites["Active"]) != "NO")]
    walked = set(keys(seen["Site"])[in_window(seen["Date"], as_of)])
    return len(active), int(active.isin(walked).sum())
