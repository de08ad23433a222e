"""``crmsync sync`` (the agenda sync, headless or in a ``--watch`` loop) and ``crmsync log``.

Exit codes: 0 done, 1 a sync met errors, could not run (its user's sync already running,
his access revoked…) or a user was left out for a red light — each is said, and the other
users are synced all the same —, 2 a set-up problem.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from typing import Any

from crmsync.commands.google import EXIT_FAILED, _endpoints, _guarded, _open, _user
from crmsync.commands.store import CommandError, reports_store_errors, resolve_db
from crmsync.crm.models import User

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sync = subparsers.add_parser(
        "sync",
        help="sync users' agendas with Google Calendar and contacts with Google Contacts",
        description="Two-way sync of the CRM agenda with Google Calendar: incremental, "
        "batched and paced under Google's quota. Prints what changed on each side.",
    )
    who = sync.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", metavar="LOGIN", help="the user to sync")
    who.add_argument("--all", action="store_true", help="every active user with an account")
    sync.add_argument("--agenda", action="store_true", help="sync the agenda (the default)")
    sync.add_argument(
        "--contacts",
        action="store_true",
        help="push the user's list of contacts to Google Contacts and pull their comments "
        "(with --agenda: both; alone: the contacts only)",
    )
    sync.add_argument(
        "--full", action="store_true", help="forced sync: read everything in the window again"
    )
    sync.add_argument(
        "--first-days",
        type=int,
        metavar="N",
        help="on a user's first sync, push the actions of the last N days only",
    )
    sync.add_argument(
        "--deletions",
        choices=("ask", "apply", "keep"),
        default="ask",
        help="what to do with events deleted in Google: ask (on a terminal; otherwise they "
        "wait for an answer), apply, or keep the actions (default: ask)",
    )
    sync.add_argument(
        "--confirm-deletions",
        action="store_true",
        help="confirm a mass deletion the guard held back",
    )
    sync.add_argument("--dry-run", action="store_true", help="show the plan, change nothing")
    sync.add_argument("--json", action="store_true", help="print the summary as JSON")
    sync.add_argument(
        "--rate",
        type=int,
        default=600,
        metavar="N",
        help="Google requests per minute per user (default 600, Google's quota)",
    )
    sync.add_argument(
        "--contacts-rate",
        metavar="READS,WRITES",
        default="180,90",
        help="People API requests per minute per user, reads and writes "
        "(default 180,90: Google's published limits)",
    )
    sync.add_argument(
        "--watch",
        action="store_true",
        help="keep running: push CRM edits at once, pull Google changes every --interval",
    )
    sync.add_argument(
        "--interval", type=float, default=120.0, metavar="S", help="seconds between pulls"
    )
    sync.add_argument(
        "--lang",
        choices=("fr", "en"),
        help="language of the log lines and messages (default: the app's choice)",
    )
    sync.set_defaults(func=_guarded(run_sync))

    log = subparsers.add_parser("log", help="show the sync log")
    log.add_argument("--user", metavar="LOGIN")
    log.add_argument("--since", metavar="DATE", help="YYYY-MM-DD or an ISO date-time")
    log.add_argument("--limit", type=int, default=200)
    log.add_argument("--json", action="store_true")
    log.set_defaults(func=reports_store_errors(run_log))


def _users(args: argparse.Namespace, store: Any, lang: str) -> tuple[list[User], bool]:
    """The users to sync, and whether one was left out for a problem (a red light…).

    ``--user`` names one, the administrator's explicit choice; ``--all`` takes every
    active user the rule of :mod:`crmsync.sync.eligibility` lets sync, and says why each
    other one is left out."""
    if args.user:
        return [_user(args.user)], False
    from crmsync.sync import eligibility
    from crmsync.texts import say

    users, trouble = [], False
    for user in User.select().where(User.active == True).order_by(User.login):  # noqa: E712
        verdict = eligibility.may_sync(user, store=store)
        if verdict.allowed:
            users.append(user)
            continue
        _tell(say("sync_skipped", login=user.login, why=verdict.why(lang)).render(lang))
        # switched off or never connected: the user's choice; a red light needs someone
        trouble = trouble or verdict.refusal in (eligibility.RED_LIGHT, eligibility.NO_SECRETS)
    return users, trouble


def _tell(text: str) -> None:
    print(f"crmsync: {text}", file=sys.stderr, flush=True)


def _options(args: argparse.Namespace) -> Any:
    from crmsync.sync.engine import SyncOptions

    if args.first_days is not None and args.first_days < 0:
        raise CommandError("--first-days takes a number of days, 0 or more.")
    if args.rate < 1:
        raise CommandError("--rate takes a number of requests per minute, 1 or more.")
    try:
        reads, writes = (int(part) for part in str(args.contacts_rate).split(","))
        if reads < 1 or writes < 1:
            raise ValueError
    except ValueError:
        raise CommandError(
            "--contacts-rate takes two numbers of requests per minute, reads then writes, "
            "each 1 or more: for example 180,90."
        ) from None
    return SyncOptions(
        agenda=args.agenda or not args.contacts,
        contacts=args.contacts,
        full=args.full,
        first_days=args.first_days,
        deletions=args.deletions,
        dry_run=args.dry_run,
        confirm_mass_deletion=args.confirm_deletions,
        per_minute=args.rate,
        people_reads_per_minute=reads,
        people_writes_per_minute=writes,
        language=getattr(args, "lang", None) or "",
    )


def run_sync(args: argparse.Namespace) -> int:
    store = _open(args)
    options = _options(args)
    lang = _language(options)
    users, trouble = _users(args, store, lang)
    if not users:
        print("crmsync: no user to sync (none is connected to Google).", file=sys.stderr)
        return EXIT_FAILED
    if args.watch:
        from crmsync.sync.watch import watch

        return watch(
            users, options, endpoints=_endpoints(args), interval=args.interval, store=store
        )
    status = EXIT_FAILED if trouble else 0
    results = []
    for user in users:
        summary, ran = _sync_one(user, options, args, store, lang)
        results.append(summary.as_dict())
        if not summary.ok:
            status = EXIT_FAILED
        if ran and not args.json:
            _print_summary(summary)
    if args.json:
        print(json.dumps(results if len(results) > 1 else results[0], indent=2, ensure_ascii=False))
    return status


def _language(options: Any) -> str:
    from crmsync.i18n import current_language

    return str(options.language or current_language())


def _sync_one(
    user: User, options: Any, args: argparse.Namespace, store: Any, lang: str
) -> tuple[Any, bool]:
    """One user's run: its summary, and whether it ran to its end. One that cannot run or
    fails is told at once (in ``lang``, with what to do) and comes back as a summary holding
    that message, so ``--all`` goes on with the others; the engine wrote it to the sync log."""
    from crmsync.sync.engine import Summary, failure_message, open_session, sync_user

    ask = _terminal_ask() if options.deletions == "ask" and sys.stdin.isatty() else None
    bar = _ProgressBar(user.login) if sys.stderr.isatty() and not args.json else None
    try:
        with open_session(user, lang, endpoints=_endpoints(args), store=store) as session:
            return sync_user(user, options, session=session, ask=ask, progress=bar), True
    except Exception as exc:  # noqa: BLE001 - one user's failure never stops the others
        if not _expected(exc):
            log.error("The sync of %s failed", user.login, exc_info=True)
        message = failure_message(exc, user.login, lang)
        _tell(message)
        return Summary(user=user.login, dry_run=options.dry_run, errors=[message]), False
    finally:
        if bar is not None:
            bar.finish()


def _expected(exc: BaseException) -> bool:
    """A failure the user is told of in full (no traceback needed in the log file)."""
    from crmsync.google.secrets import SecretStoreError
    from crmsync.google.session import GoogleConnectionError
    from crmsync.sync.engine import SyncBusy

    return isinstance(exc, SyncBusy | GoogleConnectionError | SecretStoreError)


def _print_summary(summary: Any) -> None:
    data = summary.as_dict()
    head = f"{data['user']}: " + ("(dry run) " if data["dry_run"] else "")
    print(
        head
        + f"CRM +{data['created']['crm']} ~{data['updated']['crm']} -{data['deleted']['crm']}, "
        f"Google +{data['created']['google']} ~{data['updated']['google']} "
        f"-{data['deleted']['google']} (moved {data['moved']}), "
        f"conflicts {data['conflicts']}, skipped by cap {len(data['skipped_by_cap'])}, "
        f"errors {len(data['errors'])}, requests {data['requests']}"
    )
    for entry in data["skipped_by_cap"]:
        what = "contact" if entry.get("kind") == "contact" else "action"
        print(f"  left out (cap): {entry.get('title')!r} ({what} {entry.get('crm_id')})")
    for message in data["guarded"]:
        print(f"  {message}")
    if data["pending_deletions"]:
        print(
            f"  {data['pending_deletions']} events deleted in Google wait for an answer: "
            "rerun with --deletions apply or keep."
        )
    for error in data["errors"]:
        print(f"  error: {error}")
    for step in data.get("plan", []):
        print(f"  {step['operation']}: {step['title']!r} {', '.join(step['fields'])}".rstrip())


def _terminal_ask() -> Any:
    def ask(question: Any) -> str:
        while True:
            answer = (
                input(
                    f"« {question.title} » ({question.when}) was deleted in Google. "
                    "Delete it in the CRM? [o]ui / [n]on / oui pour [t]out: "
                )
                .strip()
                .lower()
            )
            if answer in ("o", "oui", "y", "yes"):
                return "yes"
            if answer in ("n", "non", "no"):
                return "no"
            if answer in ("t", "tout", "a", "all"):
                return "all"

    return ask


class _ProgressBar:
    """A one-line progress bar with an ETA, on a terminal."""

    def __init__(self, login: str) -> None:
        self.login = login
        self.shown = False

    def __call__(self, progress: Any) -> None:
        total = max(progress.total, 1)
        width = 30
        filled = int(width * min(progress.done, total) / total)
        eta = progress.eta_seconds()
        eta_text = f" ETA {eta:4.0f} s" if eta else ""
        sys.stderr.write(
            f"\r{self.login}: [{'#' * filled}{'.' * (width - filled)}] "
            f"{progress.done}/{progress.total}{eta_text}"
        )
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def run_log(args: argparse.Namespace) -> int:
    from crmsync.sync.state import SyncLogEntry

    resolve_db(args)
    query = SyncLogEntry.select().order_by(SyncLogEntry.id.desc())
    if args.user:
        query = query.where(SyncLogEntry.user == _user(args.user))
    if args.since:
        query = query.where(SyncLogEntry.at >= _since(args.since))
    rows = list(query.limit(max(1, args.limit)))[::-1]
    logins = {u.id: u.login for u in User.select(User.id, User.login)}
    entries = [
        {
            "at": row.at.isoformat(),
            "user": logins.get(row.user_id, ""),
            "direction": row.direction,
            "operation": row.operation,
            "item": row.item,
            "crm_id": row.crm_id,
            "google_id": row.google_id,
            "fields": json.loads(row.fields) if row.fields else None,
            "result": row.result,
            "message": row.message,
        }
        for row in rows
    ]
    if args.json:
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return 0
    for e in entries:
        fields = e["fields"]
        shown = (
            ", ".join(fields)
            if isinstance(fields, list)
            else (json.dumps(fields, ensure_ascii=False) if fields else "")
        )
        print(
            f"{e['at'][:19]}  {e['user']:<10} {e['direction'] or '-':<12} {e['operation']:<8} "
            f"{e['item']!r} {shown} → {e['result']}"
            + (f" ({e['message']})" if e["message"] else "")
        )
    return 0


def _since(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--since {text!r}: give a date as YYYY-MM-DD.") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value
