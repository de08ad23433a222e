"""The emulator's control surface for benchmarks: latency, quotas, per-account counters."""

from __future__ import annotations

import time

import pytest
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

ALICE, BOB = "alice@example.com", "bob@example.com"


def insert(service, n: int):
    body = {
        "summary": f"E{n}",
        "start": {"dateTime": "2024-05-01T10:00:00Z"},
        "end": {"dateTime": "2024-05-01T11:00:00Z"},
    }
    return service.events().insert(calendarId="primary", body=body)


def run_batch(fake_google, service, count: int) -> list[int]:
    statuses: list[int] = []
    batch = BatchHttpRequest(
        callback=lambda _id, _response, exc: statuses.append(exc.resp.status if exc else 200),
        batch_uri=fake_google.base_url + "/batch/calendar/v3",
    )
    for n in range(count):
        batch.add(insert(service, n))
    batch.execute()
    return statuses


def test_latency_is_paid_once_per_http_request(calendar_api, fake_google, emulator):
    alice = calendar_api(ALICE)
    assert emulator.post("/latency", {"latency_ms": 200}) == {
        "latency_ms": 200,
        "batch_part_latency_ms": 0,
    }
    started = time.monotonic()
    alice.colors().get().execute()
    assert time.monotonic() - started >= 0.2
    emulator.post("/counters/reset")
    assert run_batch(fake_google, alice, 10) == [200] * 10
    log = emulator.get("/requests")["requests"]
    parts = [e["ms"] for e in log if e["in_batch"]]
    envelope = [e["ms"] for e in log if e["method"] == "batch.calendar"]
    assert len(parts) == 10 and max(parts) < 200  # the parts do not wait
    assert envelope[0] >= 200

    emulator.post("/latency", {"batch_part_latency_ms": 30})
    emulator.post("/counters/reset")
    run_batch(fake_google, alice, 3)
    log = emulator.get("/requests")["requests"]
    assert min(e["ms"] for e in log if e["in_batch"]) >= 30
    assert [e["ms"] >= 290 for e in log if not e["in_batch"]] == [True]


def test_latency_settings_are_checked_and_outlive_clearing_faults(emulator):
    for bad in ({"latency_ms": -1}, {"latency_ms": "soon"}, {"delay": 5}):
        with pytest.raises(AssertionError, match="400"):
            emulator.post("/latency", bad)
    emulator.post("/faults", {"latency_ms": 40})  # the older way sets the same knob
    emulator.post("/faults", {"match": "calendar.*", "kind": "500"})
    emulator.call("DELETE", "/faults")
    assert emulator.get("/latency") == {"latency_ms": 40, "batch_part_latency_ms": 0}
    assert emulator.get("/faults")["faults"] == []
    emulator.post("/reset")
    assert emulator.get("/latency") == {"latency_ms": 0, "batch_part_latency_ms": 0}


def test_the_control_surface_is_never_slowed_nor_failed(calendar_api, emulator):
    emulator.post("/latency", {"latency_ms": 1000})
    emulator.post("/faults", {"match": "*", "kind": "500"})
    started = time.monotonic()
    assert emulator.get("/counters")["total"] == 0
    assert emulator.get("/faults")["faults"][0]["hits"] == 0
    assert time.monotonic() - started < 1.0
    with pytest.raises(HttpError) as caught:
        calendar_api(ALICE).colors().get().execute()
    assert caught.value.resp.status == 500


def test_counters_per_account(calendar_api, fake_google, emulator):
    alice, bob = calendar_api(ALICE), calendar_api(BOB)
    emulator.post("/quotas", {"calendar": 4})
    emulator.post("/counters/reset")
    alice.colors().get().execute()
    alice.calendarList().list().execute()
    assert run_batch(fake_google, alice, 3) == [200, 200, 403]
    bob.colors().get().execute()
    counters = emulator.get("/counters")
    assert counters["accounts"] == {
        ALICE: {"http_requests": 3, "calls": 5, "quota_units": 4, "rate_limited": 1},
        BOB: {"http_requests": 1, "calls": 1, "quota_units": 1, "rate_limited": 0},
    }
    assert (counters["http_requests"], counters["calls"], counters["total"]) == (4, 6, 7)
    assert counters["counters"] == {
        "calendar.colors.get": 2,
        "calendar.calendarList.list": 1,
        "batch.calendar": 1,
        "calendar.events.insert": 3,
    }
    bobs = emulator.get(f"/requests?account={BOB}")["requests"]
    assert [(e["method"], e["quota_charged"]) for e in bobs] == [("calendar.colors.get", True)]
    emulator.post("/counters/reset")
    assert emulator.get("/counters")["accounts"] == {}
