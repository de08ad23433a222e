"""``crmsync`` with no subcommand: the desktop application (Qt is imported only here)."""

from __future__ import annotations

import argparse
import ctypes.util
import os
import sys
from collections.abc import Callable

from crmsync.commands.store import resolve_db
from crmsync.crm import db as store
from crmsync.crm.migrations import StoreError

#: The X11 libraries Qt's xcb platform needs beyond the usual ones, and their Debian and
#: Ubuntu packages: without them Qt stops with a message that names none of them.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
}


def missing_xcb_packages(
    platform: str | None = None,
    environ: dict[str, str] | None = None,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
) -> list[str]:
    """The packages to install for Qt to open a window on this X11 desktop (none elsewhere:
    Windows, macOS, Wayland, or another Qt platform asked for)."""
    platform = platform or sys.platform
    environ = dict(os.environ) if environ is None else environ
    if not platform.startswith("linux") or not environ.get("DISPLAY"):
        return []
    wanted = environ.get("QT_QPA_PLATFORM", "").strip()
    if wanted and not wanted.startswith("xcb"):
        return []
    if not wanted and environ.get("WAYLAND_DISPLAY"):
        return []  # Qt prefers Wayland there and falls back to xcb only when it must
    return [package for name, package in XCB_LIBRARIES.items() if not find_library(name)]


def xcb_message(packages: list[str]) -> str:
    return (
        "crmsync: error: the desktop app cannot open a window: Qt needs X11 libraries that "
        "are not installed.\n"
        f"On Debian or Ubuntu: sudo apt install {' '.join(packages)}\n"
        "(other systems: the xcb-cursor, xcb-icccm and xcb-keysyms libraries). "
        "The command-line commands work without them: crmsync --help."
    )


def run_app(args: argparse.Namespace) -> int:
    missing = missing_xcb_packages()
    if missing:
        print(xcb_message(missing), file=sys.stderr)
        return 2
    from crmsync.gui.app import NoSuchUser, run

    try:
        if args.demo:
            from crmsync.demo import running_demo

            with running_demo(args) as demo:
                from crmsync.i18n import current_language

                label = (
                    f"Google : émulateur local {demo.base_url}"
                    if current_language() == "fr"
                    else f"Google: local emulator {demo.base_url}"
                )
                return run(
                    store.database_location() or "",
                    label,
                    google_endpoints=demo.endpoints,
                    secret_store=demo.store,
                )
        resolve_db(args)
        return run(store.database_location() or "")
    except (StoreError, NoSuchUser) as exc:
        print(f"crmsync: error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close_database()
