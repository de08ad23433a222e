"""Read-only table models over rows loaded from the CRM store, and the main window's first
pages: the agenda and the contacts as lists (until the week view and the contact page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

import peewee
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmsync.crm.models import Action, Company, Contact, User
from crmsync.gui.context import AppContext

# (header, getter); the header is a source string, translated when shown.
Column = tuple[Any, Callable[[Any], Any]]
AnyIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Shows a list of rows through (header, getter) columns."""

    def __init__(self, columns: Sequence[Column], parent: Any = None, *, context: str = "") -> None:
        super().__init__(parent)
        self._columns = list(columns)
        # The translation context of the headers (they are shown translated when given).
        self._context = context
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> Any:
        return self._rows[number]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        value = self._columns[index.column()][1](self._rows[index.row()])
        return "" if value is None else str(value)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            header = self._columns[section][0]
            return (
                QCoreApplication.translate(self._context, str(header)) if self._context else header
            )
        return None


# --- the interim pages of the main window -------------------------------------------------


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


def _table(model: RowTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class AgendaTablePage(QWidget):
    """The actions of one of the users the current user may see, as a list."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.user_caption = QLabel()
        bar.addWidget(self.user_caption)
        self.user_combo = QComboBox()
        self.user_combo.currentIndexChanged.connect(self.load)
        bar.addWidget(self.user_combo, 1)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        self._zone = ZoneInfo("Europe/Paris")
        yes = str(QT_TRANSLATE_NOOP("AgendaTablePage", "Oui"))
        self.model = RowTableModel(
            [
                (QT_TRANSLATE_NOOP("AgendaTablePage", "Date"), lambda a: _when(a, self._zone)),
                (QT_TRANSLATE_NOOP("AgendaTablePage", "Type"), lambda a: a.action_type.label),
                (QT_TRANSLATE_NOOP("AgendaTablePage", "Titre"), lambda a: a.title),
                (QT_TRANSLATE_NOOP("AgendaTablePage", "Lieu"), lambda a: a.location),
                (
                    QT_TRANSLATE_NOOP("AgendaTablePage", "Privé"),
                    lambda a: self.tr(yes) if a.private else "",
                ),
                (
                    QT_TRANSLATE_NOOP("AgendaTablePage", "Rappel"),
                    lambda a: f"{a.reminder_minutes} min" if a.reminder else "",
                ),
                (
                    QT_TRANSLATE_NOOP("AgendaTablePage", "Série"),
                    lambda a: self.tr(yes) if a.series_id else "",
                ),
            ],
            self,
            context="AgendaTablePage",
        )
        self.view = _table(self.model)
        layout.addWidget(self.view)
        self.retranslate()
        context.changed.connect(self._changed)
        self.reload()

    def retranslate(self) -> None:
        self.user_caption.setText(self.tr("Utilisateur :"))
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self._count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _changed(self, what: str, user_id: int) -> None:
        if what in ("actions", "users") and user_id in (0, self.user_combo.currentData()):
            self.load()
        elif what == "users":
            self.reload()

    def reload(self) -> None:
        """Read the users again, keeping the one shown (the current user at first)."""
        current = self.user_combo.currentData()
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        for user in self.context.visible_users("agenda"):
            self.user_combo.addItem(f"{user.name} ({user.login})", user.id)
        index = self.user_combo.findData(
            current if current is not None else self.context.current_user_id
        )
        self.user_combo.setCurrentIndex(max(index, 0))
        self.user_combo.blockSignals(False)
        self.load()

    def load(self) -> None:
        user_id = self.user_combo.currentData()
        if user_id is None:
            self.model.set_rows([])
            self._count()
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
        self.model.set_rows(actions)
        self._count()
        self.view.resizeColumnsToContents()
        # open on today rather than on the oldest action of the period
        now = dt.datetime.now(dt.UTC)
        upcoming = next((i for i, a in enumerate(actions) if moment(a) >= now), None)
        if upcoming is not None:
            self.view.scrollTo(self.model.index(upcoming, 0), QTableView.ScrollHint.PositionAtTop)

    def _count(self) -> None:
        if self.user_combo.currentData() is None:
            self.count_label.setText("")
        else:
            self.count_label.setText(
                self.tr("Nombre d'actions : %1").replace("%1", str(self.model.rowCount()))
            )


class ContactsTablePage(QWidget):
    """The CRM's live contacts, as a list."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        yes = str(QT_TRANSLATE_NOOP("ContactsTablePage", "Oui"))
        self.model = RowTableModel(
            [
                (
                    QT_TRANSLATE_NOOP("ContactsTablePage", "Société"),
                    lambda c: c.company.name if c.company_id else "",
                ),
                (QT_TRANSLATE_NOOP("ContactsTablePage", "Nom"), lambda c: c.display_name),
                (QT_TRANSLATE_NOOP("ContactsTablePage", "Fonction"), lambda c: c.function),
                (QT_TRANSLATE_NOOP("ContactsTablePage", "E-mail"), lambda c: c.email),
                (QT_TRANSLATE_NOOP("ContactsTablePage", "Téléphone"), lambda c: c.phone),
                (QT_TRANSLATE_NOOP("ContactsTablePage", "Portable"), lambda c: c.mobile),
                (QT_TRANSLATE_NOOP("ContactsTablePage", "Ville"), lambda c: c.city),
                (
                    QT_TRANSLATE_NOOP("ContactsTablePage", "Photo"),
                    lambda c: self.tr(yes) if c.photo else "",
                ),
            ],
            self,
            context="ContactsTablePage",
        )
        self.view = _table(self.model)
        layout.addWidget(self.view)
        context.changed.connect(self._changed)
        self.reload()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
            )
            self._count()
        super().changeEvent(event)

    def _changed(self, what: str, _user_id: int) -> None:
        if what == "contacts":
            self.reload()

    def reload(self) -> None:
        contacts = list(
            Contact.select(Contact, Company)
            .join(Company, peewee.JOIN.LEFT_OUTER)
            .where(Contact.deleted_at.is_null())
            .order_by(Contact.last_name, Contact.first_name)
        )
        self.model.set_rows(contacts)
        self._count()
        self.view.resizeColumnsToContents()

    def _count(self) -> None:
        self.count_label.setText(
            self.tr("Nombre de contacts : %1").replace("%1", str(self.model.rowCount()))
        )
