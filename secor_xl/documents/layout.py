"""Page breaks an owner would not make: a heading alone at the foot of a page, a table row
cut in two. Applied to every rendered document, so a consultant's own templates get it too.

The shipped templates already carry the same settings (scripts/build_templates.py puts
them on the heading styles and the rows); this makes sure of them after docxtpl has
repeated rows and paragraphs.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HEADINGS = ("heading", "title", "subtitle")
"""Paragraph styles, by the start of their name (any case), kept with what follows."""

# Where w:keepNext and w:cantSplit go among their siblings (the schema's order).
_P_PR_BEFORE_KEEP_NEXT = ("w:pStyle",)
_TR_PR_FIRST = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore",
                "w:wAfter")


def heading_style_ids(document: Any) -> set[str]:
    """The ids of the heading, title and subtitle paragraph styles of `document`."""
    ids = set()
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name \
                and style.name.lower().startswith(HEADINGS):
            ids.add(style.style_id)
    return ids


def _insert_after(parent: Any, child: Any, before: tuple[str, ...]) -> None:
    """Put `child` into `parent` after the elements named in `before`, else first."""
    tags = {qn(t) for t in before}
    index = 0
    for position, existing in enumerate(parent):
        if existing.tag in tags:
            index = position + 1
    parent.insert(index, child)


def keep_layout(document: Any) -> None:
    """Headings keep with the next paragraph or table; no table row splits across pages."""
    body = document.element.body
    for style_id in heading_style_ids(document):
        if '"' in style_id:  # not a name Word makes; leave such a style alone
            continue
        for p_pr in body.xpath(f'.//w:p/w:pPr[w:pStyle/@w:val="{style_id}"][not(w:keepNext)]'):
            _insert_after(p_pr, OxmlElement("w:keepNext"), _P_PR_BEFORE_KEEP_NEXT)
    for tr in body.xpath(".//w:tr[not(w:trPr/w:cantSplit)]"):
        tr_pr = tr.find(qn("w:trPr"))
        if tr_pr is None:
            tr_pr = OxmlElement("w:trPr")
            _insert_after(tr, tr_pr, ("w:tblPrEx",))
        _insert_after(tr_pr, OxmlElement("w:cantSplit"), _TR_PR_FIRST)
