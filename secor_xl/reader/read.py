"""Read a master workbook with python-calamine into typed tables, driven by the schema.

Tables are found by their header row, never by position: columns may be
reordered, extra columns are ignored, blank rows skipped. Whatever cannot be
read becomes a finding at its sheet, row and column, and the rest of the
workbook is still read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from .. import cells
from ..errors import UserError
from ..findings import Finding, error, warning
from ..schema import (
    COMPANY_FIELDS,
    LISTS,
    SCHEMA_VERSION,
    SHEETS,
    Column,
    ColumnType,
    Sheet,
    SheetKind,
    version_key,
)
from .package import (
    MAX_BOOK_CELLS,
    READ_ERRORS,
    TablePart,
    check_sheet_extent,
    constant_text,
    damaged,
    defined_names,
    ensure_workbook,
    formula_rows,
    sheet_parts,
    table_parts,
)
from .values import PARSERS, PROBLEM_CODES, Parsed, factorize, parse_all


def _calamine() -> Any:
    """python-calamine, only where a file is read (xlwings Lite's Pyodide has none)."""
    import python_calamine
    return python_calamine


ROW = "_row"  # the spreadsheet row number of each record


@dataclass
class TableData:
    """One log sheet as a typed DataFrame.

    `frame` has every schema column (all-blank when the sheet lacks it), dates
    as datetime64, numbers as float, text and choices as str or None, plus
    `_row`, the row number the user sees. `present` names the columns found;
    `column_numbers` says where each is on the sheet (A = 1).
    """

    sheet: Sheet
    frame: pd.DataFrame
    present: set[str] = field(default_factory=set)
    header_row: int = 1
    column_numbers: dict[str, int] = field(default_factory=dict)


@dataclass
class WorkbookData:
    """Everything the engine needs from one workbook, and what could not be read."""

    path: Path
    tables: dict[str, TableData]
    company: dict[str, Any]
    company_rows: dict[str, int]
    as_of: dt.date | None
    schema_version: str | None
    lists: dict[str, tuple[str, ...]]
    findings: list[Finding]
    derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    """What the rules work out from the tables more than once in one run (training status
    for check's findings and its counts, and for score), by what it depends on."""

    def frame(self, sheet_name: str) -> pd.DataFrame:
        return self.tables[sheet_name].frame


class Source(Protocol):
    """Where a workbook's cells come from: a file (calamine) or a live Excel book."""

    path: Path

    def sheet_names(self) -> list[str]: ...

    def rows(self, sheet: str) -> list[list[Any]]:
        """Every row from A1, blank cells as "" or None."""
        ...

    def tables(self) -> list[TablePart]: ...

    def names(self) -> dict[str, str]: ...

    def formula_rows(self, sheet: str, columns: set[int]) -> dict[int, set[int]] | None:
        """Column (0-based) -> rows (1-based) holding a formula; None when unknown."""
        ...


class FileSource:
    """A workbook file read with python-calamine, its tables and names from the package."""

    def __init__(self, path: Path) -> None:
        self.path = ensure_workbook(path)
        self._parts: dict[str, str] | None = None
        self._cells = 0
        try:
            self.book = _calamine().CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:  # calamine raises its own errors for damaged files
            raise UserError(f"{self.path}: cannot be read as a workbook ({exc}); open it in "
                            "Excel and save it again.") from None

    def sheet_names(self) -> list[str]:
        return list(self.book.sheet_names)

    def rows(self, sheet: str) -> list[list[Any]]:
        """Every row of `sheet`; a damaged or absurdly large sheet is a UserError."""
        if self._parts is None:
            self._parts = sheet_parts(self.path)
        part = self._parts.get(sheet)
        if part is not None:
            self._cells += check_sheet_extent(self.path, sheet, part)
            if self._cells > MAX_BOOK_CELLS:
                raise UserError(f"{self.path}: its sheets reach so far out (up to {sheet!r}) "
                                "that together they are far beyond any records; in Excel "
                                "press Ctrl+End on each sheet, delete the empty rows and "
                                "columns before it, save, and try again.")
        try:
            rows: list[list[Any]] = self.book.get_sheet_by_name(sheet).to_python(
                skip_empty_area=False)
        except (_calamine().CalamineError, *READ_ERRORS) as exc:  # calamine's own, too
            raise damaged(self.path, exc, f" (sheet {sheet!r})") from None
        return rows

    def tables(self) -> list[TablePart]:
        return table_parts(self.path)

    def names(self) -> dict[str, str]:
        return defined_names(self.path)

    def formula_rows(self, sheet: str, columns: set[int]) -> dict[int, set[int]] | None:
        if self._parts is None:
            self._parts = sheet_parts(self.path)
        part = self._parts.get(sheet)
        return formula_rows(self.path, part, columns) if part is not None else None

    def close(self) -> None:
        self.book.close()


def read_workbook(path: str | Path) -> WorkbookData:
    """Read `path`; a file that is not a usable workbook is a UserError (exit 2)."""
    source = FileSource(Path(path))
    try:
        return read_source(source)
    finally:
        source.close()


def read_source(source: Source) -> WorkbookData:
    """Read any source (a file, a live Excel book) into typed tables and findings."""
    return _Reader(source).read()


class _Reader:
    def __init__(self, source: Source) -> None:
        self.path = source.path
        self.source = source
        self.findings: list[Finding] = []
        self.sheet_names = {cells.header_key(n): n for n in source.sheet_names()}
        self.tables_by_sheet: dict[str, TablePart] = {}
        for table in source.tables():
            self.tables_by_sheet.setdefault(table.sheet, table)
        self.names = source.names()

    def read(self) -> WorkbookData:
        version = constant_text(self.names.get("SchemaVersion", ""))
        self._check_version(version)
        self.version = version_key(version or "1.0")
        lists = self._lists()
        company, company_rows, as_of = self._company(lists)
        tables = {s.name: self._table(s, lists) for s in SHEETS
                  if s.kind is SheetKind.TABLE}
        return WorkbookData(self.path, tables, company, company_rows, as_of, version, lists,
                            self.findings)

    # -- whole-workbook facts ---------------------------------------------------

    def _check_version(self, version: str | None) -> None:
        if version is None:
            self.findings.append(warning(
                "Company", 1, None, "invalid.schema_version",
                "The workbook has no SchemaVersion name; it was read as schema "
                f"{SCHEMA_VERSION}. Build a new master with secor-xl init if sheets are "
                "missing."))
            return
        major = version.split(".", 1)[0]
        if major != SCHEMA_VERSION.split(".", 1)[0]:
            raise UserError(f"{self.path}: uses workbook schema {version}, this secor-xl "
                            f"reads schema {SCHEMA_VERSION}; use the matching secor-xl "
                            "version.")
        if version_key(version) < version_key(SCHEMA_VERSION):
            self.findings.append(warning(
                "Company", 1, None, "invalid.schema_version",
                f"The workbook is schema {version}; this secor-xl reads {SCHEMA_VERSION}. "
                f"Run secor-xl upgrade {self.path.name} to add what is new (nothing you "
                "typed moves; a backup is kept)."))

    def _rows(self, sheet_name: str) -> list[list[Any]] | None:
        actual = self.sheet_names.get(cells.header_key(sheet_name))
        if actual is None:
            return None
        return self.source.rows(actual)

    def _lists(self) -> dict[str, tuple[str, ...]]:
        """Allowed answers per list: the schema's, plus any a consultant added on `Lists`."""
        allowed = {lst.title: lst.values for lst in LISTS}
        rows = self._rows("Lists")
        if not rows:
            return allowed
        header = [cells.header_key(str(v)) for v in rows[0]]
        for lst in LISTS:
            if cells.header_key(lst.title) not in header:
                continue
            c = header.index(cells.header_key(lst.title))
            extra = [str(r[c]).strip() for r in rows[1:] if c < len(r) and not cells.is_blank(
                r[c])]
            known = {cells.match_key(v) for v in lst.values}
            allowed[lst.title] = lst.values + tuple(
                v for v in dict.fromkeys(extra) if cells.match_key(v) not in known)
        return allowed

    def _company(self, lists: dict[str, tuple[str, ...]]
                 ) -> tuple[dict[str, Any], dict[str, int], dt.date | None]:
        company: dict[str, Any] = {}
        where: dict[str, int] = {}
        rows = self._rows("Company")
        if rows is None:
            self.findings.append(error(
                "Company", 1, None, "invalid.sheet",
                "The Company sheet is missing; add it back (Field / Value, as in a new "
                "master from secor-xl init)."))
            return company, where, None
        by_label: dict[str, int] = {}
        for index, row in enumerate(rows[:200]):
            if row and isinstance(row[0], str) and row[0].strip():
                by_label.setdefault(cells.header_key(row[0]), index)
        for col in COMPANY_FIELDS:
            r = by_label.get(cells.header_key(col.name))
            if r is None and self._newer(col.since):
                continue  # upgrade adds it; the schema version notice says so once
            if r is None:
                self.findings.append(warning(
                    "Company", 1, "Field", "invalid.header",
                    f"Company: the field '{col.name}' is missing from column A; add it back."))
                continue
            raw = rows[r][1] if len(rows[r]) > 1 else None
            value = self._cell("Company", r + 1, "Value", col, raw, lists, label=col.name)
            company[col.name] = value
            where[col.name] = r + 1
        as_of = company.get("As-of Date")
        return company, where, as_of if isinstance(as_of, dt.date) else None

    # -- tables ------------------------------------------------------------------

    def _table(self, s: Sheet, lists: dict[str, tuple[str, ...]]) -> TableData:
        rows = self._rows(s.name)
        if rows is None and self._newer(s.since):  # schema_version's notice names upgrade
            return TableData(s, _empty_frame(s))
        if rows is None:
            self.findings.append(error(
                s.name, 1, None, "invalid.sheet",
                f"The sheet '{s.name}' is missing; expected a table with the columns "
                f"{', '.join(s.column_names)}."))
            return TableData(s, _empty_frame(s))
        header_index, positions, last_data = self._locate(s, rows)
        if header_index is None:
            self.findings.append(error(
                s.name, 1, None, "invalid.header",
                f"{s.name}: no header row found; expected the columns "
                f"{', '.join(s.column_names)} in row 1."))
            return TableData(s, _empty_frame(s))
        header_row = header_index + 1
        self._header_findings(s, rows[header_index], positions, header_row)

        grid = _grid(rows[header_index + 1:])
        n = grid.shape[0]
        columns = {}
        for name, c in positions.items():
            codes, uniques = factorize(grid[:, c] if c < grid.shape[1]
                                        else np.full(n, "", object))
            columns[name] = codes, parse_all(s.column(name), uniques, lists)
        # A formula column (Risk Rank, Status) has a value on every row, typed or not.
        filled = np.zeros(n, dtype=bool)
        for name, (codes, parsed) in columns.items():
            if s.column(name).type is not ColumnType.FORMULA:
                # blank cells, and only they, parse to no value and no problem
                blank = np.array([value is None and problem is None
                                  for value, problem in parsed] + [True], dtype=bool)
                filled |= ~blank[codes]
        row_numbers = np.arange(header_index + 2, header_index + 2 + n)
        inside = filled.copy()
        if last_data is not None:
            beyond = filled & (row_numbers > last_data + 1)
            inside &= ~beyond
            outside = row_numbers[beyond]
            if len(outside):
                first, last = int(outside[0]), int(outside[-1])
                span = f"row {first}" if len(outside) == 1 else f"rows {first}-{last}"
                self.findings.append(warning(
                    s.name, first, None, "invalid.outside_table",
                    f"{s.name} {span}: typed below the table, so neither the Dashboard nor "
                    "secor-xl counts them. In Excel drag the table's corner handle down over "
                    "them (or Table Design > Resize Table); in LibreOffice select the table "
                    "with those rows and use Data > Define Range > Modify."))

        kept = row_numbers[inside]
        self._formula_findings(s, positions, kept)
        data = {ROW: pd.Series(kept, dtype="int64")}
        for name, (codes, parsed) in columns.items():
            data[name] = self._column(s, s.column(name), codes[inside], parsed, kept)
        for col in s.columns:
            if col.name not in data:
                data[col.name] = _blank_series(col, len(kept))
        frame = pd.DataFrame({name: data[name] for name in (ROW, *s.column_names)})
        return TableData(s, frame, set(positions), header_row,
                         {name: c + 1 for name, c in positions.items()})

    def _formula_findings(self, s: Sheet, positions: dict[str, int], rows: np.ndarray
                          ) -> None:
        """A record whose computed columns hold no formula (LibreOffice does not fill table
        formulas into new rows; a pasted value replaces one) is not counted as it should be."""
        computed = {positions[c.name]: c.name for c in s.columns
                    if c.type is ColumnType.FORMULA and c.name in positions}
        if not computed or not len(rows):
            return
        actual = self.sheet_names.get(cells.header_key(s.name), s.name)
        found = self.source.formula_rows(actual, set(computed))
        if found is None:
            return
        for row in rows.tolist():
            lacking = [name for c, name in computed.items() if row not in found[c]]
            if lacking:
                self.findings.append(warning(
                    s.name, row, lacking[0], "missing.formula",
                    f"{s.name} row {row}: {', '.join(lacking)} "
                    f"{'has' if len(lacking) == 1 else 'have'} no formula, so this row is "
                    "not worked out or counted (a row inserted in LibreOffice gets none, and "
                    "a value typed there replaces it); check --write or the Check button "
                    f"puts {'it' if len(lacking) == 1 else 'them'} back (the backup keeps "
                    "what was there)."))

    def _locate(self, s: Sheet, rows: list[list[Any]]
                ) -> tuple[int | None, dict[str, int], int | None]:
        """Header row index, schema column -> column index, and the table's last row index."""
        wanted = {cells.header_key(c.name): c.name for c in s.columns}
        table = self.tables_by_sheet.get(s.name)
        if table is not None:
            header_index = table.start[0] - 1
            first_col = table.start[1]
            positions = {}
            for i, header in enumerate(table.columns):
                name = wanted.get(cells.header_key(str(header)))
                if name and name not in positions:
                    positions[name] = first_col + i
            return header_index, positions, table.end[0]
        self.findings.append(warning(
            s.name, 1, None, "invalid.table",
            f"{s.name} is not an Excel Table, so rows added in Excel are not counted by the "
            "Dashboard; select the records and use Insert > Table."))
        best, best_index = 0, None
        for r, row in enumerate(rows[:30]):
            hits = sum(1 for v in row if isinstance(v, str) and cells.header_key(v) in wanted)
            if hits > best:
                best, best_index = hits, r
        if best_index is None or best < min(2, len(s.columns)):
            return None, {}, None
        positions = {}
        for c, v in enumerate(rows[best_index]):
            name = wanted.get(cells.header_key(v)) if isinstance(v, str) else None
            if name and name not in positions:
                positions[name] = c
        return best_index, positions, None

    def _header_findings(self, s: Sheet, header: Sequence[Any], positions: dict[str, int],
                         header_row: int) -> None:
        missing = [c for c in s.columns if c.name not in positions and not self._newer(c.since)]
        if not missing:
            return
        known = {cells.header_key(c.name) for c in s.columns}
        unknown = [str(v).strip() for v in header
                   if isinstance(v, str) and v.strip() and cells.header_key(v) not in known]
        found = f" (found {', '.join(repr(u) for u in unknown[:5])})" if unknown else ""
        for col in missing:
            make = error if col.required else warning
            self.findings.append(make(
                s.name, header_row, col.name, "invalid.header",
                f"{s.name}: the column '{col.name}' is missing from the header row "
                f"{header_row}{found}; rename the header back to '{col.name}'."))

    def _newer(self, since: str) -> bool:
        """True for a sheet or column newer than the workbook's schema: not an error, as
        `upgrade` adds it (the schema version notice says so once)."""
        return version_key(since) > getattr(self, "version", version_key(SCHEMA_VERSION))

    # -- cells -------------------------------------------------------------------

    def _column(self, s: Sheet, col: Column, codes: np.ndarray, parsed: list[Parsed],
                rows: np.ndarray) -> pd.Series:
        """Typed values of one column from its distinct values parsed (`values.parse_all`), and
        their problems reported at each row."""
        bad = [index for index, (_value, problem) in enumerate(parsed) if problem is not None]
        if bad:  # one pass over the rows, not one per distinct bad value
            hit = np.isin(codes, bad)
            bad_codes, bad_rows = codes[hit], rows[hit]
            for at in np.argsort(bad_codes, kind="stable"):
                problem = parsed[int(bad_codes[at])][1]
                assert problem is not None
                self._report(s.name, int(bad_rows[at]), col.name, col, problem)
        table = np.array([value for value, _ in parsed] + [None], dtype=object)
        values = table[codes]
        if col.type is ColumnType.DATE:
            return pd.Series(pd.to_datetime(pd.Series(values, dtype="object")),
                             dtype="datetime64[ns]")
        if col.type in (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.FORMULA):
            return pd.Series(values, dtype="float64")
        return pd.Series(values, dtype="object")

    def _cell(self, sheet_name: str, row: int, column: str, col: Column, raw: Any,
              lists: dict[str, tuple[str, ...]], label: str | None = None) -> Any:
        value, problem = PARSERS[col.type](raw, col, lists)
        if problem is not None:
            self._report(sheet_name, row, column, col, problem, label)
        return value

    def _report(self, sheet_name: str, row: int, column: str, col: Column,
                problem: cells.Problem, label: str | None = None) -> None:
        where = f"{sheet_name} row {row}, {label or column}"
        code = PROBLEM_CODES[col.type]
        if problem.used and code != "invalid.text":
            code += "_text"  # read, with a warning: a date or number typed as text
        # an address that is not one only costs a reminder: a warning, not an error
        make = warning if problem.used or col.type is ColumnType.EMAIL else error
        self.findings.append(make(sheet_name, row, column, code, f"{where}: {problem.text}."))


def _grid(rows: list[list[Any]]) -> np.ndarray:
    """The rows as a 2-D object array ("" where a row is short)."""
    try:
        grid = np.array(rows, dtype=object)
        if grid.ndim == 2:
            return grid
    except ValueError:
        pass
    width = max((len(r) for r in rows), default=0)
    grid = np.full((len(rows), max(width, 1)), "", dtype=object)
    for i, row in enumerate(rows):
        grid[i, :len(row)] = row
    return grid


def _blank_series(col: Column, n: int) -> pd.Series:
    if col.type is ColumnType.DATE:
        return pd.Series([pd.NaT] * n, dtype="datetime64[ns]")
    if col.type in (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.FORMULA):
        return pd.Series([float("nan")] * n, dtype="float64")
    return pd.Series([None] * n, dtype="object")


def _empty_frame(s: Sheet) -> pd.DataFrame:
    frame = pd.DataFrame({ROW: pd.Series([], dtype="int64")})
    for col in s.columns:
        frame[col.name] = _blank_series(col, 0)
    return frame
