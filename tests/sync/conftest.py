"""Fixtures of the sync engine's tests (the bench itself is in agenda_bench.py)."""

from __future__ import annotations

import pytest
from agenda_bench import ALICE, CLIENT_ID, Bench

from crmsync.crm import db as store
from crmsync.crm.models import SyncSettings, User
from crmsync.google import secrets
from crmsync.google import settings as google_settings

FULL_CALENDAR = "https://www.googleapis.com/auth/calendar"


@pytest.fixture
def bench(tmp_path, monkeypatch, emulator, fake_google, calendar_api):
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", str(tmp_path / "secrets.json"))
    store.open_database(tmp_path / "crm.sqlite")
    user = User.create(
        login="alice", name="Alice", email=ALICE, google_email=ALICE, time_zone="Europe/Paris"
    )
    settings = SyncSettings.for_user(user)
    settings.calendar_name = ALICE
    settings.months_before = 3
    settings.months_after = 12
    settings.save()
    emulator.post("/clients", {"client_id": CLIENT_ID, "client_secret": "s3cret"})
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret="s3cret")
    issued = emulator.post("/tokens", {"email": ALICE, "client_id": CLIENT_ID, "refresh": True})
    secrets.open_secret_store().set(secrets.refresh_token_key("alice"), issued["refresh_token"])
    bench = Bench(user, fake_google.base_url, emulator, calendar_api(ALICE, scopes=[FULL_CALENDAR]))
    bench.extra = {}
    bench.db_path = tmp_path / "crm.sqlite"
    yield bench
    store.close_database()
