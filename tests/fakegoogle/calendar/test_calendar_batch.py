"""Batch requests and concurrent clients against the Calendar emulator."""

from __future__ import annotations

import threading

import google_auth_httplib2
import httplib2
from calendar_helpers import ALICE, timed
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.http import BatchHttpRequest


def test_fifty_inserts_in_one_batch_with_a_duplicate(cal, fake_google, emulator):
    existing = (
        cal.events()
        .insert(
            calendarId="primary",
            body=timed("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", id="taken00001"),
        )
        .execute()
    )
    emulator.post("/counters/reset")
    results: dict[str, tuple[dict | None, int | None]] = {}

    def callback(request_id, response, exception):
        results[request_id] = (response, exception.resp.status if exception else None)

    batch = BatchHttpRequest(
        callback=callback, batch_uri=fake_google.base_url + "/batch/calendar/v3"
    )
    for n in range(50):
        body = timed("2024-05-02T10:00:00Z", "2024-05-02T11:00:00Z", summary=f"Event {n}")
        if n == 17:
            body["id"] = existing["id"]
        batch.add(cal.events().insert(calendarId="primary", body=body), request_id=str(n))
    batch.execute()
    assert len(results) == 50
    assert results["17"] == (None, 409)
    for n in set(range(50)) - {17}:
        response, error = results[str(n)]
        assert error is None and response["summary"] == f"Event {n}"
    assert emulator.counters() == {"batch.calendar": 1, "calendar.events.insert": 50}
    listed = cal.events().list(calendarId="primary", maxResults=2500).execute()
    assert len(listed["items"]) == 50


def test_batch_mixes_reads_writes_and_errors(cal, fake_google):
    event = (
        cal.events()
        .insert(calendarId="primary", body=timed("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"))
        .execute()
    )
    outcome = {}

    def callback(request_id, response, exception):
        outcome[request_id] = exception.resp.status if exception else response

    batch = BatchHttpRequest(
        callback=callback, batch_uri=fake_google.base_url + "/batch/calendar/v3"
    )
    batch.add(cal.events().get(calendarId="primary", eventId=event["id"]), request_id="get")
    batch.add(
        cal.events().patch(calendarId="primary", eventId=event["id"], body={"summary": "b"}),
        request_id="patch",
    )
    batch.add(
        cal.events().delete(calendarId="primary", eventId="nosuchevent1"), request_id="missing"
    )
    batch.add(
        cal.events().insert(calendarId="primary", body={"summary": "no times"}), request_id="bad"
    )
    batch.execute()
    assert outcome["get"]["id"] == event["id"]
    assert outcome["patch"]["summary"] == "b"
    assert outcome["missing"] == 404
    assert outcome["bad"] == 400


def test_concurrent_inserts_from_threads(fake_google, emulator):
    token = emulator.token(ALICE)
    errors: list[BaseException] = []
    per_thread = 15

    def worker(n: int) -> None:
        http = google_auth_httplib2.AuthorizedHttp(
            Credentials(token=token), http=httplib2.Http(timeout=30)
        )
        service = build(
            "calendar",
            "v3",
            http=http,
            static_discovery=True,
            client_options={"api_endpoint": fake_google.base_url + "/calendar/v3/"},
        )
        try:
            for i in range(per_thread):
                body = timed("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", summary=f"t{n}-{i}")
                service.events().insert(calendarId="primary", body=body).execute()
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)
        finally:
            service.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    raw = emulator.get(f"/calendar/calendars/{ALICE}/events")
    assert len(raw["items"]) == 6 * per_thread
    assert raw["change_seq"] == 6 * per_thread
    assert sorted(e["_seq"] for e in raw["items"]) == list(range(1, 6 * per_thread + 1))
    assert len({e["id"] for e in raw["items"]}) == 6 * per_thread
    assert emulator.counters()["calendar.events.insert"] == 6 * per_thread
