"""Set-up shared by the tests of the sync dialogs: a CRM store with users, the folder's OAuth
client known to the Google emulator, the file secrets store, every Google call sent to the
emulator, and an app context."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

import pytest

from crmsync.crm import db as store
from crmsync.crm.models import SyncSettings, User
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.gui.context import AppContext

CLIENT_ID = "crmsync-gui-tests.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-gui-test-secret"
ALICE = "alice@example.com"
BOB = "bob@example.com"


@dataclass
class Crm:
    alice: User
    bob: User
    context: AppContext
    emulator: Any
    base_url: str

    def connect(self, user: User, email: str) -> None:
        """Give ``user`` a refresh token for ``email`` (as a finished « Connexion » does)."""
        from crmsync.crm.models import utc_now
        from crmsync.google.messages import Said
        from crmsync.google.status import record_status

        issued = self.emulator.post(
            "/tokens", {"email": email, "client_id": CLIENT_ID, "refresh": True}
        )
        secrets.open_secret_store().set(
            secrets.refresh_token_key(user.login), issued["refresh_token"]
        )
        settings = SyncSettings.for_user(user)
        settings.google_account_email = email
        settings.connected_at = utc_now()
        settings.calendar_name = email
        settings.save()
        record_status(user, "green", Said.of("status_verified", email=email))

    def stored_token(self, login: str = "alice") -> str | None:
        return secrets.open_secret_store().get(secrets.refresh_token_key(login))


def make_crm(tmp_path, monkeypatch, emulator, fake_google) -> Crm:
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", str(tmp_path / "secrets.json"))
    monkeypatch.setenv("CRMSYNC_GOOGLE_ENDPOINT", fake_google.base_url)
    store.open_database(tmp_path / "crm.sqlite")
    alice = User.create(
        login="alice", name="Alice Martin", email=ALICE, google_email=ALICE, is_admin=True
    )
    bob = User.create(login="bob", name="Bob Durand", email=BOB, google_email=BOB)
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    emulator.post("/clients", {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})
    context = AppContext(alice.id, "crm.sqlite")
    return Crm(alice, bob, context, emulator, fake_google.base_url)


def close_crm(crm: Crm) -> None:
    crm.context.shutdown()
    store.close_database()


def consent_redirect(url: str) -> str:
    """Where Google sends the browser after consent, not followed (nothing listens there)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(url, timeout=10)
    with caught.value as answer:
        assert answer.code == 302
        return str(answer.headers["Location"])
