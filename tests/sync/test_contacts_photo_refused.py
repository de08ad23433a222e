"""A photo the sync refuses to send is remembered in the link's own column (not in the photo
hash, nor in the synced values): told once, forgotten when a good photo replaces it, told
again for another bad one."""

from __future__ import annotations

import datetime as dt

from test_contacts_sync import (
    contacts_sync,
    listed,
    make_contact,
    own_photo,
    people,  # noqa: F401  (the fixture)
    person_of,
    photo_calls,
    picture,
)

from crmsync.crm.models import Contact
from crmsync.sync.state import KIND_CONTACT, SyncLink, SyncLogEntry


def link_of(contact: Contact) -> SyncLink:
    return SyncLink.get(SyncLink.kind == KIND_CONTACT, SyncLink.crm_id == contact.id)


def told() -> int:
    return SyncLogEntry.select().where(SyncLogEntry.result == "skipped").count()


def new_photo(contact: Contact, data: bytes, minutes: int) -> None:
    contact.set_photo(data)
    # A later change each time, so the photo's stamp changes whatever the clock's resolution.
    contact.photo_updated_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
        minutes=minutes
    )
    contact.save()


def test_a_refused_photo_is_a_column_of_the_link(bench, people, emulator):  # noqa: F811
    contact = make_contact(email="photo@example.com")
    new_photo(contact, b"not an image at all", 1)
    listed(bench, contact)

    assert contacts_sync(bench).ok
    link = link_of(contact)
    assert (link.photo_rejected, link.photo_hash) == (True, "")
    assert "photo_rejected" not in link.synced_values
    assert contacts_sync(bench).ok
    assert told() == 1

    new_photo(Contact.get_by_id(contact.id), picture((10, 120, 200)), 2)
    assert contacts_sync(bench).ok
    link = link_of(contact)
    assert link.photo_rejected is False and len(link.photo_hash) == 64
    assert own_photo(person_of(people, contact))
    assert photo_calls(emulator, "updateContactPhoto") == 1

    new_photo(Contact.get_by_id(contact.id), b"%PDF-1.4\n" + b"0" * 500, 3)
    assert contacts_sync(bench).ok
    assert link_of(contact).photo_rejected is True
    assert told() == 2
