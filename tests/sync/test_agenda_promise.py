"""The agenda sync's promise in the cases new users found broken: links of other kinds,
resets, options that widen what syncs, moves between calendars on the phone, a calendar
shared by two CRM users, and an edit on one side against a deletion on the other."""

from __future__ import annotations

import datetime as dt
import json

from agenda_bench import ALICE, NOW

from crmsync.crm.models import Action, Contact, Site, SiteCalendar, SyncSettings, User
from crmsync.sync.state import (
    KIND_CONTACT,
    KIND_EVENT,
    SyncCursor,
    SyncLink,
    SyncLogEntry,
    forget_links,
)


def _live(bench, calendar_id: str = "primary") -> list[dict]:
    return [e for e in bench.events(calendar_id) if e.get("status") != "cancelled"]


def _actions(user) -> list[Action]:
    return list(Action.select().where(Action.owner == user, Action.deleted_at.is_null()))


# --- links are read by kind -------------------------------------------------------------


def _contact_link_with_id(bench, crm_id: int) -> None:
    """A contact of the same id as an action, linked as the contacts sync links them."""
    Contact.create(id=crm_id, last_name="Homonyme", first_name="Élodie")
    SyncLink.create(
        user=bench.user,
        kind=KIND_CONTACT,
        crm_id=crm_id,
        google_id="people/c148",
        synced=json.dumps({"names": "Élodie Homonyme", "comment": ""}),
    )


def test_the_deletion_question_reads_the_events_link_not_a_contacts(bench):
    action = bench.action("Visite", start=NOW + dt.timedelta(days=3))
    _contact_link_with_id(bench, action.id)
    bench.sync()
    event = bench.event_of(action)
    bench.google.events().delete(calendarId="primary", eventId=event["id"]).execute()
    asked = []

    def ask(question):
        asked.append(question)
        return "later"

    bench.extra["ask"] = ask
    for _ in range(2):  # and again on the next run
        summary = bench.sync()
        assert summary.errors == []
        assert [q.when for q in asked[-1:]] == ["19/11/2026 10:00"]
    assert len(asked) == 2


def test_contact_links_do_not_make_the_agenda_sync_a_later_one(bench):
    old = bench.action("Il y a un mois", start=NOW - dt.timedelta(days=30))
    recent = bench.action("Hier", start=NOW - dt.timedelta(days=1))
    _contact_link_with_id(bench, 9999)
    bench.sync(first_days=7)
    titles = sorted(e["summary"] for e in _live(bench))
    assert titles == ["Hier"]
    assert old.id != recent.id


# --- resets -----------------------------------------------------------------------------


def _phone_event(bench, title: str, days: int = 2, calendar_id: str = "primary") -> dict:
    start = NOW + dt.timedelta(days=days)
    return bench.insert_event(
        calendar_id,
        summary=title,
        start={"dateTime": start.isoformat()},
        end={"dateTime": (start + dt.timedelta(hours=1)).isoformat()},
    )


def _empty_sync_tables(user) -> None:
    for model in (SyncLink, SyncCursor):
        model.delete().where(model.user == user).execute()


def _calendar_reset(user) -> None:
    forget_links(user, calendar_only=True)


def _full_reset(user) -> None:
    forget_links(user, calendar_only=False)


import pytest  # noqa: E402


@pytest.mark.parametrize("reset", [_calendar_reset, _full_reset, _empty_sync_tables])
def test_a_reset_never_duplicates_events_made_on_the_phone(bench, reset):
    _phone_event(bench, "Pris sur le téléphone")
    bench.action("Saisi dans le CRM", start=NOW + dt.timedelta(days=4))
    bench.sync()
    assert len(_actions(bench.user)) == 2 and len(_live(bench)) == 2
    reset(bench.user)
    summary = bench.sync()
    assert summary.created == {"crm": 0, "google": 0}, summary.as_dict()
    assert len(_actions(bench.user)) == 2
    assert sorted(e["summary"] for e in _live(bench)) == [
        "Pris sur le téléphone",
        "Saisi dans le CRM",
    ]
    # and the relinked pairs still sync both ways
    phone = next(e for e in _live(bench) if e["summary"] == "Pris sur le téléphone")
    bench.google.events().patch(
        calendarId="primary", eventId=phone["id"], body={"summary": "Renommé"}
    ).execute()
    bench.sync()
    assert sorted(a.title for a in _actions(bench.user)) == ["Renommé", "Saisi dans le CRM"]


def test_after_a_reset_the_next_sync_reads_everything_again(bench, calendar_api):
    for i in range(3):
        bench.action(f"A{i}", start=NOW + dt.timedelta(days=i + 1))
    bench.sync()
    # « Réinitialisation », then Connexion with another (empty) Google account.
    _full_reset(bench.user)
    other = "bob@example.com"
    settings = SyncSettings.for_user(bench.user)
    settings.calendar_name = other
    settings.calendar_id = None
    settings.save()
    bench.user.google_email = other
    bench.user.save()
    from crmsync.google import secrets

    issued = bench.emulator.post(
        "/tokens",
        {
            "email": other,
            "client_id": "crmsync-sync-tests.apps.googleusercontent.com",
            "refresh": True,
        },
    )
    secrets.open_secret_store().set(secrets.refresh_token_key("alice"), issued["refresh_token"])
    summary = bench.sync()
    assert summary.created["google"] == 3, summary.as_dict()
    bob = calendar_api(other, scopes=["https://www.googleapis.com/auth/calendar"])
    listed = bob.events().list(calendarId="primary").execute()["items"]
    assert sorted(e["summary"] for e in listed) == ["A0", "A1", "A2"]


# --- options that widen what syncs ------------------------------------------------------


def test_switching_series_on_brings_googles_recurring_events_in_at_the_next_sync(bench):
    start = NOW + dt.timedelta(days=1)
    bench.insert_event(
        summary="Hebdo",
        start={"dateTime": start.isoformat(), "timeZone": "Europe/Paris"},
        end={"dateTime": (start + dt.timedelta(hours=1)).isoformat(), "timeZone": "Europe/Paris"},
        recurrence=["RRULE:FREQ=WEEKLY;COUNT=3"],
    )
    bench.sync()
    assert _actions(bench.user) == []
    settings = SyncSettings.for_user(bench.user)
    settings.sync_series = True
    settings.save()
    summary = bench.sync()
    assert summary.created["crm"] == 3
    assert sorted(a.title for a in _actions(bench.user)) == ["Hebdo"] * 3


def test_more_months_before_bring_older_items_in_at_the_next_sync(bench):
    settings = SyncSettings.for_user(bench.user)
    settings.months_before = 1
    settings.save()
    bench.action("Ancien CRM", start=NOW - dt.timedelta(days=60))
    _phone_event(bench, "Ancien téléphone", days=-61)
    bench.sync()
    assert [a.title for a in _actions(bench.user)] == ["Ancien CRM"]
    settings.months_before = 3
    settings.save()
    summary = bench.sync()
    assert summary.created == {"crm": 1, "google": 1}


def test_a_sites_calendar_added_brings_its_events_in_at_the_next_sync(bench, calendar_api):
    bench.google.calendars().insert(body={"summary": "Site Nord"}).execute()
    entry = next(
        c
        for c in bench.google.calendarList().list().execute()["items"]
        if c["summary"] == "Site Nord"
    )
    _phone_event(bench, "Au site nord", calendar_id=entry["id"])
    bench.sync()
    site = Site.create(code="N", name="Nord")
    SiteCalendar.create(user=bench.user, site=site, calendar_name="Site Nord")
    summary = bench.sync()
    assert summary.created["crm"] == 1
    (action,) = _actions(bench.user)
    assert action.title == "Au site nord" and action.site_id == site.id


# --- a phone move between two synced calendars -------------------------------------------


def test_a_phone_move_between_synced_calendars_moves_the_action_to_that_site(bench):
    bench.google.calendars().insert(body={"summary": "Site Sud"}).execute()
    south = next(
        c["id"]
        for c in bench.google.calendarList().list().execute()["items"]
        if c["summary"] == "Site Sud"
    )
    site = Site.create(code="S", name="Sud")
    SiteCalendar.create(user=bench.user, site=site, calendar_name="Site Sud")
    action = bench.action("Déménage")
    bench.sync()
    event = bench.event_of(action)
    bench.google.events().move(
        calendarId="primary", eventId=event["id"], destination=south
    ).execute()
    summary = bench.sync(deletions="apply")
    assert summary.deleted == {"crm": 0, "google": 0}, summary.as_dict()
    action = Action.get_by_id(action.id)
    assert action.deleted_at is None and action.site_id == site.id
    assert [e["summary"] for e in _live(bench, south)] == ["Déménage"]
    assert _live(bench) == []
    # stable afterwards: nothing moves back
    again = bench.sync(deletions="apply")
    assert again.moved == 0 and again.deleted == {"crm": 0, "google": 0}
    assert [e["summary"] for e in _live(bench, south)] == ["Déménage"]


# --- two CRM users on one shared calendar ------------------------------------------------


def test_two_users_sharing_a_calendar_never_touch_each_others_events(bench):
    from crmsync.google import secrets

    bob = User.create(
        login="bob",
        name="Bob",
        email="bob@example.com",
        google_email=ALICE,
        time_zone="Europe/Paris",
    )
    settings = SyncSettings.for_user(bob)
    settings.calendar_name = ALICE
    settings.months_before, settings.months_after = 3, 12
    settings.save()
    issued = bench.emulator.post(
        "/tokens",
        {
            "email": ALICE,
            "client_id": "crmsync-sync-tests.apps.googleusercontent.com",
            "refresh": True,
        },
    )
    secrets.open_secret_store().set(secrets.refresh_token_key("bob"), issued["refresh_token"])
    alice = bench.user
    mine = bench.action("Rendez-vous d'Alice")
    theirs = Action.create(
        owner=bob,
        title="Rendez-vous de Bob",
        start=NOW + dt.timedelta(days=3),
        end=NOW + dt.timedelta(days=3, hours=1),
    )

    def sync_as(user):
        bench.user = user
        try:
            return bench.sync(deletions="apply")
        finally:
            bench.user = alice

    for _ in range(2):
        for user in (alice, bob, alice, bob):
            summary = sync_as(user)
            assert summary.deleted == {"crm": 0, "google": 0}, (user.login, summary.as_dict())
            assert summary.created["crm"] == 0, (user.login, summary.as_dict())
    assert sorted(e["summary"] for e in _live(bench)) == [
        "Rendez-vous d'Alice",
        "Rendez-vous de Bob",
    ]
    assert [a.title for a in _actions(alice)] == [mine.title]
    assert [a.title for a in _actions(bob)] == [theirs.title]
    # An edit by one of them is pushed by its owner only, and the other's sync leaves it.
    theirs.title = "Bob, déplacé"
    theirs.save()
    sync_as(alice)
    assert "Bob, déplacé" not in [e["summary"] for e in _live(bench)]
    sync_as(bob)
    sync_as(alice)
    assert sorted(e["summary"] for e in _live(bench)) == ["Bob, déplacé", "Rendez-vous d'Alice"]
    assert [a.title for a in _actions(alice)] == [mine.title]


# --- an edit against a deletion ---------------------------------------------------------


def test_a_phone_edit_survives_a_crm_deletion(bench):
    action = bench.action("Gardé par le téléphone")
    bench.sync()
    event = bench.event_of(action)
    action.soft_delete()
    bench.google.events().patch(
        calendarId="primary", eventId=event["id"], body={"summary": "Modifié au téléphone"}
    ).execute()
    summary = bench.sync()
    assert summary.deleted == {"crm": 0, "google": 0}, summary.as_dict()
    assert [e["summary"] for e in _live(bench)] == ["Modifié au téléphone"]
    (back,) = _actions(bench.user)
    assert back.title == "Modifié au téléphone"
    said = SyncLogEntry.select().where(SyncLogEntry.result == "restored")
    assert said.count() == 1
    assert bench.sync().as_dict()["created"] == {"crm": 0, "google": 0}


def test_a_crm_edit_survives_a_phone_deletion(bench):
    action = bench.action("Gardé par le CRM")
    bench.sync()
    event = bench.event_of(action)
    bench.google.events().delete(calendarId="primary", eventId=event["id"]).execute()
    action.title = "Modifié dans le CRM"
    action.save()
    summary = bench.sync(deletions="apply")
    assert summary.deleted == {"crm": 0, "google": 0}, summary.as_dict()
    assert Action.get_by_id(action.id).deleted_at is None
    assert [e["summary"] for e in _live(bench)] == ["Modifié dans le CRM"]
    said = SyncLogEntry.select().where(SyncLogEntry.result == "restored")
    assert said.count() == 1
    again = bench.sync(deletions="apply")
    assert again.created == {"crm": 0, "google": 0} and again.deleted == {"crm": 0, "google": 0}
    assert SyncLink.select().where(SyncLink.kind == KIND_EVENT).count() == 1


# --- a CRM edit made while a sync runs ------------------------------------------------------


def test_a_crm_edit_made_while_a_sync_pulls_is_deferred_never_overwritten(bench):
    action = bench.action("Avant")
    bench.sync()
    event = bench.event_of(action)
    bench.google.events().patch(
        calendarId="primary", eventId=event["id"], body={"summary": "Titre du téléphone"}
    ).execute()
    edited = []

    def edit_in_the_crm(progress):
        if not edited:  # the first report comes once planned, before the CRM is written
            during = Action.get_by_id(action.id)
            during.description = "Écrit pendant la synchronisation"
            during.save()
            edited.append(True)

    bench.extra["progress"] = edit_in_the_crm
    bench.sync()
    assert edited
    kept = Action.get_by_id(action.id)
    assert kept.description == "Écrit pendant la synchronisation"
    assert SyncLogEntry.select().where(SyncLogEntry.result == "deferred").count() == 1
    del bench.extra["progress"]
    bench.sync()
    merged = Action.get_by_id(action.id)
    assert (merged.title, merged.description) == (
        "Titre du téléphone",
        "Écrit pendant la synchronisation",
    )
    assert bench.event_of(action)["description"] == "Écrit pendant la synchronisation"


def test_emptied_links_make_the_next_sync_a_full_one_even_with_google_empty(bench):
    for i in range(3):
        bench.action(f"A{i}", start=NOW + dt.timedelta(days=i + 1))
    bench.sync()
    for event in bench.events():
        bench.google.events().delete(calendarId="primary", eventId=event["id"]).execute()
    SyncLink.delete().where(SyncLink.user == bench.user).execute()
    summary = bench.sync()
    assert summary.created["google"] == 3, summary.as_dict()
    assert sorted(e["summary"] for e in _live(bench)) == ["A0", "A1", "A2"]
    assert bench.sync().requests == 1  # and incremental again afterwards


# --- a restored older backup ----------------------------------------------------------------


def test_a_restored_older_backup_never_pairs_an_event_with_an_action_reusing_its_id(bench):
    import shutil

    from crmsync.crm import db as store

    bench.action("Avant la sauvegarde", start=NOW + dt.timedelta(days=1))
    bench.sync()
    store.close_database()
    backup = bench.db_path.with_name("backup.sqlite")
    shutil.copy(bench.db_path, backup)
    store.open_database(bench.db_path)
    after = bench.action("Après la sauvegarde", start=NOW + dt.timedelta(days=2))
    bench.sync()
    # The older backup is restored: the action made since is gone from the CRM, its event
    # is still in Google, and the next action made takes its id back.
    store.close_database()
    shutil.copy(backup, bench.db_path)
    store.open_database(bench.db_path)
    bench.user = User.get(User.login == "alice")
    reused = bench.action("Nouvelle, même numéro", start=NOW + dt.timedelta(days=5))
    assert reused.id == after.id
    summary = bench.sync()
    assert summary.conflicts == 0, summary.as_dict()
    assert sorted(e["summary"] for e in _live(bench)) == [
        "Après la sauvegarde",
        "Avant la sauvegarde",
        "Nouvelle, même numéro",
    ]
    assert sorted(a.title for a in _actions(bench.user)) == [
        "Après la sauvegarde",
        "Avant la sauvegarde",
        "Nouvelle, même numéro",
    ]
    again = bench.sync()
    assert again.created == {"crm": 0, "google": 0} and again.conflicts == 0
