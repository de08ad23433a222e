"""The emulator's Google Calendar v3 service (events, calendar list, calendars, colours)."""

from __future__ import annotations

from crmsync.fakegoogle.http import Router
from crmsync.fakegoogle.state import EmulatorState


def install(state: EmulatorState, router: Router) -> None:
    """Register this service's backend and routes."""
    from crmsync.fakegoogle.calendar import admin, urls
    from crmsync.fakegoogle.calendar.models import CalendarBackend

    state.register(CalendarBackend(state))
    router.extend(urls.ROUTES)
    router.extend(admin.routes())
