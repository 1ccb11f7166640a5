"""`init --clients` with hostile rows: a 40,000-character name, a decomposed accent, a
formula for an e-mail, and a run stopped half-way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from secor_xl.automation.clients import plan, read_clients, warnings
from secor_xl.automation.workbooks import find_workbooks
from secor_xl.errors import UserError
from secor_xl.files import safe_filename
from secor_xl.reader.read import read_workbook

from .commands import secor_xl


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_40000_character_company_name_is_refused_not_cut(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "c.csv", "company,province,workers\n"
                         f"{'A' * 40000},AB,3\nGood Co,AB,3\n")
    result = secor_xl("init", "--clients", csv_path, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "line 2: company is 40,000 characters long" in result.stderr
    assert len(result.stderr) < 2000  # the name is not echoed back
    assert not (tmp_path / "out").exists()


def test_a_long_name_that_fits_makes_a_shortened_file_name_with_a_warning(
        tmp_path: Path) -> None:
    name = "Northern Alberta Residential and Commercial Framing and Finishing Carpentry " \
           "Contractors Limited Partnership"
    csv_path = write_csv(tmp_path / "c.csv", f"company,province,workers\n{name},AB,3\n")
    folder = tmp_path / "out"
    ((client, target),) = plan(read_clients(csv_path), folder)
    (warning,) = warnings(csv_path, [(client, target)])
    assert f"company name is {len(name)} characters" in warning and target.name in warning
    result = secor_xl("init", "--clients", csv_path, "--out", folder)
    assert result.returncode == 0 and "shortened" in result.stderr, result.stderr
    assert read_workbook(target).company["Company Name"] == name  # the whole name


def test_a_decomposed_accent_is_one_letter_in_the_file_name_and_the_sheet(
        tmp_path: Path) -> None:
    decomposed = "Cafe\u0301 Rive Gauche"  # e + a combining acute, as macOS may type it
    csv_path = write_csv(tmp_path / "c.csv", f"company,province,workers\n{decomposed},AB,3\n")
    result = secor_xl("init", "--clients", csv_path, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    (made,) = (tmp_path / "out").iterdir()
    assert made.name == "Caf\u00e9 Rive Gauche.xlsx"
    assert read_workbook(made).company["Company Name"] == "Caf\u00e9 Rive Gauche"
    assert safe_filename("Cafe\u0301") == "Caf\u00e9"


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://x.example\")@example.com",
                                   "=x@example.com", "+owner@example.com",
                                   "@SUM(A1)@example.com"])
def test_a_formula_is_not_an_email(tmp_path: Path, typed: str) -> None:
    quoted = f'"{typed}"' if '"' not in typed else '"' + typed.replace('"', '""') + '"'
    csv_path = write_csv(tmp_path / "c.csv", f"company,province,workers,email\n"
                         f"Good Co,AB,3,{quoted}\n")
    with pytest.raises(UserError, match=r"line 2: email .* starts with .*formula"):
        read_clients(csv_path)
    contact = write_csv(tmp_path / "d.csv", "company,province,workers,contact\n"
                        f"Good Co,AB,3,Dale {quoted}\n")
    with pytest.raises(UserError, match=r"line 2: contact .* is not an e-mail address"):
        read_clients(contact)


def test_a_stopped_run_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM (a scheduler stopping the run) while a workbook is being written."""
    rows = "".join(f"Client {n:02d},AB,3\n" for n in range(40))
    csv_path = write_csv(tmp_path / "c.csv", "company,province,workers\n" + rows)
    folder = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "secor_xl", "init", "--clients", csv_path,
                            "--out", folder], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        while run.poll() is None and not [p for p in folder.glob(".*") if p.is_file()]:
            time.sleep(0.01)  # until a workbook is being written: its temporary file
        assert run.poll() is None, "the run ended before it could be stopped"
        os.kill(run.pid, signal.SIGTERM)
        _out, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 130
    assert "stopped;" in err and "Traceback" not in err
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]
    made = sorted(folder.iterdir())
    assert find_workbooks(folder) == made and len(made) < 40

