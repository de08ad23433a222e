"""Dossier → Préférences dossier (admins): the folder's Google client and general settings.

The **Authentification** tab holds the service (« Agenda Google »), the OAuth client id, its
secret and the optional API key. The secret goes to the secrets store (the OS keyring), never
to the database; a stored one shows as dots and is kept unless a new one is typed or
« Effacer » is clicked. Where no secure keyring exists the tab says so and offers the
explicit opt-in to a protected file. The **Général** tab holds the interface language (the
command line's too), the period of the background poll and the label of synced contacts.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from crmsync import i18n
from crmsync.crm.models import FolderSettings
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.gui import context as app_context
from crmsync.gui.background import DEFAULT_POLL_MINUTES, MAX_POLL_MINUTES, POLL_KEY, poll_minutes
from crmsync.gui.context import AppContext
from crmsync.gui.forms.ui_folder_prefs import Ui_FolderPrefsDialog

log = logging.getLogger(__name__)

CONTACTS_LABEL_KEY = "contacts.label"
DEFAULT_CONTACTS_LABEL = "CRM"
STORED_SECRET = "••••••••"


def contacts_label() -> str:
    return (FolderSettings.get_value(CONTACTS_LABEL_KEY) or "").strip() or DEFAULT_CONTACTS_LABEL


class FolderPrefsDialog(QDialog):
    """The folder's preferences; ``load()`` reads them, ``save()`` writes them."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        store: secrets.SecretStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_FolderPrefsDialog()
        self.ui.setupUi(self)
        self.context = context
        self._given_store = store or context.secret_store
        self._store: secrets.SecretStore | None = None
        self._store_error: secrets.SecretStoreError | None = None
        self._forget_secret = False
        self._had_secret = False
        self.language_changed = False

        self.ui.service_combo.addItem(self.tr("Agenda Google"), "google")
        self.ui.language_combo.addItem(self.tr("Langue du système"), "")
        self.ui.language_combo.addItem("Français", "fr")
        self.ui.language_combo.addItem("English", "en")
        self.ui.poll_spin.setRange(0, MAX_POLL_MINUTES)
        self.ui.contacts_label_edit.setPlaceholderText(DEFAULT_CONTACTS_LABEL)
        self.ui.forget_secret_button.clicked.connect(self._forget)
        self.ui.file_store_check.toggled.connect(self._file_store_toggled)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.load()

    # --- the secrets store --------------------------------------------------------------

    def _open_store(self) -> None:
        self._store, self._store_error = None, None
        try:
            self._store = self._given_store or secrets.open_secret_store()
        except secrets.SecretStoreError as exc:
            self._store_error = exc
        lang = i18n.current_language()
        if self._store is not None:
            self.ui.store_label.setText(
                self.tr("Le code secret est rangé dans : {store}").format(
                    store=self._store_text(self._store)
                )
            )
            self.ui.store_label.setStyleSheet("")
        else:
            assert self._store_error is not None
            self.ui.store_label.setText(self._store_error.said.full(lang))
            self.ui.store_label.setStyleSheet("color: #b3261e;")
        no_keyring = isinstance(self._store_error, secrets.NoSecureStoreError)
        opted_in = self._given_store is None and secrets.chosen_store() == "file"
        self.ui.file_store_check.setVisible(no_keyring or opted_in)
        self.ui.file_store_check.blockSignals(True)
        self.ui.file_store_check.setChecked(opted_in)
        self.ui.file_store_check.blockSignals(False)
        self.ui.secret_edit.setEnabled(self._store is not None)
        self.ui.forget_secret_button.setEnabled(self._store is not None)

    def _store_text(self, store: secrets.SecretStore) -> str:
        """Where the secrets go, in the window's language (the stores describe themselves
        in English, for the command line)."""
        if isinstance(store, secrets.FileStore):
            return self.tr("un fichier protégé, lisible par vous seul ({path})").format(
                path=store.path
            )
        if isinstance(store, secrets.KeyringStore):
            return self.tr("le trousseau du système ({name})").format(
                name=secrets.keyring_name(store.backend)
            )
        return secrets.describe_store(store)

    def _file_store_toggled(self, on: bool) -> None:
        try:
            secrets.set_file_store_opt_in(on)
        except (OSError, secrets.SecretStoreError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self._open_store()
        self._show_secret_state()

    def _show_secret_state(self) -> None:
        stored = False
        if self._store is not None:
            try:
                stored = bool(self._store.get(secrets.client_secret_key()))
            except secrets.SecretStoreError as exc:
                self.ui.store_label.setText(exc.said.full(i18n.current_language()))
        self._had_secret = stored and not self._forget_secret
        self.ui.secret_edit.clear()
        self.ui.secret_edit.setPlaceholderText(
            STORED_SECRET if self._had_secret else self.tr("Collez le code secret du client")
        )
        self.ui.forget_secret_button.setEnabled(self._store is not None and self._had_secret)

    def _forget(self) -> None:
        self._forget_secret = True
        self._show_secret_state()

    def secret_is_stored(self) -> bool:
        """Whether the secret field shows a stored secret (dots)."""
        return self._had_secret

    # --- load / save --------------------------------------------------------------------

    def load(self) -> None:
        client = google_settings.load_client_settings(with_secret=False)
        self.ui.client_id_edit.setText(client.client_id)
        self.ui.api_key_edit.setText(client.api_key)
        self.ui.testing_check.setChecked(client.testing_consent)
        self._open_store()
        self._show_secret_state()
        saved = i18n.folder_language()
        self.ui.language_combo.setCurrentIndex(max(self.ui.language_combo.findData(saved), 0))
        self.ui.poll_spin.setValue(poll_minutes())
        self.ui.contacts_label_edit.setText(contacts_label())

    def save(self) -> bool:
        """Write everything; False (and a message) when something could not be saved."""
        secret = self.ui.secret_edit.text().strip()
        client_secret: str | None = None
        if secret:
            client_secret = secret
        elif self._forget_secret:
            client_secret = ""
        try:
            google_settings.save_client_settings(
                client_id=self.ui.client_id_edit.text(),
                client_secret=client_secret,
                api_key=self.ui.api_key_edit.text(),
                testing_consent=self.ui.testing_check.isChecked(),
                store=self._store if client_secret is not None else None,
            )
        except secrets.SecretStoreError as exc:
            QMessageBox.warning(
                self,
                self.tr("Code secret non enregistré"),
                exc.said.full(i18n.current_language()),
            )
            return False
        before = i18n.folder_language()
        language = self.ui.language_combo.currentData() or ""
        i18n.save_folder_language(language)
        self.language_changed = language != before
        minutes = self.ui.poll_spin.value()
        FolderSettings.set_value(POLL_KEY, str(minutes if minutes >= 0 else DEFAULT_POLL_MINUTES))
        label = self.ui.contacts_label_edit.text().strip() or DEFAULT_CONTACTS_LABEL
        FolderSettings.set_value(CONTACTS_LABEL_KEY, label)
        self._forget_secret = False
        self.context.changed.emit(app_context.SETTINGS, 0)
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()
