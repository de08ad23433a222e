"""Time and memory of filling a CRM with the issue's sample size, against a baseline.

Run: ``uv run python benchmarks/demo_data.py``. The measured job is 3 users × 2500 actions
and 2000 contacts with photos; the baseline, in the same process, is the same run without
photos, so the cost of the photos shows on its own. No request goes to Google here: the
requests column counts SQL statements sent to SQLite.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

import peewee

from crmsync.crm import db as store
from crmsync.crm.sample import generate_sample


class CountingStatements:
    """Counts the statements peewee executes while it is installed."""

    def __init__(self) -> None:
        self.count = 0
        self._original = peewee.Database.execute_sql

    def __enter__(self) -> CountingStatements:
        original = self._original

        def counted(database, sql, params=None, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.count += 1
            return original(database, sql, params, *args, **kwargs)

        peewee.Database.execute_sql = counted  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        peewee.Database.execute_sql = self._original  # type: ignore[method-assign]


def run(folder: Path, name: str, photos: bool, traced: bool) -> tuple[float, int, int, int]:
    path = folder / f"{name}-{int(traced)}.sqlite"
    store.open_database(path)
    try:
        if traced:
            tracemalloc.start()
        with CountingStatements() as statements:
            began = time.perf_counter()
            generate_sample(users=3, actions_per_user=2500, contacts=2000, photos=photos, seed=1)
            seconds = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        if traced:
            tracemalloc.stop()
    finally:
        store.close_database()
    return seconds, statements.count, peak, path.stat().st_size


def main() -> None:
    print(f"{'job':<44}{'SQL statements':>16}{'seconds':>10}{'peak MiB':>10}{'file MiB':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for name, photos in (
            ("baseline: no photos", False),
            ("3 × 2500 actions, 2000 contacts + photos", True),
        ):
            # time without tracemalloc (it slows Python down), memory from a second, traced run
            seconds, statements, _, size = run(Path(folder), name[:8], photos, traced=False)
            _, _, peak, _ = run(Path(folder), name[:8], photos, traced=True)
            print(
                f"{name:<44}{statements:>16}{seconds:>10.2f}"
                f"{peak / 2**20:>10.1f}{size / 2**20:>10.1f}"
            )


if __name__ == "__main__":
    main()
