"""Time `secor-xl check` and `score` against only reading the same workbook.

    python scripts/bench.py --rows 10000
    python scripts/bench.py --rows 1000,10000,50000 --repeat 3 --keep bench-out
    python scripts/bench.py --rows 50000,200000 --messy 1    # about a finding per row

For each size it builds a workbook with that many log rows (the sample
company's master data from `demo_data`, plus generated inspections, training
records, actions, meetings, management activities, incidents, hazard
assessment lines and drills: deterministic for a given seed and as-of day),
then times four whole processes, best of `--repeat` runs, with their peak
memory:

1. read only: pandas.read_excel(PATH, sheet_name=None, engine="calamine")
2. secor-xl check PATH --format json
3. secor-xl check PATH --format text
4. secor-xl score PATH --format json

With --messy N about N cells per generated log row are spoiled (see
`make_messy`), so check has about N findings per row. With --unknown every
generated log row names things nobody else does (see `make_unknown`): a person
not on the roster, an Action ID no corrective action has, an answer not on its
list, each one distinct, so "did you mean" has tens of thousands of values to
match against tens of thousands of IDs:

    python scripts/bench.py --rows 50000 --unknown --repeat 1

With --write it also times `check --write` and `score --write`, each run on a
fresh copy of the workbook (a write changes the file and leaves a backup), so
every run writes the Findings sheet and the marks from scratch:

    python scripts/bench.py --rows 200000 --messy 3 --repeat 1 --write

and prints one Markdown table. A command that fails shows "n/a", and the last
line of its stderr is printed under the table.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import (
    DEFICIENCIES,
    HAZARD_ASSESSMENTS,
    SITES,
    TOOLBOX_TOPICS,
    DemoData,
    demo_data,
)
from secor_xl.schema import ColumnType, sheet

DEFAULT_AS_OF = dt.date(2025, 6, 30)
SEED = 20250630

# Share of the log rows each sheet gets: most are inspections and training.
SHARES: dict[str, float] = {
    "Inspection Log": 0.40,
    "Training Records": 0.30,
    "Corrective Actions": 0.08,
    "Meetings": 0.07,
    "Management Activities": 0.05,
    "Hazard Assessments": 0.05,
    "Incidents": 0.03,
    "Emergency Drills": 0.02,
}

Row = dict[str, object]


# -- generating rows -------------------------------------------------------------------


def split(total: int, shares: dict[str, float]) -> dict[str, int]:
    """`total` split by `shares` (largest remainder), so the parts add up exactly."""
    raw = {name: total * share / sum(shares.values()) for name, share in shares.items()}
    parts = {name: int(value) for name, value in raw.items()}
    left = total - sum(parts.values())
    for name in sorted(raw, key=lambda n: raw[n] - parts[n], reverse=True)[:left]:
        parts[name] += 1
    return parts


def edate(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months, clamped at month end (Excel's EDATE)."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def choices(sheet_name: str, column: str) -> tuple[str, ...]:
    found = sheet(sheet_name).column(column).choices
    assert found, f"{sheet_name}.{column} has no list"
    return found


def _date(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    start: dt.date
    supervisor: str | None


@dataclass
class LogRows:
    """Extra log rows that look like the sample company's: roster names, schedule items,
    matrix courses, list answers, dates in the 18 months before `as_of`."""

    data: DemoData
    as_of: dt.date
    seed: int
    rng: random.Random = field(init=False)
    people: list[Person] = field(init=False)
    leaders: list[str] = field(init=False)
    pending: list[tuple[str, dt.date, str, str]] = field(init=False)  # deficiencies

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.window_start = edate(self.as_of, -18)
        employees = self.data.rows["Employees"]
        self.people = [Person(str(r["Name"]), str(r["Position"]), _date(r["Start Date"]),
                              str(r["Supervisor"]) if r.get("Supervisor") else None)
                       for r in employees if r.get("Status") == "Active"]
        supervisors = {p.supervisor for p in self.people if p.supervisor}
        self.leaders = [p.name for p in self.people if p.name in supervisors]
        self.schedule = [(str(r["Item"]), str(r["Inspection Type"]), str(r["Responsible"]))
                         for r in self.data.rows["Inspection Schedule"]
                         if r.get("Active", "Yes") != "No"]
        self.matrix: dict[str, list[tuple[str, int | None]]] = {}
        for r in self.data.rows["Training Matrix"]:
            months = r.get("Validity Months")
            self.matrix.setdefault(str(r["Position"]), []).append(
                (str(r["Course"]), int(months) if isinstance(months, int | float) else None))
        self.pending = []

    def day(self, earliest: dt.date | None = None) -> dt.date:
        start = max(self.window_start, earliest or self.window_start)
        return start + dt.timedelta(days=self.rng.randint(0, (self.as_of - start).days))

    def employed(self, day: dt.date) -> list[str]:
        return [p.name for p in self.people if p.start <= day] or [self.leaders[0]]

    def leader(self) -> str:
        return self.rng.choice(self.leaders)

    def rows(self, sheet_name: str, n: int) -> list[Row]:
        make: Callable[[int], Row] = {
            "Inspection Log": self.inspection, "Training Records": self.training,
            "Corrective Actions": self.action, "Meetings": self.meeting,
            "Management Activities": self.management, "Hazard Assessments": self.hazard,
            "Incidents": self.incident, "Emergency Drills": self.drill,
        }[sheet_name]
        return [make(i) for i in range(1, n + 1)]

    def inspection(self, i: int) -> Row:
        item, kind, responsible = self.rng.choice(self.schedule)
        day = self.day()
        row: Row = {"Inspection ID": f"IN-B{i:06d}", "Date": day, "Item": item,
                    "Inspection Type": kind,
                    "Inspector": responsible if self.rng.random() < 0.85 else self.leader(),
                    "Result": "Satisfactory"}
        if self.rng.random() < 0.05:
            found, fix, _days = self.rng.choice(DEFICIENCIES[kind])
            row.update({"Result": "Deficiencies Found", "Deficiency": found})
            self.pending.append((str(row["Inspection ID"]), day, fix, responsible))
            row["_deficiency"] = True  # gets the Action ID of the action it raised
        return row

    def training(self, i: int) -> Row:
        person = self.rng.choice(self.people)
        course, months = self.rng.choice(self.matrix.get(person.position)
                                          or [("Company Safety Orientation", None)])
        done = self.day(person.start)
        row: Row = {"Employee": person.name, "Course": course, "Completed Date": done,
                    "Provider": self.rng.choice(("In-house", "St. John Ambulance",
                                                 "Canadian Red Cross",
                                                 "Foothills Safety Training")),
                    "Certificate No": f"B-{i:07d}"}
        if months:
            row["Expiry Date"] = edate(done, months)
        if person.supervisor and self.rng.random() < 0.3:
            row["Competency Verified By"] = person.supervisor
            row["Verified Date"] = min(done + dt.timedelta(days=self.rng.randint(3, 14)),
                                       self.as_of)
        return row

    def action(self, i: int) -> Row:
        action_id = f"CA-B{i:06d}"
        if self.pending:
            ref, raised, what, assigned = self.pending.pop()
            source = "Inspection"
        else:
            source = self.rng.choice([s for s in choices("Corrective Actions", "Source")
                                      if s != "Inspection"])
            ref, raised = None, self.day()
            what = f"Follow up on the {source.lower()} finding"
            assigned = self.rng.choice(self.employed(raised))
        due = raised + dt.timedelta(days=14)
        row: Row = {"Action ID": action_id, "Source": source, "Source Ref": ref,
                    "Description": what, "Assigned To": assigned, "Due Date": due,
                    "Status": "Open"}
        done = raised + dt.timedelta(days=self.rng.randint(1, 14))
        if done <= self.as_of and self.rng.random() < 0.95:
            row.update({"Completed Date": done, "Status": "Closed",
                        "Verified By": self.leader()})
        if ref:
            row["_source"] = ref
        return row

    def meeting(self, i: int) -> Row:
        day = self.day()
        kind = "Toolbox Talk" if self.rng.random() < 0.7 else "Safety Meeting"
        return {"Meeting ID": f"M-B{i:06d}", "Date": day, "Type": kind, "Chair": self.leader(),
                "Attendees": ", ".join(self.employed(day)),
                "Topics": self.rng.choice(TOOLBOX_TOPICS),
                "Decisions": "Reviewed open actions" if kind == "Safety Meeting" else None}

    def management(self, i: int) -> Row:
        activity = self.rng.choice(choices("Management Activities", "Activity"))
        return {"Date": self.day(), "Manager": self.leader(), "Activity": activity,
                "Notes": f"{activity} at {self.rng.choice(SITES)}"}

    def hazard(self, i: int) -> Row:
        group = (i - 1) // 4 + 1  # four hazard lines per assessment
        rng = random.Random(self.seed * 1_000_003 + group)  # same header on every line
        _id, job, location, _by, _days, lines = rng.choice(HAZARD_ASSESSMENTS)
        kind = rng.choice(choices("Hazard Assessments", "Type"))
        by = rng.choice(self.leaders)
        assessed = self.window_start + dt.timedelta(
            days=rng.randint(0, (self.as_of - self.window_start).days))
        hazard, severity, probability, control_type, controls = self.rng.choice(lines)
        review = (assessed + dt.timedelta(days=30) if kind == "Site-specific"
                  else edate(assessed, 12))
        return {"Assessment ID": f"HA-B{group:05d}", "Type": kind, "Job or Task": job,
                "Location": location, "Hazard": hazard, "Severity": severity,
                "Probability": probability, "Control Type": control_type,
                "Controls": controls, "Assessed By": by, "Assessed Date": assessed,
                "Review Due": review, "Workers Informed": "Yes"}

    def incident(self, i: int) -> Row:
        day = self.day()
        kind = self.rng.choice(choices("Incidents", "Type"))
        recent = (self.as_of - day).days < 14
        return {"Incident ID": f"INC-B{i:05d}", "Date": day, "Type": kind,
                "Description": f"{kind} at {self.rng.choice(SITES)}",
                "Person Involved": self.rng.choice(self.employed(day)), "Reported Date": day,
                "Reported To WCB": "Yes" if kind in ("Lost Time", "Medical Aid") else "No",
                "Investigation Started": min(day + dt.timedelta(days=1), self.as_of),
                "Investigated By": self.leader(), "Root Cause": "Procedure not followed",
                "Status": "Open" if recent else "Closed"}

    def drill(self, i: int) -> Row:
        day = self.day()
        return {"Drill Date": day, "Drill Type": self.rng.choice(choices("Emergency Drills",
                                                                         "Drill Type")),
                "Location": self.rng.choice(SITES), "Participants": ", ".join(self.employed(day)),
                "Evaluated By": self.leader(), "Findings": "Everyone reached the muster point"}


def workbook_rows(total: int, as_of: dt.date, seed: int) -> tuple[DemoData, dict[str, list[Row]]]:
    """The sample company with its logs grown (or cut) to `total` rows in all."""
    data = demo_data(as_of)
    gen = LogRows(data, as_of, seed)
    rows = {name: list(r) for name, r in data.rows.items()}
    targets = split(total, SHARES)
    # Inspections first: their deficiencies become the first generated actions.
    for name in sorted(SHARES, key=lambda n: n != "Inspection Log"):
        have = rows.get(name, [])
        rows[name] = have[:targets[name]] + gen.rows(name, max(0, targets[name] - len(have)))
    actions = {str(r["_source"]): str(r["Action ID"])
               for r in rows["Corrective Actions"] if "_source" in r}
    for name in SHARES:
        for r in rows[name]:
            r.pop("_source", None)
            if r.pop("_deficiency", False) and r["Inspection ID"] in actions:
                r["Action ID"] = actions[str(r["Inspection ID"])]
    return data, rows


MESS = ("date as text", "not in the list", "not on the roster")


def make_messy(rows: dict[str, list[Row]], seed: int, per_row: int = 1) -> int:
    """Spoil about `per_row` cells per generated log row, as a hurried bookkeeper would: a
    date typed as text, a misspelt choice, a person not on the roster. Returns how many."""
    rng = random.Random(seed + 1)
    spoiled = 0
    for name in SHARES:
        columns = sheet(name).columns
        dates = [c.name for c in columns if c.type is ColumnType.DATE]
        picks = [c.name for c in columns if c.type in (ColumnType.CHOICE, ColumnType.YESNO)]
        people = [c.name for c in columns if c.type is ColumnType.EMPLOYEE]
        for row, kind in ((r, k) for r in rows[name] for k in rng.sample(MESS, per_row)):
            if kind == "date as text" and dates:
                column = rng.choice(dates)
                if isinstance(row.get(column), dt.date):
                    row[column] = row[column].isoformat()
                    spoiled += 1
            elif kind == "not in the list" and picks:
                row[rng.choice(picks)] = "Maybe"
                spoiled += 1
            elif people:
                row[rng.choice(people)] = f"Temp Worker {rng.randint(1, 999)}"
                spoiled += 1
    return spoiled


def make_unknown(rows: dict[str, list[Row]]) -> int:
    """Give every generated log row its own unknown references: a person not on the
    roster, an Action ID that no corrective action has, an answer not on its list, each
    distinct (the worst case for "did you mean"). Returns how many cells."""
    spoiled = 0
    serial = 0
    for name in SHARES:
        columns = sheet(name).columns
        picks = [c.name for c in columns if c.type is ColumnType.CHOICE]
        people = [c.name for c in columns if c.type is ColumnType.EMPLOYEE]
        actions = [c.name for c in columns
                   if c.name in ("Action ID", "Action IDs") and name != "Corrective Actions"]
        for row in rows[name]:
            serial += 1
            for column in people[:1]:
                row[column] = f"Casual Worker {serial:05d}"
            for column in actions[:1]:
                row[column] = f"CA-X{serial:05d}"
            for column in picks[:1]:
                row[column] = f"Other {serial:05d}"
            spoiled += len(people[:1]) + len(actions[:1]) + len(picks[:1])
    return spoiled


# -- building ----------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def heartbeat(label: str, every: float = 10.0) -> Iterator[None]:
    """Print `label ... N s` every `every` seconds until the block ends."""
    stop = threading.Event()
    start = time.perf_counter()

    def tick() -> None:
        while not stop.wait(every):
            say(f"  ... {label}: {time.perf_counter() - start:.0f} s")

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def build(path: Path, total: int, as_of: dt.date, seed: int, messy: int = 0,
          unknown: bool = False) -> Path:
    started = time.perf_counter()
    data, rows = workbook_rows(total, as_of, seed)
    counts = ", ".join(f"{name} {len(rows[name]):,}" for name in SHARES)
    say(f"[{total:,} rows] generated ({counts}) in {time.perf_counter() - started:.1f} s")
    if messy:
        say(f"[{total:,} rows] messy: {make_messy(rows, seed, messy):,} cells spoiled")
    if unknown:
        say(f"[{total:,} rows] unknown references: {make_unknown(rows):,} cells")
    started = time.perf_counter()
    say(f"[{total:,} rows] building {path} with XlsxWriter...")
    with heartbeat("building"):
        build_workbook(path, BuildOptions(company=data.company, rows=rows, spare_rows=20))
    say(f"[{total:,} rows] built in {time.perf_counter() - started:.1f} s, "
        f"{path.stat().st_size / 1e6:.1f} MB")
    return path


# -- measuring ---------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mb: float | None
    returncode: int
    stderr_tail: str


@dataclass
class Result:
    """Best time and largest peak of several runs, or why the command failed."""

    seconds: float | None = None
    peak_mb: float | None = None
    error: str | None = None


def gnu_time() -> str | None:
    """/usr/bin/time when it is GNU time (it takes -v), else None."""
    path = shutil.which("time", path="/usr/bin")
    if path is None:
        return None
    probe = subprocess.run([path, "-v", "true"], capture_output=True)
    return path if probe.returncode == 0 and b"Maximum resident" in probe.stderr else None


GNU_TIME = gnu_time()


def run_once(cmd: Sequence[str]) -> Run:
    """Run `cmd` as its own process: wall clock, peak RSS, exit code, last stderr line."""
    with tempfile.TemporaryDirectory() as tmp:
        err_path, time_path = Path(tmp) / "stderr", Path(tmp) / "time"
        with err_path.open("wb") as err:
            if GNU_TIME:
                started = time.perf_counter()
                code = subprocess.run([GNU_TIME, "-v", "-o", str(time_path), *cmd],
                                      stdout=subprocess.DEVNULL, stderr=err).returncode
                seconds = time.perf_counter() - started
                match = re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                                  time_path.read_text(errors="replace"))
                peak = int(match.group(1)) / 1024 if match else None
            else:
                seconds, peak, code = _run_wait4(cmd, err)
        lines = [ln.strip() for ln in err_path.read_text(errors="replace").splitlines()]
        tail = next((ln for ln in reversed(lines) if ln), "")
    return Run(seconds, peak, code, tail)


def _run_wait4(cmd: Sequence[str], err: IO[bytes]) -> tuple[float, float | None, int]:
    """Without GNU time: wait4 gives the rusage of this one child (and what it waited for)."""
    started = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=err)
    if not hasattr(os, "wait4"):
        code = proc.wait()
        return time.perf_counter() - started, None, code
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return seconds, usage.ru_maxrss / scale, code


def measure(cmd: Sequence[str], repeat: int, ok: set[int], label: str,
            before: Callable[[], None] | None = None) -> Result:
    """Best time and largest peak of `repeat` runs of `cmd`; `before` runs ahead of each."""
    runs = []
    for i in range(repeat):
        if before is not None:
            before()
        run = run_once(cmd)
        say(f"  {label} run {i + 1}/{repeat}: {run.seconds:.2f} s, "
            f"exit {run.returncode}" + (f", {run.peak_mb:.0f} MB" if run.peak_mb else ""))
        if run.returncode not in ok:
            return Result(error=f"exit {run.returncode}: {run.stderr_tail or '(no stderr)'}")
        runs.append(run)
    peaks = [r.peak_mb for r in runs if r.peak_mb is not None]
    return Result(min(r.seconds for r in runs), max(peaks) if peaks else None)


def secor_xl() -> list[str]:
    script = Path(sys.executable).parent / "secor-xl"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "secor_xl"]  # e.g. secor-xl.exe on Windows


READ_ONLY = ("import sys, pandas; "
             "pandas.read_excel(sys.argv[1], sheet_name=None, engine='calamine')")


@dataclass
class Line:
    rows: int
    size_mb: float
    read: Result
    check: Result
    check_text: Result
    score: Result
    check_write: Result | None = None
    score_write: Result | None = None


def timed_writes(path: Path, repeat: int, as_of: dt.date) -> tuple[Result, Result]:
    """check --write and score --write, each run on a fresh copy of `path`."""
    cli = secor_xl()
    day = as_of.isoformat()
    with tempfile.TemporaryDirectory(prefix="secor-bench-write-") as tmp:
        copy = Path(tmp) / path.name

        def fresh() -> None:
            shutil.rmtree(Path(tmp) / "backups", ignore_errors=True)
            shutil.copyfile(path, copy)

        check = measure([*cli, "check", str(copy), "--as-of", day, "--format", "json",
                         "--write"], repeat, {0, 1}, "check --write", fresh)
        score = measure([*cli, "score", str(copy), "--as-of", day, "--format", "json",
                         "--write"], repeat, {0}, "score --write", fresh)
    return check, score


def bench(path: Path, rows: int, repeat: int, as_of: dt.date, write: bool = False) -> Line:
    cli = secor_xl()
    day = as_of.isoformat()
    say(f"[{rows:,} rows] timing, best of {repeat}")
    read = measure([sys.executable, "-c", READ_ONLY, str(path)], repeat, {0}, "read")
    check = measure([*cli, "check", str(path), "--as-of", day, "--format", "json"], repeat,
                    {0, 1}, "check")
    check_text = measure([*cli, "check", str(path), "--as-of", day, "--format", "text"],
                         repeat, {0, 1}, "check text")
    score = measure([*cli, "score", str(path), "--as-of", day, "--format", "json"], repeat,
                    {0}, "score")
    line = Line(rows, path.stat().st_size / 1e6, read, check, check_text, score)
    if write:
        line.check_write, line.score_write = timed_writes(path, repeat, as_of)
    return line


# -- the table ----------------------------------------------------------------------------


def _seconds(result: Result, base: Result | None = None) -> str:
    if result.seconds is None:
        return "n/a"
    text = f"{result.seconds:.2f}"
    if base is not None and base.seconds:
        text += f" ({result.seconds / base.seconds:.1f}x)"
    return text


def _mb(result: Result) -> str:
    return "n/a" if result.peak_mb is None else f"{result.peak_mb:.0f}"


def table(lines: Sequence[Line], repeat: int) -> str:
    out = [
        "| rows | file size | read s | check json s (x read) | check text s (x read) "
        "| score s (x read) | read MB | check MB | score MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for ln in lines:
        out.append(f"| {ln.rows:,} | {ln.size_mb:.1f} MB | {_seconds(ln.read)} "
                   f"| {_seconds(ln.check, ln.read)} | {_seconds(ln.check_text, ln.read)} "
                   f"| {_seconds(ln.score, ln.read)} "
                   f"| {_mb(ln.read)} | {_mb(ln.check)} | {_mb(ln.score)} |")
        for what, result in (("read", ln.read), ("check", ln.check),
                             ("check text", ln.check_text), ("score", ln.score)):
            if result.error:
                notes.append(f"- {ln.rows:,} rows, {what}: n/a ({result.error})")
    writes = [ln for ln in lines if ln.check_write is not None and ln.score_write is not None]
    if writes:
        out += ["", "| rows | check --write s (x read) | score --write s (x read) "
                "| check --write MB | score --write MB |", "|---:|---:|---:|---:|---:|"]
        for ln in writes:
            assert ln.check_write is not None and ln.score_write is not None
            out.append(f"| {ln.rows:,} | {_seconds(ln.check_write, ln.read)} "
                       f"| {_seconds(ln.score_write, ln.read)} | {_mb(ln.check_write)} "
                       f"| {_mb(ln.score_write)} |")
            for what, result in (("check --write", ln.check_write),
                                 ("score --write", ln.score_write)):
                if result.error:
                    notes.append(f"- {ln.rows:,} rows, {what}: n/a ({result.error})")
    how = "GNU time -v" if GNU_TIME else "wait4 rusage"
    out.append("")
    out.append(f"Whole processes, wall clock, best of {repeat}; peak RSS ({how}) in MB. "
               f"Python {sys.version.split()[0]}.")
    if notes:
        out += ["", *notes]
    return "\n".join(out)


def parse_rows(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "").strip()) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--rows {text!r}: give a number or a comma list, "
                                         "e.g. 1000,10000,50000") from None
    if not sizes or any(n < 0 for n in sizes):
        raise argparse.ArgumentTypeError(f"--rows {text!r}: sizes must be 0 or more")
    return sizes


ROOT = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=parse_rows, required=True,
                        help="log rows in the workbook, or a comma list: 1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (best of)")
    parser.add_argument("--keep", type=Path, help="write the workbooks here and keep them")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=DEFAULT_AS_OF,
                        help=f"the sample's as-of day, passed to check and score "
                             f"(default {DEFAULT_AS_OF})")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the generated rows")
    parser.add_argument("--messy", type=int, choices=(0, 1, 2, 3), default=0,
                        help="spoil about this many cells per log row (a date typed as "
                             "text, a choice not in the list, a person not on the roster), "
                             "so check has about that many findings per row")
    parser.add_argument("--unknown", action="store_true",
                        help="give every log row its own unknown person, Action ID and "
                             "list answer (the worst case for 'did you mean')")
    parser.add_argument("--write", action="store_true",
                        help="also time check --write and score --write, each on a fresh "
                             "copy of the workbook")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")

    # Byte-compile secor_xl as a regular install would, so every timed run starts
    # from .pyc files even where PYTHONDONTWRITEBYTECODE is set (as on this machine).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "secor_xl")],
                   check=True)
    with tempfile.TemporaryDirectory(prefix="secor-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        lines = []
        for rows in args.rows:
            name = (f"bench_{rows}{f'_messy{args.messy}' if args.messy else ''}"
                    f"{'_unknown' if args.unknown else ''}.xlsx")
            path = build(folder / name, rows, args.as_of, args.seed, args.messy, args.unknown)
            lines.append(bench(path, rows, args.repeat, args.as_of, args.write))
    print(table(lines, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
