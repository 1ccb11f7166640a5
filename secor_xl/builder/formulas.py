"""The workbook's own formulas: the three Dashboard counts and the row flags.

They are the promise that the workbook works without Python, so the engine
must agree with them exactly (`shared/design/workbook.md`). Each count is one
legacy array formula (entered like Ctrl+Shift+Enter) over structured table
references: rows added to a table are counted, and there is no helper cell a
user could break. Only functions that Excel 2010+ and LibreOffice both know
are used (no dynamic arrays, no LAMBDA, no MAXIFS in the counts).

Matching is by `UPPER(TRIM(x))` equality, never by COUNTIF/MATCH, so `*` and
`?` in names are plain characters. EDATE does not take arrays in every Excel,
so month arithmetic over arrays is spelled out with DATE (`edate_array`),
clamping to the month's end exactly as EDATE does.
"""

from __future__ import annotations

from ..schema import COMPANY_FIELDS, FREQUENCY_INTERVALS, sheet

AS_OF = 'IF(AsOfDate="",TODAY(),AsOfDate)'
"""The as-of day every formula uses: the `AsOfDate` cell, blank meaning today."""

# A harmless stand-in date (2000-01-01) where a cell is not a date, so that
# YEAR/MONTH/DAY never raise #VALUE! inside an array; such rows are always
# multiplied by an ISNUMBER(...) of 0.
_SAFE_DATE = "36526"


def ref(sheet_name: str, column: str) -> str:
    """A structured reference to a whole table column, e.g. `Employees[Name]`."""
    sh = sheet(sheet_name)
    sh.column(column)  # KeyError for a column the schema does not have
    escaped = column.replace("'", "''").replace("[", "'[").replace("]", "']").replace("#", "'#")
    return f"{sh.table_name}[{escaped}]"


def company_cell(field_name: str) -> str:
    """The absolute address of a Company field's value, e.g. `Company!$B$3` (the form has
    a header row, then one field a row in schema order)."""
    row = [c.name for c in COMPANY_FIELDS].index(field_name) + 2
    return f"Company!$B${row}"


def key(expr: str) -> str:
    """The comparison key of text: trimmed and upper case."""
    return f"UPPER(TRIM({expr}))"


def row_vector(expr: str) -> str:
    return f"TRANSPOSE({expr})"


def ones(column_ref: str) -> str:
    """A column of ones as long as the table column, for MMULT row sums."""
    return f"ROW({column_ref})^0"


def date_or_safe(column_ref: str) -> str:
    return f"IF(ISNUMBER({column_ref}),{column_ref},{_SAFE_DATE})"


def edate_array(date_expr: str, months_expr: str) -> str:
    """EDATE(date, months) that also works element-wise on arrays.

    DATE(y, m+n, 1) - 1 + day, with the day clamped to the last day of the
    target month, DAY(DATE(y, m+n+1, 0)).
    """
    y, m, d = f"YEAR({date_expr})", f"MONTH({date_expr})", f"DAY({date_expr})"
    last = f"DAY(DATE({y},{m}+{months_expr}+1,0))"
    return f"(DATE({y},{m}+{months_expr},1)-1+{d}-({d}>{last})*({d}-{last}))"


def _frequency_sum(freq_key: str, part: int) -> str:
    """Months (part 0) or days (part 1) of the frequency named by `freq_key`."""
    terms = [f'({freq_key}="{name.upper()}")*{interval[part]}'
             for name, interval in FREQUENCY_INTERVALS.items() if interval[part]]
    return "(" + "+".join(terms) + ")"


def overdue_inspections() -> str:
    """Active schedule items never inspected, or whose latest inspection is overdue.

    "Latest inspection + interval < as-of" equals "no inspection on or before
    the as-of day whose own due date is on or after it", because the due date
    grows with the inspection date; the second form needs no per-item MAX.
    """
    item, freq, active = (ref("Inspection Schedule", c) for c in ("Item", "Frequency", "Active"))
    log_item, log_date = ref("Inspection Log", "Item"), ref("Inspection Log", "Date")
    months, days = _frequency_sum(key(freq), 0), _frequency_sum(key(freq), 1)
    log_dates = row_vector(date_or_safe(log_date))
    counted = row_vector(f"ISNUMBER({log_date})*({log_date}<={AS_OF})")
    same_item = f"({key(item)}={row_vector(key(log_item))})"
    still_due = f"(({edate_array(log_dates, months)}+{days})>={AS_OF})"
    current = f"MMULT({same_item}*{counted}*{still_due},{ones(log_date)})"
    return (f"=SUM(({key(active)}<>\"NO\")*(TRIM({item})<>\"\")*({current}=0))")


def expired_training() -> str:
    """(Active employee, required course) pairs with no current record.

    A record is current when its expiry (typed, else Completed + the matrix's
    Validity Months, else none) is on or after the as-of day; "the record with
    the latest expiry expires before the as-of day" is the same as "no record
    is current". A matrix row repeated for the same position and course counts
    once (only its first occurrence is kept).
    """
    m_pos, m_course, m_valid, m_req = (
        ref("Training Matrix", c) for c in ("Position", "Course", "Validity Months", "Required"))
    r_emp, r_course, r_done, r_exp = (
        ref("Training Records", c)
        for c in ("Employee", "Course", "Completed Date", "Expiry Date"))
    e_name, e_pos, e_status = (ref("Employees", c) for c in ("Name", "Position", "Status"))

    is_required = f'({key(m_req)}="YES")'
    required = f'{is_required}*(TRIM({m_course})<>"")'
    earlier_same = (f"({key(m_pos)}={row_vector(key(m_pos))})"
                    f"*({key(m_course)}={row_vector(key(m_course))})"
                    f"*{row_vector(is_required)}"
                    f"*(ROW({m_pos})>{row_vector(f'ROW({m_pos})')})")
    first_required = f"{required}*(MMULT({earlier_same},{ones(m_pos)})=0)"

    has_expiry = row_vector(f"ISNUMBER({r_exp})")
    expiry = row_vector(f"IF(ISNUMBER({r_exp}),{r_exp},0)")
    has_done = row_vector(f"ISNUMBER({r_done})")
    done = row_vector(date_or_safe(r_done))
    has_valid = f"ISNUMBER({m_valid})"
    valid = f"IF(ISNUMBER({m_valid}),{m_valid},0)"
    derived_current = f"({edate_array(done, valid)}>={AS_OF})"
    record_current = (f"({key(m_course)}={row_vector(key(r_course))})"
                      f"*({has_expiry}*({expiry}>={AS_OF})"
                      f"+(1-{has_expiry})*((1-{has_valid})+{has_valid}*{has_done}*{derived_current}))")
    # *1: Excel's MMULT takes numbers only, and a comparison gives TRUE/FALSE (LibreOffice
    # coerces them; Excel shows #VALUE!), so every boolean array is made a number first
    record_of = f"(({key(r_emp)}={row_vector(key(e_name))})*1)"
    current_count = f"MMULT({record_current},{record_of})"
    active = row_vector(f'({key(e_status)}<>"INACTIVE")*(TRIM({e_name})<>"")')
    pairs = f"{first_required}*({key(m_pos)}={row_vector(key(e_pos))})*{active}"
    return f"=SUM({pairs}*({current_count}=0))"


def overdue_actions() -> str:
    """Corrective actions not Closed whose Due Date is before the as-of day."""
    status, due = ref("Corrective Actions", "Status"), ref("Corrective Actions", "Due Date")
    return f'=SUM(({key(status)}<>"CLOSED")*ISNUMBER({due})*({due}<{AS_OF}))'


DASHBOARD_COUNTS: dict[str, tuple[str, str]] = {
    # defined name: (label on the Dashboard, JSON key in check's summary.counts)
    "OverdueInspections": ("Overdue inspections", "overdue_inspections"),
    "ExpiredTraining": ("Expired or missing required training", "expired_training"),
    "OverdueActions": ("Overdue corrective actions", "overdue_actions"),
}

COUNT_FORMULAS = {
    "OverdueInspections": overdue_inspections,
    "ExpiredTraining": expired_training,
    "OverdueActions": overdue_actions,
}


def last_12_months(sheet_name: str, date_column: str) -> str:
    """How many rows of a log fall in the 12 months up to the as-of day."""
    col = ref(sheet_name, date_column)
    return (f'=COUNTIFS({col},">"&EDATE({AS_OF},-12),{col},"<="&{AS_OF})')
