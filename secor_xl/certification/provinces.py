"""Province facts for the small-employer certificate, copied from the domain reference.

Kept as data (not parsed from the YAML at runtime) so the engine does not depend
on the reference file being present. Every fact carries the reference's source
ids and confidence (high / medium / low). Where the sources disagree (the
reference's `disagreements`), the figure used is the first position and the
others are listed so the owner can override it on `Company`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .incentive import RULE_TEXT


@dataclass(frozen=True)
class Fact:
    """One sourced statement."""

    text: str
    source_ids: tuple[str, ...]
    confidence: str


@dataclass(frozen=True)
class Threshold:
    """The most employees a small-employer program takes (None: no threshold found)."""

    max_employees: int | None
    rule: str
    source_ids: tuple[str, ...]
    confidence: str
    if_exceeded: str | None = None


@dataclass(frozen=True)
class Disagreement:
    """Where sources differ: the figure used here and the other positions."""

    topic: str
    used: str
    others: tuple[str, ...]
    source_ids: tuple[str, ...]
    confidence: str


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    program: str
    threshold: Threshold
    certificate_years: int | None
    term: Fact
    maintenance: Fact
    pass_rule: Fact
    incentive: Fact
    disagreements: tuple[Disagreement, ...] = ()


_NONE_FOUND = Fact("Not found in the reference.", (), "low")

_AB = Province(
    "AB", "Alberta", "SECOR under Partnerships in Injury Reduction (PIR)",
    Threshold(
        10,
        "10 or fewer at any time in the past 12 months, counting everyone on the WCB "
        "account (owners, managers, clerical, part-time, temporary, seasonal, family, "
        "volunteers); suppliers, inspectors and rental deliverers are not counted.",
        ("S01", "S08", "S14", "S10", "S16", "S18"), "high",
        "The employer no longer qualifies for SECOR and moves to regular COR at the next "
        "maintenance or certification year (S08)."),
    3,
    Fact("Valid three years if a SECOR evaluation is completed in each of the next two "
         "years.", ("S10", "S14", "S30", "S31"), "high"),
    Fact("Certification year, maintenance submissions in years 2 and 3, then "
         "recertification; the month on the certificate is the annual due date.",
         ("S10", "S17", "S30", "S31"), "high"),
    Fact("At least 80% overall and at least 50% in every element.",
         ("S03", "S14", "S16", "S21", "S30", "S22"), "high"),
    Fact("PIR refund: 5% of industry-rate premium for a valid COR/SECOR; 10% in the first "
         "year for first-time COR holders; up to 20% for claim-cost performance.",
         ("S24", "S11", "S10", "S22", "S27", "S26", "S39"), "high"),
    (
        Disagreement("Alberta employee threshold wording", "10 or fewer (certifying partners)",
                     ("'fewer than 10' / 'less than 10' (vendor pages; low)",
                      "AMHSA counts subcontractors and seasonal staff (medium)"),
                     ("S01", "S08", "S14", "S10", "S16", "S35", "S37"), "high"),
        Disagreement("Alberta first-year refund for SECOR holders",
                     "10% in the first year is stated for COR only; SECOR may get 5%",
                     ("COR pages: 10% first year then 5% (S24, S11, S22)",
                      "AMHSA SECOR page: automatic 5%, up to 20% (S10)"),
                     ("S24", "S11", "S22", "S10"), "medium"),
    ),
)

_BC = Province(
    "BC", "British Columbia",
    "WorkSafeBC COR via certifying partners (Small COR, SECOR, SEBASE/ISEBASE)",
    Threshold(19, "Fewer than 20 employees (1-19); go2HR counts FTEs as payroll hours / 2080.",
              ("B03", "B05", "B06", "B08", "B09", "B11", "B13", "B15"), "high",
              "Employers of 20 or more need large-employer COR with an external auditor "
              "(B03)."),
    3,
    Fact("Three-year life cycle with one audit per year.", ("B01", "B03", "B06"), "high"),
    Fact("Maintenance audits in years 2 and 3 (internal allowed), then recertification.",
         ("B01", "B03", "B06", "B15"), "high"),
    Fact("At least 80% overall and at least 50% in each element.", ("B03", "B08", "B17"),
         "high"),
    Fact(RULE_TEXT["BC"], ("B10", "B16", "R14-50"), "high"),
    (
        Disagreement("BC small-employer threshold", "fewer than 20 (most BC partners)",
                     ("Energy Safety Canada: SECOR = 10 or fewer (S16, S18)",
                      "a BC consultant: under 10 (B19; low)"),
                     ("B03", "B05", "B06", "B08", "B15", "S16", "S18"), "high"),
        Disagreement("BC small-employer incentive amount", "75% of a total assessment under "
                     "$1,334, $1,000 to a $10,000 base, 10% of a base over $10,000",
                     ("older BCFSC table: 50% capped at $500 (B10; medium, superseded)",),
                     ("B16", "B09", "B10"), "high"),
    ),
)

_SK = Province(
    "SK", "Saskatchewan", "SECOR (SCSA) for construction",
    Threshold(9, "Nine or fewer employees including owners, full-time, part-time, casual and "
              "subcontractors; a permanent office in Saskatchewan.", ("K01", "K02"), "medium"),
    3,
    Fact("Audited by SCSA every three years with annual company audits in between.",
         ("K01",), "medium"),
    Fact("Annual audit submission; SCSA external audit every 3 years.", ("K01",), "high"),
    Fact("Not published on the pages found (80% overall is common; unverified).", (), "low"),
    Fact("No WCB premium rebate found; COR or SECOR is required for Saskatchewan government "
         "construction contracts over $1M (since April 2019).", ("K03",), "medium"),
    (
        Disagreement("Saskatchewan SECOR threshold", "nine or fewer (SCSA headline)",
                     ("'fewer than nine' in the same page's eligibility bullet (i.e. 8)",
                      "2018 SCSA page: nine or less including subcontractors (K02)"),
                     ("K01", "K02"), "medium"),
    ),
)

_MB = Province(
    "MB", "Manitoba", "SAFE Work Certified; CSAM's small-employer certification is SECOR",
    Threshold(9, "CSAM SECOR is for construction employers who employ fewer than 10 people.",
              ("M01",), "medium"),
    3,
    Fact("Valid up to three years, confirmed yearly (Letter of Good Standing).",
         ("M02", "M05"), "high"),
    Fact("Annual maintenance audit before the certification anniversary month.",
         ("M02", "M05"), "high"),
    Fact("80% overall and at least 50% in each element (CSAM).", ("M02",), "high"),
    Fact("Prevention Rebate: the greater of 15% of premium or $3,000, capped at 75% of "
         "premium, paid about a month after the certification anniversary.",
         ("M06", "M01", "M08"), "high"),
)

_NS = Province(
    "NS", "Nova Scotia", "Construction Safety Nova Scotia COR with size-based streams",
    Threshold(4, "Small Business stream: 2-4 persons including owners and admin "
              "(Owner/Operator: 1; Intermediate: 5-19; Standard: 20+).", ("A02",), "high",
              "Five or more persons move to the Intermediate stream (5-19), with an external "
              "audit by a CSNS advisor in years 1 and 4 (A02, A01)."),
    None,
    Fact("Yearly evaluation to receive the annual Letter of Good Standing.", ("A01",), "high"),
    Fact("Yearly evaluation (Letter of Good Standing).", ("A01",), "high"),
    Fact("Not published on the pages found.", (), "low"),
    Fact("No WCB rebate found; a Letter of Good Standing was historically required for "
         "provincially funded construction.", ("A05",), "low"),
)

_ON = Province(
    "ON", "Ontario", "IHSA COR (COR 2020); no separate small-employer COR found",
    Threshold(None, "No small-employer threshold found; COR scales to firms of any size.",
              ("O01", "O07"), "medium"),
    3,
    Fact("Three-year cycle with annual maintenance before the anniversary date.",
         ("O03", "O01"), "medium"),
    Fact("Internal maintenance audits in years 2 and 3.", ("O02", "O03"), "medium"),
    Fact("Internal audit: 100% on legislative items, 65% per element, 80% overall before the "
         "external audit (consultant).", ("O03",), "medium"),
    Fact("No COR-specific WSIB rebate for small firms found; the Health and Safety Excellence "
         "program pays per validated topic.", ("O05", "O06"), "medium"),
)

_NL = Province(
    "NL", "Newfoundland and Labrador", "NLCSA COR",
    Threshold(None, "No small-employer threshold found (NLCSA calls fewer than 10 employees a "
              "small business, context only).", ("A06",), "medium"),
    None, _NONE_FOUND, _NONE_FOUND, _NONE_FOUND,
    Fact("No WCB rebate found; government-funded construction bidders need an NLCSA COR "
         "Letter of Good Standing.", ("A07",), "high"),
)

_NB = Province(
    "NB", "New Brunswick", "COR (Letter of Good Standing by equivalency possible)",
    Threshold(None, "No small-employer threshold found.", ("A10",), "medium"),
    None, _NONE_FOUND, _NONE_FOUND, _NONE_FOUND, _NONE_FOUND,
)

PROVINCES: Mapping[str, Province] = MappingProxyType(
    {p.code: p for p in (_AB, _BC, _SK, _MB, _NS, _ON, _NL, _NB)})


@dataclass(frozen=True)
class Partners:
    """The certifying partners the reference names for a province."""

    names: tuple[str, ...]
    source_ids: tuple[str, ...]
    confidence: str


PARTNERS: Mapping[str, Partners] = MappingProxyType({
    "AB": Partners((
        "Alberta Association for Safety Partnerships (AASP)",  # the default, any industry
        "Alberta Construction Safety Association (ACSA)",
        "Energy Safety Canada",
        "Alberta Municipal Health and Safety Association (AMHSA)",
        "Alberta Forest Products Association (AFPA)",
        "Continuing Care Safety Association (CCSA)",
        "Alberta Motor Transport Association (AMTA)",
        "Alberta Safety Council (ASC)",
        "Alberta Hotel Safety Association (AHSA)",
        "Manufacturers' Health & Safety Association (MHSA)",
    ), ("S08", "S29", "S30", "S14", "S22", "S24", "S25"), "medium"),
    "BC": Partners((
        "BC Construction Safety Alliance (BCCSA)",
        "BC Forest Safety Council (BCFSC)",
        "go2HR",
        "SafetyDriven - Trucking Safety Council of BC",
        "BC Municipal Safety Association (BCMSA)",
        "BC Maritime Employers Association (BCMEA)",
        "Energy Safety Canada",
        "AgSafe BC",
        "SafeCare BC",
    ), ("B03", "B10", "B07", "B15", "B05", "B06", "B16", "B17", "S18"), "high"),
    "SK": Partners(("Saskatchewan Construction Safety Association (SCSA)",
                    "Energy Safety Canada"), ("K01", "S16"), "medium"),
    "MB": Partners((
        "Construction Safety Association of Manitoba (CSAM)",
        "MHCA WORKSAFELY",
        "Made Safe",
        "Motor Vehicle Safety Association of Manitoba (MVSAM)",
        "RPM Trucking Industry Safety",
        "Sales and Service Safety Association (S2SA)",
        "Manitoba Association for Safety in Healthcare (MASH)",
        "Manitoba Farm Safety Program",
    ), ("M08", "M05"), "medium"),
    "ON": Partners(("Infrastructure Health & Safety Association (IHSA)",), ("O01",), "high"),
    "NS": Partners(("Construction Safety Nova Scotia (CSNS)",), ("A02",), "high"),
    "NL": Partners(("Newfoundland and Labrador Construction Safety Association (NLCSA)",),
                   ("A07",), "high"),
})
"""Certifying partners by province code (the reference lists none for NB)."""

NO_PARTNER = "(none in the SECOR reference: type your partner's name)"
"""The one entry of the Certifying Partner dropdown for a province with no partner on record,
so the dropdown's INDIRECT("Partners_" & province) always finds a list (Excel shows an error
for a name that does not exist)."""


def province(code: str | None) -> Province:
    """The facts for a province code; one the reference does not cover has no figures."""
    key = (code or "").strip().upper()
    found = PROVINCES.get(key)
    if found is not None:
        return found
    return Province(key, key or "(no province)", "Not covered by the reference.",
                    Threshold(None, "No small-employer threshold found.", (), "low"),
                    None, _NONE_FOUND, _NONE_FOUND, _NONE_FOUND, _NONE_FOUND)
