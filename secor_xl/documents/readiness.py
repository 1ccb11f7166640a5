"""The readiness report's words: the score as plain advice, its sources in the appendix.

`score_workbook` explains every figure for the engineer (source ids, confidence,
where sources disagree). The report's body tells the owner what the figures mean
and what to do; everything about where a figure comes from goes to the appendix
("Where these rules come from"), row by row.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ..certification.incentive import rule_text
from ..certification.law_data import law
from ..certification.provinces import province
from ..score.criteria import CRITERIA
from ..score.province import pass_rule, province_code
from .appendix import LEVELS, Rule, appendix, ids_in, law_rules, plain, plain_and_remarks, rated
from .sources_data import SOURCES

_BY_ID = {c.id: c for c in CRITERIA}
# Alberta's law among a criterion's sources (the criteria follow Alberta's 2019 standard):
# not shown in another province's report, which cites that province's own law only
_ALBERTA_LAW = re.compile(r"Alberta (OHS|Fire Code|HS committees|joint work site)"
                          r"|Government of Alberta|WCB-Alberta")


def _alberta_law(source_id: str) -> bool:
    return bool(_ALBERTA_LAW.search(SOURCES.get(source_id, ("", "", ""))[0]))


def plain_score(score: dict[str, Any], province: str = "AB"
                ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A copy of `score` whose criteria, evidence and notes read as advice, and the
    criteria's rows for the appendix (id, what, sources, confidence, note).

    `province`: the Company's province code; outside Alberta, Alberta's law is left out
    of the criteria's sources (the row is marked `alberta_left_out`; the appendix says so
    once, `ALBERTA_LEFT_OUT`)."""
    shown = copy.deepcopy(score)
    rows: list[dict[str, Any]] = []
    for element in shown["elements"]:
        for criterion in element["criteria"]:
            text, remarks = plain_and_remarks(criterion["text"])
            criterion["text"] = text
            criterion["evidence"] = plain(criterion["evidence"])
            found = _BY_ID.get(criterion["id"])
            sources = list(found.sources) if found else []
            confidence = _criterion_confidence(remarks, sources)
            left_out = province != "AB" and any(_alberta_law(s) for s in sources)
            if left_out:
                sources = [s for s in sources if not _alberta_law(s)]
            rows.append({"id": criterion["id"], "text": text,
                         "sources": ", ".join(sources) or "none",
                         "confidence": confidence, "note": "; ".join(remarks),
                         "alberta_left_out": left_out})
    shown["notes"] = [plain(note) for note in shown["notes"]]
    shown["gaps"] = [g | {"action": plain(g["action"])} for g in shown["gaps"]]
    for step in shown["road"].get("next_steps", []):
        step["rule"] = plain(step.get("rule") or "")
    return shown, rows


def _criterion_confidence(remarks: list[str], sources: list[str]) -> str:
    """What the criterion says of itself ("low confidence", "good practice"), else the
    lowest confidence the reference gives its sources, else high (a published tool)."""
    said = " ".join(remarks).lower()
    for level in LEVELS:
        if f"{level} confidence" in said:
            return level
    if "good practice" in said:
        return "low"
    return rated(sources) or "high"


def eligibility_notes(company: dict[str, Any], road: dict[str, Any]) -> list[str]:
    """How the workers were counted and what to do about it, in plain sentences."""
    fits = road["eligibility"]
    info = province(province_code(company.get("Province")))
    notes = []
    roster, counted, on_company = fits["roster_count"], fits["count"], fits["company_count"]
    if on_company is not None and on_company > roster:
        notes.append(f"The count is the Number of Workers on the Company sheet ({on_company}), "
                     f"which is more than the {roster} people counted on the Employees sheet.")
    else:
        told = (f"; the Company sheet's Number of Workers says {on_company}"
                if on_company is not None else "")
        notes.append(f"The count is {counted} from the Employees sheet{told}.")
    notes.append("Counted: the most people employed on one day in the last 12 months, from "
                 "each Start Date to the End Date. An inactive worker with no End Date who "
                 "started in those 12 months is counted up to today; one who started earlier "
                 "is taken to have left before them.")
    if fits.get("count_12_months", 0) > roster:
        notes.append(f"{fits['count_12_months']} people worked for the company at some time "
                     "in the 12 months; the limit counts those employed at the same time.")
    left_out = int(fits["not_counted"] or 0)
    if left_out:
        who = "worker who started earlier was" if left_out == 1 else \
            "workers who started earlier were"
        notes.append(f"{left_out} inactive {who} not counted: count them if they worked for "
                     "the company at any time in the last 12 months.")
    override = company.get("Worker Threshold Override")
    if fits["threshold"] is None:
        notes.append("No small-employer limit is known for this province: ask your "
                     "certifying partner whether the company fits its program.")
    elif isinstance(override, int | float) and not isinstance(override, bool):
        notes.append(f"The limit of {fits['threshold']} is the one typed on the Company sheet "
                     f"(Worker Threshold Override); {info.name}'s usual limit is "
                     f"{info.threshold.max_employees}.")
    else:
        notes.append(f"{info.name}'s limit: {plain(info.threshold.rule)}")
        if any("threshold" in d.topic.lower() for d in info.disagreements):
            notes.append("Certifying partners do not all state this limit the same way: if "
                         "yours gives another figure, type it as Worker Threshold Override on "
                         "the Company sheet.")
    return notes


def readiness_rules(company: dict[str, Any], score: dict[str, Any],
                    late: list[dict[str, Any]]) -> list[Rule]:
    """The appendix rows of the readiness report: the figures it uses and their sources."""
    code = province_code(company.get("Province"))
    info = province(code)
    road = score["road"]
    fits, cycle, worth = road["eligibility"], road["cycle"], road["incentive"]
    rules = []

    passing = pass_rule(code)
    rules.append(Rule("Pass mark", f"{passing.overall_min:g} % overall and "
                      f"{passing.element_min:g} % in every element"
                      + (" (assumed: not published for this province)" if passing.note else ""),
                      list(passing.sources or ids_in(passing.note or "")),
                      info.pass_rule.confidence if passing.sources else "low"))

    limit = (f"{fits['threshold']}: {info.threshold.rule}" if fits["threshold"] is not None
             and fits["threshold"] == info.threshold.max_employees
             else f"{fits['threshold']} (typed on the Company sheet)"
             if fits["threshold"] is not None else "none known")
    others = []
    for d in info.disagreements:
        if "threshold" in d.topic.lower():
            others += [f"Used: {d.used}."] + [f"Also said: {o}." for o in d.others]
    rules.append(Rule("Small-employer limit (workers)", limit, fits["source_ids"],
                      fits["confidence"], others))

    known = [f.text for f in (info.term, info.maintenance) if f.source_ids]
    rules.append(Rule("Certificate cycle and due dates",
                      " ".join(known) or "Not found for this province: the usual SECOR cycle "
                      "is assumed (a certificate for three years, with a yearly submission in "
                      "between).",
                      list(dict.fromkeys([*cycle["source_ids"],
                                          *(s for step in road["next_steps"]
                                            for s in step["source_ids"])])),
                      cycle["confidence"]))

    others = []
    for d in info.disagreements:
        if any(word in d.topic.lower() for word in ("incentive", "refund")):
            others += [f"Used: {d.used}."] + [f"Also said: {o}." for o in d.others]
    rules.append(Rule("What the certificate is worth", rule_text(code) or info.incentive.text,
                      worth["source_ids"] or info.incentive.source_ids, worth["confidence"],
                      others))

    rules += law_rules(law(code), reporting=any(
        f["code"] in ("late.wcb_report", "missing.wcb_report") for f in late))
    return rules


def readiness_appendix(company: dict[str, Any], score: dict[str, Any],
                       late: list[dict[str, Any]], criteria: list[dict[str, Any]]
                       ) -> dict[str, Any]:
    found = appendix(readiness_rules(company, score, late), criteria)
    marked = [c["id"] for c in criteria if c.get("alberta_left_out")]
    found["criteria_note"] = ALBERTA_LEFT_OUT.format(
        which=f"Criterion {marked[0]} also follows" if len(marked) == 1
        else f"Criteria {_listed(marked)} also follow") if marked else ""
    return found


ALBERTA_LEFT_OUT = ("{which} Alberta's law, which is left out of the sources here: your "
                    "province's own law applies.")


def _listed(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"
