"""Findings on what the 2019 standard asks of the program as a whole: a corrective action
for every No, the representative the law asks for, contractors cleared and oriented,
and a company that still fits the small-employer program.

Warnings, not errors: each is something an auditor marks down, not a broken entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd

from ..certification.committee import PRESCRIBED_FIELD, PRESCRIBED_FROM, serving, workplace_rule
from ..certification.eligibility import eligibility
from ..dates import keys, twelve_months_before
from ..findings import Finding, error, warning
from ..reader.read import ROW, WorkbookData
from ..schema import SCHEMA_VERSION, sheet, version_key

CONTRACTED = ("CONTRACTOR", "SELF-EMPLOYED")
NOT_EVIDENCE = frozenset({
    "", "-", "--", "?", "X", "OK", "YES", "NO", "NA", "N/A", "N.A", "NONE", "NIL", "NOTHING",
    "TBD", "TODO", "SEE ABOVE", "BINDER", "THE BINDER", "IN BINDER", "IN THE BINDER",
    "SEE BINDER", "FILE", "ON FILE", "OFFICE"})
"""Evidence text that points at nothing an auditor could ask to see (any case, trimmed,
trailing dots dropped): "none", "n/a", "-", "binder"."""


def real_evidence(values: pd.Series) -> pd.Series:
    """True where an Evidence cell names something: a document, a record ID, a place."""
    return ~keys(values).str.strip(" .").isin(NOT_EVIDENCE)


def program(wb: WorkbookData, as_of: dt.date) -> list[Finding]:
    """Every program-level finding as of `as_of`."""
    return [*_self_assessment(wb), *_workers(wb, as_of), *_contractors(wb, as_of)]


def _self_assessment(wb: WorkbookData) -> Iterator[Finding]:
    """A No or Partial answer asks for a corrective action (ACSA: a corrective action plan
    for every No, S03); a Yes earns points only with its evidence."""
    if not _has(wb, sheet("Self-Assessment").column("Action ID").since):
        return
    rows = wb.frame("Self-Assessment")
    answers = keys(rows["Answer"])
    no_action = answers.isin(["NO", "PARTIAL"]) & (keys(rows["Action ID"]) == "")
    for row, answer in zip(rows.loc[no_action, ROW], rows.loc[no_action, "Answer"],
                           strict=True):
        yield warning("Self-Assessment", row, "Action ID", "missing.action",
                      f"Self-Assessment row {row}, Action ID: the answer is {answer}; raise a "
                      "corrective action on Corrective Actions (Source Audit) and put its "
                      "Action ID here.")
    unbacked = answers.isin(["YES", "PARTIAL"]) & ~real_evidence(rows["Evidence"])
    for row, answer, said in zip(rows.loc[unbacked, ROW], rows.loc[unbacked, "Answer"],
                                 rows.loc[unbacked, "Evidence"], strict=True):
        what = (f"has {said.strip()!r} as evidence, which is not evidence"
                if isinstance(said, str) and said.strip() else "has no evidence")
        yield warning("Self-Assessment", row, "Evidence", "missing.evidence",
                      f"Self-Assessment row {row}, Evidence: the answer {answer} {what}; "
                      "write where the proof is (a document, a record ID, where it is kept). "
                      "A Yes counts only as far as a record, an interview or an observation "
                      "backs it.")


def _has(wb: WorkbookData, since: str) -> bool:
    """False for a sheet or column newer than the workbook: the schema version notice
    already says `upgrade` adds it, so no finding asks the user to fill it in."""
    return version_key(wb.schema_version or SCHEMA_VERSION) >= version_key(since)


def _workers(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    fit = eligibility(wb, as_of)
    row = wb.company_rows.get("Number of Workers", 1)
    if fit.fits is False and fit.warning:
        yield warning("Company", row, "Value", "over.worker_limit",
                      f"Company row {row}, Number of Workers: {fit.warning}")
    rule = workplace_rule(wb.company)
    if rule is None:
        return
    asked = str(wb.company.get(PRESCRIBED_FIELD) or "").strip()
    if str(wb.company.get("Province") or "").strip().upper() == "SK" and not asked \
            and PRESCRIBED_FROM <= fit.count < rule.committee_from \
            and _has(wb, "1.6"):
        row = wb.company_rows.get(PRESCRIBED_FIELD, 1)
        yield warning("Company", row, "Value", "missing.prescribed_workplace",
                      f"Company row {row}, {PRESCRIBED_FIELD}: with {fit.count} workers in "
                      "Saskatchewan a representative is required if the OHS Regulations list "
                      "your place of employment (Table 7); answer Yes or No.")
    need = rule.needs(fit.count)
    if need is None or not _has(wb, sheet("HS Representatives").since):
        return
    reps = wb.frame("HS Representatives")
    day = pd.Timestamp(as_of)
    if serving(reps, day).empty:
        header = wb.tables["HS Representatives"].header_row
        named = reps[(keys(reps["Name"]) != "") & reps["Term Ends"].notna()
                     & (reps["Term Ends"] < day)]
        ended = "; ".join(f"{n}'s term ended {t.date().isoformat()}"
                          for n, t in zip(named["Name"], named["Term Ends"], strict=True))
        # the law asks for one: an error, like any other legal requirement missed
        yield error("HS Representatives", header, "Name", "missing.hs_representative",
                      f"HS Representatives: nobody is designated on {as_of}"
                      + (f" ({ended})" if ended else "") + ". "
                      f"{rule.explain(fit.count)} Record who it is (Name, Role, Designated "
                      "Date).")


REGISTER = "Contractors and Visitors"
PREQUALIFICATION = (("WCB Clearance Expiry", "WCB clearance"), ("Insurance Expiry", "insurance"))


def on_site(wb: WorkbookData, as_of: dt.date) -> pd.DataFrame:
    """Register rows on site at some time in the 12 months up to the as-of day."""
    reg = wb.frame(REGISTER)
    day = pd.Timestamp(as_of)
    named = keys(reg["Name"]) != ""
    started = reg["First On Site"].isna() | (reg["First On Site"] <= day)
    still = reg["Last On Site"].isna() | (reg["Last On Site"] > pd.Timestamp(
        twelve_months_before(as_of)))
    return reg[named & started & still]


def contracted(wb: WorkbookData, as_of: dt.date) -> pd.DataFrame:
    """Contractors and the self-employed on site in the 12 months."""
    rows = on_site(wb, as_of)
    return rows[keys(rows["Type"]).isin(CONTRACTED)]


def lapsed(rows: pd.DataFrame, column: str, as_of: dt.date) -> pd.Series:
    """True where the clearance or insurance in `column` was blank or ran out before the
    last day on site (or the as-of day, for those still on site)."""
    day = pd.Timestamp(as_of)
    until = rows["Last On Site"].where(rows["Last On Site"].notna()
                                       & (rows["Last On Site"] < day), day)
    return rows[column].isna() | (rows[column] < until)


def lapse_text(row: pd.Series, column: str, what: str) -> str:
    """"WCB clearance expired 2026-11-23" or "insurance is not recorded"."""
    value = row[column]
    return f"{what} is not recorded" if pd.isna(value) else \
        f"{what} expired {value.date().isoformat()}"


def lapse_advice(row: pd.Series, as_of: dt.date) -> str:
    """What can still be done: a current document while they are on site; after they left,
    the document that covered their time, or a check before they come back."""
    left = row["Last On Site"]
    if pd.isna(left) or left >= pd.Timestamp(as_of):
        return "get a current one before they work on, and record its expiry"
    return ("record the one that covered their time on site if you have it, and check it "
            "before they work for you again")


def _contractors(wb: WorkbookData, as_of: dt.date) -> Iterator[Finding]:
    """Contractors whose clearance or insurance lapsed while on site; anyone not oriented."""
    rows = contracted(wb, as_of)
    for column, what in PREQUALIFICATION:
        bad = rows[lapsed(rows, column, as_of)]
        for _, row in bad.iterrows():
            r = int(row[ROW])
            left = row["Last On Site"]
            when = "is on site" if pd.isna(left) or left >= pd.Timestamp(as_of) else \
                f"was on site until {left.date().isoformat()}"
            yield warning(REGISTER, r, column, "expired.contractor",
                          f"{REGISTER} row {r}, {column}: {row['Name']} {when}, and their "
                          f"{lapse_text(row, column, what)}; {lapse_advice(row, as_of)}.")
    here = on_site(wb, as_of)
    not_oriented = here[here["First On Site"].notna() & here["Orientation Date"].isna()]
    for row, name in zip(not_oriented[ROW], not_oriented["Name"], strict=True):
        yield warning(REGISTER, row, "Orientation Date", "missing.orientation",
                      f"{REGISTER} row {row}, Orientation Date: {name} has no site "
                      "orientation on record; orient them (hazards, rules, emergency plan) "
                      "and record the day.")
