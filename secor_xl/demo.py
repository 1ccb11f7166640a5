"""`secor-xl demo`: a sample company's workbook, and every step the product runs on it.

The demo is a list of steps over one context, so each later feature (check,
score, documents) plugs in by appending a step.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .builder.new import create_master
from .demo_data import DemoData, demo_data

if TYPE_CHECKING:
    from .excel.filebook import FileBook

DEMO_WORKBOOK = "secor_demo.xlsx"


@dataclass
class DemoContext:
    """What the steps share: where to write, the as-of day, what was made, and the demo
    workbook opened for the buttons' work (check and score write into it)."""

    outdir: Path
    as_of: dt.date
    data: DemoData
    made: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    opened: FileBook | None = None

    @property
    def workbook(self) -> Path:
        return self.made["workbook"]

    @property
    def book(self) -> FileBook:
        if self.opened is None:
            from .excel.filebook import FileBook

            self.opened = FileBook(self.workbook)
        return self.opened


DemoStep = Callable[[DemoContext], None]


def write_workbook(ctx: DemoContext) -> None:
    """The sample company's filled-in master workbook (an earlier demo's is backed up in
    `backups/` beside it, the newest few kept, as every command that replaces a workbook
    does: repeated runs leave no pile of copies beside it)."""
    from .excel.safety import backup

    path = ctx.outdir / DEMO_WORKBOOK
    create_master(path, rows=ctx.data.rows, extra_company=ctx.data.company, force=True,
                  keep=backup)
    ctx.made["workbook"] = path


def check_step(ctx: DemoContext) -> None:
    """The Check button on the demo workbook (Findings, marked cells), its findings also
    saved as JSON beside it."""
    from .excel import macros
    from .report import check_summary

    result = macros.check(ctx.book, as_of=ctx.as_of)
    assert result is not None  # a file book raises instead of returning nothing
    path = ctx.outdir / "check.json"
    path.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")
    ctx.made["check"] = path
    ctx.notes.append(f"check: {check_summary(result)}")


def score_step(ctx: DemoContext) -> None:
    """The Refresh score button on the demo workbook (the Dashboard's readiness table),
    the score also saved as JSON beside it."""
    from .excel import macros
    from .report import road_summary, score_summary

    result = macros.refresh_score(ctx.book, as_of=ctx.as_of)
    assert result is not None
    path = ctx.outdir / "score.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    ctx.made["score"] = path
    ctx.notes.append(f"score: {score_summary(result)}")
    ctx.notes.append(f"road to SECOR: {road_summary(result['road'])}")


def save_step(ctx: DemoContext) -> None:
    """The findings and the score, saved into the demo workbook."""
    ctx.book.save(keep_backup=False)  # made by the first step a moment ago
    ctx.opened = None


def documents_step(ctx: DemoContext) -> None:
    """Every Word document of the program, into OUTDIR/documents (replacing a previous demo's)."""
    from .documents.write import plan_documents, write_planned
    from .reader.read import read_workbook

    folder = ctx.outdir / "documents"
    planned, notes = plan_documents(read_workbook(ctx.workbook), ctx.as_of, folder)
    written = write_planned(planned, None, force=True)
    for old in folder.glob("*.bak.docx"):
        old.unlink()  # the demo's own earlier output, not a user's file
    ctx.made["documents"] = folder
    ctx.notes.append(f"documents: {len(written)} Word documents in {folder}")
    ctx.notes.extend(notes)


STEPS: list[tuple[str, DemoStep]] = [
    ("Writing the sample company's workbook", write_workbook),
    ("Checking it", check_step),
    ("Scoring it", score_step),
    ("Writing the findings and the score into it", save_step),
    ("Writing its documents", documents_step),
]


def run_demo(outdir: str | Path, as_of: dt.date | None = None,
             progress: Callable[[str], None] | None = None) -> DemoContext:
    """Run every demo step into `outdir` and return what was made."""
    as_of = as_of or dt.date.today()
    ctx = DemoContext(outdir=Path(outdir), as_of=as_of, data=demo_data(as_of))
    ctx.outdir.mkdir(parents=True, exist_ok=True)
    for label, step in STEPS:
        if progress:
            progress(label)
        step(ctx)
    return ctx
