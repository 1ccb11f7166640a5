"""Findings on what the 2019 standard asks of the program as a whole: a corrective action
for every No, the representative the law asks for, contractors cleared and oriented,
and a company that still fits the small-employer program.

Warnings, not errors: each is something an auditor marks down, not a broken entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd

from ..certification.committee import committee_rule
from ..certification.eligibility import eligibility
from ..dates import keys
from ..findings import Finding, warning
from ..reader.read import ROW, WorkbookData

CONTRACTED = ("CONTRACTOR", "SELF-EMPLOYED")


def program(wb: WorkbookData, as_of: dt.date) -> list[Finding]:
    """Every program-level finding as of `as_of`."""
    return [*_self_assessment(wb), *_workers(wb, as_of), *_contractors(wb, as_of)]


def _self_assessment(wb: WorkbookData) -> Iterator[Finding]:
    """A No or Partial answer asks for a corrective action (ACSA: a corrective action plan
    for every No, S03); a Yes earns points only with its evidence."""
    rows = wb.frame("Self-Assessment")
    answers = keys(rows["Answer"])
    no_action = answers.isin(["NO", "PARTIAL"]) & (keys(rows["Action ID"]) == "")
    for row, answer in zip(rows.loc[no_action, ROW], rows.loc[no_action, "Answer"],
                           strict=True):
        yield warning("Self-Assessment", row, "Action ID", "missing.action",
                      f"Self-Assessment row {row}, Action ID: the answer is {answer}; raise a "
                      "corrective action on Corrective Actions (Source Audit) and put its "
                      "Action ID here.")
    unbacked = answers.isin(["YES", "PARTIAL"]) & (keys(rows["Evidence"]) == "")
    for row, answer in zip(rows.loc[unbacked, ROW], rows.loc[unbacked, "Answer"], strict=True):
        yield warning("Self-Assessment", row, "Evidence", "missing.evidence",
                      f"Self-Assessment row {row}, Evidence: the answer {answer} has no "
                      "evidence, so it earns no points; write where the proof is (a document, "
                      "a record ID, where it is kept).")


def _workers(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    fit = eligibility(wb, as_of)
    row = wb.company_rows.get("Number of Workers", 1)
    if fit.fits is False and fit.warning:
        yield warning("Company", row, "Value", "over.worker_limit",
                      f"Company row {row}, Number of Workers: {fit.warning}")
    province = str(wb.company.get("Province") or "")
    rule = committee_rule(province)
    need = rule.needs(fit.count)
    if need is None:
        return
    reps = wb.frame("HS Representatives")
    day = pd.Timestamp(as_of)
    serving = reps[(keys(reps["Name"]) != "") & reps["Designated Date"].notna()
                   & (reps["Designated Date"] <= day)
                   & (reps["Term Ends"].isna() | (reps["Term Ends"] >= day))]
    if serving.empty:
        header = wb.tables["HS Representatives"].header_row
        yield warning("HS Representatives", header, "Name", "missing.hs_representative",
                      f"HS Representatives: nobody is designated on {as_of}. "
                      f"{rule.explain(fit.count)} Record who it is (Name, Role, Designated "
                      "Date).")


def _contractors(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """Contractors on site with an expired clearance or insurance; anyone not oriented."""
    reg = wb.frame("Contractors and Visitors")
    day = pd.Timestamp(as_of)
    here = (keys(reg["Name"]) != "") & reg["First On Site"].notna() & (
        reg["First On Site"] <= day) & (reg["Last On Site"].isna() | (reg["Last On Site"] >= day))
    contracted = here & keys(reg["Type"]).isin(CONTRACTED)
    for column, what in (("WCB Clearance Expiry", "WCB clearance"),
                         ("Insurance Expiry", "insurance")):
        expired = contracted & (reg[column].isna() | (reg[column] < day))
        for row, name, until in zip(reg.loc[expired, ROW], reg.loc[expired, "Name"],
                                    reg.loc[expired, column], strict=True):
            state = "is not recorded" if pd.isna(until) else \
                f"expired {until.date().isoformat()}"
            yield warning("Contractors and Visitors", row, column, "expired.contractor",
                          f"Contractors and Visitors row {row}, {column}: {name} is on site "
                          f"and their {what} {state}; get a current one before they work on.")
    started = (keys(reg["Name"]) != "") & reg["First On Site"].notna() & (
        reg["First On Site"] <= day)
    not_oriented = started & reg["Orientation Date"].isna()
    for row, name in zip(reg.loc[not_oriented, ROW], reg.loc[not_oriented, "Name"],
                         strict=True):
        yield warning("Contractors and Visitors", row, "Orientation Date",
                      "missing.orientation",
                      f"Contractors and Visitors row {row}, Orientation Date: {name} has no "
                      "site orientation on record; orient them (hazards, rules, emergency "
                      "plan) and record the day.")
