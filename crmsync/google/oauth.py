"""« Connexion »: the OAuth installed-app flow that gets a user's refresh token.

google-auth-oauthlib's :class:`InstalledAppFlow` does the work: a loopback redirect to
``http://127.0.0.1:<port>/``, PKCE (S256, a fresh 128-character verifier each time) and a
random ``state`` checked on the way back — all on by default since google-auth-oauthlib 1.0.
crmsync adds ``login_hint`` (the user's Google e-mail), ``prompt=consent`` (so Google hands
out a refresh token even to an account that consented before), the "connexion manuelle"
fallback where the user pastes the redirect address, and turns every failure into a message
from :mod:`crmsync.google.messages`.

Once Google answers, the refresh token goes to the secrets store, and the consenting
account's e-mail (from the userinfo endpoint, else the ID token) to the user's sync settings.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import google.auth.exceptions
import google_auth_httplib2
import httplib2
import requests
from google_auth_oauthlib.flow import InstalledAppFlow, WSGITimeoutError
from oauthlib.oauth2.rfc6749 import errors as oauth_errors

from crmsync.crm import db as store
from crmsync.crm.models import SyncSettings, User, utc_now
from crmsync.google import redact, secrets
from crmsync.google import settings as google_settings
from crmsync.google.endpoints import (
    GOOGLE,
    GoogleEndpoints,
    current_endpoints,
    plain_http_oauth_allowed,
)
from crmsync.google.messages import Said
from crmsync.google.status import Status, record_status, user_status

log = logging.getLogger(__name__)

LOOPBACK_HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 300

SUCCESS_PAGE = (
    "<!doctype html><meta charset=utf-8><title>crmsync</title>"
    "<p>Connexion à Google terminée : vous pouvez fermer cette fenêtre et revenir à crmsync."
    "<p>Google connection complete: you may close this window and return to crmsync."
)


class ConnectError(Exception):
    """The connection did not happen; ``said`` tells why and what to do. Nothing was stored."""

    def __init__(self, said: Said, detail: str = "") -> None:
        super().__init__(said.text("en") + (f" ({detail})" if detail else ""))
        self.said = said
        self.detail = detail


@dataclass(frozen=True)
class ConnectResult:
    """What a successful connection gave."""

    account_email: str
    expected_email: str | None
    status: Status

    @property
    def email_mismatch(self) -> bool:
        return bool(
            self.expected_email and self.account_email.lower() != self.expected_email.lower()
        )


# --- oauthlib's switches, for the calls that need them only --------------------------
#
# oauthlib takes two settings from the process environment only: OAUTHLIB_INSECURE_TRANSPORT
# (accept plain-http addresses; it reads it in is_secure_transport) and
# OAUTHLIB_RELAX_TOKEN_SCOPE (accept a narrower scope than asked for). Setting them once
# for the process, as crmsync used to, let a loopback emulator's exception apply to a real
# Google session in the same process. Now a flow sets them only around its own oauthlib
# calls (building the authorisation address, exchanging the code), and puts back what was
# there afterwards, under a lock every such call takes: a Google flow in another thread
# never runs while an emulator flow has the variable set, and with Google's endpoints the
# variable is cleared for the call even if the environment had it. Plain http is allowed
# for a loopback emulator only (GoogleEndpoints refuses any other plain-http address).
#
# The alternative, replacing oauthlib's is_secure_transport in the half-dozen modules that
# import it by name, would reach into the library's internals; the switch stays oauthlib's
# documented one. Nothing else in crmsync uses oauthlib (GoogleSession refreshes tokens with
# google-auth, which does not look at these variables).

_INSECURE_TRANSPORT = "OAUTHLIB_INSECURE_TRANSPORT"
_RELAX_TOKEN_SCOPE = "OAUTHLIB_RELAX_TOKEN_SCOPE"
_oauthlib_environment = threading.Lock()


@contextmanager
def oauthlib_switches(endpoints: GoogleEndpoints) -> Iterator[None]:
    """oauthlib's environment switches as ``endpoints`` need them, for the ``with`` only."""
    wanted: dict[str, str | None] = {
        # With Google's granular consent the user may untick a scope; oauthlib would raise
        # on the narrower answer. Accept it (requests-oauthlib's documented switch) and
        # say what is missing on the status light instead.
        _RELAX_TOKEN_SCOPE: "1",
        _INSECURE_TRANSPORT: "1" if plain_http_oauth_allowed(endpoints) else None,
    }
    with _oauthlib_environment:
        saved = {name: os.environ.get(name) for name in wanted}
        try:
            _set_environment(wanted)
            yield
        finally:
            _set_environment(saved)


def _set_environment(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


class ConnectFlow(InstalledAppFlow):
    """The installed-app flow, whose oauthlib calls run with the switches its endpoints
    need (see :func:`oauthlib_switches`) and only them."""

    endpoints: GoogleEndpoints = GOOGLE

    def authorization_url(self, **kwargs: Any) -> tuple[str, str]:
        with oauthlib_switches(self.endpoints):
            return super().authorization_url(**kwargs)

    def fetch_token(self, **kwargs: Any) -> dict[str, Any]:
        with oauthlib_switches(self.endpoints):
            return super().fetch_token(**kwargs)


def build_flow(client: google_settings.ClientSettings, endpoints: GoogleEndpoints) -> ConnectFlow:
    """A fresh flow for the folder's client (PKCE and state are the library's defaults)."""
    flow = ConnectFlow.from_client_config(
        client.oauth_config(endpoints), scopes=list(google_settings.SCOPES)
    )
    flow.endpoints = endpoints
    return flow


def _authorization_extras(user: User) -> dict[str, str]:
    extras = {"prompt": "consent"}
    if user.google_email:
        extras["login_hint"] = user.google_email
    return extras


def connect(
    user: User,
    *,
    open_browser: bool = True,
    manual: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    browser: str | None = None,
    prompt_message: str | None = None,
    read_redirect: Callable[[str], str] | None = None,
    endpoints: GoogleEndpoints | None = None,
    secret_store: secrets.SecretStore | None = None,
) -> ConnectResult:
    """Run « Connexion » for ``user`` and store what it gives.

    With ``manual``, ``read_redirect(url)`` shows the authorisation ``url`` and returns the
    address the browser ended on, pasted by the user. Otherwise a loopback server waits for
    the browser (opened unless ``open_browser`` is false; ``browser`` names a registered
    :mod:`webbrowser` controller) and ``prompt_message`` (``{url}`` inside) is printed.
    Raises :class:`ConnectError`; secrets-store problems raise
    :class:`~crmsync.google.secrets.SecretStoreError` before anything else happens.
    """
    redact.install()
    endpoints = endpoints or current_endpoints()
    secret_store = secret_store or secrets.open_secret_store()
    client = google_settings.load_client_settings(secret_store)
    if not client.complete:
        raise ConnectError(Said.of("client_missing"))
    if client.client_id == google_settings.DEMO_CLIENT_ID and endpoints.is_google:
        raise ConnectError(
            Said.of("authorisation_failed", error="the demo client works with the emulator only"),
            "demo client",
        )
    redact.remember_secret(client.client_secret)
    redact.remember_secret(client.api_key)
    flow = build_flow(client, endpoints)
    try:
        if manual:
            if read_redirect is None:
                raise ValueError("the manual connection needs read_redirect")
            _manual_exchange(flow, user, read_redirect)
        else:
            flow.run_local_server(
                host=LOOPBACK_HOST,
                port=0,
                open_browser=open_browser,
                browser=browser,
                timeout_seconds=timeout,
                authorization_prompt_message=prompt_message or "",
                success_message=SUCCESS_PAGE,
                **_authorization_extras(user),
            )
    except oauth_errors.MismatchingStateError:
        raise ConnectError(Said.of("state_mismatch"), "state mismatch") from None
    except oauth_errors.AccessDeniedError:
        raise ConnectError(
            Said.of("access_denied", email=user.google_email or "?"), "access_denied"
        ) from None
    except oauth_errors.OAuth2Error as exc:
        raise _oauth_failure(exc, user) from None
    except WSGITimeoutError:
        raise ConnectError(Said.of("connect_timeout", seconds=int(timeout or 0))) from None
    except (requests.RequestException, OSError) as exc:
        raise ConnectError(Said.of("network", error=type(exc).__name__)) from None
    finally:
        flow.oauth2session.close()
    return _finish(user, flow, endpoints, secret_store)


def _oauth_failure(exc: oauth_errors.OAuth2Error, user: User) -> ConnectError:
    code = getattr(exc, "error", "") or type(exc).__name__
    if code == "access_denied":
        return ConnectError(Said.of("access_denied", email=user.google_email or "?"), code)
    if code in ("invalid_client", "unauthorized_client"):
        return ConnectError(Said.of("account_info"), code)
    return ConnectError(Said.of("authorisation_failed", error=code), code)


def unused_loopback_port() -> int:
    """A port on 127.0.0.1 nothing listens on (the manual connection's redirect target)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK_HOST, 0))
        return int(probe.getsockname()[1])


def _manual_exchange(flow: ConnectFlow, user: User, read_redirect: Callable[[str], str]) -> None:
    """« Connexion manuelle »: the browser ends on an address nothing answers; the user
    pastes it, and the code in it is exchanged after the state is checked."""
    flow.redirect_uri = f"http://{LOOPBACK_HOST}:{unused_loopback_port()}/"
    url, _state = flow.authorization_url(**_authorization_extras(user))
    pasted = read_redirect(url).strip()
    if not pasted:
        raise ConnectError(Said.of("authorisation_failed", error="no address pasted"))
    if "://" not in pasted:
        raise ConnectError(
            Said.of("authorisation_failed", error="not an address: paste the whole address bar")
        )
    query = parse_qs(urlsplit(pasted).query)
    if "code" not in query and "error" not in query:
        raise ConnectError(
            Said.of("authorisation_failed", error="the pasted address holds no authorisation code")
        )
    # oauthlib wants https for the redirect even on loopback, as run_local_server does.
    if pasted.startswith("http://"):
        pasted = "https://" + pasted[len("http://") :]
    flow.fetch_token(authorization_response=pasted)


# --- after Google said yes ----------------------------------------------------------


def _id_token_claims(id_token: str | None) -> dict[str, Any]:
    """The ID token's claims, unverified: it came straight from the token endpoint over
    the same TLS connection, which OpenID Connect Core §3.1.3.7 accepts as validation."""
    if not id_token or id_token.count(".") != 2:
        return {}
    payload = id_token.split(".")[1]
    try:
        return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
    except (ValueError, TypeError):
        return {}


def _account_email(credentials: Any, endpoints: GoogleEndpoints) -> str:
    connection = httplib2.Http(timeout=30)
    try:
        http = google_auth_httplib2.AuthorizedHttp(credentials, http=connection)
        response, content = http.request(endpoints.userinfo_uri, "GET")
        if response.status == 200:
            email = json.loads(content).get("email")
            if email:
                return str(email)
        log.info("userinfo answered %s; using the ID token", response.status)
    except (httplib2.HttpLib2Error, OSError, ValueError, google.auth.exceptions.GoogleAuthError):
        log.info("userinfo unreachable; using the ID token", exc_info=False)
    finally:
        connection.close()
    return str(_id_token_claims(getattr(credentials, "id_token", None)).get("email") or "")


def _granted_scopes(token: dict[str, Any]) -> tuple[str, ...]:
    scope = token.get("scope") or ()
    if isinstance(scope, str):
        scope = scope.split()
    return tuple(str(s) for s in scope)


def _refresh_end(token: dict[str, Any], now: dt.datetime) -> dt.datetime | None:
    try:
        seconds = float(token["refresh_token_expires_in"])
    except (KeyError, TypeError, ValueError):
        return None
    return now + dt.timedelta(seconds=seconds)


def _finish(
    user: User,
    flow: ConnectFlow,
    endpoints: GoogleEndpoints,
    secret_store: secrets.SecretStore,
) -> ConnectResult:
    credentials = flow.credentials
    token: dict[str, Any] = dict(flow.oauth2session.token or {})
    redact.remember_secret(credentials.token)
    redact.remember_secret(credentials.refresh_token)
    if not credentials.refresh_token:
        raise ConnectError(Said.of("authorisation_failed", error="Google gave no refresh token"))
    account = _account_email(credentials, endpoints)
    if not account:
        raise ConnectError(Said.of("account_info"), "no e-mail in userinfo nor ID token")
    now = utc_now()
    secret_store.set(secrets.refresh_token_key(user.login), credentials.refresh_token)
    grant = google_settings.GrantInfo(
        granted_at=now, scopes=_granted_scopes(token), refresh_expires_at=_refresh_end(token, now)
    )
    expected = user.google_email
    with store.atomic():
        settings = SyncSettings.for_user(user)
        settings.google_account_email = account
        settings.connected_at = now
        settings.save()
        google_settings.save_grant(user, grant)
        if expected and account.lower() != expected.lower():
            record_status(
                user, "orange", Said.of("email_mismatch", account=account, expected=expected)
            )
        elif grant.missing_scopes():
            record_status(user, "orange", Said.of("scope_missing", what=_scope_names(grant)))
        else:
            record_status(user, "green", Said.of("connected", email=account))
    log.info("User %s connected to Google as %s", user.login, account)
    return ConnectResult(account_email=account, expected_email=expected, status=user_status(user))


def _scope_names(grant: google_settings.GrantInfo) -> str:
    missing = grant.missing_scopes()
    names = []
    if any(s in google_settings.CALENDAR_SCOPES for s in missing):
        names.append("Google Calendar")
    if google_settings.CONTACTS_SCOPE in missing:
        names.append("Google Contacts")
    return ", ".join(names) or ", ".join(missing)
