"""calendars.update, calendars.patch, calendars.delete and calendars.clear through the real
client: owner only, titles seen in the calendar list, primary calendars kept, sync tokens."""

from __future__ import annotations

import pytest
from calendar_helpers import ALICE, BOB, error_of, google_error, timed

SCOPE = "https://www.googleapis.com/auth/calendar"
START, END = "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"


@pytest.fixture
def owner(calendar_api):
    """Alice's service with the full calendar scope (calendars.* need it)."""
    return calendar_api(ALICE, scopes=[SCOPE])


def _secondary(service, summary="Team", **extra):
    return service.calendars().insert(body={"summary": summary, **extra}).execute()


def _sync(service, calendar_id, sync_token=None):
    """A full sync (no token) or an incremental one; its items and next sync token."""
    items, page_token = [], None
    while True:
        page = (
            service.events()
            .list(calendarId=calendar_id, pageToken=page_token, syncToken=sync_token)
            .execute()
        )
        items += page["items"]
        page_token = page.get("nextPageToken")
        if page_token is None:
            return items, page["nextSyncToken"]


# --- calendars.patch and calendars.update ------------------------------------------------


def test_patch_changes_the_title_seen_in_the_calendar_list_not_a_summary_override(owner):
    team = _secondary(owner, "Team", description="Sales team", location="Lyon")
    entry_before = owner.calendarList().get(calendarId=team["id"]).execute()
    patched = owner.calendars().patch(calendarId=team["id"], body={"summary": "Équipe"}).execute()
    assert patched["kind"] == "calendar#calendar"
    assert patched["id"] == team["id"]
    assert patched["summary"] == "Équipe"
    assert patched["description"] == "Sales team" and patched["location"] == "Lyon"
    assert patched["timeZone"] == team["timeZone"]
    assert patched["etag"] != team["etag"]
    assert owner.calendars().get(calendarId=team["id"]).execute() == patched
    entry = owner.calendarList().get(calendarId=team["id"]).execute()
    assert entry["summary"] == "Équipe"
    assert "summaryOverride" not in entry
    assert entry["etag"] != entry_before["etag"]
    listed = owner.calendarList().list().execute()["items"]
    assert [e["summary"] for e in listed if e["id"] == team["id"]] == ["Équipe"]
    events = owner.events().list(calendarId=team["id"]).execute()
    assert events["summary"] == "Équipe"


def test_patch_with_null_clears_and_checks_values(owner):
    team = _secondary(owner, "Team", description="Sales team", location="Lyon")
    cleared = (
        owner.calendars()
        .patch(calendarId=team["id"], body={"description": None, "timeZone": "America/New_York"})
        .execute()
    )
    assert "description" not in cleared
    assert cleared["location"] == "Lyon" and cleared["summary"] == "Team"
    assert cleared["timeZone"] == "America/New_York"
    entry = owner.calendarList().get(calendarId=team["id"]).execute()
    assert entry["timeZone"] == "America/New_York" and "description" not in entry
    status, body = error_of(
        owner.calendars().patch(calendarId=team["id"], body={"timeZone": "Mars/Olympus"})
    )
    assert status == 400 and body == google_error(400, "invalid", "Invalid time zone.")
    status, body = error_of(owner.calendars().patch(calendarId=team["id"], body={"summary": ""}))
    assert status == 400 and body == google_error(400, "required", "Missing title.")
    assert owner.calendars().get(calendarId=team["id"]).execute()["summary"] == "Team"


def test_update_replaces_the_metadata(owner):
    team = _secondary(owner, "Team", description="Sales team", location="Lyon")
    updated = owner.calendars().update(calendarId=team["id"], body={"summary": "Renamed"}).execute()
    assert updated["summary"] == "Renamed"
    assert "description" not in updated and "location" not in updated
    assert updated["timeZone"] == team["timeZone"]  # a calendar always keeps a zone
    assert owner.calendarList().get(calendarId=team["id"]).execute()["summary"] == "Renamed"
    status, body = error_of(owner.calendars().update(calendarId=team["id"], body={}))
    assert status == 400 and body["error"]["errors"][0]["reason"] == "required"


def test_the_primary_calendar_can_be_renamed(owner):
    renamed = owner.calendars().patch(calendarId="primary", body={"summary": "Alice M."}).execute()
    assert renamed["id"] == ALICE and renamed["summary"] == "Alice M."
    entry = owner.calendarList().get(calendarId="primary").execute()
    assert entry["summary"] == "Alice M." and entry["primary"] is True


def test_changing_a_calendar_needs_its_owner_and_the_calendar_scope(calendar_api, emulator):
    bob = calendar_api(BOB, scopes=[SCOPE])
    bobs = _secondary(bob, "Bob's")
    emulator.post(f"/calendar/calendars/{bobs['id']}/share", {"email": ALICE, "role": "writer"})
    alice = calendar_api(ALICE, scopes=[SCOPE])
    owner_needed = google_error(
        403, "requiredAccessLevel", "You need to have owner access to this calendar."
    )
    for request in (
        alice.calendars().patch(calendarId=bobs["id"], body={"summary": "Mine"}),
        alice.calendars().update(calendarId=bobs["id"], body={"summary": "Mine"}),
        alice.calendars().delete(calendarId=bobs["id"]),
        alice.calendars().clear(calendarId=BOB),
    ):
        status, body = error_of(request)
        # Bob's primary calendar is not shared with Alice: unknown to her.
        expected = (404, google_error(404, "notFound", "Not Found"))
        if "/clear" not in request.uri:
            expected = (403, owner_needed)
        assert (status, body) == expected
    assert bob.calendars().get(calendarId=bobs["id"]).execute()["summary"] == "Bob's"
    narrow = calendar_api(ALICE)  # calendar.events + calendarlist.readonly
    status, body = error_of(narrow.calendars().patch(calendarId="primary", body={"summary": "x"}))
    assert status == 403
    assert body["error"]["errors"][0]["reason"] == "insufficientPermissions"


# --- calendars.delete ----------------------------------------------------------------------


def test_delete_removes_a_secondary_calendar_its_events_and_its_sync_tokens(
    owner, calendar_api, emulator
):
    team = _secondary(owner, "Team")
    emulator.post(f"/calendar/calendars/{team['id']}/share", {"email": BOB, "role": "reader"})
    event = owner.events().insert(calendarId=team["id"], body=timed(START, END)).execute()
    _, sync_token = _sync(owner, team["id"])
    bob = calendar_api(BOB)
    assert team["id"] in [e["id"] for e in bob.calendarList().list().execute()["items"]]

    assert owner.calendars().delete(calendarId=team["id"]).execute() == ""

    for service in (owner, bob):
        assert team["id"] not in [e["id"] for e in service.calendarList().list().execute()["items"]]
        gone = service.calendarList().list(showDeleted=True).execute()["items"]
        assert [e.get("deleted") for e in gone if e["id"] == team["id"]] == [True]
    not_found = (404, google_error(404, "notFound", "Not Found"))
    for request in (
        owner.calendars().get(calendarId=team["id"]),
        owner.calendarList().get(calendarId=team["id"]),
        owner.events().list(calendarId=team["id"], syncToken=sync_token),
        owner.events().list(calendarId=team["id"]),
        owner.events().get(calendarId=team["id"], eventId=event["id"]),
        owner.events().insert(calendarId=team["id"], body=timed(START, END)),
        owner.calendars().delete(calendarId=team["id"]),
        bob.events().list(calendarId=team["id"]),
    ):
        assert error_of(request) == not_found
    assert [c["id"] for c in owner.calendarList().list().execute()["items"]] == [ALICE]


def test_the_primary_calendar_cannot_be_deleted(owner):
    owner.events().insert(calendarId="primary", body=timed(START, END)).execute()
    for calendar_id in ("primary", ALICE):
        status, body = error_of(owner.calendars().delete(calendarId=calendar_id))
        assert status == 403
        assert body == google_error(
            403, "cannotDeletePrimaryCalendar", "Cannot delete primary calendar.", "calendar"
        )
    assert len(owner.events().list(calendarId="primary").execute()["items"]) == 1
    assert owner.calendarList().get(calendarId="primary").execute()["primary"] is True


# --- calendars.clear -----------------------------------------------------------------------


def test_clear_empties_the_primary_calendar_and_sync_reports_each_deletion(owner):
    single = owner.events().insert(calendarId="primary", body=timed(START, END)).execute()
    series_body = {
        "start": {"dateTime": "2024-06-03T09:00:00", "timeZone": "Europe/Paris"},
        "end": {"dateTime": "2024-06-03T10:00:00", "timeZone": "Europe/Paris"},
        "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"],
    }
    series = owner.events().insert(calendarId="primary", body=series_body).execute()
    moved_id = series["id"] + "_20240604T070000Z"
    owner.events().patch(calendarId="primary", eventId=moved_id, body={"summary": "x"}).execute()
    already_gone = owner.events().insert(calendarId="primary", body=timed(START, END)).execute()
    owner.events().delete(calendarId="primary", eventId=already_gone["id"]).execute()
    _, sync_token = _sync(owner, "primary")

    assert owner.calendars().clear(calendarId="primary").execute() == ""

    assert owner.events().list(calendarId="primary").execute()["items"] == []
    assert owner.events().list(calendarId="primary", singleEvents=True).execute()["items"] == []
    changed, _ = _sync(owner, "primary", sync_token)
    assert {e["id"]: e["status"] for e in changed} == {
        single["id"]: "cancelled",
        series["id"]: "cancelled",
        moved_id: "cancelled",
    }
    got = owner.events().get(calendarId="primary", eventId=single["id"]).execute()
    assert got["status"] == "cancelled"
    # The calendar itself stays, and takes new events.
    owner.events().insert(calendarId="primary", body=timed(START, END)).execute()
    assert len(owner.events().list(calendarId="primary").execute()["items"]) == 1


def test_clear_refuses_a_secondary_calendar(owner):
    team = _secondary(owner, "Team")
    owner.events().insert(calendarId=team["id"], body=timed(START, END)).execute()
    status, body = error_of(owner.calendars().clear(calendarId=team["id"]))
    assert status == 400
    assert body == google_error(400, "invalid", "Cannot clear primary calendar.")
    assert len(owner.events().list(calendarId=team["id"]).execute()["items"]) == 1
