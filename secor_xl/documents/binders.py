"""One client's binder: read the workbook, check it, write its documents.

`make_binder` is `secor-xl docs WB`: it raises the user's error. `write_binder`
is the same for one workbook of a folder (`secor-xl docs FOLDER`), run in a
worker process: it never raises, and says in its result what went wrong, so
one damaged workbook does not stop the others.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..reader.read import read_workbook
from ..rules.check import check_workbook, resolve_as_of
from .write import Progress, plan_documents, write_planned

MAX_ERROR = 300  # characters of an unexpected error kept in the result


@dataclass(frozen=True)
class BinderJob:
    """What to write for one workbook (plain values: it crosses to a worker process).

    Args:
        workbook: the client's workbook.
        outdir: the binder folder for its documents.
        name: how the workbook is shown (its path relative to the folder given).
        as_of: the day for the documents; None: the workbook's As-of Date, else `today`.
        today: the fallback day.
        only: the documents to write (None: all nine).
        templates: a folder of templates (None: the shipped ones).
        force: replace existing documents (backups kept).
        pdf: also convert each with LibreOffice.
        strict: write nothing when the workbook has error-severity findings.
    """

    workbook: Path
    outdir: Path
    name: str = ""
    as_of: dt.date | None = None
    today: dt.date = field(default_factory=dt.date.today)
    only: tuple[str, ...] | None = None
    templates: Path | None = None
    force: bool = False
    pdf: bool = False
    strict: bool = False


@dataclass
class Binder:
    """What was written for one workbook."""

    name: str
    outdir: Path
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: int | None = None
    """Error-severity findings of `secor-xl check` (None when the workbook was not read)."""
    error: str | None = None
    """Why nothing (or not everything) was written; None when all went well."""


def errors_note(errors: int, workbook: Path | str) -> str:
    """'The workbook has 4 errors: secor-xl check prairie.xlsx lists them.'"""
    noun = "error" if errors == 1 else "errors"
    return f"The workbook has {errors} {noun}: secor-xl check {workbook} lists them."


def make_binder(job: BinderJob, progress: Progress | None = None) -> Binder:
    """Read, check and write one workbook's documents; a UserError stops it (exit 2, or 1
    for --strict with errors) with nothing written when it is found before writing."""
    wb = read_workbook(job.workbook)
    day = resolve_as_of(wb, job.as_of, job.today)
    check = check_workbook(wb, day)
    binder = Binder(job.name or str(job.workbook), job.outdir, errors=check.errors)
    if job.strict and check.errors:
        noun = "error" if check.errors == 1 else "errors"
        raise UserError(f"{job.workbook}: {check.errors} {noun} (secor-xl check "
                        f"{job.workbook} lists them); nothing was written (--strict).",
                        exit_code=1)
    planned, binder.notes = plan_documents(wb, day, job.outdir, job.only, check)
    binder.written = write_planned(planned, job.templates, job.force, job.pdf, progress)
    return binder


def write_binder(job: BinderJob) -> Binder:
    """`make_binder` for one client of many: never raises."""
    try:
        return make_binder(job)
    except UserError as exc:
        return Binder(job.name or str(job.workbook), job.outdir,
                      error=_without_path(str(exc), job.workbook))
    except Exception as exc:  # a damaged file must not stop the other clients
        return Binder(job.name or str(job.workbook), job.outdir,
                      error=f"could not be written ({type(exc).__name__}: {exc})"[:MAX_ERROR])


def _without_path(message: str, path: Path) -> str:
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def binder_folders(names: list[str], out: Path) -> list[Path]:
    """Each workbook's binder folder under `out`, by its path without the suffix
    (`north/prairie.xlsx` -> `out/north/prairie/`); the suffix is kept where two
    workbooks would share one (`prairie.xlsx` and `prairie.xlsm`), and a number added
    where two differ only in case (`Aspen/`, `aspen-2/`: one folder on Windows and macOS)."""
    stems = [Path(n).with_suffix("") for n in names]
    seen: dict[str, int] = {}
    for stem in stems:
        seen[str(stem).casefold()] = seen.get(str(stem).casefold(), 0) + 1
    folders = [out / (Path(n) if seen[str(stem).casefold()] > 1 else stem)
               for n, stem in zip(names, stems, strict=True)]
    taken: set[str] = set()
    for i, folder in enumerate(folders):
        name, n = folder, 1
        while str(name).casefold() in taken:
            n += 1
            name = folder.with_name(f"{folder.name}-{n}")
        taken.add(str(name).casefold())
        folders[i] = name
    return folders


def files_in(folder: Path) -> frozenset[str]:
    """The names of the files in a binder folder now (none when it does not exist), so
    that what a worker that died wrote there can be told apart (`remove_partial`)."""
    try:
        return frozenset(p.name for p in folder.iterdir() if not p.is_dir())
    except OSError:
        return frozenset()


def remove_partial(folder: Path, before: frozenset[str]) -> list[Path]:
    """Remove what a writer that died left in a binder folder: the files that were not
    there `before` (its documents, their temporary files), and the folder when that
    empties a folder that did not exist; a file replaced with --force has its backup."""
    removed = [folder / name for name in sorted(files_in(folder) - before)]
    for path in removed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    if not before:
        with contextlib.suppress(OSError):  # not empty: another client's binder inside
            folder.rmdir()
    return removed
