"""Who may sync: one rule, whoever starts the sync.

A user's agenda and contacts are synced only when all of these hold, checked in this order:

1. « Synchronisation active » is on (a per-user switch, on by default, kept in the folder
   settings so that every machine of a shared CRM sees it);
2. the user is connected: a refresh token is in the secrets store;
3. the status light is not red (:func:`crmsync.google.status.user_status`: an access
   Google took back, a Testing-mode consent past its seven days…), nor the outcome of the
   last contact with Google recorded for the user.

The command line's ``sync --all`` and ``--watch``, the sync wizard, the syncs nobody clicks
(the automatic push after an edit, the poll, « Au démarrage ») and the agenda page's
« Synchroniser » all ask :func:`may_sync`. A sync asked for one user by name on the command
line (``--user``) is the administrator's explicit choice and does not ask. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crmsync.crm.models import FolderSettings, SyncSettings, User
from crmsync.google import secrets
from crmsync.google.messages import Said
from crmsync.google.status import Status, stored_reason, user_status
from crmsync.texts import say

ACTIVE_KEY = "sync.user.{id}.active"

#: Why a user may not sync (:attr:`Verdict.refusal`).
INACTIVE = "inactive"
NOT_CONNECTED = "not_connected"
RED_LIGHT = "red"
NO_SECRETS = "secrets"


def sync_active(user: User) -> bool:
    """« Synchronisation active »: off, no sync of this user starts (default: on)."""
    return FolderSettings.get_value(ACTIVE_KEY.format(id=user.id), "1") != "0"


def set_sync_active(user: User, active: bool) -> None:
    FolderSettings.set_value(ACTIVE_KEY.format(id=user.id), "1" if active else "0")


@dataclass(frozen=True)
class Verdict:
    """Whether a user may sync and, when not, why (with what to do) in both languages."""

    login: str
    #: "" when the user may sync, else one of INACTIVE, NOT_CONNECTED, RED_LIGHT, NO_SECRETS.
    refusal: str = ""
    why_fr: str = ""
    why_en: str = ""

    @property
    def allowed(self) -> bool:
        return not self.refusal

    def why(self, lang: str) -> str:
        """Why not, and what to do (empty when allowed)."""
        return self.why_en if lang == "en" else self.why_fr

    def reason(self, lang: str) -> str:
        """Why not, on one line (what to do left out)."""
        return self.why(lang).split("\n", 1)[0]


def may_sync(user: User, *, store: Any = None) -> Verdict:
    """The rule (see the module's docstring) for ``user``; ``store`` is the secrets store to
    look in (default: the one the environment names). No network call."""
    login = user.login
    if not sync_active(user):
        text = say("sync_deactivated", login=login)
        return Verdict(login, INACTIVE, text.render("fr"), text.render("en"))
    try:
        found = (store or secrets.open_secret_store()).get(secrets.refresh_token_key(login))
    except secrets.SecretStoreError as exc:
        return _refused(login, NO_SECRETS, exc.said)
    if not found:
        return _refused(login, NOT_CONNECTED, Said.of("not_connected", login=login))
    status = _light(user)
    if status.colour == "red":
        return Verdict(
            login,
            RED_LIGHT,
            _with_fix(status.reason("fr"), status.fix("fr")),
            _with_fix(status.reason("en"), status.fix("en")),
        )
    return Verdict(login)


def _light(user: User) -> Status:
    """The status light; red too when the last contact with Google failed (a revoked
    access) though the light shows another colour for a reason of its own (grey: the
    connection's date was never written)."""
    status = user_status(user)
    settings = SyncSettings.for_user(user)
    if status.colour == "red" or settings.status != "red":
        return status
    reason = stored_reason(settings) or Said.of("reconnect_needed", login=user.login)
    return Status.of("red", reason) if isinstance(reason, Said) else Status("red", reason, reason)


def _refused(login: str, refusal: str, said: Said) -> Verdict:
    return Verdict(login, refusal, said.full("fr"), said.full("en"))


def _with_fix(reason: str, fix: str) -> str:
    return reason + (f"\n  → {fix}" if fix else "")
