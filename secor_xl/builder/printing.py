"""How each sheet prints, said once for the builder (XlsxWriter) and the Findings writer (openpyxl).

Why: the workbook is the program's record, and owners and auditors print it. Left
to the defaults, a table runs off the right edge onto pages of stray columns, the
Dashboard spreads over several pages and a loose page does not say which sheet it
came from. So every sheet prints on Letter paper, one page wide and as many tall as
it needs, landscape when portrait would shrink it below 80 %, with its table's
header row on every page, the sheet name at the top of each page and the page
number at the bottom; the Dashboard fits one page. The two libraries spell these
settings differently; both spellings live here so they cannot drift apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["FOOTER", "HEADER", "TABLE_COLUMN_WIDTH", "WRAPPED", "PageSetup", "apply_openpyxl",
           "apply_xlsxwriter", "column_pixels", "for_columns", "lines_height", "one_page",
           "row_height", "wrapped_lines"]

LETTER = 1  # the paper size code of Excel (and of ECMA-376) for US Letter
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6}  # inches
HEADER_MARGIN = 0.3  # inches from the edge, inside the top and bottom margins
HEADER = "&C&A"  # the sheet's name
FOOTER = "&CPage &P of &N"

# The printable area of a Letter page within MARGINS, in pixels at 96 dpi.
PORTRAIT = (round((8.5 - 0.8) * 96), round((11 - 1.2) * 96))
LANDSCAPE = (round((11 - 0.8) * 96), round((8.5 - 1.2) * 96))
MIN_PORTRAIT_SCALE = 0.8
"""A sheet that portrait would print smaller than this prints landscape."""

TABLE_COLUMN_WIDTH = 14
"""The width of a table column whose schema gives none."""
WRAPPED = {"Findings": ("Message",)}
"""Columns whose long text wraps inside the cell rather than running off the page."""

ROW_PIXELS = 20  # a row of the default height (15 pt), as XlsxWriter places charts
LINE_POINTS = 15  # one line of 11 pt text
CHAR_WIDTH = 0.9
"""Column-width units (widths of the digit 0) one character of prose takes, generously:
about 0.8 in Calibri and in DejaVu Sans, LibreOffice's stand-in where Calibri is missing."""


@dataclass(frozen=True)
class PageSetup:
    """How one sheet prints.

    Args:
        landscape: landscape rather than portrait.
        wide: pages across (0: as many as it takes).
        tall: pages down (0: as many as it takes).
        title_rows: rows at the top repeated on every page (the table's header).
        area: the print area (first row, first column, last row, last column, zero-based),
            or None for what the sheet uses.
    """

    landscape: bool
    wide: int = 1
    tall: int = 0
    title_rows: int = 0
    area: tuple[int, int, int, int] | None = None


def column_pixels(width: float) -> int:
    """Excel's width in pixels of a column `width` characters wide (Calibri 11)."""
    return math.trunc(width * 7 + 5) if width > 0 else 0


def _portrait_scale(width_px: float) -> float:
    return min(1.0, PORTRAIT[0] / width_px) if width_px else 1.0


def for_columns(widths: Sequence[float], title_rows: int = 1) -> PageSetup:
    """A sheet of columns `widths` wide, printed one page wide and as many tall as it takes:
    landscape when portrait would shrink it below MIN_PORTRAIT_SCALE."""
    width_px = sum(column_pixels(w) for w in widths)
    return PageSetup(landscape=_portrait_scale(width_px) < MIN_PORTRAIT_SCALE,
                     title_rows=title_rows)


def one_page(widths: Sequence[float], area: tuple[int, int, int, int] | None = None) -> PageSetup:
    """A sheet printed on one page (the Dashboard): `widths` decide the orientation as in
    `for_columns`; `area` is what prints."""
    return replace(for_columns(widths, title_rows=0), wide=1, tall=1, area=area)


def wrapped_lines(text: str, width: float) -> int:
    """Lines `text` takes wrapped in a column `width` characters wide (word by word, with
    CHAR_WIDTH per character: more than Excel or LibreOffice need)."""
    room = max(1.0, width - 1)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            need = len(word) * CHAR_WIDTH
            if used and used + CHAR_WIDTH + need > room:
                lines += 1 + int(need // room)
                used = need % room
            else:
                used += (CHAR_WIDTH if used else 0) + need
    return max(lines, 1)


def row_height(text: str, width: float, minimum_lines: int = 1) -> float:
    """The row height in points that shows all of `text` wrapped in a column `width` wide."""
    return lines_height(max(minimum_lines, wrapped_lines(text, width)))


def lines_height(lines: int) -> float:
    """The row height in points of `lines` lines of 11 pt text."""
    return LINE_POINTS * lines + 3


def apply_xlsxwriter(ws: Any, setup: PageSetup) -> None:
    """Print settings on an XlsxWriter worksheet."""
    ws.set_paper(LETTER)
    if setup.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(**MARGINS)
    ws.set_header(HEADER, {"margin": HEADER_MARGIN})
    ws.set_footer(FOOTER, {"margin": HEADER_MARGIN})
    ws.fit_to_pages(setup.wide, setup.tall)
    if setup.title_rows:
        ws.repeat_rows(0, setup.title_rows - 1)
    if setup.area is not None:
        ws.print_area(*setup.area)


def apply_openpyxl(ws: Any, setup: PageSetup) -> None:
    """The same print settings on an openpyxl worksheet."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = LETTER
    ws.page_setup.orientation = "landscape" if setup.landscape else "portrait"
    ws.page_margins = PageMargins(**MARGINS, header=HEADER_MARGIN, footer=HEADER_MARGIN)
    ws.oddHeader.center.text = HEADER.removeprefix("&C")
    ws.oddFooter.center.text = FOOTER.removeprefix("&C")
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = setup.wide
    ws.page_setup.fitToHeight = setup.tall
    if setup.title_rows:
        ws.print_title_rows = f"1:{setup.title_rows}"
    if setup.area is not None:
        r0, c0, r1, c1 = setup.area
        ws.print_area = (f"{get_column_letter(c0 + 1)}{r0 + 1}:"
                         f"{get_column_letter(c1 + 1)}{r1 + 1}")
