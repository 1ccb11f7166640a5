"""Interviews and Observations rows for test workbooks: every question asked of each person,
every checklist question looked at on each site (what `secor-xl interviews` and `observe`
print, typed back)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from secor_xl.demo_data import FOREMAN, OWNER, DemoData
from secor_xl.questions_data import INTERVIEW_QUESTIONS, OBSERVATION_QUESTIONS

Rows = dict[str, Sequence[Mapping[str, object]]]


def interview_rows(people: Iterable[tuple[str, str]], day: dt.date,
                   answer: str = "Positive") -> list[dict[str, object]]:
    """One row per question of each (name, role)'s guide, all with `answer`."""
    return [{"Date": day, "Interviewee": name, "Role": role, "Interviewer": "Auditor",
             "Question ID": q.id, "Answer": answer}
            for name, role in people for q in INTERVIEW_QUESTIONS if role in q.roles]


def observation_rows(sites: Iterable[str], day: dt.date,
                     result: str = "Positive") -> list[dict[str, object]]:
    """One row per checklist question at each site, all with `result`."""
    return [{"Date": day, "Site": site, "Observer": "Auditor", "Question ID": q.id,
             "What Was Seen": "As the checklist asks", "Result": result}
            for site in sites for q in OBSERVATION_QUESTIONS]


def active_sites(rows: Rows) -> list[str]:
    return [str(s["Site"]) for s in rows.get("Work Sites", []) if s.get("Active") != "No"]


def demo_people(demo: DemoData) -> list[tuple[str, str]]:
    """The demo's active employees with the role an auditor would give them."""
    roles = {OWNER: "Manager", FOREMAN: "Supervisor"}
    return [(str(p["Name"]), roles.get(str(p["Name"]), "Worker"))
            for p in demo.rows["Employees"] if p.get("Status") != "Inactive"]


def gathered(demo: DemoData, day: dt.date) -> Rows:
    """The demo's rows with everyone interviewed and every active site walked on `day`,
    all positive."""
    return {**demo.rows, "Interviews": interview_rows(demo_people(demo), day),
            "Observations": observation_rows(active_sites(demo.rows), day)}
