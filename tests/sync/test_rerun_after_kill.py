"""A rerun right after a killed run: the killed holder of the lock is gone even before it is
reaped (a zombie), and the quota the killed run spent in the last minute is known to the
new run's limiter, so it waits for room instead of being refused by Google."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import threading
import time

import psutil
import pytest
from agenda_bench import ALICE, NOW
from test_agenda_crash import kill_when, settle_emulator, start_worker

from crmsync.crm import db as store
from crmsync.crm.models import utc_now
from crmsync.google import pacing
from crmsync.sync.engine import ARRIVAL_MARGIN, SyncBusy, user_lock
from crmsync.sync.state import SyncLock


def _holder_of(pid: int) -> str:
    started = psutil.Process(pid).create_time()
    return "|".join((socket.gethostname(), str(pid), f"{started:.3f}", "0badf00d"))


def test_a_killed_holder_not_yet_reaped_has_let_the_lock_go(bench):
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        with store.atomic():
            SyncLock.create(
                user=bench.user,
                holder=_holder_of(proc.pid),
                expires_at=utc_now() + dt.timedelta(minutes=10),
            )
        with pytest.raises(SyncBusy), user_lock(bench.user):
            pass  # its holder runs: the lock holds
        proc.kill()  # not waited for: on POSIX it stays a zombie until reaped
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if psutil.Process(proc.pid).status() == psutil.STATUS_ZOMBIE:
                    break
            except psutil.NoSuchProcess:  # Windows: no zombies, the process is gone
                break
            time.sleep(0.01)
        with user_lock(bench.user):
            assert SyncLock.get().holder != _holder_of(proc.pid)
    finally:
        proc.kill()
        proc.wait(timeout=30)


QUOTA = 60


class _SharedMinute:
    """The rerun's limiter clock and the emulator's, moved on together by the limiter's
    waits (the test does not wait the real minute)."""

    def __init__(self, emulator) -> None:
        self.emulator = emulator
        self.now = 0.0
        self.lock = threading.Lock()

    def clock(self) -> float:
        with self.lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.now += seconds
            self.emulator.post("/clock/advance", {"seconds": seconds})


def test_a_rerun_right_after_a_run_killed_at_the_quota_edge_succeeds(bench):
    for i in range(120):
        bench.action(f"Q{i}", start=NOW + dt.timedelta(hours=i + 3))
    bench.emulator.post("/quotas", {"calendar": QUOTA})  # Google's quota, at its edge
    # the run is killed once its first batch of 50 is answered: 52 of the minute's 60 spent
    kill_when(start_worker(bench, "sent:1"), "paused sent 1")
    settle_emulator(bench)
    bench.emulator.post("/counters/reset")
    minute = _SharedMinute(bench.emulator)
    bench.extra["limiter"] = pacing.RateLimiter(
        QUOTA, window=60.0 + ARRIVAL_MARGIN, clock=minute.clock, sleep=minute.sleep
    )
    summary = bench.sync(per_minute=QUOTA)
    assert summary.errors == []
    # never refused: it waited for room
    assert bench.emulator.get("/counters")["accounts"][ALICE]["rate_limited"] == 0
    assert minute.now > 0
    bench.extra.clear()
    bench.emulator.post("/quotas", {"calendar": None})
    titles = sorted(e["summary"] for e in bench.events())
    assert titles == sorted(f"Q{i}" for i in range(120))  # every one, none twice
