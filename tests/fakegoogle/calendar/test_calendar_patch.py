"""events.patch through the real client: Google's patch semantics (fields given replace,
objects merge key by key, arrays are replaced whole, null removes), If-Match, and the new
etag and sequence — by a direct call and inside a batch."""

from __future__ import annotations

import json

from calendar_helpers import error_of, google_error, timed
from googleapiclient.http import BatchHttpRequest

START, END = "2024-05-01T10:00:00+02:00", "2024-05-01T11:00:00+02:00"
CONFERENCE = {
    "conferenceId": "abc-defg-hij",
    "conferenceSolution": {"key": {"type": "hangoutsMeet"}, "name": "Google Meet"},
    "entryPoints": [{"entryPointType": "video", "uri": "https://meet.google.com/abc-defg-hij"}],
}
STALE = google_error(
    412, "conditionNotMet", "Precondition Failed", location="If-Match", locationType="header"
)


def rich_event(cal):
    """An event carrying fields an app that only edits the title must not lose."""
    body = timed(
        START,
        END,
        summary="Comité",
        location="Salle 2",
        attendees=[{"email": "carol@example.com"}, {"email": "dan@example.com"}],
        transparency="transparent",
        visibility="confidential",
        reminders={
            "useDefault": False,
            "overrides": [{"method": "email", "minutes": 60}, {"method": "popup", "minutes": 10}],
        },
        extendedProperties={"private": {"mine": "1", "theirs": "2"}, "shared": {"room": "B"}},
        conferenceData=CONFERENCE,
        attachments=[{"fileUrl": "https://drive.google.com/open?id=x", "title": "Plan"}],
    )
    request = cal.events().insert(
        calendarId="primary", body=body, conferenceDataVersion=1, supportsAttachments=True
    )
    return request.execute()


def patch(cal, event, body, etag=None):
    request = cal.events().patch(
        calendarId="primary", eventId=event["id"], body=body, sendUpdates="none"
    )
    if etag is not None:
        request.headers["If-Match"] = etag
    return request


def test_a_patch_changes_what_it_names_and_keeps_the_rest(cal):
    event = rich_event(cal)
    patched = patch(cal, event, {"summary": "Comité (déplacé)"}, event["etag"]).execute()
    assert patched["summary"] == "Comité (déplacé)"
    unchanged = {k: v for k, v in event.items() if k not in ("summary", "etag", "updated")}
    unchanged.pop("sequence")
    assert {k: patched[k] for k in unchanged} == unchanged
    assert patched["etag"] != event["etag"] and patched["updated"] >= event["updated"]
    assert patched["sequence"] == event["sequence"] + 1  # a new title matters to guests
    assert cal.events().get(calendarId="primary", eventId=event["id"]).execute() == patched


def test_objects_merge_arrays_are_replaced_and_null_removes(cal):
    event = rich_event(cal)
    patched = patch(
        cal,
        event,
        {
            "extendedProperties": {"private": {"mine": "3", "theirs": None}},
            "reminders": {"overrides": [{"method": "popup", "minutes": 30}]},
            "start": {"dateTime": "2024-05-01T10:30:00+02:00"},
            "location": None,
        },
    ).execute()
    # Merged key by key: the shared map and the other private key's removal.
    assert patched["extendedProperties"] == {"private": {"mine": "3"}, "shared": {"room": "B"}}
    # reminders is an object (useDefault kept), its overrides an array (replaced whole).
    assert patched["reminders"] == {
        "useDefault": False,
        "overrides": [{"method": "popup", "minutes": 30}],
    }
    assert patched["start"] == {"dateTime": "2024-05-01T10:30:00+02:00"}
    assert patched["end"] == event["end"]
    assert "location" not in patched
    assert [a["email"] for a in patched["attendees"]] == ["carol@example.com", "dan@example.com"]
    guests = patch(cal, patched, {"attendees": [{"email": "erin@example.com"}]}).execute()
    assert [a["email"] for a in guests["attendees"]] == ["erin@example.com"]


def test_a_patch_that_would_leave_an_invalid_event_is_refused(cal):
    event = rich_event(cal)
    # Merged, the reminders would use the default and carry overrides: Google refuses that.
    status, body = error_of(patch(cal, event, {"reminders": {"useDefault": True}}))
    assert status == 400
    assert body["error"]["errors"][0]["reason"] == "cannotUseDefaultRemindersAndSpecifyOverride"
    status, _ = error_of(patch(cal, event, {"end": {"dateTime": "2024-05-01T09:00:00+02:00"}}))
    assert status == 400
    assert cal.events().get(calendarId="primary", eventId=event["id"]).execute() == event


def test_if_match_on_a_patch(cal):
    event = rich_event(cal)
    first = patch(cal, event, {"description": "v2"}, event["etag"]).execute()
    assert first["sequence"] == event["sequence"]  # a description is not a time or a title
    status, body = error_of(patch(cal, event, {"description": "v3"}, event["etag"]))
    assert (status, body) == (412, STALE)
    assert patch(cal, event, {"description": "v3"}, first["etag"]).execute()["description"] == (
        "v3"
    )


def test_patches_inside_a_batch_check_if_match_and_move_etag_and_sequence(cal, fake_google):
    kept = rich_event(cal)
    moved = rich_event(cal)
    changed = patch(cal, kept, {"colorId": "4"}).execute()
    outcome: dict[str, tuple[int, dict | None]] = {}

    def callback(request_id, response, exception):
        if exception is None:
            outcome[request_id] = (200, response)
        else:
            outcome[request_id] = (exception.resp.status, json.loads(exception.content))

    batch = BatchHttpRequest(
        callback=callback, batch_uri=fake_google.base_url + "/batch/calendar/v3"
    )
    batch.add(patch(cal, kept, {"summary": "stale"}, kept["etag"]), request_id="stale")
    body = {
        "start": {"dateTime": "2024-05-02T10:00:00+02:00"},
        "end": {"dateTime": "2024-05-02T11:00:00+02:00"},
    }
    batch.add(patch(cal, moved, body, moved["etag"]), request_id="fresh")
    batch.execute()
    assert outcome["stale"] == (412, STALE)
    status, answer = outcome["fresh"]
    assert status == 200 and answer is not None
    assert answer["etag"] != moved["etag"] and answer["sequence"] == moved["sequence"] + 1
    assert answer["start"] == body["start"] and answer["attendees"] == moved["attendees"]
    assert answer["conferenceData"] == CONFERENCE
    assert cal.events().get(calendarId="primary", eventId=kept["id"]).execute() == changed


def test_conference_data_is_ignored_in_bodies_below_conference_data_version_1(cal):
    plain = cal.events().insert(
        calendarId="primary", body=timed(START, END, conferenceData=CONFERENCE)
    )
    assert "conferenceData" not in plain.execute()
    event = rich_event(cal)
    assert event["conferenceData"] == CONFERENCE
    other = {**CONFERENCE, "conferenceId": "zzz-zzzz-zzz"}
    patched = patch(cal, event, {"conferenceData": other, "summary": "b"}).execute()
    assert patched["conferenceData"] == CONFERENCE and patched["summary"] == "b"
    put = cal.events().update(
        calendarId="primary", eventId=event["id"], body=timed(START, END, summary="c")
    )
    assert put.execute()["conferenceData"] == CONFERENCE  # not cleared by a PUT either
    copied = cal.events().patch(
        calendarId="primary",
        eventId=event["id"],
        body={"conferenceData": other},
        conferenceDataVersion=1,
    )
    assert copied.execute()["conferenceData"] == other
    status, _ = error_of(
        cal.events().insert(calendarId="primary", body=timed(START, END), conferenceDataVersion=2)
    )
    assert status == 400
