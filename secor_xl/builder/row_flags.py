"""Conditional formats that colour a log's rows: overdue red, due soon amber, inactive grey.

Formulas are relative to the first data row (row 2), in A1 references, since
Excel does not take structured references in conditional formats; another sheet's
column only through a defined name (`FLAG_NAMES`), as Excel's file format allows
no other way (a direct reference is refused or dropped by some readers).
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_col_to_name

from ..schema import Sheet, sheet
from .formulas import AS_OF


def _cell(s: Sheet, column: str) -> str:
    return f"${xl_col_to_name(s.column_names.index(column))}2"


def _whole(s: Sheet, column: str) -> str:
    letter = xl_col_to_name(s.column_names.index(column))
    return f"${letter}:${letter}"


FLAG_NAMES: dict[str, tuple[str, str]] = {
    "Flag_EmployeeName": ("Employees", "Name"),
    "Flag_EmployeePosition": ("Employees", "Position"),
    "Flag_MatrixPosition": ("Training Matrix", "Position"),
    "Flag_MatrixCourse": ("Training Matrix", "Course"),
    "Flag_MatrixValidity": ("Training Matrix", "Validity Months"),
}
"""Defined names of the other sheets' whole columns the row flags read: name -> (sheet,
column)."""


def flag_name_formula(name: str, title: str | None = None) -> str:
    """`'Employees'!$B:$B`: what a flag name points at (`title`: the sheet's own title
    where the workbook's differs from the schema's)."""
    sheet_name, column = FLAG_NAMES[name]
    return f"'{title or sheet_name}'!{_whole(sheet(sheet_name), column)}"


def _due_flags(column: str) -> Any:
    def flags(s: Sheet) -> list[tuple[str, str]]:
        due = _cell(s, column)
        return [("red", f"AND(ISNUMBER({due}),{due}<{AS_OF})"),
                ("amber", f"AND(ISNUMBER({due}),{due}>={AS_OF},{due}<{AS_OF}+30)")]
    return flags


def _action_flags(s: Sheet) -> list[tuple[str, str]]:
    due, status = _cell(s, "Due Date"), _cell(s, "Status")
    open_ = f'UPPER(TRIM({status}))<>"CLOSED"'
    return [("red", f"AND({open_},ISNUMBER({due}),{due}<{AS_OF})"),
            ("amber", f"AND({open_},ISNUMBER({due}),{due}>={AS_OF},{due}<{AS_OF}+30)")]


def _training_flags(s: Sheet) -> list[tuple[str, str]]:
    """The most recent record of an employee's course, when it has expired or soon will.

    The expiry is the typed one, else Completed + the matrix's Validity Months
    for the employee's position. Only the latest completion of a course is
    marked, so a renewed ticket's old record stays plain.
    """
    emp, course, done, exp = (_cell(s, c) for c in
                              ("Employee", "Course", "Completed Date", "Expiry Date"))
    position = f"INDEX(Flag_EmployeePosition,MATCH(TRIM({emp}),Flag_EmployeeName,0))"
    m_pos, m_course, m_valid = "Flag_MatrixPosition", "Flag_MatrixCourse", "Flag_MatrixValidity"
    has_validity = f'COUNTIFS({m_pos},{position},{m_course},TRIM({course}),{m_valid},">=0")>0'
    validity = f"_xlfn.MAXIFS({m_valid},{m_pos},{position},{m_course},TRIM({course}))"
    never = "2958465"  # 9999-12-31: no expiry
    expiry = (f"IF(ISNUMBER({exp}),{exp},IFERROR(IF(AND(ISNUMBER({done}),{has_validity}),"
              f"EDATE({done},{validity}),{never}),{never}))")
    latest = (f"COUNTIFS({_whole(s, 'Employee')},{emp},{_whole(s, 'Course')},{course},"
              f"{_whole(s, 'Completed Date')},\">\"&{done})=0")
    return [("red", f'AND(TRIM({emp})<>"",{latest},{expiry}<{AS_OF})'),
            ("amber", f'AND(TRIM({emp})<>"",{latest},{expiry}>={AS_OF},{expiry}<{AS_OF}+30)')]


def _schedule_flags(s: Sheet) -> list[tuple[str, str]]:
    """The row's own Status (`row_formulas.status`): red when Overdue or Never inspected,
    amber when Next Due is within 30 days, grey when Retired."""
    status, due = _cell(s, "Status"), _cell(s, "Next Due")
    return [("red", f'OR({status}="Overdue",{status}="Never inspected")'),
            ("amber", f'AND({status}="Current",ISNUMBER({due}),{due}<{AS_OF}+30)'),
            ("grey", f'{status}="Retired"')]


def _employee_flags(s: Sheet) -> list[tuple[str, str]]:
    return [("grey", f'UPPER(TRIM({_cell(s, "Status")}))="INACTIVE"')]


def _incident_flags(s: Sheet) -> list[tuple[str, str]]:
    kind, wcb = _cell(s, "Type"), _cell(s, "Reported To WCB")
    return [("red", f'AND(UPPER(TRIM({kind}))="LOST TIME",UPPER(TRIM({wcb}))<>"YES")')]


def _representative_flags(s: Sheet) -> list[tuple[str, str]]:
    ends = _cell(s, "Term Ends")
    return [("grey", f"AND(ISNUMBER({ends}),{ends}<{AS_OF})")]


def _register_flags(s: Sheet) -> list[tuple[str, str]]:
    """Contractors still on site whose WCB clearance or insurance has run out (red) or runs
    out within 30 days (amber); anyone who has left, grey."""
    kind, left = _cell(s, "Type"), _cell(s, "Last On Site")
    clear, insured = _cell(s, "WCB Clearance Expiry"), _cell(s, "Insurance Expiry")
    here = (f'OR(UPPER(TRIM({kind}))="CONTRACTOR",UPPER(TRIM({kind}))="SELF-EMPLOYED"),'
            f"OR(NOT(ISNUMBER({left})),{left}>={AS_OF})")
    soonest = f"MIN(IF(ISNUMBER({clear}),{clear},0),IF(ISNUMBER({insured}),{insured},0))"
    return [("red", f"AND({here},{soonest}<{AS_OF})"),
            ("amber", f"AND({here},{soonest}>={AS_OF},{soonest}<{AS_OF}+30)"),
            ("grey", f"AND(ISNUMBER({left}),{left}<{AS_OF})")]


def _findings_flags(s: Sheet) -> list[tuple[str, str]]:
    return [("red", f'{_cell(s, "Severity")}="error"'),
            ("amber", f'{_cell(s, "Severity")}="warning"')]


ROW_FLAGS: dict[str, Any] = {
    "Corrective Actions": _action_flags,
    "Training Records": _training_flags,
    "Inspection Schedule": _schedule_flags,
    "Program Documents": _due_flags("Review Due"),
    "Hazard Assessments": _due_flags("Review Due"),
    "Employees": _employee_flags,
    "Incidents": _incident_flags,
    "HS Representatives": _representative_flags,
    "Contractors and Visitors": _register_flags,
    "Findings": _findings_flags,
}
