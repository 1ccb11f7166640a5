"""The Word templates: rebuilt by scripts/build_templates.py, rendered in the sandbox.

The committed doc_templates/*.docx must be what the script builds (the stale
check), and every template must render with docxtpl in a sandboxed, strict,
autoescaping Jinja environment, for the demo company and for an empty workbook,
leaving no tag behind.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.demo_data import demo_data
from secor_xl.documents import context as c
from secor_xl.documents.emergency import erp_context
from secor_xl.reader.read import read_workbook
from secor_xl.rules.check import check_workbook
from secor_xl.score import score_workbook

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_templates.py"
TEMPLATES = ROOT / "doc_templates"
AS_OF = dt.date(2026, 11, 26)
NAMES = ("policy", "erp", "minutes", "readiness", "training", "incident", "hazards",
         "evidence", "audit_notes", "interviews", "interview_guide", "observation")
PEOPLE = ("interviews", "interview_guide")  # need an active employee
FOOTER = "Prepared with secor-xl from the company's SECOR workbook, as of November 26, 2026"
DEMO_FOOTER = ("Prepared by Dale Kowalski, owner, from the SECOR workbook as of "
               "November 26, 2026")  # the demo's Company has Prepared By

Contexts = dict[str, dict[str, Any]]


def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters.update(date=lambda d: d.strftime("%B %-d, %Y") if d else "not recorded",
                       isodate=lambda d: d.isoformat() if d else "",
                       pct=lambda x: f"{x:.1f} %")
    return env


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_templates", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def contexts_of(path: Path, *, with_records: bool) -> Contexts:
    """Every document's context for the workbook at `path` (minutes, incident and the
    interviews only when it has a meeting, an incident and people)."""
    from secor_xl.documents import interviews, notes, observe

    wb = read_workbook(path)
    scored = score_workbook(wb, AS_OF)
    score = scored.to_dict()
    out: Contexts = {
        "policy": c.policy_context(wb, AS_OF),
        "erp": erp_context(wb, AS_OF),
        "readiness": c.readiness_context(wb, AS_OF, score, check_workbook(wb, AS_OF)),
        "training": c.training_context(wb, AS_OF),
        "hazards": c.hazards_context(wb, AS_OF),
        "evidence": c.evidence_context(wb, AS_OF),
        "audit_notes": notes.audit_notes_context(wb, AS_OF, scored),
        "observation": observe.checklist_context(wb, AS_OF, observe.active_sites(wb)[0], []),
    }
    if with_records:
        sample = interviews.propose_sample(wb, AS_OF)
        out["interviews"] = interviews.cover_context(wb, AS_OF, sample)
        out["interview_guide"] = interviews.guide_context(wb, AS_OF, *sample.chosen[0])
        out["minutes"] = c.minutes_context(wb, AS_OF, c.meeting_ids(wb)[-1])
        out["incident"] = c.incident_context(wb, AS_OF, c.incident_ids(wb)[-1])
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Contexts:
    data = demo_data(AS_OF)
    path = build_workbook(tmp_path_factory.mktemp("demo") / "demo.xlsx",
                          BuildOptions(company=data.company, rows=data.rows))
    return contexts_of(path, with_records=True)


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Contexts:
    path = build_workbook(tmp_path_factory.mktemp("empty") / "empty.xlsx")
    return contexts_of(path, with_records=False)


@pytest.fixture(scope="module")
def chart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = tmp_path_factory.mktemp("chart") / "chart.png"
    fig, ax = plt.subplots(figsize=(6, 2.5))
    ax.barh(["E1", "E2", "E3"], [93.5, 100.0, 84.9])
    ax.set_xlim(0, 100)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path


def render(name: str, context: dict[str, Any], out: Path, chart: Path) -> Path:
    template = DocxTemplate(str(TEMPLATES / f"{name}.docx"))
    context = dict(context)
    if name == "readiness":
        context["chart"] = InlineImage(template, str(chart), width=Cm(16))
    template.render(context, jinja_env=environment(), autoescape=True)
    template.save(str(out))
    return out


def _table_texts(tables: Any) -> list[str]:
    texts = []
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
                texts += _table_texts(cell.tables)
    return texts


def texts_of(path: Path) -> list[str]:
    """Every paragraph's text: body, table cells, headers and footers."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs] + _table_texts(document.tables)
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs]
        texts += [p.text for p in section.footer.paragraphs]
    return texts


def rendered_text(path: Path) -> str:
    texts = texts_of(path)
    left = [t for t in texts if "{{" in t or "{%" in t or "{#" in t]
    assert not left, f"{path.name}: tags left: {left[:3]}"
    return "\n".join(texts)


# -- the stale check -----------------------------------------------------------------------


def test_committed_templates_are_what_the_script_builds(tmp_path: Path) -> None:
    built = build_script().build_all(tmp_path)
    assert sorted(p.name for p in built) == sorted(f"{n}.docx" for n in NAMES)
    for fresh in built:
        committed = TEMPLATES / fresh.name
        assert committed.exists(), f"{committed} missing: run python scripts/build_templates.py"
        stale = f"{committed.name} is stale: run python scripts/build_templates.py"
        assert parts(fresh)["word/document.xml"] == parts(committed)["word/document.xml"], stale
        assert parts(fresh) == parts(committed), stale


def test_build_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    script = build_script()
    first = script.build_all(tmp_path / "a")
    second = script.build_all(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_templates_use_only_their_context_names(demo: Contexts) -> None:
    for name in NAMES:
        used = DocxTemplate(str(TEMPLATES / f"{name}.docx")) \
            .get_undeclared_template_variables(environment())
        known = set(demo[name]) | ({"chart"} if name == "readiness" else set())
        assert used <= known, f"{name}: unknown names {sorted(used - known)}"


def test_templates_use_word_styles() -> None:
    for name in NAMES:
        document = docx.Document(str(TEMPLATES / f"{name}.docx"))
        styles = {p.style.name for p in document.paragraphs if p.style is not None}
        assert {"Title", "Heading 1"} <= styles, name
        assert all(t.style is not None and t.style.name == "Light Grid Accent 1"
                   for t in document.tables), name
        section = document.sections[0]
        assert section.page_width is not None and section.left_margin is not None
        assert round(section.page_width.cm, 2) == 21.59 and round(section.left_margin.cm) == 2


# -- rendering the demo company ------------------------------------------------------------


def test_demo_documents_render(demo: Contexts, chart: Path, tmp_path: Path) -> None:
    name_of = demo["policy"]["company"]["name"]
    text = {}
    for name in NAMES:
        text[name] = rendered_text(render(name, demo[name], tmp_path / f"{name}.docx", chart))
        assert name_of in text[name], name
        assert DEMO_FOOTER in text[name], name

    policy = demo["policy"]
    assert policy["signatory"] in text["policy"]
    assert policy["commitments"][0] in text["policy"]
    assert "The next review is due by June 19, 2027." in text["policy"]

    erp = demo["erp"]
    assert "911" in text["erp"] and erp["sites"][0]["answers"][-1]["label"] in text["erp"]
    assert erp["procedures"][0]["emergency"] in text["erp"]
    assert erp["first_aiders"][0]["name"] in text["erp"]
    assert erp["equipment"][0]["item"] in text["erp"]
    assert erp["last_drill"]["findings"] in text["erp"]

    meeting = demo["minutes"]["meeting"]
    assert meeting["attendees"][0] in text["minutes"] and meeting["id"] in text["minutes"]
    assert demo["minutes"]["open_actions"][0]["id"] in text["minutes"]
    assert "None recorded." in text["minutes"]  # the toolbox talk decided nothing

    score = demo["readiness"]["score"]
    assert f"{score['overall']:.1f} %" in text["readiness"]
    assert f"— {demo['readiness']['verdict']}" in text["readiness"]
    for element in score["elements"]:
        assert element["name"] in text["readiness"]
        assert element["criteria"][0]["evidence"] in text["readiness"]
    assert demo["readiness"]["gaps"][0]["action"] in text["readiness"]
    assert demo["readiness"]["late"][0]["message"] in text["readiness"]
    assert len(docx.Document(str(tmp_path / "readiness.docx")).inline_shapes) == 1

    worker = demo["training"]["workers"][0]
    assert worker["name"] in text["training"] and "does not expire" in text["training"]
    assert "38 current · 0 expiring · 1 expired · 0 missing" in text["training"]

    incident = demo["incident"]["incident"]
    assert incident["id"] in text["incident"] and incident["root_cause"] in text["incident"]
    assert "0 days after the incident" in text["incident"]

    first = demo["hazards"]["assessments"][0]
    assert f"{first['id']} - {first['job']}" in text["hazards"]
    assert first["hazards"][0]["hazard"] in text["hazards"]
    assert "OVERDUE" not in text["hazards"]

    assert "November 27, 2025 to November 26, 2026" in text["evidence"]
    assert "Hazard assessment lines done or revised" in text["evidence"]


def test_demo_hazard_rank_is_severity_times_probability(demo: Contexts, chart: Path,
                                                        tmp_path: Path) -> None:
    path = render("hazards", demo["hazards"], tmp_path / "hazards.docx", chart)
    rows = [[cell.text for cell in row.cells]
            for table in docx.Document(str(path)).tables for row in table.rows]
    # each line with its own job (an assessment may cover several jobs)
    lines = [r for r in rows if len(r) == 7 and r[0] != "Job or task"]
    assert len(lines) == demo["hazards"]["hazard_count"]
    assert all(r[0] for r in lines)
    assert all(int(r[4]) == int(r[2]) * int(r[3]) for r in lines)


def test_the_other_branches_render(demo: Contexts, chart: Path, tmp_path: Path) -> None:
    """Empty lists and flags the demo does not have: their sentences show instead."""
    changed = copy.deepcopy(demo)
    changed["minutes"]["open_actions"] = []
    changed["minutes"]["raised_actions"] = demo["minutes"]["open_actions"]
    changed["minutes"]["meeting"]["decisions"] = "Buy two new harnesses & a rope grab"
    changed["incident"]["actions"] = []
    changed["incident"]["incident"]["days_to_investigate"] = ""
    changed["readiness"]["late"] = []
    changed["readiness"]["more_gaps"] = 3
    changed["hazards"]["assessments"][0]["overdue"] = True
    changed["erp"]["plan"] = None
    for context in changed.values():
        context["company"]["name"] = "Smith & Jones <Framing> Ltd."

    text = {name: rendered_text(render(name, changed[name], tmp_path / f"{name}.docx", chart))
            for name in ("minutes", "incident", "readiness", "hazards", "erp")}
    assert all("Smith & Jones <Framing> Ltd." in t for t in text.values())
    assert "No other corrective actions were open." in text["minutes"]
    assert demo["minutes"]["open_actions"][0]["id"] in text["minutes"]  # now raised here
    assert "Buy two new harnesses & a rope grab" in text["minutes"]
    assert "No corrective actions are recorded for this incident." in text["incident"]
    assert "Time to investigate\nnot recorded" in text["incident"]
    assert "Nothing is late." in text["readiness"]
    assert "3 smaller gaps are not listed here" in text["readiness"]
    assert "OVERDUE" in text["hazards"]
    assert "No emergency response plan is recorded" in text["erp"]


# -- rendering an empty workbook ----------------------------------------------------------


def test_empty_workbook_documents_render(empty: Contexts, chart: Path, tmp_path: Path) -> None:
    assert set(empty) == set(NAMES) - {"minutes", "incident", *PEOPLE}
    text = {name: rendered_text(render(name, context, tmp_path / f"{name}.docx", chart))
            for name, context in empty.items()}
    for name, body in text.items():
        assert "(company name not set)" in body, name
        assert FOOTER in body, name
    assert "The date of the next review has not been recorded." in text["policy"]
    assert "Approval date not recorded" in text["policy"]
    assert "No emergency response plan is recorded" in text["erp"]
    assert "No current first aid certificates on record." in text["erp"]
    assert "No fire extinguishers or first aid kits" in text["erp"]
    assert "No emergency drills are on record." in text["erp"]
    assert "No drill has been held yet." in text["erp"]
    assert "No active work site is recorded on the Work Sites sheet yet." in text["erp"]
    assert "Missing: no worker has an Emergency Role on Employees." in text["erp"]
    verdict = empty["readiness"]["verdict"]
    assert verdict.startswith(("NOT READY", "FAIL"))
    assert f"Overall readiness: 0.0 % — {verdict}" in text["readiness"]
    assert empty["readiness"]["score"]["notes"][0] in text["readiness"]
    assert f"{empty['readiness']['more_gaps']} smaller gaps" in text["readiness"]
    assert "No required training is on record" in text["training"]
    assert "No required training is set in the Training Matrix yet." in text["training"]
    assert "No hazard assessments are on record." in text["hazards"]
    assert "0 assessments with 0 hazard lines" in text["hazards"]
    assert text["evidence"].count("none in the period") == 14  # the 10 elements


# -- what it looks like ---------------------------------------------------------------------


@pytest.mark.libreoffice
def test_readiness_and_hazards_convert_to_pdf(soffice: str, demo: Contexts, chart: Path,
                                              tmp_path: Path) -> None:
    from secor_xl.libreoffice import convert

    for name in ("readiness", "hazards"):
        docx_path = render(name, demo[name], tmp_path / f"{name}.docx", chart)
        pdf = convert(docx_path, "pdf", tmp_path / "pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        assert pdf.stat().st_size > 10_000


def test_prepared_by_goes_into_the_footer(demo: Contexts, chart: Path, tmp_path: Path) -> None:
    for name in NAMES:
        context = copy.deepcopy(demo[name])
        context["company"]["prepared_by"] = "Jo Okafor, Okafor Safety & Co"
        text = rendered_text(render(name, context, tmp_path / f"{name}.docx", chart))
        assert ("Prepared by Jo Okafor, Okafor Safety & Co, from the SECOR workbook as of "
                "November 26, 2026") in text, name
        assert FOOTER not in text


def test_appendix_only_where_the_document_cites_sources(demo: Contexts, empty: Contexts,
                                                        chart: Path, tmp_path: Path) -> None:
    for contexts, names in ((demo, NAMES), (empty, tuple(empty))):
        for name in names:
            text = rendered_text(render(name, contexts[name], tmp_path / f"{name}.docx", chart))
            has = name in ("readiness", "incident")
            assert ("Where these rules come from" in text) is has, name
            if has:
                assert "The sources" in text and "Confidence" in text, name
