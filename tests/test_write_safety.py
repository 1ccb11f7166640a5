"""Writers that never lose a file: one writer at a time, a lock seen through links, backups
that count only when whole, no temporary file left on any way out, the owner kept, and
a file that is not ours never written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from secor_xl.errors import UserError
from secor_xl.excel import macros, safety
from secor_xl.excel.filebook import FileBook
from secor_xl.files import TEMP_PREFIX, stamped
from secor_xl.writelock import lock_path, writer_lock

from .commands import secor_xl
from .test_writeback import AS_OF


@pytest.fixture()
def client(demo_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "client.xlsx"
    shutil.copy(demo_master, path)
    return path


def run(*args: str | Path, wait: float) -> subprocess.CompletedProcess[str]:
    """`secor-xl ARGS` with the writer lock's wait set to `wait` seconds."""
    env = dict(os.environ, SECOR_XL_LOCK_WAIT=str(wait))
    return subprocess.run([sys.executable, "-m", "secor_xl", *map(str, args)],
                          capture_output=True, text=True, check=False, env=env)


def leftovers(folder: Path) -> list[str]:
    """Our temporary files and lock sidecars in `folder` and its backups/."""
    found = [*folder.iterdir(), *((folder / "backups").iterdir()
                                  if (folder / "backups").is_dir() else [])]
    return sorted(p.name for p in found if p.name.startswith(".~secor-"))


# -- one writer at a time ---------------------------------------------------------------


def test_a_second_writer_waits_then_stops_naming_the_first(client: Path) -> None:
    before = client.read_bytes()
    with writer_lock(client):
        for command in (("check", client, "--write"), ("score", client, "--write"),
                        ("upgrade", client)):
            result = run(*command, wait=0.2)
            assert result.returncode == 2, (command, result.stderr)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in result.stderr
            assert f"is being written by another secor-xl (pid {os.getpid()})" in lines[0]
            assert "try again" in lines[0]
    assert client.read_bytes() == before
    assert not (client.parent / "backups").exists()
    assert leftovers(client.parent) == []  # the sidecar goes with the lock


def test_the_lock_is_one_for_a_file_and_its_links(client: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere" / "link.xlsx"
    link.parent.mkdir()
    link.symlink_to(client)
    assert lock_path(link) == lock_path(client) == client.with_name(".~secor-client.xlsx.lock")
    with writer_lock(link):
        result = run("check", client, "--write", wait=0.2)
    assert result.returncode == 2 and "being written by another secor-xl" in result.stderr


def test_a_button_holds_the_lock_while_it_writes(client: Path) -> None:
    """A check run from a book (as the buttons do) holds the file's lock until saved; a
    command-line writer meanwhile is told to try again."""
    with FileBook(client) as book:
        macros.check(book, as_of=AS_OF)
        assert lock_path(client).exists()
        result = run("check", client, "--write", wait=0.2)
        assert result.returncode == 2 and "being written" in result.stderr
        book.save()
    assert not lock_path(client).exists()


# -- lock files seen through links ----------------------------------------------------------


@pytest.mark.parametrize(("lock", "app"), [("~${}", "Excel"), (".~lock.{}#", "LibreOffice")])
def test_a_workbook_opened_through_a_link_is_seen_as_open(client: Path, tmp_path: Path,
                                                           lock: str, app: str) -> None:
    link = tmp_path / "shared" / "current.xlsx"
    link.parent.mkdir()
    link.symlink_to(client)
    (client.parent / lock.format(client.name)).write_bytes(b"owner")  # beside the real file
    before = client.read_bytes()
    result = secor_xl("check", link, "--write")
    assert result.returncode == 2 and f"open in {app}" in result.stderr
    assert client.read_bytes() == before


# -- backups that count only when whole -----------------------------------------------------


def five_good_backups(client: Path) -> list[Path]:
    folder = client.parent / "backups"
    folder.mkdir()
    made = []
    for n in range(5):
        target = stamped(folder, client.stem, client.suffix)
        shutil.copy2(client, target)
        os.utime(target, (1_700_000_000 + n, 1_700_000_000 + n))
        made.append(target)
    return made


def half_copy(raise_error: bool):  # type: ignore[no-untyped-def]
    """A copy that stops half-way, as on a full disk: with an error, or silently short."""
    def copy(source: Path, target: Path) -> None:
        data = Path(source).read_bytes()
        Path(target).write_bytes(data[: len(data) // 2])
        if raise_error:
            raise OSError(28, "No space left on device")
    return copy


@pytest.mark.parametrize("raise_error", [True, False])
def test_failed_backups_leave_no_copy_and_prune_no_good_one(
        client: Path, monkeypatch: pytest.MonkeyPatch, raise_error: bool) -> None:
    good = five_good_backups(client)
    before = client.read_bytes()
    monkeypatch.setattr(safety.shutil, "copy2", half_copy(raise_error))
    for _attempt in range(3):
        book = FileBook(client)
        macros.check(book, as_of=AS_OF)
        with pytest.raises(UserError, match="nothing was changed"):
            book.save()
    assert client.read_bytes() == before
    assert sorted((client.parent / "backups").iterdir()) == sorted(good)
    assert leftovers(client.parent) == []
    monkeypatch.undo()
    with FileBook(client) as book:  # then the disk has room again: one more, oldest goes
        macros.check(book, as_of=AS_OF)
        kept = book.save()
    assert kept is not None and zipfile.ZipFile(kept).testzip() is None
    assert sorted((client.parent / "backups").iterdir()) == sorted([*good[1:], kept])


def test_a_truncated_backup_left_by_an_older_version_does_not_count(client: Path) -> None:
    good = five_good_backups(client)
    broken = stamped(client.parent / "backups", client.stem, client.suffix)
    broken.write_bytes(client.read_bytes()[:1000])
    assert safety.backups_of(client) == good
    result = secor_xl("check", client, "--write")
    assert result.returncode in (0, 1), result.stderr
    assert good[0] not in safety.backups_of(client) and len(safety.backups_of(client)) == 5
    assert broken.exists()  # not ours to judge garbage: left, never counted


def test_upgrade_leaves_no_broken_labelled_backup(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    from secor_xl.excel.upgrade import upgrade_workbook

    from .test_upgrade import V1

    client = tmp_path / "client.xlsx"
    shutil.copy(V1, client)
    before = client.read_bytes()
    monkeypatch.setattr(safety.shutil, "copy2", half_copy(False))
    with pytest.raises(UserError, match="backup could not be written whole"):
        upgrade_workbook(client)
    assert client.read_bytes() == before
    assert list((tmp_path / "backups").iterdir()) == []
    assert leftovers(tmp_path) == []


# -- temporary files ----------------------------------------------------------------------


def test_temporary_files_of_a_killed_writer_are_removed_by_the_next(client: Path) -> None:
    """`kill -9` mid-write leaves `.~secor-PID-...` files; the next write removes those of a
    process that no longer runs once they are old, and leaves a live or recent one."""
    backups = client.parent / "backups"
    backups.mkdir()
    dead = 2**22 + 7  # above Linux's highest pid: never running
    old = [client.parent / f"{TEMP_PREFIX}{dead}-client.abc123.xlsx",
           backups / f"{TEMP_PREFIX}{dead}-client.20261126-101010.def456.xlsx"]
    kept = [client.parent / f"{TEMP_PREFIX}{os.getpid()}-client.live01.xlsx",
            client.parent / f"{TEMP_PREFIX}{dead}-client.young1.xlsx"]
    for path in (*old, *kept):
        path.write_bytes(b"PK\x03\x04 half")
    for path in (*old, kept[0]):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    result = secor_xl("check", client, "--write")
    assert result.returncode in (0, 1), result.stderr
    assert not any(p.exists() for p in old)
    assert all(p.exists() for p in kept)


def _killed_half_way(client: str) -> None:
    """In a child: check --write's steps, and `kill -9` half-way through the backup."""
    import signal

    def copy_then_die(source: Path, target: Path) -> None:
        data = Path(source).read_bytes()
        Path(target).write_bytes(data[: len(data) // 2])
        os.kill(os.getpid(), signal.SIGKILL)

    book = FileBook(Path(client))
    macros.check(book, as_of=AS_OF)
    safety.shutil.copy2 = copy_then_die  # type: ignore[assignment]
    book.save()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked child")
def test_a_write_killed_half_way_leaves_nothing_that_counts(client: Path) -> None:
    import multiprocessing

    before = client.read_bytes()
    child = multiprocessing.get_context("fork").Process(target=_killed_half_way,
                                                        args=(str(client),))
    child.start()
    child.join()
    assert child.exitcode == -9
    assert client.read_bytes() == before
    assert safety.backups_of(client) == []  # the half copy has no backup's name
    left = [p for p in (*client.parent.iterdir(), *(client.parent / "backups").iterdir())
            if p.name.startswith(".~secor-")]
    assert any(p.name.startswith(f"{TEMP_PREFIX}{child.pid}-") for p in left)
    for path in left:
        os.utime(path, (1_700_000_000, 1_700_000_000))  # ten minutes on
    result = secor_xl("check", client, "--write")
    assert result.returncode in (0, 1), result.stderr
    assert leftovers(client.parent) == []
    (kept,) = safety.backups_of(client)
    assert kept.read_bytes() == before


def test_no_temporary_file_or_lock_is_left_when_the_body_fails(client: Path) -> None:
    before = client.read_bytes()
    with pytest.raises(RuntimeError), FileBook(client) as book:
        macros.check(book, as_of=AS_OF)
        raise RuntimeError("the button failed half-way")
    assert client.read_bytes() == before
    assert leftovers(client.parent) == []


# -- owner and mode -------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another user needs root")
def test_the_replaced_file_keeps_its_owner_and_mode(client: Path) -> None:
    os.chown(client, 4321, 4322)
    client.chmod(0o640)
    result = secor_xl("check", client, "--write")
    assert result.returncode in (0, 1), result.stderr
    st = client.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (4321, 4322, 0o640)
    (kept,) = (client.parent / "backups").iterdir()
    assert (kept.stat().st_uid, kept.stat().st_mode & 0o7777) == (4321, 0o640)


# -- files that are not ours ----------------------------------------------------------------


def foreign(path: Path, sheets: tuple[str, ...]) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = sheets[0]
    for name in sheets[1:]:
        wb.create_sheet(name)
    for ws in wb.worksheets:
        ws.append(["Invoice", "Amount"])
        ws.append(["2026-001", 1200])
    wb.save(path)
    return path


@pytest.mark.parametrize("sheets", [("Sheet1",), ("Budget", "Employees"), ("Company",)])
def test_no_command_writes_into_a_file_that_is_not_a_secor_workbook(
        tmp_path: Path, sheets: tuple[str, ...]) -> None:
    path = foreign(tmp_path / "accounts.xlsx", sheets)
    before = path.read_bytes()
    for command in (("check", path, "--write"), ("score", path, "--write"),
                    ("upgrade", path)):
        result = secor_xl(*command)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "is not a SECOR workbook" in result.stderr, command
        assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accounts.xlsx"]


def test_a_secor_workbook_without_its_version_name_is_still_written(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    del wb.defined_names["SchemaVersion"]
    wb.save(client)
    result = secor_xl("check", client, "--write")
    assert result.returncode in (0, 1), result.stderr


# -- merged cells; the crash hint -----------------------------------------------------------


def test_a_flagged_cell_inside_a_merged_range_gets_its_note_on_the_range(client: Path) -> None:
    """Inspection Log A3:B3 merged: B3 (the Date, now empty, so required) is a cell merged
    into A3; its note goes on A3 and its finding on Findings, with no crash. Cells merged
    on Findings (ours) are unmerged to take its rows."""
    wb = openpyxl.load_workbook(client)
    wb["Inspection Log"].merge_cells("A3:B3")
    wb["Findings"].merge_cells("A3:C4")  # and on Findings, where the rows go
    wb.save(client)
    result = secor_xl("check", client, "--write", "--as-of", AS_OF.isoformat())
    assert result.returncode == 1, result.stderr
    wb = openpyxl.load_workbook(client)
    note = wb["Inspection Log"]["A3"].comment
    assert note is not None and "Date: is required" in note.text
    rows = [r for r in wb["Findings"].iter_rows(min_row=2, values_only=True) if any(r)]
    assert ("Inspection Log", 3, "Date", "error", "invalid.required") in [r[:5] for r in rows]
    assert not wb["Findings"].merged_cells.ranges and all(r[0] and r[4] for r in rows)


def test_the_crash_hint_names_a_debug_option_that_works(client: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from secor_xl.cli import app
    from secor_xl.rules import check as check_module

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(check_module, "check_workbook", broken)
    runner = CliRunner()
    first = runner.invoke(app, ["check", str(client)])
    assert first.exit_code == 1
    hint = re.search(r"Rerun as secor-xl (--debug check) \.\.\.", first.output)
    assert hint, first.output
    again = runner.invoke(app, [*hint.group(1).split(), str(client)])
    assert again.exit_code == 1 and "No such option" not in again.output
    assert "Traceback" in again.output and "RuntimeError: a bug" in again.output
