"""Element 7, Incident investigation (E09, L10, L11): its criteria and their measures."""

from __future__ import annotations

import pandas as pd

from ...dates import keys
from ...reader.read import ROW
from ...rules.timeliness import INVESTIGATION_DAYS
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
    incidents_in_window,
    is_yes,
    no_incidents,
    not_applicable,
    self_criterion,
    share_of,
)


def _incident_names(incidents: pd.DataFrame) -> list[str]:
    return [f"{text(i, '(no ID)')} of {iso(d)} (Incidents row {int(r)})"
            for i, d, r in zip(incidents["Incident ID"], incidents["Date"], incidents[ROW],
                               strict=True)]


def incidents_investigated(ev: Evidence) -> Measure:
    incidents = incidents_in_window(ev)
    if incidents.empty:
        return no_incidents(ev)
    done = incidents["Investigation Started"].notna() & (keys(incidents["Root Cause"]) != "")
    return _incident_share(
        incidents, done, f"{ev.window_text} with Investigation Started and Root Cause filled in",
        "Investigate and record Investigation Started, Investigated By and Root Cause for {}.")




def investigations_prompt(ev: Evidence) -> Measure:
    incidents = incidents_in_window(ev)
    if incidents.empty:
        return no_incidents(ev)
    delay = incidents["Investigation Started"] - incidents["Date"]
    prompt = delay.notna() & (delay <= pd.Timedelta(days=INVESTIGATION_DAYS))
    return _incident_share(
        incidents, prompt, f"{ev.window_text} with the investigation started within "
        f"{INVESTIGATION_DAYS} days (common practice, not a rule)",
        f"Start investigations within {INVESTIGATION_DAYS} days of the incident; late or "
        "missing: {}.")


def _incident_share(incidents: pd.DataFrame, ok: pd.Series, dated: str, action: str
                    ) -> Measure:
    """The share of incidents that meet a test; the others named in the evidence and the
    action (`action` has one {} for their names)."""
    evidence = (f"{int(ok.sum())} of {plural(len(incidents), 'incident')} dated {dated}")
    if ok.all():
        return Measure(1, evidence + ".")
    named = listing(_incident_names(incidents[~ok]))
    return Measure(share_of(int(ok.sum()), len(incidents)), f"{evidence}; not: {named}.",
                   action.format(named))


def lost_time_reported(ev: Evidence) -> Measure:
    incidents = incidents_in_window(ev)
    lost = incidents[keys(incidents["Type"]) == "LOST TIME"]
    if lost.empty:
        return not_applicable(f"no Lost Time incident dated {ev.window_text}.")
    told = is_yes(lost["Reported To WCB"])
    evidence = (f"{int(told.sum())} of {plural(len(lost), 'Lost Time incident')} marked "
                "Reported To WCB = Yes")
    if told.all():
        return Measure(1, evidence + ".")
    named = _incident_names(lost[~told])
    return Measure(share_of(int(told.sum()), len(lost)), f"{evidence}; not: {listing(named)}.",
                   f"Report to WCB and set Reported To WCB to Yes for {listing(named)}.")


def near_misses(ev: Evidence) -> Measure:
    """Energy Safety Canada: near misses should be investigated too, and n/a is for
    low-risk offices only (R13-35); records cannot tell an office apart, so no n/a here."""
    incidents = incidents_in_window(ev)
    near = incidents[keys(incidents["Type"]) == "NEAR MISS"]
    if near.empty:
        return Measure(0, f"No near miss reported {ev.window_text}.",
                       "Ask workers to report near misses, investigate them and record them "
                       "on Incidents (Type Near Miss, Root Cause): auditors expect them even in "
                       "a year without injuries.")
    done = keys(near["Root Cause"]) != ""
    evidence = (f"{int(done.sum())} of {plural(len(near), 'near miss', 'near misses')} dated "
                f"{ev.window_text} investigated (Root Cause filled in)")
    if done.all():
        return Measure(1, evidence + ".")
    named = listing(_incident_names(near[~done]))
    return Measure(share_of(int(done.sum()), len(near)), f"{evidence}; not: {named}.",
                   f"Investigate and record the Root Cause of {named}.")


def actions_from_incidents(ev: Evidence) -> Measure:
    """Each incident's investigation raises its corrective actions, linked back to it: a
    Corrective Actions row of Source Incident whose Source Ref is the Incident ID."""
    incidents = incidents_in_window(ev)
    if incidents.empty:
        return no_incidents(ev)
    actions = ev.frame("Corrective Actions")
    linked = set(keys(actions.loc[keys(actions["Source"]) == "INCIDENT", "Source Ref"])) - {""}
    ok = keys(incidents["Incident ID"]).isin(linked)
    return _incident_share(
        incidents, ok, f"{ev.window_text} with a corrective action of Source Incident whose "
        "Source Ref is the Incident ID",
        "Raise the corrective actions the investigation found on Corrective Actions (Source "
        "Incident, Source Ref the Incident ID) for {}.")


CRITERIA: tuple[Criterion, ...] = (
    Criterion("7.1", 7, "Incidents investigated to a root cause (n/a without incidents)", 4,
              "Incidents in the window: Investigation Started and Root Cause filled in",
              ("E09", "L11", "S36"), incidents_investigated),
    Criterion("7.2", 7, "Investigations started within 2 days (good practice, low "
              "confidence; n/a without incidents)", 1,
              "Incidents in the window: Investigation Started minus Date", ("E09",),
              investigations_prompt, confidence="low"),
    Criterion("7.3", 7, "Lost-time incidents reported to WCB (n/a without one)", 2,
              "Incidents in the window of Type Lost Time: Reported To WCB = Yes",
              ("E09", "L10", "L11"), lost_time_reported),
    Criterion("7.4", 7, "Near misses reported and investigated, also in a year without "
              "injuries", 2, "Incidents in the window of Type Near Miss: Root Cause filled in",
              ("R13-35", "R13-05", "E09"), near_misses),
    Criterion("7.5", 7, "Corrective actions raised from each incident and linked to it (n/a "
              "without incidents)", 3, "Incidents in the window: Incident ID as the Source Ref "
              "of a Corrective Actions row of Source Incident", ("E09", "E10"),
              actions_from_incidents),
    self_criterion(7, 6, "E09"),
)
