"""The collector and switch settings held while syncs run are put back after the last one."""

from __future__ import annotations

import gc
import sys

from crmsync.gui.gc_guard import NO_FULL_COLLECTION, SyncResponsiveness


def test_settings_are_held_while_runs_are_under_way_and_restored_after(qtbot):
    before_threshold, before_interval = gc.get_threshold(), sys.getswitchinterval()
    guard = SyncResponsiveness()
    guard.hold()
    guard.hold()  # a second run
    assert gc.get_threshold()[2] == NO_FULL_COLLECTION
    assert sys.getswitchinterval() <= 0.001
    guard.release()
    assert guard.holding and gc.get_threshold()[2] == NO_FULL_COLLECTION  # one still runs
    guard.release()
    assert not guard.holding
    assert gc.get_threshold() == before_threshold
    assert sys.getswitchinterval() == before_interval
    guard.release()  # one release too many changes nothing
    assert gc.get_threshold() == before_threshold


def test_the_collection_after_a_run_waits_and_is_skipped_if_another_run_started(qtbot, monkeypatch):
    """The wizard's preview ends just before its run begins: collecting in between would
    stall the window as the run starts."""
    import crmsync.gui.gc_guard as guard_module

    collections: list[int] = []
    monkeypatch.setattr(guard_module, "COLLECT_AFTER_MS", 50)
    monkeypatch.setattr(guard_module.gc, "collect", lambda *a: collections.append(1) or 0)
    guard = SyncResponsiveness()
    guard.hold()
    guard.release()  # the preview ends…
    guard.hold()  # …and the run starts at once
    qtbot.wait(150)
    assert collections == []
    guard.release()
    assert collections == []  # not right away
    qtbot.waitUntil(lambda: collections == [1], timeout=2000)
