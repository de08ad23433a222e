"""The one place that runs work off the GUI thread.

Every slow call of the GUI (a sync, the OAuth flow, a diagnostic, a calendar listing) goes
through :class:`Workers`. A task runs on a ``QThreadPool`` thread; what it reports reaches
the GUI through the signals of a :class:`TaskSignals` object created on the GUI thread, so
Qt queues every emission and the slots run on the GUI thread only — widgets are never
touched from a worker.

A task function receives a :class:`TaskControl`: ``control.report(value)`` sends progress,
``control.cancelled()`` tells whether the user asked to stop, and ``control.ask(value)``
blocks the worker until the GUI answers (the deletion questions of a sync).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Emitted from the worker thread, delivered on the GUI thread (queued)."""

    progress = Signal(object)
    #: A question for the GUI; the slot answers with ``control.answer(value)``.
    question = Signal(object, object)
    done = Signal(object)
    failed = Signal(object)
    #: After ``done`` or ``failed``, whatever happened.
    finished = Signal()


class TaskControl:
    """What a running task may do: report, check for cancellation, ask and wait."""

    def __init__(self, signals: TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, value: Any) -> None:
        self._signals.progress.emit(value)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def ask(self, value: Any, default: Any = None) -> Any:
        """Block the worker until a slot of ``question`` calls the given answer function.

        With nobody connected, or once the task is cancelled, ``default`` is the answer.
        """
        answered = threading.Event()
        box: list[Any] = [default]

        def answer(result: Any) -> None:
            box[0] = result
            answered.set()

        self._signals.question.emit(value, answer)
        while not answered.wait(0.1):
            if self._cancel.is_set():
                return default
        return box[0]


class TaskHandle:
    """A submitted task, for cancelling it and connecting to its signals."""

    def __init__(self, name: str, signals: TaskSignals, control: TaskControl) -> None:
        self.name = name
        self.signals = signals
        self.control = control
        self.running = True
        signals.finished.connect(self._finished)

    def _finished(self) -> None:
        self.running = False

    def cancel(self) -> None:
        self.control.cancel()


class _Runnable(QRunnable):
    def __init__(
        self, function: Callable[[TaskControl], Any], signals: TaskSignals, control: TaskControl
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._function = function
        self._signals = signals
        self._control = control

    def run(self) -> None:
        try:
            result = self._function(self._control)
        except BaseException as exc:  # reported to the GUI, never lost in a thread
            log.debug("background task failed", exc_info=True)
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)
        finally:
            self._signals.finished.emit()
            _close_thread_connection()


def _close_thread_connection() -> None:
    """Close the store connection peewee opened for this pool thread, if any."""
    from crmsync.crm import db as store

    try:
        store.close_thread_connection()
    except Exception:  # noqa: BLE001 - a closing failure must not hide the task's result
        log.debug("closing a worker's connection failed", exc_info=True)


class Workers(QObject):
    """Runs tasks on a thread pool; create it (and submit) on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._handles: set[TaskHandle] = set()

    def submit(
        self,
        name: str,
        function: Callable[[TaskControl], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        on_question: Callable[[Any, Callable[[Any], None]], None] | None = None,
    ) -> TaskHandle:
        signals = TaskSignals()  # created here, on the GUI thread: emissions are queued
        control = TaskControl(signals)
        handle = TaskHandle(name, signals, control)
        if on_done is not None:
            signals.done.connect(on_done)
        if on_failed is not None:
            signals.failed.connect(on_failed)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        if on_question is not None:
            signals.question.connect(on_question)
        self._handles.add(handle)
        signals.finished.connect(lambda: self._handles.discard(handle))
        self.pool.start(_Runnable(function, signals, control))
        return handle

    def running(self) -> list[TaskHandle]:
        return [h for h in self._handles if h.running]

    def cancel_all(self) -> None:
        for handle in list(self._handles):
            handle.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for every task (at exit, after :meth:`cancel_all`)."""
        return bool(self.pool.waitForDone(msecs))
