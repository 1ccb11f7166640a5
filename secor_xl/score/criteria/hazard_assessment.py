"""Element 2, Hazard assessment (E02, L01 s.7-8, S07, S13): its criteria and their measures."""

from __future__ import annotations

import pandas as pd

from ...dates import keys
from ...reader.read import ROW
from ..evidence import (
    Evidence,
    iso,
    listing,
    plural,
    text,
)
from .base import (
    Criterion,
    Measure,
    formal_lines,
    hazard_lines,
    is_yes,
    latest_row,
    rows_met,
    self_criterion,
    share_of,
)


def formal_assessment_recent(ev: Evidence) -> Measure:
    formal = formal_lines(ev)
    recent = formal[ev.window(formal["Assessed Date"])]
    if len(recent):
        ids = list(dict.fromkeys(text(i, "(no ID)") for i in recent["Assessment ID"]))
        return Measure(1, f"{plural(len(ids), 'formal assessment')} dated {ev.window_text} "
                          f"({listing(ids)}), latest {iso(recent['Assessed Date'].max())}.")
    action = ("Do a formal hazard assessment of each job and task with the workers who do it "
              "and record it on Hazard Assessments (Type Formal).")
    latest = latest_row(formal, "Assessed Date", ev)
    if latest is None:
        return Measure(0, "No formal hazard assessment on record (site-specific ones do not "
                          "count here, S07).", action)
    return Measure(0, f"No formal assessment dated {ev.window_text}; the latest is "
                      f"{text(latest['Assessment ID'], '(no ID)')} of "
                      f"{iso(latest['Assessed Date'])} (Hazard Assessments row "
                      f"{int(latest[ROW])}).", action)


def assessments_current(ev: Evidence) -> Measure:
    formal = formal_lines(ev)
    if formal.empty:
        return Measure(0, "No formal hazard assessments to review.",
                       "Record formal hazard assessments with a Review Due date on Hazard "
                       "Assessments.")
    groups = formal.assign(key=keys(formal["Assessment ID"])).groupby("key", sort=False)
    late = []
    for _key, lines in groups:
        due = lines["Review Due"].max()
        if pd.isna(due) or due < ev.day:
            late.append(f"{text(lines['Assessment ID'].iloc[0], '(no ID)')} "
                        f"({text(lines['Job or Task'].iloc[0], 'no job')}; Hazard Assessments "
                        f"row {int(lines[ROW].iloc[0])}, review due {iso(due)})")
    total = groups.ngroups
    evidence = (f"{total - len(late)} of {plural(total, 'formal assessment')} (by Assessment "
                "ID) within their Review Due")
    if not late:
        return Measure(1, evidence + ".")
    return Measure(share_of(total - len(late), total), f"{evidence}; past review: "
                   f"{listing(late)}.",
                   f"Review with the workers, re-date and set the next Review Due of "
                   f"{listing(late)}.")


def every_position(ev: Evidence) -> Measure:
    """ACSA's question 2.1 notes: formal assessments cover every job, task or position
    (audit_standard.md); a position counts when a formal line's Job or Task names it."""
    people = ev.active_employees
    positions = list(dict.fromkeys(p for p in (text(v, "") for v in people["Position"]) if p))
    if not positions:
        return Measure(0, "No active employee with a Position on Employees.",
                       "List everyone on Employees with their Position, then assess each "
                       "position's hazards formally on Hazard Assessments.")
    jobs = [key_text for key_text in keys(formal_lines(ev)["Job or Task"]) if key_text]
    missing = [p for p in positions if not any(p.upper() in job for job in jobs)]
    evidence = (f"{len(positions) - len(missing)} of {plural(len(positions), 'position')} on "
                "the roster named by a formal assessment's Job or Task")
    if not missing:
        return Measure(1, evidence + ".")
    return Measure(share_of(len(positions) - len(missing), len(positions)),
                   f"{evidence}; not: {listing(missing)}.",
                   f"Do a formal hazard assessment of the work of each {listing(missing)} and "
                   "name the position in its Job or Task (Hazard Assessments, Type Formal).")


def workers_informed(ev: Evidence) -> Measure:
    lines = hazard_lines(ev)
    if lines.empty:
        return Measure(0, "No hazard assessment lines.",
                       "Record hazard assessments and involve the workers who do the work "
                       "(Workers Informed = Yes).")
    told = is_yes(lines["Workers Informed"])
    evidence = (f"{int(told.sum())} of {plural(len(lines), 'hazard line')} with Workers "
                "Informed = Yes")
    return rows_met(told, lines, "Hazard Assessments", evidence,
                    "Go over the hazards and controls with the affected workers, then set "
                    "Workers Informed to Yes on {}.")


def field_level_per_site(ev: Evidence) -> Measure:
    """Field-level (site-specific) assessments are done at the work site (S07): each active
    Work Site needs one dated in the window whose Location names the site. Without sites on
    Work Sites, one anywhere in the window will do."""
    lines = hazard_lines(ev)
    field = lines[(keys(lines["Type"]) == "SITE-SPECIFIC") & ev.window(lines["Assessed Date"])]
    sites = ev.active_sites
    action = ("Before work starts at a site each day or task, fill in a field-level hazard "
              "assessment with the crew and record it on Hazard Assessments (Type "
              "Site-specific, Location: the site's name as on Work Sites)")
    if sites.empty:
        if len(field):
            return Measure(1, f"{plural(len(field), 'site-specific line')} dated "
                              f"{ev.window_text} (no active site on Work Sites).")
        return Measure(0, f"No site-specific (field-level) assessment dated {ev.window_text}.",
                       action + ".")
    where = keys(field["Location"])
    done = [bool((where == k).any() or where.str.contains(k, regex=False).any())
            for k in keys(sites["Site"])]
    names = [f"{text(n)} (Work Sites row {int(r)})" for n, r, ok in
             zip(sites["Site"], sites[ROW], done, strict=True) if not ok]
    evidence = (f"{sum(done)} of {plural(len(sites), 'active site')} with a site-specific "
                f"assessment dated {ev.window_text}")
    if not names:
        return Measure(1, evidence + ".")
    return Measure(share_of(sum(done), len(sites)), f"{evidence}; none at {listing(names)}.",
                   f"{action}: {listing(names)}.")


def hazards_ranked(ev: Evidence) -> Measure:
    """Every hazard ranked: Severity and Probability give its Risk Rank, which sets what is
    controlled first and which tasks need a written procedure (3.6)."""
    lines = hazard_lines(ev)
    if lines.empty:
        return Measure(0, "No hazard assessment lines to rank.",
                       "Record hazard assessments with a Severity and a Probability (1 to 5) "
                       "for every hazard.")
    ranked = lines["Severity"].notna() & lines["Probability"].notna()
    evidence = (f"{int(ranked.sum())} of {plural(len(lines), 'hazard line')} with Severity and "
                "Probability (so a Risk Rank)")
    return rows_met(ranked, lines, "Hazard Assessments", evidence,
                    "Rate the Severity and Probability (1 to 5) on {}.")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("2.1", 2, "A formal hazard assessment done or revised in the last 12 months", 4,
              "Hazard Assessments: Type Formal, Assessed Date in the window",
              ("E02", "L01", "S07"), formal_assessment_recent),
    Criterion("2.2", 2, "Formal hazard assessments within their Review Due", 4,
              "Hazard Assessments: latest Review Due of each formal Assessment ID, share of "
              "assessments", ("E02", "L01", "S13"), assessments_current),
    Criterion("2.3", 2, "Workers involved in and told about the hazard assessments", 2,
              "Hazard Assessments: Workers Informed = Yes, share of hazard lines",
              ("E02", "L01"), workers_informed),
    Criterion("2.4", 2, "A formal hazard assessment for every position on the roster", 4,
              "Employees: Position of active employees; Hazard Assessments: formal lines whose "
              "Job or Task names the position", ("E02", "L01", "S07"), every_position),
    Criterion("2.5", 2, "Field-level (site-specific) hazard assessments done at every active "
              "site in the last 12 months", 3, "Hazard Assessments: Type Site-specific, Assessed "
              "Date in the window, Location naming each active Work Site; share of sites",
              ("E02", "S07"), field_level_per_site, confidence="medium"),
    Criterion("2.6", 2, "Every hazard ranked (Severity and Probability, so a Risk Rank)", 2,
              "Hazard Assessments: Severity and Probability filled in, share of hazard lines",
              ("E02", "L01"), hazards_ranked),
    self_criterion(2, 7, "E02"),
)
