"""Batch mutations and the /batch endpoint, through the real client."""

from __future__ import annotations

from googleapiclient.http import BatchHttpRequest
from people_helpers import NOT_FOUND, bad_request, error_of, version


def _contacts(n: int, prefix: str = "P") -> list[dict]:
    return [{"contactPerson": {"names": [{"givenName": f"{prefix}{i}"}]}} for i in range(n)]


def test_batch_create_answers_created_people(people):
    answer = (
        people.people()
        .batchCreateContacts(body={"contacts": _contacts(3), "readMask": "names,clientData"})
        .execute()
    )
    created = answer["createdPeople"]
    assert [c["httpStatusCode"] for c in created] == [200, 200, 200]
    assert [c["person"]["names"][0]["givenName"] for c in created] == ["P0", "P1", "P2"]
    assert all(set(c["person"]) == {"resourceName", "etag", "names"} for c in created)
    assert all(c["status"] == {} for c in created)


def test_batch_create_without_read_mask_answers_nothing(people):
    assert people.people().batchCreateContacts(body={"contacts": _contacts(2)}).execute() == {}
    listing = (
        people.people().connections().list(resourceName="people/me", personFields="names").execute()
    )
    assert listing["totalItems"] == 2


def test_batch_create_limit_is_200(people):
    status, body = error_of(
        people.people().batchCreateContacts(body={"contacts": _contacts(201), "readMask": "names"})
    )
    assert (status, body) == (
        400,
        bad_request("Too many contacts in the request: 201 given, at most 200 allowed."),
    )
    ok = people.people().batchCreateContacts(body={"contacts": _contacts(200), "readMask": "names"})
    assert len(ok.execute()["createdPeople"]) == 200


def test_batch_create_is_all_or_nothing(people):
    contacts = _contacts(2) + [{"contactPerson": {"biographies": [{"value": "a"}, {"value": "b"}]}}]
    status, body = error_of(
        people.people().batchCreateContacts(body={"contacts": contacts, "readMask": "names"})
    )
    assert status == 400 and "'biographies' is a singleton field" in body["error"]["message"]
    listing = (
        people.people().connections().list(resourceName="people/me", personFields="names").execute()
    )
    assert listing == {}


def _made(people, count: int) -> list[dict]:
    return [
        c["person"]
        for c in people.people()
        .batchCreateContacts(body={"contacts": _contacts(count), "readMask": "names,metadata"})
        .execute()["createdPeople"]
    ]


def test_batch_update_checks_each_etag(people):
    created = _made(people, 2)
    body = {
        "contacts": {
            p["resourceName"]: {**version(p), "biographies": [{"value": f"bio {i}"}]}
            for i, p in enumerate(created)
        },
        "updateMask": "biographies",
        "readMask": "biographies,metadata",
    }
    result = people.people().batchUpdateContacts(body=body).execute()["updateResult"]
    assert set(result) == {p["resourceName"] for p in created}
    for i, person in enumerate(created):
        entry = result[person["resourceName"]]
        assert entry["httpStatusCode"] == 200
        assert entry["requestedResourceName"] == person["resourceName"]
        assert entry["person"]["biographies"][0]["value"] == f"bio {i}"
        assert entry["person"]["etag"] != person["etag"]
        [before], [after] = person["metadata"]["sources"], entry["person"]["metadata"]["sources"]
        assert after["id"] == before["id"] and after["etag"] != before["etag"]

    # The same (now stale) etags again: the whole batch fails and nothing changes.
    body["contacts"][created[0]["resourceName"]]["biographies"] = [{"value": "lost"}]
    status, error = error_of(people.people().batchUpdateContacts(body=body))
    assert (status, error) == (
        400,
        bad_request(
            "Request person.metadata.sources.etag is different than the current "
            "person.metadata.sources.etag. Clear local cache and get the latest person.",
            "FAILED_PRECONDITION",
        ),
    )
    got = (
        people.people()
        .get(resourceName=created[0]["resourceName"], personFields="biographies")
        .execute()
    )
    assert got["biographies"][0]["value"] == "bio 0"


def test_batch_update_refuses_an_entry_without_its_contact_source(people):
    first, second = _made(people, 2)
    body = {
        "contacts": {
            first["resourceName"]: {**version(first), "biographies": [{"value": "sent"}]},
            second["resourceName"]: {"etag": second["etag"], "biographies": [{"value": "x"}]},
        },
        "updateMask": "biographies",
        "readMask": "biographies",
    }
    status, error = error_of(people.people().batchUpdateContacts(body=body))
    assert (status, error) == (
        400,
        bad_request(
            "Request must set person.metadata.sources with the contact source that is being "
            "updated (its type CONTACT, id and etag)."
        ),
    )
    got = people.people().get(resourceName=first["resourceName"], personFields="biographies")
    assert "biographies" not in got.execute()  # all or nothing: the good entry waits too


def test_batch_update_needs_update_mask_and_respects_limit(people):
    status, body = error_of(
        people.people().batchUpdateContacts(body={"contacts": {"people/c1": {"etag": "x"}}})
    )
    assert status == 400
    assert body["error"]["message"].startswith("updateMask mask is required.")
    many = {f"people/c{i}": {"etag": "x"} for i in range(201)}
    status, body = error_of(
        people.people().batchUpdateContacts(body={"contacts": many, "updateMask": "names"})
    )
    assert (status, body) == (
        400,
        bad_request("Too many contacts in the request: 201 given, at most 200 allowed."),
    )


def test_batch_update_of_a_missing_contact_is_404(people):
    status, body = error_of(
        people.people().batchUpdateContacts(
            body={"contacts": {"people/c42": {"etag": "x"}}, "updateMask": "names"}
        )
    )
    assert (status, body) == (404, NOT_FOUND)


def test_batch_delete(people):
    created = (
        people.people()
        .batchCreateContacts(body={"contacts": _contacts(3), "readMask": "names"})
        .execute()["createdPeople"]
    )
    names = [c["person"]["resourceName"] for c in created[:2]]
    assert people.people().batchDeleteContacts(body={"resourceNames": names}).execute() == {}
    listing = (
        people.people().connections().list(resourceName="people/me", personFields="names").execute()
    )
    assert [p["resourceName"] for p in listing["connections"]] == [
        created[2]["person"]["resourceName"]
    ]
    status, body = error_of(people.people().batchDeleteContacts(body={"resourceNames": names}))
    assert (status, body) == (404, NOT_FOUND)
    too_many = [f"people/c{i}" for i in range(501)]
    status, body = error_of(people.people().batchDeleteContacts(body={"resourceNames": too_many}))
    assert (status, body) == (
        400,
        bad_request("Too many resource names in the request: 501 given, at most 500 allowed."),
    )


def test_batch_endpoint_runs_each_part_through_the_pipeline(people, fake_google, emulator):
    answers: dict[str, tuple[dict | None, Exception | None]] = {}

    def collect(request_id, response, exception):
        answers[request_id] = (response, exception)

    batch = BatchHttpRequest(callback=collect, batch_uri=fake_google.base_url + "/batch")
    for name in ("Ada", "Grace", "Edsger"):
        batch.add(
            people.people().createContact(
                body={"names": [{"givenName": name}]}, personFields="names"
            ),
            request_id=name,
        )
    batch.add(
        people.people().get(resourceName="people/c404", personFields="names"), request_id="missing"
    )
    batch.execute()

    for name in ("Ada", "Grace", "Edsger"):
        response, exception = answers[name]
        assert exception is None
        assert response["names"][0]["givenName"] == name
    response, exception = answers["missing"]
    assert response is None and exception.resp.status == 404
    counters = emulator.counters()
    assert counters["batch.people"] == 1
    assert counters["people.people.createContact"] == 3
    assert counters["people.people.get"] == 1
    log = emulator.get("/requests?method=people.people.createContact")["requests"]
    assert [entry["in_batch"] for entry in log] == [True, True, True]
