"""The Dashboard's audit methods, as formulas: interviews done against the sample, and the
active sites walked, in the 12 months up to the as-of day.

The engine's side is `rules/methods.py`; the sample table is `questions_data.SAMPLE_SIZES`,
written out as nested IFs, so the workbook answers without Python and the two agree.
Distinct people are counted without COUNTIF on a user's text: each answered row counts
1 / (answered rows with the same name), the names compared by an MMULT of equalities, as
`row_formulas.workers_missing` does. Cost: rows times rows of Interviews, and active sites
times Observations rows, which stay in the hundreds.
"""

from __future__ import annotations

from ..questions_data import SAMPLE_SIZES
from .formulas import AS_OF, date_or_safe, key, ref, row_vector


def _in_window(date_ref: str) -> str:
    """1 for a date in the 12 months up to the as-of day. A comparison never raises (text
    compares above numbers), and ISNUMBER zeroes it for text and blanks."""
    return f"ISNUMBER({date_ref})*({date_ref}>EDATE({AS_OF},-12))*({date_ref}<={AS_OF})"


def active_workers() -> str:
    """Employees not Inactive, named, started by the as-of day (`rules.methods`)."""
    name, start, status = (ref("Employees", c) for c in ("Name", "Start Date", "Status"))
    started = f"(1-ISNUMBER({start})+ISNUMBER({start})*({date_or_safe(start)}<={AS_OF}))"
    return f'=SUM(({key(status)}<>"INACTIVE")*(TRIM({name})<>"")*{started})'


def interviews_planned(active_cell: str) -> str:
    """The sample size for `active_cell` workers, from the table of `questions_data`."""
    out = str(SAMPLE_SIZES[-1][1])
    for most, size in reversed(SAMPLE_SIZES):
        out = f"IF({active_cell}<={most},{size or active_cell},{out})"
    return "=" + out


def interviews_done() -> str:
    """Distinct people with a Positive or Negative answer in the 12 months."""
    name, answer, day = (ref("Interviews", c) for c in ("Interviewee", "Answer", "Date"))
    asked = (f'(({key(answer)}="POSITIVE")+({key(answer)}="NEGATIVE"))'
             f'*(TRIM({name})<>"")*{_in_window(day)}')
    same = f"MMULT(({key(name)}={row_vector(key(name))})*1,{asked})"
    return f"=SUM(IF({asked},1/{same},0))"


def _active_site() -> str:
    site, active = ref("Work Sites", "Site"), ref("Work Sites", "Active")
    return f'(TRIM({site})<>"")*({key(active)}<>"NO")'


def sites_to_observe() -> str:
    return f"=SUM({_active_site()})"


def sites_observed() -> str:
    """Active sites with an Observations row dated in the 12 months."""
    site = ref("Work Sites", "Site")
    seen, day = ref("Observations", "Site"), ref("Observations", "Date")
    walked = f"MMULT(({key(site)}={row_vector(key(seen))})*1,{_in_window(day)})"
    return f"=SUM({_active_site()}*({walked}>0))"
