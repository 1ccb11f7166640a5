"""Whether the certificate holds on a day: current, due, lapsed, expired, or none yet.

A certificate is valid three years only if a maintenance submission is made in each of
years 2 and 3; a missed one ends it (Energy Safety Canada, S17, R14-49; AHSA, S14;
AMHSA, S10). So, from the Roadmap's steps and the cycle (`roadmap.cycle`):

* lapsed: a "Maintenance submission, year 2/3" step is not done and its due date has
  passed (a submission not made by its deadline);
* expired: the recertification date has passed and recertification is not done;
* due: the next maintenance submission or recertification falls due within 30 days;
* current: otherwise, once a certificate is issued; "none" before.

A maintenance year without a Roadmap row is not judged (nothing says it was missed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .roadmap import DONE, SOON_DAYS, Cycle, Step, kind_of

LAPSE_SOURCES = ("S17", "R14-49", "S14", "S10")
NONE, CURRENT, DUE, LAPSED, EXPIRED = "none", "current", "due", "lapsed", "expired"


@dataclass(frozen=True)
class CertificateStatus:
    """The certificate on one day; `reason` says why in one sentence."""

    status: str
    reason: str
    year: int | None = None
    due: dt.date | None = None
    source_ids: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """A certificate is held: current or due (lapsed and expired ones are not)."""
        return self.status in (CURRENT, DUE)


def certificate_status(where: Cycle, steps: Sequence[Step],
                       as_of: dt.date) -> CertificateStatus:
    """The status of the certificate of `where` (the cycle) given the Roadmap's `steps`
    (`roadmap.due_dates`, in order) on `as_of`."""
    if where.issued is None or where.issued > as_of:
        return CertificateStatus(NONE, "no certificate issued yet")
    for step in steps:
        kind = kind_of(step.step)
        if kind not in ("year_2", "year_3") or step.status.casefold() in DONE:
            continue
        if step.due is not None and step.due < as_of:
            return CertificateStatus(
                LAPSED, f"the certificate lapsed: '{step.step}' was due {step.due.isoformat()} "
                f"and is {step.status}", where.year, step.due, LAPSE_SOURCES)
    recert = next((s for s in steps if kind_of(s.step) == "recertification"), None)
    renewed = recert is not None and recert.status.casefold() in DONE
    if where.recertification is not None and where.recertification < as_of and not renewed:
        return CertificateStatus(
            EXPIRED, f"the certificate expired on {where.recertification.isoformat()} "
            "(recertification not done)", where.year, where.recertification, where.source_ids)
    if where.next_due is not None and (where.next_due - as_of).days <= SOON_DAYS:
        return CertificateStatus(
            DUE, f"certificate year {min(where.year or 1, 3)} of 3: {where.next_step} due "
            f"{where.next_due.isoformat()}", where.year, where.next_due, where.source_ids)
    return CertificateStatus(
        CURRENT, f"certificate year {min(where.year or 1, 3)} of 3: {where.next_step} due "
        f"{where.next_due.isoformat() if where.next_due else 'not set'}", where.year,
        where.next_due, where.source_ids)
