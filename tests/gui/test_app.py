"""``crmsync --demo`` opens the main window on the demo database, with the emulator running."""

from __future__ import annotations

import urllib.request

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from crmsync import cli
from crmsync.gui.main_window import MainWindow


def test_demo_opens_the_main_window_with_the_emulator(qapp):
    seen: dict[str, object] = {}

    def look_then_quit() -> None:
        try:
            look()
        finally:  # never leave the event loop running, whatever the checks found
            QApplication.quit()

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen["windows"] = len(windows)
        window = windows[0]
        seen["actions"] = window.agenda_model.rowCount()
        seen["contacts"] = window.contacts_model.rowCount()
        google = window.statusBar().findChildren(type(window.agenda_count))
        label = next(w.text() for w in google if "émulateur" in w.text())
        base_url = label.rsplit(" ", 1)[-1]
        with urllib.request.urlopen(base_url + "/.well-known/openid-configuration") as answer:
            seen["emulator"] = answer.status
        window.close()

    QTimer.singleShot(0, look_then_quit)
    try:
        assert cli.main(["--demo"]) == 0
    finally:
        # QApplication.quit() leaves the thread's "quit now" flag set, which stops every later
        # processEvents (so qtbot.waitUntil of later tests); a short event loop clears it.
        loop = QEventLoop()
        QTimer.singleShot(0, loop.quit)
        loop.exec()
    assert seen == {"windows": 1, "actions": 400, "contacts": 300, "emulator": 200}
