"""Calendar per-user quota answers, alone and inside batches, through the real client."""

from __future__ import annotations

import json

import pytest
from calendar_helpers import ALICE, error_of, timed
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

RATE = {"domain": "usageLimits", "reason": "rateLimitExceeded", "message": "Rate Limit Exceeded"}
USER_RATE = {
    "domain": "usageLimits",
    "reason": "userRateLimitExceeded",
    "message": "User Rate Limit Exceeded",
}


def rate_error(code: int, item: dict[str, str]) -> dict:
    status = {403: "PERMISSION_DENIED", 429: "RESOURCE_EXHAUSTED"}[code]
    return {"error": {"errors": [item], "code": code, "message": item["message"], "status": status}}


def failure(request) -> HttpError:
    with pytest.raises(HttpError) as caught:
        request.execute()
    return caught.value


def body(n: int) -> dict:
    return timed("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", summary=f"E{n}")


@pytest.mark.parametrize(
    ("answer", "code", "item"),
    [
        ("403 rateLimitExceeded", 403, RATE),
        ("403 userRateLimitExceeded", 403, USER_RATE),
        ("429 rateLimitExceeded", 429, RATE),
    ],
)
def test_over_quota_answers_are_googles(cal, emulator, answer, code, item):
    assert emulator.post("/quotas", {"calendar": 2, "calendar_error": answer}) == {
        "limits": {"calendar": 2, "people_read": 180, "people_write": 90},
        "calendar_error": answer,
    }
    for _ in range(2):
        cal.colors().get().execute()
    error = failure(cal.colors().get())
    assert error.resp.status == code
    assert json.loads(error.content) == rate_error(code, item)
    if code == 429:
        assert 1 <= int(error.resp["retry-after"]) <= 60
    else:
        assert "retry-after" not in error.resp


def test_unknown_calendar_error_is_refused(emulator):
    with pytest.raises(AssertionError, match="400"):
        emulator.post("/quotas", {"calendar_error": "418 teapot"})


def test_retry_after_is_when_the_window_frees_a_call(cal, emulator):
    emulator.post("/quotas", {"calendar": 2, "calendar_error": "429 rateLimitExceeded"})
    cal.colors().get().execute()
    emulator.post("/clock/advance", {"seconds": 20})
    cal.colors().get().execute()
    assert int(failure(cal.colors().get()).resp["retry-after"]) in (39, 40)
    emulator.post("/clock/advance", {"seconds": 40})  # the first call slides out
    assert cal.colors().get().execute()["kind"] == "calendar#colors"
    assert int(failure(cal.colors().get()).resp["retry-after"]) in (19, 20)


def _batch(fake_google, cal, count: int):
    """Run ``count`` inserts in one batch; {request id: (status, body, headers)}."""
    outcome: dict[str, tuple[int, dict, dict]] = {}

    def callback(request_id, response, exception):
        if exception is None:
            outcome[request_id] = (200, response, {})
        else:
            resp = exception.resp
            outcome[request_id] = (resp.status, json.loads(exception.content), dict(resp))

    batch = BatchHttpRequest(
        callback=callback, batch_uri=fake_google.base_url + "/batch/calendar/v3"
    )
    for n in range(count):
        batch.add(cal.events().insert(calendarId="primary", body=body(n)), request_id=str(n))
    batch.execute()  # the batch itself is answered 200 whatever its parts
    return outcome


def test_each_batch_part_counts_and_a_part_fails_alone(cal, fake_google, emulator):
    emulator.post("/quotas", {"calendar": 3, "calendar_error": "429 rateLimitExceeded"})
    emulator.post("/counters/reset")
    outcome = _batch(fake_google, cal, 5)
    assert [outcome[str(n)][0] for n in range(5)] == [200, 200, 200, 429, 429]
    assert [outcome[str(n)][1]["summary"] for n in range(3)] == ["E0", "E1", "E2"]
    for n in (3, 4):
        status, error, headers = outcome[str(n)]
        assert error == rate_error(429, RATE)
        assert 1 <= int(headers["retry-after"]) <= 60
    assert emulator.counters() == {"batch.calendar": 1, "calendar.events.insert": 5}
    log = emulator.get("/requests?method=calendar.events.insert")["requests"]
    assert [(e["status"], e["in_batch"], e["account"]) for e in log] == [(200, True, ALICE)] * 3 + [
        (429, True, ALICE)
    ] * 2
    # the window is full: a call on its own is refused too, and only 3 events exist
    status, _ = error_of(cal.events().list(calendarId="primary"))
    assert status == 429
    emulator.post("/quotas", {"calendar": None})
    assert len(cal.events().list(calendarId="primary").execute()["items"]) == 3


def test_the_batch_envelope_itself_does_not_count(cal, fake_google, emulator):
    emulator.post("/quotas", {"calendar": 3})
    outcome = _batch(fake_google, cal, 3)
    assert [outcome[str(n)][0] for n in range(3)] == [200, 200, 200]


def test_injected_rate_faults_answer_in_the_calendar_shape(cal, emulator):
    emulator.post(
        "/faults", {"match": "calendar.colors.get", "kind": "429", "count": 1, "retry_after": 7}
    )
    error = failure(cal.colors().get())
    assert (error.resp.status, error.resp["retry-after"]) == (429, "7")
    assert json.loads(error.content) == rate_error(429, RATE)

    emulator.post("/faults", {"match": "calendar.colors.get", "kind": "403userRate", "count": 1})
    error = failure(cal.colors().get())
    assert json.loads(error.content) == rate_error(403, USER_RATE)

    emulator.post("/faults", {"match": "calendar.colors.get", "kind": "403quota", "count": 1})
    error = failure(cal.colors().get())
    assert json.loads(error.content) == rate_error(
        403,
        {
            "domain": "usageLimits",
            "reason": "quotaExceeded",
            "message": "Calendar usage limits exceeded.",
        },
    )
    assert cal.colors().get().execute()["kind"] == "calendar#colors"


def test_library_retries_an_injected_429(cal, emulator):
    emulator.post("/faults", {"match": "calendar.colors.get", "kind": "429", "count": 1})
    assert cal.colors().get().execute(num_retries=2)["kind"] == "calendar#colors"
    assert emulator.counters()["calendar.colors.get"] == 2


def test_people_429_says_when_to_retry(people_api, emulator):
    emulator.post("/quotas", {"people_read": 1})
    people = people_api(ALICE)
    people.people().connections().list(resourceName="people/me", personFields="names").execute()
    error = failure(
        people.people().connections().list(resourceName="people/me", personFields="names")
    )
    assert error.resp.status == 429
    assert 1 <= int(error.resp["retry-after"]) <= 60
