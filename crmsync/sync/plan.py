"""Planning the agenda sync: pure, no I/O, no clock but the one passed in.

Given what changed in the CRM, what changed in Google and the links with the last synced
values, :func:`plan` computes the operations: creations, updates with merged values,
moves between calendars, deletions (Google's waiting for an answer), conflicts and their
resolution, and what a cap or the mass-deletion guard left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo

from crmsync.sync.calendar_events import EventFacts, Reminders
from crmsync.sync.items import AgendaItem, Window
from crmsync.sync.merge import Conflict, effective_google, merge
from crmsync.texts import Text, say

#: At most this many actions, and as many series actions, per user and period.
CAP = 2500
#: The mass-deletion guard: a run deleting more than this share of the linked items…
GUARD_SHARE = 0.5
#: …and at least this many is refused until confirmed.
GUARD_MINIMUM = 10

# Operation kinds.
GOOGLE_INSERT = "google_insert"
GOOGLE_INSERT_SERIES = "google_insert_series"  # a CRM series as one recurring event
GOOGLE_UPDATE = "google_update"
GOOGLE_DELETE = "google_delete"
GOOGLE_MOVE = "google_move"
CRM_CREATE = "crm_create"
CRM_UPDATE = "crm_update"
CRM_DELETE = "crm_delete"  # a Google deletion: waits for the user's answer
#: An event moved on Google's side to another synced calendar: the action's site follows.
CRM_MOVE = "crm_move"
#: A CRM deletion against a Google edit: the action comes back with Google's values.
CRM_RESTORE = "crm_restore"
RELINK = "relink"  # both sides already agree: only the link changes
UNLINK = "unlink"
SKIP = "skip"
HELD = "held"  # a deletion the mass-deletion guard holds back
DETACH = "detach"  # a Google deletion the user refused: the action stays, unsynced
PENDING = "pending"  # a Google deletion with no answer yet


@dataclass(frozen=True)
class CrmRecord:
    """A CRM action as the planner sees it; ``item`` is ``None`` when it was deleted."""

    action_id: int
    item: AgendaItem | None
    calendar_id: str
    updated: dt.datetime | None = None
    series: bool = False
    #: The CRM series and the occurrence's original start (what names its Google instance).
    series_id: int | None = None
    series_start: dt.datetime | dt.date | None = None
    #: The action's sync uid (what tells it from another action given its id after a
    #: restore of an older backup).
    uid: str | None = None


@dataclass(frozen=True)
class GoogleRecord:
    """An event as listed; ``item`` is ``None`` when it is cancelled or declined."""

    calendar_id: str
    facts: EventFacts
    item: AgendaItem | None


@dataclass(frozen=True)
class LinkRecord:
    crm_id: int
    calendar_id: str
    google_id: str
    etag: str
    base: AgendaItem | None
    read_only: bool = False
    detached: bool = False
    pending_deletion: bool = False
    recurring_id: str = ""


CAP_REASONS = ("beyond_cap", "beyond_cap_series")


def reason_is(op: Op, *message_ids: str) -> bool:
    """Whether ``op`` was given one of these reasons (:mod:`crmsync.texts` ids)."""
    return op.reason is not None and op.reason.id in message_ids


@dataclass
class Op:
    kind: str
    crm_id: int | None = None
    calendar_id: str = ""
    google_id: str = ""
    item: AgendaItem | None = None
    etag: str = ""
    destination: str = ""
    fields: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    reason: Text | None = None
    read_only: bool = False
    recurring_id: str = ""
    #: The CRM values planned from: the CRM write is skipped if they changed meanwhile.
    crm_before: AgendaItem | None = None
    #: What to record as synced once both sides hold it.
    synced: AgendaItem | None = None
    title: str = ""
    #: A series insert: the occurrences it carries (GOOGLE_INSERT ops, one per action).
    members: list[Op] = field(default_factory=list)
    series_id: int | None = None
    series_start: dt.datetime | dt.date | None = None
    #: The event's reminders as listed (``None``: not listed this run), kept by an update.
    reminders: Reminders | None = None


@dataclass
class PlanOptions:
    window: Window
    zone: ZoneInfo
    now: dt.datetime
    policy: str = "latest"
    push: bool = True
    pull: bool = True
    include_series: bool = False
    #: Take Google's recurring events in (« Actions séries »).
    pull_series: bool = False
    #: On a first sync, actions that ended before this are not pushed.
    first_push_after: dt.datetime | None = None
    #: Mass deletions already confirmed by the user.
    confirm_mass_deletion: bool = False
    cap: int = CAP
    guard_share: float = GUARD_SHARE
    guard_minimum: int = GUARD_MINIMUM


@dataclass
class Plan:
    ops: list[Op] = field(default_factory=list)
    #: Deletions the guard held back: (direction, count, linked).
    guarded: list[tuple[str, int, int]] = field(default_factory=list)

    def of(self, *kinds: str) -> list[Op]:
        return [op for op in self.ops if op.kind in kinds]


def plan(
    crm: dict[int, CrmRecord],
    google: list[GoogleRecord],
    links: list[LinkRecord],
    options: PlanOptions,
) -> Plan:
    """The operations that bring both sides together (see the module's docstring)."""
    by_crm = {link.crm_id: link for link in links}
    by_google = {(link.calendar_id, link.google_id): link for link in links}
    result = Plan()
    seen_crm: set[int] = set()
    moved = _moved_on_google(google, links, by_google)
    # The calendar an event left on Google's side lists it as cancelled: not a deletion.
    google = [r for r in google if not (r.facts.cancelled and r.facts.id in moved)]
    for record in google:
        link = by_google.get((record.calendar_id, record.facts.id))
        if link is None and record.facts.id in moved:
            link = moved[record.facts.id]
        if link is None and record.facts.action_id is not None:
            candidate = by_crm.get(record.facts.action_id)
            if candidate is None and _names(record, crm.get(record.facts.action_id)):
                link = _relinked(record)
            elif candidate is not None and candidate.google_id == record.facts.id:
                link = candidate  # the event moved to another calendar on Google's side
        crm_record = crm.get(link.crm_id) if link is not None else None
        if link is not None:
            seen_crm.add(link.crm_id)
            result.ops.extend(_linked(link, crm_record, record, options))
        else:
            result.ops.extend(_new_from_google(record, options))
    for action_id, crm_record in crm.items():
        if action_id in seen_crm:
            continue
        link = by_crm.get(action_id)
        if link is not None:
            result.ops.extend(_linked(link, crm_record, None, options))
        else:
            result.ops.extend(_new_from_crm(crm_record, options))
    _pair_twins(result)
    _apply_caps(result, links, options)
    _group_series(result)
    _guard_deletions(result, links, options)
    return result


def _names(record: GoogleRecord, crm: CrmRecord | None) -> bool:
    """Whether the ids an unlinked event carries name this CRM action: its id, and its
    sync uid when the event carries one (an older backup restored gives ids again)."""
    if crm is None:
        return False
    uid = record.facts.action_uid
    return uid is None or uid == crm.uid


def _pair_twins(result: Plan) -> None:
    """An unlinked event and an unlinked action that hold exactly the same values are one
    item whose link was lost (a reset, emptied sync tables, an event made on the phone and
    pulled before): relink them instead of copying each to the other side."""
    inserts: dict[tuple[str, AgendaItem], list[Op]] = {}
    for op in result.ops:
        if op.kind == GOOGLE_INSERT and op.item is not None:
            key = (op.calendar_id, op.item.with_values(type_code=None))
            inserts.setdefault(key, []).append(op)
    if not inserts:
        return
    paired: set[int] = set()  # the inserts a relink replaces, by identity
    for create in result.of(CRM_CREATE):
        assert create.item is not None
        twins = inserts.get((create.calendar_id, create.item.with_values(type_code=None)), [])
        insert = next(
            (
                op
                for op in twins
                if create.item.type_code in (None, op.item.type_code if op.item else None)
            ),
            None,
        )
        if insert is None:
            continue
        twins.remove(insert)
        paired.add(id(insert))
        create.kind = RELINK
        create.crm_id = insert.crm_id
        create.item = create.synced = insert.item
        create.reason = say("relinked_twin")
    # One pass: removing each from the list would compare every op field by field.
    result.ops = [op for op in result.ops if id(op) not in paired]


def _moved_on_google(
    google: list[GoogleRecord],
    links: list[LinkRecord],
    by_google: dict[tuple[str, str], LinkRecord],
) -> dict[str, LinkRecord]:
    """Linked events that now live in another synced calendar (moved on the phone), by
    event id: Google keeps an event's id when it moves it."""
    by_id = {link.google_id: link for link in links}
    moved: dict[str, LinkRecord] = {}
    for record in google:
        link = by_id.get(record.facts.id)
        if (
            link is not None
            and not record.facts.cancelled
            and (record.calendar_id, record.facts.id) not in by_google
            and link.calendar_id != record.calendar_id
        ):
            moved[record.facts.id] = link
    return moved


def _group_series(result: Plan) -> None:
    """The new occurrences of one CRM series go as one recurring event."""
    groups: dict[int, list[Op]] = {}
    for op in result.ops:
        if op.kind == GOOGLE_INSERT and op.series_id is not None:
            groups.setdefault(op.series_id, []).append(op)
    for series_id, members in groups.items():
        members.sort(key=lambda op: _start_key(op))
        first = members[0]
        for op in members:
            result.ops.remove(op)
        result.ops.append(
            Op(
                GOOGLE_INSERT_SERIES,
                calendar_id=first.calendar_id,
                item=first.item,
                title=first.title,
                members=members,
                series_id=series_id,
                recurring_id="series",
            )
        )


def _start_key(op: Op) -> str:
    start = op.series_start or (op.item.when.start if op.item else None)
    if isinstance(start, dt.datetime):
        return start.astimezone(dt.UTC).isoformat()
    return str(start)


def _relinked(record: GoogleRecord) -> LinkRecord:
    """A link found again through the ids the event carries; no base: any difference is a
    conflict."""
    assert record.facts.action_id is not None
    return LinkRecord(
        crm_id=record.facts.action_id,
        calendar_id=record.calendar_id,
        google_id=record.facts.id,
        etag=record.facts.etag,
        base=None,
        read_only=record.facts.attendee_only,
        recurring_id=record.facts.recurring_id,
    )


def _linked(
    link: LinkRecord,
    crm: CrmRecord | None,
    google: GoogleRecord | None,
    options: PlanOptions,
) -> list[Op]:
    base = link.base
    pair = Op(
        "",
        crm_id=link.crm_id,
        calendar_id=google.calendar_id if google else link.calendar_id,
        google_id=link.google_id,
        etag=google.facts.etag if google else link.etag,
        read_only=link.read_only,
        recurring_id=link.recurring_id,
        reminders=google.facts.reminders if google else None,
    )

    def op(kind: str, **values: Any) -> Op:
        """An operation on this pair."""
        return replace(pair, kind=kind, **values)

    if link.detached:
        return []
    crm_gone = crm is not None and crm.item is None
    google_gone = google is not None and google.item is None
    title = _title(crm, google, base)
    if crm_gone and (google_gone or link.pending_deletion):
        return [op(UNLINK, title=title, reason=say("deleted_both_sides"))]
    if crm_gone:
        if not options.push:
            return []
        if link.read_only:
            return [op(UNLINK, title=title, reason=say("invitation_crm_copy_only"))]
        edited = _google_edit(link, google)
        if edited is not None and options.pull:
            # Nothing is lost silently: the phone's edit wins over the CRM's deletion.
            return [
                op(
                    CRM_RESTORE,
                    title=edited.title,
                    item=edited,
                    synced=edited,
                    reason=say("restored_google_edit"),
                )
            ]
        return [op(GOOGLE_DELETE, title=title)]
    if google_gone or (link.pending_deletion and google is None):
        if not options.pull:
            return []
        if _crm_edit(link, crm) and options.push and not link.recurring_id:
            # The CRM's edit wins over Google's deletion: a new event carries it.
            assert crm is not None
            return [_insert(crm, reason=say("restored_crm_edit"))]
        return [op(CRM_DELETE, title=title)]
    if crm is not None and crm.series and not options.include_series and google is None:
        return [op(SKIP, title=title, reason=say("series_manual_only"))]
    crm_item = crm.item if crm is not None else base
    google_item = google.item if google is not None else base
    if crm_item is None or google_item is None:
        # Only one side is known and there is no base (a relink without the other side).
        return []
    if not options.push:
        crm_item = base or crm_item
    if not options.pull:
        google_item = base or google_item
    merged = merge(
        base,
        crm_item,
        google_item,
        policy=options.policy,
        crm_updated=crm.updated if crm else None,
        google_updated=google.facts.updated if google else None,
    )
    ops: list[Op] = []
    item = merged.item
    google_effective = effective_google(google_item, base or crm_item)
    to_google = item.differing(google_effective)
    to_crm = item.differing(crm_item)
    if link.read_only and to_google:
        ops.append(
            op(
                SKIP,
                title=title,
                fields=to_google,
                reason=say("invitation_not_sent"),
            )
        )
        # Google's version stands: the CRM gets it back.
        item = google_effective
        to_google = []
        to_crm = item.differing(crm_item)
    destination = crm.calendar_id if crm is not None else pair.calendar_id
    google_moved = google is not None and google.calendar_id != link.calendar_id
    if google_moved and crm is not None and crm.calendar_id == link.calendar_id:
        # Moved on the phone from one synced calendar to another: the action follows (its
        # site becomes the new calendar's), nothing moves back.
        ops.append(op(CRM_MOVE, title=title, destination=pair.calendar_id))
        destination = pair.calendar_id
    if crm is not None and destination and destination != pair.calendar_id and options.push:
        if link.read_only:
            ops.append(op(SKIP, title=title, reason=say("invitation_cannot_move")))
        else:
            ops.append(op(GOOGLE_MOVE, title=title, destination=destination, item=item))
    if to_google:
        ops.append(
            op(
                GOOGLE_UPDATE,
                title=title,
                item=item,
                fields=to_google,
                conflicts=merged.conflicts,
                # Until the CRM update below commits, the CRM still holds its own values:
                # a run killed in between must not read them back as CRM edits.
                synced=crm_item,
                destination=destination if destination != pair.calendar_id else "",
            )
        )
    if to_crm:
        ops.append(
            op(
                CRM_UPDATE,
                title=title,
                item=item,
                fields=to_crm,
                conflicts=[] if to_google else merged.conflicts,
                crm_before=crm_item,
                synced=item,
            )
        )
    if not to_google and not to_crm and (base is None or base != item):
        ops.append(op(RELINK, title=title, item=item, synced=item))
    if merged.conflicts and not to_google and not to_crm:
        ops[-1].conflicts = merged.conflicts
    return ops


def _google_edit(link: LinkRecord, google: GoogleRecord | None) -> AgendaItem | None:
    """Google's values when they changed since the last sync (none without a base)."""
    if google is None or google.item is None or link.base is None:
        return None
    item = effective_google(google.item, link.base)
    return item if item != link.base else None


def _crm_edit(link: LinkRecord, crm: CrmRecord | None) -> bool:
    """Whether the CRM changed the action since the last sync (unknown without a base)."""
    return (
        crm is not None and crm.item is not None and link.base is not None and crm.item != link.base
    )


def _new_from_crm(crm: CrmRecord, options: PlanOptions) -> list[Op]:
    if crm.item is None or not options.push:
        return []
    if not crm.item.when.meets(options.window, options.zone):
        return []
    if crm.series and not options.include_series:
        return [
            Op(
                SKIP,
                crm_id=crm.action_id,
                title=crm.item.title,
                reason=say("series_manual_only"),
            )
        ]
    if options.first_push_after is not None:
        _, end = crm.item.when.bounds_utc(options.zone)
        if end <= options.first_push_after:
            return []
    return [
        _insert(
            crm,
            recurring_id="series" if crm.series else "",
            series_id=crm.series_id,
            series_start=crm.series_start,
        )
    ]


def _insert(crm: CrmRecord, **values: Any) -> Op:
    """The insert of an action's event on Google's side."""
    assert crm.item is not None
    return Op(
        GOOGLE_INSERT,
        crm_id=crm.action_id,
        calendar_id=crm.calendar_id,
        item=crm.item,
        synced=crm.item,
        title=crm.item.title,
        **values,
    )


def _new_from_google(record: GoogleRecord, options: PlanOptions) -> list[Op]:
    if record.item is None or not options.pull:
        return []
    if record.facts.recurring_id and not options.pull_series:
        return []
    if not record.item.when.meets(options.window, options.zone):
        return []
    return [
        Op(
            CRM_CREATE,
            calendar_id=record.calendar_id,
            google_id=record.facts.id,
            etag=record.facts.etag,
            item=record.item,
            synced=record.item,
            title=record.item.title,
            read_only=record.facts.attendee_only,
            recurring_id=record.facts.recurring_id,
            series_start=record.facts.original_start,
        )
    ]


def _title(crm: CrmRecord | None, google: GoogleRecord | None, base: AgendaItem | None) -> str:
    for item in (crm.item if crm else None, google.item if google else None, base):
        if item is not None:
            return item.title
    return ""


def _apply_caps(result: Plan, links: list[LinkRecord], options: PlanOptions) -> None:
    """Keep the creations nearest today within the caps; the rest become skips."""
    for series in (False, True):
        linked = sum(1 for link in links if bool(link.recurring_id) == series)
        creations = [
            op
            for op in result.ops
            if op.kind in (GOOGLE_INSERT, CRM_CREATE) and bool(op.recurring_id) == series
        ]
        room = max(0, options.cap - linked)
        if len(creations) <= room:
            continue
        creations.sort(
            key=lambda op: (
                op.item.sort_key_from(options.now, options.zone) if op.item else 0.0,
                op.crm_id or 0,
                op.google_id,
            )
        )
        said = "beyond_cap_series" if series else "beyond_cap"
        for op in creations[room:]:
            op.kind = SKIP
            op.reason = say(said, cap=options.cap)


def _guard_deletions(result: Plan, links: list[LinkRecord], options: PlanOptions) -> None:
    """Refuse a mass deletion (one side looks emptied) until the user confirms it."""
    if options.confirm_mass_deletion:
        return
    linked = len(links)
    for kind, direction in ((GOOGLE_DELETE, "crm->google"), (CRM_DELETE, "google->crm")):
        doomed = result.of(kind)
        count = len(doomed)
        if count >= options.guard_minimum and count > options.guard_share * linked:
            result.guarded.append((direction, count, linked))
            for op in doomed:
                op.kind = HELD
                op.reason = say("mass_deletion_pending", direction=direction)
