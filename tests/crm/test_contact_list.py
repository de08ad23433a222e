"""Each user's list of contacts to sync: many ids at once, within the cap, in bounded queries."""

from __future__ import annotations

import pytest

from crmsync.crm import queries
from crmsync.crm.contact_list import (
    CONTACTS_TO_SYNC_CAP,
    ContactListFull,
    add_contacts_to_sync,
    count_listed,
    listed_contacts,
    live_contact_ids_matching,
    live_contact_ids_of_company,
    remove_contacts_to_sync,
)
from crmsync.crm.db import close_database, current_database, open_database
from crmsync.crm.models import Company, Contact, ContactToSync, User


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "crm.sqlite")
    yield database
    close_database()


@pytest.fixture
def marie(db):
    return User.create(login="marie", name="Marie Dupont")


def make_contacts(count: int, stem: str = "Nom") -> list[int]:
    rows = [{"last_name": f"{stem}{n:05d}", "first_name": "Jean"} for n in range(count)]
    with current_database().atomic():
        for start in range(0, count, 300):
            Contact.insert_many(rows[start : start + 300]).execute()
    query = Contact.select(Contact.id).where(Contact.last_name.startswith(stem))
    return [c.id for c in query.order_by(Contact.id)]


class QueryCounter:
    """Counts the SQL statements the database runs (peewee's own hook)."""

    def __init__(self, database) -> None:  # type: ignore[no-untyped-def]
        self.database = database
        self.count = 0
        self._original = database.execute_sql

    def __enter__(self) -> QueryCounter:
        def counting(sql, params=None, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.count += 1
            return self._original(sql, params, *args, **kwargs)

        self.database.execute_sql = counting
        return self

    def __exit__(self, *exc: object) -> None:
        self.database.execute_sql = self._original


def test_the_cap_is_2000():
    assert CONTACTS_TO_SYNC_CAP == 2000


def test_2001_contacts_the_cap_names_the_one_left_out(marie):
    ids = make_contacts(2001)
    change = add_contacts_to_sync(marie, ids)
    assert change.changed == ids[:2000]
    assert change.left_out == [ids[-1]]
    assert (change.unknown, change.deleted, change.unchanged) == ([], [], [])
    assert change.listed == count_listed(marie) == 2000
    assert not change.complete


def test_what_is_listed_already_counts_and_the_room_left_is_used_in_order(marie):
    ids = make_contacts(10)
    add_contacts_to_sync(marie, ids[:4])
    change = add_contacts_to_sync(marie, [ids[5], ids[1], ids[6], ids[7]], cap=6)
    assert change.unchanged == [ids[1]]
    assert change.changed == [ids[5], ids[6]]
    assert change.left_out == [ids[7]]
    assert change.listed == 6


def test_unknown_and_deleted_ids_are_named_not_added(marie):
    ids = make_contacts(3)
    Contact.get_by_id(ids[1]).soft_delete()
    change = add_contacts_to_sync(marie, [ids[0], 999_999, ids[1], ids[2], ids[0]])
    assert change.changed == [ids[0], ids[2]]  # the repeated id counts once
    assert change.unknown == [999_999]
    assert change.deleted == [ids[1]]
    assert change.as_dict()["listed"] == 2


def test_adding_and_removing_thousands_takes_a_bounded_number_of_queries(marie, db):
    ids = make_contacts(1500)
    with QueryCounter(db) as counter:
        add_contacts_to_sync(marie, ids)
    assert 3 <= counter.count <= 20  # chunks of 500 ids to read, of 166 rows to write
    assert count_listed(marie) == 1500
    with QueryCounter(db) as counter:
        change = remove_contacts_to_sync(marie, [*ids[:1200], 999_999])
    assert counter.count <= 15
    assert len(change.changed) == 1200 and change.unknown == [999_999]
    assert count_listed(marie) == 300


def test_a_deleted_contact_in_the_list_takes_no_room(marie):
    ids = make_contacts(4)
    add_contacts_to_sync(marie, ids[:3], cap=3)
    Contact.get_by_id(ids[0]).soft_delete()  # the sync no longer pushes it
    change = add_contacts_to_sync(marie, [ids[3]], cap=3)
    assert change.changed == [ids[3]] and change.listed == 3 == count_listed(marie)
    assert len(listed_contacts(marie)) == 4  # still shown, marked deleted, until removed


def test_remove_tells_what_was_not_listed(marie):
    ids = make_contacts(3)
    add_contacts_to_sync(marie, ids[:1])
    Contact.get_by_id(ids[0]).soft_delete()  # a deleted contact can still be taken out
    change = remove_contacts_to_sync(marie, [ids[0], ids[2], 424_242])
    assert (change.changed, change.unchanged, change.unknown) == ([ids[0]], [ids[2]], [424_242])
    assert change.listed == 0


def test_lists_are_per_user(marie):
    paul = User.create(login="paul", name="Paul")
    ids = make_contacts(3)
    add_contacts_to_sync(marie, ids, cap=2)
    assert add_contacts_to_sync(paul, ids).changed == ids


def test_listed_contacts_come_in_the_order_added_with_their_company(marie):
    cabinet = Company.create(code="CAB", name="Cabinet Dupont")
    anne = Contact.create(last_name="Durand", first_name="Anne", email="a@d.fr", company=cabinet)
    luc = Contact.create(last_name="Petit", first_name="Luc")
    add_contacts_to_sync(marie, [luc.id])
    add_contacts_to_sync(marie, [anne.id])
    luc.soft_delete()
    rows = listed_contacts(marie)
    assert [(r.contact_id, r.name, r.company, r.email, r.deleted) for r in rows] == [
        (luc.id, "Luc Petit", "", "", True),
        (anne.id, "Anne Durand", "Cabinet Dupont", "a@d.fr", False),
    ]
    assert rows[0].added_at is not None and rows[0].added_at.tzinfo is not None


def test_company_and_search_find_live_contacts(db):
    cabinet = Company.create(code="CabDup", name="Cabinet Dupont")
    anne = Contact.create(last_name="Durand", first_name="Anne", company=cabinet)
    zoe = Contact.create(last_name="Zola", first_name="Zoé", company=cabinet)
    gone = Contact.create(last_name="Ancien", company=cabinet)
    gone.soft_delete()
    other = Contact.create(last_name="Martin", email="martin@dupont-avocats.fr")
    assert live_contact_ids_of_company("cabdup") == [anne.id, zoe.id]
    assert live_contact_ids_of_company("NOPE") is None
    assert live_contact_ids_matching("dupont") == [anne.id, other.id, zoe.id]
    assert live_contact_ids_matching("zol") == [zoe.id]


def test_the_single_contact_functions_keep_to_the_cap(marie):
    ids = make_contacts(CONTACTS_TO_SYNC_CAP + 1)
    add_contacts_to_sync(marie, ids[:-1])
    last = Contact.get_by_id(ids[-1])
    with pytest.raises(ContactListFull, match="marie's list of contacts to sync is full"):
        queries.add_contact_to_sync(marie, last)
    assert not queries.add_contact_to_sync(marie, Contact.get_by_id(ids[0]))
    assert queries.remove_contact_to_sync(marie, Contact.get_by_id(ids[0]))
    assert queries.add_contact_to_sync(marie, last)
    assert ContactToSync.select().where(ContactToSync.user == marie).count() == 2000
