"""Eligibility, the certificate cycle and roadmap, the incentive estimate, incident stats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.certification.eligibility import eligibility
from secor_xl.certification.incentive import estimate
from secor_xl.certification.provinces import PROVINCES, province
from secor_xl.certification.roadmap import cycle, due_dates, next_steps
from secor_xl.certification.stats import incident_stats
from secor_xl.reader.read import read_workbook

AS_OF = dt.date(2025, 6, 30)


class FakeBook:
    def __init__(self, company: dict[str, Any], employees: list[tuple[str, str]]) -> None:
        self.company = company
        self._employees = pd.DataFrame({
            "Name": [f"E{i}" for i in range(len(employees))],
            "Start Date": pd.Series([pd.Timestamp(s) for s, _ in employees],
                                    dtype="datetime64[ns]"),
            "Status": pd.Series([st for _, st in employees], dtype="object"),
        })

    def frame(self, sheet_name: str) -> pd.DataFrame:
        assert sheet_name == "Employees"
        return self._employees


def _active(n: int) -> list[tuple[str, str]]:
    return [("2020-01-01", "Active")] * n


@pytest.mark.parametrize("code,limit", [("AB", 10), ("BC", 19), ("SK", 9), ("MB", 9),
                                        ("NS", 4)])
@pytest.mark.parametrize("delta", [-1, 0, 1])
def test_eligibility_at_below_and_above_threshold(code: str, limit: int, delta: int) -> None:
    result = eligibility(FakeBook({"Province": code}, _active(limit + delta)), AS_OF)
    assert result.threshold == limit
    assert result.count == limit + delta
    assert result.fits is (delta <= 0)
    assert (result.warning is None) is (delta <= 0)
    assert result.source_ids and result.confidence


def test_alberta_above_ten_moves_to_regular_cor() -> None:
    result = eligibility(FakeBook({"Province": "AB"}, _active(11)), AS_OF)
    assert result.warning is not None and "regular COR" in result.warning
    assert "S08" in result.source_ids


def test_inactive_and_departed_workers_counted_as_documented() -> None:
    roster = [
        *_active(8),
        ("2025-01-15", "Inactive"),   # started in the window, left: counted
        ("2024-07-01", "Inactive"),   # first day inside the window: counted
        ("2024-06-30", "Inactive"),   # started before the window: assumed gone, not counted
        ("2019-03-01", "Inactive"),   # left long ago: not counted
        ("2025-07-15", "Active"),     # starts after the as-of date: not counted
    ]
    result = eligibility(FakeBook({"Province": "AB"}, roster), AS_OF)
    assert result.count == 10 and result.fits is True
    assert result.not_counted == 2
    assert "Inactive" in result.basis and "no end date" in result.basis
    assert result.warning is not None and "Inactive" in result.warning  # 10 + 2 > 10


def test_company_number_of_workers_used_when_larger() -> None:
    result = eligibility(FakeBook({"Province": "SK", "Number of Workers": 12.0}, _active(5)),
                         AS_OF)
    assert result.count == 12 and result.roster_count == 5 and result.fits is False
    assert "Number of Workers" in result.basis
    assert "fewer than nine" in result.basis  # the SK disagreement is shown


def test_override_threshold_and_province_without_one() -> None:
    book = FakeBook({"Province": "BC"}, _active(12))
    assert eligibility(book, AS_OF).fits is True
    overridden = eligibility(book, AS_OF, override_threshold=10)
    assert overridden.threshold == 10 and overridden.fits is False
    assert "override" in overridden.basis
    ontario = eligibility(FakeBook({"Province": "ON"}, _active(3)), AS_OF)
    assert ontario.fits is None and ontario.threshold is None and ontario.warning is None
    assert "no small-employer threshold" in ontario.basis


def test_eligibility_from_a_built_workbook(tmp_path: Path) -> None:
    rows = [{"Employee ID": f"E{i:02}", "Name": f"Worker {i}", "Position": "Labourer",
             "Start Date": dt.date(2022, 1, 3), "Status": "Active"} for i in range(10)]
    rows.append({"Employee ID": "E99", "Name": "Seasonal", "Position": "Labourer",
                 "Start Date": dt.date(2025, 3, 1), "Status": "Inactive"})
    path = build_workbook(tmp_path / "m.xlsx", BuildOptions(
        company={"Company Name": "Test Co", "Province": "AB", "Number of Workers": 9},
        rows={"Employees": rows}))
    result = eligibility(read_workbook(path), AS_OF)
    assert result.count == 11 and result.fits is False
    assert result.warning is not None and "regular COR" in result.warning


def test_override_typed_on_company_is_used(tmp_path: Path) -> None:
    """The owner's figure on Company beats the reference; blank means the reference."""
    rows = [{"Employee ID": f"E{i:02}", "Name": f"Worker {i}", "Position": "Labourer",
             "Start Date": dt.date(2022, 1, 3), "Status": "Active"} for i in range(9)]
    company = {"Company Name": "Test Co", "Province": "AB", "Number of Workers": 9}
    plain = build_workbook(tmp_path / "plain.xlsx",
                           BuildOptions(company=company, rows={"Employees": rows}))
    assert eligibility(read_workbook(plain), AS_OF).threshold == 10
    strict = build_workbook(tmp_path / "strict.xlsx", BuildOptions(
        company=company | {"Worker Threshold Override": 8}, rows={"Employees": rows}))
    result = eligibility(read_workbook(strict), AS_OF)
    assert (result.threshold, result.fits) == (8, False)
    assert "override on Company" in result.basis and "reference figure is 10" in result.basis


def test_provinces_carry_sources_and_disagreements() -> None:
    ab = province("ab")
    assert ab.threshold.max_employees == 10 and ab.certificate_years == 3
    assert "10 or fewer" in ab.threshold.rule
    topics = {d.topic for p in PROVINCES.values() for d in p.disagreements}
    assert {"Alberta employee threshold wording", "Saskatchewan SECOR threshold",
            "BC small-employer threshold", "BC small-employer incentive amount",
            "Alberta first-year refund for SECOR holders"} <= topics
    assert province("YT").threshold.max_employees is None
    for p in PROVINCES.values():
        assert p.threshold.confidence in {"high", "medium", "low"}


@pytest.mark.parametrize("as_of,year,step,due", [
    (dt.date(2025, 1, 31), 1, "Maintenance submission, year 2", dt.date(2026, 1, 31)),
    (dt.date(2026, 1, 30), 1, "Maintenance submission, year 2", dt.date(2026, 1, 31)),
    (dt.date(2026, 1, 31), 2, "Maintenance submission, year 3", dt.date(2027, 1, 31)),
    (dt.date(2027, 6, 1), 3, "Recertification", dt.date(2028, 1, 31)),
    (dt.date(2028, 2, 1), 4, "Recertification", dt.date(2028, 1, 31)),
])
def test_certificate_cycle_month_end(as_of: dt.date, year: int, step: str,
                                     due: dt.date) -> None:
    c = cycle(dt.date(2025, 1, 31), as_of)
    assert (c.maintenance_year_2, c.maintenance_year_3, c.recertification) == (
        dt.date(2026, 1, 31), dt.date(2027, 1, 31), dt.date(2028, 1, 31))
    assert (c.year, c.next_step, c.next_due) == (year, step, due)


def test_cycle_leap_day_and_no_certificate() -> None:
    c = cycle(dt.date(2024, 2, 29), dt.date(2024, 3, 1))
    assert (c.maintenance_year_2, c.maintenance_year_3, c.recertification) == (
        dt.date(2025, 2, 28), dt.date(2026, 2, 28), dt.date(2027, 2, 28))
    none = cycle(None, AS_OF)
    assert none.year is None and none.next_step == "Certificate issued"


def _roadmap(**done: dt.date) -> list[dict[str, object]]:
    from secor_xl.builder.content import ROADMAP_STEPS
    rows: list[dict[str, object]] = [
        {"Step": step, "Status": "Not Started", "Date": None, "Due": None}
        for step in ROADMAP_STEPS]
    for word, day in done.items():  # the first step whose name has the word
        row = next(r for r in rows if word in str(r["Step"]).casefold())
        row.update(Status="Done", Date=day)
    return rows


def test_roadmap_due_dates_from_earlier_steps() -> None:
    rows = _roadmap(written=dt.date(2024, 1, 31))
    steps = {s.step: s for s in due_dates(rows, "AB")}
    implemented = steps["Program implemented, with records for the period the partner asks"]
    assert implemented.due == dt.date(2025, 1, 31) and implemented.computed
    assert steps["Self-evaluation scored at or above the pass mark"].due == dt.date(2025, 2, 15)
    assert steps["Submission sent to the certifying partner"].due == dt.date(2025, 4, 1)
    assert steps["Maintenance submission, year 2"].due is None
    elsewhere = {s.step: s for s in due_dates(rows, "MB")}
    assert elsewhere[implemented.step].due == dt.date(2024, 4, 30)  # month end clamps


def test_roadmap_full_cycle_next_steps() -> None:
    rows = _roadmap(written=dt.date(2022, 1, 10), implemented=dt.date(2023, 1, 20),
                    self=dt.date(2023, 2, 1), submission=dt.date(2023, 3, 1),
                    certificate=dt.date(2023, 1, 31))
    rows[0].update(Status="Done", Date=dt.date(2021, 12, 1))
    rows[1].update(Status="Done", Date=dt.date(2021, 12, 1))
    rows[2].update(Status="Not Needed")
    steps = next_steps(rows, dt.date(2024, 1, 15), province="AB")
    assert [(s.step, s.due, s.state) for s in steps] == [
        ("Maintenance submission, year 2", dt.date(2024, 1, 31), "due soon"),
        ("Maintenance submission, year 3", dt.date(2025, 1, 31), "open"),
        ("Recertification", dt.date(2026, 1, 31), "open"),
    ]
    rows[8].update(Status="Done", Date=dt.date(2024, 1, 20))
    later = next_steps(rows, dt.date(2025, 2, 3), n=1)
    assert [(s.step, s.state) for s in later] == [("Maintenance submission, year 3", "overdue")]
    rows[10]["Due"] = dt.date(2025, 12, 1)  # a typed Due wins
    assert next_steps(rows, dt.date(2025, 2, 3))[-1].due == dt.date(2025, 12, 1)


@pytest.mark.parametrize("code,premium,first,low,high", [
    ("AB", 18_400, False, 920, 3_680),
    ("AB", 18_400, True, 920, 3_680),
    # BC (B10, R14-50): 75 % of a total under $1,334; $1,000 to a $10,000 base; 10 % above
    ("BC", 800, False, 600, 600),
    ("BC", 1_000, False, 750, 750),
    ("BC", 2_000, False, 1_000, 1_000),
    ("BC", 5_000, False, 1_000, 1_000),
    ("BC", 10_000, False, 1_000, 1_000),
    ("BC", 20_000, False, 2_000, 2_000),
    ("MB", 10_000, False, 3_000, 3_000),
    ("MB", 3_000, False, 2_250, 2_250),
    ("MB", 40_000, False, 6_000, 6_000),
])
def test_incentive_hand_computed(code: str, premium: float, first: bool, low: float,
                                 high: float) -> None:
    result = estimate(code, premium, first)
    assert (result.low, result.high) == (pytest.approx(low), pytest.approx(high))
    assert "stimate" in result.text and result.source_ids


def test_incentive_none_where_no_rebate() -> None:
    sk = estimate("SK", 10_000, False)
    assert sk.low is None and sk.source_ids == ("K03",) and "$1M" in sk.text
    assert estimate("ON", 10_000, False).low is None
    assert estimate("AB", None, False).low is None
    assert "10%" in estimate("AB", 18_400, True).text


def test_incident_stats_on_fixture() -> None:
    incidents = pd.DataFrame({
        "Date": pd.to_datetime(["2023-05-01", "2023-09-10", "2024-08-01", "2024-11-20",
                                "2025-02-14", "2025-03-01", "2025-07-01"]),
        "Type": ["Lost Time", "Near Miss", "Medical Aid", "First Aid", "Lost Time",
                 "Medical Aid", "Lost Time"],
    })
    later = pd.DataFrame({"Date": [pd.Timestamp(AS_OF) + pd.Timedelta(days=1)],
                          "Type": ["Lost Time"]})
    stats = incident_stats(pd.concat([incidents, later]), AS_OF, hours=40_000)
    assert stats.by_year == {2023: {"Lost Time": 1, "Near Miss": 1},
                             2024: {"First Aid": 1, "Medical Aid": 1},
                             2025: {"Lost Time": 1, "Medical Aid": 1}}  # 07-01: after as-of
    assert stats.days_since_lost_time == (AS_OF - dt.date(2025, 2, 14)).days
    assert stats.recordable_12_months == 3
    assert stats.recordable_rate == pytest.approx(3 * 200_000 / 40_000)
    no_hours = incident_stats(incidents[incidents["Type"] != "Lost Time"], AS_OF, None)
    assert no_hours.days_since_lost_time is None and no_hours.recordable_rate is None
