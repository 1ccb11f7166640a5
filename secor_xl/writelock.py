"""One secor-xl writer at a time per file: an advisory lock on a sidecar beside it.

Two writers on one workbook (`upgrade` and `check --write` at once, a button and
the scheduler) would each read the file, change their copy and replace it: the
second replace silently undoes the first. So every writer takes the lock of the
file before it reads it and holds it until the file is replaced. The lock is an
fcntl lock on `.~secor-NAME.lock` beside the real file (through links); the
kernel drops it when its process dies, so a crash never leaves a file locked.
A second writer waits `LOCK_WAIT` seconds, then stops with one line naming the
first one's pid. The lock is re-entrant within a process (the workbook's writer
holds it while its atomic replace takes it again).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import UserError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks of this kind; writers go unguarded
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT = 5.0
"""Seconds a writer waits for another; the environment's SECOR_XL_LOCK_WAIT overrides it."""

_held: dict[Path, list[int]] = {}  # sidecar -> [fd, depth], this process's locks


def lock_path(path: Path) -> Path:
    """The sidecar of `path`'s writer lock, beside the real file."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".~secor-{real.name}.lock")


@contextlib.contextmanager
def writer_lock(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the writer lock of `path` for the body (see the module's docstring)."""
    release = acquire(path, wait)
    try:
        yield
    finally:
        release()


def acquire(path: Path, wait: float | None = None) -> Callable[[], None]:
    """Take the writer lock of `path`; the function that gives it back (once)."""
    sidecar = lock_path(path)
    if fcntl is None:
        return lambda: None
    held = _held.get(sidecar)
    if held is not None:
        held[1] += 1
    else:
        _held[sidecar] = [_lock(path, sidecar, _wait(wait)), 1]
    done = False

    def release() -> None:
        nonlocal done
        if not done:
            done = True
            _release(sidecar)

    return release


def _wait(wait: float | None) -> float:
    if wait is not None:
        return wait
    try:
        return float(os.environ.get("SECOR_XL_LOCK_WAIT", LOCK_WAIT))
    except ValueError:
        return LOCK_WAIT


def _lock(path: Path, sidecar: Path, wait: float) -> int:
    """Lock the sidecar, waiting up to `wait` seconds with it open (so a waiter shows in
    /proc/PID/fd); a sidecar removed by its holder meanwhile is opened afresh."""
    assert fcntl is not None
    deadline = time.monotonic() + wait
    fd: int | None = None
    while True:
        if fd is None:
            try:
                fd = os.open(sidecar, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise UserError(f"{path}: cannot write in {sidecar.parent} "
                                f"({exc.strerror or exc}); nothing was changed. Choose a "
                                "folder you can write to.") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise UserError(f"{path}: is being written by another secor-xl "
                                f"(pid {_owner(sidecar)}); nothing was changed; try again "
                                "in a moment.") from None
            time.sleep(0.05)
            continue
        if _same_file(fd, sidecar):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)  # the holder removed the sidecar as we locked it: take the new one
        fd = None


def _same_file(fd: int, sidecar: Path) -> bool:
    try:
        now = os.stat(sidecar)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _owner(sidecar: Path) -> str:
    try:
        return sidecar.read_text(encoding="ascii", errors="replace").strip() or "unknown"
    except OSError:
        return "unknown"


def _release(sidecar: Path) -> None:
    held = _held[sidecar]
    held[1] -= 1
    if held[1] > 0:
        return
    del _held[sidecar]
    with contextlib.suppress(OSError):
        os.unlink(sidecar)  # while still locked, so a waiter sees it is gone
    os.close(held[0])
