"""The Google commands as a user or a script runs them: folder settings, the secrets store
choice, ``connect --no-browser`` in a real subprocess, ``status``, and the demo."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from crmsync import paths
from crmsync.cli import main
from crmsync.commands.store import demo_database_path
from crmsync.crm import db as store
from crmsync.crm.models import FolderSettings, SyncSettings, User
from crmsync.google import demo, secrets
from crmsync.google import settings as google_settings

CLIENT_ID = "crmsync-cli.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-cli-secret-value"
ALICE = "alice@example.com"


@pytest.fixture
def env(monkeypatch):
    """The file secrets store, French messages; every change undone after the test."""
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", "")
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "")
    monkeypatch.setenv("OAUTHLIB_RELAX_TOKEN_SCOPE", "")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    yield
    store.close_database()


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        import io

        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _with_alice(path, calendar=ALICE):
    store.open_database(path)
    user = User.create(login="alice", name="Alice", email=ALICE, google_email=ALICE)
    settings = SyncSettings.for_user(user)
    settings.calendar_name = calendar
    settings.save()
    store.close_database()


# --- settings google / secrets ------------------------------------------------------


def test_client_settings_keep_the_secret_out_of_the_database(env, tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "crm.sqlite")
    code, out, err = run(
        capsys,
        "--db",
        db,
        "settings",
        "google",
        "--client-id",
        CLIENT_ID,
        "--client-secret-stdin",
        "--api-key",
        "AIzaSyExampleKey",
        stdin=CLIENT_SECRET + "\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0, err
    assert CLIENT_SECRET not in out + err
    store.close_database()
    assert CLIENT_SECRET.encode() not in (tmp_path / "crm.sqlite").read_bytes()
    on_file = json.loads((paths.data_dir() / "secrets.json").read_text())
    assert list(on_file.values()) == [CLIENT_SECRET]

    code, out, _ = run(capsys, "--db", db, "settings", "google", "--show", "--json")
    shown = json.loads(out)
    assert shown["client_id"] == CLIENT_ID
    assert shown["client_secret"] == "********"
    assert shown["api_key"] == "AIza…"
    assert "https://www.googleapis.com/auth/userinfo.email" in shown["scopes"]
    assert "0600" in shown["secret_store"]
    assert CLIENT_SECRET not in out

    store.open_database(db)
    assert FolderSettings.get_value(google_settings.KEY_CLIENT_ID) == CLIENT_ID
    assert FolderSettings.get_value(google_settings.KEY_API_KEY) == "AIzaSyExampleKey"


def test_settings_without_anything_to_do_is_a_usage_error(env, tmp_path, capsys):
    code, _, err = run(capsys, "--db", str(tmp_path / "crm.sqlite"), "settings", "google")
    assert code == 2 and "--client-id" in err


def test_without_a_secure_keyring_the_secret_is_refused(tmp_path, capsys, monkeypatch):
    import keyring
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        code, _, err = run(
            capsys,
            "--db",
            str(tmp_path / "crm.sqlite"),
            "settings",
            "google",
            "--client-id",
            CLIENT_ID,
            "--client-secret-stdin",
            stdin=CLIENT_SECRET,
            monkeypatch=monkeypatch,
        )
        assert code == 2
        assert "CRMSYNC_SECRET_STORE=file" in err
        assert not (paths.data_dir() / "secrets.json").exists()

        code, out, _ = run(capsys, "settings", "secrets", "--file-store")
        assert code == 0 and "secrets.json" in out
        code, out, _ = run(capsys, "settings", "secrets")
        assert code == 0 and "0600" in out
        code, _, err = run(capsys, "settings", "secrets", "--keyring")
        assert code == 2 and "CRMSYNC_SECRET_STORE=file" in err
    finally:
        keyring.set_keyring(before)
        store.close_database()


# --- connect --no-browser, end to end in a subprocess --------------------------------


def test_connect_without_a_browser_then_test_passes(env, tmp_path, fake_google, capsys):
    db = tmp_path / "crm.sqlite"
    _with_alice(db)
    store.open_database(db)
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    store.close_database()

    command = [sys.executable, "-m", "crmsync", "--google-endpoint", fake_google.base_url]
    command += ["--db", str(db), "connect", "--user", "alice", "--no-browser", "--timeout", "30"]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    ) as process:
        try:
            url = process.stdout.readline().strip()
            assert url.startswith(fake_google.base_url + "/o/oauth2/auth?"), url
            assert " " not in url
            with urllib.request.urlopen(url, timeout=10) as page:
                assert "crmsync" in page.read().decode()
            out, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, err
    assert f"Connexion établie avec le compte Google {ALICE}" in out

    code, out, err = run(
        capsys,
        "--google-endpoint",
        fake_google.base_url,
        "--db",
        str(db),
        "test",
        "--user",
        "alice",
    )
    assert code == 0, out + err
    code, out, _ = run(capsys, "--db", str(db), "status", "--user", "alice")
    assert out.startswith("alice: green")


def test_connect_gives_up_after_its_timeout(env, tmp_path, fake_google, capsys):
    db = tmp_path / "crm.sqlite"
    _with_alice(db)
    store.open_database(db)
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    store.close_database()
    code, out, err = run(
        capsys,
        "--google-endpoint",
        fake_google.base_url,
        "--db",
        str(db),
        "connect",
        "--user",
        "alice",
        "--no-browser",
        "--timeout",
        "0.5",
    )
    assert code == 1
    assert out.strip().startswith(fake_google.base_url + "/o/oauth2/auth?")
    assert "Aucune réponse du navigateur" in err
    assert "403 access_denied" in err


def test_a_plain_http_endpoint_elsewhere_is_refused(env, tmp_path, capsys):
    db = tmp_path / "crm.sqlite"
    _with_alice(db)
    code, _, err = run(
        capsys,
        "--google-endpoint",
        "http://10.1.2.3:8080",
        "--db",
        str(db),
        "test",
        "--user",
        "alice",
    )
    assert code == 2 and "unencrypted" in err


def test_status_of_every_user(env, tmp_path, capsys):
    db = tmp_path / "crm.sqlite"
    _with_alice(db)
    code, out, _ = run(capsys, "--db", str(db), "status", "--json")
    rows = {row["user"]: row for row in json.loads(out)}
    assert rows["alice"]["colour"] == "grey"
    assert rows["alice"]["message_id"] == "client_missing"
    store.open_database(db)
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    store.close_database()
    code, out, _ = run(capsys, "--db", str(db), "status", "--user", "alice", "--lang", "en")
    assert out.splitlines()[0] == "alice: grey — Not connected to Google yet"


def test_unknown_user(env, tmp_path, capsys):
    code, _, err = run(capsys, "--db", str(tmp_path / "crm.sqlite"), "test", "--user", "nobody")
    assert code == 2 and "Unknown user 'nobody'" in err


# --- the demo -----------------------------------------------------------------------


def test_the_demo_connects_its_users_for_real(env, fake_google, capsys, monkeypatch):
    monkeypatch.delenv("CRMSYNC_GOOGLE_ENDPOINT", raising=False)
    _with_alice(demo_database_path())
    store.open_database(demo_database_path())
    User.create(login="nomail", name="No Google")
    environment = dict(os.environ)
    connected = demo.connect_demo_users(fake_google.base_url)
    assert connected == ["alice"]
    # The demo's own file store got the token; the process's choice did not change.
    assert dict(os.environ) == environment
    assert (paths.demo_dir() / "secrets.json").exists()
    assert demo.demo_secret_store().get(secrets.refresh_token_key("alice"))
    assert secrets.open_secret_store().get(secrets.refresh_token_key("alice")) is None
    assert google_settings.load_client_id() == google_settings.DEMO_CLIENT_ID
    store.close_database()

    # A later command on the demo finds its emulator and its secrets by itself.
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", "")
    code, out, err = run(capsys, "--demo", "test", "--user", "alice")
    assert code == 0, out + err
    code, out, _ = run(capsys, "--demo", "status", "--user", "alice", "--json")
    assert json.loads(out)["colour"] == "green"


def test_a_demo_command_leaves_the_process_secrets_choice_alone(fake_google, capsys, monkeypatch):
    import keyring
    from memory_keyring import MemoryKeyring

    monkeypatch.delenv("CRMSYNC_SECRET_FILE", raising=False)
    _with_alice(demo_database_path())
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        environment = dict(os.environ)
        for argv in (("test", "--user", "alice"), ("status", "--user", "alice")):
            code, out, err = run(capsys, "--demo", *argv)
            assert code == 0, out + err
            store.close_database()
            # Neither the secrets store nor the emulator was made the process's choice.
            assert dict(os.environ) == environment
            assert secrets.StoreChoice.from_environment() == secrets.StoreChoice("keyring")
            assert secrets.open_secret_store().name == "keyring"
    finally:
        keyring.set_keyring(before)
    assert "CRMSYNC_SECRET_STORE" not in os.environ
    assert "CRMSYNC_SECRET_FILE" not in os.environ
    # The demo's secrets stayed in the demo's file, none went to the keyring.
    on_file = json.loads((paths.demo_dir() / "secrets.json").read_text())
    assert any(key.endswith("|alice|refresh_token") for key in on_file)


def test_an_api_key_is_masked_in_the_logs_from_the_moment_it_is_given(
    env, tmp_path, capsys, caplog
):
    # Not shaped like Google's keys (AIza…): only crmsync's knowing it can mask it.
    key = "folder-key-not-shaped-like-googles-7f3a"
    with caplog.at_level(logging.DEBUG):
        code, _, err = run(
            capsys, "--db", str(tmp_path / "crm.sqlite"), "settings", "google", "--api-key", key
        )
    assert code == 0, err
    # The SQL that saved it was logged, with the key masked.
    assert google_settings.KEY_API_KEY in caplog.text
    assert key not in caplog.text
    store.open_database(tmp_path / "crm.sqlite")
    assert FolderSettings.get_value(google_settings.KEY_API_KEY) == key


def test_manual_connection_pasting_the_redirect_address(env, tmp_path, fake_google, capsys):
    db = tmp_path / "crm.sqlite"
    _with_alice(db)
    store.open_database(db)
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    store.close_database()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    command = [sys.executable, "-m", "crmsync", "--google-endpoint", fake_google.base_url]
    command += ["--db", str(db), "connect", "--user", "alice", "--manual", "--lang", "en"]
    with subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    ) as process:
        try:
            url = process.stdout.readline().strip()
            assert url.startswith(fake_google.base_url + "/o/oauth2/auth?"), url
            try:
                urllib.request.build_opener(NoRedirect).open(url, timeout=10)
            except urllib.error.HTTPError as redirect:
                with redirect:
                    pasted = redirect.headers["Location"]
            # The address the browser ends on: a loopback port where nothing answers.
            assert pasted.startswith("http://127.0.0.1:")
            out, err = process.communicate(pasted + "\n", timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, err
    assert "paste here the whole address" in err
    assert f"Connected to the Google account {ALICE}" in out
