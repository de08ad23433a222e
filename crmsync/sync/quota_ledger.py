"""What a user's runs spent of Google's per-minute quota, kept in the database.

Google counts a user's requests over a sliding minute, whoever sent them. A run's
:class:`~crmsync.google.pacing.RateLimiter` only knows what it sent itself, so a run started
right after another one — a rerun after a killed run, or two ``crmsync sync`` in a row,
each a process of its own — took the whole minute for free, sent at once what Google had
already counted, and was refused until its retries ran out (« Google still refused N calls
after M retries »).

The design, write-ahead like the sync's intents:

- every grant of the run's limiters is written down *before* its request goes
  (:attr:`RateLimiter.on_acquire`): the time (wall clock: the monotonic clock does not
  outlive a process) and the units, per user and per API bucket (``calendar``,
  ``people_read``, ``people_write``). A run killed at any instant has therefore recorded at
  least what reached Google; at worst a grant whose request never went is counted, which
  only makes the next run wait a little;
- the entries of the last window are kept as one row per user and bucket in the engine's
  cursor table (scope ``quota:<bucket>``: no schema change), rewritten with each grant.
  Only the run holding the user's lock writes them, so there is one writer at a time;
- a new run charges its limiters with the entries still inside the window before its first
  request, except those its limiter made itself (a limiter shared by several runs of one
  process already counts them).

A batch's grant is written from the worker thread that sends it: that thread's database
connection is closed again at once. A write that fails (the database busy for too long)
is logged and the entries are written with the next one; the sync itself goes on.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable

import peewee

from crmsync.crm import db as store
from crmsync.crm.models import User
from crmsync.google import pacing
from crmsync.sync.state import read_cursor, save_cursor

log = logging.getLogger(__name__)

SCOPE_PREFIX = "quota:"
CALENDAR = "calendar"
PEOPLE_READ = "people_read"
PEOPLE_WRITE = "people_write"

#: (wall-clock time, units, token of the limiter that granted them)
Entry = tuple[float, int, str]


class QuotaLedger:
    """One user's record of one API bucket, attached to the limiters of a run."""

    def __init__(self, user: User, bucket: str, *, clock: Callable[[], float] = time.time) -> None:
        self.user = user
        self.scope = SCOPE_PREFIX + bucket
        self._clock = clock
        self._lock = threading.Lock()
        self._owner = threading.get_ident()
        self._entries: list[Entry] = self._read()
        self._window = 60.0

    def attach(self, limiter: pacing.RateLimiter) -> Callable[[], None]:
        """Charge ``limiter`` with what others spent in its window, then record its grants;
        returns ``detach()``, which stops the recording (a shared limiter outlives a run)."""
        now = self._clock()
        with self._lock:
            self._window = max(self._window, limiter.window)
            for at, units, token in self._entries:
                if token != limiter.token and now - at < limiter.window:
                    limiter.charge(units, seconds_ago=max(0.0, now - at))

        def record(units: int) -> None:
            self.spent(units, limiter.token)

        limiter.on_acquire = record

        def detach() -> None:
            if limiter.on_acquire is record:
                limiter.on_acquire = None

        return detach

    def spent(self, units: int, token: str) -> None:
        """Write down ``units`` granted now (before their request goes)."""
        with self._lock:
            now = self._clock()
            self._entries = [e for e in self._entries if now - e[0] < self._window]
            self._entries.append((now, units, token))
            self._write()

    def _read(self) -> list[Entry]:
        try:
            row = read_cursor(self.user, self.scope)
            raw = json.loads(row.value) if row is not None and row.value else []
            return [(float(at), int(units), str(token)) for at, units, token in raw]
        except (peewee.DatabaseError, ValueError, TypeError):
            log.warning("The quota spent by the last runs of %s is unreadable", self.user.login)
            return []

    def _write(self) -> None:
        value = json.dumps([[round(at, 3), units, token] for at, units, token in self._entries])
        try:
            with store.atomic():
                save_cursor(self.user, self.scope, value)
        except peewee.DatabaseError as exc:
            log.warning("Could not record the quota spent by %s: %s", self.user.login, exc)
        finally:
            if threading.get_ident() != self._owner:
                store.close_thread_connection()  # a batch's worker thread: it ends soon
