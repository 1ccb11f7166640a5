"""The formulas of the computed columns: each row shows why the Dashboard counts it.

Inspection Schedule's Last Inspected, Next Due and Status, and Training
Matrix's Counted, Current From and Workers Missing, let a consultant read the
counts row by row; the Dashboard only adds them up (`formulas.py`). They
follow `rules/status.py` exactly, as the counts did before them.

Last Inspected, Counted and Workers Missing look at other rows, so they are legacy
array formulas written into every row (an Excel table cannot hold an array
formula as a calculated column); the others are ordinary calculated columns,
which Excel fills into new rows. LibreOffice fills neither, so check reports a
row without its formula (`missing.formula`) and `--write` puts it back
(`excel/macros.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..schema import ColumnType, sheet
from .formulas import AS_OF, date_or_safe, frequency_sum, key, ref, row_vector


@dataclass(frozen=True)
class RowFormula:
    """One computed column: its formula (structured references to this row in the file's
    `[#This Row]` form), whether it is array-entered and whether it shows a date."""

    text: str
    array: bool
    date: bool = False


def this_row(sheet_name: str, column: str) -> str:
    """This row's cell of a table column, e.g. `Employees[[#This Row],[Name]]`."""
    table, column_part = ref(sheet_name, column).split("[", 1)
    return f"{table}[[#This Row],[{column_part}]"


def _schedule(column: str) -> str:
    return this_row("Inspection Schedule", column)


def last_inspected() -> str:
    """The latest Inspection Log date of this item on or before the as-of day."""
    log_item, log_date = ref("Inspection Log", "Item"), ref("Inspection Log", "Date")
    item = _schedule("Item")
    # a comparison never raises on text (only arithmetic does), so the hits need no guard
    hit = (f"({key(log_item)}={key(item)})*ISNUMBER({log_date})"
           f"*({log_date}<={AS_OF})")
    return (f'=IF(TRIM({item})="","",IF(SUM({hit})=0,"",'
            f"MAX({hit}*{date_or_safe(log_date)})))")


def next_due() -> str:
    """Last Inspected plus the Frequency's months (EDATE, month-end clamped) and days."""
    last, freq = _schedule("Last Inspected"), key(_schedule("Frequency"))
    months, days = frequency_sum(freq, 0), frequency_sum(freq, 1)
    return f'=IF(ISNUMBER({last}),EDATE({last},{months})+{days},"")'


def status() -> str:
    """Retired, Never inspected, Overdue or Current: what `inspection_status` decides."""
    item, active = _schedule("Item"), _schedule("Active")
    last, due = _schedule("Last Inspected"), _schedule("Next Due")
    return (f'=IF(TRIM({item})="","",IF({key(active)}="NO","Retired",'
            f'IF(NOT(ISNUMBER({last})),"Never inspected",'
            f'IF({due}<{AS_OF},"Overdue","Current"))))')


def counted() -> str:
    """Yes when the course is required and no earlier line has the same position and
    course (`training_status` keeps the first), else No; blank on a line with no course."""
    m_pos, m_course, m_req = (ref("Training Matrix", c)
                              for c in ("Position", "Course", "Required"))
    pos, course, req = (this_row("Training Matrix", c)
                        for c in ("Position", "Course", "Required"))
    earlier = (f"SUM(({key(m_pos)}={key(pos)})*({key(m_course)}={key(course)})"
               f'*({key(m_req)}="YES")*(ROW({m_pos})<ROW({pos})))')
    return (f'=IF(TRIM({course})="","",'
            f'IF(AND({key(req)}="YES",{earlier}=0),"Yes","No"))')


def current_from() -> str:
    """The first completion day still current on the as-of day; blank without a validity.

    EDATE(done, v) >= day exactly when done >= EDATE(day, -v), plus one day where
    EDATE(day, -v) was clamped to a month's end (EDATE(Mar 31, -1) is Feb 28, and
    Feb 28 + 1 month is Mar 28): one scalar EDATE where the engine adds months to
    every record.
    """
    valid = this_row("Training Matrix", "Validity Months")
    back = f"EDATE({AS_OF},-{valid})"
    return f'=IF(ISNUMBER({valid}),{back}+(EDATE({back},{valid})<{AS_OF}),"")'


def workers_missing() -> str:
    """Active workers of this line's Position with no current record of its Course.

    A record is current when its typed expiry is on or after the as-of day, else
    when the course does not expire (blank Current From), else when it was
    completed on or after Current From.
    """
    pos, course, since = (this_row("Training Matrix", c)
                          for c in ("Position", "Course", "Current From"))
    r_emp, r_course, r_done, r_exp = (
        ref("Training Records", c)
        for c in ("Employee", "Course", "Completed Date", "Expiry Date"))
    e_name, e_pos, e_status, e_start = (ref("Employees", c)
                                        for c in ("Name", "Position", "Status", "Start Date"))
    typed = f"ISNUMBER({r_exp})"
    current = (f"({key(r_course)}={key(course)})*({typed}*({r_exp}>={AS_OF})+(1-{typed})"
               f"*IF(ISNUMBER({since}),ISNUMBER({r_done})*({r_done}>={since}),1))")
    # *1: Excel's MMULT takes numbers only (a TRUE/FALSE array is #VALUE! there)
    held = f"MMULT(({key(e_name)}={row_vector(key(r_emp))})*1,{current})"
    started = f"(1-ISNUMBER({e_start})*({e_start}>{AS_OF}))"
    active = f'({key(e_status)}<>"INACTIVE")*(TRIM({e_name})<>"")*{started}'
    counted_here = this_row("Training Matrix", "Counted")
    return (f'=IF({counted_here}="Yes",'
            f'SUM({active}*({key(e_pos)}={key(pos)})*({held}=0)),"")')


ROW_FORMULAS: dict[tuple[str, str], tuple[bool, bool, Callable[[], str]]] = {
    ("Inspection Schedule", "Last Inspected"): (True, True, last_inspected),
    ("Inspection Schedule", "Next Due"): (False, True, next_due),
    ("Inspection Schedule", "Status"): (False, False, status),
    ("Training Matrix", "Counted"): (True, False, counted),
    ("Training Matrix", "Current From"): (False, True, current_from),
    ("Training Matrix", "Workers Missing"): (True, False, workers_missing),
}
"""(sheet, column) -> (array-entered, shows a date, formula maker), for every computed
column without a table formula in the schema."""


def row_formula(sheet_name: str, column: str) -> RowFormula:
    """The formula of a computed column, Risk Rank's table formula included."""
    entry = ROW_FORMULAS.get((sheet_name, column))
    if entry is not None:
        array, date, make = entry
        return RowFormula(make(), array, date)
    s = sheet(sheet_name)
    text = s.column(column).formula
    if text is None:
        raise KeyError(f"{sheet_name}: {column} is not a computed column")
    # `[@Severity]` as the file stores it: `Table[[#This Row],[Severity]]`
    return RowFormula(re.sub(r"\[@([^\]]+)\]",
                             lambda m: f"{s.table_name}[[#This Row],[{m.group(1)}]]", text),
                      False)


def computed_columns(sheet_name: str) -> list[str]:
    """The computed columns of a sheet, in schema order."""
    return [c.name for c in sheet(sheet_name).columns if c.type is ColumnType.FORMULA]
