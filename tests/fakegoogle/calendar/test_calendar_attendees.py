"""attendees[].self through the real client: "Whether this entry represents the calendar on
which this copy of the event appears. Read-only." (Google's Events reference)."""

from __future__ import annotations

from calendar_helpers import ALICE, BOB, timed

CAROL = "carol@example.org"  # not an account of the emulator
START, END = "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"


def _selves(event):
    return {a["email"]: a.get("self", False) for a in event["attendees"]}


def test_the_calendar_owners_entry_is_self_in_every_answer(cal):
    body = timed(
        START,
        END,
        attendees=[{"email": CAROL}, {"email": ALICE}],
    )
    created = cal.events().insert(calendarId="primary", body=body).execute()
    assert _selves(created) == {CAROL: False, ALICE: True}
    assert [a for a in created["attendees"] if a["email"] == ALICE][0]["self"] is True
    got = cal.events().get(calendarId="primary", eventId=created["id"]).execute()
    assert _selves(got) == {CAROL: False, ALICE: True}
    listed = cal.events().list(calendarId="primary").execute()["items"]
    assert _selves(listed[0]) == {CAROL: False, ALICE: True}
    patched = (
        cal.events()
        .patch(calendarId="primary", eventId=created["id"], body={"summary": "Renamed"})
        .execute()
    )
    assert _selves(patched) == {CAROL: False, ALICE: True}


def test_self_is_read_only(cal, emulator):
    body = timed(START, END, attendees=[{"email": CAROL, "self": True}, {"email": ALICE}])
    created = cal.events().insert(calendarId="primary", body=body).execute()
    assert _selves(created) == {CAROL: False, ALICE: True}
    stored = emulator.get(f"/calendar/calendars/{ALICE}/events")["items"][0]
    assert all("self" not in a for a in stored["attendees"])


def test_on_a_secondary_calendar_the_owners_own_entry_is_not_self(calendar_api):
    service = calendar_api(ALICE, scopes=["https://www.googleapis.com/auth/calendar"])
    team = service.calendars().insert(body={"summary": "Team"}).execute()
    body = timed(START, END, attendees=[{"email": ALICE}, {"email": CAROL}])
    created = service.events().insert(calendarId=team["id"], body=body).execute()
    assert created["organizer"]["self"] is True
    assert _selves(created) == {ALICE: False, CAROL: False}


def test_on_a_shared_calendar_self_is_the_calendars_entry_not_the_readers(calendar_api, emulator):
    alice = calendar_api(ALICE)
    body = timed(START, END, attendees=[{"email": ALICE}, {"email": BOB}])
    created = alice.events().insert(calendarId="primary", body=body).execute()
    emulator.post(f"/calendar/calendars/{ALICE}/share", {"email": BOB, "role": "reader"})
    bob = calendar_api(BOB)
    seen = bob.events().get(calendarId=ALICE, eventId=created["id"]).execute()
    assert _selves(seen) == {ALICE: True, BOB: False}
