"""Calendars, the calendar list, colours and scopes through the real client."""

from __future__ import annotations

from calendar_helpers import ALICE, BOB, error_of, google_error

SCOPE = "https://www.googleapis.com/auth/calendar"


def test_primary_calendar_is_named_after_the_account(cal):
    entry = cal.calendarList().get(calendarId="primary").execute()
    assert entry["id"] == ALICE
    assert entry["summary"] == ALICE
    assert entry["timeZone"] == "Europe/Paris"
    assert entry["accessRole"] == "owner"
    assert entry["primary"] is True
    assert entry["kind"] == "calendar#calendarListEntry"
    assert entry["etag"].startswith('"') and entry["etag"].endswith('"')


def test_calendar_list_lists_primary_and_shared_read_only(cal, emulator):
    emulator.post("/accounts", {"email": BOB})
    emulator.post(f"/calendar/calendars/{BOB}/share", {"email": ALICE, "role": "reader"})
    result = cal.calendarList().list().execute()
    assert result["kind"] == "calendar#calendarList"
    assert [(e["id"], e["accessRole"]) for e in result["items"]] == [
        (ALICE, "owner"),
        (BOB, "reader"),
    ]
    assert "nextPageToken" not in result
    owners = cal.calendarList().list(minAccessRole="owner").execute()
    assert [e["id"] for e in owners["items"]] == [ALICE]
    readers = cal.calendarList().list(minAccessRole="reader").execute()
    assert [e["id"] for e in readers["items"]] == [ALICE, BOB]


def test_calendar_list_pages(calendar_api):
    service = calendar_api(ALICE, scopes=[SCOPE])
    for n in range(4):
        service.calendars().insert(body={"summary": f"Team {n}"}).execute()
    first = service.calendarList().list(maxResults=2).execute()
    assert len(first["items"]) == 2 and "nextPageToken" in first
    second = service.calendarList().list(maxResults=2, pageToken=first["nextPageToken"]).execute()
    third = service.calendarList().list(maxResults=2, pageToken=second["nextPageToken"]).execute()
    ids = [e["id"] for page in (first, second, third) for e in page["items"]]
    assert len(ids) == 5 == len(set(ids))
    assert "nextPageToken" not in third and "nextSyncToken" in third
    status, _ = error_of(service.calendarList().list(pageToken="garbage"))
    assert status == 400


def test_calendars_insert_and_get(calendar_api):
    service = calendar_api(ALICE, scopes=[SCOPE])
    created = service.calendars().insert(body={"summary": "Clients"}).execute()
    assert created["kind"] == "calendar#calendar"
    assert created["id"].endswith("@group.calendar.google.com")
    assert created["summary"] == "Clients"
    assert created["timeZone"] == "Europe/Paris"
    entry = service.calendarList().get(calendarId=created["id"]).execute()
    assert entry["accessRole"] == "owner" and "primary" not in entry
    got = service.calendars().get(calendarId=created["id"]).execute()
    assert got["id"] == created["id"]
    assert service.calendars().get(calendarId="primary").execute()["id"] == ALICE
    status, body = error_of(service.calendars().insert(body={}))
    assert status == 400 and body["error"]["errors"][0]["reason"] == "required"


def test_unknown_calendar_is_404(cal):
    status, body = error_of(cal.events().list(calendarId="nobody@example.com"))
    assert status == 404
    assert body == google_error(404, "notFound", "Not Found")
    status, _ = error_of(cal.calendarList().get(calendarId="nobody@example.com"))
    assert status == 404


def test_colors(cal):
    colors = cal.colors().get().execute()
    assert colors["kind"] == "calendar#colors"
    assert len(colors["event"]) == 11
    assert colors["event"]["1"] == {"background": "#a4bdfc", "foreground": "#1d1d1d"}
    assert colors["event"]["11"] == {"background": "#dc2127", "foreground": "#1d1d1d"}
    assert len(colors["calendar"]) == 24


def test_events_scope_cannot_read_calendar_list_or_colours(calendar_api):
    service = calendar_api(ALICE, scopes=[SCOPE + ".events"])
    for request in (service.calendarList().list(), service.colors().get()):
        status, body = error_of(request)
        assert status == 403
        assert body["error"]["errors"][0]["reason"] == "insufficientPermissions"
    # ...while events are fine with it
    assert service.events().list(calendarId="primary").execute()["items"] == []


def test_calendarlist_readonly_scope_reads_list_and_colours(calendar_api):
    service = calendar_api(ALICE, scopes=[SCOPE + ".calendarlist.readonly"])
    assert service.calendarList().list().execute()["items"][0]["id"] == ALICE
    assert service.colors().get().execute()["kind"] == "calendar#colors"
    status, _ = error_of(service.events().list(calendarId="primary"))
    assert status == 403


def test_readonly_scope_cannot_write_events(calendar_api):
    service = calendar_api(ALICE, scopes=[SCOPE + ".events.readonly"])
    assert service.events().list(calendarId="primary").execute()["items"] == []
    body = {"start": {"date": "2024-05-01"}, "end": {"date": "2024-05-02"}}
    status, error = error_of(service.events().insert(calendarId="primary", body=body))
    assert status == 403
    assert error["error"]["errors"][0]["reason"] == "insufficientPermissions"


def test_read_only_calendar_refuses_writes(calendar_api, emulator):
    bob = calendar_api(BOB)
    event = (
        bob.events()
        .insert(
            calendarId="primary",
            body={
                "summary": "Bob's",
                "start": {"date": "2024-05-01"},
                "end": {"date": "2024-05-02"},
            },
        )
        .execute()
    )
    emulator.post(f"/calendar/calendars/{BOB}/share", {"email": ALICE, "role": "reader"})
    alice = calendar_api(ALICE)
    listed = alice.events().list(calendarId=BOB).execute()
    assert listed["accessRole"] == "reader"
    assert [e["id"] for e in listed["items"]] == [event["id"]]
    assert "self" not in listed["items"][0]["organizer"]
    for request in (
        alice.events().patch(calendarId=BOB, eventId=event["id"], body={"summary": "x"}),
        alice.events().delete(calendarId=BOB, eventId=event["id"]),
        alice.events().insert(
            calendarId=BOB, body={"start": {"date": "2024-05-01"}, "end": {"date": "2024-05-02"}}
        ),
    ):
        status, body = error_of(request)
        assert status == 403
        assert body == google_error(
            403, "requiredAccessLevel", "You need to have writer access to this calendar."
        )
