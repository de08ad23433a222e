"""A link whose event Google holds merged values the CRM has not taken yet is "unsettled":
a run killed between the Google update and the CRM's commit leaves it so, and the next run
reads the event again instead of taking it for "as last synced"."""

from __future__ import annotations

from test_agenda_crash import kill_when, settle_emulator, start_worker

from crmsync.crm.models import Action
from crmsync.sync.state import KIND_EVENT, SyncLink


def link_of(action: Action) -> SyncLink:
    return SyncLink.get(SyncLink.kind == KIND_EVENT, SyncLink.crm_id == action.id)


def test_a_merge_killed_before_the_crm_took_it_is_finished_by_the_next_run(bench):
    action = bench.action("Visite", location="Ferme des Prés")
    assert bench.sync().ok
    assert link_of(action).unsettled is False
    # Both sides change a different field: Google gets the merged values, the CRM must
    # take Google's location.
    action.title = "Visite sanitaire"
    action.save()
    event = bench.event_of(action)
    bench.google.events().patch(
        calendarId="primary", eventId=event["id"], body={"location": "Ferme du Moulin"}
    ).execute()

    kill_when(start_worker(bench, "crm_commit:1"), "paused crm_commit 1")
    settle_emulator(bench)

    event = bench.event_of(action)
    assert (event["summary"], event["location"]) == ("Visite sanitaire", "Ferme du Moulin")
    link = link_of(action)
    assert link.unsettled is True
    assert link.etag == event["etag"]  # the etag itself, with nothing added to it
    assert Action.get_by_id(action.id).location == "Ferme des Prés"

    assert bench.sync(deletions="apply").ok
    assert Action.get_by_id(action.id).location == "Ferme du Moulin"
    link = link_of(action)
    assert link.unsettled is False and link.etag == bench.event_of(action)["etag"]
