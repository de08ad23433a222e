"""``crmsync`` with no subcommand: the desktop application (Qt is imported only here)."""

from __future__ import annotations

import argparse
import sys

from crmsync.commands.store import resolve_db
from crmsync.crm import db as store
from crmsync.crm.migrations import StoreError


def run_app(args: argparse.Namespace) -> int:
    from crmsync.gui.app import run

    try:
        if args.demo:
            from crmsync.demo import running_demo

            with running_demo(args) as demo:
                label = f"Google : émulateur local {demo.base_url}"
                return run(store.database_location() or "", label)
        resolve_db(args)
        return run(store.database_location() or "")
    except StoreError as exc:
        print(f"crmsync: error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close_database()
