"""Fichier → Utilisateurs…: who is listed, creating and editing users and rights (admins),
read-only for others, and the Synchronisation tab of the selected user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sync_gui_bench import ALICE, close_crm, make_crm

from crmsync.crm.models import SyncSettings, User, UserRight
from crmsync.gui.context import AppContext
from crmsync.gui.users_dialog import UsersDialog


@pytest.fixture
def crm(tmp_path, monkeypatch, emulator, fake_google):
    crm = make_crm(tmp_path, monkeypatch, emulator, fake_google)
    yield crm
    close_crm(crm)


def listed(dialog):
    users = dialog.ui.usersList
    return [users.item(i).data(Qt.ItemDataRole.UserRole) for i in range(users.count())]


def save_button(dialog):
    return dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)


def test_an_admin_sees_everyone_and_creates_a_user_with_rights(qtbot, crm):
    carol = User.create(login="carol", name="Carol", active=False)
    dialog = UsersDialog(crm.context)
    qtbot.addWidget(dialog)
    shown = listed(dialog)
    assert shown[0] == crm.alice.id  # himself first, then everyone, inactive ones too
    assert sorted(shown) == sorted(u.id for u in User.select())
    assert "inactif" in dialog.ui.usersList.item(shown.index(carol.id)).text()

    dialog.ui.newUserButton.click()
    ui = dialog.ui
    save_button(dialog).click()
    assert "Le login est obligatoire" in ui.messageLabel.text()
    ui.loginEdit.setText("bob")
    save_button(dialog).click()
    assert "déjà pris" in ui.messageLabel.text()
    ui.loginEdit.setText("dave")
    ui.nameEdit.setText("Dave Petit")
    ui.emailEdit.setText("dave@example.com")
    ui.zoneCombo.setCurrentText("Europe/Brussel")
    save_button(dialog).click()
    assert "Fuseau horaire « Europe/Brussel » inconnu" in ui.messageLabel.text()
    ui.zoneCombo.setCurrentText("Europe/Brussels")
    dialog.set_right(crm.bob, visible=False, agenda=True)
    save_button(dialog).click()

    dave = User.get(User.login == "dave")
    assert (dave.name, dave.email, dave.time_zone) == (
        "Dave Petit",
        "dave@example.com",
        "Europe/Brussels",
    )
    assert not dave.is_admin and dave.active
    right = UserRight.get(UserRight.viewer == dave, UserRight.target == crm.bob)
    assert right.agenda and right.visible  # the agenda right brings the visible one
    assert dialog.selected_id == dave.id and dave.id in listed(dialog)
    assert ui.loginEdit.isReadOnly()  # the login is fixed once the user exists

    # the Synchronisation tab is the selected user's
    assert dialog.sync_page.user.id == dave.id
    dialog.sync_page.ui.googleEmailEdit.setText("dave@gmail.com")
    dialog.sync_page.ui.monthsBeforeSpin.setValue(1)
    save_button(dialog).click()
    assert User.get_by_id(dave.id).google_email == "dave@gmail.com"
    assert SyncSettings.for_user(dave).months_before == 1

    # and taking the right away removes the row
    dialog.set_right(crm.bob, visible=False, agenda=False)
    save_button(dialog).click()
    assert not UserRight.select().where(UserRight.viewer == dave).exists()


def test_switching_user_keeps_what_was_typed(qtbot, crm):
    dialog = UsersDialog(crm.context)
    qtbot.addWidget(dialog)
    dialog.sync_page.ui.monthsAfterSpin.setValue(7)
    dialog.select_user(crm.bob.id)
    assert dialog.sync_page.user.id == crm.bob.id
    assert SyncSettings.for_user(crm.alice).months_after == 7


def test_a_user_sees_whom_he_may_and_edits_only_his_own_preferences(qtbot, crm):
    UserRight.create(viewer=crm.bob, target=crm.alice, visible=True, agenda=False)
    User.create(login="carol", name="Carol")
    context = AppContext(crm.bob.id, "crm.sqlite")
    dialog = UsersDialog(context)
    qtbot.addWidget(dialog)
    assert listed(dialog) == [crm.bob.id, crm.alice.id]
    assert not dialog.ui.newUserButton.isVisible()
    assert not dialog.ui.nameEdit.isEnabled()
    assert dialog.sync_page.ui.connectButton.isEnabled()  # his own tab

    dialog.select_user(crm.alice.id)
    assert dialog.sync_page.user.id == crm.alice.id
    assert not dialog.sync_page.ui.connectButton.isEnabled()
    assert not dialog.sync_page.ui.calendarCombo.isEnabled()
    assert dialog.sync_page.ui.googleEmailEdit.text() == ALICE
    context.shutdown()
