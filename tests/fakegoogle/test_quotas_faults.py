"""Per-user quotas and injected faults, as google-api-python-client meets them."""

from __future__ import annotations

import json
import time

import httplib2
import pytest
from googleapiclient.errors import HttpError


def _error(exc: HttpError) -> dict:
    return json.loads(exc.content)["error"]


# --- quotas ---------------------------------------------------------------------------


def test_calendar_per_user_sliding_window(calendar_api, emulator):
    emulator.post("/quotas", {"calendar": 5})
    alice = calendar_api("alice@example.com")
    for _ in range(5):
        alice.calendarList().list().execute()

    with pytest.raises(HttpError) as caught:
        alice.calendarList().list().execute()
    assert caught.value.resp.status == 403
    error = _error(caught.value)
    assert error["errors"][0] == {
        "domain": "usageLimits",
        "reason": "rateLimitExceeded",
        "message": "Rate Limit Exceeded",
    }

    # The quota is per user: another account is not slowed down by Alice.
    assert calendar_api("bob@example.com").calendarList().list().execute()["items"]

    emulator.post("/clock/advance", {"seconds": 61})  # the window slides past Alice's calls
    assert alice.calendarList().list().execute()["items"]


def test_people_read_quota_is_429_and_leaves_writes_alone(people_api, emulator):
    emulator.post("/quotas", {"people_read": 2})
    people = people_api("alice@example.com")
    for _ in range(2):
        people.people().connections().list(resourceName="people/me", personFields="names").execute()

    with pytest.raises(HttpError) as caught:
        people.people().connections().list(resourceName="people/me", personFields="names").execute()
    assert caught.value.resp.status == 429
    error = _error(caught.value)
    assert error["status"] == "RESOURCE_EXHAUSTED"
    assert error["details"][0]["reason"] == "RATE_LIMIT_EXCEEDED"

    created = people.people().createContact(body={"names": [{"givenName": "Zoé"}]}).execute()
    assert created["resourceName"].startswith("people/")


# --- faults ---------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "status"), [("500", 500), ("503", 503)])
def test_injected_server_error_then_recovery(calendar_api, emulator, kind, status):
    emulator.post("/faults", {"match": "calendar.calendarList.list", "kind": kind, "count": 1})
    calendar = calendar_api()
    with pytest.raises(HttpError) as caught:
        calendar.calendarList().list().execute()
    assert caught.value.resp.status == status
    assert _error(caught.value)["errors"][0]["reason"] == "backendError"
    assert calendar.calendarList().list().execute()["items"]


def test_library_retries_a_server_error_by_itself(calendar_api, emulator):
    emulator.post("/faults", {"match": "calendar.calendarList.list", "kind": "500", "count": 2})
    assert calendar_api().calendarList().list().execute(num_retries=3)["items"]
    assert emulator.counters()["calendar.calendarList.list"] == 3


def test_dropped_connection_is_a_connection_error(calendar_api, emulator):
    # httplib2 silently resends a request whose connection dropped, once: two drops in a
    # row reach the caller.
    emulator.post("/faults", {"match": "calendar.calendarList.list", "kind": "drop", "count": 2})
    with pytest.raises((ConnectionError, httplib2.HttpLib2Error)):
        calendar_api().calendarList().list().execute()
    log = emulator.get("/requests?method=calendar.calendarList.list")["requests"]
    assert [entry["status"] for entry in log] == [None, None]  # None: no answer was sent


def test_dropped_connections_are_retried_with_num_retries(calendar_api, emulator):
    emulator.post("/faults", {"match": "calendar.calendarList.list", "kind": "drop", "count": 2})
    assert calendar_api().calendarList().list().execute(num_retries=3)["items"]
    log = emulator.get("/requests?method=calendar.calendarList.list")["requests"]
    assert [entry["status"] for entry in log] == [None, None, 200]


def test_latency_fault_delays_only_the_matching_route(calendar_api, emulator):
    calendar = calendar_api()
    emulator.post("/faults", {"match": "calendar.colors.get", "kind": "latency", "latency_ms": 400})
    started = time.monotonic()
    calendar.colors().get().execute()
    assert time.monotonic() - started >= 0.4
    log = emulator.get("/requests?method=calendar.colors.get")["requests"]
    assert log[-1]["ms"] >= 400


def test_faults_match_route_names_by_glob(calendar_api, emulator):
    emulator.post("/faults", {"match": "calendar.events.*", "kind": "500"})
    calendar = calendar_api()
    with pytest.raises(HttpError) as caught:
        calendar.events().list(calendarId="primary").execute()
    assert caught.value.resp.status == 500
    # Routes outside the glob are untouched.
    assert calendar.calendarList().list().execute()["items"]
    emulator.call("DELETE", "/faults")
    assert "items" in calendar.events().list(calendarId="primary").execute()


def test_fault_on_the_token_endpoint_reaches_the_refreshing_library(fake_google, emulator):
    from google.auth.exceptions import RefreshError, TransportError
    from google.auth.transport.requests import Request
    from google.oauth2.credentials import Credentials

    tokens = emulator.post("/tokens", {"email": "alice@example.com", "refresh": True})
    credentials = Credentials(
        token=None,
        refresh_token=tokens["refresh_token"],
        token_uri=fake_google.base_url + "/token",
        client_id="emulator-test-client",
        client_secret="any",
    )
    emulator.post("/faults", {"match": "oauth2.*", "kind": "503"})
    with pytest.raises((RefreshError, TransportError)):
        credentials.refresh(Request())
    emulator.call("DELETE", "/faults")
    credentials.refresh(Request())
    assert credentials.valid
