"""Journal de synchronisation: every operation of every sync, filtered, newest first.

The table's model reads the log a page at a time (a count, then ``LIMIT/OFFSET`` pages as
the view scrolls), so a log of hundreds of thousands of lines opens as fast as a short one
and no widget is made per line. The selected line's details show its fields as indented
JSON: for a conflict, both values and the winner.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from typing import Any

import peewee
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QHeaderView, QStyle, QWidget

from crmsync.crm.models import User
from crmsync.gui.context import AppContext
from crmsync.gui.forms.ui_sync_log import Ui_SyncLogWindow
from crmsync.i18n import current_language
from crmsync.sync.state import SyncLogEntry

PAGE_SIZE = 200
# Pages kept in memory (the rest are read again when scrolled back to).
PAGES_KEPT = 25
AnyIndex = QModelIndex | QPersistentModelIndex

ALL_RESULTS = ""
OK = "ok"
ERRORS = "error"
CONFLICTS = "conflict"
OTHERS = "other"


def direction_text(direction: str) -> str:
    if direction == "crm->google":
        return QCoreApplication.translate("SyncLogModel", "CRM → Google")
    if direction == "google->crm":
        return QCoreApplication.translate("SyncLogModel", "Google → CRM")
    return ""


def operation_text(operation: str) -> str:
    names = {
        "insert": QCoreApplication.translate("SyncLogModel", "Création"),
        "create": QCoreApplication.translate("SyncLogModel", "Création"),
        "update": QCoreApplication.translate("SyncLogModel", "Modification"),
        "delete": QCoreApplication.translate("SyncLogModel", "Suppression"),
        "move": QCoreApplication.translate("SyncLogModel", "Changement de calendrier"),
        "conflict": QCoreApplication.translate("SyncLogModel", "Conflit"),
        "unlink": QCoreApplication.translate("SyncLogModel", "Lien retiré"),
        "guard": QCoreApplication.translate("SyncLogModel", "Garde-fou"),
        "etag": QCoreApplication.translate("SyncLogModel", "Modifié entre-temps"),
        "skip": QCoreApplication.translate("SyncLogModel", "Ignoré"),
        "refused": QCoreApplication.translate("SyncLogModel", "Refusé"),
        # a whole run that failed (its message says why and what to do)
        "sync": QCoreApplication.translate("SyncLogModel", "Synchronisation"),
    }
    return names.get(operation, operation)


def result_text(result: str) -> str:
    names = {
        "ok": QCoreApplication.translate("SyncLogModel", "Réussi"),
        "error": QCoreApplication.translate("SyncLogModel", "Erreur"),
        "kept": QCoreApplication.translate("SyncLogModel", "Conservé"),
        "refused": QCoreApplication.translate("SyncLogModel", "Refusé"),
        "waiting": QCoreApplication.translate("SyncLogModel", "En attente"),
        "skipped": QCoreApplication.translate("SyncLogModel", "Ignoré"),
        "deferred": QCoreApplication.translate("SyncLogModel", "Reporté"),
        "crm wins": QCoreApplication.translate("SyncLogModel", "Le CRM l'emporte"),
        "google wins": QCoreApplication.translate("SyncLogModel", "Google l'emporte"),
    }
    return names.get(result, result)


class LogFilter:
    """What the window shows: a user, a date range (days, in local time), a kind of result."""

    def __init__(
        self,
        user_id: int | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        result: str = ALL_RESULTS,
        users: list[int] | None = None,
    ) -> None:
        self.user_id = user_id
        self.since = since
        self.until = until
        self.result = result
        # The users the viewer may see at all (None: everyone).
        self.users = users

    def query(self) -> peewee.ModelSelect[SyncLogEntry]:
        query = SyncLogEntry.select()
        if self.user_id is not None:
            query = query.where(SyncLogEntry.user == self.user_id)
        elif self.users is not None:
            query = query.where(SyncLogEntry.user.in_(self.users))
        local = dt.datetime.now().astimezone().tzinfo
        if self.since is not None:
            start = dt.datetime.combine(self.since, dt.time(), tzinfo=local).astimezone(dt.UTC)
            query = query.where(SyncLogEntry.at >= start)
        if self.until is not None:
            end = dt.datetime.combine(self.until + dt.timedelta(days=1), dt.time(), tzinfo=local)
            query = query.where(SyncLogEntry.at < end.astimezone(dt.UTC))
        if self.result == OK:
            query = query.where(SyncLogEntry.result == "ok", SyncLogEntry.operation != "conflict")
        elif self.result == ERRORS:
            query = query.where(SyncLogEntry.result == "error")
        elif self.result == CONFLICTS:
            query = query.where(SyncLogEntry.operation == "conflict")
        elif self.result == OTHERS:
            query = query.where(
                SyncLogEntry.result.not_in(["ok", "error"]),
                SyncLogEntry.operation != "conflict",
            )
        return query


class SyncLogModel(QAbstractTableModel):
    """The log lines of a :class:`LogFilter`, read a page at a time."""

    COLUMNS = ("time", "user", "direction", "item", "operation", "result", "message")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filter = LogFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[SyncLogEntry]] = OrderedDict()
        self._names: dict[int, str] = {}
        self.pages_read = 0

    def set_filter(self, log_filter: LogFilter) -> None:
        self.beginResetModel()
        self._filter = log_filter
        self._pages.clear()
        self._names = {u.id: u.name or u.login for u in User.select(User.id, User.name, User.login)}
        self._count = log_filter.query().count()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def entry(self, row: int) -> SyncLogEntry:
        page_number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(page_number)
        if page is None:
            query = self._filter.query().order_by(SyncLogEntry.id.desc())
            page = list(query.offset(page_number * PAGE_SIZE).limit(PAGE_SIZE))
            self.pages_read += 1
            self._pages[page_number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        return page[min(offset, len(page) - 1)]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            QCoreApplication.translate("SyncLogModel", "Heure"),
            QCoreApplication.translate("SyncLogModel", "Utilisateur"),
            QCoreApplication.translate("SyncLogModel", "Sens"),
            QCoreApplication.translate("SyncLogModel", "Élément"),
            QCoreApplication.translate("SyncLogModel", "Opération"),
            QCoreApplication.translate("SyncLogModel", "Résultat"),
            QCoreApplication.translate("SyncLogModel", "Message"),
        )[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._count:
            return None
        entry = self.entry(index.row())
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "message":
            return entry.message or None
        if role == Qt.ItemDataRole.ForegroundRole and column == "result":
            if entry.result == "error":
                return QBrush(QColor("#b3261e"))
            if entry.operation == "conflict":
                return QBrush(QColor("#9a6700"))
        return None

    def _display(self, entry: SyncLogEntry, column: str) -> str:
        if column == "time":
            return f"{entry.at.astimezone():%d/%m/%Y %H:%M:%S}"
        if column == "user":
            return self._names.get(entry.user_id, str(entry.user_id))
        if column == "direction":
            return direction_text(entry.direction)
        if column == "item":
            return entry.item
        if column == "operation":
            return operation_text(entry.operation)
        if column == "result":
            return result_text(entry.result)
        return entry.message.splitlines()[0] if entry.message else ""


def details_text(entry: SyncLogEntry) -> str:
    """The whole line: what the table shows, the ids, and the fields as indented JSON."""
    rows = [
        (
            QCoreApplication.translate("SyncLogModel", "Heure"),
            f"{entry.at.astimezone():%d/%m/%Y %H:%M:%S}",
        ),
        (QCoreApplication.translate("SyncLogModel", "Sens"), direction_text(entry.direction)),
        (
            QCoreApplication.translate("SyncLogModel", "Opération"),
            operation_text(entry.operation),
        ),
        (QCoreApplication.translate("SyncLogModel", "Résultat"), result_text(entry.result)),
        (QCoreApplication.translate("SyncLogModel", "Élément"), entry.item),
        (
            QCoreApplication.translate("SyncLogModel", "Action du CRM"),
            "" if entry.crm_id is None else str(entry.crm_id),
        ),
        (QCoreApplication.translate("SyncLogModel", "Évènement Google"), entry.google_id),
    ]
    colon = " :" if current_language() == "fr" else ":"  # French puts a space before
    lines = [f"{caption}{colon} {value or '—'}" for caption, value in rows]
    if entry.message:
        caption = QCoreApplication.translate("SyncLogModel", "Message")
        lines += ["", f"{caption}{colon}", entry.message]
    if entry.fields:
        try:
            shown = json.dumps(json.loads(entry.fields), indent=2, ensure_ascii=False)
        except ValueError:
            shown = entry.fields
        caption = QCoreApplication.translate("SyncLogModel", "Champs")
        lines += ["", f"{caption}{colon}", shown]
    return "\n".join(lines)


class SyncLogWindow(QWidget):
    """The sync log, filtered by user, dates and result, with the selected line's details."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, user_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.ui = Ui_SyncLogWindow()
        self.ui.setupUi(self)
        self.setWindowIcon(
            QIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
        )
        self.context = context
        self.model = SyncLogModel(self)
        self.ui.table.setModel(self.model)
        header = self.ui.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((135, 130, 110, 240, 150, 120)):
            header.resizeSection(column, width)
        self.ui.table.verticalHeader().setDefaultSectionSize(
            self.ui.table.fontMetrics().height() + 8
        )
        self.ui.splitter.setStretchFactor(0, 3)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.details.setFont(self._fixed_font())

        self._visible = [u.id for u in context.visible_users("visible")]
        self.ui.user_combo.addItem(self.tr("Tous"), None)
        for user in context.visible_users("visible"):
            self.ui.user_combo.addItem(user.name or user.login, user.id)
        for value, label in (
            (ALL_RESULTS, self.tr("Tous")),
            (OK, self.tr("Réussis")),
            (ERRORS, self.tr("Erreurs")),
            (CONFLICTS, self.tr("Conflits")),
            (OTHERS, self.tr("Ignorés, refusés ou en attente")),
        ):
            self.ui.result_combo.addItem(label, value)
        today = QDate.currentDate()
        for edit in (self.ui.from_date, self.ui.to_date):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMaximumDate(today.addYears(1))
        self.ui.from_date.setDate(today.addDays(-30))
        self.ui.to_date.setDate(today)

        self.ui.user_combo.currentIndexChanged.connect(self.apply_filter)
        self.ui.result_combo.currentIndexChanged.connect(self.apply_filter)
        self.ui.from_date.dateChanged.connect(self.apply_filter)
        self.ui.to_date.dateChanged.connect(self.apply_filter)
        self.ui.refresh_button.clicked.connect(self.apply_filter)
        self.ui.table.selectionModel().currentRowChanged.connect(self._show_details)
        context.syncs.finished.connect(lambda *_: self.apply_filter())
        self.show_user(user_id)

    @staticmethod
    def _fixed_font() -> Any:
        from PySide6.QtGui import QFontDatabase

        return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    def show_user(self, user_id: int | None) -> None:
        """Show the log of ``user_id`` (None: of every user one may see)."""
        index = self.ui.user_combo.findData(user_id) if user_id is not None else 0
        self.ui.user_combo.blockSignals(True)
        self.ui.user_combo.setCurrentIndex(max(index, 0))
        self.ui.user_combo.blockSignals(False)
        self.apply_filter()

    def set_dates(self, since: dt.date, until: dt.date) -> None:
        for edit in (self.ui.from_date, self.ui.to_date):
            edit.blockSignals(True)
        self.ui.from_date.setDate(QDate(since.year, since.month, since.day))
        self.ui.to_date.setDate(QDate(until.year, until.month, until.day))
        for edit in (self.ui.from_date, self.ui.to_date):
            edit.blockSignals(False)
        self.apply_filter()

    def set_result(self, result: str) -> None:
        self.ui.result_combo.setCurrentIndex(max(self.ui.result_combo.findData(result), 0))

    def current_filter(self) -> LogFilter:
        since = self.ui.from_date.date().toPython()
        until = self.ui.to_date.date().toPython()
        if until < since:
            since, until = until, since
        return LogFilter(
            user_id=self.ui.user_combo.currentData(),
            since=since,  # type: ignore[arg-type]
            until=until,  # type: ignore[arg-type]
            result=self.ui.result_combo.currentData() or ALL_RESULTS,
            users=None if self.context.current_user.is_admin else self._visible,
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self.ui.count_label.setText(self.tr("%n ligne(s)", "", self.model.rowCount()))
        self.ui.details.clear()
        if self.model.rowCount():
            self.ui.table.selectRow(0)

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.ui.details.clear()
            return
        self.ui.details.setPlainText(details_text(self.model.entry(current.row())))
