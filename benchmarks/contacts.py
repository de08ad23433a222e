"""Contact sync at scale: a first sync of 2000 contacts, a no-op sync, 100 edits on each side.

Runs the real engine (``sync_user`` with ``contacts=True``) against the Google emulator (in
a child process, so its CPU and memory are not the client's) with a per-request latency and
Google's per-user People quotas, next to a naive baseline in the same process: the real
googleapiclient, one ``createContact`` per contact, one ``get`` + ``updateContact`` per
edit, no batch and no sync token.

    uv run python benchmarks/contacts.py [--contacts 2000] [--latency-ms 50]
                                         [--reads 180] [--writes 90] [--photos 20]
                                         [--baseline-contacts 200] [--skip-baseline]

For each phase it prints the HTTP requests the emulator saw next to the least the job needs,
the wall time next to its physical floor, the 429 answers, and peak Python memory
(tracemalloc, from a second run of the same phases with no latency).

* Least requests: a first sync lists the account once (one page per 1000 people), finds the
  label (one ``contactGroups.list``) and creates it (one ``contactGroups.create``), then one
  ``batchCreateContacts`` per 200 contacts and one ``updateContactPhoto`` per photo. The sync
  after it reads its own creates back (one page per 1000); a no-op sync is one
  ``connections.list``. The edits: one listing, one ``getBatchGet`` of the people
  edited in the CRM, one ``batchUpdateContacts`` per 200 edited people.
* Floor: mutations are sequential (Google asks it), so every request waits its round trip:
  floor = max(requests x latency, writes-bound, reads-bound), where a quota of Q per minute
  over a sliding minute admits Q at once and the next Q 60 s later.
* The baseline runs on its own account (so its quota is its own) and on fewer contacts
  (``--baseline-contacts``), printed per contact next to the engine's per-contact figures.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agenda import ALICE, BOB, Admin, Emulator, connect_user  # noqa: E402

EDITS = 100


@dataclass
class Least:
    requests: int
    writes: int
    reads: int

    def floor(self, latency_s: float, reads_q: int, writes_q: int) -> float:
        def bound(units: int, quota: int) -> float:
            return 60.0 * ((units - 1) // quota) if units else 0.0

        return max(
            self.requests * latency_s, bound(self.writes, writes_q), bound(self.reads, reads_q)
        )


@dataclass
class Phase:
    name: str
    least: Least
    requests: int
    refused: int
    seconds: float
    peak_mib: float = 0.0
    note: str = ""


def traffic(admin: Admin) -> tuple[int, int]:
    requests = refused = 0
    for entry in admin.call("GET", "/requests")["requests"]:
        if entry["method"].startswith(("oauth2.", "emulator.")):
            continue
        if not entry["in_batch"]:
            requests += 1
        if entry["status"] in (403, 429):
            refused += 1
    return requests, refused


def timed(admin: Admin, name: str, least: Least, work: Callable[[], str], traced: bool) -> Phase:
    admin.call("POST", "/counters/reset")
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    note = work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0.0
    if traced:
        tracemalloc.stop()
    requests, refused = traffic(admin)
    return Phase(name, least, requests, refused, seconds, peak, note)


def picture(seed: int) -> bytes:
    from PIL import Image

    rng = random.Random(seed)
    image = Image.new("RGB", (1200, 900), (rng.randrange(256), rng.randrange(256), 90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def make_contacts(user: Any, count: int, photos: int) -> list[int]:
    from crmsync.crm import db as store
    from crmsync.crm.models import Company, Contact, ContactToSync

    ids = []
    with store.atomic():
        company = Company.create(code="BENCH", name="Clinique du Banc d'Essai")
        for i in range(count):
            contact = Contact.create(
                company=company,
                first_name=f"Prénom{i}",
                last_name=f"Nom{i:05d}",
                function="Vétérinaire",
                email=f"contact{i}@example.com",
                phone=f"+33 1 00 00 {i // 100:02d} {i % 100:02d}",
                mobile=f"+33 6 00 00 {i // 100:02d} {i % 100:02d}",
                address1=f"{i} rue des Essais",
                postal_code="69003",
                city="Lyon",
                country="France",
                comment=f"Client n° {i}",
            )
            if i < photos:
                contact.set_photo(picture(i))
                contact.save()
            ContactToSync.create(user=user, contact=contact)
            ids.append(contact.id)
    return ids


def people_service(admin: Admin, base_url: str, email: str) -> Any:
    from google.oauth2.credentials import Credentials
    from googleapiclient.discovery import build

    token = admin.call("POST", "/tokens", {"email": email})["access_token"]
    return build(
        "people",
        "v1",
        credentials=Credentials(token=token),
        static_discovery=True,
        client_options={"api_endpoint": base_url + "/"},
    )


def engine_phases(
    args: argparse.Namespace, admin: Admin, base_url: str, traced: bool
) -> list[Phase]:
    from crmsync.crm.models import Contact
    from crmsync.google.endpoints import GoogleEndpoints
    from crmsync.google.session import GoogleSession
    from crmsync.sync.contact_fields import version
    from crmsync.sync.engine import SyncOptions, sync_user
    from crmsync.sync.state import SyncLink

    folder = Path(tempfile.mkdtemp(prefix="crmsync-contacts-bench-"))
    user = connect_user(folder, admin, base_url)
    ids = make_contacts(user, args.contacts, args.photos)
    options = SyncOptions(
        agenda=False,
        contacts=True,
        people_reads_per_minute=args.reads,
        people_writes_per_minute=args.writes,
    )

    def sync() -> Any:
        with GoogleSession(user, endpoints=GoogleEndpoints.for_base_url(base_url)) as session:
            summary = sync_user(user, options, session=session)
        if summary.errors:
            raise SystemExit(f"the engine failed: {summary.errors}")
        return summary

    n, p = args.contacts, args.photos
    creates = math.ceil(n / 200)
    first = Least(requests=3 + creates + p, writes=1 + creates + p, reads=2)
    phases = [
        timed(
            admin,
            f"first sync of {n} contacts ({p} photos)",
            first,
            lambda: f"created {sync().created['google']}",
            traced,
        ),
        # The listing before the creates is the token's start: the next sync reads the
        # creates back, one page per 1000 people (Google's largest page).
        timed(
            admin,
            "next sync (reads its creates back)",
            Least(math.ceil(n / 1000), 0, math.ceil(n / 1000)),
            lambda: f"requests {sync().requests}",
            traced,
        ),
        timed(admin, "no-op sync", Least(1, 0, 1), lambda: f"requests {sync().requests}", traced),
    ]
    # 100 edits in the CRM, 100 other contacts' comments written on the phone
    crm_edited, phone_edited = ids[:EDITS], ids[EDITS : 2 * EDITS]
    for contact in Contact.select().where(Contact.id.in_(crm_edited)):
        contact.city = "Villeurbanne"
        contact.save()
    # the phone's edits are not measured: lift the quota for them, then let the minute pass
    admin.call("POST", "/quotas", {"people_read": 100_000, "people_write": 100_000})
    phone = people_service(admin, base_url, ALICE)
    names = {
        link.crm_id: link.google_id
        for link in SyncLink.select().where(SyncLink.crm_id.in_(phone_edited))
    }
    for contact_id in phone_edited:
        person = phone.people().get(
            resourceName=names[contact_id], personFields="biographies,metadata"
        )
        person = person.execute()
        phone.people().updateContact(
            resourceName=names[contact_id],
            updatePersonFields="biographies",
            body={**version(person), "biographies": [{"value": f"noté {contact_id}"}]},
        ).execute()
    phone.close()
    admin.call("POST", "/quotas", {"people_read": args.reads, "people_write": args.writes})
    time.sleep(62)  # the phone's writes leave the quota's minute (the engine's limiter too)

    def edits() -> str:
        summary = sync()
        pulled = (
            Contact.select()
            .where(Contact.id.in_(phone_edited), Contact.comment.startswith("noté"))
            .count()
        )
        return f"Google ~{summary.updated['google']}, CRM ~{summary.updated['crm']} ({pulled} comments in)"

    phases.append(timed(admin, "100 edits on each side", Least(3, 1, 2), edits, traced))
    from crmsync.crm import db as store

    store.close_database()
    return phases


def baseline_phases(
    args: argparse.Namespace, admin: Admin, base_url: str, traced: bool
) -> list[Phase]:
    """One createContact per contact; a no-op re-reads everything; an edit is get + update."""
    from crmsync.sync.contact_fields import version
    from crmsync.sync.engine import quota_limiter

    n = args.baseline_contacts
    writes, reads = quota_limiter(args.writes), quota_limiter(args.reads)
    service = people_service(admin, base_url, BOB)
    people = service.people()
    bodies = [
        {
            "names": [{"unstructuredName": f"Prénom{i} Nom{i:05d}"}],
            "emailAddresses": [{"value": f"contact{i}@example.com", "type": "work"}],
            "biographies": [{"value": f"Client n° {i}"}],
        }
        for i in range(n)
    ]
    made: list[str] = []

    def create_all() -> str:
        for body in bodies:
            writes.acquire(1)
            made.append(people.createContact(body=body).execute()["resourceName"])
        return f"created {len(made)}"

    def read_all() -> str:
        seen, token = 0, None
        while True:
            page = (
                people.connections()
                .list(
                    resourceName="people/me",
                    personFields="names,biographies",
                    pageSize=1000,
                    pageToken=token,
                )
                .execute()
            )
            seen += len(page.get("connections", []))
            token = page.get("nextPageToken")
            if not token:
                return f"read {seen}"

    def edit_some() -> str:
        for name in made[: min(EDITS, n)]:
            reads.acquire(1)
            person = people.get(resourceName=name, personFields="addresses,metadata").execute()
            update = people.updateContact(
                resourceName=name,
                updatePersonFields="addresses",
                body={**version(person), "addresses": [{"city": "Villeurbanne"}]},
            )
            writes.acquire(1)
            update.execute()
        return f"edited {min(EDITS, n)}"

    phases = [
        timed(admin, f"baseline: first sync of {n}", Least(n, n, 0), create_all, traced),
        timed(admin, "baseline: no-op (full read)", Least(1, 0, 1), read_all, traced),
        timed(
            admin,
            f"baseline: {min(EDITS, n)} edits",
            Least(2 * min(EDITS, n), min(EDITS, n), min(EDITS, n)),
            edit_some,
            traced,
        ),
    ]
    service.close()
    return phases


def run(args: argparse.Namespace, traced: bool) -> list[Phase]:
    emulator = Emulator(quota=600)
    try:
        admin = Admin(emulator.base_url)
        admin.call("POST", "/quotas", {"people_read": args.reads, "people_write": args.writes})
        admin.latency(0 if traced else args.latency_ms)
        phases = engine_phases(args, admin, emulator.base_url, traced)
        if not args.skip_baseline:
            phases += baseline_phases(args, admin, emulator.base_url, traced)
        return phases
    finally:
        emulator.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--reads", type=int, default=180, help="People reads per minute")
    parser.add_argument("--writes", type=int, default=90, help="People writes per minute")
    parser.add_argument("--baseline-contacts", type=int, default=100)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    if not args.skip_baseline and args.baseline_contacts > args.writes:
        print(
            f"note: the baseline's {args.baseline_contacts} creates exceed {args.writes} "
            "writes per minute: it waits for Google's quota (that is the point)."
        )
    timed_run = run(args, traced=False)
    memory_run = run(args, traced=True)
    latency = args.latency_ms / 1000
    print(
        f"\nemulator latency {args.latency_ms} ms per request; People quotas "
        f"{args.reads} reads / {args.writes} writes per minute\n"
    )
    head = f"{'phase':42} {'requests':>14} {'429':>4} {'seconds':>16} {'peak MiB':>9}  note"
    print(head)
    print("-" * len(head))
    for phase, traced in zip(timed_run, memory_run, strict=True):
        floor = phase.least.floor(latency, args.reads, args.writes)
        print(
            f"{phase.name:42} {phase.requests:>6} / {phase.least.requests:<6}"
            f"{phase.refused:>4} {phase.seconds:>7.2f} / {floor:<7.2f}"
            f"{traced.peak_mib:>9.1f}  {phase.note}"
        )
    print("\n(requests: seen by the emulator / least the job needs; seconds: wall / floor)")
    if not args.skip_baseline:
        engine_first, base_first = timed_run[0], timed_run[4]
        per_engine = engine_first.seconds / max(1, args.contacts)
        per_base = base_first.seconds / max(1, args.baseline_contacts)
        print(
            f"per contact, first sync: engine {per_engine * 1000:.1f} ms and "
            f"{engine_first.requests / args.contacts:.3f} requests; baseline "
            f"{per_base * 1000:.1f} ms and {base_first.requests / args.baseline_contacts:.3f} "
            "requests"
        )


if __name__ == "__main__":
    main()
