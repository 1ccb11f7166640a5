"""`invalid.*` findings that need more than one cell: required values, the roster,
duplicate IDs, dates that cannot be in the future, dates out of order, and
references that point nowhere.

Cell-level problems (not a date, not in the list) are found while reading
(`reader/read.py`); a cell already reported there is not reported again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd

from ..cells import Suggestions, match_key, split_names
from ..dates import keys
from ..findings import Finding, error, warning
from ..reader.read import ROW, WorkbookData
from ..schema import COMPANY_FIELDS, FREQUENCY_INTERVALS, ColumnType, Sheet, table_sheets

# Dates that record something already done, so cannot be after the as-of day.
PAST_ONLY: dict[str, tuple[str, ...]] = {
    "Program Documents": ("Approved Date",),
    "Management Activities": ("Date",),
    "Hazard Assessments": ("Assessed Date",),
    "Inspection Log": ("Date",),
    "Training Records": ("Completed Date", "Verified Date"),
    "Emergency Drills": ("Drill Date",),
    "Incidents": ("Date", "Reported Date", "Investigation Started", "WCB Report Date",
                  "OHS Report Date"),
    "Corrective Actions": ("Completed Date",),
    "Meetings": ("Date",),
    "HS Representatives": ("Designated Date", "Training Completed"),
    "Contractors and Visitors": ("Orientation Date",),
}

# (sheet, earlier column, later column, what it means when reversed)
DATE_ORDER: tuple[tuple[str, str, str, str], ...] = (
    ("Training Records", "Completed Date", "Expiry Date", "expires before it was completed"),
    ("Training Records", "Completed Date", "Verified Date",
     "competency was verified before the course was completed"),
    ("Incidents", "Date", "Reported Date", "was reported before it happened"),
    ("Incidents", "Date", "Investigation Started", "was investigated before it happened"),
    ("Incidents", "Date", "WCB Report Date", "was reported to WCB before it happened"),
    ("Program Documents", "Approved Date", "Review Due", "is due for review before it was "
     "approved"),
    ("Hazard Assessments", "Assessed Date", "Review Due", "is due for review before it was "
     "assessed"),
    ("Contractors and Visitors", "First On Site", "Last On Site", "left before it arrived"),
    ("HS Representatives", "Designated Date", "Term Ends", "ends before the designation"),
)

# Corrective Actions' Source -> (sheet, ID column, date column) its Source Ref names.
ACTION_SOURCES: dict[str, tuple[str, str, str]] = {
    "INSPECTION": ("Inspection Log", "Inspection ID", "Date"),
    "INCIDENT": ("Incidents", "Incident ID", "Date"),
    "MEETING": ("Meetings", "Meeting ID", "Date"),
}



def validate(wb: WorkbookData, as_of: dt.date) -> list[Finding]:
    """Every cross-cell `invalid.*` finding in the workbook, as of `as_of`."""
    reported = {(f.sheet, f.row, f.column) for f in wb.findings}
    found: list[Finding] = []
    names = _names(wb.frame("Employees"), "Name")
    register = _names(wb.frame("Contractors and Visitors"), "Name")
    for s in table_sheets():
        found += _required(wb, s, reported)
        found += _people(wb, s, names, register)
        found += _duplicates(wb, s)
    found += _company_required(wb, reported)
    found += _future(wb, as_of)
    found += _frequencies(wb)
    found += _order(wb)
    found += list(_references(wb))
    return found


def _where(s: str, row: int, column: str) -> str:
    return f"{s} row {row}, {column}"


def _required(wb: WorkbookData, s: Sheet, reported: set[tuple[str, int, str | None]]
              ) -> list[Finding]:
    table = wb.tables[s.name]
    frame = table.frame
    found = []
    for col in s.columns:
        if not col.required or col.type is ColumnType.FORMULA or col.name not in table.present:
            continue
        blank = frame[col.name].isna()
        for row in frame.loc[blank, ROW].tolist():
            if (s.name, int(row), col.name) in reported:
                continue
            found.append(error(s.name, row, col.name, "invalid.required",
                               f"{_where(s.name, row, col.name)}: is required; fill it in."))
    return found


def _company_required(wb: WorkbookData, reported: set[tuple[str, int, str | None]]
                      ) -> list[Finding]:
    found = []
    for col in COMPANY_FIELDS:
        row = wb.company_rows.get(col.name)
        if col.required and row is not None and wb.company.get(col.name) is None and (
                "Company", row, "Value") not in reported:
            found.append(error("Company", row, "Value", "invalid.required",
                               f"Company row {row}, {col.name}: is required; fill it in."))
    return found


def _names(frame: pd.DataFrame, column: str) -> list[str]:
    return [str(n).strip() for n in frame[column].dropna() if str(n).strip()]


def _people(wb: WorkbookData, s: Sheet, names: list[str], register: list[str]
            ) -> list[Finding]:
    """Person columns must name someone on the Employees roster (active or not, `names`); a
    list of people (attendees, participants) may also name someone on Contractors and
    Visitors (`register`). A name close to one on the list says which it probably meant."""
    if not any(c.type in (ColumnType.EMPLOYEE, ColumnType.PEOPLE) for c in s.columns):
        return []
    roster = {match_key(n) for n in names}
    anyone = roster | {match_key(n) for n in register}
    on_roster, on_either = Suggestions(names), Suggestions(names + register)
    frame = wb.frame(s.name)
    found = []
    for col in s.columns:
        if col.type is ColumnType.EMPLOYEE:
            values = frame[col.name]
            bad = values.notna() & ~keys(values).isin(roster)
            unknown_names = values[bad].tolist()
            on_roster.learn(unknown_names)
            for row, name in zip(frame.loc[bad, ROW].tolist(), unknown_names, strict=True):
                found.append(error(s.name, row, col.name, "invalid.employee",
                                   f"{_where(s.name, row, col.name)}: {name!r} is not on the "
                                   "Employees sheet; add them there or fix the spelling."
                                   f"{on_roster.did_you_mean(name)}"))
        elif col.type is ColumnType.PEOPLE:
            codes, texts = pd.factorize(frame[col.name])  # each distinct list once
            unknown_in = [[n for n in split_names(t) if match_key(n) not in anyone]
                          for t in texts]
            on_either.learn(n for code in codes.tolist() if code >= 0 for n in unknown_in[code])
            for row, code in zip(frame[ROW].tolist(), codes.tolist(), strict=True):
                unknown = unknown_in[code] if code >= 0 else []
                if unknown:
                    hints = "".join(on_either.did_you_mean(n) for n in unknown)
                    guests = " (a guest goes in Guests)" if "Guests" in s.column_names else ""
                    found.append(error(
                        s.name, row, col.name, "invalid.employee",
                        f"{_where(s.name, row, col.name)}: {', '.join(unknown)} "
                        f"{'is' if len(unknown) == 1 else 'are'} on neither Employees nor "
                        f"Contractors and Visitors{guests}; separate names with commas and "
                        f"spell them as there.{hints}"))
    return found


def _duplicates(wb: WorkbookData, s: Sheet) -> list[Finding]:
    if s.id_column is None:
        return []
    frame = wb.frame(s.name)
    ids = keys(frame[s.id_column])
    present = ids != ""
    repeated = present & ids.duplicated(keep="first")
    if not repeated.any():
        return []
    first_row = frame[present].groupby(ids[present])[ROW].min().to_dict()
    found = []
    for row, key, shown in zip(frame.loc[repeated, ROW].tolist(), ids[repeated].tolist(),
                               frame.loc[repeated, s.id_column].tolist(), strict=True):
        found.append(error(s.name, row, s.id_column, "invalid.duplicate",
                           f"{_where(s.name, row, s.id_column)}: {shown!r} is already used in "
                           f"row {first_row[key]}; give each row its own ID."))
    return found


def _frequencies(wb: WorkbookData) -> list[Finding]:
    """A Frequency added to the list by hand has no interval the rules or the formulas know:
    the item would be due again on the day of its last inspection."""
    known = {match_key(name) for name in FREQUENCY_INTERVALS}
    frame = wb.frame("Inspection Schedule")
    odd = frame["Frequency"].notna() & ~keys(frame["Frequency"]).isin(known)
    names = ", ".join(FREQUENCY_INTERVALS)
    return [warning("Inspection Schedule", row, "Frequency", "invalid.frequency",
                    f"{_where('Inspection Schedule', row, 'Frequency')}: {value!r} is not a "
                    f"frequency secor-xl and the workbook's formulas know ({names}), so the "
                    "item counts as due again on the day of its last inspection; pick one of "
                    "those.")
            for row, value in zip(frame.loc[odd, ROW], frame.loc[odd, "Frequency"],
                                  strict=True)]


def _future(wb: WorkbookData, as_of: dt.date) -> list[Finding]:
    day = pd.Timestamp(as_of)
    found = []
    for sheet_name, columns in PAST_ONLY.items():
        frame = wb.frame(sheet_name)
        for column in columns:
            late = frame[column] > day
            for row, value in zip(frame.loc[late, ROW], frame.loc[late, column], strict=True):
                found.append(error(sheet_name, row, column, "invalid.future_date",
                                   f"{_where(sheet_name, row, column)}: {value.date()} is after "
                                   f"the as-of date {as_of}; a record cannot be dated in the "
                                   "future."))
    return found


def _order(wb: WorkbookData) -> list[Finding]:
    found = []
    for sheet_name, first, second, meaning in DATE_ORDER:
        frame = wb.frame(sheet_name)
        wrong = frame[second] < frame[first]
        for row, a, b in zip(frame.loc[wrong, ROW], frame.loc[wrong, first],
                             frame.loc[wrong, second], strict=True):
            found.append(error(sheet_name, row, second, "invalid.date_order",
                               f"{_where(sheet_name, row, second)}: {b.date()} is before "
                               f"{first} {a.date()}: the record {meaning}."))
    found += _actions_before_source(wb)
    return found


def _actions_before_source(wb: WorkbookData) -> list[Finding]:
    """A corrective action completed before the record that raised it existed."""
    actions = wb.frame("Corrective Actions")
    found = []
    for source, (sheet_name, id_column, date_column) in ACTION_SOURCES.items():
        origin = wb.frame(sheet_name)
        first = origin.assign(key=keys(origin[id_column])).drop_duplicates("key")
        dates = pd.Series(first[date_column].to_numpy(), index=first["key"].to_numpy(),
                          dtype="datetime64[ns]")
        mine = actions[(keys(actions["Source"]) == source) & actions["Completed Date"].notna()]
        raised = pd.Series(dates.reindex(keys(mine["Source Ref"]).to_numpy()).to_numpy(),
                           index=mine.index, dtype="datetime64[ns]")
        early = mine["Completed Date"] < raised
        for row, done, ref, when in zip(mine.loc[early, ROW], mine.loc[early, "Completed Date"],
                                        mine.loc[early, "Source Ref"], raised[early],
                                        strict=True):
            found.append(error("Corrective Actions", row, "Completed Date", "invalid.date_order",
                               f"{_where('Corrective Actions', row, 'Completed Date')}: "
                               f"{done.date()} is before {ref} ({sheet_name}, "
                               f"{when.date()}) that raised the action."))
    return found


def _references(wb: WorkbookData) -> Iterator[Finding]:
    action_ids = _names(wb.frame("Corrective Actions"), "Action ID")
    actions = {match_key(i) for i in action_ids}
    near_action = Suggestions(action_ids)
    for sheet_name, column in (("Inspection Log", "Action ID"), ("Emergency Drills", "Action ID"),
                               ("Meetings", "Action IDs"), ("Self-Assessment", "Action ID")):
        frame = wb.frame(sheet_name)
        pointing = [(row, missing) for row, text in zip(frame[ROW].tolist(),
                                                        frame[column].tolist(), strict=True)
                    if isinstance(text, str) and (missing := [
                        i for i in split_names(text) if match_key(i) not in actions])]
        near_action.learn(i for _row, missing in pointing for i in missing)
        for row, missing in pointing:
            hints = "".join(near_action.did_you_mean(i) for i in missing)
            yield error(sheet_name, row, column, "invalid.reference",
                        f"{_where(sheet_name, row, column)}: {', '.join(missing)} "
                        f"{'is' if len(missing) == 1 else 'are'} not on Corrective "
                        f"Actions; add the action there or fix the ID.{hints}")
    ca = wb.frame("Corrective Actions")
    for source, (sheet_name, id_column, _date) in ACTION_SOURCES.items():
        known = set(keys(wb.frame(sheet_name)[id_column])) - {""}
        mine = ca[(keys(ca["Source"]) == source) & ca["Source Ref"].notna()]
        bad = ~keys(mine["Source Ref"]).isin(known)
        near_id = Suggestions(_names(wb.frame(sheet_name), id_column))
        near_id.learn(mine.loc[bad, "Source Ref"])
        for row, ref in zip(mine.loc[bad, ROW], mine.loc[bad, "Source Ref"], strict=True):
            yield error("Corrective Actions", row, "Source Ref", "invalid.reference",
                        f"{_where('Corrective Actions', row, 'Source Ref')}: {ref!r} is not an "
                        f"{id_column} on {sheet_name}.{near_id.did_you_mean(ref)}")
    yield from _names_not_in(wb, ("Inspection Log", "Item"), ("Inspection Schedule", "Item"),
                             "so it counts for no scheduled item; use the schedule's exact "
                             "name.")
    yield from _names_not_in(wb, ("Training Records", "Course"), ("Training Matrix", "Course"),
                             "if it is a required course, use the matrix's exact name.")
    if (keys(wb.frame("Work Sites")["Site"]) != "").any():
        for where in (("Incidents", "Site"), ("Emergency Drills", "Location")):
            yield from _names_not_in(wb, where, ("Work Sites", "Site"),
                                     "use a site's exact name, or add the site there.")


def _names_not_in(wb: WorkbookData, where: tuple[str, str], listed: tuple[str, str],
                  advice: str) -> Iterator[Finding]:
    """Warnings for names in one sheet's column that another sheet does not list."""
    names = _names(wb.frame(listed[0]), listed[1])
    known = {match_key(n) for n in names}
    near = Suggestions(names)
    frame = wb.frame(where[0])
    bad = frame[where[1]].notna() & ~keys(frame[where[1]]).isin(known)
    unknown = frame.loc[bad, where[1]].tolist()
    near.learn(unknown)
    for row, name in zip(frame.loc[bad, ROW].tolist(), unknown, strict=True):
        yield warning(where[0], row, where[1], "invalid.reference",
                      f"{_where(where[0], row, where[1])}: {name!r} is not on the "
                      f"{listed[0]}; {advice}{near.did_you_mean(name)}")
