"""``crmsync --demo``: sample data, the emulator with its state kept, users connected."""

from __future__ import annotations

import argparse
import json

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
    with running_demo(_demo_args()):
        assert User.select().count() == 4  # three demo users and the admin
        assert Action.live().count() > 0
        login = _first_user().login
        session = GoogleSession(_first_user())
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
        session = GoogleSession(_first_user())
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
