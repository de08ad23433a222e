"""``crmsync fakegoogle``: run the local Google emulator in the foreground
(``crmsync fakegoogle phone …`` changes a running emulator's data as a phone would:
:mod:`crmsync.commands.phone`).

The first line it prints is the base URL, flushed at once, so a script or a test can start
it with ``--port 0`` and read where it listens; then it serves until Ctrl-C or SIGTERM,
and saves its state (``--state FILE``) on the way out.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``fakegoogle`` subcommand."""
    parser = subparsers.add_parser(
        "fakegoogle",
        help="run the local Google emulator (Calendar, People, OAuth) in the foreground",
        description=(
            "Serve a local emulator of Google Calendar v3, People v1 and OAuth 2.0 on a loopback "
            "port. The first line printed is its base URL; point crmsync at it with "
            "--google-endpoint. Stop it with Ctrl-C."
        ),
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="loopback address to listen on: 127.0.0.1, ::1 or localhost (default: 127.0.0.1)",
    )
    parser.add_argument(
        "--port", type=int, default=0, help="port to listen on; 0 picks a free one (default: 0)"
    )
    parser.add_argument(
        "--latency-ms", type=int, default=0, metavar="N", help="add N ms to every answer"
    )
    parser.add_argument(
        "--quota-per-minute",
        type=int,
        default=None,
        metavar="N",
        help="Calendar requests per minute per user (default: Google's 600)",
    )
    parser.add_argument(
        "--people-read-quota",
        type=int,
        default=None,
        metavar="N",
        help="People read requests per minute per user",
    )
    parser.add_argument(
        "--people-write-quota",
        type=int,
        default=None,
        metavar="N",
        help="People write requests per minute per user",
    )
    parser.add_argument(
        "--state",
        metavar="FILE",
        default=None,
        help="keep accounts, tokens, events and contacts in FILE across runs",
    )
    parser.set_defaults(func=run)
    from crmsync.commands import phone

    phone.register(parser)


def run(args: argparse.Namespace) -> int:
    from crmsync.fakegoogle import FakeGoogle
    from crmsync.fakegoogle.state import StateFileError

    try:
        server = FakeGoogle(
            args.host,
            args.port,
            latency_ms=args.latency_ms,
            quota_per_minute=args.quota_per_minute,
            state_file=args.state,
        )
    except StateFileError as exc:
        print(f"crmsync fakegoogle: {exc}", file=sys.stderr)
        return 2
    except ValueError:
        # The emulator hands out tokens to anyone who asks: never on a network interface.
        print(
            f"crmsync fakegoogle: refusing to listen on {args.host}: the emulator serves on "
            "a loopback address only (127.0.0.1, ::1 or localhost)",
            file=sys.stderr,
        )
        return 2
    quotas = server.state.quotas
    if args.people_read_quota is not None:
        quotas.set_limit("people_read", args.people_read_quota)
    if args.people_write_quota is not None:
        quotas.set_limit("people_write", args.people_write_quota)
    try:
        server.start()
    except OSError as exc:
        print(
            f"crmsync fakegoogle: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr
        )
        return 2
    print(server.base_url, flush=True)
    _wait_for_stop_signal()
    server.stop()
    return 0


def _wait_for_stop_signal() -> None:
    """Block until Ctrl-C or SIGTERM (the server runs on its own thread meanwhile)."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    # A bounded wait keeps the main thread responsive to signals on every platform.
    while not stop.wait(0.5):
        pass
