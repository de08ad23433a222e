"""``crmsync --demo``: sample data, the emulator with its state kept, users connected."""

from __future__ import annotations

import argparse
import json
import os

from crmsync import cli, paths
from crmsync.crm import db as store
from crmsync.crm.models import Action, User
from crmsync.demo import EMULATOR_STATE_FILE, running_demo
from crmsync.google.session import GoogleSession


def _demo_args() -> argparse.Namespace:
    return cli.build_parser().parse_args(["--demo"])


def _first_user() -> User:
    return User.select().where(User.login != "admin").order_by(User.login).get()


def test_demo_fills_connects_and_keeps_google_side(capsys):
    environment = dict(os.environ)
    with running_demo(_demo_args()) as demo:
        # The emulator and the demo's secrets are given to what needs them, not put in
        # the environment for the whole process.
        assert dict(os.environ) == environment
        assert demo.endpoints.base_url == demo.base_url
        assert demo.store.name == "file"
        assert User.select().count() == 4  # three demo users and the admin
        assert Action.live().count() > 0
        login = _first_user().login
        session = GoogleSession(_first_user(), endpoints=demo.endpoints, store=demo.store)
        calendar = session.calendar()
        created = (
            calendar.events()
            .insert(
                calendarId="primary",
                body={
                    "summary": "Kept between runs",
                    "start": {"dateTime": "2026-12-01T10:00:00+01:00"},
                    "end": {"dateTime": "2026-12-01T11:00:00+01:00"},
                },
            )
            .execute()
        )
        session.close()
    store.close_database()
    assert (paths.demo_dir() / EMULATOR_STATE_FILE).exists()

    with running_demo(_demo_args()) as demo:
        assert User.select().count() == 4  # not filled twice
        session = GoogleSession(_first_user(), endpoints=demo.endpoints, store=demo.store)
        found = (
            session.calendar().events().get(calendarId="primary", eventId=created["id"]).execute()
        )
        assert found["summary"] == "Kept between runs"
        session.close()
        assert demo.base_url  # a new port is fine: users were connected again
    store.close_database()

    # a Google subcommand in demo mode gets its own emulator run and passes the Tester
    assert cli.main(["--demo", "test", "--user", login, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert all(check["ok"] or check["skipped"] for check in report["checks"])
    assert dict(os.environ) == environment
