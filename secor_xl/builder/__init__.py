"""The builder: a new master workbook (XlsxWriter), its Dashboard and road formulas, `init`.

It sits above the engine (it turns the certification tables into formulas);
nothing below it imports it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BuildOptions", "build_workbook"]


def __getattr__(name: str) -> Any:
    # Importing builder.content or builder.new should not pay for XlsxWriter until needed.
    if name in __all__:
        from . import build

        return getattr(build, name)
    raise AttributeError(f"module 'secor_xl.builder' has no attribute {name!r}")
