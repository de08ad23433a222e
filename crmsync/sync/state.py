"""The sync engine's own tables, kept apart from the CRM's data.

- :class:`SyncLink` pairs a CRM item with a Google one and keeps the last synced neutral
  values (the base of the three-way merge), the Google etag and the photo hash, and two
  facts in columns of their own: ``unsettled`` and ``photo_rejected``.
- :class:`SyncCursor` is where a scope's reading stopped: the CRM change journal's sequence
  number, or a calendar's Google sync token.
- :class:`SyncIntent` is a Google write about to be sent (with the client-chosen id of an
  insert), committed *before* the request, so a rerun after a crash knows what might have
  reached Google.
- :class:`SyncLogEntry` is one line of the sync log.
- :class:`SyncLock` keeps two syncs of one user apart, across processes.
- :class:`DirtyAction` is an action changed in the CRM and not yet handled by a sync that
  pushes (the journal moves here, coalesced per action, so a pull-only run loses nothing).

Every table is created by the store's versioned migrations (schema 3, changed in 4).
"""

from __future__ import annotations

import json
from typing import Any

from crmsync.crm.models import User, utc_now
from crmsync.crm.sync_tables import (  # noqa: F401 - the engine's names for them
    KIND_CONTACT,
    KIND_EVENT,
    KIND_SERIES,
    SYNC_MODELS,
    DirtyAction,
    SyncCursor,
    SyncIntent,
    SyncLink,
    SyncLock,
    SyncLogEntry,
)
from crmsync.texts import Text, render


def forget_links(user: User, calendar_only: bool) -> int:
    """Drop ``user``'s links, cursors, intents and pending work (only the agenda's with
    ``calendar_only``); Google's items keep their CRM ids, so the next sync relinks them."""
    deleted = 0
    links = SyncLink.delete().where(SyncLink.user == user)
    intents = SyncIntent.delete().where(SyncIntent.user == user)
    cursors = SyncCursor.delete().where(SyncCursor.user == user)
    if calendar_only:
        links = links.where(SyncLink.kind != KIND_CONTACT)
        intents = intents.where(SyncIntent.kind == KIND_EVENT)
        cursors = cursors.where(SyncCursor.scope != "contacts")
    for query in (links, intents, cursors):
        deleted += query.execute()
    return deleted


def save_cursor(user: User, scope: str, value: str, basis: str = "") -> None:
    """Set ``user``'s cursor of ``scope`` (insert or replace)."""
    now = utc_now()
    SyncCursor.insert(user=user, scope=scope, value=value, basis=basis, updated_at=now).on_conflict(
        conflict_target=[SyncCursor.user, SyncCursor.scope],
        update={SyncCursor.value: value, SyncCursor.basis: basis, SyncCursor.updated_at: now},
    ).execute()


def read_cursor(user: User, scope: str) -> SyncCursor | None:
    return SyncCursor.get_or_none(SyncCursor.user == user, SyncCursor.scope == scope)


def log_row(
    user: User,
    kind: str,
    direction: str,
    operation: str,
    crm_id: int | None,
    google_id: str,
    item: str,
    *,
    result: str = "ok",
    message: str = "",
    fields: Any = None,
) -> dict[str, Any]:
    """One sync log line, as a row for ``SyncLogEntry.insert_many`` (runs write them in bulk)."""
    return {
        "at": utc_now(),
        "user": user.id,
        "direction": direction,
        "kind": kind,
        "crm_id": crm_id,
        "google_id": google_id or "",
        "item": item or "",
        "operation": operation,
        "fields": json.dumps(fields, ensure_ascii=False, default=str) if fields else "",
        "result": result,
        "message": message,
    }


class RunLog:
    """The log lines one run gathers, written in bulk by the run (``take`` empties it)."""

    def __init__(self, user: User, kind: str, lang: str = "en") -> None:
        self.user = user
        self.kind = kind
        #: The language messages said with crmsync.texts are written in.
        self.lang = lang
        self.rows: list[dict[str, Any]] = []

    def add(
        self,
        direction: str,
        operation: str,
        crm_id: int | None,
        google_id: str,
        item: str,
        *,
        result: str = "ok",
        message: Text | str | None = "",
        fields: Any = None,
    ) -> None:
        self.rows.append(
            log_row(
                self.user,
                self.kind,
                direction,
                operation,
                crm_id,
                google_id,
                item,
                result=result,
                message=render(message, self.lang),
                fields=fields,
            )
        )

    def take(self) -> list[dict[str, Any]]:
        rows, self.rows = self.rows, []
        return rows

    def __len__(self) -> int:
        return len(self.rows)
