"""Each province's own law, as documents, help texts and findings cite it.

Facts from `docs/research/province_profiles.md` (R14-xx) and
`docs/research/audit_standard_2019.md` (R13-xx). A citation with no confirmed
section names the instrument only; a province not researched gets no citation at
all ("your province's occupational health and safety law"), never Alberta's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TOPICS = ("hazard", "emergency", "first_aid", "violence", "refuse", "committee",
          "general_duty", "inspections")
"""What a document cites: hazard assessment and control, the emergency plan, first aid,
violence and harassment, the right to refuse, the committee or representative, the
employer's general duty, workplace inspections."""


@dataclass(frozen=True)
class Reporting:
    """The WCB employer's report: due within `days` (business days when `business`) of the
    injury, for incidents of `types` (Incident Type values, upper case)."""

    days: int
    business: bool
    types: tuple[str, ...]
    rule: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Law:
    """A province's OHS law: the instruments' names and the citation for each topic."""

    code: str
    instruments: str
    citations: dict[str, str] = field(default_factory=dict)
    wcb: Reporting | None = None
    serious: str = ""
    sources: tuple[str, ...] = ()
    researched: bool = True

    def cite(self, topic: str) -> str:
        """The citation for `topic`, else the instruments' names, else a neutral phrase."""
        return self.citations.get(topic) or self.instruments

    def parenthetical(self, topic: str) -> str:
        """" (OHS Code Part 2, ss.7-9)" for help texts; "" where nothing is confirmed."""
        found = self.citations.get(topic)
        return f" ({found})" if found else ""


INJURY_TYPES = ("LOST TIME", "MODIFIED WORK", "MEDICAL AID")

LAWS: dict[str, Law] = {
    "AB": Law(
        "AB", "the Occupational Health and Safety Act, Regulation and Code",
        {"hazard": "OHS Code Part 2, ss.7-9",
         "emergency": "OHS Code Part 7, ss.115-117",
         "first_aid": "OHS Code Part 11",
         "violence": "OHS Code Part 27, s.390",
         "refuse": "OHS Act s.17",
         "committee": "OHS Act ss.13-14",
         "general_duty": "the OHS Act (obligations of employers)",
         "inspections": "OHS Code Part 2 (repeat assessments, s.7)"},
        Reporting(3, False, INJURY_TYPES,
                  "WCB-Alberta: the employer reports within 72 hours of learning of an injury "
                  "that causes lost time or modified work beyond the day of the accident, or "
                  "needs medical aid beyond first aid", ("R13-44", "R13-45")),
        "serious injuries and incidents to OHS as soon as possible (OHS Act s.33)",
        ("L01", "L02", "L03", "R13-29", "R13-39", "R13-08", "R13-48")),
    "BC": Law(
        "BC", "the Workers Compensation Act (Part 2) and the Occupational Health and Safety "
              "Regulation",
        {"hazard": "Workers Compensation Act s.21 and the OHS Regulation",
         "emergency": "OHS Regulation ss.4.13-4.16 and Part 32",
         "first_aid": "OHS Regulation Part 3, ss.3.14-3.21",
         "violence": "OHS Regulation ss.4.27-4.31 and WorkSafeBC's bullying and harassment "
                     "policy",
         "refuse": "OHS Regulation s.3.12",
         "committee": "Workers Compensation Act Part 2, Division 5",
         "general_duty": "Workers Compensation Act s.21",
         "inspections": "OHS Regulation Part 3"},
        Reporting(3, False, INJURY_TYPES,
                  "WorkSafeBC: the employer's report (Form 7) within 3 days of a reportable "
                  "injury (medical treatment, or time away from the usual job after the day "
                  "of injury)", ("R13-66", "R14-41", "R14-42")),
        "serious incidents to WorkSafeBC immediately (Workers Compensation Act s.68)",
        ("R13-52", "R13-63", "R13-61", "R14-38", "R14-36", "R13-53", "R13-67")),
    "MB": Law(
        "MB", "The Workplace Safety and Health Act and the Workplace Safety and Health "
              "Regulation (Man. Reg. 217/2006)",
        {"hazard": "The Workplace Safety and Health Act and Regulation s.2.1",
         "emergency": "The Workplace Safety and Health Act",
         "first_aid": "Workplace Safety and Health Regulation Part 5",
         "violence": "Workplace Safety and Health Regulation Parts 10 and 11",
         "refuse": "The Workplace Safety and Health Act s.43",
         "committee": "The Workplace Safety and Health Act ss.40-41",
         "general_duty": "The Workplace Safety and Health Act s.4",
         "inspections": "Workplace Safety and Health Regulation s.2.4"},
        Reporting(5, True, INJURY_TYPES,
                  "WCB Manitoba: the employer reports within 5 business days when a worker "
                  "misses time or needs medical attention (weekends are skipped here, general "
                  "holidays are not: add a day for each one)", ("R14-14", "R14-15",
                                                                 "R14-16")),
        "serious incidents to Workplace Safety and Health immediately (Regulation ss.2.6-2.7)",
        ("R14-01", "R14-03", "R14-04", "R14-05", "R14-08", "R14-17")),
    "SK": Law(
        "SK", "The Saskatchewan Employment Act, Part III, and The Occupational Health and "
              "Safety Regulations, 2020",
        {"first_aid": "The Occupational Health and Safety Regulations, 2020, Part 5",
         "violence": "The Saskatchewan Employment Act s.3-21",
         "refuse": "The Saskatchewan Employment Act s.3-31",
         "committee": "The Saskatchewan Employment Act ss.3-22 and 3-24",
         "general_duty": "The Occupational Health and Safety Regulations, 2020, s.3-1"},
        Reporting(5, False, INJURY_TYPES,
                  "WCB Saskatchewan: the employer's report (E1) within 5 days of learning of "
                  "an injury that needs medical attention", ("R14-30", "R14-31")),
        "serious incidents to the OHS Division as soon as possible (Regulations ss.2-2, 2-3)",
        ("R14-21", "R14-22", "R14-24", "R14-25", "R14-20", "R14-28")),
}

UNKNOWN = Law("", "your province's occupational health and safety law", researched=False)


def law(code: object) -> Law:
    """The law of a province code (two letters, any case); a neutral one for the others."""
    key = str(code or "").strip().upper()
    return LAWS.get(key, UNKNOWN)


# -- the emergency response plan: what each province's law asks it to cover -----------------

PLAN_PARTS = ("emergencies", "procedures", "equipment", "training", "facilities", "fire",
              "alarm", "first_aid", "evacuation", "designated", "drills")
"""The parts of the plan the document fills in from the workbook; each required item of a
province's list names the part that answers it."""


@dataclass(frozen=True)
class EmergencyPlanLaw:
    """What a province's law asks an emergency response plan to hold: `items` as
    (plan part, what is asked), in the law's order. `confirmed` is False where no section
    listing the contents was confirmed: the items are then a complete plan's outline (the
    SECOR audit's element 6), never presented as that province's law."""

    intro: str
    items: tuple[tuple[str, str], ...]
    citation: str = ""
    sources: tuple[str, ...] = ()
    confirmed: bool = True


_OUTLINE = (
    ("emergencies", "The potential emergencies at each work site"),
    ("procedures", "A procedure for each of them"),
    ("equipment", "Emergency equipment: where it is, how it is used, when it was inspected"),
    ("training", "Emergency response training"),
    ("facilities", "Emergency facilities: the hospital and the route there"),
    ("fire", "Fire protection"),
    ("alarm", "Alarm and emergency communication"),
    ("first_aid", "First aid services"),
    ("evacuation", "Evacuation and rescue: route, muster point, rescue"),
    ("designated", "The workers designated for rescue and evacuation"),
    ("drills", "Drills that practise the plan"),
)

EMERGENCY_PLANS: dict[str, EmergencyPlanLaw] = {
    # OHS Code Part 7 (L02): s.115 the plan, s.116 its contents (a)-(j), s.117 the
    # designated workers and their training exercises.
    "AB": EmergencyPlanLaw(
        "The Occupational Health and Safety Code, Part 7, asks every employer for an "
        "emergency response plan, made with the affected workers and kept current (s.115), "
        "that includes each item below (s.116); the designated workers are trained with "
        "exercises that simulate these emergencies (s.117).",
        (("emergencies", "s.116(a) The identification of potential emergencies"),
         ("procedures", "s.116(b) Procedures for dealing with the identified emergencies"),
         ("equipment", "s.116(c) Emergency equipment and PPE: identification, location and "
                       "operating procedures"),
         ("training", "s.116(d) The emergency response training requirements"),
         ("facilities", "s.116(e) The location and use of emergency facilities"),
         ("fire", "s.116(f) The fire protection requirements"),
         ("alarm", "s.116(g) The alarm and emergency communication requirements"),
         ("first_aid", "s.116(h) The first aid services required"),
         ("evacuation", "s.116(i) Procedures for rescue and evacuation"),
         ("designated", "s.116(j) The designated rescue and evacuation workers"),
         ("drills", "s.117(3) Exercises that simulate the potential emergencies")),
        "OHS Code Part 7, ss.115-117", ("L02",)),
    # WorkSafeBC's summary of OHS Regulation ss.4.13-4.16 and Part 32 (R14-58), the
    # guidelines' headings G4.13(1) risk assessment and G4.16 training (R14-59); first aid
    # is Part 3 (R13-61). Only the group of sections is cited: the section of each item
    # was not confirmed.
    "BC": EmergencyPlanLaw(
        "The Occupational Health and Safety Regulation, sections 4.13 to 4.16 and Part 32 "
        "(Evacuation and Rescue), asks every employer to plan, prepare and train for "
        "emergencies. WorkSafeBC lists what that takes; each item below is answered for "
        "this site.",
        (("emergencies", "A risk assessment of the emergencies most likely at the "
                         "workplace, with the workers taking part"),
         ("procedures", "Written procedures for the emergencies, including evacuation, "
                        "rescue and re-entry once it is safe"),
         ("evacuation", "Well-marked means of escape, and procedures that consider the "
                        "safety of workers with disabilities"),
         ("drills", "Drills at least once a year"),
         ("training", "Training in the emergency procedures and fire prevention, so every "
                      "worker knows how to respond"),
         ("fire", "Fire prevention and fire protection"),
         ("alarm", "A way to raise the alarm and call for help"),
         ("first_aid", "Adequate first aid coverage (OHS Regulation Part 3)"),
         ("equipment", "Equipment and PPE for the workers who rescue, evacuate and re-enter"),
         ("designated", "Enough workers available to carry out rescue"),
         ("facilities", "The hospital and the route there")),
        "OHS Regulation ss.4.13-4.16 and Part 32", ("R14-58", "R14-59", "R13-63", "R13-61")),
}

_UNCONFIRMED = EmergencyPlanLaw(
    "We have not confirmed which sections of your province's occupational health and "
    "safety law list what an emergency response plan must hold, so none is cited here. "
    "The items below are what a complete plan covers (the SECOR audit's element 6); check "
    "your province's law and your certifying partner's audit tool for anything more.",
    _OUTLINE, confirmed=False)


def emergency_plan_law(code: object) -> EmergencyPlanLaw:
    """What the province's law asks the emergency response plan to hold; an outline that
    cites no law where none was confirmed (MB, SK and the provinces not researched)."""
    return EMERGENCY_PLANS.get(str(code or "").strip().upper(), _UNCONFIRMED)
