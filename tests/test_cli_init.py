"""`secor-xl init`: a good workbook, or exit 2 and one clear line."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import openpyxl
import pytest

from .commands import secor_xl

run = secor_xl


def one_clear_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_init_writes_company_fields(tmp_path: Path) -> None:
    path = tmp_path / "client.xlsx"
    result = run("init", path, "--company", "Smith & Jones <Ltd>", "--province", "alberta",
                 "--workers", "7")
    assert result.returncode == 0, result.stderr
    assert str(path) in result.stdout
    ws = openpyxl.load_workbook(path)["Company"]
    values = {row[0]: row[1] for row in ws.iter_rows(min_row=2, max_col=2, values_only=True)}
    assert values["Company Name"] == "Smith & Jones <Ltd>"
    assert values["Province"] == "AB"
    assert values["Number of Workers"] == 7
    assert [p.name for p in tmp_path.iterdir()] == ["client.xlsx"]  # no temp file left


def test_existing_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "client.xlsx"
    path.write_bytes(b"precious")
    one_clear_line(run("init", path), str(path), "--force")
    assert path.read_bytes() == b"precious"


def test_force_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "client.xlsx"
    path.write_bytes(b"precious")
    assert run("init", path, "--force").returncode == 0
    backups = list(tmp_path.glob("client.*.bak.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == b"precious"
    assert openpyxl.load_workbook(path).sheetnames[0] == "Instructions"


def test_unknown_province(tmp_path: Path) -> None:
    path = tmp_path / "client.xlsx"
    one_clear_line(run("init", path, "--province", "QC"), "QC", "AB")
    assert not path.exists()


def test_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    one_clear_line(run("init", blocker / "client.xlsx"), "not-a-folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_unwritable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        one_clear_line(run("init", folder / "client.xlsx"), "cannot write")
    finally:
        folder.chmod(0o700)


def test_unwritable_place_even_for_root(tmp_path: Path) -> None:
    """/proc refuses new files whoever you are."""
    one_clear_line(run("init", "/proc/secor-test/client.xlsx"), "/proc/secor-test")


def test_wrong_extension_and_negative_workers(tmp_path: Path) -> None:
    one_clear_line(run("init", tmp_path / "client.csv"), ".xlsx")
    one_clear_line(run("init", tmp_path / "client.xlsx", "--workers", "-3"), "-3")
    assert not (tmp_path / "client.xlsx").exists()


def test_init_xlsm_has_the_buttons(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "client.xlsm"
    result = run("init", path, "--company", "Acme Ltd.")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(path) as package:
        assert "xl/vbaProject.bin" in package.namelist()
    one_clear_line(run("init", tmp_path / "plain.xlsx", "--macros"), ".xlsm")


def test_help_names_the_client_csv_columns() -> None:
    result = run("init", "--help")
    assert result.returncode == 0
    assert "company,province,workers,contact,email" in result.stdout
    assert "Reminder Email" in result.stdout and "never into Safety" in result.stdout
