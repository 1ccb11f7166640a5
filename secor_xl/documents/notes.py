"""The audit working notes: per element and question, how it was verified and what it earned.

An auditor's notes must let a quality-assurance reviewer confirm the system
from them: for each question, the method (documentation, interview,
observation), what was reviewed (counts, date range, rows and record IDs), the
interview tally without names, what was observed at which sites, and the points
with the rule that gave them. The owner copies these into the partner's tool.

Interview and observation tallies are read here from the Interviews and
Observations sheets (rows in the 12-month window, by Question ID); the score's
methods are read with `getattr`, so the notes work whether or not a criterion
carries `methods` and `points_by_method`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..dates import in_window, keys
from ..errors import UserError
from ..questions_data import INTERVIEW_QUESTIONS, OBSERVATION_QUESTIONS, ROLES
from ..reader.read import ROW, WorkbookData
from ..schema import ELEMENTS
from .context import company_context
from .interviews import propose_sample
from .observe import WORKPLACE, active_sites

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


def _question_row(criterion: Any) -> dict[str, Any]:
    """A scored criterion as a line of the notes."""
    methods = tuple(getattr(criterion, "methods", ("documentation",)))
    by_method = getattr(criterion, "points_by_method", None) or {}
    split = "; ".join(f"{m} {_points(e)} of {_points(p)}" for m, (e, p) in by_method.items())
    applicable = getattr(criterion, "applicable", True)
    return {"id": criterion.id, "text": criterion.text, "methods": ", ".join(methods),
            "earned": _points(criterion.earned), "possible": _points(criterion.possible),
            "rule": ("not applicable" if not applicable else
                     f"{criterion.evidence}" + (f" ({split})" if split else "")),
            "interviews": "", "observed": ""}


def _asked_row(question: Any, tally: dict[str, Any] | None, method: str,
               command: str) -> dict[str, Any]:
    """An interview or observation question of `questions_data`, scored from its tally."""
    text = getattr(question, "ask", None) or getattr(question, "look_for", "")
    if tally is None:
        earned, rule = 0.0, f"not gathered yet: {command}"
    else:
        share = question.rule.share(tally["positive"], tally["asked"])
        earned = question.points * share
        rule = (f"{tally['positive']} positive of {tally['asked']} "
                f"({tally['positive'] / tally['asked']:.0%}): {question.rule.text()}")
    return {"id": question.id, "text": text, "methods": method,
            "earned": _points(earned), "possible": _points(question.points), "rule": rule,
            "interviews": "", "observed": ""}


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


def notes_context(wb: WorkbookData, as_of: dt.date, score: Any,
                  planned_interviews: int) -> dict[str, Any]:
    """The working notes: `score` is the `ScoreResult` of `wb` on `as_of`;
    `planned_interviews` the sample size `secor-xl interviews` proposes (0: no roster)."""
    interviews = interview_tally(wb, as_of)
    observations = observation_tally(wb, as_of)
    scored_ids = {c.id for e in score.elements for c in e.criteria}
    path = wb.path.name
    elements = []
    for element in score.elements:
        rows = [_question_row(c) for c in element.criteria]
        rows += [_asked_row(q, interviews.get(q.id.upper()), "interview",
                            f"secor-xl interviews {path} --out DIR")
                 for q in INTERVIEW_QUESTIONS
                 if q.element == element.id and q.id not in scored_ids]
        rows += [_asked_row(q, observations.get(q.id.upper()), "observation",
                            f"secor-xl observe {path} --out DIR")
                 for q in OBSERVATION_QUESTIONS
                 if q.element == element.id and q.id not in scored_ids]
        for row in rows:
            row["interviews"], row["observed"] = _tally_texts(row["id"].upper(), interviews,
                                                              observations)
            if row["id"] in scored_ids and "interview" in row["methods"] \
                    and not row["interviews"]:
                row["interviews"] = "none yet"
        earned = sum(float(r["earned"]) for r in rows)
        possible = sum(float(r["possible"]) for r in rows)
        ids = [r["id"].upper() for r in rows]
        elements.append({
            "id": element.id, "name": ELEMENTS.get(element.id, element.name),
            "earned": _points(round(earned, 1)), "possible": _points(round(possible, 1)),
            "reviewed": reviewed(wb, as_of, element.id), "questions": rows,
            "heard": _element_tally(ids, interviews, "answers", "none yet"),
            "seen": _element_tally(ids, observations, "results", "nothing observed yet")})
    people = wb.frame("Interviews")
    people = people[in_window(people["Date"], as_of)]
    looked = wb.frame("Observations")
    looked = looked[in_window(looked["Date"], as_of)]
    return company_context(wb, as_of) | {
        "elements": elements,
        "interviews": {"planned": planned_interviews,
                       "done": int(keys(people["Interviewee"]).replace("", pd.NA).nunique()),
                       "answers": sum(t["asked"] for t in interviews.values())},
        "observations": {"done": int(keys(looked["Site"]).replace("", pd.NA).nunique()),
                         "results": sum(t["asked"] for t in observations.values())},
        "verdict": "PASS" if score.passed else "FAIL",
        "overall": round(score.overall, 1),
    }


def audit_notes_context(wb: WorkbookData, as_of: dt.date, score: Any) -> dict[str, Any]:
    """`notes_context` with the interviews planned as `secor-xl interviews` proposes them
    and the active sites `secor-xl observe` walks."""
    known = getattr(score, "interviews", None)  # the score's own plan, once it has one
    if isinstance(known, dict) and isinstance(known.get("planned"), int):
        planned = known["planned"]
    else:
        try:
            planned = len(propose_sample(wb, as_of).chosen)
        except UserError:  # no active employee: nobody to interview
            planned = 0
    context = notes_context(wb, as_of, score, planned)
    sites = [s for s in active_sites(wb) if s["site"] != WORKPLACE]
    context["observations"]["sites"] = len(sites) or 1
    context["verdict"] = _verdict(score, context["interviews"], context["observations"])
    return context


def _verdict(score: Any, interviews: dict[str, Any], observations: dict[str, Any]) -> str:
    """The score's verdict, and what is not gathered yet: the auditor uses all three
    methods, so a pass on the records alone is not ready yet."""
    own = getattr(score, "verdict", None)
    base = own if isinstance(own, str) else ("PASS" if score.passed else "FAIL")
    missing = []
    if interviews["planned"] and interviews["done"] == 0:
        missing.append(f"interviews: 0 of {interviews['planned']} done")
    if observations["done"] == 0:
        sites = observations["sites"]
        missing.append(f"observation: 0 of {sites} {'site' if sites == 1 else 'sites'} done")
    if not missing or isinstance(own, str):
        return base
    return f"{base} on what is gathered; not ready yet ({'; '.join(missing)})"
