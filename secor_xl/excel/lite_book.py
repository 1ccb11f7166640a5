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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..schema import SCHEMA_VERSION
from .book import has_our_note, is_mark_fill, their_note, with_our_note
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
        self._unmark = False
        self._marks: list[tuple[str, int, int, str, str]] = []

    def source(self) -> LiteSource:
        return LiteSource(self.book)

    def resize_table(self, sheet: str, table: str, rows: int) -> None:
        ws = self.book.sheets[sheet]
        t = ws.tables[table]
        top, last = t.range.row, t.range.last_cell
        t.resize(ws.range((top, t.range.column), (top + max(rows, 1), last.column)))

    def mark(self, sheet: str, row: int, column: int, colour: str, note: str) -> None:
        self._marks.append((sheet, row, column, colour, note))

    def unmark_all(self) -> None:
        self._unmark, self._marks = True, []

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
        """Put on the marks the macro asked for: our old notes and fills off first (the
        user's own text and colours stay), then one note and fill per marked cell."""
        notes: dict[tuple[str, str], str | None] = {}
        if self._unmark:
            for ws in self.book.sheets:
                for note in _notes(ws):
                    text = await note.get_text()
                    key = (ws.name, _address(note.range.address))
                    if not has_our_note(text):
                        notes[key] = text
                        continue
                    theirs = their_note(text)
                    if theirs:
                        note.text = theirs
                    else:
                        note.delete()
                    notes[key] = theirs
                    if _is_ours(await note.range.get_color()):
                        note.range.color = None
        for sheet, row, column, colour, text in self._marks:
            cell = self.book.sheets[sheet].range((row, column))
            key = (sheet, _address(cell.address))
            existing = notes.get(key)
            fill = await cell.get_color()
            if fill is None or _is_ours(fill):
                cell.color = colour
            if key in notes and existing is not None:
                cell.note.text = with_our_note(existing, text)
            elif cell.note is not None and key not in notes:
                cell.note.text = with_our_note(await cell.note.get_text(), text)
            else:
                cell.add_note(with_our_note(None, text))
        self._marks, self._unmark = [], False


def _notes(ws: Any) -> list[Any]:
    try:
        return list(ws.notes)
    except NotImplementedError:  # an Excel without notes in its API (ExcelApi < 1.18)
        return []


def _address(address: str) -> str:
    return address.replace("$", "").split("!")[-1].upper()


def _is_ours(colour: object) -> bool:
    if isinstance(colour, str):
        return is_mark_fill(colour)
    return isinstance(colour, tuple) and len(colour) == 3 and is_mark_fill(
        "{:02X}{:02X}{:02X}".format(*colour))


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
