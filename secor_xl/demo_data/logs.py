"""The demo's logs: training, drills, incidents, meetings and management activities."""

from __future__ import annotations

import calendar
import datetime as dt

from .base import DemoBase, Person
from .days import as_date, clean, edate, first_weekday, month_start
from .people_data import (
    APPRENTICE,
    CARPENTER_1,
    CARPENTER_2,
    CARPENTER_3,
    DRIVER,
    EXTRA_COURSES,
    FALL,
    FIRST_AID,
    FOREMAN,
    FORMER,
    LEADERSHIP,
    MATRIX,
    OFFICE,
    ORIENTATION,
    OWNER,
    POWER_TOOLS,
    REPRESENTATIVE,
    VALIDITY,
    WHMIS,
)
from .program_data import (
    MEETING_ACTIONS,
    MEETING_TOPICS,
    MISSED_MEETING_MONTHS_AGO,
    OLD_TRUCK_SOLD_DAYS,
    SITES,
    TOOLBOX_TOPICS,
)


class LogSheets(DemoBase):
    """Training Matrix and Records, Emergency Drills, Incidents, Meetings and Management
    Activities."""

    # Training ------------------------------------------------------------------

    def training_matrix(self) -> list[dict[str, object]]:
        """Courses per position; Orientation and Power Tools never expire."""
        return [clean({"Position": position, "Course": course,
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

    def _course_records(self, p: Person, course: str) -> list[dict[str, object]]:
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
            return [self._ticket(p, course, edate(expired, -36), verify=True)]
        if course == FIRST_AID and p.name == FOREMAN:
            renewed = self.ago(52)
            old = edate(renewed, -36) - dt.timedelta(days=9)
            return [self._ticket(p, course, old), self._ticket(p, course, renewed)]
        done = end - dt.timedelta(days=self.rng.randint(30, min(1000, tenure - 10)))
        return [self._ticket(p, course, done, verify=course == FALL)]

    def _ticket(self, p: Person, course: str, done: dt.date, *,
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
                            expiry=edate(done, months), verify=verify)

    def _record(self, p: Person, course: str, done: dt.date, *, provider: str,
                cert: str | None = None, expiry: dt.date | None = None,
                verify: bool = False) -> dict[str, object]:
        """One Training Records row; the supervisor verifies competency on the job."""
        verified_by = verified = None
        if verify and p.supervisor:
            day = done + dt.timedelta(days=self.rng.randint(3, 14))
            if day <= (p.left or self.as_of):
                verified_by, verified = p.supervisor, day
        return clean({"Employee": p.name, "Course": course, "Completed Date": done,
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
            rows.append(clean({
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
            first = month_start(self.as_of, months_ago)
            day = min(first_weekday(first, calendar.TUESDAY), self.as_of)
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
            rows.append(clean({
                "Meeting ID": meeting_id, "Date": day, "Type": "Safety Meeting",
                "Chair": OWNER, "Attendees": ", ".join(attendees),
                "Topics": f"{topics}; open corrective actions; recent inspections",
                "Decisions": decisions, "Action IDs": action,
            }))
        missed = month_start(self.as_of, MISSED_MEETING_MONTHS_AGO)
        self.missed_month = missed
        return rows

    def _rep_meetings(self) -> list[dict[str, object]]:
        """The owner meets the representative every quarter (second Thursday)."""
        rows = []
        for months_ago in (16, 13, 10, 7, 4, 1):
            day = min(first_weekday(month_start(self.as_of, months_ago), calendar.THURSDAY)
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
            day = month_start(self.as_of, months_ago) + dt.timedelta(
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
        rows.sort(key=lambda r: as_date(r["Date"]))
        return rows
