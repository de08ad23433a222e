"""Commands that move CRM data in and out as files: ``import`` and ``export`` (vCard for
contacts, iCalendar for the agenda)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmsync.commands.store import (
    EXIT_ERROR,
    CommandError,
    reports_store_errors,
    resolve_db,
)
from crmsync.crm.interchange import ImportReport, InterchangeError
from crmsync.crm.models import Contact, User
from crmsync.crm.queries import contacts_to_sync

if TYPE_CHECKING:
    from crmsync.crm.vcard import VCardImportReport

#: Exit status when part of what was asked was done and part was not.
EXIT_PARTIAL = 1


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``import`` and ``export``."""
    _register_import(subparsers)
    _register_export(subparsers)


def _register_import(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import",
        help="import contacts from a vCard file or actions from an iCalendar file",
        description="Import a file into the CRM; importing the same file again skips what "
        "is already there.",
    )
    formats = parser.add_subparsers(dest="import_format", metavar="FORMAT", required=True)
    vcf = formats.add_parser(
        "vcf",
        help="contacts from a vCard file (2.1, 3.0 or 4.0; photos included)",
        description="Import the contacts of a vCard file (as Google, Apple or Outlook export "
        "them). Companies are found by name or created. Every sound card is imported: a "
        "card whose photo cannot be used comes in without it, with a warning; a card that "
        "cannot be read (no name nor company, no END:VCARD, a broken line) is skipped. "
        "Both are named with their line.",
        epilog="Exit status: 0 when every card was imported (warnings aside); 1 when some "
        "were skipped, or left out of the --sync-for list because it is full; 2 when "
        "nothing was imported (no such file or user, not a vCard file, or --strict and a "
        "problem).",
    )
    vcf.add_argument("file", type=Path, help="the .vcf file")
    vcf.add_argument(
        "--sync-for",
        metavar="LOGIN",
        help="also put the contacts in this user's list of contacts to sync",
    )
    vcf.add_argument(
        "--strict",
        action="store_true",
        help="import nothing if any card has a problem (a card skipped, a photo left out)",
    )
    vcf.add_argument("--json", action="store_true", help="print the summary as JSON")
    vcf.set_defaults(func=reports_store_errors(run_import_vcf))
    ics = formats.add_parser(
        "ics",
        help="actions from an iCalendar file",
        description="Import the events of an iCalendar file as one user's actions. A "
        "recurring event becomes a series with its occurrences from 12 months before today "
        "to 12 months after (or to the rule's end). If the file has a problem, nothing is "
        "imported.",
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
        report = import_vcards(args.file, sync_for=user, strict=args.strict)
    except InterchangeError as exc:
        return _refused(exc)
    status = EXIT_PARTIAL if report.skipped or _left_out(report) else 0
    if args.json:
        print(json.dumps(_vcard_summary(args.file, report), indent=2, ensure_ascii=False))
        return status
    for skipped in report.skipped:
        print(f"crmsync: skipped: {skipped}", file=sys.stderr)
    _print_warnings(report)
    print(
        f"{args.file.name}: {report.cards} card(s) read: {report.created} contact(s) "
        f"created, {report.duplicates} already in the CRM, {len(report.skipped)} skipped, "
        f"{report.warned_cards} with a warning."
    )
    if report.extra.get("companies"):
        print(f"{report.extra['companies']} new company(ies) created.")
    if user is not None and report.listing is not None:
        listing = report.listing
        print(
            f"{len(listing.changed)} contact(s) added to {user.login}'s contacts to sync, "
            f"{len(listing.unchanged)} already there ({listing.listed} of {listing.cap})."
        )
    return status


def _left_out(report: VCardImportReport) -> bool:
    return report.listing is not None and bool(report.listing.left_out)


def _vcard_summary(path: Path, report: VCardImportReport) -> dict[str, Any]:
    def issue(error: InterchangeError) -> dict[str, Any]:
        return {
            "card": error.index,
            "line": error.line,
            "name": error.label,
            "message": error.message,
        }

    return {
        "file": str(path),
        "cards": report.cards,
        "created": report.created,
        "already_in_crm": report.duplicates,
        "skipped": [issue(e) for e in report.skipped],
        "warned": [issue(e) for e in report.warned],
        "ignored_lines": [issue(e) for e in report.ignored],
        "companies_created": report.extra.get("companies", 0),
        "sync_list": report.listing.as_dict() if report.listing is not None else None,
    }


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
