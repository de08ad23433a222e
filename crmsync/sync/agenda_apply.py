"""One agenda sync run of one user: gathering both sides' changes, planning, applying.

Google writes are recorded as intents and committed before they are sent; each batch's
results (links, log, intents done) are committed together as soon as the batch answers.
CRM writes happen in one write transaction whose journal rows are marked as the sync's own.
Cursors move last.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import peewee

from crmsync import texts
from crmsync.crm import db as store
from crmsync.crm.models import Action, Series, SyncSettings, User, utc_now
from crmsync.google import pacing
from crmsync.google.calendar_api import (
    BATCH_SIZE,
    CalendarClient,
    Call,
    CallResult,
    GoogleUnavailable,
    SyncTokenExpired,
)
from crmsync.google.calendars import find_calendar, list_calendar_items
from crmsync.google.session import GoogleSession
from crmsync.sync import crm_side, journal
from crmsync.sync import plan as planning
from crmsync.sync.calendar_events import (
    event_to_item,
    facts,
    instance_id,
    item_to_event,
    item_to_patch,
    new_event_id,
    series_body,
)
from crmsync.sync.colours import colour_id_for_type
from crmsync.sync.items import AgendaItem, When, Window
from crmsync.sync.merge import effective_google
from crmsync.sync.series import recurrence_of, series_rule
from crmsync.sync.state import (
    KIND_EVENT,
    KIND_SERIES,
    RunLog,
    SyncCursor,
    SyncIntent,
    SyncLink,
    SyncLogEntry,
    read_cursor,
    save_cursor,
)
from crmsync.texts import say

if TYPE_CHECKING:
    from crmsync.sync.engine import AskDeletion, ProgressCallback, Summary, SyncOptions

log = logging.getLogger(__name__)

#: The number of the user's agenda links when the last complete run ended.
LINKS_SCOPE = "links:agenda"

TO_GOOGLE = "crm->google"
TO_CRM = "google->crm"


class AgendaRun:
    def __init__(
        self,
        user: User,
        settings: SyncSettings,
        options: SyncOptions,
        summary: Summary,
        *,
        session: GoogleSession,
        database_id: str,
        limiter: pacing.RateLimiter,
        progress: ProgressCallback | None,
        ask: AskDeletion | None,
        cancelled: Callable[[], bool],
        sleep: Callable[[float], None],
    ) -> None:
        self.user = user
        self.settings = settings
        self.options = options
        self.summary = summary
        self.database_id = database_id
        self.ask = ask
        self.cancelled = cancelled
        self.progress_callback = progress
        self.zone = ZoneInfo(user.time_zone)
        self.now = options.now or utc_now()
        self.window = Window.around(
            self.now, settings.months_before, settings.months_after, self.zone
        )
        #: A cursor read for another window is not reused: the window moves each day, and
        #: items enter it with no change of their own.
        self.window_basis = json.dumps(
            {"start": self.window.start.isoformat(), "end": self.window.end.isoformat(), "v": 1}
        )
        self.client = CalendarClient(session, limiter=limiter, sleep=sleep, cancelled=cancelled)
        self.types = crm_side.TypeBook()
        self.progress = pacing.Progress(0)
        self.me = frozenset(
            e.casefold() for e in (user.google_email, settings.google_account_email) if e
        )
        self.default_reminders: dict[str, int | None] = {}
        #: Dirty actions this run could not settle: they stay dirty for the next one.
        self.keep_dirty: set[int] = set()
        self.moved_etags: dict[int, str] = {}
        self.moved_calendars: dict[int, str] = {}
        self.series_followups: list[planning.Op] = []
        self._link_rows: dict[int | None, dict[str, Any]] = {}
        #: The language the run speaks in its log and summary (fr or en).
        self.lang = options.language or "en"
        self.log = RunLog(user, KIND_EVENT, self.lang)
        self._log = self.log.add
        self.pending_crm_ops: list[planning.Op] = []
        #: Event ids of inserts a crashed run may have sent, by action: reused on retry.
        self.retry_ids: dict[int, str] = {}
        #: A full reading's CRM cursor, saved with the others once the run is done.
        self.full_reading_from: int | None = None
        #: Links went missing since the last complete run: both sides are read in full.
        self.links_lost = False
        #: The sync uid of each action planned, by id (what its event carries).
        self.uids: dict[int, str] = {}

    # --- the run --------------------------------------------------------------------------

    def run(self) -> None:
        try:
            self.calendars = self._calendar_map()
            # Another calendar chosen (for the user or a site): read everything again, so
            # every linked event moves to where its action now belongs.
            self.window_basis = json.dumps(
                {
                    **json.loads(self.window_basis),
                    "calendars": [self.calendars.default, sorted(self.calendars.by_site.items())],
                    # « Actions séries » switched on brings Google's recurring events in:
                    # read everything again rather than only what changed since.
                    "series": bool(self.settings.sync_series),
                }
            )
            if not self.options.dry_run:
                self._recover()
            self.links_lost = self._links_lost()
            crm_ids, handled = self._crm_changes()
            records, tokens = self._google_changes()
            plan, crm = self._plan(crm_ids, records)
            if self.options.dry_run:
                self.summary.plan = [_describe(op, self.lang, self.zone) for op in plan.ops]
                self._count_plan(plan)
                return
            self._answer_deletions(plan)
            self.progress = pacing.Progress(
                sum(1 for op in plan.ops if op.kind not in (planning.SKIP,))
            )
            self._report()
            self._apply_google(plan, crm)
            if self.cancelled():
                self.summary.cancelled = True
                return
            self._apply_crm(plan)
            with store.atomic():
                if self.full_reading_from is not None:
                    journal.set_crm_cursor(self.user, self.full_reading_from, self.window_basis)
                self._settle_dirty(handled, plan)
                for scope, (token, basis) in tokens.items():
                    self._save_cursor(scope, token, basis)
                save_cursor(self.user, LINKS_SCOPE, str(self._link_count()))
        except GoogleUnavailable as exc:
            self.summary.errors.append(exc.text.render(self.lang))
        finally:
            if self._link_rows or self.log:
                with store.atomic():
                    self._flush()
            meter = self.client.meter
            self.summary.requests, self.summary.units = meter.requests, meter.units
            self.summary.retries = meter.retries

    # --- calendars ------------------------------------------------------------------------

    def _calendar_map(self) -> crm_side.CalendarMap:
        """The default calendar and each site's, by Google id (found by name once, then kept
        by id so a calendar renamed on the phone still syncs)."""
        from crmsync.crm.models import SiteCalendar

        items: list[dict[str, Any]] | None = None

        def resolve(name: str | None, known_id: str | None) -> str:
            nonlocal items
            if known_id:
                return known_id
            if not (name or "").strip():
                return "primary"
            if items is None:
                items = list_calendar_items(self.client.session)
                self.client.meter.requests += 1
                self.client.meter.units += 1
            entry = find_calendar(items, str(name))
            if entry is None:
                raise GoogleUnavailable(say("unknown_calendar", name=name))
            return entry.id

        default = resolve(self.settings.calendar_name, self.settings.calendar_id)
        if default != self.settings.calendar_id and not self.options.dry_run:
            self.settings.calendar_id = default
            self.settings.save()
        by_site: dict[int, str] = {}
        for row in SiteCalendar.select().where(SiteCalendar.user == self.user):
            calendar_id = resolve(row.calendar_name, row.calendar_id)
            if calendar_id != row.calendar_id and not self.options.dry_run:
                row.calendar_id = calendar_id
                row.save()
            by_site[row.site_id] = calendar_id
        return crm_side.CalendarMap(default, by_site)

    # --- recovering from a crashed run ---------------------------------------------------

    def _recover(self) -> None:
        intents = list(
            SyncIntent.select().where(SyncIntent.user == self.user, SyncIntent.kind == KIND_EVENT)
        )
        if not intents:
            return
        log.info(
            "Settling %d writes left by an interrupted sync of %s", len(intents), self.user.login
        )
        by_calendar: dict[str, list[SyncIntent]] = {}
        for intent in intents:
            where = (
                intent.calendar_id
                if intent.operation != "move"
                else json.loads(intent.payload)["destination"]
            )
            by_calendar.setdefault(where, []).append(intent)
        for calendar_id, group in by_calendar.items():
            found = self.client.get_events(calendar_id, sorted({i.google_id for i in group}))
            with store.atomic():
                for intent in group:
                    self._settle(intent, calendar_id, found.get(intent.google_id))
                    intent.delete_instance()
                self._flush()

    def _settle(self, intent: SyncIntent, calendar_id: str, event: dict[str, Any] | None) -> None:
        alive = event is not None and event.get("status") != "cancelled"
        link = SyncLink.get_or_none(
            SyncLink.user == self.user,
            SyncLink.kind == KIND_EVENT,
            SyncLink.crm_id == intent.crm_id,
        )
        payload = json.loads(intent.payload or "{}")
        if intent.operation == "insert" and payload.get("members"):
            for crm_id, google_id, synced in payload["members"]:
                linked = SyncLink.select().where(
                    SyncLink.user == self.user,
                    SyncLink.kind == KIND_EVENT,
                    SyncLink.crm_id == crm_id,
                )
                if alive and not linked.exists():
                    SyncLink.create(
                        user=self.user,
                        kind=KIND_EVENT,
                        calendar_id=calendar_id,
                        crm_id=crm_id,
                        google_id=google_id,
                        synced=json.dumps(synced),
                        recurring_id=intent.google_id,
                    )
                journal.mark_dirty(self.user, crm_id, 0)
        elif intent.operation == "insert" and alive and link is None:
            assert event is not None
            SyncLink.create(
                user=self.user,
                kind=KIND_EVENT,
                calendar_id=calendar_id,
                crm_id=intent.crm_id,
                google_id=intent.google_id,
                etag=event.get("etag", ""),
                synced=json.dumps(payload["item"]),
            )
            self._log(
                TO_GOOGLE,
                "insert",
                intent.crm_id,
                intent.google_id,
                payload["item"].get("title", ""),
                message=say("completed_after_interruption"),
            )
        elif intent.operation == "insert" and not alive and intent.crm_id is not None:
            # Maybe still on its way to Google: insert again under the same id, so that
            # whichever comes second is refused (409) instead of making a second event.
            self.retry_ids[intent.crm_id] = intent.google_id
        elif intent.operation == "delete" and not alive and link is not None:
            link.delete_instance()
        elif intent.operation == "move" and alive and link is not None:
            link.calendar_id = calendar_id
            link.etag = event.get("etag", "") if event else ""
            link.save()
        if intent.crm_id is not None:
            # Whatever happened, look at the action again in this run.
            journal.mark_dirty(self.user, intent.crm_id, 0)

    # --- gathering changes ---------------------------------------------------------------

    def _link_count(self) -> int:
        return int(
            SyncLink.select()
            .where(SyncLink.user == self.user, SyncLink.kind.in_((KIND_EVENT, KIND_SERIES)))
            .count()
        )

    def _links_lost(self) -> bool:
        """Whether links went missing since the last complete run (sync tables emptied by
        hand, a run that did not finish): the cursors then skip items whose links are gone,
        so both sides are read in full again, and the lost pairs are relinked."""
        known = read_cursor(self.user, LINKS_SCOPE)
        return known is not None and known.value != str(self._link_count())

    def _crm_changes(self) -> tuple[set[int], dict[int, int]]:
        """The actions to look at, and the dirty ones among them (with their change number)."""
        # A window that moved (a new day) brings actions in that no edit journalled.
        full = (
            self.options.full
            or self.links_lost
            or journal.crm_cursor(self.user) is None
            or journal.crm_cursor_basis(self.user) != self.window_basis
        )
        if self.options.dry_run:
            dirty = journal.dirty_ids(self.user)
            cursor = journal.crm_cursor(self.user) or 0
            pending = journal.ActionJournal.select(journal.ActionJournal.action_id).where(
                journal.ActionJournal.owner_id == self.user.id,
                journal.ActionJournal.id > cursor,
                journal.ActionJournal.origin.is_null(),
            )
            ids = set(dirty) | {row for (row,) in pending.tuples().iterator()}
        else:
            if full:
                # Not saved yet: a run killed before its end leaves no cursor, and the
                # next run reads everything again instead of only the journal.
                with journal.write_transaction():
                    self.full_reading_from = journal.last_seq()
            else:
                journal.collect(self.user)
            dirty = journal.dirty_ids(self.user)
            ids = set(dirty)
        if full:
            ids |= set(crm_side.actions_meeting(self.user, self.window, self.zone))
            ids |= {
                crm_id
                for (crm_id,) in SyncLink.select(SyncLink.crm_id)
                .where(SyncLink.user == self.user, SyncLink.kind == KIND_EVENT)
                .tuples()
                .iterator()
            }
        self.first_sync = not (
            SyncLink.select()
            .where(SyncLink.user == self.user, SyncLink.kind.in_((KIND_EVENT, KIND_SERIES)))
            .exists()
        )
        return ids, dirty

    def _google_changes(self) -> tuple[list[planning.GoogleRecord], dict[str, tuple[str, str]]]:
        records: list[planning.GoogleRecord] = []
        tokens: dict[str, tuple[str, str]] = {}
        if not self.options.pull and not self.options.full:
            return records, tokens
        basis = self.window_basis
        for calendar_id in self.calendars.calendars:
            scope = "calendar:" + calendar_id
            cursor = SyncCursor.get_or_none(SyncCursor.user == self.user, SyncCursor.scope == scope)
            token = None
            if (
                cursor is not None
                and cursor.basis == basis
                and not self.options.full
                and not self.links_lost
            ):
                token = cursor.value or None
            try:
                listing = self.client.list_events(
                    calendar_id, sync_token=token, window=self.window, time_zone=self.user.time_zone
                )
            except SyncTokenExpired:
                log.info("Google asked for a full listing of %s", calendar_id)
                token = None
                listing = self.client.list_events(
                    calendar_id, sync_token=None, window=self.window, time_zone=self.user.time_zone
                )
            events = listing.events
            if token is None:
                events = events + self._missing_from_full_listing(calendar_id, events)
            default = self.default_reminders[calendar_id] = listing.default_popup
            unchanged = self._linked_etags(calendar_id)
            for event in events:
                etag = event.get("etag")
                if etag and unchanged.get(str(event.get("id"))) == etag:
                    continue  # as last synced (often this run's own write coming back)
                records.append(self._google_record(calendar_id, event, default))
            tokens[scope] = (listing.next_sync_token, basis)
        return records, tokens

    def _linked_etags(self, calendar_id: str) -> dict[str, str]:
        """The etag each linked event of the calendar had when last synced."""
        query = SyncLink.select(SyncLink.google_id, SyncLink.etag).where(
            SyncLink.user == self.user,
            SyncLink.kind == KIND_EVENT,
            SyncLink.calendar_id == calendar_id,
            SyncLink.pending_deletion == False,  # noqa: E712
            SyncLink.unsettled == False,  # noqa: E712
            SyncLink.etag != "",
        )
        return {str(google_id): str(etag) for google_id, etag in query.tuples().iterator()}

    def _missing_from_full_listing(
        self, calendar_id: str, events: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Linked events a full listing did not show: read each to learn what became of it
        (deleted, or moved out of the window)."""
        seen = {str(e.get("id")) for e in events}
        missing = [
            google_id
            for (google_id,) in SyncLink.select(SyncLink.google_id)
            .where(
                SyncLink.user == self.user,
                SyncLink.kind == KIND_EVENT,
                SyncLink.calendar_id == calendar_id,
            )
            .tuples()
            .iterator()
            if google_id not in seen
        ]
        if not missing:
            return []
        found = self.client.get_events(calendar_id, missing)
        return [
            event or {"id": google_id, "status": "cancelled"} for google_id, event in found.items()
        ]

    def _google_record(
        self, calendar_id: str, event: dict[str, Any], default_reminder: int | None
    ) -> planning.GoogleRecord:
        about = facts(event, self.me)
        if about.database_id is not None and about.database_id != self.database_id:
            # Another CRM's event: its action id means nothing here.
            about = about.__class__(**{**about.__dict__, "action_id": None})
        item = None
        if not about.cancelled and not about.declined:
            item = event_to_item(
                event,
                self.zone,
                default_reminder=default_reminder,
                transfer_colours=self.settings.transfer_colours,
            )
        return planning.GoogleRecord(calendar_id, about, item)

    # --- planning ---------------------------------------------------------------------------

    def _plan(
        self, crm_ids: set[int], records: list[planning.GoogleRecord]
    ) -> tuple[planning.Plan, dict[int, planning.CrmRecord]]:
        links = list(
            SyncLink.select().where(SyncLink.user == self.user, SyncLink.kind == KIND_EVENT)
        )
        by_google = {(link.calendar_id, link.google_id): link for link in links}
        by_id = {link.google_id: link for link in links}
        wanted = set(crm_ids)
        for record in records:
            # by id alone too: an event moved to another calendar keeps its id
            link = by_google.get((record.calendar_id, record.facts.id)) or by_id.get(
                record.facts.id
            )
            if link is not None:
                wanted.add(link.crm_id)
            elif record.facts.action_id is not None:
                wanted.add(record.facts.action_id)
        wanted |= {link.crm_id for link in links if link.pending_deletion}
        crm = crm_side.read_actions(self.user, wanted, self.types, self.calendars)
        # An action id an event carries that names no action of this user says nothing
        # about this user's CRM: either no action of this CRM has it (left out), or another
        # user's does (a shared calendar: that event is theirs, never claimed, changed or
        # deleted by this user's sync).
        unseen = [i for i, r in crm.items() if r.item is None and i not in crm_ids]
        owners = crm_side.owners_of(unseen)
        foreign = {i for i, owner in owners.items() if owner != self.user.id}
        crm = {
            i: r
            for i, r in crm.items()
            if i in crm_ids or r.item is not None or (i in owners and i not in foreign)
        }
        records = [
            r
            for r in records
            if r.facts.action_id not in foreign or (r.calendar_id, r.facts.id) in by_google
        ]
        first_push_after = None
        if self.first_sync and (self.options.first_days is not None):
            first_push_after = self.now - dt.timedelta(days=self.options.first_days)
        options = planning.PlanOptions(
            window=self.window,
            zone=self.zone,
            now=self.now,
            policy=self.settings.conflict_policy,
            push=self.options.push,
            pull=self.options.pull,
            include_series=self.options.include_series,
            pull_series=self.settings.sync_series,
            first_push_after=first_push_after,
            confirm_mass_deletion=self.options.confirm_mass_deletion,
        )
        self.uids.update({i: r.uid for i, r in crm.items() if r.uid})
        plan = planning.plan(crm, records, [_link_record(link) for link in links], options)
        for direction, count, linked in plan.guarded:
            message = say("mass_deletion_held", count=count, linked=linked, direction=direction)
            self.summary.guarded.append(message.render(self.lang))
            self._log(direction, "guard", None, "", "", result="refused", message=message)
        return plan, crm

    # --- deletions ---------------------------------------------------------------------------

    def _answer_deletions(self, plan: planning.Plan) -> None:
        mode = self.options.deletions
        yes_to_all = mode == "apply"
        for op in plan.of(planning.CRM_DELETE):
            if yes_to_all:
                continue
            if mode == "keep":
                op.kind, op.reason = planning.DETACH, say("keeps_by_option")
                continue
            if self.ask is None:
                op.kind, op.reason = planning.PENDING, say("waiting_for_answer")
                continue
            from crmsync.sync.engine import DeletionQuestion

            answer = self.ask(
                DeletionQuestion(
                    self.user.login, int(op.crm_id or 0), op.title, _when_text(op, self)
                )
            )
            if answer == "all":
                yes_to_all = True
            elif answer in (None, "later"):  # closed without answering: asked again next time
                op.kind, op.reason = planning.PENDING, say("waiting_for_answer")
            elif answer != "yes":
                op.kind, op.reason = planning.DETACH, say("user_kept")

    # --- applying: Google -----------------------------------------------------------------

    def _apply_google(self, plan: planning.Plan, crm: dict[int, planning.CrmRecord]) -> None:
        moves = plan.of(planning.GOOGLE_MOVE)
        if moves:
            self._send([self._call(op) for op in moves])
            for op in plan.of(planning.GOOGLE_UPDATE):
                op.etag = self.moved_etags.get(int(op.crm_id or 0), op.etag)
        writes = plan.of(
            planning.GOOGLE_INSERT_SERIES,
            planning.GOOGLE_INSERT,
            planning.GOOGLE_UPDATE,
            planning.GOOGLE_DELETE,
        )
        self._read_reminders(plan.of(planning.GOOGLE_UPDATE))
        failed = self._send([self._call(op) for op in writes])
        if self.series_followups and not self.cancelled():
            # Occurrences that differ from their series' pattern become Google exceptions.
            followups, self.series_followups = self.series_followups, []
            failed += self._send([self._call(op) for op in followups])
        stale = [r.call.tag for r in failed if r.kind == pacing.PRECONDITION]
        if stale and not self.cancelled():
            self._remerge(stale, crm)

    def _remerge(self, ops: list[planning.Op], crm: dict[int, planning.CrmRecord]) -> None:
        """412: the event changed since it was read; read it again, merge again, once."""
        by_calendar: dict[str, list[planning.Op]] = {}
        for op in ops:
            by_calendar.setdefault(op.destination or op.calendar_id, []).append(op)
        records: list[planning.GoogleRecord] = []
        for calendar_id, group in by_calendar.items():
            found = self.client.get_events(calendar_id, [op.google_id for op in group])
            for google_id, event in found.items():
                event = event or {"id": google_id, "status": "cancelled"}
                records.append(
                    self._google_record(calendar_id, event, self.default_reminders.get(calendar_id))
                )
        links = list(
            SyncLink.select().where(
                SyncLink.user == self.user,
                SyncLink.kind == KIND_EVENT,
                SyncLink.crm_id.in_([op.crm_id for op in ops]),
            )
        )
        subset = {op.crm_id: crm[op.crm_id] for op in ops if op.crm_id in crm}
        options = planning.PlanOptions(
            window=self.window, zone=self.zone, now=self.now, policy=self.settings.conflict_policy
        )
        again = planning.plan(subset, records, [_link_record(link) for link in links], options)
        self._send(
            [self._call(op) for op in again.of(planning.GOOGLE_UPDATE, planning.GOOGLE_DELETE)]
        )
        self.pending_crm_ops = again.of(planning.CRM_UPDATE)

    def _read_reminders(self, updates: list[planning.Op]) -> None:
        """The reminders of the events whose reminder an update changes and that this run
        did not list: the overrides not ours must be sent back (an array is replaced whole).
        Read in batches, a calendar at a time (the listing carries them otherwise)."""
        wanted: dict[str, list[planning.Op]] = {}
        for op in updates:
            if "reminder" in op.fields and op.reminders is None:
                wanted.setdefault(op.destination or op.calendar_id, []).append(op)
        for calendar_id, ops in wanted.items():
            found = self.client.get_events(calendar_id, [op.google_id for op in ops])
            for op in ops:
                event = found.get(op.google_id)
                op.reminders = facts(event).reminders if event else None

    def _call(self, op: planning.Op) -> Call:
        if op.kind == planning.GOOGLE_INSERT:
            op.google_id = self.retry_ids.pop(int(op.crm_id or 0), "") or new_event_id()
            body = self._event_body(op, op.google_id)
            return Call("insert", op.calendar_id, op.google_id, body=body, tag=op)
        if op.kind == planning.GOOGLE_INSERT_SERIES:
            op.google_id = new_event_id()
            return Call("insert", op.calendar_id, op.google_id, body=self._series_body(op), tag=op)
        if op.kind == planning.GOOGLE_UPDATE:
            calendar_id = op.destination or op.calendar_id
            return Call(
                "update",
                calendar_id,
                op.google_id,
                body=self._event_body(op, None),
                etag=op.etag,
                tag=op,
            )
        if op.kind == planning.GOOGLE_DELETE:
            return Call("delete", op.calendar_id, op.google_id, tag=op)
        if op.kind == planning.GOOGLE_MOVE:
            return Call("move", op.calendar_id, op.google_id, destination=op.destination, tag=op)
        raise ValueError(op.kind)  # pragma: no cover

    def _series_body(self, op: planning.Op) -> dict[str, Any]:
        """The recurring event of a CRM series: the first occurrence's fields, the series'
        rule bounded to the occurrences the CRM holds, the missing ones excluded."""
        first = op.members[0]
        series = Series.get_by_id(op.series_id)
        master = self._event_body(first, op.google_id)
        starts = [_original_start(m) for m in op.members]
        rule, excluded = series_rule(series.rrule, starts, self.zone)
        body = series_body(master, rule, excluded, int(op.series_id or 0))
        # Each occurrence's instance id follows from the master's id and its original start.
        assert first.item is not None
        for member, start in zip(op.members, starts, strict=True):
            member.google_id = instance_id(op.google_id, start)
            member.recurring_id = op.google_id
            # What Google's instance holds until its own update: the pattern at its time.
            member.synced = _shifted(first.item, start)
        return body

    def _event_body(self, op: planning.Op, event_id: str | None) -> dict[str, Any]:
        """An insert's whole event, or an update's patch (only the fields it changes)."""
        assert op.item is not None and op.crm_id is not None
        colour = None
        if self.settings.transfer_colours and op.item.type_code in self.types.by_code:
            action_type = self.types.by_code[op.item.type_code]
            colour = colour_id_for_type(action_type.code, action_type.colour)
        if op.kind == planning.GOOGLE_UPDATE:
            return item_to_patch(
                op.item,
                op.fields,
                self.zone,
                colours=self.settings.transfer_colours,
                colour_id=colour,
                database_id=self.database_id,
                action_id=op.crm_id,
                current=op.reminders,
                uid=self.uids.get(op.crm_id),
            )
        return item_to_event(
            op.item,
            self.zone,
            colour_id=colour,
            database_id=self.database_id,
            action_id=op.crm_id,
            event_id=event_id,
            uid=self.uids.get(op.crm_id),
        )

    def _send(self, calls: list[Call]) -> list[CallResult]:
        """Send the calls batch by batch, intents first; return the failures.

        Several batches are in flight at once (the client's pipeline): each batch's intents
        are committed before it is handed over, and each batch's results are committed
        together, oldest batch first, as they come in. Once a batch's sending raised, no
        more batches go: those no worker started are withdrawn (nothing of them went, their
        intents are dropped), and the results of those being sent are not recorded: their
        intents stay, and the next run settles them as it settles an interrupted run's.
        """
        failures: list[CallResult] = []
        error: BaseException | None = None
        sent: dict[Future[list[CallResult]], list[Call]] = {}

        def settle(future: Future[list[CallResult]]) -> None:
            nonlocal error
            batch = sent.pop(future)
            if future.cancelled():  # withdrawn after an error: nothing of it went
                self._drop_intents(batch)
                return
            try:
                results = future.result()
            except BaseException as exc:
                error = error or exc
                pipe.cancel_pending()
                return
            if not results:  # the run was cancelled before it went: nothing of it went
                self.summary.cancelled = True
                self._drop_intents(batch)
            elif error is None:
                failures.extend(self._settle_batch(results))

        with self.client.pipeline() as pipe:
            for start in range(0, len(calls), BATCH_SIZE):
                if error is not None:
                    break
                if self.cancelled():
                    self.summary.cancelled = True
                    break
                batch = calls[start : start + BATCH_SIZE]
                with store.atomic():
                    _insert_rows(SyncIntent, [self._intent(call) for call in batch])
                sent[pipe.submit(batch)] = batch
                for future in pipe.ready():
                    settle(future)
            for future in pipe.drain():
                settle(future)
        if error is not None:
            raise error
        return failures

    def _settle_batch(self, results: list[CallResult]) -> list[CallResult]:
        """Record one batch's results (links, log, intents done) in one transaction."""
        results = self._settle_conflicts(results)
        with store.atomic():
            for result in results:
                self._record_google(result)
            self._flush()
            self._drop_intents([result.call for result in results])
        self.progress.advance(len(results))
        self._report()
        return [r for r in results if not r.ok]

    def _drop_intents(self, calls: list[Call]) -> None:
        with store.atomic():
            SyncIntent.delete().where(
                SyncIntent.user == self.user,
                SyncIntent.kind == KIND_EVENT,
                SyncIntent.google_id.in_([call.event_id for call in calls]),
            ).execute()

    def _intent(self, call: Call) -> dict[str, Any]:
        op: planning.Op = call.tag
        payload: dict[str, Any] = {"item": op.item.to_json() if op.item else None}
        if op.kind == planning.GOOGLE_INSERT_SERIES:
            payload["members"] = [
                [m.crm_id, m.google_id, m.synced.to_json() if m.synced else None]
                for m in op.members
            ]
        if call.method == "move":
            payload["destination"] = call.destination
        return {
            "user": self.user.id,
            "kind": KIND_EVENT,
            "operation": call.method,
            "calendar_id": call.calendar_id,
            "crm_id": op.crm_id,
            "google_id": call.event_id,
            "payload": json.dumps(payload),
            "created_at": utc_now(),
        }

    def _settle_conflicts(self, results: list[CallResult]) -> list[CallResult]:
        """409 on an insert: an earlier attempt got through (the id is ours and fresh);
        read the event and treat the insert as done."""
        conflicted = [r for r in results if r.call.method == "insert" and r.kind == pacing.CONFLICT]
        if not conflicted:
            return results
        found = self.client.get_events(
            conflicted[0].call.calendar_id, [r.call.event_id for r in conflicted]
        )
        calendar_id = conflicted[0].call.calendar_id
        for result in conflicted:
            op: planning.Op = result.call.tag
            event = found.get(result.call.event_id)
            about = facts(event) if event else None
            if about is None or about.database_id != self.database_id:
                continue
            if op.kind == planning.GOOGLE_INSERT_SERIES:
                mine = about.series_id == op.series_id
            else:
                mine = about.action_id == op.crm_id
            if not mine or event is None:
                continue
            result.kind, result.status, result.event = None, 200, event
            held = self._google_record(calendar_id, event, self.default_reminders.get(calendar_id))
            if op.kind == planning.GOOGLE_INSERT and held.item is not None and op.synced:
                # The earlier attempt may have carried older values: link what Google holds,
                # and look at the action again next run so a newer CRM edit still goes.
                google_item = effective_google(held.item, op.synced)
                if google_item != op.synced:
                    op.synced = google_item
                    self.keep_dirty.add(int(op.crm_id or 0))
        return results

    def _record_google(self, result: CallResult) -> None:
        op: planning.Op = result.call.tag
        method = result.call.method
        if not result.ok:
            gone = result.kind in (pacing.NOT_FOUND, pacing.GONE)
            if method == "delete" and gone:
                self._drop_link(op)
                self.summary.deleted["google"] += 1
                self._log(
                    TO_GOOGLE,
                    "delete",
                    op.crm_id,
                    op.google_id,
                    op.title,
                    message=say("already_gone"),
                )
                return
            if result.kind == pacing.PRECONDITION:
                return  # re-merged below
            self.keep_dirty.add(int(op.crm_id or 0))
            message = say(
                "refused_by_google", method=method, status=result.status, message=result.message
            )
            self.summary.errors.append(
                say(
                    "item_error", title=op.title or op.crm_id, message=message.render(self.lang)
                ).render(self.lang)
            )
            self._log(
                TO_GOOGLE,
                method,
                op.crm_id,
                op.google_id,
                op.title,
                result="error",
                message=message,
            )
            return
        event = result.event or {}
        if op.kind == planning.GOOGLE_INSERT_SERIES:
            self._link_series(op)
            return
        if method == "insert":
            self._store_link(op, op.calendar_id, event.get("etag", ""), op.synced)
            self.summary.created["google"] += 1
            restored = planning.reason_is(op, "restored_crm_edit")
            self._log(
                TO_GOOGLE,
                "insert",
                op.crm_id,
                op.google_id,
                op.title,
                result="restored" if restored else "ok",
                message=op.reason if restored else "",
            )
        elif method == "update":
            etag = event.get("etag", "")
            # The CRM takes the merged values later in this run; until then the event
            # must not pass for "as last synced" (a run killed in between re-reads it).
            unsettled = op.synced != op.item
            self._store_link(
                op, op.destination or op.calendar_id, etag, op.synced, unsettled=unsettled
            )
            self.summary.updated["google"] += 1
            self._log(TO_GOOGLE, "update", op.crm_id, op.google_id, op.title, fields=op.fields)
            self._log_conflicts(op)
        elif method == "delete":
            self._drop_link(op)
            self.summary.deleted["google"] += 1
            self._log(TO_GOOGLE, "delete", op.crm_id, op.google_id, op.title)
        elif method == "move":
            SyncLink.update(calendar_id=op.destination, etag=event.get("etag", "")).where(
                self._link_of(op)
            ).execute()
            self.summary.moved += 1
            self._log(
                TO_GOOGLE,
                "move",
                op.crm_id,
                op.google_id,
                op.title,
                message=say("moved_to", calendar=op.destination),
            )
            # The update that may follow goes to the new calendar with the new etag.
            self.moved_etags[int(op.crm_id or 0)] = event.get("etag", "")
            self.moved_calendars[int(op.crm_id or 0)] = op.destination

    def _link_series(self, op: planning.Op) -> None:
        """Link each occurrence to its Google instance; those that differ from the series'
        pattern get an update of their instance (sent right after)."""
        assert op.item is not None
        for member in op.members:
            assert member.item is not None and member.synced is not None
            derived = member.synced
            self._store_link(member, op.calendar_id, "", derived)
            self.summary.created["google"] += 1
            self._log(
                TO_GOOGLE,
                "insert",
                member.crm_id,
                member.google_id,
                member.title,
                message=say("series_occurrence"),
            )
            if derived != member.item:
                self.series_followups.append(
                    planning.Op(
                        planning.GOOGLE_UPDATE,
                        crm_id=member.crm_id,
                        calendar_id=op.calendar_id,
                        google_id=member.google_id,
                        item=member.item,
                        synced=member.item,
                        fields=member.item.differing(derived),
                        title=member.title,
                        recurring_id=op.google_id,
                    )
                )

    def _store_link(
        self,
        op: planning.Op,
        calendar_id: str,
        etag: str | None,
        synced: AgendaItem | None,
        *,
        unsettled: bool = False,
    ) -> None:
        """Write the link of ``op``'s pair, replacing whatever row held either end of it;
        ``etag=None`` keeps the current link's etag (else the op's). ``unsettled``: Google
        holds merged values the CRM has not taken yet."""
        # An op planned before this run moved the event names the calendar it left.
        calendar_id = self.moved_calendars.get(int(op.crm_id or 0), calendar_id)
        if etag is None:
            buffered = self._link_rows.get(op.crm_id)
            current = SyncLink.get_or_none(self._link_of(op))
            if buffered is not None:
                etag = str(buffered["etag"])
            else:
                etag = current.etag if current is not None else op.etag
            # (and unsettled is False: the CRM now holds what Google holds)
        # Written in bulk by _flush, within the transaction that applies the operation.
        self._link_rows[op.crm_id] = {
            "user": self.user.id,
            "kind": KIND_EVENT,
            "calendar_id": calendar_id,
            "crm_id": op.crm_id,
            "google_id": op.google_id,
            "etag": etag,
            "synced": json.dumps(synced.to_json() if synced else {}),
            "synced_at": utc_now(),
            "read_only": op.read_only,
            "recurring_id": op.recurring_id,
            "unsettled": unsettled,
        }

    def _flush(self) -> None:
        """Write the links and log lines gathered since the last flush, in a few statements
        (a first sync writes thousands): each new link replaces whatever row held either of
        its ends, then the rows go in."""
        rows, self._link_rows = list(self._link_rows.values()), {}
        if rows:
            meta = SyncLink._meta
            table = meta.table_name
            column = {name: meta.fields[name].column_name for name in meta.fields}
            _executemany(
                SyncLink,
                f'DELETE FROM "{table}" WHERE "{column["user"]}" = ? AND "{column["kind"]}" = ? '
                f'AND "{column["crm_id"]}" = ?',
                [(self.user.id, KIND_EVENT, row["crm_id"]) for row in rows],
            )
            _executemany(
                SyncLink,
                f'DELETE FROM "{table}" WHERE "{column["user"]}" = ? AND "{column["kind"]}" = ? '
                f'AND "{column["calendar_id"]}" = ? AND "{column["google_id"]}" = ?',
                [(self.user.id, KIND_EVENT, row["calendar_id"], row["google_id"]) for row in rows],
            )
            _insert_rows(SyncLink, rows)
        _insert_rows(SyncLogEntry, self.log.take())

    def _link_of(self, op: planning.Op) -> Any:
        """The condition naming the link of ``op``'s action."""
        return (
            (SyncLink.user == self.user)
            & (SyncLink.kind == KIND_EVENT)
            & (SyncLink.crm_id == op.crm_id)
        )

    def _drop_link(self, op: planning.Op) -> None:
        self._link_rows.pop(op.crm_id, None)
        SyncLink.delete().where(self._link_of(op)).execute()

    # --- applying: the CRM -------------------------------------------------------------------

    def _apply_crm(self, plan: planning.Plan) -> None:
        ops = [
            op
            for op in plan.ops
            if op.kind
            in (
                planning.CRM_CREATE,
                planning.CRM_UPDATE,
                planning.CRM_RESTORE,
                planning.CRM_MOVE,
                planning.CRM_DELETE,
                planning.RELINK,
                planning.UNLINK,
                planning.SKIP,
                planning.HELD,
                planning.DETACH,
                planning.PENDING,
            )
        ]
        ops += self.pending_crm_ops
        if not ops:
            return
        site_by_calendar = {cal: site for site, cal in self.calendars.by_site.items()}
        masters = self._recurring_masters(ops)
        with journal.write_transaction():
            before = journal.last_seq()
            for op in ops:
                self._apply_crm_op(op, site_by_calendar, masters)
            self._flush()
            journal.mark_own_writes(before)
        self.progress.advance(len(ops))
        self._report()

    def _recurring_masters(self, ops: list[planning.Op]) -> dict[str, dict[str, Any]]:
        """The recurring events whose occurrences come in as series actions, for the CRM
        series not made yet (read before the CRM's write transaction: no I/O inside it)."""
        wanted: dict[str, set[str]] = {}
        for op in ops:
            if op.kind == planning.CRM_CREATE and op.recurring_id:
                known = SyncLink.select().where(
                    SyncLink.user == self.user,
                    SyncLink.kind == KIND_SERIES,
                    SyncLink.google_id == op.recurring_id,
                )
                if not known.exists():
                    wanted.setdefault(op.calendar_id, set()).add(op.recurring_id)
        found: dict[str, dict[str, Any]] = {}
        for calendar_id, ids in wanted.items():
            for master_id, event in self.client.get_events(calendar_id, sorted(ids)).items():
                if event is not None:
                    found[master_id] = event
        return found

    def _series_of(self, op: planning.Op, masters: dict[str, dict[str, Any]]) -> Series | None:
        """The CRM series of a Google recurring event, made on first sight."""
        link = SyncLink.get_or_none(
            SyncLink.user == self.user,
            SyncLink.kind == KIND_SERIES,
            SyncLink.google_id == op.recurring_id,
        )
        if link is not None:
            return Series.get_or_none(Series.id == link.crm_id)
        master = masters.get(op.recurring_id)
        rule = recurrence_of(master, self.zone) if master else None
        if rule is None:
            return None
        series = Series.create(owner=self.user, rrule=rule[0], exdates=",".join(rule[1]))
        SyncLink.create(
            user=self.user,
            kind=KIND_SERIES,
            calendar_id=op.calendar_id,
            crm_id=series.id,
            google_id=op.recurring_id,
        )
        return series

    def _live_action(self, op: planning.Op) -> Action | None:
        """The action ``op`` is about, unless it is gone or deleted since it was planned."""
        found = Action.get_or_none(Action.id == op.crm_id)
        return found if found is not None and found.deleted_at is None else None

    def _apply_crm_op(
        self,
        op: planning.Op,
        site_by_calendar: dict[str, int],
        masters: dict[str, dict[str, Any]],
    ) -> None:
        if op.kind == planning.CRM_CREATE:
            assert op.item is not None
            exists = SyncLink.get_or_none(
                SyncLink.user == self.user,
                SyncLink.kind == KIND_EVENT,
                SyncLink.calendar_id == op.calendar_id,
                SyncLink.google_id == op.google_id,
            )
            if exists is not None:
                return
            series = self._series_of(op, masters) if op.recurring_id else None
            action = crm_side.create_action(
                self.user,
                op.item,
                self.types,
                site_by_calendar.get(op.calendar_id),
                series=series,
                series_start=op.series_start,
            )
            SyncLink.create(
                user=self.user,
                kind=KIND_EVENT,
                calendar_id=op.calendar_id,
                crm_id=action.id,
                google_id=op.google_id,
                etag=op.etag,
                synced=json.dumps(crm_side.action_to_item(action, self.types).to_json()),
                read_only=op.read_only,
                recurring_id=op.recurring_id,
            )
            self.summary.created["crm"] += 1
            self._log(TO_CRM, "create", action.id, op.google_id, op.title)
        elif op.kind == planning.CRM_UPDATE:
            live = self._live_action(op)
            if live is None:
                return
            action = live
            current = crm_side.action_to_item(action, self.types)
            if op.crm_before is not None and current != op.crm_before:
                # Edited in the CRM while we ran: the next run merges it.
                self.keep_dirty.add(int(op.crm_id or 0))
                self._log(
                    TO_CRM,
                    "update",
                    op.crm_id,
                    op.google_id,
                    op.title,
                    result="deferred",
                    message=say("changed_during_sync"),
                )
                return
            assert op.item is not None
            crm_side.apply_item(action, op.item, self.types)
            action.save()
            # The link's etag may be newer than the listing's (a Google update of this run).
            self._store_link(op, op.calendar_id, None, crm_side.action_to_item(action, self.types))
            self.summary.updated["crm"] += 1
            self._log(TO_CRM, "update", op.crm_id, op.google_id, op.title, fields=op.fields)
            self._log_conflicts(op)
        elif op.kind == planning.CRM_MOVE:
            moving = self._live_action(op)
            if moving is None:
                return
            moving.site_id = site_by_calendar.get(op.destination)
            moving.save()
            SyncLink.update(calendar_id=op.destination).where(self._link_of(op)).execute()
            if op.crm_id in self._link_rows:
                self._link_rows[op.crm_id]["calendar_id"] = op.destination
            self.summary.moved += 1
            self._log(
                TO_CRM,
                "move",
                op.crm_id,
                op.google_id,
                op.title,
                message=say("moved_to", calendar=op.destination),
            )
        elif op.kind == planning.CRM_RESTORE:
            assert op.item is not None
            found = Action.get_or_none(Action.id == op.crm_id)
            if found is None:
                return
            found.deleted_at = None
            crm_side.apply_item(found, op.item, self.types)
            if self.calendars.for_action(found) != op.calendar_id:
                # Google's version wins whole: the action is back where its event is (a
                # site given in the CRM before the deletion went with the deletion).
                found.site_id = site_by_calendar.get(op.calendar_id)
            found.save()
            self._store_link(
                op, op.calendar_id, op.etag, crm_side.action_to_item(found, self.types)
            )
            self.summary.updated["crm"] += 1
            self._log(
                TO_CRM,
                "update",
                op.crm_id,
                op.google_id,
                op.title,
                result="restored",
                message=op.reason,
            )
        elif op.kind == planning.CRM_DELETE:
            doomed = self._live_action(op)
            if doomed is not None:
                doomed.soft_delete()
            self._drop_link(op)
            self.summary.deleted["crm"] += 1
            self._log(TO_CRM, "delete", op.crm_id, op.google_id, op.title)
        elif op.kind == planning.RELINK:
            self._store_link(op, op.calendar_id, op.etag, op.synced)
            if planning.reason_is(op, "relinked_twin"):
                self._log("", "relink", op.crm_id, op.google_id, op.title, message=op.reason)
            self._log_conflicts(op)
        elif op.kind == planning.UNLINK:
            self._drop_link(op)
            self._log("", "unlink", op.crm_id, op.google_id, op.title, message=op.reason)
        elif op.kind == planning.DETACH:
            SyncLink.update(detached=True, pending_deletion=False).where(
                self._link_of(op)
            ).execute()
            self._log(
                TO_CRM,
                "delete",
                op.crm_id,
                op.google_id,
                op.title,
                result="kept",
                message=op.reason,
            )
        elif (
            op.kind == planning.HELD
            and op.reason is not None
            and op.reason.value("direction") == TO_GOOGLE
        ):
            self.keep_dirty.add(int(op.crm_id or 0))
            self._log(
                TO_GOOGLE,
                "delete",
                op.crm_id,
                op.google_id,
                op.title,
                result="refused",
                message=op.reason,
            )
        elif op.kind in (planning.PENDING, planning.HELD):
            SyncLink.update(pending_deletion=True).where(self._link_of(op)).execute()
            self.summary.pending_deletions += 1
            self._log(
                TO_CRM,
                "delete",
                op.crm_id,
                op.google_id,
                op.title,
                result="waiting",
                message=op.reason,
            )
        elif op.kind == planning.SKIP:
            entry = {
                "crm_id": op.crm_id,
                "google_id": op.google_id,
                "title": op.title,
                "reason": texts.render(op.reason, self.lang),
                "reason_id": op.reason.id if op.reason else "",
            }
            if planning.reason_is(op, *planning.CAP_REASONS):
                self.summary.skipped_by_cap.append(entry)
            else:
                self.summary.skipped.append(entry)
            self._log(
                TO_GOOGLE if op.crm_id else TO_CRM,
                "skip",
                op.crm_id,
                op.google_id,
                op.title,
                result="skipped",
                message=op.reason,
                fields=op.fields,
            )

    # --- bookkeeping ------------------------------------------------------------------------

    def _settle_dirty(self, dirty: dict[int, int], plan: planning.Plan) -> None:
        """Forget the dirty actions this run dealt with; keep (or add) those left for a later
        run: series left to a manual sync, held deletions, failures, deferrals."""
        kept = set(self.keep_dirty)
        kept |= {
            int(op.crm_id or 0)
            for op in plan.ops
            if op.kind == planning.SKIP
            and planning.reason_is(op, "series_manual_only", "beyond_cap_series")
        }
        journal.clear_dirty(self.user, {i: seq for i, seq in dirty.items() if i not in kept})
        for action_id in kept - set(dirty):
            journal.mark_dirty(self.user, action_id, 0)

    def _save_cursor(self, scope: str, token: str, basis: str) -> None:
        if token:
            save_cursor(self.user, scope, token, basis)

    def _count_plan(self, plan: planning.Plan) -> None:
        counts = {
            planning.GOOGLE_INSERT: ("created", "google"),
            planning.GOOGLE_UPDATE: ("updated", "google"),
            planning.GOOGLE_DELETE: ("deleted", "google"),
            planning.CRM_CREATE: ("created", "crm"),
            planning.CRM_UPDATE: ("updated", "crm"),
            planning.CRM_RESTORE: ("updated", "crm"),
            planning.CRM_DELETE: ("deleted", "crm"),
        }
        for op in plan.ops:
            if op.kind in counts:
                what, side = counts[op.kind]
                getattr(self.summary, what)[side] += 1
            elif op.kind in (planning.GOOGLE_MOVE, planning.CRM_MOVE):
                self.summary.moved += 1
            elif op.kind == planning.SKIP and planning.reason_is(op, *planning.CAP_REASONS):
                self.summary.skipped_by_cap.append(
                    {"crm_id": op.crm_id, "google_id": op.google_id, "title": op.title}
                )
            self.summary.conflicts += len(op.conflicts)

    def _log_conflicts(self, op: planning.Op) -> None:
        for conflict in op.conflicts:
            self.summary.conflicts += 1
            self._log(
                "",
                "conflict",
                op.crm_id,
                op.google_id,
                op.title,
                result=f"{conflict.winner} wins",
                fields={
                    "field": conflict.field,
                    "crm": conflict.crm_value,
                    "google": conflict.google_value,
                    "winner": conflict.winner,
                    "policy": self.settings.conflict_policy,
                },
            )

    def _report(self) -> None:
        if self.progress_callback is not None:
            self.progress_callback(self.progress)


def _link_record(link: SyncLink) -> planning.LinkRecord:
    values = link.synced_values
    return planning.LinkRecord(
        crm_id=link.crm_id,
        calendar_id=link.calendar_id,
        google_id=link.google_id,
        etag=link.etag,
        base=AgendaItem.from_json(values) if values else None,
        read_only=link.read_only,
        detached=link.detached,
        pending_deletion=link.pending_deletion,
        recurring_id=link.recurring_id,
    )


def _describe(op: planning.Op, lang: str, zone: ZoneInfo) -> dict[str, Any]:
    item = op.item or op.crm_before or op.synced
    return {
        "operation": op.kind,
        # when it happens, in the user's zone (empty when the plan does not carry it)
        "when": _item_when(item, zone) if item is not None else "",
        # the same, to sort by: an ISO date or UTC date-time
        "start": _item_start(item) if item is not None else "",
        "crm_id": op.crm_id,
        "google_id": op.google_id,
        "calendar": op.destination or op.calendar_id,
        "title": op.title,
        "fields": op.fields,
        "reason": texts.render(op.reason, lang),
        "reason_id": op.reason.id if op.reason else "",
        "conflicts": [c.__dict__ for c in op.conflicts],
    }


def _item_when(item: AgendaItem, zone: ZoneInfo) -> str:
    start = item.when.start
    if isinstance(start, dt.datetime):
        return start.astimezone(zone).strftime("%d/%m/%Y %H:%M")
    return start.strftime("%d/%m/%Y")


def _item_start(item: AgendaItem) -> str:
    start = item.when.start
    if isinstance(start, dt.datetime):
        return start.astimezone(dt.UTC).isoformat()
    return start.isoformat()


def _when_text(op: planning.Op, run: AgendaRun) -> str:
    item = op.item
    if item is None:
        link = SyncLink.get_or_none(
            SyncLink.user == run.user, SyncLink.kind == KIND_EVENT, SyncLink.crm_id == op.crm_id
        )
        values = link.synced_values if link else {}
        item = AgendaItem.from_json(values) if values else None
    return _item_when(item, run.zone) if item is not None else ""


def _original_start(op: planning.Op) -> dt.datetime | dt.date:
    """The occurrence's original start in its series (its start when none was kept)."""
    if op.series_start is not None:
        return op.series_start
    assert op.item is not None
    return op.item.when.start


def _shifted(pattern: AgendaItem, original: dt.datetime | dt.date) -> AgendaItem:
    """The series pattern's values at this occurrence's original time: what Google's
    instance holds before any change of its own."""
    first = pattern.when
    duration = first.end - first.start  # type: ignore[operator]
    if first.all_day and isinstance(original, dt.datetime):
        original = original.date()
    return pattern.with_values(when=When(first.all_day, original, original + duration))


def _insert_rows(model: Any, rows: list[dict[str, Any]]) -> None:
    """``model.insert_many(rows)`` (defaults filled in, values converted by each field),
    as one prepared statement run for every row: peewee would build the SQL text of every
    value, which costs more than SQLite's work on a first sync's thousands of rows.
    Every row names the same fields."""
    if not rows:
        return
    meta = model._meta
    given = [meta.fields[name] for name in rows[0]]
    defaulted = [
        f
        for f in meta.sorted_fields
        if f.name not in rows[0] and f.default is not None and not f.primary_key
    ]
    columns = ", ".join(f'"{f.column_name}"' for f in given + defaulted)
    marks = ", ".join("?" for _ in given + defaulted)
    sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
    names = [f.name for f in given]
    if any(list(row) != names for row in rows):
        raise ValueError("every row must name the same fields, in the same order")
    # A value already of the type a plain peewee field stores goes as it is (what its
    # db_value would return); anything else goes through the field's db_value.
    plain = [_plain_type(f) for f in given]
    params = []
    for row in rows:
        values = [
            value if type(value) is kind else f.db_value(value)
            for f, kind, value in zip(given, plain, (row[f.name] for f in given), strict=True)
        ]
        values += [f.db_value(f.default() if callable(f.default) else f.default) for f in defaulted]
        params.append(values)
    _executemany(model, sql, params)


_PLAIN_TYPES: dict[type, type] = {
    peewee.AutoField: int,
    peewee.IntegerField: int,
    peewee.CharField: str,
    peewee.TextField: str,
    peewee.BooleanField: bool,
}


def _plain_type(field: Any) -> type | None:
    """The Python type a plain peewee field stores unchanged (a foreign key: its target's)."""
    if isinstance(field, peewee.ForeignKeyField):
        field = field.rel_field
    return _PLAIN_TYPES.get(type(field))


def _executemany(model: Any, sql: str, params: list[Any]) -> None:
    """Run ``sql`` once per parameter row on the model's connection (and transaction)."""
    if params:
        model._meta.database.cursor().executemany(sql, params)
