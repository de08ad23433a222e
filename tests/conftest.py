"""Shared test set-up: offscreen Qt, a private data folder, no real keyring."""

from __future__ import annotations

import contextlib
import json as _json
import os
import shutil
import socket
import subprocess
import tempfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """Keep every test away from the user's real data folder, database and endpoint."""
    monkeypatch.setenv("CRMSYNC_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CRMSYNC_DB", raising=False)
    monkeypatch.delenv("CRMSYNC_GOOGLE_ENDPOINT", raising=False)
    monkeypatch.delenv("CRMSYNC_SECRET_STORE", raising=False)


# --- the Google emulator, driven over HTTP ----------------------------------------------


class EmulatorAdmin:
    """A tiny JSON client for the emulator's ``/_emulator/`` surface (not Google's API)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else _json.dumps(body).encode()
        request = urllib.request.Request(
            self.base_url + "/_emulator" + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                raw = answer.read()
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path} → {exc.code}: {exc.read()!r}") from None
        return _json.loads(raw) if raw else None

    def get(self, path: str) -> Any:
        return self.call("GET", path)

    def post(self, path: str, body: Any = None) -> Any:
        return self.call("POST", path, body if body is not None else {})

    def token(self, email: str, **extra: Any) -> str:
        return self.post("/tokens", {"email": email, **extra})["access_token"]

    def counters(self) -> dict[str, int]:
        return self.get("/counters")["counters"]


@pytest.fixture(scope="session")
def _fake_google_server():
    from crmsync.fakegoogle import FakeGoogle

    server = FakeGoogle().start()
    yield server
    server.stop()


@pytest.fixture
def fake_google(_fake_google_server):
    """A running emulator, reset before each test."""
    EmulatorAdmin(_fake_google_server.base_url).post("/reset")
    return _fake_google_server


@pytest.fixture
def emulator(fake_google) -> EmulatorAdmin:
    return EmulatorAdmin(fake_google.base_url)


def google_credentials(token: str):
    from google.oauth2.credentials import Credentials

    return Credentials(token=token)


@contextlib.contextmanager
def _closing(build_one):
    """A service factory whose services close their connections when the test ends
    (a keep-alive socket left to the garbage collector is a ResourceWarning)."""
    made: list[Any] = []

    def make(*args: Any, **kwargs: Any) -> Any:
        service = build_one(*args, **kwargs)
        made.append(service)
        return service

    try:
        yield make
    finally:
        for service in made:
            service.close()


def _api_factory(fake_google, emulator, api: str, version: str, root: str):
    """Services of one Google API on the emulator, built by the real client library with a
    bearer token for the e-mail given (extra arguments go to ``/_emulator/tokens``)."""
    from googleapiclient.discovery import build

    def build_one(email: str = "alice@example.com", **token_args: Any):
        creds = google_credentials(emulator.token(email, **token_args))
        return build(
            api,
            version,
            credentials=creds,
            static_discovery=True,
            client_options={"api_endpoint": fake_google.base_url + root},
        )

    return _closing(build_one)


@pytest.fixture
def calendar_api(fake_google, emulator):
    """``calendar_api(email)`` → a real googleapiclient Calendar service on the emulator."""
    with _api_factory(fake_google, emulator, "calendar", "v3", "/calendar/v3/") as make:
        yield make


@pytest.fixture
def people_api(fake_google, emulator):
    """``people_api(email)`` → a real googleapiclient People service on the emulator."""
    with _api_factory(fake_google, emulator, "people", "v1", "/") as make:
        yield make


# --- a throwaway PostgreSQL server --------------------------------------------------------


def _postgres_bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are: on the PATH, ``pg_config --bindir``, or the
    usual install folders (Debian's, Windows')."""
    suffix = ".exe" if os.name == "nt" else ""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10
            ).stdout
            candidates.append(Path(out.strip()))
    for pattern in ("/usr/lib/postgresql/*/bin", "C:/Program Files/PostgreSQL/*/bin"):
        root = Path(pattern.split("*")[0])
        if root.is_dir():
            candidates.extend(sorted(root.glob("*/bin"), reverse=True))
    for folder in candidates:
        if (folder / f"initdb{suffix}").exists() and (folder / f"pg_ctl{suffix}").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user() -> tuple[list[str], str | None]:
    """The command prefix that runs the server's tools as an unprivileged user (PostgreSQL
    refuses to run as root), and that user's name; nothing to do when not root."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return [], None
    import pwd

    name = "postgres"
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
            check=True,
            capture_output=True,
        )
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", name, "--"], name
    return [
        shutil.which("setpriv") or "setpriv",
        "--reuid",
        name,
        "--regid",
        name,
        "--init-groups",
    ], name


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of its own (a new cluster in a temporary folder, on a free local
    port, trusting local connections), stopped and removed at the end; the URL of its
    ``postgres`` database. Skipped when no PostgreSQL binaries are installed."""
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries here (initdb, pg_ctl)")
    prefix, owner = _as_server_user()
    # Not under pytest's own temporary folder: the server's user must be able to reach it.
    root = Path(tempfile.mkdtemp(prefix="crmsync-pg-"))
    if owner is not None:
        shutil.chown(root, user=owner, group=owner)
    data, log_file, port = root / "data", root / "server.log", _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log_text = log_file.read_text(errors="replace") if log_file.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stderr}{done.stdout}{log_text}")

    options = f"-p {port} -c listen_addresses=127.0.0.1 -F"
    if os.name != "nt":
        options += f" -k {root}"  # its Unix socket in our folder, not a system one
    run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-U",
        "crm",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-sync",
        "--locale=C",
    )
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log_file), "-o", options, "-w", "start")
    try:
        yield f"postgresql://crm@127.0.0.1:{port}/postgres"
    finally:
        with contextlib.suppress(RuntimeError, subprocess.SubprocessError):
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """The URL of a new, empty database on the test server, dropped after the test."""
    import psycopg2

    name = "crm_" + uuid.uuid4().hex[:12]
    admin = psycopg2.connect(postgres_server)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield postgres_server.rsplit("/", 1)[0] + "/" + name
        from crmsync.crm import db as store

        store.close_database()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        admin.close()
