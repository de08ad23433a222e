"""« Réinitialisation » and « Réinitialisation Cal. »: forget a user's Google account, or only
the links with its calendar.

The sync engine owns the links and cursors; :func:`crmsync.sync.state.forget_links` drops
them. The events and contacts themselves carry their CRM ids on Google's side, so a later
sync relinks them instead of duplicating them.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from crmsync.crm import db as store
from crmsync.crm.models import SyncSettings, User
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.google.endpoints import GoogleEndpoints, current_endpoints
from crmsync.google.messages import Said
from crmsync.google.status import record_status
from crmsync.sync.state import forget_links

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResetResult:
    revoked: bool
    links_forgotten: int


def revoke_token(token: str, endpoints: GoogleEndpoints, timeout: float = 30) -> bool:
    """Ask Google to revoke ``token`` (and its whole grant); sent in the body, never the URL."""
    body = urllib.parse.urlencode({"token": token}).encode()
    request = urllib.request.Request(
        endpoints.revoke_uri,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return 200 <= answer.status < 300
    except urllib.error.HTTPError as exc:
        # 400 invalid_token: already revoked or expired, which is what we wanted.
        log.info("Revocation answered %s", exc.code)
        return exc.code == 400
    except (urllib.error.URLError, OSError) as exc:
        log.warning("Could not reach Google to revoke the token: %s", type(exc).__name__)
        return False


def reset_account(
    user: User,
    *,
    endpoints: GoogleEndpoints | None = None,
    secret_store: secrets.SecretStore | None = None,
) -> ResetResult:
    """« Réinitialisation »: revoke the user's token, forget it, and drop every sync link."""
    endpoints = endpoints or current_endpoints()
    secret_store = secret_store or secrets.open_secret_store()
    key = secrets.refresh_token_key(user.login)
    token = secret_store.get(key)
    revoked = revoke_token(token, endpoints) if token else False
    secret_store.delete(key)
    with store.atomic():
        settings = SyncSettings.for_user(user)
        settings.google_account_email = None
        settings.connected_at = None
        settings.save()
        google_settings.forget_grant(user)
        record_status(user, "grey", Said.of("not_connected", login=user.login))
        forgotten = forget_links(user, calendar_only=False)
    log.info("Reset the Google account of %s (%d links forgotten)", user.login, forgotten)
    return ResetResult(revoked=revoked, links_forgotten=forgotten)


def reset_calendar(user: User) -> ResetResult:
    """« Réinitialisation Cal. »: forget the links and cursors of the user's calendar only."""
    with store.atomic():
        forgotten = forget_links(user, calendar_only=True)
    log.info("Reset the calendar links of %s (%d forgotten)", user.login, forgotten)
    return ResetResult(revoked=False, links_forgotten=forgotten)
