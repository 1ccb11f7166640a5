"""The workbook on paper: print setup of every sheet, a one-page Dashboard whose values
all show, Instructions in two pages, a readable Findings sheet.

Widths are measured with DejaVu Sans (matplotlib ships it), the font LibreOffice puts
in Calibri's place where Calibri is missing, and in proportion to its digit 0 as
spreadsheet column widths are: a text that fits in DejaVu Sans fits in Calibri. The
LibreOffice tests print each workbook to PDF once and count pages by the sheet name
in each page's header.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula
from PIL import ImageFont

from secor_xl.builder import BuildOptions, build_workbook, printing
from secor_xl.builder.dashboard import CHART_LEFT, LAST_COLUMN
from secor_xl.demo_data import demo_data
from secor_xl.excel import macros
from secor_xl.excel.filebook import FileBook
from secor_xl.libreoffice import convert
from secor_xl.schema import SHEETS, SheetKind

from .commands import secor_xl
from .conftest import DEMO_DAY

# -- measuring text -------------------------------------------------------------------

_FONTS = {(False, False): "DejaVuSans.ttf", (True, False): "DejaVuSans-Bold.ttf",
          (False, True): "DejaVuSans-Oblique.ttf", (True, True): "DejaVuSans-BoldOblique.ttf"}
PADDING = 1.0  # a column's room for the cell's margins, in widths of the digit 0


@cache
def _font(bold: bool, italic: bool) -> Any:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return ImageFont.truetype(str(folder / _FONTS[bold, italic]), 1000)


def units(text: str, size: float = 11, bold: bool = False, italic: bool = False) -> float:
    """The width of `text` in column-width units: widths of the 11 pt digit 0."""
    digit = _font(False, False).getlength("0") * 11
    return float(_font(bold, italic).getlength(text)) * size / digit


def cell_units(cell: Any, text: str) -> float:
    font = cell.font
    return units(text, font.sz or 11, bool(font.b), bool(font.i)) + 3 * (
        cell.alignment.indent or 0) * units(" ")


def lines_needed(text: str, width: float, size: float = 11, bold: bool = False) -> int:
    """Lines `text` takes wrapped word by word in a column `width` wide."""
    lines, line = 1, ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and units(trial, size, bold) > width - PADDING:
            lines, line = lines + 1, word
        else:
            line = trial
    return lines


def width(ws: Any, column: int) -> float:
    """The width of a column (1-based), as openpyxl reads the ranges XlsxWriter writes."""
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= column <= dim.max:
            return float(dim.width)
    return 8.43


# -- the workbooks ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("print") / "master.xlsx", BuildOptions())


@pytest.fixture(scope="module")
def demo(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo company's workbook after the Check and Refresh score buttons."""
    path = tmp_path_factory.mktemp("print") / "demo.xlsx"
    shutil.copy(demo_master, path)
    book = FileBook(path)
    macros.check(book, as_of=DEMO_DAY)
    macros.refresh_score(book, as_of=DEMO_DAY)
    book.save(keep_backup=False)
    return path


def _messy(path: Path, findings_sheet: bool) -> Path:
    """The demo with 60 course records of people not on the roster: a long Findings sheet."""
    data = demo_data(DEMO_DAY)
    rows = {name: list(r) for name, r in data.rows.items()}
    first = rows["Training Records"][0]
    rows["Training Records"] += [dict(first) | {"Employee": f"Temporary Worker {i}"}
                                 for i in range(60)]
    build_workbook(path, BuildOptions(company=data.company, rows=rows))
    if not findings_sheet:
        wb = openpyxl.load_workbook(path)
        del wb["Findings"]
        wb.save(path)
    done = secor_xl("check", path, "--write", "--as-of", DEMO_DAY.isoformat())
    assert done.returncode == 1, done.stderr  # error findings: written, exit 1
    return path


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _messy(tmp_path_factory.mktemp("print") / "messy.xlsx", findings_sheet=True)


# -- print settings in the file ----------------------------------------------------------


def _column_widths(ws: Any) -> list[float]:
    """The widths of the columns the sheet sets and shows, as the builder gave them (the
    file's widths include 5 pixels of padding: 5/7 of a character)."""
    return [float(d.width) - 5 / 7 for d in ws.column_dimensions.values()
            if d.min and not d.hidden for _ in range(d.min, d.max + 1)]


def _hidden(ws: Any, column: int) -> bool:
    return any(d.hidden and d.min <= column <= d.max for d in ws.column_dimensions.values())


def _fit(ws: Any) -> tuple[int, int]:
    """Pages wide and tall (1 where the file leaves the default)."""
    setup = ws.page_setup
    return (1 if setup.fitToWidth is None else setup.fitToWidth,
            1 if setup.fitToHeight is None else setup.fitToHeight)


def _assert_common(ws: Any) -> None:
    assert ws.page_setup.paperSize == printing.LETTER, ws.title
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert "&A" in (ws.oddHeader.center.text or ""), ws.title
    assert "&P" in (ws.oddFooter.center.text or ""), ws.title


def test_every_sheet_of_the_master_prints_with_its_name_and_page_number(master: Path) -> None:
    wb = openpyxl.load_workbook(master)
    kinds = {s.name: s.kind for s in SHEETS}
    for ws in wb.worksheets:
        _assert_common(ws)
        if ws.title == "Lists":  # dozens of short columns: one page tall, pages across
            assert _fit(ws) == (0, 1)
            continue
        assert _fit(ws) == ((1, 1) if ws.title == "Dashboard" else (1, 0)), ws.title
        wide = printing.for_columns(_column_widths(ws)).landscape
        assert (ws.page_setup.orientation == "landscape") == wide, ws.title
        if kinds[ws.title] in (SheetKind.TABLE, SheetKind.FORM) or ws.title == "Findings":
            assert (ws.print_title_rows or "").replace("$", "") == "1:1", ws.title


def test_instructions_print_portrait_and_wide_tables_landscape(master: Path) -> None:
    wb = openpyxl.load_workbook(master)
    assert wb["Instructions"].page_setup.orientation == "portrait"
    for name in ("Findings", "Incidents", "Inspection Log", "Company", "Dashboard"):
        assert wb[name].page_setup.orientation == "landscape", name
    for name in ("Training Matrix", "Program Documents"):
        assert wb[name].page_setup.orientation == "portrait", name


def test_findings_sheet_added_by_check_write_prints_like_the_masters(
        tmp_path: Path) -> None:
    """A workbook without Findings: the sheet `check --write` adds (openpyxl) prints
    landscape, one page wide, header repeated, messages wrapped in rows tall enough."""
    path = _messy(tmp_path / "no_findings.xlsx", findings_sheet=False)
    ws = openpyxl.load_workbook(path)["Findings"]
    _assert_common(ws)
    assert ws.page_setup.orientation == "landscape"
    assert _fit(ws) == (1, 0)
    assert (ws.print_title_rows or "").replace("$", "") == "1:1"
    _assert_messages_wrapped(ws)


def _assert_messages_wrapped(ws: Any) -> None:
    message = [c.value for c in ws[1]].index("Message") + 1
    assert width(ws, message) >= 60
    rows = 0
    for r in range(2, ws.max_row + 1):
        cell = ws.cell(row=r, column=message)
        if not cell.value:
            continue
        rows += 1
        assert cell.alignment.wrap_text, cell.coordinate
        lines = lines_needed(str(cell.value), width(ws, message))
        height = ws.row_dimensions[r].height or 15
        assert height >= 13 * lines, (cell.coordinate, lines, height)
    assert rows > 60


def test_findings_written_into_the_master_sheet_are_wrapped(messy: Path) -> None:
    _assert_messages_wrapped(openpyxl.load_workbook(messy)["Findings"])


# -- the Dashboard: every value shows, the charts cover no text ----------------------------

_LITERAL = re.compile(r'"((?:[^"]|"")*)"')


def shown_texts(formula: str) -> set[str]:
    """The string literals a formula can show: those not compared with (= <> < >) and not
    searched for (SEARCH, FIND)."""
    found = set()
    for m in _LITERAL.finditer(formula):
        before = formula[:m.start()].rstrip()
        after = formula[m.end():].lstrip()
        if before.endswith(("=", "<", ">", "SEARCH(", "FIND(")) or after.startswith(
                ("=", "<", ">")):
            continue
        if m.group(1):
            found.add(m.group(1).replace('""', '"'))
    return found


def _formula(cell: Any) -> str | None:
    value = cell.value
    if isinstance(value, ArrayFormula):
        return value.text
    return value if isinstance(value, str) and value.startswith("=") else None


def _room(ws: Any, cell: Any) -> float:
    """The width a cell's text may take: its column; for left-aligned text also the empty
    columns to its right, up to the charts."""
    room = width(ws, cell.column) - PADDING
    if cell.alignment.horizontal in (None, "general", "left") and not cell.alignment.wrap_text:
        c = cell.column + 1
        while c <= CHART_LEFT and ws.cell(row=cell.row, column=c).value in (None, ""):
            room += width(ws, c)
            c += 1
    return room


def test_the_formula_texts_of_the_road_are_found() -> None:
    from secor_xl.builder import road

    assert "not certified" in shown_texts(road.certificate_year())
    assert "none on record" in shown_texts(road.days_since_lost_time())
    assert shown_texts(road.worker_limit()) == {"none found"}
    assert "AB" not in shown_texts(road.worker_limit())


def test_every_text_a_dashboard_formula_shows_fits(master: Path) -> None:
    """Column widths against the longest text each formula can show; a centred value may
    shrink to fit, to no less than 60 % of its size."""
    ws = openpyxl.load_workbook(master)["Dashboard"]
    checked = []
    for row in ws.iter_rows(max_col=CHART_LEFT):
        for cell in row:
            formula = _formula(cell)
            if formula is None or _hidden(ws, cell.column):
                continue
            for text in shown_texts(formula):
                need, room = cell_units(cell, text), _room(ws, cell)
                if cell.alignment.shrink_to_fit:
                    room /= 0.6
                assert need <= room, (cell.coordinate, text, round(need, 1), round(room, 1))
                checked.append(text)
    assert {"not certified", "none on record", "none found", "enter the premium",
            "enter hours on Company", "ask your partner", "over the limit"} <= set(checked)


def test_labels_fit_beside_their_values(master: Path) -> None:
    ws = openpyxl.load_workbook(master)["Dashboard"]
    for (cell,) in ws.iter_rows(min_col=2, max_col=2):
        value = cell.value
        if isinstance(value, str) and not value.startswith("=") and ws.cell(
                row=cell.row, column=3).value is not None and not cell.font.i:
            assert cell_units(cell, value) <= _room(ws, cell), (cell.coordinate, value)


def _chart_rows(ws: Any) -> list[tuple[int, int, int]]:
    """(first row, last row, first column) of each chart, 1-based (a chart whose bottom
    edge is a row's top edge ends in the row above)."""
    return [(c.anchor._from.row + 1, c.anchor.to.row + (1 if c.anchor.to.rowOff else 0),
             c.anchor._from.col + 1) for c in ws._charts]


def _name_row(wb: Any, name: str) -> int:
    ((_sheet, ref),) = list(wb.defined_names[name].destinations)
    return int(re.sub(r"[^0-9]", "", ref))


def test_charts_cover_no_text(master: Path) -> None:
    """No text runs under a chart: the charts stand right of column F, in rows whose text
    stays left of them, and away from the lines that run on (last check, self-test, score
    summary, next step)."""
    wb = openpyxl.load_workbook(master)
    ws = wb["Dashboard"]
    charts = _chart_rows(ws)
    assert len(charts) == 2
    running_on = {_name_row(wb, "OverdueActions") + 1, _name_row(wb, "SelfTest"),
                  _name_row(wb, "ReadinessOverall") + 1, _name_row(wb, "RoadNextStep"),
                  _name_row(wb, "CertificateYear")}
    for first, last, column in charts:
        assert column == CHART_LEFT + 1
        assert not running_on & set(range(first, last + 1)), (first, last, running_on)
        for row in ws.iter_rows(min_row=first, max_row=last):
            for cell in row:
                value = cell.value
                # right of the print area: the readiness chart's series, under no chart
                if value is None or _hidden(ws, cell.column) or cell.column > LAST_COLUMN + 1:
                    continue
                assert cell.column <= CHART_LEFT, cell.coordinate
                texts = shown_texts(_formula(cell) or "") if _formula(cell) else {str(value)}
                for text in texts:
                    reach = sum(width(ws, c) for c in range(cell.column, CHART_LEFT + 1))
                    assert cell_units(cell, text) <= reach - PADDING, (cell.coordinate, text)
    # the two charts do not overlap each other
    (_, first_end, _), (second_start, _, _) = sorted(charts)
    assert first_end < second_start


def test_the_score_summary_fits_its_two_lines(demo: Path) -> None:
    wb = openpyxl.load_workbook(demo)
    ws = wb["Dashboard"]
    row = _name_row(wb, "ReadinessOverall") + 1
    merged = next(m for m in ws.merged_cells.ranges if m.min_row == row)
    room = sum(width(ws, c) for c in range(merged.min_col, merged.max_col + 1))
    text = str(ws.cell(row=row, column=merged.min_col).value)
    assert text.startswith("Refreshed")
    assert lines_needed(text, room) <= 2
    assert ws.row_dimensions[row].height >= 2 * 13


# -- Instructions: nothing cut off ---------------------------------------------------------


@pytest.mark.parametrize("province", [None, "AB", "BC"])
def test_instructions_rows_hold_their_text(tmp_path: Path, province: str | None) -> None:
    company = {"Province": province} if province else {}
    path = build_workbook(tmp_path / "m.xlsx", BuildOptions(company=company))
    ws = openpyxl.load_workbook(path)["Instructions"]
    merged = {m.min_row: m for m in ws.merged_cells.ranges}
    for row in ws.iter_rows(max_col=2):
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value:
                continue
            font = cell.font
            if cell.alignment.wrap_text:
                room = width(ws, cell.column)
                if cell.row in merged:
                    room = width(ws, 1) + width(ws, 2)
                lines = lines_needed(cell.value, room, font.sz or 11, bool(font.b))
                height = ws.row_dimensions[cell.row].height
                assert height is not None and height >= 13 * lines, (cell.coordinate, lines)
            elif cell.column == 1 and ws.cell(row=cell.row, column=2).value:
                assert cell_units(cell, cell.value) <= width(ws, 1) - PADDING, cell.value


# -- on paper (LibreOffice) ---------------------------------------------------------------


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def _sheet_of(page: str) -> str:
    """The page header: the sheet's name, the first line of the page."""
    return next((line.strip() for line in page.splitlines() if line.strip()), "")


@pytest.fixture(scope="module")
def pdftotext() -> None:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("poppler-utils is required under CI (apt-get install poppler-utils)")
        pytest.skip("pdftotext (poppler-utils) is not installed")


@pytest.fixture(scope="module")
def printed(soffice: str, pdftotext: None, master: Path, demo: Path, messy: Path,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each workbook printed to PDF by LibreOffice, once."""
    out = tmp_path_factory.mktemp("pdf")
    return {name: convert(path, "pdf", out)
            for name, path in (("master", master), ("demo", demo), ("messy", messy))}


def _word_heights(pdf: Path, pages: list[int]) -> list[float]:
    """Heights of the words on `pages` (1-based), in points: the printed type size."""
    heights = []
    for page in pages:
        xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page),
                              str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for y0, y1 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', xml):
            heights.append(float(y1) - float(y0))
    return sorted(heights)


def _page_numbers(pages: list[str], sheet: str) -> list[int]:
    return [i for i, page in enumerate(pages, start=1) if _sheet_of(page) == sheet]


@pytest.mark.libreoffice
@pytest.mark.parametrize("book", ["master", "demo", "messy"])
def test_dashboard_one_page_instructions_two(printed: dict[str, Path], book: str) -> None:
    pages = _pages(printed[book])
    by_sheet = Counter(_sheet_of(p) for p in pages)
    assert by_sheet["Dashboard"] == 1, by_sheet
    assert 1 <= by_sheet["Instructions"] <= 2, by_sheet
    assert set(by_sheet) == {s.name for s in SHEETS}, by_sheet  # every page names its sheet
    dashboard = _page_numbers(pages, "Dashboard")
    heights = _word_heights(printed[book], dashboard)
    assert heights[len(heights) // 2] >= 6.5, "the Dashboard prints too small to read"


@pytest.mark.libreoffice
def test_dashboard_texts_print_whole(printed: dict[str, Path]) -> None:
    pages = _pages(printed["master"])
    (page,) = [p for p in pages if _sheet_of(p) == "Dashboard"]
    for text in ("not certified", "none on record", "none found", "enter the premium",
                 "enter hours on Company"):
        assert text in page, text
    demo = next(p for p in _pages(printed["demo"]) if _sheet_of(p) == "Dashboard")
    assert "Last check" in demo and "Refreshed" in demo


@pytest.mark.libreoffice
def test_findings_print_landscape_one_page_wide_with_its_header(
        printed: dict[str, Path]) -> None:
    pdf = printed["messy"]
    pages = _pages(pdf)
    numbers = _page_numbers(pages, "Findings")
    assert len(numbers) >= 2, "the messy workbook's findings fill more than a page"
    for n in numbers:
        page = pages[n - 1]
        header = page.splitlines()
        assert any(all(h in line for h in ("Sheet", "Row", "Column", "Severity", "Code",
                                          "Message")) for line in header), n
        assert "Temporary Worker" in page
    info = subprocess.run(["pdfinfo", "-f", str(numbers[0]), "-l", str(numbers[-1]), str(pdf)],
                          capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"size:\s+([\d.]+) x ([\d.]+)", info)
    assert sizes and all(float(w) > float(h) for w, h in sizes)  # landscape
    heights = _word_heights(pdf, numbers)
    assert heights[len(heights) // 2] >= 8, "Findings print too small to read"

