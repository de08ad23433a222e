"""Keep tokens and secrets out of the logs, including the OAuth libraries' own debug logs.

requests-oauthlib logs, at DEBUG, the token request's body (client secret, authorization
code, PKCE verifier) and the token answer (access and refresh tokens). A filter on the
loggers that talk about tokens rewrites each record: values crmsync knows to be secret are
replaced, and so is anything that looks like ``name=value`` or ``"name": "value"`` for a
token-bearing name.
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"

#: Loggers (the exact names: a filter sees only records its own logger creates).
LOGGERS = (
    "requests_oauthlib.oauth2_session",
    "requests_oauthlib",
    "oauthlib",
    "google_auth_oauthlib.flow",
    "google_auth_httplib2",
    "google.auth.transport.requests",
    "google.auth._default",
    "google.oauth2.credentials",
    "google.oauth2._client",
    "google.oauth2.reauth",
    "googleapiclient.http",
    "googleapiclient.discovery",
    "urllib3.connectionpool",
    "crmsync.google.oauth",
    "crmsync.google.session",
    "crmsync.google.tester",
    "crmsync.google.reset",
    "crmsync.google.demo",
)

_NAMES = (
    r"access_token|refresh_token|id_token|client_secret|code_verifier|code|token|"
    r"assertion|password|Authorization"
)
_PATTERNS = (
    # JSON or repr: "access_token": "value"  /  'access_token': 'value'
    re.compile(r"""(["'](?:""" + _NAMES + r""")["']\s*:\s*["'])([^"']+)(["'])""", re.IGNORECASE),
    # form or query: access_token=value
    re.compile(r"((?<![A-Za-z_])(?:" + _NAMES + r")=)([^&\s\"',;]+)", re.IGNORECASE),
    # HTTP header: Bearer value
    re.compile(r"(Bearer\s+)([A-Za-z0-9._~+/=-]+)"),
)

_known: set[str] = set()
_lock = threading.Lock()
_installed = False


def remember_secret(value: str | None) -> None:
    """Mask ``value`` wherever it would appear in a log record from now on."""
    if value and len(value) >= 6:
        with _lock:
            _known.add(value)


def scrub(text: str) -> str:
    """``text`` with every known secret and token-looking value masked."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(
            lambda m: m.group(1) + MASK + (m.group(3) if m.lastindex == 3 else ""), text
        )
    return text


class SecretRedactor(logging.Filter):
    """Rewrites a record's message with :func:`scrub` (never drops the record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logged as it is
            return True
        cleaned = scrub(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


def install() -> None:
    """Put the redacting filter on every logger that may see a token (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    redactor = SecretRedactor()
    for name in LOGGERS:
        logging.getLogger(name).addFilter(redactor)
