"""An action's sync uid: its identity for Google's events, distinct for every action and
kept across the restore of an older backup, which hands later actions' ids out again."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3

import peewee
import pytest

from crmsync.crm import db as store
from crmsync.crm.models import Action, ActionType, User

START = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def crm(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    yield tmp_path / "crm.sqlite"
    store.close_database()


def new_action(title: str) -> Action:
    owner = User.select().order_by(User.id).first()
    return Action.create(
        owner=owner, action_type=ActionType.default(), title=title, start=START, end=START
    )


def uids() -> list[str]:
    return [a.sync_uid for a in Action.select().order_by(Action.id)]


def test_every_new_action_gets_its_own(crm):
    made = [new_action(f"#{n}") for n in range(20)]
    owner = made[0].owner_id
    kind = made[0].action_type_id
    # A bulk insert, as the sample data and imports make them, gets the default too.
    Action.insert_many(
        [{"owner": owner, "action_type": kind, "title": f"bulk {n}"} for n in range(5)]
    ).execute()
    found = uids()
    assert len(found) == 25 and len(set(found)) == 25
    assert all(re.fullmatch(r"[0-9a-f]{32}", uid) for uid in found)


def test_two_actions_cannot_share_one(crm):
    first = new_action("first")
    with pytest.raises(peewee.IntegrityError):
        Action.create(
            owner=first.owner_id,
            action_type=first.action_type_id,
            title="copy",
            start=START,
            end=START,
            sync_uid=first.sync_uid,
        )


def test_saving_an_action_keeps_its_uid(crm):
    action = new_action("visit")
    uid = action.sync_uid
    action.title = "visit, moved"
    action.save()
    assert Action.get_by_id(action.id).sync_uid == uid


def test_an_action_another_program_inserts_gets_one(crm):
    new_action("ours")
    store.close_database()
    with sqlite3.connect(crm) as conn:
        for title in ("theirs 1", "theirs 2"):
            conn.execute(
                "INSERT INTO actions (created_at, updated_at, owner_id, action_type_id, title, "
                "location, all_day, private, reminder, reminder_minutes, description) "
                "VALUES ('2026-03-01T08:00:00.000000Z', '2026-03-01T08:00:00.000000Z', "
                "1, 1, ?, '', 0, 0, 0, 15, '')",
                (title,),
            )
    conn.close()
    store.open_database(crm)
    found = uids()
    assert len(found) == 3 and len(set(found)) == 3
    assert all(re.fullmatch(r"[0-9a-f]{32}", uid) for uid in found)


def test_a_restored_backup_gives_new_actions_new_uids(crm, tmp_path):
    kept = [new_action(title) for title in ("a", "b", "c")]
    store.close_database()
    shutil.copyfile(crm, tmp_path / "backup.sqlite")
    store.open_database(crm)
    lost = [new_action(title) for title in ("made after the backup 1", "2")]
    # Google's events still name these: they must never be taken for other actions.
    gone = {a.id: a.sync_uid for a in lost}
    store.close_database()

    shutil.copyfile(tmp_path / "backup.sqlite", crm)  # the user restores the backup
    store.open_database(crm)
    assert uids() == [a.sync_uid for a in kept]
    fresh = [new_action(title) for title in ("new 1", "new 2")]

    assert {a.id for a in fresh} == set(gone)  # the same ids again…
    for action in fresh:
        assert action.sync_uid != gone[action.id]  # …never the same uid
    assert not {a.sync_uid for a in fresh} & set(gone.values())
    assert len(set(uids())) == 5
