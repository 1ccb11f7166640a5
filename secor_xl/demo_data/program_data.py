"""The demo company's written program: what it inspects, what can go wrong, its documents,
hazard assessments, meetings and job sites."""

from __future__ import annotations

from .people_data import CARPENTER_2, FOREMAN, OFFICE, OWNER

# Inspection Schedule: item, type, frequency, responsible, active.
TRUCK_2 = "Truck 2 - 2021 Ram 2500"  # planted: monthly inspection overdue
HARNESSES = "Fall Arrest Harnesses and Lanyards"  # source of the planted overdue action
OLD_TRUCK = "Old Truck - 2012 Chevrolet Silverado"  # sold, retired from the schedule
SCHEDULE: tuple[tuple[str, str, str, str, str], ...] = (
    ("Framing Crew Job Site", "Site", "Weekly", FOREMAN, "Yes"),
    ("Renovation Crew Job Site", "Site", "Monthly", OWNER, "Yes"),
    ("Truck 1 - 2019 Ford F-250", "Vehicle", "Monthly", OWNER, "Yes"),
    (TRUCK_2, "Vehicle", "Monthly", FOREMAN, "Yes"),
    ("Tool Trailer - 16 ft Enclosed", "Vehicle", "Monthly", CARPENTER_2, "Yes"),
    ("Shop and Office", "Office", "Quarterly", OFFICE, "Yes"),
    ("Fire Extinguishers (Shop, Trucks, Trailer)", "Fire Extinguisher", "Monthly", OFFICE,
     "Yes"),
    ("First Aid Kits (Shop and Trucks)", "First Aid Kit", "Monthly", FOREMAN, "Yes"),
    (HARNESSES, "PPE", "Monthly", FOREMAN, "Yes"),
    (OLD_TRUCK, "Vehicle", "Monthly", OWNER, "No"),
)

# Days between two inspections of one item (always within the interval), and
# how many days before as_of the latest inspection was (always on time).
STEP_DAYS = {"Weekly": (5, 7), "Monthly": (24, 28), "Quarterly": (80, 88)}
LAST_DAYS = {"Weekly": (0, 4), "Monthly": (2, 18), "Quarterly": (10, 45)}
TRUCK_2_LAST_DAYS = 49  # about 7 weeks: one month overdue
OLD_TRUCK_SOLD_DAYS = 300

# Inspection type -> (deficiency, corrective action, days to fix).
DEFICIENCIES: dict[str, tuple[tuple[str, str, int], ...]] = {
    "Site": (
        ("Stairwell opening cover not secured or marked",
         "Screw down the stairwell cover and mark it HOLE", 1),
        ("Extension cord with cut insulation in use",
         "Take the cord out of service and replace it", 2),
        ("Offcuts and debris blocking the access path",
         "Clean the access path and put a scrap bin at the entrance", 1),
        ("Extension ladder not tied off at the top",
         "Tie off the ladder and cover ladder set-up at the next toolbox talk", 1),
        ("Guardrail missing on the second-floor landing",
         "Install the guardrail before work continues on that floor", 1),
    ),
    "Vehicle": (
        ("Brake light out", "Replace the bulb and test all lights", 3),
        ("Cracked windshield on the passenger side", "Book a windshield replacement", 10),
        ("Load strap frayed", "Replace the load strap", 3),
        ("Cab fire extinguisher missing its monthly tag",
         "Inspect and tag the cab extinguisher", 2),
    ),
    "Office": (
        ("Exit route partly blocked by file boxes", "Move the boxes to the storage room", 2),
        ("Power bars daisy-chained under the front desk",
         "Replace them with one surge-protected power bar", 5),
    ),
    "Fire Extinguisher": (
        ("Shop extinguisher gauge reads low",
         "Have the extinguisher recharged by the service company", 7),
        ("Trailer extinguisher bracket broken", "Replace the bracket", 4),
    ),
    "First Aid Kit": (
        ("Truck kit short of gloves and gauze", "Restock the kit to the required contents", 3),
        ("Shop kit eyewash bottle past its date", "Replace the eyewash bottle", 5),
    ),
    "PPE": (
        ("Lanyard shock pack partly deployed",
         "Take the lanyard out of service and replace it", 5),
        ("Harness label unreadable", "Retire the harness and buy a new one", 7),
    ),
}
DEFICIENCY_RATE = 0.06

DOCUMENTS: tuple[tuple[str, str], ...] = (  # document, version
    ("Health and Safety Policy", "4"),
    ("Emergency Response Plan", "5"),
    ("Safe Work Practices Manual", "3"),
    ("Safe Job Procedures - Framing and Roofing", "3"),
    ("Hazard Assessment and Control Procedure", "3"),
    ("Inspection Procedure", "2"),
    ("Incident Reporting and Investigation Procedure", "3"),
    ("Training and Orientation Program", "3"),
    ("Personal Protective Equipment Program", "2"),
    ("Fall Protection Plan", "4"),
    ("Working Alone Procedure", "1"),
    ("Worker Rights and Responsibilities", "2"),
    ("Violence and Harassment Prevention Plan", "2"),
)
STALE_DOCUMENT = ("Vehicle and Driving Safety Procedure", "2")  # planted: past review

# Hazard assessments: id, job or task, location, assessed by, days before as_of,
# lines of (hazard, severity, probability, control type, controls).
HazardLine = tuple[str, int, int, str, str]
HAZARD_ASSESSMENTS: tuple[tuple[str, str, str, str, int, tuple[HazardLine, ...]], ...] = (
    ("HA-01", "Wall and floor framing (Carpenter, Apprentice Carpenter, Labourer)",
     "Job sites", FOREMAN, 150, (
        ("Lifting and carrying lumber and wall panels", 3, 3, "Administrative",
         "Two-person lifts over 25 kg; stage material close to the work"),
        ("Wall panel falling while being raised", 4, 2, "Engineering",
         "Wall jacks for long walls; brace before letting go; clear zone"),
        ("Fall through floor openings and stairwells", 5, 2, "Engineering",
         "Cover and secure openings the same day, marked HOLE; guardrails at stairs"),
        ("Tripping on offcuts and cords", 2, 3, "Administrative",
         "Clean as you go; sweep at the end of each day"),
    )),
    ("HA-02", "Roof framing and sheathing (work at heights)", "Job sites", OWNER, 140, (
        ("Fall from roof edge or trusses over 3 m", 5, 3, "PPE",
         "Full-body harness tied to a roof anchor; fall protection plan and rescue plan"),
        ("Truss collapse while setting", 5, 2, "Engineering",
         "Temporary and permanent bracing per the truss layout"),
        ("Tools or material falling on workers below", 4, 2, "Administrative",
         "Controlled access zone below; hard hats; toe boards"),
        ("Wind lifting sheathing sheets", 3, 2, "Administrative",
         "No sheathing in winds over 40 km/h; strap stacks on the roof"),
        ("Ladder slipping at the eave", 4, 2, "Engineering",
         "Ladders tied off and 1 m above the landing; three-point contact"),
    )),
    ("HA-03", "Power tools and nail guns", "Job sites and shop", FOREMAN, 150, (
        ("Nail gun accidental discharge", 4, 3, "Substitution",
         "Sequential-trigger framing nailers only; no bump firing"),
        ("Circular saw kickback and cuts", 4, 2, "Engineering",
         "Guards checked daily; sharp blades; both hands on the saw"),
        ("Noise from saws and compressors", 3, 4, "PPE",
         "Hearing protection when saws or compressor run"),
        ("Wood and silica dust", 3, 3, "Engineering",
         "Saws with dust extraction; cut outdoors; N95 when sweeping"),
        ("Electric shock from damaged cords", 4, 2, "Engineering",
         "GFCI on all temporary power; cords checked at the site inspection"),
    )),
    ("HA-04", "Office work (Office Administrator)", "Shop office", OWNER, 210, (
        ("Strain from long computer work", 2, 3, "Engineering",
         "Adjustable chair and monitor arm; breaks"),
        ("Working alone in the office", 3, 2, "Administrative",
         "Check-in call at noon and at 4 pm (Working Alone Procedure)"),
        ("Slipping at the entrance in winter", 2, 3, "Administrative",
         "Shovel and salt the entrance; mats inside the door"),
    )),
    ("HA-05", "Driving and site supervision (Owner / Supervisor, Foreman)",
     "Trucks and trailer", OWNER, 55, (
        ("Collision on highways and winter roads", 5, 2, "Administrative",
         "Yearly driver abstract; winter tires November to April; no phone while driving"),
        ("Load or tools coming loose", 4, 2, "Engineering",
         "Load racks and ratchet straps; walk-around before leaving"),
        ("Backing into people or objects", 3, 3, "Administrative",
         "Spotter when backing with the trailer; backup camera"),
    )),
    ("HA-06", "Renovation and demolition", "Renovation jobs", OWNER, 240, (
        ("Asbestos in older homes", 5, 2, "Administrative",
         "Hazardous materials survey before opening walls in pre-1990 homes; stop work "
         "if suspected"),
        ("Live wiring in walls", 5, 2, "Elimination",
         "Circuits shut off and locked out at the panel before demolition"),
        ("Dust from demolition", 3, 3, "Engineering",
         "Vacuum with HEPA filter; plastic barriers; N95 respirators"),
    )),
)
SITE_FLHA: HazardLine = (
    "Roof sheathing in gusty wind", 3, 3, "Administrative",
    "Checked the forecast; stop sheathing if gusts pass 40 km/h; stacks strapped",
)

MEETING_TOPICS: dict[int, tuple[str, str]] = {  # calendar month -> (topics, decisions)
    1: ("Cold stress and frostbite; ice on decks", "Warm-up breaks every two hours"),
    2: ("Roof framing hazard assessment review", "Hazard assessment HA-02 still fits"),
    3: ("Spring thaw: site access and mud", "Gravel the access at wet sites"),
    4: ("Fall protection plan and harness inspection", "Harnesses checked monthly, logged"),
    5: ("Heat stress and hydration", "Water cooler on every site"),
    6: ("Nail gun safety: sequential triggers only", "No bump-fire nailers on site"),
    7: ("Wildfire smoke days", "Stop outdoor work when AQHI is 10 or more"),
    8: ("Ladder selection and three-point contact", "Platform ladders for interior work"),
    9: ("Emergency response plan and muster points", "Site address posted on every job"),
    10: ("New products on site and their SDS", "SDS binder updated in both trucks"),
    11: ("Winter driving and vehicle checks", "Winter tires on by November 1"),
    12: ("Year in review: incidents, inspections, goals", "Goals for next year agreed"),
}
MEETING_ACTIONS: dict[int, tuple[str, str, int]] = {  # months before as_of -> action
    15: ("Buy a second spill kit for the tool trailer", FOREMAN, 12),
    10: ("Post the updated emergency phone list in both trucks", OFFICE, 5),
    6: ("Add a winter-tire check to the vehicle inspection form", OFFICE, 7),
    1: ("Buy two more hearing protection kits for the renovation crew", FOREMAN, 9),
}
MISSED_MEETING_MONTHS_AGO = 4  # planted: no safety meeting that month

TOOLBOX_TOPICS = (
    "Ladder set-up and tie-off", "Nail gun sequential triggers", "Housekeeping and scrap bins",
    "Harness fit and inspection", "Lifting wall panels safely", "Hearing protection",
    "Cold weather and layering", "Hydration and heat", "Cord and GFCI checks",
    "Hole covers and guardrails", "Backing with a spotter", "Dust control when cutting",
)
SITES = ("Aspen Ridge lot 14, Airdrie", "Sage Meadows lot 7, Calgary",
         "Heritage Hills lot 31, Cochrane", "Evanston lot 52, Calgary",
         "Reunion lot 9, Airdrie", "Sunset Ridge lot 18, Cochrane")
