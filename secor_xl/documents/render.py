"""Render a docxtpl template safely: sandboxed Jinja, autoescape, strict names.

A template is untrusted (a consultant's, or a client's copy): it renders in a
SandboxedEnvironment, so `{{ ''.__class__ }}` cannot reach Python internals;
autoescape keeps "Smith & Jones <Ltd>" as written in the Word XML; and
StrictUndefined turns a misspelt name into an error instead of a blank.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Any, ClassVar

from docxtpl import DocxTemplate, InlineImage
from jinja2 import (
    FileSystemBytecodeCache,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import UserError
from .layout import keep_layout

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


COMPILED = 48
"""Compiled templates kept per process: every document's body, header and footer."""


class _Environment(SandboxedEnvironment):
    """The sandbox, remembering what it compiled.

    docxtpl compiles a template's whole XML on every render, which was a third of the
    time of writing a document. Compiled templates are kept in memory (a consultant's
    run over many clients renders the same templates again and again) and as
    Jinja bytecode in the user's own cache folder (Jinja's FileSystemBytecodeCache: a
    private folder in the temp directory, checked against the template's text and the
    Jinja and Python versions), so the next `secor-xl docs` does not compile them again.
    The sandbox's checks run when a template renders, so cached code is as safe as
    fresh code.
    """

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True)
        self.filters.update(date=long_date, isodate=iso_date, pct=percent)
        self._compiled: OrderedDict[str, Template] = OrderedDict()
        try:
            self._disk: FileSystemBytecodeCache | None = FileSystemBytecodeCache()
        except (OSError, RuntimeError):  # no private temp folder to be had: compile each time
            self._disk = None

    def from_string(self, source: Any, globals: Any = None,
                    template_class: Any = None) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        found = self._compiled.get(source)
        if found is None:
            found = self._compiled[source] = self._load(source)
            while len(self._compiled) > COMPILED:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(source)
        return found

    def _load(self, source: str) -> Template:
        name = "secor-xl:" + hashlib.sha256(source.encode("utf-8")).hexdigest()
        bucket = None
        if self._disk is not None:
            try:
                bucket = self._disk.get_bucket(self, name, None, source)
            except (OSError, ValueError, EOFError):
                bucket = None
        code = bucket.code if bucket is not None else None
        if code is None:
            code = self.compile(source)
            if bucket is not None and self._disk is not None:
                bucket.code = code
                with contextlib.suppress(OSError):
                    self._disk.set_bucket(bucket)
        template: Template = self.template_class.from_code(self, code, self.make_globals(None),
                                                           None)
        return template


@functools.cache
def environment() -> SandboxedEnvironment:
    """The Jinja environment every template renders in (one per process: it holds no
    document's data, only the filters and the compiled templates)."""
    return _Environment()


class _Template(DocxTemplate):  # type: ignore[misc]
    """A docxtpl template whose XML clean-up is done once per distinct XML."""

    _patched: ClassVar[OrderedDict[str, str]] = OrderedDict()

    def patch_xml(self, src_xml: str) -> str:
        found = self._patched.get(src_xml)
        if found is None:
            found = self._patched[src_xml] = super().patch_xml(src_xml)
            while len(self._patched) > COMPILED:
                self._patched.popitem(last=False)
        return found


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
        doc = _Template(str(template))
        context = dict(context)
        if chart is not None:
            from docx.shared import Cm

            context["chart"] = InlineImage(doc, str(chart), width=Cm(16))
        doc.render(context, jinja_env=environment(), autoescape=True)
        keep_layout(doc.docx)
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
