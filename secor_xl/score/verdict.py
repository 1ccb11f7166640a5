"""The verdict: pass, fail, not ready, not eligible or lapsed, decided in this one function.

Every surface (`score` text and JSON, the readiness report, the portfolio, the `watch`
digest, the Dashboard's `Verdict` cell) renders `Verdict.to_dict()`; none decides again.
The first reason is the one that decides it. In order:

1. LAPSED: a maintenance submission was missed, so there is no certificate to keep
   (`certification.certificate`); the score no longer matters until it is sorted out.
2. NOT ELIGIBLE: more workers than the small-employer program allows
   (`certification.eligibility`): plan for COR instead.
3. FAIL on the law: a representative or committee the law asks for is missing
   (`certification.committee.legal_gap`); no score makes up for it.
4. NOT READY: documentation, interviews or observation not gathered yet. An auditor
   checks each question by all three (R21-01); observation is part of every Alberta audit
   (R21-02), and the auditor interviews a sample of the workers (R21-04, R21-05).
5. FAIL: the pass rule is not met (overall, then each element under the minimum).
6. PASS.

The overall score is always the last reason. The incentive is shown only where the
verdict allows it: not when not eligible (the program does not apply) or lapsed (no
valid certificate); otherwise the estimate of what the certificate is worth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .evidence import plural

PASS, FAIL, NOT_READY = "pass", "fail", "not_ready"
NOT_ELIGIBLE, LAPSED = "not_eligible", "lapsed"
WORDS = {PASS: "PASS", FAIL: "FAIL", NOT_READY: "NOT READY", NOT_ELIGIBLE: "NOT ELIGIBLE",
         LAPSED: "LAPSED"}
NO_INCENTIVE = frozenset({NOT_ELIGIBLE, LAPSED})


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
    """One of `WORDS`' statuses, the reasons (the deciding one first), and what the
    surfaces show beside it: eligibility, the certificate and the incentive (None when the
    verdict withholds it)."""

    status: str
    reasons: tuple[str, ...] = ()
    eligibility: Mapping[str, Any] = field(default_factory=dict)
    certificate: Mapping[str, Any] = field(default_factory=dict)
    incentive: Mapping[str, Any] | None = None

    @property
    def word(self) -> str:
        """PASS, FAIL, NOT READY, NOT ELIGIBLE or LAPSED, as every surface says it."""
        return WORDS[self.status]

    @property
    def headline(self) -> str:
        """The word and the deciding reason: "FAIL: no health and safety representative
        (Alberta OHS Act ss.13-14) for 8 workers"."""
        return f"{self.word}: {self.reasons[0]}" if self.reasons else self.word

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "word": self.word, "headline": self.headline,
                "reasons": list(self.reasons), "eligibility": dict(self.eligibility),
                "certificate": dict(self.certificate),
                "incentive": dict(self.incentive) if self.incentive is not None else None}


def verdict(gathering: Gathering, shortfalls: Sequence[str], overall: float | None = None,
            road: Mapping[str, Any] | None = None) -> Verdict:
    """The verdict from what is gathered, where the pass rule is not met (`shortfalls`,
    empty when it holds), the overall score and the road to the certificate
    (`certification.summary.road_to_secor`: eligibility, certificate, legal gaps,
    incentive)."""
    road = road or {}
    fit = road.get("eligibility") or {}
    certificate = road.get("certificate") or {}
    status, first = _decisive(fit, certificate, road.get("legal_gaps") or [])
    missing = _not_gathered(gathering)
    if status is None:
        status = NOT_READY if missing else FAIL if shortfalls else PASS
    tail = [f"overall {overall:.1f} %"] if overall is not None else []
    reasons = tuple(dict.fromkeys([*first, *missing, *shortfalls, *tail]))
    if status == PASS and overall is not None:
        reasons = (f"overall {overall:.1f} %, every element at or above the minimum",)
    worth = road.get("incentive")
    return Verdict(status, reasons, _eligibility(fit), _certificate(certificate),
                   None if status in NO_INCENTIVE or not worth else dict(worth))


def _decisive(fit: Mapping[str, Any], certificate: Mapping[str, Any],
              legal: Sequence[str]) -> tuple[str | None, list[str]]:
    """The status decided before the score is looked at, and its reasons first."""
    if certificate.get("status") == "lapsed":
        return LAPSED, [certificate["reason"]]
    if fit.get("fits") is False:
        return NOT_ELIGIBLE, [f"{fit['count']} workers at once is more than the "
                              f"small-employer limit of {fit['threshold']}: plan for COR"]
    if legal:
        return FAIL, list(legal)
    return None, []


def _not_gathered(gathering: Gathering) -> list[str]:
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
    return missing


def _eligibility(fit: Mapping[str, Any]) -> dict[str, Any]:
    return {key: fit.get(key) for key in ("count", "threshold", "fits", "roster_count",
                                            "count_12_months") if key in fit}


def _certificate(certificate: Mapping[str, Any]) -> dict[str, Any]:
    return {key: certificate.get(key) for key in ("status", "reason", "year", "due")
            if key in certificate}
