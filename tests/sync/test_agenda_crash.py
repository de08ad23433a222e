"""Crash safety of the agenda sync: a run killed at any instant, then run again, ends exactly
as an uninterrupted run would (no duplicate, no lost edit, no edit applied twice).

The run to kill goes in a process of its own (``crash_worker.py``) on the same database
file, secrets file and emulator as the test; ``Popen.kill()`` ends it without warning
(TerminateProcess on Windows, SIGKILL on POSIX). It is killed either at a named checkpoint
where the worker waits (deterministic), or some milliseconds after a checkpoint while the
emulator answers slowly (so the instant falls anywhere, including while Google is still
working on a batch whose answer will never be read). The test then runs the sync in-process
to completion, once more, and checks both sides against the outcome worked out by hand.

Two worlds are built once per session and copied back for each kill (the database file,
the emulator's state): a first sync of 120 actions and 40 events, and a second sync of
edits, moves, deletions and creations made on both sides after it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from agenda_bench import NOW

from crmsync.crm import db as store
from crmsync.crm.models import Action, User
from crmsync.google import secrets
from crmsync.sync import crm_side
from crmsync.sync.calendar_events import PROP_ACTION, event_to_item
from crmsync.sync.state import KIND_EVENT, SyncIntent, SyncLink, SyncLock

ZONE = ZoneInfo("Europe/Paris")
WORKER = Path(__file__).with_name("crash_worker.py")
#: Latency of each call inside a batch, in the timed kills (a batch of 50 takes 200 ms).
PART_LATENCY_MS = 4

pytestmark = pytest.mark.slow

#: (title, location, when, private, reminder): the synced fields the scenario touches.
Fields = tuple[str, str, tuple[Any, ...], bool, int | None]


def _fields(item: Any) -> Fields:
    when = item.when
    return (
        item.title,
        item.location,
        (when.all_day, when.start, when.end),
        item.private,
        item.reminder,
    )


# --- the scenario -------------------------------------------------------------------------


@dataclass
class World:
    """What both sides must hold at the end, by title (titles are unique)."""

    expected: dict[str, Fields]
    #: Titles of the items born in the CRM (their events carry the action's id).
    from_crm: set[str]


def _start(i: int, days: int) -> dt.datetime:
    return NOW + dt.timedelta(days=days, hours=(i % 8) - 1)


def first_state(bench: Any) -> World:
    """120 actions (some all-day, private, with a reminder) and 40 events, never synced."""
    expected: dict[str, Fields] = {}
    for i in range(120):
        fields: dict[str, Any] = {
            "location": f"Salle {i}",
            "private": i % 7 == 0,
            "reminder": i % 5 == 0,
            "reminder_minutes": 10 + 5 * (i % 3),
        }
        start = _start(i, i - 30)
        if i % 10 == 3:
            day = start.astimezone(ZONE).date()
            action = bench.action(
                f"CRM-{i:03}",
                all_day=True,
                start=None,
                end=None,
                start_date=day,
                end_date=day + dt.timedelta(days=i % 3),
                **fields,
            )
        else:
            action = bench.action(f"CRM-{i:03}", start=start, hours=1 + i % 2, **fields)
        expected[action.title] = _fields(crm_side.action_to_item(action, crm_side.TypeBook()))
    for j in range(40):
        body: dict[str, Any] = {
            "summary": f"G-{j:02}",
            "location": f"Bureau {j}",
            "visibility": "private" if j % 6 == 0 else "default",
            "reminders": {
                "useDefault": False,
                "overrides": [{"method": "popup", "minutes": 30}] if j % 4 == 0 else [],
            },
        }
        start = _start(j, j - 10)
        if j % 9 == 4:
            day = start.astimezone(ZONE).date()
            body["start"] = {"date": day.isoformat()}
            body["end"] = {"date": (day + dt.timedelta(days=1)).isoformat()}
        else:
            body["start"] = {"dateTime": start.astimezone(ZONE).isoformat()}
            body["end"] = {
                "dateTime": (start + dt.timedelta(minutes=45)).astimezone(ZONE).isoformat()
            }
        event = bench.insert_event(**body)
        expected[event["summary"]] = _fields(event_to_item(event, ZONE, transfer_colours=False))
    return World(expected, {t for t in expected if t.startswith("CRM-")})


def second_state(bench: Any, world: World) -> World:
    """After a complete first sync: edits, moves, deletions and creations on both sides,
    some on the same items (different fields, so both edits must survive)."""
    expected = dict(world.expected)
    from_crm = set(world.from_crm)
    actions = {a.title: a for a in Action.select().where(Action.owner == bench.user)}
    events = {e["summary"]: e for e in bench.events()}
    types = crm_side.TypeBook()

    def crm_edit(key: str, **changes: Any) -> None:
        action = actions[key]
        title = action.title
        for name, value in changes.items():
            setattr(action, name, value)
        action.save()
        del expected[title]
        expected[action.title] = _fields(crm_side.action_to_item(action, types))
        if title in from_crm:
            from_crm.discard(title)
            from_crm.add(action.title)

    def google_update(title: str, **changes: Any) -> Fields:
        event = dict(events[title])
        event.update(changes)
        done = (
            bench.google.events()
            .update(calendarId="primary", eventId=event["id"], body=event)
            .execute()
        )
        return _fields(event_to_item(done, ZONE, transfer_colours=False))

    def google_edit(title: str, **changes: Any) -> None:
        del expected[title]
        new = google_update(title, **changes)
        expected[new[0]] = new
        if title in from_crm:
            from_crm.discard(title)
            from_crm.add(new[0])

    # The CRM: new titles, moves, deletions, creations, edits of items born in Google.
    for i in range(0, 15):
        crm_edit(f"CRM-{i:03}", title=f"CRM-{i:03} v2")
    for i in range(15, 25):
        action = actions[f"CRM-{i:03}"]
        if action.all_day:
            first, last, shift = action.start_date, action.end_date, dt.timedelta(days=1)
            assert first is not None and last is not None
            crm_edit(action.title, start_date=first + shift, end_date=last + shift)
        else:
            start, end, shift = action.start, action.end, dt.timedelta(days=1, minutes=30)
            assert start is not None and end is not None
            crm_edit(action.title, start=start + shift, end=end + shift)
    for i in range(25, 35):
        actions[f"CRM-{i:03}"].soft_delete()
        del expected[f"CRM-{i:03}"]
        from_crm.discard(f"CRM-{i:03}")
    for k in range(15):
        action = bench.action(f"CRM-N{k:02}", start=_start(k, 5 + k), location="Neuf")
        expected[action.title] = _fields(crm_side.action_to_item(action, types))
        from_crm.add(action.title)
    for j in range(20, 25):
        crm_edit(f"G-{j:02}", title=f"G-{j:02} crm", private=True)

    # Google: edits of events born in the CRM (some edited in the CRM too), of its own
    # events, deletions of both kinds, creations.
    for i in range(0, 5):  # renamed in the CRM, moved elsewhere in Google: both stand
        location = google_update(f"CRM-{i:03}", location=f"Chez le client {i}")[1]
        renamed = f"CRM-{i:03} v2"
        expected[renamed] = (renamed, location, *expected[renamed][2:])
    for i in range(40, 50):
        google_edit(f"CRM-{i:03}", location=f"Chez le client {i}")
    for j in range(0, 10):
        google_edit(f"G-{j:02}", summary=f"G-{j:02} g2")
    for j in range(10, 15):
        google_edit(
            f"G-{j:02}",
            visibility="private",
            reminders={"useDefault": False, "overrides": [{"method": "popup", "minutes": 5}]},
        )
    for title in [f"G-{j:02}" for j in range(15, 20)] + ["CRM-050", "CRM-051", "CRM-052"]:
        bench.google.events().delete(calendarId="primary", eventId=events[title]["id"]).execute()
        del expected[title]
        from_crm.discard(title)
    for k in range(8):
        start = _start(k, 20 + k).astimezone(ZONE)
        event = bench.insert_event(
            summary=f"G-N{k}",
            start={"dateTime": start.isoformat()},
            end={"dateTime": (start + dt.timedelta(hours=2)).isoformat()},
            reminders={"useDefault": False, "overrides": []},
        )
        expected[event["summary"]] = _fields(event_to_item(event, ZONE, transfer_colours=False))
    return World(expected, from_crm)


# --- checking the end state -------------------------------------------------------------


def check_converged(bench: Any, world: World) -> None:
    types = crm_side.TypeBook()
    live = list(Action.live().where(Action.owner == bench.user))
    crm_titles = sorted(a.title for a in live)
    assert len(crm_titles) == len(set(crm_titles)), "duplicate actions in the CRM"
    crm = {a.title: _fields(crm_side.action_to_item(a, types)) for a in live}
    events = bench.events()
    google_titles = sorted(e["summary"] for e in events)
    assert len(google_titles) == len(set(google_titles)), "duplicate events in Google"
    google = {e["summary"]: _fields(event_to_item(e, ZONE, transfer_colours=False)) for e in events}
    missing_crm = sorted(set(world.expected) - set(crm))
    extra_crm = sorted(set(crm) - set(world.expected))
    assert (missing_crm, extra_crm) == ([], []), "the CRM's actions differ"
    missing_google = sorted(set(world.expected) - set(google))
    extra_google = sorted(set(google) - set(world.expected))
    assert (missing_google, extra_google) == ([], []), "Google's events differ"
    assert {t: v for t, v in crm.items() if v != world.expected[t]} == {}, "CRM values"
    assert {t: v for t, v in google.items() if v != world.expected[t]} == {}, "Google values"

    # Every action born in the CRM has exactly one event carrying its id, and every id an
    # event carries is a live action's.
    carried: dict[str, list[str]] = {}
    for event in events:
        action_id = (event.get("extendedProperties") or {}).get("private", {}).get(PROP_ACTION)
        if action_id is not None:
            carried.setdefault(action_id, []).append(event["summary"])
    by_id = {str(a.id): a.title for a in live}
    for title in world.from_crm:
        action = next(a for a in live if a.title == title)
        assert carried.get(str(action.id)) == [title], f"events of {title}"
    assert set(carried) <= set(by_id), "an event carries the id of no live action"

    # One link per pair, nothing left half done.
    links = list(SyncLink.select().where(SyncLink.user == bench.user, SyncLink.kind == KIND_EVENT))
    assert sorted(link.crm_id for link in links) == sorted(a.id for a in live)
    assert sorted(link.google_id for link in links) == sorted(e["id"] for e in events)
    assert SyncIntent.select().count() == 0
    assert SyncLock.select().count() == 0


def check_quiet(bench: Any) -> None:
    """A run with nothing to do changes nothing and costs one events.list request."""
    summary = bench.sync(deletions="apply")
    assert summary.ok, summary.errors
    assert summary.created == summary.updated == summary.deleted == {"crm": 0, "google": 0}
    assert summary.moved == 0 and summary.conflicts == 0
    assert summary.requests == 1


# --- the worlds, built once and restored for each kill ----------------------------------


@dataclass
class Snapshot:
    database: bytes
    refresh_token: str
    emulator: str
    world: World


_SNAPSHOTS: dict[str, Snapshot] = {}


class Bed:
    """The bench, plus saving and restoring both sides whole (building a world and syncing
    it costs more than copying it back)."""

    def __init__(self, bench: Any, server: Any, calendar_api: Any, folder: Path) -> None:
        self.bench = bench
        self.server = server
        self.calendar_api = calendar_api
        self.database = Path(str(store.database_location()))
        self.folder = folder

    def save(self, name: str, world: World) -> None:
        copy = self.folder / f"{name}.sqlite"
        store.current_database().execute_sql("VACUUM INTO ?", (str(copy),))
        with self.server.state.lock:
            emulator = json.dumps(self.server.state.dump())
        token = secrets.open_secret_store().get(secrets.refresh_token_key("alice"))
        assert token
        _SNAPSHOTS[name] = Snapshot(copy.read_bytes(), token, emulator, world)

    def world(self, name: str) -> World:
        """Both sides as snapshot ``name`` holds them (built on first use)."""
        if name not in _SNAPSHOTS:
            if name == "first":
                self.save(name, first_state(self.bench))
            else:
                world = self.world("first")
                first = self.bench.sync(deletions="apply")
                assert first.ok and first.created == {"crm": 40, "google": 120}, first
                check_converged(self.bench, world)
                self.save(name, second_state(self.bench, world))
            return _SNAPSHOTS[name].world
        snapshot = _SNAPSHOTS[name]
        store.close_database()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)
        self.database.write_bytes(snapshot.database)
        with self.server.state.lock:
            self.server.state.reset()
            self.server.state.load(json.loads(snapshot.emulator))
        store.open_database(self.database)
        # Secrets are keyed by the database's path, the same as the snapshot's here.
        secrets.open_secret_store().set(secrets.refresh_token_key("alice"), snapshot.refresh_token)
        self.bench.user = User.get(User.login == "alice")
        self.bench.google = self.calendar_api(self.bench.email)  # a token of this state
        return snapshot.world


@pytest.fixture
def bed(bench, fake_google, calendar_api, tmp_path):
    return Bed(bench, fake_google, calendar_api, tmp_path)


# --- killing a run ------------------------------------------------------------------------


@dataclass(frozen=True)
class Kill:
    """Where the worker dies: paused at checkpoint ``at`` (``NAME:N``), or ``after_ms``
    milliseconds after it first reaches it, the emulator slowed down meanwhile."""

    at: str
    after_ms: int | None = None

    def __str__(self) -> str:
        return self.at if self.after_ms is None else f"{self.at}+{self.after_ms}ms"


def start_worker(bench: Any, pause: str = "") -> subprocess.Popen[str]:
    database = store.database_location()
    assert database is not None
    return subprocess.Popen(
        [sys.executable, str(WORKER), database, bench.base_url, NOW.isoformat(), pause],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def kill_when(proc: subprocess.Popen[str], mark: str, after_ms: int = 0) -> list[str]:
    """Read the worker's lines until ``mark`` (or the end; none with no mark), wait
    ``after_ms``, kill it; the lines read."""
    lines: list[str] = []
    try:
        assert proc.stdout is not None and proc.stderr is not None
        for raw in proc.stdout if mark else ():
            line = raw.strip()
            lines.append(line)
            if line == mark or line.startswith("done "):
                break
        time.sleep(after_ms / 1000)
        proc.kill()  # TerminateProcess on Windows, SIGKILL on POSIX: nothing runs after it
        proc.wait(timeout=30)
        errors = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert not mark or mark in lines, f"the worker never reached {mark!r}: {lines} {errors}"
    return lines


def run_and_kill(bench: Any, kill: Kill) -> None:
    """Run the worker and kill it as ``kill`` says; then let the emulator finish what the
    dead run had sent."""
    name, _, count = kill.at.partition(":")
    mark = f"mark {name} {count or 1}"
    if kill.after_ms is None:
        kill_when(start_worker(bench, kill.at), f"paused {name} {count or 1}")
    else:
        bench.emulator.post("/latency", {"batch_part_latency_ms": PART_LATENCY_MS})
        lines = kill_when(start_worker(bench), mark, kill.after_ms)
        assert not lines[-1].startswith("done "), lines
        bench.emulator.post("/latency", {"batch_part_latency_ms": 0})
    settle_emulator(bench)


def settle_emulator(bench: Any) -> None:
    """Wait until the emulator has finished the requests of the dead run: Google goes on
    with a request whose sender died (racing it is the subject of another test)."""
    seen, still = -1, 0
    deadline = time.monotonic() + 30
    while still < 3 and time.monotonic() < deadline:
        count = len(bench.emulator.get("/requests")["requests"])
        still = still + 1 if count == seen else 0
        seen = count
        time.sleep(0.03)


def rerun(bench: Any) -> None:
    """Run again at once: the dead run's lock is taken over, its intents settled."""
    summary = bench.sync(deletions="apply")
    assert summary.ok, summary.errors


FIRST_SYNC_KILLS = [
    Kill("planned:1"),  # both sides read, nothing written
    Kill("send:1"),  # the first batch's intents committed, the batch not sent
    Kill("sent:2"),  # the second batch done by Google, its answer lost
    Kill("crm_create:20"),  # halfway through the CRM transaction
    Kill("cursors:1"),  # everything committed but the cursors
    Kill("send:1", 90),  # timed: inside the first batch (Google finishes it)
]

SECOND_SYNC_KILLS = [
    Kill("send:1"),
    Kill("sent:1"),  # updates, deletions and inserts done by Google, answers lost
    Kill("crm_commit:1"),  # every CRM write made, not committed
    Kill("cursors:1"),
    Kill("send:1", 80),
]


@pytest.mark.parametrize("kill", FIRST_SYNC_KILLS, ids=str)
def test_a_first_sync_killed_then_run_again_ends_as_an_uninterrupted_one(bed, kill):
    world = bed.world("first")
    run_and_kill(bed.bench, kill)
    rerun(bed.bench)
    check_converged(bed.bench, world)
    check_quiet(bed.bench)


@pytest.mark.parametrize("kill", SECOND_SYNC_KILLS, ids=str)
def test_a_sync_of_edits_killed_then_run_again_ends_as_an_uninterrupted_one(bed, kill):
    world = bed.world("second")
    run_and_kill(bed.bench, kill)
    rerun(bed.bench)
    check_converged(bed.bench, world)
    check_quiet(bed.bench)


def test_the_edits_end_as_expected_without_a_kill(bed):
    # The first sync's outcome is checked when the "second" world is built.
    world = bed.world("second")
    summary = bed.bench.sync(deletions="apply")
    assert summary.ok, summary.errors
    assert summary.created == {"crm": 8, "google": 15}
    assert summary.deleted == {"crm": 8, "google": 10}
    check_converged(bed.bench, world)
    check_quiet(bed.bench)


def test_the_lock_of_a_killed_run_does_not_stop_the_next_run(bed):
    world = bed.world("first")
    run_and_kill(bed.bench, Kill("planned:1"))
    summary = bed.bench.sync(deletions="apply")  # right away, the lock still there
    assert summary.ok, summary.errors
    check_converged(bed.bench, world)


def test_a_batch_still_on_its_way_when_the_run_dies_makes_no_duplicate(bed):
    """Killed while Google is still working on a batch, and run again at once: Google
    makes the dead run's events after the new run has looked for them."""
    world = bed.world("first")
    bench = bed.bench
    bench.emulator.post(
        "/faults",
        {"match": "calendar.events.insert", "kind": "latency", "latency_ms": 40, "count": 50},
    )
    proc = start_worker(bench)

    def first_insert_made() -> bool:
        log = bench.emulator.get("/requests")["requests"]
        return any(entry["method"] == "calendar.events.insert" for entry in log)

    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("mark send 1"):
            break
    while not first_insert_made():  # the first batch is at Google: about 2 s of work left
        time.sleep(0.01)
    kill_when(proc, "", 0)
    rerun(bench)  # at once: the dead run's batch is still going
    bench.emulator.call("DELETE", "/faults")
    settle_emulator(bench)
    rerun(bench)
    check_converged(bench, world)
    check_quiet(bench)
