"""A contact sync in a process of its own, for the crash tests to kill (not a test module).

    python contacts_crash_worker.py DATABASE BASE_URL [PAUSE_AT]

runs ``sync_user`` with ``contacts=True`` (agenda off) for alice on the SQLite file
DATABASE against the emulator at BASE_URL, as the command line would. It prints ``ready``,
``mark NAME N`` at each checkpoint and ``done JSON`` at the end; with PAUSE_AT as
``NAME:N`` it stops at that checkpoint, prints ``paused NAME N`` and waits to be killed.

Checkpoints, observed by wrapping what the run calls:

- ``apply``: Google read and the plan made, nothing written;
- ``create_send`` / ``create_sent``: a batch of creates about to go (intents committed) /
  answered by Google, its links not committed;
- ``update_send`` / ``update_sent``: the same for a batch of updates;
- ``photo_send`` / ``photo_sent``: one photo upload about to go / answered, not committed;
- ``comments``: the comments written into the CRM, their transaction not committed.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import Counter
from typing import Any


def main(argv: list[str]) -> int:
    database, base_url = argv[:2]
    pause_name, _, pause_count = (argv[2] if len(argv) > 2 else "").partition(":")
    pause_at = (pause_name, int(pause_count or 1)) if pause_name else None

    from crmsync.crm import db as store
    from crmsync.crm.models import User
    from crmsync.google.endpoints import GoogleEndpoints
    from crmsync.google.session import GoogleSession
    from crmsync.sync.contacts_apply import ContactsRun
    from crmsync.sync.engine import SyncOptions, sync_user
    from crmsync.sync.google_people import PeopleClient

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
            if before:
                checkpoint(before)
            result = original(*args, **kwargs)
            if after:
                checkpoint(after)
            return result

        setattr(owner, attribute, wrapper)

    wrap(ContactsRun, "_apply", "apply", None)
    wrap(PeopleClient, "create_people", "create_send", "create_sent")
    wrap(PeopleClient, "update_people", "update_send", "update_sent")
    wrap(PeopleClient, "update_photo", "photo_send", "photo_sent")
    wrap(ContactsRun, "_write_comments", None, "comments")

    store.open_database(database, create=False)
    user = User.get(User.login == "alice")
    print("ready", flush=True)
    options = SyncOptions(agenda=False, contacts=True)
    with GoogleSession(user, endpoints=GoogleEndpoints.for_base_url(base_url)) as session:
        summary = sync_user(user, options, session=session, sleep=lambda seconds: None)
    store.close_database()
    print("done " + json.dumps(summary.as_dict()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
