"""Opening the CRM store: a SQLite file (the default) or a PostgreSQL URL for a shared CRM."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import peewee

from crmsync import paths
from crmsync.crm import migrations
from crmsync.crm.defaults import seed_defaults
from crmsync.crm.migrations import StoreError
from crmsync.crm.models import database_proxy

log = logging.getLogger(__name__)

SQLITE_PRAGMAS: dict[str, object] = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
}
_POSTGRES_SCHEMES = ("postgres", "postgresql")
_SQLITE_PREFIX = "sqlite:///"

_location: str | None = None
#: What the open database was opened from (a path or a URL, password included): a helper
#: process opens the same one (crmsync.sync.host). Never shown: use database_location().
_target: str | Path | None = None


class DatabaseNotFoundError(StoreError):
    """``create=False`` and there is no database there."""


def resolve_target(target: str | Path | None = None) -> str | Path:
    """The database to open: ``target``, else ``$CRMSYNC_DB``, else the default file."""
    if target is None or str(target) == "":
        target = os.environ.get("CRMSYNC_DB") or paths.default_database_path()
    return target


def is_postgres_url(target: str | Path) -> bool:
    return isinstance(target, str) and urlsplit(target).scheme in _POSTGRES_SCHEMES


def sqlite_path(target: str | Path) -> Path | None:
    """The file a SQLite target names, or ``None`` for a PostgreSQL URL."""
    if is_postgres_url(target):
        return None
    text = str(target)
    if text.startswith(_SQLITE_PREFIX):
        text = text[len(_SQLITE_PREFIX) :]
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreError(
            f"Unsupported database URL scheme {scheme!r}: use a SQLite file path, "
            "sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME."
        )
    return Path(text).expanduser()


def describe_target(target: str | Path) -> str:
    """Where the database is, fit to show: the file path, or the URL with its password masked."""
    path = sqlite_path(target)
    if path is not None:
        return str(path) if str(path) == ":memory:" else str(path.resolve())
    parts = urlsplit(str(target))
    if parts.password is None:
        return str(target)
    userinfo = f"{parts.username or ''}:***"
    host = parts.hostname or ""
    netloc = f"{userinfo}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def make_database(target: str | Path) -> peewee.Database:
    """The peewee database for ``target``, not yet connected (no driver needed until then)."""
    if is_postgres_url(target):
        from playhouse.db_url import connect

        try:
            return connect(str(target), unquote_password=True, unquote_user=True)
        except ValueError as exc:
            raise StoreError(f"Bad PostgreSQL URL: {exc}") from None
    path = sqlite_path(target)
    return peewee.SqliteDatabase(str(path), pragmas=dict(SQLITE_PRAGMAS))


def open_database(target: str | Path | None = None, *, create: bool = True) -> peewee.Database:
    """Open the CRM database, upgrade its schema if it is older, and bind the models to it.

    A new database gets every table and the defaults (standard action types, admin user).
    A new SQLite file, its ``-wal`` and ``-shm`` files and the folder made for it are private
    to the user on POSIX (0600, 0700); on Windows the user's data folder already is.
    Opening another database closes the one open before. Raises :class:`StoreError`
    subclasses with a message for the user when the database cannot be used.
    """
    global _location, _target
    target = resolve_target(target)
    path = sqlite_path(target)
    if path is not None and str(path) != ":memory:" and not path.exists():
        if not create:
            raise DatabaseNotFoundError(
                f"No CRM database at {path} yet. Check --db, or create one by adding a user "
                "(`crmsync user add`) or starting the app."
            )
        paths.make_private_dir(path.parent)
        # SQLite gives the -wal and -shm files it creates the database file's mode.
        paths.create_private_file(path)
    close_database()
    db = make_database(target)
    location = describe_target(target)
    _connect(db, location)
    database_proxy.initialize(db)
    try:
        if not create and migrations.read_version(db) is None:
            raise DatabaseNotFoundError(f"The database {location} holds no CRM yet.")
        created = migrations.upgrade(db, seed=seed_defaults)
    except BaseException:
        close_database()
        raise
    _location = location
    _target = target
    log.info("%s CRM database %s", "Created" if created else "Opened", location)
    return db


def _connect(db: peewee.Database, location: str) -> None:
    try:
        db.connect(reuse_if_open=True)
    except peewee.ImproperlyConfigured as exc:
        raise StoreError(
            f"Cannot open {location}: {exc} The PostgreSQL driver (psycopg2-binary) that "
            "comes with crmsync is missing: install crmsync again."
        ) from None
    except peewee.DatabaseError as exc:
        raise StoreError(f"Cannot open the database {location}: {exc}") from None


def close_database() -> None:
    """Close the open database, if any, and unbind the models."""
    global _location, _target
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()
    database_proxy.initialize(None)
    _location = None
    _target = None


def close_thread_connection() -> None:
    """Close this thread's connection to the open database, if it has one (a worker thread
    that ends; peewee keeps one connection per thread)."""
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


def current_database() -> peewee.Database:
    """The open database; raises :class:`StoreError` when none is."""
    db = database_proxy.obj
    if db is None:
        raise StoreError("No CRM database is open.")
    return db


def database_location() -> str | None:
    """The open database's path, or its URL with the password masked."""
    return _location


def database_target() -> str | Path | None:
    """What the open database was opened from, to open it again in another process (a URL
    keeps its password: pass it on, never show it)."""
    return _target


def atomic() -> peewee._atomic:
    """A transaction (or savepoint, when nested) on the open database, holding the write
    lock from its start (:func:`crmsync.crm.migrations.write_transaction`)."""
    return migrations.write_transaction(current_database())


def schema_version() -> int | None:
    """The open database's schema version."""
    return migrations.read_version(current_database())
