"""`secor-xl`: the command line. Thin: parse, call the library, present."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from ..errors import UserError
from ..schema import SCHEMA_VERSION, schema_json, schema_rows
from ..version import __version__
from .progress import progress_bar

if TYPE_CHECKING:
    from ..documents.binders import BinderJob

app = typer.Typer(
    name="secor-xl",
    help="SECOR health and safety program workbook: build it, check it, score it.\n\n"
         "Examples:\n\n"
         "  secor-xl demo\n\n"
         "  secor-xl init master.xlsx --company \"Prairie Ridge Framing Ltd.\" --province AB "
         "--workers 8\n\n"
         "  secor-xl schema --format json",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
_state = {"debug": False}


class Format(StrEnum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        out.print(f"secor-xl {__version__} (schema {SCHEMA_VERSION})")
        raise typer.Exit()


P = ParamSpec("P")
R = TypeVar("R")


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a UserError into one line on stderr and its exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except UserError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("stopped.", 130)
        except Exception as exc:  # the last line of defence
            _fail(f"unexpected error: {exc}. {_debug_hint(func.__name__)}", 1)
        raise AssertionError("unreachable")

    return wrapper


def _debug_hint(command: str) -> str:
    """How to see the details: `--debug` goes before the command (`secor-xl --debug check
    ...`); after it, typer would say there is no such option."""
    if _state["debug"]:
        return "The details are above; please report them."
    return (f"Rerun as secor-xl --debug {command.replace('_', '-')} ... for the details, "
            "and report it.")


def _fail(message: str, code: int) -> None:
    if _state["debug"]:
        traceback.print_exc()
    err.print(f"secor-xl: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    _state["debug"] = debug


@app.command()
@guarded
def init(
    path: Annotated[Path | None, typer.Argument(
        help="The new workbook, e.g. master.xlsx (not with --clients).")] = None,
    company: Annotated[str | None, typer.Option(help="Company name for the Company sheet.")]
    = None,
    province: Annotated[str | None, typer.Option(
        help="Province code or name: AB, BC, SK, MB, ...")] = None,
    workers: Annotated[int | None, typer.Option(help="Number of workers on the WCB account.")]
    = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing file (a backup is kept).")] = False,
    macros: Annotated[bool, typer.Option(
        "--macros", help="The workbook with buttons that run secor-xl from Excel (.xlsm); "
                         "a name ending in .xlsm implies it.")] = False,
    lite: Annotated[bool, typer.Option(
        "--lite", help="The .xlsx whose Check and Refresh score run inside Excel through the "
                       "free xlwings Lite add-in, with no Python installed.")] = False,
    clients: Annotated[Path | None, typer.Option(
        "--clients", help="A CSV with one client a row (columns company, province, workers, "
                          "and optionally contact, a person's name, and email, where reminders "
                          "go: Company's Reminder Email; an address typed in contact goes "
                          "there too, never into Safety Contact): one master each, written "
                          "into --out. A company named twice or more workers than the "
                          "province's small-employer limit is a warning naming the line.")]
    = None,
    out_folder: Annotated[Path | None, typer.Option(
        "--out", help="With --clients: the folder for the clients' workbooks.")] = None,
) -> None:
    """Write a new, empty master workbook (.xlsx, or .xlsm with the Excel buttons).

    Example: secor-xl init clients/prairie.xlsx --company "Prairie Ridge Framing Ltd."
    --province AB --workers 8

    For many clients at once: secor-xl init --clients clients.csv --out clients/

    \b
    clients.csv, a header line and one client a line:
    company,province,workers,contact,email
    Prairie Ridge Framing Ltd.,AB,8,Dale Kowalski,office@prairieridge.ca
    """
    if clients is not None and lite:
        raise UserError("--lite makes one workbook; leave it out with --clients.")
    if clients is not None:
        _init_clients(path, clients, out_folder, company, province, workers, force, macros)
        return
    if out_folder is not None:
        raise UserError("--out is for --clients (a folder for many clients); for one "
                        "workbook give its file name: secor-xl init master.xlsx.")
    if path is None:
        raise UserError("give the new workbook's file name (secor-xl init master.xlsx), or "
                        "--clients CLIENTS.csv --out FOLDER for one per client.")
    if lite and (macros or path.suffix.lower() == ".xlsm"):
        raise UserError(f"{path}: --lite makes an .xlsx (xlwings Lite keeps its code without "
                        "macros); use a name ending in .xlsx and leave out --macros.")
    from ..builder.new import create_master

    made = create_master(path, company=company, province=province, workers=workers,
                         force=force, macros=macros)
    if lite:
        from ..excel.lite_code import ADD_IN_HINT, make_lite

        make_lite(made)
    out.print(f"Wrote {made} (schema {SCHEMA_VERSION}). Open it in Excel or LibreOffice and "
              f"start on the Company sheet.{ADD_IN_HINT if lite else ''}")


def _init_clients(path: Path | None, clients: Path, folder: Path | None,
                  company: str | None, province: str | None, workers: int | None,
                  force: bool, macros: bool) -> None:
    """`init --clients CSV --out FOLDER`: one master per row of the CSV."""
    if path is not None:
        raise UserError(f"give either a workbook ({path}) or --clients {clients}, not both; "
                        "with --clients the files go into --out FOLDER.")
    if folder is None:
        raise UserError(f"--clients {clients}: give --out FOLDER, the folder for the "
                        "clients' workbooks.")
    given = [name for name, value in (("--company", company), ("--province", province),
                                      ("--workers", workers)) if value is not None]
    if given:
        raise UserError(f"{', '.join(given)}: with --clients these come from the CSV's "
                        "columns; leave them out.")
    from ..automation.clients import create_clients

    warned: list[str] = []

    def warn(text: str) -> None:
        warned.append(text)
        err.print(f"warning: {text}", markup=False, highlight=False)

    made = create_clients(clients, folder, force=force, macros=macros, warn=warn,
                          made=lambda p: out.print(f"  {p}", markup=False, highlight=False))
    noun = "workbook" if len(made) == 1 else "workbooks"
    also = ""
    if warned:
        also = f"; {len(warned)} warning{'s' if len(warned) > 1 else ''}, see above"
    out.print(f"Wrote {len(made)} client {noun} into {folder} (schema {SCHEMA_VERSION}"
              f"){also}.", markup=False, highlight=False)


@app.command()
@guarded
def schema(
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json.")]
    = Format.text,
) -> None:
    """Print the workbook's schema: sheets, columns, types, lists.

    Example: secor-xl schema --format json > schema.json
    """
    if format is Format.json:
        sys.stdout.write(schema_json() + "\n")
        return
    table = Table(title=f"secor-xl workbook schema {SCHEMA_VERSION}", show_lines=False)
    for header in ("Sheet", "Kind", "Column", "Type", "Required", "Choices / help"):
        table.add_column(header, overflow="fold")
    for row in schema_rows():
        table.add_row(*row)
    out.print(table)


@app.command()
@guarded
def demo(
    outdir: Annotated[Path, typer.Argument(help="Folder for the demo's files.")]
    = Path("secor-demo"),
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Build the sample as of this day (YYYY-MM-DD); default today.")] = None,
) -> None:
    """Build a sample company's filled-in workbook (and run every step on it).

    Example: secor-xl demo ./secor-demo
    """
    from ..demo import run_demo

    day = parse_date(as_of, "--as-of") if as_of else None
    ctx = run_demo(outdir, day, progress=lambda label: err.print(f"[dim]{label}...[/dim]"))
    out.print(f"Sample company: {ctx.data.company.get('Company Name')} "
              f"({ctx.data.company.get('Province')}, "
              f"{ctx.data.company.get('Number of Workers')} workers), as of {ctx.as_of}.")
    for what, path in ctx.made.items():
        out.print(f"  {what:<10} {path}")
    if ctx.data.problems:
        out.print("Problems planted for you to find:")
        for problem in ctx.data.problems:
            out.print(f"  - {problem}")
    for note in ctx.notes:
        out.print(note)


def _read_as_of(workbook: Path, as_of: str | None) -> tuple[Any, dt.date]:
    """The workbook read, and the day to judge it on: --as-of, its As-of Date, or today."""
    from ..reader.read import read_workbook
    from ..rules.check import resolve_as_of

    wb = read_workbook(workbook)
    day = resolve_as_of(wb, parse_date(as_of, "--as-of") if as_of else None, dt.date.today())
    return wb, day


def _write_into(workbook: Path, as_of: str | None, force: bool,
                button: Callable[..., R | None], what: str) -> R:
    """Do what an Excel button does, on the file: the button reads the workbook and its
    as-of day itself, writes, and the file is saved with a backup; what it returned."""
    from ..excel.filebook import FileBook

    day = parse_date(as_of, "--as-of") if as_of else None
    with FileBook(workbook, force=force) as book:  # the writer lock, from read to replace
        result = button(book, as_of=day)
        assert result is not None  # a file book raises instead of returning nothing
        kept = book.save()
    for line in (f"Wrote {what} into {workbook} (backup: {kept}).",
                 *(f"warning: {w}" for w in book.warnings)):  # a damaged Lite part, kept
        err.print(line, markup=False, highlight=False)
    return result


@app.command()
@guarded
def check(
    workbook: Annotated[Path, typer.Argument(help="The master workbook (.xlsx or .xlsm).")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Check as of this day (YYYY-MM-DD); default: the workbook's As-of "
                        "Date, else today.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json.")]
    = Format.text,
    write: Annotated[bool, typer.Option(
        "--write", help="Also write the findings into the workbook: the Findings sheet, "
                        "marked cells and the Dashboard (a backup is kept in backups/).")]
    = False,
    force: Annotated[bool, typer.Option(
        "--force", help="With --write: write even if parts the writer cannot keep (shapes, "
                        "sparklines, form buttons) would be lost.")] = False,
) -> None:
    """List what is wrong or late, at its sheet, row and column.

    The workbook is changed only with --write, never while Excel has it open, and
    always with a backup. Exit code 0 when there is no error-severity finding, 1 when
    there is, 2 when the file cannot be used.

    Example: secor-xl check prairie.xlsx --as-of 2026-11-30 --format json
    """
    from ..rules.check import check_workbook

    if write:
        from ..excel import macros

        result = _write_into(workbook, as_of, force, macros.check, "the findings")
    else:
        result = check_workbook(*_read_as_of(workbook, as_of))
    if format is Format.json:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.to_json())
        sys.stdout.buffer.flush()
    else:
        from ..report import render_check  # rich's tables: only for text

        render_check(result, out)
    raise typer.Exit(1 if result.errors else 0)


@app.command()
@guarded
def score(
    workbook: Annotated[Path, typer.Argument(help="The master workbook (.xlsx or .xlsm).")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Score as of this day (YYYY-MM-DD); default: the workbook's As-of "
                        "Date, else today.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json.")]
    = Format.text,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 when the workbook would not pass.")] = False,
    write: Annotated[bool, typer.Option(
        "--write", help="Also write the readiness table (score, earned, possible per "
                        "element) and the overall score onto the Dashboard (a backup is "
                        "kept in backups/).")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="With --write: write even if parts the writer cannot keep (shapes, "
                        "sparklines, form buttons) would be lost.")] = False,
) -> None:
    """Readiness by element, pass or fail, and the gaps that raise the score most.

    The workbook is changed only with --write, never while Excel has it open, and
    always with a backup. Exit code 0 whether or not it passes (1 with --strict when it
    does not), 2 when the file cannot be used.

    Example: secor-xl score prairie.xlsx --format json
    Example: secor-xl score prairie.xlsx --write
    """
    from ..report import render_score
    from ..score import score_workbook

    if write:
        from ..excel import macros

        result = _write_into(workbook, as_of, force, macros.refresh_score, "the readiness table")
    else:
        result = score_workbook(*_read_as_of(workbook, as_of)).to_dict()
    if format is Format.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        render_score(result, out)
    raise typer.Exit(1 if strict and not result["passed"] else 0)


AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="As of this day (YYYY-MM-DD); default: the workbook's As-of Date, else "
                    "today.")]
TemplatesOption = Annotated[Path | None, typer.Option(
    "--templates", help="A folder of your own templates (same file names as "
                        "doc_templates/).")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace an existing file (the old one is kept in backups/<folder>/ "
                    "beside its folder).")]


@app.command()
@guarded
def docs(
    workbook: Annotated[Path, typer.Argument(
        help="The master workbook, or a folder of client workbooks (its subfolders too).")],
    out: Annotated[Path, typer.Option(
        "--out", help="Folder for the documents; for a folder of workbooks, one binder "
                      "folder per workbook inside it.")],
    as_of: AsOfOption = None,
    only: Annotated[str | None, typer.Option(
        "--only", help="Comma-separated documents: policy, erp, minutes, readiness, "
                       "training, incident, hazards, evidence, audit_notes.")] = None,
    templates: TemplatesOption = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also make a PDF of each (LibreOffice).")]
    = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace existing documents (the old ones are kept in "
                        "backups/<folder>/ beside the folder).")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Write nothing for a workbook with errors (secor-xl check lists "
                         "them), and exit 1.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="For a folder: workbooks written at once; default one "
                                    "per CPU.")] = None,
) -> None:
    """Write the program's Word documents from the workbook.

    A workbook with errors still gets its documents (the count is shown, and
    secor-xl check lists them) unless --strict. Given a folder, every workbook in it
    gets its binder, in parallel: --out binders/ makes binders/<workbook name>/.

    Example: secor-xl docs prairie.xlsx --out binder/ --only policy,readiness --pdf

    Example: secor-xl docs clients/ --out binders/
    """
    from ..documents.binders import BinderJob, errors_note, make_binder

    names = tuple(n.strip() for n in only.split(",") if n.strip()) if only else None
    day = parse_date(as_of, "--as-of") if as_of else None
    job = BinderJob(workbook, out, as_of=day, only=names, templates=templates, force=force,
                    pdf=pdf, strict=strict)
    if workbook.is_dir():
        _docs_folder(job, jobs)
        return
    binder = make_binder(job, progress=lambda m: err.print(f"[dim]{m}...[/dim]"))
    for path in binder.written:
        console_path(path)
    for note in binder.notes:
        err.print(note, markup=False)
    if binder.errors:
        err.print(errors_note(binder.errors, workbook), markup=False, highlight=False)


def _docs_folder(job: BinderJob, jobs: int | None) -> None:
    """`docs FOLDER --out DIR`: every workbook's binder, in worker processes."""
    import dataclasses

    from ..automation.pool import in_processes, why_it_stopped
    from ..automation.workbooks import find_workbooks
    from ..documents.binders import Binder, binder_folders, files_in, remove_partial, write_binder

    folder = job.workbook
    paths = find_workbooks(folder)
    if not paths:
        raise UserError(f"{folder}: has no workbooks (.xlsx, .xlsm) in it or its subfolders; "
                        "give a workbook or the folder of client workbooks.")
    names = [str(p.relative_to(folder)) for p in paths]
    jobs_list = [dataclasses.replace(job, workbook=p, outdir=o, name=n)
                 for p, o, n in zip(paths, binder_folders(names, job.outdir), names,
                                    strict=True)]
    binders: list[Binder | None] = [None] * len(paths)
    before = [files_in(j.outdir) for j in jobs_list]  # a worker that dies: what it wrote goes
    with progress_bar("Writing binders") as step:
        def done(index: int, binder: Binder) -> None:
            binders[index] = binder
            step(sum(b is not None for b in binders), len(binders))

        def crashed(index: int, exc: BaseException) -> Binder:
            return Binder(names[index], jobs_list[index].outdir,
                          error=f"not written: {why_it_stopped(exc)}; what it had written "
                          "was removed, the other binders were written")

        in_processes(write_binder, jobs_list, jobs, done, crashed,
                     lambda index: remove_partial(jobs_list[index].outdir, before[index]))
    results = [b for b in binders if b is not None]
    failed = [b for b in results if b.error is not None]
    with_errors = [b for b in results if b.errors]
    for binder, path in zip(results, paths, strict=True):
        if binder.error is None:
            count = sum(1 for p in binder.written if p.suffix == ".docx")
            errors = (f"; {binder.errors} error{'s' if binder.errors > 1 else ''} (secor-xl "
                      f"check {path} lists them)" if binder.errors else "")
            out.print(f"  {binder.name}: {count} documents in {binder.outdir}{errors}",
                      markup=False, highlight=False)
    for binder in failed:
        err.print(f"  failed: {binder.name}: {binder.error}", markup=False, highlight=False)
    noun = "workbook" if len(results) == 1 else "workbooks"
    out.print(f"{len(results)} {noun}: {len(results) - len(failed)} binders written into "
              f"{job.outdir}, {len(failed)} failed; {len(with_errors)} with errors "
              "(secor-xl check lists them).", markup=False, highlight=False)
    if failed:
        raise typer.Exit(1)


def console_path(path: Path) -> None:
    out.print(f"  {path}", markup=False, highlight=False)


def _one_record(kind: str, workbook: Path, record_id: str | None, target: Path,
                as_of: str | None,
                templates: Path | None, force: bool) -> None:
    from ..documents.write import one_record, write_planned

    wb, day = _read_as_of(workbook, as_of)
    planned = one_record(wb, day, kind, record_id)
    if target.suffix.lower() != ".docx":
        raise UserError(f"{target}: give a file name ending in .docx.")
    item = type(planned)(planned.name, target, planned.make)
    for path in write_planned([item], templates, force):
        console_path(path)


@app.command()
@guarded
def minutes(
    workbook: Annotated[Path, typer.Argument(help="The master workbook.")],
    meeting: Annotated[str | None, typer.Option(
        "--meeting", help="The Meeting ID; the latest safety meeting when left out.")] = None,
    out: Annotated[Path, typer.Option("--out", help="The .docx to write.")] = Path(
        "minutes.docx"),
    as_of: AsOfOption = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
) -> None:
    """Write the minutes of one safety meeting.

    Example: secor-xl minutes prairie.xlsx --meeting M-2026-11 --out minutes.docx
    """
    _one_record("minutes", workbook, meeting, out, as_of, templates, force)


@app.command()
@guarded
def incident(
    workbook: Annotated[Path, typer.Argument(help="The master workbook.")],
    incident: Annotated[str | None, typer.Option(
        "--incident", help="The Incident ID; the latest incident when left out.")] = None,
    out: Annotated[Path, typer.Option("--out", help="The .docx to write.")] = Path(
        "incident.docx"),
    as_of: AsOfOption = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
) -> None:
    """Write the investigation report of one incident.

    Example: secor-xl incident prairie.xlsx --incident INC-004 --out incident.docx
    """
    _one_record("incident", workbook, incident, out, as_of, templates, force)


templates_app = typer.Typer(help="Work with document templates.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command("check")
@guarded
def templates_check(
    folder: Annotated[Path, typer.Argument(help="A folder of .docx templates.")],
) -> None:
    """Lint a folder of templates: syntax, unknown names, a trial render.

    Exit code 0 when all are fine, 1 when one has an error.

    Example: secor-xl templates check my_templates/
    """
    from ..documents.lint import check_templates

    problems = check_templates(folder)
    for p in problems:
        style = "red" if p.severity == "error" else "yellow"
        out.print(f"[{style}]{p.severity}[/{style}] {p.template}: ", end="")
        out.print(p.message, markup=False, highlight=False)
    errors = sum(1 for p in problems if p.severity == "error")
    count = len(list(folder.glob("*.docx")))
    out.print(f"{count} templates checked: {errors} with errors, "
              f"{len(problems) - errors} warnings.")
    raise typer.Exit(1 if errors else 0)


def parse_date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD.") from None


def main() -> None:
    """Run the CLI (the console script's entry point)."""
    app()
