"""Upgrading databases written by earlier schemas: nothing lost, all or nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from crmsync.crm import db as store
from crmsync.crm import migrations
from crmsync.crm.migrations import SCHEMA_VERSION, MigrationError, SchemaTooNewError
from crmsync.crm.models import (
    Action,
    ActionType,
    Contact,
    Series,
    SyncSettings,
    User,
    database_proxy,
)

FIXTURES = Path(__file__).parent / "fixtures"
V1_TABLES = [
    "users",
    "user_rights",
    "action_types",
    "series",
    "companies",
    "contacts",
    "actions",
    "contacts_to_sync",
    "sync_settings",
]


@pytest.fixture(autouse=True)
def _closed_afterwards():
    yield
    store.close_database()


@pytest.fixture
def v1_path(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    conn.close()
    return path


def columns(path, table):
    with sqlite3.connect(path) as conn:
        return [(row[1], row[3]) for row in conn.execute(f'PRAGMA table_info("{table}")')]


def rows(path, table, names):
    with sqlite3.connect(path) as conn:
        quoted = ", ".join(f'"{n}"' for n in names)
        return conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY id').fetchall()


def version_of(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version FROM schema_version").fetchone()[0]


def tables(path):
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_current_schema_is_newer_than_the_fixture():
    assert SCHEMA_VERSION == 2
    assert [target for target, _ in migrations.MIGRATIONS] == list(range(2, SCHEMA_VERSION + 1))


def test_v1_database_upgrades_without_losing_a_row(v1_path):
    before = {t: rows(v1_path, t, [c for c, _ in columns(v1_path, t)]) for t in V1_TABLES}
    old_columns = {t: [c for c, _ in columns(v1_path, t)] for t in V1_TABLES}

    store.open_database(v1_path)

    assert version_of(v1_path) == SCHEMA_VERSION
    for table in V1_TABLES:
        assert rows(v1_path, table, old_columns[table]) == before[table], table
    assert sum(len(r) for r in before.values()) > 20


def test_new_columns_get_their_defaults(v1_path):
    store.open_database(v1_path)
    assert (
        rows(v1_path, "sync_settings", ["conflict_policy", "first_sync_days"])
        == [("latest", 30)] * 3
    )
    assert rows(v1_path, "actions", ["series_start"]) == [(None,)] * 4
    # A contact with a photo gets its last change as the photo's date.
    assert rows(v1_path, "contacts", ["photo_updated_at"]) == [
        ("2023-05-02T16:20:00.000000Z",),
        (None,),
        (None,),
    ]
    assert "folder_settings" in tables(v1_path)


def test_upgraded_rows_read_back_through_the_models(v1_path):
    store.open_database(v1_path)
    visit = Action.get_by_id(2)
    assert visit.start == dt.datetime(2023, 3, 14, 13, tzinfo=dt.UTC)
    assert visit.description == "Apporter les résultats d'analyse.\nDeuxième ligne."
    assert visit.action_type.code == "VIS" and visit.contact.display_name == "Anne Petit"
    assert Action.get_by_id(3).end_date == dt.date(2023, 8, 15)
    assert [a.id for a in Action.live()] == [1, 2, 3]
    assert Series.get_by_id(1).exdate_list == ["2023-04-10T07:00:00Z", "2023-05-08T07:00:00Z"]
    assert bytes(Contact.get_by_id(1).photo).startswith(b"\x89PNG")
    assert Contact.get_by_id(1).photo_updated_at == dt.datetime(2023, 5, 2, 16, 20, tzinfo=dt.UTC)
    jean = User.get(User.login == "jmartin")
    assert (jean.time_zone, jean.active) == ("America/Martinique", False)
    settings = SyncSettings.get(SyncSettings.user == jean)
    assert settings.status == "red" and "Travail" in settings.status_message
    settings.conflict_policy = "google"
    settings.save()
    # The old database is not re-seeded: the admin's own types stay as they were.
    assert ActionType.select().count() == 3


def test_upgraded_schema_matches_a_new_one(v1_path, tmp_path):
    store.open_database(tmp_path / "new.sqlite")
    store.open_database(v1_path)
    assert tables(v1_path) == tables(tmp_path / "new.sqlite")
    for table in tables(v1_path):
        assert sorted(columns(v1_path, table)) == sorted(columns(tmp_path / "new.sqlite", table)), (
            table
        )


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    store.open_database(path)
    store.close_database()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.close()
    with pytest.raises(SchemaTooNewError) as caught:
        store.open_database(path)
    assert str(caught.value) == (
        f"This database was written by a newer crmsync (schema {SCHEMA_VERSION + 1}, "
        f"this version knows {SCHEMA_VERSION}). Update crmsync."
    )
    assert database_proxy.obj is None
    assert version_of(path) == SCHEMA_VERSION + 1


def test_failed_step_leaves_the_database_untouched(v1_path):
    # A column the step adds already exists: the step fails after some of its statements ran.
    with sqlite3.connect(v1_path) as conn:
        conn.execute('ALTER TABLE "actions" ADD COLUMN "series_start" TEXT')
    conn.close()
    schema_before = {t: columns(v1_path, t) for t in tables(v1_path)}

    with pytest.raises(MigrationError, match="from schema 1 to 2.*left unchanged"):
        store.open_database(v1_path)

    assert version_of(v1_path) == 1
    assert {t: columns(v1_path, t) for t in tables(v1_path)} == schema_before
    assert database_proxy.obj is None


def test_all_steps_run_in_one_transaction(v1_path, monkeypatch):
    def step_three(db):
        db.execute_sql("ALTER TABLE users ADD COLUMN nickname TEXT")
        db.execute_sql("SELECT * FROM no_such_table")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (3, step_three)])
    with pytest.raises(MigrationError, match="step 3 failed"):
        store.open_database(v1_path)
    assert version_of(v1_path) == 1
    assert "conflict_policy" not in dict(columns(v1_path, "sync_settings"))
    assert "folder_settings" not in tables(v1_path)


def test_several_steps_in_a_row(v1_path, monkeypatch):
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        [
            *migrations.MIGRATIONS,
            (3, lambda db: db.execute_sql("ALTER TABLE users ADD COLUMN nickname TEXT")),
        ],
    )
    store.open_database(v1_path)
    assert version_of(v1_path) == 3
    assert "nickname" in dict(columns(v1_path, "users"))
    assert "conflict_policy" in dict(columns(v1_path, "sync_settings"))


def test_current_database_is_left_alone(tmp_path, monkeypatch):
    store.open_database(tmp_path / "crm.sqlite")
    calls = []
    monkeypatch.setattr(migrations, "MIGRATIONS", [(2, lambda db: calls.append(db))])
    store.open_database(tmp_path / "crm.sqlite")
    assert calls == []
