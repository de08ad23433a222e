"""The emulator's clock: real time plus an offset that tests move forward."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime


class Clock:
    """Wall-clock time shifted by an adjustable offset (token and sync-token expiry use it)."""

    def __init__(self, offset_seconds: float = 0.0) -> None:
        self._offset = offset_seconds
        self._lock = threading.Lock()

    def time(self) -> float:
        with self._lock:
            return time.time() + self._offset

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), tz=UTC)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds

    @property
    def offset(self) -> float:
        return self._offset

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0


def rfc3339(moment: datetime) -> str:
    """Google's timestamp format: UTC with milliseconds and a Z."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
