"""Calendar emulator test helpers: event bodies, error capture, Google's error bodies."""

from __future__ import annotations

import json
from typing import Any

import pytest
from googleapiclient.errors import HttpError

ALICE = "alice@example.com"
BOB = "bob@example.com"


def timed(start: str, end: str, **extra: Any) -> dict[str, Any]:
    """An event body with offset-qualified start/end."""
    return {"start": {"dateTime": start}, "end": {"dateTime": end}, **extra}


def error_of(request: Any) -> tuple[int, dict[str, Any]]:
    """Execute a request expected to fail; its HTTP status and JSON error body."""
    with pytest.raises(HttpError) as info:
        request.execute()
    content = info.value.content
    return info.value.resp.status, json.loads(content) if content else {}


def google_error(code: int, reason: str, message: str, domain: str = "global", **item: str):
    """Google's classic error body, for exact comparisons."""
    status = {
        400: "INVALID_ARGUMENT",
        403: "PERMISSION_DENIED",
        404: "NOT_FOUND",
        409: "ALREADY_EXISTS",
        410: "NOT_FOUND",
        412: "FAILED_PRECONDITION",
    }[code]
    entry = {"domain": domain, "reason": reason, "message": message, **item}
    return {"error": {"errors": [entry], "code": code, "message": message, "status": status}}
