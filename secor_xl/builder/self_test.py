"""The workbook's self-test: the Dashboard's live figures against the engine's.

Check and score write what the engine computed (`expected_figures`) into hidden
cells of the Dashboard; the `SelfTest` cell compares each live figure with it
and reads "OK", or names what differs; rows without their computed formulas,
which no figure can show, come first. Whoever opens a checked workbook in
Excel, Numbers or LibreOffice sees whether that application computes as
secor-xl does, and a record changed since the last check shows too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..certification.summary import road_to_secor, roadmap_steps
from ..reader.read import WorkbookData
from ..rules.methods import interviews_gathered, sites_observed
from ..rules.status import counts
from .formulas import DASHBOARD_COUNTS, ref

FIGURES: tuple[tuple[str, str], ...] = (
    ("OverdueInspections", "overdue inspections"),
    ("ExpiredTraining", "expired training"),
    ("OverdueActions", "overdue actions"),
    ("RoadStepsDone", "steps done"),
    ("RoadSteps", "steps"),
    ("RoadNextStep", "next step"),
    ("RoadNextDue", "next step due"),
    ("CertificateYear", "certificate year"),
    ("CertificateNextDue", "next certificate date"),
    ("WorkersCounted", "workers counted"),
    ("WorkerLimit", "worker limit"),
    ("WorkersFit", "fits"),
    ("IncentiveLow", "incentive (low)"),
    ("IncentiveHigh", "incentive (high)"),
    ("DaysSinceLostTime", "days since lost time"),
    ("RecordableIncidents", "recordable incidents"),
    ("RecordableRate", "recordable rate"),
    ("InterviewsDone", "interviews done"),
    ("InterviewsPlanned", "interviews needed"),
    ("SitesObserved", "sites walked"),
    ("SitesToObserve", "active sites"),
)
"""(defined name of a live Dashboard figure, how the self-test names it when it differs)."""



def expected_figures(wb: WorkbookData, as_of: dt.date) -> dict[str, Any]:
    """Every figure of `FIGURES` as the Dashboard must show it on `as_of`, by the engine:
    numbers, dates, or the very text the formula shows where there is no figure."""
    road = road_to_secor(wb, as_of)
    steps = [s for _row, s in roadmap_steps(wb)]
    nxt = road["next_steps"][0] if road["next_steps"] else None
    fits, stats, worth = road["eligibility"], road["incidents"], road["incentive"]
    premium = wb.company.get("WCB Premium")
    no_rebate = ("enter the premium" if not isinstance(premium, int | float) or premium <= 0
                 else "no rebate found")
    engine_counts = counts(wb, as_of)
    out: dict[str, Any] = {name: engine_counts[key]
                           for name, (_label, key) in DASHBOARD_COUNTS.items()}
    planned, done = interviews_gathered(wb, as_of)
    sites, walked = sites_observed(wb, as_of)
    out |= {"InterviewsDone": done, "InterviewsPlanned": planned, "SitesObserved": walked,
            "SitesToObserve": sites}
    out |= {
        "RoadStepsDone": sum(s.state == "done" for s in steps),
        "RoadSteps": len(steps),
        "RoadNextStep": (nxt["step"] if nxt else "Every step is done" if steps
                         else "Add the steps on the Roadmap sheet"),
        "RoadNextDue": (dt.date.fromisoformat(nxt["due"]) if nxt and nxt["due"]
                        else "not set" if nxt else ""),
        "CertificateYear": road["cycle"]["year"] or "not certified",
        "CertificateNextDue": (dt.date.fromisoformat(road["cycle"]["next_due"])
                               if road["cycle"]["next_due"] else ""),
        "WorkersCounted": fits["count"],
        "WorkerLimit": fits["threshold"] if fits["threshold"] is not None else "none found",
        "WorkersFit": {True: "fits", False: "over the limit", None: "ask your partner"}[
            fits["fits"]],
        "IncentiveLow": worth["low"] if worth["low"] is not None else no_rebate,
        "IncentiveHigh": worth["high"] if worth["high"] is not None else no_rebate,
        "DaysSinceLostTime": (stats["days_since_lost_time"]
                              if stats["days_since_lost_time"] is not None
                              else "none on record"),
        "RecordableIncidents": stats["recordable_12_months"],
        "RecordableRate": (stats["recordable_rate"] if stats["recordable_rate"] is not None
                           else "enter hours on Company"),
    }
    return out


def same(live: str, expected: str) -> str:
    """1 when a live figure equals the written one, else 0; an error in the live cell is a
    difference. Numbers agree within half a cent, as the engine rounds the rate to 2
    decimals; counts and dates are whole numbers."""
    return (f"=IFERROR(IF(AND(ISNUMBER({live}),ISNUMBER({expected})),"
            f'ABS({live}-{expected})<0.0051,{live}&""={expected}&""),FALSE)*1')


def unfilled() -> str:
    """Records whose computed columns are blank (a row inserted in LibreOffice, a value
    cleared): the Dashboard does not count them, whatever the figures say."""
    item, status = ref("Inspection Schedule", "Item"), ref("Inspection Schedule", "Status")
    course, counted = ref("Training Matrix", "Course"), ref("Training Matrix", "Counted")
    return (f'=SUMPRODUCT((TRIM({item})<>"")*({status}=""))'
            f'+SUMPRODUCT((TRIM({course})<>"")*({counted}=""))')


def verdict(checked_as_of: str, as_of: str, matches: str, differences: list[str],
            unfilled_cell: str) -> str:
    """The SelfTest cell: "OK", or what differs (each difference starts with ", "), rows
    without their formulas, a check for another day, or no check to compare with."""
    listed = "&".join(differences)
    return (f'=IF({unfilled_cell}>0,{unfilled_cell}&" row(s) without their formulas: run '
            f'a check with --write",'
            f'IF(NOT(ISNUMBER({checked_as_of})),"not checked yet: run a check",'
            f'IF({checked_as_of}<>{as_of},"last check was for another day: check again",'
            f'IF(SUM({matches})=ROWS({matches}),"OK",'
            f'"differs: "&MID({listed},3,90)&IF(LEN({listed})>92,"...","")))))')
