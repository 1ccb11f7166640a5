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
    chosen: dict[str, Person] = {}

    def pick(pool: list[Person], prefer: list[Person] | None = None) -> None:
        free = [p for p in pool if p.name not in chosen]
        if not free or any(p in pool for p in chosen.values()):
            return
        better = [p for p in free if prefer and p in prefer] or free
        person = rng.choice(better)
        chosen[person.name] = person

    new = [p for p in people if p.new]
    part = [p for p in people if p.part_time]
    for role in ROLES:
        pick([p for p in people if p.role == role], new + part)
    for pool in (new, part):
        pick(pool)
    rest = [p for p in people if p.name not in chosen]
    for person in rng.sample(rest, max(0, min(len(rest), size - len(chosen)))):
        chosen[person.name] = person
    order = {role: n for n, role in enumerate(ROLES)}
    picked = sorted(chosen.values(), key=lambda p: (order[p.role], p.name.casefold()))
    labels = why_chosen(picked, people, everyone=size >= len(people))
    return Sample(tuple(zip(picked, labels, strict=True)), len(people), size, seed)


def why_chosen(picked: list[Person], people: list[Person], everyone: bool) -> list[str]:
    """Each person's reason in the same plain words: "the one manager", "new worker
    (started 2026-10-01)", "part-time worker", "worker, drawn at random (3 of 6)": 3 of
    the 6 active workers are in the sample."""
    labels = []
    for person in picked:
        role = person.role.lower()
        of_role = sum(p.role == person.role for p in people)
        in_sample = sum(p.role == person.role for p in picked)
        traits = []
        if person.new and person.start is not None:
            traits.append(f"new {role} (started {person.start.isoformat()})")
        if person.part_time:
            traits.append(f"part-time {role}" if not traits else "part-time")
        if of_role == 1:
            labels.append("; ".join([f"the one {role}", *(
                t.replace(f" {role}", "") for t in traits)]))
        elif traits:
            labels.append("; ".join(traits))
        elif everyone:
            labels.append(f"{role}, everyone is interviewed")
        else:
            labels.append(f"{role}, drawn at random ({in_sample} of {of_role})")
    return labels


def questions_for(role: str) -> list[dict[str, Any]]:
    """The interview questions asked of `role`, in plain words, with their IDs."""
    return [{"id": q.id, "element": q.element, "element_name": ELEMENTS.get(q.element, ""),
             "ask": q.ask, "positive": q.positive}
            for q in INTERVIEW_QUESTIONS if role in q.roles]


def cover_context(wb: WorkbookData, as_of: dt.date, sample: Sample) -> dict[str, Any]:
    """The one-page plan: the sample, and how the answers go back into the workbook."""
    return company_context(wb, as_of) | {
        "workbook": wb.path.name, "sample": sample.rows(), "active": sample.active,
        "size": len(sample.chosen),
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
