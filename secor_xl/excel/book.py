"""The seam between the macros and a workbook: live Excel (xlwings) or a file (openpyxl).

The macros in `macros.py` are written once against `Book`; `XlwingsBook`
drives the workbook open in Excel, `FileBook` edits a file on disk for
`secor-xl check --write` and the tests. Rows, columns and sheets are the ones
a user sees: rows and columns count from 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..cells import header_key
from ..reader.read import Source

FORMULA_STARTS = ("=", "+", "-", "@")
"""Text that a spreadsheet would take for a formula: always written as text."""

NOTE_PREFIX = "secor-xl: "
"""Our notes start with this; a user's note never loses its text to ours."""
NOTE_SEPARATOR = "\n\n"
ERROR_FILL, WARNING_FILL = "#FFC7CE", "#FFEB9C"
MARK_FILLS = (ERROR_FILL, WARNING_FILL)
"""The only fills a mark paints, and so the only ones taking a mark off may clear."""


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

    def mark(self, sheet: str, row: int, column: int, colour: str, note: str) -> None:
        """Attach our note (after the user's own, if any) and fill the cell with `colour`
        unless the user gave it a fill of their own, which is kept. Once per cell: `note`
        holds every finding on it (`our_note`), and replaces any older note of ours."""
        ...

    def unmark_all(self) -> None:
        """Take every mark off: our part of each note goes (the user's stays), and our
        fill goes where it is still ours (a MARK_FILLS colour)."""
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


def with_our_note(existing: str | None, ours: str) -> str:
    """The note to show: the user's own text kept, ours after it (an old one of ours replaced)."""
    theirs = their_note(existing)
    return f"{theirs}{NOTE_SEPARATOR}{ours}" if theirs else ours


_OUR_LINE = re.compile(r"secor-xl: .* \([a-z]+\.[a-z_]+\)\r?")
"""A line of ours: the prefix, the message, the finding's code in brackets at its end (any
code: `over.worker_limit` and `late.wcb_report` too, or a second run would keep theirs as the
user's and add them again)."""


def our_note(findings: Iterable[tuple[str, str]]) -> str:
    """Our note for one cell from its findings' (message, code): one line each, in order,
    a repeated one once. Each line keeps our shape (a message's own line breaks become
    spaces), so `their_note` takes them all off again and a second check adds nothing."""
    lines: list[str] = []
    for message, code in findings:
        line = f"{NOTE_PREFIX}{' '.join(message.split())} ({code})"
        if line not in lines:
            lines.append(line)
    return "\n".join(lines)


def cell_location(sheet: str, row: int, column: int) -> str:
    """Where an internal link goes, as Excel writes it: 'Inspection Log'!C5 (the name
    always quoted, a quote in it doubled)."""
    return f"'{sheet.replace(chr(39), chr(39) * 2)}'!{column_letter(column)}{row}"


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def their_note(text: str | None) -> str | None:
    """The user's part of a note, every line of it, in place; None when nothing is left.

    Only whole lines in our exact shape go ("secor-xl: ... (overdue.action)"), with
    the blank line we put before one; a user's reply below ours, a line of theirs
    just above it, or their own text that starts with "secor-xl: " all stay.
    """
    if not text:
        return None
    kept: list[str] = []
    for line in text.split("\n"):
        if _OUR_LINE.fullmatch(line):
            if kept and not kept[-1].strip():
                kept.pop()  # the separator we added
            continue
        kept.append(line)
    left = "\n".join(kept).strip("\r\n")  # no blank line left where ours was
    return left if left.strip() else None


def has_our_note(text: str | None) -> bool:
    return bool(text) and any(_OUR_LINE.fullmatch(line) for line in str(text).split("\n"))


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


def is_mark_fill(rgb: str | None) -> bool:
    """Whether a fill colour ('FFFFC7CE', '#FFC7CE', 'FFC7CE') is one a mark paints."""
    if not rgb:
        return False
    code = str(rgb).lstrip("#").upper()[-6:]
    return code in {c.lstrip("#").upper() for c in MARK_FILLS}


def as_text_if_formula(value: Any) -> tuple[Any, bool]:
    """(value, True) when a string would be read as a formula and must be stored as text."""
    return value, isinstance(value, str) and value.startswith(FORMULA_STARTS)
