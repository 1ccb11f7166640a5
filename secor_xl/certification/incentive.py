"""What holding the certificate is worth: the province's incentive, as an estimate.

* Alberta PIR refund: 5% of the industry-rate premium for a valid COR/SECOR
  (S10, S11, S24); 10% in the first year for first-time COR holders (S24, S11,
  S22; SECOR pages mention only 5%, S10, so the first year is 5% to 10%); up to
  20% for claim-cost performance (S26, S10, S27). Refunds are of the previous
  year's premium.
* BC COR incentive: 10% of the base assessment; small employers get 75% of a
  total assessment under $1,334, $1,000 from there to a $10,000 base, 10% of a
  base over $10,000 (B10, B16, R14-50). The premium on Company is taken as the
  base assessment.
* Manitoba Prevention Rebate: the greater of 15% of premium or $3,000, capped at
  75% of premium (M06).
* Saskatchewan and the others: no rebate found (SK: COR/SECOR is required for
  government construction contracts over $1M, K03).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Incentive:
    low: float | None
    high: float | None
    text: str
    source_ids: tuple[str, ...]
    confidence: str


@dataclass(frozen=True)
class Rebate:
    """A rebate on the premium: `share` of it, at least `floor` dollars, at most `cap`
    dollars and at most `cap_share` of the premium."""

    share: float
    floor: float = 0.0
    cap: float | None = None
    cap_share: float | None = None
    above: tuple[float, float] | None = None
    """(premium, share): over that premium the rebate is that share of it instead."""

    def on(self, premium: float) -> float:
        if self.above is not None and premium > self.above[0]:
            return round(premium * self.above[1], 2)
        value = max(premium * self.share, self.floor)
        if self.cap is not None:
            value = min(value, self.cap)
        if self.cap_share is not None:
            value = min(value, premium * self.cap_share)
        return round(value, 2)


REBATES: dict[str, tuple[Rebate, Rebate]] = {
    # province: (low, high) estimate; the Dashboard's formulas are made from these too.
    "AB": (Rebate(0.05), Rebate(0.20)),  # S10, S11, S24; S26, S27
    "BC": (Rebate(0.75, cap=1000.0, above=(10000.0, 0.10)),) * 2,  # B10, B16, R14-50
    "MB": (Rebate(0.15, floor=3000.0, cap_share=0.75),) * 2,  # M06
}


RULE_TEXT: dict[str, str] = {
    # the rule each estimate applies, in words: the readiness report's appendix and
    # `provinces` say these, so the rule is stated in this one place
    "AB": "PIR refund: 5% of the industry-rate premium for a valid COR/SECOR, up to 20% for "
          "claim-cost performance; 10% in the first year for first-time COR holders.",
    "BC": "COR incentive: 10% of the base assessment; small employers get 75% of a total "
          "assessment under $1,334, $1,000 for a base from $1,334 to $10,000, and 10% of a "
          "base over $10,000.",
    "MB": "Prevention Rebate: the greater of 15% of premium or $3,000, capped at 75% of "
          "premium.",
}


def rule_text(province: str | None) -> str | None:
    """The incentive's rule in words, where `estimate` computes one."""
    return RULE_TEXT.get((province or "").strip().upper())


def _money(value: float) -> str:
    return f"${value:,.0f}"


def estimate(province: str | None, premium: float | None, first_year: bool) -> Incentive:
    """Yearly saving the province's incentive may give on `premium` (dollars)."""
    code = (province or "").strip().upper()
    if premium is None or premium < 0:
        return Incentive(None, None, "Enter the yearly WCB premium on Company to estimate the "
                         "incentive.", (), "low")
    if code == "AB":
        low, high = (r.on(premium) for r in REBATES["AB"])
        note = ""
        if first_year:
            note = (" First-time COR holders get 10% in the first year (S24, S11, S22); SECOR "
                    "pages mention only the automatic 5% (S10), so the low figure uses 5%.")
        text = (f"Estimated PIR refund: {_money(low)} (5% base) to {_money(high)} (20% "
                f"maximum for claim-cost performance) a year on a {_money(premium)} premium."
                f"{note} An estimate: refunds are of the previous year's industry-rate "
                "premium and depend on your WCB record.")
        ids = ("S10", "S11", "S24", "S26", "S27", *(("S22",) if first_year else ()))
        return Incentive(low, high, text, ids, "high" if not first_year else "medium")
    if code == "BC":
        value = REBATES["BC"][0].on(premium)
        band = ("75% of a total assessment under $1,334" if premium < 1334 else
                "$1,000 for a base from $1,334 to $10,000" if premium <= 10000 else
                "10% of a base over $10,000")
        text = (f"Estimated COR incentive: {_money(value)} a year on a {_money(premium)} "
                f"premium ({band}). An estimate: the premium is taken as the base "
                "assessment, and the account must be in good standing.")
        return Incentive(value, value, text, ("B10", "B16", "R14-50"), "high")
    if code == "MB":
        value = REBATES["MB"][0].on(premium)
        text = (f"Estimated Prevention Rebate: {_money(value)} a year (the greater of 15% of "
                f"a {_money(premium)} premium or $3,000, capped at 75% of premium). An "
                "estimate: paid after the certification anniversary when the maintenance "
                "audit is submitted.")
        return Incentive(value, value, text, ("M06",), "high")
    if code == "SK":
        return Incentive(None, None, "No WCB premium rebate for SECOR was found in "
                         "Saskatchewan; its value is in procurement: COR or SECOR is required "
                         "for Saskatchewan government construction contracts over $1M.",
                         ("K03",), "medium")
    return Incentive(None, None, f"No certificate rebate was found for {code or 'this province'}"
                     "; the certificate is mostly asked for by owners and prime contractors.",
                     (), "low")
