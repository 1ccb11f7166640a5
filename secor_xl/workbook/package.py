"""What kind of file a user handed us, before any parser touches it.

A workbook is untrusted input: we look at its first bytes to tell an
encrypted (password-protected) or old `.xls` file from a real `.xlsx`, bound
its size, and read the little XML we need (defined names) with defusedxml.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

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
        info = package.getinfo("xl/workbook.xml")
        if info.file_size > MAX_XML_BYTES:
            return {}
        try:
            root = ElementTree.fromstring(package.read(info))
        except (ParseError, DefusedXmlException) as exc:
            raise UserError(f"{path}: its workbook.xml is damaged or unsafe ({exc}); open it "
                            "in Excel and save it again.") from None
    names: dict[str, str] = {}
    for node in root.iter(f"{_NS}definedName"):
        if node.get("localSheetId") is None and node.get("name"):
            names[str(node.get("name"))] = node.text or ""
    return names


def constant_text(formula: str) -> str | None:
    """The text of a defined name that is a string constant ("1.0"), else None."""
    match = re.fullmatch(r'\s*=?\s*"(.*)"\s*', formula or "")
    return match.group(1) if match else None
