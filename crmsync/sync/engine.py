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
from crmsync.google import pacing, redact
from crmsync.google.messages import Said
from crmsync.google.session import GoogleSession
from crmsync.sync import journal, quota_ledger
from crmsync.sync.agenda_apply import AgendaRun
from crmsync.sync.google_people import (
    GOOGLE_PEOPLE_READS_PER_MINUTE,
    GOOGLE_PEOPLE_WRITES_PER_MINUTE,
)
from crmsync.sync.quota_ledger import QuotaLedger
from crmsync.sync.state import SyncLock
from crmsync.texts import Text, say

log = logging.getLogger(__name__)

DATABASE_ID_KEY = "sync.database_id"
LOCK_LIFETIME = dt.timedelta(minutes=10)
DELETION_ANSWERS = ("ask", "apply", "keep")

#: ``ask(question)`` answers a Google deletion: "yes", "no" or "all" (yes to every other);
#: "later" (or None) leaves it unanswered, to be asked again on the next run.
AskDeletion = Callable[["DeletionQuestion"], str | None]
ProgressCallback = Callable[[pacing.Progress], None]


class SyncBusy(Exception):
    """Another sync of this user is running (here or in another process).

    ``str()`` is the English (or the words ``shown``, already in the user's language);
    :meth:`message` says it in the language asked for."""

    def __init__(self, login: str, shown: str = "") -> None:
        self.login = login
        self.text = say("sync_busy", login=login)
        super().__init__(shown or str(self.text))

    def message(self, lang: str) -> str:
        return self.text.render(lang)


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
            raise SyncBusy(user.login) from None

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
    """Whether the process named by ``holder`` has ended — gone, or a zombie — (only known
    on this machine)."""
    parts = holder.split(_SEPARATOR)
    if len(parts) != 4 or parts[0] != socket.gethostname():
        return False
    try:
        process = psutil.Process(int(parts[1]))
        if abs(process.create_time() - float(parts[2])) > 0.01:
            return True  # its id was given to another process since
        # A killed process stays a zombie until its parent reaps it: it still "exists"
        # for the system, but it runs no more and holds nothing.
        return process.status() == psutil.STATUS_ZOMBIE
    except (psutil.NoSuchProcess, ValueError):  # ZombieProcess is a NoSuchProcess too
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
    """Sync ``user``'s agenda and/or contacts with Google (see the module's docstring).

    A run that fails — it raises (a busy lock, a revoked access, anything unexpected) or
    ends with errors — writes one « error » line to the sync log, in the run's language,
    saying what to do; a cancelled run without errors is not a failure. A dry run writes
    nothing, that line included.
    """
    options = options or SyncOptions()
    if not options.language:
        from crmsync.i18n import current_language

        options = replace(options, language=current_language())
    if options.deletions not in DELETION_ANSWERS:
        raise ValueError(f"deletions must be one of {', '.join(DELETION_ANSWERS)}")
    summary = Summary(user=user.login, dry_run=options.dry_run)
    started = time.monotonic()
    try:
        _sync(user, options, summary, session, progress, ask, cancelled, sleep, limiter)
    except Exception as exc:
        if not options.dry_run:
            record_failure(user, failure_message(exc, user.login, options.language))
        raise
    finally:
        summary.seconds = time.monotonic() - started
    if summary.errors and not options.dry_run:
        record_failure(user, _errors_message(summary, options.language))
    return summary


def _sync(
    user: User,
    options: SyncOptions,
    summary: Summary,
    session: GoogleSession | None,
    progress: ProgressCallback | None,
    ask: AskDeletion | None,
    cancelled: Callable[[], bool],
    sleep: Callable[[float], None],
    limiter: pacing.RateLimiter | None,
) -> None:
    own_session = session is None
    with contextlib.ExitStack() as stack:
        renew = stack.enter_context(user_lock(user))
        session = session or GoogleSession(user)
        if own_session:
            stack.callback(session.close)
        settings = SyncSettings.for_user(user)
        if options.agenda:
            calendar = limiter or quota_limiter(options.per_minute)
            stack.callback(QuotaLedger(user, quota_ledger.CALENDAR).attach(calendar))
            run = AgendaRun(
                user,
                settings,
                options,
                summary,
                session=session,
                database_id=database_id(),
                limiter=calendar,
                progress=_renewing(progress, renew),
                ask=ask,
                cancelled=cancelled,
                sleep=sleep,
            )
            run.run()
            journal.prune()
        if options.contacts and not summary.cancelled:
            from crmsync.sync.contacts_apply import ContactsRun

            writes = quota_limiter(options.people_writes_per_minute)
            reads = quota_limiter(options.people_reads_per_minute)
            stack.callback(QuotaLedger(user, quota_ledger.PEOPLE_WRITE).attach(writes))
            stack.callback(QuotaLedger(user, quota_ledger.PEOPLE_READ).attach(reads))
            ContactsRun(
                user,
                settings,
                options,
                summary,
                session=session,
                database_id=database_id(),
                writes=writes,
                reads=reads,
                progress=_renewing(progress, renew),
                cancelled=cancelled,
                sleep=sleep,
            ).run()


# --- failed runs in the sync log ------------------------------------------------------------

#: How many of a run's errors its log line quotes (the summary keeps them all).
ERRORS_QUOTED = 3


def failure_message(exc: BaseException, login: str, lang: str) -> str:
    """What to tell the user of a run of ``login`` that raised ``exc``: why, and what to do,
    in ``lang``."""
    if isinstance(exc, SyncBusy):
        return exc.message(lang)
    said = getattr(exc, "said", None)  # a Google connection or secrets store problem
    if isinstance(said, Said):
        return said.full(lang)
    text = getattr(exc, "text", None)  # Google unavailable
    if isinstance(text, Text):
        return text.render(lang)
    error = redact.scrub(f"{type(exc).__name__}: {exc}".rstrip(": "))[:300]
    return say("sync_crashed", login=login, error=error).render(lang)


def _errors_message(summary: Summary, lang: str) -> str:
    quoted = summary.errors[:ERRORS_QUOTED]
    errors = " ; ".join(quoted) if lang == "fr" else "; ".join(quoted)
    if len(summary.errors) > len(quoted):
        errors += " …"
    return say(
        "sync_ended_with_errors", login=summary.user, count=len(summary.errors), errors=errors
    ).render(lang)


def open_session(user: User, lang: str, **session_args: Any) -> GoogleSession:
    """``user``'s Google session (``session_args`` go to :class:`GoogleSession`). One that
    cannot be opened (never connected, no keyring…) is a failed run: written to the sync log
    in ``lang``, then raised."""
    try:
        return GoogleSession(user, **session_args)
    except Exception as exc:
        record_failure(user, failure_message(exc, user.login, lang))
        raise


def record_failure(user: User, message: str) -> None:
    """Write a failed run's line to the sync log (result « error »). A log that cannot be
    written is told to the application's log and never hides the run's own failure."""
    from crmsync.sync.state import SyncLogEntry, log_row

    message = message.replace("\n  → ", " → ")  # one line in the log's table
    try:
        with store.atomic():
            SyncLogEntry.insert(
                log_row(user, "", "", "sync", None, "", "", result="error", message=message)
            ).execute()
    except Exception:  # noqa: BLE001 - the failure itself is what matters
        log.exception("Could not write the failed sync of %s to the sync log", user.login)
