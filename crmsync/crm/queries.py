"""Questions the rest of crmsync asks the store: who may see whom, what a user syncs."""

from __future__ import annotations

import datetime as dt

import peewee

from crmsync.crm import contact_list
from crmsync.crm.models import (
    Action,
    Contact,
    ContactToSync,
    User,
    UserRight,
)


def visible_users(viewer: User) -> list[User]:
    """The users ``viewer`` may see: himself first, then by name. An admin sees every active
    user; others see those they hold a ``visible`` or ``agenda`` right on."""
    return _users_with_right(viewer, agenda_only=False)


def agenda_users(viewer: User) -> list[User]:
    """The users whose agenda ``viewer`` may see and sync (the ``agenda`` right), himself
    first."""
    return _users_with_right(viewer, agenda_only=True)


def _users_with_right(viewer: User, *, agenda_only: bool) -> list[User]:
    query = User.select().where(User.active == True, User.id != viewer.id)  # noqa: E712
    if not viewer.is_admin:
        right = UserRight.agenda if agenda_only else (UserRight.visible | UserRight.agenda)
        granted = UserRight.select(UserRight.target).where(UserRight.viewer == viewer, right)
        query = query.where(User.id.in_(granted))
    return [viewer, *query.order_by(User.name, User.login)]


def can_see(viewer: User, target: User) -> bool:
    """May ``viewer`` see ``target`` at all?"""
    return _has_right(viewer, target, agenda_only=False)


def can_sync_agenda(viewer: User, target: User) -> bool:
    """May ``viewer`` see and sync ``target``'s agenda?"""
    return _has_right(viewer, target, agenda_only=True)


def _has_right(viewer: User, target: User, *, agenda_only: bool) -> bool:
    if viewer.id == target.id or viewer.is_admin:
        return True
    right = UserRight.get_or_none(UserRight.viewer == viewer, UserRight.target == target)
    if right is None:
        return False
    return bool(right.agenda) if agenda_only else bool(right.visible or right.agenda)


def contacts_to_sync(user: User) -> peewee.ModelSelect[Contact]:
    """The live contacts in ``user``'s list, in the order they were added."""
    return (
        Contact.live()
        .join(ContactToSync, on=(ContactToSync.contact == Contact.id))
        .where(ContactToSync.user == user)
        .order_by(ContactToSync.added_at, ContactToSync.id)
    )


def add_contact_to_sync(user: User, contact: Contact) -> bool:
    """Put ``contact`` in ``user``'s list; False if it was already there (or is deleted).

    Raises :class:`~crmsync.crm.contact_list.ContactListFull` when the list holds
    :data:`~crmsync.crm.contact_list.CONTACTS_TO_SYNC_CAP` contacts already. Many at once:
    :func:`~crmsync.crm.contact_list.add_contacts_to_sync`.
    """
    change = contact_list.add_contacts_to_sync(user, [contact.id])
    if change.left_out:
        raise contact_list.ContactListFull(user.login, change.cap)
    return bool(change.changed)


def remove_contact_to_sync(user: User, contact: Contact) -> bool:
    """Take ``contact`` out of ``user``'s list; False if it was not there."""
    return bool(contact_list.remove_contacts_to_sync(user, [contact.id]).changed)


def actions_in_window(
    owner: User, first: dt.datetime, last: dt.datetime, *, include_deleted: bool = False
) -> peewee.ModelSelect[Action]:
    """``owner``'s actions whose time range meets [first, last] (aware datetimes).

    All-day actions count by their days in the owner's time zone.
    """
    zone = owner.zone
    first_day, last_day = first.astimezone(zone).date(), last.astimezone(zone).date()
    timed = (Action.all_day == False) & (Action.start <= last) & (Action.end >= first)  # noqa: E712
    all_day = (
        (Action.all_day == True)  # noqa: E712
        & (Action.start_date <= last_day)
        & (Action.end_date >= first_day)
    )
    query = Action.select().where(Action.owner == owner, timed | all_day)
    if not include_deleted:
        query = query.where(Action.deleted_at.is_null())
    return query
