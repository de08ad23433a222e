"""The status light of a user's Google connection, and what the sync widgets share.

:class:`StatusLight` is a small round lamp painted grey, green, orange or red (the colours
of :mod:`crmsync.google.status`), its reason as tooltip. :func:`interface_language` tells in
which language the core's messages (Tester, status reasons) are shown: the one of the
loaded Qt translation, so they always match the rest of the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPen, QPixmap, QRadialGradient
from PySide6.QtWidgets import QSizePolicy, QWidget

from crmsync.crm.models import User
from crmsync.google.status import Status, user_status

#: Fill colours of the light (close to the usual traffic-light hues, readable on white).
LIGHT_COLOURS = {
    "grey": "#9aa0a6",
    "green": "#2e9d4b",
    "orange": "#f29900",
    "red": "#d93025",
}


def interface_language() -> str:
    """ "en" when the English translation of the sync area is loaded, else "fr".

    The French source text « fr » is translated « en » in the English catalogue: whatever
    decides which catalogue is loaded decides the language of the core's messages too.
    """
    code = QCoreApplication.translate("SyncLanguage", "fr")
    return "en" if code.strip().lower().startswith("en") else "fr"


def google_options(context: Any) -> dict[str, Any]:
    """Where the Google calls of the GUI go: the context's endpoints and secrets store when
    it carries them (the demo does), else the defaults (the environment, the user's store)."""
    options: dict[str, Any] = {}
    endpoints = getattr(context, "google_endpoints", None)
    if endpoints is not None:
        options["endpoints"] = endpoints
    secret_store = getattr(context, "secret_store", None)
    if secret_store is not None:
        options["secret_store"] = secret_store
    return options


def status_text(status: Status, lang: str | None = None) -> str:
    """The reason, then what to do, in the interface's language."""
    lang = lang or interface_language()
    text = status.reason(lang)
    fix = status.fix(lang)
    return f"{text}\n→ {fix}" if fix else text


def light_pixmap(colour: str, size: int = 14, ratio: float = 1.0) -> QPixmap:
    """A round lamp of ``colour`` (a status colour name), for icons in lists."""
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        paint_light(painter, QRectF(0, 0, size, size), colour)
    finally:
        painter.end()
    return pixmap


def light_icon(colour: str) -> QIcon:
    icon = QIcon()
    for size in (12, 16, 24):
        icon.addPixmap(light_pixmap(colour, size))
    return icon


def paint_light(painter: QPainter, rect: QRectF, colour: str) -> None:
    """A lamp with a soft highlight and a thin darker rim, filling ``rect`` (a square)."""
    base = QColor(LIGHT_COLOURS.get(colour, LIGHT_COLOURS["grey"]))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner = rect.adjusted(1, 1, -1, -1)
    gradient = QRadialGradient(
        QPointF(inner.left() + inner.width() * 0.35, inner.top() + inner.height() * 0.3),
        inner.width() * 0.75,
    )
    gradient.setColorAt(0.0, base.lighter(150))
    gradient.setColorAt(1.0, base)
    painter.setPen(QPen(base.darker(140), 1.0))
    painter.setBrush(gradient)
    painter.drawEllipse(inner)


class StatusLight(QWidget):
    """A round coloured lamp: grey, green, orange or red, its reason as tooltip."""

    def __init__(self, parent: QWidget | None = None, diameter: int = 16) -> None:
        super().__init__(parent)
        self._diameter = diameter
        self._colour = "grey"
        self._status: Status | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(QCoreApplication.translate("StatusLight", "Voyant de connexion"))

    @property
    def colour(self) -> str:
        return self._colour

    @property
    def status(self) -> Status | None:
        return self._status

    def set_status(self, status: Status | None) -> None:
        self._status = status
        self._colour = status.colour if status is not None else "grey"
        self.setToolTip(status_text(status) if status is not None else "")
        self.setAccessibleDescription(self.toolTip())
        self.update()

    def show_user(self, user: User) -> Status:
        """Read ``user``'s light from the store (no network call) and show it."""
        status = user_status(user)
        self.set_status(status)
        return status

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._diameter + 2, self._diameter + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        side = min(self.width(), self.height()) - 2
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter = QPainter(self)
        try:
            paint_light(painter, rect, self._colour)
        finally:
            painter.end()


def colour_name(colour: str) -> str:
    """The colour's name for a label next to the light."""
    names = {
        "grey": QCoreApplication.translate("StatusLight", "Non configuré"),
        "green": QCoreApplication.translate("StatusLight", "Connecté"),
        "orange": QCoreApplication.translate("StatusLight", "À vérifier"),
        "red": QCoreApplication.translate("StatusLight", "Erreur"),
    }
    return names.get(colour, colour)
