"""The pass rule of each province's small-employer certification, from the domain file.

Alberta, British Columbia and Manitoba publish the same SECOR rule: at least
80 % overall and at least 50 % in every element (`provinces[].scoring` in
`secor_reference.yaml`). Elsewhere the rule is not published in the
reference, so the same 80/50 is assumed and the result carries a note saying so.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..cells import match_key
from ..schema import PROVINCES


@dataclass(frozen=True)
class PassRule:
    """Pass = overall >= `overall_min` and every element >= `element_min` (percent).

    Args:
        overall_min, element_min: the thresholds, in percent.
        sources: ids in `secor_reference.yaml` that state the rule.
        note: set when the rule is assumed rather than published.
    """

    overall_min: float
    element_min: float
    sources: tuple[str, ...] = ()
    note: str | None = None


OVERALL_MIN = 80.0
ELEMENT_MIN = 50.0

# Published: AB S03/S14/S16 (also S21, S30, S22), BC B03/B08/B17, MB M02.
PUBLISHED: dict[str, tuple[str, ...]] = {
    "AB": ("S03", "S14", "S16", "S21", "S30", "S22"),
    "BC": ("B03", "B08", "B17"),
    "MB": ("M02",),
}

_ASSUMED = (f"so {OVERALL_MIN:g} % overall and {ELEMENT_MIN:g} % in every element, the SECOR "
            "rule of AB, BC and MB (S03, S14, S16, B03, B08, B17, M02), is assumed; ask your "
            "certifying partner for its pass mark.")

# What the reference says where it gives no rule (provinces[].scoring).
_UNPUBLISHED: dict[str, str] = {
    "SK": "Saskatchewan: the SCSA SECOR scoring rule is not published in the reference (K01; "
          "80 % overall is common in CFCSA COR programs, not verified for SCSA)",
    "NS": "Nova Scotia: the CSNS COR scoring rule is not published in the reference (A01, A02)",
    "ON": "Ontario: IHSA COR has no small-employer pass rule in the reference; a consultant "
          "cites 80 % overall and 65 % per element for the internal audit (O03, medium)",
    "NL": "Newfoundland and Labrador: the NLCSA COR scoring rule is not published in the "
          "reference (A07)",
    "NB": "New Brunswick: the NBCSA COR scoring rule is not published in the reference (A10)",
}


def province_code(value: object) -> str:
    """The two-letter code of a Province cell (code or name, any case); "" when blank.

    Text that is neither a code nor a province name comes back trimmed, as typed.
    """
    if not isinstance(value, str) or not value.strip():
        return ""
    key = match_key(value)
    if key in PROVINCES:
        return key
    by_name = {match_key(name): code for code, name in PROVINCES.items()}
    return by_name.get(key, value.strip())


def pass_rule(province: str) -> PassRule:
    """The pass rule for a province code (see `province_code`)."""
    if province in PUBLISHED:
        return PassRule(OVERALL_MIN, ELEMENT_MIN, PUBLISHED[province])
    if not province:
        why = "The Province on the Company sheet is blank"
    elif province in _UNPUBLISHED:
        why = _UNPUBLISHED[province]
    elif province in PROVINCES:
        why = (f"{PROVINCES[province]}: the reference has no small-employer certification "
               "or pass rule for this province")
    else:
        why = f"The Province {province!r} is not a Canadian province or territory code"
    return PassRule(OVERALL_MIN, ELEMENT_MIN, note=f"{why}; {_ASSUMED}")
