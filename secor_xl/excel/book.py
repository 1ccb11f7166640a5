"""The seam between the macros and a workbook: live Excel (xlwings) or a file (openpyxl).

The macros in `macros.py` are written once against `Book`; `XlwingsBook`
drives the workbook open in Excel, `FileBook` edits a file on disk for
`secor-xl check --write` and the tests. Rows, columns and sheets are the ones
a user sees: rows and columns count from 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..cells import header_key
from ..reader.read import Source
from .marks import column_letter

FORMULA_STARTS = ("=", "+", "-", "@")
"""Text that a spreadsheet would take for a formula: always written as text."""

MAX_FINDING_ROWS = 20_000
"""Rows the Findings sheet holds at most (the worst first); a last line says how many more
there are and how to see them all, so a write stays quick at any size."""


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

    def write_formula(self, sheet: str, row: int, column: int, formula: str,
                      array: bool) -> None:
        """A formula into one cell, array-entered (Ctrl+Shift+Enter) when `array`."""
        ...

    def remark(self, marks: Iterable[tuple[str, int, int, str, str]]) -> None:
        """Take our old marks off (only what the record in `marks.MARKS_SHEET` proves ours,
        or an older version's exact note lines), then mark each (sheet, row, column,
        colour, note): our note after the user's own, if any; the fill `colour` unless the
        cell has a fill of the user's, which is kept; and record what was done."""
        ...

    def write_links(self, sheet: str, row: int, column: int,
                    targets: Sequence[str | None]) -> None:
        """Cells from (row, column) down each link to a place in this workbook, one target a
        cell: a `cell_location` such as 'Inspection Log'!C5. None: that cell gets no link (an
        old one is taken off). The cells' values stay as they are."""
        ...

    def add_sheet(self, sheet: str, header: list[str], table: str) -> None:
        """Add a sheet with a header row and an Excel Table named `table` under it."""
        ...

    def lay_out_report(self, sheet: str, widths: list[float], wrapped: list[int],
                       rows: int) -> None:
        """Column widths of a sheet secor-xl writes whole (Findings), its `wrapped` columns'
        text wrapped in the first `rows` rows under the header, and, where the book can,
        its print setup (`builder.printing`)."""
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








def cell_location(sheet: str, row: int, column: int) -> str:
    """Where an internal link goes, as Excel writes it: 'Inspection Log'!C5 (the name
    always quoted, a quote in it doubled)."""
    return f"'{sheet.replace(chr(39), chr(39) * 2)}'!{column_letter(column)}{row}"








def find_sheet(wb: Any, name: str) -> Any | None:
    """The openpyxl sheet called `name` as the reader matches names (spaces folded, any
    case), or None."""
    wanted = header_key(name)
    return next((ws for ws in wb.worksheets if header_key(ws.title) == wanted), None)


def free_table_name(name: str, taken: set[str]) -> str:
    """`name`, or `name2`, `name3`...: table names are unique across a workbook (a renamed
    Findings sheet keeps its table)."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}{n}"
    return candidate




def as_text_if_formula(value: Any) -> tuple[Any, bool]:
    """(value, True) when a string would be read as a formula and must be stored as text."""
    return value, isinstance(value, str) and value.startswith(FORMULA_STARTS)
