"""What kind of file a user handed us, before any parser touches it.

A workbook is untrusted input: we look at its first bytes to tell an
encrypted (password-protected) or old `.xls` file from a real `.xlsx`, bound
its size and the size of every part the sheet reader will expand, check that
no sheet reaches so far that the reader's grid would not fit in memory, and
read the little XML we need (defined names, tables) with defusedxml. Every
failure is a UserError that names the file (exit 2), never a traceback.
"""

from __future__ import annotations

import posixpath
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import olefile
from defusedxml import DefusedXmlException, ElementTree

from ..errors import UserError

MAX_BYTES = 200 * 1024 * 1024
MAX_XML_BYTES = 20 * 1024 * 1024
MAX_READER_PART_BYTES = 128 * 1024 * 1024
"""A sheet or the shared strings, expanded: about 400,000 log rows on one sheet."""
MAX_SHEET_CELLS = 20_000_000
"""The reader holds a sheet as a grid from A1 to its last cell: rows x columns at most
(a sheet no wider than Z may have 769,000 rows)."""
MAX_BOOK_CELLS = 40_000_000
"""The same over every sheet read: a stray cell at Z1048576 on each sheet is refused."""
READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError,
    UnicodeDecodeError, ParseError, DefusedXmlException, NotImplementedError)
"""What a damaged package raises while a member is read (bad CRC, bad deflate, ...)."""
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def ensure_workbook(path: str | Path) -> Path:
    """The path of a readable .xlsx/.xlsm file, or a UserError saying what to do."""
    path = Path(path)
    if not path.exists():
        if path.is_symlink():
            raise UserError(f"{path}: is a link that leads nowhere (or round to itself); "
                            "give the workbook file itself.")
        raise UserError(f"{path}: no such file; check the name and folder.")
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give the workbook file (.xlsx).")
    if not stat.S_ISREG(path.stat().st_mode):
        raise UserError(f"{path}: is not a regular file (a pipe or a device); give the "
                        "workbook file (.xlsx).")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        raise UserError(f"{path}: is a text file, not a workbook; open the master workbook "
                        "(.xlsx) instead, or paste these rows into it.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UserError(f"{path}: is {size // (1024 * 1024)} MB, larger than the "
                        f"{MAX_BYTES // (1024 * 1024)} MB a master workbook can be.")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except PermissionError:
        raise UserError(f"{path}: cannot be read (permission denied); ask whoever owns it "
                        "to let you read it, or copy it somewhere you can.") from None
    if head == _OLE_MAGIC:
        if suffix == ".xls" or _is_old_excel(path):
            raise UserError(f"{path}: is an old Excel 97-2003 (.xls) file; open it in Excel "
                            "and save it as .xlsx, then try again.")
        raise UserError(f"{path}: is password-protected (encrypted); open it in Excel, "
                        "remove the password (File > Info > Protect Workbook), save, and "
                        "try again.")
    if suffix == ".xls":
        raise UserError(f"{path}: .xls files are not supported; save it as .xlsx.")
    if not head.startswith(_ZIP_MAGIC) or not zipfile.is_zipfile(path):
        raise UserError(f"{path}: is not an Excel workbook (.xlsx); check you picked the "
                        "right file.")
    try:
        with zipfile.ZipFile(path) as package:
            if "xl/workbook.xml" not in package.namelist():
                raise UserError(f"{path}: is a zip file but not an Excel workbook; check you "
                                "picked the right file.")
            _bound_reader_parts(path, package)
    except READ_ERRORS as exc:
        raise damaged(path, exc) from None
    return path


def damaged(path: Path, exc: BaseException, where: str = "") -> UserError:
    """The one line for a package that breaks while it is read."""
    reason = " ".join(str(exc).split()) or type(exc).__name__  # one line, whatever it says
    return UserError(f"{path}: is damaged{where} ({type(exc).__name__}: {reason[:200]}); "
                     "open it in Excel, let it repair the file, save it, and try again.")


def _is_old_excel(path: Path) -> bool:
    """A compound file holding an Excel 97-2003 workbook (not an encrypted .xlsx)."""
    try:
        ole = olefile.OleFileIO(str(path))
        try:
            return bool(ole.exists("Workbook") or ole.exists("Book"))
        finally:
            ole.close()
    except READ_ERRORS:
        return False


def _bound_reader_parts(path: Path, package: zipfile.ZipFile) -> None:
    """Refuse a sheet or shared-strings part that would expand past what the reader holds."""
    for info in package.infolist():
        name = info.filename
        if not (name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"):
            continue
        if info.file_size > MAX_READER_PART_BYTES:
            raise UserError(
                f"{path}: its part {name} expands to {info.file_size // (1024 * 1024)} MB, "
                f"more than the {MAX_READER_PART_BYTES // (1024 * 1024)} MB a workbook's sheet "
                "can hold here; it may be damaged or hostile. Open it in Excel, delete what "
                "is not records, and save it again.")


_WIDE_CELL = re.compile(rb' r="([A-Z]{2,})(\d+)"')
"""A cell past column Z (XFD is the last Excel has; a damaged file may go further)."""
_DEEP_CELL = re.compile(rb' r="([A-Z])(\d{7,})"')
"""A cell in columns A-Z at row 1,000,000 or below; both patterns are rare, so cheap."""
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
NARROW_COLUMNS = 26
"""A sheet with no cell past Z is taken to be Z wide."""


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name -> its part inside the package (xl/worksheets/sheetN.xml)."""
    try:
        with zipfile.ZipFile(path) as package:
            workbook = _xml(package, "xl/workbook.xml")
            targets = _relationships(package, "xl/_rels/workbook.xml.rels", "xl/")
    except READ_ERRORS as exc:
        raise damaged(path, exc) from None
    parts = {}
    for node in workbook.iter(f"{_NS}sheet"):
        target = targets.get(node.get(_REL, ""))
        if target is not None:
            parts[str(node.get("name"))] = target
    return parts


def check_sheet_extent(path: Path, sheet: str, part: str) -> int:
    """Refuse a sheet whose last cell is so far out that the reader's grid would not fit;
    return the grid's size in cells.

    One stray value at XFD1048576 makes a grid of 17 billion cells; the reader
    would abort the process. The part is scanned for its cell references first.
    """
    try:
        with zipfile.ZipFile(path) as package:
            if part not in package.namelist():
                return 0  # the reader says the sheet is missing, in its own words
            data = package.read(part)
    except READ_ERRORS as exc:
        raise damaged(path, exc, f" (sheet {sheet!r})") from None
    # Rows come in order (ECMA-376), so the last few hold the highest row number.
    last_row = max((int(r) for r in _ROW_REF.findall(data, max(0, len(data) - 65536))),
                   default=0)
    last_col = NARROW_COLUMNS
    for letters, row in (*_WIDE_CELL.findall(data), *_DEEP_CELL.findall(data)):
        col = 0
        for ch in letters:
            col = col * 26 + ch - 64
        last_col, last_row = max(last_col, col), max(last_row, int(row))
    if last_row * last_col > MAX_SHEET_CELLS:
        corner = f"{_column_letters(last_col)}{last_row}"
        raise UserError(
            f"{path}: the sheet {sheet!r} reaches cell {corner}, far beyond any records "
            f"({last_row:,} rows x {last_col:,} columns); in Excel go to that sheet, press "
            "Ctrl+End, delete the empty rows and columns before it, save, and try again.")
    return last_row * last_col


_FORMULA_CELL = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>/]*>\s*<(?:\w+:)?f\b')
"""A cell whose first child is a formula (`<f>`, shared and array formulas too)."""


def formula_rows(path: Path, part: str, columns: set[int]) -> dict[int, set[int]]:
    """Column (0-based) -> the rows (1-based) where that column holds a formula.

    calamine gives values only, and a formula saved without its value (openpyxl,
    `--write`) reads as blank; the part itself says which cells are formulas.
    """
    try:
        with zipfile.ZipFile(path) as package:
            data = package.read(part) if part in package.namelist() else b""
    except READ_ERRORS as exc:
        raise damaged(path, exc) from None
    found: dict[int, set[int]] = {c: set() for c in columns}
    letters = {_column_letters(c + 1).encode(): c for c in columns}
    for col, row in _FORMULA_CELL.findall(data):
        if col in letters:
            found[letters[col]].add(int(row))
    return found


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def defined_names(path: Path) -> dict[str, str]:
    """Workbook-scoped defined names and what they refer to, e.g. AsOfDate -> Company!$B$12."""
    try:
        with zipfile.ZipFile(path) as package:
            root = _xml(package, "xl/workbook.xml")
    except READ_ERRORS as exc:
        raise damaged(path, exc) from None
    names: dict[str, str] = {}
    for node in root.iter(f"{_NS}definedName"):
        if node.get("localSheetId") is None and node.get("name"):
            names[str(node.get("name"))] = node.text or ""
    return names


def constant_text(formula: str) -> str | None:
    """The text of a defined name that is a string constant ("1.0"), else None."""
    match = re.fullmatch(r'\s*=?\s*"(.*)"\s*', formula or "")
    return match.group(1) if match else None


_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


@dataclass(frozen=True)
class TablePart:
    """Where an Excel Table sits: `start` is its first data cell, `end` its last
    cell, both (row, column) from 0, as python-calamine reports them."""

    name: str
    sheet: str
    start: tuple[int, int]
    end: tuple[int, int]
    columns: tuple[str, ...]


def table_parts(path: Path) -> list[TablePart]:
    """Every Excel Table in the workbook, read from the package's small XML parts.

    Reading these few parts is much faster than asking calamine to load every
    table's cells just to learn where the tables are.
    """
    try:
        return _table_parts(path)
    except READ_ERRORS as exc:
        raise damaged(path, exc) from None


def _table_parts(path: Path) -> list[TablePart]:
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        workbook = _xml(package, "xl/workbook.xml")
        targets = _relationships(package, "xl/_rels/workbook.xml.rels", "xl/")
        parts = []
        for node in workbook.iter(f"{_NS}sheet"):
            sheet_part = targets.get(node.get(_REL, ""))
            if sheet_part is None:
                continue
            folder, file = sheet_part.rsplit("/", 1)
            rels = f"{folder}/_rels/{file}.rels"
            if rels not in names:
                continue
            for table_part in _relationships(package, rels, folder + "/").values():
                if not table_part.startswith("xl/tables/") or table_part not in names:
                    continue
                table = _xml(package, table_part)
                parts.append(_table_part(table, str(node.get("name"))))
    return parts


def _table_part(table: Any, sheet: str) -> TablePart:
    first, last = (str(table.get("ref", "A1:A1")) + ":").split(":")[:2]
    (r0, c0), (r1, c1) = _cell(first), _cell(last or first)
    header = int(table.get("headerRowCount", "1") or 1)
    columns = tuple(str(c.get("name", "")) for c in table.iter(f"{_NS}tableColumn"))
    return TablePart(str(table.get("name", "")), sheet, (r0 + header, c0), (r1, c1), columns)


def _cell(ref: str) -> tuple[int, int]:
    match = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", ref.strip().upper())
    if not match:
        return (0, 0)
    col = 0
    for ch in match[1]:
        col = col * 26 + ord(ch) - 64
    return int(match[2]) - 1, col - 1


def _relationships(package: zipfile.ZipFile, part: str, base: str) -> dict[str, str]:
    """Relationship id -> the part it points to, as a path inside the package."""
    root = _xml(package, part)
    found = {}
    for rel in root.iter(_PKG_REL):
        target = str(rel.get("Target", ""))
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(base, target))
        found[str(rel.get("Id", ""))] = path
    return found


def _xml(package: zipfile.ZipFile, part: str) -> Any:
    info = package.getinfo(part)
    if info.file_size > MAX_XML_BYTES:
        raise UserError(f"{package.filename}: the part {part} is too large to be a workbook's.")
    try:
        return ElementTree.fromstring(package.read(info))
    except (ParseError, DefusedXmlException) as exc:
        raise UserError(f"{package.filename}: its {part} is damaged or unsafe ({exc}); open "
                        "it in Excel and save it again.") from None
