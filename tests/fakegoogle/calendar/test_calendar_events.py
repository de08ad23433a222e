"""Event writes and reads: shapes, validation, ids, etags, PUT versus PATCH."""

from __future__ import annotations

import re

import pytest
from calendar_helpers import ALICE, error_of, google_error, timed

START, END = "2024-05-01T10:00:00+02:00", "2024-05-01T11:00:00+02:00"


def insert(cal, **extra):
    return cal.events().insert(calendarId="primary", body=timed(START, END, **extra)).execute()


def test_insert_answers_google_shape(cal):
    event = insert(cal, summary="Lunch", description="With Bob", location="Paris", colorId="5")
    assert event["kind"] == "calendar#event"
    assert re.fullmatch(r'"\d+"', event["etag"])
    assert re.fullmatch(r"[a-v0-9]{26}", event["id"])
    assert event["status"] == "confirmed"
    assert event["htmlLink"].startswith("https://www.google.com/calendar/event?eid=")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", event["created"])
    assert event["updated"] == event["created"]
    assert event["creator"] == {"email": ALICE, "self": True}
    assert event["organizer"] == {"email": ALICE, "self": True}
    assert event["start"] == {"dateTime": START}
    assert event["end"] == {"dateTime": END}
    assert event["iCalUID"] == event["id"] + "@google.com"
    assert event["sequence"] == 0
    assert event["reminders"] == {"useDefault": True}
    assert event["eventType"] == "default"
    assert (event["summary"], event["description"], event["location"], event["colorId"]) == (
        "Lunch",
        "With Bob",
        "Paris",
        "5",
    )
    assert cal.events().get(calendarId="primary", eventId=event["id"]).execute() == event


def test_times_are_rendered_in_the_event_zone(cal):
    body = {
        "start": {"dateTime": "2024-05-01T10:00:00", "timeZone": "America/New_York"},
        "end": {"dateTime": "2024-05-01T15:00:00Z", "timeZone": "America/New_York"},
    }
    event = cal.events().insert(calendarId="primary", body=body).execute()
    assert event["start"] == {
        "dateTime": "2024-05-01T10:00:00-04:00",
        "timeZone": "America/New_York",
    }
    assert event["end"] == {"dateTime": "2024-05-01T11:00:00-04:00", "timeZone": "America/New_York"}
    utc = (
        cal.events()
        .insert(calendarId="primary", body=timed("2024-05-01T08:00:00Z", "2024-05-01T09:00:00Z"))
        .execute()
    )
    # no zone of its own: shown in the calendar's zone (Europe/Paris)
    assert utc["start"] == {"dateTime": "2024-05-01T10:00:00+02:00"}


def test_all_day_event(cal):
    body = {"summary": "Holiday", "start": {"date": "2024-05-01"}, "end": {"date": "2024-05-03"}}
    event = cal.events().insert(calendarId="primary", body=body).execute()
    assert event["start"] == {"date": "2024-05-01"}
    assert event["end"] == {"date": "2024-05-03"}


@pytest.mark.parametrize(
    ("body", "code", "reason", "message"),
    [
        ({"end": {"dateTime": END}}, 400, "required", "Missing start time."),
        ({"start": {"dateTime": START}}, 400, "required", "Missing end time."),
        (
            {"start": {"date": "2024-05-01"}, "end": {"dateTime": END}},
            400,
            "invalid",
            "Start and end times must either both be date or both be dateTime.",
        ),
        (
            {"start": {"dateTime": "2024-05-01T10:00:00"}, "end": {"dateTime": END}},
            400,
            "required",
            "Missing time zone definition for start time.",
        ),
        (
            {"start": {"dateTime": "yesterday"}, "end": {"dateTime": END}},
            400,
            "invalid",
            "Invalid start time.",
        ),
        (
            {"start": {"dateTime": START, "timeZone": "Mars/Olympus"}, "end": {"dateTime": END}},
            400,
            "invalid",
            "Invalid time zone definition for start time.",
        ),
        (timed(START, START, visibility="secret"), 400, "invalid", "Invalid value for: visibility"),
        (timed(START, START, colorId="12"), 400, "invalid", "Invalid color id value."),
        (timed(START, START, id="UPPERCASE"), 400, "invalid", "Invalid resource id value."),
        (timed(START, START, id="abcd"), 400, "invalid", "Invalid resource id value."),
        (timed(START, START, id="wxyz0"), 400, "invalid", "Invalid resource id value."),
        (
            {
                "start": {"dateTime": START, "timeZone": "Europe/Paris"},
                "end": {"dateTime": END, "timeZone": "Europe/Paris"},
                "recurrence": ["RRULE:FREQ=SOMETIMES"],
            },
            400,
            "invalid",
            "Invalid recurrence rule.",
        ),
    ],
)
def test_invalid_bodies(cal, body, code, reason, message):
    status, error = error_of(cal.events().insert(calendarId="primary", body=body))
    assert status == code
    assert error == google_error(code, reason, message)


def test_end_before_start_is_time_range_empty(cal):
    status, error = error_of(cal.events().insert(calendarId="primary", body=timed(END, START)))
    assert status == 400
    assert error == google_error(
        400, "timeRangeEmpty", "The specified time range is empty.", domain="calendar"
    )
    same_day = {"start": {"date": "2024-05-01"}, "end": {"date": "2024-05-01"}}
    status, _ = error_of(cal.events().insert(calendarId="primary", body=same_day))
    assert status == 400
    # a zero-length timed event is allowed
    assert insert_zero(cal)["start"] == {"dateTime": START}


def insert_zero(cal):
    return cal.events().insert(calendarId="primary", body=timed(START, START)).execute()


def test_reminders_rules(cal):
    ok = insert(
        cal,
        reminders={
            "useDefault": False,
            "overrides": [{"method": "popup", "minutes": 0}, {"method": "email", "minutes": 40320}],
        },
    )
    assert ok["reminders"]["overrides"][1] == {"method": "email", "minutes": 40320}
    cases = [
        ({"useDefault": False, "overrides": [{"method": "popup", "minutes": 5}] * 6}, "invalid"),
        ({"useDefault": False, "overrides": [{"method": "sms", "minutes": 5}]}, "invalid"),
        ({"useDefault": False, "overrides": [{"method": "popup", "minutes": 40321}]}, "invalid"),
        ({"useDefault": False, "overrides": [{"method": "popup", "minutes": -1}]}, "invalid"),
        ({"useDefault": False, "overrides": [{"minutes": 5}]}, "required"),
        (
            {"useDefault": True, "overrides": [{"method": "popup", "minutes": 5}]},
            "cannotUseDefaultRemindersAndSpecifyOverride",
        ),
    ]
    for reminders, reason in cases:
        status, error = error_of(
            cal.events().insert(calendarId="primary", body=timed(START, END, reminders=reminders))
        )
        assert (status, error["error"]["errors"][0]["reason"]) == (400, reason), reminders


def test_extended_properties_limits(cal):
    long_key, long_value = "k" * 45, "v" * 2000
    event = insert(
        cal,
        extendedProperties={
            "private": {"crm": "42", long_key: "dropped", "big": long_value, "n": 7},
            "shared": {"k" * 44: "kept"},
        },
    )
    assert event["extendedProperties"] == {
        "private": {"crm": "42", "big": "v" * 1024, "n": "7"},
        "shared": {"k" * 44: "kept"},
    }
    too_many = {"private": {f"p{i}": "x" for i in range(301)}}
    status, error = error_of(
        cal.events().insert(
            calendarId="primary", body=timed(START, END, extendedProperties=too_many)
        )
    )
    assert status == 400 and error["error"]["errors"][0]["reason"] == "invalid"
    too_big = {"private": {f"p{i}": "x" * 1000 for i in range(40)}}
    status, _ = error_of(
        cal.events().insert(
            calendarId="primary", body=timed(START, END, extendedProperties=too_big)
        )
    )
    assert status == 400


def test_client_chosen_id_and_duplicates(cal):
    event_id = "crm0123456789abcdefv"
    event = insert(cal, id=event_id)
    assert event["id"] == event_id
    status, error = error_of(
        cal.events().insert(calendarId="primary", body=timed(START, END, id=event_id))
    )
    assert status == 409
    assert error == google_error(409, "duplicate", "The requested identifier already exists.")
    cal.events().delete(calendarId="primary", eventId=event_id).execute()
    status, error = error_of(
        cal.events().insert(calendarId="primary", body=timed(START, END, id=event_id))
    )
    assert status == 409  # ids are never reusable, even after deletion


def test_delete_get_and_delete_again(cal):
    event = insert(cal, summary="Gone soon")
    assert cal.events().delete(calendarId="primary", eventId=event["id"]).execute() == ""
    got = cal.events().get(calendarId="primary", eventId=event["id"]).execute()
    assert got["status"] == "cancelled"
    assert got["summary"] == "Gone soon"
    assert got["etag"] != event["etag"]
    status, error = error_of(cal.events().delete(calendarId="primary", eventId=event["id"]))
    assert status == 410
    assert error == google_error(410, "deleted", "Resource has been deleted")
    status, error = error_of(cal.events().get(calendarId="primary", eventId="nosuchevent1"))
    assert status == 404
    assert error == google_error(404, "notFound", "Not Found")
    status, _ = error_of(cal.events().delete(calendarId="primary", eventId="nosuchevent1"))
    assert status == 404


def test_if_match_and_if_none_match(cal):
    event = insert(cal, summary="v1")
    changed = (
        cal.events()
        .patch(calendarId="primary", eventId=event["id"], body={"summary": "v2"})
        .execute()
    )
    for make in (
        lambda: cal.events().patch(
            calendarId="primary", eventId=event["id"], body={"summary": "v3"}
        ),
        lambda: cal.events().update(
            calendarId="primary", eventId=event["id"], body=timed(START, END)
        ),
        lambda: cal.events().delete(calendarId="primary", eventId=event["id"]),
    ):
        request = make()
        request.headers["If-Match"] = event["etag"]
        status, error = error_of(request)
        assert status == 412
        assert error == google_error(
            412,
            "conditionNotMet",
            "Precondition Failed",
            location="If-Match",
            locationType="header",
        )
    request = cal.events().patch(calendarId="primary", eventId=event["id"], body={"summary": "v3"})
    request.headers["If-Match"] = changed["etag"]
    assert request.execute()["summary"] == "v3"
    current = cal.events().get(calendarId="primary", eventId=event["id"]).execute()
    request = cal.events().get(calendarId="primary", eventId=event["id"])
    request.headers["If-None-Match"] = current["etag"]
    status, _ = error_of(request)
    assert status == 304
    request = cal.events().get(calendarId="primary", eventId=event["id"])
    request.headers["If-None-Match"] = event["etag"]
    assert request.execute()["summary"] == "v3"


def test_every_write_moves_etag_and_updated_and_sequence_on_time_changes(cal):
    event = insert(cal, summary="Call")
    recoloured = (
        cal.events()
        .patch(calendarId="primary", eventId=event["id"], body={"colorId": "3"})
        .execute()
    )
    assert recoloured["etag"] != event["etag"]
    assert recoloured["updated"] >= event["updated"]
    assert recoloured["sequence"] == 0  # colour is not a change invitees care about
    moved = (
        cal.events()
        .patch(
            calendarId="primary",
            eventId=event["id"],
            body={
                "start": {"dateTime": "2024-05-01T12:00:00+02:00"},
                "end": {"dateTime": "2024-05-01T13:00:00+02:00"},
            },
        )
        .execute()
    )
    assert moved["sequence"] == 1
    renamed = (
        cal.events()
        .patch(calendarId="primary", eventId=event["id"], body={"summary": "Call 2"})
        .execute()
    )
    assert renamed["sequence"] == 2
    assert renamed["created"] == event["created"]
    assert len({event["etag"], recoloured["etag"], moved["etag"], renamed["etag"]}) == 4


def test_put_replaces_and_patch_merges(cal):
    event = insert(
        cal,
        summary="Meet",
        location="Office",
        extendedProperties={"private": {"crm": "1", "kind": "meeting"}, "shared": {"s": "x"}},
    )
    patched = (
        cal.events()
        .patch(
            calendarId="primary",
            eventId=event["id"],
            body={"extendedProperties": {"private": {"kind": None, "extra": "y"}}},
        )
        .execute()
    )
    assert patched["extendedProperties"] == {
        "private": {"crm": "1", "extra": "y"},
        "shared": {"s": "x"},
    }
    assert patched["location"] == "Office" and patched["summary"] == "Meet"
    replaced = (
        cal.events()
        .update(calendarId="primary", eventId=event["id"], body=timed(START, END, summary="Only"))
        .execute()
    )
    assert replaced["summary"] == "Only"
    assert "location" not in replaced and "extendedProperties" not in replaced
    assert replaced["id"] == event["id"] and replaced["created"] == event["created"]


def test_patch_can_switch_to_all_day(cal):
    event = insert(cal)
    patched = (
        cal.events()
        .patch(
            calendarId="primary",
            eventId=event["id"],
            body={"start": {"date": "2024-05-01"}, "end": {"date": "2024-05-02"}},
        )
        .execute()
    )
    assert patched["start"] == {"date": "2024-05-01"}


def test_write_parameters_are_accepted(cal):
    request = cal.events().insert(
        calendarId="primary",
        body=timed(START, END, summary="w"),
        sendUpdates="none",
        maxAttendees=5,
        conferenceDataVersion=1,
        supportsAttachments=True,
    )
    for sent in ("sendUpdates=none", "maxAttendees=5", "conferenceDataVersion=1"):
        assert sent in request.uri
    event = request.execute()
    assert (event["summary"], event["start"]) == ("w", {"dateTime": START})
    patch = cal.events().patch(
        calendarId="primary", eventId=event["id"], body={"summary": "x"}, sendUpdates="none"
    )
    assert "sendUpdates=none" in patch.uri
    patched = patch.execute()
    assert patched["summary"] == "x" and patched["etag"] != event["etag"]
    delete = cal.events().delete(calendarId="primary", eventId=event["id"], sendUpdates="none")
    assert "sendUpdates=none" in delete.uri
    assert delete.execute() == ""
    gone = cal.events().get(calendarId="primary", eventId=event["id"]).execute()
    assert gone["status"] == "cancelled"


def test_import_is_idempotent_by_ical_uid(cal):
    body = timed(START, END, iCalUID="meeting-42@crm.example", summary="Imported")
    first = cal.events().import_(calendarId="primary", body=body).execute()
    assert first["iCalUID"] == "meeting-42@crm.example"
    body["summary"] = "Imported again"
    second = cal.events().import_(calendarId="primary", body=body).execute()
    assert second["id"] == first["id"] and second["summary"] == "Imported again"
    status, error = error_of(cal.events().import_(calendarId="primary", body=timed(START, END)))
    assert status == 400 and error["error"]["errors"][0]["reason"] == "required"


def test_event_ids_with_url_unsafe_calendar_ids(calendar_api, emulator):
    service = calendar_api(ALICE, scopes=["https://www.googleapis.com/auth/calendar"])
    secondary = service.calendars().insert(body={"summary": "Team"}).execute()
    event = service.events().insert(calendarId=secondary["id"], body=timed(START, END)).execute()
    assert event["organizer"] == {"email": secondary["id"], "displayName": "Team", "self": True}
    listed = service.events().list(calendarId=secondary["id"]).execute()
    assert [e["id"] for e in listed["items"]] == [event["id"]]
    assert service.events().list(calendarId="primary").execute()["items"] == []
