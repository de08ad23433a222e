"""connections.list through the real client: paging, sort orders, sync tokens and expiry."""

from __future__ import annotations

from people_helpers import ALICE, bad_request, error_of, version

EXPIRED = {
    "error": {
        "code": 400,
        "message": "Sync token is expired. Clear local cache and retry call without the sync token.",
        "errors": [
            {
                "message": "Sync token is expired. Clear local cache and retry call without the "
                "sync token.",
                "domain": "global",
                "reason": "failedPrecondition",
            }
        ],
        "status": "FAILED_PRECONDITION",
        "details": [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "EXPIRED_SYNC_TOKEN",
                "domain": "people.googleapis.com",
            }
        ],
    }
}


def _list(people, **kwargs):
    kwargs.setdefault("personFields", "names")
    return people.people().connections().list(resourceName="people/me", **kwargs).execute()


def _full_sync(people, **kwargs):
    """Every page of a full sync; (people, pages, sync token)."""
    pages, token = [], None
    while True:
        page = _list(people, requestSyncToken=True, pageToken=token, **kwargs)
        pages.append(page)
        token = page.get("nextPageToken")
        if not token:
            return (
                [p for pg in pages for p in pg.get("connections", [])],
                pages,
                page.get("nextSyncToken"),
            )


def _batch_create(people, names):
    body = {
        "contacts": [
            {"contactPerson": {"names": [{"givenName": g, "familyName": f}]}} for g, f in names
        ],
        "readMask": "names",
    }
    created = people.people().batchCreateContacts(body=body).execute()["createdPeople"]
    return [c["person"] for c in created]


def test_full_sync_pages_and_only_the_last_page_has_the_sync_token(people):
    made = _batch_create(people, [(f"P{i}", "X") for i in range(5)])
    everyone, pages, token = _full_sync(people, pageSize=2)
    assert [len(p["connections"]) for p in pages] == [2, 2, 1]
    assert [p["resourceName"] for p in everyone] == [p["resourceName"] for p in made]
    assert all("nextSyncToken" not in p and "nextPageToken" in p for p in pages[:-1])
    assert "nextPageToken" not in pages[-1] and token
    assert all(p["totalItems"] == 5 and p["totalPeople"] == 5 for p in pages)


def test_no_sync_token_unless_requested(people, new_contact):
    new_contact()
    page = _list(people)
    assert set(page) == {"connections", "totalPeople", "totalItems"}


def test_empty_address_book_lists_as_an_empty_object(people):
    assert _list(people) == {}


def test_page_size_default_and_bounds(people):
    _batch_create(people, [(f"P{i}", "X") for i in range(101)])
    assert len(_list(people)["connections"]) == 100
    assert len(_list(people, pageSize=0)["connections"]) == 100
    # Above the documented 1000 is served as 1000, not refused: long-lived clients such as
    # goobook ask Google for 2000 and get their contacts.
    assert len(_list(people, pageSize=2000)["connections"]) == 101
    status, body = error_of(
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="names", pageSize=-1)
    )
    assert (status, body) == (400, bad_request("page_size must not be negative; got -1."))


def test_incremental_sync_returns_changes_and_tombstones(people, new_contact):
    ada, grace, alan = (
        new_contact("Ada"),
        new_contact("Grace", "Hopper"),
        new_contact("Alan", "Turing"),
    )
    _, _, token = _full_sync(people)

    people.people().updateContact(
        resourceName=grace["resourceName"],
        updatePersonFields="biographies",
        body={**version(grace), "biographies": [{"value": "COBOL"}]},
    ).execute()
    people.people().deleteContact(resourceName=alan["resourceName"]).execute()
    edsger = new_contact("Edsger", "Dijkstra")

    changes = _list(
        people, syncToken=token, requestSyncToken=True, personFields="names,biographies"
    )
    got = changes["connections"]
    assert [p["resourceName"] for p in got] == [
        grace["resourceName"],
        alan["resourceName"],
        edsger["resourceName"],
    ]
    assert got[0]["biographies"][0]["value"] == "COBOL"
    tombstone = got[1]
    number = int(alan["resourceName"].removeprefix("people/c"))
    assert set(tombstone) == {"resourceName", "etag", "metadata"}
    assert tombstone["metadata"]["deleted"] is True
    assert tombstone["metadata"]["objectType"] == "PERSON"
    assert [(s["type"], s["id"]) for s in tombstone["metadata"]["sources"]] == [
        ("CONTACT", f"{number:x}")
    ]
    assert changes["totalItems"] == 3
    assert ada["resourceName"] not in {p["resourceName"] for p in got}

    quiet = _list(people, syncToken=changes["nextSyncToken"], requestSyncToken=True)
    assert set(quiet) == {"nextSyncToken"}


def test_incremental_sync_pages_too(people):
    _, _, token = _full_sync(people)
    made = _batch_create(people, [(f"P{i}", "X") for i in range(5)])
    first = _list(people, syncToken=token, requestSyncToken=True, pageSize=3)
    assert "nextSyncToken" not in first and len(first["connections"]) == 3
    second = _list(
        people, syncToken=token, requestSyncToken=True, pageSize=3, pageToken=first["nextPageToken"]
    )
    assert "nextPageToken" not in second and second["nextSyncToken"]
    listed = first["connections"] + second["connections"]
    assert [p["resourceName"] for p in listed] == [p["resourceName"] for p in made]


def test_sync_token_expires_seven_days_after_the_full_sync(people_api, emulator):
    # The access token must outlive the days the clock jumps.
    people = people_api(ALICE, expires_in=30 * 86400)
    people.people().createContact(body={"names": [{"givenName": "Ada"}]}).execute()
    _, _, token = _full_sync(people)
    emulator.post("/clock/advance", {"days": 8})
    status, body = error_of(
        people.people()
        .connections()
        .list(
            resourceName="people/me", personFields="names", syncToken=token, requestSyncToken=True
        )
    )
    assert (status, body) == (400, EXPIRED)
    # The way out Google prescribes: a full sync without the token works again.
    everyone, _, fresh = _full_sync(people)
    assert len(everyone) == 1 and fresh


def test_incremental_tokens_keep_the_full_sync_deadline(people_api, emulator):
    people = people_api(ALICE, expires_in=30 * 86400)
    people.people().createContact(body={"names": [{"givenName": "Ada"}]}).execute()
    _, _, token = _full_sync(people)
    emulator.post("/clock/advance", {"days": 6})
    token = _list(people, syncToken=token, requestSyncToken=True)["nextSyncToken"]
    emulator.post("/clock/advance", {"days": 2})
    status, body = error_of(
        people.people()
        .connections()
        .list(
            resourceName="people/me", personFields="names", syncToken=token, requestSyncToken=True
        )
    )
    assert (status, body) == (400, EXPIRED)


def test_garbled_or_foreign_sync_token_is_invalid(people, people_api, new_contact):
    new_contact()
    _, _, token = _full_sync(people)
    invalid = bad_request("Request contains an invalid argument.")
    for garbled in (token[:-3] + "AAA", "not-a-token", token[::-1]):
        status, body = error_of(
            people.people()
            .connections()
            .list(
                resourceName="people/me",
                personFields="names",
                syncToken=garbled,
                requestSyncToken=True,
            )
        )
        assert (status, body) == (400, invalid)
    bob = people_api("bob@example.com")
    status, body = error_of(
        bob.people()
        .connections()
        .list(resourceName="people/me", personFields="names", syncToken=token)
    )
    assert (status, body) == (400, invalid)


def test_page_token_needs_the_same_parameters(people):
    _batch_create(people, [(f"P{i}", "X") for i in range(3)])
    first = _list(people, pageSize=2, requestSyncToken=True)
    status, body = error_of(
        people.people()
        .connections()
        .list(
            resourceName="people/me",
            personFields="names,emailAddresses",
            pageSize=2,
            requestSyncToken=True,
            pageToken=first["nextPageToken"],
        )
    )
    assert (status, body) == (
        400,
        bad_request("Parameters sent with a page token must match the call that returned it."),
    )


def test_contact_changed_while_paging_is_not_lost(people):
    made = _batch_create(people, [(f"P{i}", "X") for i in range(4)])
    first = _list(people, pageSize=2, requestSyncToken=True, personFields="names,biographies")
    moved = made[3]  # not listed yet: its change moves it to the end, still listed
    current = (
        people.people()
        .get(resourceName=moved["resourceName"], personFields="names,metadata")
        .execute()
    )
    people.people().updateContact(
        resourceName=moved["resourceName"],
        updatePersonFields="biographies",
        body={**version(current), "biographies": [{"value": "edited while paging"}]},
    ).execute()
    rest = _list(
        people,
        pageSize=2,
        requestSyncToken=True,
        personFields="names,biographies",
        pageToken=first["nextPageToken"],
    )
    listed = [p["resourceName"] for p in first["connections"] + rest["connections"]]
    assert sorted(listed) == sorted(p["resourceName"] for p in made)
    # The token stands for the listing's start, so the edit also comes in the next sync.
    changes = _list(
        people, syncToken=rest["nextSyncToken"], requestSyncToken=True, personFields="biographies"
    )
    assert [p["resourceName"] for p in changes["connections"]] == [moved["resourceName"]]


def test_sort_orders(people):
    made = _batch_create(people, [("Carol", "Adams"), ("Alice", "Zed"), ("Bob", "Miller")])
    by = {p["names"][0]["givenName"]: p["resourceName"] for p in made}

    def order(sort):
        return [p["names"][0]["givenName"] for p in _list(people, sortOrder=sort)["connections"]]

    assert order("LAST_MODIFIED_ASCENDING") == ["Carol", "Alice", "Bob"]
    assert order("LAST_MODIFIED_DESCENDING") == ["Bob", "Alice", "Carol"]
    assert order("FIRST_NAME_ASCENDING") == ["Alice", "Bob", "Carol"]
    assert order("LAST_NAME_ASCENDING") == ["Carol", "Bob", "Alice"]
    page = _list(people, sortOrder="FIRST_NAME_ASCENDING", pageSize=2)
    rest = _list(
        people, sortOrder="FIRST_NAME_ASCENDING", pageSize=2, pageToken=page["nextPageToken"]
    )
    assert [p["resourceName"] for p in rest["connections"]] == [by["Carol"]]


def test_connections_of_anyone_but_me_is_refused(people):
    status, body = error_of(
        people.people().connections().list(resourceName="people/c123", personFields="names")
    )
    assert (status, body) == (400, bad_request("Only people/me is valid for connections.list."))


def test_two_thousand_contacts_list_in_two_pages(people, emulator):
    for chunk in range(10):
        _batch_create(people, [(f"N{chunk}-{i}", "Bulk") for i in range(200)])
    # goobook's pageSize=2000 is served 1000 at a time.
    everyone, pages, token = _full_sync(people, pageSize=2000, personFields="names,emailAddresses")
    assert [len(p["connections"]) for p in pages] == [1000, 1000]
    assert len({p["resourceName"] for p in everyone}) == 2000
    assert pages[0]["totalItems"] == 2000 and token
    assert emulator.counters()["people.people.connections.list"] == 2
