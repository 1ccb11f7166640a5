"""The xlwings Lite parts of a workbook: its code, kept where the Lite add-in keeps it.

A Lite workbook carries its Python in `xl/webextensions/webextension1.xml`, one
`<we:property>` per file (`main.py`, `requirements.txt`) and setting
(`pyodideVersion`, `addinVersion`), each value a JSON string as Office.js settings
write it (non-ASCII kept, "/" as "\\/") and then escaped for an XML attribute;
`Office.AutoShowTaskpaneWithDocument` is a JSON boolean, bare `true`, as MS-OWEMXML's
examples write it. The
task pane that opens the add-in is `xl/webextensions/taskpanes.xml`, tied to the
package by a `webextensiontaskpanes` relationship in `_rels/.rels`, its own
relationships and two overrides in `[Content_Types].xml`. The add-in is named by
its store id. Sources: docs/research/xlwings_lite.md (L-01..L-04).

openpyxl knows none of this and drops it on save; `carry_lite_parts` puts it
back into what openpyxl wrote, byte for byte.
"""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import escape, unescape

from defusedxml import DefusedXmlException, ElementTree

STORE_ID = "wa200008175"
"""xlwings Lite in Microsoft's add-in store (AppSource)."""
PYODIDE_VERSION = "0.27.5"
ADDIN_VERSION = "1.0.0.0-35"
"""What a real Lite workbook of 2025 recorded (L-03); the add-in updates them itself."""

FOLDER = "xl/webextensions/"
EXTENSION = f"{FOLDER}webextension1.xml"
TASKPANES = f"{FOLDER}taskpanes.xml"
TASKPANES_RELS = f"{FOLDER}_rels/taskpanes.xml.rels"
ROOT_RELS = "_rels/.rels"
CONTENT_TYPES = "[Content_Types].xml"
TASKPANES_REL_TYPE = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
EXTENSION_REL_TYPE = "http://schemas.microsoft.com/office/2011/relationships/webextension"
OVERRIDES = {
    f"/{TASKPANES}": "application/vnd.ms-office.webextensiontaskpanes+xml",
    f"/{EXTENSION}": "application/vnd.ms-office.webextension+xml",
}
EXTENSION_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "secor-xl/xlwings-lite")).upper() + "}"
"""Fixed, so two builds give the same bytes."""

_WE = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
_WETP = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ATTRIBUTE = {'"': "&quot;"}
AUTO_SHOW = "Office.AutoShowTaskpaneWithDocument"
BOOLEANS = frozenset({AUTO_SHOW})
"""Settings whose value is a JSON boolean (bare true/false), not a JSON string."""
_PROPERTY = re.compile(r'<we:property name="([^"]*)" value="([^"]*)"/>')


def encode_value(text: str, boolean: bool = False) -> str:
    """A property value as it stands in the XML: JSON (non-ASCII kept, "/" as "\\/"),
    then escaped for an attribute; `boolean`: "true"/"false" as a bare JSON boolean."""
    if boolean and text in ("true", "false"):
        return text
    return escape(json.dumps(text, ensure_ascii=False).replace("/", "\\/"), _ATTRIBUTE)


def decode_value(raw: str) -> str:
    """The text of a property value as it stands in the XML (a boolean as "true"/"false")."""
    decoded = _json_value(raw)
    return json.dumps(decoded) if isinstance(decoded, bool) else str(decoded)


def _json_value(raw: str) -> object:
    decoded: object = json.loads(unescape(raw, {"&quot;": '"', "&apos;": "'"}))
    return decoded


def extension_xml(properties: Mapping[str, str]) -> bytes:
    """webextension1.xml with these properties, in this order."""
    items = "".join(f'<we:property name="{escape(name, _ATTRIBUTE)}" '
                    f'value="{encode_value(value, name in BOOLEANS)}"/>'
                    for name, value in properties.items())
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<we:webextension xmlns:we="{_WE}" id="{EXTENSION_ID}">'
            f'<we:reference id="{STORE_ID}" version="1.0.0.0" store="en-US" storeType="OMEX"/>'
            '<we:alternateReferences><we:reference id="' + STORE_ID.upper() + '" '
            f'version="1.0.0.0" store="{STORE_ID.upper()}" storeType="OMEX"/>'
            '</we:alternateReferences>'
            f'<we:properties>{items}</we:properties><we:bindings/>'
            f'<we:snapshot xmlns:r="{_R}"/></we:webextension>').encode("utf-8")


def taskpanes_xml() -> bytes:
    """The task pane on the right, open when the workbook opens."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<wetp:taskpanes xmlns:wetp="{_WETP}"><wetp:taskpane dockstate="right" '
            'visibility="1" width="350" row="0"><wetp:webextensionref '
            f'xmlns:r="{_R}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>').encode()


def taskpanes_rels() -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{EXTENSION_REL_TYPE}" '
            'Target="webextension1.xml"/></Relationships>').encode()


def lite_properties(code: Mapping[str, str]) -> dict[str, str]:
    """The four properties of a Lite workbook, from its main.py and requirements.txt."""
    return {AUTO_SHOW: "true",
            "main.py": code["main.py"], "requirements.txt": code["requirements.txt"],
            "pyodideVersion": PYODIDE_VERSION, "addinVersion": ADDIN_VERSION}


def read_properties(source: Path | bytes) -> dict[str, str]:
    """The properties of a workbook's Lite part, decoded; {} when it has none."""
    with _open(source) as package:
        if EXTENSION not in package.namelist():
            return {}
        text = package.read(EXTENSION).decode("utf-8")
    return {unescape(name, {"&quot;": '"'}): decode_value(value)
            for name, value in _PROPERTY.findall(text)}


def lite_members(source: Path | bytes) -> dict[str, bytes]:
    """Every member under xl/webextensions/, as stored; {} for a workbook without them."""
    with _open(source) as package:
        return {name: package.read(name) for name in package.namelist()
                if name.startswith(FOLDER)}


def has_lite_parts(source: Path | bytes) -> bool:
    return bool(lite_members(source))


def damage_warning(path: Path) -> str:
    return (f"the xlwings Lite part of {path} is missing or damaged: Check in Excel will not "
            f"work; secor-xl upgrade {path} puts it back")


def lite_damaged(source: Path | bytes) -> bool:
    """True for a workbook that points at Lite parts (a member under xl/webextensions/, the
    task pane relationship or override) that are missing, unreadable or not well-formed, or
    whose code (main.py, requirements.txt) is not there to read."""
    try:
        with _open(source) as package:
            names = set(package.namelist())
            pointers = [package.read(n).decode("utf-8", "replace")
                        for n in (ROOT_RELS, CONTENT_TYPES) if n in names]
            if not (any(n.startswith(FOLDER) for n in names)
                    or any(TASKPANES_REL_TYPE in text or f"/{EXTENSION}" in text
                           for text in pointers)):
                return False
            parts = {n: package.read(n) for n in (EXTENSION, TASKPANES, TASKPANES_RELS)
                     if n in names}
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return True
    if len(parts) < 3:
        return True
    try:
        for data in parts.values():
            ElementTree.fromstring(data)
        text = parts[EXTENSION].decode("utf-8")
        found = {unescape(n, {"&quot;": '"'}): v for n, v in _PROPERTY.findall(text)}
        return not all(isinstance(_json_value(found[n]), str)
                       for n in ("main.py", "requirements.txt"))
    except (ParseError, DefusedXmlException, UnicodeDecodeError, KeyError, ValueError):
        return True


def lite_code_current(source: Path | bytes, code: Mapping[str, str]) -> bool:
    """True when the workbook's Lite part runs exactly `code` with this version's settings,
    each encoded as this version writes it (a boolean bare, text as a JSON string)."""
    with _open(source) as package:
        if EXTENSION not in package.namelist():
            return False
        text = package.read(EXTENSION).decode("utf-8", "replace")
    found = {unescape(n, {"&quot;": '"'}): v for n, v in _PROPERTY.findall(text)}
    try:
        return all(name in found and _json_value(found[name]) == _json_value(
            encode_value(value, name in BOOLEANS))
                   for name, value in lite_properties(code).items())
    except ValueError:
        return False


def add_lite_parts(package: bytes, members: Mapping[str, bytes]) -> bytes:
    """`package` (an .xlsx's bytes) with these xl/webextensions/ members, the override and
    the relationship that make Excel load them; members already there are replaced."""
    if not members:
        return package
    out = io.BytesIO()
    with _open(package) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename.startswith(FOLDER):
                continue
            data = source.read(info.filename)
            if info.filename == CONTENT_TYPES:
                data = _with_overrides(data, members)
            elif info.filename == ROOT_RELS:
                data = _with_taskpanes_relationship(data)
            target.writestr(info, data)
        for name in sorted(members):
            target.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), members[name],
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


def with_lite_code(package: bytes, code: Mapping[str, str]) -> bytes:
    """An .xlsx's bytes made a Lite workbook running `code` (main.py, requirements.txt)."""
    return add_lite_parts(package, {EXTENSION: extension_xml(lite_properties(code)),
                                    TASKPANES: taskpanes_xml(),
                                    TASKPANES_RELS: taskpanes_rels()})


def carry_lite_parts(original: Path, written: bytes) -> bytes:
    """What openpyxl `written` for `original`, with the original's Lite parts put back
    (unchanged bytes when it had none)."""
    if not Path(original).exists():
        return written
    return add_lite_parts(written, lite_members(original))


def _with_overrides(content_types: bytes, members: Mapping[str, bytes]) -> bytes:
    text = content_types.decode("utf-8")
    added = "".join(f'<Override PartName="{part}" ContentType="{kind}"/>'
                    for part, kind in OVERRIDES.items()
                    if part[1:] in members and f'PartName="{part}"' not in text)
    return text.replace("</Types>", f"{added}</Types>", 1).encode("utf-8")


def _with_taskpanes_relationship(rels: bytes) -> bytes:
    text = rels.decode("utf-8")
    if TASKPANES_REL_TYPE in text:
        return rels
    taken = set(re.findall(r'Id="([^"]+)"', text))
    n = 1
    while f"rId{n}" in taken:
        n += 1
    relationship = (f'<Relationship Id="rId{n}" Type="{TASKPANES_REL_TYPE}" '
                    f'Target="{TASKPANES}"/>')
    return text.replace("</Relationships>", f"{relationship}</Relationships>", 1).encode(
        "utf-8")


def _open(source: Path | bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
