"""The audit working notes: per element and question, how it was verified and what it earned.

An auditor's notes must let a quality-assurance reviewer confirm the system
from them: for each question, the method (documentation, interview,
observation), what was reviewed (counts, date range, rows and record IDs), the
interview tally without names, what was observed at which sites, and the points
with the rule that gave them. The owner copies these into the partner's tool.

The points, methods and verdict are the score's; the tallies are read here from
the Interviews and Observations sheets (every Positive and Negative row in the
12-month window, by Question ID), so the notes show all that was heard and seen
where the score keeps, per site, the latest observation. The tallies name every
row, as ranges, since the score's own evidence cuts its row list after a few;
the records reviewed are `reviewed`'s. Sites are told apart by name, and joined
with semicolons: a site's name may hold a comma.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..dates import in_window, keys
from ..questions_data import (
    INTERVIEW_QUESTIONS,
    OBSERVATION_QUESTIONS,
    QUESTIONS_BY_ID,
    ROLES,
    ObservationQuestion,
)
from ..reader.read import ROW, WorkbookData
from ..schema import ELEMENTS
from ..score import ScoreResult
from ..score.evidence import Evidence
from .context import company_context
from .reviewed import reviewed, row_ranges

ROWS = re.compile(r"(?:Interviews|Observations) rows? \d+(?:(?:, | and )\d+)*(?: more)?")
"""The score's row list (cut after a few rows): the notes list every row in the tallies."""
RULE = re.compile(r"; rule: [^.]*\.")
"""The score's rule sentence: the notes say each question's rule in plain words."""
ROUNDED = ("the share of positive {of} rounded down to a tenth (5 of 6 = 83 % counts as "
           "80 %), times the points")


def plain_rule(qid: str) -> str:
    """An interview or observation question's scoring rule in plain words ("" for another)."""
    q = QUESTIONS_BY_ID.get(qid.upper())
    if q is None:
        return ""
    observed = isinstance(q, ObservationQuestion)
    if q.rule.kind == "range":
        return "range: " + ROUNDED.format(of="sites" if observed else "answers")
    if q.rule.threshold >= 1:
        return ("all or nothing: every site positive" if observed
                else "all or nothing: every answer positive")
    return (f"all or nothing: all the points when {q.rule.threshold:.0%} or more of the "
            f"{'sites' if observed else 'answers'} are positive, else none")


def _element_has(questions: Iterable[Any]) -> set[int]:
    return {q.element for q in questions}


INTERVIEWED = _element_has(INTERVIEW_QUESTIONS)
OBSERVED = _element_has(OBSERVATION_QUESTIONS)
"""The elements with an interview question, and with an observation question."""


def interview_tally(wb: WorkbookData, as_of: dt.date) -> dict[str, dict[str, Any]]:
    """Per Question ID: the answers the score counts (in the window, Positive or Negative, by
    someone on Employees or Contractors and Visitors), by role, and every row they are on;
    no names."""
    asked = Evidence(wb, as_of).interview_answers  # the answers the score counts
    out: dict[str, dict[str, Any]] = {}
    if asked.empty:
        return out
    table = pd.DataFrame({"q": asked["question"], "role": keys(asked["Role"]),
                          "pos": asked["positive"], "row": asked[ROW]})
    for q, group in table.groupby("q", sort=False):
        by_role = []
        for name in ROLES:
            mine = group[group["role"] == name.upper()]
            if len(mine):
                by_role.append(f"{name.lower()}s {int(mine['pos'].sum())} of {len(mine)}")
        out[str(q)] = {"positive": int(group["pos"].sum()), "asked": len(group),
                       "by_role": ", ".join(by_role),
                       "rows": row_ranges(group["row"].astype(int))}
    return out


def observation_tally(wb: WorkbookData, as_of: dt.date) -> dict[str, dict[str, Any]]:
    """Per Question ID: positive and negative results in the window, the sites, every row,
    and what was seen where it was negative."""
    frame = wb.frame("Observations")
    frame = frame[in_window(frame["Date"], as_of)]
    result = keys(frame["Result"])
    frame = frame[result.isin(("POSITIVE", "NEGATIVE"))]
    out: dict[str, dict[str, Any]] = {}
    for q, group in frame.groupby(keys(frame["Question ID"]), sort=False):
        positive = keys(group["Result"]) == "POSITIVE"
        sites: dict[str, str] = {}
        for site in group["Site"].dropna():
            sites.setdefault(str(site).strip().casefold(), str(site).strip())
        sites.pop("", None)
        seen = [str(s).strip() for s in group.loc[~positive, "What Was Seen"].dropna()][:3]
        out[str(q)] = {"positive": int(positive.sum()), "asked": len(group),
                       "sites": sites, "rows": row_ranges(group[ROW].astype(int)),
                       "negative_seen": "; ".join(seen)}
    return out


def _points(value: float) -> str:
    return f"{round(float(value), 1):g}"


def _without_row_list(evidence: str) -> str:
    """The score's evidence without its (cut) row list and its rule sentence: the notes give
    every row in the tally and the rule in plain words."""
    evidence = re.sub(", " + ROWS.pattern, "", evidence)
    evidence = re.sub(r" \(" + ROWS.pattern + r"\)", "", evidence)
    return RULE.sub(".", evidence)


def _question_row(criterion: Any, commands: dict[str, str]) -> dict[str, Any]:
    """A scored criterion (a question) as a line of the notes: its methods, points, the
    evidence that gave them and its rule; one not gathered yet names the command that
    gathers it."""
    methods = tuple(criterion.methods)
    plain = plain_rule(criterion.id)
    rule = criterion.evidence if criterion.applicable else "not applicable"
    if plain and criterion.applicable:
        rule = _without_row_list(rule)
    if len(methods) > 1:
        rule += " (" + "; ".join(f"{m} {_points(e)} of {_points(p)}"
                                 for m, (e, p) in criterion.by_method().items()) + ")"
    gather = [commands[m] for m in methods if m in commands]
    if not criterion.gathered and gather:
        rule += f" Gather it: {gather[0]}."
    return {"id": criterion.id, "text": criterion.text,
            "methods": ", ".join(methods) or "self-assessment",
            "earned": _points(criterion.earned), "possible": _points(criterion.possible),
            "rule": rule, "plain_rule": plain[:1].upper() + plain[1:],
            "interviews": "", "observed": ""}


def _sites_text(sites: dict[str, str]) -> str:
    """Site names joined with semicolons: a name may hold a comma ("Lot 14, Airdrie")."""
    return "; ".join(sites.values())


def _tally_texts(qid: str, interviews: dict[str, dict[str, Any]],
                 observations: dict[str, dict[str, Any]]) -> tuple[str, str]:
    i, o = interviews.get(qid), observations.get(qid)
    heard = (f"{i['positive']} positive of {i['asked']} ({i['by_role']}); Interviews "
             f"{'row' if i['asked'] == 1 else 'rows'} {i['rows']}" if i else "")
    seen = ""
    if o:
        seen = (f"{o['positive']} positive, {o['asked'] - o['positive']} negative at "
                f"{_sites_text(o['sites'])} (Observations "
                f"{'row' if o['asked'] == 1 else 'rows'} {o['rows']})")
        if o["negative_seen"]:
            seen += f"; seen: {o['negative_seen']}"
    return heard, seen


def _element_tally(ids: list[str], tallies: dict[str, dict[str, Any]], noun: str,
                   otherwise: str) -> str:
    """An element's interview or observation tally: "5 answers, 4 positive (I6.1, I6.2)",
    "4 results at 4 sites, 4 positive (O1.1)" (sites counted once, by name)."""
    mine = [q for q in ids if q in tallies]
    if not mine:
        return otherwise
    asked = sum(tallies[q]["asked"] for q in mine)
    positive = sum(tallies[q]["positive"] for q in mine)
    sites = {k for q in mine for k in tallies[q].get("sites", {})}
    where = f" at {len(sites)} site{'s' if len(sites) != 1 else ''}" if sites else ""
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
            "heard": _element_tally(ids, interviews, "answers", "none yet" if element.id in
                                    INTERVIEWED else "no interview question in this element"),
            "seen": _element_tally(ids, observations, "results", "nothing observed yet" if
                                   element.id in OBSERVED else
                                   "no observation question in this element")})
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
