"""A user's Google session: one connection per thread, batches aimed at the right endpoint,
and typed errors instead of crashes when a token cannot be refreshed."""

from __future__ import annotations

import threading

import pytest
from googleapiclient.http import BatchHttpRequest

from crmsync.crm import db as store
from crmsync.crm.models import SyncSettings, User
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.google.session import (
    ClientRejected,
    GoogleSession,
    NotConfigured,
    ReconnectNeeded,
)

CLIENT_ID = "crmsync-session.apps.googleusercontent.com"
ALICE = "alice@example.com"


@pytest.fixture
def alice(tmp_path, monkeypatch, emulator, fake_google):
    """alice, with a refresh token the emulator issued to the folder's client."""
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", "")
    store.open_database(tmp_path / "crm.sqlite")
    user = User.create(login="alice", name="Alice", email=ALICE, google_email=ALICE)
    emulator.post("/clients", {"client_id": CLIENT_ID, "client_secret": "right-secret"})
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret="right-secret")
    issued = emulator.post("/tokens", {"email": ALICE, "client_id": CLIENT_ID, "refresh": True})
    secrets.open_secret_store().set(secrets.refresh_token_key("alice"), issued["refresh_token"])
    yield user
    store.close_database()


def session_for(user, fake_google, **options):
    return GoogleSession(
        user, endpoints=GoogleEndpoints.for_base_url(fake_google.base_url), **options
    )


def test_each_thread_gets_its_own_connection_and_services(alice, fake_google):
    with session_for(alice, fake_google) as session:
        mine = (session.http(), session.calendar(), session.people())
        assert session.http() is mine[0] and session.calendar() is mine[1]
        theirs = []
        worker = threading.Thread(
            target=lambda: theirs.append((session.http(), session.calendar()))
        )
        worker.start()
        worker.join()
        assert theirs[0][0] is not mine[0] and theirs[0][1] is not mine[1]
        assert theirs[0][0].credentials is mine[0].credentials  # one token for all threads


def test_calls_and_batches_reach_the_endpoint_given(alice, fake_google):
    with session_for(alice, fake_google) as session:
        answer = session.execute(session.calendar().calendarList().list())
        assert [item["id"] for item in answer["items"]] == [ALICE]
        batch = session.calendar_batch()
        assert isinstance(batch, BatchHttpRequest)
        assert batch._batch_uri == fake_google.base_url + "/batch/calendar/v3"
        assert session.people_batch()._batch_uri == fake_google.base_url + "/batch"
        results = []
        batch = session.calendar_batch(callback=lambda rid, res, exc: results.append((res, exc)))
        batch.add(session.calendar().calendarList().get(calendarId="primary"))
        batch.add(session.calendar().colors().get())
        session.execute_batch(batch)
        assert [exc for _, exc in results] == [None, None]
        assert session.userinfo()["email"] == ALICE


def test_the_refreshed_token_works_across_threads(alice, fake_google):
    with session_for(alice, fake_google) as session:
        errors = []

        def work():
            try:
                session.execute(session.calendar().calendarList().list())
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)

        workers = [threading.Thread(target=work) for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert errors == []


def test_without_a_token_the_session_says_not_connected(alice, fake_google):
    secrets.open_secret_store().delete(secrets.refresh_token_key("alice"))
    with pytest.raises(NotConfigured) as caught:
        session_for(alice, fake_google)
    assert caught.value.said.id == "not_connected"


def test_a_wrong_client_secret_is_the_account_information_message(alice, fake_google):
    google_settings.save_client_settings(client_secret="wrong-secret")
    with session_for(alice, fake_google) as session, pytest.raises(ClientRejected) as caught:
        session.refresh()
    assert caught.value.said.text("fr") == (
        "Les informations sur le compte utilisateur ne sont pas accessibles"
    )
    assert "wrong-secret" not in str(caught.value)
    assert SyncSettings.for_user(alice).status == "red"


def test_an_expired_grant_raises_reconnect_needed_and_turns_red(alice, fake_google, emulator):
    emulator.post("/clients", {"client_id": CLIENT_ID, "testing_mode": True})
    issued = emulator.post("/tokens", {"email": ALICE, "client_id": CLIENT_ID, "refresh": True})
    refresh_token = issued["refresh_token"]
    secrets.open_secret_store().set(secrets.refresh_token_key("alice"), refresh_token)
    emulator.post("/clock/advance", {"days": 7, "seconds": 1})
    with session_for(alice, fake_google) as session, pytest.raises(ReconnectNeeded) as caught:
        session.execute(
            session.people()
            .people()
            .connections()
            .list(resourceName="people/me", personFields="names")
        )
    assert refresh_token not in str(caught.value)
    settings = SyncSettings.for_user(alice)
    assert settings.status == "red"
    assert "reconnect_needed" in settings.status_message
