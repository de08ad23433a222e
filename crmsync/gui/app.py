"""Starting the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from crmsync.gui.main_window import MainWindow


def run(database_label: str, google_label: str = "", argv: list[str] | None = None) -> int:
    """Open the main window on the already opened CRM store and run the event loop."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("crmsync")
    app.setOrganizationName("crmsync")
    window = MainWindow(database_label, google_label)
    window.show()
    return int(app.exec())
