"""oauthlib's process-wide switches are set for one flow's calls only, never left behind."""

from __future__ import annotations

import os
import threading

import pytest
from oauthlib.oauth2.rfc6749.errors import InsecureTransportError

from crmsync.google import oauth
from crmsync.google import settings as google_settings
from crmsync.google.endpoints import GOOGLE, GoogleEndpoints

EMULATOR = GoogleEndpoints.for_base_url("http://127.0.0.1:9")
INSECURE = "OAUTHLIB_INSECURE_TRANSPORT"
RELAX = "OAUTHLIB_RELAX_TOKEN_SCOPE"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    monkeypatch.delenv(INSECURE, raising=False)
    monkeypatch.delenv(RELAX, raising=False)


def _flow(endpoints):
    client = google_settings.ClientSettings(client_id="id", client_secret="secret-value")
    return oauth.build_flow(client, endpoints)


def test_the_switches_hold_for_the_with_only():
    with oauth.oauthlib_switches(EMULATOR):
        assert os.environ[INSECURE] == "1" and os.environ[RELAX] == "1"
    assert INSECURE not in os.environ and RELAX not in os.environ
    with oauth.oauthlib_switches(GOOGLE):
        assert INSECURE not in os.environ
    assert RELAX not in os.environ


def test_a_value_set_outside_is_put_back_but_google_flows_never_see_it(monkeypatch):
    monkeypatch.setenv(INSECURE, "yes")
    with oauth.oauthlib_switches(GOOGLE):
        assert INSECURE not in os.environ
    assert os.environ[INSECURE] == "yes"


def test_an_emulator_flow_may_use_plain_http_and_a_google_flow_may_not():
    emulator = _flow(EMULATOR)
    google = _flow(GOOGLE)
    try:
        url, _ = emulator.authorization_url()
        assert url.startswith("http://127.0.0.1:9/o/oauth2/auth?")
        assert INSECURE not in os.environ
        with pytest.raises(InsecureTransportError):
            google.fetch_token(authorization_response="http://127.0.0.1:9/?code=4/0Ax&state=s")
        with pytest.raises(InsecureTransportError):
            google.oauth2session.fetch_token("http://127.0.0.1:9/token", code="4/0Ax")
    finally:
        emulator.oauth2session.close()
        google.oauth2session.close()


def test_a_google_flow_waits_while_an_emulator_flow_has_plain_http_on():
    inside = threading.Event()
    leave = threading.Event()
    seen: list[str | None] = []

    def emulator_call() -> None:
        with oauth.oauthlib_switches(EMULATOR):
            inside.set()
            leave.wait(10)

    def google_call() -> None:
        with oauth.oauthlib_switches(GOOGLE):
            seen.append(os.environ.get(INSECURE))

    first = threading.Thread(target=emulator_call)
    first.start()
    assert inside.wait(10)
    second = threading.Thread(target=google_call)
    second.start()
    second.join(0.3)
    assert second.is_alive() and seen == []  # it waits for the emulator's call to end …
    leave.set()
    first.join(10)
    second.join(10)
    assert seen == [None]  # … and then runs without plain http
