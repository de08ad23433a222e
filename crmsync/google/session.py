"""A user's authorised access to Google: credentials, one HTTP connection per worker thread,
the Calendar and People services, their batch requests, and what to do when a token dies.

A revoked or expired grant (``invalid_grant`` on refresh) turns the user's light red with
the "reconnect needed" message and raises :class:`ReconnectNeeded`, which callers catch:
nothing crashes because Google took an authorisation back.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import google.auth.exceptions
import google_auth_httplib2
import httplib2
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from crmsync.crm.models import User
from crmsync.google import redact, secrets
from crmsync.google import settings as google_settings
from crmsync.google.endpoints import GoogleEndpoints, current_endpoints
from crmsync.google.messages import Said
from crmsync.google.status import record_status

log = logging.getLogger(__name__)

HTTP_TIMEOUT = 30


class GoogleConnectionError(Exception):
    """Google cannot be used for this user; ``said`` says why and what to do."""

    def __init__(self, said: Said, detail: str = "") -> None:
        super().__init__(said.text("en") + (f" ({detail})" if detail else ""))
        self.said = said
        self.detail = detail


class NotConfigured(GoogleConnectionError):
    """No OAuth client in the folder settings, or the user never connected."""


class ReconnectNeeded(GoogleConnectionError):
    """The user's authorisation was revoked or has expired: click « Connexion » again."""


class ClientRejected(GoogleConnectionError):
    """Google refused the folder's OAuth client (wrong id or secret)."""


class NetworkError(GoogleConnectionError):
    """Google could not be reached."""


def _refresh_error_code(exc: google.auth.exceptions.RefreshError) -> str:
    """The OAuth error code of a failed refresh (``invalid_grant``, ``invalid_client``…)."""
    details = exc.args[1] if len(exc.args) > 1 else None
    if isinstance(details, dict) and details.get("error"):
        return str(details["error"])
    first = str(exc.args[0]) if exc.args else ""
    return first.split(":", 1)[0].strip()


class GoogleSession:
    """One user's authorised access to Google; safe to share between worker threads."""

    def __init__(
        self,
        user: User,
        *,
        endpoints: GoogleEndpoints | None = None,
        client: google_settings.ClientSettings | None = None,
        store: secrets.SecretStore | None = None,
        timeout: float = HTTP_TIMEOUT,
    ) -> None:
        redact.install()
        self.user = user
        self.endpoints = endpoints or current_endpoints()
        self.store = store or secrets.open_secret_store()
        self.client = client or google_settings.load_client_settings(self.store)
        self.timeout = timeout
        if not self.client.complete:
            raise NotConfigured(Said.of("account_info"), "no OAuth client id or secret")
        refresh_token = self.store.get(secrets.refresh_token_key(user.login))
        if not refresh_token:
            raise NotConfigured(Said.of("not_connected", login=user.login))
        redact.remember_secret(refresh_token)
        redact.remember_secret(self.client.client_secret)
        redact.remember_secret(self.client.api_key)
        self.credentials = Credentials(
            token=None,
            refresh_token=refresh_token,
            token_uri=self.endpoints.token_uri,
            client_id=self.client.client_id,
            client_secret=self.client.client_secret,
        )
        self._refresh_token = refresh_token
        self._access_token: str | None = None
        self._local = threading.local()
        self._refresh_lock = threading.Lock()
        self._open: list[httplib2.Http] = []
        self._open_lock = threading.Lock()

    # --- transport --------------------------------------------------------------------

    def http(self) -> google_auth_httplib2.AuthorizedHttp:
        """This thread's authorised connection (httplib2 is not thread-safe)."""
        found = getattr(self._local, "http", None)
        if found is None:
            found = google_auth_httplib2.AuthorizedHttp(self.credentials, http=self._new_http())
            self._local.http = found
        return found

    def _new_http(self) -> httplib2.Http:
        http = httplib2.Http(timeout=self.timeout)
        with self._open_lock:
            self._open.append(http)
        return http

    def release_thread(self) -> None:
        """Close and forget this thread's connection and services (a worker thread that
        ends: the session keeps no trace of it)."""
        found = getattr(self._local, "http", None)
        self._local.__dict__.clear()
        if found is None:
            return
        with self._open_lock:
            self._open = [http for http in self._open if http is not found.http]
        found.close()

    def close(self) -> None:
        """Close every connection this session opened, in every thread."""
        with self._open_lock:
            opened, self._open = self._open, []
        for http in opened:
            http.close()
        self._local = threading.local()

    def __enter__(self) -> GoogleSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> None:
        """Get a fresh access token now (the Tester's "token refresh" step)."""
        with self._refresh_lock, self.guard():
            request = google_auth_httplib2.Request(self._new_http())
            self.credentials.refresh(request)
        self._after_refresh()

    def _after_refresh(self) -> None:
        token = self.credentials.token
        if token and token != self._access_token:
            self._access_token = token
            redact.remember_secret(token)
        new_refresh = self.credentials.refresh_token
        if new_refresh and new_refresh != self._refresh_token:
            # Google rotated the refresh token: keep the new one.
            redact.remember_secret(new_refresh)
            self.store.set(secrets.refresh_token_key(self.user.login), new_refresh)
            self._refresh_token = new_refresh

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Turn token and network failures into :class:`GoogleConnectionError` subclasses,
        recording a revoked or expired authorisation on the user's status light."""
        try:
            yield
        except google.auth.exceptions.RefreshError as exc:
            code = _refresh_error_code(exc)
            if code == "invalid_grant":
                said = Said.of("reconnect_needed", login=self.user.login)
                log.warning("Google authorisation of %s is gone (%s).", self.user.login, code)
                self._record("red", said)
                raise ReconnectNeeded(said, code) from None
            if code in ("invalid_client", "unauthorized_client"):
                said = Said.of("account_info")
                self._record("red", said)
                raise ClientRejected(said, code) from None
            raise NetworkError(Said.of("network", error=code or "refresh failed"), code) from None
        except google.auth.exceptions.TransportError as exc:
            raise NetworkError(Said.of("network", error=type(exc).__name__)) from None
        except (httplib2.HttpLib2Error, OSError) as exc:
            raise NetworkError(Said.of("network", error=type(exc).__name__)) from None

    def _record(self, colour: str, said: Said) -> None:
        try:
            record_status(self.user, colour, said)
        except Exception:  # noqa: BLE001 - the light is a hint; the error is raised anyway
            log.exception("Could not record the status of %s", self.user.login)

    def execute(self, request: Any, num_retries: int = 3) -> Any:
        """Run a googleapiclient request on this thread's connection, guarded."""
        with self.guard():
            result = request.execute(http=self.http(), num_retries=num_retries)
        self._after_refresh()
        return result

    # --- services ---------------------------------------------------------------------

    def calendar(self) -> Any:
        """This thread's Calendar v3 service."""
        found = getattr(self._local, "calendar", None)
        if found is None:
            found = build(
                "calendar",
                "v3",
                http=self.http(),
                static_discovery=True,
                client_options={"api_endpoint": self.endpoints.calendar_api_root},
            )
            self._local.calendar = found
        return found

    def people(self) -> Any:
        """This thread's People v1 service."""
        found = getattr(self._local, "people", None)
        if found is None:
            found = build(
                "people",
                "v1",
                http=self.http(),
                static_discovery=True,
                client_options={"api_endpoint": self.endpoints.people_api_root},
            )
            self._local.people = found
        return found

    def calendar_batch(self, callback: Callable[..., Any] | None = None) -> BatchHttpRequest:
        """A Calendar batch aimed at the right endpoint (the library's ignores the override)."""
        return BatchHttpRequest(callback=callback, batch_uri=self.endpoints.calendar_batch_uri)

    def people_batch(self, callback: Callable[..., Any] | None = None) -> BatchHttpRequest:
        """A People batch aimed at the right endpoint."""
        return BatchHttpRequest(callback=callback, batch_uri=self.endpoints.people_batch_uri)

    def execute_batch(self, batch: BatchHttpRequest) -> None:
        with self.guard():
            batch.execute(http=self.http())
        self._after_refresh()

    # --- the account ------------------------------------------------------------------

    def userinfo(self) -> dict[str, Any]:
        """The OpenID userinfo of the authorised account (``email``, ``sub``…)."""
        with self.guard():
            response, content = self.http().request(self.endpoints.userinfo_uri, "GET")
        self._after_refresh()
        if response.status != 200:
            raise HttpError(response, content, uri=self.endpoints.userinfo_uri)
        return json.loads(content)
