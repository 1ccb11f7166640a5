"""`secor-xl check`: every finding in a workbook and the three Dashboard counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import orjson

from ..findings import Finding, Severity
from ..reader.read import ROW, WorkbookData
from ..schema import SCHEMA_VERSION, SHEETS
from .audit_records import audit_records
from .program import program
from .status import counts
from .timeliness import timeliness
from .validate import validate

_SHEET_ORDER = {s.name: i for i, s in enumerate(SHEETS)}
_ID_COLUMNS = {s.name: s.id_column for s in SHEETS if s.id_column}


@dataclass(frozen=True)
class CheckResult:
    """What check found: findings in sheet and row order, and the counts."""

    workbook: str
    as_of: dt.date
    schema_version: str
    findings: list[Finding]
    counts: dict[str, int]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def to_dict(self) -> dict[str, Any]:
        """The `check --format json` contract of architecture.md."""
        return self._head() | {"findings": [f.to_dict() for f in self.findings]}

    def to_json(self) -> bytes:
        """`to_dict()` as indented UTF-8 JSON, fast at any size: orjson writes the
        findings straight from their dataclasses (no dict per finding)."""
        document = self._head() | {"findings": self.findings}
        return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"

    def _head(self) -> dict[str, Any]:
        errors = self.errors
        return {
            "workbook": self.workbook,
            "as_of": self.as_of.isoformat(),
            "schema_version": self.schema_version,
            "summary": {"errors": errors, "warnings": len(self.findings) - errors,
                        "counts": dict(self.counts)},
        }


def resolve_as_of(wb: WorkbookData, as_of: dt.date | None, today: dt.date) -> dt.date:
    """--as-of, else the workbook's AsOfDate, else today."""
    return as_of or wb.as_of or today


def _name_the_records(wb: WorkbookData, findings: list[Finding]) -> None:
    """"Corrective Actions row 5 (CA-004), Due Date: ...": a message that starts with a
    record's row also gives the record's ID, as people know it by its ID."""
    ids: dict[str, dict[int, str]] = {}
    for f in findings:
        by_row = ids.get(f.sheet)
        if by_row is None:
            by_row = ids[f.sheet] = _record_ids(wb, f.sheet)
        record = by_row.get(f.row) if by_row else None
        if record is None:  # no ID to give: the message is left as it is
            continue
        prefix = f"{f.sheet} row {f.row}"
        if not f.message.startswith(prefix) or f.message[len(prefix):][:2] == " (":
            continue
        if record not in f.message:  # a message naming it already is left
            f.message = f"{prefix} ({record}){f.message[len(prefix):]}"


def _record_ids(wb: WorkbookData, sheet_name: str) -> dict[int, str]:
    """Row -> the record's ID on a sheet with an ID column; {} on any other."""
    id_column = _ID_COLUMNS.get(sheet_name)
    if id_column is None:
        return {}
    frame = wb.frame(sheet_name)
    return {int(r): str(i).strip() for r, i in zip(frame[ROW], frame[id_column], strict=True)
            if isinstance(i, str) and i.strip()}


def check_workbook(wb: WorkbookData, as_of: dt.date) -> CheckResult:
    """Validate and flag lateness as of `as_of`. Pure: no file or clock access."""
    findings = [*wb.findings, *validate(wb, as_of), *timeliness(wb, as_of),
                *program(wb, as_of), *audit_records(wb)]
    _name_the_records(wb, findings)
    findings.sort(key=lambda f: (_SHEET_ORDER.get(f.sheet, 99), f.row, f.column or "",
                                 f.code))
    return CheckResult(str(wb.path), as_of, wb.schema_version or SCHEMA_VERSION, findings,
                       counts(wb, as_of))
