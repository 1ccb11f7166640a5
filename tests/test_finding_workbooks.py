"""One way to find workbooks (watch, portfolio, docs FOLDER): our temp, lock and backup
files skipped, a user's folder named backups read; outputs named apart."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

from secor_xl.automation.ledger import Ledger
from secor_xl.automation.watch import run_cycle
from secor_xl.automation.workbooks import distinct_labels, find_workbooks, workbooks_in
from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import demo_data
from secor_xl.documents.binders import binder_folders
from secor_xl.excel.safety import backup
from secor_xl.files import backup_path

from .test_watch import AS_OF, Inbox, settings, smtp  # noqa: F401  (smtp: the fixture)


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_temp_lock_and_backup_files_are_skipped_a_users_backups_folder_is_not(
        tmp_path: Path) -> None:
    root = tmp_path / "backups" / "clients"  # a user's folder that happens to be so named
    for name in ("aspen.xlsx", "north/birch.xlsm", "backups/mine.xlsx",
                 "~$aspen.xlsx", ".~lock.aspen.xlsx#", ".wb-k2j3.xlsx", ".aspen-x1y2.xlsx",
                 "aspen.20260101-120000.bak.xlsx", "aspen.20260101-120000-2.bak.xlsx",
                 "aspen.bak.xlsx", "aspen.xlsx.bak", "backups/aspen.20260101-120000.xlsx",
                 "backups/aspen.schema-1.0.20260101-120000-1.xlsx", ".hidden/cedar.xlsx",
                 "notes.txt"):
        touch(root / name)
    found = [p.relative_to(root).as_posix() for p in find_workbooks(root)]
    assert found == ["aspen.xlsx", "backups/mine.xlsx", "north/birch.xlsm"]
    assert workbooks_in([root]) == find_workbooks(root)


def a_zip() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    return data.getvalue()


def test_the_copies_secor_xl_makes_are_recognised_by_their_names(tmp_path: Path) -> None:
    """Tied to the code that names them: a change there shows here."""
    book = touch(tmp_path / "aspen.xlsx", a_zip())  # a backup counts once it is a readable zip
    touch(backup_path(book), a_zip())
    backup(book)
    backup(book, label="schema-1.0")
    assert find_workbooks(tmp_path) == [book]


def test_a_file_reached_twice_is_found_once(tmp_path: Path) -> None:
    book = touch(tmp_path / "clients" / "aspen.xlsx")
    (tmp_path / "clients" / "link.xlsx").symlink_to(book)
    assert workbooks_in([book, tmp_path / "clients"]) == [book]


def test_distinct_labels() -> None:
    paths = [Path("/c/north/aspen.xlsx"), Path("/c/south/aspen.xlsx"), Path("/c/birch.xlsx"),
             Path("/c/Birch.xlsm"), Path("/c/cedar.xlsx"), Path("/d/cedar.xlsx")]
    assert distinct_labels(paths) == ["north-aspen", "south-aspen", "birch.xlsx",
                                      "Birch.xlsm", "c-cedar", "d-cedar"]
    assert distinct_labels([Path("/c/aspen.xlsx")]) == ["aspen"]  # unchanged when alone
    # a name that folders cannot tell apart still gets its own label
    assert distinct_labels([Path("/c/a?b.xlsx"), Path("/c/a*b.xlsx")]) == ["a-b", "a-b-2"]


def test_binders_of_names_that_differ_only_in_case_stay_apart(tmp_path: Path) -> None:
    """On Windows and macOS Aspen/ and aspen/ are one folder."""
    folders = binder_folders(["Aspen.xlsx", "aspen.xlsx", "north/aspen.xlsx",
                              "south/aspen.xlsx"], tmp_path)
    assert len({str(f).casefold() for f in folders}) == 4
    assert folders[2:] == [tmp_path / "north" / "aspen", tmp_path / "south" / "aspen"]


def demo_client(path: Path, company: str) -> Path:
    data = demo_data(AS_OF)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_workbook(path, BuildOptions(company=dict(data.company) | {"Company Name": company},
                                      rows=data.rows, spare_rows=0))
    return path


def test_watch_mails_once_not_again_for_a_bak_copy_or_a_temp_file(
        tmp_path: Path, smtp: tuple[Inbox, int]) -> None:  # noqa: F811
    inbox, port = smtp
    clients = tmp_path / "backups" / "clients"  # found, though under a folder so named
    book = demo_client(clients / "prairie.xlsx", "Prairie Ridge Framing Ltd.")
    shutil.copy(book, clients / "prairie.20260101-120000.bak.xlsx")
    shutil.copy(book, clients / ".prairie-abc123.xlsx")  # an interrupted write's temp file
    report = run_cycle([clients], AS_OF, Ledger(tmp_path / "ledger.sqlite"), None,
                       settings(port))
    assert report.mailed == ["prairie.xlsx"] and len(inbox.messages) == 1


def test_watch_digest_writes_one_digest_per_workbook_of_the_same_name(tmp_path: Path) -> None:
    north = demo_client(tmp_path / "north" / "aspen.xlsx", "Aspen North Ltd.")
    south = demo_client(tmp_path / "south" / "aspen.xlsx", "Aspen South Ltd.")
    digests = tmp_path / "digests"
    report = run_cycle([north, south], AS_OF, Ledger(tmp_path / "ledger.sqlite"), digests)
    day = AS_OF.isoformat()
    assert sorted(p.name for p in digests.glob("*.txt")) == [f"north-aspen_{day}.txt",
                                                             f"south-aspen_{day}.txt"]
    assert len(report.written) == 4
    assert "Aspen North Ltd." in (digests / f"north-aspen_{day}.txt").read_text()
    assert "Aspen South Ltd." in (digests / f"south-aspen_{day}.txt").read_text()
    assert dt.date.fromisoformat(day) == AS_OF
