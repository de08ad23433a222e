"""Where the week view puts actions: DST days, overlaps side by side, the all-day strip."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from crmsync.gui.agenda import layout
from crmsync.gui.agenda.layout import AgendaItem

PARIS = ZoneInfo("Europe/Paris")
MONDAY = dt.date(2026, 3, 2)


def timed(action_id, day, start, end, owner=1, zone=PARIS):
    first = dt.datetime.combine(day, start, tzinfo=zone).astimezone(dt.UTC)
    last = dt.datetime.combine(day, end, tzinfo=zone).astimezone(dt.UTC)
    return AgendaItem(
        action_id, owner, f"A{action_id}", "R.D.V.", "#5484ed", "", False, first, last, None, None
    )


def all_day(action_id, first, last, owner=1):
    return AgendaItem(
        action_id, owner, f"J{action_id}", "Congés", "#51b749", "", True, None, None, first, last
    )


def test_dst_days_last_23_and_25_hours_and_name_the_hour():
    assert layout.day_length(dt.date(2026, 3, 29), PARIS) == dt.timedelta(hours=23)
    assert layout.day_length(dt.date(2026, 10, 25), PARIS) == dt.timedelta(hours=25)
    assert layout.day_length(dt.date(2026, 3, 28), PARIS) == dt.timedelta(hours=24)
    assert layout.dst_change(dt.date(2026, 3, 29), PARIS) == ("skipped", 120, 180)
    assert layout.dst_change(dt.date(2026, 10, 25), PARIS) == ("repeated", 120, 180)
    assert layout.dst_change(dt.date(2026, 3, 28), PARIS) is None


def test_a_timed_action_sits_at_its_wall_clock_minutes_even_on_a_dst_day():
    sunday = dt.date(2026, 3, 29)
    # 01:30 → 03:30 wall clock on the spring-forward day: one real hour.
    item = timed(1, sunday, dt.time(1, 30), dt.time(3, 30))
    assert item.end - item.start == dt.timedelta(hours=1)
    days = layout.week_days(dt.date(2026, 3, 23))
    [segment] = layout.timed_segments([item], days, [1], PARIS)
    assert (segment.day, segment.top, segment.bottom) == (6, 90, 210)


def test_overlapping_actions_share_the_column_and_others_keep_it_whole():
    tuesday = MONDAY + dt.timedelta(days=1)
    items = [
        timed(1, tuesday, dt.time(9), dt.time(10, 30)),
        timed(2, tuesday, dt.time(10), dt.time(11)),
        timed(3, tuesday, dt.time(10, 45), dt.time(12)),
        timed(4, tuesday, dt.time(14), dt.time(15)),
    ]
    segments = {
        s.item.action_id: s
        for s in layout.timed_segments(items, layout.week_days(MONDAY), [1], PARIS)
    }
    assert (segments[1].column, segments[1].columns) == (0, 2)
    assert (segments[2].column, segments[2].columns) == (1, 2)
    assert (segments[3].column, segments[3].columns) == (0, 2)  # 1 ended: its column is free
    assert (segments[4].column, segments[4].columns) == (0, 1)


def test_an_action_across_midnight_is_cut_in_two():
    start = dt.datetime(2026, 3, 3, 22, 0, tzinfo=PARIS).astimezone(dt.UTC)
    item = AgendaItem(
        1, 1, "Nuit", "I", "#dc2127", "", False, start, start + dt.timedelta(hours=4), None, None
    )
    first, second = layout.timed_segments([item], layout.week_days(MONDAY), [1], PARIS)
    assert (first.day, first.top, first.bottom, first.continues_after) == (
        1,
        22 * 60,
        24 * 60,
        True,
    )
    assert (second.day, second.top, second.bottom, second.continues_before) == (2, 0, 120, True)


def test_strip_bars_span_their_days_in_lanes_per_user():
    items = [
        all_day(1, MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=4)),
        all_day(2, MONDAY + dt.timedelta(days=3), MONDAY + dt.timedelta(days=3)),
        all_day(3, MONDAY - dt.timedelta(days=3), MONDAY),  # began the week before
        all_day(4, MONDAY, MONDAY, owner=2),
        timed(5, MONDAY, dt.time(9), dt.time(10)),  # a timed hour stays in the grid
    ]
    days = layout.week_days(MONDAY)
    bars = {b.item.action_id: b for b in layout.strip_bars(items, days, [1, 2], PARIS)}
    assert set(bars) == {1, 2, 3, 4}
    assert (bars[1].first, bars[1].last, bars[1].user) == (2, 4, 0)
    assert bars[1].lane != bars[2].lane
    assert (bars[3].first, bars[3].last, bars[3].continues_before) == (0, 0, True)
    assert (bars[4].user, bars[4].lane) == (1, 0)
    assert layout.lanes_per_user(bars.values(), 2) == [2, 1]


def test_a_timed_action_of_a_day_or_more_goes_to_the_strip():
    start = dt.datetime(2026, 3, 2, 8, tzinfo=PARIS).astimezone(dt.UTC)
    item = AgendaItem(
        1,
        1,
        "Salon",
        "E",
        "#46d6db",
        "",
        False,
        start,
        start + dt.timedelta(days=2, hours=10),
        None,
        None,
    )
    assert item.in_strip()
    [bar] = layout.strip_bars([item], layout.week_days(MONDAY), [1], PARIS)
    assert (bar.first, bar.last) == (0, 2)
    assert layout.timed_segments([item], layout.week_days(MONDAY), [1], PARIS) == []


def test_text_colour_reads_on_its_background():
    assert layout.text_colour_for("#ffff00") == "#000000"
    assert layout.text_colour_for("#a4bdfc") == "#000000"
    assert layout.text_colour_for("#1a237e") == "#ffffff"
    assert layout.text_colour_for("#dc2127") == "#ffffff"


def test_moment_at_reads_wall_clock_in_the_zone_and_24_00_is_the_next_day():
    assert layout.moment_at(dt.date(2026, 3, 3), 9 * 60, PARIS) == dt.datetime(
        2026, 3, 3, 8, tzinfo=dt.UTC
    )
    assert layout.moment_at(dt.date(2026, 3, 3), 24 * 60, PARIS) == dt.datetime(
        2026, 3, 3, 23, tzinfo=dt.UTC
    )
    # in summer time, Paris is UTC+2
    assert layout.moment_at(dt.date(2026, 7, 1), 9 * 60, PARIS) == dt.datetime(
        2026, 7, 1, 7, tzinfo=dt.UTC
    )
