"""The gap list: every criterion short of its points, the biggest first.

The `Gap` record itself is a result (`results.py`), so results never import this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .results import CriterionResult, Gap


def gap_list(criteria: Iterable[CriterionResult]) -> list[Gap]:
    """Criteria with earned < possible, by points missed (ties: element, criterion id)."""
    gaps = [Gap(c.element, c.id, c.possible - c.earned,
                c.action or f"Gather the evidence for: {c.text}.")
            for c in criteria if c.earned < c.possible]
    return sorted(gaps, key=lambda g: (-g.points, g.element, _id_key(g.criterion)))


def _id_key(criterion_id: str) -> tuple[int, ...]:
    """'4.10' after '4.9': ids compare by their numbers; in one element the records come
    first, then the interview questions ("I4.1"), then the observation ones ("O4.1")."""
    method = {"I": 1, "O": 2}.get(criterion_id[:1], 0)
    return (method, *(int(n) for n in re.findall(r"\d+", criterion_id)))
