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
from ...rules.program import PREQUALIFICATION, REGISTER, contracted, lapse_text, lapsed, on_site
from ..evidence import Evidence, listing, plural, text
from .base import Criterion, Measure, not_applicable, self_criterion, share_met, share_of

SHEET = REGISTER


def _named(frame: pd.DataFrame) -> list[str]:
    return [f"{text(n)} ({SHEET} row {int(r)})" for n, r in
            zip(frame["Name"], frame[ROW], strict=True)]


def prequalified(ev: Evidence) -> Measure:
    rows = contracted(ev.wb, ev.as_of)
    if rows.empty:
        return not_applicable(f"no contractor or self-employed person on {SHEET} "
                              f"{ev.window_text}.")
    lapses = {column: lapsed(rows, column, ev.as_of) for column, _what in PREQUALIFICATION}
    ok = ~(lapses["WCB Clearance Expiry"] | lapses["Insurance Expiry"])
    evidence = (f"{int(ok.sum())} of {plural(len(rows), 'contractor')} on site "
                f"{ev.window_text} with WCB clearance and insurance current while on site")
    if ok.all():
        return Measure(1, evidence + ".")
    todo = []
    for index, row in rows[~ok].iterrows():
        gaps = [lapse_text(row, column, what) for column, what in PREQUALIFICATION
                if lapses[column][index]]
        todo.append(f"{text(row['Name'])} ({SHEET} row {int(row[ROW])}): {' and '.join(gaps)}")
    return Measure(share_of(int(ok.sum()), len(rows)), f"{evidence}; not: {listing(todo)}.",
                   "Check WCB clearance and insurance before contractors start, and record "
                   f"the expiry of each (a current one for those still on site): "
                   f"{listing(todo)}.")


def oriented(ev: Evidence) -> Measure:
    rows = on_site(ev.wb, ev.as_of)
    if rows.empty:
        return Measure(0, f"Nobody on {SHEET} {ev.window_text}.",
                       f"Record the contractors, suppliers and visitors on your sites on {SHEET}"
                       ", with the day each got your site orientation.")
    done = rows["Orientation Date"].notna() & (rows["Orientation Date"] <= ev.day)
    many = plural(len(rows), "contractor or visitor", "contractors or visitors")
    return share_met(done, f"{int(done.sum())} of {many} on site {ev.window_text} oriented",
                     _named(rows[~done]), "Orient them to your site's hazards, rules and "
                     "emergency plan and record the Orientation Date: {}.")


def monitored(ev: Evidence) -> Measure:
    rows = contracted(ev.wb, ev.as_of)
    if rows.empty:
        return not_applicable(f"no contractor or self-employed person on {SHEET} "
                              f"{ev.window_text}.")
    noted = keys(rows["Monitoring Notes"]) != ""
    return share_met(noted, f"{int(noted.sum())} of {plural(len(rows), 'contractor')} with "
                     "Monitoring Notes", _named(rows[~noted]),
                     "Check the contractors' work on site and write what you saw in "
                     "Monitoring Notes: {}.")


def certificate_asked(ev: Evidence) -> Measure:
    """Prequalification asks for the contractor's own safety program: the COR/SECOR column
    says COR, SECOR or None for each contractor on site (Unknown or blank: not asked)."""
    rows = contracted(ev.wb, ev.as_of)
    if rows.empty:
        return not_applicable(f"no contractor or self-employed person on {SHEET} "
                              f"on site {ev.window_text}.")
    asked = keys(rows["COR/SECOR"]).isin(["COR", "SECOR", "NONE"])
    return share_met(asked, f"{int(asked.sum())} of {plural(len(rows), 'contractor')} on site "
                     f"{ev.window_text} with their safety certificate recorded (COR/SECOR)",
                     _named(rows[~asked]),
                     "Ask {} for their COR or SECOR (or their safety program) before they work "
                     "for you, and record the answer in COR/SECOR.")


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
    Criterion("10.4", 10, "Contractors' own safety certificate or program asked for (n/a "
              "without contractors)", 2, "Contractors and Visitors: COR/SECOR of contractors "
              "on site in the window (COR, SECOR or None; Unknown or blank is not asked)",
              ("R13-01", "R13-04", "A09"), certificate_asked, confidence="medium"),
    self_criterion(10, 5),
)
