"""Invitations through the real client: Alice organises, Bob (an account of the emulator)
gets a copy in his primary calendar that follows her changes, and his answers reach her."""

from __future__ import annotations

import pytest
from calendar_helpers import ALICE, BOB, error_of, google_error, timed

SCOPE = "https://www.googleapis.com/auth/calendar"
CAROL = "carol@example.org"  # a guest without an account: no copy anywhere
START, END = "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"


@pytest.fixture
def alice(calendar_api):
    return calendar_api(ALICE, scopes=[SCOPE])


@pytest.fixture
def bob(calendar_api):
    """Bob's service; building it makes Bob an account before Alice invites him."""
    return calendar_api(BOB, scopes=[SCOPE])


def _sync(service, sync_token=None, **kw):
    """Items and next sync token of a full (no token) or incremental sync of the primary."""
    items, page_token = [], None
    while True:
        page = (
            service.events()
            .list(calendarId="primary", pageToken=page_token, syncToken=sync_token, **kw)
            .execute()
        )
        items += page["items"]
        page_token = page.get("nextPageToken")
        if page_token is None:
            return items, page["nextSyncToken"]


def _invite(alice, *guests, **extra):
    body = timed(
        START,
        END,
        summary="Revue",
        attendees=[{"email": g} for g in (guests or (BOB, CAROL))],
        **extra,
    )
    return alice.events().insert(calendarId="primary", body=body, sendUpdates="none").execute()


def _get(service, event_id):
    return service.events().get(calendarId="primary", eventId=event_id).execute()


def _answers(event):
    return {a["email"]: a["responseStatus"] for a in event["attendees"]}


def _answer(service, event, status):
    """What a client does to answer: its own entry changed in the attendee list."""
    attendees = [
        {**a, "responseStatus": status} if a.get("self") else a for a in event["attendees"]
    ]
    return (
        service.events()
        .patch(
            calendarId="primary",
            eventId=event["id"],
            body={"attendees": attendees},
            sendUpdates="none",
        )
        .execute()
    )


def test_the_copy_in_the_attendees_primary_calendar(alice, bob, emulator):
    bob.calendars().patch(calendarId="primary", body={"timeZone": "America/New_York"}).execute()
    _, bob_token = _sync(bob)
    event = _invite(
        alice,
        description="Ordre du jour",
        location="Lyon",
        colorId="5",
        transparency="transparent",
        reminders={"useDefault": False, "overrides": [{"method": "popup", "minutes": 30}]},
        extendedProperties={"private": {"crm": "7"}, "shared": {"room": "B2"}},
    )
    assert event["organizer"] == {"email": ALICE, "self": True}
    assert _answers(event) == {BOB: "needsAction", CAROL: "needsAction"}
    assert not any(a.get("self") for a in event["attendees"])

    copy = _get(bob, event["id"])
    assert copy["id"] == event["id"] and copy["iCalUID"] == event["iCalUID"]
    assert copy["status"] == "confirmed"
    assert copy["organizer"] == {"email": ALICE}
    assert copy["creator"] == {"email": ALICE}
    assert copy["attendees"] == [
        {"email": BOB, "responseStatus": "needsAction", "self": True},
        {"email": CAROL, "responseStatus": "needsAction"},
    ]
    for field in ("summary", "description", "location", "sequence", "transparency"):
        assert copy[field] == event[field]
    assert copy["start"] == {"dateTime": "2024-05-01T06:00:00-04:00"}  # Bob's calendar zone
    assert copy["end"] == {"dateTime": "2024-05-01T07:00:00-04:00"}
    assert event["start"] == {"dateTime": "2024-05-01T12:00:00+02:00"}
    # Alice's own fields stay hers: her colour, reminders and private properties.
    assert "colorId" not in copy
    assert copy["reminders"] == {"useDefault": True}
    assert copy["extendedProperties"] == {"shared": {"room": "B2"}}
    assert copy["htmlLink"] != event["htmlLink"]
    changed, _ = _sync(bob, bob_token)
    assert [e["id"] for e in changed] == [event["id"]]
    # Alice's calendar still has its one event; Bob's copy is in his list.
    assert [e["id"] for e in _sync(alice)[0]] == [event["id"]]
    assert [e["id"] for e in _sync(bob)[0]] == [event["id"]]
    # A guest who is no account of the emulator gets none, nor a calendar.
    assert CAROL not in [a["email"] for a in emulator.get("/accounts")["accounts"]]


def test_the_attendees_answer_reaches_the_organizer(alice, bob):
    event = _invite(alice)
    _, alice_token = _sync(alice)
    _, bob_token = _sync(bob)
    answered = _answer(bob, _get(bob, event["id"]), "declined")
    assert _answers(answered) == {BOB: "declined", CAROL: "needsAction"}
    assert [a["email"] for a in answered["attendees"] if a.get("self")] == [BOB]

    seen = _get(alice, event["id"])
    assert _answers(seen) == {BOB: "declined", CAROL: "needsAction"}
    assert not any(a.get("self") for a in seen["attendees"])
    assert seen["sequence"] == event["sequence"]  # an answer is no change of the meeting
    assert seen["etag"] != event["etag"]
    assert [e["id"] for e in _sync(alice, alice_token)[0]] == [event["id"]]
    changed, bob_token = _sync(bob, bob_token)
    assert [(e["id"], _answers(e)[BOB]) for e in changed] == [(event["id"], "declined")]
    # Accepting later works the same way, and a comment goes with the answer.
    copy = _get(bob, event["id"])
    attendees = [
        {**a, "responseStatus": "accepted", "comment": "J'y serai"} if a.get("self") else a
        for a in copy["attendees"]
    ]
    bob.events().patch(
        calendarId="primary", eventId=event["id"], body={"attendees": attendees}
    ).execute()
    seen = _get(alice, event["id"])
    assert _answers(seen)[BOB] == "accepted"
    assert [a.get("comment") for a in seen["attendees"]] == ["J'y serai", None]
    assert [_answers(e)[BOB] for e in _sync(bob, bob_token)[0]] == ["accepted"]


def test_organizer_changes_reach_the_copy_and_keep_the_attendees_own_fields(alice, bob):
    event = _invite(alice, description="Ordre du jour")
    mine = {
        "colorId": "11",
        "transparency": "transparent",
        "reminders": {"useDefault": False, "overrides": [{"method": "popup", "minutes": 5}]},
        "extendedProperties": {"private": {"bobs": "1"}},
    }
    copy = bob.events().patch(calendarId="primary", eventId=event["id"], body=mine).execute()
    for field, value in mine.items():
        assert copy[field] == value
    assert _get(alice, event["id"])["etag"] == event["etag"]  # Bob's own fields stay his
    _, bob_token = _sync(bob)

    # Alice changing her own private properties is nothing to Bob.
    alice.events().patch(
        calendarId="primary",
        eventId=event["id"],
        body={"extendedProperties": {"private": {"crm": "8"}}, "colorId": "2"},
    ).execute()
    assert _get(bob, event["id"])["etag"] == copy["etag"]
    assert _sync(bob, bob_token)[0] == []

    moved = (
        alice.events()
        .patch(
            calendarId="primary",
            eventId=event["id"],
            body=timed("2024-05-02T10:00:00Z", "2024-05-02T11:00:00Z", summary="Revue (moved)"),
            sendUpdates="all",
        )
        .execute()
    )
    followed = _get(bob, event["id"])
    assert followed["summary"] == "Revue (moved)"
    assert followed["start"] == moved["start"] and followed["end"] == moved["end"]
    assert followed["sequence"] == moved["sequence"] == event["sequence"] + 1
    for field, value in mine.items():
        assert followed[field] == value
    changed, bob_token = _sync(bob, bob_token)
    assert [(e["id"], e["summary"]) for e in changed] == [(event["id"], "Revue (moved)")]

    replaced = dict(moved)
    del replaced["description"]
    alice.events().update(calendarId="primary", eventId=event["id"], body=replaced).execute()
    assert "description" not in _get(bob, event["id"])
    assert [e["id"] for e in _sync(bob, bob_token)[0]] == [event["id"]]


def test_deleting_the_event_cancels_the_copy(alice, bob):
    event = _invite(alice)
    _, bob_token = _sync(bob)
    alice.events().delete(calendarId="primary", eventId=event["id"], sendUpdates="none").execute()
    changed, _ = _sync(bob, bob_token)
    assert changed == [
        {
            "kind": "calendar#event",
            "etag": changed[0]["etag"],
            "id": event["id"],
            "status": "cancelled",
        }
    ]
    assert _get(bob, event["id"])["status"] == "cancelled"
    assert bob.events().list(calendarId="primary").execute()["items"] == []
    status, body = error_of(bob.events().delete(calendarId="primary", eventId=event["id"]))
    assert status == 410 and body["error"]["errors"][0]["reason"] == "deleted"


def test_an_attendee_changes_only_their_own_part(alice, bob):
    event = _invite(alice, extendedProperties={"shared": {"room": "B2"}})
    copy = _get(bob, event["id"])
    _, bob_token = _sync(bob)
    # Title, times, guests: the call succeeds and the copy keeps the organizer's values.
    ignored = (
        bob.events()
        .patch(
            calendarId="primary",
            eventId=event["id"],
            body={
                "summary": "Bob's title",
                "location": "Paris",
                "attendees": [*copy["attendees"], {"email": "dave@example.org"}],
                **timed("2024-06-01T10:00:00Z", "2024-06-01T11:00:00Z"),
            },
        )
        .execute()
    )
    assert ignored == copy
    put = dict(copy, summary="Bob's title")
    assert (
        bob.events().update(calendarId="primary", eventId=event["id"], body=put).execute() == copy
    )
    assert _get(alice, event["id"]) == event
    assert _sync(bob, bob_token)[0] == []
    # Shared properties: refused.
    status, body = error_of(
        bob.events().patch(
            calendarId="primary",
            eventId=event["id"],
            body={"extendedProperties": {"shared": {"room": "C3"}}},
        )
    )
    assert status == 403
    assert body == google_error(
        403,
        "forbiddenForNonOrganizer",
        "Shared properties can only be changed by the organizer of the event.",
        "calendar",
    )
    assert _get(bob, event["id"])["extendedProperties"] == {"shared": {"room": "B2"}}
    # A stale etag is refused on a copy as anywhere.
    request = bob.events().patch(calendarId="primary", eventId=event["id"], body={"colorId": "3"})
    request.headers["If-Match"] = '"1"'
    assert error_of(request)[0] == 412


def test_guests_who_can_modify_change_the_event_for_everyone(alice, bob):
    event = _invite(alice, guestsCanModify=True, colorId="5")
    changed = (
        bob.events()
        .patch(calendarId="primary", eventId=event["id"], body={"summary": "Renamed by Bob"})
        .execute()
    )
    assert changed["summary"] == "Renamed by Bob"
    seen = _get(alice, event["id"])
    assert seen["summary"] == "Renamed by Bob"
    assert seen["colorId"] == "5" and seen["organizer"] == {"email": ALICE, "self": True}


def test_a_guest_taken_off_the_list_loses_the_copy(alice, bob):
    event = _invite(alice)
    _, bob_token = _sync(bob)
    alice.events().patch(
        calendarId="primary", eventId=event["id"], body={"attendees": [{"email": CAROL}]}
    ).execute()
    assert _get(bob, event["id"])["status"] == "cancelled"
    changed, bob_token = _sync(bob, bob_token)
    assert [(e["id"], e["status"]) for e in changed] == [(event["id"], "cancelled")]
    alice.events().patch(
        calendarId="primary",
        eventId=event["id"],
        body={"attendees": [{"email": CAROL}, {"email": BOB}]},
    ).execute()
    assert _get(bob, event["id"])["status"] == "confirmed"
    assert [(e["id"], e["status"]) for e in _sync(bob, bob_token)[0]] == [
        (event["id"], "confirmed")
    ]


def test_an_attendee_deleting_the_copy_declines(alice, bob):
    event = _invite(alice)
    _, bob_token = _sync(bob)
    bob.events().delete(calendarId="primary", eventId=event["id"]).execute()
    assert _answers(_get(alice, event["id"])) == {BOB: "declined", CAROL: "needsAction"}
    assert _get(bob, event["id"])["status"] == "cancelled"
    changed, bob_token = _sync(bob, bob_token)
    assert [(e["id"], e["status"]) for e in changed] == [(event["id"], "cancelled")]
    # The organizer's later changes do not bring the invitation back.
    alice.events().patch(
        calendarId="primary", eventId=event["id"], body={"summary": "Still on"}
    ).execute()
    assert _get(bob, event["id"])["status"] == "cancelled"
    assert _sync(bob, bob_token)[0] == []


def test_private_copies_and_imports_invite_nobody(alice, bob):
    private = _invite(alice, privateCopy=True)
    imported = (
        alice.events()
        .import_(
            calendarId="primary",
            body=timed(START, END, iCalUID="uid-1@example.org", attendees=[{"email": BOB}]),
        )
        .execute()
    )
    assert bob.events().list(calendarId="primary").execute()["items"] == []
    for event_id in (private["id"], imported["id"]):
        assert error_of(bob.events().get(calendarId="primary", eventId=event_id))[0] == 404


def test_a_series_and_its_instances(alice, bob):
    body = {
        "summary": "Daily",
        "start": {"dateTime": "2024-06-03T09:00:00", "timeZone": "Europe/Paris"},
        "end": {"dateTime": "2024-06-03T10:00:00", "timeZone": "Europe/Paris"},
        "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"],
        "attendees": [{"email": BOB}],
    }
    series = alice.events().insert(calendarId="primary", body=body).execute()
    copy = _get(bob, series["id"])
    assert copy["recurrence"] == series["recurrence"]
    instances = bob.events().instances(calendarId="primary", eventId=series["id"]).execute()
    ids = [i["id"] for i in instances["items"]]
    assert len(ids) == 3
    _, bob_token = _sync(bob, singleEvents=True)

    alice.events().delete(calendarId="primary", eventId=ids[1]).execute()
    left = bob.events().instances(calendarId="primary", eventId=series["id"]).execute()
    assert [i["id"] for i in left["items"]] == [ids[0], ids[2]]
    changed, bob_token = _sync(bob, bob_token, singleEvents=True)
    assert [(e["id"], e["status"]) for e in changed] == [(ids[1], "cancelled")]

    first = next(i for i in left["items"] if i["id"] == ids[0])
    _answer(bob, first, "tentative")
    seen = alice.events().instances(calendarId="primary", eventId=series["id"]).execute()
    assert [_answers(i)[BOB] for i in seen["items"]] == ["tentative", "needsAction"]
    assert _answers(_get(alice, series["id"]))[BOB] == "needsAction"
    changed, bob_token = _sync(bob, bob_token, singleEvents=True)
    assert [(e["id"], _answers(e)[BOB]) for e in changed] == [(ids[0], "tentative")]

    # Bob taken off one instance only: that instance leaves his calendar.
    alice.events().patch(calendarId="primary", eventId=ids[2], body={"attendees": []}).execute()
    left = bob.events().instances(calendarId="primary", eventId=series["id"]).execute()
    assert [i["id"] for i in left["items"]] == [ids[0]]
    changed, _ = _sync(bob, bob_token, singleEvents=True)
    assert [(e["id"], e["status"]) for e in changed] == [(ids[2], "cancelled")]


def test_an_event_of_a_secondary_calendar_invites_its_owner_too(alice, bob):
    team = alice.calendars().insert(body={"summary": "Team"}).execute()
    body = timed(START, END, attendees=[{"email": ALICE}, {"email": BOB}])
    event = alice.events().insert(calendarId=team["id"], body=body).execute()
    organizer = {"email": team["id"], "displayName": "Team"}
    for service, me in ((alice, ALICE), (bob, BOB)):
        copy = _get(service, event["id"])
        assert copy["organizer"] == organizer
        assert [a["email"] for a in copy["attendees"] if a.get("self")] == [me]
    _answer(alice, _get(alice, event["id"]), "accepted")
    on_team = alice.events().get(calendarId=team["id"], eventId=event["id"]).execute()
    assert _answers(on_team) == {ALICE: "accepted", BOB: "needsAction"}
    assert _answers(_get(bob, event["id"])) == {ALICE: "accepted", BOB: "needsAction"}
    # The organizer calendar deleted: its events' copies are cancelled.
    alice.calendars().delete(calendarId=team["id"]).execute()
    assert _get(bob, event["id"])["status"] == "cancelled"
    assert _get(alice, event["id"])["status"] == "cancelled"


def test_a_moved_event_keeps_its_copies_with_the_new_organizer(alice, bob):
    team = alice.calendars().insert(body={"summary": "Team"}).execute()
    event = _invite(alice)
    bob.events().patch(calendarId="primary", eventId=event["id"], body={"colorId": "4"}).execute()
    _, bob_token = _sync(bob)
    alice.events().move(calendarId="primary", eventId=event["id"], destination=team["id"]).execute()
    copy = _get(bob, event["id"])
    assert copy["status"] == "confirmed"
    assert copy["organizer"] == {"email": team["id"], "displayName": "Team"}
    assert copy["colorId"] == "4"
    changed, _ = _sync(bob, bob_token)
    assert [(e["id"], e["status"]) for e in changed] == [(event["id"], "confirmed")]


def test_clearing_the_attendees_calendar_declines_the_invitations(alice, bob):
    event = _invite(alice)
    own = bob.events().insert(calendarId="primary", body=timed(START, END)).execute()
    bob.calendars().clear(calendarId="primary").execute()
    assert _get(bob, own["id"])["status"] == "cancelled"
    assert _get(bob, event["id"])["status"] == "cancelled"
    assert _answers(_get(alice, event["id"]))[BOB] == "declined"
    assert _get(alice, event["id"])["status"] == "confirmed"


def test_the_organizer_listed_among_the_guests_is_marked_organizer(alice, bob):
    event = _invite(alice, ALICE, BOB)
    assert event["attendees"] == [
        {"email": ALICE, "organizer": True, "responseStatus": "needsAction", "self": True},
        {"email": BOB, "responseStatus": "needsAction"},
    ]
    assert _get(bob, event["id"])["attendees"] == [
        {"email": ALICE, "organizer": True, "responseStatus": "needsAction"},
        {"email": BOB, "responseStatus": "needsAction", "self": True},
    ]
    # The organizer leaving the guest list is not deleting the event.
    alice.events().patch(
        calendarId="primary", eventId=event["id"], body={"attendees": [{"email": BOB}]}
    ).execute()
    assert _get(alice, event["id"])["status"] == "confirmed"
    assert [a["email"] for a in _get(bob, event["id"])["attendees"]] == [BOB]
