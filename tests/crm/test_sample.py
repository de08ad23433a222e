"""Sample data: counts, realism, determinism, photos and the demo-data command."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from crmsync.cli import main
from crmsync.crm import db as store
from crmsync.crm.defaults import STANDARD_TYPES
from crmsync.crm.models import (
    MAX_CONTACTS_PER_USER,
    Action,
    Contact,
    ContactToSync,
    Series,
    SyncSettings,
    User,
)
from crmsync.crm.sample import SampleDataExistsError, generate_sample

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def crm(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    yield tmp_path / "crm.sqlite"
    store.close_database()


def _fill(path: Path, seed: int, **sizes) -> None:
    store.open_database(path)
    try:
        generate_sample(seed=seed, today=TODAY, **sizes)
    finally:
        store.close_database()


def _dump(path: Path) -> list[tuple]:
    """Every row of every table in a stable order, but the admin the new database was given
    (its creation time is the clock's, not the sample's)."""
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return [
            (table, *row)
            for table in tables
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            if not (table == "users" and "admin" in row)
        ]


def test_counts_match_what_was_asked(crm):
    summary = generate_sample(users=3, actions_per_user=300, contacts=120, seed=4, today=TODAY)
    assert User.select().count() == 4  # the admin stays
    for user in User.select().where(User.login != "admin"):
        assert Action.live().where(Action.owner == user).count() == 300
        assert SyncSettings.for_user(user).calendar_name == user.google_email
        listed = ContactToSync.select().where(ContactToSync.user == user).count()
        assert 0 < listed <= min(120, MAX_CONTACTS_PER_USER)
    assert Contact.select().count() == 120
    assert summary.actions == 900 and summary.contacts == 120


def test_agenda_is_realistic(crm):
    generate_sample(users=2, actions_per_user=600, contacts=60, seed=7, today=TODAY)
    actions = list(Action.select())
    used = Counter(a.action_type.code for a in actions)
    assert set(used) == {code for code, *_ in STANDARD_TYPES}, "every type is used"
    assert any(a.all_day for a in actions)
    assert any(a.all_day and a.end_date > a.start_date for a in actions), "multi-day"
    assert any(a.private for a in actions)
    assert any(a.reminder for a in actions)
    assert any(a.series_id for a in actions) and Series.select().count() > 0
    assert any("\n" in a.description for a in actions)
    assert any(ch in a.description for a in actions for ch in "éèàç")
    window = (TODAY - dt.timedelta(days=380), TODAY + dt.timedelta(days=380))
    for action in actions:
        if action.all_day:
            assert action.start_date <= action.end_date
            assert window[0] <= action.start_date <= window[1]
            continue
        assert action.start <= action.end
        local = action.start.astimezone(action.owner.zone)
        assert window[0] <= local.date() <= window[1]
        if action.end - action.start < dt.timedelta(hours=12):
            assert 7 <= local.hour < 20, f"{action.title} at {local}"


def test_same_seed_same_rows_other_seed_other_rows(tmp_path):
    sizes = {"users": 2, "actions_per_user": 80, "contacts": 30, "photos": True}
    _fill(tmp_path / "a.sqlite", 11, **sizes)
    _fill(tmp_path / "b.sqlite", 11, **sizes)
    _fill(tmp_path / "c.sqlite", 12, **sizes)
    first = _dump(tmp_path / "a.sqlite")
    assert first == _dump(tmp_path / "b.sqlite")
    assert first != _dump(tmp_path / "c.sqlite")


def test_photos_decode_in_several_formats(crm):
    generate_sample(users=1, actions_per_user=1, contacts=150, photos=True, seed=3, today=TODAY)
    photos = [c.photo for c in Contact.select() if c.photo]
    assert 0.5 < len(photos) / 150 < 0.9
    formats = Counter()
    for blob in photos:
        with Image.open(io.BytesIO(bytes(blob))) as image:
            image.load()
            formats[image.format] += 1
    assert {"JPEG", "PNG"} <= set(formats)
    assert len(formats) >= 3


def test_second_run_is_refused_unless_appending(crm):
    generate_sample(users=1, actions_per_user=5, contacts=5, seed=1, today=TODAY)
    with pytest.raises(SampleDataExistsError, match="--append"):
        generate_sample(users=1, actions_per_user=5, contacts=5, seed=1, today=TODAY)
    generate_sample(users=1, actions_per_user=5, contacts=5, seed=1, today=TODAY, append=True)
    assert User.select().count() == 3
    assert len({u.login for u in User.select()}) == 3


def test_demo_data_command(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite")
    args = ["--db", db, "demo-data", "--users", "2", "--actions", "10", "--contacts", "8"]
    assert main(args) == 0
    assert "2 users, 20 actions" in capsys.readouterr().out
    assert main(args) == 2
    assert "--append" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", db, "demo-data", "--users", "-1"])
