"""What kind of file a user handed us, before any parser touches it.

A workbook is untrusted input: we look at its first bytes to tell an
encrypted (password-protected) or old `.xls` file from a real `.xlsx`, bound
its size, and read the little XML we need (defined names) with defusedxml.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, ElementTree

from ..errors import UserError

MAX_BYTES = 200 * 1024 * 1024
MAX_XML_BYTES = 20 * 1024 * 1024
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def ensure_workbook(path: str | Path) -> Path:
    """The path of a readable .xlsx/.xlsm file, or a UserError saying what to do."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: no such file; check the name and folder.")
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give the workbook file (.xlsx).")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        raise UserError(f"{path}: is a text file, not a workbook; open the master workbook "
                        "(.xlsx) instead, or paste these rows into it.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UserError(f"{path}: is {size // (1024 * 1024)} MB, larger than the "
                        f"{MAX_BYTES // (1024 * 1024)} MB a master workbook can be.")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        if suffix == ".xls":
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
    with zipfile.ZipFile(path) as package:
        if "xl/workbook.xml" not in package.namelist():
            raise UserError(f"{path}: is a zip file but not an Excel workbook; check you "
                            "picked the right file.")
    return path


def defined_names(path: Path) -> dict[str, str]:
    """Workbook-scoped defined names and what they refer to, e.g. AsOfDate -> Company!$B$12."""
    with zipfile.ZipFile(path) as package:
        root = _xml(package, "xl/workbook.xml")
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
