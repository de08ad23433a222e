"""One entry point for every agenda sync: :func:`sync_user`.

The command line, the GUI's workers, the ``--watch`` loop and the automatic push all call
it. A run, in order:

1. takes the user's lock (in the database, so it holds across processes);
2. settles the writes a crashed run may have left half done (``AgendaRun._recover``);
3. reads the CRM's changes from the journal (or every action in the window on a full
   sync) and Google's from each calendar's sync token (or a full listing of the window);
4. plans (pure), asks about Google's deletions, and applies: Google writes in paced batches,
   each batch's results committed at once; then the CRM writes in one transaction;
5. moves the cursors on only once everything they cover is committed.

Killed at any point, the next run ends as an uninterrupted one would have.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import peewee
import psutil

from crmsync.crm import db as store
from crmsync.crm.models import FolderSettings, SyncSettings, User, utc_now
from crmsync.google.session import GoogleSession
from crmsync.sync import journal, pacing
from crmsync.sync.agenda_apply import AgendaRun
from crmsync.sync.google_people import (
    GOOGLE_PEOPLE_READS_PER_MINUTE,
    GOOGLE_PEOPLE_WRITES_PER_MINUTE,
)
from crmsync.sync.state import SyncLock

log = logging.getLogger(__name__)

DATABASE_ID_KEY = "sync.database_id"
LOCK_LIFETIME = dt.timedelta(minutes=10)
DELETION_ANSWERS = ("ask", "apply", "keep")

#: ``ask(question)`` answers a Google deletion: "yes", "no" or "all" (yes to every other);
#: "later" (or None) leaves it unanswered, to be asked again on the next run.
AskDeletion = Callable[["DeletionQuestion"], str | None]
ProgressCallback = Callable[[pacing.Progress], None]


class SyncBusy(Exception):
    """Another sync of this user is running (here or in another process)."""


@dataclass(frozen=True)
class DeletionQuestion:
    """An event deleted in Google whose action is still in the CRM."""

    user_login: str
    action_id: int
    title: str
    when: str


@dataclass
class SyncOptions:
    """What a run does. The defaults are a manual sync of the agenda."""

    agenda: bool = True
    #: Also push the user's contacts list to Google Contacts (and pull their comments).
    contacts: bool = False
    full: bool = False
    first_days: int | None = None
    deletions: str = "ask"
    dry_run: bool = False
    push: bool = True
    pull: bool = True
    #: Push CRM series actions (a manual sync does, the automatic push does not).
    include_series: bool = True
    confirm_mass_deletion: bool = False
    per_minute: int = pacing.GOOGLE_CALENDAR_PER_USER_PER_MINUTE
    #: People API requests per minute per user (Google publishes read and write limits).
    people_reads_per_minute: int = GOOGLE_PEOPLE_READS_PER_MINUTE
    people_writes_per_minute: int = GOOGLE_PEOPLE_WRITES_PER_MINUTE
    now: dt.datetime | None = None
    #: The language of the run's log lines, errors and skipped items ("fr" or "en"); empty
    #: for the app's one choice (crmsync.i18n.current_language) when the run starts.
    language: str = ""


@dataclass
class Summary:
    """What a run did, for the command line, the wizard's last page and the log."""

    user: str
    created: dict[str, int] = field(default_factory=lambda: {"crm": 0, "google": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"crm": 0, "google": 0})
    deleted: dict[str, int] = field(default_factory=lambda: {"crm": 0, "google": 0})
    moved: int = 0
    conflicts: int = 0
    skipped_by_cap: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    pending_deletions: int = 0
    guarded: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: int = 0
    units: int = 0
    retries: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    cancelled: bool = False
    plan: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "user": self.user,
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
            "moved": self.moved,
            "conflicts": self.conflicts,
            "skipped_by_cap": self.skipped_by_cap,
            "skipped": self.skipped,
            "pending_deletions": self.pending_deletions,
            "guarded": self.guarded,
            "errors": self.errors,
            "requests": self.requests,
            "units": self.units,
            "retries": self.retries,
            "seconds": round(self.seconds, 3),
            "dry_run": self.dry_run,
            "cancelled": self.cancelled,
            **({"plan": self.plan} if self.dry_run else {}),
        }


def database_id() -> str:
    """This CRM database's id, carried by every event it creates (made on first use)."""
    found = FolderSettings.get_value(DATABASE_ID_KEY)
    if found:
        return found
    with store.atomic():
        FolderSettings.insert(
            key=DATABASE_ID_KEY, value=uuid.uuid4().hex
        ).on_conflict_ignore().execute()
    return str(FolderSettings.get_value(DATABASE_ID_KEY))


@contextlib.contextmanager
def user_lock(user: User, scope: str = "sync") -> Iterator[Callable[[], None]]:
    """Hold the user's sync lock, across processes; :class:`SyncBusy` if a live run holds
    it. Yields ``renew()``, which a long run calls to keep its lease.

    A lock whose holder is gone is taken over at once: one whose lease ran out, or one held
    by a process of this machine that no longer runs (a crashed or killed run). The holder
    names its machine, process id and the process's start time, so a recycled process id
    is not mistaken for the holder.
    """
    holder = _holder_name()
    now = utc_now()
    # Read, then write: store.atomic takes the write lock first (in a deferred transaction
    # another user's lock written meanwhile made SQLite refuse this one at once).
    with store.atomic():
        found = SyncLock.get_or_none(SyncLock.user == user, SyncLock.scope == scope)
        if found is not None and (found.expires_at < now or _holder_is_gone(found.holder)):
            log.info("Taking over the sync lock of %s left by %s", user.login, found.holder)
            found.delete_instance()
        try:
            with store.atomic():
                SyncLock.create(
                    user=user, scope=scope, holder=holder, expires_at=now + LOCK_LIFETIME
                )
        except peewee.IntegrityError:
            raise SyncBusy(
                f"A sync of {user.login} is already running; wait for it to finish."
            ) from None

    def renew() -> None:
        SyncLock.update(expires_at=utc_now() + LOCK_LIFETIME).where(
            SyncLock.holder == holder
        ).execute()

    try:
        yield renew
    finally:
        SyncLock.delete().where(SyncLock.holder == holder).execute()


_SEPARATOR = "|"


def _holder_name() -> str:
    me = psutil.Process()
    return _SEPARATOR.join(
        (socket.gethostname(), str(me.pid), f"{me.create_time():.3f}", uuid.uuid4().hex[:8])
    )


def _holder_is_gone(holder: str) -> bool:
    """Whether the process named by ``holder`` has ended (only known on this machine)."""
    parts = holder.split(_SEPARATOR)
    if len(parts) != 4 or parts[0] != socket.gethostname():
        return False
    try:
        process = psutil.Process(int(parts[1]))
        return abs(process.create_time() - float(parts[2])) > 0.01
    except (psutil.NoSuchProcess, ValueError):
        return True
    except psutil.Error:
        return False


#: Google counts a call when it arrives, the limiter when it lets it go: the library still
#: builds the batch body and the request still crosses the network after that. Units are
#: held this much longer than the quota's minute, so they are never freed before Google
#: frees them (without it, batches sent at the window's edge were refused).
ARRIVAL_MARGIN = 2.0


def quota_limiter(per_minute: int) -> pacing.RateLimiter:
    """A limiter that keeps one user under Google's per-minute quota."""
    return pacing.RateLimiter(per_minute, window=60.0 + ARRIVAL_MARGIN)


def _renewing(progress: ProgressCallback | None, renew: Callable[[], None]) -> ProgressCallback:
    """Progress reports also renew the run's lock lease (they come after every batch)."""

    def report(done: pacing.Progress) -> None:
        renew()
        if progress is not None:
            progress(done)

    return report


def sync_user(
    user: User,
    options: SyncOptions | None = None,
    *,
    session: GoogleSession | None = None,
    progress: ProgressCallback | None = None,
    ask: AskDeletion | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
    limiter: pacing.RateLimiter | None = None,
) -> Summary:
    """Sync ``user``'s agenda and/or contacts with Google (see the module's docstring)."""
    options = options or SyncOptions()
    if not options.language:
        from crmsync.i18n import current_language

        options = replace(options, language=current_language())
    if options.deletions not in DELETION_ANSWERS:
        raise ValueError(f"deletions must be one of {', '.join(DELETION_ANSWERS)}")
    summary = Summary(user=user.login, dry_run=options.dry_run)
    started = time.monotonic()
    own_session = session is None
    session = session or GoogleSession(user)
    try:
        with user_lock(user) as renew:
            settings = SyncSettings.for_user(user)
            if options.agenda:
                run = AgendaRun(
                    user,
                    settings,
                    options,
                    summary,
                    session=session,
                    database_id=database_id(),
                    limiter=limiter or quota_limiter(options.per_minute),
                    progress=_renewing(progress, renew),
                    ask=ask,
                    cancelled=cancelled,
                    sleep=sleep,
                )
                run.run()
                journal.prune()
            if options.contacts and not summary.cancelled:
                from crmsync.sync.contacts_apply import ContactsRun

                ContactsRun(
                    user,
                    settings,
                    options,
                    summary,
                    session=session,
                    database_id=database_id(),
                    writes=quota_limiter(options.people_writes_per_minute),
                    reads=quota_limiter(options.people_reads_per_minute),
                    progress=_renewing(progress, renew),
                    cancelled=cancelled,
                    sleep=sleep,
                ).run()
    finally:
        if own_session:
            session.close()
        summary.seconds = time.monotonic() - started
    return summary
