"""Syncs run in a helper process, so that the desktop app's window never waits for them.

Why a process and not only a thread: the engine is CPU work in Python (planning, JSON,
SQLite rows). On a worker thread of the app it shares the interpreter lock with the GUI
thread, and ``benchmarks/gui_responsiveness.py`` measured what that costs during a
2500-action sync: the window could not run for 20–30 ms at a time (99th percentile) and
sometimes for over 100 ms. In its own process the engine has its own interpreter; the app
only relays messages.

:class:`SyncHost` is the app's side, Qt-free. ``host.run(...)`` is called on a worker thread
and blocks it until the run ends, exactly like :func:`crmsync.sync.engine.sync_user`:

- the helper process is started on first use (``spawn``: the same on Windows, macOS and
  Linux), runs any number of syncs at once (one thread each; the engine's per-user lock
  still refuses a second sync of a user, across processes), and is stopped after
  ``idle_seconds`` with nothing to do, which gives its memory back to the system;
- the run's progress, its deletion questions (answered by the caller's ``ask`` and sent
  back) and its end travel over one pipe; ``cancelled()`` is relayed to the run, which
  stops after its current batch;
- a run's failure comes back as the engine's :class:`~crmsync.sync.engine.SyncBusy` or as
  :class:`SyncFailed`, whose message is for the user, in the language asked for;
- when the helper dies (killed, crashed), the runs waiting on it fail with
  :class:`HelperStopped`, a message saying what was done is kept — the engine is
  crash-safe — and the next run starts a new helper.

The helper opens the database the app has open (:func:`crmsync.crm.db.database_target`),
the same Google endpoints and the same secrets store; its environment is the app's.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import multiprocessing.connection
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from crmsync.google import pacing
from crmsync.sync.engine import AskDeletion, DeletionQuestion, Summary, SyncBusy, SyncOptions

log = logging.getLogger(__name__)

#: Seconds the helper waits with nothing to do before it is stopped.
IDLE_SECONDS = 180.0
#: Seconds a stopping helper is given to finish its runs' current batches.
STOP_SECONDS = 30.0
#: How often a waiting caller looks at ``cancelled()``.
POLL_SECONDS = 0.05

_STOPPED_TEXT = {
    "fr": "La synchronisation s'est arrêtée en cours de route : son processus s'est "
    "terminé ({code}). Ce qui était fait est gardé ; relancez-la pour finir.",
    "en": "The sync stopped part-way: its process ended ({code}). What was done is kept; "
    "start it again to finish.",
}
_START_FAILED_TEXT = {
    "fr": "La synchronisation n'a pas pu démarrer ({error}). Réessayez ; si cela se répète, "
    "redémarrez l'application.",
    "en": "The sync could not start ({error}). Try again; if it happens again, restart the "
    "application.",
}


class SyncFailed(Exception):
    """A hosted run failed; the message is for the user, in the language asked for."""


class HelperStopped(SyncFailed):
    """The helper process ended while the run was going on."""


@dataclass(frozen=True)
class _Config:
    """What the helper needs to open what the app has open."""

    database: str | Path
    endpoints: Any
    store: Any  # a picklable secrets store, "keyring", or None for the default
    log_level: int


@dataclass(frozen=True)
class _Job:
    user_id: int
    options: SyncOptions
    language: str
    ask: bool


def _portable_store(store: Any) -> Any:
    from crmsync.google.secrets import KeyringStore

    if isinstance(store, KeyringStore):
        return "keyring"  # the helper opens the OS keyring itself
    return store


def _open_store(spec: Any) -> Any:
    from crmsync.google.secrets import KeyringStore, open_secret_store

    if spec == "keyring":
        return KeyringStore()
    return spec if spec is not None else open_secret_store()


class SyncHost:
    """The app's side of the helper process (see the module's docstring)."""

    def __init__(
        self,
        *,
        database: str | Path | None = None,
        endpoints: Any = None,
        store: Any = None,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        from crmsync.crm import db as crm_db

        target = database if database is not None else crm_db.database_target()
        if target is None or str(target) == ":memory:":
            raise ValueError("a helper process needs a database it can open: a file or a URL")
        self.config = _Config(
            database=target,
            endpoints=endpoints,
            store=_portable_store(store),
            log_level=logging.getLogger().getEffectiveLevel(),
        )
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self._generation = 0
        self._ids = itertools.count(1)
        #: job id → (generation of its helper, its message queue)
        self._jobs: dict[int, tuple[int, queue.Queue[tuple[Any, ...]]]] = {}
        self._idle_timer: threading.Timer | None = None
        #: Helpers started so far (tests and benchmarks read it).
        self.started = 0

    # --- the caller's side ------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        """The running helper's process id, if one runs."""
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def run(
        self,
        user_id: int,
        options: SyncOptions,
        *,
        progress: Callable[[pacing.Progress], None] | None = None,
        ask: AskDeletion | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        language: str = "fr",
    ) -> Summary:
        """Run one sync in the helper and wait for it (call it off the GUI thread)."""
        messages: queue.Queue[tuple[Any, ...]] = queue.Queue()
        with self._lock:
            self._stop_idle_timer()
            generation = self._ensure_started(language)
            job_id = next(self._ids)
            self._jobs[job_id] = (generation, messages)
        try:
            job = _Job(user_id, options, language, ask is not None)
            self._send(("run", job_id, job), language)
            return self._wait(job_id, messages, progress, ask, cancelled)
        finally:
            with self._lock:
                self._jobs.pop(job_id, None)
                if not self._jobs:
                    self._start_idle_timer()

    def warm(self, language: str = "fr") -> None:
        """Start the helper now, if none runs, so that a run about to come (the wizard is
        open) does not wait for its start; it stops again after ``idle_seconds`` unused.
        Blocks for the process's launch: call it off the GUI thread."""
        with self._lock:
            self._stop_idle_timer()
            self._ensure_started(language)
            if not self._jobs:
                self._start_idle_timer()

    def close(self, timeout: float = STOP_SECONDS) -> None:
        """Stop the helper: its runs stop after their current batch; killed after
        ``timeout`` seconds if it has not left by then."""
        with self._lock:
            self._stop_idle_timer()
            process = self._detach()
        if process is not None:
            _reap(process, timeout)

    # --- inside -----------------------------------------------------------------------

    def _wait(
        self,
        job_id: int,
        messages: queue.Queue[tuple[Any, ...]],
        progress: Callable[[pacing.Progress], None] | None,
        ask: AskDeletion | None,
        cancelled: Callable[[], bool],
    ) -> Summary:
        cancel_sent = False
        while True:
            if not cancel_sent and cancelled():
                cancel_sent = True
                self._send_quietly(("cancel", job_id))
            try:
                message = messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            kind = message[0]
            if kind == "progress":
                if progress is not None:
                    _, _, total, done, elapsed = message
                    shown = pacing.Progress(total=total, done=done)
                    shown.started_at = time.monotonic() - elapsed
                    progress(shown)
            elif kind == "ask":
                question: DeletionQuestion = message[2]
                answer = ask(question) if ask is not None else None
                self._send_quietly(("answer", job_id, answer))
            elif kind == "done":
                summary: Summary = message[2]
                return summary
            elif kind == "failed":
                _, _, what, text, *login = message
                raise SyncBusy(login[0], text) if what == "busy" and login else SyncFailed(text)
            elif kind == "stopped":
                raise HelperStopped(message[2])

    def _ensure_started(self, language: str) -> int:
        """The current helper's generation, starting one if none runs (lock held)."""
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._generation
        self._detach()
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=_helper_main, args=(theirs, self.config), name="crmsync-sync", daemon=True
        )
        try:
            process.start()
        except Exception as exc:  # noqa: BLE001 - no process, told to the user
            ours.close()
            theirs.close()
            error = f"{type(exc).__name__}: {exc}"
            raise SyncFailed(_text(_START_FAILED_TEXT, language, error=error)) from exc
        theirs.close()  # the helper's end lives in the helper: its exit gives us EOF
        self._generation += 1
        self._process = process
        self._conn = ours
        self.started += 1
        reader = threading.Thread(
            target=self._read,
            args=(ours, process, self._generation, language),
            name="crmsync-sync-reader",
            daemon=True,
        )
        reader.start()
        log.info("sync helper process %s started", process.pid)
        return self._generation

    def _read(self, conn: Connection, process: Any, generation: int, language: str) -> None:
        """Hand each message of the helper to its run; when the helper ends, fail its runs."""
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                break
            except Exception:  # noqa: BLE001 - an unreadable message: the helper is unusable
                log.warning("unreadable message from the sync helper", exc_info=True)
                break
            with self._lock:
                found = self._jobs.get(message[1])
            if found is not None:
                found[1].put(message)
        process.join(STOP_SECONDS)
        code = process.exitcode
        with self._lock:
            if self._generation == generation and self._process is process:
                self._process = None
                self._conn = None
            orphans = [q for gen, q in self._jobs.values() if gen == generation]
        with contextlib.suppress(OSError):
            conn.close()
        if orphans:
            log.warning("the sync helper ended with runs going on (exit code %s)", code)
            text = _text(_STOPPED_TEXT, language, code=_describe_exit(code))
            for messages in orphans:
                messages.put(("stopped", 0, text))

    def _send(self, message: tuple[Any, ...], language: str) -> None:
        with self._lock:
            conn = self._conn
            try:
                if conn is None:
                    raise OSError("not running")
                conn.send(message)
            except (OSError, ValueError) as exc:
                # the helper is gone between its start and this run's first message
                raise HelperStopped(_text(_STOPPED_TEXT, language, code=str(exc))) from exc

    def _send_quietly(self, message: tuple[Any, ...]) -> None:
        with self._lock:
            conn = self._conn
            if conn is None:
                return
            try:
                conn.send(message)
            except (OSError, ValueError):
                log.debug("the sync helper is gone; message dropped")

    def _detach(self) -> Any:
        """Tell the helper to stop and forget it (lock held); returns its process."""
        process, conn = self._process, self._conn
        self._process = None
        self._conn = None
        if conn is not None:
            with contextlib.suppress(OSError, ValueError):
                conn.send(("stop",))
        return process

    def _start_idle_timer(self) -> None:
        if self._process is None:
            return
        timer = threading.Timer(self.idle_seconds, self._idle, args=(self._generation,))
        timer.daemon = True
        self._idle_timer = timer
        timer.start()

    def _stop_idle_timer(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None

    def _idle(self, generation: int) -> None:
        with self._lock:
            if self._jobs or generation != self._generation:
                return
            self._idle_timer = None
            self._detach()  # its reader thread reaps it
        log.info("sync helper stopped after %.0f s with nothing to do", self.idle_seconds)


def _reap(process: Any, timeout: float) -> None:
    """Wait ``timeout`` seconds for the helper to end, then end it.

    Its end is read on its sentinel: the reader thread joins the process, and two joins
    race for its exit status (the one that lost saw an ended helper as running, warned,
    and signalled a pid the system may have given to another process since).
    """
    if not multiprocessing.connection.wait([process.sentinel], timeout):
        log.warning("the sync helper did not stop in %.0f s; ending it", timeout)
        process.terminate()  # the engine is crash-safe: a run cut here resumes next time
        multiprocessing.connection.wait([process.sentinel], 5)


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "?"
    return f"code {code}" if code >= 0 else f"signal {-code}"


def _text(table: dict[str, str], language: str, **values: str) -> str:
    return table.get(language, table["en"]).format(**values)


# --- the helper process -----------------------------------------------------------------


class _ChildRun:
    def __init__(self) -> None:
        self.cancel = threading.Event()
        self.answers: queue.Queue[Any] = queue.Queue()
        self.thread: threading.Thread | None = None


def _helper_main(conn: Connection, config: _Config) -> None:
    """The helper process: open what the app has open, then run what it is sent."""
    from crmsync import logsetup
    from crmsync.crm import db as crm_db

    logsetup.configure()
    logging.getLogger().setLevel(config.log_level)
    crm_db.open_database(config.database, create=False)
    store = _open_store(config.store)
    runs: dict[int, _ChildRun] = {}
    runs_lock = threading.Lock()
    send_lock = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        with send_lock:
            try:
                conn.send(message)
            except (OSError, ValueError):
                log.debug("the app is gone; message dropped")

    def finished(job_id: int) -> None:
        with runs_lock:
            runs.pop(job_id, None)

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break  # the app is gone: stop the runs after their batch
        kind = message[0]
        if kind == "stop":
            break
        with runs_lock:
            run = runs.get(message[1]) if len(message) > 1 else None
        if kind == "run":
            job_id, job = message[1], message[2]
            run = _ChildRun()
            thread = threading.Thread(
                target=_run_job,
                args=(job_id, job, run, config, store, send, finished),
                name=f"crmsync-sync-{job.user_id}",
                daemon=True,
            )
            run.thread = thread
            with runs_lock:
                runs[job_id] = run
            thread.start()
        elif kind == "answer" and run is not None:
            run.answers.put(message[2])
        elif kind == "cancel" and run is not None:
            run.cancel.set()
    with runs_lock:
        left = list(runs.values())
    for run in left:
        run.cancel.set()
    deadline = time.monotonic() + STOP_SECONDS
    for run in left:
        if run.thread is not None:
            run.thread.join(max(0.0, deadline - time.monotonic()))
    crm_db.close_database()
    conn.close()


def _run_job(
    job_id: int,
    job: _Job,
    run: _ChildRun,
    config: _Config,
    store: Any,
    send: Callable[[tuple[Any, ...]], None],
    finished: Callable[[int], None],
) -> None:
    from crmsync.crm import db as crm_db
    from crmsync.crm.models import User
    from crmsync.google.secrets import SecretStoreError
    from crmsync.google.session import GoogleConnectionError
    from crmsync.sync.engine import failure_message, open_session, sync_user

    def progress(value: pacing.Progress) -> None:
        send(("progress", job_id, value.total, value.done, value.elapsed()))

    def ask(question: DeletionQuestion) -> str | None:
        send(("ask", job_id, question))
        while True:
            try:
                answer = run.answers.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if run.cancel.is_set():
                    return None
                continue
            return answer if isinstance(answer, str) else None

    user = None
    try:
        user = User.get_or_none(User.id == job.user_id)
        if user is None:
            send(("failed", job_id, "error", f"user {job.user_id} not found"))
            return
        session = open_session(user, job.language, endpoints=config.endpoints, store=store)
        with session:
            summary = sync_user(
                user,
                job.options
                if job.options.language
                else replace(job.options, language=job.language),
                session=session,
                progress=progress,
                ask=ask if job.ask else None,
                cancelled=run.cancel.is_set,
            )
        send(("done", job_id, summary))
    except SyncBusy as exc:
        send(("failed", job_id, "busy", exc.message(job.language), exc.login))
    except (GoogleConnectionError, SecretStoreError) as exc:
        send(("failed", job_id, "google", exc.said.full(job.language)))
    except Exception as exc:  # noqa: BLE001 - every failure reaches the app
        log.warning("sync of user %s failed", job.user_id, exc_info=True)
        login = user.login if user is not None else str(job.user_id)
        send(("failed", job_id, "error", failure_message(exc, login, job.language)))
    finally:
        finished(job_id)
        crm_db.close_thread_connection()
