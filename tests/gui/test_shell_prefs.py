"""Préférences dossier: the client id and settings go to the database, the secret to the
keyring only, a stored secret shows as dots, and a machine with no keyring is told so."""

from __future__ import annotations

import sys
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from crmsync.crm import db as store
from crmsync.crm.models import FolderSettings, User
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.gui.context import AppContext
from crmsync.gui.folder_prefs import FolderPrefsDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "google"))
from memory_keyring import MemoryKeyring  # noqa: E402


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def admin_context(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    admin = User.get(User.login == "admin")
    yield AppContext(admin.id, "crm.sqlite")
    store.close_database()


def _dialog(qtbot, context) -> FolderPrefsDialog:
    dialog = FolderPrefsDialog(context)
    qtbot.addWidget(dialog)
    return dialog


def test_saving_puts_the_secret_in_the_keyring_and_the_rest_in_the_database(
    qtbot, admin_context, memory_keyring
):
    dialog = _dialog(qtbot, admin_context)
    assert dialog.ui.service_combo.currentText() == "Agenda Google"
    assert not dialog.secret_is_stored()
    assert dialog.ui.contacts_label_edit.text() == "CRM"
    assert dialog.ui.poll_spin.value() == 5
    dialog.ui.client_id_edit.setText("  123-abc.apps.googleusercontent.com ")
    dialog.ui.secret_edit.setText("GOCSPX-very-secret")
    dialog.ui.api_key_edit.setText("AIza-key")
    dialog.ui.testing_check.setChecked(True)
    dialog.ui.language_combo.setCurrentIndex(dialog.ui.language_combo.findData("en"))
    dialog.ui.poll_spin.setValue(15)
    dialog.ui.contacts_label_edit.setText("Clients")
    changed: list[str] = []
    admin_context.changed.connect(lambda what, _uid: changed.append(what))
    assert dialog.save()
    assert changed == ["settings"]
    assert dialog.language_changed

    client = google_settings.load_client_settings()
    assert client.client_id == "123-abc.apps.googleusercontent.com"
    assert client.client_secret == "GOCSPX-very-secret"
    assert client.api_key == "AIza-key" and client.testing_consent
    assert list(memory_keyring.passwords.values()) == ["GOCSPX-very-secret"]
    stored = {row.key: row.value for row in FolderSettings.select()}
    assert "GOCSPX-very-secret" not in " ".join(stored.values())
    assert stored["interface.language"] == "en"
    assert stored["sync.poll_minutes"] == "15"
    assert stored["contacts.label"] == "Clients"

    again = _dialog(qtbot, admin_context)
    assert again.secret_is_stored()
    assert again.ui.secret_edit.text() == ""
    assert again.ui.secret_edit.placeholderText().startswith("••••")
    assert again.ui.client_id_edit.text() == "123-abc.apps.googleusercontent.com"
    assert again.ui.language_combo.currentData() == "en"
    # saving without typing a secret keeps the stored one
    again.ui.api_key_edit.setText("")
    assert again.save()
    assert not again.language_changed
    assert google_settings.load_client_settings().client_secret == "GOCSPX-very-secret"
    # « Effacer » removes it from the keyring
    again.ui.forget_secret_button.click()
    assert not again.secret_is_stored()
    assert again.save()
    assert memory_keyring.passwords == {}


def test_no_secure_keyring_is_said_plainly_and_the_file_can_be_chosen(
    qtbot, admin_context, tmp_path, monkeypatch
):
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", str(tmp_path / "secrets.json"))
    try:
        dialog = _dialog(qtbot, admin_context)
        assert "keyring" in dialog.ui.store_label.text().lower()
        assert not dialog.ui.file_store_check.isHidden()
        assert not dialog.ui.secret_edit.isEnabled()
        # saving a secret now fails with the message, nothing silently written to a file
        dialog.ui.secret_edit.setEnabled(True)
        dialog.ui.secret_edit.setText("s3cret")
        monkeypatch.setattr(
            "crmsync.gui.folder_prefs.QMessageBox.warning",
            lambda _parent, _title, text: warnings.append(text),
        )
        warnings: list[str] = []
        assert not dialog.save()
        assert warnings and "0600" in warnings[0]
        assert not (tmp_path / "secrets.json").exists()
        # the explicit opt-in
        dialog.ui.file_store_check.setChecked(True)
        assert secrets.chosen_store() == "file"
        assert dialog.ui.secret_edit.isEnabled()
        dialog.ui.client_id_edit.setText("42.apps.googleusercontent.com")
        dialog.ui.secret_edit.setText("s3cret")
        assert dialog.save()
        assert google_settings.load_client_settings().client_secret == "s3cret"
        assert (tmp_path / "secrets.json").exists()
    finally:
        keyring.set_keyring(previous)
        secrets.set_file_store_opt_in(False)


def test_folder_preferences_are_for_admins(qtbot, admin_context):
    from crmsync.gui.main_window import MainWindow

    alice = User.create(login="alice", name="Alice")
    window = MainWindow(AppContext(alice.id, "crm.sqlite"), background=False)
    qtbot.addWidget(window)
    assert not window.action_folder_prefs.isEnabled()
    window.open_folder_prefs()  # refused even when called
    admin_window = MainWindow(admin_context, background=False)
    qtbot.addWidget(admin_window)
    assert admin_window.action_folder_prefs.isEnabled()
