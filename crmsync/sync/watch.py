"""``crmsync sync --watch``: headless automatic sync for servers and scripts.

Queued CRM edits (the change journal) are pushed as soon as they are seen (the journal is
checked every ``tick`` seconds: a local query on the journal, no ``actions`` row, no
request to Google); Google's changes are pulled every ``interval`` seconds, which costs one
``events.list`` request per calendar when nothing changed.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from crmsync.crm.models import User
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.google.secrets import SecretStore, SecretStoreError
from crmsync.google.session import GoogleConnectionError, GoogleSession
from crmsync.i18n import current_language
from crmsync.sync.autopush import has_pending_edits
from crmsync.sync.eligibility import may_sync
from crmsync.sync.engine import (
    Summary,
    SyncBusy,
    SyncOptions,
    failure_message,
    open_session,
    sync_user,
)
from crmsync.texts import say

log = logging.getLogger(__name__)


def watch(
    users: list[User],
    options: SyncOptions,
    *,
    endpoints: GoogleEndpoints | None = None,
    interval: float = 120.0,
    tick: float = 1.0,
    stop: threading.Event | None = None,
    report: Callable[[Summary], None] | None = None,
    max_cycles: int | None = None,
    store: SecretStore | None = None,
    tell: Callable[[str], None] | None = None,
) -> int:
    """Run until ``stop`` is set (or Ctrl+C); returns an exit code.

    One user's failure (his sync busy elsewhere, his access revoked, Google down, anything
    unexpected) is told (``tell``, in the run's language), written to the sync log by the
    engine, and the loop goes on; that user is tried again at his next pull, not at every
    tick. A user the rule of :mod:`crmsync.sync.eligibility` stops (« Synchronisation
    active » turned off meanwhile, a red light) is left alone until it lets him again.
    """
    stop = stop or threading.Event()
    loop = _Loop(options, endpoints, store, report or _print, tell or _tell, interval)
    cycles = 0
    try:
        while not stop.is_set():
            for user in users:
                loop.visit(user)
            cycles += 1
            if max_cycles is not None and cycles >= max_cycles:
                break
            stop.wait(tick)
    except KeyboardInterrupt:
        pass
    finally:
        loop.close()
    return 0


class _Loop:
    """What the watch loop keeps between cycles: sessions, the next pull of each user."""

    def __init__(
        self,
        options: SyncOptions,
        endpoints: GoogleEndpoints | None,
        store: SecretStore | None,
        report: Callable[[Summary], None],
        tell: Callable[[str], None],
        interval: float,
    ) -> None:
        self.options = options
        self.push_only = dataclasses.replace(options, pull=False, include_series=False)
        self.endpoints = endpoints
        self.store = store
        self.report = report
        self.tell = tell
        self.interval = interval
        self.lang = options.language or current_language()
        self.next_pull: dict[int, float] = {}
        #: A user whose run failed waits for his next pull (no retry at every tick).
        self.resting: set[int] = set()
        self.refused: dict[int, str] = {}
        self.sessions: dict[int, GoogleSession] = {}

    def visit(self, user: User) -> None:
        now = time.monotonic()
        if now >= self.next_pull.get(user.id, 0.0):
            chosen: SyncOptions = self.options
            self.next_pull[user.id] = now + self.interval
            self.resting.discard(user.id)
        elif user.id not in self.resting and has_pending_edits(user):
            chosen = self.push_only
        else:
            return
        if not self._allowed(user):
            return
        try:
            self.report(sync_user(user, chosen, session=self._session(user)))
        except Exception as exc:  # noqa: BLE001 - one user's failure never ends the loop
            self._failed(user, exc)

    def _allowed(self, user: User) -> bool:
        verdict = may_sync(user, store=self.store)
        if verdict.allowed:
            self.refused.pop(user.id, None)
            return True
        if self.refused.get(user.id) != verdict.refusal:  # told once, not at every pull
            self.refused[user.id] = verdict.refusal
            self.tell(
                say("sync_skipped", login=user.login, why=verdict.why(self.lang)).render(self.lang)
            )
        self.resting.add(user.id)
        return False

    def _session(self, user: User) -> GoogleSession:
        found = self.sessions.get(user.id)
        if found is None:
            found = open_session(user, self.lang, endpoints=self.endpoints, store=self.store)
            self.sessions[user.id] = found
        return found

    def _failed(self, user: User, exc: Exception) -> None:
        if isinstance(exc, GoogleConnectionError | SecretStoreError):
            # a session that failed may hold a dead grant: the next pull opens a new one
            session = self.sessions.pop(user.id, None)
            if session is not None:
                session.close()
        elif not isinstance(exc, SyncBusy):
            log.error("The sync of %s failed", user.login, exc_info=True)
        self.resting.add(user.id)
        self.tell(failure_message(exc, user.login, self.lang))

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()


def _tell(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} crmsync: {text}", file=sys.stderr, flush=True)


def _print(summary: Summary) -> None:
    data: dict[str, Any] = summary.as_dict()
    changed = (
        sum(data["created"].values())
        + sum(data["updated"].values())
        + sum(data["deleted"].values())
    )
    if changed or data["errors"]:
        print(
            f"{time.strftime('%H:%M:%S')} {data['user']}: {changed} changes, "
            f"{len(data['errors'])} errors, {data['requests']} requests",
            flush=True,
        )
