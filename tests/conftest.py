"""Shared test set-up: offscreen Qt, a private data folder, no real keyring."""

from __future__ import annotations

import contextlib
import json as _json
import os
import urllib.error
import urllib.request
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """Keep every test away from the user's real data folder, database and endpoint."""
    monkeypatch.setenv("CRMSYNC_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CRMSYNC_DB", raising=False)
    monkeypatch.delenv("CRMSYNC_GOOGLE_ENDPOINT", raising=False)
    monkeypatch.delenv("CRMSYNC_SECRET_STORE", raising=False)


# --- the Google emulator, driven over HTTP ----------------------------------------------


class EmulatorAdmin:
    """A tiny JSON client for the emulator's ``/_emulator/`` surface (not Google's API)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else _json.dumps(body).encode()
        request = urllib.request.Request(
            self.base_url + "/_emulator" + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                raw = answer.read()
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path} → {exc.code}: {exc.read()!r}") from None
        return _json.loads(raw) if raw else None

    def get(self, path: str) -> Any:
        return self.call("GET", path)

    def post(self, path: str, body: Any = None) -> Any:
        return self.call("POST", path, body if body is not None else {})

    def token(self, email: str, **extra: Any) -> str:
        return self.post("/tokens", {"email": email, **extra})["access_token"]

    def counters(self) -> dict[str, int]:
        return self.get("/counters")["counters"]


@pytest.fixture(scope="session")
def _fake_google_server():
    from crmsync.fakegoogle import FakeGoogle

    server = FakeGoogle().start()
    yield server
    server.stop()


@pytest.fixture
def fake_google(_fake_google_server):
    """A running emulator, reset before each test."""
    EmulatorAdmin(_fake_google_server.base_url).post("/reset")
    return _fake_google_server


@pytest.fixture
def emulator(fake_google) -> EmulatorAdmin:
    return EmulatorAdmin(fake_google.base_url)


def google_credentials(token: str):
    from google.oauth2.credentials import Credentials

    return Credentials(token=token)


@contextlib.contextmanager
def _closing(build_one):
    """A service factory whose services close their connections when the test ends
    (a keep-alive socket left to the garbage collector is a ResourceWarning)."""
    made: list[Any] = []

    def make(*args: Any, **kwargs: Any) -> Any:
        service = build_one(*args, **kwargs)
        made.append(service)
        return service

    try:
        yield make
    finally:
        for service in made:
            service.close()


def _api_factory(fake_google, emulator, api: str, version: str, root: str):
    """Services of one Google API on the emulator, built by the real client library with a
    bearer token for the e-mail given (extra arguments go to ``/_emulator/tokens``)."""
    from googleapiclient.discovery import build

    def build_one(email: str = "alice@example.com", **token_args: Any):
        creds = google_credentials(emulator.token(email, **token_args))
        return build(
            api,
            version,
            credentials=creds,
            static_discovery=True,
            client_options={"api_endpoint": fake_google.base_url + root},
        )

    return _closing(build_one)


@pytest.fixture
def calendar_api(fake_google, emulator):
    """``calendar_api(email)`` → a real googleapiclient Calendar service on the emulator."""
    with _api_factory(fake_google, emulator, "calendar", "v3", "/calendar/v3/") as make:
        yield make


@pytest.fixture
def people_api(fake_google, emulator):
    """``people_api(email)`` → a real googleapiclient People service on the emulator."""
    with _api_factory(fake_google, emulator, "people", "v1", "/") as make:
        yield make
