"""Shared test set-up: offscreen Qt, a private data folder, no real keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """Keep every test away from the user's real data folder, database and endpoint."""
    monkeypatch.setenv("CRMSYNC_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CRMSYNC_DB", raising=False)
    monkeypatch.delenv("CRMSYNC_GOOGLE_ENDPOINT", raising=False)
    monkeypatch.delenv("CRMSYNC_SECRET_STORE", raising=False)
