"""A second formula engine for the tests, beside LibreOffice: the `formulas` package (its
parser and Excel functions) driven by this harness, with an Excel-strict mode.

`Engine(path)` loads an .xlsx with openpyxl (formulas, not cached values) and evaluates
any cell, defined name or ad-hoc formula on demand: it walks from the cells asked for to
every formula cell they reach, on any sheet, and computes each once per as-of day.

What the harness adds to the library (which evaluates one formula given its inputs):

- Structured references are rewritten into absolute A1 ranges before parsing, from the
  tables openpyxl lists on each sheet: `Table[Col]`, `Table[[Col]]`, `Table[[A]:[B]]`,
  `Table[]`, a bare `Table`, `[#All]`, `[#Data]`, `[#Headers]`, `[#Totals]` and their
  combinations, `Table[[#This Row],[Col]]` and `Table[@Col]` (the formula's own row; a
  row outside the table gives #VALUE!), an unqualified `[Col]` inside a table, and the
  `'` escapes of `[`, `]`, `#` and `'` in column names.
- Defined names that are ranges are handed to the parser as references; other names
  (constants, formulas) are evaluated as formulas where a formula uses them. A name
  whose formula returns a reference (OFFSET) is not supported.
- Every formula is evaluated with array semantics, which is what a legacy array formula
  (Ctrl+Shift+Enter, openpyxl's ArrayFormula) gets in Excel: a single-cell one shows the
  top-left value, a multi-cell one spreads its result over its range (a 1-wide result
  repeats, a missing place is #N/A). Implicit intersection of plain (non-array) formulas
  is NOT emulated: they too are evaluated as arrays, as dynamic-array Excel would.
- Whole-column and whole-row references are cut to the sheet's used area.
- `--x`: the library folds the two minus signs into a unary plus, which does not turn
  TRUE into 1; here it is a unary operator that coerces to a number as Excel's does.
- Setting a value (the As-of Date through `AsOfDate`) and recalculating.
- Results read back as openpyxl reads a file LibreOffice recalculated: whole numbers as
  int, a date-formatted cell's number as a date, "" as None, errors as '#VALUE!'.
- Speed: the rows of a calculated column share one compiled formula (the own row is a
  placeholder, `_THIS_ROW`, filled in when the inputs are read), and calls on 16 or more
  elements are memoized by their exact arguments, as every row repeats the same
  whole-column expressions. The library's IF works out both branches.

Excel-strict mode (`strict=True`, the default), from Excel's documented rules:

- MMULT: #VALUE! when any element of either array is not a number (TRUE/FALSE, text,
  an empty cell), or when the columns of the first are not the rows of the second.
- SUMPRODUCT: arrays of different sizes give #VALUE!; an element that is not a number
  (TRUE/FALSE included) counts as 0 ("SUMPRODUCT treats array entries that are not
  numeric as if they were zeros"), so a bare comparison passed to it adds up to 0.
- SUM, MAX, MIN ignore TRUE/FALSE inside arrays and ranges, and MATCH(1, x, 0) does not
  find 1 in a TRUE (the library already does both).
- EDATE, EOMONTH: #VALUE! for a multi-cell range argument, element by element over a
  computed array (Excel: `EDATE(TODAY(),range)` is an error, `EDATE(TODAY(),+range)`
  is not); the library itself lifts neither.

Non-strict mode behaves like LibreOffice: TRUE/FALSE count as 1/0 in MMULT, SUMPRODUCT,
SUM, MAX, MIN and MATCH's lookup array, empty cells as 0 in MMULT, and EDATE/EOMONTH
take ranges element by element.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import schedula as sh
from formulas.cell import Cell
from formulas.functions import Array, get_functions, wrap_func, wrap_ufunc
from formulas.functions.operators import OPERATORS
from formulas.ranges import Ranges
from formulas.tokens.operand import Error, XlError
from formulas.tokens.operator import Operator, OperatorToken
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter, quote_sheetname, range_boundaries
from openpyxl.utils.datetime import from_excel, to_excel
from openpyxl.worksheet.formula import ArrayFormula

EMPTY = sh.EMPTY
VALUE = Error.errors["#VALUE!"]
NA = Error.errors["#N/A"]

_STRICT: contextvars.ContextVar[bool] = contextvars.ContextVar("excel_strict", default=True)


# -- the library's gaps and the strict functions --------------------------------------

def _patch_double_minus() -> None:
    """Make `--x` a coercing unary operator (the library turns it into `+x`, a no-op)."""
    if getattr(OperatorToken, "_second_engine_patched", False):
        return
    process, update_name = OperatorToken.process, Operator.update_name

    def new_process(self: Any, match: Any, context: Any = None, parser: Any = None) -> Any:
        attr = process(self, match, context=context, parser=parser)
        if attr.get("name") == "+" and "-" in attr.get("sum_minus", ""):
            attr["coerce"] = True  # an even number of minus signs
        return attr

    def new_update_name(self: Any, tokens: Any, stack: Any) -> None:
        update_name(self, tokens, stack)
        if self.attr.get("coerce") and self.attr.get("name") == "u+":
            self.attr["name"] = "u--"

    OperatorToken.process = new_process
    Operator.update_name = new_update_name
    Operator._precedences["u--"] = Operator._precedences["u-"]
    Operator._n_args["u--"] = 1
    OPERATORS["U--"] = wrap_ufunc(lambda x: x)  # wrap_ufunc's float() is the coercion
    OperatorToken._second_engine_patched = True


def _values(arg: Any) -> np.ndarray:
    """An argument as a 2-D object array (a range's values, an array, a scalar)."""
    if isinstance(arg, Ranges):
        arg = arg.value
    out = np.asarray(arg, dtype=object)
    if out.ndim == 0:
        out = out.reshape(1, 1)
    elif out.ndim == 1:
        out = out.reshape(1, -1)
    return out


def _first_error(*arrays: np.ndarray) -> XlError | None:
    for a in arrays:
        for v in a.ravel():
            if isinstance(v, XlError):
                return v
    return None


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(
        v, (bool, np.bool_))


def _lenient(v: Any) -> Any:
    """LibreOffice's reading of an array element as a number: TRUE 1, empty 0."""
    if isinstance(v, (bool, np.bool_)):
        return float(v)
    return 0.0 if v is EMPTY else v


def _mmult(a: Any, b: Any) -> Any:
    x, y = _values(a), _values(b)
    if (err := _first_error(x, y)) is not None:
        return err
    if not _STRICT.get():
        x, y = (np.vectorize(_lenient, otypes=[object])(v) for v in (x, y))
    if not all(_is_number(v) for v in (*x.ravel(), *y.ravel())) or x.shape[1] != y.shape[0]:
        return VALUE
    return np.dot(x.astype(float), y.astype(float)).view(Array)


def _sumproduct(*args: Any) -> Any:
    arrays = [_values(a) for a in args]
    if any(a.shape != arrays[0].shape for a in arrays):
        return VALUE
    if (err := _first_error(*arrays)) is not None:
        return err
    strict = _STRICT.get()

    def number(v: Any) -> float:
        if not strict:
            v = _lenient(v)
        return float(v) if _is_number(v) else 0.0

    product = np.ones(arrays[0].shape)
    for a in arrays:
        product *= np.vectorize(number, otypes=[float])(a)
    return float(product.sum())


def _as_numbers(arg: Any) -> Any:
    """TRUE/FALSE as 1/0, in an array, a range's values or a single value."""
    if isinstance(arg, (bool, np.bool_)):
        return float(arg)
    if isinstance(arg, (Ranges, np.ndarray)):
        return np.vectorize(lambda v: float(v) if isinstance(v, (bool, np.bool_)) else v,
                            otypes=[object])(_values(arg))
    return arg


def _booleans_counted(original: Any, first: int = 0) -> Any:
    """SUM, MAX, MIN ignore TRUE/FALSE in arrays, and MATCH finds no 1 in TRUE, in Excel
    (the library's own functions); LibreOffice takes them as 1/0. `first`: the number of
    leading arguments to coerce (0: all; MATCH: its value and lookup array)."""

    def function(*args: Any) -> Any:
        if not _STRICT.get():
            args = tuple(_as_numbers(a) if not first or i < first else a
                         for i, a in enumerate(args))
        return original(*args)

    return functools.update_wrapper(function, original)


def _no_ranges(original: Any) -> Any:
    """EDATE, EOMONTH: in Excel a multi-cell range argument gives #VALUE!, while a computed
    array is taken element by element (LibreOffice takes both element by element)."""

    def function(*args: Any) -> Any:
        if _STRICT.get() and any(isinstance(a, Ranges) and _values(a).size > 1 for a in args):
            return np.asarray([[VALUE]], object)
        arrays = [_values(a) for a in args]
        if all(a.size == 1 for a in arrays):
            return original(*(a[0, 0] for a in arrays))
        try:
            grid = np.broadcast_arrays(*arrays)
        except ValueError:
            return np.asarray([[VALUE]], object)
        out = np.empty(grid[0].shape, dtype=object)
        for index in np.ndindex(out.shape):
            value = np.asarray(original(*(g[index] for g in grid)), dtype=object)
            out[index] = value.ravel()[0] if value.size else VALUE
        return out.view(Array)

    return functools.update_wrapper(function, original)


def _register() -> None:
    global _STRICT
    functions = get_functions()
    registered = getattr(functions["MMULT"], "second_engine", None)
    if registered is not None:  # this module imported twice: one switch for both
        _STRICT = registered
        return
    functions["MMULT"] = wrap_func(_mmult)
    functions["MMULT"].second_engine = _STRICT
    functions["SUMPRODUCT"] = wrap_func(_sumproduct)
    for name in ("SUM", "MAX", "MIN"):
        functions[name] = _booleans_counted(functions[name])
    functions["MATCH"] = _booleans_counted(functions["MATCH"], first=2)
    for name in ("EDATE", "EOMONTH"):
        functions[name] = wrap_func(_no_ranges(functions[name]), ranges=True)


_MEMO: OrderedDict[Any, Any] = OrderedDict()
_NOT_PURE = {"TODAY", "NOW", "RAND", "RANDBETWEEN", "RANDARRAY", "_XLFN.RANDARRAY",
             "INDIRECT", "OFFSET", "CELL", "INFO", ",", " ", ":"}


def _fingerprint(arg: Any) -> tuple[Any, int]:
    """An exact, hashable key for an argument (types included: TRUE is not 1 here), and
    its number of elements."""
    if isinstance(arg, Ranges):
        key, size = _fingerprint(arg.value)
        return ("R", tuple(r["name"] for r in arg.ranges), key), size
    if isinstance(arg, np.ndarray):
        flat = arg.ravel().tolist()
        return ("A", type(arg), arg.shape, tuple(map(type, flat)), tuple(flat)), len(flat)
    return ("S", type(arg), arg), 1


def _memoized(function: Any) -> Any:
    """The same answer for the same arguments without working it out again: a table's
    per-row formulas repeat the same whole-column expressions on every row. Only calls
    with 16 elements or more are kept (the last 4,096)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        if not args or kwargs:
            return function(*args, **kwargs)
        try:
            prints = [_fingerprint(a) for a in args]
            key = (function, _STRICT.get(), tuple(k for k, _n in prints))
            hash(key)
        except Exception:  # a range without values, an unhashable element
            return function(*args)
        if sum(n for _k, n in prints) < 16:
            return function(*args)
        if key in _MEMO:
            _MEMO.move_to_end(key)
            found = _MEMO[key]
            return found.copy() if isinstance(found, np.ndarray) else found
        result = _MEMO[key] = function(*args)
        if len(_MEMO) > 4096:
            _MEMO.popitem(last=False)
        return result.copy() if isinstance(result, np.ndarray) else result

    return functools.update_wrapper(call, function)


def _memoize_all() -> None:
    functions = get_functions()
    for table in (functions, OPERATORS):
        for name, entry in list(table.items()):
            if name.upper() in _NOT_PURE:
                continue
            if isinstance(entry, dict) and callable(entry.get("function")):
                table[name] = {**entry, "function": _memoized(entry["function"])}
            elif callable(entry):
                table[name] = _memoized(entry)


_patch_double_minus()
_register()
if getattr(get_functions()["MMULT"], "second_engine", None) is _STRICT and not getattr(
        get_functions()["SUM"], "memoized", False):
    _memoize_all()
    get_functions()["SUM"].memoized = True


# -- structured references -------------------------------------------------------------

@dataclass(frozen=True)
class Table:
    name: str
    sheet: str  # the sheet's title
    first_col: int
    header_row: int | None  # None without a header row
    first_data: int
    last_data: int
    totals_row: int | None
    columns: tuple[str, ...]

    def column(self, name: str) -> int:
        wanted = name.strip().upper()
        for i, col in enumerate(self.columns):
            if col.strip().upper() == wanted:
                return self.first_col + i
        raise KeyError(f"{self.name} has no column {name!r}")

    def contains(self, sheet: str, row: int, col: int) -> bool:
        top = self.header_row or self.first_data
        bottom = self.totals_row or self.last_data
        return (sheet.upper() == self.sheet.upper() and top <= row <= bottom
                and self.first_col <= col < self.first_col + len(self.columns))


def tables_of(wb: openpyxl.Workbook) -> dict[str, Table]:
    """Every Excel Table of the workbook, by upper-case name."""
    found = {}
    for ws in wb.worksheets:
        for t in ws.tables.values():
            min_col, min_row, _max_col, max_row = range_boundaries(t.ref)
            headers = 1 if t.headerRowCount is None else int(t.headerRowCount)
            totals = int(t.totalsRowCount or 0)
            found[t.name.upper()] = Table(
                t.name, ws.title, min_col, min_row if headers else None, min_row + headers,
                max_row - totals, max_row if totals else None,
                tuple(c.name for c in t.tableColumns))
    return found


_IDENT_START = re.compile(r"[A-Za-z_\\]")
_IDENT = re.compile(r"[A-Za-z0-9_.\\]*")


def _bracket(text: str, start: int) -> int:
    """The index just past the `]` that closes the `[` at `start` (`'` escapes a char)."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch == "'":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unclosed [ in {text!r}")


def _unescape(text: str) -> str:
    return re.sub(r"'(.)", r"\1", text)


def _items(inner: str) -> list[str]:
    """`[a],[b]:[c]` as ['[a]', ',', '[b]', ':', '[c]']; a lone item as itself. An item
    may also stand unbracketed after a comma, `[#This Row],Col`, as XlsxWriter writes
    `[@Col]`."""
    if not inner.strip().startswith("["):
        return [inner.strip()] if inner.strip() else []
    out, i, word = [], 0, ""
    while i < len(inner):
        ch = inner[i]
        if ch == "'" and word:
            word += inner[i:i + 2]
            i += 2
        elif ch == "[" and not word.strip():
            end = _bracket(inner, i)
            out.append(inner[i:end])
            i = end
        elif ch in ",:":
            if word.strip():
                out.append(word.strip())
            word = ""
            out.append(ch)
            i += 1
        else:
            word += ch
            i += 1
    if word.strip():
        out.append(word.strip())
    return out


def _structured(table: Table, inner: str, here: tuple[str, int, int] | None,
                mark: int | None = None) -> str:
    """The A1 range a structured reference's bracket content means (`mark`: the row to
    write for the formula's own row, see `expand_structured`)."""
    specials: set[str] = set()
    columns: list[int] = []
    this_row = False
    previous_colon = False
    for item in _items(inner):
        if item in (",", ":"):
            previous_colon = item == ":"
            continue
        raw = item[1:-1] if item.startswith("[") else item
        if raw.startswith("@"):
            this_row, raw = True, raw[1:].strip()
            if raw.startswith("["):
                raw = raw[1:-1]
            if not raw:
                continue
        elif raw.startswith("#"):
            specials.add(raw.strip().upper())
            continue
        col = table.column(_unescape(raw))
        if previous_colon and columns:
            columns = list(range(min(columns[-1], col), max(columns[-1], col) + 1))
        else:
            columns.append(col)
        previous_colon = False
    if "#THIS ROW" in specials:
        this_row = True
        specials.discard("#THIS ROW")
    if not columns:
        columns = [table.first_col, table.first_col + len(table.columns) - 1]
    first, last = min(columns), max(columns)

    if this_row:
        row = here[1] if here and here[0].upper() == table.sheet.upper() else 0
        if not table.first_data <= row <= table.last_data:
            return "#VALUE!"
        top = bottom = mark or row
    else:
        rows: dict[str, int | None] = {"#DATA": table.first_data, "#HEADERS": table.header_row,
                                       "#TOTALS": table.totals_row}
        ends: dict[str, int | None] = {**rows, "#DATA": table.last_data}
        picked = sorted(specials or {"#DATA"})
        if picked == ["#ALL"]:
            picked = [s for s in ("#HEADERS", "#DATA", "#TOTALS") if rows[s] is not None]
        starts = [rows[s] for s in picked]
        stops = [ends[s] for s in picked]
        if any(r is None for r in starts + stops):
            return "#REF!"
        top = min(r for r in starts if r is not None)
        bottom = max(r for r in stops if r is not None)
    a = f"${get_column_letter(first)}${top}"
    b = f"${get_column_letter(last)}${bottom}"
    return f"{quote_sheetname(table.sheet)}!{a}" + ("" if a == b else f":{b}")


def expand_structured(text: str, tables: dict[str, Table],
                      here: tuple[str, int, int] | None = None,
                      mark: int | None = None) -> str:
    """`text` with every structured reference written as an absolute A1 range.

    `here` is the formula's (sheet, row, column), for `[#This Row]` and a reference
    without a table name inside a table. With `mark`, the formula's own row is written
    as that row number, so that a calculated column's rows share one compiled formula.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":  # a string, or a quoted sheet name: copied as it is
            j = i + 1
            while j < n:
                if text[j] == ch:
                    if j + 1 < n and text[j + 1] == ch:
                        j += 2
                        continue
                    break
                j += 1
            out.append(text[i:j + 1])
            i = j + 1
            continue
        prev = text[i - 1] if i else ""
        if ch == "[" and not (prev.isalnum() or prev in "_.\\]"):
            table = next((t for t in tables.values() if here and t.contains(*here)), None)
            if table is None:
                raise ValueError(f"a table reference outside any table: {text!r}")
            end = _bracket(text, i)
            out.append(_structured(table, text[i + 1:end - 1], here, mark))
            i = end
            continue
        if _IDENT_START.match(ch) and not (prev.isalnum() or prev in "_.\\$"):
            m = _IDENT.match(text, i + 1)
            stop = m.end() if m else i + 1
            word = text[i:stop]
            after = text[stop] if stop < n else ""
            table = tables.get(word.upper())
            if table is not None and after == "[":
                end = _bracket(text, stop)
                out.append(_structured(table, text[stop + 1:end - 1], here, mark))
                i = end
                continue
            if table is not None and after not in ("(", "!"):
                out.append(_structured(table, "", here, mark))
            else:
                out.append(word)
            i = stop
            continue
        out.append(ch)
        i += 1
    return "".join(out)


# -- the engine ----------------------------------------------------------------------

Key = tuple[str, int, int]  # (upper-case sheet title, row, column)
_THIS_ROW = 1_048_000  # stands for a formula's own row while it is compiled
_OWN_CELL = re.compile(r"\b(ROW|COLUMN)\(\s*\)", re.IGNORECASE)  # ROW() is the cell's row


@dataclass(frozen=True)
class FormulaCell:
    text: str
    anchor: Key
    rows: int = 1
    cols: int = 1


@functools.lru_cache(maxsize=4096)
def _compile(sheet: str, ref: str, text: str, references: tuple[tuple[str, str], ...]) -> Any:
    cell = Cell(ref, text, context={"sheet": sheet})
    cell.compile(references=dict(references))
    return cell.func.func


def _to_serial(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return to_excel(value)
    return EMPTY if value is None else value


@contextmanager
def _mode(strict: bool) -> Iterator[None]:
    token = _STRICT.set(strict)
    try:
        yield
    finally:
        _STRICT.reset(token)


class Engine:
    """A workbook's formulas, evaluated on demand (see the module docstring)."""

    def __init__(self, path: str | Path, *, strict: bool = True) -> None:
        self._strict = strict
        wb = openpyxl.load_workbook(path, data_only=False)
        self.titles = {ws.title.upper(): ws.title for ws in wb.worksheets}
        self.tables = tables_of(wb)
        self.constants: dict[Key, Any] = {}
        self.formulas: dict[Key, FormulaCell] = {}
        self.formats: dict[Key, str] = {}
        self.extent: dict[str, tuple[int, int]] = {}
        for ws in wb.worksheets:
            sheet = ws.title.upper()
            self.extent[sheet] = (ws.max_row, ws.max_column)
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell, XlCell):
                        self._load(sheet, cell)
        self.names: dict[str, str] = {}  # name: a range (A1) or a formula's text
        self.range_names: dict[str, str] = {}
        for name, defined in wb.defined_names.items():
            self._add_name(name, defined)
        self._memo: dict[Key, np.ndarray] = {}
        self._busy: set[Key] = set()

    def _load(self, sheet: str, cell: XlCell) -> None:
        key = (sheet, cell.row, cell.column)
        value = cell.value
        self.formats[key] = cell.number_format
        if isinstance(value, ArrayFormula):
            min_col, min_row, max_col, max_row = range_boundaries(value.ref or cell.coordinate)
            anchor = (sheet, min_row, min_col)
            text = value.text if value.text.startswith("=") else "=" + value.text
            f = FormulaCell(text, anchor, max_row - min_row + 1, max_col - min_col + 1)
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    self.formulas[(sheet, r, c)] = f
        elif cell.data_type == "f" and isinstance(value, str):
            if key not in self.formulas:  # not a cell covered by an array formula
                self.formulas[key] = FormulaCell(value, key)
        elif key not in self.formulas and value is not None:
            self.constants[key] = _to_serial(value)

    def _add_name(self, name: str, defined: Any) -> None:
        text = defined.attr_text or ""
        if defined.type == "RANGE":
            try:
                ((title, area),) = list(defined.destinations)
            except ValueError:
                self.names[name.upper()] = "=" + text
                return
            self.range_names[name.upper()] = f"{quote_sheetname(title)}!{area}"
        self.names[name.upper()] = "=" + text

    @property
    def strict(self) -> bool:
        """Excel's rules (True) or LibreOffice's coercions (False); a change recalculates."""
        return self._strict

    @strict.setter
    def strict(self, strict: bool) -> None:
        self._strict = strict
        self._memo.clear()

    # -- setting values -----------------------------------------------------------

    def where(self, name: str) -> Key:
        """The (sheet, row, column) of a single-cell defined name."""
        area = self.range_names[name.upper()]
        title, coord = area.rsplit("!", 1)
        min_col, min_row, max_col, max_row = range_boundaries(coord.replace("$", ""))
        assert (min_col, min_row) == (max_col, max_row), f"{name} is not one cell"
        return (title.strip("'").replace("''", "'").upper(), min_row, min_col)

    def set(self, key: Key, value: Any) -> None:
        """Put a constant in a cell (a formula there is replaced) and forget every result."""
        self.formulas.pop(key, None)
        self.constants[key] = _to_serial(value)
        self._grow(key)
        self._memo.clear()

    def _grow(self, key: Key) -> None:
        max_row, max_col = self.extent[key[0]]
        self.extent[key[0]] = (max(max_row, key[1]), max(max_col, key[2]))

    def set_name(self, name: str, value: Any) -> None:
        self.set(self.where(name), value)

    def set_formula(self, key: Key, text: str) -> None:
        """Put a one-cell array formula in a cell and forget every result."""
        self.constants.pop(key, None)
        self.formulas[key] = FormulaCell(text, key)
        self._grow(key)
        self._memo.clear()

    # -- evaluating ---------------------------------------------------------------

    def named(self, names: Iterable[str], as_of: dt.date | None = None) -> dict[str, Any]:
        """The values of single-cell names, as openpyxl reads a file LibreOffice recalculated:
        numbers (whole ones as int), text ("" as None), dates (for a date-formatted cell),
        errors as '#VALUE!'.
        `as_of` goes into the `AsOfDate` cell first."""
        if as_of is not None:
            self.set_name("AsOfDate", as_of)
        return {name: self.value(self.where(name)) for name in names}

    def area(self, name: str) -> list[list[Any]]:
        """The values of a rectangular defined name, row by row."""
        title, coord = self.range_names[name.upper()].rsplit("!", 1)
        sheet = title.strip("'").replace("''", "'").upper()
        min_col, min_row, max_col, max_row = range_boundaries(coord.replace("$", ""))
        return [[self.value((sheet, r, c)) for c in range(min_col, max_col + 1)]
                for r in range(min_row, max_row + 1)]

    def value(self, key: Key) -> Any:
        """A cell's value in Python terms (see `named`)."""
        return _python(self.raw(key), self.formats.get(key, "General"))

    def raw(self, key: Key) -> Any:
        """A cell's value as the library holds it (EMPTY for a blank cell)."""
        f = self.formulas.get(key)
        if f is None:
            return self.constants.get(key, EMPTY)
        result = self._result(f)
        return result[key[1] - f.anchor[1], key[2] - f.anchor[2]]

    def formula(self, text: str, sheet: str = "Dashboard", row: int = 1, col: int = 1,
                rows: int = 1, cols: int = 1) -> Any:
        """The result of a formula that is in no cell, as if array-entered at (row, col);
        a one-cell result as a value, a larger one as a 2-D list."""
        key = (sheet.upper(), row, col)
        out = self._evaluate(FormulaCell(text, key, rows, cols))
        if out.shape == (1, 1):
            return _python(out[0, 0], "General")
        return [[_python(v, "General") for v in r] for r in out]

    def _result(self, f: FormulaCell) -> np.ndarray:
        if f.anchor in self._memo:
            return self._memo[f.anchor]
        if f.anchor in self._busy:
            raise RecursionError(f"circular reference through {f.anchor}")
        self._busy.add(f.anchor)
        try:
            out = self._evaluate(f)
        finally:
            self._busy.discard(f.anchor)
        self._memo[f.anchor] = out
        return out

    def _evaluate(self, f: FormulaCell) -> np.ndarray:
        sheet, row, col = f.anchor
        text = expand_structured(f.text, self.tables, f.anchor, mark=_THIS_ROW)
        ref = f"{get_column_letter(col)}{_THIS_ROW}"  # the cell's row is in no formula
        if (f.rows, f.cols) != (1, 1) or _OWN_CELL.search(text):
            text = expand_structured(f.text, self.tables, f.anchor)
            ref = f"{get_column_letter(col)}{row}"
            if (f.rows, f.cols) != (1, 1):
                ref += f":{get_column_letter(col + f.cols - 1)}{row + f.rows - 1}"
        refs = tuple(sorted(self.range_names.items()))
        func = _compile(sheet, ref, text, refs)
        args = [self._input(k, rng, sheet, row) for k, rng in func.inputs.items()]
        with _mode(self._strict):
            result = func(*args)
        return _spread(result, f.rows, f.cols)

    def _input(self, key: Any, rng: Any, sheet: str, row: int) -> Any:
        if isinstance(rng, Ranges):
            out = Ranges()
            for r in rng.ranges:
                out = out | self._range(r, row)
            return out
        name = str(key).upper()
        if name in self.names:  # a name that is not a range: its formula's value
            value = self.formula(self.names[name], self.titles.get(sheet, sheet))
            return np.asarray([[_to_serial(value)]], object)
        if isinstance(key, XlError):
            return np.asarray([[key]], object)
        return np.asarray([[Error.errors["#NAME?"]]], object)

    def _range(self, r: dict[str, Any], row: int) -> Ranges:
        """The values of a range the formula at `row` reads (`_THIS_ROW` stands for it)."""
        sheet = str(r.get("sheet") or "").upper()
        if sheet not in self.extent:
            return Ranges().push(r["name"], np.asarray([[Error.errors["#REF!"]]], object))
        max_row, max_col = self.extent[sheet]
        r1, r2, n1, n2 = int(r["r1"]), int(r["r2"]), int(r["n1"]), int(r["n2"])
        r1, r2 = (row if r1 == _THIS_ROW else r1), (row if r2 == _THIS_ROW else r2)
        if r1 == 0:  # a whole column, cut to the used rows
            r1, r2 = 1, max_row
        if n1 == 0:  # a whole row, cut to the used columns
            n1, n2 = 1, max_col
        values = np.empty((r2 - r1 + 1, n2 - n1 + 1), dtype=object)
        for i in range(r1, r2 + 1):
            for j in range(n1, n2 + 1):
                values[i - r1, j - n1] = self.raw((sheet, i, j))
        a = f"{get_column_letter(n1)}{r1}"
        b = f"{get_column_letter(n2)}{r2}"
        ref = f"{quote_sheetname(self.titles[sheet])}!{a}:{b}"
        return Ranges().push(ref, values)


def _spread(result: Any, rows: int, cols: int) -> np.ndarray:
    """A formula's result laid over its cells as Excel lays an array formula's."""
    arr = _values(result)
    out = np.empty((rows, cols), dtype=object)
    for i in range(rows):
        for j in range(cols):
            r = 0 if arr.shape[0] == 1 else i
            c = 0 if arr.shape[1] == 1 else j
            v = arr[r, c] if r < arr.shape[0] and c < arr.shape[1] else NA
            out[i, j] = 0 if v is EMPTY else v  # a formula pointing at a blank shows 0
    return out


def _python(v: Any, number_format: str) -> Any:
    """A value as openpyxl reads it from a recalculated file."""
    if isinstance(v, np.ndarray):
        v = v.item() if v.size == 1 else v
    if v is EMPTY or v is None or v == "":  # a formula's "" reads back as an empty cell
        return None
    if isinstance(v, XlError):
        return str(v)
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, float, np.integer, np.floating)):
        number = float(v)
        if is_date_format(number_format) and number >= 0:
            day = from_excel(number)
            return day.date() if number.is_integer() else day
        return int(number) if number.is_integer() else number
    return v
