"""Which notes and fills are ours: a record of the cells check marked, kept in the workbook.

A user may type a note that looks like ours or paint a cell in Excel's own Bad
or Neutral colour (the colours a mark paints); neither is ours, and neither may
go when a finding clears. So every write lists the cells it marked on a very
hidden sheet (`MARKS_SHEET`): the sheet, the cell, the fill it painted (blank
when the cell had a fill of the user's, which is kept) and the exact text of our
part of the note. Taking the marks off touches those cells only: our text goes
where it is still there word for word, our fill where it is still the colour we
painted. The colours themselves are ours too: a blue level off Bad and Neutral.

A workbook written before the record existed has no such sheet. There a line
proves itself ours only in the exact shape the older versions wrote, naming the
very sheet and row of the cell it sits on ("secor-xl: Inspection Log row 3,
Date: ... (invalid.date_text)"); a fill goes only from a cell that had such a
line, and only in a mark's colour.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from ..cells import header_key

NOTE_PREFIX = "secor-xl: "
NOTE_SEPARATOR = "\n\n"
ERROR_FILL, WARNING_FILL = "#FFC7CD", "#FFEB9D"
"""The colours a mark paints: a blue level off Excel's built-in Bad (FFC7CE) and Neutral
(FFEB9C) fills, the same to the eye, never what Excel's styles or its palette write, and
kept as they are by Excel and LibreOffice. (A tag in a solid fill's unseen background
colour would not be: LibreOffice rewrites it.)"""
OLD_MARK_FILLS = ("#FFC7CE", "#FFEB9C")
"""What versions before the record painted: Bad and Neutral themselves."""
MARK_FILLS = (ERROR_FILL, WARNING_FILL, *OLD_MARK_FILLS)

K = TypeVar("K", bound=Hashable)

MARKS_SHEET = "secor-xl marks"
MARKS_HEADER = ("Sheet", "Cell", "Fill", "Note")
"""The record's columns: the sheet's title, the cell (B3), the fill we painted, our note."""

MAX_MARKED_CELLS = 5_000
"""Cells one write notes and fills at most, the worst first; every finding still has its
row on the Findings sheet (or is counted in its last line)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A cell we marked: our exact note text and the fill we painted (None: the user's kept)."""

    sheet: str
    row: int
    column: int
    fill: str | None
    note: str

    def record_row(self) -> list[str]:
        return [self.sheet, f"{column_letter(self.column)}{self.row}", self.fill or "",
                self.note]


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_CELL = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


def _cell(text: str) -> tuple[int, int] | None:
    """'B3' -> (3, 2), or None."""
    found = _CELL.fullmatch(text.strip().upper())
    if not found:
        return None
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - 64
    return int(found.group(2)), column


def read_record(rows: Iterable[Iterable[Any]]) -> list[Mark]:
    """The marks listed on the record sheet (its rows as values, header first); a row that
    does not read as one is skipped: it proves nothing, so it clears nothing."""
    marks: list[Mark] = []
    for number, values in enumerate(rows):
        sheet, cell, fill, note, *_rest = [*values, None, None, None, None]
        if number == 0 or not isinstance(sheet, str) or not isinstance(cell, str):
            continue
        where = _cell(cell)
        if where is None:
            continue
        marks.append(Mark(sheet, where[0], where[1],
                          fill if isinstance(fill, str) and fill else None,
                          note if isinstance(note, str) else ""))
    return marks


def our_note(findings: Iterable[tuple[str, str]]) -> str:
    """Our note for one cell from its findings' (message, code): one line each, in order,
    a repeated one once; a message's own line breaks become spaces."""
    lines: list[str] = []
    for message, code in findings:
        line = f"{NOTE_PREFIX}{' '.join(message.split())} ({code})"
        if line not in lines:
            lines.append(line)
    return "\n".join(lines)


def with_our_note(theirs: str | None, ours: str) -> str:
    """The note to show: the user's own text first and untouched, ours after it."""
    return f"{theirs}{NOTE_SEPARATOR}{ours}" if theirs and theirs.strip() else ours


def without_our_note(text: str | None, ours: str) -> tuple[bool, str | None]:
    """(found, what is left) once our recorded text is taken off a note. Ours is found only
    word for word, as whole lines (the whole note, after the user's text, or with their
    lines around it); anything else (the user edited it) is theirs now and stays whole."""
    if not text:
        return False, text
    plain, mine = _lines(text), _lines(ours)
    at = _whole_lines_at(plain, mine) if mine.strip() else None
    if at is None:
        return False, text
    before, after = plain[:at], plain[at + len(mine):]
    left = before.rstrip("\n") + after if before.strip() else after.lstrip("\n")
    if not after.strip():
        left = left.rstrip("\n")  # no blank line left where ours was
    return True, left if left.strip() else None


def _whole_lines_at(text: str, part: str) -> int | None:
    """Where `part` stands in `text` as whole lines (the last such place), or None."""
    at = text.rfind(part)
    while at >= 0:
        end = at + len(part)
        if (at == 0 or text[at - 1] == "\n") and (end == len(text) or text[end] == "\n"):
            return at
        at = text.rfind(part, 0, at + len(part) - 1) if at else -1
    return None


def _lines(text: str) -> str:
    """Line ends as one "\\n" (Excel and LibreOffice may save "\\r\\n")."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_OLD_LINE = re.compile(r"secor-xl: (?P<sheet>.+?) row (?P<row>[0-9]+)\b.* \([a-z]+\.[a-z_]+\)")
"""A line as versions before the record wrote it: the prefix, a message naming the sheet
and row it is about, the finding's code in brackets at the end."""


def without_old_notes(text: str | None, sheet: str, row: int) -> tuple[bool, str | None]:
    """(found, what is left) once the lines an older version provably wrote on this cell
    are taken off: only lines in that exact shape naming this cell's own sheet and row
    (with the blank line put before them). A user's line that starts like ours but names
    another place, or has no code at its end, stays."""
    if not text:
        return False, text
    kept: list[str] = []
    found = False
    for line in _lines(text).split("\n"):
        old = _OLD_LINE.fullmatch(line)
        if old and int(old["row"]) == row and header_key(old["sheet"]) == header_key(sheet):
            found = True
            if kept and not kept[-1].strip():
                kept.pop()  # the separator we added
            continue
        kept.append(line)
    if not found:
        return False, text
    left = "\n".join(kept).strip("\n")
    return True, left if left.strip() else None


def worst_first(cells: Iterable[K], red: set[K]) -> list[K]:
    """The cells to mark, at most `MAX_MARKED_CELLS`: those with an error (`red`) first,
    then the rest, each group in the order check found them. One pass each, at any size."""
    cells = list(cells)
    chosen = list(islice((c for c in cells if c in red), MAX_MARKED_CELLS))
    return chosen + list(islice((c for c in cells if c not in red),
                                MAX_MARKED_CELLS - len(chosen)))


def is_mark_fill(rgb: str | None) -> bool:
    """Whether a fill colour ('FFFFC7CE', '#FFC7CE', 'FFC7CE') is one a mark paints or an
    older version painted."""
    if not rgb:
        return False
    code = str(rgb).lstrip("#").upper()[-6:]
    return code in {c.lstrip("#").upper() for c in MARK_FILLS}


def same_fill(rgb: str | None, painted: str | None) -> bool:
    """Whether a cell's fill colour is still the one we painted."""
    if not rgb or not painted:
        return False
    return str(rgb).lstrip("#").upper()[-6:] == painted.lstrip("#").upper()[-6:]
