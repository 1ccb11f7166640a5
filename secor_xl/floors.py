"""The floors of the package: each part imports only from its own floor or below.

This table is the one statement of the layout; `tests/test_layers.py` reads the
imports of every module (lazy ones inside functions too) and fails on one that
points up a floor or closes a loop, between packages or between files. Parts on
one floor may use each other as long as no loop forms (rules uses
certification's roadmap; the templates' lint in documents builds the demo
company's workbook with the builder and `demo_data`).

The package itself (`secor_xl/__init__.py`, its lazy exports) is the top: a
module that imports from it, or a name it exports, imports upward.

Add a new top-level module or package to a floor here, or the test names it.
"""

from __future__ import annotations

FLOORS: tuple[tuple[str, ...], ...] = (
    # 0: small shared pieces: the schema, errors, cell parsing, findings, calendar
    ("floors", "version", "errors", "schema", "cells", "findings", "dates", "files", "libreoffice",
     "questions_data", "writelock"),
    # 1: calamine -> typed tables
    ("reader",),
    # 2: the engine's rules: validation and timeliness; the road to the certificate
    ("certification", "rules"),
    # 3: readiness by element, criteria one module per element, the gap list
    ("score",),
    # 4: outputs: a new master and its formulas, Word documents, rich text, the demo's data
    ("builder", "documents", "report", "demo_data"),
    # 5: the book interface, the buttons' macros, reminders and the portfolio
    ("excel", "automation"),
    # 6: front ends
    ("demo", "cli", "__main__"),
)

MAX_LINES = 600
"""No code module is longer; data tables (`*data*.py`) are exempt by name."""


def floor_of(part: str) -> int | None:
    """The floor of a top-level module or package of secor_xl, or None if it has none."""
    for number, parts in enumerate(FLOORS):
        if part in parts:
            return number
    return None
