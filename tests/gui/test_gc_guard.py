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
