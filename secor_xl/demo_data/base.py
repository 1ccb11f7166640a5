"""The state the demo's sheets share, and the records they return."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .days import edate, monday_on_or_before
from .ledger import Ledger
from .people_data import FORMER, FORMER_LEFT_DAYS, ROSTER, SEED


@dataclass(frozen=True)
class DemoData:
    """The sample company: Company fields, table rows per sheet, and the planted problems."""

    company: dict[str, object]
    rows: dict[str, list[dict[str, object]]]
    problems: list[str]


@dataclass(frozen=True)
class Person:
    emp_id: str
    name: str
    position: str
    start: dt.date
    supervisor: str | None
    on_site: bool
    left: dt.date | None = None

    def employed(self, day: dt.date) -> bool:
        return self.start <= day and (self.left is None or day <= self.left)

    @property
    def first_name(self) -> str:
        return self.name.split()[0].lower()


class DemoBase:
    """What every sheet of the demo shares: as_of, the random stream, the roster and the
    actions register. Each group of sheets is a subclass; `company._Demo` joins them."""

    # Set by the sheet that plants each problem, read by problems().
    stale_review_due: dt.date
    truck_2_last: dt.date
    expired_ticket: dt.date
    missed_month: dt.date
    incident_days: list[dt.date]

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.rng = random.Random(SEED)
        self.window_start = edate(as_of, -18)
        self.ledger = Ledger(as_of)
        self.people = self._people()
        self.whmis_sessions = (self.ago(745), self.ago(395), self.ago(38))
        self.program_review = self.ago(160)
        self.planted_action = ""

    def ago(self, days: int) -> dt.date:
        return self.as_of - dt.timedelta(days=days)

    def employed(self, day: dt.date, *, on_site: bool = False) -> list[str]:
        return [p.name for p in self.people
                if p.employed(day) and (p.on_site or not on_site)]

    def _people(self) -> list[Person]:
        people = []
        for emp_id, name, position, months, supervisor, on_site in ROSTER:
            start = monday_on_or_before(edate(self.as_of, -months))
            left = self.ago(FORMER_LEFT_DAYS) if name == FORMER else None
            people.append(Person(emp_id, name, position, start, supervisor, on_site, left))
        return people
