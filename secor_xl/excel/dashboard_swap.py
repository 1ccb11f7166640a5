"""`upgrade`'s Dashboard: the current one, copied in from a freshly built master.

The Dashboard holds nothing a client typed (it is protected; its values are
formulas, and the few cells the engine writes are written again by the next
check or score), so an older one is replaced whole rather than patched row by
row: that way a later Dashboard change needs no migration code either. The
copy keeps the sheet's place and name; cells, styles, column widths, merged
cells, conditional formats, charts, protection, print settings and the
Dashboard's defined names come from the new master. Structured references are
renamed where the client's tables carry other names than a new master's.
"""

from __future__ import annotations

import tempfile
from copy import copy
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.formula import ArrayFormula

from ..builder.build import build_workbook
from ..errors import UserError
from .book import find_sheet
from .charts import keep_as_read
from .computed import renamed, table_renames, tables_in
from .filebook import unraisable_kept_quiet


def master_dashboard(upgrading: Path) -> Any:
    """The openpyxl workbook of a new master (schema and Dashboard of this version), built
    in the temporary folder; a full one or a file-size limit is a UserError naming it."""
    failure = ""
    with unraisable_kept_quiet():  # the failed build's half-closed zip, collected quietly
        try:
            with tempfile.TemporaryDirectory(prefix="secor-xl-upgrade-") as folder:
                path = Path(folder) / "master.xlsx"
                build_workbook(path)
                master = openpyxl.load_workbook(path)
                keep_as_read(master, path)  # its charts as built, not as openpyxl redoes them
                return master
        except Exception as exc:  # OSError, xlsxwriter's FileCreateError: the space, a limit
            failure = str(exc)
    raise UserError(f"{upgrading}: could not build this version's Dashboard in the "
                    f"temporary folder {tempfile.gettempdir()} ({failure}); nothing was "
                    "changed. Free some space there (or point TMPDIR at a folder with "
                    "room) and run secor-xl upgrade again.")


def _names_on(wb: Any, title: str) -> dict[str, str]:
    """Defined names whose formula points at the sheet `title`, name -> formula."""
    found = {}
    for name, defined in wb.defined_names.items():
        text = defined.attr_text or ""
        if f"{title}!" in text or f"'{title}'!" in text:
            found[name] = text
    return found


def dashboard_current(wb: Any, master: Any) -> bool:
    """True when the workbook's Dashboard names point where a new master's do."""
    theirs = _names_on(wb, "Dashboard")
    return all(theirs.get(n) == t for n, t in _names_on(master, "Dashboard").items())


def replace_dashboard(wb: Any, master: Any, path: Path, force: bool = False) -> str | None:
    """Put the master's Dashboard in place of `wb`'s; what was done, or None if current.

    A protected Dashboard holds nothing typed (its locked cells take no typing, its
    unlocked ones only what check and score write); an unprotected one might, so it is
    replaced only with `force`.
    """
    old = find_sheet(wb, "Dashboard")
    old_title = old.title if old is not None else None
    if dashboard_current(wb, master) and old_title is not None:
        return None
    if old is not None and not old.protection.sheet and not force:
        raise UserError(f"{path}: its Dashboard is not protected, so it may hold notes of "
                        "yours, and upgrade replaces the Dashboard whole; copy anything of "
                        "yours to another sheet, then run secor-xl upgrade --force.")
    src = master["Dashboard"]
    index = wb.sheetnames.index(old_title) if old_title else 1
    if old_title is not None:
        del wb[old_title]
    ws = wb.create_sheet("Dashboard", index)
    renames = table_renames(tables_in(wb))
    _copy_cells(src, ws, renames)
    _copy_sheet_settings(src, ws)
    for chart in src._charts:
        ws.add_chart(chart)
    for name, text in _names_on(master, "Dashboard").items():
        if name in wb.defined_names:
            del wb.defined_names[name]
        wb.defined_names[name] = copy(master.defined_names[name])
        wb.defined_names[name].attr_text = renamed(text, renames)
    done = "replaced the Dashboard with this version's" if old_title else "added the Dashboard"
    return (f"{done} (readiness by element for every element); run secor-xl check --write "
            "and score --write to fill in its last check and readiness")


def _copy_cells(src: Any, ws: Any, renames: dict[str, str]) -> None:
    for row in src.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, ArrayFormula):
                value = ArrayFormula(value.ref, renamed(value.text or "", renames))
            elif isinstance(value, str) and value.startswith("="):
                value = renamed(value, renames)
            target = ws.cell(row=cell.row, column=cell.column, value=value)
            if cell.has_style:
                target.font = copy(cell.font)
                target.fill = copy(cell.fill)
                target.border = copy(cell.border)
                target.alignment = copy(cell.alignment)
                target.number_format = cell.number_format
                target.protection = copy(cell.protection)
    for merged in src.merged_cells.ranges:
        ws.merge_cells(str(merged))
    for cf in src.conditional_formatting:
        for rule in cf.rules:
            ws.conditional_formatting.add(str(cf.sqref), rule)


def _copy_sheet_settings(src: Any, ws: Any) -> None:
    for key, dim in src.column_dimensions.items():
        ws.column_dimensions[key].width = dim.width
        ws.column_dimensions[key].hidden = dim.hidden
        ws.column_dimensions[key].min = dim.min
        ws.column_dimensions[key].max = dim.max
    for key, dim in src.row_dimensions.items():
        if dim.height is not None:
            ws.row_dimensions[key].height = dim.height
    ws.sheet_properties.tabColor = copy(src.sheet_properties.tabColor)
    ws.sheet_properties.pageSetUpPr = copy(src.sheet_properties.pageSetUpPr)
    ws.sheet_view.showGridLines = src.sheet_view.showGridLines
    ws.protection = copy(src.protection)
    ws.page_setup.orientation = src.page_setup.orientation
    ws.page_setup.paperSize = src.page_setup.paperSize
    ws.page_setup.fitToWidth = src.page_setup.fitToWidth
    ws.page_setup.fitToHeight = src.page_setup.fitToHeight
    ws.page_margins = copy(src.page_margins)
    ws.HeaderFooter = copy(src.HeaderFooter)
    if src.print_area:
        ws.print_area = src.print_area
