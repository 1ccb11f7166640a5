"""`secor-xl demo`: the sample company's workbook, checked by a real spreadsheet."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from secor_xl.cli import app
from secor_xl.demo import DEMO_WORKBOOK

from .test_dashboard_libreoffice import COUNT_NAMES, engine_counts, named_values

runner = CliRunner()


def test_demo_writes_the_workbook_and_says_so(tmp_path: Path) -> None:
    outdir = tmp_path / "demo"
    result = runner.invoke(app, ["demo", str(outdir)])
    assert result.exit_code == 0, result.output
    path = outdir / DEMO_WORKBOOK
    assert str(path) in result.stdout
    assert "Prairie Ridge Framing Ltd." in result.stdout
    assert "expired" in result.stdout  # the planted problems are listed
    road = " ".join(result.stdout.split())  # rich wraps long lines
    assert "road to SECOR: 8 workers, limit 10; certificate year 2 of 3; next: Maintenance " \
        "submission, year 3, due" in road
    assert "worth about $920 to $3,680 a year (estimate)" in road
    assert "days since the last lost-time incident" in road
    wb = openpyxl.load_workbook(path)
    assert wb["Employees"]["B2"].value
    assert wb.defined_names["AsOfDate"]
    logged = [r for r in wb["Inspection Log"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(logged) > 100  # 18 months of records
    # the buttons' work is done: findings listed, readiness table filled, no stray backup
    findings = [r for r in wb["Findings"].iter_rows(min_row=2, values_only=True) if r[0]]
    checked = json.loads((outdir / "check.json").read_text(encoding="utf-8"))
    assert [r[4] for r in findings] == [f["code"] for f in checked["findings"]]
    ((_sheet, overall),) = list(wb.defined_names["ReadinessOverall"].destinations)
    scored = json.loads((outdir / "score.json").read_text(encoding="utf-8"))
    assert wb["Dashboard"][overall.replace("$", "")].value == scored["overall"]
    assert not (outdir / "backups").exists()


def test_demo_again_keeps_the_previous_workbook(tmp_path: Path) -> None:
    """In backups/ beside it, the newest five, as every other command keeps them: repeated
    runs leave no pile of .bak.xlsx files beside the workbook."""
    import os

    outdir = tmp_path / "demo"
    assert runner.invoke(app, ["demo", str(outdir)]).exit_code == 0
    older = []
    for n in range(6):  # five earlier runs' backups and one more
        old = outdir / "backups" / f"secor_demo.2026010{n}-101010.xlsx"
        old.parent.mkdir(exist_ok=True)
        old.write_bytes((outdir / "secor_demo.xlsx").read_bytes())  # a whole workbook
        os.utime(old, (1_700_000_000 + n, 1_700_000_000 + n))
        older.append(old)
    assert runner.invoke(app, ["demo", str(outdir)]).exit_code == 0
    assert not list(outdir.glob("*.bak.xlsx"))
    kept = sorted(p.name for p in (outdir / "backups").glob("*.xlsx"))
    assert len(kept) == 5
    assert older[0].name not in kept and older[1].name not in kept
    assert any(not name.startswith("secor_demo.2026010") for name in kept)  # this run's


def test_demo_rejects_a_bad_date(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", str(tmp_path), "--as-of", "2025-02-30"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_demo_dashboard_in_libreoffice(tmp_path: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    """Today's demo has one of each planted problem, and LibreOffice agrees."""
    assert runner.invoke(app, ["demo", str(tmp_path / "demo")]).exit_code == 0
    path = tmp_path / "demo" / DEMO_WORKBOOK
    counts = named_values(recalc(path), COUNT_NAMES)
    assert counts == dict.fromkeys(COUNT_NAMES, 1)
    assert engine_counts(path) == counts
