"""The workbook's schema, declared once: sheets, columns, types, lists."""

from .export import schema_dict, schema_json, schema_rows
from .lists import ELEMENTS, FREQUENCY_INTERVALS, LISTS, LISTS_BY_NAME, PROVINCES, ListDef
from .model import Column, ColumnType, Sheet, SheetKind
from .sheets import (
    COMPANY_FIELDS,
    SCHEMA_VERSION,
    SHEETS,
    SHEETS_BY_NAME,
    sheet,
    table_sheets,
    version_key,
)

__all__ = [
    "COMPANY_FIELDS",
    "ELEMENTS",
    "FREQUENCY_INTERVALS",
    "LISTS",
    "LISTS_BY_NAME",
    "PROVINCES",
    "SCHEMA_VERSION",
    "SHEETS",
    "SHEETS_BY_NAME",
    "Column",
    "ColumnType",
    "ListDef",
    "Sheet",
    "SheetKind",
    "schema_dict",
    "schema_json",
    "schema_rows",
    "sheet",
    "table_sheets",
    "version_key",
]
