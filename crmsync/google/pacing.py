"""Pacing the sync: stay under Google's per-user quota, retry what Google says to retry.

* :class:`RateLimiter` counts requests the way Google's per-user quota counts them (each
  request, and each inner request of a batch, over a sliding window) and blocks before
  one would go over.
* :class:`Backoff` spaces out retries (exponential backoff with full jitter, honouring
  ``Retry-After``); :func:`parse_retry_after` reads that header.
* :func:`classify_google_error` says what kind of failure a Google error answer is, so
  the engine knows whether to wait and retry, give up for today, or give up.
* :class:`Progress` tracks how far a long run has got and estimates the time left.
"""

from __future__ import annotations

import json
import math
import random
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

#: Google Calendar API's default "queries per minute per user" quota.
GOOGLE_CALENDAR_PER_USER_PER_MINUTE = 600


class RateLimiter:
    """At most ``per_minute`` request units in any ``window`` seconds (a sliding window).

    Every request counts as one unit, and a batch counts as many units as it holds inner
    requests, which is how Google counts a batch against the quota.  ``acquire`` blocks
    until the units fit, then records them as sent now; a unit stops counting ``window``
    seconds after it was recorded.

    A request of more units than the limiter ever admits at once raises ``ValueError``
    rather than being split: the units of a batch reach Google together, so admitting
    them in chunks would not keep them under the quota.  The caller must send smaller
    batches (the sync engine sends at most 50 requests in a batch).

    ``safety`` keeps a fraction of the quota in reserve (0.1 admits 540 of 600), for
    other clients sharing the same user's quota.

    Thread-safe.  The lock is never held while sleeping: a waiting thread sleeps, then
    checks again, so another thread may take the room first (no fairness is promised).
    Memory stays bounded: only the units still inside the window are remembered.
    """

    def __init__(
        self,
        per_minute: int,
        *,
        window: float = 60.0,
        safety: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        on_acquire: Callable[[int], None] | None = None,
    ) -> None:
        if per_minute < 1:
            raise ValueError(f"per_minute must be at least 1, not {per_minute}")
        if not window > 0:
            raise ValueError(f"window must be positive, not {window}")
        if not 0.0 <= safety < 1.0:
            raise ValueError(f"safety must be in [0, 1), not {safety}")
        self.per_minute = per_minute
        self.window = float(window)
        self.capacity = max(1, math.floor(per_minute * (1.0 - safety)))
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._sent: deque[tuple[float, int]] = deque()  # (expires at, units), oldest first
        self._in_window = 0
        #: Told the units of each grant, once recorded and before they are sent (the quota
        #: ledger writes them down there, so a run killed a moment later has told them).
        self.on_acquire = on_acquire
        #: Names this limiter's grants in the quota ledger: a limiter that several runs
        #: share is not charged again with what it sent itself.
        self.token = uuid.uuid4().hex[:12]

    def _check_units(self, units: int) -> None:
        if units < 0:
            raise ValueError(f"units must not be negative, not {units}")
        if units > self.capacity:
            raise ValueError(
                f"{units} units can never fit: at most {self.capacity} are admitted per "
                f"{self.window:g} s; send smaller batches"
            )

    def _wait_locked(self, units: int, now: float) -> float:
        """Seconds from ``now`` until ``units`` more fit; the lock must be held."""
        while self._sent and self._sent[0][0] <= now:
            self._in_window -= self._sent.popleft()[1]
        excess = self._in_window + units - self.capacity
        if excess <= 0:
            return 0.0
        # The earliest moment enough of the oldest units have left the window.
        for expires_at, sent_units in self._sent:
            excess -= sent_units
            if excess <= 0:
                return expires_at - now
        raise AssertionError("unreachable: units <= capacity")  # pragma: no cover

    def charge(self, units: int, seconds_ago: float = 0.0) -> None:
        """Count ``units`` sent ``seconds_ago`` seconds ago by someone else (another run of
        the same user): they take room until they leave the window, as Google counts them."""
        if units <= 0:
            return
        with self._lock:
            now = self._clock()
            expires_at = now - max(0.0, seconds_ago) + self.window
            if expires_at <= now:
                return
            index = len(self._sent)
            while index > 0 and self._sent[index - 1][0] > expires_at:
                index -= 1
            self._sent.insert(index, (expires_at, units))
            self._in_window += units

    def in_window(self) -> int:
        """Units recorded in the window that ends now."""
        with self._lock:
            self._wait_locked(0, self._clock())  # forgets the units that have left
            return self._in_window

    def would_wait(self, units: int = 1) -> float:
        """Seconds ``acquire(units)`` would wait if called now (0.0 if none); records nothing."""
        self._check_units(units)
        with self._lock:
            return self._wait_locked(units, self._clock())

    def acquire(self, units: int = 1) -> float:
        """Block until ``units`` more requests fit in the window, record them, return the wait.

        The returned wait is measured on the limiter's clock, from the call to the moment
        the units were recorded.
        """
        self._check_units(units)
        started: float | None = None
        while True:
            with self._lock:
                now = self._clock()
                if started is None:
                    started = now
                wait = self._wait_locked(units, now)
                if wait <= 0.0:
                    if units:
                        self._sent.append((now + self.window, units))
                        self._in_window += units
                    waited = now - started
                    break
            self._sleep(wait)
        if units and self.on_acquire is not None:
            self.on_acquire(units)
        return waited


class Backoff:
    """Exponential backoff with full jitter, as Google's API guidelines recommend.

    Before retry number ``attempt`` (0 for the first retry), wait a random time in
    ``[0, min(cap, base * 2**attempt)]``.  The randomness spreads out clients that failed
    together, so they do not all come back at the same instant.  After ``max_attempts``
    retries, give up (see :meth:`should_retry`).
    """

    def __init__(
        self,
        base: float = 1.0,
        cap: float = 64.0,
        max_attempts: int = 8,
        rng: random.Random | None = None,
    ) -> None:
        if base <= 0 or cap < base:
            raise ValueError(f"need 0 < base <= cap, not base={base}, cap={cap}")
        if max_attempts < 0:
            raise ValueError(f"max_attempts must not be negative, not {max_attempts}")
        self.base = base
        self.cap = cap
        self.max_attempts = max_attempts
        self._rng = rng if rng is not None else random.Random()

    def ceiling(self, attempt: int) -> float:
        """The longest jittered delay before retry ``attempt``: ``min(cap, base * 2**attempt)``."""
        if attempt < 0:
            raise ValueError(f"attempt must not be negative, not {attempt}")
        if attempt >= 64:  # 2**attempt would only overflow; the cap has long been reached
            return self.cap
        return min(self.cap, self.base * 2.0**attempt)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry ``attempt`` (counted from 0).

        With a ``retry_after`` from the server, the result is ``max(retry_after,
        jittered delay)``: never sooner than the server asked, and still jittered so
        clients told the same moment do not all return at once.  ``retry_after`` is
        honoured even above ``cap``: the server knows best, the caller may give up.
        """
        jittered = self._rng.uniform(0.0, self.ceiling(attempt))
        if retry_after is None:
            return jittered
        return max(retry_after, jittered)  # the jittered delay is never negative

    def should_retry(self, attempt: int) -> bool:
        """Whether retry number ``attempt`` (counted from 0) is still allowed."""
        return 0 <= attempt < self.max_attempts


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DAY_NAME = r"(?:mon|tue|wed|thu|fri|sat|sun)"
_LONG_DAY_NAME = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_TIME = r"(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)"
# RFC 9110 §5.6.7: the preferred IMF-fixdate and the two obsolete forms recipients accept.
_IMF_FIXDATE = re.compile(
    rf"{_DAY_NAME}, (?P<day>\d\d) {_MONTH} (?P<year>\d{{4}}) {_TIME} GMT", re.IGNORECASE
)
_RFC850_DATE = re.compile(
    rf"{_LONG_DAY_NAME}, (?P<day>\d\d)-{_MONTH}-(?P<year>\d\d) {_TIME} GMT", re.IGNORECASE
)
_ASCTIME_DATE = re.compile(
    rf"{_DAY_NAME} {_MONTH} +(?P<day>\d{{1,2}}) {_TIME} (?P<year>\d{{4}})", re.IGNORECASE
)
_DELTA_SECONDS = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _parse_http_date(text: str, now: datetime) -> datetime | None:
    for pattern in (_IMF_FIXDATE, _RFC850_DATE, _ASCTIME_DATE):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        year = int(match["year"])
        if pattern is _RFC850_DATE:
            # RFC 9110: a two-digit year more than 50 years in the future is in the past.
            year += 2000
            if year > now.year + 50:
                year -= 100
        try:
            return datetime(
                year,
                _MONTHS[match["month"].lower()],
                int(match["day"]),
                int(match["hour"]),
                int(match["minute"]),
                int(match["second"]),
                tzinfo=UTC,
            )
        except ValueError:  # 31 Feb, 25:00:00 …
            return None
    return None


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header (RFC 9110 §10.2.3).

    The header is either delta-seconds (``"120"``) or an HTTP-date (``"Wed, 21 Oct 2015
    07:28:00 GMT"``, or either obsolete date form), compared with ``now`` (default: the
    current time; a naive ``now`` is taken as UTC).  A past date or a negative number
    gives 0.0; an absent or unreadable header gives ``None``.  A decimal number is
    accepted too, though the RFC only allows whole seconds.
    """
    if value is None:
        return None
    text = value.strip()
    if _DELTA_SECONDS.fullmatch(text):
        seconds = float(text)
        return max(0.0, seconds) if math.isfinite(seconds) else None
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    when = _parse_http_date(text, now)
    if when is None:
        return None
    return max(0.0, (when - now).total_seconds())


#: ``classify_google_error`` results.
RATE_LIMIT = "rate_limit"
QUOTA_EXCEEDED = "quota_exceeded"
RETRY = "retry"
CONFLICT = "conflict"
GONE = "gone"
PRECONDITION = "precondition"
NOT_FOUND = "not_found"
AUTH = "auth"
FATAL = "fatal"

# Reasons are compared lower-cased without underscores, so the classic camelCase reasons
# ("userRateLimitExceeded") and google.rpc ErrorInfo ones ("RATE_LIMIT_EXCEEDED") match.
_RATE_LIMIT_REASONS = frozenset({"ratelimitexceeded", "userratelimitexceeded"})
_QUOTA_REASONS = frozenset({"quotaexceeded", "dailylimitexceeded"})
_RETRY_REASONS = frozenset({"backenderror"})
_RETRY_STATUSES = frozenset({500, 502, 503, 504})
_BY_STATUS = {
    409: CONFLICT,
    410: GONE,
    412: PRECONDITION,
    404: NOT_FOUND,
    401: AUTH,
}


def _error_reasons(body: bytes | str | dict[str, Any] | None) -> set[str]:
    """The normalised reasons in a Google error body; empty if it has none or is not JSON."""
    if isinstance(body, bytes | bytearray):
        body = body.decode("utf-8", errors="replace")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return set()
    if not isinstance(body, dict):
        return set()
    error = body.get("error")
    if not isinstance(error, dict):
        return set()
    entries: list[Any] = []
    for key in ("errors", "details"):  # classic reasons, then google.rpc ErrorInfo ones
        value = error.get(key)
        if isinstance(value, list):
            entries.extend(value)
    return set(_normalise(entry.get("reason") for entry in entries if isinstance(entry, dict)))


def _normalise(reasons: Iterable[object]) -> Iterable[str]:
    for reason in reasons:
        if isinstance(reason, str):
            yield reason.replace("_", "").lower()


def classify_google_error(status: int, body: bytes | str | dict[str, Any] | None) -> str:
    """What kind of failure a Google API error answer is.

    One of ``"rate_limit"`` (429, or 403 rateLimitExceeded/userRateLimitExceeded: slow
    down and retry), ``"quota_exceeded"`` (403 quotaExceeded/dailyLimitExceeded: a daily
    limit, not worth retrying now), ``"retry"`` (500, 502, 503, 504 or backendError),
    ``"conflict"`` (409), ``"gone"`` (410), ``"precondition"`` (412), ``"not_found"``
    (404), ``"auth"`` (401) or ``"fatal"`` (anything else, including other 403s).

    ``body`` is Google's JSON error (``{"error": {"code", "message", "errors": [{"domain",
    "reason"}], "status"}}``), raw or decoded; a body that is missing, not JSON or not of
    that shape leaves the status code to decide.
    """
    reasons = _error_reasons(body)
    if status == 429:
        return RATE_LIMIT
    if status == 403:
        if reasons & _RATE_LIMIT_REASONS:
            return RATE_LIMIT
        if reasons & _QUOTA_REASONS:
            return QUOTA_EXCEEDED
        return FATAL
    if status in _RETRY_STATUSES or reasons & _RETRY_REASONS:
        return RETRY
    return _BY_STATUS.get(status, FATAL)


@dataclass
class Progress:
    """How far a run has got: ``done`` of ``total`` items since ``started_at``.

    ``started_at`` is read from ``clock`` when the object is made.
    """

    total: int
    done: int = 0
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)
    started_at: float = field(init=False)

    def __post_init__(self) -> None:
        self.started_at = self.clock()

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more items done."""
        if n < 0:
            raise ValueError(f"cannot advance by a negative count ({n})")
        self.done += n

    def elapsed(self) -> float:
        """Seconds since the run started."""
        return max(0.0, self.clock() - self.started_at)

    def eta_seconds(self) -> float | None:
        """Seconds left at the pace so far; ``None`` until something is done, 0 when all is."""
        if self.done <= 0:
            return None
        remaining = self.total - self.done
        if remaining <= 0:
            return 0.0
        return self.elapsed() * remaining / self.done

    def as_dict(self) -> dict[str, Any]:
        """``total``, ``done``, ``elapsed_seconds`` and ``eta_seconds``, e.g. for a status line."""
        return {
            "total": self.total,
            "done": self.done,
            "elapsed_seconds": self.elapsed(),
            "eta_seconds": self.eta_seconds(),
        }
