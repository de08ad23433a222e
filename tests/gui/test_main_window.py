"""The main window: menus in French and English, the signed-in user, the pages, À propos."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from crmsync.crm import db as store
from crmsync.crm.models import Action, ActionType, Contact, User, UserRight
from crmsync.gui import i18n
from crmsync.gui.context import AppContext
from crmsync.gui.main_window import MainWindow

FRENCH_MENUS = {
    "&Dossier": ["&Préférences dossier…", "&Quitter"],
    "&Fichier": ["&Utilisateurs…"],
    "&Prospection": ["&Agenda", "&Contacts", "&Synchronisation…", "&Journal de synchronisation"],
    "&Aide": ["À &propos"],
}
ENGLISH_MENUS = {
    "F&older": ["Folder &preferences…", "&Quit"],
    "&File": ["&Users…"],
    "&Prospecting": ["&Agenda", "&Contacts", "&Synchronisation…", "Sync &log"],
    "&Help": ["&About"],
}


@pytest.fixture
def crm(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    yield
    store.close_database()


@pytest.fixture
def french(qapp):
    i18n.install("fr")
    yield
    i18n.remove()


def menus(window: MainWindow) -> dict[str, list[str]]:
    return {
        action.menu().title(): [a.text() for a in action.menu().actions() if not a.isSeparator()]
        for action in window.menuBar().actions()
    }


def _window(qtbot, user: User) -> MainWindow:
    window = MainWindow(AppContext(user.id, "crm.sqlite"), background=False)
    qtbot.addWidget(window)
    return window


def test_menus_in_french_then_english(qtbot, crm, french):
    admin = User.get(User.login == "admin")  # every new database has its admin
    assert admin.is_admin
    window = _window(qtbot, admin)
    assert menus(window) == FRENCH_MENUS
    i18n.install("en")
    qtbot.waitUntil(lambda: menus(window) == ENGLISH_MENUS, timeout=3000)
    assert window.pages.tabText(0) == "Agenda"
    assert window.agenda_page.model.headerData(2, Qt.Orientation.Horizontal) == "Title"
    i18n.install("fr")
    qtbot.waitUntil(lambda: menus(window) == FRENCH_MENUS, timeout=3000)


def test_named_actions_and_folder_preferences_for_admins_only(qtbot, crm, french):
    alice = User.create(login="alice", name="Alice Martin")
    window = _window(qtbot, alice)
    assert window.action_quit.text() == "&Quitter"
    assert window.action_sync_log.text() == "&Journal de synchronisation"
    assert window.action_users.isEnabled() and window.action_sync_wizard.isEnabled()
    # folder preferences are for admins
    assert not window.action_folder_prefs.isEnabled()
    assert window.action_agenda.isEnabled() and window.action_about.isEnabled()
    window.action_contacts.trigger()
    assert window.pages.currentIndex() == 1
    window.action_agenda.trigger()
    assert window.pages.currentIndex() == 0


def test_users_and_the_sync_wizard_open_without_blocking(qtbot, crm, french):
    from crmsync.gui.sync_wizard import SyncWizard
    from crmsync.gui.users_dialog import UsersDialog

    alice = User.create(login="alice", name="Alice Martin")
    window = _window(qtbot, alice)
    users = window.open_users()
    assert isinstance(users, UsersDialog) and users.isVisible()
    users.close()
    wizard = window.open_sync_wizard()
    assert isinstance(wizard, SyncWizard) and wizard.isVisible()
    wizard.close()


def test_the_signed_in_user_is_shown_and_sees_whom_he_may(qtbot, crm, french):
    alice = User.create(login="alice", name="Alice Martin", time_zone="Europe/Paris")
    bob = User.create(login="bob", name="Bob Leroy")
    User.create(login="carol", name="Carol Petit")
    UserRight.create(viewer=alice, target=bob, agenda=True)
    window = _window(qtbot, alice)
    assert "Alice Martin" in window.windowTitle()
    labels = [w.text() for w in window.statusBar().findChildren(QLabel)]
    assert "Utilisateur : Alice Martin (alice)" in labels
    combo = window.agenda_page.user_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [alice.id, bob.id]
    assert combo.currentData() == alice.id


def test_the_pages_list_agenda_and_contacts_until_replaced(qtbot, crm, french):
    alice = User.create(login="alice", name="Alice Martin", time_zone="Europe/Paris")
    start = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
    Action.create(
        owner=alice,
        action_type=ActionType.get(code="R"),
        title="Rendez-vous ☕",
        start=start,
        end=start + dt.timedelta(hours=1),
    )
    Action.create(
        owner=alice,
        action_type=ActionType.get(code="CG"),
        title="Congés",
        all_day=True,
        start_date=dt.date(2026, 3, 9),
        end_date=dt.date(2026, 3, 13),
    )
    Contact.create(first_name="Élodie", last_name="Durand", city="Lyon")
    window = _window(qtbot, alice)
    model = window.agenda_page.model
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "02/03/2026 09:30–10:30"  # shown in Paris time
    assert model.index(0, 2).data() == "Rendez-vous ☕"
    assert model.index(1, 0).data() == "09/03/2026 → 13/03/2026"
    assert window.contacts_page.model.rowCount() == 1
    assert window.contacts_page.model.index(0, 1).data() == "Élodie Durand"
    assert window.contacts_page.count_label.text() == "Nombre de contacts : 1"

    agenda, contacts = QWidget(), QWidget()
    window.set_pages(agenda, contacts)
    assert window.pages.widget(0) is agenda and window.pages.widget(1) is contacts
    assert [window.pages.tabText(i) for i in range(2)] == ["Agenda", "Contacts"]
    window.action_contacts.trigger()
    assert window.pages.currentWidget() is contacts


def test_about_says_version_database_google_and_licence(qtbot, crm, french, monkeypatch):
    from crmsync import __version__

    monkeypatch.setenv("CRMSYNC_GOOGLE_ENDPOINT", "http://127.0.0.1:8765")
    window = _window(qtbot, User.create(login="alice", name="Alice"))
    dialog = window.open_about()
    qtbot.addWidget(dialog)
    assert dialog.ui.version_value.text() == __version__
    assert dialog.ui.database_value.text() == "crm.sqlite"
    assert dialog.ui.google_value.text() == "Émulateur local : http://127.0.0.1:8765"
    assert dialog.ui.licence_value.text() == "MIT"
    dialog.close()
