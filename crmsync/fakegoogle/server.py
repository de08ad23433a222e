"""The emulator's HTTP server: a threaded server object with ``start()`` and ``stop()``."""

from __future__ import annotations

import contextlib
import importlib
import ipaddress
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from crmsync.fakegoogle.clock import Clock
from crmsync.fakegoogle.dispatch import Dispatcher, DropConnection
from crmsync.fakegoogle.http import Request, Router
from crmsync.fakegoogle.state import EmulatorState

log = logging.getLogger(__name__)

# Each module exposes install(state, router): registers its backend and routes.
SERVICE_MODULES = (
    "crmsync.fakegoogle.admin",
    "crmsync.fakegoogle.oauth",
    "crmsync.fakegoogle.calendar",
    "crmsync.fakegoogle.people",
)


def build(state: EmulatorState) -> Dispatcher:
    router = Router()
    for name in SERVICE_MODULES:
        importlib.import_module(name).install(state, router)
    return Dispatcher(state, router)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms stall
    server_version = "ESF"  # what Google's front end calls itself
    sys_version = ""
    dispatcher: Dispatcher

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = Request(method=self.command, target=self.path, headers=headers, body=body)
        try:
            response = self.dispatcher.handle(request)
        except DropConnection:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        payload = response.payload()
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Vary", "Origin, X-Origin, Referer")
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.debug("%s - %s", self.address_string(), format % args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class _Server6(_Server):
    address_family = socket.AF_INET6


def _make_server(host: str, port: int, handler: type[_Handler]) -> _Server:
    """An IPv4 server, or an IPv6 one for an IPv6 address such as ``::1``."""
    server_class = _Server6 if ":" in host else _Server
    return server_class((host, port), handler)


class FakeGoogle:
    """The local Google: Calendar v3, People v1 and OAuth 2.0 on one loopback port."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        latency_ms: int = 0,
        quota_per_minute: int | None = None,
        state_file: str | Path | None = None,
        clock: Clock | None = None,
    ) -> None:
        host = host.strip()
        if host.startswith("[") and host.endswith("]"):  # "[::1]", as in a URL
            host = host[1:-1]
        if not _is_loopback(host):
            raise ValueError(f"the emulator serves on loopback only, not on {host!r}")
        self.host = host
        self.port = port
        self.state = EmulatorState(clock=clock, state_file=Path(state_file) if state_file else None)
        self.dispatcher = build(self.state)
        self.state.load_file()
        self.state.faults.latency_ms = latency_ms
        if quota_per_minute is not None:
            self.state.quotas.set_limit("calendar", quota_per_minute)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the emulator is not started")
        host, port = self._server.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        if ":" in host:  # an IPv6 address goes in brackets in a URL
            host = f"[{host}]"
        return f"http://{host}:{port}"

    def start(self) -> FakeGoogle:
        handler = type("Handler", (_Handler,), {"dispatcher": self.dispatcher})
        self._server = _make_server(self.host, self.port, handler)
        self.state.base_url = self.base_url
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fakegoogle", daemon=True
        )
        self._thread.start()
        log.info("Google emulator listening on %s", self.base_url)
        return self

    def serve_forever(self) -> None:
        """Serve in the current thread (the ``crmsync fakegoogle`` command)."""
        if self._server is None:
            handler = type("Handler", (_Handler,), {"dispatcher": self.dispatcher})
            self._server = _make_server(self.host, self.port, handler)
            self.state.base_url = self.base_url
        self._server.serve_forever()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.state.save_if_dirty()

    def __enter__(self) -> FakeGoogle:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
