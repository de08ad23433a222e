"""``crmsync`` with no subcommand: the desktop application (Qt is imported only here)."""

from __future__ import annotations

import argparse
import sys

from crmsync.commands.store import resolve_db
from crmsync.crm import db as store
from crmsync.crm.migrations import StoreError


def run_app(args: argparse.Namespace) -> int:
    try:
        resolve_db(args)
    except StoreError as exc:
        print(f"crmsync: error: {exc}", file=sys.stderr)
        return 2
    from crmsync.gui.app import run

    try:
        return run(store.database_location() or "")
    finally:
        store.close_database()
