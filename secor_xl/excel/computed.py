"""Putting back the formulas of computed columns (Status, Workers Missing, Risk Rank).

LibreOffice does not fill a table's formulas into rows added there, and a
pasted value replaces one; check names such a row (`missing.formula`) and the
Check button or `check --write` writes the formula again, under the client's
own table names. `upgrade` fills a new computed column the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..builder.row_formulas import RowFormula, computed_columns, row_formula
from ..cells import header_key
from ..schema import table_sheets


def table_renames(tables: Iterable[tuple[str, str]]) -> dict[str, str]:
    """A new master's table name -> the client's, where a sheet's one table differs;
    `tables` are (sheet, table name) pairs."""
    by_sheet: dict[str, list[str]] = {}
    for sheet_title, name in tables:
        by_sheet.setdefault(header_key(sheet_title), []).append(name)
    renames = {}
    for s in table_sheets():
        names = by_sheet.get(header_key(s.name), [])
        if s.table_name not in names and len(names) == 1:
            renames[s.table_name] = names[0]
    return renames


def tables_in(wb: Any) -> list[tuple[str, str]]:
    """(sheet, table name) of every table of an openpyxl workbook."""
    return [(ws.title, name) for ws in wb.worksheets for name in ws.tables]


def renamed(formula: str, renames: dict[str, str]) -> str:
    """`formula` with our table names replaced by the client's."""
    for ours, theirs in renames.items():
        formula = re.sub(rf"(?<![A-Za-z0-9_.]){re.escape(ours)}\[", f"{theirs}[", formula)
    return formula


def formulas_of(sheet_name: str, renames: dict[str, str]) -> dict[str, RowFormula]:
    """Each computed column of a sheet -> its row formula, under the client's names."""
    out = {}
    for name in computed_columns(sheet_name):
        f = row_formula(sheet_name, name)
        out[name] = RowFormula(renamed(f.text, renames), f.array, f.date)
    return out
