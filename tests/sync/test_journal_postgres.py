"""The change journal on a real PostgreSQL server: the trigger records who wrote a change,
so an edit another connection commits while a sync's write transaction is open stays the
user's (it is pushed), whatever its number."""

from __future__ import annotations

import datetime as dt

import pytest

from crmsync.crm import db as store
from crmsync.crm.models import Action, ActionType, User
from crmsync.sync import journal
from crmsync.sync.journal import ActionJournal


@pytest.fixture
def crm(postgres_url):
    store.open_database(postgres_url)
    user = User.create(login="alice", name="Alice", time_zone="Europe/Paris")
    kind = ActionType.default() or ActionType.select().first()
    start = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    made = [
        Action.create(owner=user, action_type=kind, title=title, start=start, end=start)
        for title in ("Visite", "Appel")
    ]
    journal.set_crm_cursor(user, journal.last_seq())
    yield user, made
    store.close_database()


def other_connection(url):
    """A second client of the same database, as another program (psql, a script) edits it."""
    import psycopg2

    return psycopg2.connect(url)


def origins():
    """(action id, origin) of every journal row, in number order."""
    query = ActionJournal.select(ActionJournal.action_id, ActionJournal.origin)
    return list(query.order_by(ActionJournal.id).tuples())


def test_an_edit_committed_during_the_syncs_transaction_stays_the_users(crm, postgres_url):
    user, (mine, theirs) = crm
    other = other_connection(postgres_url)
    try:
        with journal.write_transaction():
            before = journal.last_seq()
            # Another program commits its edit while the sync's transaction is open; it is
            # numbered after ``before``.
            with other, other.cursor() as cursor:
                cursor.execute(
                    "UPDATE actions SET title = 'Appel (changé)' WHERE id = %s", (theirs.id,)
                )
            mine.title = "Visite (de Google)"
            mine.save()
            journal.mark_own_writes(before)
    finally:
        other.close()

    assert origins()[-2:] == [(theirs.id, None), (mine.id, journal.ORIGIN_SYNC)]
    assert journal.collect(user)
    assert set(journal.dirty_ids(user)) == {theirs.id}


def test_writes_outside_the_syncs_transaction_have_no_origin(crm):
    user, (mine, theirs) = crm
    with store.atomic():
        with journal.write_transaction():  # a savepoint here
            mine.title = "by the sync"
            mine.save()
        # Still in the enclosing transaction: the sync's origin ended with its block.
        theirs.title = "by the user"
        theirs.save()
    # The session has seen the setting: it reads '' now, which is no origin either.
    mine.title = "by the user, later"
    mine.save()
    assert origins()[-3:] == [(mine.id, journal.ORIGIN_SYNC), (theirs.id, None), (mine.id, None)]
    assert journal.collect(user)
    assert set(journal.dirty_ids(user)) == {mine.id, theirs.id}
