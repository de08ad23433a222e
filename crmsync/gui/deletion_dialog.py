"""« Supprimer aussi dans le CRM ? »: an event deleted in Google whose action is still here.

Oui deletes this action, Non keeps it (it is synced no more), Oui pour tout deletes it and
every other one of this sync; Oui clicked with Ctrl held means Oui pour tout. Closing the
dialog answers nothing: the question comes back at the next sync.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QDialog, QStyle, QWidget

from crmsync.gui.forms.ui_deletion import Ui_DeletionDialog
from crmsync.sync.engine import DeletionQuestion

YES = "yes"
NO = "no"
ALL = "all"


class DeletionDialog(QDialog):
    """Asks about one Google deletion; ``answer`` is "yes", "no", "all" or None."""

    def __init__(
        self, question: DeletionQuestion, owner_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DeletionDialog()
        self.ui.setupUi(self)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.question = question
        self.answer: str | None = None
        self._ctrl_on_release = False
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion)
        self.ui.icon_label.setPixmap(icon.pixmap(48, 48))
        title = html.escape(question.title or self.tr("(sans titre)"))
        when = html.escape(question.when)
        who = html.escape(owner_name or question.user_login)
        self.ui.message_label.setText(
            self.tr(
                "L'évènement <b>{title}</b> ({when}) a été supprimé dans Google Agenda.<br>Supprimer aussi l'action dans l'agenda de {who} ?"  # noqa: E501
            ).format(title=title, when=when, who=who)
        )
        # The question is as tall as the title is long: the window takes the height it needs.
        self.adjustSize()
        self.ui.yes_button.installEventFilter(self)
        self.ui.yes_button.clicked.connect(self._yes)
        self.ui.no_button.clicked.connect(lambda: self._answer(NO))
        self.ui.all_button.clicked.connect(lambda: self._answer(ALL))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The click's own modifiers: what counts is Ctrl held when the button was released.
        if watched is self.ui.yes_button and event.type() == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            self._ctrl_on_release = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return super().eventFilter(watched, event)

    def _yes(self) -> None:
        held = self._ctrl_on_release or bool(
            QGuiApplication.queryKeyboardModifiers() & Qt.KeyboardModifier.ControlModifier
        )
        self._ctrl_on_release = False
        self._answer(ALL if held else YES)

    def _answer(self, value: str) -> None:
        self.answer = value
        self.accept()

    def reject(self) -> None:
        # Escape or the window's close button: no answer, asked again next time
        self.answer = None
        super().reject()
