"""The records the auditor's three methods read at the demo company (issue 21).

Documentation: the safe work procedures register, the equipment maintenance register,
the Roles and Responsibilities document and a field-level hazard assessment at every
active site. Interviews: the sample of `questions_data.sample_size` people, every question
of their role. Observation: a walk-around of every active site with every checklist
question. None of it draws on the random stream, so the older sheets stay as they were.
"""

from __future__ import annotations

import datetime as dt

from ..questions_data import INTERVIEW_QUESTIONS, OBSERVATION_QUESTIONS, sample_size
from .base import DemoBase
from .days import edate
from .evidence_data import (
    FIELD_ASSESSMENTS,
    INTERVIEW_NEGATIVES,
    INTERVIEW_NOTES,
    INTERVIEWS,
    MAINTENANCE,
    NEGATIVE_FIX,
    NEGATIVE_WALK,
    PROCEDURE_DUE_SOON_DAYS,
    PROCEDURES,
    SEEN,
    SEEN_AT,
    WALKS,
)
from .people_data import OWNER


class MethodSheets(DemoBase):
    """Safe Work Procedures, Equipment Maintenance, Interviews, Observations, and the
    additions to Program Documents and Hazard Assessments."""

    # Set by observations(), finished by observation_note() once actions are numbered.
    observation_action: tuple[dict[str, object], str] | None = None

    def roles_document(self) -> dict[str, object]:
        """Written responsibilities for each level, approved at the yearly review."""
        approved = self.program_review
        return {"Document": "Roles and Responsibilities", "Version": "1", "Approved By": OWNER,
                "Approved Date": approved, "Review Due": edate(approved, 12),
                "Communicated": "Yes"}

    def field_assessments(self) -> list[dict[str, object]]:
        """A field-level hazard assessment at each active site on its walk-around day."""
        rows: list[dict[str, object]] = []
        for ha_id, site, days, job, by, line in FIELD_ASSESSMENTS:
            day = self.ago(days)
            hazard, severity, probability, control_type, controls = line
            rows.append({
                "Assessment ID": ha_id, "Type": "Site-specific", "Job or Task": job,
                "Location": site, "Hazard": hazard, "Severity": severity,
                "Probability": probability, "Control Type": control_type,
                "Controls": controls, "Assessed By": by, "Assessed Date": day,
                "Review Due": day + dt.timedelta(days=30), "Workers Informed": "Yes",
            })
        return rows

    def safe_work_procedures(self) -> list[dict[str, object]]:
        """The high-risk tasks' procedures, reviewed yearly; one comes up for review soon."""
        rows: list[dict[str, object]] = []
        for procedure, job, kind, days, kept in PROCEDURES:
            if days is None:
                due = self.as_of + dt.timedelta(days=PROCEDURE_DUE_SOON_DAYS)
                approved = edate(due, -12)
            else:
                approved = self.ago(days)
                due = edate(approved, 12)
            rows.append({"Procedure": procedure, "Job or Task": job, "Kind": kind,
                         "Approved Date": approved, "Review Due": due,
                         "Workers Trained": "Yes", "Where Kept": kept})
        return rows

    def equipment_maintenance(self, inspection_log: list[dict[str, object]]
                              ) -> list[dict[str, object]]:
        """Services of the scheduled vehicles and equipment in the 18 months, and the repair
        that closed the first vehicle deficiency found at an inspection."""
        rows: list[dict[str, object]] = []
        for equipment, work, by, days_ago, every in MAINTENANCE:
            for days in days_ago:
                day = self.ago(days)
                row: dict[str, object] = {"Equipment": equipment, "Date": day,
                                          "Work Done": work, "Done By": by}
                if every is None:
                    row["Next Due"] = edate(day, 12)
                elif every:
                    row["Next Due"] = day + dt.timedelta(days=every)
                rows.append(row)
        rows += self._repair(inspection_log)
        rows.sort(key=lambda r: (str(r["Date"]), str(r["Equipment"])))
        return rows

    def _repair(self, inspection_log: list[dict[str, object]]) -> list[dict[str, object]]:
        closed = {a.key: a for a in self.ledger.actions if a.completed is not None}
        for entry in inspection_log:
            key = entry.get("Action ID")
            if entry["Inspection Type"] == "Vehicle" and key in closed:
                action = closed[str(key)]
                return [{"Equipment": entry["Item"], "Date": action.completed,
                         "Work Done": action.description, "Done By": action.assigned,
                         "Action ID": key}]
        return []

    def interviews(self) -> list[dict[str, object]]:
        """Every question of their role, asked of each person in the sample."""
        active = sum(1 for p in self.people if p.left is None)
        assert len(INTERVIEWS) == sample_size(active)
        rows: list[dict[str, object]] = []
        for name, role, days, interviewer in INTERVIEWS:
            for question in INTERVIEW_QUESTIONS:
                if role not in question.roles:
                    continue
                negative = INTERVIEW_NEGATIVES.get((name, question.id))
                rows.append({"Date": self.ago(days), "Interviewee": name, "Role": role,
                             "Interviewer": interviewer, "Question ID": question.id,
                             "Answer": "Negative" if negative else "Positive",
                             "Note": negative or INTERVIEW_NOTES[question.id]})
        return rows

    def observations(self) -> list[dict[str, object]]:
        """The walk-around checklist at every active site; one finding raises an action."""
        rows: list[dict[str, object]] = []
        for site, days in WALKS:
            day = self.ago(days)
            for question in OBSERVATION_QUESTIONS:
                seen = SEEN_AT.get((site, question.id), SEEN[question.id].format(site=site))
                row: dict[str, object] = {"Date": day, "Site": site, "Observer": OWNER,
                                          "Question ID": question.id, "What Was Seen": seen,
                                          "Result": "Positive"}
                if (site, question.id) == NEGATIVE_WALK[:2]:
                    fix, assigned, fix_days = NEGATIVE_FIX
                    key = self.ledger.raise_action(day, "Audit", f"Walk-around {question.id}",
                                                   fix, assigned, fix_days)
                    row.update({"What Was Seen": NEGATIVE_WALK[2], "Result": "Negative"})
                    self.observation_action = (row, key)
                rows.append(row)
        return rows

    def observation_note(self) -> None:
        """Name the numbered corrective action in the negative observation's Note."""
        if self.observation_action is not None:
            row, key = self.observation_action
            row["Note"] = f"Action {self.ledger.relink(key)} raised: stairs cleared next day"
