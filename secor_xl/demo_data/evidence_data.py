"""What the auditor's three methods find at the demo company (issue 21): who was interviewed
and what they said, what each site's walk-around showed, the safe work procedures for the
high-risk tasks, the equipment's maintenance and the field-level hazard assessments.

Mostly positive, with honest exceptions: the apprentice could not name the muster point,
the newest worker could not say what the policy commits to, one site with debris on the
stairs (its corrective action is raised and closed), one procedure due for review soon.
"""

from __future__ import annotations

from .people_data import (
    APPRENTICE,
    CARPENTER_2,
    CARPENTER_3,
    FOREMAN,
    LABOURER,
    OFFICE,
    OWNER,
)
from .program_data import HARNESSES, HAZARD_ASSESSMENTS, OLD_TRUCK, SITES, TRUCK_2, HazardLine

CONSULTANT = "Gail Whitford (safety consultant)"  # interviews the owner and the foreman
SHOP = "Shop and office, Airdrie"  # the first row of Work Sites

# Who was interviewed: name, role, days before as_of, interviewer. Six people, the sample
# for 8 active workers (questions_data.sample_size); each role present, the newest worker
# and the office included.
INTERVIEWS: tuple[tuple[str, str, int, str], ...] = (
    (OWNER, "Manager", 44, CONSULTANT),
    (FOREMAN, "Supervisor", 44, CONSULTANT),
    (CARPENTER_3, "Worker", 37, OWNER),
    (APPRENTICE, "Worker", 37, OWNER),
    (LABOURER, "Worker", 30, OWNER),
    (OFFICE, "Worker", 30, OWNER),
)

# What a positive answer sounded like, per question (in a few words).
INTERVIEW_NOTES: dict[str, str] = {
    "I1.1": "Owner's commitment to no injuries; posted in the shop and in the truck binders",
    "I1.2": "Named own duties and the supervisor's; written in Roles and Responsibilities",
    "I1.3": "Owner's monthly site visit and the Tuesday safety meeting",
    "I2.1": "Named the main hazards of the job and the controls on the hazard assessment",
    "I2.2": "Fills in the field-level assessment at start-up; last one this month",
    "I3.1": "Named the procedure for the riskiest task and the binder in the truck",
    "I3.2": "Named the PPE the job needs; worn items swapped through the foreman",
    "I3.3": "Services on the maintenance register; unsafe tools tagged out",
    "I3.4": "Would tell the owner or the foreman; it is kept confidential, as the plan says",
    "I4.1": "Weekly site inspection; a reported hazard fixed the same week",
    "I5.1": "Recalled the orientation and the rights to know, participate and refuse",
    "I5.2": "Watches the worker do the task, then signs the competency record",
    "I6.1": "Three air-horn blasts, the muster point at the site sign, kit in the truck",
    "I7.1": "Tells the foreman right away, near misses too",
    "I8.1": "Tuesday meeting and toolbox talks; a concern about cords was answered",
    "I8.2": "Numbers reviewed each quarter; ladder checks added after two near misses",
    "I9.1": f"{CARPENTER_2}, on site every day or by phone",
    "I10.1": "WCB clearance and insurance checked, site orientation, checks on their work",
}

# The honest negatives: (interviewee, question) -> what they said.
# The apprentice is the one the Self-Assessment says missed the muster point.
INTERVIEW_NEGATIVES: dict[tuple[str, str], str] = {
    (APPRENTICE, "I6.1"): "Knew to call 911 and where the kit is; could not name the "
                          "muster point at the current site. Shown it the same day.",
    (LABOURER, "I1.1"): "Knew the policy is posted in the shop; could not say what it "
                        "commits the company to. Covered at the next safety meeting.",
}

# The walk-around of every active site: site, days before as_of.
WALKS: tuple[tuple[str, int], ...] = (
    (SHOP, 20), (SITES[4], 16), (SITES[0], 2), (SITES[1], 1))

# What was seen, per question; "{site}" is filled in.
SEEN: dict[str, str] = {
    "O1.1": "Policy signed by the owner and the OHS Act link posted at {site}",
    "O2.1": "Today's field-level hazard assessment on the job board, signed by the crew",
    "O3.1": "Controls of the hazard assessments in place: guards, covers, guardrails",
    "O3.2": "Everyone in boots, hard hat and glasses; harnesses worn where required",
    "O4.1": "Walkways clear, scrap in the bin, cords off the ground",
    "O5.1": "Tickets shown on request; tools used as trained",
    "O6.1": "Emergency response plan posted with the muster point, hospital route and "
            "contacts",
    "O6.2": "Extinguisher and first aid kit in place, tags current",
    "O8.1": "Safety board with last month's minutes, the inspection report and notices",
    "O10.1": "No visitors during the walk-around; sign-in sheet up to date",
}
SEEN_AT: dict[tuple[str, str], str] = {
    (SHOP, "O2.1"): "Shop hazard assessment for cutting stair stringers, signed",
    (SHOP, "O3.2"): "Safety glasses and hearing protection at the saws",
    (SHOP, "O5.1"): "Office first aider's ticket posted by the kit",
    (SITES[0], "O5.1"): f"Roof crew ({FOREMAN}, {CARPENTER_2}) showed fall protection tickets",
    (SITES[1], "O10.1"): "Electrician (Bow Valley Electric) signed in and oriented, hard hat "
                         "and boots on",
}
NEGATIVE_WALK = (SITES[1], "O4.1",
                 "Demolition debris and offcuts piled on the basement stairs")
NEGATIVE_FIX = ("Clear the basement stairs and put a debris bin by the back door; "
                "housekeeping at every break", FOREMAN, 1)

# Field-level (site-specific) hazard assessments on the walk-around days, besides HA-07:
# id, site, days before as_of, job, assessed by, hazard line.
FIELD_ASSESSMENTS: tuple[tuple[str, str, int, str, str, HazardLine], ...] = (
    ("HA-08", SHOP, 20, "Cutting stair stringers in the shop", FOREMAN,
     ("Table saw kickback", 4, 2, "Engineering",
      "Riving knife and push sticks; guard down; no loose sleeves")),
    ("HA-09", SITES[4], 16, "Floor joists and subfloor", FOREMAN,
     ("Open joist bays at the edges", 4, 2, "Engineering",
      "Subfloor laid from one edge; guardrail at the open side; walk only on sheathing")),
    ("HA-10", SITES[1], 1, "Interior demolition", OWNER,
     ("Debris on the stairs and walkways", 3, 3, "Administrative",
      "Debris to the bin at every break; stairs kept clear")),
)

# Safe work procedures for the high-risk tasks of the hazard assessments: procedure, the
# assessment whose job it is for, kind, days before as_of it was approved (None: due for
# review in three weeks), where kept.
_JOBS = {ha_id: job for ha_id, job, *_ in HAZARD_ASSESSMENTS}
PROCEDURES: tuple[tuple[str, str, str, int | None, str], ...] = (
    ("Working at heights on roofs and trusses", _JOBS["HA-02"], "Safe Job Procedure", 190,
     "Fall protection binder in each truck"),
    ("Raising wall panels and two-person lifts", _JOBS["HA-01"], "Safe Job Procedure", 160,
     "Safety binder in each truck"),
    ("Ladder selection and set-up", _JOBS["HA-01"], "Safe Work Practice", 190,
     "Safety binder in each truck"),
    ("Nail guns: sequential trigger only", _JOBS["HA-03"], "Safe Work Practice", 160,
     "Safety binder in each truck; posted in the shop"),
    ("Circular saw and table saw use", _JOBS["HA-03"], "Safe Job Procedure", 160,
     "Posted at the saws; shared drive"),
    ("Lock-out of circuits before demolition", _JOBS["HA-06"], "Safe Job Procedure", 240,
     "Renovation binder"),
    ("Asbestos check before opening walls", _JOBS["HA-06"], "Safe Work Practice", None,
     "Renovation binder"),
    ("Backing with the trailer: spotter", _JOBS["HA-05"], "Safe Work Practice", 55,
     "In each truck's glove box"),
)
PROCEDURE_DUE_SOON_DAYS = 21

# Preventive maintenance of the scheduled vehicles and equipment: equipment, work done,
# done by, days before as_of for each time, days to the next (None: a year; 0: none, sold).
TRUCK_1 = "Truck 1 - 2019 Ford F-250"
TRAILER = "Tool Trailer - 16 ft Enclosed"
EXTINGUISHERS = "Fire Extinguishers (Shop, Trucks, Trailer)"
MAINTENANCE: tuple[tuple[str, str, str, tuple[int, ...], int | None], ...] = (
    (TRUCK_1, "Oil and filter, tire rotation, brake check", "Airdrie Ford (dealer)",
     (470, 350, 230, 110), 120),
    (TRUCK_2, "Oil and filter, tire rotation, brake check", "Crossroads Ram, Airdrie",
     (440, 320, 200, 80), 120),
    (TRAILER, "Wheel bearings repacked; brakes, lights and hitch checked", CARPENTER_2,
     (400, 35), None),
    (EXTINGUISHERS, "Yearly service and tagging by a certified technician",
     "Foothills Fire Protection", (330,), None),
    (HARNESSES, "Yearly inspection by a competent person", "Foothills Safety Training",
     (250,), None),
    (OLD_TRUCK, "Safety inspection and service before the sale", "Airdrie Ford (dealer)",
     (310,), 0),
)
