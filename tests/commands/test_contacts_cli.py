"""``crmsync contacts add|remove|list``, run through the real command-line entry point."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from crmsync.cli import main
from crmsync.crm import db as store
from crmsync.crm.models import Company, Contact, ContactToSync, SyncSettings, User
from crmsync.sync.state import KIND_CONTACT, KIND_EVENT, SyncLink


@pytest.fixture
def crm(tmp_path):
    """Run ``crmsync --db <file> ...`` and give back (exit code, stdout, stderr)."""
    path = tmp_path / "crm.sqlite"
    store.open_database(path)
    User.create(login="marie", name="Marie Dupont", time_zone="Europe/Paris")
    store.close_database()

    def run(capsys, *argv):
        code = main(["--db", str(path), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    run.path = path
    return run


@pytest.fixture(autouse=True)
def _closed_afterwards():
    yield
    store.close_database()


def seed(path, count: int, **fields) -> list[int]:  # type: ignore[no-untyped-def]
    store.open_database(path)
    try:
        rows = [{"last_name": f"Nom{n:05d}", "first_name": "Jean", **fields} for n in range(count)]
        with store.atomic():
            for start in range(0, count, 300):
                Contact.insert_many(rows[start : start + 300]).execute()
        return [c.id for c in Contact.select(Contact.id).order_by(Contact.id)][-count:]
    finally:
        store.close_database()


def listed(path) -> list[int]:  # type: ignore[no-untyped-def]
    store.open_database(path)
    try:
        query = ContactToSync.select().order_by(ContactToSync.id)
        return [row.contact_id for row in query]
    finally:
        store.close_database()


def test_add_then_list_then_remove(crm, capsys):
    ids = seed(crm.path, 3)
    code, out, err = crm(capsys, "contacts", "add", "--user", "marie", *map(str, ids))
    assert (code, err) == (0, "")
    assert out == "marie's contacts to sync: 3 added, 0 already listed; 3 of 2000 listed.\n"
    code, out, err = crm(capsys, "contacts", "add", "--user", "marie", str(ids[0]))
    assert out == "marie's contacts to sync: 0 added, 1 already listed; 3 of 2000 listed.\n"
    code, out, err = crm(capsys, "contacts", "remove", "--user", "marie", str(ids[1]))
    assert (code, err) == (0, "")
    assert out == "marie's contacts to sync: 1 removed, 0 not in the list; 2 of 2000 listed.\n"
    assert listed(crm.path) == [ids[0], ids[2]]


def test_2001_contacts_the_one_left_out_is_named_and_the_exit_is_1(crm, capsys):
    ids = seed(crm.path, 2001)
    code, out, err = crm(capsys, "contacts", "add", "--user", "marie", *map(str, ids))
    assert code == 1
    assert err == (
        "crmsync: warning: 1 contact(s) left out, the list being full (2000 at most): "
        f"{ids[-1]} (Jean Nom02000). Remove contacts from the list to make room.\n"
    )
    assert out == (
        "marie's contacts to sync: 2000 added, 0 already listed, 1 left out (list full); "
        "2000 of 2000 listed.\n"
    )
    assert len(listed(crm.path)) == 2000 and ids[-1] not in listed(crm.path)


def test_unknown_and_deleted_contacts_are_named_and_the_exit_is_1(crm, capsys):
    ids = seed(crm.path, 2)
    store.open_database(crm.path)
    Contact.get_by_id(ids[1]).soft_delete()
    store.close_database()
    code, out, err = crm(
        capsys, "contacts", "add", "--user", "marie", str(ids[0]), "777777", str(ids[1])
    )
    assert code == 1
    assert "crmsync: warning: no contact with id 777777.\n" in err
    assert f"crmsync: warning: deleted contact(s), not added: {ids[1]} (Jean Nom00001).\n" in err
    assert "1 added, 0 already listed, 1 unknown, 1 deleted; 1 of 2000 listed." in out


def test_add_json_reports_every_id(crm, capsys):
    ids = seed(crm.path, 2)
    code, out, _ = crm(capsys, "contacts", "add", "--user", "marie", "--json", *map(str, ids))
    report = json.loads(out)
    assert code == 0
    assert report["changed"] == ids and report["left_out"] == [] and report["listed"] == 2
    assert report["cap"] == 2000 and report["user"] == "marie"


def test_set_up_mistakes_exit_2(crm, capsys):
    code, _, err = crm(capsys, "contacts", "add", "--user", "zoe", "1")
    assert code == 2 and "Unknown user 'zoe'" in err
    code, _, err = crm(capsys, "contacts", "add", "--user", "marie")
    assert code == 2 and "Say which contacts to add" in err
    code, _, err = crm(capsys, "contacts", "add", "--user", "marie", "--all-of-company", "NOPE")
    assert code == 2 and "No company with code 'NOPE'" in err
    code, _, err = crm(capsys, "contacts", "remove", "--user", "marie")
    assert code == 2 and "Say which contacts to remove" in err
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(crm.path), "contacts", "add", "--user", "marie", "abc"])
    assert caught.value.code == 2
    assert "invalid int value: 'abc'" in capsys.readouterr().err


def test_add_a_company_and_a_search(crm, capsys):
    store.open_database(crm.path)
    cabinet = Company.create(code="CAB", name="Cabinet Dupont")
    anne = Contact.create(last_name="Durand", first_name="Anne", company=cabinet)
    luc = Contact.create(last_name="Bernard", first_name="Luc", company=cabinet)
    zoe = Contact.create(last_name="Zola", first_name="Zoé", email="zoe@lilas.fr")
    store.close_database()
    code, out, _ = crm(capsys, "contacts", "add", "--user", "marie", "--all-of-company", "cab")
    assert code == 0 and "2 added" in out
    assert listed(crm.path) == [luc.id, anne.id]  # by name
    code, out, _ = crm(capsys, "contacts", "add", "--user", "marie", "--search", "LILAS")
    assert code == 0 and "1 added" in out
    code, _, err = crm(capsys, "contacts", "add", "--user", "marie", "--search", "nobody")
    assert code == 1 and "no contact matches 'nobody'" in err
    assert listed(crm.path) == [luc.id, anne.id, zoe.id]


def test_remove_all_empties_the_list(crm, capsys):
    ids = seed(crm.path, 5)
    crm(capsys, "contacts", "add", "--user", "marie", *map(str, ids))
    code, out, _ = crm(capsys, "contacts", "remove", "--user", "marie", "--all")
    assert code == 0 and "5 removed" in out and "0 of 2000 listed" in out
    code, out, _ = crm(capsys, "contacts", "remove", "--user", "marie", "4242")
    assert code == 1 and "1 unknown" in out


def test_list_shows_who_is_synced_and_the_last_sync(crm, capsys):
    store.open_database(crm.path)
    marie = User.get(User.login == "marie")
    cabinet = Company.create(code="CAB", name="Cabinet Dupont")
    anne = Contact.create(
        last_name="Durand", first_name="Anne", email="anne@dupont.fr", company=cabinet
    )
    luc = Contact.create(last_name="Petit", first_name="Luc")
    for contact in (anne, luc):
        ContactToSync.create(user=marie, contact=contact)
    SyncLink.create(user=marie, kind=KIND_CONTACT, crm_id=anne.id, google_id="people/c1")
    # An event link with the same number is no contact link.
    SyncLink.create(user=marie, kind=KIND_EVENT, crm_id=luc.id, google_id="ev1")
    settings = SyncSettings.for_user(marie)
    settings.contacts_synced_at = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
    settings.contacts_synced_count = 1
    settings.save()
    store.close_database()
    code, out, _ = crm(capsys, "contacts", "list", "--user", "marie")
    assert code == 0
    assert out.splitlines() == [
        "ID  NAME         COMPANY         E-MAIL          SYNCED",
        f"{anne.id}   Anne Durand  Cabinet Dupont  anne@dupont.fr  yes",
        f"{luc.id}   Luc Petit    -               -               no",
        "2 contact(s) in marie's list (of 2000).",
        "Contacts last synced 2026-03-02 09:30 (Europe/Paris): 1 contact(s).",
    ]
    code, out, _ = crm(capsys, "contacts", "list", "--user", "marie", "--json")
    report = json.loads(out)
    assert report["contacts_synced_at"] == "2026-03-02T08:30:00+00:00"
    assert report["contacts_synced_count"] == 1
    assert [(c["id"], c["synced"], c["company"]) for c in report["contacts"]] == [
        (anne.id, True, "Cabinet Dupont"),
        (luc.id, False, ""),
    ]


def test_an_empty_list_says_so(crm, capsys):
    code, out, _ = crm(capsys, "contacts", "list", "--user", "marie")
    assert code == 0
    assert out == "0 contact(s) in marie's list (of 2000).\nContacts never synced yet.\n"


def test_a_deleted_contact_is_shown_apart_until_removed(crm, capsys):
    ids = seed(crm.path, 2)
    crm(capsys, "contacts", "add", "--user", "marie", *map(str, ids))
    store.open_database(crm.path)
    Contact.get_by_id(ids[0]).soft_delete()
    store.close_database()
    code, out, _ = crm(capsys, "contacts", "list", "--user", "marie")
    assert code == 0
    assert f"\n{ids[0]}   Jean Nom00000 (deleted)  -" in out
    assert "1 contact(s) in marie's list (of 2000), and 1 deleted one(s), no longer synced." in out
