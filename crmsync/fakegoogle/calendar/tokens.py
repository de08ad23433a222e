"""Opaque page and sync tokens: signed, so a garbled token is recognised as such.

Google's tokens are opaque base64 blobs; clients must not parse them. Ours carry a small
JSON payload and an HMAC with the backend's secret, which makes a hand-edited or truncated
token fail verification (page token → 400, sync token → 410 fullSyncRequired).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

_SIG_BYTES = 12


def encode(secret: bytes, kind: str, payload: dict[str, Any]) -> str:
    raw = json.dumps({"k": kind, **payload}, separators=(",", ":")).encode()
    sig = hmac.new(secret, raw, hashlib.sha256).digest()[:_SIG_BYTES]
    return base64.urlsafe_b64encode(sig + raw).decode().rstrip("=")


def decode(secret: bytes, kind: str, token: str) -> dict[str, Any] | None:
    """The payload of a token of ``kind`` made with ``secret``; None for anything else."""
    try:
        blob = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    sig, raw = blob[:_SIG_BYTES], blob[_SIG_BYTES:]
    expected = hmac.new(secret, raw, hashlib.sha256).digest()[:_SIG_BYTES]
    if len(sig) != _SIG_BYTES or not hmac.compare_digest(sig, expected):
        return None
    try:
        payload = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(payload, dict) or payload.pop("k", None) != kind:
        return None
    return payload
