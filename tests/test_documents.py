"""Word documents: rendered from the demo and an empty workbook, reopened and read back."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.documents.render import render_docx
from secor_xl.errors import UserError
from secor_xl.files import safe_filename

from .commands import secor_xl

AS_OF = dt.date(2026, 11, 26)
NAMES = ("policy", "erp", "minutes", "readiness", "training", "incident", "hazards",
         "evidence", "audit_notes")


def text_of(path: Path) -> str:
    """Every paragraph and table cell of a .docx, as one string."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def in_order(path: Path) -> str:
    """The body of a .docx in reading order: paragraphs, and table rows as "a | b"."""
    lines = []
    for element in docx.Document(str(path)).element.body.iterchildren():
        if element.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in element.iter(qn("w:t"))))
        elif element.tag == qn("w:tbl"):
            for row in element.iter(qn("w:tr")):
                lines.append(" | ".join("".join(t.text or "" for t in cell.iter(qn("w:t")))
                                        for cell in row.iter(qn("w:tc"))))
    return "\n".join(lines)


# a question id such as O10.1 (an observation point) is not a source id
SOURCE_ID = re.compile(r"\b(?:[SLBKMOATE]\d{2}|R1\d-\d{2})\b(?!\.\d)")
APPENDIX = "Where these rules come from"

cli = secor_xl


@pytest.fixture(scope="module")
def demo_workbook(demo_master: Path) -> Path:
    return demo_master


@pytest.fixture(scope="module")
def demo_docs(demo_binder: Path) -> Path:
    return demo_binder


def tiny_template(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


# -- rendering rules ----------------------------------------------------------------------


def test_text_prints_as_written(tmp_path: Path) -> None:
    name = "Smith & Jones <Ltd> — Réunion été 🎉 \"quoted\""
    template = tiny_template(tmp_path / "t.docx", "Company: {{ company.name }}")
    render_docx(template, {"company": {"name": name}}, tmp_path / "out.docx")
    assert f"Company: {name}" in text_of(tmp_path / "out.docx")


@pytest.mark.parametrize("hostile", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ company.__init__.__globals__ }}",
])
def test_hostile_template_is_refused(tmp_path: Path, hostile: str) -> None:
    template = tiny_template(tmp_path / "evil.docx", hostile)
    with pytest.raises(UserError, match=r"evil\.docx: refused"):
        render_docx(template, {"company": {"name": "X"}}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_misspelt_name_is_an_error_not_a_blank(tmp_path: Path) -> None:
    template = tiny_template(tmp_path / "typo.docx", "{{ company.nmae }}")
    with pytest.raises(UserError, match="name the document does not have"):
        render_docx(template, {"company": {"name": "X"}}, tmp_path / "out.docx")


@pytest.mark.parametrize(("text", "expected"), [
    ("M-2026-11", "M-2026-11"), ("../../etc/passwd", "etc-passwd"), ("CON", "_CON"),
    ("a/b\\c", "a-b-c"), ("..", "document"), ("LPT1.txt", "_LPT1.txt"),
    ("Réunion été", "Réunion été"),
])
def test_file_names_from_cells_are_sanitised(text: str, expected: str) -> None:
    assert safe_filename(text) == expected


# -- the demo's nine documents -------------------------------------------------------------


def test_docs_writes_nine_documents(demo_docs: Path) -> None:
    files = sorted(p.name for p in demo_docs.glob("*.docx"))
    # one incident report per incident of the 12 months (the lost-time injury that had to
    # be reported among them), not only the latest; the one 480 days back is out
    incidents = [f for f in files if f.startswith("incident_")]
    assert incidents == [f"incident_INC-00{n}.docx" for n in (2, 3, 4, 5)]
    assert len(files) == 8 + len(incidents)
    for name in NAMES:
        assert any(f.startswith(f"{name}_") for f in files), name
    for path in demo_docs.glob("*.docx"):
        text = text_of(path)
        assert "Prairie Ridge Framing Ltd." in text, path.name
        assert "{{" not in text and "{%" not in text, path.name
        assert "November 26, 2026" in text, path.name  # the as-of day, the Canadian way


def test_documents_carry_the_workbook_data(demo_docs: Path, demo_workbook: Path) -> None:
    from secor_xl.reader.read import read_workbook
    from secor_xl.score import score_workbook

    score = score_workbook(read_workbook(demo_workbook), AS_OF).to_dict()
    readiness = text_of(next(demo_docs.glob("readiness_*.docx")))
    assert f"{score['overall']:.1f} %" in readiness
    assert "PASS" in readiness
    assert "Truck 2 - 2021 Ram 2500" in readiness  # a gap or a late item
    assert len(docx.Document(str(next(demo_docs.glob("readiness_*.docx")))).inline_shapes) == 1
    assert "The road to SECOR" in readiness and "Estimated PIR refund: $920" in readiness
    assert "Maintenance submission, year 3" in readiness
    assert "days since the last lost-time incident" in readiness
    assert "The count is 8 from the Employees sheet" in readiness
    assert "Certifying partners do not all state this limit the same way" in readiness
    by_year = score["road"]["incidents"]["by_year"]
    assert by_year, "the demo has incidents"
    table = next(t for t in docx.Document(str(next(demo_docs.glob("readiness_*.docx")))).tables
                 if t.rows[0].cells[0].text == "Year")
    shown = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in table.rows[1:]}
    assert set(shown) == set(by_year)
    for year, types in by_year.items():
        total, text = shown[year]
        assert int(total) == sum(types.values())
        assert all(f"{kind}: {n}" in text for kind, n in types.items())
    minutes = text_of(next(demo_docs.glob("minutes_*.docx")))
    assert "M-2026-11" in minutes and "Dale Kowalski" in minutes
    assert "CA-031" in minutes  # the open action with its owner and due date
    training = text_of(next(demo_docs.glob("training_*.docx")))
    assert "Tyler Bouchard" in training and "Fall Protection" in training
    assert "expired" in training.lower()
    hazards = text_of(next(demo_docs.glob("hazards_*.docx")))
    assert "HA-" in hazards
    erp = text_of(next(demo_docs.glob("erp_*.docx")))
    assert "911" in erp
    evidence = text_of(next(demo_docs.glob("evidence_*.docx")))
    assert "Inspection Log" in evidence


def test_readiness_body_is_advice_and_sources_are_in_the_appendix(demo_docs: Path,
                                                                  demo_workbook: Path) -> None:
    from secor_xl.reader.read import read_workbook
    from secor_xl.score import score_workbook

    score = score_workbook(read_workbook(demo_workbook), AS_OF).to_dict()
    text = in_order(next(demo_docs.glob("readiness_*.docx")))
    assert text.count(APPENDIX) == 1
    body, appendix = text.split(APPENDIX)
    assert not SOURCE_ID.search(body), SOURCE_ID.findall(body)[:5]
    for remark in ("sources:", "confidence", "Sources disagree", "good practice", "no source",
                   "the reference", "(vendor pages; low)"):
        assert remark not in body, remark
    assert "Management took part in safety in each of the last 4 full calendar quarters |" \
        in body  # the criterion, without "(good practice: no source sets the cadence)"
    # ... which is in the appendix, with every source the report rests on
    assert "1.3 | E01, S15 | Low | good practice: no source sets the cadence" in appendix
    worth = score["road"]["incentive"]
    line = next(x for x in appendix.splitlines() if x.startswith("What the certificate is "))
    assert f"{', '.join(worth['source_ids'])} | {worth['confidence'].capitalize()}" in line
    assert "Also said: 'fewer than 10' / 'less than 10' (vendor pages; low)." in appendix
    assert "S10 | AMHSA - Small Employer COR (SECOR) | certifying partner" in appendix
    assert "R13-08 | Alberta OHS Act Part 2 (s.13) | legislation" in appendix
    listed = [row.split(" | ")[0] for row in appendix.split("The sources", 1)[1].splitlines()
              if " | " in row][1:]
    cited = set(SOURCE_ID.findall(appendix.split("The sources", 1)[0]))
    assert cited <= set(listed), sorted(cited - set(listed))


def test_incident_reporting_rule_moves_to_the_appendix(demo_docs: Path) -> None:
    text = in_order(next(demo_docs.glob("incident_*.docx")))
    body, appendix = text.split(APPENDIX)
    assert not SOURCE_ID.search(body)
    assert "Reporting an injury to WCB | WCB-Alberta: the employer reports within 72 hours" \
        in appendix
    assert "R13-44 | WCB-Alberta - Claims process for employers | regulator" in appendix


def test_documents_without_sources_have_no_appendix(demo_docs: Path) -> None:
    for name in ("policy", "erp", "minutes", "training", "hazards", "evidence"):
        text = in_order(next(demo_docs.glob(f"{name}_*.docx")))
        assert APPENDIX not in text and not SOURCE_ID.search(text), name


def test_prepared_by_is_in_every_footer(demo_workbook: Path, tmp_path: Path) -> None:
    book = tmp_path / "prepared.xlsx"
    shutil.copy(demo_workbook, book)
    wb = openpyxl.load_workbook(book)
    sheet = wb["Company"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Prepared By")
    sheet.cell(row, 2).value = "Northern Safety Consulting (J. Okafor)"
    wb.save(book)
    result = cli("docs", book, "--out", tmp_path / "docs", "--only", "policy,readiness")
    assert result.returncode == 0, result.stderr
    for path in (tmp_path / "docs").glob("*.docx"):
        footer = "\n".join(p.text for s in docx.Document(str(path)).sections
                           for p in s.footer.paragraphs)
        assert ("Prepared by Northern Safety Consulting (J. Okafor), from the SECOR workbook "
                "as of November 26, 2026") in footer, path.name


def test_docs_says_how_many_errors_and_strict_writes_nothing(demo_workbook: Path,
                                                             tmp_path: Path) -> None:
    result = cli("docs", demo_workbook, "--out", tmp_path / "a", "--only", "policy")
    assert result.returncode == 0, result.stderr
    assert f"The workbook has 4 errors: secor-xl check {demo_workbook} lists them." \
        in result.stderr
    strict = cli("docs", demo_workbook, "--out", tmp_path / "b", "--strict")
    assert strict.returncode == 1
    assert "4 errors" in strict.stderr and "nothing was written (--strict)" in strict.stderr
    assert not (tmp_path / "b").exists()


def test_force_keeps_backups_beside_the_binder_never_in_it(demo_workbook: Path,
                                                           tmp_path: Path) -> None:
    binder = tmp_path / "binder"
    for _ in range(3):
        result = cli("docs", demo_workbook, "--out", binder, "--only", "policy,erp", "--force")
        assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in binder.iterdir()) == ["erp_2026-11-26.docx",
                                                        "policy_2026-11-26.docx"]
    kept = sorted(p.name for p in (tmp_path / "backups" / "binder").iterdir())
    assert len(kept) == 4 and all(re.fullmatch(r"(erp|policy)_2026-11-26\.\d{8}-\d{6}"
                                                r"(-\d+)?\.docx", k) for k in kept), kept
    assert not list(tmp_path.rglob("*.bak.docx"))


def test_docs_refuses_to_overwrite(demo_workbook: Path, demo_docs: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in demo_docs.iterdir()}
    result = cli("docs", demo_workbook, "--out", demo_docs)
    assert result.returncode == 2 and "--force" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in demo_docs.iterdir()} == before


def test_docs_only_and_unknown_names(demo_workbook: Path, tmp_path: Path) -> None:
    result = cli("docs", demo_workbook, "--out", tmp_path, "--only", "policy,erp")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name.split("_")[0] for p in tmp_path.iterdir()) == ["erp", "policy"]
    bad = cli("docs", demo_workbook, "--out", tmp_path / "x", "--only", "policy,binder")
    assert bad.returncode == 2 and "binder" in bad.stderr and "readiness" in bad.stderr


def test_minutes_and_incident_for_one_record(demo_workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    assert cli("minutes", demo_workbook, "--meeting", "m-2026-11", "--out", out).returncode == 0
    assert "M-2026-11" in text_of(out)
    unknown = cli("minutes", demo_workbook, "--meeting", "M-1999-01", "--out", tmp_path / "n.docx")
    assert unknown.returncode == 2 and "M-2026-11" in unknown.stderr
    report = tmp_path / "i.docx"
    assert cli("incident", demo_workbook, "--incident", "INC-004", "--out",
               report).returncode == 0
    assert "INC-004" in text_of(report)
    missing = cli("incident", demo_workbook, "--incident", "INC-999", "--out",
                  tmp_path / "j.docx")
    assert missing.returncode == 2 and "INC-001" in missing.stderr


def test_empty_workbook_documents_say_what_is_missing(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "empty.xlsx",
                          BuildOptions(company={"Company Name": "Empty & Co"}))
    result = cli("docs", path, "--out", tmp_path / "docs", "--as-of", AS_OF.isoformat())
    assert result.returncode == 0, result.stderr
    files = list((tmp_path / "docs").glob("*.docx"))
    assert len(files) == 7  # no meeting and no incident yet
    assert "no meeting" in result.stderr and "no incident" in result.stderr
    for path in files:
        text = text_of(path)
        assert "Empty & Co" in text and "{{" not in text


# -- templates check ------------------------------------------------------------------------


def test_templates_check_shipped_folder() -> None:
    root = Path(__file__).resolve().parent.parent / "doc_templates"
    result = cli("templates", "check", root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "12 templates checked: 0 with errors" in result.stdout


def test_templates_check_finds_typos(tmp_path: Path) -> None:
    tiny_template(tmp_path / "policy.docx", "{{ company.nmae }}")
    tiny_template(tmp_path / "erp.docx", "{{ compny.name }}")
    tiny_template(tmp_path / "minutes.docx", "{% for x in meeting.attendees %}")
    result = cli("templates", "check", tmp_path)
    assert result.returncode == 1
    assert "nmae" in result.stdout and "compny" in result.stdout
    assert "syntax" in result.stdout


# -- PDF through LibreOffice -----------------------------------------------------------------


def test_docs_pdf(demo_workbook: Path, tmp_path: Path, soffice: str) -> None:
    result = cli("docs", demo_workbook, "--out", tmp_path, "--pdf")
    assert result.returncode == 0, result.stderr
    pdfs = list(tmp_path.glob("*.pdf"))
    assert len(pdfs) == len(list(tmp_path.glob("*.docx"))) == 12  # four incident reports
    for pdf in pdfs:
        assert pdf.read_bytes()[:5] == b"%PDF-"
