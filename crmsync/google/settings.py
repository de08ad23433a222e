"""The folder's Google settings (OAuth client, API key, consent-screen mode) and what each
user's last consent gave (when, which scopes, until when): none of it secret.

The client id, API key and the "Testing" flag are folder settings in the database; the
client secret lives in the secrets store (:mod:`crmsync.google.secrets`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from crmsync.crm.models import FolderSettings, User
from crmsync.google import secrets
from crmsync.google.endpoints import GoogleEndpoints

SCOPE_PREFIX = "https://www.googleapis.com/auth/"
#: What crmsync asks for, in the form Google answers with (``email`` comes back as the
#: userinfo.email URL, and oauthlib compares the two strictly).
SCOPES: tuple[str, ...] = (
    SCOPE_PREFIX + "calendar.events",
    SCOPE_PREFIX + "calendar.calendarlist.readonly",
    SCOPE_PREFIX + "contacts",
    "openid",
    SCOPE_PREFIX + "userinfo.email",
)
CALENDAR_SCOPES = (
    SCOPE_PREFIX + "calendar.events",
    SCOPE_PREFIX + "calendar.calendarlist.readonly",
)
CONTACTS_SCOPE = SCOPE_PREFIX + "contacts"

#: The demo's client, registered with the emulator only; never used against Google.
DEMO_CLIENT_ID = "crmsync-demo.apps.googleusercontent.com"

KEY_CLIENT_ID = "google.client_id"
KEY_API_KEY = "google.api_key"
KEY_TESTING = "google.testing_consent"
_KEY_GRANT = "google.grant:"


@dataclass(frozen=True)
class ClientSettings:
    """The folder's OAuth client. ``client_secret`` comes from the secrets store."""

    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    api_key: str = field(default="", repr=False)
    testing_consent: bool = False

    @property
    def complete(self) -> bool:
        return bool(self.client_id and self.client_secret)

    def oauth_config(self, endpoints: GoogleEndpoints) -> dict[str, Any]:
        """The "installed app" client configuration google-auth-oauthlib expects."""
        return {
            "installed": {
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "auth_uri": endpoints.auth_uri,
                "token_uri": endpoints.token_uri,
                "redirect_uris": ["http://127.0.0.1", "http://localhost"],
            }
        }


def load_client_id() -> str:
    return (FolderSettings.get_value(KEY_CLIENT_ID) or "").strip()


def load_client_settings(
    store: secrets.SecretStore | None = None, *, with_secret: bool = True
) -> ClientSettings:
    """The folder's client; the secret is read only when a client id is set and it is wanted.

    Raises :class:`~crmsync.google.secrets.SecretStoreError` when the secret is needed and
    no secrets store may be used.
    """
    client_id = load_client_id()
    secret = ""
    if client_id and with_secret:
        store = store or secrets.open_secret_store()
        secret = store.get(secrets.client_secret_key()) or ""
    return ClientSettings(
        client_id=client_id,
        client_secret=secret,
        api_key=FolderSettings.get_value(KEY_API_KEY) or "",
        testing_consent=(FolderSettings.get_value(KEY_TESTING) or "") == "1",
    )


def save_client_settings(
    *,
    client_id: str | None = None,
    client_secret: str | None = None,
    api_key: str | None = None,
    testing_consent: bool | None = None,
    store: secrets.SecretStore | None = None,
) -> None:
    """Change what is given; the secret goes to the secrets store, the rest to the database."""
    if client_secret is not None:
        store = store or secrets.open_secret_store()
        if client_secret:
            store.set(secrets.client_secret_key(), client_secret)
        else:
            store.delete(secrets.client_secret_key())
    if client_id is not None:
        FolderSettings.set_value(KEY_CLIENT_ID, client_id.strip())
    if api_key is not None:
        FolderSettings.set_value(KEY_API_KEY, api_key.strip())
    if testing_consent is not None:
        FolderSettings.set_value(KEY_TESTING, "1" if testing_consent else "0")


# --- what a user's consent gave -----------------------------------------------------


@dataclass(frozen=True)
class GrantInfo:
    """When the user consented, to which scopes, and until when the refresh token lives
    (known only when Google says so in the token answer, or from the Testing flag)."""

    granted_at: dt.datetime
    scopes: tuple[str, ...] = ()
    refresh_expires_at: dt.datetime | None = None

    def missing_scopes(self) -> list[str]:
        return [s for s in SCOPES if self.scopes and s not in self.scopes]


def save_grant(user: User, info: GrantInfo) -> None:
    FolderSettings.set_value(
        _KEY_GRANT + user.login,
        json.dumps(
            {
                "granted_at": info.granted_at.isoformat(),
                "scopes": list(info.scopes),
                "refresh_expires_at": info.refresh_expires_at.isoformat()
                if info.refresh_expires_at
                else None,
            }
        ),
    )


def load_grant(user: User) -> GrantInfo | None:
    raw = FolderSettings.get_value(_KEY_GRANT + user.login)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        expires = data.get("refresh_expires_at")
        return GrantInfo(
            granted_at=dt.datetime.fromisoformat(data["granted_at"]),
            scopes=tuple(data.get("scopes") or ()),
            refresh_expires_at=dt.datetime.fromisoformat(expires) if expires else None,
        )
    except (ValueError, KeyError, TypeError):
        return None


def forget_grant(user: User) -> None:
    FolderSettings.delete().where(FolderSettings.key == _KEY_GRANT + user.login).execute()
