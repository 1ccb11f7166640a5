"""The Dashboard sheet: counts, the records of 12 months, the audit methods gathered,
readiness, charts, the road to SECOR.

Every value is a live formula or a named cell the buttons fill; the road's
formulas come from `road.py`, which turns the certification tables into Excel, and
the audit methods' from `methods.py`.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..schema import ELEMENTS, LISTS_BY_NAME
from . import methods, printing, road, self_test
from .formulas import AS_OF, COUNT_FORMULAS, DASHBOARD_COUNTS, company_cell, last_12_months
from .style import NAVY, Formats

WIDTHS = (2, 46, 20, 18, 13, 2)
"""Columns A:F: labels in B; values in C:E, wide enough for the longest text a formula shows
(C's few longer ones shrink to fit); F a gutter before the charts."""
CHART_COLUMNS, CHART_COLUMN_WIDTH = 7, 10  # G:M
CHART_LEFT = len(WIDTHS)
LAST_COLUMN = CHART_LEFT + CHART_COLUMNS - 1  # the print area's right edge
AXIS_FONT, TITLE_FONT = {"size": 8}, {"size": 10, "bold": True}
ELEMENT_FONT = {"size": 7}  # ten labels, one on two lines: LibreOffice skips some at 8 pt


class Dashboard:
    """Writes the Dashboard of a new master with the workbook's formats."""

    def __init__(self, wb: Workbook, f: Formats) -> None:
        self.wb = wb
        self.f = f

    def write(self, ws: Worksheet) -> None:
        f = self.f
        ws.hide_gridlines(2)
        for c, width in enumerate(WIDTHS):
            ws.set_column(c, c, width)
        ws.set_column(CHART_LEFT, CHART_LEFT + CHART_COLUMNS - 1, CHART_COLUMN_WIDTH)
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
            self.wb.define_name(name, f"=Dashboard!{cell_ref(r, 2)}")
        # The line under the counts takes the time of the last check (the Check button):
        # unlocked, as the protected Dashboard lets Excel's macros write only there.
        ws.write_blank(4 + len(DASHBOARD_COUNTS), 1, None, f.muted_unlocked)
        ws.conditional_format("C5:C7", {"type": "cell", "criteria": ">", "value": 0,
                                        "format": f.cf_red})
        ws.conditional_format("C5:C7", {"type": "cell", "criteria": "=", "value": 0,
                                        "format": f.cf_green})
        self._self_test(ws, 5 + len(DASHBOARD_COUNTS))

        heading = 6 + len(DASHBOARD_COUNTS)
        ws.write_string(heading, 1, "Records in the last 12 months", f.heading)
        ws.write_string(heading, 2, "Count", f.header)
        activity = (
            ("Inspections", "Inspection Log", "Date"),
            ("Safety meetings and toolbox talks", "Meetings", "Date"),
            ("Management activities", "Management Activities", "Date"),
            ("Courses completed", "Training Records", "Completed Date"),
            ("Emergency drills", "Emergency Drills", "Drill Date"),
            ("Incidents and near misses", "Incidents", "Date"),
            ("Hazard assessment lines reviewed", "Hazard Assessments", "Assessed Date"),
        )
        first = heading + 1
        for i, (label, sheet_name, column) in enumerate(activity):
            ws.write_string(first + i, 1, label, f.label)
            ws.write_formula(first + i, 2, last_12_months(sheet_name, column), f.count, 0)
        last = first + len(activity) - 1
        top = self._methods(ws, last + 3) + 2
        chart = self.wb.add_chart({"type": "bar"})
        chart.add_series({
            "name": "Records in the last 12 months",
            "categories": ["Dashboard", first, 1, last, 1],
            "values": ["Dashboard", first, 2, last, 2],
            "fill": {"color": NAVY}, "data_labels": {"value": True},
        })
        chart.set_title({"name": "Records in the last 12 months", "name_font": TITLE_FONT})
        chart.set_legend({"none": True})
        chart.set_x_axis({"visible": False, "major_gridlines": {"visible": False}})  # labelled
        chart.set_y_axis({"reverse": True, "num_font": AXIS_FONT, "interval_unit": 1})
        # Beside its table, from the heading down: clear of the last-check line above it,
        # whose text runs on to the right.
        self._place(ws, chart, first - 1, last + 1)

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
        # The score's summary (refresh_score writes it) is long: two lines across the page.
        ws.merge_range(overall + 1, 1, overall + 1, LAST_COLUMN,
                       "Filled in by `secor-xl score --write` (or the Refresh score button). "
                       "Pass: 80 % overall and 50 % in every element that applies.",
                       f.muted_unlocked_wrap)
        ws.set_row(overall + 1, 2 * printing.LINE_POINTS)
        bottom = top + len(ELEMENTS)
        self.wb.define_name("ReadinessTable",
                            f"=Dashboard!{cell_ref(top + 1, 1)}:{cell_ref(bottom, 4)}")
        self.wb.define_name("ReadinessOverall", f"=Dashboard!{cell_ref(overall, 2)}")
        score_chart = self.wb.add_chart({"type": "bar"})
        score_chart.add_series({
            "name": "Score %",
            "categories": ["Dashboard", top + 1, 1, top + len(ELEMENTS), 1],
            "values": ["Dashboard", top + 1, 2, top + len(ELEMENTS), 2],
            "fill": {"color": NAVY},
        })
        score_chart.set_title({"name": "Readiness by element (pass line 80 %)",
                               "name_font": TITLE_FONT})
        score_chart.set_x_axis({"min": 0, "max": 100, "major_unit": 10,
                                "major_gridlines": {"visible": True}, "num_font": AXIS_FONT})
        score_chart.set_y_axis({"reverse": True, "num_font": ELEMENT_FONT, "interval_unit": 1})
        score_chart.set_legend({"none": True})
        # Beside its table, down to Overall: clear of the score's summary below.
        self._place(ws, score_chart, top - 1, overall)
        road_bottom = self._road(ws, overall + 3)
        ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                        "select_unlocked_cells": True})
        widths = (*WIDTHS, *(CHART_COLUMN_WIDTH,) * CHART_COLUMNS)
        printing.apply_xlsxwriter(ws, printing.one_page(widths, (0, 0, road_bottom, LAST_COLUMN)))

    def _methods(self, ws: Worksheet, top: int) -> int:
        """Interviews and walk-arounds gathered in the 12 months against what the audit
        needs (`methods.py`), and room for the readiness points each method earns; returns
        the last row. The active workers' count sits in hidden column X."""
        f = self.f

        def put(r: int, c: int, formula: str, fmt: Any, name: str | None = None) -> str:
            ws.write_array_formula(r, c, r, c, "{" + formula + "}", fmt)
            if name:
                self.wb.define_name(name, f"=Dashboard!{cell_ref(r, c)}")
            return cell_ref(r, c)

        ws.write_string(top, 1, "Audit methods, last 12 months", f.heading)
        for c, h in enumerate(("Done", "Needed", "")):
            ws.write_string(top, 2 + c, h, f.header)
        r = top + 1
        ws.write_string(r, 1, "Interviews: people asked (the sample)", f.label)
        active = put(r, 23, methods.active_workers(), f.plain)  # X: hidden by _road
        done = put(r, 2, methods.interviews_done(), f.count, "InterviewsDone")
        planned = put(r, 3, methods.interviews_planned(active), f.of_total, "InterviewsPlanned")
        put(r, 4, f'={active}&" active workers"', f.muted)
        self._met(ws, done, planned)
        r += 1
        ws.write_string(r, 1, "Active work sites walked around", f.label)
        done = put(r, 2, methods.sites_observed(), f.count, "SitesObserved")
        planned = put(r, 3, methods.sites_to_observe(), f.of_total, "SitesToObserve")
        self._met(ws, done, planned)
        r += 1
        ws.write_string(r, 1, "Typed on the Interviews and Observations sheets; secor-xl "
                        "interviews and observe print the guides.", f.muted)
        r += 2
        ws.write_string(r, 1, "Readiness points by method", f.heading)
        for c, h in enumerate(("Earned", "Possible", "")):
            ws.write_string(r, 2 + c, h, f.header)
        for i, method in enumerate(("Documentation", "Interviews", "Observation"), start=1):
            ws.write_string(r + i, 1, method, f.label)
            for c in range(2):
                ws.write_blank(r + i, 2 + c, None, f.score)
        self.wb.define_name("ReadinessByMethod",
                            f"=Dashboard!{cell_ref(r + 1, 1)}:{cell_ref(r + 3, 3)}")
        return r + 3

    def _met(self, ws: Worksheet, done: str, needed: str) -> None:
        """Green when what was done reaches what is needed, amber while short of it."""
        ws.conditional_format(done, {"type": "cell", "criteria": ">=", "value": needed,
                                     "format": self.f.cf_green})
        ws.conditional_format(done, {"type": "cell", "criteria": "<", "value": needed,
                                     "format": self.f.cf_amber})

    def _place(self, ws: Worksheet, chart: Any, first_row: int, last_row: int) -> None:
        """A chart over columns G:M and rows first_row..last_row (default heights), so it
        grows with those rows where Excel or LibreOffice makes them taller."""
        chart.set_size({
            "width": CHART_COLUMNS * printing.column_pixels(CHART_COLUMN_WIDTH),
            "height": (last_row - first_row + 1) * printing.ROW_PIXELS,
        })
        ws.insert_chart(first_row, CHART_LEFT, chart)

    def _road(self, ws: Worksheet, top: int) -> int:
        """The road to SECOR from `top` down (formulas of `road`); returns the last row.

        Every value cell has a defined name, for the macros and the tests; the
        roadmap's chained due dates and the roster count live in hidden columns X:AC.
        """
        f = self.f

        def put(r: int, c: int, formula: str, fmt: Any, name: str | None = None) -> str:
            ws.write_array_formula(r, c, r, c, "{" + formula + "}", fmt)
            if name:
                self.wb.define_name(name, f"=Dashboard!{cell_ref(r, c)}")
            return cell_ref(r, c)

        # hidden helpers: one row per chained kind (row on Roadmap, computed, due, known,
        # is next), and below them the next step's name
        hx = 23
        ws.set_column(hx, hx + 6, 12, None, {"hidden": True})
        columns = (1, 2, 3, 4, 6)  # hx + 5 holds the roster's count
        cells = {kind: road.ChainHelper(*(cell_ref(top + i, hx + j) for j in columns))
                 for i, kind in enumerate(road.CHAIN)}
        name_cell = cell_ref(top + len(road.CHAIN), hx + 1)
        ws.write_string(top + len(road.CHAIN), hx, "next step")
        put(top + len(road.CHAIN), hx + 1, road.next_text(), f.plain)
        for i, kind in enumerate(road.CHAIN):
            ws.write_string(top + i, hx, kind)
            formulas = road.chain_formulas(kind, cells, name_cell)
            for j, formula in zip(columns, (formulas.row, formulas.computed, formulas.due,
                                            formulas.known, formulas.is_next), strict=True):
                put(top + i, hx + j, formula, f.date if j in (2, 3, 4) else f.plain)
        last_kind = top + len(road.CHAIN) - 1
        computed_range = f"{cell_ref(top, hx + 2)}:{cell_ref(last_kind, hx + 2)}"
        is_next_range = f"{cell_ref(top, hx + 6)}:{cell_ref(last_kind, hx + 6)}"

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
        due = put(r, 2, road.next_due(computed_range, is_next_range), f.date_bold,
                  "RoadNextDue")
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
                put(r, 2 + c, road.incidents_in_year(incident_type, cell_ref(header, 2 + c)),
                    f.count if incident_type is None else f.centered)
        self.wb.define_name("IncidentsByYear",
                            f"=Dashboard!{cell_ref(header, 1)}:{cell_ref(r, 4)}")
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
        ws.write_string(r, 1, "Recordable: Medical Aid, Modified Work and Lost Time. The rate "
                        "needs Hours Worked on Company.", f.muted)
        return r

    def _self_test(self, ws: Worksheet, r: int) -> None:
        """The `SelfTest` cell at row `r`, and its hidden columns AF:AI: the figure's name,
        the engine's value (written by check and score: unlocked), same or not, and the
        name again where it differs."""
        f = self.f
        hx = 31  # AF
        ws.set_column(hx, hx + 3, 12, None, {"hidden": True})
        ws.write_string(1, hx, "checked as of")
        ws.write_blank(1, hx + 1, None, f.muted_unlocked)
        first, last = 2, 1 + len(self_test.FIGURES)
        differences = []
        for i, (name, label) in enumerate(self_test.FIGURES, start=first):
            ws.write_string(i, hx, name)
            ws.write_blank(i, hx + 1, None, f.muted_unlocked)
            live, expected = name, cell_ref(i, hx + 1)
            ws.write_formula(i, hx + 2, self_test.same(live, expected), f.plain)
            # ", " leads: a trailing space can be lost when a saved value is read back
            ws.write_formula(i, hx + 3, f'=IF({cell_ref(i, hx + 2)}=1,"",", {label}")',
                             f.plain)
            differences.append(cell_ref(i, hx + 3))
        self.wb.define_name("SelfTestExpected",
                            f"=Dashboard!{cell_ref(1, hx + 1)}:{cell_ref(last, hx + 1)}")
        matches = f"{cell_ref(first, hx + 2)}:{cell_ref(last, hx + 2)}"
        ws.write_string(last + 1, hx, "rows without formulas")
        blank_rows = cell_ref(last + 1, hx + 2)
        ws.write_formula(last + 1, hx + 2, self_test.unfilled(), f.plain)
        ws.write_string(r, 1, "Workbook self-test (this application vs the last check)",
                        f.label)
        ws.write_formula(r, 2, self_test.verdict(cell_ref(1, hx + 1), AS_OF, matches,
                                                 differences, blank_rows), f.bold)
        self.wb.define_name("SelfTest", f"=Dashboard!{cell_ref(r, 2)}")
        ws.conditional_format(r, 2, r, 2, {"type": "cell", "criteria": "==", "value": '"OK"',
                                           "format": f.cf_green})
        ws.conditional_format(r, 2, r, 2, {"type": "text", "criteria": "begins with",
                                           "value": "differs", "format": f.cf_red})

    def _late_or_soon(self, ws: Worksheet, cell: str) -> None:
        """Red when a days-left cell is negative (late), amber within 30 days."""
        ws.conditional_format(cell, {"type": "cell", "criteria": "<", "value": 0,
                                     "format": self.f.cf_red})
        ws.conditional_format(cell, {"type": "cell", "criteria": "between", "minimum": 0,
                                     "maximum": 30, "format": self.f.cf_amber})


def cell_ref(row: int, col: int) -> str:
    """An absolute A1 reference ($C$5) of a zero-based row and column."""
    return str(xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True))
