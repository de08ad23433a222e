"""The contact sync against the emulator, through the real People client (SPEC §4)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from agenda_bench import ALICE

from crmsync.crm import db as store
from crmsync.crm.models import Company, Contact, ContactToSync, SyncSettings
from crmsync.sync.contacts_apply import CONTACTS_CAP
from crmsync.sync.state import KIND_CONTACT, SyncLink, SyncLogEntry, forget_links

READ = "names,emailAddresses,phoneNumbers,addresses,organizations,biographies,clientData,memberships,birthdays,nicknames,photos,metadata"


@pytest.fixture
def people(bench, people_api):
    """Alice's phone: a real People client on the same account."""
    return people_api(ALICE)


def contacts_sync(bench, **options: Any):
    return bench.sync(agenda=False, contacts=True, **options)


def listed(bench, contact: Contact) -> Contact:
    ContactToSync.create(user=bench.user, contact=contact)
    return contact


def all_people(people) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    token = None
    while True:
        page = (
            people.people()
            .connections()
            .list(resourceName="people/me", personFields=READ, pageSize=1000, pageToken=token)
            .execute()
        )
        found.extend(page.get("connections", []))
        token = page.get("nextPageToken")
        if not token:
            return found


def person_of(people, contact: Contact) -> dict[str, Any]:
    found = [
        p
        for p in all_people(people)
        if {"key": "crmsyncContact", "value": str(contact.id)}
        in [{"key": d["key"], "value": d["value"]} for d in p.get("clientData", [])]
    ]
    assert len(found) == 1, f"{len(found)} people for contact {contact.id}"
    return found[0]


def label_group(people, name: str = "CRM") -> dict[str, Any] | None:
    groups = people.contactGroups().list(pageSize=1000).execute().get("contactGroups", [])
    found = [g for g in groups if g.get("name") == name and g["groupType"] == "USER_CONTACT_GROUP"]
    return found[0] if found else None


def members(people, group: dict[str, Any]) -> set[str]:
    full = people.contactGroups().get(resourceName=group["resourceName"], maxMembers=5000).execute()
    return set(full.get("memberResourceNames", []))


def phone_version(person: dict[str, Any]) -> dict[str, Any]:
    """What the phone's update carries of the person it read (etag and contact source)."""
    return {"etag": person["etag"], "metadata": {"sources": person["metadata"]["sources"]}}


def phone_edit(people, person: dict[str, Any], fields: str, **values: Any) -> dict[str, Any]:
    body = {**phone_version(person), **values}
    return (
        people.people()
        .updateContact(
            resourceName=person["resourceName"],
            updatePersonFields=fields,
            personFields=READ,
            body=body,
        )
        .execute()
    )


def make_contact(**fields: Any) -> Contact:
    values = {"first_name": "Élodie", "last_name": "Durand"}
    values.update(fields)
    return Contact.create(**values)


def test_every_field_goes_to_google_with_the_label_and_ids(bench, people):
    company = Company.create(code="ACME", name="Clinique des Érables")
    contact = listed(
        bench,
        make_contact(
            civility="Mme",
            company=company,
            function="Vétérinaire",
            email="elodie@example.com",
            phone="+33 1 23 45 67 89",
            mobile="+33 6 12 34 56 78",
            address1="12 rue des Lilas",
            address2="Bâtiment B",
            address3="BP 42",
            postal_code="69003",
            city="Lyon",
            country="France",
            comment="Préfère être appelée le matin ☕",
        ),
    )
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    assert summary.created["google"] == 1

    person = person_of(people, contact)
    assert person["names"][0]["displayName"] == "Élodie Durand"
    assert [(e["value"], e.get("type")) for e in person["emailAddresses"]] == [
        ("elodie@example.com", "work")
    ]
    assert sorted((p["value"], p.get("type")) for p in person["phoneNumbers"]) == [
        ("+33 1 23 45 67 89", "work"),
        ("+33 6 12 34 56 78", "mobile"),
    ]
    address = person["addresses"][0]
    assert address["streetAddress"] == "12 rue des Lilas\nBâtiment B"
    assert address["extendedAddress"] == "BP 42"
    assert (address["postalCode"], address["city"], address["country"]) == (
        "69003",
        "Lyon",
        "France",
    )
    assert person["organizations"][0]["name"] == "Clinique des Érables"
    assert person["organizations"][0]["title"] == "Vétérinaire"
    assert person["biographies"][0]["value"] == "Préfère être appelée le matin ☕"
    assert "Mme" not in json.dumps(person, ensure_ascii=False)  # civility does not sync
    group = label_group(people)
    assert group is not None and person["resourceName"] in members(people, group)

    settings = SyncSettings.for_user(bench.user)
    assert settings.contacts_synced_count == 1
    assert settings.contacts_synced_at is not None
    assert (
        SyncLogEntry.select()
        .where(SyncLogEntry.kind == KIND_CONTACT, SyncLogEntry.operation == "create")
        .count()
        == 1
    )


def test_an_unchanged_list_costs_one_request(bench, people):
    for i in range(3):
        listed(bench, make_contact(last_name=f"Durand{i}", email=f"d{i}@example.com"))
    first = contacts_sync(bench)
    assert first.created["google"] == 3
    again = contacts_sync(bench)
    assert again.ok, again.errors
    assert again.requests == 1
    assert again.created == {"crm": 0, "google": 0}
    assert again.updated == {"crm": 0, "google": 0}


def test_crm_edits_update_only_our_fields_and_keep_what_the_phone_added(bench, people):
    contact = listed(bench, make_contact(email="elodie@example.com", phone="01 02 03 04 05"))
    contacts_sync(bench)
    person = person_of(people, contact)
    phone_edit(
        people,
        person,
        "birthdays,emailAddresses,nicknames",
        birthdays=[{"date": {"year": 1990, "month": 5, "day": 17}}],
        nicknames=[{"value": "Lolo"}],
        emailAddresses=[
            {"value": "elodie@example.com", "type": "work"},
            {"value": "elodie.perso@example.org", "type": "home"},
        ],
    )
    contact.email = "e.durand@example.com"
    contact.city = "Villeurbanne"
    contact.save()
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    assert summary.updated["google"] == 1

    person = person_of(people, contact)
    assert person["birthdays"][0]["date"] == {"year": 1990, "month": 5, "day": 17}
    assert person["nicknames"][0]["value"] == "Lolo"
    assert [e["value"] for e in person["emailAddresses"]] == [
        "e.durand@example.com",
        "elodie.perso@example.org",
    ]
    assert person["addresses"][0]["city"] == "Villeurbanne"
    assert person["phoneNumbers"][0]["value"] == "01 02 03 04 05"


def test_comments_go_both_ways_and_a_conflict_follows_the_policy(bench, people):
    one = listed(bench, make_contact(last_name="Un", comment="début"))
    two = listed(bench, make_contact(last_name="Deux", comment="base"))
    contacts_sync(bench)

    # the phone writes a comment on one; the CRM edits the other
    phone_edit(people, person_of(people, one), "biographies", biographies=[{"value": "rappeler"}])
    two.comment = "vu au salon"
    two.save()
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    assert Contact.get_by_id(one.id).comment == "rappeler"
    assert person_of(people, two)["biographies"][0]["value"] == "vu au salon"
    assert summary.updated["crm"] == 1

    # both sides change the same comment: the CRM wins under the "crm" policy
    settings = SyncSettings.for_user(bench.user)
    settings.conflict_policy = "crm"
    settings.save()
    phone_edit(people, person_of(people, one), "biographies", biographies=[{"value": "téléphone"}])
    fresh = Contact.get_by_id(one.id)
    fresh.comment = "bureau"
    fresh.save()
    summary = contacts_sync(bench)
    assert summary.conflicts == 1
    assert Contact.get_by_id(one.id).comment == "bureau"
    assert person_of(people, one)["biographies"][0]["value"] == "bureau"
    entry = SyncLogEntry.get(SyncLogEntry.operation == "conflict")
    logged = json.loads(entry.fields)["comment"]
    assert logged == {"crm": "bureau", "google": "téléphone", "winner": "crm"}


def test_accents_emoji_and_a_100_kb_comment(bench, people):
    long_comment = ("Ligne très longue 🐄 " * 5000)[:100_000]
    contact = listed(
        bench, make_contact(first_name="Zoë 🐶", last_name="Ñúñez-Łukasz", comment=long_comment)
    )
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    person = person_of(people, contact)
    assert person["names"][0]["displayName"] == "Zoë 🐶 Ñúñez-Łukasz"
    assert person["biographies"][0]["value"] == long_comment
    assert contacts_sync(bench).requests == 1


def test_an_etag_race_reads_again_and_merges_again(bench, people, emulator):
    """The phone edits the contact after the sync read it and before its write arrives:
    Google refuses the stale etag, the sync reads again, merges again and writes."""
    import threading
    import time

    contact = listed(bench, make_contact(comment="base"))
    contacts_sync(bench)
    contact.city = "Lyon"
    contact.save()
    emulator.post("/counters/reset")
    emulator.post(
        "/faults",
        {
            "match": "people.people.batchUpdateContacts",
            "kind": "latency",
            "latency_ms": 2000,
            "count": 1,
        },
    )
    raced: list[bool] = []

    def phone_edits_in_between() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            seen = [e["method"] for e in emulator.get("/requests")["requests"]]
            if any(m.endswith("getBatchGet") for m in seen):  # our read is done
                phone_edit(
                    people,
                    person_of(people, contact),
                    "biographies,nicknames",
                    biographies=[{"value": "écrit sur le téléphone"}],
                    nicknames=[{"value": "Lolo"}],
                )
                raced.append(True)
                return
            time.sleep(0.02)

    phone = threading.Thread(target=phone_edits_in_between)
    phone.start()
    summary = contacts_sync(bench)
    phone.join()
    assert raced and summary.ok, summary.errors
    updates = [
        e
        for e in emulator.get("/requests")["requests"]
        if e["method"].endswith("batchUpdateContacts")
    ]
    assert [e["status"] for e in updates] == [400, 200]  # refused once, then merged again
    person = person_of(people, contact)
    assert person["addresses"][0]["city"] == "Lyon"
    assert person["nicknames"][0]["value"] == "Lolo"
    assert person["biographies"][0]["value"] == "écrit sur le téléphone"
    assert Contact.get_by_id(contact.id).comment == "écrit sur le téléphone"


def test_an_expired_sync_token_reads_everything_again_without_duplicates(
    bench, people, emulator, people_api
):
    contact = listed(bench, make_contact())
    contacts_sync(bench)
    emulator.post("/clock/advance", {"seconds": 8 * 24 * 3600})
    people = people_api(ALICE)  # the phone's access token expired with the week
    phone_edit(people, person_of(people, contact), "biographies", biographies=[{"value": "noté"}])
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    assert Contact.get_by_id(contact.id).comment == "noté"
    assert len(all_people(people)) == 1
    assert SyncLogEntry.select().where(SyncLogEntry.message.contains("expired")).exists()


def test_off_the_list_the_label_goes_and_the_contact_stays(bench, people):
    kept = listed(bench, make_contact(last_name="Reste"))
    gone = listed(bench, make_contact(last_name="Part"))
    deleted = listed(bench, make_contact(last_name="Supprimé"))
    contacts_sync(bench)
    group = label_group(people)
    assert group is not None and len(members(people, group)) == 3

    ContactToSync.delete().where(ContactToSync.contact == gone.id).execute()
    deleted.soft_delete()
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    assert members(people, group) == {person_of(people, kept)["resourceName"]}
    assert len(all_people(people)) == 3  # nothing is deleted in Google

    # back on the list: the label comes back, no second contact
    ContactToSync.create(user=bench.user, contact=gone)
    contacts_sync(bench)
    assert len(members(people, group)) == 2
    assert len(all_people(people)) == 3


def test_a_contact_deleted_on_the_phone_leaves_the_list(bench, people):
    contact = listed(bench, make_contact())
    contacts_sync(bench)
    people.people().deleteContact(resourceName=person_of(people, contact)["resourceName"]).execute()
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    assert not ContactToSync.select().where(ContactToSync.contact == contact.id).exists()
    assert Contact.get_by_id(contact.id).deleted_at is None
    assert contacts_sync(bench).created["google"] == 0
    assert all_people(people) == []


def test_a_reset_relinks_instead_of_duplicating(bench, people):
    contacts = [listed(bench, make_contact(last_name=f"N{i}")) for i in range(5)]
    contacts_sync(bench)
    with store.atomic():
        forget_links(bench.user, calendar_only=False)
    contacts[0].city = "Lyon"
    contacts[0].save()
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    assert summary.created["google"] == 0
    assert len(all_people(people)) == 5
    assert person_of(people, contacts[0])["addresses"][0]["city"] == "Lyon"
    assert SyncLink.select().where(SyncLink.kind == KIND_CONTACT).count() == 5
    assert contacts_sync(bench).requests == 1


def test_the_cap_keeps_the_first_2000_and_names_the_one_left_out(bench, people):
    rows = [{"first_name": "P", "last_name": f"N{i:04d}"} for i in range(CONTACTS_CAP + 1)]
    with store.atomic():
        for start in range(0, len(rows), 500):
            Contact.insert_many(rows[start : start + 500]).execute()
        ids = [c.id for c in Contact.select(Contact.id).order_by(Contact.id)]
        ContactToSync.insert_many(
            [{"user": bench.user.id, "contact": cid} for cid in ids]
        ).execute()
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    assert summary.created["google"] == CONTACTS_CAP
    assert [entry["crm_id"] for entry in summary.skipped_by_cap] == [ids[-1]]
    assert len(all_people(people)) == CONTACTS_CAP
    assert summary.requests <= 2 + 2 + CONTACTS_CAP // 200  # listing, label, creates


def test_dry_run_changes_nothing(bench, people):
    listed(bench, make_contact())
    summary = contacts_sync(bench, dry_run=True)
    assert summary.created["google"] == 1
    assert [step["operation"] for step in summary.plan] == ["create"]
    assert all_people(people) == []
    assert not SyncLink.select().exists()


def test_the_dry_run_counts_what_the_run_does_photos_included(bench, people):
    first = make_contact(last_name="Avec photo")
    first.set_photo(picture((200, 30, 30)))
    first.save()
    listed(bench, first)
    listed(bench, make_contact(last_name="Sans photo"))
    preview = contacts_sync(bench, dry_run=True)
    done = contacts_sync(bench)
    assert (preview.created, preview.updated) == (done.created, done.updated)
    assert done.created["google"] == 2 and done.updated["google"] == 0
    first.set_photo(picture((30, 30, 200)))
    first.save()
    preview = contacts_sync(bench, dry_run=True)
    done = contacts_sync(bench)
    assert (preview.created, preview.updated) == (done.created, done.updated)
    assert done.updated["google"] == 1


# --- photos --------------------------------------------------------------------------------


def picture(colour: tuple[int, int, int], size: tuple[int, int] = (640, 480)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=90)
    return out.getvalue()


def photo_calls(emulator, kind: str) -> int:
    return sum(1 for e in emulator.get("/requests")["requests"] if e["method"].endswith(kind))


def own_photo(person: dict[str, Any]) -> bool:
    return any(not p.get("default") for p in person.get("photos", []))


def test_a_photo_is_added_changed_and_deleted_and_sent_only_when_it_changed(
    bench, people, emulator
):
    contact = make_contact()
    contact.set_photo(picture((200, 30, 30)))
    contact.save()
    listed(bench, contact)
    contacts_sync(bench)
    person = person_of(people, contact)
    assert own_photo(person)
    assert photo_calls(emulator, "updateContactPhoto") == 1
    link = SyncLink.get(SyncLink.kind == KIND_CONTACT)
    assert len(link.photo_hash) == 64

    # the same picture saved again (a new stamp, the same content): nothing is sent
    contact.set_photo(picture((200, 30, 30)))
    contact.save()
    contacts_sync(bench)
    assert photo_calls(emulator, "updateContactPhoto") == 1

    contact.set_photo(picture((30, 200, 30)))
    contact.save()
    contacts_sync(bench)
    assert photo_calls(emulator, "updateContactPhoto") == 2
    assert SyncLink.get(SyncLink.kind == KIND_CONTACT).photo_hash != link.photo_hash

    contact.set_photo(None)
    contact.save()
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    assert photo_calls(emulator, "deleteContactPhoto") == 1
    assert not own_photo(person_of(people, contact))
    assert contacts_sync(bench).requests == 1


def strip() -> bytes:
    """A 1 x 100000 picture: small on disk, absurd to decode and scale."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (1, 100_000), 128).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    "bad",
    [b"not an image at all", picture((1, 2, 3))[:200], b"%PDF-1.4\n" + b"0" * 500, strip()],
    ids=["text", "truncated", "pdf", "strip"],
)
def test_a_bad_photo_is_logged_and_the_rest_of_the_contact_syncs(bench, people, emulator, bad):
    contact = make_contact(email="bad.photo@example.com")
    contact.set_photo(bad)
    contact.save()
    listed(bench, contact)
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    person = person_of(people, contact)
    assert person["emailAddresses"][0]["value"] == "bad.photo@example.com"
    assert not own_photo(person)
    assert photo_calls(emulator, "updateContactPhoto") == 0
    entry = SyncLogEntry.get(SyncLogEntry.operation == "photo")
    assert entry.result == "skipped" and entry.message.startswith("Photo not sent")
    # told once, not at every sync
    assert contacts_sync(bench).requests == 1
    assert SyncLogEntry.select().where(SyncLogEntry.operation == "photo").count() == 1


def test_a_quota_storm_is_ridden_out_with_backoff(bench, people, emulator):
    """Google's write quota far below what the client believes: every 429 is waited out
    (the emulator's clock moves with the client's sleeps) and nothing is lost."""
    emulator.post("/quotas", {"people_write": 3})
    for i in range(6):
        contact = make_contact(last_name=f"Q{i}")
        contact.set_photo(picture((20 * i, 100, 100)))
        contact.save()
        listed(bench, contact)
    from crmsync.google.endpoints import GoogleEndpoints
    from crmsync.google.session import GoogleSession
    from crmsync.sync.engine import SyncOptions, sync_user

    with GoogleSession(
        bench.user, endpoints=GoogleEndpoints.for_base_url(bench.base_url)
    ) as session:
        summary = sync_user(
            bench.user,
            SyncOptions(agenda=False, contacts=True),
            session=session,
            sleep=lambda s: emulator.post("/clock/advance", {"seconds": s}),
        )
    assert summary.ok, summary.errors
    assert summary.retries > 0
    assert photo_calls(emulator, "updateContactPhoto") >= 6
    assert all(own_photo(p) for p in all_people(people))
    assert emulator.get("/counters")["accounts"][ALICE]["rate_limited"] > 0


def test_an_account_without_the_contacts_scope_is_told_what_to_do(bench, emulator):
    from crmsync.google import secrets

    issued = emulator.post(
        "/tokens",
        {
            "email": ALICE,
            "client_id": "crmsync-sync-tests.apps.googleusercontent.com",
            "refresh": True,
            "scopes": ["https://www.googleapis.com/auth/calendar"],
        },
    )
    secrets.open_secret_store().set(secrets.refresh_token_key("alice"), issued["refresh_token"])
    listed(bench, make_contact())
    summary = contacts_sync(bench)
    assert not summary.ok
    assert "Connexion" in summary.errors[0] and "Contacts" in summary.errors[0]


def test_a_renamed_label_moves_the_synced_contacts_to_it(bench, people):
    from crmsync.crm.models import FolderSettings

    contacts = [listed(bench, make_contact(last_name=f"L{i}")) for i in range(3)]
    contacts_sync(bench)
    old = label_group(people)
    assert old is not None and len(members(people, old)) == 3
    FolderSettings.set_value("contacts.label", "Clients CRM")
    summary = contacts_sync(bench)
    assert summary.ok, summary.errors
    new = label_group(people, "Clients CRM")
    assert new is not None
    assert members(people, new) == {person_of(people, c)["resourceName"] for c in contacts}
    assert members(people, old) == set()
    assert len(all_people(people)) == 3
