"""`secor-xl docs`, `minutes` and `incident`: which documents, where, and never over a file.

Every target is checked before anything is written, so a refused run leaves
the folder as it was; each document is written to a temporary file and moved
into place.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..dates import keys
from ..errors import UserError
from ..files import atomic_output, safe_filename
from ..libreoffice import LibreOfficeError, convert, find_soffice
from ..reader.read import WorkbookData
from ..rules.check import check_workbook
from . import context as ctx
from .chart import element_chart
from .render import default_templates, render_docx

Progress = Callable[[str], None]


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
                   only: Sequence[str] | None = None) -> tuple[list[Planned], list[str]]:
    """The documents `docs` writes, and notes on any it cannot (no meeting yet, ...)."""
    names = list(ctx.DOCUMENTS)
    if only:
        unknown = [n for n in only if n not in ctx.DOCUMENTS]
        if unknown:
            raise UserError(f"--only {', '.join(unknown)}: no such document; choose from "
                            f"{', '.join(ctx.DOCUMENTS)}.")
        names = [n for n in names if n in only]
    notes: list[str] = []
    scored: dict[str, Any] = {}

    def readiness() -> dict[str, Any]:
        from ..score import score_workbook

        scored["score"] = score_workbook(wb, as_of).to_dict()
        return ctx.readiness_context(wb, as_of, scored["score"], check_workbook(wb, as_of))

    meetings = wb.frame("Meetings")
    meeting = _latest(meetings, "Meeting ID", "Date",
                      keys(meetings["Type"]) == "SAFETY MEETING")
    incidents = wb.frame("Incidents")
    incident = _latest(incidents, "Incident ID", "Date")
    stamp = as_of.isoformat()
    makers: dict[str, tuple[str, Callable[[], dict[str, Any]]] | None] = {
        "policy": (f"policy_{stamp}", lambda: ctx.policy_context(wb, as_of)),
        "erp": (f"erp_{stamp}", lambda: ctx.erp_context(wb, as_of)),
        "minutes": (f"minutes_{safe_filename(meeting)}",
                    lambda: ctx.minutes_context(wb, as_of, meeting or ""))
        if meeting else None,
        "readiness": (f"readiness_{stamp}", readiness),
        "training": (f"training_{stamp}", lambda: ctx.training_context(wb, as_of)),
        "incident": (f"incident_{safe_filename(incident)}",
                     lambda: ctx.incident_context(wb, as_of, incident or ""))
        if incident else None,
        "hazards": (f"hazards_{stamp}", lambda: ctx.hazards_context(wb, as_of)),
        "evidence": (f"evidence_{stamp}", lambda: ctx.evidence_context(wb, as_of)),
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


def write_planned(planned: Sequence[Planned], templates: Path | None, force: bool,
                  pdf: bool = False, progress: Progress | None = None) -> list[Path]:
    """Render every planned document; with `pdf`, also convert each with LibreOffice."""
    folder = templates or default_templates()
    missing = [p.name for p in planned if not (folder / f"{p.name}.docx").is_file()]
    if missing:
        raise UserError(f"{folder}: has no template for {', '.join(missing)} "
                        f"(expected {', '.join(f'{m}.docx' for m in missing)}).")
    clash = [p.out for p in planned if p.out.exists()] + (
        [p.out.with_suffix(".pdf") for p in planned if p.out.with_suffix(".pdf").exists()]
        if pdf else [])
    if clash and not force:
        raise UserError(f"{clash[0].parent}: {', '.join(c.name for c in clash)} already "
                        f"exist{'s' if len(clash) == 1 else ''}; nothing was written. Use "
                        "--force to replace them (backups are kept).")
    if pdf and find_soffice() is None:
        raise UserError("--pdf needs LibreOffice, which is not installed (Debian/Ubuntu: "
                        "apt-get install libreoffice-writer-nogui; Windows and macOS: "
                        "libreoffice.org); nothing was written.")
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
            with atomic_output(item.out, force=force) as tmp:
                render_docx(folder / f"{item.name}.docx", context, tmp, chart)
            written.append(item.out)
        for docx in list(written) if pdf else []:
            if progress:
                progress(f"Converting {docx.name} to PDF")
            try:
                made = convert(docx, "pdf", Path(scratch) / "pdf")
            except LibreOfficeError as exc:
                raise UserError(f"{docx}: {exc}") from None
            with atomic_output(docx.with_suffix(".pdf"), force=force) as tmp:
                tmp.write_bytes(made.read_bytes())
            written.append(docx.with_suffix(".pdf"))
    return written


def one_record(wb: WorkbookData, as_of: dt.date, kind: str, record_id: str) -> Planned:
    """The minutes of one meeting or the report of one incident; unknown IDs are exit 2."""
    ids = ctx.meeting_ids(wb) if kind == "minutes" else ctx.incident_ids(wb)
    wanted = keys(pd.Series([record_id])).iloc[0]
    match = next((i for i in ids if keys(pd.Series([i])).iloc[0] == wanted), None)
    if match is None:
        what = "Meetings" if kind == "minutes" else "Incidents"
        known = ", ".join(ids[-15:]) if ids else "none yet"
        raise UserError(f"{record_id!r} is not a {what[:-1].lower()} ID on {what}; the IDs "
                        f"are: {known}.")
    maker = (lambda: ctx.minutes_context(wb, as_of, match)) if kind == "minutes" else (
        lambda: ctx.incident_context(wb, as_of, match))
    return Planned(kind, Path(), maker)
