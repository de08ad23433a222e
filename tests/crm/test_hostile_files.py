"""Files built to hurt the importers: each one imports in bounded time and memory, or is
refused with the project's own error, and nothing of it is stored."""

from __future__ import annotations

import time

from crmsync.crm.interchange import logical_lines


def _timed(function, *args):  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - began


# --- folding --------------------------------------------------------------------------------


def test_unfolding_takes_time_in_proportion_to_the_file():
    folds = 100_000
    chunk = b"y" * 74
    folded = b"BEGIN:VCARD\r\nNOTE:x\r\n" + b"".join(b" " + chunk + b"\r\n" for _ in range(folds))
    flat = b"BEGIN:VCARD\r\n" + b"".join(b"NOTE:" + chunk + b"\r\n" for _ in range(folds))
    (_, note), folded_seconds = _timed(logical_lines, folded)
    assert note.text == "NOTE:x" + "y" * 74 * folds
    # One line folded 100,000 times against 100,000 lines of the same size: both linear,
    # so of the same order (joining the folds one by one took minutes).
    _, flat_seconds = _timed(logical_lines, flat)
    assert folded_seconds < 10 * flat_seconds + 1.0
