"""The master's look: colours, number formats and the few cell formats, made once."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

DATE_FORMAT = "yyyy-mm-dd"
TABLE_STYLE = "Table Style Medium 2"
NAVY, RED_FILL, RED_TEXT = "#1F4E79", "#FFC7CE", "#9C0006"
AMBER_FILL, AMBER_TEXT, GREY_TEXT = "#FFEB9C", "#9C5700", "#808080"


class Formats:
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
        self.formula_date = add(base | {"font_color": "#595959", "num_format": DATE_FORMAT,
                                        "align": "left"})
        self.days_left = add(base | {"num_format": '"in "0" days";0" days late";"today"',
                                     "font_color": GREY_TEXT, "italic": True, "align": "left"})
        # The Dashboard's centred values: a text answer longer than the column ("enter hours
        # on Company") shrinks a little rather than losing its ends under the next cell.
        fit = {"align": "center", "shrink": True}
        self.count = add(base | fit | {"bold": True, "font_size": 14})
        # Score cells are written by the Refresh score button: unlocked on the protected sheet.
        self.score = add(base | {"num_format": "0.0", "align": "center", "locked": False})
        self.score_bold = add(base | {"num_format": "0.0", "align": "center", "bold": True,
                                      "locked": False})
        self.muted_unlocked = add(base | {"font_color": GREY_TEXT, "italic": True,
                                          "locked": False})
        # the score's summary line, which starts with PASS or FAIL: not grey, not italic
        self.unlocked_wrap = add(base | {"locked": False, "text_wrap": True})
        # the Verdict headline: large; its colour comes from conditional formats
        self.verdict = add(base | {"bold": True, "font_size": 16, "valign": "vcenter",
                                   "shrink": True})
        self.money = add(base | fit | {"num_format": "$#,##0", "bold": True})
        self.bar = add(base | {"font_color": NAVY, "align": "left"})
        self.of_total = add(base | {"num_format": '"of "0', "font_color": GREY_TEXT,
                                    "align": "left"})
        self.rate = add(base | fit | {"num_format": "0.00", "bold": True, "font_size": 14})
        self.centered = add(base | {"align": "center"})
        self.year_header = add(base | {"bold": True, "font_color": "#FFFFFF",
                                       "bg_color": NAVY, "align": "center"})
        self.cf_red = add({"bg_color": RED_FILL, "font_color": RED_TEXT})
        self.cf_amber = add({"bg_color": AMBER_FILL, "font_color": AMBER_TEXT})
        self.cf_grey = add({"font_color": GREY_TEXT})
        self.cf_green = add({"bg_color": "#C6EFCE", "font_color": "#006100"})
