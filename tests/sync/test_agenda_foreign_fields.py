"""A CRM edit of an event changes only what the CRM owns: what the phone, a guest or another
app put on the event (guests, « show as », other reminders, other apps' extended properties,
conference data, attachments, a visibility the CRM cannot express) stays."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from agenda_bench import Bench

from crmsync.crm.models import Action

PARIS = ZoneInfo("Europe/Paris")
GUESTS = [{"email": "carol@example.com"}, {"email": "dan@example.com", "optional": True}]
CONFERENCE = {
    "conferenceId": "abc-defg-hij",
    "conferenceSolution": {"key": {"type": "hangoutsMeet"}, "name": "Google Meet"},
    "entryPoints": [{"entryPointType": "video", "uri": "https://meet.google.com/abc-defg-hij"}],
}
ATTACHMENTS = [
    {
        "fileUrl": "https://drive.google.com/open?id=1a2b3c",
        "title": "Devis.pdf",
        "mimeType": "application/pdf",
    }
]


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


def phone_event(bench: Bench, **fields: Any) -> dict[str, Any]:
    """An event made on the phone, enriched by other apps: everything we do not own."""
    body: dict[str, Any] = {
        "summary": "Visite élevage",
        "start": {"dateTime": "2026-11-24T10:00:00+01:00", "timeZone": "Europe/Paris"},
        "end": {"dateTime": "2026-11-24T11:00:00+01:00", "timeZone": "Europe/Paris"},
        "attendees": GUESTS,
        "transparency": "transparent",
        "visibility": "public",
        "reminders": {
            "useDefault": False,
            "overrides": [{"method": "email", "minutes": 1440}, {"method": "popup", "minutes": 10}],
        },
        "extendedProperties": {
            "private": {"otherApp": "42"},
            "shared": {"room": "B12"},
        },
        "conferenceData": CONFERENCE,
        "attachments": ATTACHMENTS,
        **fields,
    }
    request = bench.google.events().insert(
        calendarId="primary", body=body, conferenceDataVersion=1, supportsAttachments=True
    )
    return request.execute()


def current(bench: Bench, event: dict[str, Any]) -> dict[str, Any]:
    return bench.google.events().get(calendarId="primary", eventId=event["id"]).execute()


def overrides(event: dict[str, Any]) -> list[tuple[str, int]]:
    return sorted((o["method"], o["minutes"]) for o in event["reminders"].get("overrides", []))


def test_a_crm_edit_of_title_and_time_keeps_everything_the_crm_does_not_own(bench):
    made = phone_event(bench)
    assert bench.sync().created["crm"] == 1
    action = Action.get(Action.title == "Visite élevage")
    assert action.reminder and action.reminder_minutes == 10 and not action.private

    action.title = "Visite élevage (reportée)"
    action.start, action.end = paris(2026, 11, 26, 14, 0), paris(2026, 11, 26, 15, 30)
    action.save()
    before = bench.counters()
    summary = bench.sync()

    assert summary.ok and summary.updated == {"crm": 0, "google": 1}
    after = current(bench, made)
    assert after["summary"] == "Visite élevage (reportée)"
    assert dt.datetime.fromisoformat(after["start"]["dateTime"]) == paris(2026, 11, 26, 14, 0)
    assert dt.datetime.fromisoformat(after["end"]["dateTime"]) == paris(2026, 11, 26, 15, 30)
    # What the phone and the other apps put there is all still there.
    assert [(a["email"], a.get("optional", False)) for a in after["attendees"]] == [
        ("carol@example.com", False),
        ("dan@example.com", True),
    ]
    assert after["transparency"] == "transparent"
    assert after["visibility"] == "public"  # the CRM's privacy did not change
    assert overrides(after) == [("email", 1440), ("popup", 10)]
    assert after["extendedProperties"]["shared"] == {"room": "B12"}
    private = after["extendedProperties"]["private"]
    assert private["otherApp"] == "42"
    assert private["crmsyncAction"] == str(action.id)  # and ours joined them
    assert after["conferenceData"] == CONFERENCE
    assert after["attachments"] == ATTACHMENTS
    assert after["sequence"] > made["sequence"]  # a time change guests care about
    counted = bench.counters()
    sent = {k: counted.get(k, 0) - before.get(k, 0) for k in counted}
    assert sent.get("calendar.events.patch") == 1 and not sent.get("calendar.events.update")
    # Read back, nothing differs any more: the next sync has nothing to do.
    again = bench.sync()
    assert again.updated == {"crm": 0, "google": 0} and again.created == {"crm": 0, "google": 0}


def test_a_crm_reminder_change_replaces_only_the_crms_popup(bench):
    made = phone_event(
        bench,
        reminders={
            "useDefault": False,
            "overrides": [
                {"method": "email", "minutes": 60},
                {"method": "popup", "minutes": 30},
                {"method": "popup", "minutes": 10},
            ],
        },
    )
    bench.sync()
    action = Action.get(Action.title == "Visite élevage")
    assert action.reminder_minutes == 10  # the shortest popup is the CRM's reminder

    # Longer than the phone's other popup: read back, ours must still be told from theirs.
    action.reminder_minutes = 45
    action.save()
    assert bench.sync().updated == {"crm": 0, "google": 1}
    assert overrides(current(bench, made)) == [("email", 60), ("popup", 30), ("popup", 45)]
    assert bench.sync().updated == {"crm": 0, "google": 0}
    assert Action.get_by_id(action.id).reminder_minutes == 45

    action = Action.get_by_id(action.id)
    action.reminder = False
    action.save()
    assert bench.sync().updated == {"crm": 0, "google": 1}
    after = current(bench, made)
    assert overrides(after) == [("email", 60), ("popup", 30)]
    assert after["reminders"]["useDefault"] is False
    assert bench.sync().updated == {"crm": 0, "google": 0}
    assert not Action.get_by_id(action.id).reminder  # the phone's popup is not the CRM's


def test_reminders_carried_from_the_listing_need_no_extra_read(bench):
    made = phone_event(bench)
    bench.sync()
    action = Action.get(Action.title == "Visite élevage")
    action.reminder_minutes = 20
    action.save()
    # Meanwhile on the phone: another field changes, so this run lists the event.
    bench.google.events().patch(
        calendarId="primary", eventId=made["id"], body={"location": "Ferme du Bois"}
    ).execute()
    before = bench.counters()
    assert bench.sync().updated == {"crm": 1, "google": 1}
    counted = bench.counters()
    assert counted.get("calendar.events.get", 0) == before.get("calendar.events.get", 0)
    after = current(bench, made)
    assert overrides(after) == [("email", 1440), ("popup", 20)]
    assert after["location"] == "Ferme du Bois"
    assert Action.get_by_id(action.id).location == "Ferme du Bois"


def test_visibility_goes_only_when_the_crms_privacy_changed(bench):
    secret = phone_event(bench, summary="Confidentiel", visibility="confidential")
    shown = phone_event(
        bench,
        summary="Public",
        visibility="public",
        start={"dateTime": "2026-11-25T10:00:00+01:00"},
        end={"dateTime": "2026-11-25T11:00:00+01:00"},
    )
    bench.sync()
    confidential = Action.get(Action.title == "Confidentiel")
    public = Action.get(Action.title == "Public")
    assert confidential.private and not public.private

    confidential.description = "Rien sur la vie privée"
    confidential.save()
    public.private = True
    public.save()
    assert bench.sync().updated == {"crm": 0, "google": 2}
    assert current(bench, secret)["visibility"] == "confidential"
    assert current(bench, secret)["description"] == "Rien sur la vie privée"
    assert current(bench, shown)["visibility"] == "private"

    confidential = Action.get_by_id(confidential.id)
    confidential.private = False
    confidential.save()
    bench.sync()
    assert current(bench, secret)["visibility"] == "default"


def test_a_timed_event_made_all_day_in_the_crm_and_back(bench):
    made = phone_event(bench)
    bench.sync()
    action = Action.get(Action.title == "Visite élevage")
    action.all_day = True
    action.start_date = action.end_date = dt.date(2026, 11, 27)
    action.save()
    assert bench.sync().updated == {"crm": 0, "google": 1}
    after = current(bench, made)
    assert (after["start"], after["end"]) == ({"date": "2026-11-27"}, {"date": "2026-11-28"})
    assert after["transparency"] == "transparent" and len(after["attendees"]) == 2

    action = Action.get_by_id(action.id)
    action.all_day = False
    action.start, action.end = paris(2026, 11, 27, 9, 0), paris(2026, 11, 27, 10, 0)
    action.save()
    assert bench.sync().updated == {"crm": 0, "google": 1}
    after = current(bench, made)
    assert "date" not in after["start"] and after["start"]["timeZone"] == "Europe/Paris"
    assert dt.datetime.fromisoformat(after["start"]["dateTime"]) == paris(2026, 11, 27, 9, 0)
