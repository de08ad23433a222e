"""Where the OAuth client secret and the users' refresh tokens are kept: never the database.

The OS keyring (``keyring``) by default. When the machine has no secure keyring backend
(the ``fail`` or ``null`` backend, or one whose priority is below 1, such as a plain-text
one), crmsync refuses and says how to opt in, explicitly, to a file store: a JSON file only
its owner may read (0600) in the data folder. It never falls back to the file silently.

The choice is a value, :class:`StoreChoice`, given to :func:`open_secret_store`; the store
it opens is then passed down to whatever needs secrets. Without one, the choice is read from
the environment and the data folder each time, first match wins:

1. ``$CRMSYNC_SECRET_STORE``: ``file`` or ``keyring``;
2. the opt-in left by ``crmsync settings secrets --file-store`` in the data folder;
3. the keyring.

``$CRMSYNC_SECRET_FILE`` names the file store's file (default ``<data folder>/secrets.json``).
A caller with its own store (the demo's file in the demo folder) passes
``StoreChoice.file_at(path)`` rather than changing the process's choice.

Keys name the database and the user (``<database>|<login>|refresh_token``), so two CRM
databases on one machine never share a token. Values are never logged nor put in a message,
and every value read or written is masked in the logs from then on (:mod:`.redact`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import filelock
import keyring
import keyring.errors

from crmsync import paths
from crmsync.google import redact
from crmsync.google.messages import Said

log = logging.getLogger(__name__)

SERVICE = "crmsync"
STORE_ENV = "CRMSYNC_SECRET_STORE"
FILE_ENV = "CRMSYNC_SECRET_FILE"
FILE_NAME = "secrets.json"
OPT_IN_NAME = "secret-store"
STORE_CHOICES = ("keyring", "file")


class SecretStoreError(Exception):
    """The secrets store cannot be used; ``said`` tells the user why and what to do."""

    def __init__(self, said: Said, detail: str = "") -> None:
        super().__init__(said.text("en") + (f" ({detail})" if detail else ""))
        self.said = said
        self.detail = detail


class NoSecureStoreError(SecretStoreError):
    """No secure keyring backend and no explicit opt-in to the file store."""


class SecretStore(Protocol):
    """A place for secrets, keyed by text."""

    name: str

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def delete(self, key: str) -> None: ...


# --- the OS keyring -----------------------------------------------------------------


def keyring_is_secure(backend: keyring.backend.KeyringBackend | None = None) -> bool:
    """Whether ``backend`` (default: the active one) really keeps secrets safe."""
    backend = backend or keyring.get_keyring()
    module = type(backend).__module__
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return False
    try:
        priority = float(backend.priority)
    except Exception:  # noqa: BLE001 - a backend that cannot say is not trusted
        return False
    return priority >= 1


def keyring_name(backend: keyring.backend.KeyringBackend | None = None) -> str:
    backend = backend or keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


class KeyringStore:
    """Secrets in the OS keyring, under the service name ``crmsync``."""

    name = "keyring"

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self.backend = backend or keyring.get_keyring()

    def get(self, key: str) -> str | None:
        try:
            value = self.backend.get_password(SERVICE, key)
        except keyring.errors.KeyringError as exc:
            raise _keyring_failed("read", exc) from None
        redact.remember_secret(value)
        return value

    def set(self, key: str, value: str) -> None:
        redact.remember_secret(value)
        try:
            self.backend.set_password(SERVICE, key, value)
        except keyring.errors.KeyringError as exc:
            raise _keyring_failed("write", exc) from None

    def delete(self, key: str) -> None:
        try:
            self.backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            pass  # already gone
        except keyring.errors.KeyringError as exc:
            raise _keyring_failed("delete", exc) from None

    def describe(self) -> str:
        return f"OS keyring ({keyring_name(self.backend)})"


def _keyring_failed(what: str, exc: Exception) -> SecretStoreError:
    # The backend's own message names no secret value; keep only its type to be sure.
    return SecretStoreError(
        Said.of("google_error", error=f"keyring {what} failed"), type(exc).__name__
    )


# --- the opt-in file store ----------------------------------------------------------

#: How long a store operation waits for another process holding the secrets file.
FILE_LOCK_TIMEOUT = 30.0
#: Windows refuses to replace a file another program (an antivirus, an indexer) has open
#: for a moment: try again a few times before giving up.
_REPLACE_ATTEMPTS = 20
_REPLACE_PAUSE = 0.05

_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


def _thread_lock(path: Path) -> threading.Lock:
    """One lock per secrets file for every store object of this process."""
    key = os.path.normcase(os.path.abspath(path))
    with _thread_locks_guard:
        found = _thread_locks.get(key)
        if found is None:
            found = _thread_locks[key] = threading.Lock()
        return found


class FileStore:
    """Secrets in a JSON file only its owner may read or write (0600), replaced atomically.

    Every operation holds, for its whole read-modify-write, a lock shared by all the store
    objects of this process on that file and an OS file lock (``<file>.lock``) shared with
    the other processes: two syncs rotating two users' tokens never lose either.
    """

    name = "file"

    def __init__(self, path: Path, *, lock_timeout: float = FILE_LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _thread_lock(self.path):
            lock = filelock.FileLock(self.lock_path, timeout=self.lock_timeout, mode=0o600)
            try:
                lock.acquire()
            except filelock.Timeout:
                raise SecretStoreError(
                    Said.of("google_error", error=f"secrets file {self.path} is busy"),
                    "lock timeout",
                ) from None
            try:
                yield
            finally:
                lock.release()

    def _read(self) -> dict[str, str]:
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            return {}
        # Windows has no group or other permission bits to tighten (its files inherit the
        # folder's ACL; the data folder is in the user's profile).
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.warning("Secrets file %s was readable by others: now 0600.", self.path)
            os.chmod(self.path, 0o600)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SecretStoreError(
                Said.of("google_error", error=f"unreadable secrets file {self.path}"),
                type(exc).__name__,
            ) from None
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write(self, data: dict[str, str]) -> None:
        fd, temporary = tempfile.mkstemp(prefix=".secrets-", dir=self.path.parent)
        try:
            if os.name == "posix":
                # mkstemp already creates the file 0600; again in case of an odd umask.
                os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            _replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    def get(self, key: str) -> str | None:
        # Reads take the lock too: on Windows a file open for reading cannot be replaced.
        with self._locked():
            value = self._read().get(key)
        redact.remember_secret(value)
        return value

    def set(self, key: str, value: str) -> None:
        redact.remember_secret(value)
        with self._locked():
            data = self._read()
            data[key] = value
            self._write(data)

    def delete(self, key: str) -> None:
        with self._locked():
            data = self._read()
            if data.pop(key, None) is not None:
                self._write(data)

    def describe(self) -> str:
        return f"protected file {self.path} (0600)"


def _replace(source: str, target: Path) -> None:
    for attempt in range(_REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == _REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(_REPLACE_PAUSE)


# --- choosing the store -------------------------------------------------------------


def default_file_path() -> Path:
    override = os.environ.get(FILE_ENV, "").strip()
    return Path(override) if override else paths.data_dir() / FILE_NAME


def _opt_in_path() -> Path:
    return paths.data_dir() / OPT_IN_NAME


def chosen_store() -> str:
    """``file`` or ``keyring``: what the environment or the user's opt-in asks for."""
    wanted = os.environ.get(STORE_ENV, "").strip().lower()
    if wanted:
        if wanted not in STORE_CHOICES:
            raise SecretStoreError(
                Said.of("google_error", error=f"{STORE_ENV}={wanted!r}"),
                f"use {' or '.join(STORE_CHOICES)}",
            )
        return wanted
    try:
        marker = _opt_in_path().read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        marker = ""
    return "file" if marker == "file" else "keyring"


def set_file_store_opt_in(enabled: bool) -> Path:
    """Record (or withdraw) the user's explicit choice of the file store on this machine."""
    marker = _opt_in_path()
    if enabled:
        marker.write_text("file\n", encoding="utf-8")
    else:
        with contextlib.suppress(FileNotFoundError):
            marker.unlink()
    return marker


@dataclass(frozen=True)
class StoreChoice:
    """Which secrets store to open: ``keyring``, or ``file`` at ``file_path`` (default:
    :func:`default_file_path`). A value to pass down, never a switch of the process."""

    kind: str = "keyring"
    file_path: Path | None = None

    def __post_init__(self) -> None:
        if self.kind not in STORE_CHOICES:
            raise ValueError(f"unknown secrets store {self.kind!r}")

    @classmethod
    def file_at(cls, path: Path) -> StoreChoice:
        """The file store at ``path``, whatever the environment says."""
        return cls("file", Path(path))

    @classmethod
    def from_environment(cls) -> StoreChoice:
        """What ``$CRMSYNC_SECRET_STORE``, else the user's opt-in, asks for (see above)."""
        kind = chosen_store()
        return cls(kind, default_file_path() if kind == "file" else None)

    def open(self) -> SecretStore:
        """The store; raises :class:`NoSecureStoreError` for a keyring that is not secure."""
        if self.kind == "file":
            return FileStore(self.file_path or default_file_path())
        backend = keyring.get_keyring()
        if not keyring_is_secure(backend):
            raise NoSecureStoreError(Said.of("no_secure_store"), keyring_name(backend))
        return KeyringStore(backend)


def open_secret_store(choice: StoreChoice | None = None) -> SecretStore:
    """The secrets store ``choice`` names (default: :meth:`StoreChoice.from_environment`);
    raises :class:`NoSecureStoreError` when there is none."""
    return (choice or StoreChoice.from_environment()).open()


def describe_store(store: SecretStore) -> str:
    describe = getattr(store, "describe", None)
    return describe() if callable(describe) else store.name


# --- keys ---------------------------------------------------------------------------


def database_identity() -> str:
    """The open database, as its location (a password in a URL is masked)."""
    from crmsync.crm import db

    return db.database_location() or "default"


def refresh_token_key(login: str) -> str:
    return f"{database_identity()}|{login}|refresh_token"


def client_secret_key() -> str:
    return f"{database_identity()}|google|client_secret"
