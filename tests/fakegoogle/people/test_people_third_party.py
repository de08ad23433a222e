"""A third-party People client's first calls, as goobook (a maintained command-line address
book) makes them: contactGroups.list, then connections.list with memberships, then
contactGroups.get. goobook itself is no dependency of ours; its call sequence and the way it
reads the answers are reproduced here through the same client library."""

from __future__ import annotations

GOOBOOK_FIELDS = (
    "names,nicknames,emailAddresses,memberships,phoneNumbers,birthdays,imClients,organizations,"
    "addresses"
)


def _all_pages(resource, **kwargs) -> list[dict]:
    pages, request = [], resource.list(**kwargs)
    while request is not None:
        page = request.execute()
        pages.append(page)
        request = resource.list_next(request, page)
    return pages


def test_goobook_call_sequence(people, new_contact):
    crm = people.contactGroups().create(body={"contactGroup": {"name": "CRM"}}).execute()
    ada = new_contact(emailAddresses=[{"value": "ada@example.com"}])
    grace = new_contact(
        "Grace", "Hopper", birthdays=[{"date": {"year": 1906, "month": 12, "day": 9}}]
    )
    people.contactGroups().members().modify(
        resourceName=crm["resourceName"], body={"resourceNamesToAdd": [ada["resourceName"]]}
    ).execute()
    people.contactGroups().members().modify(
        resourceName="contactGroups/starred", body={"resourceNamesToAdd": [grace["resourceName"]]}
    ).execute()

    # 1. every group, by resource name → formattedName
    group_pages = _all_pages(people.contactGroups(), pageSize=500)
    name_by_id = {
        g["resourceName"]: g["formattedName"] for p in group_pages for g in p["contactGroups"]
    }
    assert len(group_pages) == 1 and len(name_by_id) == 9
    # 2. every contact, 2000 asked per page, the unused parameters sent as None
    pages = _all_pages(
        people.people().connections(),
        resourceName="people/me",
        pageSize=2000,
        x__xgafv=None,
        pageToken=None,
        sortOrder=None,
        personFields=GOOBOOK_FIELDS,
        requestSyncToken=None,
        syncToken=None,
        requestMask_includeField=None,
    )
    contacts = [c for p in pages for c in p.get("connections", [])]
    labels = {
        c["names"][0]["displayName"]: sorted(
            # goobook rebuilds the resource name from the (deprecated) contactGroupId
            name_by_id["contactGroups/" + m["contactGroupMembership"]["contactGroupId"]]
            for m in c["memberships"]
            if "contactGroupMembership" in m
        )
        for c in contacts
    }
    assert labels == {
        "Ada Lovelace": ["CRM", "My Contacts"],
        "Grace Hopper": ["My Contacts", "Starred"],
    }
    # 3. a label's members
    got = people.contactGroups().get(resourceName=crm["resourceName"], maxMembers=100).execute()
    assert got["memberResourceNames"] == [ada["resourceName"]] and got["memberCount"] == 1
