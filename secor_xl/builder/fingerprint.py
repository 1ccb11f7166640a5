"""What a workbook is made of, as plain data, to tell whether two builds agree.

Byte comparison would fail on a new XlsxWriter release that writes the same
workbook differently; this compares what a user and the engine see: cells,
tables, validations, conditional formats and defined names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.formula import ArrayFormula


def _value(value: object) -> object:
    if isinstance(value, ArrayFormula):
        return ("array", value.ref, value.text)
    return value


def fingerprint(path: str | Path) -> dict[str, Any]:
    """Sheets with their cells, tables, validations and formats; defined names."""
    wb = openpyxl.load_workbook(path)
    sheets: dict[str, Any] = {}
    for ws in wb.worksheets:
        sheets[ws.title] = {
            "cells": [(c.coordinate, _value(c.value), c.number_format)
                      for row in ws.iter_rows() for c in row if c.value is not None],
            "tables": sorted((t.name, t.ref, tuple(c.name for c in t.tableColumns))
                             for t in ws.tables.values()),
            "validations": sorted((str(dv.sqref), dv.type or "", dv.formula1 or "",
                                   dv.promptTitle or "", dv.prompt or "")
                                  for dv in ws.data_validations.dataValidation),
            "formats": sorted((str(cf.sqref), tuple(tuple(r.formula or ()) for r in cf.rules))
                              for cf in ws.conditional_formatting),
            "freeze": ws.freeze_panes,
        }
    names = sorted((n, d.attr_text) for n, d in wb.defined_names.items())
    return {"sheets": sheets, "names": names}
