"""`Book` on the workbook open in Excel, through the free (BSD) part of xlwings.

The only code that needs Excel: kept thin, every call a direct translation.
Reading uses the values Excel shows, so unsaved edits are checked too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..reader.package import TablePart
from .book import as_text_if_formula, free_table_name
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


class LiveSource:
    """The cells, tables and names of an open xlwings Book."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.path = Path(book.fullname)

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def rows(self, sheet: str) -> list[list[Any]]:
        ws = self.book.sheets[sheet]
        last = ws.used_range.last_cell
        values = ws.range((1, 1), (last.row, last.column)).options(ndim=2).value
        return [[("" if v is None else v) for v in row] for row in values]

    def tables(self) -> list[TablePart]:
        parts = []
        for ws in self.book.sheets:
            for table in ws.tables:
                rng = table.range
                parts.append(TablePart(
                    table.name, ws.name, (rng.row, rng.column - 1),
                    (rng.last_cell.row - 1, rng.last_cell.column - 1),
                    tuple(str(h) for h in table.header_row_range.value)))
        return parts

    def names(self) -> dict[str, str]:
        return {n.name: str(n.refers_to).lstrip("=") for n in self.book.names}

    def formula_rows(self, sheet: str, columns: set[int]) -> dict[int, set[int]] | None:
        ws = self.book.sheets[sheet]
        last = ws.used_range.last_cell.row
        found = {}
        for c in columns:
            texts = ws.range((1, c + 1), (last, c + 1)).options(ndim=2).formula
            found[c] = {r for r, (text, *_rest) in enumerate(texts, start=1)
                        if str(text).startswith("=")}
        return found


class XlwingsBook:
    """The workbook that called the macro (`xw.Book.caller()`)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.path = Path(book.fullname)

    @classmethod
    def caller(cls) -> XlwingsBook:
        import xlwings as xw

        return cls(xw.Book.caller())

    def source(self) -> LiveSource:
        return LiveSource(self.book)

    def write_rows(self, sheet: str, row: int, column: int, rows: list[list[Any]]) -> None:
        if not rows:
            return
        safe = [[f"'{v}" if as_text_if_formula(v)[1] else v for v in r] for r in rows]
        self.book.sheets[sheet].range((row, column)).value = safe

    def write_formula(self, sheet: str, row: int, column: int, formula: str,
                      array: bool) -> None:
        cell = self.book.sheets[sheet].range((row, column))
        if array:
            cell.formula_array = formula
        else:
            cell.formula = formula

    def clear(self, sheet: str, first_row: int, last_row: int, columns: int) -> None:
        if last_row >= first_row:
            self.book.sheets[sheet].range((first_row, 1), (last_row, columns)).clear_contents()

    def resize_table(self, sheet: str, table: str, rows: int) -> None:
        ws = self.book.sheets[sheet]
        t = ws.tables[table]
        top = t.range[0, 0]
        t.resize(ws.range(top, (top.row + max(rows, 1), t.range.last_cell.column)))

    def remark(self, marks: Iterable[tuple[str, int, int, str, str]]) -> None:
        names = [ws.name for ws in self.book.sheets]
        if MARKS_SHEET in names:
            record = self.book.sheets[MARKS_SHEET]
            self._unmark(read_record(record.used_range.options(ndim=2).value or []))
            record.clear_contents()
        else:
            self._unmark_old()
            record = None
        done = [self._mark(*mark) for mark in marks]
        if not done and record is None:
            return
        if record is None:
            record = self.book.sheets.add(MARKS_SHEET, after=self.book.sheets[-1])
            record.api.Visible = XL_SHEET_VERY_HIDDEN
        record.range("D:D").number_format = "@"  # our notes are text, never formulas
        record.range((1, 1)).value = [list(MARKS_HEADER), *(m.record_row() for m in done)]

    def _mark(self, sheet: str, row: int, column: int, colour: str, note: str) -> Mark:
        cell = self.book.sheets[sheet].range((row, column))
        painted = None
        if cell.color is None:
            cell.color = colour
            painted = colour
        existing = cell.note.text if cell.note is not None else None
        if hasattr(cell.api, "AddComment"):  # Excel on Windows; on a Mac the fill alone
            if cell.note is not None:
                cell.note.delete()
            cell.api.AddComment(with_our_note(existing, note))
        return Mark(cell.sheet.name, row, column, painted, note)

    def _unmark(self, marks: list[Mark]) -> None:
        names = {ws.name for ws in self.book.sheets}
        for mark in marks:
            if mark.sheet not in names:
                continue
            cell = self.book.sheets[mark.sheet].range((mark.row, mark.column))
            text = cell.note.text if cell.note is not None else None
            found, theirs = without_our_note(text, mark.note)
            if found:
                _keep_note(cell, theirs)
            if same_fill(_rgb(cell.color), mark.fill):
                cell.color = None

    def _unmark_old(self) -> None:
        for ws in self.book.sheets:
            for note in list(ws.api.Comments) if hasattr(ws.api, "Comments") else []:
                cell = ws.range(note.Parent.Address)
                found, theirs = without_old_notes(str(note.Text()), ws.name, cell.row)
                if not found:
                    continue
                _keep_note(cell, theirs)
                if is_mark_fill(_rgb(cell.color)):
                    cell.color = None

    def write_links(self, sheet: str, row: int, column: int,
                    targets: Sequence[str | None]) -> None:
        if not targets:
            return
        ws = self.book.sheets[sheet]
        span = ws.range((row, column), (row + len(targets) - 1, column))
        # Old links go first (Excel's ClearHyperlinks, 2010 and later, takes their blue
        # underline too); a Mac has neither, and a new link there replaces the old one.
        if hasattr(span.api, "ClearHyperlinks"):
            span.api.ClearHyperlinks()
        elif hasattr(span.api, "Hyperlinks"):
            span.api.Hyperlinks.Delete()
        texts = span.options(ndim=1).value
        for i, target in enumerate(targets):
            if target is None:
                continue
            cell = ws.range((row + i, column))
            text = "" if texts[i] is None else str(texts[i])
            if hasattr(ws.api, "Hyperlinks"):  # Windows: a link to a place in this workbook
                ws.api.Hyperlinks.Add(Anchor=cell.api, Address="", SubAddress=target,
                                      ScreenTip=f"Go to {target}", TextToDisplay=text)
            else:  # macOS: xlwings' own call; "#" makes it a place in this workbook
                cell.add_hyperlink(f"#{target}", text, f"Go to {target}")

    def add_sheet(self, sheet: str, header: list[str], table: str) -> None:
        taken = {t.name for s in self.book.sheets for t in s.tables}
        ws = self.book.sheets.add(sheet, after=self.book.sheets[-1])
        ws.range((1, 1)).value = header
        ws.tables.add(ws.range((1, 1), (2, len(header))), name=free_table_name(table, taken))

    def lay_out_report(self, sheet: str, widths: list[float], wrapped: list[int],
                       rows: int) -> None:
        """Widths and wrapping; the print setup is the master's Findings sheet's own."""
        ws = self.book.sheets[sheet]
        for c, width in enumerate(widths, start=1):
            ws.range((1, c)).column_width = width
        if rows:
            for c in wrapped:
                ws.range((2, c), (rows + 1, c)).wrap_text = True
            ws.range((2, 1), (rows + 1, len(widths))).rows.autofit()

    def name_cell(self, name: str) -> tuple[str, int, int] | None:
        for n in self.book.names:
            if n.name == name:
                rng = n.refers_to_range
                return rng.sheet.name, rng.row, rng.column
        return None

    def selected_row(self, sheet: str) -> int | None:
        selection = self.book.selection
        if selection is None or selection.sheet.name != sheet:
            return None
        return int(selection.row)

    def message(self, text: str) -> None:
        self.book.app.alert(text, title="secor-xl")

    def status(self, text: str | None) -> None:
        self.book.app.status_bar = text or False

    def save(self) -> Path | None:
        """Excel keeps the changes; the user saves as usual."""
        return None


XL_SHEET_VERY_HIDDEN = 2
"""Excel's xlSheetVeryHidden: the record of our marks is not in the Unhide list."""


def _keep_note(cell: Any, theirs: str | None) -> None:
    """Leave only the user's part of a cell's note (none: no note)."""
    cell.note.delete()
    if theirs:
        cell.api.AddComment(theirs)


def _rgb(colour: object) -> str | None:
    """A cell colour as xlwings gives it, (r, g, b), as 'RRGGBB'; None when it has none."""
    if not isinstance(colour, tuple) or len(colour) != 3:
        return None
    return "{:02X}{:02X}{:02X}".format(*colour)
