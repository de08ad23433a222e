"""``crmsync fakegoogle phone``: the demo's "phone" changes a user's Google side through
Google's API, and the next sync brings the change into the CRM."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from crmsync import cli
from crmsync.crm import db as store
from crmsync.crm.models import Action, FolderSettings, SyncSettings, User
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.google.demo import KEY_DEMO_ENDPOINT
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.google.session import GoogleSession
from crmsync.sync.engine import SyncOptions, sync_user

ALICE = "alice@example.com"
CLIENT_ID = "crmsync-phone-tests.apps.googleusercontent.com"
FULL = ["https://www.googleapis.com/auth/calendar", "https://www.googleapis.com/auth/contacts"]
ZONE = "Europe/Paris"


@pytest.fixture
def demo(tmp_path, monkeypatch, emulator, fake_google, calendar_api, people_api):
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", str(tmp_path / "secrets.json"))
    path = tmp_path / "crm.sqlite"
    store.open_database(path)
    user = User.create(login="alice", name="Alice", email=ALICE, google_email=ALICE, time_zone=ZONE)
    settings = SyncSettings.for_user(user)
    settings.calendar_name = ALICE
    settings.google_account_email = ALICE
    settings.save()
    # what the running demo records: where its emulator listens
    FolderSettings.set_value(KEY_DEMO_ENDPOINT, fake_google.base_url)
    emulator.post("/clients", {"client_id": CLIENT_ID, "client_secret": "s3cret"})
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret="s3cret")
    issued = emulator.post("/tokens", {"email": ALICE, "client_id": CLIENT_ID, "refresh": True})
    secrets.open_secret_store().set(secrets.refresh_token_key("alice"), issued["refresh_token"])
    store.close_database()

    class Demo:
        google = calendar_api(ALICE, scopes=FULL)
        people = people_api(ALICE, scopes=FULL)
        base_url = fake_google.base_url

        def phone(self, capsys, *args: str) -> tuple[int, str, str]:
            code = cli.main(["--db", str(path), "fakegoogle", "phone", "--user", "alice", *args])
            out, err = capsys.readouterr()
            return code, out, err

        def sync(self) -> None:
            store.open_database(path)
            try:
                user = User.get(User.login == "alice")
                endpoints = GoogleEndpoints.for_base_url(self.base_url)
                with GoogleSession(user, endpoints=endpoints) as session:
                    summary = sync_user(user, SyncOptions(deletions="apply"), session=session)
                assert not summary.errors, summary.errors
            finally:
                store.close_database()

        def actions(self) -> dict[str, Action]:
            store.open_database(path)
            try:
                return {a.title: a for a in Action.live()}
            finally:
                store.close_database()

        def events(self) -> list[dict]:
            return self.google.events().list(calendarId="primary").execute().get("items", [])

    yield Demo()


def _day(days: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def test_an_event_added_renamed_moved_then_deleted_on_the_phone_reaches_the_crm(demo, capsys):
    code, out, _ = demo.phone(
        capsys, "add", "Appel depuis le téléphone", "--start", f"{_day(2)} 10:00"
    )
    assert code == 0 and "Added « Appel depuis le téléphone »" in out
    (event,) = demo.events()
    assert event["start"]["dateTime"].startswith(f"{_day(2)}T10:00")
    demo.sync()
    assert "Appel depuis le téléphone" in demo.actions()

    code, out, _ = demo.phone(capsys, "rename", "téléphone", "Appel reporté")
    assert code == 0 and "Renamed" in out
    code, out, _ = demo.phone(capsys, "move", "reporté", "--start", f"{_day(3)} 15:30")
    assert code == 0 and "Moved" in out
    demo.sync()
    moved = demo.actions()["Appel reporté"]
    assert moved.start.astimezone(ZoneInfo(ZONE)).strftime("%Y-%m-%d %H:%M") == f"{_day(3)} 15:30"

    code, out, _ = demo.phone(capsys, "delete", "reporté")
    assert code == 0 and "Deleted" in out
    demo.sync()
    assert "Appel reporté" not in demo.actions()


def test_an_all_day_event_and_a_contact_note(demo, capsys):
    code, _, _ = demo.phone(
        capsys, "add", "Salon agricole", "--start", f"{_day(5)} 00:00", "--all-day"
    )
    assert code == 0
    (event,) = demo.events()
    assert event["start"] == {"date": _day(5)}
    person = (
        demo.people.people()
        .createContact(body={"names": [{"givenName": "Claire", "familyName": "Dupuis"}]})
        .execute()
    )
    code, out, _ = demo.phone(capsys, "note", "dupuis", "Préfère être appelée le matin")
    assert code == 0 and "Claire Dupuis" in out
    got = (
        demo.people.people()
        .get(resourceName=person["resourceName"], personFields="biographies")
        .execute()
    )
    assert got["biographies"][0]["value"] == "Préfère être appelée le matin"


def test_what_cannot_be_done_is_said(demo, capsys):
    code, _, err = demo.phone(capsys, "delete", "n'existe pas")
    assert code == 1 and "no event from today on has « n'existe pas »" in err
    code, _, err = demo.phone(capsys, "note", "Personne", "x")
    assert code == 1 and "no contact" in err
    code, _, err = demo.phone(capsys, "move", "x", "--start", "demain")
    assert code == 1 and "'demain' is not a date and time" in err
    code, _, err = demo.phone(capsys, "--url", "http://127.0.0.1:9", "add", "x")
    assert code == 1 and "does not answer" in err and "crmsync --demo" in err
