"""The buttons inside Excel with nothing installed: `Book` over xlwings Lite's Book.

xlwings Lite runs Python in Excel through Pyodide and hands a script the open
workbook. What it sends differs from desktop xlwings in a few ways this module
absorbs, so the engine and the macros run unchanged:
- dates may arrive as ISO text ("2025-03-01T00:00:00"): read back as datetimes;
- names refer to ranges only, so the `SchemaVersion` constant is not there: this
  package's schema version stands in (the Lite code is built with the workbook);
- formulas, fills and note texts are read on demand (`await`): the reader gets no
  formula rows (a missing computed formula is the desktop check's to find), and
  marks are gathered while the macro runs and put on afterwards by `apply`.
Sources: docs/research/xlwings_lite.md (L-02, L-05).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..schema import SCHEMA_VERSION
from .marks import (
    MARKS_HEADER,
    MARKS_SHEET,
    Mark,
    is_mark_fill,
    read_record,
    same_fill,
    with_our_note,
    without_old_notes,
    without_our_note,
)
from .xlbook import LiveSource, XlwingsBook

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")

NO_DOCUMENTS = ("The Word documents (policy, emergency plan, minutes, readiness report) need "
                "secor-xl on a computer: use the Documents button of secor_master.xlsm, or "
                "run secor-xl docs on this workbook. Check and Refresh score work here.")


def _value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and _ISO.fullmatch(value):
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment.replace(tzinfo=None)
    return value


class LiteSource(LiveSource):
    """The cells, tables and range names of the workbook xlwings Lite sent."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.path = Path(str(getattr(book, "name", "") or "workbook.xlsx"))

    def rows(self, sheet: str) -> list[list[Any]]:
        return [[_value(v) for v in row] for row in super().rows(sheet)]

    def names(self) -> dict[str, str]:
        found = {str(n.name): str(n.refers_to).lstrip("=") for n in self.book.names}
        found.setdefault("SchemaVersion", f'"{SCHEMA_VERSION}"')
        return found

    def formula_rows(self, sheet: str, columns: set[int]) -> dict[int, set[int]] | None:
        return None  # formulas come only on request (await); unknown here


class LiteBook(XlwingsBook):
    """The workbook open in Excel, through xlwings Lite; call `apply` after a macro."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.path = Path(str(getattr(book, "name", "") or "workbook.xlsx"))
        self._remark = False
        self._marks: list[tuple[str, int, int, str, str]] = []

    def source(self) -> LiteSource:
        return LiteSource(self.book)

    def resize_table(self, sheet: str, table: str, rows: int) -> None:
        ws = self.book.sheets[sheet]
        t = ws.tables[table]
        top, last = t.range.row, t.range.last_cell
        t.resize(ws.range((top, t.range.column), (top + max(rows, 1), last.column)))

    def remark(self, marks: Iterable[tuple[str, int, int, str, str]]) -> None:
        self._marks, self._remark = list(marks), True

    def write_links(self, sheet: str, row: int, column: int,
                    targets: Sequence[str | None]) -> None:
        if not targets:
            return
        ws = self.book.sheets[sheet]
        texts = ws.range((row, column), (row + len(targets) - 1, column)).options(
            ndim=1).value
        for i, target in enumerate(targets):
            if target is not None:
                text = "" if texts[i] is None else str(texts[i])
                ws.range((row + i, column)).add_hyperlink(f"#{target}", text,
                                                          f"Go to {target}")

    def lay_out_report(self, sheet: str, widths: list[float], wrapped: list[int],
                       rows: int) -> None:
        ws = self.book.sheets[sheet]
        for c, width in enumerate(widths, start=1):
            ws.range((1, c)).column_width = width
        for c in wrapped if rows else ():
            ws.range((2, c), (rows + 1, c)).wrap_text = True

    def status(self, text: str | None) -> None:
        if text:
            print(text)  # Lite's output pane

    async def apply(self) -> None:
        """Take our old marks off and put the new ones on, as `XlwingsBook.remark` does: only
        what the record sheet proves ours (or an older version's exact lines) goes; the
        user's note text and fill stay; the record lists what was done."""
        if not self._remark:
            return
        left: dict[tuple[str, int, int], str | None] = {}
        names = [ws.name for ws in self.book.sheets]
        record = self.book.sheets[MARKS_SHEET] if MARKS_SHEET in names else None
        if record is not None:
            for old in read_record(record.used_range.options(ndim=2).value or []):
                if old.sheet in names:
                    cell = self.book.sheets[old.sheet].range((old.row, old.column))
                    text = await _note_text(cell)
                    found, theirs = without_our_note(text, old.note)
                    if found:
                        left[(old.sheet, old.row, old.column)] = _keep(cell, theirs)
                    if same_fill(_rgb(await cell.get_color()), old.fill):
                        cell.color = None
            record.clear_contents()
        else:
            for ws in self.book.sheets:
                for note in _notes(ws):
                    cell = note.range
                    found, theirs = without_old_notes(await note.get_text(), ws.name,
                                                      cell.row)
                    if found:
                        left[(ws.name, cell.row, cell.column)] = _keep(cell, theirs)
                        if is_mark_fill(_rgb(await cell.get_color())):
                            cell.color = None
        done = [await self._mark_cell(left, *mark) for mark in self._marks]
        self._marks, self._remark = [], False
        if not done and record is None:
            return
        if record is None:
            record = self.book.sheets.add(MARKS_SHEET, after=self.book.sheets[-1])
            with contextlib.suppress(Exception):  # hidden where Lite's API can hide it
                record.visible = False
        record.range("D:D").number_format = "@"  # our notes are text, never formulas
        record.range((1, 1)).value = [list(MARKS_HEADER), *(m.record_row() for m in done)]

    async def _mark_cell(self, left: dict[tuple[str, int, int], str | None], sheet: str, row: int,
                    column: int, colour: str, note: str) -> Mark:
        cell = self.book.sheets[sheet].range((row, column))
        painted = None
        if await cell.get_color() is None:
            cell.color = colour
            painted = colour
        key = (sheet, row, column)
        existing = left[key] if key in left else await _note_text(cell)
        text = with_our_note(existing, note)
        if existing is not None or (key not in left and cell.note is not None):
            cell.note.text = text
        else:
            cell.add_note(text)
        return Mark(sheet, row, column, painted, note)


async def _note_text(cell: Any) -> str | None:
    note = cell.note
    return None if note is None else str(await note.get_text())


def _keep(cell: Any, theirs: str | None) -> str | None:
    """Leave only the user's part of a cell's note (none: no note); what is left."""
    if theirs:
        cell.note.text = theirs
    else:
        cell.note.delete()
    return theirs


def _notes(ws: Any) -> list[Any]:
    try:
        return list(ws.notes)
    except NotImplementedError:  # an Excel without notes in its API (ExcelApi < 1.18)
        return []


def _address(address: str) -> str:
    return address.replace("$", "").split("!")[-1].upper()


def _rgb(colour: object) -> str | None:
    """A colour as Lite gives it ((r, g, b), or "#RRGGBB") as 'RRGGBB'; None for none."""
    if isinstance(colour, str):
        return colour.lstrip("#").upper() or None
    if isinstance(colour, tuple) and len(colour) == 3:
        return "{:02X}{:02X}{:02X}".format(*colour)
    return None


@contextlib.contextmanager
def _guarded(book: LiteBook) -> Iterator[None]:
    """A plain message, never a traceback, as the desktop buttons do."""
    try:
        yield
    except UserError as exc:
        book.message(f"secor-xl: {exc}")
    except Exception as exc:  # the last line of defence inside Excel
        book.message(f"secor-xl could not finish: {exc}. Save your work, then try again; "
                     "if it happens again, run secor-xl check on the file for details.")


async def check(book: Any, as_of: dt.date | None = None) -> Any:
    """The Check button: Findings, notes, links and self-test, as on the desktop."""
    from . import macros

    lite = LiteBook(book)
    with _guarded(lite):
        result = macros.check(lite, as_of)
        await lite.apply()
        return result
    return None


async def refresh_score(book: Any, as_of: dt.date | None = None) -> Any:
    """The Refresh score button: the Dashboard's readiness table, as on the desktop."""
    from . import macros

    lite = LiteBook(book)
    with _guarded(lite):
        return macros.refresh_score(lite, as_of)
    return None


def documents(book: Any) -> None:
    """What the Documents button says here: Word documents need the desktop."""
    LiteBook(book).message(NO_DOCUMENTS)
