"""The audit working notes: per element and question, how it was verified and what it earned.

An auditor's notes must let a quality-assurance reviewer confirm the system
from them: for each question, the method (documentation, interview,
observation), what was reviewed (counts, date range, rows and record IDs), the
interview tally without names, what was observed at which sites, and the points
with the rule that gave them. The owner copies these into the partner's tool.

The points, methods and verdict are the score's; the tallies are read here from
the Interviews and Observations sheets (every Positive and Negative row in the
12-month window, by Question ID), so the notes show all that was heard and seen
where the score keeps, per site, the latest observation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..dates import in_window, keys
from ..questions_data import ROLES
from ..reader.read import ROW, WorkbookData
from ..schema import ELEMENTS
from ..score import ScoreResult
from .context import company_context

Records = tuple[str, str, str, str | None]
"""(sheet, date column, what the rows are, the ID column or None)."""

SHOWN_RANGES = 8
"""Row ranges named before "and N more rows"."""


def element_records(element: int) -> tuple[Records, ...]:
    """The sheets an element's questions read, each with its date column and ID column."""
    return {
        1: (("Program Documents", "Approved Date", "program documents approved", None),
            ("Management Activities", "Date", "management activities", None)),
        2: (("Hazard Assessments", "Assessed Date", "hazard assessment lines",
             "Assessment ID"),),
        3: (("Safe Work Procedures", "Approved Date", "safe work procedures approved",
             "Procedure"),
            ("Equipment Maintenance", "Date", "maintenance records", "Equipment"),
            ("Corrective Actions", "Completed Date", "corrective actions completed",
             "Action ID")),
        4: (("Inspection Log", "Date", "inspections", "Inspection ID"),),
        5: (("Training Records", "Completed Date", "courses completed", None),
            ("Employees", "Orientation Date", "orientations", "Employee ID")),
        6: (("Emergency Drills", "Drill Date", "drills and emergencies", None),),
        7: (("Incidents", "Date", "incidents and near misses", "Incident ID"),),
        8: (("Meetings", "Date", "meetings and toolbox talks", "Meeting ID"),),
        9: (("HS Representatives", "Designated Date", "representatives designated", None),
            ("HS Representatives", "Training Completed", "representative trainings", None)),
        10: (("Contractors and Visitors", "First On Site", "contractors and visitors on site",
              None),
             ("Contractors and Visitors", "Orientation Date", "site orientations", None)),
    }.get(element, ())


def row_ranges(rows: Iterable[int]) -> str:
    """Spreadsheet rows as ranges: "2-41", "2-10, 14, 20-22 and 31 more rows"."""
    numbers = sorted(set(rows))
    spans: list[tuple[int, int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    text = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans[:SHOWN_RANGES])
    left = sum(b - a + 1 for a, b in spans[SHOWN_RANGES:])
    return text + (f" and {left} more rows" if left else "")


def _iso(value: object) -> str:
    return pd.Timestamp(value).date().isoformat() if not pd.isna(value) else ""


def reviewed(wb: WorkbookData, as_of: dt.date, element: int) -> list[dict[str, Any]]:
    """What the auditor reviews for `element`: per sheet, the rows in the window, counted,
    with their date range and first and last record IDs."""
    out = []
    for sheet, column, what, id_column in element_records(element):
        if sheet not in wb.tables:
            continue
        frame = wb.frame(sheet)
        inside = frame[in_window(frame[column], as_of)].sort_values(column, kind="stable")
        count = len(inside)
        if count:
            first, last = _iso(inside[column].iloc[0]), _iso(inside[column].iloc[-1])
            span = first if first == last else f"{first} to {last}"
            text = (f"{sheet} row{'s' if count > 1 else ''} "
                    f"{row_ranges(inside[ROW].astype(int))}, {count} {what} {span}")
            ids = [str(i).strip() for i in inside[id_column].dropna()] if id_column else []
            ids = list(dict.fromkeys(i for i in ids if i))
            if ids:
                text += f" ({ids[0]}" + (f" to {ids[-1]})" if len(ids) > 1 else ")")
        else:
            text = f"{sheet}: no {what} dated in the window"
        out.append({"sheet": sheet, "what": what, "count": count, "text": text})
    return out


def interview_tally(wb: WorkbookData, as_of: dt.date) -> dict[str, dict[str, Any]]:
    """Per Question ID: positive and asked answers in the window, by role; no names."""
    frame = wb.frame("Interviews")
    frame = frame[in_window(frame["Date"], as_of)]
    answer, role, qid = keys(frame["Answer"]), frame["Role"], keys(frame["Question ID"])
    asked = frame[answer.isin(("POSITIVE", "NEGATIVE"))]
    out: dict[str, dict[str, Any]] = {}
    if asked.empty:
        return out
    table = pd.DataFrame({"q": qid[asked.index], "role": keys(role[asked.index]),
                          "pos": answer[asked.index] == "POSITIVE"})
    for q, group in table.groupby("q", sort=False):
        by_role = []
        for name in ROLES:
            mine = group[group["role"] == name.upper()]
            if len(mine):
                by_role.append(f"{name.lower()}s {int(mine['pos'].sum())} of {len(mine)}")
        out[str(q)] = {"positive": int(group["pos"].sum()), "asked": len(group),
                       "by_role": ", ".join(by_role)}
    return out


def observation_tally(wb: WorkbookData, as_of: dt.date) -> dict[str, dict[str, Any]]:
    """Per Question ID: positive and negative results in the window, the sites, and what was
    seen where it was negative."""
    frame = wb.frame("Observations")
    frame = frame[in_window(frame["Date"], as_of)]
    result = keys(frame["Result"])
    frame = frame[result.isin(("POSITIVE", "NEGATIVE"))]
    out: dict[str, dict[str, Any]] = {}
    for q, group in frame.groupby(keys(frame["Question ID"]), sort=False):
        positive = keys(group["Result"]) == "POSITIVE"
        sites = list(dict.fromkeys(str(s).strip() for s in group["Site"].dropna()))
        seen = [str(s).strip() for s in group.loc[~positive, "What Was Seen"].dropna()][:3]
        out[str(q)] = {"positive": int(positive.sum()), "asked": len(group),
                       "sites": ", ".join(sites), "negative_seen": "; ".join(seen)}
    return out


def _points(value: float) -> str:
    return f"{round(float(value), 1):g}"


def _question_row(criterion: Any, commands: dict[str, str]) -> dict[str, Any]:
    """A scored criterion (a question) as a line of the notes: its methods, points, and the
    evidence that gave them; one not gathered yet names the command that gathers it."""
    methods = tuple(criterion.methods)
    rule = criterion.evidence if criterion.applicable else "not applicable"
    if len(methods) > 1:
        rule += " (" + "; ".join(f"{m} {_points(e)} of {_points(p)}"
                                 for m, (e, p) in criterion.by_method().items()) + ")"
    gather = [commands[m] for m in methods if m in commands]
    if not criterion.gathered and gather:
        rule += f" Gather it: {gather[0]}."
    return {"id": criterion.id, "text": criterion.text,
            "methods": ", ".join(methods) or "self-assessment",
            "earned": _points(criterion.earned), "possible": _points(criterion.possible),
            "rule": rule, "interviews": "", "observed": ""}


def _tally_texts(qid: str, interviews: dict[str, dict[str, Any]],
                 observations: dict[str, dict[str, Any]]) -> tuple[str, str]:
    i, o = interviews.get(qid), observations.get(qid)
    heard = (f"{i['positive']} positive of {i['asked']} ({i['by_role']})" if i else "")
    seen = ""
    if o:
        seen = (f"{o['positive']} positive, {o['asked'] - o['positive']} negative at "
                f"{o['sites']}")
        if o["negative_seen"]:
            seen += f"; seen: {o['negative_seen']}"
    return heard, seen


def _element_tally(ids: list[str], tallies: dict[str, dict[str, Any]], noun: str,
                   otherwise: str) -> str:
    """An element's interview or observation tally: "5 answers, 4 positive (I6.1, I6.2)"."""
    mine = [q for q in ids if q in tallies]
    if not mine:
        return otherwise
    asked = sum(tallies[q]["asked"] for q in mine)
    positive = sum(tallies[q]["positive"] for q in mine)
    sites = {s.strip() for q in mine for s in tallies[q].get("sites", "").split(",")
             if s.strip()}
    where = f" at {len(sites)} site{'s' if len(sites) > 1 else ''}" if sites else ""
    return (f"{asked} {noun if asked != 1 else noun[:-1]}{where}, {positive} positive "
            f"({', '.join(mine)})")


def audit_notes_context(wb: WorkbookData, as_of: dt.date, score: ScoreResult
                        ) -> dict[str, Any]:
    """The working notes: `score` is the `ScoreResult` of `wb` on `as_of`."""
    interviews = interview_tally(wb, as_of)
    observations = observation_tally(wb, as_of)
    path = wb.path.name
    commands = {"interview": f"secor-xl interviews {path} --out DIR",
                "observation": f"secor-xl observe {path} --out DIR"}
    elements = []
    for element in score.elements:
        rows = [_question_row(c, commands) for c in element.criteria]
        for row in rows:
            row["interviews"], row["observed"] = _tally_texts(row["id"].upper(), interviews,
                                                              observations)
        ids = [r["id"].upper() for r in rows]
        elements.append({
            "id": element.id, "name": ELEMENTS.get(element.id, element.name),
            "earned": _points(element.earned), "possible": _points(element.possible),
            "reviewed": reviewed(wb, as_of, element.id), "questions": rows,
            "heard": _element_tally(ids, interviews, "answers", "none yet"),
            "seen": _element_tally(ids, observations, "results", "nothing observed yet")})
    gathering, verdict = score.gathering, score.verdict
    return company_context(wb, as_of) | {
        "elements": elements,
        "interviews": {"planned": gathering.interviews_planned,
                       "done": gathering.interviews_done,
                       "answers": sum(t["asked"] for t in interviews.values())},
        "observations": {"sites": gathering.sites, "done": gathering.sites_done,
                         "results": sum(t["asked"] for t in observations.values())},
        "verdict": verdict.word + (f": {'; '.join(verdict.reasons)}" if verdict.reasons
                                   else ""),
        "overall": round(score.overall, 1),
    }
