"""Injected faults aimed at single calls inside a batch, through the real client's batch."""

from __future__ import annotations

import json

import pytest
from calendar_helpers import timed
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

BACKEND_ERROR = {
    "error": {
        "errors": [{"domain": "global", "reason": "backendError", "message": "Backend Error"}],
        "code": 500,
        "message": "Backend Error",
        "status": "INTERNAL",
    }
}


def body(n: int) -> dict:
    return timed("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", summary=f"E{n}")


def run_batch(fake_google, cal, count: int) -> dict[int, tuple[int, dict]]:
    """``count`` inserts in one batch; {n: (status, body)} per part."""
    outcome: dict[int, tuple[int, dict]] = {}

    def callback(request_id, response, exception):
        if exception is None:
            outcome[int(request_id)] = (200, response)
        else:
            outcome[int(request_id)] = (exception.resp.status, json.loads(exception.content))

    batch = BatchHttpRequest(
        callback=callback, batch_uri=fake_google.base_url + "/batch/calendar/v3"
    )
    for n in range(count):
        batch.add(cal.events().insert(calendarId="primary", body=body(n)), request_id=str(n))
    batch.execute()
    return outcome


def statuses(outcome: dict[int, tuple[int, dict]]) -> list[int]:
    return [outcome[n][0] for n in sorted(outcome)]


def test_one_part_of_a_batch_fails_alone(cal, fake_google, emulator):
    fault = emulator.post(
        "/faults",
        {
            "match": "calendar.events.insert",
            "kind": "500",
            "in_batch": True,
            "skip": 2,
            "count": 1,
        },
    )
    assert (fault["in_batch"], fault["skip"], fault["count"]) == (True, 2, 1)
    outcome = run_batch(fake_google, cal, 5)
    assert statuses(outcome) == [200, 200, 500, 200, 200]
    assert outcome[2][1] == BACKEND_ERROR
    assert [outcome[n][1]["summary"] for n in (0, 1, 3, 4)] == ["E0", "E1", "E3", "E4"]
    listed = cal.events().list(calendarId="primary").execute()["items"]
    assert sorted(e["summary"] for e in listed) == ["E0", "E1", "E3", "E4"]
    # the fault is spent: a new batch goes through whole
    assert statuses(run_batch(fake_google, cal, 3)) == [200, 200, 200]
    faults = emulator.get("/faults")["faults"]
    assert (faults[0]["seen"], faults[0]["hits"]) == (3, 1)  # two let through, one hit


def test_in_batch_true_spares_requests_sent_alone(cal, fake_google, emulator):
    emulator.post("/faults", {"match": "calendar.events.*", "kind": "403rate", "in_batch": True})
    assert cal.events().insert(calendarId="primary", body=body(0)).execute()["summary"] == "E0"
    outcome = run_batch(fake_google, cal, 2)
    assert statuses(outcome) == [403, 403]
    assert outcome[0][1]["error"]["errors"][0]["reason"] == "rateLimitExceeded"


def test_in_batch_false_spares_batch_parts(cal, fake_google, emulator):
    emulator.post("/faults", {"match": "calendar.events.insert", "kind": "503", "in_batch": False})
    assert statuses(run_batch(fake_google, cal, 2)) == [200, 200]
    with pytest.raises(HttpError) as caught:
        cal.events().insert(calendarId="primary", body=body(9)).execute()
    assert caught.value.resp.status == 503


def test_a_dropped_part_is_a_500_part(cal, fake_google, emulator):
    # One call cannot drop the connection the whole batch shares.
    emulator.post(
        "/faults", {"match": "calendar.events.insert", "kind": "drop", "skip": 1, "count": 1}
    )
    assert statuses(run_batch(fake_google, cal, 3)) == [200, 500, 200]


def test_skip_counts_requests_sent_alone_too(cal, emulator):
    emulator.post("/faults", {"match": "calendar.colors.get", "kind": "500", "skip": 1, "count": 1})
    assert cal.colors().get().execute()["kind"] == "calendar#colors"
    with pytest.raises(HttpError) as caught:
        cal.colors().get().execute()
    assert caught.value.resp.status == 500
    assert cal.colors().get().execute()["kind"] == "calendar#colors"


def test_a_fault_on_the_envelope_fails_the_whole_batch(cal, fake_google, emulator):
    emulator.post("/faults", {"match": "batch.calendar", "kind": "503", "count": 1})
    with pytest.raises(HttpError) as caught:
        run_batch(fake_google, cal, 2)
    assert caught.value.resp.status == 503
    assert cal.events().list(calendarId="primary").execute()["items"] == []


def test_in_batch_must_be_a_boolean(emulator):
    with pytest.raises(AssertionError, match="400"):
        emulator.post("/faults", {"match": "*", "kind": "500", "in_batch": "yes"})
