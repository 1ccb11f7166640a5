"""`upgrade`'s repairs of what earlier versions wrote wrong, each found and put right in
place; what the client typed is never touched.

- A list validation stored as "=Lists_X": the file format takes the formula without its
  "=" (Excel reads "=Lists_X" as a broken rule).
- Row flags that read another sheet directly, or version 1's MAXIFS colours of the
  Inspection Schedule: this version's flags (`builder.row_flags`), which read other
  sheets through defined names only.
- A computed column whose `[#This Row]` reference has no table name (version 1's Risk
  Rank), which LibreOffice shows as #N/A: this version's formula, in every row and as
  the table's calculated column.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import TableFormula

from ..builder.row_flags import FLAG_NAMES, ROW_FLAGS, flag_name_formula
from ..cells import header_key
from ..schema import sheet, table_sheets
from .book import find_sheet
from .computed import formulas_of, table_renames, tables_in


def list_validations(wb: Any) -> list[str]:
    """List validations written with a leading "=", without it."""
    fixed = 0
    for ws in wb.worksheets:
        for rule in ws.data_validations.dataValidation:
            if rule.type == "list" and (rule.formula1 or "").startswith("="):
                rule.formula1 = rule.formula1[1:]
                fixed += 1
    return [f"wrote {fixed} list validations without their leading '='"] if fixed else []


def _old_flag(rule: Any, current: set[str]) -> bool:
    """A rule of an earlier version: not one of this version's, and reading another sheet
    directly or by MAXIFS (version 1's Inspection Schedule)."""
    return any(f not in current and ("!" in f or "MAXIFS(" in f.upper())
               for f in rule.formula or [])


def row_flags(wb: Any, styles: dict[str, dict[str, Any]]) -> list[str]:
    """The flag names defined, and the row flags that read another sheet directly
    replaced by this version's over the same cells (`styles`: red, amber, grey)."""
    for name in FLAG_NAMES:
        other = find_sheet(wb, FLAG_NAMES[name][0])
        if other is not None and name not in wb.defined_names:
            wb.defined_names[name] = DefinedName(name,
                                                 attr_text=flag_name_formula(name, other.title))
    changed = []
    for sheet_name, flags in ROW_FLAGS.items():
        ws = find_sheet(wb, sheet_name)
        current = {formula for _kind, formula in flags(sheet(sheet_name))}
        if ws is None or not any(_old_flag(r, current) for cf in ws.conditional_formatting
                                 for r in cf.rules):
            continue
        old, where = ws.conditional_formatting, []
        ws.conditional_formatting = ConditionalFormattingList()
        for cf in old:
            kept = [r for r in cf.rules if not _old_flag(r, current)]
            if len(kept) < len(cf.rules) and str(cf.sqref) not in where:
                where.append(str(cf.sqref))
            for rule in kept:
                ws.conditional_formatting.add(str(cf.sqref), rule)
        for sqref in where:
            for kind, formula in flags(sheet(sheet_name)):
                ws.conditional_formatting.add(sqref, FormulaRule(formula=[formula],
                                                                 **styles[kind]))
        changed.append(sheet_name)
    return [f"rewrote the row colours of {', '.join(changed)} (other sheets through "
            "defined names)"] if changed else []


_BARE = re.compile(r"(?<![\w.\]])\[\[#This Row\]", re.IGNORECASE)


def _bare_this_row(text: Any) -> bool:
    """A `[[#This Row],...]` with no table name before it."""
    text = getattr(text, "text", text)
    return isinstance(text, str) and _BARE.search(text) is not None


def this_row_references(wb: Any) -> list[str]:
    """Computed columns whose formula names no table in its `[#This Row]` references: this
    version's formula in each row and as the table's calculated column."""
    renames = table_renames(tables_in(wb))
    changed = []
    for s in table_sheets():
        ws = find_sheet(wb, s.name)
        if ws is None:
            continue
        for table in ws.tables.values():
            names = [header_key(c.name) for c in table.tableColumns]
            current = formulas_of(s.name, renames)
            for column_name, formula in current.items():
                if header_key(column_name) not in names:
                    continue
                index = names.index(header_key(column_name))
                column = table.tableColumns[index]
                calc = column.calculatedColumnFormula
                first_col, first_row, _c, last_row = range_boundaries(table.ref)
                cells = [ws.cell(row=r, column=first_col + index)
                         for r in range(first_row + 1, last_row + 1)]
                if not (any(_bare_this_row(c.value) for c in cells)
                        or (calc is not None and _bare_this_row(calc.attr_text))):
                    continue
                for cell in cells:
                    if cell.value is None or _bare_this_row(cell.value):
                        cell.value = (ArrayFormula(cell.coordinate, formula.text)
                                      if formula.array else formula.text)
                if not formula.array:
                    column.calculatedColumnFormula = TableFormula(
                        attr_text=formula.text.lstrip("="))
                changed.append(f"{s.name} {column_name}")
    return [f"rewrote the formula of {', '.join(changed)} with its table's name"
            ] if changed else []
