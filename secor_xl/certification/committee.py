"""When the law asks for a health and safety representative or a joint committee.

Element 9 of the 2019 Alberta standard (R13-01, R13-04) is scored, and `check`
warns, only where the province's law asks for one at the number of workers
counted (`eligibility`). Sources are the ids of `docs/research/audit_standard_2019.md`
and `secor_reference.yaml`. A province with no confirmed rule gets none: the element
is not scored and nothing is asked, rather than another province's law.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from ..dates import keys


@dataclass(frozen=True)
class CommitteeRule:
    """Workers from which a representative, and a joint committee, are required.

    Args:
        representative_from: the least workers that need a representative.
        committee_from: the least workers that need a joint committee.
        law: the law's name, with sections where they are confirmed.
        sources: ids of the sources.
        confirmed: False when the province's own rule was not found (Alberta's used).
    """

    representative_from: int
    committee_from: int
    law: str
    sources: tuple[str, ...]
    confirmed: bool = True
    representative_note: str = ""
    """Where a representative is asked only in some workplaces (Saskatchewan)."""

    def needs(self, workers: int) -> str | None:
        """"representative", "committee", or None under the representative floor."""
        if workers >= self.committee_from:
            return "committee"
        if workers >= self.representative_from:
            return "representative"
        return None

    def explain(self, workers: int) -> str:
        """The rule in one sentence, for evidence and findings."""
        reps = (self.representative_note or
                f"a representative at {self.representative_from}-{self.committee_from - 1} "
                "workers")
        base = (f"{reps} and a joint committee at {self.committee_from} or more ({self.law}; "
                f"{', '.join(self.sources)})")
        if not self.confirmed:
            base += "; your province's own rule was not confirmed, so Alberta's is used"
        need = self.needs(workers)
        head = f"With {workers} workers counted, the law asks for " + (
            f"a {'joint committee' if need == 'committee' else 'health and safety representative'}"
            if need else "neither a representative nor a committee")
        return f"{head}: {base}."


ALBERTA = CommitteeRule(5, 20, "Alberta OHS Act ss.13-14", ("R13-08", "R13-09", "L07", "L08"))

RULES: dict[str, CommitteeRule] = {
    "AB": ALBERTA,
    # Workers Compensation Act Part 2 Division 5: committee at 20 or more, a worker
    # representative at more than 9 and fewer than 20 (R13-52, R13-55, R13-56).
    "BC": CommitteeRule(10, 20, "Workers Compensation Act Part 2 Division 5",
                        ("R13-52", "R13-55", "R13-56")),
    # The Workplace Safety and Health Act: a representative at 5-19, a committee at 20
    # or more (R13-68, R13-69, R13-70).
    "MB": CommitteeRule(5, 20, "The Workplace Safety and Health Act ss.40-41",
                        ("R13-68", "R13-69", "R13-70")),
    # The Saskatchewan Employment Act: a committee at 10 or more (s.3-22); under 10, a
    # representative only at the workplaces the Regulations list (s.3-24; R14-28, R14-56).
    "SK": CommitteeRule(10, 10, "The Saskatchewan Employment Act ss.3-22, 3-24",
                        ("R14-28", "R14-29", "R14-56"),
                        representative_note="a representative under 10 workers only at the "
                                            "workplaces the Regulations list"),
}


def serving(reps: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """HS Representatives rows of people designated on or before `day` whose term has not
    ended by then (check's warning and score's element 9 read the same rows)."""
    named = keys(reps["Name"]) != ""
    on = reps["Designated Date"].notna() & (reps["Designated Date"] <= day)
    ended = reps["Term Ends"].notna() & (reps["Term Ends"] < day)
    return reps[named & on & ~ended]


def committee_rule(code: str) -> CommitteeRule | None:
    """The rule of a province code; None where no rule was confirmed."""
    return RULES.get((code or "").strip().upper())


PRESCRIBED_FIELD = "Prescribed Workplace"
"""Saskatchewan's Company field: Yes where the Regulations (Table 7) list the place of
employment, so 5 to 9 workers need a representative (SEA s.3-24; R14-28, R22-01)."""
PRESCRIBED_FROM = 5


def workplace_rule(company: Mapping[str, object]) -> CommitteeRule | None:
    """The rule for this employer: the province's, and in Saskatchewan the Company's
    Prescribed Workplace answer (Yes: a representative from 5 workers; blank: the owner is
    asked to answer it before element 9 is called n/a)."""
    province = str(company.get("Province") or "")
    rule = committee_rule(province)
    if rule is None or rule.representative_from <= PRESCRIBED_FROM or \
            province.strip().upper() != "SK":
        return rule
    answer = str(company.get(PRESCRIBED_FIELD) or "").strip().casefold()
    if answer == "yes":
        return replace(rule, representative_from=PRESCRIBED_FROM, sources=(
            *rule.sources, "R22-01"), representative_note=(
            "a representative at 5-9 workers, the place of employment being a prescribed "
            "one (Company: Prescribed Workplace Yes)"))
    if answer == "no":
        return replace(rule, representative_note=(
            "a representative under 10 workers only at the workplaces the Regulations list, "
            "which yours is not (Company: Prescribed Workplace No)"))
    return replace(rule, representative_note=(
        "a representative at 5-9 workers where the Regulations list the place of employment: "
        "answer Prescribed Workplace on the Company sheet"))


def legal_gap(company: Mapping[str, object], workers: int, reps: pd.DataFrame,
              day: pd.Timestamp) -> str | None:
    """What the law asks for and nobody fills on `day` ("no health and safety
    representative (Alberta OHS Act ss.13-14)"), or None. The verdict's first reason and
    `check`'s error say it in these words."""
    rule = workplace_rule(company)
    need = rule.needs(workers) if rule is not None else None
    if rule is None or need is None or not serving(reps, day).empty:
        return None
    role = "joint health and safety committee" if need == "committee" else \
        "health and safety representative"
    return f"no {role} ({rule.law}) for {workers} workers"


NO_RULE = ("your province's rule on health and safety representatives and committees was "
           "not confirmed, so this element is not scored; ask your certifying partner "
           "whether you need one")
