"""Writing files without ever losing one: refuse, back up, replace atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import stat
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import UserError
from .writelock import writer_lock


def real_path(path: Path) -> Path:
    """The file a path leads to, through its links; never raises (a link loop stays as is)."""
    return Path(os.path.realpath(path))


def stamped(folder: Path, stem: str, suffix: str, now: dt.datetime | None = None,
            tail: str = "") -> Path:
    """A free name for a kept copy: `folder/stem.YYYYmmdd-HHMMSS{tail}{suffix}`, with -1,
    -2... after the stamp when one was made in the same second."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{stem}.{stamp}{tail}{suffix}"
    n = 1
    while candidate.exists():
        candidate = folder / f"{stem}.{stamp}-{n}{tail}{suffix}"
        n += 1
    return candidate


def backup_path(path: Path, now: dt.datetime | None = None) -> Path:
    """Where the previous version of `path` is kept: `name.YYYYmmdd-HHMMSS.bak.xlsx`."""
    return stamped(path.parent, path.stem, path.suffix, now, ".bak")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def keep_beside(path: Path) -> Path:
    """The usual backup: a copy beside the file, named as `backup_path` says."""
    target = backup_path(path)
    with temp_file(target) as tmp:
        shutil.copy2(path, tmp)
        keep_owner(path, tmp)
        os.replace(tmp, target)
    return target


TEMP_PREFIX = ".~secor-"
"""Every temporary file we write starts so: `.~secor-PID-stem.RANDOM.suffix`, hidden, and
ours to clean up once its process is gone (`remove_stale_temps`)."""

STALE_AFTER = 10 * 60
"""Seconds after which a temporary file of a process that no longer runs is removed."""


@contextlib.contextmanager
def temp_file(beside: Path) -> Iterator[Path]:
    """A new empty temporary file in `beside`'s folder, removed on every way out unless the
    body moved it into place. Stale ones of dead processes there are removed first."""
    folder = beside.parent if str(beside.parent) else Path(".")
    _sweep(folder)
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-{beside.stem}.",
                                suffix=beside.suffix, dir=folder)
    os.close(fd)
    try:
        yield Path(name)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


_swept: dict[Path, float] = {}


def _sweep(folder: Path) -> None:
    """`remove_stale_temps`, at most once a minute a folder: writing a thousand documents
    into one folder does not list it a thousand times."""
    now = time.monotonic()
    if now - _swept.get(folder, now - 120) < 60:
        return
    _swept[folder] = now
    remove_stale_temps(folder)


_TEMP = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-")


def remove_stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Remove our temporary files in `folder` left by a process that was killed (`kill -9`,
    a power cut): its pid no longer runs and the file is older than `STALE_AFTER`. A file
    of a live process, a recent one (perhaps another computer's, on a shared folder) and
    anything not named as ours stay. What was removed."""
    removed: list[Path] = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP.match(entry.name)
        if found is None or _running(int(found.group(1))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and \
                    now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except (OverflowError, ValueError):
        return False  # no such pid can run
    return True


def keep_owner(original: Path, replacement: Path) -> None:
    """Give `replacement` the owner, group and permissions of `original`, so a file of
    another user written by root (or by a member of its group) stays theirs. Where the
    system does not let us (not root), the owner stays ours and the group is kept if it can
    be."""
    st = original.stat()
    os.chmod(replacement, stat.S_IMODE(st.st_mode))
    if not hasattr(os, "chown"):
        return
    for uid in (st.st_uid, -1):
        try:
            os.chown(replacement, uid, st.st_gid)
            return
        except PermissionError:
            continue
        except OSError:
            return


@contextlib.contextmanager
def atomic_output(path: str | Path, *, force: bool = False,
                  keep: Callable[[Path], object] = keep_beside) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`.

    Without `force` an existing file is refused (exit 2) and left alone. With
    `force` it is first backed up by `keep` (default: a copy beside it). If the
    body fails, the temporary file is removed and `path` is untouched. The new
    file keeps the old one's owner, group and mode, and the whole write holds the
    writer lock of `path` (`writelock`), so no other secor-xl replaces it meanwhile.
    """
    path = real_path(Path(path)) if Path(path).is_symlink() else Path(path)  # write through
    if path.exists() and not force:
        raise UserError(f"{path}: already exists; nothing was changed. "
                        "Use --force to replace it (a backup is kept).")
    if path.exists() and path.is_dir():
        raise UserError(f"{path}: is a folder; give a file name such as {path / 'master.xlsx'}.")
    if path.exists() and not path.stat().st_mode & 0o222:
        raise UserError(f"{path}: is read-only; nothing was changed. Make it writable (in "
                        "Windows: Properties, untick Read-only) and run this again.")
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{path}: {folder} is a file, not a folder; choose another place.")
    stack = contextlib.ExitStack()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stack.enter_context(writer_lock(path))
        tmp = stack.enter_context(temp_file(path))
    except OSError as exc:
        stack.close()
        raise UserError(f"{path}: cannot write in {folder} ({exc.strerror or exc}); "
                        "choose a folder you can write to.") from None
    except BaseException:
        stack.close()
        raise
    with stack:
        try:
            yield tmp
            if path.exists():
                keep_owner(path, tmp)
                keep(path)
            else:
                tmp.chmod(0o666 & ~_umask())
            os.replace(tmp, path)
        except UserError:
            raise
        except OSError as exc:
            raise UserError(f"{path}: could not be written ({exc.strerror or exc}); "
                            "nothing was changed.") from None
        except Exception as exc:  # a writer's own error (an XML serialiser's IO_EFBIG, ...)
            raise UserError(f"{path}: could not be written ({type(exc).__name__}: {exc}); "
                            "nothing was changed.") from exc


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(text: str, fallback: str = "document", limit: int = 80) -> str:
    """A file name made from cell text: no separators, no `..`, no reserved Windows names.

    Letters (accents included), digits, spaces, `-`, `_` and `.` are kept;
    everything else becomes `-`. Accents come in one form (NFC): an "é" typed as "e"
    and a combining accent is the one letter "é", never "e-"; a combining mark that
    has no letter to join stays as it is.
    """
    text = unicodedata.normalize("NFC", text)
    cleaned = "".join(ch if ch.isalnum() or ch in " -_." or unicodedata.combining(ch)
                      else "-" for ch in text)
    cleaned = re.sub(r"\.{2,}", ".", cleaned)
    cleaned = re.sub(r"[-\s]{2,}", "-", cleaned).strip(" .-_")[:limit].strip(" .-_")
    if not cleaned:
        return fallback
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned
