"""The secrets store: the OS keyring when it is secure, an explicit 0600 file otherwise,
and a plain refusal — never a silent fallback — when neither is chosen."""

from __future__ import annotations

import json
import os
import stat

import keyring
import keyring.backend
import pytest
from memory_keyring import MemoryKeyring

from crmsync import paths
from crmsync.crm import db as store
from crmsync.google import secrets


class PlainTextKeyring(MemoryKeyring):
    """What keyrings.alt's plain-text file backend looks like to crmsync: low priority."""

    priority = 0.5  # type: ignore[assignment]


@pytest.fixture
def active_keyring():
    """``active_keyring(backend)`` makes it the process's keyring until the test ends."""
    before = keyring.get_keyring()

    def use(backend):
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(before)


@pytest.fixture(autouse=True)
def _database(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    yield
    store.close_database()


def test_without_a_secure_keyring_the_store_is_refused_with_the_way_out(active_keyring):
    from keyring.backends import fail

    active_keyring(fail.Keyring())
    with pytest.raises(secrets.NoSecureStoreError) as caught:
        secrets.open_secret_store()
    said = caught.value.said
    assert "CRMSYNC_SECRET_STORE=file" in said.fix("en")
    assert "crmsync settings secrets --file-store" in said.fix("fr")
    assert not (paths.data_dir() / secrets.FILE_NAME).exists()


@pytest.mark.parametrize("backend", [PlainTextKeyring(), None])
def test_a_low_priority_or_null_backend_is_not_secure(active_keyring, backend):
    from keyring.backends import null

    active_keyring(backend or null.Keyring())
    with pytest.raises(secrets.NoSecureStoreError):
        secrets.open_secret_store()


def test_a_secure_keyring_is_used_by_default(active_keyring):
    backend = active_keyring(MemoryKeyring())
    found = secrets.open_secret_store()
    assert found.name == "keyring"
    found.set(secrets.refresh_token_key("alice"), "1//refresh")
    ((service, username),) = backend.passwords
    assert service == "crmsync"
    assert username.endswith("|alice|refresh_token")
    assert store.database_location() in username
    assert found.get(secrets.refresh_token_key("alice")) == "1//refresh"
    found.delete(secrets.refresh_token_key("alice"))
    assert backend.passwords == {}
    assert backend.failed_deletes == 0
    # Twice: the keyring refuses to delete what is not there, and the store takes that as
    # "already gone" rather than an error.
    found.delete(secrets.refresh_token_key("alice"))
    assert backend.failed_deletes == 1
    assert backend.passwords == {}


def test_the_keyring_stand_in_refuses_to_delete_a_missing_password():
    import keyring.errors

    with pytest.raises(keyring.errors.PasswordDeleteError):
        MemoryKeyring().delete_password("crmsync", "nobody")


def test_two_databases_never_share_a_token(tmp_path, active_keyring):
    active_keyring(MemoryKeyring())
    first = secrets.refresh_token_key("alice")
    store.open_database(tmp_path / "other.sqlite")
    assert secrets.refresh_token_key("alice") != first


def test_the_file_store_by_environment_is_private_and_atomic(monkeypatch, active_keyring):
    from keyring.backends import fail

    active_keyring(fail.Keyring())
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    found = secrets.open_secret_store()
    assert found.name == "file"
    found.set("k1", "v1")
    found.set("k2", "v2")
    path = paths.data_dir() / "secrets.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"k1": "v1", "k2": "v2"}
    found.delete("k1")
    assert secrets.open_secret_store().get("k1") is None
    assert secrets.open_secret_store().get("k2") == "v2"
    # No temporary file is left behind by the atomic replacement.
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".secrets")) == []


def test_a_file_readable_by_others_is_made_private_again(monkeypatch):
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    found = secrets.open_secret_store()
    found.set("k", "v")
    path = paths.data_dir() / "secrets.json"
    path.chmod(0o644)
    assert found.get("k") == "v"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_opt_in_is_remembered_on_this_computer(active_keyring):
    from keyring.backends import fail

    active_keyring(fail.Keyring())
    secrets.set_file_store_opt_in(True)
    assert secrets.open_secret_store().name == "file"
    secrets.set_file_store_opt_in(False)
    with pytest.raises(secrets.NoSecureStoreError):
        secrets.open_secret_store()


def test_the_environment_can_insist_on_the_keyring(monkeypatch, active_keyring):
    from keyring.backends import fail

    active_keyring(fail.Keyring())
    secrets.set_file_store_opt_in(True)
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "keyring")
    with pytest.raises(secrets.NoSecureStoreError):
        secrets.open_secret_store()
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "plaintext")
    with pytest.raises(secrets.SecretStoreError):
        secrets.open_secret_store()


def test_a_secret_file_can_be_named(tmp_path):
    environment = dict(os.environ)
    path = tmp_path / "elsewhere" / "demo-secrets.json"
    secrets.open_secret_store(secrets.StoreChoice.file_at(path)).set("k", "v")
    assert json.loads(path.read_text()) == {"k": "v"}
    assert dict(os.environ) == environment


def test_a_store_choice_is_passed_down_and_never_switches_the_process(
    monkeypatch, active_keyring, tmp_path
):
    monkeypatch.delenv("CRMSYNC_SECRET_FILE", raising=False)
    backend = active_keyring(MemoryKeyring())
    path = tmp_path / "demo" / "secrets.json"
    demo = secrets.open_secret_store(secrets.StoreChoice.file_at(path))
    demo.set("k", "demo value")
    assert demo.name == "file" and path.exists()
    assert "CRMSYNC_SECRET_STORE" not in os.environ
    assert "CRMSYNC_SECRET_FILE" not in os.environ
    # Everything else in the process still gets the keyring.
    real = secrets.open_secret_store()
    assert real.name == "keyring" and real.get("k") is None
    real.set("k", "real value")
    assert demo.get("k") == "demo value"
    assert backend.passwords == {("crmsync", "k"): "real value"}


def test_without_a_choice_the_environment_and_the_opt_in_decide(monkeypatch, tmp_path):
    monkeypatch.delenv("CRMSYNC_SECRET_FILE", raising=False)
    choose = secrets.StoreChoice.from_environment
    assert choose() == secrets.StoreChoice("keyring")
    secrets.set_file_store_opt_in(True)
    assert choose() == secrets.StoreChoice("file", paths.data_dir() / "secrets.json")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", str(tmp_path / "named.json"))
    assert choose() == secrets.StoreChoice("file", tmp_path / "named.json")
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "keyring")
    assert choose().kind == "keyring"
    with pytest.raises(ValueError):
        secrets.StoreChoice("plaintext")
