"""`secor-xl portfolio`: a folder of client workbooks, one row each, checked cell by cell."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest

from secor_xl.automation.portfolio import (
    COLUMNS,
    OPEN_NOW,
    TABLE_NAME,
    blank_row,
    by_urgency,
    find_workbooks,
    summarise,
    tally,
)
from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.certification.roadmap import next_steps
from secor_xl.certification.summary import roadmap_rows
from secor_xl.demo_data import demo_data
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import check_workbook, resolve_as_of
from secor_xl.score import score_workbook

from .commands import secor_xl

AS_OF = dt.date(2026, 6, 1)
HEADERS = [c.header for c in COLUMNS]
COUNT_HEADERS = {"Overdue Inspections": "overdue_inspections",
                 "Expired Training": "expired_training", "Overdue Actions": "overdue_actions"}
READ = ["aspen.xlsx", "birch.xlsx", "cedar.xlsx", "douglas.xlsx", "empty.xlsx",
        "region/north.xlsx"]
BROKEN = "broken.xlsx"


run = secor_xl


def client(path: Path, company: str, data_day: dt.date | None,
           as_of: dt.date | None, **fields: object) -> None:
    """A small client workbook: the demo's records as of `data_day` (none when None)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = demo_data(data_day) if data_day else None
    values: dict[str, object] = dict(data.company) if data else {"Province": "BC",
                                                                 "Number of Workers": 3}
    values.update({"Company Name": company, "As-of Date": as_of, **fields})
    build_workbook(path, BuildOptions(company=values, rows=data.rows if data else {},
                                      spare_rows=0))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("clients")
    client(root / "aspen.xlsx", "Aspen Roofing", AS_OF, AS_OF,  # passes, audit in 10 months
           **{"Reminder Email": "office@aspen.example"})
    client(root / "birch.xlsx", "Birch Electric", dt.date(2025, 1, 15), AS_OF)  # stale: late
    client(root / "cedar.xlsx", "=1+1 Cedar Co", dt.date(2026, 3, 1), dt.date(2026, 3, 1),
           **{"Next Audit Due": dt.date(2026, 4, 15)})  # a formula-looking name; audit soon
    client(root / "douglas.xlsx", "Douglas Framing", AS_OF, AS_OF,
           **{"Next Audit Due": None})  # no audit date
    client(root / "empty.xlsx", "Empty Co", None, None,  # nothing yet; as of today
           **{"Reminder Email": "not an address"})  # not read, so not shown
    client(root / "region" / "north.xlsx", "North Ltd.", dt.date(2026, 2, 1), None)
    (root / BROKEN).write_bytes(bytes(range(256)) * 40)
    (root / "~$aspen.xlsx").write_bytes(b"owner")  # Excel has aspen.xlsx open
    (root / "backups").mkdir()
    shutil.copy(root / "aspen.xlsx", root / "backups" / "aspen.20260101-120000.xlsx")
    shutil.copy(root / "aspen.xlsx", root / "aspen.20260101-120000.bak.xlsx")
    (root / "notes.txt").write_text("not a workbook")
    return root


def expected(path: Path) -> dict[str, Any]:
    """The summary row, computed here from read_workbook, check and score directly."""
    wb = read_workbook(path)
    day = resolve_as_of(wb, None, dt.date.today())
    score = score_workbook(wb, day).to_dict()
    counts = check_workbook(wb, day).counts
    weakest = min((e for e in score["elements"] if e["applicable"]), key=lambda e: e["score"])
    audit = wb.company.get("Next Audit Due")
    pending = next_steps(roadmap_rows(wb), day, 1, wb.company.get("Province"))
    step = pending[0] if pending else None
    return {
        "Company": wb.company["Company Name"], "Province": wb.company["Province"],
        "Safety Contact": wb.company.get("Safety Contact"),
        "Reminder Email": wb.company.get("Reminder Email"),
        "Workers": wb.company["Number of Workers"], "As of": day,
        "Overall Score": score["overall"], "Result": score["verdict"]["word"],
        "Verdict": score["verdict"]["headline"],
        "Weakest Element": weakest["name"], "Weakest Score": weakest["score"],
        **{header: counts[key] for header, key in COUNT_HEADERS.items()},
        "Next Audit Due": audit, "Days Left": (audit - day).days if audit else None,
        "Next Roadmap Step": step.step if step else None,
        "Step Due": step.due if step else None,
        "Error": None,
    }


def sheet_rows(path: Path) -> tuple[list[str], list[dict[str, Any]], Any]:
    """Header, one dict per client row (dates as date), and the Summary worksheet."""
    book = openpyxl.load_workbook(path)
    ws = book["Summary"]
    values = list(ws.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(values) if row[0] == "Company")
    header = list(values[header_at])
    rows = []
    for row in values[header_at + 1:]:
        cells = [v.date() if isinstance(v, dt.datetime) else v for v in row]
        rows.append(dict(zip(header, cells, strict=True)))
    return header, rows, ws


@pytest.fixture(scope="module")
def summary(folder: Path, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("out") / "portfolio.xlsx"
    return out, run("portfolio", folder, "--out", out, "--jobs", "2")


def test_exit_and_tally(summary: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, result = summary
    assert result.returncode == 1, result.stderr  # the broken file; the summary is written
    assert "7 workbooks: 6 read, 1 failed" in result.stdout
    assert "1 open in Excel" in result.stdout
    assert f"failed: {BROKEN}: " in result.stderr
    assert "Traceback" not in result.stderr
    assert out.exists()


def test_every_cell_matches_the_engine(folder: Path, summary: tuple[Path, Any]) -> None:
    header, rows, _ = sheet_rows(summary[0])
    assert header == HEADERS
    assert sorted(r["File"] for r in rows) == sorted([*READ, BROKEN])  # nothing skipped wrongly
    for row in rows:
        if row["File"] == BROKEN:
            continue
        want = expected(folder / row["File"])
        for column, value in want.items():
            assert row[column] == value, (row["File"], column)
        assert row[OPEN_NOW] == ("Yes" if row["File"] == "aspen.xlsx" else None)


def test_the_generated_clients_differ(summary: tuple[Path, Any]) -> None:
    """The fixture covers what the formats are for: a fail, late items, audits past and near."""
    _, rows, _ = sheet_rows(summary[0])
    by_file = {r["File"]: r for r in rows}
    assert by_file["birch.xlsx"]["Days Left"] < 0
    assert 0 <= by_file["cedar.xlsx"]["Days Left"] <= 60
    assert by_file["aspen.xlsx"]["Days Left"] > 60
    assert by_file["douglas.xlsx"]["Days Left"] is None
    assert by_file["empty.xlsx"]["Result"] != "PASS"
    assert by_file["empty.xlsx"]["As of"] == dt.date.today()
    assert by_file["region/north.xlsx"]["As of"] == dt.date.today()
    assert by_file["birch.xlsx"]["Overdue Inspections"] > by_file["aspen.xlsx"][
        "Overdue Inspections"]


def test_broken_file_has_its_error_and_comes_last(summary: tuple[Path, Any]) -> None:
    _, rows, _ = sheet_rows(summary[0])
    assert rows[-1]["File"] == BROKEN
    assert "not an Excel workbook" in rows[-1]["Error"]
    assert all(v is None for k, v in rows[-1].items() if k not in ("File", "Error"))


def test_sorted_by_urgency(summary: tuple[Path, Any]) -> None:
    _, rows, _ = sheet_rows(summary[0])

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        overdue = sum(row[h] or 0 for h in COUNT_HEADERS)
        days = row["Days Left"]
        return (row["Error"] is not None, row["Result"] == "PASS", -overdue, days is None,
                days or 0, row["File"])

    assert [r["File"] for r in rows] == [r["File"] for r in sorted(rows, key=key)]
    results = [r["Result"] for r in rows if r["Error"] is None]
    assert results == sorted(results, key=lambda r: r == "PASS")  # not passing first
    assert "PASS" in results and any(r != "PASS" for r in results)


def test_cell_text_is_never_a_formula(summary: tuple[Path, Any]) -> None:
    _, _, ws = sheet_rows(summary[0])
    cedar = next(row for row in ws.iter_rows() if row[HEADERS.index("File")].value
                 == "cedar.xlsx")
    assert cedar[0].value == "=1+1 Cedar Co"
    assert cedar[0].data_type == "s"
    book = openpyxl.load_workbook(summary[0])
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)


def test_table_formats_and_header_block(summary: tuple[Path, Any]) -> None:
    _, rows, ws = sheet_rows(summary[0])
    table = ws.tables[TABLE_NAME]
    first_row = int(table.ref.split(":")[0][1:])
    last_column = openpyxl.utils.get_column_letter(len(HEADERS))
    assert table.ref == f"A{first_row}:{last_column}{first_row + len(rows)}"
    assert table.tableStyleInfo.name.startswith("TableStyleMedium")
    assert ws.freeze_panes == f"B{first_row + 1}"
    assert ws["A1"].value.startswith("SECOR portfolio")
    assert "7 workbooks: 6 read, 1 failed" in [c.value for c in ws[3]]
    data = first_row + 1
    column = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(HEADERS)}
    assert ws[f"{column['Overall Score']}{data}"].number_format == "0.0"
    assert ws[f"{column['Weakest Score']}{data}"].number_format == "0.0"
    assert ws[f"{column['As of']}{data}"].number_format == "yyyy-mm-dd"
    assert ws[f"{column['Next Audit Due']}{data}"].number_format == "yyyy-mm-dd"
    assert ws[f"{column['Step Due']}{data}"].number_format == "yyyy-mm-dd"
    assert ws.column_dimensions[column["Weakest Element"]].width >= 20


def test_conditional_formats(summary: tuple[Path, Any]) -> None:
    _, rows, ws = sheet_rows(summary[0])
    rules: dict[str, list[Any]] = {}
    for cf in ws.conditional_formatting:
        rules[str(cf.sqref)] = cf.rules
    last = ws.max_row
    start = last - len(rows) + 1

    def at(first_col: str, last_col: str | None = None) -> list[Any]:
        ref = f"{first_col}{start}:{last_col or first_col}{last}"
        assert ref in rules, (ref, list(rules))
        return rules[ref]

    letter = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(HEADERS)}
    fail = at(letter["Result"], letter["Verdict"])[0]
    r = letter["Result"]
    assert fail.formula == [f'AND(LEN(${r}{start})>0,${r}{start}<>"PASS")']
    counts = at(letter["Overdue Inspections"], letter["Overdue Actions"])[0]
    assert counts.operator == "greaterThan" and counts.formula == ["0"]
    n = letter["Days Left"]
    days = at(n)
    assert [d.formula[0] for d in days] == [f"AND(ISNUMBER(${n}{start}),${n}{start}<0)",
                                           f"AND(ISNUMBER(${n}{start}),${n}{start}<=60)"]
    assert at(letter[OPEN_NOW])[0].type == "notContainsBlanks"
    red, amber = (d.dxf.fill.bgColor.rgb for d in days)
    assert red.endswith("FFC7CE") and amber.endswith("FFEB9C")


def link_target(summary_path: Path, cell: Any) -> Path | None:
    """The file a File cell's hyperlink opens, resolved as Excel and LibreOffice do: from
    the summary's folder."""
    if cell.hyperlink is None or not cell.hyperlink.target:
        return None
    relative = unquote(cell.hyperlink.target.replace("\\", "/"))
    return (summary_path.parent / relative).resolve()


def test_each_file_is_a_link_to_the_clients_workbook(folder: Path,
                                                     summary: tuple[Path, Any]) -> None:
    out = summary[0]
    header, rows, ws = sheet_rows(out)
    file_column = header.index("File") + 1
    mail_column = header.index("Reminder Email") + 1
    first = ws.max_row - len(rows) + 1
    assert ws.cell(row=first - 1, column=header.index(OPEN_NOW) + 1).value == OPEN_NOW
    assert "Is Open in Excel Now: Yes when someone had it open" in ws["B5"].value
    for r, row in enumerate(rows, start=first):
        cell = ws.cell(row=r, column=file_column)
        assert cell.value == row["File"]
        assert link_target(out, cell) == (folder / row["File"]).resolve(), row["File"]
        assert not Path(cell.hyperlink.target).is_absolute()  # moves with the folder
        assert cell.font.u == "single"
        mail = ws.cell(row=r, column=mail_column)
        if mail.value is None:
            assert mail.hyperlink is None
        else:
            assert mail.hyperlink.target == f"mailto:{mail.value}"
    by_file = {r["File"]: r for r in rows}
    assert by_file["aspen.xlsx"]["Reminder Email"] == "office@aspen.example"
    assert by_file["empty.xlsx"]["Reminder Email"] is None  # "not an address" is not shown
    assert by_file["aspen.xlsx"]["Safety Contact"] == "Dale Kowalski"
    assert by_file["empty.xlsx"]["Safety Contact"] is None


def test_odd_file_names_link_right_and_libreoffice_keeps_the_links(
        tmp_path: Path, soffice: str) -> None:
    from secor_xl.libreoffice import convert

    folder = tmp_path / "clients"
    odd = ["Boucherie Lévesque #2.xlsx", "region/50% [draft].xlsx"]
    for name in odd:
        client(folder / name, name, None, None, **{"Safety Contact": "Ann Lee",
                                                   "Reminder Email": "ann@example.ca"})
    out = tmp_path / "reports" / "portfolio.xlsx"
    assert run("portfolio", folder, "--out", out, "--jobs", "1").returncode == 0
    converted = convert(out, "xlsx", tmp_path / "converted")  # saved again by LibreOffice
    for path in (out, converted):
        _header, rows, ws = sheet_rows(path)
        first = ws.max_row - len(rows) + 1
        file_column = HEADERS.index("File") + 1
        targets = {ws.cell(row=r, column=file_column).value:
                   link_target(path, ws.cell(row=r, column=file_column))
                   for r in range(first, ws.max_row + 1)}
        assert targets == {name: (folder / name).resolve() for name in odd}, path
        assert {r["Safety Contact"] for r in rows} == {"Ann Lee"}
        assert {r["Reminder Email"] for r in rows} == {"ann@example.ca"}


def test_chart_of_scores_with_the_pass_line(summary: tuple[Path, Any]) -> None:
    with zipfile.ZipFile(summary[0]) as package:
        assert "xl/charts/chart1.xml" in package.namelist()
        chart = package.read("xl/charts/chart1.xml").decode()
    assert "<c:barChart>" in chart and '<c:barDir val="col"/>' in chart
    assert "<c:lineChart>" in chart
    book = openpyxl.load_workbook(summary[0])
    ws = book["Chart"]
    scores = [(r[1], r[2]) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(scores) == len(READ)
    assert {mark for _, mark in scores} == {80.0}
    assert [s for s, _ in scores] == sorted(s for s, _ in scores)


def test_refuses_to_overwrite_without_force(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "portfolio.xlsx"
    out.write_bytes(b"last month's summary")
    result = run("portfolio", folder, "--out", out)
    assert result.returncode == 2
    assert "--force" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == b"last month's summary"


def test_jobs_1_and_2_give_the_same_cells(folder: Path, tmp_path: Path,
                                          summary: tuple[Path, Any]) -> None:
    out = tmp_path / "portfolio.xlsx"
    out.write_bytes(b"old")
    result = run("portfolio", folder, "--out", out, "--jobs", "1", "--force")
    assert result.returncode == 1, result.stderr  # broken.xlsx
    assert [p.name for p in tmp_path.glob("portfolio.*.bak.xlsx")]  # --force kept a backup
    assert sheet_rows(out)[1] == sheet_rows(summary[0])[1]


def test_as_of_for_every_client(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "portfolio.xlsx"
    result = run("portfolio", folder, "--out", out, "--as-of", "2026-07-01", "--jobs", "1")
    assert result.returncode == 1, result.stderr  # broken.xlsx
    _, rows, ws = sheet_rows(out)
    assert {r["As of"] for r in rows if r["Error"] is None} == {dt.date(2026, 7, 1)}
    assert ws["B2"].value.date() == dt.date(2026, 7, 1)


def test_output_inside_the_folder_is_not_read(folder: Path, tmp_path: Path) -> None:
    inside = tmp_path / "clients"
    shutil.copytree(folder, inside)
    out = inside / "portfolio.xlsx"
    shutil.copy(inside / "aspen.xlsx", out)  # last month's summary, say
    result = run("portfolio", inside, "--out", out, "--force", "--jobs", "1")
    assert result.returncode == 1, result.stderr  # broken.xlsx
    assert "7 workbooks" in result.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["nowhere"], ["nowhere", "no such folder"]),
    (["{folder}", "--as-of", "June"], ["--as-of", "YYYY-MM-DD"]),
    (["{folder}", "--out", "summary.csv"], ["summary.csv", ".xlsx"]),
    (["{empty}"], ["no workbooks"]),
])
def test_unusable_input_is_one_clear_line(folder: Path, tmp_path: Path, args: list[str],
                                          words: list[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    argv = [a.format(folder=folder, empty=empty) for a in args]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "out.xlsx")]
    result = run("portfolio", *argv)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0]
    assert not (tmp_path / "out.xlsx").exists()


# -- the parts, without processes ---------------------------------------------------


def test_find_workbooks_skips_locks_backups_and_the_output(folder: Path) -> None:
    found = [str(p.relative_to(folder)) for p in find_workbooks(folder)]
    assert found == sorted([*READ, BROKEN])
    assert "aspen.xlsx" not in [str(p.relative_to(folder))
                                for p in find_workbooks(folder, exclude=folder / "aspen.xlsx")]


def test_summarise_password_protected_and_damaged(tmp_path: Path) -> None:
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    row = summarise(locked, AS_OF, name="locked.xlsx")
    assert row["file"] == "locked.xlsx" and "password-protected" in row["error"]
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(damaged, "w") as package:
        package.writestr("xl/workbook.xml", "<not really")
    row = summarise(damaged, AS_OF)
    assert row["error"] and row["overall"] is None
    assert not row["error"].startswith(str(damaged))  # the row already names the file


def test_by_urgency_and_tally() -> None:
    def row(name: str, passed: bool | None, overdue: int = 0, days: int | None = None,
            error: str | None = None) -> dict[str, Any]:
        r = blank_row(name)
        r.update(passed=passed, overdue_actions=overdue, days_left=days, error=error)
        return r

    rows = [row("e", None, error="damaged"), row("p-late", True, 3, 10), row("p", True, 0, 5),
            row("f", False, 0, None), row("f-late", False, 2, 400), row("p-soon", True, 0, -3)]
    assert [r["file"] for r in by_urgency(rows)] == ["f-late", "f", "p-late", "p-soon", "p",
                                                     "e"]
    assert tally(rows) == "6 workbooks: 5 read, 1 failed"
    assert tally(rows[:1]) == "1 workbook: 0 read, 1 failed"


def test_a_link_loop_in_the_folder_is_a_row_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    data = demo_data(AS_OF)
    build_workbook(folder / "a.xlsx", BuildOptions(company=data.company, rows=data.rows))
    (folder / "l1.xlsx").symlink_to(folder / "l2.xlsx")
    (folder / "l2.xlsx").symlink_to(folder / "l1.xlsx")
    result = secor_xl("portfolio", folder, "--out", tmp_path / "p.xlsx", "--jobs", "1")
    assert result.returncode == 1, result.stderr  # the loop's rows
    assert (tmp_path / "p.xlsx").exists()


def test_printed_landscape_one_page_wide_key_columns_whole(summary: tuple[Path, Any],
                                                          tmp_path: Path, soffice: str) -> None:
    """On paper: landscape, fit to one page wide, the header repeated, the key columns
    first and printed, their text wrapped (no header and no roadmap step clipped)."""
    from secor_xl.libreoffice import convert

    _, rows, ws = sheet_rows(summary[0])
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$6:$6"
    assert HEADERS[:4] == ["Company", "Result", "Verdict", "Overall Score"]
    last = openpyxl.utils.get_column_letter(HEADERS.index("Error") + 1)
    assert ws.print_area.endswith(f":${last}${ws.max_row}"), ws.print_area
    pdf = convert(summary[0], "pdf", tmp_path / "pdf")
    words = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                    capture_output=True, text=True).stdout.split())
    for header in ("Company", "Result", "Weakest", "Element", "Roadmap", "Overdue",
                   "Inspections", "Training"):
        assert header in words.split(), header
    for step in {r["Next Roadmap Step"] for r in rows if r["Next Roadmap Step"]}:
        for word in step.split():
            assert word in words.split(), (step, word)
