"""The agenda sync end to end against the emulator: the first round trips."""

from __future__ import annotations

import datetime as dt


def test_a_crm_action_is_pushed_and_a_google_event_pulled(bench):
    action = bench.action("Visite élevage 🐄", location="Ferme des Prés")
    bench.insert_event(
        summary="Appel client",
        start={"dateTime": "2026-11-20T10:00:00+01:00"},
        end={"dateTime": "2026-11-20T10:30:00+01:00"},
    )
    summary = bench.sync()
    assert summary.ok, summary.errors
    assert summary.created == {"crm": 1, "google": 1}
    event = bench.event_of(action)
    assert event["summary"] == "Visite élevage 🐄"
    assert event["location"] == "Ferme des Prés"
    from crmsync.crm.models import Action

    pulled = Action.get(Action.title == "Appel client")
    assert pulled.start == dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    again = bench.sync()
    assert again.created == {"crm": 0, "google": 0}
    assert again.updated == {"crm": 0, "google": 0}
    assert again.requests == 1
