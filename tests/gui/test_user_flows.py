"""Two flows as a user makes them, from the widgets to the emulator: an action dragged in the
week view with « Automatique » on, and a contact dragged from the contacts page into the
list of contacts to sync, then synced."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sync_gui_bench import ALICE, close_crm, make_crm

from crmsync.crm import queries
from crmsync.crm.models import Action, Company, Contact, SyncSettings
from crmsync.gui.agenda.page import AgendaPage
from crmsync.gui.agenda.week_view import HOUR_HEIGHT
from crmsync.gui.contacts_page import ContactsPage
from crmsync.gui.main_window import MainWindow
from crmsync.gui.sync_prefs import SyncPrefsPage
from crmsync.sync.engine import SyncOptions

PARIS = ZoneInfo("Europe/Paris")
FULL = ["https://www.googleapis.com/auth/calendar", "https://www.googleapis.com/auth/contacts"]


@pytest.fixture
def crm(tmp_path, monkeypatch, emulator, fake_google):
    made = make_crm(tmp_path, monkeypatch, emulator, fake_google)
    made.alice.time_zone = "Europe/Paris"
    made.alice.save()
    made.connect(made.alice, ALICE)
    yield made
    close_crm(made)


def _settle(qtbot, context) -> None:
    qtbot.waitUntil(lambda: not context.syncs.running(), timeout=30_000)


def _next_tuesday() -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=(1 - today.weekday()) % 7 + 7)


def _drag(widget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(widget, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    QTest.mouseMove(widget, end)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_with_automatique_an_action_dragged_in_the_week_view_reaches_google(
    qtbot, crm, calendar_api
):
    assert SyncSettings.for_user(crm.alice).auto_push  # « Automatique », on by default
    tuesday = _next_tuesday()
    start = dt.datetime.combine(tuesday, dt.time(9, 0), PARIS)
    action = Action.create(
        owner=crm.alice, title="Visite du verger", start=start, end=start + dt.timedelta(hours=1)
    )
    context = crm.context
    context.syncs.start(crm.alice.id, SyncOptions(pull=False))
    _settle(qtbot, context)
    google = calendar_api(ALICE, scopes=FULL)
    (event,) = google.events().list(calendarId="primary").execute()["items"]
    assert dt.datetime.fromisoformat(event["start"]["dateTime"]) == start

    window = MainWindow(context, background=False)
    qtbot.addWidget(window)
    window.background.debounce_ms = 0  # the quiet time after an edit, not waited for here
    window.use_real_pages()
    window.show()
    page = window.agenda_page
    assert isinstance(page, AgendaPage)
    page.go_to(tuesday)
    [rect] = page.view.block_rects(action.id)
    columns = page.view.grid.columns()
    grab = QPoint(int(rect.center().x()), int(rect.top() + 10))
    # one day later, two hours later
    _drag(page.view.grid, grab, grab + QPoint(int(columns.day_width), int(HOUR_HEIGHT * 2)))
    moved = dt.datetime.combine(tuesday + dt.timedelta(days=1), dt.time(11, 0), PARIS)
    assert Action.get_by_id(action.id).start == moved.astimezone(dt.UTC)

    def pushed() -> bool:
        got = google.events().get(calendarId="primary", eventId=event["id"]).execute()
        return dt.datetime.fromisoformat(got["start"]["dateTime"]) == moved

    qtbot.waitUntil(pushed, timeout=30_000)
    _settle(qtbot, context)
    got = google.events().get(calendarId="primary", eventId=event["id"]).execute()
    assert dt.datetime.fromisoformat(got["end"]["dateTime"]) == moved + dt.timedelta(hours=1)
    assert len(google.events().list(calendarId="primary").execute()["items"]) == 1


def test_a_contact_dragged_into_the_list_is_synced(qtbot, crm, people_api):
    company = Company.create(code="VRG", name="Vergers du Lyonnais")
    claire = Contact.create(
        company=company,
        first_name="Claire",
        last_name="Dupuis",
        email="claire.dupuis@example.com",
        phone="04 78 00 00 01",
    )
    Contact.create(company=company, first_name="Paul", last_name="Martin")
    context = crm.context
    contacts = ContactsPage(context)
    qtbot.addWidget(contacts)
    contacts.show()
    # the drag: Claire's row picked up in the contacts page…
    row = next(
        r
        for r in range(contacts.proxy.rowCount())
        if contacts.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) == claire.id
    )
    selection = contacts.table.selectionModel()
    selection.select(
        contacts.proxy.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    mime = contacts.proxy.mimeData(selection.selectedIndexes())
    # …and dropped on the list of the Synchronisation tab
    prefs = SyncPrefsPage(context)
    qtbot.addWidget(prefs)
    prefs.load(crm.alice)
    prefs.show()
    target = prefs.contacts.viewport()
    drag_args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(10, 10), *drag_args)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(10, 10), *drag_args))
    assert [c.id for c in queries.contacts_to_sync(crm.alice)] == [claire.id]
    assert prefs.contacts.contact_ids() == [claire.id]

    finished = []
    context.syncs.finished.connect(lambda uid, _reason, summary: finished.append(summary))
    context.syncs.start(crm.alice.id, SyncOptions(agenda=False, contacts=True))
    _settle(qtbot, context)
    assert finished and not finished[0].errors and finished[0].created["google"] == 1

    people = people_api(ALICE, scopes=FULL)
    listed = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="names,emailAddresses,memberships")
        .execute()
        .get("connections", [])
    )
    assert [p["names"][0]["displayName"] for p in listed] == ["Claire Dupuis"]
    assert listed[0]["emailAddresses"][0]["value"] == "claire.dupuis@example.com"
    groups = people.contactGroups().list().execute().get("contactGroups", [])
    label = next(g for g in groups if g.get("name") == "CRM")
    members = [
        m["contactGroupMembership"]["contactGroupResourceName"]
        for m in listed[0]["memberships"]
        if "contactGroupMembership" in m
    ]
    assert label["resourceName"] in members
