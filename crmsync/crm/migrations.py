"""Versioned schema changes of the CRM store.

Every database gets its schema the same way: the tables of version 1, frozen below as they
were released, then each step after the database's version, in order, all in one
transaction (if any step fails, nothing is changed). A new database is a version-1 one taken
through every step. So a database upgraded from any version is identical to a new one by
construction: same columns in the same order, same SQL defaults, same index names. Creating
new databases straight from today's models could not promise that: SQLite's ALTER TABLE
appends columns and keeps the defaults the step gave them, and a step's indexes are named by
the step. The models only have to agree with the schema (column names, types, nullability,
indexes, foreign keys), which the tests check. Steps are written against the schema as it was,
never against today's models, and only use SQL that SQLite and PostgreSQL both accept.

Adding a version N: write a function ``_vN_what_it_does(db)`` that takes the database from
N-1 to N (``ALTER TABLE ... ADD COLUMN`` with a ``DEFAULT`` for a ``NOT NULL`` column; new
tables with ``db.create_tables`` from models as they are at version N, plus their indexes),
append ``(N, step)`` to :data:`MIGRATIONS`, set :data:`SCHEMA_VERSION` to N, add a line to the
history below, and change the models to match. Every table goes through a step; nothing
creates tables outside them. A step keeps creating what it created when it was released: when
a later version changes a table an earlier step built from a live model, freeze that model's
old definition into the earlier step. The tests build a version-1 database from a fixture,
upgrade it, and compare it with a new one in full, whatever the current version.

History:
    1. first released schema.
    2. sync_settings.conflict_policy and .first_sync_days, actions.series_start,
       contacts.photo_updated_at, and the folder_settings table.
    3. the sync engine: sites, actions.site_id, site_calendars, sync_settings.calendar_id,
       actions.ical_uid (an imported event's UID, kept for export),
       the action change journal and its triggers, and the engine's own tables (links,
       cursors, intents, log, locks, dirty actions).
    4. typed columns instead of values with a hidden meaning: sync_links.unsettled (was a
       "~" before the etag) and sync_links.photo_rejected (was the photo hash "rejected", or a
       key of the synced values); actions.sync_uid (an action's identity across restores of
       older backups, which give later actions' ids again) and the trigger that gives one
       to an action another program inserts; on PostgreSQL the journal's trigger records
       the writer's origin.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable

import peewee

from crmsync.crm import models

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4


class StoreError(Exception):
    """A problem with the CRM database that the user can act on; the message says how."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer crmsync than this one."""

    def __init__(self, found: int, known: int = SCHEMA_VERSION) -> None:
        super().__init__(
            f"This database was written by a newer crmsync (schema {found}, "
            f"this version knows {known}). Update crmsync."
        )
        self.found = found
        self.known = known


class MigrationError(StoreError):
    """An upgrade step failed; the database was left as it was."""


class NotACrmDatabaseError(StoreError):
    """The database holds tables but none of crmsync's version bookkeeping."""


# --- version 1, as released -----------------------------------------------------------------
# Only what the DDL needs: column types, nullability, uniqueness, indexes, foreign keys.


class _V1(peewee.Model):
    id = peewee.AutoField()

    class Meta:
        legacy_table_names = False


class _V1User(_V1):
    created_at = peewee.TextField()
    updated_at = peewee.TextField()
    login = peewee.CharField(unique=True)
    name = peewee.CharField()
    email = peewee.CharField(null=True)
    google_email = peewee.CharField(null=True)
    is_admin = peewee.BooleanField()
    time_zone = peewee.CharField()
    active = peewee.BooleanField()

    class Meta:
        table_name = "users"


class _V1UserRight(_V1):
    viewer = peewee.ForeignKeyField(_V1User, on_delete="CASCADE")
    target = peewee.ForeignKeyField(_V1User, on_delete="CASCADE")
    visible = peewee.BooleanField()
    agenda = peewee.BooleanField()

    class Meta:
        table_name = "user_rights"
        indexes = ((("viewer", "target"), True),)


class _V1ActionType(_V1):
    code = peewee.CharField(unique=True)
    label = peewee.CharField()
    colour = peewee.CharField()
    is_default = peewee.BooleanField()

    class Meta:
        table_name = "action_types"


class _V1Series(_V1):
    created_at = peewee.TextField()
    updated_at = peewee.TextField()
    owner = peewee.ForeignKeyField(_V1User, on_delete="CASCADE")
    rrule = peewee.TextField()
    exdates = peewee.TextField()

    class Meta:
        table_name = "series"


class _V1Company(_V1):
    created_at = peewee.TextField()
    updated_at = peewee.TextField()
    code = peewee.CharField(unique=True)
    name = peewee.CharField()
    kind = peewee.CharField()

    class Meta:
        table_name = "companies"


class _V1Contact(_V1):
    created_at = peewee.TextField()
    updated_at = peewee.TextField()
    company = peewee.ForeignKeyField(_V1Company, null=True, on_delete="SET NULL")
    civility = peewee.CharField()
    last_name = peewee.CharField()
    first_name = peewee.CharField()
    function = peewee.CharField()
    email = peewee.CharField()
    phone = peewee.CharField()
    mobile = peewee.CharField()
    address1 = peewee.CharField()
    address2 = peewee.CharField()
    address3 = peewee.CharField()
    postal_code = peewee.CharField()
    city = peewee.CharField()
    country = peewee.CharField()
    comment = peewee.TextField()
    photo = peewee.BlobField(null=True)
    deleted_at = peewee.TextField(null=True)

    class Meta:
        table_name = "contacts"


class _V1Action(_V1):
    created_at = peewee.TextField()
    updated_at = peewee.TextField()
    owner = peewee.ForeignKeyField(_V1User, on_delete="CASCADE")
    action_type = peewee.ForeignKeyField(_V1ActionType)
    title = peewee.CharField()
    location = peewee.CharField()
    all_day = peewee.BooleanField()
    start = peewee.TextField(null=True, index=True)
    end = peewee.TextField(null=True)
    start_date = peewee.DateField(null=True, index=True)
    end_date = peewee.DateField(null=True)
    private = peewee.BooleanField()
    reminder = peewee.BooleanField()
    reminder_minutes = peewee.IntegerField()
    description = peewee.TextField()
    series = peewee.ForeignKeyField(_V1Series, null=True, on_delete="SET NULL")
    deleted_at = peewee.TextField(null=True, index=True)
    contact = peewee.ForeignKeyField(_V1Contact, null=True, on_delete="SET NULL")
    company = peewee.ForeignKeyField(_V1Company, null=True, on_delete="SET NULL")

    class Meta:
        table_name = "actions"


class _V1ContactToSync(_V1):
    user = peewee.ForeignKeyField(_V1User, on_delete="CASCADE")
    contact = peewee.ForeignKeyField(_V1Contact, on_delete="CASCADE")
    added_at = peewee.TextField()

    class Meta:
        table_name = "contacts_to_sync"
        indexes = ((("user", "contact"), True),)


class _V1SyncSettings(_V1):
    user = peewee.ForeignKeyField(_V1User, unique=True, on_delete="CASCADE")
    calendar_name = peewee.CharField(null=True)
    months_before = peewee.IntegerField()
    months_after = peewee.IntegerField()
    auto_push = peewee.BooleanField()
    pull_on_startup = peewee.BooleanField()
    sync_series = peewee.BooleanField()
    transfer_colours = peewee.BooleanField()
    google_account_email = peewee.CharField(null=True)
    connected_at = peewee.TextField(null=True)
    status = peewee.CharField()
    status_message = peewee.TextField()
    contacts_synced_at = peewee.TextField(null=True)
    contacts_synced_count = peewee.IntegerField()

    class Meta:
        table_name = "sync_settings"


class _V1SchemaVersion(_V1):
    version = peewee.IntegerField()

    class Meta:
        table_name = "schema_version"


_V1_MODELS: list[type[peewee.Model]] = [
    _V1User,
    _V1UserRight,
    _V1ActionType,
    _V1Series,
    _V1Company,
    _V1Contact,
    _V1Action,
    _V1ContactToSync,
    _V1SyncSettings,
    _V1SchemaVersion,
]


def _create_v1_schema(db: peewee.Database) -> None:
    with db.bind_ctx(_V1_MODELS):
        db.create_tables(_V1_MODELS)


# --- the steps ------------------------------------------------------------------------------


def _v2_sync_options_series_start_photo_stamp_folder_settings(db: peewee.Database) -> None:
    for statement in (
        "ALTER TABLE sync_settings ADD COLUMN conflict_policy VARCHAR(255) NOT NULL "
        "DEFAULT 'latest'",
        "ALTER TABLE sync_settings ADD COLUMN first_sync_days INTEGER NOT NULL DEFAULT 30",
        "ALTER TABLE actions ADD COLUMN series_start TEXT",
        "ALTER TABLE contacts ADD COLUMN photo_updated_at TEXT",
        # Until now a photo's age was only known through its contact's last change.
        "UPDATE contacts SET photo_updated_at = updated_at WHERE photo IS NOT NULL",
    ):
        db.execute_sql(statement)

    class FolderSettingsV2(peewee.Model):
        key = peewee.CharField(unique=True)
        value = peewee.TextField(default="")

        class Meta:
            database = db
            table_name = "folder_settings"
            # Index names from the table, as every other table's: folder_settings_key.
            legacy_table_names = False

    db.create_tables([FolderSettingsV2])


class _V3SyncLink(_V1):
    """``sync_links`` as version 3 created it (version 4 added two columns)."""

    user = peewee.ForeignKeyField(_V1User, on_delete="CASCADE")
    kind = peewee.CharField()
    calendar_id = peewee.CharField()
    crm_id = peewee.IntegerField()
    google_id = peewee.CharField()
    etag = peewee.CharField()
    synced = peewee.TextField()
    synced_at = peewee.TextField()
    photo_hash = peewee.CharField()
    read_only = peewee.BooleanField()
    detached = peewee.BooleanField()
    pending_deletion = peewee.BooleanField()
    recurring_id = peewee.CharField()

    class Meta:
        table_name = "sync_links"
        indexes = (
            (("user", "kind", "crm_id"), True),
            (("user", "kind", "calendar_id", "google_id"), True),
        )


def _create_v3_engine_schema(db: peewee.Database) -> None:
    """The sync engine's tables (it owns them; the store creates them, here and only here)."""
    from crmsync.crm import sync_tables as state
    from crmsync.crm.sync_tables import ActionJournal, create_triggers

    live: list[type[peewee.Model]] = [ActionJournal]
    live += [m for m in state.SYNC_MODELS if m is not state.SyncLink]
    db.create_tables(live)
    with db.bind_ctx([_V3SyncLink]):
        db.create_tables([_V3SyncLink])
    create_triggers(db)


def _v3_sites_journal_and_sync_tables(db: peewee.Database) -> None:
    # The tables are created from the models as they are at version 3 (frozen above when a
    # later step changed them).
    db.create_tables([models.Site, models.SiteCalendar])
    for statement in (
        "ALTER TABLE actions ADD COLUMN site_id INTEGER REFERENCES sites (id) ON DELETE SET NULL",
        'CREATE INDEX "actions_site_id" ON "actions" ("site_id")',
        "ALTER TABLE sync_settings ADD COLUMN calendar_id VARCHAR(255)",
        "ALTER TABLE actions ADD COLUMN ical_uid VARCHAR(255)",
    ):
        db.execute_sql(statement)
    _create_v3_engine_schema(db)


def _v4_typed_link_flags_action_uid_journal_origin(db: peewee.Database) -> None:
    from crmsync.crm.sync_tables import create_origin_trigger

    boolean = db.field_types["BOOL"]  # INTEGER on SQLite, BOOLEAN on PostgreSQL
    for statement in (
        f"ALTER TABLE sync_links ADD COLUMN unsettled {boolean} NOT NULL DEFAULT FALSE",
        f"ALTER TABLE sync_links ADD COLUMN photo_rejected {boolean} NOT NULL DEFAULT FALSE",
        # Nullable: SQLite cannot give an added column a computed default, and another
        # program's insert leaves it out; the trigger below fills it in.
        "ALTER TABLE actions ADD COLUMN sync_uid VARCHAR(32)",
    ):
        db.execute_sql(statement)
    _settle_link_markers(db)
    _give_actions_sync_uids(db)
    db.execute_sql('CREATE UNIQUE INDEX "actions_sync_uid" ON "actions" ("sync_uid")')
    for statement in _SYNC_UID_TRIGGER[_dialect(db)]:
        db.execute_sql(statement)
    create_origin_trigger(db)


def _dialect(db: peewee.Database) -> str:
    return "sqlite" if isinstance(db, peewee.SqliteDatabase) else "postgres"


def _settle_link_markers(db: peewee.Database) -> None:
    """Turn the marks version 3 wrote into the data into the new columns."""
    db.execute_sql(
        "UPDATE sync_links SET unsettled = TRUE, etag = SUBSTR(etag, 2) "
        "WHERE kind <> 'contact' AND SUBSTR(etag, 1, 1) = '~'"
    )
    db.execute_sql(
        "UPDATE sync_links SET photo_rejected = TRUE, photo_hash = '' WHERE photo_hash = 'rejected'"
    )
    # A refused photo was also remembered in the synced values by its stamp; it still
    # counts when it is the photo the link last saw.
    mark = db.param
    rows = db.execute_sql(
        f"SELECT id, synced FROM sync_links WHERE kind = 'contact' AND synced LIKE {mark}",
        ('%"photo_rejected"%',),
    ).fetchall()
    for link_id, text in rows:
        synced = json.loads(text or "{}")
        stamp = synced.pop("photo_rejected", None)
        refused = stamp is not None and stamp == synced.get("photo_stamp")
        db.execute_sql(
            f"UPDATE sync_links SET synced = {mark}"
            + (", photo_rejected = TRUE" if refused else "")
            + f" WHERE id = {mark}",
            (json.dumps(synced, ensure_ascii=False), link_id),
        )


def _give_actions_sync_uids(db: peewee.Database) -> None:
    """A distinct uid for every existing action, without journalling it as an edit.

    The journal's triggers record these updates; the rows they add are removed, or every
    action would be read as edited by the user at the next sync. They are the highest
    numbers: on SQLite the upgrade holds the write lock, and on PostgreSQL the ALTER TABLE
    above holds ``actions`` exclusively until the upgrade commits (a writer still open had
    to commit first).
    """
    before = db.execute_sql("SELECT MAX(id) FROM action_journal").fetchone()[0] or 0
    ids = [row[0] for row in db.execute_sql("SELECT id FROM actions").fetchall()]
    mark = db.param
    cursor = db.cursor()
    cursor.executemany(
        f"UPDATE actions SET sync_uid = {mark} WHERE id = {mark}",
        [(secrets.token_hex(16), action_id) for action_id in ids],
    )
    db.execute_sql(f"DELETE FROM action_journal WHERE id > {mark}", (int(before),))


#: Gives an action inserted without a sync_uid (by another program, by raw SQL) one.
_SYNC_UID_TRIGGER = {
    # SQLite's BEFORE triggers cannot change the row: the row is updated right after.
    "sqlite": (
        "CREATE TRIGGER actions_sync_uid AFTER INSERT ON actions "
        "WHEN NEW.sync_uid IS NULL BEGIN "
        "UPDATE actions SET sync_uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END",
    ),
    # gen_random_uuid() is built in since PostgreSQL 13 (122 random bits, in 32 hex digits).
    "postgres": (
        "CREATE OR REPLACE FUNCTION actions_sync_uid() RETURNS trigger AS $$ BEGIN "
        "IF NEW.sync_uid IS NULL THEN "
        "NEW.sync_uid := replace(gen_random_uuid()::text, '-', ''); END IF; "
        "RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER actions_sync_uid BEFORE INSERT ON actions "
        "FOR EACH ROW EXECUTE FUNCTION actions_sync_uid()",
    ),
}


#: (version reached, step) in order; a step takes the database from the version before.
MIGRATIONS: list[tuple[int, Callable[[peewee.Database], None]]] = [
    (2, _v2_sync_options_series_start_photo_stamp_folder_settings),
    (3, _v3_sites_journal_and_sync_tables),
    (4, _v4_typed_link_flags_action_uid_journal_origin),
]


def read_version(db: peewee.Database) -> int | None:
    """The database's schema version, or ``None`` for an empty database."""
    if db.table_exists(models.SchemaVersion._meta.table_name):
        row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
        if row and row[0] is not None:
            return int(row[0])
    if db.table_exists(models.User._meta.table_name):
        raise NotACrmDatabaseError(
            "This database has CRM tables but no schema version; it was not written by "
            "crmsync. Point --db at a crmsync database or at a new, empty one."
        )
    return None


def _write_version(db: peewee.Database, version: int) -> None:
    db.execute_sql("DELETE FROM schema_version")
    db.execute_sql(f"INSERT INTO schema_version (version) VALUES ({int(version)})")


def write_transaction(db: peewee.Database) -> peewee._atomic:
    """A transaction on ``db`` holding the write lock from its start (SQLite ``BEGIN
    IMMEDIATE``, waiting up to the busy timeout); a savepoint when already in one.

    A deferred SQLite transaction that reads, then writes, is refused at once ("database is
    locked": SQLite does not wait there, lest two such transactions wait for each other) when
    another connection wrote meanwhile: two processes upgrading one old file, two users'
    syncs, the app's edits and a command line sharing the file.
    """
    if isinstance(db, peewee.SqliteDatabase) and not db.in_transaction():
        return db.atomic(lock_type="IMMEDIATE")
    return db.atomic()


def upgrade(db: peewee.Database, *, seed: Callable[[], None] | None = None) -> bool:
    """Bring ``db`` to :data:`SCHEMA_VERSION`; return True if the database was new.

    A new database gets the version-1 tables and then every step. ``seed`` runs in the same
    transaction when the tables are created, so a new database is either complete with its
    defaults or left empty.
    """
    version = read_version(db)
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaTooNewError(version)
    if version == SCHEMA_VERSION:
        return False
    with write_transaction(db):
        version = read_version(db)
        created = version is None
        if version is None:
            _create_v1_schema(db)
            version = 1
        elif version > SCHEMA_VERSION:
            raise SchemaTooNewError(version)
        _run_steps(db, version, created=created)
        if created:
            if seed is not None:
                seed()
            log.info("Created the CRM schema, version %d", SCHEMA_VERSION)
    return created


def _run_steps(db: peewee.Database, version: int, *, created: bool) -> None:
    start = version
    for target, step in MIGRATIONS:
        if target <= version:
            continue
        if not created:
            log.info("Upgrading the CRM schema from %d to %d", version, target)
        try:
            step(db)
        except peewee.PeeweeException as exc:
            if created:
                raise MigrationError(
                    f"Could not create the CRM schema {SCHEMA_VERSION}: step {target} failed "
                    f"({exc}). The database was left empty."
                ) from exc
            raise MigrationError(
                f"Could not upgrade the database from schema {start} to {SCHEMA_VERSION}: "
                f"step {target} failed ({exc}). The database was left unchanged."
            ) from exc
        version = target
    _write_version(db, version)
