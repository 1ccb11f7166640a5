"""Typed values from a column's distinct raw values: each parsed once, however many rows
repeat it, with the problem a cell's finding reports (see `cells`)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .. import cells
from ..schema import LISTS_BY_NAME, Column, ColumnType


def factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of a column, Excel's types kept apart.

    Hashing takes True for 1 and False for 0, so when a column holds booleans
    or the numbers 0 and 1, booleans are spelt out first ("TRUE", "FALSE").
    """
    codes, uniques = pd.factorize(pd.Series(values, dtype="object"), use_na_sentinel=True)
    if any(type(u) is not str and isinstance(u, bool | int | float) and u in (0, 1)
           for u in uniques):
        spelt = np.array([("TRUE" if v else "FALSE") if isinstance(v, bool) else v
                          for v in values], dtype=object)
        codes, uniques = pd.factorize(pd.Series(spelt, dtype="object"), use_na_sentinel=True)
    return np.asarray(codes), np.asarray(uniques, dtype=object)



_TEXTS = frozenset({ColumnType.TEXT, ColumnType.EMPLOYEE, ColumnType.PEOPLE, ColumnType.IDS})
_CHOICES = frozenset({ColumnType.CHOICE, ColumnType.YESNO})


def parse_all(col: Column, uniques: np.ndarray, lists: dict[str, tuple[str, ...]]
               ) -> list[Parsed]:
    """(value, problem) of each distinct raw value of a column, as `PARSERS` gives them.

    Text is most cells, and a log of tens of thousands of rows has as many distinct
    IDs and descriptions: a plain string that is not too long, or names an option of
    its list, is taken here without a parser call per value; the rest go through it.
    """
    parser = PARSERS[col.type]
    if col.type in _TEXTS:
        index: dict[str, str] | None = None
    elif col.type in _CHOICES:
        index = _choice_index(lists.get(_list_title(col.list_name), ()))
    else:
        return [parser(u, col, lists) for u in uniques.tolist()]
    parsed: list[Parsed] = []
    add = parsed.append
    for raw in uniques.tolist():
        if type(raw) is str:
            text = raw.strip()
            if not text:
                add((None, None))
                continue
            if len(text) <= cells.MAX_TEXT:
                if index is None:
                    add((text, None))
                    continue
                option = index.get(cells.match_key(text))
                if option is not None:
                    add((option, None))
                    continue
        add(parser(raw, col, lists))
    return parsed


@functools.cache
def _list_title(range_name: str | None) -> str:
    return next(t for t, lst in LISTS_BY_NAME.items() if lst.range_name == range_name)


@functools.lru_cache(maxsize=256)
def _choice_index(allowed: tuple[str, ...]) -> dict[str, str]:
    """A list's options by their match key, the first of equal keys kept."""
    index: dict[str, str] = {}
    for option in allowed:
        index.setdefault(cells.match_key(option), option)
    return index


def _parse_choice(raw: Any, col: Column, lists: dict[str, tuple[str, ...]]
                  ) -> tuple[str | None, cells.Problem | None]:
    text, problem = cells.parse_text(raw)
    if text is None:
        return None, problem
    allowed = lists.get(_list_title(col.list_name), ())
    option = _choice_index(allowed).get(cells.match_key(text))
    if option is not None:
        return option, None
    shown = ", ".join(allowed[:12]) + (", ..." if len(allowed) > 12 else "")
    return text, cells.Problem(f"{cells.show(text)} is not in the list ({shown})", used=False)


def _parse_date(raw: Any, col: Column, lists: dict[str, tuple[str, ...]]
                ) -> tuple[dt.date | None, cells.Problem | None]:
    return cells.parse_date(raw)


def _parse_integer(raw: Any, col: Column, lists: dict[str, tuple[str, ...]]
                   ) -> tuple[float | None, cells.Problem | None]:
    value, problem = cells.parse_number(raw, integer=True)
    return _in_range(value, problem, col)


def _parse_number(raw: Any, col: Column, lists: dict[str, tuple[str, ...]]
                  ) -> tuple[float | None, cells.Problem | None]:
    value, problem = cells.parse_number(raw)
    return _in_range(value, problem, col)


def _in_range(value: float | None, problem: cells.Problem | None, col: Column
              ) -> tuple[float | None, cells.Problem | None]:
    if value is None:
        return value, problem
    low = col.minimum if col.minimum is not None else float("-inf")
    high = col.maximum if col.maximum is not None else float("inf")
    if not low <= value <= high:
        return None, cells.Problem(f"{value:g} is outside {low:g} to {high:g}", used=False)
    return value, problem


def _parse_formula(raw: Any, col: Column, lists: dict[str, tuple[str, ...]]
                   ) -> tuple[float | None, cells.Problem | None]:
    value, _ = cells.parse_number(raw)
    return value, None


def _parse_text(raw: Any, col: Column, lists: dict[str, tuple[str, ...]]
                ) -> tuple[str | None, cells.Problem | None]:
    return cells.parse_text(raw)


def _parse_email(raw: Any, col: Column, lists: dict[str, tuple[str, ...]]
                 ) -> tuple[str | None, cells.Problem | None]:
    return cells.parse_email(raw)


Parsed = tuple[Any, "cells.Problem | None"]
_Parser = Callable[[Any, Column, dict[str, tuple[str, ...]]], Parsed]
PARSERS: dict[ColumnType, _Parser] = {
    ColumnType.TEXT: _parse_text,
    ColumnType.EMPLOYEE: _parse_text,
    ColumnType.PEOPLE: _parse_text,
    ColumnType.IDS: _parse_text,
    ColumnType.EMAIL: _parse_email,
    ColumnType.CHOICE: _parse_choice,
    ColumnType.YESNO: _parse_choice,
    ColumnType.DATE: _parse_date,
    ColumnType.INTEGER: _parse_integer,
    ColumnType.NUMBER: _parse_number,
    ColumnType.FORMULA: _parse_formula,
}
PROBLEM_CODES: dict[ColumnType, str] = {
    ColumnType.TEXT: "invalid.text",
    ColumnType.EMPLOYEE: "invalid.text",
    ColumnType.PEOPLE: "invalid.text",
    ColumnType.IDS: "invalid.text",
    ColumnType.EMAIL: "invalid.email",
    ColumnType.CHOICE: "invalid.choice",
    ColumnType.YESNO: "invalid.choice",
    ColumnType.DATE: "invalid.date",
    ColumnType.INTEGER: "invalid.number",
    ColumnType.NUMBER: "invalid.number",
    ColumnType.FORMULA: "invalid.number",
}
