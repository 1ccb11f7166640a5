"""The demo company's people: the roster, their positions and the courses each needs."""

from __future__ import annotations

SEED = 4207  # fixed, so the same as_of always gives the same company

# Table sheets in workbook order (Self-Assessment and Roadmap stay empty).
SHEET_ORDER = (
    "Employees", "Program Documents", "Management Activities", "Hazard Assessments",
    "Safe Work Procedures", "Inspection Schedule", "Inspection Log", "Equipment Maintenance",
    "Training Matrix", "Training Records", "Emergency Drills", "Incidents",
    "Corrective Actions", "Meetings", "HS Representatives", "Contractors and Visitors",
    "Work Sites", "Emergency Procedures", "Self-Assessment", "Interviews", "Observations",
    "Roadmap",
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

# Who does what in an emergency (Employees' Emergency Role); the others have none.
EMERGENCY_ROLES: dict[str, str] = {
    OWNER: "Warden (shop), First Aider", FOREMAN: "Warden (sites), First Aider, Rescue",
    CARPENTER_2: "First Aider, Rescue", OFFICE: "First Aider (office), calls 911",
}

# emp_id, name, position, months before as_of they started, supervisor, works on site
ROSTER: tuple[tuple[str, str, str, int, str | None, bool], ...] = (
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
