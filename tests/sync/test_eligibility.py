"""The one rule of who may sync: « Synchronisation active » on, a refresh token in the
secrets store, a status light that is not red."""

from __future__ import annotations

from crmsync.crm.models import SyncSettings, utc_now
from crmsync.google import secrets
from crmsync.google.messages import Said
from crmsync.google.status import record_status
from crmsync.sync import eligibility
from crmsync.sync.eligibility import may_sync, set_sync_active, sync_active


def test_a_connected_active_user_may_sync(bench):
    verdict = may_sync(bench.user)
    assert verdict.allowed and verdict.refusal == "" and verdict.why("fr") == ""


def test_sync_switched_off_is_refused_first_and_said_in_both_languages(bench):
    assert sync_active(bench.user)  # on by default
    set_sync_active(bench.user, False)
    verdict = may_sync(bench.user)
    assert not verdict.allowed and verdict.refusal == eligibility.INACTIVE
    assert "« Synchronisation active »" in verdict.why("fr")
    assert verdict.why("en").startswith("The sync of alice is turned off")
    set_sync_active(bench.user, True)
    assert may_sync(bench.user).allowed


def test_no_refresh_token_is_not_connected(bench):
    secrets.open_secret_store().delete(secrets.refresh_token_key("alice"))
    verdict = may_sync(bench.user)
    assert verdict.refusal == eligibility.NOT_CONNECTED
    assert verdict.reason("fr") == "Pas encore connecté à Google"
    assert "crmsync connect --user alice" in verdict.why("en")


def test_a_red_light_is_refused_with_its_reason(bench):
    settings = SyncSettings.for_user(bench.user)
    settings.connected_at = utc_now()
    settings.save()
    record_status(bench.user, "green", Said.of("status_verified", email="alice@example.com"))
    assert may_sync(bench.user).allowed
    record_status(bench.user, "red", Said.of("reconnect_needed", login="alice"))
    verdict = may_sync(bench.user)
    assert verdict.refusal == eligibility.RED_LIGHT
    assert verdict.reason("en").startswith("Reconnection needed")
    # a red outcome stored for a user whose connection date was never written (grey light)
    SyncSettings.update(connected_at=None).execute()
    assert may_sync(bench.user).refusal == eligibility.RED_LIGHT


def test_an_unusable_secrets_store_is_said(bench, monkeypatch):
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "nonsense")
    verdict = may_sync(bench.user)
    assert verdict.refusal == eligibility.NO_SECRETS and "CRMSYNC_SECRET_STORE" in verdict.why("en")
