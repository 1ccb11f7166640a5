"""The emergency response plan a client can sign (issue 23): each active site's page
answers every item its province's law asks, from the workbook or with what to add where; a
procedure for each potential emergency; a BC plan cites no Alberta instrument; `upgrade`
gives an older workbook the new table (with its starter procedures) and columns."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.emergency_data import PROCEDURES
from secor_xl.demo_data import demo_data
from secor_xl.documents.emergency import erp_context
from secor_xl.reader.read import read_workbook

from .commands import secor_xl
from .test_province_law import ALBERTA
from .test_upgrade import V1

AS_OF = dt.date(2026, 11, 26)
DETAILS = "Details for this site"

BC_SITES = [
    {"Site": "Harbour Rd duplex, Nanaimo", "Address": "118 Harbour Rd, Nanaimo, BC",
     "Active": "Yes", "Nearest Hospital": "Nanaimo Regional General Hospital, 1200 Dufferin "
     "Cres", "Route to Hospital": "Terminal Ave north to Dufferin Cres, about 8 minutes",
     "Muster Point": "Sidewalk across the street", "Emergency Contacts":
     "911; site lead 250-555-0140; BC Hydro 1-888-769-3766",
     "Potential Emergencies": "Fire; serious injury; earthquake; utility strike",
     "Alarm and Communication": "Air horn; cell phones", "First Aid and Equipment":
     "Level 1 kit and extinguisher in the site trailer",
     "Evacuation and Rescue": "Front stairs to the street; ladder rescue from the deck"},
    {"Site": "Old job, Ladysmith", "Address": "4 Oak St, Ladysmith, BC", "Active": "No"},
]
BC_EARTHQUAKE = {"Emergency": "Earthquake",
                 "Steps": "1. Drop, cover and hold on. 2. When the shaking stops, leave "
                          "by the nearest safe way. 3. Muster and count heads.",
                 "Who Does What": "Site lead: counts heads and calls 911 for the injured.",
                 "Equipment": "First aid kit; flashlight; cell phone"}


def bc_client() -> tuple[dict[str, object], dict[str, list[dict[str, object]]]]:
    """The demo company moved to Nanaimo: its people and records, BC sites, the master's
    procedures plus an earthquake one, and its emergency roles."""
    data = demo_data(AS_OF)
    company = data.company | {"Province": "BC", "Company Name": "Coast Ridge Framing Ltd.",
                              "Certifying Partner": None}
    rows = {**data.rows, "Work Sites": BC_SITES,
            "Emergency Procedures": [*data.rows["Emergency Procedures"], BC_EARTHQUAKE]}
    return company, rows


def plan_of(path: Path, out: Path) -> Path:
    result = secor_xl("docs", path, "--out", out, "--only", "erp", "--as-of",
                      AS_OF.isoformat())
    assert result.returncode == 0, result.stderr
    (erp,) = out.glob("erp*.docx")
    return erp


def detail_cells(erp: Path) -> list[str]:
    """The text of every cell of each "Details for this site" column."""
    cells = []
    for table in docx.Document(str(erp)).tables:
        header = [c.text for c in table.rows[0].cells]
        if DETAILS in header:
            column = header.index(DETAILS)
            cells += [row.cells[column].text for row in table.rows[1:]]
    return cells


def text_of(erp: Path) -> str:
    document = docx.Document(str(erp))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def assert_complete(ctx: dict[str, Any], sites: int) -> None:
    assert len(ctx["sites"]) == sites
    for site in ctx["sites"]:
        assert site["emergency_list"] and not site["unmatched"], site["site"]
        for answer in site["answers"]:
            assert answer["detail"].strip() and not answer["missing"], (site["site"], answer)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = demo_data(AS_OF)
    return build_workbook(tmp_path_factory.mktemp("demo") / "demo.xlsx",
                          BuildOptions(company=data.company, rows=data.rows))


@pytest.fixture(scope="module")
def bc_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    company, rows = bc_client()
    return build_workbook(tmp_path_factory.mktemp("bc") / "bc.xlsx",
                          BuildOptions(company=company, rows=rows))


def test_the_demos_plan_answers_every_item_for_every_active_site(
        demo_path: Path, tmp_path: Path) -> None:
    ctx = erp_context(read_workbook(demo_path), AS_OF)
    assert_complete(ctx, sites=4)
    assert ctx["designated"] and ctx["training"] and ctx["equipment"]
    erp = plan_of(demo_path, tmp_path)
    cells = detail_cells(erp)
    assert len(cells) == 4 * 11 and all(c.strip() for c in cells)
    assert not [c for c in cells if "Missing" in c or "Incomplete" in c]
    text = text_of(erp)
    for procedure in ctx["procedures"]:
        assert procedure["emergency"] in text
    assert "s.116(j) The designated rescue and evacuation workers" in text
    assert "Warden (sites), First Aider, Rescue" in text


def test_the_bc_plan_cites_bc_law_and_no_alberta_instrument(bc_path: Path,
                                                             tmp_path: Path) -> None:
    ctx = erp_context(read_workbook(bc_path), AS_OF)
    assert_complete(ctx, sites=1)  # the finished Ladysmith job has no page
    (site,) = ctx["sites"]
    assert [p["emergency"] for p in site["procedures"]] == [
        "Fire", "Serious injury or medical emergency", "Earthquake", "Utility strike"]
    erp = plan_of(bc_path, tmp_path)
    text = text_of(erp)
    assert "sections 4.13 to 4.16 and Part 32" in text
    for alberta in (*ALBERTA, "s.116", "s.117", "Part 7"):
        assert alberta not in text, alberta
    assert "Ladysmith" not in text
    assert all(c.strip() and "Missing" not in c for c in detail_cells(erp))


def test_a_plan_names_what_is_missing_and_where(tmp_path: Path) -> None:
    """A site with no muster point and an emergency with no procedure; no roles, no drills."""
    data = demo_data(AS_OF)
    site = {"Site": "Riverbend lot 3", "Address": "3 Riverbend Way, Okotoks, AB",
            "Potential Emergencies": "Fire, trench collapse"}
    people = [{**p, "Emergency Role": None} for p in data.rows["Employees"]]
    path = build_workbook(tmp_path / "gaps.xlsx", BuildOptions(
        company=data.company | {"Province": "MB"},
        rows={**data.rows, "Work Sites": [site], "Employees": people, "Emergency Drills": []}))
    ctx = erp_context(read_workbook(path), AS_OF)
    (plan,) = ctx["sites"]
    assert plan["unmatched"] == ["trench collapse"]
    details = {a["label"]: a["detail"] for a in plan["answers"]}
    assert all(details.values())
    missing = "\n".join(a["detail"] for a in plan["answers"] if a["missing"])
    assert "no procedure for trench collapse: add it on the Emergency Procedures sheet" in missing
    assert "on Work Sites, row 2, column Muster Point" in missing
    assert "Emergency Role on Employees" in missing
    assert "record it on Emergency Drills" in missing
    assert not ctx["requirements"]["confirmed"]  # Manitoba: no section listing the contents
    text = text_of(plan_of(path, tmp_path / "docs"))
    assert "your province's occupational health and safety law" in text
    assert "Incomplete." in text
    for alberta in (*ALBERTA, "s.116"):
        assert alberta not in text, alberta


def test_a_new_master_starts_with_the_common_procedures(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "new.xlsx", BuildOptions(company={
        "Company Name": "Coast Framing Ltd.", "Province": "BC", "Number of Workers": 6}))
    frame = read_workbook(path).frame("Emergency Procedures")
    assert list(frame["Emergency"]) == [p[0] for p in PROCEDURES]
    for word in ("Fire", "Serious injury", "Vehicle", "Spill", "Severe weather",
                 "Utility strike", "Working alone"):
        assert any(word in name for name in frame["Emergency"]), word


def test_upgrade_adds_the_procedures_and_the_new_columns(tmp_path: Path) -> None:
    client = tmp_path / "client.xlsx"
    shutil.copy(V1, client)
    result = secor_xl("upgrade", client)
    assert result.returncode == 0, result.stderr
    assert (f"added the sheet Emergency Procedures (4 columns) with {len(PROCEDURES)} "
            "starter rows") in result.stdout
    assert "added the column Emergency Role to Employees" in result.stdout
    assert "added the sheet Work Sites (11 columns)" in result.stdout  # new to a v1 book
    wb = openpyxl.load_workbook(client)
    table = wb["Emergency Procedures"].tables["EmergencyProcedures"]
    assert table.ref == f"A1:D{1 + len(PROCEDURES)}"
    read = read_workbook(client)
    assert list(read.frame("Emergency Procedures")["Emergency"]) == [p[0] for p in PROCEDURES]
    assert "Emergency Role" in read.frame("Employees").columns
    assert "Evacuation and Rescue" in read.frame("Work Sites").columns
    again = secor_xl("upgrade", client)
    assert again.returncode == 0 and "added" not in again.stdout
    plan_of(client, tmp_path / "docs")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_bc_plan_with_every_procedure(bc_path: Path,
                                                             tmp_path: Path) -> None:
    erp = plan_of(bc_path, tmp_path)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(erp)],
                   check=True, capture_output=True, timeout=300)
    pdf = erp.with_suffix(".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = [" ".join(page.split()) for page in text.split("\f")]
    assert "Harbour Rd duplex, Nanaimo" in text and "Earthquake" in text
    assert re.search(r"\n\s*2\. When the shaking stops", text)  # a step to a line
    site_page = next(p for p in pages if "What the plan covers at Harbour Rd" in p)
    assert "The hospital and the route there" in site_page  # the last item: fits its page
