"""What a macro workbook carries besides its cells: VBA project, code names, buttons.

`builder.fingerprint` compares cells, tables and names; an `.xlsm` also has a
VBA project and form buttons, which openpyxl does not see. `macro_fingerprint`
reads them from the zip so the stale check of `workbooks/secor_master.xlsm`
covers them too.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from .project import module_names, module_source

__all__ = ["buttons", "code_names", "macro_fingerprint", "vba_project", "xlwings_vba_version"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_VML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
_SHAPE = re.compile(r"<v:shape\b.*?</v:shape>", re.S)
_MACRO = re.compile(r"<x:FmlaMacro>(.*?)</x:FmlaMacro>", re.S)
_TEXT = re.compile(r"<v:textbox\b.*?</v:textbox>", re.S)
_TAG = re.compile(r"<[^>]+>")


def vba_project(path: str | Path) -> bytes | None:
    """The workbook's `xl/vbaProject.bin`, or None."""
    with zipfile.ZipFile(path) as archive:
        try:
            return archive.read("xl/vbaProject.bin")
        except KeyError:
            return None


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) in workbook order."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    parts = []
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets[sheet.get(f"{_REL}id")]
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts.append((sheet.get("name", ""), posixpath.normpath(part)))
    return parts


def code_names(path: str | Path) -> dict[str, str]:
    """Code name of the workbook ("" key) and of each sheet that has one."""
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        names = {}
        pr = book.find(f"{_MAIN}workbookPr")
        if pr is not None and pr.get("codeName"):
            names[""] = pr.get("codeName", "")
        for sheet, part in _sheet_parts(archive):
            root = ElementTree.fromstring(archive.read(part))
            pr = root.find(f"{_MAIN}sheetPr")
            if pr is not None and pr.get("codeName"):
                names[sheet] = pr.get("codeName", "")
    return names


def buttons(path: str | Path) -> list[tuple[str, str, str]]:
    """(sheet, caption, macro) of every form button, from the sheets' VML drawings."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for sheet, part in _sheet_parts(archive):
            rels_part = posixpath.join(posixpath.dirname(part), "_rels",
                                       posixpath.basename(part) + ".rels")
            if rels_part not in archive.namelist():
                continue
            rels = ElementTree.fromstring(archive.read(rels_part))
            for rel in rels.iter(f"{_PKG_REL}Relationship"):
                if rel.get("Type") != _VML_REL:
                    continue
                vml_part = posixpath.normpath(posixpath.join(posixpath.dirname(part),
                                                             rel.get("Target", "")))
                vml = archive.read(vml_part).decode("utf-8", "replace")
                for shape in _SHAPE.findall(vml):
                    if 'ObjectType="Button"' not in shape:
                        continue
                    macro = _MACRO.search(shape)
                    text = _TEXT.search(shape)
                    caption = html.unescape(_TAG.sub("", text.group(0))).strip() if text else ""
                    found.append((sheet, caption,
                                  html.unescape(macro.group(1)).strip() if macro else ""))
    return found


def xlwings_vba_version(vba_bin: bytes) -> str | None:
    """XLWINGS_VERSION of the project's xlwings module, or None."""
    if "xlwings" not in module_names(vba_bin):
        return None
    found = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', module_source(vba_bin, "xlwings"))
    return found.group(1) if found else None


def macro_fingerprint(path: str | Path) -> dict[str, Any]:
    """The VBA project (its hash, modules, xlwings version), code names and buttons."""
    project = vba_project(path)
    return {
        "vba_sha256": hashlib.sha256(project).hexdigest() if project else None,
        "modules": module_names(project) if project else [],
        "xlwings": xlwings_vba_version(project) if project else None,
        "code_names": code_names(path),
        "buttons": buttons(path),
    }
