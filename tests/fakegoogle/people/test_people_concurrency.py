"""Several writers at once, each thread with its own service (httplib2 is not thread-safe)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from googleapiclient.errors import HttpError
from people_helpers import ALICE, version

THREADS = 6
PER_THREAD = 10


def test_concurrent_creates_and_updates_leave_a_consistent_book(people_api, people, emulator):
    emulator.post("/quotas", {"people_write": 1000})  # 120 writes in well under a minute
    services = [people_api(ALICE) for _ in range(THREADS)]
    start = threading.Barrier(THREADS)

    def work(index: int) -> list[str]:
        service = services[index]
        start.wait()
        made = []
        for n in range(PER_THREAD):
            person = (
                service.people()
                .createContact(body={"names": [{"givenName": f"T{index}-{n}"}]})
                .execute()
            )
            updated = (
                service.people()
                .updateContact(
                    resourceName=person["resourceName"],
                    updatePersonFields="biographies",
                    personFields="biographies",
                    body={**version(person), "biographies": [{"value": f"by {index}"}]},
                )
                .execute()
            )
            assert updated["biographies"][0]["value"] == f"by {index}"
            made.append(person["resourceName"])
        return made

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))

    made = [name for names in results for name in names]
    assert len(set(made)) == THREADS * PER_THREAD
    listing = (
        people.people()
        .connections()
        .list(resourceName="people/me", personFields="names,biographies", pageSize=1000)
        .execute()
    )
    assert listing["totalItems"] == THREADS * PER_THREAD
    by_name = {p["resourceName"]: p for p in listing["connections"]}
    assert set(by_name) == set(made)
    for person in by_name.values():
        index = person["names"][0]["givenName"].split("-")[0].removeprefix("T")
        assert person["biographies"][0]["value"] == f"by {index}"
    raw = emulator.get(f"/people/{ALICE}/contacts")["contacts"]
    seqs = [c["seq"] for c in raw]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_racing_updates_with_one_etag_let_exactly_one_through(people_api, people):
    person = people.people().createContact(body={"names": [{"givenName": "Contested"}]}).execute()
    services = [people_api(ALICE) for _ in range(THREADS)]
    start = threading.Barrier(THREADS)

    def attempt(index: int) -> int:
        start.wait()
        try:
            services[index].people().updateContact(
                resourceName=person["resourceName"],
                updatePersonFields="biographies",
                body={**version(person), "biographies": [{"value": f"winner {index}"}]},
            ).execute()
        except HttpError as exc:
            return exc.resp.status
        return 200

    with ThreadPoolExecutor(THREADS) as pool:
        statuses = sorted(pool.map(attempt, range(THREADS)))
    assert statuses == [200] + [400] * (THREADS - 1)
    final = (
        people.people()
        .get(resourceName=person["resourceName"], personFields="biographies")
        .execute()
    )
    assert final["biographies"][0]["value"].startswith("winner ")
