"""``events.list`` (full and incremental) and ``events.instances``.

A list is built as *rows* (a stored event, or a computed instance of a series) with a
sort key; pages are cut by key (keyset paging), so an event inserted or deleted between
two pages never makes another one skip or repeat. A full list remembers the calendar's
change number at its first page; the sync token handed out on its last page means
"changes after that number", so writes made while paging are seen by the next sync.

The ``timeZone`` parameter ("time zone used in the response; the default is the time zone
of the calendar") stands in for the calendar's zone wherever the answer would use it: the
list's own ``timeZone`` field, the offset of every ``dateTime`` that has no zone of its own
(an event written with its own ``timeZone`` keeps showing its times in that zone), and the
midnights that bound all-day events when ``timeMin``/``timeMax`` are compared with them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar import tokens
from crmsync.fakegoogle.calendar.instances import (
    Occurrence,
    cancelled_stub,
    instance_resource,
    occurrences,
)
from crmsync.fakegoogle.calendar.models import Calendar, CalendarBackend, StoredEvent, rfc3339_ts
from crmsync.fakegoogle.calendar.queries import EventQuery
from crmsync.fakegoogle.calendar.times import day_time, parse_instant, render_instant, to_utc


@dataclass
class Row:
    key: tuple[Any, ...]
    source: StoredEvent  # the stored event, or the master of a computed instance
    occurrence: Occurrence | None = None

    def resource(self, calendar: Calendar) -> dict[str, Any]:
        if self.occurrence is None:
            resource = self.source.resource
        else:
            resource = instance_resource(calendar, self.occurrence)
            if self.source.deleted:
                resource["status"] = "cancelled"
        return cancelled_stub(resource) if resource.get("status") == "cancelled" else resource


@dataclass(frozen=True)
class Viewpoint:
    """Who reads an event, on which calendar: what the ``self`` flags of the answer say."""

    emails: frozenset[str]  # creator/organizer: the reader, and the calendar if it owns it
    calendar_id: str  # attendees: the entry that "represents the calendar on which this
    # copy of the event appears" (Google's reference for attendees[].self)


def viewpoint(calendar: Calendar, viewer: str) -> Viewpoint:
    emails = {viewer.lower()}
    if calendar.role_of(viewer) == "owner":
        emails.add(calendar.id)
    return Viewpoint(frozenset(emails), calendar.id.lower())


def view(resource: dict[str, Any], seen_from: Viewpoint) -> dict[str, Any]:
    """An event as one account sees it on one calendar: ``self: true`` on its own
    creator/organizer, and on the attendee whose calendar holds this copy."""
    out = resource
    for role in ("creator", "organizer"):
        person = resource.get(role)
        if person and person.get("email") in seen_from.emails:
            if out is resource:
                out = dict(resource)
            out[role] = {**person, "self": True}
    attendees = resource.get("attendees")
    if attendees:
        here = seen_from.calendar_id
        marked = [
            {**a, "self": True} if str(a.get("email", "")).lower() == here else a for a in attendees
        ]
        if any(m is not a for m, a in zip(marked, attendees, strict=True)):
            if out is resource:
                out = dict(resource)
            out["attendees"] = marked
    return out


def in_zone(resource: dict[str, Any], tz: ZoneInfo | None) -> dict[str, Any]:
    """The ``timeZone`` parameter: times with no zone of their own shown in ``tz``."""
    if tz is None:
        return resource
    out = resource
    for key in ("start", "end", "originalStartTime"):
        value = resource.get(key)
        if not isinstance(value, dict) or "dateTime" not in value or "timeZone" in value:
            continue
        moment = parse_instant(value["dateTime"])
        if moment is None:
            continue
        if out is resource:
            out = dict(resource)
        out[key] = {**value, "dateTime": render_instant(moment, tz)}
    return out


# --- events.list ----------------------------------------------------------------------


def list_events(
    backend: CalendarBackend, calendar: Calendar, query: EventQuery, viewer: str
) -> dict[str, Any]:
    since: int | None = None
    if query.sync_token is not None:
        since = _check_sync_token(backend, calendar, query.sync_token)
    snapshot, after, page_since = calendar.change_seq, None, since
    if query.page_token is not None:
        snapshot, after, page_since = _read_page_token(backend, calendar, query.page_token)
    if page_since is not None:
        rows = _changed_rows(backend, calendar, query, page_since, snapshot)
    else:
        rows = _full_rows(backend, calendar, query)
    page, last_key = _page(rows, after, query.max_results)
    body = _envelope(backend, calendar, viewer, query.time_zone)
    if last_key is not None:
        body["nextPageToken"] = tokens.encode(
            backend.secret,
            "page",
            {"c": calendar.id, "s": snapshot, "a": last_key, "y": page_since},
        )
    mine = viewpoint(calendar, viewer)
    tz = query.zone
    body["items"] = [in_zone(view(row.resource(calendar), mine), tz) for row in page]
    if last_key is None:
        body["nextSyncToken"] = tokens.encode(
            backend.secret,
            "sync",
            {"c": calendar.id, "s": snapshot, "e": calendar.token_epoch, "i": backend.now()},
        )
    return body


def _full_rows(backend: CalendarBackend, calendar: Calendar, query: EventQuery) -> list[Row]:
    now = to_utc(backend.now())
    key = _key_function(query.order_by)
    # updatedMin brings deleted entries back whatever showDeleted says (Google's reference).
    show_deleted = query.show_deleted or query.updated_min is not None
    keep = _field_filter(query)
    rows: list[Row] = []
    events = calendar.events
    for event in events.values():
        if not keep(event):
            continue
        if event.master_id is not None:
            master = events.get(event.master_id)
            master_gone = master is None or master.deleted
            if event.deleted:
                visible = show_deleted or (not query.single_events and not master_gone)
            else:
                visible = show_deleted or not master_gone
            if visible and _in_window(event, query):
                position = master.position if master else event.position
                rows.append(Row(key(event, position, event.start.ts), event))
        elif event.series is not None:
            if event.deleted and not show_deleted:
                continue
            found = occurrences(calendar, event, *_series_window(event, query), now)
            if query.single_events:
                for occ in found:
                    if occ.id not in events:  # a stored exception stands for that instance
                        rows.append(Row(key(event, event.position, occ.start.ts), event, occ))
            elif found:
                rows.append(Row(key(event, event.position, event.start.ts), event))
        elif (show_deleted or not event.deleted) and _in_window(event, query):
            rows.append(Row(key(event, event.position, event.start.ts), event))
    return rows


def _changed_rows(
    backend: CalendarBackend, calendar: Calendar, query: EventQuery, since: int, snapshot: int
) -> list[Row]:
    """Everything written after change ``since`` (up to the list's snapshot), in write order."""
    now = to_utc(backend.now())
    rows: list[Row] = []
    events = calendar.events
    for event in events.values():
        if not since < event.seq <= snapshot:
            continue
        if event.series is not None and query.single_events:
            for occ in occurrences(calendar, event, None, None, now):
                if occ.id not in events:
                    rows.append(Row((event.seq, event.position, occ.start.ts, occ.id), event, occ))
        else:
            rows.append(Row((event.seq, event.position, event.start.ts, event.id), event))
    return rows


# --- events.instances -----------------------------------------------------------------


def list_instances(
    backend: CalendarBackend,
    calendar: Calendar,
    master: StoredEvent,
    query: EventQuery,
    viewer: str,
) -> dict[str, Any]:
    if query.page_token is not None:
        _snapshot, after, _ = _read_page_token(backend, calendar, query.page_token)
    else:
        after = None
    rows: list[Row] = []
    if master.series is None:  # a single event is its own only instance
        if query.show_deleted or not master.deleted:
            rows.append(Row((master.start.ts, master.id), master))
    else:
        now = to_utc(backend.now())
        for occ in occurrences(calendar, master, *_series_window(master, query), now):
            if occ.id not in calendar.events and (query.show_deleted or not master.deleted):
                rows.append(Row((occ.start.ts, occ.id), master, occ))
        for event in calendar.events.values():
            if (
                event.master_id == master.id
                and (query.show_deleted or not event.deleted)
                and _in_window(event, query)
            ):
                rows.append(Row((event.start.ts, event.id), event))
    candidates = rows
    if query.original_start is not None:
        wanted = query.original_start.timestamp()
        candidates = [r for r in candidates if _original_start_ts(r) == wanted]
    page, last_key = _page(candidates, after, query.max_results)
    body = _envelope(backend, calendar, viewer, query.time_zone)
    if last_key is not None:
        body["nextPageToken"] = tokens.encode(
            backend.secret,
            "page",
            {"c": calendar.id, "s": calendar.change_seq, "a": last_key, "y": None},
        )
    mine = viewpoint(calendar, viewer)
    tz = query.zone
    body["items"] = [in_zone(view(row.resource(calendar), mine), tz) for row in page]
    return body


def _original_start_ts(row: Row) -> float:
    if row.occurrence is not None:
        return row.occurrence.start.ts
    return row.source.start.ts


# --- pieces ---------------------------------------------------------------------------


def _page(rows: list[Row], after: tuple[Any, ...] | None, size: int) -> tuple[list[Row], Any]:
    rows.sort(key=lambda r: r.key)
    start = 0
    if after is not None:
        try:
            start = bisect.bisect_right([r.key for r in rows], after)
        except TypeError:  # a page token from a list with another order
            raise errors.invalid_parameter("pageToken", "") from None
    page = rows[start : start + size]
    more = start + size < len(rows)
    return page, (list(page[-1].key) if more and page else None)


def _key_function(order_by: str | None) -> Callable[[StoredEvent, int, float], tuple[Any, ...]]:
    if order_by == "startTime":
        return lambda e, pos, start: (start, pos, e.id)
    if order_by == "updated":
        return lambda e, pos, start: (e.updated_ts, pos, start, e.id)
    return lambda e, pos, start: (pos, start, e.id)


def _in_window(event: StoredEvent, query: EventQuery) -> bool:
    """timeMin bounds the end, timeMax the start, both exclusive (Google's reference)."""
    start, end = event.start.ts, event.end.ts
    tz = query.zone
    if event.start.all_day and tz is not None:  # all-day bounds: midnights of the asked zone
        assert event.start.day is not None and event.end.day is not None
        start, end = day_time(event.start.day, tz).ts, day_time(event.end.day, tz).ts
    if query.time_min is not None and end <= query.time_min.timestamp():
        return False
    return not (query.time_max is not None and start >= query.time_max.timestamp())


def _series_window(
    master: StoredEvent, query: EventQuery
) -> tuple[datetime | None, datetime | None]:
    """The window to expand a series in: an all-day series expands in the calendar's zone,
    so with another ``timeZone`` the window's wall-clock times move into that zone."""
    tz = query.zone
    if tz is None or master.series is None or not master.start.all_day:
        return query.time_min, query.time_max
    series_tz = master.series.tz

    def moved(moment: datetime | None) -> datetime | None:
        return None if moment is None else moment.astimezone(tz).replace(tzinfo=series_tz)

    return moved(query.time_min), moved(query.time_max)


def _field_filter(query: EventQuery) -> Callable[[StoredEvent], bool]:
    if not query.has_field_filters:
        return lambda event: True
    updated_min = query.updated_min.timestamp() if query.updated_min else None

    def keep(event: StoredEvent) -> bool:
        resource = event.resource
        if updated_min is not None and event.updated_ts < updated_min:
            return False
        if query.ical_uid is not None and resource.get("iCalUID") != query.ical_uid:
            return False
        props = resource.get("extendedProperties") or {}
        for scope, wanted in (("private", query.private_props), ("shared", query.shared_props)):
            have = props.get(scope) or {}
            if any(have.get(k) != v for k, v in wanted):
                return False
        return all(term in _haystack(resource) for term in query.terms)

    return keep


def _haystack(resource: dict[str, Any]) -> str:
    parts = [resource.get(k, "") for k in ("summary", "description", "location")]
    for person in [resource.get("organizer") or {}, *(resource.get("attendees") or [])]:
        parts += [person.get("email", ""), person.get("displayName", "")]
    return "\n".join(parts).lower()


def _check_sync_token(backend: CalendarBackend, calendar: Calendar, token: str) -> int:
    payload = tokens.decode(backend.secret, "sync", token)
    if (
        payload is None
        or payload.get("c") != calendar.id
        or payload.get("e") != calendar.token_epoch
        or not isinstance(payload.get("s"), int)
        or payload["s"] > calendar.change_seq
        or backend.now() - float(payload.get("i", 0)) > backend.sync_token_lifetime
    ):
        raise errors.full_sync_required()
    return payload["s"]


def _read_page_token(
    backend: CalendarBackend, calendar: Calendar, token: str
) -> tuple[int, tuple[Any, ...], int | None]:
    payload = tokens.decode(backend.secret, "page", token)
    if payload is None or payload.get("c") != calendar.id or not isinstance(payload.get("a"), list):
        raise errors.invalid_parameter("pageToken", token)
    return int(payload["s"]), tuple(payload["a"]), payload.get("y")


def _envelope(
    backend: CalendarBackend, calendar: Calendar, viewer: str, time_zone: str | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "calendar#events",
        "etag": f'"p{int(calendar.updated_ts * 1_000_000)}"',
        "summary": calendar.summary,
    }
    if calendar.description:
        body["description"] = calendar.description
    body["updated"] = rfc3339_ts(calendar.updated_ts)
    body["timeZone"] = time_zone or calendar.time_zone
    body["accessRole"] = calendar.role_of(viewer) or "reader"
    body["defaultReminders"] = [dict(r) for r in calendar.default_reminders]
    return body
