"""Shared fixtures: a LibreOffice that recalculates, and temporary workbooks."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import demo_data
from secor_xl.libreoffice import find_soffice, recalculate

DEMO_DAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="session")
def soffice() -> str:
    """The soffice program: skipped locally when absent, a failure under CI."""
    found = find_soffice()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required under CI (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice is not installed")
    return found


@pytest.fixture()
def recalc(soffice: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Recalculate a workbook with LibreOffice and return the recalculated copy."""

    def run(path: Path) -> Path:
        return recalculate(path, tmp_path / "recalculated")

    return run


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo company's workbook with its As-of Date set to 2026-11-26 (read-only: copy it
    before changing it)."""
    data = demo_data(DEMO_DAY)
    company = dict(data.company) | {"As-of Date": DEMO_DAY}
    return build_workbook(tmp_path_factory.mktemp("demo") / "demo.xlsx",
                          BuildOptions(company=company, rows=data.rows))


@pytest.fixture(scope="session")
def demo_recalculated(soffice: str, demo_master: Path,
                      tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's workbook recalculated by LibreOffice, once for every test that only reads
    it (read-only)."""
    return recalculate(demo_master, tmp_path_factory.mktemp("demo-recalculated"))


@pytest.fixture(scope="session")
def demo_binder(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The nine documents `secor-xl docs` writes for the demo (read-only)."""
    from .commands import secor_xl

    out = tmp_path_factory.mktemp("binder")
    result = secor_xl("docs", demo_master, "--out", out)
    assert result.returncode == 0, result.stderr
    return out
