"""Per-user sliding-window quotas, counted on the emulator clock."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

# Google's defaults for a project created in 2026: see GOOGLE_API_NOTES.md.
DEFAULT_LIMITS = {
    "calendar": 600,  # requests per minute per user
    "people_read": 180,
    "people_write": 90,
}
WINDOW_SECONDS = 60.0


@dataclass
class QuotaBook:
    """Counts requests per (user, bucket) over the last minute."""

    limits: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
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

    def set_limit(self, bucket: str, per_minute: int | None) -> None:
        if per_minute is None:
            self.limits.pop(bucket, None)
        else:
            self.limits[bucket] = int(per_minute)

    def reset(self) -> None:
        self.limits = dict(DEFAULT_LIMITS)
        self._hits.clear()

    def clear_usage(self) -> None:
        self._hits.clear()
