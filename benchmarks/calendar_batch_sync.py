"""Calendar emulator: 1000 events in 20 batches of 50, a full sync, incremental syncs.

Runs everything through google-api-python-client over HTTP against a local FakeGoogle,
next to a baseline (the same 1000 inserts one request each). Prints, per phase, the
requests counted by the emulator, wall time and peak Python memory (tracemalloc).

    uv run python benchmarks/calendar_batch_sync.py [--events 1000]
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.http import BatchHttpRequest

from crmsync.fakegoogle import FakeGoogle

ALICE = "alice@example.com"
BOB = "bob@example.com"
BATCH_SIZE = 50
PAGE_SIZE = 250
EDITS = 10


@dataclass
class Phase:
    name: str
    requests: int
    seconds: float
    peak_kib: float
    note: str = ""


class Admin:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def call(self, method: str, path: str, body: Any = None) -> Any:
        request = urllib.request.Request(
            self.base_url + "/_emulator" + path,
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            raw = answer.read()
        return json.loads(raw) if raw else None

    def total_requests(self) -> int:
        return int(self.call("GET", "/counters")["total"])


def event_body(n: int) -> dict[str, Any]:
    day, hour = 1 + n % 28, 8 + n % 10
    return {
        "summary": f"Meeting {n}",
        "start": {"dateTime": f"2024-05-{day:02d}T{hour:02d}:00:00+02:00"},
        "end": {"dateTime": f"2024-05-{day:02d}T{hour:02d}:30:00+02:00"},
        "extendedProperties": {"private": {"crmId": str(n)}},
    }


def measure(admin: Admin, name: str, work: Callable[[], str], trace: bool) -> Phase:
    """Run one phase; ``trace`` measures peak memory (tracemalloc slows Python 3-5x,
    so times come from an untraced run and memory from a traced one)."""
    before = admin.total_requests()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    note = work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    return Phase(name, admin.total_requests() - before, seconds, peak / 1024, note)


def service_for(server: FakeGoogle, admin: Admin, email: str) -> Any:
    token = admin.call("POST", "/tokens", {"email": email})["access_token"]
    return build(
        "calendar",
        "v3",
        credentials=Credentials(token=token),
        static_discovery=True,
        client_options={"api_endpoint": server.base_url + "/calendar/v3/"},
    )


def batch_insert(server: FakeGoogle, service: Any, count: int) -> str:
    failures = 0

    def callback(request_id: str, response: Any, exception: Exception | None) -> None:
        nonlocal failures
        failures += exception is not None

    events = service.events()  # building a resource object costs ~7 ms in the client
    for first in range(0, count, BATCH_SIZE):
        batch = BatchHttpRequest(
            callback=callback, batch_uri=server.base_url + "/batch/calendar/v3"
        )
        for n in range(first, min(first + BATCH_SIZE, count)):
            batch.add(events.insert(calendarId="primary", body=event_body(n)))
        batch.execute()
    return f"{count} events, {failures} failed"


def full_sync(events: Any, out: dict[str, Any]) -> str:
    items, token, pages = 0, None, 0
    while True:
        page = events.list(calendarId="primary", maxResults=PAGE_SIZE, pageToken=token).execute()
        items, pages = items + len(page["items"]), pages + 1
        token = page.get("nextPageToken")
        if token is None:
            out["sync_token"] = page["nextSyncToken"]
            return f"{items} events in {pages} pages"


def incremental(events: Any, out: dict[str, Any]) -> str:
    items, token = 0, None
    while True:
        page = events.list(
            calendarId="primary", syncToken=out["sync_token"], pageToken=token
        ).execute()
        items += len(page["items"])
        token = page.get("nextPageToken")
        if token is None:
            out["sync_token"] = page["nextSyncToken"]
            return f"{items} changes"


def run(count: int, trace: bool) -> list[Phase]:
    phases: list[Phase] = []
    with FakeGoogle() as server:
        admin = Admin(server.base_url)
        admin.call("POST", "/quotas", {"calendar": None})  # measure the work, not the quota
        alice = service_for(server, admin, ALICE)
        bob = service_for(server, admin, BOB)
        alice_events = alice.events()
        state: dict[str, Any] = {}
        phases.append(
            measure(
                admin, "insert, batches of 50", lambda: batch_insert(server, alice, count), trace
            )
        )
        phases.append(
            measure(
                admin, "full sync (pages of 250)", lambda: full_sync(alice_events, state), trace
            )
        )
        phases.append(
            measure(
                admin, "incremental, no change", lambda: incremental(alice_events, state), trace
            )
        )
        listed = admin.call("GET", f"/calendar/calendars/{ALICE}/events")["items"]
        for event in listed[:EDITS]:
            admin.call(
                "PATCH",
                f"/calendar/calendars/{ALICE}/events/{event['id']}",
                {"summary": event["summary"] + " (edited on the phone)"},
            )
        phases.append(
            measure(
                admin,
                f"incremental, {EDITS} phone edits",
                lambda: incremental(alice_events, state),
                trace,
            )
        )

        def one_by_one() -> str:
            bob_events = bob.events()
            for n in range(count):
                bob_events.insert(calendarId="primary", body=event_body(n)).execute()
            return f"{count} events"

        phases.append(measure(admin, "baseline: insert one by one", one_by_one, trace))
        alice.close()
        bob.close()
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    phases = run(args.events, trace=False)
    memory = run(args.events, trace=True)
    print(f"{'phase':<32} {'requests':>8} {'seconds':>8} {'peak KiB':>9}  result")
    for p, m in zip(phases, memory, strict=True):
        print(f"{p.name:<32} {p.requests:>8} {p.seconds:>8.2f} {m.peak_kib:>9.0f}  {p.note}")
    batch_and_sync = sum(p.seconds for p in phases[:4])
    print(f"{'batch + sync total':<32} {'':>8} {batch_and_sync:>8.2f}  (target < 5 s)")


if __name__ == "__main__":
    main()
