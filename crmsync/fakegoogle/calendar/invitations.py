"""Invitations: the copies of an event in its attendees' calendars, as Google keeps them.

When an event with ``attendees`` is stored in its organizer's calendar (the calendar the
``organizer`` e-mail names: the owner's primary, or a secondary calendar's own id), every
attendee that is an account of the emulator gets a copy in their primary calendar, under the
same ``id`` and ``iCalUID``, organizer and creator unchanged, their entry answering
``needsAction`` until they answer. A copy is not flagged anywhere: an event is one when its
organizer's calendar is another calendar of the emulator holding an event with that id and
iCalUID (so copies survive a restart, and imported events stay plain events).

Google's rules followed here, with their sources:

* ``attendees[].self``: "Whether this entry represents the calendar on which this copy
  of the event appears" (Events reference): the copy's answers mark the attendee's own
  entry (listing.view).
* ``extendedProperties.private``: "private to the copy of the event that appears on this
  calendar"; ``.shared``: "shared between copies of the event on other attendees'
  calendars"; ``reminders``: "for the authenticated user" (Events reference). Colour and
  "show me as" (``colorId``, ``transparency``) are also kept per copy: each guest sets
  them for themselves in Google Calendar (an assumption, not in the API reference). A new
  copy starts with the calendar's default reminders, no colour, the organizer's
  transparency and no private properties (also an assumption).
* An attendee changing the shared extended properties of their copy: 403
  ``forbiddenForNonOrganizer`` "Shared properties can only be changed by the organizer of
  the event." (the body Google answers, quoted in kewisch/gdata-provider issues #274, #426).
* An attendee changing anything else of the organizer's (title, times, place, description,
  recurrence, other guests...) through update/patch: the call succeeds and the event keeps
  the organizer's values (googleapis/google-api-nodejs-client issue #2989: "returns
  successfully but doesn't change the event"). So those changes are *ignored*, not refused.
  Their own entry's ``responseStatus``, ``comment`` and ``additionalGuests`` are theirs to
  change: the answer reaches the organizer's event and so every copy.
* ``guestsCanModify`` ("whether attendees other than the organizer can modify the event"):
  then an attendee's change of the shared fields is made to the organizer's event and
  reaches every copy.
* ``privateCopy`` ("If set to True, Event propagation is disabled"): no copies.
* ``sendUpdates`` only decides who gets e-mails; copies are made and kept in step whatever
  it says (the emulator sends no e-mail at all).
* Organizer changes reach every copy; the organizer deleting the event (or one instance)
  cancels the copies, and a guest taken off the list has their copy cancelled.
* An attendee deleting their copy: it is cancelled in their calendar and their entry in
  the organizer's event becomes ``declined``, as deleting an invitation in the Google
  Calendar app declines it (the API reference says nothing of it); later changes by the
  organizer do not bring it back.
* Not modelled: ``guestsCanInviteOthers`` (an attendee's new guests are ignored like any
  other change), events.move of a copy, and copies of instances an attendee changed
  following later changes of the organizer's whole series.
"""

from __future__ import annotations

from typing import Any

from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar import writes
from crmsync.fakegoogle.calendar.models import Calendar, CalendarBackend, StoredEvent, rfc3339_ts
from crmsync.fakegoogle.calendar.times import parse_event_time
from crmsync.fakegoogle.calendar.validation import clean_event

PER_COPY = ("colorId", "reminders", "transparency")  # and extendedProperties.private
ANSWER = ("responseStatus", "comment", "additionalGuests")  # an attendee's own
STAMPS = ("etag", "updated")


# --- which calendar organises an event --------------------------------------------------


def organizer_calendar(
    backend: CalendarBackend, calendar: Calendar, event_id: str
) -> Calendar | None:
    """The organizer's calendar when ``calendar`` holds an invitation copy of the event."""
    target = writes.resolve(calendar, event_id)
    if target is None:
        return None
    resource = writes.current_resource(calendar, target)
    email = str((resource.get("organizer") or {}).get("email", "")).lower()
    if not email or email == calendar.id.lower():
        return None
    source = backend.calendars.get(email)
    if source is None or source.deleted:
        return None
    original = writes.resolve(source, event_id)
    if original is None:
        return None
    if writes.current_resource(source, original).get("iCalUID") != resource.get("iCalUID"):
        return None
    return source


def organises(calendar: Calendar, resource: dict[str, Any]) -> bool:
    return str((resource.get("organizer") or {}).get("email", "")).lower() == calendar.id.lower()


# --- the organizer's writes reach the copies --------------------------------------------


def after_store(
    backend: CalendarBackend,
    source: Calendar,
    previous: dict[str, Any] | None,
    stored: StoredEvent,
) -> None:
    """Bring the copies in step with an event just stored in its organizer's calendar."""
    resource = stored.resource
    if previous is None and stored.master_id is not None:
        master = source.events.get(stored.master_id)  # an instance changed for the first time
        previous = master.resource if master is not None else None
    invited = _attendee_calendars(backend, source, resource)
    before = _attendee_calendars(backend, source, previous) if previous else {}
    cancelled = resource.get("status") == "cancelled"
    for email, target in invited.items():
        if cancelled:
            if _live_copy(target, source, resource):
                write_copy(backend, source, resource, target, status="cancelled")
        elif not _removed_by_attendee(target, resource, email):
            write_copy(backend, source, resource, target)
    for email, target in before.items():
        if email not in invited and _live_copy(target, source, resource):
            write_copy(backend, source, resource, target, status="cancelled")


def _attendee_calendars(
    backend: CalendarBackend, source: Calendar, resource: dict[str, Any]
) -> dict[str, Calendar]:
    """The primary calendars of the attendees that are accounts (the organizer excepted)."""
    found: dict[str, Calendar] = {}
    if resource.get("privateCopy"):
        return found
    for attendee in resource.get("attendees") or []:
        email = str(attendee.get("email", "")).strip().lower()
        if not email or email == source.id.lower():
            continue
        if backend.state.account(email, create=False) is None:
            continue
        target = backend.calendars.get(email)
        if target is not None and target.primary and not target.deleted:
            found[email] = target
    return found


def _copy_or_master(target: Calendar, resource: dict[str, Any]) -> StoredEvent | None:
    existing = target.events.get(resource["id"])
    if existing is None and resource.get("recurringEventId"):
        existing = target.events.get(resource["recurringEventId"])
    return existing


def _live_copy(target: Calendar, source: Calendar, resource: dict[str, Any]) -> bool:
    """The target shows this event (or its series) as a copy of ``source``'s."""
    existing = _copy_or_master(target, resource)
    return existing is not None and not existing.deleted and organises(source, existing.resource)


def _removed_by_attendee(target: Calendar, resource: dict[str, Any], email: str) -> bool:
    """The attendee deleted their copy (and so declined): it stays out of their calendar."""
    existing = _copy_or_master(target, resource)
    if existing is None or not existing.deleted:
        return False
    mine = _entry(resource, email)
    return mine is not None and mine.get("responseStatus") == "declined"


def write_copy(
    backend: CalendarBackend,
    source: Calendar,
    resource: dict[str, Any],
    target: Calendar,
    *,
    status: str | None = None,
    own: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Store the organizer's ``resource`` as ``target``'s copy; the copy's own fields come
    from ``own`` (an attendee's change), else from the copy as it is. Nothing is written
    (no new etag, no change for sync) when the copy would not change."""
    existing = target.events.get(resource["id"])
    if own is None:
        keeper = _copy_or_master(target, resource)  # a new instance: the series' copy
        own = keeper.resource if keeper is not None else None
    copy = dict(resource)
    for which in ("start", "end", "originalStartTime"):  # shown in the copy's calendar zone
        if which in copy:
            copy[which] = parse_event_time(copy[which], which, source.tz).render(target.tz)
    copy["htmlLink"] = writes.html_link(copy["id"], target.id)
    if own is None:
        copy.pop("colorId", None)
        copy["reminders"] = {"useDefault": True}
        private = None
    else:
        for key in PER_COPY:
            copy.pop(key, None)
            if own.get(key) is not None:
                copy[key] = own[key]
        private = (own.get("extendedProperties") or {}).get("private")
        copy.setdefault("reminders", {"useDefault": True})
    shared = (resource.get("extendedProperties") or {}).get("shared")
    properties = {k: v for k, v in (("private", private), ("shared", shared)) if v}
    copy.pop("extendedProperties", None)
    if properties:
        copy["extendedProperties"] = properties
    if status is not None:
        copy["status"] = status
    if existing is not None and _same(existing.resource, copy):
        return existing.resource
    copy["etag"], updated_ts = backend.stamp()
    copy["updated"] = rfc3339_ts(updated_ts)
    return backend.store(target, writes.ordered(copy), updated_ts).resource


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {k: v for k, v in a.items() if k not in STAMPS} == {
        k: v for k, v in b.items() if k not in STAMPS
    }


def _entry(resource: dict[str, Any], email: str) -> dict[str, Any] | None:
    return next(
        (
            a
            for a in resource.get("attendees") or []
            if str(a.get("email", "")).lower() == email.lower()
        ),
        None,
    )


# --- an attendee's writes on their copy -------------------------------------------------


def attendee_change(
    backend: CalendarBackend,
    calendar: Calendar,
    source: Calendar,
    event_id: str,
    body: Any,
    viewer: str,
    if_match: str | None,
    *,
    replace: bool,
) -> dict[str, Any]:
    """events.update (``replace``) or events.patch by an attendee on their copy."""
    current = writes.current_resource(calendar, writes.find_target(calendar, event_id))
    writes.check_if_match(current, if_match)
    if not isinstance(body, dict):
        raise errors.bad_request()
    if replace:
        wanted = dict(body)
        wanted.setdefault("status", current.get("status"))
    else:
        wanted = writes.merge(current, body)
        for which in ("start", "end"):
            writes.keep_one_kind(wanted, body, which)
    fields = clean_event(wanted, calendar.tz, instance="recurringEventId" in current).fields
    original = writes.current_resource(source, writes.find_target(source, event_id))
    wanted_props = fields.get("extendedProperties") or {}
    if original.get("guestsCanModify"):
        _change_for_everyone(backend, source, event_id, fields, original, viewer)
    else:
        current_shared = (current.get("extendedProperties") or {}).get("shared")
        if wanted_props.get("shared") != current_shared:
            raise errors.forbidden_for_non_organizer()
        _answer(backend, source, event_id, calendar.id, fields, original, viewer)
    # The copy's own fields; everything else is the organizer's (an attendee's other
    # changes are ignored, as Google does).
    own = {k: fields.get(k) for k in PER_COPY}
    own["extendedProperties"] = {"private": wanted_props.get("private")}
    latest = writes.current_resource(source, writes.find_target(source, event_id))
    return write_copy(backend, source, latest, calendar, own=own)


def _answer(
    backend: CalendarBackend,
    source: Calendar,
    event_id: str,
    email: str,
    fields: dict[str, Any],
    original: dict[str, Any],
    viewer: str,
) -> None:
    """The attendee's own response, comment and extra guests, given to the organizer."""
    given = _entry(fields, email)
    known = _entry(original, email)
    if given is None or known is None:
        return
    answered = dict(known)
    for key in ANSWER:
        if key in given:
            answered[key] = given[key]
        elif key != "responseStatus":
            answered.pop(key, None)
    if answered == known:
        return
    attendees = [answered if a is known else a for a in original["attendees"]]
    writes.patch(backend, source, event_id, {"attendees": attendees}, viewer, None)


def _change_for_everyone(
    backend: CalendarBackend,
    source: Calendar,
    event_id: str,
    fields: dict[str, Any],
    original: dict[str, Any],
    viewer: str,
) -> None:
    """guestsCanModify: the attendee's change of the shared fields is the organizer's."""
    body = {k: v for k, v in fields.items() if k not in PER_COPY and k != "extendedProperties"}
    for key in PER_COPY:
        if key in original:
            body[key] = original[key]
    properties = {
        "private": (original.get("extendedProperties") or {}).get("private"),
        "shared": (fields.get("extendedProperties") or {}).get("shared"),
    }
    body["extendedProperties"] = {k: v for k, v in properties.items() if v}
    writes.update(backend, source, event_id, body, viewer, None)


def attendee_delete(
    backend: CalendarBackend,
    calendar: Calendar,
    source: Calendar,
    event_id: str,
    viewer: str,
    if_match: str | None,
) -> None:
    """events.delete by an attendee: their copy goes, and they decline."""
    target = writes.resolve(calendar, event_id)
    if target is None:
        raise errors.not_found()
    if writes.is_deleted(calendar, target):
        raise errors.deleted()
    writes.check_if_match(writes.current_resource(calendar, target), if_match)
    original = writes.current_resource(source, writes.find_target(source, event_id))
    known = _entry(original, calendar.id)
    if known is not None and known.get("responseStatus") != "declined":
        declined = {**known, "responseStatus": "declined"}
        attendees = [declined if a is known else a for a in original["attendees"]]
        writes.patch(backend, source, event_id, {"attendees": attendees}, viewer, None)
    writes.delete(backend, calendar, event_id, None)
