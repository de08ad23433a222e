"""Routes of the authorization server (none takes a bearer token at the pipeline: ``api=None``)."""

from __future__ import annotations

from crmsync.fakegoogle.http import Route
from crmsync.fakegoogle.oauth import responses


def routes() -> list[Route]:
    """Google's paths (auth on accounts.google.com, token and revoke on oauth2.googleapis.com,
    userinfo and certs on www.googleapis.com), all on the emulator's one origin."""
    return [
        # Both generations of the authorization endpoint are still in use by libraries.
        Route("GET", "/o/oauth2/auth", responses.authorize, "oauth2.authorize"),
        Route("GET", "/o/oauth2/v2/auth", responses.authorize, "oauth2.authorize"),
        Route("POST", "/token", responses.token, "oauth2.token"),
        Route("POST", "/o/oauth2/token", responses.token, "oauth2.token"),
        Route("POST", "/revoke", responses.revoke, "oauth2.revoke"),
        Route("POST", "/o/oauth2/revoke", responses.revoke, "oauth2.revoke"),
        Route("GET", "/oauth2/v3/userinfo", responses.userinfo_v3, "oauth2.userinfo"),
        Route("GET", "/oauth2/v2/userinfo", responses.userinfo_v2, "oauth2.userinfo.v2"),
        Route("GET", "/oauth2/v3/certs", responses.jwks, "oauth2.certs"),
        Route("GET", "/oauth2/v1/certs", responses.pem_certs, "oauth2.certs.pem"),
        Route(
            "GET",
            "/.well-known/openid-configuration",
            responses.openid_configuration,
            "oauth2.discovery",
        ),
        Route("POST", "/_emulator/oauth/consent", responses.consent_set, "emulator.oauth.consent"),
    ]
