"""The neutral agenda item: what both sides of the agenda sync agree on.

Each side turns its own records into an :class:`AgendaItem` (the synced fields only, in one
form) and back; the merge and the planner only ever see items. Times are aware UTC datetimes;
an all-day item holds dates with the CRM's INCLUSIVE last day (Google's exclusive end is the
Google side's business). The reminder is ``None`` when off, else its delay in minutes.

``type_code`` is the action type's code. Google only knows a colour: the Google side reports
the type a mapped colour names, or ``None`` when the colour says nothing (no colour, another
colour, or colours not transferred); ``None`` on that side never counts as a change.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

#: The fields merged one by one, in the order the log shows them.
FIELDS: tuple[str, ...] = (
    "title",
    "location",
    "when",
    "private",
    "reminder",
    "description",
    "type_code",
)


@dataclass(frozen=True)
class When:
    """When an item happens: aware UTC datetimes, or dates with an inclusive last day."""

    all_day: bool
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date

    def bounds_utc(self, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        """The half-open UTC time range covered; all-day dates are days in ``zone``."""
        if self.all_day:
            assert isinstance(self.start, dt.date) and isinstance(self.end, dt.date)
            first = dt.datetime.combine(self.start, dt.time(), zone)
            after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), zone)
            return first.astimezone(dt.UTC), after.astimezone(dt.UTC)
        assert isinstance(self.start, dt.datetime) and isinstance(self.end, dt.datetime)
        end = self.end if self.end > self.start else self.start + dt.timedelta(seconds=1)
        return self.start.astimezone(dt.UTC), end.astimezone(dt.UTC)

    def meets(self, window: Window, zone: dt.tzinfo) -> bool:
        """Whether this time range meets the sync window."""
        start, end = self.bounds_utc(zone)
        return end > window.start and start < window.end

    def to_json(self) -> list[Any]:
        return [self.all_day, self.start.isoformat(), self.end.isoformat()]

    @classmethod
    def from_json(cls, data: list[Any]) -> When:
        all_day, start, end = data
        if all_day:
            return cls(True, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        return cls(
            False,
            dt.datetime.fromisoformat(start).astimezone(dt.UTC),
            dt.datetime.fromisoformat(end).astimezone(dt.UTC),
        )


@dataclass(frozen=True)
class Window:
    """The sync period: [today − N months, today + M months), as aware UTC instants."""

    start: dt.datetime
    end: dt.datetime

    @classmethod
    def around(
        cls, now: dt.datetime, months_before: int, months_after: int, zone: dt.tzinfo
    ) -> Window:
        """Whole days in the user's zone, from the same day N months ago to M months on."""
        today = now.astimezone(zone).date()
        first = _add_months(today, -months_before)
        last = _add_months(today, months_after) + dt.timedelta(days=1)
        return cls(
            dt.datetime.combine(first, dt.time(), zone).astimezone(dt.UTC),
            dt.datetime.combine(last, dt.time(), zone).astimezone(dt.UTC),
        )


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last_day))


@dataclass(frozen=True)
class AgendaItem:
    """The synced fields of one action or event."""

    title: str
    location: str
    when: When
    private: bool
    reminder: int | None
    description: str
    type_code: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "location": self.location,
            "when": self.when.to_json(),
            "private": self.private,
            "reminder": self.reminder,
            "description": self.description,
            "type_code": self.type_code,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AgendaItem:
        reminder = data.get("reminder")
        return cls(
            title=str(data.get("title", "")),
            location=str(data.get("location", "")),
            when=When.from_json(data["when"]),
            private=bool(data.get("private", False)),
            reminder=None if reminder is None else int(reminder),
            description=str(data.get("description", "")),
            type_code=data.get("type_code"),
        )

    def value(self, name: str) -> Any:
        return getattr(self, name)

    def with_values(self, **changes: Any) -> AgendaItem:
        return replace(self, **changes)

    def differing(self, other: AgendaItem | None) -> list[str]:
        """The fields whose values differ from ``other``'s (all of them when there is none)."""
        if other is None:
            return list(FIELDS)
        return [name for name in FIELDS if self.value(name) != other.value(name)]

    def sort_key_from(self, now: dt.datetime, zone: dt.tzinfo) -> float:
        """Distance from ``now`` in seconds: the caps keep the items nearest today."""
        start, end = self.when.bounds_utc(zone)
        if start <= now < end:
            return 0.0
        return min(abs((start - now).total_seconds()), abs((end - now).total_seconds()))
