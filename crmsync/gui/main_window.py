"""The main window: the agenda of a user and the contact list, read from the CRM store."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmsync.crm.models import Action, Contact, User
from crmsync.gui.tables import RowTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _when(action: Action, zone: ZoneInfo) -> str:
    if action.all_day:
        if action.start_date == action.end_date:
            return f"{action.start_date:%d/%m/%Y}"
        return f"{action.start_date:%d/%m/%Y} → {action.end_date:%d/%m/%Y}"
    start = action.start.astimezone(zone)
    end = action.end.astimezone(zone)
    if start.date() == end.date():
        return f"{start:%d/%m/%Y %H:%M}–{end:%H:%M}"
    return f"{start:%d/%m/%Y %H:%M} → {end:%d/%m/%Y %H:%M}"


class MainWindow(QMainWindow):
    """Agenda and contacts of the CRM, with the database and Google endpoint in the status bar."""

    def __init__(self, database_label: str, google_label: str = "") -> None:
        super().__init__()
        self.setWindowTitle(f"crmsync — {database_label}")
        self.resize(1100, 700)
        self._build_menus()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_agenda_tab(), tr("Agenda"))
        self.tabs.addTab(self._build_contacts_tab(), tr("Contacts"))
        self.setCentralWidget(self.tabs)

        self.statusBar().addWidget(QLabel(tr("Base : %s") % database_label))
        if google_label:
            self.statusBar().addPermanentWidget(QLabel(google_label))
        self.reload()

    # --- building ---------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&Fichier"))
        quit_action = QAction(tr("&Quitter"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        prospection = self.menuBar().addMenu(tr("&Prospection"))
        agenda_action = QAction(tr("&Agenda"), self)
        agenda_action.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        prospection.addAction(agenda_action)
        contacts_action = QAction(tr("&Contacts"), self)
        contacts_action.triggered.connect(lambda: self.tabs.setCurrentIndex(1))
        prospection.addAction(contacts_action)
        self.prospection_menu = prospection

    def _build_agenda_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Utilisateur :")))
        self.user_combo = QComboBox()
        self.user_combo.currentIndexChanged.connect(self._load_agenda)
        bar.addWidget(self.user_combo, 1)
        self.agenda_count = QLabel()
        bar.addWidget(self.agenda_count)
        layout.addLayout(bar)
        self._zone = ZoneInfo("Europe/Paris")
        self.agenda_model = RowTableModel(
            [
                (tr("Date"), lambda a: _when(a, self._zone)),
                (tr("Type"), lambda a: a.action_type.label),
                (tr("Titre"), lambda a: a.title),
                (tr("Lieu"), lambda a: a.location),
                (tr("Privé"), lambda a: tr("Oui") if a.private else ""),
                (tr("Rappel"), lambda a: f"{a.reminder_minutes} min" if a.reminder else ""),
                (tr("Série"), lambda a: tr("Oui") if a.series_id else ""),
            ],
            self,
        )
        self.agenda_view = self._table(self.agenda_model)
        layout.addWidget(self.agenda_view)
        return page

    def _build_contacts_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.contacts_count = QLabel()
        layout.addWidget(self.contacts_count)
        self.contacts_model = RowTableModel(
            [
                (tr("Société"), lambda c: c.company.name if c.company_id else ""),
                (tr("Nom"), lambda c: c.display_name),
                (tr("Fonction"), lambda c: c.function),
                (tr("E-mail"), lambda c: c.email),
                (tr("Téléphone"), lambda c: c.phone),
                (tr("Portable"), lambda c: c.mobile),
                (tr("Ville"), lambda c: c.city),
                (tr("Photo"), lambda c: tr("Oui") if c.photo else ""),
            ],
            self,
        )
        self.contacts_view = self._table(self.contacts_model)
        layout.addWidget(self.contacts_view)
        return page

    def _table(self, model: RowTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # --- data -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read users and contacts again from the store."""
        current = self.user_combo.currentData()
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        for user in User.select().where(User.active).order_by(User.name):
            self.user_combo.addItem(f"{user.name} ({user.login})", user.id)
        index = self.user_combo.findData(current) if current is not None else -1
        if index < 0:
            # the first user with an agenda, not the admin, is the more telling start
            index = next(
                (
                    i
                    for i in range(self.user_combo.count())
                    if Action.live().where(Action.owner == self.user_combo.itemData(i)).exists()
                ),
                0,
            )
        self.user_combo.setCurrentIndex(index)
        self.user_combo.blockSignals(False)
        self._load_agenda()
        contacts = list(
            Contact.select(Contact, Contact.company)
            .where(Contact.deleted_at.is_null())
            .order_by(Contact.last_name, Contact.first_name)
        )
        self.contacts_model.set_rows(contacts)
        self.contacts_count.setText(tr("Nombre de contacts : %d") % len(contacts))
        self.contacts_view.resizeColumnsToContents()

    def _load_agenda(self) -> None:
        user_id = self.user_combo.currentData()
        if user_id is None:
            self.agenda_model.set_rows([])
            self.agenda_count.setText("")
            return
        user = User.get_by_id(user_id)
        self._zone = ZoneInfo(user.time_zone)
        actions = list(
            Action.live()
            .where(Action.owner == user_id)
            .join_from(Action, Action.action_type.rel_model)
        )
        far = dt.datetime.max.replace(tzinfo=dt.UTC)

        def moment(a: Action) -> dt.datetime:
            if a.all_day and a.start_date is not None:
                return dt.datetime.combine(a.start_date, dt.time(), tzinfo=self._zone)
            return a.start or far

        actions.sort(key=moment)
        self.agenda_model.set_rows(actions)
        self.agenda_count.setText(tr("Nombre d'actions : %d") % len(actions))
        self.agenda_view.resizeColumnsToContents()
        # open on today rather than on the oldest action of the period
        now = dt.datetime.now(dt.UTC)
        upcoming = next((i for i, a in enumerate(actions) if moment(a) >= now), None)
        if upcoming is not None:
            self.agenda_view.scrollTo(
                self.agenda_model.index(upcoming, 0), QTableView.ScrollHint.PositionAtTop
            )
