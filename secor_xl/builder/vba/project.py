"""The VBA project of the macro master: xlwings' standalone project plus our buttons.

xlwings (BSD licence, see workbooks/XLWINGS-LICENSE.txt) ships a VBA project
in `quickstart_standalone.xlsm` whose `xlwings` module has `RunPython`; no
add-in is needed. `secor_vba_project()` takes that project from the installed
xlwings package, removes the quickstart's sample module (`Module1`, whose only
Sub, `SampleCall`, imports a Python module named after the workbook, which a
master does not have) and adds one standard module, `SecorButtons`, whose Subs
the Dashboard's buttons run.

`add_module` works at the level of [MS-OVBA]: it keeps every existing stream
byte for byte and adds the module stream (2.3.4.3: compressed source,
no performance cache), the module's records in the `dir` stream (2.3.4.2.3),
a `Module=` line in `PROJECT` (2.3.1) and an entry in `PROJECTwm` (2.3.3).
`remove_module` undoes exactly that for a standard module: its stream, its
MODULE record, its `Module=` and `[Workspace]` lines and its `PROJECTwm` entry
go, PROJECTMODULES counts one less, and every other stream is kept byte for byte.
The project's `_VBA_PROJECT` stream is the 7-byte version-independent stub
(2.3.4.1: Version 0xFFFF, no performance cache), so Office compiles the
modules from their source when the workbook opens.
"""

from __future__ import annotations

import importlib.util
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import cfb, ovba

__all__ = [
    "SECOR_BUTTONS",
    "SECOR_MODULE_NAME",
    "SECOR_MODULE_SOURCE",
    "Button",
    "VbaProjectError",
    "add_module",
    "module_names",
    "module_source",
    "remove_module",
    "sample_module",
    "secor_vba_project",
    "xlwings_template",
]


class VbaProjectError(ValueError):
    """A VBA project that `add_module` cannot read or extend."""


@dataclass(frozen=True)
class Button:
    """A Dashboard button: its caption and the argument-less Sub it runs."""

    caption: str
    macro: str
    python: str  # the RunPython command


SECOR_MODULE_NAME = "SecorButtons"
XLWINGS_SAMPLE_SUB = "SampleCall"
"""The quickstart's sample macro: `RunPython "import <workbook name>; ....main()"`."""

SECOR_BUTTONS: tuple[Button, ...] = tuple(
    Button(caption, macro, f"import secor_xl.excel.macros as m; m.{function}()")
    for caption, macro, function in (
        ("Check", "SecorCheck", "check"),
        ("Refresh score", "SecorRefreshScore", "refresh_score"),
        ("Documents", "SecorDocuments", "documents"),
        ("Minutes for selected meeting", "SecorMinutes", "minutes"),
    )
)

SECOR_MODULE_SOURCE = "\r\n".join([
    f'Attribute VB_Name = "{SECOR_MODULE_NAME}"',
    "Option Explicit",
    "' secor-xl buttons: each runs one Python macro of secor_xl.excel.macros through xlwings.",
    *(line for b in SECOR_BUTTONS for line in (
        f"Sub {b.macro}()",
        f'    RunPython "{b.python}"',
        "End Sub",
    )),
    "",
])

# dir stream record ids ([MS-OVBA] 2.3.4.2)
_PROJECTCODEPAGE = 0x0003
_PROJECTVERSION = 0x0009
_PROJECTMODULES = 0x000F
_PROJECTCOOKIE = 0x0013
_TERMINATOR = 0x0010
_MODULENAME = 0x0019
_MODULENAMEUNICODE = 0x0047
_MODULESTREAMNAME = 0x001A
_MODULESTREAMNAMEUNICODE = 0x0032
_MODULEDOCSTRING = 0x001C
_MODULEDOCSTRINGUNICODE = 0x0048
_MODULEOFFSET = 0x0031
_MODULEHELPCONTEXT = 0x001E
_MODULECOOKIE = 0x002C
_MODULETYPE_PROCEDURAL = 0x0021
_MODULE_TERMINATOR = 0x002B

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")


@dataclass
class _Record:
    id: int
    data: bytes

    def to_bytes(self) -> bytes:
        if self.id == _PROJECTVERSION:
            return struct.pack("<H", self.id) + self.data  # Reserved (=4) + 6 bytes
        return struct.pack("<HI", self.id, len(self.data)) + self.data


def _records(dir_data: bytes) -> list[_Record]:
    """The records of a decompressed `dir` stream, in order, bytes unchanged."""
    out: list[_Record] = []
    pos = 0
    while pos < len(dir_data):
        if pos + 6 > len(dir_data):
            raise VbaProjectError(f"dir stream: truncated record at byte {pos}")
        rid, size = struct.unpack_from("<HI", dir_data, pos)
        if rid == _PROJECTVERSION:
            # 2.3.4.2.1.11: Reserved is 4 but 6 bytes follow (major u32, minor u16).
            out.append(_Record(rid, dir_data[pos + 2:pos + 12]))
            pos += 12
            continue
        end = pos + 6 + size
        if end > len(dir_data):
            raise VbaProjectError(f"dir stream: record 0x{rid:04X} runs past the end")
        out.append(_Record(rid, dir_data[pos + 6:end]))
        pos = end
    return out


def _codec(records: list[_Record]) -> str:
    """Python's name for the project's code page (PROJECTCODEPAGE, 2.3.4.2.1.4)."""
    page = next((struct.unpack("<H", r.data)[0] for r in records if r.id == _PROJECTCODEPAGE),
                1252)
    return f"cp{page}"


def _module_records(name: str, codec: str) -> list[_Record]:
    """A MODULE record (2.3.4.2.3.2) for a procedural module whose source starts at offset 0."""
    mbcs, unicode = name.encode(codec), name.encode("utf-16-le")
    return [
        _Record(_MODULENAME, mbcs),
        _Record(_MODULENAMEUNICODE, unicode),
        _Record(_MODULESTREAMNAME, mbcs),
        _Record(_MODULESTREAMNAMEUNICODE, unicode),
        _Record(_MODULEDOCSTRING, b""),
        _Record(_MODULEDOCSTRINGUNICODE, b""),
        _Record(_MODULEOFFSET, struct.pack("<I", 0)),
        _Record(_MODULEHELPCONTEXT, struct.pack("<I", 0)),
        _Record(_MODULECOOKIE, struct.pack("<H", 0xFFFF)),  # "MUST be 0xFFFF on write"
        _Record(_MODULETYPE_PROCEDURAL, b""),
        _Record(_MODULE_TERMINATOR, b""),
    ]


def module_names(vba_bin: bytes) -> list[str]:
    """The names of a project's modules, in the order of its `dir` stream."""
    records = _records(ovba.decompress(cfb.read(vba_bin).storage("VBA").stream("dir").data))
    codec = _codec(records)
    return [r.data.decode(codec) for r in records if r.id == _MODULENAME]


def module_source(vba_bin: bytes, name: str) -> str:
    """A module's source text, read through its MODULEOFFSET (2.3.4.2.3.2.5)."""
    vba = cfb.read(vba_bin).storage("VBA")
    records = _records(ovba.decompress(vba.stream("dir").data))
    codec = _codec(records)
    current: str | None = None
    stream_name: str | None = None
    for r in records:
        if r.id == _MODULENAME:
            current = r.data.decode(codec)
        elif r.id == _MODULESTREAMNAME and current == name:
            stream_name = r.data.decode(codec)
        elif r.id == _MODULEOFFSET and current == name and stream_name is not None:
            (offset,) = struct.unpack("<I", r.data)
            return ovba.decompress(vba.stream(stream_name).data[offset:]).decode(codec)
    raise VbaProjectError(f"the project has no module {name!r}")


def add_module(vba_bin: bytes, name: str, source: str) -> bytes:
    """A copy of the project `vba_bin` with a new standard module `name` holding `source`.

    `source` is the module text as VBA stores it: the `Attribute VB_Name`
    line first, CRLF line ends. Every stream of `vba_bin` but `dir`,
    `PROJECT` and `PROJECTwm` is kept byte for byte; those three gain the
    module and keep the rest of their content.
    """
    if not _NAME.fullmatch(name):
        raise VbaProjectError(f"{name!r} is not a VBA module name")
    if not source.startswith(f'Attribute VB_Name = "{name}"'):
        raise VbaProjectError(f"the source of {name} must start with its Attribute VB_Name line")
    root = cfb.read(vba_bin)
    vba = root.storage("VBA")
    dir_stream = vba.stream("dir")
    records = _records(ovba.decompress(dir_stream.data))
    codec = _codec(records)
    if name.lower() in (n.lower() for n in module_names(vba_bin)) or vba.get(name) is not None:
        raise VbaProjectError(f"the project already has a module or stream {name!r}")
    if not records or records[-1].id != _TERMINATOR:
        raise VbaProjectError("dir stream: no terminator record at the end")

    # dir: one more module in PROJECTMODULES (2.3.4.2.3.1), PROJECTCOOKIE untouched,
    # the new MODULE record after the others.
    count_at = next((i for i, r in enumerate(records) if r.id == _PROJECTMODULES), None)
    if count_at is None or records[count_at + 1].id != _PROJECTCOOKIE:
        raise VbaProjectError("dir stream: no PROJECTMODULES record followed by PROJECTCOOKIE")
    (count,) = struct.unpack("<H", records[count_at].data)
    if count != sum(r.id == _MODULENAME for r in records):
        raise VbaProjectError("dir stream: PROJECTMODULES does not match the module records")
    records[count_at] = _Record(_PROJECTMODULES, struct.pack("<H", count + 1))
    records[-1:-1] = _module_records(name, codec)
    dir_stream.data = ovba.compress(b"".join(r.to_bytes() for r in records))

    vba.children.append(cfb.Stream(name, ovba.compress(source.encode(codec))))

    project = root.stream("PROJECT")
    project.data = _add_project_line(project.data, f"Module={name}".encode(codec))

    name_map = root.stream("PROJECTwm")
    if not name_map.data.endswith(b"\x00\x00"):
        raise VbaProjectError("PROJECTwm: no terminator at the end")
    entry = name.encode(codec) + b"\x00" + name.encode("utf-16-le") + b"\x00\x00"
    name_map.data = name_map.data[:-2] + entry + b"\x00\x00"
    return cfb.write(root)


def remove_module(vba_bin: bytes, name: str) -> bytes:
    """A copy of the project `vba_bin` without its standard module `name`.

    The inverse of `add_module`: the module's stream, its MODULE record in `dir`
    (one less in PROJECTMODULES, PROJECTCOOKIE untouched), its `Module=` line and
    `[Workspace]` line in `PROJECT` and its `PROJECTwm` entry go; every other stream
    is kept byte for byte. Document and class modules are refused.
    """
    root = cfb.read(vba_bin)
    vba = root.storage("VBA")
    dir_stream = vba.stream("dir")
    records = _records(ovba.decompress(dir_stream.data))
    codec = _codec(records)
    starts = [i for i, r in enumerate(records)
              if r.id == _MODULENAME and r.data.decode(codec) == name]
    if len(starts) != 1:
        raise VbaProjectError(f"the project has no module {name!r}")
    start = starts[0]
    end = next((i for i in range(start, len(records)) if records[i].id == _MODULE_TERMINATOR),
               None)
    if end is None:
        raise VbaProjectError(f"dir stream: the module {name!r} has no terminator record")
    module = records[start:end + 1]
    if not any(r.id == _MODULETYPE_PROCEDURAL for r in module):
        raise VbaProjectError(f"{name!r} is not a standard module")
    stream_name = next((r.data.decode(codec) for r in module if r.id == _MODULESTREAMNAME), name)
    count_at = next((i for i, r in enumerate(records) if r.id == _PROJECTMODULES), None)
    if count_at is None:
        raise VbaProjectError("dir stream: no PROJECTMODULES record")
    (count,) = struct.unpack("<H", records[count_at].data)
    records[count_at] = _Record(_PROJECTMODULES, struct.pack("<H", count - 1))
    del records[start:end + 1]
    dir_stream.data = ovba.compress(b"".join(r.to_bytes() for r in records))

    stream = vba.get(stream_name)
    if not isinstance(stream, cfb.Stream):
        raise VbaProjectError(f"the project has no stream for the module {name!r}")
    vba.children.remove(stream)

    project = root.stream("PROJECT")
    project.data = _remove_project_lines(project.data, name.encode(codec))

    name_map = root.stream("PROJECTwm")
    entry = name.encode(codec) + b"\x00" + name.encode("utf-16-le") + b"\x00\x00"
    at = _name_map_entry(name_map.data, entry)
    name_map.data = name_map.data[:at] + name_map.data[at + len(entry):]
    return cfb.write(root)


def _remove_project_lines(project: bytes, name: bytes) -> bytes:
    """PROJECT without the `Module=name` line (2.3.1.3) and the `name=` line of its
    [Workspace] section (ProjectWindowRecord, 2.3.1.18)."""
    lines = project.split(b"\r\n")
    module_line = b"Module=" + name
    if module_line not in lines:
        raise VbaProjectError(f"PROJECT: no line {module_line.decode('latin-1')}")
    kept, section = [], b""
    for line in lines:
        if line.startswith(b"["):
            section = line
        if line == module_line and not section:
            continue
        if section == b"[Workspace]" and line.startswith(name + b"="):
            continue
        kept.append(line)
    return b"\r\n".join(kept)


def _name_map_entry(name_map: bytes, entry: bytes) -> int:
    """Where `entry` starts in PROJECTwm (2.3.3): at the start or after another entry's
    terminating NUL NUL, never inside another name."""
    pos = 0
    while pos < len(name_map) - 2:
        if name_map.startswith(entry, pos):
            return pos
        nul = name_map.find(b"\x00", pos)  # end of the MBCS name
        wide_end = name_map.find(b"\x00\x00", nul + 1)
        while wide_end != -1 and (wide_end - nul - 1) % 2:
            wide_end = name_map.find(b"\x00\x00", wide_end + 1)
        if nul == -1 or wide_end == -1:
            break
        pos = wide_end + 2
    raise VbaProjectError("PROJECTwm: no entry for the module")


def sample_module(vba_bin: bytes) -> str | None:
    """The standard module holding xlwings' `SampleCall` and nothing else, or None.

    Raises when `SampleCall` shares its module with other procedures, which removing
    the module would take with it.
    """
    found = None
    for module in module_names(vba_bin):
        source = module_source(vba_bin, module)
        if not re.search(rf"^Sub {XLWINGS_SAMPLE_SUB}\(", source, re.M):
            continue
        procedures = re.findall(r"^(?:Public |Private )?(?:Sub|Function|Property \w+) (\w+)",
                                source, re.M)
        if procedures != [XLWINGS_SAMPLE_SUB]:
            raise VbaProjectError(f"{module} holds {', '.join(procedures)}, not only "
                                  f"{XLWINGS_SAMPLE_SUB}: it cannot be removed whole")
        found = module
    return found


def _add_project_line(project: bytes, line: bytes) -> bytes:
    """PROJECT (2.3.1.1) with `line` after its last module line (ProjectModule, 2.3.1.3)."""
    lines = project.split(b"\r\n")
    items = (b"Document=", b"Module=", b"Class=", b"BaseClass=", b"Package=")
    last = max((i for i, text in enumerate(lines) if text.startswith(items)), default=None)
    if last is None:
        raise VbaProjectError("PROJECT: no module lines")
    lines.insert(last + 1, line)
    return b"\r\n".join(lines)


def xlwings_template() -> bytes:
    """`xl/vbaProject.bin` of the installed xlwings package's quickstart_standalone.xlsm.

    Found without importing xlwings (whose import does work we do not need).
    """
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise VbaProjectError("xlwings is not installed: pip install xlwings")
    book = Path(spec.origin).parent / "quickstart_standalone.xlsm"
    try:
        with zipfile.ZipFile(book) as archive:
            return archive.read("xl/vbaProject.bin")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise VbaProjectError(f"{book}: no VBA project to start from ({exc})") from exc


def secor_vba_project() -> bytes:
    """The master's VBA project: xlwings' standalone project without its sample module,
    plus `SecorButtons`."""
    project = xlwings_template()
    sample = sample_module(project)
    if sample is not None:
        project = remove_module(project, sample)
    return add_module(project, SECOR_MODULE_NAME, SECOR_MODULE_SOURCE)
