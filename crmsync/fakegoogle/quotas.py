"""Per-user sliding-window quotas, counted on the emulator clock.

Every API call counts once against its user's bucket, calls inside a batch included (the
batch envelope itself does not count). Over the limit, Calendar answers one of Google's
three rate-limit answers (``calendar_error``, 403 rateLimitExceeded by default) and People
its 429 RESOURCE_EXHAUSTED; a 429 carries ``Retry-After``: the seconds until the oldest
call of the window slides out of it.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from crmsync.fakegoogle.exceptions import CALENDAR_RATE_ANSWERS

# Google's defaults for a project created in 2026: see GOOGLE_API_NOTES.md.
DEFAULT_LIMITS = {
    "calendar": 600,  # requests per minute per user
    "people_read": 180,
    "people_write": 90,
}
WINDOW_SECONDS = 60.0
DEFAULT_CALENDAR_ERROR = "403 rateLimitExceeded"


@dataclass
class QuotaBook:
    """Counts requests per (user, bucket) over the last minute."""

    limits: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    calendar_error: str = DEFAULT_CALENDAR_ERROR  # a key of CALENDAR_RATE_ANSWERS
    _hits: dict[tuple[str, str], deque[float]] = field(default_factory=dict)

    def bucket_for(self, api: str, kind: str) -> str:
        if api == "people":
            return "people_write" if kind == "write" else "people_read"
        return api

    def try_acquire(self, user: str, bucket: str, now: float) -> bool:
        """Record one request; False (and nothing recorded) when the window is full."""
        limit = self.limits.get(bucket)
        if limit is None:
            return True
        hits = self._hits.setdefault((user, bucket), deque())
        while hits and hits[0] <= now - WINDOW_SECONDS:
            hits.popleft()
        if len(hits) >= limit:
            return False
        hits.append(now)
        return True

    def retry_after(self, user: str, bucket: str, now: float) -> int:
        """Whole seconds until ``user`` may call again in ``bucket`` (at least 1)."""
        hits = self._hits.get((user, bucket))
        if not hits:
            return 1
        return max(1, math.ceil(hits[0] + WINDOW_SECONDS - now))

    def set_calendar_error(self, answer: str) -> None:
        if answer not in CALENDAR_RATE_ANSWERS:
            raise ValueError(
                f"unknown calendar_error {answer!r}: {', '.join(CALENDAR_RATE_ANSWERS)}"
            )
        self.calendar_error = answer

    def set_limit(self, bucket: str, per_minute: int | None) -> None:
        if per_minute is None:
            self.limits.pop(bucket, None)
        else:
            self.limits[bucket] = int(per_minute)

    def reset(self) -> None:
        self.limits = dict(DEFAULT_LIMITS)
        self.calendar_error = DEFAULT_CALENDAR_ERROR
        self._hits.clear()

    def clear_usage(self) -> None:
        self._hits.clear()
