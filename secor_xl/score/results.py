"""The result objects of a readiness score and their JSON form (`score --format json`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .province import PassRule
from .verdict import Gathering, Verdict, verdict

METHODS = ("documentation", "interview", "observation")
"""The auditor's three techniques (R21-01), in the order `score` reports them."""

ROUND = 1  # decimals of every number in the JSON; `passed` uses the unrounded values
PASS_TOLERANCE = 1e-9  # float noise only: 79.96 still fails an 80 rule


def rounded(value: float) -> float:
    """A number as the JSON shows it: a float with one decimal."""
    return round(float(value), ROUND)


@dataclass(frozen=True)
class Gap:
    """Points a criterion leaves on the table, and what to add or fix to earn them."""

    element: int
    criterion: str
    points: float
    action: str

    def to_dict(self) -> dict[str, Any]:
        return {"element": self.element, "criterion": self.criterion,
                "points": rounded(self.points), "action": self.action}


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's outcome: points earned of possible (0 possible when n/a)."""

    id: str
    element: int
    text: str
    earned: float
    possible: float
    evidence: str
    action: str | None = None
    applicable: bool = True
    self_declared: bool = False
    methods: tuple[str, ...] = ("documentation",)
    gathered: bool = True

    def by_method(self) -> dict[str, tuple[float, float]]:
        """(earned, possible) per method; a criterion of several methods shares its points
        equally among them. None for the Self-Assessment."""
        n = len(self.methods)
        return {m: (self.earned / n, self.possible / n) for m in self.methods}

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "earned": rounded(self.earned),
                "possible": rounded(self.possible), "evidence": self.evidence,
                "methods": list(self.methods),
                "points_by_method": {m: {"earned": rounded(e), "possible": rounded(p)}
                                     for m, (e, p) in self.by_method().items()}}


@dataclass(frozen=True)
class ElementResult:
    """One element: its criteria and their sums."""

    id: int
    name: str
    criteria: tuple[CriterionResult, ...]

    @property
    def earned(self) -> float:
        return sum(c.earned for c in self.criteria)

    @property
    def possible(self) -> float:
        return sum(c.possible for c in self.criteria)

    @property
    def score(self) -> float:
        """earned / possible x 100; 0 when nothing is possible."""
        return 100 * self.earned / self.possible if self.possible else 0.0

    @property
    def applicable(self) -> bool:
        """False when every criterion is n/a (element 9 under the province's floor): the
        element then counts neither in the overall nor in the element minimum."""
        return self.possible > 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "score": rounded(self.score),
                "earned": rounded(self.earned), "possible": rounded(self.possible),
                "applicable": self.applicable,
                "criteria": [c.to_dict() for c in self.criteria]}


@dataclass(frozen=True)
class ScoreResult:
    """A workbook's readiness on one day, by element, with the pass rule and the gaps.

    Overall is points-weighted: total earned / total possible x 100, as the
    audit tools add question points (S23); see `docs/scoring.md`.
    """

    as_of: str
    province: str
    rule: PassRule
    elements: tuple[ElementResult, ...]
    gaps: tuple[Gap, ...] = ()
    notes: tuple[str, ...] = field(default=())
    road: dict[str, Any] = field(default_factory=dict)  # certification/summary.py
    gathering: Gathering = field(default_factory=Gathering)

    @property
    def earned(self) -> float:
        return sum(e.earned for e in self.elements)

    @property
    def possible(self) -> float:
        return sum(e.possible for e in self.elements)

    @property
    def overall(self) -> float:
        return 100 * self.earned / self.possible if self.possible else 0.0

    @property
    def shortfalls(self) -> list[str]:
        """Where the pass rule is not met, on unrounded values: the overall, then each
        applicable element under the minimum; empty when the rule holds."""
        found = []
        if self.overall + PASS_TOLERANCE < self.rule.overall_min:
            found.append(f"overall {self.overall:.1f} % is under {self.rule.overall_min:g} %")
        found += [f"element {e.id} {e.name} {e.score:.1f} % is under "
                  f"{self.rule.element_min:g} %" for e in self.elements
                  if e.applicable and e.score + PASS_TOLERANCE < self.rule.element_min]
        return found

    @property
    def rule_met(self) -> bool:
        """Overall and every applicable element at or above the rule, on unrounded values."""
        return not self.shortfalls

    @property
    def verdict(self) -> Verdict:
        """`verdict.verdict`, the one verdict every surface renders."""
        return verdict(self.gathering, self.shortfalls, self.overall, self.road)

    @property
    def passed(self) -> bool:
        """The verdict is pass: the rule holds and documentation, interviews and
        observation are all gathered."""
        return self.verdict.status == "pass"

    def _road(self, decided: Verdict) -> dict[str, Any]:
        """The road with the incentive the verdict allows (a withheld one says why)."""
        if decided.incentive is not None or not self.road:
            return self.road
        return {**self.road, "incentive": {
            "low": None, "high": None, "source_ids": [], "confidence": "high",
            "text": f"No incentive: {decided.word}, {decided.reasons[0]}."}}

    def points_by_method(self) -> dict[str, tuple[float, float]]:
        """(earned, possible) of all criteria per method, every method listed."""
        totals = {m: (0.0, 0.0) for m in METHODS}
        for e in self.elements:
            for c in e.criteria:
                for m, (earned, possible) in c.by_method().items():
                    totals[m] = (totals[m][0] + earned, totals[m][1] + possible)
        return totals

    @property
    def self_declared(self) -> float:
        """Points earned on Self-Assessment answers: 0 since they earn nothing on their own
        (R21-03); the key stays in the JSON for the tools that read it."""
        return sum(c.earned for e in self.elements for c in e.criteria if c.self_declared)

    @property
    def self_declared_share(self) -> float:
        """The part of the earned points that rests on self-declared answers, 0 to 100."""
        return 100 * self.self_declared / self.earned if self.earned else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The `score --format json` document (architecture.md), plus `notes`."""
        decided = self.verdict
        return {
            "as_of": self.as_of,
            "province": self.province,
            "overall": rounded(self.overall),
            "passed": decided.status == "pass",
            "verdict": decided.to_dict(),
            "rule": {"overall_min": rounded(self.rule.overall_min),
                     "element_min": rounded(self.rule.element_min)},
            "points_by_method": {m: {"earned": rounded(e), "possible": rounded(p)}
                                 for m, (e, p) in self.points_by_method().items()},
            "interviews": self.gathering.interviews(),
            "observations": self.gathering.observations(),
            "self_declared": {"earned": rounded(self.self_declared),
                              "share_of_earned": rounded(self.self_declared_share)},
            "elements": [e.to_dict() for e in self.elements],
            "gaps": [g.to_dict() for g in self.gaps],
            "notes": list(self.notes),
            **({"road": self._road(decided)} if self.road else {}),
        }
