"""Runs that cannot start or fail: told plainly in the user's language, never stopping the
other users nor the ``--watch`` loop, and always written to the sync log; and the one rule
of who may sync, as ``sync --all`` applies it."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from agenda_bench import CLIENT_ID, NOW

from crmsync import cli
from crmsync.crm import db as store
from crmsync.crm.models import SyncSettings, User
from crmsync.google import secrets
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.sync.eligibility import set_sync_active
from crmsync.sync.engine import SyncBusy, SyncOptions
from crmsync.sync.state import SyncLink, SyncLogEntry
from crmsync.sync.watch import watch

HOLDER = Path(__file__).with_name("lock_holder.py")


@contextlib.contextmanager
def held_elsewhere(*logins: str) -> Iterator[None]:
    """The users' sync locks held by another process for the time of the block."""
    proc = subprocess.Popen(
        [sys.executable, str(HOLDER), str(store.database_location()), *logins],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "held"
        yield
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()


def _run(capsys, bench, *args: str) -> tuple[int, str, str]:
    path = store.database_location()
    store.close_database()
    code = cli.main(["--db", str(path), "--google-endpoint", bench.base_url, *args])
    out, err = capsys.readouterr()
    store.open_database(path)
    return code, out, err


def _connected(bench, login: str) -> User:
    """Another user connected to the emulator, with an action to push."""
    email = f"{login}@example.com"
    user = User.create(
        login=login, name=login.title(), email=email, google_email=email, time_zone="Europe/Paris"
    )
    settings = SyncSettings.for_user(user)
    settings.calendar_name = email
    settings.save()
    issued = bench.emulator.post(
        "/tokens", {"email": email, "client_id": CLIENT_ID, "refresh": True}
    )
    secrets.open_secret_store().set(secrets.refresh_token_key(login), issued["refresh_token"])
    bench.action(f"RDV de {login}", owner=user)
    return user


def _revoke(bench, login: str) -> None:
    token = secrets.open_secret_store().get(secrets.refresh_token_key(login))
    request = urllib.request.Request(
        bench.base_url + "/revoke",
        data=urllib.parse.urlencode({"token": token}).encode(),
        method="POST",
    )
    urllib.request.urlopen(request, timeout=10).close()


def _errors(login: str = "alice") -> list[SyncLogEntry]:
    user = User.get(User.login == login)
    return list(
        SyncLogEntry.select()
        .where(SyncLogEntry.user == user, SyncLogEntry.result == "error")
        .order_by(SyncLogEntry.id)
    )


# --- a busy user ----------------------------------------------------------------------


def test_a_second_sync_of_a_busy_user_says_so_in_his_language_and_fails(bench, capsys):
    with held_elsewhere("alice"):
        code, _, err = _run(capsys, bench, "sync", "--user", "alice", "--lang", "fr")
        assert code == 1
        assert "Une synchronisation de alice est déjà en cours" in err
        code, _, err = _run(capsys, bench, "sync", "--user", "alice", "--lang", "en")
        assert code == 1
        assert "A sync of alice is already running" in err
    assert "Traceback" not in err
    assert [row.operation for row in _errors()] == ["sync", "sync"]
    assert "déjà en cours" in _errors()[0].message
    code, _, _ = _run(capsys, bench, "sync", "--user", "alice")  # the lock let go: it runs
    assert code == 0


def test_sync_all_goes_on_after_a_busy_user_and_says_who_it_left_out(bench, capsys):
    bob = _connected(bench, "bob")
    carol = _connected(bench, "carol")
    set_sync_active(carol, False)  # « Synchronisation active » unticked
    with held_elsewhere("alice"):
        code, out, err = _run(capsys, bench, "sync", "--all", "--lang", "fr")
    assert code == 1  # alice's run failed
    assert "Une synchronisation de alice est déjà en cours" in err
    assert "bob: CRM +0 ~0 -0, Google +1" in out
    assert "carol laissé de côté : La synchronisation de carol est désactivée" in err
    assert "carol:" not in out
    assert SyncLink.select().where(SyncLink.user == carol).count() == 0
    assert SyncLink.select().where(SyncLink.user == bob).count() == 1
    # nothing busy: a user who switched sync off is his choice, not a failure
    code, out, err = _run(capsys, bench, "sync", "--all", "--lang", "en")
    assert code == 0
    assert "carol skipped: The sync of carol is turned off" in err


def test_a_revoked_access_fails_its_user_only_and_the_red_light_keeps_him_out(bench, capsys):
    _connected(bench, "bob")
    _revoke(bench, "alice")
    code, out, err = _run(capsys, bench, "sync", "--all", "--lang", "en")
    assert code == 1
    assert "Reconnection needed" in err and "crmsync connect --user alice" in err
    assert "bob: CRM +0 ~0 -0, Google +1" in out
    assert len(_errors()) == 1
    # the light is red now: --all leaves alice out and says why, and still fails
    code, out, err = _run(capsys, bench, "sync", "--all", "--lang", "fr")
    assert code == 1
    assert "alice laissé de côté : Reconnexion nécessaire" in err
    assert "bob: CRM +0 ~0 -0, Google +0" in out


def test_watch_goes_on_when_a_user_fails(bench):
    bob = _connected(bench, "bob")
    told: list[str] = []
    reports = []
    with held_elsewhere("alice"):
        code = watch(
            [bench.user, bob],
            SyncOptions(now=NOW, language="fr"),
            endpoints=GoogleEndpoints.for_base_url(bench.base_url),
            interval=3600,
            tick=0.01,
            max_cycles=3,
            report=reports.append,
            tell=told.append,
        )
    assert code == 0
    assert [summary.user for summary in reports] == ["bob"]
    assert reports[0].created["google"] == 1
    # told once: a user whose run failed waits for his next pull, not the next tick
    assert len(told) == 1 and "Une synchronisation de alice est déjà en cours" in told[0]
    assert len(_errors()) == 1


# --- every failed run in the sync log -----------------------------------------------------


def test_ten_failed_runs_make_ten_error_lines_and_a_cancelled_run_none(bench, capsys):
    with held_elsewhere("alice"):
        for _ in range(10):
            with pytest.raises(SyncBusy):
                bench.sync(language="fr")
    assert len(_errors()) == 10
    assert all("Une synchronisation de alice est déjà en cours" in e.message for e in _errors())
    bench.extra["cancelled"] = lambda: True
    assert bench.sync(language="fr").cancelled
    bench.extra.clear()
    assert len(_errors()) == 10
    settings = SyncSettings.for_user(bench.user)
    settings.calendar_name = "Agenda disparu"
    settings.save()
    summary = bench.sync(language="fr")
    assert summary.errors
    last = _errors()[-1]
    assert len(_errors()) == 11
    assert "La synchronisation de alice s'est terminée avec 1 erreur(s)" in last.message
    assert "Le calendrier recherché « Agenda disparu » est inconnu" in last.message
    # the command line's log shows them
    code, out, _ = _run(capsys, bench, "log", "--user", "alice", "--json")
    shown = [e for e in json.loads(out) if e["result"] == "error"]
    assert code == 0 and len(shown) == 11
    assert shown[-1]["operation"] == "sync" and "Agenda disparu" in shown[-1]["message"]
    code, out, _ = _run(capsys, bench, "log", "--user", "alice")
    assert out.count("→ error") == 11


def test_a_dry_run_writes_nothing_to_the_log(bench):
    with held_elsewhere("alice"), pytest.raises(SyncBusy):
        bench.sync(dry_run=True)
    assert _errors() == []
