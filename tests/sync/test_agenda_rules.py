"""The agenda sync's rules: deletions and their answers, the mass-deletion guard, caps,
conflicts under each policy, dry runs, relinking, the first push, sites and series."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from agenda_bench import NOW

from crmsync.crm.models import Action, Series, Site, SiteCalendar, SyncSettings
from crmsync.sync import plan as planning
from crmsync.sync.state import SyncLink, SyncLogEntry, forget_links


def _event_ids(bench) -> list[str]:
    return [e["id"] for e in bench.events() if e.get("status") != "cancelled"]


# --- deletions ------------------------------------------------------------------------


def test_a_crm_deletion_deletes_the_event(bench):
    action = bench.action("À supprimer")
    bench.sync()
    event = bench.event_of(action)
    action.soft_delete()
    summary = bench.sync()
    assert summary.deleted == {"crm": 0, "google": 1}
    got = bench.google.events().get(calendarId="primary", eventId=event["id"]).execute()
    assert got["status"] == "cancelled"
    assert not SyncLink.select().exists()


@pytest.mark.parametrize(
    ("mode", "answers", "deleted", "kept"),
    [
        ("apply", None, 3, 0),
        ("keep", None, 0, 3),
        ("ask", ["yes", "no", "yes"], 2, 1),
        ("ask", ["no", "all"], 2, 1),
    ],
)
def test_a_google_deletion_waits_for_an_answer(bench, mode, answers, deleted, kept):
    actions = [bench.action(f"A{i}", start=NOW + dt.timedelta(days=i + 1)) for i in range(3)]
    bench.sync()
    for action in actions:
        bench.google.events().delete(
            calendarId="primary", eventId=bench.event_of(action)["id"]
        ).execute()
    asked = []
    if answers is not None:
        replies = iter(answers)

        def ask(question):
            asked.append(question.title)
            return next(replies)

        bench.extra["ask"] = ask
    summary = bench.sync(deletions=mode)
    assert summary.deleted["crm"] == deleted
    assert Action.live().count() == kept
    if answers is not None:
        assert asked == ["A0", "A1", "A2"][: len(answers)]
    # Kept actions are not pushed back: a deletion never comes back as a duplicate.
    again = bench.sync(deletions=mode)
    assert again.created == {"crm": 0, "google": 0}
    assert _event_ids(bench) == []


def test_unanswered_deletions_are_asked_again_next_time(bench):
    action = bench.action("Attend une réponse")
    bench.sync()
    bench.google.events().delete(
        calendarId="primary", eventId=bench.event_of(action)["id"]
    ).execute()
    first = bench.sync(deletions="ask")  # no one to ask: it waits
    assert first.pending_deletions == 1
    assert Action.live().count() == 1
    second = bench.sync(deletions="apply")
    assert second.deleted["crm"] == 1
    assert Action.live().count() == 0


def test_the_guard_holds_a_mass_deletion_until_confirmed(bench):
    actions = [bench.action(f"B{i}", start=NOW + dt.timedelta(hours=i + 30)) for i in range(12)]
    bench.sync()
    for action in actions:
        bench.google.events().delete(
            calendarId="primary", eventId=bench.event_of(action)["id"]
        ).execute()
    held = bench.sync(deletions="apply")
    assert held.deleted["crm"] == 0
    assert held.guarded and "12 of 12" in held.guarded[0]
    assert Action.live().count() == 12
    assert SyncLogEntry.select().where(SyncLogEntry.operation == "guard").exists()
    confirmed = bench.sync(deletions="apply", confirm_mass_deletion=True)
    assert confirmed.deleted["crm"] == 12
    assert Action.live().count() == 0


def test_the_guard_also_protects_google_from_an_emptied_crm(bench):
    actions = [bench.action(f"C{i}", start=NOW + dt.timedelta(hours=i + 30)) for i in range(12)]
    bench.sync()
    for action in actions[:11]:
        action.soft_delete()
    held = bench.sync()
    assert held.deleted["google"] == 0 and held.guarded
    assert len(_event_ids(bench)) == 12
    done = bench.sync(confirm_mass_deletion=True)
    assert done.deleted["google"] == 11


def test_guard_arithmetic_is_pure():
    options = planning.PlanOptions(window=None, zone=None, now=NOW)  # type: ignore[arg-type]
    links = [
        planning.LinkRecord(crm_id=i, calendar_id="c", google_id=f"g{i}", etag="", base=None)
        for i in range(30)
    ]
    crm = {i: planning.CrmRecord(i, None, "c") for i in range(16)}
    result = planning.plan(crm, [], links, options)
    assert result.guarded == [("crm->google", 16, 30)]
    assert {op.kind for op in result.ops} == {planning.HELD}
    crm = {i: planning.CrmRecord(i, None, "c") for i in range(15)}
    assert not planning.plan(crm, [], links, options).guarded  # half is not more than half
    crm = {i: planning.CrmRecord(i, None, "c") for i in range(9)}
    result = planning.plan(crm, [], links[:9], options)
    assert not result.guarded  # fewer than ten: never a mass deletion


# --- caps ---------------------------------------------------------------------------------


def test_beyond_the_cap_the_nearest_to_today_go_and_the_rest_are_named(bench):
    rows = []
    for i in range(2501):
        start = NOW + dt.timedelta(hours=2 * i + 1)
        rows.append(
            {
                "owner": bench.user.id,
                "action_type": 1,
                "title": f"N{i}",
                "start": start,
                "end": start + dt.timedelta(hours=1),
                "created_at": NOW,
                "updated_at": NOW,
            }
        )
    Action.insert_many(rows).execute()
    bench.emulator.post("/quotas", {"calendar": 100000})
    summary = bench.sync(per_minute=100000)
    assert summary.created["google"] == 2500
    assert [entry["title"] for entry in summary.skipped_by_cap] == ["N2500"]
    assert "cap of 2500" in summary.skipped_by_cap[0]["reason"]
    assert len(_event_ids(bench)) == 2500
    # The calendar found by name once, one listing, fifty batches of fifty.
    assert summary.requests == 1 + 1 + 50
    assert summary.units == 1 + 1 + 2500


# --- conflicts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "crm_later", "winner"),
    [
        ("latest", True, "crm"),
        ("latest", False, "google"),
        ("crm", False, "crm"),
        ("google", True, "google"),
    ],
)
def test_a_field_changed_on_both_sides_follows_the_policy(bench, policy, crm_later, winner):
    settings = SyncSettings.for_user(bench.user)
    settings.conflict_policy = policy
    settings.save()
    action = bench.action("Base", location="Lieu")
    bench.sync()
    event = bench.event_of(action)

    def edit_google():
        bench.google.events().patch(
            calendarId="primary",
            eventId=event["id"],
            body={"summary": "Google", "description": "from Google"},
        ).execute()

    def edit_crm():
        fresh = Action.get_by_id(action.id)
        fresh.title = "CRM"
        fresh.location = "Lieu CRM"
        fresh.save()

    if crm_later:
        edit_google()
        edit_crm()
    else:
        edit_crm()
        edit_google()
    summary = bench.sync()
    assert summary.conflicts == 1
    expected = "CRM" if winner == "crm" else "Google"
    final = Action.get_by_id(action.id)
    # The conflicting field follows the policy; the others merge from where they changed.
    assert final.title == expected
    assert final.location == "Lieu CRM" and final.description == "from Google"
    google = bench.event_of(action)
    assert google["summary"] == expected
    assert google["location"] == "Lieu CRM" and google["description"] == "from Google"
    entry = SyncLogEntry.get(SyncLogEntry.operation == "conflict")
    logged = json.loads(entry.fields)
    assert logged["crm"] == "CRM" and logged["google"] == "Google"
    assert logged["winner"] == winner and logged["field"] == "title"


# --- dry run, relinking, first push ------------------------------------------------------------


def test_a_dry_run_shows_the_plan_and_changes_nothing(bench):
    bench.action("Pas encore")
    bench.insert_event(
        summary="Côté Google",
        start={"dateTime": "2026-11-20T10:00:00Z"},
        end={"dateTime": "2026-11-20T11:00:00Z"},
    )
    summary = bench.sync(dry_run=True)
    assert summary.created == {"crm": 1, "google": 1}
    assert {step["operation"] for step in summary.plan} == {"google_insert", "crm_create"}
    assert Action.select().count() == 1
    assert len(_event_ids(bench)) == 1
    assert not SyncLink.select().exists() and not SyncLogEntry.select().exists()
    real = bench.sync()
    assert real.created == {"crm": 1, "google": 1}


def test_a_reset_relinks_instead_of_duplicating(bench):
    actions = [bench.action(f"R{i}", start=NOW + dt.timedelta(days=i + 1)) for i in range(5)]
    bench.sync()
    forget_links(bench.user, calendar_only=True)
    changed = Action.get_by_id(actions[0].id)
    changed.title = "R0 changed"
    changed.save()
    summary = bench.sync()
    assert summary.created == {"crm": 0, "google": 0}
    assert len(_event_ids(bench)) == 5
    assert Action.select().count() == 5
    assert bench.event_of(actions[0])["summary"] == "R0 changed"
    assert SyncLink.select().count() == 5


def test_first_days_limits_the_first_push_to_recent_actions(bench):
    old = bench.action("Il y a 20 jours", start=NOW - dt.timedelta(days=20))
    recent = bench.action("Il y a 3 jours", start=NOW - dt.timedelta(days=3))
    future = bench.action("Demain", start=NOW + dt.timedelta(days=1))
    summary = bench.sync(first_days=7)
    assert summary.created["google"] == 2
    titles = {e["summary"] for e in bench.events()}
    assert titles == {recent.title, future.title}
    assert old.title not in titles


def test_outside_the_window_nothing_syncs(bench):
    bench.action("Trop loin", start=NOW + dt.timedelta(days=500))
    bench.action("Trop vieux", start=NOW - dt.timedelta(days=200))
    bench.insert_event(
        summary="Lointain",
        start={"dateTime": "2028-06-01T10:00:00Z"},
        end={"dateTime": "2028-06-01T11:00:00Z"},
    )
    summary = bench.sync()
    assert summary.created == {"crm": 0, "google": 0}


# --- sites ------------------------------------------------------------------------------------


def test_each_site_goes_to_its_calendar_and_a_move_moves_the_event(bench):
    clinic = bench.google.calendars().insert(body={"summary": "Clinique Nord"}).execute()
    north = Site.create(code="N", name="Nord")
    SiteCalendar.create(user=bench.user, site=north, calendar_name="Clinique Nord")
    here = bench.action("Au siège")
    there = bench.action("À la clinique", site=north)
    bench.sync()
    assert bench.event_of(here)["summary"] == "Au siège"
    assert bench.event_of(there, clinic["id"])["summary"] == "À la clinique"

    # Found by name once, then remembered by id: renamed on the phone, it still syncs.
    assert SiteCalendar.get().calendar_id == clinic["id"]
    assert SyncSettings.for_user(bench.user).calendar_id == bench.email
    bench.google.calendars().patch(calendarId=clinic["id"], body={"summary": "Nord !"}).execute()
    moved = Action.get_by_id(here.id)
    moved.site = north
    moved.save()
    summary = bench.sync()
    assert summary.moved == 1 and summary.created == {"crm": 0, "google": 0}
    in_clinic = [e for e in bench.events(clinic["id"]) if e.get("status") != "cancelled"]
    assert {e["summary"] for e in in_clinic} == {"À la clinique", "Au siège"}
    assert _event_ids(bench) == []


# --- series -----------------------------------------------------------------------------------


def test_series_actions_wait_for_a_manual_sync(bench):
    series = Series.create(owner=bench.user, rrule="FREQ=WEEKLY;COUNT=3")
    for week in range(3):
        bench.action(
            "Hebdo",
            start=NOW + dt.timedelta(days=1 + 7 * week),
            series=series,
            series_start=NOW + dt.timedelta(days=1 + 7 * week),
        )
    automatic = bench.sync(include_series=False, pull=False)
    assert automatic.created["google"] == 0
    assert len(automatic.skipped) == 3
    manual = bench.sync()
    assert manual.created["google"] == 3


def test_a_manual_sync_pushes_a_crm_series_as_one_recurring_event(bench):
    series = Series.create(owner=bench.user, rrule="FREQ=WEEKLY;COUNT=4")
    starts = [NOW + dt.timedelta(days=1 + 7 * week) for week in range(4)]
    actions = [
        bench.action("Hebdo", start=start, series=series, series_start=start) for start in starts
    ]
    # The third occurrence was deleted, the fourth renamed: an EXDATE and an exception.
    actions[2].delete_instance()
    actions[3].title = "Hebdo (exception)"
    actions[3].save()
    summary = bench.sync()
    assert summary.ok, summary.errors
    masters = bench.events(singleEvents=False)
    recurring = [e for e in masters if e.get("recurrence")]
    assert len(recurring) == 1
    instances = [e for e in bench.events(singleEvents=True) if e.get("status") != "cancelled"]
    assert sorted(e["summary"] for e in instances) == ["Hebdo", "Hebdo", "Hebdo (exception)"]
    assert {e["recurringEventId"] for e in instances} == {recurring[0]["id"]}
    links = {link.crm_id: link.google_id for link in SyncLink.select()}
    assert {links[a.id] for a in (actions[0], actions[1], actions[3])} == {
        e["id"] for e in instances
    }
    again = bench.sync()
    assert again.created == {"crm": 0, "google": 0}
    assert again.updated == {"crm": 0, "google": 0}
    # An occurrence edited later is its own instance's update.
    actions[1].location = "Salle B"
    actions[1].save()
    third = bench.sync()
    assert third.updated["google"] == 1
    changed = [e for e in bench.events(singleEvents=True) if e.get("location") == "Salle B"]
    assert [e["id"] for e in changed] == [links[actions[1].id]]


def test_with_actions_series_google_recurring_events_come_in_as_series(bench):
    settings = SyncSettings.for_user(bench.user)
    bench.insert_event(
        summary="Garde hebdo",
        start={"dateTime": "2026-11-17T18:00:00", "timeZone": "Europe/Paris"},
        end={"dateTime": "2026-11-17T20:00:00", "timeZone": "Europe/Paris"},
        recurrence=["RRULE:FREQ=WEEKLY;COUNT=5", "EXDATE;TZID=Europe/Paris:20261124T180000"],
    )
    off = bench.sync()
    assert off.created["crm"] == 0  # « Actions séries » off: recurring events stay out
    settings.sync_series = True
    settings.save()
    summary = bench.sync(full=True)
    assert summary.ok, summary.errors
    occurrences = list(Action.select().where(Action.title == "Garde hebdo").order_by(Action.start))
    assert len(occurrences) == 4  # five weeks, one excluded
    series = {a.series_id for a in occurrences}
    assert len(series) == 1 and None not in series
    rule = Series.get_by_id(series.pop())
    assert rule.rrule == "FREQ=WEEKLY;COUNT=5"
    assert rule.exdate_list == ["2026-11-24T17:00:00+00:00"]
    assert occurrences[0].series_start == occurrences[0].start
    # A cancelled occurrence on Google's side is a deletion like any other.
    instance = [e for e in bench.events(singleEvents=True) if e.get("summary") == "Garde hebdo"][1]
    bench.google.events().delete(calendarId="primary", eventId=instance["id"]).execute()
    after = bench.sync(deletions="apply")
    assert after.deleted["crm"] == 1
    assert Action.live().where(Action.title == "Garde hebdo").count() == 3


def test_items_entering_the_window_as_days_pass_come_in(bench):
    far = bench.action("Dans treize mois", start=NOW + dt.timedelta(days=372))
    bench.insert_event(
        summary="Google dans treize mois",
        start={"dateTime": (NOW + dt.timedelta(days=373)).isoformat()},
        end={"dateTime": (NOW + dt.timedelta(days=373, hours=1)).isoformat()},
    )
    assert bench.sync().created == {"crm": 0, "google": 0}
    assert bench.sync().requests == 1  # same day: incremental
    later = bench.sync(now=NOW + dt.timedelta(days=40))
    assert later.created == {"crm": 1, "google": 1}
    assert bench.event_of(far)["summary"] == "Dans treize mois"
    assert bench.sync(now=NOW + dt.timedelta(days=40)).requests == 1


def test_choosing_another_calendar_moves_every_synced_event_there(bench):
    other = bench.google.calendars().insert(body={"summary": "Agenda pro"}).execute()
    actions = [bench.action(f"M{i}", start=NOW + dt.timedelta(days=i + 1)) for i in range(3)]
    bench.sync()
    settings = SyncSettings.for_user(bench.user)
    settings.calendar_name = "Agenda pro"
    settings.save()
    summary = bench.sync()
    assert summary.moved == 3 and summary.created == {"crm": 0, "google": 0}
    assert _event_ids(bench) == []
    assert {bench.event_of(a, other["id"])["summary"] for a in actions} == {"M0", "M1", "M2"}
    assert bench.sync().requests == 1  # only the chosen calendar is read from now on


def test_an_action_given_to_another_user_moves_to_their_calendar(bench, calendar_api):
    from agenda_bench import CLIENT_ID

    from crmsync.crm.models import User
    from crmsync.google import secrets

    bob = User.create(login="bob", name="Bob", google_email="bob@example.com")
    settings = SyncSettings.for_user(bob)
    settings.calendar_name = "bob@example.com"
    settings.save()
    issued = bench.emulator.post(
        "/tokens", {"email": "bob@example.com", "client_id": CLIENT_ID, "refresh": True}
    )
    secrets.open_secret_store().set(secrets.refresh_token_key("bob"), issued["refresh_token"])
    action = bench.action("Passé à Bob")
    bench.sync()
    handed = Action.get_by_id(action.id)
    handed.owner = bob
    handed.save()
    alice = bench.sync(pull=False)
    assert alice.deleted["google"] == 1
    assert _event_ids(bench) == []
    bench.user, alice_user = bob, bench.user
    try:
        summary = bench.sync(pull=False)
    finally:
        bench.user = alice_user
    assert summary.created["google"] == 1
    bobs = calendar_api("bob@example.com").events().list(calendarId="primary").execute()
    assert [e["summary"] for e in bobs["items"]] == ["Passé à Bob"]
