"""« Synchroniser » in the agenda syncs the agendas shown, through the real client, on the
emulator, and says who is not connected or already syncing."""

from __future__ import annotations

import datetime as dt

import pytest

from crmsync.crm import db as store
from crmsync.crm.models import Action, ActionType, SyncSettings, User, UserRight
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.gui.agenda.page import AgendaPage
from crmsync.gui.context import AppContext

CLIENT_ID = "crmsync-agenda-tests.apps.googleusercontent.com"
ALICE = "alice@example.com"


@pytest.fixture
def connected(tmp_path, monkeypatch, emulator, fake_google):
    """Alice connected to the emulator (as the Connexion button leaves her); Bob not."""
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", str(tmp_path / "secrets.json"))
    monkeypatch.setenv("CRMSYNC_GOOGLE_ENDPOINT", fake_google.base_url)
    store.open_database(tmp_path / "crm.sqlite")
    alice = User.create(
        login="alice", name="Alice", email=ALICE, google_email=ALICE, time_zone="Europe/Paris"
    )
    bob = User.create(login="bob", name="Bob", time_zone="Europe/Paris")
    UserRight.create(viewer=alice, target=bob, agenda=True)
    SyncSettings.for_user(bob)  # never connected: his light stays grey
    settings = SyncSettings.for_user(alice)
    settings.calendar_name = ALICE
    settings.google_account_email = ALICE
    settings.status = "green"
    settings.save()
    emulator.post("/clients", {"client_id": CLIENT_ID, "client_secret": "s3cret"})
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret="s3cret")
    issued = emulator.post("/tokens", {"email": ALICE, "client_id": CLIENT_ID, "refresh": True})
    secrets.open_secret_store().set(secrets.refresh_token_key("alice"), issued["refresh_token"])
    yield alice, bob
    store.close_database()


def test_synchronise_pushes_the_shown_agendas_and_reloads(qtbot, connected, calendar_api):
    alice, bob = connected
    context = AppContext(alice.id)
    page = AgendaPage(context)
    qtbot.addWidget(page)
    page.set_shown_users([alice.id, bob.id])
    start = dt.datetime.combine(page.monday + dt.timedelta(days=2), dt.time(9), tzinfo=alice.zone)
    Action.create(
        owner=alice,
        action_type=ActionType.get(code="R"),
        title="Rendez-vous synchronisé",
        start=start,
        end=start + dt.timedelta(hours=1),
    )
    finished: list[int] = []
    context.syncs.finished.connect(lambda uid, _reason, _summary: finished.append(uid))
    page.sync_button.click()
    assert page.syncing == {alice.id}
    assert page.sync_progress.isVisible() or not page.isVisible()
    assert not page.sync_button.isEnabled()
    text = page.message.text()
    assert "Synchronisation lancée : Alice." in text
    assert "Non connecté à Google : Bob" in text
    page.synchronise()  # a second press while the first runs
    assert "Déjà en cours de synchronisation : Alice." in page.message.text()
    qtbot.waitUntil(lambda: finished == [alice.id], timeout=60_000)
    assert page.syncing == set() and page.sync_button.isEnabled()
    assert "Synchronisation de Alice terminée : 1 créée(s)" in page.message.text()
    events = calendar_api(ALICE).events().list(calendarId="primary").execute()["items"]
    assert [e["summary"] for e in events] == ["Rendez-vous synchronisé"]
    context.shutdown()
