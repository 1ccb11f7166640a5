"""Running secor-xl over time and over many workbooks.

`watch` checks workbooks every day and mails a digest of what is new
(`digest`, `ledger`, `mail`); `portfolio` summarises a consultant's folder of
client workbooks in one table; `clients` makes one master per client from a
CSV. Each module is imported by the command that needs it, so nothing is
re-exported here.
"""

from __future__ import annotations

__all__: list[str] = []
