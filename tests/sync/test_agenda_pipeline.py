"""Batches in flight in parallel: they overlap, every call still counts, results land as if
sent one by one, and a batch failing midway leaves nothing the next run cannot settle."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from agenda_bench import NOW

from crmsync.sync.state import SyncIntent, SyncLink

ACTIONS = 160  # four batches: 50, 50, 50 and 10


def _actions(bench, count: int = ACTIONS) -> None:
    for n in range(count):
        bench.action(f"Visite {n}", start=NOW + dt.timedelta(days=1 + n % 40, hours=n % 8))


def _batches(bench) -> list[dict]:
    log = bench.emulator.get("/requests")["requests"]
    return [e for e in log if e["method"] == "batch.calendar" and not e["in_batch"]]


def _check_linked_once(bench, count: int = ACTIONS) -> None:
    live = [e for e in bench.events() if e.get("status") != "cancelled"]
    carried = Counter(e["extendedProperties"]["private"]["crmsyncAction"] for e in live)
    assert len(live) == count
    assert set(carried.values()) == {1}
    links = list(SyncLink.select())
    assert len(links) == count
    assert {link.google_id for link in links} == {e["id"] for e in live}
    assert SyncIntent.select().count() == 0


def test_several_batches_are_in_flight_at_once(bench):
    _actions(bench)
    # Each batch stays 400 ms on the server: sent one after the other they could not meet.
    bench.emulator.post(
        "/faults",
        {"kind": "latency", "match": "batch.calendar", "in_batch": False, "latency_ms": 400},
    )
    bench.emulator.post("/counters/reset")
    summary = bench.sync()
    assert summary.ok, summary.errors
    assert summary.created["google"] == ACTIONS
    batches = _batches(bench)
    assert len(batches) == 4
    spans = sorted((e["time"] - e["ms"] / 1000.0, e["time"]) for e in batches)
    overlapping = sum(1 for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1])
    assert overlapping >= 1, spans
    # Every request and every call counted once, as the emulator saw them.
    google = [
        e
        for e in bench.emulator.get("/requests")["requests"]
        if not e["method"].startswith(("oauth2.", "emulator."))
    ]
    requests = sum(1 for e in google if not e["in_batch"])
    units = sum(1 for e in google if e["in_batch"] or not e["method"].startswith("batch."))
    assert (summary.requests, summary.units) == (requests, units)
    assert units == requests - len(batches) + ACTIONS
    assert bench.counters()["calendar.events.insert"] == ACTIONS
    _check_linked_once(bench)


def test_a_batch_refused_for_the_day_stops_the_run_and_the_next_run_settles_all(bench):
    _actions(bench)
    bench.emulator.post(
        "/faults",
        {"kind": "403quota", "match": "batch.calendar", "in_batch": False, "skip": 1, "count": 1},
    )
    first = bench.sync()
    assert not first.ok
    assert any("daily limit" in error for error in first.errors)
    assert first.created["google"] < ACTIONS
    again = bench.sync()
    assert again.ok, again.errors
    _check_linked_once(bench)
    quiet = bench.sync()
    assert quiet.ok and quiet.created == {"crm": 0, "google": 0}
    assert quiet.updated == {"crm": 0, "google": 0}


def test_a_long_lived_session_keeps_no_connection_of_ended_workers(bench):
    """The ``--watch`` loop keeps one session per user for days: each run's worker threads
    close their connections and the session forgets them."""
    from crmsync.google.endpoints import GoogleEndpoints
    from crmsync.google.session import GoogleSession
    from crmsync.sync.engine import SyncOptions, sync_user

    with GoogleSession(bench.user, endpoints=GoogleEndpoints.for_base_url(bench.base_url)) as s:
        for run in range(3):
            _actions(bench, 120)
            summary = sync_user(bench.user, SyncOptions(now=NOW), session=s, sleep=lambda _: None)
            assert summary.ok, summary.errors
            assert summary.created["google"] == 120, run
            assert len(s._open) == 1  # the calling thread's own connection only
    _check_linked_once(bench, 360)
