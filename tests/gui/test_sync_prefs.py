"""Préférences → Synchronisation: options saved, Connexion (and its cancel), manual connection,
Tester, both resets, per-site calendars and the contacts list — against the Google emulator
through the real client libraries."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sync_gui_bench import ALICE, close_crm, consent_redirect, make_crm

from crmsync.crm import queries
from crmsync.crm.models import (
    Company,
    Contact,
    Site,
    SiteCalendar,
    SyncSettings,
    User,
    utc_now,
)
from crmsync.google import demo
from crmsync.gui.contacts_to_sync import CONTACTS_CAP, contact_ids_mime
from crmsync.gui.sync_prefs import SyncPrefsPage, sync_active


@pytest.fixture
def crm(tmp_path, monkeypatch, emulator, fake_google):
    crm = make_crm(tmp_path, monkeypatch, emulator, fake_google)
    yield crm
    close_crm(crm)


@pytest.fixture
def page(qtbot, crm):
    page = SyncPrefsPage(crm.context)
    qtbot.addWidget(page)
    page.load(crm.alice)
    page.show()
    return page


def idle(qtbot, page):
    qtbot.waitUntil(lambda: not page.busy(), timeout=20000)


def test_every_option_is_saved(page, crm):
    lyon = Site.create(code="LYO", name="Lyon")
    Site.create(code="PAR", name="Paris")
    page.load(crm.alice)
    ui = page.ui
    ui.activeCheck.setChecked(False)
    ui.googleEmailEdit.setText("alice.martin@example.com")
    ui.calendarCombo.setEditText("Rendez-vous clients")
    ui.monthsBeforeSpin.setValue(2)
    ui.monthsAfterSpin.setValue(6)
    ui.autoPushCheck.setChecked(False)
    ui.startupCheck.setChecked(False)
    ui.seriesCheck.setChecked(True)
    ui.coloursCheck.setChecked(False)
    ui.conflictCombo.setCurrentIndex(ui.conflictCombo.findData("google"))
    page.site_combo(lyon).setEditText("Clinique de Lyon")
    assert page.save()

    user = User.get_by_id(crm.alice.id)
    settings = SyncSettings.for_user(user)
    assert user.google_email == "alice.martin@example.com"
    assert settings.calendar_name == "Rendez-vous clients"
    assert (settings.months_before, settings.months_after) == (2, 6)
    assert not settings.auto_push and not settings.pull_on_startup
    assert settings.sync_series and not settings.transfer_colours
    assert settings.conflict_policy == "google"
    assert not sync_active(user)
    assert [(r.site.code, r.calendar_name) for r in SiteCalendar.select()] == [
        ("LYO", "Clinique de Lyon")
    ]

    # read back into a fresh page, then clear the site's calendar: its row goes
    again = SyncPrefsPage(crm.context)
    again.load(user)
    assert again.ui.calendarCombo.currentText() == "Rendez-vous clients"
    assert again.site_combo(lyon).currentText() == "Clinique de Lyon"
    assert not again.ui.activeCheck.isChecked() and again.ui.seriesCheck.isChecked()
    again.site_combo(lyon).setEditText("")
    assert again.save()
    assert SiteCalendar.select().count() == 0
    again.deleteLater()


def test_a_bad_email_is_refused_with_a_message_and_nothing_saved(page, crm):
    page.ui.googleEmailEdit.setText("alice at example")
    page.ui.monthsAfterSpin.setValue(5)
    assert not page.save()
    assert "n'est pas une adresse e-mail" in page.ui.connectionMessage.text()
    assert SyncSettings.for_user(crm.alice).months_after == 12
    assert User.get_by_id(crm.alice.id).google_email == ALICE


def test_connexion_turns_the_light_green_and_lists_the_calendars(qtbot, page, crm):
    crm.emulator.post("/calendar/calendars", {"owner": ALICE, "summary": "Clients"})
    assert page.light.colour == "grey"
    page.open_url = demo.HeadlessBrowser().open  # the person clicking « Autoriser »
    page.ui.calendarCombo.setEditText(ALICE)
    page.ui.connectButton.click()
    idle(qtbot, page)
    assert page.light.colour == "green", page.ui.connectionMessage.text()
    assert crm.stored_token()
    assert SyncSettings.for_user(crm.alice).google_account_email == ALICE
    # the calendar list was read after the connection (on a worker)
    qtbot.waitUntil(lambda: page.ui.calendarCombo.count() == 2, timeout=10000)
    combo = page.ui.calendarCombo
    assert [combo.itemText(i) for i in range(combo.count())] == [ALICE, "Clients"]
    assert combo.currentText() == ALICE


def test_cancel_stops_waiting_for_the_browser_and_stores_nothing(qtbot, page, crm):
    opened: list[str] = []
    page.open_url = opened.append  # a browser where nobody ever clicks
    page.ui.connectButton.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert page.ui.cancelConnectButton.isVisible()
    assert not page.ui.connectButton.isEnabled()
    page.ui.cancelConnectButton.click()
    idle(qtbot, page)
    assert "annulée" in page.ui.connectionMessage.text()
    assert crm.stored_token() is None
    assert SyncSettings.for_user(crm.alice).connected_at is None
    assert page.light.colour == "grey"
    assert not page.ui.cancelConnectButton.isVisible()


def test_manual_connection_takes_the_pasted_address(qtbot, page, crm):
    page.ui.calendarCombo.setEditText(ALICE)
    page.ui.manualButton.click()
    qtbot.waitUntil(lambda: page.manual_dialog is not None, timeout=10000)
    dialog = page.manual_dialog
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    dialog.ui.redirectEdit.setText("pas une adresse")
    assert not ok.isEnabled() and "adresse complète" in dialog.ui.hintLabel.text()
    dialog.ui.redirectEdit.setText(consent_redirect(dialog.ui.urlEdit.text()))
    assert ok.isEnabled()
    ok.click()
    idle(qtbot, page)
    assert page.light.colour == "green", page.ui.connectionMessage.text()
    assert crm.stored_token()


def test_tester_shows_each_diagnostic(qtbot, page, crm):
    crm.connect(crm.alice, ALICE)
    page.load(crm.alice)
    page.ui.calendarCombo.setEditText("Agenda inexistant")
    page.ui.testButton.click()
    idle(qtbot, page)
    lines = page.test_lines()
    assert len(lines) == 7
    assert lines[0].startswith("✓")
    assert "✓  Compte Google : alice@example.com" in lines
    assert any(
        line.startswith("✗  Le calendrier recherché « Agenda inexistant » est inconnu")
        for line in lines
    )
    assert page.light.colour == "red"
    assert "inconnu" in page.light.toolTip()

    page.ui.calendarCombo.setEditText(ALICE)
    page.ui.testButton.click()
    idle(qtbot, page)
    assert all(line.startswith("✓") for line in page.test_lines())
    assert page.light.colour == "green"


def _confirm(qtbot, page, button_text):
    qtbot.waitUntil(lambda: page.confirm_box is not None, timeout=5000)
    box = page.confirm_box
    assert "Google" in box.informativeText() and "sans doublon" in box.informativeText()
    for button in box.buttons():
        if button.text() == button_text or (
            button_text == "cancel" and box.buttonRole(button) == QMessageBox.ButtonRole.RejectRole
        ):
            button.click()
            return
    raise AssertionError(f"no button {button_text!r}")


def test_both_resets_ask_first_then_forget(qtbot, page, crm):
    crm.connect(crm.alice, ALICE)
    page.load(crm.alice)
    assert page.light.colour == "green"

    page.ui.resetButton.click()
    _confirm(qtbot, page, "cancel")
    idle(qtbot, page)
    assert crm.stored_token() is not None  # cancelled: nothing forgotten

    page.ui.resetCalendarButton.click()
    _confirm(qtbot, page, "Réinitialiser")
    qtbot.waitUntil(lambda: "oubliés" in page.ui.connectionMessage.text(), timeout=10000)
    idle(qtbot, page)
    assert crm.stored_token() is not None  # the calendar reset keeps the account
    assert page.light.colour == "green"

    page.ui.resetButton.click()
    _confirm(qtbot, page, "Réinitialiser")
    qtbot.waitUntil(
        lambda: "Compte Google oublié" in page.ui.connectionMessage.text(), timeout=10000
    )
    idle(qtbot, page)
    assert crm.stored_token() is None
    assert SyncSettings.for_user(crm.alice).connected_at is None
    assert page.light.colour == "grey"


def _contacts(count, prefix="Contact"):
    company = Company.create(code="C1", name="Golf Club")
    return [
        Contact.create(
            company=company, last_name=f"{prefix} {i:04d}", first_name="Jean", city="Lyon"
        )
        for i in range(count)
    ]


def _drop(page, ids):
    view = page.contacts.viewport()
    mime = contact_ids_mime(ids)
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(10, 10), *args)
    QApplication.sendEvent(view, enter)
    if not enter.isAccepted():
        return
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, event)


def test_contacts_dropped_added_and_removed(qtbot, page, crm):
    first, second, third = _contacts(3)
    _drop(page, [first.id, second.id, 999999])
    assert page.contacts.contact_ids() == [first.id, second.id]
    assert [c.id for c in queries.contacts_to_sync(crm.alice)] == [first.id, second.id]
    assert page.ui.contactsCountLabel.text() == "Nombre de contacts : 2 / 2000"

    page.ui.addContactButton.click()
    picker = page.picker
    assert picker is not None and picker.proxy.rowCount() == 1  # those not in the list yet
    picker.ui.searchEdit.setText("personne")
    assert picker.proxy.rowCount() == 0
    picker.ui.searchEdit.setText("0002 lyon")
    assert picker.proxy.rowCount() == 1
    picker.select_all_shown()
    picker.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert [c.id for c in queries.contacts_to_sync(crm.alice)] == [first.id, second.id, third.id]

    page.contacts.selectRow(page.contacts.contact_ids().index(second.id))
    menu = page.contacts.build_menu()
    remove = next(a for a in menu.actions() if a.text() == "Retirer")
    assert remove.isEnabled()
    remove.trigger()
    assert [c.id for c in queries.contacts_to_sync(crm.alice)] == [first.id, third.id]
    assert "restent dans Google" in page.ui.connectionMessage.text()


def test_the_contacts_cap_names_what_was_left_out(qtbot, page, crm):
    contacts = _contacts(CONTACTS_CAP + 2)
    _drop(page, [c.id for c in contacts])
    assert queries.contacts_to_sync(crm.alice).count() == CONTACTS_CAP
    message = page.ui.connectionMessage.text()
    assert "limitée à 2000 contacts" in message
    assert "2 contact(s) non ajouté(s)" in message
    assert contacts[-1].display_name in message and contacts[-2].display_name in message


def test_last_contacts_sync_is_shown_in_french(page, crm):
    settings = SyncSettings.for_user(crm.alice)
    settings.contacts_synced_at = utc_now().replace(year=2026, month=3, day=2, hour=8, minute=5)
    settings.save()
    page.load(crm.alice)
    assert page.ui.contactsSyncedLabel.text() == (
        "Dernière synchronisation des contacts : 02/03/2026 09:05"
    )


def test_read_only_for_a_user_one_may_not_edit(page, crm):
    page.load(crm.bob, editable=False)
    assert not page.ui.connectButton.isEnabled()
    assert not page.ui.calendarCombo.isEnabled()
    assert not page.contacts.allow_edit
    _drop(page, [c.id for c in _contacts(1)])
    assert queries.contacts_to_sync(crm.bob).count() == 0


def test_in_english_the_tab_and_the_cores_messages_follow_the_translation(qtbot, crm, tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QTranslator

    from crmsync.gui.status_light import interface_language

    ts = Path(__file__).resolve().parents[2] / "resources" / "translations" / "sync_en.ts"
    qm = tmp_path / "sync_en.qm"
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    lrelease = lrelease or shutil.which("pyside6-lrelease")
    assert lrelease, "pyside6-lrelease (PySide6) is needed to build the translation"
    subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert interface_language() == "en"
        page = SyncPrefsPage(crm.context)
        qtbot.addWidget(page)
        page.load(crm.alice)
        assert page.ui.connectButton.text() == "Connect"
        assert page.ui.autoPushCheck.text() == "Automatic"
        assert page.ui.contactsCountLabel.text() == "Number of contacts: 0 / 2000"
        assert page.ui.statusLabel.text() == "Not configured — Not connected to Google yet"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert interface_language() == "fr"


def test_the_light_is_refreshed_after_a_sync(qtbot, page, crm):
    from crmsync.google.messages import Said
    from crmsync.google.status import record_status

    crm.connect(crm.alice, ALICE)
    page.load(crm.alice)
    assert page.light.colour == "green"
    record_status(crm.alice, "red", Said.of("reconnect_needed", login="alice"))  # as a sync does
    crm.context.syncs.failed.emit(crm.alice.id, "manual", "revoked")
    assert page.light.colour == "red"
    assert page.ui.statusLabel.text().startswith("Erreur — ")
