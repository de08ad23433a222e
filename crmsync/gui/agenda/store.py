"""The agenda's reads and writes of the CRM store (no Qt here).

A week is read with one query per user shown: the user's actions of the week, their type,
their site, and whether the sync marked them read-only (an event the Google account only
attends), joined in. Every write goes through a model's ``save`` so its validation holds and
the store's triggers journal it for the sync.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import peewee
from dateutil.rrule import rrulestr

from crmsync.crm import db as store_db
from crmsync.crm import queries
from crmsync.crm.models import Action, ActionType, Series, Site, User
from crmsync.gui.agenda.layout import AgendaItem, week_window
from crmsync.sync.state import KIND_EVENT, SyncLink

# A description longer than this is cut in the tooltip (the dialog shows it whole).
TOOLTIP_DESCRIPTION = 300
# A series made from the dialog has at most this many occurrences.
MAX_OCCURRENCES = 500

_UTC = dt.UTC


def load_week(users: Sequence[User], monday: dt.date, zone: ZoneInfo) -> list[AgendaItem]:
    """The live actions of ``users`` that meet the week starting ``monday`` (in ``zone``)."""
    first, last = week_window(monday, zone)
    items: list[AgendaItem] = []
    for user in users:
        link = SyncLink.alias()
        query = (
            queries.actions_in_window(user, first, last)
            .select_extend(
                ActionType.label,
                ActionType.colour,
                Site.code,
                Site.name,
                link.id.alias("read_only_link"),
            )
            .join_from(Action, ActionType)
            .join_from(Action, Site, peewee.JOIN.LEFT_OUTER)
            .join_from(
                Action,
                link,
                peewee.JOIN.LEFT_OUTER,
                on=(
                    (link.crm_id == Action.id)
                    & (link.kind == KIND_EVENT)
                    & (link.user == Action.owner)
                    & (link.read_only == True)  # noqa: E712
                ),
            )
            .objects()
        )
        for row in query:
            items.append(_item(row))
    return items


def _item(row: Action) -> AgendaItem:
    description = row.description or ""
    if len(description) > TOOLTIP_DESCRIPTION:
        description = description[:TOOLTIP_DESCRIPTION].rstrip() + "…"
    return AgendaItem(
        action_id=row.id,
        owner_id=row.owner_id,
        title=row.title or "",
        type_label=getattr(row, "label", "") or "",
        colour=getattr(row, "colour", "") or "#5484ed",
        location=row.location or "",
        all_day=bool(row.all_day),
        start=row.start,
        end=row.end,
        start_date=row.start_date,
        end_date=row.end_date,
        private=bool(row.private),
        series=row.series_id is not None,
        read_only=getattr(row, "read_only_link", None) is not None,
        reminder=bool(row.reminder),
        reminder_minutes=int(row.reminder_minutes or 0),
        description=description,
        site=(getattr(row, "name", "") or getattr(row, "code", "") or "") if row.site_id else "",
    )


def is_read_only(action: Action) -> bool:
    """Does the sync hold this action as an event the Google account only attends?"""
    return (
        SyncLink.select()
        .where(
            SyncLink.crm_id == action.id,
            SyncLink.kind == KIND_EVENT,
            SyncLink.user == action.owner_id,
            SyncLink.read_only == True,  # noqa: E712
        )
        .exists()
    )


def may_edit(viewer: User, action: Action) -> bool:
    """May ``viewer`` change ``action`` at all (the agenda right on its owner)?"""
    return queries.can_sync_agenda(viewer, User.get_by_id(action.owner_id))


def move(action: Action, start: dt.datetime, end: dt.datetime) -> None:
    """Give a timed action new times (aware)."""
    action.start, action.end = start.astimezone(_UTC), end.astimezone(_UTC)
    action.save()


def move_days(action: Action, days: int) -> None:
    """Shift an action by whole days (all-day ones keep their length in days)."""
    shift = dt.timedelta(days=days)
    if action.all_day:
        assert action.start_date is not None and action.end_date is not None
        action.start_date += shift
        action.end_date += shift
    else:
        assert action.start is not None and action.end is not None
        zone = User.get_by_id(action.owner_id).zone
        # A day later means the same wall-clock time, even across a DST change.
        start = (action.start.astimezone(zone).replace(tzinfo=None) + shift).replace(tzinfo=zone)
        action.end = start.astimezone(_UTC) + (action.end - action.start)
        action.start = start.astimezone(_UTC)
    action.save()


def duplicate(action: Action) -> Action:
    """A copy of ``action`` at the same time, standing alone (not in its series)."""
    copy = Action(
        owner=action.owner_id,
        action_type=action.action_type_id,
        title=action.title,
        location=action.location,
        all_day=action.all_day,
        start=action.start,
        end=action.end,
        start_date=action.start_date,
        end_date=action.end_date,
        private=action.private,
        reminder=action.reminder,
        reminder_minutes=action.reminder_minutes,
        description=action.description,
        contact=action.__data__.get("contact"),
        company=action.__data__.get("company"),
        site=action.site_id,
    )
    copy.save()
    return copy


def delete(action: Action) -> None:
    """Delete ``action`` the CRM way: a tombstone the sync will see."""
    action.soft_delete()


class TooManyOccurrences(ValueError):
    """A repeat that would make more than :data:`MAX_OCCURRENCES` actions."""


@dataclass(frozen=True)
class RepeatRule:
    """A simple repeat from the dialog: every ``interval`` days, weeks or months, ending after
    ``count`` occurrences or on ``until`` (inclusive)."""

    frequency: str  # "DAILY", "WEEKLY", "MONTHLY"
    interval: int = 1
    count: int | None = None
    until: dt.date | None = None

    def rrule(self, zone: ZoneInfo, all_day: bool) -> str:
        parts = [f"FREQ={self.frequency}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        elif self.until is not None:
            if all_day:
                parts.append(f"UNTIL={self.until:%Y%m%d}")
            else:
                # The last instant of the until day in the owner's zone, written in UTC as
                # RFC 5545 wants with a zoned DTSTART.
                last = dt.datetime.combine(self.until, dt.time(23, 59, 59), tzinfo=zone)
                parts.append(f"UNTIL={last.astimezone(_UTC):%Y%m%dT%H%M%SZ}")
        return ";".join(parts)


def occurrences(rule: str, first: dt.datetime | dt.date, zone: ZoneInfo) -> list[dt.datetime]:
    """The starts of a rule from ``first`` (its DTSTART), at most :data:`MAX_OCCURRENCES` + 1."""
    if isinstance(first, dt.datetime):
        start = first.astimezone(zone)
    else:
        start = dt.datetime.combine(first, dt.time(0))
    found: list[dt.datetime] = []
    for when in rrulestr(rule, dtstart=start):
        found.append(when)
        if len(found) > MAX_OCCURRENCES:
            break
    return found


def create_series(template: Action, repeat: RepeatRule) -> list[Action]:
    """Store a new series from ``template`` (unsaved, its first occurrence) and one action per
    occurrence, each with ``series_start`` set to its original start, as the sync expects."""
    zone = User.get_by_id(template.owner_id).zone
    rule = repeat.rrule(zone, template.all_day)
    first: dt.datetime | dt.date
    if template.all_day:
        assert template.start_date is not None
        first = template.start_date
    else:
        assert template.start is not None
        first = template.start
    starts = occurrences(rule, first, zone)
    if len(starts) > MAX_OCCURRENCES:
        raise TooManyOccurrences(f"more than {MAX_OCCURRENCES} occurrences")
    made: list[Action] = []
    with store_db.atomic():
        series = Series(owner=template.owner_id, rrule=rule)
        series.save()
        for when in starts:
            # A new action each: its own id and sync_uid.
            values = {k: v for k, v in template.__data__.items() if k not in ("id", "sync_uid")}
            action = Action(**values)
            action.series = series
            if template.all_day:
                assert template.start_date is not None and template.end_date is not None
                span = template.end_date - template.start_date
                action.start_date = when.date()
                action.end_date = when.date() + span
                action.series_start = dt.datetime.combine(when.date(), dt.time(), _UTC)
            else:
                assert template.start is not None and template.end is not None
                local = when.replace(tzinfo=None).replace(tzinfo=zone)
                action.start = local.astimezone(_UTC)
                action.end = action.start + (template.end - template.start)
                action.series_start = action.start
            action.save(force_insert=True)
            made.append(action)
    return made
