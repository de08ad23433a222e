"""Per-user People quotas (separate read and write buckets) through the real client."""

from __future__ import annotations

from googleapiclient.http import BatchHttpRequest
from people_helpers import error_of


def _rate_limited(metric: str) -> dict:
    limit = f"{metric} per minute per user"
    return {
        "error": {
            "code": 429,
            "message": f"Quota exceeded for quota metric '{metric}' and limit '{limit}' of "
            "service 'people.googleapis.com' for consumer 'project_number:000000000000'.",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "RATE_LIMIT_EXCEEDED",
                    "domain": "googleapis.com",
                    "metadata": {
                        "quota_metric": "people.googleapis.com/" + metric.lower().replace(" ", "_"),
                        "quota_limit": limit,
                        "service": "people.googleapis.com",
                        "consumer": "projects/000000000000",
                    },
                }
            ],
        }
    }


def _create(people, name: str):
    return people.people().createContact(body={"names": [{"givenName": name}]})


def test_sixth_write_in_a_minute_is_429_until_the_window_moves(people, emulator):
    emulator.post("/quotas", {"people_write": 5})
    for i in range(5):
        _create(people, f"P{i}").execute()
    status, body = error_of(_create(people, "P5"))
    assert (status, body) == (429, _rate_limited("Critical write requests"))
    # Reads have their own bucket.
    listing = (
        people.people().connections().list(resourceName="people/me", personFields="names").execute()
    )
    assert listing["totalItems"] == 5
    emulator.post("/clock/advance", {"seconds": 61})
    assert _create(people, "P5").execute()["names"][0]["givenName"] == "P5"


def test_sixth_read_in_a_minute_is_429(people, emulator):
    emulator.post("/quotas", {"people_read": 5})
    me = people.people().get(resourceName="people/me", personFields="names")
    for _ in range(5):
        me.execute()
    status, body = error_of(me)
    assert (status, body) == (429, _rate_limited("Read requests"))
    _create(people, "writes still pass").execute()
    emulator.post("/clock/advance", {"seconds": 61})
    assert me.execute()["names"][0]["displayName"] == "alice"


def test_quota_is_per_user(people, people_api, emulator):
    emulator.post("/quotas", {"people_write": 1})
    _create(people, "A").execute()
    status, _ = error_of(_create(people, "B"))
    assert status == 429
    bob = people_api("bob@example.com")
    assert _create(bob, "B").execute()["resourceName"]


def test_each_batch_part_counts_against_the_quota(people, fake_google, emulator):
    emulator.post("/quotas", {"people_write": 5})
    outcomes: list[int] = []

    def collect(request_id, response, exception):
        outcomes.append(exception.resp.status if exception else 200)

    batch = BatchHttpRequest(callback=collect, batch_uri=fake_google.base_url + "/batch")
    for i in range(6):
        batch.add(_create(people, f"P{i}"))
    batch.execute()
    assert outcomes == [200, 200, 200, 200, 200, 429]
