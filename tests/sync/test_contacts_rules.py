"""Contact sync rules that guard against losing data: an action and a contact sharing a CRM
id, a comment edited in the CRM while the sync runs, and an edit on one side against a
deletion on the other (SPEC §4)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from agenda_bench import ALICE, NOW
from test_contacts_sync import all_people, label_group, listed, members, person_of, phone_edit

from crmsync.crm.models import Action, Contact, ContactToSync
from crmsync.sync.state import KIND_CONTACT, KIND_EVENT, SyncLink, SyncLogEntry


@pytest.fixture
def people(bench, people_api):
    """Alice's phone: a real People client on the same account."""
    return people_api(ALICE)


def both_sync(bench, **options: Any):
    return bench.sync(agenda=True, contacts=True, **options)


def contact_sync(bench, **options: Any):
    return bench.sync(agenda=False, contacts=True, **options)


def links_of(bench, crm_id: int) -> dict[str, SyncLink]:
    return {
        link.kind: link
        for link in SyncLink.select().where(SyncLink.user == bench.user, SyncLink.crm_id == crm_id)
    }


def log_of(bench, kind: str, crm_id: int) -> list[SyncLogEntry]:
    return list(
        SyncLogEntry.select()
        .where(
            SyncLogEntry.user == bench.user,
            SyncLogEntry.kind == kind,
            SyncLogEntry.crm_id == crm_id,
        )
        .order_by(SyncLogEntry.id)
    )


def test_an_action_and_a_contact_with_the_same_id_sync_apart(bench, people):
    action = bench.action("Visite élevage", start=NOW + dt.timedelta(days=3))
    # a contact of the same CRM id as the action, on the user's list
    contact = listed(bench, Contact.create(id=action.id, first_name="Élodie", last_name="Même"))
    assert contact.id == action.id

    for round_ in range(3):
        summary = both_sync(bench)
        assert summary.ok, (round_, summary.errors)
        links = links_of(bench, action.id)
        assert set(links) == {KIND_EVENT, KIND_CONTACT}, round_
        assert links[KIND_CONTACT].google_id.startswith("people/")
        assert not links[KIND_EVENT].google_id.startswith("people/")
        event = bench.event_of(action)  # exactly one event, never a second one
        person = person_of(people, contact)  # exactly one person
        if round_:
            assert event["summary"] == f"Visite élevage {round_}"
            assert person["addresses"][0]["city"] == f"Lyon {round_}"
            assert Contact.get_by_id(contact.id).comment == f"tél {round_}"
            assert summary.updated == {"google": 2, "crm": 1}, round_
        # edits on both sides of both kinds, for the next round
        fresh = Action.get_by_id(action.id)
        fresh.title = f"Visite élevage {round_ + 1}"
        fresh.save()
        crm_contact = Contact.get_by_id(contact.id)
        crm_contact.city = f"Lyon {round_ + 1}"
        crm_contact.save()
        phone_edit(people, person, "biographies", biographies=[{"value": f"tél {round_ + 1}"}])

    # off the list: only the contact's label goes; the action's event and link stay
    ContactToSync.delete().where(ContactToSync.contact == contact.id).execute()
    summary = both_sync(bench)
    assert summary.ok, summary.errors
    group = label_group(people)
    assert group is not None and members(people, group) == set()
    assert links_of(bench, action.id)[KIND_EVENT].google_id == bench.event_of(action)["id"]
    assert links_of(bench, action.id)[KIND_CONTACT].detached

    # deleted on the phone: the contact's link goes, the action's stays and syncs on
    people.people().deleteContact(resourceName=person_of(people, contact)["resourceName"]).execute()
    summary = both_sync(bench)
    assert summary.ok, summary.errors
    assert set(links_of(bench, action.id)) == {KIND_EVENT}
    assert bench.event_of(action)["summary"] == "Visite élevage 3"

    # back on the list: created again, once
    listed(bench, Contact.get_by_id(contact.id))
    for _ in range(2):
        summary = both_sync(bench)
        assert summary.ok, summary.errors
        assert set(links_of(bench, action.id)) == {KIND_EVENT, KIND_CONTACT}
        assert len(all_people(people)) == 1
        assert len([e for e in bench.events() if e.get("status") != "cancelled"]) == 1
    assert [e.operation for e in log_of(bench, KIND_EVENT, action.id)].count("insert") == 1


def test_a_deletion_question_tells_the_action_not_the_contact_of_the_same_id(bench, people):
    start = NOW + dt.timedelta(days=3)
    action = bench.action("Visite élevage", start=start)
    listed(bench, Contact.create(id=action.id, first_name="Élodie", last_name="Même"))
    # the contact's link is written first: a query by CRM id alone finds it first
    assert contact_sync(bench).ok
    assert bench.sync(agenda=True, contacts=False).ok
    event = bench.event_of(action)
    bench.google.events().delete(calendarId="primary", eventId=event["id"]).execute()
    asked: list[Any] = []
    bench.extra["ask"] = lambda question: asked.append(question) or "no"
    summary = both_sync(bench, deletions="ask")
    assert summary.ok, summary.errors
    [question] = asked
    assert question.action_id == action.id
    assert question.when == start.astimezone(ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y %H:%M")


def test_a_comment_edited_in_the_crm_during_the_sync_is_not_overwritten(bench, people):
    contact = listed(
        bench, Contact.create(first_name="Élodie", last_name="Durand", comment="début")
    )
    assert contact_sync(bench).ok
    phone_edit(people, person_of(people, contact), "biographies", biographies=[{"value": "tél"}])

    edits: list[str] = []

    def edit_in_the_crm(progress: Any) -> None:
        # the user types in the contact's comment while the sync runs (after it read him)
        if not edits:
            fresh = Contact.get_by_id(contact.id)
            fresh.comment = "bureau"
            fresh.save()
            edits.append(fresh.comment)

    bench.extra["progress"] = edit_in_the_crm
    summary = contact_sync(bench)
    assert summary.ok, summary.errors
    assert edits == ["bureau"]
    assert Contact.get_by_id(contact.id).comment == "bureau"  # the pull waited
    assert summary.updated["crm"] == 0

    # the next sync merges it: both sides changed, the CRM's edit is the latest
    bench.extra.pop("progress")
    summary = contact_sync(bench)
    assert summary.ok, summary.errors
    assert summary.conflicts == 1
    assert Contact.get_by_id(contact.id).comment == "bureau"
    assert person_of(people, contact)["biographies"][0]["value"] == "bureau"
    assert contact_sync(bench).updated == {"google": 0, "crm": 0}


def test_deleted_on_the_phone_but_edited_in_the_crm_is_created_again(bench, people):
    edited = listed(bench, Contact.create(first_name="Élodie", last_name="Modifiée"))
    untouched = listed(bench, Contact.create(first_name="Paul", last_name="Intact"))
    assert contact_sync(bench).ok
    for contact in (edited, untouched):
        name = person_of(people, contact)["resourceName"]
        people.people().deleteContact(resourceName=name).execute()
    fresh = Contact.get_by_id(edited.id)
    fresh.city = "Villeurbanne"
    fresh.comment = "à rappeler"
    fresh.save()

    summary = contact_sync(bench)
    assert summary.ok, summary.errors
    # the CRM's edit survives: the contact is in Google again, with it, and still listed
    person = person_of(people, edited)
    assert person["addresses"][0]["city"] == "Villeurbanne"
    assert person["biographies"][0]["value"] == "à rappeler"
    group = label_group(people)
    assert group is not None and members(people, group) == {person["resourceName"]}
    assert ContactToSync.select().where(ContactToSync.contact == edited.id).exists()
    assert summary.created["google"] == 1 and summary.conflicts == 1
    said = [e for e in log_of(bench, KIND_CONTACT, edited.id) if e.operation == "conflict"]
    assert len(said) == 1 and "created again" in said[0].message
    # the one the CRM did not touch leaves the list, as before
    assert not ContactToSync.select().where(ContactToSync.contact == untouched.id).exists()
    assert len(all_people(people)) == 1

    again = contact_sync(bench)
    assert again.ok and again.created == {"google": 0, "crm": 0}
    assert again.updated == {"google": 0, "crm": 0}


def test_a_comment_written_on_the_phone_is_taken_before_the_contact_leaves_the_list(bench, people):
    contact = listed(bench, Contact.create(first_name="Élodie", last_name="Durand", comment="a"))
    assert contact_sync(bench).ok
    phone_edit(people, person_of(people, contact), "biographies", biographies=[{"value": "tél"}])
    ContactToSync.delete().where(ContactToSync.contact == contact.id).execute()

    dry = contact_sync(bench, dry_run=True)  # the preview tells it, as the run does it
    assert dry.updated["crm"] == 1
    assert {p["operation"] for p in dry.plan} == {"comment to CRM", "unlabel"}
    assert Contact.get_by_id(contact.id).comment == "a"
    summary = contact_sync(bench)
    assert summary.ok, summary.errors
    assert Contact.get_by_id(contact.id).comment == "tél"
    assert summary.updated["crm"] == 1
    group = label_group(people)
    assert group is not None and members(people, group) == set()
    [taken] = [e for e in log_of(bench, KIND_CONTACT, contact.id) if e.operation == "update"]
    assert taken.direction == "google->crm" and "before the contact left the list" in taken.message

    again = contact_sync(bench)
    assert again.ok and again.updated == {"google": 0, "crm": 0}
    # back on the list later: nothing to merge, nothing lost
    listed(bench, Contact.get_by_id(contact.id))
    back = contact_sync(bench)
    assert back.ok and back.updated["crm"] == 0
    assert person_of(people, contact)["biographies"][0]["value"] == "tél"


def test_a_comment_written_on_the_phone_of_a_contact_deleted_in_the_crm_is_logged(bench, people):
    contact = listed(bench, Contact.create(first_name="Élodie", last_name="Durand", comment="a"))
    assert contact_sync(bench).ok
    phone_edit(people, person_of(people, contact), "biographies", biographies=[{"value": "tél"}])
    Contact.get_by_id(contact.id).soft_delete()

    summary = contact_sync(bench)
    assert summary.ok, summary.errors
    [kept] = [e for e in log_of(bench, KIND_CONTACT, contact.id) if e.operation == "skip"]
    assert kept.direction == "google->crm" and "« tél »" in kept.message
    assert person_of(people, contact)["biographies"][0]["value"] == "tél"  # kept in Google
    assert contact_sync(bench).ok
    assert len([e for e in log_of(bench, KIND_CONTACT, contact.id) if e.operation == "skip"]) == 1


def test_contacts_synced_first_leave_the_agenda_s_first_sync_a_first_sync(bench, people):
    listed(bench, Contact.create(first_name="Élodie", last_name="Durand"))
    assert contact_sync(bench).ok  # the user has contact links, no event link yet
    old = bench.action("Il y a 20 jours", start=NOW - dt.timedelta(days=20))
    recent = bench.action("Il y a 3 jours", start=NOW - dt.timedelta(days=3))
    summary = bench.sync(agenda=True, contacts=False, first_days=7)
    assert summary.ok, summary.errors
    titles = {e["summary"] for e in bench.events()}
    assert titles == {recent.title} and old.title not in titles


def test_both_comments_changed_as_the_contact_leaves_the_list_is_a_logged_conflict(bench, people):
    contact = listed(bench, Contact.create(first_name="Élodie", last_name="Durand", comment="a"))
    assert contact_sync(bench).ok
    phone_edit(people, person_of(people, contact), "biographies", biographies=[{"value": "tél"}])
    fresh = Contact.get_by_id(contact.id)
    fresh.comment = "bureau"  # after the phone's: the latest
    fresh.save()
    ContactToSync.delete().where(ContactToSync.contact == contact.id).execute()

    summary = contact_sync(bench)
    assert summary.ok, summary.errors
    assert summary.conflicts == 1
    assert Contact.get_by_id(contact.id).comment == "bureau"
    [conflict] = [e for e in log_of(bench, KIND_CONTACT, contact.id) if e.operation == "conflict"]
    assert json.loads(conflict.fields)["comment"]["google"] == "tél"  # the phone's words kept
