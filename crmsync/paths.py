"""Where crmsync keeps its files: the user's data folder, overridable for tests and demos."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "crmsync"


def data_dir() -> Path:
    """The user's data folder (``$CRMSYNC_DATA_DIR`` wins), created on first use."""
    override = os.environ.get("CRMSYNC_DATA_DIR")
    path = (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    """The default SQLite file of the CRM store."""
    return data_dir() / "crmsync.sqlite"


def demo_dir() -> Path:
    """The folder of the demo: its database, its emulator state, its secrets."""
    path = data_dir() / "demo"
    path.mkdir(parents=True, exist_ok=True)
    return path
