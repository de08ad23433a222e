"""Aide → À propos: the version, the database, the Google endpoint and the licence."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QWidget

from crmsync import __version__
from crmsync.gui.context import AppContext
from crmsync.gui.forms.ui_about import Ui_AboutDialog

LICENCE = "MIT"


class AboutDialog(QDialog):
    """What this crmsync is and what it is connected to."""

    def __init__(self, context: AppContext, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        if not icon.isNull():
            self.ui.icon_label.setPixmap(icon.pixmap(64, 64))
        self.ui.title_label.setText(
            f"<span style='font-size:15pt; font-weight:600'>crmsync</span>"
            f"&nbsp;&nbsp;<span style='font-size:11pt'>{html.escape(__version__)}</span>"
        )
        self.ui.version_value.setText(__version__)
        self.ui.database_value.setText(context.database_label or "—")
        self.ui.google_value.setText(google_text(context))
        self.ui.licence_value.setText(LICENCE)
        self.ui.qt_value.setText(f"Qt {qVersion()}, PySide6 {pyside_version}")

    def google_text(self) -> str:
        return self.ui.google_value.text()


def google_text(context: AppContext) -> str:
    """The Google the syncs talk to: the emulator's address, another endpoint, or Google."""
    endpoints = context.google_endpoints
    if endpoints is None:
        from crmsync.google.endpoints import EndpointError, current_endpoints

        try:
            endpoints = current_endpoints()
        except EndpointError as exc:
            return str(exc)
    base = getattr(endpoints, "base_url", None)
    if not base:
        return QCoreApplication.translate("AboutDialog", "Google (services en ligne)")
    from crmsync.google.endpoints import is_loopback_host

    if is_loopback_host(urlsplit(base).hostname or ""):
        return QCoreApplication.translate("AboutDialog", "Émulateur local : {url}").format(url=base)
    return QCoreApplication.translate("AboutDialog", "Point d'accès : {url}").format(url=base)
