"""Fichier → Utilisateurs…: the users one may see, each user's record and rights (admins),
and his Préférences → Synchronisation tab.

An administrator sees every user, active or not, creates users and edits their record and
their rights over the others. Anyone else sees himself and those he holds a right on; he
edits his own synchronisation preferences and sees the others' read-only. The login is fixed
once the user exists: the user's Google token is kept under it.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

import peewee
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QListWidgetItem,
    QTableWidgetItem,
    QWidget,
)

from crmsync.crm import db as store
from crmsync.crm.models import DEFAULT_TIME_ZONE, User, UserRight
from crmsync.google.status import user_status
from crmsync.gui.context import USERS, AppContext
from crmsync.gui.forms.ui_users_dialog import Ui_UsersDialog
from crmsync.gui.status_light import light_icon
from crmsync.gui.sync_prefs import SyncPrefsPage

_NEW = -1


def _zone_names() -> list[str]:
    return sorted(
        z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/")
    )


class UsersDialog(QDialog):
    """The users, their record, rights and synchronisation preferences."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_UsersDialog()
        self.ui.setupUi(self)
        self.sync_page = SyncPrefsPage(context, self)
        self.ui.syncTabLayout.addWidget(self.sync_page)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setSizes([230, 950])
        self.ui.zoneCombo.addItems(_zone_names())
        header = self.ui.rightsTable.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.selected_id: int | None = None
        self.ui.usersList.currentItemChanged.connect(self._selection_changed)
        self.ui.filterEdit.textChanged.connect(self._filter)
        self.ui.newUserButton.clicked.connect(self.new_user)
        save = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        save.setText(QCoreApplication.translate("UsersDialog", "Enregistrer"))
        save.clicked.connect(self.save)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Close).setText(
            QCoreApplication.translate("UsersDialog", "Fermer")
        )
        self.ui.buttonBox.rejected.connect(self.reject)
        self.sync_page.status_changed.connect(self._status_changed)
        self.ui.newUserButton.setVisible(self.is_admin)
        self.reload()

    @property
    def viewer(self) -> User:
        return self.context.current_user

    @property
    def is_admin(self) -> bool:
        return bool(self.viewer.is_admin)

    def users(self) -> list[User]:
        """Those shown: every user for an administrator, else those the viewer may see."""
        if self.is_admin:
            viewer = self.viewer
            others = User.select().where(User.id != viewer.id).order_by(User.name, User.login)
            return [viewer, *others]
        return self.context.visible_users("visible")

    # --- the list -------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        current = select if select is not None else (self.selected_id or self.viewer.id)
        users_list = self.ui.usersList
        users_list.blockSignals(True)
        users_list.clear()
        for user in self.users():
            item = QListWidgetItem(self._label(user))
            item.setData(Qt.ItemDataRole.UserRole, user.id)
            item.setIcon(light_icon(user_status(user).colour))
            if not user.active:
                item.setForeground(self.palette().placeholderText())
            users_list.addItem(item)
        users_list.blockSignals(False)
        self._filter(self.ui.filterEdit.text())
        self.select_user(current)

    def _label(self, user: User) -> str:
        label = f"{user.name or user.login} ({user.login})"
        if not user.active:
            label += " — " + QCoreApplication.translate("UsersDialog", "inactif")
        return label

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.ui.usersList.count()):
            item = self.ui.usersList.item(row)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def select_user(self, user_id: int) -> None:
        for row in range(self.ui.usersList.count()):
            item = self.ui.usersList.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == user_id:
                self.ui.usersList.setCurrentItem(item)
                return
        if self.ui.usersList.count():
            self.ui.usersList.setCurrentRow(0)

    def _selection_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if current is None:
            return
        user_id = int(current.data(Qt.ItemDataRole.UserRole))
        if user_id == self.selected_id:
            return
        # What was typed for the previous user is kept, not lost by a click in the list.
        if previous is not None and self.selected_id is not None and not self.save():
            self.ui.usersList.blockSignals(True)
            self.ui.usersList.setCurrentItem(previous)
            self.ui.usersList.blockSignals(False)
            return
        self.show_user(User.get_by_id(user_id))

    def _status_changed(self, user_id: int, colour: str) -> None:
        for row in range(self.ui.usersList.count()):
            item = self.ui.usersList.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == user_id:
                item.setIcon(light_icon(colour))

    # --- one user -------------------------------------------------------------------------

    def show_user(self, user: User) -> None:
        self.selected_id = user.id
        ui = self.ui
        ui.loginEdit.setText(user.login)
        ui.loginEdit.setReadOnly(True)
        ui.nameEdit.setText(user.name)
        ui.emailEdit.setText(user.email or "")
        ui.zoneCombo.setEditText(user.time_zone)
        index = ui.zoneCombo.findText(user.time_zone)
        if index >= 0:
            ui.zoneCombo.setCurrentIndex(index)
        ui.adminCheck.setChecked(user.is_admin)
        ui.activeCheck.setChecked(user.active)
        self._load_rights(user)
        self._set_record_editable(self.is_admin)
        # One may not take away one's own administrator rights, nor deactivate oneself.
        if user.id == self.viewer.id:
            ui.adminCheck.setEnabled(False)
            ui.activeCheck.setEnabled(False)
        ui.prefsTab.setEnabled(True)
        self.sync_page.load(user, editable=self.is_admin or user.id == self.viewer.id)
        self._say("")

    def new_user(self) -> None:
        """A blank record for a new user (administrators)."""
        if not self.is_admin or not self.save():
            return
        self.ui.usersList.blockSignals(True)
        self.ui.usersList.clearSelection()
        self.ui.usersList.setCurrentItem(None)
        self.ui.usersList.blockSignals(False)
        self.selected_id = _NEW
        ui = self.ui
        for edit in (ui.loginEdit, ui.nameEdit, ui.emailEdit):
            edit.clear()
        ui.loginEdit.setReadOnly(False)
        ui.zoneCombo.setCurrentText(self.viewer.time_zone or DEFAULT_TIME_ZONE)
        ui.adminCheck.setChecked(False)
        ui.activeCheck.setChecked(True)
        self._set_record_editable(True)
        self._load_rights(None)
        ui.tabs.setCurrentWidget(ui.recordTab)
        ui.prefsTab.setEnabled(False)  # saved first, then its preferences can be set
        ui.loginEdit.setFocus()
        self._say(
            QCoreApplication.translate(
                "UsersDialog", "Saisissez le login du nouvel utilisateur, puis « Enregistrer »."
            )
        )

    def _set_record_editable(self, editable: bool) -> None:
        ui = self.ui
        for widget in (ui.nameEdit, ui.emailEdit, ui.zoneCombo, ui.adminCheck, ui.activeCheck):
            widget.setEnabled(editable)
        ui.rightsTable.setEnabled(editable)
        ui.rightsLabel.setVisible(editable)
        ui.rightsTable.setVisible(editable)

    def _load_rights(self, user: User | None) -> None:
        table = self.ui.rightsTable
        others = [
            u
            for u in User.select().order_by(User.name, User.login)
            if user is None or u.id != user.id
        ]
        rights: dict[int, tuple[bool, bool]] = {}
        if user is not None:
            query: Any = UserRight.select(UserRight.target, UserRight.visible, UserRight.agenda)
            for target_id, visible, agenda in query.where(UserRight.viewer == user).tuples():
                rights[int(target_id)] = (bool(visible), bool(agenda))
        table.setRowCount(len(others))
        for row, other in enumerate(others):
            name = QTableWidgetItem(self._label(other))
            name.setData(Qt.ItemDataRole.UserRole, other.id)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, name)
            visible, agenda = rights.get(other.id, (False, False))
            for column, on in ((1, visible), (2, agenda)):
                box = QTableWidgetItem()
                box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                box.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                table.setItem(row, column, box)

    def set_right(self, target: User, *, visible: bool, agenda: bool) -> None:
        """Tick the rights over ``target`` in the table (as a click would)."""
        table = self.ui.rightsTable
        for row in range(table.rowCount()):
            if table.item(row, 0).data(Qt.ItemDataRole.UserRole) == target.id:
                for column, on in ((1, visible), (2, agenda)):
                    table.item(row, column).setCheckState(
                        Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
                    )
                return
        raise KeyError(target.login)

    # --- saving ---------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False) -> None:
        self.ui.messageLabel.setStyleSheet("color: #d93025;" if error else "")
        self.ui.messageLabel.setText(text)

    def save(self) -> bool:
        """Save the record (administrators) and the synchronisation tab; False if refused."""
        if self.selected_id is None:
            return True
        if self.is_admin:
            saved = self._save_record()
            if saved is None:
                return False
            if self.selected_id == _NEW:
                self.selected_id = None  # so that selecting him shows his record
                self.context.changed.emit(USERS, saved.id)
                self.reload(select=saved.id)
                self._say(
                    QCoreApplication.translate("UsersDialog", "Utilisateur « %1 » créé.").replace(
                        "%1", saved.login
                    )
                )
                return True
            self.context.changed.emit(USERS, saved.id)
        if not self.sync_page.save():
            self.ui.tabs.setCurrentWidget(self.ui.prefsTab)
            return False
        self._say(QCoreApplication.translate("UsersDialog", "Enregistré."))
        return True

    def _save_record(self) -> User | None:
        ui = self.ui
        login = ui.loginEdit.text().strip()
        zone = ui.zoneCombo.currentText().strip()
        email = ui.emailEdit.text().strip()
        if not login:
            return self._refuse(
                QCoreApplication.translate("UsersDialog", "Le login est obligatoire."), ui.loginEdit
            )
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            return self._refuse(
                QCoreApplication.translate(
                    "UsersDialog",
                    "Fuseau horaire « %1 » inconnu : choisissez-en un dans la liste, par exemple "
                    "Europe/Paris.",
                ).replace("%1", zone),
                ui.zoneCombo,
            )
        if email and "@" not in email:
            return self._refuse(
                QCoreApplication.translate(
                    "UsersDialog", "L'adresse « %1 » n'est pas une adresse e-mail."
                ).replace("%1", email),
                ui.emailEdit,
            )
        creating = self.selected_id == _NEW
        if creating and User.select().where(User.login == login).exists():
            return self._refuse(
                QCoreApplication.translate(
                    "UsersDialog", "Le login « %1 » est déjà pris : choisissez-en un autre."
                ).replace("%1", login),
                ui.loginEdit,
            )
        try:
            with store.atomic():
                user = User(login=login) if creating else User.get_by_id(self.selected_id)
                user.name = ui.nameEdit.text().strip()
                user.email = email or None
                user.time_zone = zone
                if creating or user.id != self.viewer.id:
                    user.is_admin = ui.adminCheck.isChecked()
                    user.active = ui.activeCheck.isChecked()
                user.save()
                self._save_rights(user)
        except peewee.IntegrityError:
            return self._refuse(
                QCoreApplication.translate(
                    "UsersDialog", "Le login « %1 » est déjà pris : choisissez-en un autre."
                ).replace("%1", login),
                ui.loginEdit,
            )
        return user

    def _refuse(self, text: str, widget: QWidget) -> User | None:
        """Say why the record cannot be saved, on its tab, the culprit focused; None."""
        self.ui.tabs.setCurrentWidget(self.ui.recordTab)
        widget.setFocus()
        self._say(text, error=True)
        return None

    def _save_rights(self, user: User) -> None:
        table = self.ui.rightsTable
        for row in range(table.rowCount()):
            target_id = table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            visible = table.item(row, 1).checkState() == Qt.CheckState.Checked
            agenda = table.item(row, 2).checkState() == Qt.CheckState.Checked
            existing = UserRight.get_or_none(
                UserRight.viewer == user, UserRight.target == target_id
            )
            if not (visible or agenda):
                if existing is not None:
                    existing.delete_instance()
                continue
            right = existing or UserRight(viewer=user, target=target_id)
            right.visible, right.agenda = visible or agenda, agenda
            right.save()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.sync_page.busy():
            self.sync_page.cancel_connect()
        super().closeEvent(event)

    def reject(self) -> None:
        if self.sync_page.busy():
            self.sync_page.cancel_connect()
        super().reject()
