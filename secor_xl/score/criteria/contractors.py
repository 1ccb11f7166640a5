"""Element 10, Public, visitors and contracted employers (2019 standard; R13-01, R13-04).

Contractors and the self-employed are prequalified (WCB clearance, insurance),
everyone on the register is oriented, and contracted work is monitored, as
the register on `Contractors and Visitors` records it (fields of
`secor_reference.yaml`'s contractor management element).
"""

from __future__ import annotations

import pandas as pd

from ...dates import keys
from ...reader.read import ROW
from ..evidence import Evidence, listing, plural, text
from .base import Criterion, Measure, not_applicable, self_criterion, share_of

SHEET = "Contractors and Visitors"
CONTRACTED = ("CONTRACTOR", "SELF-EMPLOYED")


def on_site(ev: Evidence) -> pd.DataFrame:
    """Register rows on site at some time in the 12 months up to the as-of day."""
    reg = ev.frame(SHEET)
    named = keys(reg["Name"]) != ""
    started = reg["First On Site"].isna() | (reg["First On Site"] <= ev.day)
    start = pd.Timestamp(ev.start)
    still = reg["Last On Site"].isna() | (reg["Last On Site"] > start)
    return reg[named & started & still]


def contracted(ev: Evidence) -> pd.DataFrame:
    rows = on_site(ev)
    return rows[keys(rows["Type"]).isin(CONTRACTED)]


def _named(frame: pd.DataFrame) -> list[str]:
    return [f"{text(n)} ({SHEET} row {int(r)})" for n, r in
            zip(frame["Name"], frame[ROW], strict=True)]


def _current_at(frame: pd.DataFrame, column: str, ev: Evidence) -> pd.Series:
    """Valid through the last day on site, or the as-of day while still on site."""
    until = frame["Last On Site"].where(frame["Last On Site"].notna() &
                                        (frame["Last On Site"] < ev.day), ev.day)
    return frame[column].notna() & (frame[column] >= until)


def prequalified(ev: Evidence) -> Measure:
    rows = contracted(ev)
    if rows.empty:
        return not_applicable(f"no contractor or self-employed person on {SHEET} "
                              f"{ev.window_text}.")
    clear = _current_at(rows, "WCB Clearance Expiry", ev)
    insured = _current_at(rows, "Insurance Expiry", ev)
    ok = clear & insured
    evidence = (f"{int(ok.sum())} of {plural(len(rows), 'contractor')} on site "
                f"{ev.window_text} with WCB clearance and insurance current while on site")
    if ok.all():
        return Measure(1, evidence + ".")
    todo = []
    for (_, row), c, i in zip(rows[~ok].iterrows(), clear[~ok], insured[~ok], strict=True):
        gaps = [what for what, good in (("WCB clearance", c), ("insurance", i)) if not good]
        todo.append(f"{text(row['Name'])} ({SHEET} row {int(row[ROW])}): "
                    f"{' and '.join(gaps)} expired or not recorded")
    return Measure(share_of(int(ok.sum()), len(rows)), f"{evidence}; not: {listing(todo)}.",
                   f"Get a current WCB clearance letter and proof of insurance, and record "
                   f"their expiry: {listing(todo)}.")


def oriented(ev: Evidence) -> Measure:
    rows = on_site(ev)
    if rows.empty:
        return Measure(0, f"Nobody on {SHEET} {ev.window_text}.",
                       f"Record the contractors, suppliers and visitors on your sites on {SHEET}"
                       ", with the day each got your site orientation.")
    done = rows["Orientation Date"].notna() & (rows["Orientation Date"] <= ev.day)
    many = plural(len(rows), "contractor or visitor", "contractors or visitors")
    evidence = f"{int(done.sum())} of {many} on site {ev.window_text} oriented"
    if done.all():
        return Measure(1, evidence + ".")
    named = _named(rows[~done])
    return Measure(share_of(int(done.sum()), len(rows)), f"{evidence}; not: {listing(named)}.",
                   f"Orient them to your site's hazards, rules and emergency plan and record "
                   f"the Orientation Date: {listing(named)}.")


def monitored(ev: Evidence) -> Measure:
    rows = contracted(ev)
    if rows.empty:
        return not_applicable(f"no contractor or self-employed person on {SHEET} "
                              f"{ev.window_text}.")
    noted = keys(rows["Monitoring Notes"]) != ""
    evidence = (f"{int(noted.sum())} of {plural(len(rows), 'contractor')} with Monitoring "
                "Notes")
    if noted.all():
        return Measure(1, evidence + ".")
    named = _named(rows[~noted])
    return Measure(share_of(int(noted.sum()), len(rows)), f"{evidence}; not: {listing(named)}.",
                   f"Check the contractors' work on site and write what you saw in Monitoring "
                   f"Notes: {listing(named)}.")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("10.1", 10, "Contractors prequalified: WCB clearance and insurance current while "
              "on site (n/a without contractors)", 4,
              f"{SHEET}: Type Contractor or Self-employed on site in the window, WCB Clearance "
              "Expiry and Insurance Expiry", ("R13-01", "R13-04", "A09"), prequalified),
    Criterion("10.2", 10, "Contractors, suppliers and visitors oriented to the site", 3,
              f"{SHEET}: Orientation Date of everyone on site in the window",
              ("R13-01", "R13-04"), oriented),
    Criterion("10.3", 10, "Contracted work monitored (n/a without contractors)", 2,
              f"{SHEET}: Monitoring Notes of contractors on site in the window",
              ("R13-04", "A09"), monitored),
    self_criterion(10, 4),
)
