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

import peewee

from crmsync.crm.models import BaseModel, User, UTCDateTimeField, utc_now
from crmsync.texts import Text, render

KIND_EVENT = "event"
KIND_CONTACT = "contact"
#: A CRM series paired with a Google recurring event (crm_id is the series id).
KIND_SERIES = "series"


class SyncLink(BaseModel):
    """A CRM item paired with a Google item, and what both looked like at the last sync."""

    user = peewee.ForeignKeyField(User, backref="sync_links", on_delete="CASCADE")
    kind = peewee.CharField(default=KIND_EVENT)
    #: The Google calendar holding the event ("" for contacts).
    calendar_id = peewee.CharField(default="")
    crm_id = peewee.IntegerField()
    google_id = peewee.CharField()
    etag = peewee.CharField(default="")
    #: The last synced neutral values, as JSON.
    synced = peewee.TextField(default="{}")
    synced_at = UTCDateTimeField(default=utc_now)
    photo_hash = peewee.CharField(default="")
    #: The account only attends this event: CRM edits are not pushed.
    read_only = peewee.BooleanField(default=False)
    #: Google deleted it and the user said « Non »: the action stays and is synced no more.
    detached = peewee.BooleanField(default=False)
    #: Google deleted it and no answer was given yet.
    pending_deletion = peewee.BooleanField(default=False)
    #: The Google recurring event this occurrence belongs to ("" when none).
    recurring_id = peewee.CharField(default="")
    #: Google holds merged values the CRM has not taken yet: the event is read again, its
    #: etag does not pass for "as last synced" (a run killed in between re-reads it).
    unsettled = peewee.BooleanField(default=False)
    #: The CRM's photo as of the synced ``photo_stamp`` was refused (the user was told once).
    photo_rejected = peewee.BooleanField(default=False)

    class Meta:
        table_name = "sync_links"
        indexes = (
            (("user", "kind", "crm_id"), True),
            (("user", "kind", "calendar_id", "google_id"), True),
        )

    @property
    def synced_values(self) -> dict[str, Any]:
        return json.loads(self.synced or "{}")


class SyncCursor(BaseModel):
    """Where a user's reading of one scope stopped (``crm:agenda``, ``calendar:<id>``…)."""

    user = peewee.ForeignKeyField(User, backref="sync_cursors", on_delete="CASCADE")
    scope = peewee.CharField()
    value = peewee.TextField(default="")
    #: What the value depends on (the window and options of a calendar's full listing):
    #: a cursor read under other conditions is not reused.
    basis = peewee.TextField(default="")
    updated_at = UTCDateTimeField(default=utc_now)

    class Meta:
        table_name = "sync_cursors"
        indexes = ((("user", "scope"), True),)


class SyncIntent(BaseModel):
    """A Google write recorded before it is sent; removed once its result is committed."""

    user = peewee.ForeignKeyField(User, backref="sync_intents", on_delete="CASCADE")
    kind = peewee.CharField(default=KIND_EVENT)
    operation = peewee.CharField()  # insert | update | delete | move
    calendar_id = peewee.CharField(default="")
    crm_id = peewee.IntegerField(null=True)
    google_id = peewee.CharField(default="")
    #: The neutral values being written, as JSON (for an insert: what to link on a rerun).
    payload = peewee.TextField(default="{}")
    created_at = UTCDateTimeField(default=utc_now)

    class Meta:
        table_name = "sync_intents"


class SyncLogEntry(BaseModel):
    """One operation or conflict of a sync, kept in the database for the log window."""

    at = UTCDateTimeField(default=utc_now, index=True)
    user = peewee.ForeignKeyField(User, backref="sync_log", on_delete="CASCADE")
    user_id: int
    #: crm->google, google->crm, or "" for what concerns neither direction.
    direction = peewee.CharField(default="")
    kind = peewee.CharField(default=KIND_EVENT)
    crm_id = peewee.IntegerField(null=True)
    google_id = peewee.CharField(default="")
    item = peewee.TextField(default="")
    operation = peewee.CharField(default="")
    #: The fields concerned, as JSON (for a conflict: both values and the winner).
    fields = peewee.TextField(default="")
    result = peewee.CharField(default="ok")
    message = peewee.TextField(default="")

    class Meta:
        table_name = "sync_log"


class SyncLock(BaseModel):
    """A user's running sync: one row while it runs, refreshed; a stale one may be taken."""

    user = peewee.ForeignKeyField(User, backref="sync_locks", on_delete="CASCADE")
    scope = peewee.CharField(default="sync")
    holder = peewee.CharField()
    expires_at = UTCDateTimeField()

    class Meta:
        table_name = "sync_locks"
        indexes = ((("user", "scope"), True),)


class DirtyAction(BaseModel):
    """An action changed in the CRM that a push has not handled yet (one row per action)."""

    user = peewee.ForeignKeyField(User, backref="dirty_actions", on_delete="CASCADE")
    action_id = peewee.IntegerField()
    seq = peewee.IntegerField(default=0)
    noted_at = UTCDateTimeField(default=utc_now)

    class Meta:
        table_name = "sync_dirty_actions"
        indexes = ((("user", "action_id"), True),)


#: The engine's tables, in creation order.
SYNC_MODELS: list[type[BaseModel]] = [
    SyncLink,
    SyncCursor,
    SyncIntent,
    SyncLogEntry,
    SyncLock,
    DirtyAction,
]


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
