"""The CRM change journal: every write of an action leaves a numbered row, in the same
transaction, whoever makes it (the GUI, the command line, an import, another process).

Database triggers write the rows, so no code path can forget to: a bulk insert, a raw SQL
update and a write from another process are all journalled. A sync reads the journal from
its cursor, so a sync with nothing to do touches no ``actions`` row. The rows the sync itself
writes carry ``origin = 'sync'`` when its transaction commits and are not read back as a
user's edit (no ping-pong). On PostgreSQL the trigger writes the origin itself, from a
setting the sync's transaction makes (:func:`write_transaction`); on SQLite the sync marks
the rows numbered inside its transaction (:func:`mark_own_writes`), which only it can add.

Order: on SQLite one writer holds the database at a time, so numbers are committed in
order. On PostgreSQL the trigger takes a transaction-level advisory lock first, which
serialises writers of actions the same way: a reader never skips a number that commits late.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import peewee

from crmsync.crm.models import User
from crmsync.crm.sync_tables import (  # noqa: F401 - the journal's table and triggers
    _PG_LOCK_KEY,
    CRM_SCOPE,
    ORIGIN_SETTING,
    ORIGIN_SYNC,
    POSTGRES_ORIGIN_FUNCTION,
    POSTGRES_TRIGGERS,
    SQLITE_TRIGGERS,
    ActionJournal,
    DirtyAction,
    SyncCursor,
    _is_sqlite,
    create_origin_trigger,
    create_triggers,
)


@contextlib.contextmanager
def write_transaction() -> Iterator[None]:
    """The sync's write transaction: it holds the write lock from its start (SQLite ``BEGIN
    IMMEDIATE``), so journal rows numbered inside it are its own, and on PostgreSQL the
    journal rows its writes make say ``origin = 'sync'``; a savepoint when already in one."""
    from crmsync.crm import db as store

    with store.atomic():
        db = store.current_database()
        if _is_sqlite(db):
            yield
            return
        # Local to the transaction; put back on the way out, so an enclosing transaction's
        # own writes after this block are not taken for the sync's.
        previous = _set_origin(db, ORIGIN_SYNC)
        yield
        _set_origin(db, previous)


def _set_origin(db: peewee.Database, origin: str) -> str:
    """Set the transaction's origin; return the one it replaces ('' for none)."""
    before = db.execute_sql(f"SELECT current_setting('{ORIGIN_SETTING}', true)").fetchone()
    db.execute_sql(f"SELECT set_config('{ORIGIN_SETTING}', {db.param}, true)", (origin,))
    return str(before[0] or "")


def last_seq() -> int:
    """The newest change number (0 when there is none)."""
    value = ActionJournal.select(peewee.fn.MAX(ActionJournal.id)).scalar()
    return int(value or 0)


def mark_own_writes(since: int) -> None:
    """Mark the changes numbered after ``since`` as the sync's own; call it inside the
    :func:`write_transaction` that made them.

    SQLite only (on PostgreSQL the trigger wrote the origin already, and rows above
    ``since`` may be another connection's edits, committed while the sync's transaction was
    open). On SQLite that transaction holds the database's only write lock from its start,
    so nobody else can number a change in between. SQLite has no per-transaction setting a
    trigger could read, and a custom SQL function of ours in the trigger would make every
    other program that edits the file fail ("no such function").
    """
    from crmsync.crm import db as store

    if not _is_sqlite(store.current_database()):
        return
    ActionJournal.update(origin=ORIGIN_SYNC).where(ActionJournal.id > since).execute()


def crm_cursor(user: User) -> int | None:
    """The user's journal cursor, or ``None`` before the first full reading."""
    row = SyncCursor.get_or_none(SyncCursor.user == user, SyncCursor.scope == CRM_SCOPE)
    return None if row is None else int(row.value or 0)


def set_crm_cursor(user: User, seq: int, basis: str | None = None) -> None:
    """Move the cursor; ``basis`` (the window it was read for) is kept unless given."""
    update: dict[Any, Any] = {SyncCursor.value: str(seq)}
    if basis is not None:
        update[SyncCursor.basis] = basis
    SyncCursor.insert(user=user, scope=CRM_SCOPE, value=str(seq), basis=basis or "").on_conflict(
        conflict_target=[SyncCursor.user, SyncCursor.scope],
        update=update,
    ).execute()


def crm_cursor_basis(user: User) -> str | None:
    row = SyncCursor.get_or_none(SyncCursor.user == user, SyncCursor.scope == CRM_SCOPE)
    return None if row is None else str(row.basis)


def collect(user: User) -> bool:
    """Move the user's journal rows after the cursor into the dirty set; ``False`` (and
    nothing moved) when the user has no cursor yet and a full reading is due."""
    with write_transaction():
        cursor = crm_cursor(user)
        if cursor is None:
            return False
        rows = list(
            ActionJournal.select(ActionJournal.id, ActionJournal.action_id, ActionJournal.origin)
            .where(ActionJournal.owner_id == user.id, ActionJournal.id > cursor)
            .order_by(ActionJournal.id)
            .tuples()
            .iterator()
        )
        if not rows:
            return True
        mine = {}
        for seq, action_id, origin in rows:
            if origin != ORIGIN_SYNC:
                mine[action_id] = seq
        for action_id, seq in mine.items():
            mark_dirty(user, action_id, seq)
        set_crm_cursor(user, rows[-1][0])
    return True


def mark_dirty(user: User, action_id: int, seq: int = 0) -> None:
    DirtyAction.insert(user=user, action_id=action_id, seq=seq).on_conflict(
        conflict_target=[DirtyAction.user, DirtyAction.action_id],
        update={DirtyAction.seq: seq},
    ).execute()


def dirty_ids(user: User) -> dict[int, int]:
    """The user's dirty actions: action id → the change number that made it dirty."""
    query = DirtyAction.select(DirtyAction.action_id, DirtyAction.seq).where(
        DirtyAction.user == user
    )
    return {action_id: seq for action_id, seq in query.tuples().iterator()}


def clear_dirty(user: User, handled: dict[int, int]) -> None:
    """Forget dirty actions handled, unless changed again since (a newer number)."""
    for action_id, seq in handled.items():
        DirtyAction.delete().where(
            DirtyAction.user == user,
            DirtyAction.action_id == action_id,
            DirtyAction.seq <= seq,
        ).execute()


def prune(keep_after: int | None = None) -> int:
    """Drop journal rows every cursor has read (the newest row always stays, so numbers
    never go back)."""
    lowest = SyncCursor.select(peewee.fn.MIN(SyncCursor.value.cast("INTEGER"))).where(
        SyncCursor.scope == CRM_SCOPE
    )
    floor = lowest.scalar()
    if floor is None:
        return 0
    bound = min(int(floor), last_seq() - 1)
    if keep_after is not None:
        bound = min(bound, keep_after)
    return ActionJournal.delete().where(ActionJournal.id <= bound).execute()
