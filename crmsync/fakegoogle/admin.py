"""The emulator's own control surface under ``/_emulator/`` (JSON; not part of Google's API).

Tests and the demo use it to reset, move the clock, create accounts, configure OAuth
clients (Testing mode, test users, disabled APIs), set quotas and faults, and read the
request log and counters. The Calendar and People services add their own ``/_emulator/``
routes to act on events and contacts as a phone would (``calendar/admin.py`` lists the
Calendar ones, sync-token expiry included). The control surface itself is never slowed
down, failed by a fault, counted or charged against a quota.

Latency
    ``GET|POST /_emulator/latency`` ``{"latency_ms": 50, "batch_part_latency_ms": 0}``:
    ``latency_ms`` is added to every HTTP request (a batch is one request: it waits once),
    ``batch_part_latency_ms`` to each call inside a batch. ``POST /_emulator/faults``
    ``{"latency_ms": 50}`` sets the first one too; ``crmsync fakegoogle --latency-ms N``
    starts with it.

Quotas (per user, per minute, sliding window on the emulator clock)
    ``GET|POST /_emulator/quotas`` ``{"calendar": 600, "people_read": 180,
    "people_write": 90, "calendar_error": "403 rateLimitExceeded"}`` (any subset; ``null``
    lifts a limit; setting clears the usage so far). ``calendar_error`` is the answer over
    the limit: ``"403 rateLimitExceeded"``, ``"403 userRateLimitExceeded"`` or ``"429
    rateLimitExceeded"`` (a 429 carries Retry-After). Every call inside a batch counts.

Faults
    ``POST /_emulator/faults`` ``{"match": "calendar.events.insert", "kind": "500",
    "rate": 1.0, "count": 1, "skip": 0, "in_batch": true, "latency_ms": 0,
    "retry_after": 1}`` adds one (see ``faults.py`` for the kinds); ``match`` is a Google
    method id or glob (``batch.calendar`` is a batch envelope); ``in_batch: true`` aims at
    calls inside batches only, so one part of a batch can fail alone. ``GET`` lists them
    with their ``seen``/``hits``, ``DELETE`` removes them all (latency stays).

Counters and log
    ``GET /_emulator/counters``: ``counters`` (calls per Google method id, batch envelopes
    as ``batch.calendar``/``batch.people``), ``total`` (their sum), ``http_requests``
    (HTTP exchanges), ``calls`` (API calls, batch parts included) and ``accounts``:
    per e-mail ``http_requests``, ``calls``, ``quota_units`` (calls counted against the
    quota) and ``rate_limited`` (calls it refused). ``POST /_emulator/counters/reset``
    zeroes them and the log. ``GET /_emulator/requests?method=ID&account=EMAIL``: the log.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from crmsync.fakegoogle.exceptions import GoogleAPIError
from crmsync.fakegoogle.http import Request, Response, Route, Router
from crmsync.fakegoogle.state import EmulatorState

DEFAULT_TEST_SCOPES = [
    "https://www.googleapis.com/auth/calendar.events",
    "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
    "https://www.googleapis.com/auth/contacts",
    "openid",
    "https://www.googleapis.com/auth/userinfo.email",
]


def _bad(message: str) -> GoogleAPIError:
    return GoogleAPIError(400, "badRequest", message)


def reset(request: Request, state: EmulatorState) -> Response:
    state.reset()
    return Response(200, {"reset": True})


def clock_get(request: Request, state: EmulatorState) -> Response:
    return Response(200, {"now": state.clock.time(), "offset": state.clock.offset})


def clock_advance(request: Request, state: EmulatorState) -> Response:
    body = request.json()
    seconds = float(body.get("seconds", 0)) + 60 * float(body.get("minutes", 0))
    seconds += 3600 * float(body.get("hours", 0)) + 86400 * float(body.get("days", 0))
    if seconds < 0:
        raise _bad("the emulator clock only moves forward")
    state.clock.advance(seconds)
    state.dirty = True
    return Response(200, {"now": state.clock.time(), "offset": state.clock.offset})


def accounts_list(request: Request, state: EmulatorState) -> Response:
    return Response(200, {"accounts": [asdict(a) for a in state.accounts.values()]})


def accounts_create(request: Request, state: EmulatorState) -> Response:
    body = request.json()
    email = str(body.get("email", "")).strip()
    if "@" not in email:
        raise _bad("an account needs an e-mail address")
    account = state.account(email)
    assert account is not None
    if body.get("name"):
        account.name = str(body["name"])
    return Response(200, asdict(account))


def tokens_create(request: Request, state: EmulatorState) -> Response:
    """Hand out an access token directly (tests that are not about the OAuth dance)."""
    body = request.json()
    email = str(body.get("email", "")).strip()
    if "@" not in email:
        raise _bad("a token needs the account's e-mail")
    state.account(email)
    scopes = list(body.get("scopes") or DEFAULT_TEST_SCOPES)
    client_id = str(body.get("client_id") or "emulator-test-client")
    lifetime = float(body.get("expires_in", 3600))
    result: dict[str, Any] = {"token_type": "Bearer", "expires_in": int(lifetime)}
    if body.get("refresh", False):
        grant = state.issue_grant(email, client_id, scopes)
        result["refresh_token"] = grant.refresh_token
        token = state.issue_access_token(email, client_id, scopes, grant.grant_id, lifetime)
    else:
        token = state.issue_access_token(email, client_id, scopes, lifetime=lifetime)
    result["access_token"] = token.token
    result["scope"] = " ".join(scopes)
    return Response(200, result)


def clients_configure(request: Request, state: EmulatorState) -> Response:
    body = request.json()
    client_id = str(body.get("client_id", "")).strip()
    if not client_id:
        raise _bad("client_id is required")
    client = state.client(client_id)
    if body.get("blocked_user", "redirect") not in ("redirect", "page"):
        raise _bad("blocked_user is 'redirect' or 'page'")
    for key in ("client_secret", "testing_mode", "test_users", "disabled_apis", "blocked_user"):
        if key in body:
            setattr(client, key, body[key])
    state.dirty = True
    return Response(200, asdict(client))


def clients_list(request: Request, state: EmulatorState) -> Response:
    return Response(200, {"clients": [asdict(c) for c in state.clients.values()]})


def quotas_get(request: Request, state: EmulatorState) -> Response:
    quotas = state.quotas
    return Response(200, {"limits": dict(quotas.limits), "calendar_error": quotas.calendar_error})


def quotas_set(request: Request, state: EmulatorState) -> Response:
    body = request.json()
    for key, value in body.items():
        if key == "calendar_error":
            try:
                state.quotas.set_calendar_error(str(value))
            except ValueError as exc:
                raise _bad(str(exc)) from None
            continue
        if key not in ("calendar", "people_read", "people_write"):
            raise _bad(
                f"unknown quota {key!r}: calendar, people_read, people_write or calendar_error"
            )
        state.quotas.set_limit(key, None if value is None else int(value))
    state.quotas.clear_usage()
    state.dirty = True
    return quotas_get(request, state)


def faults_get(request: Request, state: EmulatorState) -> Response:
    return Response(
        200,
        {
            "faults": [f.to_dict() for f in state.faults.faults],
            "latency_ms": state.faults.latency_ms,
        },
    )


def latency_get(request: Request, state: EmulatorState) -> Response:
    faults = state.faults
    return Response(
        200,
        {"latency_ms": faults.latency_ms, "batch_part_latency_ms": faults.batch_part_latency_ms},
    )


def latency_set(request: Request, state: EmulatorState) -> Response:
    body = request.json()
    values = {}
    for key in ("latency_ms", "batch_part_latency_ms"):
        if key in body:
            try:
                values[key] = int(body[key])
            except (TypeError, ValueError):
                raise _bad(f"{key} is a whole number of milliseconds") from None
            if values[key] < 0:
                raise _bad(f"{key} cannot be negative")
    unknown = set(body) - {"latency_ms", "batch_part_latency_ms"}
    if unknown:
        raise _bad(f"unknown setting {sorted(unknown)[0]!r}: latency_ms or batch_part_latency_ms")
    for key, value in values.items():
        setattr(state.faults, key, value)
    return latency_get(request, state)


def faults_add(request: Request, state: EmulatorState) -> Response:
    body = request.json()
    if "latency_ms" in body and "kind" not in body and "match" not in body:
        state.faults.latency_ms = int(body["latency_ms"])
        return faults_get(request, state)
    try:
        fault = state.faults.add(body)
    except (TypeError, ValueError) as exc:
        raise _bad(str(exc)) from None
    return Response(200, fault.to_dict())


def faults_clear(request: Request, state: EmulatorState) -> Response:
    with state.lock:
        state.faults.faults.clear()
    return Response(200, {"faults": []})


def requests_log(request: Request, state: EmulatorState) -> Response:
    entries = list(state.request_log)
    method = request.arg("method")
    if method:
        entries = [e for e in entries if e["method"] == method]
    account = request.arg("account")
    if account:
        entries = [e for e in entries if e["account"] == account.strip().lower()]
    return Response(200, {"requests": entries})


def counters(request: Request, state: EmulatorState) -> Response:
    keys = ("http_requests", "calls", "quota_units", "rate_limited")
    with state.lock:
        body = {
            "counters": dict(state.counters),
            "total": sum(state.counters.values()),
            "http_requests": state.totals["http_requests"],
            "calls": state.totals["calls"],
            "accounts": {
                email: {key: counts[key] for key in keys}
                for email, counts in state.account_counters.items()
            },
        }
    return Response(200, body)


def counters_reset(request: Request, state: EmulatorState) -> Response:
    with state.lock:
        state.clear_counters()
    return Response(200, {"counters": {}})


def install(state: EmulatorState, router: Router) -> None:
    def r(method: str, path: str, handler: Any, name: str) -> Route:
        return Route(method, "/_emulator" + path, handler, "emulator." + name)

    router.extend(
        [
            r("POST", "/reset", reset, "reset"),
            r("GET", "/clock", clock_get, "clock.get"),
            r("POST", "/clock/advance", clock_advance, "clock.advance"),
            r("GET", "/accounts", accounts_list, "accounts.list"),
            r("POST", "/accounts", accounts_create, "accounts.create"),
            r("POST", "/tokens", tokens_create, "tokens.create"),
            r("GET", "/clients", clients_list, "clients.list"),
            r("POST", "/clients", clients_configure, "clients.configure"),
            r("GET", "/quotas", quotas_get, "quotas.get"),
            r("POST", "/quotas", quotas_set, "quotas.set"),
            r("GET", "/latency", latency_get, "latency.get"),
            r("POST", "/latency", latency_set, "latency.set"),
            r("GET", "/faults", faults_get, "faults.get"),
            r("POST", "/faults", faults_add, "faults.add"),
            r("DELETE", "/faults", faults_clear, "faults.clear"),
            r("GET", "/requests", requests_log, "requests.list"),
            r("GET", "/counters", counters, "counters.get"),
            r("POST", "/counters/reset", counters_reset, "counters.reset"),
        ]
    )
