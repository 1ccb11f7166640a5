"""`secor-xl watch`: every day, check each workbook, write its digest, mail what is new.

Who gets what: each workbook's digest goes to --mail-to when given, else to its
Company's Reminder Email (a workbook with neither is reported, once a run); without
--mail-to, each person on the roster with an Email also gets the items that name
them, unless that address already gets the whole digest; --copy-to gets one summary
of the run. The ledger keeps what each of them was sent.

One cycle (`run_cycle`) is plain code with the day passed in, so tests freeze
time instead of sleeping; `watch_forever` only adds the `schedule` loop and a
clean stop on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import signal
import smtplib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import schedule

from ..cells import match_key
from ..errors import UserError
from ..excel.safety import lock_file
from ..files import real_path
from .digest import Digest, dated_items, plural, roster_addresses
from .ledger import (
    COMPANY,
    LEDGER_NAME,
    RETRY_REFUSED_DAYS,
    Ledger,
    default_folder,
    person_key,
    stage,
)
from .mail import MailSettings, build_message, header_text, refused_for_good, send, server_failed
from .workbooks import distinct_labels, workbooks_in

log = logging.getLogger("secor_xl.watch")


class _OneLine(logging.Filter):
    """Every log line one line: a name typed with Alt+Enter must not split it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = header_text(record.getMessage()), None
        return True


log.addFilter(_OneLine())
NOT_TRIED = "not tried, the mail server had failed for an earlier mail of this run"
RETRY_AFTER = dt.timedelta(days=RETRY_REFUSED_DAYS)


@dataclass
class Delivery:
    """One mail a cycle sent or tried: for which workbook, to whom, how it went."""

    workbook: str  # file name; "" for the consultant's summary
    company: str
    to: tuple[str, ...]
    person: str | None  # None: the workbook's own digest (or the summary)
    reminders: int  # the new (item, stage) pairs it carries
    error: str | None = None  # set: not delivered, after its tries
    refused: tuple[str, ...] = ()  # addresses the server refused while it took the others
    held: str | None = None  # set: not tried, the server refused it for good lately

    @property
    def failed(self) -> bool:
        return self.error is not None or bool(self.refused)

    def who(self) -> str:
        to = ", ".join(self.refused or self.to)
        return f"{self.person} <{to}>" if self.person else to

    def describe(self) -> str:
        """One line: which client, which recipient, what happened."""
        client = f"{self.workbook} ({self.company})" if self.workbook else self.company
        if self.held is not None:
            return header_text(f"{client} -> {self.who()}: {self.held}")
        if self.error is not None:
            return header_text(f"{client} -> {self.who()}: {self.error}")
        if self.refused:
            return header_text(f"{client} -> {self.who()}: refused by the server (the others "
                               "got it)")
        return header_text(f"{client} -> {self.who()}: {plural(self.reminders, 'new reminder')}")


@dataclass
class CycleReport:
    """What one cycle did, per workbook."""

    digests: list[Digest] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    mailed: list[str] = field(default_factory=list)  # workbooks whose own digest went out
    failed_mail: list[str] = field(default_factory=list)  # ... whose own digest failed
    unchanged: list[str] = field(default_factory=list)  # nothing new to remind
    deliveries: list[Delivery] = field(default_factory=list)  # every mail, people's too
    no_address: list[tuple[Digest, int]] = field(default_factory=list)  # and new reminders
    copy: Delivery | None = None  # the consultant's summary, when one was due

    @property
    def failures(self) -> list[Delivery]:
        every = self.deliveries + ([self.copy] if self.copy else [])
        return [d for d in every if d.failed]

    @property
    def people_mailed(self) -> list[Delivery]:
        return [d for d in self.deliveries if d.person and d.error is None and d.held is None]

    @property
    def held(self) -> list[Delivery]:
        """Mails not tried: the server refused them for good in the last days."""
        return [d for d in self.deliveries if d.held is not None]


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
    address = wb.company.get("Reminder Email")
    digest = Digest(path, str(wb.company.get("Company Name") or path.stem), today,
                    dated_items(wb, today),
                    reminder_email=address.strip() if isinstance(address, str)
                    and address.strip() else None,
                    roster=roster_addresses(wb))
    if lock_file(path) is not None:
        digest.notes.append("The workbook is open in Excel: this is what was last saved.")
    score = score_workbook(wb, today).to_dict()
    digest.overall, digest.passed = score["overall"], score["passed"]
    digest.verdict = score["verdict"]["headline"]
    digest.previous = ledger.last_score(str(real_path(path)), today)
    ledger.record_score(str(real_path(path)), today, score["overall"])
    return digest


DIGEST_FILE = "digest file"
"""The ledger's recipient for a run that writes digest files and mails nothing."""


def new_reminders(digest: Digest, ledger: Ledger, recipient: str = COMPANY
                  ) -> list[tuple[str, str]]:
    """(item, stage) pairs this digest would remind that `recipient` was not sent before."""
    key = str(real_path(digest.workbook))
    if digest.problem:  # a broken workbook is reminded weekly, not daily
        weekly = stage(None, digest.today) or ""
        return [] if ledger.reminded(key, "PROBLEM", weekly, recipient) \
            else [("PROBLEM", weekly)]
    pairs = []
    for item in digest.items:
        current = stage(item.due, digest.today)
        if current is not None and not ledger.reminded(key, item.key, current, recipient):
            pairs.append((item.key, current))
    return pairs


class _Postman:
    """Sends one cycle's mails. After a failure that is the server's (down, refusing the
    login, the certificate), the rest of the cycle's mails are not tried: each would
    wait through its own retries for nothing. They are reported, and go next run."""

    def __init__(self, mail: MailSettings, ledger: Ledger, today: dt.date,
                 sleep: Callable[[float], None]) -> None:
        self.mail, self.ledger, self.today, self.sleep = mail, ledger, today, sleep
        self.down: str | None = None

    def deliver(self, digest: Digest, to: tuple[str, ...], pairs: list[tuple[str, str]],
                recipient: str) -> Delivery:
        name = digest.workbook.name
        delivery = Delivery(name, digest.company, to, digest.person, len(pairs))
        key, address = str(real_path(digest.workbook)), ", ".join(to)
        refusal = self.ledger.refusal(key, recipient, address, self.today)
        if refusal is not None:
            code, reason, day = refusal
            delivery.held = (f"not tried: the server refused it for good on {day} "
                             f"({f'{code} ' if code else ''}{reason}); it is tried again "
                             f"when the address changes, or from {day + RETRY_AFTER}")
            log.warning("%s: the e-mail to %s is %s", name, delivery.who(), delivery.held)
            return delivery
        if self.down is not None:
            delivery.error = NOT_TRIED
            return delivery  # listed at the end of the run, not one log line each
        try:
            message = build_message(self.mail, digest.subject(), digest.text(),
                                    digest.html(), to=to)
            refused = send(self.mail, message, sleep=self.sleep)
        except (OSError, ValueError, smtplib.SMTPException) as exc:
            delivery.error = f"{type(exc).__name__}: {exc}"
            if server_failed(exc):
                self.down = delivery.error
            permanent = refused_for_good(exc)
            if permanent is not None:
                self.ledger.refuse(key, recipient, address, self.today, *permanent)
                reply = f"{permanent[0]} " if permanent[0] else ""
                delivery.error = (f"refused for good ({reply}{permanent[1]}): not tried again "
                                  f"until the address changes, or from "
                                  f"{self.today + RETRY_AFTER}")
                log.error("%s: the server refused the e-mail to %s for good (%s); fix the "
                          "address in the workbook", name, delivery.who(),
                          f"{type(exc).__name__}: {exc}")
                return delivery
        else:
            delivery.refused = tuple(sorted(refused))
            self.ledger.mark(key, pairs, self.today, recipient)
            self.ledger.accepted(key, recipient)
        if delivery.error is not None:
            log.error("%s: the e-mail to %s could not be sent (%s); it will be tried again "
                      "next run", name, delivery.who(), delivery.error)
        elif delivery.refused:
            log.error("%s: the server refused %s (the others got the e-mail)", name,
                      ", ".join(delivery.refused))
        else:
            log.info("%s: mailed %s to %s", name, plural(len(pairs), "reminder"),
                     delivery.who())
        return delivery


def _no_address(digest: Digest) -> str:
    if digest.problem:
        return (f"{digest.workbook.name}: could not be read, so its Reminder Email is unknown "
                "and, without --mail-to, the problem is not mailed")
    return (f"{digest.workbook.name} ({digest.company}): no Reminder Email on its Company "
            "sheet (blank, or not an address) and no --mail-to, so its digest is not "
            "mailed; type the owner's address in Company > Reminder Email")


def _mail_workbook(digest: Digest, mail: MailSettings, ledger: Ledger, postman: _Postman,
                   report: CycleReport) -> None:
    """The workbook's own digest to --mail-to or its Reminder Email; then, without
    --mail-to, each person on its roster with an address, their own items."""
    name = digest.workbook.name
    to = mail.recipients or ((digest.reminder_email,) if digest.reminder_email else ())
    pairs = new_reminders(digest, ledger)
    if not to:
        report.no_address.append((digest, len(pairs)))
        log.warning("%s", _no_address(digest))
    elif not pairs:
        report.unchanged.append(name)
        log.info("%s: nothing new to remind", name)
    else:
        delivery = postman.deliver(digest, to, pairs, COMPANY)
        report.deliveries.append(delivery)
        if delivery.held is None:
            (report.failed_mail if delivery.error else report.mailed).append(name)
    if mail.recipients or digest.problem:
        return  # --mail-to: nobody named in the workbook is mailed
    covered = {t.casefold() for t in to}
    for address, names in digest.addresses().items():
        if address in covered:
            continue  # their items are in the digest they already get
        mine = digest.for_person(names)
        pairs = new_reminders(mine, ledger, person_key(address))
        if pairs:
            typed = digest.roster[match_key(names[0])][1]
            report.deliveries.append(postman.deliver(mine, (typed,), pairs,
                                                     person_key(address)))


def run_cycle(targets: Sequence[Path], today: dt.date, ledger: Ledger,
              digest_dir: Path | None = None, mail: MailSettings | None = None,
              sleep: Callable[[float], None] = time.sleep) -> CycleReport:
    """One day's run over every workbook; nothing is marked reminded unless delivered."""
    report = CycleReport()
    postman = None if mail is None else _Postman(mail, ledger, today, sleep)
    paths = workbooks_in(targets)
    labels = distinct_labels(paths)  # north/aspen.xlsx and south/aspen.xlsx: two digests
    for path, label in zip(paths, labels, strict=True):
        digest = build_digest(path, today, ledger)
        report.digests.append(digest)
        if digest.problem:
            log.warning("%s", digest.problem if digest.problem.startswith(str(path))
                        else f"{path}: {digest.problem}")
        if digest_dir is not None:
            digest_dir.mkdir(parents=True, exist_ok=True)
            stem = f"{label}_{today.isoformat()}"
            for suffix, body in ((".txt", digest.text()), (".html", digest.html())):
                out = digest_dir / f"{stem}{suffix}"
                out.write_text(body, encoding="utf-8")
                report.written.append(out)
        if mail is None or postman is None:
            # the digest file is the reminder, kept apart from the client's mail, so that
            # a run with --smtp later still mails what only went to a file
            ledger.mark(str(real_path(path)), new_reminders(digest, ledger, DIGEST_FILE),
                        today, DIGEST_FILE)
            continue
        _mail_workbook(digest, mail, ledger, postman, report)
    tried = [d for d in report.deliveries if d.held is None]
    if mail is not None and postman is not None and mail.copy_to and tried:
        report.copy = _send_copy(report, today, mail, postman)  # only when mail went out
    return report


def _send_copy(report: CycleReport, today: dt.date, mail: MailSettings,
               postman: _Postman) -> Delivery:
    """The consultant's summary: one mail for the whole run."""
    subject, text, html_body = consultant_summary(report, today)
    delivery = Delivery("", "the consultant's summary", mail.copy_to, None,
                        len(report.deliveries))
    if postman.down is not None:
        delivery.error = NOT_TRIED
    else:
        try:
            delivery.refused = tuple(sorted(send(mail, build_message(
                mail, subject, text, html_body, to=mail.copy_to), sleep=postman.sleep)))
        except (OSError, ValueError, smtplib.SMTPException) as exc:
            delivery.error = f"{type(exc).__name__}: {exc}"
    if not delivery.failed:
        log.info("mailed the consultant's summary to %s", ", ".join(mail.copy_to))
    elif delivery.error != NOT_TRIED:  # not tried: listed at the end of the run
        log.error("the consultant's summary to %s could not be sent (%s)",
                  ", ".join(mail.copy_to), delivery.error or "refused")
    return delivery


def consultant_summary(report: CycleReport, today: dt.date) -> tuple[str, str, str]:
    """Subject, text and HTML of the consultant's summary: what failed, which client was
    sent what, the people by client, who has no address; then each client's digest
    that went out or had nowhere to go."""
    own = [d for d in report.deliveries if d.person is None and d.held is None]
    failed = [d for d in report.deliveries if d.failed]
    waiting = [(d, n) for d, n in report.no_address if n]
    people: dict[str, list[str]] = {}
    for d in report.deliveries:
        if d.person is not None and not d.failed and d.held is None:
            people.setdefault(f"{d.workbook} ({d.company})", []).append(
                f"{d.person} ({d.reminders} new)")
    subject = (f"SECOR reminders {today}: {plural(len(own), 'client digest')} sent or tried, "
               f"{plural(len(failed), 'failure')}, {len(waiting)} with no address")
    lines = [f"SECOR reminders, run of {today}",
             f"{plural(len(report.digests), 'workbook')} checked; "
             f"{plural(len(report.unchanged), 'client digest')} had nothing new.", ""]
    sections = [("Failed", [d.describe() for d in failed]),
                ("Not tried: refused for good lately", [d.describe() for d in report.held]),
                ("Client digests", [d.describe() for d in own if not d.failed]),
                ("People's own items",
                 [f"{client}: {', '.join(names)}" for client, names in people.items()]),
                ("Not mailed: no address",
                 [f"{_no_address(d)} ({plural(n, 'new reminder')})" for d, n in waiting])]
    for title, rows in sections:
        if rows:
            lines += [f"{title} ({len(rows)})", *(f"  - {r}" for r in rows), ""]
    by_name = {d.workbook.name: d for d in report.digests}
    shown = [by_name[d.workbook] for d in own] + [d for d, _n in waiting]
    text = "\n".join(lines + [f"{'-' * 70}\n{d.text()}" for d in shown])
    e = html.escape
    parts = [f"<h2 style='color:#1F4E79'>{e(lines[0])}</h2><p>{e(lines[1])}</p>"]
    for title, rows in sections:
        if rows:
            parts.append(f"<h3>{e(title)} ({len(rows)})</h3><ul>"
                         + "".join(f"<li>{e(r)}</li>" for r in rows) + "</ul>")
    parts += ["<hr>" + d.html_body() for d in shown]
    return subject, text, "<html><body>" + "".join(parts) + "</body></html>"


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
