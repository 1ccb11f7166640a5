"""`watch`: digests, a real SMTP server on loopback, the ledger across days, stopping."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import logging
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from secor_xl.automation.digest import Item, plural
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
        self.envelopes: list[list[str]] = []  # each message's RCPT TO addresses

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(email.message_from_bytes(  # headers unfolded, as a mail reader shows
            envelope.content, policy=email.policy.default))  # type: ignore[attr-defined]
        self.envelopes.append(list(envelope.rcpt_tos))  # type: ignore[attr-defined]
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        """The messages whose envelope went to `address`."""
        return [m for m, rcpt in zip(self.messages, self.envelopes, strict=True)
                if address in rcpt]


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


def subject(message: Message) -> str:
    """The subject as a mail reader shows it (Python may fold it right after the colon)."""
    return " ".join(str(message["Subject"]).split())


def body(message: Message) -> str:
    parts = [p.get_payload(decode=True).decode() for p in message.walk()
             if p.get_content_type() == "text/plain"]
    return "\n".join(parts).replace("\r\n", "\n")


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
        "SELECT COUNT(*) FROM sent WHERE stage LIKE 'overdue%'").fetchone()[0])


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
    lost["Reported To WCB"], lost["WCB Report Date"] = "No", None
    aid = next(i for i in incidents if i["Type"] in ("First Aid", "Near Miss"))
    aid["Type"], aid["Reported To WCB"], aid["WCB Report Date"] = "Medical Aid", "No", None
    build_workbook(clients / "prairie.xlsx",
                   BuildOptions(company=data.company, rows=data.rows, spare_rows=0))
    run_cycle([clients], AS_OF, Ledger(tmp_path / "l.sqlite"), None, settings(port))
    text = body(inbox.messages[0])
    assert f"Report lost time injury {lost['Incident ID']} to WCB" in text
    # Alberta's WCB report covers medical aid too (as check's missing.wcb_report)
    assert f"Report medical aid injury {aid['Incident ID']} to WCB" in text
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


# Issue 16: each client to its own address, each person their own items, the
# consultant's summary, headers, failures that show, plurals.

PRAIRIE, FOOTHILLS = "owner@prairie.example", "office@foothills.example"
CONSULTANT = "consultant@consult.example"
MARCUS, TYLER = "marcus@prairieridgeframing.ca", "tyler@prairieridgeframing.ca"


def client(folder: Path, file: str, company: str, reminder: str | None,
           domain: str = "prairieridgeframing.ca") -> Path:
    """A demo-data client with its own name, Reminder Email (None: blank) and roster
    addresses."""
    data = demo_data(AS_OF)
    rows = {name: [dict(r) for r in table] for name, table in data.rows.items()}
    for person in rows["Employees"]:
        if person.get("Email"):
            person["Email"] = str(person["Email"]).replace("prairieridgeframing.ca", domain)
    values = dict(data.company) | {"Company Name": company, "Reminder Email": reminder}
    folder.mkdir(exist_ok=True)
    build_workbook(folder / file, BuildOptions(company=values, rows=rows, spare_rows=0))
    return folder / file


@pytest.fixture()
def two_clients(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    client(folder, "foothills.xlsx", "Foothills Roofing Ltd.", FOOTHILLS, "foothills.example")
    client(folder, "prairie.xlsx", "Prairie Ridge Framing Ltd.", PRAIRIE)
    return folder


def own(port: int, copy_to: tuple[str, ...] = (), tries: int = 3) -> MailSettings:
    """No --mail-to: the addresses come from the workbooks."""
    return MailSettings("127.0.0.1", port, "reminders@consult.example", (), copy_to=copy_to,
                        tries=tries)


def test_each_client_to_its_own_address_and_each_person_their_own_items(
        two_clients: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    ledger = Ledger(tmp_path / "ledger.sqlite")
    report = run_cycle([two_clients], AS_OF, ledger, None, own(port))
    assert report.mailed == ["foothills.xlsx", "prairie.xlsx"] and not report.failures
    (prairie,) = inbox.to(PRAIRIE)
    (foothills,) = inbox.to(FOOTHILLS)
    assert subject(prairie).startswith("SECOR reminders for Prairie Ridge Framing")
    assert subject(foothills).startswith("SECOR reminders for Foothills Roofing")
    assert "Truck 2" in body(prairie) and "Fall Protection for Tyler Bouchard" in body(prairie)
    assert "Readiness score" in body(prairie)
    # Marcus: his inspections, his action, his hazard review; nobody else's, no score.
    (marcus,) = inbox.to(MARCUS)
    assert marcus["To"] == MARCUS
    assert subject(marcus) == ("Your SECOR reminders at Prairie Ridge Framing Ltd.: "
                                      "2 overdue, 1 due within 7 days")
    text = body(marcus)
    assert "SECOR reminders for Marcus Lefebvre, Prairie Ridge Framing Ltd." in text
    for his in ("Truck 2", "CA-031", "Framing Crew Job Site", "HA-07"):
        assert his in text
    for not_his in ("Tyler", "Truck 1", "CA-032", "Vehicle and Driving", "Readiness score"):
        assert not_his not in text
    (tyler,) = inbox.to(TYLER)
    assert "Fall Protection for Tyler Bouchard" in body(tyler) and "Truck" not in body(tyler)
    # Everyone named on an item with an address, per client; Ana Souza has none.
    everyone = sorted(a for rcpt in inbox.envelopes for a in rcpt)
    people = [f"{p}@{d}" for d in ("foothills.example", "prairieridgeframing.ca")
              for p in ("dale", "jesse", "karen", "marcus", "tyler")]
    assert everyone == sorted([PRAIRIE, FOOTHILLS, *people])
    assert all(len(rcpt) == 1 for rcpt in inbox.envelopes)  # nobody sees another's mail
    assert len(report.people_mailed) == 10
    # The ledger per recipient: the same day and the next day, nobody is sent anything
    # again; next week the overdue items go again, to the owner and to Marcus.
    sent = len(inbox.messages)
    assert not run_cycle([two_clients], AS_OF, ledger, None, own(port)).deliveries
    tomorrow = run_cycle([two_clients], AS_OF + dt.timedelta(days=1), ledger, None, own(port))
    assert MARCUS not in {a for d in tomorrow.deliveries for a in d.to}
    assert len(inbox.to(MARCUS)) == 1 and len(inbox.messages) == sent + len(tomorrow.deliveries)
    run_cycle([two_clients], AS_OF + dt.timedelta(days=7), ledger, None, own(port))
    assert len(inbox.to(MARCUS)) == 2 and "Truck 2" in body(inbox.to(MARCUS)[-1])
    assert len(inbox.to(PRAIRIE)) >= 2


def test_dates_and_message_ids(two_clients: Path, tmp_path: Path,
                               smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    run_cycle([two_clients], AS_OF, Ledger(tmp_path / "l.sqlite"), None,
              own(port, copy_to=(CONSULTANT,)))
    assert len(inbox.messages) == 13
    ids = []
    for message in inbox.messages:
        sent = email.utils.parsedate_to_datetime(str(message["Date"]))
        assert sent.tzinfo is not None
        assert abs((sent - dt.datetime.now(dt.UTC)).total_seconds()) < 300
        (msgid,) = message.get_all("Message-ID")
        assert re.fullmatch(r"<[^<>@\s]+@consult\.example>", str(msgid)), msgid
        ids.append(msgid)
    assert len(set(ids)) == len(ids)


def test_the_consultant_gets_one_summary_not_a_copy_of_each(
        two_clients: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    client(two_clients, "nomail.xlsx", "Chinook Landscaping Ltd.", None, "chinook.example")
    ledger = Ledger(tmp_path / "ledger.sqlite")
    report = run_cycle([two_clients], AS_OF, ledger, None, own(port, copy_to=(CONSULTANT,)))
    (summary,) = inbox.to(CONSULTANT)
    assert report.copy is not None and not report.copy.failed
    assert summary["To"] == CONSULTANT
    assert subject(summary) == (f"SECOR reminders {AS_OF}: 2 client digests sent or "
                                       "tried, 0 failures, 1 with no address")
    text = body(summary)
    assert f"prairie.xlsx (Prairie Ridge Framing Ltd.) -> {PRAIRIE}: 17 new reminders" in text
    assert f"foothills.xlsx (Foothills Roofing Ltd.) -> {FOOTHILLS}" in text
    assert ("prairie.xlsx (Prairie Ridge Framing Ltd.): Dale Kowalski (6 new), Marcus "
            "Lefebvre (8 new), Tyler Bouchard (1 new), Jesse Whitehorse (1 new), Karen "
            "Mitchell (1 new)") in text
    assert "nomail.xlsx (Chinook Landscaping Ltd.): no Reminder Email" in text
    assert text.count("SECOR reminders for Prairie Ridge Framing Ltd.\n") == 1  # its digest
    # The clients' own mails never carry the consultant, not even as Bcc.
    assert sum(CONSULTANT in rcpt for rcpt in inbox.envelopes) == 1
    # Run again the same day: nothing new is sent, so no summary either (the client with
    # no address is in the log, and in the next summary that goes).
    again = run_cycle([two_clients], AS_OF, ledger, None, own(port, copy_to=(CONSULTANT,)))
    assert not again.deliveries and again.copy is None and len(again.no_address) == 1
    assert len(inbox.to(CONSULTANT)) == 1


def test_a_client_with_no_address_is_said_once_and_the_rest_go_on(
        tmp_path: Path, smtp: tuple[Inbox, int], caplog: pytest.LogCaptureFixture) -> None:
    inbox, port = smtp
    folder = tmp_path / "clients"
    client(folder, "a_nomail.xlsx", "Chinook Landscaping Ltd.", None, "chinook.example")
    client(folder, "b_prairie.xlsx", "Prairie Ridge Framing Ltd.", PRAIRIE)
    caplog.set_level(logging.INFO, logger="secor_xl.watch")
    report = run_cycle([folder], AS_OF, Ledger(tmp_path / "l.sqlite"), None, own(port))
    said = [r.getMessage() for r in caplog.records if "no Reminder Email" in r.getMessage()]
    assert said == ["a_nomail.xlsx (Chinook Landscaping Ltd.): no Reminder Email on its "
                    "Company sheet (blank, or not an address) and no --mail-to, so its "
                    "digest is not mailed; type the owner's address in Company > Reminder "
                    "Email"]
    assert [(d.workbook.name, n) for d, n in report.no_address] == [("a_nomail.xlsx", 17)]
    assert report.mailed == ["b_prairie.xlsx"] and not report.failures
    assert len(inbox.to(PRAIRIE)) == 1
    assert len(inbox.to("marcus@chinook.example")) == 1  # its people still get theirs


def test_an_owner_on_the_roster_gets_the_digest_once(tmp_path: Path,
                                                     smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    folder = tmp_path / "clients"
    client(folder, "prairie.xlsx", "Prairie Ridge Framing Ltd.", "Dale@PrairieRidgeFraming.ca")
    run_cycle([folder], AS_OF, Ledger(tmp_path / "l.sqlite"), None, own(port))
    to_dale = [rcpt for rcpt in inbox.envelopes if rcpt[0].casefold().startswith("dale@")]
    assert to_dale == [["Dale@PrairieRidgeFraming.ca"]]
    assert len(inbox.to(MARCUS)) == 1


def test_mail_to_overrides_every_address_in_the_workbooks(
        two_clients: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    override = MailSettings("127.0.0.1", port, "secor@example.com", ("me@example.com",))
    report = run_cycle([two_clients], AS_OF, Ledger(tmp_path / "l.sqlite"), None, override)
    assert report.mailed == ["foothills.xlsx", "prairie.xlsx"]
    assert inbox.envelopes == [["me@example.com"], ["me@example.com"]]


def test_server_down_every_failure_is_named_and_nothing_is_marked(
        two_clients: Path, tmp_path: Path, smtp: tuple[Inbox, int],
        caplog: pytest.LogCaptureFixture) -> None:
    inbox, port = smtp
    caplog.set_level(logging.INFO, logger="secor_xl.watch")
    ledger = Ledger(tmp_path / "ledger.sqlite")
    waits: list[float] = []
    report = run_cycle([two_clients], AS_OF, ledger, None,
                       own(free_port(), copy_to=(CONSULTANT,)), sleep=waits.append)
    assert waits == [2.0, 4.0]  # the first mail's three tries; the rest are not tried
    assert report.failed_mail == ["foothills.xlsx", "prairie.xlsx"] and not report.mailed
    failed = [d.describe() for d in report.failures]
    assert len(failed) == 13  # 2 digests, 10 people, the summary
    assert failed[0].startswith(f"foothills.xlsx (Foothills Roofing Ltd.) -> {FOOTHILLS}: "
                                "ConnectionRefusedError")
    assert any(f.startswith(f"prairie.xlsx (Prairie Ridge Framing Ltd.) -> Marcus Lefebvre "
                            f"<{MARCUS}>: not tried, the mail server had failed")
               for f in failed)
    assert ledger.db.execute("SELECT COUNT(*) FROM sent").fetchone() == (0,)
    assert not any("mailed" in r.getMessage() for r in caplog.records)
    later = run_cycle([two_clients], AS_OF, ledger, None, own(port))
    assert len(later.deliveries) == 12 and not later.failures and len(inbox.messages) == 12


def test_an_older_ledger_is_read_as_the_workbooks_own_digest(
        clients: Path, tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    """A ledger from before recipients were kept: what it holds is not mailed again to
    the owner, but the people, who never got anything, get their items."""
    inbox, port = smtp
    path = tmp_path / "ledger.sqlite"
    first = Ledger(path)
    run_cycle([clients], AS_OF, first, None, settings(port))
    rows = first.db.execute("SELECT workbook, item, stage, sent_on FROM sent").fetchall()
    first.close()
    old = sqlite3.connect(path)
    with old:
        old.execute("DROP TABLE sent")
        old.execute("CREATE TABLE reminded (workbook TEXT, item TEXT, stage TEXT, sent_on "
                    "TEXT, PRIMARY KEY (workbook, item, stage))")
        old.executemany("INSERT INTO reminded VALUES (?, ?, ?, ?)", rows)
    old.close()
    client(clients, "prairie.xlsx", "Prairie Ridge Framing Ltd.", PRAIRIE)
    report = run_cycle([clients], AS_OF, Ledger(path), None, own(port))
    assert report.unchanged == ["prairie.xlsx"] and not inbox.to(PRAIRIE)
    assert len(inbox.to(MARCUS)) == 1


def test_plurals() -> None:
    item = Item("X", "Inspect the truck", AS_OF - dt.timedelta(days=1), "Inspection Schedule",
                2)
    assert item.when(AS_OF) == f"1 day late (due {item.due})"
    assert item.when(AS_OF - dt.timedelta(days=2)) == f"due in 1 day ({item.due})"
    assert item.when(AS_OF - dt.timedelta(days=3)) == f"due in 2 days ({item.due})"
    assert item.when(AS_OF + dt.timedelta(days=1)) == f"2 days late (due {item.due})"
    assert plural(1, "delivery", "deliveries") == "1 delivery"
    assert plural(0, "delivery", "deliveries") == "0 deliveries"


def test_one_reminder_is_one_reminder_in_the_log(
        two_clients: Path, tmp_path: Path, smtp: tuple[Inbox, int],
        caplog: pytest.LogCaptureFixture) -> None:
    _inbox, port = smtp
    caplog.set_level(logging.INFO, logger="secor_xl.watch")
    run_cycle([two_clients], AS_OF, Ledger(tmp_path / "l.sqlite"), None, own(port))
    logged = [r.getMessage() for r in caplog.records]
    assert f"prairie.xlsx: mailed 1 reminder to Tyler Bouchard <{TYLER}>" in logged
    assert not any(re.search(r"\b1 (days|reminders)\b", line) for line in logged)


def watch_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "secor_xl", "watch", *args],
                          capture_output=True, text=True, check=False)


def test_cli_two_clients_then_the_server_down(two_clients: Path,
                                              smtp: tuple[Inbox, int],
                                              tmp_path: Path) -> None:
    inbox, port = smtp
    digests = tmp_path / "digests"
    ok = watch_cli(str(two_clients), "--once", "--digest", str(digests), "--smtp",
                   f"127.0.0.1:{port}", "--mail-from", "reminders@consult.example",
                   "--copy-to", CONSULTANT)
    assert ok.returncode == 0, ok.stderr
    assert ("2 workbooks checked, 0 could not be read; 2 client digests and 10 personal "
            "mails sent, the consultant's summary sent, 0 deliveries failed, 0 clients "
            "with no address; 4 digest files written.") in ok.stderr
    assert len(inbox.messages) == 13
    client(two_clients, "chinook.xlsx", "Chinook Landscaping Ltd.", "owner@chinook.example",
           "chinook.example")
    down = watch_cli(str(two_clients), "--once", "--digest", str(digests), "--smtp",
                     f"127.0.0.1:{free_port()}", "--mail-from", "reminders@consult.example")
    assert down.returncode == 1, down.stderr
    assert "1 delivery failed" not in down.stderr
    assert ("3 workbooks checked, 0 could not be read; 0 client digests and 0 personal mails "
            "sent, 6 deliveries failed, 0 clients with no address; 6 digest files written."
            ) in down.stderr
    assert ("  failed: chinook.xlsx (Chinook Landscaping Ltd.) -> owner@chinook.example: "
            "ConnectionRefusedError") in down.stderr
    assert ("  failed: chinook.xlsx (Chinook Landscaping Ltd.) -> Marcus Lefebvre "
            "<marcus@chinook.example>: not tried, the mail server had failed for an earlier "
            "mail of this run") in down.stderr


def test_the_programs_own_dates_go_to_the_safety_contact(tmp_path: Path,
                                                         smtp: tuple[Inbox, int]) -> None:
    """The audit and the Roadmap name nobody on their row: they are the Safety Contact's
    (the person who runs the program), here the owner, Dale."""
    inbox, port = smtp
    data = demo_data(AS_OF)
    rows = {name: [dict(r) for r in table] for name, table in data.rows.items()}
    next(r for r in rows["Roadmap"] if r["Status"] == "In Progress")["Due"] = \
        AS_OF + dt.timedelta(days=20)
    company = dict(data.company) | {"Next Audit Due": AS_OF + dt.timedelta(days=25),
                                    "Reminder Email": PRAIRIE}
    folder = tmp_path / "clients"
    folder.mkdir()
    build_workbook(folder / "prairie.xlsx", BuildOptions(company=company, rows=rows))
    run_cycle([folder], AS_OF, Ledger(tmp_path / "l.sqlite"), None, own(port))
    (dale,) = inbox.to("dale@prairieridgeframing.ca")
    assert "Roadmap: Maintenance submission, year 3" in body(dale)
    assert "Next SECOR audit" in body(dale)
    (marcus,) = inbox.to(MARCUS)
    assert "Roadmap" not in body(marcus) and "audit" not in body(marcus)


def test_digest_files_first_do_not_use_up_the_mail(two_clients: Path, tmp_path: Path,
                                                    smtp: tuple[Inbox, int]) -> None:
    """The README's order: digest files first, then --smtp the same day: the owner still
    gets the mail."""
    inbox, port = smtp
    ledger = Ledger(tmp_path / "ledger.sqlite")
    run_cycle([two_clients], AS_OF, ledger, tmp_path / "digests")
    assert not inbox.envelopes
    report = run_cycle([two_clients], AS_OF, ledger, None, own(port))
    assert report.mailed == ["foothills.xlsx", "prairie.xlsx"] and inbox.to(PRAIRIE)
