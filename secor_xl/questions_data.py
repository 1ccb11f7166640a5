"""The questions an auditor verifies by interview and by observation, and how many to ask.

A SECOR audit checks each question by documentation, interviews with workers,
supervisors and managers, and observation of the workplace (R21-01, R21-02).
The documentation questions are the criteria read from the records
(`score/criteria`); the ones here need a person's answer or a look at the site.
Their answers go on the Interviews and Observations sheets, one row per question,
under the question's ID ("I6.1", "O6.1"), and each question turns its positive
share into points by its `rule` (R21-06):

- "range": the positive share rounded down to a tenth, times the points (73 %
  positive earns 7 of 10; 5 of 6, 83 %, earns 80 % of 3 points, 2.4);
- "threshold": all the points at `threshold` positive or more, else none.

Source ids (R21-..) point into `docs/research/audit_standard_2019.md`.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("Manager", "Supervisor", "Worker")
EVERYONE = ROLES
FRONT_LINE = ("Supervisor", "Worker")
LEADERS = ("Manager", "Supervisor")


@dataclass(frozen=True)
class Rule:
    """How a question's positive share becomes points (AuditSoft's scoring, R21-06)."""

    kind: str  # "range" or "threshold"
    threshold: float = 1.0  # for "threshold": the positive share that earns all the points

    def share(self, positive: int, asked: int) -> float:
        """The part of the points earned for `positive` of `asked` answers, 0 to 1."""
        if asked <= 0:
            return 0.0
        ratio = positive / asked
        if self.kind == "threshold":
            return 1.0 if ratio + 1e-9 >= self.threshold else 0.0
        return int(ratio * 10 + 1e-9) / 10

    def text(self) -> str:
        if self.kind == "threshold":
            return f"all the points at {self.threshold:.0%} positive or more, else none"
        return "the positive share rounded down to a tenth, times the points"


RANGE = Rule("range")
ALL_POSITIVE = Rule("threshold", 1.0)
MOSTLY_POSITIVE = Rule("threshold", 0.7)


@dataclass(frozen=True)
class InterviewQuestion:
    """A question asked of people: who is asked, in plain words, and what a positive
    answer shows (the indicator)."""

    id: str
    element: int
    roles: tuple[str, ...]
    ask: str
    positive: str
    points: float
    rule: Rule
    group: int  # the question group of docs/scoring.md it verifies
    sources: tuple[str, ...]
    confidence: str = "medium"


@dataclass(frozen=True)
class ObservationQuestion:
    """What to look for on a walk-around of each active site, and what is positive."""

    id: str
    element: int
    look_for: str
    positive: str
    points: float
    rule: Rule
    group: int
    sources: tuple[str, ...]
    confidence: str = "medium"


INTERVIEW_QUESTIONS: tuple[InterviewQuestion, ...] = (
    InterviewQuestion(
        "I1.1", 1, EVERYONE,
        "What does the company's health and safety policy say, and where can you read it?",
        "Names the owner's commitment to safety in their own words and where the policy is "
        "posted or kept.", 2, RANGE, 1, ("R21-01", "R21-03")),
    InterviewQuestion(
        "I1.2", 1, EVERYONE,
        "What are your own health and safety responsibilities, and your supervisor's? "
        "Where are they written down?",
        "Names duties of their own level (and of the level above) and where they are "
        "written.", 2, RANGE, 2, ("R21-01", "R21-03")),
    InterviewQuestion(
        "I1.3", 1, FRONT_LINE,
        "How do the owner or managers take part in safety here (site visits, meetings, "
        "inspections)? When did you last see it?",
        "Gives a recent example of management taking part.", 1, RANGE, 3, ("R21-01",)),
    InterviewQuestion(
        "I2.1", 2, FRONT_LINE,
        "What are the main hazards of your job, and how is each one controlled?",
        "Names the main hazards of their job and the controls the hazard assessment "
        "lists.", 3, RANGE, 6, ("R21-01", "R21-03")),
    InterviewQuestion(
        "I2.2", 2, FRONT_LINE,
        "Before you start a new task or a new site, do you fill in a field-level hazard "
        "assessment? When did you last take part in one?",
        "Describes the field-level assessment and a recent one they took part in.", 2,
        RANGE, 7, ("R21-01",)),
    InterviewQuestion(
        "I3.1", 3, FRONT_LINE,
        "Which safe work procedures apply to your work, and where are they kept?",
        "Names a procedure for a high-risk task they do and where it is kept.", 2, RANGE,
        9, ("R21-01",)),
    InterviewQuestion(
        "I3.2", 3, FRONT_LINE,
        "What protective equipment does your job need, and how do you get it replaced when "
        "it is worn or damaged?",
        "Names the PPE the job needs and how it is replaced.", 2, RANGE, 10, ("R21-01",)),
    InterviewQuestion(
        "I3.3", 3, FRONT_LINE,
        "How are vehicles, machines and tools kept in good repair? What do you do with one "
        "that is not safe?",
        "Describes the maintenance routine and tagging out unsafe equipment.", 1, RANGE, 11,
        ("R21-01",)),
    InterviewQuestion(
        "I3.4", 3, FRONT_LINE,
        "If someone threatened, bullied or harassed you at work, what would you do, and who "
        "would you tell?",
        "Knows the violence and harassment plan: how to report, to whom, and that it is "
        "kept confidential.", 2, RANGE, 12, ("R21-01", "R13-29")),
    InterviewQuestion(
        "I4.1", 4, FRONT_LINE,
        "How are inspections done here, and what happens after you report something "
        "unsafe?",
        "Describes the inspections and a hazard reported and fixed.", 2, RANGE, 14,
        ("R21-01",)),
    InterviewQuestion(
        "I5.1", 5, ("Worker",),
        "What did your safety orientation cover? What are your three rights on the job?",
        "Recalls the orientation and names the rights to know, to participate and to refuse "
        "dangerous work.", 3, RANGE, 16, ("R21-01", "R21-03")),
    InterviewQuestion(
        "I5.2", 5, LEADERS,
        "How do you check that a worker can do a task safely before they work on their "
        "own?",
        "Describes watching the worker do the task and recording it.", 2, RANGE, 18,
        ("R21-01",)),
    InterviewQuestion(
        "I6.1", 6, EVERYONE,
        "What do you do here in a fire or a serious injury? Where do you meet, where is the "
        "first aid kit, and who gives first aid?",
        "Names the alarm or call, the muster point, the first aid kit and a first aider.",
        3, RANGE, 19, ("R21-01", "R21-03")),
    InterviewQuestion(
        "I7.1", 7, FRONT_LINE,
        "How, to whom and how soon do you report an injury, a near miss or damage?",
        "Reports at once to the supervisor, near misses included.", 3, RANGE, 22,
        ("R21-01",)),
    InterviewQuestion(
        "I8.1", 8, FRONT_LINE,
        "How do you hear about safety news, and how do you raise a concern? Was your last "
        "concern answered?",
        "Names the meetings or board and a concern that was answered.", 2, RANGE, 26,
        ("R21-01",)),
    InterviewQuestion(
        "I8.2", 8, LEADERS,
        "How often do you look at the injury, near-miss and inspection numbers, and what "
        "did you change because of them?",
        "Names when the statistics were last reviewed and a change made from them.", 1,
        RANGE, 27, ("R21-01",)),
    InterviewQuestion(
        "I9.1", 9, ("Worker",),
        "Who is your health and safety representative, and how do you reach them?",
        "Names the representative (or a committee member) and how to reach them.", 2, RANGE,
        31, ("R21-01",)),
    InterviewQuestion(
        "I10.1", 10, LEADERS,
        "How do you check a contractor before they start, tell them the site's hazards, "
        "and watch their work?",
        "Describes the clearance check, the hazards shared at orientation and the "
        "monitoring.", 2, RANGE, 36, ("R21-01",)),
)

OBSERVATION_QUESTIONS: tuple[ObservationQuestion, ...] = (
    ObservationQuestion(
        "O1.1", 1,
        "The health and safety policy is posted, and the OHS legislation (or how to reach "
        "it) is available to workers.",
        "Both posted or at hand where workers can read them.", 2, ALL_POSITIVE, 1,
        ("R21-01", "R21-02")),
    ObservationQuestion(
        "O2.1", 2,
        "A field-level hazard assessment for today's work is on site, filled in and signed "
        "by the crew.",
        "Present, current and signed.", 2, ALL_POSITIVE, 7, ("R21-01", "R21-02")),
    ObservationQuestion(
        "O3.1", 3,
        "The controls written in the hazard assessments are in place (guards, barriers, "
        "fall protection, tools as listed).",
        "Every control looked at is in place.", 2, RANGE, 8, ("R21-01", "R21-02")),
    ObservationQuestion(
        "O3.2", 3,
        "Workers wear the PPE their hazard assessment asks for, in good condition.",
        "Everyone seen wears it, in good condition.", 2, ALL_POSITIVE, 10,
        ("R21-01", "R21-02")),
    ObservationQuestion(
        "O4.1", 4,
        "Housekeeping is kept up and site conditions match the last inspection report; "
        "deficiencies reported are fixed or tagged.",
        "As the report says, nothing left open.", 2, RANGE, 14, ("R21-01", "R21-02")),
    ObservationQuestion(
        "O5.1", 5,
        "Workers doing ticketed work have their tickets on hand and work as trained.",
        "Tickets shown and the work done as trained.", 2, RANGE, 18, ("R21-01", "R21-02")),
    ObservationQuestion(
        "O6.1", 6,
        "The emergency response plan is posted at the site, with the muster point, the "
        "route to the hospital and the contacts.",
        "Posted and matching the site.", 2, ALL_POSITIVE, 19, ("R21-01", "R21-02")),
    ObservationQuestion(
        "O6.2", 6,
        "Fire extinguishers and first aid kits are in place, charged and stocked, with "
        "their inspection tags up to date.",
        "Every one in place and tagged.", 2, ALL_POSITIVE, 21, ("R21-01", "R21-02")),
    ObservationQuestion(
        "O8.1", 8,
        "A safety board or binder with recent meeting minutes, statistics and notices.",
        "Present and up to date.", 1, ALL_POSITIVE, 26, ("R21-01", "R21-02")),
    ObservationQuestion(
        "O10.1", 10,
        "Visitors and contractors on site signed in, oriented and wearing the site's PPE.",
        "Everyone seen signed in and equipped.", 1, ALL_POSITIVE, 34,
        ("R21-01", "R21-02")),
)

QUESTIONS_BY_ID: dict[str, InterviewQuestion | ObservationQuestion] = {
    **{q.id: q for q in INTERVIEW_QUESTIONS}, **{q.id: q for q in OBSERVATION_QUESTIONS}}

SAMPLE_SIZES: tuple[tuple[int, int], ...] = (
    (4, 0), (5, 4), (7, 5), (8, 6), (9, 7), (11, 8), (14, 9), (16, 10), (18, 11), (20, 12))
"""(up to this many workers, interview this many; 0 = all of them): one partner's table
(TSCBC sampling requirements, amended 2011; R21-05)."""


def sample_size(workers: int) -> int:
    """How many people to interview among `workers` active ones (everyone at 1 to 4)."""
    for most, size in SAMPLE_SIZES:
        if workers <= most:
            return workers if size == 0 else size
    return SAMPLE_SIZES[-1][1]
