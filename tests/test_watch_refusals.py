"""`watch` and a server that refuses for good (550, no SMTPUTF8): kept in the ledger, not
tried every run; and log lines that stay one line whatever a name holds."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from secor_xl.automation.ledger import Ledger
from secor_xl.automation.watch import run_cycle
from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import demo_data

from .test_watch import AS_OF, FOOTHILLS, Inbox, client, free_port, own

GONE = "gone@prairie.example"


class Refusing(Inbox):
    """Takes every address but GONE, which it refuses for good (550), as a server does for
    a mailbox that does not exist; counts every RCPT it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    async def handle_RCPT(self, server: object, session: object, envelope: object,
                          address: str, rcpt_options: list[str]) -> str:
        self.asked.append(address)
        if address == GONE:
            return "550 5.1.1 <gone@prairie.example>: no such mailbox"
        envelope.rcpt_tos.append(address)  # type: ignore[attr-defined]
        return "250 OK"


@pytest.fixture()
def refusing() -> Iterator[tuple[Refusing, int]]:
    inbox, port = Refusing(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, enable_SMTPUTF8=False)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def no_wait(_seconds: float) -> None:
    pass


def test_a_550_is_kept_in_the_ledger_and_not_tried_every_run(
        tmp_path: Path, refusing: tuple[Refusing, int]) -> None:
    inbox, port = refusing
    folder = tmp_path / "clients"
    client(folder, "foothills.xlsx", "Foothills Roofing Ltd.", FOOTHILLS, "foothills.example")
    client(folder, "prairie.xlsx", "Prairie Ridge Framing Ltd.", GONE)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    first = run_cycle([folder], AS_OF, ledger, None, own(port), sleep=no_wait)
    assert inbox.asked.count(GONE) == 1  # a permanent refusal is not retried in the run
    (failure,) = [d for d in first.failures if d.to == (GONE,)]
    assert "refused for good" in failure.describe() and "550" in failure.describe()
    assert "foothills.xlsx" in first.mailed
    rows = sqlite3.connect(ledger.path).execute("SELECT address, code FROM refused").fetchall()
    assert rows == [(GONE, 550)]

    for day in range(1, 7):  # the next runs of the week: not tried, not a failure
        later = run_cycle([folder], AS_OF + dt.timedelta(days=day), ledger, None, own(port),
                          sleep=no_wait)
        assert inbox.asked.count(GONE) == 1
        assert [d.to for d in later.held] == [(GONE,)] and not [
            d for d in later.failures if d.to == (GONE,)]
        assert "prairie.xlsx" not in later.mailed
    week = run_cycle([folder], AS_OF + dt.timedelta(days=7), ledger, None, own(port),
                     sleep=no_wait)
    assert inbox.asked.count(GONE) == 2 and not week.held  # a week on: tried once more


def test_an_address_the_server_cannot_take_without_smtputf8_is_not_tried_every_run(
        tmp_path: Path, refusing: tuple[Refusing, int]) -> None:
    _inbox, port = refusing
    folder = tmp_path / "clients"
    client(folder, "prairie.xlsx", "Prairie Ridge Framing Ltd.", "josé@prairie.example")
    ledger = Ledger(tmp_path / "ledger.sqlite")
    first = run_cycle([folder], AS_OF, ledger, None, own(port), sleep=no_wait)
    (failure,) = [d for d in first.failures if d.person is None]
    assert "SMTPUTF8" in failure.describe() and "refused for good" in failure.describe()
    again = run_cycle([folder], AS_OF + dt.timedelta(days=1), ledger, None, own(port),
                      sleep=no_wait)
    assert [d.to for d in again.held] == [("josé@prairie.example",)]
    assert not [d for d in again.failures if d.person is None]


def test_a_line_break_in_an_employees_name_does_not_split_a_log_line(
        tmp_path: Path, refusing: tuple[Refusing, int], caplog: pytest.LogCaptureFixture
        ) -> None:
    _inbox, port = refusing
    data = demo_data(AS_OF)
    rows = {name: [{k: (v.replace("Tyler Bouchard", "Tyler\nBouchard")
                        if isinstance(v, str) else v) for k, v in row.items()}
                   for row in table] for name, table in data.rows.items()}
    folder = tmp_path / "clients"
    folder.mkdir()
    build_workbook(folder / "prairie.xlsx", BuildOptions(
        company=dict(data.company) | {"Reminder Email": "owner@prairie.example"},
        rows=rows, spare_rows=0))
    with caplog.at_level(logging.INFO, logger="secor_xl.watch"):
        report = run_cycle([folder], AS_OF, Ledger(tmp_path / "ledger.sqlite"), None,
                           own(port), sleep=no_wait)
    tyler = [d for d in report.deliveries if d.person and "Tyler" in d.person]
    assert tyler and not report.failures
    messages = [r.getMessage() for r in caplog.records]
    assert any("Tyler Bouchard" in m for m in messages)
    assert not [m for m in messages if "\n" in m or "\r" in m]
    assert "\n" not in tyler[0].describe()
