"""The workbook: build a new master (XlsxWriter), read one (calamine), its formulas."""

from __future__ import annotations

from typing import Any

__all__ = ["BuildOptions", "build_workbook"]


def __getattr__(name: str) -> Any:
    # Reading a workbook should not pay for importing the builder.
    if name in __all__:
        from . import build

        return getattr(build, name)
    raise AttributeError(f"module 'secor_xl.workbook' has no attribute {name!r}")
