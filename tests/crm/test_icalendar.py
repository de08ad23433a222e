"""iCalendar reading and writing: Google's export shape, series, time zones, the round trip."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import vobject
from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmsync.crm.db import close_database, open_database
from crmsync.crm.icalendar import (
    EventData,
    import_calendar,
    named_zone,
    occurrences,
    read_events,
    write_calendar,
)
from crmsync.crm.interchange import InterchangeError
from crmsync.crm.models import Action, ActionType, Series, User

FIXTURES = Path(__file__).parent / "fixtures"
UTC = dt.UTC
TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "crm.sqlite")
    yield database
    close_database()


@pytest.fixture
def marie(db):
    return User.create(login="marie", name="Marie Dupont", time_zone="Europe/Paris")


def ics(*event_lines: str, extra: str = "") -> bytes:
    body = "\r\n".join(event_lines)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        f"{extra}BEGIN:VEVENT\r\n{body}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def one_event(*lines: str, zone: str = "Europe/Paris"):
    (event,) = read_events(ics(*lines), "test.ics", named_zone(zone))
    return event


def write(tmp_path: Path, data: bytes, name: str = "in.ics") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- reading ------------------------------------------------------------------------------


def test_google_export_imports_with_the_expected_values(marie):
    report = import_calendar(FIXTURES / "google_calendar.ics", marie, today=TODAY)
    assert report.created == 5  # 3 single events, 2 series
    assert report.extra["series"] == 2
    meeting = Action.get(Action.title == "Réunion d'équipe")
    assert meeting.start == dt.datetime(2025, 3, 14, 8, 30, tzinfo=UTC)  # CET, +01:00
    assert meeting.end == dt.datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
    assert meeting.location == "12 rue de la Paix, 75002 Paris, France"
    assert meeting.description == (
        "Ordre du jour :\n- bilan, budget 2025\n- planning de l'été\n\n"
        "Salle « Émeraude » — 2e étage"
    )
    assert (meeting.reminder, meeting.reminder_minutes) == (True, 30)
    assert meeting.private is False
    holiday = Action.get(Action.title == "Congés")
    assert holiday.all_day
    assert (holiday.start_date, holiday.end_date) == (dt.date(2025, 8, 4), dt.date(2025, 8, 6))
    doctor = Action.get(Action.title == "Rendez-vous médecin")
    assert doctor.private is True
    assert doctor.reminder is False
    assert doctor.action_type == ActionType.default()


def test_weekly_series_honours_exdate_dst_and_the_window(marie):
    import_calendar(FIXTURES / "google_calendar.ics", marie, today=TODAY)
    series = Series.get(Series.rrule == "FREQ=WEEKLY;BYDAY=MO")
    assert series.exdate_list == ["2025-01-13T13:00:00Z"]
    occurrences = list(series.actions.order_by(Action.series_start))
    # Mondays from 2025-01-06 up to 2026-03-01 (today + 12 months): 60, less one EXDATE.
    assert len(occurrences) == 59
    starts = [a.series_start for a in occurrences]
    assert dt.datetime(2025, 1, 13, 13, 0, tzinfo=UTC) not in starts
    # 14:00 in Paris: 13:00 UTC in winter, 12:00 UTC in summer.
    assert dt.datetime(2025, 1, 6, 13, 0, tzinfo=UTC) in starts
    assert dt.datetime(2025, 6, 2, 12, 0, tzinfo=UTC) in starts
    unchanged = [a for a in occurrences if a.title == "Point du lundi"]
    assert len(unchanged) == 58  # one was moved by a RECURRENCE-ID override
    assert all(a.reminder and a.reminder_minutes == 10 for a in unchanged)


def test_recurrence_id_changes_its_occurrence(marie):
    import_calendar(FIXTURES / "google_calendar.ics", marie, today=TODAY)
    moved = Action.get(Action.series_start == dt.datetime(2025, 1, 20, 13, 0, tzinfo=UTC))
    assert moved.title == "Point du lundi (décalé au mardi)"
    assert moved.start == dt.datetime(2025, 1, 21, 14, 0, tzinfo=UTC)
    assert moved.series.rrule == "FREQ=WEEKLY;BYDAY=MO"


def test_until_in_utc_ends_the_daily_series_inclusively(marie):
    import_calendar(FIXTURES / "google_calendar.ics", marie, today=TODAY)
    training = Action.select().where(Action.title == "Formation logiciel").order_by(Action.start)
    assert [a.start.day for a in training] == [10, 11, 12, 13]
    assert all(a.series_id is not None for a in training)


def test_reimport_skips_duplicates(marie):
    import_calendar(FIXTURES / "google_calendar.ics", marie, today=TODAY)
    count = Action.select().count()
    again = import_calendar(FIXTURES / "google_calendar.ics", marie, today=TODAY)
    assert again.created == 0
    assert again.duplicates >= 5
    assert Action.select().count() == count


def test_floating_time_is_read_in_the_users_zone():
    event = one_event("UID:1", "DTSTART:20250701T100000", "DTEND:20250701T110000", "SUMMARY:x")
    assert event.start == dt.datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
    event = one_event("UID:1", "DTSTART:20250701T100000", "SUMMARY:x", zone="America/New_York")
    assert event.start == dt.datetime(2025, 7, 1, 14, 0, tzinfo=UTC)
    assert event.end == event.start


def test_tzid_without_vtimezone_uses_tzdata():
    event = one_event(
        "UID:1",
        "DTSTART;TZID=Asia/Tokyo:20250701T100000",
        "DURATION:PT45M",
        "SUMMARY:x",
    )
    assert event.start == dt.datetime(2025, 7, 1, 1, 0, tzinfo=UTC)
    assert event.end == dt.datetime(2025, 7, 1, 1, 45, tzinfo=UTC)


def test_non_iana_tzid_is_read_through_its_vtimezone():
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Romance Standard Time\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16011028T030000\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )
    data = ics(
        "UID:1",
        'DTSTART;TZID="Romance Standard Time":20250701T100000',
        'DTEND;TZID="Romance Standard Time":20250701T110000',
        "SUMMARY:Outlook",
        extra=zone,
    )
    (event,) = read_events(data, "outlook.ics", named_zone("UTC"))
    assert event.start == dt.datetime(2025, 7, 1, 8, 0, tzinfo=UTC)


def test_all_day_without_dtend_lasts_one_day():
    event = one_event("UID:1", "DTSTART;VALUE=DATE:20250505", "SUMMARY:x")
    assert event.all_day
    assert event.start_date == event.end_date == dt.date(2025, 5, 5)


def test_alarm_relative_to_end_and_confidential():
    event = one_event(
        "UID:1",
        "DTSTART:20250701T100000Z",
        "DTEND:20250701T110000Z",
        "CLASS:CONFIDENTIAL",
        "BEGIN:VALARM",
        "ACTION:AUDIO",
        "TRIGGER;RELATED=END:-PT2H",
        "END:VALARM",
    )
    assert event.private
    assert (event.reminder, event.reminder_minutes) == (True, 60)


def test_unescaped_commas_are_kept():
    event = one_event("UID:1", "DTSTART:20250701T100000Z", "SUMMARY:Appel Paul, Marie")
    assert event.title == "Appel Paul, Marie"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("X-CRMSYNC-TYPE:TS", "TS"),
        ("CATEGORIES:Congés", "CG"),
        ("CATEGORIES:Work,tache", "T"),
        ("CATEGORIES:unknown", "R"),
    ],
)
def test_type_from_code_or_label(marie, tmp_path, line, code):
    path = write(tmp_path, ics("UID:1", "DTSTART:20250701T100000Z", "SUMMARY:x", line))
    import_calendar(path, marie, today=TODAY)
    assert Action.get().action_type.code == code


# --- bad files ----------------------------------------------------------------------------


def test_bad_date_names_line_and_event_and_imports_nothing(marie):
    with pytest.raises(InterchangeError) as caught:
        import_calendar(FIXTURES / "bad_date.ics", marie, today=TODAY)
    assert str(caught.value).startswith(
        "bad_date.ics, line 15 (event 2 « Visite client »): invalid DTSTART"
    )
    assert Action.select().count() == 0


def test_truncated_calendar_is_reported(marie):
    with pytest.raises(InterchangeError, match=r"line 11 \(event 2 « Visite client »\)"):
        import_calendar(FIXTURES / "truncated.ics", marie, today=TODAY)
    assert Action.select().count() == 0


def test_bad_rrule_is_reported(marie, tmp_path):
    path = write(
        tmp_path,
        ics("UID:1", "DTSTART:20250301T100000Z", "SUMMARY:x", "RRULE:FREQ=SOMETIMES"),
    )
    with pytest.raises(InterchangeError, match="invalid RRULE"):
        import_calendar(path, marie, today=TODAY)
    assert Series.select().count() == 0


# --- writing and the round trip -----------------------------------------------------------


def _action_fields(action: Action) -> tuple[object, ...]:
    return (
        action.title,
        action.location,
        action.description,
        action.all_day,
        action.start,
        action.end,
        action.start_date,
        action.end_date,
        action.private,
        action.reminder,
        action.reminder_minutes if action.reminder else None,
        action.action_type.code,
        action.series.rrule if action.series_id else None,
        action.series.exdate_list if action.series_id else None,
        action.series_start,
    )


def _snapshot() -> list[tuple[object, ...]]:
    return sorted((_action_fields(a) for a in Action.live()), key=repr)


def test_export_then_import_into_a_fresh_database_keeps_every_field(tmp_path):
    open_database(tmp_path / "first.sqlite")
    user = User.create(login="marie", time_zone="Europe/Paris")
    import_calendar(FIXTURES / "google_calendar.ics", user, today=TODAY)
    task = ActionType.get(ActionType.code == "T")
    Action.create(
        owner=user,
        action_type=task,
        title="Long 🦄",
        description="ligne 1\nligne 2 ; virgule, antislash \\ — ✓\n" * 2500,
        start=dt.datetime(2025, 4, 1, 7, 0, tzinfo=UTC),
        end=dt.datetime(2025, 4, 1, 7, 5, tzinfo=UTC),
        reminder=True,
        reminder_minutes=1440,
    )
    before = _snapshot()
    exported = tmp_path / "out.ics"
    exported.write_bytes(write_calendar(user, Action.live()).encode("utf-8"))
    open_database(tmp_path / "second.sqlite")
    user = User.create(login="marie", time_zone="Europe/Paris")
    import_calendar(exported, user, today=TODAY)
    after = _snapshot()
    close_database()
    assert len(before[0]) == len(after[0])
    assert after == before


def test_series_export_is_one_event_with_rrule_and_exdate(marie):
    import_calendar(FIXTURES / "google_calendar.ics", marie, today=TODAY)
    text = write_calendar(marie, Action.live())
    assert text.count("RRULE:FREQ=WEEKLY;BYDAY=MO") == 1
    assert "EXDATE;TZID=Europe/Paris:20250113T140000" in text
    assert "RECURRENCE-ID;TZID=Europe/Paris:20250120T140000" in text
    assert "DTSTART;TZID=Europe/Paris:20250106T140000" in text


def test_deleted_occurrence_is_exported_as_exdate(marie):
    import_calendar(FIXTURES / "google_calendar.ics", marie, today=TODAY)
    victim = Action.get(Action.series_start == dt.datetime(2025, 2, 3, 13, 0, tzinfo=UTC))
    victim.soft_delete()
    text = write_calendar(marie, Action.live().where(Action.owner == marie))
    assert "20250203T140000" in text.split("EXDATE")[1].split("\n")[0]


def test_uids_depend_only_on_ids(marie):
    action = Action.create(
        owner=marie,
        title="x",
        start=dt.datetime(2025, 1, 1, 9, tzinfo=UTC),
        end=dt.datetime(2025, 1, 1, 10, tzinfo=UTC),
    )
    assert f"UID:crmsync-action-{action.id}@crmsync" in write_calendar(marie, [action])


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r")
    | st.sampled_from(list(",;:\\\n\"'") + ["😀", "é", "\u2028"]),
    max_size=80,
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_text, description=_text, location=_text)
def test_text_fields_survive_the_round_trip(title, description, location):
    user = User(id=1, login="u", name="U", time_zone="Europe/Paris")
    kind = ActionType(id=1, code="R", label="R.D.V.")
    action = Action(
        id=5,
        owner=user,
        title=title,
        description=description,
        location=location,
        start=dt.datetime(2025, 1, 1, 9, tzinfo=UTC),
        end=dt.datetime(2025, 1, 1, 10, tzinfo=UTC),
    )
    action.action_type = kind
    data = write_calendar(user, [action]).encode("utf-8")
    (event,) = read_events(data, "round.ics", named_zone("Europe/Paris"))
    assert (event.title, event.description, event.location) == (title, description, location)


def test_vtimezone_after_the_event_still_applies():
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        b"DTSTART;TZID=Custom Zone:20250701T100000\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
        b"BEGIN:VTIMEZONE\r\nTZID:Custom Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        b"TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        b"END:VCALENDAR\r\n"
    )
    (event,) = read_events(data, "late.ics", named_zone("UTC"))
    assert event.start == dt.datetime(2025, 7, 1, 7, 0, tzinfo=UTC)


def test_unknown_tzid_is_read_in_the_users_zone_with_a_warning():
    warnings: list[str] = []
    data = ics("UID:1", "DTSTART;TZID=Nowhere/Land:20250701T100000", "SUMMARY:x")
    (event,) = read_events(data, "odd.ics", named_zone("Europe/Paris"), warnings)
    assert event.start == dt.datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
    assert any("Nowhere/Land" in w for w in warnings)


def test_unknown_tzid_logs_nothing(caplog):
    data = ics("UID:1", "DTSTART;TZID=Nowhere/Land:20250701T100000", "SUMMARY:x")
    with caplog.at_level(logging.DEBUG):
        read_events(data, "odd.ics", named_zone("Europe/Paris"), [])
    assert caplog.records == []


@pytest.mark.parametrize(
    ("zone", "changes"),
    [
        (
            "Europe/Paris",
            [dt.datetime(2026, 3, 29, 1, tzinfo=UTC), dt.datetime(2026, 10, 25, 1, tzinfo=UTC)],
        ),
        (
            "America/New_York",
            [dt.datetime(2026, 3, 8, 7, tzinfo=UTC), dt.datetime(2026, 11, 1, 6, tzinfo=UTC)],
        ),
    ],
)
def test_exported_vtimezone_changes_offset_when_the_zone_does(db, zone, changes):
    user = User.create(login="u", time_zone=zone)
    start = dt.datetime(2026, 6, 1, 9, tzinfo=UTC)
    action = Action.create(owner=user, title="x", start=start, end=start + dt.timedelta(hours=1))
    calendar = vobject.readOne(write_calendar(user, [action]))
    written = calendar.vtimezone.gettzinfo()  # read back by dateutil, as other readers do
    real = ZoneInfo(zone)
    for change in changes:
        for quarter in range(-16, 17):
            instant = change + dt.timedelta(minutes=15 * quarter)
            assert (
                instant.astimezone(written).utcoffset() == instant.astimezone(real).utcoffset()
            ), instant
    if zone == "Europe/Paris":
        # After the autumn change, 03:30 on the wall is winter time (+01:00).
        assert dt.datetime(2026, 10, 25, 3, 30, tzinfo=written).utcoffset() == dt.timedelta(hours=1)
        assert dt.datetime(2026, 3, 29, 3, 30, tzinfo=written).utcoffset() == dt.timedelta(hours=2)


# --- expanding rules lazily gives what expanding them whole gave ---------------------------

_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@st.composite
def _rules(draw: st.DrawFn) -> tuple[str, dt.date | dt.datetime, list[int]]:
    """A rule, its start (a day, or a time in Paris) and which occurrences to exclude.

    Only rules that match again within a few years: dateutil, which gives the expected
    answer here, would look up to the year 9999 for one that never does (the expander
    under test does not, see test_hostile_files)."""
    all_day = draw(st.booleans())
    freqs = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY"] + ([] if all_day else ["HOURLY"])
    freq = draw(st.sampled_from(freqs))
    parts = [f"FREQ={freq}"]
    interval = draw(st.integers(1, 4 if freq != "MONTHLY" else 1))
    if interval > 1 or draw(st.booleans()):
        parts.append(f"INTERVAL={interval}")
    if freq == "YEARLY" and draw(st.integers(0, 3)) == 0:
        weeks = st.sets(st.integers(1, 52), min_size=1, max_size=3)
        parts.append("BYWEEKNO=" + ",".join(map(str, draw(weeks))))
    else:
        if draw(st.integers(0, 2)) == 0:
            months = st.sets(st.integers(1, 12), min_size=1, max_size=4)
            parts.append("BYMONTH=" + ",".join(map(str, draw(months))))
        if freq != "WEEKLY" and draw(st.booleans()):
            month_days = st.sets(st.integers(-28, 28).filter(bool), min_size=1, max_size=3)
            parts.append("BYMONTHDAY=" + ",".join(map(str, draw(month_days))))
    days = draw(st.lists(st.sampled_from(_DAYS), max_size=3, unique=True))
    if days:
        nth = freq in ("MONTHLY", "YEARLY") and "BYMONTHDAY" not in ";".join(parts)
        if nth and draw(st.booleans()):
            days = [f"{draw(st.sampled_from([1, 2, -1]))}{day}" for day in days]
        parts.append("BYDAY=" + ",".join(days))
    if not all_day and (freq == "HOURLY" or draw(st.integers(0, 2)) == 0):
        hours = st.sets(st.integers(0, 23), min_size=1, max_size=3)
        parts.append("BYHOUR=" + ",".join(map(str, draw(hours))))
    if draw(st.integers(0, 3)) == 0:
        parts.append(f"BYSETPOS={draw(st.sampled_from([1, -1]))}")
    if draw(st.booleans()):
        parts.append(f"WKST={draw(st.sampled_from(_DAYS))}")
    day = draw(st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31)))
    end = draw(st.sampled_from(["", "count", "until"]))
    if end == "count":
        parts.append(f"COUNT={draw(st.integers(1, 400))}")
    elif end == "until":
        last = day + dt.timedelta(days=draw(st.integers(0, 1500)))
        parts.append(f"UNTIL={last:%Y%m%d}" + ("" if all_day else "T235959Z"))
    start: dt.date | dt.datetime = day
    if not all_day:
        moment = dt.time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 30])))
        start = dt.datetime.combine(day, moment, named_zone("Europe/Paris"))
    excluded = draw(st.lists(st.integers(0, 60), max_size=4))
    return ";".join(parts), start, excluded


def _expanded_whole(
    rule: str, start: dt.date | dt.datetime, excluded: list[int], today: dt.date, limit: int
) -> list[dt.date | dt.datetime]:
    """The window's occurrences as dateutil lists them all, EXDATEs aside, the ``limit``
    nearest to today kept: today's, then the nearer in wall-clock time, the earlier first."""
    zone = start.tzinfo if isinstance(start, dt.datetime) else None
    anchor = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    first = dt.datetime.combine(today - relativedelta(months=12), dt.time(), zone)
    last = dt.datetime.combine(today + relativedelta(months=12), dt.time.max, zone)
    found = rrulestr(rule, dtstart=anchor).between(first, last, inc=True)
    dropped = {found[i] for i in excluded if i < len(found)}
    found = [moment for moment in found if moment not in dropped]
    midnight = dt.datetime.combine(today, dt.time(), zone)

    def distance(moment: dt.datetime) -> dt.timedelta:
        if moment < midnight:
            return midnight - moment
        return max(moment - midnight - dt.timedelta(days=1), dt.timedelta())

    kept = sorted(sorted(found, key=lambda m: (distance(m), m))[:limit])
    return kept if zone else [moment.date() for moment in kept]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rule=_rules(),
    today=st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
    limit=st.integers(1, 40),
)
def test_lazy_expansion_keeps_what_the_whole_expansion_kept(rule, today, limit):
    text, start, excluded = rule
    zone = start.tzinfo if isinstance(start, dt.datetime) else None
    anchor = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    event = EventData(index=1, line=1, title="x", rrule=text, local_start=start)
    try:
        everything = rrulestr(text, dtstart=anchor).between(
            dt.datetime.combine(today - relativedelta(months=12), dt.time(), zone),
            dt.datetime.combine(today + relativedelta(months=12), dt.time.max, zone),
            inc=True,
        )
    except ValueError:
        with pytest.raises(InterchangeError, match="invalid RRULE"):
            occurrences(event, today, [])
        return
    expected = _expanded_whole(text, start, excluded, today, limit)
    dropped = {everything[i] for i in excluded if i < len(everything)}
    event.exdates = [moment if zone else moment.date() for moment in dropped]
    warnings: list[str] = []
    with mock.patch("crmsync.crm.icalendar.MAX_OCCURRENCES", limit):
        found = occurrences(event, today, warnings)
    assert found == expected
    assert bool(warnings) == (len(everything) - len(dropped) > limit)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (("DTSTART;VALUE=DATE:20250804", "DTEND;VALUE=XATE:20250807"), "invalid DTEND value"),
        (("DTSTART:20250804T100000Z", "DURATION:P99999999W"), "out of range"),
        (("DTSTART:00010101T000000", "DTEND:00010101T010000"), "out of range"),
    ],
)
def test_dates_vobject_cannot_make_sense_of_are_refused(lines, message):
    with pytest.raises(InterchangeError, match=message):
        one_event("UID:1", "SUMMARY:x", *lines)


@pytest.mark.parametrize("tzid", ["Europe", "zone.tab", "../etc/passwd", "Europe/Paris\\\\x"])
def test_a_tzid_that_names_no_zone_file_is_read_in_the_users_zone(tzid):
    warnings: list[str] = []
    data = ics("UID:1", f'DTSTART;TZID="{tzid}":20250701T100000', "SUMMARY:x")
    (event,) = read_events(data, "odd.ics", named_zone("Europe/Paris"), warnings)
    assert event.start == dt.datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
    assert len(warnings) == 1


@pytest.mark.parametrize("rule", ["", "RRULE:FREQ=WEEKLY;COUNT=3"])
def test_an_imported_event_keeps_its_uid_on_export(marie, tmp_path, rule):
    lines = ["UID:meeting-42@example.com", "DTSTART:20250310T090000Z", "SUMMARY:x"]
    path = write(tmp_path, ics(*lines, *([rule] if rule else [])))
    import_calendar(path, marie, today=TODAY)
    assert "UID:meeting-42@example.com" in write_calendar(marie, Action.live())


def test_times_around_the_changeovers_survive_export_and_import(db):
    user = User.create(login="u", time_zone="Europe/Paris")
    for change in (
        dt.datetime(2026, 3, 29, 1, tzinfo=UTC),
        dt.datetime(2026, 10, 25, 1, tzinfo=UTC),
    ):
        starts = [change + dt.timedelta(minutes=15 * quarter) for quarter in range(-8, 9)]
        actions = [
            Action(id=i, owner=user, title="x", start=start, end=start + dt.timedelta(hours=1))
            for i, start in enumerate(starts, start=1)
        ]
        for action in actions:
            action.action_type = ActionType(id=1, code="R", label="R.D.V.")
        data = write_calendar(user, actions).encode()
        events = read_events(data, "round.ics", named_zone("Europe/Paris"))
        assert [event.start for event in events] == starts
