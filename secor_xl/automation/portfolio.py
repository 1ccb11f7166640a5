"""`secor-xl portfolio`: one summary row per client workbook in a folder.

A consultant keeps one workbook per client. `collect` finds every workbook
under a folder and reads them in parallel processes; `summarise`, which runs
in the worker, reads and scores one file, counts what is overdue (the counts
of `check`) and returns a flat row.
`write_summary` writes the rows, most urgent first, into a new workbook with
XlsxWriter: an Excel Table with conditional formats and a chart of overall
scores against the pass mark. Each row's File is a link that opens the client's
workbook (a path relative to the summary, so the two can move together), beside
the client's Safety Contact and Reminder Email (a mailto: link). A file that
cannot be read gets a row with its error; it never stops the run.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..builder.style import (
    AMBER_FILL,
    AMBER_TEXT,
    DATE_FORMAT,
    NAVY,
    RED_FILL,
    RED_TEXT,
    TABLE_STYLE,
)
from ..errors import UserError
from ..excel.safety import lock_file
from ..files import atomic_output
from ..reader.read import read_workbook
from ..rules.check import resolve_as_of
from ..rules.status import counts as dashboard_counts
from ..score import score_workbook
from ..version import __version__
from .pool import in_processes, why_it_stopped
from .workbooks import find_workbooks

Row = dict[str, Any]
Progress = Callable[[int, int, str], None]
"""Called after each file: (files done, files in all, the file just read)."""

COUNTS = ("overdue_inspections", "expired_training", "overdue_actions")
AMBER_DAYS = 60  # an audit due within this many days is shown in amber
MAX_ERROR = 300  # characters of an unexpected error kept in the row


def blank_row(name: str, path: Path | None = None) -> Row:
    """A row with nothing read yet: the shape every row has (`path`: the file itself, which
    the summary links to)."""
    return {
        "file": name, "path": str(path) if path is not None else None, "company": None,
        "contact": None, "email": None, "province": None, "workers": None, "as_of": None,
        "overall": None, "passed": None, "verdict": None, "verdict_word": None,
        "pass_mark": None, "weakest": None,
        "weakest_score": None, **dict.fromkeys(COUNTS), "next_audit": None,
        "days_left": None, "next_step": None, "step_due": None, "open_in_excel": False,
        "error": None,
    }


def summarise(path: Path, as_of: dt.date | None, *, name: str | None = None,
              today: dt.date | None = None) -> Row:
    """Read, check and score one workbook into a summary row; never raises.

    Args:
        path: the client's workbook.
        as_of: the day to look from; None: the workbook's As-of Date, else `today`.
        name: how the file is shown (its path relative to the folder); default `path`.
        today: the fallback day; default the clock's.
    """
    row = blank_row(name or str(path), path)
    row["open_in_excel"] = lock_file(path) is not None  # still read: the last saved state
    try:
        wb = read_workbook(path)
        if wb.schema_version is None and not wb.company:
            raise UserError(f"{path}: is not a SECOR workbook (no Company sheet, no "
                            "SchemaVersion); move it out of the folder.")
        day = resolve_as_of(wb, as_of, today or dt.date.today())
        # check_workbook(wb, day).counts, without the validation it does besides
        counts = dashboard_counts(wb, day)
        score = score_workbook(wb, day).to_dict()
    except UserError as exc:
        row["error"] = _without_path(str(exc), path)
        return row
    except Exception as exc:  # a damaged file must not stop the other clients
        row["error"] = f"could not be read ({type(exc).__name__}: {exc})"[:MAX_ERROR]
        return row

    company = wb.company
    weakest = min((e for e in score["elements"] if e.get("applicable", True)),
                  key=lambda e: e["score"], default=None)  # an n/a element is never weakest
    next_audit = _date(company.get("Next Audit Due"))
    workers = company.get("Number of Workers")
    step = score["road"]["next_steps"][0] if score["road"]["next_steps"] else None
    row.update({
        "company": _text(company.get("Company Name")),
        "contact": _text(company.get("Safety Contact")),
        "email": _text(company.get("Reminder Email")),
        "province": _text(company.get("Province")),
        "workers": int(workers) if isinstance(workers, int | float) and workers == workers
        else None,
        "as_of": day,
        "overall": score["overall"],
        "passed": score["passed"],
        "verdict": score["verdict"]["headline"],
        "verdict_word": score["verdict"]["word"],
        "pass_mark": score["rule"]["overall_min"],
        "weakest": weakest["name"] if weakest else None,
        "weakest_score": weakest["score"] if weakest else None,
        **{key: int(counts.get(key, 0)) for key in COUNTS},
        "next_audit": next_audit,
        "days_left": (next_audit - day).days if next_audit else None,
        "next_step": step["step"] if step else None,
        "step_due": dt.date.fromisoformat(step["due"]) if step and step["due"] else None,
    })
    return row


def collect(folder: Path, as_of: dt.date | None, jobs: int | None = None,
            progress: Progress | None = None, *, exclude: Path | None = None,
            today: dt.date | None = None) -> list[Row]:
    """Summarise every workbook under `folder`, `jobs` at a time, in file order.

    Args:
        folder: the consultant's folder of client workbooks (subfolders too).
        as_of: the day for every workbook; None: each one's As-of Date, else today.
        jobs: worker processes; default one per CPU. 1 reads in this process.
        progress: called after each file (see `Progress`).
        exclude: a file not to read (the summary being written).
        today: the fallback day; default the clock's.
    """
    if not folder.exists():
        raise UserError(f"{folder}: no such folder; give the folder of client workbooks.")
    if not folder.is_dir():
        raise UserError(f"{folder}: is a file, not a folder; give the folder of client "
                        "workbooks.")
    paths = find_workbooks(folder, exclude)
    if not paths:
        raise UserError(f"{folder}: has no workbooks (.xlsx, .xlsm) in it or its subfolders; "
                        "give the folder of client workbooks.")
    names = [str(p.relative_to(folder)) for p in paths]
    day = today or dt.date.today()
    rows: list[Row | None] = [None] * len(paths)

    def done(index: int, row: Row) -> None:
        rows[index] = row
        if progress is not None:
            progress(sum(r is not None for r in rows), len(paths), names[index])

    def crashed(index: int, exc: BaseException) -> Row:
        row = blank_row(names[index], paths[index])
        row["error"] = f"not read: {why_it_stopped(exc)}; the others were read"[:MAX_ERROR]
        return row

    work = functools.partial(_summarise_one, as_of=as_of, today=day)
    in_processes(work, list(zip(paths, names, strict=True)), jobs, done, crashed)
    return [r for r in rows if r is not None]


def _summarise_one(item: tuple[Path, str], as_of: dt.date | None, today: dt.date) -> Row:
    return summarise(item[0], as_of, name=item[1], today=today)


def by_urgency(rows: Sequence[Row]) -> list[Row]:
    """Fails first, then most overdue items, then the soonest audit; unreadable files last."""

    def key(row: Row) -> tuple[Any, ...]:
        days = row["days_left"]
        overdue = sum(row[k] or 0 for k in COUNTS)
        return (row["error"] is not None, bool(row["passed"]), -overdue, days is None,
                days if days is not None else 0, row["file"].casefold())

    return sorted(rows, key=key)


def tally(rows: Sequence[Row]) -> str:
    """'200 workbooks: 198 read, 2 failed'."""
    failed = sum(1 for r in rows if r["error"] is not None)
    noun = "workbook" if len(rows) == 1 else "workbooks"
    return f"{len(rows)} {noun}: {len(rows) - failed} read, {failed} failed"


# -- the summary workbook ---------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    key: str
    header: str
    kind: str  # text | int | score | date
    width: float


OPEN_NOW = "Is Open in Excel Now"
"""A flag, not a link: Yes when Excel had the file open (its ~$ lock file) as it was read."""
MAX_URL = 2079  # Excel's longest hyperlink; a longer path is shown as text only

COLUMNS: tuple[_Column, ...] = (
    # The columns a consultant reads first come first, and only those up to Error print
    # (PRINTED): landscape, one page wide, text wrapped in fixed widths so nothing is
    # clipped and the print stays legible. The contact, the links and the flag follow, for
    # the screen.
    _Column("company", "Company", "text", 24),
    _Column("result", "Result", "text", 13),
    _Column("verdict", "Verdict", "text", 36),
    _Column("overall", "Overall Score", "score", 8),
    _Column("weakest", "Weakest Element", "text", 22),
    _Column("weakest_score", "Weakest Score", "score", 8),
    _Column("next_step", "Next Roadmap Step", "text", 24),
    _Column("step_due", "Step Due", "date", 11),
    _Column("next_audit", "Next Audit Due", "date", 11),
    _Column("days_left", "Days Left", "int", 7),
    _Column("overdue_inspections", "Overdue Inspections", "int", 11),
    _Column("expired_training", "Expired Training", "int", 9),
    _Column("overdue_actions", "Overdue Actions", "int", 9),
    _Column("province", "Province", "text", 9),
    _Column("workers", "Workers", "int", 9),
    _Column("as_of", "As of", "date", 11),
    _Column("error", "Error", "text", 30),
    _Column("file", "File", "text", 24),
    _Column("contact", "Safety Contact", "text", 20),
    _Column("email", "Reminder Email", "text", 26),
    _Column("open_in_excel", OPEN_NOW, "text", 10),
)
PRINTED = next(i for i, c in enumerate(COLUMNS) if c.key == "error") + 1
"""The columns printed: the key ones, up to Error."""
COLUMN = {c.key: i for i, c in enumerate(COLUMNS)}
HEADER_ROW = 5  # 0-based: the title block takes rows 1-5 of the sheet
TABLE_NAME = "Portfolio"
SUMMARY_SHEET, CHART_SHEET = "Summary", "Chart"
MAX_WIDTH = {"text": 50.0}


def cell_value(row: Row, key: str) -> Any:
    """What a summary cell holds for `row`: the value, or its words (Result, Yes)."""
    if key == "result":
        return row["verdict_word"]
    if key == "open_in_excel":
        return "Yes" if row["open_in_excel"] else None
    return row[key]


def write_summary(rows: Sequence[Row], out: Path, as_of: dt.date | None, *,
                  force: bool = False, today: dt.date | None = None) -> Path:
    """Write the summary workbook, most urgent client first; refuses an existing file.

    Args:
        rows: from `collect` (any order).
        out: the new .xlsx.
        as_of: the --as-of day, or None when each workbook used its own.
        force: replace an existing file (a backup is kept).
        today: the day the summary is made; default the clock's.
    """
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"{out}: the summary is an Excel file; give a name ending in .xlsx.")
    ordered = by_urgency(rows)
    day = today or dt.date.today()
    with atomic_output(out, force=force) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False,
                                            "strings_to_numbers": False,
                                            "strings_to_urls": False})
        try:
            wb.set_properties({"title": "SECOR portfolio summary", "author": "secor-xl",
                               "comments": f"secor-xl {__version__}, {day.isoformat()}"})
            formats = _Formats(wb)
            summary = wb.add_worksheet(SUMMARY_SHEET)
            _summary_sheet(summary, formats, ordered, as_of, day, out.absolute().parent)
            _chart_sheet(wb, wb.add_worksheet(CHART_SHEET), formats, ordered)
            summary.activate()
        finally:
            wb.close()
    return out


class _Formats:
    def __init__(self, wb: Workbook) -> None:
        self.title = wb.add_format({"bold": True, "font_size": 14, "font_color": NAVY})
        self.label = wb.add_format({"bold": True})
        self.date = wb.add_format({"num_format": DATE_FORMAT, "align": "left"})
        self.header = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.kind = {
            "text": wb.add_format({"valign": "top", "text_wrap": True}),
            "int": wb.add_format({"num_format": "0", "valign": "top"}),
            "score": wb.add_format({"num_format": "0.0", "valign": "top"}),
            "date": wb.add_format({"num_format": DATE_FORMAT, "valign": "top"}),
        }
        self.red = wb.add_format({"bg_color": RED_FILL, "font_color": RED_TEXT})
        self.amber = wb.add_format({"bg_color": AMBER_FILL, "font_color": AMBER_TEXT})
        self.error = wb.add_format({"font_color": RED_TEXT})
        self.link = wb.add_format({"font_color": LINK_BLUE, "underline": 1, "valign": "top"})


def _summary_sheet(ws: Worksheet, f: _Formats, rows: Sequence[Row], as_of: dt.date | None,
                   today: dt.date, out_folder: Path) -> None:
    read = [r for r in rows if r["error"] is None]
    passing = sum(1 for r in read if r["passed"])
    ws.write_string(0, 0, "SECOR portfolio: audit readiness by client", f.title)
    ws.write_string(1, 0, "As of", f.label)
    if as_of is not None:
        ws.write_datetime(1, 1, as_of, f.date)
    else:
        ws.write_string(1, 1, f"each workbook's As-of Date, else {today.isoformat()} (today)")
    ws.write_string(2, 0, "Workbooks", f.label)
    ws.write_string(2, 1, tally(rows))
    ws.write_string(3, 0, "Passing", f.label)
    ws.write_string(3, 1, f"{passing} of {len(read)} read would pass (overall and every "
                          "element at or above the pass mark)")
    ws.write_string(4, 0, "Columns", f.label)
    ws.write_string(4, 1, f"File opens the client's workbook; {OPEN_NOW}: Yes when someone "
                          "had it open in Excel as this summary was made (its row is the file "
                          "as last saved). The print stops at Error.")

    first, last = HEADER_ROW + 1, HEADER_ROW + len(rows)
    ws.add_table(HEADER_ROW, 0, last, len(COLUMNS) - 1, {
        "name": TABLE_NAME, "style": TABLE_STYLE, "autofilter": True,
        "columns": [{"header": c.header, "header_format": f.header} for c in COLUMNS],
    })
    widths = {c.key: c.width for c in COLUMNS}
    for r, row in enumerate(rows, start=first):
        links = {"file": _file_link(row, out_folder), "email": _mail_link(row["email"])}
        for c, column in enumerate(COLUMNS):
            value = cell_value(row, column.key)
            fmt = f.kind[column.kind]
            if value is None:
                ws.write_blank(r, c, None, fmt)
            elif column.kind == "text":
                text = str(value)[:32767]
                link = links.get(column.key)
                if link is None or ws.write_url(r, c, link, f.link, text,
                                                _tip(column.key, row)) != 0:
                    ws.write_string(r, c, text, fmt)
                if c >= PRINTED:  # screen only: as wide as the text; printed ones wrap
                    widths[column.key] = max(widths[column.key], min(len(text) + 2,
                                                                     MAX_WIDTH["text"]))
            elif column.kind == "date":
                ws.write_datetime(r, c, value, fmt)
            else:
                ws.write_number(r, c, value, fmt)
    for c, column in enumerate(COLUMNS):
        ws.set_column(c, c, widths[column.key])
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    _conditional_formats(ws, f, first, last)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.print_area(0, 0, last, PRINTED - 1)


def _conditional_formats(ws: Worksheet, f: _Formats, first: int, last: int) -> None:
    def rule(key: str, options: dict[str, Any], to_key: str | None = None) -> None:
        ws.conditional_format(first, COLUMN[key], last, COLUMN[to_key or key], options)

    result = xl_rowcol_to_cell(first, COLUMN["result"], col_abs=True)
    rule("result", {"type": "formula", "format": f.red,
                    "criteria": f'=AND(LEN({result})>0,{result}<>"PASS")'}, "verdict")
    rule(COUNTS[0], {"type": "cell", "criteria": ">", "value": 0, "format": f.red}, COUNTS[-1])
    days = xl_rowcol_to_cell(first, COLUMN["days_left"], col_abs=True)
    rule("days_left", {"type": "formula", "criteria": f"=AND(ISNUMBER({days}),{days}<0)",
                       "format": f.red, "stop_if_true": True})
    rule("days_left", {"type": "formula",
                       "criteria": f"=AND(ISNUMBER({days}),{days}<={AMBER_DAYS})",
                       "format": f.amber})
    rule("open_in_excel", {"type": "no_blanks", "format": f.amber})
    rule("error", {"type": "no_blanks", "format": f.error})


def _chart_sheet(wb: Workbook, ws: Worksheet, f: _Formats, rows: Sequence[Row]) -> None:
    """Overall score per client, lowest first, as columns; the pass mark as a line."""
    read = sorted((r for r in rows if r["error"] is None),
                  key=lambda r: (r["overall"], r["file"].casefold()))
    ws.write_string(0, 0, "Client", f.label)
    ws.write_string(0, 1, "Overall Score", f.label)
    ws.write_string(0, 2, "Pass Mark", f.label)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 2, 12)
    if not read:
        ws.write_string(2, 4, "No workbook could be read, so there is nothing to chart.")
        return
    for r, row in enumerate(read, start=1):
        ws.write_string(r, 0, (row["company"] or row["file"])[:255])
        ws.write_number(r, 1, row["overall"], f.kind["score"])
        ws.write_number(r, 2, row["pass_mark"], f.kind["score"])
    n = len(read)
    sheet = CHART_SHEET
    chart = wb.add_chart({"type": "column"})
    assert chart is not None
    chart.add_series({
        "name": [sheet, 0, 1], "categories": [sheet, 1, 0, n, 0], "values": [sheet, 1, 1, n, 1],
        "fill": {"color": NAVY}, "gap": 50,
    })
    line = wb.add_chart({"type": "line"})
    assert line is not None
    line.add_series({
        "name": [sheet, 0, 2], "categories": [sheet, 1, 0, n, 0], "values": [sheet, 1, 2, n, 2],
        "line": {"color": RED_TEXT, "width": 2, "dash_type": "dash"},
        "marker": {"type": "none"},
    })
    chart.combine(line)
    chart.set_title({"name": "Overall readiness score by client"})
    chart.set_y_axis({"name": "Overall score (%)", "min": 0, "max": 100, "major_unit": 20,
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_x_axis({"num_font": {"rotation": -45}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": max(720, 120 + 24 * n), "height": 440})
    ws.insert_chart(1, 4, chart)


# -- helpers ------------------------------------------------------------------------

LINK_BLUE = "#0563C1"  # Excel's Hyperlink style
_URL_ESCAPES = {"%": "%25", '"': "%22", " ": "%20", "<": "%3c", ">": "%3e", "[": "%5b",
                "]": "%5d", "^": "%5e", "`": "%60", "{": "%7b", "}": "%7d", "#": "%23"}
_PLAIN_MAIL = re.compile(r"[A-Za-z0-9._+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _file_link(row: Row, out_folder: Path) -> str | None:
    """An `external:` link to the row's workbook, relative to the summary's folder (Excel
    and LibreOffice both resolve it from where the summary is, so a folder moved with its
    summary keeps its links); None when the path is unknown or too long for Excel."""
    if not row.get("path"):
        return None
    target = os.path.abspath(row["path"])  # not resolve(): a link loop is a row, not a crash
    try:
        link = os.path.relpath(target, out_folder)
    except ValueError:  # another drive (Windows): the whole path
        link = target
    # Escaped here as Excel escapes (XlsxWriter leaves an escaped one alone), "#" too: a
    # "#" left in would be taken for a place inside the file.
    escaped = "".join(_URL_ESCAPES.get(ch, ch) for ch in link)
    return f"external:{escaped}" if len(escaped) <= MAX_URL else None


def _mail_link(email: object) -> str | None:
    """A mailto: link for a plain address (anything unusual stays text)."""
    return f"mailto:{email}" if isinstance(email, str) and _PLAIN_MAIL.fullmatch(email) \
        else None


def _tip(key: str, row: Row) -> str:
    return (f"Open {row['file']}"[:255] if key == "file" else
            f"Write to {row['email']}"[:255])


def _without_path(message: str, path: Path) -> str:
    """A UserError's message without the leading 'path: ' (the row names the file)."""
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
