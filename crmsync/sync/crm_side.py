"""The CRM side of the agenda sync: actions ↔ neutral items, reading and writing actions.

Field mapping on this side: the reminder is ``None`` when off; an all-day action keeps its
inclusive last day; the type is its code. Which calendar an action belongs to comes from
its site and the user's site → calendar map (the rest go to the default calendar).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from crmsync.crm.models import Action, ActionType, Series, User
from crmsync.sync.items import AgendaItem, When, Window
from crmsync.sync.plan import CrmRecord


class TypeBook:
    """The action types by id and by code, read once per run."""

    def __init__(self) -> None:
        types = list(ActionType.select())
        self.by_id = {t.id: t for t in types}
        self.by_code = {t.code: t for t in types}
        self.default = ActionType.default()

    def code(self, type_id: int | None) -> str | None:
        found = self.by_id.get(type_id) if type_id is not None else None
        return found.code if found else None


def action_to_item(action: Action, types: TypeBook) -> AgendaItem:
    # A saved action always has the pair of bounds it uses (its validation says so).
    if action.all_day:
        assert action.start_date is not None and action.end_date is not None
        when = When(True, action.start_date, action.end_date)
    else:
        assert action.start is not None and action.end is not None
        when = When(False, action.start, action.end)
    return AgendaItem(
        title=action.title or "",
        location=action.location or "",
        when=when,
        private=bool(action.private),
        reminder=int(action.reminder_minutes) if action.reminder else None,
        description=action.description or "",
        type_code=types.code(action.action_type_id),
    )


def apply_item(action: Action, item: AgendaItem, types: TypeBook) -> None:
    """Copy ``item``'s values onto ``action`` (not saved)."""
    action.title = item.title
    action.location = item.location
    action.all_day = item.when.all_day
    if item.when.all_day:
        action.start_date, action.end_date = item.when.start, item.when.end
        action.start = action.end = None
    else:
        action.start, action.end = item.when.start, item.when.end
        action.start_date = action.end_date = None
    action.private = item.private
    action.reminder = item.reminder is not None
    if item.reminder is not None:
        action.reminder_minutes = item.reminder
    action.description = item.description
    if item.type_code is not None and item.type_code in types.by_code:
        action.action_type = types.by_code[item.type_code]
    elif action.action_type_id is None and types.default is not None:
        action.action_type = types.default


class CalendarMap:
    """Which Google calendar each action goes to: its site's, else the default one."""

    def __init__(self, default_calendar: str, by_site: dict[int, str]) -> None:
        self.default = default_calendar
        self.by_site = by_site

    def for_action(self, action: Action) -> str:
        site_id = getattr(action, "site_id", None)
        return self.by_site.get(site_id, self.default) if site_id else self.default

    @property
    def calendars(self) -> list[str]:
        return sorted({self.default, *self.by_site.values()} - {""})


def record(
    action: Action | None, action_id: int, types: TypeBook, calendars: CalendarMap
) -> CrmRecord:
    if action is None or action.deleted_at is not None:
        uid = action.sync_uid if action is not None else None
        return CrmRecord(action_id, None, calendars.default, uid=uid)
    return CrmRecord(
        action_id,
        action_to_item(action, types),
        calendars.for_action(action),
        updated=action.updated_at,
        series=action.series_id is not None,
        series_id=action.series_id,
        series_start=_original_start(action),
        uid=action.sync_uid,
    )


def _original_start(action: Action) -> dt.datetime | dt.date | None:
    if action.series_id is None or action.series_start is None:
        return None
    return action.series_start.date() if action.all_day else action.series_start


def read_actions(
    user: User, ids: Iterable[int], types: TypeBook, calendars: CalendarMap
) -> dict[int, CrmRecord]:
    """The records of these actions (deleted or missing ones as deletions)."""
    wanted = sorted(set(ids))
    found: dict[int, Action] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for action in Action.select().where(Action.id.in_(chunk), Action.owner == user):
            found[action.id] = action
    return {i: record(found.get(i), i, types, calendars) for i in wanted}


def owners_of(ids: Iterable[int]) -> dict[int, int]:
    """The owner of each of these actions that exists (deleted or not), by action id."""
    wanted = sorted(set(ids))
    found: dict[int, int] = {}
    for start in range(0, len(wanted), 500):
        query = Action.select(Action.id, Action.owner).where(
            Action.id.in_(wanted[start : start + 500])
        )
        found.update(dict(query.tuples().iterator()))
    return found


def actions_meeting(user: User, window: Window, zone: ZoneInfo) -> list[int]:
    """Ids of the user's live actions whose time range meets the window."""
    first_day = window.start.astimezone(zone).date() - dt.timedelta(days=1)
    last_day = window.end.astimezone(zone).date() + dt.timedelta(days=1)
    timed = (
        (Action.all_day == False)  # noqa: E712
        & (Action.start < window.end)
        & (Action.end > window.start)
    )
    all_day = (
        (Action.all_day == True)  # noqa: E712
        & (Action.start_date <= last_day)
        & (Action.end_date >= first_day)
    )
    query = Action.select(Action.id).where(
        Action.owner == user, Action.deleted_at.is_null(), timed | all_day
    )
    return [row for (row,) in query.tuples().iterator()]


def create_action(
    user: User,
    item: AgendaItem,
    types: TypeBook,
    site_id: int | None,
    *,
    series: Series | None = None,
    series_start: dt.datetime | dt.date | None = None,
) -> Action:
    action = Action(owner=user)
    if site_id is not None:
        action.site_id = site_id
    if series is not None:
        action.series = series
        if isinstance(series_start, dt.datetime):
            action.series_start = series_start
        elif isinstance(series_start, dt.date):
            action.series_start = dt.datetime.combine(series_start, dt.time(), dt.UTC)
    apply_item(action, item, types)
    action.save()
    return action
