"""The dropdown lists of the `Lists` sheet, one named range each.

A consultant extends a list by typing below it on `Lists`; the named range
grows with it (see `builder/build.py`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ListDef:
    """A list: the header shown on `Lists`, the defined name, and its values."""

    title: str
    range_name: str
    values: tuple[str, ...]


PROVINCES: dict[str, str] = {
    "AB": "Alberta",
    "BC": "British Columbia",
    "SK": "Saskatchewan",
    "MB": "Manitoba",
    "NS": "Nova Scotia",
    "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador",
    "ON": "Ontario",
    "PE": "Prince Edward Island",
    "YT": "Yukon",
    "NT": "Northwest Territories",
    "NU": "Nunavut",
}

# Frequencies and their interval: (months, days). Month intervals clamp at
# month end as Excel's EDATE does (workbook.md, OverdueInspections).
FREQUENCY_INTERVALS: dict[str, tuple[int, int]] = {
    "Daily": (0, 1),
    "Weekly": (0, 7),
    "Monthly": (1, 0),
    "Quarterly": (3, 0),
    "Semi-annual": (6, 0),
    "Annual": (12, 0),
}

ELEMENTS: dict[int, str] = {
    1: "Management leadership and commitment",
    2: "Hazard assessment",
    3: "Hazard control",
    4: "Inspections",
    5: "Training and competency",
    6: "Emergency response",
    7: "Incident investigation",
    8: "Communication and administration",
    9: "Health and safety committee or representative",
    10: "Public, visitors and contracted employers",
}
"""Our numbers stay stable (Self-Assessment labels at clients carry them); the
certifying partners number the 2019 Alberta standard's 10 elements differently
(ACSA: 2 contracted employers, 3 committee; AASP: 4 and 7; R13-01, R13-04),
and `docs/scoring.md` maps ours to theirs."""

LISTS: tuple[ListDef, ...] = (
    ListDef("Province", "List_Province", tuple(PROVINCES)),
    ListDef("Status", "List_Status", ("Active", "Inactive")),
    ListDef("Yes/No", "List_YesNo", ("Yes", "No")),
    ListDef("Open/Closed", "List_OpenClosed", ("Open", "Closed")),
    ListDef("Frequency", "List_Frequency", tuple(FREQUENCY_INTERVALS)),
    ListDef(
        "Inspection Type",
        "List_InspectionType",
        ("Site", "Vehicle", "Equipment", "Office", "Fire Extinguisher", "First Aid Kit", "PPE"),
    ),
    ListDef("Inspection Result", "List_InspectionResult", ("Satisfactory", "Deficiencies Found")),
    ListDef(
        "Control Type",
        "List_ControlType",
        ("Elimination", "Substitution", "Engineering", "Administrative", "PPE"),
    ),
    ListDef("Assessment Type", "List_AssessmentType", ("Formal", "Site-specific")),
    ListDef(
        "Incident Type",
        "List_IncidentType",
        ("Near Miss", "First Aid", "Medical Aid", "Modified Work", "Lost Time",
         "Property Damage", "Vehicle"),
    ),
    ListDef(
        "Action Source",
        "List_ActionSource",
        ("Inspection", "Incident", "Hazard Assessment", "Drill", "Meeting", "Audit", "Other"),
    ),
    ListDef("Meeting Type", "List_MeetingType",
            ("Safety Meeting", "Toolbox Talk", "HS Rep Meeting")),
    ListDef(
        "Drill Type",
        "List_DrillType",
        ("Fire Evacuation", "Medical Emergency", "Spill", "Severe Weather", "Rescue", "Tabletop",
         "Real Emergency"),  # 1.6: an actual emergency, reviewed as a drill would be
    ),
    ListDef(
        "Management Activity",
        "List_ManagementActivity",
        (
            "Site Visit",
            "Inspection",
            "Safety Meeting",
            "Incident Review",
            "Program Review",
            "Training",
        ),
    ),
    ListDef("Answer", "List_Answer", ("Yes", "Partial", "No")),
    ListDef("Element", "List_Element", tuple(f"{k} {v}" for k, v in ELEMENTS.items())),
    ListDef(
        "Roadmap Status", "List_RoadmapStatus", ("Not Started", "In Progress", "Done", "Not Needed")
    ),
    # schema 1.2: new lists go last, where `upgrade` adds them on an older Lists sheet
    ListDef("Party Type", "List_PartyType",
            ("Contractor", "Self-employed", "Supplier", "Visitor")),
    ListDef("Safety Certificate", "List_SafetyCertificate", ("COR", "SECOR", "None", "Unknown")),
    ListDef("HS Role", "List_HSRole",
            ("Representative", "Committee co-chair", "Committee member")),
    # schema 1.6: the auditor's methods (interviews, observation) and two registers
    ListDef("Interview Role", "List_InterviewRole", ("Manager", "Supervisor", "Worker")),
    ListDef("Interview Answer", "List_InterviewAnswer", ("Positive", "Negative", "Not Asked")),
    ListDef("Observation Result", "List_ObservationResult", ("Positive", "Negative")),
    ListDef("Procedure Kind", "List_ProcedureKind", ("Safe Work Practice", "Safe Job Procedure")),
)

LISTS_BY_NAME: dict[str, ListDef] = {lst.title: lst for lst in LISTS}
