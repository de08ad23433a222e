"""Commands on the CRM store itself: ``info`` and ``user`` (add, list, grant, set).

Other command modules open the database with :func:`resolve_db` and may wrap their handlers
in :func:`reports_store_errors` so a store problem ends with a message and exit code 2.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import peewee

from crmsync import paths
from crmsync.crm import db as store
from crmsync.crm.migrations import StoreError
from crmsync.crm.models import (
    CONFLICT_POLICIES,
    DEFAULT_TIME_ZONE,
    Action,
    ActionType,
    Company,
    Contact,
    ContactToSync,
    FolderSettings,
    Series,
    SyncSettings,
    User,
    UserRight,
    ValidationError,
    validate_time_zone,
)

EXIT_ERROR = 2
DEMO_DATABASE_NAME = "crmsync.sqlite"

Handler = Callable[[argparse.Namespace], int]


class CommandError(Exception):
    """A mistake in what the user asked for; the message says how to put it right."""


def demo_database_path() -> Path:
    """The demo's SQLite file."""
    return paths.demo_dir() / DEMO_DATABASE_NAME


def resolve_db(args: argparse.Namespace, *, create: bool = True) -> peewee.Database:
    """Open the database the command line names (``--db``, ``--demo``, else the default).

    Raises :class:`StoreError` (with a message for the user) when it cannot be opened.
    """
    target = getattr(args, "db", None)
    if getattr(args, "demo", False):
        if target:
            raise StoreError("Use either --db or --demo, not both.")
        target = demo_database_path()
    return store.open_database(target, create=create)


def reports_store_errors(handler: Handler) -> Handler:
    """Turn store, validation and command errors into a message on stderr and exit code 2."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except (StoreError, ValidationError, CommandError) as exc:
            print(f"crmsync: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        finally:
            store.close_database()

    return run


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``info`` and ``user``."""
    info = subparsers.add_parser(
        "info",
        help="show where the CRM database is, its schema version and what it holds",
        description="Show the CRM database's location, schema version and row counts.",
    )
    info.add_argument("--json", action="store_true", help="print JSON instead of text")
    info.set_defaults(func=reports_store_errors(run_info))

    user = subparsers.add_parser(
        "user",
        help="add and list CRM users, grant rights, change sync settings",
        description="Manage CRM users, the rights they hold on each other, and their "
        "Google sync settings.",
    )
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    _register_user_add(actions)
    _register_user_list(actions)
    _register_user_grant(actions)
    _register_user_set(actions)


# --- info ---------------------------------------------------------------------------------


def count_rows() -> dict[str, int]:
    """Rows per table of the open database; tombstoned actions and contacts apart."""
    counts = {
        "users": User.select().count(),
        "user_rights": UserRight.select().count(),
        "action_types": ActionType.select().count(),
        "actions": Action.live().count(),
        "actions_deleted": Action.select().where(Action.deleted_at.is_null(False)).count(),
        "series": Series.select().count(),
        "companies": Company.select().count(),
        "contacts": Contact.live().count(),
        "contacts_deleted": Contact.select().where(Contact.deleted_at.is_null(False)).count(),
        "contacts_to_sync": ContactToSync.select().count(),
        "sync_settings": SyncSettings.select().count(),
        "folder_settings": FolderSettings.select().count(),
    }
    # Then every other table the migrations made (the sync engine's, ...).
    db = store.current_database()
    for table in db.get_tables():
        if table not in counts and table != "schema_version" and not table.startswith("sqlite_"):
            counts[table] = db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    return counts


def run_info(args: argparse.Namespace) -> int:
    db = resolve_db(args, create=False)
    report: dict[str, Any] = {
        "database": store.database_location(),
        "backend": "postgresql" if isinstance(db, peewee.PostgresqlDatabase) else "sqlite",
        "schema_version": store.schema_version(),
        "counts": count_rows(),
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    print(f"Database:        {report['database']} ({report['backend']})")
    print(f"Schema version:  {report['schema_version']}")
    counts = report["counts"]
    width = max(len(name) for name in counts)
    for name, count in counts.items():
        print(f"  {name.replace('_', ' '):<{width}}  {count:>7}")
    return 0


# --- user add / list ----------------------------------------------------------------------


def _register_user_add(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    add = actions.add_parser("add", help="add a user", description="Add a CRM user.")
    add.add_argument("login", metavar="LOGIN", help="the user's unique login")
    add.add_argument("--name", required=True, help="full name, as shown in the CRM")
    add.add_argument("--email", required=True, help="the user's e-mail address")
    add.add_argument(
        "--google-email", metavar="EMAIL", help="Google account to sync with (default: --email)"
    )
    add.add_argument("--admin", action="store_true", help="make the user an administrator")
    add.add_argument(
        "--tz",
        default=DEFAULT_TIME_ZONE,
        metavar="ZONE",
        help=f"IANA time zone (default: {DEFAULT_TIME_ZONE})",
    )
    add.set_defaults(func=reports_store_errors(run_user_add))


def _check_email(value: str | None, option: str) -> None:
    if value is not None and (
        value.count("@") != 1 or value.startswith("@") or value.endswith("@")
    ):
        raise CommandError(f"{option} {value!r} is not an e-mail address (name@domain).")


def run_user_add(args: argparse.Namespace) -> int:
    _check_email(args.email, "--email")
    _check_email(args.google_email, "--google-email")
    validate_time_zone(args.tz)
    resolve_db(args)
    if User.get_or_none(User.login == args.login) is not None:
        raise CommandError(
            f"A user with login {args.login!r} already exists: choose another login, "
            f"or change that user with `crmsync user set {args.login}`."
        )
    with store.atomic():
        user = User.create(
            login=args.login,
            name=args.name,
            email=args.email,
            google_email=args.google_email or args.email,
            is_admin=args.admin,
            time_zone=args.tz,
        )
        SyncSettings.for_user(user)
    print(f"Added user {user.login} ({user.name}).")
    return 0


def _register_user_list(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    listing = actions.add_parser("list", help="list users", description="List the CRM users.")
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    listing.set_defaults(func=reports_store_errors(run_user_list))


def user_as_dict(user: User) -> dict[str, Any]:
    """A user, its rights on others and its sync settings, as plain JSON-ready values."""
    settings = SyncSettings.for_user(user)
    rights = (
        UserRight.select(UserRight, User)
        .join(User, on=(UserRight.target == User.id))
        .where(UserRight.viewer == user)
        .order_by(User.login)
    )
    return {
        "login": user.login,
        "name": user.name,
        "email": user.email,
        "google_email": user.google_email,
        "is_admin": user.is_admin,
        "time_zone": user.time_zone,
        "active": user.active,
        "rights": [
            {"target": r.target.login, "visible": r.visible, "agenda": r.agenda} for r in rights
        ],
        "sync": {
            "calendar_name": settings.calendar_name,
            "months_before": settings.months_before,
            "months_after": settings.months_after,
            "auto_push": settings.auto_push,
            "pull_on_startup": settings.pull_on_startup,
            "sync_series": settings.sync_series,
            "transfer_colours": settings.transfer_colours,
            "conflict_policy": settings.conflict_policy,
            "first_sync_days": settings.first_sync_days,
            "status": settings.status,
        },
    }


def run_user_list(args: argparse.Namespace) -> int:
    resolve_db(args)
    users = [user_as_dict(u) for u in User.select().order_by(User.login)]
    if args.json:
        print(json.dumps(users, indent=2, ensure_ascii=False))
        return 0
    header = ("LOGIN", "NAME", "GOOGLE E-MAIL", "TIME ZONE", "FLAGS")
    lines = [header] + [
        (
            u["login"],
            u["name"],
            u["google_email"] or "-",
            u["time_zone"],
            ",".join(f for f, on in (("admin", u["is_admin"]), ("inactive", not u["active"])) if on)
            or "-",
        )
        for u in users
    ]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
    return 0


# --- user grant ---------------------------------------------------------------------------


def _register_user_grant(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    grant = actions.add_parser(
        "grant",
        help="set what one user may see of another",
        description="Set VIEWER's rights on TARGET to exactly what is given. --agenda implies "
        "--visible; with no option, --visible is meant. A user always sees himself.",
    )
    grant.add_argument("viewer", metavar="VIEWER", help="login of the user who gets the right")
    grant.add_argument("target", metavar="TARGET", help="login of the user who is seen")
    grant.add_argument("--visible", action="store_true", help="VIEWER may see TARGET")
    grant.add_argument(
        "--agenda", action="store_true", help="VIEWER may see and sync TARGET's agenda"
    )
    grant.add_argument("--revoke", action="store_true", help="take all rights away instead")
    grant.set_defaults(func=reports_store_errors(run_user_grant))


def _get_user(login: str) -> User:
    user = User.get_or_none(User.login == login)
    if user is None:
        raise CommandError(f"Unknown user {login!r}: `crmsync user list` shows the logins.")
    return user


def run_user_grant(args: argparse.Namespace) -> int:
    if args.revoke and (args.visible or args.agenda):
        raise CommandError("--revoke takes no --visible or --agenda: it removes both.")
    resolve_db(args)
    viewer, target = _get_user(args.viewer), _get_user(args.target)
    if viewer.id == target.id:
        raise CommandError("A user always sees himself and his agenda: no right is needed.")
    if args.revoke:
        UserRight.delete().where(UserRight.viewer == viewer, UserRight.target == target).execute()
        print(f"{viewer.login} can no longer see {target.login}.")
        return 0
    visible = args.visible or args.agenda or not (args.visible or args.agenda)
    with store.atomic():
        right = UserRight.get_or_none(UserRight.viewer == viewer, UserRight.target == target)
        right = right or UserRight(viewer=viewer, target=target)
        right.visible, right.agenda = visible, args.agenda
        right.save()
    what = "see and sync the agenda of" if right.agenda else "see"
    print(f"{viewer.login} can now {what} {target.login}.")
    return 0


# --- user set -----------------------------------------------------------------------------

_SWITCHES = (
    ("auto", "auto_push", "push each action edit to Google at once (Automatique)"),
    ("startup", "pull_on_startup", "pull from Google when the app starts (Au démarrage)"),
    ("series", "sync_series", "bring Google recurring events in as series (Actions séries)"),
    ("colours", "transfer_colours", "send action type colours (Transfert couleur Actions)"),
)


def _register_user_set(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    change = actions.add_parser(
        "set",
        help="change a user's details and Google sync settings",
        description="Change a user's details and Google sync settings; options left out "
        "keep their value.",
    )
    change.add_argument("login", metavar="LOGIN")
    change.add_argument("--name", help="full name")
    change.add_argument("--email", metavar="EMAIL", help="the user's e-mail address")
    change.add_argument("--google-email", metavar="EMAIL", help="Google account to sync with")
    change.add_argument("--tz", metavar="ZONE", help="IANA time zone")
    change.add_argument("--admin", action=argparse.BooleanOptionalAction, default=None)
    change.add_argument("--active", action=argparse.BooleanOptionalAction, default=None)
    change.add_argument(
        "--calendar", metavar="NAME", help="Google calendar to sync the agenda with"
    )
    change.add_argument("--months-before", type=int, metavar="N", help="months synced before today")
    change.add_argument("--months-after", type=int, metavar="M", help="months synced after today")
    for flag, _, text in _SWITCHES:
        change.add_argument(
            f"--{flag}", action=argparse.BooleanOptionalAction, default=None, help=text
        )
    change.add_argument(
        "--conflict-policy",
        choices=CONFLICT_POLICIES,
        help="which side wins a field changed on both: the latest change, the CRM, or Google",
    )
    change.add_argument(
        "--first-sync-days", type=int, metavar="N", help="days pushed back by a first sync"
    )
    change.set_defaults(func=reports_store_errors(run_user_set))


def run_user_set(args: argparse.Namespace) -> int:
    _check_email(args.email, "--email")
    _check_email(args.google_email, "--google-email")
    if args.tz is not None:
        validate_time_zone(args.tz)
    resolve_db(args)
    user = _get_user(args.login)
    with store.atomic():
        settings = SyncSettings.for_user(user)
        for option, field in (
            ("name", "name"),
            ("email", "email"),
            ("google_email", "google_email"),
            ("tz", "time_zone"),
            ("admin", "is_admin"),
            ("active", "active"),
        ):
            if getattr(args, option) is not None:
                setattr(user, field, getattr(args, option))
        user.save()
        for option, field in (
            ("calendar", "calendar_name"),
            ("months_before", "months_before"),
            ("months_after", "months_after"),
            ("conflict_policy", "conflict_policy"),
            ("first_sync_days", "first_sync_days"),
            *((flag, field) for flag, field, _ in _SWITCHES),
        ):
            if getattr(args, option) is not None:
                setattr(settings, field, getattr(args, option))
        settings.save()
    print(
        f"{user.login}: calendar {settings.calendar_name or '(none)'}, "
        f"{settings.months_before} months before, {settings.months_after} after; "
        + ", ".join(
            f"{flag} {'on' if getattr(settings, field) else 'off'}" for flag, field, _ in _SWITCHES
        )
        + "."
    )
    return 0
