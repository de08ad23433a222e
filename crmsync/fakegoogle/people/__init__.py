"""The emulator's people service (being built)."""

from __future__ import annotations

from crmsync.fakegoogle.http import Router
from crmsync.fakegoogle.state import EmulatorState


def install(state: EmulatorState, router: Router) -> None:
    """Register this service's backend and routes."""
