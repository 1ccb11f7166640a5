"""`secor-xl init`: a new master workbook for one employer, written safely."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..errors import UserError
from ..files import atomic_output, keep_beside
from ..schema import PROVINCES
from .build import BuildOptions, build_workbook


def normalise_province(value: str) -> str:
    """The two-letter code for a province given as a code or a name, any case."""
    text = value.strip()
    by_name = {name.lower(): code for code, name in PROVINCES.items()}
    code = text.upper() if text.upper() in PROVINCES else by_name.get(text.lower())
    if code is None:
        raise UserError(f"unknown province {value!r}; use one of {', '.join(PROVINCES)}.")
    return code


def create_master(path: str | Path, *, company: str | None = None,
                  province: str | None = None, workers: int | None = None,
                  force: bool = False, rows: Mapping[str, Sequence[Mapping[str, object]]]
                  | None = None, extra_company: Mapping[str, object] | None = None,
                  reproducible: bool = False, macros: bool = False,
                  keep: Callable[[Path], object] | None = None) -> Path:
    """Build a master at `path`; refuses an existing file unless `force`.

    Args:
        path: the new workbook, ending in .xlsx, or .xlsm for the one with
            buttons (a .xlsm name implies `macros`).
        company, province, workers: Company sheet values; blank when None.
        force: replace an existing file (a backup is kept).
        rows: records to put in the tables (the demo uses this).
        extra_company: further Company fields.
        reproducible: fixed document dates (for the committed master).
        macros: the workbook with buttons that run secor-xl through xlwings;
            needs a name ending in .xlsm.
        keep: how the replaced file is backed up (default: a copy beside it).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsm":
        macros = True
    elif suffix != ".xlsx":
        raise UserError(f"{path}: a master workbook is an Excel file; use a name ending "
                        "in .xlsx (or .xlsm for the one with buttons).")
    elif macros:
        raise UserError(f"{path}: a workbook with macros (buttons) must be named .xlsm; "
                        f"use {path.with_suffix('.xlsm').name}.")
    fields: dict[str, object] = dict(extra_company or {})
    if company is not None:
        if not company.strip():
            raise UserError("--company is empty; give the company's name or leave it out.")
        fields["Company Name"] = company.strip()
    if province is not None:
        fields["Province"] = normalise_province(province)
    if workers is not None:
        if workers < 0:
            raise UserError(f"--workers {workers}: the number of workers cannot be negative.")
        fields["Number of Workers"] = workers
    options = BuildOptions(company=fields, rows=rows or {}, reproducible=reproducible,
                           macros=macros)
    with atomic_output(path, force=force, keep=keep or keep_beside) as tmp:
        build_workbook(tmp, options)
    return path
