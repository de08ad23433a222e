"""The Calendar backend survives an emulator restart with ``--state FILE``."""

from __future__ import annotations

import json
import urllib.request

import pytest
from calendar_helpers import ALICE, timed
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from crmsync.fakegoogle import FakeGoogle


def _service(server: FakeGoogle, token: str):
    return build(
        "calendar",
        "v3",
        credentials=Credentials(token=token),
        static_discovery=True,
        client_options={"api_endpoint": server.base_url + "/calendar/v3/"},
    )


def _token(server: FakeGoogle, **extra: object) -> str:
    request = urllib.request.Request(
        server.base_url + "/_emulator/tokens",
        data=json.dumps({"email": ALICE, "expires_in": 86400, **extra}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())["access_token"]


def test_events_and_sync_tokens_survive_restart(tmp_path):
    state = tmp_path / "google.json"
    with FakeGoogle(state_file=state) as server:
        token = _token(server)
        service = _service(server, token)
        kept = (
            service.events()
            .insert(
                calendarId="primary",
                body=timed(
                    "2024-05-01T10:00:00Z",
                    "2024-05-01T11:00:00Z",
                    summary="Kept",
                    extendedProperties={"private": {"crm": "7"}},
                ),
            )
            .execute()
        )
        body = {
            "start": {"dateTime": "2024-01-01T09:00:00", "timeZone": "Europe/Paris"},
            "end": {"dateTime": "2024-01-01T10:00:00", "timeZone": "Europe/Paris"},
            "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"],
        }
        master = service.events().insert(calendarId="primary", body=body).execute()
        service.events().delete(
            calendarId="primary", eventId=master["id"] + "_20240102T080000Z"
        ).execute()
        sync_token = service.events().list(calendarId="primary").execute()["nextSyncToken"]
        before = (
            service.events()
            .list(calendarId="primary", singleEvents=True, showDeleted=True)
            .execute()
        )
        service.close()
    with FakeGoogle(state_file=state) as server:
        service = _service(server, token)
        assert service.events().get(calendarId="primary", eventId=kept["id"]).execute() == kept
        after = (
            service.events()
            .list(calendarId="primary", singleEvents=True, showDeleted=True)
            .execute()
        )
        assert after["items"] == before["items"]
        assert (
            service.events().list(calendarId="primary", syncToken=sync_token).execute()["items"]
            == []
        )
        again = (
            service.events()
            .insert(
                calendarId="primary", body=timed("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z")
            )
            .execute()
        )
        assert int(again["etag"].strip('"')) > int(kept["etag"].strip('"'))
        changed = service.events().list(calendarId="primary", syncToken=sync_token).execute()
        assert [e["id"] for e in changed["items"]] == [again["id"]]
        service.close()


def test_a_deleted_calendar_stays_deleted_after_restart(tmp_path):
    state = tmp_path / "google.json"
    with FakeGoogle(state_file=state) as server:
        token = _token(server, scopes=["https://www.googleapis.com/auth/calendar"])
        service = _service(server, token)
        team = service.calendars().insert(body={"summary": "Team"}).execute()
        service.calendars().delete(calendarId=team["id"]).execute()
        service.close()
    with FakeGoogle(state_file=state) as server:
        service = _service(server, token)
        with pytest.raises(HttpError) as info:
            service.calendars().get(calendarId=team["id"]).execute()
        assert info.value.resp.status == 404
        listed = service.calendarList().list(showDeleted=True).execute()["items"]
        assert [(e["id"], e.get("deleted", False)) for e in listed] == [
            (ALICE, False),
            (team["id"], True),
        ]
        service.close()
