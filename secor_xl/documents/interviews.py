"""`secor-xl interviews`: whom the auditor is likely to interview, and a guide for each.

The auditor, not the company, picks the people (R21-05): a sample across levels,
experience, full and part time. This module proposes such a sample from the
Employees roster so the owner can rehearse it, and makes the context of the printed
guides: the questions of `questions_data` for each person's role.

Roles, decided from the workbook (README, "Interviews and observation"):

- Manager: the Company's Safety Contact, whoever approves Program Documents or is
  the Manager on Management Activities, and any Position with "owner", "manager" or
  "president" in it;
- Supervisor: whoever is named as a Supervisor on Employees, and any Position with
  "supervisor", "foreman" or "lead" in it;
- Worker: everyone else.

New workers started in the last six months (183 days); a part-timer is one whose
Position says "part-time", "part time", "casual" or "seasonal" (the roster has no
column for it). The draw is random but repeatable: the seed defaults to a number
made from the company's name, so two runs agree.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..dates import keys
from ..errors import UserError
from ..questions_data import INTERVIEW_QUESTIONS, ROLES, sample_size
from ..reader.read import WorkbookData
from ..schema import ELEMENTS
from .context import company_context

NEW_DAYS = 183
MANAGER_WORDS = ("OWNER", "MANAGER", "PRESIDENT")
SUPERVISOR_WORDS = ("SUPERVISOR", "FOREMAN", "LEAD")
PART_TIME_WORDS = ("PART-TIME", "PART TIME", "CASUAL", "SEASONAL")


@dataclass(frozen=True)
class Person:
    """One active employee as the sample sees them."""

    name: str
    position: str
    role: str
    start: dt.date | None
    new: bool
    part_time: bool


@dataclass(frozen=True)
class Sample:
    """The people proposed, each with why, out of `active` active employees."""

    chosen: tuple[tuple[Person, str], ...]
    active: int
    size: int
    seed: int

    def rows(self) -> list[dict[str, str]]:
        return [{"name": p.name, "role": p.role, "position": p.position, "why": why}
                for p, why in self.chosen]


def default_seed(company_name: str) -> int:
    """A seed from the company's name: the same company gets the same draw."""
    return zlib.crc32(company_name.strip().casefold().encode("utf-8"))


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _has(text: str, words: Iterable[str]) -> bool:
    upper = text.upper()
    return any(word in upper for word in words)


def _named(frame: pd.DataFrame, column: str) -> set[str]:
    return set(keys(frame[column])) - {""}


def active_people(wb: WorkbookData, as_of: dt.date) -> list[Person]:
    """Active employees on `as_of` (started by then, not Inactive), with their role."""
    people = wb.frame("Employees")
    day = pd.Timestamp(as_of)
    on_job = (keys(people["Status"]) != "INACTIVE") & (keys(people["Name"]) != "") & (
        people["Start Date"].isna() | (people["Start Date"] <= day))
    people = people[on_job]
    managers = _named(wb.frame("Program Documents"), "Approved By") | _named(
        wb.frame("Management Activities"), "Manager")
    contact = _text(wb.company.get("Safety Contact"))
    if contact:
        managers.add(keys(pd.Series([contact])).iloc[0])
    supervisors = _named(people, "Supervisor")
    out = []
    seen: set[str] = set()
    for name, key, position, start in zip(people["Name"], keys(people["Name"]),
                                          people["Position"], people["Start Date"],
                                          strict=True):
        if key in seen:
            continue
        seen.add(key)
        position = _text(position)
        if key in managers or _has(position, MANAGER_WORDS):
            role = "Manager"
        elif key in supervisors or _has(position, SUPERVISOR_WORDS):
            role = "Supervisor"
        else:
            role = "Worker"
        started = None if pd.isna(start) else pd.Timestamp(start).date()
        out.append(Person(_text(name), position, role, started,
                          started is not None and (as_of - started).days < NEW_DAYS,
                          _has(position, PART_TIME_WORDS)))
    return sorted(out, key=lambda p: p.name.casefold())


def propose_sample(wb: WorkbookData, as_of: dt.date, seed: int | None = None) -> Sample:
    """The people to interview: the table's number of them (everyone at 1 to 4), at least
    one of each role present, a new worker and a part-timer when there are any; the rest
    drawn at random with `seed`."""
    people = active_people(wb, as_of)
    if not people:
        raise UserError(f"{wb.path}: Employees has no active employee on {as_of}; add the "
                        "roster (Status Active) before planning interviews.")
    if seed is None:
        seed = default_seed(_text(wb.company.get("Company Name")))
    rng = random.Random(seed)
    size = sample_size(len(people))
    chosen: dict[str, tuple[Person, str]] = {}

    def pick(pool: list[Person], why: str, prefer: list[Person] | None = None) -> None:
        free = [p for p in pool if p.name not in chosen]
        if not free or any(p in pool for p, _ in chosen.values()):
            return
        better = [p for p in free if prefer and p in prefer] or free
        person = rng.choice(better)
        chosen[person.name] = (person, why)

    new = [p for p in people if p.new]
    part = [p for p in people if p.part_time]
    for role in ROLES:
        mine = [p for p in people if p.role == role]
        alone = len(mine) == 1
        pick(mine, f"the only {role.lower()}" if alone else f"one {role.lower()} of "
             f"{len(mine)} (each role is heard)", new + part)
    for pool, why in ((new, "new: started in the last six months"),
                      (part, "part-time")):
        pick(pool, why)
    for person, why in list(chosen.values()):  # say every reason that holds
        also = [w for w, holds in (("new", person.new), ("part-time", person.part_time))
                if holds and w not in why]
        if also:
            chosen[person.name] = (person, f"{why}; {', '.join(also)}")
    rest = [p for p in people if p.name not in chosen]
    for person in rng.sample(rest, max(0, min(len(rest), size - len(chosen)))):
        chosen[person.name] = (person, "everyone is interviewed" if size == len(people)
                               else "drawn at random")
    order = {role: n for n, role in enumerate(ROLES)}
    picked = sorted(chosen.values(), key=lambda c: (order[c[0].role], c[0].name.casefold()))
    return Sample(tuple(picked), len(people), size, seed)


def questions_for(role: str) -> list[dict[str, Any]]:
    """The interview questions asked of `role`, in plain words, with their IDs."""
    return [{"id": q.id, "element": q.element, "element_name": ELEMENTS.get(q.element, ""),
             "ask": q.ask, "positive": q.positive}
            for q in INTERVIEW_QUESTIONS if role in q.roles]


def cover_context(wb: WorkbookData, as_of: dt.date, sample: Sample) -> dict[str, Any]:
    """The one-page plan: the sample, and how the answers go back into the workbook."""
    return company_context(wb, as_of) | {
        "sample": sample.rows(), "active": sample.active, "size": len(sample.chosen),
        "table_size": sample.size, "seed": sample.seed,
        "questions": {role: len(questions_for(role)) for role in ROLES},
    }


def guide_context(wb: WorkbookData, as_of: dt.date, person: Person,
                  why: str) -> dict[str, Any]:
    """One person's guide: who they are and the questions of their role."""
    return company_context(wb, as_of) | {
        "person": {"name": person.name, "role": person.role, "position": person.position,
                   "why": why},
        "questions": questions_for(person.role),
    }
