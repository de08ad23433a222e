"""``--state FILE``: grants and keys survive a restart; a damaged file stops the start."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import google.auth.jwt
import pytest
import requests
from google.auth.transport.requests import Request
from google.oauth2.credentials import Credentials

from crmsync.fakegoogle import FakeGoogle
from crmsync.fakegoogle.state import StateFileError

CLIENT_ID = "persist-client"
REDIRECT = "http://127.0.0.1:8765/"


def _sign_in(base: str, email: str) -> dict:
    """The code flow by hand (the browser's redirect is read, not followed)."""
    query = urlencode(
        {
            "client_id": CLIENT_ID,
            "redirect_uri": REDIRECT,
            "response_type": "code",
            "scope": "openid email https://www.googleapis.com/auth/contacts",
            "login_hint": email,
        }
    )
    answer = requests.get(f"{base}/o/oauth2/v2/auth?{query}", allow_redirects=False, timeout=10)
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT,
    }
    return requests.post(base + "/token", data=form, timeout=10).json()


def test_refresh_token_works_after_restart(tmp_path: Path):
    state = tmp_path / "google.json"
    with FakeGoogle(state_file=state) as server:
        tokens = _sign_in(server.base_url, "hana@example.com")
        keys_before = requests.get(server.base_url + "/oauth2/v3/certs", timeout=10).json()

    with FakeGoogle(state_file=state) as server:
        credentials = Credentials(
            token=None,
            refresh_token=tokens["refresh_token"],
            token_uri=server.base_url + "/token",
            client_id=CLIENT_ID,
            client_secret="any",  # the client has no secret configured: any is accepted
        )
        credentials.refresh(Request())
        assert credentials.valid
        claims = google.auth.jwt.decode(credentials.id_token, verify=False)
        assert claims["email"] == "hana@example.com"
        assert claims["iss"] == server.base_url
        # The signing key was kept, so ID tokens issued before the restart still verify.
        assert requests.get(server.base_url + "/oauth2/v3/certs", timeout=10).json() == keys_before
        # The old access token is still within its hour, and the account is the same one.
        info = requests.get(
            server.base_url + "/oauth2/v3/userinfo",
            headers={"Authorization": "Bearer " + tokens["access_token"]},
            timeout=10,
        ).json()
        assert info["sub"] == claims["sub"]


def test_revocation_and_clock_survive_restart(tmp_path: Path):
    state = tmp_path / "google.json"
    with FakeGoogle(state_file=state) as server:
        tokens = _sign_in(server.base_url, "ivan@example.com")
        requests.post(
            server.base_url + "/revoke", params={"token": tokens["refresh_token"]}, timeout=10
        )
        requests.post(server.base_url + "/_emulator/clock/advance", json={"days": 2}, timeout=10)

    with FakeGoogle(state_file=state) as server:
        assert requests.get(server.base_url + "/_emulator/clock", timeout=10).json()["offset"] >= (
            2 * 86400
        )
        form = {
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": CLIENT_ID,
        }
        answer = requests.post(server.base_url + "/token", data=form, timeout=10)
        assert answer.json()["error"] == "invalid_grant"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"accounts": [{"nope": 1}]}'])
def test_damaged_state_file_refuses_to_start_and_names_the_file(tmp_path: Path, content: str):
    state = tmp_path / "damaged.json"
    state.write_text(content, encoding="utf-8")
    with pytest.raises(StateFileError, match="damaged.json"):
        FakeGoogle(state_file=state)
    assert state.read_text(encoding="utf-8") == content


def test_state_file_is_json_an_operator_can_read(tmp_path: Path):
    state = tmp_path / "google.json"
    with FakeGoogle(state_file=state) as server:
        _sign_in(server.base_url, "jo@example.com")
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert [g["email"] for g in saved["grants"]] == ["jo@example.com"]
    assert saved["backends"]["oauth"]["codes"][0]["used"] is True
