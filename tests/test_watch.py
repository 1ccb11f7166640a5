"""`watch`: digests, a real SMTP server on loopback, the ledger across days, stopping."""

from __future__ import annotations

import datetime as dt
import email
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from secor_xl.automation.ledger import Ledger, stage
from secor_xl.automation.mail import MailSettings
from secor_xl.automation.watch import run_cycle
from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import demo_data

AS_OF = dt.date(2026, 11, 26)


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture()
def clients(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    folder.mkdir()
    data = demo_data(AS_OF)
    build_workbook(folder / "prairie.xlsx",
                   BuildOptions(company=data.company, rows=data.rows, spare_rows=0))
    return folder


def settings(port: int, tries: int = 3) -> MailSettings:
    return MailSettings("127.0.0.1", port, "secor@example.com", ("owner@example.com",),
                        tries=tries)


def body(message: Message) -> str:
    parts = [p.get_payload(decode=True).decode() for p in message.walk()
             if p.get_content_type() == "text/plain"]
    return "\n".join(parts)


def test_stages() -> None:
    today = AS_OF
    assert stage(today + dt.timedelta(days=31), today) is None
    assert stage(today + dt.timedelta(days=30), today) == "30 days"
    assert stage(today + dt.timedelta(days=7), today) == "7 days"
    assert stage(today, today) == "due today"
    assert stage(today - dt.timedelta(days=1), today) == "overdue 2026-W48"
    assert stage(None, today) == "overdue 2026-W48"


def test_once_mails_one_digest_then_nothing_the_same_day(
        clients: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    ledger = Ledger(tmp_path / "ledger.sqlite")
    report = run_cycle([clients], AS_OF, ledger, tmp_path / "digests", settings(port))
    assert report.mailed == ["prairie.xlsx"]
    (message,) = inbox.messages
    text = body(message)
    assert "Truck 2 - 2021 Ram 2500" in text and "Fall Protection for Tyler Bouchard" in text
    assert "CA-031" in text and "Readiness score: 97.4 %" in text
    assert str(message["Subject"]).startswith("SECOR reminders for Prairie Ridge Framing Ltd.:")
    assert " overdue, " in str(message["Subject"])
    assert "Tyler" not in message["Subject"]  # no personal information in subjects
    assert any(p.get_content_type() == "text/html" for p in message.walk())
    assert sorted(p.suffix for p in (tmp_path / "digests").iterdir()) == [".html", ".txt"]
    again = run_cycle([clients], AS_OF, ledger, tmp_path / "digests", settings(port))
    assert again.mailed == [] and again.unchanged == ["prairie.xlsx"]
    assert len(inbox.messages) == 1


def overdue_reminders(ledger: Ledger) -> int:
    return int(ledger.db.execute(
        "SELECT COUNT(*) FROM reminded WHERE stage LIKE 'overdue%'").fetchone()[0])


def test_the_ledger_across_days(clients: Path, tmp_path: Path,
                                smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    ledger = Ledger(tmp_path / "ledger.sqlite")
    run_cycle([clients], AS_OF, ledger, None, settings(port))
    overdue_this_week = overdue_reminders(ledger)
    # Thursday to Friday, same ISO week: no overdue item is reminded again.
    run_cycle([clients], AS_OF + dt.timedelta(days=1), ledger, None, settings(port))
    assert overdue_reminders(ledger) == overdue_this_week
    sent_before = len(inbox.messages)
    # Next week: the overdue items are reminded again, weekly.
    next_week = run_cycle([clients], AS_OF + dt.timedelta(days=7), ledger, None,
                          settings(port))
    assert next_week.mailed == ["prairie.xlsx"]
    assert len(inbox.messages) == sent_before + 1
    assert "Truck 2" in body(inbox.messages[-1])
    # The score's change since the last run is in the digest.
    assert "since the last run" in body(inbox.messages[-1])


def test_nothing_is_marked_unless_delivered(clients: Path, tmp_path: Path,
                                            smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    ledger = Ledger(tmp_path / "ledger.sqlite")
    waits: list[float] = []
    down = settings(free_port(), tries=3)  # nothing listens there
    report = run_cycle([clients], AS_OF, ledger, None, down, sleep=waits.append)
    assert report.failed_mail == ["prairie.xlsx"] and report.mailed == []
    assert waits == [2.0, 4.0]  # backoff between the three tries
    later = run_cycle([clients], AS_OF, ledger, None, settings(port))
    assert later.mailed == ["prairie.xlsx"] and len(inbox.messages) == 1


def test_broken_and_open_workbooks_do_not_stop_the_run(
        clients: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    (clients / "broken.xlsx").write_bytes(b"not a workbook at all")
    (clients / "~$prairie.xlsx").write_bytes(b"owner")
    ledger = Ledger(tmp_path / "ledger.sqlite")
    report = run_cycle([clients], AS_OF, ledger, tmp_path / "digests", settings(port))
    by_name = {d.workbook.name: d for d in report.digests}
    assert by_name["broken.xlsx"].problem and "not an Excel workbook" in \
        by_name["broken.xlsx"].problem
    assert "open in Excel" in by_name["prairie.xlsx"].text()
    assert sorted(report.mailed) == ["broken.xlsx", "prairie.xlsx"]
    subjects = [str(m["Subject"]) for m in inbox.messages]
    assert any("broken.xlsx could not be read" in s for s in subjects)


def test_incident_details_stay_out_of_mail(clients: Path, tmp_path: Path,
                                           smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    data = demo_data(AS_OF)
    incidents = data.rows["Incidents"]
    lost = next(i for i in incidents if i["Type"] == "Lost Time")
    lost["Reported To WCB"] = "No"
    build_workbook(clients / "prairie.xlsx",
                   BuildOptions(company=data.company, rows=data.rows, spare_rows=0))
    run_cycle([clients], AS_OF, Ledger(tmp_path / "l.sqlite"), None, settings(port))
    text = body(inbox.messages[0])
    assert f"Report lost-time incident {lost['Incident ID']} to WCB" in text
    assert str(lost["Description"]) not in text
    if lost.get("Person Involved"):
        assert str(lost["Person Involved"]) not in text


def test_cli_once_and_sigterm(clients: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    digests = tmp_path / "digests"
    once = subprocess.run([sys.executable, "-m", "secor_xl", "watch", str(clients), "--once",
                           "--digest", str(digests), "--smtp", f"127.0.0.1:{port}",
                           "--mail-to", "owner@example.com", "--mail-from",
                           "secor@example.com"], capture_output=True, text=True, check=False)
    assert once.returncode == 0, once.stderr
    assert len(inbox.messages) == 1
    assert list(digests.glob("*.txt"))
    again = subprocess.run([sys.executable, "-m", "secor_xl", "watch", str(clients), "--once",
                            "--digest", str(digests), "--smtp", f"127.0.0.1:{port}",
                            "--mail-to", "owner@example.com"], capture_output=True,
                           text=True, check=False)
    assert again.returncode == 0 and len(inbox.messages) == 1
    forever = subprocess.Popen([sys.executable, "-m", "secor_xl", "watch", str(clients),
                                "--at", "03:00", "--digest", str(digests)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, PYTHONUNBUFFERED="1"))
    assert forever.stderr is not None
    deadline = time.monotonic() + 60
    seen = ""
    while "watching: next run" not in seen and time.monotonic() < deadline:
        seen += forever.stderr.readline()  # the handler is in place once this is logged
    assert "watching: next run" in seen
    forever.send_signal(signal.SIGTERM)
    _out, err = forever.communicate(timeout=20)
    assert forever.returncode == 0, err
    assert "stopped" in err


@pytest.mark.parametrize("audit_same_day,listed", [(False, True), (True, False)])
def test_roadmap_steps_are_reminded(tmp_path: Path, smtp: tuple[Inbox, int],
                                    audit_same_day: bool, listed: bool) -> None:
    """A Roadmap step due within the look-ahead is in the digest, unless it falls on the
    Next Audit Due: the audit reminder already says it."""
    inbox, port = smtp
    data = demo_data(AS_OF)
    rows = {name: [dict(r) for r in table] for name, table in data.rows.items()}
    due = AS_OF + dt.timedelta(days=20)
    next(r for r in rows["Roadmap"] if r["Status"] == "In Progress")["Due"] = due
    company = dict(data.company) | ({"Next Audit Due": due} if audit_same_day else {})
    folder = tmp_path / "clients"
    folder.mkdir()
    build_workbook(folder / "prairie.xlsx", BuildOptions(company=company, rows=rows))
    run_cycle([folder], AS_OF, Ledger(tmp_path / "ledger.sqlite"), None, settings(port))
    text = body(inbox.messages[-1])
    assert ("Roadmap: Maintenance submission, year 3" in text) is listed
    assert ("Next SECOR audit" in text) is audit_same_day


def test_a_line_break_in_the_company_name_does_not_stop_the_mail(
        tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    """Alt+Enter in Excel puts a line feed in the name; headers cannot hold one. The
    workbook is still mailed, with the break as a space, and so is the one after it."""
    inbox, port = smtp
    folder = tmp_path / "clients"
    folder.mkdir()
    data = demo_data(AS_OF)
    for name, company in (("a_broken.xlsx", "Prairie Ridge\nFraming Ltd."),
                          ("b_plain.xlsx", "Foothills Roofing Ltd.")):
        build_workbook(folder / name, BuildOptions(
            company=dict(data.company) | {"Company Name": company}, rows=data.rows,
            spare_rows=0))
    report = run_cycle([folder], AS_OF, Ledger(tmp_path / "ledger.sqlite"),
                       tmp_path / "digests", settings(port))
    assert report.mailed == ["a_broken.xlsx", "b_plain.xlsx"] and not report.failed_mail
    subjects = sorted(" ".join(str(m["Subject"]).split()) for m in inbox.messages)
    assert subjects[1].startswith("SECOR reminders for Prairie Ridge Framing Ltd.:")
    assert subjects[0].startswith("SECOR reminders for Foothills Roofing Ltd.:")


def test_a_link_loop_in_the_folder_does_not_stop_the_run(
        clients: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    (clients / "l1.xlsx").symlink_to(clients / "l2.xlsx")
    (clients / "l2.xlsx").symlink_to(clients / "l1.xlsx")
    report = run_cycle([clients], AS_OF, Ledger(tmp_path / "ledger.sqlite"),
                       tmp_path / "digests", settings(port))
    assert "prairie.xlsx" in report.mailed and len(inbox.messages) >= 1
