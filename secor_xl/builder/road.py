"""The Dashboard's road to SECOR, as formulas: progress, next step, certificate cycle,
eligibility, what the certificate is worth and the incident statistics.

They follow the same rules as `secor_xl.certification`, which the engine uses, and
are made from the same tables (roadmap kinds and due rules, province thresholds,
rebates), so the workbook answers without Python and the two agree; tests
recalculate them in LibreOffice and compare. The roadmap's chained due dates need
a few helper cells (`ChainHelper`), kept in hidden columns of the protected
Dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..certification.incentive import REBATES, Rebate
from ..certification.provinces import PROVINCES
from ..certification.roadmap import (
    ALBERTA_RULES,
    ANNIVERSARY_PARTNERS,
    CALENDAR_KINDS,
    CYCLE_STEPS,
    DONE,
    KINDS,
    PARTNER_RULES,
    RULES,
)
from ..certification.stats import BASE_HOURS, RECORDABLE
from .formulas import AS_OF, company_cell, date_or_safe, key, ref

STEP, STATUS, DATE, DUE = (ref("Roadmap", c) for c in ("Step", "Status", "Date", "Due"))
CHAIN = ("written", "implemented", "self_evaluation", "submission", "certificate",
         "year_2", "year_3", "recertification")
"""The step kinds whose due dates chain, each after the ones it is worked out from."""


PROVINCE = key(company_cell("Province"))
PARTNER = company_cell("Certifying Partner")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cases(subject: str, cases: list[tuple[str, str]], otherwise: str) -> str:
    """IF(subject="a",x,IF(subject="b",y,otherwise)), from (value, formula) pairs."""
    out = otherwise
    for value, formula in reversed(cases):
        out = f"IF({subject}={_quote(value)},{formula},{out})"
    return out


# -- the Roadmap sheet --------------------------------------------------------------

def _done(status: str) -> str:
    return "(" + "+".join(f"({key(status)}={_quote(s.upper())})" for s in sorted(DONE)) + ")"


PRESENT = f'(TRIM({STEP})<>"")'
PENDING = f"{PRESENT}*(1-{_done(STATUS)})"


def steps_total() -> str:
    return f"=SUM({PRESENT}*1)"


def steps_done() -> str:
    return f"=SUM({PRESENT}*{_done(STATUS)})"


def next_index() -> str:
    """The table row (1-based) of the first step not done; #N/A when there is none."""
    return f"MATCH(1,{PENDING},0)"


def next_step() -> str:
    return (f'=IF(SUM({PRESENT}*1)=0,"Add the steps on the Roadmap sheet",'
            f'IF(SUM({PENDING})=0,"Every step is done",INDEX({STEP},{next_index()})))')


def kind_test(kind: str, text: str) -> str:
    """1 when the step name `text` is of `kind` (first keyword it contains), else 0."""
    words = [w for w, _k in KINDS]
    i = next(i for i, (_w, k) in enumerate(KINDS) if k == kind)
    has = [f"ISNUMBER(SEARCH({_quote(w)},{text}))" for w in words[:i + 1]]
    return "*".join([has[-1], *(f"(1-{h})" for h in has[:-1])])


@dataclass(frozen=True)
class ChainHelper:
    """Addresses of one kind's helper cells: its row on Roadmap, computed due, due, known
    (the Date when done, else the due, as `certification.roadmap.due_dates`), and whether
    the next step is of this kind (1 or 0)."""

    row: str
    computed: str
    due: str
    known: str
    is_next: str


def chain_formulas(kind: str, cells: dict[str, ChainHelper], next_text: str) -> ChainHelper:
    """The five formulas of `kind`'s helper cells (array formulas), given all addresses
    and the cell holding the next step's text."""
    me = cells[kind]
    row = f"=MAX({kind_test(kind, STEP)}*(ROW({STEP})-MIN(ROW({STEP}))+1))"
    how, alberta = RULES.get(kind), ALBERTA_RULES.get(kind)
    if how is None:
        computed = '=""'
    else:
        base = cells[how.base].known
        months = str(how.months)
        if alberta is not None:
            assert (alberta.base, alberta.days) == (how.base, how.days), kind
            months = f'IF({PROVINCE}="AB",{alberta.months},{how.months})'
        days = str(how.days) if how.days else ""
        for word, special in reversed(PARTNER_RULES.get(kind, ())):
            assert (special.base, special.months) == (how.base, how.months), kind
            days = (f'IF(ISNUMBER(SEARCH({_quote(word)},{PARTNER})),{special.days},'
                    f'{days or 0})')
        if kind in CALENDAR_KINDS:
            assert not days and alberta is None, kind
            computed = f'=IF(ISNUMBER({base}),{_maintenance_due(base, months)},"")'
        else:
            computed = (f'=IF(ISNUMBER({base}),EDATE({base},{months})'
                        f'{f"+{days}" if days else ""},"")')
    typed = f"INDEX({DUE},{me.row})"
    due = f'=IF({me.row}=0,"",IF(ISNUMBER({typed}),{typed},{me.computed}))'
    date = f"INDEX({DATE},{me.row})"
    known = (f'=IF({me.row}=0,"",IF({_done(f"INDEX({STATUS},{me.row})")}*ISNUMBER({date}),'
             f"{date},{me.due}))")
    # *1: the first kind's test is a bare ISNUMBER (TRUE/FALSE), and Excel's MATCH(1, ...)
    # does not find 1 in TRUE (LibreOffice does)
    is_next = f"=({kind_test(kind, next_text)})*1" if how is not None else "=0"
    return ChainHelper(row, computed, due, known, is_next)


def next_text() -> str:
    """The next step's name for the helpers; blank when every step is done."""
    return f'=IFERROR(INDEX({STEP},{next_index()}),"")'


def next_due(computed: str, is_next: str) -> str:
    """The next step's typed Due, else the one computed for its kind; "not set" if none.

    `computed` and `is_next` are the helper columns' ranges, one row per chained kind.
    """
    n = next_index()
    typed = f"INDEX({DUE},{n})"
    found = f"INDEX({computed},MATCH(1,{is_next},0))"
    return (f'=IF(SUM({PENDING})=0,"",IF(ISNUMBER({typed}),{typed},'
            f'IFERROR(IF(ISNUMBER({found}),{found},"not set"),"not set")))')


# -- the certificate cycle ------------------------------------------------------------

ISSUED = company_cell("Certificate Issued")


CALENDAR = (f'AND({PROVINCE}="BC",'
            + ",".join(f"ISERROR(SEARCH({_quote(w)},{PARTNER}))" for w in ANNIVERSARY_PARTNERS)
            + ")")
"""True where maintenance is due by December 31 (`certification.roadmap.calendar_year`)."""


def _maintenance_due(base: str, months: int | str) -> str:
    """`maintenance_due`: EDATE, or December 31 of its year under the calendar convention."""
    return f"IF({CALENDAR},DATE(YEAR(EDATE({base},{months})),12,31),EDATE({base},{months}))"


def _cycle_dues() -> list[str]:
    return [_maintenance_due(ISSUED, 12), _maintenance_due(ISSUED, 24), f"EDATE({ISSUED},36)"]


def certificate_year() -> str:
    """1-3 inside the cycle, 4 once recertification is due; "not certified" without a date."""
    passed = "+".join(f"({due}<={AS_OF})" for due in _cycle_dues())
    return (f'=IF(ISNUMBER({ISSUED}),IF({AS_OF}<{ISSUED},1,1+{passed}),"not certified")')


def cycle_step(year_cell: str) -> str:
    names = ",".join(_quote(s) for s in CYCLE_STEPS)
    return f'=IF(ISNUMBER({year_cell}),CHOOSE(MIN({year_cell},3),{names}),"Certificate issued")'


def cycle_due(year_cell: str) -> str:
    dues = ",".join(_cycle_dues())
    return f'=IF(ISNUMBER({year_cell}),CHOOSE(MIN({year_cell},3),{dues}),"")'


# -- eligibility -----------------------------------------------------------------------

def roster_count() -> str:
    """People counted as `certification.eligibility.roster_count` counts them."""
    e_id, name, start, status = (ref("Employees", c)
                                 for c in ("Employee ID", "Name", "Start Date", "Status"))
    day = date_or_safe(start)
    has_start = f"ISNUMBER({start})"
    started = f"((1-{has_start})+{has_start}*({day}<={AS_OF}))"
    in_window = f"{has_start}*({day}>EDATE({AS_OF},-12))*({day}<={AS_OF})"
    inactive = f'({key(status)}="INACTIVE")'
    present = f'((LEN(TRIM({e_id}))+LEN(TRIM({name})))>0)'
    return f"=SUM({present}*{started}*((1-{inactive})+{inactive}*{in_window}))"


def workers_counted(roster_cell: str) -> str:
    company = company_cell("Number of Workers")
    return f"=MAX({roster_cell},IF(ISNUMBER({company}),INT({company}),0))"


def worker_limit() -> str:
    override = company_cell("Worker Threshold Override")
    cases = [(code, str(p.threshold.max_employees)) for code, p in PROVINCES.items()
             if p.threshold.max_employees is not None]
    return (f'=IF(ISNUMBER({override}),INT({override}),'
            f'{_cases(PROVINCE, cases, _quote("none found"))})')


def fits(count_cell: str, limit_cell: str) -> str:
    return (f'=IF(ISNUMBER({limit_cell}),IF({count_cell}<={limit_cell},"fits",'
            f'"over the limit"),"ask your partner")')


# -- what the certificate is worth ------------------------------------------------------

PREMIUM = company_cell("WCB Premium")


def _rebate(r: Rebate, premium: str) -> str:
    value = f"{premium}*{r.share}"
    if r.floor:
        value = f"MAX({value},{r.floor:g})"
    if r.cap is not None:
        value = f"MIN({value},{r.cap:g})"
    if r.cap_share is not None:
        value = f"MIN({value},{premium}*{r.cap_share})"
    if r.above is not None:
        limit, share = r.above
        return f"ROUND(IF({premium}>{limit:g},{premium}*{share},{value}),2)"
    return f"ROUND({value},2)"


def incentive(which: int) -> str:
    """The low (0) or high (1) yearly estimate, as `certification.incentive.estimate`."""
    cases = [(code, _rebate(pair[which], PREMIUM)) for code, pair in REBATES.items()]
    return (f'=IF(AND(ISNUMBER({PREMIUM}),{PREMIUM}>0),'
            f'{_cases(PROVINCE, cases, _quote("no rebate found"))},"enter the premium")')


# -- incident statistics ---------------------------------------------------------------

I_TYPE, I_DATE = ref("Incidents", "Type"), ref("Incidents", "Date")
I_DAY = date_or_safe(I_DATE)
ON_RECORD = f"ISNUMBER({I_DATE})*({I_DAY}<={AS_OF})"


def incidents_in_year(type_name: str | None, year_cell: str) -> str:
    """Incidents of a type (None: any type) in a year, dated on or before the as-of day."""
    kind = (f'(TRIM({I_TYPE})<>"")' if type_name is None
            else f"({key(I_TYPE)}={_quote(type_name.upper())})")
    return f"=SUM({kind}*{ON_RECORD}*(YEAR({I_DAY})={year_cell}))"


def days_since_lost_time() -> str:
    lost = f'({key(I_TYPE)}="LOST TIME")*{ON_RECORD}'
    return f'=IF(SUM({lost})=0,"none on record",{AS_OF}-MAX({lost}*{I_DAY}))'


def recordable_12_months() -> str:
    kinds = "+".join(f"({key(I_TYPE)}={_quote(k)})" for k in RECORDABLE)
    return f"=SUM(({kinds})*{ON_RECORD}*({I_DAY}>EDATE({AS_OF},-12)))"


def recordable_rate(count_cell: str) -> str:
    hours = company_cell("Hours Worked (12 months)")
    return (f'=IF(AND(ISNUMBER({hours}),{hours}>0),{count_cell}*{BASE_HOURS}/{hours},'
            '"enter hours on Company")')
