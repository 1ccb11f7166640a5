"""The demo's company form, roster, written program, hazard assessments and inspections."""

from __future__ import annotations

import datetime as dt

from .base import DemoBase
from .days import as_date, clean, edate
from .people_data import COMPANY_NAME, EMAIL_DOMAIN, EMERGENCY_ROLES, FOREMAN, LABOURER, OWNER
from .program_data import (
    DEFICIENCIES,
    DEFICIENCY_RATE,
    DOCUMENTS,
    HARNESSES,
    HAZARD_ASSESSMENTS,
    LAST_DAYS,
    OLD_TRUCK,
    OLD_TRUCK_SOLD_DAYS,
    SCHEDULE,
    SITE_FLHA,
    SITES,
    STALE_DOCUMENT,
    STEP_DAYS,
    TRUCK_2,
    TRUCK_2_LAST_DAYS,
)


class ProgramSheets(DemoBase):
    """Company, Employees, Program Documents, Hazard Assessments and the inspections."""

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
            "Certificate Issued": edate(self.as_of, -14),
            "Next Audit Due": edate(self.as_of, 10),
            "WCB Premium": 18400,
            "Hours Worked (12 months)": 15200,
            "Reminder Email": f"{OWNER.split()[0].lower()}@{EMAIL_DOMAIN}",
            "Prepared By": f"{OWNER}, owner",
        }

    # Employees ----------------------------------------------------------------

    def employees(self) -> list[dict[str, object]]:
        """The roster: 8 active workers and one who left; oriented on the first day."""
        return [clean({
            "Employee ID": p.emp_id, "Name": p.name, "Position": p.position,
            "Start Date": p.start, "Orientation Date": p.start, "Supervisor": p.supervisor,
            "Status": "Inactive" if p.left else "Active",
            "Email": None if p.name == LABOURER else f"{p.first_name}@{EMAIL_DOMAIN}",
            "Rights Covered": "Yes",
            "Emergency Role": None if p.left else EMERGENCY_ROLES.get(p.name),
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
                         "Approved Date": approved, "Review Due": edate(approved, 12),
                         "Communicated": "Yes"})
        approved = edate(self.as_of, -13) - dt.timedelta(days=12)
        review_due = edate(approved, 12)
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
                    "Review Due": edate(assessed, 12), "Workers Informed": "Yes",
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
        self.truck_2_last = max(as_date(r["Date"]) for r in rows if r["Item"] == TRUCK_2)
        return rows
