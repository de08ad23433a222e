"""A browser stand-in and an InstalledAppFlow pointed at the emulator."""

from __future__ import annotations

import webbrowser
from typing import Any

import pytest
from oauth_helpers import BROWSER_NAME, CLIENT_ID, CLIENT_SECRET, SCOPES, StandInBrowser


@pytest.fixture
def browser(monkeypatch) -> StandInBrowser:
    """The stand-in, registered under a name the flow is told to use."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the emulator speaks plain http
    stand_in = StandInBrowser()
    webbrowser.register(BROWSER_NAME, None, stand_in)
    return stand_in


@pytest.fixture
def client_config(fake_google) -> dict[str, Any]:
    base = fake_google.base_url
    return {
        "installed": {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "auth_uri": base + "/o/oauth2/auth",
            "token_uri": base + "/token",
            "redirect_uris": ["http://localhost"],
        }
    }


@pytest.fixture
def sign_in(client_config, browser, emulator):
    """``sign_in(email, scopes=…, timeout=…)`` → credentials from a real loopback flow."""
    from google_auth_oauthlib.flow import InstalledAppFlow

    emulator.post("/clients", {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})

    def run(email: str = "alice@example.com", scopes: list[str] | None = None, timeout: int = 30):
        flow = InstalledAppFlow.from_client_config(client_config, scopes or SCOPES)
        return flow.run_local_server(
            port=0,
            open_browser=True,
            browser=BROWSER_NAME,
            login_hint=email,
            timeout_seconds=timeout,
            authorization_prompt_message=None,
        )

    return run
