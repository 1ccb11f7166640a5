"""The road to SECOR on the Dashboard: formulas recalculated by LibreOffice agree with the
engine and with hand-computed dates, across a whole three-year certificate cycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.content import ROADMAP_STEPS
from secor_xl.builder.self_test import expected_figures
from secor_xl.certification.summary import road_to_secor, roadmap_steps
from secor_xl.libreoffice import convert_many, recalculate
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import check_workbook

from .conftest import DEMO_DAY
from .test_dashboard_libreoffice import named_values

NAMES = ("RoadStepsDone", "RoadSteps", "RoadNextStep", "RoadNextDue", "CertificateYear",
         "CertificateNextDue", "WorkersCounted", "WorkerLimit", "WorkersFit", "IncentiveLow",
         "IncentiveHigh", "DaysSinceLostTime", "RecordableIncidents", "RecordableRate")


def dashboard(path: Path) -> dict[str, Any]:
    """The road's named cells (dates as dates) and the incidents table, recalculated."""
    out: dict[str, Any] = {name: value.date() if isinstance(value, dt.datetime) else value
                           for name, value in named_values(path, NAMES).items()}
    wb = openpyxl.load_workbook(path, data_only=True)
    ((sheet_name, area),) = list(wb.defined_names["IncidentsByYear"].destinations)
    rows = [[c.value for c in row] for row in wb[sheet_name][area.replace("$", "")]]
    years = [int(y) for y in rows[0][1:]]
    out["by_year"] = {year: {str(r[0]): int(r[1 + i]) for r in rows[1:]}
                      for i, year in enumerate(years)}
    return out


def engine(path: Path, as_of: dt.date) -> dict[str, Any]:
    """The same figures from the engine, keyed like the Dashboard: what check writes for
    the workbook's self-test (`builder.self_test.expected_figures`), and the incidents."""
    wb = read_workbook(path)
    figures = {name: value for name, value in expected_figures(wb, as_of).items()
               if name in NAMES}
    by_year = road_to_secor(wb, as_of)["incidents"]["by_year"]
    return figures | {"by_year": {int(y): t for y, t in by_year.items()}}


def assert_agree(shown: dict[str, Any], computed: dict[str, Any]) -> None:
    """Every Dashboard figure equals the engine's, texts included."""
    for name, value in computed.items():
        got = shown[name]
        if name == "by_year":
            for year, types in value.items():
                if year in got:
                    for kind, n in types.items():
                        assert got[year][kind] == n, (year, kind)
                    assert got[year]["All types"] == sum(types.values()), year
            for year, types in got.items():  # years shown with no incident in the engine
                if year not in value:
                    assert types["All types"] == 0, year
        elif name == "RecordableRate" and isinstance(value, float):
            assert got == pytest.approx(value, abs=0.005), name
        elif value == "":
            assert got in (None, ""), (name, got)
        else:
            assert got == value, (name, got, value)


def test_demo_dashboard_shows_the_road(demo_master: Path, demo_recalculated: Path) -> None:
    shown = dashboard(demo_recalculated)
    assert_agree(shown, engine(demo_master, DEMO_DAY))
    # Certified 2025-09-26: year 2 of 3, the year-3 submission on the second anniversary.
    assert shown["RoadNextStep"] == "Maintenance submission, year 3"
    assert shown["RoadNextDue"] == dt.date(2027, 9, 26)
    assert shown["CertificateYear"] == 2 and shown["CertificateNextDue"] == dt.date(2027, 9, 26)
    assert (shown["RoadStepsDone"], shown["RoadSteps"]) == (9, 11)
    assert (shown["IncentiveLow"], shown["IncentiveHigh"]) == (920, 3680)  # 5 %, 20 % of 18,400
    assert (shown["WorkersCounted"], shown["WorkerLimit"], shown["WorkersFit"]) == (8, 10, "fits")


# -- a whole certificate cycle, Alberta, certified on a leap day -------------------------
# Each step's day; a snapshot at an as-of day shows as Done the steps done by then.
DONE_ON: dict[str, dt.date] = {
    ROADMAP_STEPS[0]: dt.date(2022, 9, 1),    # WCB account
    ROADMAP_STEPS[1]: dt.date(2022, 9, 15),   # partner chosen
    ROADMAP_STEPS[2]: dt.date(2022, 10, 20),  # evaluator trained
    ROADMAP_STEPS[3]: dt.date(2022, 11, 30),  # program written
    ROADMAP_STEPS[4]: dt.date(2023, 12, 4),   # implemented: due 2023-11-30 (+12 months)
    ROADMAP_STEPS[5]: dt.date(2023, 12, 15),  # self-evaluation: due 2023-12-19 (+15 days)
    ROADMAP_STEPS[6]: dt.date(2024, 2, 10),   # submission: due 2024-01-29 (+45 days)
    ROADMAP_STEPS[7]: dt.date(2024, 2, 29),   # certificate issued
    ROADMAP_STEPS[8]: dt.date(2025, 2, 20),   # year 2: due 2025-02-28 (clamped)
    ROADMAP_STEPS[9]: dt.date(2026, 2, 25),   # year 3: due 2026-02-28
}
ISSUED = DONE_ON[ROADMAP_STEPS[7]]

# as-of day: (next step, its due, certificate year, next certificate date)
CYCLE = [
    (dt.date(2023, 6, 1), ROADMAP_STEPS[4], dt.date(2023, 11, 30), "not certified", None),
    (dt.date(2023, 12, 5), ROADMAP_STEPS[5], dt.date(2023, 12, 19), "not certified", None),
    (dt.date(2023, 12, 20), ROADMAP_STEPS[6], dt.date(2024, 1, 29), "not certified", None),
    (dt.date(2024, 2, 15), ROADMAP_STEPS[7], "not set", "not certified", None),
    (dt.date(2024, 3, 15), ROADMAP_STEPS[8], dt.date(2025, 2, 28), 1, dt.date(2025, 2, 28)),
    (dt.date(2025, 2, 28), ROADMAP_STEPS[9], dt.date(2026, 2, 28), 2, dt.date(2026, 2, 28)),
    (dt.date(2026, 3, 15), ROADMAP_STEPS[10], dt.date(2027, 2, 28), 3, dt.date(2027, 2, 28)),
    (dt.date(2027, 3, 15), ROADMAP_STEPS[10], dt.date(2027, 2, 28), 4, dt.date(2027, 2, 28)),
]


def snapshot(as_of: dt.date, **company: object) -> BuildOptions:
    roadmap = []
    for step in ROADMAP_STEPS:
        day = DONE_ON.get(step)
        done = day is not None and day <= as_of
        roadmap.append({"Step": step, "Status": "Done" if done else "Not Started",
                        "Date": day if done else None})
    employees = [{"Employee ID": f"E{i}", "Name": f"Worker {i}", "Position": "Framer",
                  "Start Date": dt.date(2022, 1, 3), "Status": "Active"} for i in range(6)]
    employees += [
        # left, started inside the 12 months: counted; started long before: not counted
        {"Employee ID": "E7", "Name": "Summer Student", "Position": "Labourer",
         "Start Date": as_of - dt.timedelta(days=120), "Status": "Inactive"},
        {"Employee ID": "E8", "Name": "Long Gone", "Position": "Labourer",
         "Start Date": dt.date(2020, 5, 1), "Status": "Inactive"},
    ]
    incidents = [
        {"Incident ID": f"I-{i}", "Date": day, "Type": kind, "Description": "x",
         "Person Involved": "Worker 1", "Reported Date": day, "Status": "Closed"}
        for i, (day, kind) in enumerate([
            (dt.date(2023, 3, 2), "Near Miss"), (dt.date(2023, 8, 9), "Lost Time"),
            (dt.date(2024, 4, 4), "Medical Aid"), (dt.date(2025, 1, 20), "First Aid"),
            (dt.date(2025, 6, 30), "Lost Time"), (dt.date(2026, 6, 1), "Medical Aid")])]
    values: dict[str, object] = {
        "Company Name": "Cycle Co", "Province": "AB", "Number of Workers": 6,
        "As-of Date": as_of, "WCB Premium": 12_000, "Hours Worked (12 months)": 12_000,
        "Certificate Issued": ISSUED if as_of >= ISSUED else None}
    return BuildOptions(company=values | company,
                        rows={"Roadmap": roadmap, "Employees": employees,
                              "Incidents": incidents})


Road = Callable[..., tuple[Path, Path]]
"""road(as_of, **company) -> (the snapshot workbook, its copy recalculated by LibreOffice)."""


def _province(province: str, premium: int, override: int | None) -> dict[str, object]:
    return {"Province": province, "WCB Premium": premium, "Worker Threshold Override": override}


def _snapshots() -> list[tuple[dt.date, dict[str, object]]]:
    """(as-of day, Company values) of every snapshot the tests below look at."""
    found: list[tuple[dt.date, dict[str, object]]] = [(c[0], {}) for c in CYCLE]
    found += [(WINDOW_AS_OF, {"Certifying Partner": partner}) for partner, _ in WINDOWS]
    found += [(as_of, {"Province": "BC", "Certifying Partner": partner})
              for partner, as_of, _year, _due in BC_CALENDARS]
    found.append((STATISTICS_AS_OF, {}))
    found += [(PROVINCES_AS_OF, _province(p, premium, override))
              for p, premium, override, *_ in PROVINCES]
    return found


def _key(as_of: dt.date, company: dict[str, object]) -> tuple[object, ...]:
    return as_of, *sorted(company.items(), key=lambda item: item[0])


@pytest.fixture(scope="module")
def road(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> Road:
    """The snapshots, built once and recalculated in one LibreOffice run (starting it is
    most of the time of recalculating one workbook); read-only. A snapshot not listed in
    `_snapshots` is built and recalculated when a test asks for it."""
    folder = tmp_path_factory.mktemp("road")
    built: dict[tuple[object, ...], Path] = {}
    for as_of, company in _snapshots():
        if _key(as_of, company) not in built:
            built[_key(as_of, company)] = build_workbook(
                folder / f"road{len(built):02d}.xlsx", snapshot(as_of, **company))
    recalculated = dict(zip(built, convert_many(list(built.values()),
                                                "xlsx:Calc Office Open XML",
                                                folder / "recalculated"), strict=True))

    def get(as_of: dt.date, **company: object) -> tuple[Path, Path]:
        key = _key(as_of, company)
        if key not in built:
            built[key] = build_workbook(folder / f"road{len(built):02d}.xlsx",
                                        snapshot(as_of, **company))
            recalculated[key] = recalculate(built[key], folder / "recalculated")
        return built[key], recalculated[key]

    return get


@pytest.mark.parametrize("as_of,step,due,year,cycle_due", CYCLE,
                         ids=[c[0].isoformat() for c in CYCLE])
def test_a_whole_certificate_cycle(road: Road, as_of: dt.date, step: str, due: object,
                                   year: object, cycle_due: object) -> None:
    path, recalculated = road(as_of)
    shown = dashboard(recalculated)
    assert (shown["RoadNextStep"], shown["RoadNextDue"]) == (step, due)
    assert (shown["CertificateYear"], shown["CertificateNextDue"]) == (year, cycle_due)
    # six active and the student; the one who left years ago is not counted
    assert (shown["WorkersCounted"], shown["WorkerLimit"], shown["WorkersFit"]) == (7, 10, "fits")
    assert_agree(shown, engine(path, as_of))

    wb = read_workbook(path)
    codes = {f.code for f in check_workbook(wb, as_of).findings if f.sheet == "Roadmap"}
    # a date from another partner's rule (AASP's 15 days) is a guide: never late (issue 22)
    guide = any(s.step == step and not s.binding for _, s in roadmap_steps(wb))
    if guide:
        assert not codes & {"overdue.roadmap", "overdue.roadmap_soon"}
    elif isinstance(due, dt.date) and due < as_of:
        assert "overdue.roadmap" in codes
    elif isinstance(due, dt.date) and (due - as_of).days <= 30:
        assert "overdue.roadmap_soon" in codes
    else:
        assert not codes & {"overdue.roadmap", "overdue.roadmap_soon"}


WINDOW_AS_OF = dt.date(2023, 12, 20)  # self-evaluation done 2023-12-15
WINDOWS = [
    ("Alberta Association for Safety Partnerships (AASP)", dt.date(2024, 1, 5)),  # + 21 days
    ("Alberta Construction Safety Association (ACSA)", dt.date(2024, 1, 29)),  # + 45 days
]


@pytest.mark.parametrize("partner,due", WINDOWS)
def test_the_submission_window_follows_the_certifying_partner(road: Road, partner: str,
                                                              due: dt.date) -> None:
    as_of = WINDOW_AS_OF
    path, recalculated = road(as_of, **{"Certifying Partner": partner})
    shown = dashboard(recalculated)
    assert (shown["RoadNextStep"], shown["RoadNextDue"]) == (ROADMAP_STEPS[6], due)
    assert_agree(shown, engine(path, as_of))


BC_CALENDARS = [
    # BC: WorkSafeBC's calendar year (B01): maintenance by December 31 of years 2 and 3
    ("BC Construction Safety Alliance (BCCSA)", dt.date(2024, 3, 15), 1, dt.date(2025, 12, 31)),
    ("BC Construction Safety Alliance (BCCSA)", dt.date(2026, 1, 5), 2, dt.date(2026, 12, 31)),
    # the BC Forest Safety Council keeps the anniversary (R14-43)
    ("BC Forest Safety Council", dt.date(2024, 3, 15), 1, dt.date(2025, 2, 28)),
]


@pytest.mark.parametrize("partner,as_of,year,due", BC_CALENDARS)
def test_bc_maintenance_follows_the_partners_calendar(road: Road, partner: str, as_of: dt.date,
                                                      year: int, due: dt.date) -> None:
    path, recalculated = road(as_of, Province="BC", **{"Certifying Partner": partner})
    shown = dashboard(recalculated)
    assert (shown["CertificateYear"], shown["CertificateNextDue"]) == (year, due)
    assert shown["RoadNextDue"] == due  # the Roadmap's maintenance step, worked out
    assert_agree(shown, engine(path, as_of))


STATISTICS_AS_OF = dt.date(2026, 3, 15)


def test_cycle_statistics_by_hand(road: Road) -> None:
    as_of = STATISTICS_AS_OF
    shown = dashboard(road(as_of)[1])
    assert shown["by_year"][2025] == {"Near Miss": 0, "First Aid": 1, "Medical Aid": 0,
                                      "Modified Work": 0, "Lost Time": 1,
                                      "Property Damage": 0, "Vehicle": 0, "All types": 2}
    assert shown["by_year"][2026]["All types"] == 0  # 2026-06-01 is after the as-of day
    assert shown["DaysSinceLostTime"] == (as_of - dt.date(2025, 6, 30)).days
    assert shown["RecordableIncidents"] == 1  # the lost time of 2025-06-30
    assert shown["RecordableRate"] == pytest.approx(1 * 200_000 / 12_000)
    assert (shown["IncentiveLow"], shown["IncentiveHigh"]) == (600, 2400)


PROVINCES_AS_OF = dt.date(2023, 1, 10)
PROVINCES = [
    # Manitoba: greater of 15 % or $3,000, capped at 75 %; program written + 3 months.
    ("MB", 10_000, None, 9, 3000, dt.date(2023, 2, 28)),
    ("MB", 3_000, None, 9, 2250, dt.date(2023, 2, 28)),
    # BC: 75 % of a total under $1,334, $1,000 to a $10,000 base, 10 % above (B10, R14-50);
    # the owner's override of the limit wins.
    ("BC", 1_000, 6, 6, 750, dt.date(2023, 2, 28)),
    ("BC", 5_000, None, 19, 1000, dt.date(2023, 2, 28)),
    ("BC", 20_000, None, 19, 2000, dt.date(2023, 2, 28)),
    ("ON", 2_000, None, "none found", "no rebate found", dt.date(2023, 2, 28)),
]


@pytest.mark.parametrize("province,premium,override,limit,low,implemented_due", PROVINCES)
def test_other_provinces(road: Road, province: str, premium: int, override: int | None,
                         limit: object, low: object, implemented_due: dt.date) -> None:
    as_of = PROVINCES_AS_OF
    path, recalculated = road(as_of, **_province(province, premium, override))
    shown = dashboard(recalculated)
    assert shown["WorkerLimit"] == limit and shown["IncentiveLow"] == low
    assert (shown["RoadNextStep"], shown["RoadNextDue"]) == (ROADMAP_STEPS[4], implemented_due)
    if override is not None:
        assert shown["WorkersFit"] == "over the limit"
    assert_agree(shown, engine(path, as_of))


def test_certifying_partner_dropdown_follows_the_province(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    """Company > Certifying Partner lists the partners of the province typed above it."""
    from secor_xl.certification.provinces import PARTNERS

    path = build_workbook(tmp_path / "p.xlsx", BuildOptions(
        company={"Company Name": "Partner Co", "Province": " mb "}))
    wb = openpyxl.load_workbook(path)
    for code, partners in PARTNERS.items():
        ((sheet_name, area),) = list(wb.defined_names[f"Partners_{code}"].destinations)
        shown = [c.value for (c,) in wb[sheet_name][area.replace("$", "")]]
        assert shown == list(partners.names), code
    (rule,) = [dv for dv in wb["Company"].data_validations.dataValidation
               if "Partners_" in (dv.formula1 or "")]
    assert str(rule.sqref) == "B6" and wb["Company"]["A6"].value == "Certifying Partner"
    assert rule.errorStyle == "information"  # a partner missing from the reference is kept
    # what the dropdown offers, worked out by a real spreadsheet application
    wb.create_sheet("Probe")["A1"] = f"=INDEX({rule.formula1},2)"
    wb["Probe"]["A2"] = f"=ROWS({rule.formula1})"
    wb.save(path)
    probe = openpyxl.load_workbook(recalc(path), data_only=True)["Probe"]
    assert probe["A1"].value == PARTNERS["MB"].names[1]
    assert probe["A2"].value == len(PARTNERS["MB"].names)
