"""`Book` on a file: openpyxl edits, a backup, an atomic replace.

Used by `secor-xl check --write` and the tests. Reading goes through
calamine on the file as saved; writes collect in openpyxl and land only in
`save()`, after the safety checks of `safety.py`.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import io
import sys
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from ..builder import printing
from ..errors import UserError
from ..files import atomic_output
from ..reader.package import damaged
from ..reader.read import FileSource, Source
from ..writelock import acquire
from .book import as_text_if_formula, free_table_name
from .charts import keep_as_read, pin_data_labels
from .lite_parts import (
    carry_lite_parts,
    damage_warning,
    lite_damaged,
    with_lite_code,
)
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
from .safety import backup, refuse_if_foreign, refuse_if_lossy, refuse_if_open


class FileBook:
    """A workbook file opened for writing, holding its writer lock (`writelock`) from
    before it is read until `save()` or `close()` (also `with FileBook(...) as book`), so
    no other secor-xl writes it in between.

    Args:
        path: the .xlsx or .xlsm.
        force: write even when openpyxl would drop something (a backup is kept).
        say: where messages and progress go (the command line prints them).
        button: the button that does the same inside Excel, for the "open in Excel"
            refusal (None when there is none).
    """

    def __init__(self, path: Path, force: bool = False,
                 say: Callable[[str], None] | None = None, button: str | None = "Check") -> None:
        self.path = Path(path)
        self._say = say or (lambda _text: None)
        self._release = weakref.finalize(self, acquire(self.path))
        try:
            self._open(force, button)
        except BaseException:
            self.close()
            raise
        self.messages: list[str] = []
        self.warnings: list[str] = []
        """What the command line says on stderr after a write (a damaged Lite part)."""

    def _open(self, force: bool, button: str | None) -> None:
        source = FileSource(self.path)  # a usable workbook, or a clear UserError
        try:
            sheet_names = source.sheet_names()
        finally:
            source.close()
        refuse_if_open(self.path, button)
        self.lost = refuse_if_lossy(self.path, force)
        refuse_if_foreign(self.path, sheet_names, source.names())
        self._wb: Any = None

    def close(self) -> None:
        """Give back the writer lock (done by `save()`; again is harmless)."""
        self._release()

    def __enter__(self) -> FileBook:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def wb(self) -> Any:
        """The openpyxl workbook, loaded at the first write: after the check has read the
        file, so the reader's memory and openpyxl's do not add up on a large workbook."""
        if self._wb is None:
            try:
                wb = openpyxl.load_workbook(self.path,
                                            keep_vba=self.path.suffix.lower() == ".xlsm",
                                            keep_links=True, rich_text=True)
            except UserError:
                raise
            except Exception as exc:  # openpyxl raises many kinds on a damaged package
                raise damaged(self.path, exc) from None
            keep_as_read(wb, self.path)
            self._wb = wb
        return self._wb

    def source(self) -> Source:
        return FileSource(self.path)

    def _sheet(self, name: str) -> Any:
        """The sheet `name`, found as Excel finds it: in any case."""
        if name not in self.wb.sheetnames:
            same = [n for n in self.wb.sheetnames if n.casefold() == name.casefold()]
            if same:
                return self.wb[same[0]]
            raise UserError(f"{self.path}: has no sheet {name!r}; build a new master with "
                            "secor-xl init and copy the records over.")
        return self.wb[name]

    def write_rows(self, sheet: str, row: int, column: int, rows: list[list[Any]]) -> None:
        ws = self._sheet(sheet)
        _unmerge(ws, row, column, row + len(rows) - 1,
                 column + max((len(v) for v in rows), default=1) - 1)
        for r, values in enumerate(rows, start=row):
            for c, value in enumerate(values, start=column):
                cell = ws.cell(row=r, column=c)
                cell.value = value
                _value, is_formula_text = as_text_if_formula(value)
                if is_formula_text:
                    cell.data_type = "s"

    def write_formula(self, sheet: str, row: int, column: int, formula: str,
                      array: bool) -> None:
        cell = self._sheet(sheet).cell(row=row, column=column)
        if isinstance(cell, MergedCell):
            return  # merged into its neighbour by the user: no cell of its own to fill
        cell.value = ArrayFormula(cell.coordinate, formula) if array else formula

    def clear(self, sheet: str, first_row: int, last_row: int, columns: int) -> None:
        ws = self._sheet(sheet)
        _unmerge(ws, first_row, 1, last_row, columns)
        cells = ws._cells  # only cells that exist: an empty one is not made to be emptied
        for r in range(first_row, last_row + 1):
            for c in range(1, columns + 1):
                cell = cells.get((r, c))
                if cell is not None:
                    cell.value = None

    def resize_table(self, sheet: str, table: str, rows: int) -> None:
        ws = self._sheet(sheet)
        if table in ws.tables:
            t = ws.tables[table]
        elif len(ws.tables) == 1:  # the sheet's one table, under another name
            t = next(iter(ws.tables.values()))
        else:
            return
        min_col, min_row, max_col, _max_row = range_boundaries(t.ref)
        ref = (f"{get_column_letter(min_col)}{min_row}:"
               f"{get_column_letter(max_col)}{min_row + max(rows, 1)}")
        t.ref = ref
        if t.autoFilter is not None:
            t.autoFilter.ref = ref

    def remark(self, marks: Iterable[tuple[str, int, int, str, str]]) -> None:
        record = self.wb[MARKS_SHEET] if MARKS_SHEET in self.wb.sheetnames else None
        if record is None:
            self._unmark_old()
        else:
            self._unmark(read_record(record.iter_rows(values_only=True)))
            del self.wb[MARKS_SHEET]
        done = [self.mark(*mark) for mark in marks]
        if not done and record is None:
            return  # nothing marked, nothing to record: no new sheet in a clean workbook
        record = self.wb.create_sheet(MARKS_SHEET)
        record.sheet_state = "veryHidden"
        record.append(list(MARKS_HEADER))
        for mark in done:
            record.append(mark.record_row())
        for cell in record["D"]:
            cell.data_type = "s"  # our note is text, never a formula

    def mark(self, sheet: str, row: int, column: int, colour: str, note: str) -> Mark:
        """One cell's note and fill; what was done, for the record."""
        ws = self._sheet(sheet)
        cell = _top_left(ws, row, column)  # a merged range's note goes on its top-left cell
        painted = None
        if cell.fill is None or cell.fill.fill_type is None:
            cell.fill = PatternFill("solid", fgColor=colour.lstrip("#"))
            painted = colour
        old = cell.comment
        comment = Comment(with_our_note(old.text if old else None, note),
                          old.author if old is not None and old.author else "secor-xl")
        width, height = (old.width, old.height) if old else (300, 90)
        comment.width, comment.height = width, max(height, _note_height(comment.text, width))
        cell.comment = comment
        return Mark(ws.title, cell.row, cell.column, painted, note)

    def _unmark(self, marks: list[Mark]) -> None:
        """Take off what the record says we did, where it is still as we left it."""
        for mark in marks:
            if mark.sheet not in self.wb.sheetnames:
                continue
            cell = self.wb[mark.sheet]._cells.get((mark.row, mark.column))
            if cell is None:
                continue
            old = cell.comment
            found, theirs = without_our_note(old.text if old else None, mark.note)
            if found:
                _keep_note(cell, theirs)
            if same_fill(_fill_colour(cell.fill), mark.fill):
                cell.fill = PatternFill(fill_type=None)

    def _unmark_old(self) -> None:
        """A workbook an older version wrote (no record): its notes' lines in that version's
        exact shape, naming their own cell, go; so does the mark-coloured fill of a cell
        that had one."""
        for ws in self.wb.worksheets:
            for cell in list(ws._cells.values()):
                old = cell.comment
                if old is None:
                    continue
                found, theirs = without_old_notes(old.text, ws.title, cell.row)
                if not found:
                    continue
                _keep_note(cell, theirs)
                if is_mark_fill(_fill_colour(cell.fill)):
                    cell.fill = PatternFill(fill_type=None)

    def write_links(self, sheet: str, row: int, column: int,
                    targets: Sequence[str | None]) -> None:
        ws = self._sheet(sheet)
        linked = _Restyled(self.wb, "_fonts", "fontId",
                           lambda font: _link_font(font, LINK_COLOUR, "single"))
        plain = _Restyled(self.wb, "_fonts", "fontId", lambda font: _link_font(font, None, None))
        for r, target in enumerate(targets, start=row):
            if target is None:
                cell = ws._cells.get((r, column))  # an empty cell has no link to take off
                if cell is not None and cell.hyperlink is not None:
                    cell.hyperlink = None
                    plain.apply(cell)
                continue
            cell = ws.cell(row=r, column=column)
            # `location`, not `target`: a place in this workbook, with no relationship
            # part (a `target` would be written as an external address)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target,
                                       tooltip=f"Go to {target}")
            linked.apply(cell)

    def add_sheet(self, sheet: str, header: list[str], table: str) -> None:
        ws = self.wb.create_sheet(sheet)
        for c, name in enumerate(header, start=1):
            ws.cell(row=1, column=c, value=name)
        taken = {name for other in self.wb.worksheets for name in other.tables}
        ref = f"A1:{get_column_letter(len(header))}2"
        made = Table(displayName=free_table_name(table, taken), ref=ref)
        made.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(made)

    def lay_out_report(self, sheet: str, widths: list[float], wrapped: list[int],
                       rows: int) -> None:
        ws = self._sheet(sheet)
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = width
        top = self.wb._alignments.add(Alignment(vertical="top"))
        wrap = self.wb._alignments.add(Alignment(vertical="top", wrap_text=True))
        for r in range(2, rows + 2):
            for c in range(1, len(widths) + 1):
                # The style's index, found once: setting `alignment` on each of tens of
                # thousands of cells hashes the same Alignment every time.
                _style_of(ws.cell(row=r, column=c)).alignmentId = wrap if c in wrapped else top
            # As tall as the wrapped text: LibreOffice keeps a row's height on opening.
            lines = max((printing.wrapped_lines(str(ws.cell(row=r, column=c).value or ""),
                                                widths[c - 1]) for c in wrapped), default=1)
            ws.row_dimensions[r].height = printing.lines_height(lines) if lines > 1 else None
        for r, dimension in ws.row_dimensions.items():  # rows a longer list left tall
            if r > rows + 1:
                dimension.height = None
        printing.apply_openpyxl(ws, printing.for_columns(widths))

    def name_cell(self, name: str) -> tuple[str, int, int] | None:
        defined = self.wb.defined_names.get(name)
        if defined is None:
            return None
        for sheet, ref in defined.destinations:
            min_col, min_row, _max_col, _max_row = range_boundaries(ref.replace("$", ""))
            return sheet, min_row, min_col
        return None

    def selected_row(self, sheet: str) -> int | None:
        return None  # a file has no selection the user just made

    def message(self, text: str) -> None:
        self.messages.append(text)
        self._say(text)

    def status(self, text: str | None) -> None:
        if text:
            self._say(text)

    def save(self, keep_backup: bool = True, label: str | None = None,
             lite: Mapping[str, str] | None = None) -> Path | None:
        """Back up the file into `backups/` (the newest few kept, a labelled one always),
        write a temporary copy beside it, replace atomically; the backup's path.
        `keep_backup=False` only for a file this program made a moment ago (the demo's).
        `lite`: the xlwings Lite code (main.py, requirements.txt) to write in place of the
        file's own Lite parts, which are otherwise kept as they are (upgrade only: the
        user's code is not changed by the other commands).
        The writer lock is given back after, whatever happens."""
        try:
            return self._save(keep_backup, label, lite)
        finally:
            self.close()

    def _save(self, keep_backup: bool, label: str | None,
              lite: Mapping[str, str] | None) -> Path | None:
        if not self._release.alive:  # saved once already: hold the lock again to write
            self._release = weakref.finalize(self, acquire(self.path))
        kept: list[Path] = []

        def keep(path: Path) -> None:
            if keep_backup:
                kept.append(backup(path, label=label))

        # Serialise in memory first: a failure there leaves no half-open file behind,
        # and a full disk or a size limit fails in one plain write below.
        data = io.BytesIO()
        failure = None
        pin_data_labels(self.wb)  # a Dashboard's charts too, which upgrade puts in
        with unraisable_kept_quiet():
            try:
                self.wb.save(data)  # openpyxl still writes each sheet to a temporary file
            except Exception as exc:  # the disk, a size limit: the file is not touched yet
                failure = f"{type(exc).__name__}: {exc}"
        if failure is not None:
            raise UserError(f"{self.path}: could not be written ({failure}); nothing was "
                            "changed.")
        if lite is not None:
            written = with_lite_code(data.getvalue(), lite)
        else:
            if lite_damaged(self.path):  # carried as it is; said once, before the write
                self.warnings.append(damage_warning(self.path))
                self.message(self.warnings[-1])
            # openpyxl drops the xlwings Lite code; it goes back in as it was
            written = carry_lite_parts(self.path, data.getvalue())
        with atomic_output(self.path, force=True, keep=keep) as tmp:
            tmp.write_bytes(written)
        return kept[0] if kept else None


@contextlib.contextmanager
def unraisable_kept_quiet() -> Iterator[None]:
    """Keep a failed save's half-closed writers from printing "Exception ignored ..."
    tracebacks when they are collected: the one line the user sees is ours."""
    previous = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        yield
    finally:
        gc.collect()
        sys.unraisablehook = previous


LINK_COLOUR = "FF0563C1"
"""Excel's Hyperlink style colour: a linked cell looks like a link."""


class _Restyled:
    """One part of cells' style (a font, a fill) changed the same way in many cells: each
    different old style is changed and stored once, then cells take its index."""

    def __init__(self, wb: Any, collection: str, key: str,
                 change: Callable[[Any], Any | None]) -> None:
        self.styles = getattr(wb, collection)
        self.key, self.change = key, change
        self.done: dict[int, int] = {}

    def apply(self, cell: Any) -> None:
        style = _style_of(cell)
        old = getattr(style, self.key)
        if old not in self.done:
            new = self.change(self.styles[old])
            self.done[old] = old if new is None else self.styles.add(new)
        setattr(style, self.key, self.done[old])


def _style_of(cell: Any) -> Any:
    """A cell's own style indexes (a new cell has none until one is set)."""
    if not cell._style:
        cell._style = StyleArray()
    return cell._style


def _link_font(font: Any, colour: str | None, underline: str | None) -> Any | None:
    """`font` looking like a link (colour and underline) or like plain text again (None,
    None); None when it already does."""
    if _is_link_font(font) == (underline is not None):
        return None
    changed = copy.copy(font)
    changed.color, changed.underline = colour, underline
    return changed


def _is_link_font(font: Any) -> bool:
    colour = getattr(font.color, "rgb", None) if font is not None else None
    return (font is not None and font.underline == "single" and isinstance(colour, str)
            and colour.upper().endswith(LINK_COLOUR[2:]))


def _unmerge(ws: Any, min_row: int, min_col: int, max_row: int, max_col: int) -> None:
    """Undo merged ranges that would swallow cells we are about to write (rows of Findings,
    the Dashboard's lines: our cells): a cell merged into another takes no value. A range
    of which we write only the top-left cell (the Dashboard's summary lines) stays."""
    if max_row < min_row:
        return
    for merged in list(ws.merged_cells.ranges):
        rows = (max(min_row, merged.min_row), min(max_row, merged.max_row))
        cols = (max(min_col, merged.min_col), min(max_col, merged.max_col))
        if rows[0] > rows[1] or cols[0] > cols[1]:
            continue  # not in the block
        if rows == (merged.min_row,) * 2 and cols == (merged.min_col,) * 2:
            continue  # only its top-left cell, which holds the range's value
        ws.unmerge_cells(merged.coord)


def _top_left(ws: Any, row: int, column: int) -> Any:
    """The cell at `row`, `column`, or the top-left cell of the merged range over it: a
    cell merged into another holds no value, fill or note of its own."""
    cell = ws.cell(row=row, column=column)
    if not isinstance(cell, MergedCell):
        return cell
    for merged in ws.merged_cells.ranges:
        if cell.coordinate in merged:
            return ws.cell(row=merged.min_row, column=merged.min_col)
    return cell


def _note_height(text: str, width: int) -> int:
    """A note's height in pixels that shows all of `text` at `width` pixels (about 6 pixels
    a character, 15 a line), so several findings on one cell all show when it opens."""
    per_line = max(10, int(width) // 6)
    lines = sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))
    return 15 * lines + 10


def _fill_colour(fill: Any) -> str | None:
    """A solid fill's RGB colour, else None."""
    if fill is None or fill.fill_type != "solid" or fill.fgColor is None:
        return None
    return fill.fgColor.rgb if fill.fgColor.type == "rgb" else None


def _keep_note(cell: Any, theirs: str | None) -> None:
    """Leave only the user's part of a note (none: no note), its author and size kept."""
    old = cell.comment
    if theirs:
        kept = Comment(theirs, old.author)
        kept.width, kept.height = old.width, old.height
        cell.comment = kept
    else:
        cell.comment = None
