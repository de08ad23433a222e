"""Calendars, calendar-list entries and the colour palettes, in Google's shapes."""

from __future__ import annotations

import secrets
from typing import Any

from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar import invitations, tokens, writes
from crmsync.fakegoogle.calendar.models import (
    ROLE_RANK,
    Calendar,
    CalendarBackend,
    ListEntry,
)
from crmsync.fakegoogle.calendar.times import zone

# The classic event palette the API returns (ids 1–11), and the 24-colour calendar palette.
EVENT_COLOURS = {
    "1": "#a4bdfc",
    "2": "#7ae7bf",
    "3": "#dbadff",
    "4": "#ff887c",
    "5": "#fbd75b",
    "6": "#ffb878",
    "7": "#46d6db",
    "8": "#e1e1e1",
    "9": "#5484ed",
    "10": "#51b749",
    "11": "#dc2127",
}
CALENDAR_COLOURS = [
    "#ac725e", "#d06b64", "#f83a22", "#fa573c", "#ff7537", "#ffad46",
    "#42d692", "#16a765", "#7bd148", "#b3dc6c", "#fbe983", "#fad165",
    "#92e1c0", "#9fe1e7", "#9fc6e7", "#4986e7", "#9a9cff", "#b99aff",
    "#c2c2c2", "#cabdbf", "#cca6ac", "#f691b2", "#cd74e6", "#a47ae2",
]  # fmt: skip
FOREGROUND = "#1d1d1d"
PALETTE_UPDATED = "2012-02-14T00:00:00.000Z"
LIST_PAGE_DEFAULT = 100
LIST_PAGE_MAX = 250


def colors() -> dict[str, Any]:
    return {
        "kind": "calendar#colors",
        "updated": PALETTE_UPDATED,
        "calendar": {
            str(i): {"background": c, "foreground": FOREGROUND}
            for i, c in enumerate(CALENDAR_COLOURS, start=1)
        },
        "event": {k: {"background": v, "foreground": FOREGROUND} for k, v in EVENT_COLOURS.items()},
    }


def calendar_resource(calendar: Calendar) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "calendar#calendar",
        "etag": calendar.etag,
        "id": calendar.id,
        "summary": calendar.summary,
    }
    if calendar.description:
        body["description"] = calendar.description
    if calendar.location:
        body["location"] = calendar.location
    body["timeZone"] = calendar.time_zone
    body["conferenceProperties"] = {"allowedConferenceSolutionTypes": ["hangoutsMeet"]}
    return body


def entry_resource(calendar: Calendar, entry: ListEntry, email: str) -> dict[str, Any]:
    role = calendar.role_of(email) or "reader"
    body: dict[str, Any] = {
        "kind": "calendar#calendarListEntry",
        "etag": entry.etag,
        "id": calendar.id,
        "summary": calendar.summary,
    }
    if calendar.description:
        body["description"] = calendar.description
    if entry.summary_override:
        body["summaryOverride"] = entry.summary_override
    body["timeZone"] = calendar.time_zone
    body["colorId"] = entry.color_id
    body["backgroundColor"] = CALENDAR_COLOURS[int(entry.color_id) - 1]
    body["foregroundColor"] = "#000000"
    if entry.hidden:
        body["hidden"] = True
    if entry.selected:
        body["selected"] = True
    body["accessRole"] = role
    body["defaultReminders"] = [dict(r) for r in calendar.default_reminders]
    if calendar.primary and calendar.owner == email:
        body["notificationSettings"] = {
            "notifications": [
                {"type": t, "method": "email"}
                for t in ("eventCreation", "eventChange", "eventCancellation", "eventResponse")
            ]
        }
        body["primary"] = True
    body["conferenceProperties"] = {"allowedConferenceSolutionTypes": ["hangoutsMeet"]}
    if entry.deleted:
        body["deleted"] = True
    return body


def list_entries(
    backend: CalendarBackend,
    email: str,
    *,
    max_results: int,
    page_token: str | None,
    min_role: str | None,
    show_hidden: bool,
    show_deleted: bool,
) -> dict[str, Any]:
    """calendarList.list: the account's entries, ordered by when they were added."""
    entries = [
        e
        for e in backend.lists.get(email, {}).values()
        if (show_deleted or not e.deleted) and (show_hidden or not e.hidden)
    ]
    if min_role is not None:
        entries = [
            e
            for e in entries
            if ROLE_RANK.get(backend.calendars[e.calendar_id].role_of(email) or "", 0)
            >= ROLE_RANK[min_role]
        ]
    start = 0
    if page_token is not None:
        payload = tokens.decode(backend.secret, "calendarList", page_token)
        if payload is None or payload.get("u") != email:
            raise errors.invalid_parameter("pageToken", page_token)
        start = int(payload["o"])
    page = entries[start : start + max_results]
    body: dict[str, Any] = {
        "kind": "calendar#calendarList",
        "etag": f'"p{backend.list_seq}"',
    }
    if start + max_results < len(entries):
        body["nextPageToken"] = tokens.encode(
            backend.secret, "calendarList", {"u": email, "o": start + max_results}
        )
    else:
        body["nextSyncToken"] = tokens.encode(
            backend.secret, "calendarListSync", {"u": email, "s": backend.list_seq}
        )
    body["items"] = [entry_resource(backend.calendars[e.calendar_id], e, email) for e in page]
    return body


def entry_for(backend: CalendarBackend, email: str, calendar_id: str) -> tuple[Calendar, ListEntry]:
    calendar_id = backend.resolve_id(email, calendar_id)
    entry = backend.lists.get(email, {}).get(calendar_id)
    calendar = backend.calendars.get(calendar_id)
    if entry is None or entry.deleted or calendar is None:
        raise errors.not_found()
    return calendar, entry


def insert_calendar(backend: CalendarBackend, email: str, body: Any) -> Calendar:
    """calendars.insert: a secondary calendar owned by ``email``."""
    if not isinstance(body, dict):
        raise errors.bad_request()
    summary = body.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise errors.required("Missing title.")
    owner_primary = backend.calendars.get(email)
    time_zone = body.get("timeZone") or (owner_primary.time_zone if owner_primary else None)
    if body.get("timeZone") and zone(body["timeZone"]) is None:
        raise errors.invalid("Invalid time zone.")
    calendar = Calendar(
        id=f"c_{secrets.token_hex(26)}@group.calendar.google.com",
        owner=email,
        summary=summary,
        time_zone=time_zone or "UTC",
        description=str(body.get("description") or ""),
        location=str(body.get("location") or ""),
    )
    return backend.add_calendar(calendar)


# Calendar metadata calendars.update and calendars.patch may change.
EDITABLE = ("summary", "description", "location", "timeZone")


def change_calendar(
    backend: CalendarBackend, calendar: Calendar, body: Any, *, replace: bool
) -> Calendar:
    """calendars.update (``replace``) and calendars.patch: new metadata, new etag.

    The new title shows in every account's calendarList entry ``summary``; an account's own
    ``summaryOverride`` is untouched. PUT clears an omitted description or location; a
    calendar keeps its time zone when none is given (it always has one). PATCH changes what
    is given, ``null`` clearing a description or location.
    """
    if not isinstance(body, dict):
        raise errors.bad_request()
    changes = {k: body[k] for k in EDITABLE if k in body}
    if replace:
        changes.setdefault("summary", None)
        changes.setdefault("description", None)
        changes.setdefault("location", None)
    summary = changes.get("summary", calendar.summary)
    if not isinstance(summary, str) or not summary.strip():
        raise errors.required("Missing title.")
    for name in ("description", "location"):
        value = changes.get(name)
        if value is not None and not isinstance(value, str):
            raise errors.invalid(f"Invalid value for: {name}")
    time_zone = changes.get("timeZone")
    if time_zone is not None and (not isinstance(time_zone, str) or zone(time_zone) is None):
        raise errors.invalid("Invalid time zone.")
    calendar.summary = summary
    if "description" in changes:
        calendar.description = changes["description"] or ""
    if "location" in changes:
        calendar.location = changes["location"] or ""
    if time_zone is not None:
        calendar.time_zone = time_zone
    calendar.etag, stamp_ts = backend.stamp()
    calendar.updated_ts = max(calendar.updated_ts, stamp_ts)
    backend.touch_entries(calendar.id)
    return calendar


def delete_calendar(backend: CalendarBackend, calendar: Calendar) -> None:
    """calendars.delete: a secondary calendar goes with its events, from every account's
    calendar list; from then on every call naming it (sync tokens included) is a 404."""
    if calendar.primary:
        raise errors.cannot_delete_primary()
    cancel_all(backend, calendar)
    calendar.deleted = True
    calendar.events.clear()
    backend.invalidate_sync_tokens(calendar)
    backend.touch_entries(calendar.id, delete=True)


def clear_calendar(backend: CalendarBackend, calendar: Calendar) -> None:
    """calendars.clear: every event of a primary calendar deleted (incremental sync reports
    each one cancelled); a secondary calendar is refused, as Google does."""
    if not calendar.primary:
        raise errors.cannot_clear_secondary()
    cancel_all(backend, calendar)


def cancel_all(backend: CalendarBackend, calendar: Calendar) -> None:
    """Delete every event, as events.delete would: the copies of the calendar's own events
    in attendees' calendars are cancelled, and invitations it holds are declined."""
    for event_id in list(calendar.events):
        if calendar.events[event_id].deleted:
            continue
        source = invitations.organizer_calendar(backend, calendar, event_id)
        if source is not None:
            invitations.attendee_delete(backend, calendar, source, event_id, calendar.owner, None)
        else:
            writes.delete(backend, calendar, event_id, None)
