"""Dates and times as Calendar v3 writes them: RFC 3339 instants, all-day dates, zones.

An event's ``start``/``end`` is either ``{"date": "YYYY-MM-DD"}`` (all-day, end exclusive)
or ``{"dateTime": ..., "timeZone": ...}``. Internally every bound becomes a UTC epoch
second so lists can filter and sort with plain float comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crmsync.fakegoogle.calendar import exceptions as errors


def zone(name: str | None) -> ZoneInfo | None:
    """The IANA zone called ``name``, or None when there is no such zone."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def parse_instant(text: str) -> datetime | None:
    """An RFC 3339 timestamp (offset required) as an aware datetime; None if malformed."""
    try:
        value = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        return None
    return value if value.tzinfo is not None else None


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (ValueError, TypeError):
        return None


def render_instant(moment: datetime, tz: ZoneInfo) -> str:
    """Google renders event times in the event's (or calendar's) zone, seconds precision."""
    text = moment.astimezone(tz).isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def utc_stamp(moment: datetime) -> str:
    """The UTC basic format used in instance ids: 20240105T090000Z."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class EventTime:
    """One validated ``start`` or ``end``: its instant, and how the client expressed it."""

    moment: datetime  # aware; for all-day dates, midnight in the calendar's zone
    all_day: bool
    tz_name: str | None  # the event's own timeZone, when given
    day: date | None = None

    @property
    def ts(self) -> float:
        return self.moment.timestamp()

    def local(self, fallback: ZoneInfo) -> datetime:
        """Wall-clock time in the zone recurrences expand in."""
        return self.moment.astimezone(zone(self.tz_name) or fallback)

    def render(self, calendar_tz: ZoneInfo) -> dict[str, str]:
        if self.all_day:
            assert self.day is not None
            return {"date": self.day.isoformat()}
        out = {"dateTime": render_instant(self.moment, zone(self.tz_name) or calendar_tz)}
        if self.tz_name:
            out["timeZone"] = self.tz_name
        return out

    def shifted(self, delta: timedelta, calendar_tz: ZoneInfo) -> EventTime:
        """The same kind of time moved by ``delta`` of wall-clock time (DST-safe)."""
        if self.all_day:
            assert self.day is not None
            return day_time(self.day + delta, calendar_tz)
        local = self.local(calendar_tz)
        naive = local.replace(tzinfo=None) + delta
        return EventTime(naive.replace(tzinfo=local.tzinfo), False, self.tz_name)


def day_time(day: date, calendar_tz: ZoneInfo) -> EventTime:
    return EventTime(datetime.combine(day, datetime.min.time(), calendar_tz), True, None, day)


def parse_event_time(value: object, which: str, calendar_tz: ZoneInfo) -> EventTime:
    """Validate an event's ``start`` or ``end`` (``which``) as Google does."""
    if not isinstance(value, dict) or not (value.get("date") or value.get("dateTime")):
        raise errors.required(f"Missing {which} time.")
    tz_name = value.get("timeZone") or None
    if tz_name is not None and zone(tz_name) is None:
        raise errors.invalid(f"Invalid time zone definition for {which} time.")
    if value.get("date") and value.get("dateTime"):
        raise errors.invalid(f"Invalid {which} time.")
    if value.get("date"):
        day = parse_date(str(value["date"]))
        if day is None:
            raise errors.invalid(f"Invalid {which} time.")
        return day_time(day, calendar_tz)
    try:
        moment = datetime.fromisoformat(str(value["dateTime"]).strip())
    except ValueError:
        raise errors.invalid(f"Invalid {which} time.") from None
    if moment.tzinfo is None:
        tz = zone(tz_name)
        if tz is None:
            raise errors.required(f"Missing time zone definition for {which} time.")
        moment = moment.replace(tzinfo=tz)
    return EventTime(moment.replace(microsecond=0), False, tz_name)


def parse_query_instant(text: str | None, name: str) -> datetime | None:
    """A timeMin/timeMax/updatedMin query value; offset mandatory, milliseconds ignored."""
    if text is None:
        return None
    moment = parse_instant(text)
    if moment is None:
        raise errors.bad_request()
    return moment


def to_utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, tz=UTC)
