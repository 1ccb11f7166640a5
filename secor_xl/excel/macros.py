"""The Python behind the workbook's buttons, written once against `Book`.

From Excel each function runs with no argument (xlwings' `RunPython` calls it
and `xw.Book.caller()` gives the workbook); from the command line and the
tests it gets a `FileBook`. A user sees a message box with a plain sentence,
never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from ..builder.printing import TABLE_COLUMN_WIDTH, WRAPPED
from ..builder.self_test import FIGURES, expected_figures
from ..cells import header_key
from ..errors import UserError
from ..findings import Finding, Severity
from ..reader.read import WorkbookData, read_source
from ..rules.check import CheckResult, check_workbook, resolve_as_of
from ..schema import sheet as schema_sheet
from ..writelock import writer_lock
from .book import MAX_FINDING_ROWS, Book, cell_location
from .computed import formulas_of, table_renames
from .marks import ERROR_FILL, WARNING_FILL, our_note, worst_first

FINDINGS = "Findings"
FINDING_COLUMNS = len(schema_sheet(FINDINGS).columns)
T = TypeVar("T")


def _caller() -> Book:
    from .xlbook import XlwingsBook

    return XlwingsBook.caller()


@contextlib.contextmanager
def _guard(book: Book, raise_errors: bool) -> Iterator[None]:
    """In Excel: a message box with the plain reason. From the command line: re-raise."""
    try:
        yield
    except UserError as exc:
        if raise_errors:
            raise
        book.message(f"secor-xl: {exc}")
    except Exception as exc:  # the last line of defence in Excel
        if raise_errors:
            raise
        book.message(f"secor-xl could not finish: {exc}. Save your work, then try again; "
                     "if it happens again, run secor-xl check on the file for details.")
    finally:
        book.status(None)


def _read(book: Book, as_of: dt.date | None) -> tuple[WorkbookData, dt.date]:
    book.status("secor-xl: reading the workbook...")
    wb = read_source(book.source())
    return wb, resolve_as_of(wb, as_of, dt.date.today())


def _writer_lock(book: Book) -> contextlib.AbstractContextManager[None]:
    """The workbook's writer lock while a button runs, so that no secor-xl on the command
    line (or the scheduler) replaces the file meanwhile; none for a workbook never saved
    (no folder) or one on the web. A file book holds it already (taken again, re-entrant)."""
    path = Path(str(book.path))
    if path.is_absolute() and path.parent.is_dir():
        return writer_lock(path)
    return contextlib.nullcontext()


def button(body: Callable[..., T]) -> Callable[..., T | None]:
    """What every button shares: with no book (run from Excel) the calling workbook and
    errors as a message box; with a book (command line, tests) errors raised. The body
    gets the book, the workbook read and its as-of day; None when it did not finish."""

    @functools.wraps(body)
    def run(book: Book | None = None, as_of: dt.date | None = None,
            **options: Any) -> T | None:
        raise_errors = book is not None
        book = book or _caller()
        with _guard(book, raise_errors), _writer_lock(book):
            wb, day = _read(book, as_of)
            return body(book, wb, day, **options)
        return None

    return run


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


@button
def check(book: Book, wb: WorkbookData, day: dt.date) -> CheckResult:
    """Check button: Findings sheet rewritten, bad or late cells filled and noted."""
    from ..report import check_summary

    book.status("secor-xl: checking...")
    result = check_workbook(wb, day)
    restore_formulas(book, wb, result)
    write_findings(book, wb, result)
    write_self_test(book, wb, day)
    summary = check_summary(result)
    _note_on_dashboard(book, "OverdueActions", f"Last check {_stamp()}: {summary}")
    book.message(summary)
    return result


def write_findings(book: Book, wb: WorkbookData, result: CheckResult) -> None:
    """Replace the Findings table and the cell marks; running it twice changes nothing.

    A workbook without a Findings sheet (deleted, or another workbook) gets one. Each
    row's Sheet cell links to the cell of its finding (the row's first column for a whole
    row, A1 for a whole sheet; no link when that sheet is missing). A cell with several
    findings gets one note with a line for each, red when any of them is an error.
    Bounded at any size: at most `MAX_FINDING_ROWS` rows (errors first, then a line
    saying how many more) and `MAX_MARKED_CELLS` marked cells (those with an error first).
    """
    findings = schema_sheet(FINDINGS)
    source = book.source()
    names = source.sheet_names()
    present = [n for n in names if n.casefold() == FINDINGS.casefold()]
    if present:
        old_rows = len(source.rows(present[0]))
    else:
        book.add_sheet(FINDINGS, findings.column_names, findings.table_name)
        old_rows = 1
    shown = shown_findings(result.findings)
    rows: list[list[Any]] = [[f.sheet, f.row, f.column or "", str(f.severity), f.code,
                              f.message] for f in shown]
    titles = {header_key(n): n for n in names}
    links = [_finding_link(wb, titles, f) for f in shown]
    more = len(result.findings) - len(shown)
    if more:
        rows.append([f"... and {more:,} more findings: run secor-xl check --format json "
                     "for all of them", None, "", "", "", ""])
        links.append(None)
    book.clear(FINDINGS, 2, max(old_rows, len(rows) + 1), FINDING_COLUMNS)
    book.write_rows(FINDINGS, 2, 1, rows)
    book.resize_table(FINDINGS, findings.table_name, len(rows))
    book.lay_out_report(FINDINGS, [c.width or TABLE_COLUMN_WIDTH for c in findings.columns],
                        [i for i, c in enumerate(findings.columns, start=1)
                         if c.name in WRAPPED[FINDINGS]], len(rows))
    stale = max(old_rows - 1 - len(rows), 0)  # old rows below the new ones lose their link
    book.write_links(FINDINGS, 2, 1, [*links, *[None] * stale])
    cells: dict[tuple[str, int, int], list[Finding]] = {}
    red: set[tuple[str, int, int]] = set()  # cells with an error among their findings
    columns: dict[tuple[str, str | None], int | None] = {}
    for f in result.findings:
        if (f.sheet, f.column) not in columns:
            columns[f.sheet, f.column] = _column_number(wb, f.sheet, f.column)
        column = columns[f.sheet, f.column]
        if column is None or f.row <= _header_row(wb, f.sheet) or f.code == "missing.formula":
            continue  # a missing formula is back (restore_formulas): nothing to mark
        cells.setdefault((f.sheet, f.row, column), []).append(f)
        if f.severity is Severity.ERROR:
            red.add((f.sheet, f.row, column))
    book.remark((sheet, row, column, ERROR_FILL if (sheet, row, column) in red else WARNING_FILL,
                 our_note((f.message, f.code) for f in cells[sheet, row, column]))
                for sheet, row, column in worst_first(cells, red))


def shown_findings(findings: list[Finding]) -> list[Finding]:
    """The findings the Findings sheet lists: all of them, or when there are more than
    `MAX_FINDING_ROWS`, the errors first and then the warnings, each in check's order."""
    if len(findings) <= MAX_FINDING_ROWS:
        return findings
    errors = [f for f in findings if _is_error(f)]
    return (errors + [f for f in findings if not _is_error(f)])[:MAX_FINDING_ROWS]


def _is_error(f: Finding) -> bool:
    return f.severity is Severity.ERROR


def _finding_link(wb: WorkbookData, titles: dict[str, str], f: Finding) -> str | None:
    """Where a finding's row links to: its cell, else its row's first column, else A1; None
    when the workbook has no such sheet (a missing sheet is the finding)."""
    title = titles.get(header_key(f.sheet))
    if title is None:
        return None
    column = _column_number(wb, f.sheet, f.column)
    if column is None:
        table = wb.tables.get(f.sheet)
        known = table.column_numbers.values() if table else ()
        column = min(known, default=1)
    return cell_location(title, max(f.row, 1), column)


def write_self_test(book: Book, wb: WorkbookData, day: dt.date) -> None:
    """The engine's figures into the Dashboard's hidden self-test cells, which the
    `SelfTest` cell compares with the live ones (an older Dashboard has none). New
    figures come last in `FIGURES`, so a Dashboard built before them (its live cells not
    yet named) takes the ones it has and nothing is written below its table."""
    where = book.name_cell("SelfTestExpected")
    if where is None:
        return
    sheet, row, column = where
    figures = expected_figures(wb, day)
    shown = [name for name, _ in FIGURES if book.name_cell(name) is not None]
    book.write_rows(sheet, row, column, [[day], *([figures[name]] for name in shown)])


def restore_formulas(book: Book, wb: WorkbookData, result: CheckResult) -> int:
    """Write the computed columns' formulas into every row check found without them
    (`missing.formula`); how many rows."""
    rows = sorted({(f.sheet, f.row) for f in result.findings if f.code == "missing.formula"})
    if not rows:
        return 0
    renames = table_renames((t.sheet, t.name) for t in book.source().tables())
    for sheet, row in rows:
        for name, formula in formulas_of(sheet, renames).items():
            column = _column_number(wb, sheet, name)
            if column is not None:
                book.write_formula(sheet, row, column, formula.text, formula.array)
    return len(rows)


def _column_number(wb: WorkbookData, sheet: str, column: str | None) -> int | None:
    if column is None:
        return None
    if sheet == "Company":
        return 2 if column == "Value" else None
    table = wb.tables.get(sheet)
    return table.column_numbers.get(column) if table else None


def _header_row(wb: WorkbookData, sheet: str) -> int:
    table = wb.tables.get(sheet)
    return table.header_row if table else 1


def _note_on_dashboard(book: Book, name: str, text: str) -> None:
    """A line just below a named Dashboard cell's row, in the label column."""
    where = book.name_cell(name)
    if where is not None:
        sheet, row, column = where
        book.write_rows(sheet, row + 1, column - 1, [[text]])


@button
def refresh_score(book: Book, wb: WorkbookData, day: dt.date) -> dict[str, Any]:
    """Refresh score button: the Dashboard's readiness table, overall and chart data."""
    from ..report import score_summary
    from ..score import score_workbook

    book.status("secor-xl: scoring...")
    score = score_workbook(wb, day).to_dict()
    table = book.name_cell("ReadinessTable")
    overall = book.name_cell("ReadinessOverall")
    if table is None or overall is None:
        raise UserError("the Dashboard has no readiness table (names ReadinessTable, "
                        "ReadinessOverall); build a new master with secor-xl init.")
    sheet, row, column = table
    rows = overall[1] - row  # the element rows between the table's top and Overall
    if rows < len(score["elements"]):
        raise UserError(f"the Dashboard's readiness table has {rows} rows for "
                        f"{len(score['elements'])} elements (an older workbook); run "
                        f"secor-xl upgrade {book.path.name} first.")
    book.write_rows(sheet, row, column + 1,
                    [[e["score"] if e.get("applicable", True) else "n/a", e["earned"],
                      e["possible"]] for e in score["elements"]])
    book.write_rows(overall[0], overall[1], overall[2], [[score["overall"]]])
    summary = score_summary(score)
    declared = score["self_declared"]["share_of_earned"]
    book.write_rows(overall[0], overall[1] + 1, overall[2] - 1,
                    [[f"Refreshed {_stamp()}: {summary} {declared:g} % of the points earned rest "
                      "on Self-Assessment answers."]])
    write_self_test(book, wb, day)
    book.message(summary)
    return score


def _documents_folder(book: Book) -> Path:
    return book.path.parent / f"{book.path.stem} documents"


@button
def documents(book: Book, wb: WorkbookData, day: dt.date) -> list[Path]:
    """Documents button: every Word document, in a folder named after the workbook."""
    from ..documents.write import plan_documents, write_planned

    folder = _documents_folder(book)
    planned, notes = plan_documents(wb, day, folder)
    written = write_planned(planned, None, force=True, progress=book.status)
    book.message(f"{len(written)} documents written to {folder}"
                 + ("".join(f"\n{n}" for n in notes)))
    return written


@button
def minutes(book: Book, wb: WorkbookData, day: dt.date, row: int | None = None) -> Path:
    """Minutes button: the minutes of the meeting whose row is selected on Meetings (or
    of `row`)."""
    from ..documents.write import one_record, write_planned
    from ..files import safe_filename

    row = row or book.selected_row("Meetings")
    meetings = wb.frame("Meetings")
    chosen = meetings[meetings["_row"] == row] if row else meetings.iloc[0:0]
    if chosen.empty or not chosen["Meeting ID"].iloc[0]:
        raise UserError("select a meeting's row on the Meetings sheet first, then press "
                        "Minutes again.")
    meeting_id = str(chosen["Meeting ID"].iloc[0])
    planned = one_record(wb, day, "minutes", meeting_id)
    target = _documents_folder(book) / f"minutes_{safe_filename(meeting_id)}.docx"
    item = type(planned)(planned.name, target, planned.make)
    made: Path = write_planned([item], None, force=True, progress=book.status)[0]
    book.message(f"Minutes of {meeting_id} written to {made}")
    return made
