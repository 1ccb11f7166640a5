"""The workbook's own formulas: the three Dashboard counts and their building blocks.

They are the promise that the workbook works without Python, so the engine
must agree with them exactly (`shared/design/workbook.md`). The counts add up
columns that each row computes (`row_formulas.py`: a schedule item's Status,
a training line's Workers Missing), so a consultant can read why a row counts;
the formulas stay under 1,000 characters. Only functions of Excel 2019 and
LibreOffice 7 are used (no dynamic arrays, LET or LAMBDA), and every
TRUE/FALSE array is made a number before MMULT or SUMPRODUCT, which take
numbers only in Excel (`tests/test_excel_strict.py`).

Matching is by `UPPER(TRIM(x))` equality, never by a COUNTIF/MATCH criterion on
a user's text, so `*` and `?` in names are plain characters.
"""

from __future__ import annotations

from ..schema import COMPANY_FIELDS, FREQUENCY_INTERVALS, sheet

AS_OF = 'IF(AsOfDate="",TODAY(),AsOfDate)'
"""The as-of day every formula uses: the `AsOfDate` cell, blank meaning today."""

# A harmless stand-in date (2000-01-01) where a cell is not a date, so that
# arithmetic and YEAR never raise #VALUE! inside an array; such rows are always
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


def date_or_safe(column_ref: str) -> str:
    return f"IF(ISNUMBER({column_ref}),{column_ref},{_SAFE_DATE})"


def frequency_sum(freq_key: str, part: int) -> str:
    """Months (part 0) or days (part 1) of the frequency named by `freq_key`."""
    terms = [f'({freq_key}="{name.upper()}")*{interval[part]}'
             for name, interval in FREQUENCY_INTERVALS.items() if interval[part]]
    return "(" + "+".join(terms) + ")"


def overdue_inspections() -> str:
    """Schedule items whose Status (`row_formulas.status`) is Overdue or Never inspected."""
    status = ref("Inspection Schedule", "Status")
    return f'=COUNTIF({status},"Overdue")+COUNTIF({status},"Never inspected")'


def expired_training() -> str:
    """(Active employee, required course) pairs with no current record: the Training
    Matrix's Workers Missing (`row_formulas.workers_missing`), added up."""
    return f"=SUM({ref('Training Matrix', 'Workers Missing')})"


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
