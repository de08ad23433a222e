"""Upgrading databases written by earlier schemas: nothing lost, all or nothing."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil
import re
import sqlite3
from pathlib import Path

import peewee
import pytest

from crmsync.commands.store import count_rows
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
#: A version after today's, for made-up steps.
NEXT = SCHEMA_VERSION + 1
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
    assert SCHEMA_VERSION >= 2
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


def _normalised_sql(sql):
    if sql is None:
        return None
    text = re.sub(r"\s+", " ", sql).strip()
    return re.sub(r"\s*([(),])\s*", r"\1", text)


def schema(path):
    """Everything SQLite knows of the schema at ``path``: each object's normalised SQL, and
    each table's columns (order, type, not-null, default, key), indexes (name, uniqueness,
    origin, partial, columns and their order) and foreign keys (columns, target, actions)."""
    with sqlite3.connect(path) as conn:
        objects = sorted(
            (kind, name, table, _normalised_sql(sql))
            for kind, name, table, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
            )
        )
        described = {"objects": objects}
        for kind, name, _, _ in objects:
            if kind != "table":
                continue
            indexes = {}
            for _, index, unique, origin, partial in conn.execute(
                f'PRAGMA index_list("{name}")'
            ).fetchall():
                keys = conn.execute(f'PRAGMA index_xinfo("{index}")').fetchall()
                indexes[index] = (unique, origin, partial, keys)
            described[name] = {
                "columns": conn.execute(f'PRAGMA table_xinfo("{name}")').fetchall(),
                "indexes": indexes,
                "foreign_keys": conn.execute(f'PRAGMA foreign_key_list("{name}")').fetchall(),
            }
    conn.close()
    return described


def test_upgraded_schema_is_identical_to_a_new_one(v1_path, tmp_path):
    """Whatever SCHEMA_VERSION is: a v1 database brought up to it is a new one's twin."""
    store.open_database(tmp_path / "new.sqlite")
    store.open_database(v1_path)
    store.close_database()
    upgraded, new = schema(v1_path), schema(tmp_path / "new.sqlite")
    assert set(upgraded) == set(new)
    for part in new:
        assert upgraded[part] == new[part], part
    assert "folder_settings_key" in new["folder_settings"]["indexes"]


def test_a_new_database_at_version_1_is_the_released_one(v1_path, tmp_path, monkeypatch):
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", [])
    db = peewee.SqliteDatabase(str(tmp_path / "v1.sqlite"))
    assert migrations.upgrade(db) is True
    db.close()
    assert schema(tmp_path / "v1.sqlite") == schema(v1_path)


def crmsync_models():
    """Every concrete peewee model of crmsync's CRM and sync packages bound to the store."""
    for package in ("crmsync.crm", "crmsync.sync"):
        path = importlib.import_module(package).__path__
        for module in pkgutil.walk_packages(path, package + "."):
            importlib.import_module(module.name)
    found, todo = [], [peewee.Model]
    while todo:
        model = todo.pop()
        below = model.__subclasses__()
        todo.extend(below)
        if (
            not below
            and model.__module__.startswith("crmsync.")
            and model._meta.database is database_proxy
        ):
            found.append(model)
    return found


def shape(path):
    """What the models promise of each table: columns (type, not-null, key) in any order,
    indexes (uniqueness, columns) and foreign keys; SQL defaults and triggers left out."""
    with sqlite3.connect(path) as conn:
        described = {}
        for (table,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall():
            columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            indexes = {
                index: (unique, [r[2] for r in conn.execute(f'PRAGMA index_info("{index}")')])
                for _, index, unique, *_ in conn.execute(f'PRAGMA index_list("{table}")')
            }
            keys = conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
            described[table] = {
                "columns": {name: (kind, notnull, pk) for _, name, kind, notnull, _, pk in columns},
                "indexes": indexes,
                "foreign_keys": sorted(row[2:] for row in keys),
            }
    conn.close()
    return described


def test_models_agree_with_the_schema_the_migrations_make(tmp_path):
    store.open_database(tmp_path / "new.sqlite")
    store.close_database()
    found = crmsync_models()
    assert {User, SyncSettings} <= set(found)
    from_models = peewee.SqliteDatabase(str(tmp_path / "from_models.sqlite"))
    with from_models.bind_ctx(found):
        from_models.create_tables(found)
    from_models.close()
    expected, actual = shape(tmp_path / "from_models.sqlite"), shape(tmp_path / "new.sqlite")
    assert set(actual) == set(expected)
    for table in expected:
        assert actual[table] == expected[table], table


def test_a_step_that_fails_on_a_new_database_leaves_it_empty(tmp_path, monkeypatch):
    def failing_step(db):
        db.execute_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
        db.execute_sql("SELECT * FROM no_such_table")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (NEXT, failing_step)])
    with pytest.raises(MigrationError, match=f"create the CRM schema {NEXT}: step {NEXT} failed"):
        store.open_database(tmp_path / "new.sqlite")
    assert tables(tmp_path / "new.sqlite") == set()


def test_a_new_database_runs_every_step(tmp_path, monkeypatch):
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        [
            *migrations.MIGRATIONS,
            (NEXT, lambda db: db.execute_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY)")),
        ],
    )
    store.open_database(tmp_path / "new.sqlite")
    assert version_of(tmp_path / "new.sqlite") == NEXT
    assert "notes" in tables(tmp_path / "new.sqlite")
    # `crmsync info` counts the tables steps add, whoever they belong to.
    assert count_rows()["notes"] == 0
    assert "schema_version" not in count_rows()


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

    with pytest.raises(
        MigrationError, match=f"from schema 1 to {SCHEMA_VERSION}: step 2 failed.*left unchanged"
    ):
        store.open_database(v1_path)

    assert version_of(v1_path) == 1
    assert {t: columns(v1_path, t) for t in tables(v1_path)} == schema_before
    assert database_proxy.obj is None


def test_all_steps_run_in_one_transaction(v1_path, monkeypatch):
    def failing_step(db):
        db.execute_sql("ALTER TABLE users ADD COLUMN nickname TEXT")
        db.execute_sql("SELECT * FROM no_such_table")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (NEXT, failing_step)])
    with pytest.raises(MigrationError, match=f"step {NEXT} failed"):
        store.open_database(v1_path)
    assert version_of(v1_path) == 1
    assert "conflict_policy" not in dict(columns(v1_path, "sync_settings"))
    assert "folder_settings" not in tables(v1_path)


def test_several_steps_in_a_row(v1_path, monkeypatch):
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        [
            *migrations.MIGRATIONS,
            (NEXT, lambda db: db.execute_sql("ALTER TABLE users ADD COLUMN nickname TEXT")),
        ],
    )
    store.open_database(v1_path)
    assert version_of(v1_path) == NEXT
    assert "nickname" in dict(columns(v1_path, "users"))
    assert "conflict_policy" in dict(columns(v1_path, "sync_settings"))


def test_current_database_is_left_alone(tmp_path, monkeypatch):
    store.open_database(tmp_path / "crm.sqlite")
    calls = []
    monkeypatch.setattr(migrations, "MIGRATIONS", [(2, lambda db: calls.append(db))])
    store.open_database(tmp_path / "crm.sqlite")
    assert calls == []


# --- version 4: typed link columns, the action's sync uid ----------------------------------


@pytest.fixture
def v3_path(tmp_path):
    path = tmp_path / "v3.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript((FIXTURES / "schema_v3.sql").read_text(encoding="utf-8"))
    conn.close()
    return path


def test_a_v3_database_upgrades_to_a_new_ones_twin(v3_path, tmp_path):
    """The step building the engine's tables still builds them as version 3 did."""
    assert version_of(v3_path) == 3
    store.open_database(tmp_path / "new.sqlite")
    store.open_database(v3_path)
    store.close_database()
    upgraded, new = schema(v3_path), schema(tmp_path / "new.sqlite")
    assert set(upgraded) == set(new)
    for part in new:
        assert upgraded[part] == new[part], part


def test_v3_link_marks_become_columns(v3_path):
    store.open_database(v3_path)
    store.close_database()
    links = rows(
        v3_path,
        "sync_links",
        ["crm_id", "kind", "etag", "unsettled", "photo_hash", "photo_rejected"],
    )
    assert links == [
        (1, "event", '"3181161784712000"', 1, "", 0),
        (2, "event", '"3181161784713000"', 0, "", 0),
        (1, "contact", "%EgUBAi43PRoEAQIFByIMQUJD", 0, "", 1),
        (2, "contact", "%EgUBAi43PRoEAQIFByIMREVG", 0, "a" * 64, 0),
    ]
    synced = [json.loads(text) for (text,) in rows(v3_path, "sync_links", ["synced"])]
    assert not any("photo_rejected" in values for values in synced)
    assert synced[2] == {"fingerprint": "f1", "photo_stamp": "2026-03-01T10:00:00+00:00|120000"}


def sync_uids(path):
    return [uid for (uid,) in rows(path, "actions", ["sync_uid"])]


@pytest.mark.parametrize("fixture", ["v1_path", "v3_path"])
def test_every_existing_action_gets_its_own_sync_uid(fixture, request):
    path = request.getfixturevalue(fixture)
    journal_before = rows(path, "action_journal", ["id"]) if fixture == "v3_path" else []
    store.open_database(path)
    store.close_database()
    uids = sync_uids(path)
    assert len(uids) >= 3 and len(set(uids)) == len(uids)
    assert all(re.fullmatch(r"[0-9a-f]{32}", uid) for uid in uids)
    if fixture == "v3_path":
        # Not journalled: the next sync does not take every action for a user's edit.
        assert rows(path, "action_journal", ["id"]) == journal_before


STAMP = "2026-03-01T08:00:00.000000Z"


def test_a_schema_3_postgres_database_upgrades(postgres_url, monkeypatch):
    """The steps' SQL on a real PostgreSQL server: a version-3 database with marked links
    and actions comes to version 4 like a SQLite one."""
    from crmsync.sync.journal import ActionJournal
    from crmsync.sync.state import SyncLink

    with monkeypatch.context() as old:
        old.setattr(migrations, "SCHEMA_VERSION", 3)
        old.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        db = store.open_database(postgres_url)
        db.execute_sql(
            "INSERT INTO actions (created_at, updated_at, owner_id, action_type_id, title, "
            "location, all_day, private, reminder, reminder_minutes, description) "
            "SELECT %s, %s, u.id, t.id, n, '', false, false, false, 15, '' "
            "FROM users u, action_types t, (VALUES ('Visite'), ('Appel')) AS v (n) "
            "WHERE t.id = (SELECT MIN(id) FROM action_types)",
            (STAMP, STAMP),
        )
        for kind, crm_id, etag, photo_hash, synced in (
            ("event", 1, '~"31"', "", "{}"),
            ("contact", 7, "%Eg", "rejected", '{"photo_stamp": "s", "photo_rejected": "s"}'),
        ):
            db.execute_sql(
                "INSERT INTO sync_links (user_id, kind, calendar_id, crm_id, google_id, etag, "
                "synced, synced_at, photo_hash, read_only, detached, pending_deletion, "
                "recurring_id) VALUES ((SELECT MIN(id) FROM users), %s, '', %s, %s, %s, %s, "
                "%s, %s, false, false, false, '')",
                (kind, crm_id, f"g{crm_id}", etag, synced, STAMP, photo_hash),
            )
        journal_rows = ActionJournal.select().count()
        store.close_database()
    store.open_database(postgres_url)
    assert store.schema_version() == SCHEMA_VERSION
    event, contact = SyncLink.select().order_by(SyncLink.id)
    assert (event.etag, event.unsettled, event.photo_rejected) == ('"31"', True, False)
    assert (contact.photo_hash, contact.photo_rejected) == ("", True)
    assert contact.synced_values == {"photo_stamp": "s"}
    uids = [a.sync_uid for a in Action.select()]
    assert len(uids) == 2 and len(set(uids)) == 2 and None not in uids
    assert ActionJournal.select().count() == journal_rows
