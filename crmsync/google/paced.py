"""Sending one paced, counted and retried request to a Google API.

Both sides of the sync talk to Google through :class:`PacedClient`: every request waits
for room under the user's per-minute quota, is counted (requests and quota units), and is
retried when Google says to retry — a rate limit (403 rateLimitExceeded /
userRateLimitExceeded, 429 RESOURCE_EXHAUSTED), a 5xx or a dropped connection — with
exponential backoff, full jitter and ``Retry-After`` honoured. The library's own retries
stay off (``num_retries=0``) so that every request sent is counted. A daily-quota refusal
is not retried: it ends the run with a message saying so.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from googleapiclient.errors import BatchError, HttpError

from crmsync.google import pacing
from crmsync.google.session import GoogleSession, NetworkError
from crmsync.texts import Text, say

log = logging.getLogger(__name__)


class GoogleUnavailable(Exception):
    """Google kept failing after every retry, or refused for the day; ``text`` says which
    (``str()`` is the English)."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


DAILY_QUOTA_REACHED = say("daily_quota")


@dataclass
class RequestMeter:
    """HTTP requests sent and quota units used (a batch is one request, many units)."""

    requests: int = 0
    units: int = 0
    retries: int = 0
    waited_seconds: float = 0.0


class PacedClient:
    """One user's requests to one Google API, paced under ``limiter`` and counted."""

    def __init__(
        self,
        session: GoogleSession,
        *,
        limiter: pacing.RateLimiter,
        backoff: pacing.Backoff | None = None,
        meter: RequestMeter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self.session = session
        self.limiter = limiter
        self.backoff = backoff or pacing.Backoff(base=0.5, cap=32.0, max_attempts=7)
        self.meter = meter or RequestMeter()
        self.sleep = sleep
        self.cancelled = cancelled
        #: Requests may be sent from several threads (the agenda's batches in flight).
        self._meter_lock = threading.Lock()

    def _execute(self, request: Any, *, limiter: pacing.RateLimiter | None = None) -> Any:
        """Run one googleapiclient request, paced (under ``limiter`` when given) and retried."""
        return self._send(1, lambda: self.session.execute(request, num_retries=0), limiter=limiter)

    def _send(
        self, units: int, send: Callable[[], Any], *, limiter: pacing.RateLimiter | None = None
    ) -> Any:
        limiter = limiter or self.limiter
        attempt = 0
        while True:
            waited = limiter.acquire(units)
            with self._meter_lock:
                self.meter.waited_seconds += waited
                self.meter.requests += 1
                self.meter.units += units
            try:
                return send()
            except BatchError:
                raise  # an unreadable batch answer: the caller decides what to resend
            except HttpError as exc:
                kind = pacing.classify_google_error(int(exc.resp.status), exc.content)
                if kind == pacing.QUOTA_EXCEEDED:  # refused for the day: not worth retrying
                    raise GoogleUnavailable(DAILY_QUOTA_REACHED) from None
                if kind not in (pacing.RATE_LIMIT, pacing.RETRY):
                    raise
                if not self.backoff.should_retry(attempt):
                    raise GoogleUnavailable(
                        say("google_kept_failing", message=error_message(exc))
                    ) from None
                self._wait(attempt, pacing.parse_retry_after(exc.resp.get("retry-after")))
            except NetworkError:
                if not self.backoff.should_retry(attempt):
                    raise
                self._wait(attempt, None)
            attempt += 1

    def _wait(self, attempt: int, retry_after: float | None) -> None:
        delay = self.backoff.delay(attempt, retry_after)
        with self._meter_lock:
            self.meter.retries += 1
        log.info("Google asked to slow down or failed; retrying in %.1f s", delay)
        self.sleep(delay)


def error_body(exc: HttpError) -> dict[str, Any]:
    """Google's JSON error object (``code``, ``message``, ``status``, ``details``…), or {}."""
    try:
        body = json.loads(exc.content)
        error = body["error"]
        return error if isinstance(error, dict) else {}
    except (ValueError, KeyError, TypeError):
        return {}


def error_message(exc: HttpError) -> str:
    message = error_body(exc).get("message")
    return str(message) if message else f"HTTP {exc.resp.status}"


def error_reasons(exc: HttpError) -> set[str]:
    """The ErrorInfo reasons of a Google error (People's ``EXPIRED_SYNC_TOKEN``…)."""
    reasons: set[str] = set()
    body = error_body(exc)
    for detail in body.get("details") or []:
        if isinstance(detail, dict) and detail.get("reason"):
            reasons.add(str(detail["reason"]))
    for item in body.get("errors") or []:
        if isinstance(item, dict) and item.get("reason"):
            reasons.add(str(item["reason"]))
    return reasons
