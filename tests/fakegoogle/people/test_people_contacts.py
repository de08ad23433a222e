"""People v1 contacts through the real client: create, get, update, delete, field masks."""

from __future__ import annotations

import re
from typing import Any

from people_helpers import ALICE, NOT_FOUND, bad_request, error_of, version

MASK_DOCS = "https://developers.google.com/people/api/rest/v1/people"


def test_create_returns_a_contact_resource_with_derived_fields(people):
    person = (
        people.people()
        .createContact(
            body={
                "names": [{"givenName": "Ada", "familyName": "Lovelace"}],
                "emailAddresses": [{"value": "ada@example.org", "type": "work"}],
                "phoneNumbers": [
                    {"value": "+44 20 7946 0000", "type": "mobile"},
                    {"value": "020 7946 0001", "type": "work"},
                ],
                "addresses": [
                    {
                        "streetAddress": "12 Analytical Row",
                        "city": "London",
                        "postalCode": "N1 9GU",
                        "country": "United Kingdom",
                        "type": "home",
                    }
                ],
                "organizations": [{"name": "Analytical Engines Ltd", "title": "Programmer"}],
                "biographies": [{"value": "Met at the Babbage lecture."}],
            }
        )
        .execute()
    )
    assert re.fullmatch(r"people/c\d+", person["resourceName"])
    number = int(person["resourceName"].removeprefix("people/c"))
    source = {"type": "CONTACT", "id": f"{number:x}"}
    primary = {"primary": True, "sourcePrimary": True, "source": source}
    assert person["names"] == [
        {
            "metadata": primary,
            "givenName": "Ada",
            "familyName": "Lovelace",
            "displayName": "Ada Lovelace",
            "displayNameLastFirst": "Lovelace, Ada",
            "unstructuredName": "Ada Lovelace",
        }
    ]
    assert person["phoneNumbers"] == [
        {
            "metadata": primary,
            "value": "+44 20 7946 0000",
            "type": "mobile",
            "formattedType": "Mobile",
            "canonicalForm": "+442079460000",
        },
        {
            "metadata": {"source": source},
            "value": "020 7946 0001",
            "type": "work",
            "formattedType": "Work",
        },
    ]
    assert (
        person["addresses"][0]["formattedValue"]
        == "12 Analytical Row\nN1 9GU London\nUnited Kingdom"
    )
    assert person["addresses"][0]["formattedType"] == "Home"
    assert person["organizations"] == [
        {"metadata": primary, "name": "Analytical Engines Ltd", "title": "Programmer"}
    ]
    assert person["biographies"] == [
        {"metadata": primary, "value": "Met at the Babbage lecture.", "contentType": "TEXT_PLAIN"}
    ]
    assert person["memberships"] == [
        {
            "metadata": primary,
            "contactGroupMembership": {
                "contactGroupId": "myContacts",
                "contactGroupResourceName": "contactGroups/myContacts",
            },
        }
    ]
    [meta_source] = person["metadata"]["sources"]
    assert person["metadata"]["objectType"] == "PERSON"
    assert meta_source["type"] == "CONTACT" and meta_source["id"] == source["id"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", meta_source["updateTime"])
    assert meta_source["etag"] and person["etag"]
    [photo] = person["photos"]
    assert photo["default"] is True and photo["metadata"]["primary"] is True


def test_us_address_and_unstructured_name_are_derived_as_google_does(people):
    person = (
        people.people()
        .createContact(
            body={
                "names": [{"unstructuredName": "Grace Brewster Hopper"}],
                "addresses": [
                    {
                        "streetAddress": "1 Navy Way",
                        "city": "Arlington",
                        "region": "VA",
                        "postalCode": "22202",
                        "countryCode": "US",
                    }
                ],
            },
            personFields="names,addresses",
        )
        .execute()
    )
    name = person["names"][0]
    assert (name["givenName"], name["familyName"]) == ("Grace Brewster", "Hopper")
    assert name["displayName"] == "Grace Brewster Hopper"
    assert name["displayNameLastFirst"] == "Hopper, Grace Brewster"
    assert person["addresses"][0]["formattedValue"] == "1 Navy Way\nArlington, VA 22202"


def test_only_requested_fields_come_back(people, new_contact):
    created = new_contact(emailAddresses=[{"value": "ada@example.org"}])
    got = (
        people.people()
        .get(resourceName=created["resourceName"], personFields="emailAddresses")
        .execute()
    )
    assert set(got) == {"resourceName", "etag", "emailAddresses"}
    assert got["etag"] == created["etag"]
    with_meta = (
        people.people()
        .get(resourceName=created["resourceName"], personFields="names,metadata")
        .execute()
    )
    assert set(with_meta) == {"resourceName", "etag", "names", "metadata"}


def test_snake_case_mask_paths_are_accepted(people, new_contact):
    created = new_contact(emailAddresses=[{"value": "ada@example.org"}])
    got = (
        people.people()
        .get(resourceName=created["resourceName"], personFields="email_addresses")
        .execute()
    )
    assert got["emailAddresses"][0]["value"] == "ada@example.org"


def test_person_fields_is_required(people, new_contact):
    created = new_contact()
    message = (
        "personFields mask is required. Please specify one or more valid paths. "
        f"Valid paths are documented at {MASK_DOCS}/get."
    )
    status, body = error_of(people.people().get(resourceName=created["resourceName"]))
    assert (status, body) == (400, bad_request(message))
    status, body = error_of(people.people().connections().list(resourceName="people/me"))
    assert (status, body) == (400, bad_request(message))


def test_unknown_person_field_is_refused(people, new_contact):
    created = new_contact()
    status, body = error_of(
        people.people().get(resourceName=created["resourceName"], personFields="names,shoeSize")
    )
    assert status == 400
    assert body == bad_request(
        f'Invalid personFields mask path: "shoeSize". Valid paths are documented at {MASK_DOCS}/get.'
    )


def test_people_me_is_the_accounts_own_profile(people, fake_google):
    me = (
        people.people().get(resourceName="people/me", personFields="names,emailAddresses").execute()
    )
    assert re.fullmatch(r"people/\d+", me["resourceName"])
    assert me["names"][0]["displayName"] == "alice"
    assert me["names"][0]["metadata"]["source"]["type"] == "PROFILE"
    assert me["emailAddresses"][0]["value"] == ALICE
    assert me["emailAddresses"][0]["metadata"]["verified"] is True
    again = people.people().get(resourceName=me["resourceName"], personFields="names").execute()
    assert again["resourceName"] == me["resourceName"]


def test_singleton_fields_refuse_two_values(people):
    for field, values in {
        "names": [{"givenName": "A"}, {"givenName": "B"}],
        "biographies": [{"value": "one"}, {"value": "two"}],
    }.items():
        status, body = error_of(people.people().createContact(body={field: values}))
        assert status == 400
        assert body == bad_request(
            f"Invalid person: the field '{field}' is a singleton field for contact sources "
            "and can only hold one value."
        )
    listing = (
        people.people().connections().list(resourceName="people/me", personFields="names").execute()
    )
    assert listing == {}  # nothing was created


def test_unknown_json_field_is_refused_not_dropped(people):
    status, body = error_of(
        people.people().createContact(body={"emailAddresses": [{"vaule": "typo@example.org"}]})
    )
    assert status == 400
    assert body == bad_request(
        'Invalid JSON payload received. Unknown name "vaule" at '
        "'person.email_addresses[0]': Cannot find field."
    )


def test_update_replaces_only_the_listed_fields(people, new_contact):
    created = new_contact(
        emailAddresses=[{"value": "ada@example.org"}],
        phoneNumbers=[{"value": "+15550100", "type": "work"}],
    )
    updated = (
        people.people()
        .updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="emailAddresses,biographies",
            personFields="names,emailAddresses,phoneNumbers,biographies,metadata",
            body={
                **version(created),
                "emailAddresses": [{"value": "countess@example.org", "type": "home"}],
                "phoneNumbers": [{"value": "+19999999"}],  # not in the mask: ignored
            },
        )
        .execute()
    )
    assert [e["value"] for e in updated["emailAddresses"]] == ["countess@example.org"]
    assert [p["value"] for p in updated["phoneNumbers"]] == ["+15550100"]
    assert "biographies" not in updated  # in the mask, absent from the body: cleared
    assert updated["names"][0]["displayName"] == "Ada Lovelace"
    assert updated["etag"] != created["etag"]
    old, new = created["metadata"]["sources"][0], updated["metadata"]["sources"][0]
    assert new["etag"] != old["etag"] and new["updateTime"] >= old["updateTime"]


def test_update_needs_update_person_fields(people, new_contact):
    created = new_contact()
    status, body = error_of(
        people.people().updateContact(
            resourceName=created["resourceName"], body={"etag": created["etag"]}
        )
    )
    assert status == 400
    assert body == bad_request(
        "updatePersonFields mask is required. Please specify one or more valid paths. "
        f"Valid paths are documented at {MASK_DOCS}/updateContact."
    )
    status, body = error_of(
        people.people().updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="photos",
            body={"etag": created["etag"]},
        )
    )
    assert status == 400
    assert body["error"]["message"].startswith('Invalid updatePersonFields mask path: "photos".')


SOURCES_MISSING = (
    "Request must set person.metadata.sources with the contact source that is being "
    "updated (its type CONTACT, id and etag)."
)
STALE_SOURCE = (
    "Request person.metadata.sources.etag is different than the current "
    "person.metadata.sources.etag. Clear local cache and get the latest person."
)
STALE_PERSON = (
    "Request person.etag is different than the current person.etag. "
    "Clear local cache and get the latest person."
)


def test_update_with_a_stale_source_etag_is_a_failed_precondition(people, new_contact):
    created = new_contact()
    people.people().updateContact(
        resourceName=created["resourceName"],
        updatePersonFields="biographies",
        body={**version(created), "biographies": [{"value": "first"}]},
    ).execute()
    status, body = error_of(
        people.people().updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="biographies",
            body={**version(created), "biographies": [{"value": "second"}]},
        )
    )
    assert (status, body) == (400, bad_request(STALE_SOURCE, "FAILED_PRECONDITION"))
    got = (
        people.people()
        .get(resourceName=created["resourceName"], personFields="biographies")
        .execute()
    )
    assert got["biographies"][0]["value"] == "first"


def test_a_stale_person_etag_fails_like_a_stale_source_etag(people, new_contact):
    created = new_contact()
    current = (
        people.people()
        .updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="biographies",
            body={**version(created), "biographies": [{"value": "first"}]},
        )
        .execute()
    )
    mixed = {**version(current), "etag": created["etag"], "biographies": [{"value": "x"}]}
    status, body = error_of(
        people.people().updateContact(
            resourceName=created["resourceName"], updatePersonFields="biographies", body=mixed
        )
    )
    assert (status, body) == (400, bad_request(STALE_PERSON, "FAILED_PRECONDITION"))


def test_update_without_metadata_sources_is_refused(people, new_contact):
    created = new_contact()
    source = version(created)["metadata"]["sources"][0]
    for metadata in (
        None,  # the person etag alone does not do
        {"sources": []},
        {"sources": [{**source, "id": "0badc0de"}]},  # another contact's source
        {"sources": [{**source, "type": "PROFILE"}]},  # no contact source
    ):
        person: dict[str, Any] = {"etag": created["etag"], "names": [{"givenName": "Augusta"}]}
        if metadata is not None:
            person["metadata"] = metadata
        status, body = error_of(
            people.people().updateContact(
                resourceName=created["resourceName"], updatePersonFields="names", body=person
            )
        )
        assert (status, body) == (400, bad_request(SOURCES_MISSING)), metadata
    updated = (
        people.people()
        .updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="names",
            personFields="names",
            body={"metadata": {"sources": [source]}, "names": [{"givenName": "Augusta"}]},
        )
        .execute()
    )
    assert updated["names"][0]["displayName"] == "Augusta"  # the source alone does


def test_update_with_a_source_but_no_etag_is_refused(people, new_contact):
    created = new_contact()
    source = {k: v for k, v in version(created)["metadata"]["sources"][0].items() if k != "etag"}
    status, body = error_of(
        people.people().updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="names",
            body={"metadata": {"sources": [source]}, "names": [{"givenName": "X"}]},
        )
    )
    assert status == 400
    assert body == bad_request(
        "Request must set person.etag or person.metadata.sources.etag for the source that "
        "is being updated."
    )


def test_every_read_returns_the_contact_source_with_its_current_etag(people, new_contact):
    created = new_contact()
    name = created["resourceName"]
    [made] = created["metadata"]["sources"]
    got = people.people().get(resourceName=name, personFields="metadata").execute()
    [batch] = (
        people.people()
        .getBatchGet(resourceNames=[name], personFields="metadata")
        .execute()["responses"]
    )
    [listed] = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="metadata")
        .execute()["connections"]
    )
    for person in (got, batch["person"], listed):
        assert person["etag"] == created["etag"]
        assert person["metadata"]["sources"] == [made]
    updated = (
        people.people()
        .updateContact(
            resourceName=name,
            updatePersonFields="biographies",
            personFields="metadata",
            body={**version(listed), "biographies": [{"value": "read from a listing"}]},
        )
        .execute()
    )
    [after] = updated["metadata"]["sources"]
    assert (after["type"], after["id"]) == (made["type"], made["id"])
    assert after["etag"] != made["etag"] and updated["etag"] != created["etag"]
    again = people.people().get(resourceName=name, personFields="metadata").execute()
    assert again["metadata"]["sources"] == [after]


def test_update_of_an_unknown_contact_is_404(people):
    status, body = error_of(
        people.people().updateContact(
            resourceName="people/c1234567890", updatePersonFields="names", body={"etag": "%x"}
        )
    )
    assert (status, body) == (404, NOT_FOUND)


def test_update_of_singleton_with_two_values_is_refused(people, new_contact):
    created = new_contact()
    status, body = error_of(
        people.people().updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="names",
            body={"etag": created["etag"], "names": [{"givenName": "A"}, {"givenName": "B"}]},
        )
    )
    assert status == 400
    assert "'names' is a singleton field" in body["error"]["message"]


def test_delete_then_get_is_404(people, new_contact):
    created = new_contact()
    assert people.people().deleteContact(resourceName=created["resourceName"]).execute() == {}
    status, body = error_of(
        people.people().get(resourceName=created["resourceName"], personFields="names")
    )
    assert (status, body) == (404, NOT_FOUND)
    status, body = error_of(people.people().deleteContact(resourceName=created["resourceName"]))
    assert (status, body) == (404, NOT_FOUND)


def test_client_data_round_trips(people, new_contact):
    created = new_contact(
        clientData=[{"key": "crmsync.id", "value": "contact-42"}, {"key": "v", "value": "7"}]
    )
    got = (
        people.people()
        .get(resourceName=created["resourceName"], personFields="clientData")
        .execute()
    )
    assert [(d["key"], d["value"]) for d in got["clientData"]] == [
        ("crmsync.id", "contact-42"),
        ("v", "7"),
    ]
    updated = (
        people.people()
        .updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="clientData",
            personFields="clientData,names",
            body={
                **version(created),
                "clientData": [{"key": "crmsync.id", "value": "contact-43"}],
            },
        )
        .execute()
    )
    assert [(d["key"], d["value"]) for d in updated["clientData"]] == [("crmsync.id", "contact-43")]
    assert updated["names"][0]["givenName"] == "Ada"


def test_memberships_update_needs_a_group(people, new_contact):
    created = new_contact()
    status, body = error_of(
        people.people().updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="memberships",
            body={"etag": created["etag"], "memberships": []},
        )
    )
    assert status == 400
    assert body == bad_request(
        "Invalid person: updating memberships requires at least one contact group membership."
    )


def test_batch_get_answers_per_name(people, new_contact):
    ada = new_contact()
    missing = "people/c999"
    answer = (
        people.people()
        .getBatchGet(
            resourceNames=[ada["resourceName"], missing, "people/me"], personFields="names"
        )
        .execute()
    )
    first, second, third = answer["responses"]
    assert first["httpStatusCode"] == 200 and first["requestedResourceName"] == ada["resourceName"]
    assert first["person"]["names"][0]["displayName"] == "Ada Lovelace"
    assert second == {
        "requestedResourceName": missing,
        "httpStatusCode": 404,
        "status": {"code": 5, "message": "Requested entity was not found."},
    }
    assert third["person"]["names"][0]["displayName"] == "alice"
    status, body = error_of(
        people.people().getBatchGet(resourceNames=[missing] * 201, personFields="names")
    )
    assert status == 400
    assert body == bad_request(
        "Too many resource names in the request: 201 given, at most 200 allowed."
    )


def test_readonly_scope_reads_but_cannot_write(people_api, new_contact):
    created = new_contact()
    reader = people_api(ALICE, scopes=["https://www.googleapis.com/auth/contacts.readonly"])
    got = reader.people().get(resourceName=created["resourceName"], personFields="names").execute()
    assert got["resourceName"] == created["resourceName"]
    status, body = error_of(reader.people().deleteContact(resourceName=created["resourceName"]))
    assert status == 403
    assert body["error"]["status"] == "PERMISSION_DENIED"
    assert body["error"]["details"][0]["reason"] == "ACCESS_TOKEN_SCOPE_INSUFFICIENT"


def test_contacts_are_per_account(people_api, new_contact):
    created = new_contact()
    bob = people_api("bob@example.com")
    status, body = error_of(
        bob.people().get(resourceName=created["resourceName"], personFields="names")
    )
    assert (status, body) == (404, NOT_FOUND)
    assert (
        bob.people().connections().list(resourceName="people/me", personFields="names").execute()
        == {}
    )


def test_counters_name_people_methods(people, new_contact, emulator):
    created = new_contact()
    people.people().get(resourceName=created["resourceName"], personFields="names").execute()
    counters = emulator.counters()
    assert counters["people.people.createContact"] == 1
    assert counters["people.people.get"] == 1
