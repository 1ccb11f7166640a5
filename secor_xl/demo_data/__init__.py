"""A deterministic sample company for demos, tests and screenshots.

`demo_data(as_of)` returns the records of Prairie Ridge Framing Ltd., an
Alberta framing contractor with 8 workers, covering the 18 months before
`as_of`. The records are in order except for a few honest problems, listed in
`DemoData.problems`, planted so that the Dashboard shows exactly one overdue
inspection, one expired ticket and one overdue corrective action
(`shared/design/workbook.md`).

Every date is computed from `as_of`; the only other input is a fixed random
seed. No clock, no files.

The parts: `people_data` (the roster and its courses), `program_data` (what is
inspected, the documents, hazard assessments, meetings and sites), `evidence_data`
(what the auditor's methods find: interviews, the walk-around, procedures and
maintenance), `days` and `ledger` (dates and the corrective actions register), and
one module per group of sheets (`program`, `logs`, `audit`, `methods`), joined in
`company`. The names below are the ones callers import from `secor_xl.demo_data`.
"""

from __future__ import annotations

from .base import DemoData
from .company import demo_data
from .people_data import (
    APPRENTICE,
    CARPENTER_1,
    CARPENTER_2,
    CARPENTER_3,
    COMPANY_NAME,
    DRIVER,
    EMAIL_DOMAIN,
    EXTRA_COURSES,
    FALL,
    FIRST_AID,
    FOREMAN,
    FORMER,
    FORMER_LEFT_DAYS,
    LABOURER,
    LEADERSHIP,
    MATRIX,
    OFFICE,
    ORIENTATION,
    OWNER,
    P_APPRENTICE,
    P_CARPENTER,
    P_FOREMAN,
    P_LABOURER,
    P_OFFICE,
    P_OWNER,
    POWER_TOOLS,
    REPRESENTATIVE,
    ROSTER,
    SEED,
    SHEET_ORDER,
    VALIDITY,
    WHMIS,
)
from .program_data import (
    DEFICIENCIES,
    DEFICIENCY_RATE,
    DOCUMENTS,
    HARNESSES,
    HAZARD_ASSESSMENTS,
    LAST_DAYS,
    MEETING_ACTIONS,
    MEETING_TOPICS,
    MISSED_MEETING_MONTHS_AGO,
    OLD_TRUCK,
    OLD_TRUCK_SOLD_DAYS,
    SCHEDULE,
    SITE_FLHA,
    SITES,
    STALE_DOCUMENT,
    STEP_DAYS,
    TOOLBOX_TOPICS,
    TRUCK_2,
    TRUCK_2_LAST_DAYS,
    HazardLine,
)

__all__ = [
    "APPRENTICE",
    "CARPENTER_1",
    "CARPENTER_2",
    "CARPENTER_3",
    "COMPANY_NAME",
    "DEFICIENCIES",
    "DEFICIENCY_RATE",
    "DOCUMENTS",
    "DRIVER",
    "EMAIL_DOMAIN",
    "EXTRA_COURSES",
    "FALL",
    "FIRST_AID",
    "FOREMAN",
    "FORMER",
    "FORMER_LEFT_DAYS",
    "HARNESSES",
    "HAZARD_ASSESSMENTS",
    "LABOURER",
    "LAST_DAYS",
    "LEADERSHIP",
    "MATRIX",
    "MEETING_ACTIONS",
    "MEETING_TOPICS",
    "MISSED_MEETING_MONTHS_AGO",
    "OFFICE",
    "OLD_TRUCK",
    "OLD_TRUCK_SOLD_DAYS",
    "ORIENTATION",
    "OWNER",
    "POWER_TOOLS",
    "P_APPRENTICE",
    "P_CARPENTER",
    "P_FOREMAN",
    "P_LABOURER",
    "P_OFFICE",
    "P_OWNER",
    "REPRESENTATIVE",
    "ROSTER",
    "SCHEDULE",
    "SEED",
    "SHEET_ORDER",
    "SITES",
    "SITE_FLHA",
    "STALE_DOCUMENT",
    "STEP_DAYS",
    "TOOLBOX_TOPICS",
    "TRUCK_2",
    "TRUCK_2_LAST_DAYS",
    "VALIDITY",
    "WHMIS",
    "DemoData",
    "HazardLine",
    "demo_data",
]
