"""`score`: the JSON contract, the demo's gaps, the window, the pass rule, n/a criteria.

Workbooks are built small with the builder and read back with the reader, on
a frozen as-of date; the demo is built once per module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.content import self_assessment_rows
from secor_xl.dates import edate
from secor_xl.demo_data import CARPENTER_1, FALL, STALE_DOCUMENT, TRUCK_2, DemoData, demo_data
from secor_xl.questions_data import INTERVIEW_QUESTIONS, OBSERVATION_QUESTIONS
from secor_xl.reader.read import read_workbook
from secor_xl.schema import ELEMENTS
from secor_xl.score import (
    CRITERIA,
    CriterionResult,
    ElementResult,
    ScoreResult,
    gap_list,
    pass_rule,
    province_code,
    score_workbook,
)

from .gathered import gathered

AS_OF = dt.date(2026, 11, 26)
DOCS = Path(__file__).parent.parent / "docs" / "scoring.md"

Rows = Mapping[str, Sequence[Mapping[str, object]]]


def score(tmp_path: Path, rows: Rows | None = None, company: Mapping[str, object] | None = None,
          as_of: dt.date = AS_OF, name: str = "wb.xlsx") -> ScoreResult:
    options = BuildOptions(company=company if company is not None else {"Province": "AB"},
                           rows=rows or {}, spare_rows=1)
    return score_workbook(read_workbook(build_workbook(tmp_path / name, options)), as_of)


def criterion(result: ScoreResult, criterion_id: str) -> CriterionResult:
    return next(c for e in result.elements for c in e.criteria if c.id == criterion_id)


def gap_action(result: ScoreResult, criterion_id: str) -> str:
    return next(g.action for g in result.gaps if g.criterion == criterion_id)


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return demo_data(AS_OF)


@pytest.fixture(scope="module")
def demo_result(demo: DemoData, tmp_path_factory: pytest.TempPathFactory) -> ScoreResult:
    """The demo with everyone interviewed and every site walked, all positive, a week ago."""
    path = build_workbook(tmp_path_factory.mktemp("demo") / "demo.xlsx",
                          BuildOptions(company=demo.company,
                                       rows=gathered(demo, AS_OF - dt.timedelta(days=7))))
    return score_workbook(read_workbook(path), AS_OF)


@pytest.fixture(scope="module")
def empty_result(tmp_path_factory: pytest.TempPathFactory) -> ScoreResult:
    """A new master: only the builder's defaults (unanswered questions, roadmap steps)."""
    return score(tmp_path_factory.mktemp("empty"), company={"Province": "SK"})


# -- the JSON contract -------------------------------------------------------------------


def test_json_has_exactly_the_contract_keys(demo_result: ScoreResult) -> None:
    doc = demo_result.to_dict()
    assert list(doc) == ["as_of", "province", "overall", "passed", "verdict", "rule",
                         "points_by_method", "interviews", "observations", "self_declared",
                         "elements", "gaps", "notes", "road"]
    assert doc["self_declared"] == {"earned": 0.0, "share_of_earned": 0.0}
    assert list(doc["verdict"]) == ["status", "word", "headline", "reasons", "eligibility",
                                    "certificate", "incentive"]
    assert doc["verdict"]["status"] == "pass" and doc["verdict"]["headline"].startswith("PASS")
    assert doc["verdict"]["reasons"] == [
        f"overall {doc['overall']:.1f} %, every element at or above the minimum"]
    assert doc["interviews"] == {"planned": 6, "done": 8, "questions_not_gathered": 0}
    assert doc["observations"] == {"sites": 4, "done": 4, "questions_not_gathered": 0}
    assert list(doc["points_by_method"]) == ["documentation", "interview", "observation"]
    by_method = doc["points_by_method"]
    asked = sum(q.points for q in INTERVIEW_QUESTIONS)
    seen = sum(q.points for q in OBSERVATION_QUESTIONS)
    assert by_method["interview"] == {"earned": asked, "possible": asked}
    assert by_method["observation"] == {"earned": seen, "possible": seen}
    assert sum(m["possible"] for m in by_method.values()) == pytest.approx(
        sum(e["possible"] for e in doc["elements"]))
    assert list(doc["road"]) == ["eligibility", "cycle", "certificate", "legal_gaps",
                                 "next_steps", "incentive", "incidents"]
    assert doc["road"]["incentive"]["low"] == 920.0  # 5 % of the demo's $18,400 premium
    assert doc["road"]["cycle"]["next_step"] == "Maintenance submission, year 3"
    assert doc["as_of"] == "2026-11-26" and doc["province"] == "AB"
    assert isinstance(doc["overall"], float) and isinstance(doc["passed"], bool)
    assert doc["rule"] == {"overall_min": 80.0, "element_min": 50.0}
    assert all(isinstance(v, float) for v in doc["rule"].values())
    assert [e["id"] for e in doc["elements"]] == list(ELEMENTS)
    for element in doc["elements"]:
        assert set(element) == {"id", "name", "score", "earned", "possible", "applicable",
                                "criteria"}
        assert element["name"] == ELEMENTS[element["id"]]
        assert all(isinstance(element[k], float) for k in ("score", "earned", "possible"))
        for c in element["criteria"]:
            assert set(c) == {"id", "text", "earned", "possible", "evidence", "methods",
                              "points_by_method"}
            assert isinstance(c["id"], str) and isinstance(c["text"], str)
            assert set(c["methods"]) <= {"documentation", "interview", "observation"}
            assert list(c["points_by_method"]) == c["methods"]
            if c["methods"]:
                assert sum(m["possible"] for m in c["points_by_method"].values()) == \
                    pytest.approx(c["possible"])
            assert isinstance(c["earned"], float) and isinstance(c["possible"], float)
    for gap in doc["gaps"]:
        assert set(gap) == {"element", "criterion", "points", "action"}
        assert isinstance(gap["element"], int) and isinstance(gap["points"], float)
    assert doc["notes"] == []


def test_numbers_are_rounded_to_one_decimal(demo_result: ScoreResult) -> None:
    doc = demo_result.to_dict()
    numbers: list[float] = [doc["overall"]]
    for e in doc["elements"]:
        numbers += [e["score"], e["earned"], e["possible"]]
        numbers += [v for c in e["criteria"] for v in (c["earned"], c["possible"])]
    numbers += [g["points"] for g in doc["gaps"]]
    assert all(round(n, 1) == n for n in numbers)


def test_criteria_table_is_well_formed() -> None:
    ids = [c.id for c in CRITERIA]
    assert len(ids) == len(set(ids))
    for c in CRITERIA:
        assert c.id.lstrip("IO").split(".")[0] == str(c.element) and c.sources
        assert c.points > 0 or c.self_declared
        assert all(re.fullmatch(r"[A-Z]\d{2}(-\d{2})?", s) for s in c.sources)
        assert c.confidence in {"high", "medium", "low"}
    for element in ELEMENTS:
        mine = [c for c in CRITERIA if c.element == element]
        records = [c for c in mine if c.methods == ("documentation",)]
        asked = [c for c in mine if c.methods in {("interview",), ("observation",)}]
        (own,) = [c for c in mine if c.self_declared]
        # the records, the owner's own answers (worth nothing), then the questions
        assert mine == [*records, own, *asked]
        assert own.text.startswith("Self-assessment") and own.points == 0 and own.methods == ()
    # one criterion per interview and observation question, with its points and sources
    questions = {q.id: q for q in (*INTERVIEW_QUESTIONS, *OBSERVATION_QUESTIONS)}
    asked_ids = [c.id for c in CRITERIA if c.methods != ("documentation",) and c.methods]
    assert sorted(asked_ids) == sorted(questions)
    for c in CRITERIA:
        if c.id in questions:
            assert (c.points, c.sources, c.element) == (questions[c.id].points,
                                                       questions[c.id].sources,
                                                       questions[c.id].element)


# -- an empty workbook -------------------------------------------------------------------


def test_empty_workbook_scores_low_and_fails(empty_result: ScoreResult) -> None:
    assert not empty_result.passed
    assert empty_result.overall < 5
    assert all(e.score < 10 for e in empty_result.elements)
    assert all(c.evidence for e in empty_result.elements for c in e.criteria)
    # every criterion short of its points is a gap with an action
    short = [c for e in empty_result.elements for c in e.criteria if c.earned < c.possible]
    assert {g.criterion for g in empty_result.gaps} == {c.id for c in short}
    assert all(g.action for g in empty_result.gaps)
    assert not any(criterion(empty_result, g.criterion).self_declared for g in empty_result.gaps)
    assert gap_action(empty_result, "I6.1").startswith("secor-xl interviews WB --out DIR")
    assert empty_result.verdict.status == "not_ready"


# -- the demo ----------------------------------------------------------------------------


def test_demo_explains_every_criterion(demo_result: ScoreResult) -> None:
    for element in demo_result.elements:
        assert [c.id for c in element.criteria] == [c.id for c in CRITERIA
                                                    if c.element == element.id]
        for c in element.criteria:
            assert c.evidence.strip(), c.id
            assert 0 <= c.earned <= c.possible


def test_demo_planted_problems_are_gaps(demo: DemoData, demo_result: ScoreResult) -> None:
    action_id = re.search(r"CA-\d{3}", demo.problems[2])
    assert action_id is not None and action_id.group() == "CA-031"
    assert "Inspect Truck 2 - 2021 Ram 2500 (Inspection Schedule row 5), last inspected " \
           "2026-10-08" in gap_action(demo_result, "4.3")
    assert TRUCK_2 in gap_action(demo_result, "4.3")
    assert f"Renew {FALL} for {CARPENTER_1} (expired 2026-11-05" in gap_action(demo_result, "5.1")
    assert action_id.group() in gap_action(demo_result, "3.4")
    assert action_id.group() in gap_action(demo_result, "3.3")
    assert STALE_DOCUMENT[0] in gap_action(demo_result, "1.4")
    assert "July 2026" in gap_action(demo_result, "8.1")


def test_demo_scores_and_passes(demo: DemoData, demo_result: ScoreResult) -> None:
    """The demo's records are nearly complete: it passes, its planted problems cost little."""
    assert demo_result.province == "AB" and demo_result.notes == ()
    assert demo_result.passed and demo_result.overall > 85
    assert all(e.score >= 70 for e in demo_result.elements)
    # the demo has incidents, actions and deficiencies: nothing is n/a but a real emergency
    assert [c.id for e in demo_result.elements for c in e.criteria if not c.applicable] == \
        ["6.6"]
    # the owner's answers are listed for their review and earn nothing
    assert all(c.earned == c.possible == 0 for e in demo_result.elements for c in e.criteria
               if c.self_declared)


def test_demo_without_self_assessment_answers_scores_the_same(
        demo: DemoData, demo_result: ScoreResult, tmp_path: Path) -> None:
    """The owner's own answers earn nothing on their own (R21-03): blank them and the score
    does not move."""
    rows = {**gathered(demo, AS_OF - dt.timedelta(days=7)),
            "Self-Assessment": self_assessment_rows()}  # the questions, unanswered
    result = score(tmp_path, rows=rows, company=demo.company)
    assert result.overall == pytest.approx(demo_result.overall) and result.passed


# -- gaps --------------------------------------------------------------------------------


def test_gaps_are_ordered_by_points_then_element_and_id(demo_result: ScoreResult,
                                                         empty_result: ScoreResult) -> None:
    for result in (demo_result, empty_result):
        order = [(-g.points, g.element, {"I": 1, "O": 2}.get(g.criterion[0], 0),
                  tuple(int(p) for p in g.criterion.lstrip("IO").split(".")))
                 for g in result.gaps]
        assert order == sorted(order)
        for g in result.gaps:
            c = criterion(result, g.criterion)
            assert g.points == pytest.approx(c.possible - c.earned) and g.points > 0


def test_gap_ties_sort_numerically() -> None:
    results = [CriterionResult("4.10", 4, "t", 1, 2, "e", "a"),
               CriterionResult("4.9", 4, "t", 1, 2, "e", "b"),
               CriterionResult("3.1", 3, "t", 1, 2, "e", "c"),
               CriterionResult("8.1", 8, "t", 0, 2, "e", "d"),
               CriterionResult("O4.1", 4, "t", 1, 2, "e", "f"),
               CriterionResult("I4.2", 4, "t", 1, 2, "e", "g"),
               CriterionResult("1.1", 1, "t", 2, 2, "e", None)]
    assert [g.criterion for g in gap_list(results)] == ["8.1", "3.1", "4.9", "4.10", "I4.2",
                                                        "O4.1"]


# -- the 12-month window -----------------------------------------------------------------


@pytest.mark.parametrize(("drill", "earned"), [
    (edate(AS_OF, -12), 0.0),  # exactly 12 months ago: outside (> edate(as_of, -12))
    (edate(AS_OF, -12) + dt.timedelta(days=1), 4.0),
    (AS_OF, 4.0),  # the as-of day itself is inside
    (AS_OF + dt.timedelta(days=1), 0.0),  # after the as-of day: not yet
])
def test_drill_window_boundaries(tmp_path: Path, drill: dt.date, earned: float) -> None:
    rows = {"Emergency Drills": [{"Drill Date": drill, "Drill Type": "Fire Evacuation",
                                  "Participants": "Ann Lee", "Evaluated By": "Ann Lee"}]}
    assert criterion(score(tmp_path, rows), "6.2").earned == earned


def test_window_clamps_at_month_end(tmp_path: Path) -> None:
    as_of = dt.date(2025, 2, 28)  # edate(-12) = 2024-02-28 (2024 is a leap year)
    rows = {"Emergency Drills": [{"Drill Date": dt.date(2024, 2, 29),
                                  "Drill Type": "Fire Evacuation", "Participants": "Ann Lee",
                                  "Evaluated By": "Ann Lee"}]}
    assert criterion(score(tmp_path, rows, as_of=as_of), "6.2").earned == 4.0


# -- passed uses unrounded values --------------------------------------------------------


def _result(*element_earned: float) -> ScoreResult:
    """Ten elements of 100 points each (one criterion), earning the given points."""
    elements = tuple(
        ElementResult(n, ELEMENTS[n], (CriterionResult(f"{n}.1", n, "t", earned, 100.0, "e"),))
        for n, earned in zip(ELEMENTS, element_earned, strict=True))
    return ScoreResult(AS_OF.isoformat(), "AB", pass_rule("AB"), elements)


def test_passed_uses_unrounded_overall() -> None:
    """(Nothing planned to interview or observe in a hand-built result: the rule decides.)"""
    result = _result(*[79.96] * 10)
    assert result.to_dict()["overall"] == 80.0 and not result.passed
    assert _result(*[80.0] * 10).passed


def test_passed_uses_unrounded_element_scores() -> None:
    result = _result(49.96, *[100.0] * 9)
    assert result.overall > 80
    assert result.to_dict()["elements"][0]["score"] == 50.0 and not result.passed
    assert _result(50.0, *[100.0] * 9).passed


def test_an_element_that_does_not_apply_is_not_held_to_the_minimum() -> None:
    elements = tuple(
        ElementResult(n, ELEMENTS[n], (CriterionResult(f"{n}.1", n, "t", 0.0 if n == 9 else 90.0,
                                                       0.0 if n == 9 else 100.0, "e",
                                                       applicable=n != 9),))
        for n in ELEMENTS)
    result = ScoreResult(AS_OF.isoformat(), "AB", pass_rule("AB"), elements)
    assert result.passed and result.overall == pytest.approx(90.0)
    assert result.to_dict()["elements"][8]["applicable"] is False


# -- the pass rule by province -----------------------------------------------------------


@pytest.mark.parametrize("code", ["AB", "BC", "MB"])
def test_published_rules(code: str) -> None:
    rule = pass_rule(code)
    assert (rule.overall_min, rule.element_min, rule.note) == (80.0, 50.0, None)
    assert rule.sources


@pytest.mark.parametrize(("code", "cites"), [
    ("SK", "K01"), ("NS", "A01"), ("ON", "O03"), ("NL", "A07"), ("NB", "A10"), ("PE", ""),
    ("YT", ""), ("", "blank"), ("ZZ", "ZZ")])
def test_unpublished_rules_assume_80_50_with_a_note(code: str, cites: str) -> None:
    rule = pass_rule(code)
    assert (rule.overall_min, rule.element_min) == (80.0, 50.0)
    assert rule.note is not None and cites in rule.note and "assumed" in rule.note


def test_sk_workbook_carries_the_note(empty_result: ScoreResult) -> None:
    doc = empty_result.to_dict()
    assert doc["province"] == "SK" and doc["rule"] == {"overall_min": 80.0, "element_min": 50.0}
    assert len(doc["notes"]) == 2 and "K01" in doc["notes"][0]
    assert "Alberta's 2019 standard" in doc["notes"][1]
    assert "not published" in doc["notes"][0]


def test_blank_province_carries_the_note(tmp_path: Path) -> None:
    doc = score(tmp_path, company={}).to_dict()
    assert doc["province"] == "" and len(doc["notes"]) == 2
    assert "Province on the Company sheet is blank" in doc["notes"][0]


@pytest.mark.parametrize(("typed", "code"), [("ab", "AB"), (" Alberta ", "AB"),
                                              ("british columbia", "BC"), (None, ""),
                                              ("  ", ""), ("Albertaa", "Albertaa")])
def test_province_code(typed: object, code: str) -> None:
    assert province_code(typed) == code


# -- n/a criteria ------------------------------------------------------------------------


def test_na_criteria_leave_the_possible_total(tmp_path: Path) -> None:
    result = score(tmp_path)  # no incidents, actions or deficiencies
    incidents = result.elements[6]
    # 7.4, near misses, is never n/a (R13-35: n/a only for low-risk offices); 7.6 is the
    # owner's own answers (0), I7.1 the interview question (3)
    assert [c.possible for c in incidents.criteria] == [0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 3.0]
    assert all(c.evidence.startswith("Not applicable") for c in incidents.criteria[:3])
    assert incidents.criteria[4].evidence.startswith("Not applicable")  # 7.5, linked actions
    assert incidents.possible == 5.0
    assert criterion(result, "3.3").possible == criterion(result, "3.4").possible == 0.0
    assert criterion(result, "4.4").possible == 0.0
    total = sum(c.points for c in CRITERIA)
    # and 3.7 (no vehicles), 6.6 and 6.7 (no real emergency, no drill), 8.5 (no audit
    # actions), 10.1, 10.3 and 10.4 (no contractors), element 9 with its interview question
    # (no workers)
    na = {"7.1", "7.2", "7.3", "7.5", "3.3", "3.4", "3.7", "4.4", "6.6", "6.7", "8.5", "10.1",
          "10.3", "10.4"}
    element_9 = sum(c.points for c in CRITERIA if c.element == 9)
    assert result.possible == total - sum(c.points for c in CRITERIA if c.id in na) - element_9
    assert {c.id for e in result.elements for c in e.criteria if not c.applicable} == \
        na | {c.id for c in CRITERIA if c.element == 9}
    assert not any(g.criterion in na | {"9.1", "I9.1"} for g in result.gaps)


def test_incident_criteria_apply_with_an_incident(tmp_path: Path) -> None:
    day = AS_OF - dt.timedelta(days=30)
    rows = {"Incidents": [
        {"Incident ID": "INC-1", "Date": day, "Type": "Lost Time", "Description": "Fall",
         "Reported Date": day, "Reported To WCB": "No",
         "Investigation Started": day + dt.timedelta(days=3), "Root Cause": "Wet deck",
         "Status": "Closed"},
        {"Incident ID": "INC-2", "Date": day, "Type": "Near Miss", "Description": "Slip",
         "Reported Date": day, "Investigation Started": day, "Status": "Open"},
        {"Incident ID": "INC-0", "Date": edate(AS_OF, -12), "Type": "Lost Time",
         "Description": "Old", "Reported Date": edate(AS_OF, -12), "Status": "Closed"},
    ]}
    result = score(tmp_path, rows)
    assert (criterion(result, "7.1").earned, criterion(result, "7.1").possible) == (2.0, 4.0)
    assert (criterion(result, "7.2").earned, criterion(result, "7.2").possible) == (0.5, 1.0)
    assert (criterion(result, "7.3").earned, criterion(result, "7.3").possible) == (0.0, 2.0)
    assert "INC-1" in gap_action(result, "7.3") and "INC-0" not in gap_action(result, "7.3")
    assert "INC-2" in gap_action(result, "7.1")


# -- single criteria on small workbooks --------------------------------------------------


def test_self_assessment_answers_are_listed_and_earn_nothing(tmp_path: Path) -> None:
    questions = self_assessment_rows()
    answers = ["Yes", "Partial", "No", "Yes", "Yes"] + [None] * (len(questions) - 5)
    evidence = ["Policy binder", "Meeting M-2025-03", None, "n/a", "HA-01"]
    evidence += [None] * (len(questions) - 5)
    rows: Rows = {"Self-Assessment": [
        {**q, "Answer": a, "Evidence": e} if a else q
        for q, a, e in zip(questions, answers, evidence, strict=True)]}
    result = score(tmp_path, rows)
    first = criterion(result, "1.6")
    assert first.self_declared and (first.earned, first.possible) == (0.0, 0.0)
    assert "1 Yes, 1 Partial, 1 No" in first.evidence and "earn no points" in first.evidence
    second = criterion(result, "2.7")  # "n/a" is not evidence
    assert "1 without real evidence (Self-Assessment row 5)" in second.evidence
    assert result.self_declared == 0 and not any(
        g.criterion in {"1.6", "2.7"} for g in result.gaps)


def test_corrective_actions_on_time_and_overdue(tmp_path: Path) -> None:
    def action(n: int, due: dt.date, done: dt.date | None) -> dict[str, object]:
        row: dict[str, object] = {"Action ID": f"CA-{n}", "Source": "Other",
                                  "Description": f"Fix {n}", "Assigned To": "Ann Lee",
                                  "Due Date": due, "Status": "Closed" if done else "Open"}
        return {**row, "Completed Date": done} if done else row

    due = AS_OF - dt.timedelta(days=40)
    rows = {"Corrective Actions": [
        action(1, due, due - dt.timedelta(days=1)),  # on time
        action(2, due, due + dt.timedelta(days=5)),  # late
        action(3, due, None),  # open and overdue
        action(4, AS_OF + dt.timedelta(days=10), None),  # open, not yet due
    ]}
    result = score(tmp_path, rows)
    assert criterion(result, "3.3").earned == pytest.approx(4 / 3)
    assert "CA-2" in gap_action(result, "3.3") and "5 days late" in gap_action(result, "3.3")
    assert criterion(result, "3.4").earned == pytest.approx(3 * (1 - 1 / 4))
    assert "CA-3" in gap_action(result, "3.4") and "CA-2" not in gap_action(result, "3.4")


def test_inspections_done_against_the_schedule(tmp_path: Path) -> None:
    log: list[dict[str, object]] = [
        {"Inspection ID": f"IN-{n}", "Date": AS_OF - dt.timedelta(days=30 * n), "Item": "Shop",
         "Inspection Type": "Site", "Inspector": "Ann Lee", "Result": "Satisfactory"}
        for n in range(6)]  # 6 of 12 monthly
    log.append({"Inspection ID": "IN-X", "Date": AS_OF - dt.timedelta(days=3),
                "Item": "shop extinguisher ", "Inspection Type": "Fire Extinguisher",
                "Inspector": "Ann Lee", "Result": "Deficiencies Found",
                "Deficiency": "Low gauge", "Action ID": "CA-9"})
    rows: Rows = {"Inspection Schedule": [
        {"Item": "Shop", "Inspection Type": "Site", "Frequency": "Monthly",
         "Responsible": "Ann Lee", "Active": "Yes"},
        {"Item": "Shop Extinguisher", "Inspection Type": "Fire Extinguisher",
         "Frequency": "Annual", "Responsible": "Ann Lee"},
        {"Item": "First aid kit", "Inspection Type": "First Aid Kit", "Frequency": "Monthly",
         "Responsible": "Ann Lee"},
        {"Item": "Sold truck", "Inspection Type": "Vehicle", "Frequency": "Monthly",
         "Responsible": "Ann Lee", "Active": "No"},
    ], "Inspection Log": log}
    result = score(tmp_path, rows)
    assert criterion(result, "4.1").earned == 2.0
    # Shop 6/12, extinguisher 1/1 (matched by UPPER(TRIM)), kit 0/12; the sold truck is out
    assert criterion(result, "4.2").earned == pytest.approx(6 * (0.5 + 1 + 0) / 3)
    assert "First aid kit (Inspection Schedule row 4), never inspected" in \
        gap_action(result, "4.3")
    assert criterion(result, "4.3").earned == pytest.approx(2 * (1 - 1 / 3))
    assert criterion(result, "4.4").earned == 0.0  # CA-9 is not on Corrective Actions
    assert criterion(result, "6.4").earned == 1.0  # extinguisher fine, kit overdue


# -- docs/scoring.md ---------------------------------------------------------------------


def _docs_table(path: Path = DOCS) -> dict[str, tuple[float, set[str]]]:
    """Criterion id -> (points, source ids) from the criteria table of a Markdown file."""
    table: dict[str, tuple[float, set[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 6 and re.fullmatch(r"[IO]?\d+\.\d+", cells[1]):
            table[cells[1]] = (float(cells[3]), set(re.findall(r"[A-Z]\d{2}(?:-\d{2})?", cells[5])))
    return table


@pytest.mark.parametrize("path", [DOCS, DOCS.parent.parent / "README.md"],
                         ids=["docs", "readme"])
def test_docs_list_every_criterion_with_its_points_and_sources(path: Path) -> None:
    table = _docs_table(path)
    assert list(table) == [c.id for c in CRITERIA]
    for c in CRITERIA:
        points, sources = table[c.id]
        assert points == c.points, c.id
        assert sources == set(c.sources), c.id
