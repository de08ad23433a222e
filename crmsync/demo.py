"""The demo: a CRM with sample data and a local Google emulator, no Google account needed.

``crmsync --demo`` opens the demo database (in the demo folder of the user's data folder),
fills it with sample data the first time, starts the Google emulator with its state kept in
the same folder (so Google's side survives between runs) and connects the demo users to it
through the real OAuth flow. Subcommands that talk to Google (``--demo test --user …``) get
the same emulator for their duration.

Nothing here changes the process's environment: the demo's secrets store (a file in the
demo folder) and the emulator's endpoints are values, on :class:`Demo`, passed to what needs
them; the commands find them again from the demo database (:mod:`crmsync.google.demo`).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crmsync import paths
from crmsync.commands.store import resolve_db
from crmsync.fakegoogle import FakeGoogle

if TYPE_CHECKING:
    from crmsync.google.endpoints import GoogleEndpoints
    from crmsync.google.secrets import SecretStore

log = logging.getLogger(__name__)

EMULATOR_STATE_FILE = "google-emulator.json"
# Big enough to look like a real CRM, small enough to start in a few seconds.
DEMO_SIZES = {"users": 3, "actions_per_user": 400, "contacts": 300, "photos": True}
# Subcommands that need Google; the others run on the demo database alone.
GOOGLE_COMMANDS = {"connect", "test", "status", "calendars", "reset", "sync"}


@dataclass
class Demo:
    """What a running demo offers: the emulator, its endpoints and the demo's secrets store
    (give both to a :class:`~crmsync.google.session.GoogleSession` on the demo)."""

    emulator: FakeGoogle
    endpoints: GoogleEndpoints
    store: SecretStore

    @property
    def base_url(self) -> str:
        return self.emulator.base_url


def populate_if_empty() -> bool:
    """Fill an empty demo database with sample data; True when it did."""
    from crmsync.crm.sample.generate import existing_data, generate_sample

    if any(existing_data().values()):
        return False
    summary = generate_sample(**DEMO_SIZES)  # type: ignore[arg-type]
    log.info("Demo data: %s", summary.describe())
    return True


@contextmanager
def running_demo(args: argparse.Namespace, *, populate: bool = True) -> Iterator[Demo]:
    """Open the demo database, start the emulator and connect the demo users to it."""
    from crmsync.google.demo import connect_demo_users, demo_secret_store
    from crmsync.google.endpoints import GoogleEndpoints

    resolve_db(args)
    if populate:
        populate_if_empty()
    store = demo_secret_store()
    emulator = FakeGoogle(state_file=paths.demo_dir() / EMULATOR_STATE_FILE).start()
    try:
        connect_demo_users(emulator.base_url, store=store)
        endpoints = GoogleEndpoints.for_base_url(emulator.base_url)
        yield Demo(emulator, endpoints, store)
    finally:
        emulator.stop()
