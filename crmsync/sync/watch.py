"""``crmsync sync --watch``: headless automatic sync for servers and scripts.

Queued CRM edits (the change journal) are pushed as soon as they are seen (the journal is
checked every ``tick`` seconds: a local query on the journal, no ``actions`` row, no
request to Google); Google's changes are pulled every ``interval`` seconds, which costs one
``events.list`` request per calendar when nothing changed.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from crmsync.crm.models import User
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.google.secrets import SecretStore
from crmsync.google.session import GoogleConnectionError, GoogleSession
from crmsync.sync.autopush import has_pending_edits
from crmsync.sync.engine import Summary, SyncBusy, SyncOptions, sync_user

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
) -> int:
    """Run until ``stop`` is set (or Ctrl+C); returns an exit code."""
    stop = stop or threading.Event()
    report = report or _print
    push_only = dataclasses.replace(options, pull=False, include_series=False)
    next_pull = {user.id: 0.0 for user in users}
    cycles = 0
    sessions = {user.id: GoogleSession(user, endpoints=endpoints, store=store) for user in users}
    try:
        while not stop.is_set():
            for user in users:
                now = time.monotonic()
                if now >= next_pull[user.id]:
                    chosen: SyncOptions | None = options
                    next_pull[user.id] = now + interval
                elif has_pending_edits(user):
                    chosen = push_only
                else:
                    chosen = None
                if chosen is not None:
                    _run(user, chosen, sessions[user.id], report)
            cycles += 1
            if max_cycles is not None and cycles >= max_cycles:
                break
            stop.wait(tick)
    except KeyboardInterrupt:
        pass
    finally:
        for session in sessions.values():
            session.close()
    return 0


def _run(
    user: User, options: SyncOptions, session: GoogleSession, report: Callable[[Summary], None]
) -> None:
    try:
        summary = sync_user(user, options, session=session)
    except SyncBusy as exc:
        log.info("%s", exc)
        return
    except GoogleConnectionError as exc:
        log.warning("Sync of %s failed: %s", user.login, exc)
        return
    report(summary)


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
