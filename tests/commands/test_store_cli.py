"""The ``info`` and ``user`` commands, run through the real command-line entry point."""

from __future__ import annotations

import argparse
import datetime as dt
import json

import pytest

from crmsync import paths
from crmsync.cli import main
from crmsync.commands.store import resolve_db
from crmsync.crm import db as store
from crmsync.crm.models import Action, SyncSettings, User, UserRight


@pytest.fixture
def crm(tmp_path):
    """Run ``crmsync --db <file> ...`` and give back (exit code, stdout, stderr)."""
    path = tmp_path / "crm.sqlite"

    def run(capsys, *argv):
        code = main(["--db", str(path), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    run.path = path
    return run


def reopen(path):
    store.open_database(path)


@pytest.fixture(autouse=True)
def _closed_afterwards():
    yield
    store.close_database()


def test_info_json_counts(crm, capsys):
    crm(capsys, "user", "add", "marie", "--name", "Marie Dupont", "--email", "marie@example.fr")
    reopen(crm.path)
    marie = User.get(User.login == "marie")
    start = dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC)
    Action.create(owner=marie, start=start, end=start, title="kept")
    Action.create(owner=marie, start=start, end=start, title="gone").soft_delete()
    store.close_database()

    code, out, err = crm(capsys, "info", "--json")
    report = json.loads(out)
    assert (code, err) == (0, "")
    assert report["database"] == str(crm.path.resolve())
    assert report["schema_version"] == store.migrations.SCHEMA_VERSION
    counts = report["counts"]
    assert counts["users"] == 2  # the admin and marie
    assert counts["actions"] == 1 and counts["actions_deleted"] == 1
    assert counts["action_types"] == 11 and counts["contacts"] == 0


def test_info_text(crm, capsys):
    crm(capsys, "user", "list")
    code, out, _ = crm(capsys, "info")
    assert code == 0
    assert (
        str(crm.path.resolve()) in out
        and f"Schema version:  {store.migrations.SCHEMA_VERSION}" in out
    )
    assert "action types" in out


def test_info_on_a_missing_database_creates_nothing(crm, capsys):
    code, out, err = crm(capsys, "info")
    assert code == 2 and out == ""
    assert "No CRM database" in err and "Traceback" not in err
    assert not crm.path.exists()


def test_user_add_and_list(crm, capsys):
    code, out, _ = crm(
        capsys, "user", "add", "jean", "--name", "Jean Martin", "--email", "jean@example.fr",
        "--tz", "America/Martinique", "--admin",
    )  # fmt: skip
    assert code == 0 and "jean" in out
    code, out, _ = crm(
        capsys, "user", "add", "marie", "--name", "Marie", "--email", "marie@example.fr",
        "--google-email", "marie.dupont@gmail.com",
    )  # fmt: skip
    assert code == 0

    code, out, _ = crm(capsys, "user", "list", "--json")
    users = {u["login"]: u for u in json.loads(out)}
    assert list(users) == ["admin", "jean", "marie"]
    assert users["jean"]["google_email"] == "jean@example.fr"
    assert users["jean"]["time_zone"] == "America/Martinique" and users["jean"]["is_admin"]
    assert users["marie"]["email"] == "marie@example.fr"
    assert users["marie"]["google_email"] == "marie.dupont@gmail.com"
    assert users["marie"]["sync"]["months_after"] == 12

    code, out, _ = crm(capsys, "user", "list")
    assert code == 0 and "marie.dupont@gmail.com" in out and "America/Martinique" in out


def test_user_add_duplicate_login(crm, capsys):
    crm(capsys, "user", "add", "marie", "--name", "Marie", "--email", "marie@example.fr")
    code, out, err = crm(
        capsys, "user", "add", "marie", "--name", "Other", "--email", "o@example.fr"
    )
    assert code == 2 and out == ""
    assert "already exists" in err and "user set marie" in err


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--tz", "Europe/Atlantis"], "Unknown time zone"),
        (["--google-email", "not-an-address"], "not an e-mail address"),
    ],
)
def test_user_add_refuses_bad_values(crm, capsys, options, message):
    code, _, err = crm(
        capsys, "user", "add", "x", "--name", "X", "--email", "x@example.fr", *options
    )
    assert code == 2 and message in err
    assert not crm.path.exists()


def test_user_grant(crm, capsys):
    for login in ("marie", "jean"):
        crm(capsys, "user", "add", login, "--name", login, "--email", f"{login}@example.fr")
    code, out, _ = crm(capsys, "user", "grant", "marie", "jean", "--agenda")
    assert code == 0 and "agenda" in out
    code, _, _ = crm(capsys, "user", "grant", "jean", "marie")
    assert code == 0
    reopen(crm.path)
    rights = {(r.viewer.login, r.target.login): (r.visible, r.agenda) for r in UserRight.select()}
    assert rights == {("marie", "jean"): (True, True), ("jean", "marie"): (True, False)}
    store.close_database()

    crm(capsys, "user", "grant", "marie", "jean", "--visible")
    code, _, _ = crm(capsys, "user", "grant", "jean", "marie", "--revoke")
    assert code == 0
    code, out, _ = crm(capsys, "user", "list", "--json")
    users = {u["login"]: u for u in json.loads(out)}
    assert users["marie"]["rights"] == [{"target": "jean", "visible": True, "agenda": False}]
    assert users["jean"]["rights"] == []


def test_user_grant_errors(crm, capsys):
    crm(capsys, "user", "add", "marie", "--name", "Marie", "--email", "marie@example.fr")
    code, _, err = crm(capsys, "user", "grant", "marie", "ghost")
    assert code == 2 and "Unknown user 'ghost'" in err and "user list" in err
    code, _, err = crm(capsys, "user", "grant", "marie", "marie")
    assert code == 2 and "always sees himself" in err


def test_user_set(crm, capsys):
    crm(capsys, "user", "add", "marie", "--name", "Marie", "--email", "marie@example.fr")
    code, out, _ = crm(
        capsys, "user", "set", "marie", "--calendar", "Agenda CRM", "--months-before", "1",
        "--months-after", "6", "--no-auto", "--no-startup", "--series", "--no-colours",
        "--google-email", "marie.pro@gmail.com", "--conflict-policy", "crm",
    )  # fmt: skip
    assert code == 0 and "Agenda CRM" in out
    reopen(crm.path)
    marie = User.get(User.login == "marie")
    settings = SyncSettings.get(SyncSettings.user == marie)
    assert marie.google_email == "marie.pro@gmail.com"
    assert (settings.calendar_name, settings.months_before, settings.months_after) == (
        "Agenda CRM",
        1,
        6,
    )
    assert (settings.auto_push, settings.pull_on_startup, settings.sync_series, settings.transfer_colours) == (
        False, False, True, False,
    )  # fmt: skip
    assert settings.conflict_policy == "crm"
    store.close_database()

    # Options left out keep their value.
    crm(capsys, "user", "set", "marie", "--auto")
    reopen(crm.path)
    settings = SyncSettings.get(SyncSettings.user == User.get(User.login == "marie"))
    assert settings.auto_push and not settings.pull_on_startup and settings.months_after == 6


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--months-before", "-1"], "Months before"),
        (["--months-after", "121"], "Months after"),
        (["--tz", "Nowhere/Town"], "Unknown time zone"),
    ],
)
def test_user_set_refuses_bad_values(crm, capsys, options, message):
    crm(capsys, "user", "add", "marie", "--name", "Marie", "--email", "marie@example.fr")
    code, _, err = crm(capsys, "user", "set", "marie", *options)
    assert code == 2 and message in err and "Traceback" not in err
    code, out, _ = crm(capsys, "user", "list", "--json")
    marie = next(u for u in json.loads(out) if u["login"] == "marie")
    assert (marie["sync"]["months_before"], marie["sync"]["months_after"]) == (3, 12)


def test_user_set_unknown_user(crm, capsys):
    code, _, err = crm(capsys, "user", "set", "ghost", "--auto")
    assert code == 2 and "Unknown user 'ghost'" in err


def test_user_needs_an_action(crm, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(crm.path), "user"])
    assert caught.value.code == 2


def test_newer_database_reported_plainly(crm, capsys):
    crm(capsys, "user", "list")
    reopen(crm.path)
    store.current_database().execute_sql("UPDATE schema_version SET version = 99")
    store.close_database()
    code, _, err = crm(capsys, "info")
    assert code == 2 and "newer crmsync (schema 99" in err and "Update crmsync" in err


def test_resolve_db_demo_and_default(tmp_path):
    db = resolve_db(argparse.Namespace(db=None, demo=True))
    assert db.database == str(paths.demo_dir() / "crmsync.sqlite")
    db = resolve_db(argparse.Namespace(db=None, demo=False))
    assert db.database == str(paths.default_database_path())
    with pytest.raises(store.StoreError, match="either --db or --demo"):
        resolve_db(argparse.Namespace(db=str(tmp_path / "x.sqlite"), demo=True))


def test_demo_flag_on_the_command_line(capsys):
    assert main(["--demo", "user", "list", "--json"]) == 0
    assert (paths.demo_dir() / "crmsync.sqlite").exists()
    assert not paths.default_database_path().exists()
