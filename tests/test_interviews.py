"""`secor-xl interviews`, `secor-xl observe` and the audit working notes (issue 21).

The sample follows the table (3, 8 and 15 active employees: 3, 6 and 10 people)
with every role present and a new and a part-time worker; the same seed gives the
same people. The guides and checklists are real Word files that LibreOffice opens,
with the questions on them; the working notes name the records reviewed per
element with their date range, and the interview and observation tallies.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import docx
import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.documents.interviews import active_people, propose_sample
from secor_xl.questions_data import INTERVIEW_QUESTIONS, OBSERVATION_QUESTIONS
from secor_xl.reader.read import read_workbook

from .commands import secor_xl

AS_OF = dt.date(2026, 11, 26)
COMPANY = {"Company Name": "Bow Valley Roofing Ltd.", "Province": "AB",
           "Number of Workers": 15, "Safety Contact": "Rita Owens", "As-of Date": AS_OF}


def roster(active: int) -> list[dict[str, object]]:
    """`active` people: the owner, a foreman, a part-time labourer, a worker started two
    months ago, the rest carpenters; and one who left."""
    people: list[dict[str, object]] = [
        {"Name": "Rita Owens", "Position": "Owner"},
        {"Name": "Sam Fortier", "Position": "Foreman"},
        {"Name": "Lee Part", "Position": "Labourer (part-time)"},
        {"Name": "Nina New", "Position": "Roofer", "Start Date": AS_OF - dt.timedelta(days=60)},
    ]
    people += [{"Name": f"Worker {n:02d}", "Position": "Roofer"} for n in range(active)]
    people = people[:active]
    people.append({"Name": "Gone Away", "Position": "Roofer", "Status": "Inactive"})
    return [{"Employee ID": f"E{n:02d}", "Start Date": dt.date(2022, 3, 1),
             "Supervisor": "Sam Fortier" if n > 1 else None, "Status": "Active"} | person
            for n, person in enumerate(people)]


def workbook(path: Path, active: int, **rows: Sequence[Mapping[str, object]]) -> Path:
    tables: dict[str, Sequence[Mapping[str, object]]] = {"Employees": roster(active)}
    tables |= {k.replace("_", " "): v for k, v in rows.items()}
    return build_workbook(path, BuildOptions(company=COMPANY, rows=tables, spare_rows=0))


# -- the sample ----------------------------------------------------------------------------


@pytest.mark.parametrize(("active", "size"), [(3, 3), (8, 6), (15, 10)])
def test_the_sample_follows_the_table_with_every_role(tmp_path: Path, active: int,
                                                      size: int) -> None:
    wb = read_workbook(workbook(tmp_path / "wb.xlsx", active))
    sample = propose_sample(wb, AS_OF)
    names = [p.name for p, _ in sample.chosen]
    assert len(names) == len(set(names)) == size
    assert sample.active == active and "Gone Away" not in names
    assert {p.role for p, _ in sample.chosen} == {"Manager", "Supervisor", "Worker"}
    if active >= 4:
        assert "Nina New" in names and "Lee Part" in names  # the new and the part-time
        why = dict((p.name, w) for p, w in sample.chosen)
        assert "new" in why["Nina New"] and "part-time" in why["Lee Part"]


def test_roles_come_from_the_workbook(tmp_path: Path) -> None:
    people = roster(6)
    people[1]["Position"] = "Roofer"  # still a supervisor: named as one on Employees
    people[5]["Position"] = "Roofer"
    path = workbook(tmp_path / "wb.xlsx", 6, Employees=people, Management_Activities=[
        {"Date": AS_OF, "Manager": "Worker 01", "Activity": "Site Visit"}])
    roles = {p.name: p.role for p in active_people(read_workbook(path), AS_OF)}
    assert roles["Rita Owens"] == "Manager"  # the Safety Contact, and "Owner"
    assert roles["Worker 01"] == "Manager"  # Manager on Management Activities
    assert roles["Sam Fortier"] == "Supervisor"
    assert roles["Worker 00"] == "Worker"


def test_the_seed_makes_the_draw_repeatable(tmp_path: Path) -> None:
    wb = read_workbook(workbook(tmp_path / "wb.xlsx", 15))

    def names(seed: int | None) -> list[str]:
        return [p.name for p, _ in propose_sample(wb, AS_OF, seed).chosen]

    assert names(None) == names(None)  # the default seed: from the company's name
    assert names(7) == names(7)
    assert len({tuple(names(seed)) for seed in range(6)}) > 1


def test_interviews_command_prints_the_sample_and_writes_the_guides(tmp_path: Path) -> None:
    path = workbook(tmp_path / "wb.xlsx", 8)
    first = secor_xl("interviews", path, "--out", tmp_path / "a", "--format", "json")
    again = secor_xl("interviews", path, "--out", tmp_path / "b", "--format", "json")
    assert first.returncode == again.returncode == 0, first.stderr
    report, repeat = json.loads(first.stdout), json.loads(again.stdout)
    assert report["sample"] == repeat["sample"] and len(report["sample"]) == 6
    assert len(list((tmp_path / "a").glob("interview_*.docx"))) == 6
    assert len(list((tmp_path / "a").glob("interviews_*.docx"))) == 1  # the cover

    text = secor_xl("interviews", path, "--out", tmp_path / "c", "--seed", "3")
    assert text.returncode == 0, text.stderr
    assert "Why chosen" in text.stdout and "Interviews sheet" in text.stdout
    refused = secor_xl("interviews", path, "--out", tmp_path / "c", "--seed", "3")
    assert refused.returncode == 2 and "already exist" in refused.stderr

    guide = tmp_path / "a" / next(p.name for p in (tmp_path / "a").glob("interview_Sam*"))
    body = _text(guide)
    asked = [q for q in INTERVIEW_QUESTIONS if "Supervisor" in q.roles]
    for q in asked:
        assert q.id in body and q.ask in body
    assert "Sam Fortier" in body and "Supervisor" in body and "Not asked" in body
    cover = _text(next((tmp_path / "a").glob("interviews_*.docx")))
    assert "Question ID" in cover and all(r["name"] in cover for r in report["sample"])


def test_no_active_employee_is_exit_2(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "empty.xlsx", BuildOptions(company=COMPANY))
    result = secor_xl("interviews", path, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no active employee" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


# -- the checklists ------------------------------------------------------------------------

SITES = [{"Site": "Canmore Condos", "Address": "12 Main St, Canmore", "Active": "Yes",
          "Muster Point": "Trailer gate", "Nearest Hospital": "Canmore General"},
         {"Site": "Old Job", "Address": "1 Elm St", "Active": "No"}]
HAZARDS = [
    {"Assessment ID": "HA-01", "Type": "Formal", "Job or Task": "Roofing",
     "Location": "All sites", "Hazard": "Falls", "Severity": 5, "Probability": 3,
     "Control Type": "Engineering", "Controls": "Guardrails at the eaves",
     "Assessed By": "Rita Owens", "Assessed Date": dt.date(2026, 3, 1)},
    {"Assessment ID": "HA-01", "Type": "Formal", "Job or Task": "Roofing",
     "Location": "All sites", "Hazard": "Falls", "Severity": 5, "Probability": 3,
     "Control Type": "PPE", "Controls": "Harness and lanyard",
     "Assessed By": "Rita Owens", "Assessed Date": dt.date(2026, 3, 1)},
]
SCHEDULE = [{"Item": "Extinguisher - Canmore Condos", "Inspection Type": "Fire Extinguisher",
             "Frequency": "Monthly", "Responsible": "Sam Fortier", "Active": "Yes"},
            {"Item": "First aid kit - truck", "Inspection Type": "First Aid Kit",
             "Frequency": "Monthly", "Responsible": "Sam Fortier", "Active": "Yes"}]
LOG = [{"Inspection ID": "INS-01", "Date": dt.date(2026, 11, 2),
        "Item": "Extinguisher - Canmore Condos", "Inspection Type": "Fire Extinguisher",
        "Inspector": "Sam Fortier", "Result": "Satisfactory"}]


def test_observe_writes_a_checklist_per_active_site(tmp_path: Path) -> None:
    visitors = [{"Name": "Peak Electric", "Type": "Contractor", "Site": "Canmore Condos",
                 "First On Site": dt.date(2026, 11, 1)},
                {"Name": "Gone Plumbing", "Type": "Contractor", "Site": "Canmore Condos",
                 "First On Site": dt.date(2026, 5, 1), "Last On Site": dt.date(2026, 6, 1)}]
    meetings = [{"Meeting ID": "M-11", "Date": dt.date(2026, 11, 10), "Type": "Safety Meeting",
                 "Chair": "Rita Owens"}]
    path = workbook(tmp_path / "wb.xlsx", 5, Work_Sites=SITES, Hazard_Assessments=HAZARDS,
                    Inspection_Schedule=SCHEDULE, Inspection_Log=LOG,
                    Contractors_and_Visitors=visitors, Meetings=meetings)
    result = secor_xl("observe", path, "--out", tmp_path / "obs")
    assert result.returncode == 0, result.stderr
    made = sorted((tmp_path / "obs").glob("*.docx"))
    assert [p.name for p in made] == ["observation_Canmore Condos_2026-11-26.docx"]
    body = _text(made[0])
    for q in OBSERVATION_QUESTIONS:
        assert q.id in body and q.look_for in body
    assert "Guardrails at the eaves" in body  # a control written in the assessment
    assert "PPE worn: Harness and lanyard" in body
    assert "next inspection due 2026-12-02" in body  # computed: Next Due is blank
    assert "First Aid Kit: First aid kit - truck" in body and "never inspected" in body
    assert "Trailer gate" in body and "Canmore General" in body
    assert "Contractor on site: Peak Electric (no orientation on record)" in body
    assert "Gone Plumbing" not in body  # left in June
    assert "Minutes of the latest meeting posted: M-11 (Safety Meeting, 2026-11-10)" in body


def test_observe_without_a_site_checks_the_workplace(tmp_path: Path) -> None:
    path = workbook(tmp_path / "wb.xlsx", 3)
    result = secor_xl("observe", path, "--out", tmp_path / "obs")
    assert result.returncode == 0, result.stderr
    (made,) = (tmp_path / "obs").glob("*.docx")
    assert made.name.startswith("observation_the workplace")
    assert "the workplace" in _text(made)


@pytest.mark.libreoffice
def test_guides_and_checklists_open_in_libreoffice(soffice: str, tmp_path: Path) -> None:
    from secor_xl.libreoffice import convert_many

    path = workbook(tmp_path / "wb.xlsx", 5, Work_Sites=SITES, Hazard_Assessments=HAZARDS)
    assert secor_xl("interviews", path, "--out", tmp_path / "out").returncode == 0
    assert secor_xl("observe", path, "--out", tmp_path / "out").returncode == 0
    files = sorted((tmp_path / "out").glob("*.docx"))
    guide = next(p for p in files if p.name.startswith("interview_Rita"))
    cover = next(p for p in files if p.name.startswith("interviews_"))
    checklist = next(p for p in files if p.name.startswith("observation_"))
    pdfs = convert_many([guide, cover, checklist], "pdf", tmp_path / "pdf")
    texts = [_pdf_text(p) for p in pdfs]
    assert all(q.id in texts[0] for q in INTERVIEW_QUESTIONS if "Manager" in q.roles)
    assert "Rita Owens" in texts[0] and "Not asked" in texts[0]
    assert "Interview Plan" in texts[1] and "Sam Fortier" in texts[1]
    assert all(q.id in texts[2] for q in OBSERVATION_QUESTIONS)
    assert "Canmore Condos" in texts[2]


# -- the working notes ---------------------------------------------------------------------


def test_working_notes_name_records_and_tallies(tmp_path: Path) -> None:
    answers = [{"Date": dt.date(2026, 10, 5), "Interviewee": who, "Role": role,
                "Interviewer": "Rita Owens", "Question ID": "I6.1", "Answer": answer}
               for who, role, answer in (("Worker 00", "Worker", "Positive"),
                                         ("Worker 01", "Worker", "Negative"),
                                         ("Sam Fortier", "Supervisor", "Positive"),
                                         ("Lee Part", "Worker", "Not Asked"))]
    looks = [{"Date": dt.date(2026, 10, 6), "Site": "Canmore Condos", "Observer": "Rita Owens",
              "Question ID": "O6.2", "What Was Seen": seen, "Result": result}
             for seen, result in (("Kit stocked", "Positive"), ("Tag expired", "Negative"))]
    log = [{"Inspection ID": f"INS-{n:02d}", "Date": dt.date(2026, 1 + n, 3),
            "Item": "Site - Canmore Condos", "Inspection Type": "Site",
            "Inspector": "Sam Fortier", "Result": "Satisfactory"} for n in range(10)]
    path = workbook(tmp_path / "wb.xlsx", 6, Work_Sites=SITES, Interviews=answers,
                    Observations=looks, Inspection_Log=log, Hazard_Assessments=HAZARDS)
    result = secor_xl("docs", path, "--out", tmp_path / "docs", "--only", "audit_notes")
    assert result.returncode == 0, result.stderr
    (notes,) = (tmp_path / "docs").glob("audit_notes_*.docx")
    body = _text(notes)
    for number in range(1, 11):
        assert f"Element {number}:" in body
    assert "Inspection Log rows 2-11, 10 inspections 2026-01-03 to 2026-10-03 (10 IDs: " \
           "INS-00 to INS-09)" in body
    assert "Hazard Assessments rows 2-3, 2 hazard assessment lines 2026-03-01 (ID HA-01)" in body
    assert "Emergency Drills: no drills and emergencies dated in the window" in body
    assert "2 positive of 3 (supervisors 1 of 1, workers 1 of 2)" in body  # no names
    assert "Worker 01" not in body
    assert "1 positive, 1 negative at Canmore Condos (Observations rows 2-3); seen: Tag " \
           "expired" in body
    assert "Interviews rows 2-4" in body  # every row answered, as ranges (Not Asked apart)
    assert "Gather it: secor-xl interviews wb.xlsx --out DIR." in body  # I1.1, say
    assert "3 people interviewed of 5 planned" in body  # Not Asked is not an interview
    # 15 workers on Company: over Alberta's limit, which decides the verdict first
    assert "NOT ELIGIBLE: 15 workers at once" in body and "interviews: 3 of 5 done" in body
    assert "Interviews: 3 answers, 2 positive (I6.1)" in body  # element 6's tally
    assert "Observed: 2 results at 1 site, 1 positive (O6.2)" in body
    assert body.count("Interviews: none yet") == 9  # the other elements
    for line in ("Inspection Log rows", "Hazard Assessments rows", "Management Activities",
                 "Training Records", "Contractors and Visitors", "HS Representatives"):
        assert line in body  # each element names the sheets it reviewed


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_working_notes_say_not_ready_while_interviews_and_observation_are_missing(
        tmp_path: Path) -> None:
    from secor_xl.documents.notes import audit_notes_context
    from secor_xl.score import score_workbook

    wb = read_workbook(workbook(tmp_path / "wb.xlsx", 5, Work_Sites=SITES))
    context = audit_notes_context(wb, AS_OF, score_workbook(wb, AS_OF))
    assert context["interviews"] == {"planned": 4, "done": 0, "answers": 0}
    assert context["observations"] == {"done": 0, "results": 0, "sites": 1}
    assert context["verdict"].startswith("NOT ELIGIBLE: 15 workers at once")
    assert "; interviews: 0 of 4 done; observations: 0 of 1 site" in context["verdict"]
    six = next(e for e in context["elements"] if e["id"] == 6)
    assert six["heard"] == "none yet" and six["seen"] == "nothing observed yet"
    asked = next(q for q in six["questions"] if q["id"] == "I6.1")
    assert asked["earned"] == "0" and asked["methods"] == "interview"
    assert asked["rule"].startswith("Not gathered yet")
    assert asked["rule"].endswith("Gather it: secor-xl interviews wb.xlsx --out DIR.")
    seen = next(q for q in six["questions"] if q["id"] == "O6.2")
    assert seen["rule"].endswith("Gather it: secor-xl observe wb.xlsx --out DIR.")
    records = next(q for q in six["questions"] if q["methods"] == "documentation")
    assert "Gather it" not in records["rule"]
    assert any(q["methods"] == "self-assessment" for q in six["questions"])


def test_a_templates_folder_from_before_uses_the_shipped_new_templates(tmp_path: Path) -> None:
    """A consultant's folder of the eight templates still writes the working notes and the
    guides; its own policy template is used for the policy."""
    from secor_xl.documents.render import default_templates

    mine = tmp_path / "mine"
    mine.mkdir()
    document = docx.Document()
    document.add_paragraph("OUR OWN POLICY for {{ company.name }}")
    document.save(str(mine / "policy.docx"))
    path = workbook(tmp_path / "wb.xlsx", 3)
    docs = secor_xl("docs", path, "--out", tmp_path / "docs", "--only",
                    "policy,audit_notes", "--templates", mine)
    assert docs.returncode == 0, docs.stderr
    assert "OUR OWN POLICY for Bow Valley Roofing Ltd." in _text(
        next((tmp_path / "docs").glob("policy_*.docx")))
    assert "Element 10:" in _text(next((tmp_path / "docs").glob("audit_notes_*.docx")))
    guides = secor_xl("interviews", path, "--out", tmp_path / "guides", "--templates", mine)
    assert guides.returncode == 0, guides.stderr
    assert len(list((tmp_path / "guides").glob("*.docx"))) == 4
    assert (default_templates() / "interview_guide.docx").is_file()


# -- what the outside tester found (issue 21, second round) ---------------------------------

COMMA_SITES = [{"Site": "Lot 14, Airdrie", "Address": "Lot 14, Airdrie, AB", "Active": "Yes"},
               {"Site": "Shop, Calgary", "Address": "5 Bay Rd", "Active": "Yes"}]


def test_notes_count_sites_by_name_and_list_every_row(tmp_path: Path) -> None:
    """Two sites whose names hold commas, observed twice each: 2 sites, joined with
    semicolons; seven answers with a Not Asked among them: every row named, as ranges;
    the rule in plain words; elements 7 and 9 have no observation question."""
    from secor_xl.documents.notes import audit_notes_context
    from secor_xl.score import score_workbook

    looks = [{"Date": dt.date(2026, 10, day), "Site": site, "Observer": "Rita Owens",
              "Question ID": "O1.1", "Result": "Positive"}
             for day in (5, 6) for site in ("Lot 14, Airdrie", "Shop, Calgary")]
    answers = [{"Date": dt.date(2026, 10, 5), "Interviewee": f"Worker {n:02d}",
                "Role": "Worker", "Interviewer": "Rita Owens", "Question ID": "I6.1",
                "Answer": "Not Asked" if n == 3 else "Positive"} for n in range(8)]
    wb = read_workbook(workbook(tmp_path / "wb.xlsx", 12, Work_Sites=COMMA_SITES,
                                Observations=looks, Interviews=answers))
    context = audit_notes_context(wb, AS_OF, score_workbook(wb, AS_OF))
    one = next(e for e in context["elements"] if e["id"] == 1)
    assert one["seen"] == "4 results at 2 sites, 4 positive (O1.1)"
    o11 = next(q for q in one["questions"] if q["id"] == "O1.1")
    assert "at Lot 14, Airdrie; Shop, Calgary (Observations rows 2-5)" in o11["observed"]
    assert o11["plain_rule"] == "All or nothing: every site positive"
    six = next(e for e in context["elements"] if e["id"] == 6)
    i61 = next(q for q in six["questions"] if q["id"] == "I6.1")
    assert i61["interviews"].endswith("Interviews rows 2-4, 6-9")  # row 5: Not Asked
    assert "more" not in i61["rule"] and "Interviews rows" not in i61["rule"]
    assert i61["plain_rule"].startswith("Range: the share of positive answers rounded down "
                                        "to a tenth (5 of 6 = 83 % counts as 80 %)")
    for element in (7, 9):
        mine = next(e for e in context["elements"] if e["id"] == element)
        assert mine["seen"] == "no observation question in this element"


def test_notes_review_registers_in_force_and_sorted_ids(tmp_path: Path) -> None:
    """A representative designated two years ago and serving is reviewed; one whose term
    ended is not. Hazard lines typed newest first give their IDs sorted, with the count; a
    procedure's name is no ID; element 6 reads the first aid records."""
    reps = [{"Name": "Worker 00", "Role": "Worker Representative",
             "Designated Date": dt.date(2024, 5, 1)},
            {"Name": "Worker 01", "Role": "Worker Representative",
             "Designated Date": dt.date(2023, 5, 1), "Term Ends": dt.date(2025, 5, 1)}]
    hazards = [h | {"Assessment ID": f"HA-{n}", "Assessed Date": dt.date(2026, 3, 12 - n)}
               for n in (10, 9, 2, 1) for h in HAZARDS[:1]]
    procedures = [{"Procedure": name, "Job or Task": "Roofing", "Approved Date": day}
                  for name, day in (("Asbestos check", dt.date(2024, 2, 1)),
                                    ("Working at heights", dt.date(2026, 2, 1)),
                                    ("Not yet approved", None))]
    training = [{"Employee": "Worker 00", "Course": "Standard First Aid",
                 "Completed Date": dt.date(2024, 6, 1), "Expiry Date": dt.date(2027, 6, 1)}]
    wb = read_workbook(workbook(tmp_path / "wb.xlsx", 5, HS_Representatives=reps,
                                Hazard_Assessments=hazards, Safe_Work_Procedures=procedures,
                                Training_Records=training, Work_Sites=COMMA_SITES))
    from secor_xl.documents.reviewed import reviewed

    def lines(element: int) -> list[str]:
        return [r["text"] for r in reviewed(wb, AS_OF, element)]

    assert lines(9)[0] == ("HS Representatives row 2, 1 representative serving on "
                           "2026-11-26 (dated 2024-05-01)")
    assert lines(2) == ["Hazard Assessments rows 2-5, 4 hazard assessment lines 2026-03-02 "
                        "to 2026-03-11 (4 IDs: HA-1 to HA-10)"]
    assert lines(3)[0] == ("Safe Work Procedures rows 2-3, 2 safe work procedures in force on "
                           "2026-11-26 (dated 2024-02-01 to 2026-02-01)")
    assert not any("Asbestos" in line for element in range(1, 11) for line in lines(element))
    assert lines(6)[1:] == [
        "Work Sites rows 2-3, 2 active work sites (each site's plan) on 2026-11-26",
        "Training Records row 2, 1 current first aid record on 2026-11-26 (dated 2024-06-01)"]


def test_why_chosen_is_plain_and_the_list_ordered(tmp_path: Path) -> None:
    wb = read_workbook(workbook(tmp_path / "wb.xlsx", 15))
    sample = propose_sample(wb, AS_OF)
    why = {p.name: w for p, w in sample.chosen}
    assert why["Rita Owens"] == "the one manager"
    assert why["Sam Fortier"] == "the one supervisor"
    assert why["Nina New"] == f"new worker (started {(AS_OF - dt.timedelta(days=60))})"
    assert why["Lee Part"] == "part-time worker"
    workers = sum(p.role == "Worker" for p, _ in sample.chosen)
    drawn = [w for w in why.values() if "random" in w]
    assert drawn and set(drawn) == {f"worker, drawn at random ({workers} of 13)"}
    order = {"Manager": 0, "Supervisor": 1, "Worker": 2}
    keys = [(order[p.role], p.name.casefold()) for p, _ in sample.chosen]
    assert keys == sorted(keys)


def test_a_refused_second_run_prints_no_table(tmp_path: Path) -> None:
    path = workbook(tmp_path / "wb.xlsx", 5)
    assert secor_xl("interviews", path, "--out", tmp_path / "a").returncode == 0
    again = secor_xl("interviews", path, "--out", tmp_path / "a")
    assert again.returncode == 2 and "already exist" in again.stderr
    assert again.stdout == ""


def test_checklist_one_result_per_question_tickets_and_no_repeated_address(
        tmp_path: Path) -> None:
    matrix = [{"Position": "Roofer", "Course": "Fall Protection", "Validity Months": 36,
               "Required": "Yes"}]
    training = [{"Employee": f"Worker {n:02d}", "Course": "Fall Protection",
                 "Completed Date": dt.date(2025, 1, 1)} for n in range(1, 5)]
    training.append({"Employee": "Nina New", "Course": "Fall Protection",
                     "Completed Date": dt.date(2020, 1, 1)})
    path = workbook(tmp_path / "wb.xlsx", 5, Work_Sites=COMMA_SITES, Training_Matrix=matrix,
                    Training_Records=training, Hazard_Assessments=HAZARDS)
    assert secor_xl("observe", path, "--out", tmp_path / "obs").returncode == 0
    lot = _text(next((tmp_path / "obs").glob("observation_Lot 14*.docx")))
    shop = _text(next((tmp_path / "obs").glob("observation_Shop*.docx")))
    assert "Lot 14, Airdrie, AB" not in lot and "Lot 14, Airdrie" in lot
    assert "Shop, Calgary\n5 Bay Rd" in shop  # a different address is shown
    assert lot.count("\u2610 Positive") == len(OBSERVATION_QUESTIONS)
    assert "Ask Nina New for: Fall Protection (expired 2023-01-01)" in lot
    assert "Ask Worker 00 for: Fall Protection (no record)" in lot
    assert "Ask Worker 01" not in lot
    assert "one row per question and site" in lot and "secor-xl score wb.xlsx" in lot
