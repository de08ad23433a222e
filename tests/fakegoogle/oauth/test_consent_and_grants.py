"""What can go wrong between consent and refresh, seen through the real client libraries."""

from __future__ import annotations

import json

import pytest
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import Request
from oauth_helpers import BROWSER_NAME, CLIENT_ID, SCOPES


def _flow(client_config):
    from google_auth_oauthlib.flow import InstalledAppFlow

    return InstalledAppFlow.from_client_config(client_config, SCOPES)


def _run(flow, timeout: int = 30, **kwargs):
    return flow.run_local_server(
        port=0,
        browser=BROWSER_NAME,
        timeout_seconds=timeout,
        authorization_prompt_message=None,
        **kwargs,
    )


def test_account_outside_test_users_is_sent_back_with_access_denied(
    client_config, browser, emulator
):
    from oauthlib.oauth2.rfc6749.errors import AccessDeniedError

    emulator.post(
        "/clients",
        {"client_id": CLIENT_ID, "testing_mode": True, "test_users": ["alice@example.com"]},
    )
    with pytest.raises(AccessDeniedError) as caught:
        _run(_flow(client_config), login_hint="mallory@example.com")
    assert "mallory@example.com is not one of the test users" in str(caught.value.description)


def test_account_outside_test_users_can_be_left_on_the_blocked_page(
    client_config, browser, emulator
):
    from google_auth_oauthlib.flow import WSGITimeoutError

    emulator.post(
        "/clients",
        {
            "client_id": CLIENT_ID,
            "testing_mode": True,
            "test_users": ["alice@example.com"],
            "blocked_user": "page",
        },
    )
    # Google shows "Access blocked … Error 403: access_denied" and never redirects back.
    with pytest.raises(WSGITimeoutError):
        _run(_flow(client_config), timeout=2, login_hint="mallory@example.com")
    assert browser.done.wait(10)
    status, _, page = browser.pages[-1]
    assert status == 403
    assert "Error 403: access_denied" in page and "test users" in page


def test_listed_test_user_signs_in(client_config, browser, emulator):
    emulator.post(
        "/clients",
        {"client_id": CLIENT_ID, "testing_mode": True, "test_users": ["Alice@Example.com"]},
    )
    assert _run(_flow(client_config), login_hint="alice@example.com").valid


def test_user_pressing_cancel_is_access_denied(client_config, browser, emulator):
    from oauthlib.oauth2.rfc6749.errors import AccessDeniedError

    emulator.post("/oauth/consent", {"decision": "deny"})
    with pytest.raises(AccessDeniedError):
        _run(_flow(client_config), login_hint="alice@example.com")


def test_tampered_state_is_refused_by_the_flow(client_config, browser):
    from oauthlib.oauth2.rfc6749.errors import MismatchingStateError

    browser.tamper = lambda url: url.replace("state=", "state=forged", 1)
    with pytest.raises(MismatchingStateError):
        _run(_flow(client_config))


def test_revoked_grant_fails_refresh_with_invalid_grant(sign_in, fake_google):
    import requests

    credentials = sign_in()
    answer = requests.post(
        fake_google.base_url + "/revoke", params={"token": credentials.token}, timeout=10
    )
    assert (answer.status_code, answer.json()) == (200, {})
    # Revoking the access token took the refresh token with it.
    with pytest.raises(RefreshError, match="invalid_grant"):
        credentials.refresh(Request())


def test_testing_mode_refresh_token_dies_after_seven_days(sign_in, emulator):
    emulator.post("/clients", {"client_id": CLIENT_ID, "testing_mode": True})
    credentials = sign_in()

    emulator.post("/clock/advance", {"days": 6})
    credentials.refresh(Request())
    assert credentials.token

    emulator.post("/clock/advance", {"days": 1, "seconds": 1})
    with pytest.raises(RefreshError, match="invalid_grant") as caught:
        credentials.refresh(Request())
    assert "Token has been expired or revoked." in str(caught.value)


def test_published_app_refresh_token_outlives_seven_days(sign_in, emulator):
    credentials = sign_in()
    emulator.post("/clock/advance", {"days": 30})
    credentials.refresh(Request())
    assert credentials.valid


def test_disabled_api_is_access_not_configured(sign_in, fake_google, emulator):
    from googleapiclient.discovery import build
    from googleapiclient.errors import HttpError

    credentials = sign_in()
    emulator.post("/clients", {"client_id": CLIENT_ID, "disabled_apis": ["calendar"]})
    calendar = build(
        "calendar",
        "v3",
        credentials=credentials,
        static_discovery=True,
        client_options={"api_endpoint": fake_google.base_url + "/calendar/v3/"},
    )
    with pytest.raises(HttpError) as caught:
        calendar.calendarList().list().execute()
    assert caught.value.resp.status == 403
    error = json.loads(caught.value.content)["error"]
    assert error["errors"][0]["reason"] == "accessNotConfigured"
    assert error["details"][0]["reason"] == "SERVICE_DISABLED"


def test_unticked_scope_is_missing_from_the_grant(client_config, browser, emulator, monkeypatch):
    contacts = "https://www.googleapis.com/auth/contacts"
    emulator.post("/oauth/consent", {"withhold": [contacts, "openid"]})
    # oauthlib refuses a narrower answer unless told to accept it.
    with pytest.raises(Warning, match="Scope has changed"):
        _run(_flow(client_config))

    monkeypatch.setenv("OAUTHLIB_RELAX_TOKEN_SCOPE", "1")
    credentials = _run(_flow(client_config))
    granted = set(credentials.granted_scopes)
    assert contacts not in granted
    assert "openid" in granted  # sign-in scopes cannot be unticked
    assert granted == set(SCOPES) - {contacts}


def test_include_granted_scopes_adds_earlier_consents(sign_in, client_config, browser, monkeypatch):
    from google_auth_oauthlib.flow import InstalledAppFlow

    sign_in("alice@example.com")
    monkeypatch.setenv("OAUTHLIB_RELAX_TOKEN_SCOPE", "1")
    narrow = ["openid", "https://www.googleapis.com/auth/userinfo.email"]
    flow = InstalledAppFlow.from_client_config(client_config, narrow)
    credentials = _run(flow, login_hint="alice@example.com", include_granted_scopes="true")
    assert set(credentials.granted_scopes) == set(SCOPES)
