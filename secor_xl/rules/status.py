"""Where each scheduled item, required course and corrective action stands on a day.

These three tables are the engine's side of the Dashboard formulas
(`builder/formulas.py`) and follow `workbook.md` to the letter; check turns
them into findings and score into points. Pure: DataFrames and a day in.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..cells import Suggestions, match_key
from ..dates import NEVER, edate_series, interval, keys
from ..reader.read import ROW, WorkbookData

SOON_DAYS = 30  # "expiring within 30 days" (T05 renewal panels)


def inspection_status(wb: WorkbookData, as_of: dt.date) -> pd.DataFrame:
    """One row per active schedule item: its latest inspection, next due day, and state.

    Columns: _row, Item, Frequency, Inspection Type, Responsible, last, due,
    never (no inspection on or before the as-of day), overdue (never, or due
    before the as-of day).
    """
    schedule = wb.frame("Inspection Schedule")
    log = wb.frame("Inspection Log")
    day = pd.Timestamp(as_of)
    active = (keys(schedule["Active"]) != "NO") & (keys(schedule["Item"]) != "")
    items = schedule.loc[active, [ROW, "Item", "Frequency", "Inspection Type",
                                  "Responsible"]].copy()
    items["key"] = keys(items["Item"])
    done = log[log["Date"].notna() & (log["Date"] <= day)]
    latest = done.assign(key=keys(done["Item"])).groupby("key")["Date"].max()
    items["last"] = pd.Series(latest.reindex(items["key"].to_numpy()).to_numpy(),
                              index=items.index, dtype="datetime64[ns]")
    months = items["Frequency"].map(lambda f: interval(f)[0]).astype("float64")
    days = items["Frequency"].map(lambda f: interval(f)[1])
    items["due"] = edate_series(items["last"], months) + pd.to_timedelta(days, unit="D")
    items["never"] = items["last"].isna()
    items["overdue"] = items["never"] | (items["due"] < day)
    return items.drop(columns="key").reset_index(drop=True)


def training_status(wb: WorkbookData, as_of: dt.date) -> pd.DataFrame:
    """One row per (active employee, required course) pair, with its best record; someone
    whose Start Date is after the as-of day is not yet on the job.

    Columns: employee_row, Name, Position, Course, Validity Months, record_row
    (the record with the latest expiry, or NA), expiry (NaT when none; NEVER
    when it does not expire), state: missing | expired | expiring | current,
    and typo_row / typo_name (`_misspelt`).

    Worked out once per workbook and day (check's findings and counts, and score, all
    need it); each caller gets its own copy.
    """
    key = ("training_status", as_of)
    if key not in wb.derived:
        wb.derived[key] = _training_status(wb, as_of)
    return wb.derived[key].copy()


def _training_status(wb: WorkbookData, as_of: dt.date) -> pd.DataFrame:
    people = wb.frame("Employees")
    matrix = wb.frame("Training Matrix")
    records = wb.frame("Training Records")
    day = pd.Timestamp(as_of)

    started = people["Start Date"].isna() | (people["Start Date"] <= day)  # not a new hire-to-be
    active = people[(keys(people["Status"]) != "INACTIVE") & (keys(people["Name"]) != "")
                    & started]
    active = active.assign(pos_key=keys(active["Position"]), name_key=keys(active["Name"]))
    required = matrix[(keys(matrix["Required"]) == "YES") & (keys(matrix["Course"]) != "")]
    required = required.assign(pos_key=keys(required["Position"]),
                               course_key=keys(required["Course"]))
    required = required.drop_duplicates(["pos_key", "course_key"], keep="first")
    pairs = active[[ROW, "Name", "Position", "pos_key", "name_key"]].rename(
        columns={ROW: "employee_row"}).merge(
        required[["pos_key", "course_key", "Course", "Validity Months"]], on="pos_key")
    pairs = pairs.reset_index(drop=True)

    recs = records.assign(name_key=keys(records["Employee"]), course_key=keys(records["Course"]))
    joined = pairs.reset_index(names="pair").merge(
        recs[[ROW, "name_key", "course_key", "Completed Date", "Expiry Date"]],
        on=["name_key", "course_key"])
    derived = edate_series(joined["Completed Date"], joined["Validity Months"])
    no_validity = joined["Validity Months"].isna()
    # Typed expiry, else Completed + validity, else no expiry at all; a record
    # with a validity but no completion date is not current (workbook.md).
    joined["expiry"] = joined["Expiry Date"].where(
        joined["Expiry Date"].notna(), derived.where(~no_validity, NEVER))
    best = joined.sort_values(["pair", "expiry", ROW], na_position="first") \
        .groupby("pair").tail(1).set_index("pair")

    pairs["record_row"] = best[ROW].reindex(pairs.index).astype("Int64")
    pairs["expiry"] = best["expiry"].reindex(pairs.index).astype("datetime64[ns]")
    has_record = pairs["record_row"].notna()
    current = pairs["expiry"].notna() & (pairs["expiry"] >= day)
    soon = current & (pairs["expiry"] < day + pd.Timedelta(days=SOON_DAYS))
    pairs["state"] = "current"
    pairs.loc[soon, "state"] = "expiring"
    pairs.loc[has_record & ~current, "state"] = "expired"
    pairs.loc[~has_record, "state"] = "missing"
    _misspelt(pairs, people, recs, matrix)
    return pairs.drop(columns=["pos_key", "name_key", "course_key"])


def _misspelt(pairs: pd.DataFrame, people: pd.DataFrame, recs: pd.DataFrame,
              matrix: pd.DataFrame) -> None:
    """For a missing pair, the record that is probably it under a misspelling: a record of
    the course whose Employee is on no roster row but is close to this one's name, or a
    record of this person whose Course is on no matrix line but is close to this course.
    Columns typo_row, and typo_name saying how it was typed ("for 'Dale Kowalsi'", "as
    'WHIMS'"); NA elsewhere. Advice then asks to fix the spelling, not to train someone
    already trained."""
    pairs["typo_row"] = pd.Series(pd.NA, index=pairs.index, dtype="Int64")
    pairs["typo_name"] = pd.Series(None, index=pairs.index, dtype="object")
    missing = pairs["state"] == "missing"
    if not missing.any():
        return
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for column, listed, key_column, what in (
            ("Employee", people["Name"], "name_key", "for"),
            ("Course", matrix["Course"], "course_key", "as")):
        names = [str(n) for n in listed.dropna() if str(n).strip()]
        strays = recs[(recs[key_column] != "")
                      & ~recs[key_column].isin({match_key(n) for n in names})]
        near = Suggestions(names)
        typos = strays[column].dropna().unique()
        near.learn(typos)
        meant = {typed: near.closest(typed) for typed in typos}
        for row, typed, name, course in zip(strays[ROW], strays[column], strays["name_key"],
                                            strays["course_key"], strict=True):
            match = meant.get(typed)
            if match is None:
                continue
            pair = (match_key(match), course) if column == "Employee" else (name,
                                                                            match_key(match))
            found.setdefault(pair, (int(row), f"{what} {str(typed).strip()!r}"))
    for i in pairs.index[missing]:
        hit = found.get((pairs.at[i, "name_key"], pairs.at[i, "course_key"]))
        if hit is not None:
            pairs.at[i, "typo_row"], pairs.at[i, "typo_name"] = hit


def overdue_actions(wb: WorkbookData, as_of: dt.date) -> pd.DataFrame:
    """Corrective actions not Closed whose Due Date is before the as-of day."""
    actions = wb.frame("Corrective Actions")
    late = (keys(actions["Status"]) != "CLOSED") & actions["Due Date"].notna() & (
        actions["Due Date"] < pd.Timestamp(as_of))
    return actions[late].reset_index(drop=True)


def counts(wb: WorkbookData, as_of: dt.date) -> dict[str, int]:
    """The three Dashboard counts, by the engine (`summary.counts` of check)."""
    training = training_status(wb, as_of)
    return {
        "overdue_inspections": int(inspection_status(wb, as_of)["overdue"].sum()),
        "expired_training": int(training["state"].isin(["missing", "expired"]).sum()),
        "overdue_actions": len(overdue_actions(wb, as_of)),
    }
