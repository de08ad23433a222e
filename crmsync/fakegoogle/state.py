"""The emulator's whole state: accounts, OAuth clients and tokens, quotas, faults, logs.

Each API keeps its own data in a *backend* (``calendar``, ``people``, ``oauth``) registered
here; the state holds one lock that every request takes while it reads or changes data, so
concurrent requests from several threads never see or leave half-done changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import tempfile
import threading
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from crmsync.fakegoogle.clock import Clock
from crmsync.fakegoogle.faults import FaultBook
from crmsync.fakegoogle.quotas import QuotaBook

log = logging.getLogger(__name__)

ACCESS_TOKEN_LIFETIME = 3600  # seconds, as Google's
TESTING_MODE_REFRESH_LIFETIME = 7 * 24 * 3600

# Scopes and the APIs they open (a broader scope opens what a narrower one does).
SCOPE_PREFIX = "https://www.googleapis.com/auth/"
CALENDAR_READ_SCOPES = {
    SCOPE_PREFIX + s
    for s in (
        "calendar",
        "calendar.readonly",
        "calendar.events",
        "calendar.events.readonly",
        "calendar.calendarlist",
        "calendar.calendarlist.readonly",
        "calendar.calendars",
        "calendar.calendars.readonly",
        "calendar.app.created",
    )
}
PEOPLE_SCOPES = {SCOPE_PREFIX + s for s in ("contacts", "contacts.readonly")}

SERVICE_NAMES = {"calendar": "calendar-json.googleapis.com", "people": "people.googleapis.com"}
SERVICE_TITLES = {"calendar": "Google Calendar API", "people": "People API"}


@dataclass
class Account:
    """A Google account of the emulator, created on first use."""

    email: str
    sub: str  # stable numeric id, as Google's "sub"
    name: str = ""

    @classmethod
    def new(cls, email: str) -> Account:
        digest = hashlib.sha256(email.lower().encode()).hexdigest()
        return cls(email=email.lower(), sub=str(int(digest[:15], 16)), name=email.split("@")[0])


@dataclass
class OAuthClient:
    """An OAuth client (one per Cloud project here) and the project's knobs."""

    client_id: str
    client_secret: str | None = None  # None: any secret is accepted (the client is auto-created)
    testing_mode: bool = False  # consent screen in "Testing": refresh tokens die after 7 days
    test_users: list[str] | None = None  # None: anyone may consent
    disabled_apis: list[str] = field(default_factory=list)  # "calendar", "people"
    # How an account outside test_users is turned away: "redirect" sends the app
    # error=access_denied (the app can say « Erreur d'autorisation. 403 access_denied »);
    # "page" only shows Google's "Access blocked … Error 403: access_denied" page, and the
    # app hears nothing until its own timeout.
    blocked_user: str = "redirect"


@dataclass
class AccessToken:
    token: str
    email: str
    client_id: str
    scopes: list[str]
    expires_at: float
    grant_id: str | None = None


@dataclass
class Grant:
    """What one consent gave: a refresh token tied to an account, a client and scopes."""

    grant_id: str
    refresh_token: str
    email: str
    client_id: str
    scopes: list[str]
    created_at: float
    expires_at: float | None = None  # Testing-mode consent screens
    revoked: bool = False


class StateFileError(ValueError):
    """The ``--state`` file exists but is not a state the emulator wrote."""


class Backend(Protocol):
    """The per-API part of the state (see calendar/, people/, oauth/)."""

    name: str

    def on_account_created(self, account: Account) -> None: ...

    def reset(self) -> None: ...

    def dump(self) -> dict[str, Any]: ...

    def load(self, data: dict[str, Any]) -> None: ...


class EmulatorState:
    """Everything the emulator knows; mutate it only while holding ``lock``."""

    def __init__(self, clock: Clock | None = None, state_file: Path | None = None) -> None:
        self.lock = threading.RLock()
        self.clock = clock or Clock()
        self.state_file = state_file
        self.accounts: dict[str, Account] = {}
        self.clients: dict[str, OAuthClient] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.grants: dict[str, Grant] = {}
        self.quotas = QuotaBook()
        self.faults = FaultBook()
        self.request_log: deque[dict[str, Any]] = deque(maxlen=20000)
        self.counters: Counter[str] = Counter()  # Google method id → calls
        self.totals: Counter[str] = Counter()  # http_requests, calls (all accounts)
        self.account_counters: dict[str, Counter[str]] = {}  # e-mail → see record()
        self.backends: dict[str, Backend] = {}
        self.base_url = ""
        self.dirty = False

    # --- backends ---------------------------------------------------------------------

    def register(self, backend: Backend) -> None:
        self.backends[backend.name] = backend

    def backend(self, name: str) -> Any:
        return self.backends[name]

    # --- accounts and clients ---------------------------------------------------------

    def account(self, email: str, *, create: bool = True) -> Account | None:
        key = email.strip().lower()
        found = self.accounts.get(key)
        if found is None and create:
            found = Account.new(key)
            self.accounts[key] = found
            for backend in self.backends.values():
                backend.on_account_created(found)
            self.dirty = True
        return found

    def client(self, client_id: str) -> OAuthClient:
        found = self.clients.get(client_id)
        if found is None:
            found = OAuthClient(client_id=client_id)
            self.clients[client_id] = found
            self.dirty = True
        return found

    # --- tokens -----------------------------------------------------------------------

    def issue_access_token(
        self,
        email: str,
        client_id: str,
        scopes: list[str],
        grant_id: str | None = None,
        lifetime: float = ACCESS_TOKEN_LIFETIME,
    ) -> AccessToken:
        token = AccessToken(
            token="ya29.fake-" + secrets.token_urlsafe(32),
            email=email.lower(),
            client_id=client_id,
            scopes=list(scopes),
            expires_at=self.clock.time() + lifetime,
            grant_id=grant_id,
        )
        self.access_tokens[token.token] = token
        self.dirty = True
        return token

    def issue_grant(self, email: str, client_id: str, scopes: list[str]) -> Grant:
        client = self.client(client_id)
        now = self.clock.time()
        grant = Grant(
            grant_id=secrets.token_hex(8),
            refresh_token="1//fake-" + secrets.token_urlsafe(40),
            email=email.lower(),
            client_id=client_id,
            scopes=list(scopes),
            created_at=now,
            expires_at=now + TESTING_MODE_REFRESH_LIFETIME if client.testing_mode else None,
        )
        self.grants[grant.refresh_token] = grant
        self.dirty = True
        return grant

    def grant_is_live(self, grant: Grant) -> bool:
        if grant.revoked:
            return False
        return grant.expires_at is None or self.clock.time() < grant.expires_at

    def lookup_access_token(self, token: str) -> AccessToken | None:
        """A live access token (not expired, its grant neither revoked nor expired)."""
        found = self.access_tokens.get(token)
        if found is None or self.clock.time() >= found.expires_at:
            return None
        if found.grant_id is not None:
            grant = next((g for g in self.grants.values() if g.grant_id == found.grant_id), None)
            if grant is None or grant.revoked:
                return None
        return found

    def revoke(self, token: str) -> bool:
        """Revoke an access or refresh token and the whole grant behind it."""
        grant = self.grants.get(token)
        if grant is None:
            access = self.access_tokens.get(token)
            if access is None:
                return False
            grant = next((g for g in self.grants.values() if g.grant_id == access.grant_id), None)
            self.access_tokens.pop(token, None)
            if grant is None:
                self.dirty = True
                return True
        grant.revoked = True
        for key in [k for k, t in self.access_tokens.items() if t.grant_id == grant.grant_id]:
            del self.access_tokens[key]
        self.dirty = True
        return True

    # --- logs -------------------------------------------------------------------------

    def record(self, entry: dict[str, Any]) -> None:
        """Log one call or batch envelope and count it, for its account too.

        Per account: ``http_requests`` (HTTP exchanges: calls sent alone and batch envelopes),
        ``calls`` (API calls: calls sent alone and batch parts), ``quota_units`` (calls
        counted against the account's per-minute quota) and ``rate_limited`` (calls the
        quota refused).
        """
        self.request_log.append(entry)
        method = entry["method"]
        self.counters[method] += 1
        kinds = []
        if not entry["in_batch"]:
            kinds.append("http_requests")
        if not method.startswith("batch."):
            kinds.append("calls")
        self.totals.update(kinds)
        email = entry.get("account")
        if email is None:
            return
        counts = self.account_counters.setdefault(email, Counter())
        counts.update(kinds)
        charged = entry.get("quota_charged")
        if charged is not None:
            counts["quota_units" if charged else "rate_limited"] += 1

    def clear_counters(self) -> None:
        self.request_log.clear()
        self.counters.clear()
        self.totals.clear()
        self.account_counters.clear()

    # --- reset and persistence --------------------------------------------------------

    def reset(self) -> None:
        with self.lock:
            self.accounts.clear()
            self.clients.clear()
            self.access_tokens.clear()
            self.grants.clear()
            self.quotas.reset()
            self.faults.reset()
            self.clear_counters()
            self.clock.reset()
            for backend in self.backends.values():
                backend.reset()
            self.dirty = True

    def dump(self) -> dict[str, Any]:
        return {
            "version": 1,
            "clock_offset": self.clock.offset,
            "accounts": [asdict(a) for a in self.accounts.values()],
            "clients": [asdict(c) for c in self.clients.values()],
            "access_tokens": [asdict(t) for t in self.access_tokens.values()],
            "grants": [asdict(g) for g in self.grants.values()],
            "quota_limits": dict(self.quotas.limits),
            "backends": {name: b.dump() for name, b in self.backends.items()},
        }

    def load(self, data: dict[str, Any]) -> None:
        self.clock.reset()
        self.clock.advance(float(data.get("clock_offset", 0.0)))
        self.accounts = {a["email"]: Account(**a) for a in data.get("accounts", [])}
        self.clients = {c["client_id"]: OAuthClient(**c) for c in data.get("clients", [])}
        self.access_tokens = {t["token"]: AccessToken(**t) for t in data.get("access_tokens", [])}
        self.grants = {g["refresh_token"]: Grant(**g) for g in data.get("grants", [])}
        self.quotas.limits.update(data.get("quota_limits", {}))
        for name, backend in self.backends.items():
            backend.load(data.get("backends", {}).get(name, {}))

    def save_if_dirty(self) -> None:
        """Write the state file atomically when something changed (``--state FILE``)."""
        if self.state_file is None or not self.dirty:
            return
        with self.lock:
            data = json.dumps(self.dump(), ensure_ascii=False)
            self.dirty = False
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.state_file.parent, prefix=".fakegoogle-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(tmp, self.state_file)

    def load_file(self) -> None:
        if self.state_file is not None and self.state_file.exists():
            with self.lock:
                try:
                    self.load(json.loads(self.state_file.read_text(encoding="utf-8")))
                except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
                    # Refuse to start rather than overwrite the file with an empty state.
                    raise StateFileError(
                        f"cannot read the emulator state file {self.state_file}: {exc}; "
                        "repair or delete it, or name another file"
                    ) from exc
                self.dirty = False
