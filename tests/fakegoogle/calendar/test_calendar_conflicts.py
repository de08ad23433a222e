"""Conflicts a sync engine meets: 409 on a taken id, 412 on a stale etag, deleted events,
and answers lost after the write was done (the retry then meets its own id)."""

from __future__ import annotations

import json

import pytest
from calendar_helpers import error_of, google_error, timed
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

DUPLICATE = google_error(409, "duplicate", "The requested identifier already exists.")
STALE = google_error(
    412, "conditionNotMet", "Precondition Failed", location="If-Match", locationType="header"
)
DELETED = google_error(410, "deleted", "Resource has been deleted")


def body(**extra) -> dict:
    return timed("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", **extra)


def batch_of(fake_google, requests: dict) -> dict[str, tuple[int, dict]]:
    outcome: dict[str, tuple[int, dict]] = {}

    def callback(request_id, response, exception):
        if exception is None:
            outcome[request_id] = (200, response)
        else:
            content = exception.content
            outcome[request_id] = (exception.resp.status, json.loads(content) if content else {})

    batch = BatchHttpRequest(
        callback=callback, batch_uri=fake_google.base_url + "/batch/calendar/v3"
    )
    for request_id, request in requests.items():
        batch.add(request, request_id=request_id)
    batch.execute()
    return outcome


def test_the_id_of_a_deleted_event_stays_taken(cal):
    cal.events().insert(calendarId="primary", body=body(id="gone000001")).execute()
    cal.events().delete(calendarId="primary", eventId="gone000001").execute()
    request = cal.events().insert(calendarId="primary", body=body(id="gone000001"))
    assert error_of(request) == (409, DUPLICATE)
    got = cal.events().get(calendarId="primary", eventId="gone000001").execute()
    assert got["status"] == "cancelled"  # the refused insert did not bring it back


def test_insert_whose_answer_was_lost_meets_its_own_id(cal, emulator):
    # The event is stored, then the connection drops; httplib2 sends the request again
    # by itself, and the second insert finds the id taken.
    emulator.post("/faults", {"match": "calendar.events.insert", "kind": "dropAfter", "count": 1})
    request = cal.events().insert(calendarId="primary", body=body(id="lost000001", summary="A"))
    assert error_of(request) == (409, DUPLICATE)
    log = emulator.get("/requests?method=calendar.events.insert")["requests"]
    assert [entry["status"] for entry in log] == [None, 409]
    # "already created: fetch and link"
    got = cal.events().get(calendarId="primary", eventId="lost000001").execute()
    assert (got["status"], got["summary"]) == ("confirmed", "A")
    assert len(cal.events().list(calendarId="primary").execute()["items"]) == 1


def test_insert_answered_500_after_it_was_done(cal, emulator):
    emulator.post("/faults", {"match": "calendar.events.insert", "kind": "500after", "count": 1})
    request = cal.events().insert(calendarId="primary", body=body(id="lost000002"))
    with pytest.raises(HttpError) as caught:
        request.execute(num_retries=1)  # the library retries the 500 by itself
    assert caught.value.resp.status == 409
    assert json.loads(caught.value.content) == DUPLICATE
    assert cal.events().get(calendarId="primary", eventId="lost000002").execute()["id"]


def test_batch_part_answered_500_after_it_was_done(cal, fake_google, emulator):
    emulator.post(
        "/faults",
        {"match": "calendar.events.insert", "kind": "dropAfter", "in_batch": True, "count": 1},
    )
    first = batch_of(
        fake_google,
        {
            "a": cal.events().insert(calendarId="primary", body=body(id="part000001")),
            "b": cal.events().insert(calendarId="primary", body=body(id="part000002")),
        },
    )
    assert (first["a"][0], first["b"][0]) == (500, 200)
    again = batch_of(
        fake_google, {"a": cal.events().insert(calendarId="primary", body=body(id="part000001"))}
    )
    assert again["a"] == (409, DUPLICATE)


def test_stale_etag_and_deleted_events_inside_a_batch(cal, fake_google):
    kept = cal.events().insert(calendarId="primary", body=body(summary="v1")).execute()
    gone = cal.events().insert(calendarId="primary", body=body()).execute()
    cal.events().patch(calendarId="primary", eventId=kept["id"], body={"summary": "v2"}).execute()
    cal.events().delete(calendarId="primary", eventId=gone["id"]).execute()
    stale = cal.events().patch(calendarId="primary", eventId=kept["id"], body={"summary": "v3"})
    stale.headers["If-Match"] = kept["etag"]
    outcome = batch_of(
        fake_google,
        {
            "stale": stale,
            "get": cal.events().get(calendarId="primary", eventId=gone["id"]),
            "again": cal.events().delete(calendarId="primary", eventId=gone["id"]),
        },
    )
    assert outcome["stale"] == (412, STALE)
    assert outcome["get"][0] == 200 and outcome["get"][1]["status"] == "cancelled"
    assert outcome["again"] == (410, DELETED)
    current = cal.events().get(calendarId="primary", eventId=kept["id"]).execute()
    assert current["summary"] == "v2"


def test_batch_whose_whole_answer_was_lost_after_its_calls_were_done(cal, fake_google, emulator):
    emulator.post("/faults", {"match": "batch.calendar", "kind": "500after", "count": 1})
    insert = cal.events().insert(calendarId="primary", body=body(id="envl000001"))
    with pytest.raises(HttpError) as caught:
        batch_of(fake_google, {"a": insert})
    assert caught.value.resp.status == 500
    assert cal.events().get(calendarId="primary", eventId="envl000001").execute()["id"]
