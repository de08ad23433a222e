"""Convergence of the agenda sync, as a Hypothesis state machine.

The machine edits both sides at random (the CRM through its models; Google through the
real Calendar client on the emulator: creations, edits of every synced field, moves to a
site's calendar, deletions), syncs with ``deletions="apply"``, and injects Google faults
(503s, dropped connections, answers lost after the call was carried out, rate limits, the
daily quota) before some syncs. After each clean sync (no fault pending, run twice) both
sides must hold the same items, pair by pair, with equal synced fields, each in its site's
calendar, with no duplicate and no edit lost except by the conflict policy: under
``latest``, a field changed on both sides ends with one of the two values.

Each example starts from a reset emulator and a fresh database.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
from agenda_bench import ALICE, CLIENT_ID, NOW, Bench
from googleapiclient.errors import HttpError
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test

from crmsync.crm import db as store
from crmsync.crm.models import Action, Site, SiteCalendar, SyncSettings, User
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.sync import crm_side
from crmsync.sync.calendar_events import PROP_ACTION, event_to_item
from crmsync.sync.state import KIND_EVENT, SyncIntent, SyncLink

ZONE = ZoneInfo("Europe/Paris")
FULL_CALENDAR = "https://www.googleapis.com/auth/calendar"
CLINIC = "Clinique Nord"
FIELDS = ("title", "location", "when", "private", "reminder")

pytestmark = pytest.mark.slow

# --- values ---------------------------------------------------------------------------------

# Few values, so that both sides often write the same one, or the one already there.
titles = st.sampled_from(["Visite", "Appel", "Réunion 🐄", "Tournée"])
locations = st.sampled_from(["", "Ferme des Prés", "Bureau"])
reminders = st.sampled_from([None, 10, 30])


@st.composite
def whens(draw: Any) -> tuple[Any, ...]:
    """(all_day, start, end): aware UTC datetimes, or dates with an inclusive last day."""
    day = draw(st.integers(-10, 40))
    if draw(st.integers(0, 3)) == 0:
        first = (NOW + dt.timedelta(days=day)).astimezone(ZONE).date()
        return (True, first, first + dt.timedelta(days=draw(st.integers(0, 2))))
    start = NOW + dt.timedelta(days=day, hours=draw(st.integers(-2, 8)))
    return (False, start, start + dt.timedelta(minutes=draw(st.sampled_from([30, 60, 120]))))


VALUES: dict[str, st.SearchStrategy[Any]] = {
    "title": titles,
    "location": locations,
    "when": whens(),
    "private": st.booleans(),
    "reminder": reminders,
}
item_values = st.fixed_dictionaries(VALUES)
field_edits = st.sampled_from(FIELDS).flatmap(lambda name: st.tuples(st.just(name), VALUES[name]))
picks = st.integers(min_value=0, max_value=1_000)


def observed(item: Any) -> dict[str, Any]:
    when = item.when
    return {
        "title": item.title,
        "location": item.location,
        "when": (when.all_day, when.start, when.end),
        "private": item.private,
        "reminder": item.reminder,
    }


# --- each side's writes ---------------------------------------------------------------------


def crm_write(action: Action, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "when":
            all_day, start, end = value
            action.all_day = all_day
            if all_day:
                action.start_date, action.end_date = start, end
                action.start = action.end = None
            else:
                action.start, action.end = start, end
                action.start_date = action.end_date = None
        elif name == "reminder":
            action.reminder = value is not None
            if value is not None:
                action.reminder_minutes = value
        else:
            setattr(action, name, value)
    action.save()


def google_write(event: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    body = dict(event)
    for name, value in values.items():
        if name == "title":
            body["summary"] = value
        elif name == "location":
            body["location"] = value
        elif name == "private":
            body["visibility"] = "private" if value else "default"
        elif name == "reminder":
            overrides = [] if value is None else [{"method": "popup", "minutes": value}]
            body["reminders"] = {"useDefault": False, "overrides": overrides}
        else:
            all_day, start, end = value
            if all_day:
                body["start"] = {"date": start.isoformat()}
                body["end"] = {"date": (end + dt.timedelta(days=1)).isoformat()}
            else:
                body["start"] = {"dateTime": start.astimezone(ZONE).isoformat()}
                body["end"] = {"dateTime": end.astimezone(ZONE).isoformat()}
    return body


# --- the model ------------------------------------------------------------------------------


@dataclass
class Item:
    """One agenda item as the model knows it."""

    crm_id: int | None = None
    #: (calendar id, event id) once known.
    google: tuple[str, str] | None = None
    #: The values both sides held after the last clean sync (None: never synced).
    base: dict[str, Any] | None = None
    #: The values the user wrote on each side since then, by field.
    crm_edits: dict[str, Any] = field(default_factory=dict)
    google_edits: dict[str, Any] = field(default_factory=dict)
    deleted: bool = False
    #: The side that deleted it ("crm" or "google").
    deleted_on: str = ""
    #: A sync under faults ran since the last clean one: it may have carried an edit
    #: across already (then the other side's deletion wins, as nothing is lost).
    partly_synced: bool = False
    #: In the CRM, belongs to the site whose calendar is the clinic's.
    at_clinic: bool = False
    #: Where it was at the last clean sync (a deletion takes the CRM's later move with it).
    synced_at_clinic: bool = False
    #: Brought back after a sync under faults: it may have moved before the deletion.
    either_calendar: bool = False

    def may_survive(self) -> str:
        """A deletion on one side against an edit on the other since the last sync: the
        edit wins (nothing is lost silently). "yes", "no", or "maybe" when a sync under
        faults may have carried the edit across before the deletion."""
        if not self.deleted or self.base is None:
            return "no"
        other = self.google_edits if self.deleted_on == "crm" else self.crm_edits
        if not any(value != self.base.get(name) for name, value in other.items()):
            return "no"
        return "maybe" if self.partly_synced else "yes"

    def survive(self) -> None:
        """The deleting side's own edits go with its deletion."""
        if self.deleted_on == "crm":
            self.crm_edits = {}
            self.either_calendar = self.partly_synced
            self.at_clinic = self.synced_at_clinic
        else:
            self.google_edits = {}
        self.deleted = False

    def acceptable(self, name: str) -> list[Any]:
        """The values ``name`` may end with: each side's edit (both when both sides changed
        it: the conflict policy picks one), else the last synced value."""
        edits = [e[name] for e in (self.crm_edits, self.google_edits) if name in e]
        if edits:
            return edits
        assert self.base is not None, "an item is created with every value"
        return [self.base[name]]


@dataclass
class Context:
    server: Any
    emulator: Any
    calendar_api: Any
    folder: Path


class AgendaMachine(RuleBasedStateMachine):
    context: ClassVar[Context]
    examples: ClassVar[int] = 0

    def __init__(self) -> None:
        super().__init__()
        ctx = self.context
        AgendaMachine.examples += 1
        ctx.emulator.post("/reset")
        store.open_database(ctx.folder / f"crm-{AgendaMachine.examples}.sqlite")
        user = User.create(
            login="alice", name="Alice", email=ALICE, google_email=ALICE, time_zone="Europe/Paris"
        )
        options = SyncSettings.for_user(user)
        options.calendar_name = ALICE
        options.months_before, options.months_after = 3, 12
        options.conflict_policy = "latest"
        options.save()
        ctx.emulator.post("/clients", {"client_id": CLIENT_ID, "client_secret": "s3cret"})
        google_settings.save_client_settings(client_id=CLIENT_ID, client_secret="s3cret")
        issued = ctx.emulator.post(
            "/tokens", {"email": ALICE, "client_id": CLIENT_ID, "refresh": True}
        )
        secrets.open_secret_store().set(secrets.refresh_token_key("alice"), issued["refresh_token"])
        google = ctx.calendar_api(ALICE, scopes=[FULL_CALENDAR])
        self.clinic = google.calendars().insert(body={"summary": CLINIC}).execute()["id"]
        self.site = Site.create(code="N", name="Nord")
        SiteCalendar.create(user=user, site=self.site, calendar_name=CLINIC)
        self.bench = Bench(user, ctx.server.base_url, ctx.emulator, google)
        self.bench.extra = {}
        self.items: list[Item] = []
        self.faults: list[dict[str, Any]] = []

    # --- choosing an item -------------------------------------------------------------

    def in_crm(self) -> list[Item]:
        return [i for i in self.items if not i.deleted and i.crm_id is not None]

    def in_google(self) -> list[Item]:
        return [i for i in self.items if not i.deleted and i.google is not None]

    @staticmethod
    def pick(items: list[Item], index: int) -> Item:
        return items[index % len(items)]

    def where_now(self, item: Item) -> tuple[str, dict[str, Any]]:
        """The calendar holding the item's event, and the event: a sync under faults may
        have moved it to its site's calendar since the model last looked."""
        assert item.google is not None
        event_id = item.google[1]
        for calendar in (item.google[0], ALICE, self.clinic):
            try:
                event = self.bench.google.events().get(calendarId=calendar, eventId=event_id)
                event = event.execute()
            except HttpError as exc:
                if exc.resp.status != 404:
                    raise
                continue
            if event.get("status") != "cancelled":
                return calendar, event
        raise AssertionError(f"the event of {item} is nowhere")

    # --- the CRM ----------------------------------------------------------------------

    @rule(values=item_values, at_clinic=st.booleans())
    def crm_create(self, values: dict[str, Any], at_clinic: bool) -> None:
        action = Action(owner=self.bench.user, site=self.site if at_clinic else None)
        crm_write(action, values)
        self.items.append(Item(crm_id=action.id, crm_edits=dict(values), at_clinic=at_clinic))

    @precondition(lambda self: self.in_crm())
    @rule(index=picks, edit=field_edits)
    def crm_edit(self, index: int, edit: tuple[str, Any]) -> None:
        item = self.pick(self.in_crm(), index)
        name, value = edit
        crm_write(Action.get_by_id(item.crm_id), {name: value})
        item.crm_edits[name] = value

    @precondition(lambda self: self.in_crm())
    @rule(index=picks)
    def crm_move(self, index: int) -> None:
        """To the other site: the event must follow to that site's calendar."""
        item = self.pick(self.in_crm(), index)
        action = Action.get_by_id(item.crm_id)
        item.at_clinic = not item.at_clinic
        action.site = self.site if item.at_clinic else None
        action.save()

    @precondition(lambda self: self.in_crm())
    @rule(index=picks)
    def crm_delete(self, index: int) -> None:
        item = self.pick(self.in_crm(), index)
        Action.get_by_id(item.crm_id).soft_delete()
        item.deleted, item.deleted_on = True, "crm"

    # --- Google -----------------------------------------------------------------------

    @rule(values=item_values, at_clinic=st.booleans())
    def google_create(self, values: dict[str, Any], at_clinic: bool) -> None:
        calendar = self.clinic if at_clinic else ALICE
        body = google_write({}, values)
        event = self.bench.google.events().insert(calendarId=calendar, body=body).execute()
        self.items.append(
            Item(google=(calendar, event["id"]), google_edits=dict(values), at_clinic=at_clinic)
        )

    @precondition(lambda self: self.in_google())
    @rule(index=picks, edit=field_edits)
    def google_edit(self, index: int, edit: tuple[str, Any]) -> None:
        item = self.pick(self.in_google(), index)
        calendar, event = self.where_now(item)
        name, value = edit
        body = google_write(event, {name: value})
        self.bench.google.events().update(
            calendarId=calendar, eventId=event["id"], body=body
        ).execute()
        item.google_edits[name] = value

    @precondition(lambda self: self.in_google())
    @rule(index=picks)
    def google_delete(self, index: int) -> None:
        item = self.pick(self.in_google(), index)
        calendar, event = self.where_now(item)
        self.bench.google.events().delete(calendarId=calendar, eventId=event["id"]).execute()
        item.deleted, item.deleted_on = True, "google"

    # --- faults and syncs -------------------------------------------------------------

    @rule(
        kind=st.sampled_from(
            ["503", "drop", "500after", "dropAfter", "429", "403rate", "403quota"]
        ),
        match=st.sampled_from(
            [
                "calendar.events.*",
                "calendar.events.insert",
                "calendar.events.patch",
                "calendar.events.delete",
                "calendar.events.move",
                "calendar.events.list",
                "calendar.events.get",
                "batch.calendar",
            ]
        ),
        skip=st.integers(0, 3),
        count=st.integers(1, 2),
    )
    def inject_fault(self, kind: str, match: str, skip: int, count: int) -> None:
        """A fault for the next sync under faults (a clean sync forgets it)."""
        self.faults.append({"kind": kind, "match": match, "skip": skip, "count": count})

    @precondition(lambda self: self.faults)
    @rule()
    def sync_under_faults(self) -> None:
        """A sync Google troubles: it may report errors, never crash nor leave a mess the
        clean sync cannot settle."""
        for item in self.items:
            item.partly_synced = True
        for spec in self.faults:  # armed now: the test's own requests never meet them
            self.context.emulator.post("/faults", spec)
        try:
            self.bench.sync(deletions="apply", confirm_mass_deletion=True)
        finally:
            self.context.emulator.call("DELETE", "/faults")
            self.faults = []

    @rule()
    def sync(self) -> None:
        self.faults = []
        first = self.bench.sync(deletions="apply", confirm_mass_deletion=True)
        assert first.ok, first.errors
        again = self.bench.sync(deletions="apply", confirm_mass_deletion=True)
        assert again.ok, again.errors
        zero = {"crm": 0, "google": 0}
        assert (again.created, again.updated, again.deleted, again.moved) == (zero, zero, zero, 0)
        self.check_and_rebase()

    def teardown(self) -> None:
        try:
            self.sync()
        finally:
            store.close_database()

    # --- the invariants ---------------------------------------------------------------

    def check_and_rebase(self) -> None:
        bench = self.bench
        types = crm_side.TypeBook()
        assert SyncIntent.select().count() == 0, "intents left behind"
        actions = {
            a.id: a
            for a in Action.select().where(Action.owner == bench.user, Action.deleted_at.is_null())
        }
        events: dict[tuple[str, str], dict[str, Any]] = {}
        for calendar in (ALICE, self.clinic):
            for event in bench.events(calendar):
                events[(calendar, event["id"])] = event
        links = list(
            SyncLink.select().where(SyncLink.user == bench.user, SyncLink.kind == KIND_EVENT)
        )

        # A bijection: every live action linked to one live event where it actually is.
        by_crm = {link.crm_id: link for link in links}
        assert sorted(by_crm) == sorted(actions), "live actions and links differ"
        linked = sorted((link.calendar_id, link.google_id) for link in links)
        assert linked == sorted(events), "events and links differ (a duplicate, or a stale link)"
        pairs: dict[int, tuple[dict[str, Any], dict[str, Any], str, str]] = {}
        for crm_id, action in actions.items():
            link = by_crm[crm_id]
            event = events[(link.calendar_id, link.google_id)]
            crm_values = observed(crm_side.action_to_item(action, types))
            google_values = observed(event_to_item(event, ZONE, transfer_colours=False))
            assert crm_values == google_values, f"action {crm_id} and its event differ"
            carried = (event.get("extendedProperties") or {}).get("private", {}).get(PROP_ACTION)
            assert carried in (None, str(crm_id)), f"event of action {crm_id} carries {carried}"
            expected = self.clinic if action.site_id == self.site.id else ALICE
            assert link.calendar_id == expected, f"action {crm_id} is in the wrong calendar"
            pairs[crm_id] = (crm_values, event, link.calendar_id, link.google_id)

        # The model: each live item is one pair with acceptable values; deleted ones are gone.
        claimed: set[int] = set()
        #: The pairs made this round from an item never synced: (made in the CRM, values).
        fresh: dict[int, tuple[bool, dict[str, Any]]] = {}
        merged: list[Item] = []
        for item in self.items:
            found = item.crm_id
            if found is None and item.google is not None:
                # By event id: the event may have moved calendar since (a faulty sync).
                found = next((i for i, p in pairs.items() if p[3] == item.google[1]), None)
            survival = item.may_survive()
            if item.deleted and (survival == "no" or (survival == "maybe" and found not in pairs)):
                assert found not in pairs, f"deleted item {item} is still synced"
                continue
            if item.deleted:
                item.survive()
            assert found in pairs, f"item {item} is missing"
            crm_id = found
            if crm_id in fresh and _twin_of(fresh[crm_id], item):
                # Made on both sides with the same values before a sync: one item, linked
                # as such (it is how a lost link is found again), nothing lost.
                merged.append(item)
                continue
            assert crm_id not in claimed
            claimed.add(crm_id)
            if item.base is None:
                fresh[crm_id] = _made(item)
            values, _, calendar, event_id = pairs[crm_id]
            for name in FIELDS:
                allowed = item.acceptable(name)
                assert values[name] in allowed, (
                    f"{name} of {item}: {values[name]!r} not in {allowed}"
                )
            expected_calendar = self.clinic if item.at_clinic else ALICE
            if item.either_calendar:
                item.at_clinic = calendar == self.clinic
            else:
                assert calendar == expected_calendar, f"{item} in the wrong calendar"
            item.crm_id, item.google, item.base = crm_id, (calendar, event_id), values
            item.crm_edits, item.google_edits = {}, {}
            item.partly_synced = item.either_calendar = False
            item.synced_at_clinic = item.at_clinic
        assert claimed == set(pairs), f"items nobody made: {sorted(set(pairs) - claimed)}"
        self.items = [i for i in self.items if not any(i is m for m in merged)]
        self.items = [i for i in self.items if not i.deleted]


def _made(item: Item) -> tuple[bool, dict[str, Any]]:
    """Where an item never synced was made (True: the CRM) and the values it was made with."""
    in_crm = item.google is None
    return in_crm, dict(item.crm_edits if in_crm else item.google_edits)


def _twin_of(first: tuple[bool, dict[str, Any]], item: Item) -> bool:
    """Whether ``item``, never synced either, was made on the other side with the same values
    (the planner relinks such a pair instead of copying each to the other side)."""
    return item.base is None and _made(item) == (not first[0], first[1])


@pytest.fixture
def machine_context(fake_google, emulator, calendar_api, tmp_path, monkeypatch):
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", str(tmp_path / "secrets.json"))
    AgendaMachine.context = Context(fake_google, emulator, calendar_api, tmp_path)
    return AgendaMachine.context


#: The long mode: ``CRMSYNC_LONG_TESTS=1 uv run pytest --timeout=0 tests/sync/...`` runs
#: the machine over this many examples instead of the default run's few.
LONG_EXAMPLES = 500
EXAMPLES = LONG_EXAMPLES if os.environ.get("CRMSYNC_LONG_TESTS") == "1" else 15


def test_both_sides_converge_whatever_happens_in_between(machine_context):
    run_state_machine_as_test(
        AgendaMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=12,
            deadline=None,
            database=None,
            # No "explain" phase: it traces every line, and the client library is big.
            phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )


# --- cases the machine found, replayed -----------------------------------------------------


def _timed(day: int, hour: int) -> tuple[Any, ...]:
    start = dt.datetime(2026, 11, day, hour, tzinfo=dt.UTC)
    return (False, start, start + dt.timedelta(minutes=30))


VISIT = {
    "title": "Visite",
    "location": "",
    "when": _timed(23, 11),
    "private": True,
    "reminder": None,
}


def test_a_run_that_moves_an_event_and_takes_a_google_edit_keeps_the_pair(machine_context):
    # The link used to be written back with the calendar the event had just left, and the
    # next run took Google's cancelled copy there for a deletion of the event.
    state = AgendaMachine()
    state.crm_create(values=VISIT, at_clinic=True)
    state.sync()
    state.google_edit(index=0, edit=("when", _timed(30, 10)))
    state.crm_move(index=0)
    state.sync()
    state.teardown()


def test_an_action_moved_then_deleted_in_the_crm_comes_back_where_its_event_is(machine_context):
    # Google's edit brings the deleted action back with Google's values; it stayed at the
    # site it had been moved to, away from its event's calendar, and nothing moved it.
    state = AgendaMachine()
    state.crm_create(values=VISIT, at_clinic=False)
    state.sync()
    state.google_edit(index=0, edit=("title", "Appel"))
    state.crm_move(index=0)
    state.crm_delete(index=0)
    state.teardown()


def test_the_same_item_made_on_both_sides_before_a_sync_becomes_one_pair(machine_context):
    state = AgendaMachine()
    state.crm_create(values=VISIT, at_clinic=False)
    state.google_create(values=VISIT, at_clinic=False)
    state.sync()
    assert len(state.items) == 1
    state.teardown()


def test_the_daily_quota_refusing_a_listing_is_reported_not_raised(machine_context):
    state = AgendaMachine()
    state.crm_create(values=VISIT, at_clinic=False)
    state.inject_fault(kind="403quota", match="calendar.events.*", skip=0, count=1)
    state.sync_under_faults()  # raised Google's HttpError out of sync_user
    state.teardown()
