"""The vocabulary the schema is written in: column types, sheet kinds, columns, sheets.

Everything that knows about the workbook's shape (builder, reader, validator,
`secor-xl schema`) asks these objects instead of hard-coding positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class ColumnType(StrEnum):
    """What a cell may hold; see `workbook.md`, "Column types in the schema"."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"  # one answer from a named list on `Lists`
    YESNO = "yesno"  # a choice from the Yes/No list
    EMPLOYEE = "employee"  # one name from the `Employees` roster
    PEOPLE = "people"  # comma-separated roster names
    IDS = "ids"  # comma-separated record IDs
    FORMULA = "formula"  # computed by the workbook, never typed in
    EMAIL = "email"  # one e-mail address


class SheetKind(StrEnum):
    TABLE = "table"
    FORM = "form"
    REPORT = "report"
    TEXT = "text"
    LISTS = "lists"


@dataclass(frozen=True)
class Column:
    """One column of a table (or one field of a form).

    `list_name` names the list on the `Lists` sheet for choice and yesno
    columns; `choices` is filled in from that list by the schema. `width` is a
    display hint in characters. `formula` is the table formula of a formula
    column, written with structured references (`[@Severity]`); a formula column
    without one is an array formula per row, written by `builder.row_formulas`. `since` is the
    schema version that added the column: `upgrade` adds a missing one only when the
    workbook is older, and refuses (renamed?) when it should already be there.
    """

    name: str
    type: ColumnType
    required: bool = False
    help: str = ""
    list_name: str | None = None
    choices: tuple[str, ...] | None = None
    width: int | None = None
    formula: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    since: str = "1.0"

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "type": str(self.type),
            "required": self.required,
            "choices": list(self.choices) if self.choices is not None else None,
            "help": self.help,
        }


@dataclass(frozen=True)
class Sheet:
    """One sheet of the master workbook.

    `id_column` names the column that must be unique (Inspection ID, ...).
    `element` is the readiness element (1-10) the sheet mostly feeds, for the
    Instructions. `since` is the schema version that added the sheet.
    """

    name: str
    kind: SheetKind
    purpose: str
    columns: tuple[Column, ...] = ()
    id_column: str | None = None
    element: int | None = None
    tab_color: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    since: str = "1.0"

    @property
    def table_name(self) -> str:
        """The Excel Table (ListObject) name: the sheet name without spaces or punctuation."""
        return re.sub(r"[^A-Za-z0-9]", "", self.name)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": str(self.kind),
            "columns": [c.to_dict() for c in self.columns],
        }
