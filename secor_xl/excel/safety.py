"""Before writing a user's file: is Excel holding it, and would anything be lost?

openpyxl rewrites the whole package and silently drops what it does not model
(shapes, sparklines, slicers, form controls, Excel's x14 extensions). We look
for those parts first and refuse, naming them, rather than lose a client's work.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import zipfile
from pathlib import Path

from ..cells import header_key
from ..errors import UserError
from ..files import keep_owner, real_path, remove_stale_temps, stamped, temp_file
from ..reader.package import READ_ERRORS, damaged
from ..schema import SHEETS

KEEP_BACKUPS = 5

# (what a user would call it, where it lives in the package, a pattern that shows it)
_LOSSY: tuple[tuple[str, str, str | None], ...] = (
    ("shapes or text boxes", r"xl/drawings/drawing\d+\.xml", r"<(xdr:)?(sp|grpSp|cxnSp)\b"),
    ("form controls (buttons, check boxes, drop-downs)", r"xl/ctrlProps/", None),
    ("form controls (buttons, check boxes, drop-downs)", r"xl/drawings/vmlDrawing\d+\.vml",
     r'ObjectType="(Button|Checkbox|Drop|List|Spin|Scroll|Radio|GBox|Label|Dialog)"'),
    ("ActiveX controls", r"xl/activeX/", None),
    ("embedded objects", r"xl/embeddings/", None),
    ("slicers", r"xl/slicers?", None),
    ("slicers", r"xl/slicerCaches/", None),
    ("timelines", r"xl/timeline", None),
    ("sparklines", r"xl/worksheets/sheet\d+\.xml", r"sparklineGroups"),
    ("list validations saved by Excel as x14 extensions (lists on other sheets)",
     r"xl/worksheets/sheet\d+\.xml", r"<x14:dataValidations?\b"),
    ("conditional formats saved by Excel as x14 extensions (data bars, icon sets)",
     r"xl/worksheets/sheet\d+\.xml", r"<x14:conditionalFormattings?\b"),
    ("threaded comments (they would become plain notes)", r"xl/threadedComments/", None),
)


def lock_file(path: Path) -> Path | None:
    """The lock beside an open workbook, if there is one: Excel's owner file
    (`~$name.xlsx`) or LibreOffice's (`.~lock.name.xlsx#`), beside the real file and
    beside the link it was given as (an app opens either)."""
    for place in dict.fromkeys((real_path(path), path)):
        for lock in (place.with_name(f"~${place.name}"),
                     place.with_name(f".~lock.{place.name}#")):
            if os.path.lexists(lock):
                return lock
    return None


def refuse_if_open(path: Path, button: str | None = "Check") -> None:
    """Refuse while Excel holds the file; `button` names the one that does the same inside
    Excel (None where there is none, as for upgrade)."""
    lock = lock_file(path)
    if lock is not None:
        inside = f", or use the {button} button inside Excel" if button else ""
        app = "LibreOffice" if lock.name.startswith(".~lock.") else "Excel"
        raise UserError(f"{path}: is open in {app} ({lock.name} is beside it); nothing was "
                        f"changed. Close it in {app} and run this again"
                        f"{inside if app == 'Excel' else ''}. (A lock left by a crash: "
                        f"delete {lock.name} once no one has the file open.)")


def lossy_parts(path: Path) -> list[str]:
    """What openpyxl would drop from this workbook, in words a user knows."""
    try:
        return _lossy_parts(path)
    except READ_ERRORS as exc:
        raise damaged(path, exc) from None


def _lossy_parts(path: Path) -> list[str]:
    found: list[str] = []
    with zipfile.ZipFile(path) as package:
        for member in package.namelist():
            for what, where, pattern in _LOSSY:
                if what in found or not re.match(where, member):
                    continue
                if pattern is None:
                    found.append(what)
                    continue
                info = package.getinfo(member)
                if info.file_size > 64 * 1024 * 1024:
                    continue
                text = package.read(member).decode("utf-8", errors="replace")
                if re.search(pattern, text):
                    found.append(what)
    return found


def refuse_if_lossy(path: Path, force: bool) -> list[str]:
    """Refuse (exit 2) when writing would lose something, unless `force`; return the list."""
    lost = lossy_parts(path)
    if lost and not force:
        raise UserError(f"{path}: contains {'; '.join(lost)}, which secor-xl cannot keep "
                        "when it writes the file; nothing was changed. Use the buttons "
                        "inside Excel, or --force to write anyway and lose them (a backup "
                        "is kept).")
    return lost


def refuse_if_foreign(path: Path, sheet_names: list[str], names: dict[str, str]) -> None:
    """Refuse (exit 2) to write into a workbook that is not a SECOR workbook: no Company
    sheet, or neither the SchemaVersion name nor another of our sheets."""
    ours = {header_key(s.name) for s in SHEETS}
    have = {header_key(n) for n in sheet_names}
    if "company" in have and ("SchemaVersion" in names or have & ours - {"company"}):
        return
    why = "no Company sheet" if "company" not in have else \
        "no SchemaVersion name and none of its sheets"
    raise UserError(f"{path}: is not a SECOR workbook ({why}); nothing was changed. Give "
                    "the client's master workbook, or make one with secor-xl init.")


def backup(path: Path, now: dt.datetime | None = None, label: str | None = None) -> Path:
    """Copy `path` into `backups/` beside it; keep the newest few of that workbook. A
    labelled backup (`client.schema-1.0.STAMP.xlsx`, upgrade's) is never rotated away.

    The copy is made under a temporary name and counts (gets its name, prunes the oldest)
    only once it reads back as a whole zip package: a full disk or a kill mid-copy leaves
    no truncated backup, and never costs a good one.
    """
    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True)
    target = stamped(folder, f"{path.stem}.{label}" if label else path.stem, path.suffix, now)
    with temp_file(target) as tmp:
        shutil.copy2(path, tmp)
        if not readable_package(tmp, path.stat().st_size):
            raise UserError(f"{path}: its backup could not be written whole in {folder} (is "
                            "the disk full?); nothing was changed.")
        keep_owner(path, tmp)
        os.replace(tmp, target)
    for old in backups_of(path)[:-KEEP_BACKUPS]:
        old.unlink()
    return target


def readable_package(path: Path, size: int | None = None) -> bool:
    """True when `path` is a whole zip package (of `size` bytes, when given): its central
    directory, at the very end, opens and lists parts. Cheap: nothing is decompressed."""
    try:
        if size is not None and path.stat().st_size != size:
            return False
        with zipfile.ZipFile(path) as package:
            return bool(package.infolist())
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False


def backups_of(path: Path) -> list[Path]:
    """This workbook's backups in `backups/`, oldest first: exactly `stem.STAMP[-n].suffix`.

    `client.*.xlsx` would also match `client.v2.20250101-101010.xlsx`, another
    workbook's backup; the stamp pattern keeps each workbook to its own. A copy that does
    not read back as a zip package (left by an older secor-xl after a full disk) is not
    counted, so it never pushes a good one out; it is left alone.
    """
    own = re.compile(re.escape(path.stem) + r"\.\d{8}-\d{6}(?:-\d+)?"
                     + re.escape(path.suffix) + "$")
    folder = path.parent / "backups"
    remove_stale_temps(folder)
    mine = [p for p in folder.glob(f"{glob_escape(path.stem)}.*{path.suffix}")
            if own.match(p.name) and readable_package(p)]
    return sorted(mine, key=lambda p: (p.stat().st_mtime_ns, p.name))


def glob_escape(text: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", text)
