"""Calendar v3 handlers: read the request, call the model, answer in Google's shape.

No state lives here; every handler runs under the emulator's lock (see dispatch.py).
"""

from __future__ import annotations

from typing import Any

from crmsync.fakegoogle.calendar import calendars as calendar_rules
from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar import invitations, writes
from crmsync.fakegoogle.calendar.listing import (
    in_zone,
    list_events,
    list_instances,
    view,
    viewpoint,
)
from crmsync.fakegoogle.calendar.models import ROLE_RANK, CalendarBackend, StoredEvent
from crmsync.fakegoogle.calendar.queries import parse_event_query, parse_time_zone
from crmsync.fakegoogle.calendar.times import zone
from crmsync.fakegoogle.http import Request, Response
from crmsync.fakegoogle.state import EmulatorState


def backend_of(state: EmulatorState) -> CalendarBackend:
    return state.backend("calendar")


def viewer(request: Request) -> str:
    assert request.account is not None  # routes with an api are authenticated first
    return request.account.email


def _bool(request: Request, name: str) -> bool:
    raw = request.arg(name)
    if raw is not None and raw not in ("true", "false"):
        raise errors.invalid_parameter(name, raw)
    return raw == "true"


# --- colours, calendar list, calendars ------------------------------------------------


def colors_get(request: Request, state: EmulatorState) -> Response:
    return Response(200, calendar_rules.colors())


def calendar_list_list(request: Request, state: EmulatorState) -> Response:
    raw_max = request.arg("maxResults")
    try:
        max_results = int(raw_max) if raw_max is not None else calendar_rules.LIST_PAGE_DEFAULT
    except ValueError:
        raise errors.invalid_parameter("maxResults", str(raw_max)) from None
    if max_results < 1:
        raise errors.invalid_parameter("maxResults", str(raw_max))
    min_role = request.arg("minAccessRole")
    if min_role is not None and min_role not in ROLE_RANK:
        raise errors.invalid_parameter("minAccessRole", min_role)
    body = calendar_rules.list_entries(
        backend_of(state),
        viewer(request),
        max_results=min(max_results, calendar_rules.LIST_PAGE_MAX),
        page_token=request.arg("pageToken"),
        min_role=min_role,
        show_hidden=_bool(request, "showHidden"),
        show_deleted=_bool(request, "showDeleted"),
    )
    return Response(200, body)


def calendar_list_get(request: Request, state: EmulatorState) -> Response:
    email = viewer(request)
    calendar, entry = calendar_rules.entry_for(
        backend_of(state), email, request.params["calendarId"]
    )
    return Response(200, calendar_rules.entry_resource(calendar, entry, email))


def calendars_get(request: Request, state: EmulatorState) -> Response:
    calendar = backend_of(state).calendar_for(viewer(request), request.params["calendarId"])
    return Response(200, calendar_rules.calendar_resource(calendar))


def calendars_insert(request: Request, state: EmulatorState) -> Response:
    calendar = calendar_rules.insert_calendar(backend_of(state), viewer(request), request.json())
    return Response(200, calendar_rules.calendar_resource(calendar))


def calendars_update(request: Request, state: EmulatorState) -> Response:
    return _change_calendar(request, state, replace=True)


def calendars_patch(request: Request, state: EmulatorState) -> Response:
    return _change_calendar(request, state, replace=False)


def _change_calendar(request: Request, state: EmulatorState, *, replace: bool) -> Response:
    backend = backend_of(state)
    calendar = backend.calendar_for(viewer(request), request.params["calendarId"], need="owner")
    calendar_rules.change_calendar(backend, calendar, request.json(), replace=replace)
    return Response(200, calendar_rules.calendar_resource(calendar))


def calendars_delete(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    calendar = backend.calendar_for(viewer(request), request.params["calendarId"], need="owner")
    calendar_rules.delete_calendar(backend, calendar)
    return Response(204, None)


def calendars_clear(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    calendar = backend.calendar_for(viewer(request), request.params["calendarId"], need="owner")
    calendar_rules.clear_calendar(backend, calendar)
    return Response(204, None)


# --- events ---------------------------------------------------------------------------


def _answer(
    backend: CalendarBackend, stored: StoredEvent, calendar_id: str, email: str
) -> Response:
    calendar = backend.calendars[calendar_id]
    return Response(200, view(stored.resource, viewpoint(calendar, email)))


def events_list(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    email = viewer(request)
    calendar = backend.calendar_for(email, request.params["calendarId"])
    query = parse_event_query(request)
    return Response(200, list_events(backend, calendar, query, email))


def events_get(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    email = viewer(request)
    calendar = backend.calendar_for(email, request.params["calendarId"])
    time_zone = parse_time_zone(request)
    target = writes.resolve(calendar, request.params["eventId"])
    if target is None:
        raise errors.not_found()
    resource = writes.current_resource(calendar, target)
    if not isinstance(target, StoredEvent) and target.master.deleted:
        resource = {**resource, "status": "cancelled"}
    if_none_match = request.header("if-none-match")
    if if_none_match and resource["etag"] in {t.strip() for t in if_none_match.split(",")}:
        return Response(304, None)
    return Response(200, in_zone(view(resource, viewpoint(calendar, email)), zone(time_zone)))


def _conference_data_version(request: Request) -> int:
    """``conferenceDataVersion``: 0 (the default) for a client that knows nothing of
    conference data, whose body's ``conferenceData`` Google ignores; 1 to copy it."""
    raw = request.arg("conferenceDataVersion")
    if raw is None:
        return 0
    if raw not in ("0", "1"):
        raise errors.invalid_parameter("conferenceDataVersion", raw)
    return int(raw)


def _event_body(request: Request) -> Any:
    """The request's event body, without the conference data Google would ignore in it."""
    body = request.json()
    if isinstance(body, dict) and _conference_data_version(request) == 0:
        body = {k: v for k, v in body.items() if k != "conferenceData"}
    return body


def events_insert(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    email = viewer(request)
    calendar = backend.calendar_for(email, request.params["calendarId"], need="writer")
    stored = writes.insert(backend, calendar, _event_body(request), email)
    return _answer(backend, stored, calendar.id, email)


def events_import(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    email = viewer(request)
    calendar = backend.calendar_for(email, request.params["calendarId"], need="writer")
    stored = writes.import_event(backend, calendar, _event_body(request), email)
    return _answer(backend, stored, calendar.id, email)


def events_update(request: Request, state: EmulatorState) -> Response:
    return _change(request, state, writes.update)


def events_patch(request: Request, state: EmulatorState) -> Response:
    return _change(request, state, writes.patch)


def _change(request: Request, state: EmulatorState, write: Any) -> Response:
    backend = backend_of(state)
    email = viewer(request)
    calendar = backend.calendar_for(email, request.params["calendarId"], need="writer")
    source = invitations.organizer_calendar(backend, calendar, request.params["eventId"])
    if source is not None:  # an attendee's copy of someone else's event
        resource = invitations.attendee_change(
            backend,
            calendar,
            source,
            request.params["eventId"],
            _event_body(request),
            email,
            request.header("if-match"),
            replace=write is writes.update,
        )
        return Response(200, view(resource, viewpoint(calendar, email)))
    stored = write(
        backend,
        calendar,
        request.params["eventId"],
        _event_body(request),
        email,
        request.header("if-match"),
        # Ignored in the body, a PUT's conference data is not cleared either: it stays.
        keep_conference=_conference_data_version(request) == 0,
    )
    return _answer(backend, stored, calendar.id, email)


def events_delete(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    email = viewer(request)
    calendar = backend.calendar_for(email, request.params["calendarId"], need="writer")
    event_id = request.params["eventId"]
    source = invitations.organizer_calendar(backend, calendar, event_id)
    if source is not None:  # an attendee's copy: it goes, and they decline
        invitations.attendee_delete(
            backend, calendar, source, event_id, email, request.header("if-match")
        )
    else:
        writes.delete(backend, calendar, event_id, request.header("if-match"))
    return Response(204, None)


def events_move(request: Request, state: EmulatorState) -> Response:
    """Move an event to another calendar; the caller needs writer access to both."""
    backend = backend_of(state)
    email = viewer(request)
    source = backend.calendar_for(email, request.params["calendarId"], need="writer")
    destination_id = request.arg("destination")
    if not destination_id:
        raise errors.required("Required parameter: destination", location="destination")
    destination = backend.calendar_for(email, destination_id, need="writer")
    stored = writes.move(backend, source, request.params["eventId"], destination)
    return _answer(backend, stored, destination.id, email)


def events_instances(request: Request, state: EmulatorState) -> Response:
    backend = backend_of(state)
    email = viewer(request)
    calendar = backend.calendar_for(email, request.params["calendarId"])
    master = calendar.events.get(request.params["eventId"])
    if master is None:
        raise errors.not_found()
    query = parse_event_query(request)
    return Response(200, list_instances(backend, calendar, master, query, email))
