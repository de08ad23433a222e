"""The status light of a user's Google connection: grey, green, orange or red, with its reason.

What is stored (``SyncSettings.status`` and ``status_message``) is the outcome of the last
thing that spoke to Google for the user: a connection, a Tester run, a sync that hit a
revoked token. :func:`user_status` combines it with what can be known without a network
call:

* **grey**: no OAuth client in the folder settings, or the user never connected;
* **red**: the last contact with Google failed (the stored reason), or a refresh token known
  to be short-lived has passed its end;
* **orange**: it works but needs attention, in this order: a refresh token with a known end
  (see below), an authorised account other than the user's Google e-mail, no calendar
  chosen, or connected but never verified;
* **green**: connected, and the last connection or Tester run went through.

Google gives no flag saying a consent screen is in "Testing" (where refresh tokens die
after 7 days). The honest rule used here: the end of a refresh token is known when Google's
token answer carried ``refresh_token_expires_in`` (it does for time-limited grants), or when
the administrator marked the folder's client as Testing (``crmsync settings google
--testing-consent``), in which case the end is the consent time plus 7 days.

``status_message`` holds JSON (``{"id": …, "values": {…}}``, a :mod:`messages` id) so the
reason can be shown in either language; a plain text written by someone else is shown as it is.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

from crmsync.crm.models import SyncSettings, User, utc_now
from crmsync.google import settings as google_settings
from crmsync.google.messages import Said

TESTING_REFRESH_LIFETIME = dt.timedelta(days=7)
COLOURS = ("grey", "green", "orange", "red")


@dataclass(frozen=True)
class Status:
    """A status light and why, in French and English, with what to do next."""

    colour: str
    reason_fr: str
    reason_en: str
    fix_fr: str = ""
    fix_en: str = ""
    message_id: str = ""

    @classmethod
    def of(cls, colour: str, said: Said) -> Status:
        return cls(
            colour, said.text("fr"), said.text("en"), said.fix("fr"), said.fix("en"), said.id
        )

    def reason(self, lang: str) -> str:
        return self.reason_en if lang == "en" else self.reason_fr

    def fix(self, lang: str) -> str:
        return self.fix_en if lang == "en" else self.fix_fr

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def record_status(user: User, colour: str, said: Said) -> None:
    """Store the outcome of the last contact with Google for ``user``."""
    if colour not in COLOURS:
        raise ValueError(f"unknown status colour {colour!r}")
    settings = SyncSettings.for_user(user)
    settings.status = colour
    settings.status_message = json.dumps({"id": said.id, "values": dict(said.values)})
    settings.save()


def stored_reason(settings: SyncSettings) -> Said | str | None:
    """The stored reason: a :class:`Said` when crmsync wrote it, else the plain text."""
    raw = settings.status_message or ""
    if not raw:
        return None
    if raw.lstrip().startswith("{"):
        try:
            data = json.loads(raw)
            return Said.of(data["id"], **dict(data.get("values") or {}))
        except (ValueError, KeyError, TypeError):
            pass
    return raw


def _stored_status(colour: str, settings: SyncSettings, fallback: Said) -> Status:
    reason = stored_reason(settings)
    if isinstance(reason, str):
        return Status(colour, reason, reason)
    return Status.of(colour, reason or fallback)


def refresh_token_end(user: User, client: google_settings.ClientSettings) -> dt.datetime | None:
    """When the user's refresh token stops working, when that can be known (see module doc)."""
    grant = google_settings.load_grant(user)
    if grant is None:
        return None
    if grant.refresh_expires_at is not None:
        return grant.refresh_expires_at
    if client.testing_consent:
        return grant.granted_at + TESTING_REFRESH_LIFETIME
    return None


def user_status(
    user: User | str,
    *,
    client: google_settings.ClientSettings | None = None,
    now: dt.datetime | None = None,
) -> Status:
    """The user's status light (no network call, no secret read)."""
    if isinstance(user, str):
        user = User.get(User.login == user)
    settings = SyncSettings.for_user(user)
    if client is None:
        client = google_settings.load_client_settings(with_secret=False)
    if not client.client_id:
        return Status.of("grey", Said.of("client_missing"))
    if settings.connected_at is None:
        return Status.of("grey", Said.of("not_connected", login=user.login))
    if settings.status == "red":
        return _stored_status("red", settings, Said.of("reconnect_needed", login=user.login))
    now = now or utc_now()
    end = refresh_token_end(user, client)
    if end is not None:
        date = end.astimezone(user.zone).strftime("%d/%m/%Y %H:%M")
        if end <= now:
            return Status.of("red", Said.of("testing_consent_expired", date=date))
        return Status.of("orange", Said.of("testing_consent", date=date))
    account = settings.google_account_email or ""
    expected = user.google_email or ""
    if account and expected and account.lower() != expected.lower():
        return Status.of("orange", Said.of("email_mismatch", account=account, expected=expected))
    if not (settings.calendar_name or "").strip():
        return Status.of("orange", Said.of("calendar_not_chosen", login=user.login))
    if settings.status == "green":
        return _stored_status(
            "green", settings, Said.of("status_verified", email=account or expected)
        )
    if settings.status == "orange":
        return _stored_status("orange", settings, Said.of("status_unverified", email=account))
    return Status.of("orange", Said.of("status_unverified", email=account or expected))
