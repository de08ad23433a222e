"""« Connexion manuelle »: show the authorisation address, take back the pasted redirect.

For a computer whose browser cannot reach the loopback address crmsync listens on (another
machine, a locked-down browser): the user opens the address anywhere, authorises, and pastes
the address the browser ended on. The code in it is exchanged by
:func:`crmsync.google.oauth.connect` (manual mode), which checks the state.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from crmsync.gui.forms.ui_manual_connection import Ui_ManualConnectionDialog


def open_in_browser(url: str) -> None:
    QDesktopServices.openUrl(QUrl(url))


class ManualConnectionDialog(QDialog):
    """Shows ``url``; :meth:`pasted` is what the user pasted once accepted."""

    def __init__(
        self,
        url: str,
        parent: QWidget | None = None,
        open_url: Callable[[str], object] = open_in_browser,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ManualConnectionDialog()
        self.ui.setupUi(self)
        self._open_url = open_url
        self.ui.urlEdit.setText(url)
        self.ui.urlEdit.setCursorPosition(0)
        self.ui.copyButton.clicked.connect(self._copy)
        self.ui.openButton.clicked.connect(lambda: self._open_url(url))
        self.ui.redirectEdit.textChanged.connect(self._check)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connecter"))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self._check("")

    def pasted(self) -> str:
        return self.ui.redirectEdit.text().strip()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.ui.urlEdit.text())
        self.ui.hintLabel.setText(self.tr("Adresse copiée dans le presse-papiers."))

    def _check(self, text: str) -> None:
        """OK only for something that looks like the redirect: an address with a code (or
        Google's error) in it; say what is missing otherwise."""
        ok_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        text = text.strip()
        if not text:
            ok_button.setEnabled(False)
            self.ui.hintLabel.setText("")
            return
        if "://" not in text:
            ok_button.setEnabled(False)
            self.ui.hintLabel.setText(
                self.tr("Collez l'adresse complète, qui commence par http://127.0.0.1")
            )
            return
        query = parse_qs(urlsplit(text).query)
        if "code" not in query and "error" not in query:
            ok_button.setEnabled(False)
            self.ui.hintLabel.setText(
                self.tr(
                    "Cette adresse ne contient pas de code d'autorisation : copiez celle de "
                    "la page où le navigateur s'est arrêté, après avoir cliqué sur « Autoriser »."
                )
            )
            return
        ok_button.setEnabled(True)
        self.ui.hintLabel.setText("")
