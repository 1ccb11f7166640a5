"""Check and score results as text for a terminal (rich): tables, colours, bars."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import groupby
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .findings import Finding
from .rules.check import CheckResult

_STYLE = {"error": "bold red", "warning": "yellow"}
BAR_WIDTH = 25


def check_summary(result: CheckResult) -> str:
    c = result.counts
    return (f"{_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')} as of "
            f"{result.as_of}: {_plural(c['overdue_inspections'], 'overdue inspection')}, "
            f"{c['expired_training']} expired or missing training, "
            f"{_plural(c['overdue_actions'], 'overdue corrective action')}.")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


SHOWN_PER_CODE = 5
"""Findings of one code on one sheet shown in full before the rest are counted."""
GROUP_OVER = 10
"""A code with more findings than this on a sheet is shortened to SHOWN_PER_CODE and a count."""


def render_check(result: CheckResult, console: Console) -> None:
    """Findings grouped by sheet, errors in red and warnings in yellow, then a summary.

    Nobody reads 600,000 lines: where one sheet has more than GROUP_OVER findings
    of one code, the first SHOWN_PER_CODE are listed and the rest counted ("and
    N more like this"), with a count by sheet and code at the end. JSON and
    `--write` always carry every finding.
    """
    console.print(Text(f"secor-xl check  {result.workbook}", style="bold"))
    if not result.findings:
        console.print(Text("No findings: nothing wrong or late.", style="green"))
    hidden_total: list[tuple[str, str, str, int]] = []
    for sheet, group in groupby(result.findings, key=lambda f: f.sheet):
        findings = list(group)
        totals = Counter(f.code for f in findings)
        shown: Counter[str] = Counter()
        table = Table(title=sheet, title_justify="left", title_style="bold cyan",
                      show_edge=False, pad_edge=False, expand=False)
        table.add_column("Row", justify="right", style="dim")
        table.add_column("Column")
        table.add_column("Severity")
        table.add_column("Code", style="dim")
        table.add_column("Message", overflow="fold")
        hidden: dict[str, list[Finding]] = {}
        for f in findings:
            if totals[f.code] > GROUP_OVER and shown[f.code] >= SHOWN_PER_CODE:
                hidden.setdefault(f.code, []).append(f)
                continue
            shown[f.code] += 1
            table.add_row(str(f.row), f.column or "", _severity(f), f.code,
                          _without_place(f.message, f.sheet, f.row, f.column))
        for code, rest in hidden.items():
            rows = f"rows {rest[0].row:,}-{rest[-1].row:,}" if len(rest) > 1 else \
                f"row {rest[0].row:,}"
            table.add_row("...", "", _severity(rest[0]), code,
                          Text(f"and {len(rest):,} more like this ({rows})", style="italic"))
            hidden_total.append((sheet, code, str(rest[0].severity), totals[code]))
        console.print(table)
    if hidden_total:
        counts = Table(title="Findings by sheet and code (where some were not listed)",
                       title_justify="left", title_style="bold cyan", show_edge=False,
                       pad_edge=False, expand=False)
        for name, justify in (("Sheet", "left"), ("Code", "left"), ("Severity", "left"),
                              ("Findings", "right")):
            counts.add_column(name, justify=justify)  # type: ignore[arg-type]
        for sheet, code, severity, n in hidden_total:
            counts.add_row(sheet, code, Text(severity, style=_STYLE[severity]), f"{n:,}")
        console.print(counts)
        console.print(Text("Every finding: secor-xl check WORKBOOK --format json, or --write to "
                           "put them all on the Findings sheet.", style="dim"))
    style = "bold red" if result.errors else ("yellow" if result.warnings else "green")
    console.print(Text(check_summary(result), style=style))


def _severity(f: Finding) -> Text:
    return Text(str(f.severity), style=_STYLE[str(f.severity)])


def _without_place(message: str, sheet: str, row: int, column: str | None) -> str:
    """The message without its "Sheet row N, Column: " lead, which the table shows."""
    lead = f"{sheet} row {row}, {column}: "
    return message[len(lead):] if column and message.startswith(lead) else message


def verdict_word(score: Mapping[str, Any]) -> str:
    """PASS, FAIL, NOT READY, NOT ELIGIBLE or LAPSED (`score.verdict`, decided once in
    `score/verdict.py`); a JSON without a verdict (an older secor-xl) says PASS or FAIL from
    `passed`."""
    verdict = score.get("verdict") or {}
    if verdict.get("word"):
        return str(verdict["word"])
    status = verdict.get("status") or ("pass" if score["passed"] else "fail")
    return {"pass": "PASS", "fail": "FAIL", "not_ready": "NOT READY"}[status]


def score_summary(score: Mapping[str, Any]) -> str:
    """One line: the verdict's headline (its word and deciding reason) first, then the
    overall, the rule and the weakest applicable element."""
    rule = score["rule"]
    verdict = score.get("verdict") or {}
    headline = verdict.get("headline") or verdict_word(score)
    scored = [e for e in score["elements"] if e.get("applicable", True)]
    weakest = min(scored, key=lambda e: e["score"]) if scored else None
    tail = f"; weakest: {weakest['id']} {weakest['name']} {weakest['score']:.1f} %" \
        if weakest else ""
    overall = "" if verdict.get("status") == "pass" else f"; {score['overall']:.1f} % overall"
    return (f"{headline}{overall} (as of {score['as_of']}; pass: {rule['overall_min']:g} % "
            f"overall and {rule['element_min']:g} % in every element, with the interviews and "
            f"observations done, {score['province'] or 'province not set'}){tail}.")


METHOD_WORDS = {"documentation": "documentation", "interview": "interviews",
                "observation": "observation"}


def methods_line(score: Mapping[str, Any]) -> str:
    """How many points rest on each method, and what the interviews and walk-arounds still
    lack; the Self-Assessment earns nothing on its own."""
    by_method = score.get("points_by_method") or {}
    parts = [f"{METHOD_WORDS.get(m, m)} {p['earned']:g} of {p['possible']:g}"
             for m, p in by_method.items()]
    interviews = score.get("interviews") or {}
    observations = score.get("observations") or {}
    line = "Points by method: " + ", ".join(parts) + "."
    if interviews:
        line += (f" Interviews: {interviews['done']} of {interviews['planned']} people, "
                 f"{interviews.get('questions_not_gathered', 0)} interview questions not "
                 "gathered yet.")
    if observations:
        line += (f" Observations: {observations['done']} of {observations['sites']} sites, "
                 f"{observations.get('questions_not_gathered', 0)} observation questions not "
                 "gathered yet.")
    return line + (" Self-Assessment answers earn no points on their own: a Yes counts only "
                   "as far as a record, an interview or an observation backs it.")


def road_summary(road: Mapping[str, Any]) -> str:
    """One line: eligibility, the certificate year, the next step, the worth, incidents."""
    fit, cycle, worth = road["eligibility"], road["cycle"], road["incentive"]
    parts = [f"{fit['count']} workers" + (f", limit {fit['threshold']}"
                                         if fit["threshold"] is not None else "")]
    parts.append(f"certificate year {cycle['year']} of 3" if cycle["year"]
                 else "not certified yet")
    if road["next_steps"]:
        step = road["next_steps"][0]
        parts.append(f"next: {step['step']}" + (f", due {step['due']}" if step["due"] else ""))
    if worth["low"] is not None:
        span = (f"${worth['low']:,.0f}" if worth["low"] == worth["high"]
                else f"${worth['low']:,.0f} to ${worth['high']:,.0f}")
        parts.append(f"worth about {span} a year (estimate)")
    days = road["incidents"]["days_since_lost_time"]
    parts.append(f"{days} days since the last lost-time incident" if days is not None
                 else "no lost-time incident on record")
    return "; ".join(parts) + "."


def _bar(value: float, pass_line: float, element_min: float) -> Text:
    filled = round(BAR_WIDTH * max(0.0, min(value, 100.0)) / 100)
    mark = round(BAR_WIDTH * pass_line / 100)
    colour = "green" if value >= pass_line else ("yellow" if value >= element_min else "red")
    text = Text()
    for i in range(BAR_WIDTH):
        if i == mark:
            text.append("|", style="bold")
        elif i < filled:
            text.append("█", style=colour)
        else:
            text.append("·", style="dim")
    return text


def _road_lines(road: Mapping[str, Any]) -> list[Text]:
    """The road to the certificate: eligibility, next steps, what it is worth, incidents."""
    if not road:
        return []
    lines = [Text("The road to SECOR", style="bold cyan")]
    fit = road["eligibility"]
    if fit["threshold"] is not None:
        verdict = "fits" if fit["fits"] else "does NOT fit"
        lines.append(Text(f"  Workers counted: {fit['count']}; the small-employer program "
                          f"allows {fit['threshold']}: {verdict}."))
    cycle, certificate = road["cycle"], road.get("certificate") or {}
    if certificate.get("status") not in (None, "none"):
        lines.append(Text(f"  Certificate ({certificate['status']}): {certificate['reason']}."))
    elif cycle["year"]:
        lines.append(Text(f"  Certificate year {cycle['year']} of 3; next: {cycle['next_step']}"
                          f" by {cycle['next_due']}."))
    for step in road["next_steps"]:
        due = f"due {step['due']}, {step['state']}" if step["due"] else "no due date yet"
        lines.append(Text(f"  Next step: {step['step']} ({step['status']}, {due})."))
    lines.append(Text(f"  {road['incentive']['text']}"))
    incidents = road["incidents"]
    since = incidents["days_since_lost_time"]
    rate = incidents["recordable_rate"]
    lines.append(Text("  Incidents: "
                      + ("no lost-time incident on record" if since is None
                         else f"{since} days since the last lost-time incident")
                      + (f"; recordable rate {rate} per 200,000 hours" if rate is not None
                         else "")
                      + "."))
    return lines


def render_score(score: Mapping[str, Any], console: Console, gaps: int = 10) -> None:
    """A bar per element against the pass line, the criteria behind each, the top gaps."""
    rule = score["rule"]
    table = Table(title=f"Readiness as of {score['as_of']}", title_justify="left",
                  show_edge=False)
    table.add_column("Element")
    table.add_column("Score", justify="right")
    table.add_column(f"pass line | at {rule['overall_min']:g} %", no_wrap=True)
    table.add_column("Points", justify="right", style="dim")
    not_applicable: list[Text] = []
    for element in score["elements"]:
        if not element.get("applicable", True):
            why = element["criteria"][0]["evidence"].removeprefix("Not applicable: ")
            not_applicable.append(Text(f"Element {element['id']} does not apply: {why}",
                                       style="dim"))
            table.add_row(f"{element['id']} {element['name']}", "n/a",
                          Text("not applicable (below)", style="dim"), "0/0")
            continue
        table.add_row(f"{element['id']} {element['name']}", f"{element['score']:.1f} %",
                      _bar(element["score"], rule["overall_min"], rule["element_min"]),
                      f"{element['earned']:g}/{element['possible']:g}")
    table.add_row(Text("Overall", style="bold"), Text(f"{score['overall']:.1f} %", style="bold"),
                  _bar(score["overall"], rule["overall_min"], rule["element_min"]), "")
    parts: list[Any] = [table, *not_applicable, Text(methods_line(score), style="dim")]
    verdict = score.get("verdict") or {}
    if verdict.get("status", "pass") != "pass" and verdict.get("reasons"):
        parts.append(Text(f"{verdict_word(score)}: " + "; ".join(verdict["reasons"]) + ".",
                          style="yellow" if verdict["status"] == "not_ready" else "red"))
    if score["gaps"]:
        top = Table(title="What would raise the score most", title_justify="left",
                    show_edge=False)
        top.add_column("Points", justify="right")
        top.add_column("Criterion")
        top.add_column("What to do", overflow="fold")
        for gap in score["gaps"][:gaps]:
            top.add_row(f"+{gap['points']:g}", f"{gap['criterion']}", gap["action"])
        parts.append(top)
        if len(score["gaps"]) > gaps:
            parts.append(Text(f"... and {len(score['gaps']) - gaps} more (--format json lists "
                              "them all).", style="dim"))
    parts += _road_lines(score.get("road") or {})
    for note in score.get("notes", []):
        parts.append(Text(f"Note: {note}", style="yellow"))
    console.print(Group(*parts))
    style = {"PASS": "bold green", "FAIL": "bold red"}.get(verdict_word(score), "bold yellow")
    console.print(Text(score_summary(score), style=style))
