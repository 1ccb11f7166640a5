"""The committed master matches what the schema builds today."""

from __future__ import annotations

from pathlib import Path

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.fingerprint import fingerprint

MASTER = Path(__file__).resolve().parent.parent / "workbooks" / "secor_master.xlsx"


def test_committed_master_is_not_stale(tmp_path: Path) -> None:
    fresh = build_workbook(tmp_path / "fresh.xlsx", BuildOptions(reproducible=True))
    assert fingerprint(MASTER) == fingerprint(fresh), (
        "workbooks/secor_master.xlsx is stale: run python scripts/build_master.py")


def test_fingerprint_notices_a_change(tmp_path: Path) -> None:
    """The stale check can fail: a different build has a different fingerprint."""
    other = build_workbook(tmp_path / "other.xlsx",
                           BuildOptions(company={"Company Name": "Changed"}, reproducible=True))
    assert fingerprint(MASTER) != fingerprint(other)


def test_committed_master_opens_in_libreoffice(recalc) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    recalculated = openpyxl.load_workbook(recalc(MASTER), data_only=True)
    assert recalculated["Dashboard"]["C5"].value == 0
