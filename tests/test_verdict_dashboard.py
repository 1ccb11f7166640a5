"""The Dashboard's `Verdict` says what the engine says, and n/a is never drawn as 0: in
the Dashboard's readiness chart (LibreOffice recalculates its series) and in the
readiness report's picture."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
from PIL import Image

from secor_xl.builder.headline import NOT_CHECKED, WORDS, engine_verdict, verdict_line
from secor_xl.documents.chart import RED, element_chart
from secor_xl.reader.read import read_workbook

from .commands import secor_xl
from .conftest import DEMO_DAY
from .test_dashboard_libreoffice import named_values


def test_the_verdict_is_the_engines_after_a_check_and_not_checked_before(  # type: ignore[no-untyped-def]
        demo_master: Path, tmp_path: Path, recalc) -> None:
    assert named_values(recalc(demo_master), ("Verdict",))["Verdict"] == NOT_CHECKED
    path = tmp_path / "demo.xlsx"
    shutil.copy(demo_master, path)
    result = secor_xl("check", path, "--write")
    assert result.returncode in (0, 1), result.stderr
    shown = named_values(recalc(path), ("Verdict",))["Verdict"]
    status, headline, _reasons = engine_verdict(read_workbook(path), DEMO_DAY)
    assert shown == verdict_line(status, headline)
    assert str(shown).split(":")[0] in WORDS.values()


def _readiness_rows(path: Path) -> list[int]:
    book = openpyxl.load_workbook(path)
    ((_sheet, area),) = list(book.defined_names["ReadinessTable"].destinations)
    first, last = (int("".join(ch for ch in end if ch.isdigit())) for end in area.split(":"))
    return list(range(first, last + 1))


def test_an_na_element_is_a_labelled_gap_and_a_failing_zero_a_red_bar(  # type: ignore[no-untyped-def]
        demo_master: Path, tmp_path: Path, recalc) -> None:
    """Element 9 n/a and element 3 at 0 %: the chart's series (AK:AO, outside the print
    area) give 9 no value in any band and the label "9 n/a"; 3 a 0 in the failing band
    only."""
    path = tmp_path / "scored.xlsx"
    shutil.copy(demo_master, path)
    rows = _readiness_rows(path)
    book = openpyxl.load_workbook(path)
    ws = book["Dashboard"]
    for i, r in enumerate(rows, start=1):
        ws[f"C{r}"].value = "n/a" if i == 9 else 0 if i == 3 else 90 if i == 1 else 65
    book.save(path)
    done = openpyxl.load_workbook(recalc(path), data_only=True)["Dashboard"]
    bands = {i: [done.cell(r, c).value for c in range(38, 41)]  # AL:AN
             for i, r in enumerate(rows, start=1)}
    labels = {i: done.cell(r, 37).value for i, r in enumerate(rows, start=1)}
    assert labels[9] == "9 n/a" and labels[3] == "3"
    assert bands[9] == ["#N/A"] * 3
    assert bands[3] == ["#N/A", "#N/A", 0]
    assert bands[1] == [90, "#N/A", "#N/A"]
    assert bands[2] == ["#N/A", 65, "#N/A"]


def test_the_readiness_chart_draws_the_pass_line_its_title_promises(demo_master: Path) -> None:
    with zipfile.ZipFile(demo_master) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    (readiness,) = [c for c in charts if "Readiness by element (pass line 80 %)" in c]
    assert "<c:lineChart>" in readiness and "pass line 80 %" in readiness
    assert readiness.count("<c:ser>") == 4  # three bands and the line


def test_overall_is_not_bold_and_the_summary_not_grey_italics(demo_master: Path) -> None:
    book = openpyxl.load_workbook(demo_master)
    ((_sheet, cell),) = list(book.defined_names["ReadinessOverall"].destinations)
    ws = book["Dashboard"]
    overall = ws[cell.replace("$", "")]
    summary = ws.cell(overall.row + 1, 2)
    assert not overall.font.b
    assert not summary.font.i
    assert summary.font.color is None or summary.font.color.type == "theme"  # not grey


def _score(values: list[float | None]) -> dict[str, object]:
    return {"overall": 70.0, "rule": {"overall_min": 80, "element_min": 50},
            "elements": [{"id": i, "name": f"Element {i}", "score": v or 0.0,
                          "applicable": v is not None} for i, v in enumerate(values, start=1)]}


def _reds(image: Image.Image, top: float, bottom: float) -> int:
    rgb = tuple(int(RED[i:i + 2], 16) for i in (1, 3, 5))
    pixels = image.convert("RGB").load()
    return sum(pixels[x, y] == rgb for x in range(image.width)
               for y in range(int(top), int(bottom)))


def test_the_report_chart_draws_na_apart_from_a_failing_zero(tmp_path: Path) -> None:
    """Two charts that differ only in element 2 (0 % against n/a): the failing one carries
    red in element 2's band ("0.0 fails"), the n/a one none."""
    failing = Image.open(element_chart(_score([90, 0.0, 90]), tmp_path / "a.png"))
    na = Image.open(element_chart(_score([90, None, 90]), tmp_path / "b.png"))
    top, bottom = 60.0, failing.height - 125.0
    slot = (bottom - top) / 3
    band = (top + slot, top + 2 * slot)
    assert _reds(failing, *band) > 50
    assert _reds(na, *band) == 0
    assert failing.tobytes() != na.tobytes()
