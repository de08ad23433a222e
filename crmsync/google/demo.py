"""Connect the demo's users to the local Google emulator, with the real OAuth flow.

The demo is an explicit choice of the file secrets store, kept in the demo folder (the demo
must run on machines with no keyring, and its tokens are worth nothing outside the
emulator). That store is opened by :func:`demo_secret_store` and passed down to whatever
needs it: the process's own choice (the environment, the user's opt-in) is never changed,
so a real Google session in the same process still gets the user's store. Each user with a Google e-mail goes through the same « Connexion » as a real one
— loopback redirect, PKCE, state — with a browser stand-in that follows the authorisation
address in a thread instead of showing it to someone.
"""

from __future__ import annotations

import json
import logging
import secrets as random_secrets
import threading
import urllib.error
import urllib.request
import webbrowser
from pathlib import Path

from crmsync import paths
from crmsync.crm.models import FolderSettings, User
from crmsync.google import oauth, secrets
from crmsync.google import settings as google_settings
from crmsync.google.endpoints import GoogleEndpoints, allow_plain_http_oauth

log = logging.getLogger(__name__)

HEADLESS_BROWSER = "crmsync-headless"
KEY_DEMO_ENDPOINT = "google.demo_endpoint"
DEMO_TIMEOUT = 30


class HeadlessBrowser(webbrowser.BaseBrowser):
    """A browser stand-in: opens an address by GETting it, following redirects, in a thread.

    The consent page of the emulator redirects at once to the loopback address the flow
    listens on, which completes the flow as a person clicking « Autoriser » would.
    """

    def __init__(self, name: str = HEADLESS_BROWSER) -> None:
        super().__init__(name)
        self.visited: list[str] = []
        self.errors: list[int] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.visited.append(url)
        threading.Thread(target=self._visit, args=(url,), daemon=True).start()
        return True

    def _visit(self, url: str) -> None:
        try:
            with urllib.request.urlopen(url, timeout=DEMO_TIMEOUT) as answer:
                answer.read()
        except urllib.error.HTTPError as exc:
            self.errors.append(exc.code)
            log.info("The consent page answered %s", exc.code)
        except (urllib.error.URLError, OSError) as exc:
            log.info("The consent page could not be reached: %s", type(exc).__name__)


def register_headless_browser(name: str = HEADLESS_BROWSER) -> HeadlessBrowser:
    """Make ``webbrowser.get(name)`` return a fresh :class:`HeadlessBrowser`."""
    browser = HeadlessBrowser(name)
    webbrowser.register(name, None, browser)
    return browser


def demo_secret_file() -> Path:
    return paths.demo_dir() / secrets.FILE_NAME


def demo_secret_store() -> secrets.SecretStore:
    """The demo's secrets: the file store in the demo folder, whatever the process's choice."""
    return secrets.open_secret_store(secrets.StoreChoice.file_at(demo_secret_file()))


def demo_endpoints() -> GoogleEndpoints | None:
    """The emulator the demo database was connected to, if any (read from its settings)."""
    base_url = FolderSettings.get_value(KEY_DEMO_ENDPOINT)
    if not base_url:
        return None
    endpoints = GoogleEndpoints.for_base_url(base_url)
    allow_plain_http_oauth(endpoints)
    return endpoints


def _register_client_with_emulator(base_url: str, client_secret: str) -> None:
    """Tell the emulator the demo client's secret (its admin surface, not Google's API)."""
    body = json.dumps(
        {"client_id": google_settings.DEMO_CLIENT_ID, "client_secret": client_secret}
    ).encode()
    request = urllib.request.Request(
        base_url.rstrip("/") + "/_emulator/clients",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=DEMO_TIMEOUT) as answer:
        answer.read()


def connect_demo_users(base_url: str, *, store: secrets.SecretStore | None = None) -> list[str]:
    """Configure the demo OAuth client in the open database and connect every user with a
    Google e-mail to the emulator at ``base_url``; returns the logins connected.

    The client secret and the refresh tokens go to ``store`` (default: the demo folder's
    file store, :func:`demo_secret_store`); nothing in the process's environment changes.
    """
    endpoints = GoogleEndpoints.for_base_url(base_url)
    allow_plain_http_oauth(endpoints)
    store = store or demo_secret_store()
    client_secret = store.get(secrets.client_secret_key()) or random_secrets.token_urlsafe(24)
    _register_client_with_emulator(endpoints.base_url or base_url, client_secret)
    google_settings.save_client_settings(
        client_id=google_settings.DEMO_CLIENT_ID,
        client_secret=client_secret,
        testing_consent=False,
        store=store,
    )
    FolderSettings.set_value(KEY_DEMO_ENDPOINT, endpoints.base_url or base_url)
    register_headless_browser()
    connected: list[str] = []
    users = User.select().where(User.google_email.is_null(False), User.active == True)  # noqa: E712
    for user in users.order_by(User.login):
        if not (user.google_email or "").strip():
            continue
        oauth.connect(
            user,
            open_browser=True,
            browser=HEADLESS_BROWSER,
            timeout=DEMO_TIMEOUT,
            endpoints=endpoints,
            secret_store=store,
        )
        connected.append(user.login)
    log.info("Demo users connected to the emulator: %s", ", ".join(connected) or "none")
    return connected
