"""Charts written back whole, as they were read, when openpyxl saves a workbook.

openpyxl reads a chart part into its own chart object and, on saving, builds a
new part from that object alone: whatever the part held around the plot is lost
(rounded corners, the chart style, a deleted automatic title, the chart area's
and plot area's fill and text settings, print settings). `keep_as_read` makes
each chart write its whole part as read instead (openpyxl's full model of it);
its series stay the objects openpyxl reads, so `pin_data_labels` reaches them.
A chart whose part openpyxl could not read, or whose drawing cannot be paired
with the charts openpyxl found, is left to openpyxl as before.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl.chart.chartspace import ChartSpace
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.packaging.relationship import get_dependents, get_rel, get_rels_path
from openpyxl.xml.functions import fromstring

_LABEL_PARTS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
                "showBubbleSize")


def keep_as_read(wb: Any, path: Path) -> int:
    """Make every chart on `wb`'s sheets (openpyxl read them from `path`) write back its
    whole chart part; how many charts will."""
    kept = 0
    with zipfile.ZipFile(path) as package:
        for ws in wb.worksheets:
            charts = list(getattr(ws, "_charts", []))
            rels = getattr(ws, "_rels", None)
            if not charts or rels is None:
                continue
            spaces = _chart_spaces(package, rels)
            if spaces is None or len(spaces) != len(charts):
                continue  # cannot pair them: openpyxl's own writing, as before
            for chart, space in zip(charts, spaces, strict=True):
                space.chart.plotArea._charts = chart._charts  # the series openpyxl holds
                chart._write = space.to_tree
                kept += 1
    return kept


def _chart_spaces(package: zipfile.ZipFile, rels: Any) -> list[Any] | None:
    """The chart parts a sheet's drawings hold, read as openpyxl reads them, in its order
    (`openpyxl.reader.drawings.find_images`); None when a drawing cannot be read."""
    spaces = []
    try:
        for rel in rels.find(SpreadsheetDrawing._rel_type):
            drawing = SpreadsheetDrawing.from_tree(fromstring(package.read(rel.target)))
            rels_path = get_rels_path(rel.target)
            deps = (get_dependents(package, rels_path)
                    if rels_path in package.namelist() else None)
            for chart_rel in drawing._chart_rels:
                try:
                    spaces.append(get_rel(package, deps, chart_rel.id, ChartSpace))
                except TypeError:
                    continue  # openpyxl skips it too
    except Exception:  # a drawing openpyxl read differently: leave the charts to it
        return None
    return spaces


def pin_data_labels(wb: Any) -> None:
    """Write every chart's data-label switches out in full.

    openpyxl writes back only the switches that are on, and says the file comes
    from openpyxl; LibreOffice then reads a missing switch as on (the standard's
    default), so a chart that showed values shows series and category names too.
    Spelling out the ones that are off keeps the chart as it was, in any reader.
    """
    for ws in wb.worksheets:
        for chart in getattr(ws, "_charts", []):
            lists = [getattr(chart, "dLbls", None),
                     *(getattr(s, "dLbls", None) for s in getattr(chart, "series", []))]
            for labels in lists:
                if labels is None:
                    continue
                for part in _LABEL_PARTS:
                    if getattr(labels, part, None) is None:
                        setattr(labels, part, False)
