"""Shared fixtures: a LibreOffice that recalculates, and temporary workbooks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from secor_xl.libreoffice import find_soffice, recalculate


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
