"""Files built to hurt the importers: each one imports in bounded time and memory, or is
refused with the project's own error, and nothing of it is stored."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import io
import struct
import time
import warnings
import zlib
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image
from vobject.base import line_re as vobject_line_pattern

from crmsync.cli import main
from crmsync.crm import photos
from crmsync.crm.db import close_database, open_database
from crmsync.crm.icalendar import MAX_OCCURRENCES, import_calendar
from crmsync.crm.interchange import (
    InterchangeError,
    LogicalLine,
    logical_lines,
    parse_property,
)
from crmsync.crm.models import Action, Contact, User
from crmsync.crm.photos import MAX_PIXELS as MAX_PHOTO_PIXELS
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


@contextlib.contextmanager
def _limit(seconds: float):  # type: ignore[no-untyped-def]
    """Fail if the block takes longer (it is still let finish: a check, not a guard)."""
    began = time.perf_counter()
    yield
    assert time.perf_counter() - began < seconds


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
    path = write(tmp_path, "deep.vcf", data)
    with pytest.raises(InterchangeError, match="the card has no END:VCARD"):
        import_vcards(path, strict=True)
    assert Contact.select().count() == 0
    report = import_vcards(path)  # only the innermost card is whole
    assert (report.created, len(report.skipped), len(report.ignored)) == (1, 4_999, 1)


# --- recurrences ----------------------------------------------------------------------------

#: Midnight at the start of TODAY in Paris, where marie lives.
MIDNIGHT = dt.datetime(2025, 2, 28, 23, tzinfo=dt.UTC)


def series_file(
    folder: Path, rule: str, start: str = "DTSTART;TZID=Europe/Paris:20240101T090000"
) -> Path:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:r@example.com\r\nSUMMARY:Tic\r\n"
        f"{start}\r\nRRULE:{rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return write(folder, "rule.ics", text.encode())


def starts() -> list[dt.datetime]:
    return [a.start for a in Action.select().order_by(Action.start)]


@pytest.mark.timeout(60)
def test_a_secondly_rule_stops_at_the_cap_on_today(marie, tmp_path):
    report = import_calendar(series_file(tmp_path, "FREQ=SECONDLY"), marie, today=TODAY)
    found = starts()
    assert len(found) == MAX_OCCURRENCES
    assert found[0] == MIDNIGHT
    assert found[-1] == MIDNIGHT + dt.timedelta(seconds=MAX_OCCURRENCES - 1)
    assert report.warnings == [
        f"rule.ics, event 1 « Tic »: more than {MAX_OCCURRENCES} occurrences between 12 "
        f"months before and after today; only the {MAX_OCCURRENCES} nearest to today are "
        "imported."
    ]


def test_the_cap_keeps_the_occurrences_nearest_to_today_on_both_sides(marie, tmp_path):
    # Hourly until 21 April 00:59 in Paris: 1225 occurrences from today on, so 1275 before.
    rule = "FREQ=HOURLY;UNTIL=20250420T225959Z"
    import_calendar(series_file(tmp_path, rule), marie, today=TODAY)
    found = starts()
    assert len(found) == MAX_OCCURRENCES
    assert sum(start >= MIDNIGHT for start in found) == 1225
    assert found[0] == MIDNIGHT - dt.timedelta(hours=1275)
    assert found[-1] == dt.datetime(2025, 4, 20, 22, tzinfo=dt.UTC)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY;BYSETPOS=2",  # one second per period: there is no second one
        "FREQ=DAILY;BYSETPOS=2",
        "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;INTERVAL=7;BYDAY=TU",  # from a Monday, every 7 days: never a Tuesday
    ],
)
def test_a_rule_that_never_happens_imports_nothing_quickly(marie, tmp_path, rule):
    path = series_file(tmp_path, rule)
    report, seconds = _timed(lambda: import_calendar(path, marie, today=TODAY))
    assert report.created == 0 and Action.select().count() == 0
    assert "no occurrence between 12 months before and after today" in report.warnings[0]
    assert seconds < 10


@pytest.mark.timeout(60)
def test_a_count_too_dense_to_count_up_to_the_window_is_refused(marie, tmp_path):
    path = series_file(tmp_path, "FREQ=SECONDLY;COUNT=100000000", "DTSTART:20200101T000000Z")
    with pytest.raises(InterchangeError) as caught:
        import_calendar(path, marie, today=TODAY)
    assert str(caught.value).startswith(
        "rule.ics, line 3 (event 1 « Tic »): the RRULE 'FREQ=SECONDLY;COUNT=100000000' "
        "repeats too often to be expanded"
    )
    assert Action.select().count() == 0


def test_count_with_until_ends_at_whichever_comes_first(marie, tmp_path):
    rule = "FREQ=DAILY;COUNT=3;UNTIL=20250110T000000Z"  # RFC 5545 forbids both; dateutil warns
    import_calendar(series_file(tmp_path, rule, "DTSTART:20250101T090000Z"), marie, today=TODAY)
    assert [start.day for start in starts()] == [1, 2, 3]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("rule", "start", "message"),
    [
        ("FREQ=DAILY;INTERVAL=0", "DTSTART:20250101T090000Z", "INTERVAL must be 1 or more"),
        ("FREQ=HOURLY", "DTSTART;VALUE=DATE:20250101", "an all-day event repeats by whole days"),
        ("FREQ=YEARLY;BYEASTER=0", "DTSTART;VALUE=DATE:20250101", "BYEASTER is not iCalendar"),
    ],
)
def test_rules_crmsync_cannot_expand_are_refused(marie, tmp_path, rule, start, message):
    with pytest.raises(InterchangeError, match=f"invalid RRULE .*: {message}"):
        import_calendar(series_file(tmp_path, rule, start), marie, today=TODAY)
    assert Action.select().count() == 0


# --- photos ---------------------------------------------------------------------------------


def png_header(width: int, height: int) -> bytes:
    """The start of an RGBA PNG of that size: all Pillow reads before it decodes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


def card_with_photo(folder: Path, photo: bytes) -> Path:
    encoded = base64.b64encode(photo).decode()
    folded = "\r\n ".join(encoded[i : i + 74] for i in range(0, len(encoded), 74))
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Durand\r\nN:Durand;Anne;;;\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jean Dupont\r\nN:Dupont;Jean;;;\r\n"
        f"PHOTO;ENCODING=b;TYPE=PNG:{folded}\r\nEND:VCARD\r\n"
    )
    return write(folder, "photo.vcf", text.encode())


@pytest.mark.parametrize("warnings_are", ["errors", "shown"])
@pytest.mark.parametrize(
    "size",
    [
        (6000, 6000),  # over crmsync's limit, under Pillow's
        (13000, 13000),  # over Pillow's limit: it warns
        (20000, 20000),  # over twice Pillow's limit: it raises
    ],
)
def test_a_photo_with_too_many_pixels_is_left_out_naming_the_card(db, tmp_path, size, warnings_are):
    path = card_with_photo(tmp_path, png_header(*size))
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("error" if warnings_are == "errors" else "always")
        with pytest.raises(InterchangeError) as caught:
            import_vcards(path, strict=True)
        report = import_vcards(path)
    assert shown == []
    width, height = size
    for message in (str(caught.value), str(report.warned[0])):
        assert message.startswith("photo.vcf, line 10 (card 2 « Jean Dupont »): The photo ")
        # Over twice its limit, Pillow refuses to tell the size.
        told = "has too many pixels" if width == 20000 else f"{width} × {height} pixels"
        assert told in message
        assert f"beyond the {MAX_PHOTO_PIXELS // 1_000_000} megapixels accepted" in message
    assert report.created == 2
    assert Contact.get(Contact.last_name == "Dupont").photo is None


def test_a_photo_of_too_many_bytes_is_left_out_naming_the_card(db, tmp_path, monkeypatch):
    image = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(image, "PNG", pnginfo=None)
    photo = image.getvalue() + b"\0" * 2000  # Pillow reads a PNG with bytes after it
    monkeypatch.setattr(photos, "MAX_INPUT_BYTES", 1_000)
    report = import_vcards(card_with_photo(tmp_path, photo))
    assert str(report.warned[0]).startswith(
        "photo.vcf, line 10 (card 2 « Jean Dupont »): The photo takes "
        f"{len(photo):,} bytes, beyond the 1,000 bytes accepted."
    )
    assert Contact.get(Contact.last_name == "Dupont").photo is None


def test_a_photo_within_the_limits_is_kept_as_it_is(db, tmp_path):
    image = io.BytesIO()
    Image.new("RGBA", (600, 400), (10, 20, 30, 255)).save(image, "PNG")
    import_vcards(card_with_photo(tmp_path, image.getvalue()))
    assert bytes(Contact.get(Contact.last_name == "Dupont").photo) == image.getvalue()


# --- through the command line ---------------------------------------------------------------


def _hostile(folder: Path, name: str) -> Path:
    if name == "deep.ics":
        nested = b"BEGIN:VEVENT\r\nSUMMARY:x\r\n" * 2000 + b"END:VEVENT\r\n" * 2000
        data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + nested + b"END:VCALENDAR\r\n"
        return write(folder, name, data)
    if name == "rule.ics":
        return series_file(folder, "FREQ=SECONDLY", "DTSTART:20240101T000000Z")
    if name == "folded.vcf":
        note = b"NOTE:x" + b"\r\n y" * 20_000
        data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Durand\r\n" + note + b"\r\nEND:VCARD\r\n"
        return write(folder, name, data)
    return card_with_photo(folder, png_header(13000, 13000))


@pytest.mark.parametrize(
    ("name", "code", "said"),
    [
        ("deep.ics", 2, "the file is malformed. Export it again"),
        ("rule.ics", 0, f"warning: rule.ics, event 1 « Tic »: more than {MAX_OCCURRENCES}"),
        ("folded.vcf", 0, ""),
        ("photo.vcf", 0, "(card 2 « Jean Dupont »): The photo is 13000 × 13000 pixels"),
    ],
)
def test_the_import_command_ends_with_a_message_or_a_clean_import(
    tmp_path, capsys, name, code, said
):
    database = tmp_path / "crm.sqlite"
    open_database(database)
    User.create(login="marie", time_zone="Europe/Paris")
    close_database()
    path = _hostile(tmp_path, name)
    user = ["--user", "marie"] if name.endswith(".ics") else []
    kind = path.suffix[1:]
    assert main(["--db", str(database), "import", kind, str(path), *user]) == code
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    if code:
        assert err.endswith(" Nothing was imported.\n")
        open_database(database)
        try:
            assert Action.select().count() == Contact.select().count() == 0
        finally:
            close_database()


# --- content lines ----------------------------------------------------------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "NOTE;" + "X;" * 40 + ":x",  # vobject's pattern backtracks 2^40 times on this
        "NOTE;" + "X=a;" * 40 + ":x",
        "NOTE;" + 'X="a";' * 40 + ":x",
    ],
)
def test_a_line_that_backtracks_vobjects_pattern_is_refused_at_once(text):
    with pytest.raises(InterchangeError, match="this is not a content line"), _limit(5):
        parse_property(LogicalLine(7, text))


@pytest.mark.parametrize(
    ("text", "params", "value"),
    [
        ("NOTE;" + "X;" * 2000 + "Y:x", {"X": [], "Y": []}, "x"),
        (
            "NOTE;X=" + ",".join(map(str, range(2000))) + ":x",
            {"X": list(map(str, range(2000)))},
            "x",
        ),
        ('a.NOTE;;X="a:b";Y=c=d:x:y', {"X": ["a:b"], "Y": ["c=d"]}, "x:y"),
    ],
)
def test_long_and_odd_lines_still_parse(text, params, value):
    with _limit(5):
        prop = parse_property(LogicalLine(1, text))
    assert (prop.name, prop.value) == ("NOTE", value)
    assert {key: prop.param(key) for key in params} == params


@settings(max_examples=500, deadline=None)
@example("N;:x")  # an empty parameter list, as some producers write
@example("N;;X=a:x")
@example('a.N;X="a:b";Y=c=d,,e:x')
@example("N;X=a;:x")
@example('N;X="a:x')
@given(
    st.lists(
        st.sampled_from(["N", "b1", "-", "_", ".", ";", ":", "=", ",", '"', '"x:"', " ", "é"]),
        max_size=12,
    ).map("".join)
)
def test_the_quick_line_check_accepts_what_vobject_accepts(text):
    expected = vobject_line_pattern.match(text) is not None
    try:
        parse_property(LogicalLine(1, text))
    except InterchangeError as exc:
        assert not expected, exc
    else:
        assert expected


@pytest.mark.parametrize("kind", ["ics", "vcf"])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys, kind):
    from crmsync.crm import interchange

    huge = tmp_path / f"huge.{kind}"
    with huge.open("wb") as handle:  # sparse: no disk nor memory spent on it
        handle.truncate(interchange.MAX_FILE_BYTES + 1)
    args = ["import", kind, str(huge)] + (["--user", "admin"] if kind == "ics" else [])
    code = main(["--db", str(tmp_path / "crm.sqlite"), *args])
    err = capsys.readouterr().err
    assert code != 0
    assert "split it into smaller files" in err and "512 MB" in err


def test_a_utf16_file_cut_in_the_middle_of_a_character_still_imports(tmp_path, capsys):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoé Martin\r\nN:Martin;Zoé;;;\r\nEND:VCARD\r\n"
    path = tmp_path / "cut.vcf"
    path.write_bytes(card.encode("utf-16")[:-1])  # an odd number of bytes
    code = main(["--db", str(tmp_path / "crm.sqlite"), "import", "vcf", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
