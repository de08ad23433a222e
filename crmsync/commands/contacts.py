"""``crmsync contacts add|remove|list``: each user's list of contacts to sync to Google.

Exit codes: 0 everything asked was done; 1 part of it was not (contacts left out because
the list is full, unknown or deleted ids, a search that matched nothing), and the summary
names them; 2 a set-up mistake (unknown user or company, nothing asked).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from crmsync.commands.store import CommandError, reports_store_errors, resolve_db
from crmsync.crm import contact_list
from crmsync.crm.contact_list import CONTACTS_TO_SYNC_CAP, ListChange
from crmsync.crm.models import Contact, SyncSettings, User

EXIT_PARTIAL = 1


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``contacts``."""
    contacts = subparsers.add_parser(
        "contacts",
        help="each user's list of contacts to sync to Google Contacts",
        description=f"Manage a user's list of contacts to sync (at most "
        f"{CONTACTS_TO_SYNC_CAP}). Contacts are named by their CRM id; `contacts list` "
        "shows them.",
        epilog="Exit status: 0 when everything asked was done; 1 when part was not (the "
        "list is full, unknown or deleted ids); 2 for an unknown user or company.",
    )
    actions = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="put contacts in a user's list",
        description="Put contacts in a user's list of contacts to sync, in the order given. "
        f"Once the list holds {CONTACTS_TO_SYNC_CAP} contacts the rest are left out, and "
        "named.",
    )
    _common(add)
    add.add_argument("ids", nargs="*", type=int, metavar="CONTACT_ID", help="contact ids")
    add.add_argument(
        "--all-of-company",
        metavar="CODE",
        help="also every contact of the company with this code",
    )
    add.add_argument(
        "--search",
        metavar="TEXT",
        help="also every contact whose name, e-mail or company holds TEXT",
    )
    add.set_defaults(func=reports_store_errors(run_add))

    remove = actions.add_parser(
        "remove",
        help="take contacts out of a user's list",
        description="Take contacts out of a user's list. Their Google copies stay in Google.",
    )
    _common(remove)
    remove.add_argument("ids", nargs="*", type=int, metavar="CONTACT_ID", help="contact ids")
    remove.add_argument("--all", action="store_true", help="empty the whole list")
    remove.set_defaults(func=reports_store_errors(run_remove))

    listing = actions.add_parser(
        "list",
        help="show a user's list",
        description="Show a user's list of contacts to sync: id, name, company, e-mail and "
        "whether each was synced yet, then when the contacts were last synced.",
    )
    _common(listing)
    listing.set_defaults(func=reports_store_errors(run_list))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", required=True, metavar="LOGIN", help="whose list")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def _user(login: str) -> User:
    user = User.get_or_none(User.login == login)
    if user is None:
        raise CommandError(f"Unknown user {login!r}: `crmsync user list` shows the logins.")
    return user


# --- add / remove -------------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    if not (args.ids or args.all_of_company or args.search):
        raise CommandError(
            "Say which contacts to add: CONTACT_ID…, --all-of-company CODE or --search TEXT."
        )
    if args.search is not None and not args.search.strip():
        raise CommandError("--search needs some text to look for.")
    resolve_db(args)
    user = _user(args.user)
    ids = list(args.ids)
    unmatched = []
    if args.all_of_company:
        found = contact_list.live_contact_ids_of_company(args.all_of_company)
        if found is None:
            raise CommandError(
                f"No company with code {args.all_of_company!r}: check the code in the CRM."
            )
        ids += found
        if not found:
            unmatched.append(f"the company {args.all_of_company} has no contact")
    if args.search:
        found = contact_list.live_contact_ids_matching(args.search)
        ids += found
        if not found:
            unmatched.append(f"no contact matches {args.search!r}")
    change = contact_list.add_contacts_to_sync(user, ids)
    status = 0 if change.complete and not unmatched else EXIT_PARTIAL
    if args.json:
        _print_json({"user": user.login, **change.as_dict(), "unmatched": unmatched})
        return status
    for why in unmatched:
        _warn(f"{why}.")
    _report(user, change, verb="added", same="already listed")
    return status


def run_remove(args: argparse.Namespace) -> int:
    if not args.ids and not args.all:
        raise CommandError("Say which contacts to remove: CONTACT_ID…, or --all.")
    if args.ids and args.all:
        raise CommandError("Give contact ids or --all, not both.")
    resolve_db(args)
    user = _user(args.user)
    ids = [row.contact_id for row in contact_list.listed_contacts(user)] if args.all else args.ids
    change = contact_list.remove_contacts_to_sync(user, ids)
    status = 0 if change.complete else EXIT_PARTIAL
    if args.json:
        _print_json({"user": user.login, **change.as_dict()})
        return status
    _report(user, change, verb="removed", same="not in the list")
    return status


def _report(user: User, change: ListChange, *, verb: str, same: str) -> None:
    """The summary line on stdout, then what was not done, named, on stderr."""
    if change.left_out:
        _warn(
            f"{len(change.left_out)} contact(s) left out, the list being full "
            f"({change.cap} at most): {_named(change.left_out)}. Remove contacts from "
            "the list to make room."
        )
    if change.unknown:
        _warn(f"no contact with id {_ids(change.unknown)}.")
    if change.deleted:
        _warn(f"deleted contact(s), not added: {_named(change.deleted)}.")
    parts = [f"{len(change.changed)} {verb}", f"{len(change.unchanged)} {same}"]
    for count, what in (
        (len(change.left_out), "left out (list full)"),
        (len(change.unknown), "unknown"),
        (len(change.deleted), "deleted"),
    ):
        if count:
            parts.append(f"{count} {what}")
    print(
        f"{user.login}'s contacts to sync: {', '.join(parts)}; "
        f"{change.listed} of {change.cap} listed."
    )


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids)


def _named(ids: list[int]) -> str:
    """The ids with their contacts' names, in the order given (one query per 500 ids)."""
    names: dict[int, str] = {}
    for start in range(0, len(ids), contact_list.CHUNK):
        chunk = ids[start : start + contact_list.CHUNK]
        query = Contact.select(Contact.id, Contact.first_name, Contact.last_name).where(
            Contact.id.in_(chunk)
        )
        for contact in query:
            names[contact.id] = contact.display_name
    return ", ".join(f"{i} ({names[i]})" if names.get(i) else str(i) for i in ids)


def _warn(text: str) -> None:
    print(f"crmsync: warning: {text}", file=sys.stderr)


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default))


def _json_default(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


# --- list ---------------------------------------------------------------------------------


def synced_contact_ids(user: User) -> set[int]:
    """The contacts the sync has pushed to ``user``'s Google Contacts (one query)."""
    from crmsync.sync.state import KIND_CONTACT, SyncLink

    query = SyncLink.select(SyncLink.crm_id).where(
        SyncLink.user == user, SyncLink.kind == KIND_CONTACT
    )
    return {link.crm_id for link in query}


def run_list(args: argparse.Namespace) -> int:
    resolve_db(args)
    user = _user(args.user)
    rows = contact_list.listed_contacts(user)
    synced = synced_contact_ids(user)
    settings = SyncSettings.get_or_none(SyncSettings.user == user)
    synced_at = settings.contacts_synced_at if settings is not None else None
    synced_count = settings.contacts_synced_count if settings is not None else 0
    if args.json:
        _print_json(
            {
                "user": user.login,
                "cap": CONTACTS_TO_SYNC_CAP,
                "count": len(rows),
                "contacts_synced_at": synced_at,
                "contacts_synced_count": synced_count,
                "contacts": [
                    {
                        "id": row.contact_id,
                        "name": row.name,
                        "company": row.company,
                        "email": row.email,
                        "synced": row.contact_id in synced,
                        "deleted": row.deleted,
                        "added_at": row.added_at,
                    }
                    for row in rows
                ],
            }
        )
        return 0
    if rows:
        _print_table(
            ("ID", "NAME", "COMPANY", "E-MAIL", "SYNCED"),
            [
                (
                    str(row.contact_id),
                    row.name + (" (deleted)" if row.deleted else "") or "-",
                    row.company or "-",
                    row.email or "-",
                    "yes" if row.contact_id in synced else "no",
                )
                for row in rows
            ],
        )
    deleted = sum(1 for row in rows if row.deleted)
    print(
        f"{len(rows) - deleted} contact(s) in {user.login}'s list (of {CONTACTS_TO_SYNC_CAP})"
        + (f", and {deleted} deleted one(s), no longer synced." if deleted else ".")
    )
    if synced_at is None:
        print("Contacts never synced yet.")
    else:
        when = synced_at.astimezone(user.zone).strftime("%Y-%m-%d %H:%M")
        print(f"Contacts last synced {when} ({user.time_zone}): {synced_count} contact(s).")
    return 0


def _print_table(header: tuple[str, ...], lines: list[tuple[str, ...]]) -> None:
    table = [header, *lines]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
