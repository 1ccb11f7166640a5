"""The files `secor-xl interviews` and `secor-xl observe` write: a plan of Word documents.

The contexts come from `interviews` and `observe`; this module names the files (one
guide per person, one checklist per site, never two with the same name) and hands
them to `write.write_planned`, which refuses to overwrite without --force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..files import safe_filename
from ..reader.read import WorkbookData
from .interviews import Sample, cover_context, guide_context, propose_sample
from .observe import WORKPLACE, active_sites, checklist_context
from .write import Planned


def _unique(names: list[str], fallback: str) -> Iterator[str]:
    """File-safe names, a number added where two would be the same."""
    used: set[str] = set()
    for text in names:
        stem = safe_filename(text, fallback)
        name, n = stem, 2
        while name.casefold() in used:
            name, n = f"{stem}-{n}", n + 1
        used.add(name.casefold())
        yield name


def plan_interviews(wb: WorkbookData, as_of: dt.date, outdir: Path,
                    seed: int | None = None) -> tuple[Sample, list[Planned]]:
    """The sample, and the cover and one guide per person to write into `outdir`."""
    sample = propose_sample(wb, as_of, seed)
    stamp = as_of.isoformat()
    planned = [Planned("interviews", outdir / f"interviews_{stamp}.docx",
                       lambda: cover_context(wb, as_of, sample))]
    names = _unique([p.name for p, _ in sample.chosen], "person")
    for (person, why), name in zip(sample.chosen, names, strict=True):
        planned.append(Planned(
            "interview_guide", outdir / f"interview_{name}_{stamp}.docx",
            lambda person=person, why=why: guide_context(  # type: ignore[misc]
                wb, as_of, person, why)))
    return sample, planned


def plan_checklists(wb: WorkbookData, as_of: dt.date, outdir: Path) -> list[Planned]:
    """One checklist per active site (or one for the workplace) to write into `outdir`."""
    sites = active_sites(wb)
    named = [s["site"] for s in sites if s["site"] != WORKPLACE]
    stamp = as_of.isoformat()
    return [Planned("observation", outdir / f"observation_{name}_{stamp}.docx",
                    lambda site=site: checklist_context(  # type: ignore[misc]
                        wb, as_of, site, named))
            for site, name in zip(sites, _unique([s["site"] for s in sites], "site"),
                                  strict=True)]
