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
