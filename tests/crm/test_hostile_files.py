"""Files built to hurt the importers: each one imports in bounded time and memory, or is
refused with the project's own error, and nothing of it is stored."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from crmsync.crm.db import close_database, open_database
from crmsync.crm.icalendar import import_calendar
from crmsync.crm.interchange import InterchangeError, logical_lines
from crmsync.crm.models import Action, Contact, User
from crmsync.crm.vcard import import_vcards

TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "crm.sqlite")
    yield database
    close_database()


@pytest.fixture
def marie(db):
    return User.create(login="marie", name="Marie Dupont", time_zone="Europe/Paris")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


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


# --- nesting --------------------------------------------------------------------------------


def test_deep_nesting_is_refused_as_malformed_and_stores_nothing(marie, tmp_path):
    depth = 5_000  # far past the recursion limit (1000)
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + b"BEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:20250301T100000Z\r\n" * depth
        + b"END:VEVENT\r\n" * depth
        + b"END:VCALENDAR\r\n"
    )
    with pytest.raises(InterchangeError) as caught:
        import_calendar(write(tmp_path, "deep.ics", data), marie, today=TODAY)
    message = str(caught.value)
    assert message.startswith("deep.ics, line 24 (event 1 « x »): BEGIN:VEVENT opens")
    assert "malformed" in message
    assert Action.select().count() == 0


def test_nested_cards_are_refused(db, tmp_path):
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n" * 5_000 + b"END:VCARD\r\n" * 5_000
    with pytest.raises(InterchangeError, match="the card before has no END:VCARD"):
        import_vcards(write(tmp_path, "deep.vcf", data))
    assert Contact.select().count() == 0
