"""Plain advice in the body, the sources at the back: "Where these rules come from".

The engine's sentences carry their evidence for the engineer and the auditor
("Threshold 10 (S01, S08; high)", "(good practice: no source sets the cadence)").
An owner reading a document wants the advice; a consultant checking it wants the
sources. `plain` takes the source ids and confidence remarks out of a sentence;
the appendix rows (`Rule`) keep them, with what each source is (`sources_data`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..certification.law_data import Law
from .sources_data import SOURCES

TITLE = "Where these rules come from"
LEVELS = ("high", "medium", "low")

_ID = r"(?:[SLBKMOATE]\d{2}|R1\d-\d{2})"
SOURCE_ID = re.compile(rf"\b{_ID}\b")
_IDS = rf"{_ID}(?:\s*(?:,|and)\s*{_ID})*"
# "(S24, S11, S22)", "(sources: S01, S08; confidence high)", "(B19; low)", "(O03, medium)"
_ONLY_IDS = re.compile(rf"\s*\((?:sources?:\s*)?{_IDS}(?:\s*[;,]\s*(?:confidence\s+)?"
                       rf"(?:high|medium|low)\b[^()]*)?\)")
# "(Alberta OHS Act ss.13-14; R13-08, R13-09)": the law stays, the ids go
_TRAILING_IDS = re.compile(rf"\s*[;,]\s*{_IDS}(?:\s*[;,]\s*(?:high|medium|low))?(?=\))")
_INNER = re.compile(r"\s*\(([^()]*)\)")
# parts of a parenthetical that are notes about the evidence, not advice
_REMARK = re.compile(r"confidence|good practice|no source|\bsources?\b|superseded|unverified"
                     r"|not verified", re.IGNORECASE)
_ONLY = re.compile(rf"{_IDS}(?:\s*[;,]?\s*(?:high|medium|low))?")
# the engine's word for the domain file, which an owner has never seen
_JARGON = ((re.compile(r"\b(in|from) the reference\b"), r"\1 the sources secor-xl uses"),)


def plain(text: str) -> str:
    """`text` without source ids and confidence remarks, for the body of a document."""
    return plain_and_remarks(text)[0]


def plain_and_remarks(text: str) -> tuple[str, list[str]]:
    """(`text` made plain, the remarks taken out of it: "good practice: ...")."""
    remarks: list[str] = []
    text = _ONLY_IDS.sub("", text)
    text = _TRAILING_IDS.sub("", text)

    def parenthetical(match: re.Match[str]) -> str:
        parts = [p.strip() for p in match[1].split(";") if not _ONLY.fullmatch(p.strip())]
        kept = [p for p in parts if not _REMARK.search(p)]
        remarks.extend(p for p in parts if _REMARK.search(p))
        return f" ({'; '.join(kept)})" if kept else ""

    text = unjargon(_INNER.sub(parenthetical, text))
    text = re.sub(r"\s{2,}", " ", text)
    text = re.sub(r"\s+([.,;:)])", r"\1", text).strip()
    return text, remarks


def unjargon(text: str) -> str:
    """`text` in the owner's words ("the reference" is the engine's name for its sources)."""
    for pattern, words in _JARGON:
        text = pattern.sub(words, text)
    return text


def ids_in(text: str) -> list[str]:
    """The source ids a sentence cites, in order, once each."""
    return list(dict.fromkeys(SOURCE_ID.findall(text)))


def rated(ids: Iterable[str]) -> str | None:
    """The lowest confidence the reference gives any of `ids` itself, if it rates one."""
    levels = [SOURCES[i][2] for i in ids if i in SOURCES and SOURCES[i][2] in LEVELS]
    return max(levels, key=LEVELS.index) if levels else None


@dataclass
class Rule:
    """One row of the appendix: a figure or rule the document uses, and where from."""

    topic: str
    used: str
    sources: Sequence[str]
    confidence: str
    others: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"topic": self.topic, "used": unjargon(self.used),
                "sources": ", ".join(self.sources) or "none found",
                "confidence": self.confidence, "others": [unjargon(o) for o in self.others]}


def law_rules(rules: Law, *, cited: bool = True, reporting: bool = True) -> list[Rule]:
    """The province's law as the document cites it (`cited`), and its report deadlines
    (`reporting`)."""
    if not rules.researched:
        return []
    found = []
    if cited:
        found.append(Rule("The law cited",
                          f"{rules.instruments[:1].upper()}{rules.instruments[1:]}",
                          rules.sources, rated(rules.sources) or "high"))
    if reporting and rules.wcb is not None:
        found.append(Rule("Reporting an injury to WCB", rules.wcb.rule, rules.wcb.sources,
                          rated(rules.wcb.sources) or "high"))
    if reporting and rules.serious:
        found.append(Rule("Reporting a serious injury or incident",
                          f"Report {rules.serious}.", rules.sources,
                          rated(rules.sources) or "high"))
    return found


_ORDER: dict[str, tuple[int, str]] = {i: (n, i) for n, i in enumerate(SOURCES)}


def _order(source_id: str) -> tuple[int, str]:
    """The order of the list of sources (by letter and number); ids it lacks at the end."""
    return _ORDER.get(source_id, (len(_ORDER), source_id))


def appendix(rules: Sequence[Rule], criteria: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """The appendix's context: the rules, the criteria's sources, and every source cited
    with what it is (the ids in `others` too)."""
    cited: list[str] = []
    for rule in rules:
        cited += list(rule.sources)
        for other in rule.others:
            cited += ids_in(other)
    for criterion in criteria:
        cited += ids_in(criterion["sources"])
    listed = []
    for source_id in sorted(dict.fromkeys(cited), key=_order):
        title, kind, _level = SOURCES.get(source_id, ("not in this version's list of sources",
                                                      "", ""))
        listed.append({"id": source_id, "what": title, "kind": kind})
    return {"title": TITLE, "rules": [r.to_dict() for r in rules], "criteria": list(criteria),
            "sources": listed}
