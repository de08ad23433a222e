"""The status bar's sync indicator and the tray notification of a failed background sync.

:class:`SyncIndicator` shows « Synchronisation de X… » with the progress of the running
syncs, then the last error (a click opens the sync log on that user). :class:`TrayNotifier`
tells the user through the system tray when a sync he did not start fails.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStyle,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from crmsync.crm.models import User
from crmsync.gui.sync_runner import MANUAL, SyncRunner
from crmsync.sync.engine import Summary

# How long « Synchronisation terminée » stays before the indicator goes quiet.
DONE_MS = 4000


def user_name(user_id: int) -> str:
    user = User.get_or_none(User.id == user_id)
    return (user.name or user.login) if user else str(user_id)


class SyncIndicator(QWidget):
    """Running syncs and the last error, discreetly, in the status bar."""

    # The user clicked the last error: open the sync log on this user.
    open_log = Signal(int)

    def __init__(self, syncs: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.syncs = syncs
        self._running: dict[int, tuple[int, int]] = {}  # user id → (done, total)
        self.last_error_user: int | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.bar = QProgressBar()
        self.bar.setMaximumSize(QSize(110, 14))
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 0)  # busy until a total is known
        self.label = QLabel()
        self.error_button = QToolButton()
        self.error_button.setAutoRaise(True)
        self.error_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.error_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        )
        self.error_button.clicked.connect(self._error_clicked)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        layout.addWidget(self.error_button)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._refresh)
        syncs.started.connect(self._started)
        syncs.progress.connect(self._progress)
        syncs.finished.connect(self._finished)
        syncs.failed.connect(self._failed)
        self.bar.hide()
        self.error_button.hide()
        self._refresh()

    # --- what the runner says ------------------------------------------------------------

    def _started(self, user_id: int, _reason: str) -> None:
        self._running[user_id] = (0, 0)
        self._refresh()

    def _progress(self, user_id: int, progress: object) -> None:
        done = int(getattr(progress, "done", 0))
        total = int(getattr(progress, "total", 0))
        self._running[user_id] = (done, total)
        self._refresh()

    def _finished(self, user_id: int, _reason: str, summary: Summary) -> None:
        self._running.pop(user_id, None)
        errors = list(getattr(summary, "errors", []) or [])
        if errors:
            self.show_error(user_id, str(errors[0]))
        elif user_id == self.last_error_user:
            self.clear_error()
        if not self._running:
            self.label.setText(self.tr("Synchronisation terminée"))
            self.bar.hide()
            self._quiet.start(DONE_MS)
            return
        self._refresh()

    def _failed(self, user_id: int, _reason: str, message: str) -> None:
        self._running.pop(user_id, None)
        self.show_error(user_id, message)
        self._refresh()

    # --- showing ---------------------------------------------------------------------------

    def show_error(self, user_id: int, message: str) -> None:
        self.last_error_user = user_id
        first_line = message.strip().splitlines()[0] if message.strip() else ""
        self.error_button.setText(
            self.tr("Échec de la synchronisation de {name}").format(name=user_name(user_id))
        )
        self.error_button.setToolTip(
            message + "\n\n" + self.tr("Cliquez pour ouvrir le journal de synchronisation.")
        )
        self.error_button.setStatusTip(first_line)
        self.error_button.show()

    def clear_error(self) -> None:
        self.last_error_user = None
        self.error_button.hide()
        self.error_button.setText("")

    def error_text(self) -> str:
        return "" if self.error_button.isHidden() else self.error_button.text()

    def _error_clicked(self) -> None:
        if self.last_error_user is not None:
            self.open_log.emit(self.last_error_user)

    def _refresh(self) -> None:
        if not self._running:
            self.bar.hide()
            self.label.setText("")
            return
        names = ", ".join(user_name(uid) for uid in self._running)
        self.label.setText(self.tr("Synchronisation de {names}…").format(names=names))
        done = sum(d for d, _t in self._running.values())
        total = sum(t for _d, t in self._running.values())
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        self.bar.show()


class TrayNotifier(QObject):
    """A tray icon that pops a message when a background sync fails (where a tray exists)."""

    def __init__(self, syncs: SyncRunner, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tray: QSystemTrayIcon | None = None
        self.messages: list[tuple[str, str]] = []
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, parent)
            self.tray.setToolTip("crmsync")
            self.tray.show()
        syncs.failed.connect(self._failed)

    def _failed(self, user_id: int, reason: str, message: str) -> None:
        if reason == MANUAL:
            return  # the wizard shows its own failures to the user who started it
        title = self.tr("Échec de la synchronisation de {name}").format(name=user_name(user_id))
        self.notify(title, message)

    def notify(self, title: str, message: str) -> None:
        self.messages.append((title, message))
        if self.tray is not None:
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, 10_000)

    def hide(self) -> None:
        if self.tray is not None:
            self.tray.hide()
