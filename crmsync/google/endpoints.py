"""Where the Google calls go: Google itself, or a local emulator named by one base URL.

Every Google URL the client uses comes from a :class:`GoogleEndpoints`; pointing crmsync
at the emulator (``--google-endpoint`` or ``$CRMSYNC_GOOGLE_ENDPOINT``) swaps them all and
changes nothing else in the code.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

ENDPOINT_ENV = "CRMSYNC_GOOGLE_ENDPOINT"


class EndpointError(ValueError):
    """An endpoint crmsync refuses to talk to; the message says why and what to do."""


@dataclass(frozen=True)
class GoogleEndpoints:
    """The URLs of Google's authorization server and of the Calendar and People APIs."""

    auth_uri: str = "https://accounts.google.com/o/oauth2/auth"
    token_uri: str = "https://oauth2.googleapis.com/token"
    revoke_uri: str = "https://oauth2.googleapis.com/revoke"
    userinfo_uri: str = "https://www.googleapis.com/oauth2/v3/userinfo"
    calendar_api_root: str = "https://www.googleapis.com/calendar/v3/"
    calendar_batch_uri: str = "https://www.googleapis.com/batch/calendar/v3"
    people_api_root: str = "https://people.googleapis.com/"
    people_batch_uri: str = "https://people.googleapis.com/batch"
    #: The base URL when these are an emulator's, else ``None``.
    base_url: str | None = None

    @property
    def is_google(self) -> bool:
        return self.base_url is None

    @property
    def is_plain_http(self) -> bool:
        return self.token_uri.startswith("http://")

    @classmethod
    def for_base_url(cls, base_url: str) -> GoogleEndpoints:
        """The emulator's endpoints under ``base_url`` (``http://127.0.0.1:PORT``).

        A plain-http base URL is accepted only on the loopback interface: tokens and
        secrets never cross a network unencrypted.
        """
        base = base_url.strip().rstrip("/")
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EndpointError(
                f"Google endpoint {base_url!r} is not a URL: give one such as "
                "http://127.0.0.1:8765 (a local emulator)."
            )
        if parts.scheme == "http" and not is_loopback_host(parts.hostname):
            raise EndpointError(
                f"Refusing the plain-http Google endpoint {base_url!r}: tokens would cross the "
                "network unencrypted. Use https, or an emulator on 127.0.0.1 / localhost."
            )
        return cls(
            auth_uri=base + "/o/oauth2/auth",
            token_uri=base + "/token",
            revoke_uri=base + "/revoke",
            userinfo_uri=base + "/oauth2/v3/userinfo",
            calendar_api_root=base + "/calendar/v3/",
            calendar_batch_uri=base + "/batch/calendar/v3",
            people_api_root=base + "/",
            people_batch_uri=base + "/batch",
            base_url=base,
        )

    def describe(self) -> str:
        return "Google" if self.base_url is None else f"the Google emulator at {self.base_url}"


GOOGLE = GoogleEndpoints()


def is_loopback_host(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def current_endpoints(base_url: str | None = None) -> GoogleEndpoints:
    """The endpoints to use: ``base_url``, else ``$CRMSYNC_GOOGLE_ENDPOINT``, else Google's.

    Raises :class:`EndpointError` for an endpoint that may not be used. Changes nothing in
    the process: plain-http OAuth with a loopback emulator is allowed by the connection
    flow around its own calls (:func:`crmsync.google.oauth.oauthlib_switches`).
    """
    chosen = base_url or os.environ.get(ENDPOINT_ENV, "").strip()
    if not chosen:
        return GOOGLE
    endpoints = GoogleEndpoints.for_base_url(chosen)
    allow_plain_http_oauth(endpoints)
    return endpoints


def plain_http_oauth_allowed(endpoints: GoogleEndpoints) -> bool:
    """Whether OAuth with ``endpoints`` may use plain http: a loopback emulator's only.

    Raises :class:`EndpointError` for plain-http endpoints off this machine.
    """
    if not endpoints.is_plain_http:
        return False
    host = urlsplit(endpoints.token_uri).hostname or ""
    if not is_loopback_host(host):  # pragma: no cover - for_base_url already refuses it
        raise EndpointError(f"Refusing plain-http OAuth with {host}: not a loopback address.")
    return True


def allow_plain_http_oauth(endpoints: GoogleEndpoints) -> None:
    """Check that plain-http OAuth with ``endpoints`` is acceptable (loopback only).

    It no longer changes the process environment: the allowance is given per flow, to the
    calls that talk to that endpoint (see :mod:`crmsync.google.oauth`).
    """
    plain_http_oauth_allowed(endpoints)
