"""Audit readiness: criteria by element, a points-weighted score, the pass rule, the gaps.

Pure: a `WorkbookData` and an as-of day in, a `ScoreResult` out; no file or
clock access. `docs/scoring.md` lists every criterion with its points and
evidence.
"""

from .criteria import CRITERIA, Criterion, Measure, not_applicable
from .evidence import Evidence
from .gaps import gap_list
from .province import PassRule, pass_rule, province_code
from .readiness import score_workbook
from .results import CriterionResult, ElementResult, Gap, ScoreResult

__all__ = [
    "CRITERIA",
    "Criterion",
    "CriterionResult",
    "ElementResult",
    "Evidence",
    "Gap",
    "Measure",
    "PassRule",
    "ScoreResult",
    "gap_list",
    "not_applicable",
    "pass_rule",
    "province_code",
    "score_workbook",
]
