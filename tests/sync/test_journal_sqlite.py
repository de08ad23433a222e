"""The change journal on SQLite: the sync's write transaction holds the only write lock from
its start, so no other program can number a change inside it, and marking the numbers after
its start as the sync's own marks nobody else's edit."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from crmsync.crm import db as store
from crmsync.crm.models import Action, ActionType, User
from crmsync.sync import journal
from crmsync.sync.journal import ActionJournal


@pytest.fixture
def crm(tmp_path):
    path = tmp_path / "crm.sqlite"
    store.open_database(path)
    user = User.create(login="alice", name="Alice", time_zone="Europe/Paris")
    start = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    made = [
        Action.create(
            owner=user, action_type=ActionType.default(), title=title, start=start, end=start
        )
        for title in ("Visite", "Appel")
    ]
    journal.set_crm_cursor(user, journal.last_seq())
    yield path, user, made
    store.close_database()


def test_another_program_waits_for_the_syncs_transaction(crm):
    path, user, (mine, theirs) = crm
    other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        with journal.write_transaction():
            before = journal.last_seq()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute(
                    "UPDATE actions SET title = 'Appel (changé)' WHERE id = ?", (theirs.id,)
                )
            mine.title = "Visite (de Google)"
            mine.save()
            journal.mark_own_writes(before)
        other.execute("UPDATE actions SET title = 'Appel (changé)' WHERE id = ?", (theirs.id,))
    finally:
        other.close()
    rows = ActionJournal.select(ActionJournal.action_id, ActionJournal.origin)
    assert list(rows.order_by(ActionJournal.id).tuples())[-2:] == [
        (mine.id, journal.ORIGIN_SYNC),
        (theirs.id, None),
    ]
    assert journal.collect(user)
    assert set(journal.dirty_ids(user)) == {theirs.id}
