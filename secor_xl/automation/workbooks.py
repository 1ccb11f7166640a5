"""Which files under a folder are client workbooks, and distinct names for what is made
from each: one rule for `watch`, `portfolio`, `docs FOLDER` and `init --clients`.

Skipped, because secor-xl, Excel or LibreOffice made them beside a workbook:
- names starting with `.` (our temporary files `.name-xxxx.xlsx` and `.wb-*`,
  LibreOffice's `.~lock.name.xlsx#`, hidden files) or `~$` (Excel's lock file), and
  hidden folders;
- `.bak` copies: `name.YYYYmmdd-HHMMSS.bak.xlsx` (`files.backup_path`), and any
  `name.bak.xlsx`;
- our backups in a folder named `backups` (`excel.safety.backup`), recognised by the
  stamp we give them (`name[.label].YYYYmmdd-HHMMSS[-n].xlsx`). A user's own folder
  that happens to be called `backups` is read like any other: only our stamped
  copies in it are skipped.

Two workbooks may share a name (`north/aspen.xlsx`, `south/aspen.xlsx`); whatever is
written per workbook (a digest) is named by `distinct_labels`, so they never collide.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..files import real_path, safe_filename

__all__ = ["SUFFIXES", "distinct_labels", "find_workbooks", "is_client_workbook",
           "workbooks_in"]

SUFFIXES = (".xlsx", ".xlsm")
BACKUPS = "backups"
_STAMP = r"\.\d{8}-\d{6}(?:-\d+)?"
_BAK = re.compile(r"\.bak\.xls[xm]$", re.IGNORECASE)  # ours is name.STAMP.bak.xlsx
_KEPT = re.compile(_STAMP + r"\.xls[xm]$", re.IGNORECASE)  # in backups/: name[.label].STAMP


def is_client_workbook(path: Path) -> bool:
    """Whether a file found in a folder is a workbook someone keeps, not a lock file, a
    temporary file or one of our backup copies (see the module's docstring)."""
    name = path.name
    if not name.lower().endswith(SUFFIXES) or name.startswith((".", "~$")):
        return False
    if _BAK.search(name):
        return False
    return not (path.parent.name.casefold() == BACKUPS and _KEPT.search(name))


def find_workbooks(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The client workbooks under `folder` and its subfolders, in path order (case
    ignored); each file once, however many links lead to it; `exclude` (a summary being
    written there) left out."""
    skip = real_path(exclude) if exclude is not None else None
    found: list[Path] = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(here) / name for name in files
                  if is_client_workbook(Path(here) / name)]
    found.sort(key=lambda p: [part.casefold() for part in p.relative_to(folder).parts])
    return [p for p in _once(found) if skip is None or real_path(p) != skip]


def workbooks_in(targets: Sequence[Path]) -> list[Path]:
    """The workbooks named (as given, even one that is missing: the caller reports it),
    and those found in the folders named; each file once."""
    found: list[Path] = []
    for target in targets:
        found += find_workbooks(target) if target.is_dir() else [target]
    return list(_once(found))


def _once(paths: Iterable[Path]) -> Iterable[Path]:
    seen: set[Path] = set()
    for path in paths:
        key = real_path(path)
        if key not in seen:
            seen.add(key)
            yield path


def distinct_labels(paths: Sequence[Path]) -> list[str]:
    """A file-name-safe label per workbook, unique in the run (case ignored): the name
    without its suffix where that is unique (`aspen`), else with as many of its folders
    as tell it apart (`north-aspen`, `south-aspen`), then its suffix (`aspen.xlsm`),
    then a number."""
    parts = [Path(os.path.abspath(p)).parts for p in paths]
    folders = [tuple(part.casefold() for part in p[:-1]) for p in parts]
    depth = [1] * len(paths)
    suffix = [False] * len(paths)

    def label(i: int) -> str:
        tail = list(parts[i][-depth[i]:])
        if not suffix[i]:
            tail[-1] = Path(tail[-1]).stem
        return safe_filename("-".join(tail), fallback="workbook")

    labels = [label(i) for i in range(len(paths))]
    while True:
        groups: dict[str, list[int]] = {}
        for i, text in enumerate(labels):
            groups.setdefault(text.casefold(), []).append(i)
        moved: list[int] = []
        for group in (g for g in groups.values() if len(g) > 1):
            same_folder = Counter(folders[i] for i in group)
            for i in group:
                twin = same_folder[folders[i]] > 1
                if not suffix[i] and (twin or depth[i] >= len(parts[i]) - 1):
                    suffix[i] = True  # aspen.xlsx beside aspen.xlsm: folders cannot help
                    moved.append(i)
                elif depth[i] < len(parts[i]) - 1:  # not up to the root
                    depth[i] += 1
                    moved.append(i)
        if not moved:
            break
        for i in moved:
            labels[i] = label(i)
    for group in (g for g in groups.values() if len(g) > 1):
        for i in group:  # what folders and suffixes could not tell apart: plain, numbered
            depth[i], suffix[i] = 1, False
            labels[i] = label(i)
    taken: set[str] = set()
    out: list[str] = []
    for text in labels:
        name, n = text, 1
        while name.casefold() in taken:
            n += 1
            name = f"{text}-{n}"
        taken.add(name.casefold())
        out.append(name)
    return out
