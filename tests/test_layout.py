"""Page layout of the nine documents: read back from the Word XML, and as LibreOffice lays
them out in a PDF (pdftotext, page by page).

No heading is the last line of a page, no table row is split (w:cantSplit on every
row; every row is found whole in the PDF), and the policy's signature is on the page
of its last paragraph.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from secor_xl.documents import context as ctx
from secor_xl.documents.layout import heading_style_ids
from secor_xl.documents.render import default_templates, render_docx
from secor_xl.reader.read import read_workbook

AS_OF = dt.date(2026, 11, 26)
NAMES = ("policy", "erp", "minutes", "readiness", "training", "incident", "hazards",
         "evidence", "audit_notes")
FOOTER = re.compile(r"Page \d+ of \d+\s*$")


@pytest.fixture(scope="module")
def binder(demo_binder: Path) -> Path:
    return demo_binder


def documents(folder: Path) -> dict[str, Path]:
    return {name: next(folder.glob(f"{name}_*.docx")) for name in NAMES}


def text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def headings(path: Path) -> list[str]:
    document = docx.Document(str(path))
    ids = heading_style_ids(document)
    found = []
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) in ids and text(p).strip():
            found.append(_squash(text(p)))
    return found


def _squash(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


# -- the XML ---------------------------------------------------------------------------


def test_every_row_is_kept_whole_and_every_heading_with_what_follows(binder: Path) -> None:
    for name, path in documents(binder).items():
        document = docx.Document(str(path))
        body = document.element.body
        rows = body.findall(f".//{qn('w:tr')}")
        assert rows or name == "policy", name
        for row in rows:
            assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None, \
                (name, text(row)[:60])
        ids = heading_style_ids(document)
        for p in body.iter(qn("w:p")):
            p_pr = p.find(qn("w:pPr"))
            style = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
            if style is not None and style.get(qn("w:val")) in ids:
                assert p_pr.find(qn("w:keepNext")) is not None, (name, text(p))


def test_templates_carry_the_same_settings() -> None:
    """The shipped templates have them too, so a consultant who restyles one in Word sees
    them (the heading styles keep with next; rows do not split)."""
    for name in NAMES:
        document = docx.Document(str(default_templates() / f"{name}.docx"))
        for style in ("Title", "Subtitle", "Heading 1", "Heading 2"):
            assert document.styles[style].paragraph_format.keep_with_next, (name, style)
        for row in document.element.body.iter(qn("w:tr")):
            assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None, name


def test_policy_signature_keeps_with_the_last_paragraph(binder: Path) -> None:
    paragraphs = docx.Document(str(documents(binder)["policy"])).paragraphs
    last = next(i for i, p in enumerate(paragraphs) if "The next review is due by" in p.text)
    block = paragraphs[last:last + 4]
    assert block[1].text.startswith("_" * 10) and "Date" in block[2].text
    assert block[3].text.startswith("Approved")
    for paragraph in block[:3]:  # each keeps with the next, down to the approval line
        assert paragraph.paragraph_format.keep_with_next, paragraph.text
    for paragraph in block[1:]:
        assert paragraph.paragraph_format.keep_together, paragraph.text


def test_sign_off_tables_stay_together(binder: Path) -> None:
    for name in ("minutes", "incident"):
        table = next(t for t in docx.Document(str(documents(binder)[name])).tables
                     if t.rows[0].cells[0].text == "Role")
        for row in table.rows[:-1]:
            assert all(p.paragraph_format.keep_with_next for c in row.cells
                       for p in c.paragraphs), name


# -- as LibreOffice lays them out ---------------------------------------------------------


@pytest.fixture(scope="session")
def pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is required under CI (apt-get install poppler-utils)")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return found


def pages(pdf: Path, tool: str, layout: bool = True) -> list[str]:
    """Each page's text; `layout` keeps lines as printed, else each cell's text in one run."""
    done = subprocess.run([tool, *(["-layout"] if layout else []), str(pdf), "-"],
                          capture_output=True, text=True, check=True)
    return done.stdout.split("\f")[:-1]


def body_lines(page: str) -> list[str]:
    """A page's lines without the header (company, title) and the footer (Page n of m)."""
    lines = [_squash(line) for line in page.splitlines() if line.strip()]
    return [line for line in lines[1:] if not FOOTER.search(line)]


def heading_at_foot(docx_path: Path, pdf: Path, tool: str) -> list[tuple[int, str]]:
    """(page, line) where a page ends with a heading."""
    titles = headings(docx_path)
    found = []
    for number, page in enumerate(pages(pdf, tool)[:-1], start=1):
        lines = body_lines(page)
        last = lines[-1] if lines else ""
        if any(last and (h == last or h.startswith(last)) for h in titles):
            found.append((number, last))
    return found


@pytest.fixture(scope="module")
def pdfs(binder: Path, soffice: str, tmp_path_factory: pytest.TempPathFactory
         ) -> dict[str, Path]:
    from secor_xl.libreoffice import convert_many

    paths = documents(binder)
    made = convert_many(list(paths.values()), "pdf", tmp_path_factory.mktemp("pdf"))
    return dict(zip(paths, made, strict=True))


@pytest.mark.libreoffice
def test_no_heading_ends_a_page(binder: Path, pdfs: dict[str, Path], pdftotext: str) -> None:
    assert pages(pdfs["readiness"], pdftotext)[1:], "the readiness report has several pages"
    for name, pdf in pdfs.items():
        assert heading_at_foot(documents(binder)[name], pdf, pdftotext) == [], name


@pytest.mark.libreoffice
def test_every_table_row_is_printed_whole(binder: Path, pdfs: dict[str, Path],
                                          pdftotext: str) -> None:
    """Rows that cannot split are all there (LibreOffice once dropped rows of such tables)."""
    for name, pdf in pdfs.items():
        everything = "".join(re.sub(r"\s+", "", page)
                             for page in pages(pdf, pdftotext, layout=False))
        for table in docx.Document(str(documents(binder)[name])).tables:
            for row in table.rows:
                first = re.sub(r"\s+", "", row.cells[0].text)
                if len(first) < 3:
                    continue
                assert first in everything, (name, row.cells[0].text)


@pytest.mark.libreoffice
def test_policy_signature_on_the_page_of_its_last_paragraph(
        binder: Path, demo_master: Path, pdftotext: str, soffice: str, tmp_path: Path) -> None:
    """The demo's policy fits one page; one with longer duties runs to two, and the
    signature goes over with the last paragraph (not alone on the second page)."""
    from secor_xl.libreoffice import convert_many

    context = ctx.policy_context(read_workbook(demo_master), AS_OF)
    longer = copy.deepcopy(context)
    longer["supervisor_duties"] = longer["supervisor_duties"] * 3
    longer["worker_duties"] = longer["worker_duties"] * 2
    padded = render_docx(default_templates() / "policy.docx", longer, tmp_path / "long.docx")
    assert padded is None  # writes the file
    made = convert_many([documents(binder)["policy"], tmp_path / "long.docx"], "pdf",
                        tmp_path / "pdf")
    one, two = (pages(p, pdftotext) for p in made)
    assert len(one) == 1, "the demo's policy statement fits one page to post"
    assert len(two) == 2
    signer = context["signatory"]
    for printed in (one, two):
        last = printed[-1]
        assert "The next review is due by" in _squash(last)
        assert signer in last and "____" in last and "Approved June 19, 2026" in last
        before = body_lines(printed[-1])
        assert before.index(next(x for x in before if x.startswith("____"))) > 0


@pytest.mark.libreoffice
def test_no_heading_ends_a_page_wherever_the_breaks_fall(
        demo_master: Path, pdftotext: str, soffice: str, tmp_path: Path) -> None:
    """The training report with 1 to 8 workers: its headings land everywhere on the page."""
    from secor_xl.libreoffice import convert_many

    context = ctx.training_context(read_workbook(demo_master), AS_OF)
    paths = []
    for count in range(1, len(context["workers"]) + 1):
        trimmed = copy.deepcopy(context)
        trimmed["workers"] = context["workers"][:count] + context["workers"][:count // 2]
        path = tmp_path / f"training-{count}.docx"
        render_docx(default_templates() / "training.docx", trimmed, path)
        paths.append(path)
    for path, pdf in zip(paths, convert_many(paths, "pdf", tmp_path / "pdf"), strict=True):
        assert heading_at_foot(path, pdf, pdftotext) == [], path.name


@pytest.mark.libreoffice
def test_readiness_headings_wherever_the_breaks_fall(
        demo_master: Path, pdftotext: str, soffice: str, tmp_path: Path) -> None:
    """The readiness report with 0 to 11 gaps and five late items: the old templates left
    "The road to SECOR" alone at the foot of page 2 with 9 gaps."""
    from secor_xl.documents.chart import element_chart
    from secor_xl.libreoffice import convert_many
    from secor_xl.rules.check import check_workbook
    from secor_xl.score import score_workbook

    wb = read_workbook(demo_master)
    context = ctx.readiness_context(wb, AS_OF, score_workbook(wb, AS_OF).to_dict(),
                                    check_workbook(wb, AS_OF))
    chart = element_chart(context["score"], tmp_path / "chart.png")
    paths = []
    for count in range(12):
        varied = copy.deepcopy(context)
        varied["gaps"] = context["gaps"][:count]
        varied["late"] = (context["late"] * 3)[:5]
        path = tmp_path / f"readiness-{count}.docx"
        render_docx(default_templates() / "readiness.docx", varied, path, chart)
        paths.append(path)
    for path, pdf in zip(paths, convert_many(paths, "pdf", tmp_path / "pdf"), strict=True):
        assert heading_at_foot(path, pdf, pdftotext) == [], path.name


def test_notes_records_keep_with_their_table_and_the_sign_off_with_its_paragraph(
        binder: Path) -> None:
    """An element's heading, points, records and tallies keep with its table; the prepared-by
    block keeps with the paragraph before it and with itself."""
    paragraphs = docx.Document(str(documents(binder)["audit_notes"])).paragraphs
    records = [p for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert len(records) >= 10
    assert all(p.paragraph_format.keep_with_next for p in records)
    last = next(i for i, p in enumerate(paragraphs) if "one miss is a failure" in p.text)
    block = paragraphs[last:last + 4]
    assert block[1].text.startswith("_" * 10) and "Prepared by: " in block[2].text
    assert "Date" in block[2].text and block[3].text.startswith("Working notes as of")
    assert all(p.paragraph_format.keep_with_next for p in block[:3])


@pytest.mark.libreoffice
def test_notes_ids_and_points_print_on_one_line(binder: Path, pdfs: dict[str, Path],
                                                pdftotext: str) -> None:
    """The ID and Points cells are wide enough: "O10.1" and "2.8 of 3" are never wrapped
    (each is found on a printed line as often as the notes' table holds it), and the
    sign-off is on the page of the notes' last paragraph."""
    printed = pages(pdfs["audit_notes"], pdftotext)
    lines = "\n".join(_squash(line) for page in printed for line in page.splitlines())
    document = docx.Document(str(documents(binder)["audit_notes"]))
    cells = [(row.cells[0].text, row.cells[3].text) for table in document.tables
             if table.rows[0].cells[0].text == "ID" for row in table.rows[1:]]
    assert len(cells) > 50
    for ident, points in cells:
        assert re.search(rf"(^|\s){re.escape(ident)}\s", lines, re.M), ident
        wanted = sum(1 for _, p in cells if p == points)
        assert lines.count(points) >= wanted, points
    assert "one miss is a failure" in _squash(printed[-1])
    assert "Prepared by:" in printed[-1] and "Date" in printed[-1]
