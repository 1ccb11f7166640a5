"""The commands for a consultant's many clients: upgrade a workbook in use, the portfolio
of all clients, and the daily watch with its reminders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UserError
from .app import app, err, guarded, out, parse_date
from .progress import progress_bar


@app.command()
@guarded
def upgrade(
    workbook: Annotated[Path, typer.Argument(help="The client's workbook (.xlsx or .xlsm).")],
    force: Annotated[bool, typer.Option(
        "--force", help="Write even when openpyxl would drop something, and replace an "
        "unprotected Dashboard (a backup is kept).")] = False,
) -> None:
    """Bring a workbook in use to the current schema: add the sheets, columns and Company
    fields this version has, without moving or losing anything typed.

    A backup goes to backups/ first and the file is replaced in one step; a workbook
    already current is left untouched, so running it twice changes nothing.

    Example: secor-xl upgrade client.xlsx
    """
    from ..excel.upgrade import upgrade_workbook
    from ..schema import SCHEMA_VERSION

    result = upgrade_workbook(workbook, force=force)
    if not result.changes:
        out.print(f"{workbook}: already at schema {SCHEMA_VERSION}; nothing to do.",
                  markup=False, highlight=False)
        return
    out.print(f"{workbook}: schema {result.found or '(none)'} -> {SCHEMA_VERSION} "
              f"(backup: {result.backup})", markup=False, highlight=False)
    for change in result.changes:
        out.print(f"  - {change}", markup=False, highlight=False)


@app.command()
@guarded
def portfolio(
    folder: Annotated[Path, typer.Argument(
        help="The folder of client workbooks (its subfolders too).")],
    output: Annotated[Path, typer.Option("--out", help="The summary workbook to write (.xlsx).")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="As of this day (YYYY-MM-DD) for every client; default: each "
                        "workbook's As-of Date, else today.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Workbooks read at once; default one per CPU.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing summary (a backup is kept).")] = False,
) -> None:
    """One row per client workbook: score, pass or fail, overdue items, next audit.

    Reads every .xlsx/.xlsm in FOLDER and its subfolders (not ~$ lock files, not
    backups/) and writes a summary workbook, most urgent client first. Each row's File
    is a link that opens the client's workbook, beside its Safety Contact and Reminder
    Email; "Is Open in Excel Now" says Yes when Excel had the file open (read as last
    saved). A file that cannot be read gets a row with the reason; the others are still
    summarised, and the exit code is 1.

    Example: secor-xl portfolio clients/ --out portfolio.xlsx
    """
    from ..automation.portfolio import collect, tally, write_summary

    day = parse_date(as_of, "--as-of") if as_of else None
    if output.suffix.lower() != ".xlsx":
        raise UserError(f"{output}: the summary is an Excel file; give a name ending in .xlsx.")
    if output.exists() and not force:  # say so now, not after reading every client
        raise UserError(f"{output}: already exists; nothing was changed. Use --force to "
                        "replace it (a backup is kept).")
    with progress_bar("Reading workbooks") as step:
        rows = collect(folder, day, jobs, lambda done, total, _name: step(done, total),
                       exclude=output)
    write_summary(rows, output, day, force=force)
    failed = [r for r in rows if r["error"] is not None]
    opened = sum(1 for r in rows if r["open_in_excel"])
    note = f"; {opened} open in Excel, read as last saved" if opened else ""
    out.print(f"{tally(rows)}{note}. Wrote {output}.", markup=False, highlight=False)
    for row in failed:
        err.print(f"  failed: {row['file']}: {row['error']}", markup=False, highlight=False)
    if failed:  # the summary is written, but a scheduler sees only the exit code
        raise typer.Exit(1)


@app.command()
@guarded
def watch(
    targets: Annotated[list[Path], typer.Argument(help="Workbooks, or folders of workbooks.")],
    at: Annotated[str | None, typer.Option("--at", help="Time of day to run, HH:MM "
                                                         "(default 07:00).")] = None,
    once: Annotated[bool, typer.Option(
        "--once", help="Run one cycle now and exit (for Task Scheduler or cron): exit 1 when "
        "any e-mail could not be delivered after its retries, 0 otherwise.")] = False,
    digest: Annotated[Path | None, typer.Option(
        "--digest", help="Folder for the digests (.txt and .html) and the ledger.")] = None,
    smtp: Annotated[str | None, typer.Option(
        "--smtp", help="Send reminders through this SMTP server, HOST:PORT. Each workbook's "
        "digest goes to its Company's Reminder Email, and each person on Employees with an "
        "Email gets the items that name them.")] = None,
    mail_to: Annotated[list[str] | None, typer.Option(
        "--mail-to", help="Send every workbook's whole digest to this address instead "
        "(repeat for several): the Reminder Email and the roster's addresses are then not "
        "used and no one else is mailed. For trying watch out, or one inbox for all.")]
    = None,
    copy_to: Annotated[list[str] | None, typer.Option(
        "--copy-to", help="The consultant's copy (repeat for several): one summary mail "
        "per run, not one per client: which clients and people were sent what, what "
        "failed, which clients have no address, then each client's digest. Sent when "
        "the run had something new; its own To, so clients never see it.")] = None,
    mail_from: Annotated[str | None, typer.Option("--mail-from", help="Sender address.")]
    = None,
    config: Annotated[Path | None, typer.Option(
        "--config", help="A TOML file with [watch] and [smtp] settings.")] = None,
) -> None:
    """Check workbooks every day and remind what falls due, by digest file or e-mail.

    Example: secor-xl watch clients/ --once --digest digests/ --smtp smtp.example.com:587
    --copy-to me@consultancy.example
    """
    import logging

    from ..automation.digest import plural
    from ..automation.settings import load_config, resolve
    from ..automation.watch import ledger_for, run_cycle, watch_forever

    settings = resolve(load_config(config), at, digest, smtp, mail_to, mail_from, copy_to)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        datefmt="%Y-%m-%d %H:%M:%S")
    missing = [t for t in targets if not t.exists()]
    for target in missing:
        err.print(f"secor-xl: {target}: no such file or folder; it is reported in the digest.",
                  markup=False, highlight=False)

    def cycle() -> int:
        ledger = ledger_for(settings.digest_dir)
        try:
            report = run_cycle(targets, dt.date.today(), ledger, settings.digest_dir,
                               settings.mail)
        finally:
            ledger.close()
        problems = sum(1 for d in report.digests if d.problem)
        failures = report.failures
        line = (f"{plural(len(report.digests), 'workbook')} checked, {problems} could not "
                f"be read; ")
        if settings.mail is not None:
            line += (f"{plural(len(report.mailed), 'client digest')} and "
                     f"{plural(len(report.people_mailed), 'personal mail')} sent"
                     + (", the consultant's summary sent" if report.copy
                        and not report.copy.failed else "")
                     + f", {plural(len(failures), 'delivery', 'deliveries')} failed, "
                     f"{plural(len(report.no_address), 'client')} with no address"
                     + (f", {plural(len(report.held), 'mail')} not tried (refused for good "
                        "lately)" if report.held else "") + "; ")
        line += f"{plural(len(report.written), 'digest file')} written."
        err.print(line, markup=False, highlight=False)
        for delivery in failures:
            err.print(f"  failed: {delivery.describe()}", markup=False, highlight=False)
        # a scheduler sees only the exit code: a mail that failed, a workbook that could
        # not be read or a path that does not exist all need someone to look
        return 1 if failures or problems or missing else 0

    if once:
        raise typer.Exit(cycle())
    err.print(f"Watching {plural(len(targets), 'target')}; checks every day at {settings.at}. "
              "Stop with Ctrl-C.", markup=False)
    watch_forever(cycle, settings.at)
