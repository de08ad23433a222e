"""The status light's rules, from what is stored, without calling Google."""

from __future__ import annotations

import datetime as dt

import pytest

from crmsync.crm import db as store
from crmsync.crm.models import SyncSettings, User, utc_now
from crmsync.google import settings as google_settings
from crmsync.google.messages import Said
from crmsync.google.status import record_status, user_status

ALICE = "alice@example.com"


@pytest.fixture
def alice(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    user = User.create(login="alice", name="Alice", email=ALICE, google_email=ALICE)
    yield user
    store.close_database()


def connected(user, *, account=ALICE, calendar="Travail", status="green", granted=None):
    google_settings.save_client_settings(client_id="cid")  # no secret needed to show a light
    settings = SyncSettings.for_user(user)
    settings.connected_at = granted or utc_now()
    settings.google_account_email = account
    settings.calendar_name = calendar
    settings.save()
    google_settings.save_grant(
        user,
        google_settings.GrantInfo(granted_at=settings.connected_at, scopes=google_settings.SCOPES),
    )
    record_status(user, status, Said.of("status_verified", email=account))


def test_grey_without_client_then_without_connection(alice):
    assert user_status(alice).message_id == "client_missing"
    assert user_status(alice).colour == "grey"
    google_settings.save_client_settings(client_id="cid")
    status = user_status("alice")
    assert (status.colour, status.message_id) == ("grey", "not_connected")
    assert "crmsync connect --user alice" in status.fix_fr


def test_green_when_connected_and_verified(alice):
    connected(alice)
    status = user_status(alice)
    assert status.colour == "green"
    assert status.reason_en == f"Connected to the Google account {ALICE} and verified"


def test_orange_without_calendar_or_with_another_account(alice):
    connected(alice, calendar="")
    assert user_status(alice).message_id == "calendar_not_chosen"
    connected(alice, account="bob@example.com")
    status = user_status(alice)
    assert (status.colour, status.message_id) == ("orange", "email_mismatch")


def test_testing_consent_is_orange_until_the_seventh_day_then_red(alice):
    granted = utc_now() - dt.timedelta(days=6)
    connected(alice, granted=granted)
    google_settings.save_client_settings(testing_consent=True)
    status = user_status(alice)
    assert (status.colour, status.message_id) == ("orange", "testing_consent")
    assert "mode « Test »" in status.reason_fr
    later = user_status(alice, now=granted + dt.timedelta(days=7, seconds=1))
    assert (later.colour, later.message_id) == ("red", "testing_consent_expired")


def test_a_refresh_token_lifetime_told_by_google_is_used(alice):
    connected(alice)
    now = utc_now()
    google_settings.save_grant(
        alice,
        google_settings.GrantInfo(granted_at=now, refresh_expires_at=now + dt.timedelta(days=1)),
    )
    assert user_status(alice).message_id == "testing_consent"


def test_red_keeps_the_stored_reason(alice):
    connected(alice)
    record_status(alice, "red", Said.of("calendar_unknown", name="Nope"))
    status = user_status(alice)
    assert status.colour == "red"
    assert status.reason_fr == "Le calendrier recherché « Nope » est inconnu"
    assert status.reason_en == "The calendar « Nope » you are looking for is unknown"


def test_a_plain_text_reason_written_elsewhere_is_shown_as_it_is(alice):
    connected(alice)
    settings = SyncSettings.for_user(alice)
    settings.status, settings.status_message = "red", "Synchronisation interrompue"
    settings.save()
    assert user_status(alice).reason_en == "Synchronisation interrompue"
