"""Every sheet of the master workbook and every column, declared once.

Sheet names and the key columns are the stable contract of
`shared/design/workbook.md`; change them only with a schema version bump.
Source ids in comments point into `shared/domain/secor_reference.yaml`.
"""

from __future__ import annotations

import re

from .lists import LISTS_BY_NAME
from .model import Column, ColumnType, Sheet, SheetKind

SCHEMA_VERSION = "1.6"
"""1.1: Self-Assessment has Action ID. 1.2: the 10 elements of the 2019 Alberta
standard (HS Representatives, Contractors and Visitors, Employees' Rights
Covered, three lists, two Element values, a 10-row readiness table). 1.3: the
province's reporting (Incidents' WCB Report Date and OHS Report Date, Modified
Work among the types) and Work Sites for the emergency response plan. 1.4: rows
that show why they count (Inspection Schedule's Last Inspected, Next Due and
Status; Training Matrix's Counted, Current From and Workers Missing), formulas the
workbook computes. 1.5: Company's Reminder Email and Prepared By, and Meetings'
Guests. 1.6: the auditor's methods: Interviews and Observations, with the
registers the documentation review asks for (Safe Work Procedures, Equipment
Maintenance) and Real Emergency among the Drill Types; the emergency response plan's
Emergency Procedures and Employees' Emergency Role. Minor
versions only add; `secor-xl upgrade` brings an older workbook of the same major
version up to date."""

T = ColumnType


def version_key(version: str) -> tuple[int, ...]:
    """"1.10" after "1.9": a schema version compared by its numbers."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _col(name: str, type_: ColumnType, help_: str, *, required: bool = False,
         list_title: str | None = None, width: int | None = None,
         formula: str | None = None, minimum: float | None = None,
         maximum: float | None = None, since: str = "1.0") -> Column:
    if type_ is T.YESNO:
        list_title = "Yes/No"
    choices = LISTS_BY_NAME[list_title].values if list_title else None
    list_name = LISTS_BY_NAME[list_title].range_name if list_title else None
    if width is None:
        width = {T.DATE: 13, T.INTEGER: 10, T.NUMBER: 12, T.YESNO: 10,
                 T.PEOPLE: 30, T.IDS: 16}.get(type_, max(14, min(len(name) + 4, 24)))
    return Column(name=name, type=type_, required=required, help=help_, list_name=list_name,
                  choices=choices, width=width, formula=formula, minimum=minimum,
                  maximum=maximum, since=since)


def _req(name: str, type_: ColumnType, help_: str, **kw: object) -> Column:
    return _col(name, type_, help_, required=True, **kw)  # type: ignore[arg-type]


COMPANY_FIELDS: tuple[Column, ...] = (
    _req("Company Name", T.TEXT, "Legal or operating name as it appears on the WCB account."),
    _req("Province", T.CHOICE, "Province of the WCB account (two letters).",
         list_title="Province"),
    _col("WCB Account Number", T.TEXT, "Your WCB / WorkSafe account number."),
    _col("Industry", T.TEXT, "What the company does, e.g. residential framing."),
    _col("Certifying Partner", T.TEXT,
         "The safety association that certifies you: pick from your province's partners "
         "(from the SECOR reference; set Province first) or type another name."),
    _req("Number of Workers", T.INTEGER,
         "Everyone on the WCB account in the last 12 months, owners and part-timers "
         "included.", minimum=0, maximum=10000),
    _col("Safety Contact", T.EMPLOYEE, "The person who runs the safety program."),
    _col("Certificate Number", T.TEXT, "SECOR certificate number, once issued."),
    _col("Certificate Issued", T.DATE, "Date printed on the certificate."),
    _col("Next Audit Due", T.DATE,
         "Date the next certification or maintenance submission is due."),
    _col("As-of Date", T.DATE,
         "Leave blank to see everything as of today. Type a date (e.g. the audit date) "
         "to see the workbook as of that day."),
    _col("WCB Premium", T.NUMBER, "Yearly WCB premium in dollars (optional).", minimum=0),
    _col("Hours Worked (12 months)", T.NUMBER,
         "Total hours worked by all workers in the last 12 months (optional).", minimum=0),
    _col("Prescribed Workplace", T.YESNO,
         "Saskatchewan only: Yes if the OHS Regulations list your place of employment "
         "(Table 7, work they treat as highly hazardous), where 5 to 9 workers need an "
         "occupational health and safety representative (Saskatchewan Employment Act "
         "s.3-24). Check the Regulations or ask your certifying partner; No leaves element 9 "
         "n/a under 10 workers.", since="1.6"),
    _col("Worker Threshold Override", T.INTEGER,
         "Leave blank to use your province's small-employer limit (the Dashboard shows "
         "it). Sources disagree on some limits; if your certifying partner gives "
         "another figure, type it here.", minimum=1, maximum=10000),
    _col("Reminder Email", T.EMAIL, "Where secor-xl watch sends this company's reminders "
         "when no --mail-to is given, e.g. the owner's e-mail.", since="1.5"),
    _col("Prepared By", T.TEXT, "Who prepared this safety program binder (the owner, or a "
         "consultant and their firm); printed on the documents.", since="1.5"),
)

SHEETS: tuple[Sheet, ...] = (
    Sheet("Instructions", SheetKind.TEXT, "How to use the workbook, sheet by sheet."),
    Sheet("Dashboard", SheetKind.REPORT,
          "Overdue counts (formulas), readiness by element, and charts.", tab_color="#1F4E79"),
    Sheet("Company", SheetKind.FORM, "Who the employer is and the as-of date.",
          columns=COMPANY_FIELDS, element=8, tab_color="#1F4E79"),
    Sheet("Employees", SheetKind.TABLE, "The roster: everyone on the WCB account.",
          id_column="Employee ID", element=5, columns=(
              _req("Employee ID", T.TEXT, "A short unique code, e.g. E01.", width=12),
              _req("Name", T.TEXT, "Full name as used everywhere else in this workbook.",
                   width=22),
              _req("Position", T.TEXT,
                   "Job title; must match a Position on the Training Matrix.", width=20),
              _req("Start Date", T.DATE, "First day of work."),
              _col("Orientation Date", T.DATE,
                   "Day the safety orientation was done (before work starts)."),
              _col("Supervisor", T.EMPLOYEE, "Who supervises this worker."),
              _req("Status", T.CHOICE, "Active, or Inactive for people who have left.",
                   list_title="Status", width=11),
              _col("Email", T.EMAIL, "Where secor-xl watch sends this person's own items "
                   "(optional).", width=26),
              _col("Rights Covered", T.YESNO,
                   "Did the orientation cover the worker's three rights: to know, to "
                   "participate, and to refuse dangerous work?",
                   since="1.2"),
              _col("Emergency Role", T.TEXT, "What this person does in an emergency, e.g. "
                   "Warden, First Aider, Rescue; blank for none. The emergency response "
                   "plan lists them as the designated workers.", width=18, since="1.6"),
              _col("End Date", T.DATE,
                   "Last day worked, for people who have left (set Status Inactive too). "
                   "The small-employer limit counts the most people employed on one day "
                   "in the last 12 months.", since="1.6"),
          )),
    Sheet("Program Documents", SheetKind.TABLE,
          "The written program: policy, procedures, emergency plan, with review dates.",
          id_column="Document", element=1, columns=(
              _req("Document", T.TEXT, "e.g. Health and Safety Policy.", width=34),
              _col("Version", T.TEXT, "Version or revision number.", width=10),
              _req("Approved By", T.EMPLOYEE, "Owner or manager who signed it."),
              _req("Approved Date", T.DATE, "Date it was signed."),
              _req("Review Due", T.DATE, "Date it must be reviewed again (usually a year)."),
              _col("Communicated", T.YESNO, "Have workers been told about it?"),
          )),
    Sheet("Management Activities", SheetKind.TABLE,
          "What the owner and managers did for safety: site visits, reviews, meetings.",
          element=1, columns=(
              _req("Date", T.DATE, "Day of the activity."),
              _req("Manager", T.EMPLOYEE, "Who took part."),
              _req("Activity", T.CHOICE, "Kind of activity.", list_title="Management Activity"),
              _col("Notes", T.TEXT, "What was done or decided.", width=40),
          )),
    Sheet("Hazard Assessments", SheetKind.TABLE,
          "Hazards of each job or task, their risk and their controls.",
          id_column=None, element=2, columns=(
              _req("Assessment ID", T.TEXT,
                   "Same ID on every hazard line of one assessment, e.g. HA-01.", width=13),
              _req("Type", T.CHOICE, "Formal, or Site-specific (field level).",
                   list_title="Assessment Type", width=13),
              _req("Job or Task", T.TEXT, "The job, task or position assessed.", width=24),
              _col("Location", T.TEXT, "Site, shop, office or vehicle."),
              _req("Hazard", T.TEXT, "What could hurt someone.", width=30),
              _req("Severity", T.INTEGER, "1 (minor) to 5 (fatal).", minimum=1, maximum=5),
              _req("Probability", T.INTEGER, "1 (rare) to 5 (almost certain).",
                   minimum=1, maximum=5),
              _col("Risk Rank", T.FORMULA, "Severity x Probability, computed.",
                   formula='=IF(AND(ISNUMBER([@Severity]),ISNUMBER([@Probability])),'
                           '[@Severity]*[@Probability],"")'),
              _req("Control Type", T.CHOICE,
                   "Best control used, in the order the law asks: elimination first, PPE "
                   "last.",
                   list_title="Control Type"),
              _req("Controls", T.TEXT, "What is done to control the hazard.", width=36),
              _req("Assessed By", T.EMPLOYEE, "Who did the assessment."),
              _req("Assessed Date", T.DATE, "Day it was done or last revised."),
              _req("Review Due", T.DATE, "Day it must be reviewed again."),
              _col("Workers Informed", T.YESNO, "Were affected workers involved and told? (s.8)"),
          )),
    Sheet("Safe Work Procedures", SheetKind.TABLE,
          "The written safe work practices and safe job procedures, one row each: the "
          "high-risk tasks of the hazard assessments need one.",
          id_column="Procedure", element=3, since="1.6", columns=(
              _req("Procedure", T.TEXT, "Its title, e.g. Working at heights on roofs.",
                   width=34),
              _req("Job or Task", T.TEXT, "The job or task it is for, as on Hazard "
                   "Assessments.", width=24),
              _col("Kind", T.CHOICE, "A safe work practice (general rules) or a safe job "
                   "procedure (step by step).", list_title="Procedure Kind", width=18),
              _req("Approved Date", T.DATE, "Day it was approved."),
              _col("Review Due", T.DATE, "Day it must be reviewed again."),
              _col("Workers Trained", T.YESNO, "Have the workers who do the task been "
                   "taken through it?", width=12),
              _col("Where Kept", T.TEXT, "Binder, truck, site box, shared drive.", width=22),
          )),
    Sheet("Inspection Schedule", SheetKind.TABLE,
          "What must be inspected and how often.", id_column="Item", element=4, columns=(
              _req("Item", T.TEXT,
                   "A site, vehicle, extinguisher or area; the Inspection Log must use the "
                   "same name.", width=26),
              _req("Inspection Type", T.CHOICE, "Kind of inspection.",
                   list_title="Inspection Type", width=18),
              _req("Frequency", T.CHOICE,
                   "How often. Fire extinguishers: usually monthly.",
                   list_title="Frequency", width=13),
              _req("Responsible", T.EMPLOYEE, "Who does it."),
              _col("Active", T.YESNO, "No = retired, no longer inspected. Blank counts as Yes."),
              _col("Last Inspected", T.FORMULA, "Computed: the latest inspection of this "
                   "item on the Inspection Log, on or before the as-of day.", width=14,
                   since="1.4"),
              _col("Next Due", T.FORMULA, "Computed: Last Inspected plus the Frequency.",
                   width=13, since="1.4"),
              _col("Status", T.FORMULA, "Computed: Current, Overdue, Never inspected or "
                   "Retired; the Dashboard counts Overdue and Never inspected.", width=15,
                   since="1.4"),
          )),
    Sheet("Inspection Log", SheetKind.TABLE,
          "Every inspection done, with deficiencies and their corrective action.",
          id_column="Inspection ID", element=4, columns=(
              _req("Inspection ID", T.TEXT, "A unique code, e.g. IN-0001.", width=13),
              _req("Date", T.DATE, "Day of the inspection."),
              _req("Item", T.TEXT, "Exactly as named on the Inspection Schedule.", width=26),
              _req("Inspection Type", T.CHOICE, "Kind of inspection.",
                   list_title="Inspection Type", width=18),
              _req("Inspector", T.EMPLOYEE, "Who inspected."),
              _req("Result", T.CHOICE, "Satisfactory, or Deficiencies Found.",
                   list_title="Inspection Result", width=18),
              _col("Deficiency", T.TEXT, "What was wrong.", width=32),
              _col("Action ID", T.TEXT, "The Corrective Actions row that fixes it.", width=11),
          )),
    Sheet("Equipment Maintenance", SheetKind.TABLE,
          "Preventive maintenance of vehicles, equipment and tools: what was done, when, "
          "and when it is due again.", element=3, since="1.6", columns=(
              _req("Equipment", T.TEXT, "The vehicle, machine or tool; the same name as "
                   "on the Inspection Schedule where it is there.", width=26),
              _req("Date", T.DATE, "Day the maintenance was done."),
              _req("Work Done", T.TEXT, "What was done: service, repair, calibration.",
                   width=32),
              _col("Done By", T.TEXT, "Who did it: a worker, a shop, the dealer.", width=20),
              _col("Next Due", T.DATE, "Day (or the date at the next interval) it is due "
                   "again, by the maker's schedule."),
              _col("Action ID", T.TEXT, "The Corrective Actions row, if the work came from "
                   "a deficiency.", width=11),
          )),
    Sheet("Training Matrix", SheetKind.TABLE, "Which course each position needs.",
          element=5, columns=(
              _req("Position", T.TEXT, "Job title, as on Employees.", width=20),
              _req("Course", T.TEXT, "Course or ticket, as on Training Records.", width=28),
              _col("Validity Months", T.INTEGER,
                   "How long the ticket lasts. Blank = it does not expire.",
                   minimum=0, maximum=600),
              _req("Required", T.YESNO, "Yes if the position must hold it."),
              _col("Counted", T.FORMULA, "Computed: Yes when the course is required and "
                   "no earlier line names the same Position and Course.", width=10,
                   since="1.4"),
              _col("Current From", T.FORMULA, "Computed: a record completed on or after "
                   "this day is current (Completed Date + Validity Months reaches the as-of "
                   "day); blank when the course does not expire.", width=13, since="1.4"),
              _col("Workers Missing", T.FORMULA, "Computed: active workers in this Position "
                   "with no current record of this Course (blank where not Counted); the "
                   "Dashboard adds them up.", width=12, since="1.4"),
          )),
    Sheet("Training Records", SheetKind.TABLE,
          "Every course taken, with expiry and competency verification.", element=5, columns=(
              _req("Employee", T.EMPLOYEE, "Who took the course."),
              _req("Course", T.TEXT, "As on the Training Matrix.", width=28),
              _req("Completed Date", T.DATE, "Day the course was completed."),
              _col("Expiry Date", T.DATE,
                   "Printed expiry. Blank = Completed Date + Validity Months of the matrix."),
              _col("Provider", T.TEXT, "Who gave the course."),
              _col("Certificate No", T.TEXT, "Ticket or certificate number."),
              _col("Competency Verified By", T.EMPLOYEE,
                   "Supervisor who watched the worker do the task safely.", width=20),
              _col("Verified Date", T.DATE, "Day competency was verified."),
          )),
    Sheet("Emergency Drills", SheetKind.TABLE,
          "Drills of the emergency response plan.", element=6, columns=(
              _req("Drill Date", T.DATE, "Day of the drill."),
              _req("Drill Type", T.CHOICE, "Scenario practised.", list_title="Drill Type",
                   width=18),
              _col("Location", T.TEXT, "Site or office."),
              _req("Participants", T.PEOPLE, "Names from Employees, separated by commas."),
              _req("Evaluated By", T.EMPLOYEE, "Who evaluated it."),
              _col("Findings", T.TEXT, "What went well and what did not.", width=34),
              _col("Action ID", T.TEXT, "Corrective action raised, if any.", width=11),
          )),
    Sheet("Incidents", SheetKind.TABLE,
          "Incidents and near misses, their reporting and investigation.",
          id_column="Incident ID", element=7, columns=(
              _req("Incident ID", T.TEXT, "A unique code, e.g. INC-001.", width=12),
              _req("Date", T.DATE, "Day it happened."),
              _req("Type", T.CHOICE, "Kind of incident.", list_title="Incident Type", width=15),
              _req("Description", T.TEXT, "What happened.", width=36),
              _col("Person Involved", T.EMPLOYEE, "Injured or involved worker, if any."),
              _req("Reported Date", T.DATE, "Day it was reported to the supervisor."),
              _col("Reported To WCB", T.YESNO, "Lost-time and medical aid claims go to WCB."),
              _col("WCB Report Date", T.DATE, "Day the employer's report of an injury reached "
                   "WCB (the province's deadline is on the Instructions sheet).", width=14,
                   since="1.3"),
              _col("OHS Report Date", T.DATE, "Day a serious injury or incident was reported "
                   "to the OHS regulator, where the law asks for it (at once).", width=14,
                   since="1.3"),
              _col("Site", T.TEXT, "Where it happened: a site on Work Sites.", since="1.3"),
              _col("Investigation Started", T.DATE, "Day the investigation began.", width=14),
              _col("Investigated By", T.EMPLOYEE, "Who investigated."),
              _col("Root Cause", T.TEXT, "Why it happened.", width=30),
              _req("Status", T.CHOICE, "Open or Closed.", list_title="Open/Closed", width=10),
          )),
    Sheet("Corrective Actions", SheetKind.TABLE,
          "One register of actions from inspections, incidents, drills, meetings.",
          id_column="Action ID", element=3, columns=(
              _req("Action ID", T.TEXT, "A unique code, e.g. CA-001.", width=11),
              _req("Source", T.CHOICE, "Where the action came from.",
                   list_title="Action Source", width=16),
              _col("Source Ref", T.TEXT, "ID of the inspection, incident or meeting.",
                   width=13),
              _req("Description", T.TEXT, "What must be done.", width=36),
              _req("Assigned To", T.EMPLOYEE, "Who must do it."),
              _req("Due Date", T.DATE, "When it must be done."),
              _col("Completed Date", T.DATE, "When it was done."),
              _col("Verified By", T.EMPLOYEE, "Who checked it was done and works."),
              _req("Status", T.CHOICE, "Open or Closed.", list_title="Open/Closed", width=10),
          )),
    Sheet("Meetings", SheetKind.TABLE, "Safety meetings and toolbox talks with attendance.",
          id_column="Meeting ID", element=8, columns=(
              _req("Meeting ID", T.TEXT, "A unique code, e.g. M-2025-01.", width=12),
              _req("Date", T.DATE, "Day of the meeting."),
              _req("Type", T.CHOICE, "Kind of meeting.", list_title="Meeting Type", width=16),
              _req("Chair", T.EMPLOYEE, "Who ran it."),
              _req("Attendees", T.PEOPLE, "Names from Employees or from Contractors and "
                   "Visitors, separated by commas."),
              _req("Topics", T.TEXT, "What was discussed.", width=34),
              _col("Decisions", T.TEXT, "What was decided.", width=30),
              _col("Action IDs", T.IDS, "Corrective actions raised, separated by commas."),
              _col("Guests", T.TEXT, "Anyone else who attended (a client, an inspector), "
                   "separated by commas.", width=24, since="1.5"),
          )),
    Sheet("HS Representatives", SheetKind.TABLE,
          "The health and safety representative or committee members: who, since when, "
          "trained when (see \"Your province's law\" below for when one is needed).",
          id_column=None, element=9, since="1.2", columns=(
              _req("Name", T.EMPLOYEE, "The worker designated, as on Employees.", width=22),
              _req("Role", T.CHOICE, "Representative, or a committee member or co-chair "
                   "(larger workplaces).", list_title="HS Role",
                   width=20),
              _req("Designated Date", T.DATE, "Day the employer designated them (or they "
                   "were chosen by the workers)."),
              _col("Training Completed", T.DATE, "Day they finished the representative or "
                   "committee training the law asks for.", width=14),
              _col("Term Ends", T.DATE, "Last day of the term, if there is one; blank = "
                   "still serving."),
              _col("Notes", T.TEXT, "How workers can reach them; what they cover.", width=36),
          )),
    Sheet("Contractors and Visitors", SheetKind.TABLE,
          "Contractors, self-employed persons, suppliers and visitors on your sites: "
          "prequalified, oriented and monitored, as the 2019 audit standard asks.",
          id_column=None, element=10, since="1.2", columns=(
              _req("Name", T.TEXT, "Company, or the visitor's name.", width=24),
              _req("Type", T.CHOICE, "Contractor, Self-employed, Supplier or Visitor.",
                   list_title="Party Type", width=13),
              _col("Contact", T.TEXT, "Who to call, and how.", width=22),
              _col("Scope", T.TEXT, "The work they do, or why they visit.", width=28),
              _col("Site", T.TEXT, "Where."),
              _req("First On Site", T.DATE, "First day on site (or the visit's day)."),
              _col("Last On Site", T.DATE, "Last day on site; blank = still working for you."),
              _col("WCB Clearance Expiry", T.DATE, "Expiry of their WCB clearance letter "
                   "(contractors and the self-employed).", width=14),
              _col("Insurance Expiry", T.DATE, "Expiry of their liability insurance.",
                   width=13),
              _col("COR/SECOR", T.CHOICE, "Their own safety certificate.",
                   list_title="Safety Certificate", width=11),
              _col("Orientation Date", T.DATE, "Day they got your site orientation (hazards, "
                   "emergency plan, rules)."),
              _col("Oriented By", T.EMPLOYEE, "Who gave it."),
              _col("Monitoring Notes", T.TEXT, "What you checked of their work, and when.",
                   width=36),
          )),
    Sheet("Work Sites", SheetKind.TABLE,
          "Where the work is: each site's address and what its emergency response plan "
          "needs (nearest hospital, muster point, contacts).",
          id_column="Site", element=6, since="1.3", columns=(
              _req("Site", T.TEXT, "A short name used on the other sheets, e.g. Lot 14.",
                   width=22),
              _req("Address", T.TEXT, "Street address or legal land description.", width=30),
              _col("Active", T.YESNO, "No = the job is finished. Blank counts as Yes."),
              _col("Nearest Hospital", T.TEXT, "Name and address of the nearest hospital "
                   "with an emergency department.", width=30),
              _col("Route to Hospital", T.TEXT, "How to get there from the site.", width=34),
              _col("Muster Point", T.TEXT, "Where everyone gathers after an evacuation.",
                   width=24),
              _col("Emergency Contacts", T.TEXT, "Who to call: site lead, owner, utilities "
                   "(911 first).", width=30),
              _col("Potential Emergencies", T.TEXT, "What could happen here: fire, fall, "
                   "medical, severe weather, utility strike...", width=30),
              _col("Alarm and Communication", T.TEXT, "How people are warned and how they "
                   "call for help (cell coverage, radio).", width=28),
              _col("First Aid and Equipment", T.TEXT, "Where the first aid kit, fire "
                   "extinguishers and rescue equipment are.", width=30),
              _col("Evacuation and Rescue", T.TEXT, "How everyone leaves the site (the route "
                   "and exits) and how a worker is rescued (from a roof, a trench, a lift).",
                   width=34, since="1.6"),
          )),
    Sheet("Emergency Procedures", SheetKind.TABLE,
          "What to do in each emergency a site's Potential Emergencies names: the steps, "
          "who does what and the equipment; the emergency response plan prints them.",
          id_column="Emergency", element=6, since="1.6", columns=(
              _req("Emergency", T.TEXT, "The emergency, in the words Work Sites' Potential "
                   "Emergencies use, e.g. Fire or Severe weather.", width=26),
              _req("Steps", T.TEXT, "What to do, in order: short numbered steps.", width=60),
              _col("Who Does What", T.TEXT, "Who calls 911, who gives first aid, who meets "
                   "the ambulance, who counts heads.", width=40),
              _col("Equipment", T.TEXT, "What is used and where it is: extinguisher, first "
                   "aid kit, spill kit, radio.", width=30),
          )),
    Sheet("Self-Assessment", SheetKind.TABLE,
          "What only an interview or a visit can show: answer honestly.", element=None,
          columns=(
              _req("Element", T.CHOICE, "Audit element.", list_title="Element", width=30),
              _req("Question", T.TEXT, "What an auditor would ask or look for.", width=60),
              _col("Answer", T.CHOICE, "Yes, Partial or No.", list_title="Answer", width=10),
              _col("Evidence", T.TEXT, "Where the proof is: a document, a record ID, where "
                   "it is kept. For your own review: the score counts records, interviews and "
                   "observation, not these answers.", width=36),
              _col("Action ID", T.IDS, "For an answer of No or Partial: the Corrective "
                   "Actions row that will make it Yes.", width=12, since="1.1"),
          )),
    Sheet("Interviews", SheetKind.TABLE,
          "The auditor's interviews: one row per question asked of one person (secor-xl "
          "interviews prints the guides and proposes who).", element=None, since="1.6",
          columns=(
              _req("Date", T.DATE, "Day of the interview."),
              _req("Interviewee", T.TEXT, "The person asked: a name on Employees, or on "
                   "Contractors and Visitors.", width=22),
              _req("Role", T.CHOICE, "Manager, Supervisor or Worker.",
                   list_title="Interview Role", width=11),
              _col("Interviewer", T.TEXT, "Who asked: the owner, a consultant, the "
                   "auditor.", width=20),
              _req("Question ID", T.TEXT, "The question's ID from the guide, e.g. I6.1.",
                   width=11),
              _req("Answer", T.CHOICE, "Positive (they knew), Negative, or Not Asked.",
                   list_title="Interview Answer", width=11),
              _col("Note", T.TEXT, "What they said, in a few words.", width=40),
          )),
    Sheet("Observations", SheetKind.TABLE,
          "What was seen on a walk-around of each site: one row per checklist question "
          "(secor-xl observe prints the checklist).", element=None, since="1.6", columns=(
              _req("Date", T.DATE, "Day of the walk-around."),
              _req("Site", T.TEXT, "A site on Work Sites.", width=22),
              _col("Observer", T.TEXT, "Who looked.", width=20),
              _req("Question ID", T.TEXT, "The question's ID from the checklist, e.g. O6.1.",
                   width=11),
              _col("What Was Seen", T.TEXT, "What you saw, in a few words.", width=36),
              _req("Result", T.CHOICE, "Positive (as it should be) or Negative.",
                   list_title="Observation Result", width=11),
              _col("Note", T.TEXT, "The fix, or the Action ID raised.", width=30),
          )),
    Sheet("Roadmap", SheetKind.TABLE, "The steps to the certificate and to keeping it.",
          element=8, columns=(
              _req("Step", T.TEXT, "A step on the road to SECOR. When renaming one, keep "
                   "its key words (e.g. 'implemented', 'year 2'): they tell which due-date "
                   "rule applies.", width=44),
              _req("Status", T.CHOICE, "Where it stands.", list_title="Roadmap Status",
                   width=13),
              _col("Date", T.DATE, "Day it was done."),
              _col("Due", T.DATE, "Day it should be done by. Leave it blank to have it "
                   "worked out from the steps before (program implemented, self-evaluation, "
                   "submission, maintenance years 2 and 3, recertification), as the "
                   "Dashboard's next step shows."),
              _col("Notes", T.TEXT, "Details.", width=36),
          )),
    Sheet("Findings", SheetKind.REPORT, "Written by secor-xl check: what is wrong or late.",
          columns=(
              _col("Sheet", T.TEXT, "Sheet of the finding.", width=20),
              _col("Row", T.INTEGER, "Row number on that sheet."),
              _col("Column", T.TEXT, "Column header.", width=20),
              _col("Severity", T.TEXT, "error or warning.", width=10),
              _col("Code", T.TEXT, "Finding code.", width=28),
              _col("Message", T.TEXT, "What to do.", width=70),
          )),
    Sheet("Lists", SheetKind.LISTS, "The dropdown sources; extend a list by typing below it."),
)

SHEETS_BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}


def sheet(name: str) -> Sheet:
    """The sheet called `name`; KeyError names the sheets that exist."""
    try:
        return SHEETS_BY_NAME[name]
    except KeyError:
        raise KeyError(f"no sheet {name!r}; sheets are {', '.join(SHEETS_BY_NAME)}") from None


def table_sheets() -> list[Sheet]:
    """The sheets that are Excel Tables, in workbook order."""
    return [s for s in SHEETS if s.kind is SheetKind.TABLE]
