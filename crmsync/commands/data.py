"""Commands that move CRM data in and out as files: ``import`` and ``export`` (vCard for
contacts, iCalendar for the agenda)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crmsync.commands.store import (
    EXIT_ERROR,
    CommandError,
    reports_store_errors,
    resolve_db,
)
from crmsync.crm.interchange import ImportReport, InterchangeError
from crmsync.crm.models import Contact, User
from crmsync.crm.queries import contacts_to_sync


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``import`` and ``export``."""
    _register_import(subparsers)
    _register_export(subparsers)


def _register_import(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import",
        help="import contacts from a vCard file or actions from an iCalendar file",
        description="Import a file into the CRM. Everything is imported or, if the file "
        "has a problem, nothing is; importing the same file again skips what is already there.",
    )
    formats = parser.add_subparsers(dest="import_format", metavar="FORMAT", required=True)
    vcf = formats.add_parser(
        "vcf",
        help="contacts from a vCard file (2.1, 3.0 or 4.0; photos included)",
        description="Import the contacts of a vCard file (as Google, Apple or Outlook export "
        "them). Companies are found by name or created.",
    )
    vcf.add_argument("file", type=Path, help="the .vcf file")
    vcf.add_argument(
        "--sync-for",
        metavar="LOGIN",
        help="also put the contacts in this user's list of contacts to sync",
    )
    vcf.set_defaults(func=reports_store_errors(run_import_vcf))
    ics = formats.add_parser(
        "ics",
        help="actions from an iCalendar file",
        description="Import the events of an iCalendar file as one user's actions. A "
        "recurring event becomes a series with its occurrences from 12 months before today "
        "to 12 months after (or to the rule's end).",
    )
    ics.add_argument("file", type=Path, help="the .ics file")
    ics.add_argument("--user", required=True, metavar="LOGIN", help="who the actions belong to")
    ics.set_defaults(func=reports_store_errors(run_import_ics))


def _register_export(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export",
        help="export contacts to a vCard file or a user's agenda to an iCalendar file",
        description="Write CRM data to a file other applications can read.",
    )
    formats = parser.add_subparsers(dest="export_format", metavar="FORMAT", required=True)
    vcf = formats.add_parser(
        "vcf",
        help="contacts as vCard 3.0",
        description="Write a user's contacts to sync (or, with --all, every contact) as "
        "vCard 3.0, photos included.",
    )
    vcf.add_argument("--user", metavar="LOGIN", help="export this user's contacts to sync")
    vcf.add_argument("--all", action="store_true", help="export every contact of the CRM")
    vcf.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    vcf.set_defaults(func=reports_store_errors(run_export_vcf))
    ics = formats.add_parser(
        "ics",
        help="a user's actions as iCalendar",
        description="Write a user's actions (deleted ones aside) as iCalendar; a series is "
        "written once, with its recurrence rule.",
    )
    ics.add_argument("--user", required=True, metavar="LOGIN")
    ics.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    ics.set_defaults(func=reports_store_errors(run_export_ics))


def _user(login: str) -> User:
    user = User.get_or_none(User.login == login)
    if user is None:
        raise CommandError(f"No user with login {login!r}; `crmsync user list` shows them.")
    return user


def _cannot_write(path: Path, exc: OSError) -> CommandError:
    """What to tell when the export file cannot be written."""
    if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
        reason = f"the folder {path.parent} does not exist. Create it, or choose another file"
    elif isinstance(exc, IsADirectoryError):
        reason = "that is a folder. Give a file name"
    elif isinstance(exc, PermissionError):
        reason = "permission denied. Choose another file"
    else:
        reason = f"{exc.strerror or exc}. Choose another file"
    return CommandError(f"cannot write {path}: {reason} with -o.")


def _refused(exc: InterchangeError) -> int:
    text = str(exc)
    ending = " Nothing was imported." if text.endswith(".") else "; nothing was imported."
    print(f"crmsync: error: {text}{ending}", file=sys.stderr)
    return EXIT_ERROR


def _print_warnings(report: ImportReport) -> None:
    for warning in report.warnings:
        print(f"crmsync: warning: {warning}", file=sys.stderr)


def run_import_vcf(args: argparse.Namespace) -> int:
    from crmsync.crm.vcard import import_vcards

    resolve_db(args)
    user = _user(args.sync_for) if args.sync_for else None
    try:
        report = import_vcards(args.file, sync_for=user)
    except InterchangeError as exc:
        return _refused(exc)
    _print_warnings(report)
    print(
        f"{args.file.name}: {report.created} contact(s) created, "
        f"{report.duplicates} skipped (already in the CRM)."
    )
    if report.extra.get("companies"):
        print(f"{report.extra['companies']} new company(ies) created.")
    if user is not None:
        print(
            f"{report.extra.get('listed', 0)} contact(s) added to {user.login}'s contacts to sync."
        )
    return 0


def run_import_ics(args: argparse.Namespace) -> int:
    from crmsync.crm.icalendar import import_calendar

    resolve_db(args)
    user = _user(args.user)
    try:
        report = import_calendar(args.file, user)
    except InterchangeError as exc:
        return _refused(exc)
    _print_warnings(report)
    extra = report.extra
    print(
        f"{args.file.name}: {report.created} event(s) created for {user.login}, "
        f"{report.duplicates} skipped (already in the CRM)."
    )
    if extra.get("series"):
        print(
            f"{extra['series']} recurring event(s) became series of "
            f"{extra.get('occurrences', 0)} action(s) in all."
        )
    if extra.get("changed occurrences"):
        print(f"{extra['changed occurrences']} occurrence(s) changed on their own.")
    return 0


def run_export_vcf(args: argparse.Namespace) -> int:
    from crmsync.crm.vcard import export_vcards

    if not args.all and not args.user:
        raise CommandError("Say whose contacts to export: --user LOGIN, or --all.")
    resolve_db(args)
    if args.all:
        contacts = Contact.live().order_by(Contact.last_name, Contact.first_name, Contact.id)
    else:
        contacts = contacts_to_sync(_user(args.user))
    try:
        count = export_vcards(contacts, args.output)
    except OSError as exc:
        raise _cannot_write(args.output, exc) from None
    print(f"{count} contact(s) written to {args.output}.")
    return 0


def run_export_ics(args: argparse.Namespace) -> int:
    from crmsync.crm.icalendar import export_calendar

    resolve_db(args)
    user = _user(args.user)
    try:
        count = export_calendar(user, args.output)
    except OSError as exc:
        raise _cannot_write(args.output, exc) from None
    print(f"{count} action(s) of {user.login} written to {args.output}.")
    return 0
