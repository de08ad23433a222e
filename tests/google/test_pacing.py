"""Pacing: the quota limiter, backoff, Retry-After, Google error classes, progress."""

from __future__ import annotations

import json
import random
import threading
import time
from datetime import UTC, datetime

import pytest

from crmsync.fakegoogle import exceptions as emulator_errors
from crmsync.google.pacing import (
    GOOGLE_CALENDAR_PER_USER_PER_MINUTE,
    Backoff,
    Progress,
    RateLimiter,
    classify_google_error,
    parse_retry_after,
)


class FakeTime:
    """A clock that only moves when slept on; every sleep is recorded."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0, "the limiter must not sleep for nothing"
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_limiter(per_minute: int = 600, **kwargs) -> tuple[RateLimiter, FakeTime]:
    fake = FakeTime()
    return RateLimiter(per_minute, clock=fake.clock, sleep=fake.sleep, **kwargs), fake


def max_units_in_any_window(admitted: list[tuple[float, int]], window: float) -> int:
    """The most units recorded in any half-open window [t, t + window)."""
    return max(
        sum(units for when, units in admitted if start <= when < start + window)
        for start, _ in admitted
    )


# --- RateLimiter ----------------------------------------------------------------------


def test_the_default_quota_is_googles():
    assert GOOGLE_CALENDAR_PER_USER_PER_MINUTE == 600


def test_no_wait_while_under_the_limit():
    limiter, fake = make_limiter()
    for _ in range(12):
        assert limiter.would_wait(50) == 0.0
        assert limiter.acquire(50) == 0.0
    assert fake.sleeps == []


def test_over_the_limit_waits_until_the_oldest_units_leave_the_window():
    limiter, fake = make_limiter()
    limiter.acquire(600)
    fake.advance(10)
    assert limiter.would_wait(1) == 50.0
    assert limiter.acquire(1) == 50.0
    assert fake.sleeps == [50.0]
    assert limiter.would_wait(1) == 0.0  # the 600 have left; only the 1 counts now


def test_the_wait_is_the_shortest_that_frees_enough_room():
    limiter, fake = make_limiter()
    limiter.acquire(300)  # leaves the window at +60
    fake.advance(20)
    limiter.acquire(300)  # leaves the window at +80
    fake.advance(10)
    assert limiter.would_wait(300) == 30.0  # the first 300 leaving is enough
    assert limiter.would_wait(301) == 50.0  # it takes both
    assert limiter.acquire(301) == 50.0
    assert fake.sleeps == [50.0]


def test_units_leave_the_window_exactly_window_seconds_after_they_were_recorded():
    limiter, fake = make_limiter()
    limiter.acquire(450)
    fake.advance(30)
    limiter.acquire(100)
    assert limiter.in_window() == 550
    fake.advance(29.5)
    assert limiter.in_window() == 550
    fake.advance(0.5)  # 60 s after the first 450
    assert limiter.in_window() == 100
    fake.advance(30)
    assert limiter.in_window() == 0


def test_would_wait_records_nothing():
    limiter, fake = make_limiter()
    for _ in range(100):
        limiter.would_wait(600)
    assert limiter.acquire(600) == 0.0


def test_the_window_slides_rather_than_resetting_each_minute():
    limiter, fake = make_limiter()
    fake.now = 30.0
    limiter.acquire(600)
    fake.now = 61.0  # a fixed per-minute window would have reset at 60
    assert limiter.would_wait(1) == pytest.approx(29.0)


def test_never_more_than_the_quota_in_any_window_and_every_wait_minimal():
    limiter, fake = make_limiter(600)
    rng = random.Random(20240605)
    admitted: list[tuple[float, int]] = []
    total = 0
    while total < 5000:
        units = rng.randint(1, 50)
        if rng.random() < 0.3:
            fake.advance(rng.uniform(0, 5))
        before, slept_before = fake.now, len(fake.sleeps)
        waited = limiter.acquire(units)
        assert waited == pytest.approx(fake.now - before)
        assert waited == pytest.approx(sum(fake.sleeps[slept_before:]))
        if waited > 0:
            # Minimal: a moment before, the units recorded in the last 60 s had no room.
            in_window = sum(u for when, u in admitted if when > fake.now - 60 - 1e-9)
            assert in_window + units > 600
        admitted.append((fake.now, units))
        total += units
    assert fake.sleeps, "the sequence must have pushed the limiter over"
    assert len(limiter._sent) <= 600  # memory stays bounded: only what is in the window
    assert max_units_in_any_window(admitted, 60.0) <= 600


def test_safety_keeps_part_of_the_quota_in_reserve():
    limiter, fake = make_limiter(600, safety=0.1)
    assert limiter.capacity == 540
    assert limiter.acquire(540) == 0.0
    assert limiter.would_wait(1) == 60.0


def test_a_request_larger_than_the_quota_is_refused():
    limiter, _ = make_limiter(40)
    with pytest.raises(ValueError, match="smaller batches"):
        limiter.acquire(41)
    with pytest.raises(ValueError):
        limiter.would_wait(41)
    with pytest.raises(ValueError):
        limiter.acquire(-1)
    assert limiter.acquire(40) == 0.0


def test_zero_units_never_wait_and_take_no_room():
    limiter, fake = make_limiter(10)
    limiter.acquire(10)
    assert limiter.acquire(0) == 0.0
    fake.advance(60)
    assert limiter.acquire(10) == 0.0


@pytest.mark.parametrize(
    "kwargs",
    [{"per_minute": 0}, {"per_minute": 10, "window": 0}, {"per_minute": 10, "safety": 1.0}],
)
def test_nonsense_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        RateLimiter(**kwargs)


def test_the_lock_is_not_held_while_sleeping():
    limiter: RateLimiter
    answered: list[float] = []

    def sleep(seconds: float) -> None:
        other = threading.Thread(target=lambda: answered.append(limiter.would_wait(1)))
        other.start()
        other.join(timeout=5)
        assert not other.is_alive(), "another thread could not use the limiter during a wait"
        fake.sleep(seconds)

    fake = FakeTime()
    limiter = RateLimiter(5, clock=fake.clock, sleep=sleep)
    limiter.acquire(5)
    fake.advance(1)
    limiter.acquire(1)
    assert answered == [59.0]


def test_many_threads_never_exceed_the_quota():
    # A real clock and real sleeps at a high rate: 100 units per 50 ms.  Each thread notes
    # the clock reading its acquire was admitted at (the limiter reads the clock under its
    # lock), so the check below needs no timing assumption.  The clock also lets the other
    # threads run right then, in the middle of the limiter's bookkeeping, where a missing
    # lock would let two threads take the same room.
    seen = threading.local()

    def clock() -> float:
        seen.now = time.monotonic()
        time.sleep(0)
        return seen.now

    limiter = RateLimiter(100, window=0.05, clock=clock)
    admitted: list[tuple[float, int]] = []
    admitted_lock = threading.Lock()
    errors: list[BaseException] = []

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(60):
                units = rng.randint(1, 5)
                limiter.acquire(units)
                with admitted_lock:
                    admitted.append((seen.now, units))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert len(admitted) == 8 * 60
    assert max_units_in_any_window(admitted, 0.05) <= 100


# --- Backoff --------------------------------------------------------------------------


def test_backoff_ceiling_doubles_up_to_the_cap():
    backoff = Backoff(base=1.0, cap=64.0)
    assert [backoff.ceiling(n) for n in range(9)] == [1, 2, 4, 8, 16, 32, 64, 64, 64]
    assert backoff.ceiling(10_000) == 64.0  # no overflow on absurd attempt numbers
    with pytest.raises(ValueError):
        backoff.ceiling(-1)


def test_backoff_delays_are_fully_jittered_within_the_ceiling():
    backoff = Backoff(base=0.5, cap=20.0, rng=random.Random(7))
    for attempt in range(10):
        ceiling = min(20.0, 0.5 * 2**attempt)
        delays = [backoff.delay(attempt) for _ in range(500)]
        assert all(0.0 <= d <= ceiling for d in delays)
        # Full jitter spreads over the whole range, not just near the ceiling.
        assert min(delays) < 0.1 * ceiling
        assert max(delays) > 0.9 * ceiling


def test_backoff_is_reproducible_with_a_seeded_rng():
    a = Backoff(rng=random.Random(3))
    b = Backoff(rng=random.Random(3))
    assert [a.delay(n) for n in range(8)] == [b.delay(n) for n in range(8)]


def test_backoff_never_retries_sooner_than_retry_after():
    backoff = Backoff(base=1.0, cap=64.0, rng=random.Random(11))
    assert backoff.delay(0, retry_after=30.0) == 30.0  # the jitter is at most 1 s here
    assert backoff.delay(0, retry_after=120.0) == 120.0  # honoured even above the cap
    for _ in range(200):
        assert 5.0 <= backoff.delay(6, retry_after=5.0) <= 64.0
        assert 0.0 <= backoff.delay(0, retry_after=-3.0) <= 1.0


def test_backoff_gives_up_after_max_attempts():
    backoff = Backoff(max_attempts=8)
    assert [backoff.should_retry(n) for n in range(10)] == [True] * 8 + [False] * 2
    assert not backoff.should_retry(-1)
    assert not Backoff(max_attempts=0).should_retry(0)


@pytest.mark.parametrize("kwargs", [{"base": 0.0}, {"base": 2.0, "cap": 1.0}, {"max_attempts": -1}])
def test_backoff_refuses_nonsense_settings(kwargs):
    with pytest.raises(ValueError):
        Backoff(**kwargs)


# --- Retry-After ----------------------------------------------------------------------

NOW = datetime(1994, 11, 6, 8, 49, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        ("0", 0.0),
        (" 7 ", 7.0),
        ("1.5", 1.5),
        ("-3", 0.0),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 37.0),  # IMF-fixdate
        ("Sunday, 06-Nov-94 08:49:37 GMT", 37.0),  # obsolete RFC 850 form
        ("Sun Nov  6 08:49:37 1994", 37.0),  # obsolete asctime form
        ("sun, 06 nov 1994 08:51:00 gmt", 120.0),
        ("Sun, 06 Nov 1994 08:00:00 GMT", 0.0),  # already past
    ],
)
def test_retry_after_reads_seconds_and_dates(value, expected):
    assert parse_retry_after(value, NOW) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "soon",
        "12abc",
        "1e3",
        "nan",
        "inf",
        "1" * 400,  # a number too large to be a float
        "Sun, 06 Nov 1994 08:49:37 PST",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT",
        "06 Nov 1994 08:49:37 GMT",
    ],
)
def test_retry_after_garbage_is_none(value):
    assert parse_retry_after(value, NOW) is None


def test_retry_after_rfc850_two_digit_years_are_never_far_in_the_future():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_retry_after("Thursday, 01-Jan-26 00:00:10 GMT", now) == 10.0
    assert parse_retry_after("Friday, 01-Jan-99 00:00:00 GMT", now) == 0.0  # 1999, not 2099


def test_retry_after_takes_a_naive_now_as_utc_and_defaults_to_the_current_time():
    assert parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", NOW.replace(tzinfo=None)) == 37.0
    assert parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT") == 0.0
    assert parse_retry_after("Fri, 01 Jan 2100 00:00:00 GMT") > 365 * 24 * 3600


# --- Google errors --------------------------------------------------------------------


def calendar_error(code: int, reason: str, message: str, domain: str = "global") -> dict:
    return {
        "error": {
            "errors": [{"domain": domain, "reason": reason, "message": message}],
            "code": code,
            "message": message,
        }
    }


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (
            403,
            calendar_error(403, "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits"),
            "rate_limit",
        ),
        (
            403,
            calendar_error(403, "userRateLimitExceeded", "User Rate Limit Exceeded", "usageLimits"),
            "rate_limit",
        ),
        (
            403,
            calendar_error(403, "quotaExceeded", "Calendar usage limits exceeded.", "usageLimits"),
            "quota_exceeded",
        ),
        (
            403,
            calendar_error(403, "dailyLimitExceeded", "Daily Limit Exceeded", "usageLimits"),
            "quota_exceeded",
        ),
        (
            403,
            calendar_error(403, "forbiddenForNonOrganizer", "Shared properties can only be..."),
            "fatal",
        ),
        (403, calendar_error(403, "insufficientPermissions", "Insufficient Permission"), "fatal"),
        (429, calendar_error(429, "rateLimitExceeded", "Too many requests"), "rate_limit"),
        (500, calendar_error(500, "backendError", "Backend Error"), "retry"),
        (503, calendar_error(503, "backendError", "Service unavailable"), "retry"),
        (502, None, "retry"),
        (504, None, "retry"),
        (
            409,
            calendar_error(409, "duplicate", "The requested identifier already exists."),
            "conflict",
        ),
        (410, calendar_error(410, "fullSyncRequired", "Sync token is no longer valid."), "gone"),
        (410, calendar_error(410, "deleted", "Resource has been deleted"), "gone"),
        (412, calendar_error(412, "conditionNotMet", "Precondition Failed"), "precondition"),
        (404, calendar_error(404, "notFound", "Not Found"), "not_found"),
        (401, calendar_error(401, "authError", "Invalid Credentials"), "auth"),
        (400, calendar_error(400, "invalid", "Invalid Value"), "fatal"),
        (501, None, "fatal"),
        # Google's reason says "retry" whatever the status code with it.
        (400, calendar_error(400, "backendError", "Backend Error"), "retry"),
    ],
)
def test_classify_google_error(status, body, expected):
    assert classify_google_error(status, body) == expected
    if body is not None:  # the same body raw or as text classifies the same
        text = json.dumps(body)
        assert classify_google_error(status, text) == expected
        assert classify_google_error(status, text.encode()) == expected


def test_classify_reads_google_rpc_error_info_reasons():
    body = {
        "error": {
            "code": 403,
            "message": "Quota exceeded for quota metric 'Read requests'.",
            "status": "PERMISSION_DENIED",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "RATE_LIMIT_EXCEEDED",
                    "domain": "googleapis.com",
                }
            ],
        }
    }
    assert classify_google_error(403, body) == "rate_limit"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (emulator_errors.calendar_rate_limited(), "rate_limit"),
        (emulator_errors.people_rate_limited("Read requests", "per minute per user"), "rate_limit"),
        (emulator_errors.backend_error(), "retry"),
        (emulator_errors.service_unavailable(), "retry"),
        (emulator_errors.unauthenticated(), "auth"),
        (emulator_errors.insufficient_scopes("calendar-json.googleapis.com"), "fatal"),
        (emulator_errors.api_not_enabled("people.googleapis.com", "People API"), "fatal"),
        (emulator_errors.not_found_route("/nowhere"), "not_found"),
    ],
)
def test_classify_the_emulators_errors(error, expected):
    assert classify_google_error(error.code, json.dumps(error.body()).encode()) == expected


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>Rate limited</body></html>",
        b"\xff\xfe not utf-8",
        "",
        "[1, 2]",
        {"error": "invalid_grant", "error_description": "Token has been revoked."},
        {"error": {"errors": "rateLimitExceeded"}},
        {"error": {"errors": [None, 3, {"reason": 7}, {"domain": "usageLimits"}]}},
        {},
        None,
    ],
)
def test_classify_falls_back_on_the_status_for_odd_bodies(body):
    assert classify_google_error(403, body) == "fatal"
    assert classify_google_error(429, body) == "rate_limit"
    assert classify_google_error(503, body) == "retry"
    assert classify_google_error(404, body) == "not_found"


# --- Progress -------------------------------------------------------------------------


def test_progress_estimates_the_time_left_linearly():
    fake = FakeTime(now=50.0)
    progress = Progress(total=100, clock=fake.clock)
    assert progress.started_at == 50.0
    assert progress.eta_seconds() is None  # nothing done yet: no pace to go by
    fake.advance(10)
    progress.advance(25)
    assert progress.eta_seconds() == pytest.approx(30.0)
    progress.advance()
    assert progress.done == 26
    assert progress.as_dict() == {
        "total": 100,
        "done": 26,
        "elapsed_seconds": 10.0,
        "eta_seconds": pytest.approx(10.0 * 74 / 26),
    }
    progress.advance(74)
    assert progress.eta_seconds() == 0.0
    progress.advance(3)  # more than announced (the total was an estimate): still nothing left
    assert progress.eta_seconds() == 0.0
    with pytest.raises(ValueError):
        progress.advance(-1)
