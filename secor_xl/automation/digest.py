"""A workbook's digest: what is overdue now, what falls due in 7 and 30 days, and the
readiness score with its change. Rendered as plain text and HTML.

Personal information stays out: no incident descriptions or injured persons'
names, and nothing personal in the subject line.

Each item names the people it is theirs to do (`Item.people`), so a person with an
address on the roster can be sent a digest of their own items only (`for_person`).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..cells import match_key
from ..certification.law_data import law
from ..certification.roadmap import DONE
from ..certification.summary import roadmap_steps
from ..dates import edate, keys
from ..reader.read import ROW, WorkbookData
from ..rules.status import inspection_status, training_status
from ..rules.timeliness import report_due

LOOK_AHEAD_DAYS = 30


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 day", "2 days"; `many` for a plural that is not word + s."""
    return f"{count} {word if count == 1 else many or word + 's'}"


@dataclass(frozen=True)
class Item:
    """One thing with a date: `key` names it the same way every day."""

    key: str
    what: str
    due: dt.date | None  # None: missing, no date to count from
    sheet: str
    row: int
    people: tuple[str, ...] = ()  # whose it is to do, as named in the workbook

    def when(self, today: dt.date) -> str:
        if self.due is None:
            return "missing"
        days = (self.due - today).days
        if days < 0:
            return f"{plural(-days, 'day')} late (due {self.due})"
        if days == 0:
            return f"due today ({self.due})"
        return f"due in {plural(days, 'day')} ({self.due})"


@dataclass
class Digest:
    """What one workbook owes, as of one day."""

    workbook: Path
    company: str
    today: dt.date
    items: list[Item] = field(default_factory=list)
    overall: float | None = None
    previous: float | None = None
    passed: bool | None = None
    verdict: str | None = None  # the score's verdict headline (`score/verdict.py`)
    problem: str | None = None  # the workbook could not be read
    notes: list[str] = field(default_factory=list)
    reminder_email: str | None = None  # the Company's Reminder Email
    roster: dict[str, tuple[str, str]] = field(default_factory=dict)  # key: (name, address)
    person: str | None = None  # set: the digest of this person's own items only

    def for_person(self, names: list[str]) -> Digest:
        """The items that name any of `names` (one person, or the people who share one
        address), without the score: a worker's own list, not the owner's report."""
        wanted = {match_key(n) for n in names}
        mine = [i for i in self.items if any(match_key(p) in wanted for p in i.people)]
        return Digest(self.workbook, self.company, self.today, mine,
                      person=" and ".join(names))

    def addresses(self) -> dict[str, list[str]]:
        """Each roster address named on an item: the names that share it, in order."""
        named = {match_key(p) for i in self.items for p in i.people}
        out: dict[str, list[str]] = {}
        for key, (name, address) in self.roster.items():
            if key in named:
                out.setdefault(address.strip().casefold(), []).append(name)
        return out

    @property
    def overdue(self) -> list[Item]:
        return [i for i in self.items if i.due is None or i.due < self.today]

    def due_within(self, low: int, high: int) -> list[Item]:
        return [i for i in self.items if i.due is not None
                and low <= (i.due - self.today).days <= high]

    def subject(self) -> str:
        if self.problem:
            return f"SECOR reminders: {self.workbook.name} could not be read"
        soon = len(self.due_within(0, 7))
        whose = f"Your SECOR reminders at {self.company}" if self.person else \
            f"SECOR reminders for {self.company}"
        return f"{whose}: {len(self.overdue)} overdue, {soon} due within 7 days"

    def title(self) -> str:
        if self.person:
            return f"SECOR reminders for {self.person}, {self.company}"
        return f"SECOR reminders for {self.company}"

    def intro(self) -> list[str]:
        if self.person:
            return [f"These items of {self.company}'s safety program name you. As of "
                    f"{self.today}."]
        return [f"Workbook: {self.workbook}", f"As of {self.today}"]

    def score_line(self) -> str:
        if self.overall is None:
            return "Readiness score: not available."
        verdict = f"verdict {self.verdict}" if self.verdict else \
            "the program passes today" if self.passed else "the program does not pass today"
        change = ""
        if self.previous is not None:
            delta = self.overall - self.previous
            change = " (no change since the last run)" if abs(delta) < 0.05 else \
                f" ({delta:+.1f} since the last run)"
        return f"Readiness score: {self.overall:.1f} %{change}; {verdict}."

    def sections(self) -> list[tuple[str, list[Item]]]:
        return [("Overdue now", self.overdue),
                ("Due or expiring in the next 7 days", self.due_within(0, 7)),
                ("Due or expiring in 8 to 30 days", self.due_within(8, 30))]

    def text(self) -> str:
        lines = [self.title(), *self.intro(), ""]
        if self.problem:
            return "\n".join([*lines, f"The workbook could not be read: {self.problem}", ""])
        if not self.person:
            lines += [*self.notes, self.score_line(), ""]
        for title, items in self.sections():
            lines.append(f"{title} ({len(items)})")
            lines += [f"  - {i.what}: {i.when(self.today)} [{i.sheet} row {i.row}]"
                      for i in items] or ["  - nothing"]
            lines.append("")
        return "\n".join(lines)

    def html(self) -> str:
        return "<html><body>" + self.html_body() + "</body></html>"

    def html_body(self) -> str:
        """The HTML without its <html><body> wrapper, to go inside another message."""
        e = html.escape
        parts = [f"<h2 style='color:#1F4E79'>{e(self.title())}</h2>",
                 f"<p>{'<br>'.join(e(line) for line in self.intro())}</p>"]
        if self.problem:
            parts.append(f"<p><b>The workbook could not be read:</b> {e(self.problem)}</p>")
            return "".join(parts)
        if not self.person:
            parts += [f"<p><i>{e(n)}</i></p>" for n in self.notes]
            parts.append(f"<p><b>{e(self.score_line())}</b></p>")
        for title, items in self.sections():
            parts.append(f"<h3>{e(title)} ({len(items)})</h3>")
            if not items:
                parts.append("<p>Nothing.</p>")
                continue
            rows = "".join(f"<tr><td>{e(i.what)}</td><td>{e(i.when(self.today))}</td>"
                           f"<td>{e(i.sheet)} row {i.row}</td></tr>" for i in items)
            parts.append("<table border='1' cellpadding='4' style='border-collapse:collapse'>"
                         "<tr><th>What</th><th>When</th><th>Where</th></tr>"
                         f"{rows}</table>")
        return "".join(parts)


def _day(value: object) -> dt.date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    day: dt.date = pd.Timestamp(value).date()
    return day


def _names(*values: object) -> tuple[str, ...]:
    """The names given (blanks left out)."""
    return tuple(v.strip() for v in values if isinstance(v, str) and v.strip())


def roster_addresses(wb: WorkbookData) -> dict[str, tuple[str, str]]:
    """Active people on Employees with an Email: name key -> (name, address); the first
    row wins where a name is typed twice."""
    people = wb.frame("Employees")
    found: dict[str, tuple[str, str]] = {}
    for rec in people[keys(people["Status"]) != "INACTIVE"].to_dict("records"):
        name, address = rec.get("Name"), rec.get("Email")
        if isinstance(name, str) and name.strip() and isinstance(address, str) \
                and address.strip():
            found.setdefault(match_key(name), (name.strip(), address.strip()))
    return found


def dated_items(wb: WorkbookData, today: dt.date) -> list[Item]:
    """Everything with a date within the look-ahead, or overdue, or missing.

    Whose each one is: an inspection the schedule's Responsible, a course the
    trainee, an action its Assigned To, a document review who Approved it, a hazard
    review who Assessed it; the drill, the WCB report, the audit and the Roadmap the
    Company's Safety Contact (the person who runs the program).
    """
    horizon = today + dt.timedelta(days=LOOK_AHEAD_DAYS)
    contact = _names(wb.company.get("Safety Contact"))
    items: list[Item] = []
    for rec in inspection_status(wb, today).to_dict("records"):
        due = _day(rec["due"])
        items.append(Item(f"inspection:{rec['Item']}".upper(),
                          f"Inspect {rec['Item']} ({rec['Frequency'] or 'scheduled'})",
                          due, "Inspection Schedule", int(rec[ROW]),
                          _names(rec["Responsible"])))
    for rec in training_status(wb, today).to_dict("records"):
        never = rec["state"] == "missing"
        expiry = None if never else _day(rec["expiry"])
        if not never and (expiry is None or expiry.year > 9000):
            continue  # does not expire
        where = ("Employees", int(rec["employee_row"])) if never else \
            ("Training Records", int(rec["record_row"]))
        typo = never and pd.notna(rec["typo_row"])
        note = (f" (recorded {rec['typo_name']} on Training Records row "
                f"{rec['typo_row']}: fix the spelling)" if typo
                else " (never taken)" if never else "")
        items.append(Item(f"training:{rec['Name']}:{rec['Course']}".upper(),
                          f"{rec['Course']} for {rec['Name']}{note}", expiry, *where,
                          _names(rec["Name"])))
    actions = wb.frame("Corrective Actions")
    open_ = actions[(keys(actions["Status"]) != "CLOSED") & actions["Due Date"].notna()]
    for rec in open_.to_dict("records"):
        items.append(Item(f"action:{rec['Action ID']}".upper(),
                          f"Corrective action {rec['Action ID']}: {rec['Description'] or ''}"
                          .rstrip(": "), _day(rec["Due Date"]), "Corrective Actions",
                          int(rec[ROW]), _names(rec["Assigned To"])))
    docs = wb.frame("Program Documents")
    for rec in docs[docs["Review Due"].notna()].to_dict("records"):
        items.append(Item(f"document:{rec['Document']}".upper(),
                          f"Review {rec['Document']}", _day(rec["Review Due"]),
                          "Program Documents", int(rec[ROW]), _names(rec["Approved By"])))
    hazards = wb.frame("Hazard Assessments")
    reviews = hazards[hazards["Review Due"].notna()]
    for _key, group in reviews.groupby(keys(reviews["Assessment ID"]), sort=False):
        first = group.sort_values("Review Due").iloc[0]
        items.append(Item(f"hazard:{first['Assessment ID']}".upper(),
                          f"Review hazard assessment {first['Assessment ID']} "
                          f"({first['Job or Task'] or ''})", _day(first["Review Due"]),
                          "Hazard Assessments", int(first[ROW]),
                          _names(first["Assessed By"])))
    drills = wb.frame("Emergency Drills")["Drill Date"].dropna()
    drills = drills[drills <= pd.Timestamp(today)]
    if len(drills):
        last = _day(drills.max())
        assert last is not None
        items.append(Item("DRILL", f"Emergency drill (last held {last})", edate(last, 12),
                          "Emergency Drills", wb.tables["Emergency Drills"].header_row,
                          contact))
    # the province's WCB report rule, as check's missing.wcb_report: the types it covers,
    # due so many days after the employer learned of the injury
    incidents = wb.frame("Incidents")
    rule = law(wb.company.get("Province")).wcb
    unreported = incidents[keys(incidents["Type"]).isin(rule.types if rule else ("LOST TIME",))
                           & incidents["WCB Report Date"].isna()
                           & (keys(incidents["Reported To WCB"]) != "YES")
                           & incidents["Date"].notna()]
    for rec in unreported.to_dict("records"):  # no description, no names: privacy
        learned = rec["Reported Date"] if pd.notna(rec["Reported Date"]) else rec["Date"]
        items.append(Item(f"wcb:{rec['Incident ID']}".upper(),
                          f"Report {str(rec['Type']).strip().lower()} injury "
                          f"{rec['Incident ID']} to WCB", _day(report_due(learned, rule)),
                          "Incidents", int(rec[ROW]), contact))
    audit = wb.company.get("Next Audit Due")
    if isinstance(audit, dt.date):
        items.append(Item("AUDIT", "Next SECOR audit or maintenance submission", audit,
                          "Company", wb.company_rows.get("Next Audit Due", 1), contact))
    for row, step in roadmap_steps(wb):
        if step.status.casefold() in DONE or step.due is None or step.due == audit \
                or not step.binding:
            continue  # done, undated, a guide from another partner's rule, or the audit
            # reminder above already covers it
        items.append(Item(f"roadmap:{step.step}".upper(), f"Roadmap: {step.step}", step.due,
                          "Roadmap", row, contact))
    return sorted((i for i in items if i.due is None or i.due <= horizon),
                  key=lambda i: (i.due or dt.date.min, i.what))
