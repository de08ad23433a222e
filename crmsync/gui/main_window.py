"""The main window: the menus, the agenda and contacts pages, the sync status and tray.

Menus: **Dossier** (Préférences dossier…, Quitter), **Fichier** (Utilisateurs…),
**Prospection** (Agenda, Contacts, Synchronisation…, Journal de synchronisation),
**Aide** (À propos). The window is opened for the signed-in user (``AppContext``); it starts
the syncs nobody clicks (:mod:`crmsync.gui.background`) once it is shown.
"""

from __future__ import annotations

import importlib.util
import logging

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from crmsync.gui import context as app_context
from crmsync.gui.about import AboutDialog
from crmsync.gui.background import BackgroundSyncs
from crmsync.gui.context import AppContext
from crmsync.gui.i18n import resources_dir
from crmsync.gui.status_bar import SyncIndicator, TrayNotifier
from crmsync.gui.sync_log_window import SyncLogWindow
from crmsync.gui.tables import AgendaTablePage, ContactsTablePage

log = logging.getLogger(__name__)

AGENDA_PAGE = 0
CONTACTS_PAGE = 1


def app_icon() -> QIcon:
    path = resources_dir() / "icons" / "crmsync.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def _available(module: str) -> bool:
    """Whether a part of the GUI is installed (the users dialog, the sync wizard)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


class MainWindow(QMainWindow):
    """crmsync's window, for the user signed in on ``context``."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        background: bool = True,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.resize(1180, 760)
        self.setWindowIcon(app_icon())
        self._log_window: SyncLogWindow | None = None
        self._read_user()

        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.agenda_page: QWidget = AgendaTablePage(context)
        self.contacts_page: QWidget = ContactsTablePage(context)
        self.pages.addTab(self.agenda_page, "")
        self.pages.addTab(self.contacts_page, "")
        self.setCentralWidget(self.pages)

        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.background = BackgroundSyncs(context, self)
        self.tray = TrayNotifier(context.syncs, self.windowIcon(), self)
        context.changed.connect(self._context_changed)
        self.retranslate()
        if background:
            # once the event loop runs: the window is shown before any sync starts
            QTimer.singleShot(0, self.background.start)

    # --- building -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.action_folder_prefs = QAction(self)
        self.action_folder_prefs.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action_folder_prefs.triggered.connect(self.open_folder_prefs)
        self.action_quit = QAction(self)
        self.action_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_quit.triggered.connect(self.close)
        self.action_users = QAction(self)
        self.action_users.triggered.connect(self.open_users)
        self.action_agenda = QAction(self)
        self.action_agenda.setShortcut(QKeySequence("Ctrl+1"))
        self.action_agenda.triggered.connect(lambda: self.pages.setCurrentIndex(AGENDA_PAGE))
        self.action_contacts = QAction(self)
        self.action_contacts.setShortcut(QKeySequence("Ctrl+2"))
        self.action_contacts.triggered.connect(lambda: self.pages.setCurrentIndex(CONTACTS_PAGE))
        self.action_sync_wizard = QAction(self)
        self.action_sync_wizard.setShortcut(QKeySequence("F9"))
        self.action_sync_wizard.triggered.connect(self.open_sync_wizard)
        self.action_sync_log = QAction(self)
        self.action_sync_log.triggered.connect(lambda: self.open_sync_log())
        self.action_about = QAction(self)
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.action_about.triggered.connect(self.open_about)

        admin = bool(self.context.current_user.is_admin)
        self.action_folder_prefs.setEnabled(admin)
        # built apart; enabled once they are part of the app
        self.action_users.setEnabled(_available("crmsync.gui.users_dialog"))
        self.action_sync_wizard.setEnabled(_available("crmsync.gui.sync_wizard"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_folder = bar.addMenu("")
        self.menu_folder.addAction(self.action_folder_prefs)
        self.menu_folder.addSeparator()
        self.menu_folder.addAction(self.action_quit)
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.action_users)
        self.menu_prospection = bar.addMenu("")
        self.menu_prospection.addAction(self.action_agenda)
        self.menu_prospection.addAction(self.action_contacts)
        self.menu_prospection.addSeparator()
        self.menu_prospection.addAction(self.action_sync_wizard)
        self.menu_prospection.addAction(self.action_sync_log)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.action_about)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.sync_indicator = SyncIndicator(self.context.syncs, self)
        self.sync_indicator.open_log.connect(self.open_sync_log)
        status.addWidget(self.sync_indicator)
        self.user_label = QLabel()
        status.addPermanentWidget(self.user_label)
        self.google_label = QLabel(self.context.google_label)
        self.google_label.setVisible(bool(self.context.google_label))
        status.addPermanentWidget(self.google_label)

    def retranslate(self) -> None:
        """Every text of the window, in the language installed now."""
        self.menu_folder.setTitle(self.tr("&Dossier"))
        self.menu_file.setTitle(self.tr("&Fichier"))
        self.menu_prospection.setTitle(self.tr("&Prospection"))
        self.menu_help.setTitle(self.tr("&Aide"))
        self.action_folder_prefs.setText(self.tr("&Préférences dossier…"))
        self.action_quit.setText(self.tr("&Quitter"))
        self.action_users.setText(self.tr("&Utilisateurs…"))
        self.action_agenda.setText(self.tr("&Agenda"))
        self.action_contacts.setText(self.tr("&Contacts"))
        self.action_sync_wizard.setText(self.tr("&Synchronisation…"))
        self.action_sync_log.setText(self.tr("&Journal de synchronisation"))
        self.action_about.setText(self.tr("À &propos"))
        self.pages.setTabText(AGENDA_PAGE, self.tr("Agenda"))
        self.pages.setTabText(CONTACTS_PAGE, self.tr("Contacts"))
        self._show_user()

    def _read_user(self) -> None:
        user = self.context.current_user
        self._user = (user.name or user.login, user.login, bool(user.is_admin))

    def _show_user(self) -> None:
        name, login, admin = self._user
        who = f"{name} ({login})"
        if admin:
            who += " — " + self.tr("administrateur")
        self.user_label.setText(self.tr("Utilisateur : {user}").format(user=who))
        where = self.context.database_label
        self.setWindowTitle(" — ".join(p for p in ("crmsync", name, where) if p))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- pages --------------------------------------------------------------------------

    def set_pages(self, agenda: QWidget, contacts: QWidget) -> None:
        """Put the real agenda and contacts pages in place of the lists."""
        current = self.pages.currentIndex()
        for index, page in ((AGENDA_PAGE, agenda), (CONTACTS_PAGE, contacts)):
            old = self.pages.widget(index)
            self.pages.removeTab(index)
            self.pages.insertTab(index, page, "")
            if old is not None and old is not page:
                old.deleteLater()
        self.agenda_page, self.contacts_page = agenda, contacts
        self.pages.setCurrentIndex(max(current, 0))
        self.retranslate()

    # --- the menus' windows ---------------------------------------------------------------

    def open_folder_prefs(self) -> None:
        from crmsync.gui import i18n as gui_i18n
        from crmsync.gui.folder_prefs import FolderPrefsDialog

        if not self.context.current_user.is_admin:
            return
        dialog = FolderPrefsDialog(self.context, self)
        if dialog.exec() and dialog.language_changed:
            gui_i18n.install()  # every window gets a LanguageChange and translates itself

    def open_users(self) -> QWidget:
        """Fichier → Utilisateurs… (the users dialog), window-modal, without blocking."""
        from crmsync.gui.users_dialog import UsersDialog

        dialog = UsersDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_sync_wizard(self) -> QWidget:
        """Prospection → Synchronisation… (the manual sync wizard), without blocking."""
        from crmsync.gui.sync_wizard import SyncWizard

        wizard = SyncWizard(self.context, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def use_real_pages(self) -> None:
        """The week view and the contact page in place of the lists."""
        from crmsync.gui.agenda.page import AgendaPage
        from crmsync.gui.contacts_page import ContactsPage

        self.set_pages(AgendaPage(self.context), ContactsPage(self.context))

    def open_sync_log(self, user_id: int | None = None) -> SyncLogWindow:
        """Show the sync log (on ``user_id``'s lines when given), reusing the open window."""
        if self._log_window is None:
            self._log_window = SyncLogWindow(self.context, self, user_id)
        else:
            self._log_window.show_user(user_id)
        self._log_window.show()
        self._log_window.raise_()
        self._log_window.activateWindow()
        return self._log_window

    def open_about(self) -> AboutDialog:
        dialog = AboutDialog(self.context, self.windowIcon(), self)
        dialog.open()
        return dialog

    # --- life -----------------------------------------------------------------------------

    def _context_changed(self, what: str, _user_id: int) -> None:
        if what == app_context.USERS:
            self._read_user()
            self._show_user()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.background.stop()
        self.tray.hide()
        if self._log_window is not None:
            self._log_window.close()
        super().closeEvent(event)
