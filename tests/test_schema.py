"""`secor-xl schema` and the schema it prints."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from secor_xl.cli import app
from secor_xl.schema import SCHEMA_VERSION, SHEETS, ColumnType, sheet

runner = CliRunner()

WORKBOOK_MD_KEY_COLUMNS = {
    "Company": ["Company Name", "Province", "WCB Account Number", "Industry",
                "Certifying Partner", "Number of Workers", "Safety Contact",
                "Certificate Number", "Certificate Issued", "Next Audit Due", "As-of Date",
                "WCB Premium", "Hours Worked (12 months)"],
    "Employees": ["Employee ID", "Name", "Position", "Start Date", "Orientation Date",
                  "Supervisor", "Status", "Email"],
    "Program Documents": ["Document", "Version", "Approved By", "Approved Date", "Review Due",
                          "Communicated"],
    "Management Activities": ["Date", "Manager", "Activity", "Notes"],
    "Hazard Assessments": ["Assessment ID", "Type", "Job or Task", "Location", "Hazard",
                           "Severity", "Probability", "Risk Rank", "Control Type", "Controls",
                           "Assessed By", "Assessed Date", "Review Due", "Workers Informed"],
    "Inspection Schedule": ["Item", "Inspection Type", "Frequency", "Responsible", "Active"],
    "Inspection Log": ["Inspection ID", "Date", "Item", "Inspection Type", "Inspector",
                       "Result", "Deficiency", "Action ID"],
    "Training Matrix": ["Position", "Course", "Validity Months", "Required"],
    "Training Records": ["Employee", "Course", "Completed Date", "Expiry Date", "Provider",
                         "Certificate No", "Competency Verified By", "Verified Date"],
    "Emergency Drills": ["Drill Date", "Drill Type", "Location", "Participants",
                         "Evaluated By", "Findings", "Action ID"],
    "Incidents": ["Incident ID", "Date", "Type", "Description", "Person Involved",
                  "Reported Date", "Reported To WCB", "Investigation Started",
                  "Investigated By", "Root Cause", "Status"],
    "Corrective Actions": ["Action ID", "Source", "Source Ref", "Description", "Assigned To",
                           "Due Date", "Completed Date", "Verified By", "Status"],
    "Meetings": ["Meeting ID", "Date", "Type", "Chair", "Attendees", "Topics", "Decisions",
                 "Action IDs"],
    "Self-Assessment": ["Element", "Question", "Answer", "Evidence"],
    "Roadmap": ["Step", "Status", "Date", "Due", "Notes"],
    "Findings": ["Sheet", "Row", "Column", "Severity", "Code", "Message"],
}


def test_key_columns_of_the_contract() -> None:
    for name, columns in WORKBOOK_MD_KEY_COLUMNS.items():
        assert [c for c in sheet(name).column_names if c in columns] == columns, name


def test_json_shape() -> None:
    result = runner.invoke(app, ["schema", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["version"] == SCHEMA_VERSION
    assert [s["name"] for s in data["sheets"]] == [s.name for s in SHEETS]
    kinds = {s["name"]: s["kind"] for s in data["sheets"]}
    assert kinds["Company"] == "form" and kinds["Lists"] == "lists"
    assert kinds["Dashboard"] == "report" and kinds["Instructions"] == "text"
    types = {t.value for t in ColumnType}
    for s in data["sheets"]:
        for c in s["columns"]:
            assert set(c) == {"name", "type", "required", "choices", "help"}
            assert c["type"] in types
            assert c["help"], (s["name"], c["name"])
            if c["type"] == "yesno":
                assert c["choices"] == ["Yes", "No"]
            elif c["type"] == "choice":
                assert c["choices"], (s["name"], c["name"])
            else:
                assert c["choices"] is None


def test_column_types_from_the_contract() -> None:
    assert sheet("Hazard Assessments").column("Risk Rank").type is ColumnType.FORMULA
    assert sheet("Meetings").column("Attendees").type is ColumnType.PEOPLE
    assert sheet("Emergency Drills").column("Participants").type is ColumnType.PEOPLE
    assert sheet("Meetings").column("Action IDs").type is ColumnType.IDS
    assert sheet("Training Records").column("Employee").type is ColumnType.EMPLOYEE


def test_text_table() -> None:
    result = runner.invoke(app, ["schema"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    # a narrow console (a pytest-xdist worker has no terminal) may wrap a sheet's name
    words = set(result.stdout.split())
    assert {"Inspection", "Schedule"} <= words and "Semi-" in result.stdout
