"""``/_emulator/people/<email>/...``: acting on an account's contacts as a phone would.

These routes change contacts and labels the way another device does (no etag needed, no
quota), so tests can make the Google side drift and check that sync notices; they also
list the raw address book and groups, tombstones included.
"""

from __future__ import annotations

from typing import Any

from crmsync.fakegoogle.http import Request, Response, Route
from crmsync.fakegoogle.people import exceptions as errors
from crmsync.fakegoogle.people import groups, photos
from crmsync.fakegoogle.people.fields import (
    READ_FIELDS,
    WRITE_FIELDS,
    check_schema,
    writable_fields,
)
from crmsync.fakegoogle.people.models import AddressBook, Contact, Group, PeopleBackend
from crmsync.fakegoogle.people.render import render_contact, render_deleted, timestamp
from crmsync.fakegoogle.state import EmulatorState

PREFIX = "/_emulator/people/{email}/contacts"
GROUPS = "/_emulator/people/{email}/groups"


def _book(request: Request, state: EmulatorState) -> AddressBook:
    email = request.params["email"]
    if "@" not in email:
        raise errors.invalid_argument("an account is named by its e-mail address")
    state.account(email)  # acting on an account creates it, as using it would
    backend: PeopleBackend = state.backend("people")
    return backend.book(email)


def _contact(request: Request, book: AddressBook) -> Contact:
    found = book.get(request.params["person_id"].removeprefix("people/"))
    if found is None:
        raise errors.not_found()
    return found


def _full(contact: Contact, state: EmulatorState) -> dict[str, Any]:
    return render_contact(contact, list(READ_FIELDS), state.base_url)


def list_raw(request: Request, state: EmulatorState) -> Response:
    """Every contact in change order, deleted ones included, with its change number."""
    entries = [
        {
            "resourceName": c.resource_name,
            "deleted": c.deleted,
            "seq": c.seq,
            "updateTime": timestamp(c.update_time),
            "hasPhoto": c.photo is not None,
            "person": render_deleted(c) if c.deleted else _full(c, state),
        }
        for c in _book(request, state).contacts.values()
    ]
    return Response(200, {"contacts": entries})


def add(request: Request, state: EmulatorState) -> Response:
    person = check_schema(request.json(), "Person", "person")
    book = _book(request, state)
    data = writable_fields(person)
    groups.check_memberships(book, data, None, allow_deprecated=True)
    contact = book.create(data, state.clock.time())
    state.dirty = True
    return Response(200, _full(contact, state))


def edit(request: Request, state: EmulatorState) -> Response:
    """Replace the fields present in the body (an empty list or null clears one)."""
    person = check_schema(request.json(), "Person", "person")
    book = _book(request, state)
    contact = _contact(request, book)
    data = writable_fields(person, only=[f for f in WRITE_FIELDS if f in person])
    if "memberships" in data and not data["memberships"]:
        raise errors.invalid_argument("A contact must stay in at least one contact group.")
    groups.check_memberships(book, data, contact, allow_deprecated=True)
    book.update(contact, data, state.clock.time())
    state.dirty = True
    return Response(200, _full(contact, state))


def remove(request: Request, state: EmulatorState) -> Response:
    book = _book(request, state)
    contact = _contact(request, book)
    book.delete(contact, state.clock.time())
    state.dirty = True
    return Response(200, {"deleted": contact.resource_name})


def set_photo(request: Request, state: EmulatorState) -> Response:
    data = photos.decode_photo_bytes(request.json().get("photoBytes"))
    mime = photos.validate(data)
    book = _book(request, state)
    contact = _contact(request, book)
    backend: PeopleBackend = state.backend("people")
    book.set_photo(contact, backend.new_photo(data, mime), state.clock.time())
    state.dirty = True
    return Response(200, _full(contact, state))


def clear_photo(request: Request, state: EmulatorState) -> Response:
    book = _book(request, state)
    contact = _contact(request, book)
    book.set_photo(contact, None, state.clock.time())
    state.dirty = True
    return Response(200, _full(contact, state))


def list_groups_raw(request: Request, state: EmulatorState) -> Response:
    """Every user group, deleted ones included, with its members."""
    book = _book(request, state)
    entries = [
        {
            "resourceName": g.resource_name,
            "name": g.name,
            "etag": g.etag,
            "deleted": g.deleted,
            "seq": g.seq,
            "updateTime": timestamp(g.update_time),
            "members": [c.resource_name for c in book.members(g.resource_name)],
        }
        for g in book.groups.values()
    ]
    return Response(200, {"groups": entries})


def _group(request: Request, book: AddressBook) -> Group:
    found = book.group(request.params["group_id"].removeprefix("contactGroups/"))
    if found is None:
        raise errors.not_found()
    return found


def _named(request: Request, book: AddressBook, current: Group | None) -> str:
    name = str(request.json().get("name") or "").strip()
    if not name:
        raise errors.group_name_missing()
    other = book.group_named(name)
    if other is not None and other is not current:
        raise errors.group_name_taken(name)
    return name


def add_group(request: Request, state: EmulatorState) -> Response:
    """A label made on the phone: ``{"name": ...}``."""
    book = _book(request, state)
    group = book.create_group(_named(request, book, None), [], state.clock.time())
    state.dirty = True
    return Response(200, {"resourceName": group.resource_name, "etag": group.etag})


def rename_group(request: Request, state: EmulatorState) -> Response:
    """A label renamed on the phone (no etag needed): ``{"name": ...}``."""
    book = _book(request, state)
    group = _group(request, book)
    book.update_group(group, _named(request, book, group), None, state.clock.time())
    state.dirty = True
    return Response(200, {"resourceName": group.resource_name, "etag": group.etag})


def remove_group(request: Request, state: EmulatorState) -> Response:
    """A label deleted on the phone; ``?deleteContacts=true`` deletes its contacts too."""
    book = _book(request, state)
    group = _group(request, book)
    with_contacts = (request.arg("deleteContacts") or "").lower() == "true"
    book.delete_group(group, state.clock.time(), delete_contacts=with_contacts)
    state.dirty = True
    return Response(200, {"deleted": group.resource_name})


ROUTES = [
    Route("GET", PREFIX, list_raw, "emulator.people.contacts.list"),
    Route("POST", PREFIX, add, "emulator.people.contacts.add"),
    Route("PATCH", PREFIX + "/{person_id}", edit, "emulator.people.contacts.edit"),
    Route("DELETE", PREFIX + "/{person_id}", remove, "emulator.people.contacts.delete"),
    Route("PUT", PREFIX + "/{person_id}/photo", set_photo, "emulator.people.photo.set"),
    Route("DELETE", PREFIX + "/{person_id}/photo", clear_photo, "emulator.people.photo.clear"),
    Route("GET", GROUPS, list_groups_raw, "emulator.people.groups.list"),
    Route("POST", GROUPS, add_group, "emulator.people.groups.add"),
    Route("PATCH", GROUPS + "/{group_id}", rename_group, "emulator.people.groups.rename"),
    Route("DELETE", GROUPS + "/{group_id}", remove_group, "emulator.people.groups.delete"),
]
