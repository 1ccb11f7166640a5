"""Writing files without ever losing one: refuse, back up, replace atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import UserError


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
    shutil.copy2(path, target)
    return target


@contextlib.contextmanager
def atomic_output(path: str | Path, *, force: bool = False,
                  keep: Callable[[Path], object] = keep_beside) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`.

    Without `force` an existing file is refused (exit 2) and left alone. With
    `force` it is first backed up by `keep` (default: a copy beside it). If the
    body fails, the temporary file is removed and `path` is untouched.
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
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=folder)
        os.close(fd)
    except OSError as exc:
        raise UserError(f"{path}: cannot write in {folder} ({exc.strerror or exc}); "
                        "choose a folder you can write to.") from None
    tmp = Path(tmp_name)
    try:
        yield tmp
        if path.exists():
            shutil.copymode(path, tmp)
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
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


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
