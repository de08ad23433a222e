"""Syncs started from the GUI: one per user at a time, on the worker pool.

The wizard, the agenda's « Synchroniser » button, the pull at start, the automatic push and
the periodic poll all call :meth:`SyncRunner.start`. It refuses a second sync of a user
whose sync is running (the engine's database lock also holds across processes), and turns
the engine's callbacks into signals that reach the widgets on the GUI thread.

With a :class:`~crmsync.sync.host.SyncHost` (the app's), the worker thread only relays: the
engine runs in the helper process, so its CPU work never holds up the window. Without one
(tests of the runner itself), ``run`` — the engine by default — runs on the worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from crmsync.crm.models import User
from crmsync.gui.workers import TaskControl, TaskHandle, Workers
from crmsync.i18n import current_language
from crmsync.sync.engine import DeletionQuestion, Summary, SyncBusy, SyncOptions, sync_user
from crmsync.sync.host import SyncHost

log = logging.getLogger(__name__)

#: Why a sync runs; shown in the status bar and used to decide who is told of a failure.
MANUAL = "manual"
STARTUP = "startup"
AUTO_PUSH = "auto"
POLL = "poll"


class SyncRunner(QObject):
    """Starts engine runs on worker threads and reports them as GUI-thread signals."""

    started = Signal(int, str)  # user id, reason
    progress = Signal(int, object)  # user id, crmsync.google.pacing.Progress
    finished = Signal(int, str, object)  # user id, reason, Summary
    failed = Signal(int, str, str)  # user id, reason, message for the user
    #: user id, DeletionQuestion, answer(str | None): call answer("yes"|"no"|"all"|None)
    question = Signal(int, object, object)
    #: No sync is running any more.
    idle = Signal()

    def __init__(
        self,
        workers: Workers,
        run: Callable[..., Summary] = sync_user,
        parent: QObject | None = None,
        session_factory: Callable[[User], Any] | None = None,
        host: SyncHost | None = None,
    ) -> None:
        super().__init__(parent)
        self.workers = workers
        self._run = run
        #: Where runs go when set (then ``run`` and ``session_factory`` are not used).
        self.host = host
        #: ``session_factory(user)`` → a GoogleSession (the demo's endpoints and secrets
        #: store); None lets the engine open the default one.
        self.session_factory = session_factory
        self._handles: dict[int, TaskHandle] = {}

    def is_running(self, user_id: int) -> bool:
        return user_id in self._handles

    def running(self) -> list[int]:
        return list(self._handles)

    def start(
        self, user_id: int, options: SyncOptions | None = None, reason: str = MANUAL
    ) -> TaskHandle | None:
        """Start a sync of ``user_id``; None when one is already running for him."""
        if user_id in self._handles:
            return None
        options = options or SyncOptions()
        handle = self.workers.submit(
            f"sync:{user_id}",
            self.task(user_id, options),
            on_done=lambda summary: self._done(user_id, reason, summary),
            on_failed=lambda exc: self._failed(user_id, reason, exc),
            on_progress=lambda value: self.progress.emit(user_id, value),
            on_question=lambda value, answer: self.question.emit(user_id, value, answer),
        )
        self._handles[user_id] = handle
        self.started.emit(user_id, reason)
        return handle

    def task(
        self, user_id: int, options: SyncOptions, *, report: bool = True
    ) -> Callable[[TaskControl], Summary]:
        """The work of one run, for the workers: :meth:`start` submits it; the wizard's
        preview (a dry run, ``report=False``) submits it too, outside the one-per-user rule.

        Made on the GUI thread (the language is read here), run on a worker.
        """
        run = self._run
        factory = self.session_factory
        host = self.host
        language = current_language()

        def work(control: TaskControl) -> Summary:
            def ask(question: DeletionQuestion) -> str | None:
                answer = control.ask(question, default=None)
                return answer if isinstance(answer, str) else None

            extra: dict[str, Any] = {
                "progress": control.report if report else None,
                "ask": ask if options.deletions == "ask" and not options.dry_run else None,
                "cancelled": control.cancelled,
            }
            if host is not None:
                return host.run(user_id, replace(options), language=language, **extra)
            user = User.get_by_id(user_id)
            if factory is None:
                return run(user, replace(options), **extra)
            with factory(user) as session:
                return run(user, replace(options), session=session, **extra)

        return work

    def cancel(self, user_id: int | None = None) -> None:
        """Ask the sync of ``user_id`` (or every sync) to stop after its current batch."""
        for uid, handle in list(self._handles.items()):
            if user_id is None or uid == user_id:
                handle.cancel()

    def _done(self, user_id: int, reason: str, summary: Any) -> None:
        self._handles.pop(user_id, None)
        self.finished.emit(user_id, reason, summary)
        if not self._handles:
            self.idle.emit()

    def _failed(self, user_id: int, reason: str, exc: BaseException) -> None:
        self._handles.pop(user_id, None)
        if isinstance(exc, SyncBusy):
            message = exc.message(current_language())
        else:
            log.warning("sync of user %s failed: %s", user_id, exc.__class__.__name__)
            message = str(exc) or exc.__class__.__name__
        self.failed.emit(user_id, reason, message)
        if not self._handles:
            self.idle.emit()
