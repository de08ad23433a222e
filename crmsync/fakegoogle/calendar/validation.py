"""What an event write may contain, checked as Google checks it.

``clean_event`` turns a request body into the writable part of an event resource (unknown
and read-only fields dropped, extended properties trimmed the way Google trims them) and
the parsed start and end, or raises Google's 400.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar import recurrence
from crmsync.fakegoogle.calendar.times import EventTime, parse_event_time, zone

EVENT_ID = re.compile(r"^[a-v0-9]{5,1024}$")
VISIBILITY = {"default", "public", "private", "confidential"}
TRANSPARENCY = {"opaque", "transparent"}
STATUS = {"confirmed", "tentative", "cancelled"}
EVENT_TYPES = {"default", "birthday", "focusTime", "outOfOffice", "workingLocation", "fromGmail"}
EVENT_COLOR_IDS = {str(n) for n in range(1, 12)}
REMINDER_METHODS = {"popup", "email"}
MAX_OVERRIDES = 5
MAX_REMINDER_MINUTES = 40320  # four weeks
EXT_KEY_MAX = 44
EXT_VALUE_MAX = 1024
EXT_MAX_PROPERTIES = 300
EXT_MAX_BYTES = 32 * 1024

# Fields a client may set; everything else in a body is read-only or unknown and ignored.
WRITABLE = (
    "summary",
    "description",
    "location",
    "colorId",
    "start",
    "end",
    "endTimeUnspecified",
    "recurrence",
    "transparency",
    "visibility",
    "iCalUID",
    "sequence",
    "attendees",
    "attendeesOmitted",
    "extendedProperties",
    "hangoutLink",
    "conferenceData",
    "gadget",
    "anyoneCanAddSelf",
    "guestsCanInviteOthers",
    "guestsCanModify",
    "guestsCanSeeOtherGuests",
    "privateCopy",
    "locked",
    "reminders",
    "source",
    "attachments",
    "eventType",
    "status",
    "organizer",
)
STRING_FIELDS = ("summary", "description", "location", "iCalUID")


@dataclass
class CleanEvent:
    fields: dict[str, Any]
    start: EventTime
    end: EventTime


def check_event_id(event_id: Any) -> str:
    if not isinstance(event_id, str) or not EVENT_ID.match(event_id):
        raise errors.invalid("Invalid resource id value.")
    return event_id


def clean_event(body: Any, calendar_tz: ZoneInfo, *, instance: bool = False) -> CleanEvent:
    """Validate a full event body (insert, update, import, or a merged patch)."""
    if not isinstance(body, dict):
        raise errors.bad_request()
    fields = {k: body[k] for k in WRITABLE if body.get(k) is not None}
    if "start" not in fields:
        raise errors.required("Missing start time.")
    if "end" not in fields:
        raise errors.required("Missing end time.")
    start = parse_event_time(fields["start"], "start", calendar_tz)
    end = parse_event_time(fields["end"], "end", calendar_tz)
    if start.all_day != end.all_day:
        raise errors.invalid("Start and end times must either both be date or both be dateTime.")
    if end.ts < start.ts or (start.all_day and end.ts <= start.ts):
        raise errors.time_range_empty()
    fields["start"] = _time_fields(fields["start"], start)
    fields["end"] = _time_fields(fields["end"], end)
    for name in STRING_FIELDS:
        if name in fields and not isinstance(fields[name], str):
            raise errors.invalid(f"Invalid value for: {name}")
    _check_enum(fields, "visibility", VISIBILITY)
    _check_enum(fields, "transparency", TRANSPARENCY)
    _check_enum(fields, "status", STATUS)
    _check_enum(fields, "eventType", EVENT_TYPES)
    if "colorId" in fields and str(fields["colorId"]) not in EVENT_COLOR_IDS:
        raise errors.invalid("Invalid color id value.")
    if "colorId" in fields:
        fields["colorId"] = str(fields["colorId"])
    if "sequence" in fields and not isinstance(fields["sequence"], int):
        raise errors.invalid("Invalid sequence value.")
    if "attendees" in fields:
        fields["attendees"] = clean_attendees(fields["attendees"])
    if "reminders" in fields:
        fields["reminders"] = clean_reminders(fields["reminders"])
    if "extendedProperties" in fields:
        fields["extendedProperties"] = clean_extended_properties(fields["extendedProperties"])
        if not fields["extendedProperties"]:
            del fields["extendedProperties"]
    if instance:
        fields.pop("recurrence", None)  # an instance cannot carry its own rule
    elif fields.get("recurrence"):
        check_recurrence(fields["recurrence"], start, calendar_tz)
    else:
        fields.pop("recurrence", None)
    return CleanEvent(fields, start, end)


def check_recurrence(lines: Any, start: EventTime, calendar_tz: ZoneInfo) -> None:
    if not start.all_day and not start.tz_name:
        # Google needs the zone a series repeats in, not just an offset.
        raise errors.required("Missing time zone definition for start time.")
    series_tz = zone(start.tz_name) or calendar_tz
    recurrence.parse(lines, start.local(calendar_tz), start.all_day, series_tz)


def clean_attendees(value: Any) -> list[dict[str, Any]]:
    """The attendee list as given, without ``self``: read-only, it depends on the calendar
    an event is read on, so the answer adds it (listing.view)."""
    if not isinstance(value, list) or not all(isinstance(a, dict) for a in value):
        raise errors.invalid("Invalid value for: attendees")
    return [{k: v for k, v in a.items() if k != "self"} for a in value]


def clean_reminders(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise errors.invalid("Invalid value for: reminders")
    use_default = value.get("useDefault", False)
    if not isinstance(use_default, bool):
        raise errors.invalid("Invalid value for: reminders.useDefault")
    overrides = value.get("overrides") or []
    if not isinstance(overrides, list):
        raise errors.invalid("Invalid value for: reminders.overrides")
    if use_default and overrides:
        raise errors.default_reminders_and_overrides()
    if len(overrides) > MAX_OVERRIDES:
        raise errors.invalid("The maximum number of override reminders is 5.")
    clean = []
    for item in overrides:
        if not isinstance(item, dict):
            raise errors.invalid("Invalid value for: reminders.overrides")
        if "method" not in item:
            raise errors.required("Missing reminder method.")
        if item["method"] not in REMINDER_METHODS:
            raise errors.invalid("Invalid reminder method.")
        minutes = item.get("minutes")
        if minutes is None:
            raise errors.required("Missing reminder minutes.")
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise errors.invalid("Invalid reminder minutes value.")
        if not 0 <= minutes <= MAX_REMINDER_MINUTES:
            raise errors.invalid("Invalid reminder minutes value.")
        clean.append({"method": item["method"], "minutes": minutes})
    out: dict[str, Any] = {"useDefault": use_default}
    if clean:
        out["overrides"] = clean
    return out


def clean_extended_properties(value: Any) -> dict[str, dict[str, str]]:
    """Drop over-long keys, truncate over-long values, refuse too many or too big."""
    if not isinstance(value, dict):
        raise errors.invalid("Invalid value for: extendedProperties")
    out: dict[str, dict[str, str]] = {}
    count = 0
    for scope in ("private", "shared"):
        props = value.get(scope)
        if props is None:
            continue
        if not isinstance(props, dict):
            raise errors.invalid(f"Invalid value for: extendedProperties.{scope}")
        kept = {}
        for key, raw in props.items():
            if raw is None or len(key) > EXT_KEY_MAX:
                continue  # Google silently drops keys longer than 44 characters
            kept[key] = _as_string(raw)[:EXT_VALUE_MAX]
        count += len(kept)
        if kept:
            out[scope] = kept
    if count > EXT_MAX_PROPERTIES:
        raise errors.invalid("Too many extended properties: at most 300 per event.")
    if len(json.dumps(out, ensure_ascii=False).encode("utf-8")) > EXT_MAX_BYTES:
        raise errors.invalid("The extended properties of an event must not exceed 32kB.")
    return out


def _as_string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    raise errors.invalid("Invalid value for: extendedProperties")


def _check_enum(fields: dict[str, Any], name: str, allowed: set[str]) -> None:
    if name in fields and fields[name] not in allowed:
        raise errors.invalid(f"Invalid value for: {name}")


def _time_fields(raw: dict[str, Any], parsed: EventTime) -> dict[str, Any]:
    """Keep what the client said (zone included); normalised rendering happens on store."""
    out = {"date": raw["date"]} if parsed.all_day else {"dateTime": raw["dateTime"]}
    if raw.get("timeZone"):
        out["timeZone"] = raw["timeZone"]
    return out
