"""Calendars, calendar-list entries and the colour palettes, in Google's shapes."""

from __future__ import annotations

import secrets
from typing import Any

from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar import tokens
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
