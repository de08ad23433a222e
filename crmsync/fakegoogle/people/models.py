"""Contacts per account, their change order, and the People backend (state and rules).

Every write moves a contact to the end of its address book's ordered dict and gives it the
next change number (``seq``), so the dict order *is* last-modified-ascending order: a full
listing walks it forwards and an incremental sync walks it backwards only as far as the
token's change number. Deleted contacts stay as tombstones so syncs can report them.

Contact groups (labels) live beside the contacts in the same address book; a contact's
``memberships`` field is the one record of who belongs where, so a group's members and
count are always read from the contacts and can never drift from them.

Google says writes may take minutes to show in incremental sync results; the emulator
shows them at once. The sync engine must not depend on either (it never reads its own
writes through a sync token), so immediate visibility hides no bug there.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from crmsync.fakegoogle.state import Account


def _new_etag(prefix: str, size: int) -> str:
    return prefix + base64.b64encode(secrets.token_bytes(size)).decode()


@dataclass
class Photo:
    """A user-provided contact photo; ``key`` is the opaque part of its URL."""

    key: str
    data: bytes
    mime: str


@dataclass
class Contact:
    """One contact source: what the client stored, plus server-side bookkeeping."""

    number: int  # resource name "people/c<number>"; the source id is its hex form
    fields: dict[str, list[dict[str, Any]]]
    etag: str
    source_etag: str
    update_time: float
    seq: int
    deleted: bool = False
    photo: Photo | None = None

    @property
    def person_id(self) -> str:
        return f"c{self.number}"

    @property
    def resource_name(self) -> str:
        return f"people/c{self.number}"

    @property
    def source_id(self) -> str:
        return f"{self.number:x}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": self.number,
            "fields": self.fields,
            "etag": self.etag,
            "source_etag": self.source_etag,
            "update_time": self.update_time,
            "seq": self.seq,
            "deleted": self.deleted,
        }
        if self.photo is not None:
            data["photo"] = {
                "key": self.photo.key,
                "mime": self.photo.mime,
                "data": base64.b64encode(self.photo.data).decode("ascii"),
            }
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contact:
        photo = data.get("photo")
        return cls(
            number=int(data["number"]),
            fields=data.get("fields", {}),
            etag=data["etag"],
            source_etag=data["source_etag"],
            update_time=float(data["update_time"]),
            seq=int(data["seq"]),
            deleted=bool(data.get("deleted", False)),
            photo=Photo(photo["key"], base64.b64decode(photo["data"]), photo["mime"])
            if photo
            else None,
        )


# Google's system groups, in the order contactGroups.list shows them (after the user's own
# groups). formattedName is the English one: the emulator's accounts use an English locale.
SYSTEM_GROUPS: dict[str, str] = {
    "chatBuddies": "Chat contacts",
    "all": "All Contacts",
    "myContacts": "My Contacts",
    "friends": "Friends",
    "family": "Family",
    "coworkers": "Coworkers",
    "blocked": "Blocked",
    "starred": "Starred",
}
# The only system groups a contact can be added to; the others are deprecated and only
# give members up. "all" is every contact and is never a stored membership.
ADDABLE_SYSTEM_GROUPS = ("myContacts", "starred")
MY_CONTACTS = "contactGroups/myContacts"


def membership(resource_name: str) -> dict[str, Any]:
    """A stored membership entry (contactGroupId is derived when rendered)."""
    return {"contactGroupMembership": {"contactGroupResourceName": resource_name}}


def group_names_of(contact: Contact) -> list[str]:
    """The group resource names a contact belongs to, in stored order."""
    return [
        str(m.get("contactGroupMembership", {}).get("contactGroupResourceName", ""))
        for m in contact.fields.get("memberships") or []
    ]


@dataclass
class Group:
    """A user contact group (a label); system groups are not stored, only derived."""

    group_id: str  # hex, as Google's: the resource name is "contactGroups/<group_id>"
    number: int  # creation order: full listings show the newest group first
    name: str
    client_data: list[dict[str, str]]
    etag: str
    update_time: float
    seq: int  # change number among the book's groups (sync tokens)
    deleted: bool = False

    @property
    def resource_name(self) -> str:
        return f"contactGroups/{self.group_id}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "group_id": self.group_id,
            "number": self.number,
            "name": self.name,
            "client_data": self.client_data,
            "etag": self.etag,
            "update_time": self.update_time,
            "seq": self.seq,
            "deleted": self.deleted,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Group:
        return cls(
            group_id=str(data["group_id"]),
            number=int(data["number"]),
            name=str(data["name"]),
            client_data=list(data.get("client_data") or []),
            etag=str(data["etag"]),
            update_time=float(data["update_time"]),
            seq=int(data["seq"]),
            deleted=bool(data.get("deleted", False)),
        )


@dataclass
class AddressBook:
    """One account's contacts, in last-modified order, with tombstones."""

    epoch: str = field(default_factory=lambda: secrets.token_hex(6))  # new after a reset
    seq: int = 0
    contacts: dict[str, Contact] = field(default_factory=dict)
    live: int = 0
    groups: dict[str, Group] = field(default_factory=dict)  # by group id, tombstones kept
    group_seq: int = 0
    group_count: int = 0  # groups ever created (their creation numbers)

    # --- reads ---------------------------------------------------------------------

    def get(self, person_id: str) -> Contact | None:
        """A live contact by id (``c123``); deleted ones are gone for reads."""
        found = self.contacts.get(person_id)
        return None if found is None or found.deleted else found

    def live_contacts(self) -> Iterator[Contact]:
        return (c for c in self.contacts.values() if not c.deleted)

    def after(self, cursor: int, *, since: int = 0, include_deleted: bool = False) -> Iterator:
        """Contacts changed after max(cursor, since), oldest change first.

        Walks backwards from the newest change and stops at the bound, so an incremental
        sync costs the number of changes, not the size of the address book.
        """
        bound = max(cursor, since)
        newer: list[Contact] = []
        for contact in reversed(self.contacts.values()):
            if contact.seq <= bound:
                break
            if include_deleted or not contact.deleted:
                newer.append(contact)
        return reversed(newer)

    def count_changed_since(self, since: int) -> int:
        return sum(1 for _ in self.after(0, since=since, include_deleted=True))

    # --- writes --------------------------------------------------------------------

    def create(self, fields: dict[str, list[dict[str, Any]]], now: float) -> Contact:
        number = secrets.randbits(62) | (1 << 61)  # 19 digits, like Google's contact ids
        while f"c{number}" in self.contacts:
            number = secrets.randbits(62) | (1 << 61)
        if "memberships" not in fields or not fields["memberships"]:
            # A contact made through the API lands in "My Contacts".
            fields["memberships"] = [membership(MY_CONTACTS)]
        contact = Contact(number, fields, "", "", now, 0)
        self.contacts[contact.person_id] = contact
        self.live += 1
        self._touch(contact, now)
        return contact

    def update(self, contact: Contact, fields: dict[str, list[dict[str, Any]]], now: float) -> None:
        """Replace the given fields (an empty list clears one)."""
        for name, items in fields.items():
            if items:
                contact.fields[name] = items
            else:
                contact.fields.pop(name, None)
        self._touch(contact, now)

    def delete(self, contact: Contact, now: float) -> None:
        contact.deleted = True
        contact.fields = {}
        contact.photo = None
        self.live -= 1
        self._touch(contact, now)

    def set_photo(self, contact: Contact, photo: Photo | None, now: float) -> None:
        contact.photo = photo
        self._touch(contact, now)

    # --- groups --------------------------------------------------------------------

    def group(self, group_id: str) -> Group | None:
        """A live user group by id; deleted ones are gone for reads."""
        found = self.groups.get(group_id)
        return None if found is None or found.deleted else found

    def live_groups(self) -> list[Group]:
        """User groups, newest first (the order of a full listing)."""
        return sorted((g for g in self.groups.values() if not g.deleted), key=lambda g: -g.number)

    def group_named(self, name: str) -> Group | None:
        """The live user group with that name (compared as Google does, ignoring case)."""
        key = name.strip().casefold()
        return next((g for g in self.live_groups() if g.name.casefold() == key), None)

    def groups_changed_since(self, since: int) -> list[Group]:
        return sorted((g for g in self.groups.values() if g.seq > since), key=lambda g: g.seq)

    def create_group(self, name: str, client_data: list[dict[str, str]], now: float) -> Group:
        group_id = f"{secrets.randbits(63) | (1 << 59):x}"
        while group_id in self.groups or group_id in SYSTEM_GROUPS:
            group_id = f"{secrets.randbits(63) | (1 << 59):x}"
        self.group_count += 1
        group = Group(group_id, self.group_count, name, client_data, "", now, 0)
        self.groups[group_id] = group
        self._touch_group(group, now)
        return group

    def update_group(
        self, group: Group, name: str | None, client_data: list[dict[str, str]] | None, now: float
    ) -> None:
        if name is not None:
            group.name = name
        if client_data is not None:
            group.client_data = client_data
        self._touch_group(group, now)

    def delete_group(self, group: Group, now: float, *, delete_contacts: bool) -> None:
        """Delete a group; its members lose the membership, or are deleted with it."""
        for contact in self.members(group.resource_name):
            if delete_contacts:
                self.delete(contact, now)
            else:
                self.set_memberships(
                    contact, [n for n in group_names_of(contact) if n != group.resource_name], now
                )
        group.deleted = True
        group.client_data = []
        self._touch_group(group, now)

    def members(self, resource_name: str) -> list[Contact]:
        """Live contacts in a group, in change order ("all": every live contact)."""
        if resource_name == "contactGroups/all":
            return list(self.live_contacts())
        return [c for c in self.live_contacts() if resource_name in group_names_of(c)]

    def member_counts(self) -> dict[str, int]:
        """Members per group resource name, in one pass over the contacts."""
        counts: dict[str, int] = {"contactGroups/all": self.live}
        for contact in self.live_contacts():
            for name in set(group_names_of(contact)):
                counts[name] = counts.get(name, 0) + 1
        return counts

    def set_memberships(self, contact: Contact, names: list[str], now: float) -> None:
        """Replace a contact's memberships (a change of the contact: new etag)."""
        self.update(contact, {"memberships": [membership(n) for n in names]}, now)

    def _touch_group(self, group: Group, now: float) -> None:
        self.group_seq += 1
        group.seq = self.group_seq
        group.update_time = now
        group.etag = _new_etag("", 8)

    def _touch(self, contact: Contact, now: float) -> None:
        """A change: new etags and update time, next change number, end of the order."""
        self.seq += 1
        contact.seq = self.seq
        contact.update_time = now
        contact.etag = _new_etag("%", 18)
        contact.source_etag = _new_etag("#", 9)
        self.contacts.pop(contact.person_id, None)
        self.contacts[contact.person_id] = contact

    # --- persistence ---------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "epoch": self.epoch,
            "seq": self.seq,
            "contacts": [c.to_dict() for c in self.contacts.values()],
            "groups": [g.to_dict() for g in self.groups.values()],
            "group_seq": self.group_seq,
            "group_count": self.group_count,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AddressBook:
        book = cls(epoch=data["epoch"], seq=int(data["seq"]))
        for raw in sorted(data.get("contacts", []), key=lambda c: c["seq"]):
            contact = Contact.from_dict(raw)
            book.contacts[contact.person_id] = contact
            book.live += 0 if contact.deleted else 1
        for raw in data.get("groups", []):
            group = Group.from_dict(raw)
            book.groups[group.group_id] = group
        book.group_seq = int(data.get("group_seq", 0))
        book.group_count = int(data.get("group_count", len(book.groups)))
        return book


class PeopleBackend:
    """The People API's share of the emulator state: one address book per account."""

    name = "people"

    def __init__(self) -> None:
        self.books: dict[str, AddressBook] = {}

    def book(self, email: str) -> AddressBook:
        key = email.lower()
        found = self.books.get(key)
        if found is None:
            found = self.books[key] = AddressBook()
        return found

    def find_photo(self, key: str) -> Photo | None:
        """The photo behind a served URL (a linear scan: photo fetches are rare)."""
        for book in self.books.values():
            for contact in book.contacts.values():
                if contact.photo is not None and contact.photo.key == key:
                    return contact.photo
        return None

    def new_photo(self, data: bytes, mime: str) -> Photo:
        """A photo under a fresh URL key (Google's photo URLs change with every upload)."""
        return Photo(secrets.token_urlsafe(24), data, mime)

    # --- backend protocol ----------------------------------------------------------

    def on_account_created(self, account: Account) -> None:
        self.book(account.email)

    def reset(self) -> None:
        self.books.clear()

    def dump(self) -> dict[str, Any]:
        return {"books": {email: book.to_dict() for email, book in self.books.items()}}

    def load(self, data: dict[str, Any]) -> None:
        self.books = {
            email: AddressBook.from_dict(raw) for email, raw in data.get("books", {}).items()
        }
