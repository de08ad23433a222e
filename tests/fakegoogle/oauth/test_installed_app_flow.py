"""The desktop sign-in as crmsync does it: InstalledAppFlow over a loopback redirect."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import google.auth.jwt
import pytest
from google.auth.transport.requests import AuthorizedSession, Request
from google.oauth2 import id_token as google_id_token
from oauth_helpers import CLIENT_ID, SCOPES


def test_sign_in_gives_tokens_for_the_hinted_account(sign_in, fake_google, browser):
    credentials = sign_in("alice@example.com")

    assert credentials.token.startswith("ya29.")
    assert credentials.refresh_token
    assert set(credentials.granted_scopes or SCOPES) == set(SCOPES)
    claims = google.auth.jwt.decode(credentials.id_token, verify=False)
    assert claims["iss"] == fake_google.base_url
    assert claims["aud"] == CLIENT_ID
    assert claims["email"] == "alice@example.com"
    assert claims["email_verified"] is True
    assert claims["sub"].isdigit()
    assert claims["exp"] - claims["iat"] == 3600
    # What Google's redirect carries besides the code.
    landing = parse_qs(urlsplit(browser.pages[-1][1]).query)
    assert landing["authuser"] == ["0"] and landing["prompt"] == ["consent"]
    assert set(landing["scope"][0].split()) == set(SCOPES)


def test_authorization_request_carries_pkce_and_offline_access(sign_in, browser):
    sign_in()
    query = parse_qs(urlsplit(browser.opened[0]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["access_type"] == ["offline"]
    assert query["login_hint"] == ["alice@example.com"]


def test_id_token_verifies_against_the_published_certificates(sign_in, fake_google):
    credentials = sign_in()
    claims = google_id_token.verify_token(
        credentials.id_token,
        Request(),
        audience=CLIENT_ID,
        certs_url=fake_google.base_url + "/oauth2/v1/certs",
    )
    assert claims["email"] == "alice@example.com"


def test_userinfo_with_the_flow_token(sign_in, fake_google):
    credentials = sign_in("bob@example.com")
    with AuthorizedSession(credentials) as session:
        answer = session.get(fake_google.base_url + "/oauth2/v3/userinfo")
    assert answer.status_code == 200
    body = answer.json()
    assert body["email"] == "bob@example.com" and body["email_verified"] is True
    assert body["sub"] == google.auth.jwt.decode(credentials.id_token, verify=False)["sub"]


def test_library_refreshes_by_itself_after_the_token_expires(sign_in, fake_google, emulator):
    credentials = sign_in()
    url = fake_google.base_url + "/oauth2/v3/userinfo"
    first = credentials.token
    with AuthorizedSession(credentials) as session:
        assert session.get(url).status_code == 200
        emulator.post("/clock/advance", {"hours": 2})
        # The library still believes its token fresh (its clock did not move): the 401 makes
        # it refresh and retry on its own.
        answer = session.get(url)
    assert answer.status_code == 200
    assert credentials.token != first
    assert emulator.counters()["oauth2.token"] == 2  # the code exchange, then one refresh


def test_calendar_with_the_flow_credentials(sign_in, fake_google, emulator):
    from googleapiclient.discovery import build

    credentials = sign_in("carol@example.com")
    calendar = build(
        "calendar",
        "v3",
        credentials=credentials,
        static_discovery=True,
        client_options={"api_endpoint": fake_google.base_url + "/calendar/v3/"},
    )
    entries = calendar.calendarList().list().execute()["items"]
    assert [e["id"] for e in entries if e.get("primary")] == ["carol@example.com"]

    emulator.post("/clock/advance", {"hours": 2})
    before = credentials.token
    assert calendar.calendarList().list().execute()["items"]
    assert credentials.token != before


def test_default_account_without_login_hint(client_config, browser, emulator):
    from google_auth_oauthlib.flow import InstalledAppFlow

    flow = InstalledAppFlow.from_client_config(client_config, SCOPES)
    credentials = flow.run_local_server(
        port=0, browser=browser.name, timeout_seconds=30, authorization_prompt_message=None
    )
    claims = google.auth.jwt.decode(credentials.id_token, verify=False)
    assert claims["email"] == "user@example.com"


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_loopback_hosts_are_accepted(client_config, browser, host):
    from google_auth_oauthlib.flow import InstalledAppFlow

    flow = InstalledAppFlow.from_client_config(client_config, SCOPES)
    credentials = flow.run_local_server(
        host=host,
        port=0,
        browser=browser.name,
        timeout_seconds=30,
        authorization_prompt_message=None,
    )
    assert credentials.valid
