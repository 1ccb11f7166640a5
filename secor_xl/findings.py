"""A finding: one thing wrong or late, at the sheet, row and column a user sees."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(order=True, slots=True, unsafe_hash=True)
class Finding:
    """One finding. Treat it as immutable; it is hashable.

    Not `frozen`: a workbook of 200,000 rows can have as many findings, and a
    frozen dataclass is made five times slower (each field through
    object.__setattr__).

    Args:
        sheet: the sheet's name.
        row: the spreadsheet row number the user sees (1 is the header row,
            which is where whole-sheet findings point).
        column: the column header, or None for a whole row or sheet.
        severity: error (must fix) or warning (should look at).
        code: `invalid.*`, `overdue.*`, `expired.*` or `missing.*`.
        message: a sentence a bookkeeper understands, naming what to do.
    """

    sheet: str
    row: int
    column: str | None
    severity: Severity
    code: str
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "severity": str(self.severity), "code": self.code, "message": self.message}


def error(sheet: str, row: int, column: str | None, code: str, message: str) -> Finding:
    return Finding(sheet, int(row), column, Severity.ERROR, code, message)


def warning(sheet: str, row: int, column: str | None, code: str, message: str) -> Finding:
    return Finding(sheet, int(row), column, Severity.WARNING, code, message)
