"""The demo company put together: every group of sheets, built in the order that keeps the
random stream and the action numbers stable."""

from __future__ import annotations

import datetime as dt

from .audit import AuditSheets
from .base import DemoData
from .logs import LogSheets
from .methods import MethodSheets
from .people_data import SHEET_ORDER
from .program import ProgramSheets


def demo_data(as_of: dt.date) -> DemoData:
    """Records of the sample company for the 18 months before `as_of`."""
    return _Demo(as_of).build()


class _Demo(ProgramSheets, LogSheets, AuditSheets, MethodSheets):
    """Builds every sheet for one as_of date; one method per sheet."""

    def build(self) -> DemoData:
        """Every sheet, in dependency order: actions are numbered once all are raised."""
        rows: dict[str, list[dict[str, object]]] = {
            "Employees": self.employees(),
            "Program Documents": self.program_documents(),
            "Hazard Assessments": self.hazard_assessments(),
            "Inspection Schedule": self.inspection_schedule(),
            "Inspection Log": self.inspection_log(),
            "Training Matrix": self.training_matrix(),
            "Training Records": self.training_records(),
            "Emergency Drills": self.emergency_drills(),
            "Incidents": self.incidents(),
            "Meetings": self.meetings(),
            "HS Representatives": self.representatives(),
            "Contractors and Visitors": self.contractors_and_visitors(),
            "Work Sites": self.work_sites(),
            "Emergency Procedures": self.emergency_procedures(),
        }
        rows["Management Activities"] = self.management_activities()
        self.audit_action()
        rows["Self-Assessment"] = self.self_assessment()
        self.add_method_records(rows)
        self.ledger.number()
        self.observation_note()
        for row in (r for sheet_rows in rows.values() for r in sheet_rows):
            for col in ("Action ID", "Action IDs"):
                if col in row:
                    row[col] = self.ledger.relink(row[col])
        rows["Corrective Actions"] = self.ledger.rows()
        rows["Roadmap"] = self.roadmap()
        ordered = {name: rows[name] for name in SHEET_ORDER}
        return DemoData(company=self.company(), rows=ordered, problems=self.problems())

    def add_method_records(self, rows: dict[str, list[dict[str, object]]]) -> None:
        """Issue 21's records, added after the others so that their rows, the random
        stream and the action numbers raised before them stay as they were."""
        rows["Program Documents"].append(self.roles_document())
        rows["Hazard Assessments"] += self.field_assessments()
        rows["Safe Work Procedures"] = self.safe_work_procedures()
        rows["Equipment Maintenance"] = self.equipment_maintenance(rows["Inspection Log"])
        rows["Interviews"] = self.interviews()
        rows["Observations"] = self.observations()
