"""Syncs nobody clicks: the pull at start, the automatic push, the periodic poll.

- **Au démarrage**: when the window opens, a pull of the current user's agenda (Google →
  CRM) if his option is on and he is connected; Google's deletions are asked about in the
  :class:`~crmsync.gui.deletion_dialog.DeletionDialog`.
- **Automatique**: every action edited in the GUI (``AppContext.action_edited``) schedules a
  push-only sync of its owner, debounced so that a drag saving ten times makes one push.
  Series actions are left to a manual sync. Edits left unpushed by an earlier session are
  pushed at start.
- **Poll**: every ``sync.poll_minutes`` (Préférences dossier, default 5), an incremental
  pull of the current user (one ``events.list`` per calendar when nothing changed).

Each of them first asks the one rule of who may sync (« Synchronisation active » on, a
refresh token, a light that is not red: :mod:`crmsync.sync.eligibility`). Every run goes
through ``AppContext.syncs`` (one sync per user at a time), on the workers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from crmsync.crm.models import Action, FolderSettings, SyncSettings, User
from crmsync.gui import context as app_context
from crmsync.gui.context import AppContext
from crmsync.gui.deletion_dialog import DeletionDialog
from crmsync.gui.gc_guard import sync_responsiveness
from crmsync.gui.sync_runner import AUTO_PUSH, POLL, STARTUP, SyncRunner
from crmsync.i18n import current_language
from crmsync.sync.eligibility import may_sync
from crmsync.sync.engine import DeletionQuestion, Summary, SyncOptions, open_session, sync_user

log = logging.getLogger(__name__)

POLL_KEY = "sync.poll_minutes"
DEFAULT_POLL_MINUTES = 5
MAX_POLL_MINUTES = 24 * 60
# Quiet time after the last edit of a user before his push starts.
DEFAULT_DEBOUNCE_MS = 2000
# When the user's sync is busy, look again after this long.
RETRY_MS = 3000

STARTUP_OPTIONS = SyncOptions(push=False, deletions="ask")
POLL_OPTIONS = SyncOptions(push=False, deletions="ask")
PUSH_OPTIONS = SyncOptions(pull=False, include_series=False, deletions="keep")


class SyncFailure(Exception):
    """A sync could not run; the message is for the user, in the app's language."""


def localize_syncs(context: AppContext) -> None:
    """Make the context's syncs report a Google connection problem (never connected, access
    revoked, no keyring…) in the app's language, with what to do, rather than in English.

    The runner is the context's, rebuilt with the same session factory (the context's
    endpoints and secrets store); call this before anything connects to ``context.syncs``.
    """
    from crmsync.google.secrets import SecretStoreError
    from crmsync.google.session import GoogleConnectionError

    def session(user: User) -> Any:
        try:
            # a session that cannot open is a failed run: the engine writes it to the log
            return open_session(
                user,
                current_language(),
                endpoints=context.google_endpoints,
                store=context.secret_store,
            )
        except (GoogleConnectionError, SecretStoreError) as exc:
            raise SyncFailure(exc.said.full(current_language())) from exc

    def run(user: User, options: SyncOptions, **callbacks: Any) -> Summary:
        try:
            return sync_user(user, options, **callbacks)
        except GoogleConnectionError as exc:
            raise SyncFailure(exc.said.full(current_language())) from exc

    runner = SyncRunner(
        context.workers,
        run=run,
        parent=context,
        session_factory=session,
        host=context.sync_host,  # which says Google's problems in the language asked for
    )
    runner.finished.connect(
        lambda uid, _reason, _summary: context.changed.emit(app_context.ACTIONS, uid)
    )
    context.syncs = runner


def poll_minutes() -> int:
    """The folder's poll period in minutes (0: no poll)."""
    raw = FolderSettings.get_value(POLL_KEY)
    try:
        value = int(raw) if raw not in (None, "") else DEFAULT_POLL_MINUTES
    except ValueError:
        return DEFAULT_POLL_MINUTES
    return max(0, min(value, MAX_POLL_MINUTES))


def may_sync_now(context: AppContext, user_id: int) -> bool:
    """The one rule of who may sync (:func:`crmsync.sync.eligibility.may_sync`), with the
    app's secrets store."""
    user = User.get_or_none(User.id == user_id)
    return user is not None and may_sync(user, store=context.secret_store).allowed


class BackgroundSyncs(QObject):
    """Starts the syncs without asking, and asks about Google's deletions."""

    # (user id, reason): a sync was started by this object.
    launched = Signal(int, str)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.window = parent
        self.debounce_ms = debounce_ms
        self._push_timers: dict[int, QTimer] = {}
        self._dialogs: list[DeletionDialog] = []
        self.poll_timer = QTimer(self)
        self.poll_timer.timeout.connect(self.poll)
        # a 2500-action pull must not freeze the window (see gc_guard)
        sync_responsiveness(context)
        context.action_edited.connect(self.action_edited)
        context.syncs.question.connect(self.ask_deletion)
        context.changed.connect(self._changed)

    # --- start --------------------------------------------------------------------------

    def start(self) -> None:
        """At the window's opening: the pull « Au démarrage », unpushed edits, the poll."""
        self.pull_at_start()
        self.push_pending()
        self.apply_poll_period()

    def pull_at_start(self) -> bool:
        user = self.context.current_user
        settings = SyncSettings.get_or_none(SyncSettings.user == user)
        if settings is None or not settings.pull_on_startup:
            return False
        if not may_sync_now(self.context, user.id):
            return False
        return self._start(user.id, STARTUP_OPTIONS, STARTUP)

    def push_pending(self) -> None:
        """Push what an earlier session left unpushed, for the agendas this user may sync."""
        from crmsync.sync.autopush import pending_user_ids

        mine = {u.id for u in self.context.visible_users("agenda")}
        for user_id in pending_user_ids():
            if user_id in mine and may_sync_now(self.context, user_id):
                self.schedule_push(user_id)

    # --- automatic push -----------------------------------------------------------------

    def action_edited(self, action_id: int, owner_id: int) -> None:
        action = Action.get_or_none(Action.id == action_id)
        if action is not None and action.series_id is not None:
            return  # series actions go with a manual sync
        settings = SyncSettings.get_or_none(SyncSettings.user == owner_id)
        if settings is None or not settings.auto_push:
            return
        if not may_sync_now(self.context, owner_id):
            return
        self.schedule_push(owner_id)

    def schedule_push(self, user_id: int, delay_ms: int | None = None) -> None:
        timer = self._push_timers.get(user_id)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda uid=user_id: self._push_now(uid))
            self._push_timers[user_id] = timer
        timer.start(self.debounce_ms if delay_ms is None else delay_ms)

    def pushes_scheduled(self) -> list[int]:
        return [uid for uid, timer in self._push_timers.items() if timer.isActive()]

    def _push_now(self, user_id: int) -> None:
        if not may_sync_now(self.context, user_id):
            return  # switched off meanwhile: the edit stays journalled for a later sync
        if self.context.syncs.is_running(user_id):
            self.schedule_push(user_id, RETRY_MS)  # the edit is journalled: push it after
            return
        self._start(user_id, PUSH_OPTIONS, AUTO_PUSH)

    # --- poll ---------------------------------------------------------------------------

    def apply_poll_period(self) -> None:
        minutes = poll_minutes()
        if minutes <= 0:
            self.poll_timer.stop()
        else:
            self.poll_timer.start(minutes * 60_000)

    def poll(self) -> bool:
        user_id = self.context.current_user_id
        if self.context.syncs.is_running(user_id):
            return False
        if not may_sync_now(self.context, user_id):
            return False
        return self._start(user_id, POLL_OPTIONS, POLL)

    def _changed(self, what: str, _user_id: int) -> None:
        if what == app_context.SETTINGS:
            self.apply_poll_period()

    def _start(self, user_id: int, options: SyncOptions, reason: str) -> bool:
        handle = self.context.syncs.start(user_id, options, reason=reason)
        if handle is not None:
            self.launched.emit(user_id, reason)
        return handle is not None

    # --- deletions ----------------------------------------------------------------------

    def ask_deletion(
        self, user_id: int, question: DeletionQuestion, answer: Callable[[str | None], None]
    ) -> None:
        """Show the question without blocking the window; the worker waits for the answer.

        The sync wizard answers the questions of the runs it started itself."""
        if self._wizard_answers(user_id):
            return
        owner = User.get_or_none(User.id == user_id)
        dialog = DeletionDialog(question, owner.name if owner else "", self.window)
        self._dialogs.append(dialog)

        def done(_result: int) -> None:
            if dialog in self._dialogs:
                self._dialogs.remove(dialog)
            answer(dialog.answer)
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()

    @staticmethod
    def _wizard_answers(user_id: int) -> bool:
        for window in QApplication.topLevelWidgets():
            run_page = getattr(window, "run_page", None)
            if getattr(window, "answer_deletions_here", False) and user_id in getattr(
                run_page, "running", ()
            ):
                return True
        return False

    def open_questions(self) -> list[DeletionDialog]:
        return list(self._dialogs)

    def stop(self) -> None:
        self.poll_timer.stop()
        for timer in self._push_timers.values():
            timer.stop()
        for dialog in list(self._dialogs):
            dialog.reject()
