"""The commands that prepare the audit's interviews and observation: `secor-xl interviews`
(the sample and a guide per person) and `secor-xl observe` (a checklist per site)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .app import (
    AsOfOption,
    ForceOption,
    Format,
    TemplatesOption,
    _read_as_of,
    app,
    console_path,
    guarded,
    out,
)


@app.command()
@guarded
def interviews(
    workbook: Annotated[Path, typer.Argument(help="The master workbook (.xlsx or .xlsm).")],
    outdir: Annotated[Path, typer.Option("--out", help="Folder for the interview guides.")],
    as_of: AsOfOption = None,
    seed: Annotated[int | None, typer.Option(
        "--seed", help="Draw another sample (any whole number); the default comes from the "
                       "company's name, so two runs agree.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json.")]
    = Format.text,
    templates: TemplatesOption = None,
    force: ForceOption = False,
) -> None:
    """Propose whom the auditor may interview, and write a guide for each person.

    The number comes from the sample table (everyone at 1 to 4 active employees;
    4 at 5, 6 at 8, 10 at 15-16, 12 at 19-20), with at least one of each role
    present, a new worker (started in the last six months) and a part-timer
    (Position says part-time, casual or seasonal) when there are any; the rest are
    drawn at random. Roles: Manager is the Safety Contact, whoever approves Program
    Documents or is Manager on Management Activities, or a Position with owner,
    manager or president; Supervisor is anyone named as a Supervisor on Employees, or
    a Position with supervisor, foreman or lead; Worker is everyone else.

    Writes interviews_<date>.docx (the plan, and how to type the answers back: one
    row per question on Interviews) and interview_<name>_<date>.docx per person.

    Example: secor-xl interviews prairie.xlsx --out audit/
    """
    from ..documents.walkaround import plan_interviews
    from ..documents.write import preflight, write_planned

    wb, day = _read_as_of(workbook, as_of)
    sample, planned = plan_interviews(wb, day, outdir, seed)
    preflight(planned, templates, force)  # refuse before the table is printed
    if format is Format.json:
        written = write_planned(planned, templates, force)
        sys.stdout.write(json.dumps({
            "as_of": day.isoformat(), "active": sample.active, "size": len(sample.chosen),
            "table_size": sample.size,
            "seed": sample.seed, "sample": sample.rows(),
            "files": [str(p) for p in written]}, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"Interview sample: {len(sample.chosen)} of {sample.active} active "
                        f"employees (seed {sample.seed})")
    for header in ("Name", "Role", "Why chosen"):
        table.add_column(header, overflow="fold")
    for row in sample.rows():
        table.add_row(row["name"], row["role"], row["why"])
    out.print(table)
    for path in write_planned(planned, templates, force):
        console_path(path)
    out.print("Ask the questions, then type each answer on the Interviews sheet: one row per "
              f"question (Date, Interviewee, Role, Interviewer, Question ID, Answer); then "
              f"secor-xl score {workbook.name}.",
              markup=False, highlight=False)


@app.command()
@guarded
def observe(
    workbook: Annotated[Path, typer.Argument(help="The master workbook (.xlsx or .xlsm).")],
    outdir: Annotated[Path, typer.Option("--out", help="Folder for the checklists.")],
    as_of: AsOfOption = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
) -> None:
    """Write a walk-around checklist for each active work site.

    Each checklist has the observation questions and, under them, what the workbook
    says to look for there: the controls and PPE in the hazard assessments (those
    whose Location or Job names the site, else all formal ones), the postings
    (policy, legislation, emergency plan, first aid), the fire extinguishers and first
    aid kits with their next inspection, and housekeeping. With no active site on
    Work Sites, one checklist for the workplace.

    Example: secor-xl observe prairie.xlsx --out audit/
    """
    from ..documents.walkaround import plan_checklists
    from ..documents.write import write_planned

    wb, day = _read_as_of(workbook, as_of)
    for path in write_planned(plan_checklists(wb, day, outdir), templates, force):
        console_path(path)
    out.print("Walk each site with its checklist, then type each result on the Observations "
              "sheet: one row per question and site (Date, Site, Observer, Question ID, "
              "What Was Seen, Result).", markup=False, highlight=False)
