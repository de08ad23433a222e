"""``crmsync --demo`` opens the main window on the demo database, with the emulator running;
who the app opens for; the message when Qt's X11 libraries are missing."""

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
        seen["pages"] = [type(window.agenda_page).__name__, type(window.contacts_page).__name__]
        seen["contacts"] = window.contacts_page.model.rowCount()
        seen["user_is_admin"] = window.context.current_user.is_admin
        label = window.google_label.text()
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
    assert seen == {
        "windows": 1,
        "pages": ["AgendaPage", "ContactsPage"],
        "contacts": 300,
        "user_is_admin": False,
        "emulator": 200,
    }


def test_the_app_opens_for_the_user_asked_for_or_a_telling_one(tmp_path, monkeypatch):
    import datetime as dt

    import pytest

    from crmsync.crm import db as store
    from crmsync.crm.models import Action, User
    from crmsync.gui.app import NoSuchUser, pick_user

    monkeypatch.delenv("CRMSYNC_USER", raising=False)
    store.open_database(tmp_path / "crm.sqlite")
    try:
        bob = User.create(login="bob", name="Bob")
        carol = User.create(login="carol", name="Carol")
        start = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
        Action.create(owner=carol, title="RDV", start=start, end=start + dt.timedelta(hours=1))
        monkeypatch.setattr("getpass.getuser", lambda: "nobody-here")
        assert pick_user().login == "carol"  # the first with an agenda, not the admin
        assert pick_user("bob").id == bob.id
        monkeypatch.setenv("CRMSYNC_USER", "bob")
        assert pick_user().id == bob.id
        monkeypatch.delenv("CRMSYNC_USER")
        monkeypatch.setattr("getpass.getuser", lambda: "bob")
        assert pick_user().id == bob.id  # the CRM user named like the system's account
        with pytest.raises(NoSuchUser, match="crmsync user list"):
            pick_user("zoe")
    finally:
        store.close_database()


def test_missing_x11_libraries_are_named_before_qt_starts():
    from crmsync.commands.app import missing_xcb_packages, xcb_message

    none = {"xcb-cursor": None, "xcb-icccm": "libxcb-icccm.so.4", "xcb-keysyms": None}
    find = none.get
    x11 = {"DISPLAY": ":0"}
    assert missing_xcb_packages("linux", x11, find) == ["libxcb-cursor0", "libxcb-keysyms1"]
    message = xcb_message(missing_xcb_packages("linux", x11, find))
    assert "sudo apt install libxcb-cursor0 libxcb-keysyms1" in message
    # nothing of this elsewhere, nor when Qt is told to use another platform
    assert missing_xcb_packages("win32", x11, find) == []
    assert missing_xcb_packages("darwin", x11, find) == []
    assert missing_xcb_packages("linux", {}, find) == []
    assert missing_xcb_packages("linux", {**x11, "QT_QPA_PLATFORM": "offscreen"}, find) == []
    assert missing_xcb_packages("linux", {**x11, "QT_QPA_PLATFORM": "xcb"}, find) != []
    assert missing_xcb_packages("linux", x11, lambda name: "lib" + name) == []


def test_the_command_exits_2_with_the_message(monkeypatch, capsys):
    import crmsync.commands.app as app_command

    monkeypatch.setattr(app_command, "missing_xcb_packages", lambda: ["libxcb-cursor0"])
    assert cli.main([]) == 2
    assert "sudo apt install libxcb-cursor0" in capsys.readouterr().err
