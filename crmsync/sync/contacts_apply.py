"""One contact sync of one user: the CRM's list of contacts to sync → Google Contacts, and
the comments written on the phone → the CRM (SPEC §4).

A run, in order (the engine holds the user's lock around it):

1. settles what a crashed run may have left half done: creates whose answer was never
   committed (``SyncIntent`` rows) force a full listing, which relinks every person that
   carries our ``clientData`` ids; a photo upload is checked against the photo url the
   person had before it;
2. reads Google's changes with the contacts sync token (one request when nothing changed),
   or every contact on a first run, after a reset, an expired token or a crash;
3. plans, for each listed contact (at most :data:`CONTACTS_CAP`, those added first): create,
   update the fields we own when the CRM changed them, merge the comment three ways, send
   the photo when its normalised bytes changed, delete it when the CRM dropped it, and take
   the label off contacts that left the list (they stay in Google);
4. applies: creates 200 at a time with their label, updates 200 at a time with their etag
   (a stale etag: read again, merge again), one request per photo; then the comments into
   the CRM in one transaction; the sync token moves last.

Every Google mutation of the user is sent one after the other, as Google asks.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from googleapiclient.errors import HttpError

from crmsync.crm import db as store
from crmsync.crm.models import (
    MAX_CONTACTS_PER_USER,
    Contact,
    ContactToSync,
    FolderSettings,
    SyncSettings,
    User,
    utc_now,
)
from crmsync.google import pacing
from crmsync.google.paced import GoogleUnavailable, error_body, error_message, error_reasons
from crmsync.google.session import GoogleSession
from crmsync.sync import contact_fields as cf
from crmsync.sync.google_people import (
    BATCH_SIZE,
    AmbiguousWrite,
    PeopleClient,
    PeopleSyncTokenExpired,
    StaleEtag,
)
from crmsync.sync.merge import merge_field
from crmsync.sync.state import (
    KIND_CONTACT,
    RunLog,
    SyncIntent,
    SyncLink,
    SyncLogEntry,
    read_cursor,
    save_cursor,
)
from crmsync.texts import Text, say

if TYPE_CHECKING:
    from crmsync.sync.engine import ProgressCallback, Summary, SyncOptions

log = logging.getLogger(__name__)

#: At most this many contacts per user are synced; beyond it, those added last wait.
CONTACTS_CAP = MAX_CONTACTS_PER_USER
#: The folder setting naming the label (contact group) of synced contacts.
LABEL_KEY = "contacts.label"
DEFAULT_LABEL = "CRM"
TOKEN_SCOPE = "contacts"
LABEL_SCOPE = "contacts:label"
MY_CONTACTS = "contactGroups/myContacts"
TO_GOOGLE = "crm->google"
TO_CRM = "google->crm"
#: A stale etag is read again and merged again at most this many times per batch.
STALE_RETRIES = 3


@dataclass
class Work:
    """What one listed contact needs this run."""

    contact: cf.ContactRow
    fields: dict[str, Any]
    fingerprint: str
    link: SyncLink | None = None
    create: bool = False
    update: bool = False
    label: bool = False
    comment: str = ""
    crm_comment_write: bool = False
    photo: str = ""  # "", "upload" or "delete"
    photo_data: bytes = b""
    photo_hash: str = ""
    #: The photo was refused (not sent; told once).
    photo_rejected: bool = False
    photo_stamp: str = ""
    conflicts: list[Any] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.contact.display_name or f"#{self.contact.id}"


def label_name() -> str:
    return (FolderSettings.get_value(LABEL_KEY) or "").strip() or DEFAULT_LABEL


def photo_stamp(contact: cf.ContactRow) -> str:
    """What tells a photo changed without reading it: its change time and size."""
    if not contact.photo_size:
        return ""
    when = contact.photo_updated_at.isoformat() if contact.photo_updated_at else ""
    return f"{when}|{contact.photo_size}"


class ContactsRun:
    def __init__(
        self,
        user: User,
        settings: SyncSettings,
        options: SyncOptions,
        summary: Summary,
        *,
        session: GoogleSession,
        database_id: str,
        writes: pacing.RateLimiter,
        reads: pacing.RateLimiter,
        progress: ProgressCallback | None,
        cancelled: Callable[[], bool],
        sleep: Callable[[float], None],
    ) -> None:
        self.user = user
        self.settings = settings
        self.options = options
        self.summary = summary
        self.database_id = database_id
        self.cancelled = cancelled
        self.progress_callback = progress
        self.client = PeopleClient(
            session, limiter=writes, reads=reads, sleep=sleep, cancelled=cancelled
        )
        self.progress = pacing.Progress(0)
        self.label = label_name()
        self.group: str | None = None
        #: People read whole this run (to be updated), by resource name.
        self.people: dict[str, dict[str, Any]] = {}
        #: People a listing returned this run, read light (cf.LIST_FIELDS_READ).
        self.listed: dict[str, dict[str, Any]] = {}
        #: Comments read from Google this run, by contact id.
        self.google_comments: dict[int, str] = {}
        self.google_updated: dict[int, str] = {}
        self.links: dict[int, SyncLink] = {}
        #: Contacts deleted on the phone this run: they left the list.
        self.off_the_list: set[int] = set()
        #: The language the run speaks in its log and summary (fr or en).
        self.lang = options.language or "en"
        self.log = RunLog(user, KIND_CONTACT, self.lang)

    # --- the run --------------------------------------------------------------------------

    def run(self) -> None:
        try:
            self._run()
        except GoogleUnavailable as exc:
            self._fail(exc.text.render(self.lang))
        except HttpError as exc:
            self._fail(_http_failure(exc).render(self.lang))
        finally:
            if self.log:
                with store.atomic():
                    self._flush_log()
            meter = self.client.meter
            self.summary.requests += meter.requests
            self.summary.units += meter.units
            self.summary.retries += meter.retries

    def _fail(self, message: str) -> None:
        self.summary.errors.append(message)
        self._log("", "sync", None, "", "", result="error", message=message)

    def _run(self) -> None:
        listed, left_out = self._listed()
        self._report_cap(left_out)
        self.links = {
            link.crm_id: link
            for link in SyncLink.select().where(
                SyncLink.user == self.user, SyncLink.kind == KIND_CONTACT
            )
        }
        intents = list(
            SyncIntent.select().where(SyncIntent.user == self.user, SyncIntent.kind == KIND_CONTACT)
        )
        recovering = bool(intents) and not self.options.dry_run
        cursor = read_cursor(self.user, TOKEN_SCOPE)
        token = cursor.value if cursor is not None and not self.options.full else ""
        if recovering and any(i.operation == "insert" for i in intents):
            token = ""  # a create may have reached Google: look at everything
        next_token = self._pull(token, listed)
        if recovering:
            self._recover_photos([i for i in intents if i.operation == "photo"])
            SyncIntent.delete().where(
                SyncIntent.user == self.user,
                SyncIntent.kind == KIND_CONTACT,
                SyncIntent.operation == "insert",
            ).execute()
        listed = [c for c in listed if c.id not in self.off_the_list]
        listed_ids = {c.id for c in listed}
        left_ids = {c.id for c in left_out}
        work = [self._plan(contact) for contact in listed]
        unlabel = [
            link
            for crm_id, link in self.links.items()
            if not link.detached and crm_id not in listed_ids and crm_id not in left_ids
        ]
        if self.options.dry_run:
            self._describe(work, unlabel)
            return
        self.progress = pacing.Progress(
            sum(bool(w.create or w.update or w.label or w.photo) for w in work) + len(unlabel)
        )
        self._report()
        self._apply(work, unlabel)
        if self.cancelled():
            self.summary.cancelled = True
            return
        with store.atomic():
            self._write_comments(work)
            self._note_rejected_photos(work)
            if next_token:
                save_cursor(self.user, TOKEN_SCOPE, next_token)
            SyncSettings.update(
                contacts_synced_at=utc_now(),
                contacts_synced_count=sum(1 for w in work if w.link is not None),
            ).where(SyncSettings.user == self.user).execute()

    # --- the list -------------------------------------------------------------------------

    def _listed(self) -> tuple[list[cf.ContactRow], list[cf.ContactRow]]:
        """The live contacts of the list, those added first within the cap, and the rest."""
        contacts = cf.ContactRow.rows(
            cf.ContactRow.query()
            .switch(Contact)
            .join(ContactToSync, on=(ContactToSync.contact == Contact.id))
            .where(ContactToSync.user == self.user, Contact.deleted_at.is_null())
            .order_by(ContactToSync.added_at, ContactToSync.id)
        )
        return contacts[:CONTACTS_CAP], contacts[CONTACTS_CAP:]

    def _report_cap(self, left_out: list[cf.ContactRow]) -> None:
        if not left_out:
            return
        for contact in left_out:
            self.summary.skipped_by_cap.append(
                {"kind": KIND_CONTACT, "crm_id": contact.id, "title": contact.display_name}
            )
        names = ", ".join(f"{c.display_name} (#{c.id})" for c in left_out[:20])
        if len(left_out) > 20:
            names = say("and_more", names=names, count=len(left_out) - 20).render(self.lang)
        message = say("contacts_cap", cap=CONTACTS_CAP, count=len(left_out), names=names)
        self._log(TO_GOOGLE, "skip", None, "", "", result="skipped", message=message)

    # --- reading Google -------------------------------------------------------------------

    def _pull(self, token: str, listed: list[cf.ContactRow]) -> str:
        try:
            found = self.client.connections(token or None)
        except PeopleSyncTokenExpired:
            self._log(
                TO_CRM,
                "list",
                None,
                "",
                "",
                result="ok",
                message=say("contacts_token_expired"),
            )
            token = ""
            found = self.client.connections(None)
        by_google = {link.google_id: link for link in self.links.values()}
        rows = {contact.id: contact for contact in listed}
        relinks: dict[int, dict[str, Any]] = {}
        for person in found.people:
            name = str(person.get("resourceName", ""))
            ids = cf.client_ids(person)
            ours = ids is not None and ids[0] == self.database_id
            link = by_google.get(name)
            if link is None and ours and ids is not None:
                link = self.links.get(ids[1])
                if link is not None and link.google_id != name:
                    log.warning("Contact %s has two people in Google; keeping %s", ids[1], name)
                    link = None if link.google_id in self.listed else link
            if (person.get("metadata") or {}).get("deleted"):
                if link is not None and link.google_id == name:
                    row = rows.get(link.crm_id)
                    if row is not None and not link.detached and _edited_in_crm(row, link):
                        self._create_again(link, row)
                    else:
                        self._deleted_in_google(link)
                continue
            if link is None:
                if ours and ids is not None and ids[1] not in self.links:
                    relinks[ids[1]] = person
                    self.listed[name] = person
                continue
            self.listed[name] = person
            if person.get("etag") != link.etag:
                self.google_comments[link.crm_id] = cf.biography(person)
                self.google_updated[link.crm_id] = cf.update_time(person)
        # People carrying our ids with no link: a reset, a lost database, or a create whose
        # answer a crash lost. They are linked again, never created twice.
        self._relink(relinks)
        return found.next_sync_token

    def _relink(self, relinks: dict[int, dict[str, Any]]) -> None:
        """Link again the people that carry our ids (after a reset, a lost database or a
        crash): they are updated, never created twice."""
        if not relinks or self.options.dry_run:
            for contact_id, person in relinks.items():
                self.google_comments[contact_id] = cf.biography(person)
            return
        known = {c.id for c in Contact.select(Contact.id).where(Contact.id.in_(list(relinks)))}
        with store.atomic():
            for contact_id, person in relinks.items():
                if contact_id not in known:
                    continue
                link = SyncLink.create(
                    user=self.user,
                    kind=KIND_CONTACT,
                    calendar_id="",
                    crm_id=contact_id,
                    google_id=person["resourceName"],
                    etag="",  # no base: every owned field is compared with Google's
                    synced=json.dumps({"relinked": True, "photo_url": cf.photo_url(person)}),
                )
                self.links[contact_id] = link
                self.google_comments[contact_id] = cf.biography(person)
                self.google_updated[contact_id] = cf.update_time(person)
                self._log(
                    TO_GOOGLE, "relink", contact_id, link.google_id, "", message=say("relinked")
                )

    def _deleted_in_google(self, link: SyncLink) -> None:
        """Deleted on the phone: the contact leaves the user's list (it would come back at
        every sync otherwise) and stays in the CRM."""
        self.links.pop(link.crm_id, None)
        self.off_the_list.add(link.crm_id)
        if self.options.dry_run:
            return
        with store.atomic():
            link.delete_instance()
            ContactToSync.delete().where(
                ContactToSync.user == self.user, ContactToSync.contact == link.crm_id
            ).execute()
            self._log(
                TO_CRM,
                "delete",
                link.crm_id,
                link.google_id,
                "",
                message=say("deleted_in_google_contacts"),
            )

    def _create_again(self, link: SyncLink, contact: cf.ContactRow) -> None:
        """Deleted on the phone but changed in the CRM since the last sync: the CRM's edit
        must not vanish with it, so the contact is created again (without its old link the
        plan sends it whole) and the log tells both sides' moves."""
        self.links.pop(link.crm_id, None)
        if self.options.dry_run:
            return
        with store.atomic():
            link.delete_instance()
            self.summary.conflicts += 1
            self._log(
                TO_GOOGLE,
                "conflict",
                link.crm_id,
                link.google_id,
                contact.display_name,
                message=say("deleted_in_google_edited_in_crm"),
            )

    def _recover_photos(self, intents: list[SyncIntent]) -> None:
        """A photo upload a crashed run sent: if the person's photo changed since, it was
        the upload (Google gives every new photo a new url), so it is not sent twice."""
        names = [i.google_id for i in intents if i.google_id]
        people = self.client.get_people(names) if names else {}
        with store.atomic():
            for intent in intents:
                payload = json.loads(intent.payload or "{}")
                person = people.get(intent.google_id)
                link = self.links.get(int(intent.crm_id or 0))
                if person is not None and link is not None:
                    url = cf.photo_url(person)
                    if url and url != payload.get("url_before", ""):
                        synced = link.synced_values
                        synced.update(photo_url=url, photo_stamp=payload.get("stamp", ""))
                        link.photo_hash = str(payload.get("hash", ""))
                        link.photo_rejected = False
                        link.synced = json.dumps(synced)
                        link.etag = str(person.get("etag", link.etag))
                        link.save()
                intent.delete_instance()

    # --- planning ---------------------------------------------------------------------------

    def _plan(self, contact: cf.ContactRow) -> Work:
        fields = cf.desired_fields(contact)
        work = Work(contact, fields, cf.fingerprint(fields))
        link = self.links.get(contact.id)
        work.link = link
        stamp = photo_stamp(contact)
        if link is None:
            work.create = True
            work.comment = contact.comment or ""
            self._plan_photo(work, stamp, "", {})
            return work
        synced = link.synced_values
        relinked = bool(synced.get("relinked"))
        if link.detached:
            work.label = True
        if relinked:
            work.label = True  # checked against its memberships when applied
        base_comment = synced.get("comment")
        google_comment = self.google_comments.get(contact.id, base_comment or "")
        merged, conflict = merge_field(
            "comment",
            base_comment or "",
            contact.comment or "",
            google_comment,
            has_base=base_comment is not None,
            policy=self.settings.conflict_policy or "latest",
            crm_updated=contact.updated_at,
            google_updated=_parse_time(self.google_updated.get(contact.id, "")),
        )
        work.comment = merged
        if conflict is not None:
            work.conflicts.append(conflict)
        work.crm_comment_write = merged != (contact.comment or "")
        work.update = (
            relinked or work.fingerprint != synced.get("fingerprint") or merged != google_comment
        )
        self._plan_photo(work, stamp, link.photo_hash, synced)
        return work

    def _plan_photo(self, work: Work, stamp: str, sent_hash: str, synced: dict[str, Any]) -> None:
        if stamp == synced.get("photo_stamp", None if work.link is None else "") and not (
            synced.get("relinked")
        ):
            return
        work.photo_stamp = stamp
        contact = work.contact
        data = contact.photo() if contact.photo_size else None
        if not data:
            if sent_hash or (synced.get("relinked") and synced.get("photo_url")):
                work.photo = "delete"
            return
        from crmsync.crm.photos import PhotoRejected, normalise_photo

        try:
            photo = normalise_photo(data)
        except PhotoRejected as exc:
            told = (
                work.link is not None
                and work.link.photo_rejected
                and synced.get("photo_stamp") == stamp
            )
            if not told:
                self._log(
                    TO_GOOGLE,
                    "photo",
                    contact.id,
                    work.link.google_id if work.link else "",
                    work.name,
                    result="skipped",
                    message=say("photo_not_sent", why=exc.text(self.lang)),
                )
                self.summary.skipped.append(
                    {
                        "kind": KIND_CONTACT,
                        "crm_id": contact.id,
                        "title": work.name,
                        "reason": exc.text(self.lang),
                        "reason_id": "photo_rejected",
                    }
                )
            work.photo_rejected = True
            return
        if photo.sha256 != sent_hash:
            work.photo, work.photo_data, work.photo_hash = "upload", photo.data, photo.sha256

    def _describe(self, work: list[Work], unlabel: list[SyncLink]) -> None:
        plan = []
        for w in work:
            for kind, wanted in (
                ("create", w.create),
                ("update", w.update and not w.create),
                ("label", w.label and not w.create),
                ("comment to CRM", w.crm_comment_write),
                (f"photo {w.photo}", bool(w.photo)),
            ):
                if wanted:
                    plan.append(
                        {
                            "kind": KIND_CONTACT,
                            "operation": kind,
                            "crm_id": w.contact.id,
                            "title": w.name,
                            "fields": [],
                        }
                    )
        for link in unlabel:
            contact = Contact.get_or_none(Contact.id == link.crm_id, Contact.deleted_at.is_null())
            phone = self._phone_comment(link)
            if contact is not None and phone is not None and phone != (contact.comment or ""):
                self.summary.updated["crm"] += 1  # taken before the label goes, as the run does
                plan.append(
                    {
                        "kind": KIND_CONTACT,
                        "operation": "comment to CRM",
                        "crm_id": link.crm_id,
                        "title": f"#{link.crm_id}",
                        "fields": [],
                    }
                )
            plan.append(
                {
                    "kind": KIND_CONTACT,
                    "operation": "unlabel",
                    "crm_id": link.crm_id,
                    "google_id": link.google_id,
                    "title": f"#{link.crm_id}",
                    "fields": [],
                }
            )
        self.summary.plan.extend(plan)
        self.summary.created["google"] += sum(w.create for w in work)
        # as the real run counts: a new contact's photo is part of its creation
        self.summary.updated["google"] += sum(
            not w.create and (w.update or bool(w.photo)) for w in work
        )
        self.summary.updated["crm"] += sum(w.crm_comment_write for w in work)
        self.summary.conflicts += sum(len(w.conflicts) for w in work)

    # --- applying -------------------------------------------------------------------------

    def _apply(self, work: list[Work], unlabel: list[SyncLink]) -> None:
        creates = [w for w in work if w.create]
        before = read_cursor(self.user, LABEL_SCOPE)
        if before is not None and before.value and before.basis != self.label:
            self._relabel(before.value, before.basis)
        if creates or any(w.label for w in work):
            self._ensure_group()
        for start in range(0, len(creates), BATCH_SIZE):
            if self.cancelled():
                return
            self._create(creates[start : start + BATCH_SIZE])
        self._label([w for w in work if w.label and w.link is not None])
        updates = [w for w in work if w.update and w.link is not None and not w.create]
        for start in range(0, len(updates), BATCH_SIZE):
            if self.cancelled():
                return
            self._update(updates[start : start + BATCH_SIZE])
        for w in work:
            if self.cancelled():
                return
            if w.photo and w.link is not None:
                self._photo(w)
        if unlabel and not self.cancelled():
            self._unlabel(unlabel)

    def _ensure_group(self) -> None:
        cursor = read_cursor(self.user, LABEL_SCOPE)
        if cursor is not None and cursor.basis == self.label and cursor.value:
            self.group = cursor.value
            return
        group = self.client.find_group(self.label)
        if group is None:
            group = self.client.create_group(self.label)
            self._log(TO_GOOGLE, "label", None, group, self.label, message=say("label_created"))
        self.group = group
        save_cursor(self.user, LABEL_SCOPE, group, self.label)

    def _relabel(self, old_group: str, old_name: str) -> None:
        """The label was renamed in the folder settings: the synced contacts move from the
        old label to the new one (the old label stays on the phone, empty, for the user to
        delete if he wants)."""
        self._ensure_group()
        names = [link.google_id for link in self.links.values() if not link.detached]
        if not names or self.group == old_group:
            return
        self._modify(add=names)
        try:
            self.client.modify_members(old_group, remove=names)
        except HttpError as exc:
            if int(exc.resp.status) != 404:  # the old label is gone already: nothing to do
                raise
        self._log(
            TO_GOOGLE,
            "label",
            None,
            self.group or "",
            self.label,
            message=say("label_renamed", count=len(names), old=old_name, new=self.label),
        )

    def _memberships(self) -> list[dict[str, Any]]:
        groups = [MY_CONTACTS] + ([self.group] if self.group else [])
        return [{"contactGroupMembership": {"contactGroupResourceName": g}} for g in groups]

    def _create(self, chunk: list[Work]) -> None:
        with store.atomic():
            SyncIntent.insert_many(
                [
                    {
                        "user": self.user.id,
                        "kind": KIND_CONTACT,
                        "operation": "insert",
                        "crm_id": w.contact.id,
                        "payload": "{}",
                        "created_at": utc_now(),
                    }
                    for w in chunk
                ]
            ).execute()
        bodies = []
        for w in chunk:
            body = cf.person_body(
                w.fields, w.comment, database_id=self.database_id, contact_id=w.contact.id
            )
            body["memberships"] = self._memberships()
            bodies.append(body)
        created: list[dict[str, Any] | None]
        try:
            created = list(self.client.create_people(bodies))
        except AmbiguousWrite as exc:
            # Google may have made them: look, link what is there, create only the rest.
            log.info("A create's answer was lost (%s); looking before trying again", exc)
            created = self._find_created(chunk)
            missing = [w for w, person in zip(chunk, created, strict=True) if person is None]
            if missing:
                again = self.client.create_people(
                    [b for w, b in zip(chunk, bodies, strict=True) if w in missing]
                )
                fresh = iter(again)
                created = [p if p is not None else next(fresh, None) for p in created]
        with store.atomic():
            made = [(w, p) for w, p in zip(chunk, created, strict=False) if p]
            self._save_links(made, comment_of=lambda w: w.comment, created=True)
            for w, _person in made:
                self.summary.created["google"] += 1
                self._log(
                    TO_GOOGLE, "create", w.contact.id, w.link.google_id if w.link else "", w.name
                )
            SyncIntent.delete().where(
                SyncIntent.user == self.user,
                SyncIntent.kind == KIND_CONTACT,
                SyncIntent.operation == "insert",
                SyncIntent.crm_id.in_([w.contact.id for w in chunk]),
            ).execute()
        self.progress.advance(len(chunk))
        self._report()

    def _find_created(self, chunk: list[Work]) -> list[dict[str, Any] | None]:
        found: dict[int, dict[str, Any]] = {}
        for person in self.client.connections(None).people:
            ids = cf.client_ids(person)
            if ids is not None and ids[0] == self.database_id:
                found[ids[1]] = person
        return [found.get(w.contact.id) for w in chunk]

    def _label(self, work: list[Work]) -> None:
        """Put back the label on contacts added to the list again, or relinked without it."""
        add = [
            w
            for w in work
            if w.link is not None
            and not (
                w.link.google_id in self.listed
                and self.group
                and cf.in_group(self.listed[w.link.google_id], self.group)
            )
        ]
        if add and self.group:
            missing = self._modify(add=[w.link.google_id for w in add if w.link])
            for w in add:
                if w.link is not None and w.link.google_id in missing:
                    # deleted on the phone while off the list: create it again
                    with store.atomic():
                        w.link.delete_instance()
                    w.link, w.create, w.update = None, True, False
                    self._create([w])
        with store.atomic():
            for w in work:
                if w.link is not None and w.link.detached:
                    w.link.detached = False
                    w.link.save()
                    self._log(
                        TO_GOOGLE,
                        "label",
                        w.contact.id,
                        w.link.google_id,
                        w.name,
                        message=say("back_in_list", label=self.label),
                    )

    def _modify(self, *, add: Sequence[str] = (), remove: Sequence[str] = ()) -> set[str]:
        assert self.group is not None
        try:
            return self.client.modify_members(self.group, add=add, remove=remove)
        except HttpError as exc:
            if int(exc.resp.status) != 404:
                raise
        # the label was deleted on the phone: find or make it again, once
        save_cursor(self.user, LABEL_SCOPE, "", "")
        self._ensure_group()
        return self.client.modify_members(self.group, add=add, remove=remove)

    def _update(self, chunk: list[Work]) -> None:
        pending = {w.link.google_id: w for w in chunk if w.link is not None}
        for attempt in range(STALE_RETRIES + 1):
            need = [name for name in pending if name not in self.people]
            if need:
                self.people.update(self.client.get_people(need))
            bodies: dict[str, dict[str, Any]] = {}
            for name, w in list(pending.items()):
                current = self.people.get(name)
                if current is None:  # gone from Google since: created again next run
                    self._forget(w)
                    del pending[name]
                    continue
                # Merge the comment against what Google holds now (the phone may have
                # written since the listing), never against what the plan saw.
                self._remerge(w, current)
                previous = (w.link.synced_values.get("fields") if w.link else None) or {}
                bodies[name] = cf.person_body(
                    w.fields,
                    w.comment,
                    database_id=self.database_id,
                    contact_id=w.contact.id,
                    current=current,
                    previous=previous,
                )
            if not bodies:
                return
            try:
                updated = self.client.update_people(bodies, list(cf.OWNED_FIELDS))
            except StaleEtag:
                if attempt == STALE_RETRIES:
                    raise GoogleUnavailable(say("contacts_kept_changing")) from None
                # Changed on the phone between our read and our write: read again, merge again.
                for name in pending:
                    self.people.pop(name, None)
                self.people.update(self.client.get_people(list(pending)))
                continue
            with store.atomic():
                done = [(w, updated[name]) for name, w in pending.items() if name in updated]
                self._save_links(done, comment_of=lambda w: w.comment)
                for w, person in done:
                    self.summary.updated["google"] += 1
                    self._log_conflicts(w)
                    self._log(TO_GOOGLE, "update", w.contact.id, person["resourceName"], w.name)
            self.progress.advance(len(pending))
            self._report()
            return

    def _remerge(self, w: Work, person: dict[str, Any]) -> None:
        base = w.link.synced_values.get("comment") if w.link else None
        google = cf.biography(person)
        merged, conflict = merge_field(
            "comment",
            base or "",
            w.contact.comment or "",
            google,
            has_base=base is not None,
            policy=self.settings.conflict_policy or "latest",
            crm_updated=w.contact.updated_at,
            google_updated=_parse_time(cf.update_time(person)),
        )
        w.comment = merged
        w.conflicts = [conflict] if conflict is not None else []
        w.crm_comment_write = merged != (w.contact.comment or "")

    def _photo(self, w: Work) -> None:
        assert w.link is not None
        name = w.link.google_id
        synced = w.link.synced_values
        if w.photo == "delete":
            person = self.client.delete_photo(name)
            with store.atomic():
                synced.update(photo_stamp=w.photo_stamp, photo_url="")
                w.link.photo_hash = ""
                w.link.photo_rejected = False
                w.link.synced = json.dumps(synced)
                w.link.etag = str(person.get("etag", w.link.etag))
                w.link.save()
                self._log(
                    TO_GOOGLE, "photo", w.contact.id, name, w.name, message=say("photo_deleted")
                )
        else:
            with store.atomic():
                intent = SyncIntent.create(
                    user=self.user,
                    kind=KIND_CONTACT,
                    operation="photo",
                    crm_id=w.contact.id,
                    google_id=name,
                    payload=json.dumps(
                        {
                            "hash": w.photo_hash,
                            "stamp": w.photo_stamp,
                            "url_before": synced.get("photo_url", ""),
                        }
                    ),
                )
            person = self.client.update_photo(name, w.photo_data)
            with store.atomic():
                synced.update(photo_stamp=w.photo_stamp, photo_url=cf.photo_url(person))
                w.link.photo_rejected = False
                w.link.photo_hash = w.photo_hash
                w.link.synced = json.dumps(synced)
                w.link.etag = str(person.get("etag", w.link.etag))
                w.link.save()
                intent.delete_instance()
                self._log(TO_GOOGLE, "photo", w.contact.id, name, w.name, message=say("photo_sent"))
        if not (w.update or w.create):
            self.summary.updated["google"] += 1
        self.progress.advance()
        self._report()

    def _unlabel(self, links: list[SyncLink]) -> None:
        """Off the list or deleted in the CRM: the label goes, the contact stays in Google."""
        self._take_phone_comments(links)
        if self.group is None:
            cursor = read_cursor(self.user, LABEL_SCOPE)
            self.group = cursor.value if cursor is not None and cursor.value else None
        if self.group is None:
            self._ensure_group()
        self._modify(remove=[link.google_id for link in links])
        with store.atomic():
            for link in links:
                link.detached = True
                link.save()
                self._log(
                    TO_GOOGLE,
                    "unlabel",
                    link.crm_id,
                    link.google_id,
                    "",
                    message=say("off_the_list", label=self.label),
                )
        self.progress.advance(len(links))
        self._report()

    def _take_phone_comments(self, links: list[SyncLink]) -> None:
        """A contact leaving the list whose comment the phone changed since the last sync:
        the comment is merged into the CRM contact before the label goes (once off the list
        nothing reads it again), or logged with its words when the CRM deleted the contact."""
        for link in links:
            google = self._phone_comment(link)
            if google is None:
                continue
            synced = link.synced_values
            base = str(synced.get("comment"))
            contact = Contact.get_or_none(Contact.id == link.crm_id)
            with store.atomic():
                if contact is None or contact.deleted_at is not None:
                    self._log(
                        TO_CRM,
                        "skip",
                        link.crm_id,
                        link.google_id,
                        "",
                        result="skipped",
                        message=say("comment_of_deleted_contact", comment=google),
                        fields={"comment": {"google": google}},
                    )
                else:
                    self._merge_phone_comment(link, contact, base, google)
                # Google holds the phone's comment: the base of a later return to the list
                synced["comment"] = google
                link.synced = json.dumps(synced, ensure_ascii=False)
                link.save()

    def _phone_comment(self, link: SyncLink) -> str | None:
        """The comment the phone wrote on ``link``'s person since the last sync, if any."""
        google = self.google_comments.get(link.crm_id)
        base = link.synced_values.get("comment")
        return None if google is None or base is None or google == base else google

    def _merge_phone_comment(
        self, link: SyncLink, contact: Contact, base: str, google: str
    ) -> None:
        row = cf.ContactRow.of(contact)
        merged, conflict = merge_field(
            "comment",
            base,
            row.comment or "",
            google,
            has_base=True,
            policy=self.settings.conflict_policy or "latest",
            crm_updated=row.updated_at,
            google_updated=_parse_time(self.google_updated.get(link.crm_id, "")),
        )
        w = Work(row, {}, "", link=link, comment=merged, conflicts=[conflict] if conflict else [])
        self._log_conflicts(w)
        if merged == (row.comment or ""):
            return
        contact.comment = merged
        contact.save()
        self.summary.updated["crm"] += 1
        self._log(
            TO_CRM,
            "update",
            contact.id,
            link.google_id,
            w.name,
            fields={"comment": {"crm": row.comment, "google": google}},
            message=say("comment_taken_off_the_list"),
        )

    def _forget(self, w: Work) -> None:
        if w.link is not None:
            with store.atomic():
                w.link.delete_instance()
            self.links.pop(w.contact.id, None)
            w.link = None

    def _save_links(
        self,
        pairs: list[tuple[Work, dict[str, Any]]],
        *,
        comment_of: Callable[[Work], str],
        created: bool = False,
    ) -> list[SyncLink]:
        """Write the links of ``pairs`` (a work and the person Google answered) in a few
        statements — a first sync writes thousands — and return them, in order."""
        rows = []
        for w, person in pairs:
            old = w.link.synced_values if w.link is not None else {}
            synced: dict[str, Any] = {
                "fingerprint": w.fingerprint,
                "fields": w.fields,
                "comment": comment_of(w),
                "photo_stamp": "" if created else old.get("photo_stamp"),
                "photo_url": cf.photo_url(person),
            }
            rejected = bool(w.link.photo_rejected) if w.link is not None else False
            if w.photo_rejected:
                rejected = True
                synced["photo_stamp"] = w.photo_stamp
            synced = {k: v for k, v in synced.items() if v is not None}
            rows.append(
                {
                    "user": self.user.id,
                    "kind": KIND_CONTACT,
                    "calendar_id": "",
                    "crm_id": w.contact.id,
                    "google_id": str(person["resourceName"]),
                    "etag": str(person.get("etag", "")),
                    "synced": json.dumps(synced, ensure_ascii=False),
                    "synced_at": utc_now(),
                    "photo_hash": w.link.photo_hash if w.link is not None else "",
                    "photo_rejected": rejected,
                    "read_only": False,
                    "detached": bool(w.link.detached) if w.link is not None else False,
                    "pending_deletion": False,
                    "recurring_id": "",
                }
            )
            self.people[str(person["resourceName"])] = person
        ids: list[int] = [int(w.contact.id) for w, _person in pairs]
        mine = (SyncLink.user == self.user) & (SyncLink.kind == KIND_CONTACT)
        for start in range(0, len(rows), 50):
            chunk = rows[start : start + 50]
            SyncLink.delete().where(
                mine, SyncLink.crm_id.in_([row["crm_id"] for row in chunk])
            ).execute()
            SyncLink.insert_many(chunk).execute()
        saved = {
            link.crm_id: link
            for start in range(0, len(ids), 500)
            for link in SyncLink.select().where(mine, SyncLink.crm_id.in_(ids[start : start + 500]))
        }
        self.links.update(saved)
        links = [saved[crm_id] for crm_id in ids]
        for (w, _person), link in zip(pairs, links, strict=True):
            w.link = link
        return links

    # --- the CRM --------------------------------------------------------------------------

    def _write_comments(self, work: list[Work]) -> None:
        for w in work:
            if not w.crm_comment_write or w.link is None:
                continue
            fresh = Contact.get_or_none(Contact.id == w.contact.id)
            if fresh is None:
                continue
            if (fresh.comment or "") != (w.contact.comment or ""):
                continue  # edited in the CRM during the run: the next sync merges it
            fresh.comment = w.comment
            fresh.save()
            self.summary.updated["crm"] += 1
            self._log_conflicts(w)
            self._log(
                TO_CRM,
                "update",
                w.contact.id,
                w.link.google_id,
                w.name,
                fields={"comment": {"crm": w.contact.comment, "google": w.comment}},
            )
            if not (w.update or w.create):
                synced = w.link.synced_values
                synced["comment"] = w.comment
                w.link.synced = json.dumps(synced, ensure_ascii=False)
                w.link.save()

    def _note_rejected_photos(self, work: list[Work]) -> None:
        """Remember a refused photo's stamp, so it is told once, not at every sync."""
        for w in work:
            if not w.photo_rejected or w.link is None:
                continue
            synced = w.link.synced_values
            if w.link.photo_rejected and synced.get("photo_stamp") == w.photo_stamp:
                continue
            synced.update(photo_stamp=w.photo_stamp)
            w.link.synced = json.dumps(synced, ensure_ascii=False)
            w.link.photo_rejected = True
            w.link.save()

    # --- log and progress -------------------------------------------------------------------

    def _log_conflicts(self, w: Work) -> None:
        for conflict in w.conflicts:
            self.summary.conflicts += 1
            self._log(
                TO_GOOGLE if conflict.winner == "crm" else TO_CRM,
                "conflict",
                w.contact.id,
                w.link.google_id if w.link else "",
                w.name,
                fields={
                    conflict.field: {
                        "crm": conflict.crm_value,
                        "google": conflict.google_value,
                        "winner": conflict.winner,
                    }
                },
                message=say(
                    "conflict_winner",
                    winner=conflict.winner,
                    policy=self.settings.conflict_policy,
                ),
            )
        w.conflicts = []

    def _log(self, *args: Any, **kwargs: Any) -> None:
        """A log line (see :meth:`RunLog.add`), written every 200 so memory stays bounded."""
        self.log.add(*args, **kwargs)
        if len(self.log) >= 200:
            with store.atomic():
                self._flush_log()

    def _flush_log(self) -> None:
        rows = self.log.take()
        for start in range(0, len(rows), 50):
            SyncLogEntry.insert_many(rows[start : start + 50]).execute()

    def _report(self) -> None:
        if self.progress_callback is not None:
            self.progress_callback(self.progress)


def _http_failure(exc: HttpError) -> Text:
    """A refusal of Google's that no retry mends, said for the user."""
    status = int(exc.resp.status)
    reasons = {r.casefold() for r in error_reasons(exc)}
    if status == 403 and (
        reasons & {"insufficientpermissions", "access_token_scope_insufficient"}
        or error_body(exc).get("status") == "PERMISSION_DENIED"
    ):
        return say("contacts_not_allowed")
    return say("contacts_refused", status=status, message=error_message(exc))


def _edited_in_crm(contact: cf.ContactRow, link: SyncLink) -> bool:
    """Whether the CRM changed what the sync sends of ``contact`` since its last sync."""
    synced = link.synced_values
    if "fingerprint" not in synced:  # relinked, no base: nothing tells an edit
        return False
    return (
        cf.fingerprint(cf.desired_fields(contact)) != synced["fingerprint"]
        or (contact.comment or "") != synced.get("comment", "")
        or photo_stamp(contact) != (synced.get("photo_stamp") or "")
    )


def _parse_time(text: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
