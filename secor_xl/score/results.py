"""The result objects of a readiness score and their JSON form (`score --format json`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .province import PassRule

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

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "earned": rounded(self.earned),
                "possible": rounded(self.possible), "evidence": self.evidence}


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
    def passed(self) -> bool:
        """Overall and every applicable element at or above the rule, on unrounded values."""
        return (self.overall + PASS_TOLERANCE >= self.rule.overall_min
                and all(e.score + PASS_TOLERANCE >= self.rule.element_min
                        for e in self.elements if e.applicable))

    @property
    def self_declared(self) -> float:
        """Points earned on Self-Assessment answers (with evidence), not on records."""
        return sum(c.earned for e in self.elements for c in e.criteria if c.self_declared)

    @property
    def self_declared_share(self) -> float:
        """The part of the earned points that rests on self-declared answers, 0 to 100."""
        return 100 * self.self_declared / self.earned if self.earned else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The `score --format json` document (architecture.md), plus `notes`."""
        return {
            "as_of": self.as_of,
            "province": self.province,
            "overall": rounded(self.overall),
            "passed": self.passed,
            "rule": {"overall_min": rounded(self.rule.overall_min),
                     "element_min": rounded(self.rule.element_min)},
            "self_declared": {"earned": rounded(self.self_declared),
                              "share_of_earned": rounded(self.self_declared_share)},
            "elements": [e.to_dict() for e in self.elements],
            "gaps": [g.to_dict() for g in self.gaps],
            "notes": list(self.notes),
            **({"road": self.road} if self.road else {}),
        }
