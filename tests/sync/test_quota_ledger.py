"""The quota ledger: what a user's runs spent of Google's minute, written before each
request goes, charged to the next run's limiter (but not twice to a limiter shared by runs)."""

from __future__ import annotations

from crmsync.google import pacing
from crmsync.sync.quota_ledger import CALENDAR, QuotaLedger


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_units_charged_take_room_until_they_leave_the_window():
    clock = _Clock()
    limiter = pacing.RateLimiter(10, window=60.0, clock=clock, sleep=clock.sleep)
    limiter.charge(8, seconds_ago=30.0)
    limiter.charge(5, seconds_ago=75.0)  # already out of the window: nothing
    assert limiter.in_window() == 8
    assert limiter.would_wait(5) == 30.0  # the charged units leave 30 s from now
    limiter.acquire(1)
    limiter.charge(1, seconds_ago=50.0)  # older than what is held: kept in order
    assert limiter.would_wait(1) == 10.0


def test_a_run_charges_the_next_one_with_what_it_spent(bench):
    first = pacing.RateLimiter(600, window=62.0)
    detach = QuotaLedger(bench.user, CALENDAR).attach(first)
    first.acquire(50)
    first.acquire(1)
    detach()
    first.acquire(7)  # no longer recorded: the run is over
    fresh = pacing.RateLimiter(600, window=62.0)
    QuotaLedger(bench.user, CALENDAR).attach(fresh)
    assert fresh.in_window() == 51
    # a limiter several runs share knows its own grants already
    QuotaLedger(bench.user, CALENDAR).attach(first)
    assert first.in_window() == 58


def test_a_synced_run_leaves_its_spending_for_the_next(bench):
    bench.action("Compté")
    summary = bench.sync()
    after = pacing.RateLimiter(600, window=62.0)
    QuotaLedger(bench.user, CALENDAR).attach(after)
    assert after.in_window() == summary.units - 1  # the calendar list goes outside the pacing
