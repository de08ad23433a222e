"""Keep the window responsive while a sync runs on a worker thread.

A sync is Python code on a worker thread, and the GUI thread needs Python's global lock to
run any slot. Two things let a worker keep that lock long enough to freeze the window:

* **full garbage collections.** A 2500-action sync holds hundreds of thousands of objects;
  CPython's collector, triggered by the worker's allocations, walks all of them in one go
  with the lock held — 80 to 220 ms each, three times in such a run (measured with
  ``benchmarks/gui_responsiveness.py``). While syncs run, the oldest generation is not
  collected automatically; the younger ones still are, and everything a run leaves behind
  is collected when the last run ends, when the heap is small again.
* **the switch interval.** A thread waiting for the lock gets it after at most this long
  (5 ms by default); a GUI event that calls Python several times waits that long each time.
  While syncs run it is 1 ms.

Once, the objects alive are moved out of the collector's sight (``gc.freeze``, after a
collection): the app's own (modules, widgets, API descriptions), alive as long as it is;
walking them again at every full collection is what made those collections long.

:class:`SyncResponsiveness` counts the runs under way (nested holds are fine) and puts both
settings back after the last one.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, QTimer

from crmsync.gui.context import AppContext

#: The oldest generation's threshold while syncs run: never reached in practice.
NO_FULL_COLLECTION = 1_000_000
SWITCH_INTERVAL = 0.001
#: How long after the last sync ends the leftovers are collected.
COLLECT_AFTER_MS = 5000


_settled = False


def settle_startup_objects() -> None:
    """Collect once, then keep what is alive out of later collections (once a process).

    What lives when the app is up (modules, widgets, API descriptions) lives as long as it;
    later full collections then walk only newer objects. Collected first, so no garbage is
    kept. Best called once the main window is built; the first guard calls it otherwise.
    """
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


class SyncResponsiveness(QObject):
    """Process-wide collector and switch settings for as long as any sync runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        settle_startup_objects()
        self._holds = 0
        self._saved_threshold: tuple[int, int, int] | None = None
        self._saved_interval: float | None = None

    @property
    def holding(self) -> bool:
        return self._holds > 0

    def hold(self) -> None:
        if self._holds == 0:
            first, second, _third = gc.get_threshold()
            self._saved_threshold = gc.get_threshold()
            self._saved_interval = sys.getswitchinterval()
            gc.set_threshold(first, second, NO_FULL_COLLECTION)
            sys.setswitchinterval(min(self._saved_interval, SWITCH_INTERVAL))
        self._holds += 1

    def release(self) -> None:
        if self._holds == 0:
            return
        self._holds -= 1
        if self._holds:
            return
        if self._saved_threshold is not None:
            gc.set_threshold(*self._saved_threshold)
        if self._saved_interval is not None:
            sys.setswitchinterval(self._saved_interval)
        # Once the run's objects are gone, a collection of what is left — a little later, and
        # only if no sync started meanwhile (the wizard's preview ends just before its run
        # starts: collecting between them stalled the window as the run began).
        QTimer.singleShot(COLLECT_AFTER_MS, self._collect_if_idle)

    def _collect_if_idle(self) -> None:
        if self._holds == 0:
            gc.collect()

    def watch_syncs(self, context: AppContext) -> None:
        """Hold while any sync of ``context.syncs`` runs (whoever started it)."""
        running: set[int] = set()

        def started(user_id: int, _reason: str) -> None:
            if user_id not in running:
                running.add(user_id)
                self.hold()

        def ended(user_id: int, *_rest: object) -> None:
            if user_id in running:
                running.discard(user_id)
                self.release()

        context.syncs.started.connect(started)
        context.syncs.finished.connect(ended)
        context.syncs.failed.connect(ended)
        for user_id in context.syncs.running():
            started(user_id, "")


def sync_responsiveness(context: AppContext) -> SyncResponsiveness:
    """The context's guard, made (and set to watch its syncs) on first use."""
    found = context.findChild(SyncResponsiveness)
    if found is None:
        found = SyncResponsiveness(context)
        found.watch_syncs(context)
    return found
