"""Render a docxtpl template safely: sandboxed Jinja, autoescape, strict names.

A template is untrusted (a consultant's, or a client's copy): it renders in a
SandboxedEnvironment, so `{{ ''.__class__ }}` cannot reach Python internals;
autoescape keeps "Smith & Jones <Ltd>" as written in the Word XML; and
StrictUndefined turns a misspelt name into an error instead of a blank.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import UserError

ROOT = Path(__file__).resolve().parent.parent.parent


def default_templates() -> Path:
    """The templates shipped with secor-xl (a checkout's doc_templates/, else the install's)."""
    for candidate in (ROOT / "doc_templates",
                      Path(sys.prefix) / "share" / "secor-xl" / "doc_templates"):
        if candidate.is_dir():
            return candidate
    raise UserError("the document templates are missing from this installation; reinstall "
                    "secor-xl or give --templates DIR.")


def long_date(value: object) -> str:
    """A date the Canadian way in prose: November 26, 2026."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return "not recorded"
    return f"{value:%B} {value.day}, {value.year}"


def iso_date(value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else ""


def percent(value: object) -> str:
    return f"{float(value):.1f} %" if isinstance(value, int | float) else ""


def environment() -> SandboxedEnvironment:
    """The Jinja environment every template renders in."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters.update(date=long_date, isodate=iso_date, pct=percent)
    return env


def render_docx(template: Path, context: dict[str, Any], out: Path,
                chart: Path | None = None) -> None:
    """Render `template` with `context` into `out` (the caller makes it atomic).

    Args:
        template: a .docx with Jinja tags.
        context: the document's context (`documents.context`).
        out: where the rendered .docx goes.
        chart: a PNG put in the context as `chart`, 16 cm wide.
    """
    try:
        doc = DocxTemplate(str(template))
        context = dict(context)
        if chart is not None:
            from docx.shared import Cm

            context["chart"] = InlineImage(doc, str(chart), width=Cm(16))
        doc.render(context, jinja_env=environment(), autoescape=True)
    except SecurityError as exc:
        raise UserError(f"{template}: refused: the template tries something unsafe ({exc}); "
                        "templates may only show the document's data.") from None
    except UndefinedError as exc:
        raise UserError(f"{template}: uses a name the document does not have ({exc}); "
                        "run secor-xl templates check on its folder.") from None
    except TemplateSyntaxError as exc:
        raise UserError(f"{template}: template error near line {exc.lineno}: {exc.message}; "
                        "run secor-xl templates check on its folder.") from None
    except TemplateError as exc:
        raise UserError(f"{template}: cannot be rendered ({exc}).") from None
    except (OSError, KeyError, ValueError) as exc:  # not a .docx, a damaged package
        raise UserError(f"{template}: is not a Word template secor-xl can open ({exc}).") \
            from None
    try:
        doc.save(str(out))
    except OSError as exc:  # a full disk, a file-size limit: the temporary file, not the template
        raise UserError(f"{out}: could not be written ({exc.strerror or exc}).") from None
