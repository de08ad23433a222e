"""The ``crmsync`` command line: the desktop app by default, and the headless commands.

Each group of subcommands lives in ``crmsync.commands.<area>`` and exposes
``register(subparsers)``; a registered subcommand sets ``func(args) -> int`` as its handler.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from crmsync import __version__, logsetup

COMMAND_MODULES = (
    "crmsync.commands.store",
    "crmsync.commands.sample",
    "crmsync.commands.data",
    "crmsync.commands.contacts",
    "crmsync.commands.emulator",
    "crmsync.commands.google",
    "crmsync.commands.sync",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crmsync",
        description=(
            "crmsync keeps a CRM agenda in two-way sync with Google Calendar and pushes its "
            "contacts to Google Contacts. Without a subcommand it opens the desktop app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"crmsync {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=None,
        help="CRM database: a SQLite file path or a postgresql:// URL "
        "(default: $CRMSYNC_DB, else crmsync.sqlite in the user's data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run on the demo database with sample data and the local Google emulator",
    )
    parser.add_argument(
        "--google-endpoint",
        metavar="URL",
        default=None,
        help="send every Google call to this base URL, e.g. a local emulator "
        "(default: $CRMSYNC_GOOGLE_ENDPOINT)",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logsetup.configure(args.verbose)
    if args.google_endpoint:
        os.environ["CRMSYNC_GOOGLE_ENDPOINT"] = args.google_endpoint
    if args.command is None:
        from crmsync.commands.app import run_app

        return run_app(args)
    if args.demo:
        from crmsync.demo import GOOGLE_COMMANDS, running_demo

        if args.command in GOOGLE_COMMANDS:
            with running_demo(args):
                return int(args.func(args) or 0)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
