"""A browser stand-in and an InstalledAppFlow pointed at the emulator."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Callable
from typing import Any

import pytest

CLIENT_ID = "1234-desktop.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-emulator-secret"
SCOPES = [
    "openid",
    "https://www.googleapis.com/auth/userinfo.email",
    "https://www.googleapis.com/auth/calendar.events",
    "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
    "https://www.googleapis.com/auth/contacts",
]
BROWSER_NAME = "emulator-test-browser"


class StandInBrowser(webbrowser.BaseBrowser):
    """Follows the authorization URL as a browser would, redirects included, off-thread.

    ``tamper`` rewrites the URL first (to play an attacker); every page reached is kept in
    ``pages`` as (status, final URL, body) so a test can read what the user would have seen.
    """

    def __init__(self, tamper: Callable[[str], str] | None = None) -> None:
        super().__init__(BROWSER_NAME)
        self.tamper = tamper
        self.pages: list[tuple[int, str, str]] = []
        self.opened: list[str] = []
        self.done = threading.Event()

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        target = self.tamper(url) if self.tamper else url
        threading.Thread(target=self._follow, args=(target,), daemon=True).start()
        return True

    def _follow(self, url: str) -> None:
        try:
            with urllib.request.urlopen(url, timeout=15) as answer:
                self.pages.append((answer.status, answer.geturl(), answer.read().decode()))
        except urllib.error.HTTPError as exc:
            self.pages.append((exc.code, exc.geturl(), exc.read().decode()))
            exc.close()
        finally:
            self.done.set()


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
