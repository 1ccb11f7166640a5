"""secor-xl: a SECOR health and safety program kept in one Excel workbook.

Build a master workbook from the schema, check it (what is wrong or late),
score its audit readiness. Names are imported on first use, so the command
line starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from .version import __version__

_EXPORTS = {
    "SCHEMA_VERSION": "secor_xl.schema",
    "schema_dict": "secor_xl.schema",
    "UserError": "secor_xl.errors",
    "BuildOptions": "secor_xl.builder.build",
    "build_workbook": "secor_xl.builder.build",
    "create_master": "secor_xl.builder.new",
    "read_workbook": "secor_xl.reader.read",
    "check_workbook": "secor_xl.rules.check",
    "score_workbook": "secor_xl.score",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'secor_xl' has no attribute {name!r}")
