"""`secor-xl docs FOLDER`: every client's binder, written in parallel worker processes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

from secor_xl.documents.binders import BinderJob, binder_folders, write_binder
from secor_xl.documents.write import backup_folder

from .commands import secor_xl

CLIENTS = 20
EMPTY = {"audit", "erp", "evidence", "hazards", "policy", "readiness",  # no meeting, incident
         "training"}  # "audit": audit_notes
ALL = EMPTY | {"minutes", "incident"}


def kinds(folder: Path) -> set[str]:
    return {p.name.split("_")[0] for p in folder.iterdir()}


@pytest.fixture(scope="module")
def clients(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 new masters from `init --clients`, the demo company twice (one in a subfolder),
    a file that is not a workbook, and a backups folder that is not read."""
    root = tmp_path_factory.mktemp("clients")
    rows = ["company,province,workers,contact"] + [
        f"Client {n:02d} Ltd.,{'AB' if n % 2 else 'BC'},{n % 9 + 1},Owner {n}"
        for n in range(1, CLIENTS + 1)]
    csv_path = root.parent / f"{root.name}.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    made = secor_xl("init", "--clients", csv_path, "--out", root)
    assert made.returncode == 0, made.stderr
    shutil.copy(demo_master, root / "prairie.xlsx")
    (root / "north").mkdir()
    shutil.copy(demo_master, root / "north" / "prairie.xlsx")
    (root / "broken.xlsx").write_bytes(b"not a workbook")
    (root / "backups").mkdir()
    shutil.copy(demo_master, root / "backups" / "prairie.20260101-120000.xlsx")
    return root


@pytest.fixture(scope="module")
def binders(clients: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("binders") / "binders"
    result = secor_xl("docs", clients, "--out", out, "--as-of", "2026-11-26", "--jobs", "2")
    return out, result


def test_every_client_gets_its_binder(clients: Path, binders: tuple[Path, object]) -> None:
    out, result = binders
    assert result.returncode == 1  # the broken file  # type: ignore[attr-defined]
    stdout, stderr = result.stdout, result.stderr  # type: ignore[attr-defined]
    assert (f"{CLIENTS + 3} workbooks: {CLIENTS + 2} binders written into {out}, 1 failed; "
            f"{CLIENTS + 2} with errors (secor-xl check lists them).") in stdout
    assert re.search(r"Client 01 Ltd\.xlsx: 7 documents in .*Client 01 Ltd; 2 errors", stdout)
    assert "failed: broken.xlsx: " in stderr and "Writing binders" in stderr
    assert f"prairie.xlsx: 12 documents in {out / 'prairie'}; 4 errors (secor-xl check " \
           f"{clients / 'prairie.xlsx'} lists them)" in stdout
    folders = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir())
    names = [f"Client {n:02d} Ltd" for n in range(1, CLIENTS + 1)]
    assert folders == sorted([*names, "north", "north/prairie", "prairie"])
    for name in names:
        assert kinds(out / name) == EMPTY, name
        policy = next((out / name).glob("policy_2026-11-26.docx"))
        assert name in "\n".join(p.text for p in docx.Document(str(policy)).paragraphs)
    assert kinds(out / "prairie") == ALL and kinds(out / "north" / "prairie") == ALL
    assert not [p for p in out.rglob("*") if p.is_file() and p.suffix != ".docx"]


def test_force_keeps_backups_out_of_the_binders(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "binders"
    first = secor_xl("docs", clients, "--out", out, "--as-of", "2026-11-26", "--only",
                     "policy,readiness")
    again = secor_xl("docs", clients, "--out", out, "--as-of", "2026-11-26", "--only",
                     "policy,readiness")
    assert first.returncode == again.returncode == 1  # broken.xlsx
    assert again.stdout.count("already exist") == 0  # the refusals are on stderr
    assert f"{CLIENTS + 3} workbooks: 0 binders written" in again.stdout
    assert "policy_2026-11-26.docx, readiness_2026-11-26.docx already exist" in again.stderr
    forced = secor_xl("docs", clients, "--out", out, "--as-of", "2026-11-26", "--only",
                      "policy,readiness", "--force")
    assert f"{CLIENTS + 2} binders written" in forced.stdout, forced.stderr
    for binder in [p for p in out.rglob("*") if p.is_dir() and "backups" not in p.parts
                   and any(p.glob("*.docx"))]:
        assert kinds(binder) == {"policy", "readiness"}, binder
        kept = backup_folder(binder)  # backups/<name>/ beside it
        assert kept.parent == binder.parent / "backups"
        assert sorted(re.sub(r"\.\d{8}-\d{6}(-\d+)?\.docx$", "", p.name)
                      for p in kept.iterdir()) == ["policy_2026-11-26", "readiness_2026-11-26"]
    assert not list(out.rglob("*.bak.docx"))


def test_strict_writes_nothing_for_a_client_with_errors(clients: Path, tmp_path: Path) -> None:
    """Every client here has errors (a new master has no approved policy yet)."""
    out = tmp_path / "binders"
    result = secor_xl("docs", clients, "--out", out, "--as-of", "2026-11-26", "--only",
                      "policy", "--strict")
    assert result.returncode == 1
    assert f"{CLIENTS + 3} workbooks: 0 binders written into {out}, {CLIENTS + 3} failed" \
        in result.stdout
    assert re.search(r"failed: prairie\.xlsx: 4 errors \(secor-xl check .*prairie\.xlsx lists "
                     r"them\); nothing was written \(--strict\)\.", result.stderr)
    assert re.search(r"failed: Client 01 Ltd\.xlsx: 2 errors .* nothing was written",
                     result.stderr)
    assert not out.exists() or not list(out.rglob("*.docx"))


def test_a_folder_without_workbooks_is_one_clear_line(tmp_path: Path) -> None:
    result = secor_xl("docs", tmp_path, "--out", tmp_path / "binders")
    assert result.returncode == 2
    assert "has no workbooks (.xlsx, .xlsm)" in result.stderr


def test_binder_folders_keep_names_apart(tmp_path: Path) -> None:
    names = ["a.xlsx", "a.xlsm", "north/b.xlsx", "c.xlsm"]
    assert binder_folders(names, tmp_path) == [tmp_path / "a.xlsx", tmp_path / "a.xlsm",
                                               tmp_path / "north" / "b", tmp_path / "c"]


def test_write_binder_never_raises(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"\x00" * 10)
    binder = write_binder(BinderJob(tmp_path / "x.xlsx", tmp_path / "out", name="x.xlsx"))
    assert binder.error and not binder.written and binder.errors is None
    assert not (tmp_path / "out").exists()
