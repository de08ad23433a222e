"""Keep tokens and secrets out of the logs: every logger's, the libraries' debug logs included.

requests-oauthlib logs, at DEBUG, the token request's body (client secret, authorization
code, PKCE verifier) and the token answer (access and refresh tokens); peewee logs every SQL
statement with its parameters, the folder's API key among them; urllib3, httplib2 and
googleapiclient log addresses, which may carry a ``key=`` or a ``code=``.

:func:`install` puts a :class:`logging.LogRecord` factory in place, so every record of
every logger is cleaned when it is made, before any handler or filter sees it: the final
message (``msg % args``, whatever their types — peewee logs ``(sql, params)`` tuples),
the traceback and the stack. Cleaning masks the values crmsync knows to be secret
(:func:`remember_secret`: the client secret, the refresh and access tokens, the API key)
and anything that looks like one: ``name=value`` or ``"name": "value"`` for a
token-bearing name, ``Bearer …``, ``key=…`` in an address, and the shapes of Google's
credentials (``ya29.…`` access tokens, ``1//…`` refresh tokens, ``4/0…`` authorisation
codes, ``GOCSPX-…`` client secrets, ``AIza…`` API keys).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from typing import Any

MASK = "***"

_NAMES = (
    r"access_token|refresh_token|id_token|client_secret|code_verifier|code|token|"
    r"assertion|password|Authorization"
)
#: Patterns whose group 1 (and 3, when there is one) is kept and group 2 masked.
_PATTERNS = (
    # JSON or repr: "access_token": "value"  /  'access_token': 'value'
    re.compile(r"""(["'](?:""" + _NAMES + r""")["']\s*:\s*["'])([^"']+)(["'])""", re.IGNORECASE),
    # form or query: access_token=value
    re.compile(r"((?<![A-Za-z_])(?:" + _NAMES + r")=)([^&\s\"',;]+)", re.IGNORECASE),
    # an API key in an address: ?key=value, &api_key=value
    re.compile(r"((?<![A-Za-z_.])(?:key|api_?key)=)([^&\s\"',;]+)", re.IGNORECASE),
    # HTTP headers: Bearer value  /  X-Goog-Api-Key: value
    re.compile(r"(Bearer\s+)([A-Za-z0-9._~+/=-]+)", re.IGNORECASE),
    re.compile(r"""(x-goog-api-key["']?\s*[:=]\s*["']?)([^"'\s,;}]+)""", re.IGNORECASE),
)
#: The shapes of Google's credentials, masked wherever they appear.
_SHAPES = re.compile(
    r"(?<![A-Za-z0-9_.-])(?:"
    r"ya29\.[A-Za-z0-9._-]+"  # access token
    r"|1//[A-Za-z0-9_-]{20,}"  # refresh token
    r"|4/0[A-Za-z0-9._-]{10,}"  # authorisation code
    r"|GOCSPX-[A-Za-z0-9_-]+"  # client secret
    r"|AIza[A-Za-z0-9_-]{20,}"  # API key
    r")"
)

_known: set[str] = set()
_lock = threading.Lock()


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
    text = _SHAPES.sub(MASK, text)
    for pattern in _PATTERNS:
        text = pattern.sub(
            lambda m: m.group(1) + MASK + (m.group(3) if m.lastindex == 3 else ""), text
        )
    return text


def redact_record(record: logging.LogRecord) -> None:
    """Clean ``record`` in place: its final message, traceback and stack."""
    try:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - arguments that do not fit the format
            message = f"{record.msg!r} % {record.args!r}"
            record.msg, record.args = scrub(message), None
        else:
            cleaned = scrub(message)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            trace = logging.Formatter().formatException(record.exc_info)
            cleaned = scrub(trace)
            if cleaned != trace:
                # A formatter uses exc_text when it is set rather than formatting again.
                record.exc_text = cleaned
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
    except Exception:  # noqa: BLE001 - never let logging raise, never let a secret through
        record.msg, record.args = "(log record withheld: it could not be cleaned)", None
        record.exc_info = record.exc_text = record.stack_info = None


class SecretRedactor(logging.Filter):
    """Cleans a record with :func:`redact_record` (never drops it): for handlers, in case
    another record factory was put in place after :func:`install`."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def _redacting(previous: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        redact_record(record)
        return record

    make.crmsync_redacts = True  # type: ignore[attr-defined]
    return make


def install() -> None:
    """Clean every log record of the process from now on (idempotent)."""
    with _lock:
        current = logging.getLogRecordFactory()
        if not getattr(current, "crmsync_redacts", False):
            logging.setLogRecordFactory(_redacting(current))


def is_installed() -> bool:
    return bool(getattr(logging.getLogRecordFactory(), "crmsync_redacts", False))
