"""Build the Word templates (the nine documents of `docs`, the interview plan and guide, the
walk-around checklist) in doc_templates/ with python-docx.

    python scripts/build_templates.py                 # rewrite doc_templates/*.docx
    python scripts/build_templates.py --check         # exit 1 when a committed template is stale
    python scripts/build_templates.py --outdir DIR    # write them somewhere else

Each template is a docxtpl template: Jinja2 tags inside a .docx, rendered with
the context of `secor_xl.documents.context` (`{{ company.name }}`, ...). Only
Word's built-in styles are used (Title, Heading 1/2, List Bullet, Light Grid
Accent 1, ...) plus one "Table Text" paragraph style, so a consultant can
restyle a whole document in Word. Calibri 11, Letter, 2 cm margins.

Tag rules the builder keeps (docxtpl parses the Word XML): each Jinja tag is
written inside one run; `{%p ... %}` tags stand alone in their own paragraph
and `{%tr ... %}` tags in their own table row, which docxtpl removes.

The build is reproducible: fixed core properties and zip timestamps, so an
unchanged script gives byte-identical files and `git status` stays clean.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "doc_templates"

FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FONT = "Calibri"
MARGIN = Cm(2)
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.59), Cm(27.94)  # Letter, as Canadian offices print
TEXT_WIDTH_CM = 21.59 - 4
TABLE_STYLE = "Light Grid Accent 1"
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xC0, 0x00, 0x00)
FOOTER = ("{% if company.prepared_by %}Prepared by {{ company.prepared_by }}, from the SECOR "
          "workbook as of {{ as_of|date }}{% else %}Prepared with secor-xl from the company's "
          "SECOR workbook, as of {{ as_of|date }}{% endif %}")

Run = tuple[str, dict[str, object]]  # text, run formatting (bold, italic, color, size)


# --- the document and its styles ---------------------------------------------------------


def _calibri_everywhere(doc: DocumentObject) -> None:
    """Every style and the defaults in Calibri (the default template uses theme fonts)."""
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if r_pr.find(qn("w:rFonts")) is None:
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        r_pr.insert(0, fonts)


def _clear_tabs(style_format: object, right_at: float) -> None:
    stops = style_format.tab_stops  # type: ignore[attr-defined]
    stops.clear_all()
    stops.add_tab_stop(Cm(right_at), WD_TAB_ALIGNMENT.RIGHT)


def _setup_styles(doc: DocumentObject) -> None:
    _calibri_everywhere(doc)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.08

    title = styles["Title"]
    title.font.size, title.font.color.rgb = Pt(24), RGBColor(0x1F, 0x3A, 0x5F)
    title.paragraph_format.space_after = Pt(4)
    subtitle = styles["Subtitle"]
    subtitle.font.size, subtitle.font.italic = Pt(14), False
    subtitle.paragraph_format.space_after = Pt(2)
    h1, h2 = styles["Heading 1"], styles["Heading 2"]
    h1.font.size, h1.paragraph_format.space_before = Pt(14), Pt(16)
    h1.paragraph_format.space_after = Pt(4)
    h2.font.size, h2.paragraph_format.space_before = Pt(12), Pt(10)
    h2.paragraph_format.space_after = Pt(3)
    styles["List Bullet"].paragraph_format.space_after = Pt(3)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2"):
        # never the last line of a page: a heading goes with what it introduces
        styles[name].paragraph_format.keep_with_next = True
        styles[name].paragraph_format.keep_together = True

    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(10)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    table_text.quick_style = True

    for name in ("Header", "Footer"):
        style = styles[name]
        style.font.size, style.font.color.rgb = Pt(8.5), GREY
        _clear_tabs(style.paragraph_format, TEXT_WIDTH_CM)
    # A thin rule under the header, on the style so it restyles with it.
    p_pr = styles["Header"].element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"),
                       ("w:color", "A6A6A6")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.insert(0, borders)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) at the end of `paragraph`."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _setup_page(doc: DocumentObject, title: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Cm(1)
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.add_run("{{ company.name }}\t" + title)
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run(FOOTER + "\tPage ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _fix_properties(doc: DocumentObject, title: str, subject: str) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = "secor-xl"
    props.title, props.subject = title, subject
    props.comments = "docxtpl template: Jinja2 tags filled in from the SECOR workbook."
    props.keywords = "SECOR; health and safety"
    props.created = props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1


class Template:
    """A docxtpl template being written, with helpers that keep tags in one run."""

    def __init__(self, title: str, subject: str) -> None:
        self.title = title
        self.doc = Document()
        _setup_styles(self.doc)
        _setup_page(self.doc, title)
        _fix_properties(self.doc, title, subject)
        self.p(title, "Title")
        self.p("{{ company.name }}", "Subtitle")

    # paragraphs
    def p(self, text: str = "", style: str | None = None, *, bold: bool = False,
          italic: bool = False, align: WD_ALIGN_PARAGRAPH | None = None,
          keep: bool = False, before: float | None = None) -> Paragraph:
        """One paragraph, its text in a single run (so a tag in it stays whole).

        `keep` keeps it on the page of the next paragraph or table (an introduction);
        `before` is the space above it in points (after a table)."""
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
        if align is not None:
            paragraph.alignment = align
        if keep:
            paragraph.paragraph_format.keep_with_next = True
        if before is not None:
            paragraph.paragraph_format.space_before = Pt(before)
        return paragraph

    def runs(self, parts: Sequence[Run], style: str | None = None) -> Paragraph:
        """A paragraph of several runs; each run holds whole tags."""
        paragraph = self.doc.add_paragraph(style=style)
        _add_runs(paragraph, parts)
        return paragraph

    def tag(self, text: str) -> None:
        """A docxtpl paragraph tag ({%p ... %}), alone in its paragraph."""
        self.p(text)

    def h1(self, text: str, *, new_page: bool = False) -> None:
        heading = self.p(text, "Heading 1")
        if new_page:
            heading.paragraph_format.page_break_before = True

    def h2(self, text: str) -> None:
        self.p(text, "Heading 2")

    def bullets(self, items: str, name: str = "item") -> None:
        """A bulleted list of the strings in `items`."""
        self.tag("{%p for " + name + " in " + items + " %}")
        self.p("{{ " + name + " }}", "List Bullet")
        self.tag("{%p endfor %}")

    def if_else(self, condition: str, then: Callable[[], object], otherwise: str,
                keep: bool = False) -> None:
        """`then()` when `condition` holds, else the sentence `otherwise` (kept with what
        follows when `keep`)."""
        self.tag("{%p if " + condition + " %}")
        then()
        self.tag("{%p else %}")
        self.p(otherwise, italic=True, keep=keep)
        self.tag("{%p endif %}")

    def signature(self, name: str, under: str) -> None:
        """A signature line with the signer's name under it, and a date line beside it.

        The block keeps with itself, and the paragraph before it must be made to keep
        with it (`keep=True`), so the signature never stands alone on a page."""
        line = self.p("_" * 38 + "\t" + "_" * 20, before=24, keep=True)
        line.paragraph_format.space_after = Pt(0)
        line.paragraph_format.tab_stops.add_tab_stop(Cm(11))
        caption = self.p(name + "\tDate", keep=bool(under))
        caption.paragraph_format.tab_stops.add_tab_stop(Cm(11))
        parts = [line, caption]
        if under:
            parts.append(self.p(under, italic=True))
        for paragraph in parts:
            paragraph.paragraph_format.keep_together = True

    def appendix(self, criteria: bool = False) -> None:
        """"Where these rules come from": the figures the document uses, each with its
        sources and confidence, and what each source is (context `appendix`)."""
        self.tag("{%p if appendix.rules or appendix.criteria %}")
        self.h1("Where these rules come from", new_page=True)
        self.p("The figures and rules this document uses, the sources they rest on, and how "
               "sure those sources are: high when the regulator, the WCB or the certifying "
               "partner states it, or two sources agree; medium for a single page that may be "
               "dated; low for a single vendor or consultant page, or common practice. "
               "Certifying partners change their tools from time to time: ask yours before "
               "relying on a figure.", keep=True)
        self.table(["What", "Used here", "Sources", "Confidence"],
                   ["{{ r.topic }}",
                    "{{ r.used }}{% for o in r.others %} {{ o }}{% endfor %}",
                    "{{ r.sources }}", "{{ r.confidence|capitalize }}"],
                   [3.4, TEXT_WIDTH_CM - 9.6, 3.3, 2.9], loop="r in appendix.rules")
        if criteria:
            self.tag("{%p if appendix.criteria %}")
            self.h2("The readiness criteria")
            self.p("Each criterion's sources and confidence. Criteria marked good practice are "
                   "not asked for by a published audit tool or law and weigh little.",
                   keep=True)
            # said once for all the criteria it concerns, not in every row's note
            self.tag("{%p if appendix.criteria_note %}")
            self.p("{{ appendix.criteria_note }}", italic=True, keep=True)
            self.tag("{%p endif %}")
            self.table(["#", "Sources", "Confidence", "Note"],
                       ["{{ c.id }}", "{{ c.sources }}", "{{ c.confidence|capitalize }}",
                        "{{ c.note }}"],
                       [1.2, 4.9, 2.9, TEXT_WIDTH_CM - 9.0], loop="c in appendix.criteria",
                       center=[0])
            self.tag("{%p endif %}")
        self.h2("The sources")
        self.table(["Source", "What it is", "Kind"],
                   ["{{ s.id }}", "{{ s.what }}", "{{ s.kind }}"],
                   [1.9, TEXT_WIDTH_CM - 5.4, 3.5], loop="s in appendix.sources")
        self.tag("{%p endif %}")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # tables
    def table(self, headers: Sequence[str], cells: Sequence[str | Sequence[Run]],
              widths: Sequence[float], loop: str | None = None,
              total: Sequence[str] | None = None, row_height: float | None = None,
              center: Sequence[int] = (), keep: bool = False, whole_rows: bool = True
              ) -> Table:
        """A table: a header row, one templated row (repeated by `loop`, "x in xs"),
        and an optional total row. `keep`: its rows keep with what follows (a sign-off
        after it then never stands alone on a page)."""
        assert len(headers) == len(cells) == len(widths), headers
        table = self._new_table(widths, first_row=True, last_row=total is not None)
        header = self._row(table, headers, widths)
        _repeat_header(header)
        if loop:
            self._row(table, ["{%tr for " + loop + " %}"] + [""] * (len(widths) - 1), widths)
        body = self._row(table, cells, widths, whole=whole_rows)
        for index in center:
            for row in (header, body):
                row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if row_height:
            body.height = Cm(row_height)
        if keep:
            for cell in body.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        if loop:
            self._row(table, ["{%tr endfor %}"] + [""] * (len(widths) - 1), widths)
        if total is not None:
            self._row(table, total, widths)
        return table

    def fields(self, rows: Sequence[tuple[str, str | Sequence[Run]]],
               widths: tuple[float, float] = (5.6, TEXT_WIDTH_CM - 5.6),
               row_height: float | None = None) -> Table:
        """A two-column label / value table (the label column is the styled first column)."""
        table = self._new_table(widths, first_column=True)
        for label, value in rows:
            row = self._row(table, [label, value], widths)
            if row_height:
                row.height = Cm(row_height)
        return table

    def signoff(self, rows: Sequence[tuple[str, str]]) -> Table:
        """Role / Name / Signature / Date lines to sign by hand."""
        widths = (4.6, 5.0, 5.0, 2.99)
        table = self._new_table(widths, first_row=True)
        _repeat_header(self._row(table, ["Role", "Name", "Signature", "Date"], widths))
        for role, name in rows:
            self._row(table, [role, name, "", ""], widths).height = Cm(1.1)
        _keep_rows_together(table)
        return table

    def _new_table(self, widths: Sequence[float], *, first_row: bool = False,
                   first_column: bool = False, last_row: bool = False) -> Table:
        table = self.doc.add_table(rows=0, cols=len(widths))
        table.style = self.doc.styles[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        _table_look(table, first_row=first_row, first_column=first_column, last_row=last_row)
        return table  # type: ignore[no-any-return]

    def _row(self, table: Table, cells: Sequence[str | Sequence[Run]],
             widths: Sequence[float], *, whole: bool = True) -> _Row:
        row: _Row = table.add_row()  # type: ignore[no-untyped-call]
        _cant_split(row, whole)
        for cell, content, width in zip(row.cells, cells, widths, strict=True):
            cell.width = Cm(width)
            paragraph = cell.paragraphs[0]
            paragraph.style = self.doc.styles["Table Text"]
            if isinstance(content, str):
                if content:
                    paragraph.add_run(content)
            else:
                _add_runs(paragraph, content)
        return row

    def save(self, path: Path) -> Path:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        path.write_bytes(_reproducible_zip(buffer.getvalue()))
        return path


def _add_runs(paragraph: Paragraph, parts: Sequence[Run]) -> None:
    for text, fmt in parts:
        run = paragraph.add_run(text)
        run.bold = bool(fmt.get("bold")) or None
        run.italic = bool(fmt.get("italic")) or None
        if "color" in fmt:
            run.font.color.rgb = fmt["color"]
        if "size" in fmt:
            run.font.size = Pt(fmt["size"])  # type: ignore[arg-type]


def _table_look(table: Table, *, first_row: bool, first_column: bool, last_row: bool) -> None:
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    value = (0x20 * first_row) | (0x40 * last_row) | (0x80 * first_column) | 0x400
    look.set(qn("w:val"), f"{value:04X}")
    for key, on in (("firstRow", first_row), ("lastRow", last_row),
                    ("firstColumn", first_column), ("lastColumn", False),
                    ("noHBand", False), ("noVBand", True)):
        look.set(qn(f"w:{key}"), "1" if on else "0")


def _repeat_header(row: _Row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _cant_split(row: _Row, whole: bool = True) -> None:
    """The row stays whole on one page (a long cell moves the row to the next page).

    Checked with LibreOffice 7.4's PDF export over all eight documents: no row is lost
    (an older note here said 7.x/24.x dropped rows of such tables; tests/test_layout.py
    renders the documents and finds every row's text in the PDF)."""
    cant_split = OxmlElement("w:cantSplit")
    if not whole:  # said outright, so documents/layout.py does not make the row whole
        cant_split.set(qn("w:val"), "0")
    row._tr.get_or_add_trPr().append(cant_split)


def _keep_rows_together(table: Table) -> None:
    """A short table (a sign-off) on one page: every row but the last keeps with the next."""
    for row in list(table.rows)[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _reproducible_zip(data: bytes) -> bytes:
    """The same package with fixed member timestamps, so builds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


B: dict[str, object] = {"bold": True}
N: dict[str, object] = {}


def _or_else(value: str, otherwise: str = "not recorded") -> str:
    """`value`, or the words `otherwise` when it is blank."""
    return "{% if " + value + " %}{{ " + value + " }}{% else %}" + otherwise + "{% endif %}"


# --- the eight documents of version 1 ------------------------------------------------------


def _one_page(t: Template) -> None:
    """Tighter spacing, so a policy statement and its signature fit one page to post."""
    styles = t.doc.styles
    styles["Normal"].font.size = Pt(10.5)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    styles["List Bullet"].paragraph_format.space_after = Pt(1)
    styles["Title"].font.size = Pt(22)
    styles["Heading 1"].paragraph_format.space_before = Pt(10)
    styles["Heading 2"].paragraph_format.space_before = Pt(6)
    styles["Heading 2"].paragraph_format.space_after = Pt(2)


def policy() -> Template:
    t = Template("Health and Safety Policy Statement", "E01 Management leadership")
    _one_page(t)
    t.p("{{ policy.document }}{% if policy.version %}, version {{ policy.version }}{% endif %}"
        "{% if company.province_name %} \u00b7 {{ company.province_name }}{% endif %}",
        italic=True)
    t.h1("Our commitment")
    t.p("{{ company.name }} is committed to preventing injury and occupational illness in "
        "everything we do. The health and safety of our workers, contractors and visitors "
        "comes before production, schedule and cost: no job is so urgent that it cannot be "
        "done safely. Management, supervisors and workers share the responsibility for health "
        "and safety, and each of us is accountable for our part of this program.")
    t.p("To this end, we will:", keep=True)
    t.bullets("commitments")
    t.h1("Responsibilities")
    t.h2("The employer")
    t.bullets("employer_duties")
    t.h2("Supervisors")
    t.bullets("supervisor_duties")
    t.h2("Workers")
    t.bullets("worker_duties")
    t.p("Every worker has the right to know the hazards of their work, the right to take part "
        "in health and safety, and the right to refuse dangerous work without reprisal.",
        before=6)
    t.p("This policy is posted at the shop and on every work site and is reviewed with every "
        "new worker at orientation. It is reviewed at least once a year, and sooner when the "
        "work, the law or the results of the program call for a change. "
        "{% if policy.review_due %}The next review is due by {{ policy.review_due|date }}."
        "{% else %}The date of the next review has not been recorded.{% endif %}", keep=True,
        before=4)
    t.signature("{% if signatory %}{{ signatory }}{% else %}Owner or senior manager{% endif %}",
                "{% if policy.approved_date %}Approved {{ policy.approved_date|date }}"
                "{% else %}Approval date not recorded{% endif %}")
    return t


def erp() -> Template:
    t = Template("Emergency Response Plan", "E06 Emergency response")
    t.p("As of {{ as_of|date }}", italic=True)
    t.tag("{%p if plan %}")
    t.fields([
        ("Document", "{{ plan.document }}"),
        ("Version", "{{ plan.version }}"),
        ("Approved by", "{{ plan.approved_by }}"),
        ("Approved", "{{ plan.approved_date|date }}"),
        ("Next review due", "{{ plan.review_due|date }}"),
        ("Shared with workers", "{{ plan.communicated }}"),
    ])
    t.tag("{%p else %}")
    t.p("No emergency response plan is recorded on the Program Documents sheet yet. Write the "
        "plan with this document as its outline, have it approved, record it on that sheet "
        "and review it at least once a year.", italic=True)
    t.tag("{%p endif %}")

    t.h1("Emergency contacts")
    t.p("In an emergency, call 911 first, then the safety contact.", keep=True)
    t.fields([
        ("Fire, ambulance, police", [("911", B)]),
        ("Safety contact", _or_else("company.safety_contact")),
        ("WCB account", _or_else("company.wcb_account")),
    ], row_height=0.8)

    t.h1("What the law asks")
    t.p("{{ requirements.intro }}")
    t.p("Each work site below has its own page: post it where every worker there can reach "
        "it. An item marked Incomplete says what to add, and where in the workbook.")

    t.tag("{%p if sites %}")
    t.tag("{%p for s in sites %}")
    t.h1("{{ s.site }}", new_page=True)
    missing = "Missing: add it on Work Sites"
    t.fields([
        ("Site address (for 911)", "{{ s.address or '" + missing + "' }}"),
        ("Emergency contacts", "{{ s.contacts or '" + missing + "' }}"),
        ("Nearest hospital", "{{ s.hospital or '" + missing + "' }}"),
        ("Route to the hospital", "{{ s.route or '" + missing + "' }}"),
        ("Muster point", "{{ s.muster or '" + missing + "' }}"),
        ("Evacuation and rescue", "{{ s.evacuation or '" + missing + "' }}"),
        ("Alarm and communication", "{{ s.alarm or '" + missing + "' }}"),
        ("First aid and emergency equipment", "{{ s.equipment or '" + missing + "' }}"),
        ("Potential emergencies", "{{ s.emergencies or '" + missing + "' }}"),
    ])
    t.h2("What the plan covers at {{ s.site }}")
    t.table(["#", "Required item", "Details for this site"],
            ["{{ i.number }}", "{{ i.label }}",
             [("{% if i.missing %}Incomplete. {% endif %}", {"bold": True, "color": RED}),
              ("{{ i.detail }}", N)]],
            [1.0, 6.2, TEXT_WIDTH_CM - 7.2], loop="i in s.answers", center=[0])
    t.tag("{%p endfor %}")
    t.tag("{%p else %}")
    t.p("No active work site is recorded on the Work Sites sheet yet. Add each site there "
        "(address, nearest hospital and the route, muster point, evacuation and rescue, "
        "contacts, potential emergencies) and the plan gets a page for each one.", italic=True)
    t.tag("{%p endif %}")

    t.h1("Emergency procedures", new_page=True)
    t.p("What to do in each emergency, from the Emergency Procedures sheet. Every worker is "
        "taken through them at orientation and in the drills.", keep=True)
    t.tag("{%p if procedures %}")
    t.tag("{%p for p in procedures %}")
    t.h2("{{ p.emergency }}")
    t.fields([
        ("Steps", "{{ p.steps }}"),
        ("Who does what", "{{ p.who or 'Missing: add it on Emergency Procedures' }}"),
        ("Equipment", "{{ p.equipment or 'Missing: add it on Emergency Procedures' }}"),
    ], widths=(3.6, TEXT_WIDTH_CM - 3.6))
    t.tag("{%p endfor %}")
    t.tag("{%p else %}")
    t.p("No procedure is on the Emergency Procedures sheet yet. Add one row for each "
        "emergency your sites name (Emergency, Steps, Who Does What, Equipment).",
        italic=True)
    t.tag("{%p endif %}")

    t.h1("Designated workers")
    t.p("The workers who lead the evacuation, give first aid and carry out rescue "
        "(Employees, Emergency Role):", keep=True)
    t.if_else("designated", lambda: t.table(
        ["Name", "Position", "Emergency role"],
        ["{{ d.name }}", "{{ d.position }}", "{{ d.role }}"],
        [5.0, 5.5, TEXT_WIDTH_CM - 10.5], loop="d in designated"),
        "Missing: no worker has an Emergency Role on Employees. Name at least a warden and a "
        "first aider for each site.")

    t.h1("First aid")
    t.p("Workers holding a current first aid certificate:", keep=True)
    t.if_else("first_aiders", lambda: t.table(
        ["Name", "Course", "Expires"],
        ["{{ f.name }}", "{{ f.course }}",
         "{% if f.expiry_date %}{{ f.expiry_date|date }}{% else %}does not expire{% endif %}"],
        [5.0, 7.5, TEXT_WIDTH_CM - 12.5], loop="f in first_aiders"),
        "No current first aid certificates on record.")

    t.h1("Emergency equipment")
    t.if_else("equipment", lambda: t.table(
        ["Equipment", "Type", "How often", "Last inspected", "Next due", "State"],
        ["{{ e.item }}", "{{ e.type }}", "{{ e.frequency }}",
         "{{ e.last|date if e.last else 'never' }}", "{{ e.due|date if e.due else 'now' }}",
         "{{ e.state }}"],
        [4.2, 2.8, 2.3, 2.9, 2.9, TEXT_WIDTH_CM - 15.1], loop="e in equipment"),
        "No fire extinguishers or first aid kits are on the Inspection Schedule. Add them "
        "there so they are checked regularly.")

    t.h1("Emergency response training")
    t.if_else("training", lambda: t.table(
        ["Course", "Required for", "Renewed"],
        ["{{ c.course }}", "{{ c.positions }}", "{{ c.renewal }}"],
        [5.5, 7.5, TEXT_WIDTH_CM - 13.0], loop="c in training"),
        "Missing: no first aid, fire or emergency course is required on the Training Matrix. "
        "Add them for the positions that need them.")

    t.h1("Drill history")
    t.if_else("drills", lambda: t.table(
        ["Date", "Drill", "Location", "People", "Evaluated by", "Findings"],
        ["{{ d.date|date }}", "{{ d.type }}", "{{ d.location }}", "{{ d.participant_count }}",
         "{{ d.evaluated_by }}", "{{ d.findings }}"],
        [3.2, 2.4, 2.9, 1.8, 2.5, TEXT_WIDTH_CM - 12.8], loop="d in drills", center=[3]),
        "No emergency drills are on record. Practise this plan with a drill at least once a "
        "year and record it on the Emergency Drills sheet.")
    t.h2("Last drill")
    t.tag("{%p if last_drill %}")
    t.p("The last drill ({{ last_drill.type|lower }}) was held on {{ last_drill.date|date }} at "
        "{{ last_drill.location }} with {{ last_drill.participant_count }} "
        "{{ 'person' if last_drill.participant_count == 1 else 'people' }}, and was evaluated "
        "by {{ last_drill.evaluated_by }}.")
    t.runs([("What it showed: ", B), ("{{ last_drill.findings }}", N)])
    t.tag("{%p else %}")
    t.p("No drill has been held yet.", italic=True)
    t.tag("{%p endif %}")
    return t


def _actions_table(t: Template, name: str, keep: bool = False) -> None:
    t.table(["Action", "Source", "Description", "Owner", "Due", "Status"],
            ["{{ a.id }}", "{{ a.source }}{% if a.source_ref %} {{ a.source_ref }}{% endif %}",
             "{{ a.description }}", "{{ a.assigned_to }}",
             "{% if a.due_date %}{{ a.due_date|date }}{% endif %}", "{{ a.status }}"],
            [1.8, 2.6, 4.9, 2.9, 3.2, TEXT_WIDTH_CM - 15.4], loop="a in " + name, keep=keep)


def minutes() -> Template:
    t = Template("Safety Meeting Minutes", "E08 Communication")
    t.fields([
        ("Meeting", "{{ meeting.id }}"),
        ("Date", "{{ meeting.date|date }}"),
        ("Type", "{{ meeting.type }}"),
        ("Chair", "{{ meeting.chair }}"),
        ("Present", "{{ meeting.attendees|length + meeting.guests|length }}"),
    ])
    t.h1("Attendance")
    t.if_else("meeting.attendees", lambda: t.bullets("meeting.attendees", "person"),
              "No attendees recorded.")
    t.tag("{%p if meeting.guests %}")
    t.h2("Guests")
    t.bullets("meeting.guests", "guest")
    t.tag("{%p endif %}")
    t.h1("Topics discussed")
    t.p(_or_else("meeting.topics", "None recorded."))
    t.h1("Decisions")
    t.p(_or_else("meeting.decisions", "None recorded."))
    t.h1("Actions raised at this meeting")
    t.if_else("raised_actions", lambda: _actions_table(t, "raised_actions"),
              "No corrective actions were raised at this meeting.")
    t.h1("Open corrective actions")
    t.p("Corrective actions still open at the time of the meeting, for follow-up:", keep=True)
    # the block before the sign-off keeps with it: no page holds only the sign-off
    t.if_else("open_actions", lambda: _actions_table(t, "open_actions", keep=True),
              "No other corrective actions were open.", keep=True)
    t.h1("Sign-off")
    t.signoff([("Chair", "{{ meeting.chair }}"), ("Minutes shared with workers", "")])
    t.p("")
    return t


def readiness() -> Template:
    t = Template("SECOR Readiness Report", "SECOR audit readiness")
    t.p("A self-assessment of the health and safety program against the SECOR audit criteria, "
        "from the records in the company's SECOR workbook for the 12 months "
        "{{ window_start|date }} to {{ as_of|date }}.")
    t.h1("Result")
    t.runs([("Overall readiness: {{ score.overall|pct }} \u2014 {{ verdict }}",
             {"bold": True, "size": 14})])
    t.p("To pass, a SECOR audit needs at least {{ score.rule.overall_min|pct }} overall and at "
        "least {{ score.rule.element_min|pct }} in every element. {% if score.passed %}On the "
        "records as they stand, the program meets this rule.{% else %}On the records as they "
        "stand, the program does not meet this rule yet; the gaps below show where the "
        "points are.{% endif %}")
    t.p("{{ score.self_declared.share_of_earned|pct }} of the points earned "
        "({{ score.self_declared.earned }}) rest on the owner's own Self-Assessment answers, "
        "each with the evidence written beside it; the rest come from the records. An auditor "
        "checks those answers by interview and observation.")
    t.p("The workbook check found {{ errors }} {{ 'error' if errors == 1 else 'errors' }} and "
        "{{ warnings }} {{ 'warning' if warnings == 1 else 'warnings' }}: overdue inspections "
        "{{ counts.overdue_inspections }}, expired training {{ counts.expired_training }}, "
        "overdue corrective actions {{ counts.overdue_actions }}.")
    t.p("{{ chart }}", align=WD_ALIGN_PARAGRAPH.CENTER)

    t.h1("Scores by element")
    t.table(["#", "Element", "Score", "Points"],
            ["{{ e.id }}", "{{ e.name }}", "{{ e.score|pct if e.applicable else 'n/a' }}",
             "{{ e.earned }} of {{ e.possible }}"],
            [1.0, 10.0, 3.0, TEXT_WIDTH_CM - 14.0], loop="e in score.elements",
            total=["", "Overall", "{{ score.overall|pct }}", ""])
    t.tag("{%p for note in score.notes %}")
    t.runs([("Note: ", {"bold": True, "italic": True}), ("{{ note }}", {"italic": True})]) \
        .paragraph_format.space_before = Pt(6)
    t.tag("{%p endfor %}")

    t.h1("Biggest gaps")
    t.p("Where the most points are missing, largest first. Closing these is the fastest way "
        "to raise the score.", keep=True)
    t.if_else("gaps", lambda: t.table(
        ["Element", "Criterion", "Points", "What to do"],
        ["{{ g.element }}", "{{ g.criterion }}", "{{ g.points }}", "{{ g.action }}"],
        [2.1, 2.3, 1.8, TEXT_WIDTH_CM - 6.2], loop="g in gaps", center=[0, 1, 2]),
        "No gaps: every criterion earned its full points.")
    t.tag("{%p if more_gaps %}")
    t.p("{{ more_gaps }} smaller {{ 'gap is' if more_gaps == 1 else 'gaps are' }} not listed "
        "here; see the criteria detail below.", italic=True, before=6)
    t.tag("{%p endif %}")

    t.h1("Overdue, expired and missing records")
    t.if_else("late", lambda: t.table(
        ["Severity", "Sheet", "What to do"],
        ["{{ f.severity|capitalize }}", "{{ f.sheet }}", "{{ f.message }}"],
        # rows that may split: LibreOffice 7.4 left out the rows of this table after the
        # first when they met a page break whole (tests/test_layout.py)
        [2.3, 3.6, TEXT_WIDTH_CM - 5.9], loop="f in late", whole_rows=False),
        "Nothing is late.")

    t.h1("The road to SECOR")
    t.p("{% if score.road.eligibility.threshold is not none %}Workers counted: "
        "{{ score.road.eligibility.count }}; the province's small-employer program allows "
        "{{ score.road.eligibility.threshold }}, so the company "
        "{{ 'fits' if score.road.eligibility.fits else 'does not fit' }}."
        "{% if eligibility.warning %} {{ eligibility.warning }}"
        "{% endif %}{% else %}Whether the company fits a small-employer program cannot be "
        "said: no limit was found for its province.{% endif %}")
    t.bullets("eligibility.notes", "note")
    t.p("{% if score.road.certificate and score.road.certificate.status != 'none' %}"
        "Certificate {{ score.road.certificate.status }}: {{ score.road.certificate.reason }}."
        "{% elif score.road.cycle.year %}Certificate year {{ score.road.cycle.year }} of 3; "
        "next: {{ score.road.cycle.next_step }}, due {{ score.road.cycle.next_due }}."
        "{% else %}No certificate yet; next: {{ score.road.cycle.next_step }}.{% endif %}")
    t.if_else("score.road.next_steps", lambda: t.table(
        ["Next step", "Status", "Due", "State"],
        ["{{ s.step }}", "{{ s.status }}", "{{ s.due or 'not set' }}", "{{ s.state }}"],
        [TEXT_WIDTH_CM - 8.6, 2.8, 2.8, 3.0], loop="s in score.road.next_steps"),
        "Every step on the Roadmap sheet is done.")
    t.p("{{ incentive }}", before=6)
    t.if_else("score.road.incidents.by_year", lambda: t.table(
        ["Year", "Incidents", "By type"],
        ["{{ year }}", "{{ types.values()|sum }}",
         "{% for kind, n in types.items() %}{{ kind }}: {{ n }}{{ ', ' if not loop.last }}"
         "{% endfor %}"],
        [2.0, 2.4, TEXT_WIDTH_CM - 4.4], loop="year, types in score.road.incidents.by_year.items()",
        center=[0, 1]),
        "No incidents or near misses on record.")
    t.p("{% if score.road.incidents.days_since_lost_time is not none %}"
        "{{ score.road.incidents.days_since_lost_time }} days since the last lost-time incident"
        "{% else %}No lost-time incident on record{% endif %}"
        "{% if score.road.incidents.recordable_rate is not none %}; "
        "{{ score.road.incidents.recordable_rate }} recordable incidents per 200,000 hours "
        "worked in the last 12 months{% endif %}.", before=6)

    t.h1("Criteria detail by element", new_page=True)
    t.p("Each criterion, the points it earned and the evidence found in the workbook.")
    t.tag("{%p for e in score.elements %}")
    t.h2("{{ e.id }}. {{ e.name }} \u2014 {{ e.score|pct if e.applicable else 'n/a' }}")
    t.table(["#", "Criterion", "Points", "Evidence in the workbook"],
            ["{{ c.id }}", "{{ c.text }}", "{{ c.earned }} / {{ c.possible }}",
             "{{ c.evidence }}"],
            [1.1, 5.6, 2.2, TEXT_WIDTH_CM - 8.9], loop="c in e.criteria", center=[2])
    t.tag("{%p endfor %}")
    t.appendix(criteria=True)
    t.p("")
    return t


def training() -> Template:
    t = Template("Training Report", "E05 Training and competency")
    t.p("Where each active worker stands against the required training for their position, as "
        "of {{ as_of|date }}. A certificate that expires within 90 days is shown as expiring.")
    t.runs([("Totals: ", B),
            ("{{ totals.current }} current \u00b7 {{ totals.expiring }} expiring \u00b7 "
             "{{ totals.expired }} expired \u00b7 {{ totals.missing }} missing", N)])

    def per_worker() -> None:
        t.tag("{%p for w in workers %}")
        t.h2("{{ w.name }}{% if w.position %} \u2014 {{ w.position }}{% endif %}")
        # the worker's name in the header row, which repeats on every page the table
        # crosses: an expired ticket on page 2 still says whose it is
        t.table(["{{ w.name }}: course", "Status", "Expires"],
                ["{{ c.course }}", "{{ c.status|capitalize }}",
                 "{% if c.expiry_date %}{{ c.expiry_date|date }}{% elif c.no_expiry %}does not "
                 "expire{% else %}\u2014{% endif %}"],
                [9.0, 3.5, TEXT_WIDTH_CM - 12.5], loop="c in w.courses")
        t.tag("{%p endfor %}")

    t.h1("Training by worker")
    t.if_else("workers", per_worker,
              "No required training is on record for any active worker. Fill in the "
              "Employees, Training Matrix and Training Records sheets.")

    t.h1("Required training by position")
    t.p("The training matrix: the courses each position must hold, and how long each "
        "certificate stays valid.", keep=True)
    t.if_else("matrix", lambda: t.table(
        ["Position", "Course", "Valid for"],
        ["{{ m.position }}", "{{ m.course }}",
         "{% if m.validity_months %}{{ m.validity_months }} months{% else %}does not expire"
         "{% endif %}"],
        [5.5, 8.0, TEXT_WIDTH_CM - 13.5], loop="m in matrix"),
        "No required training is set in the Training Matrix yet.")
    return t


def incident() -> Template:
    t = Template("Incident Investigation Report", "E07 Incident investigation")
    t.h1("The incident")
    t.fields([
        ("Incident", "{{ incident.id }}"),
        ("Date", "{{ incident.date|date }}"),
        ("Type", "{{ incident.type }}"),
        ("Person involved", "{{ incident.person }}"),
        ("What happened", "{{ incident.description }}"),
        ("Site", _or_else("incident.site")),
        ("Reported", "{{ incident.reported_date|date }}"),
        ("Reported to WCB", "{% if incident.wcb_report_date %}on "
                            "{{ incident.wcb_report_date|date }}{% else %}"
                            "{{ incident.reported_to_wcb or 'not recorded' }}{% endif %}"),
        ("Reported to the OHS regulator", "{% if incident.ohs_report_date %}on "
                                          "{{ incident.ohs_report_date|date }}{% else %}"
                                          "not recorded{% endif %}"),
        ("Status", "{{ incident.status }}"),
    ])
    t.tag("{%p for note in reporting %}")
    t.runs([("Reporting: ", B), ("{{ note }}", N)])
    t.tag("{%p endfor %}")
    t.h1("Investigation")
    t.fields([
        ("Investigation started", "{{ incident.investigation_date|date }}"),
        ("Investigated by", _or_else("incident.investigated_by")),
        ("Time to investigate", "{% if incident.days_to_investigate is number %}"
                                "{{ incident.days_to_investigate }} "
                                "{{ 'day' if incident.days_to_investigate == 1 else 'days' }} "
                                "after the incident{% else %}not recorded{% endif %}"),
        ("Root cause", _or_else("incident.root_cause", "Not determined yet.")),
    ])
    t.h1("Corrective actions")
    t.p("What is being done so that it does not happen again:", keep=True)
    t.if_else("actions", lambda: t.table(
        ["Action", "Description", "Assigned to", "Due", "Completed", "Status"],
        ["{{ a.id }}", "{{ a.description }}", "{{ a.assigned_to }}",
         "{% if a.due_date %}{{ a.due_date|date }}{% endif %}",
         "{% if a.completed_date %}{{ a.completed_date|date }}{% endif %}", "{{ a.status }}"],
        [1.8, 4.8, 2.9, 3.2, 3.2, TEXT_WIDTH_CM - 15.9], loop="a in actions"),
        "No corrective actions are recorded for this incident.")
    t.h1("Sign-off")
    t.signoff([("Investigator", "{{ incident.investigated_by }}"),
               ("Owner or senior manager", "")])
    t.appendix()
    t.p("")
    return t


def hazards() -> Template:
    t = Template("Hazard Assessment Summary", "E02 Hazard assessment, E03 Hazard control")
    t.p("{{ assessments|length }} {{ 'assessment' if assessments|length == 1 else "
        "'assessments' }} with {{ hazard_count }} hazard "
        "{{ 'line' if hazard_count == 1 else 'lines' }} on record as of {{ as_of|date }}.")
    t.h1("How hazards are ranked")
    t.p("Each hazard is rated for severity (Sev.: how bad the worst credible outcome would be) "
        "and probability (Prob.: how likely it is to happen), each from 1 (lowest) to 5 "
        "(highest). Its risk rank is severity \u00d7 probability, from 1 to 25: the higher the "
        "rank, the sooner and the more thoroughly the hazard must be controlled.")
    t.h1("The hierarchy of controls")
    t.p("{% if company.province == 'AB' %}The Occupational Health and Safety Code, section 9, "
        "requires a hazard to be eliminated{% else %}The law ({{ law.hazard }}) expects a "
        "hazard to be eliminated{% endif %} "
        "where that is reasonably practicable. Where it is not, the hazard must be controlled "
        "with engineering controls first, then administrative controls (procedures, training, "
        "scheduling) to reduce the risk as far as reasonably achievable, and personal "
        "protective equipment (PPE) for what is left, or a combination of them. The controls "
        "on record, most effective first:", keep=True)
    t.table(["Control type", "Hazard lines"], ["{{ c.type }}", "{{ c.count }}"],
            [6.0, 3.0], loop="c in controls_by_type", center=[1])

    def per_assessment() -> None:
        t.tag("{%p for a in assessments %}")
        t.h2("{{ a.title }}")
        para = t.runs([("{{ a.type }} assessment \u00b7 {{ a.location }} \u00b7 assessed by "
                        "{{ a.assessed_by }} on {{ a.assessed_date|date }} \u00b7 review due "
                        "{{ a.review_due|date }}", N),
                       ("{% if a.overdue %} OVERDUE{% endif %}", {"bold": True, "color": RED})])
        para.paragraph_format.keep_with_next = True
        t.table(["Job or task", "Hazard", "Sev.", "Prob.", "Rank", "Control type",
                 "Controls"],
                ["{{ h.job }}", "{{ h.hazard }}", "{{ h.severity }}", "{{ h.probability }}",
                 "{% if h.rank %}{{ h.rank }}{% elif h.severity and h.probability %}"
                 "{{ h.severity * h.probability }}{% endif %}",
                 "{{ h.control_type }}", "{{ h.controls }}"],
                [2.7, 3.2, 1.3, 1.5, 1.5, 3.3, TEXT_WIDTH_CM - 13.5], loop="h in a.hazards",
                center=[2, 3, 4])
        t.tag("{%p endfor %}")

    t.h1("Assessments")
    t.if_else("assessments", per_assessment,
              "No hazard assessments are on record. Assess each job or task before the work "
              "begins and record the assessment on the Hazard Assessments sheet.")
    t.p("")
    return t


def evidence() -> Template:
    t = Template("Audit Evidence Index", "SECOR audit evidence")
    t.p("Where the auditor will find the evidence for each SECOR element: the records in the "
        "company's SECOR workbook dated within the audit window.", keep=True)
    t.fields([
        ("Audit window", "{{ window_start|date }} to {{ as_of|date }}"),
        ("Certifying partner", _or_else("company.certifying_partner")),
        ("Certificate number", _or_else("company.certificate_number", "none yet")),
        ("Next audit due", "{{ company.next_audit_due|date }}"),
    ])
    t.h1("Evidence by element")
    t.p("For each element, how many records of each kind are dated within the window, and "
        "the first and last of them.", keep=True)
    t.tag("{%p for e in elements %}")
    t.h2("Element {{ e.id }}: {{ e.name }}")
    t.table(["Records", "Sheet", "Count", "First", "Last"],
            ["{{ r.what }}", "{{ r.sheet }}", "{{ r.count }}",
             "{% if r.first %}{{ r.first|date }}{% else %}none in the period{% endif %}",
             "{% if r.last %}{{ r.last|date }}{% endif %}"],
            [4.6, 3.8, 1.6, 3.8, TEXT_WIDTH_CM - 13.8], loop="r in e.records", center=[2])
    t.tag("{%p endfor %}")
    t.p("Keep the signed paper records (forms, certificates, sign-in sheets, photos) filed by "
        "element, so that each count above can be shown to the auditor on request.",
        italic=True, before=12)
    return t


# --- the audit's interviews and observation, and the working notes -----------------------

BOX = "\u2610"
GREY_SMALL: dict[str, object] = {"italic": True, "color": GREY, "size": 9}


def audit_notes() -> Template:
    t = Template("Audit Working Notes", "SECOR audit working notes")
    t.p("How each question of the SECOR audit was verified, as of {{ as_of|date }}: the "
        "method, the records reviewed in the evidence window ({{ window_start|date }} to "
        "{{ as_of|date }}), the interview answers (counted, without names), what was "
        "observed, and the points with the rule that gave them. Copy these notes into your "
        "certifying partner's audit tool.", keep=True)
    t.fields([
        ("Interviews", "{{ interviews.done }} people interviewed of {{ interviews.planned }} "
                       "planned; {{ interviews.answers }} answers counted"),
        ("Observation", "{{ observations.done }} of {{ observations.sites }} "
                        "{{ 'site' if observations.sites == 1 else 'sites' }} observed; "
                        "{{ observations.results }} results counted"),
        ("Readiness", "{{ overall }} %: {{ verdict }}"),
    ])
    t.tag("{%p for e in elements %}")
    t.h1("Element {{ e.id }}: {{ e.name }}")
    t.p("Points: {{ e.earned }} of {{ e.possible }}.", keep=True)
    t.p("Records reviewed", bold=True, keep=True)
    t.tag("{%p for r in e.reviewed %}")
    t.p("{{ r.text }}", "List Bullet", keep=True)
    t.tag("{%p endfor %}")
    t.runs([("Interviews: ", B), ("{{ e.heard }}", N)]).paragraph_format.keep_with_next = True
    t.runs([("Observed: ", B), ("{{ e.seen }}", N)]).paragraph_format.keep_with_next = True
    t.table(["ID", "Question", "Method", "Points", "How it was verified"],
            ["{{ q.id }}", "{{ q.text }}", "{{ q.methods }}",
             "{{ q.earned }} of {{ q.possible }}",
             [("{{ q.rule }}", N),
              ("{% if q.plain_rule %}\n{{ q.plain_rule }}{% endif %}", N),
              ("{% if q.interviews %}\nInterviews: {{ q.interviews }}{% endif %}", N),
              ("{% if q.observed %}\nObserved: {{ q.observed }}{% endif %}", N)]],
            [1.5, 5.2, 2.9, 1.9, TEXT_WIDTH_CM - 11.5], loop="q in e.questions", center=[3])
    t.tag("{%p endfor %}")
    t.h1("How the points were given")
    t.p("Documentation questions read the workbook's records; interview questions count "
        "the answers typed on the Interviews sheet and observation questions the results on "
        "Observations, both within the evidence window. Not Asked answers count for "
        "nothing.")
    t.p("A range question earns the share of positive answers (or sites), rounded down to "
        "a tenth, times its points: 5 positive of 6 is 83 %, which counts as 80 %. An "
        "all-or-nothing question earns its points only when every answer or site is "
        "positive. Most observation questions are all or nothing because one miss is a "
        "failure: a policy not posted, an uncharged extinguisher or an empty first aid kit "
        "at one site leaves the workers there without it. Observations that vary by degree "
        "(the controls in place, housekeeping, tickets on hand) are a range.", keep=True)
    t.signature("Prepared by{% if company.prepared_by %}: {{ company.prepared_by }}"
                "{% endif %}", "Working notes as of {{ as_of|date }}")
    return t


def interviews() -> Template:
    t = Template("Interview Plan", "SECOR audit interviews")
    t.p("The people proposed for interviews as of {{ as_of|date }}: {{ size }} of "
        "{{ active }} active {{ 'employee' if active == 1 else 'employees' }} (the sample "
        "table asks for {{ table_size }}), with at least one of each role present and a new "
        "or part-time worker when there is one. The auditor picks the people on the day: "
        "rehearse with these. Under Why chosen, \"drawn at random (3 of 6)\" means 3 of "
        "the 6 people in that role are in the sample.", keep=True)
    t.table(["Name", "Role", "Position", "Why chosen"],
            ["{{ p.name }}", "{{ p.role }}", "{{ p.position }}", "{{ p.why }}"],
            [4.2, 2.4, 3.8, TEXT_WIDTH_CM - 10.4], loop="p in sample")
    t.h1("Asking the questions")
    t.p("Each person has a guide with the questions for their role (managers "
        "{{ questions.Manager }}, supervisors {{ questions.Supervisor }}, workers "
        "{{ questions.Worker }}). Ask in your own words, tick Positive, Negative or Not asked, "
        "and note what was said. A positive answer shows what is written under the question.")
    t.h1("Typing the answers back")
    t.p("On the Interviews sheet, one row per question asked:", keep=True)
    t.fields([
        ("Date", "the day of the interview"),
        ("Interviewee", "the name as it is on Employees"),
        ("Role", "Manager, Supervisor or Worker"),
        ("Interviewer", "who asked"),
        ("Question ID", "as printed on the guide, e.g. I6.1"),
        ("Answer", "Positive, Negative or Not Asked"),
        ("Note", "what was said, in a few words"),
    ], widths=(3.6, TEXT_WIDTH_CM - 3.6))
    t.p("Then run secor-xl score {{ workbook }}: each interview question earns its points "
        "from the share "
        "of positive answers. This sample was drawn with seed {{ seed }}; --seed with another "
        "number draws another.", before=12)
    return t


def interview_guide() -> Template:
    t = Template("Interview Guide", "SECOR audit interview")
    t.fields([
        ("Person", "{{ person.name }}"),
        ("Role", "{{ person.role }}{% if person.position %} ({{ person.position }})"
                 "{% endif %}"),
        ("Date", ""),
        ("Interviewer", ""),
    ], widths=(3.6, TEXT_WIDTH_CM - 3.6), row_height=0.8)
    t.h1("Questions for a {{ person.role|lower }}")
    t.p("Ask each question in your own words, note what was said, and tick one box. A "
        "positive answer shows what is written in grey under the question.", italic=True,
        keep=True)
    t.table(["#", "Question, and what was said", "Answer"],
            [[("{{ q.id }}", B), ("\nElement {{ q.element }}", GREY_SMALL)],
             [("{{ q.ask }}", B), ("\nPositive: {{ q.positive }}", GREY_SMALL),
              ("\n\nNotes:", N)],
             f"{BOX} Positive\n{BOX} Negative\n{BOX} Not asked"],
            [1.7, TEXT_WIDTH_CM - 4.9, 3.2], loop="q in questions", row_height=4.2)
    t.p("Type each answer on the Interviews sheet: one row per question, under its ID.",
        italic=True, before=12)
    return t


def observation() -> Template:
    t = Template("Walk-around Checklist", "SECOR audit observation")
    t.fields([
        ("Site", [("{{ site.name }}", B),
                  ("{% if site.address %}\n{{ site.address }}{% endif %}", N)]),
        ("Date", ""),
        ("Observer", ""),
    ], widths=(3.6, TEXT_WIDTH_CM - 3.6), row_height=0.8)
    t.h1("What to look for")
    t.p("One result per question: look at what is listed under it, tick Positive or "
        "Negative, and write what you saw. The lines under each question are what the "
        "workbook says should be there. Back at the office, type one row per question on "
        "the Observations sheet (Date, Site as written above, Observer, Question ID, What "
        "Was Seen, Result).", italic=True, keep=True)
    t.table(["ID", "What to look for", "Result", "What was seen"],
            ["{{ q.id }}",
             [("{{ q.text }}", B),
              ("{% for line in q.look_at %}\n\u2022 {{ line }}{% endfor %}", N),
              ("\nPositive: {{ q.positive }}", GREY_SMALL)],
             f"{BOX} Positive\n{BOX} Negative", ""],
            [1.5, 7.4, 2.4, TEXT_WIDTH_CM - 11.3], loop="q in questions", row_height=2.6)
    t.p("Type each result on the Observations sheet: one row per question and site, with "
        "the Question ID as printed here; then run secor-xl score {{ workbook }}.",
        italic=True, before=12)
    return t


TEMPLATES: dict[str, Callable[[], Template]] = {
    "policy": policy, "erp": erp, "minutes": minutes, "readiness": readiness,
    "training": training, "incident": incident, "hazards": hazards, "evidence": evidence,
    "audit_notes": audit_notes, "interviews": interviews, "interview_guide": interview_guide,
    "observation": observation,
}


def build_all(outdir: Path) -> list[Path]:
    """Write the templates into `outdir`; returns their paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    return [make().save(outdir / f"{name}.docx") for name, make in TEMPLATES.items()]


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed templates instead of writing them")
    parser.add_argument("--outdir", type=Path, default=OUT, help="where to write them")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            stale = [fresh.name for fresh in build_all(Path(tmp))
                     if not (args.outdir / fresh.name).exists()
                     or _parts(fresh) != _parts(args.outdir / fresh.name)]
        if stale:
            print(f"stale templates: {', '.join(stale)}; run python scripts/build_templates.py")
            return 1
        print(f"{len(TEMPLATES)} templates are up to date")
        return 0
    for path in build_all(args.outdir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
