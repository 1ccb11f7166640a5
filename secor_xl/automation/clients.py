"""`secor-xl init --clients`: one new master per client, from a CSV a consultant keeps.

The CSV has a header row with company, province, workers and (optionally)
contact, in any case and order; UTF-8 with or without a BOM; commas, or
semicolons as Excel writes them in some locales. Every row is checked before
anything is written: one bad row and nothing is made, and every bad row is
listed by its line number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..builder.new import create_master, normalise_province
from ..errors import UserError
from ..excel.safety import lock_file
from ..files import safe_filename
from ..schema import COMPANY_FIELDS, PROVINCES

MAX_BYTES = 10 * 1024 * 1024  # a client list, not a database
REQUIRED = ("company", "province", "workers")
OPTIONAL = ("contact",)
# Header names accepted for each column (compared case-insensitively, spaces squeezed).
ALIASES: Mapping[str, tuple[str, ...]] = {
    "company": ("company", "company name"),
    "province": ("province",),
    "workers": ("workers", "number of workers"),
    "contact": ("contact", "safety contact"),
}
_WHOLE = re.compile(r"\+?(\d{1,9})(?:\.0*)?", re.ASCII)
MAX_WORKERS = int(next(c.maximum for c in COMPANY_FIELDS if c.name == "Number of Workers")
                  or 10000)


@dataclass(frozen=True)
class Client:
    """One good row of the CSV.

    Args:
        line: the CSV line the row starts on (the header is line 1).
        company, province, workers, contact: the Company sheet values.
    """

    line: int
    company: str
    province: str
    workers: int
    contact: str | None


def read_clients(path: Path) -> list[Client]:
    """The clients in the CSV at `path`; a UserError (exit 2) listing every bad row."""
    text = _read_text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise UserError(f"{path}: is empty; the first line should be the header "
                            "company,province,workers,contact.")
        where = _columns(path, header)
        clients: list[Client] = []
        problems: list[str] = []
        end = reader.line_num
        for record in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            values = {key: record[i].strip() if i < len(record) else ""
                      for key, i in where.items()}
            client, wrong = _client(line, values)
            if wrong:
                problems.append(f"{path} line {line}: {'; '.join(wrong)}.")
            elif client is not None:
                clients.append(client)
    except csv.Error as exc:
        raise UserError(f"{path} line {reader.line_num}: cannot be read as CSV ({exc}); "
                        "save it from Excel as CSV UTF-8.") from None
    if problems:
        rows = "row" if len(problems) == 1 else "rows"
        raise UserError("\n".join([f"{path}: {len(problems)} {rows} cannot be used; nothing "
                                   "was written. Fix them and run this again:", *problems]))
    if not clients:
        raise UserError(f"{path}: has a header but no clients; add one row per client.")
    return clients


def plan(clients: Sequence[Client], folder: Path, suffix: str = ".xlsx"
         ) -> list[tuple[Client, Path]]:
    """Each client's new file: its name made safe; a repeated name gets -2, -3, ..."""
    taken: set[str] = set()
    planned: list[tuple[Client, Path]] = []
    for client in clients:
        stem = safe_filename(client.company, fallback="client")
        name, n = stem, 1
        while name.casefold() in taken:  # Windows and macOS ignore case in names
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        planned.append((client, folder / f"{name}{suffix}"))
    return planned


def create_clients(csv_path: Path, folder: Path, *, force: bool = False,
                   macros: bool = False, made: Callable[[Path], None] | None = None
                   ) -> list[Path]:
    """Read the CSV, then write one master per client into `folder`.

    Nothing is written when a row is bad, or when a file is already there
    (unless `force`: then each replaced file keeps a backup beside it).

    Args:
        csv_path: the client list.
        folder: where the masters go (made if missing).
        force: replace existing files.
        macros: the .xlsm masters with the Excel buttons.
        made: called with each file once it is written.
    """
    clients = read_clients(csv_path)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder}: is a file, not a folder; give --out a folder for the "
                        "client workbooks.")
    planned = plan(clients, folder, ".xlsm" if macros else ".xlsx")
    existing = [path for _, path in planned if path.exists()]
    if existing and not force:
        names = "\n".join(f"  {path}" for path in existing)
        raise UserError(f"{folder}: {len(existing)} of these workbooks already exist; nothing "
                        f"was written. Use --force to replace them (backups are kept):\n{names}")
    open_now = [path for path in existing if lock_file(path) is not None]
    if open_now:
        names = "\n".join(f"  {path}" for path in open_now)
        raise UserError(f"{folder}: {len(open_now)} of these workbooks are open in Excel; "
                        f"nothing was written. Close them and run this again:\n{names}")
    written: list[Path] = []
    for client, path in planned:
        try:
            create_master(path, company=client.company, province=client.province,
                          workers=client.workers, force=force, macros=macros,
                          extra_company={"Safety Contact": client.contact}
                          if client.contact else None)
        except UserError as exc:
            if not written:
                raise
            raise UserError(f"{exc} ({len(written)} of {len(planned)} workbooks were made "
                            f"before this one; the rest were not.)", exc.exit_code) from None
        written.append(path)
        if made is not None:
            made(path)
    return written


def _read_text(path: Path) -> str:
    if not path.exists():
        raise UserError(f"{path}: no such file; check the name and folder.")
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give the client list (a .csv file).")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UserError(f"{path}: is {size // (1024 * 1024)} MB, too large for a client list "
                        f"(at most {MAX_BYTES // (1024 * 1024)} MB).")
    data = path.read_bytes()
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise UserError(f"{path}: is an Excel workbook, not a CSV; in Excel use File > "
                        "Save As > CSV UTF-8 (Comma delimited).")
    if b"\x00" in data:
        raise UserError(f"{path}: is not a text file; give a CSV (company,province,workers,"
                        "contact).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise UserError(f"{path} line {line}: is not UTF-8 text; in Excel save it as "
                        "CSV UTF-8 (Comma delimited).") from None


def _columns(path: Path, header: Sequence[str]) -> dict[str, int]:
    """Column key -> position in the row, from the header row."""
    norm = [" ".join(cell.split()).casefold() for cell in header]
    where: dict[str, int] = {}
    for key in (*REQUIRED, *OPTIONAL):
        for i, name in enumerate(norm):
            if name in ALIASES[key]:
                where.setdefault(key, i)
    missing = [key for key in REQUIRED if key not in where]
    if missing:
        found = ", ".join(repr(cell) for cell in header if cell.strip())
        raise UserError(f"{path} line 1: the header has no {' or '.join(missing)} column "
                        f"(found {found}); the first line should be "
                        "company,province,workers,contact.")
    return where


def _client(line: int, values: Mapping[str, str]) -> tuple[Client | None, list[str]]:
    wrong: list[str] = []
    company = values["company"]
    if not company:
        wrong.append("company is blank")
    province = values["province"]
    code: str | None = None
    if not province:
        wrong.append(f"province is blank; use one of {', '.join(PROVINCES)}")
    else:
        try:
            code = normalise_province(province)
        except UserError:
            wrong.append(f"province {province!r} is not one of {', '.join(PROVINCES)}")
    workers = _whole_number(values["workers"])
    if not values["workers"]:
        wrong.append("workers is blank; give the number of workers (0 or more)")
    elif workers is None:
        wrong.append(f"workers {values['workers']!r} is not a whole number from 0 to "
                     f"{MAX_WORKERS}")
    if wrong or code is None or workers is None:
        return None, wrong
    return Client(line, company, code, workers, values.get("contact") or None), []


def _whole_number(text: str) -> int | None:
    """8, or 8.0 as a spreadsheet may save it; None for anything else (8.5, -1, eight)."""
    match = _WHOLE.fullmatch(text)
    if match is None:
        return None
    number = int(match.group(1))
    return number if number <= MAX_WORKERS else None
