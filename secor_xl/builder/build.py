"""Build a new master workbook from the schema, with XlsxWriter.

XlsxWriter builds from scratch everything the master needs (tables,
validations, conditional formats, charts, names) and, unlike openpyxl, can
add a VBA project and buttons: the `.xlsm` master (`BuildOptions.macros`).
openpyxl stays the tool for editing a client's existing file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..certification.law_data import law
from ..certification.provinces import NO_PARTNER, PARTNERS
from ..schema import (
    LISTS,
    PROVINCES,
    SCHEMA_VERSION,
    SHEETS,
    Column,
    ColumnType,
    Sheet,
    SheetKind,
    sheet,
)
from . import content, printing
from .dashboard import Dashboard, cell_ref
from .emergency_data import procedure_rows
from .formulas import company_cell
from .row_flags import ROW_FLAGS
from .row_formulas import row_formula
from .style import TABLE_STYLE, Formats

Row = Mapping[str, object]

FIXED_CREATED = dt.datetime(2025, 1, 1)  # reproducible builds of workbooks/
INSTRUCTION_WIDTHS = (28, 96)  # labels and links; the wrapped text


@dataclass
class BuildOptions:
    """What goes into a new master besides the schema.

    Args:
        company: Company field name -> value (Company Name, Province, ...).
        rows: table sheet name -> rows keyed by column name. Sheets left out
            get their default rows (questions, roadmap steps) or none.
        spare_rows: empty rows at the end of each table, for typing.
        reproducible: fix the document dates so the same input gives the
            same file (for the committed `workbooks/secor_master.xlsx`).
        macros: add the VBA project (xlwings' plus the SecorButtons module)
            and the Dashboard's buttons; the file name must end in .xlsm.
    """

    company: Mapping[str, object] = field(default_factory=dict)
    rows: Mapping[str, Sequence[Row]] = field(default_factory=dict)
    spare_rows: int = 20
    reproducible: bool = False
    macros: bool = False


def build_workbook(path: str | Path, options: BuildOptions | None = None) -> Path:
    """Write a new master workbook to `path` (the caller makes it atomic)."""
    options = options or BuildOptions()
    path = Path(path)
    if options.macros and path.suffix.lower() != ".xlsm":
        raise ValueError(f"{path}: a workbook with macros must be named .xlsm")
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_numbers": False,
                                         "strings_to_urls": False})
    try:
        _Builder(wb, options).build()
    finally:
        wb.close()
    return path


class _Builder:
    def __init__(self, wb: Workbook, options: BuildOptions) -> None:
        self.wb = wb
        self.options = options
        self.f = Formats(wb)

    def build(self) -> None:
        created = FIXED_CREATED if self.options.reproducible else dt.datetime.now()
        self.wb.set_properties({
            "title": content.TITLE, "subject": "SECOR health and safety program",
            "author": "secor-xl", "company": str(self.options.company.get("Company Name", "")),
            "comments": f"Schema {SCHEMA_VERSION}", "created": created,
        })
        self.wb.set_custom_property("SchemaVersion", SCHEMA_VERSION)
        self.wb.define_name("SchemaVersion", f'="{SCHEMA_VERSION}"')
        worksheets = {s.name: self.wb.add_worksheet(s.name) for s in SHEETS}
        for s in SHEETS:
            ws = worksheets[s.name]
            if s.tab_color:
                ws.set_tab_color(s.tab_color)
            builder = {
                SheetKind.TEXT: self._instructions, SheetKind.FORM: self._company,
                SheetKind.TABLE: self._table, SheetKind.LISTS: self._lists,
            }.get(s.kind)
            if s.name == "Dashboard":
                self._dashboard(ws)
            elif s.name == "Findings":
                self._table(ws, s)
            elif builder is not None:
                builder(ws, s)
        if self.options.macros:
            self._macros(worksheets)
        worksheets["Dashboard"].activate()

    # -- sheets -----------------------------------------------------------------

    def _instructions(self, ws: Worksheet, s: Sheet) -> None:
        ws.hide_gridlines(2)
        label_width, text_width = INSTRUCTION_WIDTHS
        ws.set_column(0, 0, label_width)
        ws.set_column(1, 1, text_width)
        ws.write_string(0, 0, content.TITLE, self.f.title)
        ws.merge_range(1, 0, 1, 1, content.INTRO, self.f.wrap)
        ws.set_row(1, printing.row_height(content.INTRO, label_width + text_width, 2))
        row = 3
        ws.write_string(row, 0, "How to use it", self.f.heading)
        row += 1
        for label, text in content.GENERAL_STEPS:
            ws.write_string(row, 0, label, self.f.bold_top)
            self._wrapped(ws, row, text)
            row += 1
        row += 1
        ws.write_string(row, 0, "Sheet by sheet", self.f.heading)
        row += 1
        for other in SHEETS:
            if other.name == s.name:
                continue
            tip = content.SHEET_TIPS.get(other.name, "")
            ws.write_url(row, 0, f"internal:'{other.name}'!A1", self.f.link, string=other.name)
            self._wrapped(ws, row, f"{other.purpose} {tip}".strip())
            row += 1
        row = self._law(ws, row + 1)
        row += 1
        ws.write_string(row, 0, f"Schema version {SCHEMA_VERSION}", self.f.muted)
        printing.apply_xlsxwriter(ws, printing.for_columns(INSTRUCTION_WIDTHS, title_rows=0))

    def _wrapped(self, ws: Worksheet, row: int, text: str) -> None:
        """Instructions' text column: wrapped, the row as tall as the text needs."""
        ws.write_string(row, 1, text, self.f.wrap)
        ws.set_row(row, printing.row_height(text, INSTRUCTION_WIDTHS[1]))

    def _law(self, ws: Worksheet, row: int) -> int:
        """"Your province's law": what the documents cite for the Company's province, and the
        WCB report deadline; returns the next free row."""
        province = self.options.company.get("Province")
        rules = law(province)
        ws.write_string(row, 0, "Your province's law", self.f.heading)
        row += 1
        if not rules.researched:
            self._wrapped(ws, row, "Set Province on Company. For provinces other than AB, "
                          "BC, MB and SK the workbook cites no law: ask your certifying "
                          "partner which sections apply.")
            return row + 1
        ws.write_string(row, 0, "The law", self.f.bold_top)
        self._wrapped(ws, row, rules.instruments[:1].upper() + rules.instruments[1:])
        row += 1
        for topic, label in LAW_TOPICS.items():
            if topic in rules.citations:
                ws.write_string(row, 0, label, self.f.bold_top)
                self._wrapped(ws, row, rules.citations[topic])
                row += 1
        if rules.wcb:
            ws.write_string(row, 0, "Injury reports", self.f.bold_top)
            self._wrapped(ws, row, f"{rules.wcb.rule} ({', '.join(rules.wcb.sources)}).")
            row += 1
        if rules.serious:
            ws.write_string(row, 0, "Serious incidents", self.f.bold_top)
            self._wrapped(ws, row, rules.serious[:1].upper() + rules.serious[1:] + ".")
            row += 1
        return row

    def _company(self, ws: Worksheet, s: Sheet) -> None:
        widths = (26, 34, 80)
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        printing.apply_xlsxwriter(ws, printing.for_columns(widths))
        for c, header in enumerate(("Field", "Value", "Help")):
            ws.write_string(0, c, header, self.f.header)
        ws.freeze_panes(1, 0)
        for i, col in enumerate(s.columns, start=1):
            ws.write_string(i, 0, col.name, self.f.bold if col.required else self.f.plain)
            value = self.options.company.get(col.name)
            self._write_value(ws, i, 1, col, value, self.f.input_cell, self.f.input_date)
            ws.write_string(i, 2, col.help, self.f.muted_wrap)
            if col.name == "Certifying Partner":
                province = company_cell("Province")
                ws.data_validation(i, 1, i, 1, {
                    "validate": "list", "ignore_blank": True, "error_type": "information",
                    "source": f'=INDIRECT("Partners_"&UPPER(TRIM({province})))',
                    "input_title": col.name, "input_message": col.help[:255],
                    "error_title": "Not in the list",
                    "error_message": "This name is not among the province's certifying "
                                     "partners in the SECOR reference; keep it if your "
                                     "partner is missing there."})
            else:
                self._validate(ws, i, 1, i, 1, col)
            if col.name == "As-of Date":
                self.wb.define_name("AsOfDate", f"=Company!{cell_ref(i, 1)}")

    def _table(self, ws: Worksheet, s: Sheet) -> None:
        given = self.options.rows.get(s.name)
        rows: Sequence[Row] = given if given is not None else _default_rows(
            s.name, self.options.company.get("Province"))
        n = len(rows) + self.options.spare_rows
        n = max(n, 1)
        last_row = n  # header in row 0, data rows 1..n
        columns: list[dict[str, Any]] = []
        arrays: list[tuple[int, str, Any]] = []  # (column, array formula, format)
        for c, col in enumerate(s.columns):
            spec: dict[str, Any] = {"header": col.name, "header_format": self.f.header}
            if col.type is ColumnType.FORMULA:
                computed = row_formula(s.name, col.name)
                fmt = self.f.formula_date if computed.date else self.f.formula_cell
                if computed.array:  # written into each row below: no calculated column
                    arrays.append((c, computed.text, fmt))
                else:
                    spec["formula"] = computed.text
                spec["format"] = fmt
            columns.append(spec)
        ws.add_table(0, 0, last_row, len(s.columns) - 1, {
            "name": s.table_name, "style": TABLE_STYLE, "columns": columns,
            "autofilter": True,
        })
        widths = [col.width or printing.TABLE_COLUMN_WIDTH for col in s.columns]
        wrapped = printing.WRAPPED.get(s.name, ())
        for c, col in enumerate(s.columns):
            ws.set_column(c, c, widths[c], self.f.wrap if col.name in wrapped else None)
            ws.write_comment(0, c, f"{col.name}: {col.help}"
                             + (" (required)" if col.required else ""),
                             {"x_scale": 2, "y_scale": 1.2, "author": "secor-xl"})
            if col.type is not ColumnType.FORMULA:
                self._validate(ws, 1, c, last_row, c, col)
        for r in range(1, last_row + 1):
            row = rows[r - 1] if r - 1 < len(rows) else {}
            for c, col in enumerate(s.columns):
                if col.type is ColumnType.FORMULA:
                    continue
                self._write_value(ws, r, c, col, row.get(col.name), None, self.f.date)
            for c, text, fmt in arrays:
                ws.write_array_formula(r, c, r, c, "{" + text + "}", fmt)
        ws.freeze_panes(1, 1 if len(s.columns) > 6 else 0)
        ws.set_row(0, 32)
        printing.apply_xlsxwriter(ws, printing.for_columns(widths))
        self._row_flags(ws, s, last_row)

    def _lists(self, ws: Worksheet, s: Sheet) -> None:
        for c, lst in enumerate(LISTS):
            ws.write_string(0, c, lst.title, self.f.header)
            ws.set_column(c, c, max(14, min(40, max(len(v) for v in lst.values) + 2)))
            for r, value in enumerate(lst.values, start=1):
                ws.write_string(r, c, value)
            col = xl_col_to_name(c)
            # The range grows as a consultant types below the list.
            self.wb.define_name(
                lst.range_name,
                f"=OFFSET(Lists!${col}$2,0,0,MAX(1,COUNTA(Lists!${col}:${col})-1),1)")
        self._partner_lists(ws, len(LISTS))
        ws.freeze_panes(1, 0)
        # Short columns side by side, far too many for one page wide: one page tall instead.
        printing.apply_xlsxwriter(ws, printing.PageSetup(landscape=True, wide=0, tall=1))
        emp = sheet("Employees")
        name_col = xl_col_to_name(emp.column_names.index("Name"))
        self.wb.define_name(
            "Roster_Names",
            f"=OFFSET(Employees!${name_col}$2,0,0,MAX(1,COUNTA(Employees!${name_col}:${name_col})-1),1)")

    def _partner_lists(self, ws: Worksheet, first: int) -> None:
        """One column per province of the certifying partners the reference names, each a
        fixed range `Partners_<code>`: Company's Certifying Partner offers the list of the
        province typed there (INDIRECT cannot take a growing OFFSET range in Excel)."""
        for c, (code, partners) in enumerate(PARTNERS.items(), start=first):
            ws.write_string(0, c, f"Certifying Partners {code}", self.f.header)
            ws.set_column(c, c, max(len(n) for n in partners.names) + 2)
            for r, name in enumerate(partners.names, start=1):
                ws.write_string(r, c, name)
            col = xl_col_to_name(c)
            self.wb.define_name(f"Partners_{code}",
                                f"=Lists!${col}$2:${col}${1 + len(partners.names)}")
        c = first + len(PARTNERS)
        ws.write_string(0, c, "Certifying Partners (others)", self.f.header)
        ws.write_string(1, c, NO_PARTNER)
        ws.set_column(c, c, len(NO_PARTNER) + 2)
        for code in PROVINCES:
            if code not in PARTNERS:
                self.wb.define_name(f"Partners_{code}", f"=Lists!${xl_col_to_name(c)}$2")

    def _dashboard(self, ws: Worksheet) -> None:
        Dashboard(self.wb, self.f).write(ws)

    def _macros(self, worksheets: Mapping[str, Worksheet]) -> None:
        """The VBA project and the Dashboard's buttons (the .xlsm master).

        Every sheet gets the code name Sheet<n> by position, so xlwings'
        document modules (ThisWorkbook, Sheet1, Sheet2) each have their
        sheet. The buttons sit in row 1 above the charts; each runs one
        argument-less Sub of the SecorButtons module.
        """
        from .vba import SECOR_BUTTONS, secor_vba_project

        self.wb.add_vba_project(io.BytesIO(secor_vba_project()), is_stream=True)
        self.wb.set_vba_name("ThisWorkbook")
        for n, s in enumerate(SHEETS, start=1):
            worksheets[s.name].set_vba_name(f"Sheet{n}")
        ws = worksheets["Dashboard"]
        x = 0
        for button in SECOR_BUTTONS:
            width = _BUTTON_WIDTHS.get(button.caption, 110)
            ws.insert_button(0, 6, {
                "macro": button.macro, "caption": button.caption, "width": width,
                "height": 30, "x_offset": x, "y_offset": 5,
                "description": f"Runs {button.python.split('; ')[-1]} of secor-xl",
            })
            x += width + 8
        ws.write_string(1, 6, "The buttons need Python with secor-xl and xlwings (see the "
                              "README).", self.f.muted)
        ws.write_string(2, 6, "Minutes: first select the meeting's row on the Meetings sheet.",
                        self.f.muted)

    # -- cells ------------------------------------------------------------------

    def _write_value(self, ws: Worksheet, r: int, c: int, col: Column, value: object,
                     text_format: Any, date_format: Any) -> None:
        if value is None or value == "":
            ws.write_blank(r, c, None, date_format if col.type is ColumnType.DATE else text_format)
        elif isinstance(value, dt.datetime | dt.date):
            when = value if isinstance(value, dt.datetime) else dt.datetime.combine(
                value, dt.time())
            ws.write_datetime(r, c, when, date_format)
        elif isinstance(value, bool):
            ws.write_string(r, c, "Yes" if value else "No", text_format)
        elif isinstance(value, int | float):
            ws.write_number(r, c, value, text_format)
        else:
            # Always text: a cell that starts with = + - @ is never a formula.
            ws.write_string(r, c, str(value), text_format)

    def _validate(self, ws: Worksheet, r0: int, c0: int, r1: int, c1: int, col: Column) -> None:
        rule: dict[str, Any] = {
            "input_title": col.name[:32], "input_message": col.help[:255],
            "ignore_blank": True,
        }
        if col.list_name:
            rule |= {"validate": "list", "source": f"={col.list_name}",
                     "error_title": "Pick from the list",
                     "error_message": f"{col.name}: choose one of the answers in the list "
                                      f"(extend it on the Lists sheet)."[:255]}
        elif col.type is ColumnType.EMPLOYEE:
            rule |= {"validate": "list", "source": "=Roster_Names", "error_type": "warning",
                     "error_title": "Not on the roster",
                     "error_message": f"{col.name}: this name is not on the Employees sheet. "
                                      "Add the person there first."}
        elif col.type is ColumnType.DATE:
            rule |= {"validate": "date", "criteria": "between",
                     "minimum": dt.date(1950, 1, 1), "maximum": dt.date(2100, 12, 31),
                     "error_title": "Not a date",
                     "error_message": f"{col.name}: type a date like 2025-03-31."}
        elif col.type in (ColumnType.INTEGER, ColumnType.NUMBER):
            lo = col.minimum if col.minimum is not None else -1e12
            hi = col.maximum if col.maximum is not None else 1e12
            rule |= {"validate": "integer" if col.type is ColumnType.INTEGER else "decimal",
                     "criteria": "between", "minimum": lo, "maximum": hi,
                     "error_title": "Not a number",
                     "error_message": f"{col.name}: type a "
                                      f"{'whole ' if col.type is ColumnType.INTEGER else ''}"
                                      f"number from {lo:g} to {hi:g}."}
        else:
            rule |= {"validate": "any"}
        ws.data_validation(r0, c0, r1, c1, rule)

    def _row_flags(self, ws: Worksheet, s: Sheet, last_row: int) -> None:
        """Conditional formats that mark overdue, expiring and inactive rows."""
        width = len(s.columns) - 1
        flags = ROW_FLAGS.get(s.name)
        if flags is None:
            return
        for kind, formula in flags(s):
            fmt = {"red": self.f.cf_red, "amber": self.f.cf_amber, "grey": self.f.cf_grey}[kind]
            ws.conditional_format(1, 0, last_row, width,
                                  {"type": "formula", "criteria": formula, "format": fmt})


_BUTTON_WIDTHS = {"Check": 80, "Refresh score": 110, "Documents": 95,
                  "Minutes for selected meeting": 200}  # pixels


LAW_TOPICS = {"hazard": "Hazard assessment", "emergency": "Emergency plan",
              "first_aid": "First aid", "violence": "Violence and harassment",
              "refuse": "Right to refuse", "committee": "Committee or representative",
              "general_duty": "Employer's duties", "inspections": "Inspections"}


def _default_rows(sheet_name: str, province: object = None) -> list[dict[str, object]]:
    if sheet_name == "Self-Assessment":
        return content.self_assessment_rows(province)
    if sheet_name == "Roadmap":
        return content.roadmap_rows()
    if sheet_name == "Emergency Procedures":
        return procedure_rows()
    return []
