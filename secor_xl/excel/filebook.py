"""`Book` on a file: openpyxl edits, a backup, an atomic replace.

Used by `secor-xl check --write` and the tests. Reading goes through
calamine on the file as saved; writes collect in openpyxl and land only in
`save()`, after the safety checks of `safety.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter, range_boundaries

from ..errors import UserError
from ..files import atomic_output
from ..reader.read import FileSource, Source
from .book import as_text_if_formula
from .safety import backup, refuse_if_lossy, refuse_if_open


class FileBook:
    """A workbook file opened for writing.

    Args:
        path: the .xlsx or .xlsm.
        force: write even when openpyxl would drop something (a backup is kept).
        say: where messages and progress go (the command line prints them).
    """

    def __init__(self, path: Path, force: bool = False,
                 say: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self._say = say or (lambda _text: None)
        FileSource(self.path).close()  # a usable workbook, or a clear UserError
        refuse_if_open(self.path)
        self.lost = refuse_if_lossy(self.path, force)
        self.wb = openpyxl.load_workbook(self.path, keep_vba=self.path.suffix.lower() == ".xlsm",
                                         keep_links=True, rich_text=True)
        _pin_data_labels(self.wb)
        self.messages: list[str] = []

    def source(self) -> Source:
        return FileSource(self.path)

    def _sheet(self, name: str) -> Any:
        if name not in self.wb.sheetnames:
            raise UserError(f"{self.path}: has no sheet {name!r}; build a new master with "
                            "secor-xl init and copy the records over.")
        return self.wb[name]

    def write_rows(self, sheet: str, row: int, column: int, rows: list[list[Any]]) -> None:
        ws = self._sheet(sheet)
        for r, values in enumerate(rows, start=row):
            for c, value in enumerate(values, start=column):
                cell = ws.cell(row=r, column=c)
                cell.value = value
                _value, is_formula_text = as_text_if_formula(value)
                if is_formula_text:
                    cell.data_type = "s"

    def clear(self, sheet: str, first_row: int, last_row: int, columns: int) -> None:
        ws = self._sheet(sheet)
        for r in range(first_row, last_row + 1):
            for c in range(1, columns + 1):
                ws.cell(row=r, column=c).value = None

    def resize_table(self, sheet: str, table: str, rows: int) -> None:
        ws = self._sheet(sheet)
        if table not in ws.tables:
            return
        t = ws.tables[table]
        min_col, min_row, max_col, _max_row = range_boundaries(t.ref)
        ref = (f"{get_column_letter(min_col)}{min_row}:"
               f"{get_column_letter(max_col)}{min_row + max(rows, 1)}")
        t.ref = ref
        if t.autoFilter is not None:
            t.autoFilter.ref = ref

    def mark(self, sheet: str, row: int, column: int, colour: str, note: str) -> None:
        cell = self._sheet(sheet).cell(row=row, column=column)
        cell.fill = PatternFill("solid", fgColor=colour.lstrip("#"))
        comment = Comment(note, "secor-xl")
        comment.width, comment.height = 300, 90
        cell.comment = comment

    def unmark_all(self, note_prefix: str) -> None:
        for ws in self.wb.worksheets:
            for cell in list(ws._cells.values()):
                if cell.comment is not None and cell.comment.text.startswith(note_prefix):
                    cell.comment = None
                    cell.fill = PatternFill(fill_type=None)

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

    def save(self, keep_backup: bool = True) -> Path | None:
        """Back up the file into `backups/` (the newest few kept), write a temporary copy
        beside it, replace atomically; the backup's path. `keep_backup=False` only for a
        file this program made a moment ago (the demo's)."""
        kept: list[Path] = []

        def keep(path: Path) -> None:
            if keep_backup:
                kept.append(backup(path))

        with atomic_output(self.path, force=True, keep=keep) as tmp:
            self.wb.save(tmp)
        return kept[0] if kept else None


_LABEL_PARTS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
                "showBubbleSize")


def _pin_data_labels(wb: Any) -> None:
    """Write every chart's data-label switches out in full.

    openpyxl writes back only the switches that are on, and says the file comes
    from openpyxl; LibreOffice then reads a missing switch as on (the standard's
    default), so a chart that showed values shows series and category names too.
    Spelling out the ones that are off keeps the chart as it was, in any reader.
    """
    for ws in wb.worksheets:
        for chart in getattr(ws, "_charts", []):
            lists = [getattr(chart, "dLbls", None),
                     *(getattr(s, "dLbls", None) for s in getattr(chart, "series", []))]
            for labels in lists:
                if labels is None:
                    continue
                for part in _LABEL_PARTS:
                    if getattr(labels, part, None) is None:
                        setattr(labels, part, False)

