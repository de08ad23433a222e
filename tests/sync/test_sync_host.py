"""Syncs in the helper process (crmsync.sync.host), against the emulator: a real child
process, the real database file, real HTTP — and the same results as the engine called here.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import threading
import time

import psutil
import pytest
from agenda_bench import NOW

from crmsync.crm.models import Action, User
from crmsync.google import secrets
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.google.messages import Said
from crmsync.google.pacing import Progress
from crmsync.sync import host as host_module
from crmsync.sync.engine import SyncBusy, SyncOptions, user_lock
from crmsync.sync.host import HelperStopped, SyncFailed, SyncHost
from crmsync.sync.state import SyncLink, SyncLogEntry


@pytest.fixture
def host(bench):
    made = SyncHost(endpoints=GoogleEndpoints.for_base_url(bench.base_url))
    yield made
    made.close(10)


def _actions(bench, count: int) -> list[Action]:
    return [
        bench.action(f"Visite {n}", start=NOW + dt.timedelta(days=1 + n // 8, hours=n % 8))
        for n in range(count)
    ]


def _wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_sync_runs_in_another_process_and_reports_its_progress(bench, host):
    _actions(bench, 120)
    seen: list[Progress] = []
    summary = host.run(bench.user.id, SyncOptions(now=NOW), progress=seen.append)
    assert host.pid is not None and host.pid != os.getpid()
    assert summary.created == {"crm": 0, "google": 120} and not summary.errors
    assert len(bench.events()) == 120
    # what the helper wrote is in the app's database
    assert SyncLink.select().count() == 120
    assert SyncLogEntry.select().count() >= 1
    assert seen and all(isinstance(p, Progress) for p in seen)
    assert seen[-1].done == seen[-1].total > 0
    assert seen[-1].elapsed() >= 0
    # a second run reuses the running helper
    again = host.run(bench.user.id, SyncOptions(now=NOW))
    assert again.created == {"crm": 0, "google": 0} and host.started == 1


def test_the_deletion_questions_are_answered_by_the_app(bench, host):
    actions = _actions(bench, 3)
    host.run(bench.user.id, SyncOptions(now=NOW))
    for action in actions:
        bench.google.events().delete(
            calendarId="primary", eventId=bench.event_of(action)["id"]
        ).execute()
    replies = iter(["yes", "no", "yes"])
    asked: list[tuple[str, int]] = []

    def ask(question):
        asked.append((question.title, threading.get_ident()))
        return next(replies)

    summary = host.run(bench.user.id, SyncOptions(now=NOW, deletions="ask"), ask=ask)
    assert [title for title, _ in asked] == ["Visite 0", "Visite 1", "Visite 2"]
    assert {ident for _, ident in asked} == {threading.get_ident()}  # on the caller's thread
    assert summary.deleted["crm"] == 2
    assert sorted(a.title for a in Action.live()) == ["Visite 1"]


def test_cancelling_stops_the_run_after_its_batch(bench, host, emulator):
    _actions(bench, 200)
    emulator.post("/latency", {"batch_part_latency_ms": 10})  # about half a second a batch
    seen: list[Progress] = []
    summary = host.run(
        bench.user.id,
        SyncOptions(now=NOW),
        progress=seen.append,
        cancelled=lambda: any(p.done > 0 for p in seen),
    )
    assert summary.cancelled
    pushed = len(bench.events())
    assert 0 < pushed < 200
    # nothing is lost: the next run finishes the work
    rest = host.run(bench.user.id, SyncOptions(now=NOW))
    assert pushed + rest.created["google"] == 200 == len(bench.events())


def test_a_second_sync_of_a_user_is_refused_as_busy(bench, host):
    _actions(bench, 2)
    with user_lock(bench.user), pytest.raises(SyncBusy):
        host.run(bench.user.id, SyncOptions(now=NOW))
    assert host.run(bench.user.id, SyncOptions(now=NOW)).created["google"] == 2


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_google_problem_is_said_in_the_language_asked_for(bench, host, language):
    secrets.open_secret_store().delete(secrets.refresh_token_key("alice"))
    with pytest.raises(SyncFailed) as failure:
        host.run(bench.user.id, SyncOptions(now=NOW), language=language)
    assert str(failure.value) == Said.of("not_connected", login="alice").full(language)


def test_an_unknown_user_fails_with_a_message(bench, host):
    with pytest.raises(SyncFailed, match="not found"):
        host.run(99_999, SyncOptions(now=NOW))


def test_a_killed_helper_fails_its_run_and_the_next_run_finishes_without_duplicates(
    bench, host, emulator
):
    _actions(bench, 200)
    emulator.post("/latency", {"batch_part_latency_ms": 10})
    seen: list[Progress] = []
    outcome: dict[str, BaseException] = {}

    def run() -> None:
        try:
            host.run(bench.user.id, SyncOptions(now=NOW), progress=seen.append, language="en")
        except BaseException as exc:  # noqa: BLE001 - examined below
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    _wait_for(lambda: any(p.done > 0 for p in seen))
    helper = psutil.Process(host.pid)
    helper.kill()  # TerminateProcess on Windows, SIGKILL elsewhere
    thread.join(30)
    assert not thread.is_alive()
    error = outcome.get("error")
    assert isinstance(error, HelperStopped)
    assert "What was done is kept" in str(error)
    emulator.post("/latency", {"batch_part_latency_ms": 0})
    # the next run starts a new helper; the engine's intents make it converge, no duplicate
    rest = host.run(bench.user.id, SyncOptions(now=NOW))
    assert host.started == 2 and not rest.errors
    events = bench.events()
    assert len(events) == 200
    assert len({e["extendedProperties"]["private"]["crmsyncAction"] for e in events}) == 200


def test_an_idle_helper_stops_and_a_new_one_starts_when_needed(bench):
    host = SyncHost(endpoints=GoogleEndpoints.for_base_url(bench.base_url), idle_seconds=0.3)
    try:
        _actions(bench, 1)
        host.run(bench.user.id, SyncOptions(now=NOW))
        first = psutil.Process(host.pid)
        _wait_for(lambda: host.pid is None)
        _wait_for(lambda: not first.is_running() or first.status() == psutil.STATUS_ZOMBIE)
        bench.action("Encore une")
        assert host.run(bench.user.id, SyncOptions(now=NOW)).created["google"] == 1
        assert host.started == 2
    finally:
        host.close(10)


def test_warming_starts_the_helper_before_the_first_run(bench, host):
    host.warm()
    assert host.pid is not None and host.started == 1
    _actions(bench, 1)
    assert host.run(bench.user.id, SyncOptions(now=NOW)).created["google"] == 1
    assert host.started == 1


def test_closing_while_a_run_goes_on_stops_it_cleanly(bench, host, emulator):
    _actions(bench, 200)
    emulator.post("/latency", {"batch_part_latency_ms": 10})
    seen: list[Progress] = []
    box: dict[str, object] = {}
    thread = threading.Thread(
        target=lambda: box.setdefault(
            "summary", host.run(bench.user.id, SyncOptions(now=NOW), progress=seen.append)
        )
    )
    thread.start()
    _wait_for(lambda: any(p.done > 0 for p in seen))
    host.close(30)
    thread.join(30)
    summary = box["summary"]
    assert getattr(summary, "cancelled", False)
    assert 0 < len(bench.events()) < 200


def test_a_database_only_this_process_can_see_is_refused(bench):
    with pytest.raises(ValueError, match="database"):
        SyncHost(database=":memory:")
    assert isinstance(User.get_by_id(bench.user.id), User)


def test_closing_a_helper_whose_end_was_already_collected_warns_of_nothing(caplog):
    """The reader thread joins the helper too: when its join collected the exit first, the
    close's own join saw the ended helper as still running, warned that it "did not stop"
    and signalled its pid, which the system may already have given to another process."""
    process = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(0,))
    process.start()
    os.waitpid(process.pid, 0)  # the reader thread's join, first to collect the exit
    try:
        with caplog.at_level(logging.WARNING, logger=host_module.__name__):
            started = time.monotonic()
            host_module._reap(process, 5)
        assert caplog.records == []
        assert time.monotonic() - started < 5
    finally:
        process._popen.returncode = 0  # what that join records once it has the status
