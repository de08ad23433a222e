"""The automatic push, the --watch loop, progress, cancelling, the per-user lock, and the
change journal under two processes writing at once."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time

import pytest
from agenda_bench import NOW

from crmsync.crm import db as store
from crmsync.crm.models import Action, SyncSettings, User
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.google.session import GoogleSession
from crmsync.sync import journal
from crmsync.sync.autopush import AutoPush, has_pending_edits, pending_user_ids
from crmsync.sync.engine import SyncBusy, SyncOptions, sync_user, user_lock
from crmsync.sync.state import SyncLink
from crmsync.sync.watch import watch


def _push_runner(bench, pushed: list[int]):
    def push(user_id: int) -> None:
        with GoogleSession(
            bench.user, endpoints=GoogleEndpoints.for_base_url(bench.base_url)
        ) as session:
            summary = sync_user(
                bench.user,
                SyncOptions(now=NOW, pull=False, include_series=False),
                session=session,
            )
        pushed.append(summary.created["google"] + summary.updated["google"])

    return push


def test_automatic_push_is_debounced_and_coalesced(bench):
    bench.sync()  # the first sync: the cursors exist from here on
    pushed: list[int] = []
    pusher = AutoPush(_push_runner(bench, pushed), debounce=0.3)
    try:
        action = bench.action("Glissé")
        for minutes in range(5):  # a drag in the week view saves several times
            action.start = NOW + dt.timedelta(days=2, minutes=15 * minutes)
            action.end = action.start + dt.timedelta(hours=1)
            action.save()
            pusher.notify(action)
            time.sleep(0.15)  # each save restarts the quiet period
        assert has_pending_edits(bench.user)
        assert pending_user_ids() == [bench.user.id]
        assert pusher.wait_idle(timeout=30)
    finally:
        pusher.stop()
    assert pushed == [1]  # one push for five saves
    event = bench.event_of(action)
    assert dt.datetime.fromisoformat(event["start"]["dateTime"]) == NOW + dt.timedelta(
        days=2, minutes=60
    )
    assert not has_pending_edits(bench.user)


def test_automatic_push_skips_series_and_users_without_it(bench):
    from crmsync.crm.models import Series

    bench.sync()
    pushed: list[int] = []
    pusher = AutoPush(_push_runner(bench, pushed), debounce=0.05)
    try:
        series = Series.create(owner=bench.user, rrule="FREQ=DAILY;COUNT=2")
        pusher.notify(bench.action("Série", series=series))
        settings = SyncSettings.for_user(bench.user)
        settings.auto_push = False
        settings.save()
        pusher.notify(bench.action("Sans Automatique"))
        time.sleep(0.3)
        assert pusher.wait_idle(timeout=10)
    finally:
        pusher.stop()
    assert pushed == []


def test_an_edit_saved_before_a_crash_is_pushed_by_the_next_run(bench):
    bench.sync()
    bench.action("Sauvé puis crash")  # journalled by the database, nothing else ran
    store.close_database()
    store.open_database(bench.db_path)
    assert has_pending_edits(bench.user)
    summary = bench.sync(pull=False, include_series=False)
    assert summary.created["google"] == 1


def test_watch_pushes_at_once_and_pulls_on_its_interval(bench):
    bench.sync()
    reports = []
    stop = threading.Event()
    endpoints = GoogleEndpoints.for_base_url(bench.base_url)

    def run() -> None:
        watch(
            [bench.user],
            SyncOptions(now=NOW),
            endpoints=endpoints,
            interval=3600,
            tick=0.05,
            stop=stop,
            report=reports.append,
        )

    worker = threading.Thread(target=run)
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while not reports and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reports and reports[0].requests == 1  # the first pull: one events.list
        bench.action("Poussé par watch")
        while len(reports) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reports[1].created["google"] == 1
        time.sleep(0.3)
        assert len(reports) == 2  # idle: no request until the next interval
    finally:
        stop.set()
        worker.join(10)


def test_progress_reports_done_total_and_eta_and_cancel_stops_between_batches(bench):
    for i in range(120):
        bench.action(f"P{i}", start=NOW + dt.timedelta(hours=i + 3))
    seen = []
    bench.extra["progress"] = lambda p: seen.append((p.done, p.total, p.eta_seconds()))
    bench.extra["cancelled"] = lambda: len(seen) >= 2
    summary = bench.sync()
    assert summary.cancelled
    assert seen[0][1] == 120 and seen[1][0] == 50
    assert seen[1][2] is not None
    assert SyncLink.select().count() == 50  # the first batch, committed whole
    bench.extra.clear()
    rest = bench.sync()
    assert rest.created["google"] == 70
    assert len([e for e in bench.events()]) == 120


def test_two_syncs_of_one_user_never_run_at_once(bench):
    with user_lock(bench.user), pytest.raises(SyncBusy, match="already running"):
        bench.sync()
    assert bench.sync().ok  # released


def test_syncs_of_several_users_take_their_locks_at_the_same_time(bench):
    """Each thread has a connection of its own, as the helper process's runs have: a lock
    taken while another user's was being written was refused with "database is locked"
    (the wizard's preview of several users failed so)."""
    users = [bench.user, *(User.create(login=f"user{n}") for n in range(3))]
    together = threading.Barrier(len(users))
    failures: list[BaseException] = []

    def take(user: User) -> None:
        try:
            for _ in range(10):
                together.wait()
                try:
                    with user_lock(user):
                        pass
                except Exception as exc:  # noqa: BLE001 - every failure is the finding
                    failures.append(exc)
        finally:
            store.current_database().close()

    threads = [threading.Thread(target=take, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


WRITER = """
import sys, datetime as dt
from crmsync.crm import db as store
from crmsync.crm.models import Action, User
store.open_database(sys.argv[1])
user = User.get(User.login == "alice")
start = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
for i in range(int(sys.argv[3])):
    Action.create(owner=user, title=f"{sys.argv[2]}-{i}", start=start, end=start)
"""


def test_two_processes_writing_at_once_lose_no_change(bench):
    bench.sync()
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(bench.db_path), name, "60"])
        for name in ("app", "cli")
    ]
    # Meanwhile this process reads the journal, as a sync would.
    seen: set[int] = set()
    while any(w.poll() is None for w in writers):
        journal.collect(bench.user)
        seen |= set(journal.dirty_ids(bench.user))
    assert [w.wait(60) for w in writers] == [0, 0]
    journal.collect(bench.user)
    seen |= set(journal.dirty_ids(bench.user))
    written = {a.id for a in Action.select().where(Action.title.contains("-"))}
    assert len(written) == 120 and written <= seen
    summary = bench.sync()
    assert summary.created["google"] == 120
