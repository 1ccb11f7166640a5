"""The road to the certificate and the three-year certificate cycle.

The cycle is anniversary-based: a certificate is valid three years if an
evaluation is submitted in each of the next two years (S10, S14; B01; M02, M05),
and the month on the certificate is the annual due date (S17). So, from the
issue date, with Excel's EDATE (month ends clamp: Jan 31 + 12 months is Jan 31,
Aug 31 + 6 months is Feb 28/29):

* maintenance submission, year 2: issued + 12 months;
* maintenance submission, year 3: issued + 24 months;
* recertification: issued + 36 months.

Roadmap due dates left blank are computed from the steps before (`next_steps`),
each from the earlier step's Date when it is done, else from its Due:

* program implemented = program written + 12 months in Alberta (ESC asks for 12
  months of records, S16; AHSA a year, S14; the older ACSA sheet said 3 months,
  S38), + 3 months elsewhere (MB: 3 months of program documentation, M03; S38);
* self-evaluation = implemented + 15 days: the evaluation's data gathering starts once
  the program is implemented and takes at most 15 days (AASP, S09);

A rule belongs to whom it comes from (`DueRule.applies`): AASP's 15 days bind AASP's
members only, and "program written + 3 months" only in Manitoba (M03; Alberta has its
own 12 months). Elsewhere the same date is worked out as a guide for planning (the step
is "planned", `Step.binding` False): never overdue, never an error in `check`.
* submission = self-evaluation + the certifying partner's window: AASP within 21 days
  of the last day of data gathering (S09), ACSA and the others within 45 days of
  completion (S04), picked by the Company's Certifying Partner (`PARTNER_RULES`);
* maintenance years 2 and 3 and recertification: from the certificate, as above.

Other steps (WCB account, certifying partner, evaluator trained, program
written, certificate issued) have no computed due date; the owner sets one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from ..dates import edate

CYCLE_SOURCES = ("S10", "S14", "S17", "B01", "M02", "M05")
CYCLE_STEPS = ("Maintenance submission, year 2", "Maintenance submission, year 3",
               "Recertification")
"""What falls due 12, 24 and 36 months after the certificate was issued."""
DONE = frozenset({"done", "not needed"})
SOON_DAYS = 30


@dataclass(frozen=True)
class Cycle:
    """Where the certificate stands on `as_of`."""

    issued: dt.date | None
    maintenance_year_2: dt.date | None
    maintenance_year_3: dt.date | None
    recertification: dt.date | None
    year: int | None  # 1-3 by anniversaries, in every province; 4 past recertification
    next_step: str
    next_due: dt.date | None
    source_ids: tuple[str, ...] = CYCLE_SOURCES
    confidence: str = "high"


CALENDAR_SOURCES = ("B01", "R14-46", "R14-47")
ANNIVERSARY_PARTNERS = ("FOREST", "ENERGY SAFETY")
"""BC partners that keep the anniversary (BC Forest Safety Council, R14-43; Energy Safety
Canada, S17); the others follow WorkSafeBC's calendar year (B01, SafetyDriven R14-46)."""


def calendar_year(province: str | None, partner: str | None) -> bool:
    """True where maintenance submissions are due by December 31 of years 2 and 3 rather
    than on the certificate's anniversaries: British Columbia, but for the partners that
    keep the anniversary."""
    if (province or "").strip().upper() != "BC":
        return False
    name = (partner or "").upper()
    return not any(word in name for word in ANNIVERSARY_PARTNERS)


def maintenance_due(issued: dt.date, months: int, calendar: bool) -> dt.date:
    """`months` after `issued` (EDATE); by December 31 of that year under the calendar
    convention."""
    due = edate(issued, months)
    return dt.date(due.year, 12, 31) if calendar else due


def cycle(issued: dt.date | None, as_of: dt.date, calendar: bool = False) -> Cycle:
    """The due dates of the cycle, the year of it `as_of` is in (counted from the
    anniversaries in every province) and the next submission with its due date."""
    if issued is None:
        return Cycle(None, None, None, None, None, "Certificate issued", None)
    due = [maintenance_due(issued, 12, calendar), maintenance_due(issued, 24, calendar),
           edate(issued, 36)]
    # the certificate's year counts anniversaries, the same in every province; the next
    # submission is the first not yet due (under the calendar convention year 2's is
    # due by December 31, after the anniversary)
    year = 1 + sum(1 for months in (12, 24, 36) if edate(issued, months) <= as_of)
    if as_of < issued:
        year = 1
    index = min(sum(1 for d in due if d <= as_of), 2)
    sources = (*CYCLE_SOURCES, *CALENDAR_SOURCES) if calendar else CYCLE_SOURCES
    return Cycle(issued, due[0], due[1], due[2], year, CYCLE_STEPS[index], due[index],
                 sources)


@dataclass(frozen=True)
class Step:
    """One Roadmap row with its due date (typed or computed) and how it stands."""

    step: str
    status: str
    date: dt.date | None
    due: dt.date | None
    computed: bool
    rule: str
    state: str  # "done", "overdue", "due soon", "open", "planned", "no due date"
    source_ids: tuple[str, ...] = ()
    binding: bool = True  # False: a guide worked out from another partner's rule


KINDS = (
    # (keyword in the step name, kind): a step is the first kind whose keyword it
    # contains, case-insensitively.
    ("implemented", "implemented"),
    ("self-evaluation", "self_evaluation"),
    ("submission sent", "submission"),
    ("certificate issued", "certificate"),
    ("year 2", "year_2"),
    ("year 3", "year_3"),
    ("recertification", "recertification"),
    ("written", "written"),
)


@dataclass(frozen=True)
class DueRule:
    """A step's due date: the `base` step's date (done) or due, + months + days."""

    base: str
    months: int
    days: int
    text: str
    source_ids: tuple[str, ...]
    applies: tuple[str, ...] = ()
    """Whom the rule binds: words of the Certifying Partner's name, or "province:XX";
    empty: everyone."""

    def binds(self, province: str | None, partner: str) -> bool:
        """True where this rule is the employer's own (its partner's or its province's)."""
        if not self.applies:
            return True
        code = (province or "").strip().upper()
        return any(code == word.removeprefix("province:") if word.startswith("province:")
                   else word.casefold() in partner.casefold() for word in self.applies)


RULES: dict[str, DueRule] = {
    "implemented": DueRule("written", 3, 0, "program written + 3 months of records",
                           ("S38", "M03"), ("province:MB",)),
    "self_evaluation": DueRule("implemented", 0, 15, "implemented + at most 15 days of data "
                               "gathering (AASP)", ("S09",), ("AASP",)),
    "submission": DueRule("self_evaluation", 0, 45, "self-evaluation + 45 days", ("S04",)),
    **{kind: DueRule("certificate", months, 0, f"certificate issued + {months} months",
                     CYCLE_SOURCES)
       for kind, months in (("year_2", 12), ("year_3", 24), ("recertification", 36))},
}
ALBERTA_RULES: dict[str, DueRule] = {
    "implemented": DueRule("written", 12, 0, "program written + 12 months of records (Alberta: "
                           "ESC and AHSA ask for 12 months; the older ACSA sheet said 3)",
                           ("S16", "S14", "S38")),
}
PARTNER_RULES: dict[str, tuple[tuple[str, DueRule], ...]] = {
    # kind: ((a word of the Certifying Partner's name, its rule), ...); the first whose
    # word the partner's name contains wins, else RULES. Same base and months as RULES:
    # only the days differ, which the Dashboard's formulas rely on.
    "submission": (("AASP", DueRule("self_evaluation", 0, 21, "self-evaluation + 21 days "
                                    "(AASP: submit within 21 days of the last day of data "
                                    "gathering)", ("S09",))),),
}
NO_RULE = "no computed due date; set one on the Roadmap sheet"


def rule(kind: str, alberta: bool, partner: str = "") -> DueRule | None:
    """How a step of `kind` gets its due date, if it has a computed one."""
    for word, special in PARTNER_RULES.get(kind, ()):
        if word.casefold() in partner.casefold():
            return special
    return (ALBERTA_RULES.get(kind) if alberta else None) or RULES.get(kind)


def kind_of(step: str) -> str:
    """The kind of a Roadmap step by its name (`KINDS`), "other" when none fits."""
    low = step.casefold()
    return next((kind for word, kind in KINDS if word in low), "other")


def due_dates(rows: Iterable[Mapping[str, object]], province: str | None = None,
              partner: str | None = None) -> list[Step]:
    """Every row with its due date: the typed Due, else one computed from earlier steps."""
    alberta = (province or "").strip().upper() == "AB"
    calendar = calendar_year(province, partner)
    partner = partner or ""
    known: dict[str, dt.date | None] = {}  # kind -> Date when done, else Due
    bound: dict[str, bool] = {}  # kind -> its known date is a real one or a binding due
    out: list[Step] = []
    for row in rows:
        name = str(row.get("Step") or "").strip()
        status = str(row.get("Status") or "Not Started").strip()
        date, typed = _day(row.get("Date")), _day(row.get("Due"))
        kind = kind_of(name)
        computed_due, why, sources = _rule(kind, known, alberta, partner, calendar)
        how = rule(kind, alberta, partner)
        # a date worked out from a guide is a guide too (self-evaluation + 45 days after
        # another partner's 15 days)
        binding = typed is not None or how is None or (
            how.binds(province, partner) and bound.get(how.base, True))
        due = typed if typed is not None else computed_due
        if typed is not None:
            why, sources = "typed on the Roadmap sheet", ()
        elif not binding:
            why = f"{why}; a guide for planning: not your certifying partner's rule"
        done = status.casefold() in DONE
        known[kind] = date if done and date is not None else due
        bound[kind] = (done and date is not None) or binding
        out.append(Step(name, status, date, due, typed is None and due is not None, why,
                        _state(done, due, None, binding), sources, binding))
    return out


def next_steps(rows: Iterable[Mapping[str, object]], as_of: dt.date, n: int = 3,
               province: str | None = None, partner: str | None = None) -> list[Step]:
    """The first `n` steps not done, in roadmap order, each overdue / due soon / open."""
    pending = []
    for s in due_dates(rows, province, partner):
        if s.status.casefold() in DONE:
            continue
        pending.append(Step(s.step, s.status, s.date, s.due, s.computed, s.rule,
                            _state(False, s.due, as_of, s.binding), s.source_ids, s.binding))
    return pending[:n]


def _rule(kind: str, known: Mapping[str, dt.date | None], alberta: bool, partner: str,
          calendar: bool = False) -> tuple[dt.date | None, str, tuple[str, ...]]:
    how = rule(kind, alberta, partner)
    if how is None:
        return None, NO_RULE, ()
    base = known.get(how.base)
    if calendar and kind in CALENDAR_KINDS:
        due = None if base is None else maintenance_due(base, how.months, True)
        return due, f"{how.text}, by December 31 of that year", (
            *how.source_ids, *CALENDAR_SOURCES)
    due = None if base is None else edate(base, how.months) + dt.timedelta(days=how.days)
    return due, how.text, how.source_ids


CALENDAR_KINDS = ("year_2", "year_3")
"""The steps the calendar convention moves to December 31."""


def _state(done: bool, due: dt.date | None, as_of: dt.date | None,
           binding: bool = True) -> str:
    if done:
        return "done"
    if due is None:
        return "no due date"
    if not binding:
        return "planned"
    if as_of is None:
        return "open"
    if due < as_of:
        return "overdue"
    if (due - as_of).days <= SOON_DAYS:
        return "due soon"
    return "open"


def _day(value: object) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
