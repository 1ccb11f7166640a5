"""`secor-xl watch`: every day, check each workbook, write its digest, mail what is new.

One cycle (`run_cycle`) is plain code with the day passed in, so tests freeze
time instead of sleeping; `watch_forever` only adds the `schedule` loop and a
clean stop on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import smtplib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import schedule

from ..errors import UserError
from ..excel.safety import lock_file
from ..files import real_path, safe_filename
from .digest import Digest, dated_items
from .ledger import LEDGER_NAME, Ledger, default_folder, stage
from .mail import MailSettings, build_message, send

log = logging.getLogger("secor_xl.watch")


@dataclass
class CycleReport:
    """What one cycle did, per workbook."""

    digests: list[Digest] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    mailed: list[str] = field(default_factory=list)  # workbook names
    failed_mail: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # nothing new to remind


def workbooks_in(targets: Sequence[Path]) -> list[Path]:
    """The workbooks named, and every workbook in the folders named (not their backups)."""
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            found += sorted(p for p in target.rglob("*")
                            if p.suffix.lower() in (".xlsx", ".xlsm")
                            and not p.name.startswith("~$") and "backups" not in p.parts)
        else:
            found.append(target)
    return found


def build_digest(path: Path, today: dt.date, ledger: Ledger) -> Digest:
    """The digest of one workbook; a missing or broken one becomes a digest saying so."""
    from ..reader.read import read_workbook
    from ..score import score_workbook

    try:
        wb = read_workbook(path)
    except UserError as exc:
        return Digest(path, path.stem, today, problem=str(exc))
    except Exception as exc:  # a damaged file must not stop the others
        return Digest(path, path.stem, today, problem=f"{path}: {exc}")
    digest = Digest(path, str(wb.company.get("Company Name") or path.stem), today,
                    dated_items(wb, today))
    if lock_file(path) is not None:
        digest.notes.append("The workbook is open in Excel: this is what was last saved.")
    score = score_workbook(wb, today).to_dict()
    digest.overall, digest.passed = score["overall"], score["passed"]
    digest.previous = ledger.last_score(str(real_path(path)), today)
    ledger.record_score(str(real_path(path)), today, score["overall"])
    return digest


def new_reminders(digest: Digest, ledger: Ledger) -> list[tuple[str, str]]:
    """(item, stage) pairs this digest would remind that were not reminded before."""
    key = str(real_path(digest.workbook))
    if digest.problem:  # a broken workbook is reminded weekly, not daily
        weekly = stage(None, digest.today) or ""
        return [] if ledger.reminded(key, "PROBLEM", weekly) else [("PROBLEM", weekly)]
    pairs = []
    for item in digest.items:
        current = stage(item.due, digest.today)
        if current is not None and not ledger.reminded(key, item.key, current):
            pairs.append((item.key, current))
    return pairs


def run_cycle(targets: Sequence[Path], today: dt.date, ledger: Ledger,
              digest_dir: Path | None = None, mail: MailSettings | None = None,
              sleep: Callable[[float], None] = time.sleep) -> CycleReport:
    """One day's run over every workbook; nothing is marked reminded unless delivered."""
    report = CycleReport()
    for path in workbooks_in(targets):
        digest = build_digest(path, today, ledger)
        report.digests.append(digest)
        if digest.problem:
            log.warning("%s", digest.problem if digest.problem.startswith(str(path))
                        else f"{path}: {digest.problem}")
        if digest_dir is not None:
            digest_dir.mkdir(parents=True, exist_ok=True)
            stem = f"{safe_filename(path.stem)}_{today.isoformat()}"
            for suffix, body in ((".txt", digest.text()), (".html", digest.html())):
                out = digest_dir / f"{stem}{suffix}"
                out.write_text(body, encoding="utf-8")
                report.written.append(out)
        pairs = new_reminders(digest, ledger)
        if mail is None:
            ledger.mark(str(real_path(path)), pairs, today)  # the digest file is the reminder
            continue
        if not pairs:
            report.unchanged.append(path.name)
            log.info("%s: nothing new to remind", path.name)
            continue
        try:
            message = build_message(mail, digest.subject(), digest.text(), digest.html())
            send(mail, message, sleep=sleep)
        except (OSError, ValueError, smtplib.SMTPException) as exc:
            report.failed_mail.append(path.name)
            log.error("%s: the e-mail could not be sent (%s); it will be tried again next "
                      "run", path.name, exc)
            continue
        ledger.mark(str(real_path(path)), pairs, today)
        report.mailed.append(path.name)
        log.info("%s: mailed %d reminders", path.name, len(pairs))
    return report


def ledger_for(digest_dir: Path | None) -> Ledger:
    return Ledger((digest_dir or default_folder()) / LEDGER_NAME)


def watch_forever(cycle: Callable[[], object], at: str,
                  idle: Callable[[float], None] = time.sleep) -> None:
    """Run `cycle` every day at `at` (HH:MM) until Ctrl-C or SIGTERM."""
    stop = {"now": False}

    def request_stop(signum: int, _frame: object) -> None:
        log.info("stopping (signal %d)", signum)
        stop["now"] = True

    previous = signal.signal(signal.SIGTERM, request_stop)
    scheduler = schedule.Scheduler()
    scheduler.every().day.at(at).do(cycle)
    log.info("watching: next run %s", scheduler.next_run)
    try:
        while not stop["now"]:
            scheduler.run_pending()
            idle(1.0)
    except KeyboardInterrupt:
        log.info("stopping (Ctrl-C)")
    finally:
        signal.signal(signal.SIGTERM, previous)
    log.info("stopped")
