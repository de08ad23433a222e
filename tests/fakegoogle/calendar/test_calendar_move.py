"""events.move: an event changes calendar (and organizer) and keeps its id."""

from __future__ import annotations

import json

import httplib2
import pytest
from calendar_helpers import ALICE, BOB, error_of, google_error, timed

FULL = "https://www.googleapis.com/auth/calendar"


@pytest.fixture
def team(emulator):
    """A secondary calendar of Alice's, in another zone than her primary (Europe/Paris)."""
    return emulator.post(
        "/calendar/calendars",
        {"owner": ALICE, "summary": "Team", "timeZone": "America/New_York"},
    )["id"]


def sync(cal, calendar_id, token=None):
    """(items, nextSyncToken) of a full list, or of the changes since ``token``."""
    items, page = [], None
    while True:
        answer = (
            cal.events()
            .list(calendarId=calendar_id, syncToken=token, pageToken=page, showDeleted=True)
            .execute()
        )
        items += answer["items"]
        page = answer.get("nextPageToken")
        if page is None:
            return items, answer["nextSyncToken"]


def test_move_keeps_id_and_properties_and_shows_in_both_syncs(cal, team):
    event = (
        cal.events()
        .insert(
            calendarId="primary",
            body=timed(
                "2024-05-01T10:00:00+02:00",
                "2024-05-01T11:00:00+02:00",
                summary="Review",
                extendedProperties={"private": {"crmId": "42"}, "shared": {"k": "v"}},
            ),
        )
        .execute()
    )
    _, source_token = sync(cal, "primary")
    _, destination_token = sync(cal, team)

    moved = (
        cal.events()
        .move(calendarId="primary", eventId=event["id"], destination=team, sendUpdates="none")
        .execute()
    )
    assert moved["id"] == event["id"]
    assert moved["status"] == "confirmed"
    assert moved["extendedProperties"] == {"private": {"crmId": "42"}, "shared": {"k": "v"}}
    assert moved["organizer"] == {"email": team, "displayName": "Team", "self": True}
    assert moved["creator"] == event["creator"]
    assert (moved["created"], moved["iCalUID"], moved["summary"]) == (
        event["created"],
        event["iCalUID"],
        "Review",
    )
    assert moved["etag"] != event["etag"] and moved["updated"] >= event["updated"]
    assert moved["start"] == {"dateTime": "2024-05-01T04:00:00-04:00"}  # the new calendar's zone

    gone, _ = sync(cal, "primary", source_token)
    assert gone == [
        {
            "kind": "calendar#event",
            "etag": gone[0]["etag"],
            "id": event["id"],
            "status": "cancelled",
        }
    ]
    arrived, _ = sync(cal, team, destination_token)
    assert arrived == [moved]

    assert cal.events().get(calendarId=team, eventId=event["id"]).execute() == moved
    left = cal.events().get(calendarId="primary", eventId=event["id"]).execute()
    assert left["status"] == "cancelled"
    listed = cal.events().list(calendarId="primary").execute()["items"]
    assert listed == []


def test_a_series_moves_with_its_exceptions_and_can_move_back(cal, team):
    series = (
        cal.events()
        .insert(
            calendarId="primary",
            body={
                "start": {"dateTime": "2024-05-06T09:00:00", "timeZone": "Europe/Paris"},
                "end": {"dateTime": "2024-05-06T10:00:00", "timeZone": "Europe/Paris"},
                "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"],
            },
        )
        .execute()
    )
    second = series["id"] + "_20240507T070000Z"
    cal.events().patch(calendarId="primary", eventId=second, body={"summary": "Moved"}).execute()

    status, error = error_of(
        cal.events().move(calendarId="primary", eventId=second, destination=team)
    )
    assert status == 400
    assert error == google_error(
        400, "cannotChangeOrganizerOfInstance", "Cannot change the organizer of an instance."
    )

    cal.events().move(calendarId="primary", eventId=series["id"], destination=team).execute()
    instances = cal.events().instances(calendarId=team, eventId=series["id"]).execute()["items"]
    assert [(e["id"], e.get("summary")) for e in instances] == [
        (series["id"] + "_20240506T070000Z", None),
        (second, "Moved"),
        (series["id"] + "_20240508T070000Z", None),
    ]
    assert cal.events().list(calendarId="primary", singleEvents=True).execute()["items"] == []

    # Back home: the cancelled copies left in the primary calendar give way.
    back = cal.events().move(calendarId=team, eventId=series["id"], destination="primary").execute()
    assert back["organizer"] == {"email": ALICE, "self": True}
    home = cal.events().list(calendarId="primary", singleEvents=True).execute()["items"]
    assert [e["id"] for e in home] == [i["id"] for i in instances]
    assert cal.events().list(calendarId=team).execute()["items"] == []


def test_move_needs_writer_access_on_both_calendars(calendar_api, emulator, team):
    alice = calendar_api(ALICE, scopes=[FULL])
    bob = calendar_api(BOB, scopes=[FULL])
    emulator.post(f"/calendar/calendars/{team}/share", {"email": BOB, "role": "reader"})
    mine = (
        bob.events()
        .insert(calendarId="primary", body=timed("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"))
        .execute()
    )
    writer_only = google_error(
        403, "requiredAccessLevel", "You need to have writer access to this calendar."
    )
    assert error_of(
        bob.events().move(calendarId="primary", eventId=mine["id"], destination=team)
    ) == (
        403,
        writer_only,
    )
    theirs = (
        alice.events()
        .insert(calendarId=team, body=timed("2024-05-02T10:00:00Z", "2024-05-02T11:00:00Z"))
        .execute()
    )
    assert error_of(
        bob.events().move(calendarId=team, eventId=theirs["id"], destination="primary")
    ) == (
        403,
        writer_only,
    )
    emulator.post(f"/calendar/calendars/{team}/share", {"email": BOB, "role": "writer"})
    moved = bob.events().move(calendarId="primary", eventId=mine["id"], destination=team).execute()
    assert moved["id"] == mine["id"]
    assert moved["organizer"] == {"email": team, "displayName": "Team"}


def test_move_errors(cal, fake_google, emulator, team):
    body = timed("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z")
    event = cal.events().insert(calendarId="primary", body=body).execute()
    status, error = error_of(
        cal.events().move(calendarId="primary", eventId=event["id"], destination="nobody@x.org")
    )
    assert (status, error) == (404, google_error(404, "notFound", "Not Found"))
    status, _ = error_of(
        cal.events().move(calendarId="primary", eventId="nosuchevent1", destination=team)
    )
    assert status == 404

    # the same id already lives in the destination
    cal.events().insert(calendarId=team, body={**body, "id": "dupe000001"}).execute()
    cal.events().insert(calendarId="primary", body={**body, "id": "dupe000001"}).execute()
    status, error = error_of(
        cal.events().move(calendarId="primary", eventId="dupe000001", destination=team)
    )
    assert (status, error) == (
        409,
        google_error(409, "duplicate", "The requested identifier already exists."),
    )

    cal.events().delete(calendarId="primary", eventId=event["id"]).execute()
    status, error = error_of(
        cal.events().move(calendarId="primary", eventId=event["id"], destination=team)
    )
    assert (status, error) == (410, google_error(410, "deleted", "Resource has been deleted"))

    # The library refuses to send a move without a destination; over plain HTTP it is a 400.
    token = emulator.token(ALICE)
    http = httplib2.Http()
    try:
        response, content = http.request(
            f"{fake_google.base_url}/calendar/v3/calendars/primary/events/dupe000001/move",
            "POST",
            headers={"Authorization": f"Bearer {token}"},
        )
    finally:
        http.close()
    assert response.status == 400
    assert json.loads(content) == google_error(
        400,
        "required",
        "Required parameter: destination",
        location="destination",
        locationType="parameter",
    )
