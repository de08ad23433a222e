"""Versioned schema changes of the CRM store.

A new database gets every table at :data:`SCHEMA_VERSION` straight from the models. An older
one runs each step after its version, in order, all in one transaction: if any step fails,
nothing is changed. Steps are written against the schema as it was, never against today's
models, and only use SQL that SQLite and PostgreSQL both accept.

History:
    1. first released schema.
    2. sync_settings.conflict_policy and .first_sync_days, actions.series_start,
       contacts.photo_updated_at, and the folder_settings table.
    3. the sync engine: sites, actions.site_id, site_calendars, sync_settings.calendar_id,
       the action change journal and its triggers, and the engine's own tables (links,
       cursors, intents, log, locks, dirty actions).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import peewee

from crmsync.crm import models

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3


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

    db.create_tables([FolderSettingsV2])


def engine_models() -> list[type[models.BaseModel]]:
    """The sync engine's tables (it owns them; the store creates them, here and only here)."""
    from crmsync.sync.journal import ActionJournal
    from crmsync.sync.state import SYNC_MODELS

    return [ActionJournal, *SYNC_MODELS]


def _create_engine_schema(db: peewee.Database) -> None:
    from crmsync.sync.journal import create_triggers

    db.create_tables(engine_models())
    create_triggers(db)


def _v3_sites_journal_and_sync_tables(db: peewee.Database) -> None:
    # The tables are created from the models as they are at version 3; a later change to
    # one of them is a step of its own.
    db.create_tables([models.Site, models.SiteCalendar])
    for statement in (
        "ALTER TABLE actions ADD COLUMN site_id INTEGER REFERENCES sites (id) ON DELETE SET NULL",
        'CREATE INDEX "actions_site_id" ON "actions" ("site_id")',
        "ALTER TABLE sync_settings ADD COLUMN calendar_id VARCHAR(255)",
    ):
        db.execute_sql(statement)
    _create_engine_schema(db)


#: (version reached, step) in order; a step takes the database from the version before.
MIGRATIONS: list[tuple[int, Callable[[peewee.Database], None]]] = [
    (2, _v2_sync_options_series_start_photo_stamp_folder_settings),
    (3, _v3_sites_journal_and_sync_tables),
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


def _write_transaction(db: peewee.Database) -> peewee._atomic:
    if isinstance(db, peewee.SqliteDatabase):
        # Take the write lock before reading the version, so two processes opening the same
        # old file cannot both upgrade it.
        return db.atomic(lock_type="IMMEDIATE")
    return db.atomic()


def upgrade(db: peewee.Database, *, seed: Callable[[], None] | None = None) -> bool:
    """Bring ``db`` to :data:`SCHEMA_VERSION`; return True if the database was new.

    ``seed`` runs in the same transaction when the tables are created, so a new database is
    either complete with its defaults or left empty.
    """
    version = read_version(db)
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaTooNewError(version)
    if version == SCHEMA_VERSION:
        return False
    with _write_transaction(db):
        version = read_version(db)
        if version is None:
            db.create_tables(models.ALL_MODELS)
            _create_engine_schema(db)
            _write_version(db, SCHEMA_VERSION)
            if seed is not None:
                seed()
            log.info("Created the CRM schema, version %d", SCHEMA_VERSION)
            return True
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(version)
        _run_steps(db, version)
    return False


def _run_steps(db: peewee.Database, version: int) -> None:
    start = version
    for target, step in MIGRATIONS:
        if target <= version:
            continue
        log.info("Upgrading the CRM schema from %d to %d", version, target)
        try:
            step(db)
        except peewee.PeeweeException as exc:
            raise MigrationError(
                f"Could not upgrade the database from schema {start} to {SCHEMA_VERSION}: "
                f"step {target} failed ({exc}). The database was left unchanged."
            ) from exc
        version = target
    _write_version(db, version)
