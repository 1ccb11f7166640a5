"""The picture test: every document of the demo (Alberta) and of a BC client, rendered to
PDF by LibreOffice and read back page by page (pdftotext), as a consultant reads a binder
before handing it over:

- no page holds only a signature block (the block keeps with what it signs);
- no table header is cut inside a word ("Confidenc/e"): every word of every header row
  is found whole in the PDF;
- every section (Heading 1) is in the PDF and has text under it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import demo_data

from .commands import secor_xl
from .conftest import DEMO_DAY

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")

FOOTER = re.compile(r"Page \d+ of \d+\s*$")
# what a signature block is made of: the lines to sign, and their captions
SIGNING = re.compile(r"^(_{5,}.*|Sign-off|Role\s+Name\s+Signature\s+Date|.*\bSignature\b.*"
                     r"|.*\bDate\s*$|Minutes shared with|workers|Chair\b.*|Investigator\b.*"
                     r"|Owner or senior.*|manager)$")


def binder(workbook: Path, out: Path) -> list[Path]:
    result = secor_xl("docs", workbook, "--out", out, "--pdf", "--as-of",
                      DEMO_DAY.isoformat())
    assert result.returncode == 0, result.stderr
    return sorted(out.glob("*.docx"))


@pytest.fixture(scope="module")
def documents(demo_master: Path, soffice: str, tmp_path_factory: pytest.TempPathFactory
              ) -> list[Path]:
    """The demo's binder and a BC client's (the demo's records in British Columbia)."""
    data = demo_data(DEMO_DAY)
    company = dict(data.company) | {"Province": "BC", "As-of Date": DEMO_DAY}
    bc = build_workbook(tmp_path_factory.mktemp("bc") / "bc_client.xlsx",
                        BuildOptions(company=company, rows=data.rows))
    return (binder(demo_master, tmp_path_factory.mktemp("ab_binder"))
            + binder(bc, tmp_path_factory.mktemp("bc_binder")))


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def body_lines(page: str) -> list[str]:
    """The page's lines without the running header (first line) and the footer."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines[1:] if not FOOTER.search(line)]


def header_rows(path: Path) -> list[str]:
    document = docx.Document(str(path))
    rows = []
    for table in document.element.body.iter(qn("w:tbl")):
        first = table.find(qn("w:tr"))
        if first is not None and first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None:
            for cell in first.iter(qn("w:tc")):
                rows.append("".join(t.text or "" for t in cell.iter(qn("w:t"))))
    return rows


def sections(path: Path) -> list[str]:
    document = docx.Document(str(path))
    ids = {document.styles["Heading 1"].style_id}
    found = []
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
        if style is not None and style.get(qn("w:val")) in ids and text:
            found.append(text)
    return found


def test_both_binders_have_every_document(documents: list[Path]) -> None:
    kinds = {p.name.split("_2026")[0].rsplit("_INC", 1)[0].rsplit("_M-", 1)[0]
             for p in documents}
    assert kinds == {"policy", "erp", "minutes", "readiness", "training", "incident",
                     "hazards", "evidence", "audit_notes"}
    assert all(p.with_suffix(".pdf").is_file() for p in documents)


def test_no_page_is_only_a_signature_block(documents: list[Path]) -> None:
    for path in documents:
        for number, page in enumerate(pages(path.with_suffix(".pdf")), start=1):
            lines = body_lines(page)
            if any(SIGNING.match(line) for line in lines):
                others = [line for line in lines if not SIGNING.match(line)]
                assert len(others) >= 3, (path.name, number, lines)


def test_no_table_header_is_cut_inside_a_word(documents: list[Path]) -> None:
    for path in documents:
        words = set(" ".join(pages(path.with_suffix(".pdf"))).split())
        for header in header_rows(path):
            for word in header.split():
                assert word in words, (path.name, header, word)


def test_every_section_is_there_with_text(documents: list[Path]) -> None:
    for path in documents:
        flat = " ".join(" ".join(body_lines(page)) for page in
                        pages(path.with_suffix(".pdf")))
        flat = re.sub(r"\s+", " ", flat)
        at = 0
        found = sections(path)
        assert found, path.name
        for heading, following in zip(found, [*found[1:], None], strict=True):
            heading = re.sub(r"\s+", " ", heading)
            start = flat.find(heading, at)
            assert start >= 0, (path.name, heading)
            end = flat.find(re.sub(r"\s+", " ", following), start + len(heading)) \
                if following else len(flat)
            assert flat[start + len(heading):end].strip(), (path.name, heading)
            at = start + len(heading)
