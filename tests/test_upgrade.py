"""`secor-xl upgrade` on a workbook already at a client: the version-1 demo in
tests/fixtures (built with schema 1.0 at the last version-1 commit) and a copy
LibreOffice has saved. Nothing typed moves or goes; a second run changes nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from secor_xl.reader.read import read_workbook
from secor_xl.schema import ELEMENTS, SCHEMA_VERSION, sheet

from .commands import secor_xl

V1 = Path(__file__).parent / "fixtures" / "secor_v1_demo.xlsx"


@pytest.fixture()
def client(tmp_path: Path) -> Path:
    path = tmp_path / "client.xlsx"
    shutil.copy(V1, path)
    return path


def cells(path: Path) -> dict[tuple[str, str], Any]:
    """Every non-empty cell value by (sheet, coordinate); array formulas by their text."""
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): plain(c.value) for ws in wb.worksheets
            for row in ws.iter_rows() for c in row if c.value not in (None, "")}


def plain(value: object) -> object:
    return (value.ref, value.text) if isinstance(value, ArrayFormula) else value


def check_json(path: Path) -> dict[str, Any]:
    result = secor_xl("check", path, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return dict(json.loads(result.stdout))


def test_the_fixture_is_a_version_1_workbook_and_check_says_upgrade_exists(
        client: Path) -> None:
    report = check_json(client)
    assert report["schema_version"] == "1.0"
    (notice,) = [f for f in report["findings"] if f["code"] == "invalid.schema_version"]
    assert "1.0" in notice["message"] and f"secor-xl upgrade {client.name}" in notice["message"]


def typed(path: Path) -> dict[tuple[str, str], Any]:
    """Every cell but the Dashboard's (ours: formulas and what check and score write), the
    Instructions' (ours too: upgrade brings its words up to date) and a computed formula
    with a `[#This Row]` of no table (version 1's Risk Rank, which upgrade rewrites)."""
    return {k: v for k, v in cells(path).items()
            if k[0] not in ("Dashboard", "Instructions")
            and not (isinstance(v, str) and v.startswith("=") and "([[#this row]" in v.lower())}


def test_upgrade_adds_what_is_new_and_moves_nothing(client: Path) -> None:
    before, occupied = typed(client), set(cells(client))
    result = secor_xl("upgrade", client)
    assert result.returncode == 0, result.stderr
    assert f"schema 1.0 -> {SCHEMA_VERSION}" in result.stdout
    for change in ("added the column Action ID to Self-Assessment",
                   "added the column Rights Covered to Employees",
                   "added the sheet HS Representatives", "added the sheet Contractors and Visitors",
                   "added the list Party Type to Lists", "to the list Element",
                   "added the Self-Assessment questions of element 9", "replaced the Dashboard"):
        assert change in result.stdout, change
    after = typed(client)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing moved or lost
    added = {k for k in after if k not in occupied}
    new_sheets = {"HS Representatives", "Contractors and Visitors", "Work Sites",
                  "Safe Work Procedures", "Equipment Maintenance", "Interviews", "Observations",
                  "Emergency Procedures"}
    assert {k[0] for k in added} == new_sheets | {"Self-Assessment", "Employees", "Lists",
                                                   "Incidents", "Inspection Schedule",
                                                   "Training Matrix", "Meetings", "Company"}
    assert {k for k in added if k[0] == "Incidents"} == {
        ("Incidents", f"{c}1") for c in "LMN"}  # WCB Report Date, OHS Report Date, Site
    assert {k for k in added if k[0] == "Employees"} == {
        ("Employees", "I1"), ("Employees", "J1"), ("Employees", "K1")}
    # Rights Covered, Emergency Role, End Date
    wb = openpyxl.load_workbook(client)
    table = wb["Self-Assessment"].tables["SelfAssessment"]
    assert [c.name for c in table.tableColumns] == sheet("Self-Assessment").column_names
    questions = [r[0].value for r in wb["Self-Assessment"].iter_rows(min_row=2)]
    assert sum(str(q).startswith("9 ") for q in questions) == 3
    last_question = 1 + max(i for i, q in enumerate(questions, start=1) if q)
    assert int(table.ref.split(":E")[1]) >= last_question  # the new rows are in the table
    ((_, area),) = list(wb.defined_names["ReadinessTable"].destinations)
    top, bottom = (int(x) for x in re.findall(r"\d+", area.replace("$", "")))
    assert bottom - top + 1 == len(ELEMENTS) == 10
    report = check_json(client)
    assert report["schema_version"] == SCHEMA_VERSION
    assert not [f for f in report["findings"]
                if f["code"] in ("invalid.schema_version", "invalid.header", "invalid.sheet",
                                 "invalid.choice")]
    assert len(list((client.parent / "backups").iterdir())) == 1
    scored = secor_xl("score", client, "--write")
    assert scored.returncode in (0, 1), scored.stderr
    # the honest score of a version-1 client: no representative, no contractor register,
    # the new questions unanswered
    assert "9 Health and safety committee or representative" in scored.stdout


def test_score_write_on_an_old_dashboard_asks_for_upgrade(client: Path) -> None:
    before = client.read_bytes()
    result = secor_xl("score", client, "--write")
    assert result.returncode == 2
    assert f"secor-xl upgrade {client.name}" in result.stderr
    assert client.read_bytes() == before


@pytest.mark.libreoffice
def test_the_upgraded_dashboard_computes_as_the_engine(client: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    from .test_dashboard_libreoffice import COUNT_NAMES, engine_counts, named_values
    from .test_road_dashboard import assert_agree, dashboard, engine

    assert secor_xl("upgrade", client).returncode == 0
    assert secor_xl("score", client, "--write").returncode in (0, 1)
    as_of = read_workbook(client).as_of
    assert as_of is not None
    shown = recalc(client)
    assert named_values(shown, COUNT_NAMES) == engine_counts(client, as_of)
    assert_agree(dashboard(shown), engine(client, as_of))
    wb = openpyxl.load_workbook(shown, data_only=True)
    ((sheet_name, area),) = list(wb.defined_names["ReadinessTable"].destinations)
    labels = [row[0].value for row in wb[sheet_name][area.replace("$", "")]]
    assert labels == [f"{n} {name}" for n, name in ELEMENTS.items()]


def test_a_second_upgrade_changes_nothing(client: Path) -> None:
    assert secor_xl("upgrade", client).returncode == 0
    once = client.read_bytes()
    again = secor_xl("upgrade", client)
    assert again.returncode == 0 and "nothing to do" in again.stdout
    assert client.read_bytes() == once
    assert len(list((client.parent / "backups").iterdir())) == 1


def test_a_missing_sheet_and_company_field_are_added(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    del wb["Roadmap"]
    company = wb["Company"]
    last = max(r for r in range(1, company.max_row + 1) if company.cell(r, 1).value)
    field = company.cell(last, 1).value
    company.cell(last, 1).value = company.cell(last, 2).value = None
    company.cell(last, 3).value = None
    wb.save(client)
    result = secor_xl("upgrade", client)
    assert result.returncode == 0, result.stderr
    assert "added the sheet Roadmap" in result.stdout and f"Company field {field}" in \
        result.stdout
    wb = openpyxl.load_workbook(client)
    assert [c.value for c in wb["Roadmap"][1]] == sheet("Roadmap").column_names
    assert list(wb["Roadmap"].tables) == ["Roadmap"]
    assert wb.sheetnames.index("Roadmap") == wb.sheetnames.index("Observations") + 1
    assert not [f for f in check_json(client)["findings"] if f["code"] == "invalid.sheet"]


def test_upgrade_refuses_to_write_over_a_users_cell(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    wb["Self-Assessment"]["E3"] = "my note"
    wb.save(client)
    before = client.read_bytes()
    result = secor_xl("upgrade", client)
    assert result.returncode == 2
    assert f"{client}: Self-Assessment cell E3 is not empty" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert client.read_bytes() == before


@pytest.mark.libreoffice
def test_upgrade_a_copy_libreoffice_saved(client: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    saved = recalc(client)
    before = typed(saved)
    result = secor_xl("upgrade", saved)
    assert result.returncode == 0, result.stderr
    after = typed(saved)
    assert {k: v for k, v in after.items() if k in before} == before
    report = check_json(saved)
    assert report["schema_version"] == SCHEMA_VERSION
    assert not [f for f in report["findings"] if f["code"] == "invalid.header"]


def test_a_renamed_header_is_refused_not_doubled(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    wb["Employees"]["B1"] = "Full Name"
    wb.save(client)
    before = client.read_bytes()
    result = secor_xl("upgrade", client)
    assert result.returncode == 2
    assert "Employees has no column 'Name' (renamed or deleted?)" in result.stderr
    assert "Full Name" in result.stderr and client.read_bytes() == before


def test_a_users_sheet_with_a_new_sheets_name_is_refused(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    wb.create_sheet("Contractors and Visitors").append(["Company", "Phone", "Notes"])
    wb.save(client)
    before = client.read_bytes()
    result = secor_xl("upgrade", client)
    assert result.returncode == 2
    assert "has a sheet named 'Contractors and Visitors' of its own" in result.stderr
    assert client.read_bytes() == before


def test_a_deleted_lists_sheet_comes_back_with_its_names(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    del wb["Lists"]
    for name in [n for n, d in wb.defined_names.items() if "Lists!" in (d.attr_text or "")]:
        wb.defined_names[name].attr_text = "#REF!"
    wb.save(client)
    result = secor_xl("upgrade", client)
    assert result.returncode == 0, result.stderr
    assert "added the sheet Lists" in result.stdout
    wb = openpyxl.load_workbook(client)
    for name in ("List_YesNo", "List_PartyType", "List_Element", "Partners_AB"):
        assert "#REF" not in wb.defined_names[name].attr_text, name
    headers = [c.value for c in wb["Lists"][1]]
    assert "Yes/No" in headers and "Party Type" in headers
    assert not [f for f in check_json(client)["findings"] if f["code"] == "invalid.choice"]


def test_an_unprotected_dashboard_is_replaced_only_when_forced(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    wb["Dashboard"].protection.sheet = False
    wb["Dashboard"]["K5"] = "my note"
    wb.save(client)
    before = client.read_bytes()
    refused = secor_xl("upgrade", client)
    assert refused.returncode == 2 and "Dashboard is not protected" in refused.stderr
    assert client.read_bytes() == before
    forced = secor_xl("upgrade", client, "--force")
    assert forced.returncode == 0 and "replaced the Dashboard" in forced.stdout


def test_the_backup_from_before_the_upgrade_outlives_later_writes(client: Path) -> None:
    assert secor_xl("upgrade", client).returncode == 0
    for _ in range(7):
        assert secor_xl("check", client, "--write").returncode in (0, 1)
    backups = sorted(p.name for p in (client.parent / "backups").iterdir())
    (before,) = [b for b in backups if ".schema-1.0." in b]
    assert openpyxl.load_workbook(client.parent / "backups" / before).defined_names[
        "SchemaVersion"].attr_text == '"1.0"'
    assert len(backups) == 6  # the labelled one and the newest five of the others


def test_new_columns_come_with_their_help_and_row_colours(client: Path) -> None:
    assert secor_xl("upgrade", client).returncode == 0
    wb = openpyxl.load_workbook(client)
    header = wb["Employees"]["I1"]
    assert header.value == "Rights Covered" and "three rights" in header.comment.text
    ranges = [str(cf.sqref) for cf in wb["Employees"].conditional_formatting]
    assert wb["Employees"]["K1"].value == "End Date"  # 1.6
    assert any(r.split(":")[-1].startswith("K") for r in ranges), ranges  # to End Date
    register = [rule.formula[0] for cf in wb["Contractors and Visitors"].conditional_formatting
                for rule in cf.rules]
    assert len(register) == 3 and all("AsOfDate" in f or "TODAY" in f for f in register)
    listed = [c.value for c in wb["Instructions"]["A"]]
    assert "HS Representatives" in listed and f"Schema version {SCHEMA_VERSION}" in listed


# -- what upgrade refuses; upgrade beside another writer ------------------------------------


def schema_of(path: Path) -> str:
    return str(openpyxl.load_workbook(path).defined_names["SchemaVersion"].attr_text)


@pytest.mark.parametrize("newer", ["1.7", "1.10", "2.0"])
def test_upgrade_refuses_a_newer_schema_compared_as_numbers(demo_master: Path, tmp_path: Path,
                                                            newer: str) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    path = tmp_path / "client.xlsx"
    wb = openpyxl.load_workbook(demo_master)
    del wb.defined_names["SchemaVersion"]
    wb.defined_names["SchemaVersion"] = DefinedName("SchemaVersion", attr_text=f'"{newer}"')
    wb.save(path)
    before = path.read_bytes()
    result = secor_xl("upgrade", path)
    assert result.returncode == 2, result.stdout
    assert f"uses workbook schema {newer}, newer than this secor-xl's {SCHEMA_VERSION}" in \
        result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_upgrade_with_a_file_size_limit_is_one_line_and_the_file_intact(client: Path) -> None:
    """A full temporary area or a size limit (here RLIMIT_FSIZE, at the size of the new
    master's build and of the written workbook): exit 2, one line, nothing changed."""
    import resource
    import subprocess
    import sys

    before = client.read_bytes()
    for limit in (60_000, len(before) + 20_000):
        def small_files(limit: int = limit) -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        result = subprocess.run([sys.executable, "-m", "secor_xl", "upgrade", str(client)],
                                capture_output=True, text=True, check=False,
                                preexec_fn=small_files)
        assert result.returncode == 2, (limit, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "nothing was changed" in \
            result.stderr
        assert client.read_bytes() == before
        assert sorted(p.name for p in client.parent.iterdir() if p.name != "backups") == \
            [client.name]
        assert not any((client.parent / "backups").glob("*"))


def holds_open(pid: int, target: Path) -> bool:
    """True when process `pid` has `target` open (Linux's /proc)."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if Path(os.readlink(fd)) == target:
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc")
def test_upgrade_waits_for_a_check_write_already_under_way(client: Path) -> None:
    """check --write has read the version-1 file and is about to write it back when
    upgrade starts: upgrade waits for it, then upgrades what it wrote; the file never
    ends at the old schema after upgrade said it upgraded it."""
    import datetime as dt
    import subprocess
    import sys
    import time

    from secor_xl.excel import macros
    from secor_xl.excel.filebook import FileBook
    from secor_xl.writelock import lock_path

    book = FileBook(client)  # what check --write does first: the lock, the file read
    env = dict(os.environ, SECOR_XL_LOCK_WAIT="600")
    upgrade = subprocess.Popen([sys.executable, "-m", "secor_xl", "upgrade", str(client)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    sidecar = lock_path(client)
    for _ in range(6000):  # until upgrade waits on the lock (or, unlocked, is done)
        if upgrade.poll() is not None or holds_open(upgrade.pid, sidecar):
            break
        time.sleep(0.05)
    macros.check(book, as_of=dt.date(2026, 11, 26))
    book.save()
    stdout, stderr = upgrade.communicate(timeout=600)
    assert upgrade.returncode == 0, stderr
    assert f"-> {SCHEMA_VERSION}" in stdout
    assert schema_of(client) == f'"{SCHEMA_VERSION}"'


def test_upgrade_and_check_write_at_once_never_leave_the_old_schema(client: Path) -> None:
    import subprocess
    import sys

    env = dict(os.environ, SECOR_XL_LOCK_WAIT="600")
    commands = (["upgrade", str(client)], ["check", str(client), "--write"])
    running = [subprocess.Popen([sys.executable, "-m", "secor_xl", *c], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for c in commands]
    (up_out, up_err), (_out, check_err) = (p.communicate(timeout=900) for p in running)
    assert running[0].returncode == 0, up_err
    assert running[1].returncode in (0, 1), check_err
    assert f"-> {SCHEMA_VERSION}" in up_out
    assert schema_of(client) == f'"{SCHEMA_VERSION}"'
