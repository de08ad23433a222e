"""Saving and restoring the Calendar backend (the ``--state FILE`` of the emulator).

Everything a client could observe survives a restart: calendars, events with their change
numbers (so sync tokens stay valid), calendar lists, the token secret and settings.
"""

from __future__ import annotations

import base64
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from crmsync.fakegoogle.calendar.models import (
    DEFAULT_SYNC_TOKEN_LIFETIME,
    Calendar,
    ListEntry,
    make_stored,
)

if TYPE_CHECKING:
    from crmsync.fakegoogle.calendar.models import CalendarBackend

CALENDAR_FIELDS = [
    "id",
    "owner",
    "summary",
    "time_zone",
    "description",
    "location",
    "primary",
    "etag",
    "updated_ts",
    "acl",
    "default_reminders",
    "change_seq",
    "next_position",
    "token_epoch",
    "deleted",
]


def dump(backend: CalendarBackend) -> dict[str, Any]:
    calendars = []
    for calendar in backend.calendars.values():
        data = {name: getattr(calendar, name) for name in CALENDAR_FIELDS}
        data["events"] = [
            {"resource": e.resource, "seq": e.seq, "position": e.position, "updated": e.updated_ts}
            for e in calendar.events.values()
        ]
        calendars.append(data)
    return {
        "version": 1,
        "secret": base64.b64encode(backend.secret).decode(),
        "sync_token_lifetime": backend.sync_token_lifetime,
        "list_seq": backend.list_seq,
        "last_stamp": backend._last_stamp,
        "calendars": calendars,
        "lists": {
            email: [asdict(e) for e in entries.values()] for email, entries in backend.lists.items()
        },
    }


def load(backend: CalendarBackend, data: dict[str, Any]) -> None:
    backend.reset()
    if not data:
        return
    if data.get("secret"):
        backend.secret = base64.b64decode(data["secret"])
    backend.sync_token_lifetime = float(
        data.get("sync_token_lifetime", DEFAULT_SYNC_TOKEN_LIFETIME)
    )
    backend.list_seq = int(data.get("list_seq", 0))
    backend._last_stamp = int(data.get("last_stamp", 0))
    for raw in data.get("calendars", []):
        calendar = Calendar(**{name: raw[name] for name in CALENDAR_FIELDS if name in raw})
        for item in raw.get("events", []):
            stored = make_stored(
                calendar, item["resource"], item["seq"], item["position"], item.get("updated")
            )
            calendar.events[stored.id] = stored
        backend.calendars[calendar.id] = calendar
    for email, entries in data.get("lists", {}).items():
        backend.lists[email] = {e["calendar_id"]: ListEntry(**e) for e in entries}
