"""The calls a one-way contact sync makes, in the order it makes them, through the real
client: find or create the « CRM » label, batch-create into it with clientData, batch-update
with etags, photos, incremental pulls, another device editing the same contacts, labels
changed on the phone, quota refusals and expired sync tokens."""

from __future__ import annotations

import base64

from googleapiclient.errors import HttpError
from people_helpers import ALICE, NOT_FOUND, error_of, image_bytes, version

GROUPS = f"/people/{ALICE}/groups"
CONTACTS = f"/people/{ALICE}/contacts"
STALE = (
    "Request person.metadata.sources.etag is different than the current "
    "person.metadata.sources.etag. Clear local cache and get the latest person."
)


def _find_or_create_label(people, name: str = "CRM") -> str:
    request = people.contactGroups().list(groupFields="name")
    while request is not None:
        page = request.execute()
        for group in page.get("contactGroups", []):
            if group.get("groupType") != "SYSTEM_CONTACT_GROUP" and group.get("name") == name:
                return group["resourceName"]
        request = people.contactGroups().list_next(request, page)
    made = people.contactGroups().create(body={"contactGroup": {"name": name}}).execute()
    return made["resourceName"]


def _in(*groups: str) -> list[dict]:
    return [{"contactGroupMembership": {"contactGroupResourceName": g}} for g in groups]


def _push(people, label: str, count: int, db: str = "base-1") -> list[dict]:
    body = {
        "contacts": [
            {
                "contactPerson": {
                    "names": [{"givenName": f"Client{i}", "familyName": "Durand"}],
                    "emailAddresses": [{"value": f"client{i}@example.fr"}],
                    "memberships": _in("contactGroups/myContacts", label),
                    "clientData": [
                        {"key": "crmsyncDb", "value": db},
                        {"key": "crmsyncContact", "value": str(i)},
                    ],
                }
            }
            for i in range(count)
        ],
        "readMask": "names,clientData,memberships,metadata",
    }
    created = people.people().batchCreateContacts(body=body).execute()["createdPeople"]
    return [c["person"] for c in created]


def test_label_found_or_made_then_two_hundred_contacts_pushed_into_it(people):
    label = _find_or_create_label(people)
    assert _find_or_create_label(people) == label  # found by name the second time
    people_made = _push(people, label, 200)
    assert len(people_made) == 200
    first = people_made[0]
    assert {(d["key"], d["value"]) for d in first["clientData"]} == {
        ("crmsyncDb", "base-1"),
        ("crmsyncContact", "0"),
    }
    assert [
        m["contactGroupMembership"]["contactGroupResourceName"] for m in first["memberships"]
    ] == [
        "contactGroups/myContacts",
        label,
    ]
    assert first["metadata"]["sources"][0]["type"] == "CONTACT"
    group = people.contactGroups().get(resourceName=label).execute()
    assert group["memberCount"] == 200
    status, _ = error_of(
        people.people().batchCreateContacts(
            body={
                "contacts": [{"contactPerson": {"names": [{"givenName": "x"}]}}] * 201,
                "readMask": "names",
            }
        )
    )
    assert status == 400


def test_batch_update_then_photo_then_incremental_pull(people):
    label = _find_or_create_label(people)
    made = _push(people, label, 3)
    token = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="biographies", requestSyncToken=True)
        .execute()["nextSyncToken"]
    )
    body = {
        "contacts": {
            p["resourceName"]: {
                **version(p),
                "clientData": [
                    {"key": "crmsyncDb", "value": "base-1"},
                    {"key": "crmsyncContact", "value": f"{i}-v2"},
                ],
            }
            for i, p in enumerate(made[:2])
        },
        "updateMask": "clientData",
        "readMask": "clientData",
    }
    result = people.people().batchUpdateContacts(body=body).execute()["updateResult"]
    assert sorted(result) == sorted(p["resourceName"] for p in made[:2])
    updated = result[made[0]["resourceName"]]["person"]
    assert [d["value"] for d in updated["clientData"]] == ["base-1", "0-v2"]
    photo = base64.b64encode(image_bytes("JPEG")).decode()
    answer = (
        people.people()
        .updateContactPhoto(
            resourceName=made[2]["resourceName"],
            body={"photoBytes": photo, "personFields": "photos"},
        )
        .execute()
    )
    [uploaded] = answer["person"]["photos"]
    assert uploaded["url"] and not uploaded.get("default", False)
    removed = (
        people.people()
        .deleteContactPhoto(resourceName=made[2]["resourceName"], personFields="photos")
        .execute()
    )
    assert removed["person"]["photos"][0]["default"] is True
    changes = (
        people.people()
        .connections()
        .list(
            resourceName="people/me",
            personFields="biographies,clientData",
            syncToken=token,
            requestSyncToken=True,
        )
        .execute()
    )
    assert {c["resourceName"] for c in changes["connections"]} == {p["resourceName"] for p in made}
    assert changes["nextSyncToken"] != token


def test_an_edit_from_the_phone_shows_with_its_etag_and_stales_ours(people, people_api):
    label = _find_or_create_label(people)
    [ours] = _push(people, label, 1)
    token = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="names", requestSyncToken=True)
        .execute()["nextSyncToken"]
    )
    # Another client of the same account (the phone) adds a birthday and a second e-mail.
    phone = people_api(ALICE)
    current = (
        phone.people()
        .get(resourceName=ours["resourceName"], personFields="emailAddresses,metadata")
        .execute()
    )
    edited = (
        phone.people()
        .updateContact(
            resourceName=ours["resourceName"],
            updatePersonFields="birthdays,emailAddresses",
            personFields="birthdays,emailAddresses",
            body={
                **version(current),
                "birthdays": [{"date": {"year": 1980, "month": 5, "day": 17}}],
                "emailAddresses": [
                    {"value": "client0@example.fr"},
                    {"value": "perso@example.fr", "type": "home"},
                ],
            },
        )
        .execute()
    )
    [seen] = (
        people.people()
        .connections()
        .list(
            resourceName="people/me",
            personFields="birthdays,emailAddresses,clientData,metadata",
            syncToken=token,
        )
        .execute()["connections"]
    )
    assert seen["etag"] == edited["etag"] != ours["etag"]
    assert seen["birthdays"][0]["date"] == {"year": 1980, "month": 5, "day": 17}
    assert [e["value"] for e in seen["emailAddresses"]] == [
        "client0@example.fr",
        "perso@example.fr",
    ]
    assert {d["key"] for d in seen["clientData"]} == {"crmsyncDb", "crmsyncContact"}
    # Our copy is stale now: Google's 400 FAILED_PRECONDITION, then a retry with the
    # etag just read goes through.
    stale = {**version(ours), "names": [{"givenName": "Renamed"}]}
    status, body = error_of(
        people.people().updateContact(
            resourceName=ours["resourceName"], updatePersonFields="names", body=stale
        )
    )
    assert status == 400
    assert body["error"]["status"] == "FAILED_PRECONDITION" and body["error"]["message"] == STALE
    stale.update(version(seen))
    people.people().updateContact(
        resourceName=ours["resourceName"], updatePersonFields="names", body=stale
    ).execute()


def test_label_renamed_or_deleted_on_the_phone(people, emulator):
    label = _find_or_create_label(people)
    made = _push(people, label, 2)
    group_token = people.contactGroups().list().execute()["nextSyncToken"]
    contacts_token = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="memberships", requestSyncToken=True)
        .execute()["nextSyncToken"]
    )
    group_id = label.removeprefix("contactGroups/")
    emulator.call("PATCH", f"{GROUPS}/{group_id}", {"name": "Clients CRM"})
    [renamed] = people.contactGroups().list(syncToken=group_token).execute()["contactGroups"]
    assert (renamed["resourceName"], renamed["name"]) == (label, "Clients CRM")
    # The sync looks the label up by name: it is gone, so a new « CRM » is made.
    fresh = _find_or_create_label(people)
    assert fresh != label
    emulator.call("DELETE", f"{GROUPS}/{group_id}")
    assert error_of(people.contactGroups().get(resourceName=label)) == (404, NOT_FOUND)
    changed = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="memberships", syncToken=contacts_token)
        .execute()["connections"]
    )
    assert {c["resourceName"] for c in changed} == {p["resourceName"] for p in made}
    for person in changed:
        groups = [
            m["contactGroupMembership"]["contactGroupResourceName"] for m in person["memberships"]
        ]
        assert groups == ["contactGroups/myContacts"]
    raw = emulator.get(GROUPS)["groups"]
    assert [(g["name"], g["deleted"]) for g in raw] == [("Clients CRM", True), ("CRM", False)]


def test_write_quota_429_with_retry_after_then_backoff(people, emulator):
    emulator.post("/quotas", {"people_write": 3})
    label = _find_or_create_label(people)  # one read, one write
    _push(people, label, 2)
    _push(people, label, 2)
    try:
        _push(people, label, 2)
    except HttpError as exc:
        assert exc.resp.status == 429
        wait = int(exc.resp["retry-after"])
        assert 1 <= wait <= 60
        assert b"RESOURCE_EXHAUSTED" in exc.content
    else:
        raise AssertionError("the fourth write of the minute went through")
    emulator.post("/clock/advance", {"seconds": wait})
    assert len(_push(people, label, 2)) == 2
    assert people.contactGroups().get(resourceName=label).execute()["memberCount"] == 6
    assert emulator.counters()["people.people.batchCreateContacts"] == 4


def test_expired_contacts_token_means_a_full_listing(people_api, emulator):
    people = people_api(ALICE, expires_in=30 * 86400)  # outlives the clock jump below
    label = _find_or_create_label(people)
    _push(people, label, 1)
    token = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="biographies", requestSyncToken=True)
        .execute()["nextSyncToken"]
    )
    emulator.post("/clock/advance", {"days": 7, "seconds": 1})
    status, body = error_of(
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="biographies", syncToken=token)
    )
    assert status == 400 and body["error"]["status"] == "FAILED_PRECONDITION"
    assert body["error"]["details"][0]["reason"] == "EXPIRED_SYNC_TOKEN"
    full = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="biographies", requestSyncToken=True)
        .execute()
    )
    assert full["totalItems"] == 1 and full["nextSyncToken"]
