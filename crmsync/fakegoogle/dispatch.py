"""The request pipeline: faults, authentication, API enablement, scopes, quotas, handler.

Every request, and every call inside a batch, goes through ``Dispatcher.handle`` once, so
counters, quotas and the request log see batch parts one by one.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import parse_qs

from crmsync.fakegoogle import exceptions as errors
from crmsync.fakegoogle.batch import parse_batch, render_batch
from crmsync.fakegoogle.exceptions import EmulatorError
from crmsync.fakegoogle.faults import AFTER_KINDS, Fault
from crmsync.fakegoogle.http import Request, Response, Route, Router
from crmsync.fakegoogle.state import SERVICE_NAMES, SERVICE_TITLES, EmulatorState

log = logging.getLogger(__name__)

BATCH_PATHS = {"/batch/calendar/v3": "calendar", "/batch": "people", "/batch/people/v1": "people"}


class DropConnection(Exception):
    """Raised to make the server close the socket without answering."""


def _apply_method_override(request: Request) -> None:
    """Honour ``X-HTTP-Method-Override`` as Google's front end does.

    google-api-python-client turns a GET whose URL exceeds 2048 characters (a
    ``people:batchGet`` of 200 names) into a POST with this header and the query string
    as a form body.
    """
    override = request.header("x-http-method-override")
    if request.method != "POST" or not override:
        return
    request.method = override.upper()
    content_type = request.header("content-type") or ""
    if content_type.startswith("application/x-www-form-urlencoded"):
        form = parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
        for name, values in form.items():
            request.query.setdefault(name, []).extend(values)
        request.body = b""


class Dispatcher:
    def __init__(self, state: EmulatorState, router: Router) -> None:
        self.state = state
        self.router = router

    # --- entry points -----------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        """Answer one request (outer requests only may raise DropConnection)."""
        if request.method == "POST" and request.path in BATCH_PATHS:
            return self._handle_batch(request, BATCH_PATHS[request.path])
        return self._handle_one(request)

    # --- one call ---------------------------------------------------------------------

    def _handle_one(self, request: Request) -> Response:
        _apply_method_override(request)
        route, params, path_known = self.router.match(request.method, request.path)
        name = route.name if route else "unknown"
        started = time.monotonic()
        try:
            if route is None:
                if path_known:
                    raise errors.GoogleAPIError(405, "httpMethodNotAllowed", "Method Not Allowed")
                raise errors.not_found_route(request.path)
            request.params = params
            # the control surface is never slowed down nor broken
            after = (
                []
                if name.startswith("emulator.")
                else self._inject_faults(request, name, route.api)
            )
            response = self._call(route, request)
            self._lose_answer(request, after)
        except EmulatorError as exc:
            response = Response(exc.code, exc.body(), headers=exc.headers())
        except DropConnection:
            self._log(request, name, None, started)
            raise
        except Exception:  # an emulator bug must look like Google's 500, and be visible
            log.exception("emulator handler failed for %s %s", request.method, request.path)
            exc2 = errors.backend_error()
            response = Response(exc2.code, exc2.body())
        self._log(request, name, response.status, started)
        return response

    def _call(self, route: Route, request: Request) -> Response:
        state = self.state
        with state.lock:
            if route.api is not None:
                self._authorise(route, request)
            response = route.handler(request, state)
        state.save_if_dirty()
        return response

    def _authorise(self, route: Route, request: Request) -> None:
        state = self.state
        header = request.header("authorization") or ""
        scheme, _, value = header.partition(" ")
        token = state.lookup_access_token(value.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise errors.unauthenticated()
        api = route.api or ""
        client = state.client(token.client_id)
        if api in client.disabled_apis:
            raise errors.api_not_enabled(SERVICE_NAMES.get(api, api), SERVICE_TITLES.get(api, api))
        if route.scopes and not set(route.scopes) & set(token.scopes):
            raise errors.insufficient_scopes(SERVICE_NAMES.get(api, api))
        request.token = token  # the log names the account of a rate-limited call too
        quotas = state.quotas
        bucket = quotas.bucket_for(api, route.kind)
        now = state.clock.time()
        request.quota_charged = quotas.try_acquire(token.email, bucket, now)
        if not request.quota_charged:
            wait = quotas.retry_after(token.email, bucket, now)
            if api == "people":
                if route.kind == "write":
                    raise errors.people_rate_limited(
                        "Critical write requests",
                        "Critical write requests per minute per user",
                        wait,
                    )
                raise errors.people_rate_limited(
                    "Read requests", "Read requests per minute per user", wait
                )
            raise errors.calendar_rate_limited(quotas.calendar_error, wait)
        request.account = state.account(token.email)

    def _inject_faults(self, request: Request, name: str, api: str | None) -> list[Fault]:
        """Sleep and raise as the faults firing for this request say; the faults that strike
        once the call is carried out (``500after``, ``dropAfter``) are returned."""
        faults = self.state.faults
        delay = faults.batch_part_latency_ms if request.in_batch else faults.latency_ms
        with self.state.lock:
            fired = faults.pick(name, request.path, request.in_batch)
        for fault in fired:
            delay += fault.latency_ms if fault.kind == "latency" else 0
        if delay:
            time.sleep(delay / 1000.0)
        for fault in fired:
            if fault.kind == "500":
                raise errors.backend_error()
            if fault.kind == "503":
                raise errors.service_unavailable()
            if fault.kind == "429":
                if api == "people":
                    raise errors.people_rate_limited(
                        "Critical write requests",
                        "Critical write requests per minute per user",
                        fault.retry_after,
                    )
                raise errors.calendar_rate_limited("429 rateLimitExceeded", fault.retry_after)
            if fault.kind == "403rate":
                raise errors.calendar_rate_limited("403 rateLimitExceeded")
            if fault.kind == "403userRate":
                raise errors.calendar_rate_limited("403 userRateLimitExceeded")
            if fault.kind == "403quota":
                raise errors.calendar_usage_limits()
            if fault.kind == "drop":
                if request.in_batch:  # a part cannot drop the socket it shares: a 500 part
                    raise errors.backend_error()
                raise DropConnection()
        return [fault for fault in fired if fault.kind in AFTER_KINDS]

    @staticmethod
    def _lose_answer(request: Request, after: list[Fault]) -> None:
        """The call was carried out, but its answer is lost: a 500, or a dropped socket."""
        for fault in after:
            if fault.kind == "dropAfter" and not request.in_batch:
                raise DropConnection()
            raise errors.backend_error()

    # --- batch ------------------------------------------------------------------------

    def _handle_batch(self, request: Request, api: str) -> Response:
        started = time.monotonic()
        name = f"batch.{api}"
        try:
            after = self._inject_faults(request, name, api)
            with self.state.lock:
                header = request.header("authorization") or ""
                if header:
                    token = self.state.lookup_access_token(header.partition(" ")[2].strip())
                    if token is None:
                        raise errors.unauthenticated()
                    request.token = token
            parts = parse_batch(request.header("content-type") or "", request.body)
            answers = []
            for part in parts:
                inner = part.request
                if "authorization" not in inner.headers and header:
                    inner.headers["authorization"] = header
                answers.append((part.content_id, self._handle_one(inner)))
            response = render_batch(answers)
            self._lose_answer(request, after)
        except EmulatorError as exc:
            response = Response(exc.code, exc.body(), headers=exc.headers())
        except DropConnection:
            self._log(request, name, None, started)
            raise
        self._log(request, name, response.status, started)
        return response

    # --- log --------------------------------------------------------------------------

    def _log(self, request: Request, name: str, status: int | None, started: float) -> None:
        if name.startswith("emulator."):  # the control surface is not Google traffic
            return
        entry: dict[str, Any] = {
            "time": self.state.clock.time(),
            "method": name,
            "http_method": request.method,
            "path": request.path,
            "status": status,
            "in_batch": request.in_batch,
            "account": request.token.email if request.token else None,
            "quota_charged": request.quota_charged,
            "ms": round((time.monotonic() - started) * 1000, 2),
        }
        with self.state.lock:
            self.state.record(entry)
