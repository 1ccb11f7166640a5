"""One register of corrective actions, numbered by date once every source has raised its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .days import clean
from .people_data import FOREMAN, OWNER


@dataclass
class Action:
    key: str
    raised: dt.date
    source: str
    source_ref: str | None
    description: str
    assigned: str
    due: dt.date
    completed: dt.date | None
    verified_by: str | None


class Ledger:
    """Collects corrective actions from every source, then numbers them by date.

    Sources write a provisional key into their Action ID cells; `number()`
    gives CA-001... in the order the actions were raised and `relink()`
    swaps the keys for the real IDs.
    """

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.actions: list[Action] = []
        self.ids: dict[str, str] = {}

    def raise_action(self, raised: dt.date, source: str, ref: str | None, description: str,
                     assigned: str, fix_days: int, due_days: int = 14,
                     open_due: dt.date | None = None) -> str:
        """Record an action; it is closed `fix_days` after it was raised if that is past.

        An action still in progress gets a due date after as_of, so only the
        planted one (`open_due`) is overdue.
        """
        assert fix_days <= due_days
        key = f"#{len(self.actions)}"
        done = raised + dt.timedelta(days=fix_days)
        if open_due is not None or done > self.as_of:
            due = open_due or raised + dt.timedelta(days=due_days)
            action = Action(key, raised, source, ref, description, assigned, due, None, None)
        else:
            verifier = FOREMAN if assigned == OWNER else OWNER
            action = Action(key, raised, source, ref, description, assigned,
                             raised + dt.timedelta(days=due_days), done, verifier)
        self.actions.append(action)
        return key

    def number(self) -> None:
        order = sorted(self.actions, key=lambda a: (a.raised, int(a.key[1:])))
        self.ids = {a.key: f"CA-{i:03d}" for i, a in enumerate(order, start=1)}
        self.actions = order

    def relink(self, value: object) -> object:
        if isinstance(value, str) and value.startswith("#"):
            return ", ".join(self.ids[k.strip()] for k in value.split(","))
        return value

    def rows(self) -> list[dict[str, object]]:
        return [clean({
            "Action ID": self.ids[a.key], "Source": a.source, "Source Ref": a.source_ref,
            "Description": a.description, "Assigned To": a.assigned, "Due Date": a.due,
            "Completed Date": a.completed, "Verified By": a.verified_by,
            "Status": "Closed" if a.completed else "Open",
        }) for a in self.actions]
