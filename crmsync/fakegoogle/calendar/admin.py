"""``/_emulator/calendar/...``: act on calendars as the Google side would (JSON, no auth).

Tests use it to change events "from a phone" (each change bumps etag, ``updated``,
``sequence`` and the change log, so sync tokens see it), share a calendar read-only with
another account, invalidate sync tokens as an ACL change does, and tune token lifetime.

Sync tokens answer 410 fullSyncRequired once they are older than
``sync_token_lifetime_seconds`` of emulator clock (``POST /_emulator/calendar/settings``,
then ``POST /_emulator/clock/advance``), or at once after an invalidation:
``POST /_emulator/calendar/calendars/{calendarId}/invalidate-sync-tokens`` for one calendar,
``POST /_emulator/calendar/invalidate-sync-tokens`` with ``{"email": E}`` for every calendar
on E's calendar list, or with ``{}`` for every calendar.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from crmsync.fakegoogle.calendar import calendars as calendar_rules
from crmsync.fakegoogle.calendar import writes
from crmsync.fakegoogle.calendar.models import ROLE_RANK, Calendar, CalendarBackend
from crmsync.fakegoogle.calendar.responses import backend_of
from crmsync.fakegoogle.exceptions import GoogleAPIError
from crmsync.fakegoogle.http import Handler, Request, Response, Route
from crmsync.fakegoogle.state import EmulatorState

PREFIX = "/_emulator/calendar"


def _bad(message: str) -> GoogleAPIError:
    return GoogleAPIError(400, "badRequest", message)


def _calendar(backend: CalendarBackend, request: Request) -> Calendar:
    calendar = backend.calendars.get(request.params["calendarId"].lower()) or backend.calendars.get(
        request.params["calendarId"]
    )
    if calendar is None or calendar.deleted:
        raise GoogleAPIError(404, "notFound", "No such calendar in the emulator.")
    return calendar


def _raw(stored: Any) -> dict[str, Any]:
    return {**stored.resource, "_seq": stored.seq}


def settings_get(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    return Response(200, {"sync_token_lifetime_seconds": backend.sync_token_lifetime})


def settings_set(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    body = request.json()
    if "sync_token_lifetime_seconds" in body:
        value = float(body["sync_token_lifetime_seconds"])
        if value <= 0:
            raise _bad("sync_token_lifetime_seconds must be positive")
        backend.sync_token_lifetime = value
        state.dirty = True
    return settings_get(request, state)


def calendars_create(request: Request, state: EmulatorState) -> Response:
    """A secondary calendar for ``owner`` (as if created in the web UI)."""
    backend = backend_of(state)
    body = request.json()
    owner = str(body.get("owner", "")).strip().lower()
    if "@" not in owner:
        raise _bad("owner (an e-mail) is required")
    state.account(owner)
    calendar = calendar_rules.insert_calendar(backend, owner, body)
    return Response(200, calendar_rules.calendar_resource(calendar))


def calendars_share(request: Request, state: EmulatorState) -> Response:
    """Give an account a role on a calendar (reader: a read-only calendar for it)."""
    backend = backend_of(state)
    calendar = _calendar(backend, request)
    body = request.json()
    email = str(body.get("email", "")).strip().lower()
    role = str(body.get("role", "reader"))
    if "@" not in email or role not in ROLE_RANK:
        raise _bad("email and a role (freeBusyReader, reader, writer, owner) are required")
    entry = backend.share(calendar, email, role)
    return Response(200, calendar_rules.entry_resource(calendar, entry, email))


def calendars_invalidate(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    calendar = _calendar(backend, request)
    backend.invalidate_sync_tokens(calendar)
    return Response(200, {"invalidated": [calendar.id]})


def invalidate_all(request: Request, state: EmulatorState) -> Response:
    """Invalidate the sync tokens of every calendar an account sees (or of all calendars)."""
    backend = backend_of(state)
    body = request.json()
    email = str(body.get("email") or "").strip().lower()
    if email:
        if state.account(email, create=False) is None:
            raise GoogleAPIError(404, "notFound", "No such account in the emulator.")
        entries = backend.lists.get(email, {})
        calendars = [backend.calendars[e.calendar_id] for e in entries.values() if not e.deleted]
    else:
        calendars = list(backend.calendars.values())
    for calendar in calendars:
        backend.invalidate_sync_tokens(calendar)
    return Response(200, {"invalidated": [c.id for c in calendars]})


def events_raw(request: Request, state: EmulatorState) -> Response:
    """Every stored event of a calendar, deleted ones and exceptions included."""
    calendar = _calendar(backend_of(state), request)
    items = [_raw(e) for e in calendar.events.values()]
    return Response(200, {"items": items, "change_seq": calendar.change_seq})


def events_create(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    calendar = _calendar(backend, request)
    stored = writes.insert(backend, calendar, request.json(), calendar.owner)
    return Response(200, _raw(stored))


def events_edit(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    calendar = _calendar(backend, request)
    stored = writes.patch(
        backend, calendar, request.params["eventId"], request.json(), calendar.owner, None
    )
    return Response(200, _raw(stored))


def events_move(request: Request, state: EmulatorState) -> Response:
    """Move an event in time: {"start":…, "end":…} or {"shift_minutes": N}."""
    backend = backend_of(state)
    calendar = _calendar(backend, request)
    body = request.json()
    event_id = request.params["eventId"]
    if "shift_minutes" in body:
        target = writes.resolve(calendar, event_id)
        if target is None:
            raise GoogleAPIError(404, "notFound", "Not Found")
        current = writes.current_resource(calendar, target)
        stored_times = target.start, target.end
        delta = timedelta(minutes=float(body["shift_minutes"]))
        if stored_times[0].all_day:
            delta = timedelta(days=round(delta / timedelta(days=1)))
        changes = {
            "start": stored_times[0].shifted(delta, calendar.tz).render(calendar.tz),
            "end": stored_times[1].shifted(delta, calendar.tz).render(calendar.tz),
        }
        for which in ("start", "end"):
            if "timeZone" in current[which]:
                changes[which]["timeZone"] = current[which]["timeZone"]
    elif "start" in body and "end" in body:
        changes = {"start": body["start"], "end": body["end"]}
    else:
        raise _bad("give start and end, or shift_minutes")
    stored = writes.patch(backend, calendar, event_id, changes, calendar.owner, None)
    return Response(200, _raw(stored))


def events_remove(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    calendar = _calendar(backend, request)
    stored = writes.delete(backend, calendar, request.params["eventId"], None)
    return Response(200, _raw(stored))


def routes() -> list[Route]:
    def r(method: str, path: str, handler: Handler, name: str) -> Route:
        return Route(method, PREFIX + path, handler, "emulator.calendar." + name)

    cal = "/calendars/{calendarId}"
    return [
        r("GET", "/settings", settings_get, "settings.get"),
        r("POST", "/settings", settings_set, "settings.set"),
        r("POST", "/invalidate-sync-tokens", invalidate_all, "invalidate"),
        r("POST", "/calendars", calendars_create, "calendars.create"),
        r("POST", cal + "/share", calendars_share, "calendars.share"),
        r("POST", cal + "/invalidate-sync-tokens", calendars_invalidate, "calendars.invalidate"),
        r("GET", cal + "/events", events_raw, "events.raw"),
        r("POST", cal + "/events", events_create, "events.create"),
        r("PATCH", cal + "/events/{eventId}", events_edit, "events.edit"),
        r("POST", cal + "/events/{eventId}/move", events_move, "events.move"),
        r("DELETE", cal + "/events/{eventId}", events_remove, "events.delete"),
    ]
