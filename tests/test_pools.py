"""Worker processes that die (os._exit, SIGKILL) cost their own client only: the rest are
retried in a fresh pool, a partial binder is removed, and the exit code says so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from secor_xl.automation.pool import in_processes

DIE_EXIT, DIE_KILL = 3, 5


def dies_on_some(item: int) -> int:
    """Module level, so a worker can be sent it."""
    if item == DIE_EXIT:
        os._exit(9)
    if item == DIE_KILL:
        os.kill(os.getpid(), signal.SIGKILL)
    return item * 10


def test_a_dead_worker_costs_its_own_item_only() -> None:
    done: dict[int, object] = {}
    discarded: list[int] = []

    def record(index: int, result: object) -> None:
        assert index not in done  # each item once
        done[index] = result

    in_processes(dies_on_some, list(range(12)), 2, record,
                 lambda index, exc: f"died: {type(exc).__name__}", discarded.append)
    assert done == {i: ("died: BrokenProcessPool" if i in (DIE_EXIT, DIE_KILL) else i * 10)
                    for i in range(12)}
    assert {DIE_EXIT, DIE_KILL} <= set(discarded)  # before the rerun and after
    assert len(discarded) <= 2 * 2 + 2  # only the items in the pool when it broke


# -- the commands, with a hook that kills the worker of one client -------------------------

HOOK = '''
import os
from pathlib import Path

import secor_xl.automation.portfolio as portfolio
import secor_xl.documents.binders as binders

_write, _read = binders.write_planned, portfolio.read_workbook


def write_planned(planned, *args, **kwargs):
    if planned and planned[0].out.parent.name == "crash":  # one document, then die
        _write(planned[:1], *args, **kwargs)
        os._exit(9)
    return _write(planned, *args, **kwargs)


def read_workbook(path, *args, **kwargs):
    if Path(path).name == "crash.xlsx":
        os.kill(os.getpid(), 9)
    return _read(path, *args, **kwargs)


binders.write_planned = write_planned
portfolio.read_workbook = read_workbook
'''


def hooked(tmp: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m secor_xl ARGS` with the hook loaded in it and in its workers."""
    hook = tmp / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(HOOK)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(hook), *filter(None, [os.environ.get("PYTHONPATH")])]))
    return subprocess.run([sys.executable, "-m", "secor_xl", *map(str, args)],
                          capture_output=True, text=True, check=False, env=env)


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pool")
    csv_path = root / "clients.csv"
    csv_path.write_text("company,province,workers\naspen,AB,4\nbirch,BC,3\ncedar,AB,2\n"
                        "crash,AB,5\ndouglas,BC,6\n", encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "secor_xl", "init", "--clients", csv_path,
                           "--out", root / "clients"], capture_output=True, text=True,
                          check=False)
    assert made.returncode == 0, made.stderr
    return root / "clients"


def test_docs_folder_a_dead_worker_costs_its_client_and_its_partial_binder_goes(
        clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "binders"
    result = hooked(tmp_path, "docs", clients, "--out", out, "--as-of", "2026-11-26",
                    "--only", "policy,readiness", "--jobs", "2")
    assert result.returncode == 1
    assert "5 workbooks: 4 binders written" in result.stdout, result.stdout + result.stderr
    assert "failed: crash.xlsx: not written: its worker process stopped" in result.stderr
    assert "Traceback" not in result.stderr
    for name in ("aspen", "birch", "cedar", "douglas"):
        assert sorted(p.name for p in (out / name).iterdir()) == [
            "policy_2026-11-26.docx", "readiness_2026-11-26.docx"], name
    assert not (out / "crash").exists()  # its one document removed, and the folder


def test_portfolio_a_dead_worker_costs_its_row_and_the_exit_code_says_so(
        clients: Path, tmp_path: Path) -> None:
    summary = tmp_path / "portfolio.xlsx"
    result = hooked(tmp_path, "portfolio", clients, "--out", summary, "--jobs", "2")
    assert result.returncode == 1, result.stderr
    assert "5 workbooks: 4 read, 1 failed" in result.stdout
    assert "failed: crash.xlsx: not read: its worker process stopped" in result.stderr
    sheet = openpyxl.load_workbook(summary)["Summary"]
    header = [c.value for c in sheet[6]]
    rows = [dict(zip(header, row, strict=True))
            for row in sheet.iter_rows(min_row=7, values_only=True)]
    errors = {row["File"]: row["Error"] for row in rows}
    assert set(errors) == {"aspen.xlsx", "birch.xlsx", "cedar.xlsx", "crash.xlsx",
                           "douglas.xlsx"}
    assert [name for name, error in errors.items() if error] == ["crash.xlsx"]
