"""Journal de synchronisation: filters by user, dates and result, pages through the log
instead of loading it, and shows a conflict's both values and winner."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt

from crmsync.crm import db as store
from crmsync.crm.models import User, UserRight
from crmsync.gui import sync_log_window
from crmsync.gui.context import AppContext
from crmsync.gui.sync_log_window import SyncLogWindow
from crmsync.sync.state import SyncLogEntry


@pytest.fixture
def log_db(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    alice = User.create(login="alice", name="Alice Martin")
    bob = User.create(login="bob", name="Bob Leroy")
    carol = User.create(login="carol", name="Carol Petit")
    UserRight.create(viewer=alice, target=bob, visible=True)
    now = dt.datetime.now(dt.UTC)
    SyncLogEntry.create(
        at=now - dt.timedelta(days=40),
        user=alice,
        direction="crm->google",
        operation="insert",
        item="Ancien RDV",
    )
    SyncLogEntry.create(
        at=now - dt.timedelta(hours=2),
        user=alice,
        direction="google->crm",
        operation="update",
        item="Réunion",
        fields=json.dumps(["title"]),
    )
    SyncLogEntry.create(
        at=now - dt.timedelta(hours=1),
        user=bob,
        direction="crm->google",
        operation="insert",
        item="Appel",
        result="error",
        message="Google refused the event: 400",
    )
    SyncLogEntry.create(
        at=now - dt.timedelta(minutes=30),
        user=alice,
        operation="conflict",
        item="Visite",
        result="google wins",
        fields=json.dumps(
            {"field": "title", "crm": "Visite A", "google": "Visite B", "winner": "google"}
        ),
    )
    SyncLogEntry.create(at=now, user=carol, operation="insert", item="Secret de Carol")
    yield alice, bob, carol
    store.close_database()


def _window(qtbot, user, user_id=None) -> SyncLogWindow:
    window = SyncLogWindow(AppContext(user.id, "crm.sqlite"), user_id=user_id)
    qtbot.addWidget(window)
    return window


def items(window: SyncLogWindow) -> list[str]:
    model = window.model
    return [model.index(row, 3).data() for row in range(model.rowCount())]


def test_filters_by_user_dates_and_result(qtbot, log_db):
    alice, bob, _carol = log_db
    window = _window(qtbot, alice)
    # newest first; the last 30 days; only the users Alice may see
    assert items(window) == ["Visite", "Appel", "Réunion"]
    window.show_user(alice.id)
    assert items(window) == ["Visite", "Réunion"]
    window.show_user(None)
    window.set_result("error")
    assert items(window) == ["Appel"]
    window.set_result("conflict")
    assert items(window) == ["Visite"]
    window.set_result("ok")
    assert items(window) == ["Réunion"]
    window.set_result("")
    today = dt.date.today()
    window.set_dates(today - dt.timedelta(days=60), today - dt.timedelta(days=30))
    assert items(window) == ["Ancien RDV"]
    assert window.ui.count_label.text() == "1 ligne(s)"


def test_an_admin_sees_every_user(qtbot, log_db):
    admin = User.get(User.login == "admin")
    window = _window(qtbot, admin)
    assert "Secret de Carol" in items(window)


def test_the_row_shows_translated_columns_and_details(qtbot, log_db):
    alice, _bob, _carol = log_db
    window = _window(qtbot, alice, user_id=alice.id)
    model = window.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "Heure",
        "Utilisateur",
        "Sens",
        "Élément",
        "Opération",
        "Résultat",
        "Message",
    ]
    assert [model.index(0, c).data() for c in (1, 4, 5)] == [
        "Alice Martin",
        "Conflit",
        "Google l'emporte",
    ]
    assert model.index(1, 2).data() == "Google → CRM"
    window.ui.table.selectRow(0)
    details = window.ui.details.toPlainText()
    assert '"crm": "Visite A"' in details
    assert '"google": "Visite B"' in details
    assert '"winner": "google"' in details
    window.ui.table.selectRow(1)
    assert "Modification" in window.ui.details.toPlainText()


def test_a_long_log_is_read_a_page_at_a_time(qtbot, log_db):
    alice, _bob, _carol = log_db
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "at": now - dt.timedelta(seconds=i),
            "user": alice.id,
            "operation": "insert",
            "item": f"E{i}",
        }
        for i in range(5000)
    ]
    with store.database_proxy.atomic():
        for start in range(0, len(rows), 500):
            SyncLogEntry.insert_many(rows[start : start + 500]).execute()
    window = _window(qtbot, alice, user_id=alice.id)
    window.resize(900, 500)
    window.show()
    qtbot.waitExposed(window)
    model = window.model
    assert model.rowCount() == 5002
    assert model.pages_read <= 2  # what is on screen, not five thousand rows
    last = model.index(model.rowCount() - 1, 3).data()
    assert last == "Réunion"  # the oldest within the dates
    assert model.pages_read <= 3
    assert len(model._pages) <= sync_log_window.PAGES_KEPT
    in_memory = sum(len(page) for page in model._pages.values())
    assert in_memory <= 3 * sync_log_window.PAGE_SIZE < model.rowCount()


def test_failed_runs_show_as_errors_in_the_log_window(qtbot, log_db, monkeypatch, tmp_path):
    from crmsync.google.session import GoogleConnectionError
    from crmsync.sync.engine import SyncOptions, sync_user

    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", str(tmp_path / "secrets.json"))
    alice, _bob, _carol = log_db
    for _ in range(3):  # Google never set up for the folder: every run fails
        with pytest.raises(GoogleConnectionError):
            sync_user(alice, SyncOptions(language="fr"))
    window = _window(qtbot, alice, user_id=alice.id)
    window.set_result("error")
    model = window.model
    assert model.rowCount() == 3
    row = [model.index(0, column).data() for column in range(len(model.COLUMNS))]
    assert row[4] == "Synchronisation" and row[5] == "Erreur"
    assert row[6].startswith("Les informations sur le compte utilisateur ne sont pas accessibles")
