"""The schema as data (`secor-xl schema --format json`) and as a readable table."""

from __future__ import annotations

import json
from typing import Any

from .lists import LISTS
from .model import Column, ColumnType, SheetKind
from .sheets import SCHEMA_VERSION, SHEETS


def _lists_columns() -> list[Column]:
    return [Column(name=lst.title, type=ColumnType.CHOICE, choices=lst.values,
                   help=f"Named range {lst.range_name}.") for lst in LISTS]


def schema_dict() -> dict[str, Any]:
    """The whole schema: version, sheets, columns with types, choices and help."""
    sheets = []
    for s in SHEETS:
        d = s.to_dict()
        if s.kind is SheetKind.LISTS:
            d["columns"] = [c.to_dict() for c in _lists_columns()]
        sheets.append(d)
    return {"version": SCHEMA_VERSION, "sheets": sheets}


def schema_json() -> str:
    return json.dumps(schema_dict(), indent=2, ensure_ascii=False)


def schema_rows() -> list[tuple[str, str, str, str, str, str]]:
    """One row per column: sheet, kind, column, type, required, choices and help."""
    rows = []
    for s in schema_dict()["sheets"]:
        if not s["columns"]:
            rows.append((s["name"], s["kind"], "", "", "", ""))
        for c in s["columns"]:
            choices = ", ".join(c["choices"]) if c["choices"] else ""
            rows.append((s["name"], s["kind"], c["name"], c["type"],
                         "yes" if c["required"] else "", choices or c["help"]))
    return rows
