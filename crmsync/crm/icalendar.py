"""Agenda in and out as iCalendar (RFC 5545) files.

Reading turns each VEVENT into actions of one user:

- ``DTSTART;VALUE=DATE`` makes an all-day action; iCalendar's DTEND is the day after the
  last one, the CRM keeps the last day itself.
- Times with a TZID are read in that zone (IANA names with tzdata, others through the
  file's VTIMEZONE), UTC times as UTC, floating times in the user's time zone; all are
  stored in UTC.
- CLASS:PRIVATE or CONFIDENTIAL makes the action private; the first VALARM gives the
  reminder and its delay in minutes before the start.
- X-CRMSYNC-TYPE, then CATEGORIES, name the action type by code or label; otherwise the
  default type.
- An RRULE makes a :class:`Series` holding the rule and its EXDATEs, and one action per
  occurrence from 12 months before today to 12 months after it — the sync's widest usual
  reach — or up to where the rule's COUNT or UNTIL ends it, whichever comes first. Each
  occurrence keeps its original start in ``series_start`` (an all-day one: its day at
  00:00 UTC). Events with a RECURRENCE-ID change (or, cancelled, remove) one occurrence.

Writing gives one VEVENT per action, and one per series (its first occurrence with the
RRULE and EXDATEs, plus an override for each occurrence changed on its own), with UIDs that
depend only on the CRM ids, so that a re-export replaces rather than duplicates.

Re-importing a file does not duplicate: an event whose (owner, title, start) is already a
live action is skipped. A file that cannot be read imports nothing.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from warnings import catch_warnings, filterwarnings
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import vobject
from dateutil.relativedelta import relativedelta
from dateutil.rrule import (
    DAILY,
    HOURLY,
    MINUTELY,
    MONTHLY,
    SECONDLY,
    WEEKLY,
    YEARLY,
    rrule,
    rrulestr,
    weekday,
)
from vobject.base import Component, ContentLine, VObjectError, getBehavior
from vobject.icalendar import TimezoneComponent, registerTzid

from crmsync.crm import db
from crmsync.crm.interchange import (
    ImportReport,
    InterchangeError,
    LogicalLine,
    escape_bare_commas,
    logical_lines,
    parse_property,
    read_bytes,
    unescape_text,
)
from crmsync.crm.models import (
    MAX_REMINDER_MINUTES,
    Action,
    ActionType,
    Series,
    User,
    utc_now,
)

UTC = dt.UTC
#: How far from today a rule without an end is turned into actions.
SERIES_WINDOW_MONTHS = 12
#: The most occurrences one event becomes (the sync's per-user cap on series actions).
MAX_OCCURRENCES = 2500
#: The part of every exported UID after the "@": fixed, so UIDs never depend on the host.
UID_DOMAIN = "crmsync"
#: How deep components may nest. iCalendar itself needs three levels (VCALENDAR, VEVENT,
#: VALARM); the rest leaves room for extensions. A deeper file is malformed, and reading
#: it would only exhaust the reader's recursion.
MAX_COMPONENT_DEPTH = 8
_TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"}
_PRIVATE_CLASSES = {"PRIVATE", "CONFIDENTIAL"}


class NamedZone(dt.tzinfo):
    """An IANA zone that tells vobject its name, so it writes ``TZID=Europe/Paris`` and a
    matching VTIMEZONE (vobject cannot name a bare ``ZoneInfo``)."""

    def __init__(self, name: str) -> None:
        self.tzid = name
        self._zone = ZoneInfo(name)

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None if moment is None else self._zone.utcoffset(moment.replace(tzinfo=None))

    def dst(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None if moment is None else self._zone.dst(moment.replace(tzinfo=None))

    def tzname(self, moment: dt.datetime | None) -> str | None:
        return None if moment is None else self._zone.tzname(moment.replace(tzinfo=None))

    def fromutc(self, moment: dt.datetime) -> dt.datetime:
        # tzinfo's own fromutc gets the hour repeated in autumn wrong (01:30 UTC on
        # 25 Oct 2026 came out as 03:30 in Paris, 02:30 UTC); ZoneInfo's sets the fold.
        local = self._zone.fromutc(moment.replace(tzinfo=self._zone))
        return local.replace(tzinfo=self)

    def __repr__(self) -> str:
        return f"NamedZone({self.tzid!r})"


class _LaterRegimeZone(NamedZone):
    """The zone as vobject expects it when it writes a VTIMEZONE: it finds the changeovers
    by asking the offset hour by hour, and assumes that a wall time in a changeover (skipped
    in spring, repeated in autumn) belongs to the regime that follows. ``ZoneInfo`` answers
    for the one before (``fold=0``), which put every changeover one hour late."""

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None if moment is None else super().utcoffset(moment.replace(fold=1))

    def dst(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None if moment is None else super().dst(moment.replace(fold=1))

    def tzname(self, moment: dt.datetime | None) -> str | None:
        return None if moment is None else super().tzname(moment.replace(fold=1))


def named_zone(name: str) -> NamedZone:
    """The zone ``name``, registered with vobject so reading and writing agree on it."""
    zone = NamedZone(name)
    registerTzid(name, zone)
    return zone


# --- reading ------------------------------------------------------------------------------


@dataclass
class EventData:
    """What one VEVENT says, checked and converted, before anything is stored."""

    index: int
    line: int
    uid: str = ""
    title: str = ""
    location: str = ""
    description: str = ""
    all_day: bool = False
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    private: bool = False
    reminder: bool = False
    reminder_minutes: int = 15
    type_hints: list[str] = field(default_factory=list)
    rrule: str = ""
    exdates: list[dt.date | dt.datetime] = field(default_factory=list)
    recurrence_id: dt.date | dt.datetime | None = None
    cancelled: bool = False
    #: The start as the file gives it (zone kept), for expanding a rule in local time.
    local_start: dt.date | dt.datetime | None = None


@dataclass
class _Block:
    index: int
    first: int
    last: int
    label: str = ""


def read_events(
    data: bytes, source: str, zone: dt.tzinfo, warnings: list[str] | None = None
) -> list[EventData]:
    """Every VEVENT of an iCalendar file, floating times read in ``zone``.

    Raises :class:`InterchangeError` naming the line and the event at the first problem.
    """
    if warnings is None:
        warnings = []
    calendar, blocks = _build_calendar(data, source)
    try:
        # Zones first, wherever the file puts them, so every TZID finds its definition.
        for vtimezone in calendar.contents.get("vtimezone", []):
            vtimezone.transformToNative()
        _register_zones(calendar, source, zone, warnings)
        calendar.transformChildrenToNative()
    except VObjectError as exc:
        raise _native_error(exc, calendar, blocks, source) from None
    events = []
    for block, vevent in zip(blocks, calendar.contents.get("vevent", []), strict=True):
        try:
            events.append(_read_event(block, vevent, zone))
        except InterchangeError as exc:
            exc.label = exc.label or block.label
            raise exc.located(source=source, kind="event", index=block.index) from None
    skipped = sum(len(calendar.contents.get(n, [])) for n in ("vtodo", "vjournal"))
    if skipped:
        warnings.append(f"{source}: {skipped} to-do or journal entries ignored (events only).")
    return events


def _build_calendar(data: bytes, source: str) -> tuple[Component, list[_Block]]:
    """Assemble vobject components from the file's lines, keeping the real line numbers."""
    stack: list[Component] = []
    calendar: Component | None = None
    blocks: list[_Block] = []
    version: ContentLine | None = None
    for line in logical_lines(data):
        content = _content_line(line, source, blocks, stack)
        if content.name == "BEGIN":
            name = content.value.strip().upper()
            if not stack and name != "VCALENDAR":
                raise InterchangeError(
                    "this is not an iCalendar file (BEGIN:VCALENDAR expected)",
                    source=source,
                    line=line.number,
                )
            if name == "VEVENT" and len(stack) == 1:
                blocks.append(_Block(len(blocks) + 1, line.number, line.number))
            if len(stack) >= MAX_COMPONENT_DEPTH:
                inside = blocks[-1] if blocks and len(stack) >= 2 else None
                raise InterchangeError(
                    f"BEGIN:{name} opens a component {len(stack) + 1} levels deep, where "
                    f"iCalendar needs 3 and crmsync reads up to {MAX_COMPONENT_DEPTH}: the "
                    "file is malformed. Export it again from the application that made it.",
                    source=source,
                    line=line.number,
                    kind="event" if inside else "",
                    index=inside.index if inside else None,
                    label=inside.label if inside else "",
                )
            stack.append(Component(name))
        elif content.name == "END":
            _close(content, line, stack, source, blocks)
            if not stack[:-1] and stack:
                calendar = stack.pop()
            else:
                child = stack.pop()
                stack[-1].add(child)
        elif not stack:
            raise InterchangeError(
                "this is not an iCalendar file (BEGIN:VCALENDAR expected)",
                source=source,
                line=line.number,
            )
        else:
            if content.name == "VERSION" and len(stack) == 1:
                version = content
            if content.name == "SUMMARY" and len(stack) == 2 and blocks:
                blocks[-1].label = unescape_text(content.value)
            stack[-1].add(content)
        if blocks and len(stack) >= 2:
            blocks[-1].last = line.number
    if stack:
        open_block = blocks[-1] if blocks and len(stack) >= 2 else None
        raise InterchangeError(
            f"{stack[-1].name} has no END: the file looks cut short",
            source=source,
            line=open_block.first if open_block else None,
            kind="event" if open_block else "",
            index=open_block.index if open_block else None,
            label=open_block.label if open_block else "",
        )
    if calendar is None:
        raise InterchangeError("no calendar in this file (BEGIN:VCALENDAR expected)", source=source)
    if version is not None:
        calendar.setBehaviorFromVersionLine(version)
    else:
        calendar.setBehavior(getBehavior("VCALENDAR"))
    return calendar, blocks


def _content_line(
    line: LogicalLine, source: str, blocks: list[_Block], stack: list[Component]
) -> ContentLine:
    try:
        prop = parse_property(line)
    except InterchangeError as exc:
        if blocks and len(stack) >= 2:
            block = blocks[-1]
            raise exc.located(source=source, kind="event", index=block.index) from None
        raise exc.located(source=source) from None
    value = prop.value
    if prop.name in _TEXT_PROPERTIES:
        value = escape_bare_commas(value)
    params = [[name, *values] for name, values in prop.params.items()]
    return ContentLine(
        prop.name, params, value, group=prop.group, encoded=True, lineNumber=line.number
    )


def _close(
    content: ContentLine,
    line: LogicalLine,
    stack: list[Component],
    source: str,
    blocks: list[_Block],
) -> None:
    name = content.value.strip().upper()
    if not stack or stack[-1].name != name:
        expected = f"END:{stack[-1].name}" if stack else "nothing to end"
        inside = blocks[-1] if blocks and len(stack) >= 2 else None
        raise InterchangeError(
            f"END:{name} does not match ({expected} expected)",
            source=source,
            line=line.number,
            kind="event" if inside else "",
            index=inside.index if inside else None,
            label=inside.label if inside else "",
        )


def _register_zones(calendar: Component, source: str, zone: dt.tzinfo, warnings: list[str]) -> None:
    """Have vobject read IANA TZIDs with tzdata; other TZIDs rely on the file's VTIMEZONE.

    A TZID known to neither is read in ``zone``, the user's own, and the report says so:
    a file naming a zone this machine does not know was most likely written where the
    user is, and any other guess (UTC…) would move every time by the user's offset. It is
    registered with vobject too, which would otherwise look it up itself and log an error
    on the root logger."""
    defined = {str(zone.tzid.value) for zone in calendar.contents.get("vtimezone", []) if zone.tzid}
    names: set[str] = set()
    for vevent in calendar.contents.get("vevent", []):
        for lines in vevent.contents.values():
            for child in lines:
                if isinstance(child, ContentLine):
                    names.update(child.params.get("TZID", []))
    for name in sorted(names):
        try:
            named_zone(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a folder
            if name not in defined:
                registerTzid(name, zone)
                warnings.append(
                    f"{source}: unknown time zone {name!r} and no VTIMEZONE for it; "
                    "its times are read in the user's time zone."
                )


def _native_error(
    exc: VObjectError, calendar: Component, blocks: list[_Block], source: str
) -> InterchangeError:
    number = getattr(exc, "lineNumber", None)
    block = next((b for b in blocks if number and b.first <= number <= b.last), None)
    bad = _line_at(calendar, number)
    if bad is not None:
        message = f"invalid {bad.name} value {str(bad.value)[:60]!r}"
    else:
        message = str(getattr(exc, "msg", exc))
    return InterchangeError(
        message,
        source=source,
        line=number,
        kind="event" if block else "",
        index=block.index if block else None,
        label=block.label if block else "",
    )


def _line_at(component: Component, number: int | None) -> ContentLine | None:
    if number is None:
        return None
    for child in component.getChildren():
        if isinstance(child, ContentLine):
            if child.lineNumber == number:
                return child
        else:
            found = _line_at(child, number)
            if found is not None:
                return found
    return None


def _first(vevent: Component, name: str) -> ContentLine | None:
    lines = vevent.contents.get(name.lower(), [])
    return lines[0] if lines else None


def _text(vevent: Component, name: str) -> str:
    line = _first(vevent, name)
    if line is None:
        return ""
    value = line.value
    if isinstance(value, list):
        value = ",".join(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _read_event(block: _Block, vevent: Component, zone: dt.tzinfo) -> EventData:
    event = EventData(index=block.index, line=block.first)
    event.uid = _text(vevent, "uid").strip()
    event.title = _text(vevent, "summary")
    event.location = _text(vevent, "location")
    event.description = _text(vevent, "description")
    event.cancelled = _text(vevent, "status").strip().upper() == "CANCELLED"
    event.private = _text(vevent, "class").strip().upper() in _PRIVATE_CLASSES
    _read_times(event, vevent, zone)
    _read_alarm(event, vevent)
    event.type_hints = [_text(vevent, "x-crmsync-type").strip()]
    for line in vevent.contents.get("categories", []):
        values = line.value if isinstance(line.value, list) else [line.value]
        event.type_hints.extend(str(v).strip() for v in values)
    rule = _first(vevent, "rrule")
    if rule is not None:
        event.rrule = str(rule.value).strip().removeprefix("RRULE:")
        for line in vevent.contents.get("exdate", []):
            event.exdates.extend(_moments(line, zone))
    recurrence = _first(vevent, "recurrence-id")
    if recurrence is not None:
        event.recurrence_id = _moment(recurrence, zone)
    return event


def _as_moment(value: dt.date | dt.datetime, zone: dt.tzinfo) -> dt.date | dt.datetime:
    """A date stays a date; a floating time is read in ``zone``."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


def _moments(line: ContentLine, zone: dt.tzinfo) -> list[dt.date | dt.datetime]:
    """The dates or times of a line (EXDATE holds several), floating ones read in ``zone``;
    anything else vobject made of the value is refused."""
    values = line.value if isinstance(line.value, list) else [line.value]
    if not values or not all(isinstance(value, dt.date) for value in values):
        raise InterchangeError(
            f"invalid {line.name} value {str(line.value)[:60]!r}", line=line.lineNumber
        )
    return [_as_moment(value, zone) for value in values]


def _moment(line: ContentLine, zone: dt.tzinfo) -> dt.date | dt.datetime:
    values = _moments(line, zone)
    if len(values) != 1:
        raise InterchangeError(f"{line.name} holds more than one date", line=line.lineNumber)
    return values[0]


def _read_times(event: EventData, vevent: Component, zone: dt.tzinfo) -> None:
    start_line = _first(vevent, "dtstart")
    if start_line is None:
        raise InterchangeError("the event has no DTSTART", line=event.line)
    try:
        _read_span(event, vevent, zone, start_line)
    except OverflowError:
        raise InterchangeError(
            "the event's dates are out of range (years 1 to 9999)", line=start_line.lineNumber
        ) from None


def _read_span(
    event: EventData, vevent: Component, zone: dt.tzinfo, start_line: ContentLine
) -> None:
    start = _moment(start_line, zone)
    end_line = _first(vevent, "dtend")
    duration_line = _first(vevent, "duration")
    if duration_line is not None and not isinstance(duration_line.value, dt.timedelta):
        raise InterchangeError(
            f"invalid DURATION value {str(duration_line.value)[:60]!r}",
            line=duration_line.lineNumber,
        )
    event.local_start = start
    if not isinstance(start, dt.datetime):
        event.all_day = True
        last = start
        if end_line is not None:
            end_value = _moment(end_line, zone)
            end_day = end_value.date() if isinstance(end_value, dt.datetime) else end_value
            last = max(start, end_day - dt.timedelta(days=1))
        elif duration_line is not None:
            last = max(start, start + duration_line.value - dt.timedelta(days=1))
        event.start_date, event.end_date = start, last
        return
    if end_line is not None:
        end = _moment(end_line, zone)
        if not isinstance(end, dt.datetime):
            end = dt.datetime.combine(end, dt.time(), start.tzinfo)
    elif duration_line is not None:
        end = start + duration_line.value
    else:
        end = start
    if end < start:
        raise InterchangeError(
            f"the event ends ({end.isoformat()}) before it starts ({start.isoformat()})",
            line=(end_line or start_line).lineNumber,
        )
    event.start, event.end = start.astimezone(UTC), end.astimezone(UTC)


def _read_alarm(event: EventData, vevent: Component) -> None:
    alarms = vevent.contents.get("valarm", [])
    if not alarms:
        return
    displayed = [a for a in alarms if _text(a, "action").strip().upper() == "DISPLAY"]
    alarm = (displayed or alarms)[0]
    trigger = _first(alarm, "trigger")
    if trigger is None:
        return
    value = trigger.value
    if isinstance(value, dt.timedelta):
        before = -value
        if trigger.params.get("RELATED", ["START"])[0].upper() == "END":
            before -= _duration(event)
    elif isinstance(value, dt.datetime) and event.start is not None:
        before = event.start - value.astimezone(UTC)
    else:
        return
    minutes = round(before.total_seconds() / 60)
    event.reminder = True
    event.reminder_minutes = min(max(minutes, 0), MAX_REMINDER_MINUTES)


def _duration(event: EventData) -> dt.timedelta:
    if event.all_day and event.start_date and event.end_date:
        return event.end_date - event.start_date + dt.timedelta(days=1)
    if event.start and event.end:
        return event.end - event.start
    return dt.timedelta()


# --- expanding series ---------------------------------------------------------------------


def occurrences(
    event: EventData, today: dt.date, warnings: list[str], source: str = ""
) -> list[dt.date | dt.datetime]:
    """The starts of the event's occurrences in the window around ``today`` (see the module
    docstring), EXDATEs left out; dates for all-day events, aware datetimes otherwise.

    Beyond :data:`MAX_OCCURRENCES`, the nearest to today are kept: those of today first,
    then the nearer in time, before or after it (the earlier when two are as near). They
    are found without building the others, so that a rule repeating every second costs no
    more than one repeating every week.
    """
    start = event.local_start
    assert start is not None
    timed = isinstance(start, dt.datetime)
    zone = start.tzinfo if isinstance(start, dt.datetime) else None
    shown = event.rrule if len(event.rrule) <= 60 else event.rrule[:57] + "…"
    try:
        walk = _RuleWalk(event.rrule, start)
    except _RULE_ERRORS as exc:
        raise InterchangeError(f"invalid RRULE {shown!r}: {exc}") from None
    if timed:
        excluded_instants = {
            (
                v if isinstance(v, dt.datetime) else dt.datetime.combine(v, dt.time(), zone)
            ).astimezone(UTC)
            for v in event.exdates
        }

        def excluded(moment: dt.datetime) -> bool:
            return moment.replace(tzinfo=zone).astimezone(UTC) in excluded_instants
    else:
        excluded_days = {_day(value) for value in event.exdates}

        def excluded(moment: dt.datetime) -> bool:
            return moment.date() in excluded_days

    midnight = dt.datetime.combine(today, dt.time())
    window = _Window(
        first=dt.datetime.combine(today - relativedelta(months=SERIES_WINDOW_MONTHS), dt.time()),
        today=midnight,
        tomorrow=midnight + dt.timedelta(days=1),
        last=dt.datetime.combine(
            today + relativedelta(months=SERIES_WINDOW_MONTHS), dt.time.max
        ).replace(microsecond=0),
    )
    try:
        found, more = walk.nearest(window, MAX_OCCURRENCES, excluded if event.exdates else None)
    except _RULE_ERRORS as exc:
        raise InterchangeError(f"invalid RRULE {shown!r}: {exc}") from None
    except _TooDense:
        raise InterchangeError(
            f"the RRULE {shown!r} repeats too often to be expanded: over "
            f"{MAX_RULE_STEPS:,} occurrences to go through before the "
            f"{SERIES_WINDOW_MONTHS} months around today. Give the event a later start or "
            "fewer repeats in its calendar application, then export it again."
        ) from None
    if more:
        warnings.append(
            f"event {event.index} « {event.title} »: more than {MAX_OCCURRENCES} occurrences "
            f"between {SERIES_WINDOW_MONTHS} months before and after today; only the "
            f"{MAX_OCCURRENCES} nearest to today are imported."
        )
    if timed:
        return [moment.replace(tzinfo=zone) for moment in found]
    return [moment.date() for moment in found]


#: What a rule dateutil cannot make sense of raises while it is read.
_RULE_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError)
#: The most occurrences one walk through a rule goes through, kept or not (those before
#: the window, EXDATEs…): a daily rule with a COUNT may start 270 years back.
MAX_RULE_STEPS = 100_000
#: 400 Gregorian years: dates, weekdays, week numbers and leap years all repeat after it.
_CYCLE = dt.timedelta(days=146_097)
_SUB_DAILY = (HOURLY, MINUTELY, SECONDLY)


class _TooDense(Exception):
    """A walk through a rule went past :data:`MAX_RULE_STEPS`."""


@dataclass(frozen=True)
class _Window:
    """The expansion window and today, as wall-clock times in the event's zone."""

    first: dt.datetime
    today: dt.datetime
    tomorrow: dt.datetime
    last: dt.datetime

    def distance(self, moment: dt.datetime) -> dt.timedelta:
        """How far ``moment`` is from today: nothing on today itself."""
        if moment < self.today:
            return self.today - moment
        return max(moment - self.tomorrow, dt.timedelta())


class _RuleWalk:
    """An RRULE gone through lazily, in wall-clock time (naive datetimes), with dateutil.

    dateutil builds every occurrence from DTSTART on, and only stops after one past UNTIL
    or COUNT, or in the year 9999: a rule that repeats every second from a year ago, or
    never matches at all, runs for minutes or hours. So each walk starts dateutil afresh:

    - at the start of the rule's period (year, month, week…) that holds the first moment
      wanted, which keeps every occurrence from there on (periods follow one another from
      DTSTART's, so a whole number of them later they line up the same). With a COUNT,
      occurrences must be counted from DTSTART, so the walk starts there;
    - 400 years later, or a multiple of it (the calendar repeats exactly), as close to
      9999 as the window allows, so that a rule that never matches gives up within 400
      years rather than 8000;
    - with every BYxxx part that dateutil would take from DTSTART given explicitly, so
      that starting elsewhere changes nothing.

    A walk that goes through more than :data:`MAX_RULE_STEPS` occurrences raises
    :class:`_TooDense`.
    """

    def __init__(self, text: str, start: dt.date | dt.datetime) -> None:
        kept, count = [], None
        for part in text.split(";"):
            key, _, value = part.partition("=")
            if key.strip().upper() == "COUNT":
                # Counted here: dateutil warns (an error under test) when COUNT and UNTIL
                # come together; RFC 5545 forbids it, and the first to end the rule wins.
                count = int(value)
            else:
                kept.append(part)
        timed = isinstance(start, dt.datetime)
        anchor = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
        rule = _parse_rule(";".join(kept), anchor)
        if not isinstance(rule, rrule):
            raise ValueError("one rule expected")
        if rule._interval < 1:
            raise ValueError("INTERVAL must be 1 or more")
        if rule._byeaster:
            raise ValueError("BYEASTER is not iCalendar")
        if not timed and (rule._freq in _SUB_DAILY or len(rule._timeset) > 1):
            raise ValueError("an all-day event repeats by whole days, not by the hour")
        self.freq: int = rule._freq
        self.interval: int = rule._interval
        self.wkst: int = rule._wkst
        self.start: dt.datetime = rule._dtstart.replace(tzinfo=None)
        until = rule._until
        if until is not None and until.tzinfo is not None:
            until = until.astimezone(anchor.tzinfo).replace(tzinfo=None)
        self.until: dt.datetime | None = until
        self.count = count
        weekdays = [weekday(day) for day in rule._byweekday or ()]
        weekdays += [weekday(day, n) for day, n in rule._bynweekday or ()]
        self.parts = {
            "wkst": rule._wkst,
            "bysetpos": sorted(set(rule._bysetpos)) if rule._bysetpos else None,
            "bymonth": rule._bymonth,
            "bymonthday": (rule._bymonthday + rule._bynmonthday) or None,
            "byyearday": rule._byyearday,
            "byweekno": rule._byweekno,
            "byweekday": weekdays or None,
            "byhour": rule._byhour,
            "byminute": rule._byminute,
            "bysecond": rule._bysecond,
        }
        self.never = self._positions_out_of_reach(rule)
        #: Whether the last walk found the rule's end (no occurrence after it).
        self.ran_out = False

    def _positions_out_of_reach(self, rule) -> bool:  # type: ignore[no-untyped-def]
        """Whether BYSETPOS picks nothing in every period. For daily and shorter periods
        the set it picks from has a fixed size, and dateutil would walk period after
        period (each second, for SECONDLY) up to the year 9999 finding none."""
        if not rule._bysetpos or self.freq not in (DAILY, *_SUB_DAILY):
            return False
        if self.freq == DAILY:
            size = len(rule._timeset)
        elif self.freq == HOURLY:
            size = len(rule._byminute) * len(rule._bysecond)
        elif self.freq == MINUTELY:
            size = len(rule._bysecond)
        else:
            size = 1
        return not any(-size <= position <= size for position in rule._bysetpos)

    def _period_start(self, moment: dt.datetime) -> dt.datetime:
        """The start of the rule's period that holds ``moment`` (not before DTSTART's)."""
        start, every = self.start, self.interval
        moment = max(moment, start)
        if self.freq == YEARLY:
            return dt.datetime(start.year + (moment.year - start.year) // every * every, 1, 1)
        if self.freq == MONTHLY:
            months = (moment.year - start.year) * 12 + moment.month - start.month
            year, month = divmod(start.month - 1 + months // every * every, 12)
            return dt.datetime(start.year + year, month + 1, 1)
        if self.freq == WEEKLY:
            first = start.date() - dt.timedelta(days=(start.weekday() - self.wkst) % 7)
            weeks = (moment.date() - first).days // 7 // every * every
            return dt.datetime.combine(first + dt.timedelta(weeks=weeks), dt.time())
        if self.freq == DAILY:
            days = (moment.date() - start.date()).days // every * every
            return dt.datetime.combine(start.date() + dt.timedelta(days=days), dt.time())
        if self.freq == HOURLY:
            first, step = start.replace(minute=0, second=0), dt.timedelta(hours=every)
        elif self.freq == MINUTELY:
            first, step = start.replace(second=0), dt.timedelta(minutes=every)
        else:
            first, step = start, dt.timedelta(seconds=every)
        return first + (moment - first) // step * step

    def walk(self, low: dt.datetime, high: dt.datetime) -> Iterator[dt.datetime]:
        """The occurrences from ``low`` to ``high`` included, in order."""
        self.ran_out = self.never
        if self.never or self.start > high:
            return
        anchor = self._period_start(self.start if self.count is not None else low)
        if self.freq == WEEKLY and anchor <= self.start:
            # dateutil's first week runs from DTSTART's day, not from WKST, and BYSETPOS
            # counts within that shorter week: start it the same way.
            anchor = self.start
        shift = _CYCLE * max(0, (dt.MAXYEAR - high.year) // 400)
        until = self.until if self.until is not None and self.until <= high else None
        rule = rrule(
            self.freq,
            dtstart=anchor + shift,
            interval=self.interval,
            until=None if until is None else until + shift,
            **self.parts,  # type: ignore[arg-type]
        )
        steps = counted = 0
        for shifted in rule:
            steps += 1
            if steps > MAX_RULE_STEPS:
                raise _TooDense
            moment = shifted - shift
            if moment < self.start:
                continue
            if self.count is not None:
                counted += 1
                if counted > self.count:
                    break
            if moment > high:
                return
            if moment >= low:
                yield moment
        self.ran_out = True

    def take(
        self,
        low: dt.datetime,
        high: dt.datetime,
        limit: int,
        excluded: Callable[[dt.datetime], bool] | None,
    ) -> list[dt.datetime]:
        """The first ``limit`` occurrences from ``low`` to ``high``, EXDATEs left out."""
        found: list[dt.datetime] = []
        for moment in self.walk(low, high):
            if excluded is None or not excluded(moment):
                found.append(moment)
                if len(found) == limit:
                    break
        return found

    def nearest(
        self,
        window: _Window,
        limit: int,
        excluded: Callable[[dt.datetime], bool] | None,
    ) -> tuple[list[dt.datetime], bool]:
        """The ``limit`` occurrences of the window nearest to today, in order, and whether
        there were more."""
        before_end = window.today - dt.timedelta(seconds=1)
        if self.count is not None:
            # One walk from DTSTART, which COUNT needs anyway.
            latest: deque[dt.datetime] = deque(maxlen=limit + 1)
            after: list[dt.datetime] = []
            for moment in self.walk(window.first, window.last):
                if excluded is not None and excluded(moment):
                    continue
                if moment < window.today:
                    latest.append(moment)
                elif len(after) <= limit:
                    after.append(moment)
                else:
                    break
            before = list(latest)
        else:
            before = self.take(window.first, before_end, limit + 1, excluded)
            # A rule that ran out before today has nothing after it.
            ended = self.ran_out
            after = [] if ended else self.take(window.today, window.last, limit + 1, excluded)
        more = len(before) > limit or len(after) > limit or len(before) + len(after) > limit
        if len(before) > limit and self.count is None:
            before = self._last_before(window, before, limit, excluded)
        chosen = sorted([*before, *after], key=lambda m: (window.distance(m), m))[:limit]
        return sorted(chosen), more

    def _last_before(
        self,
        window: _Window,
        first: list[dt.datetime],
        limit: int,
        excluded: Callable[[dt.datetime], bool] | None,
    ) -> list[dt.datetime]:
        """The last ``limit`` occurrences before today, when the window holds more of them
        (``first`` being the first ``limit + 1``). Taken back from today in spans sized by
        how often the rule repeats: a span that holds too many is halved, one that does not
        is kept and the next one doubled. Occurrences are whole seconds, so one second
        never holds too many."""
        second = dt.timedelta(seconds=1)
        every = max(second, (first[-1] - first[0]) // len(first))
        span = dt.timedelta(seconds=math.ceil(every.total_seconds())) * limit
        found: list[dt.datetime] = []
        end = window.today
        while len(found) < limit and end > window.first:
            wanted = limit - len(found)
            start = max(window.first, end - span)
            chunk = self.take(start, end - second, wanted + 1, excluded)
            if len(chunk) > wanted:
                span = max(second, span // 2 // second * second)
                continue
            found[:0] = chunk
            end, span = start, span * 2
        return found[-limit:]


def _sort_key(moment: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(UTC)
    return dt.datetime.combine(moment, dt.time(), UTC)


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _parse_rule(text: str, start: dt.datetime):  # type: ignore[no-untyped-def]
    """dateutil's rule, with an UNTIL made to agree with DTSTART (UTC for a zoned start,
    floating for a floating one) as RFC 5545 asks and as not every producer does."""
    try:
        return rrulestr(text, dtstart=start)
    except ValueError:
        parts = []
        for part in text.split(";"):
            key, _, value = part.partition("=")
            if key.strip().upper() == "UNTIL":
                value = _until_like(value.strip(), start)
            parts.append(f"{key}={value}" if value else part)
        return rrulestr(";".join(parts), dtstart=start)


def _until_like(value: str, start: dt.datetime) -> str:
    if start.tzinfo is None:
        return value.rstrip("Zz")
    if value.upper().endswith("Z"):
        return value
    if len(value) == 8:
        value += "T235959"
    local = dt.datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=start.tzinfo)
    return local.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


# --- storing ------------------------------------------------------------------------------


def import_calendar(path: Path, user: User, *, today: dt.date | None = None) -> ImportReport:
    """Import the events of ``path`` as ``user``'s actions, in one transaction."""
    report = ImportReport()
    zone = named_zone(user.time_zone)
    events = read_events(read_bytes(path), path.name, zone, report.warnings)
    today = today or dt.datetime.now(zone).date()
    masters = [e for e in events if e.recurrence_id is None and not e.cancelled]
    overrides = [e for e in events if e.recurrence_id is not None]
    first_warning = len(report.warnings)
    planned = {}
    for event in masters:
        if event.rrule:
            try:
                planned[id(event)] = occurrences(event, today, report.warnings, path.name)
            except InterchangeError as exc:
                exc.line = exc.line if exc.line is not None else event.line
                exc.label = exc.label or event.title
                raise exc.located(source=path.name, kind="event", index=event.index) from None
    with db.atomic():
        types = _TypeFinder()
        series_by_uid: dict[str, Series] = {}
        for event in masters:
            try:
                if event.rrule:
                    _store_series(event, planned[id(event)], user, types, report, series_by_uid)
                else:
                    _store_single(event, user, types, report)
            except InterchangeError as exc:
                raise exc.located(source=path.name, kind="event", index=event.index) from None
        for event in overrides:
            _apply_override(event, user, types, report, series_by_uid)
    report.warnings[first_warning:] = [f"{path.name}, {w}" for w in report.warnings[first_warning:]]
    return report


def _is_duplicate(user: User, event: EventData) -> bool:
    query = Action.live().where(Action.owner == user, Action.title == event.title)
    if event.all_day:
        query = query.where(Action.all_day == True, Action.start_date == event.start_date)  # noqa: E712
    else:
        query = query.where(Action.all_day == False, Action.start == event.start)  # noqa: E712
    return query.exists()


def _new_action(event: EventData, user: User, types: _TypeFinder) -> Action:
    return Action(
        owner=user,
        action_type=types.find(event.type_hints),
        title=event.title,
        location=event.location,
        description=event.description,
        all_day=event.all_day,
        start=event.start,
        end=event.end,
        start_date=event.start_date,
        end_date=event.end_date,
        private=event.private,
        reminder=event.reminder,
        reminder_minutes=event.reminder_minutes,
        ical_uid=event.uid or None,
    )


def _store_single(event: EventData, user: User, types: _TypeFinder, report: ImportReport) -> None:
    if _is_duplicate(user, event):
        report.duplicates += 1
        return
    _new_action(event, user, types).save()
    report.created += 1


def _store_series(
    event: EventData,
    moments: list[dt.date | dt.datetime],
    user: User,
    types: _TypeFinder,
    report: ImportReport,
    series_by_uid: dict[str, Series],
) -> None:
    if not moments:
        report.warnings.append(
            f"event {event.index} « {event.title} »: no occurrence between "
            f"{SERIES_WINDOW_MONTHS} months before and after today; not imported."
        )
        return
    shifted = [_occurrence(event, moment) for moment in moments]
    if any(_is_duplicate(user, occurrence) for occurrence in shifted[:1]):
        report.duplicates += 1
        return
    with catch_warnings():
        # The store checks the rule with dateutil, which warns when COUNT and UNTIL come
        # together (RFC 5545 forbids it); such a rule ends at whichever comes first, which
        # is how it was expanded. Not a warning for the user, and not an error in tests.
        filterwarnings("ignore", "Using both 'count' and 'until'", DeprecationWarning)
        series = Series.create(
            owner=user, rrule=event.rrule, exdates=",".join(_iso(v) for v in event.exdates)
        )
    if event.uid:
        series_by_uid[event.uid] = series
    actions = []
    for moment, occurrence in zip(moments, shifted, strict=True):
        action = _new_action(occurrence, user, types)
        action.series = series
        action.series_start = _series_start(moment)
        action.validate()  # what save() does, for rows stored many at a time
        action.updated_at = utc_now()
        actions.append(action)
    # Up to 2500 rows: one INSERT each took seconds. 40 rows of ~25 columns stay under
    # SQLite's oldest limit of 999 values per statement.
    Action.bulk_create(actions, batch_size=40)
    report.created += 1
    report.extra["series"] = report.extra.get("series", 0) + 1
    report.extra["occurrences"] = report.extra.get("occurrences", 0) + len(moments)


def _occurrence(event: EventData, moment: dt.date | dt.datetime) -> EventData:
    """The event moved to one occurrence's start, its length kept."""
    copy = EventData(**{**event.__dict__})
    if isinstance(moment, dt.datetime):
        assert event.start is not None and event.end is not None
        copy.start = moment.astimezone(UTC)
        copy.end = copy.start + (event.end - event.start)
    else:
        assert event.start_date is not None and event.end_date is not None
        copy.start_date = moment
        copy.end_date = moment + (event.end_date - event.start_date)
    return copy


def _series_start(moment: dt.date | dt.datetime) -> dt.datetime:
    return _sort_key(moment)


def _iso(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _apply_override(
    event: EventData,
    user: User,
    types: _TypeFinder,
    report: ImportReport,
    series_by_uid: dict[str, Series],
) -> None:
    series = series_by_uid.get(event.uid)
    if series is None:
        if not event.cancelled:
            _store_single(event, user, types, report)
        return
    assert event.recurrence_id is not None
    original = _series_start(event.recurrence_id)
    existing = Action.get_or_none(Action.series == series, Action.series_start == original)
    if event.cancelled:
        if existing is not None:
            existing.delete_instance()
        listed = series.exdate_list
        series.exdates = ",".join([*listed, _iso(event.recurrence_id)])
        series.save()
        return
    action = _new_action(event, user, types)
    action.series, action.series_start = series, original
    if existing is not None:
        action.id = existing.id
        action.created_at = existing.created_at
    action.save()
    report.extra["changed occurrences"] = report.extra.get("changed occurrences", 0) + 1


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.strip().casefold()


class _TypeFinder:
    """Finds an action type by code or label, accents and case aside."""

    def __init__(self) -> None:
        self.types = list(ActionType.select().order_by(ActionType.id))
        self.default = ActionType.default()

    def find(self, hints: Iterable[str]) -> ActionType | None:
        for hint in hints:
            wanted = _fold(hint)
            if not wanted:
                continue
            for kind in self.types:
                if _fold(kind.code) == wanted:
                    return kind
            for kind in self.types:
                if _fold(kind.label) == wanted:
                    return kind
        return self.default


# --- writing ------------------------------------------------------------------------------


def action_uid(action: Action) -> str:
    """The UID an action was imported with, else one made from its id."""
    return action.ical_uid or f"crmsync-action-{action.id}@{UID_DOMAIN}"


def series_uid(series: Series, members: list[Action] | None = None) -> str:
    """The UID a series was imported with (its occurrences keep it), else one made from its
    id."""
    imported = next((a.ical_uid for a in members or [] if a.ical_uid), None)
    return imported or f"crmsync-series-{series.id}@{UID_DOMAIN}"


def write_calendar(user: User, actions: Iterable[Action]) -> str:
    """The actions (live ones of one user) as an iCalendar file's text."""
    zone = named_zone(user.time_zone)
    calendar = vobject.iCalendar()
    calendar.add("prodid").value = "-//crmsync//crmsync agenda//FR"
    calendar.add("x-wr-calname").value = f"crmsync — {user}"
    calendar.add("x-wr-timezone").value = user.time_zone
    if TimezoneComponent.pickTzid(zone):  # None for UTC, whose times are written with "Z"
        # Written here, not left to vobject, so that it describes the changeovers right.
        calendar.add(TimezoneComponent(tzinfo=_LaterRegimeZone(user.time_zone)))
    by_series: dict[int, list[Action]] = {}
    for action in actions:
        series_id = action.__data__.get("series")
        if series_id is None:
            _add_event(calendar, action, zone, action_uid(action))
        else:
            by_series.setdefault(series_id, []).append(action)
    for series_id, members in by_series.items():
        _add_series(calendar, Series.get_by_id(series_id), members, zone)
    return calendar.serialize()


def _add_event(calendar: Component, action: Action, zone: NamedZone, uid: str) -> Component:
    event = calendar.add("vevent")
    event.add("uid").value = uid
    stamp = (action.updated_at or utc_now()).astimezone(zone).astimezone(vobject.icalendar.utc)
    event.add("dtstamp").value = stamp
    if action.all_day:
        first, last = _days(action)
        event.add("dtstart").value = first
        event.add("dtend").value = last + dt.timedelta(days=1)
    else:
        start, end = _times(action)
        event.add("dtstart").value = _written(start, zone)
        event.add("dtend").value = _written(end, zone)
    event.add("summary").value = action.title
    if action.location:
        event.add("location").value = action.location
    if action.description:
        event.add("description").value = action.description
    event.add("class").value = "PRIVATE" if action.private else "PUBLIC"
    kind = action.action_type
    event.add("x-crmsync-type").value = kind.code
    if kind.label:
        event.add("categories").value = [kind.label]
    if action.reminder:
        alarm = event.add("valarm")
        alarm.add("action").value = "DISPLAY"
        alarm.add("description").value = action.title or "Rappel"
        alarm.add("trigger").value = dt.timedelta(minutes=-action.reminder_minutes)
    return event


def _add_series(
    calendar: Component, series: Series, members: list[Action], zone: NamedZone
) -> None:
    every = list(Action.select().where(Action.series == series))
    ordered = sorted(members, key=_original_start)
    master = _typical(ordered)
    first = min((_original_start(a) for a in every), default=_original_start(master))
    head = _moved(master, first, zone)
    uid = series_uid(series, every)
    event = _add_event(calendar, head, zone, uid)
    event.add("rrule").value = series.rrule
    excluded = [*series.exdate_list]
    excluded += [_iso_of(a, zone) for a in every if a.deleted_at is not None]
    if excluded:
        line = event.add("exdate")
        line.value = [_exdate_value(text, master.all_day, zone) for text in sorted(set(excluded))]
    for action in ordered:
        if not _same_as_master(action, master, zone):
            override = _add_event(calendar, action, zone, uid)
            override.add("recurrence-id").value = _local(_original_start(action), action, zone)


def _typical(occurrences: list[Action]) -> Action:
    """The occurrence that shows the series as a whole: the earliest of those sharing the
    most common fields and length and sitting at their original start."""

    def shape(action: Action) -> tuple[object, ...]:
        return (*(getattr(action, name) for name in _COMPARED), action.all_day, _length(action))

    counts = Counter(shape(a) for a in occurrences if _at_original_start(a))
    if not counts:
        return occurrences[0]
    common = counts.most_common(1)[0][0]
    return next(a for a in occurrences if _at_original_start(a) and shape(a) == common)


def _at_original_start(action: Action) -> bool:
    original = _original_start(action)
    if action.all_day:
        return action.start_date == original.date()
    return action.start == original


def _original_start(action: Action) -> dt.datetime:
    if action.series_start is not None:
        return action.series_start
    if action.all_day:
        return dt.datetime.combine(_days(action)[0], dt.time(), UTC)
    return _times(action)[0]


def _local(moment: dt.datetime, action: Action, zone: NamedZone) -> dt.date | dt.datetime:
    return moment.date() if action.all_day else moment.astimezone(zone)


def _written(moment: dt.datetime, zone: NamedZone) -> dt.datetime:
    """``moment`` as the zone's wall clock shows it, or in UTC during the hour the clock
    shows twice in autumn: a time with a TZID means its first showing (RFC 5545), so the
    second could not be told."""
    local = moment.astimezone(zone)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(vobject.icalendar.utc)
    return local


def _iso_of(action: Action, zone: NamedZone) -> str:
    return _iso(_local(_original_start(action), action, zone))


def _exdate_value(text: str, all_day: bool, zone: NamedZone) -> dt.date | dt.datetime:
    moment = dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    if all_day:
        return moment.date() if isinstance(moment, dt.datetime) else moment
    if not isinstance(moment, dt.datetime):
        return dt.datetime.combine(moment, dt.time(), zone)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)


def _moved(action: Action, original: dt.datetime, zone: NamedZone) -> Action:
    """A copy of ``action`` put back at the series' first original start."""
    copy = Action(**{**action.__data__})
    copy.id = action.id
    if action.all_day:
        day = original.date()
        copy.start_date, copy.end_date = day, day + _length(action)
    else:
        copy.start, copy.end = original, original + _length(action)
    return copy


_COMPARED = (
    "title",
    "location",
    "description",
    "private",
    "reminder",
    "reminder_minutes",
    "action_type_id",
)


def _same_as_master(action: Action, master: Action, zone: NamedZone) -> bool:
    """Whether the occurrence is just the master moved to its own original start."""
    if action.id == master.id:
        return True
    if action.all_day != master.all_day or not _at_original_start(action):
        return False
    if any(getattr(action, name) != getattr(master, name) for name in _COMPARED):
        return False
    return _length(action) == _length(master)


def _days(action: Action) -> tuple[dt.date, dt.date]:
    assert action.start_date is not None and action.end_date is not None
    return action.start_date, action.end_date


def _times(action: Action) -> tuple[dt.datetime, dt.datetime]:
    assert action.start is not None and action.end is not None
    return action.start, action.end


def _length(action: Action) -> dt.timedelta:
    """How long the action lasts: whole days beyond the first for an all-day one."""
    first, last = _days(action) if action.all_day else _times(action)
    return last - first


def export_calendar(user: User, path: Path) -> int:
    """Write ``user``'s live actions to ``path``; returns how many actions were written."""
    actions = list(
        Action.live().where(Action.owner == user).order_by(Action.start_date, Action.start)
    )
    path.write_bytes(write_calendar(user, actions).encode("utf-8"))
    return len(actions)
