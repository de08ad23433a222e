"""The contact list: photos, a search that ignores accents, and the list of contacts to sync.

The table reads the contacts' text in one query; photos stay in the store until a row is
shown, then are decoded once, scaled to a thumbnail and kept (a corrupt photo gets a drawn
placeholder). The context menu's « Contact à synchroniser » puts the selected contacts in
(or takes them out of) the current user's list of contacts pushed to Google; the selected
contacts can also be dragged, as ``application/x-crmsync-contact-ids`` (a JSON list of ids),
onto the list in the user's sync preferences.
"""

from __future__ import annotations

import io
import json
import logging
import unicodedata
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn
from PIL import Image, ImageOps
from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmsync.crm.models import MAX_CONTACTS_PER_USER, Company, Contact, ContactToSync
from crmsync.gui.context import CONTACTS, USERS, AppContext
from crmsync.gui.workers import TaskControl, Workers

log = logging.getLogger(__name__)

# The MIME type of dragged contacts: a JSON list of contact ids.
CONTACT_IDS_MIME = "application/x-crmsync-contact-ids"
THUMBNAIL_SIZE = 32
# Thumbnails kept in memory (a few screens' worth is enough to scroll smoothly).
THUMBNAIL_CACHE = 2000
# Photos larger than this are not decoded for a thumbnail (a placeholder shows instead).
MAX_PHOTO_BYTES = 20 * 1024 * 1024
# Photos decoded per worker task: enough to fill a screen, few enough to show soon.
DECODE_BATCH = 24

AnyIndex = QModelIndex | QPersistentModelIndex

MARK, PHOTO, COMPANY, NAME, FUNCTION, EMAIL, PHONE, MOBILE, CITY = range(9)
# A role giving the row's contact id.
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def fold(text: str) -> str:
    """``text`` without accents and case, for searching: "Élodie" → "elodie"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class ContactRow:
    id: int
    company: str
    name: str
    function: str
    email: str
    phone: str
    mobile: str
    city: str
    has_photo: bool
    search_key: str


def load_contacts() -> list[ContactRow]:
    """Every live contact's text (not its photo), in one query, by name."""
    query = (
        Contact.live()
        .select(
            Contact.id,
            Contact.civility,
            Contact.first_name,
            Contact.last_name,
            Contact.function,
            Contact.email,
            Contact.phone,
            Contact.mobile,
            Contact.city,
            fn.COALESCE(fn.LENGTH(Contact.photo), 0).alias("photo_size"),
            Company.name.alias("company_name"),
        )
        .join(Company, on=(Contact.company == Company.id), join_type=JOIN.LEFT_OUTER)
        .order_by(Contact.last_name, Contact.first_name, Contact.id)
        .dicts()
    )
    rows = []
    row: dict[str, Any]
    for row in query:  # type: ignore[assignment]
        name = " ".join(p for p in (row["last_name"], row["first_name"]) if p)
        texts = (
            row["company_name"] or "",
            name,
            row["function"],
            row["email"],
            row["phone"],
            row["mobile"],
            row["city"],
        )
        rows.append(
            ContactRow(
                row["id"],
                *texts,
                has_photo=bool(row["photo_size"]),
                search_key=fold(" ".join(t for t in texts if t)),
            )
        )
    return rows


def thumbnail(data: bytes | None, size: int = THUMBNAIL_SIZE) -> QImage | None:
    """A square thumbnail of image bytes (turned upright, cropped to fill); None when the
    bytes are not an image Pillow can read."""
    if not data or len(data) > MAX_PHOTO_BYTES:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a fraction
                upright = ImageOps.exif_transpose(image)
                if upright.mode not in ("RGB", "RGBA", "L"):
                    upright = upright.convert("RGBA")  # palettes resize badly
                # The centred square, scaled in one step (reducing first: fast on big photos).
                width, height = upright.size
                side = min(width, height)
                box = ((width - side) // 2, (height - side) // 2)
                square = upright.resize(
                    (size, size),
                    Image.Resampling.BILINEAR,
                    box=(box[0], box[1], box[0] + side, box[1] + side),
                    reducing_gap=2.0,
                ).convert("RGBA")
    except Exception as exc:  # noqa: BLE001 - any unreadable photo gets the placeholder
        log.debug("photo not readable: %s", exc.__class__.__name__)
        return None
    raw = square.tobytes("raw", "RGBA")
    return QImage(raw, size, size, size * 4, QImage.Format.Format_RGBA8888).copy()


def placeholder(initials: str, size: int = THUMBNAIL_SIZE) -> QPixmap:
    """A grey disc with the contact's initials, for contacts without a readable photo."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#c5cae9"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(0, 0, size, size))
    font = QFont()
    font.setPixelSize(int(size * 0.4))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#303f9f"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials)
    painter.end()
    return pixmap


def _rounded(image: QImage) -> QPixmap:
    size = image.width()
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(QRectF(0, 0, size, size))
    painter.setClipPath(path)
    painter.drawImage(0, 0, image)
    painter.end()
    return pixmap


def _initials(row: ContactRow) -> str:
    parts = [p for p in row.name.split() if p]
    return "".join(p[0] for p in parts[:2]).upper() or "?"


def decode_photos(contact_ids: Sequence[int], control: TaskControl) -> dict[int, QImage | None]:
    """Thumbnails of these contacts' photos (run on a worker: QImage, not QPixmap)."""
    query = Contact.select(Contact.id, Contact.photo).where(Contact.id.in_(list(contact_ids)))
    found: dict[int, QImage | None] = {contact_id: None for contact_id in contact_ids}
    for contact in query:
        if control.cancelled():
            break
        found[contact.id] = thumbnail(bytes(contact.photo) if contact.photo else None)
    return found


class ContactsModel(QAbstractTableModel):
    """Contacts as table rows; thumbnails decoded on first display, on a worker, and kept.

    Until its photo is decoded a row shows the initials placeholder, so scrolling never
    waits for an image.
    """

    def __init__(self, workers: Workers | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self.rows: list[ContactRow] = []
        self.in_list: set[int] = set()
        self._row_of: dict[int, int] = {}
        self._thumbnails: OrderedDict[int, QPixmap] = OrderedDict()
        self._placeholders: dict[str, QPixmap] = {}
        self._queue: list[int] = []
        self._waiting: set[int] = set()
        self._decoding = False
        self._generation = 0
        # How many photos were decoded, for the tests and the benchmark.
        self.decoded = 0
        self.headers = [
            "",
            "",
            self.tr("Société"),
            self.tr("Nom"),
            self.tr("Fonction"),
            self.tr("E-mail"),
            self.tr("Téléphone"),
            self.tr("Portable"),
            self.tr("Ville"),
        ]

    def set_rows(self, rows: Sequence[ContactRow], in_list: set[int]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._row_of = {row.id: number for number, row in enumerate(self.rows)}
        self.in_list = set(in_list)
        self._thumbnails.clear()
        self._queue.clear()
        self._waiting.clear()
        self._generation += 1  # photos decoded for the old rows are not kept
        self.endResetModel()

    def decoding(self) -> bool:
        """Are photos waiting to be decoded?"""
        return bool(self._waiting)

    def set_in_list(self, in_list: set[int]) -> None:
        self.in_list = set(in_list)
        if self.rows:
            self.dataChanged.emit(self.index(0, MARK), self.index(len(self.rows) - 1, MARK))

    def forget_photo(self, contact_id: int) -> None:
        self._thumbnails.pop(contact_id, None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == MARK:
            return self.tr("Dans ma liste de contacts à synchroniser avec Google")
        if role == Qt.ItemDataRole.ToolTipRole and section == PHOTO:
            return self.tr("Photo")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == CONTACT_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == MARK:
                return "✓" if row.id in self.in_list else ""
            if column == PHOTO:
                return None
            return (
                row.company,
                row.name,
                row.function,
                row.email,
                row.phone,
                row.mobile,
                row.city,
            )[column - COMPANY]
        if role == Qt.ItemDataRole.DecorationRole and column == PHOTO:
            return self.thumbnail_of(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == MARK and row.id in self.in_list:
            return self.tr("Contact à synchroniser")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == MARK:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and column == MARK:
            return QColor("#188038")
        if role == Qt.ItemDataRole.UserRole:
            # the sort key: names sort without regard to accents or case
            if column == MARK:
                return 0 if row.id in self.in_list else 1
            if column == PHOTO:
                return 0 if row.has_photo else 1
            return fold(str(self.data(index, Qt.ItemDataRole.DisplayRole) or ""))
        return None

    def thumbnail_of(self, row: ContactRow) -> QPixmap:
        cached = self._thumbnails.get(row.id)
        if cached is not None:
            self._thumbnails.move_to_end(row.id)
            return cached
        if not row.has_photo:
            return self._placeholder(row)
        if self.workers is None:
            self._store(row.id, thumbnail(self._photo(row.id)))
            self.decoded += 1
            return self._thumbnails[row.id]
        if row.id not in self._waiting:
            self._waiting.add(row.id)
            self._queue.append(row.id)
            if not self._decoding:
                QTimer.singleShot(0, self._decode_next)
        return self._placeholder(row)

    @staticmethod
    def _photo(contact_id: int) -> bytes | None:
        found = Contact.get_or_none(Contact.id == contact_id)
        return bytes(found.photo) if found is not None and found.photo else None

    def _placeholder(self, row: ContactRow) -> QPixmap:
        initials = _initials(row)
        pixmap = self._placeholders.get(initials)
        if pixmap is None:
            pixmap = self._placeholders[initials] = placeholder(initials)
        return pixmap

    def _store(self, contact_id: int, image: QImage | None) -> None:
        if image is not None:
            self._thumbnails[contact_id] = _rounded(image)
        else:
            number = self._row_of.get(contact_id)
            initials = _initials(self.rows[number]) if number is not None else "?"
            self._thumbnails[contact_id] = placeholder(initials)
        while len(self._thumbnails) > THUMBNAIL_CACHE:
            self._thumbnails.popitem(last=False)

    def _decode_next(self) -> None:
        if self._decoding or not self._queue or self.workers is None:
            return
        batch, self._queue = self._queue[:DECODE_BATCH], self._queue[DECODE_BATCH:]
        generation = self._generation
        self._decoding = True
        self.workers.submit(
            "contacts:thumbnails",
            lambda control: decode_photos(batch, control),
            on_done=lambda images: self._decoded(generation, images),
            on_failed=lambda exc: self._decode_failed(generation, batch, exc),
        )

    def _decoded(self, generation: int, images: dict[int, QImage | None]) -> None:
        self._decoding = False
        if generation == self._generation:
            for contact_id, image in images.items():
                self._store(contact_id, image)
                self._waiting.discard(contact_id)
                self.decoded += 1
                number = self._row_of.get(contact_id)
                if number is not None:
                    index = self.index(number, PHOTO)
                    self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        self._decode_next()

    def _decode_failed(self, generation: int, batch: Sequence[int], exc: BaseException) -> None:
        log.warning("decoding photos failed: %s", exc.__class__.__name__)
        self._decoded(generation, {contact_id: None for contact_id in batch})

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CONTACT_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids: list[int] = []
        for index in indexes:
            contact_id = self.rows[index.row()].id
            if contact_id not in ids:
                ids.append(contact_id)
        mime = QMimeData()
        mime.setData(CONTACT_IDS_MIME, json.dumps(ids).encode())
        return mime

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction


class ContactSearch(QSortFilterProxyModel):
    """Keeps the rows holding every word typed, accents and case aside."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_search(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, ContactsModel)
        key = model.rows[source_row].search_key
        return all(word in key for word in self._words)


class ContactsPage(QWidget):
    """The CRM's contacts, searchable, with the current user's list of contacts to sync."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = ContactsModel(context.workers, self)
        self.proxy = ContactSearch(self)
        self.proxy.setSourceModel(self.model)
        self._writing = False
        self._build()
        context.changed.connect(self._store_changed)
        self.reload()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Rechercher un contact : nom, société, ville, e-mail, téléphone…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
            QLineEdit.ActionPosition.LeadingPosition,
        )
        self.search.textChanged.connect(self._search)
        self.count_label = QLabel()
        self.list_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        bar.addWidget(self.list_label)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.table.setIconSize(self.table.iconSize().expandedTo(_icon_size()))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(THUMBNAIL_SIZE + 6)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(MARK, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(PHOTO, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(MARK, 28)
        header.resizeSection(PHOTO, THUMBNAIL_SIZE + 12)
        for column, width in (
            (COMPANY, 190),
            (NAME, 180),
            (FUNCTION, 150),
            (EMAIL, 220),
            (PHONE, 120),
            (MOBILE, 120),
        ):
            header.resizeSection(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addLayout(bar)
        box.addWidget(self.table, 1)

    # data --------------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.set_rows(load_contacts(), self._list_ids())
        self._counts()

    def _list_ids(self) -> set[int]:
        query = (
            ContactToSync.select(ContactToSync.contact)
            .where(ContactToSync.user == self.context.current_user_id)
            .tuples()
        )
        return {int(row[0]) for row in query}  # type: ignore[index]

    def _counts(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("%d contacts") % total)
        else:
            self.count_label.setText(self.tr("%d contacts sur %d") % (shown, total))
        self.list_label.setText(
            self.tr("À synchroniser : %d / %d") % (len(self.model.in_list), MAX_CONTACTS_PER_USER)
        )

    def _store_changed(self, what: str, user_id: int) -> None:
        if self._writing:
            return
        if what == CONTACTS and user_id in (0, self.context.current_user_id):
            self.reload()
        elif what == USERS:
            self.model.set_in_list(self._list_ids())
            self._counts()

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._counts()

    # the list of contacts to sync --------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(self.proxy.data(index, CONTACT_ID_ROLE)) for index in rows]

    def sync_menu_action(self, menu: QMenu) -> Any:
        """Add « Contact à synchroniser » to ``menu`` for the selection; return the action."""
        ids = self.selected_ids()
        action = menu.addAction(self.tr("Contact à synchroniser"))
        action.setCheckable(True)
        action.setEnabled(bool(ids))
        action.setChecked(bool(ids) and all(i in self.model.in_list for i in ids))
        action.toggled.connect(lambda on: self.set_in_list(ids, on))
        return action

    def _context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        self.sync_menu_action(menu)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def set_in_list(self, contact_ids: Sequence[int], wanted: bool) -> int:
        """Add (or remove) these contacts to (from) the current user's list; how many moved.
        Contacts a full list cannot take are named in a message, never dropped silently."""
        from crmsync.crm.contact_list import add_contacts_to_sync, remove_contacts_to_sync

        user = self.context.current_user
        ids = list(dict.fromkeys(contact_ids))
        change = add_contacts_to_sync(user, ids) if wanted else remove_contacts_to_sync(user, ids)
        changed = len(change.changed)
        self.model.set_in_list(self._list_ids())
        self._counts()
        if changed:
            self._writing = True  # this page is up to date; keep its selection
            try:
                self.context.changed.emit(CONTACTS, user.id)
            finally:
                self._writing = False
        if change.left_out:
            names = [
                c.display_name or f"#{c.id}"
                for c in Contact.select().where(Contact.id.in_(change.left_out[:20]))
            ]
            more = len(change.left_out) - len(names)
            QMessageBox.warning(
                self,
                self.tr("Liste pleine"),
                self.tr(
                    "La liste des contacts à synchroniser est limitée à %1 contacts ; "
                    "%2 n'ont pas été ajoutés : %3. Retirez des contacts de la liste pour "
                    "faire de la place."
                )
                .replace("%1", str(change.cap))
                .replace("%2", str(len(change.left_out)))
                .replace("%3", ", ".join(names) + (f" (+{more})" if more > 0 else "")),
            )
        return changed


def _icon_size() -> Any:
    from PySide6.QtCore import QSize

    return QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE)
