"""« Automatique »: push the CRM's action edits to Google in the background.

The queue is the CRM change journal itself: every write of an action is journalled by the
database in the same transaction, so an edit is persisted the moment it is saved and a crash
loses nothing (the next push, or the next sync, finds it). One row per action in the dirty
set coalesces many edits of one action into one write.

:class:`AutoPush` is what the GUI calls on add, edit, move, duplicate or delete of an action:
:meth:`AutoPush.notify` only wakes the worker. The worker waits until a user's edits have
been quiet for ``debounce`` seconds (a drag that saves ten times makes one push), then runs
a push-only sync for that user. Series actions are left to a manual sync.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from crmsync.crm.models import Action, SyncSettings, User
from crmsync.sync import journal
from crmsync.sync.eligibility import may_sync

log = logging.getLogger(__name__)

DEFAULT_DEBOUNCE = 2.0

#: ``push(user_id)`` runs a push-only sync of that user (in the worker's thread).
PushRunner = Callable[[int], object]


def pending_user_ids() -> list[int]:
    """Users with « Automatique » on whose edits are not pushed yet (for a push at start)."""
    wanted = []
    for settings in SyncSettings.select().where(SyncSettings.auto_push == True):  # noqa: E712
        user = settings.user
        if has_pending_edits(user):
            wanted.append(user.id)
    return wanted


def has_pending_edits(user: User) -> bool:
    """Whether the user has CRM edits no push has handled (reads the journal, not actions)."""
    if journal.dirty_ids(user):
        return True
    cursor = journal.crm_cursor(user)
    query = journal.ActionJournal.select().where(
        journal.ActionJournal.owner_id == user.id, journal.ActionJournal.origin.is_null()
    )
    if cursor is not None:
        query = query.where(journal.ActionJournal.id > cursor)
    return query.exists()


class AutoPush:
    """A debounced, coalescing background pusher, one worker thread for all users."""

    def __init__(
        self,
        push: PushRunner,
        *,
        debounce: float = DEFAULT_DEBOUNCE,
        clock: Callable[[], float] = time.monotonic,
        on_error: Callable[[int, Exception], None] | None = None,
        store: Any = None,
    ) -> None:
        self._push = push
        #: The secrets store the rule of who may sync looks in (None: the default one).
        self._store = store
        self.debounce = debounce
        self._clock = clock
        self._on_error = on_error
        self._due: dict[int, float] = {}
        self._cond = threading.Condition()
        self._stopping = False
        self._busy = False
        self._thread = threading.Thread(target=self._work, name="crmsync-autopush", daemon=True)
        self._thread.start()

    def notify(self, action: Action) -> None:
        """An action was added, edited, moved, duplicated or deleted (already saved)."""
        if action.series_id is not None:
            return  # series actions go with a manual sync
        settings = SyncSettings.get_or_none(SyncSettings.user == action.owner_id)
        if settings is None or not settings.auto_push:
            return
        if not may_sync(settings.user, store=self._store).allowed:
            return  # « Synchronisation active » off, not connected, or a red light
        self.schedule(action.owner_id)

    def schedule(self, user_id: int, delay: float | None = None) -> None:
        """Push this user's edits once they have been quiet for ``delay`` seconds."""
        with self._cond:
            self._due[user_id] = self._clock() + (self.debounce if delay is None else delay)
            self._cond.notify_all()

    def idle(self) -> bool:
        with self._cond:
            return not self._due and not self._busy

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until nothing is scheduled or running (for tests and for quitting)."""
        end = time.monotonic() + timeout
        with self._cond:
            while self._due or self._busy:
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    def stop(self, timeout: float = 10.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join(timeout)

    def _still_allowed(self, user_id: int) -> bool:
        """The rule again when the push is due: sync may have been switched off meanwhile
        (the edits stay journalled for a later sync)."""
        user = User.get_or_none(User.id == user_id)
        return user is not None and may_sync(user, store=self._store).allowed

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._stopping:
                    if self._due:
                        user_id, at = min(self._due.items(), key=lambda kv: kv[1])
                        wait = at - self._clock()
                        if wait <= 0:
                            del self._due[user_id]
                            self._busy = True
                            break
                        self._cond.wait(min(wait, 0.5))
                    else:
                        self._cond.wait(0.5)
                else:
                    return
            try:
                if self._still_allowed(user_id):
                    self._push(user_id)
            except Exception as exc:  # noqa: BLE001 - reported, and the edit stays queued
                log.warning("Automatic push of user %s failed: %s", user_id, exc)
                if self._on_error is not None:
                    self._on_error(user_id, exc)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
