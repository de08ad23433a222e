"""Instances of recurring events: their ids, times and resources.

An instance that nobody changed is never stored: it is computed from its master whenever
a list or get needs it. Its id is ``<masterId>_<UTC start, 20240105T090000Z>`` (timed) or
``<masterId>_<20240105>`` (all-day), as on Google. Changing or deleting an instance stores
an *exception* under that id, carrying ``recurringEventId`` and ``originalStartTime``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from crmsync.fakegoogle.calendar import recurrence
from crmsync.fakegoogle.calendar.models import Calendar, StoredEvent
from crmsync.fakegoogle.calendar.times import EventTime, day_time, utc_stamp


@dataclass
class Occurrence:
    """One computed instance of a master: when it starts and ends."""

    master: StoredEvent
    start: EventTime
    end: EventTime

    @property
    def id(self) -> str:
        return instance_id(self.master, self.start)


def instance_id(master: StoredEvent, start: EventTime) -> str:
    if start.all_day:
        assert start.day is not None
        return f"{master.id}_{start.day.strftime('%Y%m%d')}"
    return f"{master.id}_{utc_stamp(start.moment)}"


def occurrence_at(calendar: Calendar, master: StoredEvent, moment: datetime) -> Occurrence:
    """The instance of ``master`` starting at ``moment`` (aware, in the series' zone)."""
    if master.start.all_day:
        assert master.start.day is not None and master.end.day is not None
        start = day_time(moment.date(), calendar.tz)
        end = day_time(moment.date() + (master.end.day - master.start.day), calendar.tz)
    else:
        start = EventTime(moment, False, master.start.tz_name)
        end = EventTime(moment + master.duration, False, master.end.tz_name)
    return Occurrence(master, start, end)


def occurrences(
    calendar: Calendar,
    master: StoredEvent,
    time_min: datetime | None,
    time_max: datetime | None,
    now: datetime,
) -> list[Occurrence]:
    assert master.series is not None
    moments = recurrence.starts(master.series, master.duration, time_min, time_max, now)
    return [occurrence_at(calendar, master, m) for m in moments]


def parse_instance_id(calendar: Calendar, event_id: str) -> Occurrence | None:
    """The computed instance an id names, if its master exists and the time is in the series."""
    master_id, sep, stamp = event_id.rpartition("_")
    master = calendar.events.get(master_id) if sep else None
    if master is None or master.series is None:
        return None
    tz = master.series.tz
    try:
        if len(stamp) == 8 and master.start.all_day:
            day = date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:]))
            moment = datetime(day.year, day.month, day.day, tzinfo=tz)
        elif len(stamp) == 16 and not master.start.all_day:
            moment = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).astimezone(tz)
        else:
            return None
    except ValueError:
        return None
    if not recurrence.occurs_at(master.series, moment):
        return None
    return occurrence_at(calendar, master, moment)


def instance_resource(calendar: Calendar, occurrence: Occurrence) -> dict[str, Any]:
    """The resource of a computed instance: the master's fields at the instance's time."""
    tz = calendar.tz
    resource = dict(occurrence.master.resource)
    resource.pop("recurrence", None)
    resource["id"] = occurrence.id
    resource["start"] = occurrence.start.render(tz)
    resource["end"] = occurrence.end.render(tz)
    resource = _place_instance_keys(resource, occurrence.master.id, occurrence.start.render(tz))
    return resource


def cancelled_stub(resource: dict[str, Any]) -> dict[str, Any]:
    """What lists and sync show of a deleted event: only what identifies it."""
    stub = {"kind": "calendar#event", "etag": resource["etag"], "id": resource["id"]}
    stub["status"] = "cancelled"
    if "recurringEventId" in resource:
        stub["recurringEventId"] = resource["recurringEventId"]
        stub["originalStartTime"] = resource["originalStartTime"]
    return stub


def _place_instance_keys(
    resource: dict[str, Any], master_id: str, original: dict[str, str]
) -> dict[str, Any]:
    """Insert recurringEventId/originalStartTime right after ``end``, where Google puts them."""
    out: dict[str, Any] = {}
    for key, value in resource.items():
        if key in ("recurringEventId", "originalStartTime"):
            continue
        out[key] = value
        if key == "end":
            out["recurringEventId"] = master_id
            out["originalStartTime"] = original
    return out
