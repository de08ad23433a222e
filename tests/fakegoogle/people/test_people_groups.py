"""contactGroups through the real client: system and user groups, errors, memberships both
ways, group sync tokens, quotas."""

from __future__ import annotations

import re

from people_helpers import ALICE, NOT_FOUND, bad_request, error_of, version

SYSTEM = [
    ("chatBuddies", "Chat contacts"),
    ("all", "All Contacts"),
    ("myContacts", "My Contacts"),
    ("friends", "Friends"),
    ("family", "Family"),
    ("coworkers", "Coworkers"),
    ("blocked", "Blocked"),
    ("starred", "Starred"),
]
BOOK = f"/people/{ALICE}/contacts"


def _groups(people):
    return people.contactGroups()


def _create(people, name: str, **body):
    return _groups(people).create(body={"contactGroup": {"name": name}, **body}).execute()


def _memberships(people, person: dict) -> list[str]:
    got = people.people().get(resourceName=person["resourceName"], personFields="memberships")
    return [
        m["contactGroupMembership"]["contactGroupResourceName"]
        for m in got.execute().get("memberships", [])
    ]


def _modify(people, group: str, add=(), remove=()):
    body = {"resourceNamesToAdd": list(add), "resourceNamesToRemove": list(remove)}
    return _groups(people).members().modify(resourceName=group, body=body).execute()


def test_a_new_account_lists_the_eight_system_groups(people):
    listing = _groups(people).list().execute()
    assert listing["contactGroups"] == [
        {
            "resourceName": f"contactGroups/{name}",
            "groupType": "SYSTEM_CONTACT_GROUP",
            "name": name,
            "formattedName": formatted,
        }
        for name, formatted in SYSTEM
    ]
    assert listing["totalItems"] == 8
    assert listing["nextSyncToken"] and "nextPageToken" not in listing


def test_contacts_count_in_my_contacts_and_all(people, new_contact):
    new_contact()
    new_contact("Grace", "Hopper")
    counts = {
        g["resourceName"]: g.get("memberCount")
        for g in _groups(people).list().execute()["contactGroups"]
    }
    assert counts["contactGroups/myContacts"] == 2
    assert counts["contactGroups/all"] == 2
    assert counts["contactGroups/starred"] is None  # a zero count is left out


def test_create_answers_a_user_group(people):
    group = _create(people, "CRM")
    assert re.fullmatch(r"contactGroups/[0-9a-f]{15,16}", group["resourceName"])
    assert set(group) == {"resourceName", "etag", "metadata", "groupType", "name", "formattedName"}
    assert group["groupType"] == "USER_CONTACT_GROUP"
    assert group["name"] == group["formattedName"] == "CRM"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", group["metadata"]["updateTime"])
    listed = _groups(people).list().execute()
    assert listed["contactGroups"][0] == group  # user groups come before system groups
    assert listed["totalItems"] == 9


def test_create_refuses_a_duplicate_or_empty_name(people):
    _create(people, "CRM")
    status, body = error_of(_groups(people).create(body={"contactGroup": {"name": " crm "}}))
    assert status == 409
    assert body["error"]["status"] == "ALREADY_EXISTS"
    assert body["error"]["errors"][0]["reason"] == "alreadyExists"
    for blank in ("", "   "):
        status, body = error_of(_groups(people).create(body={"contactGroup": {"name": blank}}))
        assert (status, body) == (400, bad_request("Contact group name must not be empty."))
    status, body = error_of(_groups(people).create(body={"contactGroup": {"nom": "x"}}))
    assert status == 400 and 'Unknown name "nom"' in body["error"]["message"]
    # A user group may share a system group's name (Google suggests it for "Family").
    assert _create(people, "Family")["name"] == "Family"


def test_client_data_and_read_group_fields(people):
    data = [{"key": "crmsyncDb", "value": "base-1"}]
    group = _create(people, "CRM", readGroupFields="name,clientData")
    assert "clientData" not in group and "metadata" not in group and "groupType" not in group
    made = (
        _groups(people)
        .create(
            body={
                "contactGroup": {"name": "Tagged", "clientData": data},
                "readGroupFields": "clientData",
            }
        )
        .execute()
    )
    assert made["clientData"] == data
    got = _groups(people).get(resourceName=made["resourceName"], groupFields="clientData").execute()
    assert got == {"resourceName": made["resourceName"], "etag": made["etag"], "clientData": data}
    # memberCount is not among create's read fields.
    status, body = error_of(
        _groups(people).create(
            body={"contactGroup": {"name": "X"}, "readGroupFields": "memberCount"}
        )
    )
    assert status == 400 and "readGroupFields" in body["error"]["message"]


def test_get_with_max_members_and_unknown_groups(people, new_contact):
    ada, grace = new_contact(), new_contact("Grace", "Hopper")
    group = _create(people, "CRM")
    _modify(people, group["resourceName"], add=[ada["resourceName"], grace["resourceName"]])
    got = _groups(people).get(resourceName=group["resourceName"]).execute()
    assert got["memberCount"] == 2 and "memberResourceNames" not in got
    got = _groups(people).get(resourceName=group["resourceName"], maxMembers=1).execute()
    assert got["memberResourceNames"] == [ada["resourceName"]] and got["memberCount"] == 2
    mine = _groups(people).get(resourceName="contactGroups/myContacts", maxMembers=10).execute()
    assert mine["memberResourceNames"] == [ada["resourceName"], grace["resourceName"]]
    assert mine["groupType"] == "SYSTEM_CONTACT_GROUP" and "etag" not in mine
    assert error_of(_groups(people).get(resourceName="contactGroups/0123abcd")) == (404, NOT_FOUND)
    status, _ = error_of(_groups(people).get(resourceName=group["resourceName"], maxMembers=-1))
    assert status == 400
    status, body = error_of(
        _groups(people).get(resourceName="contactGroups/starred", groupFields="x")
    )
    assert status == 400 and "groupFields" in body["error"]["message"]


def test_batch_get_answers_per_name(people):
    group = _create(people, "CRM")
    names = [group["resourceName"], "contactGroups/starred", "contactGroups/feed", "people/c1"]
    answers = _groups(people).batchGet(resourceNames=names).execute()["responses"]
    assert [a["requestedResourceName"] for a in answers] == names
    assert answers[0]["contactGroup"]["name"] == "CRM" and answers[0]["status"] == {}
    assert answers[1]["contactGroup"]["formattedName"] == "Starred"
    assert answers[2] == {
        "requestedResourceName": "contactGroups/feed",
        "status": {"code": 5, "message": "Requested entity was not found."},
    }
    assert answers[3]["status"]["code"] == 3 and "contactGroup" not in answers[3]
    status, _ = error_of(_groups(people).batchGet(resourceNames=["contactGroups/all"] * 201))
    assert status == 400


def test_update_renames_with_the_current_etag(people, emulator):
    group = _create(people, "CRM", readGroupFields="name,metadata,clientData")
    emulator.post("/clock/advance", {"seconds": 5})
    renamed = (
        _groups(people)
        .update(
            resourceName=group["resourceName"],
            body={"contactGroup": {"name": "CRM clients", "etag": group["etag"]}},
        )
        .execute()
    )
    assert renamed["name"] == renamed["formattedName"] == "CRM clients"
    assert renamed["etag"] != group["etag"]
    assert renamed["metadata"]["updateTime"] > group["metadata"]["updateTime"]
    # The old etag is now stale: Google's 400 FAILED_PRECONDITION.
    status, body = error_of(
        _groups(people).update(
            resourceName=group["resourceName"],
            body={"contactGroup": {"name": "Other", "etag": group["etag"]}},
        )
    )
    assert (status, body) == (
        400,
        bad_request(
            "Request contactGroup.etag is different than the current contactGroup.etag. "
            "Clear local cache and get the latest contact group.",
            "FAILED_PRECONDITION",
        ),
    )
    status, body = error_of(
        _groups(people).update(
            resourceName=group["resourceName"], body={"contactGroup": {"name": "Y"}}
        )
    )
    assert (status, body) == (400, bad_request("Request must set contactGroup.etag."))
    # Only the masked fields change: client data alone keeps the name.
    tagged = (
        _groups(people)
        .update(
            resourceName=group["resourceName"],
            body={
                "contactGroup": {
                    "etag": renamed["etag"],
                    "clientData": [{"key": "crmsyncDb", "value": "1"}],
                },
                "updateGroupFields": "clientData",
                "readGroupFields": "name,clientData",
            },
        )
        .execute()
    )
    assert tagged["name"] == "CRM clients" and tagged["clientData"][0]["value"] == "1"


def test_update_refuses_a_taken_name_and_system_groups(people):
    _create(people, "Family")
    crm = _create(people, "CRM")
    status, body = error_of(
        _groups(people).update(
            resourceName=crm["resourceName"],
            body={"contactGroup": {"name": "family", "etag": crm["etag"]}},
        )
    )
    assert status == 409 and body["error"]["status"] == "ALREADY_EXISTS"
    # Renaming to its own name (another case) is no conflict.
    same = _groups(people).update(
        resourceName=crm["resourceName"],
        body={"contactGroup": {"name": "crm", "etag": crm["etag"]}},
    )
    assert same.execute()["name"] == "crm"
    status, body = error_of(
        _groups(people).update(
            resourceName="contactGroups/myContacts",
            body={"contactGroup": {"name": "Mine", "etag": "x"}},
        )
    )
    assert (status, body) == (
        400,
        bad_request("Cannot update system contact group contactGroups/myContacts."),
    )
    status, body = error_of(_groups(people).delete(resourceName="contactGroups/starred"))
    assert (status, body) == (
        400,
        bad_request("Cannot delete system contact group contactGroups/starred."),
    )


def test_members_modify_changes_the_contacts(people, new_contact):
    ada, grace = new_contact(), new_contact("Grace", "Hopper")
    crm = _create(people, "CRM")["resourceName"]
    answer = _modify(people, crm, add=[ada["resourceName"], "people/c42"])
    assert answer == {"notFoundResourceNames": ["people/c42"]}
    assert _memberships(people, ada) == ["contactGroups/myContacts", crm]
    moved = people.people().get(resourceName=ada["resourceName"], personFields="names").execute()
    assert moved["etag"] != ada["etag"]  # a membership change is a change of the contact
    untouched = people.people().get(resourceName=grace["resourceName"], personFields="names")
    assert untouched.execute()["etag"] == grace["etag"]
    # Adding again changes nothing; starred accepts members too.
    assert _modify(people, crm, add=[ada["resourceName"]]) == {}
    _modify(people, "contactGroups/starred", add=[ada["resourceName"]])
    assert _memberships(people, ada) == ["contactGroups/myContacts", crm, "contactGroups/starred"]
    # Removing: from myContacts fine while another group remains; never the last group.
    assert _modify(people, "contactGroups/myContacts", remove=[ada["resourceName"]]) == {}
    _modify(people, "contactGroups/starred", remove=[ada["resourceName"]])
    assert _modify(people, crm, remove=[ada["resourceName"], "people/c7"]) == {
        "notFoundResourceNames": ["people/c7"],
        "canNotRemoveLastContactGroupResourceNames": [ada["resourceName"]],
    }
    assert _memberships(people, ada) == [crm]


def test_members_modify_refuses_deprecated_groups_and_bad_names(people, new_contact):
    ada = new_contact()
    for group in ("friends", "family", "coworkers", "chatBuddies", "blocked", "all"):
        status, body = error_of(
            _groups(people)
            .members()
            .modify(
                resourceName=f"contactGroups/{group}",
                body={"resourceNamesToAdd": [ada["resourceName"]]},
            )
        )
        assert (status, body) == (
            400,
            bad_request(
                f"Cannot add contacts to deprecated system contact group contactGroups/{group}."
            ),
        )
    status, _ = error_of(
        _groups(people)
        .members()
        .modify(resourceName="contactGroups/starred", body={"resourceNamesToAdd": ["ada"]})
    )
    assert status == 400
    too_many = [f"people/c{i}" for i in range(1001)]
    status, _ = error_of(
        _groups(people)
        .members()
        .modify(resourceName="contactGroups/starred", body={"resourceNamesToRemove": too_many})
    )
    assert status == 400
    status, body = error_of(
        _groups(people)
        .members()
        .modify(resourceName="contactGroups/abc123", body={"resourceNamesToAdd": []})
    )
    assert (status, body) == (404, NOT_FOUND)


def test_deprecated_memberships_from_the_phone_can_be_kept_and_removed(
    people, new_contact, emulator
):
    ada = new_contact()
    person_id = ada["resourceName"].removeprefix("people/")
    friends = {"contactGroupMembership": {"contactGroupResourceName": "contactGroups/friends"}}
    mine = {"contactGroupMembership": {"contactGroupResourceName": "contactGroups/myContacts"}}
    # Google's own apps can still file a contact under Friends.
    emulator.call("PATCH", f"{BOOK}/{person_id}", {"memberships": [mine, friends]})
    current = people.people().get(
        resourceName=ada["resourceName"], personFields="memberships,metadata"
    )
    current = current.execute()
    # Keeping it in an update is fine ...
    kept = (
        people.people()
        .updateContact(
            resourceName=ada["resourceName"],
            updatePersonFields="memberships",
            body={**version(current), "memberships": current["memberships"]},
        )
        .execute()
    )
    assert len(kept["memberships"]) == 2
    # ... and removing it through members.modify too.
    assert _modify(people, "contactGroups/friends", remove=[ada["resourceName"]]) == {}
    assert _memberships(people, ada) == ["contactGroups/myContacts"]


def test_update_contact_memberships_moves_group_members(people, new_contact):
    ada = new_contact()
    crm = _create(people, "CRM")["resourceName"]
    updated = (
        people.people()
        .updateContact(
            resourceName=ada["resourceName"],
            updatePersonFields="memberships",
            personFields="memberships,metadata",
            body={
                **version(ada),
                "memberships": [
                    {"contactGroupMembership": {"contactGroupResourceName": crm}},
                    {"contactGroupMembership": {"contactGroupResourceName": crm}},
                ],
            },
        )
        .execute()
    )
    group_id = crm.removeprefix("contactGroups/")
    assert [m["contactGroupMembership"] for m in updated["memberships"]] == [
        {"contactGroupId": group_id, "contactGroupResourceName": crm}
    ]
    got = _groups(people).get(resourceName=crm, maxMembers=5).execute()
    assert got["memberResourceNames"] == [ada["resourceName"]]
    mine = _groups(people).get(resourceName="contactGroups/myContacts").execute()
    assert "memberCount" not in mine  # Ada left My Contacts
    for group, message in (
        ("contactGroups/family", "Cannot add contacts to deprecated system contact group "),
        ("contactGroups/0badc0de", "Contact group "),
    ):
        status, body = error_of(
            people.people().updateContact(
                resourceName=ada["resourceName"],
                updatePersonFields="memberships",
                body={
                    **version(updated),
                    "memberships": [
                        {"contactGroupMembership": {"contactGroupResourceName": group}}
                    ],
                },
            )
        )
        assert status == 400 and body["error"]["message"].startswith(message)


def test_create_contacts_in_a_group(people):
    crm = _create(people, "CRM")["resourceName"]
    member = [
        {"contactGroupMembership": {"contactGroupResourceName": "contactGroups/myContacts"}},
        {"contactGroupMembership": {"contactGroupResourceName": crm}},
    ]
    body = {
        "contacts": [
            {"contactPerson": {"names": [{"givenName": f"P{i}"}], "memberships": member}}
            for i in range(3)
        ],
        "readMask": "memberships",
    }
    created = people.people().batchCreateContacts(body=body).execute()["createdPeople"]
    assert all(len(c["person"]["memberships"]) == 2 for c in created)
    assert _groups(people).get(resourceName=crm).execute()["memberCount"] == 3
    # A batch naming a missing group creates nothing.
    body["contacts"][0]["contactPerson"]["memberships"] = [
        {"contactGroupMembership": {"contactGroupResourceName": "contactGroups/feedface"}}
    ]
    status, _ = error_of(people.people().batchCreateContacts(body=body))
    assert status == 400
    assert _groups(people).get(resourceName=crm).execute()["memberCount"] == 3


def test_delete_group_keeps_or_deletes_its_contacts(people, new_contact):
    ada, grace = new_contact(), new_contact("Grace", "Hopper")
    keep = _create(people, "Keep")["resourceName"]
    drop = _create(people, "Drop")["resourceName"]
    _modify(people, keep, add=[ada["resourceName"]])
    _modify(people, drop, add=[grace["resourceName"]])
    token = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="names", requestSyncToken=True)
        .execute()["nextSyncToken"]
    )
    assert _groups(people).delete(resourceName=keep).execute() == {}
    assert error_of(_groups(people).get(resourceName=keep)) == (404, NOT_FOUND)
    assert _memberships(people, ada) == ["contactGroups/myContacts"]  # Ada stays, unlabelled
    _groups(people).delete(resourceName=drop, deleteContacts=True).execute()
    assert error_of(
        people.people().get(resourceName=grace["resourceName"], personFields="names")
    ) == (404, NOT_FOUND)
    changes = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="names", syncToken=token)
        .execute()["connections"]
    )
    assert [(c["resourceName"], c.get("metadata", {}).get("deleted", False)) for c in changes] == [
        (ada["resourceName"], False),
        (grace["resourceName"], True),
    ]
    assert error_of(_groups(people).delete(resourceName=keep)) == (404, NOT_FOUND)
    # The name is free again.
    assert _create(people, "Keep")["resourceName"] != keep


def test_group_sync_token_lists_changes_and_deletions(people, emulator):
    a, b = _create(people, "A"), _create(people, "B")
    token = _groups(people).list().execute()["nextSyncToken"]
    unchanged = _groups(people).list(syncToken=token).execute()
    assert set(unchanged) == {"nextSyncToken"}  # no change, no count
    renamed = (
        _groups(people)
        .update(
            resourceName=a["resourceName"], body={"contactGroup": {"name": "A2", "etag": a["etag"]}}
        )
        .execute()
    )
    _groups(people).delete(resourceName=b["resourceName"]).execute()
    c = _create(people, "C")
    changes = _groups(people).list(syncToken=token).execute()
    assert changes["totalItems"] == 3
    first, gone, new = changes["contactGroups"]
    assert (first["resourceName"], first["name"], first["etag"]) == (
        a["resourceName"],
        "A2",
        renamed["etag"],
    )
    assert gone["resourceName"] == b["resourceName"] and gone["metadata"]["deleted"] is True
    assert set(gone) == {"resourceName", "etag", "metadata"}
    assert new["resourceName"] == c["resourceName"]
    # The next token starts from there: nothing new.
    again = _groups(people).list(syncToken=changes["nextSyncToken"]).execute()
    assert "contactGroups" not in again and again["nextSyncToken"]


def test_group_listing_pages_and_its_token_expires(people_api, emulator):
    people = people_api(ALICE, expires_in=30 * 86400)  # outlives the clock jump below
    made = [_create(people, f"G{i}")["resourceName"] for i in range(4)]
    pages, page_token = [], None
    while True:
        page = _groups(people).list(pageSize=3, pageToken=page_token).execute()
        pages.append(page)
        page_token = page.get("nextPageToken")
        if not page_token:
            break
    assert [len(p["contactGroups"]) for p in pages] == [3, 3, 3, 3]
    names = [g["resourceName"] for p in pages for g in p["contactGroups"]]
    assert names[:4] == made[::-1]  # newest first, then the system groups
    assert names[4:] == [f"contactGroups/{n}" for n, _ in SYSTEM]
    assert all("nextSyncToken" not in p for p in pages[:-1]) and pages[-1]["nextSyncToken"]
    status, _ = error_of(
        _groups(people).list(pageSize=3, pageToken=pages[0]["nextPageToken"], groupFields="name")
    )
    assert status == 400  # a page token goes with the parameters it came from
    emulator.post("/clock/advance", {"days": 8})
    status, body = error_of(_groups(people).list(syncToken=pages[-1]["nextSyncToken"]))
    assert status == 400 and body["error"]["status"] == "FAILED_PRECONDITION"
    assert body["error"]["details"][0]["reason"] == "EXPIRED_SYNC_TOKEN"
    # A contacts sync token is no group sync token.
    contacts_token = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="names", requestSyncToken=True)
        .execute()["nextSyncToken"]
    )
    status, _ = error_of(_groups(people).list(syncToken=contacts_token))
    assert status == 400


def test_group_calls_count_against_people_quotas(people, emulator):
    emulator.post("/quotas", {"people_read": 2, "people_write": 1})
    _create(people, "CRM")
    status, body = error_of(_groups(people).create(body={"contactGroup": {"name": "X"}}))
    assert status == 429 and "Critical write requests" in body["error"]["message"]
    _groups(people).list().execute()
    _groups(people).get(resourceName="contactGroups/myContacts").execute()
    status, body = error_of(_groups(people).list())
    assert status == 429 and body["error"]["status"] == "RESOURCE_EXHAUSTED"
    assert "Read requests" in body["error"]["message"]
    counters = emulator.counters()
    assert counters["people.contactGroups.create"] == 2
    assert counters["people.contactGroups.list"] == 2
    assert counters["people.contactGroups.get"] == 1


def test_readonly_scope_lists_groups_but_cannot_create(people_api):
    reader = people_api(ALICE, scopes=["https://www.googleapis.com/auth/contacts.readonly"])
    assert len(_groups(reader).list().execute()["contactGroups"]) == 8
    status, _ = error_of(_groups(reader).create(body={"contactGroup": {"name": "X"}}))
    assert status == 403
