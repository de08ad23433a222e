"""The sync engine's tables and the CRM change journal's, defined with the store.

The engine owns what is in them (:mod:`crmsync.sync.state` and :mod:`crmsync.sync.journal`
are the code that reads and writes them); they are defined here, beside the CRM's own
tables, because the store's migrations create them and the store imports nothing from the
engine (layers point one way: crm ← sync).

- :class:`SyncLink` pairs a CRM item with a Google one and keeps the last synced neutral
  values (the base of the three-way merge), the Google etag and the photo hash, and two
  facts in columns of their own: ``unsettled`` and ``photo_rejected``.
- :class:`SyncCursor` is where a scope's reading stopped.
- :class:`SyncIntent` is a Google write about to be sent, committed *before* the request.
- :class:`SyncLogEntry` is one line of the sync log.
- :class:`SyncLock` keeps two syncs of one user apart, across processes.
- :class:`DirtyAction` is an action changed in the CRM and not yet handled by a push.
- :class:`ActionJournal` and its triggers: every write of an action leaves a numbered row.
"""

from __future__ import annotations

import json
from typing import Any

import peewee

from crmsync.crm.models import BaseModel, User, UTCDateTimeField, utc_now

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


CRM_SCOPE = "crm:agenda"
ORIGIN_SYNC = "sync"
#: The PostgreSQL setting naming who writes in the current transaction (any dotted name is
#: a custom setting; unset, it reads as NULL, so other programs' edits stay the user's).
ORIGIN_SETTING = "crmsync.origin"
_PG_LOCK_KEY = 7240301  # any constant: the advisory lock only orders journal writers


class ActionJournal(BaseModel):
    """One change of one action: the row number is the change's sequence number."""

    action_id = peewee.IntegerField()
    owner_id = peewee.IntegerField(index=True)
    origin = peewee.CharField(null=True)

    class Meta:
        table_name = "action_journal"


SQLITE_TRIGGERS = (
    "CREATE TRIGGER action_journal_insert AFTER INSERT ON actions BEGIN "
    "INSERT INTO action_journal (action_id, owner_id) VALUES (NEW.id, NEW.owner_id); END",
    "CREATE TRIGGER action_journal_update AFTER UPDATE ON actions BEGIN "
    "INSERT INTO action_journal (action_id, owner_id) VALUES (NEW.id, NEW.owner_id); "
    "INSERT INTO action_journal (action_id, owner_id) "
    "SELECT OLD.id, OLD.owner_id WHERE OLD.owner_id <> NEW.owner_id; END",
    "CREATE TRIGGER action_journal_delete AFTER DELETE ON actions BEGIN "
    "INSERT INTO action_journal (action_id, owner_id) VALUES (OLD.id, OLD.owner_id); END",
)

#: As schema 3 installed them; schema 4 replaced the function with
#: :data:`POSTGRES_ORIGIN_FUNCTION`.
POSTGRES_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION action_journal_record() RETURNS trigger AS $$ BEGIN "
    f"PERFORM pg_advisory_xact_lock({_PG_LOCK_KEY}); "
    "IF TG_OP = 'DELETE' THEN "
    "INSERT INTO action_journal (action_id, owner_id) VALUES (OLD.id, OLD.owner_id); "
    "RETURN OLD; END IF; "
    "INSERT INTO action_journal (action_id, owner_id) VALUES (NEW.id, NEW.owner_id); "
    "IF TG_OP = 'UPDATE' AND OLD.owner_id <> NEW.owner_id THEN "
    "INSERT INTO action_journal (action_id, owner_id) VALUES (OLD.id, OLD.owner_id); "
    "END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER action_journal_change AFTER INSERT OR UPDATE OR DELETE ON actions "
    "FOR EACH ROW EXECUTE FUNCTION action_journal_record()",
)


# A setting that was set once in a session reads as '' (not NULL) after its transaction
# ends: NULLIF makes both "nobody said".
POSTGRES_ORIGIN_FUNCTION = (
    "CREATE OR REPLACE FUNCTION action_journal_record() RETURNS trigger AS $$ "
    f"DECLARE writer text := NULLIF(current_setting('{ORIGIN_SETTING}', true), ''); BEGIN "
    f"PERFORM pg_advisory_xact_lock({_PG_LOCK_KEY}); "
    "IF TG_OP = 'DELETE' THEN "
    "INSERT INTO action_journal (action_id, owner_id, origin) "
    "VALUES (OLD.id, OLD.owner_id, writer); RETURN OLD; END IF; "
    "INSERT INTO action_journal (action_id, owner_id, origin) "
    "VALUES (NEW.id, NEW.owner_id, writer); "
    "IF TG_OP = 'UPDATE' AND OLD.owner_id <> NEW.owner_id THEN "
    "INSERT INTO action_journal (action_id, owner_id, origin) "
    "VALUES (OLD.id, OLD.owner_id, writer); "
    "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
)


def _is_sqlite(db: peewee.Database) -> bool:
    return isinstance(db, peewee.SqliteDatabase)


def create_triggers(db: peewee.Database) -> None:
    """Install the journal's triggers as schema 3 did (its migration step calls this)."""
    statements = SQLITE_TRIGGERS if _is_sqlite(db) else POSTGRES_TRIGGERS
    for statement in statements:
        db.execute_sql(statement)


def create_origin_trigger(db: peewee.Database) -> None:
    """Schema 4: on PostgreSQL the trigger records the writer's origin (SQLite unchanged)."""
    if not _is_sqlite(db):
        db.execute_sql(POSTGRES_ORIGIN_FUNCTION)
