"""The emulator's OAuth 2.0 authorization server and OpenID Connect endpoints.

``models`` holds codes, PKCE and consent rules, ``responses`` the HTTP handlers, ``urls``
the routes and ``jwt`` the ID-token signing key.
"""

from __future__ import annotations

from crmsync.fakegoogle.http import Router
from crmsync.fakegoogle.oauth.models import OAuthBackend
from crmsync.fakegoogle.oauth.urls import routes
from crmsync.fakegoogle.state import EmulatorState


def install(state: EmulatorState, router: Router) -> None:
    """Register the authorization server's backend and routes."""
    state.register(OAuthBackend())
    router.extend(routes())
