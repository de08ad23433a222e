"""Event writes: insert, import, update (PUT), patch, delete, move — with Google's rules.

Every write stores a new resource with a fresh ``etag`` and ``updated`` and the
calendar's next change number. ``sequence`` (iCalendar's SEQUENCE) goes up when the
event's time, recurrence, title or place changes — the changes that matter to invitees —
and never goes down; a higher ``sequence`` sent by the client is kept.
"""

from __future__ import annotations

import base64
import secrets
from typing import Any

from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar.instances import Occurrence, instance_resource, parse_instance_id
from crmsync.fakegoogle.calendar.models import (
    Calendar,
    CalendarBackend,
    StoredEvent,
    rfc3339_ts,
)
from crmsync.fakegoogle.calendar.times import parse_event_time
from crmsync.fakegoogle.calendar.validation import CleanEvent, check_event_id, clean_event

SIGNIFICANT = ("start", "end", "recurrence", "location", "summary")
# Order of keys in Google's event resource (clients do not care; humans reading logs do).
ORDER = [
    "kind",
    "etag",
    "id",
    "status",
    "htmlLink",
    "created",
    "updated",
    "summary",
    "description",
    "location",
    "colorId",
    "creator",
    "organizer",
    "start",
    "end",
    "endTimeUnspecified",
    "recurrence",
    "recurringEventId",
    "originalStartTime",
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
]

Target = StoredEvent | Occurrence


def new_event_id() -> str:
    """26 random base32hex characters, the alphabet Google's event ids use."""
    return base64.b32hexencode(secrets.token_bytes(16)).decode().rstrip("=").lower()


def resolve(calendar: Calendar, event_id: str) -> Target | None:
    """A stored event, or a computed instance of a series, named by ``event_id``."""
    return calendar.events.get(event_id) or parse_instance_id(calendar, event_id)


def current_resource(calendar: Calendar, target: Target) -> dict[str, Any]:
    if isinstance(target, StoredEvent):
        return target.resource
    return instance_resource(calendar, target)


def is_deleted(calendar: Calendar, target: Target) -> bool:
    if isinstance(target, StoredEvent):
        return target.deleted
    return target.master.deleted


def check_if_match(resource: dict[str, Any], if_match: str | None) -> None:
    if if_match is None or if_match.strip() == "*":
        return
    wanted = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if resource["etag"] not in wanted:
        raise errors.precondition_failed()


# --- the writes -----------------------------------------------------------------------


def insert(backend: CalendarBackend, calendar: Calendar, body: Any, viewer: str) -> StoredEvent:
    clean = clean_event(body, calendar.tz)
    if body.get("id") is not None:
        event_id = check_event_id(body["id"])
        if event_id in calendar.events:
            raise errors.duplicate()
    else:
        event_id = new_event_id()
    return _save(backend, calendar, clean, event_id, None, viewer)


def import_event(
    backend: CalendarBackend, calendar: Calendar, body: Any, viewer: str
) -> StoredEvent:
    """Add a private copy of an event by iCalUID; importing the same UID again updates it.
    An import invites nobody: no copies in the attendees' calendars (invitations.py)."""
    backend.inviting = False
    try:
        return _import(backend, calendar, body, viewer)
    finally:
        backend.inviting = True


def _import(backend: CalendarBackend, calendar: Calendar, body: Any, viewer: str) -> StoredEvent:
    clean = clean_event(body, calendar.tz)
    uid = clean.fields.get("iCalUID")
    if not uid:
        raise errors.required("Missing iCalUID.")
    existing = next(
        (
            e
            for e in calendar.events.values()
            if e.resource.get("iCalUID") == uid and e.master_id is None
        ),
        None,
    )
    if existing is not None:
        return _save(backend, calendar, clean, existing.id, existing.resource, viewer)
    event_id = check_event_id(body["id"]) if body.get("id") is not None else new_event_id()
    if event_id in calendar.events:
        raise errors.duplicate()
    return _save(backend, calendar, clean, event_id, None, viewer)


def update(
    backend: CalendarBackend,
    calendar: Calendar,
    event_id: str,
    body: Any,
    viewer: str,
    if_match: str | None,
    *,
    keep_conference: bool = False,
) -> StoredEvent:
    """PUT: the body replaces the event (omitted fields are cleared); with
    ``keep_conference`` (a client at conferenceDataVersion 0) the conference data stays."""
    target = find_target(calendar, event_id)
    current = current_resource(calendar, target)
    check_if_match(current, if_match)
    if not isinstance(body, dict):
        raise errors.bad_request()
    body = dict(body)
    body.setdefault("status", current.get("status"))
    if keep_conference:
        body["conferenceData"] = current.get("conferenceData")
    clean = clean_event(body, calendar.tz, instance=_is_instance(current))
    return _save(backend, calendar, clean, current["id"], current, viewer)


def patch(
    backend: CalendarBackend,
    calendar: Calendar,
    event_id: str,
    body: Any,
    viewer: str,
    if_match: str | None,
    *,
    keep_conference: bool = False,  # a patch keeps whatever it does not name anyway
) -> StoredEvent:
    """PATCH: fields given replace, nested objects merge, ``null`` removes."""
    target = find_target(calendar, event_id)
    current = current_resource(calendar, target)
    check_if_match(current, if_match)
    if not isinstance(body, dict):
        raise errors.bad_request()
    merged = merge(current, body)
    for which in ("start", "end"):
        keep_one_kind(merged, body, which)
    clean = clean_event(merged, calendar.tz, instance=_is_instance(current))
    return _save(backend, calendar, clean, current["id"], current, viewer)


def delete(
    backend: CalendarBackend, calendar: Calendar, event_id: str, if_match: str | None
) -> StoredEvent:
    """Mark an event (or one instance of a series) cancelled; 410 when it already is."""
    target = resolve(calendar, event_id)
    if target is None:
        raise errors.not_found()
    if is_deleted(calendar, target):
        raise errors.deleted()
    current = current_resource(calendar, target)
    check_if_match(current, if_match)
    resource = dict(current)
    resource["status"] = "cancelled"
    resource["etag"], updated_ts = backend.stamp()
    resource["updated"] = rfc3339_ts(updated_ts)
    return backend.store(calendar, ordered(resource), updated_ts)


def move(
    backend: CalendarBackend, source: Calendar, event_id: str, destination: Calendar
) -> StoredEvent:
    """events.move: the event changes calendar, and so organizer, keeping its id.

    A recurring event moves with its exceptions. The source keeps a cancelled copy under the
    same id (its incremental sync reports the event gone); in the destination the event is
    new (its sync reports it). A cancelled copy already in the destination (the event was
    moved away from there before) gives way; a live event with that id is a 409.
    """
    target = resolve(source, event_id)
    if target is None:
        raise errors.not_found()
    if isinstance(target, Occurrence) or target.master_id is not None:
        raise errors.cannot_move_instance()
    if target.deleted:
        raise errors.deleted()
    if target.resource.get("eventType", "default") != "default":
        raise errors.cannot_move_event_type()
    if destination is source:
        return target
    family = [target] + [e for e in source.events.values() if e.master_id == target.id]
    for event in family:
        there = destination.events.get(event.id)
        if there is not None and not there.deleted:
            raise errors.duplicate()
    organizer = _organizer(destination, {}, None)
    moved: StoredEvent | None = None
    for event in family:
        resource = dict(event.resource)
        for which in ("start", "end", "originalStartTime"):  # shown in the new calendar's zone
            if which in resource:
                parsed = parse_event_time(resource[which], which, source.tz)
                resource[which] = parsed.render(destination.tz)
        resource["etag"], updated_ts = backend.stamp()
        resource["updated"] = rfc3339_ts(updated_ts)
        resource["htmlLink"] = html_link(event.id, destination.id)
        resource["organizer"] = organizer
        stored = backend.store(destination, ordered(resource), updated_ts)
        gone = dict(event.resource)
        gone["status"] = "cancelled"
        gone["etag"], gone_ts = backend.stamp()
        gone["updated"] = rfc3339_ts(gone_ts)
        backend.store(source, ordered(gone), gone_ts)
        moved = moved or stored
    assert moved is not None
    return moved


def merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Google's patch semantics: objects merge key by key, arrays and scalars replace."""
    out = dict(base)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


# --- building the stored resource -----------------------------------------------------


def find_target(calendar: Calendar, event_id: str) -> Target:
    target = resolve(calendar, event_id)
    if target is None:
        raise errors.not_found()
    if isinstance(target, Occurrence) and target.master.deleted:
        raise errors.deleted()
    return target


def _is_instance(resource: dict[str, Any]) -> bool:
    return "recurringEventId" in resource


def keep_one_kind(merged: dict[str, Any], body: dict[str, Any], which: str) -> None:
    """A patch that switches start/end between date and dateTime replaces the other kind."""
    given = body.get(which)
    if not isinstance(given, dict) or not isinstance(merged.get(which), dict):
        return
    if given.get("dateTime") and "date" not in given:
        merged[which].pop("date", None)
    if given.get("date") and "dateTime" not in given:
        merged[which].pop("dateTime", None)
        merged[which].pop("timeZone", None)


def _save(
    backend: CalendarBackend,
    calendar: Calendar,
    clean: CleanEvent,
    event_id: str,
    previous: dict[str, Any] | None,
    viewer: str,
) -> StoredEvent:
    fields = clean.fields
    tz = calendar.tz
    etag, updated_ts = backend.stamp()
    updated = rfc3339_ts(updated_ts)
    resource: dict[str, Any] = {
        "kind": "calendar#event",
        "etag": etag,
        "id": event_id,
        "status": fields.pop("status", None) or "confirmed",
        "htmlLink": html_link(event_id, calendar.id),
        "created": previous["created"] if previous else updated,
        "updated": updated,
        "creator": previous["creator"] if previous else {"email": viewer.lower()},
        "organizer": _organizer(calendar, fields, previous),
    }
    fields.pop("organizer", None)
    resource.update(fields)
    if "attendees" in resource:
        resource["attendees"] = _mark_attendees(resource["attendees"], resource["organizer"])
    resource["start"] = clean.start.render(tz)
    resource["end"] = clean.end.render(tz)
    if previous and _is_instance(previous):
        resource["recurringEventId"] = previous["recurringEventId"]
        resource["originalStartTime"] = previous["originalStartTime"]
    resource["iCalUID"] = (
        previous["iCalUID"] if previous else fields.get("iCalUID") or f"{event_id}@google.com"
    )
    resource["sequence"] = _sequence(previous, resource, fields.get("sequence"))
    resource.setdefault("reminders", {"useDefault": True})
    resource.setdefault("eventType", "default")
    return backend.store(calendar, ordered(resource), updated_ts)


def _mark_attendees(
    attendees: list[dict[str, Any]], organizer: dict[str, Any]
) -> list[dict[str, Any]]:
    """What Google fills in itself: ``organizer: true`` (read-only) on the organizer's own
    entry only, and ``responseStatus`` — needsAction until the attendee answers."""
    email = str(organizer.get("email", "")).lower()
    marked = []
    for attendee in attendees:
        entry = {k: v for k, v in attendee.items() if k != "organizer"}
        if str(entry.get("email", "")).lower() == email:
            entry["organizer"] = True
        entry.setdefault("responseStatus", "needsAction")
        marked.append(entry)
    return marked


def _organizer(
    calendar: Calendar, fields: dict[str, Any], previous: dict[str, Any] | None
) -> dict[str, Any]:
    if previous:
        return previous["organizer"]
    given = fields.get("organizer")
    if isinstance(given, dict) and given.get("email"):  # import keeps the original organiser
        return {k: given[k] for k in ("email", "displayName") if k in given}
    if calendar.primary:
        return {"email": calendar.owner}
    return {"email": calendar.id, "displayName": calendar.summary}


def _sequence(previous: dict[str, Any] | None, resource: dict[str, Any], asked: Any) -> int:
    current = int(previous.get("sequence", 0)) if previous else 0
    if previous and any(previous.get(k) != resource.get(k) for k in SIGNIFICANT):
        current += 1
    if isinstance(asked, int) and asked > current:
        current = asked
    return current


def ordered(resource: dict[str, Any]) -> dict[str, Any]:
    out = {k: resource[k] for k in ORDER if k in resource}
    out.update({k: v for k, v in resource.items() if k not in out})
    return out


def html_link(event_id: str, calendar_id: str) -> str:
    eid = base64.urlsafe_b64encode(f"{event_id} {calendar_id}".encode()).decode().rstrip("=")
    return f"https://www.google.com/calendar/event?eid={eid}"
