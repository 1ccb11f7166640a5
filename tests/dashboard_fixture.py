"""A small workbook whose Dashboard counts were worked out by hand.

As of 2025-03-01, chosen so month-end clamping decides cases: EDATE(Jan 31, 1)
is Feb 28 (overdue on Mar 1), while a naive DATE(y, m+1, d) would give Mar 3.
"""

from __future__ import annotations

import datetime as dt

D = dt.date
AS_OF = D(2025, 3, 1)

EMPLOYEES = [
    {"Employee ID": "E1", "Name": "Ann Lee", "Position": "Carpenter", "Start Date": D(2020, 1, 6),
     "Status": "Active"},
    {"Employee ID": "E2", "Name": "Bob Roy", "Position": "Carpenter", "Start Date": D(2021, 5, 3),
     "Status": "Active"},
    {"Employee ID": "E3", "Name": "Cal Doe", "Position": "Labourer", "Start Date": D(2019, 4, 1),
     "Status": "Inactive"},
    {"Employee ID": "E4", "Name": "Dee Fox", "Position": "Labourer", "Start Date": D(2022, 2, 7)},
    {"Employee ID": "E5", "Name": "Eve Ng", "Position": "Office", "Start Date": D(2018, 9, 4),
     "Status": "Active"},
]

MATRIX = [
    ("Carpenter", "First Aid", 36, "Yes"),
    ("Carpenter", "Fall Protection", 36, "Yes"),
    ("Carpenter", "Fall Protection", 36, "Yes"),  # duplicated row: counts once
    ("Carpenter", "WHMIS", 12, "Yes"),
    ("Carpenter", "Orientation", None, "Yes"),  # blank validity: never expires
    ("Carpenter", "Forklift", 36, "No"),  # not required
    ("Labourer", "First Aid", 36, "Yes"),
    ("Labourer", "WHMIS", None, "Yes"),
    ("Office", "WHMIS", 12, "Yes"),
]

RECORDS = [
    # Ann: First Aid expired on Feb 28 but renewed (blank expiry + 36 months): current.
    ("Ann Lee", "First Aid", D(2022, 2, 28), D(2025, 2, 28)),
    ("Ann Lee", "First Aid", D(2025, 2, 20), None),
    # Ann: Fall Protection 2022-03-01 + 36 months = 2025-03-01, the as-of day: current.
    ("Ann Lee", "Fall Protection", D(2022, 3, 1), None),
    # Ann: WHMIS 2024-02-29 + 12 months clamps to 2025-02-28: EXPIRED (1).
    ("Ann Lee", "WHMIS", D(2024, 2, 29), None),
    ("Ann Lee", "Orientation", D(2020, 1, 6), None),
    # Bob: First Aid expiring on the as-of day: current. Fall Protection and
    # Orientation missing: EXPIRED (2, 3). WHMIS typed in another case with spaces.
    ("Bob Roy", "First Aid", D(2022, 3, 1), D(2025, 3, 1)),
    (" bob roy ", " whmis ", D(2024, 6, 1), None),
    # Dee (Status blank = active): latest First Aid expired Feb 1: EXPIRED (4).
    ("Dee Fox", "First Aid", D(2021, 1, 1), D(2024, 1, 1)),
    ("Dee Fox", "First Aid", D(2022, 2, 1), D(2025, 2, 1)),
    ("Dee Fox", "WHMIS", D(2010, 1, 1), None),  # matrix validity blank: current
    # Eve: an old expired record and a current one.
    ("Eve Ng", "WHMIS", D(2023, 1, 1), D(2024, 1, 1)),
    ("Eve Ng", "WHMIS", D(2025, 1, 1), D(2026, 1, 1)),
    # Cal is inactive: his missing courses do not count.
]

SCHEDULE = [
    ("Truck*1", "Vehicle", "Monthly", "Yes"),  # Jan 31 + 1 month = Feb 28 < Mar 1: OVERDUE
    ("Office", "Office", "Quarterly", None),  # Dec 1 + 3 months = Mar 1: due today, fine
    ("Extinguisher A", "Fire Extinguisher", "Monthly", "Yes"),  # Feb 1 + 1 = Mar 1: fine
    ("Main Site", "Site", "Weekly", "Yes"),  # Feb 21 + 7 = Feb 28: OVERDUE
    ("Ladder", "Equipment", "Annual", "No"),  # inactive, never inspected: not counted
    ("First Aid Kit", "First Aid Kit", "Monthly", "Yes"),  # never inspected: OVERDUE
    ("Truck 2", "Vehicle", "Semi-annual", "Yes"),  # Sep 1 + 6 = Mar 1: fine
    ("Truck*", "Vehicle", "Monthly", "Yes"),  # '*' is no wildcard: never inspected: OVERDUE
    ("Daily Check", "Site", "Daily", "Yes"),  # Feb 28 + 1 = Mar 1: fine
    ("Generator", "Equipment", "Monthly", "Yes"),  # only inspected after as-of: OVERDUE
]

LOG = [
    (D(2025, 1, 31), " truck*1 "),
    (D(2024, 12, 1), "office"),
    (D(2025, 3, 15), "Office"),  # after the as-of day: ignored
    (D(2025, 2, 1), "Extinguisher A"),
    (D(2025, 2, 10), "Main Site"),
    (D(2025, 2, 21), "Main Site"),
    (D(2024, 9, 1), "Truck 2"),
    (D(2025, 2, 28), "Daily Check"),
    (D(2025, 3, 5), "Generator"),
]

ACTIONS = [
    ("CA-1", "Open", D(2025, 2, 28)),  # OVERDUE
    ("CA-2", "Closed", D(2025, 1, 1)),  # closed, past due: fine
    ("CA-3", " closed ", D(2025, 1, 1)),  # closed, other case: fine
    ("CA-4", "Open", D(2025, 3, 1)),  # due today: fine
    ("CA-5", "Open", None),  # no due date: not counted
    ("CA-6", "Open", D(2025, 3, 10)),  # not yet due
    ("CA-7", "Open", D(2024, 12, 1)),  # OVERDUE
]

EXPECTED = {"OverdueInspections": 5, "ExpiredTraining": 4, "OverdueActions": 2}


def rows() -> dict[str, list[dict[str, object]]]:
    """The fixture as builder rows."""
    return {
        "Employees": EMPLOYEES,
        "Training Matrix": [{"Position": p, "Course": c, "Validity Months": v, "Required": r}
                            for p, c, v, r in MATRIX],
        "Training Records": [{"Employee": e, "Course": c, "Completed Date": d,
                              "Expiry Date": x} for e, c, d, x in RECORDS],
        "Inspection Schedule": [{"Item": i, "Inspection Type": t, "Frequency": f,
                                 "Responsible": "Ann Lee", "Active": a}
                                for i, t, f, a in SCHEDULE],
        "Inspection Log": [{"Inspection ID": f"IN-{n:03d}", "Date": d, "Item": item,
                            "Inspection Type": "Site", "Inspector": "Ann Lee",
                            "Result": "Satisfactory"} for n, (d, item) in enumerate(LOG, 1)],
        "Corrective Actions": [{"Action ID": a, "Source": "Inspection", "Description": "Fix",
                                "Assigned To": "Ann Lee", "Due Date": due, "Status": st}
                               for a, st, due in ACTIONS],
    }


def company() -> dict[str, object]:
    return {"Company Name": "Fixture Co", "Province": "AB", "Number of Workers": 5,
            "As-of Date": AS_OF}
