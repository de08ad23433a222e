"""Rules the CRM's models enforce, on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import sqlite3

import peewee
import pytest

from crmsync.crm import queries
from crmsync.crm.db import close_database, open_database
from crmsync.crm.models import (
    ALL_MODELS,
    Action,
    ActionType,
    Company,
    Contact,
    ContactToSync,
    FolderSettings,
    Series,
    SyncSettings,
    User,
    UserRight,
    UTCDateTimeField,
    ValidationError,
)

UTC = dt.UTC
PARIS = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "crm.sqlite")
    yield database
    close_database()


@pytest.fixture
def marie(db):
    return User.create(login="marie", name="Marie Dupont", email="marie@example.fr")


def timed(owner, start, end, **fields):
    return Action.create(owner=owner, title="RDV", start=start, end=end, **fields)


def test_login_is_unique(marie):
    with pytest.raises(peewee.IntegrityError):
        User.create(login="marie", name="Another")


def test_user_defaults(marie):
    marie = User.get_by_id(marie.id)
    assert marie.time_zone == "Europe/Paris"
    assert marie.active is True
    assert marie.is_admin is False
    assert marie.created_at.tzinfo is not None


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../etc/passwd", "Europe", "America"])
def test_unknown_time_zone_refused(db, zone):
    with pytest.raises(ValidationError, match="time zone"):
        User.create(login="x", time_zone=zone)


def test_known_time_zone_accepted(db):
    user = User.create(login="x", time_zone="America/Martinique")
    assert str(user.zone) == "America/Martinique"


def test_foreign_keys_enforced(db):
    with pytest.raises(peewee.IntegrityError):
        UserRight.create(viewer=9999, target=9998)


def test_user_right_unique_and_agenda_implies_visible(marie):
    jean = User.create(login="jean")
    right = UserRight.create(viewer=marie, target=jean, visible=False, agenda=True)
    assert UserRight.get_by_id(right.id).visible is True
    with pytest.raises(peewee.IntegrityError):
        UserRight.create(viewer=marie, target=jean)


def test_naive_datetime_refused(marie):
    naive = dt.datetime(2024, 5, 1, 9, 0)
    with pytest.raises(ValueError, match="(?i)naive"):
        timed(marie, naive, naive + dt.timedelta(hours=1))
    with pytest.raises(ValueError, match="(?i)naive"):
        Action.select().where(Action.start > naive).count()


def test_times_come_back_aware_in_utc(marie):
    action = timed(
        marie, dt.datetime(2024, 5, 1, 9, tzinfo=PARIS), dt.datetime(2024, 5, 1, 10, tzinfo=PARIS)
    )
    again = Action.get_by_id(action.id)
    assert again.start == dt.datetime(2024, 5, 1, 7, tzinfo=UTC)
    assert again.start.utcoffset() == dt.timedelta(0)


def test_stored_times_sort_as_text(marie):
    field = UTCDateTimeField()
    early = field.db_value(dt.datetime(2024, 5, 1, 9, 0, 0, tzinfo=UTC))
    late = field.db_value(dt.datetime(2024, 5, 1, 9, 0, 0, 1, tzinfo=UTC))
    assert early < late and len(early) == len(late)


def test_range_query_on_stored_times(marie):
    for hour in (8, 12, 16):
        timed(
            marie,
            dt.datetime(2024, 5, 1, hour, tzinfo=UTC),
            dt.datetime(2024, 5, 1, hour + 1, tzinfo=UTC),
        )
    noon_paris = dt.datetime(2024, 5, 1, 14, tzinfo=PARIS)
    assert Action.select().where(Action.start >= noon_paris).count() == 2


def test_end_before_start_refused(marie):
    start = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    with pytest.raises(ValidationError, match="before it starts"):
        timed(marie, start, start - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="before it starts"):
        Action.create(
            owner=marie, all_day=True, start_date=dt.date(2024, 5, 2), end_date=dt.date(2024, 5, 1)
        )


def test_zero_length_action_allowed(marie):
    start = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    assert timed(marie, start, start).id


def test_all_day_uses_dates_and_clears_times(marie):
    action = Action.create(
        owner=marie,
        all_day=True,
        start_date=dt.date(2024, 8, 1),
        end_date=dt.date(2024, 8, 1),
        start=dt.datetime(2024, 8, 1, 9, tzinfo=UTC),
        end=dt.datetime(2024, 8, 1, 10, tzinfo=UTC),
    )
    again = Action.get_by_id(action.id)
    assert (again.start, again.end) == (None, None)
    assert again.end_date == dt.date(2024, 8, 1)
    with pytest.raises(ValidationError, match="dates"):
        Action.create(owner=marie, all_day=True, start=dt.datetime(2024, 8, 1, tzinfo=UTC))


def test_timed_action_needs_datetimes(marie):
    with pytest.raises(ValidationError, match="datetimes"):
        Action.create(owner=marie, start=dt.date(2024, 8, 1), end=dt.date(2024, 8, 2))
    with pytest.raises(ValidationError, match="start and end"):
        Action.create(owner=marie, start_date=dt.date(2024, 8, 1), end_date=dt.date(2024, 8, 1))


@pytest.mark.parametrize("minutes", [-1, 40321])
def test_reminder_range(marie, minutes):
    start = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    with pytest.raises(ValidationError, match="Reminder"):
        timed(marie, start, start, reminder=True, reminder_minutes=minutes)
    assert timed(marie, start, start, reminder=True, reminder_minutes=40320).id


def test_action_gets_default_type(marie):
    start = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    assert timed(marie, start, start).action_type.code == "R"


def test_description_has_no_length_limit(marie):
    start = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    text = "ligne\n" * 20000
    action = timed(marie, start, start, description=text)
    assert Action.get_by_id(action.id).description == text


def test_save_bumps_updated_at_unless_told(marie):
    start = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    action = timed(marie, start, start)
    long_ago = dt.datetime(2020, 1, 1, tzinfo=UTC)
    action.updated_at = long_ago
    action.save(touch=False)
    assert Action.get_by_id(action.id).updated_at == long_ago
    action.title = "Changed"
    action.save()
    assert Action.get_by_id(action.id).updated_at > long_ago


def test_tombstones(marie):
    start = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    kept = timed(marie, start, start)
    gone = timed(marie, start, start)
    gone.soft_delete()
    assert [a.id for a in Action.live()] == [kept.id]
    assert Action.select().count() == 2
    assert Action.get_by_id(gone.id).is_deleted


def test_contact_tombstone_and_display_name(db):
    luc = Contact.create(first_name="Luc", last_name="Bernard")
    solo = Contact.create(last_name="Petit")
    assert luc.display_name == "Luc Bernard"
    assert solo.display_name == "Petit"
    solo.soft_delete()
    assert [c.id for c in Contact.live()] == [luc.id]


def test_contact_photo_round_trip(db):
    data = bytes(range(256)) * 10
    luc = Contact.create(last_name="Bernard")
    luc.set_photo(data)
    luc.save()
    again = Contact.get_by_id(luc.id)
    assert bytes(again.photo) == data
    assert again.photo_updated_at is not None


def test_contact_to_sync_unique(marie):
    luc = Contact.create(last_name="Bernard")
    ContactToSync.create(user=marie, contact=luc)
    with pytest.raises(peewee.IntegrityError):
        ContactToSync.create(user=marie, contact=luc)


def test_deleting_company_keeps_its_contacts(db):
    company = Company.create(code="C1", name="Clinique")
    luc = Contact.create(last_name="Bernard", company=company)
    company.delete_instance()
    assert Contact.get_by_id(luc.id).company is None


@pytest.mark.parametrize("colour", ["red", "#12345", "#12345G", "123456", None])
def test_action_type_colour_validated(db, colour):
    with pytest.raises(ValidationError, match="RRGGBB"):
        ActionType.create(code="X", label="X", colour=colour)


def test_only_one_default_type(db):
    ActionType.create(code="X", label="X", colour="#ABCDEF", is_default=True)
    assert ActionType.default().code == "X"
    assert ActionType.get(ActionType.code == "X").colour == "#abcdef"
    assert ActionType.select().where(ActionType.is_default == True).count() == 1  # noqa: E712


@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;BYDAY=MO", "FREQ=DAILY;UNTIL=20240301T000000Z", "FREQ=MONTHLY;COUNT=5"]
)
def test_series_rrule_accepted(marie, rule):
    series = Series.create(owner=marie, rrule=rule, exdates="2024-01-08,2024-01-15")
    assert series.exdate_list == ["2024-01-08", "2024-01-15"]


@pytest.mark.parametrize("rule", ["RRULE:FREQ=WEEKLY", "BYDAY=MO", "FREQ=SOMETIMES", ""])
def test_series_rrule_refused(marie, rule):
    with pytest.raises(ValidationError):
        Series.create(owner=marie, rrule=rule)


def test_sync_settings_defaults_and_checks(marie):
    settings = SyncSettings.for_user(marie)
    assert SyncSettings.for_user(marie).id == settings.id
    assert (settings.months_before, settings.months_after) == (3, 12)
    assert settings.auto_push and settings.pull_on_startup and settings.transfer_colours
    assert not settings.sync_series
    assert (settings.conflict_policy, settings.first_sync_days, settings.status) == (
        "latest",
        30,
        "grey",
    )
    settings.months_after = -1
    with pytest.raises(ValidationError, match="Months after"):
        settings.save()
    settings.months_after = 12
    settings.conflict_policy = "whoever"
    with pytest.raises(ValidationError, match="Conflict policy"):
        settings.save()
    with pytest.raises(peewee.IntegrityError):
        SyncSettings.create(user=marie)


def test_folder_settings(db):
    assert FolderSettings.get_value("google.client_id") is None
    FolderSettings.set_value("google.client_id", "abc")
    FolderSettings.set_value("google.client_id", "def")
    assert FolderSettings.get_value("google.client_id") == "def"
    assert FolderSettings.select().count() == 1


def test_every_model_has_a_table(db, tmp_path):
    names = {
        row[0]
        for row in sqlite3.connect(tmp_path / "crm.sqlite").execute(
            "SELECT name FROM sqlite_master WHERE type='table'"
        )
    }
    assert {m._meta.table_name for m in ALL_MODELS} <= names


# --- queries: rights, contacts to sync, the sync window -------------------------------------


@pytest.fixture
def team(marie):
    jean = User.create(login="jean", name="Jean")
    paul = User.create(login="paul", name="Paul")
    gone = User.create(login="gone", name="Gone", active=False)
    boss = User.create(login="boss", name="Boss", is_admin=True)
    UserRight.create(viewer=marie, target=jean, agenda=True)
    UserRight.create(viewer=marie, target=paul, visible=True)
    UserRight.create(viewer=marie, target=gone, agenda=True)
    return {"marie": marie, "jean": jean, "paul": paul, "gone": gone, "boss": boss}


def test_visible_and_agenda_users(team):
    marie, jean, paul, boss = team["marie"], team["jean"], team["paul"], team["boss"]
    assert [u.login for u in queries.visible_users(marie)] == ["marie", "jean", "paul"]
    assert [u.login for u in queries.agenda_users(marie)] == ["marie", "jean"]
    assert [u.login for u in queries.agenda_users(jean)] == ["jean"]
    assert [u.login for u in queries.agenda_users(boss)] == [
        "boss",
        "admin",
        "jean",
        "marie",
        "paul",
    ]
    assert queries.can_see(marie, paul) and not queries.can_sync_agenda(marie, paul)
    assert queries.can_sync_agenda(jean, jean) and not queries.can_see(jean, marie)
    assert queries.can_sync_agenda(boss, marie)


def test_contacts_to_sync(marie):
    luc, anne, old = (Contact.create(last_name=n) for n in ("Bernard", "Petit", "Ancien"))
    assert queries.add_contact_to_sync(marie, anne)
    assert queries.add_contact_to_sync(marie, luc)
    assert not queries.add_contact_to_sync(marie, luc)
    assert queries.add_contact_to_sync(marie, old)
    old.soft_delete()
    assert [c.last_name for c in queries.contacts_to_sync(marie)] == ["Petit", "Bernard"]
    assert queries.remove_contact_to_sync(marie, anne)
    assert not queries.remove_contact_to_sync(marie, anne)
    assert [c.last_name for c in queries.contacts_to_sync(marie)] == ["Bernard"]


def test_actions_in_window(marie):
    day = dt.date(2024, 5, 10)
    at = lambda h: dt.datetime(2024, 5, 10, h, tzinfo=UTC)  # noqa: E731
    before = timed(marie, at(6), at(7))
    across = timed(marie, at(7), at(9))
    inside = timed(marie, at(9), at(10))
    after = timed(marie, at(13), at(14))
    all_day = Action.create(owner=marie, all_day=True, start_date=day, end_date=day)
    Action.create(
        owner=marie, all_day=True, start_date=day.replace(day=11), end_date=day.replace(day=12)
    )
    deleted = timed(marie, at(9), at(10))
    deleted.soft_delete()
    found = {a.id for a in queries.actions_in_window(marie, at(8), at(12))}
    assert found == {across.id, inside.id, all_day.id}
    assert before.id not in found and after.id not in found
    with_tombstones = {
        a.id for a in queries.actions_in_window(marie, at(8), at(12), include_deleted=True)
    }
    assert deleted.id in with_tombstones
