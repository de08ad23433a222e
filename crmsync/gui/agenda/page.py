"""The agenda page: the week view of the users chosen, its navigation, its edits, its sync.

Self-contained: it needs only an :class:`~crmsync.gui.context.AppContext`. Every write is
followed by ``context.action_edited`` (the automatic push listens) and
``context.changed("actions", owner)`` (every view reloads).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any

import peewee
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crmsync.crm.models import Action, User, ValidationError
from crmsync.gui.agenda import layout, store
from crmsync.gui.agenda.action_dialog import ActionDialog
from crmsync.gui.agenda.week_view import WeekView, display_locale
from crmsync.gui.context import ACTIONS, SETTINGS, USERS, AppContext
from crmsync.gui.status_light import interface_language
from crmsync.gui.sync_runner import MANUAL
from crmsync.sync import eligibility
from crmsync.sync.eligibility import may_sync
from crmsync.sync.engine import SyncOptions

log = logging.getLogger(__name__)

# How long an information message stays above the week, in milliseconds.
MESSAGE_MSECS = 10_000


class AgendaPage(QWidget):
    """The week of one or several users, with « Synchroniser »."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.zone = context.current_user.zone
        self.monday = layout.monday_of(dt.datetime.now(self.zone).date())
        self.shown_ids: list[int] = [context.current_user_id]
        self.user_actions: dict[int, QAction] = {}
        self.dialog: ActionDialog | None = None
        self.confirmation: QMessageBox | None = None
        # Users whose sync this page started and has not seen end.
        self.syncing: set[int] = set()
        self._progress: dict[int, tuple[int, int]] = {}
        self._writing = False
        self._build()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message.hide)
        context.changed.connect(self._store_changed)
        context.syncs.progress.connect(self._sync_progress)
        context.syncs.finished.connect(self._sync_finished)
        context.syncs.failed.connect(self._sync_failed)
        self._fill_users()
        self.reload()

    # building ----------------------------------------------------------------------------

    def _build(self) -> None:
        style = self.style()
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.previous_button = QToolButton()
        self.previous_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.previous_button.setToolTip(self.tr("Semaine précédente"))
        self.previous_button.setAutoRaise(True)
        self.previous_button.clicked.connect(lambda: self.go_to(self.monday - dt.timedelta(days=7)))
        self.today_button = QPushButton(self.tr("Aujourd'hui"))
        self.today_button.clicked.connect(self.go_to_today)
        self.next_button = QToolButton()
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_button.setToolTip(self.tr("Semaine suivante"))
        self.next_button.setAutoRaise(True)
        self.next_button.clicked.connect(lambda: self.go_to(self.monday + dt.timedelta(days=7)))
        for key, button in (
            (Qt.Key.Key_Left, self.previous_button),
            (Qt.Key.Key_Right, self.next_button),
        ):
            shortcut = QShortcut(QKeySequence(Qt.KeyboardModifier.AltModifier | key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
            button.setToolTip(
                f"{button.toolTip()} ({shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        self.date_picker = QDateEdit()
        self.date_picker.setCalendarPopup(True)
        self.date_picker.setDisplayFormat("dd/MM/yyyy")
        self.date_picker.setToolTip(self.tr("Aller à la semaine d'une date"))
        self.date_picker.calendarWidget().setLocale(display_locale())
        self.date_picker.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.date_picker.dateChanged.connect(self._picked)
        self.week_label = QLabel()
        font = self.week_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.week_label.setFont(font)
        # A push button: its menu arrow has room of its own (a tool button's is drawn over
        # the end of its text).
        self.users_button = QPushButton()
        self.users_button.setToolTip(self.tr("Agendas affichés côte à côte"))
        self.users_menu = QMenu(self)
        self.users_button.setMenu(self.users_menu)
        self.sync_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), self.tr("Synchroniser")
        )
        self.sync_button.setToolTip(self.tr("Synchroniser avec Google les agendas affichés"))
        self.sync_button.clicked.connect(self.synchronise)
        self.sync_progress = QProgressBar()
        self.sync_progress.setMaximumWidth(160)
        self.sync_progress.setTextVisible(True)
        self.sync_progress.hide()
        for widget in (
            self.previous_button,
            self.today_button,
            self.next_button,
            self.date_picker,
        ):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.week_label)
        bar.addStretch(1)
        bar.addWidget(self.users_button)
        bar.addWidget(self.sync_progress)
        bar.addWidget(self.sync_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.view = WeekView(self)
        self.view.create_requested.connect(self.create_at)
        self.view.open_requested.connect(self.open_action)
        self.view.move_requested.connect(self.move_action)
        self.view.shift_days_requested.connect(self.shift_action)
        self.view.duplicate_requested.connect(self.duplicate_action)
        self.view.delete_requested.connect(self.delete_actions)
        self.view.refused.connect(lambda text: self.show_message(text, warning=True))
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.setSpacing(6)
        box.addLayout(bar)
        box.addWidget(self.message)
        box.addWidget(self.view, 1)

    def _fill_users(self) -> None:
        users = self.context.visible_users("agenda")
        known = {u.id for u in users}
        self.shown_ids = [uid for uid in self.shown_ids if uid in known] or [users[0].id]
        self.users_menu.clear()
        self.user_actions = {}
        for user in users:
            action = self.users_menu.addAction(str(user))
            action.setCheckable(True)
            action.setChecked(user.id in self.shown_ids)
            action.toggled.connect(lambda on, uid=user.id: self._toggle_user(uid, on))
            self.user_actions[user.id] = action
        self.users_button.setEnabled(len(users) > 1)
        self._label_users()

    def _label_users(self) -> None:
        names = [a.text() for uid, a in self.user_actions.items() if uid in self.shown_ids]
        text = ", ".join(names) if len(names) <= 3 else self.tr("%d agendas") % len(names)
        self.users_button.setText(self.tr("Agendas : %s") % text)

    # what is shown -----------------------------------------------------------------------

    def shown_users(self) -> list[User]:
        order = [uid for uid in self.user_actions if uid in self.shown_ids]
        by_id = {u.id: u for u in User.select().where(User.id.in_(order))}
        return [by_id[uid] for uid in order if uid in by_id]

    def set_shown_users(self, user_ids: Sequence[int]) -> None:
        """Show these users' agendas side by side (those the current user may see)."""
        wanted = [uid for uid in user_ids if uid in self.user_actions]
        self.shown_ids = wanted or [self.context.current_user_id]
        for uid, action in self.user_actions.items():
            action.blockSignals(True)
            action.setChecked(uid in self.shown_ids)
            action.blockSignals(False)
        self._label_users()
        self.reload()

    def _toggle_user(self, uid: int, on: bool) -> None:
        ids = [u for u in self.shown_ids if u != uid] + ([uid] if on else [])
        if not ids:  # at least one agenda stays shown
            self.user_actions[uid].setChecked(True)
            return
        self.set_shown_users(ids)

    def go_to(self, day: dt.date) -> None:
        self.monday = layout.monday_of(day)
        self.reload()

    def go_to_today(self) -> None:
        self.go_to(dt.datetime.now(self.zone).date())

    def _picked(self, value: QDate) -> None:
        day = dt.date(value.year(), value.month(), value.day())
        if layout.monday_of(day) != self.monday:
            self.go_to(day)

    def reload(self) -> None:
        """Read the week again: one query per user shown."""
        self._reload_timer.stop()
        users = self.shown_users()
        items = store.load_week(users, self.monday, self.zone)
        self.view.show_week(self.monday, self.zone, [(u.id, str(u)) for u in users], items)
        sunday = self.monday + dt.timedelta(days=6)
        locale = display_locale()
        first = QDate(self.monday.year, self.monday.month, self.monday.day)
        last = QDate(sunday.year, sunday.month, sunday.day)
        pattern = "d MMMM" if self.monday.year == sunday.year else "d MMMM yyyy"
        self.week_label.setText(
            self.tr("Semaine %d — du %s au %s")
            % (
                self.monday.isocalendar()[1],
                locale.toString(first, pattern),
                locale.toString(last, "d MMMM yyyy"),
            )
        )
        self.date_picker.blockSignals(True)
        self.date_picker.setDate(first)
        self.date_picker.blockSignals(False)

    def _store_changed(self, what: str, user_id: int) -> None:
        if what == USERS:
            self._fill_users()
        if self._writing or what not in (ACTIONS, USERS, SETTINGS):
            return
        if user_id == 0 or user_id in self.shown_ids or what == USERS:
            self._reload_timer.start()

    # messages ----------------------------------------------------------------------------

    def show_message(self, text: str, *, warning: bool = False) -> None:
        colour = "#8a1c1c" if warning else "#1f4e79"
        back = "#fdecea" if warning else "#e8f1fb"
        self.message.setStyleSheet(
            f"QLabel {{ color: {colour}; background: {back}; border-radius: 4px; padding: 5px; }}"
        )
        self.message.setText(text)
        self.message.show()
        self._message_timer.start(MESSAGE_MSECS)

    # edits -------------------------------------------------------------------------------

    def _editable(self, action: Action) -> bool:
        """May the current user change ``action``? Tell him why not when he may not."""
        if not store.may_edit(self.context.current_user, action):
            self.show_message(
                self.tr("Vous n'avez pas le droit Agenda sur %s : l'action ne peut être modifiée.")
                % User.get_by_id(action.owner_id),
                warning=True,
            )
            return False
        if store.is_read_only(action):
            self.show_message(
                self.tr(
                    "« %s » est une invitation reçue sur Google : seul son organisateur peut "
                    "la modifier."
                )
                % (action.title or self.tr("(sans titre)")),
                warning=True,
            )
            return False
        return True

    def _write(self, action_ids: Sequence[int], write: Callable[[], Any]) -> Any:
        """Run a store write, then tell the rest of the app; a refusal is shown, not raised."""
        self._writing = True
        try:
            result = write()
        except (ValidationError, ValueError) as exc:
            self.show_message(self.tr("Modification refusée : %s") % exc, warning=True)
            return None
        except peewee.DatabaseError as exc:
            log.warning("agenda write failed: %s", exc)
            self.show_message(
                self.tr("La base de données a refusé la modification : %s") % exc, warning=True
            )
            return None
        finally:
            self._writing = False
        owners: set[int] = set()
        for action in Action.select(Action.id, Action.owner).where(Action.id.in_(list(action_ids))):
            self.context.action_edited.emit(action.id, action.owner_id)
            owners.add(action.owner_id)
        self._writing = True
        try:
            for owner in sorted(owners):
                self.context.changed.emit(ACTIONS, owner)
        finally:
            self._writing = False
        self.reload()
        return result

    def _action(self, action_id: int) -> Action | None:
        action = Action.get_or_none(Action.id == action_id)
        if action is None or action.is_deleted:
            self.show_message(self.tr("Cette action n'existe plus."), warning=True)
            self.reload()
            return None
        return action

    def move_action(self, action_id: int, start: dt.datetime, end: dt.datetime) -> None:
        action = self._action(action_id)
        if action is None or action.all_day or not self._editable(action):
            return
        self._write([action_id], lambda: store.move(action, start, end))

    def shift_action(self, action_id: int, days: int) -> None:
        action = self._action(action_id)
        if action is None or not self._editable(action):
            return
        self._write([action_id], lambda: store.move_days(action, days))

    def duplicate_action(self, action_id: int) -> None:
        action = self._action(action_id)
        if action is None or not store.may_edit(self.context.current_user, action):
            return
        made: list[Action] = []
        self._writing = True
        try:
            made.append(store.duplicate(action))
        except (ValidationError, ValueError, peewee.DatabaseError) as exc:
            self.show_message(self.tr("Duplication refusée : %s") % exc, warning=True)
            return
        finally:
            self._writing = False
        self._write([made[0].id], lambda: None)
        self.view.select([made[0].id])
        self.show_message(self.tr("Action dupliquée : faites-la glisser vers son nouveau créneau."))

    def delete_actions(self, action_ids: Sequence[int]) -> None:
        actions = [
            a
            for a in (Action.get_or_none(Action.id == i) for i in action_ids)
            if a and not a.is_deleted
        ]
        if not actions:
            return
        allowed = [a for a in actions if self._editable(a)]
        if not allowed:
            return
        if len(allowed) == 1:
            question = self.tr("Supprimer l'action « %s » ?") % (
                allowed[0].title or self.tr("(sans titre)")
            )
        else:
            question = self.tr("Supprimer les %d actions sélectionnées ?") % len(allowed)
        details = []
        if any(a.series_id for a in allowed):
            details.append(self.tr("Seule cette occurrence de la série est supprimée."))
        details.append(
            self.tr(
                "L'événement Google correspondant sera supprimé à la prochaine synchronisation."
            )
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Supprimer"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText("\n".join(details))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Supprimer"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Annuler"))
        self.confirmation = box
        try:
            answer = box.exec()
        finally:
            self.confirmation = None
        if answer != QMessageBox.StandardButton.Yes:
            return

        def delete_all() -> None:
            for action in allowed:
                store.delete(action)

        self._write([a.id for a in allowed], delete_all)
        self.view.select([])

    # dialog ------------------------------------------------------------------------------

    def create_at(
        self, owner_id: int, day: dt.date, start: dt.datetime | None, end: dt.datetime | None
    ) -> None:
        owner = User.get_by_id(owner_id)
        if not store.may_edit(self.context.current_user, Action(owner=owner)):
            return
        self._open_dialog(
            ActionDialog(
                self.context,
                owner_id=owner_id,
                day=day,
                start=start,
                end=end,
                zone=self.zone,
                parent=self,
            )
        )

    def open_action(self, action_id: int) -> None:
        action = self._action(action_id)
        if action is None:
            return
        read_only = not store.may_edit(self.context.current_user, action) or store.is_read_only(
            action
        )
        self._open_dialog(
            ActionDialog(self.context, action, zone=self.zone, read_only=read_only, parent=self)
        )

    def _open_dialog(self, dialog: ActionDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: ActionDialog) -> None:
        if dialog.saved_ids:
            self.reload()
            self.view.select(dialog.saved_ids[:1])
        if self.dialog is dialog:
            self.dialog = None

    # sync --------------------------------------------------------------------------------

    def synchronise(self) -> None:
        """Start a sync of every shown user the one rule of who may sync lets sync
        (:mod:`crmsync.sync.eligibility`); say why for the others."""
        started, busy, not_connected, refused = [], [], [], []
        for user in self.shown_users():
            verdict = may_sync(user, store=self.context.secret_store)
            if verdict.refusal == eligibility.NOT_CONNECTED:
                not_connected.append(str(user))
                continue
            if not verdict.allowed:
                refused.append(f"{user} ({verdict.reason(interface_language())})")
                continue
            if self.context.syncs.is_running(user.id):
                busy.append(str(user))
                continue
            handle = self.context.syncs.start(user.id, SyncOptions(), reason=MANUAL)
            if handle is None:
                busy.append(str(user))
                continue
            self.syncing.add(user.id)
            self._progress[user.id] = (0, 0)
            started.append(str(user))
        parts = []
        if started:
            parts.append(self.tr("Synchronisation lancée : %s.") % ", ".join(started))
        if busy:
            parts.append(self.tr("Déjà en cours de synchronisation : %s.") % ", ".join(busy))
        if not_connected:
            parts.append(
                self.tr(
                    "Non connecté à Google : %s (Préférences utilisateur → Synchronisation → "
                    "Connexion)."
                )
                % ", ".join(not_connected)
            )
        if refused:
            parts.append(self.tr("Pas de synchronisation pour %s.") % ", ".join(refused))
        self.show_message(" ".join(parts), warning=not started)
        self._show_progress()

    def _show_progress(self) -> None:
        if not self.syncing:
            self.sync_progress.hide()
            self.sync_button.setEnabled(True)
            return
        done = sum(d for d, _t in self._progress.values())
        total = sum(t for _d, t in self._progress.values())
        self.sync_progress.show()
        if total:
            self.sync_progress.setRange(0, total)
            self.sync_progress.setValue(min(done, total))
            self.sync_progress.setFormat(self.tr("%v / %m"))
        else:
            self.sync_progress.setRange(0, 0)  # busy until the engine knows how much there is
        self.sync_button.setEnabled(False)

    def _sync_progress(self, user_id: int, progress: Any) -> None:
        if user_id not in self.syncing:
            return
        self._progress[user_id] = (
            int(getattr(progress, "done", 0)),
            int(getattr(progress, "total", 0)),
        )
        self._show_progress()

    def _sync_finished(self, user_id: int, _reason: str, summary: Any) -> None:
        if user_id not in self.syncing:
            return
        self.syncing.discard(user_id)
        self._progress.pop(user_id, None)
        self._show_progress()
        self.show_message(
            self._summary_text(user_id, summary), warning=bool(getattr(summary, "errors", None))
        )
        self.reload()

    def _sync_failed(self, user_id: int, _reason: str, message: str) -> None:
        if user_id not in self.syncing:
            return
        self.syncing.discard(user_id)
        self._progress.pop(user_id, None)
        self._show_progress()
        user = User.get_or_none(User.id == user_id)
        self.show_message(
            self.tr("La synchronisation de %s a échoué : %s") % (user, message), warning=True
        )

    def _summary_text(self, user_id: int, summary: Any) -> str:
        user = User.get_or_none(User.id == user_id)

        def both(name: str) -> int:
            counts = getattr(summary, name, {}) or {}
            return int(counts.get("crm", 0)) + int(counts.get("google", 0))

        text = self.tr(
            "Synchronisation de %s terminée : %d créée(s), %d modifiée(s), %d supprimée(s)."
        ) % (
            user,
            both("created"),
            both("updated"),
            both("deleted"),
        )
        if getattr(summary, "conflicts", 0):
            text += " " + self.tr("%d conflit(s) résolu(s).") % summary.conflicts
        if getattr(summary, "skipped_by_cap", None):
            text += " " + self.tr("%d action(s) hors plafond, non synchronisée(s).") % len(
                summary.skipped_by_cap
            )
        if getattr(summary, "pending_deletions", 0):
            text += (
                " "
                + self.tr("%d suppression(s) en attente de confirmation.")
                % summary.pending_deletions
            )
        if getattr(summary, "errors", None):
            text += " " + self.tr("Erreurs : %s") % "; ".join(summary.errors[:3])
        return text
