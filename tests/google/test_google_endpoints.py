"""Which Google the client talks to: Google's own URLs, or an emulator's under one base URL."""

from __future__ import annotations

import os

import pytest

from crmsync.google.endpoints import (
    GOOGLE,
    EndpointError,
    GoogleEndpoints,
    current_endpoints,
    plain_http_oauth_allowed,
)


def test_defaults_are_googles_real_endpoints():
    assert current_endpoints() == GOOGLE
    assert GOOGLE.token_uri == "https://oauth2.googleapis.com/token"
    assert GOOGLE.calendar_api_root == "https://www.googleapis.com/calendar/v3/"
    assert GOOGLE.people_batch_uri == "https://people.googleapis.com/batch"
    assert GOOGLE.is_google


def test_one_base_url_swaps_every_endpoint(monkeypatch):
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)
    monkeypatch.setenv("CRMSYNC_GOOGLE_ENDPOINT", "http://127.0.0.1:8765/")
    found = current_endpoints()
    assert found == GoogleEndpoints(
        auth_uri="http://127.0.0.1:8765/o/oauth2/auth",
        token_uri="http://127.0.0.1:8765/token",
        revoke_uri="http://127.0.0.1:8765/revoke",
        userinfo_uri="http://127.0.0.1:8765/oauth2/v3/userinfo",
        calendar_api_root="http://127.0.0.1:8765/calendar/v3/",
        calendar_batch_uri="http://127.0.0.1:8765/batch/calendar/v3",
        people_api_root="http://127.0.0.1:8765/",
        people_batch_uri="http://127.0.0.1:8765/batch",
        base_url="http://127.0.0.1:8765",
    )
    # Choosing the emulator changes nothing for the rest of the process: plain-http OAuth
    # is allowed by the connection flow, around its own calls to the emulator only.
    assert "OAUTHLIB_INSECURE_TRANSPORT" not in os.environ


def test_only_a_loopback_emulator_may_have_plain_http_oauth():
    assert plain_http_oauth_allowed(current_endpoints("http://127.0.0.1:8765"))
    assert not plain_http_oauth_allowed(current_endpoints("https://google-proxy.example.com"))
    assert not plain_http_oauth_allowed(GOOGLE)


def test_google_itself_never_turns_on_plain_http_oauth(monkeypatch):
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)
    current_endpoints()
    current_endpoints("https://google-proxy.example.com")
    assert "OAUTHLIB_INSECURE_TRANSPORT" not in os.environ


@pytest.mark.parametrize("url", ["http://localhost:9", "http://[::1]:9", "http://127.0.0.2:9"])
def test_loopback_addresses_may_be_plain_http(url, monkeypatch):
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)
    assert current_endpoints(url).base_url == url


@pytest.mark.parametrize("url", ["http://192.168.1.20:8765", "http://emulator.example.com"])
def test_a_plain_http_endpoint_off_this_machine_is_refused(url, monkeypatch):
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)
    with pytest.raises(EndpointError, match="unencrypted"):
        current_endpoints(url)
    assert "OAUTHLIB_INSECURE_TRANSPORT" not in os.environ


def test_a_non_url_is_refused():
    with pytest.raises(EndpointError, match="not a URL"):
        GoogleEndpoints.for_base_url("127.0.0.1:8765")
