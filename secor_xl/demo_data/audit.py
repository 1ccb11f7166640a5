"""The demo's audit trail: the owner's self-assessment, the sites' emergency plans, the
representative, contractors, the road to the certificate and the planted problems."""

from __future__ import annotations

import datetime as dt

from ..builder.content import ROADMAP_STEPS, self_assessment_rows
from ..builder.emergency_data import procedure_rows
from .base import DemoBase
from .days import clean, edate, long_date
from .people_data import CARPENTER_1, FALL, FOREMAN, OFFICE, OWNER, P_CARPENTER, REPRESENTATIVE
from .program_data import SITES, STALE_DOCUMENT, TRUCK_2


class AuditSheets(DemoBase):
    """Self-Assessment, Work Sites, HS Representatives, Contractors and Visitors, Roadmap,
    and the list of planted problems."""

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
            rows.append(clean(row | {"Answer": answer, "Evidence": evidence,
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
            "Evacuation and Rescue": "Out the front door or the overhead door, whichever is "
                                     "nearer; the warden checks the washroom and the office",
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
                "Evacuation and Rescue": "Down the stairs or the ladder to the street; a "
                                         "worker in a harness is rescued from the floor "
                                         "below with the rescue kit within 15 minutes",
            })
        return rows

    def emergency_procedures(self) -> list[dict[str, object]]:
        """The master's procedures, and the two the framing lots add: a fall, and being
        struck by materials (each site's Potential Emergencies has its procedure)."""
        return [
            *procedure_rows(),
            {"Emergency": "Fall from height",
             "Steps": "1. Call 911 with the site address. 2. Worker hanging in a harness: "
                      "rescue within 15 minutes from the floor below or with the rescue kit; "
                      "never climb up unprotected. 3. Do not move a fallen worker unless in "
                      "danger; first aid until the ambulance arrives. 4. Stop work and keep "
                      "the scene for the investigation.",
             "Who Does What": f"Foreman ({FOREMAN}): leads the rescue. First aider: care. "
                              "Nearest worker: 911 and meets the ambulance.",
             "Equipment": "Rescue kit (tool trailer); ladder; first aid kit"},
            {"Emergency": "Struck by materials",
             "Steps": "1. Stop the lift or the load; make the area safe. 2. Call 911 for a "
                      "serious injury. 3. Free the worker only if it is safe and needs no "
                      "equipment you do not have. 4. First aid until help arrives; report it.",
             "Who Does What": "Operator: stops and secures the load. First aider: care. "
                              f"Foreman ({FOREMAN}): calls 911 and reports.",
             "Equipment": "First aid kit; pry bar and jacks in the tool trailer"},
        ]

    # The representative, contractors and visitors (2019 standard, elements 9 and 10) ------

    def representatives(self) -> list[dict[str, object]]:
        """8 workers in Alberta: a representative (OHS Act s.14), designated and trained
        before the 12 months; their quarterly meetings are on Meetings."""
        designated = edate(self.as_of, -20)
        return [{"Name": REPRESENTATIVE, "Role": "Representative", "Designated Date": designated,
                 "Training Completed": designated + dt.timedelta(days=23),
                 "Notes": "Chosen by the crew; on the framing crew's site every day; "
                          "concerns by phone or at the Tuesday meeting."}]

    def contractors_and_visitors(self) -> list[dict[str, object]]:
        """Two subcontractors and a self-employed drywaller, prequalified and oriented; a
        supplier and two visitors, oriented."""
        a = self.ago
        site, reno = SITES[0], SITES[1]
        return [clean(row) for row in (
            {"Name": "Summit Roofing Ltd.", "Type": "Contractor", "Contact": "Raj Patel, "
             "403-555-0142", "Scope": "Shingling and roof vents", "Site": site,
             "First On Site": a(210), "Last On Site": a(160),
             "WCB Clearance Expiry": edate(self.as_of, 4),
             "Insurance Expiry": edate(self.as_of, 7), "COR/SECOR": "COR",
             "Orientation Date": a(210), "Oriented By": FOREMAN,
             "Monitoring Notes": "Fall protection checked on each roof visit; tie-offs good."},
            {"Name": "Bow Valley Electric", "Type": "Contractor", "Contact": "Dana Kerr, "
             "403-555-0198", "Scope": "Rough-in wiring", "Site": reno,
             "First On Site": a(45), "WCB Clearance Expiry": edate(self.as_of, 2),
             "Insurance Expiry": edate(self.as_of, 9), "COR/SECOR": "SECOR",
             "Orientation Date": a(45), "Oriented By": FOREMAN,
             "Monitoring Notes": "Lock-out on the panel seen at two site inspections."},
            {"Name": "Luis Ortega (drywall)", "Type": "Self-employed", "Contact":
             "403-555-0110", "Scope": "Drywall and taping", "Site": reno,
             "First On Site": a(30), "WCB Clearance Expiry": edate(self.as_of, 3),
             "Insurance Expiry": edate(self.as_of, 5), "COR/SECOR": "None",
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
        issued = edate(self.as_of, -14)
        done_dates = [edate(issued, -m) for m in (20, 19, 18, 17, 14, 2, 1, 0)]
        rows = [{"Step": step, "Status": "Done", "Date": day}
                for step, day in zip(ROADMAP_STEPS[:8], done_dates, strict=True)]
        rows.append({"Step": ROADMAP_STEPS[8], "Status": "Done", "Date": edate(issued, 11),
                     "Notes": "Maintenance evaluation accepted by ACSA."})
        rows.append({"Step": ROADMAP_STEPS[9], "Status": "In Progress",
                     "Notes": "Gathering the last 12 months of records."})
        rows.append({"Step": ROADMAP_STEPS[10], "Status": "Not Started"})
        return rows

    # Problems ------------------------------------------------------------------

    def audit_action(self) -> None:
        """The certification audit's recommendation, closed long ago."""
        self.ledger.raise_action(edate(self.as_of, -15), "Audit", None,
                                 "Write a working-alone procedure for the office", OWNER,
                                 30, 45)

    def problems(self) -> list[str]:
        """The planted problems in plain English, for the demo to print."""
        expired, last, missed = self.expired_ticket, self.truck_2_last, self.missed_month
        action = self.ledger.ids[self.planted_action]
        return [
            f"{CARPENTER_1}'s {FALL} ticket expired on {long_date(expired)} and has not been "
            f"renewed; the {P_CARPENTER} position requires it.",
            f"{TRUCK_2} was last inspected on {long_date(last)}; its monthly inspection was "
            f"due on {long_date(edate(last, 1))}.",
            f"Corrective action {action} (replace frayed harness #3) is still open; it was "
            f"due on {long_date(self.ago(10))}.",
            f"No safety meeting was held in {missed:%B} {missed.year}.",
            f"The {STALE_DOCUMENT[0]} was due for its yearly review on "
            f"{long_date(self.stale_review_due)} and has not been reviewed.",
        ]
