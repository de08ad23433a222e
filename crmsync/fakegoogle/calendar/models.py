"""Calendar state: calendars, their events and change log, and each account's calendar list.

Events are kept per calendar in an insertion-ordered dict. Every write gives the event the
calendar's next *change number* (``seq``); a sync token is just "changes after N", so an
incremental list is a scan of events with ``seq > N``. Deleted events stay (cancelled),
which is what lets sync report them and refuse their ids forever, as Google does.

Stored event resources are never mutated in place: a write builds a new dict and swaps it
in, so a response being serialised outside the lock never sees a half-written event.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar import recurrence
from crmsync.fakegoogle.calendar.times import (
    EventTime,
    parse_event_time,
    parse_instant,
    to_utc,
    zone,
)
from crmsync.fakegoogle.clock import rfc3339

if TYPE_CHECKING:
    from crmsync.fakegoogle.state import Account, EmulatorState

log = logging.getLogger(__name__)

DEFAULT_TIME_ZONE = "Europe/Paris"
DEFAULT_SYNC_TOKEN_LIFETIME = 30 * 86400.0  # seconds of emulator clock
ROLE_RANK = {
    "freeBusyReader": 1,
    "reader": 2,
    "writerWithoutPrivateAccess": 3,
    "writer": 3,
    "owner": 4,
}
PRIMARY_REMINDERS = [{"method": "popup", "minutes": 10}]


@dataclass
class StoredEvent:
    """One event (single, recurring master, or exception of a series) as stored."""

    resource: dict[str, Any]  # Google's shape, minus the per-viewer "self" flags
    seq: int  # the calendar's change number of the last write
    position: int  # creation order, for the default stable list order
    start: EventTime
    end: EventTime
    updated_ts: float
    series: recurrence.Series | None = None  # parsed recurrence of a master

    @property
    def id(self) -> str:
        return self.resource["id"]

    @property
    def deleted(self) -> bool:
        return self.resource.get("status") == "cancelled"

    @property
    def master_id(self) -> str | None:
        return self.resource.get("recurringEventId")

    @property
    def duration(self) -> timedelta:
        return self.end.moment - self.start.moment


@dataclass
class Calendar:
    id: str
    owner: str
    summary: str
    time_zone: str = DEFAULT_TIME_ZONE
    description: str = ""
    location: str = ""
    primary: bool = False
    etag: str = ""
    updated_ts: float = 0.0
    acl: dict[str, str] = field(default_factory=dict)  # e-mail → role
    default_reminders: list[dict[str, Any]] = field(default_factory=list)
    events: dict[str, StoredEvent] = field(default_factory=dict)
    change_seq: int = 0
    next_position: int = 0
    token_epoch: int = 0  # bumped to invalidate every sync token of this calendar
    deleted: bool = False  # calendars.delete: gone for everyone (404), events dropped

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.time_zone) or ZoneInfo("UTC")

    def role_of(self, email: str) -> str | None:
        return self.acl.get(email.lower())


@dataclass
class ListEntry:
    """An account's calendarList entry: its own view of a calendar (colour, hidden...)."""

    calendar_id: str
    color_id: str = "14"
    hidden: bool = False
    selected: bool = True
    deleted: bool = False
    summary_override: str | None = None
    seq: int = 0
    etag: str = ""


class CalendarBackend:
    """The Calendar API's part of the emulator state (registered as ``calendar``)."""

    name = "calendar"

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self.calendars: dict[str, Calendar] = {}
        self.lists: dict[str, dict[str, ListEntry]] = {}  # account e-mail → entries
        self.list_seq = 0
        self.secret = secrets.token_bytes(16)
        self.sync_token_lifetime = DEFAULT_SYNC_TOKEN_LIFETIME
        self._last_stamp = 0
        self.inviting = True  # off while events.import stores a private copy

    # --- backend protocol -------------------------------------------------------------

    def on_account_created(self, account: Account) -> None:
        email = account.email
        if email in self.calendars:
            return
        calendar = Calendar(
            id=email,
            owner=email,
            summary=email,
            primary=True,
            default_reminders=[dict(r) for r in PRIMARY_REMINDERS],
        )
        self.add_calendar(calendar)

    def reset(self) -> None:
        self.calendars.clear()
        self.lists.clear()
        self.list_seq = 0
        self.sync_token_lifetime = DEFAULT_SYNC_TOKEN_LIFETIME

    def dump(self) -> dict[str, Any]:
        from crmsync.fakegoogle.calendar.persistence import dump

        return dump(self)

    def load(self, data: dict[str, Any]) -> None:
        from crmsync.fakegoogle.calendar.persistence import load

        load(self, data)

    # --- clocks and stamps ------------------------------------------------------------

    def now(self) -> float:
        return self.state.clock.time()

    def stamp(self) -> tuple[str, float]:
        """A fresh etag and ``updated`` time; both strictly increase across writes."""
        value = max(int(self.now() * 1_000_000) * 1000, self._last_stamp + 1)
        self._last_stamp = value
        return f'"{value}"', value / 1e9

    # --- calendars and access ---------------------------------------------------------

    def add_calendar(self, calendar: Calendar) -> Calendar:
        calendar.etag, calendar.updated_ts = self.stamp()
        calendar.acl.setdefault(calendar.owner, "owner")
        self.calendars[calendar.id] = calendar
        self.add_list_entry(calendar.owner, calendar.id)
        self.state.dirty = True
        return calendar

    def add_list_entry(self, email: str, calendar_id: str) -> ListEntry:
        entries = self.lists.setdefault(email.lower(), {})
        entry = entries.get(calendar_id) or ListEntry(calendar_id=calendar_id)
        entry.deleted = False
        self.list_seq += 1
        entry.seq = self.list_seq
        entry.etag = self.stamp()[0]
        entries[calendar_id] = entry
        return entry

    def touch_entries(self, calendar_id: str, *, delete: bool = False) -> None:
        """Every account's entry for a calendar changed (new etag and list change number);
        with ``delete`` the entries go (``deleted: true`` under ``showDeleted``)."""
        for entries in self.lists.values():
            entry = entries.get(calendar_id)
            if entry is None or entry.deleted:
                continue
            entry.deleted = delete
            self.list_seq += 1
            entry.seq = self.list_seq
            entry.etag = self.stamp()[0]
        self.state.dirty = True

    def share(self, calendar: Calendar, email: str, role: str) -> ListEntry:
        """Give ``email`` a role on the calendar and a calendar-list entry for it."""
        self.state.account(email)
        calendar.acl[email.lower()] = role
        # ACL changes invalidate sync tokens on Google.
        calendar.token_epoch += 1
        self.state.dirty = True
        return self.add_list_entry(email, calendar.id)

    def resolve_id(self, email: str, calendar_id: str) -> str:
        return email.lower() if calendar_id == "primary" else calendar_id

    def calendar_for(self, email: str, calendar_id: str, need: str = "reader") -> Calendar:
        """The calendar as ``email`` may use it; 404 if unknown or not shared, 403 if too weak."""
        calendar = self.calendars.get(self.resolve_id(email, calendar_id))
        role = calendar.role_of(email) if calendar and not calendar.deleted else None
        if calendar is None or role is None:
            raise errors.not_found()
        if ROLE_RANK[role] < ROLE_RANK[need]:
            if need == "reader":
                raise errors.reader_access_required()
            if need == "owner":
                raise errors.owner_access_required()
            raise errors.writer_access_required()
        return calendar

    # --- storing events ---------------------------------------------------------------

    def store(self, calendar: Calendar, resource: dict[str, Any], updated_ts: float) -> StoredEvent:
        """Record a new version of an event: next change number, fresh caches."""
        calendar.change_seq += 1
        previous = calendar.events.get(resource["id"])
        if previous is None:
            position = calendar.next_position
            calendar.next_position += 1
        else:
            position = previous.position
        stored = make_stored(calendar, resource, calendar.change_seq, position, updated_ts)
        calendar.events[stored.id] = stored
        calendar.updated_ts = max(calendar.updated_ts, stored.updated_ts)
        self.state.dirty = True
        before = previous.resource if previous is not None else None
        if self.inviting and _may_invite(calendar, resource, before):
            from crmsync.fakegoogle.calendar import invitations

            invitations.after_store(self, calendar, before, stored)
        return stored

    def invalidate_sync_tokens(self, calendar: Calendar) -> None:
        calendar.token_epoch += 1
        self.state.dirty = True


def _may_invite(
    calendar: Calendar, resource: dict[str, Any], previous: dict[str, Any] | None
) -> bool:
    """Whether a stored version may concern invitation copies: an event of its organizer's
    calendar with attendees now or before (an instance: its series may have had some)."""
    organizer = str((resource.get("organizer") or {}).get("email", "")).lower()
    if organizer != calendar.id.lower():
        return False
    return bool(
        resource.get("attendees")
        or (previous and previous.get("attendees"))
        or "recurringEventId" in resource
    )


def make_stored(
    calendar: Calendar,
    resource: dict[str, Any],
    seq: int,
    position: int,
    updated_ts: float | None = None,
) -> StoredEvent:
    """Build the caches (times, parsed recurrence) of a stored resource."""
    tz = calendar.tz
    start = parse_event_time(resource["start"], "start", tz)
    end = parse_event_time(resource["end"], "end", tz)
    series = None
    if resource.get("recurrence") and "recurringEventId" not in resource:
        series_tz = zone(start.tz_name) or tz
        series = recurrence.parse(resource["recurrence"], start.local(tz), start.all_day, series_tz)
    if updated_ts is None:
        parsed = parse_instant(resource.get("updated", ""))
        updated_ts = parsed.timestamp() if parsed else 0.0
    return StoredEvent(resource, seq, position, start, end, updated_ts, series)


def rfc3339_ts(ts: float) -> str:
    return rfc3339(to_utc(ts))
