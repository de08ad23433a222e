"""Agenda sync at scale: a first sync of 2500 actions, a no-op sync, 100 edits on each side.

Runs the real engine (:func:`crmsync.sync.engine.sync_user`) against the Google emulator
with a per-request latency and a per-user Calendar quota, next to a naive baseline in the
same process (the real googleapiclient, one request per action, no batch, no sync token).
Prints, per phase, the HTTP requests and quota units the emulator saw next to the least the
job needs, the wall time next to its physical floor, peak Python memory (tracemalloc) and
the 403/429 answers the emulator gave, then the ratios the acceptance criteria use.

    uv run python benchmarks/agenda.py [--actions 2500] [--latency-ms 50] [--quota 6000]
                                       [--skip-baseline] [--latency-per-call]

How it measures:

* The emulator runs in a child process, so its CPU time and its memory are not the
  client's: tracemalloc sees the engine (or the baseline) only. Its CPU time per phase is
  shown apart (``emu s``, asked of the child over its pipe).
* Latency is per HTTP round trip: an emulator latency fault delays every request sent on
  its own (``in_batch: false``), so a batch waits once, not once per call inside it.
  ``--latency-per-call`` adds the same delay to every call inside a batch as well (a batch
  of 50 then waits 51 times), to see what a server answering the calls one by one costs.
* The quota is the emulator's per-user Calendar limit (``/_emulator/quotas``) and the
  engine's own limiter (``SyncOptions(per_minute=...)``, one limiter shared by the
  engine's runs as in one app session); the baseline paces itself with the same limiter
  class. Before each phase the script waits until the quota has room for that phase's
  least units, so every phase starts as the floor assumes.
* Least work: one unit per Google write, one round trip per 50 writes, plus one listing
  request per calendar and per 2500 events listed (the page size).
* Floor = max(quota-bound, round trips x latency), with quota-bound =
  60 s x floor((U - 1) / Q) for U least units and Q the quota per minute: a 60 s sliding
  window admits Q units at once and the next Q only 60 s later (0 s while U <= Q; the cruder
  U / Q x 60 s would be 250 s for 2501 units at 600/min instead of 240 s).
* 403/429: counted from the emulator's request log (``/_emulator/requests``: every request
  and every call inside a batch, with its status; ``/_emulator/counters`` counts by method,
  not by status). The engine's own retries (``Summary.retries``) are shown beside them.
* Times come from an untraced run; peak memory from a second, traced run of the same phases
  with no latency (tracemalloc slows Python down; memory does not depend on the latency).
* Edits: 100 actions edited through the models (title, location) and 100 other events
  edited on Google's side through googleapiclient (``events.get`` then ``events.patch``),
  outside the measures; afterwards both sides are read back to check each shows the
  other's edits.
* The engine pushes at most 2500 actions per user and period (``crmsync.sync.plan.CAP``,
  the nearest to today first): with more actions the least counts those it pushes, and the
  baseline pushes the same ones.
* The engine's first listing is taken before its inserts, so the no-op sync right after
  reads its own inserts back (one page while they fit in 2500).
* The default calendar is the user's primary one (a calendar picked by name costs one
  ``calendarList.list`` on the first sync).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import multiprocessing
import os
import random
import tempfile
import time
import tracemalloc
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

BATCH = 50
PAGE = 2500
EDITS = 100
ALICE = "alice@example.com"  # the CRM user the engine syncs
BOB = "bob@example.com"  # the baseline's Google account (its own calendar and quota)
CLIENT_ID = "crmsync-benchmark.apps.googleusercontent.com"
ZONE = "Europe/Paris"


# --- the emulator, in a child process ------------------------------------------------------


def _serve(conn: Connection, quota: int | None) -> None:
    from crmsync.fakegoogle import FakeGoogle

    server = FakeGoogle(quota_per_minute=quota).start()
    conn.send(server.base_url)
    with contextlib.suppress(EOFError):
        # "cpu" asks for the emulator's CPU time so far; anything else, or the parent's
        # end closing, stops the server.
        while conn.recv() == "cpu":
            conn.send(time.process_time())
    server.stop()


class Emulator:
    def __init__(self, quota: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, quota), daemon=True)
        self._process.start()
        child.close()
        self.base_url: str = self._conn.recv()

    def cpu_seconds(self) -> float:
        """The emulator process's CPU time so far (all its threads)."""
        self._conn.send("cpu")
        return float(self._conn.recv())

    def stop(self) -> None:
        self._conn.send("stop")
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._conn.close()


class Admin:
    """The emulator's ``/_emulator/`` surface (not Google's API)."""

    def __init__(self, base_url: str, emulator: Emulator | None = None) -> None:
        self.base_url = base_url
        self.emulator = emulator

    def cpu_seconds(self) -> float:
        return self.emulator.cpu_seconds() if self.emulator is not None else 0.0

    def call(self, method: str, path: str, body: Any = None) -> Any:
        request = urllib.request.Request(
            self.base_url + "/_emulator" + path,
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            raw = answer.read()
        return json.loads(raw) if raw else None

    def latency(self, ms: int, *, every_call: bool = False) -> None:
        """``ms`` more per HTTP request (a batch waits once; ``every_call``: each call inside
        a batch waits too), or none."""
        self.call("DELETE", "/faults")
        if not ms:
            return
        for in_batch in (False, True) if every_call else (False,):
            fault = {"kind": "latency", "match": "*", "in_batch": in_batch, "latency_ms": ms}
            self.call("POST", "/faults", fault)

    def traffic(self) -> Traffic:
        """Google API traffic since the last ``/counters/reset``, from the request log."""
        seen = Traffic()
        for entry in self.call("GET", "/requests")["requests"]:
            if entry["method"].startswith(("oauth2.", "emulator.")):
                continue
            batch = entry["method"].startswith("batch.")
            if not entry["in_batch"]:
                seen.requests += 1
            if entry["in_batch"] or not batch:
                seen.units += 1
            if entry["status"] in (403, 429):
                seen.refused += 1
        return seen


@dataclass
class Traffic:
    requests: int = 0
    units: int = 0
    refused: int = 0


# --- what a phase measured --------------------------------------------------------------


@dataclass
class Least:
    """The least a phase's job needs: Google writes and events listed, per calendar."""

    writes: int
    listed: int = 0
    calendars: int = 1

    @property
    def requests(self) -> int:
        pages = max(self.calendars, math.ceil(self.listed / PAGE))
        return pages + math.ceil(self.writes / BATCH)

    @property
    def units(self) -> int:
        return self.requests - math.ceil(self.writes / BATCH) + self.writes

    def floor(self, latency_s: float, quota: int) -> float:
        quota_bound = 60.0 * ((self.units - 1) // quota) if self.units else 0.0
        return max(quota_bound, self.requests * latency_s)


@dataclass
class Phase:
    name: str
    least: Least
    traffic: Traffic
    seconds: float
    retries: int | None
    note: str
    cpu_seconds: float = 0.0
    emulator_cpu_seconds: float = 0.0
    peak_mib: float = 0.0
    own_count: tuple[int, int] | None = None  # the engine's own (requests, units)


@dataclass
class Run:
    phases: list[Phase] = field(default_factory=list)


def measure(
    admin: Admin,
    name: str,
    least: Least,
    work: Callable[[], tuple[int | None, str, tuple[int, int] | None]],
    traced: bool,
) -> Phase:
    admin.call("POST", "/counters/reset")
    if traced:
        tracemalloc.start()
    emulator_cpu = admin.cpu_seconds()
    started, cpu = time.perf_counter(), time.process_time()
    retries, note, own = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    emulator_cpu = admin.cpu_seconds() - emulator_cpu
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    if traced:
        tracemalloc.stop()
    traffic = admin.traffic()
    return Phase(name, least, traffic, seconds, retries, note, cpu, emulator_cpu, peak / 2**20, own)


# --- the CRM user and their actions -------------------------------------------------------


def connect_user(folder: Path, admin: Admin, base_url: str) -> Any:
    """A CRM user connected to the emulator as tests/sync/conftest.py connects one."""
    os.environ["CRMSYNC_DATA_DIR"] = str(folder / "data")
    os.environ["CRMSYNC_SECRET_STORE"] = "file"
    os.environ["CRMSYNC_SECRET_FILE"] = str(folder / "secrets.json")
    from crmsync.crm import db as store
    from crmsync.crm.models import SyncSettings, User
    from crmsync.google import secrets
    from crmsync.google import settings as google_settings

    store.open_database(folder / "crm.sqlite")
    user = User.create(login="alice", name="Alice", email=ALICE, google_email=ALICE, time_zone=ZONE)
    SyncSettings.for_user(user)  # the defaults: 3 months back, 12 ahead, primary calendar
    admin.call("POST", "/clients", {"client_id": CLIENT_ID, "client_secret": "s3cret"})
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret="s3cret")
    issued = admin.call(
        "POST", "/tokens", {"email": ALICE, "client_id": CLIENT_ID, "refresh": True}
    )
    secrets.open_secret_store().set(secrets.refresh_token_key("alice"), issued["refresh_token"])
    return user


def working_slots(window: Any, zone: ZoneInfo) -> list[dt.date]:
    """Every weekday strictly inside the window, in the user's zone."""
    first = window.start.astimezone(zone).date() + dt.timedelta(days=1)
    last = window.end.astimezone(zone).date() - dt.timedelta(days=2)
    days = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def create_actions(user: Any, count: int, now: dt.datetime) -> list[int]:
    """``count`` actions spread evenly over the sync window, Monday to Friday, 8:00-18:00."""
    from crmsync.crm import db as store
    from crmsync.crm.models import Action, ActionType, SyncSettings
    from crmsync.sync.items import Window

    settings = SyncSettings.for_user(user)
    zone = ZoneInfo(user.time_zone)
    window = Window.around(now, settings.months_before, settings.months_after, zone)
    days = working_slots(window, zone)
    types = list(ActionType.select())
    rng = random.Random(2500)
    ids = []
    with store.atomic():
        for n in range(count):
            day = days[n * len(days) // count]
            minutes = rng.choice((30, 60, 90))
            start_minute = rng.randrange(8 * 60, 18 * 60 - minutes + 1, 30)
            start = dt.datetime.combine(day, dt.time(start_minute // 60, start_minute % 60), zone)
            action = Action.create(
                owner=user,
                action_type=rng.choice(types),
                title=f"Visite client {n}",
                location=rng.choice(("", "Ferme des Prés", "Bureau", "Coopérative")),
                start=start,
                end=start + dt.timedelta(minutes=minutes),
                reminder=n % 3 == 0,
                description=f"Action {n} du banc d'essai",
            )
            ids.append(action.id)
    return ids


def edit_actions(ids: list[int], label: str) -> None:
    from crmsync.crm import db as store
    from crmsync.crm.models import Action

    with store.atomic():
        for action in Action.select().where(Action.id.in_(ids)):
            action.title = f"{action.title} ({label})"
            action.location = "Salle B"
            action.save()


def calendar_service(admin: Admin, base_url: str, email: str) -> Any:
    from google.oauth2.credentials import Credentials
    from googleapiclient.discovery import build

    token = admin.call("POST", "/tokens", {"email": email})["access_token"]
    return build(
        "calendar",
        "v3",
        credentials=Credentials(token=token),
        static_discovery=True,
        client_options={"api_endpoint": base_url + "/calendar/v3/"},
    )


def edit_on_google(service: Any, event_ids: list[str], limiter: Any) -> None:
    """A phone edits these events (a get and a patch each, under the user's quota)."""
    events = service.events()
    for event_id in event_ids:
        limiter.acquire(1)
        event = events.get(calendarId="primary", eventId=event_id).execute()
        limiter.acquire(1)
        events.patch(
            calendarId="primary",
            eventId=event_id,
            body={"summary": event["summary"] + " (modifié sur le téléphone)"},
        ).execute()


def two_sets(ids: list[int]) -> tuple[list[int], list[int]]:
    """Up to EDITS ids to edit in the CRM and as many others to edit on Google's side,
    spread over the list."""
    count = min(EDITS, len(ids) // 2)
    if not count:
        return [], []
    step = len(ids) // count
    return ids[::step][:count], ids[step // 2 :: step][:count]


def room_for(limiter: Any, units: int) -> None:
    """Wait until the quota admits ``units`` at once (what the floor assumes)."""
    units = max(1, min(units, limiter.capacity))
    while (wait := limiter.would_wait(units)) > 0:
        time.sleep(wait)


# --- the engine ---------------------------------------------------------------------------


def engine_phases(
    run: Run,
    admin: Admin,
    base_url: str,
    user: Any,
    args: argparse.Namespace,
    traced: bool,
    now: dt.datetime,
) -> None:
    from crmsync.google.endpoints import GoogleEndpoints
    from crmsync.google.session import GoogleSession
    from crmsync.sync.engine import Summary, SyncOptions, quota_limiter, sync_user
    from crmsync.sync.plan import CAP
    from crmsync.sync.state import SyncLink

    ids = create_actions(user, args.actions, now)
    latency_ms = 0 if traced else args.latency_ms
    limiter = quota_limiter(args.quota)
    session = GoogleSession(user, endpoints=GoogleEndpoints.for_base_url(base_url))
    session.refresh()  # the access token, once, outside the measures
    options = SyncOptions(now=now, per_minute=args.quota)

    def sync(check: Callable[[Summary], str]) -> Callable[[], Any]:
        def work() -> tuple[int | None, str, tuple[int, int] | None]:
            summary = sync_user(user, options, session=session, limiter=limiter)
            note = check(summary)
            if summary.errors:
                note += f"; {len(summary.errors)} errors, first: {summary.errors[0]}"
            return summary.retries, note, (summary.requests, summary.units)

        return work

    def wrote(summary: Summary) -> str:
        capped = f"; {len(summary.skipped_by_cap)} beyond the cap" if summary.skipped_by_cap else ""
        return (
            f"created {summary.created['google']} in Google, {summary.created['crm']} in CRM; "
            f"updated {summary.updated['google']} in Google, {summary.updated['crm']} in CRM"
            + capped
        )

    def phase(name: str, least: Least, check: Callable[[Summary], str]) -> None:
        room_for(limiter, least.units)
        admin.latency(latency_ms, every_call=args.latency_per_call)
        run.phases.append(measure(admin, name, least, sync(check), traced))
        admin.latency(0)

    # The engine pushes at most CAP actions per user and period (the nearest to today).
    phase("first sync", Least(writes=min(len(ids), CAP)), wrote)
    phase("no-op sync", Least(writes=0), wrote)
    event_of = dict(SyncLink.select(SyncLink.crm_id, SyncLink.google_id).tuples())
    crm_edited, google_side = two_sets([i for i in ids if i in event_of])
    edit_actions(crm_edited, "modifié dans le CRM")
    google_ids = [event_of[i] for i in google_side]
    phone = calendar_service(admin, base_url, ALICE)
    edit_on_google(phone, google_ids, limiter)
    phone.close()
    edits = f"{len(crm_edited)}+{len(google_ids)} edits"
    phase(f"{edits}, sync", Least(writes=len(crm_edited), listed=len(google_ids)), wrote)
    phase("no-op after the edits", Least(writes=0), wrote)
    session.close()
    run.phases[-2].note += "; " + check_edits(admin, base_url, limiter, crm_edited, google_side)


def check_edits(
    admin: Admin, base_url: str, limiter: Any, crm_edited: list[int], google_side: list[int]
) -> str:
    """Whether each side now shows the other's edits (read outside the measures)."""
    from crmsync.crm.models import Action
    from crmsync.sync.calendar_events import PROP_ACTION

    phone = calendar_service(admin, base_url, ALICE)
    summaries: dict[int, str] = {}
    token = None
    while True:
        limiter.acquire(1)
        page = phone.events().list(calendarId="primary", maxResults=PAGE, pageToken=token).execute()
        for event in page.get("items", []):
            action_id = event.get("extendedProperties", {}).get("private", {}).get(PROP_ACTION)
            if action_id:
                summaries[int(action_id)] = event.get("summary", "")
        token = page.get("nextPageToken")
        if not token:
            break
    phone.close()
    titles = dict(Action.select(Action.id, Action.title).tuples())
    in_google = sum(1 for i in crm_edited if "CRM" in summaries.get(i, ""))
    in_crm = sum(1 for i in google_side if "téléphone" in titles.get(i, ""))
    return f"checked: {in_google} CRM edits in Google, {in_crm} phone edits in the CRM"


# --- the naive baseline -------------------------------------------------------------------


class Naive:
    """One request per action with googleapiclient: no batch, no sync token."""

    def __init__(self, service: Any, limiter: Any, window: Any, zone: ZoneInfo) -> None:
        self.events = service.events()
        self.limiter = limiter
        self.window = window
        self.zone = zone
        self.requests = 0
        self.retries = 0
        self.event_of: dict[int, str] = {}

    def send(self, request: Any) -> Any:
        from googleapiclient.errors import HttpError

        attempt = 0
        while True:
            self.limiter.acquire(1)
            self.requests += 1
            try:
                return request.execute(num_retries=0)
            except HttpError as exc:
                if exc.resp.status not in (403, 429) or attempt >= 6:
                    raise
                self.retries += 1
                time.sleep(min(32.0, 0.5 * 2**attempt))
                attempt += 1

    def body(self, action: Any) -> dict[str, Any]:
        return {
            "summary": action.title,
            "location": action.location,
            "description": action.description,
            "start": {"dateTime": action.start.astimezone(self.zone).isoformat()},
            "end": {"dateTime": action.end.astimezone(self.zone).isoformat()},
            "extendedProperties": {"private": {"crmAction": str(action.id)}},
        }

    def push_all(self, actions: list[Any]) -> str:
        for action in actions:
            event = self.send(self.events.insert(calendarId="primary", body=self.body(action)))
            self.event_of[action.id] = event["id"]
        return f"{len(actions)} inserts, one request each"

    def list_all(self) -> list[dict[str, Any]]:
        """Every event of the window, without a sync token."""
        items: list[dict[str, Any]] = []
        token = None
        while True:
            page = self.send(
                self.events.list(
                    calendarId="primary",
                    timeMin=self.window.start.isoformat(),
                    timeMax=self.window.end.isoformat(),
                    singleEvents=True,
                    maxResults=PAGE,
                    pageToken=token,
                )
            )
            items.extend(page.get("items", []))
            token = page.get("nextPageToken")
            if not token:
                return items

    def compare(self, titles: dict[int, str]) -> list[dict[str, Any]]:
        """The events whose title is not their action's any more."""
        changed = []
        for event in self.list_all():
            action_id = int(event["extendedProperties"]["private"]["crmAction"])
            if event.get("summary") != titles.get(action_id):
                changed.append(event)
        return changed

    def edits(self, titles: dict[int, str], crm_edited: list[Any]) -> str:
        from crmsync.crm import db as store
        from crmsync.crm.models import Action

        edited_ids = {a.id for a in crm_edited}
        pulled = [
            e
            for e in self.compare(titles)
            if int(e["extendedProperties"]["private"]["crmAction"]) not in edited_ids
        ]
        with store.atomic():
            for event in pulled:
                action_id = int(event["extendedProperties"]["private"]["crmAction"])
                Action.update(title=event["summary"]).where(Action.id == action_id).execute()
        for action in crm_edited:
            event_id = self.event_of[action.id]
            event = self.send(self.events.get(calendarId="primary", eventId=event_id))
            event.update(self.body(action))
            self.send(self.events.update(calendarId="primary", eventId=event_id, body=event))
        return f"{len(pulled)} pulled after a full listing, {len(crm_edited)} get+update"


def baseline_phases(
    run: Run,
    admin: Admin,
    base_url: str,
    user: Any,
    args: argparse.Namespace,
    traced: bool,
    now: dt.datetime,
) -> None:
    from crmsync.crm.models import Action, SyncSettings
    from crmsync.sync.engine import quota_limiter
    from crmsync.sync.items import Window
    from crmsync.sync.state import SyncLink

    latency_ms = 0 if traced else args.latency_ms
    zone = ZoneInfo(user.time_zone)
    settings = SyncSettings.for_user(user)
    window = Window.around(now, settings.months_before, settings.months_after, zone)
    # The same actions as the engine pushed (it leaves those beyond its cap out).
    pushed = SyncLink.select(SyncLink.crm_id)
    actions = list(Action.live().where(Action.id.in_(pushed)).order_by(Action.id))
    service = calendar_service(admin, base_url, BOB)
    limiter = quota_limiter(args.quota)
    naive = Naive(service, limiter, window, zone)

    def phase(name: str, least: Least, job: Callable[[], str]) -> None:
        room_for(limiter, least.units)
        admin.latency(latency_ms)
        before_requests, before_retries = naive.requests, naive.retries

        def work() -> tuple[int | None, str, tuple[int, int] | None]:
            note = job()
            count = naive.requests - before_requests
            return naive.retries - before_retries, note, (count, count)

        run.phases.append(measure(admin, name, least, work, traced))
        admin.latency(0)

    def titles() -> dict[int, str]:
        rows = Action.select(Action.id, Action.title).where(Action.id.in_(pushed)).tuples()
        return dict(rows)

    count = len(actions)
    phase("baseline: first push", Least(writes=count), lambda: naive.push_all(actions))
    phase(
        "baseline: full listing",
        Least(writes=0),
        lambda: f"{len(naive.compare(titles()))} changes found",
    )
    crm_edited_ids, google_side = two_sets([a.id for a in actions])
    edit_actions(crm_edited_ids, "modifié pour la référence")
    crm_edited = list(Action.select().where(Action.id.in_(crm_edited_ids)))
    phone = calendar_service(admin, base_url, BOB)
    edit_on_google(phone, [naive.event_of[i] for i in google_side], limiter)
    phone.close()
    phase(
        f"baseline: {len(crm_edited)}+{len(google_side)} edits",
        Least(writes=len(crm_edited), listed=len(google_side)),
        lambda: naive.edits(titles(), crm_edited),
    )
    service.close()


# --- one whole run, and the report ---------------------------------------------------------


def run_all(args: argparse.Namespace, traced: bool) -> Run:
    from crmsync.crm import db as store

    run = Run()
    emulator = Emulator(args.quota)
    try:
        admin = Admin(emulator.base_url, emulator)
        with tempfile.TemporaryDirectory(prefix="crmsync-agenda-bench-") as folder:
            user = connect_user(Path(folder), admin, emulator.base_url)
            try:
                now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
                engine_phases(run, admin, emulator.base_url, user, args, traced, now)
                if not args.skip_baseline:
                    baseline_phases(run, admin, emulator.base_url, user, args, traced, now)
            finally:
                store.close_database()
    finally:
        emulator.stop()
    return run


def report(timed: Run, traced: Run, args: argparse.Namespace) -> None:
    latency_s = args.latency_ms / 1000.0
    per_call = " (engine: also per call in a batch)" if args.latency_per_call else ""
    print(
        f"{args.actions} actions, {args.latency_ms} ms per round trip{per_call}, "
        f"quota {args.quota} units/min per user (engine limiter: the same); "
        "the emulator runs in a separate process"
    )
    head = (
        f"{'phase':<26}{'requests':>9}{'least':>6}{'units':>7}{'least':>6}"
        f"{'seconds':>9}{'floor':>8}{'t/floor':>8}{'cpu s':>7}{'emu s':>7}{'peak MiB':>9}"
        f"{'403/429':>8}{'retries':>8}"
    )
    print(head)
    print("-" * len(head))
    notes = []
    for p, m in zip(timed.phases, traced.phases, strict=True):
        floor = p.least.floor(latency_s, args.quota)
        ratio = f"{p.seconds / floor:.2f}" if floor > 0 else "-"
        print(
            f"{p.name:<26}{p.traffic.requests:>9}{p.least.requests:>6}{p.traffic.units:>7}"
            f"{p.least.units:>6}{p.seconds:>9.2f}{floor:>8.2f}{ratio:>8}{p.cpu_seconds:>7.2f}"
            f"{p.emulator_cpu_seconds:>7.2f}"
            f"{m.peak_mib:>9.1f}{p.traffic.refused:>8}{'-' if p.retries is None else p.retries:>8}"
        )
        mismatch = ""
        if p.own_count is not None and p.own_count != (p.traffic.requests, p.traffic.units):
            mismatch = f" [client counted {p.own_count[0]} requests, {p.own_count[1]} units]"
        notes.append(f"  {p.name}: {p.note}{mismatch}")
    print("\n".join(notes))
    print(
        "least = 1 unit per write + 1 round trip per 50 writes + 1 listing request per "
        f"calendar (and per {PAGE} events);\nfloor = max(60 s x floor((least units - 1) / "
        f"{args.quota}), least round trips x {args.latency_ms} ms); requests and units as "
        "the emulator saw them;\n403/429 = rate-limit answers in the emulator's request log; "
        "cpu s = this process's CPU time; emu s = the emulator's, which runs in a process "
        "of its own\n(as Google's servers are not on the user's machine);\n"
        "peak MiB from a second, traced run without latency."
    )
    by_name = {p.name: p for p in timed.phases}
    first, noop = by_name["first sync"], by_name["no-op sync"]
    first_floor = first.least.floor(latency_s, args.quota)
    checks = [
        ("first sync units / least", first.traffic.units / first.least.units, 1.05),
        ("first sync round trips / least", first.traffic.requests / first.least.requests, 1.05),
        ("first sync time / floor", first.seconds / first_floor if first_floor else None, 1.2),
        ("no-op requests per calendar", noop.traffic.requests / noop.least.calendars, 1.0),
    ]
    print("acceptance:")
    for label, value, limit in checks:
        if value is None:
            print(f"  {label:<34}{'-':>6}  (<= {limit:g})  no floor without latency or quota")
            continue
        verdict = "ok" if value <= limit + 1e-9 else "FAIL"
        print(f"  {label:<34}{value:>6.2f}  (<= {limit:g})  {verdict}")
    rate_limited = sum(p.traffic.refused for p in timed.phases)
    print(f"  403/429 answered by the emulator in the timed run: {rate_limited}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2500)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument(
        "--quota", type=int, default=6000, help="Calendar units per minute per user (Google: 600)"
    )
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--latency-per-call",
        action="store_true",
        help="delay every call inside a batch too, not only each HTTP request",
    )
    args = parser.parse_args()
    if args.actions < 1 or args.quota < BATCH:
        parser.error(f"need at least 1 action and a quota of at least {BATCH}")
    timed = run_all(args, traced=False)
    traced = run_all(args, traced=True)
    report(timed, traced, args)


if __name__ == "__main__":
    main()
