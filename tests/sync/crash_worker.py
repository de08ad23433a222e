"""A sync run in a process of its own, for the crash tests to kill (not a test module).

    python crash_worker.py DATABASE BASE_URL NOW [PAUSE_AT]

runs ``sync_user`` for alice on the SQLite file DATABASE against the emulator at BASE_URL,
with the run's clock at NOW (ISO 8601) and ``deletions="apply"``, as the command line would.
The secrets store is the one the environment names (``CRMSYNC_SECRET_STORE=file`` and
``CRMSYNC_SECRET_FILE``).

It prints, one per line and flushed: ``ready`` once the database is open, ``mark NAME N``
each time the run reaches a checkpoint (the N-th time it reaches NAME), and ``done JSON``
with the run's summary at the end. With PAUSE_AT given as ``NAME:N`` the run stops at that
checkpoint, prints ``paused NAME N`` and waits there to be killed.

The checkpoints are observed from outside the engine, by wrapping the functions it calls:

- ``planned``: both sides' changes read and the plan made, nothing applied yet;
- ``send``: a batch of Google writes about to go (its intents are committed);
- ``sent``: a batch of Google writes answered, its results not yet committed;
- ``crm_create``: one action created from a Google event, inside the CRM transaction;
- ``crm_commit``: every CRM write of the run made, their transaction not yet committed;
- ``cursors``: the last transaction begun (dirty marks cleared), cursors not yet moved.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
import time
from collections import Counter
from typing import Any


def main(argv: list[str]) -> int:
    database, base_url, now_text = argv[:3]
    pause_name, _, pause_count = (argv[3] if len(argv) > 3 else "").partition(":")
    pause_at = (pause_name, int(pause_count or 1)) if pause_name else None

    from crmsync.crm import db as store
    from crmsync.crm.models import User
    from crmsync.google.calendar_api import CalendarClient
    from crmsync.google.endpoints import GoogleEndpoints
    from crmsync.google.session import GoogleSession
    from crmsync.sync import agenda_apply, crm_side, journal
    from crmsync.sync.engine import SyncOptions, sync_user

    reached: Counter[str] = Counter()

    lock = threading.Lock()

    def checkpoint(name: str) -> None:
        # Batches in flight reach checkpoints from several threads: count and print under
        # a lock, so each count is seen once and lines never mix.
        with lock:
            reached[name] += 1
            count = reached[name]
            print(f"mark {name} {count}", flush=True)
            pause = pause_at == (name, count)
            if pause:
                print(f"paused {name} {count}", flush=True)
        if pause:
            time.sleep(3600)  # until killed

    def wrap(owner: Any, attribute: str, before: str | None, after: str | None) -> None:
        original = getattr(owner, attribute)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            writes = attribute != "run" or any(c.method != "get" for c in args[1])
            if before and writes:
                checkpoint(before)
            result = original(*args, **kwargs)
            if after and writes:
                checkpoint(after)
            return result

        setattr(owner, attribute, wrapper)

    wrap(agenda_apply.AgendaRun, "_plan", None, "planned")
    wrap(CalendarClient, "run", "send", "sent")
    wrap(crm_side, "create_action", None, "crm_create")
    wrap(journal, "mark_own_writes", None, "crm_commit")
    wrap(journal, "clear_dirty", None, "cursors")

    store.open_database(database, create=False)
    user = User.get(User.login == "alice")
    print("ready", flush=True)
    options = SyncOptions(now=dt.datetime.fromisoformat(now_text), deletions="apply")
    endpoints = GoogleEndpoints.for_base_url(base_url)
    with GoogleSession(user, endpoints=endpoints) as session:
        summary = sync_user(user, options, session=session, sleep=lambda seconds: None)
    store.close_database()
    print("done " + json.dumps(summary.as_dict()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
