"""Words a new master starts with: the Instructions, the self-assessment
questions and the roadmap steps. Kept apart from the builder so a consultant
reading the code finds the text in one place.
"""

from __future__ import annotations

from ..certification.committee import RULES as COMMITTEE_RULES
from ..certification.law_data import law
from ..schema import ELEMENTS, PROVINCES

TITLE = "SECOR Health and Safety Program Workbook"

INTRO = (
    "This workbook is your health and safety program's record book. Each sheet keeps one kind "
    "of record an auditor will ask for. Fill in the blue tables; the Dashboard counts what is "
    "overdue by itself, in Excel or LibreOffice, with no add-in needed."
)

GENERAL_STEPS: tuple[tuple[str, str], ...] = (
    ("Start here",
     "Fill in the Company sheet (name, province, number of workers). Then list everyone on "
     "Employees: the other sheets pick names from that roster."),
    ("Adding rows",
     "Type in the first empty row of a table. In Excel the table grows by itself when you type "
     "right below it. In LibreOffice, insert new rows inside the table (right-click a row "
     "number > Insert Rows Above) so the Dashboard counts them. On the Inspection Schedule "
     "and the Training Matrix a new row also needs its computed columns (Status, Workers "
     "Missing...): the first 20 rows have them; for more, run a check with --write (or the "
     "Check button), and the Dashboard's self-test says when a row lacks them."),
    ("Dropdowns",
     "Cells with a small arrow take an answer from a list. The lists live on the Lists sheet: "
     "to add an answer, type it below the others in its column."),
    ("Dates",
     "Type dates as 2025-03-31. A red cell or a warning means the entry is not a date."),
    ("Colours",
     "Red rows are overdue or expired as of the as-of date; amber rows are due within 30 days; "
     "grey rows are inactive."),
    ("As-of date",
     "Leave Company > As-of Date blank to see everything as of today. Type a date (the audit "
     "date, say) to see the whole workbook as it stood that day."),
    ("Never overwrite",
     "Do not type over the Dashboard: its counts are formulas. Findings is written by secor-xl; "
     "edit the sheet the finding names instead."),
    ("secor-xl",
     "With Python installed, `secor-xl check` lists what is wrong or late, row by row, and "
     "`secor-xl score` says how ready you are for the audit, element by element."),
)

SHEET_TIPS: dict[str, str] = {
    "Dashboard": "Overdue counts, records of the last 12 months, interviews and site "
                 "walk-arounds done against what the audit needs, readiness by element, and "
                 "the road to SECOR: next step, certificate year, workers against the limit, "
                 "what the certificate is worth, incident statistics.",
    "Company": "One value per field. The Dashboard reads the As-of Date, the province, the "
               "worker count and limit override, the certificate date, the premium and hours.",
    "Employees": "One row per person on the WCB account. Set Status to Inactive when someone "
                 "leaves; never delete them (their records still count).",
    "Program Documents": "Your written program. Review each document before its Review Due date.",
    "Management Activities": "Every time the owner or a manager visits a site, reviews an "
                             "incident or runs a meeting, add a line.",
    "Hazard Assessments": "One line per hazard; lines of one assessment share the Assessment ID. "
                          "Risk Rank fills itself in.",
    "Inspection Schedule": "Set Active to No to retire an item. Last Inspected, Next Due and "
                           "Status are worked out from the Inspection Log.",
    "Inspection Log": "One line per inspection. Item must match the schedule's name exactly. "
                      "A deficiency gets an Action ID from Corrective Actions.",
    "Training Matrix": "Workers Missing (active workers of that Position without a current "
                       "ticket) is worked out from Employees and Training Records.",
    "Training Records": "One line per course taken. Leave Expiry Date blank to use the matrix's "
                        "Validity Months.",
    "Emergency Drills": "One line per drill; Participants are names separated by commas.",
    "Emergency Procedures": "One line per emergency, named as on Work Sites' Potential "
                            "Emergencies; the emergency response plan prints the procedure "
                            "for each. Change the steps to fit your sites.",
    "Incidents": "Every incident and near miss, reported and investigated promptly.",
    "Corrective Actions": "Every fix, from any source, with an owner and a due date. Set Status "
                          "to Closed when done and verified.",
    "Meetings": "Safety meetings and toolbox talks; Attendees are names separated by commas.",
    "HS Representatives": "Who the health and safety representative or committee members "
                          "are, since when, and when they were trained. Record their meetings "
                          "on Meetings (Type HS Rep Meeting).",
    "Contractors and Visitors": "Everyone not on your payroll who works at or visits your "
                                "sites: clearance and insurance expiry, orientation, what you "
                                "checked of their work.",
    "Self-Assessment": "Answer each question Yes, Partial or No, and write in Evidence where the "
                       "proof is: an answer without evidence earns nothing. A No or Partial "
                       "gets an Action ID from Corrective Actions.",
    "Roadmap": "The steps to the certificate and to keeping it; update Status and Date. A "
               "blank Due is worked out from the steps before.",
    "Findings": "Written by secor-xl check; read only.",
    "Lists": "The dropdown answers; type below a list to extend it.",
}

SELF_ASSESSMENT: dict[int, tuple[str, ...]] = {
    # What only an interview, a visit or a signature shows (S23 interview items, T17).
    1: (
        "Is the health and safety policy signed and dated by the owner, and posted where workers "
        "see it?",
        "Can workers say, in their own words, what the policy commits the company to?",
        "Are the safety responsibilities of the owner, supervisors and workers written down and "
        "known to each of them?",
    ),
    2: (
        "Is there a formal written hazard assessment for every job, task and work site, "
        "including the office and shop?",
        "Were the workers who do the work involved in assessing its hazards?",
        "Do workers know the hazards of their tasks and the controls for them?",
    ),
    3: (
        "Are there written safe work practices or procedures for the high-risk tasks?",
        "Is the right PPE provided, worn and kept in good condition?",
        "Is equipment maintained to the manufacturer's specifications, with defects tagged out?",
    ),
    4: (
        "Does the program say what is inspected, how often and by whom?",
        "Are deficiencies found in inspections fixed and the fixes verified?",
        "Do conditions at the sites match what the inspection reports say?",
    ),
    5: (
        "Does every new or transferred worker get an orientation before starting work?",
        "Is competency verified (watched doing the task safely) before a worker works "
        "unsupervised?",
        "Can workers recall what their orientation covered?",
    ),
    6: (
        "Is there a written emergency response plan for each site with the contents the law "
        "asks for{emergency}?",
        "Do workers know the muster point, the alarm and who the first aiders are?",
        "Are first aid kits and fire extinguishers in place, stocked and inspected?",
    ),
    7: (
        "Do workers know how and when to report an incident or a near miss?",
        "Are incidents investigated by a trained person, with root causes and corrective actions?",
        "Are serious incidents reported to OHS and lost-time claims to WCB on time?",
    ),
    8: (
        "Are safety meetings held regularly, with minutes and attendance?",
        "Do workers say their concerns get raised and answered?",
        "Are the program's statistics and the previous audit's action plan reviewed by "
        "management?",
    ),
    9: (
        "Where the law asks for one{committee}, is the representative or committee designated "
        "and known to workers?",
        "Does the representative take part in inspections and investigations and raise "
        "workers' concerns?",
        "Are concerns raised through the representative answered and recorded?",
    ),
    10: (
        "Are contractors checked before they start (WCB clearance, insurance, safety "
        "certificate)?",
        "Do contractors, suppliers and visitors get an orientation to the site's hazards, "
        "rules and emergency plan?",
        "Is contracted work monitored, and are contractors told of the hazards of the site?",
    ),
}


def questions(province: object = None) -> dict[int, tuple[str, ...]]:
    """The questions in the words of the province's law (`certification.law_data`): a
    citation only where one is confirmed for that province, never another's."""
    code = str(province or "").strip().upper()
    rules = law(code)
    committee = ""
    if code in COMMITTEE_RULES:
        rule = COMMITTEE_RULES[code]
        reps = rule.representative_note or (
            f"a representative at {rule.representative_from}-{rule.committee_from - 1} workers")
        committee = f" ({PROVINCES[code]}: {reps}, a committee at {rule.committee_from} or more)"
    fill = {"emergency": rules.parenthetical("emergency"), "committee": committee}
    return {element: tuple(q.format(**fill) for q in texts)
            for element, texts in SELF_ASSESSMENT.items()}


def self_assessment_rows(province: object = None) -> list[dict[str, object]]:
    """The questions as Self-Assessment rows, answers left blank."""
    return [{"Element": f"{element} {ELEMENTS[element]}", "Question": q}
            for element, texts in questions(province).items() for q in texts]


ROADMAP_STEPS: tuple[str, ...] = (
    # The road the certifying partners describe (S01, S14, S16, S10, S17).
    "WCB account in good standing",
    "Certifying partner chosen",
    "Evaluator trained (course and date)",
    "Health and safety program written",
    "Program implemented, with records for the period the partner asks",
    "Self-evaluation scored at or above the pass mark",
    "Submission sent to the certifying partner",
    "Certificate issued",
    "Maintenance submission, year 2",
    "Maintenance submission, year 3",
    "Recertification",
)


def roadmap_rows() -> list[dict[str, object]]:
    return [{"Step": step, "Status": "Not Started"} for step in ROADMAP_STEPS]
