"""The agenda sync's test bench: a CRM user connected to the emulator, the real Calendar
client on Google's side, and a way to run the engine as the command line does."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from crmsync.crm.models import Action, ActionType, User
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.google.session import GoogleSession
from crmsync.sync.engine import Summary, SyncOptions, sync_user

CLIENT_ID = "crmsync-sync-tests.apps.googleusercontent.com"
ALICE = "alice@example.com"
#: A fixed "now" for the tests: the window and every time below are built around it.
NOW = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)


@dataclass
class Bench:
    user: User
    base_url: str
    emulator: Any
    google: Any  # a real googleapiclient Calendar service for alice
    email: str = ALICE
    db_path: Any = None

    def sync(self, now: dt.datetime = NOW, **options: Any) -> Summary:
        opts = SyncOptions(now=now, **options)
        with GoogleSession(
            self.user, endpoints=GoogleEndpoints.for_base_url(self.base_url)
        ) as session:
            return sync_user(self.user, opts, session=session, sleep=lambda s: None, **self.extra)

    extra: dict[str, Any] = None  # type: ignore[assignment]

    # --- the CRM side ---------------------------------------------------------------

    def action(
        self, title: str = "RDV", start: dt.datetime | None = None, hours: float = 1, **fields: Any
    ) -> Action:
        start = start or NOW + dt.timedelta(days=2)
        values: dict[str, Any] = {
            "owner": self.user,
            "title": title,
            "start": start,
            "end": start + dt.timedelta(hours=hours),
        }
        values.update(fields)
        return Action.create(**values)

    def action_type(self, code: str) -> ActionType:
        return ActionType.get(ActionType.code == code)

    # --- Google's side --------------------------------------------------------------

    def events(self, calendar_id: str = "primary", **args: Any) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        token = None
        while True:
            page = (
                self.google.events()
                .list(calendarId=calendar_id, pageToken=token, maxResults=2500, **args)
                .execute()
            )
            items.extend(page.get("items", []))
            token = page.get("nextPageToken")
            if not token:
                return items

    def event_of(self, action: Action, calendar_id: str = "primary") -> dict[str, Any]:
        found = [
            e
            for e in self.events(calendar_id)
            if e.get("extendedProperties", {}).get("private", {}).get("crmsyncAction")
            == str(action.id)
        ]
        assert len(found) == 1, f"{len(found)} events for action {action.id}"
        return found[0]

    def insert_event(self, calendar_id: str = "primary", **body: Any) -> dict[str, Any]:
        return self.google.events().insert(calendarId=calendar_id, body=body).execute()

    def counters(self) -> dict[str, int]:
        return self.emulator.counters()
