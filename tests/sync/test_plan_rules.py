"""Planning and merging are pure: their rules tested on neutral items, in milliseconds."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from crmsync.sync import plan as planning
from crmsync.sync.calendar_events import EventFacts
from crmsync.sync.items import AgendaItem, When, Window
from crmsync.sync.merge import merge

NOW = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)
ZONE = ZoneInfo("Europe/Paris")
CAL, SITE_CAL = "alice@example.com", "site-sud"


def item(title: str = "RDV", days: int = 2, **values) -> AgendaItem:
    start = NOW + dt.timedelta(days=days)
    fields = dict(
        title=title,
        location="",
        when=When(False, start, start + dt.timedelta(hours=1)),
        private=False,
        reminder=None,
        description="",
        type_code="RDV",
    )
    fields.update(values)
    return AgendaItem(**fields)


def facts(event_id: str, *, cancelled: bool = False, action_id: int | None = None, **more):
    return EventFacts(
        id=event_id,
        etag='"1"',
        cancelled=cancelled,
        updated=more.pop("updated", NOW),
        database_id="db" if action_id else None,
        action_id=action_id,
        attendee_only=False,
        declined=False,
        recurring_id="",
        **more,
    )


def options(**values) -> planning.PlanOptions:
    return planning.PlanOptions(
        window=Window.around(NOW, 3, 12, ZONE), zone=ZONE, now=NOW, **values
    )


def kinds(result: planning.Plan) -> list[str]:
    return sorted(op.kind for op in result.ops)


# --- the merge's tie-break --------------------------------------------------------------


def test_a_conflict_at_the_same_instant_goes_to_the_crm():
    base = item("Avant")
    merged = merge(
        base,
        item("CRM"),
        item("Google"),
        policy="latest",
        crm_updated=NOW,
        google_updated=NOW,
    )
    assert merged.item.title == "CRM"
    assert [(c.field, c.winner) for c in merged.conflicts] == [("title", "crm")]


@pytest.mark.parametrize(("google_later", "winner"), [(True, "Google"), (False, "CRM")])
def test_under_latest_the_later_edit_wins(google_later, winner):
    later, earlier = NOW, NOW - dt.timedelta(seconds=1)
    merged = merge(
        item("Avant"),
        item("CRM"),
        item("Google"),
        policy="latest",
        crm_updated=earlier if google_later else later,
        google_updated=later if google_later else earlier,
    )
    assert merged.item.title == winner


def test_fields_changed_on_one_side_each_are_both_kept():
    merged = merge(
        item("Avant"),
        item("CRM"),
        item("Avant", location="Lyon"),
        policy="google",
        crm_updated=NOW,
        google_updated=NOW,
    )
    assert (merged.item.title, merged.item.location, merged.conflicts) == ("CRM", "Lyon", [])


# --- relinking what a reset forgot -------------------------------------------------------


def test_an_unlinked_event_and_action_holding_the_same_values_are_relinked():
    same = item("Pris sur le téléphone")
    crm = {7: planning.CrmRecord(7, same, CAL)}
    google = [planning.GoogleRecord(CAL, facts("evt1"), same.with_values(type_code=None))]
    result = planning.plan(crm, google, [], options())
    assert kinds(result) == [planning.RELINK]
    (op,) = result.ops
    assert (op.crm_id, op.google_id, op.synced) == (7, "evt1", same)


def test_values_that_differ_are_not_relinked_silently():
    crm = {7: planning.CrmRecord(7, item("CRM"), CAL)}
    google = [planning.GoogleRecord(CAL, facts("evt1"), item("Téléphone"))]
    result = planning.plan(crm, google, [], options())
    assert kinds(result) == [planning.CRM_CREATE, planning.GOOGLE_INSERT]


def test_a_twin_in_another_calendar_is_not_relinked():
    same = item()
    crm = {7: planning.CrmRecord(7, same, CAL)}
    google = [planning.GoogleRecord(SITE_CAL, facts("evt1"), same)]
    assert kinds(planning.plan(crm, google, [], options())) == [
        planning.CRM_CREATE,
        planning.GOOGLE_INSERT,
    ]


# --- an edit against a deletion ----------------------------------------------------------


def link(crm_id: int = 7, calendar_id: str = CAL, base: AgendaItem | None = None):
    return planning.LinkRecord(crm_id, calendar_id, "evt1", '"0"', base or item("Avant"))


def test_a_google_edit_against_a_crm_deletion_restores_the_action():
    crm = {7: planning.CrmRecord(7, None, CAL)}
    google = [planning.GoogleRecord(CAL, facts("evt1"), item("Téléphone"))]
    (op,) = planning.plan(crm, google, [link()], options()).ops
    assert op.kind == planning.CRM_RESTORE and op.item is not None
    assert op.item.title == "Téléphone"


def test_a_crm_deletion_of_an_item_google_did_not_change_deletes_the_event():
    crm = {7: planning.CrmRecord(7, None, CAL)}
    google = [planning.GoogleRecord(CAL, facts("evt1"), item("Avant", type_code=None))]
    assert kinds(planning.plan(crm, google, [link()], options())) == [planning.GOOGLE_DELETE]


def test_a_crm_edit_against_a_google_deletion_creates_the_event_again():
    crm = {7: planning.CrmRecord(7, item("CRM"), CAL)}
    google = [planning.GoogleRecord(CAL, facts("evt1", cancelled=True), None)]
    (op,) = planning.plan(crm, google, [link()], options()).ops
    assert op.kind == planning.GOOGLE_INSERT and op.google_id == ""
    assert planning.reason_is(op, "restored_crm_edit")


def test_a_google_deletion_of_an_item_the_crm_did_not_change_deletes_the_action():
    crm = {7: planning.CrmRecord(7, item("Avant"), CAL)}
    google = [planning.GoogleRecord(CAL, facts("evt1", cancelled=True), None)]
    assert kinds(planning.plan(crm, google, [link()], options())) == [planning.CRM_DELETE]


# --- moves between synced calendars ---------------------------------------------------------


def test_an_event_moved_on_google_moves_the_action_and_is_no_deletion():
    crm = {7: planning.CrmRecord(7, item("Avant"), CAL)}
    google = [
        planning.GoogleRecord(CAL, facts("evt1", cancelled=True), None),
        planning.GoogleRecord(SITE_CAL, facts("evt1"), item("Avant", type_code=None)),
    ]
    result = planning.plan(crm, google, [link()], options())
    assert kinds(result) == [planning.CRM_MOVE]
    assert result.ops[0].destination == SITE_CAL


def test_an_action_moved_in_the_crm_moves_the_event():
    crm = {7: planning.CrmRecord(7, item("Avant"), SITE_CAL)}
    result = planning.plan(crm, [], [link()], options())
    assert kinds(result) == [planning.GOOGLE_MOVE]
    assert result.ops[0].destination == SITE_CAL
