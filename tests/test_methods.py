"""The audit as the auditor runs it (issue 21): interview and observation questions, the
Self-Assessment worth nothing on its own, the documentation criteria that fill the holes,
the verdict, and the findings on Interviews and Observations.

Small workbooks are built with the builder and read back; the demo with everyone
interviewed and every site walked (`tests/gathered.py`) is built once per module.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import DemoData, demo_data
from secor_xl.findings import Finding
from secor_xl.questions_data import QUESTIONS_BY_ID, sample_size
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import check_workbook
from secor_xl.score import CriterionResult, ScoreResult, score_workbook

from .commands import secor_xl
from .gathered import gathered, interview_rows, observation_rows

AS_OF = dt.date(2026, 11, 26)
DAY = AS_OF - dt.timedelta(days=10)
Rows = Mapping[str, Sequence[Mapping[str, object]]]
ANN, BO = "Ann Lee", "Bo Chan"
PEOPLE = [{"Name": n, "Position": "Labourer", "Start Date": dt.date(2024, 1, 8),
           "Status": "Active"} for n in (ANN, BO)]
SITES = [{"Site": "Lot 1", "Address": "1 Main St", "Active": "Yes"},
         {"Site": "Lot 2", "Address": "2 Main St"},
         {"Site": "Old lot", "Address": "9 Main St", "Active": "No"}]


def build(tmp_path: Path, rows: Rows, company: Mapping[str, object] | None = None,
          name: str = "wb.xlsx") -> Path:
    options = BuildOptions(company=company if company is not None else {"Province": "AB"},
                           rows=rows, spare_rows=1)
    tmp_path.mkdir(parents=True, exist_ok=True)
    return build_workbook(tmp_path / name, options)


def score(tmp_path: Path, rows: Rows, company: Mapping[str, object] | None = None
          ) -> ScoreResult:
    return score_workbook(read_workbook(build(tmp_path, rows, company)), AS_OF)


def findings(tmp_path: Path, rows: Rows) -> list[Finding]:
    return check_workbook(read_workbook(build(tmp_path, rows)), AS_OF).findings


def criterion(result: ScoreResult, criterion_id: str) -> CriterionResult:
    return next(c for e in result.elements for c in e.criteria if c.id == criterion_id)


def answers(question: str, *given: tuple[str, str], day: dt.date = DAY) -> list[dict[str, object]]:
    return [{"Date": day, "Interviewee": who, "Role": "Worker", "Question ID": question,
             "Answer": answer} for who, answer in given]


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return demo_data(AS_OF)


# -- interview questions -----------------------------------------------------------------


def test_an_interview_question_scores_the_positive_share_by_its_rule(tmp_path: Path) -> None:
    rows = {"Employees": [*PEOPLE, {**PEOPLE[0], "Name": "Cy Dow"}], "Interviews": [
        *answers("I6.1", (ANN, "Positive"), (BO, "Negative"), ("Cy Dow", "Positive")),
        *answers("I6.1", (BO, "Not Asked")),  # no answer: not counted
        *answers("I6.1", (BO, "Negative"), day=AS_OF - dt.timedelta(days=400)),  # too old
    ]}
    result = score(tmp_path, rows)
    found = criterion(result, "I6.1")
    # range: 2 of 3 positive is 66 %, in tenths rounded down 0.6 of 3 points
    assert found.methods == ("interview",) and found.possible == 3
    assert found.earned == pytest.approx(0.6 * 3)
    assert "2 positive of 3 answers to I6.1" in found.evidence
    assert "Interviews row 3" in (found.action or "")  # the Negative answer
    assert found.gathered


def test_an_unanswered_question_is_not_gathered_and_names_the_command(tmp_path: Path) -> None:
    result = score(tmp_path, {"Employees": PEOPLE})
    found = criterion(result, "I6.1")
    assert (found.earned, found.possible, found.gathered) == (0.0, 3.0, False)
    assert found.evidence.startswith("Not gathered yet: no interview answers to I6.1")
    assert (found.action or "").startswith(
        "secor-xl interviews WB --out DIR prints the guides; type the answers on Interviews")
    assert result.gathering.interview_open == len(
        [q for q in QUESTIONS_BY_ID if q.startswith("I") and q != "I9.1"])  # 9 is n/a


def test_element_9_out_of_the_law_leaves_its_interview_question_out(tmp_path: Path) -> None:
    result = score(tmp_path, {"Employees": PEOPLE})  # 2 workers: no representative needed
    assert not criterion(result, "I9.1").applicable
    assert not result.elements[8].applicable


# -- observation questions ---------------------------------------------------------------


def observed(question: str, *given: tuple[str, str], day: dt.date = DAY
             ) -> list[dict[str, object]]:
    return [{"Date": day, "Site": site, "Question ID": question, "Result": result}
            for site, result in given]


def test_every_active_site_is_observed_or_counts_as_negative(tmp_path: Path) -> None:
    rows = {"Work Sites": SITES, "Observations": [
        *observed("O3.1", ("Lot 1", "Positive"), ("Old lot", "Positive")),  # range rule
        *observed("O6.1", ("lot 1 ", "Negative"), ("Lot 2", "Positive")),  # all-or-nothing
        *observed("O6.1", ("Lot 1", "Positive"), day=DAY + dt.timedelta(days=1)),  # latest
        *observed("O6.2", ("Lot 1", "Positive"), ("Lot 2", "Negative")),
    ]}
    result = score(tmp_path, rows)
    o31 = criterion(result, "O3.1")
    assert o31.methods == ("observation",)
    assert o31.earned == pytest.approx(0.5 * 2)  # Lot 1 of the 2 active sites; Old lot is out
    assert "not observed at Lot 2" in o31.evidence and "Walk Lot 2" in (o31.action or "")
    assert criterion(result, "O6.1").earned == 2  # Lot 1's latest walk is positive
    o62 = criterion(result, "O6.2")
    assert o62.earned == 0 and "negative at Lot 2" in o62.evidence
    nothing = criterion(result, "O1.1")
    assert nothing.evidence.startswith("Not gathered yet") and not nothing.gathered
    assert "secor-xl observe WB --out DIR" in (nothing.action or "")
    assert (result.gathering.sites, result.gathering.sites_done) == (2, 2)


def test_without_sites_the_workplace_is_the_one_site(tmp_path: Path) -> None:
    result = score(tmp_path, {"Observations": observed("O6.1", ("The shop", "Positive"))})
    assert criterion(result, "O6.1").earned == 2
    assert (result.gathering.sites, result.gathering.sites_done) == (1, 1)


# -- the Self-Assessment earns nothing on its own -----------------------------------------


def test_perfect_records_with_yes_and_evidence_none_get_nothing_from_the_answers(
        demo: DemoData, tmp_path: Path) -> None:
    """Done when: a workbook with perfect records and every Self-Assessment answer Yes with
    evidence "none" gets no points from those answers."""
    base = gathered(demo, DAY)
    claimed = [{**r, "Answer": "Yes", "Evidence": "none"} for r in demo.rows["Self-Assessment"]]
    blank = [{**r, "Answer": None, "Evidence": None} for r in demo.rows["Self-Assessment"]]
    yes = score(tmp_path / "yes", {**base, "Self-Assessment": claimed}, demo.company)
    nothing = score(tmp_path / "blank", {**base, "Self-Assessment": blank}, demo.company)
    assert yes.self_declared == 0 and yes.to_dict()["self_declared"]["earned"] == 0
    assert yes.earned == pytest.approx(nothing.earned)
    assert all(c.earned == c.possible == 0 for e in yes.elements for c in e.criteria
               if c.self_declared)
    warned = [f for f in findings(tmp_path / "yes", {**base, "Self-Assessment": claimed})
              if f.code == "missing.evidence"]
    assert len(warned) == len(claimed)
    assert "'none' as evidence, which is not evidence" in warned[0].message


@pytest.mark.parametrize("said", ["none", "N/A", "-", "Binder", " n/a. "])
def test_placeholder_evidence_is_not_evidence(tmp_path: Path, said: str) -> None:
    rows = {"Self-Assessment": [{"Element": "1 Management leadership and commitment",
                                 "Question": "Q", "Answer": "Yes", "Evidence": said}]}
    (found,) = [f for f in findings(tmp_path, rows) if f.code == "missing.evidence"]
    assert (found.sheet, found.row, found.column) == ("Self-Assessment", 2, "Evidence")


def test_real_evidence_is_not_a_finding(tmp_path: Path) -> None:
    rows = {"Self-Assessment": [{"Element": "1 Management leadership and commitment",
                                 "Question": "Q", "Answer": "Yes",
                                 "Evidence": "Policy, Program Documents row 2"}]}
    assert "missing.evidence" not in {f.code for f in findings(tmp_path, rows)}


# -- the verdict -------------------------------------------------------------------------


def test_the_demo_without_interviews_and_observations_is_not_ready(
        demo: DemoData, tmp_path: Path) -> None:
    """Done when: on the demo with its Interviews and Observations rows deleted, `score`
    does not say PASS and names interviews and observation as missing."""
    rows = {**demo.rows, "Interviews": [], "Observations": []}
    path = build(tmp_path, rows, demo.company)
    result = score_workbook(read_workbook(path), AS_OF)
    active = [p for p in demo.rows["Employees"] if p.get("Status") != "Inactive"]
    sites = [s for s in demo.rows["Work Sites"] if s.get("Active") != "No"]
    planned = sample_size(len(active))
    assert not result.passed and result.verdict.status == "not_ready"
    assert result.verdict.reasons[:2] == (f"interviews: 0 of {planned} done",
                                          f"observations: 0 of {len(sites)} sites")
    shown = " ".join(secor_xl("score", path, "--as-of", AS_OF.isoformat()).stdout.split())
    assert "PASS" not in shown
    assert f"NOT READY: interviews: 0 of {planned} done;" in shown
    assert f"observations: 0 of {len(sites)} sites" in shown
    doc = json.loads(secor_xl("score", path, "--as-of", AS_OF.isoformat(), "--format",
                              "json").stdout)
    assert doc["passed"] is False and doc["verdict"]["status"] == "not_ready"
    assert doc["interviews"]["done"] == 0 and doc["observations"]["done"] == 0


def test_the_demo_gathered_passes_and_a_weak_element_fails(demo: DemoData,
                                                           tmp_path: Path) -> None:
    rows = gathered(demo, DAY)
    result = score(tmp_path / "ok", rows, demo.company)
    assert result.verdict.status == "pass" and result.passed
    negative = {**rows, "Interviews": [{**r, "Answer": "Negative"} for r in rows["Interviews"]],
                "Observations": [{**r, "Result": "Negative"} for r in rows["Observations"]]}
    failed = score(tmp_path / "no", negative, demo.company)
    assert failed.verdict.status == "fail" and not failed.passed
    assert failed.verdict.reasons[0].startswith("overall ")
    assert failed.gathering.interviews_done == result.gathering.interviews_done


def test_interviews_count_people_not_answers(tmp_path: Path) -> None:
    people = [{**PEOPLE[0], "Name": f"Worker {n}"} for n in range(8)]
    rows = {"Employees": people,
            "Interviews": interview_rows([(f"Worker {n}", "Worker") for n in range(5)], DAY)}
    result = score(tmp_path, rows)
    assert (result.gathering.interviews_planned, result.gathering.interviews_done) == (6, 5)
    # 8 workers and nobody designated: the missing representative decides it first
    assert result.verdict.reasons[0].startswith("no health and safety representative")
    assert result.verdict.reasons[1] == "interviews: 5 of 6 done"


def test_an_answer_by_someone_unknown_or_to_an_unknown_question_counts_for_nothing(
        tmp_path: Path) -> None:
    rows = {"Employees": PEOPLE,
            "Interviews": [*answers("I1.1", (ANN, "Positive"), ("John Doe", "Positive"),
                                    (BO, "Negative")),
                           *answers("I99.9", ("Ravi Gill", "Positive"))]}
    result = score(tmp_path, rows)
    assert result.gathering.interviews_done == 2  # Ann and Bo: not John Doe, not Ravi Gill
    assert criterion(result, "I1.1").evidence.startswith("1 positive of 2 answers")


def test_one_answer_each_does_not_gather_the_other_questions(tmp_path: Path) -> None:
    rows = {"Employees": PEOPLE, "Work Sites": SITES[:1],
            "Interviews": answers("I1.2", (ANN, "Positive"), (BO, "Positive")),
            "Observations": observation_rows(["Lot 1"], DAY)}
    result = score(tmp_path, rows)
    assert result.gathering.interviews_done == result.gathering.interviews_planned == 2
    assert result.verdict.status == "not_ready"
    open_questions = sum(1 for q in QUESTIONS_BY_ID.values()
                         if q.id.startswith("I") and "Worker" in getattr(q, "roles", ())) - 1
    assert result.verdict.reasons[0].startswith("interviews: ")
    assert "not asked of anyone yet" in result.verdict.reasons[0]
    assert result.gathering.interview_open >= open_questions - 1  # I9.1 may be n/a


# -- documentation criteria that fill the holes --------------------------------------------


def document(name: str, due: dt.date) -> dict[str, object]:
    return {"Document": name, "Approved By": ANN, "Approved Date": due - dt.timedelta(days=365),
            "Review Due": due}


def test_written_responsibilities(tmp_path: Path) -> None:
    late = score(tmp_path / "a", {"Employees": PEOPLE, "Program Documents": [
        document("Roles and Responsibilities", AS_OF - dt.timedelta(days=1))]})
    assert criterion(late, "1.5").earned == 0 and "was due for review" in \
        criterion(late, "1.5").evidence
    ok = score(tmp_path / "b", {"Employees": PEOPLE, "Program Documents": [
        document("Health and safety responsibilities", AS_OF)]})
    assert criterion(ok, "1.5").earned == 3


def hazard(task: str, severity: int | None, probability: int | None, kind: str = "Formal",
           location: str | None = None, day: dt.date = DAY) -> dict[str, object]:
    return {"Assessment ID": "HA-1", "Type": kind, "Job or Task": task, "Location": location,
            "Hazard": "Fall", "Severity": severity, "Probability": probability,
            "Control Type": "Engineering", "Controls": "Guardrail", "Assessed By": ANN,
            "Assessed Date": day, "Review Due": day + dt.timedelta(days=365)}


def test_field_level_assessments_per_active_site(tmp_path: Path) -> None:
    rows = {"Employees": PEOPLE, "Work Sites": SITES, "Hazard Assessments": [
        hazard("Framing", 2, 2, "Site-specific", "Lot 1"),
        hazard("Framing", 2, 2, "Site-specific", "Lot 2", day=AS_OF - dt.timedelta(days=400)),
        hazard("Framing", 2, 2, "Formal", "Lot 2")]}
    found = criterion(score(tmp_path, rows), "2.5")
    assert found.earned == pytest.approx(1.5)  # Lot 1 of 2: Lot 2's is old, formal ones don't
    assert "Lot 2 (Work Sites row 3)" in (found.action or "")


def test_hazard_ranking_and_procedures_for_high_risk_tasks(tmp_path: Path) -> None:
    lines = [hazard("Roofing", 5, 3), hazard("Roofing", 5, 4), hazard("Trenching", 4, 4),
             hazard("Sweeping", 1, 2), hazard("Painting", None, 2)]
    procedures = [{"Procedure": "Roof work", "Job or Task": "roofing",
                   "Approved Date": AS_OF - dt.timedelta(days=30), "Review Due": AS_OF}]
    result = score(tmp_path, {"Employees": PEOPLE, "Hazard Assessments": lines,
                              "Safe Work Procedures": procedures})
    assert criterion(result, "2.6").earned == pytest.approx(2 * 4 / 5)
    swp = criterion(result, "3.6")
    assert swp.earned == pytest.approx(4 / 2)  # Roofing covered, Trenching (16) not
    assert "Trenching" in (swp.action or "") and "Sweeping" not in (swp.action or "")


def test_preventive_maintenance_of_vehicles_and_equipment(tmp_path: Path) -> None:
    schedule = [{"Item": "Truck 1", "Inspection Type": "Vehicle", "Frequency": "Monthly",
                 "Responsible": ANN},
                {"Item": "Saw", "Inspection Type": "Equipment", "Frequency": "Monthly",
                 "Responsible": ANN},
                {"Item": "Lift", "Inspection Type": "Equipment", "Frequency": "Monthly",
                 "Responsible": ANN},
                {"Item": "Old truck", "Inspection Type": "Vehicle", "Frequency": "Monthly",
                 "Responsible": ANN, "Active": "No"},
                {"Item": "Shop", "Inspection Type": "Site", "Frequency": "Monthly",
                 "Responsible": ANN}]
    log = [{"Equipment": "truck 1", "Date": DAY, "Work Done": "Oil", "Next Due": AS_OF},
           {"Equipment": "Saw", "Date": DAY, "Work Done": "Blade",
            "Next Due": AS_OF - dt.timedelta(days=1)}]
    found = criterion(score(tmp_path, {"Employees": PEOPLE, "Inspection Schedule": schedule,
                                       "Equipment Maintenance": log}), "3.7")
    assert found.earned == pytest.approx(3 / 3)  # Truck 1 of the 3 active items
    assert "Saw (Inspection Schedule row 3), maintenance due 2026-11-25" in found.evidence
    assert "Lift (Inspection Schedule row 4), no maintenance on record" in found.evidence


def test_emergency_plan_contents_and_real_emergencies(tmp_path: Path) -> None:
    full = {"Nearest Hospital": "General", "Route to Hospital": "North", "Muster Point": "Gate",
            "Emergency Contacts": "911", "Potential Emergencies": "Fire",
            "Alarm and Communication": "Horn", "First Aid and Equipment": "Truck"}
    sites = [{**SITES[0], **full}, {**SITES[1], **full, "Muster Point": None}, SITES[2]]
    drills = [{"Drill Date": DAY, "Drill Type": "Real Emergency", "Participants": ANN,
               "Evaluated By": ANN},
              {"Drill Date": DAY, "Drill Type": "Real Emergency", "Participants": ANN,
               "Evaluated By": ANN, "Findings": "Muster point blocked by a truck"}]
    result = score(tmp_path, {"Employees": PEOPLE, "Work Sites": sites,
                              "Emergency Drills": drills})
    plan = criterion(result, "6.5")
    assert plan.earned == pytest.approx(1.5) and "Lot 2 (Work Sites row 3: muster point)" in \
        plan.evidence
    real = criterion(result, "6.6")
    assert real.earned == pytest.approx(1.0) and "Emergency Drills row 2" in (real.action or "")


def test_drills_evaluated_and_a_first_aider(tmp_path: Path) -> None:
    drills = [{"Drill Date": DAY, "Drill Type": "Fire Evacuation", "Participants": ANN,
               "Evaluated By": ANN, "Findings": "Everyone out in 3 minutes"},
              {"Drill Date": DAY, "Drill Type": "Spill", "Participants": ANN,
               "Evaluated By": ANN}]
    records = [{"Employee": ANN, "Course": "Standard First Aid",
                "Completed Date": AS_OF - dt.timedelta(days=4 * 365)},  # 3 years: lapsed
               {"Employee": BO, "Course": "Emergency first aid",
                "Completed Date": AS_OF - dt.timedelta(days=4 * 365),
                "Expiry Date": AS_OF}]  # its printed expiry: current today
    result = score(tmp_path, {"Employees": PEOPLE, "Emergency Drills": drills,
                              "Training Records": records})
    drilled = criterion(result, "6.7")
    assert drilled.earned == pytest.approx(0.5) and "Emergency Drills row 3" in drilled.evidence
    aider = criterion(result, "6.8")
    assert aider.earned == 2 and BO in aider.evidence and ANN not in aider.evidence
    none = score(tmp_path / "none", {"Employees": PEOPLE, "Training Records": records[:1]})
    assert criterion(none, "6.8").earned == 0


def test_contractors_asked_for_their_certificate(tmp_path: Path) -> None:
    register = [{"Name": f"Contractor {kind}", "Type": "Contractor", "First On Site": DAY,
                 "COR/SECOR": kind} for kind in ("COR", "None", "Unknown")]
    register.append({"Name": "A visitor", "Type": "Visitor", "First On Site": DAY})
    found = criterion(score(tmp_path, {"Employees": PEOPLE,
                                       "Contractors and Visitors": register}), "10.4")
    assert found.earned == pytest.approx(2 * 2 / 3)
    assert "Contractor Unknown (Contractors and Visitors row 4)" in (found.action or "")


def test_corrective_actions_linked_to_their_incident(tmp_path: Path) -> None:
    incidents = [{"Incident ID": f"INC-{n}", "Date": DAY, "Type": "First Aid",
                  "Description": "Cut", "Reported Date": DAY, "Status": "Closed"}
                 for n in (1, 2)]
    actions = [{"Action ID": "CA-1", "Source": "Incident", "Source Ref": "inc-1",
                "Description": "Guard", "Assigned To": ANN, "Due Date": AS_OF,
                "Status": "Open"},
               {"Action ID": "CA-2", "Source": "Inspection", "Source Ref": "INC-2",
                "Description": "Guard", "Assigned To": ANN, "Due Date": AS_OF,
                "Status": "Open"}]
    found = criterion(score(tmp_path, {"Employees": PEOPLE, "Incidents": incidents,
                                       "Corrective Actions": actions}), "7.5")
    assert found.earned == pytest.approx(1.5) and "INC-2" in (found.action or "")


# -- check: the interviews and walk-arounds typed back -------------------------------------


def test_check_names_unknown_interviewees_questions_and_sites(tmp_path: Path) -> None:
    rows = {"Employees": PEOPLE, "Work Sites": SITES,
            "Contractors and Visitors": [{"Name": "Roofs Inc", "Type": "Contractor",
                                          "First On Site": DAY, "Orientation Date": DAY}],
            "Interviews": [*answers("I6.1", (ANN, "Positive"), ("Roofs Inc", "Positive"),
                                    ("Ann Leee", "Positive")),
                           *answers("I6.11", (BO, "Positive"))],
            "Observations": [*observed("O6.1", ("Lot 1", "Positive"), ("Lot 3", "Positive")),
                             *observed("06.1", ("Lot 1", "Positive"))]}
    found = {(f.sheet, f.row, f.column, f.code): f.message for f in findings(tmp_path, rows)
             if f.sheet in {"Interviews", "Observations"}}
    assert set(found) == {("Interviews", 4, "Interviewee", "invalid.employee"),
                          ("Interviews", 5, "Question ID", "invalid.reference"),
                          ("Observations", 3, "Site", "invalid.reference"),
                          ("Observations", 4, "Question ID", "invalid.reference")}
    assert found[("Interviews", 4, "Interviewee", "invalid.employee")].startswith(
        "Interviews row 4, Interviewee: 'Ann Leee' is on neither Employees nor Contractors")
    assert 'Did you mean "Ann Lee"?' in found[("Interviews", 4, "Interviewee",
                                               "invalid.employee")]
    assert 'Did you mean "I6.1"?' in found[("Interviews", 5, "Question ID",
                                            "invalid.reference")]
    assert "'Lot 3' is not on Work Sites" in found[("Observations", 3, "Site",
                                                    "invalid.reference")]


def test_observations_without_work_sites_are_not_findings(tmp_path: Path) -> None:
    rows = {"Observations": observation_rows(["The shop"], DAY)}
    assert not [f for f in findings(tmp_path, rows) if f.sheet == "Observations"]
