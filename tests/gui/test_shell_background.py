"""Syncs nobody clicks, against the emulator: the pull at start, the automatic push, the poll,
Google's deletions asked in the dialog, and a failure shown in the status bar and the tray."""

from __future__ import annotations

import datetime as dt

import pytest

from crmsync.crm import db as store
from crmsync.crm.models import Action, FolderSettings, SyncSettings, User, utc_now
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.gui.background import POLL_KEY, localize_syncs
from crmsync.gui.context import AppContext
from crmsync.gui.deletion_dialog import DeletionDialog
from crmsync.gui.main_window import MainWindow
from crmsync.sync.state import SyncLogEntry

CLIENT_ID = "crmsync-gui-tests.apps.googleusercontent.com"
ALICE = "alice@example.com"
FULL_CALENDAR = "https://www.googleapis.com/auth/calendar"


class Connected:
    """Alice, connected to the emulator, and a Calendar client on her Google side."""

    def __init__(self, user, google, base_url) -> None:
        self.user = user
        self.google = google
        self.base_url = base_url

    def insert_event(self, title: str, days: int = 2) -> dict:
        start = (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).replace(microsecond=0)
        body = {
            "summary": title,
            "start": {"dateTime": start.isoformat()},
            "end": {"dateTime": (start + dt.timedelta(hours=1)).isoformat()},
        }
        return self.google.events().insert(calendarId="primary", body=body).execute()

    def events(self) -> list[dict]:
        return self.google.events().list(calendarId="primary").execute().get("items", [])

    def context(self) -> AppContext:
        context = AppContext(
            self.user.id,
            "crm.sqlite",
            google_endpoints=GoogleEndpoints.for_base_url(self.base_url),
        )
        localize_syncs(context)
        return context


@pytest.fixture
def connected(tmp_path, monkeypatch, emulator, fake_google, calendar_api):
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", str(tmp_path / "secrets.json"))
    store.open_database(tmp_path / "crm.sqlite")
    user = User.create(
        login="alice",
        name="Alice Martin",
        email=ALICE,
        google_email=ALICE,
        time_zone="Europe/Paris",
    )
    settings = SyncSettings.for_user(user)
    settings.calendar_name = ALICE
    settings.connected_at = utc_now()
    settings.status = "green"
    settings.save()
    emulator.post("/clients", {"client_id": CLIENT_ID, "client_secret": "s3cret"})
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret="s3cret")
    issued = emulator.post("/tokens", {"email": ALICE, "client_id": CLIENT_ID, "refresh": True})
    secrets.open_secret_store().set(secrets.refresh_token_key("alice"), issued["refresh_token"])
    yield Connected(user, calendar_api(ALICE, scopes=[FULL_CALENDAR]), fake_google.base_url)
    store.close_database()


def _window(qtbot, context: AppContext, **kwargs) -> MainWindow:
    window = MainWindow(context, **kwargs)
    qtbot.addWidget(window)
    return window


def _settle(qtbot, context: AppContext) -> None:
    qtbot.waitUntil(lambda: not context.syncs.running(), timeout=30_000)
    context.workers.wait(10_000)


def test_the_pull_at_start_brings_a_google_event_in(qtbot, connected):
    connected.insert_event("Appel client depuis le téléphone")
    context = connected.context()
    reasons: list[str] = []
    context.syncs.started.connect(lambda _uid, reason: reasons.append(reason))
    window = _window(qtbot, context)
    qtbot.waitUntil(lambda: bool(reasons), timeout=5000)
    _settle(qtbot, context)
    assert reasons == ["startup"]
    pulled = Action.get_or_none(Action.title == "Appel client depuis le téléphone")
    assert pulled is not None and pulled.owner_id == connected.user.id
    # the page shows it: views reload when a sync finishes
    qtbot.waitUntil(lambda: window.agenda_page.model.rowCount() == 1, timeout=5000)
    assert window.sync_indicator.error_text() == ""


def test_no_pull_at_start_when_the_option_is_off(qtbot, connected):
    SyncSettings.update(pull_on_startup=False).execute()
    context = connected.context()
    window = _window(qtbot, context, background=False)
    assert window.background.pull_at_start() is False
    assert context.syncs.running() == []


def test_one_edit_burst_makes_one_background_push(qtbot, connected):
    context = connected.context()
    window = _window(qtbot, context, background=False)
    window.background.debounce_ms = 60_000  # the quiet time, ended by hand below
    started: list[tuple[int, str]] = []
    context.syncs.started.connect(lambda uid, reason: started.append((uid, reason)))
    start = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).replace(microsecond=0)
    action = Action.create(
        owner=connected.user, title="Visite client", start=start, end=start + dt.timedelta(hours=1)
    )
    for _ in range(3):  # a drag saves several times: one push
        context.action_edited.emit(action.id, connected.user.id)
    # nothing starts before the edits have been quiet for a moment
    qtbot.wait(50)
    assert started == []
    assert window.background.pushes_scheduled() == [connected.user.id]
    window.background.schedule_push(connected.user.id, 0)  # the quiet time is over
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
    _settle(qtbot, context)
    assert started == [(connected.user.id, "auto")]
    assert [e["summary"] for e in connected.events()] == ["Visite client"]


def test_series_actions_and_users_without_automatique_are_not_pushed(qtbot, connected):
    from crmsync.crm.models import Series

    context = connected.context()
    window = _window(qtbot, context, background=False)
    start = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).replace(microsecond=0)
    series = Series.create(owner=connected.user, rrule="FREQ=WEEKLY;COUNT=3")
    in_series = Action.create(
        owner=connected.user,
        title="Hebdo",
        start=start,
        end=start + dt.timedelta(hours=1),
        series=series,
    )
    context.action_edited.emit(in_series.id, connected.user.id)
    assert window.background.pushes_scheduled() == []
    SyncSettings.update(auto_push=False).execute()
    plain = Action.create(
        owner=connected.user, title="Seul", start=start, end=start + dt.timedelta(hours=1)
    )
    context.action_edited.emit(plain.id, connected.user.id)
    assert window.background.pushes_scheduled() == []


def test_the_poll_timer_starts_a_pull(qtbot, connected):
    FolderSettings.set_value(POLL_KEY, "1")
    context = connected.context()
    window = _window(qtbot, context, background=False)
    window.background.apply_poll_period()
    assert window.background.poll_timer.isActive()
    assert window.background.poll_timer.interval() == 60_000
    connected.insert_event("Pris sur le téléphone")
    reasons: list[str] = []
    context.syncs.started.connect(lambda _uid, reason: reasons.append(reason))
    window.background.poll_timer.setInterval(10)  # the minute, shortened
    qtbot.waitUntil(lambda: bool(reasons), timeout=5000)
    window.background.poll_timer.stop()
    _settle(qtbot, context)
    assert reasons[0] == "poll"
    assert Action.select().where(Action.title == "Pris sur le téléphone").exists()


def test_no_poll_when_the_period_is_zero(qtbot, connected):
    FolderSettings.set_value(POLL_KEY, "0")
    window = _window(qtbot, connected.context(), background=False)
    window.background.apply_poll_period()
    assert not window.background.poll_timer.isActive()


def test_a_google_deletion_is_asked_and_oui_deletes_the_action(qtbot, connected):
    event = connected.insert_event("Réunion annulée")
    context = connected.context()
    window = _window(qtbot, context, background=False)
    assert window.background.pull_at_start()
    _settle(qtbot, context)
    action = Action.get(Action.title == "Réunion annulée")
    connected.google.events().delete(calendarId="primary", eventId=event["id"]).execute()
    assert window.background.pull_at_start()
    qtbot.waitUntil(lambda: bool(window.background.open_questions()), timeout=10_000)
    dialog = window.background.open_questions()[0]
    assert isinstance(dialog, DeletionDialog)
    assert "Réunion annulée" in dialog.ui.message_label.text()
    dialog.ui.yes_button.click()
    _settle(qtbot, context)
    assert Action.get_by_id(action.id).is_deleted
    assert window.background.open_questions() == []


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_failed_background_sync_shows_in_the_status_bar_and_the_tray(qtbot, connected):
    _revoke_at_google(connected)  # the user took the access back in his Google account
    context = connected.context()
    window = _window(qtbot, context, background=False)
    assert window.background.poll()
    _settle(qtbot, context)
    qtbot.waitUntil(lambda: window.sync_indicator.error_text() != "", timeout=5000)
    # the failed run is in the sync log, and the light, red now, stops the next poll
    (row,) = SyncLogEntry.select().where(SyncLogEntry.result == "error")
    assert row.operation == "sync" and "Connexion" in row.message
    assert window.background.poll() is False
    assert "Alice Martin" in window.sync_indicator.error_text()
    assert "alice" in window.sync_indicator.error_button.toolTip()
    assert [title for title, _ in window.tray.messages] == [window.sync_indicator.error_text()]
    # a click on the error opens the log on that user
    window.sync_indicator.error_button.click()
    log_window = window._log_window
    assert log_window is not None and log_window.isVisible()
    assert log_window.ui.user_combo.currentData() == connected.user.id


def test_nothing_starts_for_a_user_who_is_not_connected(qtbot, connected):
    SyncSettings.update(status="grey", connected_at=None).execute()
    secrets.open_secret_store().delete(secrets.refresh_token_key("alice"))
    context = connected.context()
    window = _window(qtbot, context, background=False)
    assert window.background.pull_at_start() is False
    assert window.background.poll() is False
    assert SyncLogEntry.select().count() == 0


def _revoke_at_google(connected) -> None:
    import urllib.parse
    import urllib.request

    token = secrets.open_secret_store().get(secrets.refresh_token_key("alice"))
    request = urllib.request.Request(
        connected.base_url + "/revoke",
        data=urllib.parse.urlencode({"token": token}).encode(),
        method="POST",
    )
    urllib.request.urlopen(request, timeout=10).close()


def test_a_switched_off_user_is_neither_pushed_nor_polled(qtbot, connected, emulator):
    from crmsync.sync.eligibility import set_sync_active

    set_sync_active(connected.user, False)  # « Synchronisation active » unticked
    context = connected.context()
    window = _window(qtbot, context, background=False)
    emulator.post("/counters/reset")
    start = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).replace(microsecond=0)
    action = Action.create(
        owner=connected.user, title="Pas envoyée", start=start, end=start + dt.timedelta(hours=1)
    )
    context.action_edited.emit(action.id, connected.user.id)  # the automatic push
    assert window.background.pushes_scheduled() == []
    assert window.background.poll() is False
    assert window.background.pull_at_start() is False
    # a push scheduled before the switch was turned off does not go either
    window.background.schedule_push(connected.user.id, 0)
    qtbot.wait(200)
    _settle(qtbot, context)
    assert context.syncs.running() == []
    assert sum(emulator.counters().values()) == 0  # nothing reached Google
    # switched on again, the edit kept in the journal goes with the next push
    set_sync_active(connected.user, True)
    started: list[str] = []
    context.syncs.started.connect(lambda _uid, reason: started.append(reason))
    window.background.schedule_push(connected.user.id, 0)
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
    _settle(qtbot, context)
    assert [e["summary"] for e in connected.events()] == ["Pas envoyée"]
