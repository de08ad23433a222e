"""Where crmsync keeps its files: the user's data folder, overridable for tests and demos.

The data folder holds private data (the CRM database, Google tokens' metadata, the demo's
state), so on POSIX systems the folders crmsync creates are readable by their owner only
(0700), whatever the umask. On Windows the per-user application data folder is already
private to its user and its access control lists are left as they are.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "crmsync"
#: Mode of the folders crmsync creates for its data, on POSIX.
PRIVATE_DIR_MODE = 0o700
#: Mode of the private files crmsync creates (the SQLite database and its WAL and SHM), on POSIX.
PRIVATE_FILE_MODE = 0o600


def data_dir() -> Path:
    """The user's data folder (``$CRMSYNC_DATA_DIR`` wins), created on first use.

    A folder created here is private to the user. The default folder is made private even
    when it already exists, since older versions created it readable by everyone; a folder
    named by ``$CRMSYNC_DATA_DIR`` that already exists is left as the user set it.
    """
    override = os.environ.get("CRMSYNC_DATA_DIR")
    if override:
        return make_private_dir(Path(override))
    return make_private_dir(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)), tighten_existing=True
    )


def default_database_path() -> Path:
    """The default SQLite file of the CRM store."""
    return data_dir() / "crmsync.sqlite"


def demo_dir() -> Path:
    """The folder of the demo: its database, its emulator state, its secrets."""
    return make_private_dir(data_dir() / "demo")


def make_private_dir(path: Path, *, tighten_existing: bool = False) -> Path:
    """Create ``path`` (and missing parents) if needed; on POSIX, a folder created here is
    mode 0700, and so is an existing one when ``tighten_existing``. Returns ``path``."""
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True)
    except FileExistsError:
        if not path.is_dir():
            raise
        if not tighten_existing:
            return path
    _chmod(path, PRIVATE_DIR_MODE)
    return path


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty, on POSIX with mode 0600 whatever the umask; False if it exists.

    SQLite creates a database's ``-wal`` and ``-shm`` files with the mode of the database
    file, so a database file created here keeps all three private.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    _chmod(path, PRIVATE_FILE_MODE)
    return True


def _chmod(path: Path, mode: int) -> None:
    if os.name == "nt":
        return
    try:
        os.chmod(path, mode)
    except OSError as exc:
        log.warning("Could not make %s private: %s", path, exc)
