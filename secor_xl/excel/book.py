"""The seam between the macros and a workbook: live Excel (xlwings) or a file (openpyxl).

The macros in `macros.py` are written once against `Book`; `XlwingsBook`
drives the workbook open in Excel, `FileBook` edits a file on disk for
`secor-xl check --write` and the tests. Rows, columns and sheets are the ones
a user sees: rows and columns count from 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from ..reader.read import Source

FORMULA_STARTS = ("=", "+", "-", "@")
"""Text that a spreadsheet would take for a formula: always written as text."""


class Book(Protocol):
    """What a macro may do to a workbook."""

    path: Path

    def source(self) -> Source:
        """The workbook's cells, for `read_source`."""
        ...

    def write_rows(self, sheet: str, row: int, column: int, rows: list[list[Any]]) -> None:
        """Values from (row, column) on, right and down; text is never a formula."""
        ...

    def clear(self, sheet: str, first_row: int, last_row: int, columns: int) -> None:
        """Empty the values of rows first_row..last_row in columns 1..columns."""
        ...

    def resize_table(self, sheet: str, table: str, rows: int) -> None:
        """Make a table hold `rows` data rows (at least one)."""
        ...

    def mark(self, sheet: str, row: int, column: int, colour: str, note: str) -> None:
        """Fill a cell and attach a note that says why."""
        ...

    def unmark_all(self, note_prefix: str) -> None:
        """Remove the fill and note of every cell whose note starts with `note_prefix`."""
        ...

    def name_cell(self, name: str) -> tuple[str, int, int] | None:
        """(sheet, row, column) of a single-cell defined name."""
        ...

    def selected_row(self, sheet: str) -> int | None:
        """The row of the selected cell, when `sheet` is the active sheet."""
        ...

    def message(self, text: str) -> None:
        ...

    def status(self, text: str | None) -> None:
        """Show progress (None clears it)."""
        ...

    def save(self) -> Path | None:
        """Keep the changes; a file returns where its backup went."""
        ...


def as_text_if_formula(value: Any) -> tuple[Any, bool]:
    """(value, True) when a string would be read as a formula and must be stored as text."""
    return value, isinstance(value, str) and value.startswith(FORMULA_STARTS)
