"""The contact list: thumbnails decoded lazily, accent-blind search, the list of contacts to
sync from the context menu, contacts dragged as ids."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QMenu

from crmsync.crm import db as store
from crmsync.crm.models import Company, Contact, ContactToSync, User
from crmsync.gui.contacts_page import (
    CONTACT_IDS_MIME,
    NAME,
    PHOTO,
    ContactsPage,
    fold,
)
from crmsync.gui.context import AppContext


def png(colour: str, size: int = 400) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def crm(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    alice = User.create(login="alice", name="Alice Martin")
    acme = Company.create(code="C1", name="Société Générale d'Équipement")
    Contact.insert_many(
        [
            {"last_name": f"Nom{i:03d}", "first_name": "Jean", "city": "Paris", "company": acme.id}
            for i in range(320)
        ]
    ).execute()
    elodie = Contact.create(
        first_name="Élodie",
        last_name="Durand",
        city="Lyon",
        email="e.durand@example.fr",
        photo=png("#ff0000"),
    )
    broken = Contact.create(
        first_name="Zoé", last_name="Cassé", city="Évry", photo=b"\xff\xd8\xff\xe0 not a jpeg"
    )
    gone = Contact.create(first_name="Ancien", last_name="Contact")
    gone.soft_delete()
    yield {"alice": alice, "elodie": elodie, "broken": broken}
    store.close_database()


@pytest.fixture
def page(qtbot, crm):
    context = AppContext(crm["alice"].id)
    context.changes = []
    context.changed.connect(lambda what, uid: context.changes.append((what, uid)))
    widget = ContactsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    yield widget
    context.shutdown()


def row_of(page, contact_id):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) == contact_id:
            return row
    raise AssertionError(f"contact {contact_id} not shown")


def test_lists_live_contacts_with_their_columns(page, crm):
    assert page.model.rowCount() == 322  # the deleted one is not listed
    assert page.count_label.text() == "322 contacts"
    row = row_of(page, crm["elodie"].id)
    texts = [page.proxy.index(row, c).data() for c in range(2, 9)]
    assert texts == ["", "Durand Élodie", "", "e.durand@example.fr", "", "", "Lyon"]
    assert page.proxy.headerData(NAME, Qt.Orientation.Horizontal) == "Nom"


def test_search_ignores_accents_and_case_and_matches_every_word(page, crm, qtbot):
    qtbot.keyClicks(page.search, "elodie")
    assert page.proxy.rowCount() == 1
    assert page.count_label.text() == "1 contacts sur 322"
    page.search.setText("EVRY zoe")
    assert page.proxy.rowCount() == 1 and row_of(page, crm["broken"].id) == 0
    page.search.setText("équipement nom01")
    assert page.proxy.rowCount() == 10  # Nom010 … Nom019
    page.search.clear()
    assert page.proxy.rowCount() == 322
    assert fold("Ça Évolue") == "ca evolue"


def test_thumbnails_are_decoded_on_first_display_and_kept(page, crm, qtbot):
    assert page.model.decoded == 0  # nothing decoded by loading the list
    index = page.proxy.index(row_of(page, crm["elodie"].id), PHOTO)
    waiting = index.data(Qt.ItemDataRole.DecorationRole)  # the initials, until decoded
    assert waiting.toImage().pixelColor(16, 4).name() == "#c5cae9"
    with qtbot.waitSignal(page.model.dataChanged):
        qtbot.waitUntil(lambda: page.model.decoded == 1)
    first = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(first, QPixmap) and first.width() == 32
    centre = first.toImage().pixelColor(16, 16)
    assert (centre.red(), centre.green(), centre.blue()) == (255, 0, 0)
    assert page.model.decoded == 1
    again = index.data(Qt.ItemDataRole.DecorationRole)
    assert page.model.decoded == 1 and again.cacheKey() == first.cacheKey()


def test_a_corrupt_photo_shows_a_placeholder(page, crm, qtbot):
    index = page.proxy.index(row_of(page, crm["broken"].id), PHOTO)
    index.data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: page.model.decoded == 1)
    pixmap = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(pixmap, QPixmap) and not pixmap.isNull()
    assert pixmap.toImage().pixelColor(16, 4).name() == "#c5cae9"


def test_scrolling_the_whole_list_decodes_each_photo_once(page, crm, qtbot):
    page.show()
    qtbot.waitExposed(page)
    bar = page.table.verticalScrollBar()
    for value in (bar.maximum(), 0, bar.maximum(), 0):
        bar.setValue(value)
        page.table.viewport().grab()  # paints the rows shown
        qtbot.waitUntil(lambda: not page.model.decoding())
    assert page.model.decoded == 2  # the two contacts with photos, once each


def select(page, contact_ids):
    selection = page.table.selectionModel()
    selection.clearSelection()
    for contact_id in contact_ids:
        index = page.proxy.index(row_of(page, contact_id), 0)
        selection.select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )


def test_the_context_menu_puts_contacts_in_and_out_of_the_sync_list(page, crm):
    alice = crm["alice"]
    chosen = [crm["elodie"].id, crm["broken"].id]
    select(page, chosen)
    menu = QMenu()
    entry = page.sync_menu_action(menu)
    assert (
        entry.text() == "Contact à synchroniser" and entry.isCheckable() and not entry.isChecked()
    )
    entry.trigger()
    listed = {r.contact_id for r in ContactToSync.select().where(ContactToSync.user == alice)}
    assert listed == set(chosen)
    assert page.proxy.index(row_of(page, crm["elodie"].id), 0).data() == "✓"
    assert page.list_label.text() == "À synchroniser : 2 / 2000"
    assert ("contacts", alice.id) in page.context.changes
    menu = QMenu()
    entry = page.sync_menu_action(menu)
    assert entry.isChecked()
    entry.trigger()
    assert ContactToSync.select().count() == 0
    assert page.proxy.index(row_of(page, crm["elodie"].id), 0).data() == ""


def test_dragged_contacts_carry_their_ids(page, crm):
    chosen = [crm["elodie"].id, crm["broken"].id]
    select(page, chosen)
    indexes = page.table.selectionModel().selectedIndexes()
    assert len(indexes) > 2  # every column of both rows
    mime = page.proxy.mimeData(indexes)
    assert mime.hasFormat(CONTACT_IDS_MIME)
    assert sorted(json.loads(bytes(mime.data(CONTACT_IDS_MIME)).decode())) == sorted(chosen)
    # the sync preferences' list of contacts to sync reads the same drag
    from crmsync.gui.contacts_to_sync import contact_ids_from_mime

    assert sorted(contact_ids_from_mime(mime)) == sorted(chosen)
    assert page.table.dragEnabled()
    assert page.proxy.flags(indexes[0]) & Qt.ItemFlag.ItemIsDragEnabled


def test_a_full_list_names_the_contacts_it_could_not_take(page, crm, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from crmsync.crm.models import MAX_CONTACTS_PER_USER

    alice = crm["alice"]
    extra = [
        {"last_name": f"Plein{i:04d}", "first_name": "Jo"} for i in range(MAX_CONTACTS_PER_USER)
    ]
    with store.atomic():
        for start in range(0, len(extra), 500):
            Contact.insert_many(extra[start : start + 500]).execute()
        ids = [
            c.id for c in Contact.select(Contact.id).where(Contact.last_name.startswith("Plein"))
        ]
        ContactToSync.insert_many([{"user": alice.id, "contact": i} for i in ids]).execute()
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text: told.append(text))
    )
    added = page.set_in_list([crm["elodie"].id], True)
    assert added == 0
    assert len(told) == 1 and "Élodie Durand" in told[0] and "2000" in told[0]
    assert not ContactToSync.select().where(ContactToSync.contact == crm["elodie"].id).exists()
