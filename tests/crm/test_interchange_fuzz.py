"""Random bytes and mutations of the real fixtures, fed to the vCard and iCalendar imports.

Whatever comes in, an import either succeeds or raises :class:`InterchangeError`, and in
that case stores nothing: no other exception, no warning (they are errors under test), no
log record from a library.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmsync.crm.db import close_database, open_database
from crmsync.crm.icalendar import import_calendar
from crmsync.crm.interchange import InterchangeError
from crmsync.crm.models import Action, Company, Contact, Series, User
from crmsync.crm.vcard import import_vcards

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2025, 3, 1)

#: Bits of both formats that a mutation may put anywhere.
TOKENS = [
    b"\r\n",
    b"\n",
    b"\r\n ",
    b"\r\n\t",
    b"=\r\n",
    b":",
    b";",
    b",",
    b"=",
    b"\\",
    b'"',
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"BEGIN:VEVENT\r\n",
    b"END:VEVENT\r\n",
    b"BEGIN:VALARM\r\n",
    b"END:VALARM\r\n",
    b"BEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\n",
    b"END:STANDARD\r\nEND:VTIMEZONE\r\n",
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"BEGIN:VCALENDAR\r\n",
    b"END:VCALENDAR\r\n",
    b"RRULE:FREQ=DAILY;BYSETPOS=3;COUNT=40\r\n",
    b"RRULE:FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2\r\n",
    b"RRULE:FREQ=WEEKLY;UNTIL=20250401\r\n",
    b"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n",
    b"EXDATE:20250310T090000Z\r\n",
    b"RECURRENCE-ID:20250310T090000Z\r\n",
    b"DTSTART;VALUE=DATE:20250301\r\n",
    b"DTSTART;TZID=Nowhere/Land:20250301T100000\r\n",
    b"DTEND:20250301T080000Z\r\n",
    b"DURATION:P9999W\r\n",
    b"TRIGGER;RELATED=END:-PT15M\r\n",
    b"TZID=Europe/Paris",
    b"VALUE=DATE",
    b"99991231T235959Z",
    b"00010101",
    b"STATUS:CANCELLED\r\n",
    b"PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ\r\n",
    b"PHOTO;VALUE=URI:data:image/gif;base64,R0lGODlhAQABAAAAACw=\r\n",
    b"ENCODING=QUOTED-PRINTABLE:",
    b"CHARSET=utf-16:",
    b"CHARSET=nonsense:",
    b"N:;;;;\r\n",
    b"ORG:\r\n",
    b"TEL;TYPE=CELL:tel:+33%\r\n",
    b"VERSION:2.1\r\n",
    b"VERSION:4.0\r\n",
]

FIXTURE_FILES = {
    suffix: [path.read_bytes() for path in sorted(FIXTURES.glob(f"*.{suffix}"))]
    for suffix in ("vcf", "ics")
}


@st.composite
def mutated(draw: st.DrawFn, suffix: str) -> bytes:
    """One of the fixtures of that kind, changed in a few places."""
    data = bytearray(draw(st.sampled_from(FIXTURE_FILES[suffix])))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "delete", "insert", "copy", "cut"]))
        if action == "flip" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[where : where + draw(st.integers(1, 40))]
        elif action == "insert":
            data[where:where] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        elif action == "copy":
            data[where:where] = data[where : where + draw(st.integers(1, 400))]
        elif action == "cut":
            del data[where:]
    return bytes(data)


def _anything(suffix: str) -> st.SearchStrategy[bytes]:
    head = b"BEGIN:VCALENDAR\r\n" if suffix == "ics" else b"BEGIN:VCARD\r\n"
    return st.one_of(
        mutated(suffix),
        st.binary(max_size=600),
        st.binary(max_size=600).map(lambda body: head + body),
    )


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def store(tmp_path):
    open_database(tmp_path / "crm.sqlite")
    User.create(login="marie", time_zone="Europe/Paris")
    handler = _Records()
    logging.getLogger().addHandler(handler)
    yield tmp_path, handler
    logging.getLogger().removeHandler(handler)
    close_database()


def _counts() -> tuple[int, ...]:
    return tuple(model.select().count() for model in (Action, Series, Contact, Company))


def _import(store, suffix: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    folder, handler = store
    path = folder / f"fuzz.{suffix}"
    path.write_bytes(data)
    before = _counts()
    try:
        if suffix == "vcf":
            import_vcards(path)
        else:
            import_calendar(path, User.get(User.login == "marie"), today=TODAY)
    except InterchangeError as exc:
        assert str(exc)
        assert _counts() == before  # nothing half imported
    assert [record.getMessage() for record in handler.records] == []


# The database is shared by the examples on purpose: each one checks its own changes.
_FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@_FUZZ
@given(data=_anything("vcf"))
def test_the_vcard_import_succeeds_or_refuses_cleanly(store, data):
    _import(store, "vcf", data)


@_FUZZ
@given(data=_anything("ics"))
def test_the_icalendar_import_succeeds_or_refuses_cleanly(store, data):
    _import(store, "ics", data)
