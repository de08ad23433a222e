"""Each user's list of contacts to sync: adding and removing many at once, within the cap.

The sync pushes a user's listed contacts to his Google Contacts, at most
:data:`CONTACTS_TO_SYNC_CAP` of them. Adding refuses what would go beyond the cap and says
exactly which contacts were left out (the last ones asked for, so the order given is the
order of preference), which ids name no contact or a deleted one, and which were listed
already. Every step runs a bounded number of queries, whatever the number of ids: ids are
read and written in chunks of :data:`CHUNK` (SQLite's oldest builds take 999 variables a
query), never one query per contact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee

from crmsync.crm import db as store_db
from crmsync.crm.models import (
    MAX_CONTACTS_PER_USER,
    Company,
    Contact,
    ContactToSync,
    User,
    utc_now,
)

#: The most contacts one user's list may hold (the sync pushes no more).
CONTACTS_TO_SYNC_CAP = MAX_CONTACTS_PER_USER
#: Ids per query: under SQLite's oldest variable limit (999) with room for the other terms.
CHUNK = 500


class ContactListFull(Exception):
    """A contact that cannot join a user's list: it holds the most contacts allowed."""

    def __init__(self, login: str, cap: int) -> None:
        super().__init__(
            f"{login}'s list of contacts to sync is full ({cap} contacts at most): remove "
            "contacts from it to make room."
        )
        self.login = login
        self.cap = cap


@dataclass
class ListChange:
    """What adding to (or removing from) a user's list did, id by id, in the order given."""

    #: Ids now in the list that were not before (added) or out of it that were (removed).
    changed: list[int] = field(default_factory=list)
    #: Ids that were already as asked: listed already (add), or not listed (remove).
    unchanged: list[int] = field(default_factory=list)
    #: Ids refused because the list was full; they come after every id that was added.
    left_out: list[int] = field(default_factory=list)
    #: Ids of no contact at all.
    unknown: list[int] = field(default_factory=list)
    #: Ids of deleted contacts (only refused when adding: a deleted one may be removed).
    deleted: list[int] = field(default_factory=list)
    #: How many live contacts the list holds afterwards (what the cap counts).
    listed: int = 0
    cap: int = CONTACTS_TO_SYNC_CAP

    @property
    def complete(self) -> bool:
        """Whether every id asked for ended up as asked."""
        return not (self.left_out or self.unknown or self.deleted)

    def as_dict(self) -> dict[str, object]:
        return {
            "changed": self.changed,
            "unchanged": self.unchanged,
            "left_out": self.left_out,
            "unknown": self.unknown,
            "deleted": self.deleted,
            "listed": self.listed,
            "cap": self.cap,
        }


@dataclass(frozen=True)
class ListedContact:
    """One row of a user's list, as a table shows it."""

    contact_id: int
    name: str
    company: str
    email: str
    added_at: dt.datetime | None
    deleted: bool


def add_contacts_to_sync(
    user: User, contact_ids: Iterable[int], *, cap: int = CONTACTS_TO_SYNC_CAP
) -> ListChange:
    """Put the contacts ``contact_ids`` in ``user``'s list, in that order, up to ``cap``.

    Ids of unknown or deleted contacts are reported, not added; those listed already are
    counted as unchanged; once the list is full, the remaining ids are ``left_out``. Runs in
    one transaction.
    """
    wanted = _unique(contact_ids)
    change = ListChange(cap=cap)
    with store_db.atomic():
        states = _contact_states(wanted)
        listed = _listed_among(user, wanted)
        room = cap - count_listed(user)
        fresh: list[int] = []
        for contact_id in wanted:
            state = states.get(contact_id)
            if state is None:
                change.unknown.append(contact_id)
            elif contact_id in listed:
                change.unchanged.append(contact_id)
            elif state == "deleted":
                change.deleted.append(contact_id)
            elif len(fresh) < room:
                fresh.append(contact_id)
            else:
                change.left_out.append(contact_id)
        now = utc_now()
        for chunk in _chunks(fresh, CHUNK // 3):
            rows = [{"user": user.id, "contact": cid, "added_at": now} for cid in chunk]
            ContactToSync.insert_many(rows).execute()
        change.changed = fresh
        change.listed = count_listed(user)
    return change


def remove_contacts_to_sync(user: User, contact_ids: Iterable[int]) -> ListChange:
    """Take the contacts ``contact_ids`` out of ``user``'s list (deleted contacts included).

    Ids not in the list are ``unchanged`` when they name a contact, ``unknown`` otherwise.
    """
    wanted = _unique(contact_ids)
    change = ListChange()
    with store_db.atomic():
        listed = _listed_among(user, wanted)
        states = _contact_states([cid for cid in wanted if cid not in listed])
        for chunk in _chunks([cid for cid in wanted if cid in listed], CHUNK):
            ContactToSync.delete().where(
                ContactToSync.user == user, ContactToSync.contact.in_(chunk)
            ).execute()
        for contact_id in wanted:
            if contact_id in listed:
                change.changed.append(contact_id)
            elif contact_id in states:
                change.unchanged.append(contact_id)
            else:
                change.unknown.append(contact_id)
        change.listed = count_listed(user)
    return change


def count_listed(user: User) -> int:
    """How many live contacts ``user``'s list holds: what the cap counts. A deleted contact
    stays in the list until removed, but is no longer synced, so it takes no room."""
    return (
        ContactToSync.select()
        .join(Contact, on=(ContactToSync.contact == Contact.id))
        .where(ContactToSync.user == user, Contact.deleted_at.is_null())
        .count()
    )


def listed_contacts(user: User) -> list[ListedContact]:
    """``user``'s list in the order contacts were added, in one query."""
    query = (
        ContactToSync.select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.email,
            Contact.deleted_at,
            Company.name,
            ContactToSync.added_at,
        )
        .join(Contact, on=(ContactToSync.contact == Contact.id))
        .join(Company, peewee.JOIN.LEFT_OUTER, on=(Contact.company == Company.id))
        .where(ContactToSync.user == user)
        .order_by(ContactToSync.added_at, ContactToSync.id)
    )
    rows = []
    for contact_id, first, last, email, deleted_at, company, added_at in _rows(query):
        rows.append(
            ListedContact(
                contact_id=contact_id,
                name=" ".join(part for part in (first, last) if part),
                company=company or "",
                email=email or "",
                added_at=_as_datetime(added_at),
                deleted=deleted_at is not None,
            )
        )
    return rows


def live_contact_ids_of_company(code: str) -> list[int] | None:
    """The live contacts of the company whose code is ``code`` (case aside), by name;
    ``None`` when there is no such company."""
    company = Company.get_or_none(peewee.fn.UPPER(Company.code) == code.strip().upper())
    if company is None:
        return None
    query = (
        Contact.live()
        .select(Contact.id)
        .where(Contact.company == company)
        .order_by(Contact.last_name, Contact.first_name, Contact.id)
    )
    return [row[0] for row in _rows(query)]


def live_contact_ids_matching(text: str) -> list[int]:
    """The live contacts whose name, e-mail or company holds ``text`` (case aside), by name."""
    pattern = f"%{text.strip()}%"
    query = (
        Contact.live()
        .select(Contact.id)
        .join(Company, peewee.JOIN.LEFT_OUTER, on=(Contact.company == Company.id))
        .where(
            Contact.last_name.ilike(pattern)
            | Contact.first_name.ilike(pattern)
            | Contact.email.ilike(pattern)
            | Company.name.ilike(pattern)
        )
        .order_by(Contact.last_name, Contact.first_name, Contact.id)
    )
    return [row[0] for row in _rows(query)]


# --- helpers ------------------------------------------------------------------------------


def _unique(ids: Iterable[int]) -> list[int]:
    """The ids once each, in the order first given."""
    return list(dict.fromkeys(int(i) for i in ids))


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _contact_states(ids: Sequence[int]) -> dict[int, str]:
    """``live`` or ``deleted`` for each id that names a contact."""
    states: dict[int, str] = {}
    for chunk in _chunks(ids, CHUNK):
        query = Contact.select(Contact.id, Contact.deleted_at).where(Contact.id.in_(chunk))
        for contact_id, deleted_at in _rows(query):
            states[contact_id] = "live" if deleted_at is None else "deleted"
    return states


def _listed_among(user: User, ids: Sequence[int]) -> set[int]:
    listed: set[int] = set()
    for chunk in _chunks(ids, CHUNK):
        query = ContactToSync.select(ContactToSync.contact).where(
            ContactToSync.user == user, ContactToSync.contact.in_(chunk)
        )
        listed.update(row[0] for row in _rows(query))
    return listed


def _rows(query: peewee.ModelSelect[Any]) -> Iterator[tuple[Any, ...]]:
    """The query's rows as plain tuples, read as they come."""
    rows: Iterator[tuple[Any, ...]] = query.tuples().iterator()
    return rows


def _as_datetime(value: object) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None
