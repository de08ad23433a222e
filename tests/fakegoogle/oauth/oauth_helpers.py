"""Constants and the browser stand-in of the OAuth emulator tests."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Callable

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
