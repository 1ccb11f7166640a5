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
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..certification.provinces import PARTNERS
from ..schema import (
    ELEMENTS,
    FREQUENCY_INTERVALS,
    LISTS,
    LISTS_BY_NAME,
    SCHEMA_VERSION,
    SHEETS,
    Column,
    ColumnType,
    Sheet,
    SheetKind,
    sheet,
)
from . import content, road
from .formulas import AS_OF, COUNT_FORMULAS, DASHBOARD_COUNTS, company_cell, last_12_months

Row = Mapping[str, object]

DATE_FORMAT = "yyyy-mm-dd"
TABLE_STYLE = "Table Style Medium 2"
NAVY, RED_FILL, RED_TEXT = "#1F4E79", "#FFC7CE", "#9C0006"
AMBER_FILL, AMBER_TEXT, GREY_TEXT = "#FFEB9C", "#9C5700", "#808080"
FIXED_CREATED = dt.datetime(2025, 1, 1)  # reproducible builds of workbooks/


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
        self.f = _Formats(wb)

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
        ws.set_column(0, 0, 24)
        ws.set_column(1, 1, 100)
        ws.write_string(0, 0, content.TITLE, self.f.title)
        ws.merge_range(1, 0, 1, 1, content.INTRO, self.f.wrap)
        ws.set_row(1, 48)
        row = 3
        ws.write_string(row, 0, "How to use it", self.f.heading)
        row += 1
        for label, text in content.GENERAL_STEPS:
            ws.write_string(row, 0, label, self.f.bold_top)
            ws.write_string(row, 1, text, self.f.wrap)
            ws.set_row(row, 32)
            row += 1
        row += 1
        ws.write_string(row, 0, "Sheet by sheet", self.f.heading)
        row += 1
        for other in SHEETS:
            if other.name == s.name:
                continue
            tip = content.SHEET_TIPS.get(other.name, "")
            ws.write_url(row, 0, f"internal:'{other.name}'!A1", self.f.link, string=other.name)
            ws.write_string(row, 1, f"{other.purpose} {tip}".strip(), self.f.wrap)
            ws.set_row(row, 32)
            row += 1
        row += 1
        ws.write_string(row, 0, f"Schema version {SCHEMA_VERSION}", self.f.muted)

    def _company(self, ws: Worksheet, s: Sheet) -> None:
        ws.set_column(0, 0, 26)
        ws.set_column(1, 1, 34)
        ws.set_column(2, 2, 80)
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
                self.wb.define_name("AsOfDate", f"=Company!{_abs(i, 1)}")

    def _table(self, ws: Worksheet, s: Sheet) -> None:
        given = self.options.rows.get(s.name)
        rows: Sequence[Row] = given if given is not None else _default_rows(s.name)
        n = len(rows) + self.options.spare_rows
        n = max(n, 1)
        last_row = n  # header in row 0, data rows 1..n
        columns: list[dict[str, Any]] = []
        for col in s.columns:
            spec: dict[str, Any] = {"header": col.name, "header_format": self.f.header}
            if col.formula:
                spec["formula"] = col.formula
                spec["format"] = self.f.formula_cell
            columns.append(spec)
        ws.add_table(0, 0, last_row, len(s.columns) - 1, {
            "name": s.table_name, "style": TABLE_STYLE, "columns": columns,
            "autofilter": True,
        })
        for c, col in enumerate(s.columns):
            ws.set_column(c, c, col.width or 14)
            ws.write_comment(0, c, f"{col.name}: {col.help}"
                             + (" (required)" if col.required else ""),
                             {"x_scale": 2, "y_scale": 1.2, "author": "secor-xl"})
            if not col.formula:
                self._validate(ws, 1, c, last_row, c, col)
        for r in range(1, last_row + 1):
            row = rows[r - 1] if r - 1 < len(rows) else {}
            for c, col in enumerate(s.columns):
                if col.formula:
                    continue
                self._write_value(ws, r, c, col, row.get(col.name), None, self.f.date)
        ws.freeze_panes(1, 1 if len(s.columns) > 6 else 0)
        ws.set_row(0, 32)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
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

    def _dashboard(self, ws: Worksheet) -> None:
        f = self.f
        ws.hide_gridlines(2)
        ws.set_column("A:A", 2)
        ws.set_column("B:B", 40)
        ws.set_column("C:E", 12)
        ws.set_column("F:F", 2)
        ws.set_column("G:N", 10)
        name = company_cell("Company Name")
        ws.set_row(0, 30)
        ws.write_formula("B1", f'=IF({name}="","SECOR dashboard",{name})', f.title)
        ws.write_string("B2", "As of", f.muted)
        ws.write_formula("C2", f"={AS_OF}", f.date_bold)
        ws.write_formula("D2", '=IF(AsOfDate="","(today)","(as-of date)")', f.muted)
        audit = company_cell("Next Audit Due")
        ws.write_string("B3", "Next audit due", f.muted)
        ws.write_formula("C3", f'=IF(ISNUMBER({audit}),{audit},"not set")', f.date_bold)
        ws.write_formula("D3", f'=IF(ISNUMBER({audit}),{audit}-{AS_OF},"")', f.days_left)

        ws.write_string("B4", "Overdue now", f.heading)
        ws.write_string("C4", "Count", f.header)
        for i, (name, (label, _key)) in enumerate(DASHBOARD_COUNTS.items()):
            r = 4 + i
            ws.write_string(r, 1, label, f.label)
            ws.write_array_formula(r, 2, r, 2, "{" + COUNT_FORMULAS[name]() + "}", f.count, 0)
            self.wb.define_name(name, f"=Dashboard!{_abs(r, 2)}")
        # The line under the counts takes the time of the last check (the Check button):
        # unlocked, as the protected Dashboard lets Excel's macros write only there.
        ws.write_blank(4 + len(DASHBOARD_COUNTS), 1, None, f.muted_unlocked)
        ws.conditional_format("C5:C7", {"type": "cell", "criteria": ">", "value": 0,
                                        "format": f.cf_red})
        ws.conditional_format("C5:C7", {"type": "cell", "criteria": "=", "value": 0,
                                        "format": f.cf_green})

        ws.write_string("B9", "Records in the last 12 months", f.heading)
        ws.write_string("C9", "Count", f.header)
        activity = (
            ("Inspections", "Inspection Log", "Date"),
            ("Safety meetings and toolbox talks", "Meetings", "Date"),
            ("Management activities", "Management Activities", "Date"),
            ("Courses completed", "Training Records", "Completed Date"),
            ("Emergency drills", "Emergency Drills", "Drill Date"),
            ("Incidents and near misses", "Incidents", "Date"),
            ("Hazard assessment lines reviewed", "Hazard Assessments", "Assessed Date"),
        )
        first = 9
        for i, (label, sheet_name, column) in enumerate(activity):
            ws.write_string(first + i, 1, label, f.label)
            ws.write_formula(first + i, 2, last_12_months(sheet_name, column), f.count, 0)
        last = first + len(activity) - 1
        chart = self.wb.add_chart({"type": "bar"})
        chart.add_series({
            "name": "Records in the last 12 months",
            "categories": ["Dashboard", first, 1, last, 1],
            "values": ["Dashboard", first, 2, last, 2],
            "fill": {"color": NAVY}, "data_labels": {"value": True},
        })
        chart.set_title({"name": "Records in the last 12 months"})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True})
        chart.set_size({"width": 600, "height": 270})
        ws.insert_chart("G4", chart, {"y_offset": 4})

        top = last + 3
        ws.write_string(top, 1, "Readiness by element", f.heading)
        for c, h in enumerate(("Score %", "Earned", "Possible")):
            ws.write_string(top, 2 + c, h, f.header)
        for i, (number, name) in enumerate(ELEMENTS.items(), start=1):
            ws.write_string(top + i, 1, f"{number} {name}", f.label)
            for c in range(3):
                ws.write_blank(top + i, 2 + c, None, f.score)
        overall = top + len(ELEMENTS) + 1
        ws.write_string(overall, 1, "Overall", f.bold)
        ws.write_blank(overall, 2, None, f.score_bold)
        ws.write_string(overall + 1, 1,
                        "Filled in by `secor-xl score --write` (or the Refresh score button). "
                        "Pass: 80 % overall and 50 % in every element.", f.muted_unlocked)
        self.wb.define_name("ReadinessTable", f"=Dashboard!{_abs(top + 1, 1)}:{_abs(top + 8, 4)}")
        self.wb.define_name("ReadinessOverall", f"=Dashboard!{_abs(overall, 2)}")
        score_chart = self.wb.add_chart({"type": "bar"})
        score_chart.add_series({
            "name": "Score %",
            "categories": ["Dashboard", top + 1, 1, top + 8, 1],
            "values": ["Dashboard", top + 1, 2, top + 8, 2],
            "fill": {"color": NAVY},
        })
        score_chart.set_title({"name": "Readiness by element (pass line 80 %)"})
        score_chart.set_x_axis({"min": 0, "max": 100, "major_unit": 10,
                                "major_gridlines": {"visible": True}})
        score_chart.set_y_axis({"reverse": True})
        score_chart.set_legend({"none": True})
        score_chart.set_size({"width": 600, "height": 300})
        ws.insert_chart(xl_rowcol_to_cell(top, 6), score_chart)
        chart_bottom = top + 16
        road_bottom = self._road(ws, overall + 3)
        ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                        "select_unlocked_cells": True})
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.print_area(0, 0, max(road_bottom, chart_bottom), 15)

    def _road(self, ws: Worksheet, top: int) -> int:
        """The road to SECOR from `top` down (formulas of `road`); returns the last row.

        Every value cell has a defined name, for the macros and the tests; the
        roadmap's chained due dates and the roster count live in hidden columns X:AC.
        """
        f = self.f

        def put(r: int, c: int, formula: str, fmt: Any, name: str | None = None) -> str:
            ws.write_array_formula(r, c, r, c, "{" + formula + "}", fmt)
            if name:
                self.wb.define_name(name, f"=Dashboard!{_abs(r, c)}")
            return _abs(r, c)

        # hidden helpers: one row per chained kind (row on Roadmap, computed, due, known)
        hx = 23
        ws.set_column(hx, hx + 5, 12, None, {"hidden": True})
        cells = {kind: road.ChainHelper(*(_abs(top + i, hx + 1 + j) for j in range(4)))
                 for i, kind in enumerate(road.CHAIN)}
        for i, kind in enumerate(road.CHAIN):
            ws.write_string(top + i, hx, kind)
            formulas = road.chain_formulas(kind, cells)
            for j, formula in enumerate((formulas.row, formulas.computed, formulas.due,
                                         formulas.known)):
                put(top + i, hx + 1 + j, formula, f.plain if j == 0 else f.date)

        r = top
        ws.write_string(r, 1, "The road to SECOR", f.heading)
        ws.write_string(r, 2, "Now", f.header)
        ws.write_string(r, 3, "", f.header)
        ws.write_string(r, 4, "", f.header)
        r += 1
        ws.write_string(r, 1, "Roadmap steps done", f.label)
        done = put(r, 2, road.steps_done(), f.count, "RoadStepsDone")
        total = put(r, 3, road.steps_total(), f.of_total, "RoadSteps")
        # a bar of ten blocks: a plain formula, where a data bar would need an extension
        # (x14) that `check --write` refuses to touch
        tenths = f"IF({total}>0,ROUND(10*{done}/{total},0),0)"
        put(r, 4, f'=REPT("█",{tenths})&REPT("░",10-{tenths})', f.bar)
        r += 1
        ws.write_string(r, 1, "Next step (Roadmap sheet)", f.label)
        put(r, 2, road.next_step(), f.bold, "RoadNextStep")
        r += 1
        ws.write_string(r, 1, "Next step due", f.label)
        due = put(r, 2, road.next_due(cells), f.date_bold, "RoadNextDue")
        days = put(r, 3, f'=IF(ISNUMBER({due}),{due}-{AS_OF},"")', f.days_left)
        self._late_or_soon(ws, days)
        r += 1
        ws.write_string(r, 1, "Certificate year (of 3)", f.label)
        year = put(r, 2, road.certificate_year(), f.count, "CertificateYear")
        put(r, 3, road.cycle_step(year), f.plain)
        r += 1
        ws.write_string(r, 1, "Next certificate date", f.label)
        cycle_due = put(r, 2, road.cycle_due(year), f.date_bold, "CertificateNextDue")
        cycle_days = put(r, 3, f'=IF(ISNUMBER({cycle_due}),{cycle_due}-{AS_OF},"")',
                         f.days_left)
        self._late_or_soon(ws, cycle_days)
        r += 1
        ws.write_string(r, 1, "Workers counted (roster, last 12 months)", f.label)
        roster = put(r, hx + 5, road.roster_count(), f.plain)  # hidden: the roster's count
        counted = put(r, 2, road.workers_counted(roster), f.count, "WorkersCounted")
        r += 1
        ws.write_string(r, 1, "Small-employer limit (Company: override)", f.label)
        limit = put(r, 2, road.worker_limit(), f.count, "WorkerLimit")
        put(r, 3, road.fits(counted, limit), f.plain, "WorkersFit")
        ws.conditional_format(r, 3, r, 3, {"type": "cell", "criteria": "==",
                                           "value": '"over the limit"', "format": f.cf_red})

        r += 2
        ws.write_string(r, 1, "What SECOR is worth (estimate)", f.heading)
        ws.write_string(r, 2, "Low", f.header)
        ws.write_string(r, 3, "High", f.header)
        r += 1
        ws.write_string(r, 1, "Yearly incentive on the WCB premium", f.label)
        put(r, 2, road.incentive(0), f.money, "IncentiveLow")
        put(r, 3, road.incentive(1), f.money, "IncentiveHigh")
        r += 1
        ws.write_string(r, 1, "An estimate from the province's published incentive; the "
                        "readiness report gives the rule and its sources.", f.muted)

        r += 2
        ws.write_string(r, 1, "Incidents by type and year", f.heading)
        header = r
        for c in range(3):
            put(r, 2 + c, f"=YEAR({AS_OF})-{2 - c}", f.year_header)
        types: tuple[str | None, ...] = (*LISTS_BY_NAME["Incident Type"].values, None)
        for incident_type in types:
            r += 1
            ws.write_string(r, 1, incident_type or "All types",
                            f.label if incident_type else f.bold)
            for c in range(3):
                put(r, 2 + c, road.incidents_in_year(incident_type, _abs(header, 2 + c)),
                    f.count if incident_type is None else f.centered)
        self.wb.define_name("IncidentsByYear",
                            f"=Dashboard!{_abs(header, 1)}:{_abs(r, 4)}")
        r += 1
        ws.write_string(r, 1, "Days since the last lost-time incident", f.label)
        put(r, 2, road.days_since_lost_time(), f.count, "DaysSinceLostTime")
        r += 1
        ws.write_string(r, 1, "Recordable incidents, last 12 months", f.label)
        recordable = put(r, 2, road.recordable_12_months(), f.count, "RecordableIncidents")
        r += 1
        ws.write_string(r, 1, "Recordable rate per 200,000 hours", f.label)
        put(r, 2, road.recordable_rate(recordable), f.rate, "RecordableRate")
        r += 1
        ws.write_string(r, 1, "Recordable: Medical Aid and Lost Time. The rate needs Hours "
                        "Worked on Company.", f.muted)
        return r

    def _late_or_soon(self, ws: Worksheet, cell: str) -> None:
        """Red when a days-left cell is negative (late), amber within 30 days."""
        ws.conditional_format(cell, {"type": "cell", "criteria": "<", "value": 0,
                                     "format": self.f.cf_red})
        ws.conditional_format(cell, {"type": "cell", "criteria": "between", "minimum": 0,
                                     "maximum": 30, "format": self.f.cf_amber})

    def _macros(self, worksheets: Mapping[str, Worksheet]) -> None:
        """The VBA project and the Dashboard's buttons (the .xlsm master).

        Every sheet gets the code name Sheet<n> by position, so xlwings'
        document modules (ThisWorkbook, Sheet1, Sheet2) each have their
        sheet. The buttons sit in row 1 above the charts; each runs one
        argument-less Sub of the SecorButtons module.
        """
        from ..excel.vba import SECOR_BUTTONS, secor_vba_project

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
        flags = _ROW_FLAGS.get(s.name)
        if flags is None:
            return
        for kind, formula in flags(s):
            fmt = {"red": self.f.cf_red, "amber": self.f.cf_amber, "grey": self.f.cf_grey}[kind]
            ws.conditional_format(1, 0, last_row, width,
                                  {"type": "formula", "criteria": formula, "format": fmt})


_BUTTON_WIDTHS = {"Check": 80, "Refresh score": 110, "Documents": 95,
                  "Minutes for selected meeting": 200}  # pixels


def _abs(row: int, col: int) -> str:
    return str(xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True))


def _default_rows(sheet_name: str) -> list[dict[str, object]]:
    if sheet_name == "Self-Assessment":
        return content.self_assessment_rows()
    if sheet_name == "Roadmap":
        return content.roadmap_rows()
    return []


# -- conditional formats -------------------------------------------------------
# Formulas are relative to the first data row (row 2); A1 references, since
# Excel does not take structured references in conditional formats.


def _cell(s: Sheet, column: str) -> str:
    return f"${xl_col_to_name(s.column_names.index(column))}2"


def _whole(s: Sheet, column: str, other: str | None = None) -> str:
    letter = xl_col_to_name(s.column_names.index(column))
    prefix = f"'{other}'!" if other else ""
    return f"{prefix}${letter}:${letter}"


def _due_flags(column: str) -> Any:
    def flags(s: Sheet) -> list[tuple[str, str]]:
        due = _cell(s, column)
        return [("red", f"AND(ISNUMBER({due}),{due}<{AS_OF})"),
                ("amber", f"AND(ISNUMBER({due}),{due}>={AS_OF},{due}<{AS_OF}+30)")]
    return flags


def _action_flags(s: Sheet) -> list[tuple[str, str]]:
    due, status = _cell(s, "Due Date"), _cell(s, "Status")
    open_ = f'UPPER(TRIM({status}))<>"CLOSED"'
    return [("red", f"AND({open_},ISNUMBER({due}),{due}<{AS_OF})"),
            ("amber", f"AND({open_},ISNUMBER({due}),{due}>={AS_OF},{due}<{AS_OF}+30)")]


def _training_flags(s: Sheet) -> list[tuple[str, str]]:
    """The most recent record of an employee's course, when it has expired or soon will.

    The expiry is the typed one, else Completed + the matrix's Validity Months
    for the employee's position. Only the latest completion of a course is
    marked, so a renewed ticket's old record stays plain.
    """
    emp, course, done, exp = (_cell(s, c) for c in
                              ("Employee", "Course", "Completed Date", "Expiry Date"))
    employees, matrix = sheet("Employees"), sheet("Training Matrix")
    position = (f"INDEX({_whole(employees, 'Position', employees.name)},"
                f"MATCH(TRIM({emp}),{_whole(employees, 'Name', employees.name)},0))")
    m_pos, m_course, m_valid = (_whole(matrix, c, matrix.name)
                                for c in ("Position", "Course", "Validity Months"))
    has_validity = f'COUNTIFS({m_pos},{position},{m_course},TRIM({course}),{m_valid},">=0")>0'
    validity = f"_xlfn.MAXIFS({m_valid},{m_pos},{position},{m_course},TRIM({course}))"
    never = "2958465"  # 9999-12-31: no expiry
    expiry = (f"IF(ISNUMBER({exp}),{exp},IFERROR(IF(AND(ISNUMBER({done}),{has_validity}),"
              f"EDATE({done},{validity}),{never}),{never}))")
    latest = (f"COUNTIFS({_whole(s, 'Employee')},{emp},{_whole(s, 'Course')},{course},"
              f"{_whole(s, 'Completed Date')},\">\"&{done})=0")
    return [("red", f'AND(TRIM({emp})<>"",{latest},{expiry}<{AS_OF})'),
            ("amber", f'AND(TRIM({emp})<>"",{latest},{expiry}>={AS_OF},{expiry}<{AS_OF}+30)')]


def _schedule_flags(s: Sheet) -> list[tuple[str, str]]:
    """Items whose latest inspection (on or before the as-of day) is overdue."""
    log = sheet("Inspection Log")
    item, freq, active = _cell(s, "Item"), _cell(s, "Frequency"), _cell(s, "Active")
    latest = (f"_xlfn.MAXIFS({_whole(log, 'Date', log.name)},{_whole(log, 'Item', log.name)},"
              f"TRIM({item}),{_whole(log, 'Date', log.name)},\"<=\"&{AS_OF})")
    months = "+".join(f'(UPPER(TRIM({freq}))="{n.upper()}")*{m}'
                      for n, (m, _d) in FREQUENCY_INTERVALS.items() if m)
    days = "+".join(f'(UPPER(TRIM({freq}))="{n.upper()}")*{d}'
                    for n, (_m, d) in FREQUENCY_INTERVALS.items() if d)
    due = f"(EDATE({latest},{months})+{days})"
    return [("red", f'AND(TRIM({item})<>"",UPPER(TRIM({active}))<>"NO",{due}<{AS_OF})'),
            ("grey", f'UPPER(TRIM({active}))="NO"')]


def _employee_flags(s: Sheet) -> list[tuple[str, str]]:
    return [("grey", f'UPPER(TRIM({_cell(s, "Status")}))="INACTIVE"')]


def _incident_flags(s: Sheet) -> list[tuple[str, str]]:
    kind, wcb = _cell(s, "Type"), _cell(s, "Reported To WCB")
    return [("red", f'AND(UPPER(TRIM({kind}))="LOST TIME",UPPER(TRIM({wcb}))<>"YES")')]


def _findings_flags(s: Sheet) -> list[tuple[str, str]]:
    return [("red", f'{_cell(s, "Severity")}="error"'),
            ("amber", f'{_cell(s, "Severity")}="warning"')]


_ROW_FLAGS: dict[str, Any] = {
    "Corrective Actions": _action_flags,
    "Training Records": _training_flags,
    "Inspection Schedule": _schedule_flags,
    "Program Documents": _due_flags("Review Due"),
    "Hazard Assessments": _due_flags("Review Due"),
    "Employees": _employee_flags,
    "Incidents": _incident_flags,
    "Findings": _findings_flags,
}


class _Formats:
    """The workbook's few formats, made once."""

    def __init__(self, wb: Workbook) -> None:
        add = wb.add_format
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.plain = add(base)
        self.bold = add(base | {"bold": True})
        self.bold_top = add(base | {"bold": True, "valign": "top"})
        self.wrap = add(base | {"text_wrap": True})
        self.muted = add(base | {"font_color": GREY_TEXT, "italic": True})
        self.muted_wrap = add(base | {"font_color": GREY_TEXT, "text_wrap": True})
        self.title = add(base | {"bold": True, "font_size": 18, "font_color": NAVY})
        self.heading = add(base | {"bold": True, "font_size": 13, "font_color": NAVY,
                                   "bottom": 2, "bottom_color": NAVY})
        self.header = add(base | {"bold": True, "font_color": "#FFFFFF", "bg_color": NAVY,
                                  "text_wrap": True, "valign": "vcenter"})
        self.label = add(base | {"indent": 1})
        self.link = add(base | {"font_color": "#0563C1", "underline": 1, "valign": "top"})
        self.date = add(base | {"num_format": DATE_FORMAT, "align": "left"})
        self.date_bold = add(base | {"num_format": DATE_FORMAT, "bold": True, "align": "left"})
        self.input_cell = add(base | {"bg_color": "#FFF9E5", "border": 1,
                                      "border_color": "#BFBFBF", "locked": False})
        self.input_date = add(base | {"bg_color": "#FFF9E5", "border": 1,
                                      "border_color": "#BFBFBF", "num_format": DATE_FORMAT,
                                      "align": "left", "locked": False})
        self.formula_cell = add(base | {"font_color": "#595959"})
        self.days_left = add(base | {"num_format": '"in "0" days";0" days late";"today"',
                                     "font_color": GREY_TEXT, "italic": True, "align": "left"})
        self.count = add(base | {"bold": True, "font_size": 14, "align": "center"})
        # Score cells are written by the Refresh score button: unlocked on the protected sheet.
        self.score = add(base | {"num_format": "0.0", "align": "center", "locked": False})
        self.score_bold = add(base | {"num_format": "0.0", "align": "center", "bold": True,
                                      "locked": False})
        self.muted_unlocked = add(base | {"font_color": GREY_TEXT, "italic": True,
                                          "locked": False})
        self.money = add(base | {"num_format": "$#,##0", "bold": True, "align": "center"})
        self.bar = add(base | {"font_color": NAVY, "align": "left"})
        self.of_total = add(base | {"num_format": '"of "0', "font_color": GREY_TEXT,
                                    "align": "left"})
        self.rate = add(base | {"num_format": "0.00", "bold": True, "font_size": 14,
                                "align": "center"})
        self.centered = add(base | {"align": "center"})
        self.year_header = add(base | {"bold": True, "font_color": "#FFFFFF",
                                       "bg_color": NAVY, "align": "center"})
        self.cf_red = add({"bg_color": RED_FILL, "font_color": RED_TEXT})
        self.cf_amber = add({"bg_color": AMBER_FILL, "font_color": AMBER_TEXT})
        self.cf_grey = add({"font_color": GREY_TEXT})
        self.cf_green = add({"bg_color": "#C6EFCE", "font_color": "#006100"})
