"""`secor-xl init --clients`: one new master per client, from a CSV a consultant keeps.

The CSV has a header row with company, province, workers and (optionally)
contact and email, in any case and order; UTF-8 with or without a BOM; commas,
or semicolons as Excel writes them in some locales. Every row is checked before
anything is written: one bad row and nothing is made, and every bad row is
listed by its line number. What is allowed but likely a mistake (a company twice,
more workers than the province's small-employer limit, an e-mail with nowhere to
go) is a warning naming the line, and the workbooks are still made.

E-mails go where e-mails go: the email column, or an address typed in the
contact column ("Dale Kowalski <dale@example.com>", or the address alone), goes
to Company's Reminder Email, never into Safety Contact (a person on the roster);
a contact's own address goes to their roster row's Email when the workbook has
one for them.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import signal
import threading
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..builder.new import create_master, normalise_province
from ..cells import EMAIL, header_key
from ..certification.provinces import province as province_facts
from ..errors import UserError
from ..excel.safety import lock_file
from ..files import safe_filename
from ..schema import COMPANY_FIELDS, PROVINCES

MAX_BYTES = 10 * 1024 * 1024  # a client list, not a database
MAX_NAME = 255  # characters of a company or contact name: a name, not a paragraph
FILE_NAME = 80  # characters of a workbook's file name made from the company name
FORMULA_START = ("=", "+", "-", "@")  # what a spreadsheet takes for the start of a formula
REQUIRED = ("company", "province", "workers")
OPTIONAL = ("contact", "email")
HEADER = "company,province,workers,contact,email"
# Header names accepted for each column (compared case-insensitively, spaces squeezed).
ALIASES: Mapping[str, tuple[str, ...]] = {
    "company": ("company", "company name"),
    "province": ("province",),
    "workers": ("workers", "number of workers"),
    "contact": ("contact", "safety contact"),
    "email": ("email", "e-mail", "reminder email", "reminder e-mail", "contact email",
              "contact e-mail"),
}
_WHOLE = re.compile(r"\+?(\d{1,9})(?:\.0*)?", re.ASCII)
MAX_WORKERS = int(next(c.maximum for c in COMPANY_FIELDS if c.name == "Number of Workers")
                  or 10000)


@dataclass(frozen=True)
class Client:
    """One good row of the CSV.

    Args:
        line: the CSV line the row starts on (the header is line 1).
        company, province, workers: the Company sheet values.
        contact: Safety Contact, a person's name (never an e-mail address).
        email: Reminder Email: the email column, else an address in the contact column.
        contact_email: the contact person's own address (typed beside their name in the
            contact column), for their roster row's Email.
    """

    line: int
    company: str
    province: str
    workers: int
    contact: str | None
    email: str | None = None
    contact_email: str | None = None

    def company_fields(self) -> dict[str, object]:
        """The Company fields besides name, province and workers: only those given."""
        fields = {"Safety Contact": self.contact, "Reminder Email": self.email}
        return {name: value for name, value in fields.items() if value}


def read_clients(path: Path) -> list[Client]:
    """The clients in the CSV at `path`; a UserError (exit 2) listing every bad row."""
    # one form for accents: "é" typed as e + a combining accent (macOS, some exports) is
    # the same letter as a precomposed "é", in the Company sheet and in the file name
    text = unicodedata.normalize("NFC", _read_text(path))
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise UserError(f"{path}: is empty; the first line should be the header "
                            f"{HEADER}.")
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
    """Each client's new file: its name made safe; a repeated name gets -2, -3, ...
    (`warnings` says so)."""
    taken: set[str] = set()
    planned: list[tuple[Client, Path]] = []
    for client in clients:
        stem = safe_filename(client.company, fallback="client", limit=FILE_NAME)
        name, n = stem, 1
        while name.casefold() in taken:  # Windows and macOS ignore case in names
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        planned.append((client, folder / f"{name}{suffix}"))
    return planned


def warnings(path: Path, planned: Sequence[tuple[Client, Path]]) -> list[str]:
    """What is allowed but likely a mistake, one line each, naming the CSV line: a company
    named twice (or two names that make one file name), more workers than the province's
    small-employer limit, a contact's own e-mail with nowhere to go."""
    found: list[str] = []
    first_name: dict[str, Client] = {}
    first_file: dict[str, Client] = {}
    for client, target in planned:
        where = f"{path} line {client.line}"
        name = " ".join(client.company.split()).casefold()
        file = safe_filename(client.company, fallback="client").casefold()
        if name in first_name:
            earlier = first_name[name]
            found.append(f"{where}: company {client.company!r} is already on line "
                         f"{earlier.line}; this row's workbook is {target.name}. If it is the "
                         "same client, delete one of the rows.")
        elif file in first_file:
            earlier = first_file[file]
            found.append(f"{where}: company {client.company!r} makes the same file name as "
                         f"{earlier.company!r} on line {earlier.line}; this row's workbook is "
                         f"{target.name}.")
        first_name.setdefault(name, client)
        first_file.setdefault(file, client)
        whole = safe_filename(client.company, fallback="client", limit=MAX_NAME)
        if len(whole) > FILE_NAME:
            found.append(f"{where}: company name is {len(client.company):,} characters; its "
                         f"workbook's file name is shortened to {target.name} (the Company "
                         "sheet has the whole name).")
        facts = province_facts(client.province)
        limit = facts.threshold.max_employees
        if limit is not None and client.workers > limit:
            after = facts.threshold.if_exceeded or "the small-employer program may not fit."
            found.append(f"{where}: {client.company} has {client.workers} workers, over "
                         f"{facts.name}'s small-employer limit of {limit}: {after} The "
                         "workbook is made anyway; check the number, or ask the certifying "
                         "partner (a different limit goes in Company's Worker Threshold "
                         "Override).")
        if client.contact_email and client.contact_email.casefold() != (
                client.email or "").casefold():
            found.append(f"{where}: {client.contact}'s e-mail {client.contact_email} is not "
                         f"kept: Reminder Email is {client.email} (the email column) and the "
                         f"new workbook has no roster row for {client.contact} yet; type it "
                         "in their Email on Employees when you add them.")
    return found


def with_contact_email(roster: Sequence[Mapping[str, object]], client: Client
                       ) -> tuple[list[dict[str, object]], bool]:
    """The roster with the contact person's e-mail in their row's blank Email; whether a
    row is theirs. A new master's roster is empty, so there the address is kept only when
    it is the Reminder Email (`warnings` says when it is not)."""
    rows = [dict(row) for row in roster]
    if not (client.contact and client.contact_email):
        return rows, False
    for row in rows:
        if header_key(row.get("Name") or "") == header_key(client.contact):
            if not row.get("Email"):
                row["Email"] = client.contact_email
            return rows, True
    return rows, False


def create_clients(csv_path: Path, folder: Path, *, force: bool = False,
                   macros: bool = False, made: Callable[[Path], None] | None = None,
                   warn: Callable[[str], None] | None = None) -> list[Path]:
    """Read the CSV, then write one master per client into `folder`.

    Nothing is written when a row is bad, or when a file is already there
    (unless `force`: then each replaced file keeps a backup beside it).

    Args:
        csv_path: the client list.
        folder: where the masters go (made if missing).
        force: replace existing files.
        macros: the .xlsm masters with the Excel buttons.
        made: called with each file once it is written.
        warn: called with each warning (see `warnings`) before anything is written.
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
    for text in warnings(csv_path, planned):
        if warn is not None:
            warn(text)
    written: list[Path] = []
    for client, path in planned:
        # A new master's roster is empty, so the contact's own address is kept only when it
        # is the Reminder Email (`warnings` says when it is not).
        roster, _kept = with_contact_email((), client)
        try:
            with _terminate_as_interrupt():
                create_master(path, company=client.company, province=client.province,
                              workers=client.workers, force=force, macros=macros,
                              rows={"Employees": roster} if roster else None,
                              extra_company=client.company_fields() or None)
        except UserError as exc:
            if not written:
                raise
            raise UserError(f"{exc} ({len(written)} of {len(planned)} workbooks were made "
                            f"before this one; the rest were not.)", exc.exit_code) from None
        except KeyboardInterrupt:  # the one being written left nothing behind
            raise UserError(f"{folder}: stopped; {len(written)} of {len(planned)} workbooks "
                            f"were made, the rest were not (run it again with --force to "
                            "make them all).", exit_code=130) from None
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
        raise UserError(f"{path}: is not a text file; give a CSV ({HEADER}).")
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
                        f"(found {found}); the first line should be {HEADER}.")
    return where


def _client(line: int, values: Mapping[str, str]) -> tuple[Client | None, list[str]]:
    wrong: list[str] = []
    company = values["company"]
    if not company:
        wrong.append("company is blank")
    for key in ("company", "contact"):
        if len(values.get(key, "")) > MAX_NAME:
            wrong.append(f"{key} is {len(values[key]):,} characters long, more than a name "
                         f"({MAX_NAME} at most); is the right text in the {key} column?")
    province = values["province"]
    code: str | None = None
    if not province:
        wrong.append(f"province is blank; use one of {', '.join(PROVINCES)}")
    else:
        try:
            code = normalise_province(province)
        except UserError:
            wrong.append(f"province {_shown(province)} is not one of {', '.join(PROVINCES)}")
    workers = _whole_number(values["workers"])
    if not values["workers"]:
        wrong.append("workers is blank; give the number of workers (0 or more)")
    elif workers is None:
        wrong.append(f"workers {_shown(values['workers'])} is not a whole number from 0 to "
                     f"{MAX_WORKERS}")
    contact, contact_email, problem = _contact(values.get("contact", ""))
    if problem:
        wrong.append(problem)
    email: str | None = None
    typed = values.get("email", "")
    if typed.startswith(FORMULA_START):
        wrong.append(f"email {_shown(typed)} starts with {typed[0]!r}, which a spreadsheet "
                     "takes for a formula; type the address alone (name@example.com)")
    elif typed:
        email = _address(typed)
        if email is None:
            wrong.append(f"email {_shown(typed)} is not an e-mail address (name@example.com)")
    if wrong or code is None or workers is None:
        return None, wrong
    if email is None:  # an address in the contact column is the one reminders go to
        email = contact_email
    return Client(line, company, code, workers, contact, email,
                  contact_email if contact else None), []


def _address(text: str) -> str | None:
    """One e-mail address, as typed or as <name@example.com> / mailto:; else None."""
    text = text.strip().strip("<>").strip()
    if text.casefold().startswith("mailto:"):
        text = text[len("mailto:"):]
    if text.startswith(FORMULA_START):  # =HYPERLINK(...)@x.com: a formula, never an address
        return None
    return text if EMAIL.fullmatch(text) else None


def _shown(text: str, limit: int = 60) -> str:
    """A cell's text quoted for a message, cut with an ellipsis when long."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


_AT_WORD = re.compile(r"\S*@\S*")


def _contact(text: str) -> tuple[str | None, str | None, str | None]:
    """(the person's name, their e-mail, a problem) from the contact column: a name, an
    address, or both ("Dale Kowalski <dale@example.com>", "Kowalski, Dale dale@example.com").
    A word with an @ that is not one address is a problem, never part of a name."""
    mails = _AT_WORD.findall(text)
    name = " ".join(_AT_WORD.sub(" ", text).split()).strip(" ,;:-") or None
    addresses = [_address(w.strip("()[],;")) for w in mails]
    bad = [w for w, a in zip(mails, addresses, strict=True) if a is None]
    if bad:
        return name, None, (f"contact {_shown(text)}: {_shown(bad[0])} is not an e-mail address "
                            "(name@example.com); put the person's name in contact and their "
                            "address in email")
    if len(addresses) > 1:
        return name, None, (f"contact {_shown(text)} has {len(addresses)} e-mail addresses; "
                            "give one (reminders go to one address) in the email column")
    return name, addresses[0] if addresses else None, None


def _whole_number(text: str) -> int | None:
    """8, or 8.0 as a spreadsheet may save it; None for anything else (8.5, -1, eight)."""
    match = _WHOLE.fullmatch(text)
    if match is None:
        return None
    number = int(match.group(1))
    return number if number <= MAX_WORKERS else None


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler or `kill` stopping the run) and SIGHUP (the terminal closed)
    raise KeyboardInterrupt here, as Ctrl-C does, so the workbook being written removes
    its temporary file instead of leaving it beside the others."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
              if s is not None]
    previous = {s: signal.signal(s, interrupt) for s in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
