"""Every synced field both ways, through the real client against the emulator."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from agenda_bench import NOW

from crmsync.crm.models import Action, ActionType, SyncSettings

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


def test_every_field_goes_to_google(bench):
    action = bench.action(
        "Vaccination 🐕 chez Dupont",
        start=paris(2026, 11, 20, 14, 30),
        hours=1.5,
        location="12 rue des Lilas, 35000 Rennes",
        private=True,
        reminder=True,
        reminder_minutes=45,
        description="Ligne 1\nLigne 2 — accentuée é",
        action_type=bench.action_type("I"),
    )
    assert bench.sync().ok
    event = bench.event_of(action)
    assert event["summary"] == "Vaccination 🐕 chez Dupont"
    assert event["location"] == "12 rue des Lilas, 35000 Rennes"
    assert event["description"] == "Ligne 1\nLigne 2 — accentuée é"
    assert event["visibility"] == "private"
    assert event["reminders"] == {
        "useDefault": False,
        "overrides": [{"method": "popup", "minutes": 45}],
    }
    assert event["colorId"] == "11"  # Intervention → Tomato
    assert dt.datetime.fromisoformat(event["start"]["dateTime"]) == paris(2026, 11, 20, 14, 30)
    assert dt.datetime.fromisoformat(event["end"]["dateTime"]) == paris(2026, 11, 20, 16, 0)
    assert event["start"]["timeZone"] == "Europe/Paris"


def test_no_reminder_is_an_explicit_no_reminder(bench):
    action = bench.action("Sans rappel", reminder=False)
    bench.sync()
    reminders = bench.event_of(action)["reminders"]
    assert reminders["useDefault"] is False
    assert reminders.get("overrides", []) == []


def test_all_day_inclusive_end_becomes_googles_exclusive_end(bench):
    action = Action.create(
        owner=bench.user,
        title="Congrès",
        all_day=True,
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2026, 12, 3),
    )
    bench.sync()
    event = bench.event_of(action)
    assert event["start"] == {"date": "2026-12-01"}
    assert event["end"] == {"date": "2026-12-04"}


def test_google_all_day_and_multi_day_events_come_in(bench):
    bench.insert_event(summary="Salon", start={"date": "2026-12-07"}, end={"date": "2026-12-10"})
    bench.insert_event(
        summary="Garde de nuit",
        start={"dateTime": "2026-12-11T20:00:00+01:00"},
        end={"dateTime": "2026-12-12T08:00:00+01:00"},
    )
    bench.sync()
    salon = Action.get(Action.title == "Salon")
    assert salon.all_day and (salon.start_date, salon.end_date) == (
        dt.date(2026, 12, 7),
        dt.date(2026, 12, 9),
    )
    night = Action.get(Action.title == "Garde de nuit")
    assert not night.all_day
    assert night.start == paris(2026, 12, 11, 20, 0) and night.end == paris(2026, 12, 12, 8, 0)


def test_every_field_comes_back_from_google(bench):
    action = bench.action("Avant", action_type=bench.action_type("R"))
    bench.sync()
    event = bench.event_of(action)
    event.update(
        summary="Après",
        location="Ailleurs",
        description="Nouvelle description",
        visibility="private",
        reminders={"useDefault": False, "overrides": [{"method": "popup", "minutes": 30}]},
        start={"dateTime": "2026-11-25T08:00:00+01:00"},
        end={"dateTime": "2026-11-25T09:15:00+01:00"},
        colorId="6",  # Tangerine: the TS type
    )
    bench.google.events().update(calendarId="primary", eventId=event["id"], body=event).execute()
    summary = bench.sync()
    assert summary.updated == {"crm": 1, "google": 0}
    action = Action.get_by_id(action.id)
    assert action.title == "Après" and action.location == "Ailleurs"
    assert action.description == "Nouvelle description" and action.private
    assert action.reminder and action.reminder_minutes == 30
    assert action.start == paris(2026, 11, 25, 8, 0) and action.end == paris(2026, 11, 25, 9, 15)
    assert action.action_type.code == "TS"


def test_an_unmapped_colour_keeps_the_type_and_a_new_event_gets_the_default(bench):
    action = bench.action("Formation", action_type=bench.action_type("F"))
    bench.sync()
    event = bench.event_of(action)
    bench.google.events().patch(
        calendarId="primary", eventId=event["id"], body={"colorId": "3", "summary": "F2"}
    ).execute()
    bench.insert_event(
        summary="Nouveau",
        colorId="5",  # Banana is TL's colour
        start={"dateTime": "2026-11-26T10:00:00Z"},
        end={"dateTime": "2026-11-26T11:00:00Z"},
    )
    bench.insert_event(
        summary="Sans couleur",
        start={"dateTime": "2026-11-26T12:00:00Z"},
        end={"dateTime": "2026-11-26T13:00:00Z"},
    )
    bench.sync()
    assert Action.get_by_id(action.id).action_type.code == "F"
    assert Action.get(Action.title == "Nouveau").action_type.code == "TL"
    assert Action.get(Action.title == "Sans couleur").action_type.code == "R"  # the default


def test_a_custom_type_goes_to_the_nearest_colour_and_colours_can_be_off(bench):
    red = ActionType.create(code="URG", label="Urgence", colour="#e02020")
    grey = ActionType.create(code="GR", label="Gris", colour="#808080")
    urgent = bench.action("Urgence", action_type=red)
    neutral = bench.action("Gris", action_type=grey, start=NOW + dt.timedelta(days=3))
    bench.sync()
    assert bench.event_of(urgent)["colorId"] == "11"
    assert "colorId" not in bench.event_of(neutral)  # too far from every colour
    settings = SyncSettings.for_user(bench.user)
    settings.transfer_colours = False
    settings.save()
    plain = bench.action("Sans couleur", action_type=red, start=NOW + dt.timedelta(days=4))
    bench.sync()
    assert "colorId" not in bench.event_of(plain)


@pytest.mark.parametrize(
    ("zone", "local"),
    [
        # The weeks of the changes: Paris on 29 March and 25 October 2026,
        # New York on 8 March and 1 November 2026.
        ("Europe/Paris", (2026, 3, 30, 9, 0)),
        ("Europe/Paris", (2026, 10, 26, 9, 0)),
        ("Europe/Paris", (2026, 10, 25, 3, 30)),
        ("America/New_York", (2026, 3, 9, 9, 0)),
        ("America/New_York", (2026, 11, 2, 9, 0)),
        ("America/New_York", (2026, 11, 1, 1, 30)),
    ],
)
def test_times_hold_across_dst_changes(bench, zone, local):
    bench.user.time_zone = zone
    bench.user.save()
    settings = SyncSettings.for_user(bench.user)
    settings.months_before = 12
    settings.save()
    start = dt.datetime(*local, tzinfo=ZoneInfo(zone))
    action = bench.action("Changement d'heure", start=start, hours=2)
    bench.sync()
    event = bench.event_of(action)
    # In UTC: an ambiguous wall-clock time never compares equal across zones (PEP 495).
    sent = dt.datetime.fromisoformat(event["start"]["dateTime"])
    assert sent.astimezone(dt.UTC) == start.astimezone(dt.UTC)
    assert sent.utcoffset() == start.utcoffset()
    assert event["start"]["timeZone"] == zone
    # The week after, moved on Google's side by wall-clock time in the user's zone.
    moved = start + dt.timedelta(days=7)
    bench.google.events().patch(
        calendarId="primary",
        eventId=event["id"],
        body={
            "start": {"dateTime": moved.replace(tzinfo=None).isoformat(), "timeZone": zone},
            "end": {
                "dateTime": (moved + dt.timedelta(hours=2)).replace(tzinfo=None).isoformat(),
                "timeZone": zone,
            },
        },
    ).execute()
    bench.sync()
    back = Action.get_by_id(action.id)
    assert back.start == moved.astimezone(dt.UTC)
    assert back.start.astimezone(ZoneInfo(zone)).hour == start.hour


def test_invitations_come_in_are_never_pushed_and_declined_ones_stay_out(bench):
    def invitation(title: str, uid: str, answer: str) -> dict:
        # Google's copy of someone else's meeting in the attendee's calendar.
        return (
            bench.google.events()
            .import_(
                calendarId="primary",
                body={
                    "summary": title,
                    "iCalUID": uid,
                    "organizer": {"email": "bob@example.com"},
                    "start": {"dateTime": "2026-11-24T10:00:00+01:00"},
                    "end": {"dateTime": "2026-11-24T11:00:00+01:00"},
                    "attendees": [
                        {"email": "bob@example.com", "organizer": True},
                        {"email": bench.email, "responseStatus": answer},
                    ],
                },
            )
            .execute()
        )

    accepted = invitation("Réunion chez Bob", "meeting-1@example.com", "accepted")
    invitation("Refusée", "meeting-2@example.com", "declined")

    bench.sync()
    meeting = Action.get(Action.title == "Réunion chez Bob")
    assert not Action.select().where(Action.title == "Refusée").exists()

    meeting.title = "Renamed in the CRM"
    meeting.save()
    summary = bench.sync()
    assert summary.updated["google"] == 0
    assert any("invitation" in entry["reason"] for entry in summary.skipped)
    after = bench.google.events().get(calendarId="primary", eventId=accepted["id"]).execute()
    assert after["summary"] == "Réunion chez Bob"
    assert after["etag"] == accepted["etag"]


def test_an_invitation_sent_by_another_account_comes_in_and_is_never_pushed(bench, calendar_api):
    bob = calendar_api("bob@example.com")
    sent = (
        bob.events()
        .insert(
            calendarId="primary",
            body={
                "summary": "Comité chez Bob",
                "start": {"dateTime": "2026-11-24T14:00:00+01:00"},
                "end": {"dateTime": "2026-11-24T15:00:00+01:00"},
                "attendees": [{"email": bench.email}],
            },
        )
        .execute()
    )
    bench.sync()
    meeting = Action.get(Action.title == "Comité chez Bob")
    meeting.title = "Changed in the CRM"
    meeting.save()
    summary = bench.sync()
    assert summary.updated["google"] == 0
    assert any("invitation" in entry["reason"] for entry in summary.skipped)
    assert bob.events().get(calendarId="primary", eventId=sent["id"]).execute()["summary"] == (
        "Comité chez Bob"
    )
    # Bob moves his meeting: the CRM follows.
    bob.events().patch(
        calendarId="primary",
        eventId=sent["id"],
        body={
            "start": {"dateTime": "2026-11-25T14:00:00+01:00"},
            "end": {"dateTime": "2026-11-25T15:00:00+01:00"},
        },
    ).execute()
    bench.sync()
    assert Action.get_by_id(meeting.id).start == paris(2026, 11, 25, 14, 0)
