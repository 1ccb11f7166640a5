"""The readiness criteria, one module per element, each criterion with its measure.

Evidence comes from the 12 months up to the as-of day (`dates.in_window`)
unless a criterion says otherwise. Source ids point into
`shared/domain/secor_reference.yaml`; `docs/scoring.md` is the same table in
prose, and a test keeps the two in step.
"""

from __future__ import annotations

from ...schema import ELEMENTS
from ..results import METHODS
from . import (
    committee,
    communication,
    contractors,
    emergency,
    hazard_assessment,
    hazard_control,
    incidents,
    inspections,
    leadership,
    training,
)
from .base import QUESTIONS, SELF_TEXT, Criterion, Measure, not_applicable
from .questions import question_criteria

__all__ = [
    "CRITERIA",
    "METHODS",
    "QUESTIONS",
    "SELF_TEXT",
    "Criterion",
    "Measure",
    "not_applicable",
]

RECORDS: tuple[Criterion, ...] = (
    *leadership.CRITERIA,
    *hazard_assessment.CRITERIA,
    *hazard_control.CRITERIA,
    *inspections.CRITERIA,
    *training.CRITERIA,
    *emergency.CRITERIA,
    *incidents.CRITERIA,
    *communication.CRITERIA,
    *committee.CRITERIA,
    *contractors.CRITERIA,
)
"""The documentation criteria (and the Self-Assessment), one module per element."""

CRITERIA: tuple[Criterion, ...] = tuple(
    c for element in ELEMENTS
    for c in (*(r for r in RECORDS if r.element == element), *question_criteria(element)))
"""Every criterion, element by element: its records, its Self-Assessment, then its
interview and observation questions (`questions.py`)."""
