"""Turning one cell's raw value into the value its column promises.

Each parser returns `(value, problem)`: the typed value (None when the cell
is blank or unusable) and, when something is off, a short phrase for the
finding plus whether the value was still used (a date typed as text is used,
with a warning; 2025-02-30 is not).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

EXCEL_EPOCH = dt.date(1899, 12, 30)
FIRST_DATE, LAST_DATE = dt.date(1950, 1, 1), dt.date(2100, 12, 31)
MAX_TEXT = 32767  # Excel's own limit on a cell

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)} | {"sept": 9}


_SPACES = re.compile(" +")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Problem:
    """What was wrong with a cell: `used` means the value was still taken."""

    text: str
    used: bool


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


@functools.lru_cache(maxsize=1 << 18)
def header_key(text: object) -> str:
    """A sheet name, header or field label as it is matched: spaces folded, any case."""
    return _WHITESPACE.sub(" ", str(text)).strip().casefold()


def match_key(text: str) -> str:
    """Excel's UPPER(TRIM(x)): spaces trimmed and runs of spaces folded, upper case.

    Python's upper() turns "ß" into "SS" where Excel keeps it; that one case is
    kept as Excel does.
    """
    folded = text.strip(" ")
    if "  " in folded:
        folded = _SPACES.sub(" ", folded)
    return folded.upper() if "ß" not in folded else "ß".join(
        part.upper() for part in folded.split("ß"))


def show(value: object) -> str:
    """A raw value as the user typed it, shortened for a message."""
    if isinstance(value, float):
        text = f"{value:.15g}"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def parse_text(value: object) -> tuple[str | None, Problem | None]:
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        return text[:MAX_TEXT], Problem(f"is longer than {MAX_TEXT} characters", used=True)
    return text, None


def parse_number(value: object, integer: bool = False) -> tuple[float | None, Problem | None]:
    if is_blank(value):
        return None, None
    what = "a whole number" if integer else "a number"
    if isinstance(value, bool | dt.date | dt.time):
        return None, Problem(f"{show(value)} is not {what}", used=False)
    problem = None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace(",", "").replace("$", "").replace("\u00a0", "")
        try:
            number = float(text)
        except ValueError:
            return None, Problem(f"{show(value)} is not {what}", used=False)
        problem = Problem(f"{show(value)} is stored as text; it was read as {number:g}",
                          used=True)
    if not math.isfinite(number):
        return None, Problem(f"{show(value)} is not {what}", used=False)
    if integer and not number.is_integer():
        return None, Problem(f"{show(value)} is not {what}", used=False)
    return number, problem


EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}")
"""One address: something@domain.tld, no spaces, commas or angle brackets."""


def parse_email(value: object) -> tuple[str | None, Problem | None]:
    """An e-mail address; anything else is a problem, and the value is not used."""
    text, problem = parse_text(value)
    if text is None or problem is not None:
        return text, problem
    if not EMAIL.fullmatch(text):
        return None, Problem(f"{show(text)} is not an e-mail address (name@example.com)",
                             used=False)
    return text, None


_NAME_SEPARATORS = re.compile(r"\s*[,;\n]\s*")


def split_names(text: object) -> list[str]:
    """The people (or IDs) of a list cell: separated by commas, semicolons or line breaks
    (Alt+Enter), blanks dropped."""
    if not isinstance(text, str):
        return []
    return [n for n in _NAME_SEPARATORS.split(text.strip()) if n]


class Suggestions:
    """"Did you mean" against one list, each distinct typo worked out once (a messy log
    repeats the same wrong name on thousands of rows).

    A suggestion is the candidate whose similarity (rapidfuzz's ratio: 2 x the common
    characters / both lengths) is at least 80 %. Only candidates of a length that could
    reach 80 % are compared, and one list spends at most `BUDGET` comparisons: a
    workbook with tens of thousands of unknown values among tens of thousands of IDs
    still reports each one, the later ones without a suggestion (`skipped` counts them).
    """

    CUTOFF = 80.0
    BUDGET = 3_000_000
    BLOCK = 256  # values per cdist call: at most BLOCK x candidates scores in memory

    def __init__(self, candidates: Iterable[str]) -> None:
        self.by_key = {match_key(c): c for c in candidates if c and not is_blank(c)}
        self.by_length: dict[int, list[str]] = {}
        for key in self.by_key:
            self.by_length.setdefault(len(key), []).append(key)
        self.found: dict[str, str | None] = {}
        self.near: dict[int, list[str]] = {}  # key length -> the candidates it may match
        self.budget = self.BUDGET
        self.skipped = 0

    def _near_length(self, size: int) -> list[str]:
        """The candidates whose length allows 80 %, shortest first: 2 x min / (a + b) >= 0.8
        means the shorter is at least two thirds of the longer. Worked out once per length
        (a run of unknown IDs shares a handful of lengths)."""
        near = self.near.get(size)
        if near is None:
            low, high = -(-2 * size // 3), 3 * size // 2
            near = self.near[size] = [key for n in range(low, high + 1)
                                      for key in self.by_length.get(n, ())]
        return near

    def closest(self, value: str) -> str | None:
        key = match_key(value)
        if key in self.found:
            return self.found[key]
        near = self._near_length(len(key))
        if len(near) > self.budget:
            self.skipped += 1
            return None
        self.budget -= len(near)
        # extractOne keeps the first of equal scores: the shortest, then the first listed
        hit = process.extractOne(key, near, scorer=fuzz.ratio, score_cutoff=self.CUTOFF)
        self.found[key] = self.by_key[hit[0]] if hit else None
        return self.found[key]

    def learn(self, values: Iterable[str]) -> None:
        """Work out the suggestions of many values at once: the same answers and the same
        budget as calling `closest` on each in the order given, with rapidfuzz comparing a
        block of values against their candidates in one call (cdist, several times faster
        than one extractOne per value). `closest` then finds them ready."""
        todo: dict[int, dict[str, None]] = {}
        for value in values:
            key = match_key(value)
            if key in self.found or key in todo.get(len(key), ()):
                continue
            cost = len(self._near_length(len(key)))
            if cost > self.budget:
                continue  # closest() counts it as skipped when asked
            self.budget -= cost
            todo.setdefault(len(key), {})[key] = None
        for size, keys in todo.items():
            near, queries = self.near[size], list(keys)
            if not near:
                self.found.update(dict.fromkeys(queries))
                continue
            for start in range(0, len(queries), self.BLOCK):
                block = queries[start:start + self.BLOCK]
                scores = process.cdist(block, near, scorer=fuzz.ratio, dtype=np.float64,
                                       score_cutoff=self.CUTOFF, workers=1)
                best = scores.argmax(axis=1)  # the first of equal scores, as extractOne
                top = scores[np.arange(len(block)), best]
                for key, at, score in zip(block, best.tolist(), top.tolist(), strict=True):
                    self.found[key] = self.by_key[near[at]] if score >= self.CUTOFF else None

    def did_you_mean(self, value: str) -> str:
        """' Did you mean "X"?' for a close candidate, else ''."""
        match = self.closest(value)
        return f' Did you mean "{match}"?' if match else ""


def parse_date(value: object) -> tuple[dt.date | None, Problem | None]:
    if is_blank(value):
        return None, None
    problem = None
    day: dt.date | None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, bool | dt.time | dt.timedelta):
        return None, Problem(f"{show(value)} is not a date", used=False)
    elif isinstance(value, int | float):
        if not math.isfinite(value) or not 1 <= value < 2958466:
            return None, Problem(f"{show(value)} is not a date", used=False)
        day = EXCEL_EPOCH + dt.timedelta(days=int(value))
        problem = Problem(f"{show(value)} is a number, not a date; it was read as "
                          f"{day.isoformat()} (format the cell as a date)", used=True)
    else:
        text = str(value).strip()
        parsed = text_to_date(text)
        if parsed is None:
            both = two_readings(text)
            if both is not None:
                day_first, month_first = both
                return None, Problem(
                    f"{show(value)} is stored as text and reads two ways: "
                    f"{day_first:%B} {day_first.day}, {day_first.year} (day first) or "
                    f"{month_first:%B} {month_first.day}, {month_first.year} (month first), "
                    "so it is not used; retype it as a date "
                    f"({day_first.isoformat()} or {month_first.isoformat()})", used=False)
            return None, Problem(f"{show(value)} is not a date", used=False)
        day = parsed
        problem = Problem(f"{show(value)} is stored as text; it was read as "
                          f"{day.isoformat()} (retype it as a date)", used=True)
    if not FIRST_DATE <= day <= LAST_DATE:
        return None, Problem(f"{day.isoformat()} is outside {FIRST_DATE.year}-"
                             f"{LAST_DATE.year}; check the year", used=False)
    return day, problem


def text_to_date(text: str) -> dt.date | None:
    """A date written as text in ISO or a common Canadian form; None when it is not one, or
    when it reads two ways (`two_readings`).

    Accepts 2025-03-31, 2025/03/31, 31/03/2025, 03/31/2025, 31-03-2025,
    March 31, 2025, 31 March 2025, 31-Mar-2025.
    """
    text = text.strip().rstrip(".")
    if len(text) > 40:
        return None
    try:
        m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _NUMERIC.fullmatch(text)
        if m:
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            if a > 12:
                return dt.date(year, b, a)
            if b > 12 or a == b:
                return dt.date(year, a, b)
            return None  # 03/04/2025: day first or month first, nobody can tell
        m = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", text)
        if m and m[1].lower() in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        m = re.fullmatch(r"(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s,]+(\d{4})", text)
        if m and m[2].lower() in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    except ValueError:
        return None
    return None


_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def two_readings(text: str) -> tuple[dt.date, dt.date] | None:
    """(day first, month first) of a text date like 03/04/2025 that reads both ways."""
    m = _NUMERIC.fullmatch(text.strip().rstrip("."))
    if not m:
        return None
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    if a > 12 or b > 12 or a == b or not (a and b):
        return None
    try:
        return dt.date(year, b, a), dt.date(year, a, b)
    except ValueError:
        return None
    return None
