"""`secor-xl templates check DIR`: find a template's typo before a client does.

Each template is parsed (syntax), its names are compared with what its
document's context provides, and it is rendered once with the demo company's
data in the sandbox, which catches a misspelt field (`company.nmae`) and
anything unsafe.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError

from ..errors import UserError
from . import context as ctx
from .emergency import erp_context
from .render import environment, render_docx

SAMPLE_DAY = dt.date(2026, 11, 26)


@dataclass(frozen=True)
class TemplateProblem:
    template: str
    severity: str  # error | warning
    message: str


def sample_contexts(folder: Path) -> dict[str, dict[str, Any]]:
    """Every document's context from the demo company, built in `folder`."""
    from ..builder.build import BuildOptions, build_workbook
    from ..demo_data import demo_data
    from ..reader.read import read_workbook
    from ..rules.check import check_workbook
    from ..score import score_workbook

    data = demo_data(SAMPLE_DAY)
    path = build_workbook(folder / "sample.xlsx",
                          BuildOptions(company=data.company, rows=data.rows, spare_rows=0))
    wb = read_workbook(path)
    day = SAMPLE_DAY
    from .interviews import cover_context, guide_context, propose_sample
    from .notes import audit_notes_context
    from .observe import active_sites, checklist_context

    scored = score_workbook(wb, day)
    score = scored.to_dict()
    sample = propose_sample(wb, day)
    person, why = sample.chosen[0]
    return {
        "policy": ctx.policy_context(wb, day),
        "erp": erp_context(wb, day),
        "minutes": ctx.minutes_context(wb, day, ctx.meeting_ids(wb)[-1]),
        "readiness": ctx.readiness_context(wb, day, score, check_workbook(wb, day))
        | {"chart": None},
        "training": ctx.training_context(wb, day),
        "incident": ctx.incident_context(wb, day, ctx.incident_ids(wb)[-1]),
        "hazards": ctx.hazards_context(wb, day),
        "evidence": ctx.evidence_context(wb, day),
        "audit_notes": audit_notes_context(wb, day, scored),
        "interviews": cover_context(wb, day, sample),
        "interview_guide": guide_context(wb, day, person, why),
        "observation": checklist_context(wb, day, active_sites(wb)[0], []),
    }


def check_templates(folder: Path) -> list[TemplateProblem]:
    """Problems in every .docx template of `folder` (an empty list when all is well)."""
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder of templates.")
    templates = sorted(p for p in folder.glob("*.docx") if not p.name.startswith("~$"))
    if not templates:
        raise UserError(f"{folder}: has no .docx templates.")
    problems: list[TemplateProblem] = []
    with tempfile.TemporaryDirectory(prefix="secor-lint-") as scratch:
        contexts = sample_contexts(Path(scratch))
        chart = _tiny_png(Path(scratch) / "chart.png")
        for template in templates:
            problems += _check_one(template, contexts, chart, Path(scratch))
    return problems


def _check_one(template: Path, contexts: dict[str, dict[str, Any]], chart: Path,
               scratch: Path) -> list[TemplateProblem]:
    name = template.stem
    if name not in contexts:
        return [TemplateProblem(template.name, "warning",
                                f"not a document secor-xl writes; the names are "
                                f"{', '.join(f'{n}.docx' for n in contexts)}.")]
    try:
        used = DocxTemplate(str(template)).get_undeclared_template_variables(environment())
    except TemplateSyntaxError as exc:
        return [TemplateProblem(template.name, "error",
                                f"template syntax error near line {exc.lineno}: "
                                f"{exc.message}")]
    except Exception as exc:  # not a Word file at all
        return [TemplateProblem(template.name, "error", f"cannot be opened as a Word "
                                                         f"template ({exc}).")]
    known = set(contexts[name])
    unknown = sorted(set(used) - known)
    if unknown:
        return [TemplateProblem(template.name, "error",
                                f"uses {', '.join(unknown)}, which the {name} document does "
                                f"not provide; it has {', '.join(sorted(known))}.")]
    try:
        render_docx(template, contexts[name], scratch / f"{name}-trial.docx",
                    chart if name == "readiness" else None)
    except UserError as exc:
        return [TemplateProblem(template.name, "error", str(exc).split(": ", 1)[-1])]
    return []


def _tiny_png(path: Path) -> Path:
    import base64

    path.write_bytes(base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJ"
        "RU5ErkJggg=="))
    return path
