"""Where each action of a week goes, in minutes and columns rather than pixels.

The week view draws wall-clock time in the viewer's time zone: every day column runs from
00:00 to 24:00, so rows line up across days. A day of a daylight-saving change is 23 or 25
hours long; on it the hour that does not exist is shaded, and the hour that happens twice is
marked (:func:`dst_change`). Timed actions shorter than a day sit in the hour grid, split at
midnight; all-day actions and timed ones of 24 hours or more go to the all-day strip, in
lanes. Overlapping actions of one user on one day share the width side by side.

Nothing here draws: the widgets turn these numbers into rectangles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
# Moves and resizes snap to this many minutes.
SNAP_MINUTES = 15
# A zero-length action is drawn this long, so it can be seen and clicked.
MIN_DRAWN_MINUTES = 24

_UTC = dt.UTC


@dataclass(frozen=True)
class AgendaItem:
    """One action as the week view shows it (loaded once, drawn many times)."""

    action_id: int
    owner_id: int
    title: str
    type_label: str
    colour: str
    location: str
    all_day: bool
    start: dt.datetime | None
    end: dt.datetime | None
    start_date: dt.date | None
    end_date: dt.date | None  # inclusive, as the CRM shows it
    private: bool = False
    series: bool = False
    read_only: bool = False
    reminder: bool = False
    reminder_minutes: int = 0
    description: str = ""
    site: str = ""

    def in_strip(self) -> bool:
        """All-day actions and timed ones of a day or more go to the all-day strip."""
        if self.all_day:
            return True
        assert self.start is not None and self.end is not None
        return self.end - self.start >= dt.timedelta(days=1)

    def days(self, zone: ZoneInfo) -> tuple[dt.date, dt.date]:
        """First and last day (inclusive) the action touches, in ``zone``."""
        if self.all_day:
            assert self.start_date is not None and self.end_date is not None
            return self.start_date, self.end_date
        assert self.start is not None and self.end is not None
        first = self.start.astimezone(zone)
        last = self.end.astimezone(zone)
        last_day = last.date()
        if last_day > first.date() and last.time() == dt.time(0):
            last_day -= dt.timedelta(days=1)  # ending at midnight does not touch the next day
        return first.date(), last_day


@dataclass
class Segment:
    """The part of a timed action drawn in one day column of one user."""

    item: AgendaItem
    day: int  # 0 = Monday
    user: int  # index of the owner among the users shown
    top: float  # wall-clock minutes from the day's 00:00
    bottom: float
    continues_before: bool = False
    continues_after: bool = False
    column: int = 0
    columns: int = 1


@dataclass
class StripBar:
    """An all-day or multi-day action across its days in the all-day strip."""

    item: AgendaItem
    user: int
    first: int  # day index, clipped to the week
    last: int
    lane: int = 0
    continues_before: bool = False
    continues_after: bool = False


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_days(monday: dt.date) -> list[dt.date]:
    return [monday + dt.timedelta(days=i) for i in range(7)]


def local_midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The first instant of ``day`` in ``zone`` (aware, in ``zone``)."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone)


def week_window(monday: dt.date, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The week's first and last instants, in UTC."""
    first = local_midnight(monday, zone).astimezone(_UTC)
    after = local_midnight(monday + dt.timedelta(days=7), zone).astimezone(_UTC)
    return first, after - dt.timedelta(microseconds=1)


def day_length(day: dt.date, zone: ZoneInfo) -> dt.timedelta:
    """How long ``day`` really lasts in ``zone``: 24 h, or 23/25 h on a DST change."""
    start = local_midnight(day, zone).astimezone(_UTC)
    end = local_midnight(day + dt.timedelta(days=1), zone).astimezone(_UTC)
    return end - start


def dst_change(day: dt.date, zone: ZoneInfo) -> tuple[str, int, int] | None:
    """On a DST change day: ("skipped" or "repeated", first and last wall minute of the hour
    that does not exist or happens twice); None on an ordinary day."""
    length = day_length(day, zone)
    if length == dt.timedelta(days=1):
        return None
    for minute in range(0, MINUTES_PER_DAY, SNAP_MINUTES):
        wall = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
        early = wall.replace(tzinfo=zone, fold=0)
        late = wall.replace(tzinfo=zone, fold=1)
        if early.utcoffset() != late.utcoffset():
            span = abs(
                int(
                    (
                        (late.utcoffset() or dt.timedelta()) - (early.utcoffset() or dt.timedelta())
                    ).total_seconds()
                    // 60
                )
            )
            kind = "skipped" if length < dt.timedelta(days=1) else "repeated"
            return kind, minute, minute + span
    return None


def wall_minutes(moment: dt.datetime, zone: ZoneInfo) -> tuple[dt.date, float]:
    """The day and wall-clock minutes from its 00:00 of an aware moment, in ``zone``."""
    local = moment.astimezone(zone)
    return local.date(), local.hour * 60 + local.minute + local.second / 60


def moment_at(day: dt.date, minutes: float, zone: ZoneInfo) -> dt.datetime:
    """The aware UTC instant shown at ``minutes`` past 00:00 of ``day`` (24:00 is the next
    day's midnight). A wall time that does not exist (the hour skipped in spring) is read with
    the offset before the change, i.e. one hour later once the clocks have gone forward."""
    whole = int(round(minutes))
    extra_days, whole = divmod(whole, MINUTES_PER_DAY)
    day = day + dt.timedelta(days=extra_days)
    wall = dt.datetime.combine(day, dt.time(whole // 60, whole % 60), tzinfo=zone)
    return wall.astimezone(_UTC)


def snap(minutes: float, step: int = SNAP_MINUTES) -> int:
    return int(round(minutes / step)) * step


def timed_segments(
    items: Iterable[AgendaItem], days: Sequence[dt.date], users: Sequence[int], zone: ZoneInfo
) -> list[Segment]:
    """The grid's blocks: each timed action cut at midnight, laid out side by side where
    actions of one user overlap on one day."""
    day_index = {day: i for i, day in enumerate(days)}
    user_index = {uid: i for i, uid in enumerate(users)}
    segments: list[Segment] = []
    for item in items:
        if item.in_strip() or item.owner_id not in user_index:
            continue
        assert item.start is not None and item.end is not None
        first_day, start_min = wall_minutes(item.start, zone)
        last_day, end_min = wall_minutes(item.end, zone)
        day = first_day
        while day <= last_day:
            top = start_min if day == first_day else 0.0
            bottom = end_min if day == last_day else float(MINUTES_PER_DAY)
            if day in day_index and (bottom > top or day == first_day):
                segments.append(
                    Segment(
                        item,
                        day_index[day],
                        user_index[item.owner_id],
                        top,
                        max(bottom, top + MIN_DRAWN_MINUTES),
                        continues_before=day != first_day,
                        continues_after=day != last_day,
                    )
                )
            day += dt.timedelta(days=1)
    _side_by_side(segments)
    return segments


def _side_by_side(segments: list[Segment]) -> None:
    """Give overlapping segments of one day and user their own column of a shared group."""
    groups: dict[tuple[int, int], list[Segment]] = {}
    for segment in segments:
        groups.setdefault((segment.day, segment.user), []).append(segment)
    for group in groups.values():
        group.sort(key=lambda s: (s.top, -s.bottom, s.item.title, s.item.action_id))
        cluster: list[Segment] = []
        column_ends: list[float] = []
        cluster_end = -1.0
        for segment in group:
            if cluster and segment.top >= cluster_end:
                _close(cluster, len(column_ends))
                cluster, column_ends = [], []
            for column, end in enumerate(column_ends):
                if end <= segment.top:
                    segment.column = column
                    column_ends[column] = segment.bottom
                    break
            else:
                segment.column = len(column_ends)
                column_ends.append(segment.bottom)
            cluster.append(segment)
            cluster_end = max(cluster_end, segment.bottom)
        _close(cluster, len(column_ends))


def _close(cluster: list[Segment], columns: int) -> None:
    for segment in cluster:
        segment.columns = max(columns, 1)


def strip_bars(
    items: Iterable[AgendaItem], days: Sequence[dt.date], users: Sequence[int], zone: ZoneInfo
) -> list[StripBar]:
    """The all-day strip's bars, in lanes per user so that none overlaps another."""
    user_index = {uid: i for i, uid in enumerate(users)}
    week_first, week_last = days[0], days[-1]
    bars: list[StripBar] = []
    for item in items:
        if not item.in_strip() or item.owner_id not in user_index:
            continue
        first, last = item.days(zone)
        if last < week_first or first > week_last:
            continue
        bars.append(
            StripBar(
                item,
                user_index[item.owner_id],
                (max(first, week_first) - week_first).days,
                (min(last, week_last) - week_first).days,
                continues_before=first < week_first,
                continues_after=last > week_last,
            )
        )
    bars.sort(key=lambda b: (b.user, b.first, -(b.last - b.first), b.item.title))
    lanes_of_user: dict[int, list[int]] = {}
    for bar in bars:
        lane_ends = lanes_of_user.setdefault(bar.user, [])
        for lane, end in enumerate(lane_ends):
            if end < bar.first:
                bar.lane = lane
                lane_ends[lane] = bar.last
                break
        else:
            bar.lane = len(lane_ends)
            lane_ends.append(bar.last)
    return bars


def lanes_per_user(bars: Iterable[StripBar], user_count: int) -> list[int]:
    """How many lanes each user's band of the strip needs (at least one)."""
    lanes = [1] * user_count
    for bar in bars:
        lanes[bar.user] = max(lanes[bar.user], bar.lane + 1)
    return lanes


def text_colour_for(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (#rrggbb), by WCAG luminance."""
    try:
        red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    except (ValueError, IndexError):
        return "#000000"

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    # Contrast with white (1.05 / (L + 0.05)) beats contrast with black ((L + 0.05) / 0.05)
    # below L ≈ 0.179.
    return "#ffffff" if luminance < 0.179 else "#000000"
