"""Calendar v3 routes: paths, Google method ids and accepted scopes from the discovery document."""

from __future__ import annotations

from crmsync.fakegoogle.calendar import responses as r
from crmsync.fakegoogle.http import Handler, Route

BASE = "/calendar/v3/"
_S = "https://www.googleapis.com/auth/calendar"

# Scope sets as the discovery document lists them per method.
EVENTS_WRITE = (_S, _S + ".app.created", _S + ".events", _S + ".events.owned")
EVENTS_MOVE = (_S, _S + ".events", _S + ".events.owned")
EVENTS_READ = (
    *EVENTS_WRITE,
    _S + ".events.freebusy",
    _S + ".events.owned.readonly",
    _S + ".events.public.readonly",
    _S + ".events.readonly",
    _S + ".readonly",
)
CALENDAR_LIST_READ = (
    _S,
    _S + ".app.created",
    _S + ".calendarlist",
    _S + ".calendarlist.readonly",
    _S + ".readonly",
)
COLORS = (
    _S,
    _S + ".app.created",
    _S + ".calendarlist",
    _S + ".calendarlist.readonly",
    _S + ".events.freebusy",
    _S + ".events.owned",
    _S + ".events.owned.readonly",
    _S + ".events.public.readonly",
    _S + ".readonly",
)
CALENDARS_READ = (
    _S,
    _S + ".app.created",
    _S + ".calendars",
    _S + ".calendars.readonly",
    _S + ".readonly",
)
CALENDARS_WRITE = (_S, _S + ".app.created", _S + ".calendars")
CALENDARS_CLEAR = (_S, _S + ".calendars")


def _route(
    method: str, path: str, handler: Handler, name: str, kind: str, scopes: tuple[str, ...]
) -> Route:
    return Route(method, BASE + path, handler, "calendar." + name, "calendar", kind, scopes)


EVENT = "calendars/{calendarId}/events/{eventId}"

ROUTES = [
    _route("GET", "colors", r.colors_get, "colors.get", "read", COLORS),
    _route(
        "GET", "users/me/calendarList", r.calendar_list_list, "calendarList.list", "read",
        CALENDAR_LIST_READ,
    ),
    _route(
        "GET", "users/me/calendarList/{calendarId}", r.calendar_list_get, "calendarList.get",
        "read", CALENDAR_LIST_READ,
    ),
    _route("POST", "calendars", r.calendars_insert, "calendars.insert", "write", CALENDARS_WRITE),
    _route(
        "GET", "calendars/{calendarId}", r.calendars_get, "calendars.get", "read", CALENDARS_READ
    ),
    _route(
        "PUT", "calendars/{calendarId}", r.calendars_update, "calendars.update", "write",
        CALENDARS_WRITE,
    ),
    _route(
        "PATCH", "calendars/{calendarId}", r.calendars_patch, "calendars.patch", "write",
        CALENDARS_WRITE,
    ),
    _route(
        "DELETE", "calendars/{calendarId}", r.calendars_delete, "calendars.delete", "write",
        CALENDARS_WRITE,
    ),
    _route(
        "POST", "calendars/{calendarId}/clear", r.calendars_clear, "calendars.clear", "write",
        CALENDARS_CLEAR,
    ),
    _route(
        "POST", "calendars/{calendarId}/events/import", r.events_import, "events.import",
        "write", EVENTS_WRITE,
    ),
    _route(
        "GET", "calendars/{calendarId}/events", r.events_list, "events.list", "read", EVENTS_READ
    ),
    _route(
        "POST", "calendars/{calendarId}/events", r.events_insert, "events.insert", "write",
        EVENTS_WRITE,
    ),
    _route(
        "GET", EVENT + "/instances", r.events_instances, "events.instances", "read", EVENTS_READ
    ),
    _route("POST", EVENT + "/move", r.events_move, "events.move", "write", EVENTS_MOVE),
    _route("GET", EVENT, r.events_get, "events.get", "read", EVENTS_READ),
    _route("PUT", EVENT, r.events_update, "events.update", "write", EVENTS_WRITE),
    _route("PATCH", EVENT, r.events_patch, "events.patch", "write", EVENTS_WRITE),
    _route("DELETE", EVENT, r.events_delete, "events.delete", "write", EVENTS_WRITE),
]  # fmt: skip
