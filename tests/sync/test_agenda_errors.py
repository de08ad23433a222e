"""What Google answers when things go wrong, and what the sync does about it: retries with
backoff for rate limits, 5xx and dropped connections; 409 on a retried insert; 410 on an
expired sync token; 412 on a stale etag."""

from __future__ import annotations

import datetime as dt

import pytest
from agenda_bench import NOW

from crmsync.crm.models import Action
from crmsync.sync.state import SyncCursor, SyncLink


def _live(bench) -> list[dict]:
    return [e for e in bench.events() if e.get("status") != "cancelled"]


@pytest.mark.parametrize("kind", ["429", "403rate", "500", "503"])
def test_inner_parts_refused_are_retried_until_they_pass(bench, kind):
    for i in range(7):
        bench.action(f"E{i}", start=NOW + dt.timedelta(hours=i + 5))
    bench.emulator.post("/faults", {"match": "calendar.events.insert", "kind": kind, "count": 3})
    summary = bench.sync()
    assert summary.ok, summary.errors
    assert summary.created["google"] == 7
    assert summary.retries >= 1
    assert len(_live(bench)) == 7
    assert SyncLink.select().count() == 7


@pytest.mark.parametrize("kind", ["drop", "503", "429"])
def test_a_whole_batch_failing_is_sent_again_without_duplicates(bench, kind):
    for i in range(4):
        bench.action(f"D{i}", start=NOW + dt.timedelta(hours=i + 5))
    bench.emulator.post("/faults", {"match": "batch.calendar*", "kind": kind, "count": 2})
    summary = bench.sync()
    assert summary.ok, summary.errors
    assert summary.created["google"] == 4
    assert len(_live(bench)) == 4


def test_an_event_already_carrying_the_action_is_linked_not_duplicated(bench):
    """A crash between Google's insert and our commit: the next listing finds the event by
    the ids it carries and links it."""
    from crmsync.sync.engine import database_id

    action = bench.action("Déjà là", start=NOW + dt.timedelta(days=2))
    bench.insert_event(
        id="aaaaabbbbbcccccdddddeeeee0",
        summary="Déjà là",
        start={"dateTime": (NOW + dt.timedelta(days=2)).isoformat()},
        end={"dateTime": (NOW + dt.timedelta(days=2, hours=1)).isoformat()},
        extendedProperties={
            "private": {"crmsyncDb": database_id(), "crmsyncAction": str(action.id)}
        },
    )
    summary = bench.sync()
    assert summary.created == {"crm": 0, "google": 0}
    assert len(_live(bench)) == 1
    assert SyncLink.get().google_id == "aaaaabbbbbcccccdddddeeeee0"


def test_409_on_insert_reads_the_event_and_links_it(bench, monkeypatch):
    import crmsync.sync.agenda_apply as apply
    from crmsync.sync.engine import database_id

    action = bench.action("Réessai")
    bench.sync(pull=False)  # nothing yet: it goes now
    assert SyncLink.select().count() == 1
    # Forget the link and replay the very same insert: Google answers 409 duplicate.
    link = SyncLink.get()
    event_id = link.google_id
    link.delete_instance()
    fresh = Action.get_by_id(action.id)
    fresh.title = "Réessai"
    fresh.save()
    monkeypatch.setattr(apply, "new_event_id", lambda: event_id)
    summary = bench.sync(pull=False)
    assert summary.ok, summary.errors
    assert SyncLink.get().google_id == event_id
    assert len(_live(bench)) == 1
    assert database_id()


def test_an_expired_sync_token_means_a_full_listing_and_no_duplicate(bench):
    for i in range(5):
        bench.action(f"T{i}", start=NOW + dt.timedelta(days=i + 1))
    bench.sync()
    cursor = SyncCursor.get(SyncCursor.scope.startswith("calendar:"))
    cursor.value = "not-a-valid-token"
    cursor.save()
    summary = bench.sync()
    assert summary.ok
    assert summary.created == {"crm": 0, "google": 0}
    assert summary.requests == 2  # the 410, then the full listing
    assert len(_live(bench)) == 5
    assert Action.select().count() == 5


def test_a_stale_etag_means_read_again_and_merge_again(bench):
    action = bench.action("Version 1", location="Ici")
    bench.sync()
    event = bench.event_of(action)
    # Google changes the description after our listing but before our update: the update
    # carries the old etag and gets 412; the sync re-reads and merges both edits.
    fresh = Action.get_by_id(action.id)
    fresh.title = "Version 2"
    fresh.save()
    bench.google.events().patch(
        calendarId="primary", eventId=event["id"], body={"description": "du téléphone"}
    ).execute()
    summary = bench.sync(pull=False)
    assert summary.ok, summary.errors
    final = bench.event_of(action)
    assert final["summary"] == "Version 2"
    assert final["description"] == "du téléphone"
    assert Action.get_by_id(action.id).description == "du téléphone"


def test_a_daily_quota_exceeded_stops_with_a_clear_error(bench):
    bench.action("Quota")
    bench.emulator.post("/quotas", {"calendar": 1})
    summary = bench.sync()
    # One request per minute: the listing passes, the batch is refused with
    # rateLimitExceeded until the retries give up.
    assert not summary.ok
    assert summary.errors
    assert SyncLink.select().count() == 0
    bench.emulator.post("/quotas", {"calendar": 600})
    again = bench.sync()
    assert again.ok and again.created["google"] == 1


def test_a_409_whose_event_holds_older_values_still_sends_the_newer_edit(bench, monkeypatch):
    import crmsync.sync.agenda_apply as apply

    action = bench.action("Première version")
    bench.sync(pull=False)
    link = SyncLink.get()
    event_id = link.google_id
    link.delete_instance()  # as if the answer to the insert had been lost
    fresh = Action.get_by_id(action.id)
    fresh.title = "Seconde version"  # edited before the retry
    fresh.save()
    with monkeypatch.context() as patched:
        patched.setattr(apply, "new_event_id", lambda: event_id)
        first = bench.sync(pull=False)
    assert first.ok, first.errors
    second = bench.sync()
    assert second.ok, second.errors
    assert bench.event_of(action)["summary"] == "Seconde version"
    assert Action.get_by_id(action.id).title == "Seconde version"
