"""``crmsync demo-data``: fill a CRM with realistic French sample data."""

from __future__ import annotations

import argparse

from crmsync.commands.store import reports_store_errors, resolve_db
from crmsync.crm.sample import generate_sample


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``demo-data``."""
    parser = subparsers.add_parser(
        "demo-data",
        help="fill the CRM with realistic sample users, contacts and agendas",
        description=(
            "Add French sample data: users (each with Google sync settings), companies, "
            "contacts (optionally with photos), each user's list of contacts to sync, and a "
            "year of agenda on either side of today, series included. The same --seed gives "
            "the same data on the same day. Refuses a database that already holds users, "
            "contacts or actions unless --append is given."
        ),
    )
    parser.add_argument(
        "--users", type=_count, default=3, metavar="N", help="users to add (default 3)"
    )
    parser.add_argument(
        "--actions", type=_count, default=200, metavar="N", help="actions per user (default 200)"
    )
    parser.add_argument(
        "--contacts", type=_count, default=100, metavar="N", help="contacts in all (default 100)"
    )
    parser.add_argument(
        "--photos", action="store_true", help="give about 70%% of the contacts a photo"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--append",
        action="store_true",
        help="add another batch to a database that already holds data",
    )
    parser.set_defaults(func=reports_store_errors(run_demo_data))


def run_demo_data(args: argparse.Namespace) -> int:
    resolve_db(args)
    summary = generate_sample(
        users=args.users,
        actions_per_user=args.actions,
        contacts=args.contacts,
        photos=args.photos,
        seed=args.seed,
        append=args.append,
    )
    print(summary.describe())
    return 0


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value
