"""LibreOffice opens what we build, recalculates it, and the Dashboard counts are right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.formulas import DASHBOARD_COUNTS
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import check_workbook

from . import dashboard_fixture as fx

COUNT_NAMES = ("OverdueInspections", "ExpiredTraining", "OverdueActions")


def named_values(path: Path, names: tuple[str, ...]) -> dict[str, object]:
    """The values of single-cell defined names in a recalculated workbook."""
    wb = openpyxl.load_workbook(path, data_only=True)
    values = {}
    for name in names:
        ((sheet_name, coord),) = list(wb.defined_names[name].destinations)
        values[name] = wb[sheet_name][coord.replace("$", "")].value
    return values


def test_counts_match_hand_computed_edge_cases(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    path = build_workbook(tmp_path / "fixture.xlsx",
                          BuildOptions(company=fx.company(), rows=fx.rows()))
    got = named_values(recalc(path), COUNT_NAMES)
    assert got == fx.EXPECTED
    assert engine_counts(path) == got


def engine_counts(path: Path, as_of: dt.date | None = None) -> dict[str, int]:
    """The engine's counts, keyed by the Dashboard's defined names."""
    wb = read_workbook(path)
    counts = check_workbook(wb, as_of or wb.as_of or dt.date.today()).counts
    return {name: counts[key] for name, (_label, key) in DASHBOARD_COUNTS.items()}


def test_counts_follow_added_rows_and_as_of(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    """No spare rows: the counts still see every row; a later as-of day changes them."""
    company = fx.company() | {"As-of Date": dt.date(2026, 1, 1)}
    path = build_workbook(tmp_path / "later.xlsx",
                          BuildOptions(company=company, rows=fx.rows(), spare_rows=0))
    got = named_values(recalc(path), COUNT_NAMES)
    # 2026-01-01: every active scheduled item is overdue (all 9 but the retired Ladder);
    # CA-1, CA-4, CA-6 and CA-7 are open and past due (CA-5 has no due date).
    assert got["OverdueInspections"] == 9
    assert got["OverdueActions"] == 4
    # Ann: Fall Protection (2025-03-01), WHMIS. Bob: First Aid (2025-03-01), Fall
    # Protection, WHMIS (2025-06-01), Orientation. Dee: First Aid. Eve's WHMIS expires
    # on the as-of day itself: current.
    assert got["ExpiredTraining"] == 7
    assert engine_counts(path) == got


def test_blank_as_of_means_today(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    company = fx.company() | {"As-of Date": None}
    path = build_workbook(tmp_path / "today.xlsx", BuildOptions(company=company))
    wb = openpyxl.load_workbook(recalc(path), data_only=True)
    shown = wb["Dashboard"]["C2"].value
    assert shown is not None and shown.date() == dt.date.today()
    assert named_values(recalc(path), COUNT_NAMES) == dict.fromkeys(COUNT_NAMES, 0)


@pytest.mark.parametrize("spare", [0, 20])
def test_empty_master_opens_and_counts_zero(tmp_path: Path, recalc, spare: int) -> None:  # type: ignore[no-untyped-def]
    path = build_workbook(tmp_path / "empty.xlsx", BuildOptions(spare_rows=spare))
    assert named_values(recalc(path), COUNT_NAMES) == dict.fromkeys(COUNT_NAMES, 0)
