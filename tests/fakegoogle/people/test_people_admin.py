"""The /_emulator/people/ surface (the phone side) and state-file persistence."""

from __future__ import annotations

import base64
import json
import urllib.request

from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from people_helpers import ALICE, NOT_FOUND, error_of, image_bytes, version

from crmsync.fakegoogle import FakeGoogle

BOOK = f"/people/{ALICE}/contacts"


def _full_sync(people) -> tuple[list[dict], str]:
    page = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="names,biographies", requestSyncToken=True)
        .execute()
    )
    return page.get("connections", []), page["nextSyncToken"]


def test_phone_edit_shows_in_the_next_incremental_sync(people, new_contact, emulator):
    ada = new_contact()
    _, token = _full_sync(people)
    person_id = ada["resourceName"].removeprefix("people/")
    edited = emulator.call(
        "PATCH", f"{BOOK}/{person_id}", {"biographies": [{"value": "edited on the phone"}]}
    )
    assert edited["etag"] != ada["etag"]
    assert edited["names"][0]["displayName"] == "Ada Lovelace"  # untouched fields stay
    changes = (
        people.people()
        .connections()
        .list(
            resourceName="people/me",
            personFields="biographies",
            syncToken=token,
            requestSyncToken=True,
        )
        .execute()
    )
    [changed] = changes["connections"]
    assert changed["biographies"][0]["value"] == "edited on the phone"
    # A client still holding the old etag now gets Google's precondition failure.
    status, body = error_of(
        people.people().updateContact(
            resourceName=ada["resourceName"],
            updatePersonFields="biographies",
            body={**version(ada), "biographies": [{"value": "mine"}]},
        )
    )
    assert status == 400 and body["error"]["status"] == "FAILED_PRECONDITION"


def test_phone_side_add_and_delete(people, emulator):
    _, token = _full_sync(people)
    added = emulator.post(BOOK, {"names": [{"givenName": "Phone", "familyName": "Contact"}]})
    person_id = added["resourceName"].removeprefix("people/")
    assert emulator.call("DELETE", f"{BOOK}/{person_id}") == {"deleted": added["resourceName"]}
    changes = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="names", syncToken=token)
        .execute()
    )
    [gone] = changes["connections"]
    assert gone["resourceName"] == added["resourceName"]
    assert gone["metadata"]["deleted"] is True
    status, body = error_of(
        people.people().get(resourceName=added["resourceName"], personFields="names")
    )
    assert (status, body) == (404, NOT_FOUND)


def test_raw_listing_includes_tombstones(people, new_contact, emulator):
    kept, dropped = new_contact("Kept"), new_contact("Dropped")
    people.people().deleteContact(resourceName=dropped["resourceName"]).execute()
    raw = emulator.get(BOOK)["contacts"]
    assert [(c["resourceName"], c["deleted"]) for c in raw] == [
        (kept["resourceName"], False),
        (dropped["resourceName"], True),
    ]
    assert raw[0]["person"]["names"][0]["givenName"] == "Kept"
    assert raw[0]["seq"] < raw[1]["seq"]


def test_phone_side_photo(people, new_contact, emulator):
    ada = new_contact()
    person_id = ada["resourceName"].removeprefix("people/")
    data = image_bytes("JPEG")
    emulator.call(
        "PUT", f"{BOOK}/{person_id}/photo", {"photoBytes": base64.b64encode(data).decode()}
    )
    got = people.people().get(resourceName=ada["resourceName"], personFields="photos").execute()
    with urllib.request.urlopen(got["photos"][0]["url"], timeout=10) as answer:
        assert answer.read() == data


def _service(server: FakeGoogle):
    request = urllib.request.Request(
        server.base_url + "/_emulator/tokens",
        data=json.dumps({"email": ALICE}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        token = json.loads(answer.read())["access_token"]
    return build(
        "people",
        "v1",
        credentials=Credentials(token=token),
        static_discovery=True,
        client_options={"api_endpoint": server.base_url + "/"},
    )


def test_state_file_keeps_contacts_tombstones_photos_and_sync_tokens(tmp_path):
    state = tmp_path / "google.json"
    png = image_bytes("PNG", (10, 200, 10))
    with FakeGoogle(state_file=state) as server:
        people = _service(server)
        ada = (
            people.people()
            .createContact(
                body={"names": [{"givenName": "Ada"}], "clientData": [{"key": "id", "value": "7"}]}
            )
            .execute()
        )
        gone = people.people().createContact(body={"names": [{"givenName": "Gone"}]}).execute()
        people.people().updateContactPhoto(
            resourceName=ada["resourceName"], body={"photoBytes": base64.b64encode(png).decode()}
        ).execute()
        _, token = _full_sync(people)
        people.people().deleteContact(resourceName=gone["resourceName"]).execute()
        before = (
            people.people()
            .get(resourceName=ada["resourceName"], personFields="names,clientData,photos,metadata")
            .execute()
        )
        people.close()

    with FakeGoogle(state_file=state) as server:
        people = _service(server)
        after = (
            people.people()
            .get(resourceName=ada["resourceName"], personFields="names,clientData,photos,metadata")
            .execute()
        )
        url = after["photos"][0]["url"]
        assert url.startswith(server.base_url)  # photo URLs follow the server's address
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert answer.read() == png
        after["photos"] = before["photos"] = None
        assert after == before
        changes = (
            people.people()
            .connections()
            .list(resourceName="people/me", personFields="names", syncToken=token)
            .execute()
        )
        assert [(c["resourceName"], c["metadata"]["deleted"]) for c in changes["connections"]] == [
            (gone["resourceName"], True)
        ]
        people.close()


def test_state_file_keeps_groups_memberships_and_group_sync_tokens(tmp_path):
    state = tmp_path / "google.json"
    with FakeGoogle(state_file=state) as server:
        people = _service(server)
        ada = people.people().createContact(body={"names": [{"givenName": "Ada"}]}).execute()
        crm = people.contactGroups().create(body={"contactGroup": {"name": "CRM"}}).execute()
        gone = people.contactGroups().create(body={"contactGroup": {"name": "Gone"}}).execute()
        people.contactGroups().members().modify(
            resourceName=crm["resourceName"], body={"resourceNamesToAdd": [ada["resourceName"]]}
        ).execute()
        token = people.contactGroups().list().execute()["nextSyncToken"]
        people.contactGroups().delete(resourceName=gone["resourceName"]).execute()
        before = people.contactGroups().get(resourceName=crm["resourceName"], maxMembers=5)
        before = before.execute()
        people.close()

    with FakeGoogle(state_file=state) as server:
        people = _service(server)
        after = people.contactGroups().get(resourceName=crm["resourceName"], maxMembers=5)
        assert after.execute() == before
        changes = people.contactGroups().list(syncToken=token).execute()["contactGroups"]
        assert [(g["resourceName"], g["metadata"].get("deleted")) for g in changes] == [
            (gone["resourceName"], True)
        ]
        # Creation numbers carry on: a new group still lists first.
        newest = people.contactGroups().create(body={"contactGroup": {"name": "New"}}).execute()
        listed = people.contactGroups().list().execute()["contactGroups"]
        assert [g["resourceName"] for g in listed[:2]] == [
            newest["resourceName"],
            crm["resourceName"],
        ]
        people.close()


def test_phone_side_labels(people, new_contact, emulator):
    groups = f"/people/{ALICE}/groups"
    made = emulator.post(groups, {"name": "Famille"})
    listed = people.contactGroups().get(resourceName=made["resourceName"]).execute()
    assert listed["name"] == "Famille" and listed["etag"] == made["etag"]
    for call, code in (
        (lambda: emulator.post(groups, {"name": "famille"}), "409"),
        (lambda: emulator.post(groups, {"name": " "}), "400"),
        (lambda: emulator.call("PATCH", f"{groups}/0abc", {"name": "X"}), "404"),
    ):
        try:
            call()
        except AssertionError as exc:  # the admin client reports non-2xx answers this way
            assert f"→ {code}:" in str(exc)
        else:
            raise AssertionError("the phone side accepted a bad label change")
    ada = new_contact()
    people.contactGroups().members().modify(
        resourceName=made["resourceName"], body={"resourceNamesToAdd": [ada["resourceName"]]}
    ).execute()
    group_id = made["resourceName"].removeprefix("contactGroups/")
    emulator.call("DELETE", f"{groups}/{group_id}?deleteContacts=true")
    status, _ = error_of(
        people.people().get(resourceName=ada["resourceName"], personFields="names")
    )
    assert status == 404
    [raw] = emulator.get(groups)["groups"]
    assert raw["deleted"] is True and raw["members"] == []
