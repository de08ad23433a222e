"""A user's contacts-to-sync list: the table accepting drops from the contact list, the
searchable picker behind « Ajouter », and the capped add of many contacts at once."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import peewee
from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from crmsync.crm import db as store
from crmsync.crm.models import MAX_CONTACTS_PER_USER, Company, Contact, ContactToSync, User
from crmsync.gui.forms.ui_contact_picker import Ui_ContactPickerDialog
from crmsync.gui.tables import RowTableModel

#: What the contact list puts on a drag: a JSON list of contact ids.
CONTACT_IDS_MIME = "application/x-crmsync-contact-ids"
#: Contacts one user may sync to Google (FTC019 §3.6).
CONTACTS_CAP = MAX_CONTACTS_PER_USER


def contact_ids_from_mime(mime: QMimeData) -> list[int]:
    """The contact ids carried by a drag, or [] when it carries none (or garbage)."""
    if not mime.hasFormat(CONTACT_IDS_MIME):
        return []
    try:
        data = json.loads(bytes(mime.data(CONTACT_IDS_MIME).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [v for v in data if isinstance(v, int) and not isinstance(v, bool)]


def contact_ids_mime(ids: Iterable[int]) -> QMimeData:
    """A drag's payload for ``ids`` (what the contact list sends)."""
    mime = QMimeData()
    mime.setData(CONTACT_IDS_MIME, json.dumps(list(ids)).encode("utf-8"))
    return mime


@dataclass
class AddOutcome:
    """What adding contacts to a list did."""

    added: list[Contact] = field(default_factory=list)
    already: int = 0
    left_out: list[Contact] = field(default_factory=list)
    unknown: int = 0


def add_contacts(user: User, ids: Sequence[int], cap: int = CONTACTS_CAP) -> AddOutcome:
    """Add the live contacts ``ids`` to ``user``'s list, in order, up to ``cap`` in all;
    what does not fit is returned in ``left_out``, never dropped silently."""
    from crmsync.crm.contact_list import add_contacts_to_sync

    change = add_contacts_to_sync(user, list(dict.fromkeys(ids)), cap=cap)
    wanted = change.changed + change.left_out
    found = {c.id: c for c in Contact.select().where(Contact.id.in_(wanted))} if wanted else {}
    return AddOutcome(
        added=[found[i] for i in change.changed if i in found],
        already=len(change.unchanged),
        left_out=[found[i] for i in change.left_out if i in found],
        unknown=len(change.unknown) + len(change.deleted),
    )


def remove_contacts(user: User, ids: Sequence[int]) -> int:
    with store.atomic():
        return (
            ContactToSync.delete()
            .where(ContactToSync.user == user, ContactToSync.contact.in_(list(ids)))
            .execute()
        )


def company_name(contact: Contact) -> str:
    # The id, not the relation, tells whether there is a company: no query for none.
    if getattr(contact, "company_id", None) is None:
        return ""
    company = contact.company
    return company.name if company is not None else ""


class ContactDropTable(QTableWidget):
    """The contacts to sync; accepts dropped contact ids, offers Ajouter / Retirer."""

    contacts_dropped = Signal(list)
    add_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("Société"), self.tr("Nom"), self.tr("Ville")])
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        # by name, A to Z (a header's indicator starts on Z to A, and not every contact
        # has a company: sorted by company, those without one came first, blank)
        self.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.verticalHeader().setVisible(False)
        # The company takes what the name and the city leave: a long company name is cut
        # short, on one line, rather than pushing the city out of sight.
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.allow_edit = True

    def set_contacts(self, contacts: Sequence[Contact]) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(len(contacts))
        for row, contact in enumerate(contacts):
            for column, text in enumerate(
                (company_name(contact), contact.display_name, contact.city)
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, contact.id)
                self.setItem(row, column, item)
        self.setSortingEnabled(True)
        self.resizeColumnToContents(1)
        self.resizeColumnToContents(2)

    def _id_at(self, row: int) -> int:
        item = self.item(row, 0)
        assert item is not None
        return int(item.data(Qt.ItemDataRole.UserRole))

    def contact_ids(self) -> list[int]:
        return [self._id_at(row) for row in range(self.rowCount())]

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectedIndexes()})
        return [self._id_at(row) for row in rows]

    # --- dropping contacts ----------------------------------------------------------------

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CONTACT_IDS_MIME]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.allow_edit and event.mimeData().hasFormat(CONTACT_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self.allow_edit and event.mimeData().hasFormat(CONTACT_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = contact_ids_from_mime(event.mimeData()) if self.allow_edit else []
        if not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.contacts_dropped.emit(ids)

    def dropMimeData(  # noqa: N802
        self, row: int, column: int, data: QMimeData, action: Qt.DropAction
    ) -> bool:
        ids = contact_ids_from_mime(data) if self.allow_edit else []
        if ids:
            self.contacts_dropped.emit(ids)
        return bool(ids)

    # --- context menu ---------------------------------------------------------------------

    def build_menu(self) -> QMenu:
        menu = QMenu(self)
        add = menu.addAction(self.tr("Ajouter…"))
        add.triggered.connect(self.add_requested)
        remove = menu.addAction(self.tr("Retirer"))
        remove.triggered.connect(self.remove_requested)
        add.setEnabled(self.allow_edit)
        remove.setEnabled(self.allow_edit and bool(self.selected_ids()))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.build_menu().exec(event.globalPos())


class _ContactFilter(QSortFilterProxyModel):
    """Keeps the rows whose every typed word appears in one of the row's columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        # Qt 6.9 brackets a filter change; invalidateFilter() is deprecated since.
        self.beginFilterChange()
        self._words = [w.casefold() for w in text.split()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = " ".join(
            str(model.index(source_row, c, source_parent).data() or "")
            for c in range(model.columnCount())
        ).casefold()
        return all(word in haystack for word in self._words)


class ContactPickerDialog(QDialog):
    """Search the live contacts not yet in the list and pick some."""

    def __init__(self, exclude: Iterable[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ContactPickerDialog()
        self.ui.setupUi(self)
        excluded = set(exclude)
        contacts = [
            c
            for c in Contact.select(Contact, Company)
            .join(Company, peewee.JOIN.LEFT_OUTER, on=(Contact.company == Company.id))
            .where(Contact.deleted_at.is_null())
            .order_by(Contact.last_name, Contact.first_name)
            if c.id not in excluded
        ]
        self.model = RowTableModel(
            [
                (self.tr("Nom"), lambda c: c.display_name),
                (self.tr("Société"), company_name),
                (self.tr("Ville"), lambda c: c.city),
                (self.tr("E-mail"), lambda c: c.email),
            ],
            self,
        )
        self.model.set_rows(contacts)
        self.proxy = _ContactFilter(self)
        self.proxy.setSourceModel(self.model)
        self.ui.contactsView.setModel(self.proxy)
        self.ui.contactsView.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.ui.contactsView.resizeColumnsToContents()
        self.ui.searchEdit.textChanged.connect(self._search)
        self.ui.contactsView.doubleClicked.connect(lambda _index: self.accept())
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Ajouter"))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.contactsView.selectionModel().selectionChanged.connect(self._update)
        self._update()

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update()

    def _update(self) -> None:
        selected = len(self.selected_ids())
        self.ui.countLabel.setText(
            self.tr("%1 contact(s) affiché(s), %2 sélectionné(s)")
            .replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(selected))
        )
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(selected > 0)

    def selected_ids(self) -> list[int]:
        rows = {
            self.proxy.mapToSource(index).row()
            for index in self.ui.contactsView.selectionModel().selectedRows()
        }
        return [self.model.row(r).id for r in sorted(rows)]

    def select_all_shown(self) -> None:
        self.ui.contactsView.selectAll()
