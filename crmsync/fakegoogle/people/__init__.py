"""The People v1 service of the emulator: contacts, sync tokens, photos, batch mutations.

``models`` holds the address books and their rules, ``fields`` the Person schema checks and
derived values, ``render`` the resource shapes, ``tokens`` the sync and page tokens,
``responses`` the handlers, ``urls`` the routes, ``photos`` uploads and the photo host,
``admin`` the ``/_emulator/people/`` surface.
"""

from __future__ import annotations

from crmsync.fakegoogle.http import Router
from crmsync.fakegoogle.people import admin, urls
from crmsync.fakegoogle.people.models import PeopleBackend
from crmsync.fakegoogle.state import EmulatorState


def install(state: EmulatorState, router: Router) -> None:
    """Register this service's backend and routes."""
    state.register(PeopleBackend())
    router.extend(urls.ROUTES + admin.ROUTES)
