"""Google Calendar events ↔ neutral agenda items: the Google side's field mapping.

- Times: a timed event is sent as ``dateTime`` with its UTC offset in the user's zone plus
  ``timeZone`` (so Google shows it at the same wall-clock time across DST); any offset read
  back is honoured. An all-day event's Google end date is exclusive, the CRM's inclusive.
- Private ↔ ``visibility``: private (or confidential) ↔ true; default (or public) ↔ false.
- Reminder: on → ``useDefault: false`` and one popup override with the delay; off →
  ``useDefault: false`` and no popup of ours (an explicit "no reminder": the calendar's
  default must not add one behind the user's back). Read back, ``useDefault: true`` means
  the calendar's default popup reminder (off when the calendar has none); otherwise the
  shortest popup override that is ours; e-mail overrides are never ours. We own one popup
  only: an update keeps the event's other overrides (see :func:`patched_reminders`).
- Type ↔ ``colorId`` with « Transfert couleur Actions » (see :mod:`crmsync.sync.colours`).
- Our ids ride in ``extendedProperties.private`` so a lost link is found again.

An update of an existing event is a PATCH of the fields it changes (:func:`item_to_patch`),
never a full PUT: what we do not own (guests, "show as", other apps' extended properties,
conference data, attachments, other reminders) stays as the phone or another app left it.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets as _random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from crmsync.sync.colours import type_code_for_colour_id
from crmsync.sync.items import AgendaItem, When

PROP_DATABASE = "crmsyncDb"
PROP_ACTION = "crmsyncAction"
#: The action's sync uid: an action id alone is reused when an older backup of the CRM is
#: restored; the pair (id, uid) names one action whatever happened to the database.
PROP_UID = "crmsyncUid"
#: On a recurring event made from a CRM series: the series id (its instances carry it too).
PROP_SERIES = "crmsyncSeries"
#: The popup reminders of the event that are not ours, as minutes ("30,60"), written when an
#: update of the CRM's reminder left some: it tells our popup from theirs when read back.
PROP_OTHER_POPUPS = "crmsyncOtherPopups"
#: Google refuses more reminder overrides than this (400).
MAX_OVERRIDES = 5


def new_event_id() -> str:
    """A fresh random event id in Google's alphabet (base32hex, lowercase): 24 characters,
    120 random bits, so never one used before, even by a deleted event."""
    return base64.b32hexencode(_random.token_bytes(15)).decode("ascii").lower()


@dataclass(frozen=True)
class Reminders:
    """An event's reminders as read: what an update needs to keep those not ours."""

    use_default: bool
    #: (method, minutes) of each override, in Google's order.
    overrides: tuple[tuple[str, int], ...] = ()
    #: Popups not ours as of our last update of the reminder (``None``: never written).
    others: tuple[int, ...] | None = None


def reminders_of(event: dict[str, Any]) -> Reminders:
    reminders = event.get("reminders") or {}
    overrides = tuple(
        (str(o.get("method", "")), int(o["minutes"]))
        for o in reminders.get("overrides") or []
        if "minutes" in o
    )
    props = (event.get("extendedProperties") or {}).get("private") or {}
    raw = props.get(PROP_OTHER_POPUPS)
    others = None
    if raw is not None:
        others = tuple(int(m) for m in str(raw).split(",") if m.strip().isdigit())
    # No ``reminders`` at all reads as Google's default (useDefault).
    return Reminders(bool(reminders.get("useDefault", not reminders)), overrides, others)


@dataclass(frozen=True)
class EventFacts:
    """What the sync needs to know about an event besides its synced fields."""

    id: str
    etag: str
    cancelled: bool
    updated: dt.datetime | None
    database_id: str | None
    action_id: int | None
    #: The account only attends (someone else organises it).
    attendee_only: bool
    #: The account declined the invitation.
    declined: bool
    recurring_id: str
    series_id: int | None = None
    original_start: dt.datetime | dt.date | None = None
    #: The reminders as read, so that an update keeps those that are not ours.
    reminders: Reminders | None = None
    #: The action's sync uid the event carries (None on events written before uids).
    action_uid: str | None = None


def facts(event: dict[str, Any], me: frozenset[str] = frozenset()) -> EventFacts:
    """``me``: the account's e-mail addresses (its calendars' ids), to find its own entry
    among the attendees when Google's ``self`` flag is missing."""
    props = (event.get("extendedProperties") or {}).get("private") or {}
    raw_action = props.get(PROP_ACTION)
    organizer = event.get("organizer") or {}
    mine = next(
        (
            a
            for a in event.get("attendees") or []
            if a.get("self") or str(a.get("email", "")).casefold() in me
        ),
        None,
    )
    updated = event.get("updated")
    return EventFacts(
        id=str(event["id"]),
        etag=str(event.get("etag", "")),
        cancelled=event.get("status") == "cancelled",
        updated=_parse_instant(updated) if updated else None,
        database_id=props.get(PROP_DATABASE),
        action_id=int(raw_action) if raw_action and str(raw_action).isdigit() else None,
        attendee_only=bool(organizer)
        and not organizer.get("self", False)
        and str(organizer.get("email", "")).casefold() not in me,
        declined=mine is not None and mine.get("responseStatus") == "declined",
        recurring_id=str(event.get("recurringEventId", "")),
        series_id=_int(props.get(PROP_SERIES)),
        original_start=_original_start(event.get("originalStartTime")),
        reminders=reminders_of(event),
        action_uid=_uid(props.get(PROP_UID)),
    )


def _uid(raw: Any) -> str | None:
    """A sync uid as we write them (32 hex digits); anything else says nothing."""
    text = str(raw) if raw is not None else ""
    return text if len(text) == 32 and all(c in "0123456789abcdef" for c in text) else None


def _int(raw: Any) -> int | None:
    return int(raw) if raw is not None and str(raw).isdigit() else None


def _original_start(value: dict[str, Any] | None) -> dt.datetime | dt.date | None:
    if not value:
        return None
    if "date" in value and "dateTime" not in value:
        return dt.date.fromisoformat(value["date"])
    return _event_time(value, ZoneInfo("UTC"))


def instance_id(master_id: str, original_start: dt.datetime | dt.date) -> str:
    """The id Google gives an occurrence of a recurring event: the master's id and the
    occurrence's original start (UTC, basic format; the day for an all-day event)."""
    if isinstance(original_start, dt.datetime):
        return f"{master_id}_{original_start.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}"
    return f"{master_id}_{original_start.strftime('%Y%m%d')}"


def series_body(
    master: dict[str, Any], rrule: str, exdates: list[str], series_id: int
) -> dict[str, Any]:
    """A CRM series as a recurring event: ``master`` is the first occurrence's body."""
    body = dict(master)
    props = dict(body["extendedProperties"]["private"])
    props.pop(PROP_ACTION, None)
    props.pop(PROP_UID, None)
    props[PROP_SERIES] = str(series_id)
    body["extendedProperties"] = {"private": props}
    lines = ["RRULE:" + rrule]
    for text in exdates:
        when = dt.datetime.fromisoformat(text) if "T" in text else None
        if when is not None and when.tzinfo is not None:
            lines.append("EXDATE:" + when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
        elif when is None:
            lines.append("EXDATE;VALUE=DATE:" + text.replace("-", ""))
    body["recurrence"] = lines
    return body


def event_to_item(
    event: dict[str, Any],
    zone: ZoneInfo,
    *,
    default_reminder: int | None = None,
    transfer_colours: bool = True,
) -> AgendaItem:
    """The neutral item of a (not cancelled) event."""
    start, end = event.get("start") or {}, event.get("end") or {}
    if "date" in start:
        first = dt.date.fromisoformat(start["date"])
        after = dt.date.fromisoformat(end.get("date", start["date"]))
        when = When(True, first, max(first, after - dt.timedelta(days=1)))
    else:
        first_t = _event_time(start, zone)
        when = When(False, first_t, max(first_t, _event_time(end or start, zone)))
    return AgendaItem(
        title=str(event.get("summary", "")),
        location=str(event.get("location", "")),
        when=when,
        private=event.get("visibility") in ("private", "confidential"),
        reminder=_reminder(reminders_of(event), default_reminder),
        description=str(event.get("description", "")),
        type_code=type_code_for_colour_id(event.get("colorId")) if transfer_colours else None,
    )


def item_to_event(
    item: AgendaItem,
    zone: ZoneInfo,
    *,
    colour_id: str | None,
    database_id: str,
    action_id: int,
    event_id: str | None = None,
    uid: str | None = None,
) -> dict[str, Any]:
    """The event body for an insert or a full update (PUT) of ``item``."""
    body: dict[str, Any] = {
        "summary": item.title,
        "location": item.location,
        "description": item.description,
        "visibility": "private" if item.private else "default",
        "reminders": {
            "useDefault": False,
            "overrides": []
            if item.reminder is None
            else [{"method": "popup", "minutes": item.reminder}],
        },
        "extendedProperties": {
            "private": {
                PROP_DATABASE: database_id,
                PROP_ACTION: str(action_id),
                **({PROP_UID: uid} if uid else {}),
            }
        },
    }
    if item.when.all_day:
        assert isinstance(item.when.start, dt.date) and isinstance(item.when.end, dt.date)
        body["start"] = {"date": item.when.start.isoformat()}
        body["end"] = {"date": (item.when.end + dt.timedelta(days=1)).isoformat()}
    else:
        assert isinstance(item.when.start, dt.datetime) and isinstance(item.when.end, dt.datetime)
        body["start"] = _send_time(item.when.start, zone)
        body["end"] = _send_time(item.when.end, zone)
    if colour_id is not None:
        body["colorId"] = colour_id
    if event_id is not None:
        body["id"] = event_id
    return body


#: The event fields each item field is sent as, in an update (PATCH).
PATCHED: dict[str, tuple[str, ...]] = {
    "title": ("summary",),
    "location": ("location",),
    "description": ("description",),
    "when": ("start", "end"),
    "private": ("visibility",),
}


def item_to_patch(
    item: AgendaItem,
    fields: Iterable[str],
    zone: ZoneInfo,
    *,
    colours: bool,
    colour_id: str | None,
    database_id: str,
    action_id: int,
    current: Reminders | None,
    uid: str | None = None,
) -> dict[str, Any]:
    """The body of an update (PATCH) of an existing event: the fields of ``item`` named in
    ``fields`` (those the update changes), and our private ids.

    Google's patch semantics (events.patch): a field given replaces the event's, a field left
    out is kept, objects are merged key by key (so our private properties join other apps'
    keys, and a key sent as null is removed), arrays are replaced whole. So nothing we do not
    own is sent: guests, "show as", other apps' properties, conference data and attachments
    stay. ``visibility`` goes only when the CRM's privacy changed, so an event ``public`` or
    ``confidential`` on Google keeps it otherwise. ``reminders.overrides`` being an array, a
    changed reminder is sent as the event's ``current`` overrides with only our popup
    replaced (see :func:`patched_reminders`). The colour goes only with ``colours`` («
    Transfert couleur »); a type with no colour of its own clears the event's (null).
    """
    wanted = set(fields)
    full = item_to_event(
        item, zone, colour_id=colour_id, database_id=database_id, action_id=action_id, uid=uid
    )
    body: dict[str, Any] = {"extendedProperties": full["extendedProperties"]}
    for name, keys in PATCHED.items():
        if name in wanted:
            body.update({key: full[key] for key in keys})
    if "when" in wanted:
        # start and end are objects, so merged: the other kind of time must go (null).
        cleared = {"dateTime": None, "timeZone": None} if item.when.all_day else {"date": None}
        body["start"] = {**cleared, **body["start"]}
        body["end"] = {**cleared, **body["end"]}
    if colours and "type_code" in wanted:
        body["colorId"] = colour_id
    if "reminder" in wanted:
        reminders, others = patched_reminders(current or Reminders(False), item.reminder)
        body["reminders"] = reminders
        body["extendedProperties"]["private"][PROP_OTHER_POPUPS] = others
    return body


def patched_reminders(current: Reminders, minutes: int | None) -> tuple[dict[str, Any], str | None]:
    """The event's reminders with our popup set to ``minutes`` (``None``: none of ours), the
    others kept; and the :data:`PROP_OTHER_POPUPS` value that tells ours from theirs next
    time (``None`` when every popup left is ours, which removes the property)."""
    kept: list[tuple[str, int]] = []
    if not current.use_default:  # under the calendar's default there is no override to keep
        kept = list(current.overrides)
        ours = _our_popups(current)
        if ours:
            kept.remove(("popup", min(ours)))
    if minutes is not None:
        # Google refuses more than five overrides: theirs give way to ours, last first.
        kept = kept[: MAX_OVERRIDES - 1]
    others = [m for method, m in kept if method == "popup"]
    overrides = list(kept)
    if minutes is not None:
        if ("popup", minutes) in kept:
            others.remove(minutes)  # theirs says what ours would: one popup serves both
        else:
            overrides.append(("popup", minutes))
    body = {
        "useDefault": False,
        "overrides": [{"method": method, "minutes": m} for method, m in overrides],
    }
    return body, ",".join(str(m) for m in sorted(others)) or None


def _send_time(value: dt.datetime, zone: ZoneInfo) -> dict[str, str]:
    return {"dateTime": value.astimezone(zone).isoformat(), "timeZone": zone.key}


def _event_time(value: dict[str, Any], zone: ZoneInfo) -> dt.datetime:
    raw = value.get("dateTime")
    if not raw:
        # A date where a time was expected: the start of that day in the user's zone.
        day = dt.date.fromisoformat(value["date"])
        return dt.datetime.combine(day, dt.time(), zone).astimezone(dt.UTC)
    parsed = dt.datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        named = value.get("timeZone")
        parsed = parsed.replace(tzinfo=ZoneInfo(named) if named else zone)
    return parsed.astimezone(dt.UTC)


def _parse_instant(raw: str) -> dt.datetime:
    return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).astimezone(dt.UTC)


def _reminder(reminders: Reminders, default: int | None) -> int | None:
    if reminders.use_default:
        return default
    ours = _our_popups(reminders)
    return min(ours) if ours else None


def _our_popups(reminders: Reminders) -> list[int]:
    """The popup minutes that may be ours: all of them, less those our last update of the
    reminder recorded as someone else's."""
    popups = [minutes for method, minutes in reminders.overrides if method == "popup"]
    for minutes in reminders.others or ():
        if minutes in popups:
            popups.remove(minutes)
    return popups
