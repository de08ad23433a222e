"""Sample data: realistic, valid, deterministic, on a real SQLite file."""

from __future__ import annotations

import collections
import datetime as dt
import io
import re
import shutil
import sqlite3
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from PIL import Image, ImageOps

from crmsync.cli import main
from crmsync.crm.db import close_database, open_database
from crmsync.crm.defaults import ADMIN_LOGIN, STANDARD_TYPES
from crmsync.crm.models import (
    Action,
    ActionType,
    Company,
    Contact,
    ContactToSync,
    Series,
    SyncSettings,
    User,
    UserRight,
)
from crmsync.crm.sample import SampleDataExistsError, generate_sample
from crmsync.crm.sample.names import COMMUNES, REMINDER_MINUTES
from crmsync.crm.sample.photos import PhotoPool, PhotoStyle, render

TODAY = dt.date(2025, 3, 14)
USERS, ACTIONS, CONTACTS = 3, 300, 80
SIZES = {"users": USERS, "actions_per_user": ACTIONS, "contacts": CONTACTS}

_PHONE = re.compile(r"^(0\d( \d\d){4}|\+33 \d( \d\d){4})$")
_EMAIL = re.compile(r"^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]{2,}$")


def make_sample(path, **options):
    """A closed database file holding one batch of sample data."""
    open_database(path)
    try:
        settings = {**SIZES, "photos": True, "seed": 1, "today": TODAY} | options
        return generate_sample(**settings)
    finally:
        close_database()


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "crm.sqlite"
    make_sample(path)
    return path


@pytest.fixture
def sample(sample_file, tmp_path):
    """The module's sample database, copied so a test may change it, and opened."""
    path = tmp_path / "crm.sqlite"
    shutil.copy(sample_file, path)
    database = open_database(path)
    yield database
    close_database()


def generated_users():
    return list(User.select().where(User.login != ADMIN_LOGIN).order_by(User.id))


# --- counts and people --------------------------------------------------------------------


def test_counts(sample):
    users = generated_users()
    assert len(users) == USERS
    assert User.select().count() == USERS + 1
    for user in users:
        assert Action.select().where(Action.owner == user).count() == ACTIONS
    assert Contact.select().count() == CONTACTS
    assert Company.select().count() == CONTACTS // 4
    codes = [company.code for company in Company.select().order_by(Company.id)]
    assert codes[:3] == ["C0001", "C0002", "C0003"]


def test_contact_lists_differ_and_respect_the_cap(sample):
    lists = []
    for user in generated_users():
        ids = {row.contact_id for row in ContactToSync.select().where(ContactToSync.user == user)}
        assert 0 < len(ids) <= min(CONTACTS, 2000)
        lists.append(ids)
    assert len(lists[0]) == CONTACTS  # the first user lists as many as the sync takes
    assert lists[1] != lists[2]


def test_users_are_ready_to_sync(sample):
    users = generated_users()
    zones = {user.time_zone for user in users}
    assert "Europe/Paris" in zones and len(zones) > 1
    for user in users:
        assert re.fullmatch(r"[a-z]+\d*", user.login)
        assert _EMAIL.match(user.email) and user.google_email == user.email
        assert user.email.split("@")[0] != user.login
        settings = SyncSettings.get(SyncSettings.user == user)
        assert settings.calendar_name == user.google_email
    first, *others = users
    rights = UserRight.select().where(UserRight.viewer == first)
    assert {(r.target_id, r.visible, r.agenda) for r in rights} == {
        (other.id, True, True) for other in others
    }


def test_contacts_look_french(sample):
    contacts = list(Contact.select())
    communes = set(COMMUNES)
    for contact in contacts:
        assert contact.civility in ("M.", "Mme", "Dr", "")
        assert (contact.postal_code, contact.city) in communes
        for number in (contact.phone, contact.mobile):
            assert number == "" or _PHONE.match(number), number
        assert contact.email == "" or _EMAIL.match(contact.email), contact.email
    text = " ".join(c.first_name + c.last_name + c.city + c.comment for c in contacts)
    assert re.search(r"[éèêëàâçïîôûü]", text)
    assert any("\n" in contact.comment for contact in contacts)
    assert any(contact.mobile.startswith("+33 ") for contact in contacts)
    assert {company.kind for company in Company.select()} <= {"Client", "Prospect", "Fournisseur"}


# --- the agenda ---------------------------------------------------------------------------


def test_every_type_in_every_agenda(sample):
    codes = {code for code, _ in STANDARD_TYPES}
    for user in generated_users():
        used = {
            action.action_type.code
            for action in Action.select().join(ActionType).where(Action.owner == user)
        }
        assert used == codes


def test_every_action_passes_the_models_rules(sample):
    for action in Action.select():
        action.validate()
        if action.all_day:
            assert action.start is None and action.start_date <= action.end_date
        else:
            assert action.start_date is None and action.start <= action.end
        assert abs((action.start_date or action.start.date()) - TODAY) <= dt.timedelta(days=372)
        assert action.created_at <= action.updated_at
        assert action.updated_at <= dt.datetime.combine(TODAY, dt.time(0), tzinfo=dt.UTC)


def test_timed_actions_fall_in_working_hours_of_their_owner(sample):
    weekdays = collections.Counter()
    for user in generated_users():
        zone = ZoneInfo(user.time_zone)
        for action in Action.select().where(Action.owner == user, Action.all_day == False):  # noqa: E712
            start, end = action.start.astimezone(zone), action.end.astimezone(zone)
            assert dt.time(8) <= start.time() and end.time() <= dt.time(19), action.title
            assert end - start <= dt.timedelta(days=1, hours=1)
            weekdays[start.weekday() < 5] += 1
    assert weekdays[True] > 0.85 * sum(weekdays.values())


def test_shares_of_all_day_private_reminders_and_links(sample):
    actions = list(Action.select())
    total = len(actions)

    def share(test):
        return sum(1 for action in actions if test(action)) / total

    assert 0.02 < share(lambda a: a.all_day) < 0.12
    assert any(a.all_day and a.end_date > a.start_date for a in actions)
    assert 0.04 < share(lambda a: a.private) < 0.18
    assert 0.2 < share(lambda a: a.reminder) < 0.4
    assert {a.reminder_minutes for a in actions if a.reminder} <= set(REMINDER_MINUTES)
    assert 0.2 < share(lambda a: a.contact_id is not None) < 0.8
    assert share(lambda a: a.company_id is not None) > 0.1
    assert any(len(a.description) > 2000 for a in actions)
    assert any("\n" in a.description for a in actions)
    assert any(a.location.startswith("Visio") for a in actions)


def test_series_have_one_action_per_occurrence(sample):
    series_rows = list(Series.select())
    assert series_rows
    assert (
        0.01
        < Action.select().where(Action.series.is_null(False)).count() / (USERS * ACTIONS)
        < 0.06
    )
    for series in series_rows:
        series.validate()
        zone = series.owner.zone
        actions = list(series.actions.order_by(Action.series_start))
        assert actions and all(not a.all_day and a.series_start for a in actions)
        dtstart = actions[0].series_start.astimezone(zone)
        expected = [o.astimezone(dt.UTC) for o in rrulestr(series.rrule, dtstart=dtstart)]
        cancelled = {
            dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
            for text in series.exdate_list
        }
        assert cancelled <= set(expected)
        assert [a.series_start for a in actions] == [o for o in expected if o not in cancelled]
    moved = [
        a for a in Action.select().where(Action.series.is_null(False)) if a.start != a.series_start
    ]
    assert moved, "some occurrences are moved, as exceptions are in Google"


# --- photos -------------------------------------------------------------------------------


def test_photos_decode_in_several_formats(sample):
    with_photo = [c for c in Contact.select() if c.photo is not None]
    assert 0.55 < len(with_photo) / CONTACTS < 0.85
    formats = collections.Counter()
    for contact in with_photo:
        image = Image.open(io.BytesIO(contact.photo))
        image.load()
        formats[image.format] += 1
        assert min(image.size) >= 64 and max(image.size) <= 1200
        assert contact.photo_updated_at is not None
    assert len(formats) >= 3, formats


def test_rotated_photos_come_upright_once_their_exif_is_applied():
    style = PhotoStyle((480, 640), "JPEG", (40, 150, 140), (240, 190, 120), (30, 70, 80), 6, "RGB")
    image = Image.open(io.BytesIO(render(style, "ÉL")))
    assert image.getexif()[0x0112] == 6
    assert image.size == (640, 480)
    assert ImageOps.exif_transpose(image).size == (480, 640)


def test_photo_pool_varies_sizes_formats_and_orientation():
    import random

    pool = PhotoPool(random.Random(7))
    images = [Image.open(io.BytesIO(pool.photo_for("JD"))) for _ in range(200)]
    assert len({image.format for image in images}) == 4
    assert len({image.size for image in images}) > 8
    assert any(image.getexif().get(0x0112, 1) != 1 for image in images)


# --- determinism --------------------------------------------------------------------------


def dump(path) -> dict[str, list[tuple]]:
    """Every row of every table, the admin user's clock-made stamps aside."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        rows = {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
        rows["users"] = connection.execute(
            "SELECT * FROM users WHERE login != ? ORDER BY id", (ADMIN_LOGIN,)
        ).fetchall()
        return rows
    finally:
        connection.close()


def test_same_seed_gives_identical_rows(sample_file, tmp_path):
    again = tmp_path / "again.sqlite"
    make_sample(again)
    assert dump(again) == dump(sample_file)


def test_another_seed_gives_other_rows(sample_file, tmp_path):
    other = tmp_path / "other.sqlite"
    make_sample(other, seed=2)
    first, second = dump(sample_file), dump(other)
    for table in ("users", "contacts", "companies", "actions", "series"):
        assert first[table] != second[table], table


def test_photos_leave_the_other_data_unchanged(tmp_path):
    plain, pictured = tmp_path / "plain.sqlite", tmp_path / "pictured.sqlite"
    make_sample(plain, photos=False, actions_per_user=20, contacts=20)
    make_sample(pictured, photos=True, actions_per_user=20, contacts=20)
    assert dump(plain)["actions"] == dump(pictured)["actions"]
    names = "SELECT first_name, last_name, email FROM contacts ORDER BY id"
    assert sqlite3.connect(plain).execute(names).fetchall() == (
        sqlite3.connect(pictured).execute(names).fetchall()
    )


# --- edge cases and the command line ------------------------------------------------------


def test_agendas_without_any_contact(tmp_path):
    summary = make_sample(tmp_path / "crm.sqlite", contacts=0, actions_per_user=40, photos=False)
    assert (summary.contacts, summary.companies, summary.contacts_to_sync) == (0, 0, 0)
    assert summary.actions == 3 * 40
    open_database(tmp_path / "crm.sqlite")
    try:
        assert not any("{" in action.title for action in Action.select())
        assert Action.select().where(Action.contact.is_null(False)).count() == 0
    finally:
        close_database()


def test_refuses_a_database_with_data_unless_appending(sample):
    with pytest.raises(SampleDataExistsError, match="--append"):
        generate_sample(users=1, actions_per_user=1, contacts=1, today=TODAY)
    summary = generate_sample(users=2, actions_per_user=5, contacts=8, today=TODAY, append=True)
    assert summary.users == 2
    assert User.select().count() == USERS + 3
    assert Company.select().where(Company.code == "C0021").exists()  # codes carry on
    logins = [user.login for user in User.select()]
    assert len(logins) == len(set(logins))


def test_command_line(tmp_path, capsys):
    db = str(tmp_path / "crm.sqlite")
    command = ["--db", db, "demo-data", "--users", "2", "--actions", "30", "--contacts", "12"]
    assert main([*command, "--photos", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "2 users, 60 actions" in out and "12 contacts" in out

    assert main(command) == 2
    err = capsys.readouterr().err
    assert "already holds 2 users" in err and "--append" in err

    assert main([*command, "--append"]) == 0
    open_database(db)
    try:
        assert User.select().count() == 5
        assert Action.select().count() == 120
    finally:
        close_database()


def test_command_line_refuses_negative_sizes(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["--db", str(tmp_path / "crm.sqlite"), "demo-data", "--actions", "-1"])
    assert "negative" in capsys.readouterr().err
