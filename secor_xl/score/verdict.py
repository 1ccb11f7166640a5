"""The verdict of `score`: pass, fail, or not ready yet, decided in this one function.

An auditor checks each question by documentation, interviews and observation
(R21-01); observation is part of every Alberta audit (R21-02), and the auditor
interviews a sample of the workers (R21-04, R21-05). A score read from the
records alone says nothing about what the interviews and the walk-around will
find, so PASS needs all three gathered, the planned interviews done and every
active site observed, and then the pass rule met. Until then the verdict is
"not ready yet", and its first reasons name what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .evidence import plural

PASS, FAIL, NOT_READY = "pass", "fail", "not_ready"
WORDS = {PASS: "PASS", FAIL: "FAIL", NOT_READY: "NOT READY YET"}


@dataclass(frozen=True)
class Gathering:
    """How far the interviews and the walk-arounds have got, and what is still open.

    Args:
        interviews_planned: people to interview (`questions_data.sample_size` of the
            active employees, at least 1).
        interviews_done: distinct interviewees with a Positive or Negative answer in the
            window.
        sites: active Work Sites to observe (1, the workplace, when none is listed).
        sites_done: those with an Observations row in the window.
        interview_open: interview questions that apply and have no answer yet.
        observation_open: observation questions that apply and were not looked at yet.
        documentation: True when the records earn any points at all.
    """

    interviews_planned: int = 0
    interviews_done: int = 0
    sites: int = 0
    sites_done: int = 0
    interview_open: int = 0
    observation_open: int = 0
    documentation: bool = True

    def interviews(self) -> dict[str, int]:
        return {"planned": self.interviews_planned, "done": self.interviews_done,
                "questions_not_gathered": self.interview_open}

    def observations(self) -> dict[str, int]:
        return {"sites": self.sites, "done": self.sites_done,
                "questions_not_gathered": self.observation_open}


@dataclass(frozen=True)
class Verdict:
    """"pass", "fail" or "not_ready", with the reasons, what is missing first."""

    status: str
    reasons: tuple[str, ...] = ()

    @property
    def word(self) -> str:
        """PASS, FAIL or NOT READY YET, as the text output says it."""
        return WORDS[self.status]

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "reasons": list(self.reasons)}


def verdict(gathering: Gathering, shortfalls: Sequence[str]) -> Verdict:
    """The verdict from what is gathered and where the pass rule is not met (`shortfalls`,
    empty when it holds)."""
    missing = []
    if gathering.interviews_done < gathering.interviews_planned:
        missing.append(f"interviews: {gathering.interviews_done} of "
                       f"{gathering.interviews_planned} done")
    elif gathering.interview_open:
        missing.append(f"interviews: {plural(gathering.interview_open, 'question')} "
                       "not asked of anyone yet")
    if gathering.sites_done < gathering.sites:
        missing.append(f"observations: {gathering.sites_done} of "
                       f"{plural(gathering.sites, 'site')}")
    elif gathering.observation_open:
        missing.append(f"observations: {plural(gathering.observation_open, 'question')} "
                       "not looked at yet")
    if not gathering.documentation:
        missing.append("documentation: no record earns a point yet")
    if missing:
        return Verdict(NOT_READY, (*missing, *shortfalls))
    if shortfalls:
        return Verdict(FAIL, tuple(shortfalls))
    return Verdict(PASS)
