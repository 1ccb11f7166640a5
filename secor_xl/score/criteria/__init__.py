"""The readiness criteria, one module per element, each criterion with its measure.

Evidence comes from the 12 months up to the as-of day (`dates.in_window`)
unless a criterion says otherwise. Source ids point into
`shared/domain/secor_reference.yaml`; `docs/scoring.md` is the same table in
prose, and a test keeps the two in step.
"""

from __future__ import annotations

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
from .base import ANSWER_POINTS, QUESTIONS, SELF_TEXT, Criterion, Measure, not_applicable

__all__ = ["ANSWER_POINTS", "CRITERIA", "QUESTIONS", "SELF_TEXT", "Criterion", "Measure",
           "not_applicable"]

CRITERIA: tuple[Criterion, ...] = (
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
