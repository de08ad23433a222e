"""Fill the open CRM database with a batch of realistic, deterministic sample data.

Same seed, same reference day and same starting database → the same rows, byte for byte
(creation stamps included: they are drawn before the reference day, never taken from the
clock). Each part (people, photos, each user's agenda) draws from its own generator derived
from the seed, so asking for photos or more actions leaves the other parts unchanged.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import peewee

from crmsync.crm.db import atomic
from crmsync.crm.defaults import ADMIN_LOGIN, STANDARD_TYPES
from crmsync.crm.migrations import StoreError
from crmsync.crm.models import (
    MAX_CONTACTS_PER_USER,
    Action,
    ActionType,
    BaseModel,
    Company,
    Contact,
    ContactToSync,
    Series,
    SyncSettings,
    User,
    UserRight,
)
from crmsync.crm.sample.agenda import Agenda
from crmsync.crm.sample.people import (
    CompanyDraft,
    ContactDraft,
    make_companies,
    make_contacts,
    make_users,
    stamp_before,
)
from crmsync.crm.sample.photos import PhotoPool

log = logging.getLogger(__name__)

#: Rows per INSERT: well under SQLite's bound-variable limit (999 before SQLite 3.32).
ROWS_PER_INSERT = 100
_VARIABLE_LIMIT = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
_COMPANY_CODE = re.compile(r"^C(\d+)$")


class SampleDataExistsError(StoreError):
    """The database already holds users, contacts or actions and no appending was asked."""


@dataclass(frozen=True)
class SampleSummary:
    """What a run added, and how long it took."""

    users: int
    actions: int
    series: int
    series_actions: int
    companies: int
    contacts: int
    photos: int
    contacts_to_sync: int
    seconds: float

    def describe(self) -> str:
        """One paragraph for the command line."""
        return (
            f"Sample data added in {self.seconds:.1f} s: {self.users} users, "
            f"{self.actions} actions ({self.series_actions} in {self.series} series), "
            f"{self.companies} companies, {self.contacts} contacts "
            f"({self.photos} with a photo), {self.contacts_to_sync} contacts to sync."
        )


def existing_data() -> dict[str, int]:
    """How many users (the admin aside), contacts and actions the open database holds."""
    return {
        "users": User.select().where(User.login != ADMIN_LOGIN).count(),
        "contacts": Contact.select().count(),
        "actions": Action.select().count(),
    }


def generate_sample(
    *,
    users: int = 3,
    actions_per_user: int = 200,
    contacts: int = 100,
    photos: bool = False,
    seed: int = 1,
    today: dt.date | None = None,
    append: bool = False,
) -> SampleSummary:
    """Add sample users, companies, contacts and agendas to the open database.

    ``today`` is the day the agendas are centred on (default: the real date); pass a fixed
    one for reproducible data. On a database that already holds users, contacts or actions
    this raises :class:`SampleDataExistsError` unless ``append`` is true; an appended batch
    draws different people (the seed is mixed with what the database holds), continues
    the company codes and gives clashing logins a number.
    """
    if min(users, actions_per_user, contacts) < 0:
        raise ValueError("Sample sizes cannot be negative.")
    began = time.perf_counter()
    today = today or dt.date.today()
    held = existing_data()
    if any(held.values()) and not append:
        raise SampleDataExistsError(
            f"The database already holds {held['users']} users, {held['contacts']} contacts "
            f"and {held['actions']} actions; demo data goes into an empty CRM. "
            "Use --append to add another batch anyway."
        )
    key = str(seed) if not any(held.values()) else f"{seed}+{sum(held.values())}"
    reference = dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC)
    with atomic():
        batch = _Batch(key, reference)
        batch.add_people(users, contacts, photos)
        batch.add_agendas(today, actions_per_user)
        batch.add_contact_lists()
    summary = batch.summary(time.perf_counter() - began)
    log.info("%s", summary.describe())
    return summary


class _Batch:
    """One run's rows, inserted part by part so later parts can refer to earlier ids."""

    def __init__(self, key: str, reference: dt.datetime) -> None:
        self.key = key
        self.reference = reference
        self.companies: list[CompanyDraft] = []
        self.contacts: list[ContactDraft] = []
        self.user_ids: list[int] = []
        self.user_zones: list[str] = []
        self.series = self.series_actions = self.actions = self.contacts_to_sync = 0

    def rng(self, part: str) -> random.Random:
        """The generator of one part of the batch; str seeds hash stably across runs."""
        return random.Random(f"{self.key}:{part}")

    def add_people(self, users: int, contacts: int, photos: bool) -> None:
        rng = self.rng("people")
        company_count = max(1, round(contacts / 4)) if contacts else 0
        self.companies = make_companies(rng, company_count, _next_company_number(), self.reference)
        ids = insert_rows(Company, [draft.row for draft in self.companies], want_ids=True)
        for company, row_id in zip(self.companies, ids, strict=True):
            company.id = row_id
        pool = PhotoPool(self.rng("photos")) if photos else None
        self.contacts = make_contacts(rng, contacts, self.companies, self.reference, pool)
        for contact in self.contacts:
            contact.row["company"] = contact.company.id if contact.company is not None else None
        ids = insert_rows(Contact, [contact.row for contact in self.contacts], want_ids=True)
        for contact, row_id in zip(self.contacts, ids, strict=True):
            contact.id = row_id
        taken = {str(login) for login in User.select(User.login).scalars()}
        user_rows = make_users(rng, users, self.reference, taken)
        self.user_ids = insert_rows(User, user_rows, want_ids=True)
        self.user_zones = [str(row["time_zone"]) for row in user_rows]
        # Google names an account's primary calendar after its e-mail address.
        insert_rows(
            SyncSettings,
            [
                {"user": user_id, "calendar_name": row["google_email"]}
                for user_id, row in zip(self.user_ids, user_rows, strict=True)
            ],
        )
        if self.user_ids:
            viewer, *others = self.user_ids
            insert_rows(
                UserRight,
                [{"viewer": viewer, "target": t, "visible": True, "agenda": True} for t in others],
            )

    def add_agendas(self, today: dt.date, count: int) -> None:
        type_ids = _standard_type_ids()
        for index, (user_id, zone) in enumerate(zip(self.user_ids, self.user_zones, strict=True)):
            agenda = Agenda(
                self.rng(f"agenda:{index}"), user_id, ZoneInfo(zone), today, type_ids, self.contacts
            )
            plan = agenda.plan(count)
            series_ids = insert_rows(Series, plan.series, want_ids=True)
            # Drawn from the seed too (not the store's random default): same seed, same rows.
            uids = self.rng(f"sync_uids:{index}")
            for row in plan.actions:
                row["sync_uid"] = f"{uids.getrandbits(128):032x}"
                position = row["series"]
                if isinstance(position, int):
                    row["series"] = series_ids[position]
                    self.series_actions += 1
            insert_rows(Action, plan.actions)
            self.series += len(series_ids)
            self.actions += len(plan.actions)

    def add_contact_lists(self) -> None:
        """Each user lists a different sample of the batch's contacts; the first user lists
        as many as the sync takes, so the cap is exercised."""
        rng = self.rng("lists")
        contact_ids = [draft.id for draft in self.contacts]
        most = min(len(contact_ids), MAX_CONTACTS_PER_USER)
        rows: list[dict[str, object]] = []
        for index, user_id in enumerate(self.user_ids):
            size = most if index == 0 else rng.randint(most // 2, most)
            for contact_id in sorted(rng.sample(contact_ids, size)):  # type: ignore[type-var]
                added = stamp_before(rng, self.reference, 200)
                rows.append({"user": user_id, "contact": contact_id, "added_at": added})
        insert_rows(ContactToSync, rows)
        self.contacts_to_sync = len(rows)

    def summary(self, seconds: float) -> SampleSummary:
        return SampleSummary(
            users=len(self.user_ids),
            actions=self.actions,
            series=self.series,
            series_actions=self.series_actions,
            companies=len(self.companies),
            contacts=len(self.contacts),
            photos=sum(1 for draft in self.contacts if draft.row["photo"] is not None),
            contacts_to_sync=self.contacts_to_sync,
            seconds=seconds,
        )


def insert_rows(
    model: type[BaseModel], rows: Sequence[dict[str, object]], *, want_ids: bool = False
) -> list[int]:
    """Insert ``rows`` in chunks; with ``want_ids``, return their ids in order.

    The ids are read back as those above the highest id before the insert, which holds
    inside the caller's transaction (SQLite has one writer; the tables here are only
    written by this run while it lasts).
    """
    if not rows:
        return []
    before = (model.select(peewee.fn.MAX(model.id)).scalar() or 0) if want_ids else 0
    per_insert = max(1, min(ROWS_PER_INSERT, _VARIABLE_LIMIT // len(rows[0])))
    for chunk in _chunks(rows, per_insert):
        model.insert_many(chunk).execute()
    if not want_ids:
        return []
    query = model.select(model.id).where(model.id > before).order_by(model.id)
    ids = [int(row_id) for row_id in query.scalars()]
    if len(ids) != len(rows):
        raise StoreError(
            f"Inserted {len(rows)} rows into {model._meta.table_name} but found {len(ids)}: "
            "another program wrote to the database at the same time. Try again."
        )
    return ids


def _chunks(rows: Sequence[dict[str, object]], size: int) -> Iterable[Sequence[dict[str, object]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _next_company_number() -> int:
    """One past the highest "C0001"-style company code, so appended batches carry on."""
    highest = 0
    for code in Company.select(Company.code).where(Company.code.startswith("C")).scalars():
        match = _COMPANY_CODE.match(str(code))
        if match:
            highest = max(highest, int(match.group(1)))
    return highest + 1


def _standard_type_ids() -> dict[str, int]:
    found: dict[str, int] = {kind.code: kind.id for kind in ActionType.select()}
    missing = [code for code, _ in STANDARD_TYPES if code not in found]
    if missing:
        raise StoreError(
            f"The standard action types {', '.join(missing)} are missing; sample agendas "
            "use all eleven. Restore them (e.g. on a new database) and try again."
        )
    return {code: found[code] for code, _ in STANDARD_TYPES}
