"""The plain emergency procedures a new master starts with, one Emergency Procedures row
each: the common emergencies of a small crew (fire, serious injury, vehicle incident,
spill, severe weather, utility strike, working alone). Editable: the owner adapts the
steps, names who does what, and adds the emergencies of their own sites."""

from __future__ import annotations

PROCEDURES: tuple[tuple[str, str, str, str], ...] = (
    # Emergency, Steps, Who Does What, Equipment
    ("Fire",
     "1. Shout \"Fire!\" and raise the alarm. 2. Call 911 and give the site address. "
     "3. Fight a small fire only if trained and you have a way out; otherwise leave. "
     "4. Everyone goes to the muster point; do not go back in. 5. Count heads and tell the "
     "fire crew who is missing.",
     "First person to see it: alarm and 911. Warden: leads everyone to the muster point and "
     "counts heads. Supervisor: meets the fire crew and reports.",
     "Fire extinguishers (site, trucks, office); alarm or air horn; cell phone"),
    ("Serious injury or medical emergency",
     "1. Make the area safe; do not move the person unless they are in danger. 2. Call 911 "
     "and give the site address. 3. First aider gives first aid until help arrives. "
     "4. Send someone to the road to meet the ambulance. 5. Report to the supervisor; keep "
     "the scene as it is for the investigation.",
     "First aider: care until the ambulance arrives. Nearest worker: calls 911. Another "
     "worker: meets the ambulance at the road. Supervisor: reports and starts the "
     "investigation.",
     "First aid kit; AED where there is one; cell phone"),
    ("Vehicle incident",
     "1. Stop, turn on the hazard lights, and make the scene safe (cones, flares). 2. Check "
     "for injuries; call 911 if anyone is hurt or the road is blocked. 3. Give first aid. "
     "4. Call the supervisor. 5. Take photos, swap details, and report it on Incidents.",
     "Driver: makes the scene safe and calls. First aider (if present): first aid. "
     "Supervisor: arranges recovery and reports.",
     "Truck first aid kit; extinguisher; warning triangles or cones; cell phone"),
    ("Spill or hazardous release",
     "1. Warn people nearby and keep them back. 2. Stop the source if safe to do so. "
     "3. Read the safety data sheet; wear the PPE it asks for. 4. Contain the spill with the "
     "spill kit; keep it out of drains. 5. Large or toxic spill: leave, call 911 and the "
     "supplier; report it.",
     "Person who finds it: warns and contains if safe. Supervisor: decides whether to "
     "evacuate, calls for help and reports.",
     "Spill kit; safety data sheets; gloves and goggles"),
    ("Severe weather",
     "1. Check the forecast before work and during the day. 2. Lightning or high wind: stop "
     "work at heights and crane or lift work; get down. 3. Shelter in a building or a "
     "vehicle, away from windows. 4. Tornado warning: go to the lowest floor or a ditch. "
     "5. Restart only when the supervisor says it is safe; check for damage first.",
     "Supervisor: watches the weather, stops work and gives the all-clear. Everyone: goes to "
     "shelter and stays together.",
     "Cell phone with weather alerts; vehicles as shelter; first aid kit"),
    ("Utility strike",
     "1. Stop work; keep everyone back (10 m from a downed power line). 2. Gas: no sparks, "
     "no engines, no phones near the leak; leave upwind. 3. Call 911 and the utility's "
     "emergency line. 4. Stay in a machine that touches a power line unless it is on fire; "
     "then jump clear, feet together. 5. Do not restart until the utility says it is safe.",
     "Operator: stops and stays put. Supervisor: clears the area, calls 911 and the utility. "
     "Everyone else: keeps back.",
     "Utility locate papers and emergency numbers; barrier tape; cell phone"),
    ("Working alone or missing worker",
     "1. A worker alone checks in at the agreed times (call or text). 2. Missed check-in: "
     "call the worker; no answer in 15 minutes, send someone to the site. 3. Not found or "
     "hurt: call 911 with the site address. 4. Give first aid; report it.",
     "Worker alone: checks in. Check-in contact: calls and sends help. Supervisor: goes to "
     "the site or calls 911.",
     "Cell phone or radio; check-in log; first aid kit"),
)

COLUMNS = ("Emergency", "Steps", "Who Does What", "Equipment")


def procedure_rows() -> list[dict[str, object]]:
    """The procedures as Emergency Procedures rows."""
    return [dict(zip(COLUMNS, row, strict=True)) for row in PROCEDURES]
