"""A deterministic sample company for demos, tests and screenshots.

`demo_data(as_of)` returns the records of Prairie Ridge Framing Ltd., an
Alberta framing contractor with 8 workers, covering the 18 months before
`as_of`. The records are in order except for a few honest problems, listed in
`DemoData.problems`, planted so that the Dashboard shows exactly one overdue
inspection, one expired ticket and one overdue corrective action
(`shared/design/workbook.md`).

Every date is computed from `as_of`; the only other input is a fixed random
seed. No clock, no files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass

from .builder.content import ROADMAP_STEPS, self_assessment_rows

__all__ = ["DemoData", "demo_data"]

SEED = 4207  # fixed, so the same as_of always gives the same company

# Table sheets in workbook order (Self-Assessment and Roadmap stay empty).
SHEET_ORDER = (
    "Employees", "Program Documents", "Management Activities", "Hazard Assessments",
    "Inspection Schedule", "Inspection Log", "Training Matrix", "Training Records",
    "Emergency Drills", "Incidents", "Corrective Actions", "Meetings", "HS Representatives",
    "Contractors and Visitors", "Work Sites", "Self-Assessment", "Roadmap",
)

COMPANY_NAME = "Prairie Ridge Framing Ltd."
EMAIL_DOMAIN = "prairieridgeframing.ca"

# The roster. Names are used verbatim in every employee column.
OWNER = "Dale Kowalski"
FOREMAN = "Marcus Lefebvre"
CARPENTER_1 = "Tyler Bouchard"  # planted: Fall Protection ticket expired
CARPENTER_2 = "Jesse Whitehorse"  # the health and safety representative (8 workers, AB)
REPRESENTATIVE = CARPENTER_2
CARPENTER_3 = "Owen Tremblay"
APPRENTICE = "Liam Duchesne"
LABOURER = "Ana Souza"
OFFICE = "Karen Mitchell"
FORMER = "Brett Hansen"  # left about 14 months before as_of

P_OWNER = "Owner / Supervisor"
P_FOREMAN = "Foreman"
P_CARPENTER = "Carpenter"
P_APPRENTICE = "Apprentice Carpenter"
P_LABOURER = "Labourer"
P_OFFICE = "Office Administrator"

ORIENTATION = "Company Safety Orientation"
WHMIS = "WHMIS 2015"
FIRST_AID = "Standard First Aid and CPR-C"
FALL = "Fall Protection"
POWER_TOOLS = "Power Tools and Nail Gun Safety"
DRIVER = "Driver Abstract Review"
LEADERSHIP = "Leadership for Safety Excellence"

# Validity in months; None = the course does not expire.
VALIDITY: dict[str, int | None] = {
    ORIENTATION: None, WHMIS: 12, FIRST_AID: 36, FALL: 36, POWER_TOOLS: None,
    DRIVER: 12, LEADERSHIP: None,
}

# Position -> (course, required). Order is the order of the Training Matrix.
MATRIX: dict[str, tuple[tuple[str, bool], ...]] = {
    P_OWNER: ((ORIENTATION, True), (WHMIS, True), (FIRST_AID, True), (FALL, True),
              (LEADERSHIP, True), (DRIVER, True)),
    P_FOREMAN: ((ORIENTATION, True), (WHMIS, True), (FIRST_AID, True), (FALL, True),
                (POWER_TOOLS, True), (LEADERSHIP, True), (DRIVER, True)),
    P_CARPENTER: ((ORIENTATION, True), (WHMIS, True), (FIRST_AID, True), (FALL, True),
                  (POWER_TOOLS, True), (DRIVER, False)),
    P_APPRENTICE: ((ORIENTATION, True), (WHMIS, True), (FIRST_AID, True), (FALL, True),
                   (POWER_TOOLS, True)),
    P_LABOURER: ((ORIENTATION, True), (WHMIS, True), (FIRST_AID, False), (FALL, True),
                 (POWER_TOOLS, True)),
    P_OFFICE: ((ORIENTATION, True), (WHMIS, True), (FIRST_AID, False)),
}

# Courses someone holds although the matrix does not require them.
EXTRA_COURSES: dict[str, tuple[str, ...]] = {OFFICE: (FIRST_AID,), CARPENTER_2: (DRIVER,)}

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


@dataclass(frozen=True)
class DemoData:
    """The sample company: Company fields, table rows per sheet, and the planted problems."""

    company: dict[str, object]
    rows: dict[str, list[dict[str, object]]]
    problems: list[str]


def demo_data(as_of: dt.date) -> DemoData:
    """Records of the sample company for the 18 months before `as_of`."""
    return _Demo(as_of).build()


# --- date helpers -------------------------------------------------------------

def _edate(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months, clamped at month end as Excel's EDATE is."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def _month_start(as_of: dt.date, months_ago: int) -> dt.date:
    return _edate(as_of.replace(day=1), -months_ago)


def _first_weekday(month_start: dt.date, weekday: int) -> dt.date:
    return month_start + dt.timedelta(days=(weekday - month_start.weekday()) % 7)


def _monday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _long(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _clean(row: dict[str, object]) -> dict[str, object]:
    """Drop blank cells: a missing key is a blank cell."""
    return {k: v for k, v in row.items() if v is not None and v != ""}


# --- the roster ---------------------------------------------------------------

@dataclass(frozen=True)
class _Person:
    emp_id: str
    name: str
    position: str
    start: dt.date
    supervisor: str | None
    on_site: bool
    left: dt.date | None = None

    def employed(self, day: dt.date) -> bool:
        return self.start <= day and (self.left is None or day <= self.left)

    @property
    def first_name(self) -> str:
        return self.name.split()[0].lower()


# emp_id, name, position, months before as_of they started, supervisor, works on site
_ROSTER: tuple[tuple[str, str, str, int, str | None, bool], ...] = (
    ("E01", OWNER, P_OWNER, 134, None, True),
    ("E02", FOREMAN, P_FOREMAN, 88, OWNER, True),
    ("E03", CARPENTER_1, P_CARPENTER, 61, FOREMAN, True),
    ("E04", CARPENTER_2, P_CARPENTER, 43, FOREMAN, True),
    ("E05", CARPENTER_3, P_CARPENTER, 26, FOREMAN, True),
    ("E06", APPRENTICE, P_APPRENTICE, 16, FOREMAN, True),
    ("E07", LABOURER, P_LABOURER, 9, FOREMAN, True),
    ("E08", OFFICE, P_OFFICE, 70, OWNER, False),
    ("E09", FORMER, P_CARPENTER, 38, FOREMAN, True),
)
FORMER_LEFT_DAYS = 420


# --- corrective actions, numbered once every source has raised its own ---------

@dataclass
class _Action:
    key: str
    raised: dt.date
    source: str
    source_ref: str | None
    description: str
    assigned: str
    due: dt.date
    completed: dt.date | None
    verified_by: str | None


class _Ledger:
    """Collects corrective actions from every source, then numbers them by date.

    Sources write a provisional key into their Action ID cells; `number()`
    gives CA-001... in the order the actions were raised and `relink()`
    swaps the keys for the real IDs.
    """

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.actions: list[_Action] = []
        self.ids: dict[str, str] = {}

    def raise_action(self, raised: dt.date, source: str, ref: str | None, description: str,
                     assigned: str, fix_days: int, due_days: int = 14,
                     open_due: dt.date | None = None) -> str:
        """Record an action; it is closed `fix_days` after it was raised if that is past.

        An action still in progress gets a due date after as_of, so only the
        planted one (`open_due`) is overdue.
        """
        assert fix_days <= due_days
        key = f"#{len(self.actions)}"
        done = raised + dt.timedelta(days=fix_days)
        if open_due is not None or done > self.as_of:
            due = open_due or raised + dt.timedelta(days=due_days)
            action = _Action(key, raised, source, ref, description, assigned, due, None, None)
        else:
            verifier = FOREMAN if assigned == OWNER else OWNER
            action = _Action(key, raised, source, ref, description, assigned,
                             raised + dt.timedelta(days=due_days), done, verifier)
        self.actions.append(action)
        return key

    def number(self) -> None:
        order = sorted(self.actions, key=lambda a: (a.raised, int(a.key[1:])))
        self.ids = {a.key: f"CA-{i:03d}" for i, a in enumerate(order, start=1)}
        self.actions = order

    def relink(self, value: object) -> object:
        if isinstance(value, str) and value.startswith("#"):
            return ", ".join(self.ids[k.strip()] for k in value.split(","))
        return value

    def rows(self) -> list[dict[str, object]]:
        return [_clean({
            "Action ID": self.ids[a.key], "Source": a.source, "Source Ref": a.source_ref,
            "Description": a.description, "Assigned To": a.assigned, "Due Date": a.due,
            "Completed Date": a.completed, "Verified By": a.verified_by,
            "Status": "Closed" if a.completed else "Open",
        }) for a in self.actions]


# --- the company --------------------------------------------------------------

class _Demo:
    """Builds every sheet for one as_of date; one method per sheet."""

    # Set by the sheet that plants each problem, read by problems().
    stale_review_due: dt.date
    truck_2_last: dt.date
    expired_ticket: dt.date
    missed_month: dt.date
    incident_days: list[dt.date]

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.rng = random.Random(SEED)
        self.window_start = _edate(as_of, -18)
        self.ledger = _Ledger(as_of)
        self.people = self._people()
        self.whmis_sessions = (self.ago(745), self.ago(395), self.ago(38))
        self.program_review = self.ago(160)
        self.planted_action = ""

    def ago(self, days: int) -> dt.date:
        return self.as_of - dt.timedelta(days=days)

    def employed(self, day: dt.date, *, on_site: bool = False) -> list[str]:
        return [p.name for p in self.people
                if p.employed(day) and (p.on_site or not on_site)]

    def build(self) -> DemoData:
        """Every sheet, in dependency order: actions are numbered once all are raised."""
        rows: dict[str, list[dict[str, object]]] = {
            "Employees": self.employees(),
            "Program Documents": self.program_documents(),
            "Hazard Assessments": self.hazard_assessments(),
            "Inspection Schedule": self.inspection_schedule(),
            "Inspection Log": self.inspection_log(),
            "Training Matrix": self.training_matrix(),
            "Training Records": self.training_records(),
            "Emergency Drills": self.emergency_drills(),
            "Incidents": self.incidents(),
            "Meetings": self.meetings(),
            "HS Representatives": self.representatives(),
            "Contractors and Visitors": self.contractors_and_visitors(),
            "Work Sites": self.work_sites(),
        }
        rows["Management Activities"] = self.management_activities()
        self.audit_action()
        rows["Self-Assessment"] = self.self_assessment()
        self.ledger.number()
        for row in (r for sheet_rows in rows.values() for r in sheet_rows):
            for col in ("Action ID", "Action IDs"):
                if col in row:
                    row[col] = self.ledger.relink(row[col])
        rows["Corrective Actions"] = self.ledger.rows()
        rows["Roadmap"] = self.roadmap()
        ordered = {name: rows[name] for name in SHEET_ORDER}
        return DemoData(company=self.company(), rows=ordered, problems=self.problems())

    # Self-Assessment and Roadmap ----------------------------------------------

    def self_assessment(self) -> list[dict[str, object]]:
        """The master's questions, answered honestly: mostly Yes with where the proof is, a
        few Partial, each with its corrective action (raised now, due in a month)."""
        partial = {
            "Can workers say, in their own words, what the policy commits the company to?":
                "Two of five workers asked could; review the policy at the next meeting.",
            "Can workers recall what their orientation covered?":
                "Newer workers recalled most of it; the apprentice missed the muster point.",
        }
        rows = []
        for row in self_assessment_rows("AB"):
            question = str(row["Question"])
            answer = "Partial" if question in partial else "Yes"
            evidence = partial.get(question, "Checked by the owner during the last site visit "
                                             "and shown in the records of this workbook.")
            action = None
            if answer == "Partial":
                action = self.ledger.raise_action(self.ago(5), "Audit", None,
                                                  f"Self-assessment: {question}", OWNER, 30, 30)
            rows.append(_clean(row | {"Answer": answer, "Evidence": evidence,
                                      "Action ID": action}))
        return rows

    # Work sites: what each site's emergency response plan needs ------------------------

    def work_sites(self) -> list[dict[str, object]]:
        """The shop, the lots framed in the last 18 months (finished ones inactive)."""
        hospitals = {
            "Airdrie": ("Airdrie Community Health Centre (urgent care), 604 Main St S",
                        "South on Main St S, about 10 minutes"),
            "Calgary": ("Peter Lougheed Centre (emergency), 3500 26 Ave NE, Calgary",
                        "Stoney Trail south to 32 Ave NE, about 20 minutes"),
            "Cochrane": ("Cochrane Community Health Centre (urgent care), 60 Grande Blvd",
                         "Highway 1A east to Grande Blvd, about 10 minutes"),
        }
        active = {SITES[0], SITES[1], SITES[4]}
        rows: list[dict[str, object]] = [{
            "Site": "Shop and office, Airdrie", "Address": "212 East Lake Cres NE, Airdrie",
            "Active": "Yes", "Nearest Hospital": hospitals["Airdrie"][0],
            "Route to Hospital": hospitals["Airdrie"][1],
            "Muster Point": "Front parking lot, by the sign",
            "Emergency Contacts": f"911; {OWNER} 403-555-0101; {OFFICE} 403-555-0108",
            "Potential Emergencies": "Fire, medical emergency, severe weather",
            "Alarm and Communication": "Shout \"fire\" and pull the alarm; phones in the office",
            "First Aid and Equipment": "First aid kit and extinguisher at the shop door; "
                                       "extinguisher in the office",
        }]
        for site in SITES:
            town = site.rsplit(", ", 1)[1]
            hospital, route = hospitals[town]
            rows.append({
                "Site": site, "Address": f"{site.split(',')[0].title()}, {town}, AB",
                "Active": "Yes" if site in active else "No",
                "Nearest Hospital": hospital, "Route to Hospital": route,
                "Muster Point": "Street in front of the lot, by the site sign",
                "Emergency Contacts": f"911; {FOREMAN} 403-555-0102; {OWNER} 403-555-0101",
                "Potential Emergencies": "Fall from height, struck by materials, medical "
                                         "emergency, severe weather, utility strike",
                "Alarm and Communication": "Air horn three blasts; cell phones (coverage "
                                           "checked at start-up)",
                "First Aid and Equipment": "First aid kit and extinguisher in each truck; "
                                           "rescue kit in the tool trailer",
            })
        return rows

    # The representative, contractors and visitors (2019 standard, elements 9 and 10) ------

    def representatives(self) -> list[dict[str, object]]:
        """8 workers in Alberta: a representative (OHS Act s.14), designated and trained
        before the 12 months; their quarterly meetings are on Meetings."""
        designated = _edate(self.as_of, -20)
        return [{"Name": REPRESENTATIVE, "Role": "Representative", "Designated Date": designated,
                 "Training Completed": designated + dt.timedelta(days=23),
                 "Notes": "Chosen by the crew; on the framing crew's site every day; "
                          "concerns by phone or at the Tuesday meeting."}]

    def contractors_and_visitors(self) -> list[dict[str, object]]:
        """Two subcontractors and a self-employed drywaller, prequalified and oriented; a
        supplier and two visitors, oriented."""
        a = self.ago
        site, reno = SITES[0], SITES[1]
        return [_clean(row) for row in (
            {"Name": "Summit Roofing Ltd.", "Type": "Contractor", "Contact": "Raj Patel, "
             "403-555-0142", "Scope": "Shingling and roof vents", "Site": site,
             "First On Site": a(210), "Last On Site": a(160),
             "WCB Clearance Expiry": _edate(self.as_of, 4),
             "Insurance Expiry": _edate(self.as_of, 7), "COR/SECOR": "COR",
             "Orientation Date": a(210), "Oriented By": FOREMAN,
             "Monitoring Notes": "Fall protection checked on each roof visit; tie-offs good."},
            {"Name": "Bow Valley Electric", "Type": "Contractor", "Contact": "Dana Kerr, "
             "403-555-0198", "Scope": "Rough-in wiring", "Site": reno,
             "First On Site": a(45), "WCB Clearance Expiry": _edate(self.as_of, 2),
             "Insurance Expiry": _edate(self.as_of, 9), "COR/SECOR": "SECOR",
             "Orientation Date": a(45), "Oriented By": FOREMAN,
             "Monitoring Notes": "Lock-out on the panel seen at two site inspections."},
            {"Name": "Luis Ortega (drywall)", "Type": "Self-employed", "Contact":
             "403-555-0110", "Scope": "Drywall and taping", "Site": reno,
             "First On Site": a(30), "WCB Clearance Expiry": _edate(self.as_of, 3),
             "Insurance Expiry": _edate(self.as_of, 5), "COR/SECOR": "None",
             "Orientation Date": a(30), "Oriented By": OWNER,
             "Monitoring Notes": "Stilts and dust masks checked on day 1 and day 10."},
            {"Name": "Prairie Lumber (deliveries)", "Type": "Supplier", "Site": site,
             "First On Site": a(300), "Scope": "Lumber drops with a boom truck",
             "Orientation Date": a(300), "Oriented By": FOREMAN},
            {"Name": "City building inspector", "Type": "Visitor", "Site": site,
             "First On Site": a(95), "Last On Site": a(95), "Scope": "Framing inspection",
             "Orientation Date": a(95), "Oriented By": FOREMAN},
            {"Name": "Homeowners (lot 14)", "Type": "Visitor", "Site": site,
             "First On Site": a(20), "Last On Site": a(20), "Scope": "Site walk",
             "Orientation Date": a(20), "Oriented By": OWNER},
        )]

    def roadmap(self) -> list[dict[str, object]]:
        """Certified 14 months ago: the road is walked up to the first maintenance year.

        The year-3 submission and recertification have no typed Due: the engine
        works them out from the certificate date (its anniversaries, S17).
        """
        issued = _edate(self.as_of, -14)
        done_dates = [_edate(issued, -m) for m in (20, 19, 18, 17, 14, 2, 1, 0)]
        rows = [{"Step": step, "Status": "Done", "Date": day}
                for step, day in zip(ROADMAP_STEPS[:8], done_dates, strict=True)]
        rows.append({"Step": ROADMAP_STEPS[8], "Status": "Done", "Date": _edate(issued, 11),
                     "Notes": "Maintenance evaluation accepted by ACSA."})
        rows.append({"Step": ROADMAP_STEPS[9], "Status": "In Progress",
                     "Notes": "Gathering the last 12 months of records."})
        rows.append({"Step": ROADMAP_STEPS[10], "Status": "Not Started"})
        return rows

    # Company ------------------------------------------------------------------

    def company(self) -> dict[str, object]:
        """The Company form; certified 14 months ago, so the year-3 submission is due on the
        certificate's second anniversary, in 10 months (S17)."""
        return {
            "Company Name": COMPANY_NAME,
            "Province": "AB",
            "WCB Account Number": "7731-4408",
            "Industry": "Residential framing and renovation",
            "Certifying Partner": "Alberta Construction Safety Association (ACSA)",
            "Number of Workers": sum(1 for p in self.people if p.left is None),
            "Safety Contact": OWNER,
            "Certificate Number": "SECOR-AB-20871",
            "Certificate Issued": _edate(self.as_of, -14),
            "Next Audit Due": _edate(self.as_of, 10),
            "WCB Premium": 18400,
            "Hours Worked (12 months)": 15200,
            "Reminder Email": f"{OWNER.split()[0].lower()}@{EMAIL_DOMAIN}",
            "Prepared By": f"{OWNER}, owner",
        }

    # Employees ----------------------------------------------------------------

    def _people(self) -> list[_Person]:
        people = []
        for emp_id, name, position, months, supervisor, on_site in _ROSTER:
            start = _monday_on_or_before(_edate(self.as_of, -months))
            left = self.ago(FORMER_LEFT_DAYS) if name == FORMER else None
            people.append(_Person(emp_id, name, position, start, supervisor, on_site, left))
        return people

    def employees(self) -> list[dict[str, object]]:
        """The roster: 8 active workers and one who left; oriented on the first day."""
        return [_clean({
            "Employee ID": p.emp_id, "Name": p.name, "Position": p.position,
            "Start Date": p.start, "Orientation Date": p.start, "Supervisor": p.supervisor,
            "Status": "Inactive" if p.left else "Active",
            "Email": None if p.name == LABOURER else f"{p.first_name}@{EMAIL_DOMAIN}",
            "Rights Covered": "Yes",
        }) for p in self.people]

    # Program Documents ---------------------------------------------------------

    def program_documents(self) -> list[dict[str, object]]:
        """The written program, reviewed yearly; one procedure is past its review."""
        rows = []
        for doc, version in DOCUMENTS:
            approved = self.program_review
            if doc == "Emergency Response Plan":
                approved = self.ago(70)  # updated after the medical emergency drill
            elif doc == "Fall Protection Plan":
                approved = self.ago(190)
            rows.append({"Document": doc, "Version": version, "Approved By": OWNER,
                         "Approved Date": approved, "Review Due": _edate(approved, 12),
                         "Communicated": "Yes"})
        approved = _edate(self.as_of, -13) - dt.timedelta(days=12)
        review_due = _edate(approved, 12)
        rows.append({"Document": STALE_DOCUMENT[0], "Version": STALE_DOCUMENT[1],
                     "Approved By": OWNER, "Approved Date": approved, "Review Due": review_due,
                     "Communicated": "Yes"})
        self.stale_review_due = review_due
        return rows

    # Hazard Assessments --------------------------------------------------------

    def hazard_assessments(self) -> list[dict[str, object]]:
        """Formal assessments of each job, reviewed yearly, and today's site FLHA."""
        rows = []
        for ha_id, job, location, by, days, lines in HAZARD_ASSESSMENTS:
            assessed = self.ago(days)
            for hazard, severity, probability, control_type, controls in lines:
                rows.append({
                    "Assessment ID": ha_id, "Type": "Formal", "Job or Task": job,
                    "Location": location, "Hazard": hazard, "Severity": severity,
                    "Probability": probability, "Control Type": control_type,
                    "Controls": controls, "Assessed By": by, "Assessed Date": assessed,
                    "Review Due": _edate(assessed, 12), "Workers Informed": "Yes",
                })
            if ha_id == "HA-02":
                self.ledger.raise_action(
                    assessed, "Hazard Assessment", ha_id,
                    "Buy a second roof anchor kit and rescue kit for the second crew",
                    OWNER, 20, 30)
        flha_day = self.ago(2)
        hazard, severity, probability, control_type, controls = SITE_FLHA
        rows.append({
            "Assessment ID": "HA-07", "Type": "Site-specific",
            "Job or Task": "Roof sheathing", "Location": SITES[0], "Hazard": hazard,
            "Severity": severity, "Probability": probability, "Control Type": control_type,
            "Controls": controls, "Assessed By": FOREMAN, "Assessed Date": flha_day,
            "Review Due": flha_day + dt.timedelta(days=30), "Workers Informed": "Yes",
        })
        return rows

    # Inspections ---------------------------------------------------------------

    def inspection_schedule(self) -> list[dict[str, object]]:
        """What is inspected and how often; the old truck was sold and retired."""
        return [{"Item": item, "Inspection Type": kind, "Frequency": freq,
                 "Responsible": who, "Active": active}
                for item, kind, freq, who, active in SCHEDULE]

    def _inspection_dates(self, item: str, frequency: str) -> list[dt.date]:
        """Dates of one item's inspections, walked back from the latest one.

        Each gap is shorter than the frequency, so the history is on time; the
        latest is recent, except for Truck 2 (planted) and the sold truck.
        """
        if item == TRUCK_2:
            day = self.ago(TRUCK_2_LAST_DAYS)
        elif item == OLD_TRUCK:
            day = self.ago(OLD_TRUCK_SOLD_DAYS)
        else:
            day = self.ago(self.rng.randint(*LAST_DAYS[frequency]))
        dates = []
        while day >= self.window_start:
            dates.append(day)
            day -= dt.timedelta(days=self.rng.randint(*STEP_DAYS[frequency]))
        return dates[::-1]

    def inspection_log(self) -> list[dict[str, object]]:
        """Every inspection of the schedule; a few found deficiencies and raised actions."""
        entries = []
        for order, (item, kind, freq, who, _active) in enumerate(SCHEDULE):
            dates = self._inspection_dates(item, freq)
            for n, day in enumerate(dates):
                inspector = who
                if freq == "Weekly" and self.rng.random() < 0.15:
                    inspector = OWNER
                deficiency = None
                planted = item == HARNESSES and n == len(dates) - 2
                if planted:
                    deficiency = ("Harness #3 webbing frayed at the back D-ring; tagged out "
                                  "of service", "Buy a replacement for harness #3 and "
                                  "destroy the old one", 0)
                elif self.rng.random() < DEFICIENCY_RATE:
                    deficiency = self.rng.choice(DEFICIENCIES[kind])
                entries.append((day, order, item, kind, inspector, who, deficiency, planted))
        entries.sort(key=lambda e: (e[0], e[1]))
        rows = []
        for i, (day, _order, item, kind, inspector, who, deficiency, planted) in enumerate(
                entries, start=1):
            in_id = f"IN-{i:04d}"
            row: dict[str, object] = {"Inspection ID": in_id, "Date": day, "Item": item,
                                      "Inspection Type": kind, "Inspector": inspector,
                                      "Result": "Satisfactory"}
            if deficiency:
                found, fix, fix_days = deficiency
                open_due = self.ago(10) if planted else None
                key = self.ledger.raise_action(day, "Inspection", in_id, fix, who, fix_days,
                                               open_due=open_due)
                if planted:
                    self.planted_action = key
                row.update({"Result": "Deficiencies Found", "Deficiency": found,
                            "Action ID": key})
            rows.append(row)
        self.truck_2_last = max(_date(r["Date"]) for r in rows if r["Item"] == TRUCK_2)
        return rows

    # Training ------------------------------------------------------------------

    def training_matrix(self) -> list[dict[str, object]]:
        """Courses per position; Orientation and Power Tools never expire."""
        return [_clean({"Position": position, "Course": course,
                        "Validity Months": VALIDITY[course],
                        "Required": "Yes" if required else "No"})
                for position, courses in MATRIX.items() for course, required in courses]

    def training_records(self) -> list[dict[str, object]]:
        """Every ticket each person holds, with renewals; one required ticket lapsed."""
        rows = []
        for p in self.people:
            courses = [c for c, required in MATRIX[p.position] if required]
            courses += EXTRA_COURSES.get(p.name, ())
            for course in courses:
                rows += self._course_records(p, course)
        rows.sort(key=lambda r: (r["Completed Date"], r["Employee"], r["Course"]))
        return rows

    def _course_records(self, p: _Person, course: str) -> list[dict[str, object]]:
        """One person's records of one course: current unless planted or since left."""
        end = p.left or self.as_of
        tenure = (end - p.start).days
        if course == ORIENTATION:
            return [self._record(p, course, p.start, provider="In-house")]
        if course == WHMIS:
            days = [d for d in self.whmis_sessions if p.employed(d)]
            if p.start > self.whmis_sessions[0]:
                days.append(p.start)
            return [self._record(p, course, d, provider=f"In-house ({OWNER})")
                    for d in sorted(days)]
        if course == POWER_TOOLS:
            done = min(p.start + dt.timedelta(days=self.rng.randint(5, 25)), end)
            return [self._record(p, course, done, provider=f"In-house ({FOREMAN})",
                                 verify=True)]
        if course == LEADERSHIP:
            done = self.ago(self.rng.randint(300, 700))
            return [self._record(p, course, done, provider="ACSA",
                                 cert=f"LSE-{self.rng.randint(10000, 99999)}")]
        if course == DRIVER:
            done = self.ago(self.rng.randint(20, 250))
            return [self._record(p, course, done, provider="Alberta Registries",
                                 cert="Abstract on file")]
        if course == FALL and p.name == CARPENTER_1:
            expired = self.ago(21)
            self.expired_ticket = expired
            return [self._ticket(p, course, _edate(expired, -36), verify=True)]
        if course == FIRST_AID and p.name == FOREMAN:
            renewed = self.ago(52)
            old = _edate(renewed, -36) - dt.timedelta(days=9)
            return [self._ticket(p, course, old), self._ticket(p, course, renewed)]
        done = end - dt.timedelta(days=self.rng.randint(30, min(1000, tenure - 10)))
        return [self._ticket(p, course, done, verify=course == FALL)]

    def _ticket(self, p: _Person, course: str, done: dt.date, *,
                verify: bool = False) -> dict[str, object]:
        """An external ticket with its printed expiry."""
        if course == FIRST_AID:
            provider, prefix = self.rng.choice((("St. John Ambulance", "SJA"),
                                                ("Canadian Red Cross", "CRC")))
            cert = f"{prefix}-{self.rng.randint(1000000, 9999999)}"
        else:
            provider = "Foothills Safety Training"
            cert = f"FP-{self.rng.randint(100000, 999999)}"
        months = VALIDITY[course]
        assert months is not None
        return self._record(p, course, done, provider=provider, cert=cert,
                            expiry=_edate(done, months), verify=verify)

    def _record(self, p: _Person, course: str, done: dt.date, *, provider: str,
                cert: str | None = None, expiry: dt.date | None = None,
                verify: bool = False) -> dict[str, object]:
        """One Training Records row; the supervisor verifies competency on the job."""
        verified_by = verified = None
        if verify and p.supervisor:
            day = done + dt.timedelta(days=self.rng.randint(3, 14))
            if day <= (p.left or self.as_of):
                verified_by, verified = p.supervisor, day
        return _clean({"Employee": p.name, "Course": course, "Completed Date": done,
                       "Expiry Date": expiry, "Provider": provider, "Certificate No": cert,
                       "Competency Verified By": verified_by, "Verified Date": verified})

    # Emergency Drills ----------------------------------------------------------

    def emergency_drills(self) -> list[dict[str, object]]:
        """Three drills of the emergency response plan; two raised actions."""
        specs = (
            (470, "Fire Evacuation", "Shop and office, Airdrie", OWNER, False,
             "Everyone out in 2 min 40 s; the newest worker did not know the muster point",
             "Post the muster point map at the shop door and in both trucks", OFFICE),
            (250, "Rescue", SITES[2], FOREMAN, True,
             "Suspended-worker rescue with the rescue kit in 6 min; went well", None, None),
            (75, "Medical Emergency", SITES[4], FOREMAN, True,
             "First aider responded well; caller did not know the site address",
             "Post the site address and directions on every job board", FOREMAN),
        )
        rows = []
        for days, kind, location, evaluator, on_site, findings, fix, assigned in specs:
            day = self.ago(days)
            action = None
            if fix and assigned:
                action = self.ledger.raise_action(day, "Drill", None, fix, assigned, 7)
            rows.append(_clean({
                "Drill Date": day, "Drill Type": kind, "Location": location,
                "Participants": ", ".join(self.employed(day, on_site=on_site)),
                "Evaluated By": evaluator, "Findings": findings, "Action ID": action,
            }))
        return rows

    # Incidents -----------------------------------------------------------------

    def incidents(self) -> list[dict[str, object]]:
        """Two near misses, a first aid, a lost-time claim and a vehicle bump, all investigated
        (the recent near miss by the representative)."""
        specs = (
            (480, "Near Miss", "A sheet of OSB blew off the roof in a gust and landed 2 m "
             "from a worker", FORMER, "No", FOREMAN,
             "Sheathing stack not strapped; wind not checked before sheathing",
             (("Add a wind limit to the roofing safe job procedure", OWNER, 7),
              ("Strap sheathing stacks on roofs at every break", FOREMAN, 2))),
            (330, "First Aid", "Cut to the left hand with a utility knife while trimming "
             "house wrap", CARPENTER_3, "No", FOREMAN,
             "Dull blade; cutting toward the hand",
             (("Switch the crew to self-retracting utility knives", FOREMAN, 5),)),
            (200, "Lost Time", "Fell from the top of a 6 ft stepladder; fractured wrist, "
             "off work 3 weeks", APPRENTICE, "Yes", OWNER,
             "Standing on the top step; ladder too short for the task",
             (("Replace the 6 ft stepladders with 8 ft platform ladders", OWNER, 10),
              ("Toolbox talk on ladder selection for the whole crew", FOREMAN, 3))),
            (60, "Vehicle", "Truck 1 backed into the yard fence post while hooking up the "
             "trailer; bumper dented", CARPENTER_2, "No", OWNER,
             "Backing with the trailer without a spotter",
             (("Make a spotter mandatory when backing with the trailer", OWNER, 4),)),
            (120, "Near Miss", "A nail gun double-fired while toe-nailing a stud; the nail "
             "missed the helper's hand", CARPENTER_3, "No", REPRESENTATIVE,
             "Bump-fire mode used for toe-nailing; covered at the next toolbox talk", ()),
        )
        rows = []
        for n, (days, kind, what, who, wcb, investigator, cause, fixes) in enumerate(
                specs, start=1):
            day = self.ago(days)
            inc_id = f"INC-{n:03d}"
            for fix, assigned, fix_days in fixes:
                self.ledger.raise_action(day + dt.timedelta(days=1), "Incident", inc_id, fix,
                                         assigned, fix_days)
            rows.append({
                "Incident ID": inc_id, "Date": day, "Type": kind, "Description": what,
                "Person Involved": who, "Reported Date": day, "Reported To WCB": wcb,
                "WCB Report Date": day + dt.timedelta(days=1) if wcb == "Yes" else None,
                "Site": SITES[0],
                "Investigation Started": day + dt.timedelta(days=1) if wcb == "Yes" else day,
                "Investigated By": investigator, "Root Cause": cause, "Status": "Closed",
            })
        self.incident_days = [self.ago(s[0]) for s in specs]
        return rows

    # Meetings ------------------------------------------------------------------

    def meetings(self) -> list[dict[str, object]]:
        """Monthly safety meetings (one month missed) and toolbox talks every two weeks."""
        rows = self._safety_meetings() + self._toolbox_talks() + self._rep_meetings()
        rows.sort(key=lambda r: (r["Date"], r["Meeting ID"]))
        return rows

    def _safety_meetings(self) -> list[dict[str, object]]:
        rows = []
        for months_ago in range(17, -1, -1):
            if months_ago == MISSED_MEETING_MONTHS_AGO:
                continue
            first = _month_start(self.as_of, months_ago)
            day = min(_first_weekday(first, calendar.TUESDAY), self.as_of)
            attendees = self.employed(day)
            if self.rng.random() < 0.5:
                attendees.remove(self.rng.choice([a for a in attendees if a != OWNER]))
            topics, decisions = MEETING_TOPICS[day.month]
            meeting_id = f"M-{day:%Y-%m}"
            action = None
            if months_ago in MEETING_ACTIONS:
                fix, assigned, fix_days = MEETING_ACTIONS[months_ago]
                action = self.ledger.raise_action(day, "Meeting", meeting_id, fix, assigned,
                                                  fix_days, 21)
            rows.append(_clean({
                "Meeting ID": meeting_id, "Date": day, "Type": "Safety Meeting",
                "Chair": OWNER, "Attendees": ", ".join(attendees),
                "Topics": f"{topics}; open corrective actions; recent inspections",
                "Decisions": decisions, "Action IDs": action,
            }))
        missed = _month_start(self.as_of, MISSED_MEETING_MONTHS_AGO)
        self.missed_month = missed
        return rows

    def _rep_meetings(self) -> list[dict[str, object]]:
        """The owner meets the representative every quarter (second Thursday)."""
        rows = []
        for months_ago in (16, 13, 10, 7, 4, 1):
            day = min(_first_weekday(_month_start(self.as_of, months_ago), calendar.THURSDAY)
                      + dt.timedelta(days=7), self.as_of)
            rows.append({
                "Meeting ID": f"HS-{day:%Y-%m}", "Date": day, "Type": "HS Rep Meeting",
                "Chair": REPRESENTATIVE, "Attendees": f"{REPRESENTATIVE}, {OWNER}",
                "Topics": "Workers' concerns; inspections and incidents of the quarter; "
                          "contractors on site",
                "Decisions": "Concerns answered at the next safety meeting",
            })
        return rows

    def _toolbox_talks(self) -> list[dict[str, object]]:
        rows = []
        day = self.ago(self.rng.randint(1, 6))
        n = 0
        while day >= self.window_start:
            crew = [a for a in self.employed(day, on_site=True) if a != OWNER]
            rows.append({
                "Meeting ID": f"TT-{day:%Y-%m-%d}", "Date": day, "Type": "Toolbox Talk",
                "Chair": FOREMAN, "Attendees": ", ".join(crew),
                "Topics": TOOLBOX_TOPICS[n % len(TOOLBOX_TOPICS)],
            })
            day -= dt.timedelta(days=14)
            n += 1
        return rows

    # Management Activities ------------------------------------------------------

    def management_activities(self) -> list[dict[str, object]]:
        """The owner's monthly site visits, program reviews and incident reviews."""
        rows = []
        for months_ago in range(17, -1, -1):
            day = _month_start(self.as_of, months_ago) + dt.timedelta(
                days=self.rng.randint(8, 24))
            if self.window_start <= day <= self.as_of:
                site = SITES[months_ago % len(SITES)]
                rows.append({"Date": day, "Manager": OWNER, "Activity": "Site Visit",
                             "Notes": f"Visited the framing crew at {site}; checked "
                                      "guardrails, harness use and housekeeping"})
        rows.append({"Date": self.program_review, "Manager": OWNER,
                     "Activity": "Program Review",
                     "Notes": "Yearly review of the policy and procedures; re-signed"})
        rows.append({"Date": self.ago(OLD_TRUCK_SOLD_DAYS - 5), "Manager": OWNER,
                     "Activity": "Program Review",
                     "Notes": "Sold the 2012 Silverado; retired it from the inspection "
                              "schedule"})
        for day, note in zip(self.incident_days[2:4], (
                "Reviewed the ladder fall investigation and the WCB claim",
                "Reviewed the Truck 1 backing incident with the crew"), strict=True):
            rows.append({"Date": day + dt.timedelta(days=3), "Manager": OWNER,
                         "Activity": "Incident Review", "Notes": note})
        rows.append({"Date": self.whmis_sessions[-1], "Manager": OWNER, "Activity": "Training",
                     "Notes": "Ran the yearly WHMIS refresher for the whole company"})
        rows.sort(key=lambda r: _date(r["Date"]))
        return rows

    # Problems ------------------------------------------------------------------

    def audit_action(self) -> None:
        """The certification audit's recommendation, closed long ago."""
        self.ledger.raise_action(_edate(self.as_of, -15), "Audit", None,
                                 "Write a working-alone procedure for the office", OWNER,
                                 30, 45)

    def problems(self) -> list[str]:
        """The planted problems in plain English, for the demo to print."""
        expired, last, missed = self.expired_ticket, self.truck_2_last, self.missed_month
        action = self.ledger.ids[self.planted_action]
        return [
            f"{CARPENTER_1}'s {FALL} ticket expired on {_long(expired)} and has not been "
            f"renewed; the {P_CARPENTER} position requires it.",
            f"{TRUCK_2} was last inspected on {_long(last)}; its monthly inspection was "
            f"due on {_long(_edate(last, 1))}.",
            f"Corrective action {action} (replace frayed harness #3) is still open; it was "
            f"due on {_long(self.ago(10))}.",
            f"No safety meeting was held in {missed:%B} {missed.year}.",
            f"The {STALE_DOCUMENT[0]} was due for its yearly review on "
            f"{_long(self.stale_review_due)} and has not been reviewed.",
        ]


def _date(value: object) -> dt.date:
    """A row's date, typed for sorting (rows hold plain objects)."""
    assert isinstance(value, dt.date)
    return value
