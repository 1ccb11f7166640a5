"""A minimal Compound File Binary writer ([MS-CFB] version 3), and a reader on olefile.

A `vbaProject.bin` is a compound file: a little FAT file system of storages
(folders) and streams (files). olefile reads one but cannot add a stream, so
`write` lays out a whole new file from a tree:

- header (MS-CFB 2.2), then 512-byte sectors (2.1);
- the FAT (2.3) with its own sectors marked FATSECT; files needing more than
  the header's 109 FAT sectors (about 6.8 MB) are refused, there is no DIFAT;
- the directory (2.6), 128-byte entries; each storage's children form a
  red-black tree ordered by name length, then upper-cased name (2.6.4),
  built balanced and coloured so the red-black rules hold;
- streams shorter than 4096 bytes in the mini stream (64-byte sectors) with
  its mini FAT (2.4), the rest in regular sectors.

Stream contents are copied as given, so a stream read from one file and
written to another keeps every byte.
"""

from __future__ import annotations

import io
import struct
import uuid
from dataclasses import dataclass, field

import olefile

__all__ = ["CfbError", "Storage", "Stream", "read", "write"]

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
MAX_NAME = 31  # UTF-16 code units, without the terminating NUL
HEADER_FAT_ENTRIES = 109

MAXREGSECT = 0xFFFFFFFA
FATSECT = 0xFFFFFFFD
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
NOSTREAM = 0xFFFFFFFF

_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1


class CfbError(ValueError):
    """A tree that cannot be written as a compound file."""


@dataclass
class Stream:
    """A stream (a file) of a compound file."""

    name: str
    data: bytes


@dataclass
class Storage:
    """A storage (a folder) of a compound file; the root one is named "Root Entry"."""

    name: str
    children: list[Storage | Stream] = field(default_factory=list)
    clsid: bytes = bytes(16)

    def get(self, name: str) -> Storage | Stream | None:
        """The child named `name`, compared as compound files do (case-insensitive)."""
        key = _upper(name)
        return next((c for c in self.children if _upper(c.name) == key), None)

    def storage(self, name: str) -> Storage:
        """The child storage `name`; CfbError when there is none."""
        child = self.get(name)
        if not isinstance(child, Storage):
            raise CfbError(f"no storage {name!r} in {self.name!r}")
        return child

    def stream(self, name: str) -> Stream:
        """The child stream `name`; CfbError when there is none."""
        child = self.get(name)
        if not isinstance(child, Stream):
            raise CfbError(f"no stream {name!r} in {self.name!r}")
        return child


# -- reading ------------------------------------------------------------------


def read(data: bytes) -> Storage:
    """The tree of a compound file, read with olefile (names, CLSIDs, stream bytes)."""
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        return _read_storage(ole, ole.root, [])
    finally:
        ole.close()


def _read_storage(ole: olefile.OleFileIO, entry: object, path: list[str]) -> Storage:
    storage = Storage(getattr(entry, "name", ""), clsid=_clsid_bytes(getattr(entry, "clsid", "")))
    for kid in getattr(entry, "kids", []):
        kid_path = [*path, kid.name]
        if kid.entry_type == olefile.STGTY_STORAGE:
            storage.children.append(_read_storage(ole, kid, kid_path))
        elif kid.entry_type == olefile.STGTY_STREAM:
            with ole.openstream(kid_path) as stream:
                storage.children.append(Stream(kid.name, stream.read()))
    return storage


def _clsid_bytes(text: str) -> bytes:
    return uuid.UUID(text).bytes_le if text else bytes(16)


# -- writing ------------------------------------------------------------------


def write(root: Storage) -> bytes:
    """A CFB version 3 file holding `root`'s storages and streams."""
    entries = _flatten(root)
    mini = bytearray()
    mini_fat: list[int] = []
    big: list[tuple[int, bytes]] = []  # (entry index, data) of streams in regular sectors
    starts: dict[int, int] = {}
    for i, node in enumerate(entries):
        if isinstance(node, Stream):
            if not node.data:
                starts[i] = ENDOFCHAIN
            elif len(node.data) < MINI_CUTOFF:
                first = len(mini_fat)
                n = _count(len(node.data), MINI_SECTOR)
                mini_fat += [first + k + 1 for k in range(n - 1)] + [ENDOFCHAIN]
                starts[i] = first
                mini += node.data.ljust(n * MINI_SECTOR, b"\x00")
            else:
                big.append((i, node.data))

    n_dir = _count(len(entries) * 128, SECTOR)
    n_minifat = _count(len(mini_fat) * 4, SECTOR)
    n_mini = _count(len(mini), SECTOR)
    n_big = sum(_count(len(d), SECTOR) for _, d in big)
    rest = n_dir + n_minifat + n_mini + n_big
    n_fat = 1
    while n_fat * (SECTOR // 4) < n_fat + rest:
        n_fat += 1
    if n_fat > HEADER_FAT_ENTRIES:
        raise CfbError("too big for this writer: it has no DIFAT (about 6.8 MB at most)")

    fat: list[int] = [FATSECT] * n_fat
    body = bytearray()

    def chain(data: bytes) -> int:
        first = n_fat + len(body) // SECTOR
        n = _count(len(data), SECTOR)
        fat.extend([first + k + 1 for k in range(n - 1)] + [ENDOFCHAIN])
        body.extend(data.ljust(n * SECTOR, b"\x00"))
        return first

    first_dir = n_fat  # the directory comes first, its bytes are filled in below
    fat.extend([first_dir + k + 1 for k in range(n_dir - 1)] + [ENDOFCHAIN])
    body.extend(bytes(n_dir * SECTOR))
    first_minifat = chain(_u32s(mini_fat)) if mini_fat else ENDOFCHAIN
    root_start = chain(bytes(mini)) if mini else ENDOFCHAIN
    for i, data in big:
        starts[i] = chain(data)
    fat.extend([FREESECT] * (n_fat * (SECTOR // 4) - len(fat)))

    directory = _directory(entries, starts, root_start, len(mini))
    body[:len(directory)] = directory

    header = _header(n_fat, first_dir, first_minifat, n_minifat)
    return header + _u32s(fat) + bytes(body)


def _header(n_fat: int, first_dir: int, first_minifat: int, n_minifat: int) -> bytes:
    """The 512-byte header (MS-CFB 2.2) of a version 3 file."""
    difat = list(range(n_fat)) + [FREESECT] * (HEADER_FAT_ENTRIES - n_fat)
    head = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        _SIGNATURE, bytes(16), 0x003E, 0x0003, 0xFFFE, 9, 6, bytes(6),
        0,  # number of directory sectors: 0 in version 3
        n_fat, first_dir, 0, MINI_CUTOFF, first_minifat, n_minifat,
        ENDOFCHAIN, 0,  # no DIFAT sectors
    )
    return head + _u32s(difat)


def _flatten(root: Storage) -> list[Storage | Stream]:
    """Every node, root first, each storage followed by its subtree."""
    entries: list[Storage | Stream] = []

    def visit(node: Storage | Stream) -> None:
        _check_name(node.name)
        entries.append(node)
        if isinstance(node, Storage):
            keys = [_sort_key(c.name) for c in node.children]
            if len(set(keys)) != len(keys):
                raise CfbError(f"two children of {node.name!r} have the same name")
            for child in node.children:
                visit(child)

    visit(root)
    return entries


def _directory(entries: list[Storage | Stream], starts: dict[int, int],
               root_start: int, mini_size: int) -> bytes:
    """The directory entries (MS-CFB 2.6), padded to whole sectors."""
    index = {id(node): i for i, node in enumerate(entries)}
    left = [NOSTREAM] * len(entries)
    right = [NOSTREAM] * len(entries)
    child = [NOSTREAM] * len(entries)
    color = [_BLACK] * len(entries)
    for i, node in enumerate(entries):
        if isinstance(node, Storage) and node.children:
            ordered = sorted(node.children, key=lambda c: _sort_key(c.name))
            child[i] = _tree([index[id(c)] for c in ordered], left, right, color)
    out = bytearray()
    for i, node in enumerate(entries):
        name = node.name.encode("utf-16-le") + b"\x00\x00"
        if i == 0:
            kind, start, size, clsid = _ROOT, root_start, mini_size, _as_storage(node).clsid
        elif isinstance(node, Storage):
            kind, start, size, clsid = _STORAGE, 0, 0, node.clsid
        else:
            kind, start, size, clsid = _STREAM, starts[i], len(node.data), bytes(16)
        out += struct.pack("<64sHBBIII16sIQQIQ", name, len(name), kind, color[i], left[i],
                           right[i], child[i], clsid, 0, 0, 0, start, size)
    unused = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM,
                         bytes(16), 0, 0, 0, 0, 0)
    while len(out) % SECTOR:
        out += unused
    return bytes(out)


def _tree(ordered: list[int], left: list[int], right: list[int], color: list[int]) -> int:
    """Link sorted siblings into a balanced red-black tree; return its root.

    Each node takes the middle of its range, so every level is full but the
    last; the last level's nodes are red when it is not full, which keeps
    the black height the same on every path (MS-CFB 2.6.4).
    """
    n = len(ordered)
    full_levels = (n + 1).bit_length() - 1  # floor(log2(n + 1))

    def build(lo: int, hi: int, depth: int) -> int:
        if lo > hi:
            return NOSTREAM
        mid = (lo + hi) // 2
        node = ordered[mid]
        color[node] = _RED if depth >= full_levels else _BLACK
        left[node] = build(lo, mid - 1, depth + 1)
        right[node] = build(mid + 1, hi, depth + 1)
        return node

    return build(0, n - 1, 0)


def _as_storage(node: Storage | Stream) -> Storage:
    if not isinstance(node, Storage):
        raise CfbError("the root of a compound file is a storage")
    return node


def _upper(name: str) -> str:
    # Simple case mapping, one code point at a time (MS-CFB 2.6.4).
    return "".join(u if len(u := c.upper()) == 1 else c for c in name)


def _sort_key(name: str) -> tuple[int, tuple[int, ...]]:
    units = _upper(name).encode("utf-16-le")
    return len(units) // 2, struct.unpack(f"<{len(units) // 2}H", units)


def _check_name(name: str) -> None:
    units = len(name.encode("utf-16-le")) // 2
    if not 0 < units <= MAX_NAME or any(c in name for c in "/\\:!"):
        raise CfbError(f"{name!r} is not a valid compound file name "
                       f"(1 to {MAX_NAME} characters, none of / \\ : !)")


def _count(size: int, unit: int) -> int:
    return -(-size // unit)


def _u32s(values: list[int]) -> bytes:
    return struct.pack(f"<{len(values)}I", *values)
