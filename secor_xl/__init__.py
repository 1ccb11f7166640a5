"""secor-xl: a SECOR health and safety program kept in one Excel workbook.

Build a master workbook from the schema, check it (what is wrong or late),
score its audit readiness. Names are imported on first use, so the command
line starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "SCHEMA_VERSION": "secor_xl.schema",
    "schema_dict": "secor_xl.schema",
    "UserError": "secor_xl.errors",
    "BuildOptions": "secor_xl.workbook.build",
    "build_workbook": "secor_xl.workbook.build",
    "create_master": "secor_xl.workbook.new",
    "read_workbook": "secor_xl.workbook.read",
    "check_workbook": "secor_xl.rules.check",
    "score_workbook": "secor_xl.score",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'secor_xl' has no attribute {name!r}")
