"""CRM series ↔ Google recurring events: the rule sent for a series.

A CRM series is one action per occurrence. Sent to Google it becomes one recurring event
whose instances are exactly the CRM's occurrences: the rule's own end (COUNT or UNTIL) is
replaced by an UNTIL at the last occurrence the CRM holds, and every occurrence of the rule
between the first and the last that the CRM does not hold (deleted, or outside the window)
is excluded. The rule is expanded in the user's wall-clock time, so a weekly 9:00 stays at
9:00 across a DST change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

#: The expansion stops here whatever the rule says (a series is capped at 2500 anyway).
MAX_OCCURRENCES = 5000


def series_rule(
    rrule: str, starts: list[dt.datetime | dt.date], zone: ZoneInfo
) -> tuple[str, list[str]]:
    """(the RRULE text to send, the excluded occurrences as ISO texts)."""
    all_day = not isinstance(starts[0], dt.datetime)
    local = sorted(_local(start, zone) for start in starts)
    first, last = local[0], local[-1]
    parts = [
        part
        for part in rrule.strip().removeprefix("RRULE:").split(";")
        if part and part.split("=", 1)[0].upper() not in ("COUNT", "UNTIL")
    ]
    if all_day:
        until = last.strftime("%Y%m%d")
    else:
        until = last.replace(tzinfo=zone).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    rule_text = ";".join([*parts, f"UNTIL={until}"])
    held = set(local)
    excluded: list[str] = []
    expansion = rrulestr(";".join(parts), dtstart=first)
    for count, moment in enumerate(expansion):
        if moment > last or count >= MAX_OCCURRENCES:
            break
        if moment not in held:
            excluded.append(
                moment.date().isoformat() if all_day else moment.replace(tzinfo=zone).isoformat()
            )
    return rule_text, excluded


def _local(start: dt.datetime | dt.date, zone: ZoneInfo) -> dt.datetime:
    """A naive wall-clock datetime in ``zone`` (midnight for a day)."""
    if isinstance(start, dt.datetime):
        return start.astimezone(zone).replace(tzinfo=None)
    return dt.datetime.combine(start, dt.time())


def recurrence_of(master: dict[str, Any], zone: ZoneInfo) -> tuple[str, list[str]] | None:
    """A Google recurring event's rule and excluded dates, as a CRM series keeps them
    (the RRULE without its prefix; each EXDATE as ISO text); ``None`` without an RRULE."""
    rule = None
    excluded: list[str] = []
    for line in master.get("recurrence") or []:
        head, _, values = str(line).partition(":")
        name, *params = head.split(";")
        name = name.upper()
        if name == "RRULE" and rule is None:
            rule = values.strip()
        elif name == "EXDATE":
            tzid = next((p.split("=", 1)[1] for p in params if p.upper().startswith("TZID=")), None)
            excluded += [
                _exdate(value.strip(), tzid, zone) for value in values.split(",") if value.strip()
            ]
    if not rule:
        return None
    return rule, excluded


def _exdate(value: str, tzid: str | None, zone: ZoneInfo) -> str:
    if "T" not in value:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat()
    moment = dt.datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return moment.replace(tzinfo=dt.UTC).isoformat()
    try:
        where = ZoneInfo(tzid) if tzid else zone
    except (KeyError, ValueError):
        where = zone
    return moment.replace(tzinfo=where).astimezone(dt.UTC).isoformat()
