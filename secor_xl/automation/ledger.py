"""What was already reminded, so a reminder goes out at 30, 7 and 0 days and then
weekly while overdue, never every day. A small SQLite file; it never needs the
workbook to be writable.

Kept per recipient: the workbook's own digest (`COMPANY`: its digest file, or the
mail to its Reminder Email or to --mail-to, whichever address that is) and each
person mailed their own items (their address, lower case). So a person is not sent
the same item at the same stage twice, whatever the owner's digest got, and the
reverse. Ledgers written before recipients were kept (the table `reminded`) are
read as the workbook's own digest.

A mail the server refused for good (a 5xx reply, an address it cannot take
without SMTPUTF8) is kept too (`refused`), with the address it went to: it is not
sent again every run, only once the address changes or `RETRY_REFUSED_DAYS` have
passed.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

LEDGER_NAME = "secor-xl-ledger.sqlite"
COMPANY = ""
RETRY_REFUSED_DAYS = 7
"""The recipient key of a workbook's own digest, whoever it is mailed to."""


def person_key(address: str) -> str:
    """The recipient key of a person mailed their own items: the address, lower case."""
    return address.strip().casefold()


def default_folder() -> Path:
    """The user's data folder: %APPDATA%\\secor-xl, ~/Library/..., or ~/.local/share."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "secor-xl"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "secor-xl"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "secor-xl"


def stage(due: dt.date | None, today: dt.date) -> str | None:
    """The reminder stage of an item due on `due` (None: missing, no date).

    30 and 7 days before, the day itself, then once per ISO week while late;
    None when it is more than 30 days away.
    """
    if due is None or due < today:
        year, week, _ = today.isocalendar()
        return f"overdue {year}-W{week:02d}"
    days = (due - today).days
    if days == 0:
        return "due today"
    if days <= 7:
        return "7 days"
    if days <= 30:
        return "30 days"
    return None


class Ledger:
    """Reminders sent, per workbook, recipient, item and stage; and each run's score."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        with self.db:
            new = self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND "
                                  "name='sent'").fetchone() is None
            self.db.execute("CREATE TABLE IF NOT EXISTS sent (workbook TEXT, recipient TEXT, "
                            "item TEXT, stage TEXT, sent_on TEXT, "
                            "PRIMARY KEY (workbook, recipient, item, stage))")
            old = self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND "
                                  "name='reminded'").fetchone() is not None
            if new and old:  # an older ledger: what it holds went to the workbook's digest
                self.db.execute("INSERT OR IGNORE INTO sent SELECT workbook, ?, item, stage, "
                                "sent_on FROM reminded", (COMPANY,))
            self.db.execute("CREATE TABLE IF NOT EXISTS scores (workbook TEXT, run_on TEXT, "
                            "overall REAL, PRIMARY KEY (workbook, run_on))")
            self.db.execute("CREATE TABLE IF NOT EXISTS refused (workbook TEXT, recipient "
                            "TEXT, address TEXT, code INTEGER, reason TEXT, refused_on TEXT, "
                            "PRIMARY KEY (workbook, recipient, address))")

    def close(self) -> None:
        self.db.close()

    def reminded(self, workbook: str, item: str, stage_name: str,
                 recipient: str = COMPANY) -> bool:
        row = self.db.execute("SELECT 1 FROM sent WHERE workbook=? AND recipient=? AND item=? "
                              "AND stage=?", (workbook, recipient, item, stage_name)).fetchone()
        return row is not None

    def mark(self, workbook: str, items: Iterable[tuple[str, str]], today: dt.date,
             recipient: str = COMPANY) -> None:
        """Record (item, stage) pairs as delivered to `recipient`."""
        with self.db:
            self.db.executemany("INSERT OR IGNORE INTO sent VALUES (?, ?, ?, ?, ?)",
                                [(workbook, recipient, item, st, today.isoformat())
                                 for item, st in items])

    def last_score(self, workbook: str, before: dt.date) -> float | None:
        row = self.db.execute("SELECT overall FROM scores WHERE workbook=? AND run_on<? "
                              "ORDER BY run_on DESC LIMIT 1",
                              (workbook, before.isoformat())).fetchone()
        return None if row is None else float(row[0])

    def record_score(self, workbook: str, today: dt.date, overall: float) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO scores VALUES (?, ?, ?)",
                            (workbook, today.isoformat(), overall))

    def refusal(self, workbook: str, recipient: str, address: str, today: dt.date
                ) -> tuple[int | None, str, dt.date] | None:
        """(code, reason, day) of a refusal for good of this recipient at this address,
        while it stands (fewer than `RETRY_REFUSED_DAYS` days old); else None."""
        row = self.db.execute("SELECT code, reason, refused_on FROM refused WHERE workbook=? "
                              "AND recipient=? AND address=?",
                              (workbook, recipient, address.casefold())).fetchone()
        if row is None:
            return None
        day = dt.date.fromisoformat(row[2])
        if (today - day).days >= RETRY_REFUSED_DAYS:
            return None
        return row[0], str(row[1]), day

    def refuse(self, workbook: str, recipient: str, address: str, today: dt.date,
               code: int | None, reason: str) -> None:
        """Record that the server refused this recipient's mail at `address` for good."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO refused VALUES (?, ?, ?, ?, ?, ?)",
                            (workbook, recipient, address.casefold(), code, reason,
                             today.isoformat()))

    def accepted(self, workbook: str, recipient: str) -> None:
        """A mail went through: any refusal of this recipient is over."""
        with self.db:
            self.db.execute("DELETE FROM refused WHERE workbook=? AND recipient=?",
                            (workbook, recipient))
