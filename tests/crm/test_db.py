"""Opening the CRM store: where, how (SQLite pragmas, PostgreSQL URLs) and what a new one holds."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import stat

import peewee
import pytest

from crmsync import paths
from crmsync.crm import db as store
from crmsync.crm.defaults import (
    GOOGLE_EVENT_PALETTE,
    STANDARD_TYPE_COLOUR_IDS,
    STANDARD_TYPES,
    seed_defaults,
)
from crmsync.crm.migrations import SCHEMA_VERSION, NotACrmDatabaseError, StoreError
from crmsync.crm.models import ActionType, Company, SyncSettings, User, database_proxy


@pytest.fixture(autouse=True)
def _closed_afterwards():
    yield
    store.close_database()


def test_default_location_is_the_data_folder():
    store.open_database()
    assert store.database_location() == str(paths.default_database_path().resolve())
    assert paths.default_database_path().exists()


def test_environment_variable_wins_over_default(tmp_path, monkeypatch):
    monkeypatch.setenv("CRMSYNC_DB", str(tmp_path / "env.sqlite"))
    store.open_database()
    assert (tmp_path / "env.sqlite").exists()
    assert not paths.default_database_path().exists()


def test_sqlite_url(tmp_path):
    store.open_database(f"sqlite:///{tmp_path}/url.sqlite")
    assert (tmp_path / "url.sqlite").exists()


def test_sqlite_pragmas(tmp_path):
    db = store.open_database(tmp_path / "crm.sqlite")
    pragma = lambda name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000
    assert pragma("synchronous") == 1  # NORMAL
    # WAL is a property of the file: another connection sees it too.
    assert (
        sqlite3.connect(tmp_path / "crm.sqlite").execute("PRAGMA journal_mode").fetchone()[0]
        == "wal"
    )


def test_new_database_has_the_standard_types(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    types = {t.code: t for t in ActionType.select()}
    assert [code for code, _ in STANDARD_TYPES] == list(types)
    assert len(types) == 11
    assert types["TS"].label == "Téléphone sortant"
    assert len(set(STANDARD_TYPE_COLOUR_IDS.values())) == 11
    assert set(STANDARD_TYPE_COLOUR_IDS.values()) == set(GOOGLE_EVENT_PALETTE)
    assert len({t.colour for t in types.values()}) == 11
    for code, action_type in types.items():
        assert action_type.colour == GOOGLE_EVENT_PALETTE[STANDARD_TYPE_COLOUR_IDS[code]]
    assert [t.code for t in types.values() if t.is_default] == ["R"]
    assert STANDARD_TYPE_COLOUR_IDS["I"] == "11"


def test_new_database_has_an_admin(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    admin = User.get(User.login == "admin")
    assert admin.name == "Administrateur" and admin.is_admin
    assert SyncSettings.get(SyncSettings.user == admin).status == "grey"


def test_defaults_are_idempotent_and_keep_edits(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    ActionType.update(label="Rendez-vous").where(ActionType.code == "R").execute()
    seed_defaults()
    store.open_database(tmp_path / "crm.sqlite")
    assert ActionType.select().count() == 11
    assert User.select().count() == 1
    assert SyncSettings.select().count() == 1
    assert ActionType.get(ActionType.code == "R").label == "Rendez-vous"


def test_seeding_restores_only_what_is_missing(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    ActionType.delete().where(ActionType.code == "T").execute()
    seed_defaults()
    assert ActionType.select().count() == 11
    assert ActionType.select().where(ActionType.is_default == True).count() == 1  # noqa: E712


def test_opening_another_database_rebinds_the_models(tmp_path):
    store.open_database(tmp_path / "one.sqlite")
    Company.create(code="C1", name="Only in one")
    store.open_database(tmp_path / "two.sqlite")
    assert Company.select().count() == 0
    assert store.database_location() == str((tmp_path / "two.sqlite").resolve())
    store.open_database(tmp_path / "one.sqlite")
    assert Company.select().count() == 1


def test_close_unbinds(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    store.close_database()
    assert database_proxy.obj is None
    assert store.database_location() is None
    with pytest.raises(StoreError, match="No CRM database"):
        store.atomic()


def test_open_without_create_needs_an_existing_file(tmp_path):
    with pytest.raises(store.DatabaseNotFoundError, match="No CRM database"):
        store.open_database(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()
    store.open_database(tmp_path / "crm.sqlite")
    store.open_database(tmp_path / "crm.sqlite", create=False)
    assert store.schema_version() == SCHEMA_VERSION


def test_atomic_rolls_back(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    with pytest.raises(RuntimeError), store.atomic():
        Company.create(code="C1")
        raise RuntimeError("boom")
    assert Company.select().count() == 0


def test_foreign_tables_are_not_taken_for_a_crm(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, nickname TEXT)")
    with pytest.raises(NotACrmDatabaseError, match="not written by crmsync"):
        store.open_database(path)
    assert database_proxy.obj is None


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_postgres_url_makes_a_postgres_database_without_connecting(scheme):
    db = store.make_database(f"{scheme}://crm_user:s%40cret@db.example.org:5433/crm")
    assert isinstance(db, peewee.PostgresqlDatabase)
    assert db.database == "crm"
    assert db.connect_params == {
        "user": "crm_user",
        "password": "s@cret",
        "host": "db.example.org",
        "port": 5433,
    }
    assert db.is_closed()


def test_postgres_url_is_shown_without_its_password():
    shown = store.describe_target("postgresql://crm_user:s3cret@db.example.org:5433/crm")
    assert shown == "postgresql://crm_user:***@db.example.org:5433/crm"
    assert (
        store.describe_target("postgresql://db.example.org/crm")
        == "postgresql://db.example.org/crm"
    )


def test_postgres_without_driver_says_what_to_install():
    if importlib.util.find_spec("psycopg2") or importlib.util.find_spec("psycopg"):
        pytest.skip("a PostgreSQL driver is installed here")
    with pytest.raises(StoreError, match=r"psycopg2-binary.*install crmsync again"):
        store.open_database("postgresql://u:p@127.0.0.1:1/crm")
    assert database_proxy.obj is None


@pytest.mark.parametrize("url", ["mysql://u:p@host/crm", "ftp://host/file"])
def test_unsupported_url_refused(url):
    with pytest.raises(StoreError, match="Unsupported database URL"):
        store.open_database(url)


def test_worker_thread_gets_its_own_connection_with_the_pragmas(tmp_path):
    import threading

    db = store.open_database(tmp_path / "crm.sqlite")
    seen = {}

    def work():
        seen["foreign_keys"] = db.execute_sql("PRAGMA foreign_keys").fetchone()[0]
        Company.create(code="T1", name="From a worker")
        db.close()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen["foreign_keys"] == 1
    assert Company.get(Company.code == "T1").name == "From a worker"


@pytest.fixture
def umask():
    """Set the process umask for the test: ``umask(0o022)``; restored afterwards."""
    previous: list[int] = []

    def set_umask(mask: int) -> None:
        old = os.umask(mask)
        if not previous:
            previous.append(old)

    yield set_umask
    if previous:
        os.umask(previous[0])


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize("mask", [0o000, 0o022])
def test_new_database_its_wal_shm_and_folder_are_private(tmp_path, umask, mask):
    umask(mask)
    path = tmp_path / "new folder" / "crm.sqlite"
    store.open_database(path)
    Company.create(code="C1", name="Written through the WAL")
    assert (tmp_path / "new folder" / "crm.sqlite-wal").exists()
    assert (tmp_path / "new folder" / "crm.sqlite-shm").exists()
    assert mode(tmp_path / "new folder") == 0o700
    for name in ("crm.sqlite", "crm.sqlite-wal", "crm.sqlite-shm"):
        assert mode(tmp_path / "new folder" / name) == 0o600, name


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_default_database_and_data_folder_are_private(umask):
    umask(0o022)
    store.open_database()
    Company.create(code="C1")
    database = paths.default_database_path()
    assert mode(database.parent) == 0o700
    assert mode(database) == 0o600
    assert mode(f"{database}-wal") == 0o600


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_existing_folder_and_database_keep_their_modes(tmp_path, umask):
    # A database the user placed somewhere himself is his to share.
    umask(0o022)
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o750)
    os.chmod(shared, 0o750)
    store.open_database(shared / "crm.sqlite")
    store.close_database()
    os.chmod(shared / "crm.sqlite", 0o640)
    store.open_database(shared / "crm.sqlite")
    assert mode(shared) == 0o750
    assert mode(shared / "crm.sqlite") == 0o640


def test_transactions_that_read_then_write_wait_for_each_other(tmp_path):
    """Two connections (two users' syncs, the app and a command) each read then write in a
    transaction: the second waits for the first instead of failing "database is locked"."""
    import threading

    from crmsync.crm import db as store
    from crmsync.crm.models import FolderSettings

    store.open_database(tmp_path / "crm.sqlite")
    FolderSettings.set_value("counter", "0")
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work() -> None:
        try:
            start.wait()
            for _ in range(40):
                with store.atomic():
                    value = int(FolderSettings.get_value("counter") or 0)
                    FolderSettings.set_value("counter", str(value + 1))
        except BaseException as exc:  # noqa: BLE001 - examined below
            errors.append(exc)
        finally:
            store.current_database().close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert errors == []
        assert FolderSettings.get_value("counter") == "160"  # no increment lost either
    finally:
        store.close_database()
