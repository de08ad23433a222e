"""The file secrets store under contention: several processes, each with several threads and
a new store object per call (as ``open_secret_store()`` gives), write and delete at once,
and no key is lost nor comes back."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from crmsync.google import secrets

PROCESSES = 4
THREADS = 3
WRITES = 15

# Run with ``python -c``: a fresh interpreter, as a second crmsync would be (and as
# multiprocessing's "spawn" does, the only start method Windows has).
WORKER = textwrap.dedent(
    """
    import os, sys, threading, time
    from pathlib import Path
    from crmsync.google.secrets import FileStore

    path, name, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    threads, writes = int(sys.argv[4]), int(sys.argv[5])
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            sys.exit("never told to start")
        time.sleep(0.002)

    def work(thread):
        for i in range(writes):
            FileStore(path).set(f"{name}-{thread}-{i}", f"value of {name}-{thread}-{i}")
            FileStore(path).delete(f"doomed-{name}-{thread}-{i}")

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    """
)


def _doomed(name: str) -> dict[str, str]:
    return {f"doomed-{name}-{t}-{i}": "x" for t in range(THREADS) for i in range(WRITES)}


def _expected(name: str) -> dict[str, str]:
    return {
        f"{name}-{t}-{i}": f"value of {name}-{t}-{i}" for t in range(THREADS) for i in range(WRITES)
    }


def test_processes_and_threads_writing_at_once_lose_nothing(tmp_path: Path):
    path = tmp_path / "secrets.json"
    go = tmp_path / "go"
    names = [f"p{n}" for n in range(PROCESSES)]
    seeded: dict[str, str] = {"kept": "from before"}
    for name in [*names, "here"]:
        seeded.update(_doomed(name))
    path.write_text(json.dumps(seeded), encoding="utf-8")

    children = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), name, str(go), str(THREADS), str(WRITES)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]

    def work(thread: int) -> None:
        for i in range(WRITES):
            secrets.FileStore(path).set(f"here-{thread}-{i}", f"value of here-{thread}-{i}")
            secrets.FileStore(path).delete(f"doomed-here-{thread}-{i}")

    # This process joins in with its own threads.
    workers = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    time.sleep(0.2)  # let the interpreters start, so that everyone begins together
    go.touch()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert err == ""

    expected = {"kept": "from before"}
    for name in [*names, "here"]:
        expected.update(_expected(name))
    assert json.loads(path.read_text(encoding="utf-8")) == expected
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".secrets")) == []
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_lock_held_elsewhere_makes_the_store_wait_then_say_so(tmp_path: Path):
    import filelock

    path = tmp_path / "secrets.json"
    store = secrets.FileStore(path, lock_timeout=0.2)
    store.set("k", "v")
    holder = filelock.FileLock(store.lock_path)
    with holder:
        started = time.monotonic()
        try:
            store.set("k", "w")
        except secrets.SecretStoreError as exc:
            assert "busy" in str(exc)
        else:  # pragma: no cover - the failure this test looks for
            raise AssertionError("the store wrote while another holder had the lock")
        assert time.monotonic() - started >= 0.2
    assert store.get("k") == "v"
