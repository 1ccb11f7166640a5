"""`secor-xl docs`, `minutes` and `incident`: which documents, where, and never over a file.

Every target is checked before anything is written, so a refused run leaves
the folder as it was; each document is written to a temporary file and moved
into place. A document replaced with --force is kept in `backups/<folder>/`
beside its folder (`binder/` -> `backups/binder/`), as a workbook's backups go to
`backups/` beside it: the folder handed to the client holds only its documents.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..cells import Suggestions
from ..dates import keys
from ..errors import UserError
from ..files import atomic_output, real_path, safe_filename, stamped
from ..libreoffice import LibreOfficeError, convert_many, find_soffice
from ..reader.read import WorkbookData
from ..rules.check import CheckResult, check_workbook
from . import context as ctx
from .chart import element_chart
from .emergency import erp_context
from .render import default_templates, render_docx

Progress = Callable[[str], None]

BACKUPS = "backups"
KEEP_BACKUPS = 5
"""Backups kept of each document (the newest); an older one is removed."""


@dataclass(frozen=True)
class Planned:
    """One document to write: its template name, output file and context maker."""

    name: str
    out: Path
    make: Callable[[], dict[str, Any]]


def _latest(frame: pd.DataFrame, id_column: str, date_column: str,
            prefer: pd.Series | None = None) -> str | None:
    rows = frame[frame[id_column].notna()]
    if prefer is not None and prefer.reindex(rows.index, fill_value=False).any():
        rows = rows[prefer.reindex(rows.index, fill_value=False)]
    if rows.empty:
        return None
    return str(rows.sort_values(date_column, na_position="first").iloc[-1][id_column])


def plan_documents(wb: WorkbookData, as_of: dt.date, outdir: Path,
                   only: Sequence[str] | None = None, check: CheckResult | None = None
                   ) -> tuple[list[Planned], list[str]]:
    """The documents `docs` writes, and notes on any it cannot (no meeting yet, ...).

    `check`: the workbook's check on `as_of`, when the caller has it (it is made once
    for the readiness report and the incident report otherwise)."""
    names = list(ctx.DOCUMENTS)
    if only:
        unknown = [n for n in only if n not in ctx.DOCUMENTS]
        if unknown:
            raise UserError(f"--only {', '.join(unknown)}: no such document; choose from "
                            f"{', '.join(ctx.DOCUMENTS)}.")
        names = [n for n in names if n in only]
    notes: list[str] = []
    checked: list[CheckResult] = [check] if check is not None else []

    def the_check() -> CheckResult:
        if not checked:
            checked.append(check_workbook(wb, as_of))
        return checked[0]

    scored: list[Any] = []

    def the_score() -> Any:
        if not scored:
            from ..score import score_workbook

            scored.append(score_workbook(wb, as_of))
        return scored[0]

    def readiness() -> dict[str, Any]:
        return ctx.readiness_context(wb, as_of, the_score().to_dict(), the_check())

    def audit_notes() -> dict[str, Any]:
        from .notes import audit_notes_context

        return audit_notes_context(wb, as_of, the_score())

    meetings = wb.frame("Meetings")
    meeting = _latest(meetings, "Meeting ID", "Date",
                      keys(meetings["Type"]) == "SAFETY MEETING")
    incidents = wb.frame("Incidents")
    incident = _latest(incidents, "Incident ID", "Date")
    stamp = as_of.isoformat()
    makers: dict[str, tuple[str, Callable[[], dict[str, Any]]] | None] = {
        "policy": (f"policy_{stamp}", lambda: ctx.policy_context(wb, as_of)),
        "erp": (f"erp_{stamp}", lambda: erp_context(wb, as_of)),
        "minutes": (f"minutes_{safe_filename(meeting)}",
                    lambda: ctx.minutes_context(wb, as_of, meeting or ""))
        if meeting else None,
        "readiness": (f"readiness_{stamp}", readiness),
        "training": (f"training_{stamp}", lambda: ctx.training_context(wb, as_of)),
        "incident": (f"incident_{safe_filename(incident)}",
                     lambda: ctx.incident_context(wb, as_of, incident or "", the_check()))
        if incident else None,
        "hazards": (f"hazards_{stamp}", lambda: ctx.hazards_context(wb, as_of)),
        "evidence": (f"evidence_{stamp}", lambda: ctx.evidence_context(wb, as_of)),
        "audit_notes": (f"audit_notes_{stamp}", audit_notes),
    }
    planned = []
    for name in names:
        maker = makers[name]
        if maker is None:
            what = "meeting" if name == "minutes" else "incident"
            notes.append(f"{name}: skipped, the workbook has no {what} yet.")
            continue
        planned.append(Planned(name, outdir / f"{maker[0]}.docx", maker[1]))
    return planned, notes


# -- backups -------------------------------------------------------------------------------


def backup_folder(folder: Path) -> Path:
    """Where the replaced documents of `folder` are kept: `backups/<its name>/` beside it."""
    here = real_path(folder.absolute())
    return here.parent / BACKUPS / (here.name or "documents")


def keep_backup(path: Path, now: dt.datetime | None = None) -> Path:
    """Move aside a copy of `path` (about to be replaced) into its folder's backups, as
    `name.YYYYmmdd-HHMMSS.docx`; keep the newest `KEEP_BACKUPS` of that document."""
    folder = backup_folder(path.parent)
    folder.mkdir(parents=True, exist_ok=True)
    target = stamped(folder, path.stem, path.suffix, now)
    shutil.copy2(path, target)
    own = re.compile(re.escape(path.stem) + r"\.\d{8}-\d{6}(?:-\d+)?" + re.escape(path.suffix)
                     + "$")
    mine = sorted((p for p in folder.iterdir() if own.match(p.name)),
                  key=lambda p: (p.stat().st_mtime_ns, p.name))
    for old in mine[:-KEEP_BACKUPS]:
        old.unlink()
    return target


# -- writing -------------------------------------------------------------------------------


def write_planned(planned: Sequence[Planned], templates: Path | None, force: bool,
                  pdf: bool = False, progress: Progress | None = None) -> list[Path]:
    """Render every planned document; with `pdf`, also convert them with LibreOffice."""
    found = {p.name: template_for(p.name, templates) for p in planned}
    missing = [name for name, source in found.items() if source is None]
    sources = {name: source for name, source in found.items() if source is not None}
    folder = templates or default_templates()
    if missing:
        raise UserError(f"{folder}: has no template for {', '.join(missing)} "
                        f"(expected {', '.join(f'{m}.docx' for m in missing)}).")
    clash = [p.out for p in planned if p.out.exists()] + (
        [p.out.with_suffix(".pdf") for p in planned if p.out.with_suffix(".pdf").exists()]
        if pdf else [])
    if clash and not force:
        raise UserError(f"{clash[0].parent}: {', '.join(c.name for c in clash)} already "
                        f"exist{'s' if len(clash) == 1 else ''}; nothing was written. Use "
                        "--force to replace them (backups are kept in "
                        f"{backup_folder(clash[0].parent)}).")
    if pdf and find_soffice() is None:
        raise UserError("--pdf needs LibreOffice, which is not installed (Debian/Ubuntu: "
                        "apt-get install libreoffice-writer-nogui; Windows and macOS: "
                        "libreoffice.org); nothing was written.")
    for where in {backup_folder(c.parent) for c in clash}:
        try:
            where.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"{where}: cannot keep the backups of the documents replaced "
                            f"there ({exc.strerror or exc}); nothing was written.") from None
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="secor-docs-") as scratch:
        for item in planned:
            if progress:
                progress(f"Writing {item.out.name}")
            context = item.make()
            chart = None
            if item.name == "readiness":
                try:
                    chart = element_chart(context["score"], Path(scratch) / "chart.png")
                except OSError as exc:  # the scratch folder: a full disk, a size limit
                    raise UserError(f"{item.out}: could not be written (its chart: "
                                    f"{exc.strerror or exc}); the documents before it "
                                    "were written.") from None
            with atomic_output(item.out, force=force, keep=keep_backup) as tmp:
                render_docx(sources[item.name], context, tmp, chart)
            written.append(item.out)
        if pdf and written:
            written += _pdfs(list(written), Path(scratch) / "pdf", force, progress)
    return written


def template_for(name: str, templates: Path | None) -> Path | None:
    """The template of document `name`: from `templates` (--templates), else the shipped
    one, so a consultant's folder made before a document was added still writes it; None
    when there is none."""
    if templates is not None and (templates / f"{name}.docx").is_file():
        return templates / f"{name}.docx"
    shipped = default_templates() / f"{name}.docx"
    return shipped if shipped.is_file() else None


def _pdfs(documents: list[Path], scratch: Path, force: bool,
          progress: Progress | None) -> list[Path]:
    """A PDF beside each document, from one LibreOffice run."""
    if progress:
        progress(f"Converting {len(documents)} document{'s' if len(documents) > 1 else ''} "
                 "to PDF")
    try:
        made = convert_many(documents, "pdf", scratch)
    except LibreOfficeError as exc:
        raise UserError(f"{documents[0].parent}: {exc}; the Word documents were written.") \
            from None
    out = []
    for docx, pdf in zip(documents, made, strict=True):
        with atomic_output(docx.with_suffix(".pdf"), force=force, keep=keep_backup) as tmp:
            tmp.write_bytes(pdf.read_bytes())
        out.append(docx.with_suffix(".pdf"))
    return out


def one_record(wb: WorkbookData, as_of: dt.date, kind: str, record_id: str) -> Planned:
    """The minutes of one meeting or the report of one incident; unknown IDs are exit 2."""
    ids = ctx.meeting_ids(wb) if kind == "minutes" else ctx.incident_ids(wb)
    wanted = keys(pd.Series([record_id])).iloc[0]
    match = next((i for i in ids if keys(pd.Series([i])).iloc[0] == wanted), None)
    if match is None:
        what, one = ("Meetings", "a Meeting ID") if kind == "minutes" else (
            "Incidents", "an Incident ID")
        known = ", ".join(ids[-15:]) if ids else "none yet"
        raise UserError(f"{record_id!r} is not {one} on {what}."
                        f"{Suggestions(ids).did_you_mean(record_id)} The IDs are: {known}.")
    maker = (lambda: ctx.minutes_context(wb, as_of, match)) if kind == "minutes" else (
        lambda: ctx.incident_context(wb, as_of, match))
    return Planned(kind, Path(), maker)
