"""The Qt binding the app ships with keeps Python's reference counts right.

PySide6 6.12.0 dropped a reference to ``None`` on every Qt call that returns nothing; on
Python 3.11 the interpreter then aborts ("none_dealloc") after a few minutes of use. The
project pins a release without that fault; this test fails on one that has it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer


def test_qt_calls_returning_nothing_keep_none_alive(qapp):
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(5000):
        timer.setInterval(5)
    assert sys.getrefcount(None) - before > -100


def test_signals_delivered_to_python_slots_keep_true_alive(qapp):
    """6.12.0 also dropped a reference to ``True`` on every emission to a Python slot."""
    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        fired = Signal(bool)

    source = Source()
    seen: list[bool] = []
    source.fired.connect(seen.append)
    before = sys.getrefcount(True)
    for _ in range(5000):
        source.fired.emit(True)
    seen.clear()
    assert sys.getrefcount(True) - before > -100
