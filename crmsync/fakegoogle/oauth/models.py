"""OAuth 2.0 state and rules: scopes, authorization codes, PKCE, consent, refresh-token limits.

The accounts, clients, grants (refresh tokens) and access tokens live in the shared
``EmulatorState``; this backend adds what only the authorization server needs: the
pending authorization codes, the ID-token signing key and the consent decision.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from crmsync.fakegoogle.oauth.jwt import TokenSigner
from crmsync.fakegoogle.state import SCOPE_PREFIX, Account, EmulatorState, Grant

CODE_LIFETIME = 600  # seconds: Google's authorization codes are short-lived
DEFAULT_ACCOUNT = "user@example.com"
MAX_REFRESH_TOKENS = 100  # per account per client; the oldest dies silently beyond it
ID_TOKEN_LIFETIME = 3600

# Short names Google accepts and answers with their full URL (hence oauthlib's
# "Scope has changed" warning when a client asks for "email" and compares strictly).
SCOPE_ALIASES = {
    "email": SCOPE_PREFIX + "userinfo.email",
    "profile": SCOPE_PREFIX + "userinfo.profile",
}
OPENID = "openid"
KNOWN_SCOPES = {OPENID} | {
    SCOPE_PREFIX + name
    for name in (
        "userinfo.email",
        "userinfo.profile",
        "calendar",
        "calendar.readonly",
        "calendar.events",
        "calendar.events.readonly",
        "calendar.events.owned",
        "calendar.events.owned.readonly",
        "calendar.events.freebusy",
        "calendar.events.public.readonly",
        "calendar.calendarlist",
        "calendar.calendarlist.readonly",
        "calendar.calendars",
        "calendar.calendars.readonly",
        "calendar.acls",
        "calendar.acls.readonly",
        "calendar.settings.readonly",
        "calendar.freebusy",
        "calendar.app.created",
        "contacts",
        "contacts.readonly",
        "contacts.other.readonly",
        "directory.readonly",
        "user.emails.read",
        "user.phonenumbers.read",
        "user.addresses.read",
        "user.birthday.read",
        "user.gender.read",
        "user.organization.read",
    )
}
EMAIL_SCOPE = SCOPE_ALIASES["email"]
PROFILE_SCOPE = SCOPE_ALIASES["profile"]
SIGN_IN_SCOPES = {OPENID, EMAIL_SCOPE, PROFILE_SCOPE}
CHALLENGE_METHODS = ("plain", "S256")


class OAuthRuleError(Exception):
    """A request the authorization server refuses; ``error`` is the RFC 6749 code."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


# --- scopes -------------------------------------------------------------------------


def parse_scopes(raw: str) -> tuple[list[str], list[str]]:
    """The requested scopes in full form, in request order, and the ones Google does not know."""
    granted: list[str] = []
    invalid: list[str] = []
    for name in raw.split():
        full = SCOPE_ALIASES.get(name, name)
        if full not in KNOWN_SCOPES:
            invalid.append(name)
        elif full not in granted:
            granted.append(full)
    return granted, invalid


# --- redirect URIs ------------------------------------------------------------------


def is_loopback_redirect(uri: str) -> bool:
    """A desktop client's redirect: ``http`` to 127.0.0.1, [::1] or localhost, any port and path."""
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    if parts.scheme != "http" or parts.fragment or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


# --- PKCE ---------------------------------------------------------------------------


def pkce_challenge(verifier: str, method: str) -> str:
    if method == "S256":
        digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return verifier


def check_pkce(challenge: str | None, method: str | None, verifier: str | None) -> None:
    """Raise as Google does when the verifier is missing, superfluous or wrong."""
    if challenge is None:
        if verifier:
            raise OAuthRuleError("invalid_grant", "code_verifier or verifier is not needed.")
        return
    if not verifier:
        raise OAuthRuleError("invalid_grant", "Missing code verifier.")
    expected = pkce_challenge(verifier, method or "plain")
    if not hmac.compare_digest(expected, challenge):
        raise OAuthRuleError("invalid_grant", "Invalid code verifier.")


# --- authorization codes ------------------------------------------------------------


@dataclass
class AuthorizationCode:
    """What a consent produced, waiting to be exchanged once at the token endpoint."""

    code: str
    client_id: str
    redirect_uri: str
    email: str
    scopes: list[str]
    expires_at: float
    code_challenge: str | None = None
    code_challenge_method: str | None = None
    nonce: str | None = None
    used: bool = False


@dataclass
class OAuthBackend:
    """The authorization server's own state (registered as the ``oauth`` backend)."""

    name: str = "oauth"
    codes: dict[str, AuthorizationCode] = field(default_factory=dict)
    # "allow": consent is given as soon as asked; "deny": the user presses Cancel.
    consent: str = "allow"
    # Scopes the user unticks on Google's granular consent screen (sign-in ones cannot be).
    withheld: list[str] = field(default_factory=list)
    signer: TokenSigner = field(default_factory=TokenSigner)

    def on_account_created(self, account: Account) -> None:
        """Accounts need nothing from the authorization server."""

    def reset(self) -> None:
        self.codes.clear()
        self.consent = "allow"  # the signing key stays: a reset is not a key rotation
        self.withheld = []

    def dump(self) -> dict[str, Any]:
        return {
            "codes": [asdict(c) for c in self.codes.values()],
            "consent": self.consent,
            "withheld": list(self.withheld),
            "signing_key": self.signer.private_pem(),
        }

    def load(self, data: dict[str, Any]) -> None:
        self.codes = {c["code"]: AuthorizationCode(**c) for c in data.get("codes", [])}
        self.consent = str(data.get("consent", "allow"))
        self.withheld = list(data.get("withheld", []))
        if data.get("signing_key"):
            self.signer = TokenSigner(data["signing_key"])

    # --- the rules --------------------------------------------------------------------

    def new_code(self, state: EmulatorState, **fields: Any) -> AuthorizationCode:
        now = state.clock.time()
        for stale in [k for k, c in self.codes.items() if c.expires_at <= now]:
            del self.codes[stale]
        code = AuthorizationCode(
            code="4/0A" + secrets.token_urlsafe(48), expires_at=now + CODE_LIFETIME, **fields
        )
        self.codes[code.code] = code
        state.dirty = True
        return code

    def redeem_code(
        self,
        state: EmulatorState,
        code: str,
        client_id: str,
        redirect_uri: str | None,
        verifier: str | None,
    ) -> AuthorizationCode:
        """The code, marked used, after every check the token endpoint makes."""
        found = self.codes.get(code)
        if found is None:
            raise OAuthRuleError("invalid_grant", "Malformed auth code.")
        if found.used or state.clock.time() >= found.expires_at or found.client_id != client_id:
            raise OAuthRuleError("invalid_grant", "Bad Request")
        if redirect_uri is None:
            raise OAuthRuleError("invalid_request", "Missing parameter: redirect_uri")
        if redirect_uri != found.redirect_uri:
            raise OAuthRuleError("redirect_uri_mismatch", "Bad Request")
        check_pkce(found.code_challenge, found.code_challenge_method, verifier)
        found.used = True
        state.dirty = True
        return found

    def consented_scopes(self, requested: list[str]) -> list[str]:
        """What the user leaves ticked: all but the withheld, sign-in scopes always."""
        return [s for s in requested if s in SIGN_IN_SCOPES or s not in self.withheld]

    def granted_before(self, state: EmulatorState, email: str, client_id: str) -> list[str]:
        """Scopes of the account's live grants to this client (``include_granted_scopes``)."""
        scopes: list[str] = []
        for grant in live_grants(state, email, client_id):
            scopes.extend(s for s in grant.scopes if s not in scopes)
        return scopes


def live_grants(state: EmulatorState, email: str, client_id: str) -> list[Grant]:
    """The account's live grants to a client, oldest first."""
    found = [
        g
        for g in state.grants.values()
        if g.email == email and g.client_id == client_id and state.grant_is_live(g)
    ]
    return sorted(found, key=lambda g: g.created_at)


def issue_grant(state: EmulatorState, email: str, client_id: str, scopes: list[str]) -> Grant:
    """A new refresh token; past Google's per-client limit the oldest one dies silently."""
    grant = state.issue_grant(email, client_id, scopes)
    live = live_grants(state, email, client_id)
    for old in live[: max(0, len(live) - MAX_REFRESH_TOKENS)]:
        state.revoke(old.refresh_token)
    return grant


def may_consent(state: EmulatorState, client_id: str, email: str) -> bool:
    """Whether the client's consent screen lets this account through (Testing-mode test users)."""
    test_users = state.client(client_id).test_users
    if test_users is None:
        return True
    return email.lower() in {u.strip().lower() for u in test_users}
