"""The macros on files (openpyxl `FileBook`) and `check --write`: written right, nothing lost."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import TableColumn

from secor_xl.excel import macros
from secor_xl.excel.filebook import FileBook
from secor_xl.excel.safety import lossy_parts
from secor_xl.schema import ELEMENTS

from .commands import secor_xl
from .test_dashboard_libreoffice import COUNT_NAMES, named_values

AS_OF = dt.date(2026, 11, 26)


cli = secor_xl


@pytest.fixture()
def client(demo_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "client.xlsx"
    shutil.copy(demo_master, path)
    return path


def add_user_content(path: Path) -> None:
    """What a client adds in Excel: a sheet with a chart and a picture, a note, a column."""
    wb = openpyxl.load_workbook(path)
    mine = wb.create_sheet("My Notes")
    mine.append(["Month", "Jobs"])
    for month, jobs in (("Sep", 4), ("Oct", 6), ("Nov", 5)):
        mine.append([month, jobs])
    chart = BarChart()
    chart.add_data(Reference(mine, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    mine.add_chart(chart, "D2")
    picture = path.parent / "logo.png"
    from PIL import Image as PILImage

    PILImage.new("RGB", (40, 20), (31, 78, 121)).save(picture)
    mine.add_image(Image(str(picture)), "D20")
    people = wb["Employees"]
    people["A2"].comment = Comment("Owner since 2015", "Dale")
    table = people.tables["Employees"]
    people["I1"] = "Phone"
    people["I2"] = "403-555-0100"
    table.tableColumns.append(TableColumn(id=9, name="Phone"))
    table.ref = table.ref.replace("H", "I", 1).replace(":H", ":I")
    table.autoFilter.ref = table.ref
    wb.save(path)


def plain(value: object) -> object:
    """A cell value that compares by content (array formulas by their text)."""
    return (value.ref, value.text) if isinstance(value, ArrayFormula) else value


def findings_rows(path: Path) -> list[tuple[object, ...]]:
    ws = openpyxl.load_workbook(path)["Findings"]
    return [r for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]


def test_check_write_matches_the_json(client: Path) -> None:
    report = json.loads(cli("check", client, "--format", "json").stdout)
    result = cli("check", client, "--write", "--format", "json")
    assert result.returncode == 1, result.stderr  # the demo has errors
    assert json.loads(result.stdout)["findings"] == report["findings"]
    rows = findings_rows(client)
    assert rows == [(f["sheet"], f["row"], f["column"] or None, f["severity"], f["code"],
                     f["message"]) for f in report["findings"]]
    wb = openpyxl.load_workbook(client)
    assert wb["Findings"].tables["Findings"].ref == f"A1:F{len(rows) + 1}"
    truck = wb["Inspection Schedule"]["A5"]
    assert truck.comment.text.startswith("secor-xl: Inspection Schedule row 5")
    assert truck.fill.fgColor.rgb.endswith("FFC7CD")
    expired = wb["Training Records"]["D13"]  # Expiry Date of Tyler's Fall Protection
    assert "Fall Protection" in expired.comment.text
    assert wb["Dashboard"]["B8"].value.startswith("Last check")
    assert (client.parent / "backups").is_dir()


def test_write_is_idempotent_and_keeps_user_content(client: Path) -> None:
    add_user_content(client)
    assert cli("check", client, "--write").returncode == 1
    first = openpyxl.load_workbook(client)
    assert cli("check", client, "--write").returncode == 1
    second = openpyxl.load_workbook(client)
    for name in first.sheetnames:
        a = [[plain(c.value) for c in row] for row in first[name].iter_rows()]
        b = [[plain(c.value) for c in row] for row in second[name].iter_rows()]
        if name == "Dashboard":  # only the time of the last check moves
            a[7][1] = b[7][1] = None
        assert a == b, name
        comments_a = {c.coordinate: c.comment.text for row in first[name].iter_rows()
                      for c in row if c.comment}
        comments_b = {c.coordinate: c.comment.text for row in second[name].iter_rows()
                      for c in row if c.comment}
        assert comments_a == comments_b, name
    mine = second["My Notes"]
    assert len(mine._charts) == 1 and len(mine._images) == 1
    assert second["Employees"]["A2"].comment.text == "Owner since 2015"
    assert second["Employees"]["I2"].value == "403-555-0100"
    assert "Phone" in [c.name for c in second["Employees"].tables["Employees"].tableColumns]
    assert len(second["Dashboard"]._charts) == 2
    assert second.defined_names["AsOfDate"]
    assert len(list((client.parent / "backups").iterdir())) == 2


def test_fixed_problems_lose_their_marks(client: Path) -> None:
    assert cli("check", client, "--write").returncode == 1
    wb = openpyxl.load_workbook(client)
    wb["Corrective Actions"]["I32"] = "Closed"  # CA-031 done
    wb.save(client)
    cli("check", client, "--write")
    wb = openpyxl.load_workbook(client)
    assert wb["Corrective Actions"]["F32"].comment is None
    assert wb["Corrective Actions"]["F32"].fill.fill_type is None
    assert all(r[4] != "overdue.action" for r in findings_rows(client))


# -- Findings rows link to their cells; one cell, every note --------------------------------


def plant_two_on_one_cell(path: Path) -> None:
    """Cells with two findings each (one with the user's own note), and one more finding."""
    wb = openpyxl.load_workbook(path)
    wb["Inspection Log"]["B3"] = "2027-01-05"  # a date as text, and after the as-of day
    incidents = wb["Incidents"]
    incidents["H4"] = "2026-05-20"  # INC-003's WCB Report Date: as text, and late
    incidents["H4"].comment = Comment("Dale: form sent by fax", "Dale")
    wb["Company"]["B7"] = 45  # over Alberta's limit: over.worker_limit
    wb.save(path)


def expected_location(wb: openpyxl.Workbook, sheet: str, row: int, column: str | None) -> str:
    """The cell a finding is about, found from the sheet's own header row."""
    if sheet == "Company":
        letter = "B" if column == "Value" else "A"
    else:
        headers = [c.value for c in wb[sheet][1]]
        letter = (openpyxl.utils.get_column_letter(headers.index(column) + 1)
                  if column in headers else "A")
    return f"'{sheet}'!{letter}{row}"


def finding_links(path: Path) -> list[tuple[tuple[object, ...], str | None]]:
    ws = openpyxl.load_workbook(path)["Findings"]
    return [(tuple(c.value for c in row), row[0].hyperlink.location if row[0].hyperlink
             else None) for row in ws.iter_rows(min_row=2) if row[0].value is not None]


def test_findings_link_to_their_cells_and_a_cell_keeps_every_note(client: Path) -> None:
    plant_two_on_one_cell(client)
    assert cli("check", client, "--write").returncode == 1
    assert cli("check", client, "--write").returncode == 1  # twice: nothing doubles
    wb = openpyxl.load_workbook(client)
    linked = finding_links(client)
    assert len(linked) == len(findings_rows(client)) >= 10
    for (sheet, row, column, *_rest), location in linked:
        assert location == expected_location(wb, str(sheet), int(row), column), (sheet, row)
    first = wb["Findings"]["A2"]
    assert first.hyperlink.target is None  # a place in the workbook, not an address
    assert first.font.underline == "single"
    assert wb["Findings"]["A1"].hyperlink is None
    assert {location for _, location in linked} >= {
        "'Inspection Log'!B3", "'Incidents'!H4", "'Company'!B7", "'Meetings'!B1"}

    log = wb["Inspection Log"]["B3"]
    lines = log.comment.text.split("\n")
    assert [line.rsplit(" ", 1)[-1] for line in lines] == ["(invalid.date_text)",
                                                           "(invalid.future_date)"]
    assert all(line.startswith("secor-xl: Inspection Log row 3") for line in lines)
    assert log.fill.fgColor.rgb.endswith("FFC7CD")  # one of them is an error: red
    wcb = wb["Incidents"]["H4"]
    assert wcb.comment.text.startswith("Dale: form sent by fax\n\nsecor-xl: ")
    assert wcb.comment.author == "Dale"
    for code in ("invalid.date_text", "late.wcb_report"):  # late.* is ours too: once
        assert wcb.comment.text.count(f"({code})") == 1
    # a WCB report past the law's deadline is an error (issue 22): red
    assert wcb.fill.fgColor.rgb.endswith("FFC7CD")
    company = wb["Company"]["B7"].comment.text
    assert company.count("(over.worker_limit)") == 1

    fixed = openpyxl.load_workbook(client)  # fixed: the notes go, the user's stays
    fixed["Inspection Log"]["B3"] = dt.datetime(2025, 5, 26)
    fixed["Incidents"]["H4"] = dt.datetime(2026, 5, 11)
    fixed["Company"]["B7"] = 8
    fixed.save(client)
    cli("check", client, "--write")
    wb = openpyxl.load_workbook(client)
    assert wb["Inspection Log"]["B3"].comment is None
    assert wb["Incidents"]["H4"].comment.text == "Dale: form sent by fax"
    assert wb["Company"]["B7"].comment is None
    now = finding_links(client)
    assert len(now) == len(linked) - 5
    ws = wb["Findings"]
    stale = [ws.cell(row=r, column=1) for r in range(len(now) + 2, len(linked) + 2)]
    assert all(c.value is None and c.hyperlink is None for c in stale)
    assert all(c.font.underline is None for c in stale)


def test_a_finding_on_a_missing_sheet_has_no_link(client: Path) -> None:
    wb = openpyxl.load_workbook(client)
    del wb["Work Sites"]
    wb["Inspection Log"].title = "inspection  LOG"  # found as the reader finds it
    wb.save(client)
    cli("check", client, "--write")
    links = {(row[0], row[4]): location for row, location in finding_links(client)}
    assert links[("Work Sites", "invalid.sheet")] is None
    assert all(location for (sheet, _), location in links.items() if sheet != "Work Sites")
    log = [location for (sheet, _), location in links.items() if sheet == "Inspection Log"]
    assert log and all(str(location).startswith("'inspection  LOG'!") for location in log)


def test_findings_links_survive_libreoffice(client: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    plant_two_on_one_cell(client)
    cli("check", client, "--write")
    written = finding_links(client)
    converted = recalc(client)  # opened, recalculated and saved as .xlsx by LibreOffice
    assert finding_links(converted) == written
    assert all(location for _, location in written)
    text = openpyxl.load_workbook(converted)["Inspection Log"]["B3"].comment.text
    assert "(invalid.date_text)" in text and "(invalid.future_date)" in text


@pytest.mark.parametrize(("lock", "app"), [("~${}", "Excel"), (".~lock.{}#", "LibreOffice")])
def test_refuses_while_open_in_excel_or_libreoffice(client: Path, lock: str, app: str) -> None:
    (client.parent / lock.format(client.name)).write_bytes(b"owner")
    before = client.read_bytes()
    for command in (("check", client, "--write"), ("score", client, "--write"),
                    ("upgrade", client)):
        result = cli(*command)
        assert result.returncode == 2 and f"open in {app}" in result.stderr, command
    assert client.read_bytes() == before
    assert not (client.parent / "backups").exists()


@pytest.mark.parametrize(("feature", "words"), [
    ("textbox", "shapes"), ("sparkline", "sparklines"),
])
def test_refuses_what_it_would_lose(tmp_path: Path, feature: str, words: str) -> None:
    path = tmp_path / f"{feature}.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Findings")
    ws.write_row(0, 0, [1, 2, 3])
    if feature == "textbox":
        ws.insert_textbox("E2", "Call Dale before 9")
    else:
        ws.add_sparkline("E1", {"range": "Findings!A1:C1"})
    wb.close()
    before = path.read_bytes()
    result = cli("check", path, "--write")
    assert result.returncode == 2 and words in result.stderr and "--force" in result.stderr
    assert path.read_bytes() == before


def test_force_writes_anyway_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "shapes.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Company")  # a SECOR workbook, if a sparse one: others are refused
    wb.add_worksheet("Employees")
    wb.add_worksheet("Findings").insert_textbox("E2", "Call Dale before 9")
    wb.close()
    before = path.read_bytes()
    result = cli("check", path, "--write", "--force")
    assert result.returncode == 1 and "backup" in result.stderr
    assert lossy_parts(path) == []  # the text box is gone, as --force said
    (kept,) = (tmp_path / "backups").iterdir()
    assert kept.read_bytes() == before


def test_written_workbook_opens_and_counts_in_libreoffice(client: Path, recalc) -> None:  # type: ignore[no-untyped-def]
    from .test_road_dashboard import assert_agree, dashboard, engine

    cli("check", client, "--write")
    recalculated = recalc(client)
    assert named_values(recalculated, COUNT_NAMES) == dict.fromkeys(COUNT_NAMES, 1)
    # the road to SECOR, its array formulas and hidden helper cells, survives openpyxl
    assert_agree(dashboard(recalculated), engine(client, AS_OF))
    assert openpyxl.load_workbook(client)["Dashboard"].column_dimensions["X"].hidden


# -- the other macros, on files -------------------------------------------------------------


def readiness_shown(path: Path) -> tuple[list[object], object]:
    """The Dashboard's readiness scores (one per element) and overall score, as saved."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Dashboard"]
    ((_sheet, ref),) = list(wb.defined_names["ReadinessTable"].destinations)
    first_row = int(ref.split(":")[0].split("$")[-1])
    ((_sheet, overall),) = list(wb.defined_names["ReadinessOverall"].destinations)
    return ([ws.cell(row=first_row + i, column=3).value for i in range(len(ELEMENTS))],
            ws[overall.replace("$", "")].value)


def test_refresh_score_fills_the_dashboard(client: Path) -> None:
    book = FileBook(client)
    score = macros.refresh_score(book, as_of=AS_OF)
    book.save()
    assert score is not None
    assert readiness_shown(client) == ([e["score"] for e in score["elements"]],
                                       score["overall"])
    assert "PASS" in book.messages[-1]


def test_score_write_fills_the_dashboard_from_the_command_line(client: Path) -> None:
    assert readiness_shown(client) == ([None] * len(ELEMENTS), None)
    report = json.loads(cli("score", client, "--format", "json").stdout)
    result = cli("score", client, "--write", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == report  # the same score, printed and written
    assert readiness_shown(client) == ([e["score"] for e in report["elements"]],
                                       report["overall"])
    assert "Wrote the readiness table" in result.stderr
    assert len(list((client.parent / "backups").iterdir())) == 1
    (client.parent / f"~${client.name}").write_bytes(b"owner")  # now open in Excel
    refused = cli("score", client, "--write")
    assert refused.returncode == 2 and "open" in refused.stderr


def test_documents_and_minutes_macros(client: Path) -> None:
    book = FileBook(client)
    written = macros.documents(book, as_of=AS_OF)
    folder = client.parent / "client documents"
    reports = [p for p in written if p.name.startswith("incident_")]
    assert len(written) - len(reports) == 8 and reports  # and one report per incident
    assert all(p.parent == folder for p in written)
    assert str(folder) in book.messages[-1]
    meetings = openpyxl.load_workbook(client)["Meetings"]
    row = next(r for r in range(2, meetings.max_row + 1)
               if meetings.cell(row=r, column=1).value == "M-2026-11")
    made = macros.minutes(book, as_of=AS_OF, row=row)
    assert made is not None and made.name == "minutes_M-2026-11.docx"
    with pytest.raises(Exception, match="select a meeting"):
        macros.minutes(FileBook(client), as_of=AS_OF, row=None)


def test_every_button_macro_exists() -> None:
    for name in ("check", "refresh_score", "documents", "minutes"):
        assert callable(getattr(macros, name))


def test_a_failed_save_changes_nothing(client: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up half-way through writing: the workbook is as it was, no backup
    or temporary file is left behind, and the message says the file is unchanged."""
    from secor_xl.errors import UserError

    before = client.read_bytes()
    book = FileBook(client)
    book.write_rows("Findings", 2, 1, [["x"]])

    def half_written(target: Path, data: bytes) -> None:
        with open(target, "wb") as handle:
            handle.write(b"PK\x03\x04 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_written)
    with pytest.raises(UserError, match=r"No space left on device.*nothing was changed"):
        book.save()
    assert client.read_bytes() == before
    assert sorted(p.name for p in client.parent.iterdir()) == [client.name]


def test_chart_data_labels_stay_values_only(client: Path) -> None:
    """openpyxl would write back only the label switches that are on, and LibreOffice
    would then show series and category names beside every bar."""
    import re
    import zipfile

    cli("check", client, "--write")
    with zipfile.ZipFile(client) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    labels = [m for x in charts for m in re.findall(r"<(?:c:)?dLbls>.*?</(?:c:)?dLbls>", x)]
    assert labels, "the Records chart has value labels"
    for found in labels:
        assert re.search(r'showVal val="(1|true)"', found)
        for part in ("showCatName", "showSerName", "showLegendKey"):
            assert re.search(rf'{part} val="(0|false)"', found), (part, found)
