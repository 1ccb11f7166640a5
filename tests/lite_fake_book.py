"""A Book that behaves as xlwings Lite's does, as its documentation describes: values from
A1, dates as ISO text, "" for an empty cell, names that refer to ranges only, tables;
fills and note texts read on demand (await). It records what a script writes.

Imports nothing of secor_xl: the Lite tests run it beside the engine main.py carries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def _letters(column: int) -> str:
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day).isoformat(timespec="seconds")
    return "" if value is None else value


class FakeRange:
    def __init__(self, sheet: FakeSheet, first: tuple[int, int],
                 last: tuple[int, int] | None = None, ndim: int | None = None) -> None:
        self.sheet, self.first, self.last, self.ndim = sheet, first, last or first, ndim

    row = property(lambda self: self.first[0])
    column = property(lambda self: self.first[1])
    last_cell = property(lambda self: FakeRange(self.sheet, self.last))
    address = property(lambda self: f"${_letters(self.column)}${self.row}")

    def options(self, ndim: int | None = None, **_: Any) -> FakeRange:
        return FakeRange(self.sheet, self.first, self.last, ndim)

    @property
    def value(self) -> Any:
        rows = [[_iso(self.sheet.cells.get((r, c))) for c in range(self.column,
                                                                   self.last[1] + 1)]
                for r in range(self.row, self.last[0] + 1)]
        if self.ndim == 2:
            return rows
        if self.ndim == 1 or len(rows) > 1:
            return [v for row in rows for v in row]
        return rows[0][0] if len(rows[0]) == 1 else rows[0]

    @value.setter
    def value(self, values: Any) -> None:
        rows = values if isinstance(values, list) and values and isinstance(
            values[0], list) else [values if isinstance(values, list) else [values]]
        for r, row in enumerate(rows, start=self.row):
            for c, v in enumerate(row, start=self.column):
                self.sheet.cells[(r, c)] = v

    def clear_contents(self) -> None:
        for r in range(self.row, self.last[0] + 1):
            for c in range(self.column, self.last[1] + 1):
                self.sheet.cells.pop((r, c), None)

    formula = property(lambda self: None, lambda self, text: self.sheet.cells.__setitem__(
        (self.row, self.column), text))
    column_width = property(lambda self: None, lambda self, _w: None)
    number_format = property(lambda self: None, lambda self, _f: None)
    wrap_text = property(lambda self: None, lambda self, _w: None)

    def add_hyperlink(self, address: str, text: str, tip: str) -> None:
        self.sheet.links[(self.row, self.column)] = address

    color = property(lambda self: None, lambda self, colour: self.sheet.fills.__setitem__(
        (self.row, self.column), colour))

    async def get_color(self) -> Any:
        return self.sheet.fills.get((self.row, self.column))

    @property
    def note(self) -> FakeNote | None:
        return FakeNote(self) if (self.row, self.column) in self.sheet.notes_text else None

    def add_note(self, text: str) -> FakeNote:
        self.sheet.notes_text[(self.row, self.column)] = text
        return FakeNote(self)


class FakeNote:
    def __init__(self, rng: FakeRange) -> None:
        self.range = rng

    async def get_text(self) -> str:
        return self.range.sheet.notes_text[(self.range.row, self.range.column)]

    text = property(lambda self: None, lambda self, t: self.range.sheet.notes_text.__setitem__(
        (self.range.row, self.range.column), t))

    def delete(self) -> None:
        self.range.sheet.notes_text.pop((self.range.row, self.range.column), None)


class FakeTable:
    def __init__(self, sheet: FakeSheet, name: str, first: tuple[int, int],
                 last: tuple[int, int]) -> None:
        self.sheet, self.name, self.first, self.last = sheet, name, first, last

    range = property(lambda self: FakeRange(self.sheet, self.first, self.last))
    header_row_range = property(lambda self: FakeRange(self.sheet, self.first,
                                                       (self.first[0], self.last[1]), 1))

    def resize(self, rng: FakeRange) -> None:
        self.first, self.last = rng.first, rng.last


class FakeTables(list):  # type: ignore[type-arg]
    def __init__(self, sheet: FakeSheet) -> None:
        super().__init__()
        self.sheet = sheet

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return next(t for t in self if t.name == key)
        return super().__getitem__(key)

    def add(self, rng: FakeRange, name: str) -> FakeTable:
        table = FakeTable(self.sheet, name, rng.first, rng.last)
        self.append(table)
        return table


class FakeSheet:
    def __init__(self, name: str, rows: list[list[Any]]) -> None:
        self.name = name
        self.cells = {(r, c): v for r, row in enumerate(rows, start=1)
                      for c, v in enumerate(row, start=1) if v not in (None, "")}
        self.tables = FakeTables(self)
        self.links: dict[tuple[int, int], str] = {}
        self.fills: dict[tuple[int, int], Any] = {}
        self.notes_text: dict[tuple[int, int], str] = {}

    @property
    def used_range(self) -> FakeRange:
        last = (max((r for r, _ in self.cells), default=1),
                max((c for _, c in self.cells), default=1))
        return FakeRange(self, (1, 1), last)

    def range(self, first: tuple[int, int] | str,
              last: tuple[int, int] | None = None) -> FakeRange:
        if isinstance(first, str):  # a whole column, "D:D": formats only, here
            return FakeRange(self, (1, 1))
        return FakeRange(self, first, last)

    def clear_contents(self) -> None:
        self.cells.clear()

    @property
    def notes(self) -> list[FakeNote]:
        return [FakeNote(FakeRange(self, key)) for key in self.notes_text]


class FakeSheets(list):  # type: ignore[type-arg]
    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return next(s for s in self if s.name == key)
        return super().__getitem__(key)

    def add(self, name: str, after: Any = None) -> FakeSheet:
        sheet = FakeSheet(name, [])
        self.append(sheet)
        return sheet


class FakeName:
    def __init__(self, book: FakeBook, name: str, sheet: str, row: int, column: int,
                 text: str) -> None:
        self.name, self.book, self.where = name, book, (sheet, row, column)
        self.refers_to = f"={text}"

    @property
    def refers_to_range(self) -> FakeRange:
        sheet, row, column = self.where
        return FakeRange(self.book.sheets[sheet], (row, column))


class FakeApp:
    def __init__(self) -> None:
        self.alerts: list[str] = []

    def alert(self, text: str, title: str = "") -> None:
        self.alerts.append(text)


class FakeBook:
    """From {"name", "sheets": {name: rows}, "tables": [[name, sheet, r1, c1, r2, c2]],
    "names": [[name, sheet, row, column, refers_to]]} (rows and columns from 1)."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self.name = payload["name"]
        self.sheets = FakeSheets(FakeSheet(n, rows) for n, rows in payload["sheets"].items())
        for name, sheet, r1, c1, r2, c2 in payload["tables"]:
            self.sheets[sheet].tables.append(FakeTable(self.sheets[sheet], name, (r1, c1),
                                                       (r2, c2)))
        self.names = [FakeName(self, *n) for n in payload["names"]]
        self.app = FakeApp()
