"""Sync and page tokens of ``connections.list``: opaque to clients, checked on the way back.

A token carries the address book's epoch (new after an emulator reset), the change number
it stands for, and when the full sync it descends from began: Google documents that sync
tokens expire seven days after the full sync, so incremental syncs hand that time on
rather than restarting the clock. A checksum makes a garbled token a 400, not a guess.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any

from crmsync.fakegoogle.people import exceptions as errors

SYNC_TOKEN_LIFETIME = 7 * 24 * 3600


def encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    checksum = zlib.crc32(raw).to_bytes(4, "big")
    return base64.urlsafe_b64encode(checksum + raw).decode().rstrip("=")


def decode(token: str, kind: str) -> dict[str, Any]:
    """The payload of a token of ``kind`` ("sync" or "page"); 400 INVALID_ARGUMENT otherwise."""
    try:
        blob = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        checksum, raw = blob[:4], blob[4:]
        if zlib.crc32(raw).to_bytes(4, "big") != checksum:
            raise ValueError("checksum")
        payload = json.loads(raw)
        if not isinstance(payload, dict) or payload.get("k") != kind:
            raise ValueError("kind")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise errors.invalid_argument() from None
    return payload


def account_tag(email: str) -> int:
    """Binds a token to its account: another user's token is not valid here."""
    return zlib.crc32(email.lower().encode())


def params_tag(values: list[str | None]) -> int:
    """The request parameters a page token must be used with again."""
    return zlib.crc32("\x00".join(v or "" for v in values).encode())


def read_sync_token(
    token: str, kind: str, *, me: int, epoch: Any, seq: int, now: float
) -> tuple[int, float]:
    """(the change number, the full listing's start time) a sync token carries; 400 for
    another account's token, EXPIRED_SYNC_TOKEN for a stale or week-old one."""
    found = decode(token, kind)
    if found.get("a") != me:
        raise errors.invalid_argument()
    stale = found.get("e") != epoch or int(found.get("s", 0)) > seq
    if stale or now - float(found.get("t", 0)) > SYNC_TOKEN_LIFETIME:
        raise errors.sync_token_expired()
    return int(found["s"]), float(found["t"])


def read_page_token(
    token: str, kind: str, *, me: int, epoch: Any, params: int
) -> tuple[int, int, float]:
    """(the snapshot, the cursor, the listing's start time) a page token carries; 400 when
    it is another account's, another epoch's, or was made with other parameters."""
    page = decode(token, kind)
    if page.get("a") != me or page.get("e") != epoch:
        raise errors.invalid_argument()
    if page.get("h") != params:
        raise errors.invalid_argument(
            "Parameters sent with a page token must match the call that returned it."
        )
    return int(page["s"]), int(page["c"]), float(page["t"])
