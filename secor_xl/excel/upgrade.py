"""`secor-xl upgrade`: bring a workbook already at a client to the current schema, in place.

Driven by the schema, so a later schema needs no new migration code: every table
sheet, table column and Company field the schema declares and the workbook
lacks is added, with its header, table, validation and help; the SchemaVersion
name is set. Nothing the client typed moves or goes: a new column goes to the
right of its table, a new Company field below the last one, and a place that is
not empty is refused, naming the cell. The write is the one `check --write`
uses: refused while Excel has the file open or when it would lose what openpyxl
cannot keep (unless forced), a backup first, an atomic replace, the file's writer
lock held from reading to replacing. A workbook already current is not written at
all, so a second run changes nothing. A workbook of a newer schema, or one that is
not a SECOR workbook, is refused untouched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.comments import Comment
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo

from ..builder.content import SHEET_TIPS, questions
from ..builder.emergency_data import procedure_rows
from ..builder.row_flags import ROW_FLAGS
from ..builder.style import AMBER_FILL, AMBER_TEXT, DATE_FORMAT, GREY_TEXT, RED_FILL, RED_TEXT
from ..cells import header_key, match_key
from ..certification.provinces import NO_PARTNER, PARTNERS
from ..errors import UserError
from ..reader.package import constant_text
from ..schema import (
    COMPANY_FIELDS,
    ELEMENTS,
    LISTS,
    PROVINCES,
    SCHEMA_VERSION,
    SHEETS,
    Column,
    ColumnType,
    Sheet,
    sheet,
    table_sheets,
    version_key,
)
from . import upgrade_fixes
from .book import find_sheet, free_table_name
from .computed import formulas_of, table_renames, tables_in
from .dashboard_swap import master_dashboard, replace_dashboard
from .filebook import FileBook


@dataclass
class Upgrade:
    """What an upgrade did: the version found, the changes, and where the backup went."""

    path: Path
    found: str | None
    changes: list[str] = field(default_factory=list)
    backup: Path | None = None


def upgrade_workbook(path: Path, force: bool = False,
                     say: Callable[[str], None] | None = None) -> Upgrade:
    """Add what the current schema has and the workbook lacks; write only if anything was."""
    with FileBook(Path(path), force=force, say=say, button=None) as book:
        return _upgrade(book, force)


def _upgrade(book: FileBook, force: bool) -> Upgrade:
    """The upgrade, in a book that holds the file's writer lock until it is saved."""
    wb = book.wb
    path = book.path
    found = _version(wb)
    if found is not None and version_key(found) > version_key(SCHEMA_VERSION):
        raise UserError(f"{path}: uses workbook schema {found}, newer than this secor-xl's "
                        f"{SCHEMA_VERSION}; nothing was changed. Use the newer secor-xl.")
    result = Upgrade(Path(path), found)
    had = found or "1.0"  # a workbook without the name predates it
    for s in table_sheets():
        result.changes += _table_sheet(wb, s, result.path, had)
    result.changes += _company_fields(wb, result.path)
    result.changes += _lists(wb, result.path)
    result.changes += _questions(wb, result.path)
    result.changes += _instructions(wb)
    result.changes += _notes(wb)
    result.changes += upgrade_fixes.list_validations(wb)
    result.changes += upgrade_fixes.row_flags(wb, _FLAG_STYLES)
    result.changes += upgrade_fixes.this_row_references(wb)
    swapped = replace_dashboard(wb, master_dashboard(result.path), result.path, force)
    if swapped:
        result.changes.append(swapped)
    if found != SCHEMA_VERSION:
        _set_version(wb)
        result.changes.append(f"SchemaVersion {found or '(none)'} -> {SCHEMA_VERSION}")
    lite = _lite_code_to_write(path)
    if lite is not None:
        result.changes.append(lite[1])
    if result.changes:
        # the copy from before the upgrade is labelled, so later writes never rotate it away
        result.backup = book.save(label=f"schema-{found or 'none'}",
                                  lite=lite[0] if lite else None)
    return result


def _lite_code_to_write(path: Path) -> tuple[dict[str, str], str] | None:
    """This version's xlwings Lite code and the change to report, for a Lite workbook whose
    code is older or whose Lite part is damaged; None for any other (nothing to write)."""
    from .lite_code import lite_code
    from .lite_parts import has_lite_parts, lite_code_current, lite_damaged

    if lite_damaged(path):
        return lite_code(), "updated the xlwings Lite code (it was missing or damaged)"
    if not has_lite_parts(path):
        return None
    code = lite_code()
    if lite_code_current(path, code):
        return None
    return code, "updated the xlwings Lite code (main.py, requirements.txt, versions)"


def _version(wb: Any) -> str | None:
    name = wb.defined_names.get("SchemaVersion")
    return constant_text(name.attr_text) if name is not None else None


def _set_version(wb: Any) -> None:
    if "SchemaVersion" in wb.defined_names:
        del wb.defined_names["SchemaVersion"]
    wb.defined_names["SchemaVersion"] = DefinedName("SchemaVersion",
                                                    attr_text=f'"{SCHEMA_VERSION}"')
    props = getattr(wb, "custom_doc_props", None)
    if props is not None:
        from openpyxl.packaging.custom import StringProperty

        if "SchemaVersion" in props.names:
            del props["SchemaVersion"]
        props.append(StringProperty(name="SchemaVersion", value=SCHEMA_VERSION))


# -- tables ---------------------------------------------------------------------------------

def _table_sheet(wb: Any, s: Sheet, path: Path, had: str) -> list[str]:
    """The sheet's table and columns; `had` is the workbook's schema version. A column the
    workbook should have had already is not added again beside a renamed one: refused."""
    ws = find_sheet(wb, s.name)
    if ws is None:
        starters = _new_table_sheet(wb, s)
        rows = f" with {starters} starter rows" if starters else ""
        return [f"added the sheet {s.name} ({len(s.columns)} columns){rows}"]
    name = ws.title
    table = _our_table(ws, s)
    if table is None:
        if version_key(s.since) > version_key(had):
            raise UserError(f"{path}: has a sheet named {name!r} of its own, where schema "
                            f"{SCHEMA_VERSION} adds its {s.name} table; rename that sheet and "
                            "run secor-xl upgrade again.")
        return []  # not an Excel Table: check says so; its columns are the user's to add
    min_col, min_row, max_col, _max_row = range_boundaries(table.ref)
    headers = [str(ws.cell(row=min_row, column=c).value or "")
               for c in range(min_col, max_col + 1)]  # the cells, which Excel keeps in step
    have = {header_key(h) for h in headers}
    lost = [c.name for c in s.columns
            if header_key(c.name) not in have and version_key(c.since) <= version_key(had)]
    if lost:
        raise UserError(f"{path}: {ws.title} has no column {', '.join(map(repr, lost))} "
                        f"(renamed or deleted?); its headers are "
                        f"{', '.join(headers)}. Rename the header "
                        "back and run secor-xl upgrade again.")
    changes = []
    for col in s.columns:
        if header_key(col.name) not in have:
            _add_column(ws, table, col, path)
            if col.type is ColumnType.FORMULA:
                _fill_formula(wb, ws, table, s, col)
            changes.append(f"added the column {col.name} to {s.name}")
    return changes


def _our_table(ws: Any, s: Sheet) -> Any | None:
    """The sheet's Excel Table: the one with the schema's name, else the only one."""
    return ws.tables.get(s.table_name) or (next(iter(ws.tables.values()))
                                           if len(ws.tables) == 1 else None)


STARTERS: dict[str, Callable[[], list[dict[str, object]]]] = {
    "Emergency Procedures": procedure_rows}
"""New sheets an older workbook gets with the rows a new master starts with."""


def _new_table_sheet(wb: Any, s: Sheet) -> int:
    """The sheet and its table; returns how many starter rows it was given."""
    ws = wb.create_sheet(s.name, _position(wb, s))
    for c, col in enumerate(s.columns, start=1):
        ws.cell(row=1, column=c, value=col.name).comment = _help(col)
        ws.column_dimensions[get_column_letter(c)].width = col.width or 14
    starters = STARTERS[s.name]() if s.name in STARTERS else []
    for r, row in enumerate(starters, start=2):
        for c, col in enumerate(s.columns, start=1):
            ws.cell(row=r, column=c, value=row.get(col.name))
    table = Table(displayName=_free_name(wb, s.table_name),
                  ref=f"A1:{get_column_letter(len(s.columns))}{max(2, 1 + len(starters))}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = "A2"
    for c, col in enumerate(s.columns, start=1):
        _validate(ws, col, f"{get_column_letter(c)}2:{get_column_letter(c)}1000")
    flags = ROW_FLAGS.get(s.name)
    for kind, formula in flags(s) if flags else ():
        ws.conditional_formatting.add(f"A2:{get_column_letter(len(s.columns))}1000",
                                      FormulaRule(formula=[formula], **_FLAG_STYLES[kind]))
    return len(starters)


def _position(wb: Any, s: Sheet) -> int:
    """After the sheet the schema puts before it, else at the end."""
    order = [x.name for x in SHEETS]
    before = order[: order.index(s.name)]
    present = {header_key(n): i for i, n in enumerate(wb.sheetnames)}
    for name in reversed(before):
        if header_key(name) in present:
            return present[header_key(name)] + 1
    return len(wb.sheetnames)


def _free_name(wb: Any, name: str) -> str:
    return free_table_name(name, {t for ws in wb.worksheets for t in ws.tables})


def _add_column(ws: Any, table: Any, col: Column, path: Path) -> None:
    """A new last column of the table; the cells it takes must be empty."""
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    c = max_col + 1
    letter = get_column_letter(c)
    for r in range(min_row, max_row + 1):
        if ws.cell(row=r, column=c).value not in (None, ""):
            raise UserError(f"{path}: {ws.title} cell {letter}{r} is not empty, and the new column "
                            f"{col.name!r} goes there; move what is in column {letter} "
                            "elsewhere and run secor-xl upgrade again.")
    ws.cell(row=min_row, column=c, value=col.name).comment = _help(col)
    ws.column_dimensions[letter].width = col.width or 14
    _widen_row_flags(ws, min_col, max_col, c)
    ids = [int(tc.id) for tc in table.tableColumns if tc.id is not None]
    table.tableColumns.append(TableColumn(id=max(ids, default=0) + 1, name=col.name))
    table.ref = f"{get_column_letter(min_col)}{min_row}:{letter}{max_row}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref
    _validate(ws, col, f"{letter}{min_row + 1}:{letter}{max(max_row, min_row + 1) + 500}")


def _fill_formula(wb: Any, ws: Any, table: Any, s: Sheet, col: Column) -> None:
    """A new computed column's formula in every row (and as the table's calculated column
    where it is not array-entered, so that Excel fills it into new rows)."""
    formula = formulas_of(s.name, table_renames(tables_in(wb)))[col.name]
    _min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    for r in range(min_row + 1, max_row + 1):
        cell = ws.cell(row=r, column=max_col)
        cell.value = ArrayFormula(cell.coordinate, formula.text) if formula.array \
            else formula.text
        if formula.date:
            cell.number_format = DATE_FORMAT
    if not formula.array:
        table.tableColumns[-1].calculatedColumnFormula = TableFormula(
            attr_text=formula.text.lstrip("="))


_FLAG_STYLES: dict[str, dict[str, Any]] = {  # as builder/style.py's cf_red, cf_amber, cf_grey
    "red": {"fill": PatternFill(bgColor=RED_FILL.lstrip("#"), fill_type="solid"),
            "font": Font(color=RED_TEXT.lstrip("#"))},
    "amber": {"fill": PatternFill(bgColor=AMBER_FILL.lstrip("#"), fill_type="solid"),
              "font": Font(color=AMBER_TEXT.lstrip("#"))},
    "grey": {"font": Font(color=GREY_TEXT.lstrip("#"))},
}


def _help(col: Column) -> Comment:
    """The header's note, as a new master has it."""
    text = f"{col.name}: {col.help}" + (" (required)" if col.required else "")
    return Comment(text[:1000], "secor-xl")


def _notes(wb: Any) -> list[str]:
    """Our own header notes (author secor-xl) brought to this version's words: older ones
    cited Alberta's law in every province's workbook. A note of the user's is left alone."""
    changed = 0
    for s in table_sheets():
        ws = find_sheet(wb, s.name)
        if ws is None:
            continue
        wanted = {header_key(c.name): c for c in s.columns}
        for cell in ws[1]:
            col = wanted.get(header_key(cell.value))
            note = cell.comment
            if col is None or note is None or note.author != "secor-xl":
                continue
            if note.text != _help(col).text:
                cell.comment = _help(col)
                changed += 1
    return [f"brought {changed} of secor-xl's header notes up to date"] if changed else []


def _widen_row_flags(ws: Any, min_col: int, max_col: int, new_col: int) -> None:
    """Conditional formats that cover the table's whole width (the row flags: overdue,
    expiring, inactive) take in the new column too."""
    old = ws.conditional_formatting
    ws.conditional_formatting = ConditionalFormattingList()
    for cf in old:
        ranges = []
        for cell_range in cf.sqref.ranges:
            c0, r0, c1, r1 = cell_range.bounds
            if c0 == min_col and c1 == max_col:
                c1 = new_col
            ranges.append(f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}")
        for rule in cf.rules:
            ws.conditional_formatting.add(" ".join(ranges), rule)


def _validate(ws: Any, col: Column, where: str) -> None:
    """The column's check and help, as the builder gives a new master."""
    rule: DataValidation
    if col.list_name:
        rule = DataValidation(type="list", formula1=col.list_name, allow_blank=True,
                              errorTitle="Pick from the list",
                              error=f"{col.name}: choose one of the answers in the list "
                                    "(extend it on the Lists sheet)."[:255])
    elif col.type is ColumnType.EMPLOYEE:
        rule = DataValidation(type="list", formula1="Roster_Names", allow_blank=True,
                              errorStyle="warning", errorTitle="Not on the roster",
                              error=f"{col.name}: this name is not on the Employees sheet. "
                                    "Add the person there first.")
    elif col.type is ColumnType.DATE:
        rule = DataValidation(type="date", operator="between", allow_blank=True,
                              formula1=str((dt.date(1950, 1, 1) - dt.date(1899, 12, 30)).days),
                              formula2=str((dt.date(2100, 12, 31) - dt.date(1899, 12, 30)).days),
                              errorTitle="Not a date",
                              error=f"{col.name}: type a date like 2025-03-31.")
    else:
        rule = DataValidation(allow_blank=True)
    rule.promptTitle, rule.prompt = col.name[:32], col.help[:255]
    rule.showInputMessage = True
    rule.showErrorMessage = rule.type is not None
    rule.add(where)
    ws.add_data_validation(rule)


# -- Company ---------------------------------------------------------------------------------

def _company_fields(wb: Any, path: Path) -> list[str]:
    ws = find_sheet(wb, "Company")
    if ws is None:
        return []  # check says the Company sheet is missing; a new master has it
    labels = {header_key(ws.cell(row=r, column=1).value): r for r in range(1, ws.max_row + 1)
              if ws.cell(row=r, column=1).value not in (None, "")}
    last = max(labels.values(), default=1)
    changes = []
    for col in COMPANY_FIELDS:
        if header_key(col.name) in labels:
            continue
        last += 1
        for c in (1, 2, 3):
            if ws.cell(row=last, column=c).value not in (None, ""):
                raise UserError(f"{path}: Company cell {get_column_letter(c)}{last} is not "
                                f"empty, and the new field {col.name!r} goes there; move it "
                                "and run secor-xl upgrade again.")
        ws.cell(row=last, column=1, value=col.name)
        ws.cell(row=last, column=3, value=col.help)
        _validate(ws, col, f"B{last}")
        changes.append(f"added the Company field {col.name}")
    return changes


# -- Lists and the Self-Assessment questions ---------------------------------------------------

def _lists(wb: Any, path: Path) -> list[str]:
    """Every list of the schema on `Lists`, with its name and the schema's values: a new
    list goes in the first empty column; a value the list lacks goes below its last one."""
    changes = []
    ws = find_sheet(wb, "Lists")
    if ws is None:  # deleted: every dropdown points at nothing until it is back
        ws = wb.create_sheet("Lists")
        changes.append("added the sheet Lists (it was missing, so the dropdowns had no "
                       "answers)")
    headers = {header_key(ws.cell(row=1, column=c).value): c
               for c in range(1, ws.max_column + 1)
               if ws.cell(row=1, column=c).value not in (None, "")}
    for lst in LISTS:
        c = headers.get(header_key(lst.title))
        new = c is None
        if c is None:
            c = max(headers.values(), default=0) + 1
            headers[header_key(lst.title)] = c
            ws.cell(row=1, column=c, value=lst.title)
            ws.column_dimensions[get_column_letter(c)].width = max(
                14, min(40, max(len(v) for v in lst.values) + 2))
            changes.append(f"added the list {lst.title} to Lists")
        values = [ws.cell(row=r, column=c).value for r in range(2, ws.max_row + 1)]
        have = {match_key(str(v)) for v in values if v not in (None, "")}
        last = max((r for r, v in enumerate(values, start=2) if v not in (None, "")), default=1)
        added = [v for v in lst.values if match_key(v) not in have]
        for value in added:
            last += 1
            ws.cell(row=last, column=c, value=value)
        if added and not new:
            changes.append(f"added {', '.join(repr(v) for v in added)} to the list {lst.title}")
        col = get_column_letter(c)
        _define(wb, lst.range_name,
                f"OFFSET(Lists!${col}$2,0,0,MAX(1,COUNTA(Lists!${col}:${col})-1),1)")
    for code, partners in PARTNERS.items():
        title = f"Certifying Partners {code}"
        c = headers.get(header_key(title))
        if c is None:
            c = max(headers.values(), default=0) + 1
            headers[header_key(title)] = c
            ws.cell(row=1, column=c, value=title)
            for r, name in enumerate(partners.names, start=2):
                ws.cell(row=r, column=c, value=name)
        col = get_column_letter(c)
        _define(wb, f"Partners_{code}", f"Lists!${col}$2:${col}${1 + len(partners.names)}")
    others = "Certifying Partners (others)"
    c = headers.get(header_key(others)) or max(headers.values(), default=0) + 1
    if header_key(others) not in headers:
        headers[header_key(others)] = c
        ws.cell(row=1, column=c, value=others)
        ws.cell(row=2, column=c, value=NO_PARTNER)
    for code in PROVINCES:
        if code not in PARTNERS:
            _define(wb, f"Partners_{code}", f"Lists!${get_column_letter(c)}$2")
    roster = find_sheet(wb, "Employees")
    if roster is not None:
        names = [c for c in range(1, roster.max_column + 1)
                 if header_key(roster.cell(row=1, column=c).value) == "name"]
        if names:
            col = get_column_letter(names[0])
            title = roster.title.replace("'", "''")
            _define(wb, "Roster_Names", f"OFFSET('{title}'!${col}$2,0,0,MAX(1,COUNTA('{title}'!"
                                        f"${col}:${col})-1),1)")
    return changes


def _instructions(wb: Any) -> list[str]:
    """The sheets the Instructions' "Sheet by sheet" does not list yet, above its last line
    ("Schema version ...", which becomes this version's)."""
    ws = find_sheet(wb, "Instructions")
    if ws is None:
        return []
    by_name = {header_key(s.name): s for s in SHEETS}
    refreshed = 0
    for r in range(1, ws.max_row + 1):  # our words for the sheets already listed
        s = by_name.get(header_key(ws.cell(row=r, column=1).value))
        text = ws.cell(row=r, column=2).value
        if s is not None and isinstance(text, str):
            wanted = f"{s.purpose} {SHEET_TIPS.get(s.name, '')}".strip()
            if text != wanted:
                ws.cell(row=r, column=2).value = wanted
                refreshed += 1
    listed = {header_key(ws.cell(row=r, column=1).value) for r in range(1, ws.max_row + 1)}
    last = next((r for r in range(ws.max_row, 0, -1)
                 if str(ws.cell(row=r, column=1).value or "").startswith("Schema version")), None)
    new = [s for s in SHEETS if header_key(s.name) not in listed and s.name != "Instructions"]
    done = [f"brought {refreshed} of the Instructions' sheet descriptions up to date"] \
        if refreshed else []
    if last is None or not new:
        return done
    if any(ws.cell(row=r, column=c).value not in (None, "")
           for r in range(last + 1, last + len(new) + 3) for c in (1, 2)):
        return done  # something of the user's below: leave the page as it is
    style = ws.cell(row=last, column=1)._style
    for r, s in enumerate(new, start=last):
        cell = ws.cell(row=r, column=1, value=s.name)
        cell.hyperlink = f"#'{s.name}'!A1"
        cell.style = "Hyperlink"
        tip = SHEET_TIPS.get(s.name, "")
        text = ws.cell(row=r, column=2, value=f"{s.purpose} {tip}".strip())
        text.alignment = copy(ws.cell(row=last - 2, column=2).alignment)
        ws.row_dimensions[r].height = 32
    end = ws.cell(row=last + len(new) + 1, column=1, value=f"Schema version {SCHEMA_VERSION}")
    end._style = copy(style)
    return [*done, f"listed {', '.join(s.name for s in new)} on Instructions"]


def _define(wb: Any, name: str, formula: str) -> None:
    """A defined name of ours, unless it already points somewhere (a #REF! does not)."""
    existing = wb.defined_names.get(name)
    if existing is not None and "#REF" not in (existing.attr_text or ""):
        return
    if existing is not None:
        del wb.defined_names[name]
    wb.defined_names[name] = DefinedName(name, attr_text=formula)


def _questions(wb: Any, path: Path) -> list[str]:
    """The questions of an element the Self-Assessment table has none of (a new element),
    added as rows below the table's last row, answers blank."""
    s = sheet("Self-Assessment")
    ws = find_sheet(wb, s.name)
    table = _our_table(ws, s) if ws is not None else None
    if ws is None or table is None:
        return []
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    header = {header_key(ws.cell(row=min_row, column=c).value): c
              for c in range(min_col, max_col + 1)}
    element_col, question_col = header.get("element"), header.get("question")
    if element_col is None or question_col is None:
        return []
    numbers = {leading for r in range(min_row + 1, max_row + 1)
               if (leading := _leading(ws.cell(row=r, column=element_col).value)) is not None}
    missing = [(n, q) for n, texts in questions(_province(wb)).items() if n not in numbers
               for q in texts]
    if not missing:
        return []
    last = max((r for r in range(min_row + 1, max_row + 1)
                if any(ws.cell(row=r, column=c).value not in (None, "")
                       for c in range(min_col, max_col + 1))), default=min_row)
    free = max_row - last  # empty rows inside the table, used first
    rows = range(last + 1, last + 1 + len(missing))
    for r in rows:
        if r > max_row and any(ws.cell(row=r, column=c).value not in (None, "")
                               for c in range(min_col, max_col + 1)):
            raise UserError(f"{path}: {ws.title} row {r} is not empty, and the new questions "
                            "go there; move what is below the Self-Assessment table and run "
                            "secor-xl upgrade again.")
    for r, (number, question) in zip(rows, missing, strict=True):
        ws.cell(row=r, column=element_col, value=f"{number} {ELEMENTS[number]}")
        ws.cell(row=r, column=question_col, value=question)
    if len(missing) > free:
        table.ref = (f"{get_column_letter(min_col)}{min_row}:"
                     f"{get_column_letter(max_col)}{last + len(missing)}")
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
    elements = sorted({n for n, _q in missing})
    return [f"added the Self-Assessment questions of element "
            f"{', '.join(f'{n} {ELEMENTS[n]}' for n in elements)} ({len(missing)} rows)"]


def _province(wb: Any) -> object:
    """The Province typed on Company (column B beside its label), for the questions' words."""
    ws = find_sheet(wb, "Company")
    if ws is None:
        return None
    for r in range(1, min(ws.max_row, 200) + 1):
        if header_key(ws.cell(row=r, column=1).value) == "province":
            return ws.cell(row=r, column=2).value
    return None


def _leading(value: object) -> int | None:
    found = re.match(r"\s*(\d+)", str(value)) if value not in (None, "") else None
    return int(found.group(1)) if found else None
