"""Holds users' sync locks in a process of its own, for the tests (not a test module).

    python lock_holder.py DATABASE LOGIN [LOGIN…]

takes ``user_lock`` of each user on the SQLite file DATABASE, prints ``held`` (flushed),
and keeps them until its standard input is closed; then it lets them go and prints
``released``.
"""

from __future__ import annotations

import contextlib
import sys


def main(argv: list[str]) -> int:
    database, logins = argv[0], argv[1:]

    from crmsync.crm import db as store
    from crmsync.crm.models import User
    from crmsync.sync.engine import user_lock

    store.open_database(database, create=False)
    with contextlib.ExitStack() as locks:
        for login in logins:
            locks.enter_context(user_lock(User.get(User.login == login)))
        print("held", flush=True)
        sys.stdin.read()  # until the test closes it
    print("released", flush=True)
    store.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
